/* secuencia-demo.h: the built-in demo project — a short screenplay with a
 * few real spoken lines (Ogg Vorbis files made with espeak-ng, shipped in
 * the GResource), created in the user's data folder on first use. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where the demo project lives: $XDG_DATA_HOME/secuencia/Demo.secuencia */
char    *secuencia_demo_get_default_path (void);

/* Create the demo project at @path unless it already exists. Blocking (it
 * imports the audio with GStreamer): secuencia_demo_ensure_async runs it in
 * a worker thread. */
gboolean secuencia_demo_ensure           (const char          *path,
                                          GCancellable        *cancellable,
                                          GError             **error);
void     secuencia_demo_ensure_async     (const char          *path,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* Returns the project's path. */
char    *secuencia_demo_ensure_finish    (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
