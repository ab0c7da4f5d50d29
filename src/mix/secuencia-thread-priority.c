/* secuencia-thread-priority.c: lower the priority of background (export, mix) threads. */

#define _GNU_SOURCE 1
#include "config.h"

#include <errno.h>
#include <string.h>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "secuencia-thread-priority.h"

#ifdef __linux__
static pid_t
current_tid (void)
{
  /* gettid() needs glibc 2.30; the system call works everywhere. */
  return (pid_t) syscall (SYS_gettid);
}
#endif

int
secuencia_thread_priority_get (void)
{
#ifdef __linux__
  int nice_level;

  errno = 0;
  /* On Linux PRIO_PROCESS with a thread id addresses that one thread. */
  nice_level = getpriority (PRIO_PROCESS, (id_t) current_tid ());
  if (nice_level == -1 && errno != 0)
    return 0;
  return nice_level;
#else
  return 0;
#endif
}

gboolean
secuencia_thread_priority_lower (int nice_level)
{
#ifdef __linux__
  pid_t tid = current_tid ();
  int current;

  g_return_val_if_fail (nice_level >= -20 && nice_level <= 19, FALSE);

  current = secuencia_thread_priority_get ();
  if (current >= nice_level)
    return TRUE;
  if (setpriority (PRIO_PROCESS, (id_t) tid, nice_level) != 0)
    {
      int saved = errno;

      g_debug ("Could not lower the priority of thread %d to nice %d: %s",
               (int) tid, nice_level, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
#else
  return FALSE;
#endif
}

gboolean
secuencia_thread_priority_handle_stream_status (GstMessage *message)
{
  GstStreamStatusType type;
  GstElement *owner = NULL;

  g_return_val_if_fail (GST_IS_MESSAGE (message), FALSE);

  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_STREAM_STATUS)
    return FALSE;
  gst_message_parse_stream_status (message, &type, &owner);
  if (type != GST_STREAM_STATUS_TYPE_ENTER)
    return FALSE;
  /* Posted synchronously from the streaming thread being entered. */
  secuencia_thread_priority_lower (SECUENCIA_THREAD_PRIORITY_BACKGROUND);
  return TRUE;
}

GstBusSyncReply
secuencia_thread_priority_bus_sync_handler (GstBus     *bus,
                                            GstMessage *message,
                                            gpointer    user_data)
{
  secuencia_thread_priority_handle_stream_status (message);
  return GST_BUS_PASS;
}
