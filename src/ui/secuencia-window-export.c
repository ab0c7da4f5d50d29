/* secuencia-window-export.c: the export flow of the design card.
 *
 * win.export presents the save dialog at once: nothing is built and nothing
 * is read from the project before it (the suggested name comes from the
 * name cached when the project was opened). Dismissing it does nothing.
 * After a destination is chosen the timeline is built on the main context
 * from the screenplay (metadata only, stored in the project), then the
 * engine runs in the thread pool with only the project's path and the
 * timeline's id, reporting through a SecuenciaExportProgress that the
 * in-window panel follows.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "secuencia-alert.h"
#include "secuencia-exporter.h"
#include "secuencia-file-chooser.h"
#include "secuencia-preferences-window.h"
#include "secuencia-result-row.h"
#include "secuencia-screenplay-converter.h"
#include "secuencia-export-sidecars.h"
#include "secuencia-export-split.h"
#include "secuencia-window-private.h"

static void start_export (SecuenciaWindow *self,
                          GFile           *chosen,
                          gboolean         replace_confirmed);
static gboolean show_export_timeline (gpointer user_data);
static void drop_snapshot (SecuenciaWindow *self);

/* The format chosen in Preferences. */
static SecuenciaMixFormat
preferred_format (SecuenciaWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "export-format");
  const SecuenciaExportFormatInfo *info = secuencia_export_format_lookup (name);

  return info != NULL ? info->format : SECUENCIA_MIX_FORMAT_M4A;
}

char *
secuencia_window_dup_export_file_name (SecuenciaWindow *self)
{
  const char *name;
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), NULL);

  name = self->project_name != NULL ? self->project_name : "";
  out = g_string_new (NULL);
  /* Characters that are awkward or invalid in file names on common systems
   * (path separators, the ones Windows and many file managers reserve,
   * control characters) become "-" ("Act 1: Night" -> "Act 1 - Night");
   * leading dots (hidden files) and trailing dots and spaces go. */
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == ':' && p[1] == ' ' && out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append (out, " -");
      else if (strchr ("/\\:*?\"<>|", *p) != NULL || g_ascii_iscntrl (*p))
        g_string_append_c (out, '-');
      else if (*p == '.' && out->len == 0)
        continue;
      else
        g_string_append_c (out, *p);
    }
  while (out->len > 0 && (out->str[out->len - 1] == '.' || g_ascii_isspace (out->str[out->len - 1])))
    g_string_truncate (out, out->len - 1);
  while (out->len > 0 && g_ascii_isspace (out->str[0]))
    g_string_erase (out, 0, 1);
  if (out->len == 0)
    g_string_assign (out, _("Untitled"));
  g_string_append (out, secuencia_export_format_get_info (preferred_format (self))->extension);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GFile *
initial_folder (SecuenciaWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-export-folder");
  const char *music;

  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (last);
  music = g_get_user_special_dir (G_USER_DIRECTORY_MUSIC);
  if (music != NULL && g_file_test (music, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (music);
  return g_file_new_for_path (g_get_home_dir ());
}

/* A name typed without a known extension gets the preferred format's. */
static GFile *
with_format_suffix (SecuenciaWindow *self,
                    GFile           *file)
{
  g_autofree char *base = g_file_get_basename (file);
  const char *dot = strrchr (base, '.');
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;

  if (dot != NULL && dot != base && secuencia_export_format_lookup (dot + 1) != NULL)
    return g_object_ref (file);
  parent = g_file_get_parent (file);
  name = g_strconcat (base, secuencia_export_format_get_info (preferred_format (self))->extension,
                      NULL);
  return parent != NULL ? g_file_get_child (parent, name) : g_object_ref (file);
}

GFile *
_secuencia_window_destination_finish (SecuenciaWindow *self,
                                      GAsyncResult    *result,
                                      const char      *error_heading)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  self->choosing_destination = FALSE;
  file = secuencia_file_chooser_save_finish (result, &error);
  if (self->disposed)
    return NULL;
  _secuencia_window_update_actions (self);

  /* Dismissed: nothing happens. */
  if (file == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _secuencia_window_show_error (self, error_heading, error->message);
  return g_steal_pointer (&file);
}

static void
destination_chosen (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (object);
  g_autoptr(GFile) file = _secuencia_window_destination_finish (self, result,
                                                                _("Could Not Choose Where to Export"));

  if (file == NULL)
    return;

  start_export (self, file, FALSE);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  g_autoptr(GListStore) filters = NULL;
  g_autoptr(GtkFileFilter) preferred = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  static const SecuenciaMixFormat order[] = {
    SECUENCIA_MIX_FORMAT_M4A, SECUENCIA_MIX_FORMAT_M4B, SECUENCIA_MIX_FORMAT_MP3,
    SECUENCIA_MIX_FORMAT_FLAC, SECUENCIA_MIX_FORMAT_WAV24, SECUENCIA_MIX_FORMAT_OPUS,
  };

  if (self->project == NULL || secuencia_window_is_busy (self) ||
      (self->n_audio_elements == 0 && self->shown_timeline_id <= 0) ||
      !_secuencia_window_file_is_current (self))
    return;

  _secuencia_window_emit_export_dialog_requested (self);

  if (self->destination_override != NULL)
    {
      g_autoptr(GFile) destination = g_object_ref (self->destination_override);

      start_export (self, destination, FALSE);
      return;
    }

  /* One filter per format, the preferred one first; the name's extension
   * decides the format (the suggested name has the preferred one). */
  filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  for (guint pass = 0; pass < 2; pass++)
    for (gsize i = 0; i < G_N_ELEMENTS (order); i++)
      {
        const SecuenciaExportFormatInfo *info = secuencia_export_format_get_info (order[i]);
        g_autoptr(GtkFileFilter) filter = NULL;
        g_autofree char *pattern = NULL;

        if ((pass == 0) != (order[i] == preferred_format (self)))
          continue;
        filter = gtk_file_filter_new ();
        pattern = g_strconcat ("*", info->extension, NULL);
        gtk_file_filter_set_name (filter, _(info->label));
        gtk_file_filter_add_pattern (filter, pattern);
        gtk_file_filter_add_mime_type (filter, info->mime_type);
        g_list_store_append (filters, filter);
        if (pass == 0)
          preferred = g_object_ref (filter);
      }

  name = secuencia_window_dup_export_file_name (self);
  folder = initial_folder (self);

  self->choosing_destination = TRUE;
  _secuencia_window_update_actions (self);
  secuencia_file_chooser_save_filters_async (GTK_WINDOW (self), _("Export Audio"), _("_Export"),
                                             name, folder, G_LIST_MODEL (filters), preferred,
                                             destination_chosen, NULL);
}

void
_secuencia_window_cancel_export (SecuenciaWindow *self)
{
  g_assert (SECUENCIA_IS_WINDOW (self));

  if (self->exporting && self->export_cancellable != NULL)
    {
      secuencia_export_panel_set_stage (self->export_panel, _("Cancelling…"));
      g_cancellable_cancel (self->export_cancellable);
    }
}

/* The progress card takes input only while it is shown: it becomes
 * untargetable as soon as it starts to fade out and invisible once it has,
 * so nothing hidden sits over the bottom of the window. */
void
_secuencia_window_reveal_progress (SecuenciaWindow *self,
                                   gboolean         reveal)
{
  GtkWidget *revealer = GTK_WIDGET (self->export_revealer);

  g_assert (SECUENCIA_IS_WINDOW (self));

  if (reveal)
    gtk_widget_set_visible (revealer, TRUE);
  gtk_widget_set_can_target (revealer, reveal);
  gtk_revealer_set_reveal_child (self->export_revealer, reveal);
  if (!reveal && !gtk_widget_get_mapped (revealer))
    gtk_widget_set_visible (revealer, FALSE);
}

static void
on_child_revealed (GtkRevealer     *revealer,
                   GParamSpec      *pspec,
                   SecuenciaWindow *self)
{
  if (!gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer))
    gtk_widget_set_visible (GTK_WIDGET (revealer), FALSE);
}

void
_secuencia_window_export_init (SecuenciaWindow *self)
{
  g_signal_connect_object (self->export_revealer, "notify::child-revealed",
                           G_CALLBACK (on_child_revealed), self, G_CONNECT_DEFAULT);
}

/* Cancel on the progress card (and Escape): the export, or the import of
 * audio files, whichever runs. */
static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  _secuencia_window_cancel_export (SECUENCIA_WINDOW (widget));
  _secuencia_window_cancel_import (SECUENCIA_WINDOW (widget));
}

static void
show_in_files_clicked (AdwToast *toast,
                       gpointer  user_data)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (user_data);
  GFile *file = g_object_get_data (G_OBJECT (toast), "file");

  if (file != NULL && !self->disposed)
    secuencia_show_in_files (GTK_WIDGET (self), file);
}

static void
send_notification (SecuenciaWindow *self,
                   const char      *title,
                   const char      *body)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;

  if (app == NULL || gtk_window_is_active (GTK_WINDOW (self)))
    return;

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_application_send_notification (app, "export-finished", notification);
}

static void
export_succeeded (SecuenciaWindow             *self,
                  GFile                       *destination,
                  const SecuenciaExportReport *report)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(SecuenciaTimelineInfo) timeline = NULL;
  g_autofree char *name = g_file_get_basename (destination);
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *title = NULL;
  SecuenciaTime duration = 0;
  goffset size = 0;
  AdwToast *toast;

  info = g_file_query_info (destination, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    size = g_file_info_get_size (info);
  /* What was written (the snapshot is gone by now; timeline id 0 was
   * laid out by the worker). */
  duration = report->duration;
  if (duration <= 0)
    {
      timeline = secuencia_project_get_timeline (self->project, self->export_timeline_id, NULL);
      if (timeline != NULL)
        duration = timeline->duration;
    }

  /* The result row only exists once the file is complete, so nothing can
   * be dragged out before. The newest export goes on top. */
  self->result_row = secuencia_result_row_new (destination, duration, size);
  secuencia_result_row_set_report (SECUENCIA_RESULT_ROW (self->result_row), report);
  gtk_list_box_prepend (self->results_list, self->result_row);
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), TRUE);
  /* Open (Ctrl+Return) and Show in Files (Ctrl+Alt+F) now have a file. */
  _secuencia_window_update_actions (self);

  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Exported “%s”"), escaped);
  toast = _secuencia_window_toast (self, title);
  adw_toast_set_button_label (toast, _("Show in Files"));
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "file", g_object_ref (destination), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_in_files_clicked),
                           self, G_CONNECT_DEFAULT);

  {
    g_autofree char *nice_title = g_strdup_printf (_("Exported “%s”"), name);
    g_autofree char *time = secuencia_time_format (duration);
    g_autofree char *size_text = g_format_size (size);
    g_autofree char *body = g_strdup_printf (_("%s · %s"), time, size_text);

    send_notification (self, nice_title, body);
  }

  if (self->show_clips_idle != 0)
    {
      /* The export was quicker than the idle that shows its timeline. */
      g_source_remove (self->show_clips_idle);
      show_export_timeline (self);
    }
}

static void
export_failed (SecuenciaWindow *self,
               GFile           *destination,
               const GError    *error)
{
  g_autofree char *name = g_file_get_basename (destination);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _secuencia_window_toast (self, _("Export cancelled"));
      return;
    }

  {
    /* Translators: %s is the file that could not be written */
    g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);

    _secuencia_window_show_error (self, heading, error->message);
    send_notification (self, heading, error->message);
  }
}

static void
export_finish (SecuenciaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  self->exporting = FALSE;
  if (self->inhibit_cookie != 0 && app != NULL)
    gtk_application_uninhibit (app, self->inhibit_cookie);
  self->inhibit_cookie = 0;
  g_clear_object (&self->export_cancellable);

  if (self->disposed)
    return;

  _secuencia_window_reveal_progress (self, FALSE);
  secuencia_export_panel_set_progress (self->export_panel, NULL);
  g_clear_object (&self->progress);
  _secuencia_window_update_actions (self);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SecuenciaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) destination = g_steal_pointer (&self->export_destination);
  SecuenciaExportReport report = { 0 };
  g_autoptr(GArray) durations = NULL;
  gboolean split = g_task_get_source_tag (G_TASK (result)) == secuencia_export_split_async;
  gboolean ok;

  ok = split ? secuencia_export_split_finish (result, &durations, &error)
             : secuencia_export_finish_full (result, &report, &error);
  if (!ok)
    g_clear_pointer (&self->export_parts, g_ptr_array_unref);
  export_finish (self);
  if (!self->disposed)
    drop_snapshot (self);

  if (self->close_after_export)
    {
      /* The window was closed mid-export: the worker has cleaned up. */
      if (!self->disposed)
        {
          _secuencia_window_emit_export_finished (self, ok);
          gtk_window_destroy (GTK_WINDOW (self));
        }
      return;
    }
  if (self->disposed)
    return;

  if (ok && split)
    _secuencia_window_split_succeeded (self, durations);
  else if (ok)
    export_succeeded (self, destination, &report);
  else
    export_failed (self, destination, error);

  _secuencia_window_emit_export_finished (self, ok);
}

/* After phase 1, in its own main-loop iteration (so that the action that
 * starts the export stays short): a timeline laid out for a project that
 * had none becomes the one shown and edited. */
static gboolean
show_export_timeline (gpointer user_data)
{
  SecuenciaWindow *self = user_data;

  self->show_clips_idle = 0;
  if (self->export_snapshot_id == 0 && self->timeline == NULL)
    _secuencia_window_reload_clips (self, self->export_timeline_id);
  return G_SOURCE_REMOVE;
}

static gboolean
save_snapshot (SecuenciaProject  *project,
               gpointer           user_data,
               GError           **error)
{
  return secuencia_project_store_export_snapshot (project, user_data, NULL, error);
}

/* A copy of the timeline the person sees, stored as its own row: the
 * worker exports exactly this, whatever is edited meanwhile. */
static gint64
store_snapshot (SecuenciaWindow  *self,
                GError          **error)
{
  g_autofree char *name = g_strdup_printf (_("%s (exporting)"), secuencia_timeline_get_name (self->timeline));
  g_autoptr(SecuenciaTimeline) copy = secuencia_timeline_new (name);
  g_autoptr(GPtrArray) clips = secuencia_timeline_get_clips (self->timeline);

  for (guint i = 0; i < clips->len; i++)
    {
      SecuenciaClip *clip = g_ptr_array_index (clips, i);

      secuencia_timeline_register_asset (copy, clip->asset_id,
                                         secuencia_timeline_get_asset_duration (self->timeline, clip->asset_id));
      clip->id = 0;
      if (secuencia_timeline_add_clip (copy, clip, error) == 0)
        return 0;
    }
  /* Marked as an export's own: nothing else (`secuencia-cli add` run
   * meanwhile, say) takes it for the project's timeline. It only lives for
   * the export: its commit does not wait for the disk. */
  if (!secuencia_project_transaction_unsynced (self->project, save_snapshot, copy, error))
    return 0;
  return secuencia_timeline_get_id (copy);
}

static gboolean
delete_snapshot (SecuenciaProject  *project,
                 gpointer           user_data,
                 GError           **error)
{
  return secuencia_project_delete_timeline (project, *(gint64 *) user_data, error);
}

static void
drop_snapshot (SecuenciaWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->export_snapshot_id <= 0 || self->project == NULL)
    return;
  /* A failure costs some space in the project, nothing else; so does a
   * crash before the deletion reaches the disk. */
  if (!secuencia_project_transaction_unsynced (self->project, delete_snapshot,
                                               &self->export_snapshot_id, &error))
    g_warning ("Could not delete the export snapshot %" G_GINT64_FORMAT ": %s",
               self->export_snapshot_id, error->message);
  self->export_snapshot_id = 0;
}

static void
replace_response (GObject    *dialog,
                  const char *response,
                  gpointer    user_data)
{
  g_autoptr(SecuenciaWindow) self = user_data;
  GFile *destination = g_object_get_data (G_OBJECT (dialog), "destination");

  if (g_str_equal (response, "replace") && !self->disposed && !self->exporting)
    start_export (self, destination, TRUE);
}

/* The save dialog confirmed replacing the name the person typed; when the
 * extension was added to it and that file exists, ask about that one. */
static void
confirm_replace (SecuenciaWindow *self,
                 GFile           *destination)
{
  g_autofree char *name = g_file_get_basename (destination);
  g_autofree char *display = g_filename_display_name (name);
  g_autofree char *heading = g_strdup_printf (_("Replace “%s”?"), display);
  const char *body = _("A file with this name already exists. Replacing it overwrites its contents.");
  gpointer dialog = secuencia_alert_question_new (GTK_WINDOW (self), heading, body, "cancel", "cancel", "replace", NULL,
                                                  "cancel", _("_Cancel"),
                                                  "replace", _("_Replace"),
                                                  NULL);

  g_object_set_data_full (G_OBJECT (dialog), "destination", g_object_ref (destination), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (replace_response), g_object_ref (self));
  secuencia_alert_present (dialog, GTK_WINDOW (self));
}

static void
start_export (SecuenciaWindow *self,
              GFile           *chosen,
              gboolean         replace_confirmed)
{
  g_autoptr(GFile) destination = with_format_suffix (self, chosen);
  /* What was confirmed: the name chosen in the save dialog, or the one
   * asked about in confirm_replace(). */
  gboolean confirmed = replace_confirmed || g_file_equal (destination, chosen);
  g_autoptr(GFile) parent = g_file_get_parent (destination);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (destination);
  g_autofree char *title = NULL;
  GtkApplication *app;
  SecuenciaExportOptions options = SECUENCIA_EXPORT_OPTIONS_INIT;
  g_autoptr(GPtrArray) parts = NULL;
  SecuenciaTime gap;
  gint64 timeline_id;

  g_assert (SECUENCIA_IS_WINDOW (self));
  g_assert (!self->exporting);

  if (self->project == NULL)
    return;
  if (!confirmed && g_file_query_exists (destination, NULL))
    {
      confirm_replace (self, destination);
      return;
    }

  if (parent != NULL && g_file_is_native (parent))
    {
      g_autofree char *folder = g_file_get_path (parent);
      g_settings_set_string (self->settings, "last-export-folder", folder);
    }

  self->exporting = TRUE;
  self->export_cancellable = g_cancellable_new ();
  g_set_object (&self->export_destination, destination);
  _secuencia_window_update_actions (self);
  g_object_notify (G_OBJECT (self), "exporting");

  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Exporting “%s”"), name);
  secuencia_export_panel_set_title (self->export_panel, title);
  secuencia_export_panel_set_stage (self->export_panel, _("Building the timeline…"));
  secuencia_export_panel_set_descriptions (self->export_panel, _("Export progress"),
                                           _("Stop the export and delete the partial file (Escape)"));
  _secuencia_window_reveal_progress (self, TRUE);

  /* Phase 1, on the main context: lay the screenplay out as a timeline
   * (ids and durations only; no audio is read). A project whose only
   * content is a timeline (no line with audio) exports the timeline shown. */
  gap = (SecuenciaTime) g_settings_get_uint (self->settings, "clip-gap-ms") * SECUENCIA_TIME_MSECOND;
  options.screenplay_gap = gap;
  self->export_snapshot_id = 0;
  if (_secuencia_window_is_read_only (self))
    /* Nothing can be stored, and nothing needs to be: the timeline shown
     * is a stored one, exported as is (it cannot be edited here), or the
     * screenplay laid out in memory, which the worker lays out again from
     * the same lines and gap (id 0). */
    timeline_id = self->timeline != NULL && secuencia_timeline_get_n_clips (self->timeline) > 0
                  ? secuencia_timeline_get_id (self->timeline) : 0;
  else if (self->timeline != NULL && secuencia_timeline_get_n_clips (self->timeline) > 0)
    {
      timeline_id = store_snapshot (self, &error);
      self->export_snapshot_id = timeline_id;
    }
  else if (self->n_audio_elements == 0 && self->shown_timeline_id > 0)
    timeline_id = self->shown_timeline_id;
  else
    timeline_id = secuencia_project_convert_screenplay (self->project, self->project_name, gap,
                                                        NULL, NULL, self->export_cancellable, &error);
  if (timeline_id <= 0 && !_secuencia_window_is_read_only (self))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);

      g_clear_object (&self->export_destination);
      export_finish (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _secuencia_window_toast (self, _("Export cancelled"));
      else
        _secuencia_window_show_error (self, heading, error->message);
      _secuencia_window_emit_export_finished (self, FALSE);
      return;
    }
  self->export_timeline_id = timeline_id;
  g_clear_handle_id (&self->show_clips_idle, g_source_remove);
  if (timeline_id != self->shown_timeline_id)
    self->show_clips_idle = g_idle_add_full (G_PRIORITY_LOW, show_export_timeline, self, NULL);

  /* Phase 2, in the thread pool, with identifiers only. */
  options.bitrate = g_settings_get_uint (self->settings, "export-bitrate");
  options.sample_rate = g_settings_get_uint (self->settings, "export-sample-rate");
  options.jobs = g_settings_get_uint (self->settings, "export-jobs");
  options.replace = confirmed;
  options.no_limiter = !g_settings_get_boolean (self->settings, "export-limiter");
  {
    g_autofree char *loudness = g_settings_get_string (self->settings, "export-loudness");

    /* a value set by hand that is not a target: none */
    if (!secuencia_loudness_target_parse (loudness, &options.loudness, NULL))
      options.loudness.kind = SECUENCIA_LOUDNESS_OFF;
  }
  /* ACX asks for 44.1 kHz unless another rate was chosen */
  if (options.loudness.kind == SECUENCIA_LOUDNESS_ACX && options.sample_rate == 48000)
    options.sample_rate = 44100;
  if (g_settings_get_boolean (self->settings, "export-captions"))
    options.sidecars = SECUENCIA_SIDECAR_ALL;
  parts = _secuencia_window_split_plan (self, timeline_id, destination, &options, &error);
  if (parts == NULL && error != NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);

      g_clear_object (&self->export_destination);
      export_finish (self);
      drop_snapshot (self);
      _secuencia_window_show_error (self, heading, error->message);
      _secuencia_window_emit_export_finished (self, FALSE);
      return;
    }
  self->progress = secuencia_export_progress_new ();
  secuencia_export_panel_set_progress (self->export_panel, self->progress);
  secuencia_export_panel_set_stage (self->export_panel, _("Preparing…"));

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app != NULL)
    self->inhibit_cookie = gtk_application_inhibit (app, GTK_WINDOW (self),
                                                    GTK_APPLICATION_INHIBIT_SUSPEND,
                                                    _("Exporting audio"));

  if (parts != NULL)
    {
      _secuencia_window_split_start (self, timeline_id, parts, export_done);
      return;
    }
  secuencia_export_async (secuencia_project_get_path (self->project),
                          timeline_id, destination, &options, self->progress,
                          self->export_cancellable, export_done, g_object_ref (self));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  GtkWidget *preferences = secuencia_preferences_window_new (GTK_WINDOW (self), self->settings,
                                                             self->project);

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (preferences), GTK_WIDGET (self));
#else
  gtk_window_present (GTK_WINDOW (preferences));
#endif
}

void
_secuencia_window_class_export_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-export", NULL, cancel_export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-export", NULL);
}
