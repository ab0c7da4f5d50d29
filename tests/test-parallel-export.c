/* test-parallel-export.c: the segment-parallel AAC export, checked by
 * decoding its output (GStreamer and FFmpeg) against the known signal. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>

#include "secuencia-mixdown.h"
#include "secuencia-parallel-encode.h"
#include "secuencia-test-audio.h"

#define SEC (SECUENCIA_TIME_SECOND)
#define RATE 48000
#define AMP 0.5
#define SECONDS 100.0
#define SEGMENT_MS 20000          /* short segments: several joins in 100 s */
#define WINDOW 2400               /* 50 ms error windows */
#define SETTLED (12.0)            /* s: the first encoder has settled */

typedef enum { SIGNAL_TONE, SIGNAL_SWEEP } Signal;

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->dir = g_dir_make_tmp ("secuencia-parallel-XXXXXX", &error);
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

/* The known signal at frame @i: a 997 Hz tone, or a sine sweeping
 * exponentially from 100 Hz to 5 kHz over SECONDS. */
static double
signal_at (Signal signal, gsize i)
{
  double t = (double) i / RATE;

  if (signal == SIGNAL_TONE)
    return AMP * sin (2 * G_PI * 997.0 * t);
  else
    {
      double f0 = 100.0, f1 = 5000.0, k = log (f1 / f0) / SECONDS;
      return AMP * sin (2 * G_PI * f0 * (exp (k * t) - 1) / k);
    }
}

static void
put_u32 (guint8 *p, guint32 v)
{
  p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

/* A mono 32-bit float WAV of the signal. */
static char *
write_signal (Fixture *f, Signal signal)
{
  char *path = g_build_filename (f->dir, signal == SIGNAL_TONE ? "tone.wav" : "sweep.wav", NULL);
  gsize n = (gsize) (SECONDS * RATE), bytes = n * 4;
  g_autofree guint8 *data = g_malloc (44 + bytes);
  float *pcm = (float *) (data + 44);
  g_autoptr (GError) error = NULL;

  memcpy (data, "RIFF", 4); put_u32 (data + 4, 36 + bytes);
  memcpy (data + 8, "WAVEfmt ", 8); put_u32 (data + 16, 16);
  data[20] = 3; data[21] = 0; data[22] = 1; data[23] = 0;     /* float, mono */
  put_u32 (data + 24, RATE); put_u32 (data + 28, RATE * 4);
  data[32] = 4; data[33] = 0; data[34] = 32; data[35] = 0;
  memcpy (data + 36, "data", 4); put_u32 (data + 40, bytes);
  for (gsize i = 0; i < n; i++)
    pcm[i] = (float) signal_at (signal, i);
  g_assert_true (g_file_set_contents (path, (char *) data, 44 + bytes, &error));
  g_assert_no_error (error);
  return path;
}

static GPtrArray *
sources_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_mix_source_free);
}

typedef struct
{
  GArray *positions;
} Progress;

static void
on_progress (SecuenciaTime position, SecuenciaTime total, gpointer user_data)
{
  Progress *p = user_data;
  g_array_append_val (p->positions, position);
}

static char *
export_full (Fixture *f, GPtrArray *sources, double seconds, guint jobs, const char *name,
             SecuenciaLoudnessKind loudness, SecuenciaMixReport *report)
{
  SecuenciaMixOptions options = SECUENCIA_MIX_OPTIONS_INIT;
  g_autoptr (GError) error = NULL;
  char *out = g_build_filename (f->dir, name, NULL);
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (SecuenciaTime)) };
  SecuenciaTime total = (SecuenciaTime) llround (seconds * SEC);

  options.jobs = jobs;
  options.segment_ms = SEGMENT_MS;
  options.loudness.kind = loudness;
  g_assert_true (secuencia_mixdown_run_full (sources, total, &options, out, on_progress, &progress,
                                             NULL, NULL, report, &error));
  g_assert_no_error (error);
  /* progress: monotonic, ends at the total */
  g_assert_cmpuint (progress.positions->len, >, 0);
  for (guint i = 1; i < progress.positions->len; i++)
    g_assert_cmpint (g_array_index (progress.positions, SecuenciaTime, i), >=,
                     g_array_index (progress.positions, SecuenciaTime, i - 1));
  g_assert_cmpint (g_array_index (progress.positions, SecuenciaTime, progress.positions->len - 1),
                   ==, total);
  g_array_unref (progress.positions);
  return out;
}

static char *
export (Fixture *f, GPtrArray *sources, double seconds, guint jobs, const char *name)
{
  return export_full (f, sources, seconds, jobs, name, SECUENCIA_LOUDNESS_OFF, NULL);
}

/* Error (dBFS RMS) of channel 0 of @pcm against the signal over frames
 * [start, start + n), the decoded output shifted by @lag frames. */
static double
error_db (const SecuenciaTestPcm *pcm, Signal signal, gsize start, gsize n, int lag)
{
  double sum = 0;

  for (gsize i = start; i < start + n; i++)
    {
      double d = pcm->data[(i + lag) * pcm->channels] - signal_at (signal, i);
      sum += d * d;
    }
  return 10 * log10 (sum / n + 1e-30);
}

static SecuenciaTestPcm *
decode (const char *path, guint decoder)
{
  g_autoptr (GError) error = NULL;
  SecuenciaTestPcm *pcm = decoder == 0 ? secuencia_test_audio_decode_gst (path, &error)
                                       : secuencia_test_audio_decode_ffmpeg (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pcm);
  return pcm;
}

static void
check_seamless (Fixture *f, Signal signal)
{
  g_autofree char *wav = write_signal (f, signal);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autofree char *single = NULL, *parallel = NULL;
  SecuenciaMixOptions options = SECUENCIA_MIX_OPTIONS_INIT;
  g_autoptr (GArray) joins = NULL;
  gsize n = (gsize) (SECONDS * RATE);

  g_ptr_array_add (sources, secuencia_mix_source_new (wav, 0, 0, (SecuenciaTime) (SECONDS * SEC),
                                                      0.0, "signal"));
  single = export (f, sources, SECONDS, 1, "single.m4a");
  parallel = export (f, sources, SECONDS, 3, "parallel.m4a");
  options.jobs = 3;
  options.segment_ms = SEGMENT_MS;
  joins = secuencia_parallel_encode_dup_joins ((SecuenciaTime) (SECONDS * SEC), &options);
  g_assert_cmpuint (joins->len, >=, 4);

  for (guint decoder = 0; decoder < 2; decoder++)
    {
      g_autoptr (SecuenciaTestPcm) one = NULL;
      g_autoptr (SecuenciaTestPcm) par = NULL;
      double worst_one = -200, worst_par = -200, worst_join = -200;
      guint clean = 0;

      if (decoder == 1 && !secuencia_test_have_program ("ffmpeg"))
        {
          g_test_message ("ffmpeg not installed: GStreamer decode only");
          continue;
        }
      one = decode (single, decoder);
      par = decode (parallel, decoder);
      /* exact length */
      g_assert_cmpuint (one->n_frames, ==, n);
      g_assert_cmpuint (par->n_frames, ==, n);

      /* window by window, once the first encoder has settled */
      for (gsize w = (gsize) (SETTLED * RATE); w + WINDOW <= n; w += WINDOW)
        {
          double e1 = error_db (one, signal, w, WINDOW, 0);
          double ep = error_db (par, signal, w, WINDOW, 0);
          gboolean at_join = FALSE;

          for (guint j = 0; j < joins->len; j++)
            {
              guint64 join = g_array_index (joins, guint64, j);
              at_join |= join + 1024 > w && join < w + WINDOW;
            }
          if (at_join)
            worst_join = MAX (worst_join, ep);
          else
            worst_par = MAX (worst_par, ep);
          /* where one encoder is clean, so is the joined file */
          if (e1 < -72.0)
            {
              worst_one = MAX (worst_one, e1);
              clean++;
              if (ep >= -65.0)
                g_test_message ("window at %.3f s: %.1f dBFS (one stream %.1f)",
                                (double) w / RATE, ep, e1);
              g_assert_cmpfloat (ep, <, -65.0);
            }
        }
      g_test_message ("%s, %s decode: worst window %.1f dBFS at a join, %.1f elsewhere; "
                      "one stream clean (< -72) in %u windows, worst of those %.1f",
                      signal == SIGNAL_TONE ? "tone" : "sweep",
                      decoder == 0 ? "GStreamer" : "FFmpeg", worst_join, worst_par, clean, worst_one);
      /* most of the signal is where one encoder is clean, joins included */
      g_assert_cmpuint (clean, >, (n - (gsize) (SETTLED * RATE)) / WINDOW * 3 / 4);
      /* a join is no worse than anywhere else */
      g_assert_cmpfloat (worst_join, <=, worst_par + 1.0);

      /* no sample dropped or repeated: around every join, the decoded
       * output lines up best with the signal at lag 0, before and after */
      for (guint j = 0; j < joins->len; j++)
        {
          guint64 join = g_array_index (joins, guint64, j);

          for (int side = 0; side < 2; side++)
            {
              gsize start = side == 0 ? join - 4096 : join + 1024;
              double best = 1e9;
              int best_lag = 99;

              for (int lag = -4; lag <= 4; lag++)
                {
                  double e = error_db (par, signal, start, 4096, lag);
                  if (e < best)
                    {
                      best = e;
                      best_lag = lag;
                    }
                }
              g_assert_cmpint (best_lag, ==, 0);
            }
        }
    }
}

static void
test_tone (Fixture *f, gconstpointer data)
{
  check_seamless (f, SIGNAL_TONE);
}

static void
test_sweep (Fixture *f, gconstpointer data)
{
  check_seamless (f, SIGNAL_SWEEP);
}

/* Clips across joins, trimmed, with gain; a muted clip is left out by the
 * caller. Against the exact mix (the WAV render), the parallel export is
 * window by window as close as one stream is (whose placement, trims and
 * gain test-mixdown checks). */
static void
test_clips_match_one_stream (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autofree char *a = g_build_filename (f->dir, "a.wav", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b.flac", NULL);
  g_autofree char *single = NULL, *parallel = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SecuenciaTestPcm) exact = NULL;
  double total = 75.0;

  g_assert_true (secuencia_test_audio_write_tone (a, SECUENCIA_TEST_FORMAT_WAV16, 44100, 1, 440,
                                                  30.0, 0.3, &error));
  g_assert_no_error (error);
  g_assert_true (secuencia_test_audio_write_tone (b, SECUENCIA_TEST_FORMAT_FLAC, 48000, 2, 1200,
                                                  30.0, 0.3, &error));
  g_assert_no_error (error);
  /* across the join at ~20 s, trimmed; across ~40 s at −6 dB; one ending
   * at the very end, and overlapping ones */
  g_ptr_array_add (sources, secuencia_mix_source_new (a, 15 * SEC + 3 * SECUENCIA_TIME_MSECOND,
                                                      2 * SEC, 10 * SEC, 0.0, "a"));
  g_ptr_array_add (sources, secuencia_mix_source_new (b, 35 * SEC, 1 * SEC, 12 * SEC, -6.0, "b"));
  g_ptr_array_add (sources, secuencia_mix_source_new (a, 38 * SEC, 0, 25 * SEC, -3.0, "a2"));
  g_ptr_array_add (sources, secuencia_mix_source_new (b, 65 * SEC, 5 * SEC, 10 * SEC, 0.0, "b2"));
  single = export (f, sources, total, 1, "single.m4a");
  parallel = export (f, sources, total, 2, "parallel.m4a");
  {
    SecuenciaMixOptions wav_options = SECUENCIA_MIX_OPTIONS_INIT;
    g_autofree char *wav = g_build_filename (f->dir, "exact.wav", NULL);

    wav_options.format = SECUENCIA_MIX_FORMAT_WAV;
    g_assert_true (secuencia_mixdown_run (sources, (SecuenciaTime) (total * SEC), &wav_options, wav,
                                          NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    exact = secuencia_test_audio_read_wav (wav, &error);
    g_assert_no_error (error);
  }

  for (guint decoder = 0; decoder < 2; decoder++)
    {
      g_autoptr (SecuenciaTestPcm) one = NULL;
      g_autoptr (SecuenciaTestPcm) par = NULL;
      gsize n = (gsize) (total * RATE);
      double worst_one = -200, worst_par = -200;

      if (decoder == 1 && !secuencia_test_have_program ("ffmpeg"))
        continue;
      one = decode (single, decoder);
      par = decode (parallel, decoder);
      g_assert_cmpuint (par->n_frames, ==, n);
      g_assert_cmpuint (one->n_frames, ==, n);
      g_assert_cmpuint (exact->n_frames, ==, n);
      /* against the exact mix: the parallel file is as close as one stream */
      for (gsize w = (gsize) (SETTLED * RATE); w + WINDOW <= n; w += WINDOW)
        {
          double sum1 = 0, sump = 0, e1, ep;

          for (gsize i = w * 2; i < (w + WINDOW) * 2; i++)
            {
              double d1 = one->data[i] - exact->data[i], dp = par->data[i] - exact->data[i];
              sum1 += d1 * d1;
              sump += dp * dp;
            }
          e1 = 10 * log10 (sum1 / (2 * WINDOW) + 1e-30);
          ep = 10 * log10 (sump / (2 * WINDOW) + 1e-30);
          worst_one = MAX (worst_one, e1);
          worst_par = MAX (worst_par, ep);
          if (ep > MAX (e1 + 6.0, -65.0))
            g_test_message ("window at %.3f s: %.1f dBFS (one stream %.1f)", (double) w / RATE, ep, e1);
          g_assert_cmpfloat (ep, <=, MAX (e1 + 6.0, -65.0));
        }
      g_test_message ("clips, decoder %u: worst window %.1f dBFS against the exact mix "
                      "(one stream %.1f)", decoder, worst_par, worst_one);
      /* placement: the onset of the first clip, ±1 ms */
      {
        gint64 onset = secuencia_test_pcm_onset (par, 14 * RATE, 0.1);
        g_assert_cmpint (llabs (onset - (gint64) llround (15.003 * RATE)), <=, RATE / 1000);
      }
    }
}

/* A loudness target with the limiter (two or three render passes): the
 * parallel export measures what it encoded as one stream does, and meets
 * the target the same way. */
static void
test_loudness (Fixture *f, gconstpointer data)
{
  g_autofree char *wav = write_signal (f, SIGNAL_SWEEP);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autofree char *single = NULL, *parallel = NULL;
  SecuenciaMixReport one = { 0 }, par = { 0 };

  g_ptr_array_add (sources, secuencia_mix_source_new (wav, 0, 0, (SecuenciaTime) (SECONDS * SEC),
                                                      0.0, "signal"));
  single = export_full (f, sources, SECONDS, 1, "single.m4a", SECUENCIA_LOUDNESS_PODCAST, &one);
  parallel = export_full (f, sources, SECONDS, 3, "parallel.m4a", SECUENCIA_LOUDNESS_PODCAST, &par);
  g_test_message ("one stream: %.2f LUFS, %.2f dBTP, %.2f LU, %u passes; parallel: %.2f LUFS, "
                  "%.2f dBTP, %.2f LU, %u passes", one.measured.integrated, one.measured.true_peak,
                  one.measured.range, one.passes, par.measured.integrated, par.measured.true_peak,
                  par.measured.range, par.passes);
  g_assert_cmpuint (par.measured.frames, ==, one.measured.frames);
  g_assert_cmpfloat (fabs (par.measured.integrated - one.measured.integrated), <, 0.1);
  g_assert_cmpfloat (fabs (par.measured.true_peak - one.measured.true_peak), <, 0.2);
  g_assert_cmpfloat (fabs (par.measured.range - one.measured.range), <, 0.5);
  g_assert_cmpfloat (fabs (par.gain_db - one.gain_db), <, 0.1);
  g_assert_true (par.target_met == one.target_met);
}

typedef struct
{
  GCancellable *cancellable;
  SecuenciaTime at;
  const char   *dir;
  guint         looked;
} CancelAt;

/* Midway, the folder holds the signal, the output and the muxer's data
 * file: the parts' frames are in files that are unlinked at once. */
static void
cancel_at (SecuenciaTime position, SecuenciaTime total, gpointer user_data)
{
  CancelAt *c = user_data;

  if (position >= c->at / 2 && c->looked == 0)
    {
      g_autoptr (GDir) dir = g_dir_open (c->dir, 0, NULL);
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_strcmp0 (name, "tone.wav") != 0 && g_strcmp0 (name, "cancelled.m4a") != 0 &&
            !(g_str_has_prefix (name, ".secuencia-") && g_str_has_suffix (name, ".mdat")))
          g_error ("%s is in the export's folder midway", name);
      c->looked++;
    }
  if (position >= c->at)
    g_cancellable_cancel (c->cancellable);
}

/* Cancelled midway: it stops, and no file of its own is left behind. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autofree char *wav = write_signal (f, SIGNAL_TONE);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autofree char *out = g_build_filename (f->dir, "cancelled.m4a", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  SecuenciaMixOptions options = SECUENCIA_MIX_OPTIONS_INIT;
  g_autoptr (GError) error = NULL;
  CancelAt c = { cancellable, 30 * SEC, f->dir, 0 };
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_ptr_array_add (sources, secuencia_mix_source_new (wav, 0, 0, (SecuenciaTime) (SECONDS * SEC),
                                                      0.0, "signal"));
  options.jobs = 2;
  options.segment_ms = SEGMENT_MS;
  g_assert_false (secuencia_mixdown_run (sources, (SecuenciaTime) (SECONDS * SEC), &options, out,
                                         cancel_at, &c, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (c.looked, ==, 1);
  g_unlink (out);
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_cmpstr (name, ==, "tone.wav");
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/parallel-export/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("tone", test_tone);
  ADD ("sweep", test_sweep);
  ADD ("clips-match-one-stream", test_clips_match_one_stream);
  ADD ("loudness", test_loudness);
  ADD ("cancel", test_cancel);
  return g_test_run ();
}
