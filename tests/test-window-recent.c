/* test-window-recent.c: Recent Projects, through the real window and
 * application under a display: projects whose file is gone are dropped,
 * one that cannot be opened leaves the list, and each entry shows its
 * folder so that two projects named alike can be told apart. */

#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>
#include <glib/gstdio.h>

#include "secuencia-application.h"
#include "secuencia-project.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"
#include "secuencia-window.h"

static gboolean
is_recent_list (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "boxed-list") &&
         gtk_widget_get_ancestor (widget, ADW_TYPE_STATUS_PAGE) != NULL;
}

static void
make (const char *path)
{
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

/* The items of the main menu's Recent Projects submenu, as "label\ttarget". */
static GPtrArray *
menu_items (SecuenciaWindow *window)
{
  GtkWidget *button = secuencia_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL, NULL);
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autoptr(GMenuModel) sub = g_menu_model_get_item_link (section, i, G_MENU_LINK_SUBMENU);

          for (int j = 0; sub != NULL && j < g_menu_model_get_n_items (sub); j++)
            {
              g_autofree char *label = NULL;
              g_autoptr(GVariant) target = NULL;

              g_menu_model_get_item_attribute (sub, j, G_MENU_ATTRIBUTE_LABEL, "s", &label);
              target = g_menu_model_get_item_attribute_value (sub, j, G_MENU_ATTRIBUTE_TARGET,
                                                              G_VARIANT_TYPE_STRING);
              g_ptr_array_add (out, g_strdup_printf ("%s\t%s", label,
                                                     target ? g_variant_get_string (target, NULL) : ""));
            }
        }
    }
  return out;
}

static void
test_recent (void)
{
  g_autoptr(SecuenciaApplication) app = secuencia_application_new ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.secuencia.Secuencia");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("secuencia-recent-XXXXXX", &error);
  g_autofree char *dir_a = g_build_filename (dir, "Act One", NULL);
  g_autofree char *dir_b = g_build_filename (dir, "Act Two", NULL);
  g_autofree char *a = g_build_filename (dir_a, "Scene.secuencia", NULL);
  g_autofree char *b = g_build_filename (dir_b, "Scene.secuencia", NULL);
  g_autofree char *gone = g_build_filename (dir, "Gone.secuencia", NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_auto(GStrv) stored = NULL;
  SecuenciaWindow *window;
  GtkWidget *list;
  GtkWidget *row;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (dir_a, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (dir_b, 0700), ==, 0);
  make (a);
  make (b);
  make (gone);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* Opened once each (the window remembers them), newest first. */
  {
    SecuenciaWindow *opener = secuencia_window_new (GTK_APPLICATION (app));

    g_object_ref_sink (opener);
    for (const char * const *p = (const char * const[]) { gone, b, a, NULL }; *p; p++)
      {
        g_assert_true (secuencia_window_open_project (opener, *p, &error));
        g_assert_no_error (error);
      }
    gtk_window_destroy (GTK_WINDOW (opener));
    g_object_unref (opener);
    secuencia_test_flush_events ();
  }
  g_assert_cmpint (g_unlink (gone), ==, 0);

  window = g_object_ref (secuencia_window_new (GTK_APPLICATION (app)));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The deleted project is gone from the menu, the first-run list and the
   * setting. */
  stored = g_settings_get_strv (settings, "recent-projects");
  g_assert_cmpuint (g_strv_length (stored), ==, 2);
  g_assert_cmpstr (stored[0], ==, a);
  g_assert_cmpstr (stored[1], ==, b);

  items = menu_items (window);
  g_assert_cmpuint (items->len, ==, 2);
  for (guint i = 0; i < items->len; i++)
    g_test_message ("menu: %s", (char *) items->pdata[i]);
  /* Alike names, told apart by their folders. */
  g_assert_true (g_str_has_prefix (items->pdata[0], "Scene — "));
  g_assert_nonnull (strstr (items->pdata[0], "Act One\t"));
  g_assert_nonnull (strstr (items->pdata[1], "Act Two\t"));
  g_assert_true (g_str_has_suffix (items->pdata[0], a));

  list = secuencia_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, is_recent_list, NULL);
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_get_visible (list));
  row = gtk_widget_get_first_child (list);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Scene");
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Act One"));
  row = gtk_widget_get_next_sibling (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Scene");
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Act Two"));
  g_assert_null (gtk_widget_get_next_sibling (row));

  /* A recent project that is no longer a project (damaged, overwritten)
   * leaves the list when it fails to open, and the window says so. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (b);

    g_assert_true (g_file_replace_contents (file, "not a project at all", 20, NULL, FALSE,
                                            G_FILE_CREATE_NONE, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  row = gtk_widget_get_last_child (list);
  g_assert_true (gtk_widget_activate (row));
  secuencia_test_flush_events ();
  g_clear_pointer (&stored, g_strfreev);
  stored = g_settings_get_strv (settings, "recent-projects");
  g_assert_cmpuint (g_strv_length (stored), ==, 1);
  g_assert_cmpstr (stored[0], ==, a);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = menu_items (window);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_null (gtk_widget_get_next_sibling (gtk_widget_get_first_child (list)));

  /* Activating the row that is left opens it. */
  g_assert_true (gtk_widget_activate (gtk_widget_get_first_child (list)));
  secuencia_test_flush_events ();
  g_assert_nonnull (secuencia_window_get_project (window));
  g_assert_cmpstr (secuencia_project_get_path (secuencia_window_get_project (window)), ==, a);

  {
    GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

    for (GList *l = windows; l != NULL; l = l->next)
      gtk_window_destroy (l->data);
    g_list_free (windows);
  }
  secuencia_test_flush_events ();
  g_assert_finalize_object (window);
  secuencia_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  gst_init (NULL, NULL);

  g_test_add_func ("/window-recent/drop-missing-show-folder", test_recent);

  return g_test_run ();
}
