/* secuencia-window-split.c: exporting as several files from the window
 * (Preferences › Export › Split: one file per scene, or one stem per lane),
 * named as `secuencia-cli export --split` names them, in the folder of the
 * name chosen in the save dialog (which still appears at once). The parts
 * are planned on the main context from metadata (the timeline the export
 * stored), written one after another by the export engine with one
 * progress over all of them, all or none; each file gets a result row. */

#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-export-split.h"
#include "secuencia-result-row.h"
#include "secuencia-window-private.h"

GPtrArray *
_secuencia_window_split_plan (SecuenciaWindow               *self,
                              gint64                         timeline_id,
                              GFile                         *destination,
                              const SecuenciaExportOptions  *options,
                              GError                       **error)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "export-split");
  SecuenciaExportSplit split = SECUENCIA_EXPORT_SPLIT_NONE;

  /* a value set by hand that is not a choice: one file */
  if (!secuencia_export_split_from_string (setting, &split, NULL) || split == SECUENCIA_EXPORT_SPLIT_NONE)
    return NULL;
  return secuencia_export_split_plan (self->project, timeline_id, split, destination, options, error);
}

static void
on_part (guint    index,
         guint    n,
         GFile   *destination,
         gpointer user_data)
{
  SecuenciaWindow *self = user_data;
  g_autofree char *name = g_file_get_basename (destination);
  g_autofree char *title = NULL;

  if (self->disposed)
    return;
  /* Translators: part number, number of parts, a file name */
  title = g_strdup_printf (_("Exporting part %u of %u: “%s”"), index + 1, n, name);
  secuencia_export_panel_set_title (self->export_panel, title);
}

void
_secuencia_window_split_start (SecuenciaWindow     *self,
                               gint64               timeline_id,
                               GPtrArray           *parts,
                               GAsyncReadyCallback  callback)
{
  g_ptr_array_ref (parts);
  g_clear_pointer (&self->export_parts, g_ptr_array_unref);
  self->export_parts = parts;
  /* the window outlives the run: export_done holds a reference */
  secuencia_export_split_async (secuencia_project_get_path (self->project), timeline_id, parts,
                                self->progress, on_part, self, self->export_cancellable,
                                callback, g_object_ref (self));
}

static void
show_folder_clicked (AdwToast *toast,
                     gpointer  user_data)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (user_data);
  GFile *file = g_object_get_data (G_OBJECT (toast), "file");

  if (file != NULL && !self->disposed)
    secuencia_show_in_files (GTK_WIDGET (self), file);
}

void
_secuencia_window_split_succeeded (SecuenciaWindow *self,
                                   GArray          *durations)
{
  g_autoptr(GPtrArray) parts = g_steal_pointer (&self->export_parts);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *title = NULL;
  AdwToast *toast;
  GFile *first;

  if (parts == NULL || parts->len == 0)
    return;
  /* one row per file, the first on top */
  for (guint i = parts->len; i-- > 0;)
    {
      GFile *file = ((SecuenciaExportPart *) parts->pdata[i])->destination;
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
      SecuenciaTime duration = durations != NULL && i < durations->len
                               ? g_array_index (durations, SecuenciaTime, i) : 0;

      self->result_row = secuencia_result_row_new (file, duration, info != NULL ? g_file_info_get_size (info) : 0);
      gtk_list_box_prepend (self->results_list, self->result_row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), TRUE);
  _secuencia_window_update_actions (self);

  for (guint i = 0; i < parts->len; i++)
    {
      g_autofree char *name = g_file_get_basename (((SecuenciaExportPart *) parts->pdata[i])->destination);
      g_autofree char *escaped = g_markup_escape_text (name, -1);

      g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "", escaped);
    }
  /* Translators: a number of files, then their names */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u file: %s", "Exported %u files: %s",
                                        parts->len), parts->len, names->str);
  toast = _secuencia_window_toast (self, title);
  first = ((SecuenciaExportPart *) parts->pdata[0])->destination;
  adw_toast_set_button_label (toast, _("Show in Files"));
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "file", g_object_ref (first), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_folder_clicked), self, G_CONNECT_DEFAULT);
}
