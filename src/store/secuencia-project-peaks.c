/* secuencia-project-peaks.c: the waveform peaks a project keeps, one
 * serialized SecuenciaPeaks per asset. */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-project-private.h"

static SecuenciaPeaks *
peaks_from_column (SecuenciaProject  *self,
                   sqlite3_stmt      *stmt,
                   int                column,
                   gint64             asset_id,
                   GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  SecuenciaPeaks *peaks;

  bytes = g_bytes_new (sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column));
  peaks = secuencia_peaks_deserialize (bytes, &local_error);
  if (peaks == NULL)
    g_set_error (error, local_error->domain, local_error->code,
                 _("The waveform of asset %lld in “%s” cannot be read: %s"),
                 (long long) asset_id, self->display_name, local_error->message);
  return peaks;
}

SecuenciaPeaks *
secuencia_project_load_peaks (SecuenciaProject  *self,
                              gint64             asset_id,
                              GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = secuencia_project_stmt (self, "SELECT data FROM peaks WHERE asset_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, asset_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return peaks_from_column (self, stmt, 0, asset_id, error);
  if (rc != SQLITE_DONE)
    secuencia_project_set_db_error (self, error, rc, _("read a waveform"));
  return NULL;
}

static void
int64_free (gpointer p)
{
  g_free (p);
}

GHashTable *
secuencia_project_load_all_peaks (SecuenciaProject  *self,
                                  GArray            *damaged,
                                  GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autoptr(GHashTable) result = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (damaged == NULL || g_array_get_element_size (damaged) == sizeof (gint64), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = secuencia_project_stmt (self, "SELECT asset_id, data FROM peaks ORDER BY asset_id", error);
  if (stmt == NULL)
    return NULL;
  result = g_hash_table_new_full (g_int64_hash, g_int64_equal, int64_free,
                                  (GDestroyNotify) secuencia_peaks_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 asset_id = sqlite3_column_int64 (stmt, 0);
      g_autoptr(GError) local_error = NULL;
      SecuenciaPeaks *peaks = peaks_from_column (self, stmt, 1, asset_id, &local_error);

      if (peaks != NULL)
        g_hash_table_insert (result, g_memdup2 (&asset_id, sizeof asset_id), peaks);
      else if (damaged != NULL)
        g_array_append_val (damaged, asset_id);
    }
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("read waveforms"));
      return NULL;
    }
  return g_steal_pointer (&result);
}

gboolean
secuencia_project_save_peaks (SecuenciaProject  *self,
                              gint64             asset_id,
                              SecuenciaPeaks    *peaks,
                              GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gconstpointer data;
  gsize size;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (peaks != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!secuencia_project_check_writable (self, error))
    return FALSE;
  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  if (!secuencia_project_asset_exists (self, asset_id, error))
    goto fail;

  stmt = secuencia_project_stmt (self, "INSERT OR REPLACE INTO peaks (asset_id, data) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    goto fail;
  bytes = secuencia_peaks_serialize (peaks);
  data = g_bytes_get_data (bytes, &size);
  sqlite3_bind_int64 (stmt, 1, asset_id);
  sqlite3_bind_blob64 (stmt, 2, data, size, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_bind_null (stmt, 2);
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("store a waveform"));
      goto fail;
    }
  g_clear_pointer (&stmt, secuencia_stmt_release);
  return secuencia_project_txn_commit (self, error);

fail:
  secuencia_project_txn_rollback (self);
  return FALSE;
}

GArray *
secuencia_project_list_assets_without_peaks (SecuenciaProject  *self,
                                             GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autoptr(GArray) result = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = secuencia_project_stmt (self,
                                 "SELECT id FROM assets WHERE id NOT IN (SELECT asset_id FROM peaks) ORDER BY id",
                                 error);
  if (stmt == NULL)
    return NULL;
  result = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (result, id);
    }
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("list assets"));
      return NULL;
    }
  return g_steal_pointer (&result);
}
