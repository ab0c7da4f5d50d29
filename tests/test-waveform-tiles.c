/* test-waveform-tiles.c: the timeline view's cached waveform images.
 * The tiles are drawn with cairo into an image and the pixels checked
 * against the peaks (a loud part fills the band, a silent part is a
 * one-pixel line, gain scales, nothing outside the clip's columns), then
 * what is drawn again and what is reused: scrolling reuses every tile,
 * a zoom, a gain or a colour change draws them again. */
#include <gtk/gtk.h>

#include "secuencia-waveform-tiles.h"

#define MS(x) ((SecuenciaTime) (x) * SECUENCIA_TIME_MSECOND)
#define WIDTH  700
#define HEIGHT 60

static const GdkRGBA red = { 1, 0, 0, 1 };

/* 1 s of 5 ms blocks: the first half at full scale, the second half
 * silent but for a half-scale stretch from 750 to 800 ms. */
static SecuenciaPeaks *
make_peaks (void)
{
  gint16 pairs[2 * 200];
  g_autoptr(GError) error = NULL;
  SecuenciaPeaks *peaks;

  for (guint i = 0; i < 200; i++)
    {
      gint16 v = i < 100 ? 32767 : (i >= 150 && i < 160) ? 16384 : 0;
      pairs[2 * i] = (gint16) -v;
      pairs[2 * i + 1] = v;
    }
  peaks = secuencia_peaks_new_from_blocks (MS (1000), MS (5), pairs, 200, &error);
  g_assert_no_error (error);
  return peaks;
}

static SecuenciaClip *
make_clip (void)
{
  SecuenciaClip *clip = secuencia_clip_new (7, MS (0), MS (0), MS (1000), 0);

  clip->id = 42;
  return clip;
}

/* Draws @self's waveform of @clip at @ns_per_px, clip start at @x, band
 * 10..50, into a fresh image. */
static cairo_surface_t *
draw (SecuenciaWaveformTiles *self,
      const SecuenciaClip    *clip,
      SecuenciaPeaks         *peaks,
      double                  ns_per_px,
      double                  x,
      double                  gain,
      const GdkRGBA          *color)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (image);

  secuencia_waveform_tiles_snapshot (self, snapshot, clip, peaks, ns_per_px, 1, x, 0, WIDTH, 10, 40, gain, color);
  secuencia_waveform_tiles_end_frame (self);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

static guint32
pixel (cairo_surface_t *image, int x, int y)
{
  const guint8 *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);

  return *(const guint32 *) (data + (gsize) y * stride + 4 * (gsize) x);
}

/* Rows painted in column @x: first and count. */
static int
column_span (cairo_surface_t *image, int x, int *first)
{
  int n = 0;

  *first = -1;
  for (int y = 0; y < HEIGHT; y++)
    if (pixel (image, x, y) != 0)
      {
        if (*first < 0)
          *first = y;
        n++;
      }
  return n;
}

static void
test_pixels (void)
{
  g_autoptr(SecuenciaWaveformTiles) tiles = secuencia_waveform_tiles_new ();
  g_autoptr(SecuenciaPeaks) peaks = make_peaks ();
  g_autoptr(SecuenciaClip) clip = make_clip ();
  cairo_surface_t *image;
  int first;

  /* 2 ms per pixel: 500 columns from x = 100. */
  image = draw (tiles, clip, peaks, MS (2), 100, 1.0, &red);
  g_assert_cmphex (pixel (image, 150, 30), ==, 0xffff0000);
  /* Loud: the whole band, 10..49. */
  g_assert_cmpint (column_span (image, 150, &first), ==, 40);
  g_assert_cmpint (first, ==, 10);
  /* Silent: one pixel at the middle. */
  g_assert_cmpint (column_span (image, 100 + 300, &first), ==, 1);
  g_assert_cmpint (first, ==, 29);
  /* Half scale (750..800 ms = columns 375..400): half the band. */
  g_assert_cmpint (column_span (image, 100 + 385, &first), ==, 20);
  g_assert_cmpint (first, ==, 20);
  /* Nothing before the clip's first column or after its last. */
  g_assert_cmpint (column_span (image, 99, &first), ==, 0);
  g_assert_cmpint (column_span (image, 100, &first), ==, 40);
  g_assert_cmpint (column_span (image, 599, &first), ==, 1);
  g_assert_cmpint (column_span (image, 600, &first), ==, 0);
  cairo_surface_destroy (image);

  /* Gain: the half-scale stretch at 0.5 is a quarter of the band. */
  image = draw (tiles, clip, peaks, MS (2), 100, 0.5, &red);
  g_assert_cmpint (column_span (image, 100 + 385, &first), ==, 10);
  g_assert_cmpint (first, ==, 25);
  cairo_surface_destroy (image);
}

static void
test_reuse (void)
{
  g_autoptr(SecuenciaWaveformTiles) tiles = secuencia_waveform_tiles_new ();
  g_autoptr(SecuenciaPeaks) peaks = make_peaks ();
  g_autoptr(SecuenciaClip) clip = make_clip ();
  GdkRGBA grey = { 0.5, 0.5, 0.5, 0.5 };
  cairo_surface_t *image;
  guint64 drawn;
  int first;

  /* 500 columns: two tiles. */
  cairo_surface_destroy (draw (tiles, clip, peaks, MS (2), 100, 1.0, &red));
  drawn = secuencia_waveform_tiles_get_n_drawn (tiles);
  g_assert_cmpuint (drawn, ==, 2);

  /* Scrolled (and a clip moved): the same tiles, at the new place. */
  image = draw (tiles, clip, peaks, MS (2), 37, 1.0, &red);
  g_assert_cmpuint (secuencia_waveform_tiles_get_n_drawn (tiles), ==, drawn);
  g_assert_cmpint (column_span (image, 37 + 10, &first), ==, 40);
  g_assert_cmpint (column_span (image, 36, &first), ==, 0);
  cairo_surface_destroy (image);

  /* Scrolled half out of view: only the visible tile is needed. */
  cairo_surface_destroy (draw (tiles, clip, peaks, MS (2), -400, 1.0, &red));
  g_assert_cmpuint (secuencia_waveform_tiles_get_n_drawn (tiles), ==, drawn);

  /* Zoom, gain and colour each draw the tiles again. */
  cairo_surface_destroy (draw (tiles, clip, peaks, MS (4), 100, 1.0, &red));
  g_assert_cmpuint (secuencia_waveform_tiles_get_n_drawn (tiles), ==, drawn + 1);
  cairo_surface_destroy (draw (tiles, clip, peaks, MS (4), 100, 0.5, &red));
  g_assert_cmpuint (secuencia_waveform_tiles_get_n_drawn (tiles), ==, drawn + 2);
  cairo_surface_destroy (draw (tiles, clip, peaks, MS (4), 100, 0.5, &grey));
  g_assert_cmpuint (secuencia_waveform_tiles_get_n_drawn (tiles), ==, drawn + 3);

  /* A new source start (a left trim) too. */
  clip->source_start = MS (100);
  clip->duration = MS (900);
  image = draw (tiles, clip, peaks, MS (4), 100, 1.0, &red);
  g_assert_cmpuint (secuencia_waveform_tiles_get_n_drawn (tiles), >, drawn + 3);
  /* Loud until 500 ms of the source: 100 columns of 4 ms from 100 ms. */
  g_assert_cmpint (column_span (image, 100 + 99, &first), ==, 40);
  g_assert_cmpint (column_span (image, 100 + 101, &first), ==, 1);
  cairo_surface_destroy (image);

  secuencia_waveform_tiles_clear (tiles);
  g_assert_cmpuint (secuencia_waveform_tiles_get_n_kept (tiles), ==, 0);
}

/* Zoomed far out, a column covers many blocks: the coarser levels are
 * used, and the column still shows the loudest block under it. */
static void
test_zoomed_out (void)
{
  g_autoptr(SecuenciaWaveformTiles) tiles = secuencia_waveform_tiles_new ();
  g_autoptr(SecuenciaPeaks) peaks = make_peaks ();
  g_autoptr(SecuenciaClip) clip = make_clip ();
  cairo_surface_t *image;
  int first;

  /* 100 ms per pixel: ten columns; columns 7 (700..800 ms) holds the
   * half-scale stretch. */
  image = draw (tiles, clip, peaks, MS (100), 10, 1.0, &red);
  g_assert_cmpint (column_span (image, 10 + 0, &first), ==, 40);
  g_assert_cmpint (column_span (image, 10 + 7, &first), ==, 20);
  g_assert_cmpint (column_span (image, 10 + 8, &first), ==, 1);
  g_assert_cmpint (column_span (image, 10 + 10, &first), ==, 0);
  cairo_surface_destroy (image);
}

int
main (int argc, char **argv)
{
  /* Render nodes need GTK initialized. */
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/waveform-tiles/pixels", test_pixels);
  g_test_add_func ("/waveform-tiles/reuse", test_reuse);
  g_test_add_func ("/waveform-tiles/zoomed-out", test_zoomed_out);
  return g_test_run ();
}
