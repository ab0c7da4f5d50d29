/* secuencia-project-takes.c: a line's earlier takes (schema version 7). */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-project-private.h"

gboolean
secuencia_project_replace_take (SecuenciaProject  *self,
                                gint64             element_id,
                                gint64             asset_id,
                                GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  gint64 old_asset = 0, old_scratch = 0, restored_scratch = 0;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (asset_id > 0, FALSE);

  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  stmt = secuencia_project_stmt (self, "SELECT IFNULL(asset_id, 0), audio_scratch FROM elements WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, element_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Screenplay line %" G_GINT64_FORMAT " does not exist"), element_id);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      secuencia_project_set_db_error (self, error, rc, _("read a screenplay line"));
      goto fail;
    }
  old_asset = sqlite3_column_int64 (stmt, 0);
  old_scratch = sqlite3_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, secuencia_stmt_release);
  if (old_asset == asset_id)
    return secuencia_project_txn_commit (self, error);

  /* a take from the list comes back with its scratch mark */
  stmt = secuencia_project_stmt (self, "SELECT scratch FROM takes WHERE element_id = ?1 AND asset_id = ?2 "
                                 "ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, element_id);
  sqlite3_bind_int64 (stmt, 2, asset_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    restored_scratch = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("read a line's takes"));
      goto fail;
    }
  g_clear_pointer (&stmt, secuencia_stmt_release);
  if (!secuencia_project_run_stmt (self, "DELETE FROM takes WHERE element_id = ?1 AND asset_id = ?2",
                                   2, element_id, asset_id, _("restore a take"), error))
    goto fail;

  if (old_asset != 0)
    {
      stmt = secuencia_project_stmt (self, "INSERT INTO takes (element_id, asset_id, scratch, replaced_at) "
                                     "VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, element_id);
      sqlite3_bind_int64 (stmt, 2, old_asset);
      sqlite3_bind_int64 (stmt, 3, old_scratch != 0);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          secuencia_project_set_db_error (self, error, rc, _("keep a line's earlier take"));
          goto fail;
        }
      g_clear_pointer (&stmt, secuencia_stmt_release);
    }
  if (!secuencia_project_set_element_audio (self, element_id, asset_id, restored_scratch != 0, error))
    goto fail;
  return secuencia_project_txn_commit (self, error);

fail:
  secuencia_project_txn_rollback (self);
  return FALSE;
}

GPtrArray *
secuencia_project_list_takes (SecuenciaProject  *self,
                              gint64             element_id,
                              GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autoptr(GPtrArray) takes = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);

  stmt = secuencia_project_stmt (self, "SELECT asset_id, scratch, replaced_at FROM takes "
                                 "WHERE element_id = ?1 ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, element_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SecuenciaTake *take = g_new0 (SecuenciaTake, 1);

      take->asset_id = sqlite3_column_int64 (stmt, 0);
      take->scratch = sqlite3_column_int64 (stmt, 1) != 0;
      take->replaced_at = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (takes, take);
    }
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("read a line's takes"));
      return NULL;
    }
  return g_steal_pointer (&takes);
}

gboolean
secuencia_project_set_takes (SecuenciaProject  *self,
                             gint64             element_id,
                             gint64             asset_id,
                             gboolean           scratch,
                             GPtrArray         *takes,
                             GError           **error)
{
  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (asset_id >= 0, FALSE);

  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  if (!secuencia_project_set_element_audio (self, element_id, asset_id, scratch, error) ||
      !secuencia_project_run_stmt (self, "DELETE FROM takes WHERE element_id = ?1",
                                   1, element_id, 0, _("restore a line's takes"), error))
    goto fail;
  /* the oldest first: the list reads them back newest first */
  for (guint i = takes != NULL ? takes->len : 0; i > 0; i--)
    {
      const SecuenciaTake *take = takes->pdata[i - 1];
      g_autoptr(SecuenciaStmt) stmt = NULL;
      int rc;

      stmt = secuencia_project_stmt (self, "INSERT INTO takes (element_id, asset_id, scratch, replaced_at) "
                                     "VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, element_id);
      sqlite3_bind_int64 (stmt, 2, take->asset_id);
      sqlite3_bind_int64 (stmt, 3, take->scratch != 0);
      sqlite3_bind_int64 (stmt, 4, take->replaced_at);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          secuencia_project_set_db_error (self, error, rc, _("restore a line's takes"));
          goto fail;
        }
    }
  return secuencia_project_txn_commit (self, error);

fail:
  secuencia_project_txn_rollback (self);
  return FALSE;
}
