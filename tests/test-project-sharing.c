/* test-project-sharing.c: one project file used at once by this process
 * (two connections, as the window and its export worker) and by other
 * processes (secuencia-cli): nothing lost, nothing corrupted, and SQLite's
 * -wal / -shm files stay while anyone uses them and go with the last user. */
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "secuencia-project.h"
#include "secuencia-project-private.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"
#include "secuencia-test-cli.h"

typedef struct
{
  char *dir;
  char *path;
  char *wal;
  char *shm;
  char *wav;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("secuencia-sharing-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "shared.secuencia", NULL);
  f->wal = g_strconcat (f->path, "-wal", NULL);
  f->shm = g_strconcat (f->path, "-shm", NULL);
  f->wav = g_build_filename (f->dir, "line.wav", NULL);
  g_assert_true (secuencia_test_audio_write_tone (f->wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                  440, 0.5, 0.5, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->wal);
  g_free (f->shm);
  g_free (f->wav);
}

static void
append_lines (SecuenciaProject *project, const char *prefix, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("%s %u", prefix, i);

      g_assert_cmpint (secuencia_project_append_element (project, "A", text, 0, &error), >, 0);
      g_assert_no_error (error);
    }
}

static guint
count_occurrences (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The window holds a connection; its export worker opens and closes a
 * second one in the same process; then another process writes and closes.
 * The other process must not take the window's -wal / -shm away, and every
 * row the window writes afterwards must reach the file. */
static void
test_window_worker_and_cli (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) window = NULL;
  g_autoptr(SecuenciaProject) reopened = NULL;
  g_autofree char *out = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  window = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  append_lines (window, "window before", 3);
  g_assert_true (g_file_test (f->wal, G_FILE_TEST_EXISTS));

  /* The export worker: its own read-only connection, in this process. */
  {
    g_autoptr(SecuenciaProject) worker = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
    g_autoptr(GPtrArray) elements = NULL;

    g_assert_no_error (error);
    elements = secuencia_project_list_elements (worker, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (elements->len, ==, 3);
  }

  /* Another process adds a line and closes its connection. */
  g_assert_cmpint (secuencia_test_run_cli (NULL, NULL, NULL, "add", f->path, f->wav, "--text", "from the cli", NULL), ==, 0);
  g_assert_true (g_file_test (f->wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (f->shm, G_FILE_TEST_EXISTS));

  /* The window goes on writing; another process must see it all. */
  append_lines (window, "window after", 3);
  g_assert_cmpint (secuencia_test_run_cli (NULL, &out, NULL, "info", f->path, NULL), ==, 0);
  g_assert_cmpuint (count_occurrences (out, "window before"), ==, 3);
  g_assert_cmpuint (count_occurrences (out, "from the cli"), ==, 1);
  g_assert_cmpuint (count_occurrences (out, "window after"), ==, 3);

  /* The last user closes: the file is whole and nothing is left beside it. */
  g_clear_object (&window);
  g_assert_false (g_file_test (f->wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->shm, G_FILE_TEST_EXISTS));

  db = secuencia_test_open_db (f->path);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM elements", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 7);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Each CLI command, read-only ones included, is the last user when it
 * closes: SQLite's -wal and -shm go with it. */
static void
test_cli_leaves_nothing_beside (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (secuencia_test_run_cli (NULL, NULL, NULL, "new", f->path, NULL), ==, 0);
  g_assert_false (g_file_test (f->wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (secuencia_test_run_cli (NULL, NULL, NULL, "add", f->path, f->wav, NULL), ==, 0);
  g_assert_false (g_file_test (f->wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (secuencia_test_run_cli (NULL, NULL, NULL, "info", f->path, NULL), ==, 0);
  g_assert_false (g_file_test (f->wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->shm, G_FILE_TEST_EXISTS));
  {
    /* export: a read-write connection and the worker's, in one process */
    g_autofree char *out = g_build_filename (f->dir, "out.m4a", NULL);

    g_assert_cmpint (secuencia_test_run_cli (NULL, NULL, NULL, "export", f->path, "-o", out, NULL), ==, 0);
    g_assert_false (g_file_test (f->wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (f->shm, G_FILE_TEST_EXISTS));
  }

  /* Same in-process: a read-only connection closed last. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SecuenciaProject) reader = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
    g_autoptr(GPtrArray) elements = NULL;

    g_assert_no_error (error);
    elements = secuencia_project_list_elements (reader, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (elements->len, ==, 1);
    g_assert_true (secuencia_project_is_read_only (reader));
    /* Read-only is enforced, whatever the file's permissions. */
    g_assert_cmpint (secuencia_project_append_element (reader, "", "x", 0, &error), ==, 0);
    g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_READ_ONLY);
  }
  g_assert_false (g_file_test (f->wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->shm, G_FILE_TEST_EXISTS));
}

/* "New Project" over an existing name: replaced only when that very name
 * was confirmed, only a regular file, never one in use (its -wal/-shm
 * beside it: a new file would take that log as its own). */
static void
test_create_replacing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) in_use = NULL;
  g_autoptr(SecuenciaProject) created = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.secuencia", NULL);
  g_autofree char *notes = g_build_filename (f->dir, "notes.secuencia", NULL);

  /* Not confirmed: kept. */
  g_assert_true (g_file_set_contents (notes, "my notes", -1, NULL));
  g_assert_null (secuencia_project_create (notes, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (notes, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "my notes");

  /* Not a regular file: kept. */
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_null (secuencia_project_create (fifo, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  /* In use (open here, as in another window): kept, with its lines. */
  in_use = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  append_lines (in_use, "kept", 2);
  g_assert_null (secuencia_project_create (f->path, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  append_lines (in_use, "kept", 1);
  elements = secuencia_project_list_elements (in_use, &error);
  g_assert_cmpuint (elements->len, ==, 3);
  g_clear_object (&in_use);

  /* Confirmed, regular, unused: replaced by an empty project. */
  created = secuencia_project_create (notes, TRUE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&elements, g_ptr_array_unref);
  elements = secuencia_project_list_elements (created, &error);
  g_assert_cmpuint (elements->len, ==, 0);
  g_clear_object (&created);
  g_assert_cmpuint (secuencia_test_count_dir_entries (f->dir), ==, 4);  /* line.wav, shared, notes, pipe */
}

/* Save a copy (the window's "Save As" after the file went away) never
 * over a database in use (the open project itself included) nor anything
 * but a regular file; any legal name works. */
static void
test_save_copy_protected (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(SecuenciaProject) copy = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.secuencia", NULL);
  g_autofree char *long_path = NULL;

  project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  append_lines (project, "line", 2);

  g_assert_false (secuencia_project_save_copy (project, f->path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_false (secuencia_project_save_copy (project, fifo, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  /* The project is untouched and goes on. */
  append_lines (project, "line", 1);
  elements = secuencia_project_list_elements (project, &error);
  g_assert_cmpuint (elements->len, ==, 3);
  g_clear_pointer (&elements, g_ptr_array_unref);

  /* A name too long for SQLite's NAME-wal is refused, saying why... */
  while (name->len < 255 - strlen (".secuencia"))
    g_string_append_c (name, 'c');
  g_string_append (name, ".secuencia");
  long_path = g_build_filename (f->dir, name->str, NULL);
  g_assert_false (secuencia_project_save_copy (project, long_path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "251"));
  g_clear_error (&error);
  g_assert_null (secuencia_project_open (long_path, SECUENCIA_PROJECT_OPEN_CREATE, &error));
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (long_path, G_FILE_TEST_EXISTS));

  /* ...the longest that fits works (the copy's temporary name is short). */
  g_string_erase (name, 0, 4);
  g_clear_pointer (&long_path, g_free);
  long_path = g_build_filename (f->dir, name->str, NULL);
  g_assert_true (secuencia_project_save_copy (project, long_path, &error));
  g_assert_no_error (error);
  copy = secuencia_project_open (long_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  elements = secuencia_project_list_elements (copy, &error);
  g_assert_cmpuint (elements->len, ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/project-sharing/window-worker-and-cli", Fixture, NULL,
              fixture_setup, test_window_worker_and_cli, fixture_teardown);
  g_test_add ("/project-sharing/cli-leaves-nothing-beside", Fixture, NULL,
              fixture_setup, test_cli_leaves_nothing_beside, fixture_teardown);
  g_test_add ("/project-sharing/create-replacing", Fixture, NULL,
              fixture_setup, test_create_replacing, fixture_teardown);
  g_test_add ("/project-sharing/save-copy-protected", Fixture, NULL,
              fixture_setup, test_save_copy_protected, fixture_teardown);
  return g_test_run ();
}
