/* secuencia-timeline-selection.h: which clips of the timeline view are
 * selected, and the one with keyboard focus (the cursor). Clip ids only. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SECUENCIA_TYPE_TIMELINE_SELECTION (secuencia_timeline_selection_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaTimelineSelection, secuencia_timeline_selection, SECUENCIA, TIMELINE_SELECTION, GObject)

/* Signal "changed": after any change of the set or the cursor. */
SecuenciaTimelineSelection *secuencia_timeline_selection_new (void);
gboolean secuencia_timeline_selection_contains   (SecuenciaTimelineSelection *self,
                                                  gint64                      clip_id);
guint    secuencia_timeline_selection_get_n      (SecuenciaTimelineSelection *self);
/* The selected ids, in no particular order. */
GArray  *secuencia_timeline_selection_dup_ids    (SecuenciaTimelineSelection *self);
/* The set as a GHashTable of gint64* (borrowed; for lookups). */
GHashTable *secuencia_timeline_selection_peek_set (SecuenciaTimelineSelection *self);
/* Select only @clip_id (0: nothing) and make it the cursor. */
void     secuencia_timeline_selection_select_only (SecuenciaTimelineSelection *self,
                                                   gint64                      clip_id);
void     secuencia_timeline_selection_add        (SecuenciaTimelineSelection *self,
                                                  gint64                      clip_id);
void     secuencia_timeline_selection_toggle     (SecuenciaTimelineSelection *self,
                                                  gint64                      clip_id);
/* Replace the set with @ids (cursor: the first, or kept when still in). */
void     secuencia_timeline_selection_set_ids    (SecuenciaTimelineSelection *self,
                                                  const gint64               *ids,
                                                  guint                       n_ids);
/* Forget ids for which @exists returns FALSE (after the timeline changed). */
void     secuencia_timeline_selection_prune      (SecuenciaTimelineSelection *self,
                                                  gboolean (*exists) (gint64 id, gpointer data),
                                                  gpointer                    data);
gint64   secuencia_timeline_selection_get_cursor (SecuenciaTimelineSelection *self);

G_END_DECLS
