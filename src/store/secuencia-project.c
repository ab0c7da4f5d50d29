/* secuencia-project.c: a Secuencia project file (*.secuencia, SQLite):
 * opening, migrations, transactions and the statement cache. What it stores
 * lives beside it: -assets.c (audio), -screenplay.c (elements) and
 * -timelines.c (timelines and clips), sharing secuencia-project-private.h.
 *
 * Opening is careful not to write anything until the file is known to be
 * ours, uncorrupted and not too new: the SQLite header magic is checked
 * through SQLite's own descriptor (never another one: see check_header()),
 * application_id / user_version / quick_check run in a
 * read transaction, and only then are WAL and migrations applied.
 *
 * Every write runs inside a transaction (BEGIN IMMEDIATE, or a SAVEPOINT
 * when nested). Prepared statements are cached per connection and reused.
 * Asset bytes move in 64 KiB chunks through incremental blob I/O.
 *
 * The asset blob is the last column of its row, so metadata queries never
 * touch its overflow pages and zeroblob(size) costs no memory.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "secuencia-project.h"
#include "secuencia-project-private.h"

#define APPLICATION_ID      0x53514E43  /* 'SQNC' */
#define DEFAULT_BUSY_MS     5000

G_DEFINE_TYPE (SecuenciaProject, secuencia_project, G_TYPE_OBJECT)

G_DEFINE_QUARK (secuencia-project-error-quark, secuencia_project_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

void
secuencia_stmt_release (SecuenciaStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* ---- info structs ---- */

void
secuencia_asset_info_free (SecuenciaAssetInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->mime_type);
  g_free (info->file_name);
  g_free (info->content_hash);
  g_free (info);
}

void
secuencia_timeline_info_free (SecuenciaTimelineInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info);
}

/* ---- GObject ---- */

static void
secuencia_project_finalize (GObject *object)
{
  SecuenciaProject *self = SECUENCIA_PROJECT (object);

  g_clear_pointer (&self->integrity, secuencia_project_integrity_free);
  /* Its thread may be the one finalizing (a checkpoint held the last
   * reference): it is not waited for; it ends when it has run. */
  if (self->checkpoint_pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->checkpoint_pool), FALSE, FALSE);
  if (self->txn_depth > 0 && self->db != NULL)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (secuencia_project_parent_class)->finalize (object);
}

static void
secuencia_project_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SecuenciaProject *self = SECUENCIA_PROJECT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_project_class_init (SecuenciaProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = secuencia_project_finalize;
  object_class->get_property = secuencia_project_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after every committed write of this connection. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
secuencia_project_init (SecuenciaProject *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
}

/* ---- errors ---- */

static SecuenciaProjectError
code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
      return SECUENCIA_PROJECT_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return SECUENCIA_PROJECT_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SECUENCIA_PROJECT_ERROR_LOCKED;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
      return SECUENCIA_PROJECT_ERROR_INVALID;
    default:
      return SECUENCIA_PROJECT_ERROR_IO;
    }
}

static const char *
reason_for_code (SecuenciaProjectError code)
{
  switch (code)
    {
    case SECUENCIA_PROJECT_ERROR_CORRUPT:
      return _("the file is corrupt");
    case SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT:
      return _("it is not a Secuencia project");
    case SECUENCIA_PROJECT_ERROR_READ_ONLY:
      return _("the file is read-only");
    case SECUENCIA_PROJECT_ERROR_LOCKED:
      return _("another program is using the file");
    default:
      return NULL;
    }
}

/* "Could not <what> in “file”: <reason> (<sqlite message>)". */
gboolean
secuencia_project_set_db_error (SecuenciaProject  *self,
              GError           **error,
              int                rc,
              const char        *what)
{
  SecuenciaProjectError code = code_for_sqlite (rc);
  const char *reason = reason_for_code (code);
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  if (reason != NULL)
    g_set_error (error, SECUENCIA_PROJECT_ERROR, code, _("Could not %s in “%s”: %s (%s)"),
                 what, self->display_name, reason, detail);
  else
    g_set_error (error, SECUENCIA_PROJECT_ERROR, code, _("Could not %s in “%s”: %s"),
                 what, self->display_name, detail);
  return FALSE;
}

/* ---- statements ---- */

SecuenciaStmt *
secuencia_project_stmt (SecuenciaProject  *self,
          const char        *sql,
          GError           **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      secuencia_project_set_db_error (self, error, rc, _("prepare a query"));
      return NULL;
    }
  /* Keys are the callers' string literals: they outlive the cache. */
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
secuencia_project_exec (SecuenciaProject  *self,
          const char        *sql,
          const char        *what,
          GError           **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return secuencia_project_set_db_error (self, error, rc, what);
  return TRUE;
}

/* ---- transactions ---- */

gboolean
secuencia_project_check_writable (SecuenciaProject *self, GError **error)
{
  if (!self->read_only)
    return TRUE;
  g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_READ_ONLY,
               _("“%s” is open read-only; it cannot be changed"), self->display_name);
  return FALSE;
}

gboolean
secuencia_project_txn_begin (SecuenciaProject *self, GError **error)
{
  if (!secuencia_project_check_writable (self, error))
    return FALSE;
  /* Nothing is written before the page check says the file is sound. */
  if (self->txn_depth == 0 && self->integrity != NULL
      && !secuencia_project_integrity_wait (self->integrity, error))
    return FALSE;

  if (self->txn_depth > 0)
    {
      g_autofree char *sql = NULL;

      if (self->txn_is_read)
        {
          g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                       _("Cannot write to “%s” inside a read transaction"), self->display_name);
          return FALSE;
        }
      sql = g_strdup_printf ("SAVEPOINT sp%u", self->txn_depth);
      if (!secuencia_project_exec (self, sql, _("start a change"), error))
        return FALSE;
    }
  else
    {
      if (!secuencia_project_exec (self, "BEGIN IMMEDIATE", _("start a change"), error))
        return FALSE;
      self->txn_is_read = FALSE;
    }
  self->txn_depth++;
  return TRUE;
}

/* Commit (or roll back) the innermost transaction level. */
static gboolean
txn_end (SecuenciaProject *self, gboolean commit, GError **error)
{
  g_autofree char *sql = NULL;

  g_assert (self->txn_depth > 0 && !self->txn_is_read);

  if (self->txn_depth > 1)
    {
      guint level = self->txn_depth - 1;
      if (commit)
        sql = g_strdup_printf ("RELEASE sp%u", level);
      else
        sql = g_strdup_printf ("ROLLBACK TO sp%u; RELEASE sp%u", level, level);
      if (!secuencia_project_exec (self, sql, commit ? _("save changes") : _("undo changes"), error))
        {
          if (commit)
            return FALSE;  /* still open: the caller rolls back */
        }
      self->txn_depth--;
      return TRUE;
    }

  if (commit)
    {
      int rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return secuencia_project_set_db_error (self, error, rc, _("save changes"));  /* caller rolls back */
      self->txn_depth = 0;
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
      return TRUE;
    }
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->txn_depth = 0;
  return TRUE;
}

/* Commit, or roll back if the commit fails. */
gboolean
secuencia_project_txn_commit (SecuenciaProject *self, GError **error)
{
  if (txn_end (self, TRUE, error))
    return TRUE;
  txn_end (self, FALSE, NULL);
  return FALSE;
}

void
secuencia_project_txn_rollback (SecuenciaProject *self)
{
  txn_end (self, FALSE, NULL);
}

gboolean
secuencia_project_transaction (SecuenciaProject        *self,
                               SecuenciaProjectTxnFunc  func,
                               gpointer                 user_data,
                               GError                 **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  if (!func (self, user_data, &local_error))
    {
      secuencia_project_txn_rollback (self);
      if (local_error == NULL)
        g_set_error (&local_error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_IO,
                     _("A change to “%s” failed and was undone"), self->display_name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return secuencia_project_txn_commit (self, error);
}

/* The commit of a new write-ahead log waits for the disk even with
 * synchronous = NORMAL: SQLite syncs the log's header when it writes the
 * first frame after the log was emptied (by a checkpoint, which the window
 * runs after every change). For rows nobody needs after a crash (the
 * timeline an export reads for a minute) that wait is for nothing: with
 * synchronous = OFF for this one transaction nothing is synced; the next
 * checkpoint syncs the log before it copies anything into the file, so a
 * crash can lose these rows and nothing else. The connection's mutex is
 * held throughout so that a checkpoint on a worker thread never runs with
 * the setting changed. Inside another transaction, that one decides. */
gboolean
secuencia_project_transaction_unsynced (SecuenciaProject        *self,
                                        SecuenciaProjectTxnFunc  func,
                                        gpointer                 user_data,
                                        GError                 **error)
{
  sqlite3_mutex *mutex;
  gboolean ok;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->txn_depth > 0 || self->read_only)
    return secuencia_project_transaction (self, func, user_data, error);

  mutex = sqlite3_db_mutex (self->db);
  sqlite3_mutex_enter (mutex);
  if (!secuencia_project_exec (self, "PRAGMA synchronous = OFF", _("configure the connection"), error))
    {
      sqlite3_mutex_leave (mutex);
      return FALSE;
    }
  ok = secuencia_project_transaction (self, func, user_data, error);
  if (!secuencia_project_exec (self, "PRAGMA synchronous = NORMAL", _("configure the connection"),
                               ok ? error : NULL))
    ok = FALSE;
  sqlite3_mutex_leave (mutex);
  return ok;
}

gboolean
secuencia_project_in_transaction (SecuenciaProject *self)
{
  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  return self->txn_depth > 0 && !self->txn_is_read;
}

gboolean
secuencia_project_begin_read (SecuenciaProject *self, GError **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->txn_depth > 0)
    {
      self->txn_depth++;
      return TRUE;
    }
  if (!secuencia_project_exec (self, "BEGIN DEFERRED", _("start reading"), error))
    return FALSE;
  /* The first read fixes the snapshot. */
  stmt = secuencia_project_stmt (self, "SELECT count(*) FROM project", error);
  if (stmt == NULL)
    goto fail;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      secuencia_project_set_db_error (self, error, rc, _("start reading"));
      goto fail;
    }
  self->txn_depth = 1;
  self->txn_is_read = TRUE;
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

void
secuencia_project_end_read (SecuenciaProject *self)
{
  g_return_if_fail (SECUENCIA_IS_PROJECT (self));
  g_return_if_fail (self->txn_depth > 0);

  self->txn_depth--;
  if (self->txn_depth == 0)
    {
      sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      self->txn_is_read = FALSE;
    }
}

void
secuencia_project_set_busy_timeout (SecuenciaProject *self,
                                    guint             timeout_ms)
{
  g_return_if_fail (SECUENCIA_IS_PROJECT (self));
  /* Under the connection's mutex: a checkpoint in a worker reads it. */
  sqlite3_mutex_enter (sqlite3_db_mutex (self->db));
  self->busy_timeout_ms = MIN (timeout_ms, (guint) G_MAXINT);
  sqlite3_busy_timeout (self->db, (int) self->busy_timeout_ms);
  sqlite3_mutex_leave (sqlite3_db_mutex (self->db));
}

sqlite3 *
secuencia_project_get_db (SecuenciaProject *self)
{
  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  return self->db;
}

/* ---- opening ---- */

static gboolean
open_error (GError    **error,
            int         code,
            const char *display_name,
            const char *reason)
{
  g_set_error (error, SECUENCIA_PROJECT_ERROR, code, _("Cannot open “%s”: %s"),
               display_name, reason);
  return FALSE;
}

/* Check of the 100-byte SQLite header before SQLite reads the file.
 *
 * The bytes are read through the descriptor SQLite itself opened: opening
 * and closing another descriptor of the file in this process would release
 * every POSIX lock the process holds on it (those of other connections,
 * e.g. the window's while its export worker opens the file), and another
 * process could then checkpoint and delete the -wal and -shm files still
 * in use here. An empty file passes (SQLite treats it as an empty
 * database). */
static gboolean
check_header (SecuenciaProject *self,
              GError          **error)
{
  static const char magic[16] = "SQLite format 3";  /* with its NUL */
  char header[100];
  sqlite3_file *file = NULL;
  sqlite3_int64 size = 0;
  int rc;

  rc = sqlite3_file_control (self->db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || file == NULL || file->pMethods == NULL)
    return open_error (error, SECUENCIA_PROJECT_ERROR_IO, self->display_name,
                       sqlite3_errstr (rc != SQLITE_OK ? rc : SQLITE_CANTOPEN));
  rc = file->pMethods->xFileSize (file, &size);
  if (rc != SQLITE_OK)
    return open_error (error, SECUENCIA_PROJECT_ERROR_IO, self->display_name, sqlite3_errstr (rc));
  if (size == 0)
    return TRUE;
  if (size >= (sqlite3_int64) sizeof header)
    rc = file->pMethods->xRead (file, header, sizeof header, 0);
  if (size < (sqlite3_int64) sizeof header || rc == SQLITE_IOERR_SHORT_READ
      || (rc == SQLITE_OK && memcmp (header, magic, sizeof magic) != 0))
    return open_error (error, SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT, self->display_name,
                       _("it is not a Secuencia project (not an SQLite database)"));
  if (rc != SQLITE_OK)
    return open_error (error, SECUENCIA_PROJECT_ERROR_IO, self->display_name, sqlite3_errstr (rc));
  return TRUE;
}

static gboolean
read_pragma_int (SecuenciaProject *self,
                 const char       *sql,
                 gint64           *out_value,
                 int              *out_rc)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  *out_rc = rc;
  return rc == SQLITE_OK;
}

/* A log with content but no index beside a file this process may not
 * write: SQLite would have to create the index to read the log. */
static gboolean
log_unreadable (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *reason = NULL;
  GStatBuf st;

  if (g_stat (wal, &st) != 0 || st.st_size == 0 || g_file_test (shm, G_FILE_TEST_EXISTS))
    return FALSE;
  reason = secuencia_project_dup_read_only_reason (path);
  return reason != NULL;
}

static gboolean
open_fail_sqlite (SecuenciaProject *self, GError **error, int rc)
{
  SecuenciaProjectError code = code_for_sqlite (rc);
  const char *reason;

  if ((rc & 0xff) == SQLITE_CANTOPEN && log_unreadable (self->path))
    {
      return open_error (error, SECUENCIA_PROJECT_ERROR_READ_ONLY, self->display_name,
                         _("its last changes are still in its log file (“-wal”: it was not closed properly), "
                           "and SQLite cannot read them without writing beside the file; "
                           "open it once where it can be written"));
    }
  if ((rc & 0xff) == SQLITE_NOTADB)
    reason = _("it is not a Secuencia project (not an SQLite database)");
  else if ((rc & 0xff) == SQLITE_CORRUPT)
    reason = _("the file is corrupt");
  else if (code == SECUENCIA_PROJECT_ERROR_LOCKED)
    reason = _("another program is using the file");
  else
    reason = sqlite3_errstr (rc);
  return open_error (error, code, self->display_name, reason);
}

/* Structural check of every page (b-trees and overflow chains). */
static gboolean
check_integrity (SecuenciaProject *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        first = secuencia_sql_column_dup (stmt, 0);
    }
  sqlite3_finalize (stmt);
  if (first == NULL)
    return open_fail_sqlite (self, error, rc);
  if (g_strcmp0 (first, "ok") != 0)
    {
      g_autofree char *reason = g_strdup_printf (_("the file is corrupt (%s)"), first);
      return open_error (error, SECUENCIA_PROJECT_ERROR_CORRUPT, self->display_name, reason);
    }
  return TRUE;
}

static gboolean
run_migrations (SecuenciaProject                 *self,
                const SecuenciaProjectMigration  *migrations,
                gsize                             n_migrations,
                GError                          **error)
{
  int target = migrations[n_migrations - 1].version;
  gint64 version = 0, app_id = 0;
  int rc;
  g_autofree char *pragmas = NULL;

  if (!secuencia_project_exec (self, "BEGIN IMMEDIATE", _("upgrade the project"), error))
    return FALSE;
  /* Re-read under the write lock: another process may have migrated. */
  if (!read_pragma_int (self, "PRAGMA user_version", &version, &rc)
      || !read_pragma_int (self, "PRAGMA application_id", &app_id, &rc))
    {
      secuencia_project_set_db_error (self, error, rc, _("upgrade the project"));
      goto fail;
    }
  if (version > target)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_TOO_NEW,
                   _("Cannot open “%s”: it was saved by a newer version of Secuencia (schema %lld, this version knows %d)"),
                   self->display_name, (long long) version, target);
      goto fail;
    }
  for (gsize i = 0; i < n_migrations; i++)
    {
      if (migrations[i].version <= version)
        continue;
      rc = sqlite3_exec (self->db, migrations[i].sql, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          g_autofree char *what = g_strdup_printf (_("upgrade the project to schema %d"),
                                                   migrations[i].version);
          secuencia_project_set_db_error (self, error, rc, what);
          goto fail;
        }
    }
  if (version == 0)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT OR IGNORE INTO project (key, value) "
                                              "VALUES ('created_at', '%" G_GINT64_FORMAT "')",
                                              g_get_real_time ());
      if (!secuencia_project_exec (self, sql, _("create the project"), error))
        goto fail;
    }
  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                             APPLICATION_ID, target);
  if (!secuencia_project_exec (self, pragmas, _("upgrade the project"), error))
    goto fail;
  if (!secuencia_project_exec (self, "COMMIT", _("upgrade the project"), error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
directory_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  return g_access (dir, W_OK) == 0;
}

SecuenciaProject *
secuencia_project_open_with_migrations (const char                      *path,
                                        SecuenciaProjectOpenFlags        flags,
                                        const SecuenciaProjectMigration *migrations,
                                        gsize                            n_migrations,
                                        GError                         **error)
{
  g_autoptr(SecuenciaProject) self = NULL;
  gboolean read_only = (flags & SECUENCIA_PROJECT_OPEN_READ_ONLY) != 0;
  gboolean os_read_only;
  gboolean exists;
  gboolean created = FALSE;
  gboolean check_later = FALSE;
  int open_flags;
  int rc;
  int target;
  gint64 app_id = 0, version = 0, n_objects = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (migrations != NULL && n_migrations > 0, NULL);
  g_return_val_if_fail (!read_only || !(flags & SECUENCIA_PROJECT_OPEN_CREATE), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*path == '\0')
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND,
                   _("Cannot open a project: no file name was given"));
      return NULL;
    }
  target = migrations[n_migrations - 1].version;
  self = g_object_new (SECUENCIA_TYPE_PROJECT, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->display_name = g_filename_display_basename (self->path);
  self->read_only = read_only;

  exists = g_file_test (self->path, G_FILE_TEST_EXISTS);
  if (exists && !g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    {
      open_error (error, SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT, self->display_name,
                  _("it is not a regular file"));
      return NULL;
    }
  if (!exists && !(flags & SECUENCIA_PROJECT_OPEN_CREATE))
    {
      open_error (error, SECUENCIA_PROJECT_ERROR_NOT_FOUND, self->display_name,
                  _("the file does not exist"));
      return NULL;
    }
  {
    /* SQLite keeps NAME-wal and NAME-shm beside the file: they must fit
     * the folder's limit for a name too. */
    g_autofree char *dir = g_path_get_dirname (self->path);
    g_autofree char *base = g_path_get_basename (self->path);
    long name_max = pathconf (dir, _PC_NAME_MAX);

    if (name_max > 0 && strlen (base) + strlen ("-wal") > (gsize) name_max)
      {
        g_autofree char *reason = g_strdup_printf (_("its name is too long for a project (at most %ld bytes, as SQLite adds “-wal” to it)"),
                                                   name_max - (long) strlen ("-wal"));
        open_error (error, SECUENCIA_PROJECT_ERROR_INVALID, self->display_name, reason);
        return NULL;
      }
  }
  if (!exists)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *dir_shown = g_filename_display_name (dir);
          g_autofree char *reason = g_strdup_printf (g_file_test (dir, G_FILE_TEST_EXISTS)
                                                     ? _("“%s” is not a folder")
                                                     : _("its folder “%s” does not exist"),
                                                     dir_shown);
          open_error (error, SECUENCIA_PROJECT_ERROR_NOT_FOUND, self->display_name, reason);
          return NULL;
        }
    }
  if (!read_only)
    {
      g_autofree char *reason = secuencia_project_dup_read_only_reason (self->path);

      if (reason != NULL)
        {
          g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_READ_ONLY,
                       exists ? _("Cannot open “%s” for changes: %s") : _("Cannot create “%s”: %s"),
                       self->display_name, reason);
          return NULL;
        }
    }

  if (exists && g_access (self->path, R_OK) != 0)
    {
      int saved_errno = errno;
      open_error (error, saved_errno == EACCES ? SECUENCIA_PROJECT_ERROR_READ_ONLY
                                               : SECUENCIA_PROJECT_ERROR_IO,
                  self->display_name, g_strerror (saved_errno));
      return NULL;
    }

  /* A read-only project the person may write is still opened read-write
   * underneath (PRAGMA query_only below): only such a connection can take
   * the -wal and -shm files away when it is the last to close. One the
   * person may not write is opened so that nothing is created beside it
   * (secuencia-project-access.c). */
  os_read_only = read_only && (g_access (self->path, W_OK) != 0 || !directory_writable (self->path));
  if (os_read_only)
    rc = secuencia_project_sqlite_open_read_only (self->path, SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX,
                                                  &self->db, &self->immutable);
  else
    {
      open_flags = SQLITE_OPEN_READWRITE;
      if (!exists)
        open_flags |= SQLITE_OPEN_CREATE;
      /* Serialized: a window checkpoints its connection from a worker
       * thread (secuencia_project_checkpoint_async) while its own goes on. */
      rc = sqlite3_open_v2 (self->path, &self->db, open_flags | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_FULLMUTEX, NULL);
    }
  if (rc != SQLITE_OK)
    {
      open_fail_sqlite (self, error, rc);
      goto fail;
    }
  created = !exists;
  if (exists && !check_header (self, error))
    goto fail;
  sqlite3_extended_result_codes (self->db, 1);
  self->busy_timeout_ms = DEFAULT_BUSY_MS;
  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_MS);

  if (!read_only && sqlite3_db_readonly (self->db, "main") == 1)
    {
      open_error (error, SECUENCIA_PROJECT_ERROR_READ_ONLY, self->display_name,
                  _("the file is read-only (SQLite could open it for reading only)"));
      goto fail;
    }

  /* Identify the file inside one read transaction; nothing is written. */
  if (sqlite3_exec (self->db, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK
      || !read_pragma_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, &rc)
      || !read_pragma_int (self, "PRAGMA application_id", &app_id, &rc)
      || !read_pragma_int (self, "PRAGMA user_version", &version, &rc))
    {
      if (rc == SQLITE_OK)
        rc = sqlite3_errcode (self->db);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      open_fail_sqlite (self, error, rc);
      goto fail;
    }
  if (app_id != APPLICATION_ID)
    {
      gboolean blank = app_id == 0 && version == 0 && n_objects == 0;

      if (!blank)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          open_error (error, SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT, self->display_name,
                      app_id != 0 || n_objects != 0
                      ? _("it is an SQLite database of another application, not a Secuencia project")
                      : _("it is empty, not a Secuencia project"));
          goto fail;
        }
      if (!(flags & SECUENCIA_PROJECT_OPEN_CREATE))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          open_error (error, SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT, self->display_name,
                      _("it is empty, not a Secuencia project"));
          goto fail;
        }
    }
  if (version > target)
    {
      g_autofree char *reason = g_strdup_printf (_("it was saved by a newer version of Secuencia (schema %lld, this version knows %d)"),
                                                 (long long) version, target);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      open_error (error, SECUENCIA_PROJECT_ERROR_TOO_NEW, self->display_name, reason);
      goto fail;
    }
  /* In the background only when nothing is to be migrated: an upgrade
   * writes, and nothing is written into a file not known to be sound. */
  check_later = n_objects > 0 && (flags & SECUENCIA_PROJECT_OPEN_CHECK_IN_BACKGROUND) && version == target;
  if (n_objects > 0 && !check_later && !check_integrity (self, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      goto fail;
    }
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  if (read_only)
    {
      if (version < target)
        {
          open_error (error, SECUENCIA_PROJECT_ERROR_READ_ONLY, self->display_name,
                      _("it was saved by an older version of Secuencia and must be upgraded, which needs write access"));
          goto fail;
        }
      if (!secuencia_project_exec (self, "PRAGMA foreign_keys = ON", _("configure the connection"), error)
          || !secuencia_project_exec (self, "PRAGMA query_only = ON", _("configure the connection"), error))
        goto fail;
      if (check_later)
        self->integrity = secuencia_project_integrity_start (self->path, self->display_name, TRUE);
      return g_steal_pointer (&self);
    }

  if (!secuencia_project_exec (self, "PRAGMA journal_mode = WAL", _("configure the connection"), error)
      || !secuencia_project_exec (self, "PRAGMA synchronous = NORMAL", _("configure the connection"), error)
      || !secuencia_project_exec (self, "PRAGMA foreign_keys = ON", _("configure the connection"), error))
    goto fail;
  if (version < target)
    {
      if (!run_migrations (self, migrations, n_migrations, error))
        goto fail;
      /* Put the header (application_id, version) in the main file, so a
       * fresh reader identifies it even before the WAL is checkpointed. */
      sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    }
  if (check_later)
    self->integrity = secuencia_project_integrity_start (self->path, self->display_name, FALSE);
  return g_steal_pointer (&self);

fail:
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  if (created)
    {
      g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
      g_unlink (self->path);
      g_unlink (wal);
      g_unlink (shm);
    }
  return NULL;
}

SecuenciaProject *
secuencia_project_open (const char                *path,
                        SecuenciaProjectOpenFlags  flags,
                        GError                   **error)
{
  SecuenciaProject *self = secuencia_project_open_with_migrations (path, flags, secuencia_project_migrations,
                                                                   secuencia_project_n_migrations, error);
  g_autoptr(GError) local_error = NULL;
  guint n_deleted = 0;

  /* What an export that never ended (a crash) left behind. A failure
   * (another process holds the write lock longer than the busy timeout,
   * say) leaves it for the next time: it is never taken for a timeline. */
  if (self != NULL && !self->read_only
      && !secuencia_project_delete_stale_export_snapshots (self, &n_deleted, &local_error))
    g_debug ("%s: unfinished exports' timelines kept: %s", self->display_name, local_error->message);
  else if (n_deleted > 0)
    g_debug ("%s: deleted %u timelines of unfinished exports", self->display_name, n_deleted);
  return self;
}

/* See the header. The project is made under a temporary name beside
 * @path and renamed into place, so an old file stays until the new one is
 * whole. */
SecuenciaProject *
secuencia_project_create (const char  *path,
                          gboolean     replace_confirmed,
                          GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_lstat (path, &st) != 0)
    return secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, error);

  if (!replace_confirmed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists; choose another name"), display);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file; only regular files are replaced"), display);
      return NULL;
    }
  if (g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("“%s” is in use (or was not closed properly); open it, or choose another name"),
                   display);
      return NULL;
    }

  tmp = g_build_filename (dir, ".secuencia-new-XXXXXX", NULL);
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *dir_display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write to folder “%s”: %s"), dir_display, g_strerror (saved_errno));
      return NULL;
    }
  g_close (fd, NULL);
  g_unlink (tmp);
  project = secuencia_project_open (tmp, SECUENCIA_PROJECT_OPEN_CREATE, error);
  if (project == NULL)
    return NULL;
  g_clear_object (&project);
  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot replace “%s”: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  return secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_DEFAULT, error);
}

const char *
secuencia_project_get_path (SecuenciaProject *self)
{
  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  return self->path;
}

gboolean
secuencia_project_is_read_only (SecuenciaProject *self)
{
  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), TRUE);
  return self->read_only;
}

gboolean
secuencia_project_is_immutable (SecuenciaProject *self)
{
  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  return self->immutable;
}

char *
secuencia_project_dup_name (SecuenciaProject *self)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  char *dot;
  char *name;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);

  stmt = secuencia_project_stmt (self, "SELECT value FROM project WHERE key = 'name'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      name = secuencia_sql_column_dup (stmt, 0);
      if (*name != '\0')
        return name;
      g_free (name);
    }
  name = g_strdup (self->display_name);
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name)
    *dot = '\0';
  return name;
}

gboolean
secuencia_project_set_name (SecuenciaProject  *self,
                            const char        *name,
                            GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  stmt = secuencia_project_stmt (self, "INSERT OR REPLACE INTO project (key, value) VALUES ('name', ?1)", error);
  if (stmt == NULL)
    goto fail;
  secuencia_sql_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("rename the project"));
      goto fail;
    }
  g_clear_pointer (&stmt, secuencia_stmt_release);
  return secuencia_project_txn_commit (self, error);

fail:
  secuencia_project_txn_rollback (self);
  return FALSE;
}

gboolean
secuencia_project_asset_exists (SecuenciaProject *self, gint64 asset_id, GError **error)
{
  g_autoptr(SecuenciaStmt) stmt = secuencia_project_stmt (self, "SELECT 1 FROM assets WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, asset_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND,
                 _("Asset %lld is not in “%s”"), (long long) asset_id, self->display_name);
  else
    secuencia_project_set_db_error (self, error, rc, _("look up an asset"));
  return FALSE;
}

/* Runs one statement with up to two int64 parameters to completion. */
gboolean
secuencia_project_run_stmt (SecuenciaProject *self,
          const char       *sql,
          int               n_params,
          gint64            p1,
          gint64            p2,
          const char       *what,
          GError          **error)
{
  g_autoptr(SecuenciaStmt) stmt = secuencia_project_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (n_params > 0)
    sqlite3_bind_int64 (stmt, 1, p1);
  if (n_params > 1)
    sqlite3_bind_int64 (stmt, 2, p2);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return secuencia_project_set_db_error (self, error, rc, what);
  return TRUE;
}

gboolean
secuencia_project_query_int (SecuenciaProject *self,
           const char       *sql,
           gint64            param,
           gint64           *out_value,
           const char       *what,
           GError          **error)
{
  g_autoptr(SecuenciaStmt) stmt = secuencia_project_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, param);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_value = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    secuencia_project_set_db_error (self, error, rc, what);
  return FALSE;  /* no row: error unset */
}
