/* secuencia-player.c: play a timeline through the desktop's sound.
 *
 * Threads:
 *  - the main thread keeps the wanted state (playing, position, the
 *    generation of the wanted pipeline), builds the list of sources from the
 *    timeline (cheap: no I/O but asset names from the window's connection)
 *    and posts jobs;
 *  - one worker (a one-thread pool, so jobs run in order) builds pipelines
 *    and does every state change, and owns the current pipeline;
 *  - the pipeline's bus is watched from the main context.
 * A job or message for an older generation is ignored: a new play, seek or
 * edit simply supersedes whatever was under way.
 */
#include "config.h"

#include "secuencia-player.h"
#include "secuencia-mix-graph.h"

#include <glib/gi18n.h>
#include <gst/gst.h>

#define RATE 48000
#define CHANNELS 2
#define REBUILD_DELAY_MS 40   /* coalesce bursts of edits while playing */
/* Mixed sound buffered ahead of the sink, in its own thread, so a busy
 * machine delays the mix (and the decoders) without starving the sound
 * card; and the sink's own buffer. Neither slows play, pause or seek: a
 * pause corks the stream where it is, a seek builds a new pipeline. */
#define MIX_AHEAD        (500 * GST_MSECOND)
#define SINK_BUFFER_US   (G_GINT64_CONSTANT (400) * 1000)
#define SINK_LATENCY_US  (G_GINT64_CONSTANT (20) * 1000)
#define START_LATENCY    (60 * GST_MSECOND)
/* after a project is set, out of the way of opening it */
#define WARM_UP_DELAY_MS 1500

G_DEFINE_QUARK (secuencia-player-error-quark, secuencia_player_error)

/* ---- the worker ---- */

/* A weak reference to the player that the worker can pass around without
 * ever holding the player itself (only the main thread resolves it, so the
 * player is never disposed in the worker). Refcounted (g_atomic_rc_box). */
typedef struct
{
  GWeakRef player;
} Handle;

static void
handle_clear (gpointer data)
{
  Handle *handle = data;

  g_weak_ref_clear (&handle->player);
}

static void
handle_unref (Handle *handle)
{
  g_atomic_rc_box_release_full (handle, handle_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Handle, handle_unref)

typedef struct
{
  gint        gen;          /* atomic: the generation the main thread wants */
  /* worker thread only */
  GstElement *current;
  guint       current_gen;
} Shared;

static void
shared_clear (Shared *shared)
{
  if (shared->current != NULL)
    {
      gst_element_set_state (shared->current, GST_STATE_NULL);
      gst_clear_object (&shared->current);
    }
}

typedef enum
{
  JOB_START,   /* build a pipeline for [start, end) and bring it to @state */
  JOB_STOP,    /* drop the current pipeline when it is of @gen or older */
  JOB_WARM_UP, /* load the plugins and open the sound output once */
} JobType;

typedef struct
{
  JobType        type;
  guint          gen;
  GstState       state;
  /* JOB_START */
  Handle        *handle;
  GPtrArray     *sources;
  SecuenciaTime  start;
  SecuenciaTime  end;
  char          *sink_factory;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->handle, handle_unref);
  g_clear_pointer (&job->sources, g_ptr_array_unref);
  g_free (job->sink_factory);
  g_free (job);
}

/* What a JOB_START tells the main thread. */
typedef struct
{
  Handle            *handle;
  guint              gen;
  GstElement        *pipeline;
  SecuenciaMixGraph *graph;
  GSource           *bus_source;
  SecuenciaTime      start;
  GError            *error;
} Report;

static void
report_free (Report *report)
{
  g_clear_pointer (&report->handle, handle_unref);
  gst_clear_object (&report->pipeline);
  gst_clear_object (&report->graph);
  g_clear_pointer (&report->bus_source, g_source_unref);
  g_clear_error (&report->error);
  g_free (report);
}

typedef struct
{
  Handle *handle;
  guint   gen;
} BusData;

static void
bus_data_free (BusData *data)
{
  g_clear_pointer (&data->handle, handle_unref);
  g_free (data);
}

struct _SecuenciaPlayer
{
  GObject            parent_instance;

  SecuenciaProject  *project;
  char              *project_path;
  GHashTable        *asset_names;    /* asset id (gint64*) -> file name */
  SecuenciaTimeline *timeline;
  gulong             changed_id;
  char              *sink_factory;

  gboolean           playing;
  SecuenciaTime      position;

  Shared            *shared;
  Handle            *handle;
  GThreadPool       *pool;
  guint              gen;            /* of the wanted pipeline */
  gboolean           have_pipeline;  /* one for @gen exists or is being built */
  GstElement        *pipeline;       /* of @pipeline_gen, for position queries */
  SecuenciaMixGraph *graph;
  guint              pipeline_gen;
  guint              started_gen;    /* "started" was emitted for it */
  SecuenciaTime      pipeline_start;
  GSource           *bus_source;
  guint              rebuild_id;
  gboolean           warmed_up;
  guint              warm_up_id;
};

G_DEFINE_FINAL_TYPE (SecuenciaPlayer, secuencia_player, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PLAYING,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_ERROR,
  SIGNAL_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean on_bus_message (GstBus *bus, GstMessage *message, gpointer user_data);
static gboolean on_report (gpointer user_data);

static GstElement *
make (const char *factory, GError **error)
{
  GstElement *e = gst_element_factory_make (factory, NULL);

  if (e == NULL)
    g_set_error (error, SECUENCIA_PLAYER_ERROR, SECUENCIA_PLAYER_ERROR_FAILED,
                 _("The GStreamer element “%s” is not installed"), factory);
  return e;
}

/* Worker: an automatic sink that found no device plays into a fake sink. */
static gboolean
sink_is_fake (GstElement *sink)
{
  g_autoptr (GstIterator) it = NULL;
  GValue item = G_VALUE_INIT;
  gboolean fake = FALSE, done = FALSE;

  if (!GST_IS_BIN (sink))
    return FALSE;
  it = gst_bin_iterate_recurse (GST_BIN (sink));
  while (!done)
    {
      switch (gst_iterator_next (it, &item))
        {
        case GST_ITERATOR_OK:
          {
            GstElement *child = g_value_get_object (&item);
            GstElementFactory *factory = gst_element_get_factory (child);

            if (factory != NULL &&
                g_strcmp0 (gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)),
                           "fakesink") == 0)
              fake = TRUE;
            g_value_reset (&item);
          }
          break;
        case GST_ITERATOR_RESYNC:
          gst_iterator_resync (it);
          break;
        default:
          done = TRUE;
          break;
        }
    }
  g_value_unset (&item);
  return fake;
}

/* The audio sink autoaudiosink picks (any thread). */
static void
on_element_added (GstBin     *bin,
                  GstBin     *sub_bin,
                  GstElement *element,
                  gpointer    user_data)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (element);

  if (g_object_class_find_property (klass, "buffer-time") != NULL &&
      g_object_class_find_property (klass, "latency-time") != NULL &&
      GST_OBJECT_FLAG_IS_SET (element, GST_ELEMENT_FLAG_SINK))
    g_object_set (element, "buffer-time", SINK_BUFFER_US, "latency-time", SINK_LATENCY_US, NULL);
}

/* The mix's silence reaches the sink as real samples, not as GAP buffers.
 * An audio sink renders nothing for a GAP buffer and waits for its own
 * clock to pass it; pulsesink's clock only runs once the sound server's
 * buffer has been filled and the stream uncorked (seen with GStreamer
 * 1.26), so a mix that begins with less sound than that buffer holds (a
 * short line, then a pause) waited forever. audioconvert and audioresample
 * have made a GAP buffer's samples silence already; only the flag goes. */
static GstPadProbeReturn
ungap_probe (GstPad          *pad,
             GstPadProbeInfo *info,
             gpointer         user_data)
{
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);

  if (GST_BUFFER_FLAG_IS_SET (buffer, GST_BUFFER_FLAG_GAP))
    {
      buffer = gst_buffer_make_writable (buffer);
      GST_BUFFER_FLAG_UNSET (buffer, GST_BUFFER_FLAG_GAP);
      GST_PAD_PROBE_INFO_DATA (info) = buffer;
    }
  return GST_PAD_PROBE_OK;
}

/* Worker: graph → queue → audioconvert → audioresample → sink, in READY. */
static GstElement *
build_pipeline (Job                *job,
                SecuenciaMixGraph **out_graph,
                GError            **error)
{
  g_autoptr (GstElement) pipeline = gst_pipeline_new ("secuencia-player");
  /* The sound server starts later than the latency the sink reports:
   * without this, the first ~20 ms of what starts at the playhead are cut. */
  gst_pipeline_set_latency (GST_PIPELINE (pipeline), START_LATENCY);
  g_autoptr (SecuenciaMixGraph) graph = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GstBus) bus = NULL;
  GstElement *queue, *convert, *resample, *sink;

  graph = secuencia_mix_graph_new (job->sources, job->start, job->end, RATE, CHANNELS, 0,
                                   &local_error);
  if (graph == NULL)
    {
      g_set_error_literal (error, SECUENCIA_PLAYER_ERROR,
                           g_error_matches (local_error, SECUENCIA_MIX_ERROR,
                                            SECUENCIA_MIX_ERROR_SOURCE)
                           ? SECUENCIA_PLAYER_ERROR_SOURCE : SECUENCIA_PLAYER_ERROR_FAILED,
                           local_error->message);
      return NULL;
    }
  gst_bin_add (GST_BIN (pipeline), GST_ELEMENT (graph));
  if ((queue = make ("queue", error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), queue);
  g_object_set (queue, "max-size-buffers", 0, "max-size-bytes", 0,
                "max-size-time", (guint64) MIX_AHEAD, NULL);
  if ((convert = make ("audioconvert", error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), convert);
  if ((resample = make ("audioresample", error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), resample);
  sink = gst_element_factory_make (job->sink_factory, NULL);
  if (sink == NULL)
    {
      g_set_error (error, SECUENCIA_PLAYER_ERROR, SECUENCIA_PLAYER_ERROR_NO_OUTPUT,
                   _("No sound output: the GStreamer element “%s” is not installed"),
                   job->sink_factory);
      return NULL;
    }
  gst_bin_add (GST_BIN (pipeline), sink);
  g_signal_connect (pipeline, "deep-element-added", G_CALLBACK (on_element_added), NULL);
  if (!gst_element_link_many (GST_ELEMENT (graph), queue, convert, resample, sink, NULL))
    {
      g_set_error (error, SECUENCIA_PLAYER_ERROR, SECUENCIA_PLAYER_ERROR_NO_OUTPUT,
                   _("No sound output: “%s” does not take the mix's audio"), job->sink_factory);
      return NULL;
    }
  {
    g_autoptr (GstPad) pad = gst_element_get_static_pad (resample, "src");

    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, ungap_probe, NULL, NULL);
  }

  /* The sound server is contacted here: find out now when there is none. */
  bus = gst_element_get_bus (pipeline);
  if (gst_element_set_state (pipeline, GST_STATE_READY) == GST_STATE_CHANGE_FAILURE ||
      sink_is_fake (sink))
    {
      g_autoptr (GstMessage) msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR | GST_MESSAGE_WARNING);
      g_autoptr (GError) gerr = NULL;

      if (msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
        gst_message_parse_error (msg, &gerr, NULL);
      else if (msg != NULL)
        gst_message_parse_warning (msg, &gerr, NULL);
      g_set_error (error, SECUENCIA_PLAYER_ERROR, SECUENCIA_PLAYER_ERROR_NO_OUTPUT,
                   _("No sound output: no sound server or audio device could be opened (%s)"),
                   gerr != NULL ? gerr->message : _("no usable audio sink"));
      gst_element_set_state (pipeline, GST_STATE_NULL);
      return NULL;
    }
  gst_bus_set_flushing (bus, TRUE);   /* drop what the sink probing left */
  gst_bus_set_flushing (bus, FALSE);

  *out_graph = g_steal_pointer (&graph);
  return g_steal_pointer (&pipeline);
}

static void
run_start (Shared *shared,
           Job    *job)
{
  g_autoptr (GstElement) old = NULL;
  Report *report;

  if ((guint) g_atomic_int_get (&shared->gen) != job->gen)
    return;   /* superseded before it began */

  /* Silence the old mix at once; it is torn down after the new one runs. */
  old = g_steal_pointer (&shared->current);
  if (old != NULL)
    gst_element_set_state (old, GST_STATE_PAUSED);

  report = g_new0 (Report, 1);
  report->handle = g_atomic_rc_box_acquire (job->handle);
  report->gen = job->gen;
  report->start = job->start;
  report->pipeline = build_pipeline (job, &report->graph, &report->error);
  if (report->pipeline != NULL)
    {
      g_autoptr (GstBus) bus = gst_element_get_bus (report->pipeline);
      BusData *data = g_new0 (BusData, 1);

      data->handle = g_atomic_rc_box_acquire (job->handle);
      data->gen = job->gen;
      report->bus_source = gst_bus_create_watch (bus);
      g_source_set_callback (report->bus_source, G_SOURCE_FUNC (on_bus_message), data,
                             (GDestroyNotify) bus_data_free);
      g_source_attach (report->bus_source, NULL);

      gst_element_set_state (report->pipeline, job->state);
      shared->current = gst_object_ref (report->pipeline);
      shared->current_gen = job->gen;
    }
  /* Always through a source: g_main_context_invoke() runs the callback
   * right here, in this worker, whenever it can acquire the main context
   * (between two iterations of the main loop), and on_report() may emit
   * "error" to the window, whose handlers call GTK. */
  {
    g_autoptr (GSource) source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_DEFAULT);
    g_source_set_callback (source, on_report, report, (GDestroyNotify) report_free);
    g_source_set_static_name (source, "[secuencia] player report");
    g_source_attach (source, NULL);
  }

  if (old != NULL)
    gst_element_set_state (old, GST_STATE_NULL);
}

/* Worker: the first Play of a process would otherwise load a dozen plugins
 * and connect to the sound server before anything sounds. */
static void
warm_up (Job *job)
{
  static const char * const factories[] = {
    "uridecodebin", "decodebin", "audiomixer", "audiotestsrc", "audioconvert", "audioresample",
    "volume", "capsfilter", "queue", NULL
  };
  g_autoptr (GstElement) sink = NULL;

  for (guint i = 0; factories[i] != NULL; i++)
    {
      GstElement *e = gst_element_factory_make (factories[i], NULL);

      if (e != NULL)
        gst_object_unref (gst_object_ref_sink (e));
    }
  sink = gst_element_factory_make (job->sink_factory, NULL);
  if (sink != NULL)
    {
      gst_object_ref_sink (sink);
      gst_element_set_state (sink, GST_STATE_READY);
      gst_element_set_state (sink, GST_STATE_NULL);
    }
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  Shared *shared = user_data;

  switch (job->type)
    {
    case JOB_START:
      run_start (shared, job);
      break;
    case JOB_STOP:
      if (shared->current != NULL && shared->current_gen <= job->gen)
        shared_clear (shared);
      break;
    case JOB_WARM_UP:
      warm_up (job);
      break;
    }
  job_free (job);
}

static void
push_stop (SecuenciaPlayer *self)
{
  Job *job = g_new0 (Job, 1);

  job->type = JOB_STOP;
  job->gen = self->gen;
  g_thread_pool_push (self->pool, job, NULL);
}

/* ---- the main thread ---- */

static SecuenciaTime
timeline_end (SecuenciaPlayer *self)
{
  return self->timeline != NULL ? secuencia_timeline_get_duration (self->timeline) : 0;
}

static void
forget_pipeline (SecuenciaPlayer *self)
{
  if (self->bus_source != NULL)
    {
      g_source_destroy (self->bus_source);
      g_clear_pointer (&self->bus_source, g_source_unref);
    }
  gst_clear_object (&self->pipeline);
  gst_clear_object (&self->graph);
}

/* Stop and forget the current pipeline (if any). */
static void
drop_pipeline (SecuenciaPlayer *self)
{
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  forget_pipeline (self);
  if (!self->have_pipeline)
    return;
  self->have_pipeline = FALSE;
  self->gen++;
  g_atomic_int_set (&self->shared->gen, (gint) self->gen);
  push_stop (self);
}

static const char *
asset_name (SecuenciaPlayer *self,
            gint64           asset_id)
{
  const char *name = g_hash_table_lookup (self->asset_names, &asset_id);

  if (name == NULL && self->project != NULL)
    {
      g_autoptr (SecuenciaAssetInfo) info = secuencia_project_get_asset (self->project, asset_id,
                                                                         NULL);
      gint64 *key = g_new (gint64, 1);

      *key = asset_id;
      name = info != NULL ? info->file_name : "";
      g_hash_table_insert (self->asset_names, key, g_strdup (name));
      name = g_hash_table_lookup (self->asset_names, key);
    }
  return name != NULL ? name : "";
}

static GPtrArray *
build_sources (SecuenciaPlayer *self,
               SecuenciaTime    start)
{
  g_autoptr (GPtrArray) clips = secuencia_timeline_get_clips (self->timeline);
  GPtrArray *sources = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_mix_source_free);

  for (guint i = 0; i < clips->len; i++)
    {
      const SecuenciaClip *clip = g_ptr_array_index (clips, i);
      g_autofree char *label = NULL;
      const char *file_name;

      if (clip->muted || clip->duration <= 0 || secuencia_clip_get_end (clip) <= start)
        continue;
      file_name = asset_name (self, clip->asset_id);
      if (clip->name != NULL && clip->name[0] != '\0')
        /* Translators: a clip in error messages: index, clip name, asset file name */
        label = g_strdup_printf (_("Clip %u “%s” (asset “%s”)"), i + 1, clip->name, file_name);
      else
        /* Translators: a clip in error messages: index, asset file name */
        label = g_strdup_printf (_("Clip %u (asset “%s”)"), i + 1, file_name);
      g_ptr_array_add (sources,
                       secuencia_mix_source_new_asset (self->project_path, clip->asset_id,
                                                       clip->offset, clip->source_start,
                                                       clip->duration, clip->volume_db, label));
    }
  return sources;
}

/* A new pipeline for [position, end) brought to @state. */
static void
start_pipeline (SecuenciaPlayer *self,
                GstState         state)
{
  SecuenciaTime end = timeline_end (self);
  Job *job;

  drop_pipeline (self);
  if (self->project_path == NULL || self->position >= end)
    return;
  g_clear_handle_id (&self->warm_up_id, g_source_remove);
  self->warmed_up = TRUE;   /* this does it */

  self->gen++;
  g_atomic_int_set (&self->shared->gen, (gint) self->gen);
  self->have_pipeline = TRUE;
  self->pipeline_start = self->position;

  job = g_new0 (Job, 1);
  job->type = JOB_START;
  job->gen = self->gen;
  job->state = state;
  job->handle = g_atomic_rc_box_acquire (self->handle);
  job->sources = build_sources (self, self->position);
  job->start = self->position;
  job->end = end;
  job->sink_factory = g_strdup (self->sink_factory);
  g_thread_pool_push (self->pool, job, NULL);
}

static void
stop_with_error (SecuenciaPlayer *self,
                 const GError    *error)
{
  gboolean was_playing = self->playing;

  self->position = secuencia_player_get_position (self);
  self->playing = FALSE;
  drop_pipeline (self);
  g_debug ("playback error: %s", error->message);
  if (was_playing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
}

static gboolean
on_report (gpointer user_data)
{
  Report *report = user_data;
  g_autoptr (SecuenciaPlayer) self = g_weak_ref_get (&report->handle->player);

  if (self == NULL || report->gen != self->gen)
    {
      if (report->bus_source != NULL)
        g_source_destroy (report->bus_source);
      return G_SOURCE_REMOVE;
    }
  if (report->error != NULL)
    {
      stop_with_error (self, report->error);
      return G_SOURCE_REMOVE;
    }
  forget_pipeline (self);
  self->pipeline = g_steal_pointer (&report->pipeline);
  self->graph = g_steal_pointer (&report->graph);
  self->bus_source = g_steal_pointer (&report->bus_source);
  self->pipeline_gen = report->gen;
  self->pipeline_start = report->start;
  return G_SOURCE_REMOVE;
}

static gboolean
element_is_in (GstObject *object,
               GstElement *sink_bin)
{
  for (GstObject *o = object; o != NULL; o = GST_OBJECT_PARENT (o))
    if (o == GST_OBJECT (sink_bin))
      return TRUE;
  return FALSE;
}

static GstElement *
find_sink (GstElement *pipeline)
{
  g_autoptr (GstIterator) it = gst_bin_iterate_sinks (GST_BIN (pipeline));
  GValue item = G_VALUE_INIT;
  GstElement *sink = NULL;

  if (gst_iterator_next (it, &item) == GST_ITERATOR_OK)
    {
      sink = g_value_get_object (&item);
      g_value_unset (&item);
    }
  return sink;   /* still owned by the pipeline */
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  BusData *data = user_data;
  g_autoptr (SecuenciaPlayer) self = g_weak_ref_get (&data->handle->player);

  if (self == NULL || data->gen != self->gen)
    return G_SOURCE_CONTINUE;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_EOS:
      self->position = timeline_end (self);
      self->playing = FALSE;
      drop_pipeline (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
      break;
    case GST_MESSAGE_ERROR:
      {
        g_autoptr (GError) gerr = NULL;
        g_autoptr (GError) error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &gerr, &debug);
        g_debug ("playback error from %s: %s (%s)", GST_MESSAGE_SRC_NAME (message),
                 gerr->message, debug != NULL ? debug : "");
        if (gerr->domain == SECUENCIA_MIX_ERROR)
          error = g_error_new_literal (SECUENCIA_PLAYER_ERROR,
                                       gerr->code == SECUENCIA_MIX_ERROR_SOURCE
                                       ? SECUENCIA_PLAYER_ERROR_SOURCE
                                       : SECUENCIA_PLAYER_ERROR_FAILED, gerr->message);
        else if (self->pipeline != NULL &&
                 element_is_in (GST_MESSAGE_SRC (message), find_sink (self->pipeline)))
          error = g_error_new (SECUENCIA_PLAYER_ERROR, SECUENCIA_PLAYER_ERROR_NO_OUTPUT,
                               _("No sound output: %s"), gerr->message);
        else
          error = g_error_new (SECUENCIA_PLAYER_ERROR, SECUENCIA_PLAYER_ERROR_FAILED,
                               _("Playback failed in %s: %s"), GST_MESSAGE_SRC_NAME (message),
                               gerr->message);
        stop_with_error (self, error);
      }
      break;
    case GST_MESSAGE_STATE_CHANGED:
      if (self->pipeline != NULL && GST_MESSAGE_SRC (message) == GST_OBJECT (self->pipeline))
        {
          GstState new_state;

          gst_message_parse_state_changed (message, NULL, &new_state, NULL);
          if (new_state == GST_STATE_PLAYING && self->playing && self->started_gen != self->gen)
            {
              self->started_gen = self->gen;
              g_signal_emit (self, signals[SIGNAL_STARTED], 0);
            }
        }
      break;
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
rebuild_cb (gpointer user_data)
{
  SecuenciaPlayer *self = user_data;

  self->rebuild_id = 0;
  if (self->playing)
    {
      self->position = secuencia_player_get_position (self);
      start_pipeline (self, GST_STATE_PLAYING);
    }
  return G_SOURCE_REMOVE;
}

static void
on_timeline_changed (SecuenciaTimeline *timeline,
                     SecuenciaPlayer   *self)
{
  if (self->playing)
    {
      /* heard at once: rebuild at the current position */
      if (self->rebuild_id == 0)
        self->rebuild_id = g_timeout_add (REBUILD_DELAY_MS, rebuild_cb, self);
    }
  else
    drop_pipeline (self);   /* a paused mix is stale */
}

static gboolean
warm_up_cb (gpointer user_data)
{
  SecuenciaPlayer *self = user_data;
  Job *job = g_new0 (Job, 1);

  self->warm_up_id = 0;
  self->warmed_up = TRUE;
  job->type = JOB_WARM_UP;
  job->sink_factory = g_strdup (self->sink_factory);
  g_thread_pool_push (self->pool, job, NULL);
  return G_SOURCE_REMOVE;
}

void
secuencia_player_set_project (SecuenciaPlayer  *self,
                              SecuenciaProject *project)
{
  g_return_if_fail (SECUENCIA_IS_PLAYER (self));
  g_return_if_fail (project == NULL || SECUENCIA_IS_PROJECT (project));

  if (self->project == project)
    return;
  g_set_object (&self->project, project);
  g_clear_pointer (&self->project_path, g_free);
  if (project != NULL)
    self->project_path = g_strdup (secuencia_project_get_path (project));
  if (project != NULL && !self->warmed_up && self->warm_up_id == 0)
    self->warm_up_id = g_timeout_add (WARM_UP_DELAY_MS, warm_up_cb, self);
  g_hash_table_remove_all (self->asset_names);
  if (self->playing)
    start_pipeline (self, GST_STATE_PLAYING);
  else
    drop_pipeline (self);
}

void
secuencia_player_set_timeline (SecuenciaPlayer   *self,
                               SecuenciaTimeline *timeline)
{
  g_return_if_fail (SECUENCIA_IS_PLAYER (self));
  g_return_if_fail (timeline == NULL || SECUENCIA_IS_TIMELINE (timeline));

  if (self->timeline == timeline)
    return;
  if (self->timeline != NULL)
    g_clear_signal_handler (&self->changed_id, self->timeline);
  g_set_object (&self->timeline, timeline);
  if (timeline != NULL)
    self->changed_id = g_signal_connect (timeline, "changed",
                                         G_CALLBACK (on_timeline_changed), self);
  if (self->playing && timeline != NULL)
    {
      self->position = secuencia_player_get_position (self);
      start_pipeline (self, GST_STATE_PLAYING);
    }
  else if (self->playing)
    secuencia_player_pause (self);
  else
    drop_pipeline (self);
}

SecuenciaTimeline *
secuencia_player_get_timeline (SecuenciaPlayer *self)
{
  g_return_val_if_fail (SECUENCIA_IS_PLAYER (self), NULL);
  return self->timeline;
}

void
secuencia_player_play (SecuenciaPlayer *self)
{
  SecuenciaTime end;

  g_return_if_fail (SECUENCIA_IS_PLAYER (self));

  end = timeline_end (self);
  if (self->playing || end <= 0 || self->project_path == NULL)
    return;
  if (self->position >= end)
    {
      drop_pipeline (self);
      self->position = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
    }
  self->playing = TRUE;
  start_pipeline (self, GST_STATE_PLAYING);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

void
secuencia_player_pause (SecuenciaPlayer *self)
{
  g_return_if_fail (SECUENCIA_IS_PLAYER (self));

  if (!self->playing)
    return;
  /* what is heard now; Play starts a new mix exactly there (a fresh
   * pipeline starts sounding sooner than a paused one resumes) */
  self->position = secuencia_player_get_position (self);
  self->playing = FALSE;
  drop_pipeline (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

void
secuencia_player_toggle (SecuenciaPlayer *self)
{
  g_return_if_fail (SECUENCIA_IS_PLAYER (self));

  if (self->playing)
    secuencia_player_pause (self);
  else
    secuencia_player_play (self);
}

void
secuencia_player_seek (SecuenciaPlayer *self,
                       SecuenciaTime    position)
{
  g_return_if_fail (SECUENCIA_IS_PLAYER (self));

  self->position = CLAMP (position, 0, timeline_end (self));
  if (self->playing)
    start_pipeline (self, GST_STATE_PLAYING);
  else
    drop_pipeline (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

gboolean
secuencia_player_get_playing (SecuenciaPlayer *self)
{
  g_return_val_if_fail (SECUENCIA_IS_PLAYER (self), FALSE);
  return self->playing;
}

SecuenciaTime
secuencia_player_get_position (SecuenciaPlayer *self)
{
  gint64 pos = 0;

  g_return_val_if_fail (SECUENCIA_IS_PLAYER (self), 0);

  /* paused or stopped: the position kept */
  if (self->playing && self->pipeline != NULL && self->pipeline_gen == self->gen &&
      self->have_pipeline &&
      gst_element_query_position (self->pipeline, GST_FORMAT_TIME, &pos) && pos >= 0)
    return MIN (self->pipeline_start + pos, MAX (timeline_end (self), self->pipeline_start));
  return self->position;
}

void
secuencia_player_set_audio_sink (SecuenciaPlayer *self,
                                 const char      *factory)
{
  g_return_if_fail (SECUENCIA_IS_PLAYER (self));
  g_return_if_fail (factory != NULL);

  g_free (self->sink_factory);
  self->sink_factory = g_strdup (factory);
}

guint
secuencia_player_get_peak_decoders (SecuenciaPlayer *self)
{
  SecuenciaMixStats stats = { 0 };

  g_return_val_if_fail (SECUENCIA_IS_PLAYER (self), 0);
  if (self->graph != NULL)
    secuencia_mix_graph_get_stats (self->graph, &stats);
  return stats.peak_branches;
}

static void
secuencia_player_dispose (GObject *object)
{
  SecuenciaPlayer *self = SECUENCIA_PLAYER (object);

  self->playing = FALSE;
  g_clear_handle_id (&self->warm_up_id, g_source_remove);
  drop_pipeline (self);
  if (self->pool != NULL)
    {
      /* lets queued jobs finish (superseded ones do nothing) */
      g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
      shared_clear (self->shared);
    }
  if (self->timeline != NULL)
    g_clear_signal_handler (&self->changed_id, self->timeline);
  g_clear_object (&self->timeline);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (secuencia_player_parent_class)->dispose (object);
}

static void
secuencia_player_finalize (GObject *object)
{
  SecuenciaPlayer *self = SECUENCIA_PLAYER (object);

  g_free (self->shared);
  g_clear_pointer (&self->handle, handle_unref);
  g_free (self->project_path);
  g_free (self->sink_factory);
  g_hash_table_unref (self->asset_names);

  G_OBJECT_CLASS (secuencia_player_parent_class)->finalize (object);
}

static void
secuencia_player_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SecuenciaPlayer *self = SECUENCIA_PLAYER (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_POSITION:
      g_value_set_int64 (value, secuencia_player_get_position (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_player_class_init (SecuenciaPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = secuencia_player_dispose;
  object_class->finalize = secuencia_player_finalize;
  object_class->get_property = secuencia_player_get_property;

  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_int64 ("position", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[SIGNAL_STARTED] =
    g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
secuencia_player_init (SecuenciaPlayer *self)
{
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  self->shared = g_new0 (Shared, 1);
  self->handle = g_atomic_rc_box_new0 (Handle);
  g_weak_ref_init (&self->handle->player, self);
  self->pool = g_thread_pool_new (run_job, self->shared, 1, FALSE, NULL);
  self->asset_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->sink_factory = g_strdup ("autoaudiosink");
}

SecuenciaPlayer *
secuencia_player_new (void)
{
  return g_object_new (SECUENCIA_TYPE_PLAYER, NULL);
}
