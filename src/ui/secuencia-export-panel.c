/* secuencia-export-panel.c: see the header. */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "secuencia-export-panel.h"
#include "secuencia-progress-bar.h"

struct _SecuenciaExportPanel
{
  GtkWidget parent_instance;

  /* Owned references */
  SecuenciaExportProgress *progress;
  gulong                   notify_id;

  /* Template references */
  GtkWidget      *box;
  GtkLabel       *title_label;
  GtkInscription *stage_label;
  SecuenciaProgressBar *progress_bar;
  GtkInscription *time_left_label;
  GtkWidget      *cancel_button;
};

G_DEFINE_FINAL_TYPE (SecuenciaExportPanel, secuencia_export_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_time_left (double seconds)
{
  if (seconds < 0)
    return g_strdup (_("Estimating time left…"));
  if (seconds < 60)
    {
      int s = MAX (1, (int) ceil (seconds / 5.0) * 5);

      /* Translators: %d is a number of seconds, rounded up to a multiple of 5 */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %d second left",
                                           "About %d seconds left", s), s);
    }
  else
    {
      int m = (int) ceil (seconds / 60.0);

      /* Translators: %d is a number of minutes */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %d minute left",
                                           "About %d minutes left", m), m);
    }
}

/* The stage and the time left are GtkInscriptions: their size does not
 * follow their text, so a new text only redraws them. A GtkLabel's new
 * text made the whole window be measured again, and on X each of those
 * asks the X server for the toplevel's place and the work area (several
 * round trips, each a wait when the server is busy). */
static void
set_label_if_changed (GtkInscription *label,
                      const char     *text)
{
  if (g_strcmp0 (gtk_inscription_get_text (label), text) != 0)
    gtk_inscription_set_text (label, text);
}

static void
secuencia_export_panel_sync (SecuenciaExportPanel *self)
{
  g_autofree char *message = NULL;
  g_autofree char *time_left = NULL;
  double fraction;
  char accessible[64];

  g_assert (SECUENCIA_IS_EXPORT_PANEL (self));

  if (self->progress == NULL)
    return;

  fraction = secuencia_export_progress_get_fraction (self->progress);
  message = secuencia_export_progress_dup_message (self->progress);
  time_left = format_time_left (secuencia_export_progress_get_eta (self->progress));

  /* Several times a second: nothing here may change the panel's size
   * unless its text changes (see secuencia-progress-bar.h). */
  secuencia_progress_bar_set_fraction (self->progress_bar, fraction);
  if (message != NULL && *message != '\0')
    set_label_if_changed (self->stage_label, message);
  set_label_if_changed (self->time_left_label, time_left);

  /* Translators: accessible description of the export progress, e.g. "42 %" */
  g_snprintf (accessible, sizeof accessible, _("%d %%"), (int) floor (fraction * 100.0));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, accessible,
                                  -1);
}

static void
on_progress_notify (SecuenciaExportProgress *progress,
                    GParamSpec              *pspec,
                    SecuenciaExportPanel    *self)
{
  secuencia_export_panel_sync (self);
}

void
secuencia_export_panel_set_progress (SecuenciaExportPanel    *self,
                                     SecuenciaExportProgress *progress)
{
  g_return_if_fail (SECUENCIA_IS_EXPORT_PANEL (self));
  g_return_if_fail (!progress || SECUENCIA_IS_EXPORT_PROGRESS (progress));

  if (self->progress == progress)
    return;

  if (self->progress != NULL)
    g_clear_signal_handler (&self->notify_id, self->progress);
  g_set_object (&self->progress, progress);

  secuencia_progress_bar_set_fraction (self->progress_bar, 0.0);
  set_label_if_changed (self->time_left_label, _("Estimating time left…"));
  if (progress != NULL)
    {
      self->notify_id = g_signal_connect_object (progress, "notify",
                                                 G_CALLBACK (on_progress_notify),
                                                 self, G_CONNECT_DEFAULT);
      secuencia_export_panel_sync (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

SecuenciaExportProgress *
secuencia_export_panel_get_progress (SecuenciaExportPanel *self)
{
  g_return_val_if_fail (SECUENCIA_IS_EXPORT_PANEL (self), NULL);
  return self->progress;
}

void
secuencia_export_panel_set_title (SecuenciaExportPanel *self,
                                  const char           *title)
{
  g_return_if_fail (SECUENCIA_IS_EXPORT_PANEL (self));
  gtk_label_set_label (self->title_label, title);
}

void
secuencia_export_panel_set_stage (SecuenciaExportPanel *self,
                                  const char           *stage)
{
  g_return_if_fail (SECUENCIA_IS_EXPORT_PANEL (self));
  set_label_if_changed (self->stage_label, stage);
}

void
secuencia_export_panel_set_descriptions (SecuenciaExportPanel *self,
                                         const char           *progress_name,
                                         const char           *cancel_tooltip)
{
  g_return_if_fail (SECUENCIA_IS_EXPORT_PANEL (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, progress_name, -1);
  /* A tooltip set asks the X server where the pointer is: only a new one. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (self->cancel_button), cancel_tooltip) != 0)
    gtk_widget_set_tooltip_text (self->cancel_button, cancel_tooltip);
}

double
secuencia_export_panel_get_fraction (SecuenciaExportPanel *self)
{
  g_return_val_if_fail (SECUENCIA_IS_EXPORT_PANEL (self), 0.0);
  return secuencia_progress_bar_get_fraction (self->progress_bar);
}

const char *
secuencia_export_panel_get_time_left_text (SecuenciaExportPanel *self)
{
  g_return_val_if_fail (SECUENCIA_IS_EXPORT_PANEL (self), NULL);
  return gtk_inscription_get_text (self->time_left_label);
}

GtkWidget *
secuencia_export_panel_new (void)
{
  return g_object_new (SECUENCIA_TYPE_EXPORT_PANEL, NULL);
}

static void
secuencia_export_panel_dispose (GObject *object)
{
  SecuenciaExportPanel *self = (SecuenciaExportPanel *)object;

  if (self->progress != NULL)
    g_clear_signal_handler (&self->notify_id, self->progress);
  g_clear_object (&self->progress);
  gtk_widget_dispose_template (GTK_WIDGET (self), SECUENCIA_TYPE_EXPORT_PANEL);

  G_OBJECT_CLASS (secuencia_export_panel_parent_class)->dispose (object);
}

static void
secuencia_export_panel_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SecuenciaExportPanel *self = SECUENCIA_EXPORT_PANEL (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_object (value, self->progress);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_export_panel_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SecuenciaExportPanel *self = SECUENCIA_EXPORT_PANEL (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      secuencia_export_panel_set_progress (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_export_panel_class_init (SecuenciaExportPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = secuencia_export_panel_dispose;
  object_class->get_property = secuencia_export_panel_get_property;
  object_class->set_property = secuencia_export_panel_set_property;

  properties[PROP_PROGRESS] =
    g_param_spec_object ("progress", NULL, NULL,
                         SECUENCIA_TYPE_EXPORT_PROGRESS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SECUENCIA_TYPE_PROGRESS_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/secuencia-export-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SecuenciaExportPanel, box);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaExportPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaExportPanel, stage_label);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaExportPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaExportPanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaExportPanel, time_left_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
secuencia_export_panel_init (SecuenciaExportPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
