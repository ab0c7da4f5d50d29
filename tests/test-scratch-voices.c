/* test-scratch-voices.c: espeak-ng scratch voices for the lines without
 * audio: one voice per character (told apart by pitch in the exported
 * mix), the Cast's chosen voices used, marked as scratch, kept on
 * re-import, cancellable. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "secuencia-exporter.h"
#include "secuencia-project.h"
#include "secuencia-scratch-voices.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"

static const char script[] =
  "INT. ROOM - DAY\n"
  "\n"
  "The clock ticks.\n"
  "\n"
  "ANA\n"
  "Good morning, how are you today?\n"
  "\n"
  "BOB\n"
  "I am very well, thank you for asking.\n"
  "\n"
  "ANA\n"
  "Shall we go for a long walk together?\n";

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(SecuenciaFountainScript) parsed = NULL;
  g_autofree char *script_path = NULL;
  g_autoptr(GFile) file = NULL;

  f->dir = g_dir_make_tmp ("secuencia-voices-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "play.secuencia", NULL);
  script_path = g_build_filename (f->dir, "play.fountain", NULL);
  g_file_set_contents (script_path, script, -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (script_path);
  project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  parsed = secuencia_project_import_script (project, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GPtrArray *
list (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  GPtrArray *elements;

  g_assert_no_error (error);
  elements = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  return elements;
}

static void
test_voice_table (void)
{
  for (guint i = 0; i < 10; i++)
    for (guint j = i + 1; j < 10; j++)
      {
        g_autofree char *a = NULL;
        g_autofree char *b = NULL;
        int pa, pb;

        secuencia_scratch_voice_for (i, &a, &pa);
        secuencia_scratch_voice_for (j, &b, &pb);
        g_assert_cmpstr (a, !=, b);
        g_assert_cmpint (pa, !=, pb);
      }
}

static void
test_speak (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("secuencia-speak-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "hello.wav", NULL);
  g_autofree char *cancelled_path = g_build_filename (dir, "never.wav", NULL);
  g_autoptr(SecuenciaTestPcm) pcm = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_assert_true (secuencia_scratch_voice_speak ("Hello there.", "en+f2", 60, path, NULL, &error));
  g_assert_no_error (error);
  pcm = secuencia_test_audio_read_wav (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pcm->rate, ==, 22050);
  g_assert_cmpuint (pcm->channels, ==, 1);
  g_assert_cmpuint (pcm->n_frames, >, 22050 / 2);
  g_assert_cmpfloat (secuencia_test_pcm_rms (pcm, 0, pcm->n_frames), >, 0.01);

  g_assert_false (secuencia_scratch_voice_speak ("Hello.", "no-such-voice", 50, cancelled_path, NULL, &error));
  g_assert_nonnull (strstr (error->message, "no-such-voice"));
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (secuencia_scratch_voice_speak ("Hello there.", "en+m3", 40, cancelled_path, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (cancelled_path, G_FILE_TEST_EXISTS));
  secuencia_test_rm_rf (dir);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Median fundamental frequency (autocorrelation, 70-400 Hz) of the voiced
 * 40 ms frames of mono-mixed @pcm between @start and @end seconds. */
static double
median_f0 (const SecuenciaTestPcm *pcm, double start, double end)
{
  const gsize frame = pcm->rate / 25;
  const gsize min_lag = pcm->rate / 400, max_lag = pcm->rate / 70;
  g_autoptr(GArray) f0s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree double *x = g_new (double, frame + max_lag);
  gsize first = (gsize) (start * pcm->rate), last = MIN ((gsize) (end * pcm->rate), pcm->n_frames);

  for (gsize at = first; at + frame + max_lag < last; at += frame / 2)
    {
      double energy = 0, best = 0;
      gsize best_lag = 0;

      for (gsize i = 0; i < frame + max_lag; i++)
        {
          double v = 0;
          for (guint c = 0; c < pcm->channels; c++)
            v += pcm->data[(at + i) * pcm->channels + c];
          x[i] = v / pcm->channels;
        }
      for (gsize i = 0; i < frame; i++)
        energy += x[i] * x[i];
      if (sqrt (energy / frame) < 0.02)
        continue;
      for (gsize lag = min_lag; lag <= max_lag; lag++)
        {
          double r = 0, e2 = 0;
          for (gsize i = 0; i < frame; i++)
            {
              r += x[i] * x[i + lag];
              e2 += x[i + lag] * x[i + lag];
            }
          r /= sqrt (energy * e2) + 1e-12;
          if (r > best)
            {
              best = r;
              best_lag = lag;
            }
        }
      if (best > 0.6)
        {
          double f0 = (double) pcm->rate / best_lag;
          g_array_append_val (f0s, f0);
        }
    }
  g_assert_cmpuint (f0s->len, >=, 5);
  g_array_sort (f0s, compare_doubles);
  return g_array_index (f0s, double, f0s->len / 2);
}

/* The screenplay laid out (0.25 s apart) and exported to @m4a, which is
 * decoded: the median F0 of each of its first @n clips (of 3). */
static void
export_median_f0s (Fixture    *f,
                   const char *m4a,
                   double     *f0,
                   guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(SecuenciaTestPcm) pcm = NULL;
  g_autoptr(GFile) destination = g_file_new_for_path (m4a);
  gint64 timeline_id;

  project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  timeline_id = secuencia_project_convert_screenplay (project, "t", SECUENCIA_TIME_SECOND / 4, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  clips = secuencia_project_list_clips (project, timeline_id, &error);
  g_assert_cmpuint (clips->len, ==, 3);
  g_assert_true (secuencia_export_run (f->path, timeline_id, destination, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pcm = secuencia_test_audio_decode_gst (m4a, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    f0[i] = median_f0 (pcm, secuencia_time_to_seconds (((SecuenciaClip *) clips->pdata[i])->offset),
                       secuencia_time_to_seconds (secuencia_clip_get_end (clips->pdata[i])));
}

static void
test_voice_and_export (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autofree char *m4a = g_build_filename (f->dir, "play.m4a", NULL);
  double f0[3], ana, bob, ana2;
  guint n = 0;

  g_assert_true (secuencia_scratch_voices_run (f->path, FALSE, NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);   /* the action is not narrated unless asked */
  elements = list (f);
  g_assert_cmpint (((SecuenciaElementInfo *) elements->pdata[1])->asset_id, ==, 0);
  for (guint i = 2; i < 5; i++)
    {
      SecuenciaElementInfo *line = elements->pdata[i];
      g_assert_cmpint (line->asset_id, >, 0);
      g_assert_true (line->scratch);
      g_assert_cmpint (line->duration, >, SECUENCIA_TIME_SECOND / 2);
    }

  /* again: nothing left to voice */
  g_assert_true (secuencia_scratch_voices_run (f->path, FALSE, NULL, NULL, NULL, &n, &error));
  g_assert_cmpuint (n, ==, 0);

  /* Exported, the two characters differ in pitch; Ana stays Ana. */
  export_median_f0s (f, m4a, f0, 3);
  ana = f0[0];
  bob = f0[1];
  ana2 = f0[2];
  project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_test_message ("median F0: ANA %.1f Hz, BOB %.1f Hz, ANA again %.1f Hz", ana, bob, ana2);
  g_assert_cmpfloat (fabs (ana - bob) / MIN (ana, bob), >, 0.15);
  g_assert_cmpfloat (fabs (ana - ana2) / MIN (ana, ana2), <, 0.15);

  /* Re-importing the same script keeps the scratch voices (and says so). */
  {
    g_autofree char *script_path = g_build_filename (f->dir, "play.fountain", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (script_path);
    g_autoptr(SecuenciaFountainScript) parsed = NULL;
    g_autoptr(GPtrArray) again = NULL;
    guint kept = 0;

    parsed = secuencia_project_import_script (project, file, NULL, &kept, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (kept, ==, 3);
    again = secuencia_project_list_elements (project, &error);
    g_assert_true (((SecuenciaElementInfo *) again->pdata[2])->scratch);
  }
}

/* The Cast: a character's chosen voice is stored in the project and used
 * for its lines: ANA given a high pitch and BOB a low one, in the same
 * variant, reverse their default order (ANA is lower by default). */
static void
test_cast (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autofree char *m4a = g_build_filename (f->dir, "cast.m4a", NULL);
  g_autofree char *voice = NULL;
  g_autofree char *default_voice = NULL;
  int pitch = -1, default_pitch = -1;
  double f0[2], ana, bob;
  guint n = 0;

  project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* nothing chosen: the default for the character's place */
  g_assert_true (secuencia_scratch_cast_get (project, "BOB", 1, &voice, &pitch, &error));
  g_assert_no_error (error);
  secuencia_scratch_voice_for (1, &default_voice, &default_pitch);
  g_assert_cmpstr (voice, ==, default_voice);
  g_assert_cmpint (pitch, ==, default_pitch);
  g_clear_pointer (&voice, g_free);

  /* bad choices fail naming the character and value, and store nothing */
  g_assert_false (secuencia_scratch_cast_set (project, "BOB", "en+m3", 100, &error));
  g_assert_nonnull (strstr (error->message, "BOB"));
  g_assert_nonnull (strstr (error->message, "100"));
  g_clear_error (&error);
  g_assert_false (secuencia_scratch_cast_set (project, "BOB", "en m3; rm", 30, &error));
  g_assert_nonnull (strstr (error->message, "en m3; rm"));
  g_clear_error (&error);
  g_assert_true (secuencia_scratch_cast_get (project, "BOB", 1, &voice, &pitch, &error));
  g_assert_cmpint (pitch, ==, default_pitch);
  g_clear_pointer (&voice, g_free);

  g_assert_true (secuencia_scratch_cast_set (project, "ANA", "en+m3", 90, &error));
  g_assert_no_error (error);
  g_assert_true (secuencia_scratch_cast_set (project, "BOB", "en+m3", 5, &error));
  g_assert_no_error (error);
  g_assert_true (secuencia_scratch_cast_get (project, "BOB", 1, &voice, &pitch, &error));
  g_assert_cmpstr (voice, ==, "en+m3");
  g_assert_cmpint (pitch, ==, 5);
  g_clear_pointer (&voice, g_free);
  {
    g_autofree char *stored = secuencia_project_dup_metadata (project, "cast.ANA.pitch", &error);
    g_assert_cmpstr (stored, ==, "90");
  }
  g_clear_object (&project);

  g_assert_true (secuencia_scratch_voices_run (f->path, FALSE, NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  export_median_f0s (f, m4a, f0, 2);
  ana = f0[0];
  bob = f0[1];
  project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_test_message ("median F0 with the cast: ANA (pitch 90) %.1f Hz, BOB (pitch 5) %.1f Hz", ana, bob);
  g_assert_cmpfloat (ana, >, bob * 1.3);

  /* removing the choice brings the default back */
  g_assert_true (secuencia_scratch_cast_set (project, "ANA", NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_true (secuencia_scratch_cast_get (project, "ANA", 0, &voice, &pitch, &error));
  g_clear_pointer (&default_voice, g_free);
  secuencia_scratch_voice_for (0, &default_voice, &default_pitch);
  g_assert_cmpstr (voice, ==, default_voice);
  g_assert_cmpint (pitch, ==, default_pitch);
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  gboolean      ok;
  guint         n;
  guint         progress_calls;
  GError       *error;
} AsyncRun;

static void
cancel_after_first (guint done, guint total, const char *character, gpointer user_data)
{
  AsyncRun *run = user_data;

  g_atomic_int_inc (&run->progress_calls);
  if (done == 1)
    g_cancellable_cancel (run->cancellable);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncRun *run = user_data;

  run->ok = secuencia_scratch_voices_finish (result, &run->n, &run->error);
  g_main_loop_quit (run->loop);
}

/* Cancelled in a worker after the first line: that line keeps its voice,
 * the others stay silent, nothing is left in the temporary folder. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) elements = NULL;
  AsyncRun run = { loop, cancellable, FALSE, 0, 0, NULL };
  guint voiced = 0;

  secuencia_scratch_voices_async (f->path, TRUE, cancel_after_first, &run, cancellable, on_done, &run);
  g_main_loop_run (loop);
  g_assert_false (run.ok);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
  g_assert_cmpuint (run.progress_calls, ==, 1);

  elements = list (f);
  for (guint i = 0; i < elements->len; i++)
    voiced += ((SecuenciaElementInfo *) elements->pdata[i])->asset_id != 0;
  g_assert_cmpuint (voiced, ==, 1);
  /* narrated: the action was first */
  g_assert_cmpint (((SecuenciaElementInfo *) elements->pdata[1])->asset_id, >, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  g_test_add_func ("/scratch-voices/voice-table", test_voice_table);
  g_test_add_func ("/scratch-voices/speak", test_speak);
  g_test_add ("/scratch-voices/voice-and-export", Fixture, NULL, fixture_setup, test_voice_and_export, fixture_teardown);
  g_test_add ("/scratch-voices/cast", Fixture, NULL, fixture_setup, test_cast, fixture_teardown);
  g_test_add ("/scratch-voices/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  return g_test_run ();
}
