/* secuencia-tab-stop.h: a container that makes what it holds one Tab stop.
 *
 * A GtkListView gives every row (and every button in a row) its own Tab
 * stop, so leaving a list of 2,000 lines takes thousands of Tab presses.
 * Inside a SecuenciaTabStop, Tab and Shift+Tab enter the child (the list
 * puts the focus on its current row) and the next Tab leaves it; the
 * arrow keys move inside, as the list's own key bindings do. (GTK 4.12's
 * GtkListView:tab-behavior does the same; this works on GTK 4.8 too.) */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SECUENCIA_TYPE_TAB_STOP (secuencia_tab_stop_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaTabStop, secuencia_tab_stop, SECUENCIA, TAB_STOP, GtkWidget)

GtkWidget *secuencia_tab_stop_new       (void);
void       secuencia_tab_stop_set_child (SecuenciaTabStop *self,
                                         GtkWidget        *child);
GtkWidget *secuencia_tab_stop_get_child (SecuenciaTabStop *self);

G_END_DECLS
