/* secuencia-application.c: see the header. */

#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <sqlite3.h>

#include "secuencia-alert.h"
#include "secuencia-application.h"
#include "secuencia-file-chooser.h"
#include "secuencia-recent.h"
#include "secuencia-window.h"

struct _SecuenciaApplication
{
  AdwApplication parent_instance;

  gboolean open_demo;   /* --demo */
};

G_DEFINE_FINAL_TYPE (SecuenciaApplication, secuencia_application, ADW_TYPE_APPLICATION)

/* The active window if it can take a project (none open, not busy), else a
 * new one. */
static SecuenciaWindow *
window_for_project (SecuenciaApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (SECUENCIA_IS_WINDOW (active) &&
      secuencia_window_get_project (SECUENCIA_WINDOW (active)) == NULL &&
      !secuencia_window_is_busy (SECUENCIA_WINDOW (active)))
    return SECUENCIA_WINDOW (active);
  return secuencia_window_new (GTK_APPLICATION (self));
}

static GtkWindow *
parent_window (SecuenciaApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (active == NULL)
    {
      active = GTK_WINDOW (secuencia_window_new (GTK_APPLICATION (self)));
      gtk_window_present (active);
    }
  return active;
}

static void
open_path_full (SecuenciaApplication *self,
                const char           *path,
                gboolean              from_recent)
{
  SecuenciaWindow *window = window_for_project (self);
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (window));
  if (!secuencia_window_open_project (window, path, &error))
    {
      g_autofree char *body = NULL;

      /* A recent project that cannot be opened (gone, not a project,
       * damaged) leaves the list, and the message says so. */
      if (from_recent && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
        {
          g_autoptr(GSettings) settings = g_settings_new (APP_ID);

          if (secuencia_recent_forget (settings, path))
            body = g_strdup_printf ("%s\n\n%s", error->message,
                                    _("It was removed from Recent Projects."));
        }
      secuencia_alert_show (GTK_WINDOW (window), _("Could Not Open the Project"),
                            body != NULL ? body : error->message);
    }
}

static void
open_path (SecuenciaApplication *self,
           const char           *path)
{
  open_path_full (self, path, FALSE);
}

/* ---- app actions ---- */

static void
open_chosen (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SecuenciaApplication) self = user_data;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  files = secuencia_file_chooser_open_finish (result, &error);
  if (files == NULL)
    return;
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_file_get_path (g_ptr_array_index (files, i));

      if (path != NULL)
        open_path (self, path);
    }
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  SecuenciaApplication *self = user_data;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Secuencia Projects"));
  gtk_file_filter_add_pattern (filter, "*.secuencia");
  secuencia_file_chooser_open_async (parent_window (self), _("Open Project"), _("_Open"),
                                     filter, FALSE, open_chosen, g_object_ref (self));
}

static void
new_chosen (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SecuenciaApplication) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  gboolean confirmed;

  file = secuencia_file_chooser_save_finish (result, &error);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  confirmed = path != NULL && g_str_has_suffix (path, ".secuencia");
  if (path != NULL && !confirmed)
    {
      char *with_suffix = g_strconcat (path, ".secuencia", NULL);
      g_free (path);
      path = with_suffix;
    }
  if (path != NULL)
    project = secuencia_project_create (path, confirmed, &error);
  else
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Projects must be saved in a local folder"));
    }

  if (project != NULL)
    {
      base = g_path_get_basename (path);
      base[strlen (base) - strlen (".secuencia")] = '\0';
      if (!secuencia_project_set_name (project, base, &error))
        g_clear_object (&project);
    }

  if (project == NULL)
    {
      secuencia_alert_show (parent_window (self), _("Could Not Create the Project"), error->message);
      return;
    }
  g_clear_object (&project);
  open_path (self, path);
}

static void
new_action (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  SecuenciaApplication *self = user_data;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GFile) folder = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                                 ? documents : g_get_home_dir ());

  gtk_file_filter_set_name (filter, _("Secuencia Projects"));
  gtk_file_filter_add_pattern (filter, "*.secuencia");
  secuencia_file_chooser_save_async (parent_window (self), _("New Project"), _("_Create"),
                                     _("Untitled.secuencia"), folder, filter,
                                     new_chosen, g_object_ref (self));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  open_path_full (user_data, g_variant_get_string (param, NULL), TRUE);
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  SecuenciaWindow *window = window_for_project (user_data);

  gtk_window_present (GTK_WINDOW (window));
  secuencia_window_open_demo (window);
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  GtkWindow *window = parent_window (user_data);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  SecuenciaApplication *self = user_data;
  g_autofree char *debug_info = NULL;
  g_autofree char *gst = gst_version_string ();
  const char *developers[] = { "The Secuencia authors", NULL };

  debug_info = g_strdup_printf ("Secuencia %s\n"
                                "GLib %u.%u.%u\nGTK %u.%u.%u\nlibadwaita %u.%u.%u\n%s\nSQLite %s\n",
                                PACKAGE_VERSION,
                                glib_major_version, glib_minor_version, glib_micro_version,
                                gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
                                adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
                                gst, sqlite3_libversion ());

#if ADW_CHECK_VERSION (1, 5, 0)
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (parent == NULL)
    return;
  adw_show_about_dialog (GTK_WIDGET (parent),
#else
  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
#endif
                         "application-name", _("Secuencia"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Secuencia authors"),
                         "developers", developers,
                         "website", "https://github.com/secuencia/secuencia",
                         "issue-url", "https://github.com/secuencia/secuencia/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Turn a screenplay’s audio clips into one mixed M4A file."),
                         /* Translators: replace with your names, one per line */
                         "translator-credits", _("translator-credits"),
                         "debug-info", debug_info,
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  SecuenciaApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Close each window; a window exporting cancels and goes away once its
   * worker has cleaned up, and the application quits after the last one. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static const GActionEntry app_actions[] = {
  { "new", new_action },
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "open-demo", open_demo_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
  { "quit", quit_action },
};

/* ---- GApplication ---- */

static void
secuencia_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new", { "<Primary>n", NULL } },
    { "app.open", { "<Primary>o", NULL } },
    { "app.open-demo", { "<Primary><Shift>d", NULL } },
    { "app.quit", { "<Primary>q", NULL } },
    { "win.show-help-overlay", { "<Primary>question", NULL } },
    { "win.export", { "<Primary>e", NULL } },
    { "win.preferences", { "<Primary>comma", NULL } },
    { "win.save-as", { "<Primary><Shift>s", NULL } },
    { "win.add-audio", { "<Primary>i", NULL } },
    { "win.open-result", { "<Primary>Return", NULL } },
    { "win.show-result", { "<Primary><Alt>f", NULL } },
    { "window.close", { "<Primary>w", NULL } },
  };

  G_APPLICATION_CLASS (secuencia_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);

  /* GLib picks the notification service on first use with a synchronous
   * D-Bus call, which would otherwise stall the window when an export
   * finishes: pick it now. An export's notice left over from an earlier
   * run is out of date anyway. */
  g_application_withdraw_notification (app, "export-finished");
}

static void
secuencia_application_activate (GApplication *app)
{
  SecuenciaApplication *self = SECUENCIA_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (secuencia_window_new (GTK_APPLICATION (app)));
  gtk_window_present (window);

  /* With nothing to open the window's empty state offers the demo project;
   * --demo opens it directly. */
  if (self->open_demo)
    {
      self->open_demo = FALSE;
      secuencia_window_open_demo (SECUENCIA_WINDOW (window));
    }
}

static void
secuencia_application_open (GApplication  *app,
                            GFile        **files,
                            int            n_files,
                            const char    *hint)
{
  SecuenciaApplication *self = SECUENCIA_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_printerr (_("Cannot open “%s”: only local project files are supported\n"), uri);
          continue;
        }
      open_path (self, path);
    }
  if (self->open_demo)
    secuencia_application_activate (app);
}

static int
secuencia_application_handle_local_options (GApplication *app,
                                            GVariantDict *options)
{
  SecuenciaApplication *self = SECUENCIA_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("secuencia %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "demo"))
    self->open_demo = TRUE;
  return -1;
}

static void
secuencia_application_class_init (SecuenciaApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = secuencia_application_startup;
  app_class->activate = secuencia_application_activate;
  app_class->open = secuencia_application_open;
  app_class->handle_local_options = secuencia_application_handle_local_options;
}

static void
secuencia_application_init (SecuenciaApplication *self)
{
  static const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the built-in demo project"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[PROJECT…]"));
}

SecuenciaApplication *
secuencia_application_new (void)
{
  return g_object_new (SECUENCIA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", APP_PATH,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}
