/* secuencia-cli-export.h: `secuencia-cli export`.
 *
 *   secuencia-cli export PROJECT -o OUT.m4a [--timeline ID] [--bitrate KBPS] [--rate HZ]
 *                        [--captions vtt,srt,json] [--chapters-json]
 *
 * Without --timeline a new timeline is first built from the project's
 * screenplay (secuencia_project_convert_screenplay(), on the main connection: the
 * only write) and then exported. The export runs with secuencia_export_async()
 * on a GMainLoop; SIGINT/SIGTERM cancel it cleanly. Progress goes to stderr:
 * a one-line bar with time left on a terminal, one line per stage otherwise.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @argv[0] is the command name ("export"). Returns the exit status: 0 on
 * success, 1 on failure, 2 on a usage error, 130 when cancelled by a
 * signal. */
int secuencia_cli_export (int    argc,
                          char **argv);

G_END_DECLS
