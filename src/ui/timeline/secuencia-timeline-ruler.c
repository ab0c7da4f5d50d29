/* secuencia-timeline-ruler.c: the time ruler above the lanes. */
#include "config.h"

#include <math.h>

#include "secuencia-timeline-ruler.h"

static const SecuenciaTime steps[] = {
  1000000, 2000000, 5000000,                    /* 1, 2, 5 ms */
  10000000, 20000000, 50000000,                 /* 10, 20, 50 ms */
  100000000, 200000000, 500000000,              /* 0.1, 0.2, 0.5 s */
  1000000000, 2000000000, 5000000000,           /* 1, 2, 5 s */
  10000000000, 15000000000, 30000000000,        /* 10, 15, 30 s */
  60000000000, 120000000000, 300000000000,      /* 1, 2, 5 min */
  600000000000, 900000000000, 1800000000000,    /* 10, 15, 30 min */
  3600000000000, 7200000000000, 18000000000000, /* 1, 2, 5 h */
  36000000000000, 86400000000000, 360000000000000,
  3600000000000000,
};

void
secuencia_timeline_ruler_steps (double         ns_per_px,
                                double         min_label_px,
                                SecuenciaTime *major,
                                SecuenciaTime *minor)
{
  guint i;

  for (i = 0; i + 1 < G_N_ELEMENTS (steps); i++)
    if ((double) steps[i] / ns_per_px >= min_label_px)
      break;
  *major = steps[i];
  /* Minor ticks: a fifth (1, 5, 10 ...) or a half (2, 15 ...) of it. */
  if (*major % 5 == 0 && (*major / 5) / ns_per_px >= 6)
    *minor = *major / 5;
  else if ((*major / 2) / ns_per_px >= 6)
    *minor = *major / 2;
  else
    *minor = *major;
}

char *
secuencia_timeline_ruler_format (SecuenciaTime time,
                                 SecuenciaTime step)
{
  gint64 ms = time / SECUENCIA_TIME_MSECOND;
  gint64 seconds = ms / 1000;
  gint64 minutes = seconds / 60;
  gint64 hours = minutes / 60;
  char fraction[8] = "";

  if (step % SECUENCIA_TIME_SECOND != 0)
    {
      if (step % (100 * SECUENCIA_TIME_MSECOND) == 0)
        g_snprintf (fraction, sizeof fraction, ".%01d", (int) (ms % 1000) / 100);
      else if (step % (10 * SECUENCIA_TIME_MSECOND) == 0)
        g_snprintf (fraction, sizeof fraction, ".%02d", (int) (ms % 1000) / 10);
      else
        g_snprintf (fraction, sizeof fraction, ".%03d", (int) (ms % 1000));
    }
  if (hours > 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d%s", hours, (int) (minutes % 60),
                            (int) (seconds % 60), fraction);
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d%s", minutes, (int) (seconds % 60), fraction);
}

void
secuencia_timeline_ruler_snapshot (GtkSnapshot             *snapshot,
                                   SecuenciaTimelineLayout *layout,
                                   GtkWidget               *widget,
                                   SecuenciaTimelineLabels *labels,
                                   const GdkRGBA           *foreground)
{
  GdkRGBA background = *foreground;
  GdkRGBA tick = *foreground;
  SecuenciaTime major, minor, start, end;
  double height = layout->ruler_height;

  background.alpha = 0.06;
  tick.alpha = 0.45;
  gtk_snapshot_append_color (snapshot, &background,
                             &GRAPHENE_RECT_INIT (0, 0, layout->width, height));
  gtk_snapshot_append_color (snapshot, &tick,
                             &GRAPHENE_RECT_INIT (0, height - 1, layout->width, 1));

  secuencia_timeline_ruler_steps (layout->ns_per_px, 90, &major, &minor);
  start = MAX (0, secuencia_timeline_layout_x_to_time (layout, 0));
  start -= start % minor;
  end = secuencia_timeline_layout_x_to_time (layout, layout->width) + 1;

  for (SecuenciaTime t = start; t <= end; t += minor)
    {
      double x = floor (secuencia_timeline_layout_time_to_x (layout, t));
      gboolean is_major = t % major == 0;
      double tick_height = is_major ? height * 0.5 : height * 0.2;

      gtk_snapshot_append_color (snapshot, &tick,
                                 &GRAPHENE_RECT_INIT (x, height - tick_height, 1, tick_height));
      if (is_major)
        {
          g_autofree char *label = secuencia_timeline_ruler_format (t, major);

          secuencia_timeline_labels_snapshot (labels, widget, snapshot, t, label, x + 4, 2,
                                              G_MAXINT / PANGO_SCALE, foreground);
        }
    }
}
