/* secuencia-fountain.c: a line-based Fountain parser.
 *
 * Three passes over the text:
 *  1. split into physical lines (BOM, CR LF and CR handled, invalid UTF-8
 *     replaced), remembering each line's number;
 *  2. drop notes and the boneyard, which may span lines: the text before an
 *     opener and after its closer are joined into one logical line, and a
 *     line left empty by a removal disappears instead of becoming a blank
 *     line (so a note between a cue and its dialogue does not end it);
 *  3. read the title page, then classify the logical lines one by one with
 *     one line of look-behind and look-ahead (blank or not).
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "secuencia-fountain.h"

typedef struct
{
  char  *text;
  guint  line;
} Line;

typedef struct
{
  SecuenciaFountainScript *script;
  GArray                  *lines;      /* of Line (logical) */
  guint                    body_start;

  /* dialogue state */
  gboolean  in_dialogue;
  char     *character;
  char     *extension;
  gboolean  dual;
  char     *parenthetical;
  guint     parenthetical_line;
  GString  *speech;
  guint     speech_line;

  /* action / lyrics paragraphs being gathered */
  SecuenciaFountainElement *open_paragraph;
} Parser;

static void
line_clear (gpointer data)
{
  Line *line = data;
  g_free (line->text);
}

static void
element_free (gpointer data)
{
  SecuenciaFountainElement *element = data;

  g_free (element->text);
  g_free (element->character);
  g_free (element->extension);
  g_free (element->parenthetical);
  g_free (element->scene_number);
  g_free (element);
}

static void
title_entry_free (gpointer data)
{
  SecuenciaFountainTitleEntry *entry = data;

  g_free (entry->key);
  g_free (entry->value);
  g_free (entry);
}

static void
problem_free (gpointer data)
{
  SecuenciaFountainProblem *problem = data;

  g_free (problem->message);
  g_free (problem);
}

void
secuencia_fountain_script_free (SecuenciaFountainScript *script)
{
  if (script == NULL)
    return;
  g_ptr_array_unref (script->title_page);
  g_ptr_array_unref (script->elements);
  g_ptr_array_unref (script->problems);
  g_free (script);
}

G_GNUC_PRINTF (3, 4)
static void
add_problem (SecuenciaFountainScript *script,
             guint                    line,
             const char              *format,
             ...)
{
  SecuenciaFountainProblem *problem = g_new0 (SecuenciaFountainProblem, 1);
  va_list args;

  va_start (args, format);
  problem->line = line;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (script->problems, problem);
}

const char *
secuencia_fountain_kind_to_string (SecuenciaFountainKind kind)
{
  switch (kind)
    {
    case SECUENCIA_FOUNTAIN_SCENE_HEADING: return "scene";
    case SECUENCIA_FOUNTAIN_ACTION:        return "action";
    case SECUENCIA_FOUNTAIN_DIALOGUE:      return "dialogue";
    case SECUENCIA_FOUNTAIN_TRANSITION:    return "transition";
    case SECUENCIA_FOUNTAIN_CENTERED:      return "centered";
    case SECUENCIA_FOUNTAIN_LYRICS:        return "lyrics";
    case SECUENCIA_FOUNTAIN_PAGE_BREAK:    return "page-break";
    case SECUENCIA_FOUNTAIN_SECTION:       return "section";
    case SECUENCIA_FOUNTAIN_SYNOPSIS:      return "synopsis";
    default:                               return "unknown";
    }
}

/* ---- emphasis and escapes ---- */

typedef struct
{
  gunichar c;
  gboolean literal;   /* escaped: never markup */
  gboolean removed;
} Glyph;

static gsize
run_length (const Glyph *glyphs, gsize n, gsize i)
{
  gsize end = i;

  while (end < n && !glyphs[end].literal && !glyphs[end].removed && glyphs[end].c == glyphs[i].c)
    end++;
  return end - i;
}

static gboolean
is_space (const Glyph *glyphs, gsize n, gssize i)
{
  return i < 0 || (gsize) i >= n || g_unichar_isspace (glyphs[i].c);
}

static gboolean
is_word (const Glyph *glyphs, gsize n, gssize i)
{
  return i >= 0 && (gsize) i < n && g_unichar_isalnum (glyphs[i].c);
}

char *
secuencia_fountain_strip_markup (const char *text)
{
  g_autoptr(GArray) array = g_array_new (FALSE, TRUE, sizeof (Glyph));
  GString *out;
  Glyph *glyphs;
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      Glyph glyph = { g_utf8_get_char (p), FALSE, FALSE };

      if (glyph.c == '\\' && p[1] != '\0')
        {
          p = g_utf8_next_char (p);
          glyph.c = g_utf8_get_char (p);
          glyph.literal = TRUE;
        }
      g_array_append_val (array, glyph);
    }
  glyphs = (Glyph *) array->data;
  n = array->len;

  /* Pair each opening run of '*' (or '_') with the next closing run of the
   * same length; unpaired runs stay as they are. */
  for (gsize i = 0; i < n; i++)
    {
      gsize len;
      gunichar c = glyphs[i].c;

      if (glyphs[i].literal || glyphs[i].removed || (c != '*' && c != '_'))
        continue;
      if (i > 0 && !glyphs[i - 1].literal && !glyphs[i - 1].removed && glyphs[i - 1].c == c)
        continue;   /* not the start of a run */
      len = run_length (glyphs, n, i);
      if (is_space (glyphs, n, (gssize) (i + len)))
        continue;   /* cannot open */
      if (c == '_' && is_word (glyphs, n, (gssize) i - 1))
        continue;   /* snake_case is not underline */

      for (gsize j = i + len + 1; j < n; j++)
        {
          gsize close_len;

          if (glyphs[j].literal || glyphs[j].removed || glyphs[j].c != c)
            continue;
          if (glyphs[j - 1].c == c && !glyphs[j - 1].literal && !glyphs[j - 1].removed)
            continue;
          close_len = run_length (glyphs, n, j);
          if (close_len == len && !is_space (glyphs, n, (gssize) j - 1) &&
              !(c == '_' && is_word (glyphs, n, (gssize) (j + len))))
            {
              for (gsize k = 0; k < len; k++)
                {
                  glyphs[i + k].removed = TRUE;
                  glyphs[j + k].removed = TRUE;
                }
              break;
            }
          j += close_len - 1;
        }
      if (!glyphs[i].removed)
        i += len - 1;
    }

  /* Runs of spaces (left by a removed note, or typed) are spoken as one. */
  out = g_string_sized_new (strlen (text));
  for (gsize i = 0; i < n; i++)
    {
      gboolean space = !glyphs[i].literal && (glyphs[i].c == ' ' || glyphs[i].c == '\t');

      if (glyphs[i].removed)
        continue;
      if (space && out->len > 0 && out->str[out->len - 1] == ' ')
        continue;
      g_string_append_unichar (out, space ? ' ' : glyphs[i].c);
    }
  return g_string_free (out, FALSE);
}

/* ---- pass 1: physical lines ---- */

static GPtrArray *
split_lines (SecuenciaFountainScript *script,
             const char              *text,
             gsize                    length)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;
  const char *end = text + length;
  guint number = 1;

  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p <= end)
    {
      const char *eol = p;
      char *line;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
      if (!g_utf8_validate (p, eol - p, NULL) || memchr (p, '\0', eol - p) != NULL)
        {
          g_autofree char *raw = g_strndup (p, eol - p);
          /* g_strndup stops at a NUL; make the rest valid */
          line = g_utf8_make_valid (raw, -1);
          add_problem (script, number,
                       _("Line %u is not valid UTF-8 text; the bad bytes were replaced"),
                       number);
        }
      else
        line = g_strndup (p, eol - p);
      g_ptr_array_add (lines, line);
      number++;
      if (eol >= end)
        break;
      if (*eol == '\r' && eol + 1 < end && eol[1] == '\n')
        eol++;
      p = eol + 1;
    }
  return lines;
}

/* ---- pass 2: notes and boneyard ---- */

typedef enum { COMMENT_NONE, COMMENT_BONEYARD, COMMENT_NOTE } CommentKind;

typedef struct
{
  guint line;
  gsize column;
} Position;

static gboolean
position_in (GArray *positions, guint line, gsize column)
{
  for (guint i = 0; i < positions->len; i++)
    {
      Position *pos = &g_array_index (positions, Position, i);
      if (pos->line == line && pos->column == column)
        return TRUE;
    }
  return FALSE;
}

/* Returns TRUE when every comment was closed; otherwise records the
 * unclosed opener in @literal_openers (to be read as text on the next try)
 * and returns FALSE. */
static gboolean
remove_comments (SecuenciaFountainScript *script,
                 GPtrArray               *physical,
                 GArray                  *literal_openers,
                 GArray                  *logical,
                 GPtrArray               *stray)
{
  CommentKind comment = COMMENT_NONE;
  Position opened = { 0, 0 };
  g_autoptr(GString) pending = g_string_new (NULL);
  guint pending_line = 0;
  gboolean pending_removed = FALSE;

  for (guint i = 0; i < physical->len; i++)
    {
      const char *text = physical->pdata[i];
      guint number = i + 1;
      gsize len = strlen (text);

      if (comment == COMMENT_NONE)
        {
          g_string_truncate (pending, 0);
          pending_line = number;
          pending_removed = FALSE;
        }

      for (gsize c = 0; c < len; c++)
        {
          if (comment != COMMENT_NONE)
            {
              const char *closer = comment == COMMENT_BONEYARD ? "*/" : "]]";
              if (text[c] == closer[0] && text[c + 1] == closer[1])
                {
                  comment = COMMENT_NONE;
                  c++;
                }
              continue;
            }
          if (text[c] == '\\' && c + 1 < len)
            {
              g_string_append_len (pending, text + c, 2);
              c++;
              continue;
            }
          if (((text[c] == '/' && text[c + 1] == '*') || (text[c] == '[' && text[c + 1] == '['))
              && !position_in (literal_openers, number, c))
            {
              comment = text[c] == '/' ? COMMENT_BONEYARD : COMMENT_NOTE;
              opened.line = number;
              opened.column = c;
              pending_removed = TRUE;
              c++;
              continue;
            }
          if (text[c] == '*' && text[c + 1] == '/' && stray != NULL)
            {
              g_ptr_array_add (stray, GUINT_TO_POINTER (number));
              pending_removed = TRUE;
              c++;
              continue;
            }
          g_string_append_c (pending, text[c]);
        }

      if (comment != COMMENT_NONE)
        continue;

      {
        gboolean blank = TRUE;
        for (const char *p = pending->str; *p != '\0'; p++)
          if (!g_ascii_isspace (*p))
            blank = FALSE;
        if (blank && pending_removed)
          continue;   /* only a note or boneyard was there */
      }
      {
        Line line = { g_strdup (pending->str), pending_line };
        g_array_append_val (logical, line);
      }
    }

  if (comment != COMMENT_NONE)
    {
      g_array_append_val (literal_openers, opened);
      if (comment == COMMENT_BONEYARD)
        add_problem (script, opened.line,
                     _("Line %u opens a boneyard with “/*” that is never closed with “*/”; it was read as text"),
                     opened.line);
      else
        add_problem (script, opened.line,
                     _("Line %u opens a note with “[[” that is never closed with “]]”; it was read as text"),
                     opened.line);
      return FALSE;
    }
  return TRUE;
}

/* ---- small line predicates ---- */

static gboolean
is_blank_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static const char *
line_text (Parser *parser, gssize i)
{
  if (i < (gssize) parser->body_start || i >= (gssize) parser->lines->len)
    return NULL;
  return g_array_index (parser->lines, Line, i).text;
}

static gboolean
line_blank (Parser *parser, gssize i)
{
  const char *text = line_text (parser, i);
  return text == NULL || is_blank_text (text);
}

static guint
line_number (Parser *parser, gssize i)
{
  return g_array_index (parser->lines, Line, i).line;
}

/* Has at least one letter and no lower-case letter. */
static gboolean
is_upper_text (const char *text)
{
  gboolean letter = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isalpha (c))
        letter = TRUE;
    }
  return letter;
}

static gboolean
is_scene_heading (const char *trim)
{
  static const char *const prefixes[] = { "int./ext", "int/ext", "i/e", "int", "ext", "est" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize len = strlen (prefixes[i]);
      if (g_ascii_strncasecmp (trim, prefixes[i], len) == 0 && (trim[len] == '.' || trim[len] == ' '))
        return TRUE;
    }
  return FALSE;
}

/* Everything before the first '(' of a cue, without a trailing '^'. */
static char *
cue_name_part (const char *trim, gboolean *dual)
{
  g_autofree char *copy = g_strdup (trim);
  char *paren;

  g_strchomp (copy);
  *dual = g_str_has_suffix (copy, "^");
  if (*dual)
    {
      copy[strlen (copy) - 1] = '\0';
      g_strchomp (copy);
    }
  paren = strchr (copy, '(');
  if (paren != NULL)
    *paren = '\0';
  return g_strdup (g_strstrip (copy));
}

static gboolean
is_character_cue (const char *trim)
{
  gboolean dual;
  g_autofree char *name = cue_name_part (trim, &dual);

  /* "SMASH CUT TO:" with text under it is a transition written badly, not
   * a speaker */
  return *name != '\0' && is_upper_text (name) && !g_str_has_suffix (name, "TO:");
}

static gboolean
is_transition (const char *trim)
{
  return g_str_has_suffix (trim, "TO:") && is_upper_text (trim);
}

/* ---- emitting ---- */

static SecuenciaFountainElement *
emit (Parser *parser, SecuenciaFountainKind kind, guint line, const char *text)
{
  SecuenciaFountainElement *element = g_new0 (SecuenciaFountainElement, 1);

  element->kind = kind;
  element->line = line;
  element->text = g_strdup (text != NULL ? text : "");
  g_ptr_array_add (parser->script->elements, element);
  parser->open_paragraph = NULL;
  return element;
}

static void
flush_speech (Parser *parser)
{
  SecuenciaFountainElement *element;

  if (parser->speech->len == 0)
    return;
  element = emit (parser, SECUENCIA_FOUNTAIN_DIALOGUE, parser->speech_line, parser->speech->str);
  element->character = g_strdup (parser->character);
  element->extension = g_strdup (parser->extension);
  element->parenthetical = g_steal_pointer (&parser->parenthetical);
  element->dual = parser->dual;
  g_string_truncate (parser->speech, 0);
}

static void
end_dialogue (Parser *parser)
{
  if (!parser->in_dialogue)
    return;
  flush_speech (parser);
  if (parser->parenthetical != NULL)
    {
      add_problem (parser->script, parser->parenthetical_line,
                   _("Line %u: the parenthetical “(%s)” is followed by no dialogue"),
                   parser->parenthetical_line, parser->parenthetical);
      g_clear_pointer (&parser->parenthetical, g_free);
    }
  parser->in_dialogue = FALSE;
  g_clear_pointer (&parser->character, g_free);
  g_clear_pointer (&parser->extension, g_free);
  parser->dual = FALSE;
}

static void
append_paragraph (Parser *parser, SecuenciaFountainKind kind, guint line, const char *text)
{
  g_autofree char *clean = secuencia_fountain_strip_markup (text);
  SecuenciaFountainElement *element = parser->open_paragraph;

  if (element != NULL && element->kind == kind)
    {
      char *joined = g_strconcat (element->text, "\n", clean, NULL);
      g_free (element->text);
      element->text = joined;
      return;
    }
  element = emit (parser, kind, line, clean);
  parser->open_paragraph = element;
}

static void
start_dialogue (Parser *parser, const char *trim, gboolean forced, guint number)
{
  g_autofree char *copy = g_strdup (forced ? trim + 1 : trim);
  g_autoptr(GString) extension = g_string_new (NULL);
  char *rest;
  gboolean dual = FALSE;

  g_strstrip (copy);
  if (g_str_has_suffix (copy, "^"))
    {
      dual = TRUE;
      copy[strlen (copy) - 1] = '\0';
      g_strchomp (copy);
    }

  rest = strchr (copy, '(');
  if (rest != NULL)
    {
      *rest++ = '\0';
      /* rest: "V.O.) (CONT'D)" */
      while (rest != NULL && *rest != '\0')
        {
          char *close = strchr (rest, ')');
          g_autofree char *inner = NULL;

          if (close == NULL)
            {
              add_problem (parser->script, number,
                           _("Line %u: the character extension “(%s” is not closed with “)”"),
                           number, rest);
              inner = g_strstrip (g_strdup (rest));
              rest = NULL;
            }
          else
            {
              inner = g_strstrip (g_strndup (rest, close - rest));
              rest = strchr (close + 1, '(');
              if (rest != NULL)
                rest++;
            }
          if (*inner != '\0')
            {
              g_autofree char *clean = secuencia_fountain_strip_markup (inner);
              if (extension->len > 0)
                g_string_append (extension, ", ");
              g_string_append (extension, clean);
            }
        }
    }

  end_dialogue (parser);
  parser->in_dialogue = TRUE;
  parser->character = secuencia_fountain_strip_markup (g_strstrip (copy));
  parser->extension = extension->len > 0 ? g_strdup (extension->str) : NULL;
  parser->dual = dual;
  parser->speech_line = 0;

  if (dual)
    {
      GPtrArray *elements = parser->script->elements;
      SecuenciaFountainElement *last = elements->len > 0 ? elements->pdata[elements->len - 1] : NULL;

      if (last == NULL || last->kind != SECUENCIA_FOUNTAIN_DIALOGUE || last->dual)
        {
          add_problem (parser->script, number,
                       _("Line %u: the dual dialogue cue “^” does not follow another character’s dialogue"),
                       number);
          parser->dual = FALSE;
        }
    }
}

static void
scene_heading (Parser *parser, const char *trim, guint number)
{
  g_autofree char *copy = g_strdup (trim);
  g_autofree char *number_text = NULL;
  gsize len = strlen (copy);
  SecuenciaFountainElement *element;

  if (len >= 3 && copy[len - 1] == '#')
    {
      char *open = NULL;
      for (char *p = copy + len - 2; p >= copy; p--)
        if (*p == '#')
          {
            open = p;
            break;
          }
      if (open != NULL && open + 1 < copy + len - 1)
        {
          gboolean valid = TRUE;
          for (char *p = open + 1; p < copy + len - 1; p++)
            if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
              valid = FALSE;
          if (valid)
            {
              number_text = g_strndup (open + 1, copy + len - 1 - (open + 1));
              *open = '\0';
              g_strchomp (copy);
            }
        }
    }
  {
    g_autofree char *clean = secuencia_fountain_strip_markup (copy);
    element = emit (parser, SECUENCIA_FOUNTAIN_SCENE_HEADING, number, clean);
  }
  element->scene_number = g_steal_pointer (&number_text);
}

/* ---- title page ---- */

static gboolean
title_key (const char *text, char **key, char **value)
{
  const char *colon = strchr (text, ':');

  if (colon == NULL || colon == text || !g_ascii_isalpha (text[0]))
    return FALSE;
  for (const char *p = text; p < colon; p++)
    if (!g_ascii_isalnum (*p) && *p != ' ' && *p != '_' && *p != '-')
      return FALSE;
  *key = g_strstrip (g_strndup (text, colon - text));
  *value = g_strstrip (g_strdup (colon + 1));
  return TRUE;
}

static gboolean
is_known_title_key (const char *key)
{
  static const char *const known[] = {
    "title", "credit", "author", "authors", "source", "draft date", "date",
    "contact", "copyright", "notes", "revision",
  };
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (key, known[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
title_entry_append (SecuenciaFountainTitleEntry *entry, const char *line)
{
  g_autofree char *clean = secuencia_fountain_strip_markup (line);
  char *joined;

  if (*clean == '\0')
    return;
  joined = *entry->value == '\0' ? g_strdup (clean) : g_strconcat (entry->value, "\n", clean, NULL);
  g_free (entry->value);
  entry->value = joined;
}

static void
read_title_page (Parser *parser)
{
  GArray *lines = parser->lines;
  SecuenciaFountainTitleEntry *entry = NULL;
  guint i = 0;
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  while (i < lines->len && is_blank_text (g_array_index (lines, Line, i).text))
    i++;
  if (i >= lines->len ||
      !title_key (g_array_index (lines, Line, i).text, &key, &value) ||
      !is_known_title_key (key))
    return;

  for (; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      g_autofree char *k = NULL;
      g_autofree char *v = NULL;

      if (is_blank_text (line->text))
        break;
      if ((line->text[0] == '\t' || g_str_has_prefix (line->text, "   ")) && entry != NULL)
        {
          g_autofree char *trim = g_strstrip (g_strdup (line->text));
          title_entry_append (entry, trim);
        }
      else if (title_key (line->text, &k, &v))
        {
          entry = g_new0 (SecuenciaFountainTitleEntry, 1);
          entry->key = g_steal_pointer (&k);
          entry->value = g_strdup ("");
          title_entry_append (entry, v);
          g_ptr_array_add (parser->script->title_page, entry);
        }
      else
        {
          g_autofree char *trim = g_strstrip (g_strdup (line->text));
          add_problem (parser->script, line->line,
                       _("Line %u on the title page is neither “Key: value” nor an indented continuation; it was added to the value above"),
                       line->line);
          if (entry != NULL)
            title_entry_append (entry, trim);
        }
    }
  parser->body_start = i;
}

const char *
secuencia_fountain_script_get_title_value (const SecuenciaFountainScript *script,
                                           const char                    *key)
{
  g_return_val_if_fail (script != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < script->title_page->len; i++)
    {
      SecuenciaFountainTitleEntry *entry = script->title_page->pdata[i];
      if (g_ascii_strcasecmp (entry->key, key) == 0 ||
          (g_ascii_strcasecmp (key, "author") == 0 && g_ascii_strcasecmp (entry->key, "authors") == 0))
        return entry->value;
    }
  return NULL;
}

/* ---- pass 3: the body ---- */

/* Reads a parenthetical starting at line @i (which starts with '(');
 * returns the index of its last line. */
static guint
read_parenthetical (Parser *parser, guint i)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint number = line_number (parser, i);
  guint last = i;
  gboolean closed = FALSE;
  g_autofree char *clean = NULL;

  /* A parenthetical may wrap over lines up to its ")"; one that is never
   * closed is only its first line, and what follows is dialogue. */
  for (guint j = i; j < parser->lines->len && !line_blank (parser, j); j++)
    {
      g_autofree char *trim = g_strstrip (g_strdup (line_text (parser, j)));

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, trim);
      last = j;
      if (g_str_has_suffix (trim, ")"))
        {
          closed = TRUE;
          break;
        }
    }
  if (closed)
    {
      g_string_erase (text, 0, 1);
      g_string_truncate (text, text->len - 1);
    }
  else
    {
      g_string_assign (text, line_text (parser, i));
      g_strstrip (text->str);
      g_string_set_size (text, strlen (text->str));
      g_string_erase (text, 0, 1);
      last = i;
      add_problem (parser->script, number,
                   _("Line %u: the parenthetical “(%s” is not closed with “)”"),
                   number, text->str);
    }

  clean = secuencia_fountain_strip_markup (g_strstrip (text->str));
  if (parser->parenthetical != NULL)
    {
      char *joined = g_strconcat (parser->parenthetical, "; ", clean, NULL);
      g_free (parser->parenthetical);
      parser->parenthetical = joined;
    }
  else
    {
      parser->parenthetical = g_steal_pointer (&clean);
      parser->parenthetical_line = number;
    }
  return last;
}

static void
read_body (Parser *parser)
{
  GArray *lines = parser->lines;

  for (guint i = parser->body_start; i < lines->len; i++)
    {
      const char *raw = line_text (parser, i);
      g_autofree char *trim = g_strstrip (g_strdup (raw));
      guint number = line_number (parser, i);
      gboolean prev_blank = line_blank (parser, (gssize) i - 1);
      gboolean next_blank = line_blank (parser, i + 1);

      if (parser->in_dialogue)
        {
          if (*trim == '\0')
            {
              /* "  " keeps dialogue going over an empty line */
              if (strlen (raw) >= 2 && strspn (raw, " ") == strlen (raw) && !next_blank)
                continue;
              end_dialogue (parser);
              parser->open_paragraph = NULL;
              continue;
            }
          /* "(laughs) Yes." is speech that starts with a parenthesis */
          if (trim[0] == '(' && (g_str_has_suffix (trim, ")") || strchr (trim, ')') == NULL))
            {
              flush_speech (parser);
              i = read_parenthetical (parser, i);
              continue;
            }
          {
            const char *speech = trim[0] == '~' ? trim + 1 : trim;
            g_autofree char *clean = secuencia_fountain_strip_markup (speech);

            g_strstrip (clean);
            if (parser->speech->len == 0)
              parser->speech_line = number;
            else
              g_string_append_c (parser->speech, '\n');
            g_string_append (parser->speech, clean);
          }
          continue;
        }

      if (*trim == '\0')
        {
          parser->open_paragraph = NULL;
          continue;
        }

      if (strlen (trim) >= 3 && strspn (trim, "=") == strlen (trim))
        emit (parser, SECUENCIA_FOUNTAIN_PAGE_BREAK, number, "");
      else if (trim[0] == '#')
        {
          guint depth = strspn (trim, "#");
          g_autofree char *clean = secuencia_fountain_strip_markup (trim + depth);
          SecuenciaFountainElement *element;

          element = emit (parser, SECUENCIA_FOUNTAIN_SECTION, number, g_strstrip (clean));
          element->depth = depth;
        }
      else if (trim[0] == '=')
        {
          g_autofree char *clean = secuencia_fountain_strip_markup (trim + 1);
          emit (parser, SECUENCIA_FOUNTAIN_SYNOPSIS, number, g_strstrip (clean));
        }
      else if (trim[0] == '!')
        {
          const char *action = strchr (raw, '!') + 1;
          g_autofree char *copy = g_strstrip (g_strdup (action));
          append_paragraph (parser, SECUENCIA_FOUNTAIN_ACTION, number, copy);
        }
      else if (trim[0] == '@' && trim[1] != '\0' && !next_blank)
        start_dialogue (parser, trim, TRUE, number);
      else if (trim[0] == '~')
        {
          g_autofree char *copy = g_strstrip (g_strdup (trim + 1));
          append_paragraph (parser, SECUENCIA_FOUNTAIN_LYRICS, number, copy);
        }
      else if (trim[0] == '>')
        {
          gsize len = strlen (trim);
          gboolean centered = len >= 2 && trim[len - 1] == '<';
          g_autofree char *inner = g_strndup (trim + 1, len - 1 - (centered ? 1 : 0));
          g_autofree char *clean = secuencia_fountain_strip_markup (g_strstrip (inner));

          if (*clean == '\0')
            add_problem (parser->script, number,
                         _("Line %u: “>” is followed by no text"), number);
          else if (centered)
            {
              SecuenciaFountainElement *last = parser->open_paragraph;
              if (last != NULL && last->kind == SECUENCIA_FOUNTAIN_CENTERED)
                {
                  char *joined = g_strconcat (last->text, "\n", clean, NULL);
                  g_free (last->text);
                  last->text = joined;
                }
              else
                parser->open_paragraph = emit (parser, SECUENCIA_FOUNTAIN_CENTERED, number, clean);
            }
          else
            emit (parser, SECUENCIA_FOUNTAIN_TRANSITION, number, clean);
        }
      else if (trim[0] == '.' && trim[1] != '.' && g_unichar_isalnum (g_utf8_get_char (trim + 1)))
        scene_heading (parser, trim + 1, number);
      else if (prev_blank && is_scene_heading (trim))
        scene_heading (parser, trim, number);
      else if (prev_blank && next_blank && is_transition (trim))
        {
          g_autofree char *clean = secuencia_fountain_strip_markup (trim);
          emit (parser, SECUENCIA_FOUNTAIN_TRANSITION, number, clean);
        }
      else if (prev_blank && !next_blank && is_character_cue (trim))
        start_dialogue (parser, trim, FALSE, number);
      else
        append_paragraph (parser, SECUENCIA_FOUNTAIN_ACTION, number, trim);
    }
  end_dialogue (parser);
}

static int
compare_problems (gconstpointer a, gconstpointer b)
{
  const SecuenciaFountainProblem *pa = *(SecuenciaFountainProblem **) a;
  const SecuenciaFountainProblem *pb = *(SecuenciaFountainProblem **) b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

SecuenciaFountainScript *
secuencia_fountain_parse (const char *text,
                          gssize      length)
{
  SecuenciaFountainScript *script = g_new0 (SecuenciaFountainScript, 1);
  g_autoptr(GPtrArray) physical = NULL;
  g_autoptr(GArray) literal_openers = g_array_new (FALSE, FALSE, sizeof (Position));
  g_autoptr(GPtrArray) stray = g_ptr_array_new ();
  g_autoptr(GArray) logical = g_array_new (FALSE, FALSE, sizeof (Line));
  Parser parser = { 0 };

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  script->title_page = g_ptr_array_new_with_free_func (title_entry_free);
  script->elements = g_ptr_array_new_with_free_func (element_free);
  script->problems = g_ptr_array_new_with_free_func (problem_free);
  g_array_set_clear_func (logical, line_clear);

  if (length < 0)
    length = text != NULL ? strlen (text) : 0;
  physical = split_lines (script, text != NULL ? text : "", length);

  /* Each failed try turns one unclosed opener into text; stray closers are
   * only reported on the final try. */
  while (!remove_comments (script, physical, literal_openers, logical, NULL))
    g_array_set_size (logical, 0);
  g_array_set_size (logical, 0);
  remove_comments (script, physical, literal_openers, logical, stray);
  for (guint i = 0; i < stray->len; i++)
    {
      guint number = GPOINTER_TO_UINT (stray->pdata[i]);
      add_problem (script, number,
                   _("Line %u has “*/” without an opening “/*”; it was left out"),
                   number);
    }

  parser.script = script;
  parser.lines = logical;
  parser.speech = g_string_new (NULL);
  read_title_page (&parser);
  read_body (&parser);
  g_string_free (parser.speech, TRUE);

  g_ptr_array_sort (script->problems, compare_problems);
  return script;
}

SecuenciaFountainScript *
secuencia_fountain_parse_file (GFile         *file,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not read the script “%s”: %s"), name, local_error->message);
      return NULL;
    }
  return secuencia_fountain_parse (contents, length);
}

GPtrArray *
secuencia_fountain_script_to_elements (const SecuenciaFountainScript *script)
{
  GPtrArray *elements;

  g_return_val_if_fail (script != NULL, NULL);

  elements = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_element_info_free);
  for (guint i = 0; i < script->elements->len; i++)
    {
      const SecuenciaFountainElement *element = script->elements->pdata[i];
      SecuenciaElementInfo *info;

      switch (element->kind)
        {
        case SECUENCIA_FOUNTAIN_SCENE_HEADING:
          info = secuencia_element_info_new (SECUENCIA_ELEMENT_SCENE, NULL, element->text);
          if (element->scene_number != NULL)
            {
              g_free (info->scene_number);
              info->scene_number = g_strdup (element->scene_number);
            }
          break;
        case SECUENCIA_FOUNTAIN_DIALOGUE:
          info = secuencia_element_info_new (SECUENCIA_ELEMENT_DIALOGUE, element->character, element->text);
          if (element->parenthetical != NULL)
            {
              g_free (info->parenthetical);
              info->parenthetical = g_strdup (element->parenthetical);
            }
          if (element->extension != NULL)
            {
              g_free (info->extension);
              info->extension = g_strdup (element->extension);
            }
          info->dual = element->dual;
          break;
        case SECUENCIA_FOUNTAIN_ACTION:
        case SECUENCIA_FOUNTAIN_TRANSITION:
        case SECUENCIA_FOUNTAIN_CENTERED:
        case SECUENCIA_FOUNTAIN_LYRICS:
          info = secuencia_element_info_new (SECUENCIA_ELEMENT_ACTION, NULL, element->text);
          break;
        case SECUENCIA_FOUNTAIN_PAGE_BREAK:
        case SECUENCIA_FOUNTAIN_SECTION:
        case SECUENCIA_FOUNTAIN_SYNOPSIS:
        default:
          continue;
        }
      info->position = elements->len;
      g_ptr_array_add (elements, info);
    }
  return elements;
}
