/* secuencia-mix-branch.c: one source of a mix graph, as a bin. */
#include "config.h"

#include "secuencia-mix-branch.h"

#include <glib/gi18n.h>
#include <math.h>

struct _SecuenciaMixBranch
{
  GstBin        parent_instance;

  guint         index;
  char         *label;
  GstClockTime  seek_start;
  GstClockTime  seek_stop;

  GstElement   *decoder;      /* uridecodebin, owned by the bin */
  GstElement   *first;        /* audioconvert, owned by the bin */

  GMutex        lock;
  gboolean      linked;       /* a decoded audio pad is linked */
  gboolean      seek_sent;
  guint32       seek_seqnum;
  gboolean      started;      /* the seek's segment passed: data flows */
  GstClockTime  delivered_end; /* end of the last buffer sent on, stream time */
  gboolean      mixed;        /* a buffer reached the mixer's pad */

  /* set and read under the mix graph's lock */
  GstPad       *mixer_pad;
  GstClockTime  end;
};

G_DEFINE_FINAL_TYPE (SecuenciaMixBranch, secuencia_mix_branch, GST_TYPE_BIN)

static void
secuencia_mix_branch_finalize (GObject *object)
{
  SecuenciaMixBranch *self = SECUENCIA_MIX_BRANCH (object);

  g_clear_object (&self->mixer_pad);
  g_free (self->label);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (secuencia_mix_branch_parent_class)->finalize (object);
}

static void
secuencia_mix_branch_class_init (SecuenciaMixBranchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = secuencia_mix_branch_finalize;
}

static void
secuencia_mix_branch_init (SecuenciaMixBranch *self)
{
  g_mutex_init (&self->lock);
  self->end = GST_CLOCK_TIME_NONE;
  self->delivered_end = GST_CLOCK_TIME_NONE;
}

/* Runs in a thread of the element's pool, never in the blocked streaming
 * thread. */
static void
send_seek (GstElement *element,
           gpointer    user_data)
{
  SecuenciaMixBranch *self = SECUENCIA_MIX_BRANCH (element);
  GstEvent *seek = user_data;
  g_autoptr (GstPad) pad = NULL;
  GstPad *peer;

  /* the decoder pad we block is the peer of audioconvert's sink pad */
  pad = gst_element_get_static_pad (self->first, "sink");
  peer = gst_pad_get_peer (pad);
  if (peer == NULL)
    return;
  if (!gst_pad_send_event (peer, gst_event_ref (seek)))
    GST_ELEMENT_ERROR (self, RESOURCE, SEEK,
                       (_("Cannot seek to %.3f s in %s"),
                        (double) self->seek_start / GST_SECOND, self->label),
                       ("seek [%" GST_TIME_FORMAT ", %" GST_TIME_FORMAT ") refused",
                        GST_TIME_ARGS (self->seek_start), GST_TIME_ARGS (self->seek_stop)));
  gst_object_unref (peer);
}

static GstPadProbeReturn
block_probe (GstPad          *pad,
             GstPadProbeInfo *info,
             gpointer         user_data)
{
  SecuenciaMixBranch *self = user_data;
  GstPadProbeReturn ret;

  if (info->type & GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM)
    {
      GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);

      switch (GST_EVENT_TYPE (event))
        {
        case GST_EVENT_SEGMENT:
          g_mutex_lock (&self->lock);
          if (self->seek_sent && gst_event_get_seqnum (event) == self->seek_seqnum)
            {
              self->started = TRUE;
              g_mutex_unlock (&self->lock);
              return GST_PAD_PROBE_REMOVE;
            }
          g_mutex_unlock (&self->lock);
          break;
        case GST_EVENT_EOS:
          /* a seek past the end may answer with EOS and no segment */
          g_mutex_lock (&self->lock);
          if (self->seek_sent && gst_event_get_seqnum (event) == self->seek_seqnum)
            {
              self->started = TRUE;
              g_mutex_unlock (&self->lock);
              return GST_PAD_PROBE_REMOVE;
            }
          g_mutex_unlock (&self->lock);
          break;
        case GST_EVENT_GAP:
        case GST_EVENT_SEGMENT_DONE:
          break;
        default:
          /* stream-start, caps, tags…: configuration, let it through */
          return GST_PAD_PROBE_PASS;
        }
    }

  /* A stale segment, buffer or EOS from before the seek. */
  g_mutex_lock (&self->lock);
  if (!self->seek_sent)
    {
      GstEvent *seek = gst_event_new_seek (1.0, GST_FORMAT_TIME,
                                           GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                                           GST_SEEK_TYPE_SET, self->seek_start,
                                           GST_SEEK_TYPE_SET, self->seek_stop);
      self->seek_sent = TRUE;
      self->seek_seqnum = gst_event_get_seqnum (seek);
      gst_element_call_async (GST_ELEMENT (self), send_seek, seek,
                              (GDestroyNotify) gst_event_unref);
      ret = GST_PAD_PROBE_OK; /* stay blocked until the seek flushes us */
    }
  else
    ret = GST_PAD_PROBE_DROP;
  g_mutex_unlock (&self->lock);
  return ret;
}

static GstPadProbeReturn
drop_flush_probe (GstPad          *pad,
                  GstPadProbeInfo *info,
                  gpointer         user_data)
{
  /* The branch's own seek flushes the branch; the mixer must not see it. */
  return GST_PAD_PROBE_DROP;
}

/* The branch's src pad answers latency queries itself: a file decoded as
 * fast as it can be is not live and adds no latency, and no query then
 * travels into a branch the graph may be stopping at that moment. That
 * matters: audioresample's latency handler reads its converter without a
 * lock, and its stop() frees it (GStreamer 1.26: a latency query crossing a
 * branch on its way to NULL reads freed memory, and a garbage filter length
 * comes back as an invalid minimum latency, "gst_query_set_latency:
 * assertion 'GST_CLOCK_TIME_IS_VALID (min_latency)' failed", or a crash).
 * The aggregator queries its upstream latency each time a new pad gets its
 * first buffer, while the graph removes finished branches. */
static GstPadProbeReturn
latency_probe (GstPad          *pad,
               GstPadProbeInfo *info,
               gpointer         user_data)
{
  GstQuery *query = GST_PAD_PROBE_INFO_QUERY (info);

  if (GST_QUERY_TYPE (query) != GST_QUERY_LATENCY)
    return GST_PAD_PROBE_OK;
  gst_query_set_latency (query, FALSE, 0, GST_CLOCK_TIME_NONE);
  return GST_PAD_PROBE_HANDLED;
}

/* Allowed shortfall between what a source delivered and its clip: decoders
 * legitimately differ by a frame or two at the end (an AAC source loses its
 * last frame in GStreamer 1.22; an untagged MP3's discovered length is
 * ~70 ms longer than what decodes). More than that means the audio data
 * ends early: a truncated or damaged file. */
#define SHORTFALL_MIN   (150 * GST_MSECOND)
#define SHORTFALL_RATIO 50   /* or 2 % of the clip, whichever is larger */

/* The queue's src pad: notes where the data ends, and at EOS refuses a
 * source that stopped well before its clip does. */
static GstPadProbeReturn
length_probe (GstPad          *pad,
              GstPadProbeInfo *info,
              gpointer         user_data)
{
  SecuenciaMixBranch *self = user_data;
  GstClockTime delivered, expected, allowed;
  gboolean started;

  if (info->type & GST_PAD_PROBE_TYPE_BUFFER)
    {
      GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);

      if (GST_BUFFER_PTS_IS_VALID (buf))
        {
          GstClockTime end = GST_BUFFER_PTS (buf);

          if (GST_BUFFER_DURATION_IS_VALID (buf))
            end += GST_BUFFER_DURATION (buf);
          g_mutex_lock (&self->lock);
          if (!GST_CLOCK_TIME_IS_VALID (self->delivered_end) || end > self->delivered_end)
            self->delivered_end = end;
          g_mutex_unlock (&self->lock);
        }
      return GST_PAD_PROBE_OK;
    }

  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) != GST_EVENT_EOS)
    return GST_PAD_PROBE_OK;

  g_mutex_lock (&self->lock);
  started = self->started;
  delivered = GST_CLOCK_TIME_IS_VALID (self->delivered_end) &&
              self->delivered_end > self->seek_start
              ? self->delivered_end - self->seek_start : 0;
  g_mutex_unlock (&self->lock);
  if (!started)
    return GST_PAD_PROBE_OK;

  expected = self->seek_stop - self->seek_start;
  allowed = MAX (SHORTFALL_MIN, expected / SHORTFALL_RATIO);
  if (delivered + allowed < expected)
    GST_ELEMENT_ERROR (self, STREAM, DECODE,
                       (_("the audio ends after %.3f s of the %.3f s the clip needs "
                          "(the file is truncated or damaged)"),
                        (double) delivered / GST_SECOND, (double) expected / GST_SECOND),
                       ("%s delivered [%" GST_TIME_FORMAT ", %" GST_TIME_FORMAT ")",
                        self->label, GST_TIME_ARGS (self->seek_start),
                        GST_TIME_ARGS (self->seek_start + delivered)));
  return GST_PAD_PROBE_OK;
}

static gboolean
caps_are_audio (GstPad *pad)
{
  g_autoptr (GstCaps) caps = gst_pad_get_current_caps (pad);
  GstStructure *s;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  if (caps == NULL || gst_caps_is_empty (caps))
    return FALSE;
  s = gst_caps_get_structure (caps, 0);
  return g_str_has_prefix (gst_structure_get_name (s), "audio/x-raw");
}

static void
on_pad_added (GstElement *decoder,
              GstPad     *pad,
              gpointer    user_data)
{
  SecuenciaMixBranch *self = user_data;
  g_autoptr (GstPad) sink = NULL;

  if (!caps_are_audio (pad))
    return;

  g_mutex_lock (&self->lock);
  if (self->linked)
    {
      g_mutex_unlock (&self->lock);
      return; /* first audio stream only */
    }
  self->linked = TRUE;
  g_mutex_unlock (&self->lock);

  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BLOCK_DOWNSTREAM, block_probe, self, NULL);
  sink = gst_element_get_static_pad (self->first, "sink");
  if (GST_PAD_LINK_FAILED (gst_pad_link (pad, sink)))
    GST_ELEMENT_ERROR (self, CORE, NEGOTIATION,
                       (_("Cannot use the audio of %s"), self->label), (NULL));
}

static void
on_no_more_pads (GstElement *decoder,
                 gpointer    user_data)
{
  SecuenciaMixBranch *self = user_data;
  gboolean linked;

  g_mutex_lock (&self->lock);
  linked = self->linked;
  g_mutex_unlock (&self->lock);
  if (!linked)
    GST_ELEMENT_ERROR (self, STREAM, WRONG_TYPE,
                       (_("%s has no audio stream"), self->label), (NULL));
}

static GstElement *
make (const char *factory, GError **error)
{
  GstElement *e = gst_element_factory_make (factory, NULL);

  if (e == NULL)
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
                 _("The GStreamer element “%s” is not installed"), factory);
  return e;
}

SecuenciaMixBranch *
secuencia_mix_branch_new (guint         index,
                          const char   *uri,
                          const char   *label,
                          GstClockTime  seek_start,
                          GstClockTime  seek_stop,
                          double        volume_db,
                          GstCaps      *caps,
                          GError      **error)
{
  g_autoptr (SecuenciaMixBranch) self = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GstCaps) raw = NULL;
  g_autoptr (GstPad) src = NULL;
  GstElement *resample, *volume = NULL, *filter, *queue;
  GstPad *ghost;

  g_return_val_if_fail (GST_IS_CAPS (caps), NULL);
  g_return_val_if_fail (seek_stop > seek_start, NULL);

  name = g_strdup_printf ("source-%u", index);
  self = g_object_new (SECUENCIA_TYPE_MIX_BRANCH, "name", name, NULL);
  gst_object_ref_sink (self);
  self->index = index;
  self->label = g_strdup (label != NULL ? label : uri);
  self->seek_start = seek_start;
  self->seek_stop = seek_stop;

  if ((self->decoder = make ("uridecodebin", error)) == NULL ||
      (self->first = make ("audioconvert", error)) == NULL)
    return NULL;
  gst_bin_add_many (GST_BIN (self), self->decoder, self->first, NULL);
  if ((resample = make ("audioresample", error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (self), resample);
  if (fabs (volume_db) > 1e-9)
    {
      if ((volume = make ("volume", error)) == NULL)
        return NULL;
      gst_bin_add (GST_BIN (self), volume);
      g_object_set (volume, "volume", CLAMP (pow (10.0, volume_db / 20.0), 0.0, 10.0), NULL);
    }
  if ((filter = make ("capsfilter", error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (self), filter);
  if ((queue = make ("queue", error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (self), queue);

  raw = gst_caps_new_empty_simple ("audio/x-raw");
  g_object_set (self->decoder, "uri", uri, "caps", raw, "expose-all-streams", FALSE, NULL);
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (queue, "max-size-buffers", 0, "max-size-bytes", 0,
                "max-size-time", (guint64) 300 * GST_MSECOND, NULL);

  if (volume != NULL)
    gst_element_link_many (self->first, resample, volume, filter, queue, NULL);
  else
    gst_element_link_many (self->first, resample, filter, queue, NULL);

  src = gst_element_get_static_pad (queue, "src");
  gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_EVENT_FLUSH, drop_flush_probe, NULL, NULL);
  gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                     length_probe, self, NULL);
  ghost = gst_ghost_pad_new ("src", src);
  gst_pad_add_probe (ghost, GST_PAD_PROBE_TYPE_QUERY_UPSTREAM, latency_probe, NULL, NULL);
  gst_element_add_pad (GST_ELEMENT (self), ghost);

  g_signal_connect_object (self->decoder, "pad-added", G_CALLBACK (on_pad_added), self, 0);
  g_signal_connect_object (self->decoder, "no-more-pads", G_CALLBACK (on_no_more_pads), self, 0);

  return g_steal_pointer (&self);
}

guint
secuencia_mix_branch_get_index (SecuenciaMixBranch *self)
{
  g_return_val_if_fail (SECUENCIA_IS_MIX_BRANCH (self), 0);
  return self->index;
}

const char *
secuencia_mix_branch_get_label (SecuenciaMixBranch *self)
{
  g_return_val_if_fail (SECUENCIA_IS_MIX_BRANCH (self), NULL);
  return self->label;
}

void
secuencia_mix_branch_set_mixer_pad (SecuenciaMixBranch *self,
                                    GstPad             *pad,
                                    GstClockTime        end)
{
  g_return_if_fail (SECUENCIA_IS_MIX_BRANCH (self));
  g_set_object (&self->mixer_pad, pad);
  self->end = end;
}

GstPad *
secuencia_mix_branch_get_mixer_pad (SecuenciaMixBranch *self)
{
  g_return_val_if_fail (SECUENCIA_IS_MIX_BRANCH (self), NULL);
  return self->mixer_pad;
}

GstClockTime
secuencia_mix_branch_get_end (SecuenciaMixBranch *self)
{
  g_return_val_if_fail (SECUENCIA_IS_MIX_BRANCH (self), GST_CLOCK_TIME_NONE);
  return self->end;
}

gboolean
secuencia_mix_branch_has_audio (SecuenciaMixBranch *self)
{
  gboolean linked;

  g_return_val_if_fail (SECUENCIA_IS_MIX_BRANCH (self), FALSE);
  g_mutex_lock (&self->lock);
  linked = self->linked;
  g_mutex_unlock (&self->lock);
  return linked;
}

SecuenciaMixBranch *
secuencia_mix_branch_find_ancestor (GstObject *object)
{
  for (GstObject *o = object; o != NULL; o = GST_OBJECT_PARENT (o))
    if (SECUENCIA_IS_MIX_BRANCH (o))
      return SECUENCIA_MIX_BRANCH (o);
  return NULL;
}

static GstPadProbeReturn
mixer_pad_first_buffer (GstPad          *pad,
                        GstPadProbeInfo *info,
                        gpointer         user_data)
{
  SecuenciaMixBranch *self = user_data;

  g_mutex_lock (&self->lock);
  self->mixed = TRUE;
  g_mutex_unlock (&self->lock);
  return GST_PAD_PROBE_REMOVE;
}

void
secuencia_mix_branch_watch_mixer_pad (SecuenciaMixBranch *self,
                                      GstPad             *pad)
{
  g_return_if_fail (SECUENCIA_IS_MIX_BRANCH (self));
  /* One-shot, and the branch outlives the pad's data flow (the graph
   * releases the pad before it drops the branch): no reference needed. */
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, mixer_pad_first_buffer, self, NULL);
}

gboolean
secuencia_mix_branch_has_mixed (SecuenciaMixBranch *self)
{
  gboolean mixed;

  g_return_val_if_fail (SECUENCIA_IS_MIX_BRANCH (self), FALSE);
  g_mutex_lock (&self->lock);
  mixed = self->mixed;
  g_mutex_unlock (&self->lock);
  return mixed;
}
