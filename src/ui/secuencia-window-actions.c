/* secuencia-window-actions.c: the window's actions (screenplay editing,
 * importing audio, the last export's file) and their key bindings. */

#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-file-chooser.h"
#include "secuencia-result-row.h"
#include "secuencia-window-private.h"

void
_secuencia_window_update_actions (SecuenciaWindow *self)
{
  gboolean has_project = self->project != NULL;
  gboolean busy = secuencia_window_is_busy (self);
  gboolean current = has_project && self->file_state == SECUENCIA_FILE_CURRENT;
  gboolean read_only = _secuencia_window_is_read_only (self);
  gboolean editable = current && !busy && !read_only;
  gboolean has_result = self->result_row != NULL;

  /* Export the screenplay; with no line that has audio, the timeline that
   * is shown (as import-timeline makes); with neither, nothing, and the
   * button says why. */
  gboolean can_export = current && (self->n_audio_elements > 0 || self->shown_timeline_id > 0);
  const char *export_tooltip;

  if (!has_project)
    export_tooltip = _("Open a project to export it");
  else if (!current)
    export_tooltip = _("The project file changed on disk: save this version as a new file first");
  else if (can_export && self->n_audio_elements == 0)
    export_tooltip = _("Export the timeline as an M4A file (Ctrl+E)");
  else if (can_export)
    export_tooltip = _("Export the screenplay as an M4A file (Ctrl+E)");
  else if (self->n_elements == 0)
    export_tooltip = _("Nothing to export yet: the screenplay has no lines with audio. Add audio first (Ctrl+I).");
  else
    export_tooltip = _("Nothing to export yet: the screenplay has no lines with audio");
  /* Setting a tooltip asks the X server where the pointer is (a round
   * trip), even for the same text: only when it changes. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->export_button)), export_tooltip) != 0)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button), export_tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, export_tooltip, -1);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 can_export && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-export",
                                 self->exporting || self->import_cancellable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-audio", editable);
  /* With a project open, a script replaces its screenplay. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-script", !busy && !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.scratch-voices", editable && self->n_elements > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cast", editable && self->n_elements > 0 &&
                                 self->voices_cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-voices", self->voices_cancellable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-up", editable && self->n_elements > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-down", editable && self->n_elements > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-element", editable && self->n_elements > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-result", has_result);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-result", has_result);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.none", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_project && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reopen",
                                 has_project && !busy && self->file_state == SECUENCIA_FILE_REPLACED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 editable && self->undo_stack != NULL && secuencia_undo_stack_can_undo (self->undo_stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 editable && self->undo_stack != NULL && secuencia_undo_stack_can_redo (self->undo_stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.relayout", editable && self->timeline != NULL);
  _secuencia_window_takes_update_actions (self, editable);
  _secuencia_window_playback_update_actions (self);
}

/* The element an action applies to: its parameter, or the selected line
 * when the parameter is -1 (the key bindings). Returns the position too. */
static gboolean
resolve_element (SecuenciaWindow *self,
                 GVariant        *param,
                 gint64          *out_id,
                 guint           *out_index)
{
  gint64 id = param != NULL ? g_variant_get_int64 (param) : -1;

  return _secuencia_window_find_element (self, id, out_id, out_index);
}

static void
move_element (SecuenciaWindow *self,
              GVariant        *param,
              int              delta)
{
  gint64 id;
  guint index;
  int target;

  if (self->project == NULL || !_secuencia_window_file_is_current (self) ||
      !resolve_element (self, param, &id, &index))
    return;
  target = (int) index + delta;
  if (target < 0 || target >= (int) self->n_elements)
    return;

  /* Undoable; the undo stack reloads the list and selects the line. */
  _secuencia_window_timeline_line_moved (self, id, index, target);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  move_element (SECUENCIA_WINDOW (widget), param, -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  move_element (SECUENCIA_WINDOW (widget), param, +1);
}

static void
remove_element_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;
  guint index;

  if (self->project == NULL || !_secuencia_window_file_is_current (self) ||
      !resolve_element (self, param, &id, &index))
    return;

  /* Its clips go with it; undoable. */
  if (!_secuencia_window_timeline_remove_line (self, id, &error))
    {
      _secuencia_window_show_error (self, _("Could Not Remove the Line"), error->message);
      return;
    }
  _secuencia_window_reload_elements (self);
  if (self->n_elements > 0)
    _secuencia_window_select_element (self, MIN (index, self->n_elements - 1));
  {
    AdwToast *toast = _secuencia_window_toast (self, _("Line removed"));

    adw_toast_set_button_label (toast, _("_Undo"));
    adw_toast_set_action_name (toast, "win.undo");
  }
}

static void
add_audio_chosen (GObject      *object,
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
        _secuencia_window_show_error (self, _("Could Not Choose Files"), error->message);
      return;
    }
  if (self->disposed)
    return;
  secuencia_window_import_files (self, (GFile **) files->pdata, files->len);
}

static void
add_audio_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Audio Files"));
  gtk_file_filter_add_mime_type (filter, "audio/*");
  secuencia_file_chooser_open_async (GTK_WINDOW (self), _("Add Audio"), _("_Add"),
                                     filter, TRUE, add_audio_chosen, NULL);
}

/* ---- the last export's file ---- */

static void
open_result_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);

  if (self->result_row != NULL)
    secuencia_open_with_default_app (widget, secuencia_result_row_get_file (SECUENCIA_RESULT_ROW (self->result_row)));
}

static void
show_result_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);

  if (self->result_row != NULL)
    secuencia_show_in_files (widget, secuencia_result_row_get_file (SECUENCIA_RESULT_ROW (self->result_row)));
}

static void
none_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
}

void
_secuencia_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-audio", NULL, add_audio_action);
  gtk_widget_class_install_action (widget_class, "win.move-up", "x", move_up_action);
  gtk_widget_class_install_action (widget_class, "win.move-down", "x", move_down_action);
  gtk_widget_class_install_action (widget_class, "win.remove-element", "x", remove_element_action);
  gtk_widget_class_install_action (widget_class, "win.open-result", NULL, open_result_action);
  gtk_widget_class_install_action (widget_class, "win.show-result", NULL, show_result_action);
  gtk_widget_class_install_action (widget_class, "win.none", NULL, none_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.add-audio", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.move-up", "x", (gint64) -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.move-down", "x", (gint64) -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.remove-element", "x", (gint64) -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.open-result", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.show-result", NULL);
}
