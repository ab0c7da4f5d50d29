/* test-window-watch.c: changes made to the open project by others, through
 * the real window under a display: a line added with the real CLI appears
 * without any edit in the window; when the file is deleted the window says
 * so, refuses edits that would be lost and saves the still-open project as
 * a new file; when it is replaced, edits are refused (nothing is mixed into
 * the new file, no "corruption") and the new file can be opened; while it
 * exports, the CLI never takes the export's own copy of the timeline for
 * the project's timeline. */

#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <json-glib/json-glib.h>
#include <string.h>

#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-cli.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"
#include "secuencia-window.h"

#define N_LINES 3

typedef struct
{
  char            *dir;
  char            *project_path;
  SecuenciaWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = secuencia_test_make_project_dir ("secuencia-watch-XXXXXX", N_LINES, 0.2, &f->project_path);
  f->window = secuencia_test_open_window (NULL, f->project_path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  secuencia_test_close_window (f->window);
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project_path);
}

static guint
count_lines (const char *path)
{
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GError) error = NULL;

  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  elements = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  return elements->len;
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static gint64
first_line_id (Fixture *f)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GError) error = NULL;

  elements = secuencia_project_list_elements (secuencia_window_get_project (f->window), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (elements->len, >, 0);
  return ((SecuenciaElementInfo *) elements->pdata[0])->id;
}

typedef struct
{
  Fixture *f;
  guint    n;
} WaitLines;

static gboolean
window_has_lines (gpointer data)
{
  WaitLines *w = data;

  return secuencia_window_get_n_elements (w->f->window) == w->n;
}

static gboolean
window_has_clips (gpointer data)
{
  WaitLines *w = data;

  return secuencia_window_get_n_clips (w->f->window) == w->n;
}

static gboolean
newest_asset_has_waveform (gpointer data)
{
  Fixture *f = data;
  SecuenciaProject *project = secuencia_window_get_project (f->window);
  g_autoptr(GPtrArray) assets = secuencia_project_list_assets (project, NULL);
  SecuenciaAssetInfo *newest;

  g_assert_nonnull (assets);
  newest = g_ptr_array_index (assets, assets->len - 1);
  return secuencia_peaks_loader_lookup (secuencia_window_get_peaks_loader (f->window), newest->id) != NULL;
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
alert_gone (gpointer window)
{
  return secuencia_test_find_alert (window) == NULL;
}

static gboolean
window_hidden (gpointer window)
{
  return !gtk_widget_get_visible (window);
}

static void
run_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SECUENCIA_CLI"));
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("cli: %s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
}

/* A line added by another process appears with no edit in the window. */
static void
test_outside_add (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *wav = g_build_filename (f->dir, "outside.wav", NULL);
  g_autoptr(GError) error = NULL;
  WaitLines wait = { f, N_LINES + 1 };
  SecuenciaTimelineView *view = secuencia_window_get_timeline_view (f->window);
  SecuenciaTimeline *timeline;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  const SecuenciaClip *added;
  SecuenciaTime end;

  g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                  440.0, 0.3, 0.3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES);
  /* Opening laid the screenplay out on a timeline. */
  g_assert_cmpuint (secuencia_window_get_n_clips (f->window), ==, N_LINES);
  end = secuencia_timeline_get_lane_end (secuencia_timeline_view_get_timeline (view), 0);

  run_cli ((const char * const[]) { "add", f->project_path, wav, "--character", "Outsider", NULL });
  secuencia_test_wait_until (window_has_lines, &wait);
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES + 1);
  /* One story: its clip comes with it, after the last one, the gap
   * setting (0.25 s) apart, in the timeline the window shows. */
  secuencia_test_wait_until (window_has_clips, &wait);
  timeline = secuencia_timeline_view_get_timeline (view);
  clips = secuencia_timeline_get_clips (timeline);
  added = g_ptr_array_index (clips, clips->len - 1);
  g_assert_cmpint (added->offset, ==, end + 250 * SECUENCIA_TIME_MSECOND);
  g_assert_cmpint (added->lane, ==, 0);
  elements = secuencia_project_list_elements (secuencia_window_get_project (f->window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (added->element_id, ==, ((SecuenciaElementInfo *) elements->pdata[N_LINES])->id);
  /* Its waveform comes too (stored by the CLI, read by the window). */
  secuencia_test_wait_until (newest_asset_has_waveform, f);

  /* And a line removed outside goes away again. */
  {
    g_autoptr(SecuenciaProject) other = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_true (secuencia_project_remove_element (other, first_line_id (f), &error));
    g_assert_no_error (error);
  }
  wait.n = N_LINES;
  secuencia_test_wait_until (window_has_lines, &wait);
  assert_integrity (f->project_path);
}

/* Deleted: the window says so, keeps the work, refuses edits that would be
 * lost, and Save As… writes what is open to a new file it then edits. */
static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (f->dir, "rescued.secuencia", NULL);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy);
  gpointer wait[2] = { f, "deleted" };

  /* An edit made before, which only the open connection still has after
   * the file goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.move-down", "x", first_line_id (f)));

  g_assert_cmpint (g_unlink (f->project_path), ==, 0);
  secuencia_test_wait_until (message_contains, wait);
  g_test_message ("%s", secuencia_window_get_last_message (f->window));
  g_assert_nonnull (strstr (secuencia_window_get_last_message (f->window), "project.secuencia"));

  /* Edits are refused (the actions are off), not silently lost. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-element", "x", first_line_id (f));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.move-up", "x", (gint64) -1);
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES);
  g_assert_nonnull (strstr (secuencia_window_get_last_message (f->window), "deleted"));

  /* Closing the window now asks first (the work would be lost). */
  gtk_window_close (GTK_WINDOW (f->window));
  secuencia_test_flush_events ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_nonnull (strstr (secuencia_window_get_last_message (f->window), "is lost"));
  {
    GtkWidget *alert = secuencia_test_find_alert (GTK_WINDOW (f->window));

    g_assert_nonnull (alert);
    g_assert_cmpstr (secuencia_test_alert_heading (alert), ==, "Save the Project Before Closing?");
    g_assert_cmpstr (secuencia_test_alert_body (alert), ==,
                     secuencia_window_get_last_message (f->window));
    secuencia_test_alert_click (alert, "_Cancel");
    secuencia_test_wait_until (alert_gone, f->window);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  }

  /* Save As… (the destination comes from the test seam in place of the
   * dialog). */
  secuencia_window_set_export_destination_override (f->window, copy_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-as", NULL));
  secuencia_window_set_export_destination_override (f->window, NULL);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  assert_integrity (copy);
  g_assert_cmpuint (count_lines (copy), ==, N_LINES);
  {
    g_autoptr(SecuenciaProject) reader = secuencia_project_open (copy, SECUENCIA_PROJECT_OPEN_READ_ONLY, NULL);
    g_autoptr(GPtrArray) elements = secuencia_project_list_elements (reader, NULL);
    /* The moved line kept its place: the edit made before is in the copy. */
    g_assert_cmpstr (((SecuenciaElementInfo *) elements->pdata[0])->text, ==, "Line number 1");
  }

  /* The window now edits the copy. */
  g_assert_cmpstr (secuencia_project_get_path (secuencia_window_get_project (f->window)), ==, copy);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-element", "x", first_line_id (f)));
  g_assert_cmpuint (count_lines (copy), ==, N_LINES - 1);
  /* No temporary file is left beside it. */
  {
    g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_test_message ("left in the folder: %s", name);
        g_assert_null (strstr (name, ".part"));
        /* Nor the deleted project's write-ahead log, which a new file of
         * that name would take for its own. */
        g_assert_false (g_str_has_prefix (name, "project.secuencia"));
      }
  }
}

/* Replaced: the new file is intact for every reader although the window
 * had edited the old one; an edit right after (before any event arrives)
 * is refused; "Open the New File" shows it. */
static void
test_replaced (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *other_dir = g_build_filename (f->dir, "other", NULL);
  g_autofree char *other = g_build_filename (other_dir, "new.secuencia", NULL);
  const char *message;

  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  /* Edits in the window first. Their pages went through the window's
   * write-ahead log, which stays at the path when the file is replaced:
   * it must hold nothing the new file's readers would take for theirs. */
  for (int k = 0; k < 5; k++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.move-down", "x", first_line_id (f)));
  secuencia_test_spin (300);
  secuencia_test_make_project (other_dir, other, 1, 0.2);
  g_assert_cmpint (g_rename (other, f->project_path), ==, 0);

  /* No main loop iteration in between: the check before the edit sees it. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-element", "x", first_line_id (f));
  message = secuencia_window_get_last_message (f->window);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "replaced"));
  g_assert_null (strstr (message, "corrupt"));
  g_assert_null (strstr (message, "malformed"));
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES);
  assert_integrity (f->project_path);
  g_assert_cmpuint (count_lines (f->project_path), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reopen", NULL));
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 1);
  /* Edits work again, on the new file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-element", "x", first_line_id (f)));
  g_assert_cmpuint (count_lines (f->project_path), ==, 0);
  assert_integrity (f->project_path);
}

/* The file is gone: closing asks, and “Close Without Saving” closes the
 * window without writing anything. */
static void
test_close_without_saving (Fixture       *f,
                           gconstpointer  data)
{
  gpointer wait[2] = { f, "deleted" };
  GtkWidget *alert;

  g_assert_cmpint (g_unlink (f->project_path), ==, 0);
  secuencia_test_wait_until (message_contains, wait);
  gtk_window_close (GTK_WINDOW (f->window));
  secuencia_test_flush_events ();
  alert = secuencia_test_find_alert (GTK_WINDOW (f->window));
  g_assert_nonnull (alert);
  g_assert_cmpstr (secuencia_test_alert_heading (alert), ==, "Save the Project Before Closing?");
  secuencia_test_alert_click (alert, "_Close Without Saving");
  secuencia_test_wait_until (window_hidden, f->window);
  g_assert_false (g_file_test (f->project_path, G_FILE_TEST_EXISTS));
}

static gboolean
window_not_exporting (gpointer window)
{
  return !secuencia_window_is_exporting (window);
}

/* While the window exports, the project holds the export's own copy of
 * the timeline (deleted when the export ends). The CLI run meanwhile
 * (the main loop waits for it, so the copy is there throughout) must
 * take the timeline the window shows: `add` appends its clip there (not
 * to the copy, where it would be lost), `info --json` does not list the
 * copy, `export` does not export it. */
static void
test_outside_add_during_export (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *wav = g_build_filename (f->dir, "outside.wav", NULL);
  g_autofree char *out = g_build_filename (f->dir, "window.m4a", NULL);
  g_autofree char *cli_out = g_build_filename (f->dir, "cli.wav", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SecuenciaProject) reader = NULL;
  g_autoptr(GPtrArray) timelines = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autofree char *json = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  JsonArray *listed;
  WaitLines wait = { f, N_LINES + 1 };
  gint64 shown;

  g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                  440.0, 0.3, 0.3, &error));
  g_assert_no_error (error);
  shown = secuencia_timeline_get_id (secuencia_timeline_view_get_timeline (secuencia_window_get_timeline_view (f->window)));
  g_assert_cmpint (shown, >, 0);

  secuencia_window_set_export_destination_override (f->window, destination);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  g_assert_true (secuencia_window_is_exporting (f->window));
  g_assert_cmpint (secuencia_window_get_export_timeline_id (f->window), !=, shown);

  g_assert_cmpint (secuencia_test_run_cli (NULL, &json, NULL, "info", f->project_path, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  listed = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "timelines");
  g_assert_cmpuint (json_array_get_length (listed), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (listed, 0), "id"), ==, shown);

  g_assert_cmpint (secuencia_test_run_cli (NULL, NULL, &err, "export", f->project_path, "-o", cli_out, NULL), ==, 0);
  expected = g_strdup_printf ("Exporting timeline %" G_GINT64_FORMAT " ", shown);
  g_assert_nonnull (strstr (err, expected));

  g_assert_cmpint (secuencia_test_run_cli (NULL, NULL, NULL, "add", f->project_path, wav,
                                           "--character", "Outsider", NULL), ==, 0);

  secuencia_test_wait_until (window_not_exporting, f->window);
  secuencia_test_wait_until (window_has_lines, &wait);
  secuencia_test_wait_until (window_has_clips, &wait);
  g_assert_cmpint (secuencia_timeline_get_id (secuencia_timeline_view_get_timeline (secuencia_window_get_timeline_view (f->window))),
                   ==, shown);

  /* In the file: one timeline, the one shown, with the added line's clip. */
  reader = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  timelines = secuencia_project_list_timelines (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timelines->len, ==, 1);
  g_assert_cmpint (((SecuenciaTimelineInfo *) timelines->pdata[0])->id, ==, shown);
  clips = secuencia_project_list_clips (reader, shown, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clips->len, ==, N_LINES + 1);
  elements = secuencia_project_list_elements (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((SecuenciaClip *) clips->pdata[N_LINES])->element_id, ==,
                   ((SecuenciaElementInfo *) elements->pdata[N_LINES])->id);
  assert_integrity (f->project_path);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  gst_init (NULL, NULL);

  g_test_add ("/window-watch/outside-add", Fixture, NULL, fixture_set_up, test_outside_add, fixture_tear_down);
  g_test_add ("/window-watch/outside-add-during-export", Fixture, NULL, fixture_set_up,
              test_outside_add_during_export, fixture_tear_down);
  g_test_add ("/window-watch/deleted", Fixture, NULL, fixture_set_up, test_deleted, fixture_tear_down);
  g_test_add ("/window-watch/replaced", Fixture, NULL, fixture_set_up, test_replaced, fixture_tear_down);
  g_test_add ("/window-watch/close-without-saving", Fixture, NULL, fixture_set_up,
              test_close_without_saving, fixture_tear_down);

  return g_test_run ();
}
