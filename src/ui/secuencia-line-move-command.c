/* secuencia-line-move-command.c: moving a screenplay line, undoably. */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-line-move-command.h"

struct _SecuenciaLineMoveCommand
{
  SecuenciaCommand  parent_instance;

  SecuenciaProject *project;
  gint64            element_id;
  gint64            from;
  gint64            to;
};

G_DEFINE_FINAL_TYPE (SecuenciaLineMoveCommand, secuencia_line_move_command, SECUENCIA_TYPE_COMMAND)

static gboolean
secuencia_line_move_command_apply (SecuenciaCommand  *command,
                                   GError           **error)
{
  SecuenciaLineMoveCommand *self = SECUENCIA_LINE_MOVE_COMMAND (command);

  return secuencia_project_move_element (self->project, self->element_id, self->to, error);
}

static gboolean
secuencia_line_move_command_revert (SecuenciaCommand  *command,
                                    GError           **error)
{
  SecuenciaLineMoveCommand *self = SECUENCIA_LINE_MOVE_COMMAND (command);

  return secuencia_project_move_element (self->project, self->element_id, self->from, error);
}

static void
secuencia_line_move_command_finalize (GObject *object)
{
  SecuenciaLineMoveCommand *self = SECUENCIA_LINE_MOVE_COMMAND (object);

  g_clear_object (&self->project);
  G_OBJECT_CLASS (secuencia_line_move_command_parent_class)->finalize (object);
}

static void
secuencia_line_move_command_class_init (SecuenciaLineMoveCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = secuencia_line_move_command_finalize;
  SECUENCIA_COMMAND_CLASS (klass)->apply = secuencia_line_move_command_apply;
  SECUENCIA_COMMAND_CLASS (klass)->revert = secuencia_line_move_command_revert;
}

static void
secuencia_line_move_command_init (SecuenciaLineMoveCommand *self)
{
}

SecuenciaLineMoveCommand *
secuencia_line_move_command_new (SecuenciaProject *project,
                                 gint64            element_id,
                                 gint64            from_position,
                                 gint64            to_position)
{
  SecuenciaLineMoveCommand *self;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (project), NULL);

  self = g_object_new (SECUENCIA_TYPE_LINE_MOVE_COMMAND, "label", _("Move Line"), NULL);
  self->project = g_object_ref (project);
  self->element_id = element_id;
  self->from = from_position;
  self->to = to_position;
  return self;
}

gint64
secuencia_line_move_command_get_element (SecuenciaLineMoveCommand *self)
{
  g_return_val_if_fail (SECUENCIA_IS_LINE_MOVE_COMMAND (self), 0);
  return self->element_id;
}
