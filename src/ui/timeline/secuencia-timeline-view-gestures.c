/* secuencia-timeline-view-gestures.c: the pointer: click to select
 * (Shift/Ctrl+click for several), drag a body to move (in time and across
 * lanes), drag an edge to trim, click or drag the ruler to move the
 * playhead, double-click to edit precisely; Ctrl+wheel zooms. Moves and
 * trims snap to clip edges, the playhead and zero unless Shift is held. A
 * drag only draws a preview; releasing performs one command. */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "secuencia-clips-command.h"
#include "secuencia-timeline-view-private.h"

#define EDGE_PX      6.0
#define SNAP_PX      8.0
#define DRAG_SLOP_PX 3.0
#define MIN_CLIP     SECUENCIA_TIME_MSECOND

static GdkModifierType
current_state (GtkGesture *gesture)
{
  return gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
}

/* Snap @time to the nearest of: an edge of a clip not being moved, the
 * playhead, zero. Returns the correction to add (0 when nothing is near). */
static SecuenciaTime
snap_correction (SecuenciaTimelineView *self,
                 SecuenciaTime          time,
                 SecuenciaTime         *best_distance,
                 SecuenciaTime         *target)
{
  SecuenciaTime max_distance = (SecuenciaTime) (SNAP_PX * self->layout->ns_per_px);
  SecuenciaTime candidates[3];
  guint n = 0;
  SecuenciaTime correction = 0;
  SecuenciaTime edge;

  if (secuencia_timeline_layout_nearest_edge (self->layout, time, max_distance,
                                              self->drag_mode == DRAG_MOVE
                                              ? secuencia_timeline_selection_peek_set (self->selection) : NULL,
                                              &edge))
    candidates[n++] = edge;
  candidates[n++] = self->playhead;
  candidates[n++] = 0;
  for (guint i = 0; i < n; i++)
    {
      SecuenciaTime distance = ABS (candidates[i] - time);

      if (distance <= max_distance && distance < *best_distance)
        {
          *best_distance = distance;
          *target = candidates[i];
          correction = candidates[i] - time;
        }
    }
  return correction;
}

static void
update_move (SecuenciaTimelineView *self,
             double                 x,
             double                 y,
             gboolean               free_move)
{
  SecuenciaTimelineLayout *layout = self->layout;
  const SecuenciaClip *grabbed = secuencia_timeline_layout_get_clip (layout, self->drag_clip);
  SecuenciaTime delta = (SecuenciaTime) llround ((x - self->drag_start_x) * layout->ns_per_px);
  SecuenciaTime min_offset = G_MAXINT64;
  g_autoptr(GArray) ids = secuencia_timeline_selection_dup_ids (self->selection);
  int lane_at_start, lane_now;

  if (grabbed == NULL)
    return;
  for (guint i = 0; i < ids->len; i++)
    {
      const SecuenciaClip *clip = secuencia_timeline_layout_get_clip (layout, g_array_index (ids, gint64, i));
      if (clip != NULL)
        min_offset = MIN (min_offset, clip->offset);
    }
  self->snap_at = -1;
  if (!free_move)
    {
      SecuenciaTime best_start = G_MAXINT64, target_start = -1;
      SecuenciaTime best_end = G_MAXINT64, target_end = -1;
      SecuenciaTime start_fix = snap_correction (self, grabbed->offset + delta, &best_start, &target_start);
      SecuenciaTime end_fix = snap_correction (self, secuencia_clip_get_end (grabbed) + delta, &best_end, &target_end);

      if (target_start >= 0 && best_start <= best_end)
        {
          delta += start_fix;
          self->snap_at = target_start;
        }
      else if (target_end >= 0)
        {
          delta += end_fix;
          self->snap_at = target_end;
        }
    }
  /* Nothing before zero. */
  if (min_offset != G_MAXINT64 && min_offset + delta < 0)
    delta = -min_offset;
  self->drag_delta = delta;

  if (secuencia_timeline_layout_y_to_lane (layout, self->drag_start_y, &lane_at_start)
      && secuencia_timeline_layout_y_to_lane (layout, MAX (y, layout->ruler_height), &lane_now))
    self->drag_lane_delta = lane_now - grabbed->lane;
  else
    self->drag_lane_delta = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_trim (SecuenciaTimelineView *self,
             double                 x,
             gboolean               free_move)
{
  SecuenciaTimelineLayout *layout = self->layout;
  const SecuenciaClip *clip = secuencia_timeline_layout_get_clip (layout, self->drag_clip);
  SecuenciaTime delta = (SecuenciaTime) llround ((x - self->drag_start_x) * layout->ns_per_px);
  SecuenciaTime asset_duration;
  SecuenciaTime end;

  if (clip == NULL || self->timeline == NULL)
    return;
  asset_duration = secuencia_timeline_get_asset_duration (self->timeline, clip->asset_id);
  end = secuencia_clip_get_end (clip);
  self->trim_preview = *clip;
  self->snap_at = -1;

  if (self->drag_mode == DRAG_TRIM_START)
    {
      SecuenciaTime start = clip->offset + delta;

      if (!free_move)
        {
          SecuenciaTime best = G_MAXINT64, target = -1;
          start += snap_correction (self, start, &best, &target);
          self->snap_at = target;
        }
      /* Stops at the asset's start, at zero, and before the end. */
      start = MAX (start, clip->offset - clip->source_start);
      start = MAX (start, 0);
      start = MIN (start, end - MIN_CLIP);
      self->trim_preview.offset = start;
      self->trim_preview.source_start = clip->source_start + (start - clip->offset);
      self->trim_preview.duration = end - start;
    }
  else
    {
      SecuenciaTime new_end = end + delta;

      if (!free_move)
        {
          SecuenciaTime best = G_MAXINT64, target = -1;
          new_end += snap_correction (self, new_end, &best, &target);
          self->snap_at = target;
        }
      /* Stops at the asset's end and after the start. */
      if (asset_duration > 0)
        new_end = MIN (new_end, clip->offset + (asset_duration - clip->source_start));
      new_end = MAX (new_end, clip->offset + MIN_CLIP);
      self->trim_preview.duration = new_end - clip->offset;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
commit_drag (SecuenciaTimelineView *self)
{
  SecuenciaTimelineLayout *layout = self->layout;
  g_autoptr(SecuenciaClipsCommand) command = NULL;

  if (self->timeline == NULL)
    return;

  if (self->drag_mode == DRAG_MOVE)
    {
      g_autoptr(GArray) ids = NULL;

      if (self->drag_delta == 0 && self->drag_lane_delta == 0)
        return;
      ids = secuencia_timeline_selection_dup_ids (self->selection);
      command = secuencia_clips_command_new (self->timeline, self->project,
                                             ids->len == 1 ? _("Move Clip") : _("Move Clips"));
      for (guint i = 0; i < ids->len; i++)
        {
          const SecuenciaClip *clip = secuencia_timeline_layout_get_clip (layout, g_array_index (ids, gint64, i));
          SecuenciaClip after;

          if (clip == NULL)
            continue;
          after = *clip;
          after.offset += self->drag_delta;
          after.lane += self->drag_lane_delta;
          secuencia_clips_command_add (command, clip, &after);
        }
    }
  else if (self->drag_mode == DRAG_TRIM_START || self->drag_mode == DRAG_TRIM_END)
    {
      const SecuenciaClip *clip = secuencia_timeline_layout_get_clip (layout, self->drag_clip);

      if (clip == NULL || (clip->offset == self->trim_preview.offset
                           && clip->duration == self->trim_preview.duration))
        return;
      command = secuencia_clips_command_new (self->timeline, self->project, _("Trim Clip"));
      secuencia_clips_command_add (command, clip, &self->trim_preview);
    }
  if (command != NULL && secuencia_clips_command_get_n_changes (command) > 0)
    _secuencia_timeline_view_perform (self, SECUENCIA_COMMAND (command));
}

static void
on_drag_begin (GtkGestureDrag        *gesture,
               double                 x,
               double                 y,
               SecuenciaTimelineView *self)
{
  SecuenciaTimelineLayout *layout = self->layout;
  GdkModifierType state = current_state (GTK_GESTURE (gesture));
  const SecuenciaClip *clip;

  _secuencia_timeline_view_ensure_layout (self);
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_delta = 0;
  self->drag_lane_delta = 0;
  self->snap_at = -1;

  if (y < layout->ruler_height)
    {
      self->drag_mode = DRAG_SEEK;
      _secuencia_timeline_view_seek (self, secuencia_timeline_layout_x_to_time (layout, x));
      return;
    }

  clip = secuencia_timeline_layout_hit (layout, x, y);
  if (clip == NULL)
    {
      if (!(state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)))
        secuencia_timeline_selection_select_only (self->selection, 0);
      self->drag_mode = DRAG_NONE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  if (state & GDK_CONTROL_MASK)
    secuencia_timeline_selection_toggle (self->selection, clip->id);
  else if (state & GDK_SHIFT_MASK)
    secuencia_timeline_selection_add (self->selection, clip->id);
  else if (!secuencia_timeline_selection_contains (self->selection, clip->id))
    secuencia_timeline_selection_select_only (self->selection, clip->id);
  else
    secuencia_timeline_selection_add (self->selection, clip->id);  /* cursor moves to it */

  self->drag_clip = clip->id;
  self->drag_mode = DRAG_PENDING;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static DragMode
mode_at (SecuenciaTimelineView *self,
         const SecuenciaClip   *clip,
         double                 x)
{
  double x0 = secuencia_timeline_layout_time_to_x (self->layout, clip->offset);
  double x1 = secuencia_timeline_layout_time_to_x (self->layout, secuencia_clip_get_end (clip));

  if (x1 - x0 >= 3 * EDGE_PX)
    {
      if (x - x0 <= EDGE_PX)
        return DRAG_TRIM_START;
      if (x1 - x <= EDGE_PX)
        return DRAG_TRIM_END;
    }
  return DRAG_MOVE;
}

static void
on_drag_update (GtkGestureDrag        *gesture,
                double                 offset_x,
                double                 offset_y,
                SecuenciaTimelineView *self)
{
  double x = self->drag_start_x + offset_x;
  double y = self->drag_start_y + offset_y;
  gboolean free_move = (current_state (GTK_GESTURE (gesture)) & GDK_SHIFT_MASK) != 0;

  switch (self->drag_mode)
    {
    case DRAG_SEEK:
      _secuencia_timeline_view_seek (self, secuencia_timeline_layout_x_to_time (self->layout, x));
      break;
    case DRAG_PENDING:
      {
        const SecuenciaClip *clip = secuencia_timeline_layout_get_clip (self->layout, self->drag_clip);

        if (clip == NULL || !self->editable || hypot (offset_x, offset_y) < DRAG_SLOP_PX)
          break;
        self->drag_mode = mode_at (self, clip, self->drag_start_x);
        if (self->drag_mode != DRAG_MOVE)
          {
            /* A trim acts on the grabbed clip alone. */
            secuencia_timeline_selection_select_only (self->selection, clip->id);
            update_trim (self, x, free_move);
          }
        else
          update_move (self, x, y, free_move);
      }
      break;
    case DRAG_MOVE:
      update_move (self, x, y, free_move);
      break;
    case DRAG_TRIM_START:
    case DRAG_TRIM_END:
      update_trim (self, x, free_move);
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

static void
on_drag_end (GtkGestureDrag        *gesture,
             double                 offset_x,
             double                 offset_y,
             SecuenciaTimelineView *self)
{
  DragMode mode = self->drag_mode;

  if (mode == DRAG_MOVE || mode == DRAG_TRIM_START || mode == DRAG_TRIM_END)
    commit_drag (self);
  self->drag_mode = DRAG_NONE;
  self->snap_at = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_click_pressed (GtkGestureClick       *gesture,
                  int                    n_press,
                  double                 x,
                  double                 y,
                  SecuenciaTimelineView *self)
{
  const SecuenciaClip *clip;

  if (n_press != 2 || !self->editable)
    return;
  clip = secuencia_timeline_layout_hit (self->layout, x, y);
  if (clip != NULL)
    {
      gint64 id = clip->id;

      self->drag_mode = DRAG_NONE;
      secuencia_timeline_selection_select_only (self->selection, id);
      _secuencia_timeline_view_show_popover (self, id);
    }
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SecuenciaTimelineView    *self)
{
  const SecuenciaClip *clip;
  const char *cursor = NULL;

  if (self->drag_mode != DRAG_NONE)
    return;
  _secuencia_timeline_view_ensure_layout (self);
  clip = secuencia_timeline_layout_hit (self->layout, x, y);
  if (clip != NULL && self->editable)
    cursor = mode_at (self, clip, x) == DRAG_MOVE ? "grab" : "ew-resize";
  else if (y < self->layout->ruler_height)
    cursor = "pointer";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           SecuenciaTimelineView    *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  SecuenciaTimelineLayout *layout = self->layout;

  if (state & GDK_CONTROL_MASK)
    {
      GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
      double x = layout->width / 2.0, y;
      double steps = dy != 0 ? dy : -dx;

      if (event != NULL && gdk_event_get_position (event, &x, &y))
        {
          graphene_point_t point;
          GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
          double nx, ny;

          gtk_native_get_surface_transform (native, &nx, &ny);
          if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                        &GRAPHENE_POINT_INIT (x - nx, y - ny), &point))
            x = point.x;
        }
      secuencia_timeline_view_set_ns_per_pixel (self, layout->ns_per_px * pow (1.25, steps), x);
      return TRUE;
    }
  /* Plain wheel scrolls time when all lanes fit (Shift+wheel always does,
   * through the scrolled window). */
  if (!(state & GDK_SHIFT_MASK) && dx == 0
      && secuencia_timeline_layout_content_height (layout) <= layout->height - layout->ruler_height)
    {
      gtk_adjustment_set_value (self->hadjustment,
                                gtk_adjustment_get_value (self->hadjustment) + dy * layout->width * 0.1);
      return TRUE;
    }
  return FALSE;
}

void
_secuencia_timeline_view_gestures_init (SecuenciaTimelineView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_group (click, drag);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}
