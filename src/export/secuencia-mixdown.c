/* secuencia-mixdown.c: render placed audio files into one file.
 *
 * One non-live pipeline per pass:
 *
 *   SecuenciaMixGraph (sources → audiomixer) → limiter (gain, true-peak
 *     ceiling, latency compensated) → [meter] → queue → encoder chain of
 *     the format (secuencia-export-format.c) → filesink
 *
 * With a loudness target, a first pass mixes into a meter only (the
 * integrated loudness, or the RMS for ACX) and the second renders with the
 * gain that meets the target; when the limiter took the result more than
 * a few tenths of a LU off, one more pass corrects the gain. Re-mixing was
 * chosen over a temporary float file by measurement (bench/): the mix is
 * cheap next to the encoder, and a float file of a 40-minute timeline
 * would be about 900 MB.
 *
 * The graph (src/mix/) holds only the sources sounding around the mix
 * position and manages its branches from its own thread; this file runs the
 * bus loop in the calling (worker) thread: progress, cancellation, the
 * watchdog, errors in export's words, and the M4A edit list afterwards.
 */
#include "config.h"

#include "secuencia-export-pipeline.h"
#include "secuencia-mixdown.h"
#include "secuencia-limiter.h"
#include "secuencia-mp3-info.h"
#include "secuencia-mp4-edit.h"
#include "secuencia-parallel-encode.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <gst/audio/audio.h>
#include <math.h>
#include <string.h>
#include <sys/statvfs.h>

#define POLL_INTERVAL    (50 * GST_MSECOND)
#define PROGRESS_INTERVAL_US (50 * 1000)
#define WATCHDOG_US      (G_GINT64_CONSTANT (30) * G_USEC_PER_SEC)
#define AAC_PRIMING      1024               /* avenc_aac, samples at the output rate */
#define ENCODER_QUEUE    (3 * GST_SECOND)
/* Lossy encoders overshoot the peaks they are given: keep this much more
 * headroom under the ceiling for them. */
#define LOSSY_HEADROOM_DB 0.5
/* Render again when the result is further than this from a LUFS target. */
#define CORRECT_ABOVE_LU  0.25

#define MSG_CANCEL "secuencia-mixdown-cancel"

typedef enum
{
  PASS_MEASURE,   /* mix → meter, nothing written */
  PASS_RENDER,    /* mix → gain/limiter → meter → encoder → file */
} PassKind;

static gint
compare_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  GstElement        *pipeline;
  SecuenciaMixGraph *graph;         /* owned by the pipeline */
  GstBus            *bus;
  PassKind           kind;
  SecuenciaMixFormat format;
  guint              rate;
  guint              channels;
  guint              bitrate;
  GstTagList        *tags;
  double             gain_db;
  double             ceiling_db;    /* NAN: no limiter */
  SecuenciaLimiter  *limiter;       /* owned by the pipeline, nullable */
  /* fed in a streaming thread; read after the pipeline stopped */
  SecuenciaLoudnessMeter *meter;
  guint64            meter_skip;    /* samples not to measure (the lead-in) */
  GstClockTime       total;         /* the timeline's length, on the grid */
  guint64            total_samples;
  /* M4A only: silence rendered before the timeline so that the AAC stream
   * ends on a frame boundary (see secuencia-mp4-edit.h); the edit list
   * hides it with the priming. */
  guint64            lead_samples;
  char              *output_path;
  char              *faststart_path; /* M4A: the muxer's data file, beside the output */
  /* a state change did not return: the pipeline is left to its thread */
  gboolean           abandoned;
} Mixdown;

static void
mixdown_free (Mixdown *self)
{
  if (self->pipeline != NULL)
    {
      secuencia_export_pipeline_stop (self->pipeline, &self->abandoned, NULL);
      gst_object_unref (self->pipeline);
    }
  g_clear_object (&self->bus);
  if (self->faststart_path != NULL)
    g_unlink (self->faststart_path);
  g_free (self->faststart_path);
  g_clear_pointer (&self->meter, secuencia_loudness_meter_free);
  g_clear_pointer (&self->tags, gst_tag_list_unref);
  g_free (self->output_path);
  g_free (self);
}

static gboolean
make_faststart_file (Mixdown  *self,
                     GError  **error)
{
  self->faststart_path = secuencia_export_make_faststart_file (self->output_path, error);
  return self->faststart_path != NULL;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mixdown, mixdown_free)

gboolean
secuencia_mixdown_check_encoder (GError **error)
{
  g_autoptr (GstElementFactory) enc = NULL;
  g_autoptr (GstElementFactory) mux = NULL;

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  enc = gst_element_factory_find ("avenc_aac");
  if (enc == NULL)
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_NO_ENCODER,
                   _("The AAC encoder (GStreamer element “avenc_aac”) is not installed; "
                     "install the package gstreamer1.0-libav"));
      return FALSE;
    }
  mux = gst_element_factory_find ("mp4mux");
  if (mux == NULL)
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_NO_ENCODER,
                   _("The MP4 muxer (GStreamer element “mp4mux”) is not installed; "
                     "install the package gstreamer1.0-plugins-good"));
      return FALSE;
    }
  return TRUE;
}

/* Streaming thread: what reaches the encoder (or, measuring, the mix). */
static GstPadProbeReturn
meter_probe (GstPad          *pad,
             GstPadProbeInfo *info,
             gpointer         user_data)
{
  Mixdown *self = user_data;
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  GstMapInfo map;
  gsize frames, skip;
  guint bpf = 4 * self->channels;

  if (!gst_buffer_map (buf, &map, GST_MAP_READ))
    return GST_PAD_PROBE_OK;
  frames = map.size / bpf;
  skip = (gsize) MIN ((guint64) frames, self->meter_skip);
  self->meter_skip -= skip;
  secuencia_loudness_meter_add (self->meter, (const float *) (map.data + skip * bpf), frames - skip);
  gst_buffer_unmap (buf, &map);
  return GST_PAD_PROBE_OK;
}

/* The sample rates avenc_aac takes, from its sink template, ascending. */
GArray *
secuencia_mixdown_dup_aac_rates (void)
{
  g_autoptr (GstElementFactory) enc = NULL;
  GArray *rates = g_array_new (FALSE, FALSE, sizeof (guint));
  const GList *templates;

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  enc = gst_element_factory_find ("avenc_aac");
  if (enc == NULL)
    return rates;
  for (templates = gst_element_factory_get_static_pad_templates (enc); templates != NULL;
       templates = templates->next)
    {
      GstStaticPadTemplate *template = templates->data;
      g_autoptr (GstCaps) caps = NULL;

      if (template->direction != GST_PAD_SINK)
        continue;
      caps = gst_static_pad_template_get_caps (template);
      for (guint i = 0; i < gst_caps_get_size (caps); i++)
        {
          const GValue *value = gst_structure_get_value (gst_caps_get_structure (caps, i), "rate");

          if (value != NULL && GST_VALUE_HOLDS_LIST (value))
            for (guint j = 0; j < gst_value_list_get_size (value); j++)
              {
                const GValue *item = gst_value_list_get_value (value, j);

                if (G_VALUE_HOLDS_INT (item) && g_value_get_int (item) > 0)
                  {
                    guint rate = (guint) g_value_get_int (item);
                    g_array_append_val (rates, rate);
                  }
              }
          else if (value != NULL && G_VALUE_HOLDS_INT (value))
            {
              guint rate = (guint) g_value_get_int (value);
              g_array_append_val (rates, rate);
            }
        }
    }
  g_array_sort (rates, compare_uint);
  return rates;
}

gboolean
secuencia_mixdown_check_aac_rate (guint    sample_rate,
                                  GError **error)
{
  g_autoptr (GArray) rates = secuencia_mixdown_dup_aac_rates ();
  g_autoptr (GString) list = g_string_new (NULL);

  if (rates->len == 0)
    return secuencia_mixdown_check_encoder (error);
  for (guint i = 0; i < rates->len; i++)
    {
      if (g_array_index (rates, guint, i) == sample_rate)
        return TRUE;
      g_string_append_printf (list, "%s%u", i > 0 ? ", " : "", g_array_index (rates, guint, i));
    }
  g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_UNSUPPORTED_OPTION,
               _("The AAC encoder cannot take a sample rate of %u Hz; it takes %s Hz"),
               sample_rate, list->str);
  return FALSE;
}

guint
secuencia_mixdown_max_aac_bitrate (guint sample_rate,
                                   guint channels)
{
  /* The encoder clamps to 6144 bits per channel per 1024-sample frame;
   * above 160 kbit/s per channel it stops spending more bits. */
  guint64 frame_limit = (guint64) 6144 * channels * sample_rate / 1024;

  return (guint) MIN (frame_limit, (guint64) 160000 * channels);
}

static gboolean
build_pipeline (Mixdown    *self,
                GPtrArray  *sources,
                GError    **error)
{
  SecuenciaMixGraph *graph;
  g_autoptr (GstPad) meter_pad = NULL;
  GstElement *last, *queue, *sink, *first_enc, *last_enc;

  self->pipeline = secuencia_export_pipeline_new ("secuencia-mixdown", &self->bus);

  graph = secuencia_export_pipeline_add_graph (self->pipeline, sources, 0, (SecuenciaTime) self->total,
                                               self->rate, self->channels, self->lead_samples, error);
  if (graph == NULL)
    return FALSE;
  g_assert (secuencia_mix_graph_get_n_samples (graph) == self->total_samples);
  self->graph = graph;
  last = GST_ELEMENT (graph);

  if (self->kind == PASS_MEASURE)
    {
      if ((sink = secuencia_export_pipeline_make ("fakesink", error)) == NULL)
        return FALSE;
      gst_bin_add (GST_BIN (self->pipeline), sink);
      g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
      if (!gst_element_link (last, sink))
        goto link_failed;
      meter_pad = gst_element_get_static_pad (sink, "sink");
      gst_pad_add_probe (meter_pad, GST_PAD_PROBE_TYPE_BUFFER, meter_probe, self, NULL);
      return TRUE;
    }

  if (!secuencia_export_pipeline_add_gain (self->pipeline, &last, self->rate, self->channels,
                                           self->gain_db, self->ceiling_db, &self->limiter, error))
    return FALSE;

  if ((queue = secuencia_export_pipeline_make ("queue", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self->pipeline), queue);
  if ((sink = secuencia_export_pipeline_make ("filesink", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self->pipeline), sink);
  g_object_set (queue, "max-size-buffers", 0, "max-size-bytes", 0,
                "max-size-time", (guint64) ENCODER_QUEUE, NULL);
  g_object_set (sink, "location", self->output_path, "sync", FALSE, "async", FALSE, NULL);
  if (!gst_element_link (last, queue))
    goto link_failed;
  /* measured where the mixer's thread has time to spare, before the queue */
  meter_pad = gst_element_get_static_pad (queue, "sink");
  gst_pad_add_probe (meter_pad, GST_PAD_PROBE_TYPE_BUFFER, meter_probe, self, NULL);

  if ((self->format == SECUENCIA_MIX_FORMAT_M4A || self->format == SECUENCIA_MIX_FORMAT_M4B) &&
      !make_faststart_file (self, error))
    return FALSE;
  if (!secuencia_export_format_build (self->format, self->bitrate, self->tags, self->faststart_path,
                                      GST_BIN (self->pipeline), &first_enc, &last_enc, error))
    return FALSE;
  if (!gst_element_link (queue, first_enc) || !gst_element_link (last_enc, sink))
    goto link_failed;
  return TRUE;

link_failed:
  secuencia_export_pipeline_link_error (self->rate, self->channels, error);
  return FALSE;
}

static gboolean
little_space_left (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct statvfs st;

  if (statvfs (dir, &st) != 0)
    return FALSE;
  return (guint64) st.f_bavail * st.f_frsize < 1024 * 1024;
}

static void
set_error_from_message (Mixdown    *self,
                        GstMessage *msg,
                        GError    **error)
{
  g_autoptr (GError) gerr = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (msg, &gerr, &debug);
  g_debug ("mixdown error from %s: %s (%s)", GST_MESSAGE_SRC_NAME (msg), gerr->message,
           debug ? debug : "");

  /* the graph names the source */
  if (gerr->domain == SECUENCIA_MIX_ERROR)
    {
      g_set_error_literal (error, SECUENCIA_EXPORT_ERROR,
                           gerr->code == SECUENCIA_MIX_ERROR_SOURCE
                           ? SECUENCIA_EXPORT_ERROR_BAD_ASSET : SECUENCIA_EXPORT_ERROR_FAILED,
                           gerr->message);
      return;
    }
  if (gerr->domain == GST_RESOURCE_ERROR)
    {
      if (gerr->code == GST_RESOURCE_ERROR_NO_SPACE_LEFT ||
          (gerr->code == GST_RESOURCE_ERROR_WRITE && little_space_left (self->output_path)))
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DISK_FULL,
                       _("Not enough disk space to write “%s”: %s"), self->output_path,
                       gerr->message);
          return;
        }
      if (gerr->code == GST_RESOURCE_ERROR_OPEN_WRITE ||
          gerr->code == GST_RESOURCE_ERROR_OPEN_READ_WRITE ||
          gerr->code == GST_RESOURCE_ERROR_NOT_FOUND ||
          gerr->code == GST_RESOURCE_ERROR_NOT_AUTHORIZED ||
          gerr->code == GST_RESOURCE_ERROR_WRITE)
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION,
                       _("Cannot write “%s”: %s"), self->output_path, gerr->message);
          return;
        }
    }
  g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
               _("Mixing failed in %s: %s"), GST_MESSAGE_SRC_NAME (msg), gerr->message);
}

void
secuencia_mixdown_error_from_message (GstMessage *message,
                                      const char *output_path,
                                      GError    **error)
{
  Mixdown view = { 0 };

  view.output_path = (char *) output_path;
  set_error_from_message (&view, message, error);
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GstBus *bus = user_data;

  gst_bus_post (bus, gst_message_new_application (NULL, gst_structure_new_empty (MSG_CANCEL)));
}

/* Progress over all passes: pass @index of @count. */
typedef struct
{
  SecuenciaMixProgressFunc func;
  gpointer                 data;
  guint                    index;
  guint                    count;
} Progress;

static void
report_progress (const Progress *progress,
                 GstClockTime    pos,
                 GstClockTime    total)
{
  double f;

  if (progress->func == NULL || total == 0)
    return;
  f = (progress->index + (double) MIN (pos, total) / total) / progress->count;
  progress->func ((SecuenciaTime) (f * total), (SecuenciaTime) total, progress->data);
}

static void
parallel_progress (SecuenciaTime position,
                   SecuenciaTime total,
                   gpointer      user_data)
{
  report_progress (user_data, (GstClockTime) position, (GstClockTime) total);
}

/* The bus loop; returns with the pipeline still running. */
static gboolean
run_loop (Mixdown                  *self,
          const Progress           *progress,
          GCancellable             *cancellable,
          GError                  **error)
{
  gint64 last_report = 0, last_change = g_get_monotonic_time ();
  GstClockTime last_pos = 0;

  for (;;)
    {
      g_autoptr (GstMessage) msg = NULL;
      GstClockTime pos;
      gint64 now;

      msg = gst_bus_timed_pop_filtered (self->bus, POLL_INTERVAL,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR |
                                        GST_MESSAGE_APPLICATION);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (msg != NULL)
        {
          switch (GST_MESSAGE_TYPE (msg))
            {
            case GST_MESSAGE_EOS:
              report_progress (progress, self->total, self->total);
              return TRUE;
            case GST_MESSAGE_ERROR:
              set_error_from_message (self, msg, error);
              return FALSE;
            default:
              break;
            }
        }

      now = g_get_monotonic_time ();
      pos = secuencia_mix_graph_get_position (self->graph);
      if (pos != last_pos)
        {
          last_pos = pos;
          last_change = now;
        }
      else if (now - last_change > WATCHDOG_US)
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                       _("Mixing stalled at %.3f s for %d s"),
                       (double) pos / GST_SECOND, (int) (WATCHDOG_US / G_USEC_PER_SEC));
          return FALSE;
        }
      if (now - last_report >= PROGRESS_INTERVAL_US)
        {
          last_report = now;
          report_progress (progress, pos, self->total);
        }
    }
}

typedef struct
{
  PassKind  kind;
  double    gain_db;
  double    ceiling_db;     /* NAN: no limiter */
} Pass;

static gboolean
mixdown_render (GPtrArray                 *sources,
                SecuenciaTime              total,
                const SecuenciaMixOptions *options,
                const Pass                *pass,
                const char                *output_path,
                const Progress            *progress,
                GCancellable              *cancellable,
                SecuenciaMixStats         *stats_out,
                SecuenciaLoudnessStats    *measured,
                guint                     *limiter_latency,
                gboolean                  *retryable,
                GError                   **error)
{
  g_autoptr (Mixdown) self = NULL;
  gulong cancel_id = 0;
  gboolean ok;
  gboolean mp4;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  self = g_new0 (Mixdown, 1);
  self->kind = pass->kind;
  self->format = options->format;
  self->rate = secuencia_export_format_pick_rate (options->format, options->sample_rate);
  self->channels = options->channels > 0 ? options->channels : 2;
  self->bitrate = options->bitrate > 0 ? options->bitrate : 192000;
  self->tags = options->tags != NULL ? gst_tag_list_ref (options->tags) : NULL;
  self->gain_db = pass->gain_db;
  self->ceiling_db = pass->ceiling_db;
  self->total_samples = secuencia_mix_graph_count_samples (0, total, self->rate);
  self->total = gst_util_uint64_scale_round (self->total_samples, GST_SECOND, self->rate);
  mp4 = self->format == SECUENCIA_MIX_FORMAT_M4A || self->format == SECUENCIA_MIX_FORMAT_M4B;
  self->lead_samples = mp4 && pass->kind == PASS_RENDER
    ? secuencia_mp4_aac_lead_in (self->total_samples) : 0;
  self->meter_skip = self->lead_samples;
  self->meter = secuencia_loudness_meter_new (self->channels, self->rate,
                                              pass->kind == PASS_RENDER
                                              ? SECUENCIA_LOUDNESS_METER_FULL
                                              : SECUENCIA_LOUDNESS_METER_INTEGRATED);
  self->output_path = g_strdup (output_path);

  if (!build_pipeline (self, sources, error))
    return FALSE;

  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled),
                                       gst_object_ref (self->bus), gst_object_unref);

  ok = secuencia_export_pipeline_start (self->pipeline, self->bus, self->output_path, cancellable,
                                        &self->abandoned, error) &&
       run_loop (self, progress, cancellable, error);

  /* Stop everything (the graph unblocks its mixer first); an element that
   * deadlocked is left behind rather than waited for. */
  if (!secuencia_export_pipeline_stop (self->pipeline, &self->abandoned, error))
    ok = FALSE;
  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);

  if (self->abandoned)
    {
      *retryable = FALSE;
      return FALSE;
    }
  if (stats_out != NULL)
    secuencia_mix_graph_get_stats (self->graph, stats_out);
  *retryable = !ok && secuencia_mix_graph_is_retryable (self->graph);
  if (ok)
    secuencia_loudness_meter_get (self->meter, measured);
  if (self->limiter != NULL)
    *limiter_latency = secuencia_limiter_get_latency (self->limiter);

  if (ok && pass->kind == PASS_RENDER && mp4)
    ok = secuencia_mp4_set_audio_edit (output_path, AAC_PRIMING + self->lead_samples,
                                       self->total_samples, error);
  if (ok && pass->kind == PASS_RENDER && self->format == SECUENCIA_MIX_FORMAT_MP3)
    {
      g_autoptr (GError) local_error = NULL;

      if (!secuencia_mp3_write_info_frame (output_path, SECUENCIA_LAME_ENCODER_DELAY,
                                           self->total_samples, &local_error))
        {
          g_set_error_literal (error, SECUENCIA_EXPORT_ERROR,
                               local_error->code == G_IO_ERROR_NO_SPACE
                               ? SECUENCIA_EXPORT_ERROR_DISK_FULL : SECUENCIA_EXPORT_ERROR_FAILED,
                               local_error->message);
          ok = FALSE;
        }
    }
  return ok;
}

#define MAX_RENDERS 3

/* One pass, rendered again (up to MAX_RENDERS) after decodebin's start-up
 * race. */
static gboolean
run_pass (GPtrArray                 *sources,
          SecuenciaTime              total,
          const SecuenciaMixOptions *options,
          const Pass                *pass,
          const char                *output_path,
          const Progress            *progress,
          GCancellable              *cancellable,
          SecuenciaMixStats         *stats_out,
          SecuenciaLoudnessStats    *measured,
          guint                     *limiter_latency,
          GError                   **error)
{
  /* the encode on several cores (the measuring pass writes nothing) */
  if (pass->kind == PASS_RENDER && secuencia_parallel_encode_applies (options, total))
    return secuencia_parallel_encode_run (sources, total, options, pass->gain_db, pass->ceiling_db,
                                          output_path, parallel_progress, (gpointer) progress,
                                          cancellable, stats_out, measured, limiter_latency, error);

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr (GError) local_error = NULL;
      gboolean retryable = FALSE;

      if (mixdown_render (sources, total, options, pass, output_path, progress, cancellable,
                          stats_out, measured, limiter_latency, &retryable, &local_error))
        return TRUE;
      /* A branch lost decodebin's start-up race after some of it was
       * mixed, so it cannot be rebuilt in place: render again. */
      if (!retryable || attempt >= MAX_RENDERS)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_info ("rendering again after: %s", local_error->message);
    }
}

gboolean
secuencia_mixdown_run_full (GPtrArray                 *sources,
                            SecuenciaTime              total,
                            const SecuenciaMixOptions *options,
                            const char                *output_path,
                            SecuenciaMixProgressFunc   progress_func,
                            gpointer                   progress_data,
                            GCancellable              *cancellable,
                            SecuenciaMixStats         *stats_out,
                            SecuenciaMixReport        *report_out,
                            GError                   **error)
{
  static const SecuenciaMixOptions defaults = SECUENCIA_MIX_OPTIONS_INIT;
  SecuenciaMixReport report = { 0 };
  Progress progress = { progress_func, progress_data, 0, 1 };
  Pass pass = { PASS_RENDER, 0.0, NAN };
  gboolean target = FALSE;
  double ceiling, aim = NAN;

  g_return_val_if_fail (sources != NULL, FALSE);
  g_return_val_if_fail (total > 0, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  g_return_val_if_fail (options->format < SECUENCIA_MIX_N_FORMATS, FALSE);
  if (stats_out != NULL)
    memset (stats_out, 0, sizeof *stats_out);
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  if (!secuencia_export_format_check (options->format, error))
    return FALSE;

  ceiling = secuencia_loudness_target_get_ceiling (&options->loudness);
  report.ceiling_db = options->no_limiter ? NAN : ceiling;
  pass.ceiling_db = options->no_limiter ? NAN
    : ceiling - (secuencia_export_format_get_info (options->format)->lossy ? LOSSY_HEADROOM_DB : 0.0);
  if (!options->no_limiter &&
      !secuencia_limiter_check (options->channels > 0 ? options->channels : 2, error))
    return FALSE;

  target = options->loudness.kind != SECUENCIA_LOUDNESS_OFF;
  if (target)
    {
      Pass measure = { PASS_MEASURE, 0.0, NAN };
      guint unused = 0;

      progress.count = 2;
      if (!run_pass (sources, total, options, &measure, output_path, &progress, cancellable,
                     NULL, &report.original, &unused, error))
        return FALSE;
      pass.gain_db = secuencia_loudness_gain_for_target (&options->loudness, &report.original);
      progress.index = 1;
      report.passes = 1;
      aim = options->loudness.kind == SECUENCIA_LOUDNESS_ACX
        ? SECUENCIA_ACX_RMS_AIM : secuencia_loudness_target_get_lufs (&options->loudness);
    }

  for (;;)
    {
      double reached, miss;

      if (!run_pass (sources, total, options, &pass, output_path, &progress, cancellable,
                     stats_out, &report.measured, &report.limiter_latency, error))
        return FALSE;
      report.passes++;
      report.gain_db = pass.gain_db;
      if (!target)
        break;
      /* The limiter takes some loudness off the peaks: correct once. */
      reached = options->loudness.kind == SECUENCIA_LOUDNESS_ACX
        ? report.measured.rms : report.measured.integrated;
      miss = aim - reached;
      if (!isfinite (miss) || fabs (miss) <= CORRECT_ABOVE_LU || report.passes > 2)
        break;
      /* A secant step from the last two points (the raw mix at 0 dB and
       * this render): where the limiter works, a dB of gain brings less
       * than a dB of loudness. */
      {
        double start = options->loudness.kind == SECUENCIA_LOUDNESS_ACX
          ? report.original.rms : report.original.integrated;
        double slope = 1.0;

        if (isfinite (start) && fabs (reached - start) > 0.1 && pass.gain_db * (reached - start) > 0)
          slope = CLAMP (pass.gain_db / (reached - start), 1.0, 4.0);
        g_debug ("loudness %.2f after a gain of %.2f dB, aiming at %.2f: rendering again "
                 "(%.2f dB per LU)", reached, pass.gain_db, aim, slope);
        pass.gain_db = CLAMP (pass.gain_db + miss * slope, -40.0, 40.0);
      }
      progress.count++;
      progress.index++;
    }

  report.target_met = secuencia_loudness_target_met (&options->loudness, &report.measured);
  if (report_out != NULL)
    *report_out = report;
  return TRUE;
}

gboolean
secuencia_mixdown_run (GPtrArray                 *sources,
                       SecuenciaTime              total,
                       const SecuenciaMixOptions *options,
                       const char                *output_path,
                       SecuenciaMixProgressFunc   progress_func,
                       gpointer                   progress_data,
                       GCancellable              *cancellable,
                       GError                   **error)
{
  return secuencia_mixdown_run_full (sources, total, options, output_path, progress_func,
                                     progress_data, cancellable, NULL, NULL, error);
}
