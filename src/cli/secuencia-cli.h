/* secuencia-cli.h: the secuencia-cli command-line tool (library code). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs one command; returns the process exit status:
 * 0 success, 1 failure (message on stderr), 2 usage error. */
int secuencia_cli_main (int argc, char **argv);

/* Exit statuses shared by all commands (also for secuencia-cli-export.c). */
#define SECUENCIA_CLI_EXIT_OK      0
#define SECUENCIA_CLI_EXIT_FAILURE 1
#define SECUENCIA_CLI_EXIT_USAGE   2

G_END_DECLS
