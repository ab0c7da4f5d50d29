/* test-cli-info.c: `secuencia-cli info PROJECT --json`, parsed and checked
 * against what was put in and against the store. */
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"
#include "secuencia-test-cli.h"

typedef struct
{
  char *dir;
  char *project;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  f->dir = g_dir_make_tmp ("secuencia-cli-info-XXXXXX", &error);
  g_assert_no_error (error);
  f->project = g_build_filename (f->dir, "p.secuencia", NULL);
  a = g_build_filename (f->dir, "a.wav", NULL);
  b = g_build_filename (f->dir, "b.wav", NULL);
  g_assert_true (secuencia_test_audio_write_tone (a, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, 440, 1.0, 0.5, &error));
  g_assert_true (secuencia_test_audio_write_tone (b, SECUENCIA_TEST_FORMAT_WAV16, 44100, 2, 550, 0.5, 0.5, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

/* Runs info --json; returns the parsed root object (owned by @parser). */
static JsonObject *
info_json (Fixture *f, JsonParser *parser, char **out_text)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, NULL, "info", f->project, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  if (out_text != NULL)
    *out_text = g_steal_pointer (&out);
  return json_node_get_object (root);
}

/* A JSON number of seconds as exact nanoseconds. */
static SecuenciaTime
seconds_of (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  SecuenciaTime t = -1;

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (secuencia_time_from_seconds (json_node_get_double (node), &t));
  return t;
}

static gboolean
is_null (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node);
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "new", f->project, "--name", "Vacío", NULL), ==, 0);
  root = info_json (f, parser, NULL);
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "Vacío");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (root, "metadata")), ==, 0);
  g_assert_true (is_null (root, "cover"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "assets")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "elements")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "timelines")), ==, 0);
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *junk = g_build_filename (f->dir, "junk.secuencia", NULL);

  g_assert_true (g_file_set_contents (junk, "not a database at all, just some words", -1, NULL));
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, &err, "info", junk, "--json", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "junk.secuencia"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &out, &err, "info", "missing.secuencia", "--json", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "missing.secuencia"));
}

static void
test_everything (Fixture *f, gconstpointer data)
{
  g_autofree char *spec = g_build_filename (f->dir, "spec.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *id_out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) stored_clips = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root, *metadata, *timeline = NULL, *screenplay_timeline = NULL;
  JsonArray *assets, *json_elements, *timelines, *clips;
  gint64 a_id = 0, b_id = 0, ana_id, ben_id, screenplay_id;

  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "new", f->project, "--name", "La obra", NULL), ==, 0);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "set", f->project, "--title", "Título \"uno\"",
                            "--artist", "Ana\tB", NULL), ==, 0);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "add", f->project, "a.wav",
                            "--character", "ANA", "--text", "Hola", NULL), ==, 0);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, NULL, "add", f->project, "b.wav", NULL), ==, 0);
  /* The first clip speaks the line added above (same character, text and
   * audio); the second a new line; the third none. */
  g_assert_true (g_file_set_contents (spec,
      "{\"name\": \"Escena\", \"clips\": ["
      " {\"file\": \"a.wav\", \"offset\": 0.1, \"source_start\": 0, \"duration\": 0.5, \"lane\": 0,"
      "  \"text\": \"Hola\", \"character\": \"ANA\"},"
      " {\"file\": \"b.wav\", \"offset\": 1.25, \"source_start\": 0.1, \"duration\": 0.4, \"lane\": 1,"
      "  \"volume_db\": -6.5, \"muted\": true, \"text\": \"Adiós, \\\"amigo\\\"\", \"character\": \"BEN\"},"
      " {\"file\": \"a.wav\", \"offset\": \"2.000000001\", \"source_start\": 0.5, \"duration\": 0.5, \"lane\": -1}"
      "]}", -1, NULL));
  g_assert_cmpint (secuencia_test_run_cli (f->dir, &id_out, NULL, "import-timeline", f->project, spec, NULL), ==, 0);

  /* And a timeline laid out from the screenplay, by the store. */
  project = secuencia_project_open (f->project, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  screenplay_id = secuencia_project_convert_screenplay (project, "Guion", SECUENCIA_TIME_SECOND / 4,
                                                        NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  elements = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);

  root = info_json (f, parser, &text);
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "La obra");
  metadata = json_object_get_object_member (root, "metadata");
  g_assert_cmpstr (json_object_get_string_member (metadata, "title"), ==, "Título \"uno\"");
  g_assert_cmpstr (json_object_get_string_member (metadata, "artist"), ==, "Ana\tB");

  /* Assets. */
  assets = json_object_get_array_member (root, "assets");
  g_assert_cmpuint (json_array_get_length (assets), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *asset = json_array_get_object_element (assets, i);
      const char *file_name = json_object_get_string_member (asset, "file_name");

      g_assert_cmpstr (json_object_get_string_member (asset, "mime_type"), ==, "audio/x-wav");
      if (g_str_equal (file_name, "a.wav"))
        {
          a_id = json_object_get_int_member (asset, "id");
          g_assert_cmpint (seconds_of (asset, "duration"), ==, SECUENCIA_TIME_SECOND);
        }
      else
        {
          g_assert_cmpstr (file_name, ==, "b.wav");
          b_id = json_object_get_int_member (asset, "id");
          g_assert_cmpint (seconds_of (asset, "duration"), ==, SECUENCIA_TIME_SECOND / 2);
        }
    }
  g_assert_cmpint (a_id, >, 0);
  g_assert_cmpint (b_id, >, 0);

  /* Elements in order: the two added, then BEN's from the spec (ANA's was
   * reused, not added again). */
  json_elements = json_object_get_array_member (root, "elements");
  g_assert_cmpuint (json_array_get_length (json_elements), ==, 3);
  g_assert_cmpuint (elements->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *element = json_array_get_object_element (json_elements, i);
      const SecuenciaElementInfo *stored = g_ptr_array_index (elements, i);

      g_assert_cmpint (json_object_get_int_member (element, "id"), ==, stored->id);
      g_assert_cmpint (json_object_get_int_member (element, "position"), ==, i);
      g_assert_cmpstr (json_object_get_string_member (element, "kind"), ==, "dialogue");
      g_assert_cmpstr (json_object_get_string_member (element, "character"), ==, stored->character);
      g_assert_cmpstr (json_object_get_string_member (element, "text"), ==, stored->text);
      g_assert_cmpint (json_object_get_int_member (element, "asset"), ==, stored->asset_id);
    }
  ana_id = json_object_get_int_member (json_array_get_object_element (json_elements, 0), "id");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_elements, 0), "character"), ==, "ANA");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_elements, 0), "asset"), ==, a_id);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_elements, 1), "text"), ==, "");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_elements, 1), "asset"), ==, b_id);
  ben_id = json_object_get_int_member (json_array_get_object_element (json_elements, 2), "id");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_elements, 2), "text"), ==, "Adiós, \"amigo\"");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_elements, 2), "character"), ==, "BEN");

  /* Timelines. */
  timelines = json_object_get_array_member (root, "timelines");
  g_assert_cmpuint (json_array_get_length (timelines), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *t = json_array_get_object_element (timelines, i);

      if (g_str_equal (json_object_get_string_member (t, "name"), "Escena"))
        timeline = t;
      else
        screenplay_timeline = t;
      /* A time of this year, in seconds. */
      g_assert_cmpfloat (json_object_get_double_member (t, "modified"), >, 1.6e9);
      g_assert_cmpfloat (json_object_get_double_member (t, "modified"), <, 1e10);
    }
  g_assert_nonnull (timeline);
  g_assert_nonnull (screenplay_timeline);
  g_assert_cmpint (json_object_get_int_member (screenplay_timeline, "id"), ==, screenplay_id);

  clips = json_object_get_array_member (timeline, "clips");
  g_assert_cmpuint (json_array_get_length (clips), ==, 3);
  {
    JsonObject *c0 = json_array_get_object_element (clips, 0);
    JsonObject *c1 = json_array_get_object_element (clips, 1);
    JsonObject *c2 = json_array_get_object_element (clips, 2);

    g_assert_cmpint (json_object_get_int_member (c0, "asset"), ==, a_id);
    g_assert_cmpint (json_object_get_int_member (c0, "element"), ==, ana_id);
    g_assert_cmpint (seconds_of (c0, "offset"), ==, SECUENCIA_TIME_SECOND / 10);
    g_assert_cmpint (seconds_of (c0, "source_start"), ==, 0);
    g_assert_cmpint (seconds_of (c0, "duration"), ==, SECUENCIA_TIME_SECOND / 2);
    g_assert_cmpint (json_object_get_int_member (c0, "lane"), ==, 0);
    g_assert_cmpfloat (json_object_get_double_member (c0, "volume_db"), ==, 0.0);
    g_assert_false (json_object_get_boolean_member (c0, "muted"));
    g_assert_cmpstr (json_object_get_string_member (c0, "text"), ==, "Hola");
    g_assert_cmpstr (json_object_get_string_member (c0, "character"), ==, "ANA");

    g_assert_cmpint (json_object_get_int_member (c1, "asset"), ==, b_id);
    g_assert_cmpint (json_object_get_int_member (c1, "element"), ==, ben_id);
    g_assert_cmpint (seconds_of (c1, "offset"), ==, 1250 * SECUENCIA_TIME_MSECOND);
    g_assert_cmpint (seconds_of (c1, "source_start"), ==, 100 * SECUENCIA_TIME_MSECOND);
    g_assert_cmpint (seconds_of (c1, "duration"), ==, 400 * SECUENCIA_TIME_MSECOND);
    g_assert_cmpint (json_object_get_int_member (c1, "lane"), ==, 1);
    g_assert_cmpfloat (json_object_get_double_member (c1, "volume_db"), ==, -6.5);
    g_assert_true (json_object_get_boolean_member (c1, "muted"));
    g_assert_cmpstr (json_object_get_string_member (c1, "text"), ==, "Adiós, \"amigo\"");
    g_assert_cmpstr (json_object_get_string_member (c1, "character"), ==, "BEN");

    g_assert_true (is_null (c2, "element"));
    g_assert_cmpint (seconds_of (c2, "offset"), ==, 2 * SECUENCIA_TIME_SECOND + 1);
    g_assert_cmpint (json_object_get_int_member (c2, "lane"), ==, -1);
    g_assert_cmpstr (json_object_get_string_member (c2, "text"), ==, "");
    g_assert_cmpstr (json_object_get_string_member (c2, "character"), ==, "");

    /* Same ids as the store's. */
    stored_clips = secuencia_project_list_clips (project, json_object_get_int_member (timeline, "id"), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (stored_clips->len, ==, 3);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (clips, i), "id"), ==,
                       ((SecuenciaClip *) g_ptr_array_index (stored_clips, i))->id);
  }
  /* Exact decimals in the text itself, not 17-digit approximations. */
  g_assert_nonnull (strstr (text, "\"offset\": 0.1,"));
  g_assert_nonnull (strstr (text, "\"offset\": 2.000000001,"));
  g_assert_nonnull (strstr (text, "\"volume_db\": -6.5,"));

  /* The screenplay timeline: every line in order, each clip its line's. */
  clips = json_object_get_array_member (screenplay_timeline, "clips");
  g_assert_cmpuint (json_array_get_length (clips), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *clip = json_array_get_object_element (clips, i);
      const SecuenciaElementInfo *line = g_ptr_array_index (elements, i);

      g_assert_cmpint (json_object_get_int_member (clip, "element"), ==, line->id);
      g_assert_cmpint (json_object_get_int_member (clip, "asset"), ==, line->asset_id);
      g_assert_cmpstr (json_object_get_string_member (clip, "text"), ==, line->text);
      g_assert_cmpstr (json_object_get_string_member (clip, "character"), ==, line->character);
    }
  /* Laid out one after the other with 0.25 s between. */
  g_assert_cmpint (seconds_of (json_array_get_object_element (clips, 1), "offset"), ==,
                   SECUENCIA_TIME_SECOND + SECUENCIA_TIME_SECOND / 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-info/empty", Fixture, NULL, fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/cli-info/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/cli-info/everything", Fixture, NULL, fixture_setup, test_everything, fixture_teardown);

  return g_test_run ();
}
