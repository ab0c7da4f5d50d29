/* secuencia-timeline-labels.c: clip labels shaped once. See the header. */
#include "config.h"

#include <string.h>

#include "secuencia-timeline-labels.h"

/* Kept labels beyond which those not drawn in the last frame are dropped. */
#define MAX_KEPT 512

typedef struct
{
  char        *text;
  PangoLayout *layout;          /* natural width, not ellipsized */
  int          width;           /* Pango units */
  int          height;          /* pixels */
  gboolean     rtl;
  GskRenderNode *node;          /* the layout drawn in @color, at (0, 0) */
  GdkRGBA      color;
  guint64      frame;
} Label;

struct _SecuenciaTimelineLabels
{
  GHashTable  *labels;          /* gint64* key -> Label* */
  PangoLayout *ellipsis;
  int          ellipsis_width;  /* Pango units */
  GskRenderNode *ellipsis_node;
  GdkRGBA      ellipsis_color;
  PangoLayout *fallback;        /* right-to-left labels, ellipsized by Pango */
  guint        context_serial;
  guint64      frame;
  guint64      n_laid_out;
};

static void
label_free (Label *label)
{
  g_free (label->text);
  g_clear_object (&label->layout);
  g_clear_pointer (&label->node, gsk_render_node_unref);
  g_free (label);
}

SecuenciaTimelineLabels *
secuencia_timeline_labels_new (void)
{
  SecuenciaTimelineLabels *self = g_new0 (SecuenciaTimelineLabels, 1);

  self->labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) label_free);
  self->frame = 1;
  return self;
}

void
secuencia_timeline_labels_free (SecuenciaTimelineLabels *self)
{
  if (self == NULL)
    return;
  secuencia_timeline_labels_clear (self);
  g_hash_table_unref (self->labels);
  g_free (self);
}

void
secuencia_timeline_labels_clear (SecuenciaTimelineLabels *self)
{
  g_hash_table_remove_all (self->labels);
  g_clear_object (&self->ellipsis);
  g_clear_pointer (&self->ellipsis_node, gsk_render_node_unref);
  g_clear_object (&self->fallback);
}

static gboolean
label_is_stale (gpointer key,
                gpointer value,
                gpointer data)
{
  return ((Label *) value)->frame < *(guint64 *) data;
}

void
secuencia_timeline_labels_end_frame (SecuenciaTimelineLabels *self)
{
  if (g_hash_table_size (self->labels) > MAX_KEPT)
    g_hash_table_foreach_remove (self->labels, label_is_stale, &self->frame);
  self->frame++;
}

guint64
secuencia_timeline_labels_get_n_laid_out (SecuenciaTimelineLabels *self)
{
  return self->n_laid_out;
}

static PangoLayout *
new_layout (GtkWidget *widget)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);

  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

/* @layout drawn in @color at (0, 0), as a render node to keep: appending
 * it again costs nothing, where appending the layout walks its runs. */
static GskRenderNode *
layout_node (PangoLayout   *layout,
             const GdkRGBA *color)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gtk_snapshot_append_layout (snapshot, layout, color);
  return gtk_snapshot_free_to_node (snapshot);
}

static void
append_node (GtkSnapshot   *snapshot,
             GskRenderNode *node,
             double         x,
             double         y)
{
  if (node == NULL)
    return;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  gtk_snapshot_append_node (snapshot, node);
  gtk_snapshot_restore (snapshot);
}

static void
append_layout (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               double         x,
               double         y,
               const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

void
secuencia_timeline_labels_snapshot (SecuenciaTimelineLabels *self,
                                    GtkWidget               *widget,
                                    GtkSnapshot             *snapshot,
                                    gint64                   key,
                                    const char              *text,
                                    double                   x,
                                    double                   y,
                                    double                   available,
                                    const GdkRGBA           *color)
{
  guint serial = pango_context_get_serial (gtk_widget_get_pango_context (widget));
  Label *label;
  int room = (int) (available * PANGO_SCALE);

  if (serial != self->context_serial)
    {
      /* Another font, font options or direction: shape everything again. */
      secuencia_timeline_labels_clear (self);
      self->context_serial = serial;
    }
  if (self->ellipsis == NULL)
    {
      self->ellipsis = new_layout (widget);
      pango_layout_set_text (self->ellipsis, "…", -1);
      pango_layout_get_size (self->ellipsis, &self->ellipsis_width, NULL);
    }

  label = g_hash_table_lookup (self->labels, &key);
  if (label == NULL)
    {
      label = g_new0 (Label, 1);
      label->layout = new_layout (widget);
      g_hash_table_insert (self->labels, g_memdup2 (&key, sizeof key), label);
    }
  if (label->text == NULL || strcmp (label->text, text) != 0)
    {
      g_free (label->text);
      label->text = g_strdup (text);
      pango_layout_set_text (label->layout, text, -1);
      pango_layout_get_size (label->layout, &label->width, NULL);
      pango_layout_get_pixel_size (label->layout, NULL, &label->height);
      {
        PangoLayoutLine *line = pango_layout_get_line_readonly (label->layout, 0);

          label->rtl = line != NULL && line->resolved_dir == PANGO_DIRECTION_RTL;
      }
      g_clear_pointer (&label->node, gsk_render_node_unref);
      self->n_laid_out++;
    }
  label->frame = self->frame;
  if (label->node == NULL || !gdk_rgba_equal (&label->color, color))
    {
      g_clear_pointer (&label->node, gsk_render_node_unref);
      label->node = layout_node (label->layout, color);
      label->color = *color;
    }

  if (label->width <= room)
    {
      append_node (snapshot, label->node, x, y);
      return;
    }
  if (label->rtl)
    {
      if (self->fallback == NULL)
        {
          self->fallback = new_layout (widget);
          pango_layout_set_ellipsize (self->fallback, PANGO_ELLIPSIZE_END);
        }
      pango_layout_set_text (self->fallback, text, -1);
      pango_layout_set_width (self->fallback, room);
      append_layout (snapshot, self->fallback, x, y, color);
      self->n_laid_out++;
      return;
    }
  if (room < self->ellipsis_width)
    return;
  {
    PangoLayoutLine *line = pango_layout_get_line_readonly (label->layout, 0);
    int index = 0, trailing = 0, cut = 0;

    /* The character under the cut and everything after it go; the cut
     * falls on its leading edge. */
    if (line != NULL)
      {
        pango_layout_line_x_to_index (line, room - self->ellipsis_width, &index, &trailing);
        pango_layout_line_index_to_x (line, index, FALSE, &cut);
        cut = CLAMP (cut, 0, room - self->ellipsis_width);
      }
    if (cut > 0)
      {
        gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT ((float) x, (float) y,
                                                               (float) cut / PANGO_SCALE, (float) label->height));
        append_node (snapshot, label->node, x, y);
        gtk_snapshot_pop (snapshot);
      }
    if (self->ellipsis_node == NULL || !gdk_rgba_equal (&self->ellipsis_color, color))
      {
        g_clear_pointer (&self->ellipsis_node, gsk_render_node_unref);
        self->ellipsis_node = layout_node (self->ellipsis, color);
        self->ellipsis_color = *color;
      }
    append_node (snapshot, self->ellipsis_node, x + (double) cut / PANGO_SCALE, y);
  }
}
