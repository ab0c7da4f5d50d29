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

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(SecuenciaProject) project = NULL;
  GError *error = NULL;

  project = secuencia_project_open (data->project_path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  if (project == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

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
          g_autoptr(SecuenciaPeaks) peaks = NULL;
          g_autoptr(GError) peaks_error = NULL;

          data->n_imported++;
          /* Its waveform, from the file at hand. A failure is not the
           * import's: the window decodes missing waveforms again later. */
          peaks = secuencia_peaks_ensure (project, one.asset_id, file, cancellable, &peaks_error);
          if (peaks == NULL)
            g_debug ("%s", peaks_error->message);
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
  self->imports_running--;
  g_clear_object (&self->import_cancellable);
  if (self->disposed)
    return;

  _secuencia_window_reveal_progress (self, FALSE);
  secuencia_export_panel_set_progress (self->export_panel, NULL);
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
  g_autoptr(GTask) task = NULL;
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
  self->imports_running++;
  self->import_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->import_cancellable, G_CONNECT_SWAPPED);
  _secuencia_window_update_actions (self);

  /* Translators: title of the progress card while adding audio files */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Adding %u Audio File",
                                        "Adding %u Audio Files", n_files), n_files);
  secuencia_export_panel_set_title (self->export_panel, title);
  secuencia_export_panel_set_stage (self->export_panel, _("Reading the files…"));
  secuencia_export_panel_set_descriptions (self->export_panel, _("Progress of adding audio"),
                                           _("Stop adding files; the files already added stay (Escape)"));
  secuencia_export_panel_set_progress (self->export_panel, data->progress);
  _secuencia_window_reveal_progress (self, TRUE);

  task = g_task_new (self, self->import_cancellable, import_done, NULL);
  g_task_set_source_tag (task, secuencia_window_import_files);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  /* The worker stops between files (and mid-file, rolling that file back)
   * and returns what it did; the callback always runs. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, import_thread);
}
