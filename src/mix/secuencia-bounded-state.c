/* secuencia-bounded-state.c: a GStreamer state change with a time limit
 * (see the header). */
#include "config.h"

#include "secuencia-bounded-state.h"

#define CANCEL_POLL_US  (50 * 1000)
#define CANCEL_GRACE_US (G_USEC_PER_SEC)

typedef struct
{
  gatomicrefcount       refs;
  GMutex                lock;
  GCond                 cond;
  GstElement           *element;
  GstState              state;
  gboolean              done;     /* under lock */
  GstStateChangeReturn  result;   /* under lock */
} StateChange;

static void
state_change_unref (StateChange *change)
{
  if (!g_atomic_ref_count_dec (&change->refs))
    return;
  gst_object_unref (change->element);
  g_mutex_clear (&change->lock);
  g_cond_clear (&change->cond);
  g_free (change);
}

static gpointer
state_change_thread (gpointer data)
{
  StateChange *change = data;
  GstStateChangeReturn result = gst_element_set_state (change->element, change->state);

  g_mutex_lock (&change->lock);
  change->result = result;
  change->done = TRUE;
  g_cond_broadcast (&change->cond);
  g_mutex_unlock (&change->lock);
  state_change_unref (change);
  return NULL;
}

gboolean
secuencia_bounded_set_state (GstElement           *element,
                             GstState              state,
                             gint64                timeout_us,
                             GCancellable         *cancellable,
                             GstStateChangeReturn *out_result)
{
  StateChange *change;
  GThread *thread;
  gint64 deadline;
  gboolean cancelled = FALSE;
  gboolean done;

  g_return_val_if_fail (GST_IS_ELEMENT (element), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  change = g_new0 (StateChange, 1);
  g_atomic_ref_count_init (&change->refs);
  g_atomic_ref_count_inc (&change->refs);   /* one for the thread */
  g_mutex_init (&change->lock);
  g_cond_init (&change->cond);
  change->element = gst_object_ref (element);
  change->state = state;

  thread = g_thread_new ("secuencia-state", state_change_thread, change);
  g_thread_unref (thread);   /* never joined: it may never return */

  deadline = g_get_monotonic_time () + timeout_us;
  g_mutex_lock (&change->lock);
  while (!change->done && g_get_monotonic_time () < deadline)
    {
      /* Cancelled: a change that is merely under way still gets a moment
       * (abandoning a healthy element would let it go on writing). */
      if (!cancelled && g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          deadline = MIN (deadline, g_get_monotonic_time () + CANCEL_GRACE_US);
        }
      g_cond_wait_until (&change->cond, &change->lock,
                         MIN (deadline, g_get_monotonic_time () + CANCEL_POLL_US));
    }
  done = change->done;
  if (done && out_result != NULL)
    *out_result = change->result;
  g_mutex_unlock (&change->lock);

  state_change_unref (change);
  return done;
}
