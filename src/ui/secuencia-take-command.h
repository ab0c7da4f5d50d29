/* secuencia-take-command.h: giving screenplay lines new takes (a dropped
 * file, a restored take, a folder matched by name), undoably, as ONE step.
 *
 * Applying gives each line its new audio through
 * secuencia_project_replace_take (the audio it had goes into its takes)
 * for all lines in one transaction, then the clips change (the shown
 * timeline's clips of those lines play the new take). Reverting puts the
 * lines' audio and takes back exactly as they were
 * (secuencia_project_set_takes) and the clips; redoing puts back exactly
 * what applying made. Either succeeds or changes nothing. */
#pragma once

#include "secuencia-command.h"
#include "secuencia-clips-command.h"
#include "secuencia-project.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_TAKE_COMMAND (secuencia_take_command_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaTakeCommand, secuencia_take_command, SECUENCIA, TAKE_COMMAND, SecuenciaCommand)

SecuenciaTakeCommand *secuencia_take_command_new       (SecuenciaProject      *project,
                                                        const char            *label);
/* Before the first apply: line @element_id gets the audio @asset_id. */
void                  secuencia_take_command_add       (SecuenciaTakeCommand  *self,
                                                        gint64                 element_id,
                                                        gint64                 asset_id);
/* The clips' change (nullable; applied after the lines, reverted before). */
void                  secuencia_take_command_set_clips (SecuenciaTakeCommand  *self,
                                                        SecuenciaClipsCommand *clips);
guint                 secuencia_take_command_get_n_lines (SecuenciaTakeCommand *self);
gint64                secuencia_take_command_get_line    (SecuenciaTakeCommand *self,
                                                          guint                 index);

G_END_DECLS
