/* bench-converter.c: time secuencia_project_convert_screenplay on a 1,000-line
 * screenplay, including the SQLite insert of the timeline and its clips.
 *
 * Usage: bench-converter [RUNS]   (default 21)
 * Prints every run, the median in ms and its ratio to a 16 ms frame.
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "bench-wav.h"
#include "secuencia-project.h"
#include "secuencia-screenplay-converter.h"

#define N_LINES  1000
#define N_ASSETS 25
#define FRAME_MS 16.0

static gint16
saw_sample (guint i, gpointer user_data)
{
  guint seed = GPOINTER_TO_UINT (user_data);

  return (gint16) (((i * (seed + 3)) % 200) * 100 - 10000);
}

/* A small 16-bit mono WAV of @n_samples at 48 kHz (a distinct tone each). */
static void
write_wav (const char *path, guint n_samples, guint seed)
{
  g_autoptr(GError) error = NULL;

  if (!bench_write_wav (path, 48000, n_samples, saw_sample, GUINT_TO_POINTER (seed), &error))
    g_error ("cannot write %s: %s", path, error->message);
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static gboolean
populate (SecuenciaProject *project, gpointer user_data, GError **error)
{
  const gint64 *assets = user_data;

  for (int i = 0; i < N_LINES; i++)
    {
      g_autofree char *text = g_strdup_printf ("Line %d: something the character says, reasonably long.", i + 1);
      if (secuencia_project_append_element (project, i % 2 ? "ANA" : "LUIS", text,
                                            assets[i % N_ASSETS], error) == 0)
        return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("secuencia-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 assets[N_ASSETS];
  int runs = argc > 1 ? atoi (argv[1]) : 21;
  double median, cpu_median;

  if (dir == NULL)
    g_error ("%s", error->message);
  runs = CLAMP (runs, 1, 1000);
  path = g_build_filename (dir, "bench.secuencia", NULL);
  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  if (project == NULL)
    g_error ("%s", error->message);

  g_print ("Preparing a %d-line screenplay with %d assets…\n", N_LINES, N_ASSETS);
  for (int i = 0; i < N_ASSETS; i++)
    {
      g_autofree char *name = g_strdup_printf ("line%02d.wav", i);
      g_autofree char *wav = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (wav);

      write_wav (wav, 24000 + 4800 * i, i);   /* 0.5 s … 2.9 s */
      assets[i] = secuencia_project_import_audio (project, file, NULL, &error);
      if (assets[i] == 0)
        g_error ("%s", error->message);
      g_unlink (wav);
    }
  if (!secuencia_project_transaction (project, populate, assets, &error))
    g_error ("%s", error->message);

  for (int run = 0; run < runs; run++)
    {
      g_autofree char *name = g_strdup_printf ("Run %d", run + 1);
      double cpu_start = thread_cpu_ms ();
      gint64 start = g_get_monotonic_time ();
      gint64 id = secuencia_project_convert_screenplay (project, name, 250 * SECUENCIA_TIME_MSECOND,
                                                NULL, NULL, NULL, &error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;
      double cpu_ms = thread_cpu_ms () - cpu_start;

      if (id == 0)
        g_error ("%s", error->message);
      g_array_append_val (times, ms);
      g_array_append_val (cpu_times, cpu_ms);
      g_print ("run %2d: %.3f ms wall, %.3f ms CPU (timeline %" G_GINT64_FORMAT ")\n",
               run + 1, ms, cpu_ms, id);
    }

  g_array_sort (times, compare_doubles);
  median = g_array_index (times, double, times->len / 2);
  g_array_sort (cpu_times, compare_doubles);
  cpu_median = g_array_index (cpu_times, double, cpu_times->len / 2);
  g_print ("secuencia_screenplay_convert, %d lines incl. SQLite insert: median %.3f ms over %d runs "
           "(min %.3f, max %.3f) = %.3f of a %.0f ms frame\n",
           N_LINES, median, runs, g_array_index (times, double, 0),
           g_array_index (times, double, times->len - 1), median / FRAME_MS, FRAME_MS);
  g_print ("CPU time of the calling thread: median %.3f ms = %.3f of a frame\n",
           cpu_median, cpu_median / FRAME_MS);

  g_clear_object (&project);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return 0;
}
