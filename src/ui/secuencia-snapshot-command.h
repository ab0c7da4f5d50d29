/* secuencia-snapshot-command.h: a bulk change to the screenplay (a script
 * import, a scratch-voicing run) as one undoable command.
 *
 * It holds the screenplay side of the project before and after the change
 * (secuencia-project-snapshot.h); reverting restores the one, applying
 * (redo) the other, each in one transaction. The change itself is made
 * by its own code; the command is pushed already applied. */
#pragma once

#include "secuencia-command.h"
#include "secuencia-project.h"
#include "secuencia-project-snapshot.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_SNAPSHOT_COMMAND (secuencia_snapshot_command_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaSnapshotCommand, secuencia_snapshot_command, SECUENCIA, SNAPSHOT_COMMAND, SecuenciaCommand)

/* Takes ownership of @before and @after. */
SecuenciaSnapshotCommand *secuencia_snapshot_command_new (SecuenciaProject         *project,
                                                          SecuenciaProjectSnapshot *before,
                                                          SecuenciaProjectSnapshot *after,
                                                          const char               *label);

G_END_DECLS
