/* secuencia-window-script.c: “Open Script…” and dropped .fountain files.
 *
 * With a project open, the script replaces its screenplay (lines that did
 * not change keep their audio). Without one, the project beside the script
 * (Play.fountain -> Play.secuencia) is opened, or created, and the script
 * imported into it. Parsing and the one-transaction write take
 * milliseconds even for a feature-length script, so they run here, on the
 * thread that owns the project's connection. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "secuencia-file-chooser.h"
#include "secuencia-scratch-voices.h"
#include "secuencia-cast-window.h"
#include "secuencia-window-private.h"

/* Problems listed in the dialog; the rest are counted. */
#define MAX_PROBLEMS_SHOWN 12

gboolean
_secuencia_window_is_script_file (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return base != NULL && g_str_has_suffix (base, ".fountain");
}

static char *
project_path_for_script (GFile *script)
{
  g_autofree char *path = g_file_get_path (script);
  char *dot;

  if (path == NULL)
    return NULL;
  dot = strrchr (path, '.');
  if (dot != NULL && strchr (dot, '/') == NULL)
    *dot = '\0';
  return g_strconcat (path, ".secuencia", NULL);
}

static void
remove_project_file (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* A toast when everything was understood (returned), else a dialog. */
static AdwToast *
report (SecuenciaWindow         *self,
        GFile                   *file,
        SecuenciaFountainScript *script,
        guint                    n_elements,
        guint                    kept)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *escaped = g_markup_escape_text (base, -1);
  g_autofree char *title = NULL;

  if (kept > 0)
    title = g_strdup_printf (ngettext ("Imported “%s”: %u line kept its audio",
                                       "Imported “%s”: %u lines kept their audio", kept),
                             escaped, kept);
  else
    title = g_strdup_printf (ngettext ("Imported “%s” (%u element)",
                                       "Imported “%s” (%u elements)", n_elements),
                             escaped, n_elements);

  if (script->problems->len == 0)
    return _secuencia_window_toast (self, title);
  {
    g_autoptr(GString) body = g_string_new (NULL);

    g_string_append_printf (body,
                            ngettext ("“%s” was imported as far as it could be read. %u part was not understood:",
                                      "“%s” was imported as far as it could be read. %u parts were not understood:",
                                      script->problems->len),
                            base, script->problems->len);
    g_string_append_c (body, '\n');
    for (guint i = 0; i < script->problems->len && i < MAX_PROBLEMS_SHOWN; i++)
      {
        SecuenciaFountainProblem *problem = script->problems->pdata[i];
        g_string_append_printf (body, "\n• %s", problem->message);
      }
    if (script->problems->len > MAX_PROBLEMS_SHOWN)
      {
        guint more = script->problems->len - MAX_PROBLEMS_SHOWN;
        g_string_append_c (body, '\n');
        g_string_append_printf (body, ngettext ("…and %u more", "…and %u more", more), more);
      }
    _secuencia_window_show_error (self, _("Parts of the Script Were Not Understood"), body->str);
  }
  return NULL;
}

void
secuencia_window_import_script (SecuenciaWindow *self,
                                GFile           *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaFountainScript) script = NULL;
  guint n_elements = 0, kept = 0;
  gboolean undoable = FALSE;
  AdwToast *toast;

  g_return_if_fail (SECUENCIA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (secuencia_window_is_busy (self))
    {
      _secuencia_window_toast (self, _("Wait for the export to finish before opening a script"));
      return;
    }
  if (_secuencia_window_readonly_refuse (self))
    return;

  if (self->project == NULL)
    {
      g_autofree char *path = project_path_for_script (file);
      g_autoptr(SecuenciaProject) project = NULL;
      gboolean created;

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);
          g_autofree char *message = g_strdup_printf (_("“%s” is not a local file, so no project can be made beside it"), uri);
          _secuencia_window_show_error (self, _("Could Not Open the Script"), message);
          return;
        }
      created = !g_file_test (path, G_FILE_TEST_EXISTS);
      project = secuencia_project_open (path, created ? SECUENCIA_PROJECT_OPEN_CREATE
                                                      : SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
      if (project != NULL)
        script = secuencia_project_import_script (project, file, &n_elements, &kept, NULL, &error);
      g_clear_object (&project);
      if (script == NULL)
        {
          if (created)
            remove_project_file (path);
          _secuencia_window_show_error (self, _("Could Not Open the Script"), error->message);
          return;
        }
      if (!secuencia_window_open_project (self, path, &error))
        {
          _secuencia_window_show_error (self, _("Could Not Open the Project"), error->message);
          return;
        }
    }
  else
    {
      SecuenciaProjectSnapshot *before = _secuencia_window_snapshot (self, SECUENCIA_SNAPSHOT_SCRIPT);

      script = secuencia_project_import_script (self->project, file, &n_elements, &kept, NULL, &error);
      if (script == NULL)
        {
          g_clear_pointer (&before, secuencia_project_snapshot_free);
          _secuencia_window_show_error (self, _("Could Not Open the Script"), error->message);
          return;
        }
      /* One undo step; the title, the list and the timeline's links to
       * the lines as stored now. */
      _secuencia_window_push_snapshot (self, before, SECUENCIA_SNAPSHOT_SCRIPT, _("Import Script"));
      _secuencia_window_screenplay_restored (self);
      undoable = TRUE;
    }
  toast = report (self, file, script, n_elements, kept);
  if (toast != NULL && undoable)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
}

static void
script_chosen (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (object);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  files = secuencia_file_chooser_open_finish (result, &error);
  if (files == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _secuencia_window_show_error (self, _("Could Not Choose a Script"), error->message);
      return;
    }
  if (self->disposed || files->len == 0)
    return;
  secuencia_window_import_script (self, files->pdata[0]);
}

static void
open_script_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Fountain Screenplays"));
  gtk_file_filter_add_pattern (filter, "*.fountain");
  gtk_file_filter_add_mime_type (filter, "text/x-fountain");
  secuencia_file_chooser_open_async (GTK_WINDOW (self), _("Open Script"), _("_Open"),
                                     filter, FALSE, script_chosen, NULL);
}

/* ---- scratch voices ---- */

typedef struct
{
  SecuenciaWindow *self;   /* a reference */
  guint            done;
  guint            total;
} VoiceProgress;

static gboolean
show_voice_progress (gpointer user_data)
{
  VoiceProgress *progress = user_data;
  SecuenciaWindow *self = progress->self;

  if (!self->disposed && self->voices_toast != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Voicing line %u of %u…"), progress->done, progress->total);
      adw_toast_set_title (self->voices_toast, title);
    }
  return G_SOURCE_REMOVE;
}

static void
voice_progress_free (gpointer user_data)
{
  VoiceProgress *progress = user_data;

  g_object_unref (progress->self);
  g_free (progress);
}

/* Worker thread: hand the count to the main thread. */
static void
on_voice_progress (guint done, guint total, const char *character, gpointer user_data)
{
  VoiceProgress *progress = g_new0 (VoiceProgress, 1);

  progress->self = g_object_ref (user_data);
  progress->done = done;
  progress->total = total;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_voice_progress, progress, voice_progress_free);
}

typedef struct
{
  SecuenciaWindow          *self;     /* a reference */
  SecuenciaProjectSnapshot *before;   /* for undo; nullable */
} VoicesRun;

static void
voices_run_free (VoicesRun *run)
{
  g_object_unref (run->self);
  g_clear_pointer (&run->before, secuencia_project_snapshot_free);
  g_free (run);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VoicesRun, voices_run_free)

static void
voices_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VoicesRun) run = user_data;
  SecuenciaWindow *self = run->self;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gboolean ok = secuencia_scratch_voices_finish (result, &n, &error);

  self->imports_running--;
  if (self->cancellable != NULL)
    g_signal_handlers_disconnect_by_data (self->cancellable, self->voices_cancellable);
  g_clear_object (&self->voices_cancellable);
  if (self->voices_toast != NULL && !self->disposed)
    adw_toast_dismiss (self->voices_toast);
  g_clear_object (&self->voices_toast);
  if (self->disposed)
    return;

  /* The run, whole, cancelled or stopped by an error after some lines,
   * is one undo step. */
  _secuencia_window_push_snapshot (self, g_steal_pointer (&run->before), SECUENCIA_SNAPSHOT_DEFAULT,
                                   _("Make Scratch Voices"));
  _secuencia_window_screenplay_restored (self);
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _secuencia_window_show_error (self, _("Could Not Make the Scratch Voices"), error->message);
  else
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Gave %u line a scratch voice",
                                                             "Gave %u lines a scratch voice", n), n);
      _secuencia_window_toast (self, title);
    }
  _secuencia_window_emit_import_finished (self, n);
}

static void
scratch_voices_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  VoicesRun *run;

  if (self->project == NULL || secuencia_window_is_busy (self) || self->voices_cancellable != NULL)
    return;
  run = g_new0 (VoicesRun, 1);
  run->self = g_object_ref (self);
  run->before = _secuencia_window_snapshot (self, SECUENCIA_SNAPSHOT_DEFAULT);

  self->voices_cancellable = g_cancellable_new ();
  /* Closing the window cancels the window's work, this included. */
  g_signal_connect_swapped (self->cancellable, "cancelled",
                            G_CALLBACK (g_cancellable_cancel), self->voices_cancellable);
  self->imports_running++;
  self->voices_toast = g_object_ref (_secuencia_window_toast (self, _("Making scratch voices…")));
  adw_toast_set_timeout (self->voices_toast, 0);
  adw_toast_set_button_label (self->voices_toast, _("_Cancel"));
  adw_toast_set_action_name (self->voices_toast, "win.cancel-voices");
  _secuencia_window_update_actions (self);

  secuencia_scratch_voices_async (secuencia_project_get_path (self->project), FALSE,
                                  on_voice_progress, self, self->voices_cancellable,
                                  voices_done, run);
}

static void
cast_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  GtkWidget *cast;

  if (self->project == NULL)
    return;
  cast = secuencia_cast_window_new (GTK_WINDOW (self), self->project);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (cast), GTK_WIDGET (self));
#else
  gtk_window_present (GTK_WINDOW (cast));
#endif
}

static void
cancel_voices_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);

  if (self->voices_cancellable != NULL)
    g_cancellable_cancel (self->voices_cancellable);
}

void
_secuencia_window_class_script_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.scratch-voices", NULL, scratch_voices_action);
  gtk_widget_class_install_action (widget_class, "win.cast", NULL, cast_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-voices", NULL, cancel_voices_action);
  gtk_widget_class_install_action (widget_class, "win.open-script", NULL, open_script_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.open-script", NULL);
}

void
_secuencia_window_script_init (SecuenciaWindow *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GAction) captions = g_settings_create_action (self->settings, "export-captions");

  /* settings.export-captions: a check item in the main menu */
  g_action_map_add_action (G_ACTION_MAP (group), captions);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));
}
