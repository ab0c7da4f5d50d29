/* test-responsiveness.c: the main loop never stalls during an export run
 * from the window. A G_PRIORITY_HIGH 5 ms timeout on the main context
 * records the largest gap between its ticks from the moment win.export is
 * activated (phase 1, the timeline built on the main context, included)
 * until the window reports the export finished, for a 200-clip timeline
 * and for a 1,000-line screenplay. The bound asserted is 100 ms (CI); the
 * real figures are printed in the test log ("# RESULT ...", goal: under
 * 16 ms, one frame).
 *
 * On a machine shared with other work the main thread also waits for a
 * CPU through no fault of its own: the kernel counts that time (run delay,
 * /proc/thread-self/schedstat) and it is taken out of each gap before the
 * bound is checked. What remains is time the main thread ran or was
 * blocked (on a lock, on I/O): the stalls the window's code causes. The
 * wall-clock gap is printed beside it. */

#define _GNU_SOURCE 1
#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-window.h"

#define TICK_MS        5
#define MAX_GAP_US     (100 * 1000)

static gint64
thread_cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return (gint64) usage.ru_utime.tv_sec * G_USEC_PER_SEC + usage.ru_utime.tv_usec +
         (gint64) usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
}

/* Time this thread has spent runnable but waiting for a CPU, in µs; 0 when
 * the kernel does not say. */
static gint64
thread_run_delay_us (void)
{
  g_autofree char *contents = NULL;
  guint64 on_cpu, waiting;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &contents, NULL, NULL) ||
      sscanf (contents, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &on_cpu, &waiting) != 2)
    return 0;
  return (gint64) (waiting / 1000);
}

typedef struct
{
  gint64  last_cpu;
  gint64  last;
  gint64  last_delay;
  gint64  max_gap;    /* wall clock */
  gint64  max_stall;  /* wall clock less the time spent waiting for a CPU */
  guint   ticks;
} Ticker;

/* RESP_DEBUG=1 prints every gap over 30 ms with the main thread's CPU time
 * in it (busy main thread vs. a starved one on a loaded machine). */
static gboolean
tick (gpointer user_data)
{
  Ticker *t = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 delay = thread_run_delay_us ();

  if (t->last != 0)
    {
      t->max_gap = MAX (t->max_gap, now - t->last);
      t->max_stall = MAX (t->max_stall, now - t->last - (delay - t->last_delay));
    }
  if (g_getenv ("RESP_DEBUG"))
    {
      gint64 cpu = thread_cpu_us ();

      if (t->last != 0 && now - t->last > 30000)
        g_printerr ("gap %.1f ms (main thread busy %.1f ms, waiting for a CPU %.1f ms) at %.3f s\n",
                    (now - t->last) / 1000.0, (cpu - t->last_cpu) / 1000.0,
                    (delay - t->last_delay) / 1000.0, now / 1e6);
      t->last_cpu = cpu;
    }
  t->last_delay = delay;
  t->last = now;
  t->ticks++;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  gboolean finished;
  gboolean success;
  gboolean cancel_at_fraction;
  double   fraction;
  SecuenciaWindow *window;
} Run;

static gboolean
have_aac_encoder (void)
{
  g_autoptr(GstElementFactory) a = gst_element_factory_find ("avenc_aac");
  g_autoptr(GstElementFactory) b = gst_element_factory_find ("voaacenc");

  return a != NULL || b != NULL;
}

static void
on_finished (SecuenciaWindow *window,
             gboolean         success,
             Run             *run)
{
  run->finished = TRUE;
  run->success = success;
}

typedef struct
{
  GPtrArray *assets;
  guint      n_lines;
} Lines;

static gboolean
append_lines (SecuenciaProject *project,
              gpointer          user_data,
              GError          **error)
{
  Lines *lines = user_data;

  for (guint i = 0; i < lines->n_lines; i++)
    {
      g_autofree char *text = g_strdup_printf ("Line %u of the long screenplay", i);
      gint64 asset = *(gint64 *) g_ptr_array_index (lines->assets, i % lines->assets->len);

      if (secuencia_project_append_element (project, i % 2 ? "Ben" : "Ana", text, asset, error) <= 0)
        return FALSE;
    }
  return TRUE;
}

/* A project of @n_lines lines using @n_assets distinct tones of @seconds. */
static char *
make_project (const char *dir,
              guint       n_assets,
              guint       n_lines,
              double      seconds)
{
  g_autofree char *path = g_build_filename (dir, "project.secuencia", NULL);
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func (g_free);
  Lines lines;

  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_assets; i++)
    {
      g_autofree char *name = g_strdup_printf ("clip-%03u.wav", i);
      g_autofree char *wav = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (wav);
      gint64 id;

      g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                      200.0 + 3.0 * i, seconds, 0.2, &error));
      g_assert_no_error (error);
      id = secuencia_project_import_audio (project, file, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (assets, g_memdup2 (&id, sizeof id));
      g_unlink (wav);
    }
  lines.assets = assets;
  lines.n_lines = n_lines;
  g_assert_true (secuencia_project_transaction (project, append_lines, &lines, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
on_progress_fraction (GObject    *progress,
                      GParamSpec *pspec,
                      Run        *run)
{
  double fraction;

  g_object_get (progress, "fraction", &fraction, NULL);
  run->fraction = fraction;
  if (run->cancel_at_fraction && fraction >= 0.25)
    {
      run->cancel_at_fraction = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (run->window), "win.cancel-export", NULL);
    }
}

static void
on_panel_progress (GObject    *panel,
                   GParamSpec *pspec,
                   Run        *run)
{
  GObject *progress = NULL;

  g_object_get (panel, "progress", &progress, NULL);
  if (progress != NULL)
    {
      g_signal_connect (progress, "notify::fraction", G_CALLBACK (on_progress_fraction), run);
      g_object_unref (progress);
    }
}

static void
measure_export (guint       n_assets,
                guint       n_lines,
                double      seconds,
                gboolean    cancel_early,
                const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("secuencia-resp-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GFile) destination = NULL;
  SecuenciaWindow *window;
  Ticker ticker = { 0 };
  Run run = { 0 };
  GSource *source;
  gint64 start, phase1_end, phase1_delay, phase1_stall;

  if (!have_aac_encoder ())
    {
      g_test_skip ("no AAC encoder installed");
      return;
    }

  path = make_project (dir, n_assets, n_lines, seconds);
  out = g_build_filename (dir, "out.m4a", NULL);
  destination = g_file_new_for_path (out);

  window = g_object_ref (secuencia_window_new (NULL));
  g_assert_true (secuencia_window_open_project (window, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (secuencia_window_get_n_elements (window), ==, n_lines);
  if (!g_getenv ("RESP_HIDDEN"))
    {
      gtk_window_present (GTK_WINDOW (window));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;

  run.window = window;
  run.cancel_at_fraction = cancel_early;
  g_signal_connect (window, "export-finished", G_CALLBACK (on_finished), &run);
  g_signal_connect (secuencia_window_get_export_panel (window), "notify::progress",
                    G_CALLBACK (on_panel_progress), &run);
  secuencia_window_set_export_destination_override (window, destination);

  source = g_timeout_source_new (TICK_MS);
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, tick, &ticker, NULL);
  g_source_attach (source, NULL);

  /* Let the ticker settle, then start the export exactly as a person would
   * (the action), from a main-loop dispatch like a key press. */
  while (ticker.ticks < 5)
    g_main_context_iteration (NULL, TRUE);
  ticker.max_gap = 0;
  ticker.max_stall = 0;

  phase1_delay = thread_run_delay_us ();
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  phase1_end = g_get_monotonic_time ();
  phase1_stall = phase1_end - start - (thread_run_delay_us () - phase1_delay);
  g_assert_cmpint (secuencia_window_get_export_timeline_id (window), >, 0);

  while (!run.finished)
    g_main_context_iteration (NULL, TRUE);
  /* The gap that contains the action (phase 1) counts too. */
  ticker.max_gap = MAX (ticker.max_gap, phase1_end - start);
  ticker.max_stall = MAX (ticker.max_stall, phase1_stall);

  g_source_destroy (source);
  g_source_unref (source);

  g_test_message ("%s: phase 1 (timeline of %u clips built and stored on the main context) took %.2f ms",
                  label, n_lines, (phase1_end - start) / 1000.0);
  g_test_message ("%s: largest main-loop gap during the export: %.2f ms over %u ticks, export %s after %.2f s%s",
                  label, ticker.max_gap / 1000.0, ticker.ticks,
                  run.success ? "finished" : "stopped",
                  (g_get_monotonic_time () - start) / 1e6,
                  cancel_early ? " (cancelled at 25 %)" : "");
  g_test_message ("%s: less the time the main thread waited for a CPU: largest gap %.2f ms, "
                  "phase 1 %.2f ms", label, ticker.max_stall / 1000.0, phase1_stall / 1000.0);
  g_print ("# RESULT %s max_gap_ms=%.2f phase1_ms=%.2f max_stall_ms=%.2f phase1_stall_ms=%.2f\n",
           label, ticker.max_gap / 1000.0, (phase1_end - start) / 1000.0,
           ticker.max_stall / 1000.0, phase1_stall / 1000.0);

  if (!run.success && !cancel_early)
    g_test_message ("%s: the export failed: %s", label,
                    secuencia_window_get_last_message (window));
  if (cancel_early)
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  else
    g_assert_true (run.success);
  /* Phase 1 (the action itself, timeline built on the main context) and
   * the whole export. */
  g_assert_cmpint (phase1_stall, <, MAX_GAP_US);
  g_assert_cmpint (ticker.max_stall, <, MAX_GAP_US);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
}

static void
test_export_200_clips (void)
{
  /* 200 distinct clips of 1 s each. */
  measure_export (200, 200, 1.0, FALSE, "200-clips");
}

static void
test_screenplay_1000_lines (void)
{
  /* 1,000 lines over 8 assets: phase 1 builds a 1,000-clip timeline on the
   * main context, the window then shows it (a virtualized list: only the
   * rows on screen exist), and the whole export is held to the bound. */
  measure_export (8, 1000, 0.4, FALSE, "1000-lines");
}

int
main (int   argc,
      char *argv[])
{
  /* Under Xvfb GTK's GL renderer runs on llvmpipe, a software rasterizer
   * that repaints the whole window each frame (~50 ms at 860×640 on a
   * loaded 2-core CI machine); that measures the emulated GPU, not our main
   * loop. The cairo renderer paints only the damaged region. Set
   * GSK_RENDERER yourself to measure another renderer. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  gst_init (NULL, NULL);

  g_test_add_func ("/responsiveness/export-200-clips", test_export_200_clips);
  g_test_add_func ("/responsiveness/screenplay-1000-lines", test_screenplay_1000_lines);

  return g_test_run ();
}
