/* secuencia-file-chooser.h: the save/open dialogs, written once for both GTK
 * generations: GtkFileDialog on GTK >= 4.10, GtkFileChooserNative on 4.8.
 *
 * Async with GTask: the callback gets the chosen file(s), or an error
 * G_IO_ERROR_CANCELLED when the user dismissed the dialog.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @initial_folder and @filter are nullable. */
void       secuencia_file_chooser_save_async   (GtkWindow           *parent,
                                                const char          *title,
                                                const char          *accept_label,
                                                const char          *initial_name,
                                                GFile               *initial_folder,
                                                GtkFileFilter       *filter,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* The same with several filters (@default_filter among them, shown first);
 * finished with secuencia_file_chooser_save_finish(). */
void       secuencia_file_chooser_save_filters_async (GtkWindow           *parent,
                                                      const char          *title,
                                                      const char          *accept_label,
                                                      const char          *initial_name,
                                                      GFile               *initial_folder,
                                                      GListModel          *filters,
                                                      GtkFileFilter       *default_filter,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GFile     *secuencia_file_chooser_save_finish  (GAsyncResult        *result,
                                                GError             **error);

/* Returns a GPtrArray of GFile (one element unless @multiple). */
void       secuencia_file_chooser_open_async   (GtkWindow           *parent,
                                                const char          *title,
                                                const char          *accept_label,
                                                GtkFileFilter       *filter,
                                                gboolean             multiple,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray *secuencia_file_chooser_open_finish  (GAsyncResult        *result,
                                                GError             **error);

/* Choose a folder (GFile). */
void       secuencia_file_chooser_folder_async  (GtkWindow           *parent,
                                                 const char          *title,
                                                 const char          *accept_label,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GFile     *secuencia_file_chooser_folder_finish (GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
