/* secuencia-mixdown.c: render placed audio files into one file.
 *
 * One non-live pipeline:
 *
 *   [branch i] uridecodebin → audioconvert → audioresample → volume →
 *              capsfilter → queue ─┐  (pad offset = snapped clip offset)
 *   [bed] audiotestsrc silence ──── audiomixer → capsfilter → queue →
 *              audioconvert → avenc_aac → mp4mux → filesink      (M4A)
 *              wavenc → filesink                                (WAV)
 *
 * Bounded: sources are sorted by offset and only those sounding around the
 * mix position have a branch. A buffer probe on the mixer's src pad:
 *  - cuts the output at exactly @total and records the position;
 *  - finds branches whose mixer pad has consumed EOS and asks the worker to
 *    remove them;
 *  - asks the worker (bus message) for the branches of the next window when
 *    the "horizon" (offset of the first source without a branch) comes
 *    within REQUEST_AHEAD of the position, and blocks the mixer when the
 *    next output block could reach the horizon, until the worker has added
 *    them. A non-live aggregator then waits for the new pads' first buffers
 *    and holds buffers that lie in the future until their time, so every
 *    source is mixed from its first sample.
 * All state changes (adding, removing, shutting down) happen in the worker
 * thread that runs the bus loop, never in a streaming thread.
 */
#include "config.h"

#include "secuencia-mixdown.h"
#include "secuencia-mix-branch.h"
#include "secuencia-mp3-gapless.h"
#include "secuencia-mp4-edit.h"
#include "secuencia-thread-priority.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/base/gstaggregator.h>
#include <string.h>
#include <sys/statvfs.h>

#define BLOCK_DURATION   (50 * GST_MSECOND) /* mixer output block */
#define LOOKAHEAD        (2 * GST_SECOND)   /* build branches this far ahead */
#define REQUEST_AHEAD    (1 * GST_SECOND)   /* ask for more when this close */
#define MUST_AHEAD       (4 * BLOCK_DURATION) /* always build these, cap or not */
#define SOFT_MAX_BRANCHES 8                 /* beyond MUST_AHEAD, stop at this many */
#define POLL_INTERVAL    (50 * GST_MSECOND)
#define PROGRESS_INTERVAL_US (50 * 1000)
#define WATCHDOG_US      (G_GINT64_CONSTANT (30) * G_USEC_PER_SEC)
/* A stalled mix with a source that has given nothing for this long: that
 * source is unreadable (decodebin sometimes swallows a demuxer's error, e.g.
 * an MP4 without its moov box, and then neither errors nor ends). */
#define SOURCE_STALL_US  (G_GINT64_CONSTANT (5) * G_USEC_PER_SEC)
#define AAC_PRIMING      1024               /* avenc_aac, samples at the output rate */
#define ENCODER_QUEUE    (3 * GST_SECOND)

GST_DEBUG_CATEGORY_STATIC (secuencia_mixdown_debug);
#define GST_CAT_DEFAULT secuencia_mixdown_debug

#define MSG_NEED   "secuencia-mixdown-need"
#define MSG_REMOVE "secuencia-mixdown-remove"
#define MSG_CANCEL "secuencia-mixdown-cancel"

typedef struct
{
  const SecuenciaMixSource *source;
  guint                     index;      /* in the caller's array */
  GstClockTime              offset;     /* snapped to the output grid */
  GstClockTime              end;        /* offset + duration, mixer running time */
  GstClockTime              seek_start;
  GstClockTime              seek_stop;
  guint                     restarts;   /* see restart_failed_start() */
} Item;

typedef struct
{
  /* set up before PLAYING, then read-only */
  GstElement        *pipeline;
  GstElement        *mixer;
  GstBus            *bus;
  GstCaps           *caps;
  SecuenciaMixFormat format;
  guint              rate;
  guint              channels;
  guint              bpf;
  guint              bitrate;
  GstClockTime       total;         /* the timeline's length, on the grid */
  guint64            total_samples;
  /* M4A only: silence rendered before the timeline so that the AAC stream
   * ends on a frame boundary (see secuencia-mp4-edit.h); the edit list
   * hides it with the priming. Everything in the pipeline is shifted by it. */
  guint64            lead_samples;
  GstClockTime       lead;
  guint64            render_samples;  /* lead_samples + total_samples */
  Item              *items;
  guint              n_items;
  char              *output_path;

  /* worker thread only */
  guint              next;        /* first item without a branch */
  SecuenciaMixStats  stats;

  GMutex             lock;
  GCond              cond;
  /* under lock */
  GPtrArray         *live;        /* SecuenciaMixBranch*, still feeding */
  GPtrArray         *dying;       /* SecuenciaMixBranch*, EOS, removal requested */
  GstClockTime       horizon;     /* items[next].offset, or NONE */
  GstClockTime       position;    /* end of the last mixed buffer */
  gboolean           requested;
  gboolean           shutdown;
  gboolean           stalled;

  /* worker thread only: the render failed on decodebin's start-up race in
   * a branch that had already been mixed from; a new render may succeed */
  gboolean           retryable;
} Mixdown;

static void
mixdown_free (Mixdown *self)
{
  if (self->pipeline != NULL)
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_object_unref (self->pipeline);
    }
  g_clear_object (&self->bus);
  g_clear_pointer (&self->caps, gst_caps_unref);
  g_clear_pointer (&self->live, g_ptr_array_unref);
  g_clear_pointer (&self->dying, g_ptr_array_unref);
  g_free (self->items);
  g_free (self->output_path);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mixdown, mixdown_free)

static void
post_app (Mixdown *self, GstStructure *s)
{
  gst_bus_post (self->bus, gst_message_new_application (NULL, s));
}

/* Streaming thread of the mixer's src pad. */
static GstPadProbeReturn
mixer_src_probe (GstPad          *pad,
                 GstPadProbeInfo *info,
                 gpointer         user_data)
{
  Mixdown *self = user_data;
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  GstClockTime pts = GST_BUFFER_PTS (buf);
  guint64 first, n, end_sample;
  GstClockTime end;

  if (!GST_CLOCK_TIME_IS_VALID (pts))
    return GST_PAD_PROBE_OK;

  first = gst_util_uint64_scale_round (pts, self->rate, GST_SECOND);
  if (first >= self->render_samples)
    return GST_PAD_PROBE_DROP;
  n = gst_buffer_get_size (buf) / self->bpf;
  if (first + n > self->render_samples)
    {
      n = self->render_samples - first;
      buf = gst_buffer_make_writable (buf);
      gst_buffer_resize (buf, 0, n * self->bpf);
      GST_BUFFER_DURATION (buf) = gst_util_uint64_scale_round (n, GST_SECOND, self->rate);
      GST_PAD_PROBE_INFO_DATA (info) = buf;
    }
  end_sample = first + n;
  end = gst_util_uint64_scale_round (end_sample, GST_SECOND, self->rate);

  g_mutex_lock (&self->lock);
  self->position = end;

  /* Branches that have delivered everything: hand them to the worker. */
  for (guint i = 0; i < self->live->len;)
    {
      SecuenciaMixBranch *branch = g_ptr_array_index (self->live, i);
      GstPad *mpad = secuencia_mix_branch_get_mixer_pad (branch);

      if (end >= secuencia_mix_branch_get_end (branch) &&
          gst_aggregator_pad_is_eos (GST_AGGREGATOR_PAD (mpad)))
        {
          g_ptr_array_add (self->dying, g_object_ref (branch));
          post_app (self, gst_structure_new (MSG_REMOVE, "branch", SECUENCIA_TYPE_MIX_BRANCH,
                                             branch, NULL));
          g_ptr_array_remove_index (self->live, i);
        }
      else
        i++;
    }

  if (GST_CLOCK_TIME_IS_VALID (self->horizon) && !self->requested &&
      end + REQUEST_AHEAD >= self->horizon)
    {
      self->requested = TRUE;
      post_app (self, gst_structure_new_empty (MSG_NEED));
    }
  /* The next block is [end, end + BLOCK_DURATION): never mix it before
   * every source that starts in it has its pad. */
  while (!self->shutdown && GST_CLOCK_TIME_IS_VALID (self->horizon) &&
         self->horizon < end + 2 * BLOCK_DURATION)
    {
      if (!self->requested)
        {
          self->requested = TRUE;
          post_app (self, gst_structure_new_empty (MSG_NEED));
        }
      self->stalled = TRUE;
      g_cond_wait (&self->cond, &self->lock);
    }
  g_mutex_unlock (&self->lock);

  return GST_PAD_PROBE_OK;
}

static gboolean
add_branch (Mixdown    *self,
            const Item *item,
            GError    **error)
{
  g_autoptr (SecuenciaMixBranch) branch = NULL;
  g_autoptr (GstPad) src = NULL;
  g_autoptr (GstPad) mpad = NULL;

  branch = secuencia_mix_branch_new (item->index, item->source->path, item->source->label,
                                     item->seek_start, item->seek_stop,
                                     item->source->volume_db, self->caps, error);
  if (branch == NULL)
    return FALSE;
  if (!gst_bin_add (GST_BIN (self->pipeline), GST_ELEMENT (branch)))
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                   "Cannot add the branch of %s", secuencia_mix_branch_get_label (branch));
      return FALSE;
    }
  mpad = gst_element_request_pad_simple (self->mixer, "sink_%u");
  gst_pad_set_offset (mpad, (gint64) item->offset);
  secuencia_mix_branch_watch_mixer_pad (branch, mpad);
  src = gst_element_get_static_pad (GST_ELEMENT (branch), "src");
  if (GST_PAD_LINK_FAILED (gst_pad_link (src, mpad)))
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                   "Cannot link %s to the mixer", secuencia_mix_branch_get_label (branch));
      gst_element_release_request_pad (self->mixer, mpad);
      gst_bin_remove (GST_BIN (self->pipeline), GST_ELEMENT (branch));
      return FALSE;
    }

  g_mutex_lock (&self->lock);
  secuencia_mix_branch_set_mixer_pad (branch, mpad, item->end);
  g_ptr_array_add (self->live, g_object_ref (branch));
  self->stats.peak_branches = MAX (self->stats.peak_branches,
                                   self->live->len + self->dying->len);
  g_mutex_unlock (&self->lock);
  self->stats.branches_created++;
  GST_DEBUG ("added %s at %" GST_TIME_FORMAT " (seek %" GST_TIME_FORMAT "–%" GST_TIME_FORMAT ")",
             GST_OBJECT_NAME (branch), GST_TIME_ARGS (item->offset),
             GST_TIME_ARGS (item->seek_start), GST_TIME_ARGS (item->seek_stop));

  gst_element_sync_state_with_parent (GST_ELEMENT (branch));
  return TRUE;
}

/* Worker thread: build the branches of the window after the position. */
static gboolean
add_branches (Mixdown  *self,
              GError  **error)
{
  GstClockTime pos;
  guint alive;
  gboolean ok = TRUE;

  g_mutex_lock (&self->lock);
  pos = self->position;
  g_mutex_unlock (&self->lock);

  while (self->next < self->n_items)
    {
      const Item *item = &self->items[self->next];

      if (item->offset >= pos + LOOKAHEAD)
        break;
      g_mutex_lock (&self->lock);
      alive = self->live->len + self->dying->len;
      g_mutex_unlock (&self->lock);
      if (item->offset >= pos + MUST_AHEAD && alive >= SOFT_MAX_BRANCHES)
        break;
      if (!add_branch (self, item, error))
        {
          ok = FALSE;
          break;
        }
      self->next++;
    }

  g_mutex_lock (&self->lock);
  self->horizon = self->next < self->n_items ? self->items[self->next].offset
                                             : GST_CLOCK_TIME_NONE;
  self->requested = FALSE;
  if (self->stalled)
    self->stats.stalls++;
  self->stalled = FALSE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  return ok;
}

/* Worker thread: a branch whose pad has consumed EOS. */
static void
remove_branch (Mixdown            *self,
               SecuenciaMixBranch *branch)
{
  GstPad *mpad;

  GST_DEBUG ("removing %s", GST_OBJECT_NAME (branch));
  /* The pipeline may still be finishing a state change of its own (from a
   * thread of its pool): keep it from touching the branch while it goes. */
  gst_element_set_locked_state (GST_ELEMENT (branch), TRUE);
  gst_element_set_state (GST_ELEMENT (branch), GST_STATE_NULL);
  mpad = secuencia_mix_branch_get_mixer_pad (branch);
  if (mpad != NULL)
    gst_element_release_request_pad (self->mixer, mpad);
  gst_bin_remove (GST_BIN (self->pipeline), GST_ELEMENT (branch));

  g_mutex_lock (&self->lock);
  g_ptr_array_remove (self->dying, branch);
  g_ptr_array_remove (self->live, branch);
  g_mutex_unlock (&self->lock);
}

#define MAX_RESTARTS 3

/* decodebin 1.22 has a start-up race: a demuxer running its own loop (e.g.
 * wavparse in pull mode) can push while decodebin is still retargeting the
 * pad it is about to expose (the branch's seek restarts that loop at the
 * same moment), and the stream stops with "not-linked" (seen in about one
 * branch in a few thousand). If no buffer of that branch has reached the
 * mixer, and the mix has not yet reached the clip's offset (the mixer waits
 * for a pad that has neither data nor EOS), the branch is rebuilt in place.
 * Worker thread. Returns TRUE when @msg was handled that way (or came from
 * a branch that is already gone). */
/* An error that decodebin's start-up race (below) produces: "not-linked"
 * inside a source branch. */
static gboolean
is_start_race (GstMessage *msg)
{
  g_autoptr (GError) gerr = NULL;
  g_autofree char *debug = NULL;

  if (secuencia_mix_branch_find_ancestor (GST_MESSAGE_SRC (msg)) == NULL)
    return FALSE;
  gst_message_parse_error (msg, &gerr, &debug);
  return debug != NULL && strstr (debug, "not-linked") != NULL;
}

static gboolean
restart_failed_start (Mixdown    *self,
                      GstMessage *msg,
                      GError    **error)
{
  g_autoptr (GError) gerr = NULL;
  g_autofree char *debug = NULL;
  SecuenciaMixBranch *branch;
  Item *item = NULL;
  gboolean mixed_past;

  branch = secuencia_mix_branch_find_ancestor (GST_MESSAGE_SRC (msg));
  if (branch == NULL)
    return FALSE;
  if (GST_OBJECT_PARENT (branch) != GST_OBJECT (self->pipeline))
    return TRUE;  /* a late message from a branch already removed */

  if (!is_start_race (msg) || secuencia_mix_branch_has_mixed (branch))
    return FALSE;

  for (guint i = 0; i < self->n_items; i++)
    if (self->items[i].index == secuencia_mix_branch_get_index (branch))
      item = &self->items[i];
  if (item == NULL || item->restarts >= MAX_RESTARTS)
    return FALSE;

  g_mutex_lock (&self->lock);
  mixed_past = self->position > item->offset;
  g_mutex_unlock (&self->lock);
  if (mixed_past)
    return FALSE;

  item->restarts++;
  GST_INFO ("restarting %s after: %s", secuencia_mix_branch_get_label (branch), debug);
  g_object_ref (branch);
  remove_branch (self, branch);
  g_object_unref (branch);
  /* on failure @error is set, and the caller reports it */
  return add_branch (self, item, error);
}

static GstElement *
make (const char *factory, GError **error)
{
  GstElement *e = gst_element_factory_make (factory, NULL);

  if (e == NULL)
    g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                 _("The GStreamer element “%s” is not installed"), factory);
  return e;
}

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

static int
compare_items (gconstpointer a, gconstpointer b)
{
  const Item *x = a, *y = b;

  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static gboolean
build_pipeline (Mixdown  *self,
                GError  **error)
{
  GstElement *bed, *bed_filter, *out_filter, *queue, *sink;
  g_autoptr (GstPad) bed_src = NULL;
  g_autoptr (GstPad) bed_pad = NULL;
  g_autoptr (GstPad) mixer_src = NULL;
  guint spb = (guint) gst_util_uint64_scale_round (BLOCK_DURATION, self->rate, GST_SECOND);

  self->pipeline = gst_pipeline_new ("secuencia-mixdown");
  self->bus = gst_element_get_bus (self->pipeline);
  /* streaming threads (decoders, mixer, encoder) run below the UI */
  gst_bus_set_sync_handler (self->bus, secuencia_thread_priority_bus_sync_handler, NULL, NULL);

  if ((self->mixer = make ("audiomixer", error)) == NULL ||
      (bed = make ("audiotestsrc", error)) == NULL)
    return FALSE;
  gst_bin_add_many (GST_BIN (self->pipeline), self->mixer, bed, NULL);
  if ((bed_filter = make ("capsfilter", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self->pipeline), bed_filter);
  if ((out_filter = make ("capsfilter", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self->pipeline), out_filter);
  if ((queue = make ("queue", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self->pipeline), queue);
  if ((sink = make ("filesink", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self->pipeline), sink);

  g_object_set (self->mixer, "output-buffer-duration", (guint64) BLOCK_DURATION,
                "start-time-selection", 0 /* zero */, NULL);
  g_object_set (bed, "wave", 4 /* silence */, "samplesperbuffer", spb,
                "num-buffers", (int) ((self->render_samples + spb - 1) / spb), NULL);
  g_object_set (bed_filter, "caps", self->caps, NULL);
  g_object_set (out_filter, "caps", self->caps, NULL);
  g_object_set (queue, "max-size-buffers", 0, "max-size-bytes", 0,
                "max-size-time", (guint64) ENCODER_QUEUE, NULL);
  g_object_set (sink, "location", self->output_path, "sync", FALSE, "async", FALSE, NULL);

  if (!gst_element_link (bed, bed_filter))
    goto link_failed;
  bed_src = gst_element_get_static_pad (bed_filter, "src");
  bed_pad = gst_element_request_pad_simple (self->mixer, "sink_%u");
  if (GST_PAD_LINK_FAILED (gst_pad_link (bed_src, bed_pad)))
    goto link_failed;
  if (!gst_element_link_many (self->mixer, out_filter, queue, NULL))
    goto link_failed;

  if (self->format == SECUENCIA_MIX_FORMAT_M4A)
    {
      GstElement *convert, *enc, *mux;
      g_autofree char *faststart = g_strconcat (self->output_path, ".mdat", NULL);

      if (!secuencia_mixdown_check_encoder (error))
        return FALSE;
      if ((convert = make ("audioconvert", error)) == NULL)
        return FALSE;
      gst_bin_add (GST_BIN (self->pipeline), convert);
      if ((enc = make ("avenc_aac", error)) == NULL)
        return FALSE;
      gst_bin_add (GST_BIN (self->pipeline), enc);
      if ((mux = make ("mp4mux", error)) == NULL)
        return FALSE;
      gst_bin_add (GST_BIN (self->pipeline), mux);
      g_object_set (enc, "bitrate", (int) self->bitrate, NULL);
      g_object_set (mux, "faststart", TRUE, "faststart-file", faststart, NULL);
      if (!gst_element_link_many (queue, convert, enc, mux, sink, NULL))
        goto link_failed;
    }
  else
    {
      GstElement *wav;

      if ((wav = make ("wavenc", error)) == NULL)
        return FALSE;
      gst_bin_add (GST_BIN (self->pipeline), wav);
      if (!gst_element_link_many (queue, wav, sink, NULL))
        goto link_failed;
    }

  mixer_src = gst_element_get_static_pad (self->mixer, "src");
  gst_pad_add_probe (mixer_src, GST_PAD_PROBE_TYPE_BUFFER, mixer_src_probe, self, NULL);
  return TRUE;

link_failed:
  g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
               _("Cannot build the mixdown pipeline (format %u Hz, %u channels)"),
               self->rate, self->channels);
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
  SecuenciaMixBranch *branch;

  gst_message_parse_error (msg, &gerr, &debug);
  g_debug ("mixdown error from %s: %s (%s)", GST_MESSAGE_SRC_NAME (msg), gerr->message,
           debug ? debug : "");

  branch = secuencia_mix_branch_find_ancestor (GST_MESSAGE_SRC (msg));
  if (branch != NULL && !secuencia_mix_branch_has_audio (branch) &&
      (g_error_matches (gerr, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN) ||
       g_error_matches (gerr, GST_STREAM_ERROR, GST_STREAM_ERROR_CODEC_NOT_FOUND)))
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_BAD_ASSET,
                   _("Cannot read %s: it has no audio stream GStreamer can decode (%s)"),
                   secuencia_mix_branch_get_label (branch), gerr->message);
      return;
    }
  if (branch != NULL)
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_BAD_ASSET,
                   _("Cannot read %s: %s"), secuencia_mix_branch_get_label (branch),
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

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GstBus *bus = user_data;

  gst_bus_post (bus, gst_message_new_application (NULL, gst_structure_new_empty (MSG_CANCEL)));
}

/* Worker thread, when the mix has not moved for a while: a branch that has
 * neither data nor EOS is what the mixer waits for. */
static char *
dup_starved_label (Mixdown *self)
{
  char *label = NULL;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->live->len && label == NULL; i++)
    {
      SecuenciaMixBranch *branch = g_ptr_array_index (self->live, i);
      GstAggregatorPad *mpad = GST_AGGREGATOR_PAD (secuencia_mix_branch_get_mixer_pad (branch));

      if (!gst_aggregator_pad_has_buffer (mpad) && !gst_aggregator_pad_is_eos (mpad))
        label = g_strdup (secuencia_mix_branch_get_label (branch));
    }
  g_mutex_unlock (&self->lock);
  return label;
}

static GstClockTime
get_position (Mixdown *self)
{
  GstClockTime pos;

  g_mutex_lock (&self->lock);
  pos = self->position;
  g_mutex_unlock (&self->lock);
  /* in timeline time: the lead-in is not part of the timeline */
  return pos > self->lead ? pos - self->lead : 0;
}

/* The bus loop; returns with the pipeline still running. */
static gboolean
run_loop (Mixdown                  *self,
          SecuenciaMixProgressFunc  progress_func,
          gpointer                  progress_data,
          GCancellable             *cancellable,
          GError                  **error)
{
  gint64 last_report = 0, last_change = g_get_monotonic_time ();
  GstClockTime last_pos = 0;

  for (;;)
    {
      g_autoptr (GstMessage) msg = NULL;
      g_autofree char *starved = NULL;
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
              if (progress_func != NULL)
                progress_func ((SecuenciaTime) self->total, (SecuenciaTime) self->total,
                               progress_data);
              return TRUE;
            case GST_MESSAGE_ERROR:
              {
                g_autoptr (GError) restart_error = NULL;

                if (restart_failed_start (self, msg, &restart_error))
                  break;
                if (restart_error != NULL)
                  {
                    g_propagate_error (error, g_steal_pointer (&restart_error));
                    return FALSE;
                  }
                self->retryable = is_start_race (msg);
                set_error_from_message (self, msg, error);
                return FALSE;
              }
            case GST_MESSAGE_APPLICATION:
              {
                const GstStructure *s = gst_message_get_structure (msg);
                if (gst_structure_has_name (s, MSG_NEED))
                  {
                    if (!add_branches (self, error))
                      return FALSE;
                  }
                else if (gst_structure_has_name (s, MSG_REMOVE))
                  {
                    g_autoptr (SecuenciaMixBranch) branch = NULL;
                    gst_structure_get (s, "branch", SECUENCIA_TYPE_MIX_BRANCH, &branch, NULL);
                    if (branch != NULL)
                      remove_branch (self, branch);
                  }
              }
              break;
            default:
              break;
            }
        }

      now = g_get_monotonic_time ();
      pos = get_position (self);
      if (pos != last_pos)
        {
          last_pos = pos;
          last_change = now;
        }
      else if (now - last_change > SOURCE_STALL_US && (starved = dup_starved_label (self)) != NULL)
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_BAD_ASSET,
                       _("Cannot read %s: no audio came out of it (the file is damaged or "
                         "not in a format GStreamer can decode)"), starved);
          return FALSE;
        }
      else if (now - last_change > WATCHDOG_US)
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                       _("Mixing stalled at %.3f s for %d s"),
                       (double) pos / GST_SECOND, (int) (WATCHDOG_US / G_USEC_PER_SEC));
          return FALSE;
        }
      if (progress_func != NULL && now - last_report >= PROGRESS_INTERVAL_US)
        {
          last_report = now;
          progress_func ((SecuenciaTime) MIN (pos, self->total), (SecuenciaTime) self->total,
                         progress_data);
        }
    }
}

static gboolean
mixdown_render (GPtrArray                 *sources,
                SecuenciaTime              total,
                const SecuenciaMixOptions *options,
                const char                *output_path,
                SecuenciaMixProgressFunc   progress_func,
                gpointer                   progress_data,
                GCancellable              *cancellable,
                SecuenciaMixStats         *stats_out,
                gboolean                  *retryable,
                GError                   **error)
{
  static const SecuenciaMixOptions defaults = SECUENCIA_MIX_OPTIONS_INIT;
  g_autoptr (Mixdown) self = NULL;
  g_autofree char *faststart = NULL;
  gulong cancel_id = 0;
  gboolean ok;

  g_return_val_if_fail (sources != NULL, FALSE);
  g_return_val_if_fail (total > 0, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (stats_out != NULL)
    memset (stats_out, 0, sizeof *stats_out);
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  {
    static gsize debug_initialized = 0;
    if (g_once_init_enter (&debug_initialized))
      {
        GST_DEBUG_CATEGORY_INIT (secuencia_mixdown_debug, "secuencia-mixdown", 0,
                                 "Secuencia mixdown");
        g_once_init_leave (&debug_initialized, 1);
      }
  }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  self = g_new0 (Mixdown, 1);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->format = options->format;
  self->rate = options->sample_rate > 0 ? options->sample_rate : 48000;
  self->channels = options->channels > 0 ? options->channels : 2;
  self->bpf = 4 * self->channels;
  self->bitrate = options->bitrate > 0 ? options->bitrate : 192000;
  self->total_samples = gst_util_uint64_scale_round ((guint64) total, self->rate, GST_SECOND);
  self->total = gst_util_uint64_scale_round (self->total_samples, GST_SECOND, self->rate);
  self->lead_samples = self->format == SECUENCIA_MIX_FORMAT_M4A
    ? secuencia_mp4_aac_lead_in (self->total_samples) : 0;
  self->lead = gst_util_uint64_scale_ceil (self->lead_samples, GST_SECOND, self->rate);
  self->render_samples = self->lead_samples + self->total_samples;
  self->output_path = g_strdup (output_path);
  self->live = g_ptr_array_new_with_free_func (g_object_unref);
  self->dying = g_ptr_array_new_with_free_func (g_object_unref);
  self->caps = gst_caps_new_simple ("audio/x-raw",
                                    "format", G_TYPE_STRING, "F32LE",
                                    "layout", G_TYPE_STRING, "interleaved",
                                    "rate", G_TYPE_INT, (int) self->rate,
                                    "channels", G_TYPE_INT, (int) self->channels, NULL);
  if (self->channels <= 2)
    gst_caps_set_simple (self->caps, "channel-mask", GST_TYPE_BITMASK,
                         self->channels == 2 ? (guint64) 0x3 : (guint64) 0, NULL);

  /* Sort and place the sources on the output's sample grid. */
  self->items = g_new0 (Item, MAX (sources->len, 1));
  for (guint i = 0; i < sources->len; i++)
    {
      const SecuenciaMixSource *src = g_ptr_array_index (sources, i);
      Item *item = &self->items[self->n_items];
      guint64 off_samples;
      GstClockTime skip = 0, duration, timeline_offset;

      g_return_val_if_fail (src != NULL && src->path != NULL, FALSE);
      g_return_val_if_fail (src->offset >= 0 && src->source_start >= 0, FALSE);
      if (src->duration <= 0)
        continue;
      off_samples = gst_util_uint64_scale_round ((guint64) src->offset, self->rate, GST_SECOND);
      if (off_samples >= self->total_samples)
        continue;
      item->source = src;
      item->index = i;
      timeline_offset = gst_util_uint64_scale_ceil (off_samples, GST_SECOND, self->rate);
      duration = MIN ((GstClockTime) src->duration, self->total - MIN (timeline_offset, self->total));
      /* in mixer running time, after the lead-in */
      item->offset = gst_util_uint64_scale_ceil (off_samples + self->lead_samples,
                                                 GST_SECOND, self->rate);
      item->end = item->offset + duration;
      secuencia_mp3_gapless_get_skip (src->path, &skip);
      item->seek_start = (GstClockTime) src->source_start + skip;
      item->seek_stop = item->seek_start + duration;
      self->n_items++;
    }
  qsort (self->items, self->n_items, sizeof (Item), compare_items);
  self->horizon = self->n_items > 0 ? self->items[0].offset : GST_CLOCK_TIME_NONE;

  if (!build_pipeline (self, error))
    return FALSE;
  /* the first window */
  if (!add_branches (self, error))
    return FALSE;

  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled),
                                       gst_object_ref (self->bus), gst_object_unref);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr (GstMessage) msg = gst_bus_pop_filtered (self->bus, GST_MESSAGE_ERROR);
      if (msg != NULL)
        set_error_from_message (self, msg, error);
      else
        g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                     _("Cannot start the mixdown pipeline"));
      ok = FALSE;
    }
  else
    ok = run_loop (self, progress_func, progress_data, cancellable, error);

  /* Unblock the mixer's probe, then stop everything from this thread. */
  g_mutex_lock (&self->lock);
  self->shutdown = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);

  faststart = g_strconcat (output_path, ".mdat", NULL);
  g_unlink (faststart);

  if (stats_out != NULL)
    *stats_out = self->stats;
  *retryable = !ok && self->retryable;

  if (ok && self->format == SECUENCIA_MIX_FORMAT_M4A)
    ok = secuencia_mp4_set_audio_edit (output_path, AAC_PRIMING + self->lead_samples,
                                       self->total_samples, error);
  return ok;
}

#define MAX_RENDERS 3

gboolean
secuencia_mixdown_run_full (GPtrArray                 *sources,
                            SecuenciaTime              total,
                            const SecuenciaMixOptions *options,
                            const char                *output_path,
                            SecuenciaMixProgressFunc   progress_func,
                            gpointer                   progress_data,
                            GCancellable              *cancellable,
                            SecuenciaMixStats         *stats_out,
                            GError                   **error)
{
  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr (GError) local_error = NULL;
      gboolean retryable = FALSE;

      if (mixdown_render (sources, total, options, output_path, progress_func, progress_data,
                          cancellable, stats_out, &retryable, &local_error))
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
                                     progress_data, cancellable, NULL, error);
}
