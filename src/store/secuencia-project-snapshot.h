/* secuencia-project-snapshot.h: the screenplay side of a project, saved
 * and put back as it was (to undo a bulk change: a script import, a
 * scratch-voicing run).
 *
 * A snapshot holds rows as stored, with their ids: every screenplay line
 * (elements), every earlier take (takes), every timeline row and its clips,
 * and, with SECUENCIA_SNAPSHOT_SCRIPT, what a script import writes besides
 * (the "script.*", "title" and "artist" metadata and the project's name).
 * Restoring writes them back in ONE transaction: lines, takes and clips
 * that are not in the snapshot are deleted (clips only of the snapshot's
 * timelines), the others get their stored values back with the same ids,
 * so edits recorded before the snapshot still find their rows. Timelines
 * made after the snapshot are left alone (an export's own, say). Assets
 * are never part of it: they are only ever added to a project, so the
 * rows put back can always refer to them. */
#pragma once

#include "secuencia-project.h"

G_BEGIN_DECLS

typedef enum
{
  SECUENCIA_SNAPSHOT_DEFAULT = 0,
  SECUENCIA_SNAPSHOT_SCRIPT  = 1 << 0,  /* + the title page metadata and the name */
} SecuenciaSnapshotFlags;

typedef struct _SecuenciaProjectSnapshot SecuenciaProjectSnapshot;

/* Read in one read transaction; NULL with @error on failure. */
SecuenciaProjectSnapshot *secuencia_project_take_snapshot    (SecuenciaProject               *self,
                                                              SecuenciaSnapshotFlags          flags,
                                                              GError                        **error);
/* Put the project back as @snapshot holds it; on failure nothing changes. */
gboolean                  secuencia_project_restore_snapshot (SecuenciaProject               *self,
                                                              const SecuenciaProjectSnapshot *snapshot,
                                                              GError                        **error);
/* TRUE when both hold the same rows with the same values (taken with the
 * same flags): nothing changed between them. */
gboolean                  secuencia_project_snapshot_equal   (const SecuenciaProjectSnapshot *a,
                                                              const SecuenciaProjectSnapshot *b);
/* Rows held, all tables together (for tests and logs). */
guint                     secuencia_project_snapshot_get_n_rows (const SecuenciaProjectSnapshot *snapshot);
void                      secuencia_project_snapshot_free    (SecuenciaProjectSnapshot       *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaProjectSnapshot, secuencia_project_snapshot_free)

G_END_DECLS
