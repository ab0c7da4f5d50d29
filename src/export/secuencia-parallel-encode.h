/* secuencia-parallel-encode.h: an AAC export encoded on several cores.
 *
 * Which formats: AAC (M4A, M4B) only. Its frames are independent once a
 * decoder has the previous one (the overlap), so frames of encoders that
 * saw the same signal join seamlessly. FLAC frames are independent too
 * but FLAC encodes far faster than the mix, so nothing would be gained;
 * Opus is frame-based but its encoder and decoder carry prediction state
 * (CELT's energy prediction, SILK's LPC) from frame to frame and the Ogg
 * granule positions and pre-skip would have to be rewritten; MP3 frames
 * borrow bits from earlier frames (the bit reservoir), so a joined stream
 * would need its main_data_begin pointers rewritten. WAV is no encode at
 * all. Those stay one stream.
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
 * encoded in segments and joined seamlessly (AAC: M4A and M4B), and @total is long
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

/* One render pass of secuencia_mixdown_run_full() (same contract) with
 * @options->jobs workers: @gain_db, then the limiter at @ceiling_db (NAN:
 * none) in every worker; @measured gets the loudness of what was encoded
 * (the parts' meters merged), @limiter_latency the limiter's. */
gboolean secuencia_parallel_encode_run (GPtrArray                 *sources,
                                        SecuenciaTime              total,
                                        const SecuenciaMixOptions *options,
                                        double                     gain_db,
                                        double                     ceiling_db,
                                        const char                *output_path,
                                        SecuenciaMixProgressFunc   progress_func,
                                        gpointer                   progress_data,
                                        GCancellable              *cancellable,
                                        SecuenciaMixStats         *stats_out,
                                        SecuenciaLoudnessStats    *measured,
                                        guint                     *limiter_latency,
                                        GError                   **error);

G_END_DECLS
