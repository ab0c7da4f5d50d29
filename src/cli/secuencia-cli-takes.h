/* secuencia-cli-takes.h: a line's takes from the command line.
 *
 *   secuencia-cli takes PROJECT [--line ID --restore ASSET]
 *   secuencia-cli match-takes PROJECT FOLDER [--dry-run]
 *
 * `takes` lists each line's audio and earlier takes (asset ids); with
 * --line and --restore, the earlier take ASSET becomes the line's audio
 * again (the current one goes into its takes). `match-takes` matches the
 * recordings in FOLDER to lines by name (secuencia-take-matcher.h), prints
 * the matches, the files that match nothing and why, and the lines no file
 * names; without --dry-run it imports the matched files and makes them the
 * lines' takes, all in ONE transaction (every file or none). Exports build
 * their timeline from the screenplay by default, so they play the new
 * takes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int secuencia_cli_takes       (int argc, char **argv);
int secuencia_cli_match_takes (int argc, char **argv);

G_END_DECLS
