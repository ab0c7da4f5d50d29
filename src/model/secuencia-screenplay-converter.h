/* secuencia-screenplay-converter.h: screenplay -> timeline.
 *
 * Lays the screenplay elements that have audio out in order on lane 0,
 * separated by @gap. Dual dialogue (a line marked dual: spoken at the
 * same time as the dialogue before it) goes on lane 1 from the offset
 * where the other speaker's lines (that cue's runs) start, its runs
 * separated by @gap too; what follows starts after both voices end.
 * From metadata only (element ids, asset ids and durations; never audio
 * bytes). Elements without audio are skipped. Pure
 * model code: the store reads the elements and saves the result
 * (secuencia_project_convert_screenplay()).
 */
#pragma once

#include <gio/gio.h>
#include "secuencia-time.h"
#include "secuencia-element.h"
#include "secuencia-timeline.h"

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

/* Lay @elements (SecuenciaElementInfo*, in screenplay order) out on a new
 * timeline with id 0 (clip names are "Character: text", shortened). The
 * progress func, when given, sees 0 -> @progress_end; cancellation is
 * checked every 128 elements (G_IO_ERROR_CANCELLED). */
SecuenciaTimeline *secuencia_screenplay_build_timeline (GPtrArray                      *elements,
                                                        const char                     *timeline_name,
                                                        SecuenciaTime                   gap,
                                                        SecuenciaConverterProgressFunc  progress_func,
                                                        gpointer                        progress_data,
                                                        double                          progress_end,
                                                        GCancellable                   *cancellable,
                                                        GError                        **error);

/* One story: the clips that @lines (SecuenciaElementInfo*, in screenplay
 * order: lines added after @timeline was laid out) add to @timeline, as
 * the converter would have laid them out after what is there: each line
 * with audio gets its whole asset after lane 0's last clip, @gap (>= 0)
 * after it (at 0 on an empty lane, and @gap apart from each other), on
 * lane 0, or on lane 1 for a dual dialogue beside the line it is spoken
 * with (as secuencia_screenplay_build_timeline() places them). Lines
 * without audio are skipped. Their assets are registered
 * in @timeline; the clips (id 0, named as the converter names them) are
 * returned in order, not inserted. */
GPtrArray *secuencia_screenplay_clips_for_lines (SecuenciaTimeline *timeline,
                                                 GPtrArray         *lines,
                                                 SecuenciaTime      gap);

G_END_DECLS
