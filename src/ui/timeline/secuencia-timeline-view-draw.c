/* secuencia-timeline-view-draw.c: the view's snapshot(): lanes, clips with
 * their waveforms and labels, the ruler, the playhead. Only what is on
 * screen is drawn: each lane's clips come from a binary search of the
 * visible time range, and runs of clips narrower than a few pixels are
 * drawn as one block, so a frame costs at most a few nodes per pixel
 * column whatever the number of clips. Waveforms are cached images
 * (secuencia-waveform-tiles.c: scrolling reuses them, a zoom step redraws
 * only those on screen) and labels are shaped once per text
 * (secuencia-timeline-labels.c). */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "secuencia-timeline-labels.h"
#include "secuencia-timeline-ruler.h"
#include "secuencia-timeline-view-private.h"
#include "secuencia-waveform-tiles.h"

/* Clips narrower than this are drawn as plain blocks, merged with their
 * neighbours. */
#define TINY_PX   4.0
/* Narrower clips get no waveform (it would be a smudge) and no rounding. */
#define WAVE_PX  24.0
#define LABEL_PX 48.0
#define TEXT_TOP 16.0

typedef struct
{
  GdkRGBA fg;
  GdkRGBA clip;
  GdkRGBA clip_selected;
  GdkRGBA clip_muted;
  GdkRGBA border;
  GdkRGBA border_selected;
  GdkRGBA wave;
  GdkRGBA wave_muted;
  GdkRGBA placeholder;
  GdkRGBA row_alt;
  GdkRGBA playhead;
  GdkRGBA snap;
  GdkRGBA ghost;
} Palette;

static void
get_palette (GtkWidget *widget,
             Palette   *p)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &p->fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &p->fg);
#endif
  p->clip = (GdkRGBA) { 0.21, 0.52, 0.89, 0.28 };
  p->clip_selected = (GdkRGBA) { 0.21, 0.52, 0.89, 0.55 };
  p->clip_muted = (GdkRGBA) { 0.5, 0.5, 0.5, 0.18 };
  p->border = (GdkRGBA) { 0.21, 0.52, 0.89, 0.9 };
  p->border_selected = p->fg;
  p->wave = p->fg;
  p->wave.alpha = 0.55;
  p->wave_muted = p->fg;
  p->wave_muted.alpha = 0.2;
  p->placeholder = p->fg;
  p->placeholder.alpha = 0.25;
  p->row_alt = p->fg;
  p->row_alt.alpha = 0.035;
  p->playhead = (GdkRGBA) { 0.88, 0.11, 0.14, 1.0 };
  p->snap = (GdkRGBA) { 0.96, 0.76, 0.07, 1.0 };
  p->ghost = p->fg;
  p->ghost.alpha = 0.12;
}

static void
append_rect_border (GtkSnapshot           *snapshot,
                    const graphene_rect_t *rect,
                    float                  width,
                    const GdkRGBA         *color)
{
  GskRoundedRect rounded;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rounded, rect, 3);
  gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
}

static char *
clip_label (SecuenciaTimelineView *self,
            const SecuenciaClip   *clip)
{
  const char *text = NULL;
  const char *character = _secuencia_timeline_view_get_line (self, clip->element_id, &text);
  GString *label = g_string_new (NULL);

  if (character != NULL && character + 1 < text)
    g_string_append_printf (label, "%.*s: %s", (int) (text - 1 - character), character, text);
  else if (character != NULL)
    g_string_append (label, text);
  else
    g_string_append (label, clip->name);
  for (char *p = label->str; *p != '\0'; p++)
    if (*p == '\n')
      *p = ' ';
  return g_string_free (label, FALSE);
}

static void
draw_clip (SecuenciaTimelineView *self,
           GtkSnapshot           *snapshot,
           const Palette         *palette,
           const SecuenciaClip   *clip,
           double                 x0,
           double                 x1,
           double                 top,
           gboolean               selected,
           gboolean               cursor)
{
  SecuenciaTimelineLayout *layout = self->layout;
  double height = layout->lane_height - 4;
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x0, top + 2, MAX (x1 - x0, 1), height);
  double xa = MAX (x0, -2);
  double xb = MIN (x1, layout->width + 2);
  SecuenciaPeaks *peaks;
  GskRoundedRect rounded;

  if (x1 - x0 < WAVE_PX)
    {
      /* Narrow: two plain rectangles (body, left edge), no clip, no
       * border; zoomed out, hundreds of these are on screen. */
      gtk_snapshot_append_color (snapshot,
                                 clip->muted ? &palette->clip_muted
                                             : selected ? &palette->clip_selected : &palette->clip,
                                 &rect);
      gtk_snapshot_append_color (snapshot, selected ? &palette->border_selected : &palette->border,
                                 &GRAPHENE_RECT_INIT (x0, rect.origin.y, 1, height));
      if (cursor && gtk_widget_has_focus (GTK_WIDGET (self)))
        {
          graphene_rect_t focus = rect;
          GdkRGBA color = palette->fg;

          graphene_rect_inset (&focus, -3, -1);
          color.alpha = 0.7;
          append_rect_border (snapshot, &focus, 1, &color);
        }
      return;
    }

  /* The body, rounded; the waveform and the label go over it unclipped
   * (they stay inside it), so the renderer composites them without a
   * rounded mask. */
  gsk_rounded_rect_init_from_rect (&rounded, &rect, 3);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot,
                             clip->muted ? &palette->clip_muted
                                         : selected ? &palette->clip_selected : &palette->clip,
                             &GRAPHENE_RECT_INIT (xa, rect.origin.y, xb - xa, height));
  gtk_snapshot_pop (snapshot);

  if (xb - xa >= 1)
    {
      double wave_top = rect.origin.y + TEXT_TOP;
      double wave_height = height - TEXT_TOP - 2;

      peaks = g_hash_table_lookup (self->peaks, &clip->asset_id);
      if (peaks != NULL)
        secuencia_waveform_tiles_snapshot (self->waveforms, snapshot, clip, peaks, layout->ns_per_px,
                                           gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                           x0, xa, xb, wave_top, wave_height,
                                           clip->muted ? 1.0 : MIN (pow (10.0, clip->volume_db / 20.0), 2.0),
                                           clip->muted ? &palette->wave_muted : &palette->wave);
      else
        /* Peaks not computed yet: a neutral centre line. */
        gtk_snapshot_append_color (snapshot, &palette->placeholder,
                                   &GRAPHENE_RECT_INIT (xa, wave_top + wave_height / 2, xb - xa, 1));

      /* Volume: a line at the clip's gain (0 dB at a quarter from the top
       * of the waveform area, -inf at the bottom), as audio editors draw
       * their gain envelope. */
      if (!clip->muted && clip->volume_db != 0.0)
        {
          double gain = MIN (pow (10.0, clip->volume_db / 20.0), 2.0);
          double y = wave_top + wave_height - gain * wave_height * 0.75 / 1.0;
          GdkRGBA line = palette->snap;

          y = CLAMP (y, wave_top, wave_top + wave_height - 1);
          gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (xa, y, xb - xa, 1));
        }
    }

  if (x1 - x0 >= LABEL_PX)
    {
      double text_x = MAX (x0, 0) + 4;
      double available = MIN (x1, layout->width) - text_x - 4;

      if (available > 8)
        {
          g_autofree char *label = clip_label (self, clip);
          g_autoptr(GString) badge = g_string_new (label);

          if (clip->muted || clip->volume_db != 0.0)
            g_string_append (badge, "  ");
          if (clip->muted)
            g_string_append (badge, _("Muted"));
          if (clip->volume_db != 0.0)
            {
              if (clip->muted)
                g_string_append (badge, " · ");
              /* Translators: a clip's volume in decibels, "-3.0 dB" */
              g_string_append_printf (badge, _("%+.1f dB"), clip->volume_db);
            }
          secuencia_timeline_labels_snapshot (self->labels, GTK_WIDGET (self), snapshot, clip->id, badge->str,
                                              text_x, rect.origin.y + 1, available, &palette->fg);
        }
    }

  append_rect_border (snapshot, &rect, selected ? 2 : 1,
                      selected ? &palette->border_selected : &palette->border);
  if (cursor && gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      graphene_rect_t focus = rect;
      GdkRGBA color = palette->fg;

      graphene_rect_inset (&focus, -3, -1);
      color.alpha = 0.7;
      append_rect_border (snapshot, &focus, 1, &color);
    }
}

/* Where a clip is drawn now: moved or trimmed while a drag is under way. */
static const SecuenciaClip *
displayed_clip (SecuenciaTimelineView *self,
                const SecuenciaClip   *clip,
                gboolean               selected,
                SecuenciaClip         *scratch)
{
  if (self->drag_mode == DRAG_MOVE && selected)
    {
      *scratch = *clip;
      scratch->offset = clip->offset + self->drag_delta;
      scratch->lane = clip->lane + self->drag_lane_delta;
      return scratch;
    }
  if ((self->drag_mode == DRAG_TRIM_START || self->drag_mode == DRAG_TRIM_END)
      && clip->id == self->drag_clip)
    return &self->trim_preview;
  return clip;
}

static void
draw_lanes (SecuenciaTimelineView *self,
            GtkSnapshot           *snapshot,
            const Palette         *palette,
            gboolean               moved_pass)
{
  SecuenciaTimelineLayout *layout = self->layout;
  GHashTable *selected_set = secuencia_timeline_selection_peek_set (self->selection);
  gint64 cursor = secuencia_timeline_selection_get_cursor (self->selection);
  SecuenciaTime t0 = secuencia_timeline_layout_x_to_time (layout, 0);
  SecuenciaTime t1 = secuencia_timeline_layout_x_to_time (layout, layout->width) + 1;
  guint n_rows = secuencia_timeline_layout_get_n_rows (layout);
  gboolean dragging = self->drag_mode == DRAG_MOVE;

  /* While moving, the moved clips may come from any row and their source
   * range is shifted: look them up over the whole shifted range. */
  if (moved_pass)
    {
      t0 -= self->drag_delta;
      t1 -= self->drag_delta;
    }

  for (guint row = 0; row < n_rows; row++)
    {
      int lane = secuencia_timeline_layout_row_to_lane (layout, row);
      double top = secuencia_timeline_layout_lane_to_y (layout, lane);
      SecuenciaLaneIndex *index = &g_array_index (layout->lanes, SecuenciaLaneIndex, row);
      guint first, last;
      double run_x0 = 0, run_x1 = -1, run_top = 0;
      gboolean run_selected = FALSE;

      if (!moved_pass && (top + layout->lane_height < layout->ruler_height || top > layout->height))
        continue;
      if (!moved_pass && row % 2 == 1)
        gtk_snapshot_append_color (snapshot, &palette->row_alt,
                                   &GRAPHENE_RECT_INIT (0, top, layout->width, layout->lane_height));

      secuencia_timeline_layout_lane_range (layout, row, t0, t1, &first, &last);
      for (guint i = first; i < last; i++)
        {
          const SecuenciaClip *stored = index->clips->pdata[i];
          gboolean selected = g_hash_table_contains (selected_set, &stored->id);
          SecuenciaClip scratch;
          const SecuenciaClip *clip;
          double x0, x1, clip_top;

          if (moved_pass != (dragging && selected))
            continue;
          if (dragging && selected)
            {
              /* The original place, as a ghost. */
              double gx0 = secuencia_timeline_layout_time_to_x (layout, stored->offset);
              double gx1 = secuencia_timeline_layout_time_to_x (layout, secuencia_clip_get_end (stored));
              gtk_snapshot_append_color (snapshot, &palette->ghost,
                                         &GRAPHENE_RECT_INIT (gx0, top + 2, MAX (gx1 - gx0, 1),
                                                              layout->lane_height - 4));
            }
          clip = displayed_clip (self, stored, selected, &scratch);
          x0 = secuencia_timeline_layout_time_to_x (layout, clip->offset);
          x1 = secuencia_timeline_layout_time_to_x (layout, secuencia_clip_get_end (clip));
          clip_top = secuencia_timeline_layout_lane_to_y (layout, clip->lane);
          if (x1 < 0 || x0 > layout->width)
            continue;

          if (x1 - x0 < TINY_PX && clip == stored)
            {
              /* Merge tiny neighbours into one block. */
              if (run_x1 >= 0 && x0 <= run_x1 + 1 && selected == run_selected)
                {
                  run_x1 = MAX (run_x1, x1);
                  continue;
                }
              if (run_x1 >= 0)
                gtk_snapshot_append_color (snapshot, run_selected ? &palette->border_selected : &palette->border,
                                           &GRAPHENE_RECT_INIT (run_x0, run_top + 2, MAX (run_x1 - run_x0, 1),
                                                                layout->lane_height - 4));
              run_x0 = x0;
              run_x1 = MAX (x1, x0 + 1);
              run_top = clip_top;
              run_selected = selected;
              continue;
            }
          draw_clip (self, snapshot, palette, clip, x0, x1, clip_top, selected, clip->id == cursor);
        }
      if (run_x1 >= 0)
        gtk_snapshot_append_color (snapshot, run_selected ? &palette->border_selected : &palette->border,
                                   &GRAPHENE_RECT_INIT (run_x0, run_top + 2, MAX (run_x1 - run_x0, 1),
                                                        layout->lane_height - 4));
    }
}

void
_secuencia_timeline_view_snapshot (GtkWidget   *widget,
                                   GtkSnapshot *snapshot)
{
  SecuenciaTimelineView *self = SECUENCIA_TIMELINE_VIEW (widget);
  SecuenciaTimelineLayout *layout = self->layout;
  Palette palette;
  double x;

  _secuencia_timeline_view_ensure_layout (self);
  get_palette (widget, &palette);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, layout->ruler_height, layout->width,
                                                         MAX (0, layout->height - layout->ruler_height)));
  draw_lanes (self, snapshot, &palette, FALSE);
  if (self->drag_mode == DRAG_MOVE)
    draw_lanes (self, snapshot, &palette, TRUE);
  gtk_snapshot_pop (snapshot);

  secuencia_timeline_ruler_snapshot (snapshot, layout, widget, self->ruler_labels, &palette.fg);

  if (self->snap_at >= 0)
    {
      x = floor (secuencia_timeline_layout_time_to_x (layout, self->snap_at));
      gtk_snapshot_append_color (snapshot, &palette.snap,
                                 &GRAPHENE_RECT_INIT (x, 0, 1, layout->height));
    }

  x = floor (secuencia_timeline_layout_time_to_x (layout, self->playhead));
  if (x >= -1 && x <= layout->width)
    {
      gtk_snapshot_append_color (snapshot, &palette.playhead,
                                 &GRAPHENE_RECT_INIT (x - 1, 0, 2, layout->height));
      gtk_snapshot_append_color (snapshot, &palette.playhead,
                                 &GRAPHENE_RECT_INIT (x - 5, 0, 10, 6));
    }

  if (gtk_widget_has_focus (widget) && secuencia_timeline_selection_get_cursor (self->selection) == 0)
    {
      GdkRGBA focus = palette.fg;
      focus.alpha = 0.5;
      append_rect_border (snapshot, &GRAPHENE_RECT_INIT (1, 1, layout->width - 2, layout->height - 2), 1, &focus);
    }
  secuencia_waveform_tiles_end_frame (self->waveforms);
  secuencia_timeline_labels_end_frame (self->labels);
  secuencia_timeline_labels_end_frame (self->ruler_labels);
}
