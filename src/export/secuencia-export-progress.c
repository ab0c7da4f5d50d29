/* secuencia-export-progress.c: thread-safe progress of one export.
 *
 * The worker calls secuencia_export_progress_update() from any thread. The
 * values it writes ("pending") are kept under a mutex; the first update after
 * a notification schedules one idle on the main context (G_PRIORITY_LOW),
 * and every later update before that idle runs only changes the pending
 * values. The idle copies them to the "published" values read by the
 * property getters and notifies the properties that changed, on the main
 * thread. The worker never waits for the main loop.
 *
 * Time left: an export goes through stages of very different speeds
 * (copying the audio out of the project is quick, mixing and encoding is
 * slow), so "elapsed × (1 − f) / f" from the start is far too low early on.
 * The worker marks each stage's start (secuencia_export_progress_begin_stage);
 * each stage's rate is measured from its own start, once it has run for
 * ETA_MIN_STAGE_TIME and moved by ETA_MIN_STAGE_PROGRESS, and the time left
 * is (1 − f) divided by the slowest rate measured so far (finished stages
 * included). It is shown only once it is stable: two estimates at least
 * ETA_STABLE_SPAN apart agree within ETA_STABLE_TOLERANCE (the first one
 * counted down meanwhile). After that it is smoothed exponentially with time
 * constant ETA_SMOOTHING, counting down between updates, so it does not jump.
 */

#include "config.h"

#include <math.h>

#include "secuencia-export-progress.h"
#include "secuencia-export-progress-private.h"

#define ETA_MIN_STAGE_TIME     (3 * G_USEC_PER_SEC)
#define ETA_MIN_STAGE_PROGRESS 0.01
#define ETA_STABLE_SPAN        (2 * G_USEC_PER_SEC)
#define ETA_STABLE_TOLERANCE   0.20
#define ETA_SMOOTHING          2.0   /* seconds */

struct _SecuenciaExportProgress
{
  GObject parent_instance;

  GMutex  mutex;
  /* Under mutex: written by updates */
  double  pending_fraction;
  char   *pending_message;
  double  pending_eta;
  gint64  start_time;        /* monotonic µs of the first update, 0 before */
  gint64  eta_time;          /* monotonic µs of the last ETA estimate */
  gint64  stage_time;        /* monotonic µs the current stage began */
  double  stage_fraction;    /* fraction when it began */
  double  slowest_rate;      /* slowest finished stage, fraction/s; 0 = none */
  double  candidate_eta;     /* first estimate of a stable pair, -1 = none */
  gint64  candidate_time;
  guint   idle_scheduled : 1;
  guint   started : 1;

  /* Main thread only: values as last notified */
  double  fraction;
  char   *message;
  double  eta;
};

G_DEFINE_FINAL_TYPE (SecuenciaExportProgress, secuencia_export_progress, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_MESSAGE,
  PROP_ETA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
secuencia_export_progress_publish (gpointer user_data)
{
  SecuenciaExportProgress *self = user_data;
  g_autofree char *message = NULL;
  double fraction;
  double eta;

  g_assert (SECUENCIA_IS_EXPORT_PROGRESS (self));

  g_mutex_lock (&self->mutex);
  fraction = self->pending_fraction;
  message = g_strdup (self->pending_message);
  eta = self->pending_eta;
  self->idle_scheduled = FALSE;
  g_mutex_unlock (&self->mutex);

  g_object_freeze_notify (G_OBJECT (self));

  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

  if (g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_steal_pointer (&message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }

  if (eta != self->eta)
    {
      self->eta = eta;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ETA]);
    }

  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

/* Fraction per second of the current stage, 0 while not yet measurable.
 * Called with the mutex held. */
static double
stage_rate (SecuenciaExportProgress *self,
            gint64                   now)
{
  gint64 elapsed = now - self->stage_time;
  double moved = self->pending_fraction - self->stage_fraction;

  if (elapsed < ETA_MIN_STAGE_TIME || moved < ETA_MIN_STAGE_PROGRESS)
    return 0.0;
  return moved / ((double) elapsed / G_USEC_PER_SEC);
}

/* Called with the mutex held. */
static void
secuencia_export_progress_update_eta (SecuenciaExportProgress *self,
                                      gint64                   now)
{
  double fraction = self->pending_fraction;
  double rate;
  double raw;

  if (fraction >= 1.0)
    {
      self->pending_eta = 0.0;
      self->eta_time = now;
      return;
    }

  rate = stage_rate (self, now);
  if (rate <= 0.0)
    return;   /* the stage is not measured yet: keep what is shown */
  if (self->slowest_rate > 0.0)
    rate = MIN (rate, self->slowest_rate);
  raw = (1.0 - fraction) / rate;

  if (self->pending_eta < 0)
    {
      /* Not shown yet: wait for two estimates that agree. */
      if (self->candidate_eta >= 0)
        {
          double waited = (double) (now - self->candidate_time) / G_USEC_PER_SEC;
          double predicted = MAX (0.0, self->candidate_eta - waited);

          if (fabs (raw - predicted) > ETA_STABLE_TOLERANCE * MAX (raw, predicted))
            self->candidate_eta = -1.0;
          else if (now - self->candidate_time >= ETA_STABLE_SPAN)
            {
              self->pending_eta = raw;
              self->eta_time = now;
            }
        }
      if (self->candidate_eta < 0)
        {
          self->candidate_eta = raw;
          self->candidate_time = now;
        }
      return;
    }
  else
    {
      double dt = (double) (now - self->eta_time) / G_USEC_PER_SEC;
      double previous = MAX (0.0, self->pending_eta - dt);
      double alpha = 1.0 - exp (-dt / ETA_SMOOTHING);

      self->pending_eta = previous + alpha * (raw - previous);
    }

  self->eta_time = now;
}

void
secuencia_export_progress_begin_stage_at (SecuenciaExportProgress *self,
                                          const char              *message,
                                          gint64                   now)
{
  double rate;
  double fraction;

  g_return_if_fail (SECUENCIA_IS_EXPORT_PROGRESS (self));

  g_mutex_lock (&self->mutex);
  if (self->started)
    {
      /* The stage that ends counts if it was measurable. */
      rate = stage_rate (self, now);
      if (rate > 0.0 && (self->slowest_rate <= 0.0 || rate < self->slowest_rate))
        self->slowest_rate = rate;
    }
  else
    {
      self->started = TRUE;
      self->start_time = now;
      self->eta_time = now;
    }
  self->stage_time = now;
  self->stage_fraction = self->pending_fraction;
  self->candidate_eta = -1.0;
  fraction = self->pending_fraction;
  g_mutex_unlock (&self->mutex);

  secuencia_export_progress_update_at (self, fraction, message, now);
}

void
secuencia_export_progress_begin_stage (SecuenciaExportProgress *self,
                                       const char              *message)
{
  secuencia_export_progress_begin_stage_at (self, message, g_get_monotonic_time ());
}

void
secuencia_export_progress_update_at (SecuenciaExportProgress *self,
                                     double                   fraction,
                                     const char              *message,
                                     gint64                   now)
{
  gboolean schedule = FALSE;

  g_return_if_fail (SECUENCIA_IS_EXPORT_PROGRESS (self));

  if (isnan (fraction))
    fraction = 0.0;
  fraction = CLAMP (fraction, 0.0, 1.0);

  g_mutex_lock (&self->mutex);

  if (!self->started)
    {
      self->started = TRUE;
      self->start_time = now;
      self->eta_time = now;
      self->stage_time = now;
      self->stage_fraction = self->pending_fraction;
    }

  if (fraction > self->pending_fraction)
    self->pending_fraction = fraction;

  if (message != NULL && g_strcmp0 (message, self->pending_message) != 0)
    {
      g_free (self->pending_message);
      self->pending_message = g_strdup (message);
    }

  secuencia_export_progress_update_eta (self, now);

  if (!self->idle_scheduled)
    {
      self->idle_scheduled = TRUE;
      schedule = TRUE;
    }

  g_mutex_unlock (&self->mutex);

  if (schedule)
    g_idle_add_full (G_PRIORITY_LOW,
                     secuencia_export_progress_publish,
                     g_object_ref (self),
                     g_object_unref);
}

void
secuencia_export_progress_update (SecuenciaExportProgress *self,
                                  double                   fraction,
                                  const char              *message)
{
  g_return_if_fail (SECUENCIA_IS_EXPORT_PROGRESS (self));

  secuencia_export_progress_update_at (self, fraction, message,
                                       g_get_monotonic_time ());
}

static void
secuencia_export_progress_finalize (GObject *object)
{
  SecuenciaExportProgress *self = (SecuenciaExportProgress *)object;

  g_mutex_clear (&self->mutex);
  g_clear_pointer (&self->pending_message, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (secuencia_export_progress_parent_class)->finalize (object);
}

static void
secuencia_export_progress_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  SecuenciaExportProgress *self = SECUENCIA_EXPORT_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_ETA:
      g_value_set_double (value, self->eta);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_export_progress_class_init (SecuenciaExportProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = secuencia_export_progress_finalize;
  object_class->get_property = secuencia_export_progress_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ETA] =
    g_param_spec_double ("eta", NULL, NULL,
                         -1.0, G_MAXDOUBLE, -1.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
secuencia_export_progress_init (SecuenciaExportProgress *self)
{
  g_mutex_init (&self->mutex);
  self->pending_eta = -1.0;
  self->eta = -1.0;
  self->candidate_eta = -1.0;
}

SecuenciaExportProgress *
secuencia_export_progress_new (void)
{
  return g_object_new (SECUENCIA_TYPE_EXPORT_PROGRESS, NULL);
}

double
secuencia_export_progress_get_fraction (SecuenciaExportProgress *self)
{
  g_return_val_if_fail (SECUENCIA_IS_EXPORT_PROGRESS (self), 0.0);

  return self->fraction;
}

char *
secuencia_export_progress_dup_message (SecuenciaExportProgress *self)
{
  g_return_val_if_fail (SECUENCIA_IS_EXPORT_PROGRESS (self), NULL);

  return g_strdup (self->message);
}

double
secuencia_export_progress_get_eta (SecuenciaExportProgress *self)
{
  g_return_val_if_fail (SECUENCIA_IS_EXPORT_PROGRESS (self), -1.0);

  return self->eta;
}
