/* secuencia-project-file.c: the file behind a project's connection, for a
 * window that watches it: SQLite's data_version (which changes when any
 * other connection, in this process or another, commits) and a copy of the
 * open database written with SQLite's backup API, which reads through the
 * connection's own file descriptors, so it works even after the file was
 * deleted or replaced on disk. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "secuencia-project.h"
#include "secuencia-project-private.h"

gboolean
secuencia_project_get_data_version (SecuenciaProject  *self,
                                    gint64            *out_version,
                                    GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (out_version != NULL, FALSE);

  stmt = secuencia_project_stmt (self, "PRAGMA data_version", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return secuencia_project_set_db_error (self, error, rc, _("check for changes"));
  *out_version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
secuencia_project_save_copy (SecuenciaProject  *self,
                             const char        *dest_path,
                             GError           **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *display = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  GStatBuf st;
  int fd;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  display = g_filename_display_name (dest_path);
  if (secuencia_project_in_transaction (self))
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                   _("Could not save a copy as “%s”: a change is still being written"), display);
      return FALSE;
    }

  /* Only a regular file is replaced, and never a database in use (its
   * -wal or -shm beside it: the copy would take that log as its own, and
   * its users would lose their work) — the open project itself included. */
  if (g_lstat (dest_path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("Could not save a copy as “%s”: it is not a regular file"), display);
      return FALSE;
    }
  {
    g_autofree char *wal = g_strconcat (dest_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (dest_path, "-shm", NULL);
    g_autofree char *dest_dir = g_path_get_dirname (dest_path);
    g_autofree char *dest_base = g_path_get_basename (dest_path);
    long name_max = pathconf (dest_dir, _PC_NAME_MAX);

    if (name_max > 0 && strlen (dest_base) + strlen ("-wal") > (gsize) name_max)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG,
                     _("Could not save a copy as “%s”: the name is too long for a project (at most %ld bytes, as SQLite adds “-wal” to it)"),
                     display, name_max - (long) strlen ("-wal"));
        return FALSE;
      }

    if (g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                     _("Could not save a copy as “%s”: that project is in use (or was not closed properly)"),
                     display);
        return FALSE;
      }
  }

  /* A new file beside the destination, renamed over it once complete: an
   * existing file there is replaced whole or not at all. Its name is ours
   * (short), whatever the destination's. */
  dir = g_path_get_dirname (dest_path);
  tmp = g_build_filename (dir, ".secuencia-copy-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR, 0644);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not save a copy as “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  /* The new, empty file has no connection anywhere yet. */
  close (fd);

  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          do
            {
              rc = sqlite3_backup_step (backup, -1);
              if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep (20);
            }
          while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_errcode (dest);
        }
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR,
                   SECUENCIA_PROJECT_ERROR_IO,
                   _("Could not save a copy as “%s”: %s"), display,
                   dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (tmp);
      return FALSE;
    }
  rc = sqlite3_close (dest);
  if (rc != SQLITE_OK || g_rename (tmp, dest_path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not save a copy as “%s”: %s"), display,
                   rc != SQLITE_OK ? sqlite3_errstr (rc) : g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

/* The checkpoint itself, on the connection's own thread or on a worker.
 * The connection's mutex (a serialized connection: SQLITE_OPEN_FULLMUTEX)
 * is held throughout, so the busy timeout of 0 never applies to another
 * thread's statement and nothing else runs on the connection meanwhile; a
 * transaction open on it (whichever thread opened it) makes SQLite refuse
 * with SQLITE_LOCKED, reported as not complete. With @dev/@ino non-zero,
 * nothing is done unless the file at the path is still that one. */
static gboolean
checkpoint_locked (SecuenciaProject  *self,
                   guint64            dev,
                   guint64            ino,
                   gboolean          *out_complete,
                   GError           **error)
{
  sqlite3_mutex *mutex = sqlite3_db_mutex (self->db);
  int n_log = 0, n_done = 0;
  int rc;

  *out_complete = FALSE;
  sqlite3_mutex_enter (mutex);
  if (dev != 0 || ino != 0)
    {
      GStatBuf st;

      /* Only into the file that is still at the path: after a replacement
       * the log there may be the new file's. */
      if (g_stat (self->path, &st) != 0 || (guint64) st.st_dev != dev || (guint64) st.st_ino != ino)
        {
          sqlite3_mutex_leave (mutex);
          return TRUE;
        }
    }
  /* Never wait: with a busy timeout of 0, TRUNCATE gives up at once while
   * another connection writes or reads an older snapshot. */
  sqlite3_busy_timeout (self->db, 0);
  rc = sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_TRUNCATE, &n_log, &n_done);
  sqlite3_busy_timeout (self->db, (int) self->busy_timeout_ms);

  if (rc == SQLITE_OK)
    *out_complete = TRUE;
  else if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
    {
      secuencia_project_set_db_error (self, error, rc, _("write changes into the file"));
      sqlite3_mutex_leave (mutex);
      return FALSE;
    }
  sqlite3_mutex_leave (mutex);
  return TRUE;
}

gboolean
secuencia_project_checkpoint (SecuenciaProject  *self,
                              gboolean          *out_complete,
                              GError           **error)
{
  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (out_complete != NULL, FALSE);

  /* A read-only connection writes nothing, into the file neither. */
  *out_complete = self->read_only;
  if (self->read_only || secuencia_project_in_transaction (self))
    return TRUE;
  return checkpoint_locked (self, 0, 0, out_complete, error);
}

typedef struct
{
  guint64 dev;
  guint64 ino;
} CheckpointData;

static void
checkpoint_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CheckpointData *data = task_data;
  g_autoptr(GError) error = NULL;
  gboolean complete = FALSE;

  if (!checkpoint_locked (SECUENCIA_PROJECT (source_object), data->dev, data->ino, &complete, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, complete);
}

static void
checkpoint_worker (gpointer data,
                   gpointer user_data)
{
  g_autoptr(GTask) task = data;

  checkpoint_thread (task, g_task_get_source_object (task), g_task_get_task_data (task),
                     g_task_get_cancellable (task));
}

void
secuencia_project_checkpoint_async (SecuenciaProject    *self,
                                    guint64              dev,
                                    guint64              ino,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckpointData *data;

  g_return_if_fail (SECUENCIA_IS_PROJECT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, secuencia_project_checkpoint_async);
  /* A read-only connection writes nothing, into the file neither. */
  if (self->read_only || secuencia_project_in_transaction (self))
    {
      g_task_return_int (task, self->read_only);
      return;
    }
  data = g_new0 (CheckpointData, 1);
  data->dev = dev;
  data->ino = ino;
  g_task_set_task_data (task, data, g_free);
  if (sqlite3_db_mutex (self->db) == NULL)
    {
      /* SQLite built without threads: only this thread may use the
       * connection, so it checkpoints here. */
      checkpoint_thread (task, self, data, cancellable);
      return;
    }
  /* A thread of its own, made once: a thread made for each checkpoint
   * (g_task_run_in_thread when the shared pool's threads are busy, as in
   * an export) made the caller's thread wait for the dynamic loader's lock
   * while a worker loaded plugins, up to 140 ms. */
  if (self->checkpoint_pool == NULL)
    self->checkpoint_pool = g_thread_pool_new (checkpoint_worker, NULL, 1, TRUE, NULL);
  if (self->checkpoint_pool == NULL)
    g_task_run_in_thread (task, checkpoint_thread);
  else
    g_thread_pool_push (self->checkpoint_pool, g_object_ref (task), NULL);
}

gboolean
secuencia_project_checkpoint_finish (SecuenciaProject  *self,
                                     GAsyncResult      *result,
                                     gboolean          *out_complete,
                                     GError           **error)
{
  gssize complete;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (out_complete != NULL, FALSE);

  complete = g_task_propagate_int (G_TASK (result), error);
  *out_complete = complete > 0;
  return complete >= 0;
}
