/* secuencia-export-pipeline.c: see the header. */
#include "config.h"

#include "secuencia-bounded-state.h"
#include "secuencia-export-error.h"
#include "secuencia-export-pipeline.h"
#include "secuencia-mixdown.h"
#include "secuencia-thread-priority.h"

#include <glib/gi18n.h>
#include <math.h>

GstElement *
secuencia_export_pipeline_new (const char  *name,
                               GstBus     **bus_out)
{
  GstElement *pipeline = gst_pipeline_new (name);

  g_return_val_if_fail (bus_out != NULL, pipeline);
  *bus_out = gst_element_get_bus (pipeline);
  /* streaming threads (decoders, mixer, encoder, muxer) run below the UI */
  gst_bus_set_sync_handler (*bus_out, secuencia_thread_priority_bus_sync_handler, NULL, NULL);
  return pipeline;
}

GstElement *
secuencia_export_pipeline_make (const char  *factory,
                                GError     **error)
{
  GstElement *e = gst_element_factory_make (factory, NULL);

  if (e == NULL)
    g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                 _("The GStreamer element “%s” is not installed"), factory);
  return e;
}

void
secuencia_export_pipeline_link_error (guint    rate,
                                      guint    channels,
                                      GError **error)
{
  g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
               _("Cannot build the mixdown pipeline (format %u Hz, %u channels)"),
               rate, channels);
}

SecuenciaMixGraph *
secuencia_export_pipeline_add_graph (GstElement    *pipeline,
                                     GPtrArray     *sources,
                                     SecuenciaTime  start,
                                     SecuenciaTime  end,
                                     guint          rate,
                                     guint          channels,
                                     guint64        lead,
                                     GError       **error)
{
  g_autoptr (GError) local_error = NULL;
  SecuenciaMixGraph *graph;

  g_return_val_if_fail (GST_IS_BIN (pipeline), NULL);

  graph = secuencia_mix_graph_new (sources, start, end, rate, channels, lead, &local_error);
  if (graph == NULL)
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR,
                   g_error_matches (local_error, SECUENCIA_MIX_ERROR, SECUENCIA_MIX_ERROR_SOURCE)
                   ? SECUENCIA_EXPORT_ERROR_BAD_ASSET : SECUENCIA_EXPORT_ERROR_FAILED,
                   "%s", local_error->message);
      return NULL;
    }
  gst_bin_add (GST_BIN (pipeline), GST_ELEMENT (graph));
  gst_object_unref (graph);
  return graph;
}

gboolean
secuencia_export_pipeline_add_gain (GstElement        *pipeline,
                                    GstElement       **last,
                                    guint              rate,
                                    guint              channels,
                                    double             gain_db,
                                    double             ceiling_db,
                                    SecuenciaLimiter **limiter_out,
                                    GError           **error)
{
  GstElement *element;

  g_return_val_if_fail (GST_IS_BIN (pipeline) && last != NULL && GST_IS_ELEMENT (*last), FALSE);

  if (limiter_out != NULL)
    *limiter_out = NULL;
  if (!isnan (ceiling_db))
    {
      /* its own delay is compensated inside it */
      SecuenciaLimiter *limiter = secuencia_limiter_new (channels, gain_db, ceiling_db, error);

      if (limiter == NULL)
        return FALSE;
      element = GST_ELEMENT (limiter);
      gst_bin_add (GST_BIN (pipeline), element);
      gst_object_unref (limiter);
      if (limiter_out != NULL)
        *limiter_out = limiter;
    }
  else if (gain_db != 0.0)
    {
      if ((element = secuencia_export_pipeline_make ("volume", error)) == NULL)
        return FALSE;
      gst_bin_add (GST_BIN (pipeline), element);
      /* the element's range is 0 … 10 (+20 dB) */
      g_object_set (element, "volume", CLAMP (pow (10.0, gain_db / 20.0), 0.0, 10.0), NULL);
    }
  else
    return TRUE;
  if (!gst_element_link (*last, element))
    {
      secuencia_export_pipeline_link_error (rate, channels, error);
      return FALSE;
    }
  *last = element;
  return TRUE;
}

gboolean
secuencia_export_pipeline_start (GstElement    *pipeline,
                                 GstBus        *bus,
                                 const char    *output_path,
                                 GCancellable  *cancellable,
                                 gboolean      *abandoned,
                                 GError       **error)
{
  GstStateChangeReturn change = GST_STATE_CHANGE_FAILURE;

  /* cancelling wins even over a start that does not return */
  if (!secuencia_bounded_set_state (pipeline, GST_STATE_PLAYING, SECUENCIA_EXPORT_STATE_CHANGE_US,
                                    cancellable, &change))
    {
      *abandoned = TRUE;
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                     _("GStreamer did not start the mix within %d s"),
                     (int) (SECUENCIA_EXPORT_STATE_CHANGE_US / G_USEC_PER_SEC));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (change == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr (GstMessage) msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      if (msg != NULL)
        secuencia_mixdown_error_from_message (msg, output_path, error);
      else
        g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                     _("Cannot start the mixdown pipeline"));
      return FALSE;
    }
  return TRUE;
}

gboolean
secuencia_export_pipeline_stop (GstElement  *pipeline,
                                gboolean    *abandoned,
                                GError     **error)
{
  if (*abandoned)
    return FALSE;
  if (secuencia_bounded_set_state (pipeline, GST_STATE_NULL, SECUENCIA_EXPORT_STATE_CHANGE_US,
                                   NULL, NULL))
    return TRUE;
  *abandoned = TRUE;
  if (error != NULL && *error == NULL)
    g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                 _("GStreamer did not stop the mix within %d s"),
                 (int) (SECUENCIA_EXPORT_STATE_CHANGE_US / G_USEC_PER_SEC));
  return FALSE;
}
