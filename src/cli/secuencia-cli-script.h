/* secuencia-cli-script.h: `secuencia-cli import-script`.
 *
 *   secuencia-cli import-script PROJECT SCRIPT.fountain
 *
 * Creates PROJECT when it is missing, then replaces its screenplay and
 * metadata with the script in one transaction (lines that did not change
 * keep their audio). Parts of the script that were not understood are
 * listed on stderr as "SCRIPT:LINE: message"; they do not stop the import.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @argv[0] is the command name. Returns 0, 1 (failure; a project file it
 * created is removed) or 2 (usage). */
int secuencia_cli_import_script (int    argc,
                                 char **argv);

/* `secuencia-cli voice PROJECT [--narrate-action]`: scratch voices for
 * the lines without audio (SIGINT/SIGTERM cancel; lines voiced so far are
 * kept). */
int secuencia_cli_voice         (int    argc,
                                 char **argv);

G_END_DECLS
