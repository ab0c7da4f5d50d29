/* main.c: secuencia-cli entry point; the commands live in secuencia-cli.c. */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "secuencia-cli.h"

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return secuencia_cli_main (argc, argv);
}
