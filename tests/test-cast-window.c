/* test-cast-window.c: the Cast dialog lists each character once, in order
 * of first appearance, with a named voice combo and pitch spin; a change
 * is stored in the project at once, and “Re-voice Changed Characters”
 * takes the scratch audio off the changed characters' lines only (so the
 * next voicing speaks them with the new voice). Real widgets under a
 * display (xvfb-run). */
#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>

#include "secuencia-cast-window.h"
#include "secuencia-project.h"
#include "secuencia-scratch-voices.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"

static const char script[] =
  "INT. ROOM - DAY\n\nANA\nGood morning.\n\nBOB\nHello.\n\nANA\nShall we go?\n";

static void
collect (GtkWidget *widget, GType type, GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static char *
metadata (SecuenciaProject *project, const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = secuencia_project_dup_metadata (project, key, &error);

  g_assert_no_error (error);
  return value;
}

static void
test_cast (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("secuencia-cast-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "play.secuencia", NULL);
  g_autofree char *script_path = g_build_filename (dir, "play.fountain", NULL);
  g_autoptr(GFile) script_file = g_file_new_for_path (script_path);
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(SecuenciaFountainScript) parsed = NULL;
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();
  g_autoptr(GPtrArray) elements = NULL;
  g_autofree char *bob_default = NULL;
  g_autofree char *ana_pitch = NULL;
  g_autofree char *bob_voice = NULL;
  g_autofree char *bob_pitch = NULL;
  g_autofree char *ana_voice = NULL;
  GtkWidget *window, *revoice = NULL;
  int bob_default_pitch;
  guint n = 0;

  g_assert_no_error (error);
  g_file_set_contents (script_path, script, -1, &error);
  g_assert_no_error (error);
  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  parsed = secuencia_project_import_script (project, script_file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (secuencia_scratch_voices_run (path, FALSE, NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  window = secuencia_cast_window_new (NULL, project);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (window), NULL);
#else
  gtk_window_present (GTK_WINDOW (window));
#endif
  gtk_test_widget_wait_for_draw (window);

  /* one voice combo and one pitch spin per character, ANA then BOB,
   * each named after its character */
  collect (window, GTK_TYPE_SPIN_BUTTON, spins);
  collect (window, ADW_TYPE_COMBO_ROW, combos);
  g_assert_cmpuint (spins->len, ==, 2);
  g_assert_cmpuint (combos->len, ==, 2);
  g_assert_null (gtk_test_accessible_check_property (spins->pdata[0], GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Pitch of ANA, 0 to 99"));
  g_assert_null (gtk_test_accessible_check_property (spins->pdata[1], GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Pitch of BOB, 0 to 99"));
  g_assert_null (gtk_test_accessible_check_property (combos->pdata[1], GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Voice of BOB"));
  /* they show the voices the characters get now */
  secuencia_scratch_voice_for (1, &bob_default, &bob_default_pitch);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spins->pdata[1]), ==, bob_default_pitch);
  g_assert_null (metadata (project, "cast.BOB.pitch"));   /* opening stores nothing */
  {
    GtkWidget *group = gtk_widget_get_ancestor (combos->pdata[0], ADW_TYPE_PREFERENCES_GROUP);
    revoice = adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group));
  }
  g_assert_false (gtk_widget_get_sensitive (revoice));

  /* ANA changes: stored at once, with the other half of her voice */
  gtk_spin_button_set_value (spins->pdata[0], 12);
  adw_combo_row_set_selected (combos->pdata[0], 7);   /* Female 1 */
  ana_pitch = metadata (project, "cast.ANA.pitch");
  ana_voice = metadata (project, "cast.ANA.voice");
  g_assert_cmpstr (ana_pitch, ==, "12");
  g_assert_cmpstr (ana_voice, ==, "en+f1");
  bob_voice = metadata (project, "cast.BOB.voice");
  bob_pitch = metadata (project, "cast.BOB.pitch");
  g_assert_null (bob_voice);
  g_assert_null (bob_pitch);
  g_assert_true (gtk_widget_get_sensitive (revoice));

  /* Re-voice: ANA's scratch lines lose their audio, BOB keeps his */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  /* (gtk_widget_activate() would click after a timeout) */
  g_signal_emit_by_name (revoice, "clicked");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  elements = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < elements->len; i++)
    {
      SecuenciaElementInfo *element = elements->pdata[i];

      if (element->kind != SECUENCIA_ELEMENT_DIALOGUE)
        continue;
      if (g_str_equal (element->character, "ANA"))
        g_assert_cmpint (element->asset_id, ==, 0);
      else
        {
          g_assert_cmpint (element->asset_id, >, 0);
          g_assert_true (element->scratch);
        }
    }
  /* and voicing again speaks only those */
  g_assert_true (secuencia_scratch_voices_run (path, FALSE, NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);

  if (window != NULL)
    secuencia_test_close_dialog (window);
  g_clear_object (&project);
  secuencia_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  gst_init (NULL, NULL);

  g_test_add_func ("/cast-window/cast", test_cast);
  return g_test_run ();
}
