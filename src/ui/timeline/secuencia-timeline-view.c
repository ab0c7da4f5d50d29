/* secuencia-timeline-view.c: the timeline editor widget: state, scrolling,
 * zoom, the playhead. Drawing, gestures and actions live in the files
 * beside it (see secuencia-timeline-view-private.h). */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "secuencia-timeline-view-private.h"

G_DEFINE_FINAL_TYPE_WITH_CODE (SecuenciaTimelineView, secuencia_timeline_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_PLAYHEAD,
  PROP_NS_PER_PIXEL,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};
static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SEEK,
  SIGNAL_ERROR,
  SIGNAL_ACTIVATE_CLIP,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

/* ---- layout and scrolling ---- */

static gboolean
clip_exists (gint64 id, gpointer data)
{
  return secuencia_timeline_layout_get_clip (data, id) != NULL;
}

void
_secuencia_timeline_view_ensure_layout (SecuenciaTimelineView *self)
{
  if (!self->layout_dirty)
    return;
  self->layout_dirty = FALSE;
  secuencia_timeline_layout_load (self->layout, self->timeline);
  secuencia_timeline_selection_prune (self->selection, clip_exists, self->layout);
}

static gboolean
update_accessible_idle (gpointer data)
{
  SecuenciaTimelineView *self = data;

  self->accessible_idle = 0;
  _secuencia_timeline_view_update_accessible (self);
  return G_SOURCE_REMOVE;
}

/* Lazy: a command that changes a thousand clips emits a thousand
 * "changed"; the layout is rebuilt once, when it is next needed
 * (allocation, drawing, a query). */
static void
on_timeline_changed (SecuenciaTimelineView *self)
{
  self->layout_dirty = TRUE;
  if (self->accessible_idle == 0)
    self->accessible_idle = g_idle_add_full (G_PRIORITY_LOW, update_accessible_idle, self, NULL);
  gtk_widget_queue_resize (GTK_WIDGET (self));  /* lanes may come or go; scroll bars */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_secuencia_timeline_view_update_adjustments (SecuenciaTimelineView *self)
{
  SecuenciaTimelineLayout *layout = self->layout;
  double lanes_height;

  _secuencia_timeline_view_ensure_layout (self);
  lanes_height = MAX (0, layout->height - layout->ruler_height);
  if (self->hadjustment != NULL)
    {
      double upper = MAX (secuencia_timeline_layout_content_width (layout), layout->width);
      double value = CLAMP (layout->scroll_x, 0, MAX (0, upper - layout->width));

      gtk_adjustment_configure (self->hadjustment, value, 0, upper,
                                layout->width * 0.1, layout->width * 0.9, layout->width);
      layout->scroll_x = gtk_adjustment_get_value (self->hadjustment);
    }
  if (self->vadjustment != NULL)
    {
      double upper = MAX (secuencia_timeline_layout_content_height (layout), lanes_height);
      double value = CLAMP (layout->scroll_y, 0, MAX (0, upper - lanes_height));

      gtk_adjustment_configure (self->vadjustment, value, 0, upper,
                                layout->lane_height * 0.5, lanes_height * 0.9, lanes_height);
      layout->scroll_y = gtk_adjustment_get_value (self->vadjustment);
    }
}

static void
on_adjustment_value_changed (SecuenciaTimelineView *self)
{
  if (self->hadjustment != NULL)
    self->layout->scroll_x = gtk_adjustment_get_value (self->hadjustment);
  if (self->vadjustment != NULL)
    self->layout->scroll_y = gtk_adjustment_get_value (self->vadjustment);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (SecuenciaTimelineView  *self,
                GtkAdjustment         **slot,
                GtkAdjustment          *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed), self);
  _secuencia_timeline_view_update_adjustments (self);
}

void
secuencia_timeline_view_scroll_to_time (SecuenciaTimelineView *self,
                                        SecuenciaTime          time)
{
  double x;

  g_return_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self));

  x = secuencia_timeline_layout_time_to_x (self->layout, time);
  if (x >= 0 && x < self->layout->width - 40)
    return;
  /* Bring it to a quarter of the width from the left. */
  gtk_adjustment_set_value (self->hadjustment,
                            (double) time / self->layout->ns_per_px - self->layout->width / 4.0);
}

static void
scroll_to_lane (SecuenciaTimelineView *self,
                int                    lane)
{
  SecuenciaTimelineLayout *layout = self->layout;
  double top = secuencia_timeline_layout_lane_to_y (layout, lane);

  if (top < layout->ruler_height)
    gtk_adjustment_set_value (self->vadjustment, layout->scroll_y - (layout->ruler_height - top));
  else if (top + layout->lane_height > layout->height)
    gtk_adjustment_set_value (self->vadjustment, layout->scroll_y + (top + layout->lane_height - layout->height));
}

/* ---- zoom ---- */

double
secuencia_timeline_view_get_ns_per_pixel (SecuenciaTimelineView *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self), 0);
  return self->layout->ns_per_px;
}

void
secuencia_timeline_view_set_ns_per_pixel (SecuenciaTimelineView *self,
                                          double                 ns_per_pixel,
                                          double                 anchor_x)
{
  SecuenciaTimelineLayout *layout;
  SecuenciaTime anchor;

  g_return_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self));

  layout = self->layout;
  ns_per_pixel = CLAMP (ns_per_pixel, SECUENCIA_TIMELINE_MIN_NS_PER_PX, SECUENCIA_TIMELINE_MAX_NS_PER_PX);
  if (ns_per_pixel == layout->ns_per_px)
    return;
  anchor = secuencia_timeline_layout_x_to_time (layout, anchor_x);
  layout->ns_per_px = ns_per_pixel;
  layout->scroll_x = MAX (0, (double) anchor / ns_per_pixel - anchor_x);
  self->fit_pending = FALSE;
  self->fitted = FALSE;
  _secuencia_timeline_view_update_adjustments (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NS_PER_PIXEL]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
secuencia_timeline_view_zoom_to_fit (SecuenciaTimelineView *self)
{
  SecuenciaTimelineLayout *layout;
  double ns_per_px;

  g_return_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self));

  layout = self->layout;
  _secuencia_timeline_view_ensure_layout (self);
  if (layout->width <= 0)
    {
      self->fit_pending = TRUE;  /* once there is a width */
      return;
    }
  ns_per_px = (double) MAX (layout->duration, SECUENCIA_TIME_SECOND) / MAX (layout->width - 24, 50);
  secuencia_timeline_view_set_ns_per_pixel (self, ns_per_px, 0);
  gtk_adjustment_set_value (self->hadjustment, 0);
  self->fitted = TRUE;
}

/* ---- the widget ---- */

static void
secuencia_timeline_view_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 600;
    }
  else
    {
      _secuencia_timeline_view_ensure_layout (self);
      *minimum = self->layout->ruler_height + 56;
      *natural = self->layout->ruler_height
                 + 56 * (int) secuencia_timeline_layout_get_n_rows (self->layout);
    }
}

static void
secuencia_timeline_view_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);
  gboolean width_changed = self->layout->width != width;
  guint n_rows;

  self->layout->width = width;
  self->layout->height = height;
  /* The lanes share the height (within reason), so the timeline uses the
   * room it gets. */
  _secuencia_timeline_view_ensure_layout (self);
  n_rows = MAX (1, secuencia_timeline_layout_get_n_rows (self->layout));
  self->layout->lane_height = CLAMP ((height - self->layout->ruler_height) / (int) n_rows, 56, 120);
  if (self->fit_pending || (self->fitted && width_changed))
    {
      self->fit_pending = FALSE;
      secuencia_timeline_view_zoom_to_fit (self);
    }
  _secuencia_timeline_view_update_adjustments (self);
  if (self->popover != NULL)
    gtk_popover_present (self->popover);
}

static void
secuencia_timeline_view_css_changed (GtkWidget         *widget,
                                     GtkCssStyleChange *change)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);

  GTK_WIDGET_CLASS (secuencia_timeline_view_parent_class)->css_changed (widget, change);
  secuencia_timeline_labels_clear (self->labels);
  secuencia_timeline_labels_clear (self->ruler_labels);
  gtk_widget_queue_draw (widget);
}

static gboolean
secuencia_timeline_view_focus (GtkWidget        *widget,
                               GtkDirectionType  direction)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);

  /* One Tab stop: Tab enters and leaves; arrows are handled as actions. */
  if (gtk_widget_has_focus (widget))
    return FALSE;
  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return FALSE;
  _secuencia_timeline_view_ensure_layout (self);
  if (secuencia_timeline_selection_get_cursor (self->selection) == 0 && self->layout->clips->len > 0)
    secuencia_timeline_selection_select_only (self->selection,
                                              ((SecuenciaClip *) self->layout->clips->pdata[0])->id);
  return gtk_widget_grab_focus (widget);
}

static void
secuencia_timeline_view_dispose (GObject *object)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (object);
  GtkWidget *child;

  /* The open popover, and closed ones not yet unparented. */
  self->popover = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  secuencia_timeline_view_set_timeline (self, NULL);
  g_clear_handle_id (&self->accessible_idle, g_source_remove);
  g_clear_object (&self->project);
  g_clear_object (&self->undo_stack);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  secuencia_timeline_labels_clear (self->labels);
  secuencia_timeline_labels_clear (self->ruler_labels);
  secuencia_waveform_tiles_clear (self->waveforms);

  G_OBJECT_CLASS (secuencia_timeline_view_parent_class)->dispose (object);
}

static void
secuencia_timeline_view_finalize (GObject *object)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (object);

  g_clear_object (&self->selection);
  g_clear_pointer (&self->layout, secuencia_timeline_layout_free);
  g_clear_pointer (&self->peaks, g_hash_table_unref);
  g_clear_pointer (&self->lines, g_hash_table_unref);
  g_clear_pointer (&self->labels, secuencia_timeline_labels_free);
  g_clear_pointer (&self->ruler_labels, secuencia_timeline_labels_free);
  g_clear_pointer (&self->waveforms, secuencia_waveform_tiles_free);

  G_OBJECT_CLASS (secuencia_timeline_view_parent_class)->finalize (object);
}

static void
secuencia_timeline_view_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    case PROP_PLAYHEAD:
      g_value_set_int64 (value, self->playhead);
      break;
    case PROP_NS_PER_PIXEL:
      g_value_set_double (value, self->layout->ns_per_px);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_timeline_view_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      secuencia_timeline_view_set_timeline (self, g_value_get_object (value));
      break;
    case PROP_PLAYHEAD:
      secuencia_timeline_view_set_playhead (self, g_value_get_int64 (value));
      break;
    case PROP_NS_PER_PIXEL:
      secuencia_timeline_view_set_ns_per_pixel (self, g_value_get_double (value), 0);
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_timeline_view_class_init (SecuenciaTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = secuencia_timeline_view_dispose;
  object_class->finalize = secuencia_timeline_view_finalize;
  object_class->get_property = secuencia_timeline_view_get_property;
  object_class->set_property = secuencia_timeline_view_set_property;

  widget_class->measure = secuencia_timeline_view_measure;
  widget_class->size_allocate = secuencia_timeline_view_size_allocate;
  widget_class->snapshot = _secuencia_timeline_view_snapshot;
  widget_class->css_changed = secuencia_timeline_view_css_changed;
  widget_class->focus = secuencia_timeline_view_focus;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL, SECUENCIA_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYHEAD] =
    g_param_spec_int64 ("playhead", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NS_PER_PIXEL] =
    g_param_spec_double ("ns-per-pixel", NULL, NULL,
                         SECUENCIA_TIMELINE_MIN_NS_PER_PX, SECUENCIA_TIMELINE_MAX_NS_PER_PX,
                         10 * SECUENCIA_TIME_MSECOND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[SIGNAL_SEEK] =
    g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_ACTIVATE_CLIP] =
    g_signal_new ("activate-clip", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "timelineview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  _secuencia_timeline_view_class_actions_init (widget_class);
}

static void
secuencia_timeline_view_init (SecuenciaTimelineView *self)
{
  self->layout = secuencia_timeline_layout_new ();
  self->selection = secuencia_timeline_selection_new ();
  self->peaks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) secuencia_peaks_unref);
  self->lines = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->labels = secuencia_timeline_labels_new ();
  self->ruler_labels = secuencia_timeline_labels_new ();
  self->waveforms = secuencia_waveform_tiles_new ();
  self->snap_at = -1;
  self->layout_dirty = TRUE;
  self->editable = TRUE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  g_signal_connect_object (self->selection, "changed",
                           G_CALLBACK (_secuencia_timeline_view_update_accessible), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "changed",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  _secuencia_timeline_view_gestures_init (self);
  _secuencia_timeline_view_update_accessible (self);
}

SecuenciaTimelineView *
secuencia_timeline_view_new (void)
{
  return g_object_new (SECUENCIA_TYPE_TIMELINE_VIEW, NULL);
}

void
secuencia_timeline_view_set_timeline (SecuenciaTimelineView *self,
                                      SecuenciaTimeline     *timeline)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self));
  g_return_if_fail (timeline == NULL || SECUENCIA_IS_TIMELINE (timeline));

  if (self->timeline == timeline)
    return;
  if (self->timeline != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, self->timeline);
      g_clear_object (&self->timeline);
    }
  if (timeline != NULL)
    {
      self->timeline = g_object_ref (timeline);
      self->changed_handler = g_signal_connect_swapped (timeline, "changed",
                                                        G_CALLBACK (on_timeline_changed), self);
    }
  self->drag_mode = DRAG_NONE;
  secuencia_timeline_selection_select_only (self->selection, 0);
  on_timeline_changed (self);
  _secuencia_timeline_view_update_adjustments (self);
  _secuencia_timeline_view_update_accessible (self);
  /* A new timeline opens fitted to the width. */
  if (timeline != NULL)
    secuencia_timeline_view_zoom_to_fit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

SecuenciaTimeline *
secuencia_timeline_view_get_timeline (SecuenciaTimelineView *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self), NULL);
  return self->timeline;
}

void
secuencia_timeline_view_set_project (SecuenciaTimelineView *self,
                                     SecuenciaProject      *project)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self));
  g_return_if_fail (project == NULL || SECUENCIA_IS_PROJECT (project));
  g_set_object (&self->project, project);
}

void
secuencia_timeline_view_set_editable (SecuenciaTimelineView *self,
                                      gboolean               editable)
{
  static const char * const edits[] = {
    "timeline.nudge", "timeline.lane", "timeline.toggle-mute",
    "timeline.volume", "timeline.delete", "timeline.edit",
  };

  g_return_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self));

  self->editable = editable != FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), edits[i], self->editable);
  if (!self->editable)
    {
      if (self->popover != NULL)
        gtk_popover_popdown (self->popover);
      if (self->drag_mode != DRAG_SEEK)
        self->drag_mode = DRAG_NONE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

gboolean
secuencia_timeline_view_get_editable (SecuenciaTimelineView *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self), FALSE);
  return self->editable;
}

void
secuencia_timeline_view_set_undo_stack (SecuenciaTimelineView *self,
                                        SecuenciaUndoStack    *stack)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self));
  g_return_if_fail (stack == NULL || SECUENCIA_IS_UNDO_STACK (stack));
  g_set_object (&self->undo_stack, stack);
}

void
secuencia_timeline_view_set_peaks (SecuenciaTimelineView *self,
                                   gint64                 asset_id,
                                   SecuenciaPeaks        *peaks)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self));

  if (peaks != NULL)
    g_hash_table_replace (self->peaks, g_memdup2 (&asset_id, sizeof asset_id), secuencia_peaks_ref (peaks));
  else
    g_hash_table_remove (self->peaks, &asset_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
secuencia_timeline_view_clear_peaks (SecuenciaTimelineView *self)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self));
  g_hash_table_remove_all (self->peaks);
  secuencia_waveform_tiles_clear (self->waveforms);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
secuencia_timeline_view_set_line (SecuenciaTimelineView *self,
                                  gint64                 element_id,
                                  const char            *character,
                                  const char            *text)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self));

  g_hash_table_replace (self->lines, g_memdup2 (&element_id, sizeof element_id),
                        g_strconcat (character != NULL ? character : "", "\n", text != NULL ? text : "", NULL));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _secuencia_timeline_view_update_accessible (self);
}

void
secuencia_timeline_view_clear_lines (SecuenciaTimelineView *self)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self));
  g_hash_table_remove_all (self->lines);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The character of a line (NULL when unknown) and its text in *text. The
 * stored form is "CHARACTER\ntext"; the character cannot hold a newline
 * (names are one line), the text may. */
const char *
_secuencia_timeline_view_get_line (SecuenciaTimelineView *self,
                                   gint64                 element_id,
                                   const char           **text)
{
  const char *line = element_id != 0 ? g_hash_table_lookup (self->lines, &element_id) : NULL;
  const char *newline;

  if (line == NULL)
    return NULL;
  newline = strchr (line, '\n');
  *text = newline + 1;
  return line;  /* callers print it with a length: newline - line */
}

SecuenciaTime
secuencia_timeline_view_get_playhead (SecuenciaTimelineView *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self), 0);
  return self->playhead;
}

void
secuencia_timeline_view_set_playhead (SecuenciaTimelineView *self,
                                      SecuenciaTime          playhead)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self));

  playhead = MAX (playhead, 0);
  if (self->playhead == playhead)
    return;
  self->playhead = playhead;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYHEAD]);
}

void
_secuencia_timeline_view_seek (SecuenciaTimelineView *self,
                               SecuenciaTime          time)
{
  secuencia_timeline_view_set_playhead (self, MAX (time, 0));
  g_signal_emit (self, signals[SIGNAL_SEEK], 0, self->playhead);
}

void
_secuencia_timeline_view_emit_error (SecuenciaTimelineView *self,
                                     const char            *message)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, message);
}

void
_secuencia_timeline_view_emit_activate (SecuenciaTimelineView *self,
                                        gint64                 clip_id)
{
  g_signal_emit (self, signals[SIGNAL_ACTIVATE_CLIP], 0, clip_id);
}

SecuenciaTimelineSelection *
secuencia_timeline_view_get_selection (SecuenciaTimelineView *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self), NULL);
  return self->selection;
}

void
secuencia_timeline_view_select_clip (SecuenciaTimelineView *self,
                                     gint64                 clip_id)
{
  const SecuenciaClip *clip;

  g_return_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self));

  _secuencia_timeline_view_ensure_layout (self);
  clip = secuencia_timeline_layout_get_clip (self->layout, clip_id);
  secuencia_timeline_selection_select_only (self->selection, clip != NULL ? clip_id : 0);
  if (clip != NULL)
    {
      secuencia_timeline_view_scroll_to_time (self, clip->offset);
      scroll_to_lane (self, clip->lane);
    }
}

gboolean
secuencia_timeline_view_select_element (SecuenciaTimelineView *self,
                                        gint64                 element_id)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const SecuenciaClip *first = NULL;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self), FALSE);

  _secuencia_timeline_view_ensure_layout (self);
  for (guint i = 0; element_id != 0 && i < self->layout->clips->len; i++)
    {
      const SecuenciaClip *clip = self->layout->clips->pdata[i];

      if (clip->element_id != element_id)
        continue;
      if (first == NULL)
        first = clip;
      g_array_append_val (ids, clip->id);
    }
  if (first == NULL)
    return FALSE;
  if (ids->len == secuencia_timeline_selection_get_n (self->selection)
      && secuencia_timeline_selection_contains (self->selection, first->id))
    {
      gboolean same = TRUE;
      for (guint i = 0; i < ids->len && same; i++)
        same = secuencia_timeline_selection_contains (self->selection, g_array_index (ids, gint64, i));
      if (same)
        return TRUE;  /* already: keep the cursor, do not scroll again */
    }
  secuencia_timeline_selection_set_ids (self->selection, (gint64 *) (gpointer) ids->data, ids->len);
  secuencia_timeline_view_scroll_to_time (self, first->offset);
  scroll_to_lane (self, first->lane);
  return TRUE;
}

gint64
secuencia_timeline_view_get_cursor_element (SecuenciaTimelineView *self)
{
  const SecuenciaClip *clip;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self), 0);

  _secuencia_timeline_view_ensure_layout (self);
  clip = secuencia_timeline_layout_get_clip (self->layout,
                                             secuencia_timeline_selection_get_cursor (self->selection));
  return clip != NULL ? clip->element_id : 0;
}

gboolean
secuencia_timeline_view_get_clip_area (SecuenciaTimelineView *self,
                                       gint64                 clip_id,
                                       graphene_rect_t       *area)
{
  const SecuenciaClip *clip;
  double x0, x1, y;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_VIEW (self), FALSE);

  _secuencia_timeline_view_ensure_layout (self);
  clip = secuencia_timeline_layout_get_clip (self->layout, clip_id);
  if (clip == NULL)
    return FALSE;
  x0 = secuencia_timeline_layout_time_to_x (self->layout, clip->offset);
  x1 = secuencia_timeline_layout_time_to_x (self->layout, secuencia_clip_get_end (clip));
  y = secuencia_timeline_layout_lane_to_y (self->layout, clip->lane);
  graphene_rect_init (area, x0, y + 2, MAX (x1 - x0, 1), self->layout->lane_height - 4);
  return TRUE;
}
