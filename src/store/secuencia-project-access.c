/* secuencia-project-access.c: projects that cannot be written.
 *
 * Why a project file cannot be changed (a read-only file system, no
 * permission on the file, no permission on its folder), in words a person
 * understands, decided with access(2): it answers for the process's own
 * rights, so root, which ignores file permissions, still gets EROFS on a
 * read-only mount and EPERM on an immutable file.
 *
 * And how a connection that must not write opens such a file. SQLite keeps
 * a WAL database's log and its index in NAME-wal and NAME-shm beside it; a
 * read-only connection that finds no -wal creates both (and leaves them
 * behind) where it may, and cannot open the file at all where it may not
 * (“unable to open database file” in a read-only folder). When there is no
 * log, or an empty one without an index, everything committed is in the
 * file itself: it is opened “immutable” (no locks, no -wal, no -shm). A
 * log with content means another connection is writing (or was not closed
 * properly): SQLite reads it the usual way, with the -shm that is there. */
#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "secuencia-project.h"
#include "secuencia-project-private.h"

static char *
describe_errno (int         saved_errno,
                const char *dir,
                gboolean    is_dir)
{
  g_autofree char *dir_shown = NULL;

  if (saved_errno == EROFS)
    return g_strdup (_("it is on a read-only file system"));
  if (!is_dir && saved_errno == EPERM)
    return g_strdup (_("the file is marked read-only (immutable) and cannot be changed"));
  if (!is_dir)
    return g_strdup (_("the file is read-only for you (no permission to change it)"));
  dir_shown = g_filename_display_name (dir);
  /* Translators: %s is a folder; SQLite writes a log file beside the project */
  return g_strdup_printf (_("its folder “%s” is read-only for you (changes need a log file beside the project)"),
                          dir_shown);
}

char *
secuencia_project_dup_read_only_reason (const char *path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_access (path, W_OK) != 0 && errno != ENOENT)
    return describe_errno (errno, dir, FALSE);
  if (g_access (dir, W_OK) != 0)
    return describe_errno (errno, dir, TRUE);
  return NULL;
}

/* See the top of this file. */
int
secuencia_project_sqlite_open_read_only (const char  *path,
                                         int          extra_flags,
                                         sqlite3    **out_db,
                                         gboolean    *out_immutable)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = NULL;
  GStatBuf st;
  gboolean immutable;
  int flags = SQLITE_OPEN_READONLY | extra_flags;

  if (g_stat (wal, &st) != 0)
    immutable = TRUE;
  else
    immutable = st.st_size == 0 && !g_file_test (shm, G_FILE_TEST_EXISTS);
  if (out_immutable != NULL)
    *out_immutable = immutable;
  if (!immutable)
    return sqlite3_open_v2 (path, out_db, flags, NULL);

  uri = g_filename_to_uri (absolute, NULL, NULL);
  if (uri == NULL)
    return sqlite3_open_v2 (path, out_db, flags, NULL);
  {
    /* file:///… as GLib escapes it; SQLite decodes %XX. */
    g_autofree char *with_query = g_strconcat (uri, "?mode=ro&immutable=1", NULL);

    return sqlite3_open_v2 (with_query, out_db, flags | SQLITE_OPEN_URI, NULL);
  }
}
