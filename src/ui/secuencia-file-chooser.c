/* secuencia-file-chooser.c: see the header. */

#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-file-chooser.h"

static void
return_cancelled (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "%s", _("The dialog was dismissed"));
}

#if GTK_CHECK_VERSION (4, 10, 0)

static GtkFileDialog *
make_dialog_filters (const char    *title,
                     const char    *accept_label,
                     GListModel    *filters,
                     GtkFileFilter *default_filter)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (filters != NULL)
    gtk_file_dialog_set_filters (dialog, filters);
  if (default_filter != NULL)
    gtk_file_dialog_set_default_filter (dialog, default_filter);
  return dialog;
}

static GtkFileDialog *
make_dialog (const char    *title,
             const char    *accept_label,
             GtkFileFilter *filter)
{
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  if (filter != NULL)
    g_list_store_append (filters, filter);
  return make_dialog_filters (title, accept_label, filter != NULL ? G_LIST_MODEL (filters) : NULL,
                              filter);
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  if (file == NULL)
    {
      /* GTK_DIALOG_ERROR_DISMISSED / _CANCELLED: the user said no. */
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_FAILED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        return_cancelled (task);
      return;
    }
  g_task_return_pointer (task, file, g_object_unref);
}

static void
open_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (GPOINTER_TO_INT (g_task_get_task_data (task)))
    {
      g_autoptr(GListModel) model = NULL;

      model = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object), result, &error);
      if (model != NULL)
        for (guint i = 0; i < g_list_model_get_n_items (model); i++)
          g_ptr_array_add (files, g_list_model_get_item (model, i));
    }
  else
    {
      GFile *file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, &error);

      if (file != NULL)
        g_ptr_array_add (files, file);
    }

  if (error != NULL && g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_FAILED))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (files->len == 0)
    return_cancelled (task);
  else
    g_task_return_pointer (task, g_steal_pointer (&files), (GDestroyNotify) g_ptr_array_unref);
}

void
secuencia_file_chooser_save_filters_async (GtkWindow           *parent,
                                           const char          *title,
                                           const char          *accept_label,
                                           const char          *initial_name,
                                           GFile               *initial_folder,
                                           GListModel          *filters,
                                           GtkFileFilter       *default_filter,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GtkFileDialog) dialog = NULL;
  GTask *task;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  task = g_task_new (parent, NULL, callback, user_data);
  g_task_set_source_tag (task, secuencia_file_chooser_save_async);

  dialog = make_dialog_filters (title, accept_label, filters, default_filter);
  if (initial_folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, initial_folder);
  if (initial_name != NULL)
    gtk_file_dialog_set_initial_name (dialog, initial_name);
  gtk_file_dialog_save (dialog, parent, NULL, save_done, task);
}

void
secuencia_file_chooser_open_async (GtkWindow           *parent,
                                   const char          *title,
                                   const char          *accept_label,
                                   GtkFileFilter       *filter,
                                   gboolean             multiple,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GtkFileDialog) dialog = NULL;
  GTask *task;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  task = g_task_new (parent, NULL, callback, user_data);
  g_task_set_source_tag (task, secuencia_file_chooser_open_async);
  g_task_set_task_data (task, GINT_TO_POINTER (multiple), NULL);

  dialog = make_dialog (title, accept_label, filter);
  if (multiple)
    gtk_file_dialog_open_multiple (dialog, parent, NULL, open_done, task);
  else
    gtk_file_dialog_open (dialog, parent, NULL, open_done, task);
}

static void
folder_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GFile *folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (object), result, &error);

  if (folder != NULL)
    g_task_return_pointer (task, folder, g_object_unref);
  else if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_FAILED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    return_cancelled (task);
}

void
secuencia_file_chooser_folder_async (GtkWindow           *parent,
                                     const char          *title,
                                     const char          *accept_label,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GtkFileDialog) dialog = NULL;
  GTask *task;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  task = g_task_new (parent, NULL, callback, user_data);
  g_task_set_source_tag (task, secuencia_file_chooser_folder_async);
  dialog = make_dialog (title, accept_label, NULL);
  gtk_file_dialog_select_folder (dialog, parent, NULL, folder_done, task);
}

#else /* GTK 4.8: GtkFileChooserNative */

static GtkFileChooserNative *
make_native (GtkWindow            *parent,
             const char           *title,
             const char           *accept_label,
             GtkFileChooserAction  action,
             GtkFileFilter        *filter)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (filter != NULL)
    {
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), filter);
    }
  return native;
}

static gboolean
destroy_native (gpointer user_data)
{
  GtkNativeDialog *native = user_data;

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  return G_SOURCE_REMOVE;
}

static void
native_response (GtkNativeDialog *native,
                 int              response,
                 gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      return_cancelled (task);
    }
  else if (g_task_get_source_tag (task) == secuencia_file_chooser_save_async ||
           g_task_get_source_tag (task) == secuencia_file_chooser_folder_async)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file == NULL)
        return_cancelled (task);
      else
        g_task_return_pointer (task, file, g_object_unref);
    }
  else
    {
      g_autoptr(GListModel) model = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (files, g_list_model_get_item (model, i));
      if (files->len == 0)
        return_cancelled (task);
      else
        g_task_return_pointer (task, g_steal_pointer (&files), (GDestroyNotify) g_ptr_array_unref);
    }

  /* The dialog is hidden by now. Taking its widgets apart costs the main
   * loop many milliseconds (and a message to the accessibility bus for
   * each): not in the same iteration as what the answer starts (an
   * export), but once the main loop is idle. */
  g_idle_add_full (G_PRIORITY_LOW, destroy_native, native, NULL);
}

/* Shows @native over @parent; its answer finishes a task tagged
 * @source_tag. The native dialog holds itself alive while shown; our
 * reference is released in the response handler. */
static void
run_native (GtkWindow            *parent,
            GtkFileChooserNative *native,
            gpointer              source_tag,
            GAsyncReadyCallback   callback,
            gpointer              user_data)
{
  GTask *task = g_task_new (parent, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_signal_connect (native, "response", G_CALLBACK (native_response), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
secuencia_file_chooser_save_filters_async (GtkWindow           *parent,
                                           const char          *title,
                                           const char          *accept_label,
                                           const char          *initial_name,
                                           GFile               *initial_folder,
                                           GListModel          *filters,
                                           GtkFileFilter       *default_filter,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GtkFileChooserNative *native;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  native = make_native (parent, title, accept_label, GTK_FILE_CHOOSER_ACTION_SAVE, NULL);
  for (guint i = 0; filters != NULL && i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    }
  if (default_filter != NULL)
    gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), default_filter);
  if (initial_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), initial_folder, NULL);
  if (initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);
  run_native (parent, native, secuencia_file_chooser_save_async, callback, user_data);
}

void
secuencia_file_chooser_open_async (GtkWindow           *parent,
                                   const char          *title,
                                   const char          *accept_label,
                                   GtkFileFilter       *filter,
                                   gboolean             multiple,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GtkFileChooserNative *native;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  native = make_native (parent, title, accept_label, GTK_FILE_CHOOSER_ACTION_OPEN, filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), multiple);
  run_native (parent, native, secuencia_file_chooser_open_async, callback, user_data);
}

void
secuencia_file_chooser_folder_async (GtkWindow           *parent,
                                     const char          *title,
                                     const char          *accept_label,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GtkFileChooserNative *native;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  native = make_native (parent, title, accept_label, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, NULL);
  run_native (parent, native, secuencia_file_chooser_folder_async, callback, user_data);
}

#endif

void
secuencia_file_chooser_save_async (GtkWindow           *parent,
                                   const char          *title,
                                   const char          *accept_label,
                                   const char          *initial_name,
                                   GFile               *initial_folder,
                                   GtkFileFilter       *filter,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  if (filter != NULL)
    g_list_store_append (filters, filter);
  secuencia_file_chooser_save_filters_async (parent, title, accept_label, initial_name, initial_folder,
                                             filter != NULL ? G_LIST_MODEL (filters) : NULL, filter,
                                             callback, user_data);
}

GFile *
secuencia_file_chooser_save_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
secuencia_file_chooser_open_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GFile *
secuencia_file_chooser_folder_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
