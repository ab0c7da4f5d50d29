/* secuencia-window-timeline.c: the timeline editor in the window: which
 * timeline is shown (the most recently modified; a menu switches), keeping
 * it one story with the screenplay (a project without a timeline gets one
 * laid out from it; new lines append their clips; a removed line takes its
 * clips along; after a reorder, "Lay Out Again from the Screenplay"),
 * selection kept in step with the screenplay list, and undo/redo. */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-clips-command.h"
#include "secuencia-element-item.h"
#include "secuencia-line-move-command.h"
#include "secuencia-lines-command.h"
#include "secuencia-window-private.h"

static SecuenciaTime
gap_setting (SecuenciaWindow *self)
{
  return (SecuenciaTime) g_settings_get_uint (self->settings, "clip-gap-ms") * SECUENCIA_TIME_MSECOND;
}

static void
update_summary (SecuenciaWindow *self)
{
  g_autofree char *total = NULL;
  g_autofree char *summary = NULL;
  guint n;

  if (self->timeline == NULL)
    {
      gtk_label_set_label (self->timeline_summary, _("No timeline yet: add lines with audio."));
      return;
    }
  n = secuencia_timeline_get_n_clips (self->timeline);
  self->shown_timeline_id = n > 0 ? secuencia_timeline_get_id (self->timeline) : 0;
  total = secuencia_time_format (secuencia_timeline_get_duration (self->timeline));
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: timeline name, number of clips, total duration */
                                          "“%s”: %u clip, %s", "“%s”: %u clips, %s", n),
                             secuencia_timeline_get_name (self->timeline), n, total);
  gtk_label_set_label (self->timeline_summary, summary);
}

static void
update_timelines_menu (SecuenciaWindow *self)
{
  g_autoptr(GPtrArray) timelines = NULL;

  g_menu_remove_all (self->timelines_menu);
  if (self->project != NULL)
    timelines = secuencia_project_list_timelines (self->project, NULL);
  for (guint i = 0; timelines != NULL && i < timelines->len; i++)
    {
      const SecuenciaTimelineInfo *info = g_ptr_array_index (timelines, i);
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (info->name, NULL);
      g_menu_item_set_action_and_target_value (item, "win.switch-timeline", g_variant_new_int64 (info->id));
      g_menu_append_item (self->timelines_menu, item);
    }
  gtk_widget_set_visible (self->timeline_menu_button,
                          g_menu_model_get_n_items (G_MENU_MODEL (self->timelines_menu)) > 1);
}

void
_secuencia_window_sync_lines (SecuenciaWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->elements_model);

  secuencia_timeline_view_clear_lines (self->timeline_view);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SecuenciaElementItem) item = g_list_model_get_item (model, i);

      secuencia_timeline_view_set_line (self->timeline_view, secuencia_element_item_get_id (item),
                                        secuencia_element_item_get_character (item),
                                        secuencia_element_item_get_text (item));
    }
}

static void on_timeline_changed (SecuenciaWindow *self);

void
_secuencia_window_reload_clips (SecuenciaWindow *self,
                                gint64           timeline_id)
{
  g_autoptr(SecuenciaTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (SECUENCIA_IS_WINDOW (self));

  if (self->project != NULL && timeline_id > 0)
    {
      timeline = secuencia_project_load_timeline (self->project, timeline_id, &error);
      if (timeline == NULL)
        _secuencia_window_show_error (self, _("Could Not Read the Timeline"), error->message);
    }
  else if (_secuencia_window_is_read_only (self))
    /* None stored, none can be: the screenplay laid out in memory. */
    timeline = _secuencia_window_readonly_layout (self);
  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_func (self->timeline, on_timeline_changed, self);
  g_set_object (&self->timeline, timeline);
  if (timeline != NULL)
    g_signal_connect_swapped (timeline, "changed", G_CALLBACK (on_timeline_changed), self);
  self->shown_timeline_id = 0;
  secuencia_timeline_view_set_project (self->timeline_view, self->project);
  secuencia_timeline_view_set_timeline (self->timeline_view, timeline);
  _secuencia_window_sync_lines (self);
  update_summary (self);
  update_timelines_menu (self);
  _secuencia_window_playback_invalidate (self);
  _secuencia_window_update_actions (self);
}

static void
on_timeline_changed (SecuenciaWindow *self)
{
  update_summary (self);
  _secuencia_window_update_actions (self);
}

gint64
_secuencia_window_latest_timeline_id (SecuenciaWindow *self)
{
  return self->project != NULL ? secuencia_project_latest_timeline_id (self->project, NULL) : 0;
}

static gboolean
has_audio_lines (SecuenciaWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->elements_model);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SecuenciaElementItem) item = g_list_model_get_item (model, i);
      if (secuencia_element_item_has_audio (item))
        return TRUE;
    }
  return FALSE;
}

/* A project without a timeline gets one laid out from its screenplay. */
static gint64
lay_out_new_timeline (SecuenciaWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->project == NULL || secuencia_project_is_read_only (self->project) || !has_audio_lines (self))
    return 0;
  id = secuencia_project_convert_screenplay (self->project, self->project_name, gap_setting (self),
                                             NULL, NULL, NULL, &error);
  if (id <= 0)
    _secuencia_window_show_error (self, _("Could Not Lay Out the Timeline"), error->message);
  return MAX (id, 0);
}

void
_secuencia_window_timeline_open (SecuenciaWindow *self)
{
  gint64 id;

  secuencia_undo_stack_clear (self->undo_stack);
  id = secuencia_project_latest_timeline_id (self->project, NULL);
  if (id == 0)
    id = lay_out_new_timeline (self);
  _secuencia_window_reload_clips (self, id);
}

static SecuenciaElementInfo *
find_info (GPtrArray *elements,
           gint64     element_id)
{
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    if (((SecuenciaElementInfo *) elements->pdata[i])->id == element_id)
      return elements->pdata[i];
  return NULL;
}

gint64
_secuencia_window_timeline_max_line (SecuenciaWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->elements_model);
  gint64 max = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SecuenciaElementItem) item = g_list_model_get_item (model, i);
      max = MAX (max, secuencia_element_item_get_id (item));
    }
  return max;
}

/* The lines an import added (ids above the highest when it started; the
 * list may have been reloaded meanwhile, when the file watch saw the
 * worker's commits) get clips after lane 0's last, the gap setting apart,
 * a dual dialogue on lane 1 (secuencia_screenplay_clips_for_lines());
 * lines and clips become one
 * undoable "Add Lines". */
void
_secuencia_window_timeline_lines_added (SecuenciaWindow *self)
{
  g_autoptr(SecuenciaClipsCommand) clips = NULL;
  g_autoptr(SecuenciaLinesCommand) command = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autoptr(GPtrArray) new_clips = NULL;
  g_autoptr(GError) error = NULL;
  gint64 previous_max = self->import_base_element;

  if (self->project == NULL)
    return;
  elements = secuencia_project_list_elements (self->project, &error);
  if (elements == NULL)
    {
      _secuencia_window_show_error (self, _("Could Not Read the Screenplay"), error->message);
      return;
    }
  for (guint i = 0; i < elements->len; i++)
    if (((SecuenciaElementInfo *) elements->pdata[i])->id > previous_max)
      g_ptr_array_add (added, elements->pdata[i]);
  _secuencia_window_sync_lines (self);
  if (added->len == 0)
    return;

  if (self->timeline == NULL)
    {
      /* The first lines with audio: lay the whole screenplay out. */
      _secuencia_window_reload_clips (self, lay_out_new_timeline (self));
      return;
    }
  /* The same rule as lines added from outside (secuencia-cli add, through
   * secuencia_project_append_line_clips()). */
  new_clips = secuencia_screenplay_clips_for_lines (self->timeline, added, gap_setting (self));
  clips = secuencia_clips_command_new (self->timeline, self->project, _("Add Clips"));
  for (guint i = 0; i < new_clips->len; i++)
    secuencia_clips_command_add (clips, NULL, g_ptr_array_index (new_clips, i));
  if (secuencia_clips_command_get_n_changes (clips) > 0
      && !secuencia_command_apply (SECUENCIA_COMMAND (clips), &error))
    {
      _secuencia_window_show_error (self, _("Could Not Add the Clips"), error->message);
      g_clear_object (&clips);
    }
  command = secuencia_lines_command_new (self->project, TRUE, added,
                                         clips != NULL && secuencia_clips_command_get_n_changes (clips) > 0 ? clips : NULL,
                                         g_dngettext (GETTEXT_PACKAGE, "Add Line", "Add Lines", added->len));
  secuencia_undo_stack_push_applied (self->undo_stack, SECUENCIA_COMMAND (command));
}

/* Remove a line and its clips, undoably. */
gboolean
_secuencia_window_timeline_remove_line (SecuenciaWindow  *self,
                                        gint64            element_id,
                                        GError          **error)
{
  g_autoptr(SecuenciaClipsCommand) clips = NULL;
  g_autoptr(SecuenciaLinesCommand) command = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  SecuenciaElementInfo *line;

  elements = secuencia_project_list_elements (self->project, error);
  if (elements == NULL)
    return FALSE;
  line = find_info (elements, element_id);
  if (line == NULL)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND,
                   _("Screenplay line %lld is not in the project"), (long long) element_id);
      return FALSE;
    }
  g_ptr_array_add (lines, line);
  if (self->timeline != NULL)
    {
      g_autoptr(GPtrArray) all = secuencia_timeline_get_clips (self->timeline);

      clips = secuencia_clips_command_new (self->timeline, self->project, _("Remove Clips"));
      for (guint i = 0; i < all->len; i++)
        {
          const SecuenciaClip *clip = g_ptr_array_index (all, i);
          if (clip->element_id == element_id)
            secuencia_clips_command_add (clips, clip, NULL);
        }
      if (secuencia_clips_command_get_n_changes (clips) == 0)
        g_clear_object (&clips);
    }
  command = secuencia_lines_command_new (self->project, FALSE, lines, clips, _("Remove Line"));
  return secuencia_undo_stack_perform (self->undo_stack, SECUENCIA_COMMAND (command), error);
}

/* ---- one story: lay out again after a reorder ---- */

static void
relayout_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  GListModel *model = G_LIST_MODEL (self->elements_model);
  g_autoptr(SecuenciaClipsCommand) command = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GError) error = NULL;
  SecuenciaTime offset = 0;
  SecuenciaTime block_start = -1;   /* where the current speaker's lines started */
  SecuenciaTime dual_end = -1;      /* end of the dual speaker's lines so far */
  g_autofree char *block_character = NULL;
  gboolean first = TRUE;

  if (self->timeline == NULL)
    return;
  clips = secuencia_timeline_get_clips (self->timeline);
  command = secuencia_clips_command_new (self->timeline, self->project, _("Lay Out Again from the Screenplay"));
  /* In screenplay order, each line's clips one after the other on lane 0,
   * the gap between lines, trims and mix kept; dual dialogue on lane 1
   * from where the other speaker's lines start, as the converter lays it
   * out (secuencia-screenplay-converter.h). */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SecuenciaElementItem) item = g_list_model_get_item (model, i);
      gint64 element = secuencia_element_item_get_id (item);
      gboolean dialogue = secuencia_element_item_get_kind (item) == SECUENCIA_ELEMENT_DIALOGUE;
      gboolean dual = dialogue && secuencia_element_item_is_dual (item) && block_start >= 0;
      gboolean line_started = FALSE;

      if (!dual)
        {
          if (dual_end >= 0)
            {
              offset = MAX (offset, dual_end);
              dual_end = block_start = -1;
              g_clear_pointer (&block_character, g_free);
            }
          if (!dialogue || g_strcmp0 (block_character, secuencia_element_item_get_character (item)) != 0)
            {
              block_start = -1;
              g_free (block_character);
              block_character = dialogue ? g_strdup (secuencia_element_item_get_character (item)) : NULL;
            }
        }
      for (guint j = 0; j < clips->len; j++)
        {
          SecuenciaClip *clip = g_ptr_array_index (clips, j);
          SecuenciaClip after;

          if (clip->element_id != element)
            continue;
          after = *clip;
          if (dual)
            {
              after.offset = dual_end < 0 ? block_start : dual_end + (line_started ? 0 : gap_setting (self));
              after.lane = 1;
              dual_end = after.offset + clip->duration;
            }
          else
            {
              if (!line_started && !first)
                offset += gap_setting (self);
              if (block_start < 0 && block_character != NULL)
                block_start = offset;
              after.offset = offset;
              after.lane = 0;
              offset += clip->duration;
            }
          line_started = TRUE;
          first = FALSE;
          if (after.offset != clip->offset || after.lane != clip->lane)
            secuencia_clips_command_add (command, clip, &after);
        }
    }
  if (secuencia_clips_command_get_n_changes (command) == 0)
    {
      _secuencia_window_toast (self, _("The timeline already follows the screenplay"));
      return;
    }
  if (!secuencia_undo_stack_perform (self->undo_stack, SECUENCIA_COMMAND (command), &error))
    _secuencia_window_show_error (self, _("Could Not Lay Out the Timeline"), error->message);
}

void
_secuencia_window_timeline_line_moved (SecuenciaWindow *self,
                                       gint64           element_id,
                                       gint64           from,
                                       gint64           to)
{
  g_autoptr(SecuenciaLineMoveCommand) command = secuencia_line_move_command_new (self->project, element_id, from, to);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!secuencia_undo_stack_perform (self->undo_stack, SECUENCIA_COMMAND (command), &error))
    {
      _secuencia_window_show_error (self, _("Could Not Move the Line"), error->message);
      return;
    }
  if (self->timeline != NULL)
    {
      toast = _secuencia_window_toast (self, _("The screenplay order changed"));
      adw_toast_set_button_label (toast, _("Lay Out Again from the Screenplay"));
      adw_toast_set_action_name (toast, "win.relayout");
    }
}

/* ---- undo ---- */

static void
on_performed (SecuenciaWindow  *self,
              SecuenciaCommand *command,
              gboolean          reverted)
{
  if (SECUENCIA_IS_LINES_COMMAND (command))
    {
      SecuenciaLinesCommand *lines = SECUENCIA_LINES_COMMAND (command);
      gboolean present = secuencia_lines_command_get_adds (lines) != reverted;
      guint position;
      gint64 id;

      _secuencia_window_reload_elements (self);
      _secuencia_window_sync_lines (self);
      if (present && _secuencia_window_find_element (self, secuencia_lines_command_get_first_line (lines),
                                                     &id, &position))
        _secuencia_window_select_element (self, position);
    }
  else if (SECUENCIA_IS_LINE_MOVE_COMMAND (command))
    {
      guint position;
      gint64 id;

      _secuencia_window_reload_elements (self);
      if (_secuencia_window_find_element (self, secuencia_line_move_command_get_element (SECUENCIA_LINE_MOVE_COMMAND (command)),
                                          &id, &position))
        _secuencia_window_select_element (self, position);
    }
  _secuencia_window_update_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_str_equal (action_name, "win.undo"))
    ok = secuencia_undo_stack_undo (self->undo_stack, &error);
  else
    ok = secuencia_undo_stack_redo (self->undo_stack, &error);
  if (!ok)
    _secuencia_window_show_error (self, g_str_equal (action_name, "win.undo") ? _("Could Not Undo")
                                                                              : _("Could Not Redo"),
                                  error->message);
}

static void
switch_timeline_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  gint64 id = g_variant_get_int64 (param);

  if (self->timeline != NULL && secuencia_timeline_get_id (self->timeline) == id)
    return;
  secuencia_undo_stack_clear (self->undo_stack);
  _secuencia_window_reload_clips (self, id);
}

/* ---- selection in step ---- */

static void
on_line_selected (SecuenciaWindow *self)
{
  gint64 id;
  guint position;

  if (self->syncing_selection || self->timeline == NULL)
    return;
  if (!_secuencia_window_find_element (self, -1, &id, &position))
    return;
  self->syncing_selection = TRUE;
  secuencia_timeline_view_select_element (self->timeline_view, id);
  self->syncing_selection = FALSE;
}

static void
on_clip_selected (SecuenciaWindow *self)
{
  gint64 element = secuencia_timeline_view_get_cursor_element (self->timeline_view);
  GtkWidget *focus;
  gint64 id;
  guint position;

  if (self->syncing_selection || element == 0)
    return;
  if (!_secuencia_window_find_element (self, element, &id, &position))
    return;
  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->elements_selection, position);
  /* Scrolls the row into view (GtkListBase's action; it also focuses the
   * row, so only when the list has the focus already). */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus != NULL && (focus == GTK_WIDGET (self->elements_view) ||
                        gtk_widget_is_ancestor (focus, GTK_WIDGET (self->elements_view))))
    gtk_widget_activate_action (GTK_WIDGET (self->elements_view), "list.scroll-to-item", "u", position);
  self->syncing_selection = FALSE;
}

gint64
secuencia_window_get_selected_line (SecuenciaWindow *self)
{
  gint64 id;
  guint position;

  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), 0);
  return _secuencia_window_find_element (self, -1, &id, &position) ? id : 0;
}

void
secuencia_window_select_line (SecuenciaWindow *self,
                              guint            position)
{
  g_return_if_fail (SECUENCIA_IS_WINDOW (self));
  gtk_single_selection_set_selected (self->elements_selection, position);
}

static void
on_view_error (SecuenciaWindow *self,
               const char      *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  _secuencia_window_toast (self, escaped);
}

/* The zoom buttons act on the view (its actions are "timeline.*"). */
static void
on_zoom_clicked (GtkButton       *button,
                 SecuenciaWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->timeline_view),
                              g_object_get_data (G_OBJECT (button), "view-action"), NULL);
}

void
_secuencia_window_timeline_init (SecuenciaWindow *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading = gtk_label_new (_("Timeline"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *zoom_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  struct { const char *icon, *tip, *action; } zoom[] = {
    { "zoom-out-symbolic", N_("Zoom Out (Ctrl+−)"), "timeline.zoom-out" },
    { "zoom-fit-best-symbolic", N_("Fit the Whole Timeline (Ctrl+0)"), "timeline.zoom-fit" },
    { "zoom-in-symbolic", N_("Zoom In (Ctrl+plus)"), "timeline.zoom-in" },
  };

  self->undo_stack = secuencia_undo_stack_new ();
  g_signal_connect_object (self->undo_stack, "performed", G_CALLBACK (on_performed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_stack, "changed", G_CALLBACK (_secuencia_window_update_actions),
                           self, G_CONNECT_SWAPPED);
  self->timelines_menu = g_menu_new ();

  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (header), heading);
  self->timeline_summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->timeline_summary, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->timeline_summary, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->timeline_summary), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->timeline_summary), "dim-label");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->timeline_summary));

  self->timeline_menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->timeline_menu_button), "view-list-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->timeline_menu_button), G_MENU_MODEL (self->timelines_menu));
  gtk_widget_set_tooltip_text (self->timeline_menu_button, _("Switch Timeline"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timeline_menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Switch Timeline"), -1);
  gtk_widget_add_css_class (self->timeline_menu_button, "flat");
  gtk_box_append (GTK_BOX (header), self->timeline_menu_button);

  gtk_widget_add_css_class (zoom_box, "linked");
  for (guint i = 0; i < G_N_ELEMENTS (zoom); i++)
    {
      GtkWidget *button = gtk_button_new_from_icon_name (zoom[i].icon);

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _(zoom[i].tip));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _(zoom[i].tip), -1);
      gtk_widget_set_focus_on_click (button, FALSE);
      g_object_set_data (G_OBJECT (button), "view-action", (gpointer) zoom[i].action);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_zoom_clicked), self, G_CONNECT_DEFAULT);
      gtk_box_append (GTK_BOX (zoom_box), button);
    }
  gtk_box_append (GTK_BOX (header), zoom_box);
  gtk_box_append (GTK_BOX (self->timeline_box), header);

  self->timeline_view = secuencia_timeline_view_new ();
  secuencia_timeline_view_set_undo_stack (self->timeline_view, self->undo_stack);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->timeline_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_ALWAYS, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->timeline_box), scroller);

  g_signal_connect_object (self->timeline_view, "error", G_CALLBACK (on_view_error), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (secuencia_timeline_view_get_selection (self->timeline_view), "changed",
                           G_CALLBACK (on_clip_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->elements_selection, "notify::selected",
                           G_CALLBACK (on_line_selected), self, G_CONNECT_SWAPPED);
  update_summary (self);
  update_timelines_menu (self);
}

void
_secuencia_window_class_timeline_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.relayout", NULL, relayout_action);
  gtk_widget_class_install_action (widget_class, "win.switch-timeline", "x", switch_timeline_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
}
