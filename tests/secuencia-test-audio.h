/* secuencia-test-audio.h: shared helpers for tests that make and check audio.
 *
 * Writing: a sequence of tone segments (or silence) is rendered to float
 * samples in memory and written as a 16-bit WAV directly, or converted from
 * a temporary float WAV with GStreamer (lamemp3enc, vorbisenc, flacenc) or
 * with the ffmpeg / lame command-line tools.
 *
 * Reading: any file is decoded to interleaved 32-bit float PCM at 48 kHz
 * stereo, either with GStreamer (decodebin ! audioconvert ! audioresample !
 * appsink) or with the ffmpeg CLI, so one file can be checked with both
 * decoders.
 *
 * Analysis: Goertzel amplitude of one frequency over a window, RMS, first
 * onset above a threshold.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SECUENCIA_TEST_FORMAT_WAV16,          /* 16-bit PCM WAV, written directly */
  SECUENCIA_TEST_FORMAT_WAV_F32,        /* 32-bit float WAV, written directly */
  SECUENCIA_TEST_FORMAT_MP3_LAMEMP3ENC, /* GStreamer lamemp3enc (no gapless tag) */
  SECUENCIA_TEST_FORMAT_MP3_FFMPEG,     /* ffmpeg CLI, libmp3lame, Info tag says "Lavc" */
  SECUENCIA_TEST_FORMAT_MP3_LAME,       /* lame CLI, Info tag says "LAME" */
  SECUENCIA_TEST_FORMAT_OGG_VORBIS,     /* GStreamer vorbisenc ! oggmux */
  SECUENCIA_TEST_FORMAT_FLAC,           /* GStreamer flacenc */
  SECUENCIA_TEST_FORMAT_M4A,            /* ffmpeg CLI, native AAC in .m4a */
} SecuenciaTestFormat;

/* One piece of a test signal: a sine of @frequency Hz (0 = silence) at
 * linear peak @amplitude for @seconds. */
typedef struct
{
  double frequency;
  double seconds;
  double amplitude;
} SecuenciaTestSegment;

/* Suggested file name extension for @format ("wav", "mp3", ...). */
const char *secuencia_test_format_extension (SecuenciaTestFormat format);

gboolean secuencia_test_audio_write_segments (const char                 *path,
                                              SecuenciaTestFormat         format,
                                              guint                       rate,
                                              guint                       channels,
                                              const SecuenciaTestSegment *segments,
                                              guint                       n_segments,
                                              GError                    **error);

gboolean secuencia_test_audio_write_tone     (const char          *path,
                                              SecuenciaTestFormat  format,
                                              guint                rate,
                                              guint                channels,
                                              double               frequency,
                                              double               seconds,
                                              double               amplitude,
                                              GError             **error);

/* Interleaved float PCM. */
typedef struct
{
  float *data;
  gsize  n_frames;
  guint  channels;
  guint  rate;
} SecuenciaTestPcm;

void              secuencia_test_pcm_free            (SecuenciaTestPcm *pcm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaTestPcm, secuencia_test_pcm_free)

/* Decode @path to 48 kHz stereo F32 with GStreamer (mono is copied to both
 * channels at unity). */
SecuenciaTestPcm *secuencia_test_audio_decode_gst    (const char  *path,
                                                      GError     **error);
/* Same with `ffmpeg -i path -f f32le -ac 2 -ar 48000 -`. */
SecuenciaTestPcm *secuencia_test_audio_decode_ffmpeg (const char  *path,
                                                      GError     **error);
/* Read a 32-bit float or 16-bit PCM WAV exactly as stored (no resampling,
 * no channel change). */
SecuenciaTestPcm *secuencia_test_audio_read_wav      (const char  *path,
                                                      GError     **error);

/* Peak amplitude of the @frequency component over frames
 * [start, start + n) averaged over channels (Goertzel, Hann window; a full
 * sine of peak A gives ≈ A). Windows past the end are clipped. */
double secuencia_test_pcm_goertzel   (const SecuenciaTestPcm *pcm,
                                      double                  frequency,
                                      gsize                   start_frame,
                                      gsize                   n_frames);
/* Same with times in seconds. */
double secuencia_test_pcm_tone_at    (const SecuenciaTestPcm *pcm,
                                      double                  frequency,
                                      double                  start_seconds,
                                      double                  window_seconds);
/* RMS over all channels of frames [start, start + n). */
double secuencia_test_pcm_rms        (const SecuenciaTestPcm *pcm,
                                      gsize                   start_frame,
                                      gsize                   n_frames);
/* Largest absolute sample over frames [start, start + n). */
double secuencia_test_pcm_peak       (const SecuenciaTestPcm *pcm,
                                      gsize                   start_frame,
                                      gsize                   n_frames);
/* First frame at or after @from_frame whose absolute value on any channel
 * reaches @threshold, or -1. */
gint64 secuencia_test_pcm_onset      (const SecuenciaTestPcm *pcm,
                                      gsize                   from_frame,
                                      double                  threshold);

/* ffmpeg's ebur128 filter (an independent meter): integrated LUFS,
 * loudness range LU, sample and true peak dBFS/dBTP. */
typedef struct
{
  double integrated;
  double range;
  double sample_peak;
  double true_peak;
} SecuenciaTestLoudness;

gboolean secuencia_test_ffmpeg_ebur128 (const char             *path,
                                        SecuenciaTestLoudness  *out,
                                        GError                **error);

/* TRUE when the program is in PATH. */
gboolean secuencia_test_have_program (const char *name);

G_END_DECLS
