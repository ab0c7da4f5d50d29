/* secuencia-window-files.c: when a file cannot be opened or shown (no app
 * for its type, no file manager on the system), the window says what
 * happened in plain words, names the file, and offers to copy its path so
 * the person can get to it another way. */

#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-window-private.h"

void
_secuencia_window_launch_failed (SecuenciaWindow *self,
                                 GFile           *file,
                                 SecuenciaLaunch  what)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (SECUENCIA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->disposed)
    return;

  if (what == SECUENCIA_LAUNCH_SHOW_IN_FILES)
    /* Translators: %s is a file name */
    title = g_strdup_printf (_("No file manager is available to show “%s”"), escaped);
  else
    /* Translators: %s is a file name */
    title = g_strdup_printf (_("No app is available to open “%s”"), escaped);

  toast = _secuencia_window_toast (self, title);
  adw_toast_set_timeout (toast, 0);  /* until dismissed: the person may need the path */
  if (path != NULL)
    {
      adw_toast_set_button_label (toast, _("Copy Path"));
      adw_toast_set_action_name (toast, "win.copy-path");
      adw_toast_set_action_target_value (toast, g_variant_new_string (path));
    }
}

static void
copy_path_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  const char *path = g_variant_get_string (param, NULL);
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *escaped = g_markup_escape_text (display, -1);
  g_autofree char *title = NULL;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), display);
  /* Translators: %s is a file's full path */
  title = g_strdup_printf (_("Copied “%s”"), escaped);
  _secuencia_window_toast (self, title);
}

void
_secuencia_window_class_files_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.copy-path", "s", copy_path_action);
}
