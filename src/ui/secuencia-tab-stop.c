/* secuencia-tab-stop.c: see the header. */

#include "config.h"

#include "secuencia-tab-stop.h"

struct _SecuenciaTabStop
{
  GtkWidget  parent_instance;

  GtkWidget *child;
};

static void secuencia_tab_stop_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SecuenciaTabStop, secuencia_tab_stop, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      secuencia_tab_stop_buildable_init))

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static gboolean
secuencia_tab_stop_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  SecuenciaTabStop *self = SECUENCIA_TAB_STOP (widget);

  if (self->child == NULL)
    return FALSE;

  /* The focus is inside: Tab and Shift+Tab leave (the parent moves the
   * focus on to the next or previous widget). */
  if ((direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD) &&
      gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;

  return gtk_widget_child_focus (self->child, direction);
}

static void
secuencia_tab_stop_buildable_add_child (GtkBuildable *buildable,
                                        GtkBuilder   *builder,
                                        GObject      *child,
                                        const char   *type)
{
  if (GTK_IS_WIDGET (child))
    secuencia_tab_stop_set_child (SECUENCIA_TAB_STOP (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
secuencia_tab_stop_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = secuencia_tab_stop_buildable_add_child;
}

static void
secuencia_tab_stop_dispose (GObject *object)
{
  SecuenciaTabStop *self = SECUENCIA_TAB_STOP (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (secuencia_tab_stop_parent_class)->dispose (object);
}

static void
secuencia_tab_stop_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SecuenciaTabStop *self = SECUENCIA_TAB_STOP (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_tab_stop_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SecuenciaTabStop *self = SECUENCIA_TAB_STOP (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      secuencia_tab_stop_set_child (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_tab_stop_class_init (SecuenciaTabStopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = secuencia_tab_stop_dispose;
  object_class->get_property = secuencia_tab_stop_get_property;
  object_class->set_property = secuencia_tab_stop_set_property;
  widget_class->focus = secuencia_tab_stop_focus;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
secuencia_tab_stop_init (SecuenciaTabStop *self)
{
}

GtkWidget *
secuencia_tab_stop_new (void)
{
  return g_object_new (SECUENCIA_TYPE_TAB_STOP, NULL);
}

void
secuencia_tab_stop_set_child (SecuenciaTabStop *self,
                              GtkWidget        *child)
{
  g_return_if_fail (SECUENCIA_IS_TAB_STOP (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

GtkWidget *
secuencia_tab_stop_get_child (SecuenciaTabStop *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TAB_STOP (self), NULL);
  return self->child;
}
