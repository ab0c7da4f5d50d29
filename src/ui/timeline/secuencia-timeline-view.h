/* secuencia-timeline-view.h: the timeline editor widget.
 *
 * Draws a time ruler and one row per lane, each clip a block to scale with
 * its waveform (peaks given with set_peaks; a neutral line until they
 * arrive), its character and line, its volume and muted state; and the
 * playhead. Everything is drawn in snapshot(), only what is on screen: no
 * widget per clip. It is a GtkScrollable (put it in a GtkScrolledWindow for
 * scroll bars). Zoom: Ctrl+wheel, Ctrl+plus/minus, Ctrl+0 fits.
 *
 * Editing (mouse and keyboard) goes through SecuenciaClipsCommands on the
 * undo stack given with set_undo_stack, stored in the project given with
 * set_project; the model validates every edit. The view is one Tab stop;
 * the arrow keys move between clips; its accessible label and description
 * follow the clip with keyboard focus ("ANA: Did you hear that?"). */
#pragma once

#include <gtk/gtk.h>
#include "secuencia-peaks.h"
#include "secuencia-project.h"
#include "secuencia-timeline.h"
#include "secuencia-timeline-selection.h"
#include "secuencia-undo-stack.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_TIMELINE_VIEW (secuencia_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaTimelineView, secuencia_timeline_view, SECUENCIA, TIMELINE_VIEW, GtkWidget)

/* Properties: "timeline" (SecuenciaTimeline), "playhead" (int64 ns,
 * read-write, explicit notify), "ns-per-pixel" (double, the zoom).
 * Signals: "seek" (int64 ns): the person moved the playhead (ruler click or
 * drag, Home/End); "error" (string): an edit was refused (the message says
 * why); "activate-clip" (int64 clip id): Enter or double-click, before the
 * popover opens. */
SecuenciaTimelineView *secuencia_timeline_view_new           (void);
void               secuencia_timeline_view_set_timeline      (SecuenciaTimelineView *self,
                                                              SecuenciaTimeline     *timeline);
SecuenciaTimeline *secuencia_timeline_view_get_timeline      (SecuenciaTimelineView *self);
void               secuencia_timeline_view_set_project       (SecuenciaTimelineView *self,
                                                              SecuenciaProject      *project);
void               secuencia_timeline_view_set_undo_stack    (SecuenciaTimelineView *self,
                                                              SecuenciaUndoStack    *stack);
/* FALSE: a timeline to look at, play and select in (a read-only project):
 * no move, trim, nudge, lane, mute, volume, delete or edit popover; the
 * ruler and the playhead still work. TRUE by default. */
void               secuencia_timeline_view_set_editable      (SecuenciaTimelineView *self,
                                                              gboolean               editable);
gboolean           secuencia_timeline_view_get_editable      (SecuenciaTimelineView *self);
/* Waveform peaks for an asset arrived (or changed); NULL removes. Queues a redraw. */
void               secuencia_timeline_view_set_peaks         (SecuenciaTimelineView *self,
                                                              gint64                 asset_id,
                                                              SecuenciaPeaks        *peaks);
/* Forget every waveform (another project opens). */
void               secuencia_timeline_view_clear_peaks       (SecuenciaTimelineView *self);
/* The character and text of a screenplay line, shown on its clips. */
void               secuencia_timeline_view_set_line          (SecuenciaTimelineView *self,
                                                              gint64                 element_id,
                                                              const char            *character,
                                                              const char            *text);
void               secuencia_timeline_view_clear_lines       (SecuenciaTimelineView *self);

SecuenciaTime      secuencia_timeline_view_get_playhead      (SecuenciaTimelineView *self);
void               secuencia_timeline_view_set_playhead      (SecuenciaTimelineView *self,
                                                              SecuenciaTime          playhead);

double             secuencia_timeline_view_get_ns_per_pixel  (SecuenciaTimelineView *self);
/* Zoom keeping the time at widget x @anchor_x where it is. */
void               secuencia_timeline_view_set_ns_per_pixel  (SecuenciaTimelineView *self,
                                                              double                 ns_per_pixel,
                                                              double                 anchor_x);
void               secuencia_timeline_view_zoom_to_fit       (SecuenciaTimelineView *self);

SecuenciaTimelineSelection *secuencia_timeline_view_get_selection (SecuenciaTimelineView *self);
/* Select one clip (0: none) and scroll it into view. */
void               secuencia_timeline_view_select_clip       (SecuenciaTimelineView *self,
                                                              gint64                 clip_id);
/* Select the clips of a screenplay line and scroll to the first; FALSE when
 * it has none. */
gboolean           secuencia_timeline_view_select_element    (SecuenciaTimelineView *self,
                                                              gint64                 element_id);
/* The line (element id) of the clip with keyboard focus, 0 when none. */
gint64             secuencia_timeline_view_get_cursor_element (SecuenciaTimelineView *self);
void               secuencia_timeline_view_scroll_to_time    (SecuenciaTimelineView *self,
                                                              SecuenciaTime          time);

/* What assistive technologies hear for a clip: "ANA: Did you hear that?",
 * and "Starts at 0:01.250, 2.500 s long, lane 1, volume −3.0 dB, muted". */
char              *secuencia_timeline_view_dup_clip_name        (SecuenciaTimelineView *self,
                                                                 gint64                 clip_id);
char              *secuencia_timeline_view_dup_clip_description (SecuenciaTimelineView *self,
                                                                 gint64                 clip_id);
/* Where a clip is drawn, in widget coordinates (FALSE when unknown). */
gboolean           secuencia_timeline_view_get_clip_area     (SecuenciaTimelineView *self,
                                                              gint64                 clip_id,
                                                              graphene_rect_t       *area);

G_END_DECLS
