/* secuencia-cli-util.h: what every secuencia-cli command needs for its
 * arguments and its output. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The file an argument names: a path (relative to the current folder),
 * whatever characters it holds ("take:1.wav" is a file name, not a URI);
 * only an explicit "file://" argument is taken as a URI. */
GFile *secuencia_cli_file_for_arg (const char *arg);

/* @text made safe to print on a terminal: control characters (tab,
 * newline, escape, C1 controls...) and bytes that are not UTF-8 become
 * visible escapes (\t, \n, \x1b, \u0085...); a backslash is doubled. */
char  *secuencia_cli_escape       (const char *text);

/* Parses @argv (@argc arguments, left unchanged) with @context; what is
 * not an option goes to the context's G_OPTION_REMAINING entry. */
gboolean secuencia_cli_parse      (GOptionContext  *context,
                                   int              argc,
                                   char           **argv,
                                   GError         **error);

G_END_DECLS
