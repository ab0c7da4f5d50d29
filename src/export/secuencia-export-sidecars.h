/* secuencia-export-sidecars.h: files written beside an export, all or
 * none with the audio.
 *
 * Each file is written in full to a part file in the destination's folder
 * and flushed; commit renames them all into place (before the audio is
 * renamed); if the audio's own rename then fails, rollback removes them
 * again. Freeing the writer removes part files that were not committed.
 *
 * Names, for the destination NAME.m4a: NAME.vtt, NAME.srt,
 * NAME.m4a.timing.json (as the Swift original names it) and
 * NAME.chapters.json.
 */
#pragma once

#include <glib.h>
#include "secuencia-transcript.h"

G_BEGIN_DECLS

typedef enum
{
  SECUENCIA_SIDECAR_VTT           = 1 << 0,
  SECUENCIA_SIDECAR_SRT           = 1 << 1,
  SECUENCIA_SIDECAR_TIMING_JSON   = 1 << 2,
  SECUENCIA_SIDECAR_CHAPTERS_JSON = 1 << 3,
} SecuenciaSidecars;

#define SECUENCIA_SIDECAR_ALL 0xf

/* The file @kind (one flag) is written to beside @destination. */
char *secuencia_sidecar_path (const char        *destination,
                              SecuenciaSidecars  kind);

/* Parses "vtt,srt,json,chapters" (any order; "json" is the timing file);
 * fails with G_IO_ERROR_INVALID_ARGUMENT naming the unknown word. */
gboolean secuencia_sidecars_parse (const char         *text,
                                   SecuenciaSidecars  *out_sidecars,
                                   GError            **error);

typedef struct _SecuenciaSidecarWriter SecuenciaSidecarWriter;

SecuenciaSidecarWriter *secuencia_sidecar_writer_new (const char *destination,
                                                      SecuenciaSidecars which);
/* Fails with SECUENCIA_EXPORT_ERROR_EXISTS naming the file when one of the
 * files exists and @replace is FALSE. */
gboolean secuencia_sidecar_writer_check    (SecuenciaSidecarWriter *self,
                                            gboolean                replace,
                                            GError                **error);
/* Builds every file from @cues and @chapters and writes its part file. */
gboolean secuencia_sidecar_writer_prepare  (SecuenciaSidecarWriter *self,
                                            GPtrArray              *cues,
                                            GPtrArray              *chapters,
                                            GError                **error);
gboolean secuencia_sidecar_writer_commit   (SecuenciaSidecarWriter *self,
                                            gboolean                replace,
                                            GError                **error);
void     secuencia_sidecar_writer_rollback (SecuenciaSidecarWriter *self);
void     secuencia_sidecar_writer_free     (SecuenciaSidecarWriter *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaSidecarWriter, secuencia_sidecar_writer_free)

G_END_DECLS
