/* secuencia-alert.h: messages and questions over a window, in the dialog of
 * the libadwaita at hand: AdwAlertDialog from 1.5 on, AdwMessageDialog
 * before. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A message with a Close button. */
void secuencia_alert_show (GtkWindow  *parent,
                           const char *heading,
                           const char *body);

/* A question over @parent (not shown yet): @heading, @body and the
 * responses @first_response, its label, … (NULL-terminated); Enter gives
 * @default_response, Escape @close_response; @destructive_response and
 * @suggested_response (nullable) look so. Its "response" signal is
 * (dialog, const char *response, user_data) whatever the dialog's type
 * (AdwAlertDialog from libadwaita 1.5 on, AdwMessageDialog before). */
gpointer secuencia_alert_question_new (GtkWindow  *parent,
                                       const char *heading,
                                       const char *body,
                                       const char *default_response,
                                       const char *close_response,
                                       const char *destructive_response,
                                       const char *suggested_response,
                                       const char *first_response,
                                       ...) G_GNUC_NULL_TERMINATED;
/* Shows what secuencia_alert_question_new() made over @parent. */
void     secuencia_alert_present      (gpointer    dialog,
                                       GtkWindow  *parent);

#if ADW_CHECK_VERSION (1, 5, 0)
/* An AdwAlertDialog showing @heading and @body, without responses yet. */
AdwDialog  *secuencia_alert_new         (const char *heading,
                                         const char *body);
const char *secuencia_alert_get_heading (AdwAlertDialog *dialog);
const char *secuencia_alert_get_body    (AdwAlertDialog *dialog);
#endif

G_END_DECLS
