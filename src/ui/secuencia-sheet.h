/* secuencia-sheet.h: a modal sheet over a window, in the dialog of the
 * libadwaita at hand: an AdwDialog from 1.5 on, a modal AdwWindow
 * transient for the parent before. @child holds its own header bar. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shown at once over @parent; returns it (owned by GTK). */
GtkWidget *secuencia_sheet_present (GtkWindow  *parent,
                                    const char *title,
                                    GtkWidget  *child,
                                    int         width,
                                    int         height);
/* Close the sheet that holds @widget (any widget inside it). */
void       secuencia_sheet_close   (GtkWidget  *widget);

G_END_DECLS
