/* test-player.c: playback through a real sound server.
 *
 * Each test starts its own PulseAudio daemon with a null sink, plays a tone
 * timeline with the player (autoaudiosink → that server), records the null
 * sink's monitor and checks the recording: tones in order with the
 * timeline's spacing, silence for muted clips, pause and resume, edits
 * heard while playing. No wall-clock asserts: timing is read from the
 * recording. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>

#include "secuencia-player.h"
#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-pulse.h"
#include "secuencia-test-util.h"

#define SEC (SECUENCIA_TIME_SECOND)
#define MS (SECUENCIA_TIME_MSECOND)
#define AMP 0.25
#define RATE 48000
#define GUARD_SECONDS 30.0    /* a hang guard only, never a timing check */

typedef struct
{
  char                  *dir;
  SecuenciaTestPulse    *pulse;
  SecuenciaProject      *project;
  SecuenciaTimeline     *timeline;
  SecuenciaPlayer       *player;
  SecuenciaTestRecorder *recorder;
  GError                *error;        /* from the player's "error" */
  guint                  n_started;
} Fixture;

static void
on_error (SecuenciaPlayer *player, const GError *error, Fixture *f)
{
  g_test_message ("player error: %s", error->message);
  g_clear_error (&f->error);
  f->error = g_error_copy (error);
}

static void
on_started (SecuenciaPlayer *player, Fixture *f)
{
  f->n_started++;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("secuencia-player-XXXXXX", &error);
  g_assert_no_error (error);
  f->pulse = secuencia_test_pulse_start (&error);
  if (f->pulse == NULL)
    {
      g_test_skip (error->message);
      return;
    }
  path = g_build_filename (f->dir, "p.secuencia", NULL);
  f->project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->timeline = secuencia_timeline_new ("t");
  f->player = secuencia_player_new ();
  secuencia_player_set_project (f->player, f->project);
  secuencia_player_set_timeline (f->player, f->timeline);
  g_signal_connect (f->player, "error", G_CALLBACK (on_error), f);
  g_signal_connect (f->player, "started", G_CALLBACK (on_started), f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->recorder != NULL)
    secuencia_test_pcm_free (secuencia_test_recorder_stop (f->recorder));
  if (f->player != NULL)
    g_assert_finalize_object (f->player);
  g_clear_object (&f->timeline);
  g_clear_object (&f->project);
  g_clear_error (&f->error);
  secuencia_test_pulse_stop (f->pulse);
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* Import a file made of @segments as an asset; returns its id. */
static gint64
add_asset (Fixture *f, const char *name, const SecuenciaTestSegment *segments, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  double seconds = 0;
  gint64 id;

  g_assert_true (secuencia_test_audio_write_segments (path, SECUENCIA_TEST_FORMAT_WAV16, RATE, 2,
                                                      segments, n, &error));
  g_assert_no_error (error);
  id = secuencia_project_import_audio (f->project, file, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    seconds += segments[i].seconds;
  secuencia_timeline_register_asset (f->timeline, id,
                                     (SecuenciaTime) llround (seconds * SEC));
  return id;
}

static gint64
add_tone (Fixture *f, double freq, double seconds)
{
  g_autofree char *name = g_strdup_printf ("tone-%.0f.wav", freq);
  const SecuenciaTestSegment segment = { freq, seconds, AMP };

  return add_asset (f, name, &segment, 1);
}

static gint64
add_clip (Fixture *f, gint64 asset, double offset, double duration, gboolean muted)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SecuenciaClip) clip = secuencia_clip_new (asset, (SecuenciaTime) llround (offset * SEC),
                                                       0, (SecuenciaTime) llround (duration * SEC), 0);
  gint64 id;

  clip->muted = muted;
  id = secuencia_timeline_insert (f->timeline, clip, &error);
  g_assert_no_error (error);
  return id;
}

typedef gboolean (*Condition) (Fixture *f);

/* Iterate the main context until @cond holds (hang guard: GUARD_SECONDS). */
static void
run_until (Fixture *f, Condition cond)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (GUARD_SECONDS * G_USEC_PER_SEC);

  while (!cond (f))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the player hung (condition not met in %.0f s)", GUARD_SECONDS);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
stopped (Fixture *f)
{
  return !secuencia_player_get_playing (f->player);
}

/* Let the main loop run for @seconds of recorded sound (not wall clock). */
static void
run_recorded (Fixture *f, double seconds)
{
  double until = secuencia_test_recorder_seconds (f->recorder) + seconds;
  gint64 deadline = g_get_monotonic_time () + (gint64) (GUARD_SECONDS * G_USEC_PER_SEC);

  while (secuencia_test_recorder_seconds (f->recorder) < until)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

#define find_onsets secuencia_test_find_onsets

/* The strongest of @freqs over the 40 ms after @frame. */
static double
tone_after (const SecuenciaTestPcm *pcm, gsize frame, const double *freqs, guint n)
{
  double best = 0, best_a = 0;

  for (guint i = 0; i < n; i++)
    {
      double a = secuencia_test_pcm_goertzel (pcm, freqs[i], frame + pcm->rate / 200,
                                              pcm->rate / 25);
      if (a > best_a)
        {
          best_a = a;
          best = freqs[i];
        }
    }
  return best;
}

/* Sound timing can only be checked on what was really heard, and a machine
 * that is busy enough (other processes taking both cores for longer than
 * the sound buffers last) makes the sound server skip: then the recording
 * shows a dropout that says nothing about the player. So each scenario is
 * played up to MAX_ATTEMPTS times and must come out right once; a real
 * fault fails every attempt, and the reasons are printed. */
#define MAX_ATTEMPTS 3

#define CHECK(cond, ...) G_STMT_START {                               \
    if (!(cond)) {                                                    \
      g_string_append_printf (why, __VA_ARGS__);                       \
      g_string_append (why, "; ");                                     \
      return FALSE;                                                   \
    } } G_STMT_END

static const double tone_freqs[] = { 400, 700, 1000, 1300, 1600 };
static const double tone_offsets[] = { 0.0, 0.55, 1.0, 1.75, 2.10 };  /* the first at 0: the start is not cut */

static gboolean
check_tones (const SecuenciaTestPcm *pcm, GString *why)
{
  g_autoptr (GArray) onsets = find_onsets (pcm, 0.02, 0.05);
  guint expected = 0;

  CHECK (onsets->len == 4, "%u tones heard, not 4", onsets->len);
  for (guint i = 0; i < G_N_ELEMENTS (tone_freqs); i++)
    {
      gsize at;
      double freq;

      if (i == 2)
        continue;
      at = g_array_index (onsets, gsize, expected);
      freq = tone_after (pcm, at, tone_freqs, G_N_ELEMENTS (tone_freqs));
      {
        /* the whole clip sounds: 150 ms until 5 ms of silence */
        gsize end = at, quiet = 0;
        double length;

        for (gsize j = at; j < pcm->n_frames && quiet < RATE / 200; j++)
          if (fabsf (pcm->data[2 * j]) >= 0.02)
            {
              end = j;
              quiet = 0;
            }
          else
            quiet++;
        length = (double) (end - at) / RATE;
        CHECK (fabs (length - 0.15) < 0.003, "%.0f Hz sounds %.4f s, not 0.15 s", tone_freqs[i],
               length);
      }
      g_test_message ("%.0f Hz at %.4f s of the recording", freq, (double) at / RATE);
      CHECK (freq == tone_freqs[i], "tone %u is %.0f Hz, not %.0f Hz", expected + 1, freq,
             tone_freqs[i]);
      if (expected > 0)
        {
          double heard = (double) (at - g_array_index (onsets, gsize, 0)) / RATE;
          double wanted = tone_offsets[i] - tone_offsets[0];

          g_test_message ("  spacing from the first: %.4f s (timeline %.4f s)", heard, wanted);
          CHECK (fabs (heard - wanted) < 0.020, "%.0f Hz %.4f s after the first, not %.4f s",
                 tone_freqs[i], heard, wanted);
        }
      expected++;
    }
  return TRUE;
}

/* Tones sound in order, with the timeline's spacing; the muted clip is
 * silent; the played mix ends at the timeline's end. */
static void
test_tones (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) why = g_string_new (NULL);
  gboolean ok = FALSE;

  if (f->pulse == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (tone_freqs); i++)
    add_clip (f, add_tone (f, tone_freqs[i], 0.2), tone_offsets[i], 0.15, i == 2 /* muted */);

  for (guint attempt = 1; attempt <= MAX_ATTEMPTS && !ok; attempt++)
    {
      g_autoptr (SecuenciaTestPcm) pcm = NULL;

      f->n_started = 0;
      secuencia_player_seek (f->player, 0);
      f->recorder = secuencia_test_recorder_start ();
      secuencia_player_play (f->player);
      g_assert_true (secuencia_player_get_playing (f->player));
      run_until (f, stopped);
      g_assert_no_error (f->error);
      g_assert_cmpuint (f->n_started, ==, 1);
      g_assert_cmpint (secuencia_player_get_position (f->player), ==,
                       secuencia_timeline_get_duration (f->timeline));
      run_recorded (f, 1.0);
      pcm = secuencia_test_recorder_stop (g_steal_pointer (&f->recorder));

      /* the muted 1 kHz clip never sounds, dropouts or not */
      for (gsize at = 0; at + RATE / 20 < pcm->n_frames; at += RATE / 100)
        g_assert_cmpfloat (secuencia_test_pcm_goertzel (pcm, 1000, at, RATE / 20), <, AMP * 0.05);

      g_string_append_printf (why, "attempt %u: ", attempt);
      ok = check_tones (pcm, why);
    }
  if (!ok)
    g_error ("%s", why->str);
}

static gboolean
past_pause_point (Fixture *f)
{
  return secuencia_player_get_position (f->player) >= (SecuenciaTime) (1250 * MS);
}

static gboolean
check_beeps (const SecuenciaTestPcm *pcm, SecuenciaTime paused_at, GString *why)
{
  g_autoptr (GArray) onsets = NULL;
  gsize on_frames = 0, longest_gap = 0, first_loud = 0, last_loud = 0, gap_end = 0;
  gboolean any = FALSE;
  guint before_gap = 0, started;
  double on_time;

  /* 15 beeps of 40 ms: add up the sounding runs (a run ends after 3 ms
   * below the threshold; a beep split by the pause gives two runs) */
  for (gsize i = 0; i < pcm->n_frames; i++)
    {
      if (fabsf (pcm->data[2 * i]) < 0.02)
        continue;
      if (any && i - last_loud > RATE * 3 / 1000)
        {
          on_frames += last_loud - first_loud + 1;
          if (i - last_loud > longest_gap)
            {
              longest_gap = i - last_loud;
              gap_end = i;
            }
          first_loud = i;
        }
      else if (!any)
        first_loud = i;
      any = TRUE;
      last_loud = i;
    }
  if (any)
    on_frames += last_loud - first_loud + 1;
  on_time = (double) on_frames / RATE;
  g_test_message ("sounding %.4f s, longest silence %.3f s", on_time, (double) longest_gap / RATE);
  CHECK (fabs (on_time - 15 * 0.04) < 0.015, "%.4f s of beeps heard, not 0.6 s", on_time);
  /* the pause: silence far longer than between beeps */
  CHECK ((double) longest_gap / RATE > 0.6, "no silence for the pause (longest %.3f s)",
         (double) longest_gap / RATE);

  /* beeps heard before the pause: those that begin before the paused
   * position (one may be split by the pause) */
  onsets = find_onsets (pcm, 0.02, 0.03);
  for (guint i = 0; i < onsets->len; i++)
    if (g_array_index (onsets, gsize, i) < gap_end)
      before_gap++;
  started = (guint) floor (((double) paused_at / SEC - 0.2) / 0.2) + 1;
  g_test_message ("%u onsets, %u before the pause (%u begun)", onsets->len, before_gap, started);
  CHECK (onsets->len >= 15 && onsets->len <= 16, "%u beeps heard", onsets->len);
  CHECK (before_gap == started, "%u beeps before the pause, not %u", before_gap, started);
  return TRUE;
}

/* Pause stops the sound; play resumes where it paused: a train of beeps
 * comes out whole (none lost, none repeated) with one long silence. */
static void
test_pause_resume (Fixture *f, gconstpointer data)
{
  SecuenciaTestSegment segments[30];
  g_autoptr (GString) why = g_string_new (NULL);
  gboolean ok = FALSE;
  gint64 asset;

  if (f->pulse == NULL)
    return;
  for (guint i = 0; i < 15; i++)
    {
      segments[2 * i] = (SecuenciaTestSegment) { 1000, 0.04, AMP };
      segments[2 * i + 1] = (SecuenciaTestSegment) { 0, 0.16, 0 };
    }
  asset = add_asset (f, "beeps.wav", segments, G_N_ELEMENTS (segments));
  add_clip (f, asset, 0.2, 3.0, FALSE);

  for (guint attempt = 1; attempt <= MAX_ATTEMPTS && !ok; attempt++)
    {
      g_autoptr (SecuenciaTestPcm) pcm = NULL;
      SecuenciaTime paused_at;

      secuencia_player_seek (f->player, 0);
      f->recorder = secuencia_test_recorder_start ();
      secuencia_player_play (f->player);
      run_until (f, past_pause_point);
      secuencia_player_pause (f->player);
      g_assert_false (secuencia_player_get_playing (f->player));
      paused_at = secuencia_player_get_position (f->player);
      g_test_message ("paused at %.3f s", (double) paused_at / SEC);
      run_recorded (f, 0.8);
      /* paused: the position stays */
      g_assert_cmpint (secuencia_player_get_position (f->player), ==, paused_at);
      secuencia_player_play (f->player);
      run_until (f, stopped);
      g_assert_no_error (f->error);
      run_recorded (f, 1.0);
      pcm = secuencia_test_recorder_stop (g_steal_pointer (&f->recorder));

      g_string_append_printf (why, "attempt %u: ", attempt);
      ok = check_beeps (pcm, paused_at, why);
    }
  if (!ok)
    g_error ("%s", why->str);
}

static gboolean
past_first_tone (Fixture *f)
{
  return secuencia_player_get_position (f->player) >= (SecuenciaTime) (600 * MS);
}

/* An edit while playing is heard at once: muting a clip ahead silences it
 * (this holds whatever the machine's load: no retries). */
static void
test_edit_while_playing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SecuenciaTestPcm) pcm = NULL;
  double found = 0;
  gint64 later;

  if (f->pulse == NULL)
    return;
  add_clip (f, add_tone (f, 400, 0.3), 0.2, 0.3, FALSE);
  later = add_clip (f, add_tone (f, 700, 0.3), 1.8, 0.3, FALSE);

  f->recorder = secuencia_test_recorder_start ();
  secuencia_player_play (f->player);
  run_until (f, past_first_tone);
  g_assert_true (secuencia_timeline_set_clip_mix (f->timeline, later, 0.0, TRUE, &error));
  g_assert_no_error (error);
  run_until (f, stopped);
  g_assert_no_error (f->error);
  run_recorded (f, 1.0);
  pcm = secuencia_test_recorder_stop (g_steal_pointer (&f->recorder));

  for (gsize at = 0; at + RATE / 20 < pcm->n_frames; at += RATE / 100)
    {
      found = MAX (found, secuencia_test_pcm_goertzel (pcm, 400, at, RATE / 20));
      g_assert_cmpfloat (secuencia_test_pcm_goertzel (pcm, 700, at, RATE / 20), <, AMP * 0.05);
    }
  g_assert_cmpfloat (found, >, AMP * 0.5);
}

/* A clip whose audio cannot be decoded is named. */
static void
test_bad_source (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  sqlite3 *db;
  gint64 asset;

  if (f->pulse == NULL)
    return;
  add_clip (f, add_tone (f, 400, 0.3), 0.1, 0.3, FALSE);
  asset = add_tone (f, 700, 0.3);
  add_clip (f, asset, 0.3, 0.3, FALSE);
  /* break the stored bytes behind the store's back */
  path = g_strdup (secuencia_project_get_path (f->project));
  db = secuencia_test_open_db (path);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE assets SET data = zeroblob(5000) "
                                            "WHERE id = %" G_GINT64_FORMAT, asset);
    secuencia_test_exec_sql (db, sql);
  }
  sqlite3_close (db);

  secuencia_player_play (f->player);
  run_until (f, stopped);
  g_assert_error (f->error, SECUENCIA_PLAYER_ERROR, SECUENCIA_PLAYER_ERROR_SOURCE);
  g_assert_nonnull (strstr (f->error->message, "Clip 2"));
  g_assert_nonnull (strstr (f->error->message, "tone-700.wav"));
}

/* No sound server: Play says so instead of failing silently. */
static void
test_no_output (Fixture *f, gconstpointer data)
{
  if (f->pulse == NULL)
    return;
  add_clip (f, add_tone (f, 400, 0.3), 0.1, 0.3, FALSE);
  g_setenv ("PULSE_SERVER", "unix:/nonexistent/secuencia/native", TRUE);
  secuencia_player_play (f->player);
  run_until (f, stopped);
  g_assert_error (f->error, SECUENCIA_PLAYER_ERROR, SECUENCIA_PLAYER_ERROR_NO_OUTPUT);
  g_assert_nonnull (strstr (f->error->message, "No sound output"));
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/player/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("tones", test_tones);
  ADD ("pause-resume", test_pause_resume);
  ADD ("edit-while-playing", test_edit_while_playing);
  ADD ("bad-source", test_bad_source);
  ADD ("no-output", test_no_output);
  return g_test_run ();
}
