/* test-window-input.c: what the window's pointer and keyboard reach, and
 * whether Export can be started, driven through the real window under a
 * display (xvfb-run): hidden things take no input, a list is one Tab stop,
 * Export is only offered when there is something to export. */

#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>
#include <glib/gstdio.h>

#include "secuencia-application.h"
#include "secuencia-export-panel.h"
#include "secuencia-project.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"
#include "secuencia-window.h"

/* The application provides the app.* actions (New Project…, Open…) that
 * the first-run page's buttons use. */
static SecuenciaApplication *application;

typedef struct
{
  char            *dir;
  char            *project_path;
  SecuenciaWindow *window;
  gboolean         finished;
  gboolean         success;
} Fixture;

static void
open_window (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->window = g_object_ref (secuencia_window_new (GTK_APPLICATION (application)));
  secuencia_test_watch_export (f->window, &f->finished, &f->success);
  if (f->project_path != NULL && g_file_test (f->project_path, G_FILE_TEST_EXISTS))
    {
      g_assert_true (secuencia_window_open_project (f->window, f->project_path, &error));
      g_assert_no_error (error);
    }
  gtk_window_set_default_size (GTK_WINDOW (f->window), 860, 640);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_lines = GPOINTER_TO_UINT (data);

  f->dir = g_dir_make_tmp ("secuencia-input-XXXXXX", &error);
  g_assert_no_error (error);
  f->project_path = g_build_filename (f->dir, "project.secuencia", NULL);
  if (n_lines != G_MAXUINT)
    secuencia_test_make_project (f->dir, f->project_path, n_lines, 0.2);
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
}

static GtkWidget *
progress_card (Fixture *f)
{
  GtkWidget *panel = GTK_WIDGET (secuencia_window_get_export_panel (f->window));

  return gtk_widget_get_ancestor (panel, GTK_TYPE_REVEALER);
}

/* Nothing inside the (hidden) progress card is under any point of the
 * window's bottom 140 px. */
static void
assert_bottom_strip_free (Fixture *f)
{
  GtkWidget *window = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
  GtkWidget *card = progress_card (f);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  g_assert_cmpint (height, >, 200);
  for (int y = height - 140; y < height - 2; y += 4)
    for (int x = 20; x < width - 20; x += 40)
      {
        GtkWidget *picked = gtk_widget_pick (window, x, y, GTK_PICK_DEFAULT);

        if (picked != NULL && secuencia_test_widget_is_inside (picked, card))
          g_error ("the hidden progress card takes the pointer at %d,%d (%s)",
                   x, y, G_OBJECT_TYPE_NAME (picked));
      }
  g_assert_false (gtk_widget_get_visible (card) && gtk_widget_get_can_target (card) &&
                  !gtk_revealer_get_reveal_child (GTK_REVEALER (card)));
}

static gboolean
match_action (GtkWidget *widget,
              gpointer   data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static gboolean
card_hidden (gpointer data)
{
  Fixture *f = data;

  return !gtk_revealer_get_child_revealed (GTK_REVEALER (progress_card (f)));
}

/* Item 5: on the first-run page the whole "New Project…" button answers,
 * and in a long screenplay the rows at the bottom do, before and after an
 * export. */
static void
test_hidden_card_takes_no_input (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWidget *button;
  GtkWidget *content;
  graphene_rect_t bounds;

  open_window (f);
  secuencia_test_spin (300);
  assert_bottom_strip_free (f);

  /* The first-run page ("No Project Open"): every point of New Project…
   * picks the button. */
  button = secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, match_action, "app.new");
  g_assert_nonnull (button);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
  g_assert_true (gtk_widget_compute_bounds (button, content, &bounds));
  for (float y = bounds.origin.y + 4; y < bounds.origin.y + bounds.size.height - 4; y += 2)
    {
      GtkWidget *picked = gtk_widget_pick (content, bounds.origin.x + bounds.size.width / 2, y,
                                           GTK_PICK_DEFAULT);

      if (!secuencia_test_widget_is_inside (picked, button))
        g_error ("at %.0f,%.0f (button %.0f,%.0f %.0fx%.0f) the pointer reaches %s, not New Project…",
                 bounds.origin.x + bounds.size.width / 2, y, bounds.origin.x, bounds.origin.y,
                 bounds.size.width, bounds.size.height,
                 picked ? G_OBJECT_TYPE_NAME (picked) : "nothing");
    }
}

static gboolean
have_aac_encoder (void)
{
  g_autoptr(GstElementFactory) a = gst_element_factory_find ("avenc_aac");
  g_autoptr(GstElementFactory) b = gst_element_factory_find ("voaacenc");
  g_autoptr(GstElementFactory) c = gst_element_factory_find ("fdkaacenc");

  return a != NULL || b != NULL || c != NULL;
}

static void
test_hidden_card_after_export (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "out.m4a", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (out);

  open_window (f);
  assert_bottom_strip_free (f);

  if (!have_aac_encoder ())
    {
      g_test_skip ("no AAC encoder");
      return;
    }
  secuencia_window_set_export_destination_override (f->window, destination);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  /* While it is shown, the card takes the pointer (its Cancel button). */
  g_assert_true (gtk_widget_get_visible (progress_card (f)));
  g_assert_true (gtk_widget_get_can_target (progress_card (f)));
  secuencia_test_wait_until (secuencia_test_flag_is_set, &f->finished);
  g_assert_true (f->success);
  secuencia_test_wait_until (card_hidden, f);
  secuencia_test_spin (100);
  assert_bottom_strip_free (f);
}

/* ---- item 8: a list is one Tab stop ---- */

static GtkWidget *
focus_widget (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static void
press_tab (Fixture          *f,
           GtkDirectionType  direction)
{
  /* What the Tab key does: GtkWindow's move-focus key binding. */
  g_signal_emit_by_name (f->window, "move-focus", direction);
  secuencia_test_flush_events ();
}

static gboolean
match_label (GtkWidget *widget,
             gpointer   data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), "GtkListView") == 0 &&
         GTK_IS_LIST_VIEW (widget);
}

static void
test_list_is_one_tab_stop (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *list;
  guint presses = 0;
  guint inside = 0;
  GtkWidget *first_after = NULL;

  open_window (f);
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 200);
  list = secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW, match_label, NULL);
  g_assert_nonnull (list);

  /* Tab from the start of the window until the focus is in the list. */
  gtk_root_set_focus (GTK_ROOT (f->window), NULL);
  while (!secuencia_test_widget_is_inside (focus_widget (f), list))
    {
      press_tab (f, GTK_DIR_TAB_FORWARD);
      g_assert_cmpuint (++presses, <, 50);
    }
  g_test_message ("%u Tab presses to reach the screenplay", presses);

  /* One more Tab leaves it (however many rows it has). */
  while (secuencia_test_widget_is_inside (focus_widget (f), list))
    {
      press_tab (f, GTK_DIR_TAB_FORWARD);
      inside++;
      if (inside > 20)
        g_error ("still inside the 200-line list after %u Tab presses", inside);
    }
  g_test_message ("%u Tab presses to leave the screenplay", inside);
  g_assert_cmpuint (inside, ==, 1);
  first_after = focus_widget (f);
  g_assert_nonnull (first_after);

  /* Shift+Tab comes back into it, and once more leaves it backwards. */
  press_tab (f, GTK_DIR_TAB_BACKWARD);
  g_assert_true (secuencia_test_widget_is_inside (focus_widget (f), list));
  press_tab (f, GTK_DIR_TAB_BACKWARD);
  g_assert_false (secuencia_test_widget_is_inside (focus_widget (f), list));
}

/* ---- item 11: Export only when there is something to export ---- */

static gboolean
export_enabled (Fixture *f)
{
  GtkWidget *button = secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON,
                                                  match_action, "win.export");

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static const char *
export_tooltip (Fixture *f)
{
  GtkWidget *button = secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON,
                                                  match_action, "win.export");

  return gtk_widget_get_tooltip_text (button);
}

static void
test_export_disabled_when_empty (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GError) error = NULL;

  /* No project: nothing to export. */
  open_window (f);
  g_assert_false (export_enabled (f));

  /* An empty screenplay: disabled, and the tooltip says why. */
  project = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&project);
  g_assert_true (secuencia_window_open_project (f->window, f->project_path, &error));
  g_assert_no_error (error);
  g_assert_false (export_enabled (f));
  g_test_message ("tooltip: %s", export_tooltip (f));
  g_assert_nonnull (strstr (export_tooltip (f), "no lines with audio"));
  /* Activating it anyway (a stale shortcut) asks for no file. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL);
  g_assert_false (secuencia_window_is_busy (f->window));
}

static void
test_export_imported_timeline (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "timeline.m4a", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (out);
  gint64 timeline_id;

  /* A project whose only content is a timeline (as import-timeline makes):
   * build one from the screenplay, then empty the screenplay. */
  project = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  timeline_id = secuencia_project_convert_screenplay (project, "Imported", 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (timeline_id, >, 0);
  elements = secuencia_project_list_elements (project, &error);
  for (guint i = 0; i < elements->len; i++)
    g_assert_true (secuencia_project_remove_element (project, ((SecuenciaElementInfo *) elements->pdata[i])->id, &error));
  g_clear_object (&project);

  open_window (f);
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 0);
  g_assert_cmpuint (secuencia_window_get_n_clips (f->window), ==, 3);

  /* Export is offered, and exports the timeline that is shown (a snapshot
   * of it, taken when the export starts and deleted when it ends). */
  g_assert_true (export_enabled (f));
  if (!have_aac_encoder ())
    {
      g_test_skip ("no AAC encoder");
      return;
    }
  secuencia_window_set_export_destination_override (f->window, destination);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  secuencia_test_wait_until (secuencia_test_flag_is_set, &f->finished);
  g_assert_true (f->success);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (secuencia_window_get_export_timeline_id (f->window), >, 0);
  project = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) timelines = secuencia_project_list_timelines (project, &error);
    g_assert_cmpuint (timelines->len, ==, 1);
    g_assert_cmpint (((SecuenciaTimelineInfo *) timelines->pdata[0])->id, ==, timeline_id);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  gst_init (NULL, NULL);

  application = secuencia_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, NULL));

  g_test_add ("/window-input/hidden-card/first-run", Fixture, GUINT_TO_POINTER (G_MAXUINT),
              fixture_set_up, test_hidden_card_takes_no_input, fixture_tear_down);
  g_test_add ("/window-input/hidden-card/after-export", Fixture, GUINT_TO_POINTER (60),
              fixture_set_up, test_hidden_card_after_export, fixture_tear_down);
  g_test_add ("/window-input/list-one-tab-stop", Fixture, GUINT_TO_POINTER (200),
              fixture_set_up, test_list_is_one_tab_stop, fixture_tear_down);
  g_test_add ("/window-input/export/disabled-when-empty", Fixture, GUINT_TO_POINTER (G_MAXUINT),
              fixture_set_up, test_export_disabled_when_empty, fixture_tear_down);
  g_test_add ("/window-input/export/imported-timeline", Fixture, GUINT_TO_POINTER (3),
              fixture_set_up, test_export_imported_timeline, fixture_tear_down);

  {
    int ret = g_test_run ();

    g_clear_object (&application);
    return ret;
  }
}
