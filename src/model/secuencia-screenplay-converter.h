/* secuencia-screenplay-converter.h: screenplay -> timeline.
 *
 * Lays the screenplay elements that have audio out in order on lane 0,
 * separated by @gap, reading only metadata (element ids, asset ids and
 * durations; never audio bytes), and stores the new timeline and all its
 * clips in ONE transaction. Elements without audio are skipped.
 */
#pragma once

#include <gio/gio.h>
#include "secuencia-time.h"
#include "secuencia-project.h"

G_BEGIN_DECLS

#define SECUENCIA_CONVERTER_ERROR (secuencia_converter_error_quark ())
typedef enum
{
  SECUENCIA_CONVERTER_ERROR_NO_AUDIO,       /* no element has audio */
  SECUENCIA_CONVERTER_ERROR_INVALID_GAP,    /* gap < 0 */
} SecuenciaConverterError;
GQuark secuencia_converter_error_quark (void);

/* @fraction grows monotonically from 0 to 1 (1 only on success). Called on
 * the caller's thread. */
typedef void (*SecuenciaConverterProgressFunc) (double      fraction,
                                                const char *message,
                                                gpointer    user_data);

/* Build the timeline in memory without storing it (clip names are
 * "Character: text", shortened). Returns a new timeline with id 0. */
SecuenciaTimeline *secuencia_screenplay_build_timeline (SecuenciaProject  *project,
                                                        const char        *timeline_name,
                                                        SecuenciaTime      gap,
                                                        GError           **error);

/* Build and store; returns the new timeline id, or 0 with @error set
 * (G_IO_ERROR_CANCELLED when cancelled: the transaction is rolled back and
 * no timeline is left behind). */
gint64 secuencia_screenplay_convert (SecuenciaProject               *project,
                                     const char                     *timeline_name,
                                     SecuenciaTime                   gap,
                                     SecuenciaConverterProgressFunc  progress_func,
                                     gpointer                        progress_data,
                                     GCancellable                   *cancellable,
                                     GError                        **error);

G_END_DECLS
