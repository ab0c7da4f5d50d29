/* secuencia-command.h: one undoable edit.
 *
 * A command applies and reverts itself through the model (and the project
 * file); the undo stack keeps commands, never copies of the project. Both
 * vfuncs either succeed or change nothing. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SECUENCIA_TYPE_COMMAND (secuencia_command_get_type ())
G_DECLARE_DERIVABLE_TYPE (SecuenciaCommand, secuencia_command, SECUENCIA, COMMAND, GObject)

struct _SecuenciaCommandClass
{
  GObjectClass parent_class;

  gboolean (*apply)  (SecuenciaCommand  *self,
                      GError           **error);
  gboolean (*revert) (SecuenciaCommand  *self,
                      GError           **error);
};

/* Property "label" (string, construct): what the edit did, for menus
 * ("Move Clip"). */
const char *secuencia_command_get_label (SecuenciaCommand  *self);
gboolean    secuencia_command_apply     (SecuenciaCommand  *self,
                                         GError           **error);
gboolean    secuencia_command_revert    (SecuenciaCommand  *self,
                                         GError           **error);

G_END_DECLS
