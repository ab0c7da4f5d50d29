/* secuencia-test-pulse.c: a private PulseAudio server and a recorder. */
#include "config.h"

#include "secuencia-test-pulse.h"
#include "secuencia-test-util.h"

#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#define SINK_NAME "secuencia_test"

struct _SecuenciaTestPulse
{
  char  *runtime_dir;
  char  *home;
  GPid   pid;
};

/* In the child, before exec: the daemon dies with the test, even when the
 * test aborts. */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

SecuenciaTestPulse *
secuencia_test_pulse_start (GError **error)
{
  SecuenciaTestPulse *pulse;
  g_auto (GStrv) envp = NULL;
  g_autofree char *server = NULL;
  g_autofree char *socket = NULL;
  g_autofree char *program = g_find_program_in_path ("pulseaudio");
  gint64 deadline;
  const char *argv[] = {
    /* -n: no default configuration; as root a user daemon needs --system=no.
     * Not daemonized: a child of the test. The socket module comes last, so
     * its socket appears once the sink exists. */
    "pulseaudio", "-n", "--daemonize=no", "--system=no", "--exit-idle-time=-1",
    "--log-target=stderr", "--log-level=error",
    "-L", "module-null-sink sink_name=" SINK_NAME " rate=48000 channels=2 format=float32le",
    "-L", "module-native-protocol-unix auth-anonymous=1",
    NULL
  };

  if (program == NULL)
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT,
                   "pulseaudio is not installed (bash tests/deps.sh installs it)");
      return NULL;
    }
  pulse = g_new0 (SecuenciaTestPulse, 1);
  pulse->runtime_dir = g_dir_make_tmp ("secuencia-pulse-XXXXXX", NULL);
  pulse->home = g_dir_make_tmp ("secuencia-pulse-home-XXXXXX", NULL);
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "XDG_RUNTIME_DIR", pulse->runtime_dir, TRUE);
  envp = g_environ_setenv (envp, "HOME", pulse->home, TRUE);
  envp = g_environ_unsetenv (envp, "PULSE_SERVER");
  envp = g_environ_unsetenv (envp, "DBUS_SESSION_BUS_ADDRESS");
  if (!g_spawn_async (NULL, (char **) argv, envp,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      die_with_parent, NULL, &pulse->pid, error))
    {
      secuencia_test_pulse_stop (pulse);
      return NULL;
    }

  socket = g_build_filename (pulse->runtime_dir, "pulse", "native", NULL);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!g_file_test (socket, G_FILE_TEST_EXISTS))
    {
      int status;

      if (waitpid (pulse->pid, &status, WNOHANG) == pulse->pid)
        {
          g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                       "pulseaudio exited at start (status %d)", status);
          pulse->pid = 0;
          secuencia_test_pulse_stop (pulse);
          return NULL;
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                       "pulseaudio did not open its socket in 20 s");
          secuencia_test_pulse_stop (pulse);
          return NULL;
        }
      g_usleep (10000);
    }
  server = g_strdup_printf ("unix:%s", socket);
  g_setenv ("PULSE_SERVER", server, TRUE);
  return pulse;
}

void
secuencia_test_pulse_stop (SecuenciaTestPulse *pulse)
{
  if (pulse == NULL)
    return;
  if (pulse->pid > 0)
    {
      kill (pulse->pid, SIGTERM);
      waitpid (pulse->pid, NULL, 0);
      g_spawn_close_pid (pulse->pid);
    }
  g_unsetenv ("PULSE_SERVER");
  if (pulse->runtime_dir != NULL)
    secuencia_test_rm_rf (pulse->runtime_dir);
  if (pulse->home != NULL)
    secuencia_test_rm_rf (pulse->home);
  g_free (pulse->runtime_dir);
  g_free (pulse->home);
  g_free (pulse);
}

struct _SecuenciaTestRecorder
{
  GstElement *pipeline;
  GMutex      lock;
  GByteArray *data;    /* under lock */
};

static GstFlowReturn
on_new_sample (GstAppSink *sink,
               gpointer    user_data)
{
  SecuenciaTestRecorder *recorder = user_data;
  g_autoptr (GstSample) sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buffer;
  GstMapInfo map;

  if (sample == NULL)
    return GST_FLOW_EOS;
  buffer = gst_sample_get_buffer (sample);
  if (gst_buffer_map (buffer, &map, GST_MAP_READ))
    {
      g_mutex_lock (&recorder->lock);
      g_byte_array_append (recorder->data, map.data, map.size);
      g_mutex_unlock (&recorder->lock);
      gst_buffer_unmap (buffer, &map);
    }
  return GST_FLOW_OK;
}

SecuenciaTestRecorder *
secuencia_test_recorder_start (void)
{
  SecuenciaTestRecorder *recorder = g_new0 (SecuenciaTestRecorder, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) sink = NULL;
  GstAppSinkCallbacks callbacks = { .new_sample = on_new_sample };

  g_mutex_init (&recorder->lock);
  recorder->data = g_byte_array_new ();
  recorder->pipeline = gst_parse_launch ("pulsesrc device=" SINK_NAME ".monitor "
                                         "buffer-time=2000000 latency-time=20000 ! "
                                         "audioconvert ! audio/x-raw,format=F32LE,rate=48000,"
                                         "channels=2,layout=interleaved ! "
                                         "appsink name=sink sync=false", &error);
  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (recorder->pipeline), "sink");
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, recorder, NULL);
  g_assert_cmpint (gst_element_set_state (recorder->pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);
  /* running: wait for the first data */
  while (secuencia_test_recorder_seconds (recorder) < 0.05)
    g_usleep (5000);
  return recorder;
}

double
secuencia_test_recorder_seconds (SecuenciaTestRecorder *recorder)
{
  double seconds;

  g_mutex_lock (&recorder->lock);
  seconds = (double) recorder->data->len / (8.0 * 48000.0);
  g_mutex_unlock (&recorder->lock);
  return seconds;
}

SecuenciaTestPcm *
secuencia_test_recorder_stop (SecuenciaTestRecorder *recorder)
{
  SecuenciaTestPcm *pcm = g_new0 (SecuenciaTestPcm, 1);
  guint len;

  gst_element_set_state (recorder->pipeline, GST_STATE_NULL);
  gst_object_unref (recorder->pipeline);
  pcm->channels = 2;
  pcm->rate = 48000;
  len = recorder->data->len - recorder->data->len % 8;
  pcm->n_frames = len / 8;
  pcm->data = (float *) g_byte_array_free (recorder->data, FALSE);
  g_mutex_clear (&recorder->lock);
  g_free (recorder);
  return pcm;
}

GArray *
secuencia_test_find_onsets (const SecuenciaTestPcm *pcm,
                            double                  threshold,
                            double                  quiet)
{
  GArray *onsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize quiet_frames = (gsize) (quiet * pcm->rate), last_loud = 0;
  gboolean any = FALSE;

  for (gsize i = 0; i < pcm->n_frames; i++)
    {
      float a = fabsf (pcm->data[2 * i]), b = fabsf (pcm->data[2 * i + 1]);

      if (MAX (a, b) < threshold)
        continue;
      if (!any || i - last_loud > quiet_frames)
        g_array_append_val (onsets, i);
      any = TRUE;
      last_loud = i;
    }
  return onsets;
}
