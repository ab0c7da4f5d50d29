/* secuencia-timeline-ruler.h: the time ruler above the lanes: tick steps
 * that suit the zoom, labels, and its drawing. */
#pragma once

#include <gtk/gtk.h>
#include "secuencia-timeline-labels.h"
#include "secuencia-timeline-layout.h"

G_BEGIN_DECLS

/* The labelled step (at least @min_label_px apart) and the minor step. */
void  secuencia_timeline_ruler_steps    (double         ns_per_px,
                                         double         min_label_px,
                                         SecuenciaTime *major,
                                         SecuenciaTime *minor);
/* "1:05", "0:01.5", "0:00.250": as precise as @step needs. */
char *secuencia_timeline_ruler_format   (SecuenciaTime  time,
                                         SecuenciaTime  step);
/* The tick labels are laid out once each, in @labels (keyed by their
 * time), with @widget's font. */
void  secuencia_timeline_ruler_snapshot (GtkSnapshot             *snapshot,
                                         SecuenciaTimelineLayout *layout,
                                         GtkWidget               *widget,
                                         SecuenciaTimelineLabels *labels,
                                         const GdkRGBA           *foreground);

G_END_DECLS
