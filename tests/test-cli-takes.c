/* test-cli-takes.c: `secuencia-cli match-takes` and `takes` on a script
 * project and a folder of recordings: --dry-run changes nothing; applying
 * gives the matched lines their recordings (kept earlier takes listed by
 * `takes`); --restore brings one back; a corrupt file among the matches
 * leaves every line as it was and names the file. */
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <gst/gst.h>
#include <string.h>

#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-cli.h"
#include "secuencia-test-util.h"

static const char script[] =
  "INT. KITCHEN - DAY\n\n"
  "ANA\nHola.\n\n"
  "BOB\nHi.\n\n"
  "ANA\nBye.\n";

static void
tone (const char *folder, const char *name, double hz)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (folder, name, NULL);

  g_assert_true (secuencia_test_audio_write_tone (path, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, hz, 0.3, 0.3, &error));
  g_assert_no_error (error);
}

/* "file|file|…": each dialogue line's audio file name ("" for none). */
static char *
audio_of_lines (const char *project_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = secuencia_project_open (project_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  g_assert_no_error (error);
  elements = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < elements->len; i++)
    {
      const SecuenciaElementInfo *info = elements->pdata[i];
      g_autoptr(SecuenciaAssetInfo) asset = NULL;

      if (info->kind != SECUENCIA_ELEMENT_DIALOGUE)
        continue;
      if (n++ > 0)
        g_string_append_c (out, '|');
      if (info->asset_id != 0)
        {
          asset = secuencia_project_get_asset (project, info->asset_id, &error);
          g_assert_no_error (error);
          g_string_append (out, asset->file_name);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_match_and_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("secuencia-cli-takes-XXXXXX", &error);
  g_autofree char *script_path = g_build_filename (dir, "play.fountain", NULL);
  g_autofree char *folder = g_build_filename (dir, "recordings", NULL);
  g_autofree char *folder2 = g_build_filename (dir, "retakes", NULL);
  g_autofree char *project_path = g_build_filename (dir, "play.secuencia", NULL);
  g_autofree char *out = NULL, *err = NULL, *audio = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (script_path, script, -1, NULL));
  g_assert_cmpint (secuencia_test_run_cli (dir, NULL, NULL, "import-script", "play.secuencia", "play.fountain", NULL), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  tone (folder, "S01_L01.wav", 440);
  tone (folder, "bob_1.wav", 550);
  tone (folder, "intro.wav", 330);

  /* --dry-run: the matches, nothing changed */
  g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "match-takes", "play.secuencia", "recordings",
                                           "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "S01_L01.wav → line"));
  g_assert_nonnull (strstr (out, "ANA: Hola."));
  g_assert_nonnull (strstr (out, "bob_1.wav → line"));
  g_assert_nonnull (strstr (out, "intro.wav: not matched"));
  g_assert_nonnull (strstr (out, "2 recordings match a line; 1 line has none"));
  audio = audio_of_lines (project_path);
  g_assert_cmpstr (audio, ==, "||");
  g_clear_pointer (&audio, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "match-takes", "play.secuencia", "recordings", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Replaced 2 takes"));
  audio = audio_of_lines (project_path);
  g_assert_cmpstr (audio, ==, "S01_L01.wav|bob_1.wav|");
  g_clear_pointer (&audio, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* retakes: one good, one corrupt: nothing changes, the file is named */
  g_assert_cmpint (g_mkdir (folder2, 0700), ==, 0);
  tone (folder2, "ana_1_take2.wav", 660);
  {
    g_autofree char *bad = g_build_filename (folder2, "ana_2.wav", NULL);
    g_assert_true (g_file_set_contents (bad, "RIFF\x10\0\0\0WAVEnot audio", 24, NULL));
  }
  g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "match-takes", "play.secuencia", "retakes", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "ana_2.wav"));
  audio = audio_of_lines (project_path);
  g_assert_cmpstr (audio, ==, "S01_L01.wav|bob_1.wav|");
  g_clear_pointer (&audio, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *bad = g_build_filename (folder2, "ana_2.wav", NULL);
    g_unlink (bad);
  }
  g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "match-takes", "play.secuencia", "retakes", NULL), ==, 0);
  audio = audio_of_lines (project_path);
  g_assert_cmpstr (audio, ==, "ana_1_take2.wav|bob_1.wav|");
  g_clear_pointer (&audio, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* takes lists the earlier one; --restore brings it back */
  g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "takes", "play.secuencia", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "current: "));
  g_assert_nonnull (strstr (out, "ana_1_take2.wav"));
  {
    const char *earlier = strstr (out, "earlier: ");
    g_autofree char *line_id = NULL;
    g_autofree char *asset_id = NULL;
    const char *line_start;

    g_assert_nonnull (earlier);
    g_assert_nonnull (strstr (earlier, "S01_L01.wav"));
    asset_id = g_strdup_printf ("%" G_GINT64_FORMAT, g_ascii_strtoll (earlier + strlen ("earlier: "), NULL, 10));
    g_assert_cmpstr (asset_id, !=, "0");
    /* the line's id starts the line's row, above */
    line_start = out;
    for (const char *p = out; p < earlier; p++)
      if (*p == '\n' && p[1] != '\t')
        line_start = p + 1;
    line_id = g_strdup_printf ("%" G_GINT64_FORMAT, g_ascii_strtoll (line_start, NULL, 10));
    g_assert_cmpstr (line_id, !=, "0");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "takes", "play.secuencia", "--line", line_id,
                                             "--restore", asset_id, NULL), ==, 0);
    audio = audio_of_lines (project_path);
    g_assert_cmpstr (audio, ==, "S01_L01.wav|bob_1.wav|");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    /* a take the line does not have: an error, nothing changes */
    g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "takes", "play.secuencia", "--line", line_id,
                                             "--restore", "9999", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "9999"));
  }
  g_assert_cmpint (secuencia_test_run_cli (dir, NULL, NULL, "takes", "play.secuencia", "--restore", "1", NULL), ==, 2);
  secuencia_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);
  g_test_add_func ("/cli-takes/match-and-restore", test_match_and_restore);
  return g_test_run ();
}
