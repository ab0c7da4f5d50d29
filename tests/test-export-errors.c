/* test-export-errors.c: every way an export can fail gives its own
 * SECUENCIA_EXPORT_ERROR code with a message naming the thing, and leaves
 * no file behind (no destination, no part file, no temp files; an existing
 * destination untouched). */

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "secuencia-exporter.h"
#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"

static char *test_root;
static char *test_tmpdir;

/* ---- helpers ---- */





typedef struct
{
  gint64      asset_id;
  double      offset;
  double      source_start;
  double      duration;
  gboolean    muted;
  const char *name;
} TestClip;

static gint64
store_timeline (const char     *project_path,
                const char     *name,
                const TestClip *clips,
                guint           n_clips,
                gboolean        foreign_keys)
{
  sqlite3 *db = secuencia_test_open_db (project_path);
  sqlite3_stmt *stmt = NULL;
  gint64 timeline_id;

  secuencia_test_exec_sql (db, foreign_keys ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
  secuencia_test_exec_sql (db, "BEGIN IMMEDIATE");
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "INSERT INTO timelines (name, created_at, modified_at) VALUES (?, 0, 0)",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  timeline_id = sqlite3_last_insert_rowid (db);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "INSERT INTO clips (timeline_id, asset_id, offset_ns, source_start_ns, "
                   "duration_ns, lane, volume_db, muted, name) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n_clips; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, timeline_id);
      sqlite3_bind_int64 (stmt, 2, clips[i].asset_id);
      sqlite3_bind_int64 (stmt, 3, llround (clips[i].offset * 1e9));
      sqlite3_bind_int64 (stmt, 4, llround (clips[i].source_start * 1e9));
      sqlite3_bind_int64 (stmt, 5, llround (clips[i].duration * 1e9));
      sqlite3_bind_int (stmt, 6, clips[i].muted ? 1 : 0);
      sqlite3_bind_text (stmt, 7, clips[i].name ? clips[i].name : "", -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  sqlite3_finalize (stmt);
  secuencia_test_exec_sql (db, "COMMIT");
  sqlite3_close (db);

  return timeline_id;
}

/* Replace the bytes of @asset_id (and its size) behind the store's back. */
static void
set_asset_bytes_full (const char *project_path,
                      gint64      asset_id,
                      const void *bytes,
                      gsize       n_bytes,
                      gboolean    update_size)
{
  sqlite3 *db = secuencia_test_open_db (project_path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   update_size
                   ? "UPDATE assets SET data = ?, size = ? WHERE id = ?"
                   : "UPDATE assets SET data = ?, size = size + 0 * ? WHERE id = ?",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, n_bytes > 0 ? bytes : "", (int) n_bytes, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) n_bytes);
  sqlite3_bind_int64 (stmt, 3, asset_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
set_asset_bytes (const char *project_path,
                 gint64      asset_id,
                 const void *bytes,
                 gsize       n_bytes)
{
  set_asset_bytes_full (project_path, asset_id, bytes, n_bytes, TRUE);
}

/* ---- fixture: a project with two assets and a working timeline ---- */

typedef struct
{
  char   *dir;
  char   *project_path;
  char   *out;           /* dir/out.m4a, pre-filled with "old contents" */
  char   *wav_path;
  gint64  asset_wav;     /* "src-tone.wav", 48 kHz stereo 16-bit, 2 s */
  gint64  asset_ogg;     /* "src-tone.ogg", 2 s */
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autofree char *template = g_build_filename (test_root, "work-XXXXXX", NULL);
  g_autofree char *ogg = NULL;
  g_autoptr(GFile) file = NULL;

  g_assert_nonnull (g_mkdtemp (template));
  fx->dir = g_steal_pointer (&template);
  fx->project_path = g_build_filename (fx->dir, "test.secuencia", NULL);
  fx->out = g_build_filename (fx->dir, "out.m4a", NULL);
  fx->wav_path = g_build_filename (fx->dir, "src-tone.wav", NULL);
  ogg = g_build_filename (fx->dir, "src-tone.ogg", NULL);

  project = secuencia_project_open (fx->project_path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  secuencia_test_audio_write_tone (fx->wav_path, SECUENCIA_TEST_FORMAT_WAV16, 48000, 2,
                                   440, 2.0, 0.5, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (fx->wav_path);
  fx->asset_wav = secuencia_project_import_audio (project, file, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&file);

  secuencia_test_audio_write_tone (ogg, SECUENCIA_TEST_FORMAT_OGG_VORBIS, 44100, 1,
                                   660, 2.0, 0.5, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (ogg);
  fx->asset_ogg = secuencia_project_import_audio (project, file, NULL, &error);
  g_assert_no_error (error);

  g_file_set_contents (fx->out, "old contents", -1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  secuencia_test_rm_rf (fx->dir);
  g_free (fx->dir);
  g_free (fx->project_path);
  g_free (fx->out);
  g_free (fx->wav_path);
}

static gint64
store_good_timeline (Fixture *fx)
{
  const TestClip clips[] = {
    { fx->asset_wav, 0.0, 0.0, 1.0, FALSE, "hello" },
    { fx->asset_ogg, 1.5, 0.5, 1.0, FALSE, "world" },
  };

  return store_timeline (fx->project_path, "Good", clips, G_N_ELEMENTS (clips), TRUE);
}

/* ---- running an export ---- */

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  gboolean   ok;
} Result;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *res = user_data;

  res->ok = secuencia_export_finish (result, &res->error);
  g_main_loop_quit (res->loop);
}

/* Export asynchronously; returns the error (the export must fail). */
static GError *
export_expect_error_full (const char *project_path,
                          gint64      timeline_id,
                          const char *out,
                          gboolean    replace)
{
  g_autoptr(GFile) destination = g_file_new_for_path (out);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(SecuenciaExportProgress) progress = secuencia_export_progress_new ();
  SecuenciaExportOptions options = SECUENCIA_EXPORT_OPTIONS_INIT;
  Result res = { loop, NULL, FALSE };

  options.replace = replace;
  secuencia_export_async (project_path, timeline_id, destination, &options, progress,
                          NULL, on_done, &res);
  g_main_loop_run (loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (res.ok);
  g_assert_nonnull (res.error);
  g_test_message ("error: %s", res.error->message);
  /* Failure never reports completion. */
  g_assert_cmpfloat (secuencia_export_progress_get_fraction (progress), <, 1.0);
  return res.error;
}

/* An existing destination may be replaced: the failures are elsewhere. */
static GError *
export_expect_error (const char *project_path,
                     gint64      timeline_id,
                     const char *out)
{
  return export_expect_error_full (project_path, timeline_id, out, TRUE);
}

/* Nothing left behind: the old destination as it was, no part file. */
static void
assert_nothing_left (Fixture *fx)
{
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  g_assert_true (g_file_get_contents (fx->out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old contents");
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_equal (name, "out.m4a") &&
        !g_str_has_prefix (name, "src-") &&
        !g_str_has_prefix (name, "test.secuencia"))
      g_error ("unexpected file “%s” left in %s", name, fx->dir);
  g_assert_cmpuint (secuencia_test_count_dir_entries (test_tmpdir), ==, 0);
}

static void
assert_message_has (const GError *error,
                    const char   *needle)
{
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” not in error message “%s”", needle, error->message);
}

/* ---- the cases ---- */

static void
test_empty_timeline (Fixture       *fx,
                     gconstpointer  data)
{
  const TestClip muted[] = {
    { fx->asset_wav, 0.0, 0.0, 1.0, TRUE, "a" },
    { fx->asset_ogg, 1.0, 0.0, 1.0, TRUE, "b" },
  };
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = store_timeline (fx->project_path, "Nothing", NULL, 0, TRUE);
  error = export_expect_error (fx->project_path, id, fx->out);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_EMPTY_TIMELINE);
  assert_message_has (error, "Nothing");
  assert_nothing_left (fx);
  g_clear_error (&error);

  id = store_timeline (fx->project_path, "All muted", muted, G_N_ELEMENTS (muted), TRUE);
  error = export_expect_error (fx->project_path, id, fx->out);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_EMPTY_TIMELINE);
  assert_message_has (error, "All muted");
  assert_nothing_left (fx);
}

static void
test_unknown_timeline (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  store_good_timeline (fx);
  error = export_expect_error (fx->project_path, 4242, fx->out);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_TIMELINE_NOT_FOUND);
  assert_message_has (error, "4242");
  assert_nothing_left (fx);
}

static void
test_missing_asset (Fixture       *fx,
                    gconstpointer  data)
{
  const TestClip clips[] = {
    { fx->asset_wav, 0.0, 0.0, 1.0, FALSE, "fine" },
    { 999, 1.0, 0.0, 1.0, FALSE, "orphan" },
  };
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* Such a file can only be made with foreign keys off. */
  id = store_timeline (fx->project_path, "Broken", clips, G_N_ELEMENTS (clips), FALSE);
  error = export_expect_error (fx->project_path, id, fx->out);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_MISSING_ASSET);
  assert_message_has (error, "Clip 2");
  assert_message_has (error, "orphan");
  assert_message_has (error, "999");
  assert_nothing_left (fx);
}

static void
test_empty_asset (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = store_good_timeline (fx);

  set_asset_bytes (fx->project_path, fx->asset_ogg, NULL, 0);
  error = export_expect_error (fx->project_path, id, fx->out);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_BAD_ASSET);
  assert_message_has (error, "Clip 2");
  assert_message_has (error, "src-tone.ogg");
  assert_nothing_left (fx);
}

static void
test_truncated_asset (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize n_bytes;
  gint64 id = store_good_timeline (fx);

  g_assert_true (g_file_get_contents (fx->wav_path, &bytes, &n_bytes, NULL));

  /* The bytes were cut after import (the recorded size is bigger). */
  set_asset_bytes_full (fx->project_path, fx->asset_wav, bytes, n_bytes / 3, FALSE);
  error = export_expect_error (fx->project_path, id, fx->out);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_BAD_ASSET);
  assert_message_has (error, "Clip 1");
  assert_message_has (error, "src-tone.wav");
  assert_nothing_left (fx);
}

/* Consistently truncated (size and bytes agree): the WAV header and 10 ms of
 * samples, while the clip needs 1 s. Only decoding finds out: the mixdown
 * must report a source that ends before its clip does. */
static void
test_truncated_asset_decoded (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize n_bytes;
  gint64 id = store_good_timeline (fx);

  g_assert_true (g_file_get_contents (fx->wav_path, &bytes, &n_bytes, NULL));
  set_asset_bytes (fx->project_path, fx->asset_wav, bytes, 44 + 4 * 480);
  error = export_expect_error (fx->project_path, id, fx->out);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_BAD_ASSET);
  assert_message_has (error, "Clip 1");
  assert_message_has (error, "src-tone.wav");
  assert_nothing_left (fx);
}

static void
test_not_audio (Fixture       *fx,
                gconstpointer  data)
{
  static const char text[] =
    "INT. KITCHEN - NIGHT\nThis is a screenplay, not audio. It goes on for a "
    "while so that typefinding has something to look at, but it is text.\n";
  g_autoptr(GError) error = NULL;
  gint64 id = store_good_timeline (fx);

  set_asset_bytes (fx->project_path, fx->asset_ogg, text, sizeof text - 1);
  error = export_expect_error (fx->project_path, id, fx->out);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_BAD_ASSET);
  assert_message_has (error, "Clip 2");
  assert_message_has (error, "src-tone.ogg");
  assert_nothing_left (fx);
}

static void
test_destination_missing (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (fx->dir, "no-such-folder", "out.m4a", NULL);
  g_autofree char *file_as_dir = g_build_filename (fx->dir, "out.m4a", "x.m4a", NULL);
  gint64 id = store_good_timeline (fx);

  error = export_expect_error (fx->project_path, id, out);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION);
  assert_message_has (error, "no-such-folder");
  assert_nothing_left (fx);
  g_clear_error (&error);

  /* A file where the folder should be. */
  error = export_expect_error (fx->project_path, id, file_as_dir);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION);
  assert_nothing_left (fx);
  g_clear_error (&error);

  /* The destination is a folder. */
  error = export_expect_error (fx->project_path, id, fx->dir);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION);
  assert_nothing_left (fx);
}

static void
test_destination_not_writable (Fixture       *fx,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ro_dir = g_build_filename (fx->dir, "read-only", NULL);
  g_autofree char *out = g_build_filename (ro_dir, "out.m4a", NULL);
  gint64 id = store_good_timeline (fx);
  gboolean mounted = FALSE;
  gboolean tested = FALSE;

  g_assert_cmpint (g_mkdir (ro_dir, 0755), ==, 0);

  if (geteuid () != 0)
    {
      /* Permissions work for ordinary users. */
      g_assert_cmpint (g_chmod (ro_dir, 0555), ==, 0);
    }
  else if (mount ("tmpfs", ro_dir, "tmpfs", MS_RDONLY, "size=64k") == 0)
    {
      /* Root ignores permissions, but not a read-only file system. */
      mounted = TRUE;
    }

  if (geteuid () != 0 || mounted)
    {
      error = export_expect_error (fx->project_path, id, out);
      g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION);
      assert_message_has (error, "read-only");
      g_assert_cmpuint (secuencia_test_count_dir_entries (ro_dir), ==, 0);
      g_clear_error (&error);
      tested = TRUE;
    }

  if (mounted)
    g_assert_cmpint (umount (ro_dir), ==, 0);
  g_chmod (ro_dir, 0755);
  g_assert_cmpint (g_rmdir (ro_dir), ==, 0);

  /* sysfs refuses new files even to root. */
  if (g_file_test ("/sys/kernel", G_FILE_TEST_IS_DIR))
    {
      error = export_expect_error (fx->project_path, id, "/sys/kernel/secuencia-test.m4a");
      g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION);
      g_assert_false (g_file_test ("/sys/kernel/secuencia-test.m4a", G_FILE_TEST_EXISTS));
      tested = TRUE;
    }

  assert_nothing_left (fx);
  if (!tested)
    g_test_skip ("no way to make a folder unwritable here");
}

/* The destination's file system fills up while the mix is written. */
static void
test_disk_full_destination (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *small = g_build_filename (fx->dir, "small", NULL);
  g_autofree char *out = g_build_filename (small, "out.m4a", NULL);
  g_autofree char *contents = NULL;
  TestClip clips[8];
  gint64 id;

  /* 16 s of AAC at 192 kbit/s is ~380 kB: far more than 64 kB. */
  for (guint i = 0; i < G_N_ELEMENTS (clips); i++)
    clips[i] = (TestClip) { fx->asset_wav, 2.0 * i, 0.0, 2.0, FALSE, NULL };
  id = store_timeline (fx->project_path, "Long", clips, G_N_ELEMENTS (clips), TRUE);

  g_assert_cmpint (g_mkdir (small, 0755), ==, 0);
  if (mount ("tmpfs", small, "tmpfs", 0, "size=64k") != 0)
    {
      g_test_skip_printf ("cannot mount a small tmpfs: %s", g_strerror (errno));
      return;
    }

  g_file_set_contents (out, "old contents", -1, NULL);
  error = export_expect_error (fx->project_path, id, out);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old contents");
  g_assert_cmpuint (secuencia_test_count_dir_entries (small), ==, 1);
  g_assert_cmpint (umount (small), ==, 0);
  g_assert_cmpint (g_rmdir (small), ==, 0);

  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DISK_FULL);
  assert_nothing_left (fx);
}

/* The temp dir's file system is too small for the asset copies. */
static void
test_disk_full_temp (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = store_good_timeline (fx);   /* the WAV alone is 384 kB */

  /* TMPDIR was read once by GLib: mount the small file system over it. */
  if (mount ("tmpfs", test_tmpdir, "tmpfs", 0, "size=64k") != 0)
    {
      g_test_skip_printf ("cannot mount a small tmpfs: %s", g_strerror (errno));
      return;
    }

  error = export_expect_error (fx->project_path, id, fx->out);
  g_assert_cmpuint (secuencia_test_count_dir_entries (test_tmpdir), ==, 0);
  g_assert_cmpint (umount (test_tmpdir), ==, 0);

  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DISK_FULL);
  assert_message_has (error, "src-tone.wav");
  assert_nothing_left (fx);
}

static void
test_bad_project (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fx->dir, "missing.secuencia", NULL);
  g_autofree char *text = g_build_filename (fx->dir, "text.secuencia", NULL);
  g_autofree char *corrupt = g_build_filename (fx->dir, "corrupt.secuencia", NULL);
  g_autofree char *bytes = NULL;
  gsize n_bytes;
  gint64 id = store_good_timeline (fx);

  /* No such file: and the read-only open must not create one. */
  error = export_expect_error (missing, id, fx->out);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROJECT);
  assert_message_has (error, "missing.secuencia");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Not a database. */
  g_file_set_contents (text, "INT. KITCHEN - NIGHT\n", -1, NULL);
  error = export_expect_error (text, id, fx->out);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROJECT);
  assert_message_has (error, "text.secuencia");
  g_unlink (text);
  g_clear_error (&error);

  /* A real project file with its pages overwritten after the header. */
  {
    sqlite3 *db = secuencia_test_open_db (fx->project_path);

    secuencia_test_exec_sql (db, "PRAGMA wal_checkpoint(TRUNCATE)");
    sqlite3_close (db);
  }
  g_assert_true (g_file_get_contents (fx->project_path, &bytes, &n_bytes, NULL));
  g_assert_cmpuint (n_bytes, >, 8192);
  for (gsize i = 100; i < n_bytes; i++)
    bytes[i] = (char) (i * 7919 % 251);
  g_file_set_contents (corrupt, bytes, n_bytes, NULL);
  error = export_expect_error (corrupt, id, fx->out);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROJECT);
  assert_message_has (error, "corrupt.secuencia");
  g_unlink (corrupt);
  /* SQLite's own sidecar files of that (WAL-mode) file, not export debris */
  {
    g_autofree char *wal = g_strconcat (corrupt, "-wal", NULL);
    g_autofree char *shm = g_strconcat (corrupt, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_clear_error (&error);

  assert_nothing_left (fx);
}

static void
test_locked_project (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = store_good_timeline (fx);
  sqlite3 *db = secuencia_test_open_db (fx->project_path);

  /* Another process holds the file exclusively (beyond the busy timeout). */
  secuencia_test_exec_sql (db, "PRAGMA locking_mode = EXCLUSIVE");
  secuencia_test_exec_sql (db, "BEGIN EXCLUSIVE");
  secuencia_test_exec_sql (db, "UPDATE timelines SET name = name");

  error = export_expect_error (fx->project_path, id, fx->out);
  secuencia_test_exec_sql (db, "COMMIT");
  sqlite3_close (db);

  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROJECT);
  assert_message_has (error, "test.secuencia");
  assert_nothing_left (fx);
}

/* No AAC encoder: run in a subprocess whose GStreamer sees no plugins. */
static void
test_no_encoder (Fixture       *fx,
                 gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *empty = g_build_filename (fx->dir, "no-plugins", NULL);
      g_autofree char *registry = g_build_filename (fx->dir, "registry.bin", NULL);
      gint64 id;

      /* GStreamer is not initialised yet in this process. */
      g_assert_cmpint (g_mkdir (empty, 0755), ==, 0);
      g_setenv ("GST_PLUGIN_SYSTEM_PATH_1_0", empty, TRUE);
      g_setenv ("GST_PLUGIN_PATH_1_0", empty, TRUE);
      g_setenv ("GST_REGISTRY_1_0", registry, TRUE);
      g_setenv ("GST_REGISTRY_FORK", "no", TRUE);

      id = store_good_timeline (fx);
      error = export_expect_error (fx->project_path, id, fx->out);
      g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_NO_ENCODER);
      assert_message_has (error, "gstreamer1.0-libav");
      g_unlink (registry);
      g_rmdir (empty);
      assert_nothing_left (fx);
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The fixture for test_no_encoder imports audio, which needs GStreamer; in
 * the subprocess the project is built without it. */
static void
fixture_set_up_no_gst (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autofree char *template = g_build_filename (test_root, "work-XXXXXX", NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  static const char wav_header[] = "RIFF....WAVEfmt ";

  g_assert_nonnull (g_mkdtemp (template));
  fx->dir = g_steal_pointer (&template);
  fx->project_path = g_build_filename (fx->dir, "test.secuencia", NULL);
  fx->out = g_build_filename (fx->dir, "out.m4a", NULL);
  fx->wav_path = NULL;

  project = secuencia_project_open (fx->project_path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  /* Assets inserted directly: no discovery needed; the encoder check
   * comes before anything reads them. */
  db = secuencia_test_open_db (fx->project_path);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "INSERT INTO assets (data, mime_type, duration_ns, file_name, content_hash, size, created_at) "
                   "VALUES (?, 'audio/x-wav', 2000000000, ?, ?, ?, 0)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; i < 2; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_blob (stmt, 1, wav_header, sizeof wav_header - 1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, i == 0 ? "src-tone.wav" : "src-tone.ogg", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, i == 0 ? "hash-a" : "hash-b", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, sizeof wav_header - 1);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      if (i == 0)
        fx->asset_wav = sqlite3_last_insert_rowid (db);
      else
        fx->asset_ogg = sqlite3_last_insert_rowid (db);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_file_set_contents (fx->out, "old contents", -1, &error);
  g_assert_no_error (error);
}

/* An existing destination is replaced only when asked for. */
static void
test_destination_exists (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = store_good_timeline (fx);

  error = export_expect_error_full (fx->project_path, id, fx->out, FALSE);
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_EXISTS);
  assert_message_has (error, "out.m4a");
  assert_message_has (error, "already exists");
  assert_nothing_left (fx);
}

static char *
sha256_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Never replaced, even when replacing is allowed: the project (by any
 * name: a hard link, a symbolic link), a file its audio came from (or a
 * copy), and anything that is not a regular file. */
static void
test_destination_protected (Fixture       *fx,
                            gconstpointer  data)
{
  gint64 id = store_good_timeline (fx);
  g_autofree char *project_sum = sha256_of (fx->project_path);
  g_autofree char *wav_sum = sha256_of (fx->wav_path);
  g_autofree char *hard_link = g_build_filename (fx->dir, "test.secuencia.m4a", NULL);
  g_autofree char *sym_link = g_build_filename (fx->dir, "src-link.m4a", NULL);
  g_autofree char *copy = g_build_filename (fx->dir, "src-copy.wav", NULL);
  g_autofree char *fifo = g_build_filename (fx->dir, "src-fifo.m4a", NULL);
  g_autofree char *wav_contents = NULL;
  gsize wav_length = 0;
  struct { const char *path; const char *needle; } cases[] = {
    { fx->project_path, "is the project" },
    { hard_link, "is the project" },
    { sym_link, "symbolic link" },
    { fx->wav_path, "src-tone.wav" },
    { copy, "src-tone.wav" },
    { fifo, "not a regular file" },
    { "/dev/null", "not a regular file" },
  };
  GStatBuf st;

  g_assert_cmpint (link (fx->project_path, hard_link), ==, 0);
  g_assert_cmpint (symlink (fx->project_path, sym_link), ==, 0);
  g_assert_true (g_file_get_contents (fx->wav_path, &wav_contents, &wav_length, NULL));
  g_assert_true (g_file_set_contents (copy, wav_contents, wav_length, NULL));
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = export_expect_error_full (fx->project_path, id, cases[i].path, TRUE);

      g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROTECTED);
      assert_message_has (error, cases[i].needle);
    }

  {
    g_autofree char *project_after = sha256_of (fx->project_path);
    g_autofree char *wav_after = sha256_of (fx->wav_path);
    g_autofree char *copy_after = sha256_of (copy);

    g_assert_cmpstr (project_after, ==, project_sum);
    g_assert_cmpstr (wav_after, ==, wav_sum);
    g_assert_cmpstr (copy_after, ==, wav_sum);
  }
  g_assert_true (g_file_test (sym_link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_unlink (hard_link);
  assert_nothing_left (fx);
}

int
main (int argc, char *argv[])
{
  g_autofree char *template = NULL;
  int ret;

  template = g_build_filename (g_getenv ("TMPDIR") ? g_getenv ("TMPDIR") : "/tmp",
                               "test-export-errors-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (template));
  test_root = g_strdup (template);
  test_tmpdir = g_build_filename (test_root, "tmp", NULL);
  g_assert_cmpint (g_mkdir (test_tmpdir, 0700), ==, 0);
  g_setenv ("TMPDIR", test_tmpdir, TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/export-errors/empty-timeline", test_empty_timeline);
  ADD ("/export-errors/unknown-timeline", test_unknown_timeline);
  ADD ("/export-errors/missing-asset", test_missing_asset);
  ADD ("/export-errors/empty-asset", test_empty_asset);
  ADD ("/export-errors/truncated-asset", test_truncated_asset);
  ADD ("/export-errors/not-audio", test_not_audio);
  ADD ("/export-errors/destination-missing", test_destination_missing);
  ADD ("/export-errors/destination-not-writable", test_destination_not_writable);
  ADD ("/export-errors/destination-exists", test_destination_exists);
  ADD ("/export-errors/destination-protected", test_destination_protected);
  ADD ("/export-errors/disk-full-destination", test_disk_full_destination);
  ADD ("/export-errors/disk-full-temp", test_disk_full_temp);
  ADD ("/export-errors/bad-project", test_bad_project);
  ADD ("/export-errors/locked-project", test_locked_project);
  g_test_add ("/export-errors/no-encoder", Fixture, NULL,
              fixture_set_up_no_gst, test_no_encoder, fixture_tear_down);
  /* Needs the mixdown to notice a source that ends early (last: a failure
   * here must not hide the others). */
  ADD ("/export-errors/truncated-asset-decoded", test_truncated_asset_decoded);
#undef ADD

  ret = g_test_run ();

  secuencia_test_rm_rf (test_root);
  g_free (test_root);
  g_free (test_tmpdir);

  return ret;
}
