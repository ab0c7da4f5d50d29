/* test-cli.c: secuencia-cli end to end ($SECUENCIA_CLI). */
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "secuencia-project.h"
#include "secuencia-peaks-computer.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"
#include "secuencia-test-cli.h"

typedef struct
{
  char *dir;
  char *project;     /* dir/p.secuencia (not created) */
  char *wav_a;       /* 1.0 s */
  char *wav_b;       /* 0.5 s, in a sub-folder "audio" */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = NULL;

  f->dir = g_dir_make_tmp ("secuencia-cli-XXXXXX", &error);
  g_assert_no_error (error);
  sub = g_build_filename (f->dir, "audio", NULL);
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  f->project = g_build_filename (f->dir, "p.secuencia", NULL);
  f->wav_a = g_build_filename (f->dir, "a.wav", NULL);
  f->wav_b = g_build_filename (sub, "b.wav", NULL);
  g_assert_true (secuencia_test_audio_write_tone (f->wav_a, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, 440, 1.0, 0.5, &error));
  g_assert_true (secuencia_test_audio_write_tone (f->wav_b, SECUENCIA_TEST_FORMAT_WAV16, 44100, 2, 550, 0.5, 0.5, &error));
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->project);
  g_free (f->wav_a);
  g_free (f->wav_b);
}

static char *
checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static char *
last_word (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *space = strrchr (copy, ' ');
  const char *newline = strrchr (copy, '\n');
  const char *start = MAX (space, newline);

  return g_strdup (start != NULL ? start + 1 : copy);
}

static void
write_spec (const char *path, const char *json)
{
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
}

/* ---- tests ---- */

static void
test_help (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "--help", NULL), ==, 0);
  for (const char *const *c = (const char *const[]) { "new", "add", "import-timeline", "info", NULL }; *c; c++)
    g_assert_nonnull (strstr (out, *c));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Usage"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "frobnicate"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "add", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--character"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "new", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "new", "--bogus", "x.secuencia", NULL), ==, 2);
  g_assert_false (g_file_test (g_build_filename (f->dir, "x.secuencia", NULL), G_FILE_TEST_EXISTS));
}

static void
test_new_add_info (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text_file = g_build_filename (f->dir, "notes.txt", NULL);
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "new", f->project, "--name", "La obra", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "La obra"));
  g_clear_pointer (&out, g_free);
  /* Refuses to overwrite. */
  before = checksum (f->project);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "new", f->project, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "p.secuencia"));
  g_assert_nonnull (strstr (err, "exists"));
  g_clear_pointer (&err, g_free);

  /* Two files, one element each; the second time a.wav is de-duplicated. */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "add", "p.secuencia", "a.wav", "audio/b.wav",
                            "--character", "ANA", "--text", "Hola", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "add", f->project, f->wav_a, NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  /* A failing add (one good file, one text file) changes nothing. */
  g_assert_true (g_file_set_contents (text_file, "just words\n", -1, NULL));
  g_clear_pointer (&before, g_free);
  before = checksum (f->project);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, &err, "add", f->project, f->wav_b, text_file, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "notes.txt"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  after = checksum (f->project);
  g_assert_cmpstr (before, ==, after);
  /* Adding to a missing project fails and does not create it. */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "add", "nothere.secuencia", "a.wav", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "nothere.secuencia"));
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (g_build_filename (f->dir, "nothere.secuencia", NULL), G_FILE_TEST_EXISTS));

  project = secuencia_project_open (f->project, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  elements = secuencia_project_list_elements (project, &error);
  assets = secuencia_project_list_assets (project, &error);
  g_assert_cmpuint (elements->len, ==, 3);
  g_assert_cmpuint (assets->len, ==, 2);
  g_assert_cmpstr (((SecuenciaElementInfo *) elements->pdata[0])->character, ==, "ANA");
  g_assert_cmpstr (((SecuenciaElementInfo *) elements->pdata[1])->text, ==, "Hola");
  g_assert_cmpint (((SecuenciaElementInfo *) elements->pdata[2])->asset_id, ==,
                   ((SecuenciaElementInfo *) elements->pdata[0])->asset_id);
  g_assert_cmpint (((SecuenciaElementInfo *) elements->pdata[1])->duration, ==, SECUENCIA_TIME_SECOND / 2);
  g_clear_object (&project);

  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "info", f->project, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "La obra"));
  g_assert_nonnull (strstr (out, "a.wav"));
  g_assert_nonnull (strstr (out, "b.wav"));
  g_assert_nonnull (strstr (out, "audio/x-wav"));
  g_assert_nonnull (strstr (out, "ANA: Hola"));
  g_assert_nonnull (strstr (out, "Assets: 2"));
  g_assert_nonnull (strstr (out, "Screenplay elements: 3"));
  g_assert_nonnull (strstr (out, "Timelines: 0"));

  /* info on something that is not a project. */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "info", text_file, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "notes.txt"));
  g_assert_nonnull (strstr (err, "not a Secuencia project"));
}

static void
test_import_timeline (Fixture *f, gconstpointer data)
{
  g_autofree char *specs = g_build_filename (f->dir, "specs", NULL);
  g_autofree char *spec = NULL;
  g_autofree char *out = NULL;
  g_autofree char *id_text = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(SecuenciaTimelineInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_cmpint (g_mkdir (specs, 0755), ==, 0);
  spec = g_build_filename (specs, "scene.json", NULL);
  /* Paths relative to the spec file, not to the working directory. */
  write_spec (spec,
              "{\"name\": \"Escena 1\", \"clips\": ["
              " {\"file\": \"../a.wav\", \"offset\": 0, \"source_start\": 0, \"duration\": 1, \"lane\": 0,"
              "  \"text\": \"Hola\", \"character\": \"ANA\"},"
              " {\"file\": \"../audio/b.wav\", \"offset\": 1.25, \"source_start\": 0.1, \"duration\": 0.4,"
              "  \"lane\": 1, \"volume_db\": -6, \"muted\": true},"
              " {\"file\": \"../a.wav\", \"offset\": \"2.000000001\", \"source_start\": 0.5, \"duration\": 0.5,"
              "  \"lane\": -1, \"comment\": \"an extra field is ignored\"}"
              "]}");

  /* The project does not exist yet: import-timeline creates it. */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "import-timeline", f->project, spec, NULL), ==, 0);
  id_text = last_word (out);
  id = g_ascii_strtoll (id_text, NULL, 10);
  g_assert_cmpint (id, >, 0);

  project = secuencia_project_open (f->project, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  info = secuencia_project_get_timeline (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "Escena 1");
  assets = secuencia_project_list_assets (project, &error);
  g_assert_cmpuint (assets->len, ==, 2);   /* a.wav imported once */
  clips = secuencia_project_list_clips (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clips->len, ==, 3);
  {
    const SecuenciaClip *c0 = clips->pdata[0], *c1 = clips->pdata[1], *c2 = clips->pdata[2];

    g_assert_cmpint (c0->offset, ==, 0);
    g_assert_cmpint (c0->duration, ==, SECUENCIA_TIME_SECOND);
    g_assert_cmpstr (c0->name, ==, "ANA: Hola");
    g_assert_cmpint (c1->offset, ==, 1250 * SECUENCIA_TIME_MSECOND);
    g_assert_cmpint (c1->source_start, ==, 100 * SECUENCIA_TIME_MSECOND);
    g_assert_cmpint (c1->duration, ==, 400 * SECUENCIA_TIME_MSECOND);
    g_assert_cmpint (c1->lane, ==, 1);
    g_assert_cmpfloat (c1->volume_db, ==, -6.0);
    g_assert_true (c1->muted);
    g_assert_cmpint (c2->offset, ==, 2 * SECUENCIA_TIME_SECOND + 1);
    g_assert_cmpint (c2->lane, ==, -1);
    g_assert_cmpint (c2->asset_id, ==, c0->asset_id);
    g_assert_false (c2->muted);
  }
  g_clear_object (&project);

  /* A second import into the existing project: a new timeline, same assets. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (secuencia_test_run_cli (specs, &out, NULL, "import-timeline", f->project, "scene.json", NULL), ==, 0);
  g_clear_pointer (&id_text, g_free);
  id_text = last_word (out);
  g_assert_cmpint (g_ascii_strtoll (id_text, NULL, 10), ==, id + 1);
  project = secuencia_project_open (f->project, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_clear_pointer (&assets, g_ptr_array_unref);
  assets = secuencia_project_list_assets (project, &error);
  g_assert_cmpuint (assets->len, ==, 2);
}

typedef struct
{
  const char *json;
  const char *needles[3];
} BadSpec;

static void
test_import_timeline_errors (Fixture *f, gconstpointer data)
{
  static const BadSpec bad[] = {
    { "{\"name\": \"x\", \"clips\": [", { "bad.json", "JSON", NULL } },
    { "[1, 2]", { "bad.json", "name", NULL } },
    { "{\"clips\": []}", { "bad.json", "“name”", NULL } },
    { "{\"name\": \"x\"}", { "“clips”", NULL } },
    { "{\"name\": \"x\", \"clips\": [42]}", { "clip 0", NULL } },
    { "{\"name\": \"x\", \"clips\": [{\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 0, \"duration\": 1, \"lane\": 0},"
      " {\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 0, \"lane\": 0}]}", { "clip 1", "“duration”", "missing" } },
    { "{\"name\": \"x\", \"clips\": [{\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 0, \"duration\": 1, \"lane\": \"top\"}]}",
      { "clip 0", "“lane”", NULL } },
    { "{\"name\": \"x\", \"clips\": [{\"file\": \"a.wav\", \"offset\": -1, \"source_start\": 0, \"duration\": 1, \"lane\": 0}]}",
      { "clip 0", "“offset”", "negative" } },
    { "{\"name\": \"x\", \"clips\": [{\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 0, \"duration\": 0, \"lane\": 0}]}",
      { "clip 0", "“duration”", "positive" } },
    { "{\"name\": \"x\", \"clips\": [{\"file\": \"a.wav\", \"offset\": \"soon\", \"source_start\": 0, \"duration\": 1, \"lane\": 0}]}",
      { "clip 0", "“offset”", "soon" } },
    { "{\"name\": \"x\", \"clips\": [{\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 0, \"duration\": 1, \"lane\": 0, \"muted\": \"yes\"}]}",
      { "clip 0", "“muted”", NULL } },
    { "{\"name\": \"x\", \"clips\": [{\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 0, \"duration\": 1, \"lane\": 0, \"volume_db\": \"loud\"}]}",
      { "clip 0", "“volume_db”", NULL } },
    /* a misspelt required field: ignored as unknown, so the field is missing */
    { "{\"name\": \"x\", \"clips\": [{\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 0, \"durration\": 1, \"lane\": 0}]}",
      { "clip 0", "“duration”", NULL } },
    { "{\"name\": \"x\", \"clips\": [{\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 0, \"duration\": 1, \"lane\": 0},"
      " {\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 0, \"duration\": 1, \"lane\": 0},"
      " {\"file\": \"missing.wav\", \"offset\": 0, \"source_start\": 0, \"duration\": 1, \"lane\": 0}]}",
      { "clip 2", "“file”", "missing.wav" } },
    /* Valid syntax, but beyond the asset's end (a.wav is 1 s): found at import. */
    { "{\"name\": \"x\", \"clips\": [{\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 0, \"duration\": 1, \"lane\": 0},"
      " {\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 0.5, \"duration\": 0.75, \"lane\": 0}]}",
      { "clip 1", "“duration”", "“a.wav”, which is 1 s long" } },
    /* A start past the end: source_start is at fault. */
    { "{\"name\": \"x\", \"clips\": [{\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 1.5, \"duration\": 0.5, \"lane\": 0}]}",
      { "clip 0", "“source_start”", "“a.wav”, which is 1 s long" } },
    /* A file GStreamer cannot decode. */
    { "{\"name\": \"x\", \"clips\": [{\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 0, \"duration\": 1, \"lane\": 0},"
      " {\"file\": \"bad.json\", \"offset\": 0, \"source_start\": 0, \"duration\": 1, \"lane\": 0}]}",
      { "clip 1", "“file”", "bad.json" } },
  };
  g_autofree char *spec = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.secuencia", NULL);
  g_autofree char *before = NULL;

  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "new", f->project, NULL), ==, 0);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "add", f->project, f->wav_b, NULL), ==, 0);
  before = checksum (f->project);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *out = NULL;
      g_autofree char *after = NULL;

      write_spec (spec, bad[i].json);
      /* Into an existing project: unchanged. */
      g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, &err, "import-timeline", f->project, spec, NULL), ==, 1);
      for (int n = 0; n < 3 && bad[i].needles[n] != NULL; n++)
        {
          if (strstr (err, bad[i].needles[n]) == NULL)
            g_error ("case %zu: “%s” not in: %s", i, bad[i].needles[n], err);
        }
      g_assert_cmpstr (out, ==, "");
      after = checksum (f->project);
      g_assert_cmpstr (before, ==, after);
      g_clear_pointer (&err, g_free);

      /* Into a new project: not left behind. */
      g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "import-timeline", fresh, spec, NULL), ==, 1);
      g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
    }
}

static void
test_set (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *png = g_build_filename (f->dir, "cover.png", NULL);
  g_autofree char *fake = g_build_filename (f->dir, "cover.gif", NULL);
  g_autofree char *value = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *name = NULL;
  g_autofree char *png_bytes = NULL;
  gsize png_size = 0;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GBytes) cover = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (secuencia_test_write_image (png, "png", 32, 32));
  g_assert_true (g_file_get_contents (png, &png_bytes, &png_size, NULL));
  g_assert_true (g_file_set_contents (fake, "GIF89a not really", -1, NULL));
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "new", f->project, NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "set", f->project, "--title", "La obra",
                            "--artist", "Ana Pérez", "--album", "Temporada 1", "--year", "2026",
                            "--genre", "Drama", "--comment", "Hecho con Secuencia",
                            "--cover", png, NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  project = secuencia_project_open (f->project, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  value = secuencia_project_dup_metadata (project, SECUENCIA_METADATA_ARTIST, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "Ana Pérez");
  cover = secuencia_project_dup_cover (project, &mime, &name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cover);
  g_assert_cmpstr (mime, ==, "image/png");
  g_assert_cmpstr (name, ==, "cover.png");
  g_assert_cmpmem (g_bytes_get_data (cover, NULL), g_bytes_get_size (cover), png_bytes, png_size);
  g_clear_object (&project);

  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "info", f->project, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "title: La obra"));
  g_assert_nonnull (strstr (out, "year: 2026"));
  g_assert_nonnull (strstr (out, "cover: cover.png (image/png"));
  g_clear_pointer (&out, g_free);

  /* A file that is not an image, a bad year, a missing cover: clear
   * errors, nothing changed. */
  before = checksum (f->project);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "set", f->project, "--title", "X",
                            "--cover", fake, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "cover.gif"));
  g_assert_nonnull (strstr (err, "not a JPEG or PNG"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "set", f->project, "--cover", "missing.png", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "missing.png"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "set", f->project, "--year", "soon", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "soon"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "set", f->project, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  after = checksum (f->project);
  g_assert_cmpstr (before, ==, after);

  /* Empty values remove. */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "set", f->project, "--comment", "",
                            "--cover", "", NULL), ==, 0);
  project = secuencia_project_open (f->project, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_clear_pointer (&value, g_free);
  value = secuencia_project_dup_metadata (project, SECUENCIA_METADATA_COMMENT, &error);
  g_assert_no_error (error);
  g_assert_null (value);
  g_clear_pointer (&cover, g_bytes_unref);
  cover = secuencia_project_dup_cover (project, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (cover);
  value = secuencia_project_dup_metadata (project, SECUENCIA_METADATA_TITLE, &error);
  g_assert_cmpstr (value, ==, "La obra");
}

/* `add` refuses what is not a regular file before it takes the write lock:
 * with another program holding that lock, the refusal names the file
 * rather than waiting for the lock (or reading /dev/zero forever). */
static void
test_add_not_regular (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "new", f->project, NULL), ==, 0);
  before = checksum (f->project);
  db = NULL;
  g_assert_cmpint (sqlite3_open (f->project, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "add", f->project, f->wav_a, "/dev/zero", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "/dev/zero"));
  g_assert_nonnull (strstr (err, "not a regular file"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "add", f->project, f->project, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "the project"));
  g_clear_pointer (&err, g_free);
  /* Nor is /dev/zero read as a cover image (it would be read forever). */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "set", f->project, "--cover", "/dev/zero", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "/dev/zero"));
  g_assert_nonnull (strstr (err, "not a regular file"));
  g_clear_pointer (&err, g_free);

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  after = checksum (f->project);
  g_assert_cmpstr (before, ==, after);
}

/* add and import-timeline store each new asset's waveform: the very peaks
 * of its file. */
static void
test_peaks (Fixture *f, gconstpointer data)
{
  g_autofree char *spec = g_build_filename (f->dir, "spec.json", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.secuencia", NULL);
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;
  const char *wavs[2] = { f->wav_a, f->wav_b };

  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "new", f->project, NULL), ==, 0);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "add", f->project, f->wav_a, f->wav_b, NULL), ==, 0);
  write_spec (spec,
              "{\"name\": \"T\", \"clips\": ["
              " {\"file\": \"audio/b.wav\", \"offset\": 0, \"source_start\": 0, \"duration\": 0.5, \"lane\": 0},"
              " {\"file\": \"a.wav\", \"offset\": 1, \"source_start\": 0, \"duration\": 1, \"lane\": 0}"
              "]}");
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "import-timeline", other, spec, NULL), ==, 0);

  for (guint p = 0; p < 2; p++)
    {
      project = secuencia_project_open (p == 0 ? f->project : other, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      assets = secuencia_project_list_assets (project, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (assets->len, ==, 2);
      for (guint i = 0; i < assets->len; i++)
        {
          SecuenciaAssetInfo *asset = g_ptr_array_index (assets, i);
          const char *wav = g_str_equal (asset->file_name, "a.wav") ? wavs[0] : wavs[1];
          g_autoptr(GFile) file = g_file_new_for_path (wav);
          g_autoptr(SecuenciaPeaks) stored = secuencia_project_load_peaks (project, asset->id, &error);
          g_autoptr(SecuenciaPeaks) expected = secuencia_peaks_compute_file (file, NULL, &error);

          g_assert_no_error (error);
          g_assert_nonnull (stored);
          g_assert_true (secuencia_peaks_equal (stored, expected));
        }
      g_clear_pointer (&assets, g_ptr_array_unref);
      g_clear_object (&project);
    }
}

/* The smaller CLI defects: a colon in a file name, stored text printed
 * raw, messages that blamed the wrong thing. */
static void
test_names_and_messages (Fixture *f, gconstpointer data)
{
  g_autofree char *colon = g_build_filename (f->dir, "take:1.wav", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *spec = g_build_filename (f->dir, "spec.json", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *cwd_base = g_path_get_basename (cwd);
  gsize length = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "new", f->project, NULL), ==, 0);

  /* "take:1.wav" is a file name, not a URI. */
  g_assert_true (g_file_get_contents (f->wav_a, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (colon, contents, length, NULL));
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, &err, "add", "p.secuencia", "take:1.wav", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "take:1.wav"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Stored text with terminal escapes, tabs, newlines, C1 controls and
   * bytes that are not UTF-8 is printed escaped. */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "add", f->project, f->wav_b,
                            "--character", "A\xc2\x85" "B",
                            "--text", "red \033[31mRED\033[0m\ttab\nline", NULL), ==, 0);
  g_assert_cmpint (sqlite3_open (f->project, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE elements SET text = ?1 WHERE position = 0", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, "bad \xff byte", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "info", f->project, NULL), ==, 0);
  g_assert_null (strchr (out, '\033'));
  g_assert_null (strchr (out, '\t'));
  g_assert_true (g_utf8_validate (out, -1, NULL));
  g_assert_nonnull (strstr (out, "red \\x1b[31mRED\\x1b[0m\\ttab\\nline"));
  g_assert_nonnull (strstr (out, "A\\u0085B"));
  g_assert_nonnull (strstr (out, "bad \\xff byte"));
  g_clear_pointer (&out, g_free);

  /* A text option that is not UTF-8 is named. */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "add", f->project, f->wav_a, "--character", "Jos\xe9", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--character"));
  g_assert_nonnull (strstr (err, "UTF-8"));
  g_clear_pointer (&err, g_free);

  /* No file name is not the current folder; a missing folder is not a
   * read-only one. */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "info", "", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no file name"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "new", "/nonexistent-secuencia-folder/x.secuencia", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "/nonexistent-secuencia-folder"));
  g_assert_nonnull (strstr (err, "does not exist"));
  g_assert_null (strstr (err, "read-only"));
  g_clear_pointer (&err, g_free);

  /* A clip running past the end of its file: the duration is at fault,
   * and the file is named. */
  g_assert_true (g_file_set_contents (spec,
                 "{\"name\": \"t\", \"clips\": [{\"file\": \"a.wav\", \"offset\": 0,"
                 " \"source_start\": 0.5, \"duration\": 1, \"lane\": 0}]}", -1, NULL));
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "import-timeline", f->project, spec, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“duration”"));
  g_assert_nonnull (strstr (err, "a.wav"));
  g_assert_null (strstr (err, "asset 1"));
}

/* The clips of timeline @name in `info --json`, as "offset duration lane
 * element" lines (seconds to the millisecond), in the JSON's order. */
static char *
timeline_clips (Fixture *f, const char *name)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *timelines;

  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "info", f->project, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  timelines = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "timelines");
  for (guint i = 0; i < json_array_get_length (timelines); i++)
    {
      JsonObject *timeline = json_array_get_object_element (timelines, i);
      JsonArray *clips = json_object_get_array_member (timeline, "clips");

      if (g_strcmp0 (json_object_get_string_member (timeline, "name"), name) != 0)
        continue;
      for (guint j = 0; j < json_array_get_length (clips); j++)
        {
          JsonObject *clip = json_array_get_object_element (clips, j);
          JsonNode *element = json_object_get_member (clip, "element");

          g_string_append_printf (text, "%.3f %.3f %lld %lld\n",
                                  json_object_get_double_member (clip, "offset"),
                                  json_object_get_double_member (clip, "duration"),
                                  (long long) json_object_get_int_member (clip, "lane"),
                                  JSON_NODE_HOLDS_NULL (element) ? 0LL : (long long) json_node_get_int (element));
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  g_error ("no timeline “%s” in: %s", name, out);
  return NULL;
}

/* One story: lines added with `add` get their clips on the most recently
 * modified timeline, on lane 0 after its last clip, the gap apart (--gap,
 * else the app's setting: 0.25 s by default); without a timeline nothing
 * is laid out (the window does that when it opens the project). */
static void
test_add_appends_clips (Fixture *f, gconstpointer data)
{
  g_autofree char *spec = g_build_filename (f->dir, "spec.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *t_before = NULL;
  g_autofree char *clips = NULL;

  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "new", f->project, NULL), ==, 0);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "add", f->project, f->wav_a, NULL), ==, 0);
  g_assert_null (strstr (out, "Appended"));
  g_clear_pointer (&out, g_free);

  /* Timeline T: lane 0 ends at 2.5 s; lane 1 (ending later) does not count. */
  write_spec (spec, "{\"name\": \"T\", \"clips\": ["
              "{\"file\": \"audio/b.wav\", \"offset\": 2, \"source_start\": 0, \"duration\": 0.5, \"lane\": 0},"
              "{\"file\": \"a.wav\", \"offset\": 2, \"source_start\": 0, \"duration\": 1, \"lane\": 1}]}");
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "import-timeline", f->project, spec, NULL), ==, 0);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "add", f->project, f->wav_a, f->wav_b,
                            "--gap", "0.5", "--text", "New", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Appended 2 clips to timeline"));
  g_clear_pointer (&out, g_free);
  /* Elements 2 and 3: a.wav (1 s) at 3.0, b.wav (0.5 s) at 4.5. */
  clips = timeline_clips (f, "T");
  g_assert_cmpstr (clips, ==,
                   "2.000 0.500 0 0\n"
                   "2.000 1.000 1 0\n"
                   "3.000 1.000 0 2\n"
                   "4.500 0.500 0 3\n");
  g_clear_pointer (&clips, g_free);

  /* The default gap (the app's setting, 0.25 s here). */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "add", f->project, f->wav_b, NULL), ==, 0);
  clips = timeline_clips (f, "T");
  g_assert_nonnull (strstr (clips, "\n5.250 0.500 0 4\n"));
  g_clear_pointer (&clips, g_free);

  /* A newer timeline U gets the next line; T stays as it was. */
  t_before = timeline_clips (f, "T");
  write_spec (spec, "{\"name\": \"U\", \"clips\": ["
              "{\"file\": \"a.wav\", \"offset\": 0, \"source_start\": 0, \"duration\": 1, \"lane\": 0}]}");
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "import-timeline", f->project, spec, NULL), ==, 0);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "add", f->project, f->wav_b, "--gap", "0", NULL), ==, 0);
  clips = timeline_clips (f, "U");
  g_assert_cmpstr (clips, ==, "0.000 1.000 0 0\n1.000 0.500 0 5\n");
  g_clear_pointer (&clips, g_free);
  clips = timeline_clips (f, "T");
  g_assert_cmpstr (clips, ==, t_before);
  g_clear_pointer (&clips, g_free);

  /* A bad gap is a usage error, and changes nothing. */
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "add", f->project, f->wav_b, "--gap", "-1", NULL), ==, 2);
  clips = timeline_clips (f, "U");
  g_assert_cmpstr (clips, ==, "0.000 1.000 0 0\n1.000 0.500 0 5\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/cli/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("help", test_help);
  ADD ("new-add-info", test_new_add_info);
  ADD ("add-not-regular", test_add_not_regular);
  ADD ("add-appends-clips", test_add_appends_clips);
  ADD ("names-and-messages", test_names_and_messages);
  ADD ("import-timeline", test_import_timeline);
  ADD ("import-timeline-errors", test_import_timeline_errors);
  ADD ("set", test_set);
  ADD ("peaks", test_peaks);
#undef ADD

  return g_test_run ();
}
