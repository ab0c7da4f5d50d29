/* secuencia-line-move-command.h: moving a screenplay line to another
 * position, as an undoable command (reverting moves it back). */
#pragma once

#include "secuencia-command.h"
#include "secuencia-project.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_LINE_MOVE_COMMAND (secuencia_line_move_command_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaLineMoveCommand, secuencia_line_move_command, SECUENCIA, LINE_MOVE_COMMAND, SecuenciaCommand)

SecuenciaLineMoveCommand *secuencia_line_move_command_new (SecuenciaProject *project,
                                                           gint64            element_id,
                                                           gint64            from_position,
                                                           gint64            to_position);
gint64 secuencia_line_move_command_get_element (SecuenciaLineMoveCommand *self);

G_END_DECLS
