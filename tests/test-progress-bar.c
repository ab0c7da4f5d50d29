/* test-progress-bar.c: SecuenciaProgressBar looks like a GtkProgressBar at
 * the same fraction (pixels compared from rendered output), and moving it
 * never makes its window lay out again: no GdkSurface::layout while the
 * fraction changes and frames are painted (on X11 each layout costs
 * synchronous round trips to the X server). */

#include "config.h"

#include <gtk/gtk.h>

#include "secuencia-progress-bar.h"
#include "secuencia-test-window.h"

#define WIDTH 400

typedef struct
{
  guint layouts;
  guint paints;
} Counts;

static void
on_layout (GdkSurface *surface,
           int         width,
           int         height,
           Counts     *counts)
{
  counts->layouts++;
}

static void
on_after_paint (GdkFrameClock *clock,
                Counts        *counts)
{
  counts->paints++;
}

typedef struct
{
  Counts *counts;
  guint   until;
} PaintWait;

static gboolean
painted (gpointer data)
{
  PaintWait *wait = data;

  return wait->counts->paints >= wait->until;
}

/* The widget rendered by the window's renderer, as 32-bit pixels. */
static guint8 *
render (GtkWidget *widget,
        int       *out_width,
        int       *out_height,
        gsize     *out_stride)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint8 *pixels;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  *out_width = gdk_texture_get_width (texture);
  *out_height = gdk_texture_get_height (texture);
  *out_stride = (gsize) *out_width * 4;
  pixels = g_malloc (*out_stride * *out_height);
  gdk_texture_download (texture, pixels, *out_stride);
  return pixels;
}

static guint32
pixel_at (const guint8 *pixels,
          gsize         stride,
          int           x,
          int           y)
{
  const guint8 *p = pixels + (gsize) y * stride + (gsize) x * 4;

  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static gboolean
close_colours (guint32 a,
               guint32 b)
{
  for (int shift = 0; shift < 32; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > 8)
      return FALSE;
  return TRUE;
}

static void
test_like_gtk_and_no_layout (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *ours = secuencia_progress_bar_new ();
  GtkWidget *gtk = gtk_progress_bar_new ();
  GdkSurface *surface;
  GdkFrameClock *clock;
  Counts counts = { 0 };
  g_autofree guint8 *a = NULL;
  g_autofree guint8 *b = NULL;
  int aw, ah, bw, bh;
  gsize as, bs;

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (ours)), ==,
                   GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);

  gtk_widget_set_size_request (ours, WIDTH, -1);
  gtk_widget_set_size_request (gtk, WIDTH, -1);
  gtk_widget_set_halign (ours, GTK_ALIGN_START);
  gtk_widget_set_halign (gtk, GTK_ALIGN_START);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_box_append (GTK_BOX (box), ours);
  gtk_box_append (GTK_BOX (box), gtk);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  secuencia_test_spin (500);

  surface = gtk_native_get_surface (GTK_NATIVE (window));
  clock = gdk_surface_get_frame_clock (surface);
  g_signal_connect (surface, "layout", G_CALLBACK (on_layout), &counts);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &counts);
  secuencia_test_spin (200);
  counts.layouts = 0;

  /* Twenty steps, each painted: the window never lays out again. */
  for (int i = 1; i <= 20; i++)
    {
      PaintWait wait = { &counts, counts.paints + 1 };

      secuencia_progress_bar_set_fraction (SECUENCIA_PROGRESS_BAR (ours), i / 20.0);
      secuencia_test_wait_until (painted, &wait);
    }
  g_assert_cmpuint (counts.layouts, ==, 0);
  g_assert_cmpfloat (secuencia_progress_bar_get_fraction (SECUENCIA_PROGRESS_BAR (ours)), ==, 1.0);

  /* A GtkProgressBar at the same fraction, the reference: a change lays
   * the window out again. */
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (gtk), 0.5);
  {
    PaintWait wait = { &counts, counts.paints + 1 };

    secuencia_test_wait_until (painted, &wait);
  }
  g_assert_cmpuint (counts.layouts, >, 0);

  secuencia_progress_bar_set_fraction (SECUENCIA_PROGRESS_BAR (ours), 0.5);
  secuencia_test_spin (100);
  a = render (ours, &aw, &ah, &as);
  b = render (gtk, &bw, &bh, &bs);
  g_assert_cmpint (aw, ==, bw);
  g_assert_cmpint (ah, ==, bh);
  /* Filled at a quarter, empty at three quarters, as GTK's own; every
   * column of the middle row matches away from the end of the fill. */
  g_assert_false (close_colours (pixel_at (a, as, aw / 4, ah / 2), pixel_at (a, as, 3 * aw / 4, ah / 2)));
  for (int x = 0; x < aw; x++)
    if (ABS (x - aw / 2) > ah)
      {
        if (!close_colours (pixel_at (a, as, x, ah / 2), pixel_at (b, bs, x, bh / 2)))
          g_error ("column %d: %08x here, %08x in GtkProgressBar", x,
                   pixel_at (a, as, x, ah / 2), pixel_at (b, bs, x, bh / 2));
      }

  /* At 0 all of it is the trough. */
  secuencia_progress_bar_set_fraction (SECUENCIA_PROGRESS_BAR (ours), 0.0);
  secuencia_test_spin (100);
  g_free (a);
  a = render (ours, &aw, &ah, &as);
  g_assert_true (close_colours (pixel_at (a, as, aw / 4, ah / 2), pixel_at (a, as, 3 * aw / 4, ah / 2)));

  g_signal_handlers_disconnect_by_data (surface, &counts);
  g_signal_handlers_disconnect_by_data (clock, &counts);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/progress-bar/like-gtk-and-no-layout", test_like_gtk_and_no_layout);

  return g_test_run ();
}
