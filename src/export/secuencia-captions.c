/* secuencia-captions.c: WebVTT, SRT, timing JSON and chapters JSON. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "secuencia-captions.h"

#define WRAP_CHARS 65

gint64
secuencia_captions_round_ms (SecuenciaTime time)
{
  if (time >= 0)
    return (time + SECUENCIA_TIME_MSECOND / 2) / SECUENCIA_TIME_MSECOND;
  return -((-time + SECUENCIA_TIME_MSECOND / 2) / SECUENCIA_TIME_MSECOND);
}

static void
append_timestamp (GString *out, SecuenciaTime time, char decimal)
{
  gint64 ms = MAX (secuencia_captions_round_ms (time), 0);

  g_string_append_printf (out, "%02" G_GINT64_FORMAT ":%02d:%02d%c%03d",
                          ms / 3600000, (int) (ms / 60000 % 60), (int) (ms / 1000 % 60),
                          decimal, (int) (ms % 1000));
}

/* The text on lines of at most about WRAP_CHARS characters: the writer's
 * line breaks are only where the script's margin was, so words are joined
 * and wrapped again. Never an empty line (it would end a cue). */
static char *
wrap (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  GString *out = g_string_new (NULL);
  glong line = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      glong len = g_utf8_strlen (words[i], -1);

      if (len == 0)
        continue;
      if (line > 0 && line + 1 + len > WRAP_CHARS)
        {
          g_string_append_c (out, '\n');
          line = 0;
        }
      else if (line > 0)
        {
          g_string_append_c (out, ' ');
          line++;
        }
      g_string_append (out, words[i]);
      line += len;
    }
  return g_string_free (out, FALSE);
}

static void
append_escaped (GString *out, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      default: g_string_append_c (out, *p);
      }
}

char *
secuencia_captions_webvtt (GPtrArray *cues)
{
  GString *out = g_string_new ("WEBVTT\n");

  g_return_val_if_fail (cues != NULL, NULL);

  for (guint i = 0; i < cues->len; i++)
    {
      const SecuenciaCue *cue = cues->pdata[i];
      g_autofree char *text = NULL;

      if (cue->text == NULL)
        continue;
      text = wrap (cue->text);
      if (*text == '\0')
        continue;
      g_string_append_printf (out, "\nclip-%" G_GINT64_FORMAT "\n", cue->clip_id);
      append_timestamp (out, cue->start, '.');
      g_string_append (out, " --> ");
      append_timestamp (out, cue->end, '.');
      g_string_append_c (out, '\n');
      if (cue->character != NULL)
        {
          g_string_append (out, "<v ");
          append_escaped (out, cue->character);
          g_string_append_c (out, '>');
          append_escaped (out, text);
          g_string_append (out, "</v>\n");
        }
      else
        {
          append_escaped (out, text);
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

char *
secuencia_captions_srt (GPtrArray *cues)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (cues != NULL, NULL);

  for (guint i = 0; i < cues->len; i++)
    {
      const SecuenciaCue *cue = cues->pdata[i];
      g_autofree char *text = NULL;
      g_autofree char *spoken = NULL;

      if (cue->text == NULL)
        continue;
      spoken = cue->character != NULL ? g_strdup_printf ("%s: %s", cue->character, cue->text)
                                      : g_strdup (cue->text);
      text = wrap (spoken);
      if (*text == '\0')
        continue;
      if (n > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%u\n", ++n);
      append_timestamp (out, cue->start, ',');
      g_string_append (out, " --> ");
      append_timestamp (out, cue->end, ',');
      g_string_append_printf (out, "\n%s\n", text);
    }
  return g_string_free (out, FALSE);
}

static double
seconds_ms (SecuenciaTime time)
{
  return secuencia_captions_round_ms (time) / 1000.0;
}

static char *
to_pretty_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *text;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  {
    char *with_newline = g_strconcat (text, "\n", NULL);
    g_free (text);
    return with_newline;
  }
}

char *
secuencia_captions_timing_json (GPtrArray  *cues,
                                const char *audio_file_name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  SecuenciaTime duration = 0;

  g_return_val_if_fail (cues != NULL, NULL);
  g_return_val_if_fail (audio_file_name != NULL, NULL);

  for (guint i = 0; i < cues->len; i++)
    duration = MAX (duration, ((SecuenciaCue *) cues->pdata[i])->end);

  /* Keys in sorted order, as the Swift original writes them. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "audioFile");
  json_builder_add_string_value (builder, audio_file_name);
  json_builder_set_member_name (builder, "duration");
  json_builder_add_double_value (builder, seconds_ms (duration));
  json_builder_set_member_name (builder, "segments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cues->len; i++)
    {
      const SecuenciaCue *cue = cues->pdata[i];
      g_autofree char *id = g_strdup_printf ("clip-%" G_GINT64_FORMAT, cue->clip_id);
      g_autofree char *clip_id = g_strdup_printf ("%" G_GINT64_FORMAT, cue->clip_id);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "endTime");
      json_builder_add_double_value (builder, seconds_ms (cue->end));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "metadata");
      json_builder_begin_object (builder);
      if (cue->character != NULL)
        {
          json_builder_set_member_name (builder, "character");
          json_builder_add_string_value (builder, cue->character);
        }
      json_builder_set_member_name (builder, "clipId");
      json_builder_add_string_value (builder, clip_id);
      json_builder_set_member_name (builder, "lane");
      json_builder_add_int_value (builder, cue->lane);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "startTime");
      json_builder_add_double_value (builder, seconds_ms (cue->start));
      if (cue->text != NULL)
        {
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, cue->text);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, "1.0");
  json_builder_end_object (builder);
  return to_pretty_json (builder);
}

char *
secuencia_chapters_json (GPtrArray *chapters)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (chapters != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, "1.2.0");
  json_builder_set_member_name (builder, "chapters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < chapters->len; i++)
    {
      const SecuenciaChapter *chapter = chapters->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "startTime");
      json_builder_add_double_value (builder, seconds_ms (chapter->start));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, chapter->title);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return to_pretty_json (builder);
}
