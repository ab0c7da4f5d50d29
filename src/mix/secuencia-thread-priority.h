/* secuencia-thread-priority.h: keep export threads from starving the UI.
 *
 * On a machine with few cores, the export's threads (the worker, and
 * GStreamer's streaming threads: decoders, mixer, AAC encoder) compete with
 * the main thread for CPU; at equal priority the main loop then waits for a
 * core for tens of milliseconds. Lowering the export threads' priority (a
 * per-thread nice value on Linux) lets the main thread run whenever it is
 * ready, and costs the export nothing when the machine is otherwise idle.
 *
 * Only the calling thread is changed. An unprivileged process cannot raise
 * a priority again once lowered (RLIMIT_NICE), so a thread-pool thread that
 * ran export work stays "background" afterwards: it only ever runs
 * background work, never the main loop. Elsewhere than Linux these
 * functions do nothing and return FALSE.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* How much lower than the UI export threads run (nice levels). */
#define SECUENCIA_THREAD_PRIORITY_BACKGROUND 10

/* Make the calling thread's nice value at least @nice_level (never raises
 * its priority). Returns TRUE when the thread now runs at @nice_level or
 * lower priority; FALSE (errno-free, logged at debug level) otherwise. */
gboolean secuencia_thread_priority_lower (int nice_level);

/* The calling thread's nice value (0 where unknown). */
int      secuencia_thread_priority_get   (void);

/* For a GstBus sync handler (a pipeline's bus): on a STREAM_STATUS "enter"
 * message, which GStreamer posts from the streaming thread that is
 * starting, lower that thread to SECUENCIA_THREAD_PRIORITY_BACKGROUND.
 * Other messages are ignored. Returns TRUE when @message was such an
 * "enter" message. */
gboolean secuencia_thread_priority_handle_stream_status (GstMessage *message);

/* A complete GstBusSyncHandler doing only the above and passing every
 * message on: gst_bus_set_sync_handler (bus,
 * secuencia_thread_priority_bus_sync_handler, NULL, NULL). */
GstBusSyncReply secuencia_thread_priority_bus_sync_handler (GstBus     *bus,
                                                            GstMessage *message,
                                                            gpointer    user_data);

G_END_DECLS
