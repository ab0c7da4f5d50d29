/* test-window-script.c: a script import and a scratch-voicing run in the
 * window are one undo step each: undo puts the project back as it was and
 * redo as it was after, checked with `secuencia-cli info --json` (the
 * whole project as another program sees it) and in the window. */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <gst/gst.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "secuencia-project.h"
#include "secuencia-test-cli.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"
#include "secuencia-window.h"

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
  f->dir = secuencia_test_make_project_dir ("secuencia-window-script-XXXXXX", 4, 0.5, &f->project_path);
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

/* `info --json` of @path, with the assets left out when @without_assets
 * (audio a change brought in stays in the project after an undo). */
static char *
project_json_full (const char *dir,
                   const char *path,
                   gboolean    without_assets,
                   gboolean    without_modified)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "info", path, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  if (without_assets)
    json_object_remove_member (root, "assets");
  if (without_modified)
    {
      JsonArray *timelines = json_object_get_array_member (root, "timelines");

      for (guint i = 0; i < json_array_get_length (timelines); i++)
        json_object_remove_member (json_array_get_object_element (timelines, i), "modified");
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static char *
project_json (const char *dir,
              const char *path,
              gboolean    without_assets)
{
  return project_json_full (dir, path, without_assets, FALSE);
}

static guint
n_assets (const char *dir,
          const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (secuencia_test_run_cli (dir, &out, NULL, "info", path, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                              "assets"));
}

static void
activate (SecuenciaWindow *window,
          const char      *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  secuencia_test_flush_events ();
}

/* Import a script into the open project: lines 0 and 2 stay (and keep
 * their audio and clips), 1 and 3 go, two new lines come. Undo: the
 * project as before, title page and name included; redo: as after. An
 * edit made before the import still undoes after it. */
static void
test_import_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script_path = g_build_filename (f->dir, "Scene.fountain", NULL);
  g_autoptr(GFile) script = g_file_new_for_path (script_path);
  g_autofree char *original = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *again = NULL;
  guint clips;

  /* (undoing an earlier clip edit touches the timeline's modified time) */
  original = project_json_full (f->dir, f->project_path, FALSE, TRUE);
  clips = secuencia_window_get_n_clips (f->window);
  g_assert_cmpuint (clips, ==, 4);

  /* an edit before the import: line 3 removed (with its clip) */
  secuencia_window_select_line (f->window, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-element", "x", (gint64) -1));
  secuencia_test_flush_events ();
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 3);
  moved = project_json (f->dir, f->project_path, FALSE);
  g_assert_cmpstr (moved, !=, original);

  g_file_set_contents (script_path,
                       "Title: The Undo\nAuthor: A. Writer\n\n"
                       "INT. KITCHEN - NIGHT\n\n"
                       "ANA\nLine number 0\n\n"
                       "BEN\nSomething new.\n\n"
                       "ANA\nLine number 2\n\n"
                       "BEN\nAnd more.\n", -1, &error);
  g_assert_no_error (error);
  secuencia_window_import_script (f->window, script);
  secuencia_test_flush_events ();
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 5);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Window Test");
  imported = project_json (f->dir, f->project_path, FALSE);
  g_assert_cmpstr (imported, !=, moved);
  g_assert_nonnull (strstr (imported, "The Undo"));
  /* the line that went is no longer what its clip speaks */
  g_assert_cmpuint (secuencia_window_get_n_clips (f->window), ==, 3);

  activate (f->window, "win.undo");
  again = project_json (f->dir, f->project_path, FALSE);
  g_assert_cmpstr (again, ==, moved);
  g_assert_null (strstr (again, "The Undo"));
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 3);
  g_assert_cmpuint (secuencia_window_get_n_clips (f->window), ==, 3);
  g_clear_pointer (&again, g_free);

  activate (f->window, "win.redo");
  again = project_json (f->dir, f->project_path, FALSE);
  g_assert_cmpstr (again, ==, imported);
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 5);
  g_clear_pointer (&again, g_free);

  /* back past the import to the edit before it */
  activate (f->window, "win.undo");
  activate (f->window, "win.undo");
  again = project_json_full (f->dir, f->project_path, FALSE, TRUE);
  g_assert_cmpstr (again, ==, original);
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 4);
  g_assert_cmpuint (secuencia_window_get_n_clips (f->window), ==, 4);
  g_clear_pointer (&again, g_free);

  /* and forward again to the import */
  activate (f->window, "win.redo");
  activate (f->window, "win.redo");
  again = project_json (f->dir, f->project_path, FALSE);
  g_assert_cmpstr (again, ==, imported);
}

static void
on_voiced (SecuenciaWindow *window,
           guint            n,
           guint           *out)
{
  *out = n + 1;   /* 0 stays "not yet" */
}

/* Scratch voices for the lines of a script without audio: one undo step
 * takes every generated voice off its line (the recordings stay in the
 * project, unused), redo puts them back. */
static void
test_voices_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script_path = g_build_filename (f->dir, "Voices.fountain", NULL);
  g_autoptr(GFile) script = g_file_new_for_path (script_path);
  g_autofree char *before = NULL;
  g_autofree char *voiced_json = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  SecuenciaProject *project;
  guint voiced = 0, assets_before, assets_voiced;

  g_file_set_contents (script_path,
                       "INT. HALL - DAY\n\nCLARA\nWho is there?\n\nDAVID\nOnly me.\n", -1, &error);
  g_assert_no_error (error);
  secuencia_window_import_script (f->window, script);
  secuencia_test_flush_events ();
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 3);
  before = project_json (f->dir, f->project_path, TRUE);
  assets_before = n_assets (f->dir, f->project_path);

  g_signal_connect (f->window, "import-finished", G_CALLBACK (on_voiced), &voiced);
  activate (f->window, "win.scratch-voices");
  while (voiced == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (voiced, ==, 2 + 1);
  secuencia_test_flush_events ();
  voiced_json = project_json (f->dir, f->project_path, TRUE);
  assets_voiced = n_assets (f->dir, f->project_path);
  g_assert_cmpuint (assets_voiced, ==, assets_before + 2);
  g_assert_cmpstr (voiced_json, !=, before);

  activate (f->window, "win.undo");
  again = project_json (f->dir, f->project_path, TRUE);
  g_assert_cmpstr (again, ==, before);
  g_assert_cmpuint (n_assets (f->dir, f->project_path), ==, assets_voiced);
  project = secuencia_window_get_project (f->window);
  elements = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < elements->len; i++)
    {
      const SecuenciaElementInfo *line = elements->pdata[i];
      g_assert_cmpint (line->asset_id, ==, 0);
      g_assert_false (line->scratch);
    }
  g_clear_pointer (&elements, g_ptr_array_unref);
  g_clear_pointer (&again, g_free);

  activate (f->window, "win.redo");
  again = project_json (f->dir, f->project_path, TRUE);
  g_assert_cmpstr (again, ==, voiced_json);
  elements = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  g_assert_true (((SecuenciaElementInfo *) elements->pdata[1])->scratch);
  g_assert_true (((SecuenciaElementInfo *) elements->pdata[2])->scratch);
  g_assert_cmpint (((SecuenciaElementInfo *) elements->pdata[1])->asset_id, >, 0);
}

static gboolean
label_is (GtkWidget *widget,
          gpointer   text)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* Dual dialogue in the screenplay list: the second speaker's row says it
 * is spoken with the line above (its title, which its accessible label
 * holds) and is indented under it. */
static void
test_dual_row (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script_path = g_build_filename (f->dir, "Dual.fountain", NULL);
  g_autoptr(GFile) script = g_file_new_for_path (script_path);
  GtkWidget *dual, *plain;

  g_file_set_contents (script_path,
                       "INT. GARAGE - DAY\n\nBRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n", -1, &error);
  g_assert_no_error (error);
  secuencia_window_import_script (f->window, script);
  secuencia_test_flush_events ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 3);
  dual = secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, label_is,
                                     (gpointer) "STEEL, at the same time as the line above");
  plain = secuencia_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, label_is, (gpointer) "BRICK");
  g_assert_nonnull (dual);
  g_assert_nonnull (plain);
  g_assert_cmpint (gtk_widget_get_margin_start (gtk_widget_get_parent (dual)), >,
                   gtk_widget_get_margin_start (gtk_widget_get_parent (plain)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  gst_init (NULL, NULL);

  g_test_add ("/window-script/import-undo", Fixture, NULL, fixture_set_up, test_import_undo, fixture_tear_down);
  g_test_add ("/window-script/voices-undo", Fixture, NULL, fixture_set_up, test_voices_undo, fixture_tear_down);
  g_test_add ("/window-script/dual-row", Fixture, NULL, fixture_set_up, test_dual_row, fixture_tear_down);
  return g_test_run ();
}
