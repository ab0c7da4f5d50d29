/* secuencia-mixdown.h: render a list of placed audio files into one file.
 *
 * This is the GStreamer half of the export, with no knowledge of the project
 * database: it is given local files with their placement and writes the mix.
 * The mix itself is a SecuenciaMixGraph (src/mix/, shared with playback);
 * this adds the encoder, the muxer, the file and the MP4 edit list. It is
 * synchronous and meant to run in a worker thread; it never touches a
 * GMainContext. Only the sources sounding around the current position hold
 * decoders, so the pipeline does not grow with the number of sources.
 */
#pragma once

#include <gio/gio.h>
#include "secuencia-time.h"
#include "secuencia-export-error.h"
#include "secuencia-mix-graph.h"
#include "secuencia-export-format.h"
#include "secuencia-loudness.h"

G_BEGIN_DECLS

typedef struct
{
  SecuenciaMixFormat      format;
  guint                   sample_rate;   /* Hz, default 48000 (Opus: always 48000) */
  guint                   channels;      /* default 2 */
  guint                   bitrate;       /* bit/s for lossy formats, default 192000 */
  SecuenciaLoudnessTarget loudness;      /* default off */
  gboolean                no_limiter;    /* TRUE: the raw sum (may clip) */
  GstTagList             *tags;          /* nullable; written where the format can */
  /* Encoders at once (AAC only, see secuencia-parallel-encode.h): 0 or
   * 1 is one stream; the caller resolves "one per core". */
  guint                   jobs;
  guint                   segment_ms;    /* with jobs > 1: segment length, 0 = chosen */
} SecuenciaMixOptions;

#define SECUENCIA_MIX_OPTIONS_INIT { SECUENCIA_MIX_FORMAT_M4A, 48000, 2, 192000, \
                                     SECUENCIA_LOUDNESS_TARGET_INIT, FALSE, NULL }

/* What the export measured (libebur128) of the signal it encoded, and
 * what it did to get there. */
typedef struct
{
  SecuenciaLoudnessStats  measured;      /* of the exported signal */
  SecuenciaLoudnessStats  original;      /* of the raw mix (only with a target) */
  double                  gain_db;       /* applied before the limiter */
  double                  ceiling_db;    /* the limiter's ceiling (NAN: no limiter) */
  guint                   limiter_latency; /* samples, compensated */
  guint                   passes;        /* mix passes rendered */
  gboolean                target_met;
} SecuenciaMixReport;

/* Called from the worker thread (never from a streaming thread that holds
 * locks) with the mix position, at most every ~50 ms. */
typedef void (*SecuenciaMixProgressFunc) (SecuenciaTime position,
                                          SecuenciaTime total,
                                          gpointer      user_data);

/* Render @sources (array of SecuenciaMixSource*, any order, any overlap)
 * into @output_path, which lasts exactly @total (silence where nothing
 * sounds). Returns FALSE with SECUENCIA_EXPORT_ERROR_* or
 * G_IO_ERROR_CANCELLED; on failure @output_path may hold garbage and the
 * caller removes it. Cancellation is honoured within 100 ms. */
gboolean secuencia_mixdown_run (GPtrArray                 *sources,
                                SecuenciaTime              total,
                                const SecuenciaMixOptions *options,
                                const char                *output_path,
                                SecuenciaMixProgressFunc   progress_func,
                                gpointer                   progress_data,
                                GCancellable              *cancellable,
                                GError                   **error);

/* secuencia_mixdown_run() with statistics and the loudness report; either
 * may be NULL. */
gboolean secuencia_mixdown_run_full (GPtrArray                 *sources,
                                     SecuenciaTime              total,
                                     const SecuenciaMixOptions *options,
                                     const char                *output_path,
                                     SecuenciaMixProgressFunc   progress_func,
                                     gpointer                   progress_data,
                                     GCancellable              *cancellable,
                                     SecuenciaMixStats         *stats_out,
                                     SecuenciaMixReport        *report_out,
                                     GError                   **error);

/* An error message of a mixdown pipeline in export's words (the graph's
 * errors name the source; file errors name @output_path). */
void     secuencia_mixdown_error_from_message (GstMessage *message,
                                               const char *output_path,
                                               GError    **error);

/* TRUE when the AAC encoder and MP4 muxer this engine uses are installed;
 * otherwise a SECUENCIA_EXPORT_ERROR_NO_ENCODER naming the package. */
gboolean secuencia_mixdown_check_encoder (GError **error);

/* The sample rates the AAC encoder takes, ascending (empty when it is not
 * installed); an array of guint. */
GArray  *secuencia_mixdown_dup_aac_rates  (void);
/* TRUE when the AAC encoder takes @sample_rate; otherwise an
 * SECUENCIA_EXPORT_ERROR_UNSUPPORTED_OPTION listing the rates it takes. */
gboolean secuencia_mixdown_check_aac_rate (guint    sample_rate,
                                           GError **error);
/* The highest AAC bit rate (bit/s) that still means something at this
 * sample rate and channel count: the encoder delivers no more. */
guint    secuencia_mixdown_max_aac_bitrate (guint sample_rate,
                                            guint channels);

G_END_DECLS
