/* secuencia-peaks-loader.h: the waveforms of an open project, for the
 * window.
 *
 * load() reads every stored record on the calling (main) thread — small
 * blobs, no audio — and reports each; the assets without peaks (or with a
 * damaged record) are then decoded in the background by a
 * SecuenciaPeaksComputer with its own connection to the file (it reads
 * the audio there), and reported as each arrives. The main thread never
 * decodes audio. Arrived waveforms are stored through the given project
 * connection, in one transaction per main-loop idle (a few KiB each): a
 * commit by another connection would make the window read the whole
 * project again.
 */
#pragma once

#include <gio/gio.h>
#include "secuencia-peaks.h"
#include "secuencia-project.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_PEAKS_LOADER (secuencia_peaks_loader_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaPeaksLoader, secuencia_peaks_loader, SECUENCIA, PEAKS_LOADER, GObject)

/* Signals (main thread; none after cancel() or dispose):
 *   "peaks-ready"  (gint64 asset_id, SecuenciaPeaks *peaks)
 *   "peaks-failed" (gint64 asset_id, GError *error): the asset could not
 *                  be decoded; it is left without a waveform.
 * Properties: "project" (construct-only), "busy" (read-only boolean, TRUE
 * while decoding in the background; explicit notify). */
SecuenciaPeaksLoader *secuencia_peaks_loader_new     (SecuenciaProject     *project);
/* Report every stored waveform before returning, then start decoding the
 * missing ones. Only the reading can fail (@error set, nothing started). */
gboolean        secuencia_peaks_loader_load          (SecuenciaPeaksLoader *self,
                                                      GError              **error);
/* Pick up assets added since load() (e.g. by an import): their stored
 * waveforms are reported at once, the others decoded in the background. */
gboolean        secuencia_peaks_loader_refresh       (SecuenciaPeaksLoader *self,
                                                      GError              **error);
/* The waveform known for @asset_id, or NULL (transfer none). */
SecuenciaPeaks *secuencia_peaks_loader_lookup        (SecuenciaPeaksLoader *self,
                                                      gint64                asset_id);
/* Every known waveform: gint64* asset id → SecuenciaPeaks* (transfer none). */
GHashTable     *secuencia_peaks_loader_get_all       (SecuenciaPeaksLoader *self);
gboolean        secuencia_peaks_loader_is_busy       (SecuenciaPeaksLoader *self);
/* Stop background decoding (what was stored stays stored); no signal is
 * emitted afterwards. */
void            secuencia_peaks_loader_cancel        (SecuenciaPeaksLoader *self);

G_END_DECLS
