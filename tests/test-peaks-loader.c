/* test-peaks-loader.c: an open project's waveforms: stored ones reported at
 * once, missing and damaged ones decoded in the background, new assets
 * picked up, cancellation. */
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <gst/gst.h>

#include "secuencia-peaks-loader.h"
#include "secuencia-peaks-computer.h"
#include "secuencia-project-private.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"

typedef struct
{
  char             *dir;
  char             *path;
  SecuenciaProject *project;
  GThread          *main_thread;
  GArray           *ready;    /* gint64 asset ids, in report order */
  GArray           *failed;
  GHashTable       *peaks;    /* gint64* -> SecuenciaPeaks* as reported */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("secuencia-peaks-loader-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "l.secuencia", NULL);
  f->project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->main_thread = g_thread_self ();
  f->ready = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->failed = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->peaks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) secuencia_peaks_unref);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (f->project);
  g_array_unref (f->ready);
  g_array_unref (f->failed);
  g_hash_table_unref (f->peaks);
  secuencia_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
write_tone (Fixture *f, guint index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("line-%u.wav", index);
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (secuencia_test_audio_write_tone (path, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                  300.0 + 50 * index, 0.2 + 0.05 * index, 0.1 * (index + 1),
                                                  &error));
  g_assert_no_error (error);
  return path;
}

static gint64
import (Fixture *f, guint index, gboolean with_peaks)
{
  g_autofree char *path = write_tone (f, index);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 id = secuencia_project_import_audio (f->project, file, NULL, &error);

  g_assert_no_error (error);
  if (with_peaks)
    {
      g_autoptr(SecuenciaPeaks) peaks = secuencia_peaks_ensure (f->project, id, file, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (peaks);
    }
  return id;
}

static SecuenciaPeaks *
expected_peaks (Fixture *f, guint index)
{
  g_autofree char *name = g_strdup_printf ("line-%u.wav", index);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SecuenciaPeaks *peaks = secuencia_peaks_compute_file (file, NULL, &error);

  g_assert_no_error (error);
  return peaks;
}

static void
on_ready (SecuenciaPeaksLoader *loader, gint64 asset_id, SecuenciaPeaks *peaks, Fixture *f)
{
  g_assert_true (g_thread_self () == f->main_thread);
  g_assert_true (secuencia_peaks_loader_lookup (loader, asset_id) == peaks);
  g_array_append_val (f->ready, asset_id);
  g_hash_table_replace (f->peaks, g_memdup2 (&asset_id, sizeof asset_id), secuencia_peaks_ref (peaks));
}

static void
on_failed (SecuenciaPeaksLoader *loader, gint64 asset_id, GError *error, Fixture *f)
{
  g_assert_true (g_thread_self () == f->main_thread);
  g_assert_nonnull (error);
  g_array_append_val (f->failed, asset_id);
}

static SecuenciaPeaksLoader *
new_loader (Fixture *f)
{
  SecuenciaPeaksLoader *loader = secuencia_peaks_loader_new (f->project);

  g_signal_connect (loader, "peaks-ready", G_CALLBACK (on_ready), f);
  g_signal_connect (loader, "peaks-failed", G_CALLBACK (on_failed), f);
  return loader;
}

static void
wait_idle (SecuenciaPeaksLoader *loader)
{
  while (secuencia_peaks_loader_is_busy (loader))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The worker thread drops its last reference just after handing over. */
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

static gboolean
contains (GArray *ids, gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
on_busy (GObject *object, GParamSpec *pspec, guint *n_notifies)
{
  (*n_notifies)++;
}

static void
test_load (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaPeaksLoader) loader = NULL;
  g_autoptr(SecuenciaProject) other = NULL;
  gint64 ids[5];
  gint64 version_before = 0, version_after = -1;
  guint n_notifies = 0;

  ids[0] = import (f, 0, TRUE);
  ids[1] = import (f, 1, FALSE);
  ids[2] = import (f, 2, TRUE);
  ids[3] = import (f, 3, TRUE);
  ids[4] = import (f, 4, FALSE);
  /* The fourth's record is damaged; the fifth's audio is not audio. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE peaks SET data = x'00' WHERE asset_id = %" G_GINT64_FORMAT
                                            "; UPDATE assets SET data = zeroblob (size) WHERE id = %" G_GINT64_FORMAT,
                                            ids[3], ids[4]);

    secuencia_test_exec_sql (secuencia_project_get_db (f->project), sql);
  }

  g_assert_true (secuencia_project_get_data_version (f->project, &version_before, &error));
  loader = new_loader (f);
  g_signal_connect (loader, "notify::busy", G_CALLBACK (on_busy), &n_notifies);
  g_assert_true (secuencia_peaks_loader_load (loader, &error));
  g_assert_no_error (error);

  /* The stored ones before load() returns, in asset order. */
  g_assert_cmpuint (f->ready->len, ==, 2);
  g_assert_cmpint (g_array_index (f->ready, gint64, 0), ==, ids[0]);
  g_assert_cmpint (g_array_index (f->ready, gint64, 1), ==, ids[2]);
  g_assert_true (secuencia_peaks_loader_is_busy (loader));
  g_assert_cmpuint (n_notifies, ==, 1);

  wait_idle (loader);
  g_assert_false (secuencia_peaks_loader_is_busy (loader));
  g_assert_cmpuint (n_notifies, ==, 2);
  g_assert_cmpuint (f->ready->len, ==, 4);
  g_assert_true (contains (f->ready, ids[1]));
  g_assert_true (contains (f->ready, ids[3]));
  g_assert_cmpuint (f->failed->len, ==, 1);
  g_assert_cmpint (g_array_index (f->failed, gint64, 0), ==, ids[4]);
  g_assert_null (secuencia_peaks_loader_lookup (loader, ids[4]));
  g_assert_cmpuint (g_hash_table_size (secuencia_peaks_loader_get_all (loader)), ==, 4);
  /* Stored through this connection, not the worker's: for this
   * connection, no other one committed (the window reloads when one does). */
  g_assert_true (secuencia_project_get_data_version (f->project, &version_after, &error));
  g_assert_cmpint (version_before, ==, version_after);

  /* What was reported is each file's own waveform, and it is stored now. */
  other = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(SecuenciaPeaks) expected = expected_peaks (f, i);
      g_autoptr(SecuenciaPeaks) stored = secuencia_project_load_peaks (other, ids[i], &error);

      g_assert_no_error (error);
      g_assert_true (secuencia_peaks_equal (g_hash_table_lookup (f->peaks, &ids[i]), expected));
      g_assert_true (secuencia_peaks_equal (stored, expected));
    }

  /* refresh() picks up new assets: stored at once, missing in the
   * background; known ones are not reported again. */
  {
    gint64 stored_id = import (f, 5, TRUE);
    gint64 missing_id = import (f, 6, FALSE);

    g_array_set_size (f->ready, 0);
    g_array_set_size (f->failed, 0);
    g_assert_true (secuencia_peaks_loader_refresh (loader, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (f->ready->len, ==, 1);
    g_assert_cmpint (g_array_index (f->ready, gint64, 0), ==, stored_id);
    wait_idle (loader);
    g_assert_cmpuint (f->ready->len, ==, 2);
    g_assert_cmpint (g_array_index (f->ready, gint64, 1), ==, missing_id);
    /* The undecodable one is tried again on refresh, and fails again. */
    g_assert_cmpuint (f->failed->len, ==, 1);
  }

  g_signal_handlers_disconnect_by_data (loader, f);
  g_signal_handlers_disconnect_by_data (loader, &n_notifies);
  assert_finalized_soon (g_steal_pointer (&loader));
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaPeaksLoader) loader = NULL;

  for (guint i = 0; i < 6; i++)
    import (f, i, FALSE);

  loader = new_loader (f);
  g_assert_true (secuencia_peaks_loader_load (loader, &error));
  g_assert_cmpuint (f->ready->len, ==, 0);
  secuencia_peaks_loader_cancel (loader);
  wait_idle (loader);
  /* Nothing is reported after cancel(), and a later refresh starts nothing. */
  g_assert_cmpuint (f->ready->len, ==, 0);
  g_assert_cmpuint (f->failed->len, ==, 0);
  g_assert_true (secuencia_peaks_loader_refresh (loader, &error));
  g_assert_false (secuencia_peaks_loader_is_busy (loader));

  g_signal_handlers_disconnect_by_data (loader, f);
  assert_finalized_soon (g_steal_pointer (&loader));
}

/* A loader dropped while it decodes stops its worker and goes away. */
static void
test_dispose_while_busy (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SecuenciaPeaksLoader *loader;

  for (guint i = 0; i < 4; i++)
    import (f, i, FALSE);
  loader = new_loader (f);
  g_assert_true (secuencia_peaks_loader_load (loader, &error));
  g_assert_true (secuencia_peaks_loader_is_busy (loader));
  g_object_run_dispose (G_OBJECT (loader));
  assert_finalized_soon (loader);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->ready->len, ==, 0);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/peaks-loader/load", Fixture, NULL, fixture_setup, test_load, fixture_teardown);
  g_test_add ("/peaks-loader/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/peaks-loader/dispose-while-busy", Fixture, NULL, fixture_setup,
              test_dispose_while_busy, fixture_teardown);

  return g_test_run ();
}
