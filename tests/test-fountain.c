/* test-fountain.c: the Fountain parser against a corpus of scripts.
 *
 * Each tests/data/fountain/NAME.fountain is parsed and its dump compared
 * with NAME.expected, line by line. `test-fountain --dump FILE` prints the
 * dump of FILE (to write a new .expected, which is then read by a person).
 */
#include <stdio.h>
#include <string.h>
#include <gio/gio.h>

#include "secuencia-fountain.h"

static void
append_escaped (GString *out, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\\')
        g_string_append (out, "\\\\");
      else
        g_string_append_c (out, *p);
    }
}

static char *
dump (const SecuenciaFountainScript *script)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < script->title_page->len; i++)
    {
      SecuenciaFountainTitleEntry *entry = script->title_page->pdata[i];
      g_string_append_printf (out, "title %s: ", entry->key);
      append_escaped (out, entry->value);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < script->elements->len; i++)
    {
      SecuenciaFountainElement *element = script->elements->pdata[i];

      g_string_append_printf (out, "%u %s", element->line,
                              secuencia_fountain_kind_to_string (element->kind));
      if (element->scene_number != NULL)
        g_string_append_printf (out, " #%s", element->scene_number);
      if (element->kind == SECUENCIA_FOUNTAIN_SECTION)
        g_string_append_printf (out, " depth=%u", element->depth);
      if (element->character != NULL)
        g_string_append_printf (out, " <%s>", element->character);
      if (element->extension != NULL)
        g_string_append_printf (out, " ext=%s", element->extension);
      if (element->parenthetical != NULL)
        g_string_append_printf (out, " paren=%s", element->parenthetical);
      if (element->dual)
        g_string_append (out, " dual");
      g_string_append (out, ": ");
      append_escaped (out, element->text);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < script->problems->len; i++)
    {
      SecuenciaFountainProblem *problem = script->problems->pdata[i];
      g_string_append_printf (out, "problem %u: %s\n", problem->line, problem->message);
    }
  return g_string_free (out, FALSE);
}

static char *
read_data (const char *name, gsize *length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "fountain", name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
assert_same_lines (const char *name, const char *actual, const char *expected)
{
  g_auto(GStrv) a = g_strsplit (actual, "\n", -1);
  g_auto(GStrv) e = g_strsplit (expected, "\n", -1);
  guint n = MAX (g_strv_length (a), g_strv_length (e));

  for (guint i = 0; i < n; i++)
    {
      const char *al = i < g_strv_length (a) ? a[i] : "(missing)";
      const char *el = i < g_strv_length (e) ? e[i] : "(missing)";
      if (g_strcmp0 (al, el) != 0)
        g_error ("%s, dump line %u:\n  expected: %s\n  actual:   %s", name, i + 1, el, al);
    }
}

static void
test_corpus (gconstpointer data)
{
  const char *base = data;
  g_autofree char *fountain = g_strconcat (base, ".fountain", NULL);
  g_autofree char *expected_name = g_strconcat (base, ".expected", NULL);
  gsize length = 0;
  g_autofree char *text = read_data (fountain, &length);
  g_autofree char *expected = read_data (expected_name, NULL);
  g_autoptr(SecuenciaFountainScript) script = secuencia_fountain_parse (text, length);
  g_autofree char *actual = dump (script);

  assert_same_lines (fountain, actual, expected);
}

/* A byte-order mark and CR LF (or lone CR) line ends change nothing, not
 * even the line numbers. */
static void
test_line_ends (void)
{
  gsize length = 0;
  g_autofree char *text = read_data ("dialogue.fountain", &length);
  g_autoptr(SecuenciaFountainScript) plain = secuencia_fountain_parse (text, length);
  g_autofree char *plain_dump = dump (plain);
  g_autoptr(GString) crlf = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GString) cr = g_string_new (NULL);

  g_assert_cmpuint (plain->elements->len, >, 10);
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\n')
        {
          g_string_append (crlf, "\r\n");
          g_string_append_c (cr, '\r');
        }
      else
        {
          g_string_append_c (crlf, text[i]);
          g_string_append_c (cr, text[i]);
        }
    }
  {
    g_autoptr(SecuenciaFountainScript) script = secuencia_fountain_parse (crlf->str, crlf->len);
    g_autofree char *d = dump (script);
    assert_same_lines ("dialogue.fountain as CR LF with BOM", d, plain_dump);
  }
  {
    g_autoptr(SecuenciaFountainScript) script = secuencia_fountain_parse (cr->str, cr->len);
    g_autofree char *d = dump (script);
    assert_same_lines ("dialogue.fountain with CR line ends", d, plain_dump);
  }
}

static void
test_strip_markup (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "*a*", "a" },
    { "**a b**", "a b" },
    { "***a***", "a" },
    { "_a_", "a" },
    { "_**a**_", "a" },
    { "* a*", "* a*" },          /* cannot open before a space */
    { "*a *", "*a *" },          /* cannot close after a space */
    { "*a", "*a" },
    { "a*b*c", "abc" },
    { "a_b_c", "a_b_c" },        /* no underline inside a word */
    { "\\*a\\*", "*a*" },
    { "\\\\", "\\" },
    { "end\\", "end\\" },
    { "**a *b* c**", "a b c" },
    { "Señor *José*", "Señor José" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = secuencia_fountain_strip_markup (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_title_lookup (void)
{
  gsize length = 0;
  g_autofree char *text = read_data ("title-page.fountain", &length);
  g_autoptr(SecuenciaFountainScript) script = secuencia_fountain_parse (text, length);

  g_assert_cmpstr (secuencia_fountain_script_get_title_value (script, "TITLE"), ==,
                   "BRICK & STEEL\nFULL RETIRED");
  g_assert_cmpstr (secuencia_fountain_script_get_title_value (script, "author"), ==,
                   "Stu Maschwitz\nand Ana Pérez");
  g_assert_cmpstr (secuencia_fountain_script_get_title_value (script, "draft DATE"), ==, "1/20/2012");
  g_assert_null (secuencia_fountain_script_get_title_value (script, "revision"));
  g_assert_cmpuint (script->problems->len, ==, 0);
}

static void
test_empty (void)
{
  g_autoptr(SecuenciaFountainScript) a = secuencia_fountain_parse ("", 0);
  g_autoptr(SecuenciaFountainScript) b = secuencia_fountain_parse ("\n\n  \n", -1);

  g_assert_cmpuint (a->elements->len + a->title_page->len + a->problems->len, ==, 0);
  g_assert_cmpuint (b->elements->len + b->title_page->len + b->problems->len, ==, 0);
}

static void
test_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/script.fountain");
  g_autoptr(SecuenciaFountainScript) script = secuencia_fountain_parse_file (file, NULL, &error);

  g_assert_null (script);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/script.fountain"));
}

static const char *const corpus[] = {
  "title-page", "scenes", "dialogue", "elements", "comments", "markup", "malformed",
};

int
main (int argc, char *argv[])
{
  if (argc == 3 && g_strcmp0 (argv[1], "--dump") == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[2]);
      g_autoptr(SecuenciaFountainScript) script = secuencia_fountain_parse_file (file, NULL, &error);
      g_autofree char *text = NULL;

      if (script == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      text = dump (script);
      fputs (text, stdout);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fountain/corpus/%s", corpus[i]);
      g_test_add_data_func (path, corpus[i], test_corpus);
    }
  g_test_add_func ("/fountain/line-ends", test_line_ends);
  g_test_add_func ("/fountain/strip-markup", test_strip_markup);
  g_test_add_func ("/fountain/title-lookup", test_title_lookup);
  g_test_add_func ("/fountain/empty", test_empty);
  g_test_add_func ("/fountain/file-errors", test_file_errors);
  return g_test_run ();
}
