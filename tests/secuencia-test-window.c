/* secuencia-test-window.c: see the header. */
#include <glib/gstdio.h>

#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-window.h"

void
secuencia_test_make_project (const char *dir,
                             const char *path,
                             guint       n_lines,
                             double      seconds)
{
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (secuencia_project_set_name (project, "Window Test", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_lines; i++)
    {
      g_autofree char *name = g_strdup_printf ("tone-%02u.wav", i);
      g_autofree char *wav = g_build_filename (dir, name, NULL);
      g_autofree char *text = g_strdup_printf ("Line number %u", i);
      g_autoptr(GFile) file = g_file_new_for_path (wav);
      gint64 asset;

      g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                      300.0 + 50.0 * (i % 16), seconds, 0.3, &error));
      g_assert_no_error (error);
      asset = secuencia_project_import_audio (project, file, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (asset, >, 0);
      secuencia_project_append_element (project, i % 2 ? "Ben" : "Ana", text, asset, &error);
      g_assert_no_error (error);
      g_unlink (wav);
    }
}

void
secuencia_test_flush_events (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
secuencia_test_wait_until (gboolean (*func) (gpointer),
                           gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!func (data))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting");
    }
}

void
secuencia_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

GtkWidget *
secuencia_test_find_widget (GtkWidget  *root,
                            GType       type,
                            gboolean  (*match) (GtkWidget *, gpointer),
                            gpointer    data)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type) && (match == NULL || match (root, data)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = secuencia_test_find_widget (child, type, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
secuencia_test_widget_is_inside (GtkWidget *widget,
                                 GtkWidget *ancestor)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (widget == ancestor)
      return TRUE;
  return FALSE;
}
