/* secuencia-window-takes.c: a line's takes in the window.
 *
 * A recording dropped on a line (or chosen with "Replace Take…", Ctrl+R)
 * becomes its take; "Takes…" (Ctrl+T, or the row's button) lists the
 * line's earlier takes to restore one; "Match Takes…" gives many lines
 * their recordings from a folder, matched by name
 * (secuencia-take-matcher.c), after a preview. The files are imported in
 * a worker with its own connection, all in ONE transaction (every file or
 * none: a corrupt file stops it, naming the file and the cause), with the
 * progress card and Cancel (Escape). Then, on this thread, one undoable
 * step (SecuenciaTakeCommand) gives the lines their new audio, keeping
 * what they had in their takes.
 *
 * The shown timeline follows: each clip of such a line plays the new take
 * from its start for its whole length, at the same place, lane, gain and
 * mute; later clips are not moved (a longer take may then overlap the
 * next line: "Lay Out Again from the Screenplay" spaces them again). A
 * line that had no clip gets one at the end of lane 0. With no timeline
 * yet, the screenplay is laid out on a new one afterwards (as adding
 * audio does; undo leaves that timeline). */

#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-element-item.h"
#include "secuencia-file-chooser.h"
#include "secuencia-match-takes-dialog.h"
#include "secuencia-sheet.h"
#include "secuencia-take-command.h"
#include "secuencia-take-matcher.h"
#include "secuencia-window-private.h"

/* ---- importing the recordings: a worker, one transaction ---- */

typedef struct
{
  char                    *project_path;
  GPtrArray               *files;      /* GFile */
  GArray                  *lines;      /* gint64, one per file */
  GArray                  *assets;     /* gint64, out */
  SecuenciaExportProgress *progress;
  char                    *label;      /* the undo step's */
  GCancellable            *cancellable;
} TakeImport;

static void
take_import_free (TakeImport *data)
{
  g_free (data->project_path);
  g_ptr_array_unref (data->files);
  g_array_unref (data->lines);
  g_array_unref (data->assets);
  g_clear_object (&data->progress);
  g_free (data->label);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static gboolean
import_all (SecuenciaProject  *project,
            gpointer           user_data,
            GError           **error)
{
  TakeImport *data = user_data;

  g_array_set_size (data->assets, 0);
  for (guint i = 0; i < data->files->len; i++)
    {
      GFile *file = data->files->pdata[i];
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *message = NULL;
      gint64 asset;

      /* Translators: progress of importing takes: name, number, total */
      message = g_strdup_printf (_("Reading “%s” (%u of %u)"), display, i + 1, data->files->len);
      secuencia_export_progress_update (data->progress, (double) i / data->files->len, message);
      /* The store's messages name the file and the cause. */
      asset = secuencia_project_import_audio (project, file, data->cancellable, error);
      if (asset <= 0)
        return FALSE;
      g_array_append_val (data->assets, asset);
    }
  return TRUE;
}

static void
take_import_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  TakeImport *data = task_data;
  g_autoptr(SecuenciaProject) project = _secuencia_window_import_open_project (task, data->project_path);
  GError *error = NULL;

  if (project == NULL)
    return;
  data->cancellable = g_object_ref (cancellable);  /* for import_all() */
  /* Every file's metadata first: a folder or a missing file fails fast. */
  for (guint i = 0; i < data->files->len; i++)
    if (!secuencia_project_check_import_source (project, data->files->pdata[i], NULL, cancellable, &error))
      {
        g_task_return_error (task, error);
        return;
      }
  if (!secuencia_project_transaction (project, import_all, data, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Their waveforms, from the files at hand; a failure is not the
   * import's (the window decodes missing waveforms later). */
  for (guint i = 0; i < data->assets->len && !g_cancellable_is_cancelled (cancellable); i++)
    _secuencia_window_import_store_peaks (project, g_array_index (data->assets, gint64, i),
                                          data->files->pdata[i], cancellable);
  secuencia_export_progress_update (data->progress, 1.0, NULL);
  g_task_return_boolean (task, TRUE);
}

static const SecuenciaElementInfo *
find_info (GPtrArray *elements,
           gint64     id)
{
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    if (((SecuenciaElementInfo *) elements->pdata[i])->id == id)
      return elements->pdata[i];
  return NULL;
}

/* The clips of the shown timeline that change with the lines' new audio. */
static SecuenciaClipsCommand *
clips_for_takes (SecuenciaWindow  *self,
                 GArray           *lines,
                 GArray           *assets,
                 GPtrArray        *elements,
                 GError          **error)
{
  g_autoptr(SecuenciaClipsCommand) command = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  SecuenciaTime end;
  SecuenciaTime gap = (SecuenciaTime) g_settings_get_uint (self->settings, "clip-gap-ms") * SECUENCIA_TIME_MSECOND;

  if (self->timeline == NULL)
    return NULL;
  command = secuencia_clips_command_new (self->timeline, self->project, _("Replace Take"));
  clips = secuencia_timeline_get_clips (self->timeline);
  end = secuencia_timeline_get_lane_end (self->timeline, 0);
  for (guint i = 0; i < lines->len; i++)
    {
      gint64 line = g_array_index (lines, gint64, i);
      gint64 asset = g_array_index (assets, gint64, i);
      g_autoptr(SecuenciaAssetInfo) info = secuencia_project_get_asset (self->project, asset, error);
      const SecuenciaElementInfo *element = find_info (elements, line);
      gboolean has_clip = FALSE;

      if (info == NULL)
        return NULL;
      secuencia_timeline_register_asset (self->timeline, asset, info->duration);
      for (guint j = 0; j < clips->len; j++)
        {
          const SecuenciaClip *clip = clips->pdata[j];
          SecuenciaClip after;

          if (clip->element_id != line)
            continue;
          has_clip = TRUE;
          after = *clip;
          after.asset_id = asset;
          after.source_start = 0;
          after.duration = info->duration;
          if (after.asset_id != clip->asset_id || after.source_start != clip->source_start ||
              after.duration != clip->duration)
            secuencia_clips_command_add (command, clip, &after);
        }
      if (!has_clip && element != NULL)
        {
          g_autoptr(SecuenciaClip) clip = secuencia_clip_new (asset, end > 0 ? end + gap : 0, 0, info->duration, 0);

          clip->element_id = line;
          g_free (clip->name);
          clip->name = g_strdup (element->text);
          end = secuencia_clip_get_end (clip);
          secuencia_clips_command_add (command, NULL, clip);
        }
    }
  return secuencia_clips_command_get_n_changes (command) > 0 ? g_steal_pointer (&command) : NULL;
}

static void
select_line (SecuenciaWindow *self,
             gint64           line)
{
  gint64 id;
  guint position;

  if (_secuencia_window_find_element (self, line, &id, &position))
    _secuencia_window_select_element (self, position);
}

/* One undoable step: @lines get @assets (same length). */
static gboolean
perform_takes (SecuenciaWindow *self,
               GArray          *lines,
               GArray          *assets,
               const char      *label,
               GError         **error)
{
  g_autoptr(SecuenciaTakeCommand) command = secuencia_take_command_new (self->project, label);
  g_autoptr(SecuenciaClipsCommand) clips = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  GError *clips_error = NULL;

  elements = secuencia_project_list_elements (self->project, error);
  if (elements == NULL)
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    secuencia_take_command_add (command, g_array_index (lines, gint64, i), g_array_index (assets, gint64, i));
  clips = clips_for_takes (self, lines, assets, elements, &clips_error);
  if (clips_error != NULL)
    {
      g_propagate_error (error, clips_error);
      return FALSE;
    }
  secuencia_take_command_set_clips (command, clips);
  if (!secuencia_undo_stack_perform (self->undo_stack, SECUENCIA_COMMAND (command), error))
    return FALSE;
  if (self->timeline == NULL)
    {
      /* The first lines with audio: lay the screenplay out on a timeline,
       * as adding audio does (that is not part of the undo step). */
      self->import_base_element = 0;
      _secuencia_window_timeline_lines_added (self);
    }
  return TRUE;
}

static void
take_import_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (object);
  TakeImport *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);
  guint n = 0;

  if (!_secuencia_window_import_done (self))
    return;
  _secuencia_window_update_actions (self);

  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _secuencia_window_toast (self, _("Cancelled: no take was replaced"));
  else if (!ok)
    _secuencia_window_show_error (self, data->files->len == 1 ? _("Could Not Replace the Take")
                                                              : _("Could Not Replace the Takes"),
                                  error->message);
  else if (!perform_takes (self, data->lines, data->assets, data->label, &error))
    _secuencia_window_show_error (self, data->files->len == 1 ? _("Could Not Replace the Take")
                                                              : _("Could Not Replace the Takes"),
                                  error->message);
  else
    {
      g_autofree char *title = NULL;
      AdwToast *toast;

      n = data->lines->len;
      _secuencia_window_peaks_refresh (self);
      select_line (self, g_array_index (data->lines, gint64, 0));
      if (n == 1)
        {
          g_autofree char *name = g_file_get_basename (data->files->pdata[0]);
          g_autofree char *escaped = g_markup_escape_text (name, -1);
          /* Translators: toast after a take was replaced: file name */
          title = g_strdup_printf (_("“%s” is the line’s take now"), escaped);
        }
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Replaced %u take", "Replaced %u takes", n), n);
      toast = _secuencia_window_toast (self, title);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  _secuencia_window_emit_import_finished (self, n);
}

/* Import @files as the takes of @lines (one per file), then one undo step. */
static void
start_take_import (SecuenciaWindow *self,
                   GPtrArray       *files,
                   GArray          *lines,
                   const char      *label)
{
  g_autofree char *title = NULL;
  TakeImport *data;

  if (self->project == NULL || files->len == 0 || !_secuencia_window_file_is_current (self))
    return;
  if (secuencia_window_is_busy (self))
    {
      _secuencia_window_toast (self, _("Wait for the export to finish before replacing takes"));
      return;
    }

  data = g_new0 (TakeImport, 1);
  data->project_path = g_strdup (secuencia_project_get_path (self->project));
  data->files = g_ptr_array_ref (files);
  data->lines = g_array_ref (lines);
  data->assets = g_array_new (FALSE, FALSE, sizeof (gint64));
  data->progress = secuencia_export_progress_new ();
  data->label = g_strdup (label);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Replacing %u Take", "Replacing %u Takes", files->len),
                           files->len);
  _secuencia_window_start_import (self, start_take_import, title, _("Reading the recordings…"),
                                  _("Progress of replacing takes"), _("Stop; no take is replaced (Escape)"),
                                  data->progress, data, (GDestroyNotify) take_import_free,
                                  take_import_thread, take_import_done);
}

void
secuencia_window_replace_take (SecuenciaWindow *self,
                               gint64           element_id,
                               GFile           *file)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (SECUENCIA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_ptr_array_add (files, g_object_ref (file));
  g_array_append_val (lines, element_id);
  start_take_import (self, files, lines, _("Replace Take"));
}

/* ---- dropping a recording on a line ---- */

gboolean
secuencia_window_drop_on_line (SecuenciaWindow *self,
                               gint64           element_id,
                               const GValue    *value)
{
  GSList *list;
  GFile *file;

  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), FALSE);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  /* One recording on a line: its take. Anything else (several files, a
   * project, a script) is what a drop on the window does. */
  if (list == NULL || list->next != NULL || _secuencia_window_is_script_file (list->data))
    return _secuencia_window_drop_files (self, list);
  file = list->data;
  {
    g_autofree char *base = g_file_get_basename (file);
    if (base != NULL && g_str_has_suffix (base, ".secuencia"))
      return _secuencia_window_drop_files (self, list);
  }
  if (self->project == NULL)
    return FALSE;
  if (secuencia_project_is_read_only (self->project))
    {
      _secuencia_window_toast (self, _("This project is open read-only: its takes cannot be replaced"));
      return FALSE;
    }
  if (secuencia_window_is_busy (self))
    {
      _secuencia_window_toast (self, _("Wait for the export to finish before replacing takes"));
      return FALSE;
    }
  secuencia_window_replace_take (self, element_id, file);
  return TRUE;
}

static gboolean
on_row_drop (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             GtkListItem   *list_item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GtkRoot *root = gtk_widget_get_root (widget);
  SecuenciaElementItem *item = gtk_list_item_get_item (list_item);

  if (!SECUENCIA_IS_WINDOW (root) || item == NULL)
    return FALSE;
  return secuencia_window_drop_on_line (SECUENCIA_WINDOW (root), secuencia_element_item_get_id (item), value);
}

void
_secuencia_window_takes_setup_row (GtkListItem *list_item,
                                   GtkWidget   *row)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_row_drop), list_item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
}

/* ---- Replace Take… ---- */

static void
replace_chosen (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (object);
  gint64 line = GPOINTER_TO_SIZE (user_data);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  files = secuencia_file_chooser_open_finish (result, &error);
  if (files == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _secuencia_window_show_error (self, _("Could Not Choose a Recording"), error->message);
      return;
    }
  if (self->disposed || files->len == 0)
    return;
  secuencia_window_replace_take (self, line, files->pdata[0]);
}

static gboolean
resolve_line (SecuenciaWindow *self,
              GVariant        *param,
              gint64          *out_id)
{
  guint position;

  return self->project != NULL &&
         _secuencia_window_find_element (self, param != NULL ? g_variant_get_int64 (param) : -1,
                                         out_id, &position);
}

static void
replace_take_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gint64 line;

  if (!resolve_line (self, param, &line))
    {
      _secuencia_window_toast (self, _("Select a line to replace its take"));
      return;
    }
  gtk_file_filter_set_name (filter, _("Audio Files"));
  gtk_file_filter_add_mime_type (filter, "audio/*");
  secuencia_file_chooser_open_async (GTK_WINDOW (self), _("Replace Take"), _("_Replace"),
                                     filter, FALSE, replace_chosen, GSIZE_TO_POINTER (line));
}

/* ---- Takes…: the line's takes, to restore one ---- */

typedef struct
{
  SecuenciaWindow *window;   /* weak: the sheet goes with the window */
  gint64           line;
  gint64           asset;
} RestoreData;

static void
on_restore_clicked (GtkButton   *button,
                    RestoreData *data)
{
  SecuenciaWindow *self = data->window;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) assets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 line = data->line;

  if (self == NULL || self->project == NULL || !_secuencia_window_file_is_current (self))
    return;
  if (secuencia_window_is_busy (self))
    {
      _secuencia_window_toast (self, _("Wait for the export to finish before replacing takes"));
      return;
    }
  g_array_append_val (lines, data->line);
  g_array_append_val (assets, data->asset);
  secuencia_sheet_close (GTK_WIDGET (button));   /* frees @data */
  if (!perform_takes (self, lines, assets, _("Restore Take"), &error))
    {
      _secuencia_window_show_error (self, _("Could Not Restore the Take"), error->message);
      return;
    }
  _secuencia_window_peaks_refresh (self);
  select_line (self, line);
  {
    AdwToast *toast = _secuencia_window_toast (self, _("Take restored"));

    adw_toast_set_button_label (toast, _("_Undo"));
    adw_toast_set_action_name (toast, "win.undo");
  }
}

static void
restore_data_free (gpointer data,
                   GClosure *closure)
{
  RestoreData *restore = data;

  g_clear_weak_pointer (&restore->window);
  g_free (restore);
}

/* Listening to a take in the sheet: a player of its own over a timeline
 * of that one take; it stops when the sheet closes. */
typedef struct
{
  SecuenciaPlayer *player;
  GtkLabel        *message;    /* a playback error, shown in the sheet */
  GPtrArray       *buttons;    /* the Play buttons (not owned) */
  GtkWidget       *playing;    /* the button of the take playing, or NULL */
} Preview;

static void
preview_free (Preview *preview)
{
  g_signal_handlers_disconnect_by_data (preview->player, preview);
  secuencia_player_pause (preview->player);
  g_object_unref (preview->player);
  g_ptr_array_unref (preview->buttons);
  g_free (preview);
}

static void
show_play_icons (Preview *preview)
{
  for (guint i = 0; i < preview->buttons->len; i++)
    {
      GtkWidget *button = preview->buttons->pdata[i];
      gboolean playing = button == preview->playing;

      gtk_button_set_icon_name (GTK_BUTTON (button), playing ? "media-playback-pause-symbolic"
                                                             : "media-playback-start-symbolic");
    }
}

static void
on_preview_playing (SecuenciaPlayer *player,
                    GParamSpec      *pspec,
                    Preview         *preview)
{
  if (!secuencia_player_get_playing (player))
    {
      preview->playing = NULL;
      show_play_icons (preview);
    }
}

static void
on_preview_error (SecuenciaPlayer *player,
                  const GError    *error,
                  Preview         *preview)
{
  preview->playing = NULL;
  show_play_icons (preview);
  gtk_label_set_label (preview->message, error->message);
  gtk_widget_set_visible (GTK_WIDGET (preview->message), TRUE);
}

static void
on_play_clicked (GtkButton *button,
                 Preview   *preview)
{
  gint64 asset = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "asset-id"));
  SecuenciaTime duration = *(SecuenciaTime *) g_object_get_data (G_OBJECT (button), "duration");
  g_autoptr(SecuenciaTimeline) timeline = NULL;
  g_autoptr(SecuenciaClip) clip = NULL;
  g_autoptr(GError) error = NULL;

  if (preview->playing == GTK_WIDGET (button))
    {
      secuencia_player_pause (preview->player);
      preview->playing = NULL;
      show_play_icons (preview);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (preview->message), FALSE);
  timeline = secuencia_timeline_new (_("Take"));
  secuencia_timeline_register_asset (timeline, asset, duration);
  clip = secuencia_clip_new (asset, 0, 0, duration, 0);
  if (secuencia_timeline_insert (timeline, clip, &error) == 0)
    {
      gtk_label_set_label (preview->message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (preview->message), TRUE);
      return;
    }
  secuencia_player_pause (preview->player);
  secuencia_player_set_timeline (preview->player, timeline);
  secuencia_player_seek (preview->player, 0);
  secuencia_player_play (preview->player);
  preview->playing = GTK_WIDGET (button);
  show_play_icons (preview);
}

static GtkWidget *
take_row (SecuenciaWindow *self,
          Preview         *preview,
          gint64           line,
          gint64           asset_id,
          gboolean         current,
          gboolean         scratch,
          gint64           replaced_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaAssetInfo) info = secuencia_project_get_asset (self->project, asset_id, &error);
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;

  name = info != NULL && info->file_name[0] != '\0' ? g_strdup (info->file_name)
                                                    : g_strdup_printf (_("Audio %" G_GINT64_FORMAT), asset_id);
  escaped = g_markup_escape_text (name, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);

  if (current)
    g_string_append (subtitle, _("Current take"));
  else
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (replaced_at);
      /* Translators: when a take stopped being the line's (strftime format) */
      g_autofree char *date = when != NULL ? g_date_time_format (when, _("%e %b %Y, %H:%M")) : g_strdup ("");
      g_autofree char *trimmed = g_strstrip (g_strdup (date));

      /* Translators: an earlier take: the date it was replaced */
      g_string_append_printf (subtitle, _("Replaced %s"), trimmed);
    }
  if (info != NULL)
    {
      g_autofree char *duration = secuencia_time_format (info->duration);
      g_string_append_printf (subtitle, " · %s", duration);
    }
  if (scratch)
    g_string_append_printf (subtitle, " · %s", _("scratch voice"));
  {
    g_autofree char *markup = g_markup_escape_text (subtitle->str, -1);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), markup);
  }

  if (info != NULL && info->duration > 0)
    {
      GtkWidget *play = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
      g_autofree char *accessible = g_strdup_printf (_("Listen to “%s”"), name);
      SecuenciaTime *duration = g_new (SecuenciaTime, 1);

      *duration = info->duration;
      gtk_widget_set_valign (play, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (play, "flat");
      gtk_widget_set_tooltip_text (play, accessible);
      gtk_accessible_update_property (GTK_ACCESSIBLE (play), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_object_set_data (G_OBJECT (play), "asset-id", GSIZE_TO_POINTER (asset_id));
      g_object_set_data_full (G_OBJECT (play), "duration", duration, g_free);
      g_signal_connect (play, "clicked", G_CALLBACK (on_play_clicked), preview);
      g_ptr_array_add (preview->buttons, play);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), play);
    }

  if (current)
    {
      GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Current take"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), mark);
    }
  else
    {
      GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore"));
      g_autofree char *accessible = g_strdup_printf (_("Restore the take “%s”"), name);
      RestoreData *data = g_new0 (RestoreData, 1);

      g_set_weak_pointer (&data->window, self);
      data->line = line;
      data->asset = asset_id;
      gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (restore, !secuencia_project_is_read_only (self->project) &&
                                         self->file_state == SECUENCIA_FILE_CURRENT &&
                                         !secuencia_window_is_busy (self));
      gtk_accessible_update_property (GTK_ACCESSIBLE (restore), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_set_tooltip_text (restore, accessible);
      g_signal_connect_data (restore, "clicked", G_CALLBACK (on_restore_clicked), data, restore_data_free, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), restore);
    }
  return row;
}

static void
on_takes_replace (GtkButton *button,
                  gpointer   user_data)
{
  GtkWidget *widget = GTK_WIDGET (button);
  gint64 line = GPOINTER_TO_SIZE (user_data);
  SecuenciaWindow *self = g_object_get_data (G_OBJECT (button), "window");

  secuencia_sheet_close (widget);
  if (self != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.replace-take", "x", line);
}

void
_secuencia_window_show_takes (SecuenciaWindow *self,
                              gint64           line)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) takes = NULL;
  g_autoptr(GError) error = NULL;
  const SecuenciaElementInfo *info;
  GtkWidget *outer, *header, *replace, *scrolled, *clamp, *box, *group;
  Preview *preview;
  g_autofree char *title = NULL;

  elements = secuencia_project_list_elements (self->project, &error);
  if (elements != NULL)
    takes = secuencia_project_list_takes (self->project, line, &error);
  if (takes == NULL)
    {
      _secuencia_window_show_error (self, _("Could Not Read the Takes"), error->message);
      return;
    }
  info = find_info (elements, line);
  if (info == NULL)
    return;

  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  preview = g_new0 (Preview, 1);
  preview->player = secuencia_player_new ();
  preview->buttons = g_ptr_array_new ();
  preview->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (preview->message, TRUE);
  gtk_label_set_xalign (preview->message, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (preview->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (preview->message), FALSE);
  secuencia_player_set_project (preview->player, self->project);
  g_signal_connect (preview->player, "notify::playing", G_CALLBACK (on_preview_playing), preview);
  g_signal_connect (preview->player, "error", G_CALLBACK (on_preview_error), preview);
  /* the sheet's player stops with it */
  g_object_set_data_full (G_OBJECT (outer), "preview", preview, (GDestroyNotify) preview_free);
  /* one sound at a time */
  if (secuencia_player_get_playing (self->player))
    secuencia_player_pause (self->player);
  header = adw_header_bar_new ();
  replace = gtk_button_new_with_mnemonic (_("Replace _Take…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (replace), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Choose a recording for this line (Ctrl+R)"), -1);
  g_object_set_data (G_OBJECT (replace), "window", self);
  g_signal_connect (replace, "clicked", G_CALLBACK (on_takes_replace), GSIZE_TO_POINTER (line));
  gtk_widget_set_sensitive (replace, gtk_widget_is_sensitive (GTK_WIDGET (self)) &&
                                     !secuencia_project_is_read_only (self->project));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), replace);
  gtk_box_append (GTK_BOX (outer), header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  group = adw_preferences_group_new ();
  {
    g_autofree char *line_text = info->character[0] != '\0'
      ? g_strdup_printf (_("%s: %s"), info->character, info->text) : g_strdup (info->text);
    g_autofree char *escaped = g_markup_escape_text (line_text, -1);

    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);
  }
  if (info->asset_id == 0 && takes->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("This line has no audio yet. Drop a recording on it or choose Replace Take…"));
  if (info->asset_id != 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               take_row (self, preview, line, info->asset_id, TRUE, info->scratch, 0));
  for (guint i = 0; i < takes->len; i++)
    {
      const SecuenciaTake *take = takes->pdata[i];
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 take_row (self, preview, line, take->asset_id, FALSE, take->scratch, take->replaced_at));
    }
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (preview->message));
  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (outer), scrolled);

  /* Translators: title of the dialog listing a line's takes */
  title = g_strdup (_("Takes"));
  secuencia_sheet_present (GTK_WINDOW (self), title, outer, 520, 420);
}

static void
takes_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  gint64 line;

  if (!resolve_line (self, param, &line))
    {
      _secuencia_window_toast (self, _("Select a line to see its takes"));
      return;
    }
  _secuencia_window_show_takes (self, line);
}

/* ---- Match Takes…: a folder of recordings, matched by name ---- */

static void
list_folder_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GFile *folder = task_data;
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (children == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (children, &info, NULL, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  g_ptr_array_add (names, NULL);
  g_task_return_pointer (task, g_steal_pointer (&names), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_match_apply (SecuenciaMatchTakesDialog *dialog,
                GPtrArray                 *files,
                GArray                    *lines,
                SecuenciaWindow           *self)
{
  start_take_import (self, files, lines, _("Match Takes"));
}

static void
folder_listed (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (object);
  GFile *folder = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GError) error = NULL;
  SecuenciaTakeMatches *matches;
  SecuenciaMatchTakesDialog *dialog;

  names = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->disposed || self->project == NULL)
    return;
  if (names == NULL)
    {
      g_autofree char *path = g_file_get_parse_name (folder);
      g_autofree char *body = g_strdup_printf (_("The folder “%s” could not be read: %s"), path, error->message);
      _secuencia_window_show_error (self, _("Could Not Match the Takes"), body);
      return;
    }
  elements = secuencia_project_list_elements (self->project, &error);
  if (elements == NULL)
    {
      _secuencia_window_show_error (self, _("Could Not Read the Screenplay"), error->message);
      return;
    }
  matches = secuencia_take_matcher_match (elements, (const char * const *) names->pdata, names->len - 1);
  if (matches->matches->len == 0 && matches->unmatched_files->len == 0)
    {
      g_autofree char *name = g_file_get_basename (folder);
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      g_autofree char *title = g_strdup_printf (_("“%s” has no audio files"), escaped);

      secuencia_take_matches_free (matches);
      _secuencia_window_toast (self, title);
      _secuencia_window_emit_import_finished (self, 0);
      return;
    }
  dialog = secuencia_match_takes_dialog_new (folder, matches, elements);
  g_signal_connect_object (dialog, "apply", G_CALLBACK (on_match_apply), self, G_CONNECT_DEFAULT);
  secuencia_sheet_present (GTK_WINDOW (self), _("Match Takes"), GTK_WIDGET (dialog), 640, 600);
}

void
secuencia_window_match_takes (SecuenciaWindow *self,
                              GFile           *folder)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SECUENCIA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  if (self->project == NULL)
    return;
  task = g_task_new (self, self->cancellable, folder_listed, NULL);
  g_task_set_source_tag (task, secuencia_window_match_takes);
  g_task_set_task_data (task, g_object_ref (folder), g_object_unref);
  g_task_run_in_thread (task, list_folder_thread);
}

static void
match_folder_chosen (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (object);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  folder = secuencia_file_chooser_folder_finish (result, &error);
  if (folder == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _secuencia_window_show_error (self, _("Could Not Choose a Folder"), error->message);
      return;
    }
  if (!self->disposed)
    secuencia_window_match_takes (self, folder);
}

static void
match_takes_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);

  if (self->project == NULL)
    return;
  secuencia_file_chooser_folder_async (GTK_WINDOW (self), _("Match Takes from a Folder"), _("_Match"),
                                       match_folder_chosen, NULL);
}

/* ---- undo and redo ---- */

static void
on_performed (SecuenciaWindow  *self,
              SecuenciaCommand *command,
              gboolean          reverted)
{
  if (!SECUENCIA_IS_TAKE_COMMAND (command))
    return;
  _secuencia_window_reload_elements (self);
  _secuencia_window_peaks_refresh (self);
  _secuencia_window_update_actions (self);
}

void
_secuencia_window_takes_update_actions (SecuenciaWindow *self,
                                        gboolean         editable)
{
  gboolean writable = editable && self->project != NULL && !secuencia_project_is_read_only (self->project);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.replace-take", writable && self->n_elements > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.match-takes", writable && self->n_elements > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.takes", self->project != NULL && self->n_elements > 0);
}

void
_secuencia_window_takes_init (SecuenciaWindow *self)
{
  g_signal_connect_object (self->undo_stack, "performed", G_CALLBACK (on_performed), self, G_CONNECT_SWAPPED);
}

void
_secuencia_window_class_takes_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.replace-take", "x", replace_take_action);
  gtk_widget_class_install_action (widget_class, "win.takes", "x", takes_action);
  gtk_widget_class_install_action (widget_class, "win.match-takes", NULL, match_takes_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.replace-take", "x", (gint64) -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.takes", "x", (gint64) -1);
}
