/* secuencia-test-window.c: see the header. */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "secuencia-alert.h"
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

char *
secuencia_test_make_project_dir (const char  *tmpl,
                                 guint        n_lines,
                                 double       seconds,
                                 char       **out_project_path)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  *out_project_path = g_build_filename (dir, "project.secuencia", NULL);
  secuencia_test_make_project (dir, *out_project_path, n_lines, seconds);
  return dir;
}

SecuenciaWindow *
secuencia_test_open_window (GtkApplication *application,
                            const char     *path)
{
  g_autoptr(GError) error = NULL;
  SecuenciaWindow *window = g_object_ref (secuencia_window_new (application));

  g_assert_true (secuencia_window_open_project (window, path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

void
secuencia_test_close_window (SecuenciaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  secuencia_test_flush_events ();
  g_assert_finalize_object (window);
}

typedef struct
{
  gboolean *finished;
  gboolean *success;
} ExportWatch;

static void
on_export_finished (SecuenciaWindow *window,
                    gboolean         success,
                    ExportWatch     *watch)
{
  *watch->finished = TRUE;
  if (watch->success != NULL)
    *watch->success = success;
}

void
secuencia_test_watch_export (SecuenciaWindow *window,
                             gboolean        *finished,
                             gboolean        *success)
{
  ExportWatch *watch = g_new0 (ExportWatch, 1);

  watch->finished = finished;
  watch->success = success;
  g_signal_connect_data (window, "export-finished", G_CALLBACK (on_export_finished), watch,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
}

gboolean
secuencia_test_flag_is_set (gpointer flag)
{
  return *(gboolean *) flag;
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

GtkWidget *
secuencia_test_find_dialog (GtkWindow *window,
                            GType      type)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *dialog = NULL;

  if (ADW_IS_APPLICATION_WINDOW (window))
    dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  else if (ADW_IS_WINDOW (window))
    dialog = adw_window_get_visible_dialog (ADW_WINDOW (window));
  return dialog != NULL && g_type_is_a (G_OBJECT_TYPE (dialog), type) ? GTK_WIDGET (dialog) : NULL;
#else
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (w), type) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          gtk_window_get_transient_for (w) == window)
        return GTK_WIDGET (w);
    }
  return NULL;
#endif
}

void
secuencia_test_close_dialog (GtkWidget *dialog)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_force_close (ADW_DIALOG (dialog));
#else
  gtk_window_destroy (GTK_WINDOW (dialog));
#endif
}

GtkWidget *
secuencia_test_find_alert (GtkWindow *window)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return secuencia_test_find_dialog (window, ADW_TYPE_ALERT_DIALOG);
#else
  return secuencia_test_find_dialog (window, ADW_TYPE_MESSAGE_DIALOG);
#endif
}

const char *
secuencia_test_alert_heading (GtkWidget *alert)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return secuencia_alert_get_heading (ADW_ALERT_DIALOG (alert));
#else
  return adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (alert));
#endif
}

const char *
secuencia_test_alert_body (GtkWidget *alert)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return secuencia_alert_get_body (ADW_ALERT_DIALOG (alert));
#else
  return adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (alert));
#endif
}

static gboolean
has_label (GtkWidget *widget,
           gpointer   label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

void
secuencia_test_alert_click (GtkWidget  *alert,
                            const char *label)
{
  GtkWidget *button = secuencia_test_find_widget (alert, GTK_TYPE_BUTTON, has_label, (gpointer) label);

  if (button == NULL)
    g_error ("the alert “%s” has no button “%s”", secuencia_test_alert_heading (alert), label);
  /* (gtk_widget_activate() would click after a timeout) */
  g_signal_emit_by_name (button, "clicked");
}
