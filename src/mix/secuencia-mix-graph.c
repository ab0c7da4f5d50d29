/* secuencia-mix-graph.c: placed sources mixed into one raw-audio pad.
 *
 * Bounded: sources are sorted by offset and only those sounding around the
 * mix position have a branch. A buffer probe on the mixer's src pad:
 *  - cuts the output at exactly the range's end and records the position;
 *  - finds branches whose mixer pad has consumed EOS and asks the manager
 *    thread to remove them;
 *  - asks the manager for the branches of the next window when the
 *    "horizon" (offset of the first source without a branch) comes within
 *    REQUEST_AHEAD of the position, and blocks the mixer when the next
 *    output block could reach the horizon, until the manager has added
 *    them. A non-live aggregator then waits for the new pads' first buffers
 *    and holds buffers that lie in the future until their time, so every
 *    source is mixed from its first sample.
 * All state changes of branches (adding, removing, restarting) happen in the
 * graph's manager thread, never in a streaming thread.
 */
#include "config.h"

#include "secuencia-mix-graph.h"
#include "secuencia-mix-branch.h"
#include "secuencia-asset-src.h"
#include "secuencia-mp3-gapless.h"

#include <glib/gi18n.h>
#include <gst/base/gstaggregator.h>
#include <string.h>

#define BLOCK_DURATION   (50 * GST_MSECOND) /* mixer output block */
#define LOOKAHEAD        (2 * GST_SECOND)   /* build branches this far ahead */
#define REQUEST_AHEAD    (1 * GST_SECOND)   /* ask for more when this close */
#define MUST_AHEAD       (4 * BLOCK_DURATION) /* always build these, cap or not */
#define SOFT_MAX_BRANCHES 8                 /* beyond MUST_AHEAD, stop at this many */
#define POLL_INTERVAL_US (50 * 1000)
/* A stalled mix with a source that has given nothing for this long: that
 * source is unreadable (decodebin sometimes swallows a demuxer's error, e.g.
 * an MP4 without its moov box, and then neither errors nor ends). */
#define SOURCE_STALL_US  (G_GINT64_CONSTANT (5) * G_USEC_PER_SEC)
#define MAX_RESTARTS     3

GST_DEBUG_CATEGORY_STATIC (secuencia_mix_graph_debug);
#define GST_CAT_DEFAULT secuencia_mix_graph_debug

typedef struct
{
  const SecuenciaMixSource *source;
  guint                     index;      /* in the caller's array */
  GstClockTime              offset;     /* snapped to the output grid, mixer running time */
  GstClockTime              end;        /* offset + duration, mixer running time */
  GstClockTime              seek_start;
  GstClockTime              seek_stop;
  guint                     restarts;   /* see handle_message() */
} Item;

typedef enum
{
  COMMAND_NEED,     /* build the branches of the next window */
  COMMAND_REMOVE,   /* a branch has delivered everything */
  COMMAND_RESTART,  /* a branch lost decodebin's start-up race */
  COMMAND_QUIT,
} CommandType;

typedef struct
{
  CommandType         type;
  SecuenciaMixBranch *branch;   /* owned, or NULL */
} Command;

static void
command_free (Command *command)
{
  g_clear_object (&command->branch);
  g_free (command);
}

struct _SecuenciaMixGraph
{
  GstBin             parent_instance;

  /* set up at construction, then read-only */
  GstElement        *mixer;
  GstCaps           *caps;
  guint              rate;
  guint              channels;
  guint              bpf;
  GstClockTime       total;          /* the range's length, on the grid */
  guint64            total_samples;
  guint64            lead_samples;
  GstClockTime       lead;
  guint64            render_samples; /* lead_samples + total_samples */
  GPtrArray         *sources;        /* SecuenciaMixSource*, our copies */
  Item              *items;
  guint              n_items;

  /* manager thread (and the constructor, before it starts) only */
  guint              next;           /* first item without a branch */
  gint64             last_change;
  GstClockTime       last_pos;

  GThread           *thread;
  GAsyncQueue       *commands;       /* Command* */
  GMutex             manage_lock;    /* held while the manager works */

  GMutex             lock;
  GCond              cond;
  /* under lock */
  GPtrArray         *live;           /* SecuenciaMixBranch*, still feeding */
  GPtrArray         *dying;          /* SecuenciaMixBranch*, EOS, removal requested */
  GstClockTime       horizon;        /* items[next].offset, or NONE */
  GstClockTime       position;       /* end of the last mixed buffer */
  gboolean           requested;
  gboolean           shutdown;       /* below PAUSED: manage nothing more */
  gboolean           failed;         /* an error was posted: manage nothing more */
  gboolean           stalled;
  gboolean           retryable;
  SecuenciaMixStats  stats;
};

G_DEFINE_FINAL_TYPE (SecuenciaMixGraph, secuencia_mix_graph, GST_TYPE_BIN)

static void
push_command (SecuenciaMixGraph  *self,
              CommandType         type,
              SecuenciaMixBranch *branch)
{
  Command *command = g_new0 (Command, 1);

  command->type = type;
  command->branch = branch != NULL ? g_object_ref (branch) : NULL;
  g_async_queue_push (self->commands, command);
}

/* Manager thread: stop managing and tell the pipeline's owner. */
static void
post_error (SecuenciaMixGraph *self,
            GError            *error,
            const char        *debug)
{
  g_mutex_lock (&self->lock);
  self->failed = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  gst_element_post_message (GST_ELEMENT (self),
                            gst_message_new_error (GST_OBJECT (self), error, debug));
}

/* Streaming thread of the mixer's src pad. */
static GstPadProbeReturn
mixer_src_probe (GstPad          *pad,
                 GstPadProbeInfo *info,
                 gpointer         user_data)
{
  SecuenciaMixGraph *self = user_data;
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

  /* Branches that have delivered everything: hand them to the manager. */
  for (guint i = 0; i < self->live->len;)
    {
      SecuenciaMixBranch *branch = g_ptr_array_index (self->live, i);
      GstPad *mpad = secuencia_mix_branch_get_mixer_pad (branch);

      if (end >= secuencia_mix_branch_get_end (branch) &&
          gst_aggregator_pad_is_eos (GST_AGGREGATOR_PAD (mpad)))
        {
          g_ptr_array_add (self->dying, g_object_ref (branch));
          push_command (self, COMMAND_REMOVE, branch);
          g_ptr_array_remove_index (self->live, i);
        }
      else
        i++;
    }

  if (GST_CLOCK_TIME_IS_VALID (self->horizon) && !self->requested &&
      end + REQUEST_AHEAD >= self->horizon)
    {
      self->requested = TRUE;
      push_command (self, COMMAND_NEED, NULL);
    }
  /* The next block is [end, end + BLOCK_DURATION): never mix it before
   * every source that starts in it has its pad. */
  while (!self->shutdown && !self->failed && GST_CLOCK_TIME_IS_VALID (self->horizon) &&
         self->horizon < end + 2 * BLOCK_DURATION)
    {
      if (!self->requested)
        {
          self->requested = TRUE;
          push_command (self, COMMAND_NEED, NULL);
        }
      self->stalled = TRUE;
      g_cond_wait (&self->cond, &self->lock);
    }
  g_mutex_unlock (&self->lock);

  return GST_PAD_PROBE_OK;
}

static gboolean
add_branch (SecuenciaMixGraph *self,
            const Item        *item,
            GError           **error)
{
  g_autoptr (SecuenciaMixBranch) branch = NULL;
  g_autoptr (GstPad) src = NULL;
  g_autoptr (GstPad) mpad = NULL;
  g_autoptr (GError) local_error = NULL;
  GstClockTime skip = 0;

  if (item->source->uri == NULL)
    {
      g_set_error (error, SECUENCIA_MIX_ERROR, SECUENCIA_MIX_ERROR_SOURCE,
                   _("Cannot read %s: “%s” is not a valid file name"),
                   item->source->label, item->source->path);
      return FALSE;
    }
  if (item->source->path != NULL)
    secuencia_mp3_gapless_get_skip (item->source->path, &skip);
  else
    secuencia_mp3_gapless_get_skip_for_uri (item->source->uri, &skip);
  branch = secuencia_mix_branch_new (item->index, item->source->uri, item->source->label,
                                     item->seek_start + skip, item->seek_stop + skip,
                                     item->source->volume_db, self->caps, &local_error);
  if (branch == NULL)
    {
      g_set_error (error, SECUENCIA_MIX_ERROR,
                   g_error_matches (local_error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN)
                   ? SECUENCIA_MIX_ERROR_MISSING_ELEMENT : SECUENCIA_MIX_ERROR_SOURCE,
                   "%s", local_error->message);
      return FALSE;
    }
  if (!gst_bin_add (GST_BIN (self), GST_ELEMENT (branch)))
    {
      g_set_error (error, SECUENCIA_MIX_ERROR, SECUENCIA_MIX_ERROR_FAILED,
                   "Cannot add the branch of %s", secuencia_mix_branch_get_label (branch));
      return FALSE;
    }
  mpad = gst_element_request_pad_simple (self->mixer, "sink_%u");
  gst_pad_set_offset (mpad, (gint64) item->offset);
  secuencia_mix_branch_watch_mixer_pad (branch, mpad);
  src = gst_element_get_static_pad (GST_ELEMENT (branch), "src");
  if (GST_PAD_LINK_FAILED (gst_pad_link (src, mpad)))
    {
      g_set_error (error, SECUENCIA_MIX_ERROR, SECUENCIA_MIX_ERROR_FAILED,
                   "Cannot link %s to the mixer", secuencia_mix_branch_get_label (branch));
      gst_element_release_request_pad (self->mixer, mpad);
      gst_bin_remove (GST_BIN (self), GST_ELEMENT (branch));
      return FALSE;
    }

  g_mutex_lock (&self->lock);
  secuencia_mix_branch_set_mixer_pad (branch, mpad, item->end);
  g_ptr_array_add (self->live, g_object_ref (branch));
  self->stats.peak_branches = MAX (self->stats.peak_branches,
                                   self->live->len + self->dying->len);
  self->stats.branches_created++;
  g_mutex_unlock (&self->lock);
  GST_DEBUG_OBJECT (self, "added %s at %" GST_TIME_FORMAT " (seek %" GST_TIME_FORMAT
                    "–%" GST_TIME_FORMAT ")", GST_OBJECT_NAME (branch),
                    GST_TIME_ARGS (item->offset), GST_TIME_ARGS (item->seek_start),
                    GST_TIME_ARGS (item->seek_stop));

  gst_element_sync_state_with_parent (GST_ELEMENT (branch));
  return TRUE;
}

/* Manager thread (or the constructor): build the branches of the window
 * after the position. */
static gboolean
add_branches (SecuenciaMixGraph *self,
              GError           **error)
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

/* Manager thread: a branch whose pad has consumed EOS, or that failed. */
static void
remove_branch (SecuenciaMixGraph  *self,
               SecuenciaMixBranch *branch)
{
  GstPad *mpad;

  GST_DEBUG_OBJECT (self, "removing %s", GST_OBJECT_NAME (branch));
  /* The pipeline may still be finishing a state change of its own (from a
   * thread of its pool): keep it from touching the branch while it goes. */
  gst_element_set_locked_state (GST_ELEMENT (branch), TRUE);
  gst_element_set_state (GST_ELEMENT (branch), GST_STATE_NULL);
  mpad = secuencia_mix_branch_get_mixer_pad (branch);
  if (mpad != NULL)
    gst_element_release_request_pad (self->mixer, mpad);
  gst_bin_remove (GST_BIN (self), GST_ELEMENT (branch));

  g_mutex_lock (&self->lock);
  g_ptr_array_remove (self->dying, branch);
  g_ptr_array_remove (self->live, branch);
  g_mutex_unlock (&self->lock);
}

static Item *
find_item (SecuenciaMixGraph  *self,
           SecuenciaMixBranch *branch)
{
  guint index = secuencia_mix_branch_get_index (branch);

  for (guint i = 0; i < self->n_items; i++)
    if (self->items[i].index == index)
      return &self->items[i];
  return NULL;
}

/* Manager thread: rebuild a branch that lost decodebin's start-up race
 * before any of it was mixed (see handle_message()). */
static gboolean
restart_branch (SecuenciaMixGraph  *self,
                SecuenciaMixBranch *branch,
                GError            **error)
{
  Item *item = find_item (self, branch);

  if (item == NULL || GST_OBJECT_PARENT (branch) != GST_OBJECT (self))
    return TRUE;
  GST_INFO_OBJECT (self, "restarting %s", secuencia_mix_branch_get_label (branch));
  remove_branch (self, branch);
  g_mutex_lock (&self->lock);
  self->stats.restarts++;
  g_mutex_unlock (&self->lock);
  return add_branch (self, item, error);
}

/* Manager thread, when the mix has not moved for a while: a branch that has neither data nor EOS is what the
 * mixer waits for. */
static char *
dup_starved_label (SecuenciaMixGraph *self)
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

static void
check_stall (SecuenciaMixGraph *self)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *starved = NULL;
  GstClockTime pos;
  gboolean running;

  /* in PAUSED too: a branch gets its data while prerolling */
  GST_OBJECT_LOCK (self);
  running = GST_STATE_TARGET (self) >= GST_STATE_PAUSED;
  GST_OBJECT_UNLOCK (self);
  g_mutex_lock (&self->lock);
  pos = self->position;
  g_mutex_unlock (&self->lock);

  if (!running || pos != self->last_pos)
    {
      self->last_pos = pos;
      self->last_change = now;
      return;
    }
  if (now - self->last_change > SOURCE_STALL_US && (starved = dup_starved_label (self)) != NULL)
    {
      g_autoptr (GError) error = NULL;

      error = g_error_new (SECUENCIA_MIX_ERROR, SECUENCIA_MIX_ERROR_SOURCE,
                           _("Cannot read %s: no audio came out of it (the file is damaged or "
                             "not in a format GStreamer can decode)"), starved);
      post_error (self, error, "the mixer waited 5 s for this source");
    }
}

static gpointer
manager_thread (gpointer user_data)
{
  SecuenciaMixGraph *self = user_data;

  self->last_change = g_get_monotonic_time ();
  for (;;)
    {
      Command *command = g_async_queue_timeout_pop (self->commands, POLL_INTERVAL_US);
      g_autoptr (GError) error = NULL;
      gboolean active;

      if (command != NULL && command->type == COMMAND_QUIT)
        {
          command_free (command);
          break;
        }

      g_mutex_lock (&self->manage_lock);
      g_mutex_lock (&self->lock);
      active = !self->shutdown && !self->failed;
      g_mutex_unlock (&self->lock);
      if (active && command != NULL)
        {
          gboolean ok = TRUE;

          switch (command->type)
            {
            case COMMAND_NEED:
              ok = add_branches (self, &error);
              break;
            case COMMAND_REMOVE:
              remove_branch (self, command->branch);
              break;
            case COMMAND_RESTART:
              ok = restart_branch (self, command->branch, &error);
              break;
            case COMMAND_QUIT:
              g_assert_not_reached ();
            }
          if (!ok)
            post_error (self, error, NULL);
          /* The stall clock runs while this thread is idle: the mix that
           * waited for it (hundreds of branches ending at once are removed
           * one by one before the next are added) did not wait for a
           * source, and a branch just added gets its full time. */
          self->last_change = g_get_monotonic_time ();
        }
      if (active)
        check_stall (self);
      g_mutex_unlock (&self->manage_lock);
      g_clear_pointer (&command, command_free);
    }
  return NULL;
}

/* An error that decodebin's start-up race produces: "not-linked" inside a
 * source branch.
 *
 * decodebin 1.22 has a start-up race: a demuxer running its own loop (e.g.
 * wavparse in pull mode) can push while decodebin is still retargeting the
 * pad it is about to expose (the branch's seek restarts that loop at the
 * same moment), and the stream stops with "not-linked" (seen in about one
 * branch in a few thousand). If no buffer of that branch has reached the
 * mixer, and the mix has not yet reached the clip's offset (the mixer waits
 * for a pad that has neither data nor EOS), the branch is rebuilt in place;
 * otherwise the graph fails and says it is retryable. */
static gboolean
is_start_race (const char *debug)
{
  return debug != NULL && strstr (debug, "not-linked") != NULL;
}

/* Any thread: what the graph says about an error inside @branch. */
static GError *
branch_error (SecuenciaMixBranch *branch,
              const GError       *gerr)
{
  if (!secuencia_mix_branch_has_audio (branch) &&
      (g_error_matches (gerr, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN) ||
       g_error_matches (gerr, GST_STREAM_ERROR, GST_STREAM_ERROR_CODEC_NOT_FOUND)))
    return g_error_new (SECUENCIA_MIX_ERROR, SECUENCIA_MIX_ERROR_SOURCE,
                        _("Cannot read %s: it has no audio stream GStreamer can decode (%s)"),
                        secuencia_mix_branch_get_label (branch), gerr->message);
  return g_error_new (SECUENCIA_MIX_ERROR, SECUENCIA_MIX_ERROR_SOURCE,
                      _("Cannot read %s: %s"), secuencia_mix_branch_get_label (branch),
                      gerr->message);
}

/* The thread that posted @message (a streaming thread, usually). */
static void
secuencia_mix_graph_handle_message (GstBin     *bin,
                                    GstMessage *message)
{
  SecuenciaMixGraph *self = SECUENCIA_MIX_GRAPH (bin);
  g_autoptr (GError) gerr = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *debug = NULL;
  SecuenciaMixBranch *branch;
  Item *item;
  gboolean restart = FALSE;

  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_ERROR ||
      (branch = secuencia_mix_branch_find_ancestor (GST_MESSAGE_SRC (message))) == NULL)
    {
      GST_BIN_CLASS (secuencia_mix_graph_parent_class)->handle_message (bin, message);
      return;
    }

  gst_message_parse_error (message, &gerr, &debug);
  GST_DEBUG_OBJECT (self, "error from %s: %s (%s)", GST_MESSAGE_SRC_NAME (message),
                    gerr->message, debug ? debug : "");

  if (GST_OBJECT_PARENT (branch) != GST_OBJECT (self))
    {
      /* a late message from a branch already removed */
      gst_message_unref (message);
      return;
    }

  item = find_item (self, branch);
  g_mutex_lock (&self->lock);
  if (self->shutdown)
    {
      g_mutex_unlock (&self->lock);
      gst_message_unref (message);
      return;
    }
  if (is_start_race (debug) && item != NULL)
    {
      if (!secuencia_mix_branch_has_mixed (branch) && item->restarts < MAX_RESTARTS &&
          self->position <= item->offset && !self->failed)
        {
          item->restarts++;
          restart = TRUE;
        }
      else
        self->retryable = TRUE;
    }
  if (!restart)
    {
      self->failed = TRUE;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);

  if (restart)
    {
      GST_INFO_OBJECT (self, "will restart %s after: %s",
                       secuencia_mix_branch_get_label (branch), debug);
      push_command (self, COMMAND_RESTART, branch);
      gst_message_unref (message);
      return;
    }

  error = branch_error (branch, gerr);
  gst_message_unref (message);
  GST_BIN_CLASS (secuencia_mix_graph_parent_class)->handle_message (
      bin, gst_message_new_error (GST_OBJECT (self), error, debug));
}

static GstStateChangeReturn
secuencia_mix_graph_change_state (GstElement     *element,
                                  GstStateChange  transition)
{
  SecuenciaMixGraph *self = SECUENCIA_MIX_GRAPH (element);

  if (transition == GST_STATE_CHANGE_PAUSED_TO_READY)
    {
      /* Unblock the mixer's probe and wait until the manager is idle: from
       * now on nothing but this state change touches the branches. */
      g_mutex_lock (&self->lock);
      self->shutdown = TRUE;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      g_mutex_lock (&self->manage_lock);
      g_mutex_unlock (&self->manage_lock);
    }
  return GST_ELEMENT_CLASS (secuencia_mix_graph_parent_class)->change_state (element, transition);
}

static void
secuencia_mix_graph_dispose (GObject *object)
{
  SecuenciaMixGraph *self = SECUENCIA_MIX_GRAPH (object);

  if (self->thread != NULL)
    {
      g_mutex_lock (&self->lock);
      self->shutdown = TRUE;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      push_command (self, COMMAND_QUIT, NULL);
      g_thread_join (g_steal_pointer (&self->thread));
    }
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->live, g_ptr_array_unref);
  g_clear_pointer (&self->dying, g_ptr_array_unref);
  g_mutex_unlock (&self->lock);

  G_OBJECT_CLASS (secuencia_mix_graph_parent_class)->dispose (object);
}

static void
secuencia_mix_graph_finalize (GObject *object)
{
  SecuenciaMixGraph *self = SECUENCIA_MIX_GRAPH (object);

  g_clear_pointer (&self->commands, g_async_queue_unref);
  g_clear_pointer (&self->caps, gst_caps_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_free (self->items);
  g_mutex_clear (&self->manage_lock);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (secuencia_mix_graph_parent_class)->finalize (object);
}

static void
secuencia_mix_graph_class_init (SecuenciaMixGraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBinClass *bin_class = GST_BIN_CLASS (klass);

  object_class->dispose = secuencia_mix_graph_dispose;
  object_class->finalize = secuencia_mix_graph_finalize;
  element_class->change_state = secuencia_mix_graph_change_state;
  bin_class->handle_message = secuencia_mix_graph_handle_message;

  GST_DEBUG_CATEGORY_INIT (secuencia_mix_graph_debug, "secuencia-mix-graph", 0,
                           "Secuencia mix graph");
}

static void
secuencia_mix_graph_init (SecuenciaMixGraph *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->manage_lock);
  g_cond_init (&self->cond);
  self->commands = g_async_queue_new_full ((GDestroyNotify) command_free);
  self->live = g_ptr_array_new_with_free_func (g_object_unref);
  self->dying = g_ptr_array_new_with_free_func (g_object_unref);
  self->horizon = GST_CLOCK_TIME_NONE;
}

static int
compare_items (gconstpointer a, gconstpointer b)
{
  const Item *x = a, *y = b;

  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static GstElement *
make (const char *factory, GError **error)
{
  GstElement *e = gst_element_factory_make (factory, NULL);

  if (e == NULL)
    g_set_error (error, SECUENCIA_MIX_ERROR, SECUENCIA_MIX_ERROR_MISSING_ELEMENT,
                 _("The GStreamer element “%s” is not installed"), factory);
  return e;
}

guint64
secuencia_mix_graph_count_samples (SecuenciaTime start,
                                   SecuenciaTime end,
                                   guint         rate)
{
  guint64 a, b;

  g_return_val_if_fail (start >= 0 && end >= start, 0);
  if (rate == 0)
    rate = 48000;
  a = gst_util_uint64_scale_round ((guint64) start, rate, GST_SECOND);
  b = gst_util_uint64_scale_round ((guint64) end, rate, GST_SECOND);
  return b - a;
}

/* Place the sources on the output's sample grid, relative to the range. */
static void
place_items (SecuenciaMixGraph *self,
             SecuenciaTime      start)
{
  guint64 start_samples = gst_util_uint64_scale_round ((guint64) start, self->rate, GST_SECOND);
  guint64 end_samples = start_samples + self->total_samples;

  self->items = g_new0 (Item, MAX (self->sources->len, 1));
  for (guint i = 0; i < self->sources->len; i++)
    {
      const SecuenciaMixSource *src = g_ptr_array_index (self->sources, i);
      Item *item = &self->items[self->n_items];
      guint64 off_samples, rel_samples;
      GstClockTime cut = 0, duration, rel_offset;

      if (src->duration <= 0)
        continue;
      off_samples = gst_util_uint64_scale_round ((guint64) src->offset, self->rate, GST_SECOND);
      if (off_samples >= end_samples)
        continue;
      if (off_samples < start_samples)
        {
          /* begins before the range: start it trimmed at the range's start */
          cut = gst_util_uint64_scale_ceil (start_samples, GST_SECOND, self->rate) -
                gst_util_uint64_scale_ceil (off_samples, GST_SECOND, self->rate);
          if (cut >= (GstClockTime) src->duration)
            continue;
          off_samples = start_samples;
        }
      rel_samples = off_samples - start_samples;
      item->source = src;
      item->index = i;
      rel_offset = gst_util_uint64_scale_ceil (rel_samples, GST_SECOND, self->rate);
      duration = MIN ((GstClockTime) src->duration - cut,
                      self->total - MIN (rel_offset, self->total));
      /* in mixer running time, after the lead-in */
      item->offset = gst_util_uint64_scale_ceil (rel_samples + self->lead_samples,
                                                 GST_SECOND, self->rate);
      item->end = item->offset + duration;
      /* the MP3 encoder delay is added when the branch is built: reading
       * every file's header here would make a long range slow to start */
      item->seek_start = (GstClockTime) src->source_start + cut;
      item->seek_stop = item->seek_start + duration;
      self->n_items++;
    }
  qsort (self->items, self->n_items, sizeof (Item), compare_items);
  self->horizon = self->n_items > 0 ? self->items[0].offset : GST_CLOCK_TIME_NONE;
}

static gboolean
build (SecuenciaMixGraph *self,
       GError           **error)
{
  GstElement *bed, *bed_filter, *out_filter;
  g_autoptr (GstPad) bed_src = NULL;
  g_autoptr (GstPad) bed_pad = NULL;
  g_autoptr (GstPad) mixer_src = NULL;
  g_autoptr (GstPad) out_src = NULL;
  guint spb = (guint) gst_util_uint64_scale_round (BLOCK_DURATION, self->rate, GST_SECOND);

  if ((self->mixer = make ("audiomixer", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self), self->mixer);
  if ((bed = make ("audiotestsrc", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self), bed);
  if ((bed_filter = make ("capsfilter", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self), bed_filter);
  if ((out_filter = make ("capsfilter", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self), out_filter);

  g_object_set (self->mixer, "output-buffer-duration", (guint64) BLOCK_DURATION,
                "start-time-selection", 0 /* zero */, NULL);
  g_object_set (bed, "wave", 4 /* silence */, "samplesperbuffer", spb,
                "num-buffers", (int) ((self->render_samples + spb - 1) / spb), NULL);
  g_object_set (bed_filter, "caps", self->caps, NULL);
  g_object_set (out_filter, "caps", self->caps, NULL);

  if (!gst_element_link (bed, bed_filter))
    goto link_failed;
  bed_src = gst_element_get_static_pad (bed_filter, "src");
  bed_pad = gst_element_request_pad_simple (self->mixer, "sink_%u");
  if (GST_PAD_LINK_FAILED (gst_pad_link (bed_src, bed_pad)))
    goto link_failed;
  if (!gst_element_link (self->mixer, out_filter))
    goto link_failed;

  out_src = gst_element_get_static_pad (out_filter, "src");
  gst_element_add_pad (GST_ELEMENT (self), gst_ghost_pad_new ("src", out_src));

  mixer_src = gst_element_get_static_pad (self->mixer, "src");
  gst_pad_add_probe (mixer_src, GST_PAD_PROBE_TYPE_BUFFER, mixer_src_probe, self, NULL);
  return TRUE;

link_failed:
  g_set_error (error, SECUENCIA_MIX_ERROR, SECUENCIA_MIX_ERROR_FAILED,
               _("Cannot build the mix (format %u Hz, %u channels)"),
               self->rate, self->channels);
  return FALSE;
}

SecuenciaMixGraph *
secuencia_mix_graph_new (GPtrArray     *sources,
                         SecuenciaTime  start,
                         SecuenciaTime  end,
                         guint          rate,
                         guint          channels,
                         guint64        lead_samples,
                         GError       **error)
{
  g_autoptr (SecuenciaMixGraph) self = NULL;

  g_return_val_if_fail (sources != NULL, NULL);
  g_return_val_if_fail (start >= 0 && end > start, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  for (guint i = 0; i < sources->len; i++)
    {
      const SecuenciaMixSource *src = g_ptr_array_index (sources, i);

      g_return_val_if_fail (src != NULL && (src->path != NULL || src->uri != NULL), NULL);
      g_return_val_if_fail (src->offset >= 0 && src->source_start >= 0, NULL);
    }

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  secuencia_asset_src_register ();

  self = g_object_new (SECUENCIA_TYPE_MIX_GRAPH, NULL);
  gst_object_ref_sink (self);
  self->rate = rate > 0 ? rate : 48000;
  self->channels = channels > 0 ? channels : 2;
  self->bpf = 4 * self->channels;
  self->total_samples = secuencia_mix_graph_count_samples (start, end, self->rate);
  self->total = gst_util_uint64_scale_round (self->total_samples, GST_SECOND, self->rate);
  self->lead_samples = lead_samples;
  self->lead = gst_util_uint64_scale_ceil (self->lead_samples, GST_SECOND, self->rate);
  self->render_samples = self->lead_samples + self->total_samples;
  self->caps = gst_caps_new_simple ("audio/x-raw",
                                    "format", G_TYPE_STRING, "F32LE",
                                    "layout", G_TYPE_STRING, "interleaved",
                                    "rate", G_TYPE_INT, (int) self->rate,
                                    "channels", G_TYPE_INT, (int) self->channels, NULL);
  if (self->channels <= 2)
    gst_caps_set_simple (self->caps, "channel-mask", GST_TYPE_BITMASK,
                         self->channels == 2 ? (guint64) 0x3 : (guint64) 0, NULL);
  self->sources = g_ptr_array_new_full (sources->len, (GDestroyNotify) secuencia_mix_source_free);
  for (guint i = 0; i < sources->len; i++)
    g_ptr_array_add (self->sources, secuencia_mix_source_copy (g_ptr_array_index (sources, i)));

  place_items (self, start);
  if (!build (self, error))
    return NULL;
  /* the first window */
  if (!add_branches (self, error))
    return NULL;

  self->thread = g_thread_new ("secuencia-mix", manager_thread, self);
  return g_steal_pointer (&self);
}

GstCaps *
secuencia_mix_graph_get_caps (SecuenciaMixGraph *self)
{
  g_return_val_if_fail (SECUENCIA_IS_MIX_GRAPH (self), NULL);
  return self->caps;
}

guint64
secuencia_mix_graph_get_n_samples (SecuenciaMixGraph *self)
{
  g_return_val_if_fail (SECUENCIA_IS_MIX_GRAPH (self), 0);
  return self->total_samples;
}

GstClockTime
secuencia_mix_graph_get_duration (SecuenciaMixGraph *self)
{
  g_return_val_if_fail (SECUENCIA_IS_MIX_GRAPH (self), 0);
  return self->total;
}

GstClockTime
secuencia_mix_graph_get_position (SecuenciaMixGraph *self)
{
  GstClockTime pos;

  g_return_val_if_fail (SECUENCIA_IS_MIX_GRAPH (self), 0);
  g_mutex_lock (&self->lock);
  pos = self->position;
  g_mutex_unlock (&self->lock);
  /* the lead-in is not part of the range */
  return pos > self->lead ? MIN (pos - self->lead, self->total) : 0;
}

void
secuencia_mix_graph_get_stats (SecuenciaMixGraph *self,
                               SecuenciaMixStats *stats)
{
  g_return_if_fail (SECUENCIA_IS_MIX_GRAPH (self));
  g_return_if_fail (stats != NULL);
  g_mutex_lock (&self->lock);
  *stats = self->stats;
  g_mutex_unlock (&self->lock);
}

gboolean
secuencia_mix_graph_is_retryable (SecuenciaMixGraph *self)
{
  gboolean retryable;

  g_return_val_if_fail (SECUENCIA_IS_MIX_GRAPH (self), FALSE);
  g_mutex_lock (&self->lock);
  retryable = self->retryable;
  g_mutex_unlock (&self->lock);
  return retryable;
}
