/* secuencia-project-private.h: internals of SecuenciaProject, shared by the
 * files the store is split over (secuencia-project.c, -assets.c,
 * -screenplay.c, -timelines.c) and by tests; not for the UI. */
#pragma once

#include <sqlite3.h>
#include "secuencia-project.h"

G_BEGIN_DECLS

/* A page check running in the background (secuencia-project-integrity.c). */
typedef struct _SecuenciaProjectIntegrity SecuenciaProjectIntegrity;

struct _SecuenciaProject
{
  GObject      parent_instance;

  char        *path;
  char        *display_name;   /* base name, for messages */
  sqlite3     *db;
  gboolean     read_only;
  gboolean     immutable;      /* opened with SQLite's immutable: sees no later change */
  GHashTable  *statements;     /* SQL text -> sqlite3_stmt* (cached) */
  guint        txn_depth;
  gboolean     txn_is_read;    /* the outermost transaction is a read */
  guint        savepoint_serial;
  guint        busy_timeout_ms; /* as last set on the connection */
  SecuenciaProjectIntegrity *integrity; /* the page check, when it runs in the background */
  GThreadPool *checkpoint_pool; /* one thread of its own, made at the first checkpoint */
};

/* Bytes moved at a time between files and asset blobs. */
#define SECUENCIA_PROJECT_CHUNK_SIZE (64 * 1024)

/* One schema migration: the SQL that takes a file from version - 1 to
 * @version. Steps are listed in increasing version order, starting at 1. */
typedef struct
{
  int         version;
  const char *sql;
} SecuenciaProjectMigration;

/* The schema this build writes (secuencia-project-schema.c). */
extern const SecuenciaProjectMigration secuencia_project_migrations[];
extern const gsize                     secuencia_project_n_migrations;

/* secuencia_project_open() with an explicit list of migrations; the last
 * step's version is the schema version this "build" knows. Lets tests
 * exercise the migration framework with a future version. */
SecuenciaProject *secuencia_project_open_with_migrations (const char                      *path,
                                                          SecuenciaProjectOpenFlags        flags,
                                                          const SecuenciaProjectMigration *migrations,
                                                          gsize                            n_migrations,
                                                          GError                         **error);

/* A connection that never writes @path nor creates anything beside it
 * (secuencia-project-access.c): SQLITE_OPEN_READONLY | @extra_flags, and
 * SQLite's "immutable" when everything committed is in the file itself
 * (*@out_immutable, nullable). An SQLite result code; close *@out_db even
 * on failure. */
int secuencia_project_sqlite_open_read_only (const char  *path,
                                             int          extra_flags,
                                             sqlite3    **out_db,
                                             gboolean    *out_immutable);

/* The page check of @path on a connection of its own, in a thread of its
 * own; with @read_only, opened as secuencia_project_sqlite_open_read_only()
 * opens it. _wait() blocks until its verdict (FALSE with the error when the
 * file is corrupt or could not be checked); _free() stops it. */
SecuenciaProjectIntegrity *secuencia_project_integrity_start (const char *path,
                                                              const char *display_name,
                                                              gboolean    read_only);
gboolean secuencia_project_integrity_wait (SecuenciaProjectIntegrity  *self,
                                           GError                    **error);
void     secuencia_project_integrity_free (SecuenciaProjectIntegrity  *self);

/* The raw connection, for tests that need to inspect the file. */
sqlite3 *secuencia_project_get_db (SecuenciaProject *self);

/* A cached statement, reset (not finalized) when it goes out of scope. */
typedef sqlite3_stmt SecuenciaStmt;
void secuencia_stmt_release (SecuenciaStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaStmt, secuencia_stmt_release)

/* The cached prepared statement for @sql (a string literal: it is the key). */
SecuenciaStmt *secuencia_project_stmt (SecuenciaProject  *self,
                                       const char        *sql,
                                       GError           **error);
gboolean secuencia_project_exec (SecuenciaProject  *self,
                                 const char        *sql,
                                 const char        *what,
                                 GError           **error);
/* Sets "Could not <what> in “file”: <reason>" from an SQLite code; FALSE. */
gboolean secuencia_project_set_db_error (SecuenciaProject  *self,
                                         GError           **error,
                                         int                rc,
                                         const char        *what);

/* Write transactions: begin (BEGIN IMMEDIATE or a savepoint when nested),
 * commit (rolls back when the commit fails), roll back. */
gboolean secuencia_project_check_writable (SecuenciaProject *self, GError **error);
gboolean secuencia_project_txn_begin      (SecuenciaProject *self, GError **error);
gboolean secuencia_project_txn_commit     (SecuenciaProject *self, GError **error);
void     secuencia_project_txn_rollback   (SecuenciaProject *self);

/* Runs one statement with up to two int64 parameters to completion. */
gboolean secuencia_project_run_stmt  (SecuenciaProject *self,
                                      const char       *sql,
                                      int               n_params,
                                      gint64            p1,
                                      gint64            p2,
                                      const char       *what,
                                      GError          **error);
/* The first column of the first row; FALSE with @error unset when no row. */
gboolean secuencia_project_query_int (SecuenciaProject *self,
                                      const char       *sql,
                                      gint64            param,
                                      gint64           *out_value,
                                      const char       *what,
                                      GError          **error);
gboolean secuencia_project_asset_exists (SecuenciaProject *self,
                                         gint64            asset_id,
                                         GError          **error);

static inline void
secuencia_sql_bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

static inline char *
secuencia_sql_column_dup (sqlite3_stmt *stmt, int index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);
  return g_strdup (text != NULL ? text : "");
}

G_END_DECLS
