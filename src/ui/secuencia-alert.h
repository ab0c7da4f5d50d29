/* secuencia-alert.h: a message with a Close button over a window, in the
 * dialog of the libadwaita at hand: AdwAlertDialog from 1.5 on,
 * AdwMessageDialog before. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void secuencia_alert_show (GtkWindow  *parent,
                           const char *heading,
                           const char *body);

G_END_DECLS
