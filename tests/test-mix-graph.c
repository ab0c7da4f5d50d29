/* test-mix-graph.c: the mix graph (src/mix/) in a pipeline of the test's
 * own, rendering a time range of a timeline, checked by decoding its output. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>

#include "secuencia-mix-graph.h"
#include "secuencia-test-audio.h"

#define SEC (SECUENCIA_TIME_SECOND)
#define MS (SECUENCIA_TIME_MSECOND)
#define AMP 0.25
#define RATE 48000

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->dir = g_dir_make_tmp ("secuencia-mix-graph-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GPtrArray *
sources_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_mix_source_free);
}

static void
add_source (GPtrArray *sources, const char *path, double offset, double start, double duration)
{
  g_autofree char *label = g_strdup_printf ("Clip %u (“%s”)", sources->len + 1, path);

  g_ptr_array_add (sources, secuencia_mix_source_new (path, (SecuenciaTime) llround (offset * SEC),
                                                      (SecuenciaTime) llround (start * SEC),
                                                      (SecuenciaTime) llround (duration * SEC),
                                                      0.0, label));
}

/* graph → wavenc → filesink; returns FALSE with the bus error on failure. */
static gboolean
render_range (Fixture *f, GPtrArray *sources, double start, double end,
              SecuenciaMixStats *stats, SecuenciaTestPcm **out_pcm, GError **error)
{
  g_autofree char *out = g_build_filename (f->dir, "range.wav", NULL);
  g_autoptr (GstElement) pipeline = gst_pipeline_new (NULL);
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr (GstMessage) msg = NULL;
  SecuenciaMixGraph *graph;
  GstElement *wav, *sink;
  gboolean ok;

  graph = secuencia_mix_graph_new (sources, (SecuenciaTime) llround (start * SEC),
                                   (SecuenciaTime) llround (end * SEC), RATE, 2, 0, error);
  if (graph == NULL)
    return FALSE;
  wav = gst_element_factory_make ("wavenc", NULL);
  sink = gst_element_factory_make ("filesink", NULL);
  g_object_set (sink, "location", out, NULL);
  gst_bin_add_many (GST_BIN (pipeline), GST_ELEMENT (graph), wav, sink, NULL);
  gst_object_unref (graph);   /* the pipeline holds it */
  g_assert_true (gst_element_link_many (GST_ELEMENT (graph), wav, sink, NULL));

  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);
  msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (msg);
  ok = GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS;
  if (!ok)
    gst_message_parse_error (msg, error, NULL);
  if (stats != NULL)
    secuencia_mix_graph_get_stats (graph, stats);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  if (ok && out_pcm != NULL)
    {
      *out_pcm = secuencia_test_audio_read_wav (out, error);
      ok = *out_pcm != NULL;
    }
  return ok;
}

/* A range in the middle of a timeline: output time 0 is the range's start;
 * a source that starts before it plays from where the range cuts it; only
 * the sources in the range get a branch. */
static void
test_range (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (SecuenciaTestPcm) pcm = NULL;
  g_autofree char *two = g_build_filename (f->dir, "two.wav", NULL);
  g_autofree char *tone = g_build_filename (f->dir, "tone.wav", NULL);
  const SecuenciaTestSegment segments[] = { { 440, 1.0, AMP }, { 880, 1.0, AMP } };
  SecuenciaMixStats stats;
  gint64 onset;

  g_assert_true (secuencia_test_audio_write_segments (two, SECUENCIA_TEST_FORMAT_WAV16, RATE, 2,
                                                      segments, G_N_ELEMENTS (segments), &error));
  g_assert_no_error (error);
  g_assert_true (secuencia_test_audio_write_tone (tone, SECUENCIA_TEST_FORMAT_WAV16, RATE, 2,
                                                  1000, 0.5, AMP, &error));
  g_assert_no_error (error);

  /* 40 short tones every 2 s before and after; the two-part source at 21 s */
  for (guint i = 0; i < 40; i++)
    add_source (sources, tone, i < 10 ? i * 2.0 : 30.0 + i * 2.0, 0, 0.5);
  add_source (sources, two, 21.0, 0, 2.0);
  add_source (sources, tone, 24.0, 0, 0.5);

  /* [21.5, 25): 440 Hz for 0.5 s, 880 Hz for 1 s, silence, 1 kHz at 2.5 s */
  g_assert_true (render_range (f, sources, 21.5, 25.0, &stats, &pcm, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pcm->n_frames, ==, (gsize) (3.5 * RATE));
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 440, 0.1, 0.3), >, AMP * 0.7);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 880, 0.6, 0.8), >, AMP * 0.7);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 440, 0.6, 0.8), <, AMP * 0.02);
  g_assert_cmpfloat (secuencia_test_pcm_peak (pcm, (gsize) (1.51 * RATE), (gsize) (0.98 * RATE)),
                     <, 1e-4);
  /* the 1 kHz tone at 24 s lands exactly at 2.5 s into the range */
  onset = secuencia_test_pcm_onset (pcm, (gsize) (1.6 * RATE), 1e-3);
  g_assert_cmpint (onset, >=, (gint64) (2.5 * RATE) - 1);
  g_assert_cmpint (onset, <=, (gint64) (2.5 * RATE) + 1);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 1000, 2.6, 0.3), >, AMP * 0.7);
  /* only the two sources in the range held a decoder */
  g_test_message ("branches created %u, peak %u", stats.branches_created, stats.peak_branches);
  g_assert_cmpuint (stats.branches_created, ==, 2);
}

/* A source the graph cannot decode: the bus error is the graph's, in its
 * domain, naming the source's label. */
static void
test_bad_source (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autofree char *bad = g_build_filename (f->dir, "not-audio.wav", NULL);

  g_assert_true (g_file_set_contents (bad, "this is not audio at all, just text\n", -1, NULL));
  add_source (sources, bad, 0.5, 0, 1.0);
  g_assert_false (render_range (f, sources, 0, 2.0, NULL, NULL, &error));
  g_assert_error (error, SECUENCIA_MIX_ERROR, SECUENCIA_MIX_ERROR_SOURCE);
  g_assert_nonnull (strstr (error->message, "Clip 1 (“"));
  g_assert_nonnull (strstr (error->message, "not-audio.wav"));
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/mix-graph/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("range", test_range);
  ADD ("bad-source", test_bad_source);
  return g_test_run ();
}
