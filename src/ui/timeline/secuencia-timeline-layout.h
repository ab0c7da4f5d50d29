/* secuencia-timeline-layout.h: the timeline view's geometry.
 *
 * A plain struct the view owns: a sorted copy of the timeline's clips,
 * indexed per lane for range queries (binary search, so a frame only
 * touches the clips on screen), and the mapping between time and lanes
 * and pixels (zoom as nanoseconds per pixel, scroll offsets in pixels).
 * Rows: one per lane from the lowest lane used (never above 0) to the
 * highest, plus one empty row below to drag clips onto a new lane. */
#pragma once

#include <glib.h>
#include "secuencia-clip.h"
#include "secuencia-timeline.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray     *clips;          /* SecuenciaClip* borrowed, sorted by offset */
  SecuenciaTime  max_duration;   /* of the clips on this lane */
} SecuenciaLaneIndex;

typedef struct
{
  GPtrArray     *clips;          /* SecuenciaClip* owned, by offset, lane, id */
  GHashTable    *by_id;          /* &clip->id -> SecuenciaClip* */
  GArray        *lanes;          /* SecuenciaLaneIndex per row */
  int            first_lane;     /* lane of row 0 */
  SecuenciaTime  duration;       /* end of the last clip */
  GArray        *edges;          /* SecuenciaTime, sorted: every clip start and end */

  /* geometry */
  double         ns_per_px;      /* zoom */
  double         scroll_x;       /* px of content at the left edge */
  double         scroll_y;       /* px of lanes at the top of the lane area */
  int            ruler_height;
  int            lane_height;
  int            width;
  int            height;
} SecuenciaTimelineLayout;

#define SECUENCIA_TIMELINE_MIN_NS_PER_PX  10000.0            /* 10 µs per pixel */
#define SECUENCIA_TIMELINE_MAX_NS_PER_PX  3600000000000.0     /* an hour per pixel */

SecuenciaTimelineLayout *secuencia_timeline_layout_new   (void);
void                     secuencia_timeline_layout_free  (SecuenciaTimelineLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaTimelineLayout, secuencia_timeline_layout_free)

/* Replace the clips with a copy of @timeline's (NULL: none). */
void     secuencia_timeline_layout_load          (SecuenciaTimelineLayout *layout,
                                                  SecuenciaTimeline       *timeline);
const SecuenciaClip *secuencia_timeline_layout_get_clip (SecuenciaTimelineLayout *layout,
                                                         gint64                   clip_id);
guint    secuencia_timeline_layout_get_n_rows    (SecuenciaTimelineLayout *layout);
int      secuencia_timeline_layout_row_to_lane   (SecuenciaTimelineLayout *layout,
                                                  guint                    row);
/* Row of @lane; may be outside [0, n_rows) for lanes not shown. */
int      secuencia_timeline_layout_lane_to_row   (SecuenciaTimelineLayout *layout,
                                                  int                      lane);

/* Time <-> x in widget coordinates. */
double        secuencia_timeline_layout_time_to_x (SecuenciaTimelineLayout *layout,
                                                   SecuenciaTime            time);
SecuenciaTime secuencia_timeline_layout_x_to_time (SecuenciaTimelineLayout *layout,
                                                   double                   x);
/* Top of @lane's row in widget coordinates. */
double   secuencia_timeline_layout_lane_to_y     (SecuenciaTimelineLayout *layout,
                                                  int                      lane);
/* The lane under @y (clamped to the rows shown); FALSE over the ruler. */
gboolean secuencia_timeline_layout_y_to_lane     (SecuenciaTimelineLayout *layout,
                                                  double                   y,
                                                  int                     *lane);
/* Width and height of everything (px), for the scroll bars. */
double   secuencia_timeline_layout_content_width  (SecuenciaTimelineLayout *layout);
double   secuencia_timeline_layout_content_height (SecuenciaTimelineLayout *layout);

/* Index range [*first, *last) in @row's clips that may overlap [start, end). */
void     secuencia_timeline_layout_lane_range    (SecuenciaTimelineLayout *layout,
                                                  guint                    row,
                                                  SecuenciaTime            start,
                                                  SecuenciaTime            end,
                                                  guint                   *first,
                                                  guint                   *last);
/* The clip drawn on top at (x, y), or NULL. */
const SecuenciaClip *secuencia_timeline_layout_hit (SecuenciaTimelineLayout *layout,
                                                    double                   x,
                                                    double                   y);
/* The clip edge (start or end of any clip, 0 too) nearest to @time, and
 * its distance; clips in @exclude (ids, may be NULL) are skipped. FALSE
 * when none is within @max_distance. */
gboolean secuencia_timeline_layout_nearest_edge  (SecuenciaTimelineLayout *layout,
                                                  SecuenciaTime            time,
                                                  SecuenciaTime            max_distance,
                                                  GHashTable              *exclude,
                                                  SecuenciaTime           *edge);

G_END_DECLS
