/* secuencia-export-split.h: one export as several files: one per scene
 * (OUT-<scene number, or 01, 02…>-<heading>.EXT, the scene's clips from
 * the start of its chapter, so each keeps its placement within its range)
 * or one stem per lane (OUT-lane<N>.EXT, as long as the whole timeline so
 * stems line up), each with the captions asked for. Used by
 * `secuencia-cli export --split` and the window's export. */
#pragma once

#include <gio/gio.h>
#include "secuencia-exporter.h"
#include "secuencia-project.h"

G_BEGIN_DECLS

typedef enum
{
  SECUENCIA_EXPORT_SPLIT_NONE,
  SECUENCIA_EXPORT_SPLIT_SCENES,
  SECUENCIA_EXPORT_SPLIT_LANES,
} SecuenciaExportSplit;

/* "none" (or NULL), "scenes", "lanes"; FALSE with
 * G_IO_ERROR_INVALID_ARGUMENT for another word. */
gboolean secuencia_export_split_from_string (const char            *text,
                                             SecuenciaExportSplit  *out_split,
                                             GError               **error);

typedef struct
{
  GFile                  *destination;
  SecuenciaExportOptions  options;    /* the caller's, with the part's range or lane */
} SecuenciaExportPart;

void secuencia_export_part_free (SecuenciaExportPart *part);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaExportPart, secuencia_export_part_free)

/* The parts of @destination for the timeline @timeline_id of @project
 * (read from metadata only): GPtrArray of SecuenciaExportPart*, in order.
 * @timeline_id 0: the screenplay as each export worker lays it out
 * (options->screenplay_gap apart; nothing stored, for a read-only project).
 * G_IO_ERROR_INVALID_ARGUMENT when there are no scenes with audio, or no
 * lane with an audible clip. */
GPtrArray *secuencia_export_split_plan (SecuenciaProject              *project,
                                        gint64                         timeline_id,
                                        SecuenciaExportSplit           how,
                                        GFile                         *destination,
                                        const SecuenciaExportOptions  *options,
                                        GError                       **error);

/* Delete a part written before (and its sidecars among @sidecars). */
void       secuencia_export_part_remove (GFile *destination,
                                         guint  sidecars);

/* Called on the main context as part @index (0-based) of @n starts. */
typedef void (*SecuenciaExportPartFunc) (guint     index,
                                         guint     n,
                                         GFile    *destination,
                                         gpointer  user_data);

/* Export the parts one after another (secuencia_export_async each) on the
 * caller's main context; @progress (nullable) goes from 0 to 1 over all of
 * them, its message naming the part. All or none: on a failure or a
 * cancel the parts already written are deleted. */
void       secuencia_export_split_async  (const char               *project_path,
                                          gint64                    timeline_id,
                                          GPtrArray                *parts,
                                          SecuenciaExportProgress  *progress,
                                          SecuenciaExportPartFunc   part_func,
                                          gpointer                  part_data,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data);
/* @out_durations (nullable): a GArray of SecuenciaTime, each part's length. */
gboolean   secuencia_export_split_finish (GAsyncResult             *result,
                                          GArray                  **out_durations,
                                          GError                  **error);

G_END_DECLS
