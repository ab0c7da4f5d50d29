/* secuencia-undo-stack.c: the window's history of edits. */
#include "config.h"

#include "secuencia-undo-stack.h"

/* Older edits are forgotten past this many. */
#define MAX_DEPTH 1000

struct _SecuenciaUndoStack
{
  GObject    parent_instance;

  GPtrArray *done;     /* SecuenciaCommand*, oldest first */
  GPtrArray *undone;   /* SecuenciaCommand*, the next redo last */
};

G_DEFINE_FINAL_TYPE (SecuenciaUndoStack, secuencia_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  SIGNAL_PERFORMED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
secuencia_undo_stack_finalize (GObject *object)
{
  SecuenciaUndoStack *self = SECUENCIA_UNDO_STACK (object);

  g_clear_pointer (&self->done, g_ptr_array_unref);
  g_clear_pointer (&self->undone, g_ptr_array_unref);
  G_OBJECT_CLASS (secuencia_undo_stack_parent_class)->finalize (object);
}

static void
secuencia_undo_stack_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SecuenciaUndoStack *self = SECUENCIA_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, secuencia_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, secuencia_undo_stack_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, secuencia_undo_stack_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, secuencia_undo_stack_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_undo_stack_class_init (SecuenciaUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = secuencia_undo_stack_finalize;
  object_class->get_property = secuencia_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_PERFORMED] =
    g_signal_new ("performed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, SECUENCIA_TYPE_COMMAND, G_TYPE_BOOLEAN);
}

static void
secuencia_undo_stack_init (SecuenciaUndoStack *self)
{
  self->done = g_ptr_array_new_with_free_func (g_object_unref);
  self->undone = g_ptr_array_new_with_free_func (g_object_unref);
}

SecuenciaUndoStack *
secuencia_undo_stack_new (void)
{
  return g_object_new (SECUENCIA_TYPE_UNDO_STACK, NULL);
}

static void
notify_all (SecuenciaUndoStack *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

gboolean
secuencia_undo_stack_perform (SecuenciaUndoStack  *self,
                              SecuenciaCommand    *command,
                              GError             **error)
{
  g_return_val_if_fail (SECUENCIA_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (SECUENCIA_IS_COMMAND (command), FALSE);

  if (!secuencia_command_apply (command, error))
    return FALSE;
  g_ptr_array_set_size (self->undone, 0);
  g_ptr_array_add (self->done, g_object_ref (command));
  if (self->done->len > MAX_DEPTH)
    g_ptr_array_remove_index (self->done, 0);
  g_signal_emit (self, signals[SIGNAL_PERFORMED], 0, command, FALSE);
  notify_all (self);
  return TRUE;
}

void
secuencia_undo_stack_push_applied (SecuenciaUndoStack *self,
                                   SecuenciaCommand   *command)
{
  g_return_if_fail (SECUENCIA_IS_UNDO_STACK (self));
  g_return_if_fail (SECUENCIA_IS_COMMAND (command));

  g_ptr_array_set_size (self->undone, 0);
  g_ptr_array_add (self->done, g_object_ref (command));
  if (self->done->len > MAX_DEPTH)
    g_ptr_array_remove_index (self->done, 0);
  notify_all (self);
}

gboolean
secuencia_undo_stack_undo (SecuenciaUndoStack  *self,
                           GError             **error)
{
  g_autoptr(SecuenciaCommand) command = NULL;

  g_return_val_if_fail (SECUENCIA_IS_UNDO_STACK (self), FALSE);

  if (self->done->len == 0)
    return TRUE;
  command = g_object_ref (g_ptr_array_index (self->done, self->done->len - 1));
  if (!secuencia_command_revert (command, error))
    return FALSE;
  g_ptr_array_remove_index (self->done, self->done->len - 1);
  g_ptr_array_add (self->undone, g_object_ref (command));
  g_signal_emit (self, signals[SIGNAL_PERFORMED], 0, command, TRUE);
  notify_all (self);
  return TRUE;
}

gboolean
secuencia_undo_stack_redo (SecuenciaUndoStack  *self,
                           GError             **error)
{
  g_autoptr(SecuenciaCommand) command = NULL;

  g_return_val_if_fail (SECUENCIA_IS_UNDO_STACK (self), FALSE);

  if (self->undone->len == 0)
    return TRUE;
  command = g_object_ref (g_ptr_array_index (self->undone, self->undone->len - 1));
  if (!secuencia_command_apply (command, error))
    return FALSE;
  g_ptr_array_remove_index (self->undone, self->undone->len - 1);
  g_ptr_array_add (self->done, g_object_ref (command));
  g_signal_emit (self, signals[SIGNAL_PERFORMED], 0, command, FALSE);
  notify_all (self);
  return TRUE;
}

gboolean
secuencia_undo_stack_can_undo (SecuenciaUndoStack *self)
{
  g_return_val_if_fail (SECUENCIA_IS_UNDO_STACK (self), FALSE);
  return self->done->len > 0;
}

gboolean
secuencia_undo_stack_can_redo (SecuenciaUndoStack *self)
{
  g_return_val_if_fail (SECUENCIA_IS_UNDO_STACK (self), FALSE);
  return self->undone->len > 0;
}

const char *
secuencia_undo_stack_get_undo_label (SecuenciaUndoStack *self)
{
  g_return_val_if_fail (SECUENCIA_IS_UNDO_STACK (self), NULL);
  if (self->done->len == 0)
    return NULL;
  return secuencia_command_get_label (g_ptr_array_index (self->done, self->done->len - 1));
}

const char *
secuencia_undo_stack_get_redo_label (SecuenciaUndoStack *self)
{
  g_return_val_if_fail (SECUENCIA_IS_UNDO_STACK (self), NULL);
  if (self->undone->len == 0)
    return NULL;
  return secuencia_command_get_label (g_ptr_array_index (self->undone, self->undone->len - 1));
}

void
secuencia_undo_stack_clear (SecuenciaUndoStack *self)
{
  g_return_if_fail (SECUENCIA_IS_UNDO_STACK (self));

  if (self->done->len == 0 && self->undone->len == 0)
    return;
  g_ptr_array_set_size (self->done, 0);
  g_ptr_array_set_size (self->undone, 0);
  notify_all (self);
}
