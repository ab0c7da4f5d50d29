/* test-export-progress.c: SecuenciaExportProgress coalesces updates from
 * worker threads into few notifications on the main thread, never goes
 * backwards, and only estimates the time left once that is stable. */

#include <math.h>
#include <string.h>

#include "secuencia-export-progress.h"
#include "secuencia-export-progress-private.h"

typedef struct
{
  GThread *main_thread;
  guint    n_fraction;
  guint    n_message;
  guint    n_eta;
  guint    n_other_thread;
  double   last_fraction;
  gboolean went_backwards;
} Observer;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  Observer *obs = user_data;
  SecuenciaExportProgress *progress = SECUENCIA_EXPORT_PROGRESS (object);

  if (g_thread_self () != obs->main_thread)
    obs->n_other_thread++;

  if (g_str_equal (pspec->name, "fraction"))
    {
      double f = secuencia_export_progress_get_fraction (progress);

      obs->n_fraction++;
      if (f < obs->last_fraction)
        obs->went_backwards = TRUE;
      obs->last_fraction = f;
    }
  else if (g_str_equal (pspec->name, "message"))
    obs->n_message++;
  else if (g_str_equal (pspec->name, "eta"))
    obs->n_eta++;
}

static void
observe (SecuenciaExportProgress *progress,
         Observer                *obs)
{
  memset (obs, 0, sizeof *obs);
  obs->main_thread = g_thread_self ();
  g_signal_connect (progress, "notify", G_CALLBACK (on_notify), obs);
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

#define N_THREADS 4
#define N_UPDATES 2000

typedef struct
{
  SecuenciaExportProgress *progress;
  guint                    index;
  gint                    *running;
} Worker;

static gpointer
worker_func (gpointer data)
{
  Worker *w = data;

  for (guint i = 1; i <= N_UPDATES; i++)
    {
      g_autofree char *message = NULL;

      /* Each thread climbs to a different maximum; interleaved, the raw
       * values go up and down. */
      if (i % 100 == 0)
        message = g_strdup_printf ("Thread %u step %u", w->index, i);
      secuencia_export_progress_update (w->progress,
                                        (double) i / N_UPDATES * (w->index + 1) / N_THREADS,
                                        message);
      if (i % 50 == 0)
        g_thread_yield ();
    }

  g_atomic_int_dec_and_test (w->running);
  return NULL;
}

/* Updates made while the main loop does not run: one notification each. */
static void
test_coalesce_idle (void)
{
  g_autoptr(SecuenciaExportProgress) progress = secuencia_export_progress_new ();
  GThread *threads[N_THREADS];
  Worker workers[N_THREADS];
  gint running = N_THREADS;
  Observer obs;
  g_autofree char *message = NULL;

  observe (progress, &obs);

  for (guint i = 0; i < N_THREADS; i++)
    {
      workers[i] = (Worker) { progress, i, &running };
      threads[i] = g_thread_new ("progress-worker", worker_func, &workers[i]);
    }
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  /* Nothing is notified from the worker threads themselves. */
  g_assert_cmpuint (obs.n_fraction, ==, 0);
  g_assert_cmpfloat (secuencia_export_progress_get_fraction (progress), ==, 0.0);

  drain_main_context ();

  g_assert_cmpuint (obs.n_other_thread, ==, 0);
  g_assert_cmpuint (obs.n_fraction, ==, 1);
  g_assert_cmpuint (obs.n_message, ==, 1);
  g_assert_cmpfloat (secuencia_export_progress_get_fraction (progress), ==, 1.0);
  message = secuencia_export_progress_dup_message (progress);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "Thread "));
}

/* Updates made while the main loop runs: far fewer notifications than
 * updates, all on the main thread, never backwards. */
static void
test_coalesce_running (void)
{
  g_autoptr(SecuenciaExportProgress) progress = secuencia_export_progress_new ();
  GThread *threads[N_THREADS];
  Worker workers[N_THREADS];
  gint running = N_THREADS;
  Observer obs;

  observe (progress, &obs);

  for (guint i = 0; i < N_THREADS; i++)
    {
      workers[i] = (Worker) { progress, i, &running };
      threads[i] = g_thread_new ("progress-worker", worker_func, &workers[i]);
    }

  while (g_atomic_int_get (&running) > 0)
    g_main_context_iteration (NULL, FALSE);

  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);
  drain_main_context ();

  g_test_message ("%u fraction notifications for %u updates",
                  obs.n_fraction, N_THREADS * N_UPDATES);
  g_assert_cmpuint (obs.n_other_thread, ==, 0);
  g_assert_false (obs.went_backwards);
  g_assert_cmpuint (obs.n_fraction, >=, 1);
  g_assert_cmpuint (obs.n_fraction, <, N_THREADS * N_UPDATES);
  g_assert_cmpfloat (secuencia_export_progress_get_fraction (progress), ==, 1.0);
}

static void
test_monotonic (void)
{
  g_autoptr(SecuenciaExportProgress) progress = secuencia_export_progress_new ();
  g_autofree char *message = NULL;
  Observer obs;

  observe (progress, &obs);

  secuencia_export_progress_update (progress, 0.5, "Half");
  drain_main_context ();
  g_assert_cmpfloat (secuencia_export_progress_get_fraction (progress), ==, 0.5);
  g_assert_cmpuint (obs.n_fraction, ==, 1);

  /* Backwards: ignored, but the message still changes. */
  secuencia_export_progress_update (progress, 0.25, "Back");
  drain_main_context ();
  g_assert_cmpfloat (secuencia_export_progress_get_fraction (progress), ==, 0.5);
  g_assert_cmpuint (obs.n_fraction, ==, 1);
  message = secuencia_export_progress_dup_message (progress);
  g_assert_cmpstr (message, ==, "Back");
  g_clear_pointer (&message, g_free);

  /* NULL keeps the message; out of range is clamped; NaN is ignored. */
  secuencia_export_progress_update (progress, NAN, NULL);
  secuencia_export_progress_update (progress, 7.0, NULL);
  drain_main_context ();
  g_assert_cmpfloat (secuencia_export_progress_get_fraction (progress), ==, 1.0);
  message = secuencia_export_progress_dup_message (progress);
  g_assert_cmpstr (message, ==, "Back");
  g_assert_cmpuint (obs.n_message, ==, 2);
  g_assert_false (obs.went_backwards);
}

static void
test_eta (void)
{
  g_autoptr(SecuenciaExportProgress) progress = secuencia_export_progress_new ();
  const gint64 t0 = 1000 * G_USEC_PER_SEC;
  double eta;

  g_assert_cmpfloat (secuencia_export_progress_get_eta (progress), ==, -1.0);

  secuencia_export_progress_update_at (progress, 0.0, "Start", t0);
  drain_main_context ();
  g_assert_cmpfloat (secuencia_export_progress_get_eta (progress), ==, -1.0);

  /* Far along but too early. */
  secuencia_export_progress_update_at (progress, 0.5, NULL, t0 + 1 * G_USEC_PER_SEC);
  drain_main_context ();
  g_assert_cmpfloat (secuencia_export_progress_get_eta (progress), ==, -1.0);

  /* Steady 2.5 %/s: the first estimate (4 s for 10 %: 36 s left) is not
   * shown alone; a second one 2 s later that agrees is. */
  g_clear_object (&progress);
  progress = secuencia_export_progress_new ();
  secuencia_export_progress_update_at (progress, 0.0, "Start", t0);
  secuencia_export_progress_update_at (progress, 0.10, NULL, t0 + 4 * G_USEC_PER_SEC);
  drain_main_context ();
  g_assert_cmpfloat (secuencia_export_progress_get_eta (progress), ==, -1.0);
  secuencia_export_progress_update_at (progress, 0.125, NULL, t0 + 5 * G_USEC_PER_SEC);
  drain_main_context ();
  g_assert_cmpfloat (secuencia_export_progress_get_eta (progress), ==, -1.0);
  secuencia_export_progress_update_at (progress, 0.15, NULL, t0 + 6 * G_USEC_PER_SEC);
  drain_main_context ();
  eta = secuencia_export_progress_get_eta (progress);
  g_assert_cmpfloat_with_epsilon (eta, 34.0, 1e-9);

  /* A sudden jump (10 s for 50 %, raw 10 s left) is smoothed: the estimate
   * moves towards it but not all the way. */
  secuencia_export_progress_update_at (progress, 0.50, NULL, t0 + 10 * G_USEC_PER_SEC);
  drain_main_context ();
  eta = secuencia_export_progress_get_eta (progress);
  g_assert_cmpfloat (eta, >, 10.0);
  g_assert_cmpfloat (eta, <, 30.0);

  /* Steady progress converges on the raw estimate. */
  for (int s = 11; s <= 18; s++)
    secuencia_export_progress_update_at (progress, s / 20.0, NULL, t0 + s * G_USEC_PER_SEC);
  drain_main_context ();
  eta = secuencia_export_progress_get_eta (progress);
  /* raw at 18 s, 90 %: 2 s */
  g_assert_cmpfloat (eta, >, 1.5);
  g_assert_cmpfloat (eta, <, 4.0);

  secuencia_export_progress_update_at (progress, 1.0, "Done", t0 + 20 * G_USEC_PER_SEC);
  drain_main_context ();
  g_assert_cmpfloat (secuencia_export_progress_get_eta (progress), ==, 0.0);
}

/* An export of 127 s as the exporter reports it: preparing (10 % of the
 * bar) takes 1 s, mixing (89 %) takes the rest. 5 s in, the time left
 * must not be shown far too low ("About 25 seconds left" was); once shown
 * it is within 20 % of the truth, and it stays so. */
static void
test_eta_slow_stage (void)
{
  g_autoptr(SecuenciaExportProgress) progress = secuencia_export_progress_new ();
  const gint64 t0 = 1000 * G_USEC_PER_SEC;
  const double total = 127.0;
  double first_shown = -1.0;

  secuencia_export_progress_begin_stage_at (progress, "Preparing", t0);
  for (int i = 1; i <= 10; i++)
    secuencia_export_progress_update_at (progress, 0.01 * i, NULL, t0 + i * G_USEC_PER_SEC / 10);
  secuencia_export_progress_begin_stage_at (progress, "Mixing", t0 + 1 * G_USEC_PER_SEC);

  for (int tenth = 11; tenth < (int) (total * 10) - 10; tenth++)
    {
      double t = tenth / 10.0;
      double fraction = 0.10 + 0.89 * (t - 1.0) / (total - 2.0);
      double eta;

      secuencia_export_progress_update_at (progress, fraction, NULL,
                                           t0 + (gint64) tenth * G_USEC_PER_SEC / 10);
      drain_main_context ();
      eta = secuencia_export_progress_get_eta (progress);
      if (eta < 0)
        continue;
      if (first_shown < 0)
        {
          first_shown = t;
          g_test_message ("time left first shown at %.1f s: %.1f s (true %.1f s)", t, eta, total - t);
        }
      if (fabs (eta - (total - t)) > 0.2 * (total - t) + 1.0)
        g_error ("at %.1f s the time left is %.1f s, the truth is %.1f s", t, eta, total - t);
    }
  g_assert_cmpfloat (first_shown, >, 0.0);
  g_assert_cmpfloat (first_shown, <, 15.0);
}

/* The scheduled idle keeps the object alive until it has run. */
static void
test_lifetime (void)
{
  SecuenciaExportProgress *progress = secuencia_export_progress_new ();
  GObject *weak = G_OBJECT (progress);

  g_object_add_weak_pointer (weak, (gpointer *) &weak);
  secuencia_export_progress_update (progress, 0.3, "Pending");
  g_object_unref (progress);
  g_assert_nonnull (weak);
  drain_main_context ();
  g_assert_null (weak);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-progress/coalesce-idle", test_coalesce_idle);
  g_test_add_func ("/export-progress/coalesce-running", test_coalesce_running);
  g_test_add_func ("/export-progress/monotonic", test_monotonic);
  g_test_add_func ("/export-progress/eta", test_eta);
  g_test_add_func ("/export-progress/eta-slow-stage", test_eta_slow_stage);
  g_test_add_func ("/export-progress/lifetime", test_lifetime);

  return g_test_run ();
}
