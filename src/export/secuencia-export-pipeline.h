/* secuencia-export-pipeline.h: what the one-stream mixdown
 * (secuencia-mixdown.c) and the segment-parallel encode
 * (secuencia-parallel-encode.c) build and drive alike: a pipeline whose
 * streaming threads run below the UI, the gain or limiter after the mix,
 * and bounded start and stop with errors in export's words.
 */
#pragma once

#include <gio/gio.h>
#include <gst/gst.h>
#include "secuencia-limiter.h"
#include "secuencia-mix-graph.h"

G_BEGIN_DECLS

/* A state change of an export pipeline takes milliseconds; one that has not
 * returned after this long never will (an element deadlocked). */
#define SECUENCIA_EXPORT_STATE_CHANGE_US (G_GINT64_CONSTANT (20) * G_USEC_PER_SEC)

/* A pipeline named @name (nullable) whose streaming threads run at a lower
 * priority than the UI; @bus_out gets its bus. */
GstElement *secuencia_export_pipeline_new       (const char   *name,
                                                 GstBus      **bus_out);

/* gst_element_factory_make() with an error naming the missing element. */
GstElement *secuencia_export_pipeline_make      (const char   *factory,
                                                 GError      **error);

/* Adds to @pipeline the mix of @sources over [@start, @end) at @rate and
 * @channels after @lead samples of silence (secuencia_mix_graph_new());
 * returns it (owned by the pipeline), or NULL with a BAD_ASSET error naming
 * the source, or FAILED. */
SecuenciaMixGraph *secuencia_export_pipeline_add_graph (GstElement    *pipeline,
                                                        GPtrArray     *sources,
                                                        SecuenciaTime  start,
                                                        SecuenciaTime  end,
                                                        guint          rate,
                                                        guint          channels,
                                                        guint64        lead,
                                                        GError       **error);

/* Adds to @pipeline, linked after *@last (which it then points at), the
 * true-peak limiter at @ceiling_db with @gain_db before it, or with
 * @ceiling_db NAN a plain volume of @gain_db (nothing for 0 dB).
 * *@limiter_out (nullable) gets the limiter, owned by the pipeline. */
gboolean    secuencia_export_pipeline_add_gain  (GstElement        *pipeline,
                                                 GstElement       **last,
                                                 guint              rate,
                                                 guint              channels,
                                                 double             gain_db,
                                                 double             ceiling_db,
                                                 SecuenciaLimiter **limiter_out,
                                                 GError           **error);

/* Sets @pipeline PLAYING within SECUENCIA_EXPORT_STATE_CHANGE_US (or a
 * second after @cancellable fires). FALSE with @error (the bus's error in
 * export's words, naming @output_path, or G_IO_ERROR_CANCELLED) when it
 * failed; *@abandoned is set when the change did not return (the caller
 * must not touch the pipeline again, only drop its reference). */
gboolean    secuencia_export_pipeline_start     (GstElement    *pipeline,
                                                 GstBus        *bus,
                                                 const char    *output_path,
                                                 GCancellable  *cancellable,
                                                 gboolean      *abandoned,
                                                 GError       **error);

/* Sets @pipeline to NULL within SECUENCIA_EXPORT_STATE_CHANGE_US; when that
 * does not return, sets *@abandoned and @error (unless it is already set). */
gboolean    secuencia_export_pipeline_stop      (GstElement    *pipeline,
                                                 gboolean      *abandoned,
                                                 GError       **error);

/* "Cannot build the mixdown pipeline" for a link that failed. */
void        secuencia_export_pipeline_link_error (guint         rate,
                                                  guint         channels,
                                                  GError      **error);

G_END_DECLS
