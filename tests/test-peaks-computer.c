/* test-peaks-computer.c: decoding real files into peaks (exact values from
 * generated tones), from a project's assets, and the background worker. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <gst/gst.h>

#include "secuencia-peaks-computer.h"
#include "secuencia-project-private.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"

#define MS SECUENCIA_TIME_MSECOND

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("secuencia-peaks-computer-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* 0.25 s silence, 0.5 s of 1 kHz at half scale, 0.25 s silence. */
static const SecuenciaTestSegment burst[] = {
  { 0, 0.25, 0 },
  { 1000, 0.5, 0.5 },
  { 0, 0.25, 0 },
};

static char *
write_burst (Fixture *f, const char *name, SecuenciaTestFormat format, guint rate, guint channels)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (secuencia_test_audio_write_segments (path, format, rate, channels,
                                                      burst, G_N_ELEMENTS (burst), &error));
  g_assert_no_error (error);
  return path;
}

static SecuenciaPeaks *
compute_path (const char *path, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return secuencia_peaks_compute_file (file, NULL, error);
}

/* The blocks computed from the samples exactly as stored in the WAV,
 * sample by sample: block = floor (frame / rate / 5 ms). */
static void
assert_matches_wav (SecuenciaPeaks *peaks, const char *wav_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaTestPcm) pcm = secuencia_test_audio_read_wav (wav_path, &error);
  g_autofree gint16 *expected = NULL;
  const gint16 *pairs;
  guint n_blocks = 0, n_expected;
  SecuenciaTime block = 0;

  g_assert_no_error (error);
  n_expected = (guint) (((guint64) pcm->n_frames * 1000000000 / pcm->rate + 5 * MS - 1) / (5 * MS));
  expected = g_new (gint16, 2 * n_expected);
  for (guint j = 0; j < n_expected; j++)
    {
      expected[2 * j] = G_MAXINT16;
      expected[2 * j + 1] = G_MININT16;
    }
  for (gsize i = 0; i < pcm->n_frames; i++)
    {
      guint j = (guint) (((guint64) i * 1000000000 / pcm->rate) / (5 * MS));

      for (guint c = 0; c < pcm->channels; c++)
        {
          gint16 v = (gint16) lrintf (pcm->data[i * pcm->channels + c] * 32767.0f);

          expected[2 * j] = MIN (expected[2 * j], v);
          expected[2 * j + 1] = MAX (expected[2 * j + 1], v);
        }
    }

  pairs = secuencia_peaks_get_level (peaks, 1, &block, &n_blocks);
  g_assert_cmpint (block, ==, 5 * MS);
  g_assert_cmpuint (n_blocks, ==, n_expected);
  g_assert_cmpmem (pairs, 4 * n_blocks, expected, 4 * n_expected);
  g_assert_cmpint (secuencia_peaks_get_duration (peaks), ==,
                   gst_util_uint64_scale_ceil (pcm->n_frames, GST_SECOND, pcm->rate));
}

/* Silence is exactly zero and the tone starts in block 50 (250 ms); the
 * tone blocks reach half scale. */
static void
assert_burst_shape (SecuenciaPeaks *peaks, gint tolerance, guint margin)
{
  guint n = 0;
  const gint16 *pairs = secuencia_peaks_get_level (peaks, 1, NULL, &n);

  g_assert_cmpuint (n, >=, 200);
  for (guint j = 0; j < 200; j++)
    {
      gint lo = pairs[2 * j], hi = pairs[2 * j + 1];

      if (j + margin < 50 || j >= 150 + margin)
        {
          g_assert_cmpint (ABS (lo), <=, tolerance);
          g_assert_cmpint (ABS (hi), <=, tolerance);
        }
      else if (j > 50 + margin && j + margin < 149)
        {
          /* A 1 kHz sine sampled at 44.1 kHz can miss its crest by 4°. */
          g_assert_cmpint (ABS (hi - 16384), <=, MAX (200, tolerance * 8));
          g_assert_cmpint (ABS (lo + 16384), <=, MAX (200, tolerance * 8));
        }
    }
}

static void
test_wav_exact (Fixture *f, gconstpointer data)
{
  const struct { SecuenciaTestFormat format; guint rate; guint channels; } cases[] = {
    { SECUENCIA_TEST_FORMAT_WAV_F32, 48000, 1 },
    { SECUENCIA_TEST_FORMAT_WAV16, 48000, 2 },
    { SECUENCIA_TEST_FORMAT_WAV16, 44100, 1 },
    { SECUENCIA_TEST_FORMAT_WAV_F32, 22050, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("burst-%u.wav", i);
      g_autofree char *path = write_burst (f, name, cases[i].format, cases[i].rate, cases[i].channels);
      g_autoptr(GError) error = NULL;
      g_autoptr(SecuenciaPeaks) peaks = compute_path (path, &error);

      g_assert_no_error (error);
      assert_matches_wav (peaks, path);
      assert_burst_shape (peaks, 0, 0);
    }
}

/* Lossless FLAC gives the very blocks of the WAV it was made from; Vorbis
 * gives the same shape. */
static void
test_compressed (Fixture *f, gconstpointer data)
{
  g_autofree char *wav = write_burst (f, "burst.wav", SECUENCIA_TEST_FORMAT_WAV16, 44100, 2);
  g_autofree char *flac = write_burst (f, "burst.flac", SECUENCIA_TEST_FORMAT_FLAC, 44100, 2);
  g_autofree char *ogg = write_burst (f, "burst.ogg", SECUENCIA_TEST_FORMAT_OGG_VORBIS, 48000, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaPeaks) from_wav = compute_path (wav, &error);
  g_autoptr(SecuenciaPeaks) from_flac = compute_path (flac, &error);
  g_autoptr(SecuenciaPeaks) from_ogg = compute_path (ogg, &error);

  g_assert_no_error (error);
  g_assert_true (secuencia_peaks_equal (from_wav, from_flac));
  /* Vorbis smears the edges over a transform block (up to 42 ms). */
  assert_burst_shape (from_ogg, 400, 10);
  g_assert_cmpint (ABS (secuencia_peaks_get_duration (from_ogg) - SECUENCIA_TIME_SECOND), <=, 10 * MS);
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *junk = g_build_filename (f->dir, "junk.wav", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.wav", NULL);
  g_autofree char *wav = write_burst (f, "burst.wav", SECUENCIA_TEST_FORMAT_WAV16, 48000, 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) file = g_file_new_for_path (wav);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaPeaks) peaks = NULL;
  g_autofree char *text = g_strnfill (4000, 'x');

  g_assert_true (g_file_set_contents (junk, text, -1, NULL));
  peaks = compute_path (junk, &error);
  g_assert_null (peaks);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "junk.wav"));
  g_clear_error (&error);

  peaks = compute_path (missing, &error);
  g_assert_null (peaks);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.wav"));
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  peaks = secuencia_peaks_compute_file (file, cancellable, &error);
  g_assert_null (peaks);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gint64
import (SecuenciaProject *project, const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 id = secuencia_project_import_audio (project, file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_asset_and_ensure (Fixture *f, gconstpointer data)
{
  g_autofree char *project_path = g_build_filename (f->dir, "p.secuencia", NULL);
  g_autofree char *wav = write_burst (f, "burst.wav", SECUENCIA_TEST_FORMAT_WAV16, 48000, 1);
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(SecuenciaProject) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaPeaks) from_file = compute_path (wav, &error);
  g_autoptr(SecuenciaPeaks) from_asset = NULL;
  g_autoptr(SecuenciaPeaks) ensured = NULL;
  g_autoptr(SecuenciaPeaks) stored = NULL;
  gint64 id;

  project = secuencia_project_open (project_path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  id = import (project, wav);

  from_asset = secuencia_peaks_compute_asset (project, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (secuencia_peaks_equal (from_file, from_asset));

  /* Unknown asset: the store's error. */
  g_assert_null (secuencia_peaks_compute_asset (project, id + 100, NULL, &error));
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A read-only connection computes without storing. */
  reader = secuencia_project_open (project_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  ensured = secuencia_peaks_ensure (reader, id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (secuencia_peaks_equal (ensured, from_file));
  stored = secuencia_project_load_peaks (project, id, &error);
  g_assert_no_error (error);
  g_assert_null (stored);
  g_clear_pointer (&ensured, secuencia_peaks_unref);

  ensured = secuencia_peaks_ensure (project, id, NULL, NULL, &error);
  g_assert_no_error (error);
  stored = secuencia_project_load_peaks (project, id, &error);
  g_assert_no_error (error);
  g_assert_true (secuencia_peaks_equal (stored, from_file));
  g_clear_pointer (&stored, secuencia_peaks_unref);
  g_clear_pointer (&ensured, secuencia_peaks_unref);

  /* Stored peaks are returned as stored, without decoding: peaks saved by
   * hand come back even though @file says otherwise. */
  {
    const gint16 pairs[] = { -1, 1 };
    g_autoptr(SecuenciaPeaks) fake = secuencia_peaks_new_from_blocks (5 * MS, 5 * MS, pairs, 1, &error);
    g_autoptr(GFile) file = g_file_new_for_path (wav);

    g_assert_true (secuencia_project_save_peaks (project, id, fake, &error));
    ensured = secuencia_peaks_ensure (project, id, file, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (secuencia_peaks_equal (ensured, fake));
    g_clear_pointer (&ensured, secuencia_peaks_unref);

    /* A damaged record is recomputed (from @file) and replaced. */
    secuencia_test_exec_sql (secuencia_project_get_db (project), "UPDATE peaks SET data = x'00'");
    ensured = secuencia_peaks_ensure (project, id, file, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (secuencia_peaks_equal (ensured, from_file));
    stored = secuencia_project_load_peaks (project, id, &error);
    g_assert_no_error (error);
    g_assert_true (secuencia_peaks_equal (stored, from_file));
  }
  g_assert_finalize_object (g_steal_pointer (&reader));
  g_assert_finalize_object (g_steal_pointer (&project));
}

typedef struct
{
  GThread    *main_thread;
  GHashTable *ready;    /* asset id → peaks */
  GArray     *failed;
  GError     *failure;
  gboolean    done;
  gboolean    ok;
  guint       n_computed;
  guint       n_failed;
  GError     *error;
} Run;

static void
on_ready (SecuenciaPeaksComputer *computer, gint64 asset_id, SecuenciaPeaks *peaks, Run *run)
{
  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_false (run->done);
  g_hash_table_insert (run->ready, g_memdup2 (&asset_id, sizeof asset_id), secuencia_peaks_ref (peaks));
}

static void
on_failed (SecuenciaPeaksComputer *computer, gint64 asset_id, GError *error, Run *run)
{
  g_assert_true (g_thread_self () == run->main_thread);
  g_array_append_val (run->failed, asset_id);
  if (run->failure == NULL)
    run->failure = g_error_copy (error);
}

static void
on_done (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  run->ok = secuencia_peaks_computer_run_finish (SECUENCIA_PEAKS_COMPUTER (object), result,
                                                 &run->n_computed, &run->n_failed, &run->error);
  run->done = TRUE;
}

static void
run_init (Run *run)
{
  memset (run, 0, sizeof *run);
  run->main_thread = g_thread_self ();
  run->ready = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) secuencia_peaks_unref);
  run->failed = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
run_clear (Run *run)
{
  g_hash_table_unref (run->ready);
  g_array_unref (run->failed);
  g_clear_error (&run->failure);
  g_clear_error (&run->error);
}

static void
run_computer (SecuenciaPeaksComputer *computer, GArray *ids, GCancellable *cancellable, Run *run)
{
  gulong ready_id = g_signal_connect (computer, "peaks-ready", G_CALLBACK (on_ready), run);
  gulong failed_id = g_signal_connect (computer, "peaks-failed", G_CALLBACK (on_failed), run);

  secuencia_peaks_computer_run_async (computer, ids, cancellable, on_done, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
  /* Nothing is reported after the run completed. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_signal_handler_disconnect (computer, ready_id);
  g_signal_handler_disconnect (computer, failed_id);
}

/* The worker thread drops its reference to the task (and so to the
 * computer) just after the result was handed over: wait for that. */
static void
assert_finalized_soon (gpointer object)
{
  gpointer weak = object;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (weak);
}

static void
test_worker (Fixture *f, gconstpointer data)
{
  g_autofree char *project_path = g_build_filename (f->dir, "w.secuencia", NULL);
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(SecuenciaPeaksComputer) computer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 ids[4];
  Run run;

  project = secuencia_project_open (project_path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("tone-%u.wav", i);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_assert_true (secuencia_test_audio_write_tone (path, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                      440.0 * (i + 1), 0.2 + 0.1 * i, 0.25 * (i + 1), &error));
      g_assert_no_error (error);
      ids[i] = import (project, path);
    }
  /* The third asset's bytes are no audio any more: it fails, the others go on. */
  sql = g_strdup_printf ("UPDATE assets SET data = zeroblob (size) WHERE id = %" G_GINT64_FORMAT, ids[2]);
  secuencia_test_exec_sql (secuencia_project_get_db (project), sql);

  computer = secuencia_peaks_computer_new (project_path);
  run_init (&run);
  run_computer (computer, NULL, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.n_computed, ==, 3);
  g_assert_cmpuint (run.n_failed, ==, 1);
  g_assert_cmpuint (g_hash_table_size (run.ready), ==, 3);
  g_assert_cmpuint (run.failed->len, ==, 1);
  g_assert_cmpint (g_array_index (run.failed, gint64, 0), ==, ids[2]);
  g_assert_nonnull (strstr (run.failure->message, "tone-2.wav"));

  /* Stored through the worker's connection; this one sees them. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(SecuenciaPeaks) stored = secuencia_project_load_peaks (project, ids[i], &error);
      SecuenciaPeaks *reported = g_hash_table_lookup (run.ready, &ids[i]);

      g_assert_no_error (error);
      if (i == 2)
        {
          g_assert_null (stored);
          continue;
        }
      g_assert_nonnull (stored);
      g_assert_true (secuencia_peaks_equal (stored, reported));
      /* Amplitude 0.25 × (i + 1), within the quantisation of 16-bit WAV. */
      {
        guint n = 0;
        const gint16 *top = secuencia_peaks_get_level (stored, 3600 * SECUENCIA_TIME_SECOND, NULL, &n);

        g_assert_cmpuint (n, ==, 1);
        g_assert_cmpint (ABS (top[1] - (gint) (32767 * 0.25 * (i + 1))), <=, 3);
        g_assert_cmpint (ABS (top[0] + (gint) (32767 * 0.25 * (i + 1))), <=, 3);
      }
    }
  run_clear (&run);

  /* A second run only retries what is still missing. */
  run_init (&run);
  run_computer (computer, NULL, NULL, &run);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.n_computed + run.n_failed, ==, 1);
  g_assert_cmpuint (g_hash_table_size (run.ready), ==, 0);
  run_clear (&run);

  /* Explicit ids, already stored: reported without decoding again. */
  {
    g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_array_append_val (some, ids[3]);
    run_init (&run);
    run_computer (computer, some, NULL, &run);
    g_assert_true (run.ok);
    g_assert_cmpuint (g_hash_table_size (run.ready), ==, 1);
    g_assert_nonnull (g_hash_table_lookup (run.ready, &ids[3]));
    run_clear (&run);
  }

  /* Cancelled: the run fails with CANCELLED and reports nothing. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    secuencia_test_exec_sql (secuencia_project_get_db (project), "DELETE FROM peaks");
    g_cancellable_cancel (cancellable);
    run_init (&run);
    run_computer (computer, NULL, cancellable, &run);
    g_assert_false (run.ok);
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (g_hash_table_size (run.ready), ==, 0);
    g_assert_cmpuint (run.failed->len, ==, 0);
    run_clear (&run);
  }

  /* A project that cannot be opened. */
  {
    g_autofree char *nowhere = g_build_filename (f->dir, "nowhere.secuencia", NULL);
    g_autoptr(SecuenciaPeaksComputer) lost = secuencia_peaks_computer_new (nowhere);

    run_init (&run);
    run_computer (lost, NULL, NULL, &run);
    g_assert_false (run.ok);
    g_assert_error (run.error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND);
    run_clear (&run);
    assert_finalized_soon (g_steal_pointer (&lost));
  }

  assert_finalized_soon (g_steal_pointer (&computer));
  g_assert_finalize_object (g_steal_pointer (&project));
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/peaks-computer/wav-exact", Fixture, NULL, fixture_setup, test_wav_exact, fixture_teardown);
  g_test_add ("/peaks-computer/compressed", Fixture, NULL, fixture_setup, test_compressed, fixture_teardown);
  g_test_add ("/peaks-computer/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/peaks-computer/asset-and-ensure", Fixture, NULL, fixture_setup, test_asset_and_ensure, fixture_teardown);
  g_test_add ("/peaks-computer/worker", Fixture, NULL, fixture_setup, test_worker, fixture_teardown);

  return g_test_run ();
}
