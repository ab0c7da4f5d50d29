/* secuencia-project.c: a Secuencia project file (*.secuencia, SQLite).
 *
 * Opening is careful not to write anything until the file is known to be
 * ours, uncorrupted and not too new: the SQLite header magic is checked
 * with plain reads, application_id / user_version / quick_check run in a
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
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "secuencia-project.h"
#include "secuencia-project-private.h"

#define APPLICATION_ID      0x53514E43  /* 'SQNC' */
#define DEFAULT_BUSY_MS     5000
#define CHUNK_SIZE          (64 * 1024)
#define DISCOVER_TIMEOUT    (30 * GST_SECOND)

static const SecuenciaProjectMigration project_migrations[] = {
  { 1,
    "CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    /* data is the LAST column: SQLite then stores zeroblob(n) without
     * materialising n bytes, and metadata reads stop before the blob's
     * overflow pages. */
    "CREATE TABLE assets (id INTEGER PRIMARY KEY,"
    "  mime_type TEXT NOT NULL, duration_ns INTEGER NOT NULL,"
    "  file_name TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE,"
    "  size INTEGER NOT NULL, created_at INTEGER NOT NULL,"
    "  data BLOB NOT NULL);"
    "CREATE TABLE elements (id INTEGER PRIMARY KEY, position INTEGER NOT NULL,"
    "  character TEXT NOT NULL DEFAULT '', text TEXT NOT NULL DEFAULT '',"
    "  asset_id INTEGER REFERENCES assets(id) ON DELETE SET NULL);"
    "CREATE INDEX elements_position ON elements (position);"
    "CREATE INDEX elements_asset ON elements (asset_id);"
    "CREATE TABLE timelines (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL);"
    "CREATE TABLE clips (id INTEGER PRIMARY KEY,"
    "  timeline_id INTEGER NOT NULL REFERENCES timelines(id) ON DELETE CASCADE,"
    "  asset_id INTEGER NOT NULL REFERENCES assets(id),"
    "  offset_ns INTEGER NOT NULL, source_start_ns INTEGER NOT NULL,"
    "  duration_ns INTEGER NOT NULL, lane INTEGER NOT NULL DEFAULT 0,"
    "  volume_db REAL NOT NULL DEFAULT 0, muted INTEGER NOT NULL DEFAULT 0,"
    "  name TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX clips_timeline ON clips (timeline_id);"
    "CREATE INDEX clips_asset ON clips (asset_id);" },
};

struct _SecuenciaProject
{
  GObject      parent_instance;

  char        *path;
  char        *display_name;   /* base name, for messages */
  sqlite3     *db;
  gboolean     read_only;
  GHashTable  *statements;     /* SQL text -> sqlite3_stmt* (cached) */
  guint        txn_depth;
  gboolean     txn_is_read;    /* the outermost transaction is a read */
  guint        savepoint_serial;
};

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

/* A cached statement, reset (not finalized) when it goes out of scope. */
typedef sqlite3_stmt SecuenciaStmt;
static void
stmt_release (SecuenciaStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaStmt, stmt_release)

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
secuencia_element_info_free (SecuenciaElementInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->character);
  g_free (info->text);
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
static gboolean
set_db_error (SecuenciaProject  *self,
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

static SecuenciaStmt *
get_stmt (SecuenciaProject  *self,
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
      set_db_error (self, error, rc, _("prepare a query"));
      return NULL;
    }
  /* Keys are the callers' string literals: they outlive the cache. */
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
exec_sql (SecuenciaProject  *self,
          const char        *sql,
          const char        *what,
          GError           **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_db_error (self, error, rc, what);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

static char *
column_dup (sqlite3_stmt *stmt, int index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);
  return g_strdup (text != NULL ? text : "");
}

/* ---- transactions ---- */

static gboolean
check_writable (SecuenciaProject *self, GError **error)
{
  if (!self->read_only)
    return TRUE;
  g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_READ_ONLY,
               _("“%s” is open read-only; it cannot be changed"), self->display_name);
  return FALSE;
}

static gboolean
txn_begin (SecuenciaProject *self, GError **error)
{
  if (!check_writable (self, error))
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
      if (!exec_sql (self, sql, _("start a change"), error))
        return FALSE;
    }
  else
    {
      if (!exec_sql (self, "BEGIN IMMEDIATE", _("start a change"), error))
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
      if (!exec_sql (self, sql, commit ? _("save changes") : _("undo changes"), error))
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
        return set_db_error (self, error, rc, _("save changes"));  /* caller rolls back */
      self->txn_depth = 0;
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
      return TRUE;
    }
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->txn_depth = 0;
  return TRUE;
}

/* Commit, or roll back if the commit fails. */
static gboolean
txn_commit (SecuenciaProject *self, GError **error)
{
  if (txn_end (self, TRUE, error))
    return TRUE;
  txn_end (self, FALSE, NULL);
  return FALSE;
}

static void
txn_rollback (SecuenciaProject *self)
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

  if (!txn_begin (self, error))
    return FALSE;
  if (!func (self, user_data, &local_error))
    {
      txn_rollback (self);
      if (local_error == NULL)
        g_set_error (&local_error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_IO,
                     _("A change to “%s” failed and was undone"), self->display_name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return txn_commit (self, error);
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
  if (!exec_sql (self, "BEGIN DEFERRED", _("start reading"), error))
    return FALSE;
  /* The first read fixes the snapshot. */
  stmt = get_stmt (self, "SELECT count(*) FROM project", error);
  if (stmt == NULL)
    goto fail;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, rc, _("start reading"));
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
  sqlite3_busy_timeout (self->db, (int) MIN (timeout_ms, (guint) G_MAXINT));
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

/* Plain-read check of the 100-byte SQLite header, before SQLite sees the
 * file. An empty file passes (SQLite treats it as an empty database). */
static gboolean
check_header (const char *path,
              const char *display_name,
              GError    **error)
{
  static const char magic[16] = "SQLite format 3";  /* with its NUL */
  char header[100];
  FILE *file;
  size_t n;
  int saved_errno;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      saved_errno = errno;
      return open_error (error,
                         saved_errno == ENOENT ? SECUENCIA_PROJECT_ERROR_NOT_FOUND
                         : saved_errno == EACCES ? SECUENCIA_PROJECT_ERROR_READ_ONLY
                         : SECUENCIA_PROJECT_ERROR_IO,
                         display_name, g_strerror (saved_errno));
    }
  n = fread (header, 1, sizeof header, file);
  fclose (file);
  if (n == 0)
    return TRUE;
  if (n < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    return open_error (error, SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT, display_name,
                       _("it is not a Secuencia project (not an SQLite database)"));
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

static gboolean
open_fail_sqlite (SecuenciaProject *self, GError **error, int rc)
{
  SecuenciaProjectError code = code_for_sqlite (rc);
  const char *reason;

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
        first = column_dup (stmt, 0);
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

  if (!exec_sql (self, "BEGIN IMMEDIATE", _("upgrade the project"), error))
    return FALSE;
  /* Re-read under the write lock: another process may have migrated. */
  if (!read_pragma_int (self, "PRAGMA user_version", &version, &rc)
      || !read_pragma_int (self, "PRAGMA application_id", &app_id, &rc))
    {
      set_db_error (self, error, rc, _("upgrade the project"));
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
          set_db_error (self, error, rc, what);
          goto fail;
        }
    }
  if (version == 0)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT OR IGNORE INTO project (key, value) "
                                              "VALUES ('created_at', '%" G_GINT64_FORMAT "')",
                                              g_get_real_time ());
      if (!exec_sql (self, sql, _("create the project"), error))
        goto fail;
    }
  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                             APPLICATION_ID, target);
  if (!exec_sql (self, pragmas, _("upgrade the project"), error))
    goto fail;
  if (!exec_sql (self, "COMMIT", _("upgrade the project"), error))
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
  gboolean exists;
  gboolean created = FALSE;
  int open_flags;
  int rc;
  int target;
  gint64 app_id = 0, version = 0, n_objects = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (migrations != NULL && n_migrations > 0, NULL);
  g_return_val_if_fail (!read_only || !(flags & SECUENCIA_PROJECT_OPEN_CREATE), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

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
  if (exists && !check_header (self->path, self->display_name, error))
    return NULL;
  if (!read_only)
    {
      if ((exists && g_access (self->path, W_OK) != 0) || !directory_writable (self->path))
        {
          open_error (error, SECUENCIA_PROJECT_ERROR_READ_ONLY, self->display_name,
                      exists ? _("the file or its folder is read-only; open it read-only instead")
                             : _("its folder is read-only"));
          return NULL;
        }
    }

  open_flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (!exists)
    open_flags |= SQLITE_OPEN_CREATE;
  rc = sqlite3_open_v2 (self->path, &self->db, open_flags | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      open_fail_sqlite (self, error, rc);
      goto fail;
    }
  created = !exists;
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_MS);

  if (!read_only && sqlite3_db_readonly (self->db, "main") == 1)
    {
      open_error (error, SECUENCIA_PROJECT_ERROR_READ_ONLY, self->display_name,
                  _("the file is read-only; open it read-only instead"));
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
  if (n_objects > 0 && !check_integrity (self, error))
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
      if (!exec_sql (self, "PRAGMA foreign_keys = ON", _("configure the connection"), error))
        goto fail;
      return g_steal_pointer (&self);
    }

  if (!exec_sql (self, "PRAGMA journal_mode = WAL", _("configure the connection"), error)
      || !exec_sql (self, "PRAGMA synchronous = NORMAL", _("configure the connection"), error)
      || !exec_sql (self, "PRAGMA foreign_keys = ON", _("configure the connection"), error))
    goto fail;
  if (version < target)
    {
      if (!run_migrations (self, migrations, n_migrations, error))
        goto fail;
      /* Put the header (application_id, version) in the main file, so a
       * fresh reader identifies it even before the WAL is checkpointed. */
      sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    }
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
  return secuencia_project_open_with_migrations (path, flags, project_migrations,
                                                 G_N_ELEMENTS (project_migrations), error);
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

char *
secuencia_project_dup_name (SecuenciaProject *self)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  char *dot;
  char *name;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);

  stmt = get_stmt (self, "SELECT value FROM project WHERE key = 'name'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      name = column_dup (stmt, 0);
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

  if (!txn_begin (self, error))
    return FALSE;
  stmt = get_stmt (self, "INSERT OR REPLACE INTO project (key, value) VALUES ('name', ?1)", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, rc, _("rename the project"));
      goto fail;
    }
  g_clear_pointer (&stmt, stmt_release);
  return txn_commit (self, error);

fail:
  txn_rollback (self);
  return FALSE;
}

/* ---- assets ---- */

static const char *
mime_for_structure (const GstStructure *s)
{
  const char *name = gst_structure_get_name (s);
  int mpegversion = 0;

  if (g_str_equal (name, "audio/x-wav") || g_str_equal (name, "audio/wav"))
    return "audio/x-wav";
  if (g_str_equal (name, "audio/mpeg"))
    {
      gst_structure_get_int (s, "mpegversion", &mpegversion);
      return mpegversion == 2 || mpegversion == 4 ? "audio/aac" : "audio/mpeg";
    }
  if (g_str_equal (name, "application/ogg") || g_str_equal (name, "audio/ogg")
      || g_str_equal (name, "audio/x-vorbis") || g_str_equal (name, "audio/x-opus"))
    return "audio/ogg";
  if (g_str_equal (name, "audio/x-flac"))
    return "audio/flac";
  if (g_str_equal (name, "video/quicktime") || g_str_equal (name, "audio/x-m4a")
      || g_str_equal (name, "application/x-3gp"))
    return "audio/mp4";
  if (g_str_equal (name, "audio/x-aiff"))
    return "audio/x-aiff";
  if (g_str_equal (name, "video/x-matroska") || g_str_equal (name, "audio/x-matroska"))
    return "audio/x-matroska";
  if (g_str_equal (name, "video/webm") || g_str_equal (name, "audio/webm"))
    return "audio/webm";
  if (g_str_equal (name, "audio/x-au"))
    return "audio/basic";
  return NULL;  /* tag wrappers (application/x-id3 ...) and the unknown: look deeper */
}

/* The MIME type of the outermost stream we recognise. */
static char *
mime_for_info (GstDiscovererInfo *info)
{
  g_autoptr(GstDiscovererStreamInfo) stream = gst_discoverer_info_get_stream_info (info);
  g_autofree char *fallback = NULL;

  while (stream != NULL)
    {
      g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps (stream);
      GstDiscovererStreamInfo *next = NULL;

      if (caps != NULL && gst_caps_get_size (caps) > 0)
        {
          const GstStructure *s = gst_caps_get_structure (caps, 0);
          const char *mime = mime_for_structure (s);

          if (mime != NULL)
            return g_strdup (mime);
          if (fallback == NULL && g_str_has_prefix (gst_structure_get_name (s), "audio/"))
            fallback = g_strdup (gst_structure_get_name (s));
        }
      if (GST_IS_DISCOVERER_CONTAINER_INFO (stream))
        {
          GList *children = gst_discoverer_container_info_get_streams (GST_DISCOVERER_CONTAINER_INFO (stream));
          for (GList *l = children; l != NULL; l = l->next)
            if (GST_IS_DISCOVERER_AUDIO_INFO (l->data))
              {
                next = g_object_ref (l->data);
                break;
              }
          gst_discoverer_stream_info_list_free (children);
        }
      else
        next = gst_discoverer_stream_info_get_next (stream);
      g_clear_object (&stream);
      stream = next;
    }
  return fallback != NULL ? g_steal_pointer (&fallback) : g_strdup ("application/octet-stream");
}

static gboolean
unsupported (GError **error, const char *file_name, const char *reason)
{
  g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_UNSUPPORTED_AUDIO,
               _("Cannot import “%s”: %s"), file_name, reason);
  return FALSE;
}

static gboolean
discover_audio (GFile          *file,
                const char     *file_name,
                SecuenciaTime  *out_duration,
                char          **out_mime,
                GError        **error)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  GList *audio;
  GstClockTime duration;

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  discoverer = gst_discoverer_new (DISCOVER_TIMEOUT, &local_error);
  if (discoverer == NULL)
    return unsupported (error, file_name, local_error->message);
  info = gst_discoverer_discover_uri (discoverer, uri, &local_error);
  if (info == NULL || gst_discoverer_info_get_result (info) != GST_DISCOVERER_OK)
    {
      GstDiscovererResult result = info != NULL ? gst_discoverer_info_get_result (info)
                                                : GST_DISCOVERER_ERROR;
      g_autofree char *reason = NULL;

      switch (result)
        {
        case GST_DISCOVERER_MISSING_PLUGINS:
          reason = g_strdup (_("GStreamer has no decoder for it"));
          break;
        case GST_DISCOVERER_TIMEOUT:
          reason = g_strdup (_("GStreamer took too long to read it"));
          break;
        default:
          reason = g_strdup_printf (_("GStreamer cannot decode it (%s)"),
                                    local_error != NULL ? local_error->message : _("unknown error"));
        }
      return unsupported (error, file_name, reason);
    }
  audio = gst_discoverer_info_get_audio_streams (info);
  if (audio == NULL)
    return unsupported (error, file_name, _("it has no audio stream"));
  gst_discoverer_stream_info_list_free (audio);

  duration = gst_discoverer_info_get_duration (info);
  if (!GST_CLOCK_TIME_IS_VALID (duration) || duration == 0
      || duration > (GstClockTime) SECUENCIA_TIME_MAX)
    return unsupported (error, file_name, _("its duration is unknown"));

  *out_duration = (SecuenciaTime) duration;
  *out_mime = mime_for_info (info);
  return TRUE;
}

/* Stream @file once, computing its SHA-256 and size. */
static gboolean
hash_file (GFile         *file,
           const char    *file_name,
           char         **out_hash,
           gint64        *out_size,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  g_autoptr(GError) local_error = NULL;
  gint64 size = 0;

  input = g_file_read (file, cancellable, &local_error);
  if (input == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (input == NULL)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                   ? SECUENCIA_PROJECT_ERROR_NOT_FOUND : SECUENCIA_PROJECT_ERROR_IO,
                   _("Cannot import “%s”: %s"), file_name, local_error->message);
      return FALSE;
    }
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (input), buffer, CHUNK_SIZE,
                                      cancellable, &local_error);
      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_IO,
                         _("Cannot import “%s”: %s"), file_name, local_error->message);
          return FALSE;
        }
      if (n == 0)
        break;
      g_checksum_update (checksum, buffer, n);
      size += n;
    }
  *out_hash = g_strdup (g_checksum_get_string (checksum));
  *out_size = size;
  return TRUE;
}

static gint64
find_asset_by_hash (SecuenciaProject  *self,
                    const char        *hash,
                    GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = get_stmt (self, "SELECT id FROM assets WHERE content_hash = ?1", error);
  int rc;

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, rc, _("look up an asset"));
      return -1;
    }
  return 0;
}

/* Copy @file into the blob of row @asset_id in chunks, re-hashing. */
static gboolean
copy_into_blob (SecuenciaProject  *self,
                GFile             *file,
                const char        *file_name,
                gint64             asset_id,
                gint64             size,
                const char        *expected_hash,
                GCancellable      *cancellable,
                GError           **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  g_autoptr(GError) local_error = NULL;
  sqlite3_blob *blob = NULL;
  gint64 written = 0;
  gboolean ok = FALSE;
  int rc;

  input = g_file_read (file, cancellable, &local_error);
  if (input == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (input == NULL)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_IO,
                   _("Cannot import “%s”: %s"), file_name, local_error->message);
      return FALSE;
    }
  rc = sqlite3_blob_open (self->db, "main", "assets", "data", asset_id, 1, &blob);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, error, rc, _("store audio"));
      goto out;
    }
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (input), buffer, CHUNK_SIZE,
                                      cancellable, &local_error);
      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_IO,
                         _("Cannot import “%s”: %s"), file_name, local_error->message);
          goto out;
        }
      if (n == 0)
        break;
      if (written + n > size)
        break;  /* the file grew: caught by the checks below */
      rc = sqlite3_blob_write (blob, buffer, (int) n, (int) written);
      if (rc != SQLITE_OK)
        {
          set_db_error (self, error, rc, _("store audio"));
          goto out;
        }
      g_checksum_update (checksum, buffer, n);
      written += n;
    }
  if (written != size || g_strcmp0 (g_checksum_get_string (checksum), expected_hash) != 0)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_IO,
                   _("Cannot import “%s”: the file changed while it was being imported"),
                   file_name);
      goto out;
    }
  ok = TRUE;

out:
  if (blob != NULL)
    {
      rc = sqlite3_blob_close (blob);
      if (ok && rc != SQLITE_OK)
        ok = set_db_error (self, error, rc, _("store audio"));
    }
  return ok;
}

gint64
secuencia_project_import_audio (SecuenciaProject  *self,
                                GFile             *file,
                                GCancellable      *cancellable,
                                GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *base_name = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *mime = NULL;
  SecuenciaTime duration = 0;
  gint64 size = 0;
  gint64 id;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  file_name = g_file_get_parse_name (file);
  base_name = g_file_get_basename (file);
  if (!check_writable (self, error))
    return 0;

  if (!hash_file (file, file_name, &hash, &size, cancellable, error))
    return 0;
  if (size == 0)
    {
      unsupported (error, file_name, _("the file is empty"));
      return 0;
    }
  id = find_asset_by_hash (self, hash, error);
  if (id != 0)
    return MAX (id, 0);

  if (!discover_audio (file, file_name, &duration, &mime, error))
    return 0;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return 0;

  if (!txn_begin (self, error))
    return 0;
  /* Someone may have stored it meanwhile. */
  id = find_asset_by_hash (self, hash, error);
  if (id != 0)
    {
      if (id < 0)
        goto fail;
      txn_rollback (self);
      return id;
    }
  stmt = get_stmt (self,
                   "INSERT INTO assets (data, mime_type, duration_ns, file_name, content_hash, size, created_at) "
                   "VALUES (zeroblob(?1), ?2, ?3, ?4, ?5, ?1, ?6)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, size);
  bind_text (stmt, 2, mime);
  sqlite3_bind_int64 (stmt, 3, duration);
  bind_text (stmt, 4, base_name);
  bind_text (stmt, 5, hash);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("store “%s”"), file_name);
      set_db_error (self, error, rc, what);
      goto fail;
    }
  id = sqlite3_last_insert_rowid (self->db);
  g_clear_pointer (&stmt, stmt_release);

  if (!copy_into_blob (self, file, file_name, id, size, hash, cancellable, error))
    goto fail;
  if (!txn_commit (self, error))
    return 0;
  return id;

fail:
  txn_rollback (self);
  return 0;
}

#define ASSET_COLUMNS "id, mime_type, duration_ns, file_name, content_hash, size"

static SecuenciaAssetInfo *
asset_from_row (sqlite3_stmt *stmt)
{
  SecuenciaAssetInfo *info = g_new0 (SecuenciaAssetInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->mime_type = column_dup (stmt, 1);
  info->duration = sqlite3_column_int64 (stmt, 2);
  info->file_name = column_dup (stmt, 3);
  info->content_hash = column_dup (stmt, 4);
  info->size = sqlite3_column_int64 (stmt, 5);
  return info;
}

GPtrArray *
secuencia_project_list_assets (SecuenciaProject  *self,
                               GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autoptr(GPtrArray) result = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = get_stmt (self, "SELECT " ASSET_COLUMNS " FROM assets ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_asset_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, asset_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, rc, _("list assets"));
      return NULL;
    }
  return g_steal_pointer (&result);
}

SecuenciaAssetInfo *
secuencia_project_get_asset (SecuenciaProject  *self,
                             gint64             asset_id,
                             GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = get_stmt (self, "SELECT " ASSET_COLUMNS " FROM assets WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, asset_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return asset_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND,
                 _("Asset %lld is not in “%s”"), (long long) asset_id, self->display_name);
  else
    set_db_error (self, error, rc, _("read an asset"));
  return NULL;
}

gboolean
secuencia_project_write_asset_to_stream (SecuenciaProject  *self,
                                         gint64             asset_id,
                                         GOutputStream     *output,
                                         GCancellable      *cancellable,
                                         GError           **error)
{
  g_autofree guint8 *buffer = NULL;
  sqlite3_blob *blob = NULL;
  gboolean ok = FALSE;
  int size, rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* One snapshot for the whole copy. */
  if (!secuencia_project_begin_read (self, error))
    return FALSE;
  rc = sqlite3_blob_open (self->db, "main", "assets", "data", asset_id, 0, &blob);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_ERROR)
        g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND,
                     _("Asset %lld is not in “%s”"), (long long) asset_id, self->display_name);
      else
        set_db_error (self, error, rc, _("read audio"));
      goto out;
    }
  buffer = g_malloc (CHUNK_SIZE);
  size = sqlite3_blob_bytes (blob);
  for (int offset = 0; offset < size; )
    {
      int n = MIN (CHUNK_SIZE, size - offset);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      rc = sqlite3_blob_read (blob, buffer, n, offset);
      if (rc != SQLITE_OK)
        {
          set_db_error (self, error, rc, _("read audio"));
          goto out;
        }
      if (!g_output_stream_write_all (output, buffer, n, NULL, cancellable, error))
        goto out;
      offset += n;
    }
  ok = TRUE;

out:
  if (blob != NULL)
    sqlite3_blob_close (blob);
  secuencia_project_end_read (self);
  return ok;
}

/* ---- screenplay elements ---- */

GPtrArray *
secuencia_project_list_elements (SecuenciaProject  *self,
                                 GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autoptr(GPtrArray) result = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = get_stmt (self,
                   "SELECT e.id, e.position, e.character, e.text, IFNULL (e.asset_id, 0),"
                   "       IFNULL (a.duration_ns, 0)"
                   "  FROM elements AS e"
                   "  LEFT JOIN assets AS a ON a.id = e.asset_id"
                   " ORDER BY e.position, e.id", error);
  if (stmt == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_element_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SecuenciaElementInfo *info = g_new0 (SecuenciaElementInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->position = sqlite3_column_int64 (stmt, 1);
      info->character = column_dup (stmt, 2);
      info->text = column_dup (stmt, 3);
      info->asset_id = sqlite3_column_int64 (stmt, 4);
      info->duration = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (result, info);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, rc, _("list screenplay elements"));
      return NULL;
    }
  return g_steal_pointer (&result);
}

static gboolean
asset_exists (SecuenciaProject *self, gint64 asset_id, GError **error)
{
  g_autoptr(SecuenciaStmt) stmt = get_stmt (self, "SELECT 1 FROM assets WHERE id = ?1", error);
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
    set_db_error (self, error, rc, _("look up an asset"));
  return FALSE;
}

/* Runs one statement with up to two int64 parameters to completion. */
static gboolean
run_stmt (SecuenciaProject *self,
          const char       *sql,
          int               n_params,
          gint64            p1,
          gint64            p2,
          const char       *what,
          GError          **error)
{
  g_autoptr(SecuenciaStmt) stmt = get_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (n_params > 0)
    sqlite3_bind_int64 (stmt, 1, p1);
  if (n_params > 1)
    sqlite3_bind_int64 (stmt, 2, p2);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_db_error (self, error, rc, what);
  return TRUE;
}

static gboolean
query_int (SecuenciaProject *self,
           const char       *sql,
           gint64            param,
           gint64           *out_value,
           const char       *what,
           GError          **error)
{
  g_autoptr(SecuenciaStmt) stmt = get_stmt (self, sql, error);
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
    set_db_error (self, error, rc, what);
  return FALSE;  /* no row: error unset */
}

gint64
secuencia_project_append_element (SecuenciaProject  *self,
                                  const char        *character,
                                  const char        *text,
                                  gint64             asset_id,
                                  GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), 0);
  g_return_val_if_fail (asset_id >= 0, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!txn_begin (self, error))
    return 0;
  if (asset_id != 0 && !asset_exists (self, asset_id, error))
    goto fail;
  stmt = get_stmt (self,
                   "INSERT INTO elements (position, character, text, asset_id) "
                   "VALUES ((SELECT IFNULL (MAX (position) + 1, 0) FROM elements), ?1, ?2, ?3)",
                   error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, character);
  bind_text (stmt, 2, text);
  if (asset_id != 0)
    sqlite3_bind_int64 (stmt, 3, asset_id);
  else
    sqlite3_bind_null (stmt, 3);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, rc, _("add a screenplay element"));
      goto fail;
    }
  id = sqlite3_last_insert_rowid (self->db);
  g_clear_pointer (&stmt, stmt_release);
  if (!txn_commit (self, error))
    return 0;
  return id;

fail:
  txn_rollback (self);
  return 0;
}

static gboolean
element_position (SecuenciaProject *self,
                  gint64            element_id,
                  gint64           *out_position,
                  GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  if (query_int (self, "SELECT position FROM elements WHERE id = ?1", element_id,
                 out_position, _("find a screenplay element"), &local_error))
    return TRUE;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND,
                 _("Screenplay element %lld is not in “%s”"),
                 (long long) element_id, self->display_name);
  return FALSE;
}

gboolean
secuencia_project_remove_element (SecuenciaProject  *self,
                                  gint64             element_id,
                                  GError           **error)
{
  gint64 position;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!txn_begin (self, error))
    return FALSE;
  if (!element_position (self, element_id, &position, error)
      || !run_stmt (self, "DELETE FROM elements WHERE id = ?1", 1, element_id, 0,
                    _("remove a screenplay element"), error)
      || !run_stmt (self, "UPDATE elements SET position = position - 1 WHERE position > ?1", 1,
                    position, 0, _("remove a screenplay element"), error))
    {
      txn_rollback (self);
      return FALSE;
    }
  return txn_commit (self, error);
}

gboolean
secuencia_project_move_element (SecuenciaProject  *self,
                                gint64             element_id,
                                gint64             new_position,
                                GError           **error)
{
  gint64 position, count = 0;
  const char *what = _("move a screenplay element");

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!txn_begin (self, error))
    return FALSE;
  if (!element_position (self, element_id, &position, error))
    goto fail;
  if (!query_int (self, "SELECT count(*) FROM elements WHERE ?1 = ?1", 0, &count, what, error))
    goto fail;
  if (new_position < 0 || new_position >= count)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                   _("Cannot move screenplay element %lld to position %lld: the screenplay has %lld elements"),
                   (long long) element_id, (long long) new_position, (long long) count);
      goto fail;
    }
  if (new_position < position
      && !run_stmt (self, "UPDATE elements SET position = position + 1 WHERE position >= ?1 AND position < ?2",
                    2, new_position, position, what, error))
    goto fail;
  if (new_position > position
      && !run_stmt (self, "UPDATE elements SET position = position - 1 WHERE position > ?1 AND position <= ?2",
                    2, position, new_position, what, error))
    goto fail;
  if (!run_stmt (self, "UPDATE elements SET position = ?2 WHERE id = ?1", 2, element_id,
                 new_position, what, error))
    goto fail;
  return txn_commit (self, error);

fail:
  txn_rollback (self);
  return FALSE;
}

/* ---- timelines ---- */

#define TIMELINE_SELECT \
  "SELECT t.id, t.name, t.created_at, t.modified_at, count (c.id)," \
  "       IFNULL (MAX (c.offset_ns + c.duration_ns), 0)" \
  "  FROM timelines AS t LEFT JOIN clips AS c ON c.timeline_id = t.id "

static SecuenciaTimelineInfo *
timeline_from_row (sqlite3_stmt *stmt)
{
  SecuenciaTimelineInfo *info = g_new0 (SecuenciaTimelineInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->name = column_dup (stmt, 1);
  info->created_at = sqlite3_column_int64 (stmt, 2);
  info->modified_at = sqlite3_column_int64 (stmt, 3);
  info->n_clips = (guint) sqlite3_column_int64 (stmt, 4);
  info->duration = sqlite3_column_int64 (stmt, 5);
  return info;
}

GPtrArray *
secuencia_project_list_timelines (SecuenciaProject  *self,
                                  GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autoptr(GPtrArray) result = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = get_stmt (self, TIMELINE_SELECT "GROUP BY t.id ORDER BY t.id", error);
  if (stmt == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_timeline_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, timeline_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, rc, _("list timelines"));
      return NULL;
    }
  return g_steal_pointer (&result);
}

static gboolean
timeline_not_found (SecuenciaProject *self, gint64 timeline_id, GError **error)
{
  g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND,
               _("Timeline %lld is not in “%s”"), (long long) timeline_id, self->display_name);
  return FALSE;
}

SecuenciaTimelineInfo *
secuencia_project_get_timeline (SecuenciaProject  *self,
                                gint64             timeline_id,
                                GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = get_stmt (self, TIMELINE_SELECT "WHERE t.id = ?1 GROUP BY t.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, timeline_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return timeline_from_row (stmt);
  if (rc == SQLITE_DONE)
    timeline_not_found (self, timeline_id, error);
  else
    set_db_error (self, error, rc, _("read a timeline"));
  return NULL;
}

static gboolean
timeline_exists (SecuenciaProject *self, gint64 timeline_id, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 one;

  if (query_int (self, "SELECT 1 FROM timelines WHERE id = ?1", timeline_id, &one,
                 _("read a timeline"), &local_error))
    return TRUE;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    timeline_not_found (self, timeline_id, error);
  return FALSE;
}

GPtrArray *
secuencia_project_list_clips (SecuenciaProject  *self,
                              gint64             timeline_id,
                              GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autoptr(GPtrArray) result = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!secuencia_project_begin_read (self, error))
    return NULL;
  if (!timeline_exists (self, timeline_id, error))
    goto out;
  stmt = get_stmt (self,
                   "SELECT id, asset_id, offset_ns, source_start_ns, duration_ns, lane,"
                   "       volume_db, muted, name"
                   "  FROM clips WHERE timeline_id = ?1 ORDER BY offset_ns, lane, id", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, timeline_id);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_clip_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SecuenciaClip *clip = secuencia_clip_new (sqlite3_column_int64 (stmt, 1),
                                                sqlite3_column_int64 (stmt, 2),
                                                sqlite3_column_int64 (stmt, 3),
                                                sqlite3_column_int64 (stmt, 4),
                                                sqlite3_column_int (stmt, 5));
      clip->id = sqlite3_column_int64 (stmt, 0);
      clip->volume_db = sqlite3_column_double (stmt, 6);
      clip->muted = sqlite3_column_int (stmt, 7) != 0;
      g_free (clip->name);
      clip->name = column_dup (stmt, 8);
      g_ptr_array_add (result, clip);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, rc, _("list clips"));
      g_clear_pointer (&result, g_ptr_array_unref);
    }

out:
  g_clear_pointer (&stmt, stmt_release);
  secuencia_project_end_read (self);
  return g_steal_pointer (&result);
}

gboolean
secuencia_project_delete_timeline (SecuenciaProject  *self,
                                   gint64             timeline_id,
                                   GError           **error)
{
  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!txn_begin (self, error))
    return FALSE;
  if (!run_stmt (self, "DELETE FROM timelines WHERE id = ?1", 1, timeline_id, 0,
                 _("delete a timeline"), error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      timeline_not_found (self, timeline_id, error);
      goto fail;
    }
  return txn_commit (self, error);

fail:
  txn_rollback (self);
  return FALSE;
}

gboolean
secuencia_project_save_timeline (SecuenciaProject              *self,
                                 SecuenciaTimeline             *timeline,
                                 SecuenciaProjectProgressFunc   progress_func,
                                 gpointer                       progress_data,
                                 GCancellable                  *cancellable,
                                 GError                       **error)
{
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GArray) new_ids = NULL;
  gint64 timeline_id;
  gint64 now = g_get_real_time ();
  const char *what = _("save the timeline");
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!txn_begin (self, error))
    return FALSE;

  timeline_id = secuencia_timeline_get_id (timeline);
  if (timeline_id > 0)
    {
      g_autoptr(SecuenciaStmt) stmt = get_stmt (self,
                                                "UPDATE timelines SET name = ?2, modified_at = ?3 WHERE id = ?1",
                                                error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, timeline_id);
      bind_text (stmt, 2, secuencia_timeline_get_name (timeline));
      sqlite3_bind_int64 (stmt, 3, now);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          set_db_error (self, error, rc, what);
          goto fail;
        }
      if (sqlite3_changes (self->db) == 0)
        timeline_id = 0;  /* deleted meanwhile: store it anew */
      else if (!run_stmt (self, "DELETE FROM clips WHERE timeline_id = ?1", 1, timeline_id, 0,
                          what, error))
        goto fail;
    }
  if (timeline_id <= 0)
    {
      g_autoptr(SecuenciaStmt) stmt = get_stmt (self,
                                                "INSERT INTO timelines (name, created_at, modified_at) VALUES (?1, ?2, ?2)",
                                                error);
      if (stmt == NULL)
        goto fail;
      bind_text (stmt, 1, secuencia_timeline_get_name (timeline));
      sqlite3_bind_int64 (stmt, 2, now);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          set_db_error (self, error, rc, what);
          goto fail;
        }
      timeline_id = sqlite3_last_insert_rowid (self->db);
    }

  clips = secuencia_timeline_get_clips (timeline);
  new_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), clips->len);
  {
    g_autoptr(SecuenciaStmt) stmt = get_stmt (self,
                                              "INSERT INTO clips (id, timeline_id, asset_id, offset_ns, source_start_ns,"
                                              " duration_ns, lane, volume_db, muted, name)"
                                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                              error);
    if (stmt == NULL)
      goto fail;
    for (guint i = 0; i < clips->len; i++)
      {
        const SecuenciaClip *clip = g_ptr_array_index (clips, i);
        gboolean keep_id = clip->id > 0;
        gint64 new_id;

        if (i % 64 == 0)
          {
            if (g_cancellable_set_error_if_cancelled (cancellable, error))
              goto fail;
            if (progress_func != NULL && i > 0)
              progress_func (i, clips->len, progress_data);
          }
      retry:
        sqlite3_reset (stmt);
        if (keep_id)
          sqlite3_bind_int64 (stmt, 1, clip->id);
        else
          sqlite3_bind_null (stmt, 1);
        sqlite3_bind_int64 (stmt, 2, timeline_id);
        sqlite3_bind_int64 (stmt, 3, clip->asset_id);
        sqlite3_bind_int64 (stmt, 4, clip->offset);
        sqlite3_bind_int64 (stmt, 5, clip->source_start);
        sqlite3_bind_int64 (stmt, 6, clip->duration);
        sqlite3_bind_int (stmt, 7, clip->lane);
        sqlite3_bind_double (stmt, 8, clip->volume_db);
        sqlite3_bind_int (stmt, 9, clip->muted ? 1 : 0);
        bind_text (stmt, 10, clip->name);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_CONSTRAINT_PRIMARYKEY && keep_id)
          {
            keep_id = FALSE;  /* that row id belongs to another timeline */
            goto retry;
          }
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
          {
            g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                         _("Could not save the timeline in “%s”: clip %u refers to asset %lld, which is not in the project"),
                         self->display_name, i, (long long) clip->asset_id);
            goto fail;
          }
        if (rc != SQLITE_DONE)
          {
            set_db_error (self, error, rc, what);
            goto fail;
          }
        new_id = sqlite3_last_insert_rowid (self->db);
        g_array_append_val (new_ids, new_id);
      }
  }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  if (!txn_commit (self, error))
    return FALSE;

  /* Only now, with the rows committed, update the model. */
  for (guint i = 0; i < clips->len; i++)
    {
      const SecuenciaClip *clip = g_ptr_array_index (clips, i);
      secuencia_timeline_renumber_clip (timeline, clip->id, g_array_index (new_ids, gint64, i));
    }
  secuencia_timeline_set_id (timeline, timeline_id);
  if (progress_func != NULL)
    progress_func (clips->len, clips->len, progress_data);
  return TRUE;

fail:
  txn_rollback (self);
  return FALSE;
}

SecuenciaTimeline *
secuencia_project_load_timeline (SecuenciaProject  *self,
                                 gint64             timeline_id,
                                 GError           **error)
{
  g_autoptr(SecuenciaTimelineInfo) info = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(SecuenciaTimeline) timeline = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!secuencia_project_begin_read (self, error))
    return NULL;
  info = secuencia_project_get_timeline (self, timeline_id, error);
  if (info != NULL)
    assets = secuencia_project_list_assets (self, error);
  if (assets != NULL)
    clips = secuencia_project_list_clips (self, timeline_id, error);
  secuencia_project_end_read (self);
  if (clips == NULL)
    return NULL;

  timeline = secuencia_timeline_new (info->name);
  for (guint i = 0; i < assets->len; i++)
    {
      const SecuenciaAssetInfo *asset = g_ptr_array_index (assets, i);
      secuencia_timeline_register_asset (timeline, asset->id, asset->duration);
    }
  for (guint i = 0; i < clips->len; i++)
    {
      const SecuenciaClip *clip = g_ptr_array_index (clips, i);
      if (secuencia_timeline_add_clip (timeline, clip, &local_error) == 0)
        {
          g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_CORRUPT,
                       _("Timeline %lld in “%s” has an invalid clip %lld: %s"),
                       (long long) timeline_id, self->display_name, (long long) clip->id, local_error->message);
          return NULL;
        }
    }
  secuencia_timeline_set_id (timeline, timeline_id);
  return g_steal_pointer (&timeline);
}
