/* test-window-import.c: adding many audio files through the real window
 * (under a display): the progress card shows how far it is with Cancel;
 * each file is added whole or not at all (its asset and its line in one
 * transaction: never an asset without its line); files that fail do not
 * stop the others; at the end the window says what was added and what was
 * not, and why. */

#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>
#include <glib/gstdio.h>

#include "secuencia-export-panel.h"
#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"
#include "secuencia-window.h"

typedef struct
{
  char            *dir;
  char            *project_path;
  SecuenciaWindow *window;
  GPtrArray       *files;
  guint            done;            /* import-finished count + 1 */
} Fixture;

static void
on_import_finished (SecuenciaWindow *window,
                    guint            n,
                    Fixture         *f)
{
  f->done = n + 1;
}

static gboolean
import_done (gpointer data)
{
  return ((Fixture *) data)->done > 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_files = GPOINTER_TO_UINT (data);

  f->dir = secuencia_test_make_project_dir ("secuencia-import-XXXXXX", 1, 0.2, &f->project_path);

  f->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("take-%03u.wav", i);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      /* Different tones: different content, so each is its own asset. */
      g_assert_true (secuencia_test_audio_write_tone (path, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                      200.0 + 7.0 * i, 0.25, 0.3, &error));
      g_assert_no_error (error);
      g_ptr_array_add (f->files, g_file_new_for_path (path));
    }

  f->window = secuencia_test_open_window (NULL, f->project_path);
  g_signal_connect (f->window, "import-finished", G_CALLBACK (on_import_finished), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  secuencia_test_close_window (f->window);
  g_ptr_array_unref (f->files);
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project_path);
}

/* Lines and assets in the file: every asset has its line. */
static void
count_project (Fixture *f,
               guint   *out_lines,
               guint   *out_assets)
{
  g_autoptr(SecuenciaProject) reader = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;

  reader = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  elements = secuencia_project_list_elements (reader, &error);
  g_assert_no_error (error);
  assets = secuencia_project_list_assets (reader, &error);
  g_assert_no_error (error);
  *out_lines = elements->len;
  *out_assets = assets->len;
}

static void
add_bad_file (Fixture    *f,
              guint       position,
              const char *name,
              const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_ptr_array_insert (f->files, position, g_file_new_for_path (path));
}

static GtkWidget *
progress_card (Fixture *f)
{
  return gtk_widget_get_ancestor (GTK_WIDGET (secuencia_window_get_export_panel (f->window)),
                                  GTK_TYPE_REVEALER);
}

static gboolean
is_cancel (GtkWidget *widget,
           gpointer   data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.cancel-export") == 0;
}

/* While the files are added, the progress card is shown with its progress
 * object and an enabled Cancel, titled with the number of files. (Checked
 * right after the import starts, without running the main loop, so the
 * import cannot have finished meanwhile.) */
static void
assert_card_shown (Fixture *f)
{
  SecuenciaExportPanel *panel = secuencia_window_get_export_panel (f->window);
  GtkWidget *cancel = secuencia_test_find_widget (GTK_WIDGET (panel), GTK_TYPE_BUTTON, is_cancel, NULL);
  GtkWidget *title = secuencia_test_find_widget (GTK_WIDGET (panel), GTK_TYPE_LABEL, NULL, NULL);
  g_autofree char *expected = g_strdup_printf ("Adding %u Audio Files", f->files->len);

  g_assert_true (gtk_widget_get_visible (progress_card (f)));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (progress_card (f))));
  g_assert_nonnull (secuencia_export_panel_get_progress (panel));
  g_assert_nonnull (cancel);
  g_assert_true (gtk_widget_is_sensitive (cancel));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, expected);
}

static void
test_many_with_failures (Fixture       *f,
                         gconstpointer  data)
{
  const char *message;
  guint lines, assets;
  guint n_good = f->files->len;

  add_bad_file (f, 3, "notes.wav", "this is not a RIFF file at all");
  add_bad_file (f, 10, "empty.ogg", "");
  add_bad_file (f, f->files->len, "last.mp3", "ID3 but nothing else");

  {
    gint64 start = g_get_monotonic_time ();

    secuencia_window_import_files (f->window, (GFile **) f->files->pdata, f->files->len);
    g_assert_true (secuencia_window_is_busy (f->window));
    assert_card_shown (f);
    secuencia_test_wait_until (import_done, f);
    g_test_message ("imported %u files in %.2f s", f->files->len,
                    (g_get_monotonic_time () - start) / 1e6);
  }

  /* The card goes away again. */
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (progress_card (f))));

  /* The good files were all added, the bad ones did not stop them. */
  g_assert_cmpuint (f->done - 1, ==, n_good);
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 1 + n_good);
  count_project (f, &lines, &assets);
  g_assert_cmpuint (lines, ==, 1 + n_good);
  g_assert_cmpuint (assets, ==, 1 + n_good);

  /* What was added, and each file that was not, with its reason. */
  message = secuencia_window_get_last_message (f->window);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "notes.wav"));
  g_assert_nonnull (strstr (message, "empty.ogg"));
  g_assert_nonnull (strstr (message, "last.mp3"));
  g_assert_false (secuencia_window_is_busy (f->window));
}

static gboolean
some_lines_added (gpointer data)
{
  Fixture *f = data;
  guint lines, assets;

  if (f->done > 0)
    return TRUE;
  count_project (f, &lines, &assets);
  return lines >= 1 + 5;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  guint lines, assets;
  guint n = f->files->len;
  const char *message;

  secuencia_window_import_files (f->window, (GFile **) f->files->pdata, n);
  assert_card_shown (f);
  /* Cancel once a few files are in (as another connection sees them). */
  secuencia_test_wait_until (some_lines_added, f);
  /* Escape, or the card's Cancel button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel-export", NULL));
  secuencia_test_wait_until (import_done, f);
  g_assert_cmpuint (f->done - 1, >=, 5);

  /* Stopped early; what was added is whole: as many assets as lines. */
  g_test_message ("added %u of %u before the cancel took effect", f->done - 1, n);
  g_assert_cmpuint (f->done - 1, <, n);
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 1 + f->done - 1);
  count_project (f, &lines, &assets);
  g_assert_cmpuint (lines, ==, 1 + f->done - 1);
  g_assert_cmpuint (assets, ==, lines);

  message = secuencia_window_get_last_message (f->window);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "Cancelled"));
  g_assert_false (secuencia_window_is_busy (f->window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  gst_init (NULL, NULL);

  g_test_add ("/window-import/many-with-failures", Fixture, GUINT_TO_POINTER (40),
              fixture_set_up, test_many_with_failures, fixture_tear_down);
  g_test_add ("/window-import/cancel", Fixture, GUINT_TO_POINTER (150),
              fixture_set_up, test_cancel, fixture_tear_down);

  return g_test_run ();
}
