/* secuencia-timeline.h: an in-memory timeline with exact-time operations.
 *
 * A SecuenciaTimeline holds clips (SecuenciaClip) on integer lanes. It knows
 * the duration of every asset it may use through a small catalog
 * (secuencia_timeline_register_asset), so it validates clips without touching
 * audio: a clip needs duration > 0, offset >= 0, source_start >= 0,
 * source_start + duration <= the asset's duration, and an end that stays
 * within SECUENCIA_TIME_MAX.
 *
 * Clip ids: every clip a timeline holds has a non-zero id. Clips loaded from
 * a project keep their row id (> 0); clips added in memory get a provisional
 * negative id, unique within the timeline, that becomes a row id when the
 * timeline is saved (secuencia_project_save_timeline).
 *
 * Overlap is half-open: [offset, offset + duration). Clips that only touch
 * never conflict. Plain insert and move allow overlaps (mixing is additive);
 * only insert_auto_lane looks for a free lane.
 *
 * Queries return new GPtrArrays of copies (free with g_ptr_array_unref),
 * ordered by offset, then lane, then id.
 */
#pragma once

#include <glib-object.h>
#include "secuencia-time.h"
#include "secuencia-clip.h"

G_BEGIN_DECLS

#define SECUENCIA_TIMELINE_ERROR (secuencia_timeline_error_quark ())
typedef enum
{
  SECUENCIA_TIMELINE_ERROR_INVALID_DURATION,  /* duration <= 0 */
  SECUENCIA_TIMELINE_ERROR_INVALID_OFFSET,    /* offset < 0 or end beyond SECUENCIA_TIME_MAX */
  SECUENCIA_TIMELINE_ERROR_INVALID_SOURCE,    /* source_start < 0 or past the asset's end */
  SECUENCIA_TIMELINE_ERROR_UNKNOWN_ASSET,     /* asset not registered */
  SECUENCIA_TIMELINE_ERROR_CLIP_NOT_FOUND,
} SecuenciaTimelineError;
GQuark secuencia_timeline_error_quark (void);

#define SECUENCIA_TYPE_TIMELINE (secuencia_timeline_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaTimeline, secuencia_timeline, SECUENCIA, TIMELINE, GObject)

/* Properties: "name" (string), "id" (int64, project row id, 0 until saved),
 * "n-clips" (uint), "duration" (int64 ns, end of the last clip).
 * Signal "changed": emitted once after every successful mutation. */
SecuenciaTimeline *secuencia_timeline_new            (const char        *name);
const char        *secuencia_timeline_get_name       (SecuenciaTimeline *self);
void               secuencia_timeline_set_name       (SecuenciaTimeline *self,
                                                      const char        *name);
gint64             secuencia_timeline_get_id         (SecuenciaTimeline *self);
void               secuencia_timeline_set_id         (SecuenciaTimeline *self,
                                                      gint64             id);
guint              secuencia_timeline_get_n_clips    (SecuenciaTimeline *self);
/* End of the last clip on any lane (0 when empty). */
SecuenciaTime      secuencia_timeline_get_duration   (SecuenciaTimeline *self);
/* End of the last clip on @lane (0 when the lane is empty). */
SecuenciaTime      secuencia_timeline_get_lane_end   (SecuenciaTimeline *self,
                                                      int                lane);

/* ---- asset catalog ---- */
void               secuencia_timeline_register_asset (SecuenciaTimeline *self,
                                                      gint64             asset_id,
                                                      SecuenciaTime      duration);
/* The registered duration, or -1 when @asset_id is unknown. */
SecuenciaTime      secuencia_timeline_get_asset_duration (SecuenciaTimeline *self,
                                                          gint64             asset_id);

/* ---- operations ----
 * The @clip argument is a template: asset_id, source_start, duration,
 * volume_db, muted, name and element_id are copied; its id is ignored. Each returns the
 * new clip's id (never 0), or 0 with @error set; on error nothing changes. */

/* Lane 0, offset = end of the last clip on lane 0 (clip->offset/lane ignored). */
gint64   secuencia_timeline_append          (SecuenciaTimeline   *self,
                                             const SecuenciaClip *clip,
                                             GError             **error);
/* At clip->offset on clip->lane, exactly as given; overlaps allowed. */
gint64   secuencia_timeline_insert          (SecuenciaTimeline   *self,
                                             const SecuenciaClip *clip,
                                             GError             **error);
/* At clip->offset on the first lane free over [offset, end), searching
 * clip->lane, +1, -1, +2, -2, ... (relative to clip->lane). A lane is free
 * when no clip on it overlaps the half-open span. @out_lane: the lane used. */
gint64   secuencia_timeline_insert_auto_lane(SecuenciaTimeline   *self,
                                             const SecuenciaClip *clip,
                                             int                 *out_lane,
                                             GError             **error);
/* Ripple insert at clip->offset on clip->lane. On the rippled lanes (@lanes,
 * @n_lanes; NULL = every lane), every clip that starts at or after the
 * insertion point moves later by clip->duration. A clip that STRADDLES the
 * point (offset < point < end) is SPLIT there: the left part keeps its id and
 * now ends at the point; the right part becomes a new clip (source_start
 * advanced accordingly, same asset/volume/mute/name) that moves with the
 * others. So the new clip never overlaps anything on a rippled lane, and no
 * audio is lost or repeated. Lanes not rippled are left untouched (the
 * new clip may overlap them if its lane is not rippled). */
gint64   secuencia_timeline_insert_ripple   (SecuenciaTimeline   *self,
                                             const SecuenciaClip *clip,
                                             const int           *lanes,
                                             gsize                n_lanes,
                                             GError             **error);
/* Remove a clip. With @close_gap, the clips on the same lane that start at or
 * after the removed clip's end move earlier by the width of the hole the
 * removal opened (its duration, less any part still covered by another clip
 * of that lane that starts before the removed clip's end), so nothing new
 * overlaps. */
gboolean secuencia_timeline_remove          (SecuenciaTimeline   *self,
                                             gint64               clip_id,
                                             gboolean             close_gap,
                                             GError             **error);
/* Move a clip to @offset on @lane (overlaps allowed). */
gboolean secuencia_timeline_move            (SecuenciaTimeline   *self,
                                             gint64               clip_id,
                                             SecuenciaTime        offset,
                                             int                  lane,
                                             GError             **error);
/* Change the volume (dB) and mute of a clip. */
gboolean secuencia_timeline_set_clip_mix    (SecuenciaTimeline   *self,
                                             gint64               clip_id,
                                             double               volume_db,
                                             gboolean             muted,
                                             GError             **error);

/* Give the clip @clip->id every field of @clip (placement, trim, lane,
 * mix, name, element), validated as an insert is. On error nothing
 * changes. Used by editors to apply (and revert) any change to one clip. */
gboolean secuencia_timeline_replace_clip    (SecuenciaTimeline   *self,
                                             const SecuenciaClip *clip,
                                             GError             **error);
/* Change where a clip starts in its asset and on the timeline and how
 * long it is (a trim), validated against the asset's duration. */
gboolean secuencia_timeline_trim            (SecuenciaTimeline   *self,
                                             gint64               clip_id,
                                             SecuenciaTime        offset,
                                             SecuenciaTime        source_start,
                                             SecuenciaTime        duration,
                                             GError             **error);

/* ---- queries (copies, ordered by offset, lane, id) ---- */
SecuenciaClip *secuencia_timeline_dup_clip           (SecuenciaTimeline *self,
                                                      gint64             clip_id);
GPtrArray     *secuencia_timeline_get_clips          (SecuenciaTimeline *self);
GPtrArray     *secuencia_timeline_get_clips_on_lane  (SecuenciaTimeline *self,
                                                      int                lane);
/* Clips overlapping the half-open range [start, end). */
GPtrArray     *secuencia_timeline_get_clips_in_range (SecuenciaTimeline *self,
                                                      SecuenciaTime      start,
                                                      SecuenciaTime      end);
GPtrArray     *secuencia_timeline_get_clips_for_asset(SecuenciaTimeline *self,
                                                      gint64             asset_id);

/* Low level, for the store: add a clip exactly as given (validated), keeping
 * clip->id when it is non-zero and not already used. */
gint64   secuencia_timeline_add_clip        (SecuenciaTimeline   *self,
                                             const SecuenciaClip *clip,
                                             GError             **error);
/* Give the clip @old_id the id @new_id (used after saving). */
gboolean secuencia_timeline_renumber_clip   (SecuenciaTimeline   *self,
                                             gint64               old_id,
                                             gint64               new_id);

G_END_DECLS
