/* test-import.c: importing real audio files of several formats. */
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include <sys/stat.h>
#include <sqlite3.h>

#include "secuencia-project.h"
#include "secuencia-project-private.h"
#include "secuencia-test-audio.h"

typedef struct
{
  char             *dir;
  SecuenciaProject *project;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("secuencia-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "import.secuencia", NULL);
  f->project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->project);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

typedef struct
{
  SecuenciaTestFormat format;
  guint               rate;
  guint               channels;
  double              seconds;
  const char         *mime;
  double              tolerance_ms;   /* encoder delay/padding of lossy formats */
} Case;

static const Case cases[] = {
  { SECUENCIA_TEST_FORMAT_WAV16,          44100, 1, 1.5,  "audio/x-wav", 1 },
  { SECUENCIA_TEST_FORMAT_WAV16,          96000, 2, 0.75, "audio/x-wav", 1 },
  { SECUENCIA_TEST_FORMAT_WAV_F32,        48000, 2, 2.0,  "audio/x-wav", 1 },
  { SECUENCIA_TEST_FORMAT_FLAC,           48000, 2, 1.25, "audio/flac",  1 },
  { SECUENCIA_TEST_FORMAT_FLAC,           22050, 1, 0.5,  "audio/flac",  1 },
  { SECUENCIA_TEST_FORMAT_OGG_VORBIS,     44100, 2, 1.5,  "audio/ogg",   5 },
  { SECUENCIA_TEST_FORMAT_OGG_VORBIS,     48000, 1, 1.0,  "audio/ogg",   5 },
  /* No LAME/Xing gapless tag: the length includes encoder delay and padding
   * (576 + 529 samples + up to one 1152-sample frame). */
  { SECUENCIA_TEST_FORMAT_MP3_LAMEMP3ENC, 44100, 2, 2.0,  "audio/mpeg",  80 },
  { SECUENCIA_TEST_FORMAT_MP3_LAME,       48000, 1, 1.0,  "audio/mpeg",  60 },
  { SECUENCIA_TEST_FORMAT_M4A,            48000, 2, 1.0,  "audio/mp4",   50 },
  { SECUENCIA_TEST_FORMAT_M4A,            44100, 1, 1.5,  "audio/mp4",   50 },
};

static void
test_formats (Fixture *f, gconstpointer data)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) id_list = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("case%zu-%u-%uch.%s", i, c->rate, c->channels,
                                               secuencia_test_format_extension (c->format));
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(SecuenciaAssetInfo) info = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *hash = NULL;
      gsize length;
      gint64 id;
      double error_ms;

      /* A different tone per case so every file is distinct content. */
      if (!secuencia_test_audio_write_tone (path, c->format, c->rate, c->channels,
                                            300.0 + 50.0 * i, c->seconds, 0.5, &error))
        g_error ("cannot write %s: %s", name, error->message);

      id = secuencia_project_import_audio (f->project, file, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      g_assert_false (g_hash_table_contains (ids, &id));
      g_array_append_val (id_list, id);
      g_hash_table_add (ids, &g_array_index (id_list, gint64, id_list->len - 1));

      info = secuencia_project_get_asset (f->project, id, &error);
      g_assert_no_error (error);
      error_ms = (info->duration - c->seconds * SECUENCIA_TIME_SECOND) / (double) SECUENCIA_TIME_MSECOND;
      g_test_message ("%s: %s, %" G_GINT64_FORMAT " ns (%+.3f ms)", name, info->mime_type,
                      info->duration, error_ms);
      g_assert_cmpstr (info->mime_type, ==, c->mime);
      g_assert_cmpfloat (ABS (error_ms), <=, c->tolerance_ms);
      g_assert_cmpstr (info->file_name, ==, name);

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
      g_assert_cmpstr (info->content_hash, ==, hash);
      g_assert_cmpint (info->size, ==, (gint64) length);

      /* The stored bytes are the file's bytes. */
      {
        g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
        g_assert_true (secuencia_project_write_asset_to_stream (f->project, id, out, NULL, &error));
        g_assert_no_error (error);
        g_output_stream_close (out, NULL, NULL);
        g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, length);
        g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), length,
                         contents, length);
      }
    }

  {
    g_autoptr(GPtrArray) assets = secuencia_project_list_assets (f->project, NULL);
    g_assert_cmpuint (assets->len, ==, G_N_ELEMENTS (cases));
  }
}

static void
test_dedup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = g_build_filename (f->dir, "a.wav", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy-of-a.wav", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fcopy = g_file_new_for_path (copy);
  g_autoptr(GPtrArray) assets = NULL;
  gsize length;
  gint64 id1, id2, id3;

  g_assert_true (secuencia_test_audio_write_tone (a, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, 440, 0.5, 0.5, &error));
  g_assert_true (g_file_get_contents (a, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));

  id1 = secuencia_project_import_audio (f->project, fa, NULL, &error);
  id2 = secuencia_project_import_audio (f->project, fa, NULL, &error);
  id3 = secuencia_project_import_audio (f->project, fcopy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id1, >, 0);
  g_assert_cmpint (id2, ==, id1);
  g_assert_cmpint (id3, ==, id1);
  assets = secuencia_project_list_assets (f->project, NULL);
  g_assert_cmpuint (assets->len, ==, 1);
}

static void
expect_refused (Fixture *f, const char *name, const char *contents, gssize length, int code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) assets = NULL;

  if (contents != NULL)
    g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_cmpint (secuencia_project_import_audio (f->project, file, NULL, &error), ==, 0);
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  assets = secuencia_project_list_assets (f->project, NULL);
  g_assert_cmpuint (assets->len, ==, 0);
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  char noise[20000];

  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = (char) g_rand_int_range (rand, 0, 256);

  expect_refused (f, "notes.txt", "This is a plain text file, not audio.\n", -1,
                  SECUENCIA_PROJECT_ERROR_UNSUPPORTED_AUDIO);
  expect_refused (f, "empty.wav", "", 0, SECUENCIA_PROJECT_ERROR_UNSUPPORTED_AUDIO);
  expect_refused (f, "noise.mp3", noise, sizeof noise, SECUENCIA_PROJECT_ERROR_UNSUPPORTED_AUDIO);
  expect_refused (f, "missing.wav", NULL, 0, SECUENCIA_PROJECT_ERROR_NOT_FOUND);
}

static void
test_no_audio_stream (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (f->dir, "picture.png", NULL);
  g_autofree char *cmd = g_strdup_printf ("gst-launch-1.0 -q videotestsrc num-buffers=1 ! pngenc ! filesink location=%s", png);
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("gst-launch-1.0 could not make a PNG");
      return;
    }
  expect_refused (f, "picture.png", NULL, 0, SECUENCIA_PROJECT_ERROR_UNSUPPORTED_AUDIO);
}

static void
test_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *a = g_build_filename (f->dir, "a.wav", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (a);
  g_autoptr(GPtrArray) assets = NULL;

  g_assert_true (secuencia_test_audio_write_tone (a, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, 440, 0.5, 0.5, &error));
  g_cancellable_cancel (cancellable);
  g_assert_cmpint (secuencia_project_import_audio (f->project, file, cancellable, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assets = secuencia_project_list_assets (f->project, NULL);
  g_assert_cmpuint (assets->len, ==, 0);
}

/* Refused from the metadata alone, before anything is read: a device
 * (/dev/zero would be read forever), a pipe (opening it would block), a
 * folder, the project itself and its -wal, and a file larger than an
 * asset can be. */
static void
expect_invalid (Fixture *f, const char *path, const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) assets = NULL;

  g_assert_cmpint (secuencia_project_import_audio (f->project, file, NULL, &error), ==, 0);
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, needle));
  assets = secuencia_project_list_assets (f->project, NULL);
  g_assert_cmpuint (assets->len, ==, 0);
}

static void
test_not_importable (Fixture *f, gconstpointer data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.wav", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.wav", NULL);
  g_autofree char *wal = g_strconcat (secuencia_project_get_path (f->project), "-wal", NULL);
  g_autofree char *big = g_build_filename (f->dir, "big.wav", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  expect_invalid (f, "/dev/zero", "not a regular file");
  expect_invalid (f, fifo, "not a regular file");
  expect_invalid (f, folder, "folder");
  expect_invalid (f, secuencia_project_get_path (f->project), "the project");
  expect_invalid (f, wal, "the project");

  g_assert_true (secuencia_test_audio_write_tone (big, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, 440, 0.5, 0.5, &error));
  g_assert_no_error (error);
  sqlite3_limit (secuencia_project_get_db (f->project), SQLITE_LIMIT_LENGTH, 10000);
  expect_invalid (f, big, "too large");
  g_rmdir (folder);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/import/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("formats", test_formats);
  ADD ("dedup", test_dedup);
  ADD ("refused", test_refused);
  ADD ("no-audio-stream", test_no_audio_stream);
  ADD ("cancelled", test_cancelled);
  ADD ("not-importable", test_not_importable);
#undef ADD

  return g_test_run ();
}
