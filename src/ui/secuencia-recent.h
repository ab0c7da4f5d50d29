/* secuencia-recent.h: the list of recent projects kept in GSettings
 * ("recent-projects", most recent first). Plain functions over a GSettings
 * of the application's schema; shared by the window (which shows the list)
 * and the application (which opens from it). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SECUENCIA_RECENT_MAX 10

/* Put @path first. */
void    secuencia_recent_remember     (GSettings  *settings,
                                       const char *path);
/* Remove @path; TRUE when it was in the list. */
gboolean secuencia_recent_forget      (GSettings  *settings,
                                       const char *path);
/* The paths that still exist as regular files, most recent first; the
 * others are dropped from the stored list. */
GStrv   secuencia_recent_list         (GSettings  *settings);
/* How a recent project is shown: its name (the base name without
 * ".secuencia") and its folder (with the home folder as "~"). */
char   *secuencia_recent_dup_title    (const char *path);
char   *secuencia_recent_dup_folder   (const char *path);

G_END_DECLS
