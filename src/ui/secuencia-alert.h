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

#if ADW_CHECK_VERSION (1, 5, 0)
/* An AdwAlertDialog showing @heading and @body, without responses yet. */
AdwDialog  *secuencia_alert_new         (const char *heading,
                                         const char *body);
const char *secuencia_alert_get_heading (AdwAlertDialog *dialog);
const char *secuencia_alert_get_body    (AdwAlertDialog *dialog);
#endif

G_END_DECLS
