/* secuencia-command.c: one undoable edit (abstract). */
#include "config.h"

#include "secuencia-command.h"

typedef struct
{
  char *label;
} SecuenciaCommandPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SecuenciaCommand, secuencia_command, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
secuencia_command_finalize (GObject *object)
{
  SecuenciaCommandPrivate *priv = secuencia_command_get_instance_private (SECUENCIA_COMMAND (object));

  g_free (priv->label);
  G_OBJECT_CLASS (secuencia_command_parent_class)->finalize (object);
}

static void
secuencia_command_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SecuenciaCommandPrivate *priv = secuencia_command_get_instance_private (SECUENCIA_COMMAND (object));

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, priv->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_command_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SecuenciaCommandPrivate *priv = secuencia_command_get_instance_private (SECUENCIA_COMMAND (object));

  switch (prop_id)
    {
    case PROP_LABEL:
      g_free (priv->label);
      priv->label = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_command_class_init (SecuenciaCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = secuencia_command_finalize;
  object_class->get_property = secuencia_command_get_property;
  object_class->set_property = secuencia_command_set_property;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
secuencia_command_init (SecuenciaCommand *self)
{
}

const char *
secuencia_command_get_label (SecuenciaCommand *self)
{
  SecuenciaCommandPrivate *priv;

  g_return_val_if_fail (SECUENCIA_IS_COMMAND (self), NULL);
  priv = secuencia_command_get_instance_private (self);
  return priv->label != NULL ? priv->label : "";
}

gboolean
secuencia_command_apply (SecuenciaCommand  *self,
                         GError           **error)
{
  g_return_val_if_fail (SECUENCIA_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return SECUENCIA_COMMAND_GET_CLASS (self)->apply (self, error);
}

gboolean
secuencia_command_revert (SecuenciaCommand  *self,
                          GError           **error)
{
  g_return_val_if_fail (SECUENCIA_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return SECUENCIA_COMMAND_GET_CLASS (self)->revert (self, error);
}
