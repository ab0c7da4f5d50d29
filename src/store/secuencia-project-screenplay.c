/* secuencia-project-screenplay.c: the screenplay's elements (one spoken
 * line each, in order, optionally with audio). */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-project-private.h"

GPtrArray *
secuencia_project_list_elements (SecuenciaProject  *self,
                                 GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autoptr(GPtrArray) result = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = secuencia_project_stmt (self,
                   "SELECT e.id, e.position, e.character, e.text, IFNULL (e.asset_id, 0),"
                   "       IFNULL (a.duration_ns, 0), e.kind, e.parenthetical, e.extension,"
                   "       e.scene_number, e.audio_scratch, e.dual"
                   "  FROM elements AS e"
                   "  LEFT JOIN assets AS a ON a.id = e.asset_id"
                   " ORDER BY e.position, e.id", error);
  if (stmt == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_element_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SecuenciaElementKind kind = SECUENCIA_ELEMENT_DIALOGUE;
      SecuenciaElementInfo *info;

      /* a kind written by a newer build reads as action: shown, not lost */
      if (!secuencia_element_kind_from_string ((const char *) sqlite3_column_text (stmt, 6), &kind))
        kind = SECUENCIA_ELEMENT_ACTION;
      info = secuencia_element_info_new (kind, (const char *) sqlite3_column_text (stmt, 2),
                                         (const char *) sqlite3_column_text (stmt, 3));
      info->id = sqlite3_column_int64 (stmt, 0);
      info->position = sqlite3_column_int64 (stmt, 1);
      info->asset_id = sqlite3_column_int64 (stmt, 4);
      info->duration = sqlite3_column_int64 (stmt, 5);
      g_free (info->parenthetical);
      info->parenthetical = secuencia_sql_column_dup (stmt, 7);
      g_free (info->extension);
      info->extension = secuencia_sql_column_dup (stmt, 8);
      g_free (info->scene_number);
      info->scene_number = secuencia_sql_column_dup (stmt, 9);
      info->scratch = info->asset_id != 0 && sqlite3_column_int (stmt, 10) != 0;
      info->dual = info->kind == SECUENCIA_ELEMENT_DIALOGUE && sqlite3_column_int (stmt, 11) != 0;
      g_ptr_array_add (result, info);
    }
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("list screenplay elements"));
      return NULL;
    }
  return g_steal_pointer (&result);
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

  if (!secuencia_project_txn_begin (self, error))
    return 0;
  if (asset_id != 0 && !secuencia_project_asset_exists (self, asset_id, error))
    goto fail;
  stmt = secuencia_project_stmt (self,
                   "INSERT INTO elements (position, character, text, asset_id) "
                   "VALUES ((SELECT IFNULL (MAX (position) + 1, 0) FROM elements), ?1, ?2, ?3)",
                   error);
  if (stmt == NULL)
    goto fail;
  secuencia_sql_bind_text (stmt, 1, character);
  secuencia_sql_bind_text (stmt, 2, text);
  if (asset_id != 0)
    sqlite3_bind_int64 (stmt, 3, asset_id);
  else
    sqlite3_bind_null (stmt, 3);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("add a screenplay element"));
      goto fail;
    }
  id = sqlite3_last_insert_rowid (self->db);
  g_clear_pointer (&stmt, secuencia_stmt_release);
  if (!secuencia_project_txn_commit (self, error))
    return 0;
  return id;

fail:
  secuencia_project_txn_rollback (self);
  return 0;
}

static gboolean
element_position (SecuenciaProject *self,
                  gint64            element_id,
                  gint64           *out_position,
                  GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  if (secuencia_project_query_int (self, "SELECT position FROM elements WHERE id = ?1", element_id,
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

  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  if (!element_position (self, element_id, &position, error)
      || !secuencia_project_run_stmt (self, "DELETE FROM elements WHERE id = ?1", 1, element_id, 0,
                    _("remove a screenplay element"), error)
      || !secuencia_project_run_stmt (self, "UPDATE elements SET position = position - 1 WHERE position > ?1", 1,
                    position, 0, _("remove a screenplay element"), error))
    {
      secuencia_project_txn_rollback (self);
      return FALSE;
    }
  return secuencia_project_txn_commit (self, error);
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

  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  if (!element_position (self, element_id, &position, error))
    goto fail;
  if (!secuencia_project_query_int (self, "SELECT count(*) FROM elements WHERE ?1 = ?1", 0, &count, what, error))
    goto fail;
  if (new_position < 0 || new_position >= count)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                   _("Cannot move screenplay element %lld to position %lld: the screenplay has %lld elements"),
                   (long long) element_id, (long long) new_position, (long long) count);
      goto fail;
    }
  if (new_position < position
      && !secuencia_project_run_stmt (self, "UPDATE elements SET position = position + 1 WHERE position >= ?1 AND position < ?2",
                    2, new_position, position, what, error))
    goto fail;
  if (new_position > position
      && !secuencia_project_run_stmt (self, "UPDATE elements SET position = position - 1 WHERE position > ?1 AND position <= ?2",
                    2, position, new_position, what, error))
    goto fail;
  if (!secuencia_project_run_stmt (self, "UPDATE elements SET position = ?2 WHERE id = ?1", 2, element_id,
                 new_position, what, error))
    goto fail;
  return secuencia_project_txn_commit (self, error);

fail:
  secuencia_project_txn_rollback (self);
  return FALSE;
}

/* Binds an element's columns kind, character, text, parenthetical,
 * extension, scene_number, asset_id, audio_scratch to the parameters
 * @first … @first + 7, in that order, as both statements that write a
 * whole element list them. */
static void
bind_element_columns (sqlite3_stmt               *stmt,
                      int                         first,
                      const SecuenciaElementInfo *info)
{
  secuencia_sql_bind_text (stmt, first, secuencia_element_kind_to_string (info->kind));
  secuencia_sql_bind_text (stmt, first + 1, info->character);
  secuencia_sql_bind_text (stmt, first + 2, info->text);
  secuencia_sql_bind_text (stmt, first + 3, info->parenthetical);
  secuencia_sql_bind_text (stmt, first + 4, info->extension);
  secuencia_sql_bind_text (stmt, first + 5, info->scene_number);
  if (info->asset_id != 0)
    sqlite3_bind_int64 (stmt, first + 6, info->asset_id);
  else
    sqlite3_bind_null (stmt, first + 6);
  sqlite3_bind_int (stmt, first + 7, info->asset_id != 0 && info->scratch);
}

gint64
secuencia_project_restore_element (SecuenciaProject           *self,
                                   const SecuenciaElementInfo *info,
                                   GError                    **error)
{
  const char *what = _("put back a screenplay element");
  g_autoptr(SecuenciaStmt) stmt = NULL;
  gint64 count = 0, position, id;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), 0);
  g_return_val_if_fail (info != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!secuencia_project_txn_begin (self, error))
    return 0;
  if (info->asset_id != 0 && !secuencia_project_asset_exists (self, info->asset_id, error))
    goto fail;
  if (!secuencia_project_query_int (self, "SELECT count(*) FROM elements WHERE ?1 = ?1", 0, &count, what, error))
    goto fail;
  position = CLAMP (info->position, 0, count);
  if (!secuencia_project_run_stmt (self, "UPDATE elements SET position = position + 1 WHERE position >= ?1", 1,
                                   position, 0, what, error))
    goto fail;
  stmt = secuencia_project_stmt (self,
                   "INSERT INTO elements (id, position, kind, character, text, parenthetical,"
                   "                      extension, scene_number, asset_id, audio_scratch, dual)"
                   " VALUES ((SELECT CASE WHEN ?1 > 0 AND NOT EXISTS (SELECT 1 FROM elements WHERE id = ?1)"
                   "                      THEN ?1 END), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, info->id);
  sqlite3_bind_int64 (stmt, 2, position);
  bind_element_columns (stmt, 3, info);
  sqlite3_bind_int (stmt, 11, info->dual != FALSE);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, what);
      goto fail;
    }
  id = sqlite3_last_insert_rowid (self->db);
  g_clear_pointer (&stmt, secuencia_stmt_release);
  if (!secuencia_project_txn_commit (self, error))
    return 0;
  return id;

fail:
  g_clear_pointer (&stmt, secuencia_stmt_release);
  secuencia_project_txn_rollback (self);
  return 0;
}

/* Inserts @info at @position, or, when its id is not 0, rewrites that row
 * (so clips that voice it stay linked). */
static gboolean
insert_element (SecuenciaProject      *self,
                SecuenciaElementInfo  *info,
                gint64                 position,
                GError               **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  int rc;

  if (info->id != 0)
    {
      stmt = secuencia_project_stmt (self,
                   "UPDATE elements SET position = ?1, kind = ?2, character = ?3, text = ?4,"
                   " parenthetical = ?5, extension = ?6, scene_number = ?7, asset_id = ?8,"
                   " audio_scratch = ?9, dual = ?11 WHERE id = ?10", error);
      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 10, info->id);
    }
  else
    stmt = secuencia_project_stmt (self,
                   "INSERT INTO elements (position, kind, character, text, parenthetical,"
                   "                      extension, scene_number, asset_id, audio_scratch, dual)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?11)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, position);
  bind_element_columns (stmt, 2, info);
  sqlite3_bind_int (stmt, 11, info->dual != FALSE);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                   _("Screenplay line %lld refers to asset %lld, which is not in “%s”"),
                   (long long) position + 1, (long long) info->asset_id, self->display_name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return secuencia_project_set_db_error (self, error, rc, _("add a screenplay element"));
  if (info->id == 0)
    info->id = sqlite3_last_insert_rowid (self->db);
  info->position = position;
  return TRUE;
}

gboolean
secuencia_project_replace_screenplay (SecuenciaProject  *self,
                                      GPtrArray         *elements,
                                      guint             *out_kept,
                                      GError           **error)
{
  const char *what = _("replace the screenplay");
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GArray) saved = NULL;
  g_autoptr(GHashTable) reused = NULL;
  guint kept;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (elements != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  old = secuencia_project_list_elements (self, error);
  if (old == NULL)
    goto fail;

  /* What the caller's elements looked like, to restore them on failure. */
  saved = g_array_sized_new (FALSE, FALSE, sizeof (SecuenciaElementInfo), elements->len);
  for (guint i = 0; i < elements->len; i++)
    g_array_append_val (saved, *(SecuenciaElementInfo *) elements->pdata[i]);

  /* Unchanged lines keep their audio and their row (clips that voice them
   * stay linked); the rest of the old rows go. */
  kept = secuencia_element_match_audio (old, elements);
  secuencia_element_match_ids (old, elements);
  reused = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < elements->len; i++)
    {
      SecuenciaElementInfo *info = elements->pdata[i];
      if (info->id != 0)
        g_hash_table_add (reused, &info->id);
    }
  for (guint i = 0; i < old->len; i++)
    {
      SecuenciaElementInfo *info = old->pdata[i];
      if (!g_hash_table_contains (reused, &info->id) &&
          !secuencia_project_run_stmt (self, "DELETE FROM elements WHERE id = ?1", 1, info->id, 0,
                                       what, error))
        goto fail;
    }
  for (guint i = 0; i < elements->len; i++)
    if (!insert_element (self, elements->pdata[i], i, error))
      goto fail;

  if (!secuencia_project_txn_commit (self, error))
    goto restore;
  if (out_kept != NULL)
    *out_kept = kept;
  return TRUE;

fail:
  secuencia_project_txn_rollback (self);
restore:
  if (saved != NULL)
    for (guint i = 0; i < elements->len; i++)
      {
        SecuenciaElementInfo *info = elements->pdata[i];
        SecuenciaElementInfo *before = &g_array_index (saved, SecuenciaElementInfo, i);
        info->id = before->id;
        info->position = before->position;
        info->asset_id = before->asset_id;
        info->duration = before->duration;
        info->scratch = before->scratch;
      }
  return FALSE;
}

gboolean
secuencia_project_set_element_audio (SecuenciaProject  *self,
                                     gint64             element_id,
                                     gint64             asset_id,
                                     gboolean           scratch,
                                     GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  gint64 position;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (asset_id >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  if (!element_position (self, element_id, &position, error) ||
      (asset_id != 0 && !secuencia_project_asset_exists (self, asset_id, error)))
    goto fail;
  stmt = secuencia_project_stmt (self,
                   "UPDATE elements SET asset_id = ?2, audio_scratch = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, element_id);
  if (asset_id != 0)
    sqlite3_bind_int64 (stmt, 2, asset_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int (stmt, 3, asset_id != 0 && scratch);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("attach audio to a screenplay line"));
      goto fail;
    }
  g_clear_pointer (&stmt, secuencia_stmt_release);
  return secuencia_project_txn_commit (self, error);

fail:
  secuencia_project_txn_rollback (self);
  return FALSE;
}
