/* secuencia-result-row.c: see the header. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "secuencia-result-row.h"
#include "secuencia-window-private.h"

struct _SecuenciaResultRow
{
  AdwActionRow parent_instance;

  GFile         *file;
  GtkDragSource *drag_source;
  char          *basic_subtitle;
  char          *measurements;
};

G_DEFINE_FINAL_TYPE (SecuenciaResultRow, secuencia_result_row, ADW_TYPE_ACTION_ROW)

/* A launch failed (no file manager, no app for the type): the window says
 * so in words a person understands and offers to copy the path. GLib's
 * own message ("Failed to find default application for content type
 * ‘inode/directory’") goes to the debug log only. */
static void
report_failure (GtkWidget       *widget,
                GFile           *file,
                SecuenciaLaunch  what,
                GError          *error)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  g_debug ("%s %s: %s", what == SECUENCIA_LAUNCH_SHOW_IN_FILES ? "show in files" : "open",
           g_file_peek_path (file), error->message);
  if (SECUENCIA_IS_WINDOW (root))
    _secuencia_window_launch_failed (SECUENCIA_WINDOW (root), file, what);
}

typedef struct
{
  GtkWidget       *widget;
  GFile           *file;     /* what the person asked about */
  SecuenciaLaunch  what;
} Launch;

static Launch *
launch_new (GtkWidget       *widget,
            GFile           *file,
            SecuenciaLaunch  what)
{
  Launch *launch = g_new0 (Launch, 1);

  launch->widget = g_object_ref (widget);
  launch->file = g_object_ref (file);
  launch->what = what;
  return launch;
}

static void
launch_free (Launch *launch)
{
  g_object_unref (launch->widget);
  g_object_unref (launch->file);
  g_free (launch);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Launch, launch_free)

static void
launch_default_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Launch) launch = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    report_failure (launch->widget, launch->file, launch->what, error);
}

/* Opens @target with its default app; a failure is reported about @file. */
static void
launch_default (GtkWidget       *widget,
                GFile           *target,
                GFile           *file,
                SecuenciaLaunch  what)
{
  g_autofree char *uri = g_file_get_uri (target);
  g_autoptr(GdkAppLaunchContext) context = NULL;

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           launch_default_done,
                                           launch_new (widget, file, what));
}

void
secuencia_open_with_default_app (GtkWidget *widget,
                                 GFile     *file)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (G_IS_FILE (file));

  launch_default (widget, file, file, SECUENCIA_LAUNCH_OPEN);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
launcher_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Launch) launch = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_open_containing_folder_finish (GTK_FILE_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    report_failure (launch->widget, launch->file, launch->what, error);
}
#endif

/* @task: source object the widget, task data the file. */
static void
show_items_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      /* No file manager on the bus: open the folder instead. */
      GtkWidget *widget = g_task_get_source_object (task);
      GFile *file = g_task_get_task_data (task);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      g_debug ("FileManager1.ShowItems failed (%s); opening the folder", error->message);
      if (parent != NULL)
        launch_default (widget, parent, file, SECUENCIA_LAUNCH_SHOW_IN_FILES);
    }
  g_task_return_boolean (task, TRUE);
}

/* Asks the file manager on @bus (or, without a bus, the folder's default
 * app) to show the task's file; takes @task. */
static void
show_items (GDBusConnection *bus,
            GTask           *task)
{
  GFile *file = g_task_get_task_data (task);
  g_autofree char *uri = g_file_get_uri (file);
  const char *uris[] = { uri, NULL };

  if (bus == NULL)
    {
      g_autoptr(GTask) owned = task;
      g_autoptr(GFile) parent = g_file_get_parent (file);

      if (parent != NULL)
        launch_default (g_task_get_source_object (task), parent, file, SECUENCIA_LAUNCH_SHOW_IN_FILES);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_dbus_connection_call (bus,
                          "org.freedesktop.FileManager1",
                          "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1",
                          "ShowItems",
                          g_variant_new ("(^ass)", uris, ""),
                          NULL,
                          G_DBUS_CALL_FLAGS_NONE,
                          5000, NULL,
                          show_items_done, task);
}

#if GTK_CHECK_VERSION (4, 10, 0)
/* GtkFileLauncher goes through the desktop's OpenURI portal when there is
 * one (in a sandbox, the only way out). Without one, GTK 4.18 warns ("Not
 * a supported version of the OpenURI portal: 0") and then tries only the
 * file manager; so the portal's version is asked first, and without a
 * portal the file manager is asked here, then the folder opened. */
static void
portal_version_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 version = 0;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply != NULL)
    {
      g_autoptr(GVariant) value = NULL;

      g_variant_get (reply, "(v)", &value);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
        version = g_variant_get_uint32 (value);
    }
  else
    g_debug ("no OpenURI portal (%s)", error->message);

  if (version >= 3)
    {
      GtkWidget *widget = g_task_get_source_object (task);
      GFile *file = g_task_get_task_data (task);
      g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);
      GtkRoot *root = gtk_widget_get_root (widget);

      gtk_file_launcher_open_containing_folder (launcher,
                                                GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                NULL, launcher_done,
                                                launch_new (widget, file, SECUENCIA_LAUNCH_SHOW_IN_FILES));
      g_task_return_boolean (task, TRUE);
      return;
    }
  show_items (G_DBUS_CONNECTION (object), g_steal_pointer (&task));
}
#endif

void
secuencia_show_in_files (GtkWidget *widget,
                         GFile     *file)
{
  g_autoptr(GDBusConnection) bus = NULL;
  GTask *task;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (G_IS_FILE (file));

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  task = g_task_new (widget, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
#if GTK_CHECK_VERSION (4, 10, 0)
  if (bus != NULL)
    {
      g_dbus_connection_call (bus,
                              "org.freedesktop.portal.Desktop",
                              "/org/freedesktop/portal/desktop",
                              "org.freedesktop.DBus.Properties",
                              "Get",
                              g_variant_new ("(ss)", "org.freedesktop.portal.OpenURI", "version"),
                              G_VARIANT_TYPE ("(v)"),
                              G_DBUS_CALL_FLAGS_NONE,
                              5000, NULL,
                              portal_version_done, task);
      return;
    }
#endif
  show_items (bus, task);
}

static void
on_drag_begin (GtkDragSource      *source,
               GdkDrag            *drag,
               SecuenciaResultRow *self)
{
  g_autoptr(GtkIconPaintable) icon = NULL;

  icon = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                                     "audio-x-generic", NULL, 32, 1,
                                     gtk_widget_get_direction (GTK_WIDGET (self)), 0);
  gtk_drag_source_set_icon (source, GDK_PAINTABLE (icon), 16, 16);
}

static void
on_activated (SecuenciaResultRow *self)
{
  secuencia_open_with_default_app (GTK_WIDGET (self), self->file);
}

static void
on_show_clicked (SecuenciaResultRow *self)
{
  secuencia_show_in_files (GTK_WIDGET (self), self->file);
}

GtkWidget *
secuencia_result_row_new (GFile         *file,
                          SecuenciaTime  duration,
                          goffset        size)
{
  SecuenciaResultRow *self;
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *time = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *button;
  GtkWidget *icon;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  escaped = g_markup_escape_text (name, -1);
  time = secuencia_time_format (duration);
  size_text = g_format_size (size);
  /* Translators: subtitle of a finished export: "1:02.500 · 1.2 MB" */
  subtitle = g_strdup_printf (_("%s · %s"), time, size_text);

  self = g_object_new (SECUENCIA_TYPE_RESULT_ROW,
                       "title", escaped,
                       "subtitle", subtitle,
                       "activatable", TRUE,
                       NULL);
  self->file = g_object_ref (file);
  self->basic_subtitle = g_strdup (subtitle);

  tooltip = g_file_get_parse_name (file);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);

  icon = gtk_image_new_from_icon_name ("audio-x-generic-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Audio file"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), icon);

  button = gtk_button_new_from_icon_name ("folder-open-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Show in Files"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show in Files"), -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_show_clicked), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), button);

  g_signal_connect (self, "activated", G_CALLBACK (on_activated), NULL);

  /* The file is complete when the row exists: only now is it draggable. */
  self->drag_source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (self->drag_source, GDK_ACTION_COPY);
  {
    g_autoptr(GdkContentProvider) content = gdk_content_provider_new_typed (G_TYPE_FILE, file);
    gtk_drag_source_set_content (self->drag_source, content);
  }
  g_signal_connect_object (self->drag_source, "drag-begin", G_CALLBACK (on_drag_begin), self, G_CONNECT_DEFAULT);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drag_source));

  return GTK_WIDGET (self);
}

GFile *
secuencia_result_row_get_file (SecuenciaResultRow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_RESULT_ROW (self), NULL);
  return self->file;
}

GtkDragSource *
secuencia_result_row_get_drag_source (SecuenciaResultRow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_RESULT_ROW (self), NULL);
  return self->drag_source;
}

static void
secuencia_result_row_finalize (GObject *object)
{
  SecuenciaResultRow *self = (SecuenciaResultRow *)object;

  g_clear_object (&self->file);
  g_free (self->basic_subtitle);
  g_free (self->measurements);

  G_OBJECT_CLASS (secuencia_result_row_parent_class)->finalize (object);
}

static void
secuencia_result_row_class_init (SecuenciaResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = secuencia_result_row_finalize;
}

static void
secuencia_result_row_init (SecuenciaResultRow *self)
{
}

/* −16.0 with a real minus sign; "−∞" for silence. */
static char *
format_db (double value)
{
  if (!isfinite (value))
    return g_strdup (value < 0 ? "−∞" : "∞");
  return g_strdup_printf ("%s%.1f", value < 0 ? "−" : "", fabs (value));
}

void
secuencia_result_row_set_report (SecuenciaResultRow          *self,
                                 const SecuenciaExportReport *report)
{
  const SecuenciaLoudnessStats *m;
  g_autofree char *i = NULL;
  g_autofree char *tp = NULL;
  g_autofree char *line = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  GtkWidget *icon;

  g_return_if_fail (SECUENCIA_IS_RESULT_ROW (self));
  g_return_if_fail (report != NULL);

  m = &report->mix.measured;
  if (report->target.kind == SECUENCIA_LOUDNESS_ACX)
    {
      g_autofree char *rms = format_db (m->rms);
      g_autofree char *peak = format_db (m->sample_peak);

      /* Translators: what an ACX (audiobook) export measured */
      line = g_strdup_printf (_("RMS %s dB · peak %s dBFS"), rms, peak);
    }
  else
    {
      i = format_db (m->integrated);
      tp = format_db (m->true_peak);
      /* Translators: integrated loudness, loudness range, true peak */
      line = g_strdup_printf (_("%s LUFS · range %.1f LU · peak %s dBTP"), i, m->range, tp);
    }
  if (report->target.kind != SECUENCIA_LOUDNESS_OFF)
    {
      g_autofree char *target = secuencia_loudness_target_describe (&report->target);
      g_autofree char *with = g_strdup_printf (report->mix.target_met
                                               /* Translators: %s is a loudness target */
                                               ? _("%s · %s met") : _("%s · %s not met"),
                                               line, target);
      g_free (line);
      line = g_steal_pointer (&with);

      icon = gtk_image_new_from_icon_name (report->mix.target_met ? "emblem-ok-symbolic"
                                                                  : "dialog-warning-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      report->mix.target_met ? _("Loudness target met")
                                                             : _("Loudness target not met"), -1);
      gtk_widget_set_tooltip_text (icon, report->mix.target_met ? _("Loudness target met")
                                                                : _("Loudness target not met"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), icon);
    }
  g_free (self->measurements);
  self->measurements = g_strdup (line);
  subtitle = g_strdup_printf ("%s\n%s", self->basic_subtitle, line);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 2);
}

const char *
secuencia_result_row_get_measurements (SecuenciaResultRow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_RESULT_ROW (self), NULL);
  return self->measurements;
}
