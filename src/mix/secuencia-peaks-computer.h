/* secuencia-peaks-computer.h: decoding audio into waveform peaks, never on
 * the main thread.
 *
 * The blocking functions are for worker threads and the CLI. The
 * SecuenciaPeaksComputer object runs them in a GTask worker with its own
 * connection to the project file, stores each result, and reports it on the
 * main context of the thread that started the run.
 */
#pragma once

#include <gio/gio.h>
#include "secuencia-peaks.h"
#include "secuencia-project.h"

G_BEGIN_DECLS

/* Decode @file (any format GStreamer reads; every channel counts) and
 * summarise it. Blocking. Errors name the file and the cause;
 * G_IO_ERROR_CANCELLED when @cancellable fires. */
SecuenciaPeaks *secuencia_peaks_compute_file  (GFile             *file,
                                               GCancellable      *cancellable,
                                               GError           **error);
/* Same for an asset of @project: its bytes are streamed to a private
 * temporary file (removed afterwards) and decoded. Blocking. */
SecuenciaPeaks *secuencia_peaks_compute_asset (SecuenciaProject  *project,
                                               gint64             asset_id,
                                               GCancellable      *cancellable,
                                               GError           **error);
/* The asset's peaks, computed and stored unless already stored (a damaged
 * record is replaced). @file, when given, is the asset's original file and
 * is decoded in place of the stored bytes. A read-only @project returns
 * the peaks without storing them. Blocking. */
SecuenciaPeaks *secuencia_peaks_ensure        (SecuenciaProject  *project,
                                               gint64             asset_id,
                                               GFile             *file,
                                               GCancellable      *cancellable,
                                               GError           **error);

#define SECUENCIA_TYPE_PEAKS_COMPUTER (secuencia_peaks_computer_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaPeaksComputer, secuencia_peaks_computer, SECUENCIA, PEAKS_COMPUTER, GObject)

/* Signals, emitted on the main context of the thread that called
 * run_async, never after its cancellable fired:
 *   "peaks-ready"  (gint64 asset_id, SecuenciaPeaks *peaks): computed and
 *                  stored (or only computed: read-only file, or store off);
 *   "peaks-failed" (gint64 asset_id, GError *error): this asset could not
 *                  be decoded or stored; the others go on. */
SecuenciaPeaksComputer *secuencia_peaks_computer_new (const char *project_path);
const char *secuencia_peaks_computer_get_project_path (SecuenciaPeaksComputer *self);
/* Whether the worker stores what it computes (default TRUE; in one commit
 * per 500 ms at most). FALSE: it only reports, and the caller stores, e.g.
 * on a connection whose own commits are not mistaken for another
 * program's. Applies to the runs started afterwards. */
void        secuencia_peaks_computer_set_store        (SecuenciaPeaksComputer *self,
                                                       gboolean                store);

/* Compute the peaks of @asset_ids (a GArray of gint64; NULL: every asset
 * with no stored peaks) one after the other in a worker thread. Completes
 * when all are done; fails only when the project cannot be opened or on
 * cancellation (G_IO_ERROR_CANCELLED; what was stored stays stored). */
void     secuencia_peaks_computer_run_async  (SecuenciaPeaksComputer *self,
                                              GArray                 *asset_ids,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
/* @n_computed: how many assets got peaks; @n_failed: how many failed. */
gboolean secuencia_peaks_computer_run_finish (SecuenciaPeaksComputer *self,
                                              GAsyncResult           *result,
                                              guint                  *n_computed,
                                              guint                  *n_failed,
                                              GError                **error);

G_END_DECLS
