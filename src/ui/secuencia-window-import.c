/* secuencia-window-import.c: adding audio files as screenplay lines.
 *
 * GstDiscoverer is blocking, so the files are imported in a worker thread
 * with its own connection to the project file. Each file is one write
 * transaction (the asset and its line together): a file is either added
 * whole or not at all, whatever happens (cancel, failure, kill -9). A file
 * that fails does not stop the others; at the end the window says how many
 * were added and which were not, and why. The progress card shows the file
 * being added with Cancel (Escape), which stops after the current file's
 * transaction is rolled back. */

#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-peaks-computer.h"
#include "secuencia-window-private.h"

#define MAX_LISTED_FAILURES 12

typedef struct
{
  char                    *project_path;
  GPtrArray               *files;         /* GFile */
  SecuenciaExportProgress *progress;
  /* Written by the worker, read after it returns */
  guint                    n_imported;
  GPtrArray               *failures;      /* messages naming file and cause */
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->project_path);
  g_ptr_array_unref (data->files);
  g_clear_object (&data->progress);
  g_ptr_array_unref (data->failures);
  g_free (data);
}

typedef struct
{
  GFile        *file;
  GCancellable *cancellable;
  gint64        asset_id;   /* out */
} ImportOne;

/* One file, inside its transaction: the asset and its line. */
static gboolean
import_one (SecuenciaProject  *project,
            gpointer           user_data,
            GError           **error)
{
  ImportOne *one = user_data;
  g_autofree char *base = g_file_get_basename (one->file);
  char *dot;
  gint64 asset_id;

  asset_id = secuencia_project_import_audio (project, one->file, one->cancellable, error);
  if (asset_id <= 0)
    return FALSE;
  one->asset_id = asset_id;

  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return secuencia_project_append_element (project, "", base, asset_id, error) > 0;
}

SecuenciaProject *
_secuencia_window_import_open_project (GTask      *task,
                                       const char *path)
{
  GError *error = NULL;
  SecuenciaProject *project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);

  if (project == NULL)
    g_task_return_error (task, error);
  return project;
}

void
_secuencia_window_import_store_peaks (SecuenciaProject *project,
                                      gint64            asset_id,
                                      GFile            *file,
                                      GCancellable     *cancellable)
{
  g_autoptr(SecuenciaPeaks) peaks = NULL;
  g_autoptr(GError) error = NULL;

  peaks = secuencia_peaks_ensure (project, asset_id, file, cancellable, &error);
  if (peaks == NULL)
    g_debug ("%s", error->message);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(SecuenciaProject) project = _secuencia_window_import_open_project (task, data->project_path);

  if (project == NULL)
    return;

  for (guint i = 0; i < data->files->len; i++)
    {
      GFile *file = g_ptr_array_index (data->files, i);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *message = NULL;
      g_autoptr(GError) local_error = NULL;
      ImportOne one = { file, cancellable, 0 };

      if (g_cancellable_is_cancelled (cancellable))
        break;

      /* Translators: progress of adding audio files: name, number, total */
      message = g_strdup_printf (_("Adding “%s” (%u of %u)"), display, i + 1, data->files->len);
      secuencia_export_progress_update (data->progress, (double) i / data->files->len, message);

      if (secuencia_project_transaction (project, import_one, &one, &local_error))
        {
          data->n_imported++;
          _secuencia_window_import_store_peaks (project, one.asset_id, file, cancellable);
        }
      else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* The store's messages name the file and the cause. */
        g_ptr_array_add (data->failures, g_strdup (local_error->message));
    }
  secuencia_export_progress_update (data->progress, 1.0, NULL);

  if (g_cancellable_is_cancelled (cancellable))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Adding audio was cancelled"));
  else
    g_task_return_boolean (task, TRUE);
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (object);
  ImportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint n = data->n_imported;
  guint total = data->files->len;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (!_secuencia_window_import_done (self))
    return;

  _secuencia_window_reload_elements (self);
  _secuencia_window_peaks_refresh (self);
  _secuencia_window_timeline_lines_added (self);
  _secuencia_window_update_actions (self);

  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The project itself could not be opened: nothing was added. */
      _secuencia_window_show_error (self, _("Could Not Add the Audio"), error->message);
    }
  else if (data->failures->len > 0)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *heading = NULL;

      if (n > 0)
        /* Translators: heading after adding files: added, total */
        heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u of %u File",
                                                "Added %u of %u Files", total), n, total);
      else
        heading = g_strdup (_("Could Not Add the Audio"));

      g_string_append (body, g_dngettext (GETTEXT_PACKAGE, "This file was not added:",
                                          "These files were not added:", data->failures->len));
      for (guint i = 0; i < data->failures->len && i < MAX_LISTED_FAILURES; i++)
        g_string_append_printf (body, "\n• %s", (char *) g_ptr_array_index (data->failures, i));
      if (data->failures->len > MAX_LISTED_FAILURES)
        {
          guint more = data->failures->len - MAX_LISTED_FAILURES;

          g_string_append (body, "\n");
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "…and %u more",
                                                     "…and %u more", more), more);
        }
      if (!ok)
        {
          g_string_append (body, "\n\n");
          g_string_append (body, _("Adding was cancelled; the files after that were not added."));
        }
      _secuencia_window_show_error (self, heading, body->str);
    }
  else if (!ok)
    {
      /* Translators: toast after Cancel: lines added, files chosen */
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Cancelled: added %u of %u file",
                                                             "Cancelled: added %u of %u files", total),
                                                n, total);
      _secuencia_window_toast (self, title);
    }
  else
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Added %u line", "Added %u lines", n), n);
      _secuencia_window_toast (self, title);
    }

  _secuencia_window_emit_import_finished (self, n);
}

gboolean
_secuencia_window_import_done (SecuenciaWindow *self)
{
  self->imports_running--;
  g_clear_object (&self->import_cancellable);
  if (self->disposed)
    return FALSE;
  _secuencia_window_reveal_progress (self, FALSE);
  secuencia_export_panel_set_progress (self->export_panel, NULL);
  return TRUE;
}

void
_secuencia_window_start_import (SecuenciaWindow         *self,
                                gpointer                 source_tag,
                                const char              *title,
                                const char              *stage,
                                const char              *description,
                                const char              *cancel_description,
                                SecuenciaExportProgress *progress,
                                gpointer                 task_data,
                                GDestroyNotify           task_data_free,
                                GTaskThreadFunc          thread_func,
                                GAsyncReadyCallback      done)
{
  g_autoptr(GTask) task = NULL;

  self->imports_running++;
  self->import_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->import_cancellable, G_CONNECT_SWAPPED);
  _secuencia_window_update_actions (self);

  secuencia_export_panel_set_title (self->export_panel, title);
  secuencia_export_panel_set_stage (self->export_panel, stage);
  secuencia_export_panel_set_descriptions (self->export_panel, description, cancel_description);
  secuencia_export_panel_set_progress (self->export_panel, progress);
  _secuencia_window_reveal_progress (self, TRUE);

  task = g_task_new (self, self->import_cancellable, done, NULL);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, task_data, task_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, thread_func);
}

void
_secuencia_window_cancel_import (SecuenciaWindow *self)
{
  g_assert (SECUENCIA_IS_WINDOW (self));

  if (self->import_cancellable != NULL)
    {
      secuencia_export_panel_set_stage (self->export_panel, _("Cancelling…"));
      g_cancellable_cancel (self->import_cancellable);
    }
}

void
secuencia_window_import_files (SecuenciaWindow  *self,
                               GFile           **files,
                               guint             n_files)
{
  g_autofree char *title = NULL;
  ImportData *data;

  g_return_if_fail (SECUENCIA_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (self->project == NULL)
    {
      _secuencia_window_toast (self, _("Open or create a project before adding audio"));
      return;
    }
  if (n_files == 0 || _secuencia_window_readonly_refuse (self) || !_secuencia_window_file_is_current (self))
    return;
  if (secuencia_window_is_busy (self))
    {
      _secuencia_window_toast (self, _("Wait for the export to finish before adding audio"));
      return;
    }

  data = g_new0 (ImportData, 1);
  data->project_path = g_strdup (secuencia_project_get_path (self->project));
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  data->failures = g_ptr_array_new_with_free_func (g_free);
  data->progress = secuencia_export_progress_new ();
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (data->files, g_object_ref (files[i]));

  /* Lines above this id are the import's: they get clips when it ends. */
  if (self->imports_running == 0)
    self->import_base_element = _secuencia_window_timeline_max_line (self);
  /* Translators: title of the progress card while adding audio files */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Adding %u Audio File",
                                        "Adding %u Audio Files", n_files), n_files);
  /* The worker stops between files (and mid-file, rolling that file back)
   * and returns what it did; the callback always runs. */
  _secuencia_window_start_import (self, secuencia_window_import_files, title, _("Reading the files…"),
                                  _("Progress of adding audio"),
                                  _("Stop adding files; the files already added stay (Escape)"),
                                  data->progress, data, (GDestroyNotify) import_data_free,
                                  import_thread, import_done);
}
