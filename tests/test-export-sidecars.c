/* test-export-sidecars.c: an export of a screenplay from a script with
 * chapters in the M4A (read back by ffprobe, each of the two forms on its
 * own) and captions, timing and chapter files beside it, checked against
 * the timeline; Vorbis-comment chapters in FLAC and Opus; all or none. */
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "secuencia-export-sidecars.h"
#include "secuencia-exporter.h"
#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"
#include "secuencia-test-cli.h"

#define RATE 48000

static const char script[] =
  "Title: Sidecars\n"
  "\n"
  "INT. KITCHEN - NIGHT #1#\n"
  "\n"
  "ANA\n"
  "Where is *everyone*?\n"
  "\n"
  "BOB (O.S.)\n"
  "Out & about.\n"
  "\n"
  "EXT. GARDEN - DAY #2#\n"
  "\n"
  "The wind.\n"
  "\n"
  "ANA\n"
  "There you are.\n";

/* one tone per line, different lengths */
static const double line_seconds[3] = { 0.8, 1.1, 0.6 };
static const double line_hz[3] = { 440, 660, 880 };

typedef struct
{
  char             *dir;
  char             *project_path;
  gint64            timeline_id;
  GPtrArray        *clips;   /* the timeline as stored */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(SecuenciaFountainScript) parsed = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autofree char *script_path = NULL;
  g_autoptr(GFile) script_file = NULL;
  guint line = 0;

  f->dir = g_dir_make_tmp ("secuencia-sidecars-XXXXXX", &error);
  g_assert_no_error (error);
  f->project_path = g_build_filename (f->dir, "play.secuencia", NULL);
  project = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  script_path = g_build_filename (f->dir, "play.fountain", NULL);
  g_file_set_contents (script_path, script, -1, &error);
  g_assert_no_error (error);
  script_file = g_file_new_for_path (script_path);
  parsed = secuencia_project_import_script (project, script_file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Voice the three lines (the scene headings and action stay silent). */
  elements = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < elements->len; i++)
    {
      SecuenciaElementInfo *element = elements->pdata[i];
      g_autofree char *name = NULL;
      g_autofree char *wav = NULL;
      g_autoptr(GFile) file = NULL;

      if (element->kind != SECUENCIA_ELEMENT_DIALOGUE)
        continue;
      name = g_strdup_printf ("line%u.wav", line);
      wav = g_build_filename (f->dir, name, NULL);
      file = g_file_new_for_path (wav);
      g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, RATE, 1,
                                                      line_hz[line], line_seconds[line], 0.5, &error));
      g_assert_no_error (error);
      element->asset_id = secuencia_project_import_audio (project, file, NULL, &error);
      g_assert_no_error (error);
      g_unlink (wav);
      line++;
    }
  g_assert_cmpuint (line, ==, 3);
  g_assert_true (secuencia_project_replace_screenplay (project, elements, NULL, &error));
  g_assert_no_error (error);

  f->timeline_id = secuencia_project_convert_screenplay (project, "t", 250 * SECUENCIA_TIME_MSECOND,
                                                         NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->clips = secuencia_project_list_clips (project, f->timeline_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->clips->len, ==, 3);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->clips, g_ptr_array_unref);
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project_path);
}

static SecuenciaClip *
nth_clip (Fixture *f, guint i)
{
  return f->clips->pdata[i];
}

static gboolean
export (Fixture *f, const char *name, guint sidecars, gboolean replace, GError **error)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  SecuenciaExportOptions options = SECUENCIA_EXPORT_OPTIONS_INIT;

  options.sidecars = sidecars;
  options.replace = replace;
  return secuencia_export_run (f->project_path, f->timeline_id, destination, &options, NULL, NULL, error);
}

static char *
read_text (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static char *
ms_stamp (SecuenciaTime t, char sep)
{
  gint64 ms = (t + SECUENCIA_TIME_MSECOND / 2) / SECUENCIA_TIME_MSECOND;
  return g_strdup_printf ("00:%02d:%02d%c%03d", (int) (ms / 60000), (int) (ms / 1000 % 60), sep, (int) (ms % 1000));
}

/* ffprobe's chapters: "start_time|title" per chapter. */
static char *
probe_chapters (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GString *result = g_string_new (NULL);
  const char *argv[] = { "ffprobe", "-v", "error", "-show_chapters", "-of", "json", path, NULL };
  JsonArray *chapters;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("ffprobe %s: %s", path, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  chapters = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "chapters");
  for (guint i = 0; i < json_array_get_length (chapters); i++)
    {
      JsonObject *chapter = json_array_get_object_element (chapters, i);
      JsonObject *tags = json_object_get_object_member (chapter, "tags");
      g_string_append_printf (result, "%s|%s\n", json_object_get_string_member (chapter, "start_time"),
                              tags != NULL ? json_object_get_string_member (tags, "title") : "");
    }
  return g_string_free (result, FALSE);
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Renames the first box of type @path[last] found by walking @path from the
 * top level to "free" (players skip it); returns FALSE when not found. */
static gboolean
hide_box (guint8 *data, gsize size, const char *const *path)
{
  gsize start = 0, end = size;

  for (guint depth = 0; path[depth] != NULL; depth++)
    {
      gboolean found = FALSE;

      for (gsize off = start; off + 8 <= end;)
        {
          guint32 box = be32 (data + off);
          if (box < 8 || off + box > end)
            return FALSE;
          if (memcmp (data + off + 4, path[depth], 4) == 0)
            {
              if (path[depth + 1] == NULL)
                {
                  memcpy (data + off + 4, "free", 4);
                  return TRUE;
                }
              start = off + 8;
              end = off + box;
              found = TRUE;
              break;
            }
          off += box;
        }
      if (!found)
        return FALSE;
    }
  return FALSE;
}

static char *
copy_hiding (Fixture *f, const char *name, const char *copy_name, const char *const *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *src = g_build_filename (f->dir, name, NULL);
  char *dst = g_build_filename (f->dir, copy_name, NULL);
  g_autofree char *data = NULL;
  gsize size = 0;

  g_file_get_contents (src, &data, &size, &error);
  g_assert_no_error (error);
  g_assert_true (hide_box ((guint8 *) data, size, path));
  g_file_set_contents (dst, data, size, &error);
  g_assert_no_error (error);
  return dst;
}

static void
test_export_with_everything (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *m4a = g_build_filename (f->dir, "play.m4a", NULL);
  g_autofree char *vtt = NULL;
  g_autofree char *srt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *chapters_json = NULL;
  g_autofree char *expected_chapters = NULL;
  g_autofree char *probed = NULL;
  g_autofree char *start1 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SecuenciaTime total = secuencia_clip_get_end (nth_clip (f, 2));
  JsonObject *root;
  JsonArray *segments;

  if (!secuencia_test_have_program ("ffprobe"))
    {
      g_test_skip ("ffprobe is not installed");
      return;
    }
  g_assert_true (export (f, "play.m4a", SECUENCIA_SIDECAR_ALL, FALSE, &error));
  g_assert_no_error (error);

  /* The captions follow the timeline, to the millisecond. */
  vtt = read_text (f, "play.vtt");
  g_assert_true (g_str_has_prefix (vtt, "WEBVTT\n"));
  for (guint i = 0; i < 3; i++)
    {
      SecuenciaClip *clip = nth_clip (f, i);
      g_autofree char *a = ms_stamp (clip->offset, '.');
      g_autofree char *b = ms_stamp (secuencia_clip_get_end (clip), '.');
      g_autofree char *cue = g_strdup_printf ("clip-%" G_GINT64_FORMAT "\n%s --> %s\n",
                                              clip->id, a, b);
      g_assert_nonnull (strstr (vtt, cue));
    }
  g_assert_nonnull (strstr (vtt, "<v ANA>Where is everyone?</v>"));
  g_assert_nonnull (strstr (vtt, "<v BOB>Out &amp; about.</v>"));
  srt = read_text (f, "play.srt");
  g_assert_true (g_str_has_prefix (srt, "1\n00:00:00,000 --> 00:00:00,800\nANA: Where is everyone?\n\n2\n"));

  json = read_text (f, "play.m4a.timing.json");
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "audioFile"), ==, "play.m4a");
  segments = json_object_get_array_member (root, "segments");
  g_assert_cmpuint (json_array_get_length (segments), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "duration"),
                                  secuencia_time_to_seconds (total), 0.0005);

  /* Chapters: each scene at its first clip (the first at 0), in the file
   * and beside it. */
  start1 = g_strdup_printf ("%.6f", (double) ((nth_clip (f, 2)->offset + 500000) / 1000000) / 1000.0);
  expected_chapters = g_strdup_printf ("0.000000|INT. KITCHEN - NIGHT\n%s|EXT. GARDEN - DAY\n", start1);
  probed = probe_chapters (m4a);
  g_assert_cmpstr (probed, ==, expected_chapters);
  chapters_json = read_text (f, "play.chapters.json");
  g_assert_nonnull (strstr (chapters_json, "\"title\" : \"EXT. GARDEN - DAY\""));

  /* Each form on its own: without the Nero list ffprobe reads the
   * QuickTime track, without the track reference the Nero list. */
  {
    static const char *const chpl[] = { "moov", "udta", "chpl", NULL };
    static const char *const tref[] = { "moov", "trak", "tref", NULL };
    g_autofree char *only_track = copy_hiding (f, "play.m4a", "only-track.m4a", chpl);
    g_autofree char *only_nero = copy_hiding (f, "play.m4a", "only-nero.m4a", tref);
    g_autofree char *a = probe_chapters (only_track);
    g_autofree char *b = probe_chapters (only_nero);
    g_autofree char *both_hidden = copy_hiding (f, "only-nero.m4a", "none.m4a", chpl);
    g_autofree char *c = probe_chapters (both_hidden);

    g_assert_cmpstr (a, ==, expected_chapters);
    g_assert_cmpstr (b, ==, expected_chapters);
    g_assert_cmpstr (c, ==, "");   /* so the two above did not read each other */
  }

  /* The audio is intact after the media moved: exact length and the
   * third line's tone where the timeline puts it, in both decoders. */
  {
    g_autoptr(SecuenciaTestPcm) gst = secuencia_test_audio_decode_gst (m4a, &error);
    g_autoptr(SecuenciaTestPcm) ff = NULL;
    double third = secuencia_time_to_seconds (nth_clip (f, 2)->offset);

    g_assert_no_error (error);
    ff = secuencia_test_audio_decode_ffmpeg (m4a, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (gst->n_frames, ==, secuencia_time_to_samples (total, RATE));
    g_assert_cmpuint (ff->n_frames, ==, secuencia_time_to_samples (total, RATE));
    g_assert_cmpfloat (secuencia_test_pcm_tone_at (gst, 880, third + 0.1, 0.3), >, 0.3);
    g_assert_cmpfloat (secuencia_test_pcm_tone_at (ff, 880, third + 0.1, 0.3), >, 0.3);
    g_assert_cmpfloat (secuencia_test_pcm_tone_at (gst, 880, third - 0.2, 0.15), <, 0.01);
  }
}

/* GStreamer's reading of the file's Vorbis comments: the extended
 * comments (keys GStreamer has no tag for), one "KEY=value" a line. */
static char *
read_extended_comments (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstDiscoverer) discoverer = gst_discoverer_new (10 * GST_SECOND, &error);
  g_autofree char *uri = gst_filename_to_uri (path, &error);
  g_autoptr(GstDiscovererInfo) info = NULL;
  GString *result = g_string_new (NULL);
  GList *streams;

  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  streams = gst_discoverer_info_get_audio_streams (info);
  for (GList *l = streams; l != NULL; l = l->next)
    {
      const GstTagList *tags = gst_discoverer_stream_info_get_tags (l->data);
      guint n = tags != NULL ? gst_tag_list_get_tag_size (tags, GST_TAG_EXTENDED_COMMENT) : 0;

      for (guint i = 0; i < n; i++)
        {
          const char *value = NULL;
          if (gst_tag_list_peek_string_index (tags, GST_TAG_EXTENDED_COMMENT, i, &value))
            g_string_append_printf (result, "%s\n", value);
        }
    }
  gst_discoverer_stream_info_list_free (streams);
  return g_string_free (result, FALSE);
}

/* FLAC and Opus: Vorbis-comment chapters, CHAPTER01=HH:MM:SS.mmm and
 * CHAPTER01NAME, read back as chapters by ffprobe. */
static void
test_vorbis_chapters (Fixture *f, gconstpointer data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *start1 = NULL;
  g_autofree char *stamp1 = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *probed = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *expected_tags = NULL;
  gint64 ms;

  if (!secuencia_test_have_program ("ffprobe"))
    {
      g_test_skip ("ffprobe is not installed");
      return;
    }
  g_assert_true (export (f, name, 0, FALSE, &error));
  g_assert_no_error (error);

  ms = (nth_clip (f, 2)->offset + 500000) / 1000000;
  start1 = g_strdup_printf ("%.6f", (double) ms / 1000.0);
  expected = g_strdup_printf ("0.000000|INT. KITCHEN - NIGHT\n%s|EXT. GARDEN - DAY\n", start1);
  probed = probe_chapters (path);
  g_assert_cmpstr (probed, ==, expected);

  /* the comments themselves, as written */
  tags = read_extended_comments (path);
  g_test_message ("%s", tags);
  stamp1 = g_strdup_printf ("00:00:%02d.%03d", (int) (ms / 1000), (int) (ms % 1000));
  expected_tags = g_strdup_printf ("CHAPTER01=00:00:00.000\nCHAPTER01NAME=INT. KITCHEN - NIGHT\n"
                                   "CHAPTER02=%s\nCHAPTER02NAME=EXT. GARDEN - DAY\n", stamp1);
  g_assert_cmpstr (tags, ==, expected_tags);
}

static guint
count_part_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".part") || strstr (name, ".part") != NULL)
      n++;
  return n;
}

/* A caption file in the way (and replacing not asked for): nothing is
 * written, neither the audio nor the other files; asked to replace, all
 * are. */
static void
test_all_or_none (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *srt_path = g_build_filename (f->dir, "take.srt", NULL);
  g_autofree char *m4a = g_build_filename (f->dir, "take.m4a", NULL);
  g_autofree char *vtt = g_build_filename (f->dir, "take.vtt", NULL);
  g_autofree char *srt = NULL;

  g_file_set_contents (srt_path, "mine\n", -1, &error);
  g_assert_no_error (error);
  g_assert_false (export (f, "take.m4a", SECUENCIA_SIDECAR_VTT | SECUENCIA_SIDECAR_SRT, FALSE, &error));
  g_assert_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "take.srt"));
  g_clear_error (&error);
  g_assert_false (g_file_test (m4a, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (vtt, G_FILE_TEST_EXISTS));
  srt = read_text (f, "take.srt");
  g_assert_cmpstr (srt, ==, "mine\n");
  g_assert_cmpuint (count_part_files (f->dir), ==, 0);
  g_clear_pointer (&srt, g_free);

  g_assert_true (export (f, "take.m4a", SECUENCIA_SIDECAR_VTT | SECUENCIA_SIDECAR_SRT, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (m4a, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (vtt, G_FILE_TEST_EXISTS));
  srt = read_text (f, "take.srt");
  g_assert_true (g_str_has_prefix (srt, "1\n00:00:00,000 --> "));
  g_assert_cmpuint (count_part_files (f->dir), ==, 0);

  /* No files asked for: none written, chapters still in the audio. */
  g_assert_true (export (f, "plain.m4a", 0, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *plain_vtt = g_build_filename (f->dir, "plain.vtt", NULL);
    g_autofree char *plain_json = g_build_filename (f->dir, "plain.m4a.timing.json", NULL);
    g_assert_false (g_file_test (plain_vtt, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (plain_json, G_FILE_TEST_EXISTS));
  }
}

static gboolean
export_part (Fixture *f, const char *name, const SecuenciaExportOptions *options, GError **error)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (path);

  return secuencia_export_run (f->project_path, f->timeline_id, destination, options, NULL, NULL, error);
}

static SecuenciaTestPcm *
decode (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  SecuenciaTestPcm *pcm = secuencia_test_audio_decode_gst (path, &error);

  g_assert_no_error (error);
  return pcm;
}

/* A scene's file: only its clips, moved to start at the scene's start,
 * sample exact; a lane's stem: only that lane, as long as the whole
 * timeline. */
static void
test_parts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaTestPcm) scene = NULL;
  g_autoptr(SecuenciaTestPcm) stem = NULL;
  g_autoptr(SecuenciaTestPcm) stem0 = NULL;
  SecuenciaExportOptions options = SECUENCIA_EXPORT_OPTIONS_INIT;
  SecuenciaClip *third = nth_clip (f, 2);
  SecuenciaTime start = third->offset;   /* the second scene starts with it */
  SecuenciaTime total = secuencia_clip_get_end (third);
  SecuenciaTime lane1_at = 500 * SECUENCIA_TIME_MSECOND;

  options.range_start = start;
  options.range_end = SECUENCIA_TIME_MAX;
  g_assert_true (export_part (f, "scene2.m4a", &options, &error));
  g_assert_no_error (error);
  scene = decode (f, "scene2.m4a");
  g_assert_cmpuint (scene->n_frames, ==, secuencia_time_to_samples (third->duration, RATE));
  g_assert_cmpint (secuencia_test_pcm_onset (scene, 0, 0.05), <=, 48);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (scene, 880, 0.1, 0.3), >, 0.3);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (scene, 440, 0.1, 0.3), <, 0.01);

  /* the first scene: its two lines, not the third */
  options.range_start = 0;
  options.range_end = start;
  g_assert_true (export_part (f, "scene1.m4a", &options, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SecuenciaTestPcm) one = decode (f, "scene1.m4a");
    g_assert_cmpuint (one->n_frames, ==, secuencia_time_to_samples (secuencia_clip_get_end (nth_clip (f, 1)), RATE));
  }

  /* A second lane: one clip at 0.5 s with the third line's audio. */
  {
    g_autoptr(SecuenciaProject) project = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
    g_autoptr(SecuenciaTimeline) timeline = NULL;
    g_autoptr(SecuenciaClip) extra = NULL;

    g_assert_no_error (error);
    timeline = secuencia_project_load_timeline (project, f->timeline_id, &error);
    g_assert_no_error (error);
    extra = secuencia_clip_new (third->asset_id, lane1_at, 0, third->duration, 1);
    g_assert_cmpint (secuencia_timeline_insert (timeline, extra, &error), !=, 0);
    g_assert_true (secuencia_project_save_timeline (project, timeline, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  options = (SecuenciaExportOptions) SECUENCIA_EXPORT_OPTIONS_INIT;
  options.lane_only = TRUE;
  options.lane = 1;
  g_assert_true (export_part (f, "lane1.m4a", &options, &error));
  g_assert_no_error (error);
  stem = decode (f, "lane1.m4a");
  g_assert_cmpuint (stem->n_frames, ==, secuencia_time_to_samples (total, RATE));
  g_assert_cmpint (ABS (secuencia_test_pcm_onset (stem, 0, 0.05) - secuencia_time_to_samples (lane1_at, RATE)), <=, 48);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (stem, 440, 0.1, 0.3), <, 0.01);   /* lane 0's first line */
  options.lane = 0;
  g_assert_true (export_part (f, "lane0.m4a", &options, &error));
  g_assert_no_error (error);
  stem0 = decode (f, "lane0.m4a");
  g_assert_cmpuint (stem0->n_frames, ==, stem->n_frames);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (stem0, 440, 0.1, 0.3), >, 0.3);
}

static void
test_cli_split (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL;
  g_autofree char *a = g_build_filename (f->dir, "out-1-INT. KITCHEN - NIGHT.m4a", NULL);
  g_autofree char *a_vtt = g_build_filename (f->dir, "out-1-INT. KITCHEN - NIGHT.vtt", NULL);
  g_autofree char *b = g_build_filename (f->dir, "out-2-EXT. GARDEN - DAY.m4a", NULL);
  g_autofree char *whole = g_build_filename (f->dir, "out.m4a", NULL);

  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "export", "play.secuencia", "-o", "out.m4a",
                            "--timeline", "1", "--split", "sideways", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "export", "play.secuencia", "-o", "out.m4a",
                            "--split", "scenes", "--captions", "vtt", NULL), ==, 0);
  g_test_message ("%s", err);
  g_assert_true (g_file_test (a, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (a_vtt, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (b, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (whole, G_FILE_TEST_EXISTS));

  /* Again without --force and the first part gone: it is written, then
   * the second is in the way, so the first is taken back (all or none). */
  g_clear_pointer (&err, g_free);
  g_unlink (a);
  g_unlink (a_vtt);
  g_assert_cmpint (secuencia_test_run_cli (f->dir, NULL, &err, "export", "play.secuencia", "-o", "out.m4a",
                            "--split", "scenes", "--captions", "vtt", NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "already exists"));
  g_assert_nonnull (strstr (err, "Exporting part 2 of 2"));
  g_assert_false (g_file_test (a, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (a_vtt, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (b, G_FILE_TEST_EXISTS));
}

static void
test_names_and_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = secuencia_sidecar_path ("/x/Play.m4a", SECUENCIA_SIDECAR_VTT);
  g_autofree char *b = secuencia_sidecar_path ("/x/Play.m4a", SECUENCIA_SIDECAR_SRT);
  g_autofree char *c = secuencia_sidecar_path ("/x/Play.m4a", SECUENCIA_SIDECAR_TIMING_JSON);
  g_autofree char *d = secuencia_sidecar_path ("/x/Play.m4a", SECUENCIA_SIDECAR_CHAPTERS_JSON);
  g_autofree char *e = secuencia_sidecar_path ("/x.y/noext", SECUENCIA_SIDECAR_VTT);
  SecuenciaSidecars which = 0;

  g_assert_cmpstr (a, ==, "/x/Play.vtt");
  g_assert_cmpstr (b, ==, "/x/Play.srt");
  g_assert_cmpstr (c, ==, "/x/Play.m4a.timing.json");
  g_assert_cmpstr (d, ==, "/x/Play.chapters.json");
  g_assert_cmpstr (e, ==, "/x.y/noext.vtt");

  g_assert_true (secuencia_sidecars_parse ("vtt,srt,json", &which, &error));
  g_assert_cmpuint (which, ==, SECUENCIA_SIDECAR_VTT | SECUENCIA_SIDECAR_SRT | SECUENCIA_SIDECAR_TIMING_JSON);
  g_assert_true (secuencia_sidecars_parse (" SRT , chapters", &which, &error));
  g_assert_cmpuint (which, ==, SECUENCIA_SIDECAR_SRT | SECUENCIA_SIDECAR_CHAPTERS_JSON);
  g_assert_false (secuencia_sidecars_parse ("vtt,ass", &which, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "ass"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  g_test_add_func ("/sidecars/names-and-parse", test_names_and_parse);
  g_test_add ("/sidecars/export-with-everything", Fixture, NULL, fixture_setup,
              test_export_with_everything, fixture_teardown);
  g_test_add ("/sidecars/flac-chapters", Fixture, "play.flac", fixture_setup,
              test_vorbis_chapters, fixture_teardown);
  g_test_add ("/sidecars/opus-chapters", Fixture, "play.opus", fixture_setup,
              test_vorbis_chapters, fixture_teardown);
  g_test_add ("/sidecars/all-or-none", Fixture, NULL, fixture_setup, test_all_or_none, fixture_teardown);
  g_test_add ("/sidecars/parts", Fixture, NULL, fixture_setup, test_parts, fixture_teardown);
  g_test_add ("/sidecars/cli-split", Fixture, NULL, fixture_setup, test_cli_split, fixture_teardown);
  return g_test_run ();
}
