/* test-bounded-state.c: secuencia_bounded_set_state() returns even when an
 * element's state change never does (the way a deadlocked muxer behaves),
 * on its time limit or at once when cancelled; a change that completes
 * gives its result. */
#include <gio/gio.h>
#include <gst/gst.h>

#include "secuencia-bounded-state.h"

/* An element whose change to PAUSED waits until released. */
typedef struct
{
  GstElement parent_instance;
  GMutex     lock;
  GCond      cond;
  gboolean   released;
  gboolean   entered;
} TestStuck;

typedef struct
{
  GstElementClass parent_class;
} TestStuckClass;

static GType test_stuck_get_type (void);
G_DEFINE_TYPE (TestStuck, test_stuck, GST_TYPE_ELEMENT)

static GstStateChangeReturn
test_stuck_change_state (GstElement *element, GstStateChange transition)
{
  TestStuck *self = (TestStuck *) element;

  if (transition == GST_STATE_CHANGE_READY_TO_PAUSED)
    {
      g_mutex_lock (&self->lock);
      self->entered = TRUE;
      g_cond_broadcast (&self->cond);
      while (!self->released)
        g_cond_wait (&self->cond, &self->lock);
      g_mutex_unlock (&self->lock);
    }
  return GST_ELEMENT_CLASS (test_stuck_parent_class)->change_state (element, transition);
}

static void
test_stuck_finalize (GObject *object)
{
  TestStuck *self = (TestStuck *) object;

  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (test_stuck_parent_class)->finalize (object);
}

static void
test_stuck_class_init (TestStuckClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_stuck_finalize;
  GST_ELEMENT_CLASS (klass)->change_state = test_stuck_change_state;
}

static void
test_stuck_init (TestStuck *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
}

static void
release (TestStuck *stuck)
{
  g_mutex_lock (&stuck->lock);
  stuck->released = TRUE;
  g_cond_broadcast (&stuck->cond);
  g_mutex_unlock (&stuck->lock);
}

/* Wait for the state change thread to let go of the element. */
static void
wait_for_last_ref (GstElement *element)
{
  while (GST_OBJECT_REFCOUNT_VALUE (element) > 1)
    g_usleep (1000);
}

static void
test_completes (void)
{
  g_autoptr (GstElement) element = gst_object_ref_sink (g_object_new (test_stuck_get_type (), NULL));
  GstStateChangeReturn result = GST_STATE_CHANGE_FAILURE;

  release ((TestStuck *) element);
  g_assert_true (secuencia_bounded_set_state (element, GST_STATE_PAUSED, 60 * G_USEC_PER_SEC,
                                              NULL, &result));
  g_assert_cmpint (result, ==, GST_STATE_CHANGE_SUCCESS);
  g_assert_true (secuencia_bounded_set_state (element, GST_STATE_NULL, 60 * G_USEC_PER_SEC,
                                              NULL, &result));
  wait_for_last_ref (element);
}

static void
test_times_out (void)
{
  g_autoptr (GstElement) element = gst_object_ref_sink (g_object_new (test_stuck_get_type (), NULL));
  TestStuck *stuck = (TestStuck *) element;

  /* Never released while we wait: the call returns FALSE. */
  g_assert_false (secuencia_bounded_set_state (element, GST_STATE_PAUSED, 100 * 1000, NULL, NULL));
  g_mutex_lock (&stuck->lock);
  g_assert_true (stuck->entered);
  g_mutex_unlock (&stuck->lock);

  /* The abandoned thread still holds the element, and lets go when the
   * change finally returns. */
  g_assert_cmpint (GST_OBJECT_REFCOUNT_VALUE (element), ==, 2);
  release (stuck);
  wait_for_last_ref (element);
  gst_element_set_state (element, GST_STATE_NULL);
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static gpointer
cancel_thread (gpointer data)
{
  GMainContext *context = g_main_context_new ();
  GSource *source = g_timeout_source_new (50);

  g_source_set_callback (source, cancel_soon, data, NULL);
  g_source_attach (source, context);
  g_main_context_iteration (context, TRUE);
  g_source_unref (source);
  g_main_context_unref (context);
  return NULL;
}

static void
test_cancelled (void)
{
  g_autoptr (GstElement) element = gst_object_ref_sink (g_object_new (test_stuck_get_type (), NULL));
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  GThread *canceller = g_thread_new ("canceller", cancel_thread, cancellable);

  /* An hour's limit: only the cancellation can end the wait. */
  g_assert_false (secuencia_bounded_set_state (element, GST_STATE_PAUSED, G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC,
                                               cancellable, NULL));
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_thread_join (canceller);
  release ((TestStuck *) element);
  wait_for_last_ref (element);
  gst_element_set_state (element, GST_STATE_NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  g_test_add_func ("/bounded-state/completes", test_completes);
  g_test_add_func ("/bounded-state/times-out", test_times_out);
  g_test_add_func ("/bounded-state/cancelled", test_cancelled);
  return g_test_run ();
}
