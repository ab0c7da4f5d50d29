/* test-window.c: the project window driven through its actions, as a user
 * would, under a real display (xvfb-run): open a project, export with the
 * destination supplied through the test seam, watch progress, cancel, close
 * mid-export, errors, the real save dialog, and leaks. */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <gst/gst.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "secuencia-alert.h"
#include "secuencia-application.h"
#include "secuencia-export-panel.h"
#include "secuencia-project.h"
#include "secuencia-result-row.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"
#include "secuencia-window.h"

#define N_LINES 4
#define LINE_SECONDS 0.5

typedef struct
{
  char            *dir;
  char            *project_path;
  SecuenciaWindow *window;
  /* observations */
  GArray          *fractions;
  guint            n_dialog_requests;
  guint            timelines_at_request;
  gboolean         row_before_finish;
  gboolean         finished;
  gboolean         success;
  gboolean         cancel_on_progress;
  gboolean         close_on_progress;
} Fixture;

static gboolean
have_aac_encoder (void)
{
  g_autoptr(GstElementFactory) a = gst_element_factory_find ("avenc_aac");
  g_autoptr(GstElementFactory) b = gst_element_factory_find ("voaacenc");
  g_autoptr(GstElementFactory) c = gst_element_factory_find ("fdkaacenc");

  return a != NULL || b != NULL || c != NULL;
}

/* Timeline rows in the file, an export's own copy included. */
static guint
count_timelines (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM timelines", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Files in @dir other than the project itself (and its WAL/SHM). */
static guint
count_stray_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (g_str_has_prefix (name, "project.secuencia"))
        continue;
      g_test_message ("file in the export folder: %s", name);
      n++;
    }
  return n;
}

static void
wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;

  while (!*flag)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting");
    }
}

static void
on_dialog_requested (SecuenciaWindow *window,
                     Fixture         *f)
{
  f->n_dialog_requests++;
  /* At this moment nothing may have been built or read: no timeline row. */
  f->timelines_at_request = count_timelines (f->project_path);
  if (secuencia_window_get_result_row (window) != NULL)
    f->row_before_finish = TRUE;
}

static void
on_fraction (SecuenciaExportProgress *progress,
             GParamSpec              *pspec,
             Fixture                 *f)
{
  double fraction = secuencia_export_progress_get_fraction (progress);

  g_array_append_val (f->fractions, fraction);
  if (secuencia_window_get_result_row (f->window) != NULL)
    f->row_before_finish = TRUE;

  if (fraction > 0.0 && f->cancel_on_progress)
    {
      f->cancel_on_progress = FALSE;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel-export", NULL));
    }
  if (fraction > 0.0 && f->close_on_progress)
    {
      f->close_on_progress = FALSE;
      gtk_window_close (GTK_WINDOW (f->window));
    }
}

static void
on_panel_progress (SecuenciaExportPanel *panel,
                   GParamSpec           *pspec,
                   Fixture              *f)
{
  SecuenciaExportProgress *progress = secuencia_export_panel_get_progress (panel);

  if (progress != NULL)
    g_signal_connect (progress, "notify::fraction", G_CALLBACK (on_fraction), f);
}

static void
fixture_set_up_lines (Fixture *f,
                      guint    n_lines,
                      double   seconds)
{
  f->dir = secuencia_test_make_project_dir ("secuencia-window-XXXXXX", n_lines, seconds, &f->project_path);
  f->fractions = g_array_new (FALSE, FALSE, sizeof (double));

  f->window = secuencia_test_open_window (NULL, f->project_path);
  g_signal_connect (f->window, "export-dialog-requested", G_CALLBACK (on_dialog_requested), f);
  secuencia_test_watch_export (f->window, &f->finished, &f->success);
  g_signal_connect (secuencia_window_get_export_panel (f->window), "notify::progress",
                    G_CALLBACK (on_panel_progress), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fixture_set_up_lines (f, N_LINES, LINE_SECONDS);
}

static void
fixture_set_up_long (Fixture       *f,
                     gconstpointer  data)
{
  /* Long enough that the export is still running when we act on it. */
  fixture_set_up_lines (f, 12, 20.0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    secuencia_test_close_window (f->window);
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project_path);
  g_array_unref (f->fractions);
}

static void
assert_monotonic (GArray *fractions)
{
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));
  for (guint i = 0; i < fractions->len; i++)
    {
      g_assert_cmpfloat (g_array_index (fractions, double, i), >=, 0.0);
      g_assert_cmpfloat (g_array_index (fractions, double, i), <=, 1.0);
    }
}

/* ---- tests ---- */

static void
test_open_project (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_nonnull (secuencia_window_get_project (f->window));
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Window Test");
  g_assert_false (secuencia_window_is_exporting (f->window));
  /* A project without a timeline gets one laid out from its screenplay. */
  g_assert_cmpuint (secuencia_window_get_n_clips (f->window), ==, N_LINES);
  g_assert_cmpuint (count_timelines (f->project_path), ==, 1);
}

static gboolean
message_says_corrupt (gpointer data)
{
  const char *message = secuencia_window_get_last_message (data);

  return message != NULL && strstr (message, "corrupt") != NULL;
}

/* A project whose audio is damaged opens (its pages are checked while it
 * is shown), the window then says it is corrupt, naming it, and no edit
 * is written into it. */
static void
test_open_corrupt (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = secuencia_test_make_project_dir ("secuencia-window-XXXXXX", 3, 4.0, &path);
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  SecuenciaWindow *window;
  gsize length = 0;
  const gsize page = 4096;

  /* Laid out once, so that opening it again writes nothing. */
  window = secuencia_test_open_window (NULL, path);
  g_assert_cmpuint (secuencia_window_get_n_clips (window), ==, 3);
  secuencia_test_close_window (window);

  /* Zeros over pages of the audio, in the middle of the file. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100 * page);
  memset (contents + (length / 2 / page) * page, 0, 3 * page);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  window = g_object_ref_sink (secuencia_window_new (NULL));
  g_assert_true (secuencia_window_open_project (window, path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  secuencia_test_wait_until (message_says_corrupt, window);
  g_test_message ("%s", secuencia_window_get_last_message (window));
  g_assert_nonnull (strstr (secuencia_window_get_last_message (window), "project.secuencia"));

  /* An edit is refused. */
  {
    g_autoptr(GPtrArray) elements = secuencia_project_list_elements (secuencia_window_get_project (window), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (elements->len, ==, 3);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-element", "x",
                                ((SecuenciaElementInfo *) elements->pdata[0])->id);
  }
  secuencia_test_flush_events ();
  g_assert_cmpuint (secuencia_window_get_n_elements (window), ==, 3);
  secuencia_test_close_window (window);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_true (memcmp (after, contents, length) == 0);
  secuencia_test_rm_rf (dir);
}

static void
test_reorder_and_remove (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  SecuenciaProject *project = secuencia_window_get_project (f->window);
  gint64 first_id, second_id;

  before = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  first_id = ((SecuenciaElementInfo *) before->pdata[0])->id;
  second_id = ((SecuenciaElementInfo *) before->pdata[1])->id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.move-down", "x", first_id));
  after = secuencia_project_list_elements (project, &error);
  g_assert_cmpint (((SecuenciaElementInfo *) after->pdata[0])->id, ==, second_id);
  g_assert_cmpint (((SecuenciaElementInfo *) after->pdata[1])->id, ==, first_id);
  g_clear_pointer (&after, g_ptr_array_unref);

  /* The key binding form acts on the selected line (moved line stays selected). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.move-up", "x", (gint64) -1));
  after = secuencia_project_list_elements (project, &error);
  g_assert_cmpint (((SecuenciaElementInfo *) after->pdata[0])->id, ==, first_id);
  g_clear_pointer (&after, g_ptr_array_unref);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-element", "x", second_id));
  after = secuencia_project_list_elements (project, &error);
  g_assert_cmpuint (after->len, ==, N_LINES - 1);
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES - 1);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (((SecuenciaElementInfo *) after->pdata[i])->id, !=, second_id);
}

static guint
count_clips_of (SecuenciaWindow *window, gint64 element_id)
{
  SecuenciaTimeline *timeline = secuencia_timeline_view_get_timeline (secuencia_window_get_timeline_view (window));
  g_autoptr(GPtrArray) clips = secuencia_timeline_get_clips (timeline);
  guint n = 0;

  for (guint i = 0; i < clips->len; i++)
    if (((SecuenciaClip *) clips->pdata[i])->element_id == element_id)
      n++;
  return n;
}

static guint
stored_clips (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) reader = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) timelines = NULL;
  g_autoptr(GPtrArray) clips = NULL;

  g_assert_no_error (error);
  timelines = secuencia_project_list_timelines (reader, &error);
  g_assert_cmpuint (timelines->len, ==, 1);
  clips = secuencia_project_list_clips (reader, ((SecuenciaTimelineInfo *) timelines->pdata[0])->id, &error);
  return clips->len;
}

/* The screenplay and the timeline are one story, and every edit of either
 * is undoable: removing a line takes its clips along (undo brings both
 * back), a reorder is undoable and "Lay Out Again" follows it, undoably;
 * selecting a line selects its clip and the other way round. */
static void
test_one_story (Fixture       *f,
                gconstpointer  data)
{
  SecuenciaProject *project = secuencia_window_get_project (f->window);
  SecuenciaTimelineView *view = secuencia_window_get_timeline_view (f->window);
  SecuenciaTimeline *timeline = secuencia_timeline_view_get_timeline (view);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first, second;
  SecuenciaTime second_offset;

  lines = secuencia_project_list_elements (project, &error);
  first = ((SecuenciaElementInfo *) lines->pdata[0])->id;
  second = ((SecuenciaElementInfo *) lines->pdata[1])->id;
  g_assert_cmpuint (count_clips_of (f->window, second), ==, 1);

  /* Selection in step both ways. */
  clips = secuencia_timeline_get_clips (timeline);
  secuencia_timeline_view_select_clip (view, ((SecuenciaClip *) clips->pdata[2])->id);
  g_assert_cmpint (secuencia_window_get_selected_line (f->window), ==,
                   ((SecuenciaClip *) clips->pdata[2])->element_id);
  g_clear_pointer (&clips, g_ptr_array_unref);

  /* Remove the second line: its clip goes; undo: both come back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-element", "x", second));
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES - 1);
  g_assert_cmpuint (count_clips_of (f->window, second), ==, 0);
  g_assert_cmpuint (stored_clips (f), ==, N_LINES - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES);
  g_assert_cmpuint (count_clips_of (f->window, second), ==, 1);
  g_assert_cmpuint (stored_clips (f), ==, N_LINES);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = secuencia_project_list_elements (project, &error);
  g_assert_cmpint (((SecuenciaElementInfo *) lines->pdata[1])->id, ==, second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  g_assert_cmpuint (count_clips_of (f->window, second), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));

  /* Reorder (undoable), then lay out again: the second line's clip now
   * starts the timeline; undo puts it back. */
  clips = secuencia_timeline_get_clips (timeline);
  second_offset = ((SecuenciaClip *) clips->pdata[1])->offset;
  g_clear_pointer (&clips, g_ptr_array_unref);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.move-up", "x", second));
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = secuencia_project_list_elements (project, &error);
  g_assert_cmpint (((SecuenciaElementInfo *) lines->pdata[0])->id, ==, second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.relayout", NULL));
  clips = secuencia_timeline_get_clips (timeline);
  g_assert_cmpint (((SecuenciaClip *) clips->pdata[0])->element_id, ==, second);
  g_assert_cmpint (((SecuenciaClip *) clips->pdata[0])->offset, ==, 0);
  g_assert_cmpint (((SecuenciaClip *) clips->pdata[1])->element_id, ==, first);
  g_clear_pointer (&clips, g_ptr_array_unref);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  clips = secuencia_timeline_get_clips (timeline);
  g_assert_cmpint (((SecuenciaClip *) clips->pdata[1])->element_id, ==, second);
  g_assert_cmpint (((SecuenciaClip *) clips->pdata[1])->offset, ==, second_offset);
  g_clear_pointer (&clips, g_ptr_array_unref);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = secuencia_project_list_elements (project, &error);
  g_assert_cmpint (((SecuenciaElementInfo *) lines->pdata[0])->id, ==, first);

  /* Several timelines: the menu's action switches. */
  {
    gint64 other = secuencia_project_convert_screenplay (project, "Other", 0, NULL, NULL, NULL, &error);
    gint64 shown = secuencia_timeline_get_id (timeline);

    g_assert_no_error (error);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.switch-timeline", "x", other));
    g_assert_cmpint (secuencia_timeline_get_id (secuencia_timeline_view_get_timeline (view)), ==, other);
    g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL) &&
                    secuencia_timeline_get_id (secuencia_timeline_view_get_timeline (view)) != other);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.switch-timeline", "x", shown));
    timeline = secuencia_timeline_view_get_timeline (view);
    g_assert_cmpint (secuencia_timeline_get_id (timeline), ==, shown);
  }

  /* Selecting a line selects its clip. */
  secuencia_window_select_line (f->window, 3);
  g_assert_cmpint (secuencia_timeline_view_get_cursor_element (view), ==,
                   ((SecuenciaElementInfo *) lines->pdata[3])->id);
}

static void
on_import_finished (SecuenciaWindow *window,
                    guint            n,
                    gpointer         user_data)
{
  *(guint *) user_data = n + 1;
}

static void
test_import_audio (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = g_build_filename (f->dir, "extra.wav", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "not-audio.wav", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  GFile *files[2];
  guint done = 0;

  g_assert_true (secuencia_test_audio_write_tone (good, SECUENCIA_TEST_FORMAT_WAV16, 44100, 2,
                                                  880.0, 0.25, 0.3, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (bad, "this is not a RIFF file at all", -1, &error));

  g_signal_connect (f->window, "import-finished", G_CALLBACK (on_import_finished), &done);

  files[0] = good_file;
  secuencia_window_import_files (f->window, files, 1);
  while (done == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (done - 1, ==, 1);
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES + 1);
  /* The new line's clip is appended; undo takes line and clip away. */
  g_assert_cmpuint (secuencia_window_get_n_clips (f->window), ==, N_LINES + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES);
  g_assert_cmpuint (secuencia_window_get_n_clips (f->window), ==, N_LINES);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES + 1);
  g_assert_cmpuint (secuencia_window_get_n_clips (f->window), ==, N_LINES + 1);

  done = 0;
  files[0] = bad_file;
  secuencia_window_import_files (f->window, files, 1);
  while (done == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (done - 1, ==, 0);
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES + 1);
  /* The message shown names the file. */
  g_assert_nonnull (strstr (secuencia_window_get_last_message (f->window), "not-audio.wav"));
}

/* Waveforms: the project's (none stored yet) are decoded in the
 * background after opening and kept in the file; an imported file's comes
 * with the import, so nothing is left to decode afterwards. */
static void
test_peaks (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GArray) missing = NULL;
  g_autofree char *extra = g_build_filename (f->dir, "extra.wav", NULL);
  g_autoptr(GFile) extra_file = g_file_new_for_path (extra);
  SecuenciaProject *project = secuencia_window_get_project (f->window);
  SecuenciaPeaksLoader *loader = secuencia_window_get_peaks_loader (f->window);
  GFile *files[1] = { extra_file };
  guint done = 0;

  g_assert_nonnull (loader);
  while (secuencia_peaks_loader_is_busy (loader))
    g_main_context_iteration (NULL, TRUE);
  /* Stored through the window's connection when the main loop is idle. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  assets = secuencia_project_list_assets (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assets->len, ==, N_LINES);
  for (guint i = 0; i < assets->len; i++)
    {
      SecuenciaAssetInfo *asset = g_ptr_array_index (assets, i);
      SecuenciaPeaks *peaks = secuencia_peaks_loader_lookup (loader, asset->id);

      g_assert_nonnull (peaks);
      g_assert_cmpint (ABS (secuencia_peaks_get_duration (peaks) - asset->duration), <=,
                       SECUENCIA_TIME_MSECOND);
    }
  missing = secuencia_project_list_assets_without_peaks (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 0);

  g_assert_true (secuencia_test_audio_write_tone (extra, SECUENCIA_TEST_FORMAT_WAV16, 44100, 2,
                                                  880.0, 0.25, 0.3, &error));
  g_assert_no_error (error);
  g_signal_connect (f->window, "import-finished", G_CALLBACK (on_import_finished), &done);
  secuencia_window_import_files (f->window, files, 1);
  while (done == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (done - 1, ==, 1);
  g_clear_pointer (&assets, g_ptr_array_unref);
  assets = secuencia_project_list_assets (project, &error);
  g_assert_cmpuint (assets->len, ==, N_LINES + 1);
  g_assert_nonnull (secuencia_peaks_loader_lookup (loader, ((SecuenciaAssetInfo *) assets->pdata[N_LINES])->id));
  g_assert_false (secuencia_peaks_loader_is_busy (loader));
}

/* The real save dialog: requested before anything is built, suggests
 * "<project name>.m4a" with an M4A filter, and dismissing it does nothing. */
static void
test_real_dialog_dismissed (Fixture       *f,
                            gconstpointer  data)
{
  GListModel *toplevels;
  GtkFileChooser *chooser = NULL;
  GtkFileFilter *filter;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  g_assert_cmpuint (f->n_dialog_requests, ==, 1);
  g_assert_cmpuint (f->timelines_at_request, ==, 1);

  toplevels = gtk_window_get_toplevels ();
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       chooser == NULL && g_get_monotonic_time () < deadline;)
    {
      g_main_context_iteration (NULL, FALSE);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

          if (GTK_IS_FILE_CHOOSER_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
            chooser = GTK_FILE_CHOOSER (w);
        }
    }
  g_assert_nonnull (chooser);
  /* Without a portal GtkFileDialog shows a GtkFileChooserDialog, whose
   * (deprecated since GTK 4.10) API is the one way to read what it shows. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  {
    g_autofree char *name = gtk_file_chooser_get_current_name (chooser);
    g_assert_cmpstr (name, ==, "Window Test.m4a");
  }
  filter = gtk_file_chooser_get_filter (chooser);
  g_assert_nonnull (filter);
  g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, "AAC audio (M4A)");
  /* a filter per format, the preferred one (M4A by default) first */
  {
    g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (chooser);
    g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);
    g_autoptr(GtkFileFilter) mp3 = g_list_model_get_item (filters, 2);

    g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 6);
    g_assert_true (first == filter);
    g_assert_cmpstr (gtk_file_filter_get_name (mp3), ==, "MP3");
  }

  /* Still nothing built while the dialog is up (only the edited timeline). */
  g_assert_cmpuint (count_timelines (f->project_path), ==, 1);
  g_assert_false (secuencia_window_is_exporting (f->window));

  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  secuencia_test_flush_events ();
  g_assert_cmpuint (count_timelines (f->project_path), ==, 1);
  g_assert_false (secuencia_window_is_exporting (f->window));
  g_assert_false (f->finished);
  g_assert_null (secuencia_window_get_result_row (f->window));
}

static void
test_export_success (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "out.m4a", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaTestPcm) pcm = NULL;
  GtkWidget *row;
  GtkDragSource *source;
  GdkContentProvider *content;
  GValue value = G_VALUE_INIT;
  double expected, got;
  guint dialog_requests;

  if (!have_aac_encoder ())
    {
      g_test_skip ("no AAC encoder installed");
      return;
    }

  secuencia_window_set_export_destination_override (f->window, destination);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  g_assert_cmpuint (f->n_dialog_requests, ==, 1);
  g_assert_cmpuint (f->timelines_at_request, ==, 1);
  g_assert_true (secuencia_window_is_exporting (f->window));
  /* A snapshot of the edited timeline was stored on the main context right
   * after the choice, marked as the export's own (not listed). */
  {
    g_autoptr(SecuenciaProject) reader = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
    gint64 snapshot = secuencia_window_get_export_timeline_id (f->window);

    g_assert_no_error (error);
    g_assert_cmpint (snapshot, >, 0);
    g_assert_true (secuencia_project_is_export_snapshot (reader, snapshot, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_timelines (f->project_path), ==, 2);
  }
  /* Editing goes on during the export and does not change what is
   * exported: the last clip moves 5 s later, the file keeps its length. */
  {
    SecuenciaTimelineView *view = secuencia_window_get_timeline_view (f->window);
    SecuenciaTimeline *timeline = secuencia_timeline_view_get_timeline (view);
    g_autoptr(GPtrArray) clips = secuencia_timeline_get_clips (timeline);
    gint64 last = ((SecuenciaClip *) clips->pdata[clips->len - 1])->id;
    SecuenciaTime before = secuencia_timeline_get_duration (timeline);

    secuencia_timeline_view_select_clip (view, last);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.nudge", "x",
                                               (gint64) 5 * SECUENCIA_TIME_SECOND));
    g_assert_cmpint (secuencia_timeline_get_duration (timeline), ==, before + 5 * SECUENCIA_TIME_SECOND);
  }

  /* Export is disabled while running: a second activation is refused. */
  dialog_requests = f->n_dialog_requests;
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL);
  g_assert_cmpuint (f->n_dialog_requests, ==, dialog_requests);

  wait_for (&f->finished);
  g_assert_true (f->success);
  g_assert_false (secuencia_window_is_exporting (f->window));
  g_assert_false (f->row_before_finish);

  assert_monotonic (f->fractions);

  /* The toast says so, file name escaped for markup. */
  g_assert_cmpstr (secuencia_window_get_last_message (f->window), ==, "Exported “out.m4a”");

  /* The result row can be dragged out, giving the file. */
  row = secuencia_window_get_result_row (f->window);
  g_assert_true (SECUENCIA_IS_RESULT_ROW (row));
  g_assert_true (g_file_equal (secuencia_result_row_get_file (SECUENCIA_RESULT_ROW (row)), destination));
  /* ...and shows what was measured */
  g_assert_nonnull (secuencia_result_row_get_measurements (SECUENCIA_RESULT_ROW (row)));
  g_assert_nonnull (strstr (secuencia_result_row_get_measurements (SECUENCIA_RESULT_ROW (row)), "LUFS"));
  g_assert_nonnull (strstr (secuencia_result_row_get_measurements (SECUENCIA_RESULT_ROW (row)), "dBTP"));
  source = secuencia_result_row_get_drag_source (SECUENCIA_RESULT_ROW (row));
  g_assert_true (GTK_IS_DRAG_SOURCE (source));
  g_assert_true (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source)) == row);
  content = gtk_drag_source_get_content (source);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_FILE);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (g_value_get_object (&value), destination));
  g_value_unset (&value);

  /* The snapshot is gone; the file decodes to the length it had when the
   * export was confirmed. */
  g_assert_cmpuint (count_timelines (f->project_path), ==, 1);
  g_assert_cmpuint (secuencia_window_get_n_clips (f->window), ==, N_LINES);
  pcm = secuencia_test_audio_decode_gst (out, &error);
  g_assert_no_error (error);
  expected = N_LINES * LINE_SECONDS + (N_LINES - 1) * 0.25;   /* default gap 250 ms */
  got = (double) pcm->n_frames / pcm->rate;
  g_test_message ("exported %.4f s, expected %.4f s", got, expected);
  g_assert_cmpfloat_with_epsilon (got, expected, 0.05);
  /* The first line's tone (300 Hz) is where it belongs. */
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 300.0, 0.1, 0.2), >, 0.1);

  /* A second export leaves no snapshot behind either. */
  {
    g_autofree char *out2 = g_build_filename (f->dir, "out2.m4a", NULL);
    g_autoptr(GFile) destination2 = g_file_new_for_path (out2);
    gint64 first_timeline = secuencia_window_get_export_timeline_id (f->window);

    f->finished = FALSE;
    secuencia_window_set_export_destination_override (f->window, destination2);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
    g_assert_cmpint (secuencia_window_get_export_timeline_id (f->window), >, 0);
    (void) first_timeline;
    g_assert_cmpuint (secuencia_window_get_n_clips (f->window), ==, N_LINES);
    wait_for (&f->finished);
    g_assert_true (f->success);
    g_assert_cmpuint (count_timelines (f->project_path), ==, 1);
    g_assert_true (g_file_test (out2, G_FILE_TEST_IS_REGULAR));
  }
}

/* The suggested file name is the project's name, safe for file systems. */
static void
test_export_file_name (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { const char *name; const char *file; } cases[] = {
    { "Act 1: Night/Day", "Act 1 - Night-Day.m4a" },
    { "a\\b*c?d\"e<f>g|h:i", "a-b-c-d-e-f-g-h-i.m4a" },
    { ".hidden. ", "hidden.m4a" },
    { "...", "Untitled.m4a" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *file = NULL;

      g_assert_true (secuencia_project_set_name (secuencia_window_get_project (f->window),
                                                 cases[i].name, &error));
      g_assert_no_error (error);
      g_assert_true (secuencia_window_open_project (f->window, f->project_path, &error));
      g_assert_no_error (error);
      file = secuencia_window_dup_export_file_name (f->window);
      g_assert_cmpstr (file, ==, cases[i].file);
    }
}

/* A longer export: the panel's progress moves forward only, often, and ends
 * at 1; the time-left text is shown. */
static void
test_export_progress (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "long.m4a", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (out);

  if (!have_aac_encoder ())
    {
      g_test_skip ("no AAC encoder installed");
      return;
    }

  secuencia_window_set_export_destination_override (f->window, destination);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  g_assert_nonnull (secuencia_export_panel_get_time_left_text (secuencia_window_get_export_panel (f->window)));
  wait_for (&f->finished);
  secuencia_test_flush_events ();
  g_assert_true (f->success);

  g_test_message ("%u progress notifications", f->fractions->len);
  g_assert_cmpuint (f->fractions->len, >=, 2);
  assert_monotonic (f->fractions);
  g_assert_cmpfloat (g_array_index (f->fractions, double, f->fractions->len - 1), ==, 1.0);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
}

static void
test_export_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "cancelled.m4a", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (out);

  if (!have_aac_encoder ())
    {
      g_test_skip ("no AAC encoder installed");
      return;
    }

  f->cancel_on_progress = TRUE;
  secuencia_window_set_export_destination_override (f->window, destination);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  wait_for (&f->finished);

  g_assert_false (f->cancel_on_progress);   /* we did cancel mid-way */
  g_assert_false (f->success);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_stray_files (f->dir), ==, 0);
  g_assert_null (secuencia_window_get_result_row (f->window));
  g_assert_cmpstr (secuencia_window_get_last_message (f->window), ==, "Export cancelled");
  g_assert_false (secuencia_window_is_exporting (f->window));
}

static void
test_close_mid_export (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "closed.m4a", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (out);

  if (!have_aac_encoder ())
    {
      g_test_skip ("no AAC encoder installed");
      return;
    }

  f->close_on_progress = TRUE;
  secuencia_window_set_export_destination_override (f->window, destination);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  wait_for (&f->finished);
  secuencia_test_flush_events ();

  g_assert_false (f->close_on_progress);
  g_assert_false (f->success);
  /* The window went away after the worker cleaned up: no file, no temp. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_stray_files (f->dir), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&f->window));
}

static void
assert_error_dialog_says (SecuenciaWindow *window,
                          const char      *needle)
{
  const char *heading, *body;
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));

  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  heading = secuencia_alert_get_heading (ADW_ALERT_DIALOG (dialog));
  body = secuencia_alert_get_body (ADW_ALERT_DIALOG (dialog));
#else
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        dialog = ADW_MESSAGE_DIALOG (w);
    }
  g_assert_nonnull (dialog);
  heading = adw_message_dialog_get_heading (dialog);
  body = adw_message_dialog_get_body (dialog);
#endif
  g_test_message ("error dialog: %s — %s", heading, body);
  g_assert_nonnull (strstr (body, needle));
  g_assert_cmpstr (secuencia_window_get_last_message (window), ==, body);
#if ADW_CHECK_VERSION (1, 5, 0)
  g_assert_true (adw_dialog_close (dialog));
#else
  gtk_window_destroy (GTK_WINDOW (dialog));
#endif
}

static void
test_export_error_destination (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "no-such-folder", "out.m4a", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (out);

  secuencia_window_set_export_destination_override (f->window, destination);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  wait_for (&f->finished);
  g_assert_false (f->success);
  assert_error_dialog_says (f->window, "no-such-folder");
  g_assert_null (secuencia_window_get_result_row (f->window));
}

static void
test_export_error_bad_asset (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "bad.m4a", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (out);
  sqlite3 *db = NULL;

  if (!have_aac_encoder ())
    {
      g_test_skip ("no AAC encoder installed");
      return;
    }

  /* Damage the second line's audio behind the project's back. */
  g_assert_cmpint (sqlite3_open (f->project_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE assets SET data = randomblob(4000) "
                                 "WHERE file_name = 'tone-01.wav'", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  secuencia_window_set_export_destination_override (f->window, destination);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  wait_for (&f->finished);
  g_assert_false (f->success);
  assert_error_dialog_says (f->window, "tone-01.wav");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_stray_files (f->dir), ==, 0);
}

/* The save dialog confirmed replacing the name typed ("project.secuencia",
 * here the project itself); the window adds ".m4a", and that file exists:
 * it must ask again about the name it writes. */
#if ADW_CHECK_VERSION (1, 5, 0)
typedef AdwAlertDialog Question;

static Question *
find_dialog_with_heading (SecuenciaWindow *window,
                          const char      *needle)
{
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));

  if (ADW_IS_ALERT_DIALOG (dialog) &&
      strstr (secuencia_alert_get_heading (ADW_ALERT_DIALOG (dialog)), needle) != NULL)
    return ADW_ALERT_DIALOG (dialog);
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A click on the response's button. */
static void
answer (Question   *dialog,
        const char *response)
{
  const char *label = g_str_equal (response, "replace") ? "_Replace" : "_Cancel";
  GtkWidget *button = find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}
#else
typedef AdwMessageDialog Question;

static Question *
find_dialog_with_heading (SecuenciaWindow *window,
                          const char      *needle)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window) &&
          strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), needle) != NULL)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static void
answer (Question   *dialog,
        const char *response)
{
  adw_message_dialog_response (dialog, response);
}
#endif

static void
test_export_confirm_added_extension (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GFile) chosen = g_file_new_for_path (f->project_path);
  g_autofree char *written = g_strconcat (f->project_path, ".m4a", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  Question *dialog;

  if (!have_aac_encoder ())
    {
      g_test_skip ("no AAC encoder installed");
      return;
    }
  g_assert_true (g_file_set_contents (written, "old contents", -1, NULL));
  secuencia_window_set_export_destination_override (f->window, chosen);

  /* Asked; "Cancel" keeps the file and exports nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  g_assert_false (secuencia_window_is_exporting (f->window));
  dialog = find_dialog_with_heading (f->window, "project.secuencia.m4a");
  g_assert_nonnull (dialog);
  answer (dialog, "cancel");
  secuencia_test_flush_events ();
  g_assert_false (secuencia_window_is_exporting (f->window));
  g_assert_true (g_file_get_contents (written, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old contents");
  g_clear_pointer (&contents, g_free);

  /* "Replace" replaces that file, and only that one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  dialog = find_dialog_with_heading (f->window, "project.secuencia.m4a");
  g_assert_nonnull (dialog);
  answer (dialog, "replace");
  g_assert_true (secuencia_window_is_exporting (f->window));
  wait_for (&f->finished);
  g_assert_true (f->success);
  g_assert_true (g_file_get_contents (written, &contents, NULL, NULL));
  g_assert_cmpstr (contents, !=, "old contents");
  project = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
}

/* Preferences (win.preferences, Ctrl+,) open at once; the format and the
 * loudness target chosen there (GSettings) are what the next export uses:
 * the suggested name, a name typed without an extension, the file's
 * format and the result row's report. */
static void
test_export_preferences (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *typed = g_build_filename (f->dir, "episode", NULL);
  g_autofree char *written = g_build_filename (f->dir, "episode.mp3", NULL);
  g_autoptr(GFile) chosen = g_file_new_for_path (typed);
  g_autofree char *name = NULL;
  g_autofree char *head = NULL;
#if !ADW_CHECK_VERSION (1, 5, 0)
  g_autoptr(GList) toplevels = NULL;
#endif
  GtkWidget *preferences = NULL;
  GtkWidget *row;
  gsize length = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
#if ADW_CHECK_VERSION (1, 5, 0)
  /* an AdwPreferencesDialog, presented in the window */
  preferences = GTK_WIDGET (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window)));
  g_assert_nonnull (preferences);
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (preferences), ==, "SecuenciaPreferencesWindow");
  g_assert_true (gtk_widget_get_root (preferences) == GTK_ROOT (f->window));
  adw_dialog_force_close (ADW_DIALOG (preferences));
#else
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (g_str_equal (G_OBJECT_TYPE_NAME (l->data), "SecuenciaPreferencesWindow"))
      preferences = l->data;
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (f->window));
  gtk_window_destroy (GTK_WINDOW (preferences));
#endif

  g_settings_set_string (settings, "export-format", "mp3");
  g_settings_set_string (settings, "export-loudness", "podcast");
  name = secuencia_window_dup_export_file_name (f->window);
  g_assert_true (g_str_has_suffix (name, ".mp3"));

  secuencia_window_set_export_destination_override (f->window, chosen);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  wait_for (&f->finished);
  g_assert_true (f->success);
  g_assert_true (g_file_get_contents (written, &head, &length, NULL));
  g_assert_cmpuint (length, >, 10);
  g_assert_true (memcmp (head, "ID3", 3) == 0);
  row = secuencia_window_get_result_row (f->window);
  g_assert_nonnull (row);
  g_test_message ("%s", secuencia_result_row_get_measurements (SECUENCIA_RESULT_ROW (row)));
  g_assert_nonnull (strstr (secuencia_result_row_get_measurements (SECUENCIA_RESULT_ROW (row)),
                            "Podcast"));
  g_settings_reset (settings, "export-format");
  g_settings_reset (settings, "export-loudness");
}

static void
test_application_window (void)
{
  g_autoptr(SecuenciaApplication) app = secuencia_application_new ();
  g_autoptr(GError) error = NULL;
  const char * const *accels;

  /* Register and start up without running a main loop of its own. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  for (const char * const *a = (const char * const[]) { "app.new", "app.open", "app.quit",
                                                        "app.about", "app.open-demo", NULL }; *a; a++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), strchr (*a, '.') + 1));

  accels = (const char * const *) gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.export");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>e");
  g_strfreev ((char **) accels);
  accels = (const char * const *) gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_cmpstr (accels[0], ==, "<Control>question");
  g_strfreev ((char **) accels);

  /* The first window with nothing to open offers the demo project. */
  g_application_activate (G_APPLICATION (app));
  {
    GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
    GtkWidget *help;

    if (window == NULL)
      window = GTK_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
    g_assert_true (SECUENCIA_IS_WINDOW (window));
    g_assert_null (secuencia_window_get_project (SECUENCIA_WINDOW (window)));
    g_object_ref (window);
    /* GtkApplication loads gtk/help-overlay.ui itself; deprecated in GTK
     * 4.18, its successor (AdwShortcutsDialog) comes with libadwaita 1.8. */
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    help = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
    G_GNUC_END_IGNORE_DEPRECATIONS
    g_assert_true (GTK_IS_SHORTCUTS_WINDOW (help));
    gtk_window_destroy (window);
    secuencia_test_flush_events ();
    g_assert_finalize_object (window);
  }
}

/* With "export-captions" on, the export writes the captions beside it. */
static void
test_export_captions (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "captioned.m4a", NULL);
  g_autofree char *vtt_path = g_build_filename (f->dir, "captioned.vtt", NULL);
  g_autofree char *json_path = g_build_filename (f->dir, "captioned.m4a.timing.json", NULL);
  g_autofree char *vtt = NULL;
  g_autoptr(GFile) destination = g_file_new_for_path (out);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;

  if (!have_aac_encoder ())
    {
      g_test_skip ("no AAC encoder installed");
      return;
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "settings.export-captions", NULL));
  g_assert_true (g_settings_get_boolean (settings, "export-captions"));
  secuencia_window_set_export_destination_override (f->window, destination);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  wait_for (&f->finished);
  g_assert_true (f->success);
  g_file_get_contents (vtt_path, &vtt, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (vtt, "<v Ana>Line number 0</v>"));
  g_assert_nonnull (strstr (vtt, "<v Ben>Line number 1</v>"));
  g_assert_true (g_file_test (json_path, G_FILE_TEST_EXISTS));
  g_settings_reset (settings, "export-captions");
}

static void
on_lines_voiced (SecuenciaWindow *window, guint n, guint *out)
{
  *out = n + 1;   /* 0 stays "not yet" */
}

/* A Fountain script: into the open project (its lines replace the
 * screenplay; problems are listed with their line numbers), and, in a
 * window without a project, into a new project beside the script. */
static void
test_import_script (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *malformed = g_test_build_filename (G_TEST_DIST, "data", "fountain", "malformed.fountain", NULL);
  g_autofree char *script_path = g_build_filename (f->dir, "Table Read.fountain", NULL);
  g_autofree char *new_project = g_build_filename (f->dir, "Table Read.secuencia", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (malformed);
  g_autoptr(GFile) script = g_file_new_for_path (script_path);
  SecuenciaWindow *empty;
  const char *message;

  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, N_LINES);
  secuencia_window_import_script (f->window, bad);
  secuencia_test_flush_events ();
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 14);
  message = secuencia_window_get_last_message (f->window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Line 7: the character extension"));
  g_assert_nonnull (strstr (message, "10 parts were not understood"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Window Test");

  g_file_set_contents (script_path,
                       "Title: Table Read\n\nINT. ROOM - DAY\n\nANA\nHello.\n\nBOB\nHi.\n", -1, &error);
  g_assert_no_error (error);
  empty = g_object_ref (secuencia_window_new (NULL));
  gtk_window_present (GTK_WINDOW (empty));
  g_assert_null (secuencia_window_get_project (empty));
  secuencia_window_import_script (empty, script);
  secuencia_test_flush_events ();
  g_assert_nonnull (secuencia_window_get_project (empty));
  g_assert_true (g_file_test (new_project, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (secuencia_project_get_path (secuencia_window_get_project (empty)), ==, new_project);
  g_assert_cmpuint (secuencia_window_get_n_elements (empty), ==, 3);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (empty)), ==, "Table Read");
  g_assert_nonnull (strstr (secuencia_window_get_last_message (empty), "Imported"));

  /* Scratch voices for the new project's two lines, in a worker. */
  {
    guint voiced = 0;
    g_autoptr(GPtrArray) elements = NULL;

    g_signal_connect (empty, "import-finished", G_CALLBACK (on_lines_voiced), &voiced);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (empty), "win.scratch-voices", NULL));
    g_assert_true (secuencia_window_is_busy (empty));
    while (voiced == 0)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (voiced, ==, 2 + 1);
    g_assert_false (secuencia_window_is_busy (empty));
    g_assert_nonnull (strstr (secuencia_window_get_last_message (empty), "Gave 2 lines a scratch voice"));
    elements = secuencia_project_list_elements (secuencia_window_get_project (empty), &error);
    g_assert_no_error (error);
    g_assert_true (((SecuenciaElementInfo *) elements->pdata[1])->scratch);
    g_assert_true (((SecuenciaElementInfo *) elements->pdata[2])->scratch);
  }
  gtk_window_destroy (GTK_WINDOW (empty));
  secuencia_test_flush_events ();
  g_assert_finalize_object (empty);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  gst_init (NULL, NULL);

  g_test_add_func ("/window/application", test_application_window);
  g_test_add_func ("/window/open-corrupt", test_open_corrupt);
  g_test_add ("/window/open-project", Fixture, NULL, fixture_set_up, test_open_project, fixture_tear_down);
  g_test_add ("/window/reorder-remove", Fixture, NULL, fixture_set_up, test_reorder_and_remove, fixture_tear_down);
  g_test_add ("/window/export/captions", Fixture, NULL, fixture_set_up, test_export_captions, fixture_tear_down);
  g_test_add ("/window/one-story", Fixture, NULL, fixture_set_up, test_one_story, fixture_tear_down);
  g_test_add ("/window/import-script", Fixture, NULL, fixture_set_up, test_import_script, fixture_tear_down);
  g_test_add ("/window/import-audio", Fixture, NULL, fixture_set_up, test_import_audio, fixture_tear_down);
  g_test_add ("/window/peaks", Fixture, NULL, fixture_set_up, test_peaks, fixture_tear_down);
  g_test_add ("/window/export/real-dialog-dismissed", Fixture, NULL, fixture_set_up, test_real_dialog_dismissed, fixture_tear_down);
  g_test_add ("/window/export/file-name", Fixture, NULL, fixture_set_up, test_export_file_name, fixture_tear_down);
  g_test_add ("/window/export/confirm-added-extension", Fixture, NULL, fixture_set_up, test_export_confirm_added_extension, fixture_tear_down);
  g_test_add ("/window/export/success", Fixture, NULL, fixture_set_up, test_export_success, fixture_tear_down);
  g_test_add ("/window/export/preferences", Fixture, NULL, fixture_set_up, test_export_preferences, fixture_tear_down);
  g_test_add ("/window/export/progress", Fixture, NULL, fixture_set_up_long, test_export_progress, fixture_tear_down);
  g_test_add ("/window/export/cancel", Fixture, NULL, fixture_set_up_long, test_export_cancel, fixture_tear_down);
  g_test_add ("/window/export/close-mid-export", Fixture, NULL, fixture_set_up_long, test_close_mid_export, fixture_tear_down);
  g_test_add ("/window/export/error-destination", Fixture, NULL, fixture_set_up, test_export_error_destination, fixture_tear_down);
  g_test_add ("/window/export/error-bad-asset", Fixture, NULL, fixture_set_up, test_export_error_bad_asset, fixture_tear_down);

  return g_test_run ();
}
