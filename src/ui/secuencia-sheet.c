/* secuencia-sheet.c: see the header. */
#include "config.h"

#include "secuencia-sheet.h"

GtkWidget *
secuencia_sheet_present (GtkWindow  *parent,
                         const char *title,
                         GtkWidget  *box,
                         int         width,
                         int         height)
{

#if ADW_CHECK_VERSION (1, 5, 0)
  {
    AdwDialog *dialog = adw_dialog_new ();

    adw_dialog_set_title (dialog, title);
    adw_dialog_set_content_width (dialog, width);
    adw_dialog_set_content_height (dialog, height);
    adw_dialog_set_child (dialog, box);
    adw_dialog_present (dialog, GTK_WIDGET (parent));
    return GTK_WIDGET (dialog);
  }
#else
  {
    GtkWidget *window = adw_window_new ();

    gtk_window_set_title (GTK_WINDOW (window), title);
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);
    gtk_window_set_modal (GTK_WINDOW (window), TRUE);
    gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
    GtkEventController *keys = gtk_shortcut_controller_new ();

    /* Escape closes it, as it does an AdwDialog */
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, keys);
    adw_window_set_content (ADW_WINDOW (window), box);
    gtk_window_present (GTK_WINDOW (window));
    return window;
  }
#endif
}

void
secuencia_sheet_close (GtkWidget *widget)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  GtkWidget *dialog = gtk_widget_get_ancestor (widget, ADW_TYPE_DIALOG);

  if (dialog != NULL)
    adw_dialog_force_close (ADW_DIALOG (dialog));
#else
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    gtk_window_destroy (GTK_WINDOW (root));
#endif
}
