/* secuencia-project-integrity.c: the check of every page of a project file
 * (SQLite's PRAGMA quick_check) in the background.
 *
 * The check reads the whole file, its audio included (about 0.25 ms per
 * MB, so a quarter of a second for a gigabyte), which a window should not
 * wait for before it shows the project. Opened with
 * SECUENCIA_PROJECT_OPEN_CHECK_IN_BACKGROUND (and needing no upgrade), a
 * project runs the check in a thread of its own, on a read-only connection
 * of its own, and the first write (secuencia_project_txn_begin()) waits for
 * the verdict: nothing is ever written into a file the check finds
 * corrupt, and every write after it fails with the check's error. The
 * window learns the verdict from secuencia_project_check_integrity_async()
 * and says so at once. */

#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-project.h"
#include "secuencia-project-private.h"

#define CHECK_BUSY_MS 5000

struct _SecuenciaProjectIntegrity
{
  gint      ref_count;   /* the project's, and each waiting task's */
  GMutex    mutex;
  GCond     cond;
  gboolean  done;
  GError   *error;       /* the verdict when done: NULL when sound */
  gint      cancelled;   /* atomic: stop reading (the project is closing) */
  gboolean  read_only;   /* open the file as the project's own connection did */
  char     *path;
  char     *display_name;
  GThread  *thread;
};

static int
on_progress (void *user_data)
{
  SecuenciaProjectIntegrity *self = user_data;

  return g_atomic_int_get (&self->cancelled);
}

static GError *
run_check (SecuenciaProjectIntegrity *self)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  GError *error = NULL;
  int rc;

  /* A file the person may write is read with SQLite's locks, so that
   * another program's commit meanwhile is seen whole or not at all. */
  if (self->read_only)
    rc = secuencia_project_sqlite_open_read_only (self->path, SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, &db, NULL);
  else
    rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, CHECK_BUSY_MS);
      sqlite3_progress_handler (db, 1000, on_progress, self);
      rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        }
      sqlite3_finalize (stmt);
    }
  if (first != NULL && g_strcmp0 (first, "ok") == 0)
    error = NULL;
  else if (first != NULL)
    g_set_error (&error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_CORRUPT,
                 _("“%s” is corrupt (%s): nothing is written into it"), self->display_name, first);
  else if ((rc & 0xff) == SQLITE_INTERRUPT)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                 _("The check of “%s” was stopped: the project was closed"), self->display_name);
  else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    g_set_error (&error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_CORRUPT,
                 _("“%s” is corrupt (%s): nothing is written into it"), self->display_name, sqlite3_errstr (rc));
  else
    g_set_error (&error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_IO,
                 _("Could not check “%s” for damage (%s): nothing is written into it"),
                 self->display_name, sqlite3_errstr (rc));
  sqlite3_close_v2 (db);
  return error;
}

static gpointer
check_thread (gpointer data)
{
  SecuenciaProjectIntegrity *self = data;
  GError *error = run_check (self);

  g_mutex_lock (&self->mutex);
  self->error = error;
  self->done = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  return NULL;
}

SecuenciaProjectIntegrity *
secuencia_project_integrity_start (const char *path,
                                   const char *display_name,
                                   gboolean    read_only)
{
  SecuenciaProjectIntegrity *self = g_new0 (SecuenciaProjectIntegrity, 1);

  self->ref_count = 1;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->path = g_strdup (path);
  self->display_name = g_strdup (display_name);
  self->read_only = read_only;
  self->thread = g_thread_new ("secuencia-check", check_thread, self);
  return self;
}

gboolean
secuencia_project_integrity_wait (SecuenciaProjectIntegrity  *self,
                                  GError                    **error)
{
  gboolean ok;

  g_mutex_lock (&self->mutex);
  while (!self->done)
    g_cond_wait (&self->cond, &self->mutex);
  ok = self->error == NULL;
  if (!ok)
    g_propagate_error (error, g_error_copy (self->error));
  g_mutex_unlock (&self->mutex);
  return ok;
}

static SecuenciaProjectIntegrity *
integrity_ref (SecuenciaProjectIntegrity *self)
{
  g_atomic_int_inc (&self->ref_count);
  return self;
}

static void
integrity_unref (SecuenciaProjectIntegrity *self)
{
  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_clear_error (&self->error);
  g_free (self->path);
  g_free (self->display_name);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

void
secuencia_project_integrity_free (SecuenciaProjectIntegrity *self)
{
  if (self == NULL)
    return;
  /* Stopped (a task still waiting gets "cancelled"), and gone with the
   * last waiter. */
  g_atomic_int_set (&self->cancelled, 1);
  g_thread_join (self->thread);
  integrity_unref (self);
}

static void
wait_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (!secuencia_project_integrity_wait (task_data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
secuencia_project_check_integrity_async (SecuenciaProject    *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SECUENCIA_IS_PROJECT (self));

  /* The task holds the check, not the project: closing the project is
   * not held up by a window waiting for the verdict. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, secuencia_project_check_integrity_async);
  /* Checked when it was opened. */
  if (self->integrity == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_set_task_data (task, integrity_ref (self->integrity), (GDestroyNotify) integrity_unref);
  g_task_run_in_thread (task, wait_thread);
}

gboolean
secuencia_project_check_integrity_finish (GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
