/* secuencia-project-export-snapshots.c: timelines copied for an export to
 * read by id (see secuencia-project.h). A snapshot's timelines row has a
 * snapshot_owner (schema 9): the process that stored it, as
 * "HOST BOOT-ID PID-NAMESPACE PID START" (START: the process's start time
 * in clock ticks since boot, /proc/PID/stat's 22nd field, so a reused pid
 * is not taken for the owner). A snapshot is stale when its owner ran on
 * this host and either the machine has booted since or, in the same pid
 * namespace (a container has its own), no process with that pid and start
 * time runs any more. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "secuencia-project-private.h"

/* /proc/sys/kernel/random/boot_id, or "-" where there is none. */
static char *
dup_boot_id (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &contents, NULL, NULL))
    return g_strdup ("-");
  return g_strdup (g_strstrip (contents));
}

/* The pid namespace of this process (/proc/self/ns/pid's target), or "-". */
static char *
dup_pid_namespace (void)
{
  g_autofree char *target = g_file_read_link ("/proc/self/ns/pid", NULL);

  if (target == NULL || strchr (target, ' ') != NULL)
    return g_strdup ("-");
  return g_steal_pointer (&target);
}

/* The start time of process @pid (clock ticks since boot); 0 when it is
 * not known (no /proc), -1 when there is no such process. */
static gint64
process_start_time (gint64 pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/stat", pid);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
          && g_file_test ("/proc/self/stat", G_FILE_TEST_EXISTS))
        return -1;
      return 0;
    }
  /* "PID (NAME) STATE PPID ...": the name may hold spaces and ")". */
  after_name = strrchr (contents, ')');
  if (after_name == NULL)
    return 0;
  fields = g_strsplit (after_name + 1, " ", 0);
  /* fields[0] is empty (the space after ")"), [1] the state (field 3):
   * field 22 is fields[20]. */
  if (g_strv_length (fields) <= 20)
    return 0;
  return g_ascii_strtoll (fields[20], NULL, 10);
}

static char *
dup_own_owner (void)
{
  g_autofree char *boot = dup_boot_id ();
  g_autofree char *pid_namespace = dup_pid_namespace ();
  gint64 pid = (gint64) getpid ();

  return g_strdup_printf ("%s %s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                          g_get_host_name (), boot, pid_namespace, pid, process_start_time (pid));
}

/* TRUE when @owner ("HOST BOOT-ID PID-NAMESPACE PID START") names a
 * process of this host that has ended (or the host booted since). Anything
 * else (another host, another pid namespace, an owner that cannot be read)
 * is taken as alive: a snapshot kept too long costs space, one deleted
 * under a running export fails it. */
static gboolean
owner_has_ended (const char *owner)
{
  g_auto(GStrv) parts = g_strsplit (owner, " ", 0);
  g_autofree char *boot = NULL;
  g_autofree char *pid_namespace = NULL;
  gint64 pid, start, now_start;

  if (g_strv_length (parts) != 5 || g_strcmp0 (parts[0], g_get_host_name ()) != 0)
    return FALSE;
  boot = dup_boot_id ();
  if (g_strcmp0 (boot, "-") != 0 && g_strcmp0 (parts[1], "-") != 0 && g_strcmp0 (boot, parts[1]) != 0)
    return TRUE;  /* booted since */
  pid_namespace = dup_pid_namespace ();
  if (g_strcmp0 (pid_namespace, parts[2]) != 0)
    return FALSE;  /* its pids are not ours to look up */
  pid = g_ascii_strtoll (parts[3], NULL, 10);
  start = g_ascii_strtoll (parts[4], NULL, 10);
  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  now_start = process_start_time (pid);
  if (now_start < 0)
    return TRUE;
  if (now_start > 0 && start > 0)
    return now_start != start;  /* the pid is another process's now */
  /* No /proc: only whether some process has that pid. */
  return kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

gboolean
secuencia_project_store_export_snapshot (SecuenciaProject   *self,
                                         SecuenciaTimeline  *timeline,
                                         GCancellable       *cancellable,
                                         GError            **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autofree char *owner = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (secuencia_timeline_get_id (timeline) <= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The copy and its mark in one transaction: no moment where it is
   * stored but not yet marked. */
  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  if (!secuencia_project_save_timeline (self, timeline, NULL, NULL, cancellable, error))
    goto fail;
  stmt = secuencia_project_stmt (self, "UPDATE timelines SET snapshot_owner = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  owner = dup_own_owner ();
  sqlite3_bind_int64 (stmt, 1, secuencia_timeline_get_id (timeline));
  secuencia_sql_bind_text (stmt, 2, owner);
  rc = sqlite3_step (stmt);
  g_clear_pointer (&stmt, secuencia_stmt_release);
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("save the timeline"));
      goto fail;
    }
  if (secuencia_project_txn_commit (self, error))
    return TRUE;
  secuencia_timeline_set_id (timeline, 0);
  return FALSE;

fail:
  secuencia_project_txn_rollback (self);
  secuencia_timeline_set_id (timeline, 0);
  return FALSE;
}

gboolean
secuencia_project_is_export_snapshot (SecuenciaProject  *self,
                                      gint64             timeline_id,
                                      GError           **error)
{
  gint64 marked = 0;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!secuencia_project_query_int (self, "SELECT snapshot_owner IS NOT NULL FROM timelines WHERE id = ?1",
                                    timeline_id, &marked, _("read a timeline"), error))
    return FALSE;
  return marked != 0;
}

gboolean
secuencia_project_delete_stale_export_snapshots (SecuenciaProject  *self,
                                                 guint             *out_n_deleted,
                                                 GError           **error)
{
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(SecuenciaStmt) stmt = NULL;
  const char *what = _("delete an unfinished export's timeline");
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_n_deleted != NULL)
    *out_n_deleted = 0;
  /* Read first: most of the time there is nothing to delete, and then
   * nothing is written. */
  if (!secuencia_project_begin_read (self, error))
    return FALSE;
  stmt = secuencia_project_stmt (self, "SELECT id, snapshot_owner FROM timelines WHERE snapshot_owner IS NOT NULL",
                                 error);
  if (stmt == NULL)
    {
      secuencia_project_end_read (self);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (owner_has_ended ((const char *) sqlite3_column_text (stmt, 1)))
        g_array_append_val (stale, id);
    }
  g_clear_pointer (&stmt, secuencia_stmt_release);
  secuencia_project_end_read (self);
  if (rc != SQLITE_DONE)
    return secuencia_project_set_db_error (self, error, rc, what);
  if (stale->len == 0)
    return TRUE;

  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  for (guint i = 0; i < stale->len; i++)
    if (!secuencia_project_run_stmt (self, "DELETE FROM timelines WHERE id = ?1 AND snapshot_owner IS NOT NULL", 1,
                                     g_array_index (stale, gint64, i), 0, what, error))
      {
        secuencia_project_txn_rollback (self);
        return FALSE;
      }
  if (!secuencia_project_txn_commit (self, error))
    return FALSE;
  if (out_n_deleted != NULL)
    *out_n_deleted = stale->len;
  return TRUE;
}
