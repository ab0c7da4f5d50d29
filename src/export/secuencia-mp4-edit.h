/* secuencia-mp4-edit.h: fix up an MP4 written by GStreamer's mp4mux so that
 * standard decoders hide the AAC encoder's priming samples.
 *
 * GStreamer 1.22's mp4mux writes an edit list whose media_time is 0, so the
 * encoder's priming (1024 samples for avenc_aac) is played and everything is
 * late by 21.3 ms at 48 kHz. This rewrites the audio track's `elst` in place
 * (same size) to media_time = @priming_samples and a segment duration of
 * exactly @valid_samples, which GStreamer's qtdemux and FFmpeg both honour.
 *
 * For the decoded length to be exact in FFmpeg too (it does not trim the
 * last frame), the encoded stream must end on an AAC frame boundary: render
 * secuencia_mp4_aac_lead_in (valid) samples of silence BEFORE the timeline
 * (shift everything by that many samples) and pass
 * priming = encoder delay (1024 for avenc_aac) + lead-in.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Samples of silence to put before a timeline of @valid_samples so that
 * encoder delay (one frame) + lead-in + valid is a whole number of frames. */
guint64  secuencia_mp4_aac_lead_in    (guint64     valid_samples);

gboolean secuencia_mp4_set_audio_edit (const char *path,
                                       guint64     priming_samples,
                                       guint64     valid_samples,
                                       GError    **error);

G_END_DECLS
