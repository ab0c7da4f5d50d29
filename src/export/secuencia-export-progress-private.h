/* secuencia-export-progress-private.h: internals of the progress object,
 * for tests that must not depend on the wall clock. */
#pragma once

#include "secuencia-export-progress.h"

G_BEGIN_DECLS

/* secuencia_export_progress_update() with an explicit monotonic time in µs
 * (g_get_monotonic_time() scale) instead of "now". */
void secuencia_export_progress_update_at (SecuenciaExportProgress *self,
                                          double                   fraction,
                                          const char              *message,
                                          gint64                   now);

/* secuencia_export_progress_begin_stage() at an explicit time. */
void secuencia_export_progress_begin_stage_at (SecuenciaExportProgress *self,
                                               const char              *message,
                                               gint64                   now);

G_END_DECLS
