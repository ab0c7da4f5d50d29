/* secuencia-test-util.h: small helpers shared by the tests (files and raw
 * SQL behind the store's back). */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Remove @path and everything below it (symlinks are not followed). */
void     secuencia_test_rm_rf             (const char *path);
/* Number of entries in the directory @path (asserts it can be read). */
guint    secuencia_test_count_dir_entries (const char *path);
/* A read-write connection to @path with a 5 s busy timeout. */
sqlite3 *secuencia_test_open_db           (const char *path);
/* Run @sql; aborts the test with SQLite's message on failure. */
void     secuencia_test_exec_sql          (sqlite3    *db,
                                           const char *sql);

/* Write a @width × @height gradient image as @type ("png" or "jpeg"). */
gboolean secuencia_test_write_image       (const char *path,
                                           const char *type,
                                           int         width,
                                           int         height);

G_END_DECLS
