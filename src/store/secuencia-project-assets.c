/* secuencia-project-assets.c: the audio a project holds: import (probe with
 * GstDiscoverer, hash, copy into a blob in 64 KiB chunks), listing, and
 * streaming an asset's bytes out through incremental blob I/O. */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "secuencia-project-private.h"

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

  discoverer = gst_discoverer_new ((30 * GST_SECOND), &local_error);
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

static gboolean check_import_source (SecuenciaProject  *self,
                                     GFile             *file,
                                     const char        *file_name,
                                     gint64            *out_size,
                                     GCancellable      *cancellable,
                                     GError           **error);

/* TRUE when @path (following symbolic links) is on device @dev, inode @ino. */
static gboolean
is_same_file (const char *path,
              guint32     dev,
              guint64     ino)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && (guint32) st.st_dev == dev && (guint64) st.st_ino == ino;
}

/* What may be imported, decided from the file's metadata alone (nothing
 * is opened, and no lock is taken): a regular file (not a device, a pipe
 * or a folder, which could be read forever or block), no larger than an
 * asset can be, and not the project itself or one of SQLite's files
 * beside it (reading those through another descriptor would drop this
 * process's locks on the project). @out_size is the size to read. */
gboolean
secuencia_project_check_import_source (SecuenciaProject  *self,
                                       GFile             *file,
                                       gint64            *out_size,
                                       GCancellable      *cancellable,
                                       GError           **error)
{
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  file_name = g_file_get_parse_name (file);
  return check_import_source (self, file, file_name, out_size, cancellable, error);
}

static gboolean
check_import_source (SecuenciaProject  *self,
                     GFile             *file,
                     const char        *file_name,
                     gint64            *out_size,
                     GCancellable      *cancellable,
                     GError           **error)
{
  static const char *const project_suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 size, limit;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_UNIX_DEVICE "," G_FILE_ATTRIBUTE_UNIX_INODE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SECUENCIA_PROJECT_ERROR,
                     g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                     ? SECUENCIA_PROJECT_ERROR_NOT_FOUND : SECUENCIA_PROJECT_ERROR_IO,
                     _("Cannot import “%s”: %s"), file_name, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                   g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
                   ? _("Cannot import “%s”: it is a folder, not an audio file")
                   : _("Cannot import “%s”: it is not a regular file (a device, a pipe or a socket)"),
                   file_name);
      return FALSE;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_INODE))
    {
      guint32 dev = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_DEVICE);
      guint64 ino = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE);

      for (guint i = 0; i < G_N_ELEMENTS (project_suffixes); i++)
        {
          g_autofree char *path = g_strconcat (self->path, project_suffixes[i], NULL);

          if (is_same_file (path, dev, ino))
            {
              g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                           _("Cannot import “%s”: it is the project “%s” itself, not an audio file"),
                           file_name, self->display_name);
              return FALSE;
            }
        }
    }
  size = g_file_info_get_size (info);
  limit = sqlite3_limit (self->db, SQLITE_LIMIT_LENGTH, -1);
  if (size > limit)
    {
      g_autofree char *shown = g_format_size ((guint64) size);
      g_autofree char *most = g_format_size ((guint64) limit);

      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                   _("Cannot import “%s”: it is too large (%s; a project holds audio files of at most %s)"),
                   file_name, shown, most);
      return FALSE;
    }
  if (out_size != NULL)
    *out_size = size;
  return TRUE;
}

/* Stream @file once, computing its SHA-256 and size; at most @max_size
 * bytes are read (more means the file changed since it was checked). */
static gboolean
hash_file (GFile         *file,
           const char    *file_name,
           gint64         max_size,
           char         **out_hash,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (SECUENCIA_PROJECT_CHUNK_SIZE);
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
      gssize n = g_input_stream_read (G_INPUT_STREAM (input), buffer, SECUENCIA_PROJECT_CHUNK_SIZE,
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
      if (size > max_size)
        break;
    }
  if (size != max_size)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_IO,
                   _("Cannot import “%s”: the file changed while it was being imported"),
                   file_name);
      return FALSE;
    }
  *out_hash = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

static gint64
find_asset_by_hash (SecuenciaProject  *self,
                    const char        *hash,
                    GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = secuencia_project_stmt (self, "SELECT id FROM assets WHERE content_hash = ?1", error);
  int rc;

  if (stmt == NULL)
    return -1;
  secuencia_sql_bind_text (stmt, 1, hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("look up an asset"));
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
  g_autofree guint8 *buffer = g_malloc (SECUENCIA_PROJECT_CHUNK_SIZE);
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
      secuencia_project_set_db_error (self, error, rc, _("store audio"));
      goto out;
    }
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (input), buffer, SECUENCIA_PROJECT_CHUNK_SIZE,
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
          secuencia_project_set_db_error (self, error, rc, _("store audio"));
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
        ok = secuencia_project_set_db_error (self, error, rc, _("store audio"));
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
  if (!secuencia_project_check_writable (self, error))
    return 0;

  if (!check_import_source (self, file, file_name, &size, cancellable, error))
    return 0;
  if (!hash_file (file, file_name, size, &hash, cancellable, error))
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

  if (!secuencia_project_txn_begin (self, error))
    return 0;
  /* Someone may have stored it meanwhile. */
  id = find_asset_by_hash (self, hash, error);
  if (id != 0)
    {
      if (id < 0)
        goto fail;
      secuencia_project_txn_rollback (self);
      return id;
    }
  stmt = secuencia_project_stmt (self,
                   "INSERT INTO assets (data, mime_type, duration_ns, file_name, content_hash, size, created_at) "
                   "VALUES (zeroblob(?1), ?2, ?3, ?4, ?5, ?1, ?6)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, size);
  secuencia_sql_bind_text (stmt, 2, mime);
  sqlite3_bind_int64 (stmt, 3, duration);
  secuencia_sql_bind_text (stmt, 4, base_name);
  secuencia_sql_bind_text (stmt, 5, hash);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("store “%s”"), file_name);
      secuencia_project_set_db_error (self, error, rc, what);
      goto fail;
    }
  id = sqlite3_last_insert_rowid (self->db);
  g_clear_pointer (&stmt, secuencia_stmt_release);

  if (!copy_into_blob (self, file, file_name, id, size, hash, cancellable, error))
    goto fail;
  if (!secuencia_project_txn_commit (self, error))
    return 0;
  return id;

fail:
  secuencia_project_txn_rollback (self);
  return 0;
}

#define ASSET_COLUMNS "id, mime_type, duration_ns, file_name, content_hash, size"

static SecuenciaAssetInfo *
asset_from_row (sqlite3_stmt *stmt)
{
  SecuenciaAssetInfo *info = g_new0 (SecuenciaAssetInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->mime_type = secuencia_sql_column_dup (stmt, 1);
  info->duration = sqlite3_column_int64 (stmt, 2);
  info->file_name = secuencia_sql_column_dup (stmt, 3);
  info->content_hash = secuencia_sql_column_dup (stmt, 4);
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

  stmt = secuencia_project_stmt (self, "SELECT " ASSET_COLUMNS " FROM assets ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_asset_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, asset_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("list assets"));
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

  stmt = secuencia_project_stmt (self, "SELECT " ASSET_COLUMNS " FROM assets WHERE id = ?1", error);
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
    secuencia_project_set_db_error (self, error, rc, _("read an asset"));
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
        secuencia_project_set_db_error (self, error, rc, _("read audio"));
      goto out;
    }
  buffer = g_malloc (SECUENCIA_PROJECT_CHUNK_SIZE);
  size = sqlite3_blob_bytes (blob);
  for (int offset = 0; offset < size; )
    {
      int n = MIN (SECUENCIA_PROJECT_CHUNK_SIZE, size - offset);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      rc = sqlite3_blob_read (blob, buffer, n, offset);
      if (rc != SQLITE_OK)
        {
          secuencia_project_set_db_error (self, error, rc, _("read audio"));
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
