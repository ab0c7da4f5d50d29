/* secuencia-test-audio.c: shared audio helpers for tests. */
#include "config.h"

#include "secuencia-test-audio.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>

const char *
secuencia_test_format_extension (SecuenciaTestFormat format)
{
  switch (format)
    {
    case SECUENCIA_TEST_FORMAT_WAV16:
    case SECUENCIA_TEST_FORMAT_WAV_F32:
      return "wav";
    case SECUENCIA_TEST_FORMAT_MP3_LAMEMP3ENC:
    case SECUENCIA_TEST_FORMAT_MP3_FFMPEG:
    case SECUENCIA_TEST_FORMAT_MP3_LAME:
      return "mp3";
    case SECUENCIA_TEST_FORMAT_OGG_VORBIS:
      return "ogg";
    case SECUENCIA_TEST_FORMAT_FLAC:
      return "flac";
    case SECUENCIA_TEST_FORMAT_M4A:
      return "m4a";
    default:
      g_assert_not_reached ();
    }
}

gboolean
secuencia_test_have_program (const char *name)
{
  g_autofree char *p = g_find_program_in_path (name);
  return p != NULL;
}

static float *
render_segments (guint rate, guint channels, const SecuenciaTestSegment *segments,
                 guint n_segments, gsize *out_frames)
{
  gsize total = 0;
  for (guint i = 0; i < n_segments; i++)
    total += (gsize) llround (segments[i].seconds * rate);

  float *data = g_new0 (float, total * channels);
  gsize pos = 0;
  double phase = 0.0;
  for (guint i = 0; i < n_segments; i++)
    {
      gsize n = (gsize) llround (segments[i].seconds * rate);
      double step = 2.0 * G_PI * segments[i].frequency / rate;
      for (gsize f = 0; f < n; f++, pos++)
        {
          float v = 0.0f;
          if (segments[i].frequency > 0.0)
            {
              v = (float) (segments[i].amplitude * sin (phase));
              phase += step;
              if (phase > 2.0 * G_PI)
                phase -= 2.0 * G_PI;
            }
          for (guint c = 0; c < channels; c++)
            data[pos * channels + c] = v;
        }
      if (segments[i].frequency <= 0.0)
        phase = 0.0;
    }
  *out_frames = total;
  return data;
}

static void
put_le16 (GByteArray *b, guint16 v)
{
  guint8 x[2] = { v & 0xff, v >> 8 };
  g_byte_array_append (b, x, 2);
}

static void
put_le32 (GByteArray *b, guint32 v)
{
  guint8 x[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };
  g_byte_array_append (b, x, 4);
}

static gboolean
write_wav (const char *path, gboolean is_float, guint rate, guint channels,
           const float *data, gsize n_frames, GError **error)
{
  guint bps = is_float ? 4 : 2;
  gsize data_bytes = n_frames * channels * bps;
  g_autoptr (GByteArray) b = g_byte_array_sized_new (data_bytes + 64);

  g_byte_array_append (b, (const guint8 *) "RIFF", 4);
  put_le32 (b, (guint32) (36 + data_bytes));
  g_byte_array_append (b, (const guint8 *) "WAVEfmt ", 8);
  put_le32 (b, 16);
  put_le16 (b, is_float ? 3 : 1);
  put_le16 (b, channels);
  put_le32 (b, rate);
  put_le32 (b, rate * channels * bps);
  put_le16 (b, channels * bps);
  put_le16 (b, bps * 8);
  g_byte_array_append (b, (const guint8 *) "data", 4);
  put_le32 (b, (guint32) data_bytes);
  for (gsize i = 0; i < n_frames * channels; i++)
    {
      if (is_float)
        {
          guint32 u;
          memcpy (&u, &data[i], 4);
          put_le32 (b, u);
        }
      else
        {
          double v = CLAMP (data[i], -1.0, 32767.0 / 32768.0);
          put_le16 (b, (guint16) (gint16) lrint (v * 32768.0));
        }
    }
  return g_file_set_contents (path, (const char *) b->data, b->len, error);
}

static gboolean
run_gst_pipeline (const char *description, GError **error)
{
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (GstBus) bus = NULL;
  g_autoptr (GstMessage) msg = NULL;
  gboolean ok = TRUE;

  pipeline = gst_parse_launch (description, error);
  if (pipeline == NULL)
    return FALSE;
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (bus, 120 * GST_SECOND,
                                    GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (msg == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "pipeline “%s” timed out",
                   description);
      ok = FALSE;
    }
  else if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    {
      g_autoptr (GError) gerr = NULL;
      g_autofree char *dbg = NULL;
      gst_message_parse_error (msg, &gerr, &dbg);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "pipeline “%s” failed: %s (%s)",
                   description, gerr->message, dbg ? dbg : "");
      ok = FALSE;
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

static gboolean
run_program (const char * const *argv, GError **error)
{
  int status = 0;
  g_autofree char *err_out = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err_out, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s", argv[0], err_out);
      return FALSE;
    }
  return TRUE;
}

gboolean
secuencia_test_audio_write_segments (const char                 *path,
                                     SecuenciaTestFormat         format,
                                     guint                       rate,
                                     guint                       channels,
                                     const SecuenciaTestSegment *segments,
                                     guint                       n_segments,
                                     GError                    **error)
{
  gsize n_frames = 0;
  g_autofree float *data = render_segments (rate, channels, segments, n_segments, &n_frames);
  g_autofree char *tmp = NULL;
  g_autofree char *desc = NULL;
  gboolean ok;

  if (format == SECUENCIA_TEST_FORMAT_WAV16)
    return write_wav (path, FALSE, rate, channels, data, n_frames, error);
  if (format == SECUENCIA_TEST_FORMAT_WAV_F32)
    return write_wav (path, TRUE, rate, channels, data, n_frames, error);

  tmp = g_strconcat (path, ".src.wav", NULL);
  /* 16-bit source for the CLI encoders (lame reads it everywhere) */
  if (!write_wav (tmp, FALSE, rate, channels, data, n_frames, error))
    return FALSE;

  switch (format)
    {
    case SECUENCIA_TEST_FORMAT_MP3_LAMEMP3ENC:
      desc = g_strdup_printf ("filesrc location=\"%s\" ! wavparse ! audioconvert ! "
                              "lamemp3enc target=bitrate bitrate=192 ! filesink location=\"%s\"",
                              tmp, path);
      ok = run_gst_pipeline (desc, error);
      break;
    case SECUENCIA_TEST_FORMAT_OGG_VORBIS:
      desc = g_strdup_printf ("filesrc location=\"%s\" ! wavparse ! audioconvert ! "
                              "vorbisenc quality=0.6 ! oggmux ! filesink location=\"%s\"",
                              tmp, path);
      ok = run_gst_pipeline (desc, error);
      break;
    case SECUENCIA_TEST_FORMAT_FLAC:
      desc = g_strdup_printf ("filesrc location=\"%s\" ! wavparse ! audioconvert ! "
                              "flacenc ! filesink location=\"%s\"", tmp, path);
      ok = run_gst_pipeline (desc, error);
      break;
    case SECUENCIA_TEST_FORMAT_MP3_FFMPEG:
      {
        const char *argv[] = { "ffmpeg", "-nostdin", "-v", "error", "-y", "-i", tmp,
                               "-c:a", "libmp3lame", "-b:a", "192k", path, NULL };
        ok = run_program (argv, error);
      }
      break;
    case SECUENCIA_TEST_FORMAT_MP3_LAME:
      {
        const char *argv[] = { "lame", "--quiet", "-b", "192", tmp, path, NULL };
        ok = run_program (argv, error);
      }
      break;
    case SECUENCIA_TEST_FORMAT_M4A:
      {
        const char *argv[] = { "ffmpeg", "-nostdin", "-v", "error", "-y", "-i", tmp,
                               "-c:a", "aac", "-b:a", "192k", path, NULL };
        ok = run_program (argv, error);
      }
      break;
    case SECUENCIA_TEST_FORMAT_WAV16:
    case SECUENCIA_TEST_FORMAT_WAV_F32:
    default:
      g_assert_not_reached ();
    }
  g_unlink (tmp);
  return ok;
}

gboolean
secuencia_test_audio_write_tone (const char          *path,
                                 SecuenciaTestFormat  format,
                                 guint                rate,
                                 guint                channels,
                                 double               frequency,
                                 double               seconds,
                                 double               amplitude,
                                 GError             **error)
{
  SecuenciaTestSegment seg = { frequency, seconds, amplitude };
  return secuencia_test_audio_write_segments (path, format, rate, channels, &seg, 1, error);
}

void
secuencia_test_pcm_free (SecuenciaTestPcm *pcm)
{
  if (pcm == NULL)
    return;
  g_free (pcm->data);
  g_free (pcm);
}

static void
on_handoff (GstElement *sink, GstBuffer *buf, GstPad *pad, gpointer user_data)
{
  GByteArray *bytes = user_data;
  GstMapInfo map;

  if (gst_buffer_map (buf, &map, GST_MAP_READ))
    {
      g_byte_array_append (bytes, map.data, map.size);
      gst_buffer_unmap (buf, &map);
    }
}

SecuenciaTestPcm *
secuencia_test_audio_decode_gst (const char  *path,
                                 GError     **error)
{
  g_autofree char *desc = NULL;
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (GstElement) sink = NULL;
  g_autoptr (GstBus) bus = NULL;
  g_autoptr (GstMessage) msg = NULL;
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autofree char *escaped = g_strescape (path, NULL);
  SecuenciaTestPcm *pcm;

  desc = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! audioconvert ! audioresample ! "
                          "audio/x-raw,format=F32LE,rate=48000,channels=2,layout=interleaved ! "
                          "fakesink name=sink sync=false signal-handoffs=true", escaped);
  pipeline = gst_parse_launch (desc, error);
  if (pipeline == NULL)
    return NULL;
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_signal_connect (sink, "handoff", G_CALLBACK (on_handoff), bytes);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (bus, 120 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (msg == NULL || GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    {
      g_autoptr (GError) gerr = NULL;
      if (msg != NULL)
        gst_message_parse_error (msg, &gerr, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "decoding %s: %s", path,
                   gerr ? gerr->message : "timed out");
      return NULL;
    }

  pcm = g_new0 (SecuenciaTestPcm, 1);
  pcm->channels = 2;
  pcm->rate = 48000;
  pcm->n_frames = bytes->len / (4 * 2);
  pcm->data = (float *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return pcm;
}

SecuenciaTestPcm *
secuencia_test_audio_decode_ffmpeg (const char  *path,
                                    GError     **error)
{
  const char *argv[] = { "ffmpeg", "-nostdin", "-v", "error", "-i", path,
                         "-f", "f32le", "-ac", "2", "-ar", "48000", "-", NULL };
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GBytes) out = NULL;
  g_autoptr (GBytes) err = NULL;
  SecuenciaTestPcm *pcm;
  gsize size;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            error);
  if (proc == NULL)
    return NULL;
  if (!g_subprocess_communicate (proc, NULL, NULL, &out, &err, error))
    return NULL;
  if (!g_subprocess_get_successful (proc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "ffmpeg could not decode %s: %.*s",
                   path, (int) g_bytes_get_size (err), (const char *) g_bytes_get_data (err, NULL));
      return NULL;
    }
  pcm = g_new0 (SecuenciaTestPcm, 1);
  pcm->channels = 2;
  pcm->rate = 48000;
  size = g_bytes_get_size (out);
  pcm->n_frames = size / 8;
  pcm->data = g_memdup2 (g_bytes_get_data (out, NULL), pcm->n_frames * 8);
  return pcm;
}

static guint32
get_le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
get_le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

SecuenciaTestPcm *
secuencia_test_audio_read_wav (const char  *path,
                               GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0, pos = 12;
  guint fmt_tag = 0, channels = 0, rate = 0, bits = 0;
  const guint8 *p;

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  p = (const guint8 *) contents;
  if (len < 12 || memcmp (p, "RIFF", 4) != 0 || memcmp (p + 8, "WAVE", 4) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not a WAV file", path);
      return NULL;
    }
  while (pos + 8 <= len)
    {
      guint32 size = get_le32 (p + pos + 4);
      if (memcmp (p + pos, "fmt ", 4) == 0 && pos + 8 + 16 <= len)
        {
          fmt_tag = get_le16 (p + pos + 8);
          channels = get_le16 (p + pos + 10);
          rate = get_le32 (p + pos + 12);
          bits = get_le16 (p + pos + 22);
          if (fmt_tag == 0xfffe && size >= 40)
            fmt_tag = get_le16 (p + pos + 8 + 24);
        }
      else if (memcmp (p + pos, "data", 4) == 0)
        {
          SecuenciaTestPcm *pcm;
          gsize avail = MIN ((gsize) size, len - pos - 8);
          const guint8 *d = p + pos + 8;
          guint bps = bits / 8;

          if (channels == 0 || !((fmt_tag == 3 && bits == 32) || (fmt_tag == 1 && bits == 16)))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "%s: unsupported WAV format %u/%u bits", path, fmt_tag, bits);
              return NULL;
            }
          pcm = g_new0 (SecuenciaTestPcm, 1);
          pcm->channels = channels;
          pcm->rate = rate;
          pcm->n_frames = avail / (bps * channels);
          pcm->data = g_new (float, pcm->n_frames * channels);
          for (gsize i = 0; i < pcm->n_frames * channels; i++)
            {
              if (fmt_tag == 3)
                {
                  guint32 u = get_le32 (d + 4 * i);
                  memcpy (&pcm->data[i], &u, 4);
                }
              else
                pcm->data[i] = (gint16) get_le16 (d + 2 * i) / 32768.0f;
            }
          return pcm;
        }
      pos += 8 + size + (size & 1);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s has no data chunk", path);
  return NULL;
}

double
secuencia_test_pcm_goertzel (const SecuenciaTestPcm *pcm,
                             double                  frequency,
                             gsize                   start_frame,
                             gsize                   n_frames)
{
  double sum = 0.0;

  if (start_frame >= pcm->n_frames)
    return 0.0;
  n_frames = MIN (n_frames, pcm->n_frames - start_frame);
  if (n_frames < 2)
    return 0.0;

  for (guint c = 0; c < pcm->channels; c++)
    {
      double w = 2.0 * G_PI * frequency / pcm->rate;
      double coeff = 2.0 * cos (w);
      double s1 = 0.0, s2 = 0.0, wsum = 0.0;
      for (gsize i = 0; i < n_frames; i++)
        {
          double win = 0.5 - 0.5 * cos (2.0 * G_PI * i / (n_frames - 1));
          double x = pcm->data[(start_frame + i) * pcm->channels + c] * win;
          double s = x + coeff * s1 - s2;
          s2 = s1;
          s1 = s;
          wsum += win;
        }
      double re = s1 - s2 * cos (w);
      double im = s2 * sin (w);
      sum += 2.0 * sqrt (re * re + im * im) / wsum;
    }
  return sum / pcm->channels;
}

double
secuencia_test_pcm_tone_at (const SecuenciaTestPcm *pcm,
                            double                  frequency,
                            double                  start_seconds,
                            double                  window_seconds)
{
  return secuencia_test_pcm_goertzel (pcm, frequency,
                                      (gsize) llround (MAX (start_seconds, 0) * pcm->rate),
                                      (gsize) llround (window_seconds * pcm->rate));
}

double
secuencia_test_pcm_rms (const SecuenciaTestPcm *pcm,
                        gsize                   start_frame,
                        gsize                   n_frames)
{
  double acc = 0.0;

  if (start_frame >= pcm->n_frames)
    return 0.0;
  n_frames = MIN (n_frames, pcm->n_frames - start_frame);
  if (n_frames == 0)
    return 0.0;
  for (gsize i = start_frame * pcm->channels; i < (start_frame + n_frames) * pcm->channels; i++)
    acc += (double) pcm->data[i] * pcm->data[i];
  return sqrt (acc / (n_frames * pcm->channels));
}

double
secuencia_test_pcm_peak (const SecuenciaTestPcm *pcm,
                         gsize                   start_frame,
                         gsize                   n_frames)
{
  double peak = 0.0;

  if (start_frame >= pcm->n_frames)
    return 0.0;
  n_frames = MIN (n_frames, pcm->n_frames - start_frame);
  for (gsize i = start_frame * pcm->channels; i < (start_frame + n_frames) * pcm->channels; i++)
    peak = MAX (peak, fabs (pcm->data[i]));
  return peak;
}

gint64
secuencia_test_pcm_onset (const SecuenciaTestPcm *pcm,
                          gsize                   from_frame,
                          double                  threshold)
{
  for (gsize f = from_frame; f < pcm->n_frames; f++)
    for (guint c = 0; c < pcm->channels; c++)
      if (fabs (pcm->data[f * pcm->channels + c]) >= threshold)
        return (gint64) f;
  return -1;
}

/* The summary ffmpeg's ebur128 filter prints at the end, e.g.
 *   Integrated loudness:\n    I:         -16.0 LUFS ...
 *   Loudness range:\n    LRA:   5.2 LU ...
 *   True peak:\n    Peak:   -1.1 dBFS */
static gboolean
parse_summary_value (const char *text,
                     const char *section,
                     const char *label,
                     double     *out)
{
  const char *p = strstr (text, section);
  char *end = NULL;

  if (p == NULL || (p = strstr (p, label)) == NULL)
    return FALSE;
  p += strlen (label);
  while (*p == ' ')
    p++;
  if (g_str_has_prefix (p, "-inf"))
    {
      *out = -INFINITY;
      return TRUE;
    }
  *out = g_ascii_strtod (p, &end);
  return end != p;
}

gboolean
secuencia_test_ffmpeg_ebur128 (const char                *path,
                               SecuenciaTestLoudness     *out,
                               GError                   **error)
{
  g_autofree char *err_text = NULL;
  g_autofree char *summary_start = NULL;
  const char *argv[] = { "ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", path,
                         "-af", "ebur128=peak=true+sample", "-f", "null", "-", NULL };
  const char *summary;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err_text, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    return FALSE;
  summary = strstr (err_text, "Summary:");
  if (summary == NULL ||
      !parse_summary_value (summary, "Integrated loudness:", "I:", &out->integrated) ||
      !parse_summary_value (summary, "Loudness range:", "LRA:", &out->range) ||
      !parse_summary_value (summary, "Sample peak:", "Peak:", &out->sample_peak) ||
      !parse_summary_value (summary, "True peak:", "Peak:", &out->true_peak))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "no ebur128 summary from ffmpeg for %s:\n%s", path, err_text);
      return FALSE;
    }
  return TRUE;
}
