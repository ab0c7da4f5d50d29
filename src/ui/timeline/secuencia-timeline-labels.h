/* secuencia-timeline-labels.h: the timeline view's clip labels, laid out
 * once.
 *
 * Each clip's label is shaped once into a PangoLayout at its natural width
 * and kept while its text is the same. A label wider than the room it has
 * is cut at the last whole character that fits, with an ellipsis after
 * it, without laying it out again (so zooming does not reshape the text);
 * right-to-left labels are laid out again with Pango's ellipsizing, which
 * knows which end to cut. Labels not drawn for a while are dropped. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _SecuenciaTimelineLabels SecuenciaTimelineLabels;

SecuenciaTimelineLabels *secuencia_timeline_labels_new  (void);
void                     secuencia_timeline_labels_free (SecuenciaTimelineLabels *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaTimelineLabels, secuencia_timeline_labels_free)

/* Forget every layout (the font or the style changed). */
void  secuencia_timeline_labels_clear     (SecuenciaTimelineLabels *self);
/* Once per frame, after drawing: drops labels not drawn lately when many are kept. */
void  secuencia_timeline_labels_end_frame (SecuenciaTimelineLabels *self);

/* Appends @text (one line) for @key at (@x, @y), at most @available wide,
 * in @color, laid out with @widget's font. */
void  secuencia_timeline_labels_snapshot  (SecuenciaTimelineLabels *self,
                                           GtkWidget               *widget,
                                           GtkSnapshot             *snapshot,
                                           gint64                   key,
                                           const char              *text,
                                           double                   x,
                                           double                   y,
                                           double                   available,
                                           const GdkRGBA           *color);

/* For tests: labels laid out since creation (shaping work done). */
guint64 secuencia_timeline_labels_get_n_laid_out (SecuenciaTimelineLabels *self);

G_END_DECLS
