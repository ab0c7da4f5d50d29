/* secuencia-timeline-view-private.h: the view's state, shared by the files
 * it is split over: the widget (-view.c), drawing (-view-draw.c, with the
 * ruler in secuencia-timeline-ruler.c), pointer gestures (-view-gestures.c)
 * and keyboard actions and edits (-view-actions.c). */
#pragma once

#include "secuencia-timeline-labels.h"
#include "secuencia-timeline-layout.h"
#include "secuencia-waveform-tiles.h"
#include "secuencia-timeline-view.h"

G_BEGIN_DECLS

typedef enum
{
  DRAG_NONE,
  DRAG_PENDING,     /* pressed on a clip, not moved far enough yet */
  DRAG_MOVE,
  DRAG_TRIM_START,
  DRAG_TRIM_END,
  DRAG_SEEK,
} DragMode;

struct _SecuenciaTimelineView
{
  GtkWidget                  parent_instance;

  SecuenciaTimeline         *timeline;
  SecuenciaProject          *project;
  SecuenciaUndoStack        *undo_stack;
  SecuenciaTimelineSelection *selection;
  SecuenciaTimelineLayout   *layout;
  GHashTable                *peaks;      /* gint64* asset -> SecuenciaPeaks* */
  GHashTable                *lines;      /* gint64* element -> char* "CHARACTER\ntext" */
  gulong                     changed_handler;
  guint                      layout_dirty : 1;
  guint                      fit_pending : 1;
  guint                      fitted : 1;      /* refit when the width changes */
  guint                      editable : 1;    /* FALSE: look, select and play only */
  guint                      accessible_idle;

  GtkAdjustment             *hadjustment;
  GtkAdjustment             *vadjustment;
  guint                      hscroll_policy : 1;
  guint                      vscroll_policy : 1;

  SecuenciaTime              playhead;

  /* a drag in progress */
  DragMode                   drag_mode;
  gint64                     drag_clip;          /* the clip grabbed */
  double                     drag_start_x;
  double                     drag_start_y;
  SecuenciaTime              drag_delta;         /* move: time delta; trims: the new edge */
  int                        drag_lane_delta;
  SecuenciaTime              snap_at;            /* -1: no snap line */
  SecuenciaClip              trim_preview;       /* the grabbed clip while trimming (name borrowed) */

  SecuenciaTimelineLabels   *ruler_labels;       /* the ruler's tick labels, by time */
  SecuenciaTimelineLabels   *labels;             /* clip labels, shaped once */
  SecuenciaWaveformTiles    *waveforms;          /* waveform images, drawn once per zoom */
  GtkPopover                *popover;
};

/* -view.c */
void     _secuencia_timeline_view_ensure_layout   (SecuenciaTimelineView *self);
void     _secuencia_timeline_view_update_adjustments (SecuenciaTimelineView *self);
void     _secuencia_timeline_view_seek            (SecuenciaTimelineView *self,
                                                   SecuenciaTime          time);
void     _secuencia_timeline_view_emit_error      (SecuenciaTimelineView *self,
                                                   const char            *message);
void     _secuencia_timeline_view_emit_activate   (SecuenciaTimelineView *self,
                                                   gint64                 clip_id);
const char *_secuencia_timeline_view_get_line     (SecuenciaTimelineView *self,
                                                   gint64                 element_id,
                                                   const char           **text);
/* -view-draw.c */
void     _secuencia_timeline_view_snapshot        (GtkWidget             *widget,
                                                   GtkSnapshot           *snapshot);
/* -view-gestures.c */
void     _secuencia_timeline_view_gestures_init   (SecuenciaTimelineView *self);
/* -view-actions.c */
void     _secuencia_timeline_view_class_actions_init (GtkWidgetClass     *widget_class);
void     _secuencia_timeline_view_update_accessible  (SecuenciaTimelineView *self);
/* Apply @edit to a copy of each selected clip and perform the result as
 * one command labelled @label. @edit returns FALSE to remove the clip. */
typedef gboolean (*SecuenciaClipEditFunc) (SecuenciaTimelineView *self,
                                           SecuenciaClip         *clip,
                                           gpointer               data);
gboolean _secuencia_timeline_view_edit_selected   (SecuenciaTimelineView *self,
                                                   const char            *label,
                                                   SecuenciaClipEditFunc  edit,
                                                   gpointer               data);
/* Perform an already built command (undo stack when there is one). */
gboolean _secuencia_timeline_view_perform         (SecuenciaTimelineView *self,
                                                   SecuenciaCommand      *command);
void     _secuencia_timeline_view_show_popover    (SecuenciaTimelineView *self,
                                                   gint64                 clip_id);
/* For tests: the open popover's fields by name ("start", "length", "lane",
 * "volume", "mute"), NULL when closed. */
GtkWidget *_secuencia_timeline_view_get_popover_field (SecuenciaTimelineView *self,
                                                       const char            *name);

G_END_DECLS
