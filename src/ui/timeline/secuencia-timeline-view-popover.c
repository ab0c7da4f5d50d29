/* secuencia-timeline-view-popover.c: the clip popover (double-click or
 * Enter): start, length, lane, volume and mute, edited precisely and
 * applied as one command. */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "secuencia-a11y.h"
#include "secuencia-clips-command.h"
#include "secuencia-timeline-view-private.h"

typedef struct
{
  gint64     clip_id;
  GtkWidget *start;
  GtkWidget *length;
  GtkWidget *lane;
  GtkWidget *volume;
  GtkWidget *mute;
} PopoverFields;

static GtkWidget *
add_row (GtkGrid    *grid,
         int         row,
         const char *label_text,
         GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, field, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  return field;
}

static GtkWidget *
spin (double lower, double upper, double step, guint digits, double value)
{
  GtkWidget *button = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (button), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (button), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (button), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (button), 9);
  gtk_widget_set_hexpand (button, TRUE);
  return button;
}

static void
on_apply (GtkButton             *button,
          SecuenciaTimelineView *self)
{
  PopoverFields *fields = g_object_get_data (G_OBJECT (self->popover), "fields");
  const SecuenciaClip *clip;
  g_autoptr(SecuenciaClipsCommand) command = NULL;
  SecuenciaClip after;
  SecuenciaTime start, length, asset_duration;

  _secuencia_timeline_view_ensure_layout (self);
  clip = secuencia_timeline_layout_get_clip (self->layout, fields->clip_id);
  if (clip == NULL || self->timeline == NULL)
    {
      gtk_popover_popdown (self->popover);
      return;
    }
  gtk_spin_button_update (GTK_SPIN_BUTTON (fields->start));
  gtk_spin_button_update (GTK_SPIN_BUTTON (fields->length));
  gtk_spin_button_update (GTK_SPIN_BUTTON (fields->lane));
  gtk_spin_button_update (GTK_SPIN_BUTTON (fields->volume));
  start = (SecuenciaTime) llround (gtk_spin_button_get_value (GTK_SPIN_BUTTON (fields->start)) * 1000) * SECUENCIA_TIME_MSECOND;
  length = (SecuenciaTime) llround (gtk_spin_button_get_value (GTK_SPIN_BUTTON (fields->length)) * 1000) * SECUENCIA_TIME_MSECOND;
  asset_duration = secuencia_timeline_get_asset_duration (self->timeline, clip->asset_id);

  after = *clip;
  /* Unchanged fields keep their exact nanoseconds. */
  if (llabs (start - clip->offset) >= SECUENCIA_TIME_MSECOND / 2)
    after.offset = start;
  if (llabs (length - clip->duration) >= SECUENCIA_TIME_MSECOND / 2)
    after.duration = MIN (length, asset_duration - clip->source_start);
  after.lane = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (fields->lane)) - 1;
  after.volume_db = round (gtk_spin_button_get_value (GTK_SPIN_BUTTON (fields->volume)) * 10) / 10;
  after.muted = gtk_check_button_get_active (GTK_CHECK_BUTTON (fields->mute));

  command = secuencia_clips_command_new (self->timeline, self->project, _("Edit Clip"));
  secuencia_clips_command_add (command, clip, &after);
  if (_secuencia_timeline_view_perform (self, SECUENCIA_COMMAND (command)))
    gtk_popover_popdown (self->popover);
}

static void
on_field_activate (GtkText               *text,
                   SecuenciaTimelineView *self)
{
  on_apply (NULL, self);
}

static gboolean
unparent_later (gpointer data)
{
  if (gtk_widget_get_parent (data) != NULL)
    gtk_widget_unparent (data);
  return G_SOURCE_REMOVE;
}

static void
on_popover_closed (GtkPopover            *popover,
                   SecuenciaTimelineView *self)
{
  /* Unparent later: "closed" is emitted from inside the popover. */
  g_idle_add_full (G_PRIORITY_DEFAULT, unparent_later, g_object_ref (popover), g_object_unref);
  if (self->popover == popover)
    self->popover = NULL;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
_secuencia_timeline_view_show_popover (SecuenciaTimelineView *self,
                                       gint64                 clip_id)
{
  const SecuenciaClip *clip;
  PopoverFields *fields;
  GtkWidget *grid, *box, *apply, *title;
  graphene_rect_t area;
  g_autofree char *name = NULL;

  _secuencia_timeline_view_ensure_layout (self);
  clip = secuencia_timeline_layout_get_clip (self->layout, clip_id);
  if (clip == NULL || self->timeline == NULL)
    return;
  _secuencia_timeline_view_emit_activate (self, clip_id);
  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);

  fields = g_new0 (PopoverFields, 1);
  fields->clip_id = clip_id;
  self->popover = GTK_POPOVER (gtk_popover_new ());
  g_object_set_data_full (G_OBJECT (self->popover), "fields", fields, g_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  name = secuencia_timeline_view_dup_clip_name (self, clip_id);
  title = gtk_label_new (name);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 30);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  fields->start = add_row (GTK_GRID (grid), 0, _("_Start (s)"),
                           spin (0, 3600000, 0.01, 3, secuencia_time_to_seconds (clip->offset)));
  fields->length = add_row (GTK_GRID (grid), 1, _("_Length (s)"),
                            spin (0.001, secuencia_time_to_seconds (secuencia_timeline_get_asset_duration (self->timeline, clip->asset_id) - clip->source_start),
                                  0.01, 3, secuencia_time_to_seconds (clip->duration)));
  fields->lane = add_row (GTK_GRID (grid), 2, _("L_ane"), spin (-99, 100, 1, 0, clip->lane + 1));
  fields->volume = add_row (GTK_GRID (grid), 3, _("_Volume (dB)"), spin (-60, 24, 0.5, 1, clip->volume_db));
  fields->mute = secuencia_a11y_check_button_new_with_mnemonic (_("_Muted"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (fields->mute), clip->muted);
  gtk_grid_attach (GTK_GRID (grid), fields->mute, 1, 4, 1, 1);
  gtk_box_append (GTK_BOX (box), grid);

  apply = secuencia_a11y_button_new_with_mnemonic (_("_Apply"));
  gtk_widget_add_css_class (apply, "suggested-action");
  gtk_widget_set_halign (apply, GTK_ALIGN_END);
  g_signal_connect (apply, "clicked", G_CALLBACK (on_apply), self);
  gtk_box_append (GTK_BOX (box), apply);

  gtk_popover_set_child (self->popover, box);
  gtk_popover_set_default_widget (self->popover, apply);
  /* Enter in a field applies (GtkSpinButton has no "activate" before
   * GTK 4.14; its text delegate has). */
  {
    GtkWidget *spins[] = { fields->start, fields->length, fields->lane, fields->volume };

    for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
      g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (spins[i])), "activate",
                        G_CALLBACK (on_field_activate), self);
  }
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
  if (secuencia_timeline_view_get_clip_area (self, clip_id, &area))
    {
      double x0 = CLAMP (area.origin.x, 0, self->layout->width - 1);
      double x1 = CLAMP (area.origin.x + area.size.width, x0 + 1, self->layout->width);
      gtk_popover_set_pointing_to (self->popover,
                                   &(GdkRectangle) { (int) x0, (int) area.origin.y, (int) (x1 - x0), (int) area.size.height });
    }
  g_signal_connect (self->popover, "closed", G_CALLBACK (on_popover_closed), self);
  gtk_popover_popup (self->popover);
  gtk_widget_grab_focus (fields->start);
}

GtkWidget *
_secuencia_timeline_view_get_popover_field (SecuenciaTimelineView *self,
                                            const char            *name)
{
  PopoverFields *fields;

  if (self->popover == NULL)
    return NULL;
  fields = g_object_get_data (G_OBJECT (self->popover), "fields");
  if (g_str_equal (name, "start"))
    return fields->start;
  if (g_str_equal (name, "length"))
    return fields->length;
  if (g_str_equal (name, "lane"))
    return fields->lane;
  if (g_str_equal (name, "volume"))
    return fields->volume;
  if (g_str_equal (name, "mute"))
    return fields->mute;
  return NULL;
}
