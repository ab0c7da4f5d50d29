/* secuencia-clips-command.h: an undoable change to some clips of a timeline.
 *
 * Holds the affected clips only, before and after (a NULL before: the clip
 * is added; a NULL after: it is removed). Applying takes the timeline from
 * the before states to the after states through the model (every change
 * validated as the CLI's are) and stores the affected rows in the project
 * in one transaction (secuencia_project_update_clips); reverting goes back.
 * Either succeeds or changes nothing, in the model and in the file. */
#pragma once

#include "secuencia-command.h"
#include "secuencia-project.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_CLIPS_COMMAND (secuencia_clips_command_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaClipsCommand, secuencia_clips_command, SECUENCIA, CLIPS_COMMAND, SecuenciaCommand)

/* @project may be NULL (model only). */
SecuenciaClipsCommand *secuencia_clips_command_new (SecuenciaTimeline *timeline,
                                                    SecuenciaProject  *project,
                                                    const char        *label);
/* Add one change: copies of @before and @after (either may be NULL, not
 * both; when both are given they have the same id). */
void secuencia_clips_command_add (SecuenciaClipsCommand *self,
                                  const SecuenciaClip   *before,
                                  const SecuenciaClip   *after);
guint secuencia_clips_command_get_n_changes (SecuenciaClipsCommand *self);
/* Ids of the clips as they are after apply (added clips get theirs when
 * first applied). */
GArray *secuencia_clips_command_dup_after_ids (SecuenciaClipsCommand *self);

G_END_DECLS
