/* secuencia-timeline-view-actions.c: the view's actions and key bindings
 * (zoom, moving between clips, nudging, lanes, mute, volume, delete, the
 * clip popover), the edits they perform as commands, and what assistive
 * technologies are told about the clip with keyboard focus. */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "secuencia-clips-command.h"
#include "secuencia-timeline-view-private.h"

#define MIN_VOLUME_DB -60.0
#define MAX_VOLUME_DB  24.0

/* ---- accessibility ---- */

char *
secuencia_timeline_view_dup_clip_name (SecuenciaTimelineView *self,
                                       gint64                 clip_id)
{
  const SecuenciaClip *clip;
  const char *character, *text = NULL;
  g_autofree char *flat = NULL;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self), NULL);

  _secuencia_timeline_view_ensure_layout (self);
  clip = secuencia_timeline_layout_get_clip (self->layout, clip_id);
  if (clip == NULL)
    return NULL;
  character = _secuencia_timeline_view_get_line (self, clip->element_id, &text);
  if (character == NULL)
    return g_strdup (*clip->name != '\0' ? clip->name : _("Clip"));
  flat = g_strdelimit (g_strdup (text), "\n", ' ');
  if (character + 1 == text)
    return g_steal_pointer (&flat);
  /* Translators: a clip's accessible name: "CHARACTER: line" */
  return g_strdup_printf (_("%.*s: %s"), (int) (text - 1 - character), character, flat);
}

char *
secuencia_timeline_view_dup_clip_description (SecuenciaTimelineView *self,
                                              gint64                 clip_id)
{
  const SecuenciaClip *clip;
  g_autofree char *start = NULL;
  g_autofree char *length = NULL;
  g_autofree char *volume = NULL;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self), NULL);

  _secuencia_timeline_view_ensure_layout (self);
  clip = secuencia_timeline_layout_get_clip (self->layout, clip_id);
  if (clip == NULL)
    return NULL;
  start = secuencia_time_format (clip->offset);
  length = secuencia_time_format (clip->duration);
  volume = g_strdup_printf ("%+.1f", clip->volume_db);
  /* Translators: a clip's accessible description: start time, length,
   * lane number, volume in dB, and whether it is muted */
  return g_strdup_printf (_("Starts at %s, %s long, lane %d, volume %s dB, %s"),
                          start, length, clip->lane + 1, volume,
                          clip->muted ? _("muted") : _("not muted"));
}

void
_secuencia_timeline_view_update_accessible (SecuenciaTimelineView *self)
{
  gint64 cursor = secuencia_timeline_selection_get_cursor (self->selection);
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  if (cursor != 0)
    {
      name = secuencia_timeline_view_dup_clip_name (self, cursor);
      description = secuencia_timeline_view_dup_clip_description (self, cursor);
    }
  if (name == NULL)
    {
      guint n = self->timeline != NULL ? secuencia_timeline_get_n_clips (self->timeline) : 0;
      g_autofree char *duration = secuencia_time_format (self->timeline != NULL
                                                         ? secuencia_timeline_get_duration (self->timeline) : 0);

      name = g_strdup (_("Timeline"));
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  /* Translators: number of clips, total duration */
                                                  "%u clip, %s", "%u clips, %s", n), n, duration);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* ---- performing edits ---- */

#if GTK_CHECK_VERSION (4, 14, 0)
/* Whether gtk_accessible_announce() is safe to call. GTK's test
 * accessibility backend (GTK_A11Y=test, also what GTK falls back to when no
 * AT-SPI bus is reachable) has no announce() up to at least GTK 4.18:
 * calling it there jumps to NULL. It has no screen reader to tell anyway. */
static gboolean
can_announce (SecuenciaTimelineView *self)
{
  g_autoptr(GtkATContext) context = gtk_accessible_get_at_context (GTK_ACCESSIBLE (self));

  return context != NULL && g_strcmp0 (G_OBJECT_TYPE_NAME (context), "GtkTestATContext") != 0;
}
#endif

gboolean
_secuencia_timeline_view_perform (SecuenciaTimelineView *self,
                                  SecuenciaCommand      *command)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!self->editable)
    return FALSE;
  if (self->undo_stack != NULL)
    ok = secuencia_undo_stack_perform (self->undo_stack, command, &error);
  else
    ok = secuencia_command_apply (command, &error);
  if (!ok)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      _secuencia_timeline_view_emit_error (self, error->message);
      return FALSE;
    }
  _secuencia_timeline_view_update_accessible (self);
#if GTK_CHECK_VERSION (4, 14, 0)
  {
    gint64 cursor = secuencia_timeline_selection_get_cursor (self->selection);
    g_autofree char *description = cursor != 0 ? secuencia_timeline_view_dup_clip_description (self, cursor) : NULL;

    if (description != NULL && gtk_widget_has_focus (GTK_WIDGET (self)) && can_announce (self))
      gtk_accessible_announce (GTK_ACCESSIBLE (self), description,
                               GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
  }
#endif
  return TRUE;
}

gboolean
_secuencia_timeline_view_edit_selected (SecuenciaTimelineView *self,
                                        const char            *label,
                                        SecuenciaClipEditFunc  edit,
                                        gpointer               data)
{
  g_autoptr(SecuenciaClipsCommand) command = NULL;
  g_autoptr(GArray) ids = NULL;

  if (self->timeline == NULL)
    return FALSE;
  _secuencia_timeline_view_ensure_layout (self);
  ids = secuencia_timeline_selection_dup_ids (self->selection);
  if (ids->len == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  command = secuencia_clips_command_new (self->timeline, self->project, label);
  for (guint i = 0; i < ids->len; i++)
    {
      const SecuenciaClip *clip = secuencia_timeline_layout_get_clip (self->layout, g_array_index (ids, gint64, i));
      g_autoptr(SecuenciaClip) after = NULL;

      if (clip == NULL)
        continue;
      after = secuencia_clip_copy (clip);
      secuencia_clips_command_add (command, clip, edit (self, after, data) ? after : NULL);
    }
  if (secuencia_clips_command_get_n_changes (command) == 0)
    return FALSE;
  return _secuencia_timeline_view_perform (self, SECUENCIA_COMMAND (command));
}

/* ---- zoom ---- */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);
  double anchor = secuencia_timeline_layout_time_to_x (self->layout, self->playhead);

  if (anchor < 0 || anchor > self->layout->width)
    anchor = self->layout->width / 2.0;
  if (g_str_equal (action_name, "timeline.zoom-in"))
    secuencia_timeline_view_set_ns_per_pixel (self, self->layout->ns_per_px / 1.5, anchor);
  else if (g_str_equal (action_name, "timeline.zoom-out"))
    secuencia_timeline_view_set_ns_per_pixel (self, self->layout->ns_per_px * 1.5, anchor);
  else
    secuencia_timeline_view_zoom_to_fit (self);
}

/* ---- moving between clips ---- */

static void
focus_clip (SecuenciaTimelineView *self,
            const SecuenciaClip   *clip)
{
  if (clip == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  secuencia_timeline_view_select_clip (self, clip->id);
}

static void
select_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);
  SecuenciaTimelineLayout *layout = self->layout;
  gint64 cursor = secuencia_timeline_selection_get_cursor (self->selection);
  const SecuenciaClip *current;
  int step = g_variant_get_int32 (param);

  _secuencia_timeline_view_ensure_layout (self);
  if (layout->clips->len == 0)
    return;
  current = secuencia_timeline_layout_get_clip (layout, cursor);
  if (current == NULL)
    {
      focus_clip (self, layout->clips->pdata[0]);
      return;
    }
  /* Time order (offset, lane, id): the layout's own order. */
  for (guint i = 0; i < layout->clips->len; i++)
    if (layout->clips->pdata[i] == current)
      {
        gint64 next = (gint64) i + step;
        focus_clip (self, next >= 0 && next < layout->clips->len ? layout->clips->pdata[next] : NULL);
        return;
      }
}

static void
select_lane_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);
  SecuenciaTimelineLayout *layout = self->layout;
  const SecuenciaClip *current;
  int step = g_variant_get_int32 (param);
  const SecuenciaClip *best = NULL;
  SecuenciaTime best_distance = G_MAXINT64;
  guint n_rows;

  _secuencia_timeline_view_ensure_layout (self);
  current = secuencia_timeline_layout_get_clip (layout, secuencia_timeline_selection_get_cursor (self->selection));
  if (current == NULL)
    {
      if (layout->clips->len > 0)
        focus_clip (self, layout->clips->pdata[0]);
      return;
    }
  /* The nearest clip in time on the next lane (in @step's direction) that has any. */
  n_rows = secuencia_timeline_layout_get_n_rows (layout);
  for (int row = secuencia_timeline_layout_lane_to_row (layout, current->lane) + step;
       row >= 0 && row < (int) n_rows && best == NULL; row += step)
    {
      SecuenciaLaneIndex *index = &g_array_index (layout->lanes, SecuenciaLaneIndex, row);

      for (guint i = 0; i < index->clips->len; i++)
        {
          const SecuenciaClip *clip = index->clips->pdata[i];
          SecuenciaTime distance = ABS (clip->offset - current->offset);

          if (clip->offset <= current->offset && secuencia_clip_get_end (clip) > current->offset)
            distance = 0;
          if (distance < best_distance)
            {
              best = clip;
              best_distance = distance;
            }
        }
    }
  focus_clip (self, best);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  _secuencia_timeline_view_ensure_layout (self);
  for (guint i = 0; i < self->layout->clips->len; i++)
    g_array_append_val (ids, ((SecuenciaClip *) self->layout->clips->pdata[i])->id);
  secuencia_timeline_selection_set_ids (self->selection, (gint64 *) (gpointer) ids->data, ids->len);
}

/* ---- edits ---- */

static gboolean
edit_nudge (SecuenciaTimelineView *self,
            SecuenciaClip         *clip,
            gpointer               data)
{
  clip->offset += *(SecuenciaTime *) data;
  return TRUE;
}

static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);
  SecuenciaTime delta = g_variant_get_int64 (param);
  g_autoptr(GArray) ids = secuencia_timeline_selection_dup_ids (self->selection);
  SecuenciaTime min_offset = G_MAXINT64;

  _secuencia_timeline_view_ensure_layout (self);
  for (guint i = 0; i < ids->len; i++)
    {
      const SecuenciaClip *clip = secuencia_timeline_layout_get_clip (self->layout, g_array_index (ids, gint64, i));
      if (clip != NULL)
        min_offset = MIN (min_offset, clip->offset);
    }
  /* Earlier stops at zero. */
  if (min_offset != G_MAXINT64 && min_offset + delta < 0)
    delta = -min_offset;
  if (delta == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  _secuencia_timeline_view_edit_selected (self, ids->len == 1 ? _("Move Clip") : _("Move Clips"),
                                          edit_nudge, &delta);
}

static gboolean
edit_lane (SecuenciaTimelineView *self,
           SecuenciaClip         *clip,
           gpointer               data)
{
  clip->lane += *(int *) data;
  return TRUE;
}

static void
lane_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);
  int delta = g_variant_get_int32 (param);
  gint64 cursor = secuencia_timeline_selection_get_cursor (self->selection);

  if (_secuencia_timeline_view_edit_selected (self, _("Move to Another Lane"), edit_lane, &delta))
    {
      const SecuenciaClip *clip;

      _secuencia_timeline_view_ensure_layout (self);
      clip = secuencia_timeline_layout_get_clip (self->layout, cursor);
      if (clip != NULL)
        {
          double top = secuencia_timeline_layout_lane_to_y (self->layout, clip->lane);
          if (top < self->layout->ruler_height || top + self->layout->lane_height > self->layout->height)
            gtk_adjustment_set_value (self->vadjustment,
                                      self->layout->scroll_y + top - self->layout->ruler_height);
        }
    }
}

static gboolean
edit_mute (SecuenciaTimelineView *self,
           SecuenciaClip         *clip,
           gpointer               data)
{
  clip->muted = *(gboolean *) data;
  return TRUE;
}

static void
toggle_mute_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);
  const SecuenciaClip *cursor;
  gboolean muted;

  _secuencia_timeline_view_ensure_layout (self);
  cursor = secuencia_timeline_layout_get_clip (self->layout, secuencia_timeline_selection_get_cursor (self->selection));
  /* All take the opposite of the focused clip's state. */
  muted = cursor != NULL ? !cursor->muted : TRUE;
  _secuencia_timeline_view_edit_selected (self, muted ? _("Mute") : _("Unmute"), edit_mute, &muted);
}

static gboolean
edit_volume (SecuenciaTimelineView *self,
             SecuenciaClip         *clip,
             gpointer               data)
{
  clip->volume_db = CLAMP (round ((clip->volume_db + *(double *) data) * 10) / 10,
                           MIN_VOLUME_DB, MAX_VOLUME_DB);
  return TRUE;
}

static void
volume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  double delta = g_variant_get_double (param);

  _secuencia_timeline_view_edit_selected (SECUENCIA_TIMELINE_VIEW (widget),
                                          delta > 0 ? _("Raise Volume") : _("Lower Volume"),
                                          edit_volume, &delta);
}

static gboolean
edit_remove (SecuenciaTimelineView *self,
             SecuenciaClip         *clip,
             gpointer               data)
{
  return FALSE;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);
  SecuenciaTimelineLayout *layout = self->layout;
  const SecuenciaClip *cursor;
  SecuenciaTime at = 0;
  guint n = secuencia_timeline_selection_get_n (self->selection);

  _secuencia_timeline_view_ensure_layout (self);
  cursor = secuencia_timeline_layout_get_clip (layout, secuencia_timeline_selection_get_cursor (self->selection));
  if (cursor != NULL)
    at = cursor->offset;
  if (!_secuencia_timeline_view_edit_selected (self, n == 1 ? _("Delete Clip") : _("Delete Clips"),
                                               edit_remove, NULL))
    return;
  /* Focus moves to the clip now at or after where the removed one was. */
  _secuencia_timeline_view_ensure_layout (self);
  for (guint i = 0; i < layout->clips->len; i++)
    {
      const SecuenciaClip *clip = layout->clips->pdata[i];
      if (clip->offset >= at || i + 1 == layout->clips->len)
        {
          secuencia_timeline_view_select_clip (self, clip->id);
          return;
        }
    }
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);
  gint64 cursor = secuencia_timeline_selection_get_cursor (self->selection);

  if (cursor == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  _secuencia_timeline_view_show_popover (self, cursor);
}

static void
seek_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);

  _secuencia_timeline_view_ensure_layout (self);
  if (g_str_equal (action_name, "timeline.seek-start"))
    _secuencia_timeline_view_seek (self, 0);
  else
    _secuencia_timeline_view_seek (self, self->layout->duration);
  secuencia_timeline_view_scroll_to_time (self, self->playhead);
}

void
_secuencia_timeline_view_class_actions_init (GtkWidgetClass *widget_class)
{
  const SecuenciaTime big = 100 * SECUENCIA_TIME_MSECOND;
  const SecuenciaTime small = 10 * SECUENCIA_TIME_MSECOND;

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-step", "i", select_step_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-lane", "i", select_lane_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "timeline.nudge", "x", nudge_action);
  gtk_widget_class_install_action (widget_class, "timeline.lane", "i", lane_action);
  gtk_widget_class_install_action (widget_class, "timeline.toggle-mute", NULL, toggle_mute_action);
  gtk_widget_class_install_action (widget_class, "timeline.volume", "d", volume_action);
  gtk_widget_class_install_action (widget_class, "timeline.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "timeline.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "timeline.seek-start", NULL, seek_action);
  gtk_widget_class_install_action (widget_class, "timeline.seek-end", NULL, seek_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "timeline.zoom-fit", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.select-step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.select-step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "timeline.select-lane", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "timeline.select-lane", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "timeline.select-all", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "timeline.nudge", "x", -big);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "timeline.nudge", "x", big);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK, "timeline.nudge", "x", -small);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK, "timeline.nudge", "x", small);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "timeline.lane", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "timeline.lane", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, 0, "timeline.toggle-mute", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.volume", "d", 1.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_SHIFT_MASK, "timeline.volume", "d", 1.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.volume", "d", 1.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.volume", "d", 1.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.volume", "d", -1.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.volume", "d", -1.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "timeline.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "timeline.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "timeline.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "timeline.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "timeline.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "timeline.seek-start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "timeline.seek-end", NULL);
}
