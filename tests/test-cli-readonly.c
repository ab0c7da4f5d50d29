/* test-cli-readonly.c: secuencia-cli on a project it cannot write — in a
 * read-only folder, and a read-only file in a folder it can write. `info`
 * and `export` work (the export decoded and checked), every writing
 * command fails with a message naming the file and the cause, and nothing
 * changes: the folder lists the same names after as before (no -wal,
 * -shm, -journal or temporary file) and the project has the same bytes.
 * Read-only holds for root too (secuencia-test-readonly.h). */
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <gst/gst.h>

#include "secuencia-test-audio.h"
#include "secuencia-test-cli.h"
#include "secuencia-test-readonly.h"
#include "secuencia-test-util.h"

typedef struct
{
  char *dir;        /* writable: audio, specs, exports */
  char *ro_dir;     /* the project's folder */
  char *project;
  char *a_wav;
  char *b_wav;
  char *made_read_only;  /* what secuencia_test_readonly_make() was given */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("secuencia-cli-ro-XXXXXX", &error);
  g_assert_no_error (error);
  f->ro_dir = g_build_filename (f->dir, "shelf", NULL);
  g_assert_cmpint (g_mkdir (f->ro_dir, 0755), ==, 0);
  f->project = g_build_filename (f->ro_dir, "Play.secuencia", NULL);
  f->a_wav = g_build_filename (f->dir, "a.wav", NULL);
  f->b_wav = g_build_filename (f->dir, "b.wav", NULL);
  g_assert_true (secuencia_test_audio_write_tone (f->a_wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, 440, 1.0, 0.5, &error));
  g_assert_true (secuencia_test_audio_write_tone (f->b_wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, 660, 0.5, 0.5, &error));
  g_assert_no_error (error);

  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "new", f->project, "--name", "Play", NULL), ==, 0);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "add", f->project, f->a_wav,
                                           "--character", "ANA", "--text", "Hello", NULL), ==, 0);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "add", f->project, f->b_wav,
                                           "--character", "BEN", "--text", "Hi", NULL), ==, 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->made_read_only != NULL)
    secuencia_test_readonly_undo (f->made_read_only);
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->ro_dir);
  g_free (f->project);
  g_free (f->a_wav);
  g_free (f->b_wav);
  g_free (f->made_read_only);
}

static gboolean
make_read_only (Fixture    *f,
                const char *path)
{
  g_autofree char *reason = NULL;

  if (!secuencia_test_readonly_make (path, &reason))
    {
      g_test_skip (reason);
      return FALSE;
    }
  f->made_read_only = g_strdup (path);
  return TRUE;
}

/* The screenplay laid out with the CLI's default gap (0.25 s): 440 Hz for
 * 1 s, silence, 660 Hz for 0.5 s; 1.75 s in all. */
static void
check_export (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaTestPcm) pcm = secuencia_test_audio_decode_gst (path, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon ((double) pcm->n_frames / pcm->rate, 1.75, 0.005);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, 440, 0.25, 0.5), 0.5, 0.05);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 660, 0.25, 0.5), <, 0.01);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, 660, 1.35, 0.3), 0.5, 0.05);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 440, 1.35, 0.3), <, 0.01);
}

static void
expect_refused (Fixture    *f,
                const char *cause,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *cli = g_getenv ("SECUENCIA_CLI");
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, g_strdup (cli));
  va_start (args, cause);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (f->dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s %s: %s", (char *) argv->pdata[1], (char *) argv->pdata[2], err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  /* The file and the cause, in one line. */
  g_assert_nonnull (strstr (err, "“Play.secuencia”"));
  g_assert_nonnull (strstr (err, cause));
  g_assert_null (strstr (err, "unable to open"));
  g_assert_null (strstr (err, "attempt to write"));
}

/* The reading commands work, the writing ones are refused; nothing in
 * the project's folder changes. */
static void
check_read_only_project (Fixture    *f,
                         const char *cause)
{
  g_autofree char *before = secuencia_test_readonly_list (f->ro_dir);
  g_autofree char *hash = secuencia_test_readonly_hash (f->project);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *m4a = g_build_filename (f->dir, "play.m4a", NULL);
  g_autofree char *flac = g_build_filename (f->dir, "play.flac", NULL);
  g_autofree char *spec = g_build_filename (f->dir, "spec.json", NULL);
  g_autofree char *script = g_build_filename (f->dir, "play.fountain", NULL);
  g_autofree char *cover = g_build_filename (f->dir, "cover.png", NULL);
  g_autofree char *after = NULL;
  g_autofree char *hash_after = NULL;

  g_assert_true (g_file_set_contents (spec, "{\"name\": \"t\", \"clips\": [{\"file\": \"a.wav\", "
                                      "\"offset\": 0, \"source_start\": 0, \"duration\": 0.5, \"lane\": 0}]}", -1, NULL));
  g_assert_true (g_file_set_contents (script, "INT. HOUSE - NIGHT\n\nANA\nHello.\n", -1, NULL));
  g_assert_true (secuencia_test_write_image (cover, "png", 64, 64));

  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, &err, "info", f->project, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "ANA: Hello"));
  g_assert_nonnull (strstr (out, "BEN: Hi"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, &err, "info", f->project, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"Hello\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Export lays the screenplay out itself (nothing stored). */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "export", f->project, "-o", m4a, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "Exported the screenplay"));
  g_clear_pointer (&err, g_free);
  check_export (m4a);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "export", f->project, "-o", flac,
                                           "--split", "lanes", NULL), ==, 0);
  {
    g_autofree char *stem = g_build_filename (f->dir, "play-lane0.flac", NULL);

    g_assert_true (g_file_test (stem, G_FILE_TEST_IS_REGULAR));
    check_export (stem);
  }

  expect_refused (f, cause, "add", f->project, f->a_wav, NULL);
  expect_refused (f, cause, "set", f->project, "--title", "New", NULL);
  expect_refused (f, cause, "set", f->project, "--cover", cover, NULL);
  expect_refused (f, cause, "import-timeline", f->project, spec, NULL);
  expect_refused (f, cause, "import-script", f->project, script, NULL);
  expect_refused (f, cause, "voice", f->project, NULL);
  expect_refused (f, cause, "takes", f->project, "--line", "1", "--restore", "1", NULL);
  expect_refused (f, cause, "match-takes", f->project, f->dir, NULL);
  /* Listing the takes only reads. */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "takes", f->project, NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  after = secuencia_test_readonly_list (f->ro_dir);
  hash_after = secuencia_test_readonly_hash (f->project);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (hash_after, ==, hash);
}

static void
test_read_only_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *other = g_build_filename (f->ro_dir, "Other.secuencia", NULL);
  g_autofree char *err = NULL;

  if (!make_read_only (f, f->ro_dir))
    return;
  check_read_only_project (f, "read-only");

  /* No new project in a read-only folder either. */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "new", other, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“Other.secuencia”"));
  g_assert_nonnull (strstr (err, "read-only"));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
}

/* The file alone is read-only: SQLite could create its -wal and -shm in
 * the folder; the store must not let it. */
static void
test_read_only_file (Fixture *f, gconstpointer data)
{
  if (!make_read_only (f, f->project))
    return;
  check_read_only_project (f, "read-only");
}

/* A project whose last changes are still in its log (-wal, no -shm: the
 * writer was killed and the index lost) in a read-only folder: SQLite
 * cannot read it without writing beside it; the message says so. With
 * the -shm too, the changes are read. */
static void
test_log_left_behind (Fixture *f, gconstpointer data)
{
  g_autofree char *copy_dir = g_build_filename (f->dir, "copy", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "Play.secuencia", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db;

  g_assert_cmpint (g_mkdir (copy_dir, 0755), ==, 0);
  db = secuencia_test_open_db (f->project);
  secuencia_test_exec_sql (db, "PRAGMA wal_autocheckpoint = 0");
  secuencia_test_exec_sql (db, "UPDATE elements SET text = 'Changed' WHERE character = 'ANA'");
  /* While the writer still has it open: the file, its log, its index. */
  for (guint i = 0; i < 3; i++)
    {
      const char *suffix = (const char *[]) { "", "-wal", "-shm" }[i];
      g_autofree char *from = g_strconcat (f->project, suffix, NULL);
      g_autofree char *to = g_strconcat (copy, suffix, NULL);
      g_autofree char *bytes = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &bytes, &length, NULL));
      g_assert_true (g_file_set_contents (to, bytes, length, NULL));
    }
  sqlite3_close (db);

  if (!make_read_only (f, copy_dir))
    return;
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "info", copy, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "ANA: Changed"));
  g_clear_pointer (&out, g_free);
  secuencia_test_readonly_undo (copy_dir);
  g_clear_pointer (&f->made_read_only, g_free);

  {
    g_autofree char *shm = g_strconcat (copy, "-shm", NULL);

    g_assert_cmpint (g_unlink (shm), ==, 0);
  }
  if (!make_read_only (f, copy_dir))
    return;
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "info", copy, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“Play.secuencia”"));
  g_assert_nonnull (strstr (err, "not closed properly"));
}

int
main (int argc, char **argv)
{
  secuencia_test_readonly_init ();
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  g_test_add ("/cli-readonly/folder", Fixture, NULL, fixture_setup, test_read_only_folder, fixture_teardown);
  g_test_add ("/cli-readonly/file", Fixture, NULL, fixture_setup, test_read_only_file, fixture_teardown);
  g_test_add ("/cli-readonly/log-left-behind", Fixture, NULL, fixture_setup, test_log_left_behind, fixture_teardown);
  return g_test_run ();
}
