/* test-project.c: the SQLite project store. */
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>
#include <gst/gst.h>

#include "secuencia-project.h"
#include "secuencia-project-private.h"
#include "secuencia-test-audio.h"

typedef struct
{
  char *dir;
  char *path;        /* a project path inside dir (not created) */
  char *wav;         /* a 1 s mono 44.1 kHz WAV */
  char *wav2;        /* a 2 s stereo 48 kHz WAV */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("secuencia-project-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.secuencia", NULL);
  f->wav = g_build_filename (f->dir, "one.wav", NULL);
  f->wav2 = g_build_filename (f->dir, "two.wav", NULL);
  g_assert_true (secuencia_test_audio_write_tone (f->wav, SECUENCIA_TEST_FORMAT_WAV16, 44100, 1,
                                                  440, 1.0, 0.5, &error));
  g_assert_no_error (error);
  g_assert_true (secuencia_test_audio_write_tone (f->wav2, SECUENCIA_TEST_FORMAT_WAV16, 48000, 2,
                                                  660, 2.0, 0.5, &error));
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_chmod (p, 0644);
      g_unlink (p);
    }
  g_chmod (dir, 0755);
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->wav);
  g_free (f->wav2);
}

static SecuenciaProject *
create_project (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SecuenciaProject *project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static gint64
import (SecuenciaProject *project, const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 id = secuencia_project_import_audio (project, file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static gint64
pragma_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
pragma_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* ---- schema ---- */

static void
test_schema (Fixture *f, gconstpointer data)
{
  g_autoptr(SecuenciaProject) project = create_project (f);
  sqlite3 *db = secuencia_project_get_db (project);
  g_autofree char *journal = pragma_text (db, "PRAGMA journal_mode");
  g_autofree char *name = NULL;
  static const struct { const char *table; const char *columns; } expected[] = {
    { "project", "key,value" },
    { "assets", "id,mime_type,duration_ns,file_name,content_hash,size,created_at,data" },
    { "elements", "id,position,character,text,asset_id,kind,parenthetical,extension,scene_number,audio_scratch,dual" },
    { "timelines", "id,name,created_at,modified_at,snapshot_owner" },
    { "clips", "id,timeline_id,asset_id,offset_ns,source_start_ns,duration_ns,lane,volume_db,muted,name,element_id" },
    { "metadata", "key,value,mime_type,data" },
  };

  g_assert_cmpint (pragma_int (db, "PRAGMA application_id"), ==, 0x53514E43);
  g_assert_cmpint (pragma_int (db, "PRAGMA user_version"), ==, SECUENCIA_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (pragma_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (pragma_int (db, "PRAGMA busy_timeout"), ==, 5000);
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM project WHERE key = 'created_at'"), ==, 1);

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT group_concat(name, ',') FROM pragma_table_info('%s')",
                                              expected[i].table);
      g_autofree char *columns = pragma_text (db, sql);
      g_assert_cmpstr (columns, ==, expected[i].columns);
    }
  /* Foreign keys as documented. */
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM pragma_foreign_key_list('clips') "
                                   "WHERE \"table\" = 'timelines' AND on_delete = 'CASCADE'"), ==, 1);
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM pragma_foreign_key_list('elements') "
                                   "WHERE \"table\" = 'assets' AND on_delete = 'SET NULL'"), ==, 1);
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM pragma_foreign_key_list('clips') "
                                   "WHERE \"table\" = 'elements' AND on_delete = 'SET NULL'"), ==, 1);

  /* Name: base name until set. */
  name = secuencia_project_dup_name (project);
  g_assert_cmpstr (name, ==, "test");
  g_clear_pointer (&name, g_free);
  g_assert_true (secuencia_project_set_name (project, "Mi obra", NULL));
  name = secuencia_project_dup_name (project);
  g_assert_cmpstr (name, ==, "Mi obra");
  g_assert_false (secuencia_project_is_read_only (project));
  g_assert_true (g_str_has_suffix (secuencia_project_get_path (project), "/test.secuencia"));
}

static void
test_open_missing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);

  g_assert_null (project);
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "test.secuencia"));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* ---- migrations ---- */

static const SecuenciaProjectMigration migrations_v1[] = {
  { 1, "CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
       "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);" },
};
static const SecuenciaProjectMigration migrations_v3[] = {
  { 1, "CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
       "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);" },
  { 2, "ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'unknown';" },
  { 3, "UPDATE notes SET author = 'migrated';"
       "CREATE TABLE tags (name TEXT);" },
};

static void
test_migrations (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  sqlite3 *db;

  /* A version-1 file of a "build" that knows version 1. */
  project = secuencia_project_open_with_migrations (f->path, SECUENCIA_PROJECT_OPEN_CREATE,
                                                    migrations_v1, 1, &error);
  g_assert_no_error (error);
  db = secuencia_project_get_db (project);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO notes (body) VALUES ('hello')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (pragma_int (db, "PRAGMA user_version"), ==, 1);
  g_clear_object (&project);

  /* Opened by a newer build: migrated 1 -> 2 -> 3, data kept. */
  project = secuencia_project_open_with_migrations (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT,
                                                    migrations_v3, 3, &error);
  g_assert_no_error (error);
  db = secuencia_project_get_db (project);
  g_assert_cmpint (pragma_int (db, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM notes WHERE body = 'hello' AND author = 'migrated'"), ==, 1);
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM tags"), ==, 0);
  g_clear_object (&project);

  /* A read-only connection cannot migrate an older file. */
  {
    g_autofree char *older = g_build_filename (f->dir, "older.secuencia", NULL);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    project = secuencia_project_open_with_migrations (older, SECUENCIA_PROJECT_OPEN_CREATE,
                                                      migrations_v1, 1, &error);
    g_assert_no_error (error);
    g_clear_object (&project);
    before = file_checksum (older);
    project = secuencia_project_open_with_migrations (older, SECUENCIA_PROJECT_OPEN_READ_ONLY,
                                                      migrations_v3, 3, &error);
    g_assert_null (project);
    g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, "older.secuencia"));
    g_clear_error (&error);
    after = file_checksum (older);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_too_new (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SecuenciaProjectMigration future[2] = {
    { 1, NULL },
    { SECUENCIA_PROJECT_SCHEMA_VERSION + 1, "CREATE TABLE future (x);" },
  };
  g_autoptr(SecuenciaProject) current = create_project (f);

  /* Write a real v1 project, then let a "future build" upgrade it. */
  import (current, f->wav);
  g_clear_object (&current);
  {
    /* Version 1 of the future build is ours (already applied). */
    future[0].sql = "SELECT 1";
    project = secuencia_project_open_with_migrations (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT,
                                                      future, 2, &error);
    g_assert_no_error (error);
    g_clear_object (&project);
  }

  before = file_checksum (f->path);
  for (int mode = 0; mode < 2; mode++)
    {
      project = secuencia_project_open (f->path, mode == 0 ? SECUENCIA_PROJECT_OPEN_DEFAULT
                                                           : SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
      g_assert_null (project);
      g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_TOO_NEW);
      g_assert_nonnull (strstr (error->message, "test.secuencia"));
      g_assert_nonnull (strstr (error->message, "newer"));
      g_clear_error (&error);
    }
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* The real migration path: a file with our application id at version 0
 * (a creation that was interrupted) is upgraded to the current schema. */
static void
test_migrate_version_zero (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1397837379", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  db = secuencia_project_get_db (project);
  g_assert_cmpint (pragma_int (db, "PRAGMA user_version"), ==, SECUENCIA_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'clips'"), ==, 1);
  import (project, f->wav);
}

/* Metadata: a schema-1 project gains the table (schema 3) when opened by this build;
 * text keys and the cover round-trip; a non-image cover is refused. */
static void
test_metadata (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(GBytes) cover = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);
  g_autofree char *value = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *name = NULL;
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0 };

  project = secuencia_project_open_with_migrations (f->path, SECUENCIA_PROJECT_OPEN_CREATE,
                                                    secuencia_project_migrations, 1, &error);
  g_assert_no_error (error);
  import (project, f->wav);
  g_clear_object (&project);

  project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma_int (secuencia_project_get_db (project), "PRAGMA user_version"), ==, SECUENCIA_PROJECT_SCHEMA_VERSION);
  value = secuencia_project_dup_metadata (project, SECUENCIA_METADATA_TITLE, &error);
  g_assert_no_error (error);
  g_assert_null (value);

  g_assert_true (secuencia_project_set_metadata (project, SECUENCIA_METADATA_TITLE, "Título", &error));
  g_assert_true (secuencia_project_set_metadata (project, SECUENCIA_METADATA_YEAR, "2026", &error));
  g_assert_true (secuencia_project_set_metadata (project, SECUENCIA_METADATA_YEAR, "2027", &error));
  g_assert_true (secuencia_project_set_metadata (project, SECUENCIA_METADATA_GENRE, "x", &error));
  g_assert_true (secuencia_project_set_metadata (project, SECUENCIA_METADATA_GENRE, NULL, &error));
  g_assert_no_error (error);
  cover = g_bytes_new_static (jpeg, sizeof jpeg);
  g_assert_true (secuencia_project_set_cover (project, cover, "front.jpg", &error));
  g_assert_no_error (error);

  g_assert_false (secuencia_project_set_cover (project, text, "notes.txt", &error));
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
  g_clear_error (&error);
  g_clear_object (&project);

  project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  all = secuencia_project_dup_all_metadata (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (all), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (all, "title"), ==, "Título");
  g_assert_cmpstr (g_hash_table_lookup (all, "year"), ==, "2027");
  back = secuencia_project_dup_cover (project, &mime, &name, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, cover));
  g_assert_cmpstr (mime, ==, "image/jpeg");
  g_assert_cmpstr (name, ==, "front.jpg");
}

/* ---- bad files ---- */

static void
expect_open_fails (const char *path, SecuenciaProjectOpenFlags flags, int code, const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *base = g_path_get_basename (path);

  project = secuencia_project_open (path, flags, &error);
  g_assert_null (project);
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, base));
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_not_a_project (Fixture *f, gconstpointer data)
{
  g_autofree char *random_path = g_build_filename (f->dir, "random.secuencia", NULL);
  g_autofree char *text_path = g_build_filename (f->dir, "text.secuencia", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *empty_path = g_build_filename (f->dir, "empty.secuencia", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 bytes[8192];
  sqlite3 *db = NULL;

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (random_path, (const char *) bytes, sizeof bytes, NULL));
  g_assert_true (g_file_set_contents (text_path, "hello, I am a text file\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));

  /* An SQLite database of another application. */
  g_assert_cmpint (sqlite3_open (other_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  for (int mode = 0; mode < 3; mode++)
    {
      SecuenciaProjectOpenFlags flags = mode == 0 ? SECUENCIA_PROJECT_OPEN_DEFAULT
                                      : mode == 1 ? SECUENCIA_PROJECT_OPEN_READ_ONLY
                                                  : SECUENCIA_PROJECT_OPEN_CREATE;
      expect_open_fails (random_path, flags, SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT, "not an SQLite database");
      expect_open_fails (text_path, flags, SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT, NULL);
      expect_open_fails (other_path, flags, SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT, "another application");
    }
  expect_open_fails (empty_path, SECUENCIA_PROJECT_OPEN_DEFAULT, SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT, "empty");
  expect_open_fails (empty_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT, "empty");
  /* A directory is not a project either. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SecuenciaProject) project = secuencia_project_open (f->dir, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
    g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT);
  }
}

/* A project with several pages of tables and a multi-page asset. */
static void
make_populated (Fixture *f)
{
  g_autoptr(SecuenciaProject) project = create_project (f);
  gint64 a = import (project, f->wav);
  import (project, f->wav2);

  for (int i = 0; i < 200; i++)
    {
      g_autofree char *text = g_strdup_printf ("Line number %d with some text to fill pages", i);
      g_assert_cmpint (secuencia_project_append_element (project, "ANA", text, a, NULL), >, 0);
    }
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Verdict;

static void
on_integrity (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Verdict *verdict = user_data;
  gboolean ok = secuencia_project_check_integrity_finish (result, &verdict->error);

  g_assert_null (object);
  g_assert_true (ok == (verdict->error == NULL));
  verdict->done = TRUE;
}

/* The verdict of the page check of @project. */
static GError *
wait_integrity (SecuenciaProject *project)
{
  Verdict verdict = { FALSE, NULL };

  secuencia_project_check_integrity_async (project, NULL, on_integrity, &verdict);
  while (!verdict.done)
    g_main_context_iteration (NULL, TRUE);
  return verdict.error;
}

/* Checked in the background: a corrupt file is either refused at open or
 * opened and then found corrupt, and nothing is written into it. */
static void
expect_found_corrupt_later (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *base = g_path_get_basename (path);

  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CHECK_IN_BACKGROUND, &error);
  if (project != NULL)
    {
      g_autoptr(GError) write_error = NULL;

      error = wait_integrity (project);
      g_assert_cmpint (secuencia_project_append_element (project, "ANA", "Written?", 0, &write_error), ==, 0);
      g_assert_error (write_error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_CORRUPT);
      g_assert_cmpstr (write_error->message, ==, error->message);
      g_clear_object (&project);
    }
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, base));
  g_assert_nonnull (strstr (error->message, "corrupt"));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_corrupt (Fixture *f, gconstpointer data)
{
  g_autofree char *contents = NULL;
  g_autofree char *overwritten = g_build_filename (f->dir, "overwritten.secuencia", NULL);
  g_autofree char *truncated = g_build_filename (f->dir, "truncated.secuencia", NULL);
  g_autofree char *zeroed = g_build_filename (f->dir, "zeroed.secuencia", NULL);
  gsize length = 0;
  int page_size = 4096;

  make_populated (f);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 20 * page_size);

  /* Truncated to a third: pages missing. */
  g_assert_true (g_file_set_contents (truncated, contents, length / 3, NULL));
  /* Garbage over pages 2..4 (schema and table roots). */
  {
    g_autofree char *copy = g_memdup2 (contents, length);
    for (int i = page_size; i < 4 * page_size; i++)
      copy[i] = (char) (i * 131 + 17);
    g_assert_true (g_file_set_contents (overwritten, copy, length, NULL));
  }
  /* Zeros over the middle of the file (inside the blob / b-trees). */
  {
    g_autofree char *copy = g_memdup2 (contents, length);
    memset (copy + (length / 2 / page_size) * page_size, 0, 3 * page_size);
    memset (copy + page_size, 0, page_size);
    g_assert_true (g_file_set_contents (zeroed, copy, length, NULL));
  }

  expect_open_fails (truncated, SECUENCIA_PROJECT_OPEN_DEFAULT, SECUENCIA_PROJECT_ERROR_CORRUPT, "corrupt");
  expect_open_fails (truncated, SECUENCIA_PROJECT_OPEN_READ_ONLY, SECUENCIA_PROJECT_ERROR_CORRUPT, "corrupt");
  expect_open_fails (overwritten, SECUENCIA_PROJECT_OPEN_DEFAULT, SECUENCIA_PROJECT_ERROR_CORRUPT, "corrupt");
  expect_open_fails (zeroed, SECUENCIA_PROJECT_OPEN_DEFAULT, SECUENCIA_PROJECT_ERROR_CORRUPT, "corrupt");

  /* The same files, checked while they are used. */
  expect_found_corrupt_later (truncated);
  expect_found_corrupt_later (overwritten);
  expect_found_corrupt_later (zeroed);

  /* A sound file passes, and is written as usual. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SecuenciaProject) project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_CHECK_IN_BACKGROUND,
                                                                  &error);

    g_assert_no_error (error);
    error = wait_integrity (project);
    g_assert_no_error (error);
    g_assert_cmpint (secuencia_project_append_element (project, "ANA", "Written.", 0, &error), >, 0);
    g_assert_no_error (error);
  }
}

/* ---- read-only and locked ---- */

static void
test_read_only_connection (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->wav2);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_populated (f);
  before = file_checksum (f->path);
  project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (secuencia_project_is_read_only (project));

  elements = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (elements->len, ==, 200);

  g_assert_cmpint (secuencia_project_append_element (project, "X", "y", 0, &error), ==, 0);
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "test.secuencia"));
  g_clear_error (&error);
  g_assert_false (secuencia_project_set_name (project, "x", &error));
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (secuencia_project_import_audio (project, file, NULL, &error), ==, 0);
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* Even raw SQL is refused by SQLite itself. */
  g_assert_cmpint (sqlite3_exec (secuencia_project_get_db (project), "DELETE FROM elements", NULL, NULL, NULL),
                   ==, SQLITE_READONLY);
  g_clear_object (&project);

  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_only_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;

  make_populated (f);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  if (access (f->path, W_OK) == 0)
    {
      g_chmod (f->dir, 0755);
      g_test_skip ("running with privileges that ignore file permissions (root)");
      return;
    }
  expect_open_fails (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT, SECUENCIA_PROJECT_ERROR_READ_ONLY, "read-only");
  /* Read-only opening works on a read-only file in a read-only folder. */
  project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_clear_object (&project);
  g_chmod (f->dir, 0755);
}

static void
test_locked (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = create_project (f);
  g_autoptr(GPtrArray) elements = NULL;
  sqlite3 *other = NULL;

  g_assert_cmpint (secuencia_project_append_element (project, "A", "before", 0, &error), >, 0);
  /* Another program holds the write lock. */
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  secuencia_project_set_busy_timeout (project, 100);
  g_assert_cmpint (secuencia_project_append_element (project, "A", "blocked", 0, &error), ==, 0);
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "test.secuencia"));
  g_clear_error (&error);
  /* Reading still works (WAL). */
  elements = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (elements->len, ==, 1);
  /* The connection is still usable after the lock goes away. */
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_cmpint (secuencia_project_append_element (project, "A", "after", 0, &error), >, 0);
  g_assert_no_error (error);
}

/* ---- concurrency ---- */

typedef struct
{
  char          *path;
  GMutex         mutex;
  GCond          cond;
  int            stage;       /* 1: reader has a snapshot; 2: writer committed */
  guint          first_count;
  guint          snapshot_count;
  guint          fresh_count;
  GError        *error;
} ReaderData;

static void
set_stage (ReaderData *d, int stage)
{
  g_mutex_lock (&d->mutex);
  d->stage = stage;
  g_cond_broadcast (&d->cond);
  g_mutex_unlock (&d->mutex);
}

static void
wait_stage (ReaderData *d, int stage)
{
  g_mutex_lock (&d->mutex);
  while (d->stage < stage)
    g_cond_wait (&d->cond, &d->mutex);
  g_mutex_unlock (&d->mutex);
}

static gpointer
reader_thread (gpointer user_data)
{
  ReaderData *d = user_data;
  g_autoptr(SecuenciaProject) reader = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;

  reader = secuencia_project_open (d->path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &d->error);
  if (reader == NULL)
    {
      set_stage (d, 1);
      return NULL;
    }
  if (!secuencia_project_begin_read (reader, &d->error))
    {
      set_stage (d, 1);
      return NULL;
    }
  a = secuencia_project_list_elements (reader, &d->error);
  d->first_count = a != NULL ? a->len : 0;
  set_stage (d, 1);

  wait_stage (d, 2);
  /* Same snapshot inside the read transaction... */
  b = secuencia_project_list_elements (reader, &d->error);
  d->snapshot_count = b != NULL ? b->len : 0;
  secuencia_project_end_read (reader);
  /* ...and the new data afterwards. */
  c = secuencia_project_list_elements (reader, d->error == NULL ? &d->error : NULL);
  d->fresh_count = c != NULL ? c->len : 0;
  return NULL;
}

typedef struct { ReaderData *d; int n; } WriteData;

static gboolean
write_many (SecuenciaProject *project, gpointer user_data, GError **error)
{
  WriteData *w = user_data;

  for (int i = 0; i < w->n; i++)
    if (secuencia_project_append_element (project, "B", "written while reading", 0, error) == 0)
      return FALSE;
  return TRUE;
}

static void
test_concurrent_read_only_connection (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) writer = NULL;
  ReaderData d = { 0 };
  WriteData w = { &d, 50 };
  GThread *thread;

  make_populated (f);
  writer = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* The writer holds a write transaction open while the reader opens. */
  d.path = f->path;
  g_mutex_init (&d.mutex);
  g_cond_init (&d.cond);
  thread = g_thread_new ("reader", reader_thread, &d);
  wait_stage (&d, 1);
  g_assert_true (secuencia_project_transaction (writer, write_many, &w, &error));
  g_assert_no_error (error);
  set_stage (&d, 2);
  g_thread_join (thread);

  g_assert_no_error (d.error);
  g_assert_cmpuint (d.first_count, ==, 200);
  g_assert_cmpuint (d.snapshot_count, ==, 200);
  g_assert_cmpuint (d.fresh_count, ==, 250);
  g_mutex_clear (&d.mutex);
  g_cond_clear (&d.cond);
}

static gboolean
fail_midway (SecuenciaProject *project, gpointer user_data, GError **error)
{
  g_assert_true (secuencia_project_in_transaction (project));
  g_assert_cmpint (secuencia_project_append_element (project, "C", "rolled back", 0, error), >, 0);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "deliberate");
  return FALSE;
}

static void
test_transaction_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = create_project (f);
  g_autoptr(GPtrArray) elements = NULL;

  g_assert_false (secuencia_project_transaction (project, fail_midway, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_false (secuencia_project_in_transaction (project));
  elements = secuencia_project_list_elements (project, NULL);
  g_assert_cmpuint (elements->len, ==, 0);
}

/* ---- checkpoint in a worker, on the same connection ---- */

typedef struct
{
  gboolean done;
  gboolean ok;
  gboolean complete;
} CheckpointRun;

static void
checkpoint_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CheckpointRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->ok = secuencia_project_checkpoint_finish (SECUENCIA_PROJECT (source), result,
                                                 &run->complete, &error);
  g_assert_no_error (error);
  run->done = TRUE;
}

static gboolean
checkpoint_now (SecuenciaProject *project, guint64 dev, guint64 ino)
{
  CheckpointRun run = { 0 };

  secuencia_project_checkpoint_async (project, dev, ino, NULL, checkpoint_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (run.ok);
  return run.complete;
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* The window empties the write-ahead log from a worker thread on its own
 * connection: it does, only into the file still at the path, and never
 * while the connection is reading (a statement of the caller's thread
 * open). */
static void
test_checkpoint_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = create_project (f);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  sqlite3 *db = secuencia_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (secuencia_project_append_element (project, "A", "one", 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (file_size (wal), >, 0);

  /* Another file at the path: nothing is done. */
  g_assert_false (checkpoint_now (project, st.st_dev, st.st_ino + 1));
  g_assert_cmpint (file_size (wal), >, 0);

  /* A read open on the connection: SQLite refuses, nothing is lost. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT text FROM elements", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_false (checkpoint_now (project, st.st_dev, st.st_ino));
  g_assert_cmpint (file_size (wal), >, 0);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "one");
  sqlite3_finalize (stmt);

  g_assert_true (checkpoint_now (project, st.st_dev, st.st_ino));
  g_assert_cmpint (file_size (wal), ==, 0);
  g_assert_cmpint (secuencia_project_append_element (project, "A", "two", 0, &error), >, 0);
  {
    g_autoptr(GPtrArray) elements = secuencia_project_list_elements (project, NULL);

    g_assert_cmpuint (elements->len, ==, 2);
  }
}

/* ---- a commit that does not wait for the disk ---- */

/* The default VFS with its files' xSync counted: what "waits for the disk"
 * means to SQLite. */
typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
} CountFile;

static sqlite3_vfs count_vfs;
static sqlite3_vfs *real_vfs;
static sqlite3_io_methods count_methods;
static guint n_syncs;

#define REAL(f) (((CountFile *) (f))->real)

static int count_close (sqlite3_file *f) { return REAL (f)->pMethods->xClose (REAL (f)); }
static int count_read (sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return REAL (f)->pMethods->xRead (REAL (f), b, n, o); }
static int count_write (sqlite3_file *f, const void *b, int n, sqlite3_int64 o) { return REAL (f)->pMethods->xWrite (REAL (f), b, n, o); }
static int count_truncate (sqlite3_file *f, sqlite3_int64 n) { return REAL (f)->pMethods->xTruncate (REAL (f), n); }
static int count_sync (sqlite3_file *f, int flags) { n_syncs++; return REAL (f)->pMethods->xSync (REAL (f), flags); }
static int count_file_size (sqlite3_file *f, sqlite3_int64 *n) { return REAL (f)->pMethods->xFileSize (REAL (f), n); }
static int count_lock (sqlite3_file *f, int l) { return REAL (f)->pMethods->xLock (REAL (f), l); }
static int count_unlock (sqlite3_file *f, int l) { return REAL (f)->pMethods->xUnlock (REAL (f), l); }
static int count_check_lock (sqlite3_file *f, int *r) { return REAL (f)->pMethods->xCheckReservedLock (REAL (f), r); }
static int count_control (sqlite3_file *f, int op, void *a) { return REAL (f)->pMethods->xFileControl (REAL (f), op, a); }
static int count_sector (sqlite3_file *f) { return REAL (f)->pMethods->xSectorSize (REAL (f)); }
static int count_device (sqlite3_file *f) { return REAL (f)->pMethods->xDeviceCharacteristics (REAL (f)); }
static int count_shm_map (sqlite3_file *f, int i, int n, int w, void volatile **p) { return REAL (f)->pMethods->xShmMap (REAL (f), i, n, w, p); }
static int count_shm_lock (sqlite3_file *f, int o, int n, int fl) { return REAL (f)->pMethods->xShmLock (REAL (f), o, n, fl); }
static void count_shm_barrier (sqlite3_file *f) { REAL (f)->pMethods->xShmBarrier (REAL (f)); }
static int count_shm_unmap (sqlite3_file *f, int d) { return REAL (f)->pMethods->xShmUnmap (REAL (f), d); }
static int count_fetch (sqlite3_file *f, sqlite3_int64 o, int n, void **p) { return REAL (f)->pMethods->xFetch (REAL (f), o, n, p); }
static int count_unfetch (sqlite3_file *f, sqlite3_int64 o, void *p) { return REAL (f)->pMethods->xUnfetch (REAL (f), o, p); }

static int
count_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  CountFile *c = (CountFile *) file;
  int rc;

  c->real = (sqlite3_file *) &c[1];
  rc = real_vfs->xOpen (real_vfs, name, c->real, flags, out_flags);
  c->base.pMethods = c->real->pMethods != NULL ? &count_methods : NULL;
  return rc;
}

static void
count_vfs_register (void)
{
  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  g_assert_cmpint (real_vfs->iVersion, >=, 3);
  count_vfs = *real_vfs;
  count_vfs.zName = "secuencia-test-count";
  count_vfs.szOsFile = sizeof (CountFile) + real_vfs->szOsFile;
  count_vfs.xOpen = count_open;
  count_methods = (sqlite3_io_methods) {
    3, count_close, count_read, count_write, count_truncate, count_sync, count_file_size,
    count_lock, count_unlock, count_check_lock, count_control, count_sector, count_device,
    count_shm_map, count_shm_lock, count_shm_barrier, count_shm_unmap, count_fetch, count_unfetch,
  };
  g_assert_cmpint (sqlite3_vfs_register (&count_vfs, 1), ==, SQLITE_OK);
}

static gboolean
append_one (SecuenciaProject *project, gpointer user_data, GError **error)
{
  return secuencia_project_append_element (project, "A", user_data, 0, error) > 0;
}

static gint64
count_elements (const char *path)
{
  sqlite3 *db = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  n = pragma_int (db, "SELECT count(*) FROM elements");
  sqlite3_close (db);
  return n;
}

/* secuencia_project_transaction_unsynced: the commit into an emptied log
 * (the window keeps it empty) does not wait for the disk, where an
 * ordinary one does (SQLite syncs the new log's header even with
 * synchronous = NORMAL); the rows are there for another connection; and
 * the connection is back to waiting for the disk afterwards. */
static void
test_transaction_unsynced (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  gboolean complete = FALSE;
  guint before;

  count_vfs_register ();
  project = create_project (f);
  g_assert_cmpint (secuencia_project_append_element (project, "A", "one", 0, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (secuencia_project_checkpoint (project, &complete, &error));
  g_assert_true (complete);
  before = n_syncs;
  g_assert_true (secuencia_project_transaction_unsynced (project, append_one, "two", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_syncs, ==, before);
  g_assert_cmpint (count_elements (f->path), ==, 2);

  g_assert_true (secuencia_project_checkpoint (project, &complete, &error));
  g_assert_true (complete);
  before = n_syncs;
  g_assert_true (secuencia_project_transaction (project, append_one, "three", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_syncs, >, before);
  g_assert_cmpint (count_elements (f->path), ==, 3);

  /* A failed one is undone, and leaves the connection waiting for the disk too. */
  g_assert_true (secuencia_project_checkpoint (project, &complete, &error));
  g_assert_false (secuencia_project_transaction_unsynced (project, fail_midway, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (count_elements (f->path), ==, 3);
  before = n_syncs;
  g_assert_true (secuencia_project_transaction (project, append_one, "four", &error));
  g_assert_cmpuint (n_syncs, >, before);

  g_clear_object (&project);
  sqlite3_vfs_unregister (&count_vfs);
}

/* ---- elements and timelines ---- */

static void
assert_order (SecuenciaProject *project, const char *expected)
{
  g_autoptr(GPtrArray) elements = secuencia_project_list_elements (project, NULL);
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < elements->len; i++)
    {
      const SecuenciaElementInfo *e = g_ptr_array_index (elements, i);
      g_assert_cmpint (e->position, ==, i);
      g_string_append (got, e->text);
    }
  g_assert_cmpstr (got->str, ==, expected);
}

static void
test_elements (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = create_project (f);
  g_autoptr(GPtrArray) elements = NULL;
  gint64 asset = import (project, f->wav2);
  gint64 a, b, c, d;

  a = secuencia_project_append_element (project, "ANA", "a", asset, &error);
  b = secuencia_project_append_element (project, "", "b", 0, &error);
  c = secuencia_project_append_element (project, "LUIS", "c", asset, &error);
  d = secuencia_project_append_element (project, "", "d", 0, &error);
  g_assert_no_error (error);
  assert_order (project, "abcd");

  elements = secuencia_project_list_elements (project, &error);
  g_assert_cmpint (((SecuenciaElementInfo *) elements->pdata[0])->asset_id, ==, asset);
  g_assert_cmpint (((SecuenciaElementInfo *) elements->pdata[0])->duration, ==, 2 * SECUENCIA_TIME_SECOND);
  g_assert_cmpstr (((SecuenciaElementInfo *) elements->pdata[0])->character, ==, "ANA");
  g_assert_cmpint (((SecuenciaElementInfo *) elements->pdata[1])->asset_id, ==, 0);
  g_assert_cmpint (((SecuenciaElementInfo *) elements->pdata[1])->duration, ==, 0);

  g_assert_true (secuencia_project_move_element (project, d, 0, &error));
  assert_order (project, "dabc");
  g_assert_true (secuencia_project_move_element (project, d, 3, &error));
  assert_order (project, "abcd");
  g_assert_true (secuencia_project_move_element (project, a, 2, &error));
  assert_order (project, "bcad");
  g_assert_no_error (error);
  g_assert_false (secuencia_project_move_element (project, a, 4, &error));
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  assert_order (project, "bcad");

  g_assert_true (secuencia_project_remove_element (project, c, &error));
  assert_order (project, "bad");
  g_assert_false (secuencia_project_remove_element (project, c, &error));
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Unknown asset. */
  g_assert_cmpint (secuencia_project_append_element (project, "", "x", 999, &error), ==, 0);
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
  assert_order (project, "bad");
  (void) b;
}

static void
test_timelines (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = create_project (f);
  g_autoptr(SecuenciaTimeline) timeline = secuencia_timeline_new ("Scene 1");
  g_autoptr(SecuenciaTimeline) loaded = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) timelines = NULL;
  g_autoptr(SecuenciaTimelineInfo) info = NULL;
  g_autoptr(SecuenciaClip) c = NULL;
  gint64 one = import (project, f->wav);
  gint64 two = import (project, f->wav2);
  gint64 id_a, id_b, timeline_id;

  secuencia_timeline_register_asset (timeline, one, SECUENCIA_TIME_SECOND);
  secuencia_timeline_register_asset (timeline, two, 2 * SECUENCIA_TIME_SECOND);
  c = secuencia_clip_new (one, 0, 250 * SECUENCIA_TIME_MSECOND, 500 * SECUENCIA_TIME_MSECOND, 0);
  c->volume_db = -3.0;
  g_free (c->name);
  c->name = g_strdup ("uno");
  id_a = secuencia_timeline_append (timeline, c, &error);
  c->asset_id = two;
  c->muted = TRUE;
  c->lane = -1;
  c->offset = 123456789;
  id_b = secuencia_timeline_insert (timeline, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id_a, <, 0);

  g_assert_true (secuencia_project_save_timeline (project, timeline, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  timeline_id = secuencia_timeline_get_id (timeline);
  g_assert_cmpint (timeline_id, >, 0);
  /* Provisional ids became row ids. */
  clips = secuencia_timeline_get_clips (timeline);
  for (guint i = 0; i < clips->len; i++)
    g_assert_cmpint (((SecuenciaClip *) clips->pdata[i])->id, >, 0);
  g_clear_pointer (&clips, g_ptr_array_unref);

  info = secuencia_project_get_timeline (project, timeline_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "Scene 1");
  g_assert_cmpuint (info->n_clips, ==, 2);
  g_assert_cmpint (info->duration, ==, 123456789 + 500 * SECUENCIA_TIME_MSECOND);
  g_assert_cmpint (info->created_at, >, 0);

  clips = secuencia_project_list_clips (project, timeline_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clips->len, ==, 2);
  {
    const SecuenciaClip *x = clips->pdata[0];
    const SecuenciaClip *y = clips->pdata[1];
    g_assert_cmpint (x->offset, ==, 0);
    g_assert_cmpint (x->source_start, ==, 250 * SECUENCIA_TIME_MSECOND);
    g_assert_cmpint (x->duration, ==, 500 * SECUENCIA_TIME_MSECOND);
    g_assert_cmpfloat (x->volume_db, ==, -3.0);
    g_assert_false (x->muted);
    g_assert_cmpstr (x->name, ==, "uno");
    g_assert_cmpint (y->offset, ==, 123456789);
    g_assert_cmpint (y->lane, ==, -1);
    g_assert_cmpint (y->asset_id, ==, two);
    g_assert_true (y->muted);
  }
  g_clear_pointer (&clips, g_ptr_array_unref);

  /* Round trip through load; edit; save again keeps ids. */
  loaded = secuencia_project_load_timeline (project, timeline_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (secuencia_timeline_get_n_clips (loaded), ==, 2);
  g_assert_cmpint (secuencia_timeline_get_asset_duration (loaded, two), ==, 2 * SECUENCIA_TIME_SECOND);
  {
    g_autoptr(GPtrArray) lc = secuencia_timeline_get_clips (loaded);
    gint64 first_id = ((SecuenciaClip *) lc->pdata[0])->id;
    g_assert_true (secuencia_timeline_move (loaded, first_id, SECUENCIA_TIME_SECOND, 2, &error));
    secuencia_timeline_set_name (loaded, "Scene 1b");
    g_assert_true (secuencia_project_save_timeline (project, loaded, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (secuencia_timeline_get_id (loaded), ==, timeline_id);
    clips = secuencia_project_list_clips (project, timeline_id, &error);
    g_assert_cmpuint (clips->len, ==, 2);
    g_assert_cmpint (((SecuenciaClip *) clips->pdata[1])->id, ==, first_id);
    g_assert_cmpint (((SecuenciaClip *) clips->pdata[1])->offset, ==, SECUENCIA_TIME_SECOND);
    g_assert_cmpint (((SecuenciaClip *) clips->pdata[1])->lane, ==, 2);
  }
  (void) id_b;

  timelines = secuencia_project_list_timelines (project, &error);
  g_assert_cmpuint (timelines->len, ==, 1);
  g_assert_cmpstr (((SecuenciaTimelineInfo *) timelines->pdata[0])->name, ==, "Scene 1b");

  /* Delete cascades to clips. */
  g_assert_true (secuencia_project_delete_timeline (project, timeline_id, &error));
  g_assert_cmpint (pragma_int (secuencia_project_get_db (project), "SELECT count(*) FROM clips"), ==, 0);
  g_assert_false (secuencia_project_delete_timeline (project, timeline_id, &error));
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (secuencia_project_list_clips (project, timeline_id, &error));
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (secuencia_project_load_timeline (project, timeline_id, &error));
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND);
}

static void
test_save_unknown_asset (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = create_project (f);
  g_autoptr(SecuenciaTimeline) timeline = secuencia_timeline_new ("Bad");
  g_autoptr(SecuenciaClip) c = secuencia_clip_new (4242, 0, 0, SECUENCIA_TIME_SECOND, 0);
  g_autoptr(GPtrArray) timelines = NULL;

  secuencia_timeline_register_asset (timeline, 4242, SECUENCIA_TIME_SECOND);
  g_assert_cmpint (secuencia_timeline_insert (timeline, c, &error), !=, 0);
  g_assert_false (secuencia_project_save_timeline (project, timeline, NULL, NULL, NULL, &error));
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "4242"));
  g_assert_cmpint (secuencia_timeline_get_id (timeline), ==, 0);
  timelines = secuencia_project_list_timelines (project, NULL);
  g_assert_cmpuint (timelines->len, ==, 0);
}

/* ---- chunked blob I/O ---- */

static gsize
peak_rss_kb (void)
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return (gsize) usage.ru_maxrss;
}

static void
write_wav_streaming (const char *path, guint seconds, guint rate, guint channels)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  description = g_strdup_printf ("audiotestsrc wave=sine freq=330 samplesperbuffer=%u num-buffers=%u "
                                 "! audio/x-raw,format=S16LE,rate=%u,channels=%u ! wavenc ! filesink location=\"%s\"",
                                 rate / 10, seconds * 10, rate, channels, path);
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (pipeline);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static void
test_large_asset_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = create_project (f);
  g_autofree char *big = g_build_filename (f->dir, "big.wav", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.wav", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(SecuenciaAssetInfo) info = NULL;
  g_autofree char *in_sum = NULL;
  g_autofree char *out_sum = NULL;
  gsize rss_before, rss_after;
  gint64 id, again;
  GStatBuf st;

  /* 60 s of 48 kHz stereo 16-bit (~11 MB), streamed by GStreamer so the
   * generation itself does not raise this process's peak memory. */
  write_wav_streaming (big, 60, 48000, 2);
  /* Warm up GstDiscoverer and the plugins before measuring. */
  import (project, f->wav);
  g_assert_cmpint (g_stat (big, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 10 * 1024 * 1024);
  in_sum = file_checksum (big);

  rss_before = peak_rss_kb ();
  id = import (project, big);
  /* Re-import is de-duplicated. */
  again = import (project, big);
  g_assert_cmpint (again, ==, id);

  info = secuencia_project_get_asset (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->size, ==, st.st_size);
  g_assert_cmpstr (info->content_hash, ==, in_sum);
  g_assert_cmpint (info->duration, ==, 60 * SECUENCIA_TIME_SECOND);
  g_assert_cmpstr (info->mime_type, ==, "audio/x-wav");
  g_assert_cmpstr (info->file_name, ==, "big.wav");

  stream = g_file_replace (out_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (secuencia_project_write_asset_to_stream (project, id, G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
  rss_after = peak_rss_kb ();

  out_sum = file_checksum (out);
  g_assert_cmpstr (out_sum, ==, in_sum);
  /* Chunked: the peak grew by much less than the file (SQLite's page
   * cache is bounded at ~2 MB by default). */
  g_test_message ("peak RSS grew by %zu kB for a %" G_GINT64_FORMAT " kB asset",
                  rss_after - rss_before, (gint64) st.st_size / 1024);
  g_assert_cmpuint (rss_after - rss_before, <, (gsize) st.st_size / 1024 / 2);

  /* Unknown asset. */
  {
    g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
    g_assert_false (secuencia_project_write_asset_to_stream (project, id + 100, mem, NULL, &error));
    g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_null (secuencia_project_get_asset (project, id + 100, &error));
    g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND);
  }
}

/* Undo of a removed line: it comes back with its id, place, kind, texts
 * and audio. */
static void
test_restore_element (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = create_project (f);
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(SecuenciaElementInfo) removed = NULL;
  gint64 asset = import (project, f->wav2);
  gint64 b, again;

  secuencia_project_append_element (project, "A", "a", 0, &error);
  b = secuencia_project_append_element (project, "B", "b", asset, &error);
  secuencia_project_append_element (project, "C", "c", 0, &error);
  g_assert_no_error (error);
  elements = secuencia_project_list_elements (project, &error);
  removed = secuencia_element_info_new (SECUENCIA_ELEMENT_DIALOGUE, "B", "b");
  removed->id = b;
  removed->position = 1;
  removed->asset_id = asset;
  g_free (removed->extension);
  removed->extension = g_strdup ("V.O.");

  g_assert_true (secuencia_project_remove_element (project, b, &error));
  assert_order (project, "ac");
  again = secuencia_project_restore_element (project, removed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, b);
  assert_order (project, "abc");
  g_clear_pointer (&elements, g_ptr_array_unref);
  elements = secuencia_project_list_elements (project, &error);
  g_assert_cmpint (((SecuenciaElementInfo *) elements->pdata[1])->asset_id, ==, asset);
  g_assert_cmpstr (((SecuenciaElementInfo *) elements->pdata[1])->extension, ==, "V.O.");

  /* Its id taken meanwhile: a new one; past the end: at the end. */
  removed->position = 10;
  again = secuencia_project_restore_element (project, removed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, !=, b);
  assert_order (project, "abcb");
}

/* Focused clip updates: changed rows written, removed rows deleted,
 * provisional ids become row ids, element links kept (and dropped when the
 * line goes), modified time touched. */
static void
test_update_clips (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = create_project (f);
  g_autoptr(SecuenciaTimeline) timeline = secuencia_timeline_new ("Edits");
  g_autoptr(SecuenciaTimeline) loaded = NULL;
  g_autoptr(SecuenciaClip) c = NULL;
  g_autoptr(SecuenciaClip) got = NULL;
  g_autoptr(SecuenciaTimelineInfo) before = NULL;
  g_autoptr(SecuenciaTimelineInfo) after = NULL;
  gint64 one = import (project, f->wav);
  gint64 line = secuencia_project_append_element (project, "ANA", "Hello", one, &error);
  gint64 a, b, n;

  g_assert_no_error (error);
  secuencia_timeline_register_asset (timeline, one, SECUENCIA_TIME_SECOND);
  c = secuencia_clip_new (one, 0, 0, 500 * SECUENCIA_TIME_MSECOND, 0);
  c->element_id = line;
  a = secuencia_timeline_insert (timeline, c, &error);
  c->element_id = 0;
  b = secuencia_timeline_insert (timeline, c, &error);
  g_assert_no_error (error);
  g_assert_true (secuencia_project_save_timeline (project, timeline, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) clips = secuencia_timeline_get_clips (timeline);
    a = ((SecuenciaClip *) clips->pdata[0])->element_id == line ? ((SecuenciaClip *) clips->pdata[0])->id
                                                                : ((SecuenciaClip *) clips->pdata[1])->id;
    b = ((SecuenciaClip *) clips->pdata[0])->id == a ? ((SecuenciaClip *) clips->pdata[1])->id
                                                     : ((SecuenciaClip *) clips->pdata[0])->id;
  }
  before = secuencia_project_get_timeline (project, secuencia_timeline_get_id (timeline), &error);

  /* Not saved yet: refused. */
  {
    g_autoptr(SecuenciaTimeline) unsaved = secuencia_timeline_new ("x");
    g_assert_false (secuencia_project_update_clips (project, unsaved, NULL, 0, NULL, 0, &error));
    g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID);
    g_clear_error (&error);
  }

  g_usleep (2);
  g_assert_true (secuencia_timeline_trim (timeline, a, SECUENCIA_TIME_SECOND, 100 * SECUENCIA_TIME_MSECOND,
                                          300 * SECUENCIA_TIME_MSECOND, &error));
  g_assert_true (secuencia_timeline_remove (timeline, b, FALSE, &error));
  c->offset = 7 * SECUENCIA_TIME_SECOND;
  n = secuencia_timeline_insert (timeline, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, <, 0);
  {
    gint64 changed[] = { a, n };
    g_assert_true (secuencia_project_update_clips (project, timeline, changed, 2, &b, 1, &error));
    g_assert_no_error (error);
    g_assert_cmpint (changed[0], ==, a);
    g_assert_cmpint (changed[1], >, 0);
    {
      g_autoptr(SecuenciaClip) added = secuencia_timeline_dup_clip (timeline, changed[1]);
      g_assert_nonnull (added);
    }
  }
  after = secuencia_project_get_timeline (project, secuencia_timeline_get_id (timeline), &error);
  g_assert_cmpint (after->modified_at, >, before->modified_at);
  g_assert_cmpuint (after->n_clips, ==, 2);

  loaded = secuencia_project_load_timeline (project, secuencia_timeline_get_id (timeline), &error);
  g_assert_no_error (error);
  got = secuencia_timeline_dup_clip (loaded, a);
  g_assert_nonnull (got);
  g_assert_cmpint (got->offset, ==, SECUENCIA_TIME_SECOND);
  g_assert_cmpint (got->source_start, ==, 100 * SECUENCIA_TIME_MSECOND);
  g_assert_cmpint (got->duration, ==, 300 * SECUENCIA_TIME_MSECOND);
  g_assert_cmpint (got->element_id, ==, line);
  g_assert_null (secuencia_timeline_dup_clip (loaded, b));
  {
    g_autoptr(GPtrArray) clips = secuencia_timeline_get_clips (timeline);
    for (guint i = 0; i < clips->len; i++)
      g_assert_cmpint (((SecuenciaClip *) clips->pdata[i])->id, >, 0);
  }

  /* Restoring a removed clip stores it again under its id. */
  g_clear_pointer (&got, secuencia_clip_free);
  c->offset = 0;
  c->id = b;
  g_assert_cmpint (secuencia_timeline_add_clip (timeline, c, &error), ==, b);
  g_assert_true (secuencia_project_update_clips (project, timeline, &b, 1, NULL, 0, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = secuencia_project_load_timeline (project, secuencia_timeline_get_id (timeline), &error);
  g_assert_cmpuint (secuencia_timeline_get_n_clips (loaded), ==, 3);

  /* Removing the line drops the link, not the clip. */
  g_assert_true (secuencia_project_remove_element (project, line, &error));
  g_clear_object (&loaded);
  loaded = secuencia_project_load_timeline (project, secuencia_timeline_get_id (timeline), &error);
  got = secuencia_timeline_dup_clip (loaded, a);
  g_assert_cmpint (got->element_id, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/project/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("schema", test_schema);
  ADD ("open-missing", test_open_missing);
  ADD ("migrations", test_migrations);
  ADD ("metadata", test_metadata);
  ADD ("migrate-version-zero", test_migrate_version_zero);
  ADD ("too-new", test_too_new);
  ADD ("not-a-project", test_not_a_project);
  ADD ("corrupt", test_corrupt);
  ADD ("read-only-connection", test_read_only_connection);
  ADD ("read-only-file", test_read_only_file);
  ADD ("locked", test_locked);
  ADD ("concurrent-read-only-connection", test_concurrent_read_only_connection);
  ADD ("transaction-rollback", test_transaction_rollback);
  ADD ("checkpoint-async", test_checkpoint_async);
  ADD ("transaction-unsynced", test_transaction_unsynced);
  ADD ("elements", test_elements);
  ADD ("timelines", test_timelines);
  ADD ("update-clips", test_update_clips);
  ADD ("restore-element", test_restore_element);
  ADD ("save-unknown-asset", test_save_unknown_asset);
  ADD ("large-asset-round-trip", test_large_asset_round_trip);
#undef ADD

  return g_test_run ();
}
