/* secuencia-window-recent.c: the recent projects, in the main menu's
 * Recent Projects submenu and as a list on the first-run page. Each shows
 * the project's name and its folder, so two projects named alike can be
 * told apart; projects whose file is gone are dropped (secuencia-recent.c);
 * one that fails to open is dropped by the application. */

#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-recent.h"
#include "secuencia-window-private.h"

static GtkWidget *
recent_row_new (const char *path)
{
  g_autofree char *title = secuencia_recent_dup_title (path);
  g_autofree char *folder = secuencia_recent_dup_folder (path);
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_folder = g_markup_escape_text (folder, -1);
  /* Translators: how a screen reader announces a recent project: name, folder */
  g_autofree char *accessible = g_strdup_printf (_("Open %s in %s"), title, folder);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_folder);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-recent");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (path));
  gtk_widget_set_tooltip_text (row, path);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
update_recent (SecuenciaWindow *self)
{
  g_auto(GStrv) recent = secuencia_recent_list (self->settings);
  GtkWidget *child;

  g_menu_remove_all (self->recent_menu);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *title = secuencia_recent_dup_title (recent[i]);
      g_autofree char *folder = secuencia_recent_dup_folder (recent[i]);
      /* Translators: a Recent Projects menu item: project name — folder */
      g_autofree char *label = g_strdup_printf (_("%s — %s"), title, folder);
      g_autoptr(GMenuItem) item = NULL;

      /* Menu labels take underscores as mnemonics: double them. */
      {
        g_auto(GStrv) parts = g_strsplit (label, "_", -1);
        g_free (label);
        label = g_strjoinv ("__", parts);
      }
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_menu, item);
      gtk_list_box_append (self->recent_list, recent_row_new (recent[i]));
    }
  if (recent[0] == NULL)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Projects"), "win.none");

      g_menu_append_item (self->recent_menu, item);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), recent[0] != NULL);
}

static void
on_is_active (SecuenciaWindow *self,
              GParamSpec      *pspec,
              gpointer         user_data)
{
  /* A recent project may have been deleted while the window was away. */
  if (gtk_window_is_active (GTK_WINDOW (self)) && self->project == NULL)
    update_recent (self);
}

void
_secuencia_window_recent_init (SecuenciaWindow *self)
{
  self->recent_menu = g_object_ref (self->recent_submenu);
  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active), NULL);
  update_recent (self);
}
