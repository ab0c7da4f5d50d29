/* test-window-split.c: the window's export as several files (Preferences ›
 * Export › Split): one file per scene, one stem per lane, named as the
 * CLI names them, each listed in its own result row, with the placement
 * of every line checked in the decoded files. */

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <gst/gst.h>
#include <glib/gstdio.h>

#include "secuencia-project.h"
#include "secuencia-result-row.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"
#include "secuencia-window.h"

/* Two scenes; in the second, STEEL speaks at the same time as BRICK. */
static const char script_text[] =
  "INT. KITCHEN - NIGHT\n\n"
  "ANA\nFirst.\n\n"
  "EXT. GARDEN - DAY\n\n"
  "BRICK\nSecond.\n\n"
  "STEEL ^\nAt once.\n";

/* per spoken line: its tone and length */
static const struct { double frequency, seconds; } tones[] = {
  { 440, 0.6 }, { 660, 0.5 }, { 990, 0.4 },
};

typedef struct
{
  char            *dir;
  char            *project_path;
  SecuenciaWindow *window;
  GSettings       *settings;
  gboolean         finished;
  gboolean         success;
  guint            n_dialog_requests;
} Fixture;

static void
on_dialog_requested (SecuenciaWindow *window,
                     Fixture         *f)
{
  f->n_dialog_requests++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(SecuenciaFountainScript) script = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autofree char *script_path = NULL;
  g_autoptr(GFile) script_file = NULL;
  guint spoken = 0;

  f->dir = g_dir_make_tmp ("secuencia-window-split-XXXXXX", &error);
  g_assert_no_error (error);
  f->project_path = g_build_filename (f->dir, "play.secuencia", NULL);
  script_path = g_build_filename (f->dir, "play.fountain", NULL);
  g_file_set_contents (script_path, script_text, -1, &error);
  g_assert_no_error (error);
  script_file = g_file_new_for_path (script_path);

  project = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  script = secuencia_project_import_script (project, script_file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  elements = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < elements->len; i++)
    {
      const SecuenciaElementInfo *line = elements->pdata[i];
      g_autofree char *wav = NULL;
      g_autoptr(GFile) file = NULL;
      gint64 asset;

      if (line->kind != SECUENCIA_ELEMENT_DIALOGUE)
        continue;
      wav = g_strdup_printf ("%s/tone%u.wav", f->dir, spoken);
      file = g_file_new_for_path (wav);
      g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                      tones[spoken].frequency, tones[spoken].seconds,
                                                      0.25, &error));
      g_assert_no_error (error);
      asset = secuencia_project_import_audio (project, file, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (secuencia_project_set_element_audio (project, line->id, asset, FALSE, &error));
      g_unlink (wav);
      spoken++;
    }
  g_assert_cmpuint (spoken, ==, G_N_ELEMENTS (tones));
  g_clear_object (&project);

  f->settings = g_settings_new ("io.github.secuencia.Secuencia");
  g_settings_set_uint (f->settings, "clip-gap-ms", 250);
  g_settings_set_string (f->settings, "export-loudness", "off");
  g_settings_set_boolean (f->settings, "export-limiter", FALSE);
  f->window = secuencia_test_open_window (NULL, f->project_path);
  secuencia_test_watch_export (f->window, &f->finished, &f->success);
  g_signal_connect (f->window, "export-dialog-requested", G_CALLBACK (on_dialog_requested), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  secuencia_test_close_window (f->window);
  g_settings_reset (f->settings, "export-split");
  g_settings_reset (f->settings, "clip-gap-ms");
  g_settings_reset (f->settings, "export-loudness");
  g_settings_reset (f->settings, "export-limiter");
  g_clear_object (&f->settings);
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project_path);
}

static guint
count_result_rows (SecuenciaWindow *window)
{
  GtkWidget *row = secuencia_window_get_result_row (window);
  GtkWidget *list = row != NULL ? gtk_widget_get_parent (row) : NULL;
  guint n = 0;

  for (GtkWidget *child = list != NULL ? gtk_widget_get_first_child (list) : NULL; child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SECUENCIA_IS_RESULT_ROW (child))
      n++;
  return n;
}

static void
export_split (Fixture    *f,
              const char *how)
{
  g_autofree char *out = g_build_filename (f->dir, "out.wav", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (out);

  g_settings_set_string (f->settings, "export-split", how);
  secuencia_window_set_export_destination_override (f->window, destination);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  g_assert_cmpuint (f->n_dialog_requests, ==, 1);
  g_assert_true (secuencia_window_is_exporting (f->window));
  secuencia_test_wait_until (secuencia_test_flag_is_set, &f->finished);
  g_assert_true (f->success);
  /* one file per part, not the whole */
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static SecuenciaTestPcm *
decode (Fixture    *f,
        const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SecuenciaTestPcm *pcm;

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  pcm = secuencia_test_audio_decode_gst (path, &error);
  g_assert_no_error (error);
  return pcm;
}

/* The first frame where @frequency is heard (10 ms steps), in seconds. */
static double
tone_onset (const SecuenciaTestPcm *pcm,
            double                  frequency)
{
  for (double t = 0; t < (double) pcm->n_frames / pcm->rate; t += 0.01)
    if (secuencia_test_pcm_tone_at (pcm, frequency, t, 0.02) > 0.1)
      return t;
  return -1;
}

/* One file per scene: each holds its scene's lines from its start, the
 * dual dialogue of the second at once. */
static void
test_scenes (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SecuenciaTestPcm) kitchen = NULL;
  g_autoptr(SecuenciaTestPcm) garden = NULL;
  const char *message;

  export_split (f, "scenes");
  kitchen = decode (f, "out-01-INT. KITCHEN - NIGHT.wav");
  garden = decode (f, "out-02-EXT. GARDEN - DAY.wav");

  /* the kitchen: ANA only, from 0, 0.6 s long */
  g_assert_cmpfloat (fabs (tone_onset (kitchen, 440)), <, 0.015);
  g_assert_cmpfloat (fabs ((double) kitchen->n_frames / kitchen->rate - 0.6), <, 0.01);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (kitchen, 660, 0.1, 0.3), <, 0.01);
  /* the garden: BRICK and STEEL together from its start */
  g_assert_cmpfloat (fabs (tone_onset (garden, 660)), <, 0.015);
  g_assert_cmpfloat (fabs (tone_onset (garden, 990)), <, 0.015);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (garden, 660, 0.1, 0.2), >, 0.1);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (garden, 990, 0.1, 0.2), >, 0.1);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (garden, 440, 0.0, 0.4), <, 0.01);

  /* a row per file, a toast naming them */
  g_assert_cmpuint (count_result_rows (f->window), ==, 2);
  message = secuencia_window_get_last_message (f->window);
  g_assert_nonnull (strstr (message, "Exported 2 files"));
  g_assert_nonnull (strstr (message, "out-01-INT. KITCHEN - NIGHT.wav"));
  g_assert_nonnull (strstr (message, "out-02-EXT. GARDEN - DAY.wav"));
}

/* One stem per lane, each as long as the timeline: lane 0 has ANA and
 * BRICK where the mix has them; lane 1 STEEL, at BRICK's offset. */
static void
test_lanes (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SecuenciaTestPcm) lane0 = NULL;
  g_autoptr(SecuenciaTestPcm) lane1 = NULL;
  /* ANA 0–0.6, gap 0.25, BRICK 0.85–1.35 with STEEL 0.85–1.25 */
  const double brick = 0.85;

  export_split (f, "lanes");
  lane0 = decode (f, "out-lane0.wav");
  lane1 = decode (f, "out-lane1.wav");
  g_assert_cmpuint (lane0->n_frames, ==, lane1->n_frames);
  g_assert_cmpfloat (fabs ((double) lane0->n_frames / lane0->rate - (brick + 0.5)), <, 0.01);

  g_assert_cmpfloat (fabs (tone_onset (lane0, 440)), <, 0.015);
  g_assert_cmpfloat (fabs (tone_onset (lane0, 660) - brick), <, 0.015);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (lane0, 990, 0.0, 1.3), <, 0.01);
  g_assert_cmpfloat (fabs (tone_onset (lane1, 990) - brick), <, 0.015);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (lane1, 440, 0.0, 0.6), <, 0.01);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (lane1, 660, brick, 0.4), <, 0.01);
  g_assert_cmpuint (count_result_rows (f->window), ==, 2);
  g_assert_nonnull (strstr (secuencia_window_get_last_message (f->window), "out-lane1.wav"));
}

/* "Lay Out Again from the Screenplay" keeps dual dialogue where the
 * converter put it (lane 1, with the other speaker): nothing to move. */
static void
test_relayout_keeps_dual (Fixture       *f,
                          gconstpointer  data)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.relayout", NULL));
  secuencia_test_flush_events ();
  g_assert_cmpstr (secuencia_window_get_last_message (f->window), ==,
                   "The timeline already follows the screenplay");
  test_lanes (f, data);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  gst_init (NULL, NULL);

  g_test_add ("/window-split/scenes", Fixture, NULL, fixture_set_up, test_scenes, fixture_tear_down);
  g_test_add ("/window-split/lanes", Fixture, NULL, fixture_set_up, test_lanes, fixture_tear_down);
  g_test_add ("/window-split/relayout-keeps-dual", Fixture, NULL, fixture_set_up, test_relayout_keeps_dual,
              fixture_tear_down);
  return g_test_run ();
}
