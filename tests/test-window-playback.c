/* test-window-playback.c: Play from the window, heard through a real sound
 * server (the test's own PulseAudio daemon with a null sink, recorded from
 * its monitor), driven like a person: the Play/Pause button's action, and
 * Space, Home and End as real key presses (xdotool, under xvfb-run). */

#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "secuencia-player.h"
#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-pulse.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"
#include "secuencia-window.h"

#define SEC (SECUENCIA_TIME_SECOND)
#define AMP 0.25
#define RATE 48000
#define LINE_SECONDS 0.3
#define GAP_SECONDS 0.25      /* the clip-gap-ms default */
#define MAX_ATTEMPTS 3        /* see test-player.c: dropouts of a busy machine */

static const double freqs[] = { 400, 700, 1000, 1300 };

typedef struct
{
  char               *dir;
  char               *project_path;
  SecuenciaTestPulse *pulse;
  SecuenciaWindow    *window;
} Fixture;

static void
make_project (Fixture *f)
{
  g_autoptr (SecuenciaProject) project = NULL;
  g_autoptr (GError) error = NULL;

  project = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (freqs); i++)
    {
      g_autofree char *wav = g_strdup_printf ("%s/line-%u.wav", f->dir, i);
      g_autoptr (GFile) file = g_file_new_for_path (wav);
      gint64 asset;

      g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, RATE, 2,
                                                      freqs[i], LINE_SECONDS, AMP, &error));
      g_assert_no_error (error);
      asset = secuencia_project_import_audio (project, file, NULL, &error);
      g_assert_no_error (error);
      secuencia_project_append_element (project, "ANA", "A line", asset, &error);
      g_assert_no_error (error);
      g_unlink (wav);
    }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("secuencia-window-playback-XXXXXX", &error);
  g_assert_no_error (error);
  f->pulse = secuencia_test_pulse_start (&error);
  if (f->pulse == NULL)
    {
      g_test_skip (error->message);
      return;
    }
  f->project_path = g_build_filename (f->dir, "project.secuencia", NULL);
  make_project (f);
  f->window = secuencia_test_open_window (NULL, f->project_path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->window != NULL)
    secuencia_test_close_window (f->window);
  secuencia_test_pulse_stop (f->pulse);
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project_path);
}

static gboolean
is_play_button (GtkWidget *widget, gpointer data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.play-pause") == 0;
}

static GtkWidget *
play_button (Fixture *f)
{
  GtkWidget *button = secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON,
                                                  is_play_button, NULL);
  g_assert_nonnull (button);
  return button;
}

static void
assert_label (GtkWidget *widget, const char *label)
{
  g_autofree char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                 GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                 label);
  if (problem != NULL)
    g_error ("accessible label: %s", problem);
}

static gboolean
is_stopped (gpointer data)
{
  Fixture *f = data;
  return !secuencia_player_get_playing (secuencia_window_get_player (f->window));
}

static gboolean
is_playing (gpointer data)
{
  Fixture *f = data;
  return secuencia_player_get_playing (secuencia_window_get_player (f->window));
}

/* The playhead moves: the sound has started. */
static gboolean
is_sounding (gpointer data)
{
  Fixture *f = data;
  return secuencia_player_get_position (secuencia_window_get_player (f->window)) > 0;
}

/* A real key press on the window (XTEST through xdotool). */
static void
press_key (Fixture *f, const char *key)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_autofree char *xid = NULL;
  g_autoptr (GError) error = NULL;
  GPid pid;
  int status = -1;
  gboolean done = FALSE;

  if (!GDK_IS_X11_SURFACE (surface))
    {
      g_test_skip ("not on X11");
      return;
    }
  /* The window's X id, from the X server (GDK's X11 API is deprecated
   * from GTK 4.18 on): the one visible window of this process. */
  {
    g_autofree char *pid_text = g_strdup_printf ("%d", (int) getpid ());
    const char *argv[] = { "xdotool", "search", "--onlyvisible", "--pid", pid_text, NULL };
    g_autofree char *out = NULL;
    g_auto (GStrv) ids = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    ids = g_strsplit (g_strstrip (out), "\n", -1);
    g_assert_cmpuint (g_strv_length (ids), ==, 1);
    xid = g_strdup (ids[0]);
    status = -1;
  }
  {
    const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, "key", "--clearmodifiers",
                           key, NULL };

    g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                  G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                  NULL, NULL, &pid, &error));
    g_assert_no_error (error);
  }
  /* keep the main loop running while xdotool waits for the focus */
  while (!done)
    {
      g_main_context_iteration (NULL, FALSE);
      if (waitpid (pid, &status, WNOHANG) == pid)
        done = TRUE;
      else
        g_usleep (2000);
    }
  g_spawn_close_pid (pid);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  secuencia_test_spin (50);
#else
  g_test_skip ("not on X11");
#endif
}

static gboolean
check_recording (const SecuenciaTestPcm *pcm, GString *why)
{
  g_autoptr (GArray) onsets = secuencia_test_find_onsets (pcm, 0.02, 0.1);

  if (onsets->len != G_N_ELEMENTS (freqs))
    {
      g_string_append_printf (why, "%u lines heard, not %u; ", onsets->len,
                              (guint) G_N_ELEMENTS (freqs));
      return FALSE;
    }
  for (guint i = 0; i < onsets->len; i++)
    {
      gsize at = g_array_index (onsets, gsize, i);
      double a = secuencia_test_pcm_goertzel (pcm, freqs[i], at + RATE / 100, RATE / 20);
      double heard = (double) (at - g_array_index (onsets, gsize, 0)) / RATE;
      double wanted = i * (LINE_SECONDS + GAP_SECONDS);

      g_test_message ("line %u (%.0f Hz, amplitude %.3f) at +%.4f s (laid out at +%.4f s)",
                      i + 1, freqs[i], a, heard, wanted);
      if (a < AMP * 0.7 || fabs (heard - wanted) >= 0.020)
        {
          g_string_append_printf (why, "line %u: %.0f Hz amplitude %.3f at +%.4f s, not +%.4f s; ",
                                  i + 1, freqs[i], a, heard, wanted);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
position_label_moved (gpointer data)
{
  GtkWidget *label = data;
  return g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (label)), "0:00.0") != 0;
}

static gboolean
is_position_label (GtkWidget *widget, gpointer data)
{
  return GTK_IS_INSCRIPTION (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_HEADER_BAR) != NULL &&
         g_str_has_prefix (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), "0:0");
}

/* Play from the window: the lines sound in order, laid out with the gap
 * setting; the button says Play/Pause; the position label follows. */
static void
test_play_screenplay (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) why = g_string_new (NULL);
  SecuenciaPlayer *player;
  GtkWidget *button, *label;
  gboolean ok = FALSE;

  if (f->pulse == NULL)
    return;
  player = secuencia_window_get_player (f->window);
  button = play_button (f);
  label = secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_INSCRIPTION,
                                      is_position_label, NULL);
  g_assert_nonnull (label);
  assert_label (button, "Play");

  for (guint attempt = 1; attempt <= MAX_ATTEMPTS && !ok; attempt++)
    {
      SecuenciaTestRecorder *recorder = secuencia_test_recorder_start ();
      g_autoptr (SecuenciaTestPcm) pcm = NULL;
      double until;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.play-pause", NULL));
      g_assert_true (secuencia_player_get_playing (player));
      assert_label (button, "Pause");
      secuencia_test_wait_until (position_label_moved, label);
      secuencia_test_wait_until (is_stopped, f);
      assert_label (button, "Play");
      until = secuencia_test_recorder_seconds (recorder) + 1.0;
      while (secuencia_test_recorder_seconds (recorder) < until)
        secuencia_test_spin (20);
      pcm = secuencia_test_recorder_stop (recorder);
      g_string_append_printf (why, "attempt %u: ", attempt);
      ok = check_recording (pcm, why);
      /* the next Play starts over from the end */
    }
  if (!ok)
    g_error ("%s", why->str);
  g_assert_cmpstr (secuencia_window_get_last_message (f->window), ==, NULL);
}

/* Space plays and pauses wherever the focus is (here: the Export button,
 * which Space would otherwise press); Home and End move the playhead. */
static void
test_keys (Fixture *f, gconstpointer data)
{
  SecuenciaPlayer *player;
  SecuenciaTime end, paused;

  if (f->pulse == NULL)
    return;
  player = secuencia_window_get_player (f->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.playhead-end", NULL));
  end = secuencia_player_get_position (player);
  g_assert_cmpint (end, ==, (SecuenciaTime) llround ((G_N_ELEMENTS (freqs) * LINE_SECONDS +
                                                      (G_N_ELEMENTS (freqs) - 1) * GAP_SECONDS) * SEC));

  press_key (f, "Home");
  g_assert_cmpint (secuencia_player_get_position (player), ==, 0);
  press_key (f, "End");
  g_assert_cmpint (secuencia_player_get_position (player), ==, end);
  press_key (f, "Home");

  gtk_widget_grab_focus (play_button (f));
  press_key (f, "space");
  secuencia_test_wait_until (is_playing, f);
  secuencia_test_wait_until (is_sounding, f);
  press_key (f, "space");
  g_assert_false (secuencia_player_get_playing (player));
  paused = secuencia_player_get_position (player);
  g_assert_cmpint (paused, >, 0);
  g_assert_cmpint (paused, <, end);
  /* paused: the playhead stays */
  secuencia_test_spin (300);
  g_assert_cmpint (secuencia_player_get_position (player), ==, paused);
  press_key (f, "space");
  secuencia_test_wait_until (is_stopped, f);
  g_assert_cmpint (secuencia_player_get_position (player), ==, end);
}

static gboolean
has_message (gpointer data)
{
  Fixture *f = data;
  return secuencia_window_get_last_message (f->window) != NULL;
}

static gboolean
alert_gone (gpointer window)
{
  return secuencia_test_find_alert (window) == NULL;
}

/* No sound server: Play shows why instead of failing silently. */
static void
test_no_output (Fixture *f, gconstpointer data)
{
  if (f->pulse == NULL)
    return;
  g_setenv ("PULSE_SERVER", "unix:/nonexistent/secuencia/native", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.play-pause", NULL));
  secuencia_test_wait_until (has_message, f);
  g_test_message ("%s", secuencia_window_get_last_message (f->window));
  g_assert_nonnull (strstr (secuencia_window_get_last_message (f->window), "No sound output"));
  g_assert_false (secuencia_player_get_playing (secuencia_window_get_player (f->window)));
  assert_label (play_button (f), "Play");

  /* the message is a dialog on the window, saying the same */
  {
    GtkWidget *alert = secuencia_test_find_alert (GTK_WINDOW (f->window));

    g_assert_nonnull (alert);
    g_assert_cmpstr (secuencia_test_alert_heading (alert), ==, "Could Not Play");
    g_assert_cmpstr (secuencia_test_alert_body (alert), ==,
                     secuencia_window_get_last_message (f->window));
    secuencia_test_alert_click (alert, "_Close");
    secuencia_test_wait_until (alert_gone, f->window);
  }
}

int
main (int argc, char **argv)
{
  /* accessible properties are checked: the test AT context keeps them */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gst_init (&argc, &argv);

  g_test_add ("/window-playback/play", Fixture, NULL, fixture_set_up, test_play_screenplay,
              fixture_tear_down);
  g_test_add ("/window-playback/keys", Fixture, NULL, fixture_set_up, test_keys,
              fixture_tear_down);
  g_test_add ("/window-playback/no-output", Fixture, NULL, fixture_set_up, test_no_output,
              fixture_tear_down);
  return g_test_run ();
}
