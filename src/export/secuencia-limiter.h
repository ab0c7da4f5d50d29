/* secuencia-limiter.h: gain plus a true-peak limiter with look-ahead, as a
 * bin whose output lines up sample for sample with its input.
 *
 *   LSP Limiter (LV2, hosted by GStreamer's lv2 element): input gain,
 *   then limiting
 *
 * Why this limiter: of the LV2 limiters Debian 12 and 13 package, GStreamer
 * 1.22's lv2 element hosts only plugins with ONE audio input and ONE output
 * (a stereo plugin must declare its ports as a port group). x42-dpl's
 * stereo limiter (x42-plugins) has two ungrouped inputs and is skipped
 * ("not a GstAudioFilter"); only its mono variant loads, and two mono
 * limiters would duck the channels independently. The LSP Limiter
 * (lsp-plugins-lv2) groups its ports, so its stereo and mono variants load,
 * with a linked stereo gain, look-ahead, and oversampling that limits the
 * signal between samples (the true peak).
 *
 * The limiter delays the signal by its look-ahead plus its oversampling
 * filter (the "out-latency" it reports: 246 samples at 48 kHz). The
 * bin drops that many samples at the start and feeds as many samples of
 * silence in at the end of the stream, so the output has exactly the
 * input's length and timing.
 *
 * Input and output: F32LE interleaved, 1 or 2 channels, any rate.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define SECUENCIA_TYPE_LIMITER (secuencia_limiter_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaLimiter, secuencia_limiter, SECUENCIA, LIMITER, GstBin)

/* A limiter for @channels (1 or 2) with @gain_db before it and peaks kept
 * at or under @ceiling_db (dBTP). Without the LV2 plugin installed:
 * NULL and SECUENCIA_EXPORT_ERROR_NO_ENCODER naming the package. */
SecuenciaLimiter *secuencia_limiter_new         (guint     channels,
                                                 double    gain_db,
                                                 double    ceiling_db,
                                                 GError  **error);
/* TRUE when the LV2 limiter can be loaded; otherwise the error above. */
gboolean          secuencia_limiter_check       (guint     channels,
                                                 GError  **error);
/* The latency the limiter reported and the bin compensated, in samples
 * (0 until the first buffer has gone through). */
guint             secuencia_limiter_get_latency (SecuenciaLimiter *self);

G_END_DECLS
