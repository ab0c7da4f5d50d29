/* secuencia-parallel-encode.h: an AAC export encoded on several cores.
 *
 * The timeline is cut into segments on AAC frame boundaries (1024 samples).
 * Each segment is mixed by its own SecuenciaMixGraph (only the sources
 * sounding in it hold decoders) and encoded by its own avenc_aac, started
 * SECUENCIA_PARALLEL_PREROLL_MS earlier on the real mix so that the
 * encoder's psychoacoustic model and bit reservoir have settled when the
 * segment begins; the frames of that pre-roll are dropped. The encoder is
 * also fed a few frames past the segment's end so that its window decisions
 * (which look ahead) are those a single stream makes. The kept frames are
 * joined in order into one MP4 (appsrc → mp4mux → file) and the edit list
 * hides the priming exactly as a single-stream export does, so the file
 * decodes to exactly the timeline's length.
 *
 * Only AAC in MP4 goes through here; every other format is encoded as one
 * stream (see secuencia_parallel_encode_applies()).
 */
#pragma once

#include "secuencia-mixdown.h"

G_BEGIN_DECLS

/* Measured: on a steady tone avenc_aac's error is 6–13 dB above its
 * settled level for the first ~7 s after it starts and settled from 10 s. */
#define SECUENCIA_PARALLEL_PREROLL_MS 10000

/* TRUE when @options ask for more than one job, the format can be
 * encoded in segments and joined seamlessly (AAC), and @total is long
 * enough for more than one segment. */
gboolean secuencia_parallel_encode_applies (const SecuenciaMixOptions *options,
                                            SecuenciaTime              total);

/* The number of workers for a "jobs" setting: 0 means one per core. */
guint    secuencia_parallel_encode_resolve_jobs (guint jobs);

/* Where the segments of an export of @total with @options are joined:
 * timeline samples (at the output rate, ascending) where the decoded
 * output passes from one encoder's frames to the next one's (the join
 * spans the 1024 samples from there). An array of guint64. */
GArray  *secuencia_parallel_encode_dup_joins (SecuenciaTime              total,
                                              const SecuenciaMixOptions *options);

/* Same contract as secuencia_mixdown_run_full(); @options->jobs workers. */
gboolean secuencia_parallel_encode_run (GPtrArray                 *sources,
                                        SecuenciaTime              total,
                                        const SecuenciaMixOptions *options,
                                        const char                *output_path,
                                        SecuenciaMixProgressFunc   progress_func,
                                        gpointer                   progress_data,
                                        GCancellable              *cancellable,
                                        SecuenciaMixStats         *stats_out,
                                        GError                   **error);

G_END_DECLS
