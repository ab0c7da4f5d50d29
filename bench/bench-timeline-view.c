/* bench-timeline-view.c: the timeline editor on a big project.
 *
 * Builds a project with 2,000 clips on 3 lanes (waveform peaks for every
 * clip), then measures (1) opening: from opening the file to the first
 * frame of the timeline drawn, and (2) the cost of a frame (layout,
 * snapshot and render, from the frame clock's "before-paint" to "after-paint",
 * as CPU time of the main thread, so a busy machine does not inflate it)
 * while zooming and while scrolling. The same is measured for a 20-clip
 * project, the peer, and the ratios printed.
 *
 * Then (3) opening in the real window: a project of 2,000 lines, each with
 * its own asset and stored waveform, laid out on a timeline, from
 * secuencia_window_open_project() to the first frame with the timeline
 * drawn (the screenplay list, the waveforms read, the view), and on to
 * when the window is settled (the page check that runs in a thread while
 * the project is shown has given its verdict, and the main loop has
 * nothing left to do), against the same for 20 lines.
 *
 * Usage (needs a display; the budget is for the cairo renderer):
 *   GSK_RENDERER=cairo xvfb-run -a build/bench/bench-timeline-view [FRAMES]
 * Not a pass/fail test: it prints numbers. The window's settings are kept
 * in memory (GSETTINGS_BACKEND=memory) and its schema is the build's.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "bench-wav.h"
#include "secuencia-project.h"
#include "secuencia-timeline-view.h"
#include "secuencia-window.h"

#define ASSET_SECONDS 3

static gint16
wobble_sample (guint i, gpointer user_data)
{
  guint seed = GPOINTER_TO_UINT (user_data);

  return (gint16) (12000 * sin (i * 0.05 + seed) * sin (i * 0.0003 + seed * 0.1));
}

static void
write_wav_at (const char *path, guint n_samples, guint rate, guint seed)
{
  bench_write_wav (path, rate, n_samples, wobble_sample, GUINT_TO_POINTER (seed), NULL);
}

static void
write_wav (const char *path, guint n_samples)
{
  write_wav_at (path, n_samples, 48000, 0);
}

/* A project of @n_clips clips of one 3 s asset on 3 lanes, 2 s apart. */
static char *
make_project (const char *dir, guint n_clips, gint64 *asset_out)
{
  g_autofree char *wav = g_build_filename (dir, "tone.wav", NULL);
  g_autofree char *name = g_strdup_printf ("bench-%u.secuencia", n_clips);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(SecuenciaTimeline) timeline = secuencia_timeline_new ("Bench");
  g_autoptr(GError) error = NULL;
  gint64 asset;

  write_wav (wav, 48000 * ASSET_SECONDS);
  file = g_file_new_for_path (wav);
  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  asset = secuencia_project_import_audio (project, file, NULL, &error);
  g_assert_no_error (error);
  secuencia_timeline_register_asset (timeline, asset, ASSET_SECONDS * SECUENCIA_TIME_SECOND);
  for (guint i = 0; i < n_clips; i++)
    {
      /* Three lanes, overlapping as dialogue does. */
      SecuenciaTime offset = (SecuenciaTime) (i / 3) * 2 * SECUENCIA_TIME_SECOND
                             + (i % 3) * 400 * SECUENCIA_TIME_MSECOND;
      g_autoptr(SecuenciaClip) clip = secuencia_clip_new (asset, offset, 0, ASSET_SECONDS * SECUENCIA_TIME_SECOND,
                                                          (int) (i % 3));

      g_free (clip->name);
      clip->name = g_strdup_printf ("LINE %u: Something is moving behind the door", i);
      g_assert_cmpint (secuencia_timeline_insert (timeline, clip, &error), !=, 0);
    }
  g_assert_true (secuencia_project_save_timeline (project, timeline, NULL, NULL, NULL, &error));
  *asset_out = asset;
  return path;
}

static SecuenciaPeaks *
make_peaks_for (SecuenciaTime duration)
{
  guint n = (guint) ((duration + SECUENCIA_PEAKS_BLOCK_DURATION - 1) / SECUENCIA_PEAKS_BLOCK_DURATION);
  g_autofree gint16 *pairs = g_new (gint16, 2 * n);

  for (guint i = 0; i < n; i++)
    {
      gint16 v = (gint16) (30000 * fabs (sin (i * 0.02)));
      pairs[2 * i] = -v;
      pairs[2 * i + 1] = v;
    }
  return secuencia_peaks_new_from_blocks (duration, SECUENCIA_PEAKS_BLOCK_DURATION, pairs, n, NULL);
}

static SecuenciaPeaks *
make_peaks (void)
{
  return make_peaks_for (ASSET_SECONDS * SECUENCIA_TIME_SECOND);
}

/* CPU time of this thread: the machine may be shared, wall time is not
 * the cost of a frame. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

typedef struct
{
  double  frame_start;
  GArray *frames;     /* double ms */
  gboolean painted;
} Clock;

static void
on_update (GdkFrameClock *clock, Clock *c)
{
  c->frame_start = thread_cpu_ms ();
}

static void
on_after_paint (GdkFrameClock *clock, Clock *c)
{
  double ms = thread_cpu_ms () - c->frame_start;

  if (c->frame_start > 0 && c->frames != NULL)
    g_array_append_val (c->frames, ms);
  c->painted = TRUE;
}

static void
wait_paint (Clock *c, GtkWidget *widget)
{
  c->painted = FALSE;
  gtk_widget_queue_draw (widget);
  while (!c->painted)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

typedef struct
{
  double open_ms;
  double open_cpu_ms;
  double zoom_median, zoom_p95, zoom_max;
  double scroll_median, scroll_p95, scroll_max;
} Result;

static void
stats (GArray *frames, double *median, double *p95, double *max)
{
  g_array_sort (frames, compare_doubles);
  *median = g_array_index (frames, double, frames->len / 2);
  *p95 = g_array_index (frames, double, MIN (frames->len - 1, (guint) (frames->len * 0.95)));
  *max = g_array_index (frames, double, frames->len - 1);
}

static void
measure (const char *path, gint64 asset, guint n_frames, Result *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(SecuenciaTimeline) timeline = NULL;
  g_autoptr(SecuenciaPeaks) peaks = make_peaks ();
  g_autoptr(GPtrArray) timelines = NULL;
  GtkWidget *window, *scroller;
  SecuenciaTimelineView *view;
  GdkFrameClock *frame_clock;
  Clock c = { 0 };
  gint64 t0;
  double cpu0;

  t0 = g_get_monotonic_time ();
  cpu0 = thread_cpu_ms ();
  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  timelines = secuencia_project_list_timelines (project, &error);
  timeline = secuencia_project_load_timeline (project, ((SecuenciaTimelineInfo *) timelines->pdata[0])->id, &error);
  g_assert_no_error (error);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 400);
  scroller = gtk_scrolled_window_new ();
  view = secuencia_timeline_view_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  secuencia_timeline_view_set_project (view, project);
  secuencia_timeline_view_set_timeline (view, timeline);
  secuencia_timeline_view_set_peaks (view, asset, peaks);
  gtk_window_present (GTK_WINDOW (window));
  while ((frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (view))) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (frame_clock, "before-paint", G_CALLBACK (on_update), &c);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint), &c);
  while (!c.painted || gtk_widget_get_width (GTK_WIDGET (view)) == 0)
    g_main_context_iteration (NULL, TRUE);
  r->open_ms = (g_get_monotonic_time () - t0) / 1000.0;
  r->open_cpu_ms = thread_cpu_ms () - cpu0;

  /* Zoom in from "fit" towards 20 ms per pixel and back, around the middle. */
  c.frames = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < n_frames; i++)
    {
      double step = i < n_frames / 2 ? 1 / 1.08 : 1.08;
      secuencia_timeline_view_set_ns_per_pixel (view, secuencia_timeline_view_get_ns_per_pixel (view) * step, 600);
      wait_paint (&c, GTK_WIDGET (view));
    }
  stats (c.frames, &r->zoom_median, &r->zoom_p95, &r->zoom_max);
  g_array_set_size (c.frames, 0);

  /* Scroll through at 10 ms per pixel (labels and waveforms on screen). */
  secuencia_timeline_view_set_ns_per_pixel (view, 10.0 * SECUENCIA_TIME_MSECOND, 0);
  for (guint i = 0; i < n_frames; i++)
    {
      GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
      gtk_adjustment_set_value (h, gtk_adjustment_get_value (h) + 97);
      wait_paint (&c, GTK_WIDGET (view));
    }
  stats (c.frames, &r->scroll_median, &r->scroll_p95, &r->scroll_max);
  g_array_unref (c.frames);
  c.frames = NULL;

  g_signal_handlers_disconnect_by_data (frame_clock, &c);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A project of @n_lines lines, each its own asset (a distinct 1.5 s
 * 8 kHz WAV, so that imports are not shared) with its waveform stored,
 * laid out from the screenplay. */
typedef struct
{
  const char *dir;
  guint       n_lines;
} WindowProject;

static gboolean
fill_window_project (SecuenciaProject *project,
                     gpointer          user_data,
                     GError          **error)
{
  WindowProject *w = user_data;

  for (guint i = 0; i < w->n_lines; i++)
    {
      g_autofree char *name = g_strdup_printf ("line-%04u.wav", i);
      g_autofree char *wav = g_build_filename (w->dir, name, NULL);
      g_autofree char *text = g_strdup_printf ("Line %u: something is moving behind the door", i);
      g_autoptr(GFile) file = g_file_new_for_path (wav);
      g_autoptr(SecuenciaAssetInfo) info = NULL;
      g_autoptr(SecuenciaPeaks) peaks = NULL;
      gint64 asset;

      write_wav_at (wav, 12000, 8000, i);
      asset = secuencia_project_import_audio (project, file, NULL, error);
      if (asset == 0)
        return FALSE;
      info = secuencia_project_get_asset (project, asset, error);
      if (info == NULL)
        return FALSE;
      peaks = make_peaks_for (info->duration);
      if (!secuencia_project_save_peaks (project, asset, peaks, error)
          || secuencia_project_append_element (project, i % 2 ? "BEN" : "ANA", text, asset, error) == 0)
        return FALSE;
      g_unlink (wav);
    }
  return TRUE;
}

static char *
make_window_project (const char *dir, guint n_lines)
{
  g_autofree char *name = g_strdup_printf ("window-%u.secuencia", n_lines);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  WindowProject w = { dir, n_lines };

  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (secuencia_project_transaction (project, fill_window_project, &w, &error));
  g_assert_no_error (error);
  g_assert_cmpint (secuencia_project_convert_screenplay (project, "Bench", 250 * SECUENCIA_TIME_MSECOND,
                                                         NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  return path;
}

typedef struct
{
  SecuenciaWindow *window;
  guint            n_clips;
  gboolean         shown;
} WindowWait;

static void
on_window_after_paint (GdkFrameClock *clock, WindowWait *w)
{
  GtkWidget *view = GTK_WIDGET (secuencia_window_get_timeline_view (w->window));

  if (gtk_widget_get_mapped (view) && gtk_widget_get_width (view) > 0
      && secuencia_window_get_n_clips (w->window) == w->n_clips)
    w->shown = TRUE;
}

static void
on_verdict (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (secuencia_project_check_integrity_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* From opening the file to the first frame with its timeline drawn
 * (@wall_ms, @cpu_ms), and on to when the window is settled (@settled_ms,
 * wall): the page check, which runs in a thread while the window is
 * shown, has given its verdict and the main loop has nothing left to do. */
static void
measure_window (const char *path, guint n_clips, double *wall_ms, double *cpu_ms, double *settled_ms)
{
  g_autoptr(GError) error = NULL;
  WindowWait w = { NULL, n_clips, FALSE };
  GdkFrameClock *clock;
  gint64 t0 = g_get_monotonic_time ();
  double cpu0 = thread_cpu_ms ();
  gboolean verdict = FALSE;

  w.window = secuencia_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (w.window), 1280, 800);
  g_assert_true (secuencia_window_open_project (w.window, path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (w.window));
  while ((clock = gtk_widget_get_frame_clock (GTK_WIDGET (w.window))) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_window_after_paint), &w);
  while (!w.shown)
    g_main_context_iteration (NULL, TRUE);
  *wall_ms = (g_get_monotonic_time () - t0) / 1000.0;
  *cpu_ms = thread_cpu_ms () - cpu0;
  secuencia_project_check_integrity_async (secuencia_window_get_project (w.window), NULL, on_verdict, &verdict);
  while (!verdict)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  *settled_ms = (g_get_monotonic_time () - t0) / 1000.0;
  g_signal_handlers_disconnect_by_data (clock, &w);
  gtk_window_destroy (GTK_WINDOW (w.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Storing one edit of a 2,000-clip timeline: the whole timeline again
 * (save_timeline) against the clip that changed (update_clips). */
static void
measure_store (const char *path, double *whole_ms, double *one_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) timelines = secuencia_project_list_timelines (project, &error);
  g_autoptr(SecuenciaTimeline) timeline = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  gint64 id;
  gint64 t0;
  const int runs = 5;

  timeline = secuencia_project_load_timeline (project, ((SecuenciaTimelineInfo *) timelines->pdata[0])->id, &error);
  g_assert_no_error (error);
  clips = secuencia_timeline_get_clips (timeline);
  id = ((SecuenciaClip *) clips->pdata[clips->len / 2])->id;

  t0 = g_get_monotonic_time ();
  for (int i = 0; i < runs; i++)
    {
      secuencia_timeline_move (timeline, id, (SecuenciaTime) i * SECUENCIA_TIME_SECOND, 0, NULL);
      g_assert_true (secuencia_project_save_timeline (project, timeline, NULL, NULL, NULL, &error));
    }
  *whole_ms = (g_get_monotonic_time () - t0) / 1000.0 / runs;
  t0 = g_get_monotonic_time ();
  for (int i = 0; i < runs; i++)
    {
      secuencia_timeline_move (timeline, id, (SecuenciaTime) i * SECUENCIA_TIME_SECOND, 1, NULL);
      g_assert_true (secuencia_project_update_clips (project, timeline, &id, 1, NULL, 0, &error));
    }
  *one_ms = (g_get_monotonic_time () - t0) / 1000.0 / runs;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int argc, char **argv)
{
  guint n_frames = argc > 1 ? (guint) atoi (argv[1]) : 120;
  g_autofree char *exe_dir = g_path_get_dirname (argv[0]);
  g_autofree char *schema_dir = g_build_filename (exe_dir, "..", "data", NULL);

  /* The window's settings: the build's schema, kept in memory. */
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_autofree char *dir = g_dir_make_tmp ("secuencia-bench-XXXXXX", NULL);
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;
  g_autofree char *small_dir = g_build_filename (dir, "small", NULL);
  gint64 big_asset, small_asset;
  Result rb, rs;

  gtk_init ();
  adw_init ();
  g_mkdir (small_dir, 0700);
  big = make_project (dir, 2000, &big_asset);
  small = make_project (small_dir, 20, &small_asset);

  /* Once to warm caches (fonts, shaders), then measured. */
  measure (small, small_asset, 10, &rs);
  measure (big, big_asset, n_frames, &rb);
  measure (small, small_asset, n_frames, &rs);

  g_print ("renderer: %s\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)");
  g_print ("%-22s %12s %12s %8s\n", "", "2,000 clips", "20 clips", "ratio");
  g_print ("(frame and open costs are this thread's CPU time; wall time is also shown for opening)\n");
  g_print ("%-22s %9.1f ms %9.1f ms %8.2f\n", "open, wall", rb.open_ms, rs.open_ms, rb.open_ms / rs.open_ms);
  g_print ("%-22s %9.1f ms %9.1f ms %8.2f\n", "open to first frame", rb.open_cpu_ms, rs.open_cpu_ms, rb.open_cpu_ms / rs.open_cpu_ms);
  g_print ("%-22s %9.2f ms %9.2f ms %8.2f\n", "zoom frame, median", rb.zoom_median, rs.zoom_median, rb.zoom_median / rs.zoom_median);
  g_print ("%-22s %9.2f ms %9.2f ms %8.2f\n", "zoom frame, p95", rb.zoom_p95, rs.zoom_p95, rb.zoom_p95 / rs.zoom_p95);
  g_print ("%-22s %9.2f ms %9.2f ms %8.2f\n", "zoom frame, max", rb.zoom_max, rs.zoom_max, rb.zoom_max / rs.zoom_max);
  g_print ("%-22s %9.2f ms %9.2f ms %8.2f\n", "scroll frame, median", rb.scroll_median, rs.scroll_median, rb.scroll_median / rs.scroll_median);
  g_print ("%-22s %9.2f ms %9.2f ms %8.2f\n", "scroll frame, p95", rb.scroll_p95, rs.scroll_p95, rb.scroll_p95 / rs.scroll_p95);
  g_print ("%-22s %9.2f ms %9.2f ms %8.2f\n", "scroll frame, max", rb.scroll_max, rs.scroll_max, rb.scroll_max / rs.scroll_max);

  {
    double whole, one;

    measure_store (big, &whole, &one);
    g_print ("%-22s %9.2f ms %9.2f ms %8.2f\n", "store one edit", whole, one, whole / one);
    g_print ("%-22s %12s %12s\n", "", "(whole, 2,000)", "(one clip)");
  }

  {
    g_autofree char *window_dir = g_build_filename (dir, "window", NULL);
    g_autofree char *small_window_dir = g_build_filename (dir, "window-small", NULL);
    g_autofree char *big_window = NULL;
    g_autofree char *small_window = NULL;
    double big_wall[3], big_cpu[3], small_wall[3], small_cpu[3], big_settled[3], small_settled[3];

    g_mkdir (window_dir, 0700);
    g_mkdir (small_window_dir, 0700);
    big_window = make_window_project (window_dir, 2000);
    small_window = make_window_project (small_window_dir, 20);
    measure_window (small_window, 20, &small_wall[0], &small_cpu[0], &small_settled[0]);   /* warm-up */
    for (int i = 0; i < 3; i++)
      {
        measure_window (big_window, 2000, &big_wall[i], &big_cpu[i], &big_settled[i]);
        measure_window (small_window, 20, &small_wall[i], &small_cpu[i], &small_settled[i]);
      }
    qsort (big_wall, 3, sizeof (double), compare_doubles);
    qsort (big_cpu, 3, sizeof (double), compare_doubles);
    qsort (small_wall, 3, sizeof (double), compare_doubles);
    qsort (small_cpu, 3, sizeof (double), compare_doubles);
    qsort (big_settled, 3, sizeof (double), compare_doubles);
    qsort (small_settled, 3, sizeof (double), compare_doubles);
    g_print ("%-22s %12s %12s\n", "window, median of 3", "2,000 lines", "20 lines");
    g_print ("%-22s %9.1f ms %9.1f ms %8.2f\n", "open to timeline, wall", big_wall[1], small_wall[1], big_wall[1] / small_wall[1]);
    g_print ("%-22s %9.1f ms %9.1f ms %8.2f\n", "open to timeline, CPU", big_cpu[1], small_cpu[1], big_cpu[1] / small_cpu[1]);
    g_print ("%-22s %9.1f ms %9.1f ms %8.2f\n", "open to settled, wall", big_settled[1], small_settled[1],
             big_settled[1] / small_settled[1]);
    g_print ("(settled: the page check, run in a thread while the window is shown, has\n"
             " given its verdict, and the main loop has nothing left to do)\n");
  }
  remove_tree (dir);
  return 0;
}
