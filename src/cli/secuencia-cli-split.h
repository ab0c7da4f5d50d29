/* secuencia-cli-split.h: `secuencia-cli export PROJECT -o OUT.m4a --split
 * scenes|lanes`: one file per scene (OUT-<scene number or 01>-<heading>.m4a,
 * the scene's clips from the start of its chapter) or one stem per lane
 * (OUT-lane<N>.m4a, as long as the whole timeline so stems line up), each
 * with the captions asked for. A failure or cancel removes the parts
 * already written. */
#pragma once

#include <gio/gio.h>
#include "secuencia-exporter.h"

G_BEGIN_DECLS

/* FALSE with G_IO_ERROR_INVALID_ARGUMENT unless @how is NULL, "scenes" or
 * "lanes". */
gboolean secuencia_cli_split_check  (const char                   *how,
                                     GError                      **error);
/* Returns the exit status. */
int      secuencia_cli_export_split (const char                   *project_path,
                                     gint64                        timeline_id,
                                     const char                   *how,
                                     GFile                        *destination,
                                     const SecuenciaExportOptions *options);

G_END_DECLS
