/* test-project-peaks.c: storing waveform peaks in the project file. */
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "secuencia-project-private.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"

typedef struct
{
  char             *dir;
  char             *path;
  SecuenciaProject *project;
  gint64            assets[3];
} Fixture;

static gint64
import_tone (Fixture *f, double frequency, double seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("tone-%g.wav", frequency);
  g_autofree char *wav = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (wav);
  gint64 id;

  g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                  frequency, seconds, 0.5, &error));
  g_assert_no_error (error);
  id = secuencia_project_import_audio (f->project, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("secuencia-peaks-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "peaks.secuencia", NULL);
  f->project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->assets[0] = import_tone (f, 440, 0.5);
  f->assets[1] = import_tone (f, 880, 0.25);
  f->assets[2] = import_tone (f, 220, 0.1);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->project);
  secuencia_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Peaks of @n_blocks blocks of 5 ms whose block i is (-i, i + @bias). */
static SecuenciaPeaks *
ramp_peaks (guint n_blocks, gint16 bias)
{
  g_autofree gint16 *pairs = g_new (gint16, 2 * MAX (n_blocks, 1));
  g_autoptr(GError) error = NULL;
  SecuenciaPeaks *peaks;

  for (guint i = 0; i < n_blocks; i++)
    {
      pairs[2 * i] = (gint16) -i;
      pairs[2 * i + 1] = (gint16) (i + bias);
    }
  peaks = secuencia_peaks_new_from_blocks (n_blocks * SECUENCIA_PEAKS_BLOCK_DURATION,
                                           SECUENCIA_PEAKS_BLOCK_DURATION, pairs, n_blocks, &error);
  g_assert_no_error (error);
  return peaks;
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaPeaks) none = NULL;
  g_autoptr(SecuenciaPeaks) first = ramp_peaks (100, 1);
  g_autoptr(SecuenciaPeaks) second = ramp_peaks (50, 7);
  g_autoptr(GArray) missing = NULL;

  /* Nothing stored yet: NULL without an error. */
  none = secuencia_project_load_peaks (f->project, f->assets[0], &error);
  g_assert_no_error (error);
  g_assert_null (none);
  missing = secuencia_project_list_assets_without_peaks (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 3);
  g_clear_pointer (&missing, g_array_unref);

  g_assert_true (secuencia_project_save_peaks (f->project, f->assets[1], first, &error));
  g_assert_no_error (error);
  missing = secuencia_project_list_assets_without_peaks (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 2);
  g_assert_cmpint (g_array_index (missing, gint64, 0), ==, f->assets[0]);
  g_assert_cmpint (g_array_index (missing, gint64, 1), ==, f->assets[2]);

  /* Survives closing and reopening the file. */
  g_assert_finalize_object (f->project);
  f->project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  {
    g_autoptr(SecuenciaPeaks) back = secuencia_project_load_peaks (f->project, f->assets[1], &error);

    g_assert_no_error (error);
    g_assert_nonnull (back);
    g_assert_true (secuencia_peaks_equal (back, first));
  }

  /* Saving again replaces. */
  g_assert_true (secuencia_project_save_peaks (f->project, f->assets[1], second, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SecuenciaPeaks) back = secuencia_project_load_peaks (f->project, f->assets[1], &error);

    g_assert_no_error (error);
    g_assert_true (secuencia_peaks_equal (back, second));
    g_assert_false (secuencia_peaks_equal (back, first));
  }

  /* An asset that is not in the project. */
  g_assert_false (secuencia_project_save_peaks (f->project, 9999, first, &error));
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "9999"));
}

static void
test_load_all (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(GArray) damaged = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(SecuenciaPeaks) a = ramp_peaks (10, 1);
  g_autoptr(SecuenciaPeaks) b = ramp_peaks (20, 2);
  g_autoptr(SecuenciaPeaks) c = ramp_peaks (30, 3);
  g_autoptr(SecuenciaPeaks) broken = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db;

  all = secuencia_project_load_all_peaks (f->project, damaged, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (all), ==, 0);
  g_clear_pointer (&all, g_hash_table_unref);

  g_assert_true (secuencia_project_save_peaks (f->project, f->assets[0], a, &error));
  g_assert_true (secuencia_project_save_peaks (f->project, f->assets[1], b, &error));
  g_assert_true (secuencia_project_save_peaks (f->project, f->assets[2], c, &error));
  g_assert_no_error (error);

  /* Damage the second record behind the store's back: its last block's
   * minimum above its maximum. */
  db = secuencia_test_open_db (f->path);
  sql = g_strdup_printf ("UPDATE peaks SET data = substr (data, 1, length (data) - 4) || x'ff7f0000'"
                         " WHERE asset_id = %" G_GINT64_FORMAT, f->assets[1]);
  secuencia_test_exec_sql (db, sql);
  sqlite3_close (db);

  all = secuencia_project_load_all_peaks (f->project, damaged, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (all), ==, 2);
  g_assert_true (secuencia_peaks_equal (g_hash_table_lookup (all, &f->assets[0]), a));
  g_assert_null (g_hash_table_lookup (all, &f->assets[1]));
  g_assert_true (secuencia_peaks_equal (g_hash_table_lookup (all, &f->assets[2]), c));
  g_assert_cmpuint (damaged->len, ==, 1);
  g_assert_cmpint (g_array_index (damaged, gint64, 0), ==, f->assets[1]);

  /* Loading it alone is a clear error naming the asset and the file. */
  broken = secuencia_project_load_peaks (f->project, f->assets[1], &error);
  g_assert_null (broken);
  g_assert_error (error, SECUENCIA_PEAKS_ERROR, SECUENCIA_PEAKS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "peaks.secuencia"));
  g_clear_error (&error);

  /* Saving fresh peaks repairs it. */
  g_assert_true (secuencia_project_save_peaks (f->project, f->assets[1], b, &error));
  broken = secuencia_project_load_peaks (f->project, f->assets[1], &error);
  g_assert_no_error (error);
  g_assert_true (secuencia_peaks_equal (broken, b));

  /* A blob that is not peaks at all. */
  db = secuencia_test_open_db (f->path);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE peaks SET data = x'00' WHERE asset_id = %" G_GINT64_FORMAT,
                         f->assets[2]);
  secuencia_test_exec_sql (db, sql);
  sqlite3_close (db);
  g_assert_null (secuencia_project_load_peaks (f->project, f->assets[2], &error));
  g_assert_error (error, SECUENCIA_PEAKS_ERROR, SECUENCIA_PEAKS_ERROR_INVALID);
}

/* A file written before peaks existed (schema 1) is upgraded on open; a
 * read-only connection refuses to store. */
static void
test_upgrade_and_read_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_path = g_build_filename (f->dir, "old.secuencia", NULL);
  g_autoptr(SecuenciaProject) old = NULL;
  g_autoptr(SecuenciaProject) reader = NULL;
  g_autoptr(SecuenciaPeaks) peaks = ramp_peaks (4, 0);
  g_autoptr(SecuenciaPeaks) none = NULL;
  g_autoptr(GFile) wav = NULL;
  g_autofree char *wav_path = g_build_filename (f->dir, "tone-440.wav", NULL);
  gint64 id;

  old = secuencia_project_open_with_migrations (old_path, SECUENCIA_PROJECT_OPEN_CREATE,
                                                secuencia_project_migrations, 1, &error);
  g_assert_no_error (error);
  wav = g_file_new_for_path (wav_path);
  id = secuencia_project_import_audio (old, wav, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&old));

  old = secuencia_project_open (old_path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  none = secuencia_project_load_peaks (old, id, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_true (secuencia_project_save_peaks (old, id, peaks, &error));
  g_assert_no_error (error);

  reader = secuencia_project_open (old_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (secuencia_project_save_peaks (reader, id, peaks, &error));
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  {
    g_autoptr(SecuenciaPeaks) back = secuencia_project_load_peaks (reader, id, &error);

    g_assert_no_error (error);
    g_assert_true (secuencia_peaks_equal (back, peaks));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/project-peaks/round-trip", Fixture, NULL, fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/project-peaks/load-all", Fixture, NULL, fixture_setup, test_load_all, fixture_teardown);
  g_test_add ("/project-peaks/upgrade-and-read-only", Fixture, NULL, fixture_setup,
              test_upgrade_and_read_only, fixture_teardown);

  return g_test_run ();
}
