/* secuencia-lines-command.h: adding or removing screenplay lines with
 * their clips, as one undoable command.
 *
 * A removal takes the lines' clips off the timeline (a
 * SecuenciaClipsCommand) and then the lines; reverting puts the lines back
 * with their ids, places and audio (secuencia_project_restore_element) and
 * then their clips. An addition is the same the other way round. */
#pragma once

#include "secuencia-clips-command.h"
#include "secuencia-command.h"
#include "secuencia-project.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_LINES_COMMAND (secuencia_lines_command_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaLinesCommand, secuencia_lines_command, SECUENCIA, LINES_COMMAND, SecuenciaCommand)

/* @lines: SecuenciaElementInfo* (copied), as they are (or were) stored;
 * @clips (nullable): the change of clips that goes with them, already in
 * the direction of the command (removing or adding them). */
SecuenciaLinesCommand *secuencia_lines_command_new (SecuenciaProject      *project,
                                                    gboolean               adds,
                                                    GPtrArray             *lines,
                                                    SecuenciaClipsCommand *clips,
                                                    const char            *label);
/* The first line's id (to select it after the command). */
gint64 secuencia_lines_command_get_first_line (SecuenciaLinesCommand *self);
gboolean secuencia_lines_command_get_adds (SecuenciaLinesCommand *self);

G_END_DECLS
