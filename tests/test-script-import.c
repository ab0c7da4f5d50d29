/* test-script-import.c: a Fountain script into a project (store and CLI):
 * kinds and details of elements, metadata, re-import keeping audio, all or
 * nothing, the v1 -> v2 migration, clips that know their line. */
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "secuencia-project.h"
#include "secuencia-project-private.h"
#include "secuencia-screenplay-converter.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"
#include "secuencia-test-cli.h"

typedef struct
{
  char             *dir;
  char             *path;
  SecuenciaProject *project;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("secuencia-script-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "play.secuencia", NULL);
  f->project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->project);
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GFile *
write_script (Fixture *f, const char *name, const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GFile *
corpus_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "fountain", name, NULL);
  return g_file_new_for_path (path);
}

static gint64
import_tone (Fixture *f, double frequency)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("tone%.0f.wav", frequency);
  g_autofree char *wav = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (wav);
  gint64 id;

  g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                  frequency, 0.25, 0.5, &error));
  g_assert_no_error (error);
  id = secuencia_project_import_audio (f->project, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *elements = secuencia_project_list_elements (f->project, &error);

  g_assert_no_error (error);
  return elements;
}

static SecuenciaElementInfo *
nth (GPtrArray *elements, guint i)
{
  g_assert_cmpuint (i, <, elements->len);
  return elements->pdata[i];
}

static void
test_import_corpus (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = corpus_file ("title-page.fountain");
  g_autoptr(GFile) dialogue = corpus_file ("dialogue.fountain");
  g_autoptr(SecuenciaFountainScript) script = NULL;
  g_autoptr(SecuenciaFountainScript) script2 = NULL;
  g_autoptr(GHashTable) metadata = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autofree char *name = NULL;
  guint n = 0, kept = 99;

  script = secuencia_project_import_script (f->project, file, &n, &kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (script);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (kept, ==, 0);

  metadata = secuencia_project_dup_all_metadata (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (metadata, "script.title"), ==, "BRICK & STEEL\nFULL RETIRED");
  g_assert_cmpstr (g_hash_table_lookup (metadata, "script.credit"), ==, "Written by");
  g_assert_cmpstr (g_hash_table_lookup (metadata, "script.author"), ==, "Stu Maschwitz\nand Ana Pérez");
  g_assert_cmpstr (g_hash_table_lookup (metadata, "script.draft date"), ==, "1/20/2012");
  g_assert_cmpstr (g_hash_table_lookup (metadata, "script.contact"), ==,
                   "Next Level Productions\n1588 Mission Dr.\nSolvang, CA 93463");
  /* the tags exports write */
  g_assert_cmpstr (g_hash_table_lookup (metadata, "title"), ==, "BRICK & STEEL FULL RETIRED");
  g_assert_cmpstr (g_hash_table_lookup (metadata, "artist"), ==, "Stu Maschwitz and Ana Pérez");
  g_assert_cmpuint (g_hash_table_size (metadata), ==, 9);
  name = secuencia_project_dup_name (f->project);
  g_assert_cmpstr (name, ==, "BRICK & STEEL");

  elements = list (f);
  g_assert_cmpuint (elements->len, ==, 3);
  g_assert_cmpint (nth (elements, 0)->kind, ==, SECUENCIA_ELEMENT_SCENE);
  g_assert_cmpstr (nth (elements, 0)->text, ==, "EXT. BRICK'S PATIO - DAY");
  g_assert_cmpint (nth (elements, 1)->kind, ==, SECUENCIA_ELEMENT_ACTION);
  g_assert_cmpint (nth (elements, 2)->kind, ==, SECUENCIA_ELEMENT_DIALOGUE);
  g_assert_cmpstr (nth (elements, 2)->character, ==, "BRICK");
  g_clear_pointer (&elements, g_ptr_array_unref);

  /* A second script replaces the first; the name the project took stays. */
  script2 = secuencia_project_import_script (f->project, dialogue, &n, NULL, NULL, &error);
  g_assert_no_error (error);
  elements = list (f);
  g_assert_cmpuint (elements->len, ==, n);
  g_assert_cmpuint (n, ==, 21);
  for (guint i = 0; i < elements->len; i++)
    g_assert_cmpint (nth (elements, i)->position, ==, i);
  g_assert_cmpstr (nth (elements, 3)->character, ==, "MARA");
  g_assert_cmpstr (nth (elements, 3)->extension, ==, "V.O.");
  g_assert_cmpstr (nth (elements, 3)->parenthetical, ==, "whispering");
  g_assert_cmpstr (nth (elements, 3)->text, ==, "He always says that.\nAlways.");
  g_assert_cmpstr (nth (elements, 10)->character, ==, "STEEL");
  /* dual dialogue: STEEL speaks at the same time as BRICK */
  g_assert_true (nth (elements, 10)->dual);
  g_assert_false (nth (elements, 9)->dual);
  for (guint i = 0; i < elements->len; i++)
    g_assert_true (nth (elements, i)->dual == (i == 10));
  g_clear_pointer (&metadata, g_hash_table_unref);
  metadata = secuencia_project_dup_all_metadata (f->project, &error);
  g_assert_cmpuint (g_hash_table_size (metadata), ==, 0);
  g_free (name);
  name = secuencia_project_dup_name (f->project);
  g_assert_cmpstr (name, ==, "BRICK & STEEL");
}

static const char script_v1[] =
  "Title: Take One\n"
  "\n"
  "INT. ROOM - DAY\n"
  "\n"
  "ANA\n"
  "Hello.\n"
  "\n"
  "BOB\n"
  "Hi.\n"
  "\n"
  "ANA\n"
  "How are you?\n"
  "\n"
  "BOB\n"
  "Hi.\n";

/* Edited: a line inserted at the top, ANA's question changed, the lines
 * reordered around it; BOB's repeated "Hi." must stay in order. */
static const char script_v2[] =
  "Title: Take Two\n"
  "\n"
  "INT. ROOM - DAY\n"
  "\n"
  "CARL\n"
  "Who is there?\n"
  "\n"
  "ANA\n"
  "Hello.\n"
  "\n"
  "BOB\n"
  "Hi.\n"
  "\n"
  "ANA\n"
  "How have you been?\n"
  "\n"
  "BOB\n"
  "Hi.\n";

static void
attach_audio (Fixture *f, const gint64 *assets)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) elements = list (f);

  for (guint i = 0; i < elements->len; i++)
    nth (elements, i)->asset_id = assets[i];
  g_assert_true (secuencia_project_replace_screenplay (f->project, elements, NULL, &error));
  g_assert_no_error (error);
}

static void
test_reimport_keeps_audio (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) v1 = write_script (f, "v1.fountain", script_v1);
  g_autoptr(GFile) v2 = write_script (f, "v2.fountain", script_v2);
  g_autoptr(SecuenciaFountainScript) s1 = NULL;
  g_autoptr(SecuenciaFountainScript) s2 = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GHashTable) metadata = NULL;
  gint64 a = import_tone (f, 300), b = import_tone (f, 400), c = import_tone (f, 500), d = import_tone (f, 600);
  guint kept = 0;

  s1 = secuencia_project_import_script (f->project, v1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    const gint64 assets[] = { 0, a, b, c, d };
    attach_audio (f, assets);
  }

  /* A tag set by hand survives re-imports. */
  g_assert_true (secuencia_project_set_metadata (f->project, "artist", "The Company", &error));
  g_assert_no_error (error);

  s2 = secuencia_project_import_script (f->project, v2, NULL, &kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept, ==, 3);
  elements = list (f);
  g_assert_cmpuint (elements->len, ==, 6);
  g_assert_cmpint (nth (elements, 0)->asset_id, ==, 0);   /* scene */
  g_assert_cmpint (nth (elements, 1)->asset_id, ==, 0);   /* CARL: new */
  g_assert_cmpint (nth (elements, 2)->asset_id, ==, a);   /* ANA: Hello. */
  g_assert_cmpint (nth (elements, 3)->asset_id, ==, b);   /* BOB: Hi. (first) */
  g_assert_cmpint (nth (elements, 4)->asset_id, ==, 0);   /* ANA: changed */
  g_assert_cmpint (nth (elements, 5)->asset_id, ==, d);   /* BOB: Hi. (second) */
  g_assert_cmpint (nth (elements, 3)->duration, ==, SECUENCIA_TIME_SECOND / 4);

  /* The project was named by the first import and keeps that name; the
   * metadata follows the script. */
  metadata = secuencia_project_dup_all_metadata (f->project, &error);
  g_assert_cmpstr (g_hash_table_lookup (metadata, "title"), ==, "Take Two");
  g_assert_cmpstr (g_hash_table_lookup (metadata, "script.title"), ==, "Take Two");
  g_assert_cmpstr (g_hash_table_lookup (metadata, "artist"), ==, "The Company");
  {
    g_autofree char *name = secuencia_project_dup_name (f->project);
    g_assert_cmpstr (name, ==, "Take One");
  }
}

static void
test_all_or_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) v1 = write_script (f, "v1.fountain", script_v1);
  g_autoptr(GFile) empty = write_script (f, "empty.fountain", "Title: Nothing\n\n[[only a note]]\n");
  g_autoptr(GFile) missing = write_script (f, "gone.fountain", "");
  g_autoptr(SecuenciaFountainScript) s1 = NULL;
  g_autoptr(SecuenciaFountainScript) s2 = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autoptr(GHashTable) metadata = NULL;

  s1 = secuencia_project_import_script (f->project, v1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  before = list (f);

  /* Nothing to import: refused, naming the file. */
  s2 = secuencia_project_import_script (f->project, empty, NULL, NULL, NULL, &error);
  g_assert_null (s2);
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "empty.fountain"));
  g_clear_error (&error);

  /* Unreadable: refused, naming the file. */
  g_file_delete (missing, NULL, NULL);
  s2 = secuencia_project_import_script (f->project, missing, NULL, NULL, NULL, &error);
  g_assert_null (s2);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone.fountain"));
  g_clear_error (&error);

  /* A failure after the old lines were deleted (the third new element
   * refers to an asset that does not exist) rolls everything back. */
  bad = list (f);
  nth (bad, 2)->asset_id = 4242;
  g_assert_false (secuencia_project_replace_screenplay (f->project, bad, NULL, &error));
  g_assert_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "4242"));
  g_clear_error (&error);
  g_assert_cmpint (nth (bad, 0)->id, ==, nth (before, 0)->id);   /* caller's copy restored */

  after = list (f);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    {
      g_assert_cmpint (nth (after, i)->id, ==, nth (before, i)->id);
      g_assert_cmpstr (nth (after, i)->text, ==, nth (before, i)->text);
    }
  metadata = secuencia_project_dup_all_metadata (f->project, &error);
  g_assert_cmpstr (g_hash_table_lookup (metadata, "title"), ==, "Take One");
}

/* A version 1 file (before kinds existed) opens as version 2 with every
 * element a dialogue line, and clips without a line. */
static void
test_migration_from_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("secuencia-script-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.secuencia", NULL);
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GHashTable) metadata = NULL;

  project = secuencia_project_open_with_migrations (path, SECUENCIA_PROJECT_OPEN_CREATE,
                                                    secuencia_project_migrations, 1, &error);
  g_assert_no_error (error);
  secuencia_test_exec_sql (secuencia_project_get_db (project),
                           "INSERT INTO elements (position, character, text) VALUES (0, 'ANA', 'Old line.')");
  g_clear_object (&project);

  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  elements = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (elements->len, ==, 1);
  g_assert_cmpint (nth (elements, 0)->kind, ==, SECUENCIA_ELEMENT_DIALOGUE);
  g_assert_cmpstr (nth (elements, 0)->text, ==, "Old line.");
  g_assert_cmpstr (nth (elements, 0)->parenthetical, ==, "");
  metadata = secuencia_project_dup_all_metadata (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (metadata), ==, 0);
  g_clear_object (&project);
  secuencia_test_rm_rf (dir);
}

/* Clips built from the screenplay know their line, through save and load;
 * a removed line leaves its clip without one. */
static void
test_clips_know_their_line (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) v1 = write_script (f, "v1.fountain", script_v1);
  g_autoptr(SecuenciaFountainScript) s1 = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  gint64 a = import_tone (f, 300), b = import_tone (f, 400);
  gint64 timeline_id;

  s1 = secuencia_project_import_script (f->project, v1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    const gint64 assets[] = { 0, a, 0, b, 0 };
    attach_audio (f, assets);
  }
  elements = list (f);
  timeline_id = secuencia_project_convert_screenplay (f->project, "t", 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  clips = secuencia_project_list_clips (f->project, timeline_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clips->len, ==, 2);
  g_assert_cmpint (((SecuenciaClip *) clips->pdata[0])->element_id, ==, nth (elements, 1)->id);
  g_assert_cmpint (((SecuenciaClip *) clips->pdata[1])->element_id, ==, nth (elements, 3)->id);
  g_clear_pointer (&clips, g_ptr_array_unref);

  g_assert_true (secuencia_project_remove_element (f->project, nth (elements, 1)->id, &error));
  clips = secuencia_project_list_clips (f->project, timeline_id, &error);
  g_assert_cmpint (((SecuenciaClip *) clips->pdata[0])->element_id, ==, 0);
  g_assert_cmpint (((SecuenciaClip *) clips->pdata[1])->element_id, ==, nth (elements, 3)->id);
  g_clear_pointer (&clips, g_ptr_array_unref);

  /* Importing the script again keeps the rows of unchanged lines, so their
   * clips stay linked; an edited line is a new row. */
  {
    g_autoptr(SecuenciaFountainScript) again = NULL;
    g_autoptr(SecuenciaFountainScript) edited = NULL;
    g_autoptr(GFile) v2 = write_script (f, "v2.fountain", script_v2);
    g_autoptr(GPtrArray) after = NULL;

    again = secuencia_project_import_script (f->project, v1, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    after = list (f);
    g_assert_cmpint (nth (after, 0)->id, ==, nth (elements, 0)->id);   /* the heading */
    g_assert_cmpint (nth (after, 3)->id, ==, nth (elements, 3)->id);
    clips = secuencia_project_list_clips (f->project, timeline_id, &error);
    g_assert_cmpint (((SecuenciaClip *) clips->pdata[1])->element_id, ==, nth (elements, 3)->id);
    g_clear_pointer (&clips, g_ptr_array_unref);

    edited = secuencia_project_import_script (f->project, v2, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    clips = secuencia_project_list_clips (f->project, timeline_id, &error);
    g_assert_cmpint (((SecuenciaClip *) clips->pdata[1])->element_id, ==, 0);
  }
}

static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("secuencia-script-cli-XXXXXX", &error);
  g_autofree char *malformed = g_test_build_filename (G_TEST_DIST, "data", "fountain", "malformed.fountain", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *project = g_build_filename (dir, "new.secuencia", NULL);

  /* A missing script: failure, no project file left behind. */
  g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "import-script", "new.secuencia", "nope.fountain", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "nope.fountain"));
  g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage. */
  g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "import-script", "new.secuencia", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A malformed script is imported as far as it goes; problems listed
   * with the file and line. */
  g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "import-script", "new.secuencia", malformed, NULL), ==, 0);
  g_assert_true (g_file_test (project, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (out, "Created project “Broken Things”"));
  g_assert_nonnull (strstr (out, "2 scenes, 7 lines of dialogue, 14 elements"));
  g_assert_nonnull (strstr (err, "malformed.fountain:7: "));
  g_assert_nonnull (strstr (err, "malformed.fountain:41: "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "info", "new.secuencia", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1. [scene] INT. ROOM - DAY"));
  g_assert_nonnull (strstr (out, "2. ANA: Hello."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A take for ANA's line added by hand, then the script again: the line
   * keeps it, and the export writes the captions asked for. */
  {
    g_autofree char *wav = g_build_filename (dir, "ana.wav", NULL);
    g_autofree char *vtt = NULL;
    g_autofree char *m4a = g_build_filename (dir, "out.m4a", NULL);
    g_autofree char *json = g_build_filename (dir, "out.m4a.timing.json", NULL);
    g_autofree char *chapters = g_build_filename (dir, "out.chapters.json", NULL);
    g_autofree char *srt = g_build_filename (dir, "out.srt", NULL);

    g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                    440, 0.5, 0.5, &error));
    g_assert_no_error (error);
    g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "add", "new.secuencia", "ana.wav",
                              "--character", "ANA", "--text", "Hello.", NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "import-script", "new.secuencia", malformed, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "; 1 lines kept their audio"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "export", "new.secuencia", "-o", "out.m4a",
                              "--captions", "vtt,nope", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "nope"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_false (g_file_test (m4a, G_FILE_TEST_EXISTS));

    g_assert_cmpint (secuencia_test_run_cli (dir, &out, &err, "export", "new.secuencia", "-o", "out.m4a",
                              "--captions", "vtt,json", "--chapters-json", NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_file_test (m4a, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (json, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (chapters, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (srt, G_FILE_TEST_EXISTS));
    {
      g_autofree char *vtt_path = g_build_filename (dir, "out.vtt", NULL);
      g_file_get_contents (vtt_path, &vtt, NULL, &error);
      g_assert_no_error (error);
    }
    g_assert_nonnull (strstr (vtt, "00:00:00.000 --> 00:00:00.500\n<v ANA>Hello.</v>\n"));
  }
  secuencia_test_rm_rf (dir);
}

/* Dual dialogue, stored and laid out: STEEL's line (cue with "^") starts
 * with BRICK's first run, on the next lane; what follows starts after
 * both. The exported mix has both voices at once (tones told apart by
 * frequency in the decoded file), and `info --json` says "dual". */
static gint64
import_tone_seconds (Fixture *f, double frequency, double seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("dual%.0f.wav", frequency);
  g_autofree char *wav = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (wav);
  gint64 id;

  g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                  frequency, seconds, 0.25, &error));
  g_assert_no_error (error);
  id = secuencia_project_import_audio (f->project, file, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_dual_dialogue (Fixture *f, gconstpointer data)
{
  static const struct { double frequency, seconds; } tones[] = {
    { 440, 0.5 }, { 550, 0.5 }, { 770, 0.8 }, { 990, 0.5 },
  };
  static const struct { double offset; int lane; } expected[] = {
    { 0.0, 0 }, { 0.75, 0 }, { 0.0, 1 }, { 1.5, 0 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = write_script (f, "dual.fountain",
                                        "INT. GARAGE - DAY\n\n"
                                        "BRICK\n(shouting)\nScrew retirement.\n(beat)\nReally.\n\n"
                                        "STEEL ^\nScrew retirement.\n\n"
                                        "BRICK\nAfter.\n");
  g_autoptr(SecuenciaFountainScript) script = NULL;
  g_autoptr(SecuenciaProject) reopened = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(SecuenciaTestPcm) pcm = NULL;
  g_autofree char *out = NULL;
  g_autofree char *wav = g_build_filename (f->dir, "dual-mix.wav", NULL);
  gint64 timeline_id;

  script = secuencia_project_import_script (f->project, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  elements = list (f);
  g_assert_cmpuint (elements->len, ==, 5);
  g_assert_cmpstr (nth (elements, 3)->character, ==, "STEEL");
  g_assert_true (nth (elements, 3)->dual);
  g_assert_false (nth (elements, 1)->dual || nth (elements, 2)->dual || nth (elements, 4)->dual);
  for (guint i = 0; i < G_N_ELEMENTS (tones); i++)
    g_assert_true (secuencia_project_set_element_audio (f->project, nth (elements, i + 1)->id,
                                                        import_tone_seconds (f, tones[i].frequency,
                                                                             tones[i].seconds),
                                                        FALSE, &error));

  /* stored: another connection reads it */
  reopened = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_clear_pointer (&elements, g_ptr_array_unref);
  elements = secuencia_project_list_elements (reopened, &error);
  g_assert_no_error (error);
  g_assert_true (nth (elements, 3)->dual);

  timeline_id = secuencia_project_convert_screenplay (f->project, "Dual", SECUENCIA_TIME_MSECOND * 250,
                                                      NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  clips = secuencia_project_list_clips (f->project, timeline_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clips->len, ==, 4);
  for (guint i = 0; i < clips->len; i++)
    {
      const SecuenciaClip *clip = clips->pdata[i];
      guint line = 0;

      while (nth (elements, line)->id != clip->element_id)
        line++;
      g_assert_cmpint (clip->offset, ==, (SecuenciaTime) (expected[line - 1].offset * SECUENCIA_TIME_SECOND));
      g_assert_cmpint (clip->lane, ==, expected[line - 1].lane);
    }

  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "info", f->path, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"dual\": true"));
  g_clear_pointer (&out, g_free);

  /* both voices in the mix at once */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "export", f->path, "-o", wav, NULL), ==, 0);
  pcm = secuencia_test_audio_decode_gst (wav, &error);
  g_assert_no_error (error);
  /* BRICK's first run and STEEL together */
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 440, 0.1, 0.3), >, 0.05);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 770, 0.1, 0.3), >, 0.05);
  /* STEEL's line starts with BRICK's: present in the first 50 ms */
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 770, 0.0, 0.05), >, 0.05);
  /* BRICK's second run after the gap, STEEL over by then */
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 550, 0.85, 0.3), >, 0.05);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 770, 0.85, 0.3), <, 0.01);
  /* the next line after both */
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 990, 1.55, 0.3), >, 0.05);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, 990, 1.2, 0.25), <, 0.01);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/script-import/corpus", Fixture, NULL, fixture_setup, test_import_corpus, fixture_teardown);
  g_test_add ("/script-import/reimport-keeps-audio", Fixture, NULL, fixture_setup,
              test_reimport_keeps_audio, fixture_teardown);
  g_test_add ("/script-import/all-or-nothing", Fixture, NULL, fixture_setup, test_all_or_nothing,
              fixture_teardown);
  g_test_add ("/script-import/clips-know-their-line", Fixture, NULL, fixture_setup,
              test_clips_know_their_line, fixture_teardown);
  g_test_add_func ("/script-import/migration-from-v1", test_migration_from_v1);
  g_test_add_func ("/script-import/cli", test_cli);
  g_test_add ("/script-import/dual-dialogue", Fixture, NULL, fixture_setup, test_dual_dialogue, fixture_teardown);
  return g_test_run ();
}
