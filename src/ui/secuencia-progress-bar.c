/* secuencia-progress-bar.c: see the header. */

#include "config.h"

#include <math.h>

#include "secuencia-progress-bar.h"

struct _SecuenciaProgressBar
{
  GtkWidget parent_instance;

  GtkWidget *empty;   /* a GtkProgressBar at 0: the trough */
  GtkWidget *full;    /* a GtkProgressBar at 1: drawn up to the fraction */
  double     fraction;
};

G_DEFINE_FINAL_TYPE (SecuenciaProgressBar, secuencia_progress_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
secuencia_progress_bar_new (void)
{
  return g_object_new (SECUENCIA_TYPE_PROGRESS_BAR, NULL);
}

void
secuencia_progress_bar_set_fraction (SecuenciaProgressBar *self,
                                     double                fraction)
{
  g_return_if_fail (SECUENCIA_IS_PROGRESS_BAR (self));

  fraction = isnan (fraction) ? 0.0 : CLAMP (fraction, 0.0, 1.0);
  if (fraction == self->fraction)
    return;
  self->fraction = fraction;
  /* Only a repaint: the size and the allocation stay the same. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, fraction,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

double
secuencia_progress_bar_get_fraction (SecuenciaProgressBar *self)
{
  g_return_val_if_fail (SECUENCIA_IS_PROGRESS_BAR (self), 0.0);
  return self->fraction;
}

static void
secuencia_progress_bar_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  SecuenciaProgressBar *self = SECUENCIA_PROGRESS_BAR (widget);
  GtkWidget *trough = gtk_widget_get_first_child (self->full);
  graphene_rect_t bounds;
  GskRoundedRect clip;
  float width, radius;

  gtk_widget_snapshot_child (widget, self->empty, snapshot);
  if (self->fraction <= 0.0)
    return;
  if (self->fraction >= 1.0 || trough == NULL ||
      !gtk_widget_compute_bounds (trough, widget, &bounds))
    {
      gtk_widget_snapshot_child (widget, self->full, snapshot);
      return;
    }

  /* The full bar, shown over the trough from its start to the fraction,
   * with the rounded end a GtkProgressBar's fill has. */
  width = (float) (bounds.size.width * self->fraction);
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    bounds.origin.x += bounds.size.width - width;
  bounds.size.width = width;
  radius = bounds.size.height / 2.0f;
  gsk_rounded_rect_init (&clip, &bounds,
                         &GRAPHENE_SIZE_INIT (MIN (radius, width / 2.0f), radius),
                         &GRAPHENE_SIZE_INIT (MIN (radius, width / 2.0f), radius),
                         &GRAPHENE_SIZE_INIT (MIN (radius, width / 2.0f), radius),
                         &GRAPHENE_SIZE_INIT (MIN (radius, width / 2.0f), radius));
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_widget_snapshot_child (widget, self->full, snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
secuencia_progress_bar_dispose (GObject *object)
{
  SecuenciaProgressBar *self = SECUENCIA_PROGRESS_BAR (object);

  g_clear_pointer (&self->empty, gtk_widget_unparent);
  g_clear_pointer (&self->full, gtk_widget_unparent);

  G_OBJECT_CLASS (secuencia_progress_bar_parent_class)->dispose (object);
}

static void
secuencia_progress_bar_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SecuenciaProgressBar *self = SECUENCIA_PROGRESS_BAR (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_progress_bar_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SecuenciaProgressBar *self = SECUENCIA_PROGRESS_BAR (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      secuencia_progress_bar_set_fraction (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_progress_bar_class_init (SecuenciaProgressBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = secuencia_progress_bar_dispose;
  object_class->get_property = secuencia_progress_bar_get_property;
  object_class->set_property = secuencia_progress_bar_set_property;
  widget_class->snapshot = secuencia_progress_bar_snapshot;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "secuencia-progress");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static GtkWidget *
make_bar (SecuenciaProgressBar *self,
          double                fraction)
{
  GtkWidget *bar = gtk_progress_bar_new ();

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), fraction);
  gtk_widget_set_can_target (bar, FALSE);
  gtk_widget_set_can_focus (bar, FALSE);
  /* This widget is the progress bar assistive technologies see. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_parent (bar, GTK_WIDGET (self));
  return bar;
}

static void
secuencia_progress_bar_init (SecuenciaProgressBar *self)
{
  self->empty = make_bar (self, 0.0);
  self->full = make_bar (self, 1.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 1.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.0,
                                  -1);
}
