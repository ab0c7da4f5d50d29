/* test-window-readonly.c: a project in a folder that cannot be written
 * (read-only for root too: secuencia-test-readonly.h), through the real
 * window under a display. It opens read-only: the banner says so and why;
 * every editing action is off (the actions' enabled state, seen through
 * actionable buttons, and the widgets: no row edit buttons, the timeline
 * view does not edit); edits forced anyway (dropped audio, a script, the
 * actions, the timeline's keys) change nothing. Export works — the file
 * decodes to the timeline's length with every line's tone in place — and
 * so does playing (recorded from a private sound server when there is
 * one). Afterwards the folder lists the same names (no -wal, -shm,
 * -journal or temporary file) and the project has the same bytes. Save a
 * Copy… writes a copy that opens for editing. Run with a stored timeline
 * and without one (the window then shows, plays and exports the
 * screenplay laid out in memory). */

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <gst/gst.h>
#include <glib/gstdio.h>

#include "secuencia-preferences-window.h"
#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-cli.h"
#include "secuencia-test-pulse.h"
#include "secuencia-test-readonly.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"
#include "secuencia-window.h"

#define N_LINES      3
#define LINE_SECONDS 0.6
#define GAP_SECONDS  0.25   /* the clip-gap-ms default */

typedef struct
{
  char            *dir;          /* writable: exports, copies */
  char            *shelf;        /* the project's folder, made read-only */
  char            *project_path;
  gboolean         read_only;    /* the shelf was made read-only */
  SecuenciaWindow *window;
  gboolean         finished;
  gboolean         success;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gboolean stored_timeline = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  f->dir = g_dir_make_tmp ("secuencia-window-ro-XXXXXX", &error);
  g_assert_no_error (error);
  f->shelf = g_build_filename (f->dir, "shelf", NULL);
  g_assert_cmpint (g_mkdir (f->shelf, 0755), ==, 0);
  f->project_path = g_build_filename (f->shelf, "Archive.secuencia", NULL);
  secuencia_test_make_project (f->dir, f->project_path, N_LINES, LINE_SECONDS);
  {
    g_autoptr(SecuenciaProject) project = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (secuencia_project_set_metadata (project, "title", "Archived Title", &error));
  }
  if (stored_timeline)
    {
      g_autoptr(SecuenciaProject) project = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);

      g_assert_no_error (error);
      g_assert_cmpint (secuencia_project_convert_screenplay (project, "Stored", GAP_SECONDS * SECUENCIA_TIME_SECOND,
                                                             NULL, NULL, NULL, &error), >, 0);
      g_assert_no_error (error);
    }
  {
    g_autofree char *wal = g_strconcat (f->project_path, "-wal", NULL);

    /* The last connection closed cleanly: nothing but the file. */
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  if (!secuencia_test_readonly_make (f->shelf, &reason))
    {
      g_test_skip (reason);
      return;
    }
  f->read_only = TRUE;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    secuencia_test_close_window (f->window);
  if (f->read_only)
    secuencia_test_readonly_undo (f->shelf);
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->shelf);
  g_free (f->project_path);
}

/* Whether @action_name is enabled for widgets inside the window: an
 * actionable button follows its action's enabled state. */
static gboolean
action_enabled (Fixture    *f,
                GtkWidget  *holder,
                const char *action_name)
{
  GtkWidget *button = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  /* the line actions take a line id (-1: the selected one) */
  if (g_str_has_suffix (action_name, "-up") || g_str_has_suffix (action_name, "-down") ||
      g_str_has_suffix (action_name, "-element") || g_str_has_suffix (action_name, "-take"))
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (-1));
  gtk_widget_set_visible (button, FALSE);
  gtk_box_append (GTK_BOX (holder), button);
  secuencia_test_flush_events ();
  enabled = gtk_widget_get_sensitive (button);
  gtk_box_remove (GTK_BOX (holder), button);
  return enabled;
}

static gboolean
is_box (GtkWidget *widget,
        gpointer   data)
{
  return GTK_IS_BOX (widget);
}

static gboolean
is_named (GtkWidget *widget,
          gpointer   data)
{
  g_autofree char *diff = NULL;

  if (!gtk_widget_is_drawable (widget))
    return FALSE;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0)
    return TRUE;
  /* NULL when the accessible name is @data */
  diff = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, data);
  return diff == NULL;
}

static gboolean
has_text (GtkWidget *widget,
          gpointer   data)
{
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), data) == 0;
}

static gboolean
has_action (GtkWidget *widget,
            gpointer   data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0 &&
         gtk_widget_is_drawable (widget);
}

#if !ADW_CHECK_VERSION (1, 3, 0)
static gboolean
has_css_class (GtkWidget *widget,
               gpointer   data)
{
  return gtk_widget_has_css_class (widget, data);
}
#endif

/* The banner's text when it is shown, else NULL. */
static const char *
banner_text (Fixture *f)
{
#if ADW_CHECK_VERSION (1, 3, 0)
  GtkWidget *banner = secuencia_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_BANNER, NULL, NULL);

  g_assert_nonnull (banner);
  return adw_banner_get_revealed (ADW_BANNER (banner)) && gtk_widget_is_drawable (banner)
         ? adw_banner_get_title (ADW_BANNER (banner)) : NULL;
#else
  GtkWidget *box = secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BOX, has_css_class,
                                               (gpointer) "readonly-banner");
  GtkWidget *revealer = box != NULL ? gtk_widget_get_parent (box) : NULL;
  GtkWidget *label = box != NULL ? secuencia_test_find_widget (box, GTK_TYPE_LABEL, NULL, NULL) : NULL;

  g_assert_nonnull (label);
  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) && gtk_widget_is_drawable (revealer)
         ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
#endif
}

static const char * const editing_actions[] = {
  "win.add-audio", "win.open-script", "win.scratch-voices", "win.cast", "win.move-up",
  "win.move-down", "win.remove-element", "win.undo", "win.redo", "win.relayout",
  "win.replace-take", "win.match-takes",
};
static const char * const reading_actions[] = {
  "win.export", "win.play-pause", "win.playhead-end", "win.save-as", "win.preferences",
};

static void
check_actions (Fixture  *f,
               gboolean  read_only)
{
  /* A box inside the window, outside the timeline view (whose own actions
   * are checked apart). */
  GtkWidget *holder = secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BOX, is_box, NULL);
  g_assert_nonnull (holder);
  for (guint i = 0; i < G_N_ELEMENTS (editing_actions); i++)
    {
      /* undo and redo: nothing to undo in a project just opened either */
      if (!read_only && (g_str_equal (editing_actions[i], "win.undo") || g_str_equal (editing_actions[i], "win.redo")))
        continue;
      g_test_message ("%s", editing_actions[i]);
      g_assert_true (action_enabled (f, holder, editing_actions[i]) == !read_only);
    }
  for (guint i = 0; i < G_N_ELEMENTS (reading_actions); i++)
    {
      g_test_message ("%s", reading_actions[i]);
      g_assert_true (action_enabled (f, holder, reading_actions[i]));
    }
}

static char *
read_text (SecuenciaProject *project,
           guint             index)
{
  g_autoptr(GPtrArray) elements = secuencia_project_list_elements (project, NULL);

  g_assert_nonnull (elements);
  return g_strdup (((SecuenciaElementInfo *) elements->pdata[index])->text);
}

static void
check_export (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaTestPcm) pcm = secuencia_test_audio_decode_gst (path, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon ((double) pcm->n_frames / pcm->rate,
                                  N_LINES * LINE_SECONDS + (N_LINES - 1) * GAP_SECONDS, 0.005);
  for (guint i = 0; i < N_LINES; i++)
    {
      double start = i * (LINE_SECONDS + GAP_SECONDS);
      double frequency = 300.0 + 50.0 * i;

      g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, frequency, start + 0.1, 0.4), 0.3, 0.04);
      if (i + 1 < N_LINES)
        g_assert_cmpfloat (secuencia_test_pcm_rms (pcm, (gsize) ((start + LINE_SECONDS + 0.05) * pcm->rate),
                                                   (gsize) (0.15 * pcm->rate)), <, 0.001);
    }
}

static gboolean
is_stopped (gpointer data)
{
  Fixture *f = data;
  return !secuencia_player_get_playing (secuencia_window_get_player (f->window));
}

/* Play from the start to the end through a private sound server; the
 * recording holds the first line's tone. */
static void
check_playing (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SecuenciaTestPulse *pulse = secuencia_test_pulse_start (&error);
  SecuenciaTestRecorder *recorder;
  g_autoptr(SecuenciaTestPcm) pcm = NULL;
  g_autoptr(GArray) onsets = NULL;

  if (pulse == NULL)
    {
      g_test_message ("playing not checked: %s", error->message);
      return;
    }
  recorder = secuencia_test_recorder_start ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.play-pause", NULL));
  g_assert_true (secuencia_player_get_playing (secuencia_window_get_player (f->window)));
  secuencia_test_wait_until (is_stopped, f);
  secuencia_test_spin (300);
  pcm = secuencia_test_recorder_stop (recorder);
  secuencia_test_pulse_stop (pulse);
  /* Each line's tone was heard, in screenplay order (where each is
   * loudest; a dropout on a loaded machine may cut a line, not move it). */
  onsets = secuencia_test_find_onsets (pcm, 0.05, 0.1);
  g_assert_cmpuint (onsets->len, >=, 1);
  {
    double previous = -1.0;

    for (guint i = 0; i < N_LINES; i++)
      {
        double frequency = 300.0 + 50.0 * i;
        double best = 0.0, best_at = 0.0;

        for (double t = 0.0; t + 0.2 < (double) pcm->n_frames / pcm->rate; t += 0.05)
          {
            double level = secuencia_test_pcm_tone_at (pcm, frequency, t, 0.2);

            if (level > best)
              {
                best = level;
                best_at = t;
              }
          }
        g_test_message ("line %u: %.0f Hz at %.2f s, %.3f", i, frequency, best_at, best);
        g_assert_cmpfloat_with_epsilon (best, 0.3, 0.06);
        g_assert_cmpfloat (best_at, >, previous);
        previous = best_at;
      }
  }
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  gboolean stored_timeline = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *after = NULL;
  g_autofree char *hash_after = NULL;
  g_autofree char *out = g_build_filename (f->dir, "Archive.m4a", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "Copy.secuencia", NULL);
  g_autofree char *wav = g_build_filename (f->dir, "dropped.wav", NULL);
  g_autofree char *script = g_build_filename (f->dir, "dropped.fountain", NULL);
  g_autofree char *first_text = NULL;
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy);
  g_autoptr(GFile) wav_file = g_file_new_for_path (wav);
  g_autoptr(GFile) script_file = g_file_new_for_path (script);
  SecuenciaProject *project;
  SecuenciaTimelineView *view;
  SecuenciaTimeline *timeline;
  const char *text;
  guint n_clips;

  if (!f->read_only)
    return;
  before = secuencia_test_readonly_list (f->shelf);
  hash = secuencia_test_readonly_hash (f->project_path);
  g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, 880, 0.3, 0.3, &error));
  g_assert_true (g_file_set_contents (script, "INT. ELSEWHERE\n\nANA\nNew words.\n", -1, NULL));

  f->window = g_object_ref (secuencia_window_new (NULL));
  secuencia_test_watch_export (f->window, &f->finished, &f->success);
  g_assert_true (secuencia_window_open_project (f->window, f->project_path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  project = secuencia_window_get_project (f->window);
  g_assert_true (secuencia_project_is_read_only (project));
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES);

  /* The banner, with the cause. */
  text = banner_text (f);
  g_assert_nonnull (text);
  g_test_message ("banner: %s", text);
  g_assert_nonnull (strstr (text, "read-only"));
  g_assert_nonnull (strstr (text, geteuid () == 0 ? "read-only file system" : "read-only for you"));

  /* Editing is off; reading is on. */
  check_actions (f, TRUE);
  /* A line's takes are shown, not changed: its button is there. */
  g_assert_nonnull (secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, is_named,
                                                (gpointer) "Takes"));
  g_assert_null (secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, is_named,
                                             (gpointer) "Remove Line"));
  g_assert_null (secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, is_named,
                                             (gpointer) "Move Down"));
  {
    GtkWidget *add = secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, has_action,
                                                 (gpointer) "win.add-audio");
    GtkWidget *export = secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, has_action,
                                                    (gpointer) "win.export");

    g_assert_nonnull (add);
    g_assert_false (gtk_widget_is_sensitive (add));
    g_assert_nonnull (export);
    g_assert_true (gtk_widget_is_sensitive (export));
  }

  /* The timeline: the stored one, or the screenplay laid out in memory. */
  view = secuencia_window_get_timeline_view (f->window);
  timeline = secuencia_timeline_view_get_timeline (view);
  g_assert_nonnull (timeline);
  n_clips = secuencia_timeline_get_n_clips (timeline);
  g_assert_cmpuint (n_clips, ==, N_LINES);
  g_assert_true ((secuencia_timeline_get_id (timeline) > 0) == stored_timeline);
  g_assert_false (secuencia_timeline_view_get_editable (view));

  /* Edits forced anyway change nothing. */
  first_text = read_text (project, 0);
  secuencia_window_select_line (f->window, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-element", "x", (gint64) -1);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.move-down", "x", (gint64) -1);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.relayout", NULL);
  {
    GPtrArray *clips = secuencia_timeline_get_clips (timeline);

    secuencia_timeline_view_select_clip (view, ((SecuenciaClip *) clips->pdata[0])->id);
    g_ptr_array_unref (clips);
  }
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.delete", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.nudge", "x", (gint64) SECUENCIA_TIME_SECOND);
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.toggle-mute", NULL);
  secuencia_test_flush_events ();
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES);
  g_assert_cmpuint (secuencia_timeline_get_n_clips (timeline), ==, N_LINES);
  {
    g_autofree char *now = read_text (project, 0);
    GPtrArray *clips = secuencia_timeline_get_clips (timeline);

    g_assert_cmpstr (now, ==, first_text);
    g_assert_cmpint (((SecuenciaClip *) clips->pdata[0])->offset, ==, 0);
    g_assert_false (((SecuenciaClip *) clips->pdata[0])->muted);
    g_ptr_array_unref (clips);
  }
  secuencia_window_import_files (f->window, &wav_file, 1);
  g_assert_nonnull (strstr (secuencia_window_get_last_message (f->window), "read-only"));
  g_assert_false (secuencia_window_is_busy (f->window));
  secuencia_window_import_script (f->window, script_file);
  g_assert_nonnull (strstr (secuencia_window_get_last_message (f->window), "read-only"));
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES);

  /* The tags are shown, not editable. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    GtkWidget *preferences = secuencia_preferences_window_new (GTK_WINDOW (f->window), settings, project);
    GtkWidget *title;

    /* presented: a libadwaita 1.5+ dialog builds its content only then */
#if ADW_CHECK_VERSION (1, 5, 0)
    adw_dialog_present (ADW_DIALOG (preferences), GTK_WIDGET (f->window));
#else
    gtk_window_present (GTK_WINDOW (preferences));
#endif
    secuencia_test_spin (100);
    title = secuencia_test_find_widget (GTK_WIDGET (gtk_widget_get_root (preferences)), ADW_TYPE_ENTRY_ROW,
                                        has_text, (gpointer) "Archived Title");
    g_assert_nonnull (title);
    g_assert_false (gtk_widget_get_sensitive (title));
#if ADW_CHECK_VERSION (1, 5, 0)
    adw_dialog_force_close (ADW_DIALOG (preferences));
#else
    gtk_window_destroy (GTK_WINDOW (preferences));
#endif
    secuencia_test_flush_events ();
  }

  /* Export works, and writes nothing into the project. */
  secuencia_window_set_export_destination_override (f->window, out_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  secuencia_test_wait_until (secuencia_test_flag_is_set, &f->finished);
  if (!f->success)
    g_error ("export failed: %s", secuencia_window_get_last_message (f->window));
  check_export (out);
  g_assert_nonnull (secuencia_window_get_result_row (f->window));
  {
    g_autofree char *listing = secuencia_test_readonly_list (f->dir);

    /* Beside the export: nothing but what was there (no temp file). */
    g_assert_cmpstr (listing, ==, "Archive.m4a\ndropped.fountain\ndropped.wav\nshelf");
  }

  /* Playing works. */
  check_playing (f);

  /* Nothing changed beside the project, nor in it. */
  secuencia_test_flush_events ();
  after = secuencia_test_readonly_list (f->shelf);
  hash_after = secuencia_test_readonly_hash (f->project_path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (hash_after, ==, hash);

  /* Save a Copy… (the banner's button): the copy opens for editing. */
  secuencia_window_set_export_destination_override (f->window, copy_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-as", NULL));
  g_assert_cmpstr (secuencia_project_get_path (secuencia_window_get_project (f->window)), ==, copy);
  g_assert_false (secuencia_project_is_read_only (secuencia_window_get_project (f->window)));
  g_assert_null (banner_text (f));
  check_actions (f, FALSE);
  g_assert_true (secuencia_timeline_view_get_editable (view));
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES);

  g_free (after);
  after = secuencia_test_readonly_list (f->shelf);
  g_assert_cmpstr (after, ==, before);
}

static gboolean
has_four_lines (gpointer data)
{
  return secuencia_window_get_n_elements (((Fixture *) data)->window) == N_LINES + 1;
}

/* Someone who can write the file changes it while it is open read-only
 * here (a line added with the CLI through the writable path): the window
 * shows the change, still read-only. */
static void
test_outside_change (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *view = g_build_filename (f->dir, "view", NULL);
  g_autofree char *seen = g_build_filename (view, "Archive.secuencia", NULL);
  g_autofree char *wav = g_build_filename (f->dir, "more.wav", NULL);
  g_autofree char *reason = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  if (f->read_only)
    {
      /* this test writes the shelf: only the view is read-only */
      secuencia_test_readonly_undo (f->shelf);
      f->read_only = FALSE;
    }
  if (!secuencia_test_readonly_view (f->shelf, view, &reason))
    {
      g_test_skip (reason);
      return;
    }
  g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, 880, 0.3, 0.3, &error));
  f->window = g_object_ref (secuencia_window_new (NULL));
  g_assert_true (secuencia_window_open_project (f->window, seen, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (secuencia_project_is_read_only (secuencia_window_get_project (f->window)));
  g_assert_true (secuencia_project_is_immutable (secuencia_window_get_project (f->window)));
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES);

  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "add", f->project_path, wav,
                                           "--character", "CAL", "--text", "Added outside", NULL), ==, 0);
  secuencia_test_wait_until (has_four_lines, f);
  g_assert_true (secuencia_project_is_read_only (secuencia_window_get_project (f->window)));
  g_assert_nonnull (banner_text (f));
  g_assert_cmpuint (secuencia_window_get_n_clips (f->window), ==, N_LINES + 1);

  secuencia_test_close_window (g_steal_pointer (&f->window));
  secuencia_test_readonly_undo (view);
}

int
main (int   argc,
      char *argv[])
{
  /* Before any thread exists (secuencia-test-readonly.h). */
  secuencia_test_readonly_init ();
  /* Row buttons are found by their accessible names, which the suite's
   * GTK_A11Y=none does not keep; the test backend keeps them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  gst_init (NULL, NULL);

  g_test_add ("/window-readonly/laid-out", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add ("/window-readonly/stored-timeline", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add ("/window-readonly/outside-change", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_outside_change, fixture_tear_down);
  return g_test_run ();
}
