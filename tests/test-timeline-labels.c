/* test-timeline-labels.c: the timeline view's clip labels, shaped once.
 * A label that fits is drawn whole; one that does not is cut to the room
 * it has with an ellipsis after it (its drawing stays inside the room);
 * drawing at another width or place does not lay the text out again;
 * new text does. */
#include <gtk/gtk.h>

#include "secuencia-timeline-labels.h"

static const GdkRGBA black = { 0, 0, 0, 1 };

/* Text nodes in @node's tree (GTK versions differ in the containers,
 * clips and transforms around them). */
static int
count_text_nodes (GskRenderNode *node)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      return 1;
    case GSK_CONTAINER_NODE:
      {
        int n = 0;
        for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
          n += count_text_nodes (gsk_container_node_get_child (node, i));
        return n;
      }
    case GSK_CLIP_NODE:
      return count_text_nodes (gsk_clip_node_get_child (node));
    case GSK_TRANSFORM_NODE:
      return count_text_nodes (gsk_transform_node_get_child (node));
    default:
      g_test_message ("unexpected node type %d", gsk_render_node_get_node_type (node));
      return 0;
    }
}

/* The bounds of what drawing @text with @available room at (10, 5) gives;
 * *n_nodes: the text nodes (one per run: the label, and the ellipsis). */
static graphene_rect_t
draw (SecuenciaTimelineLabels *labels,
      GtkWidget               *widget,
      gint64                   key,
      const char              *text,
      double                   available,
      int                     *n_nodes)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);

  secuencia_timeline_labels_snapshot (labels, widget, snapshot, key, text, 10, 5, available, &black);
  secuencia_timeline_labels_end_frame (labels);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    gsk_render_node_get_bounds (node, &bounds);
  if (n_nodes != NULL)
    *n_nodes = node == NULL ? 0 : count_text_nodes (node);
  return bounds;
}

static void
test_labels (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = gtk_label_new ("");
  g_autoptr(SecuenciaTimelineLabels) labels = secuencia_timeline_labels_new ();
  const char *text = "ANA: Did you hear that? Something is moving behind the door";
  PangoLayout *natural;
  int natural_width, n_nodes;
  graphene_rect_t bounds;

  gtk_window_set_child (GTK_WINDOW (window), widget);
  natural = gtk_widget_create_pango_layout (widget, text);
  pango_layout_get_pixel_size (natural, &natural_width, NULL);
  g_object_unref (natural);
  g_assert_cmpint (natural_width, >, 150);

  /* Room enough: whole, one node. */
  bounds = draw (labels, widget, 1, text, natural_width + 20, &n_nodes);
  g_assert_cmpint (n_nodes, ==, 1);
  g_assert_cmpfloat (bounds.origin.x, >=, 9);
  g_assert_cmpfloat (bounds.size.width, >, natural_width - 10);
  g_assert_cmpuint (secuencia_timeline_labels_get_n_laid_out (labels), ==, 1);

  /* Half the room and less, down to a few characters: cut, with an
   * ellipsis, inside the room. */
  for (double room = natural_width / 2.0; room > 60; room -= 17)
    {
      bounds = draw (labels, widget, 1, text, room, &n_nodes);
      g_test_message ("room %.0f: %d text nodes, bounds %.1f+%.1f", room, n_nodes,
                      bounds.origin.x, bounds.size.width);
      g_assert_cmpint (n_nodes, ==, 2);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 10 + room + 1);
      g_assert_cmpfloat (bounds.size.width, >, room / 2);
    }
  /* None of that shaped the text again. */
  g_assert_cmpuint (secuencia_timeline_labels_get_n_laid_out (labels), ==, 1);

  /* Room for the ellipsis and less than the first letter: the ellipsis
   * alone, as Pango would. */
  {
    PangoLayout *ellipsis = gtk_widget_create_pango_layout (widget, "…");
    PangoLayout *letter = gtk_widget_create_pango_layout (widget, "A");
    int ellipsis_width, letter_width;
    double room;

    pango_layout_get_size (ellipsis, &ellipsis_width, NULL);
    pango_layout_get_size (letter, &letter_width, NULL);
    g_object_unref (ellipsis);
    g_object_unref (letter);
    room = (ellipsis_width + letter_width / 2.0) / PANGO_SCALE;
    bounds = draw (labels, widget, 1, text, room, &n_nodes);
    g_assert_cmpint (n_nodes, ==, 1);
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 10 + room + 1);
  }

  /* Less room than an ellipsis: nothing. */
  bounds = draw (labels, widget, 1, text, 2, &n_nodes);
  g_assert_cmpint (n_nodes, ==, 0);

  /* New text (a volume badge) is laid out once more; another clip too. */
  draw (labels, widget, 1, "ANA: Did you hear that?  +3.0 dB", 400, NULL);
  g_assert_cmpuint (secuencia_timeline_labels_get_n_laid_out (labels), ==, 2);
  draw (labels, widget, 2, "BEN: Only the wind.", 400, NULL);
  draw (labels, widget, 2, "BEN: Only the wind.", 300, NULL);
  g_assert_cmpuint (secuencia_timeline_labels_get_n_laid_out (labels), ==, 3);

  secuencia_timeline_labels_clear (labels);
  draw (labels, widget, 2, "BEN: Only the wind.", 300, NULL);
  g_assert_cmpuint (secuencia_timeline_labels_get_n_laid_out (labels), ==, 4);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/timeline-labels/cut-and-reuse", test_labels);
  return g_test_run ();
}
