/* test-mixdown.c: the GStreamer mixdown, checked by decoding its output. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "secuencia-mixdown.h"
#include "secuencia-mp3-gapless.h"
#include "secuencia-test-audio.h"

#define MS (SECUENCIA_TIME_MSECOND)
#define SEC (SECUENCIA_TIME_SECOND)
#define AMP 0.25                 /* tone amplitude of fixtures */
#define PRESENT (AMP * 0.7)      /* Goertzel amplitude that counts as "sounds" */
#define ABSENT (AMP * 0.02)      /* ... and as "silent" (−34 dB) */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->dir = g_dir_make_tmp ("secuencia-mixdown-XXXXXX", &error);
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

static char *
make_tone (Fixture *f, const char *name, SecuenciaTestFormat format, guint rate,
           guint channels, double freq, double seconds)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (secuencia_test_audio_write_tone (path, format, rate, channels, freq, seconds,
                                                  AMP, &error));
  g_assert_no_error (error);
  return path;
}

static SecuenciaMixSource *
src (const char *path, double offset, double start, double duration, double db)
{
  g_autofree char *label = g_strdup_printf ("Clip “%s”", path);
  return secuencia_mix_source_new (path, (SecuenciaTime) llround (offset * SEC),
                                   (SecuenciaTime) llround (start * SEC),
                                   (SecuenciaTime) llround (duration * SEC), db, label);
}

static GPtrArray *
sources_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_mix_source_free);
}

static SecuenciaTestPcm *
render_wav (Fixture *f, GPtrArray *sources, double total, guint rate, guint channels,
            SecuenciaMixStats *stats)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out.wav", NULL);
  SecuenciaMixOptions options = SECUENCIA_MIX_OPTIONS_INIT;
  SecuenciaTestPcm *pcm;

  options.format = SECUENCIA_MIX_FORMAT_WAV;
  options.sample_rate = rate;
  options.channels = channels;
  /* the raw sum: these tests check the mix itself (the limiter has its own) */
  options.no_limiter = TRUE;
  g_assert_true (secuencia_mixdown_run_full (sources, (SecuenciaTime) llround (total * SEC),
                                             &options, out, NULL, NULL, NULL, stats, NULL, &error));
  g_assert_no_error (error);
  pcm = secuencia_test_audio_read_wav (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pcm->rate, ==, rate);
  g_assert_cmpuint (pcm->channels, ==, channels);
  /* exact length */
  g_assert_cmpuint (pcm->n_frames, ==, (gsize) llround (total * rate));
  return pcm;
}

/* Assert that @freq sounds (or not) over [t0, t1), in windows of 50 ms that
 * keep 10 ms away from the edges. */
static void
assert_tone (const SecuenciaTestPcm *pcm, double freq, double t0, double t1, gboolean present)
{
  for (double t = t0 + 0.01; t + 0.05 <= t1 - 0.01 + 1e-9; t += 0.05)
    {
      double a = secuencia_test_pcm_tone_at (pcm, freq, t, 0.05);
      if (present && a < PRESENT)
        g_error ("%.0f Hz missing at %.3f s (amplitude %.4f)", freq, t, a);
      if (!present && a > ABSENT)
        g_error ("%.0f Hz unexpected at %.3f s (amplitude %.4f)", freq, t, a);
    }
}

static void
assert_silent (const SecuenciaTestPcm *pcm, double t0, double t1)
{
  gsize a = (gsize) llround (t0 * pcm->rate), b = (gsize) llround (t1 * pcm->rate);
  g_assert_cmpfloat (secuencia_test_pcm_peak (pcm, a, b - a), <, 1e-4);
}

/* First frame at or after @from_s above a third of the fixture amplitude. */
static gint64
onset (const SecuenciaTestPcm *pcm, double from_s)
{
  return secuencia_test_pcm_onset (pcm, (gsize) llround (MAX (from_s, 0.0) * pcm->rate), AMP / 3);
}

/* Onset of a sine starting at phase 0 crosses AMP/3 after asin(1/3)/(2πf) s. */
static double
sine_onset_delay (double freq)
{
  return asin (1.0 / 3.0) / (2 * G_PI * freq);
}

/* ------------------------------------------------------------------------ */

/* 48 kHz lossless sources into a 48 kHz WAV: placement, trims, gaps,
 * overlaps and length are exact to the sample. */
static void
test_wav_exact (Fixture *f, gconstpointer data)
{
  g_autofree char *a = make_tone (f, "a.wav", SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, 440, 1.0);
  g_autofree char *b = NULL;
  g_autofree char *c = make_tone (f, "c.flac", SECUENCIA_TEST_FORMAT_FLAC, 48000, 1, 2000, 2.0);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (SecuenciaTestPcm) pcm = NULL;
  g_autoptr (GError) error = NULL;
  SecuenciaTestSegment segs[] = { { 1000, 1.0, AMP }, { 1500, 1.0, AMP } };
  gint64 o;

  b = g_build_filename (f->dir, "b.wav", NULL);
  g_assert_true (secuencia_test_audio_write_segments (b, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                      segs, 2, &error));
  g_assert_no_error (error);

  /* a: 0.5–1.5; b trimmed into its second segment: 2.0–2.5 plays b[1.2,1.7)
   * (1500 Hz only); c: 1.25–2.25 overlaps a and b; silence 2.5–3.0 */
  g_ptr_array_add (sources, src (b, 2.0, 1.2, 0.5, 0));
  g_ptr_array_add (sources, src (a, 0.5, 0.0, 1.0, 0));
  g_ptr_array_add (sources, src (c, 1.25, 0.5, 1.0, 0));
  pcm = render_wav (f, sources, 3.0, 48000, 2, NULL);

  assert_silent (pcm, 0.0, 0.5);
  assert_tone (pcm, 440, 0.5, 1.5, TRUE);
  assert_tone (pcm, 440, 1.5, 3.0, FALSE);
  assert_tone (pcm, 2000, 0.0, 1.25, FALSE);
  assert_tone (pcm, 2000, 1.25, 2.25, TRUE); /* overlap with a and with b */
  assert_tone (pcm, 1500, 2.0, 2.5, TRUE);
  assert_tone (pcm, 1000, 0.0, 3.0, FALSE);  /* trimmed away */
  assert_tone (pcm, 1500, 0.0, 2.0, FALSE);
  assert_silent (pcm, 2.5, 3.0);

  /* a starts at sample 24000 exactly (a sine from phase 0) */
  o = onset (pcm, 0.0);
  g_assert_cmpint (llabs (o - llround ((0.5 + sine_onset_delay (440)) * 48000)), <=, 1);
  g_assert_cmpfloat (fabs (pcm->data[24000 * 2]), <, 1e-4);
  g_assert_cmpfloat (fabs (pcm->data[24001 * 2]), >, 0.01);
  /* a ends at sample 72000 exactly; c is still sounding there, so compare
   * with c alone one sample later: only 440 Hz disappears */
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 440, 1.5, 0.05), <, ABSENT);
  /* b ends at 2.5 s exactly: sample 119999 is its last */
  g_assert_cmpfloat (secuencia_test_pcm_peak (pcm, 120000, 24000), <, 1e-4);
  g_assert_cmpfloat (secuencia_test_pcm_peak (pcm, 119990, 10), >, 0.01);
}

/* A source in mid-file at a non-grid offset, mono 16 kHz output. */
static void
test_wav_other_rate (Fixture *f, gconstpointer data)
{
  g_autofree char *a = make_tone (f, "a.wav", SECUENCIA_TEST_FORMAT_WAV16, 16000, 1, 500, 1.0);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (SecuenciaTestPcm) pcm = NULL;
  gint64 o;

  g_ptr_array_add (sources, src (a, 0.3333333, 0.0, 0.5, 0));
  pcm = render_wav (f, sources, 1.0, 16000, 1, NULL);
  o = onset (pcm, 0.0);
  /* 0.3333333 s at 16 kHz is sample 5333.33 → 5333 */
  g_assert_cmpint (llabs (o - llround (5333 + sine_onset_delay (500) * 16000)), <=, 1);
  assert_tone (pcm, 500, 0.34, 0.83, TRUE);
  assert_silent (pcm, 0.84, 1.0);
}

/* −6 dB is half the amplitude; +6 dB double. */
static void
test_gain (Fixture *f, gconstpointer data)
{
  g_autofree char *a = make_tone (f, "a.wav", SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, 700, 1.0);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (SecuenciaTestPcm) pcm = NULL;
  double unity, minus6, plus6;

  g_ptr_array_add (sources, src (a, 0.0, 0.0, 1.0, 0));
  g_ptr_array_add (sources, src (a, 1.0, 0.0, 1.0, -6.0));
  g_ptr_array_add (sources, src (a, 2.0, 0.0, 1.0, 6.0));
  pcm = render_wav (f, sources, 3.0, 48000, 2, NULL);
  unity = secuencia_test_pcm_tone_at (pcm, 700, 0.2, 0.5);
  minus6 = secuencia_test_pcm_tone_at (pcm, 700, 1.2, 0.5);
  plus6 = secuencia_test_pcm_tone_at (pcm, 700, 2.2, 0.5);
  g_assert_cmpfloat (fabs (20 * log10 (minus6 / unity) + 6.0), <, 0.5);
  g_assert_cmpfloat (fabs (20 * log10 (minus6 / (unity / 2))), <, 0.5);
  g_assert_cmpfloat (fabs (20 * log10 (plus6 / unity) - 6.0), <, 0.5);
}

typedef struct
{
  const char          *name;
  SecuenciaTestFormat  format;
  guint                rate;
  guint                channels;
  double               freq;
} MixedInput;

/* Every input format, rate and channel count lands in place (±2 ms onset,
 * right frequency in the right windows). */
static void
test_mixed_inputs (Fixture *f, gconstpointer data)
{
  static const MixedInput inputs[] = {
    { "wav16k.wav", SECUENCIA_TEST_FORMAT_WAV16, 16000, 1, 400 },
    { "lame.mp3", SECUENCIA_TEST_FORMAT_MP3_LAME, 44100, 2, 600 },
    { "ffmpeg.mp3", SECUENCIA_TEST_FORMAT_MP3_FFMPEG, 44100, 1, 800 },
    { "vorbis.ogg", SECUENCIA_TEST_FORMAT_OGG_VORBIS, 22050, 1, 1000 },
    { "flac96k.flac", SECUENCIA_TEST_FORMAT_FLAC, 96000, 2, 1200 },
    { "aac.m4a", SECUENCIA_TEST_FORMAT_M4A, 48000, 2, 1400 },
    { "lame24k.mp3", SECUENCIA_TEST_FORMAT_MP3_LAME, 24000, 1, 1600 },
    { "ffmpeg48k.mp3", SECUENCIA_TEST_FORMAT_MP3_FFMPEG, 48000, 2, 1800 },
  };
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (SecuenciaTestPcm) pcm = NULL;
  const double slot = 0.6, trim = 0.4, dur = 0.4;

  if (!secuencia_test_have_program ("ffmpeg") || !secuencia_test_have_program ("lame"))
    {
      g_test_skip ("needs ffmpeg and lame");
      return;
    }

  /* Each file: silence 0–0.4 s, then its tone for 1 s. Trimmed at 0.4 s it
   * must start sounding exactly at its offset. */
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = g_build_filename (f->dir, inputs[i].name, NULL);
      SecuenciaTestSegment segs[] = { { 0, trim, 0 }, { inputs[i].freq, 1.0, AMP } };

      g_assert_true (secuencia_test_audio_write_segments (path, inputs[i].format, inputs[i].rate,
                                                          inputs[i].channels, segs, 2, &error));
      g_assert_no_error (error);
      g_ptr_array_add (sources, src (path, 0.2 + i * slot, trim, dur, 0));
    }
  pcm = render_wav (f, sources, 0.2 + G_N_ELEMENTS (inputs) * slot, 48000, 2, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      double t0 = 0.2 + i * slot;
      gint64 o = onset (pcm, t0 - 0.1);
      double err_ms = ((double) o / 48000 - t0 - sine_onset_delay (inputs[i].freq)) * 1000;

      g_test_message ("%s: onset error %.3f ms", inputs[i].name, err_ms);
      if (fabs (err_ms) > 2.0)
        g_error ("%s starts %.3f ms off", inputs[i].name, err_ms);
      assert_tone (pcm, inputs[i].freq, t0, t0 + dur, TRUE);
      assert_tone (pcm, inputs[i].freq, t0 + dur + 0.005, t0 + slot, FALSE);
      /* ends within 2 ms too (lossy decoders ring a little: −30 dB) */
      g_assert_cmpfloat (secuencia_test_pcm_peak (pcm, (gsize) llround ((t0 + dur + 0.002) * 48000),
                                                  (gsize) llround ((slot - dur - 0.004) * 48000)),
                         <, AMP * 0.05);
    }
}

typedef struct
{
  GThread       *thread;
  SecuenciaTime  last;
  guint          calls;
  gboolean       reached_total;
} ProgressLog;

static void
log_progress (SecuenciaTime position, SecuenciaTime total, gpointer user_data)
{
  ProgressLog *log = user_data;

  /* from the calling (worker) thread, never backwards, never past the end */
  g_assert_true (g_thread_self () == log->thread);
  g_assert_cmpint (position, >=, log->last);
  g_assert_cmpint (position, <=, total);
  log->last = position;
  log->calls++;
  if (position == total)
    log->reached_total = TRUE;
}

/* The M4A output: decoded by GStreamer and by ffmpeg, a clip after silence
 * starts within 2 ms of its offset and the length matches. */
static void
test_m4a_exact (Fixture *f, gconstpointer data)
{
  g_autofree char *a = make_tone (f, "a.wav", SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, 1000, 1.0);
  g_autofree char *b = make_tone (f, "b.flac", SECUENCIA_TEST_FORMAT_FLAC, 44100, 1, 3000, 1.0);
  g_autofree char *out = g_build_filename (f->dir, "out.m4a", NULL);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GError) error = NULL;
  SecuenciaMixOptions options = SECUENCIA_MIX_OPTIONS_INIT;
  ProgressLog log = { g_thread_self (), 0, 0, FALSE };
  const double total = 3.21; /* total + priming is not a whole number of AAC frames */

  g_ptr_array_add (sources, src (a, 0.75, 0.0, 1.0, 0));
  g_ptr_array_add (sources, src (b, 2.1, 0.25, 0.6, 0));
  g_assert_true (secuencia_mixdown_run (sources, (SecuenciaTime) llround (total * SEC), &options,
                                        out, log_progress, &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.calls, >=, 1);
  g_assert_true (log.reached_total);

  for (int dec = 0; dec < 2; dec++)
    {
      g_autoptr (SecuenciaTestPcm) pcm = NULL;
      double o1, o2, len_ms;

      if (dec == 1 && !secuencia_test_have_program ("ffmpeg"))
        continue;
      pcm = dec == 0 ? secuencia_test_audio_decode_gst (out, &error)
                     : secuencia_test_audio_decode_ffmpeg (out, &error);
      g_assert_no_error (error);
      o1 = (double) onset (pcm, 0.0) / 48000 - 0.75 - sine_onset_delay (1000);
      o2 = (double) onset (pcm, 1.9) / 48000 - 2.1;
      len_ms = ((double) pcm->n_frames / 48000 - total) * 1000;
      g_test_message ("%s decode: onsets %+.3f / %+.3f ms, length %+.3f ms",
                      dec == 0 ? "GStreamer" : "ffmpeg", o1 * 1000, o2 * 1000, len_ms);
      g_assert_cmpfloat (fabs (o1), <=, 0.002);
      g_assert_cmpfloat (fabs (o2), <=, 0.002);
      /* both decoders: the lead-in and the edit list make the decoded
       * length exact (to a sample or two), not just within 5 ms */
      g_assert_cmpfloat (fabs (len_ms), <=, 0.1);
      assert_silent (pcm, 0.0, 0.7);
      assert_tone (pcm, 1000, 0.75, 1.75, TRUE);
      assert_tone (pcm, 3000, 2.1, 2.7, TRUE);
      assert_tone (pcm, 1000, 1.8, total, FALSE);
      g_assert_cmpfloat (secuencia_test_pcm_rms (pcm, (gsize) (2.75 * 48000), (gsize) (0.4 * 48000)),
                         <, 1e-3);
    }
}

/* Clips that ask for more than their file holds, or that lie past the end
 * of the timeline, and many clips at once. */
static void
test_edges (Fixture *f, gconstpointer data)
{
  static const SecuenciaTestFormat formats[] = {
    SECUENCIA_TEST_FORMAT_WAV16, SECUENCIA_TEST_FORMAT_MP3_LAME, SECUENCIA_TEST_FORMAT_M4A,
  };
  g_autofree char *ref = make_tone (f, "ref.wav", SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, 900, 0.5);

  for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autoptr (GPtrArray) sources = sources_new ();
      g_autoptr (SecuenciaTestPcm) pcm = NULL;

      if (formats[k] != SECUENCIA_TEST_FORMAT_WAV16 &&
          (!secuencia_test_have_program ("ffmpeg") || !secuencia_test_have_program ("lame")))
        continue;
      name = g_strdup_printf ("short%u.%s", k, secuencia_test_format_extension (formats[k]));
      path = make_tone (f, name, formats[k], 44100, 2, 440, 0.5);
      /* the whole 0.5 s file: fine, whatever its decoder does with the last
       * frame */
      g_ptr_array_add (sources, src (path, 0.0, 0.0, 0.5, 0));
      g_ptr_array_add (sources, src (ref, 2.5, 0.0, 0.5, 0));
      pcm = render_wav (f, sources, 3.0, 48000, 2, NULL);
      assert_tone (pcm, 440, 0.0, 0.48, TRUE);
      g_assert_cmpfloat (secuencia_test_pcm_peak (pcm, (gsize) (0.53 * 48000), (gsize) (1.95 * 48000)),
                         <, AMP * 0.02);
      assert_tone (pcm, 900, 2.5, 3.0, TRUE);

      /* a 0.5 s file asked for 1 s, or trimmed past its end: the audio the
       * clip needs is not there (a truncated or damaged file) */
      for (guint bad = 0; bad < 2; bad++)
        {
          g_autoptr (GPtrArray) short_sources = sources_new ();
          g_autoptr (GError) error = NULL;
          g_autofree char *out = g_build_filename (f->dir, "short.wav", NULL);
          g_autofree char *label = g_strdup_printf ("Clip “%s”", path);
          SecuenciaMixOptions options = SECUENCIA_MIX_OPTIONS_INIT;

          options.format = SECUENCIA_MIX_FORMAT_WAV;
          g_ptr_array_add (short_sources, src (ref, 0.0, 0.0, 0.5, 0));
          g_ptr_array_add (short_sources, bad == 0 ? src (path, 0.5, 0.0, 1.0, 0)
                                                   : src (path, 0.5, 2.0, 1.0, 0));
          g_assert_false (secuencia_mixdown_run (short_sources, 2 * SEC, &options, out,
                                                 NULL, NULL, NULL, &error));
          g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_BAD_ASSET);
          g_assert_nonnull (strstr (error->message, label));
          g_assert_nonnull (strstr (error->message, "truncated"));
        }
    }

  {
    g_autoptr (GPtrArray) sources = sources_new ();
    g_autoptr (SecuenciaTestPcm) pcm = NULL;
    SecuenciaMixStats stats;

    /* twenty clips sounding together all get mixed: 20 × −26 dB ≈ one at 0 dB */
    for (guint i = 0; i < 20; i++)
      g_ptr_array_add (sources, src (ref, 0.1, 0.0, 0.5, -20 * log10 (20)));
    /* past the end of the timeline: left out; across it: cut */
    g_ptr_array_add (sources, src (ref, 5.0, 0.0, 0.5, 0));
    g_ptr_array_add (sources, src (ref, 0.8, 0.0, 0.5, 0));
    pcm = render_wav (f, sources, 1.0, 48000, 2, &stats);
    g_assert_cmpuint (stats.peak_branches, >=, 20);
    g_assert_cmpuint (stats.branches_created, ==, 21);
    g_assert_cmpfloat (fabs (20 * log10 (secuencia_test_pcm_tone_at (pcm, 900, 0.15, 0.4) / AMP)),
                       <, 0.1);
    assert_tone (pcm, 900, 0.8, 1.0, TRUE);
  }
}

/* The MP3 Info tag parser, on both kinds of files. */
static void
test_mp3_gapless (Fixture *f, gconstpointer data)
{
  g_autofree char *lame = NULL;
  g_autofree char *ff = NULL;
  GstClockTime skip = 0;

  if (!secuencia_test_have_program ("ffmpeg") || !secuencia_test_have_program ("lame"))
    {
      g_test_skip ("needs ffmpeg and lame");
      return;
    }
  lame = make_tone (f, "lame.mp3", SECUENCIA_TEST_FORMAT_MP3_LAME, 44100, 2, 440, 0.5);
  ff = make_tone (f, "ff.mp3", SECUENCIA_TEST_FORMAT_MP3_FFMPEG, 44100, 2, 440, 0.5);
  /* GStreamer trims LAME-tagged files by itself */
  g_assert_false (secuencia_mp3_gapless_get_skip (lame, &skip));
  g_assert_cmpuint (skip, ==, 0);
  /* "Lavc" tag: delay 576 + decoder 529 samples at 44.1 kHz */
  g_assert_true (secuencia_mp3_gapless_get_skip (ff, &skip));
  g_assert_cmpuint (skip, ==, gst_util_uint64_scale_round (576 + 529, GST_SECOND, 44100));
  /* not an MP3 */
  g_assert_false (secuencia_mp3_gapless_get_skip (f->dir, &skip));
  /* GStreamer's lamemp3enc writes no Info tag: nothing to go by */
  {
    g_autofree char *gst = make_tone (f, "gst.mp3", SECUENCIA_TEST_FORMAT_MP3_LAMEMP3ENC, 44100, 1,
                                      440, 0.5);
    g_autoptr (GError) error = NULL;
    g_autoptr (SecuenciaTestPcm) pcm = secuencia_test_audio_decode_gst (gst, &error);

    g_assert_no_error (error);
    g_assert_false (secuencia_mp3_gapless_get_skip (gst, &skip));
    g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 440, 0.1, 0.3), >, PRESENT);
  }
}

/* 500 sources: the pipeline stays small and the output is still right. */
static void
test_many_sources (Fixture *f, gconstpointer data)
{
  static const double freqs[] = { 300, 500, 700, 900, 1100 };
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (SecuenciaTestPcm) pcm = NULL;
  g_autofree char *paths[G_N_ELEMENTS (freqs)] = { NULL };
  SecuenciaMixStats stats;
  const guint n = 500;
  const double step = 0.1, dur = 0.08;

  for (guint k = 0; k < G_N_ELEMENTS (freqs); k++)
    {
      g_autofree char *name = g_strdup_printf ("t%u.wav", k);
      paths[k] = make_tone (f, name, SECUENCIA_TEST_FORMAT_WAV16, 16000, 1, freqs[k], 0.2);
    }
  /* two lanes: clip i at i*0.1 s for 80 ms, every 10th has an overlapping
   * partner on a second lane from +20 ms to the same end */
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (sources, src (paths[i % 5], i * step, 0.05, dur, 0));
      if (i % 10 == 0)
        g_ptr_array_add (sources, src (paths[(i + 2) % 5], i * step + 0.02, 0.0, dur - 0.02, 0));
    }
  pcm = render_wav (f, sources, n * step + 0.1, 16000, 1, &stats);
  g_test_message ("%u sources: %u branches (%u restarted), peak %u alive, %u stalls", sources->len,
                  stats.branches_created, stats.restarts, stats.peak_branches, stats.stalls);
  /* one branch per source, plus the rare rebuild after decodebin's
   * start-up race (seen under a heavily loaded machine) */
  g_assert_cmpuint (stats.branches_created, ==, sources->len + stats.restarts);
  g_assert_cmpuint (stats.restarts, <=, 2);
  g_assert_cmpuint (stats.peak_branches, <=, 16);

  for (guint i = 0; i < n; i++)
    {
      double t = i * step;
      gint64 o = onset (pcm, t - 0.01);
      if (fabs ((double) o / 16000 - t - sine_onset_delay (freqs[i % 5])) > 2.0 / 16000)
        g_test_message ("clip %u at %.1f s: onset at frame %" G_GINT64_FORMAT " (%.2f samples late)", i, t, o,
                        ((double) o / 16000 - t - sine_onset_delay (freqs[i % 5])) * 16000);
      g_assert_cmpfloat (fabs ((double) o / 16000 - t - sine_onset_delay (freqs[i % 5])), <=, 2.0 / 16000);
      g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, freqs[i % 5], t + 0.005, 0.07), >, PRESENT);
      g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, freqs[(i + 1) % 5], t + 0.025, 0.05), <, ABSENT);
      if (i % 10 == 0)
        g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, freqs[(i + 2) % 5], t + 0.025, 0.05), >, PRESENT);
      /* the gap between clips is silent */
      g_assert_cmpfloat (secuencia_test_pcm_peak (pcm, (gsize) llround ((t + dur + 0.001) * 16000),
                                                  (gsize) llround ((step - dur - 0.002) * 16000)),
                         <, 1e-4);
    }
}

typedef struct
{
  GCancellable *cancellable;
  double        cancel_at;
  double        last;
  guint         calls_after_cancel;
  gboolean      cancelled;
  gint64        start;
  gint64        cancel_time;
} CancelData;

static void
cancel_progress (SecuenciaTime position, SecuenciaTime total, gpointer user_data)
{
  CancelData *d = user_data;

  g_assert_true (g_thread_self () != NULL);
  d->last = (double) position / total;
  if (d->cancelled)
    d->calls_after_cancel++;
  if (!d->cancelled && d->last >= d->cancel_at)
    {
      d->cancelled = TRUE;
      d->cancel_time = g_get_monotonic_time ();
      g_cancellable_cancel (d->cancellable);
    }
}

static guint
count_streaming_threads (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename ("/proc/self/task", name, "comm", NULL);
      g_autofree char *comm = NULL;
      /* GStreamer names streaming threads after their pad: "queue0:src" */
      if (g_file_get_contents (p, &comm, NULL, NULL) && strchr (comm, ':') != NULL)
        n++;
    }
  return n;
}

/* Cancelling mid-render returns G_IO_ERROR_CANCELLED, stops reporting and
 * leaves no streaming thread behind. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autofree char *a = make_tone (f, "a.wav", SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, 440, 4.0);
  g_autofree char *out = g_build_filename (f->dir, "out.m4a", NULL);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  SecuenciaMixOptions options = SECUENCIA_MIX_OPTIONS_INIT;
  CancelData d = { cancellable, 0.3, 0, 0, FALSE, 0, 0 };
  gboolean ok;

  /* long enough that the render is surely still running at 30 % */
  for (guint i = 0; i < 30; i++)
    g_ptr_array_add (sources, src (a, i * 4.0, 0.0, 4.0, 0));
  d.start = g_get_monotonic_time ();
  ok = secuencia_mixdown_run (sources, 120 * SEC, &options, out, cancel_progress, &d,
                              cancellable, &error);
  g_test_message ("returned %.1f ms after cancel", (g_get_monotonic_time () - d.cancel_time) / 1000.0);
  g_assert_false (ok);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (d.cancelled);
  g_assert_cmpfloat (d.last, <, 0.9);
  g_assert_cmpuint (d.calls_after_cancel, ==, 0);
  /* Streaming threads go back to GLib's shared pool when their task ends
   * (keeping their name); ask the pool to let its idle threads exit. A
   * thread still streaming would never go away. */
  for (guint i = 0; i < 500 && count_streaming_threads () > 0; i++)
    {
      g_thread_pool_stop_unused_threads ();
      g_usleep (10 * 1000);
    }
  g_assert_cmpuint (count_streaming_threads (), ==, 0);

  /* already cancelled: returns at once */
  g_clear_error (&error);
  g_assert_false (secuencia_mixdown_run (sources, 120 * SEC, &options, out, NULL, NULL,
                                         cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Unusable source files give BAD_ASSET naming the clip. */
static void
test_bad_sources (Fixture *f, gconstpointer data)
{
  g_autofree char *good = make_tone (f, "good.wav", SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, 440, 1.0);
  g_autofree char *empty = g_build_filename (f->dir, "empty.wav", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.mp3", NULL);
  g_autofree char *trunc = g_build_filename (f->dir, "trunc.m4a", NULL);
  g_autofree char *m4a = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  g_autofree char *video = g_build_filename (f->dir, "video.mkv", NULL);
  const char *bad[5] = { NULL };

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (text, "INT. KITCHEN - DAY\nShe opens the door.\n", -1, NULL));
  bad[0] = empty;
  bad[1] = text;
  bad[2] = NULL;
  if (secuencia_test_have_program ("ffmpeg"))
    {
      /* ffmpeg writes the moov box at the end: cut it off */
      m4a = make_tone (f, "full.m4a", SECUENCIA_TEST_FORMAT_M4A, 48000, 2, 440, 1.0);
      g_assert_true (g_file_get_contents (m4a, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (trunc, contents, len / 2, NULL));
      bad[2] = trunc;
      {
        /* a file with only a video stream */
        const char *argv[] = { "ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                               "testsrc=duration=1:size=64x48:rate=10", "-c:v", "mpeg4", video,
                               NULL };
        int status = 0;
        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                     NULL, NULL, &status, NULL));
        g_assert_true (g_spawn_check_wait_status (status, NULL));
        bad[3] = video;
      }
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad) && bad[i] != NULL; i++)
    {
      g_autoptr (GPtrArray) sources = sources_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *out = g_build_filename (f->dir, "out.wav", NULL);
      SecuenciaMixOptions options = SECUENCIA_MIX_OPTIONS_INIT;
      g_autofree char *label = g_strdup_printf ("Clip %u (“%s”)", 7 + i, bad[i]);

      options.format = SECUENCIA_MIX_FORMAT_WAV;
      g_ptr_array_add (sources, src (good, 0.0, 0.0, 1.0, 0));
      g_ptr_array_add (sources, secuencia_mix_source_new (bad[i], 500 * MS, 0, SEC, 0, label));
      g_assert_false (secuencia_mixdown_run (sources, 2 * SEC, &options, out, NULL, NULL, NULL,
                                             &error));
      g_test_message ("%s: %s", bad[i], error->message);
      g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_BAD_ASSET);
      g_assert_nonnull (strstr (error->message, label));
    }
}

/* An output that cannot be opened is a DESTINATION error. */
static void
test_bad_destination (Fixture *f, gconstpointer data)
{
  g_autofree char *a = make_tone (f, "a.wav", SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, 440, 0.5);
  g_autofree char *out = g_build_filename (f->dir, "missing-folder", "out.m4a", NULL);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (sources, src (a, 0.0, 0.0, 0.5, 0));
  g_assert_false (secuencia_mixdown_run (sources, SEC, NULL, out, NULL, NULL, NULL, &error));
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* Every legal name exports: the muxer's side file does not grow the
 * output's name (a name too long for it deadlocked the muxer), and is
 * gone afterwards. */
static void
test_long_name (Fixture *f, gconstpointer data)
{
  g_autofree char *a = make_tone (f, "a.wav", SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, 440, 0.5);
  g_autoptr (GString) name = g_string_new (NULL);
  g_autofree char *out = NULL;
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SecuenciaTestPcm) pcm = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *entry;

  while (name->len < 255 - strlen (".m4a"))
    g_string_append_c (name, 'n');
  g_string_append (name, ".m4a");
  out = g_build_filename (f->dir, name->str, NULL);

  g_ptr_array_add (sources, src (a, 0.0, 0.0, 0.5, 0));
  g_assert_true (secuencia_mixdown_run (sources, SEC, NULL, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pcm = secuencia_test_audio_decode_gst (out, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon ((double) pcm->n_frames / pcm->rate, 1.0, 0.002);

  dir = g_dir_open (f->dir, 0, NULL);
  while ((entry = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (entry, ".mdat"));
}

/* Writing into a full disk is a DISK_FULL error (/dev/full fails every
 * write with ENOSPC). */
static void
test_disk_full (Fixture *f, gconstpointer data)
{
  g_autofree char *a = make_tone (f, "a.wav", SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, 440, 2.0);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GError) error = NULL;
  SecuenciaMixOptions options = SECUENCIA_MIX_OPTIONS_INIT;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  options.format = SECUENCIA_MIX_FORMAT_WAV;
  g_ptr_array_add (sources, src (a, 0.0, 0.0, 2.0, 0));
  g_assert_false (secuencia_mixdown_run (sources, 2 * SEC, &options, "/dev/full", NULL, NULL,
                                         NULL, &error));
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DISK_FULL);
}

/* Without gstreamer1.0-libav the engine says which package to install. Run
 * in a child process whose GStreamer sees every plugin but libav. */
static void
test_no_encoder (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstPlugin) core = NULL;
  g_autoptr (GstPlugin) libav = NULL;
  g_autofree char *plugin_dir = NULL;
  g_autofree char *libav_name = NULL;
  g_autofree char *fake_dir = NULL;
  g_autofree char *registry = NULL;
  g_autofree char *self_exe = NULL;
  g_autofree char *out = NULL;
  g_autoptr (GDir) dir = NULL;
  g_auto (GStrv) envp = NULL;
  const char *name;
  int status = 0;

  if (g_getenv ("SECUENCIA_TEST_NO_LIBAV_CHILD") != NULL)
    {
      g_autoptr (GPtrArray) sources = sources_new ();
      g_autofree char *a = make_tone (f, "a.wav", SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, 440, 0.5);
      g_autofree char *m4a = g_build_filename (f->dir, "out.m4a", NULL);

      g_assert_false (secuencia_mixdown_check_encoder (&error));
      g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_NO_ENCODER);
      g_assert_nonnull (strstr (error->message, "gstreamer1.0-libav"));
      g_clear_error (&error);
      g_ptr_array_add (sources, src (a, 0.0, 0.0, 0.5, 0));
      g_assert_false (secuencia_mixdown_run (sources, SEC, NULL, m4a, NULL, NULL, NULL, &error));
      g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_NO_ENCODER);
      return;
    }

  core = gst_registry_find_plugin (gst_registry_get (), "coreelements");
  libav = gst_registry_find_plugin (gst_registry_get (), "libav");
  if (core == NULL || libav == NULL || gst_plugin_get_filename (core) == NULL)
    {
      g_test_skip ("needs the libav plugin installed to hide it");
      return;
    }
  plugin_dir = g_path_get_dirname (gst_plugin_get_filename (core));
  libav_name = g_path_get_basename (gst_plugin_get_filename (libav));
  fake_dir = g_build_filename (f->dir, "plugins", NULL);
  g_assert_cmpint (g_mkdir (fake_dir, 0700), ==, 0);
  dir = g_dir_open (plugin_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *target = g_build_filename (plugin_dir, name, NULL);
      g_autofree char *link = g_build_filename (fake_dir, name, NULL);
      if (g_strcmp0 (name, libav_name) != 0)
        g_assert_cmpint (symlink (target, link), ==, 0);
    }
  registry = g_build_filename (f->dir, "registry.bin", NULL);
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "GST_PLUGIN_SYSTEM_PATH_1_0", fake_dir, TRUE);
  envp = g_environ_setenv (envp, "GST_REGISTRY_1_0", registry, TRUE);
  envp = g_environ_setenv (envp, "SECUENCIA_TEST_NO_LIBAV_CHILD", "1", TRUE);
  envp = g_environ_unsetenv (envp, "GST_PLUGIN_PATH_1_0");
  envp = g_environ_unsetenv (envp, "GST_PLUGIN_PATH");
  self_exe = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { self_exe, "-p", "/mixdown/no-encoder", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &out, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_test_message ("child: %s", out);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "ok 1 /mixdown/no-encoder"));
  g_assert_null (strstr (out, "# SKIP"));

  for (dir = (g_dir_close (dir), g_dir_open (fake_dir, 0, NULL)); (name = g_dir_read_name (dir)) != NULL;)
    {
      g_autofree char *link = g_build_filename (fake_dir, name, NULL);
      g_unlink (link);
    }
  g_rmdir (fake_dir);
}

static void
test_check_encoder (void)
{
  g_autoptr (GError) error = NULL;

  /* Debian 12 with gstreamer1.0-libav and -good, as this project requires */
  g_assert_true (secuencia_mixdown_check_encoder (&error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/mixdown/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  g_test_add_func ("/mixdown/check-encoder", test_check_encoder);
  ADD ("wav-exact", test_wav_exact);
  ADD ("wav-other-rate", test_wav_other_rate);
  ADD ("gain", test_gain);
  ADD ("mp3-gapless", test_mp3_gapless);
  ADD ("edges", test_edges);
  ADD ("mixed-inputs", test_mixed_inputs);
  ADD ("m4a-exact", test_m4a_exact);
  ADD ("many-sources", test_many_sources);
  ADD ("cancel", test_cancel);
  ADD ("bad-sources", test_bad_sources);
  ADD ("bad-destination", test_bad_destination);
  ADD ("long-name", test_long_name);
  ADD ("disk-full", test_disk_full);
  ADD ("no-encoder", test_no_encoder);
#undef ADD

  return g_test_run ();
}
