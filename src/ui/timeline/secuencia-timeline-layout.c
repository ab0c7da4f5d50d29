/* secuencia-timeline-layout.c: the timeline view's geometry. */
#include "config.h"

#include <math.h>

#include "secuencia-timeline-layout.h"

/* Room after the last clip, so there is somewhere to drag it to. */
#define TAIL_PX 240.0

static void
lane_index_clear (gpointer data)
{
  SecuenciaLaneIndex *index = data;

  g_clear_pointer (&index->clips, g_ptr_array_unref);
}

SecuenciaTimelineLayout *
secuencia_timeline_layout_new (void)
{
  SecuenciaTimelineLayout *layout = g_new0 (SecuenciaTimelineLayout, 1);

  layout->clips = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_clip_free);
  layout->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  layout->lanes = g_array_new (FALSE, TRUE, sizeof (SecuenciaLaneIndex));
  g_array_set_clear_func (layout->lanes, lane_index_clear);
  layout->edges = g_array_new (FALSE, FALSE, sizeof (SecuenciaTime));
  layout->ns_per_px = 10 * SECUENCIA_TIME_MSECOND;
  layout->ruler_height = 28;
  layout->lane_height = 72;
  return layout;
}

void
secuencia_timeline_layout_free (SecuenciaTimelineLayout *layout)
{
  if (layout == NULL)
    return;
  g_hash_table_unref (layout->by_id);
  g_array_unref (layout->lanes);
  g_ptr_array_unref (layout->clips);
  g_array_unref (layout->edges);
  g_free (layout);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  SecuenciaTime x = *(const SecuenciaTime *) a;
  SecuenciaTime y = *(const SecuenciaTime *) b;

  return x < y ? -1 : x > y;
}

void
secuencia_timeline_layout_load (SecuenciaTimelineLayout *layout,
                                SecuenciaTimeline       *timeline)
{
  int first = 0, last = 0;

  g_hash_table_remove_all (layout->by_id);
  g_array_set_size (layout->lanes, 0);
  g_array_set_size (layout->edges, 0);
  g_ptr_array_unref (layout->clips);
  layout->clips = timeline != NULL ? secuencia_timeline_get_clips (timeline)
                                   : g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_clip_free);
  layout->duration = 0;

  for (guint i = 0; i < layout->clips->len; i++)
    {
      SecuenciaClip *clip = layout->clips->pdata[i];

      first = MIN (first, clip->lane);
      last = MAX (last, clip->lane);
      layout->duration = MAX (layout->duration, secuencia_clip_get_end (clip));
      g_hash_table_insert (layout->by_id, &clip->id, clip);
    }
  layout->first_lane = first;
  /* One empty row below the last lane (never more than a few thousand rows). */
  g_array_set_size (layout->lanes, (guint) (last - first + 2));
  for (guint row = 0; row < layout->lanes->len; row++)
    g_array_index (layout->lanes, SecuenciaLaneIndex, row).clips = g_ptr_array_new ();

  g_array_set_size (layout->edges, 1);
  g_array_index (layout->edges, SecuenciaTime, 0) = 0;
  for (guint i = 0; i < layout->clips->len; i++)
    {
      SecuenciaClip *clip = layout->clips->pdata[i];
      SecuenciaLaneIndex *index = &g_array_index (layout->lanes, SecuenciaLaneIndex, clip->lane - first);
      SecuenciaTime end = secuencia_clip_get_end (clip);

      /* Already in offset order. */
      g_ptr_array_add (index->clips, clip);
      index->max_duration = MAX (index->max_duration, clip->duration);
      g_array_append_val (layout->edges, clip->offset);
      g_array_append_val (layout->edges, end);
    }
  g_array_sort (layout->edges, compare_times);
}

const SecuenciaClip *
secuencia_timeline_layout_get_clip (SecuenciaTimelineLayout *layout,
                                    gint64                   clip_id)
{
  return g_hash_table_lookup (layout->by_id, &clip_id);
}

guint
secuencia_timeline_layout_get_n_rows (SecuenciaTimelineLayout *layout)
{
  return layout->lanes->len;
}

int
secuencia_timeline_layout_row_to_lane (SecuenciaTimelineLayout *layout,
                                       guint                    row)
{
  return layout->first_lane + (int) row;
}

int
secuencia_timeline_layout_lane_to_row (SecuenciaTimelineLayout *layout,
                                       int                      lane)
{
  return lane - layout->first_lane;
}

double
secuencia_timeline_layout_time_to_x (SecuenciaTimelineLayout *layout,
                                     SecuenciaTime            time)
{
  return (double) time / layout->ns_per_px - layout->scroll_x;
}

SecuenciaTime
secuencia_timeline_layout_x_to_time (SecuenciaTimelineLayout *layout,
                                     double                   x)
{
  return (SecuenciaTime) llround ((x + layout->scroll_x) * layout->ns_per_px);
}

double
secuencia_timeline_layout_lane_to_y (SecuenciaTimelineLayout *layout,
                                     int                      lane)
{
  return layout->ruler_height
         + (double) (lane - layout->first_lane) * layout->lane_height
         - layout->scroll_y;
}

gboolean
secuencia_timeline_layout_y_to_lane (SecuenciaTimelineLayout *layout,
                                     double                   y,
                                     int                     *lane)
{
  double row;

  if (y < layout->ruler_height)
    return FALSE;
  row = floor ((y - layout->ruler_height + layout->scroll_y) / layout->lane_height);
  /* Dragging above the first row reaches one lane further up. */
  row = CLAMP (row, -1.0, (double) layout->lanes->len);
  *lane = layout->first_lane + (int) row;
  return TRUE;
}

double
secuencia_timeline_layout_content_width (SecuenciaTimelineLayout *layout)
{
  return (double) layout->duration / layout->ns_per_px + TAIL_PX;
}

double
secuencia_timeline_layout_content_height (SecuenciaTimelineLayout *layout)
{
  return (double) layout->lanes->len * layout->lane_height;
}

void
secuencia_timeline_layout_lane_range (SecuenciaTimelineLayout *layout,
                                      guint                    row,
                                      SecuenciaTime            start,
                                      SecuenciaTime            end,
                                      guint                   *first,
                                      guint                   *last)
{
  SecuenciaLaneIndex *index;
  SecuenciaTime from;
  guint lo, hi;

  *first = *last = 0;
  if (row >= layout->lanes->len)
    return;
  index = &g_array_index (layout->lanes, SecuenciaLaneIndex, row);
  /* A clip overlapping start began at most max_duration before it. */
  from = start - index->max_duration;
  lo = 0;
  hi = index->clips->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (((SecuenciaClip *) index->clips->pdata[mid])->offset < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  *first = lo;
  hi = index->clips->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (((SecuenciaClip *) index->clips->pdata[mid])->offset < end)
        lo = mid + 1;
      else
        hi = mid;
    }
  *last = lo;
}

const SecuenciaClip *
secuencia_timeline_layout_hit (SecuenciaTimelineLayout *layout,
                               double                   x,
                               double                   y)
{
  SecuenciaLaneIndex *index;
  SecuenciaTime time;
  double top;
  guint first, last;
  int lane;

  if (!secuencia_timeline_layout_y_to_lane (layout, y, &lane))
    return NULL;
  if (lane < layout->first_lane || lane - layout->first_lane >= (int) layout->lanes->len)
    return NULL;
  top = secuencia_timeline_layout_lane_to_y (layout, lane);
  if (y < top + 2 || y > top + layout->lane_height - 2)
    return NULL;  /* the gap between rows */
  time = secuencia_timeline_layout_x_to_time (layout, x);
  index = &g_array_index (layout->lanes, SecuenciaLaneIndex, lane - layout->first_lane);
  secuencia_timeline_layout_lane_range (layout, lane - layout->first_lane, time, time + 1, &first, &last);
  /* Later clips are drawn over earlier ones: the last one wins. */
  for (guint i = last; i-- > first;)
    {
      const SecuenciaClip *clip = index->clips->pdata[i];
      double x0 = secuencia_timeline_layout_time_to_x (layout, clip->offset);
      double x1 = secuencia_timeline_layout_time_to_x (layout, secuencia_clip_get_end (clip));

      /* At least 3 px wide, so tiny clips can still be picked. */
      if (x >= x0 && x < MAX (x1, x0 + 3))
        return clip;
    }
  return NULL;
}

gboolean
secuencia_timeline_layout_nearest_edge (SecuenciaTimelineLayout *layout,
                                        SecuenciaTime            time,
                                        SecuenciaTime            max_distance,
                                        GHashTable              *exclude,
                                        SecuenciaTime           *edge)
{
  SecuenciaTime best = 0, best_distance = G_MAXINT64;
  guint lo = 0, hi = layout->edges->len;

  /* Excluded clips' edges are in the array too: look at every edge within
   * reach and skip those that only belong to excluded clips. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (layout->edges, SecuenciaTime, mid) < time - max_distance)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < layout->edges->len; i++)
    {
      SecuenciaTime candidate = g_array_index (layout->edges, SecuenciaTime, i);
      SecuenciaTime distance = ABS (candidate - time);
      gboolean usable = candidate == 0;

      if (candidate > time + max_distance)
        break;
      if (distance >= best_distance)
        continue;
      if (!usable)
        {
          /* Is it the edge of a clip that is not excluded? */
          for (guint row = 0; row < layout->lanes->len && !usable; row++)
            {
              SecuenciaLaneIndex *index = &g_array_index (layout->lanes, SecuenciaLaneIndex, row);
              guint first, last;

              secuencia_timeline_layout_lane_range (layout, row, candidate - 1, candidate + 1, &first, &last);
              for (guint j = first; j < last && !usable; j++)
                {
                  const SecuenciaClip *clip = index->clips->pdata[j];
                  if ((clip->offset == candidate || secuencia_clip_get_end (clip) == candidate)
                      && (exclude == NULL || !g_hash_table_contains (exclude, &clip->id)))
                    usable = TRUE;
                }
            }
        }
      if (usable)
        {
          best = candidate;
          best_distance = distance;
        }
    }
  if (best_distance == G_MAXINT64)
    return FALSE;
  *edge = best;
  return TRUE;
}
