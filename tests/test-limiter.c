/* test-limiter.c: the gain + true-peak limiter bin keeps peaks under the
 * ceiling and its output lines up with its input sample for sample. */
#include <math.h>
#include <string.h>
#include <gst/gst.h>
#include <gst/app/gstappsrc.h>
#include <gst/app/gstappsink.h>

#include "secuencia-limiter.h"
#include "secuencia-loudness.h"

#define RATE 48000

/* Runs @in (interleaved, @channels) through a limiter; returns the output
 * and its frame count, and the latency the limiter compensated. */
static float *
run_limiter (const float *in, gsize frames, guint channels, double gain_db, double ceiling_db,
             gsize chunk, gsize *out_frames, guint *latency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_pipeline_new (NULL);
  g_autoptr(SecuenciaLimiter) limiter = secuencia_limiter_new (channels, gain_db, ceiling_db, &error);
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) msg = NULL;
  GstElement *src, *sink;
  GByteArray *out = g_byte_array_new ();

  g_assert_no_error (error);
  g_assert_nonnull (limiter);
  caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "F32LE",
                              "layout", G_TYPE_STRING, "interleaved", "rate", G_TYPE_INT, RATE,
                              "channels", G_TYPE_INT, (int) channels, NULL);
  if (channels == 2)
    gst_caps_set_simple (caps, "channel-mask", GST_TYPE_BITMASK, (guint64) 0x3, NULL);
  src = gst_element_factory_make ("appsrc", NULL);
  sink = gst_element_factory_make ("appsink", NULL);
  g_object_set (src, "caps", caps, "format", GST_FORMAT_TIME, "is-live", FALSE,
                "max-bytes", (guint64) 0, NULL);
  g_object_set (sink, "caps", caps, "sync", FALSE, NULL);
  gst_bin_add_many (GST_BIN (pipeline), src, GST_ELEMENT (limiter), sink, NULL);
  g_assert_true (gst_element_link_many (src, GST_ELEMENT (limiter), sink, NULL));
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);

  for (gsize done = 0; done < frames; done += chunk)
    {
      gsize n = MIN (chunk, frames - done);
      GstBuffer *buf = gst_buffer_new_memdup (in + done * channels, n * channels * sizeof (float));

      GST_BUFFER_PTS (buf) = gst_util_uint64_scale_round (done, GST_SECOND, RATE);
      GST_BUFFER_DURATION (buf) = gst_util_uint64_scale_round (done + n, GST_SECOND, RATE) -
                                  GST_BUFFER_PTS (buf);
      g_assert_cmpint (gst_app_src_push_buffer (GST_APP_SRC (src), buf), ==, GST_FLOW_OK);
    }
  gst_app_src_end_of_stream (GST_APP_SRC (src));
  for (;;)
    {
      g_autoptr(GstSample) sample = gst_app_sink_pull_sample (GST_APP_SINK (sink));
      GstMapInfo map;
      GstBuffer *buf;

      if (sample == NULL)
        break;
      buf = gst_sample_get_buffer (sample);
      g_assert_true (gst_buffer_map (buf, &map, GST_MAP_READ));
      /* timestamps continue where the data is */
      g_assert_cmpuint (GST_BUFFER_PTS (buf), ==,
                        gst_util_uint64_scale_round (out->len / (channels * sizeof (float)),
                                                     GST_SECOND, RATE));
      g_byte_array_append (out, map.data, (guint) map.size);
      gst_buffer_unmap (buf, &map);
    }
  bus = gst_element_get_bus (pipeline);
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  g_assert_null (msg);
  *latency = secuencia_limiter_get_latency (limiter);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  *out_frames = out->len / (channels * sizeof (float));
  return (float *) g_byte_array_free (out, FALSE);
}

static void
true_peak (const float *data, gsize frames, guint channels, SecuenciaLoudnessStats *s)
{
  g_autoptr(SecuenciaLoudnessMeter) meter = secuencia_loudness_meter_new (channels, RATE,
                                                                          SECUENCIA_LOUDNESS_METER_FULL);
  secuencia_loudness_meter_add (meter, data, frames);
  secuencia_loudness_meter_get (meter, s);
}

/* Six overlapping lines at −2 dBFS sum to about +13.5 dB; with the limiter
 * the result stays under −1 dBTP; quiet passages pass unchanged and in
 * place; the length is exact. In several buffer sizes. */
static void
test_ceiling_and_alignment (gconstpointer data)
{
  guint channels = GPOINTER_TO_UINT (data);
  const gsize frames = RATE * 4 + 123;
  g_autofree float *in = g_new0 (float, frames * channels);
  const double quiet = 0.1;
  const gsize chunks[] = { 480, 1024, 4801, 100000 };
  SecuenciaLoudnessStats s;

  for (gsize i = 0; i < frames; i++)
    {
      double t = (double) i / RATE, v = 0;

      if (t >= 1.0 && t < 2.5)
        for (int k = 0; k < 6; k++)   /* six lines, −2 dBFS each, different pitches */
          v += pow (10, -2 / 20.0) * sin (2 * G_PI * (200 + 37 * k) * t + k);
      else
        v = quiet * sin (2 * G_PI * 1000 * t);
      for (guint c = 0; c < channels; c++)
        in[i * channels + c] = (float) v;
    }
  true_peak (in, frames, channels, &s);
  g_assert_cmpfloat (s.true_peak, >, 10.0);

  for (gsize k = 0; k < G_N_ELEMENTS (chunks); k++)
    {
      gsize out_frames = 0;
      guint latency = 0;
      g_autofree float *out = run_limiter (in, frames, channels, 0.0, -1.0, chunks[k],
                                           &out_frames, &latency);
      double err0 = 0, err1 = 0;

      g_test_message ("chunk %zu: latency %u samples", chunks[k], latency);
      g_assert_cmpuint (out_frames, ==, frames);
      g_assert_cmpuint (latency, >, 0);
      true_peak (out, out_frames, channels, &s);
      g_test_message ("true peak %.2f dBTP, sample peak %.2f dBFS", s.true_peak, s.sample_peak);
      g_assert_cmpfloat (s.true_peak, <=, -1.0);
      /* the quiet 1 kHz passage before the loud part and at the very end
       * (the tail the limiter held back): same samples, same places */
      for (gsize i = RATE / 10; i < RATE * 9 / 10; i++)
        {
          err0 = MAX (err0, fabs (out[i * channels] - in[i * channels]));
          err1 = MAX (err1, fabs (out[i * channels] - in[(i - 1) * channels]));
        }
      for (gsize i = frames - RATE / 20; i < frames; i++)
        err0 = MAX (err0, fabs (out[i * channels] - in[i * channels]));
      g_test_message ("max error in place %.5f, one sample off %.5f", err0, err1);
      /* the limiter's "Half" oversampling leaves the audio untouched */
      g_assert_cmpfloat (err0, <, 1e-6);
      g_assert_cmpfloat (err1, >, 0.05 * quiet);
    }
}

/* The gain comes before the limiter. */
static void
test_gain (void)
{
  const gsize frames = RATE;
  g_autofree float *in = g_new (float, frames * 2);
  g_autofree float *out = NULL;
  gsize out_frames;
  guint latency;
  SecuenciaLoudnessStats s;

  for (gsize i = 0; i < frames; i++)
    in[2 * i] = in[2 * i + 1] = (float) (pow (10, -30 / 20.0) * sin (2 * G_PI * 997 * i / RATE));
  out = run_limiter (in, frames, 2, 6.0, -1.0, 1024, &out_frames, &latency);
  g_assert_cmpuint (out_frames, ==, frames);
  true_peak (out, out_frames, 2, &s);
  g_assert_cmpfloat_with_epsilon (s.sample_peak, -24.0, 0.05);
  /* and a big gain is caught by the ceiling (ACX: −3 dBFS) */
  g_clear_pointer (&out, g_free);
  out = run_limiter (in, frames, 2, 40.0, -3.0, 1024, &out_frames, &latency);
  true_peak (out, out_frames, 2, &s);
  g_assert_cmpfloat (s.true_peak, <=, -3.0);
  g_assert_cmpfloat (s.sample_peak, >, -4.5);
}

static void
test_unsupported (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (secuencia_limiter_check (6, &error));
  g_assert_nonnull (strstr (error->message, "6 channels"));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;

  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  if (!secuencia_limiter_check (2, &error))
    {
      /* the package is in tests/deps.sh: missing it is a failure */
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_test_add_data_func ("/limiter/stereo", GUINT_TO_POINTER (2), test_ceiling_and_alignment);
  g_test_add_data_func ("/limiter/mono", GUINT_TO_POINTER (1), test_ceiling_and_alignment);
  g_test_add_func ("/limiter/gain", test_gain);
  g_test_add_func ("/limiter/unsupported", test_unsupported);
  return g_test_run ();
}
