/* secuencia-bounded-state.h: a GStreamer state change that cannot hang its
 * caller.
 *
 * gst_element_set_state() runs the elements' state changes in the calling
 * thread and waits for streaming threads to stop; an element that
 * deadlocks (a muxer failing inside its own lock, say) makes it wait
 * forever. secuencia_bounded_set_state() runs the change in a thread of its
 * own and waits at most @timeout_us, or, once @cancellable is cancelled, at
 * most one more second.
 * When it gives up, the element is left to that thread (which keeps a
 * reference and drops it if the change ever completes): the caller must
 * not touch the element again, only drop its own reference.
 */
#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

G_BEGIN_DECLS

/* TRUE when the change returned within the time (its result, possibly
 * GST_STATE_CHANGE_FAILURE, in @out_result), even if @cancellable
 * (nullable) was cancelled meanwhile: the caller checks that. FALSE when
 * it did not return in time. */
gboolean secuencia_bounded_set_state (GstElement           *element,
                                      GstState              state,
                                      gint64                timeout_us,
                                      GCancellable         *cancellable,
                                      GstStateChangeReturn *out_result);

G_END_DECLS
