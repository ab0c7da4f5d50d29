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

#if ADW_CHECK_VERSION (1, 5, 0)
#define QUESTION(dialog)     ADW_ALERT_DIALOG (dialog)
#define add_response         adw_alert_dialog_add_response
#define set_appearance       adw_alert_dialog_set_response_appearance
#define set_default_response adw_alert_dialog_set_default_response
#define set_close_response   adw_alert_dialog_set_close_response
#else
#define QUESTION(dialog)     ADW_MESSAGE_DIALOG (dialog)
#define add_response         adw_message_dialog_add_response
#define set_appearance       adw_message_dialog_set_response_appearance
#define set_default_response adw_message_dialog_set_default_response
#define set_close_response   adw_message_dialog_set_close_response
#endif

gpointer
secuencia_alert_question_new (GtkWindow  *parent,
                              const char *heading,
                              const char *body,
                              const char *default_response,
                              const char *close_response,
                              const char *destructive_response,
                              const char *suggested_response,
                              const char *first_response,
                              ...)
{
  gpointer dialog;
  va_list args;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  dialog = secuencia_alert_new (heading, body);
#else
  dialog = adw_message_dialog_new (parent, heading, body);
#endif
  va_start (args, first_response);
  for (const char *id = first_response; id != NULL; id = va_arg (args, const char *))
    add_response (QUESTION (dialog), id, va_arg (args, const char *));
  va_end (args);
  if (destructive_response != NULL)
    set_appearance (QUESTION (dialog), destructive_response, ADW_RESPONSE_DESTRUCTIVE);
  if (suggested_response != NULL)
    set_appearance (QUESTION (dialog), suggested_response, ADW_RESPONSE_SUGGESTED);
  set_default_response (QUESTION (dialog), default_response);
  set_close_response (QUESTION (dialog), close_response);
  return dialog;
}

void
secuencia_alert_present (gpointer   dialog,
                         GtkWindow *parent)
{
  g_return_if_fail (dialog != NULL);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (dialog), parent != NULL ? GTK_WIDGET (parent) : NULL);
#else
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}

void
secuencia_alert_show (GtkWindow  *parent,
                      const char *heading,
                      const char *body)
{
  secuencia_alert_present (secuencia_alert_question_new (parent, heading, body, "close", "close", NULL, NULL,
                                                         "close", _("_Close"), NULL),
                           parent);
}
