/* secuencia-take-matcher.c: recordings' file names to screenplay lines. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "secuencia-take-matcher.h"

static const char * const audio_extensions[] = {
  "wav", "wave", "bwf", "flac", "mp3", "ogg", "oga", "opus", "m4a", "mp4", "aac",
  "aif", "aiff", "aifc", "caf", "wv", "ape", "wma", "spx", "mka", "webm",
};

typedef enum { TOKEN_WORD, TOKEN_NUMBER } TokenKind;

typedef struct
{
  TokenKind  kind;
  char      *text;    /* lower case ASCII */
  guint64    number;
} Token;

static void
token_clear (gpointer data)
{
  g_free (((Token *) data)->text);
}

void
secuencia_take_match_free (SecuenciaTakeMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->file_name);
  g_free (match->reason);
  g_free (match);
}

void
secuencia_take_matches_free (SecuenciaTakeMatches *matches)
{
  if (matches == NULL)
    return;
  g_ptr_array_unref (matches->matches);
  g_ptr_array_unref (matches->unmatched_files);
  g_array_unref (matches->unmatched_lines);
  g_free (matches);
}

gboolean
secuencia_take_matcher_is_audio_name (const char *file_name)
{
  const char *dot;

  g_return_val_if_fail (file_name != NULL, FALSE);

  if (file_name[0] == '.')
    return FALSE;
  dot = strrchr (file_name, '.');
  if (dot == NULL || dot == file_name)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (audio_extensions); i++)
    if (g_ascii_strcasecmp (dot + 1, audio_extensions[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Lower case ASCII letters and digits only: "Mary-Jane (V.O.)" → "maryjanevo". */
static char *
normalize_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, NULL);
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static GArray *
tokenize (const char *file_name)
{
  g_autofree char *ascii = g_str_to_ascii (file_name, NULL);
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  char *dot = strrchr (ascii, '.');
  const char *p = ascii;

  g_array_set_clear_func (tokens, token_clear);
  if (dot != NULL && dot != ascii)
    *dot = '\0';
  while (*p != '\0')
    {
      const char *start = p;
      Token token = { 0 };

      if (g_ascii_isdigit (*p))
        {
          while (g_ascii_isdigit (*p))
            p++;
          token.kind = TOKEN_NUMBER;
          token.text = g_strndup (start, p - start);
          /* more than 9 digits is no line number */
          token.number = p - start > 9 ? G_MAXUINT64 : g_ascii_strtoull (token.text, NULL, 10);
          g_array_append_val (tokens, token);
        }
      else if (g_ascii_isalpha (*p))
        {
          while (g_ascii_isalpha (*p))
            p++;
          token.kind = TOKEN_WORD;
          token.text = g_ascii_strdown (start, p - start);
          g_array_append_val (tokens, token);
        }
      else
        p++;
    }
  return tokens;
}

static gboolean
word_in (const char *word, const char * const *list)
{
  return g_strv_contains (list, word);
}

static const char * const scene_words[] = { "s", "sc", "scn", "scene", NULL };
static const char * const line_words[] = { "l", "ln", "line", NULL };
static const char * const take_words[] = { "t", "tk", "take", NULL };

/* ---- the screenplay, indexed ---- */

typedef struct
{
  const SecuenciaElementInfo *info;
  guint                       index;      /* position in @elements */
  guint64                     scene;
  guint64                     line_in_scene;
  guint64                     line;       /* among all dialogue lines */
  guint64                     character_line;
  char                       *character;  /* normalized */
} Line;

static void
line_clear (gpointer data)
{
  g_free (((Line *) data)->character);
}

static GArray *
index_lines (GPtrArray *elements)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_autoptr(GHashTable) per_character = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean has_headings = FALSE;
  guint64 scene = 0, ordinal = 0, in_scene = 0, total = 0;

  g_array_set_clear_func (lines, line_clear);
  for (guint i = 0; i < elements->len; i++)
    if (((SecuenciaElementInfo *) elements->pdata[i])->kind == SECUENCIA_ELEMENT_SCENE)
      has_headings = TRUE;
  if (!has_headings)
    scene = 1;

  for (guint i = 0; i < elements->len; i++)
    {
      const SecuenciaElementInfo *info = elements->pdata[i];
      Line line = { 0 };
      guint64 count;

      if (info->kind == SECUENCIA_ELEMENT_SCENE)
        {
          const char *number = info->scene_number;
          gboolean numeric = number[0] != '\0' && strlen (number) <= 9;

          for (const char *p = number; numeric && *p != '\0'; p++)
            numeric = g_ascii_isdigit (*p);
          ordinal++;
          scene = numeric ? g_ascii_strtoull (number, NULL, 10) : ordinal;
          in_scene = 0;
          continue;
        }
      if (info->kind != SECUENCIA_ELEMENT_DIALOGUE)
        continue;
      line.info = info;
      line.index = i;
      line.scene = scene;
      line.line_in_scene = ++in_scene;
      line.line = ++total;
      line.character = normalize_name (info->character);
      count = GPOINTER_TO_SIZE (g_hash_table_lookup (per_character, line.character)) + 1;
      g_hash_table_insert (per_character, g_strdup (line.character), GSIZE_TO_POINTER (count));
      line.character_line = count;
      g_array_append_val (lines, line);
    }
  return lines;
}

/* The longest character name written by consecutive words of @tokens
 * ("mary", "jane" → "maryjane"); NULL when none. @out_used: the words. */
static const char *
find_character (GArray      *tokens,
                GHashTable  *characters,
                gboolean    *used)
{
  const char *best = NULL;
  guint best_len = 0, best_start = 0, best_end = 0;

  for (guint start = 0; start < tokens->len; start++)
    {
      g_autoptr(GString) name = g_string_new (NULL);

      for (guint end = start; end < tokens->len; end++)
        {
          Token *token = &g_array_index (tokens, Token, end);
          const char *key;

          if (token->kind != TOKEN_WORD)
            break;
          g_string_append (name, token->text);
          key = g_hash_table_lookup (characters, name->str);
          if (key != NULL && name->len > best_len)
            {
              best = key;
              best_len = name->len;
              best_start = start;
              best_end = end;
            }
        }
    }
  if (best != NULL)
    for (guint i = best_start; i <= best_end; i++)
      used[i] = TRUE;
  return best;
}

static void
match_one (SecuenciaTakeMatch *match,
           GArray             *lines,
           GHashTable         *characters)
{
  g_autoptr(GArray) tokens = tokenize (match->file_name);
  g_autofree gboolean *used = NULL;
  const char *character;
  guint64 numbers[2] = { 0, 0 };
  int numbered = 0, scene_tag = -1, line_tag = -1;
  guint n_numbers = 0;
  gboolean unknown_words = FALSE;
  g_autoptr(GString) unknown = g_string_new (NULL);
  const Line *found = NULL;

  /* a trailing take number */
  if (tokens->len >= 2)
    {
      Token *last = &g_array_index (tokens, Token, tokens->len - 1);
      Token *before = &g_array_index (tokens, Token, tokens->len - 2);

      if (last->kind == TOKEN_NUMBER && before->kind == TOKEN_WORD && word_in (before->text, take_words))
        {
          match->take = (guint) MIN (last->number, G_MAXUINT);
          g_array_set_size (tokens, tokens->len - 2);
        }
    }

  used = g_new0 (gboolean, tokens->len + 1);
  character = find_character (tokens, characters, used);

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);
      Token *previous = i > 0 ? &g_array_index (tokens, Token, i - 1) : NULL;

      if (token->kind == TOKEN_WORD)
        {
          gboolean keyword = word_in (token->text, scene_words) || word_in (token->text, line_words);

          if (!used[i] && !keyword)
            {
              unknown_words = TRUE;
              if (unknown->len > 0)
                g_string_append_c (unknown, ' ');
              g_string_append (unknown, token->text);
            }
          continue;
        }
      n_numbers++;
      if (previous != NULL && previous->kind == TOKEN_WORD && word_in (previous->text, scene_words))
        {
          if (scene_tag < 0)
            scene_tag = i;
        }
      else if (previous != NULL && previous->kind == TOKEN_WORD && word_in (previous->text, line_words))
        {
          if (line_tag < 0)
            line_tag = i;
        }
      if (numbered < 2)
        numbers[numbered++] = token->number;
    }

  if (scene_tag >= 0 && line_tag >= 0)
    {
      guint64 scene = g_array_index (tokens, Token, scene_tag).number;
      guint64 line = g_array_index (tokens, Token, line_tag).number;

      numbers[0] = scene;
      numbers[1] = line;
      n_numbers = 2;
    }
  else if (n_numbers == 2 && line_tag >= 0 && line_tag < scene_tag)
    {
      /* "L05_S02" */
      guint64 swap = numbers[0];
      numbers[0] = numbers[1];
      numbers[1] = swap;
    }

  if (n_numbers == 0)
    {
      match->reason = g_strdup (_("The name has no scene or line number"));
      return;
    }
  if (n_numbers > 2)
    {
      match->reason = g_strdup (_("The name has more numbers than a scene and a line"));
      return;
    }

  if (n_numbers == 2)
    {
      for (guint i = 0; i < lines->len && found == NULL; i++)
        {
          const Line *line = &g_array_index (lines, Line, i);
          if (line->scene == numbers[0] && line->line_in_scene == numbers[1])
            found = line;
        }
      if (found == NULL)
        {
          match->reason = g_strdup_printf (_("Scene %" G_GUINT64_FORMAT " has no line %" G_GUINT64_FORMAT),
                                           numbers[0], numbers[1]);
          return;
        }
      if (character != NULL && strcmp (character, found->character) != 0)
        {
          match->reason = g_strdup_printf (_("Scene %" G_GUINT64_FORMAT " line %" G_GUINT64_FORMAT
                                             " is %s’s, not %s’s"),
                                           numbers[0], numbers[1], found->info->character, character);
          return;
        }
      match->rule = SECUENCIA_TAKE_MATCH_SCENE_LINE;
    }
  else if (character != NULL)
    {
      for (guint i = 0; i < lines->len && found == NULL; i++)
        {
          const Line *line = &g_array_index (lines, Line, i);
          if (strcmp (line->character, character) == 0 && line->character_line == numbers[0])
            found = line;
        }
      if (found == NULL)
        {
          match->reason = g_strdup_printf (_("The character has no line %" G_GUINT64_FORMAT), numbers[0]);
          return;
        }
      match->rule = SECUENCIA_TAKE_MATCH_CHARACTER_ORDER;
    }
  else if (scene_tag >= 0)
    {
      match->reason = g_strdup (_("The name has a scene number but no line number"));
      return;
    }
  else if (unknown_words)
    {
      match->reason = g_strdup_printf (_("“%s” is no character of the screenplay"), unknown->str);
      return;
    }
  else
    {
      for (guint i = 0; i < lines->len && found == NULL; i++)
        {
          const Line *line = &g_array_index (lines, Line, i);
          if (line->line == numbers[0])
            found = line;
        }
      if (found == NULL)
        {
          match->reason = g_strdup_printf (_("The screenplay has no line %" G_GUINT64_FORMAT), numbers[0]);
          return;
        }
      match->rule = SECUENCIA_TAKE_MATCH_LINE_ORDER;
    }
  match->element_id = found->info->id;
}

typedef struct
{
  SecuenciaTakeMatch *match;
  guint               index;   /* the line's position */
  char               *key;     /* collation key of the name */
} Sorted;

static int
by_line_then_preference (gconstpointer a,
                         gconstpointer b)
{
  const Sorted *x = a, *y = b;

  if (x->index != y->index)
    return x->index < y->index ? -1 : 1;
  if (x->match->take != y->match->take)
    return x->match->take > y->match->take ? -1 : 1;
  return -strcmp (x->key, y->key);
}

static int
by_name (gconstpointer a,
         gconstpointer b)
{
  const SecuenciaTakeMatch *x = *(SecuenciaTakeMatch * const *) a;
  const SecuenciaTakeMatch *y = *(SecuenciaTakeMatch * const *) b;
  g_autofree char *kx = g_utf8_collate_key_for_filename (x->file_name, -1);
  g_autofree char *ky = g_utf8_collate_key_for_filename (y->file_name, -1);

  return strcmp (kx, ky);
}

SecuenciaTakeMatches *
secuencia_take_matcher_match (GPtrArray          *elements,
                              const char * const *file_names,
                              guint               n_files)
{
  SecuenciaTakeMatches *result = g_new0 (SecuenciaTakeMatches, 1);
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GHashTable) characters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) sorted = g_array_new (FALSE, TRUE, sizeof (Sorted));
  g_autoptr(GHashTable) named = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (elements != NULL, NULL);
  g_return_val_if_fail (file_names != NULL || n_files == 0, NULL);

  result->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_take_match_free);
  result->unmatched_files = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_take_match_free);
  result->unmatched_lines = g_array_new (FALSE, FALSE, sizeof (gint64));

  lines = index_lines (elements);
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      /* the key is its own value: a stable string for the line's name */
      if (line->character[0] != '\0' && !g_hash_table_contains (characters, line->character))
        {
          char *key = g_strdup (line->character);
          g_hash_table_insert (characters, key, key);
        }
    }

  for (guint i = 0; i < n_files; i++)
    {
      SecuenciaTakeMatch *match;

      if (!secuencia_take_matcher_is_audio_name (file_names[i]))
        {
          result->n_ignored++;
          continue;
        }
      match = g_new0 (SecuenciaTakeMatch, 1);
      match->file_name = g_strdup (file_names[i]);
      match_one (match, lines, characters);
      if (match->element_id == 0)
        {
          g_ptr_array_add (result->unmatched_files, match);
          continue;
        }
      for (guint j = 0; j < lines->len; j++)
        if (g_array_index (lines, Line, j).info->id == match->element_id)
          {
            Sorted entry = { match, g_array_index (lines, Line, j).index,
                             g_utf8_collate_key_for_filename (match->file_name, -1) };
            g_array_append_val (sorted, entry);
            break;
          }
    }

  g_array_sort (sorted, by_line_then_preference);
  for (guint i = 0; i < sorted->len; i++)
    {
      Sorted *entry = &g_array_index (sorted, Sorted, i);

      entry->match->duplicate = i > 0 && g_array_index (sorted, Sorted, i - 1).index == entry->index;
      g_hash_table_add (named, &entry->match->element_id);
      g_ptr_array_add (result->matches, entry->match);
      g_free (entry->key);
    }
  g_ptr_array_sort (result->unmatched_files, by_name);

  for (guint i = 0; i < lines->len; i++)
    {
      gint64 id = g_array_index (lines, Line, i).info->id;
      if (!g_hash_table_contains (named, &id))
        g_array_append_val (result->unmatched_lines, id);
    }
  return result;
}
