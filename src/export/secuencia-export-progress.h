/* secuencia-export-progress.h: thread-safe progress of one export.
 *
 * Written from the worker thread under a mutex; every change schedules at
 * most one coalesced idle on the main context (g_idle_add_full,
 * G_PRIORITY_LOW) that notifies the properties there, so UI code can bind to
 * them. The worker never blocks on the UI. (Pattern: sysprof's document
 * loader.)
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SECUENCIA_TYPE_EXPORT_PROGRESS (secuencia_export_progress_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaExportProgress, secuencia_export_progress,
                      SECUENCIA, EXPORT_PROGRESS, GObject)

SecuenciaExportProgress *secuencia_export_progress_new (void);

/* Any thread. @fraction in [0,1] and never goes backwards; @message may be
 * NULL to keep the current one. */
void    secuencia_export_progress_update       (SecuenciaExportProgress *self,
                                                double                   fraction,
                                                const char              *message);
/* Any thread: a new stage (preparing, mixing, finishing) begins at the
 * current fraction; @message as in _update(). Time left is based on the
 * slowest stage's measured rate. */
void    secuencia_export_progress_begin_stage  (SecuenciaExportProgress *self,
                                                const char              *message);
/* Main thread (property getters; values as last notified) */
double  secuencia_export_progress_get_fraction (SecuenciaExportProgress *self);
char   *secuencia_export_progress_dup_message  (SecuenciaExportProgress *self);
/* Seconds left, or -1 while not yet known or not yet stable. */
double  secuencia_export_progress_get_eta      (SecuenciaExportProgress *self);

G_END_DECLS
