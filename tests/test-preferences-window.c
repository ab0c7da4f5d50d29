/* test-preferences-window.c: the Preferences' "Encoders at Once" row and
 * its GSettings key (export-jobs: 0 is one per core). */
#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>

#include "secuencia-preferences-window.h"

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
set_jobs (GtkWidget *jobs,
          double     value)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  adw_spin_row_set_value (ADW_SPIN_ROW (jobs), value);
#else
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (jobs), value);
#endif
}

/* Preferences presented (on libadwaita 1.5+ a dialog builds its content
 * into its sheet only then); its jobs control in *@jobs. */
static GtkWidget *
open_preferences (GSettings  *settings,
                  GtkWidget **jobs)
{
  GtkWidget *preferences = secuencia_preferences_window_new (NULL, settings, NULL);
  GtkWidget *root;

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (preferences), NULL);
#else
  gtk_window_present (GTK_WINDOW (preferences));
#endif
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  root = GTK_WIDGET (gtk_widget_get_root (preferences));
  *jobs = find_named (root != NULL ? root : preferences, "export-jobs");
  g_assert_nonnull (*jobs);
  return preferences;
}

static void
close_preferences (GtkWidget *preferences)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_force_close (ADW_DIALOG (preferences));
#else
  gtk_window_destroy (GTK_WINDOW (preferences));
#endif
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_jobs (void)
{
  g_autoptr (GSettings) settings = g_settings_new ("io.github.secuencia.Secuencia");
  g_autofree char *automatic = NULL;
  GtkWidget *preferences, *jobs;
  guint cores = (guint) MAX (1, g_get_num_processors ());

  g_settings_reset (settings, "export-jobs");
  g_assert_cmpuint (g_settings_get_uint (settings, "export-jobs"), ==, 0);

  preferences = open_preferences (settings, &jobs);
  /* 0 reads as what it means */
  automatic = g_strdup_printf (cores == 1 ? "Automatic (%u core)" : "Automatic (%u cores)", cores);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jobs)), ==, automatic);

  /* a number is stored at once, and back to automatic */
  set_jobs (jobs, 3);
  g_assert_cmpuint (g_settings_get_uint (settings, "export-jobs"), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jobs)), ==, "3");
  set_jobs (jobs, 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "export-jobs"), ==, 1);
  set_jobs (jobs, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "export-jobs"), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jobs)), ==, automatic);
  close_preferences (preferences);

  /* a stored value is shown when the window opens again */
  g_settings_set_uint (settings, "export-jobs", 4);
  preferences = open_preferences (settings, &jobs);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jobs)), ==, "4");
  close_preferences (preferences);
  g_settings_reset (settings, "export-jobs");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gst_init (NULL, NULL);
  g_test_add_func ("/preferences-window/jobs", test_jobs);
  return g_test_run ();
}
