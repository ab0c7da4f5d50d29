/* secuencia-mp3-info.h: make an MP3 written by lamemp3enc gapless.
 *
 * GStreamer's lamemp3enc writes bare MPEG frames and xingmux (1.22) adds a
 * Xing header without LAME's extension, in a frame too small to hold one:
 * decoders then play the encoder delay (576 samples) plus their own (529)
 * before the first real sample, and the padding after the last one
 * (measured: a 2 s file decodes 1105 samples late and 1920 long in both
 * FFmpeg and GStreamer). This inserts, after the ID3v2 tag, an "Info"
 * frame (the CBR form of the Xing header) of the stream's own bit rate
 * with frame count, byte count, a seek table and the LAME tag giving the
 * encoder delay and the padding, which FFmpeg, GStreamer's mpegaudioparse
 * (it needs the "LAME" id), LAME's own decoder and most players honour.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The encoder delay of lamemp3enc (LAME's default). */
#define SECUENCIA_LAME_ENCODER_DELAY 576

/* Rewrites @path in place (same inode) with the Info frame inserted. @valid_samples: how many
 * samples per channel the encoder was given. Fails with G_IO_ERROR_* (or
 * G_IO_ERROR_INVALID_DATA when @path is not an MPEG-1 Layer III stream)
 * naming the file. */
gboolean secuencia_mp3_write_info_frame (const char  *path,
                                         guint        encoder_delay,
                                         guint64      valid_samples,
                                         GError     **error);

G_END_DECLS
