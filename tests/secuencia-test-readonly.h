/* secuencia-test-readonly.h: make a folder read-only for the test process
 * in a way that holds for root too (the suite runs as root in CI, and
 * root ignores file permissions).
 *
 * As root: call secuencia_test_readonly_init() first thing in main(),
 * before any thread exists; it gives the process its own mount namespace
 * (mounts made later vanish with it and are never seen outside; threads
 * and child processes started later share it). A folder is then made
 * read-only with a read-only bind mount over itself (access(2) says
 * EROFS, SQLite cannot write). As another user: chmod 0555 on the folder
 * and 0444 on its files. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     secuencia_test_readonly_init (void);
/* Make @dir and the files in it read-only (or, when @dir is a file, that
 * file alone); FALSE with a reason to skip the test when this system does
 * not let the test do that. */
gboolean secuencia_test_readonly_make (const char  *dir,
                                       char       **out_skip_reason);
/* As root: @view becomes a read-only view of @dir, which stays writable
 * (someone else's folder, that they change while it is open here). FALSE
 * with a reason to skip otherwise. */
gboolean secuencia_test_readonly_view (const char  *dir,
                                       const char  *view,
                                       char       **out_skip_reason);
/* Undo secuencia_test_readonly_make() or _view() (given the view). */
void     secuencia_test_readonly_undo (const char  *dir);
/* The names in @dir, sorted, joined with "\n". */
char    *secuencia_test_readonly_list (const char  *dir);
/* SHA-256 of the file's bytes (hex). */
char    *secuencia_test_readonly_hash (const char  *path);

G_END_DECLS
