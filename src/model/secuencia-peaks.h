/* secuencia-peaks.h: an asset's waveform summary (min/max peaks) at a few
 * resolutions, as audio editors keep summary blocks to draw waveforms
 * without reading the audio.
 *
 * Blocks are time-based: the finest level has one block per
 * SECUENCIA_PEAKS_BLOCK_DURATION of the asset from time 0 (sample n, at
 * time n / rate, belongs to block floor(n / rate / block)), each coarser
 * level groups SECUENCIA_PEAKS_LEVEL_FACTOR blocks of the one below. A
 * block is a (min, max) pair of gint16 (full scale = 32767) over every
 * channel's samples in it. Immutable once built; refcounted, so it can be
 * handed between threads.
 *
 * The serialized form (stored in the project) holds the finest level only:
 *   "SQPK", version byte (1), 3 zero bytes,
 *   duration ns (int64 LE), block ns (int64 LE), n_blocks (uint32 LE),
 *   n_blocks × (min int16 LE, max int16 LE)
 * and the coarser levels are derived again when it is read.
 */
#pragma once

#include <glib-object.h>
#include "secuencia-time.h"

G_BEGIN_DECLS

#define SECUENCIA_PEAKS_BLOCK_DURATION (5 * SECUENCIA_TIME_MSECOND)
#define SECUENCIA_PEAKS_LEVEL_FACTOR   16
#define SECUENCIA_PEAKS_N_LEVELS       4   /* 5 ms, 80 ms, 1.28 s, 20.48 s */

#define SECUENCIA_PEAKS_ERROR (secuencia_peaks_error_quark ())
typedef enum
{
  SECUENCIA_PEAKS_ERROR_INVALID,   /* a serialized blob that is not valid peaks */
  SECUENCIA_PEAKS_ERROR_VERSION,   /* written by a newer version */
} SecuenciaPeaksError;
GQuark secuencia_peaks_error_quark (void);

#define SECUENCIA_TYPE_PEAKS (secuencia_peaks_get_type ())

typedef struct _SecuenciaPeaks SecuenciaPeaks;

GType            secuencia_peaks_get_type (void) G_GNUC_CONST;
SecuenciaPeaks  *secuencia_peaks_ref      (SecuenciaPeaks *self);
void             secuencia_peaks_unref    (SecuenciaPeaks *self);

/* Peaks from the finest level's blocks: @n_blocks interleaved (min, max)
 * pairs, each covering @block_duration (> 0) of an asset @duration long;
 * @n_blocks must be ceil (@duration / @block_duration) and every min <= max.
 * Coarser levels are derived. NULL with SECUENCIA_PEAKS_ERROR_INVALID
 * otherwise. */
SecuenciaPeaks  *secuencia_peaks_new_from_blocks (SecuenciaTime   duration,
                                                  SecuenciaTime   block_duration,
                                                  const gint16   *pairs,
                                                  guint           n_blocks,
                                                  GError        **error);

/* The decoded audio's length: ceil (frames / rate). */
SecuenciaTime    secuencia_peaks_get_duration (const SecuenciaPeaks *self);
/* The coarsest level whose block is <= @time_per_pixel (else the finest).
 * Returns interleaved min,max pairs as gint16 (full scale = 32767), *n_blocks
 * pairs, each covering *block_duration of the asset from time 0. NULL with
 * *n_blocks = 0 for empty audio. */
const gint16    *secuencia_peaks_get_level    (const SecuenciaPeaks *self,
                                               SecuenciaTime         time_per_pixel,
                                               SecuenciaTime        *block_duration,
                                               guint                *n_blocks);
/* TRUE when both have the same duration and blocks. */
gboolean         secuencia_peaks_equal        (const SecuenciaPeaks *a,
                                               const SecuenciaPeaks *b);

GBytes          *secuencia_peaks_serialize    (const SecuenciaPeaks *self);
/* Validates everything (magic, version, sizes, block count, min <= max):
 * a damaged blob is an error, never a crash. */
SecuenciaPeaks  *secuencia_peaks_deserialize  (GBytes  *bytes,
                                               GError **error);

/* Builds peaks from decoded float samples, in order, in one thread. */
typedef struct _SecuenciaPeaksBuilder SecuenciaPeaksBuilder;

SecuenciaPeaksBuilder *secuencia_peaks_builder_new  (guint rate);
/* @samples: @n_frames frames of @channels interleaved floats (full scale
 * ±1.0; values beyond are clipped, NaN is ignored). */
void             secuencia_peaks_builder_add_f32    (SecuenciaPeaksBuilder *self,
                                                     const float           *samples,
                                                     gsize                  n_frames,
                                                     guint                  channels);
guint64          secuencia_peaks_builder_get_n_frames (SecuenciaPeaksBuilder *self);
/* The peaks of everything added so far (the builder can go on). */
SecuenciaPeaks  *secuencia_peaks_builder_end        (SecuenciaPeaksBuilder *self);
void             secuencia_peaks_builder_free       (SecuenciaPeaksBuilder *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaPeaks, secuencia_peaks_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaPeaksBuilder, secuencia_peaks_builder_free)

G_END_DECLS
