/* test-window-launch.c: Show in Files and Open on a system with no file
 * manager and no app for the file's type (the test's isolated XDG folders
 * list no applications; the session bus, if any, has no FileManager1),
 * through the real window: the window says so plainly, naming the file,
 * never with GLib's raw message, and copies the path on request. */

#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>
#include <glib/gstdio.h>

#include "secuencia-project.h"
#include "secuencia-result-row.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"
#include "secuencia-window.h"

typedef struct
{
  char            *dir;
  char            *project_path;
  SecuenciaWindow *window;
  gboolean         finished;
  gboolean         success;
  char            *clipboard;
  gboolean         clipboard_read;
} Fixture;

static gboolean
have_aac_encoder (void)
{
  g_autoptr(GstElementFactory) a = gst_element_factory_find ("avenc_aac");
  g_autoptr(GstElementFactory) b = gst_element_factory_find ("voaacenc");
  g_autoptr(GstElementFactory) c = gst_element_factory_find ("fdkaacenc");

  return a != NULL || b != NULL || c != NULL;
}

static gboolean
message_contains (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  const char *needle = ((gpointer *) data)[1];
  const char *message = secuencia_window_get_last_message (f->window);

  return message != NULL && strstr (message, needle) != NULL;
}

static gboolean
clipboard_read (gpointer data)
{
  return ((Fixture *) data)->clipboard_read;
}

static void
on_text (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  f->clipboard = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  f->clipboard_read = TRUE;
}

static gboolean
is_show_button (GtkWidget *widget,
                gpointer   data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Show in Files") == 0;
}

static void
assert_plain (const char *message)
{
  g_test_message ("message: %s", message);
  g_assert_null (strstr (message, "inode/directory"));
  g_assert_null (strstr (message, "content type"));
  g_assert_nonnull (strstr (message, "out.m4a"));
}

static void
test_no_file_manager (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GFile) destination = NULL;
  gpointer wait[2] = { f, "No file manager" };
  GtkWidget *button;

  if (!have_aac_encoder ())
    {
      g_test_skip ("no AAC encoder");
      return;
    }

  f->dir = secuencia_test_make_project_dir ("secuencia-launch-XXXXXX", 2, 0.2, &f->project_path);
  out = g_build_filename (f->dir, "out.m4a", NULL);
  destination = g_file_new_for_path (out);

  f->window = secuencia_test_open_window (NULL, f->project_path);
  secuencia_test_watch_export (f->window, &f->finished, &f->success);

  secuencia_window_set_export_destination_override (f->window, destination);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  secuencia_test_wait_until (secuencia_test_flag_is_set, &f->finished);
  g_assert_true (f->success);
  g_test_message ("exported");

  /* Show in Files (Ctrl+Alt+F, and the toast's button): no file manager. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-result", NULL));
  secuencia_test_wait_until (message_contains, wait);
  assert_plain (secuencia_window_get_last_message (f->window));

  /* The result row's folder button says the same. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-path", "s", "/x"));
  g_assert_false (message_contains (wait));
  button = secuencia_test_find_widget (secuencia_window_get_result_row (f->window), GTK_TYPE_BUTTON,
                                       is_show_button, NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate (button));
  secuencia_test_wait_until (message_contains, wait);
  assert_plain (secuencia_window_get_last_message (f->window));

  /* Opening the file: no app for M4A either. */
  wait[1] = "No app";
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-result", NULL));
  secuencia_test_wait_until (message_contains, wait);
  assert_plain (secuencia_window_get_last_message (f->window));

  /* Copy Path puts the full path on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-path", "s", out));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), NULL, on_text, f);
  secuencia_test_wait_until (clipboard_read, f);
  g_assert_cmpstr (f->clipboard, ==, out);

  secuencia_test_close_window (f->window);
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project_path);
  g_free (f->clipboard);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  gst_init (NULL, NULL);

  g_test_add_func ("/window-launch/no-file-manager", test_no_file_manager);

  return g_test_run ();
}
