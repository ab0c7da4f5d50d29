/* main.c: the desktop application's entry point. */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <gst/gst.h>

#include "secuencia-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SecuenciaApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gst_init (NULL, NULL);

  app = secuencia_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
