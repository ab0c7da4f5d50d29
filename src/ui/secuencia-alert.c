/* secuencia-alert.c: a message with a Close button over a window. */
#include "config.h"

#include "secuencia-alert.h"

#include <adwaita.h>
#include <glib/gi18n.h>

void
secuencia_alert_show (GtkWindow  *parent,
                      const char *heading,
                      const char *body)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  dialog = adw_alert_dialog_new (heading, body);
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "close");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "close");
  adw_dialog_present (dialog, parent != NULL ? GTK_WIDGET (parent) : NULL);
#else
  GtkWidget *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}
