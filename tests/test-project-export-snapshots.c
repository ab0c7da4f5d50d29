/* test-project-export-snapshots.c: the timeline an export stores for its
 * worker (secuencia-project-export-snapshots.c) is never taken for one of
 * the project's timelines (not listed, not the latest, not what `add`
 * appends to, not touched by undo), and one left behind by a process that
 * ended (a crash mid-export) is deleted when the project is next opened
 * for changes, while a live process's is kept. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "secuencia-project.h"
#include "secuencia-project-private.h"
#include "secuencia-project-snapshot.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"

#define N_LINES 3

typedef struct
{
  char   *dir;
  char   *path;
  gint64  timeline_id;   /* the screenplay's timeline */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;

  f->dir = g_dir_make_tmp ("secuencia-export-snapshots-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "project.secuencia", NULL);
  secuencia_test_make_project (f->dir, f->path, N_LINES, 0.2);
  project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->timeline_id = secuencia_project_update_screenplay_timeline (project, "Screenplay", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->timeline_id, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A copy of @f's timeline stored as an export snapshot; its id. */
static gint64
store_snapshot (Fixture          *f,
                SecuenciaProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaTimeline) timeline = secuencia_project_load_timeline (project, f->timeline_id, &error);
  g_autoptr(SecuenciaTimeline) copy = secuencia_timeline_new ("Screenplay (exporting)");
  g_autoptr(GPtrArray) clips = NULL;

  g_assert_no_error (error);
  clips = secuencia_timeline_get_clips (timeline);
  for (guint i = 0; i < clips->len; i++)
    {
      SecuenciaClip *clip = clips->pdata[i];

      secuencia_timeline_register_asset (copy, clip->asset_id,
                                         secuencia_timeline_get_asset_duration (timeline, clip->asset_id));
      clip->id = 0;
      g_assert_cmpint (secuencia_timeline_add_clip (copy, clip, &error), !=, 0);
      g_assert_no_error (error);
    }
  /* Later than the timeline's own modification time, as an export's is. */
  g_usleep (2000);
  g_assert_true (secuencia_project_store_export_snapshot (project, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (secuencia_timeline_get_id (copy), >, f->timeline_id);
  return secuencia_timeline_get_id (copy);
}

static gint64
count_snapshots (SecuenciaProject *project)
{
  gint64 n = -1;

  g_assert_true (secuencia_project_query_int (project, "SELECT count(*) FROM timelines WHERE snapshot_owner IS NOT NULL",
                                              0, &n, "count", NULL));
  return n;
}

static SecuenciaProject *
open_project (Fixture                   *f,
              SecuenciaProjectOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  SecuenciaProject *project = secuencia_project_open (f->path, flags, &error);

  g_assert_no_error (error);
  return project;
}

/* Stored, readable by id, and hidden from everything that picks "the"
 * timeline; `add` appends to the project's own timeline. */
static void
test_hidden (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SecuenciaProject) project = open_project (f, SECUENCIA_PROJECT_OPEN_DEFAULT);
  g_autoptr(SecuenciaProject) again = NULL;
  g_autoptr(GPtrArray) timelines = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(SecuenciaTimeline) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 snapshot = store_snapshot (f, project);
  gint64 asset, element, appended_to = 0;
  guint n_appended = 0;

  g_assert_true (secuencia_project_is_export_snapshot (project, snapshot, &error));
  g_assert_no_error (error);
  g_assert_false (secuencia_project_is_export_snapshot (project, f->timeline_id, &error));
  g_assert_no_error (error);
  loaded = secuencia_project_load_timeline (project, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (secuencia_timeline_get_n_clips (loaded), ==, N_LINES);

  timelines = secuencia_project_list_timelines (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timelines->len, ==, 1);
  g_assert_cmpint (((SecuenciaTimelineInfo *) timelines->pdata[0])->id, ==, f->timeline_id);
  g_assert_cmpint (secuencia_project_latest_timeline_id (project, &error), ==, f->timeline_id);
  g_assert_no_error (error);

  /* A line added meanwhile, as `secuencia-cli add` does it (any audio
   * of the project will do). */
  {
    g_autoptr(SecuenciaProject) other = open_project (f, SECUENCIA_PROJECT_OPEN_DEFAULT);
    g_autoptr(GPtrArray) assets = secuencia_project_list_assets (other, &error);

    g_assert_no_error (error);
    asset = ((SecuenciaAssetInfo *) assets->pdata[0])->id;
    element = secuencia_project_append_element (other, "Cy", "Added", asset, &error);
    g_assert_no_error (error);
    g_assert_true (secuencia_project_append_line_clips (other, &element, 1, 0, &appended_to, &n_appended, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (appended_to, ==, f->timeline_id);
  g_assert_cmpuint (n_appended, ==, 1);
  clips = secuencia_project_list_clips (project, f->timeline_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clips->len, ==, N_LINES + 1);
  g_clear_pointer (&clips, g_ptr_array_unref);
  clips = secuencia_project_list_clips (project, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clips->len, ==, N_LINES);

  /* Opening for changes while its owner (this process) runs keeps it. */
  again = open_project (f, SECUENCIA_PROJECT_OPEN_DEFAULT);
  g_assert_cmpint (count_snapshots (again), ==, 1);

  g_assert_true (secuencia_project_delete_timeline (project, snapshot, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_snapshots (project), ==, 0);
}

/* A process stores a snapshot and ends without deleting it (as a crash
 * mid-export does): reading leaves it (and does not list it), opening for
 * changes deletes it, the project's timeline stays. */
static void
test_stale_after_crash (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SecuenciaProject) reader = NULL;
  g_autoptr(SecuenciaProject) writer = NULL;
  g_autoptr(GPtrArray) timelines = NULL;
  g_autoptr(GError) error = NULL;

  int status = 0;
  pid_t pid;

  /* Another process on the same file (forked: it shares the fixture; no
   * connection is open here yet). */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      SecuenciaProject *project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT, NULL);

      if (project == NULL)
        _exit (2);
      store_snapshot (f, project);
      g_object_unref (project);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  reader = open_project (f, SECUENCIA_PROJECT_OPEN_READ_ONLY);
  g_assert_cmpint (count_snapshots (reader), ==, 1);
  timelines = secuencia_project_list_timelines (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timelines->len, ==, 1);
  g_assert_cmpint (secuencia_project_latest_timeline_id (reader, &error), ==, f->timeline_id);
  g_clear_object (&reader);

  writer = open_project (f, SECUENCIA_PROJECT_OPEN_DEFAULT);
  g_assert_cmpint (count_snapshots (writer), ==, 0);
  g_assert_cmpint (secuencia_project_latest_timeline_id (writer, &error), ==, f->timeline_id);
  g_assert_no_error (error);
}

static void
set_owner (SecuenciaProject *project,
           gint64            timeline_id,
           const char       *owner)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (secuencia_project_get_db (project),
                                       "UPDATE timelines SET snapshot_owner = ?2 WHERE id = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, timeline_id);
  sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Whose snapshot is stale: one of this host from before its last boot is,
 * and one of a process that is gone; another host's (the file on a shared
 * folder) is not, nor another pid namespace's (a container's: its pids
 * cannot be looked up here), nor one whose owner cannot be read. */
static void
test_owners (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SecuenciaProject) project = open_project (f, SECUENCIA_PROJECT_OPEN_DEFAULT);
  g_autofree char *before_boot = g_strdup_printf ("%s 00000000-0000-0000-0000-000000000000 - %d 1",
                                                  g_get_host_name (), (int) getpid ());
  g_autofree char *other_host = g_strdup_printf ("not-%s - - 1 1", g_get_host_name ());
  g_autofree char *other_namespace = NULL;
  g_autofree char *boot_id = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a = store_snapshot (f, project);
  gint64 b = store_snapshot (f, project);
  gint64 c = store_snapshot (f, project);
  gint64 d = store_snapshot (f, project);
  gint64 e = store_snapshot (f, project);
  guint n_deleted = 0;

  set_owner (project, b, other_host);
  set_owner (project, c, "garbled");
  g_assert_true (secuencia_project_delete_stale_export_snapshots (project, &n_deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_deleted, ==, 0);   /* a: this live process's */

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &boot_id, NULL, NULL))
    {
      g_test_skip ("no boot id on this system");
      return;
    }
  g_strstrip (boot_id);
  {
    g_autofree char *own_namespace = g_file_read_link ("/proc/self/ns/pid", NULL);
    g_autofree char *gone = NULL;

    g_assert_nonnull (own_namespace);
    /* a pid above any pid_max: no such process */
    other_namespace = g_strdup_printf ("%s %s pid:[1] 99999999 1", g_get_host_name (), boot_id);
    gone = g_strdup_printf ("%s %s %s 99999999 1", g_get_host_name (), boot_id, own_namespace);
    set_owner (project, d, other_namespace);
    g_assert_true (secuencia_project_delete_stale_export_snapshots (project, &n_deleted, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_deleted, ==, 0);
    set_owner (project, e, gone);
  }
  set_owner (project, a, before_boot);
  g_assert_true (secuencia_project_delete_stale_export_snapshots (project, &n_deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_deleted, ==, 2);
  g_assert_false (secuencia_project_is_export_snapshot (project, a, NULL));
  g_assert_true (secuencia_project_is_export_snapshot (project, b, NULL));
  g_assert_true (secuencia_project_is_export_snapshot (project, c, NULL));
  g_assert_true (secuencia_project_is_export_snapshot (project, d, NULL));
  g_assert_false (secuencia_project_is_export_snapshot (project, e, NULL));
}

/* Undo (a restored screenplay snapshot) neither brings back an export's
 * copy deleted since nor deletes one stored since. */
static void
test_undo_leaves_them (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SecuenciaProject) project = open_project (f, SECUENCIA_PROJECT_OPEN_DEFAULT);
  g_autoptr(SecuenciaProjectSnapshot) before = NULL;
  g_autoptr(GError) error = NULL;
  gint64 dropped = store_snapshot (f, project);
  gint64 other = store_snapshot (f, project);   /* so that no id is used again */
  gint64 kept;

  before = secuencia_project_take_snapshot (project, SECUENCIA_SNAPSHOT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (secuencia_project_delete_timeline (project, dropped, &error));
  g_assert_no_error (error);
  kept = store_snapshot (f, project);

  g_assert_true (secuencia_project_restore_snapshot (project, before, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kept, !=, dropped);
  g_assert_null (secuencia_project_get_timeline (project, dropped, NULL));
  g_assert_true (secuencia_project_is_export_snapshot (project, other, &error));
  g_assert_no_error (error);
  g_assert_true (secuencia_project_is_export_snapshot (project, kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (secuencia_project_load_timeline (project, kept, &error) != NULL, ==, TRUE);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export-snapshots/hidden", Fixture, NULL, fixture_set_up, test_hidden, fixture_tear_down);
  g_test_add ("/export-snapshots/stale-after-crash", Fixture, NULL, fixture_set_up, test_stale_after_crash,
              fixture_tear_down);
  g_test_add ("/export-snapshots/owners", Fixture, NULL, fixture_set_up, test_owners, fixture_tear_down);
  g_test_add ("/export-snapshots/undo-leaves-them", Fixture, NULL, fixture_set_up, test_undo_leaves_them,
              fixture_tear_down);
  return g_test_run ();
}
