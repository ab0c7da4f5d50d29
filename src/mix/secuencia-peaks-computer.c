/* secuencia-peaks-computer.c: decode audio with GStreamer
 * (uridecodebin ! audioconvert ! F32 interleaved ! appsink, at the file's
 * own rate and channels) into SecuenciaPeaks, and a worker that does it
 * for a project's assets and stores the results.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <gst/audio/audio.h>

#include "secuencia-peaks-computer.h"
#include "secuencia-thread-priority.h"

GST_DEBUG_CATEGORY_STATIC (peaks_debug);
#define GST_CAT_DEFAULT peaks_debug

/* A decode that has produced nothing for this long is stuck. */
#define STALL_TIMEOUT   (30 * GST_SECOND)
#define PULL_TIMEOUT    (100 * GST_MSECOND)
/* decodebin can lose a start-up race and stop with "not-linked" before the
 * first sample: such a decode is tried again. */
#define MAX_ATTEMPTS    3

static void
ensure_gst (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      if (!gst_is_initialized ())
        gst_init (NULL, NULL);
      GST_DEBUG_CATEGORY_INIT (peaks_debug, "secuencia-peaks", 0, "Secuencia waveform peaks");
      g_once_init_leave (&initialized, 1);
    }
}

typedef struct
{
  GstElement *convert;
  gint        has_audio;      /* atomic: an audio pad was linked */
  gint        no_more_pads;   /* atomic */
} DecodeState;

static void
on_pad_added (GstElement *decodebin,
              GstPad     *pad,
              gpointer    user_data)
{
  DecodeState *state = user_data;
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  g_autoptr(GstPad) sink = NULL;
  const char *name;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  name = gst_caps_get_size (caps) > 0 ? gst_structure_get_name (gst_caps_get_structure (caps, 0)) : "";
  if (!g_str_has_prefix (name, "audio/"))
    return;
  sink = gst_element_get_static_pad (state->convert, "sink");
  if (gst_pad_is_linked (sink))
    return;   /* the first audio stream only */
  if (GST_PAD_LINK_SUCCESSFUL (gst_pad_link (pad, sink)))
    g_atomic_int_set (&state->has_audio, 1);
}

static void
on_no_more_pads (GstElement *decodebin,
                 gpointer    user_data)
{
  DecodeState *state = user_data;

  g_atomic_int_set (&state->no_more_pads, 1);
}

static gboolean
decode_fail (GError    **error,
             const char *name,
             const char *reason)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Cannot read the waveform of “%s”: %s"), name, reason);
  return FALSE;
}

/* One attempt. *retry is set when it failed in a way a new attempt may not. */
static SecuenciaPeaks *
decode_once (const char    *uri,
             const char    *name,
             GCancellable  *cancellable,
             gboolean      *retry,
             GError       **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new ("peaks");
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstCaps) raw_audio = gst_caps_new_empty_simple ("audio/x-raw");
  g_autoptr(GstCaps) f32 = NULL;
  g_autoptr(SecuenciaPeaksBuilder) builder = NULL;
  GstElement *decode, *convert, *filter, *sink;
  DecodeState state = { 0 };
  SecuenciaPeaks *result = NULL;
  GstClockTime idle = 0;
  guint rate = 0;

  *retry = FALSE;
  decode = gst_element_factory_make ("uridecodebin", NULL);
  convert = gst_element_factory_make ("audioconvert", NULL);
  filter = gst_element_factory_make ("capsfilter", NULL);
  sink = gst_element_factory_make ("appsink", NULL);
  if (decode == NULL || convert == NULL || filter == NULL || sink == NULL)
    {
      g_clear_object (&decode);
      g_clear_object (&convert);
      g_clear_object (&filter);
      g_clear_object (&sink);
      decode_fail (error, name, _("GStreamer’s base plugins are missing"));
      return NULL;
    }

  f32 = gst_caps_new_simple ("audio/x-raw",
                             "format", G_TYPE_STRING, GST_AUDIO_NE (F32),
                             "layout", G_TYPE_STRING, "interleaved", NULL);
  g_object_set (decode, "uri", uri, "caps", raw_audio, "expose-all-streams", FALSE, NULL);
  g_object_set (filter, "caps", f32, NULL);
  g_object_set (sink, "sync", FALSE, "max-buffers", 16, "drop", FALSE, NULL);
  gst_bin_add_many (GST_BIN (pipeline), decode, convert, filter, sink, NULL);
  if (!gst_element_link_many (convert, filter, sink, NULL))
    {
      decode_fail (error, name, _("the decoding pipeline could not be linked"));
      return NULL;
    }
  state.convert = convert;
  g_signal_connect (decode, "pad-added", G_CALLBACK (on_pad_added), &state);
  g_signal_connect (decode, "no-more-pads", G_CALLBACK (on_no_more_pads), &state);

  bus = gst_element_get_bus (pipeline);
  /* Streaming threads run at the caller's priority: in the background
   * worker, below the UI. */
  if (secuencia_thread_priority_get () > 0)
    gst_bus_set_sync_handler (bus, secuencia_thread_priority_bus_sync_handler, NULL, NULL);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      if (msg != NULL)
        {
          g_autoptr(GError) gst_error = NULL;

          gst_message_parse_error (msg, &gst_error, NULL);
          decode_fail (error, name, gst_error->message);
        }
      else
        decode_fail (error, name, _("GStreamer could not start decoding it"));
      goto out;
    }

  for (;;)
    {
      g_autoptr(GstSample) sample = NULL;
      g_autoptr(GstMessage) msg = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), PULL_TIMEOUT);
      if (sample != NULL)
        {
          GstBuffer *buffer = gst_sample_get_buffer (sample);
          GstAudioInfo info;
          GstMapInfo map;

          idle = 0;
          if (!gst_audio_info_from_caps (&info, gst_sample_get_caps (sample)))
            {
              decode_fail (error, name, _("GStreamer produced audio in an unknown format"));
              goto out;
            }
          if (builder == NULL)
            {
              rate = GST_AUDIO_INFO_RATE (&info);
              builder = secuencia_peaks_builder_new (rate);
            }
          else if ((guint) GST_AUDIO_INFO_RATE (&info) != rate)
            {
              decode_fail (error, name, _("its sample rate changes midway"));
              goto out;
            }
          if (buffer != NULL && gst_buffer_map (buffer, &map, GST_MAP_READ))
            {
              guint bpf = GST_AUDIO_INFO_BPF (&info);

              secuencia_peaks_builder_add_f32 (builder, (const float *) map.data,
                                               map.size / bpf, GST_AUDIO_INFO_CHANNELS (&info));
              gst_buffer_unmap (buffer, &map);
            }
          continue;
        }

      msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
      if (msg != NULL)
        {
          g_autoptr(GError) gst_error = NULL;
          g_autofree char *debug = NULL;

          gst_message_parse_error (msg, &gst_error, &debug);
          GST_DEBUG ("%s: %s (%s)", name, gst_error->message, debug != NULL ? debug : "");
          *retry = builder == NULL && debug != NULL && strstr (debug, "not-linked") != NULL;
          decode_fail (error, name, gst_error->message);
          goto out;
        }
      if (gst_app_sink_is_eos (GST_APP_SINK (sink)))
        break;
      if (g_atomic_int_get (&state.no_more_pads) && !g_atomic_int_get (&state.has_audio))
        {
          decode_fail (error, name, _("it has no audio stream"));
          goto out;
        }
      idle += PULL_TIMEOUT;
      if (idle >= STALL_TIMEOUT)
        {
          decode_fail (error, name, _("GStreamer stopped decoding it"));
          goto out;
        }
    }

  if (builder == NULL)
    {
      decode_fail (error, name, _("it has no audio"));
      goto out;
    }
  result = secuencia_peaks_builder_end (builder);

out:
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return result;
}

static SecuenciaPeaks *
compute_uri (const char    *uri,
             const char    *name,
             GCancellable  *cancellable,
             GError       **error)
{
  ensure_gst ();
  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean retry = FALSE;
      SecuenciaPeaks *peaks = decode_once (uri, name, cancellable, &retry, &local_error);

      if (peaks != NULL)
        return peaks;
      if (!retry || attempt == MAX_ATTEMPTS)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      GST_INFO ("%s: decodebin start-up race, attempt %u", name, attempt + 1);
    }
}

SecuenciaPeaks *
secuencia_peaks_compute_file (GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = g_file_get_uri (file);
  name = g_file_get_parse_name (file);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!g_file_query_exists (file, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot read the waveform of “%s”: the file does not exist"), name);
      return NULL;
    }
  return compute_uri (uri, name, cancellable, error);
}

/* "wav" from "line 1.wav", if it is a plain extension; else "audio". */
static char *
extension_of (const char *file_name)
{
  const char *dot = strrchr (file_name, '.');

  if (dot == NULL || dot[1] == '\0' || strlen (dot + 1) > 8)
    return g_strdup ("audio");
  for (const char *p = dot + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return g_strdup ("audio");
  return g_ascii_strdown (dot + 1, -1);
}

SecuenciaPeaks *
secuencia_peaks_compute_asset (SecuenciaProject  *project,
                               gint64             asset_id,
                               GCancellable      *cancellable,
                               GError           **error)
{
  g_autoptr(SecuenciaAssetInfo) info = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) tmp = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *template = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  g_autofree char *project_name = NULL;
  SecuenciaPeaks *peaks;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = secuencia_project_get_asset (project, asset_id, error);
  if (info == NULL)
    return NULL;
  project_name = g_path_get_basename (secuencia_project_get_path (project));
  name = g_strdup_printf (_("%s (asset %lld of %s)"), info->file_name, (long long) asset_id, project_name);

  extension = extension_of (info->file_name);
  template = g_strdup_printf ("secuencia-peaks-XXXXXX.%s", extension);
  tmp = g_file_new_tmp (template, &stream, &local_error);
  if (tmp == NULL)
    {
      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("Cannot read the waveform of “%s”: no temporary file (%s)"),
                   name, local_error->message);
      return NULL;
    }
  if (!secuencia_project_write_asset_to_stream (project, asset_id,
                                                g_io_stream_get_output_stream (G_IO_STREAM (stream)),
                                                cancellable, &local_error)
      || !g_io_stream_close (G_IO_STREAM (stream), cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("Cannot read the waveform of “%s”: %s"), name, local_error->message);
      g_file_delete (tmp, NULL, NULL);
      return NULL;
    }

  uri = g_file_get_uri (tmp);
  peaks = compute_uri (uri, name, cancellable, error);
  if (!g_file_delete (tmp, NULL, &local_error))
    GST_WARNING ("Could not remove %s: %s", uri, local_error->message);
  return peaks;
}

SecuenciaPeaks *
secuencia_peaks_ensure (SecuenciaProject  *project,
                        gint64             asset_id,
                        GFile             *file,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SecuenciaPeaks) peaks = NULL;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  peaks = secuencia_project_load_peaks (project, asset_id, &local_error);
  if (peaks != NULL)
    return g_steal_pointer (&peaks);
  if (local_error != NULL && local_error->domain != SECUENCIA_PEAKS_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (local_error != NULL)
    GST_INFO ("Replacing damaged peaks: %s", local_error->message);

  if (file != NULL)
    peaks = secuencia_peaks_compute_file (file, cancellable, error);
  else
    peaks = secuencia_peaks_compute_asset (project, asset_id, cancellable, error);
  if (peaks == NULL)
    return NULL;
  if (!secuencia_project_is_read_only (project)
      && !secuencia_project_save_peaks (project, asset_id, peaks, error))
    return NULL;
  return g_steal_pointer (&peaks);
}

/* ---- the worker ---- */

struct _SecuenciaPeaksComputer
{
  GObject   parent_instance;
  char     *project_path;
  gboolean  store;
};

G_DEFINE_FINAL_TYPE (SecuenciaPeaksComputer, secuencia_peaks_computer, G_TYPE_OBJECT)

enum { SIGNAL_PEAKS_READY, SIGNAL_PEAKS_FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
secuencia_peaks_computer_finalize (GObject *object)
{
  SecuenciaPeaksComputer *self = SECUENCIA_PEAKS_COMPUTER (object);

  g_free (self->project_path);
  G_OBJECT_CLASS (secuencia_peaks_computer_parent_class)->finalize (object);
}

static void
secuencia_peaks_computer_class_init (SecuenciaPeaksComputerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = secuencia_peaks_computer_finalize;

  signals[SIGNAL_PEAKS_READY] =
    g_signal_new ("peaks-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, SECUENCIA_TYPE_PEAKS);
  signals[SIGNAL_PEAKS_FAILED] =
    g_signal_new ("peaks-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_ERROR);
}

static void
secuencia_peaks_computer_init (SecuenciaPeaksComputer *self)
{
  self->store = TRUE;
}

SecuenciaPeaksComputer *
secuencia_peaks_computer_new (const char *project_path)
{
  SecuenciaPeaksComputer *self;

  g_return_val_if_fail (project_path != NULL, NULL);

  self = g_object_new (SECUENCIA_TYPE_PEAKS_COMPUTER, NULL);
  self->project_path = g_strdup (project_path);
  return self;
}

void
secuencia_peaks_computer_set_store (SecuenciaPeaksComputer *self,
                                    gboolean                store)
{
  g_return_if_fail (SECUENCIA_IS_PEAKS_COMPUTER (self));

  self->store = !!store;
}

const char *
secuencia_peaks_computer_get_project_path (SecuenciaPeaksComputer *self)
{
  g_return_val_if_fail (SECUENCIA_IS_PEAKS_COMPUTER (self), NULL);

  return self->project_path;
}

typedef struct
{
  GArray       *asset_ids;   /* NULL: every asset without peaks */
  gboolean      store;
  GMainContext *context;
  guint         n_computed;
  guint         n_failed;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_pointer (&data->asset_ids, g_array_unref);
  g_main_context_unref (data->context);
  g_free (data);
}

typedef struct
{
  SecuenciaPeaksComputer *computer;
  GCancellable           *cancellable;
  gint64                  asset_id;
  SecuenciaPeaks         *peaks;
  GError                 *error;
} Report;

static void
report_free (gpointer data)
{
  Report *report = data;

  g_object_unref (report->computer);
  g_clear_object (&report->cancellable);
  g_clear_pointer (&report->peaks, secuencia_peaks_unref);
  g_clear_error (&report->error);
  g_free (report);
}

static gboolean
report_dispatch (gpointer data)
{
  Report *report = data;

  if (report->cancellable != NULL && g_cancellable_is_cancelled (report->cancellable))
    return G_SOURCE_REMOVE;
  if (report->peaks != NULL)
    g_signal_emit (report->computer, signals[SIGNAL_PEAKS_READY], 0, report->asset_id, report->peaks);
  else
    g_signal_emit (report->computer, signals[SIGNAL_PEAKS_FAILED], 0, report->asset_id, report->error);
  return G_SOURCE_REMOVE;
}

/* Computed peaks are stored together, in one transaction every
 * STORE_INTERVAL at most: each commit of this connection makes the window
 * read the project again (it watches for other connections' commits). */
#define STORE_INTERVAL (500 * G_TIME_SPAN_MILLISECOND)

static void
post_report (RunData *data,
             Report  *report)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  /* Always through a source: g_main_context_invoke() would call it right
   * here when the context is also this thread's default. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, report_dispatch, report, report_free);
  g_source_set_static_name (source, "[secuencia] peaks report");
  g_source_attach (source, data->context);
}

static Report *
report_new (SecuenciaPeaksComputer *self,
            GCancellable           *cancellable,
            gint64                  asset_id,
            SecuenciaPeaks         *peaks,
            GError                 *error)
{
  Report *report = g_new0 (Report, 1);

  report->computer = g_object_ref (self);
  report->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  report->asset_id = asset_id;
  report->peaks = peaks;
  report->error = error;
  return report;
}

static gboolean
store_batch (SecuenciaProject  *project,
             gpointer           user_data,
             GError           **error)
{
  GPtrArray *batch = user_data;

  for (guint i = 0; i < batch->len; i++)
    {
      Report *report = g_ptr_array_index (batch, i);

      if (!secuencia_project_save_peaks (project, report->asset_id, report->peaks, error))
        return FALSE;
    }
  return TRUE;
}

/* Store the batch (unless the file is read-only) and report it. A failure
 * to store is not the waveforms' failure: they are shown, and decoded
 * again next time. */
static void
flush_batch (SecuenciaProject *project,
             GPtrArray        *batch,
             RunData          *data)
{
  g_autoptr(GError) error = NULL;

  if (batch->len == 0)
    return;
  if (data->store && !secuencia_project_is_read_only (project)
      && !secuencia_project_transaction (project, store_batch, batch, &error))
    GST_WARNING ("Could not store %u waveforms: %s", batch->len, error->message);
  for (guint i = 0; i < batch->len; i++)
    post_report (data, g_ptr_array_index (batch, i));
  g_ptr_array_set_size (batch, 0);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  SecuenciaPeaksComputer *self = source_object;
  RunData *data = task_data;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();   /* Report*, not yet stored */
  gint64 last_store;
  GError *error = NULL;

  secuencia_thread_priority_lower (SECUENCIA_THREAD_PRIORITY_BACKGROUND);
  project = secuencia_project_open (self->project_path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  if (project == NULL && g_error_matches (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_READ_ONLY))
    {
      /* Waveforms are still worth showing, just not worth keeping. */
      g_clear_error (&error);
      project = secuencia_project_open (self->project_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
    }
  if (project == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ids = data->asset_ids != NULL ? g_array_ref (data->asset_ids)
                                : secuencia_project_list_assets_without_peaks (project, &error);
  if (ids == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  last_store = g_get_monotonic_time ();
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 asset_id = g_array_index (ids, gint64, i);
      SecuenciaPeaks *peaks;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      /* Stored meanwhile (by an import, say): nothing to decode. */
      peaks = secuencia_project_load_peaks (project, asset_id, &error);
      if (peaks != NULL || (error != NULL && error->domain != SECUENCIA_PEAKS_ERROR))
        {
          if (peaks != NULL)
            data->n_computed++;
          else
            data->n_failed++;
          post_report (data, report_new (self, cancellable, asset_id, peaks, g_steal_pointer (&error)));
          continue;
        }
      g_clear_error (&error);

      peaks = secuencia_peaks_compute_asset (project, asset_id, cancellable, &error);
      if (peaks == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          break;
        }
      if (peaks == NULL)
        {
          data->n_failed++;
          post_report (data, report_new (self, cancellable, asset_id, NULL, g_steal_pointer (&error)));
          continue;
        }
      data->n_computed++;
      g_ptr_array_add (batch, report_new (self, cancellable, asset_id, peaks, NULL));
      if (!data->store || g_get_monotonic_time () - last_store >= STORE_INTERVAL)
        {
          flush_batch (project, batch, data);
          last_store = g_get_monotonic_time ();
        }
    }

  /* What was decoded is kept, even when cancelled. */
  flush_batch (project, batch, data);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_boolean (task, TRUE);
}

void
secuencia_peaks_computer_run_async (SecuenciaPeaksComputer *self,
                                    GArray                 *asset_ids,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (SECUENCIA_IS_PEAKS_COMPUTER (self));
  g_return_if_fail (asset_ids == NULL || g_array_get_element_size (asset_ids) == sizeof (gint64));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ensure_gst ();
  data = g_new0 (RunData, 1);
  if (asset_ids != NULL)
    {
      data->asset_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), asset_ids->len);
      g_array_append_vals (data->asset_ids, asset_ids->data, asset_ids->len);
    }
  data->context = g_main_context_ref_thread_default ();
  data->store = self->store;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, secuencia_peaks_computer_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

gboolean
secuencia_peaks_computer_run_finish (SecuenciaPeaksComputer  *self,
                                     GAsyncResult            *result,
                                     guint                   *n_computed,
                                     guint                   *n_failed,
                                     GError                 **error)
{
  RunData *data;

  g_return_val_if_fail (SECUENCIA_IS_PEAKS_COMPUTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_computed != NULL)
    *n_computed = data->n_computed;
  if (n_failed != NULL)
    *n_failed = data->n_failed;
  return g_task_propagate_boolean (G_TASK (result), error);
}
