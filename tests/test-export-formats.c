#define _GNU_SOURCE
/* test-export-formats.c: every export format, end to end through
 * `secuencia-cli export`, decoded by FFmpeg AND by GStreamer: length exact
 * within 5 ms, placement within 2 ms, trims, volume and mute; MP3 in
 * constant-bit-rate frames with a LAME gapless header; tags and the cover
 * read back by ffprobe and by GstDiscoverer; a bad cover, a cover in WAV,
 * an unknown extension: a clear error and no file. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <json-glib/json-glib.h>

#include "secuencia-test-audio.h"
#include "secuencia-test-cli.h"
#include "secuencia-test-util.h"

#define TOTAL 3.5   /* s: the end of the last clip */

typedef struct
{
  char *dir;
  char *project;
  char *timeline;   /* id, as text */
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  static const SecuenciaTestSegment a[] = { { 440, 2.0, 0.3 } };
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *out = NULL;
  g_autofree char *path = NULL;
  const char *json =
    "{\"name\": \"Formats\", \"clips\": ["
    /* A: trimmed by 0.5 s, 0.5 → 1.5 */
    " {\"file\": \"a.wav\", \"offset\": 0.5, \"source_start\": 0.5, \"duration\": 1.0, \"lane\": 0},"
    /* B: 44.1 kHz mono, 1.0 → 2.0, overlapping A */
    " {\"file\": \"b.wav\", \"offset\": 1.0, \"source_start\": 0, \"duration\": 1.0, \"lane\": 1},"
    /* D: muted, 2.0 → 3.0 */
    " {\"file\": \"d.wav\", \"offset\": 2.0, \"source_start\": 0, \"duration\": 1.0, \"lane\": 1, \"muted\": true},"
    /* C: at −6 dB, 2.5 → 3.5 */
    " {\"file\": \"c.wav\", \"offset\": 2.5, \"source_start\": 0, \"duration\": 1.0, \"lane\": 0, \"volume_db\": -6.0206}"
    "]}";

  fx->dir = g_dir_make_tmp ("secuencia-formats-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "a.wav", NULL);
  g_assert_true (secuencia_test_audio_write_segments (path, SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, a, 1, &error));
  g_free (path);
  path = g_build_filename (fx->dir, "b.wav", NULL);
  g_assert_true (secuencia_test_audio_write_tone (path, SECUENCIA_TEST_FORMAT_WAV16, 44100, 1, 660, 1.2, 0.3, &error));
  g_free (path);
  path = g_build_filename (fx->dir, "c.wav", NULL);
  g_assert_true (secuencia_test_audio_write_tone (path, SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, 880, 1.2, 0.3, &error));
  g_free (path);
  path = g_build_filename (fx->dir, "d.wav", NULL);
  g_assert_true (secuencia_test_audio_write_tone (path, SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, 1000, 1.2, 0.5, &error));
  g_assert_no_error (error);
  spec = g_build_filename (fx->dir, "spec.json", NULL);
  g_assert_true (g_file_set_contents (spec, json, -1, NULL));
  fx->project = g_build_filename (fx->dir, "p.secuencia", NULL);
  g_assert_cmpint (secuencia_test_run_cli (fx->dir, &out, NULL, "import-timeline", fx->project,
                                           spec, NULL), ==, 0);
  fx->timeline = g_strdup (strrchr (g_strstrip (out), ' ') + 1);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  secuencia_test_rm_rf (fx->dir);
  g_free (fx->dir);
  g_free (fx->project);
  g_free (fx->timeline);
}

static void
check_mix (SecuenciaTestPcm *pcm,
           const char       *what)
{
  const double w = 0.2;
  double len = (double) pcm->n_frames / pcm->rate;
  double onset_a = (double) secuencia_test_pcm_onset (pcm, 0, 0.05) / pcm->rate;
  double onset_c = (double) secuencia_test_pcm_onset (pcm, (gsize) (2.2 * pcm->rate), 0.05) / pcm->rate;

  g_test_message ("%s: length %.4f s, A at %.4f s, C at %.4f s", what, len, onset_a, onset_c);
  g_assert_cmpfloat_with_epsilon (len, TOTAL, 0.005);
  g_assert_cmpfloat_with_epsilon (onset_a, 0.5, 0.002);
  g_assert_cmpfloat_with_epsilon (onset_c, 2.5, 0.002);
  g_assert_cmpfloat (secuencia_test_pcm_rms (pcm, 0, (gsize) (0.48 * pcm->rate)), <, 0.003);
  /* A alone, A + B, B alone */
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, 440, 0.65, w), 0.3, 0.03);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 660, 0.65, w), <, 0.01);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, 440, 1.15, w), 0.3, 0.03);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, 660, 1.15, w), 0.3, 0.03);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 440, 1.65, w), <, 0.01);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, 660, 1.65, w), 0.3, 0.03);
  /* D muted: silence from 2.0 to 2.5 */
  g_assert_cmpfloat (secuencia_test_pcm_rms (pcm, (gsize) (2.03 * pcm->rate), (gsize) (0.44 * pcm->rate)), <, 0.003);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 1000, 2.7, w), <, 0.01);
  /* C at −6 dB */
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, 880, 2.9, w), 0.15, 0.02);
}

/* `secuencia-cli export` of the fixture's timeline to @out with the
 * options in @ap (NULL-terminated), run in the fixture's folder: its wait
 * status; *@err gets its standard error. */
static int
run_export (Fixture     *fx,
            const char  *out,
            char       **err,
            va_list      ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *arg;

  g_ptr_array_add (args, (gpointer) g_getenv ("SECUENCIA_CLI"));
  g_ptr_array_add (args, "export");
  g_ptr_array_add (args, fx->project);
  g_ptr_array_add (args, "--timeline");
  g_ptr_array_add (args, fx->timeline);
  g_ptr_array_add (args, "-o");
  g_ptr_array_add (args, (gpointer) out);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);
  g_assert_true (g_spawn_sync (fx->dir, (char **) args->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, err, &status, &error));
  g_assert_no_error (error);
  return status;
}

static char *
export (Fixture *fx, const char *name, ...)
{
  g_autofree char *out = g_build_filename (fx->dir, name, NULL);
  g_autofree char *err = NULL;
  va_list ap;
  int status;

  va_start (ap, name);
  status = run_export (fx, out, &err, ap);
  va_end (ap);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("export to %s failed: %s", name, err);
  return g_steal_pointer (&out);
}

static void
test_format (Fixture *fx, gconstpointer data)
{
  const char *ext = data;
  g_autofree char *name = g_strconcat ("out.", ext, NULL);
  g_autofree char *out = export (fx, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaTestPcm) by_gst = NULL;
  g_autoptr(SecuenciaTestPcm) by_ffmpeg = NULL;
  g_autofree char *codec = NULL;
  const char *expected = g_str_equal (ext, "m4a") || g_str_equal (ext, "m4b") ? "aac"
                       : g_str_equal (ext, "wav") ? "pcm_s24le" : ext;

  codec = secuencia_test_run_capture ("ffprobe", "-v", "error", "-select_streams", "a:0",
                                      "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                                      out, NULL);
  g_assert_cmpstr (g_strstrip (codec), ==, expected);

  by_gst = secuencia_test_audio_decode_gst (out, &error);
  g_assert_no_error (error);
  check_mix (by_gst, "GStreamer");
  by_ffmpeg = secuencia_test_audio_decode_ffmpeg (out, &error);
  g_assert_no_error (error);
  check_mix (by_ffmpeg, "FFmpeg");
}

/* MPEG frame headers after the ID3v2 tag: every one at the same bit rate,
 * the first an Info frame with a LAME tag whose delay is lamemp3enc's. */
static void
test_mp3_cbr (Fixture *fx, gconstpointer data)
{
  static const guint kbps[16] = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0 };
  static const guint rates[4] = { 44100, 48000, 32000, 0 };
  g_autofree char *out = export (fx, "cbr.mp3", "--bitrate", "160", NULL);
  g_autofree char *acx = export (fx, "acx.mp3", "--loudness", "acx", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *rate = NULL;
  gsize size = 0, pos;
  guint frames = 0;
  const guint8 *d;

  g_assert_true (g_file_get_contents (out, &contents, &size, NULL));
  d = (const guint8 *) contents;
  g_assert_true (memcmp (d, "ID3", 3) == 0);
  pos = 10 + ((gsize) (d[6] & 0x7f) << 21 | (gsize) (d[7] & 0x7f) << 14 | (gsize) (d[8] & 0x7f) << 7 | (d[9] & 0x7f));
  while (pos + 4 <= size && d[pos] == 0xff && (d[pos + 1] & 0xe0) == 0xe0)
    {
      guint b = kbps[d[pos + 2] >> 4], r = rates[(d[pos + 2] >> 2) & 3], pad = (d[pos + 2] >> 1) & 1;

      g_assert_cmpuint (b, ==, 160);
      g_assert_cmpuint (r, ==, 48000);
      if (frames == 0)
        {
          const guint8 *x = memmem (d + pos, 200, "Info", 4);
          g_assert_nonnull (x);
          g_assert_true (memcmp (x + 120, "LAME", 4) == 0);
          /* encoder delay: 12 bits */
          g_assert_cmpuint ((guint) x[141] << 4 | x[142] >> 4, ==, 576);
        }
      frames++;
      pos += 144000 * b / r + pad;
    }
  g_assert_cmpuint (pos, ==, size);
  /* 3.5 s at 1152 samples a frame, plus the Info frame and the delay */
  g_assert_cmpuint (frames, >=, (guint) (TOTAL * 48000 / 1152) + 1);

  /* ACX: 44.1 kHz */
  rate = secuencia_test_run_capture ("ffprobe", "-v", "error", "-select_streams", "a:0",
                                     "-show_entries", "stream=sample_rate", "-of", "csv=p=0",
                                     acx, NULL);
  g_assert_cmpstr (g_strstrip (rate), ==, "44100");
}

typedef struct
{
  const char *ext;
  gboolean    picture;
} TagCase;

static void
test_tags (Fixture *fx, gconstpointer data)
{
  static const TagCase cases[] = {
    { "m4a", TRUE }, { "m4b", TRUE }, { "mp3", TRUE }, { "flac", TRUE }, { "opus", TRUE }, { "wav", FALSE },
  };
  g_autofree char *png = g_build_filename (fx->dir, "cover.png", NULL);
  g_autofree char *jpeg = g_build_filename (fx->dir, "front.jpg", NULL);
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (secuencia_test_write_image (png, "png", 64, 48));
  g_assert_true (secuencia_test_write_image (jpeg, "jpeg", 40, 40));
  g_assert_cmpint (secuencia_test_run_cli (fx->dir, NULL, NULL, "set", fx->project,
                                           "--title", "La función", "--artist", "Ana Pérez",
                                           "--album", "Temporada 1", "--year", "2026",
                                           "--genre", "Drama", "--comment", "Hecho con Secuencia",
                                           "--cover", png, NULL), ==, 0);
  discoverer = gst_discoverer_new (30 * GST_SECOND, &error);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strconcat ("tags.", cases[i].ext, NULL);
      /* one export overrides the title */
      g_autofree char *out = export (fx, name, "--title", "Episodio 2", NULL);
      g_autofree char *probe = secuencia_test_run_capture ("ffprobe", "-v", "error",
                                                           "-show_entries",
                                                           "format_tags:stream_tags:stream=codec_type,codec_name",
                                                           "-of", "json", out, NULL);
      g_autofree char *uri = gst_filename_to_uri (out, NULL);
      g_autoptr(GstDiscovererInfo) info = NULL;
      const GstTagList *tags;
      g_autofree char *title = NULL;
      g_autofree char *artist = NULL;
      g_autofree char *album = NULL;
      g_autofree char *lower = g_utf8_strdown (probe, -1);
      GstSample *image = NULL;

      g_test_message ("%s: %s", cases[i].ext, probe);
      /* ffprobe: text tags in the container or the stream, the cover as
       * an attached picture stream */
      g_assert_nonnull (strstr (probe, "Episodio 2"));
      g_assert_nonnull (strstr (probe, "Ana Pérez"));
      g_assert_nonnull (strstr (probe, "Temporada 1"));
      g_assert_nonnull (strstr (probe, "2026"));
      g_assert_nonnull (strstr (probe, "Drama"));
      g_assert_nonnull (strstr (probe, "Hecho con Secuencia"));
      g_assert_null (strstr (probe, "La función"));
      g_assert_true ((strstr (lower, "\"codec_name\": \"png\"") != NULL) == cases[i].picture);

      /* GstDiscoverer */
      info = gst_discoverer_discover_uri (discoverer, uri, &error);
      g_assert_no_error (error);
      tags = gst_discoverer_info_get_tags (info);
      g_assert_nonnull (tags);
      g_assert_true (gst_tag_list_get_string (tags, GST_TAG_TITLE, &title));
      g_assert_cmpstr (title, ==, "Episodio 2");
      g_assert_true (gst_tag_list_get_string (tags, GST_TAG_ARTIST, &artist));
      g_assert_cmpstr (artist, ==, "Ana Pérez");
      g_assert_true (gst_tag_list_get_string (tags, GST_TAG_ALBUM, &album));
      g_assert_cmpstr (album, ==, "Temporada 1");
      if (cases[i].picture)
        {
          GstBuffer *buffer;
          gsize png_size = 0;
          g_autofree char *png_bytes = NULL;

          g_assert_true (gst_tag_list_get_sample (tags, GST_TAG_IMAGE, &image) ||
                         gst_tag_list_get_sample (tags, GST_TAG_PREVIEW_IMAGE, &image));
          buffer = gst_sample_get_buffer (image);
          g_assert_true (g_file_get_contents (png, &png_bytes, &png_size, NULL));
          g_assert_cmpuint (gst_buffer_get_size (buffer), ==, png_size);
          g_assert_cmpint (gst_buffer_memcmp (buffer, 0, png_bytes, png_size), ==, 0);
          gst_sample_unref (image);
        }
    }

  /* --cover for one export: the JPEG, not the stored PNG */
  {
    g_autofree char *out = export (fx, "jpeg.mp3", "--cover", jpeg, NULL);
    g_autofree char *probe = secuencia_test_run_capture ("ffprobe", "-v", "error", "-show_entries",
                                                         "stream=codec_name", "-of", "csv=p=0",
                                                         out, NULL);
    g_assert_nonnull (strstr (probe, "mjpeg"));
    g_assert_null (strstr (probe, "png"));
  }
}

/* A clear error naming the file, and no output and no part file left. */
static void
expect_failure (Fixture *fx, const char *out_name, const char *needle1, const char *needle2, ...)
{
  g_autofree char *out = g_build_filename (fx->dir, out_name, NULL);
  g_autofree char *err = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *entry;
  int status;
  va_list ap;

  va_start (ap, needle2);
  status = run_export (fx, out, &err, ap);
  va_end (ap);
  g_test_message ("%s", err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, needle1));
  g_assert_nonnull (strstr (err, needle2));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  dir = g_dir_open (fx->dir, 0, NULL);
  while ((entry = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (entry, ".part") || g_str_has_suffix (entry, ".mdat"));
}

static void
test_errors (Fixture *fx, gconstpointer data)
{
  g_autofree char *fake = g_build_filename (fx->dir, "cover.jpg", NULL);
  g_autofree char *gif = g_build_filename (fx->dir, "cover.gif", NULL);
  g_autofree char *png = g_build_filename (fx->dir, "cover.png", NULL);
  g_autofree char *out = NULL;
  g_autofree char *codec = NULL;

  g_assert_true (g_file_set_contents (fake, "words, not a picture", -1, NULL));
  g_assert_true (g_file_set_contents (gif, "GIF89a\x01\0\x01\0\x80\0\0", 13, NULL));
  g_assert_true (secuencia_test_write_image (png, "png", 16, 16));
  expect_failure (fx, "bad.mp3", "cover.jpg", "not an image", "--cover", fake, NULL);
  expect_failure (fx, "gif.flac", "cover.gif", "not a JPEG or PNG", "--cover", gif, NULL);
  expect_failure (fx, "bad.m4a", "missing.png", "cover", "--cover", "missing.png", NULL);
  expect_failure (fx, "pic.wav", "cover.png", "no pictures", "--cover", png, NULL);
  expect_failure (fx, "out.xyz", "out.xyz", "m4a, m4b, mp3, flac, wav, opus", NULL);
  expect_failure (fx, "noext", "noext", "m4a, m4b, mp3, flac, wav, opus", NULL);

  /* --format names the format of a name without a known extension */
  out = export (fx, "podcast.bin", "--format", "opus", NULL);
  codec = secuencia_test_run_capture ("ffprobe", "-v", "error", "-show_entries",
                                      "stream=codec_name", "-of", "csv=p=0", out, NULL);
  g_assert_cmpstr (g_strstrip (codec), ==, "opus");
}

int
main (int argc, char **argv)
{
  g_autofree char *flags = NULL;

  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func, data) \
  g_test_add ("/export-formats/" name, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("m4a", test_format, "m4a");
  ADD ("m4b", test_format, "m4b");
  ADD ("mp3", test_format, "mp3");
  ADD ("flac", test_format, "flac");
  ADD ("wav", test_format, "wav");
  ADD ("opus", test_format, "opus");
  ADD ("mp3-cbr-gapless", test_mp3_cbr, NULL);
  ADD ("tags-and-cover", test_tags, NULL);
  ADD ("errors", test_errors, NULL);
#undef ADD
  return g_test_run ();
}
