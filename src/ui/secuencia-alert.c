/* secuencia-alert.c: messages and questions over a window. */
#include "config.h"

#include "secuencia-alert.h"

#include <glib/gi18n.h>

#if ADW_CHECK_VERSION (1, 5, 0)

#if !ADW_CHECK_VERSION (1, 8, 0)
/* Before libadwaita 1.8 a heading wider than the dialog is measured below
 * its minimum width (libadwaita issue 1025: a GTK warning, fatal in the
 * tests), and our headings name files. The heading and the body are then
 * labels of our own, both wrapping anywhere, in the dialog's extra child. */
static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, css_class);
  return label;
}
#endif

AdwDialog *
secuencia_alert_new (const char *heading,
                     const char *body)
{
#if ADW_CHECK_VERSION (1, 8, 0)
  return adw_alert_dialog_new (heading, body);
#else
  AdwDialog *dialog = adw_alert_dialog_new (NULL, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = text_label (heading, "title-2");
  GtkWidget *text = text_label (body, "body");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), text);
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dialog),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, text, NULL, -1);
  return dialog;
#endif
}

const char *
secuencia_alert_get_heading (AdwAlertDialog *dialog)
{
  g_return_val_if_fail (ADW_IS_ALERT_DIALOG (dialog), NULL);
#if ADW_CHECK_VERSION (1, 8, 0)
  return adw_alert_dialog_get_heading (dialog);
#else
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (adw_alert_dialog_get_extra_child (dialog))));
#endif
}

const char *
secuencia_alert_get_body (AdwAlertDialog *dialog)
{
  g_return_val_if_fail (ADW_IS_ALERT_DIALOG (dialog), NULL);
#if ADW_CHECK_VERSION (1, 8, 0)
  return adw_alert_dialog_get_body (dialog);
#else
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (adw_alert_dialog_get_extra_child (dialog))));
#endif
}

#endif /* libadwaita 1.5 */

void
secuencia_alert_show (GtkWindow  *parent,
                      const char *heading,
                      const char *body)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  dialog = secuencia_alert_new (heading, body);
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
