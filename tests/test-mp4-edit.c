/* test-mp4-edit.c: the edit list written by secuencia_mp4_set_audio_edit
 * hides the AAC priming and the lead-in, for GStreamer's and FFmpeg's
 * decoders alike: a click placed at a sample decodes at that sample and the
 * decoded length equals the content. */
#include "config.h"

#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "secuencia-export-error.h"
#include "secuencia-mp4-edit.h"

#define RATE 48000

/* Encode @n frames of stereo silence with a 1 kHz burst at @click (after
 * @lead frames of extra silence) to AAC in MP4 with avenc_aac + mp4mux.
 * Stereo, as Secuencia always writes: GStreamer 1.22 clips a mono AAC
 * stream's edit start only to whole frames. */
static void
encode_click (const char *path,
              guint64     lead,
              guint64     n,
              guint64     click)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *desc = NULL;
  g_autofree float *pcm = g_new0 (float, 2 * (lead + n));
  GstBuffer *buffer;
  GstCaps *caps;

  for (guint64 i = click; i < click + 2400 && i < n; i++)
    pcm[2 * (lead + i)] = pcm[2 * (lead + i) + 1] =
      0.5f * sinf (2.0f * G_PI * 1000.0f * (float) (i - click) / RATE);

  desc = g_strdup_printf ("appsrc name=src format=time ! audioconvert ! "
                          "avenc_aac bitrate=192000 ! mp4mux faststart=true ! "
                          "filesink location=\"%s\"", path);
  pipeline = gst_parse_launch (desc, &error);
  g_assert_no_error (error);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "F32LE",
                              "rate", G_TYPE_INT, RATE, "channels", G_TYPE_INT, 2,
                              "layout", G_TYPE_STRING, "interleaved", NULL);
  g_object_set (src, "caps", caps, NULL);
  gst_caps_unref (caps);

  buffer = gst_buffer_new_wrapped (g_steal_pointer (&pcm), 2 * (lead + n) * sizeof (float));
  GST_BUFFER_PTS (buffer) = 0;
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (lead + n, GST_SECOND, RATE);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  g_assert_cmpint (gst_app_src_push_buffer (GST_APP_SRC (src), buffer), ==, GST_FLOW_OK);
  gst_app_src_end_of_stream (GST_APP_SRC (src));

  bus = gst_element_get_bus (pipeline);
  msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (msg);
  g_assert_cmpint (GST_MESSAGE_TYPE (msg), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static GArray *
decode_gst (const char *path)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *desc = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (float));
  GstSample *sample;

  desc = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! audioconvert ! "
                          "audioresample ! audio/x-raw,format=F32LE,channels=1,rate=%d ! "
                          "appsink name=sink sync=false", path, RATE);
  pipeline = gst_parse_launch (desc, &error);
  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (sink))) != NULL)
    {
      GstMapInfo map;
      GstBuffer *buffer = gst_sample_get_buffer (sample);

      gst_buffer_map (buffer, &map, GST_MAP_READ);
      g_array_append_vals (out, map.data, map.size / sizeof (float));
      gst_buffer_unmap (buffer, &map);
      gst_sample_unref (sample);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return out;
}

static GArray *
decode_ffmpeg_file (const char *path,
                    const char *tmpdir)
{
  g_autofree char *raw = g_build_filename (tmpdir, "ffmpeg.raw", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  int status = 0;
  const char *argv[] = { "ffmpeg", "-nostdin", "-y", "-v", "error", "-i", path,
                         "-f", "f32le", "-ac", "1", "-ar", "48000", raw, NULL };
  GArray *out;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                     NULL, NULL, NULL, NULL, &status, &error))
    return NULL;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (raw, &contents, &len, NULL));
  out = g_array_sized_new (FALSE, FALSE, sizeof (float), len / sizeof (float));
  g_array_append_vals (out, contents, len / sizeof (float));
  return out;
}

static gint64
onset (GArray *pcm)
{
  for (guint i = 0; i < pcm->len; i++)
    if (fabsf (g_array_index (pcm, float, i)) > 0.05f)
      return i;
  return -1;
}

static void
check_case (gconstpointer data)
{
  const guint64 n = GPOINTER_TO_UINT (data);
  const guint64 click = n / 3;
  const guint64 lead = secuencia_mp4_aac_lead_in (n);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("secuencia-mp4-XXXXXX", &error);
  g_autofree char *path = g_build_filename (tmpdir, "out.m4a", NULL);
  g_autoptr(GArray) gst_pcm = NULL;
  g_autoptr(GArray) ff_pcm = NULL;

  g_assert_no_error (error);
  if (!gst_registry_check_feature_version (gst_registry_get (), "avenc_aac", 1, 0, 0))
    {
      g_test_skip ("avenc_aac (gstreamer1.0-libav) is not installed");
      return;
    }

  g_assert_cmpuint ((1024 + lead + n) % 1024, ==, 0);
  encode_click (path, lead, n, click);
  g_assert_true (secuencia_mp4_set_audio_edit (path, 1024 + lead, n, &error));
  g_assert_no_error (error);

  gst_pcm = decode_gst (path);
  g_assert_cmpint (ABS ((gint64) gst_pcm->len - (gint64) n), <=, 2);
  g_assert_cmpint (ABS (onset (gst_pcm) - (gint64) click), <=, 2);

  if (g_find_program_in_path ("ffmpeg") == NULL)
    {
      g_test_message ("ffmpeg not installed: GStreamer decode checked only");
    }
  else
    {
      ff_pcm = decode_ffmpeg_file (path, tmpdir);
      g_assert_nonnull (ff_pcm);
      g_assert_cmpint (ABS ((gint64) ff_pcm->len - (gint64) n), <=, 2);
      g_assert_cmpint (ABS (onset (ff_pcm) - (gint64) click), <=, 2);
    }

  {
    g_autofree char *raw = g_build_filename (tmpdir, "ffmpeg.raw", NULL);
    g_unlink (raw);
  }
  g_unlink (path);
  g_rmdir (tmpdir);
}

static void
test_not_mp4 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("secuencia-mp4-XXXXXX", &error);
  g_autofree char *path = g_build_filename (tmpdir, "text.m4a", NULL);

  g_assert_true (g_file_set_contents (path, "this is not an MP4 file", -1, NULL));
  g_assert_false (secuencia_mp4_set_audio_edit (path, 1024, 1000, &error));
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "text.m4a"));
  g_unlink (path);
  g_rmdir (tmpdir);
}

static void
test_lead_in (void)
{
  g_assert_cmpuint (secuencia_mp4_aac_lead_in (0), ==, 0);
  g_assert_cmpuint (secuencia_mp4_aac_lead_in (1024), ==, 0);
  g_assert_cmpuint (secuencia_mp4_aac_lead_in (1), ==, 1023);
  g_assert_cmpuint (secuencia_mp4_aac_lead_in (120000), ==, 832);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mp4-edit/lead-in", test_lead_in);
  g_test_add_func ("/mp4-edit/not-mp4", test_not_mp4);
  /* lengths chosen to hit every remainder class: frame aligned, one sample
   * over, one short, and an arbitrary one */
  g_test_add_data_func ("/mp4-edit/aligned", GUINT_TO_POINTER (122880), check_case);
  g_test_add_data_func ("/mp4-edit/one-over", GUINT_TO_POINTER (122881), check_case);
  g_test_add_data_func ("/mp4-edit/one-short", GUINT_TO_POINTER (122879), check_case);
  g_test_add_data_func ("/mp4-edit/arbitrary", GUINT_TO_POINTER (120000), check_case);

  return g_test_run ();
}
