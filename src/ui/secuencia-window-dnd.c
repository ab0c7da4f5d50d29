/* secuencia-window-dnd.c: dropping files on the window. A project file
 * (*.secuencia) opens it; a script (*.fountain) is imported; audio files
 * become new screenplay lines. */

#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-window-private.h"

static gboolean
is_project_file (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return base != NULL && g_str_has_suffix (base, ".secuencia");
}

gboolean
_secuencia_window_drop_files (SecuenciaWindow *self,
                              GSList          *list)
{
  g_autoptr(GPtrArray) audio = g_ptr_array_new ();

  g_assert (SECUENCIA_IS_WINDOW (self));

  for (GSList *l = list; l != NULL; l = l->next)
    {
      GFile *file = l->data;

      if (is_project_file (file))
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *path = g_file_get_path (file);

          if (path == NULL)
            {
              g_autofree char *uri = g_file_get_uri (file);
              g_autofree char *escaped = g_markup_escape_text (uri, -1);
              g_autofree char *title = g_strdup_printf (_("“%s” is not a local file"), escaped);

              _secuencia_window_toast (self, title);
              return FALSE;
            }
          if (secuencia_window_is_busy (self))
            {
              GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

              /* Keep this window's export going; open it in a new one. */
              if (app != NULL)
                {
                  GFile *files[1] = { file };
                  g_application_open (G_APPLICATION (app), files, 1, "");
                  return TRUE;
                }
            }
          if (!secuencia_window_open_project (self, path, &error))
            {
              _secuencia_window_show_error (self, _("Could Not Open the Project"), error->message);
              return FALSE;
            }
          return TRUE;
        }
      if (_secuencia_window_is_script_file (file))
        {
          secuencia_window_import_script (self, file);
          return TRUE;
        }
      g_ptr_array_add (audio, file);
    }

  if (audio->len == 0)
    return FALSE;
  if (self->project == NULL)
    {
      _secuencia_window_toast (self, _("Open or create a project before adding audio"));
      return FALSE;
    }
  if (secuencia_window_is_busy (self))
    {
      _secuencia_window_toast (self, _("Wait for the export to finish before adding audio"));
      return FALSE;
    }
  secuencia_window_import_files (self, (GFile **) audio->pdata, audio->len);
  return TRUE;
}

static gboolean
on_drop (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         SecuenciaWindow *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  return _secuencia_window_drop_files (self, g_value_get_boxed (value));
}

void
_secuencia_window_dnd_init (SecuenciaWindow *self)
{
  GtkDropTarget *target;

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, G_CONNECT_DEFAULT);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (target));
}
