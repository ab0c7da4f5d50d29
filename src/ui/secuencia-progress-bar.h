/* secuencia-progress-bar.h: a progress bar whose fraction only repaints it.
 *
 * GtkProgressBar sizes its fill widget to the fraction, so every change
 * queues an allocation, and every allocation in a window makes GTK work
 * out the toplevel's size again; on X11 that asks the X server where the
 * window is and what the work area is (synchronous round trips) for each
 * update: with a busy X server the window froze while an export moved its
 * bar. This widget looks like a GtkProgressBar (it is drawn with two of
 * them, themed by the same style sheet: an empty one, and a full one shown
 * up to the fraction) and is a progress bar for assistive technologies,
 * but a new fraction only queues a redraw. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SECUENCIA_TYPE_PROGRESS_BAR (secuencia_progress_bar_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaProgressBar, secuencia_progress_bar, SECUENCIA, PROGRESS_BAR, GtkWidget)

GtkWidget *secuencia_progress_bar_new          (void);
/* 0.0 to 1.0 (clamped). */
void       secuencia_progress_bar_set_fraction (SecuenciaProgressBar *self,
                                                double                fraction);
double     secuencia_progress_bar_get_fraction (SecuenciaProgressBar *self);

G_END_DECLS
