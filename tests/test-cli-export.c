/* test-cli-export.c: `secuencia-cli export` end to end ($SECUENCIA_CLI):
 * from the screenplay and from a given timeline (the output decodes with
 * the right length and placement), SIGINT/SIGTERM mid-export (non-zero
 * exit, "Export cancelled", no output, no part or temp files), usage and
 * project errors. */

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include <gst/gst.h>

#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"
#include "secuencia-test-cli.h"

static char *test_root;

static const char *
cli_path (void)
{
  const char *cli = g_getenv ("SECUENCIA_CLI");

  if (cli == NULL)
    g_error ("SECUENCIA_CLI is not set (run through meson test)");
  return cli;
}



typedef struct
{
  char *dir;
  char *tmpdir;     /* the child's TMPDIR */
  char *project;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *template = g_build_filename (test_root, "work-XXXXXX", NULL);

  g_assert_nonnull (g_mkdtemp (template));
  fx->dir = g_steal_pointer (&template);
  fx->tmpdir = g_build_filename (fx->dir, "tmp", NULL);
  g_assert_cmpint (g_mkdir (fx->tmpdir, 0700), ==, 0);
  fx->project = g_build_filename (fx->dir, "play.secuencia", NULL);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  secuencia_test_rm_rf (fx->dir);
  g_free (fx->dir);
  g_free (fx->tmpdir);
  g_free (fx->project);
}

static GSubprocess *
spawn_cli (Fixture             *fx,
           GSubprocessFlags     flags,
           GError             **error,
           const char          *first_arg,
           ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) cli_path ());
  va_start (ap, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_subprocess_launcher_setenv (launcher, "TMPDIR", fx->tmpdir, TRUE);
  g_subprocess_launcher_set_cwd (launcher, fx->dir);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, error);
}

/* Run to completion (in the fixture's folder, with its TMPDIR); returns
 * the exit status, with stdout/stderr. */
static int
run_cli (Fixture  *fx,
         char    **out_stdout,
         char    **out_stderr,
         ...)
{
  va_list ap;
  int status;

  va_start (ap, out_stderr);
  status = secuencia_test_run_cli_va (fx->dir, fx->tmpdir, out_stdout, out_stderr, ap);
  va_end (ap);
  return status;
}

static char *
write_tone (Fixture    *fx,
            const char *name,
            double      frequency,
            double      seconds)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fx->dir, name, NULL);

  secuencia_test_audio_write_tone (path, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                   frequency, seconds, 0.5, &error);
  g_assert_no_error (error);
  return path;
}

/* Only the project (and its SQLite sidecar files), the inputs, the tmp dir
 * and @expected may be in the work dir. */
static void
assert_no_leftovers (Fixture    *fx,
                     const char *expected)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if ((expected && g_str_equal (name, expected)) ||
          g_str_has_prefix (name, "play.secuencia") ||
          g_str_has_prefix (name, "in-") ||
          g_str_equal (name, "spec.json") ||
          g_str_equal (name, "tmp"))
        continue;
      g_error ("unexpected file “%s” left in %s", name, fx->dir);
    }
  g_assert_cmpuint (secuencia_test_count_dir_entries (fx->tmpdir), ==, 0);
}

static SecuenciaTestPcm *
decode (const char *path)
{
  g_autoptr(GError) error = NULL;
  SecuenciaTestPcm *pcm = secuencia_test_audio_decode_gst (path, &error);

  g_assert_no_error (error);
  return pcm;
}

/* Three screenplay lines of 1 s with the default 0.25 s gap. */
static void
test_from_screenplay (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *a = write_tone (fx, "in-a.wav", 440, 1.0);
  g_autofree char *b = write_tone (fx, "in-b.wav", 660, 1.0);
  g_autofree char *c = write_tone (fx, "in-c.wav", 880, 1.0);
  g_autofree char *out = g_build_filename (fx->dir, "out.m4a", NULL);
  g_autofree char *err = NULL;
  g_autoptr(SecuenciaTestPcm) pcm = NULL;

  g_assert_cmpint (run_cli (fx, NULL, NULL, "new", fx->project, NULL), ==, 0);
  g_assert_cmpint (run_cli (fx, NULL, NULL, "add", fx->project, a, b, c, NULL), ==, 0);
  g_assert_cmpint (run_cli (fx, NULL, &err, "export", fx->project, "-o", out, NULL), ==, 0);

  /* Not a terminal: one line per stage, no carriage returns. */
  g_assert_nonnull (strstr (err, "Mixing and encoding"));
  g_assert_null (strchr (err, '\r'));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  assert_no_leftovers (fx, "out.m4a");

  pcm = decode (out);
  g_assert_cmpfloat_with_epsilon ((double) pcm->n_frames / pcm->rate, 3.5, 0.005);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, 440, 0.25, 0.5), 0.5, 0.05);
  g_assert_cmpfloat (secuencia_test_pcm_rms (pcm, (gsize) (1.05 * 48000), (gsize) (0.15 * 48000)), <, 0.003);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, 660, 1.5, 0.5), 0.5, 0.05);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 440, 1.5, 0.5), <, 0.01);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, 880, 2.75, 0.5), 0.5, 0.05);
  g_assert_cmpfloat_with_epsilon ((double) secuencia_test_pcm_onset (pcm, (gsize) (2.3 * 48000), 0.05) / 48000,
                                  2.5, 0.002);
}

static char *
import_timeline (Fixture    *fx,
                 const char *spec)
{
  g_autofree char *spec_path = g_build_filename (fx->dir, "spec.json", NULL);
  g_autofree char *out = NULL;
  g_auto(GStrv) words = NULL;
  guint n;

  g_assert_true (g_file_set_contents (spec_path, spec, -1, NULL));
  g_assert_cmpint (run_cli (fx, &out, NULL, "import-timeline", fx->project, spec_path, NULL), ==, 0);
  g_strstrip (out);
  words = g_strsplit_set (out, " \t\n", -1);
  n = g_strv_length (words);
  g_assert_cmpuint (n, >, 0);
  return g_strdup (words[n - 1]);
}

static void
test_with_timeline (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *a = write_tone (fx, "in-a.wav", 440, 2.0);
  g_autofree char *b = write_tone (fx, "in-b.wav", 660, 2.0);
  g_autofree char *out = g_build_filename (fx->dir, "out.m4a", NULL);
  g_autofree char *id = NULL;
  g_autoptr(SecuenciaTestPcm) pcm = NULL;

  id = import_timeline (fx,
    "{\"name\": \"T\", \"clips\": ["
    " {\"file\": \"in-a.wav\", \"offset\": 0.75, \"source_start\": 0.5, \"duration\": 1.0, \"lane\": 0},"
    " {\"file\": \"in-b.wav\", \"offset\": 1.25, \"source_start\": 0, \"duration\": 1.5, \"lane\": 1}"
    "]}");

  g_assert_cmpint (run_cli (fx, NULL, NULL, "export", fx->project, "-o", out,
                            "--timeline", id, "--bitrate", "128", "--rate", "44100",
                            "--no-limiter", NULL), ==, 0);
  assert_no_leftovers (fx, "out.m4a");

  pcm = decode (out);  /* resampled to 48 kHz by the helper */
  g_assert_cmpfloat_with_epsilon ((double) pcm->n_frames / pcm->rate, 2.75, 0.005);
  g_assert_cmpfloat (secuencia_test_pcm_rms (pcm, 0, (gsize) (0.7 * 48000)), <, 0.003);
  g_assert_cmpfloat_with_epsilon ((double) secuencia_test_pcm_onset (pcm, 0, 0.05) / 48000, 0.75, 0.002);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, 440, 1.3, 0.4), 0.5, 0.05);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, 660, 1.3, 0.4), 0.5, 0.05);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 440, 2.1, 0.4), <, 0.01);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, 660, 2.1, 0.4), 0.5, 0.05);
}

/* A signal mid-export: non-zero exit, "Export cancelled", nothing left. */
static void
test_signal (Fixture       *fx,
             gconstpointer  data)
{
  int signum = GPOINTER_TO_INT (data);
  g_autofree char *a = write_tone (fx, "in-a.wav", 440, 10.0);
  g_autofree char *out = g_build_filename (fx->dir, "out.m4a", NULL);
  g_autofree char *id = NULL;
  g_autoptr(GString) spec = g_string_new ("{\"name\": \"Long\", \"clips\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  gboolean signalled = FALSE;
  char *line;

  /* 10 minutes of timeline: long enough to be caught while encoding. */
  for (int i = 0; i < 60; i++)
    g_string_append_printf (spec, "%s{\"file\": \"in-a.wav\", \"offset\": %d, "
                            "\"source_start\": 0, \"duration\": 10, \"lane\": %d}",
                            i ? "," : "", i * 10, i % 2);
  g_string_append (spec, "]}");
  id = import_timeline (fx, spec->str);

  proc = spawn_cli (fx, G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                    "export", fx->project, "-o", out, "--timeline", id, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (proc));

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      g_string_append_printf (all, "%s\n", line);
      if (!signalled && strstr (line, "Mixing and encoding") != NULL)
        {
          g_subprocess_send_signal (proc, signum);
          signalled = TRUE;
        }
      g_free (line);
    }
  g_assert_no_error (error);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", all->str);

  g_assert_true (signalled);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 128 + signum);
  g_assert_nonnull (strstr (all->str, "Export cancelled"));
  g_assert_null (strstr (all->str, "Finished"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  assert_no_leftovers (fx, NULL);
}

static void
test_errors (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fx->dir, "out.m4a", NULL);
  g_autofree char *missing = g_build_filename (fx->dir, "missing.secuencia", NULL);
  g_autofree char *err = NULL;

  /* Usage */
  g_assert_cmpint (run_cli (fx, NULL, NULL, "export", fx->project, NULL), ==, 2);
  g_assert_cmpint (run_cli (fx, NULL, NULL, "export", "-o", out, NULL), ==, 2);
  g_assert_cmpint (run_cli (fx, NULL, NULL, "export", fx->project, "-o", out, "--bitrate", "lots", NULL), ==, 2);
  g_assert_cmpint (run_cli (fx, NULL, NULL, "export", fx->project, "-o", out, "--jobs", "0", NULL), ==, 2);
  g_assert_cmpint (run_cli (fx, NULL, NULL, "export", fx->project, "-o", out, "--jobs", "many", NULL), ==, 2);
  g_assert_cmpint (run_cli (fx, NULL, NULL, "export", fx->project, "-o", out, "--timeline", "x", NULL), ==, 2);

  /* No project; unknown timeline; a screenplay without audio. */
  g_assert_cmpint (run_cli (fx, NULL, &err, "export", missing, "-o", out, "--timeline", "1", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "missing.secuencia"));
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run_cli (fx, NULL, NULL, "new", fx->project, NULL), ==, 0);
  g_assert_cmpint (run_cli (fx, NULL, &err, "export", fx->project, "-o", out, "--timeline", "77", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "77"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fx, NULL, NULL, "export", fx->project, "-o", out, NULL), ==, 1);

  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  assert_no_leftovers (fx, NULL);
}

/* An existing file is replaced only with --force; the project and the
 * files its audio came from never. */
static void
test_overwrite (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *a = write_tone (fx, "in-a.wav", 440, 0.5);
  g_autofree char *out = g_build_filename (fx->dir, "out.m4a", NULL);
  g_autofree char *notes = g_build_filename (fx->dir, "in-notes.txt", NULL);
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *wav_before = NULL;
  g_autofree char *wav_after = NULL;
  g_autofree char *info = NULL;
  gsize wav_length = 0;

  g_assert_cmpint (run_cli (fx, NULL, NULL, "new", fx->project, NULL), ==, 0);
  g_assert_cmpint (run_cli (fx, NULL, NULL, "add", fx->project, a, "--text", "kept", NULL), ==, 0);
  g_assert_true (g_file_get_contents (a, &wav_before, &wav_length, NULL));

  /* An unrelated file: kept without --force, replaced with it. */
  /* (--format: a .txt name is otherwise refused as an unknown format) */
  g_assert_true (g_file_set_contents (notes, "my notes", -1, NULL));
  g_assert_cmpint (run_cli (fx, NULL, &err, "export", fx->project, "-o", notes, "--format", "m4a", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "in-notes.txt"));
  g_assert_nonnull (strstr (err, "already exists"));
  g_assert_nonnull (strstr (err, "--force"));
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_get_contents (notes, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "my notes");
  g_clear_pointer (&contents, g_free);
  g_assert_cmpint (run_cli (fx, NULL, NULL, "export", fx->project, "-o", notes, "--format", "m4a", "--force", NULL), ==, 0);
  g_assert_true (g_file_get_contents (notes, &contents, NULL, NULL));
  g_assert_cmpstr (contents, !=, "my notes");
  g_unlink (notes);

  /* The project itself and the audio it was made from: never. */
  g_assert_cmpint (run_cli (fx, NULL, &err, "export", fx->project, "-o", fx->project, "--format", "m4a",
                            "--force", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is the project"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fx, NULL, &err, "export", fx->project, "-o", a, "--force", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "in-a.wav"));
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_get_contents (a, &wav_after, NULL, NULL));
  g_assert_true (memcmp (wav_before, wav_after, wav_length) == 0);
  g_assert_cmpint (run_cli (fx, &info, NULL, "info", fx->project, NULL), ==, 0);
  g_assert_nonnull (strstr (info, "kept"));

  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  assert_no_leftovers (fx, NULL);
}

/* Every legal name exports (up to 255 bytes, ASCII or not): the part
 * file's name fits whatever the destination's, nothing hangs. */
static void
test_long_names (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *a = write_tone (fx, "in-a.wav", 440, 0.5);
  const guint lengths[] = { 238, 242, 243, 255 };

  g_assert_cmpint (run_cli (fx, NULL, NULL, "new", fx->project, NULL), ==, 0);
  g_assert_cmpint (run_cli (fx, NULL, NULL, "add", fx->project, a, NULL), ==, 0);

  for (guint i = 0; i <= G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr(GString) name = g_string_new (NULL);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(SecuenciaTestPcm) pcm = NULL;

      if (i < G_N_ELEMENTS (lengths))
        {
          while (name->len < lengths[i] - strlen (".m4a"))
            g_string_append_c (name, 'x');
        }
      else
        {
          /* 255 bytes of two-byte characters (and one ASCII) */
          g_string_append_c (name, 'y');
          while (name->len + strlen ("ñ") + strlen (".m4a") <= 255)
            g_string_append (name, "ñ");
        }
      g_string_append (name, ".m4a");
      g_test_message ("name of %" G_GSIZE_FORMAT " bytes", name->len);
      out = g_build_filename (fx->dir, name->str, NULL);

      g_assert_cmpint (run_cli (fx, NULL, &err, "export", fx->project, "-o", out, NULL), ==, 0);
      assert_no_leftovers (fx, name->str);
      /* (decoded under a short name: the decoding helper's URI of this one
       * would be too long for it) */
      {
        g_autofree char *short_name = g_build_filename (fx->dir, "in-decoded.m4a", NULL);

        g_assert_cmpint (g_rename (out, short_name), ==, 0);
        pcm = decode (short_name);
        g_unlink (short_name);
      }
      g_assert_cmpfloat_with_epsilon ((double) pcm->n_frames / pcm->rate, 0.5, 0.005);
    }

  /* With captions beside it (NAME.vtt, as long as NAME.m4a). */
  {
    g_autoptr(GString) name = g_string_new (NULL);
    g_autofree char *out = NULL;
    g_autofree char *vtt = NULL;

    while (name->len < 255 - strlen (".m4a"))
      g_string_append_c (name, 'z');
    vtt = g_build_filename (fx->dir, name->str, NULL);
    g_string_append (name, ".m4a");
    out = g_build_filename (fx->dir, name->str, NULL);
    g_string_append (g_string_assign (name, vtt), ".vtt");
    g_free (vtt);
    vtt = g_strdup (name->str);
    g_assert_cmpint (run_cli (fx, NULL, NULL, "export", fx->project, "-o", out, "--captions", "vtt", NULL), ==, 0);
    g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (vtt, G_FILE_TEST_IS_REGULAR));
    g_unlink (out);
    g_unlink (vtt);
    assert_no_leftovers (fx, NULL);
  }
}

/* --rate is checked against the encoder before anything is done, naming
 * the rates it takes; --bitrate above what the encoder delivers is capped,
 * saying so; exports without --timeline of a project with no timeline lay
 * the screenplay out in the worker and store nothing. */
static void
test_options_and_timeline_reuse (Fixture       *fx,
                                 gconstpointer  data)
{
  g_autofree char *a = write_tone (fx, "in-a.wav", 440, 0.5);
  g_autofree char *out = g_build_filename (fx->dir, "out.m4a", NULL);
  g_autofree char *err = NULL;
  g_autofree char *info = NULL;

  g_assert_cmpint (run_cli (fx, NULL, NULL, "new", fx->project, NULL), ==, 0);
  g_assert_cmpint (run_cli (fx, NULL, NULL, "add", fx->project, a, NULL), ==, 0);

  for (guint i = 0; i < 2; i++)
    {
      const char *rate = i == 0 ? "50000" : "12345";

      g_assert_cmpint (run_cli (fx, NULL, &err, "export", fx->project, "-o", out, "--rate", rate, NULL), ==, 2);
      g_assert_nonnull (strstr (err, rate));
      g_assert_nonnull (strstr (err, "44100"));
      g_assert_nonnull (strstr (err, "48000"));
      g_clear_pointer (&err, g_free);
    }
  g_assert_cmpint (run_cli (fx, &info, NULL, "info", fx->project, NULL), ==, 0);
  g_assert_nonnull (strstr (info, "Timelines: 0"));
  g_clear_pointer (&info, g_free);

  g_assert_cmpint (run_cli (fx, NULL, &err, "export", fx->project, "-o", out, "--bitrate", "512", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "--bitrate 512"));
  g_assert_nonnull (strstr (err, "320 kbit/s"));
  g_clear_pointer (&err, g_free);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (run_cli (fx, NULL, NULL, "export", fx->project, "-o", out, "--force", NULL), ==, 0);
  g_assert_cmpint (run_cli (fx, &info, NULL, "info", fx->project, NULL), ==, 0);
  g_assert_nonnull (strstr (info, "Timelines: 0"));
}

/* Without --timeline, the export is of the most recently edited timeline
 * (the one the window shows), not a fresh layout of the screenplay. */
static void
test_latest_timeline (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *a = write_tone (fx, "in-a.wav", 440, 0.5);
  g_autofree char *out = g_build_filename (fx->dir, "out.m4a", NULL);
  g_autofree char *err = NULL;
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(SecuenciaTestPcm) pcm = NULL;

  g_assert_cmpint (run_cli (fx, NULL, NULL, "new", fx->project, NULL), ==, 0);
  g_assert_cmpint (run_cli (fx, NULL, NULL, "add", fx->project, a, NULL), ==, 0);
  /* An edited arrangement: the same line 2 s into the timeline. */
  id = import_timeline (fx,
    "{\"name\": \"Edited\", \"clips\": ["
    " {\"file\": \"in-a.wav\", \"offset\": 2.0, \"source_start\": 0, \"duration\": 0.5, \"lane\": 0}"
    "]}");

  g_assert_cmpint (run_cli (fx, NULL, &err, "export", fx->project, "-o", out, NULL), ==, 0);
  expected = g_strdup_printf ("timeline %s", id);
  g_assert_nonnull (strstr (err, expected));
  pcm = decode (out);
  g_assert_cmpfloat_with_epsilon ((double) pcm->n_frames / pcm->rate, 2.5, 0.005);
  g_assert_cmpfloat_with_epsilon ((double) secuencia_test_pcm_onset (pcm, 0, 0.05) / 48000, 2.0, 0.002);
}

int
main (int argc, char *argv[])
{
  g_autofree char *template = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  template = g_build_filename (g_get_tmp_dir (), "test-cli-export-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (template));
  test_root = g_strdup (template);

  g_test_add ("/cli-export/from-screenplay", Fixture, NULL,
              fixture_set_up, test_from_screenplay, fixture_tear_down);
  g_test_add ("/cli-export/latest-timeline", Fixture, NULL,
              fixture_set_up, test_latest_timeline, fixture_tear_down);
  g_test_add ("/cli-export/with-timeline", Fixture, NULL,
              fixture_set_up, test_with_timeline, fixture_tear_down);
  g_test_add ("/cli-export/sigint", Fixture, GINT_TO_POINTER (SIGINT),
              fixture_set_up, test_signal, fixture_tear_down);
  g_test_add ("/cli-export/sigterm", Fixture, GINT_TO_POINTER (SIGTERM),
              fixture_set_up, test_signal, fixture_tear_down);
  g_test_add ("/cli-export/errors", Fixture, NULL,
              fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/cli-export/overwrite", Fixture, NULL,
              fixture_set_up, test_overwrite, fixture_tear_down);
  g_test_add ("/cli-export/long-names", Fixture, NULL,
              fixture_set_up, test_long_names, fixture_tear_down);
  g_test_add ("/cli-export/options-and-timeline-reuse", Fixture, NULL,
              fixture_set_up, test_options_and_timeline_reuse, fixture_tear_down);

  ret = g_test_run ();

  secuencia_test_rm_rf (test_root);
  g_free (test_root);

  return ret;
}
