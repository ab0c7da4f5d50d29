/* test-window-a11y.c: every widget a person can act on in the window (the
 * first-run page, a project with lines and its timeline, the hidden
 * progress card) and in Preferences has an accessible name, and none is
 * named by a mnemonic's raw text ("_Export"). Walks the real widget tree
 * under a display (xvfb-run). */

#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>
#include <glib/gstdio.h>

#include "secuencia-application.h"
#include "secuencia-preferences-window.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"
#include "secuencia-window.h"

static SecuenciaApplication *application;

static gboolean
is_actionable (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_DROP_DOWN (widget) || GTK_IS_SCALE (widget) || GTK_IS_LIST_BOX (widget) ||
         GTK_IS_LIST_VIEW (widget);
}

/* A visible label with text inside @widget names it from its content. */
static gboolean
has_label_inside (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        return TRUE;
      if (has_label_inside (child))
        return TRUE;
    }
  return FALSE;
}

/* Widgets libadwaita and GTK build themselves are theirs to name: the lists
 * of a drop-down's or combo row's popover and of a preferences group; and,
 * from libadwaita 1.5 on, an entry row's apply button and a preferences
 * dialog's search toggle (hidden here: search is off), icon buttons it
 * describes by their tooltips. */
static gboolean
is_library_widget (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget) || GTK_IS_LIST_VIEW (widget))
    return gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) != NULL ||
           gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP) != NULL;
#if ADW_CHECK_VERSION (1, 5, 0)
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_tooltip_text (widget) != NULL)
    {
      GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW);
      GtkWidget *header = gtk_widget_get_ancestor (widget, ADW_TYPE_HEADER_BAR);

      /* the apply button, beside the row's own text, not one of our suffixes */
      if (row != NULL && g_str_equal (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)), "AdwGizmo"))
        return TRUE;
      if (header != NULL && gtk_widget_get_ancestor (header, ADW_TYPE_PREFERENCES_DIALOG) != NULL &&
          GTK_IS_TOGGLE_BUTTON (widget) && !gtk_widget_get_visible (widget))
        return TRUE;
    }
#endif
  return FALSE;
}

static gboolean
has_own_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* The mnemonic text a button shows, when it shows one with an underscore. */
static const char *
mnemonic_label (GtkWidget *widget)
{
  const char *label = NULL;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)))
    label = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)))
    label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
  else if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (widget)))
    label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
  return label != NULL && strchr (label, '_') != NULL ? label : NULL;
}

/* "AdwHeaderBar > GtkBox > GtkButton": where a problem is. */
static char *
describe (GtkWidget *widget)
{
  g_autoptr(GString) path = g_string_new (G_OBJECT_TYPE_NAME (widget));

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      g_string_prepend (path, " > ");
      g_string_prepend (path, G_OBJECT_TYPE_NAME (w));
    }
  return g_string_free (g_steal_pointer (&path), FALSE);
}

static void
check_tree (GtkWidget *widget,
            GString   *problems)
{
  if (is_actionable (widget) && !is_library_widget (widget))
    {
      const char *mnemonic = mnemonic_label (widget);

      if (mnemonic != NULL)
        {
          /* GTK 4.8 names such a button by its raw text, underscore included. */
          g_autofree char *differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                         mnemonic);

          if (differs == NULL)
            {
              g_autofree char *where = describe (widget);

              g_string_append_printf (problems, "%s is named “%s”, with the mnemonic's underscore\n",
                                      where, mnemonic);
            }
        }
      else if (!has_own_name (widget) &&
               (GTK_IS_LIST_BOX (widget) || GTK_IS_LIST_VIEW (widget) || !has_label_inside (widget)))
        {
          g_autofree char *where = describe (widget);

          g_string_append_printf (problems, "%s has no accessible name\n", where);
        }
      /* GTK names a menu button's inner button, and an entry's text, itself. */
      if (GTK_IS_MENU_BUTTON (widget) || GTK_IS_EDITABLE (widget))
        return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_tree (child, problems);
}

static void
assert_all_named (GtkWidget *root)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  check_tree (root, problems);
  if (problems->len > 0)
    g_error ("unnamed widgets in %s:\n%s", G_OBJECT_TYPE_NAME (root), problems->str);
}

static SecuenciaWindow *
open_window (const char *project_path)
{
  g_autoptr(GError) error = NULL;
  SecuenciaWindow *window = g_object_ref (secuencia_window_new (GTK_APPLICATION (application)));

  if (project_path != NULL)
    {
      g_assert_true (secuencia_window_open_project (window, project_path, &error));
      g_assert_no_error (error);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 860, 640);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
test_first_run (void)
{
  SecuenciaWindow *window = open_window (NULL);

  assert_all_named (GTK_WIDGET (window));
  secuencia_test_close_window (window);
}

static void
test_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("secuencia-a11y-XXXXXX", &error);
  g_autofree char *path = NULL;
  SecuenciaWindow *window;
  GtkWidget *preferences;

  g_assert_no_error (error);
  path = g_build_filename (dir, "project.secuencia", NULL);
  secuencia_test_make_project (dir, path, 3, 0.2);
  window = open_window (path);
  assert_all_named (GTK_WIDGET (window));

  /* Preferences as a person opens them (Ctrl+,'s action), over the window */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  preferences = secuencia_test_find_dialog (GTK_WINDOW (window), SECUENCIA_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  gtk_test_widget_wait_for_draw (preferences);
  assert_all_named (preferences);
  secuencia_test_close_dialog (preferences);

  secuencia_test_close_window (window);
  secuencia_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The suite turns accessibility off (GTK_A11Y=none), which keeps no
   * accessible properties to check; the test backend keeps them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  gst_init (NULL, NULL);

  application = secuencia_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, NULL));

  g_test_add_func ("/window-a11y/first-run", test_first_run);
  g_test_add_func ("/window-a11y/project", test_project);

  {
    int ret = g_test_run ();

    g_clear_object (&application);
    return ret;
  }
}
