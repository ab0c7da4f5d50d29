/* secuencia-mp3-gapless.h: encoder delay of MP3 files GStreamer does not trim.
 *
 * GStreamer 1.22's mpegaudioparse honours the gapless fields of an MP3's
 * Xing/Info tag (encoder delay and padding, in the LAME tag extension) only
 * when the encoder id in that tag starts with "LAME". Files written by FFmpeg
 * carry the same fields under the id "Lavc…"/"Lavf…"; GStreamer then plays
 * the encoder delay plus the decoder delay (529 samples) before the first
 * real sample, so such a file decodes about 23 ms late.
 *
 * This reads the tag itself and tells the mix graph how much to skip.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* If @path is an MP3 whose Info/Xing tag carries an encoder delay that
 * GStreamer will NOT trim by itself, returns TRUE and sets @out_skip to the
 * time GStreamer's decode of the file runs late (encoder delay + 529
 * samples, at the file's rate). Otherwise returns FALSE (not an MP3, no
 * tag, or a "LAME" tag GStreamer already honours). Never fails: read errors
 * simply give FALSE (the decoder will report them). */
gboolean secuencia_mp3_gapless_get_skip (const char   *path,
                                         GstClockTime *out_skip);

/* Same for a file:// URI or an asset URI (secuencia-asset-src.h). */
gboolean secuencia_mp3_gapless_get_skip_for_uri (const char   *uri,
                                                 GstClockTime *out_skip);

/* Same on bytes already read from the start of a file (exposed for tests). */
gboolean secuencia_mp3_gapless_parse    (const guint8 *data,
                                         gsize         size,
                                         guint        *out_delay_samples,
                                         guint        *out_rate,
                                         gboolean     *out_gstreamer_trims);

G_END_DECLS
