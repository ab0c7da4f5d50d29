/* bench-playback.c: playback of a 40-minute, 500-clip timeline.
 *
 *   bench-playback --make-project PATH   build the bench project: 500
 *       screenplay lines of 4.6–5.4 s (20 distinct tone recordings), so
 *       that the window's Play and Export both lay out ~42 minutes
 *   bench-playback PATH [SEEKS]          measure with SecuenciaPlayer
 *       (autoaudiosink: run it with a sound server, bench-playback.sh
 *       starts a private one):
 *        - time to sound after Play: from secuencia_player_play() to the
 *          pipeline's position moving (the sound server is playing it);
 *        - seek answer while playing: from secuencia_player_seek() to the
 *          position moving on from the new place;
 *        - CPU while playing: this process's user+system time over 10 s
 *          of playing, in % of one core;
 *       and the same for a peer, playbin playing one WAV of the same
 *       audio (a plain player: one decoder, a flushing seek).
 * Never pass/fail; prints numbers and ratios.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "secuencia-player.h"
#include "bench-wav.h"
#include "secuencia-project.h"
#include "secuencia-screenplay-converter.h"

#define N_LINES   500
#define N_ASSETS  20
#define RATE      48000
#define GAP       (250 * SECUENCIA_TIME_MSECOND)

static gint16
tone_sample (guint i, gpointer user_data)
{
  double freq = *(const double *) user_data;
  /* a tone with a slow tremolo, like a voice's syllables */
  double env = 0.5 + 0.5 * sin (2 * G_PI * 3.0 * i / RATE);

  return (gint16) (12000 * env * sin (2 * G_PI * freq * i / RATE));
}

static gboolean
write_wav (const char *path, double freq, double seconds, GError **error)
{
  return bench_write_wav (path, RATE, (guint32) (seconds * RATE), tone_sample, &freq, error);
}

static int
make_project (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SecuenciaProject) project = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-playback-XXXXXX", NULL);
  gint64 assets[N_ASSETS];

  g_unlink (path);
  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  if (project == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  secuencia_project_set_name (project, "Playback Bench", NULL);
  for (guint i = 0; i < N_ASSETS; i++)
    {
      g_autofree char *name = g_strdup_printf ("line-%02u.wav", i);
      g_autofree char *wav = g_build_filename (dir, name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (wav);

      if (!write_wav (wav, 180.0 + 23.0 * i, 4.6 + 0.04 * i, &error) ||
          (assets[i] = secuencia_project_import_audio (project, file, NULL, &error)) <= 0)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_unlink (wav);
    }
  g_rmdir (dir);
  for (guint i = 0; i < N_LINES; i++)
    {
      g_autofree char *text = g_strdup_printf ("Line %u of the bench screenplay.", i + 1);

      if (secuencia_project_append_element (project, i % 2 ? "BEN" : "ANA", text,
                                            assets[(i * 7) % N_ASSETS], &error) <= 0)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  g_print ("made %s: %u lines, %u assets\n", path, N_LINES, N_ASSETS);
  return 0;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void
spin (double ms)
{
  double end = now_ms () + ms;

  while (now_ms () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

typedef struct
{
  double median, max;
} Stat;

static Stat
stat_of (GArray *values)
{
  Stat s = { 0, 0 };

  if (values->len == 0)
    return s;
  qsort (values->data, values->len, sizeof (double), compare_doubles);
  s.median = g_array_index (values, double, values->len / 2);
  s.max = g_array_index (values, double, values->len - 1);
  return s;
}

/* ---- SecuenciaPlayer ---- */

static gboolean player_failed;

static void
on_player_error (SecuenciaPlayer *player, const GError *error, gpointer data)
{
  g_printerr ("player error: %s\n", error->message);
  player_failed = TRUE;
}

/* ms until the position passes @from + 20 ms (the sound is being played). */
static double
wait_moving (SecuenciaPlayer *player, SecuenciaTime from, double t0)
{
  while (!player_failed && now_ms () - t0 < 10000)
    {
      g_main_context_iteration (NULL, FALSE);
      if (secuencia_player_get_position (player) > from + 20 * SECUENCIA_TIME_MSECOND)
        return now_ms () - t0 - 20.0;   /* minus the 20 ms played */
      g_usleep (500);
    }
  return -1;
}

typedef struct
{
  Stat   start, seek;
  double first;    /* the first Play of the process */
  double cpu;
} Result;

static Result
bench_player (const char *path, guint n_seeks, SecuenciaTime *out_duration)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SecuenciaProject) project = NULL;
  g_autoptr (GPtrArray) elements = NULL;
  g_autoptr (SecuenciaTimeline) timeline = NULL;
  g_autoptr (SecuenciaPlayer) player = NULL;
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) seeks = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (42);
  SecuenciaTime duration;
  double t0, c0, w0;
  Result r = { { 0, 0 }, { 0, 0 }, 0, 0 };

  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  elements = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  timeline = secuencia_screenplay_build_timeline (elements, "bench", GAP, NULL, NULL, 1.0, NULL,
                                                  &error);
  g_assert_no_error (error);
  duration = secuencia_timeline_get_duration (timeline);
  *out_duration = duration;
  g_print ("timeline: %u clips, %.1f min\n", secuencia_timeline_get_n_clips (timeline),
           duration / 60e9);

  player = secuencia_player_new ();
  g_signal_connect (player, "error", G_CALLBACK (on_player_error), NULL);
  secuencia_player_set_project (player, project);
  secuencia_player_set_timeline (player, timeline);

  /* time to sound: from a stop at a random place */
  for (guint i = 0; i < n_seeks && !player_failed; i++)
    {
      SecuenciaTime at = (SecuenciaTime) (g_rand_double (rand) * (duration - 30 * SECUENCIA_TIME_SECOND));
      double ms;

      secuencia_player_pause (player);
      secuencia_player_seek (player, at);
      spin (300);
      t0 = now_ms ();
      secuencia_player_play (player);
      ms = wait_moving (player, at, t0);
      if (i == 0)
        r.first = ms;
      else if (ms >= 0)
        g_array_append_val (starts, ms);
      spin (200);
    }
  /* seek answer while playing */
  for (guint i = 0; i < n_seeks && !player_failed; i++)
    {
      SecuenciaTime at = (SecuenciaTime) (g_rand_double (rand) * (duration - 30 * SECUENCIA_TIME_SECOND));
      double ms;

      t0 = now_ms ();
      secuencia_player_seek (player, at);
      ms = wait_moving (player, at, t0);
      if (ms >= 0)
        g_array_append_val (seeks, ms);
      spin (400);
    }
  /* CPU while playing */
  secuencia_player_seek (player, duration / 3);
  spin (1000);
  c0 = cpu_seconds ();
  w0 = now_ms ();
  spin (10000);
  r.cpu = 100.0 * (cpu_seconds () - c0) / ((now_ms () - w0) / 1000.0);
  g_print ("decoders alive at most (last mix): %u\n", secuencia_player_get_peak_decoders (player));
  secuencia_player_pause (player);
  r.start = stat_of (starts);
  r.seek = stat_of (seeks);
  g_rand_free (rand);
  return r;
}

/* ---- the peer: playbin on one WAV ---- */

static double
playbin_wait_moving (GstElement *playbin, gint64 from, double t0)
{
  gint64 pos = 0;

  while (now_ms () - t0 < 10000)
    {
      if (gst_element_query_position (playbin, GST_FORMAT_TIME, &pos) &&
          pos > from + 20 * GST_MSECOND)
        return now_ms () - t0 - 20.0;
      g_usleep (500);
    }
  return -1;
}

static Result
bench_playbin (guint n_seeks, SecuenciaTime duration)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-playbin-XXXXXX", NULL);
  g_autofree char *wav = g_build_filename (dir, "long.wav", NULL);
  g_autofree char *uri = NULL;
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) seeks = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (42);
  GstElement *playbin;
  double seconds = MIN ((double) duration / 1e9, 600.0), t0, c0, w0;
  Result r = { { 0, 0 }, { 0, 0 }, 0, 0 };

  write_wav (wav, 220.0, seconds, NULL);
  uri = g_filename_to_uri (wav, NULL, NULL);
  playbin = gst_element_factory_make ("playbin", NULL);
  g_object_set (playbin, "uri", uri, "video-sink", gst_element_factory_make ("fakesink", NULL), NULL);

  for (guint i = 0; i < n_seeks; i++)
    {
      gint64 at = (gint64) (g_rand_double (rand) * (seconds - 30) * GST_SECOND);
      double ms;

      gst_element_set_state (playbin, GST_STATE_PAUSED);
      gst_element_get_state (playbin, NULL, NULL, GST_CLOCK_TIME_NONE);
      gst_element_seek_simple (playbin, GST_FORMAT_TIME,
                               GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE, at);
      gst_element_get_state (playbin, NULL, NULL, GST_CLOCK_TIME_NONE);
      t0 = now_ms ();
      gst_element_set_state (playbin, GST_STATE_PLAYING);
      ms = playbin_wait_moving (playbin, at, t0);
      if (i == 0)
        r.first = ms;
      else if (ms >= 0)
        g_array_append_val (starts, ms);
      g_usleep (200000);
    }
  for (guint i = 0; i < n_seeks; i++)
    {
      gint64 at = (gint64) (g_rand_double (rand) * (seconds - 30) * GST_SECOND);
      double ms;

      t0 = now_ms ();
      gst_element_seek_simple (playbin, GST_FORMAT_TIME,
                               GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE, at);
      ms = playbin_wait_moving (playbin, at, t0);
      if (ms >= 0)
        g_array_append_val (seeks, ms);
      g_usleep (400000);
    }
  c0 = cpu_seconds ();
  w0 = now_ms ();
  g_usleep (10 * G_USEC_PER_SEC);
  r.cpu = 100.0 * (cpu_seconds () - c0) / ((now_ms () - w0) / 1000.0);
  gst_element_set_state (playbin, GST_STATE_NULL);
  gst_object_unref (playbin);
  g_unlink (wav);
  g_rmdir (dir);
  r.start = stat_of (starts);
  r.seek = stat_of (seeks);
  g_rand_free (rand);
  return r;
}

int
main (int argc, char **argv)
{
  SecuenciaTime duration = 0;
  guint n_seeks;
  Result a, b;

  gst_init (&argc, &argv);
  if (argc == 3 && g_str_equal (argv[1], "--make-project"))
    return make_project (argv[2]);
  if (argc < 2)
    {
      g_printerr ("usage: %s --make-project PATH | %s PATH [SEEKS]\n", argv[0], argv[0]);
      return 2;
    }
  n_seeks = argc > 2 ? (guint) atoi (argv[2]) : 20;

  a = bench_player (argv[1], n_seeks, &duration);
  if (player_failed)
    return 1;
  b = bench_playbin (n_seeks, duration);

  g_print ("\n%-34s %12s %12s %8s\n", "", "Secuencia", "playbin/WAV", "ratio");
  g_print ("%-34s %9.1f ms %9.1f ms %8.2f\n", "time to sound, first Play",
           a.first, b.first, a.first / b.first);
  g_print ("%-34s %9.1f ms %9.1f ms %8.2f\n", "time to sound after Play, median",
           a.start.median, b.start.median, a.start.median / b.start.median);
  g_print ("%-34s %9.1f ms %9.1f ms %8.2f\n", "time to sound after Play, max",
           a.start.max, b.start.max, a.start.max / b.start.max);
  g_print ("%-34s %9.1f ms %9.1f ms %8.2f\n", "seek answer while playing, median",
           a.seek.median, b.seek.median, a.seek.median / b.seek.median);
  g_print ("%-34s %9.1f ms %9.1f ms %8.2f\n", "seek answer while playing, max",
           a.seek.max, b.seek.max, a.seek.max / b.seek.max);
  g_print ("%-34s %10.1f %% %10.1f %% %8.2f\n", "CPU while playing (one core)",
           a.cpu, b.cpu, a.cpu / MAX (b.cpu, 0.01));
  g_print ("(%u plays and %u seeks at random places; playbin plays from a prerolled pipeline;\n"
           " targets: < 150 ms, < 15 %%)\n",
           n_seeks, n_seeks);
  return 0;
}
