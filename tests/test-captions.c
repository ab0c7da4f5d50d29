/* test-captions.c: cues and chapters from clips and lines, and their files
 * (WebVTT, SRT, timing JSON, Podcasting 2.0 chapters), the WebVTT also
 * read back by ffmpeg's WebVTT demuxer. */
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "secuencia-captions.h"
#include "secuencia-clip.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"
#include "secuencia-transcript.h"

#define MS SECUENCIA_TIME_MSECOND

static SecuenciaElementInfo *
element (gint64 id, SecuenciaElementKind kind, const char *character, const char *text)
{
  SecuenciaElementInfo *info = secuencia_element_info_new (kind, character, text);
  info->id = id;
  return info;
}

static SecuenciaClip *
clip (gint64 id, gint64 element_id, SecuenciaTime offset, SecuenciaTime duration, int lane)
{
  SecuenciaClip *c = secuencia_clip_new (1, offset, 0, duration, lane);
  c->id = id;
  c->element_id = element_id;
  return c;
}

/* A screenplay: a line before any scene, two scenes (the second has a line
 * without audio and one with), a scene without any audio, a third scene. */
static void
make_play (GPtrArray **out_elements, GPtrArray **out_clips)
{
  GPtrArray *elements = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_element_info_free);
  GPtrArray *clips = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_clip_free);

  g_ptr_array_add (elements, element (10, SECUENCIA_ELEMENT_DIALOGUE, "NARRATOR", "Once upon a time."));
  g_ptr_array_add (elements, element (11, SECUENCIA_ELEMENT_SCENE, NULL, "INT. KITCHEN - NIGHT"));
  g_ptr_array_add (elements, element (12, SECUENCIA_ELEMENT_DIALOGUE, "ANA", "Fish & <chips>?"));
  g_ptr_array_add (elements, element (13, SECUENCIA_ELEMENT_ACTION, NULL, "She waits."));
  g_ptr_array_add (elements, element (14, SECUENCIA_ELEMENT_SCENE, NULL, "EXT. GARDEN - DAY"));
  g_ptr_array_add (elements, element (15, SECUENCIA_ELEMENT_DIALOGUE, "BOB", "No audio for me."));
  g_ptr_array_add (elements, element (16, SECUENCIA_ELEMENT_DIALOGUE, "BOB",
                                      "A line long enough that a caption has to wrap it onto a second line\nbecause nobody reads ninety characters at once."));
  g_ptr_array_add (elements, element (17, SECUENCIA_ELEMENT_SCENE, NULL, "INT. EMPTY - DAY"));
  g_ptr_array_add (elements, element (18, SECUENCIA_ELEMENT_SCENE, NULL, "EXT. ROOF - NIGHT"));
  g_ptr_array_add (elements, element (19, SECUENCIA_ELEMENT_DIALOGUE, "ANA", "Up here."));

  /* timeline order: offset, lane */
  g_ptr_array_add (clips, clip (1, 10, 0, 1000 * MS, 0));
  g_ptr_array_add (clips, clip (2, 12, 1250 * MS, 1500 * MS + 400, 0));   /* ends 2.750 000 4 */
  g_ptr_array_add (clips, clip (3, 0, 1500 * MS, 2000 * MS, 1));          /* music: no line */
  g_ptr_array_add (clips, clip (4, 16, 3000 * MS + 500 * 1000, 2 * SECUENCIA_TIME_SECOND, 0)); /* 3.0005 */
  g_ptr_array_add (clips, clip (5, 19, 6 * SECUENCIA_TIME_SECOND, 500 * MS, 0));
  {
    SecuenciaClip *muted = clip (6, 19, 7 * SECUENCIA_TIME_SECOND, 500 * MS, 0);
    muted->muted = TRUE;
    g_ptr_array_add (clips, muted);
  }
  *out_elements = elements;
  *out_clips = clips;
}

static void
test_round_ms (void)
{
  g_assert_cmpint (secuencia_captions_round_ms (0), ==, 0);
  g_assert_cmpint (secuencia_captions_round_ms (499999), ==, 0);
  g_assert_cmpint (secuencia_captions_round_ms (500000), ==, 1);
  g_assert_cmpint (secuencia_captions_round_ms (1000 * MS + 499999), ==, 1000);
  g_assert_cmpint (secuencia_captions_round_ms (3600 * SECUENCIA_TIME_SECOND), ==, 3600000);
}

static void
test_cues (void)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) cues = NULL;
  SecuenciaCue *cue;

  make_play (&elements, &clips);
  cues = secuencia_transcript_cues (clips, elements);
  g_assert_cmpuint (cues->len, ==, 5);   /* the muted clip is not heard */
  cue = cues->pdata[1];
  g_assert_cmpint (cue->clip_id, ==, 2);
  g_assert_cmpint (cue->element_id, ==, 12);
  g_assert_cmpint (cue->start, ==, 1250 * MS);
  g_assert_cmpint (cue->end, ==, 2750 * MS + 400);
  g_assert_cmpstr (cue->character, ==, "ANA");
  g_assert_cmpstr (cue->text, ==, "Fish & <chips>?");
  cue = cues->pdata[2];
  g_assert_cmpint (cue->lane, ==, 1);
  g_assert_null (cue->character);
  g_assert_null (cue->text);
}

static void
test_chapters (void)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) chapters = NULL;
  SecuenciaChapter *chapter;

  make_play (&elements, &clips);
  chapters = secuencia_transcript_chapters (clips, elements);
  /* the empty scene has no chapter; the first starts at 0, taking in the
   * narrator's line before it */
  g_assert_cmpuint (chapters->len, ==, 3);
  chapter = chapters->pdata[0];
  g_assert_cmpint (chapter->start, ==, 0);
  g_assert_cmpstr (chapter->title, ==, "INT. KITCHEN - NIGHT");
  chapter = chapters->pdata[1];
  g_assert_cmpint (chapter->start, ==, 3000 * MS + 500 * 1000);
  g_assert_cmpstr (chapter->title, ==, "EXT. GARDEN - DAY");
  chapter = chapters->pdata[2];
  g_assert_cmpint (chapter->start, ==, 6 * SECUENCIA_TIME_SECOND);
  g_assert_cmpstr (chapter->title, ==, "EXT. ROOF - NIGHT");
  g_assert_cmpint (chapter->element_id, ==, 18);

  /* no scene headings: no chapters */
  g_ptr_array_remove_index (elements, 1);
  g_ptr_array_remove_index (elements, 3);
  g_ptr_array_remove_index (elements, 5);
  g_ptr_array_remove_index (elements, 5);
  g_clear_pointer (&chapters, g_ptr_array_unref);
  chapters = secuencia_transcript_chapters (clips, elements);
  g_assert_cmpuint (chapters->len, ==, 0);
}

static const char expected_vtt[] =
  "WEBVTT\n"
  "\n"
  "clip-1\n"
  "00:00:00.000 --> 00:00:01.000\n"
  "<v NARRATOR>Once upon a time.</v>\n"
  "\n"
  "clip-2\n"
  "00:00:01.250 --> 00:00:02.750\n"
  "<v ANA>Fish &amp; &lt;chips&gt;?</v>\n"
  "\n"
  "clip-4\n"
  "00:00:03.001 --> 00:00:05.001\n"
  "<v BOB>A line long enough that a caption has to wrap it onto a second\n"
  "line because nobody reads ninety characters at once.</v>\n"
  "\n"
  "clip-5\n"
  "00:00:06.000 --> 00:00:06.500\n"
  "<v ANA>Up here.</v>\n";

static const char expected_srt[] =
  "1\n"
  "00:00:00,000 --> 00:00:01,000\n"
  "NARRATOR: Once upon a time.\n"
  "\n"
  "2\n"
  "00:00:01,250 --> 00:00:02,750\n"
  "ANA: Fish & <chips>?\n"
  "\n"
  "3\n"
  "00:00:03,001 --> 00:00:05,001\n"
  "BOB: A line long enough that a caption has to wrap it onto a\n"
  "second line because nobody reads ninety characters at once.\n"
  "\n"
  "4\n"
  "00:00:06,000 --> 00:00:06,500\n"
  "ANA: Up here.\n";

static void
test_webvtt_and_srt (void)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) cues = NULL;
  g_autofree char *vtt = NULL;
  g_autofree char *srt = NULL;

  make_play (&elements, &clips);
  cues = secuencia_transcript_cues (clips, elements);
  vtt = secuencia_captions_webvtt (cues);
  srt = secuencia_captions_srt (cues);
  g_assert_cmpstr (vtt, ==, expected_vtt);
  g_assert_cmpstr (srt, ==, expected_srt);

  /* A cue without a speaker has no voice span; nothing at all: a header. */
  {
    g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_cue_free);
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    g_autofree char *text = NULL;
    g_autofree char *empty = NULL;
    SecuenciaCue *cue = g_new0 (SecuenciaCue, 1);

    cue->clip_id = 9;
    cue->start = 3661 * SECUENCIA_TIME_SECOND + 7 * MS;
    cue->end = cue->start + SECUENCIA_TIME_SECOND;
    cue->text = g_strdup ("Thunder.");
    g_ptr_array_add (one, cue);
    text = secuencia_captions_webvtt (one);
    g_assert_cmpstr (text, ==, "WEBVTT\n\nclip-9\n01:01:01.007 --> 01:01:02.007\nThunder.\n");
    empty = secuencia_captions_webvtt (none);
    g_assert_cmpstr (empty, ==, "WEBVTT\n");
  }
}

/* ffmpeg's WebVTT demuxer reads our file: same number of cues, same times
 * and text (it drops the voice span's tag, keeping the words). */
static void
test_webvtt_read_by_ffmpeg (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) cues = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *vtt = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!secuencia_test_have_program ("ffmpeg"))
    {
      g_test_skip ("ffmpeg is not installed");
      return;
    }
  make_play (&elements, &clips);
  cues = secuencia_transcript_cues (clips, elements);
  vtt = secuencia_captions_webvtt (cues);
  dir = g_dir_make_tmp ("secuencia-captions-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "play.vtt", NULL);
  g_file_set_contents (path, vtt, -1, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "ffmpeg", "-v", "error", "-i", path, "-f", "srt", "-", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  g_test_message ("ffmpeg: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "1\n00:00:00,000 --> 00:00:01,000\nOnce upon a time.\n"));
  g_assert_nonnull (strstr (out, "2\n00:00:01,250 --> 00:00:02,750\nFish & <chips>?\n"));
  g_assert_nonnull (strstr (out, "3\n00:00:03,001 --> 00:00:05,001\nA line long enough"));
  g_assert_nonnull (strstr (out, "4\n00:00:06,000 --> 00:00:06,500\nUp here.\n"));
  g_assert_null (strstr (out, "5\n"));
  secuencia_test_rm_rf (dir);
}

static JsonObject *
parse_object (const char *text, JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_timing_json (void)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) cues = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonObject *root, *segment, *metadata;
  JsonArray *segments;

  make_play (&elements, &clips);
  cues = secuencia_transcript_cues (clips, elements);
  text = secuencia_captions_timing_json (cues, "play.m4a");
  root = parse_object (text, parser);
  g_assert_cmpstr (json_object_get_string_member (root, "audioFile"), ==, "play.m4a");
  g_assert_cmpstr (json_object_get_string_member (root, "version"), ==, "1.0");
  g_assert_cmpfloat (json_object_get_double_member (root, "duration"), ==, 6.5);
  segments = json_object_get_array_member (root, "segments");
  g_assert_cmpuint (json_array_get_length (segments), ==, 5);   /* every sounding clip */

  segment = json_array_get_object_element (segments, 1);
  g_assert_cmpstr (json_object_get_string_member (segment, "id"), ==, "clip-2");
  g_assert_cmpfloat (json_object_get_double_member (segment, "startTime"), ==, 1.25);
  g_assert_cmpfloat (json_object_get_double_member (segment, "endTime"), ==, 2.75);
  g_assert_cmpstr (json_object_get_string_member (segment, "text"), ==, "Fish & <chips>?");
  metadata = json_object_get_object_member (segment, "metadata");
  g_assert_cmpstr (json_object_get_string_member (metadata, "character"), ==, "ANA");
  g_assert_cmpstr (json_object_get_string_member (metadata, "clipId"), ==, "2");
  g_assert_cmpint (json_object_get_int_member (metadata, "lane"), ==, 0);

  /* the music clip: no text, no character (left out, not null) */
  segment = json_array_get_object_element (segments, 2);
  g_assert_false (json_object_has_member (segment, "text"));
  metadata = json_object_get_object_member (segment, "metadata");
  g_assert_false (json_object_has_member (metadata, "character"));
  g_assert_cmpint (json_object_get_int_member (metadata, "lane"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (segment, "startTime"), ==, 1.5);

  segment = json_array_get_object_element (segments, 3);
  g_assert_cmpfloat (json_object_get_double_member (segment, "startTime"), ==, 3.001);
  g_assert_nonnull (strstr (text, "\"startTime\" : 3.001,"));
  g_assert_cmpstr (json_object_get_string_member (segment, "text"), ==,
                   "A line long enough that a caption has to wrap it onto a second line\nbecause nobody reads ninety characters at once.");
}

static void
test_chapters_json (void)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) chapters = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonObject *root, *chapter;
  JsonArray *list;

  make_play (&elements, &clips);
  chapters = secuencia_transcript_chapters (clips, elements);
  text = secuencia_chapters_json (chapters);
  root = parse_object (text, parser);
  g_assert_cmpstr (json_object_get_string_member (root, "version"), ==, "1.2.0");
  list = json_object_get_array_member (root, "chapters");
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  chapter = json_array_get_object_element (list, 1);
  g_assert_cmpfloat (json_object_get_double_member (chapter, "startTime"), ==, 3.001);
  g_assert_cmpstr (json_object_get_string_member (chapter, "title"), ==, "EXT. GARDEN - DAY");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/captions/round-ms", test_round_ms);
  g_test_add_func ("/captions/cues", test_cues);
  g_test_add_func ("/captions/chapters", test_chapters);
  g_test_add_func ("/captions/webvtt-srt", test_webvtt_and_srt);
  g_test_add_func ("/captions/webvtt-read-by-ffmpeg", test_webvtt_read_by_ffmpeg);
  g_test_add_func ("/captions/timing-json", test_timing_json);
  g_test_add_func ("/captions/chapters-json", test_chapters_json);
  return g_test_run ();
}
