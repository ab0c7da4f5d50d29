/* secuencia-parallel-encode.c: segment-parallel AAC export.
 *
 * Coordinates (all in samples at the output rate):
 *   encoder input x ∈ [0, T): L samples of lead-in silence, then the N
 *   samples of the timeline (timeline sample = x − L), T = L + N a whole
 *   number of 1024-sample frames (secuencia_mp4_aac_lead_in()).
 *   A single avenc_aac stream gives F = T/1024 + 1 frames: frame j is the
 *   MDCT of input [(j − 1)·1024, (j + 1)·1024), frame 0 the priming.
 * Segment k keeps frames [b_k, b_{k+1}) of that stream. Its encoder starts
 * at frame s_k = max(0, b_k − P) (P frames of pre-roll of the real mix)
 * and is fed input up to frame e_k = min(b_{k+1} + LOOKAHEAD, F − 1), so it
 * makes e_k − s_k + 1 frames of which local frame i is global s_k + i.
 * The first segment starts where a single stream starts; the last ends
 * where it ends (the encoder's own flush), so the frames at both ends are
 * those of one stream.
 *
 * Threads: this function's caller coordinates (starts segment pipelines,
 * polls their buses, joins frames in order into the muxer pipeline,
 * reports progress, cancels); every pipeline runs on its own streaming
 * threads; appsink callbacks only append to their segment's frames.
 *
 * Memory: a segment writes the frames it contributes (only those) to a
 * file of its own beside the output, unlinked as soon as it is created so
 * that nothing is left behind whatever happens; the joiner reads them back
 * a bounded amount at a time (JOIN_QUEUE_BYTES) and mp4mux writes them to
 * its data file at once. So memory does not grow with the timeline: a
 * segment that waits for an earlier one to finish costs disk, not RAM.
 */
#include "config.h"

#include "secuencia-export-format.h"
#include "secuencia-export-pipeline.h"
#include "secuencia-limiter.h"
#include "secuencia-loudness.h"
#include "secuencia-mp4-edit.h"
#include "secuencia-parallel-encode.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#define FRAME            1024
#define AAC_PRIMING      1024
#define LOOKAHEAD_FRAMES 2
#define MIN_SEGMENT_MS   30000
#define MAX_SEGMENT_MS   600000
#define SEGMENTS_PER_JOB 4
#define MAX_ATTEMPTS     3
/* How much further back a pre-roll may start to begin in a gap */
#define MAX_EXTRA_PREROLL_MS 60000
#define POLL_US          (10 * 1000)
#define PROGRESS_INTERVAL_US (50 * 1000)
#define WATCHDOG_US      (G_GINT64_CONSTANT (30) * G_USEC_PER_SEC)
#define STATE_CHANGE_US  SECUENCIA_EXPORT_STATE_CHANGE_US
#define ENCODER_QUEUE    (GST_SECOND)
/* Joined frames waiting in the muxer's appsrc, at most (bytes) */
#define JOIN_QUEUE_BYTES (256 * 1024)
/* A segment's frames are written to its file in blocks of this size */
#define SPILL_BLOCK      (64 * 1024)
#define TP_RAMP          1024

typedef struct
{
  guint              index;
  guint64            b0, b1;          /* kept frames [b0, b1) */
  guint64            s, e;            /* encoder input frames [s, e) */
  guint              attempts;
  GstElement        *pipeline;
  GstBus            *bus;
  SecuenciaMixGraph *graph;           /* owned by the pipeline */
  GMutex             lock;
  /* under lock: the kept frames [b0, b1) received so far, back to back in
   * the file @fd (unlinked) and then in @block, their sizes in @sizes
   * (guint32); the count of all frames received (pre-roll and look-ahead
   * included); the encoder's caps; errno of a failed write */
  int                fd;
  guint8            *block;
  gsize              block_len;
  guint64            written;
  GArray            *sizes;
  guint64            received;
  GstCaps           *caps;
  int                write_errno;
  gboolean           running;
  gboolean           done;
  gboolean           joined;
  gboolean           abandoned;       /* a state change did not return */
  gint64             started_us;      /* for the debug log (benchmarks) */
  /* the loudness of the kept part: input samples [m0, m1) */
  SecuenciaLoudnessMeter *meter;      /* fed in a streaming thread */
  /* the true peak: the kept part after TP_RAMP samples before it faded
   * in, so that its oversampling filter starts as if it had run all
   * along (a meter started on a running signal sees a step and
   * overshoots) */
  SecuenciaLoudnessMeter *tp_meter;
  guint64            m0, m1;
  guint64            metered_pos;     /* input samples seen by the probe */
  guint              limiter_latency;
  gpointer           parent;          /* Parallel */
} Segment;

typedef struct
{
  GPtrArray         *sources;         /* borrowed */
  guint              rate, channels, bitrate;
  SecuenciaMixFormat format;
  GstTagList        *tags;            /* borrowed, nullable */
  double             gain_db;
  double             ceiling_db;      /* NAN: no limiter */
  guint64            n_samples, lead, n_frames;
  GstClockTime       total;
  const char        *output_path;
  char              *faststart_path;
  Segment           *segments;
  guint              n_segments;
  guint              jobs;
  guint64            work;            /* input frames over all segments */
  GMutex             wake_lock;
  GCond              wake;
  gboolean           woken;
  GstElement        *joiner;
  GstBus            *joiner_bus;
  GstAppSrc         *appsrc;
  gboolean           joiner_abandoned;
  guint              next_join;
  /* the frames of segment next_join being pushed: their sizes (NULL
   * until it is done), the next one and its offset in the segment's file */
  GArray            *join_sizes;
  guint              join_index;
  guint64            join_offset;
  SecuenciaMixStats  stats;
} Parallel;

static gboolean
format_is_parallel (const SecuenciaMixOptions *options)
{
  /* AAC frames join seamlessly: every frame is independent once the
   * decoder has the previous one (overlap), and the encoder's state is
   * rebuilt by the pre-roll. The 32-bit WAV is no encode at all. */
  return options->format == SECUENCIA_MIX_FORMAT_M4A || options->format == SECUENCIA_MIX_FORMAT_M4B;
}

guint
secuencia_parallel_encode_resolve_jobs (guint jobs)
{
  return jobs > 0 ? jobs : (guint) MAX (1, g_get_num_processors ());
}

static void
wake_up (Parallel *self)
{
  g_mutex_lock (&self->wake_lock);
  self->woken = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->wake_lock);
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  wake_up (user_data);
}

static void
segment_stop (Segment *seg)
{
  if (seg->pipeline != NULL)
    {
      secuencia_export_pipeline_stop (seg->pipeline, &seg->abandoned, NULL);
      gst_object_unref (seg->pipeline);
      seg->pipeline = NULL;
      seg->graph = NULL;
    }
  g_clear_object (&seg->bus);
  seg->running = FALSE;
}

static gpointer
segment_stop_thread (gpointer data)
{
  segment_stop (data);
  return NULL;
}

/* Every running worker stopped at once (each stop waits for its streaming
 * threads: one after the other would add up past a cancel's 100 ms). */
static void
stop_all (Parallel *self)
{
  g_autoptr (GPtrArray) threads = g_ptr_array_new ();

  for (guint k = 0; k < self->n_segments; k++)
    if (self->segments[k].pipeline != NULL)
      g_ptr_array_add (threads, g_thread_new ("secuencia-stop", segment_stop_thread,
                                              &self->segments[k]));
  if (self->joiner != NULL)
    secuencia_export_pipeline_stop (self->joiner, &self->joiner_abandoned, NULL);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
}

static void
parallel_free (Parallel *self)
{
  for (guint i = 0; i < self->n_segments; i++)
    {
      Segment *seg = &self->segments[i];

      segment_stop (seg);
      if (seg->fd >= 0)
        g_close (seg->fd, NULL);
      g_free (seg->block);
      g_clear_pointer (&seg->sizes, g_array_unref);
      g_clear_pointer (&seg->caps, gst_caps_unref);
      g_clear_pointer (&seg->meter, secuencia_loudness_meter_free);
      g_clear_pointer (&seg->tp_meter, secuencia_loudness_meter_free);
      g_mutex_clear (&seg->lock);
    }
  g_free (self->segments);
  g_clear_pointer (&self->join_sizes, g_array_unref);
  if (self->joiner != NULL)
    {
      secuencia_export_pipeline_stop (self->joiner, &self->joiner_abandoned, NULL);
      gst_object_unref (self->joiner);
    }
  g_clear_object (&self->joiner_bus);
  if (self->faststart_path != NULL)
    g_unlink (self->faststart_path);
  g_free (self->faststart_path);
  g_mutex_clear (&self->wake_lock);
  g_cond_clear (&self->wake);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parallel, parallel_free)

/* Where the encoder of a segment that keeps frames from @join starts (a
 * frame): @wanted, or earlier so that no source that still sounds at the
 * join is trimmed in at the graph's start. Such a source is aligned only to
 * the nearest of its own samples there, which for a source at another rate
 * than the output is a fraction of a sample off the whole-timeline render:
 * audible at the join, as a difference from the frames before it. Sources
 * that end before the join only affect dropped pre-roll frames. Gives up
 * (keeps @wanted) when no such point is within MAX_EXTRA_PREROLL_MS, e.g.
 * under a bed that runs throughout. */
static guint64
preroll_start (Parallel *self,
               guint64   wanted,
               guint64   join)
{
  guint64 limit_frames = (guint64) MAX_EXTRA_PREROLL_MS * self->rate / 1000 / FRAME;
  /* decoded frame j overlaps input from (j − 2)·1024 */
  gint64 join_sample = (gint64) (MAX (join, 2) - 2) * FRAME - (gint64) self->lead;
  guint64 x = wanted;

  for (;;)
    {
      gint64 c = (gint64) (x * FRAME) - (gint64) self->lead;
      gint64 earliest = G_MAXINT64;

      if (x == 0 || c <= 0)
        return 0;
      for (guint i = 0; i < self->sources->len; i++)
        {
          const SecuenciaMixSource *src = g_ptr_array_index (self->sources, i);
          gint64 a = (gint64) gst_util_uint64_scale_round ((guint64) src->offset, self->rate, GST_SECOND);
          gint64 b = (gint64) gst_util_uint64_scale_round ((guint64) (src->offset + src->duration),
                                                           self->rate, GST_SECOND);

          if (a < c && c < b && b > join_sample)
            earliest = MIN (earliest, a);
        }
      if (earliest == G_MAXINT64)
        return x;
      x = (guint64) (earliest + (gint64) self->lead) / FRAME;
      if (x + limit_frames < wanted)
        return wanted;
    }
}

/* The segment plan: ~SEGMENTS_PER_JOB segments per worker so that an
 * uneven segment does not leave a core idle long, none shorter than
 * MIN_SEGMENT_MS so that the pre-roll stays a small part of the work. */
static void
plan_segments (Parallel *self,
               guint     segment_ms,
               guint64   preroll_frames)
{
  guint64 seg_frames;

  if (segment_ms > 0)
    seg_frames = (guint64) segment_ms * self->rate / 1000 / FRAME;
  else
    {
      guint64 min_frames = (guint64) MIN_SEGMENT_MS * self->rate / 1000 / FRAME;
      guint64 max_frames = (guint64) MAX_SEGMENT_MS * self->rate / 1000 / FRAME;

      seg_frames = self->n_frames / ((guint64) self->jobs * SEGMENTS_PER_JOB);
      seg_frames = CLAMP (seg_frames, min_frames, max_frames);
    }
  seg_frames = MAX (seg_frames, 1);
  self->n_segments = (guint) MAX (1, (self->n_frames + seg_frames / 2) / seg_frames);
  self->segments = g_new0 (Segment, self->n_segments);
  self->work = 0;
  for (guint k = 0; k < self->n_segments; k++)
    {
      Segment *seg = &self->segments[k];

      seg->index = k;
      seg->b0 = self->n_frames * k / self->n_segments;
      seg->b1 = self->n_frames * (k + 1) / self->n_segments;
      seg->s = seg->b0 > preroll_frames ? seg->b0 - preroll_frames : 0;
      if (self->sources != NULL)
        seg->s = preroll_start (self, seg->s, seg->b0);
      seg->e = MIN (seg->b1 + LOOKAHEAD_FRAMES, self->n_frames - 1);
      /* decoded frame j is input [(j − 1)·1024, j·1024) */
      seg->m0 = MAX (self->lead, seg->b0 > 0 ? (seg->b0 - 1) * FRAME : 0);
      seg->m1 = MIN (self->lead + self->n_samples, (seg->b1 - 1) * FRAME);
      seg->parent = self;
      seg->fd = -1;
      g_mutex_init (&seg->lock);
      self->work += seg->e - seg->s;
    }
}

/* Appends the block to the segment's file; under its lock. */
static gboolean
spill (Segment *seg)
{
  gsize done = 0;

  while (done < seg->block_len)
    {
      ssize_t n = pwrite (seg->fd, seg->block + done, seg->block_len - done,
                          (off_t) (seg->written + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          seg->write_errno = n < 0 ? errno : ENOSPC;
          return FALSE;
        }
      done += (gsize) n;
    }
  seg->written += seg->block_len;
  seg->block_len = 0;
  return TRUE;
}

/* A file for a segment's frames beside @output_path, already unlinked. */
static int
open_spill_file (const char  *output_path,
                 GError     **error)
{
  g_autofree char *path = NULL;
  int fd = secuencia_export_open_temp_file (output_path, ".part", &path, error);

  if (fd >= 0)
    g_unlink (path);
  return fd;
}

/* The error of a segment whose frames could not be written, or FALSE. */
static gboolean
spill_error (Parallel  *self,
             Segment   *seg,
             GError   **error)
{
  int saved_errno;

  g_mutex_lock (&seg->lock);
  saved_errno = seg->write_errno;
  g_mutex_unlock (&seg->lock);
  if (saved_errno == 0)
    return FALSE;
  g_set_error (error, SECUENCIA_EXPORT_ERROR,
               saved_errno == ENOSPC || saved_errno == EDQUOT
               ? SECUENCIA_EXPORT_ERROR_DISK_FULL : SECUENCIA_EXPORT_ERROR_DESTINATION,
               saved_errno == ENOSPC || saved_errno == EDQUOT
               ? _("Not enough disk space to write “%s”: %s")
               : _("Cannot write “%s”: %s"), self->output_path, g_strerror (saved_errno));
  return TRUE;
}

static GstFlowReturn
on_new_sample (GstAppSink *sink,
               gpointer    user_data)
{
  Segment *seg = user_data;
  g_autoptr (GstSample) sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buf;
  guint64 j;

  if (sample == NULL)
    return GST_FLOW_EOS;
  buf = gst_sample_get_buffer (sample);
  g_mutex_lock (&seg->lock);
  if (seg->caps == NULL && gst_sample_get_caps (sample) != NULL)
    seg->caps = gst_caps_ref (gst_sample_get_caps (sample));
  /* local frame i is global frame s + i; only [b0, b1) is kept */
  j = seg->s + seg->received++;
  if (j >= seg->b0 && j < seg->b1 && buf != NULL && seg->write_errno == 0)
    {
      guint32 size = (guint32) gst_buffer_get_size (buf);

      if (seg->block_len + size > SPILL_BLOCK && !spill (seg))
        {
          g_mutex_unlock (&seg->lock);
          return GST_FLOW_ERROR;
        }
      if (size > SPILL_BLOCK - seg->block_len)
        seg->block = g_realloc (seg->block, seg->block_len + size);
      gst_buffer_extract (buf, 0, seg->block + seg->block_len, size);
      seg->block_len += size;
      g_array_append_val (seg->sizes, size);
    }
  g_mutex_unlock (&seg->lock);
  return GST_FLOW_OK;
}

/* Meters the kept part of the signal the encoder gets. */
static GstPadProbeReturn
meter_probe (GstPad          *pad,
             GstPadProbeInfo *info,
             gpointer         user_data)
{
  Segment *seg = user_data;
  Parallel *self = seg->parent;
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  guint bpf = 4 * self->channels;
  guint64 x0, x1, a, b;
  GstMapInfo map;

  if (!gst_buffer_map (buf, &map, GST_MAP_READ))
    return GST_PAD_PROBE_OK;
  x0 = seg->s * FRAME + seg->metered_pos;
  x1 = x0 + map.size / bpf;
  seg->metered_pos += map.size / bpf;
  a = MAX (x0, seg->m0);
  b = MIN (x1, seg->m1);
  /* first the fade-in before the kept part (none for the first part,
   * which starts as one stream does) */
  if (seg->m0 >= seg->s * FRAME + TP_RAMP && seg->b0 > 0)
    {
      guint64 ra = MAX (x0, seg->m0 - TP_RAMP), rb = MIN (x1, seg->m0);

      if (ra < rb)
        {
          g_autofree float *ramp = g_new (float, (rb - ra) * self->channels);
          const float *in = (const float *) (map.data + (ra - x0) * bpf);

          for (guint64 i = 0; i < rb - ra; i++)
            {
              double w = sin (G_PI / 2 * (double) (ra + i - (seg->m0 - TP_RAMP)) / TP_RAMP);

              for (guint c = 0; c < self->channels; c++)
                ramp[i * self->channels + c] = (float) (in[i * self->channels + c] * w * w);
            }
          secuencia_loudness_meter_add (seg->tp_meter, ramp, rb - ra);
        }
    }
  if (a < b)
    {
      secuencia_loudness_meter_add (seg->meter, (const float *) (map.data + (a - x0) * bpf), b - a);
      secuencia_loudness_meter_add (seg->tp_meter, (const float *) (map.data + (a - x0) * bpf), b - a);
    }
  gst_buffer_unmap (buf, &map);
  return GST_PAD_PROBE_OK;
}

static gboolean
segment_build (Parallel  *self,
               Segment   *seg,
               GError   **error)
{
  SecuenciaMixGraph *graph;
  GstAppSinkCallbacks callbacks = { 0 };
  guint64 x0 = seg->s * FRAME, x1 = seg->e * FRAME;
  guint64 lead = x0 < self->lead ? self->lead - x0 : 0;
  guint64 t0 = x0 + lead - self->lead, t1 = x1 - self->lead;
  GstElement *last, *queue, *convert, *enc, *sink;
  SecuenciaLimiter *limiter = NULL;
  g_autoptr (GstPad) meter_pad = NULL;

  seg->pipeline = secuencia_export_pipeline_new (NULL, &seg->bus);
  graph = secuencia_export_pipeline_add_graph (seg->pipeline, self->sources,
                                               (SecuenciaTime) gst_util_uint64_scale_ceil (t0, GST_SECOND, self->rate),
                                               (SecuenciaTime) gst_util_uint64_scale_ceil (t1, GST_SECOND, self->rate),
                                               self->rate, self->channels, lead, error);
  if (graph == NULL)
    return FALSE;
  g_assert (secuencia_mix_graph_get_n_samples (graph) == t1 - t0);
  seg->graph = graph;
  last = GST_ELEMENT (graph);
  /* gain and limiter as in one stream; the pre-roll settles the
   * limiter's envelope */
  if (!secuencia_export_pipeline_add_gain (seg->pipeline, &last, self->rate, self->channels,
                                           self->gain_db, self->ceiling_db, &limiter, error))
    return FALSE;
  if (limiter != NULL)
    g_object_set_data (G_OBJECT (seg->pipeline), "secuencia-limiter", limiter);
  if ((queue = secuencia_export_pipeline_make ("queue", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (seg->pipeline), queue);
  if ((convert = secuencia_export_pipeline_make ("audioconvert", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (seg->pipeline), convert);
  if ((enc = secuencia_export_pipeline_make ("avenc_aac", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (seg->pipeline), enc);
  if ((sink = secuencia_export_pipeline_make ("appsink", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (seg->pipeline), sink);
  g_object_set (queue, "max-size-buffers", 0, "max-size-bytes", 0,
                "max-size-time", (guint64) ENCODER_QUEUE, NULL);
  g_object_set (enc, "bitrate", (int) self->bitrate, NULL);
  g_object_set (convert, "dithering", 0 /* none, as in one stream */, NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, "max-buffers", 0, NULL);
  callbacks.new_sample = on_new_sample;
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, seg, NULL);
  if (!gst_element_link_many (last, queue, convert, enc, sink, NULL))
    goto link_failed;
  g_clear_pointer (&seg->meter, secuencia_loudness_meter_free);
  g_clear_pointer (&seg->tp_meter, secuencia_loudness_meter_free);
  /* loudness (and range) of the kept part; the true peak, the costly
   * part, only once: in the meter that also sees the ramp before it */
  seg->meter = secuencia_loudness_meter_new (self->channels, self->rate, SECUENCIA_LOUDNESS_METER_RANGE);
  seg->tp_meter = secuencia_loudness_meter_new (self->channels, self->rate,
                                                SECUENCIA_LOUDNESS_METER_TRUE_PEAK);
  seg->metered_pos = 0;
  meter_pad = gst_element_get_static_pad (queue, "sink");
  gst_pad_add_probe (meter_pad, GST_PAD_PROBE_TYPE_BUFFER, meter_probe, seg, NULL);
  return TRUE;

link_failed:
  secuencia_export_pipeline_link_error (self->rate, self->channels, error);
  return FALSE;
}

static gboolean
segment_start (Parallel      *self,
               Segment       *seg,
               GCancellable  *cancellable,
               GError       **error)
{
  if (seg->fd < 0 && (seg->fd = open_spill_file (self->output_path, error)) < 0)
    return FALSE;
  g_mutex_lock (&seg->lock);
  g_clear_pointer (&seg->sizes, g_array_unref);
  seg->sizes = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (seg->block == NULL)
    seg->block = g_malloc (SPILL_BLOCK);
  seg->block_len = 0;
  seg->written = 0;
  seg->received = 0;
  seg->write_errno = 0;
  g_mutex_unlock (&seg->lock);
  seg->attempts++;
  seg->started_us = g_get_monotonic_time ();
  if (!segment_build (self, seg, error))
    return FALSE;
  seg->running = TRUE;
  return secuencia_export_pipeline_start (seg->pipeline, seg->bus, self->output_path, cancellable,
                                          &seg->abandoned, error);
}

static gboolean
make_faststart_file (Parallel  *self,
                     GError   **error)
{
  self->faststart_path = secuencia_export_make_faststart_file (self->output_path, error);
  return self->faststart_path != NULL;
}

/* appsrc (the encoder's caps) → mp4mux → filesink; started with the first
 * segment's frames, once their caps (with codec_data) are known. */
static gboolean
joiner_start (Parallel  *self,
              GstCaps   *caps,
              GError   **error)
{
  GstElement *src, *convert, *mux, *sink;
  g_autoptr (GstPad) mux_sink = NULL;
  g_autoptr (GstPad) enc_src = NULL;
  g_autoptr (GstElement) enc = NULL;

  if (!make_faststart_file (self, error))
    return FALSE;
  self->joiner = secuencia_export_pipeline_new ("secuencia-join", &self->joiner_bus);
  /* the muxer exactly as one stream has it (tags, faststart); its encoder
   * is replaced by the joined frames */
  if (!secuencia_export_format_build (self->format, self->bitrate, self->tags, self->faststart_path,
                                      GST_BIN (self->joiner), &convert, &mux, error))
    return FALSE;
  mux_sink = gst_element_get_static_pad (mux, "audio_0");
  if (mux_sink == NULL || (enc_src = gst_pad_get_peer (mux_sink)) == NULL ||
      (enc = gst_pad_get_parent_element (enc_src)) == NULL)
    goto link_failed;
  gst_pad_unlink (enc_src, mux_sink);
  gst_bin_remove (GST_BIN (self->joiner), convert);
  gst_bin_remove (GST_BIN (self->joiner), enc);
  if ((src = secuencia_export_pipeline_make ("appsrc", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self->joiner), src);
  if ((sink = secuencia_export_pipeline_make ("filesink", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self->joiner), sink);
  /* join_ready() keeps the queue under JOIN_QUEUE_BYTES itself: it must
   * never block */
  g_object_set (src, "caps", caps, "format", GST_FORMAT_TIME, "is-live", FALSE,
                "max-bytes", (guint64) 0, "block", FALSE, NULL);
  g_object_set (sink, "location", self->output_path, "sync", FALSE, "async", FALSE, NULL);
  {
    g_autoptr (GstPad) src_pad = gst_element_get_static_pad (src, "src");

    if (gst_pad_link (src_pad, mux_sink) != GST_PAD_LINK_OK || !gst_element_link (mux, sink))
      goto link_failed;
  }
  self->appsrc = GST_APP_SRC (src);
  return secuencia_export_pipeline_start (self->joiner, self->joiner_bus, self->output_path, NULL,
                                          &self->joiner_abandoned, error);

link_failed:
  secuencia_export_pipeline_link_error (self->rate, self->channels, error);
  return FALSE;
}

/* Up to JOIN_READ bytes of whole frames of @seg from its file, from the
 * next one to join: one buffer; *@n_frames says how many. */
#define JOIN_READ (64 * 1024)

static GstBuffer *
join_read (Parallel  *self,
           Segment   *seg,
           guint     *n_frames,
           GError   **error)
{
  g_autoptr (GstBuffer) chunk = NULL;
  gsize size = 0, done = 0;
  GstMapInfo map;
  guint n = 0;

  while (self->join_index + n < self->join_sizes->len &&
         (n == 0 || size + g_array_index (self->join_sizes, guint32, self->join_index + n) <= JOIN_READ))
    size += g_array_index (self->join_sizes, guint32, self->join_index + n++);
  chunk = gst_buffer_new_allocate (NULL, size, NULL);
  gst_buffer_map (chunk, &map, GST_MAP_WRITE);
  while (done < size)
    {
      ssize_t got = pread (seg->fd, map.data + done, size - done, (off_t) (self->join_offset + done));

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        {
          int saved_errno = got < 0 ? errno : EIO;

          gst_buffer_unmap (chunk, &map);
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                       _("Cannot read back part %u of “%s”: %s"), seg->index + 1,
                       self->output_path, g_strerror (saved_errno));
          return NULL;
        }
      done += (gsize) got;
    }
  gst_buffer_unmap (chunk, &map);
  *n_frames = n;
  return g_steal_pointer (&chunk);
}

/* Push the kept frames of the finished segments next in order, without
 * letting more than JOIN_QUEUE_BYTES wait in the muxer's queue: what does
 * not fit is pushed on a later call. */
static gboolean
join_ready (Parallel  *self,
            GError   **error)
{
  while (self->next_join < self->n_segments && self->segments[self->next_join].done)
    {
      Segment *seg = &self->segments[self->next_join];
      guint64 kept = seg->b1 - seg->b0;

      if (self->join_sizes == NULL)
        {
          g_autoptr (GstCaps) caps = NULL;
          guint64 received;

          /* the segment's pipeline has stopped: nothing else touches it */
          if (spill_error (self, seg, error))
            return FALSE;
          if (seg->block_len > 0 && !spill (seg))
            {
              spill_error (self, seg, error);
              return FALSE;
            }
          self->join_sizes = g_steal_pointer (&seg->sizes);
          caps = g_steal_pointer (&seg->caps);
          received = seg->received;
          if (received != seg->e - seg->s + 1 || self->join_sizes == NULL ||
              self->join_sizes->len != kept || caps == NULL)
            {
              g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                           _("The AAC encoder gave %u frames for part %u of the mix instead of %"
                             G_GUINT64_FORMAT), (guint) received, seg->index + 1,
                           seg->e - seg->s + 1);
              return FALSE;
            }
          if (self->joiner == NULL && !joiner_start (self, caps, error))
            return FALSE;
          self->join_index = 0;
          self->join_offset = 0;
        }
      while (self->join_index < kept)
        {
          g_autoptr (GstBuffer) chunk = NULL;
          gsize offset = 0;
          guint n = 0;

          if (gst_app_src_get_current_level_bytes (self->appsrc) >= JOIN_QUEUE_BYTES)
            return TRUE;
          if ((chunk = join_read (self, seg, &n, error)) == NULL)
            return FALSE;
          for (guint i = 0; i < n; i++)
            {
              guint64 j = seg->b0 + self->join_index;
              guint32 size = g_array_index (self->join_sizes, guint32, self->join_index);
              GstClockTime pts = gst_util_uint64_scale_round (j * FRAME, GST_SECOND, self->rate);
              GstClockTime next = gst_util_uint64_scale_round ((j + 1) * FRAME, GST_SECOND, self->rate);
              GstBuffer *out = gst_buffer_copy_region (chunk, GST_BUFFER_COPY_MEMORY, offset, size);

              GST_BUFFER_PTS (out) = pts;
              GST_BUFFER_DTS (out) = pts;
              GST_BUFFER_DURATION (out) = next - pts;
              GST_BUFFER_OFFSET (out) = GST_BUFFER_OFFSET_NONE;
              GST_BUFFER_OFFSET_END (out) = GST_BUFFER_OFFSET_NONE;
              if (gst_app_src_push_buffer (self->appsrc, out) != GST_FLOW_OK)
                {
                  g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                               _("Cannot write “%s”: the MP4 muxer stopped"), self->output_path);
                  return FALSE;
                }
              offset += size;
              self->join_offset += size;
              self->join_index++;
            }
        }
      g_clear_pointer (&self->join_sizes, g_array_unref);
      g_close (seg->fd, NULL);
      seg->fd = -1;
      g_clear_pointer (&seg->block, g_free);
      seg->joined = TRUE;
      self->next_join++;
    }
  return TRUE;
}

static void
add_stats (Parallel *self,
           Segment  *seg)
{
  SecuenciaMixStats st;

  if (seg->graph == NULL)
    return;
  if (g_object_get_data (G_OBJECT (seg->pipeline), "secuencia-limiter") != NULL)
    seg->limiter_latency = secuencia_limiter_get_latency (
      g_object_get_data (G_OBJECT (seg->pipeline), "secuencia-limiter"));
  secuencia_mix_graph_get_stats (seg->graph, &st);
  self->stats.peak_branches = MAX (self->stats.peak_branches, st.peak_branches);
  self->stats.branches_created += st.branches_created;
  self->stats.restarts += st.restarts;
  self->stats.stalls += st.stalls;
}

/* Poll one running segment; FALSE with @error when it failed for good. */
static gboolean
segment_poll (Parallel      *self,
              Segment       *seg,
              GCancellable  *cancellable,
              GError       **error)
{
  for (;;)
    {
      g_autoptr (GstMessage) msg = gst_bus_pop_filtered (seg->bus, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      g_autoptr (GError) local_error = NULL;

      if (msg == NULL)
        return TRUE;
      if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS)
        {
          add_stats (self, seg);
          segment_stop (seg);
          if (seg->abandoned)
            {
              g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                           _("GStreamer did not stop the mix within %d s"),
                           (int) (STATE_CHANGE_US / G_USEC_PER_SEC));
              return FALSE;
            }
          seg->done = TRUE;
          /* kept until all parts are merged: without their audio */
          secuencia_loudness_meter_finish (seg->meter);
          secuencia_loudness_meter_finish (seg->tp_meter);
#ifdef __GLIBC__
          /* A part's pipeline (decoders, encoder, limiter, their threads'
           * malloc arenas) is gone: give what it freed back to the system,
           * or the next part's allocations land beside it (measured: peak
           * RSS of a 41-minute export with 2 jobs). */
          malloc_trim (0);
#endif
          g_debug ("parallel export: part %u: %.2f s of audio (%.2f s pre-roll) in %.3f s",
                   seg->index + 1, (double) (seg->e - seg->s) * FRAME / self->rate,
                   (double) (seg->b0 - seg->s) * FRAME / self->rate,
                   (g_get_monotonic_time () - seg->started_us) / 1e6);
          return TRUE;
        }
      if (spill_error (self, seg, error))
        return FALSE;
      secuencia_mixdown_error_from_message (msg, self->output_path, &local_error);
      /* decodebin's start-up race after some of a source was mixed: this
       * segment (only) is rendered again */
      if (seg->attempts < MAX_ATTEMPTS && secuencia_mix_graph_is_retryable (seg->graph))
        {
          g_info ("rendering part %u again after: %s", seg->index + 1, local_error->message);
          segment_stop (seg);
          if (seg->abandoned)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          return segment_start (self, seg, cancellable, error);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
}

/* Input frames done over all segments (a running one by its mix position). */
static guint64
work_done (Parallel *self)
{
  guint64 done = 0;

  for (guint k = 0; k < self->n_segments; k++)
    {
      Segment *seg = &self->segments[k];

      if (seg->done)
        done += seg->e - seg->s;
      else if (seg->running && seg->graph != NULL)
        {
          GstClockTime pos = secuencia_mix_graph_get_position (seg->graph);
          guint64 frames = gst_util_uint64_scale (pos, self->rate, GST_SECOND) / FRAME;

          done += MIN (frames, seg->e - seg->s);
        }
    }
  return done;
}

static gboolean
joiner_finish (Parallel      *self,
               GCancellable  *cancellable,
               GError       **error)
{
  gst_app_src_end_of_stream (self->appsrc);
  for (;;)
    {
      g_autoptr (GstMessage) msg = gst_bus_timed_pop_filtered (self->joiner_bus, 20 * GST_MSECOND,
                                                               GST_MESSAGE_EOS | GST_MESSAGE_ERROR);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (msg == NULL)
        continue;
      if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
        {
          secuencia_mixdown_error_from_message (msg, self->output_path, error);
          return FALSE;
        }
      break;
    }
  return secuencia_export_pipeline_stop (self->joiner, &self->joiner_abandoned, error);
}

static gboolean
run_segments (Parallel                 *self,
              SecuenciaMixProgressFunc  progress_func,
              gpointer                  progress_data,
              GCancellable             *cancellable,
              GError                  **error)
{
  guint next_start = 0;
  gint64 last_report = 0, last_change = g_get_monotonic_time ();
  guint64 last_done = 0, reported = 0;

  for (;;)
    {
      guint running = 0;
      guint64 done;
      gint64 now;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint k = 0; k < self->n_segments; k++)
        if (self->segments[k].running)
          {
            if (!segment_poll (self, &self->segments[k], cancellable, error))
              return FALSE;
            running += self->segments[k].running;
          }
      if (!join_ready (self, error))
        return FALSE;
      if (self->joiner_bus != NULL)
        {
          g_autoptr (GstMessage) msg = gst_bus_pop_filtered (self->joiner_bus, GST_MESSAGE_ERROR);

          if (msg != NULL)
            {
              secuencia_mixdown_error_from_message (msg, self->output_path, error);
              return FALSE;
            }
        }
      if (self->next_join == self->n_segments)
        break;
      while (running < self->jobs && next_start < self->n_segments)
        {
          if (!segment_start (self, &self->segments[next_start++], cancellable, error))
            return FALSE;
          running++;
        }

      now = g_get_monotonic_time ();
      done = work_done (self);
      if (done != last_done)
        {
          last_done = done;
          last_change = now;
        }
      else if (now - last_change > WATCHDOG_US)
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                       _("Mixing stalled at %.3f s for %d s"),
                       (double) self->total * done / self->work / GST_SECOND,
                       (int) (WATCHDOG_US / G_USEC_PER_SEC));
          return FALSE;
        }
      if (progress_func != NULL && now - last_report >= PROGRESS_INTERVAL_US)
        {
          reported = MAX (reported, done);
          last_report = now;
          progress_func ((SecuenciaTime) gst_util_uint64_scale (self->total, reported, self->work),
                         (SecuenciaTime) self->total, progress_data);
        }

      g_mutex_lock (&self->wake_lock);
      if (!self->woken)
        g_cond_wait_until (&self->wake, &self->wake_lock, g_get_monotonic_time () + POLL_US);
      self->woken = FALSE;
      g_mutex_unlock (&self->wake_lock);
    }

  if (!joiner_finish (self, cancellable, error))
    return FALSE;
  if (progress_func != NULL)
    progress_func ((SecuenciaTime) self->total, (SecuenciaTime) self->total, progress_data);
  return TRUE;
}

static void
parallel_init (Parallel                  *self,
               SecuenciaTime              total,
               const SecuenciaMixOptions *options)
{
  g_mutex_init (&self->wake_lock);
  g_cond_init (&self->wake);
  self->format = options->format;
  self->rate = secuencia_export_format_pick_rate (options->format, options->sample_rate);
  self->channels = options->channels > 0 ? options->channels : 2;
  self->bitrate = options->bitrate > 0 ? options->bitrate : 192000;
  self->jobs = MAX (options->jobs, 1);
  self->n_samples = secuencia_mix_graph_count_samples (0, total, self->rate);
  self->total = gst_util_uint64_scale_round (self->n_samples, GST_SECOND, self->rate);
  self->lead = secuencia_mp4_aac_lead_in (self->n_samples);
  g_assert ((self->lead + self->n_samples) % FRAME == 0);
  self->n_frames = (self->lead + self->n_samples) / FRAME + 1;
  plan_segments (self, options->segment_ms,
                 (guint64) SECUENCIA_PARALLEL_PREROLL_MS * self->rate / 1000 / FRAME);
}

gboolean
secuencia_parallel_encode_applies (const SecuenciaMixOptions *options,
                                   SecuenciaTime              total)
{
  g_autoptr (Parallel) self = NULL;

  if (!format_is_parallel (options) || options->jobs <= 1 || total <= 0)
    return FALSE;
  self = g_new0 (Parallel, 1);
  parallel_init (self, total, options);
  return self->n_segments > 1;
}

GArray *
secuencia_parallel_encode_dup_joins (SecuenciaTime              total,
                                     const SecuenciaMixOptions *options)
{
  g_autoptr (Parallel) self = g_new0 (Parallel, 1);
  GArray *joins = g_array_new (FALSE, FALSE, sizeof (guint64));

  g_return_val_if_fail (total > 0 && options != NULL, joins);
  parallel_init (self, total, options);
  /* decoded frame j is input [(j − 1)·1024, j·1024) */
  for (guint k = 1; k < self->n_segments; k++)
    {
      guint64 sample = (self->segments[k].b0 - 1) * FRAME - self->lead;
      g_array_append_val (joins, sample);
    }
  return joins;
}

gboolean
secuencia_parallel_encode_run (GPtrArray                 *sources,
                               SecuenciaTime              total,
                               const SecuenciaMixOptions *options,
                               double                     gain_db,
                               double                     ceiling_db,
                               const char                *output_path,
                               SecuenciaMixProgressFunc   progress_func,
                               gpointer                   progress_data,
                               GCancellable              *cancellable,
                               SecuenciaMixStats         *stats_out,
                               SecuenciaLoudnessStats    *measured,
                               guint                     *limiter_latency,
                               GError                   **error)
{
  g_autoptr (Parallel) self = NULL;
  gulong cancel_id = 0;
  gboolean ok;

  g_return_val_if_fail (sources != NULL, FALSE);
  g_return_val_if_fail (total > 0, FALSE);
  g_return_val_if_fail (options != NULL && format_is_parallel (options) && options->jobs > 1, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats_out != NULL)
    memset (stats_out, 0, sizeof *stats_out);
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!secuencia_mixdown_check_encoder (error))
    return FALSE;

  self = g_new0 (Parallel, 1);
  self->sources = sources;
  self->output_path = output_path;
  self->tags = options->tags;
  self->gain_db = gain_db;
  self->ceiling_db = ceiling_db;
  parallel_init (self, total, options);
  g_debug ("parallel export: %u segments of ~%.1f s, %u jobs", self->n_segments,
           (double) self->n_frames * FRAME / self->rate / self->n_segments, self->jobs);

  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);
  ok = run_segments (self, progress_func, progress_data, cancellable, error);
  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);

  /* every worker stops (the muxer too) before this returns */
  stop_all (self);
  if (stats_out != NULL)
    *stats_out = self->stats;
  if (ok)
    {
      g_autofree SecuenciaLoudnessMeter **meters = g_new (SecuenciaLoudnessMeter *, self->n_segments);
      g_autofree SecuenciaLoudnessMeter **tp_meters = g_new (SecuenciaLoudnessMeter *, self->n_segments);

      for (guint k = 0; k < self->n_segments; k++)
        {
          meters[k] = self->segments[k].meter;
          tp_meters[k] = self->segments[k].tp_meter;
          if (limiter_latency != NULL)
            *limiter_latency = MAX (*limiter_latency, self->segments[k].limiter_latency);
        }
      if (measured != NULL)
        {
          SecuenciaLoudnessStats tp;

          secuencia_loudness_meter_get_merged (meters, self->n_segments, measured);
          secuencia_loudness_meter_get_merged (tp_meters, self->n_segments, &tp);
          measured->true_peak = MAX (tp.true_peak, measured->sample_peak);
        }
    }
  if (ok)
    ok = secuencia_mp4_set_audio_edit (output_path, AAC_PRIMING + self->lead, self->n_samples, error);
  return ok;
}
