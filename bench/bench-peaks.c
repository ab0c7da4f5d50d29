/* bench-peaks.c: waveform peaks for a project of a few hundred assets.
 *
 * Usage: bench-peaks [N_ASSETS [SECONDS [RUNS]]]   (default 300 3 21)
 *
 * 1. Computing: secuencia_peaks_compute_file() over every file, against a
 *    peer that only decodes the same files (uridecodebin ! fakesink):
 *    the ratio is what summarising costs on top of decoding.
 * 2. Loading at open: secuencia_project_load_all_peaks() (read, validate,
 *    derive the coarser levels) and SecuenciaPeaksLoader's load() (the
 *    window's, reporting each), against a peer that only reads the blobs
 *    with SQLite. Median of RUNS, each on a fresh connection.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <gst/gst.h>
#include <sqlite3.h>

#include "bench-wav.h"
#include "secuencia-project.h"
#include "secuencia-peaks-computer.h"
#include "secuencia-peaks-loader.h"

#define RATE 48000

static gint16
saw_sample (guint i, gpointer user_data)
{
  guint seed = GPOINTER_TO_UINT (user_data);

  /* distinct content (the first 4 bytes: the seed): assets are stored
   * once per content */
  if (i == 0)
    return (gint16) (seed & 0xffff);
  if (i == 1)
    return (gint16) (seed >> 16);
  return (gint16) (((i * (seed + 3)) % 200) * 100 - 10000);
}

static void
write_wav (const char *path, guint n_samples, guint seed)
{
  g_autoptr(GError) error = NULL;

  if (!bench_write_wav (path, RATE, n_samples, saw_sample, GUINT_TO_POINTER (seed), &error))
    g_error ("cannot write %s: %s", path, error->message);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  return g_array_index (values, double, values->len / 2);
}

/* The peer: decode only. */
static void
decode_only (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *description = g_strdup_printf ("uridecodebin uri=\"%s\" ! audioconvert ! "
                                                  "audio/x-raw,format=F32LE ! fakesink sync=false", uri);
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, NULL);
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GstMessage) msg = NULL;

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    g_error ("decoding %s failed", path);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static void
count_ready (SecuenciaPeaksLoader *loader, gint64 asset_id, SecuenciaPeaks *peaks, guint *n)
{
  (*n)++;
}

int
main (int argc, char **argv)
{
  guint n_assets = argc > 1 ? (guint) atoi (argv[1]) : 300;
  double seconds = argc > 2 ? g_ascii_strtod (argv[2], NULL) : 3.0;
  guint runs = argc > 3 ? (guint) atoi (argv[3]) : 21;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) wavs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) t_all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_loader = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_raw = g_array_new (FALSE, FALSE, sizeof (double));
  SecuenciaProject *project;
  double t0, compute_ms, store_ms, decode_ms;
  gsize total_bytes = 0;

  gst_init (&argc, &argv);
  if (n_assets == 0 || seconds <= 0 || runs == 0)
    {
      g_printerr ("usage: bench-peaks [N_ASSETS [SECONDS [RUNS]]]\n");
      return 2;
    }
  dir = g_dir_make_tmp ("bench-peaks-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.secuencia", NULL);
  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  g_print ("# %u assets of %.1f s (48 kHz mono WAV)\n", n_assets, seconds);
  for (guint i = 0; i < n_assets; i++)
    {
      g_autofree char *name = g_strdup_printf ("line-%04u.wav", i);
      char *wav = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (wav);
      gint64 id;

      write_wav (wav, (guint) (seconds * RATE), i);
      id = secuencia_project_import_audio (project, file, NULL, &error);
      g_assert_no_error (error);
      g_array_append_val (ids, id);
      g_ptr_array_add (wavs, wav);
    }

  /* 1. computing */
  t0 = now_ms ();
  for (guint i = 0; i < n_assets; i++)
    decode_only (g_ptr_array_index (wavs, i));
  decode_ms = now_ms () - t0;
  compute_ms = store_ms = 0;
  for (guint i = 0; i < n_assets; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (wavs, i));
      g_autoptr(SecuenciaPeaks) peaks = NULL;
      g_autoptr(GBytes) bytes = NULL;

      t0 = now_ms ();
      peaks = secuencia_peaks_compute_file (file, NULL, &error);
      compute_ms += now_ms () - t0;
      g_assert_no_error (error);
      t0 = now_ms ();
      g_assert_true (secuencia_project_save_peaks (project, g_array_index (ids, gint64, i), peaks, &error));
      store_ms += now_ms () - t0;
      bytes = secuencia_peaks_serialize (peaks);
      total_bytes += g_bytes_get_size (bytes);
    }
  g_print ("compute: %.1f ms per asset (%.0fx real time); decode only (peer): %.1f ms per asset; ratio %.2f\n",
           compute_ms / n_assets, seconds * 1000.0 * n_assets / compute_ms,
           decode_ms / n_assets, compute_ms / decode_ms);
  g_print ("store: %.2f ms per asset (one transaction each)\n", store_ms / n_assets);
  g_print ("stored peaks: %.1f KiB in all, %.1f KiB per asset\n",
           total_bytes / 1024.0, total_bytes / 1024.0 / n_assets);
  g_object_unref (project);

  /* 2. loading at open */
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(SecuenciaProject) p = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
      g_autoptr(SecuenciaProject) q = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
      g_autoptr(GHashTable) all = NULL;
      g_autoptr(SecuenciaPeaksLoader) loader = NULL;
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;
      gsize raw = 0;
      guint n_ready = 0;
      double t;

      g_assert_no_error (error);
      t = now_ms ();
      all = secuencia_project_load_all_peaks (p, NULL, &error);
      g_array_append_val (t_all, (double) { now_ms () - t });
      g_assert_no_error (error);
      g_assert_cmpuint (g_hash_table_size (all), ==, n_assets);

      loader = secuencia_peaks_loader_new (q);
      g_signal_connect (loader, "peaks-ready", G_CALLBACK (count_ready), &n_ready);
      t = now_ms ();
      g_assert_true (secuencia_peaks_loader_load (loader, &error));
      g_array_append_val (t_loader, (double) { now_ms () - t });
      g_assert_cmpuint (n_ready, ==, n_assets);
      g_assert_false (secuencia_peaks_loader_is_busy (loader));

      t = now_ms ();
      g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      sqlite3_prepare_v2 (db, "SELECT asset_id, data FROM peaks ORDER BY asset_id", -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        raw += sqlite3_column_bytes (stmt, 1);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      g_array_append_val (t_raw, (double) { now_ms () - t });
      g_assert_cmpuint (raw, ==, total_bytes);
    }
  g_print ("load at open (median of %u): load_all_peaks %.2f ms, window loader %.2f ms; "
           "raw SQLite read (peer, incl. open) %.2f ms; ratio %.2f\n",
           runs, median (t_all), median (t_loader), median (t_raw), median (t_loader) / median (t_raw));

  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  for (guint i = 0; i < wavs->len; i++)
    g_unlink (g_ptr_array_index (wavs, i));
  g_rmdir (dir);
  return 0;
}
