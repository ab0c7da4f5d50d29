/* main.c: the desktop application's entry point. */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <gst/gst.h>

#include "secuencia-application.h"

/* Run by hand from a build tree, GLib would abort on the first
 * g_settings_new(): say how to run it instead. */
static gboolean
settings_schema_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *exe = NULL;
  g_autofree char *bindir = NULL;
  g_autofree char *builddir = NULL;
  g_autofree char *compiled = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    return TRUE;

  g_printerr (_("Secuencia cannot start: its settings schema “%s” is not installed.\n"), APP_ID);
  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      bindir = g_path_get_dirname (exe);
      builddir = g_path_get_dirname (bindir);
      compiled = g_build_filename (builddir, "data", "gschemas.compiled", NULL);
    }
  if (compiled != NULL && g_file_test (compiled, G_FILE_TEST_EXISTS))
    /* Translators: the commands are not translated */
    g_printerr (_("To run it from its build folder:  meson devenv -C %s secuencia\n"
                  "or install it:  meson install -C %s\n"), builddir, builddir);
  else
    g_printerr (_("Install it (meson install -C BUILDDIR), or run it from its build folder "
                  "with:  meson devenv -C BUILDDIR secuencia\n"));
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SecuenciaApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!settings_schema_installed ())
    return 1;

  gst_init (NULL, NULL);

  app = secuencia_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
