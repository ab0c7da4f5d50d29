/* secuencia-captions.c: WebVTT, SRT, timing JSON and chapters JSON. */
#include "config.h"

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

/* Seconds with at most three decimals, as short as they go: 3.7, 0, 12.345. */
static void
append_seconds (GString *out, SecuenciaTime time)
{
  gint64 ms = secuencia_captions_round_ms (time);
  gint64 whole = ms / 1000;
  int frac = (int) ABS (ms % 1000);

  if (ms < 0 && whole == 0)
    g_string_append_c (out, '-');
  g_string_append_printf (out, "%" G_GINT64_FORMAT, whole);
  if (frac != 0)
    {
      char digits[5];
      g_snprintf (digits, sizeof digits, ".%03d", frac);
      for (int i = 3; i > 0 && digits[i] == '0'; i--)
        digits[i] = '\0';
      g_string_append (out, digits);
    }
}

static void
append_json_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

/* Written by hand rather than with a JSON generator so that times come out
 * as the milliseconds they are (3.7, not 3.7000000000000002) and keys in
 * the sorted order of the Swift original. */
char *
secuencia_captions_timing_json (GPtrArray  *cues,
                                const char *audio_file_name)
{
  GString *out = g_string_new ("{\n  \"audioFile\" : ");
  SecuenciaTime duration = 0;

  g_return_val_if_fail (cues != NULL, NULL);
  g_return_val_if_fail (audio_file_name != NULL, NULL);

  for (guint i = 0; i < cues->len; i++)
    duration = MAX (duration, ((SecuenciaCue *) cues->pdata[i])->end);

  append_json_string (out, audio_file_name);
  g_string_append (out, ",\n  \"duration\" : ");
  append_seconds (out, duration);
  g_string_append (out, ",\n  \"segments\" : [");
  for (guint i = 0; i < cues->len; i++)
    {
      const SecuenciaCue *cue = cues->pdata[i];

      g_string_append (out, i == 0 ? "\n" : ",\n");
      g_string_append (out, "    {\n      \"endTime\" : ");
      append_seconds (out, cue->end);
      g_string_append_printf (out, ",\n      \"id\" : \"clip-%" G_GINT64_FORMAT "\",\n", cue->clip_id);
      g_string_append (out, "      \"metadata\" : {\n");
      if (cue->character != NULL)
        {
          g_string_append (out, "        \"character\" : ");
          append_json_string (out, cue->character);
          g_string_append (out, ",\n");
        }
      g_string_append_printf (out, "        \"clipId\" : \"%" G_GINT64_FORMAT "\",\n", cue->clip_id);
      g_string_append_printf (out, "        \"lane\" : %d\n      },\n", cue->lane);
      g_string_append (out, "      \"startTime\" : ");
      append_seconds (out, cue->start);
      if (cue->text != NULL)
        {
          g_string_append (out, ",\n      \"text\" : ");
          append_json_string (out, cue->text);
        }
      g_string_append (out, "\n    }");
    }
  g_string_append (out, cues->len > 0 ? "\n  ],\n" : "],\n");
  g_string_append (out, "  \"version\" : \"1.0\"\n}\n");
  return g_string_free (out, FALSE);
}

char *
secuencia_chapters_json (GPtrArray *chapters)
{
  GString *out = g_string_new ("{\n  \"version\" : \"1.2.0\",\n  \"chapters\" : [");

  g_return_val_if_fail (chapters != NULL, NULL);

  for (guint i = 0; i < chapters->len; i++)
    {
      const SecuenciaChapter *chapter = chapters->pdata[i];

      g_string_append (out, i == 0 ? "\n" : ",\n");
      g_string_append (out, "    {\n      \"startTime\" : ");
      append_seconds (out, chapter->start);
      g_string_append (out, ",\n      \"title\" : ");
      append_json_string (out, chapter->title);
      g_string_append (out, "\n    }");
    }
  g_string_append (out, chapters->len > 0 ? "\n  ]\n}\n" : "]\n}\n");
  return g_string_free (out, FALSE);
}
