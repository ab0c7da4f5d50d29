/* secuencia-project-snapshot.c: the screenplay side of a project, saved
 * and put back (see secuencia-project-snapshot.h). Rows are kept as
 * SQLite values column by column (SELECT *), so columns added by later
 * schema versions come along without this file knowing them. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "secuencia-project-private.h"
#include "secuencia-project-snapshot.h"

typedef struct
{
  const char            *table;
  const char            *key;     /* the primary key's column */
  const char            *scope;   /* the rows a snapshot holds (an SQL condition) */
  SecuenciaSnapshotFlags needs;
} TableSpec;

/* In the order rows are written back (parents first); deleted in the
 * opposite order. */
static const TableSpec tables[] = {
  /* not the exports' own copies (secuencia-project-export-snapshots.c):
   * undo neither brings one back nor deletes one an export is reading */
  { "timelines", "id",  "snapshot_owner IS NULL", SECUENCIA_SNAPSHOT_DEFAULT },
  { "elements",  "id",  "1", SECUENCIA_SNAPSHOT_DEFAULT },
  { "clips",     "id",  "timeline_id IN (SELECT id FROM timelines WHERE snapshot_owner IS NULL)",
    SECUENCIA_SNAPSHOT_DEFAULT },
  { "takes",     "id",  "1", SECUENCIA_SNAPSHOT_DEFAULT },
  { "metadata",  "key", "key GLOB 'script.*' OR key IN ('title', 'artist')", SECUENCIA_SNAPSHOT_SCRIPT },
  { "project",   "key", "key = 'name'", SECUENCIA_SNAPSHOT_SCRIPT },
};

typedef struct
{
  const TableSpec *spec;
  GStrv            columns;
  int              key_column;
  int              timeline_column;   /* clips: timeline_id; else -1 */
  GPtrArray       *rows;              /* GPtrArray of sqlite3_value* (one per column) */
  GHashTable      *keys;              /* the keys' text -> NULL */
} TableRows;

struct _SecuenciaProjectSnapshot
{
  SecuenciaSnapshotFlags flags;
  TableRows              tables[G_N_ELEMENTS (tables)];
};

static void
value_free (gpointer value)
{
  sqlite3_value_free (value);
}

void
secuencia_project_snapshot_free (SecuenciaProjectSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_strfreev (snapshot->tables[i].columns);
      g_clear_pointer (&snapshot->tables[i].rows, g_ptr_array_unref);
      g_clear_pointer (&snapshot->tables[i].keys, g_hash_table_unref);
    }
  g_free (snapshot);
}

guint
secuencia_project_snapshot_get_n_rows (const SecuenciaProjectSnapshot *snapshot)
{
  guint n = 0;

  g_return_val_if_fail (snapshot != NULL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (snapshot->tables[i].rows != NULL)
      n += snapshot->tables[i].rows->len;
  return n;
}

static gboolean
value_equal (sqlite3_value *a,
             sqlite3_value *b)
{
  int type = sqlite3_value_type (a);

  if (type != sqlite3_value_type (b))
    return FALSE;
  switch (type)
    {
    case SQLITE_NULL:
      return TRUE;
    case SQLITE_INTEGER:
      return sqlite3_value_int64 (a) == sqlite3_value_int64 (b);
    case SQLITE_FLOAT:
      return sqlite3_value_double (a) == sqlite3_value_double (b);
    default:
      {
        const void *x = type == SQLITE_TEXT ? (const void *) sqlite3_value_text (a) : sqlite3_value_blob (a);
        const void *y = type == SQLITE_TEXT ? (const void *) sqlite3_value_text (b) : sqlite3_value_blob (b);
        int n = sqlite3_value_bytes (a);

        return n == sqlite3_value_bytes (b) && (n == 0 || memcmp (x, y, n) == 0);
      }
    }
}

gboolean
secuencia_project_snapshot_equal (const SecuenciaProjectSnapshot *a,
                                  const SecuenciaProjectSnapshot *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->flags != b->flags)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      const TableRows *x = &a->tables[i], *y = &b->tables[i];

      if ((x->rows == NULL) != (y->rows == NULL))
        return FALSE;
      if (x->rows == NULL)
        continue;
      if (x->rows->len != y->rows->len || !g_strv_equal ((const char * const *) x->columns,
                                                         (const char * const *) y->columns))
        return FALSE;
      /* both in the order SELECT gave: by key for these tables */
      for (guint r = 0; r < x->rows->len; r++)
        {
          GPtrArray *row_x = x->rows->pdata[r], *row_y = y->rows->pdata[r];

          for (guint c = 0; c < row_x->len; c++)
            if (!value_equal (row_x->pdata[c], row_y->pdata[c]))
              return FALSE;
        }
    }
  return TRUE;
}

/* A one-off statement (the SQL is built here, so it is not cached). */
static sqlite3_stmt *
prepare (SecuenciaProject  *self,
         const char        *sql,
         const char        *what,
         GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (secuencia_project_get_db (self), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      secuencia_project_set_db_error (self, error, rc, what);
      return NULL;
    }
  return stmt;
}

static char *
value_key (sqlite3_value *value)
{
  const unsigned char *text = sqlite3_value_text (value);

  return g_strdup (text != NULL ? (const char *) text : "");
}

static gboolean
read_table (SecuenciaProject  *self,
            TableRows         *rows,
            GError           **error)
{
  const char *what = _("save the screenplay for undo");
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s ORDER BY %s", rows->spec->table, rows->spec->scope,
                                          rows->spec->key);
  sqlite3_stmt *stmt = prepare (self, sql, what, error);
  int n, rc;

  if (stmt == NULL)
    return FALSE;
  n = sqlite3_column_count (stmt);
  rows->columns = g_new0 (char *, n + 1);
  rows->key_column = rows->timeline_column = -1;
  for (int c = 0; c < n; c++)
    {
      rows->columns[c] = g_strdup (sqlite3_column_name (stmt, c));
      if (g_str_equal (rows->columns[c], rows->spec->key))
        rows->key_column = c;
      if (g_str_equal (rows->spec->table, "clips") && g_str_equal (rows->columns[c], "timeline_id"))
        rows->timeline_column = c;
    }
  g_assert (rows->key_column >= 0);
  rows->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  rows->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GPtrArray *row = g_ptr_array_new_full (n, value_free);

      for (int c = 0; c < n; c++)
        g_ptr_array_add (row, sqlite3_value_dup (sqlite3_column_value (stmt, c)));
      g_hash_table_add (rows->keys, value_key (row->pdata[rows->key_column]));
      g_ptr_array_add (rows->rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return secuencia_project_set_db_error (self, error, rc, what);
  return TRUE;
}

SecuenciaProjectSnapshot *
secuencia_project_take_snapshot (SecuenciaProject        *self,
                                 SecuenciaSnapshotFlags   flags,
                                 GError                 **error)
{
  g_autoptr(SecuenciaProjectSnapshot) snapshot = NULL;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  snapshot = g_new0 (SecuenciaProjectSnapshot, 1);
  snapshot->flags = flags;
  if (!secuencia_project_begin_read (self, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      snapshot->tables[i].spec = &tables[i];
      if ((tables[i].needs & flags) != tables[i].needs)
        continue;
      if (!read_table (self, &snapshot->tables[i], error))
        {
          secuencia_project_end_read (self);
          return NULL;
        }
    }
  secuencia_project_end_read (self);
  return g_steal_pointer (&snapshot);
}

/* Delete the rows of the table's scope that the snapshot does not hold
 * (clips: only those of the snapshot's timelines). */
static gboolean
delete_extra_rows (SecuenciaProject  *self,
                   const TableRows   *rows,
                   GHashTable        *timelines,
                   GError           **error)
{
  const char *what = _("restore the screenplay");
  g_autofree char *select_sql = NULL;
  g_autofree char *delete_sql = NULL;
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (value_free);
  sqlite3_stmt *stmt;
  int rc;

  select_sql = g_strdup_printf ("SELECT %s, %s FROM %s WHERE %s", rows->spec->key,
                                rows->timeline_column >= 0 ? "timeline_id" : "NULL",
                                rows->spec->table, rows->spec->scope);
  stmt = prepare (self, select_sql, what, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = value_key (sqlite3_column_value (stmt, 0));

      if (g_hash_table_contains (rows->keys, key))
        continue;
      if (rows->timeline_column >= 0)
        {
          g_autofree char *timeline = value_key (sqlite3_column_value (stmt, 1));
          if (!g_hash_table_contains (timelines, timeline))
            continue;
        }
      g_ptr_array_add (extra, sqlite3_value_dup (sqlite3_column_value (stmt, 0)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return secuencia_project_set_db_error (self, error, rc, what);
  if (extra->len == 0)
    return TRUE;

  delete_sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?1", rows->spec->table, rows->spec->key);
  stmt = prepare (self, delete_sql, what, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < extra->len; i++)
    {
      sqlite3_bind_value (stmt, 1, extra->pdata[i]);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          return secuencia_project_set_db_error (self, error, rc, what);
        }
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Every row back with its key and values (an insert, or an update of the
 * row with that key: never a delete, which would set other tables' links
 * to NULL). */
static gboolean
write_rows (SecuenciaProject  *self,
            const TableRows   *rows,
            GError           **error)
{
  const char *what = _("restore the screenplay");
  g_autoptr(GString) sql = g_string_new (NULL);
  guint n = g_strv_length (rows->columns);
  sqlite3_stmt *stmt;

  if (rows->rows->len == 0)
    return TRUE;
  g_string_append_printf (sql, "INSERT INTO %s (", rows->spec->table);
  for (guint c = 0; c < n; c++)
    g_string_append_printf (sql, "%s\"%s\"", c > 0 ? ", " : "", rows->columns[c]);
  g_string_append (sql, ") VALUES (");
  for (guint c = 0; c < n; c++)
    g_string_append_printf (sql, "%s?%u", c > 0 ? ", " : "", c + 1);
  g_string_append_printf (sql, ") ON CONFLICT (%s) DO UPDATE SET ", rows->spec->key);
  for (guint c = 0; c < n; c++)
    g_string_append_printf (sql, "%s\"%s\" = excluded.\"%s\"", c > 0 ? ", " : "",
                            rows->columns[c], rows->columns[c]);

  stmt = prepare (self, sql->str, what, error);
  if (stmt == NULL)
    return FALSE;
  for (guint r = 0; r < rows->rows->len; r++)
    {
      GPtrArray *row = rows->rows->pdata[r];
      int rc;

      for (guint c = 0; c < n; c++)
        sqlite3_bind_value (stmt, (int) c + 1, row->pdata[c]);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          return secuencia_project_set_db_error (self, error, rc, what);
        }
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

gboolean
secuencia_project_restore_snapshot (SecuenciaProject                *self,
                                    const SecuenciaProjectSnapshot  *snapshot,
                                    GError                         **error)
{
  GHashTable *timelines = NULL;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i].table, "timelines"))
      timelines = snapshot->tables[i].keys;
  g_assert (timelines != NULL);

  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  for (guint i = G_N_ELEMENTS (tables); i-- > 0;)
    {
      const TableRows *rows = &snapshot->tables[i];

      /* timelines made since stay */
      if (rows->rows == NULL || g_str_equal (rows->spec->table, "timelines"))
        continue;
      if (!delete_extra_rows (self, rows, timelines, error))
        goto fail;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (snapshot->tables[i].rows != NULL && !write_rows (self, &snapshot->tables[i], error))
      goto fail;
  return secuencia_project_txn_commit (self, error);

fail:
  secuencia_project_txn_rollback (self);
  return FALSE;
}
