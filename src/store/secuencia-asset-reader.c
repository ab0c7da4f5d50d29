/* secuencia-asset-reader.c: one asset's bytes through incremental blob I/O
 * on a private read-only connection. */
#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n.h>

#include "secuencia-asset-reader.h"
#include "secuencia-project.h"
#include "secuencia-project-private.h"

#define BUSY_MS 5000

struct _SecuenciaAssetReader
{
  sqlite3      *db;
  sqlite3_blob *blob;
  guint64       size;
  gint64        asset_id;
  char         *display_name;
};

void
secuencia_asset_reader_free (SecuenciaAssetReader *self)
{
  if (self == NULL)
    return;
  if (self->blob != NULL)
    sqlite3_blob_close (self->blob);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->display_name);
  g_free (self);
}

SecuenciaAssetReader *
secuencia_asset_reader_open (const char  *project_path,
                             gint64       asset_id,
                             GError     **error)
{
  g_autoptr (SecuenciaAssetReader) self = NULL;
  int rc;

  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (SecuenciaAssetReader, 1);
  self->asset_id = asset_id;
  self->display_name = g_filename_display_basename (project_path);
  if (!g_file_test (project_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND,
                   _("Cannot read asset %" G_GINT64_FORMAT " of “%s”: the file does not exist"),
                   asset_id, self->display_name);
      return NULL;
    }
  {
    /* A file this process may not write: opened so that nothing is
     * created beside it (as SecuenciaProject does). */
    g_autofree char *read_only = secuencia_project_dup_read_only_reason (project_path);

    if (read_only != NULL)
      rc = secuencia_project_sqlite_open_read_only (project_path, SQLITE_OPEN_NOMUTEX, &self->db, NULL);
    else
      rc = sqlite3_open_v2 (project_path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  }
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (self->db, BUSY_MS);
      rc = sqlite3_blob_open (self->db, "main", "assets", "data", asset_id, 0, &self->blob);
    }
  if (rc != SQLITE_OK)
    {
      gboolean missing = self->db != NULL &&
                         g_str_has_prefix (sqlite3_errmsg (self->db), "no such rowid");

      g_set_error (error, SECUENCIA_PROJECT_ERROR,
                   missing ? SECUENCIA_PROJECT_ERROR_NOT_FOUND : SECUENCIA_PROJECT_ERROR_IO,
                   _("Cannot read asset %" G_GINT64_FORMAT " of “%s”: %s"), asset_id,
                   self->display_name,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  self->size = (guint64) sqlite3_blob_bytes (self->blob);
  return g_steal_pointer (&self);
}

guint64
secuencia_asset_reader_get_size (SecuenciaAssetReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

gssize
secuencia_asset_reader_read (SecuenciaAssetReader *self,
                             guint64               offset,
                             void                 *buffer,
                             gsize                 size,
                             GError              **error)
{
  int n, rc;

  g_return_val_if_fail (self != NULL, -1);
  if (offset >= self->size)
    return 0;
  n = (int) MIN ((guint64) size, MIN (self->size - offset, (guint64) G_MAXINT));
  rc = sqlite3_blob_read (self->blob, buffer, n, (int) offset);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_IO,
                   _("Cannot read asset %" G_GINT64_FORMAT " of “%s”: %s"), self->asset_id,
                   self->display_name, sqlite3_errmsg (self->db));
      return -1;
    }
  return n;
}
