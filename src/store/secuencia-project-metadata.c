/* secuencia-project-metadata.c: metadata that describes the project as a
 * whole (tags for exports, the cover image), as key/value rows of the
 * `metadata` table (schema version 2). */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "secuencia-project-private.h"

char *
secuencia_project_dup_metadata (SecuenciaProject  *self,
                                const char        *key,
                                GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = secuencia_project_stmt (self, "SELECT value FROM metadata WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;
  secuencia_sql_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      char *value = secuencia_sql_column_dup (stmt, 0);
      if (*value != '\0')
        return value;
      g_free (value);
      return NULL;
    }
  if (rc != SQLITE_DONE)
    secuencia_project_set_db_error (self, error, rc, _("read the project’s metadata"));
  return NULL;
}

gboolean
secuencia_project_set_metadata (SecuenciaProject  *self,
                                const char        *key,
                                const char        *value,
                                GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (key != NULL && *key != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                   _("The value for “%s” is not valid UTF-8"), key);
      return FALSE;
    }
  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  if (value == NULL || *value == '\0')
    stmt = secuencia_project_stmt (self, "DELETE FROM metadata WHERE key = ?1", error);
  else
    stmt = secuencia_project_stmt (self,
                                   "INSERT OR REPLACE INTO metadata (key, value) VALUES (?1, ?2)",
                                   error);
  if (stmt == NULL)
    goto fail;
  secuencia_sql_bind_text (stmt, 1, key);
  if (value != NULL && *value != '\0')
    secuencia_sql_bind_text (stmt, 2, value);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("store the project’s metadata"));
      goto fail;
    }
  g_clear_pointer (&stmt, secuencia_stmt_release);
  return secuencia_project_txn_commit (self, error);

fail:
  secuencia_project_txn_rollback (self);
  return FALSE;
}

GHashTable *
secuencia_project_dup_all_metadata (SecuenciaProject  *self,
                                    GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autoptr(GHashTable) result = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stmt = secuencia_project_stmt (self,
                                 "SELECT key, value FROM metadata "
                                 "WHERE data IS NULL AND value != ''", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (result, secuencia_sql_column_dup (stmt, 0),
                         secuencia_sql_column_dup (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("read the project’s metadata"));
      return NULL;
    }
  return g_steal_pointer (&result);
}

const char *
secuencia_image_sniff_mime_type (const guint8 *data,
                                 gsize         size)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (data == NULL)
    return NULL;
  if (size >= 4 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (size >= sizeof png + 8 && memcmp (data, png, sizeof png) == 0)
    return "image/png";
  return NULL;
}

GBytes *
secuencia_project_dup_cover (SecuenciaProject  *self,
                             char             **out_mime_type,
                             char             **out_file_name,
                             GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_mime_type != NULL)
    *out_mime_type = NULL;
  if (out_file_name != NULL)
    *out_file_name = NULL;
  stmt = secuencia_project_stmt (self,
                                 "SELECT value, mime_type, data FROM metadata "
                                 "WHERE key = 'cover' AND data IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const void *blob = sqlite3_column_blob (stmt, 2);
      int size = sqlite3_column_bytes (stmt, 2);

      if (out_file_name != NULL)
        *out_file_name = secuencia_sql_column_dup (stmt, 0);
      if (out_mime_type != NULL)
        *out_mime_type = secuencia_sql_column_dup (stmt, 1);
      return g_bytes_new (blob, (gsize) MAX (size, 0));
    }
  if (rc != SQLITE_DONE)
    secuencia_project_set_db_error (self, error, rc, _("read the project’s cover image"));
  return NULL;
}

gboolean
secuencia_project_set_cover (SecuenciaProject  *self,
                             GBytes            *image,
                             const char        *file_name,
                             GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  const char *mime_type = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (image != NULL)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (image, &size);

      mime_type = secuencia_image_sniff_mime_type (data, size);
      if (mime_type == NULL)
        {
          g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                       _("“%s” is not a JPEG or PNG image; cover art must be one of these"),
                       file_name != NULL ? file_name : _("The cover image"));
          return FALSE;
        }
    }
  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  if (image == NULL)
    stmt = secuencia_project_stmt (self, "DELETE FROM metadata WHERE key = 'cover'", error);
  else
    stmt = secuencia_project_stmt (self,
                                   "INSERT OR REPLACE INTO metadata (key, value, mime_type, data) "
                                   "VALUES ('cover', ?1, ?2, ?3)", error);
  if (stmt == NULL)
    goto fail;
  if (image != NULL)
    {
      gsize size;
      const void *data = g_bytes_get_data (image, &size);

      secuencia_sql_bind_text (stmt, 1, file_name);
      secuencia_sql_bind_text (stmt, 2, mime_type);
      sqlite3_bind_blob64 (stmt, 3, data, size, SQLITE_TRANSIENT);
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("store the project’s cover image"));
      goto fail;
    }
  g_clear_pointer (&stmt, secuencia_stmt_release);
  return secuencia_project_txn_commit (self, error);

fail:
  secuencia_project_txn_rollback (self);
  return FALSE;
}
