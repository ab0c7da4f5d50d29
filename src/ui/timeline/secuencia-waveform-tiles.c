/* secuencia-waveform-tiles.c: cached waveform images for the timeline
 * view. See the header. The pixels are written directly (one run of
 * pixels per column, no path to rasterize), so drawing a tile costs about
 * as much as clearing it, and a cached tile costs one texture node. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "secuencia-waveform-tiles.h"

/* Device pixel columns per tile. */
#define TILE_COLUMNS 256
/* Kept tiles beyond which those a frame did not use are dropped (about
 * 16 MB of 64-pixel-high tiles at scale 1). */
#define MAX_KEPT     256

typedef struct
{
  gint64  clip_id;
  guint64 index;
} TileKey;

typedef struct
{
  TileKey         key;          /* first: the hash table's key points here */
  SecuenciaPeaks *peaks;        /* owned */
  SecuenciaTime   source_start;
  double          ns_per_column;
  guint           n_columns;
  guint           height;
  int             scale;
  double          gain;
  guint32         pixel;
  GskRenderNode  *node;         /* the image, at (0, 0) */
  guint64         frame;        /* last frame that drew it */
} Tile;

struct _SecuenciaWaveformTiles
{
  GHashTable *tiles;            /* TileKey* -> Tile* (owned) */
  guint64     frame;
  guint64     n_drawn;
};

static guint
tile_key_hash (gconstpointer p)
{
  const TileKey *k = p;

  return (guint) (k->clip_id * 2654435761u) ^ (guint) (k->index * 40503u) ^ (guint) (k->clip_id >> 32);
}

static gboolean
tile_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TileKey *x = a, *y = b;

  return x->clip_id == y->clip_id && x->index == y->index;
}

static void
tile_free (Tile *tile)
{
  g_clear_pointer (&tile->peaks, secuencia_peaks_unref);
  g_clear_pointer (&tile->node, gsk_render_node_unref);
  g_free (tile);
}

SecuenciaWaveformTiles *
secuencia_waveform_tiles_new (void)
{
  SecuenciaWaveformTiles *self = g_new0 (SecuenciaWaveformTiles, 1);

  self->tiles = g_hash_table_new_full (tile_key_hash, tile_key_equal, NULL, (GDestroyNotify) tile_free);
  self->frame = 1;
  return self;
}

void
secuencia_waveform_tiles_free (SecuenciaWaveformTiles *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->tiles);
  g_free (self);
}

void
secuencia_waveform_tiles_clear (SecuenciaWaveformTiles *self)
{
  g_hash_table_remove_all (self->tiles);
}

static gboolean
tile_is_stale (gpointer key,
               gpointer value,
               gpointer data)
{
  return ((Tile *) value)->frame < *(guint64 *) data;
}

void
secuencia_waveform_tiles_end_frame (SecuenciaWaveformTiles *self)
{
  if (g_hash_table_size (self->tiles) > MAX_KEPT)
    g_hash_table_foreach_remove (self->tiles, tile_is_stale, &self->frame);
  self->frame++;
}

guint
secuencia_waveform_tiles_get_n_kept (SecuenciaWaveformTiles *self)
{
  return g_hash_table_size (self->tiles);
}

guint64
secuencia_waveform_tiles_get_n_drawn (SecuenciaWaveformTiles *self)
{
  return self->n_drawn;
}

/* Premultiplied, as cairo's ARGB32 (a native 0xAARRGGBB word). */
static guint32
premultiplied_pixel (const GdkRGBA *color)
{
  double a = CLAMP (color->alpha, 0, 1);
  guint32 A = (guint32) lround (a * 255);
  guint32 R = (guint32) lround (CLAMP (color->red, 0, 1) * a * 255);
  guint32 G = (guint32) lround (CLAMP (color->green, 0, 1) * a * 255);
  guint32 B = (guint32) lround (CLAMP (color->blue, 0, 1) * a * 255);

  return (A << 24) | (R << 16) | (G << 8) | B;
}

/* The tile's image: for each column, the extremes of the peaks it covers,
 * from the level whose blocks are no longer than a column. */
static void
draw_tile (const Tile      *tile,
           cairo_surface_t *image)
{
  const gint16 *pairs;
  SecuenciaTime block;
  guint n_blocks;
  guint w = tile->n_columns, h = tile->height;
  gsize stride = (gsize) cairo_image_surface_get_stride (image) / 4;
  guint32 *data = (guint32 *) cairo_image_surface_get_data (image);
  double half = h / 2.0;

  g_autofree int *spans = g_new0 (int, 2 * (gsize) w);   /* rows [r0, r1) per column */

  pairs = secuencia_peaks_get_level (tile->peaks, (SecuenciaTime) tile->ns_per_column, &block, &n_blocks);
  for (guint i = 0; pairs != NULL && block > 0 && i < w; i++)
    {
      double column = (double) (tile->key.index * TILE_COLUMNS + i);
      SecuenciaTime t0 = tile->source_start + (SecuenciaTime) (column * tile->ns_per_column);
      SecuenciaTime t1 = tile->source_start + (SecuenciaTime) ((column + 1) * tile->ns_per_column);
      gint64 b0 = MAX (t0, 0) / block;
      gint64 b1 = MAX (b0 + 1, (MAX (t1, 0) + block - 1) / block);
      int lo = 0, hi = 0;
      double y_hi, y_lo;

      if (b0 >= n_blocks)
        break;
      b1 = MIN (b1, (gint64) n_blocks);
      for (gint64 b = b0; b < b1; b++)
        {
          lo = MIN (lo, pairs[2 * b]);
          hi = MAX (hi, pairs[2 * b + 1]);
        }
      y_hi = half - CLAMP (hi * tile->gain / 32767.0, -1, 1) * half;
      y_lo = half - CLAMP (lo * tile->gain / 32767.0, -1, 1) * half;
      /* At least a pixel of line where it is silent. */
      if (y_lo - y_hi < 1)
        {
          y_hi -= 0.5;
          y_lo += 0.5;
        }
      /* The rows whose centres the column's span covers, as a fill
       * without antialiasing would. */
      spans[2 * i] = CLAMP ((int) ceil (y_hi - 0.5), 0, (int) h);
      spans[2 * i + 1] = CLAMP ((int) ceil (y_lo - 0.5), 0, (int) h);
    }
  /* Row by row, in memory order. */
  for (guint r = 0; r < h; r++)
    {
      guint32 *row = data + (gsize) r * stride;

      for (guint i = 0; i < w; i++)
        row[i] = ((int) r >= spans[2 * i] && (int) r < spans[2 * i + 1]) ? tile->pixel : 0;
    }
}

/* The tile as a render node: a cairo node painting its image, so that the
 * cairo renderer composites it as it is (GTK 4.8 converts a texture's
 * every pixel through floats each frame), and a GL renderer can keep the
 * node's upload while the node lives. */
static GskRenderNode *
tile_node (const Tile *tile)
{
  int scale = tile->scale;
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *image;
  cairo_t *cr;

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) tile->n_columns, (int) tile->height);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return NULL;
    }
  cairo_surface_flush (image);
  draw_tile (tile, image);
  cairo_surface_mark_dirty (image);
  cairo_surface_set_device_scale (image, scale, scale);

  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, (float) tile->n_columns / scale, (float) tile->height / scale));
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
  return g_steal_pointer (&node);
}

void
secuencia_waveform_tiles_snapshot (SecuenciaWaveformTiles *self,
                                   GtkSnapshot            *snapshot,
                                   const SecuenciaClip    *clip,
                                   SecuenciaPeaks         *peaks,
                                   double                  ns_per_px,
                                   int                     scale,
                                   double                  x_start,
                                   double                  xa,
                                   double                  xb,
                                   double                  top,
                                   double                  height,
                                   double                  gain,
                                   const GdkRGBA          *color)
{
  double ns_per_column;
  double x0, y0;
  guint64 n_columns, first, last;
  guint h;
  guint32 pixel = premultiplied_pixel (color);

  scale = MAX (scale, 1);
  ns_per_column = ns_per_px / scale;
  if (ns_per_column < 1 || clip->duration <= 0 || height < 1)
    return;
  /* Whole device pixels: a texture drawn off the pixel grid is filtered
   * (blurred, and slower). */
  x0 = round (x_start * scale);
  y0 = round (top * scale);
  h = (guint) MAX (1, lround (height * scale));
  n_columns = (guint64) MAX (1, llround (clip->duration / ns_per_column));
  first = (guint64) CLAMP (floor (xa * scale - x0), 0, (double) n_columns);
  last = (guint64) CLAMP (ceil (xb * scale - x0), 0, (double) n_columns);
  if (first >= last)
    return;

  for (guint64 index = first / TILE_COLUMNS; index * TILE_COLUMNS < last; index++)
    {
      TileKey key = { clip->id, index };
      guint n = (guint) MIN ((guint64) TILE_COLUMNS, n_columns - index * TILE_COLUMNS);
      Tile *tile = g_hash_table_lookup (self->tiles, &key);

      if (tile == NULL)
        {
          tile = g_new0 (Tile, 1);
          tile->key = key;
          g_hash_table_insert (self->tiles, &tile->key, tile);
        }
      if (tile->node == NULL
          || tile->peaks != peaks
          || tile->source_start != clip->source_start
          || tile->ns_per_column != ns_per_column
          || tile->n_columns != n
          || tile->height != h
          || tile->scale != scale
          || tile->gain != gain
          || tile->pixel != pixel)
        {
          if (tile->peaks != peaks)
            {
              g_clear_pointer (&tile->peaks, secuencia_peaks_unref);
              tile->peaks = secuencia_peaks_ref (peaks);
            }
          tile->source_start = clip->source_start;
          tile->ns_per_column = ns_per_column;
          tile->n_columns = n;
          tile->height = h;
          tile->scale = scale;
          tile->gain = gain;
          tile->pixel = pixel;
          g_clear_pointer (&tile->node, gsk_render_node_unref);
          tile->node = tile_node (tile);
          self->n_drawn++;
          if (tile->node == NULL)
            continue;
        }
      tile->frame = self->frame;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) ((x0 + (double) (index * TILE_COLUMNS)) / scale),
                                                              (float) (y0 / scale)));
      gtk_snapshot_append_node (snapshot, tile->node);
      gtk_snapshot_restore (snapshot);
    }
}
