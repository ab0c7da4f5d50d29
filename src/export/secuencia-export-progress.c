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
 * Time left: once the export has run for at least ETA_MIN_ELAPSED and is at
 * least ETA_MIN_FRACTION done, the raw estimate elapsed × (1 − f) / f is
 * smoothed exponentially with time constant ETA_SMOOTHING (the previous
 * estimate counting down meanwhile), so it does not jump with every update.
 */

#include "config.h"

#include <math.h>

#include "secuencia-export-progress.h"
#include "secuencia-export-progress-private.h"

#define ETA_MIN_ELAPSED   (3 * G_USEC_PER_SEC)
#define ETA_MIN_FRACTION  0.05
#define ETA_SMOOTHING     2.0   /* seconds */

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

/* Called with the mutex held. */
static void
secuencia_export_progress_update_eta (SecuenciaExportProgress *self,
                                      gint64                   now)
{
  double elapsed;
  double fraction = self->pending_fraction;
  double raw;

  if (fraction >= 1.0)
    {
      self->pending_eta = 0.0;
      self->eta_time = now;
      return;
    }

  if (now - self->start_time < ETA_MIN_ELAPSED || fraction < ETA_MIN_FRACTION)
    return;

  elapsed = (double) (now - self->start_time) / G_USEC_PER_SEC;
  raw = elapsed * (1.0 - fraction) / fraction;

  if (self->pending_eta < 0)
    {
      self->pending_eta = raw;
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
