/* test-take-matcher.c: recordings' file names to screenplay lines, naming
 * style by naming style; unmatched files say why; duplicates lose to the
 * highest take; files that are not audio are ignored. */
#include <glib.h>
#include <string.h>

#include "secuencia-take-matcher.h"

/* Scene 1 (no number): ANA, BOB, action, ANA. Scene 2 (numbered #2#):
 * MARY JANE, ANA, JOSÉ. Element ids are 100 + position. */
enum { S1 = 100, ANA1, BOB1, ACT, ANA2, S2, MJ1, ANA3, JOSE1 };

static void
add (GPtrArray *elements, SecuenciaElementKind kind, const char *character, const char *text)
{
  SecuenciaElementInfo *info = secuencia_element_info_new (kind, character, text);

  info->position = elements->len;
  info->id = 100 + elements->len;
  g_ptr_array_add (elements, info);
}

static GPtrArray *
screenplay (void)
{
  GPtrArray *elements = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_element_info_free);

  add (elements, SECUENCIA_ELEMENT_SCENE, "", "INT. KITCHEN - DAY");
  add (elements, SECUENCIA_ELEMENT_DIALOGUE, "ANA", "Hola.");
  add (elements, SECUENCIA_ELEMENT_DIALOGUE, "BOB", "Hi.");
  add (elements, SECUENCIA_ELEMENT_ACTION, "", "Bob leaves.");
  add (elements, SECUENCIA_ELEMENT_DIALOGUE, "ANA", "Bye.");
  add (elements, SECUENCIA_ELEMENT_SCENE, "", "EXT. GARDEN - NIGHT");
  g_free (((SecuenciaElementInfo *) elements->pdata[S2 - 100])->scene_number);
  ((SecuenciaElementInfo *) elements->pdata[S2 - 100])->scene_number = g_strdup ("2");
  add (elements, SECUENCIA_ELEMENT_DIALOGUE, "MARY JANE", "Who is there?");
  add (elements, SECUENCIA_ELEMENT_DIALOGUE, "ANA", "Me.");
  add (elements, SECUENCIA_ELEMENT_DIALOGUE, "JOSÉ", "And me.");
  return elements;
}

typedef struct
{
  const char             *name;
  gint64                  element_id;   /* 0: unmatched */
  SecuenciaTakeMatchRule  rule;
  const char             *reason;       /* a part of the reason when unmatched */
} Case;

static const Case cases[] = {
  /* scene and line */
  { "S02_L01.wav",          MJ1,   SECUENCIA_TAKE_MATCH_SCENE_LINE, NULL },
  { "s2l2.WAV",             ANA3,  SECUENCIA_TAKE_MATCH_SCENE_LINE, NULL },
  { "2-3 jose.flac",        JOSE1, SECUENCIA_TAKE_MATCH_SCENE_LINE, NULL },
  { "2-3 José.flac",        JOSE1, SECUENCIA_TAKE_MATCH_SCENE_LINE, NULL },
  { "scene1_line2.mp3",     BOB1,  SECUENCIA_TAKE_MATCH_SCENE_LINE, NULL },
  { "Sc01-Ln03.ogg",        ANA2,  SECUENCIA_TAKE_MATCH_SCENE_LINE, NULL },
  { "SCENE 1 LINE 1.Opus",  ANA1,  SECUENCIA_TAKE_MATCH_SCENE_LINE, NULL },
  { "01.02.opus",           BOB1,  SECUENCIA_TAKE_MATCH_SCENE_LINE, NULL },
  { "L03_S01.wav",          ANA2,  SECUENCIA_TAKE_MATCH_SCENE_LINE, NULL },
  { "s1_l1_ana_take2.wav",  ANA1,  SECUENCIA_TAKE_MATCH_SCENE_LINE, NULL },
  { "2_1_mary-jane.m4a",    MJ1,   SECUENCIA_TAKE_MATCH_SCENE_LINE, NULL },
  /* character and line order */
  { "ANA_03.wav",           ANA3,  SECUENCIA_TAKE_MATCH_CHARACTER_ORDER, NULL },
  { "ana 1.m4a",            ANA1,  SECUENCIA_TAKE_MATCH_CHARACTER_ORDER, NULL },
  { "Ana2.aiff",            ANA2,  SECUENCIA_TAKE_MATCH_CHARACTER_ORDER, NULL },
  { "MaryJane1.aif",        MJ1,   SECUENCIA_TAKE_MATCH_CHARACTER_ORDER, NULL },
  { "mary_jane_1_take2.wav", MJ1,  SECUENCIA_TAKE_MATCH_CHARACTER_ORDER, NULL },
  { "Bob-01 tk4.wav",       BOB1,  SECUENCIA_TAKE_MATCH_CHARACTER_ORDER, NULL },
  { "JOSE_line_1.wav",      JOSE1, SECUENCIA_TAKE_MATCH_CHARACTER_ORDER, NULL },
  /* line order over the whole screenplay */
  { "line_005.wav",         ANA3,  SECUENCIA_TAKE_MATCH_LINE_ORDER, NULL },
  { "006.flac",             JOSE1, SECUENCIA_TAKE_MATCH_LINE_ORDER, NULL },
  { "L2.wav",               BOB1,  SECUENCIA_TAKE_MATCH_LINE_ORDER, NULL },
  /* unmatched, with the reason */
  { "S02_L05.wav",          0, SECUENCIA_TAKE_MATCH_NONE, "Scene 2 has no line 5" },
  { "S03_L01.wav",          0, SECUENCIA_TAKE_MATCH_NONE, "Scene 3 has no line 1" },
  { "2-1 ana.wav",          0, SECUENCIA_TAKE_MATCH_NONE, "is MARY JANE’s, not ana’s" },
  { "carl_01.wav",          0, SECUENCIA_TAKE_MATCH_NONE, "“carl” is no character" },
  { "ANA_09.wav",           0, SECUENCIA_TAKE_MATCH_NONE, "no line 9" },
  { "intro.wav",            0, SECUENCIA_TAKE_MATCH_NONE, "no scene or line number" },
  { "s3.wav",               0, SECUENCIA_TAKE_MATCH_NONE, "no line number" },
  { "2026_05_01_03.wav",    0, SECUENCIA_TAKE_MATCH_NONE, "more numbers" },
  { "line_7.wav",           0, SECUENCIA_TAKE_MATCH_NONE, "has no line 7" },
  { "99999999999.wav",      0, SECUENCIA_TAKE_MATCH_NONE, "has no line" },
};

static void
test_naming_styles (void)
{
  g_autoptr(GPtrArray) elements = screenplay ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *names[1] = { cases[i].name };
      g_autoptr(SecuenciaTakeMatches) result = secuencia_take_matcher_match (elements, names, 1);
      const SecuenciaTakeMatch *match;

      g_test_message ("%s", cases[i].name);
      g_assert_cmpuint (result->n_ignored, ==, 0);
      if (cases[i].element_id != 0)
        {
          g_assert_cmpuint (result->matches->len, ==, 1);
          g_assert_cmpuint (result->unmatched_files->len, ==, 0);
          match = result->matches->pdata[0];
          g_assert_cmpint (match->element_id, ==, cases[i].element_id);
          g_assert_cmpint (match->rule, ==, cases[i].rule);
          g_assert_null (match->reason);
          g_assert_false (match->duplicate);
        }
      else
        {
          g_assert_cmpuint (result->matches->len, ==, 0);
          g_assert_cmpuint (result->unmatched_files->len, ==, 1);
          match = result->unmatched_files->pdata[0];
          g_assert_cmpint (match->element_id, ==, 0);
          g_assert_cmpint (match->rule, ==, SECUENCIA_TAKE_MATCH_NONE);
          g_assert_nonnull (match->reason);
          if (strstr (match->reason, cases[i].reason) == NULL)
            g_error ("%s: reason “%s” lacks “%s”", cases[i].name, match->reason, cases[i].reason);
        }
      g_assert_cmpstr (match->file_name, ==, cases[i].name);
    }
}

static void
test_take_numbers (void)
{
  g_autoptr(GPtrArray) elements = screenplay ();
  const char *names[] = { "s1_l1_ana_take2.wav", "Bob-01 tk4.wav", "S02_L01.wav", "ana_2_t11.flac" };
  const guint takes[] = { 2, 4, 0, 11 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(SecuenciaTakeMatches) result = secuencia_take_matcher_match (elements, &names[i], 1);

      g_assert_cmpuint (result->matches->len, ==, 1);
      g_assert_cmpuint (((SecuenciaTakeMatch *) result->matches->pdata[0])->take, ==, takes[i]);
    }
}

static void
test_folder (void)
{
  g_autoptr(GPtrArray) elements = screenplay ();
  /* a folder as a person leaves it: three takes of Ana's first line, other
   * files, one recording that names nothing */
  const char *names[] = {
    "notes.txt", "S01_L01_take1.wav", ".S02_L01.wav", "S02_L01.wav", "ana_01.wav",
    "cover.JPG", "S01_L01_take3.wav", "S01_L01.wav.bak", "intro.wav", "2-3 jose.flac",
    "Thumbs.db", "README",
  };
  g_autoptr(SecuenciaTakeMatches) result = secuencia_take_matcher_match (elements, names, G_N_ELEMENTS (names));
  const SecuenciaTakeMatch *m;
  static const gint64 unmatched_lines[] = { BOB1, ANA2, ANA3 };

  g_assert_cmpuint (result->n_ignored, ==, 6);
  g_assert_cmpuint (result->unmatched_files->len, ==, 1);
  g_assert_cmpstr (((SecuenciaTakeMatch *) result->unmatched_files->pdata[0])->file_name, ==, "intro.wav");

  /* screenplay order; a line's preferred file first */
  g_assert_cmpuint (result->matches->len, ==, 5);
  m = result->matches->pdata[0];
  g_assert_cmpstr (m->file_name, ==, "S01_L01_take3.wav");
  g_assert_cmpint (m->element_id, ==, ANA1);
  g_assert_false (m->duplicate);
  m = result->matches->pdata[1];
  g_assert_cmpstr (m->file_name, ==, "S01_L01_take1.wav");
  g_assert_true (m->duplicate);
  m = result->matches->pdata[2];
  g_assert_cmpstr (m->file_name, ==, "ana_01.wav");
  g_assert_true (m->duplicate);
  m = result->matches->pdata[3];
  g_assert_cmpstr (m->file_name, ==, "S02_L01.wav");
  g_assert_cmpint (m->element_id, ==, MJ1);
  g_assert_false (m->duplicate);
  m = result->matches->pdata[4];
  g_assert_cmpstr (m->file_name, ==, "2-3 jose.flac");
  g_assert_cmpint (m->element_id, ==, JOSE1);

  g_assert_cmpuint (result->unmatched_lines->len, ==, G_N_ELEMENTS (unmatched_lines));
  for (guint i = 0; i < G_N_ELEMENTS (unmatched_lines); i++)
    g_assert_cmpint (g_array_index (result->unmatched_lines, gint64, i), ==, unmatched_lines[i]);
}

static void
test_same_take_number_by_name (void)
{
  g_autoptr(GPtrArray) elements = screenplay ();
  /* no take numbers: the last by name (natural order) wins */
  const char *names[] = { "ana_1 v10.wav", "ana_1 v9.wav" };
  g_autoptr(SecuenciaTakeMatches) result = NULL;

  /* "v10"/"v9" are words and numbers the matcher does not know: these
   * name no line. Plain duplicates: */
  result = secuencia_take_matcher_match (elements, names, 2);
  g_assert_cmpuint (result->matches->len, ==, 0);
  g_assert_cmpuint (result->unmatched_files->len, ==, 2);
  g_clear_pointer (&result, secuencia_take_matches_free);

  {
    const char *plain[] = { "Ana-1.wav", "ANA_01.flac", "ana 1.mp3" };
    result = secuencia_take_matcher_match (elements, plain, 3);
    g_assert_cmpuint (result->matches->len, ==, 3);
    /* natural order of names: "ana 1.mp3" < "Ana-1.wav" < "ANA_01.flac"
     * (or another fixed order): exactly one winner */
    {
      guint winners = 0;
      for (guint i = 0; i < 3; i++)
        winners += !((SecuenciaTakeMatch *) result->matches->pdata[i])->duplicate;
      g_assert_cmpuint (winners, ==, 1);
      g_assert_false (((SecuenciaTakeMatch *) result->matches->pdata[0])->duplicate);
    }
  }
}

static void
test_scene_numbering (void)
{
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_element_info_free);
  const char *names[] = { "S01_L01.wav", "S01_L02.wav", "S00_L01.wav", "S02_L01.wav" };
  g_autoptr(SecuenciaTakeMatches) result = NULL;

  /* no headings: everything is scene 1 */
  add (elements, SECUENCIA_ELEMENT_DIALOGUE, "ANA", "One.");
  add (elements, SECUENCIA_ELEMENT_DIALOGUE, "BOB", "Two.");
  result = secuencia_take_matcher_match (elements, names, 2);
  g_assert_cmpuint (result->matches->len, ==, 2);
  g_assert_cmpint (((SecuenciaTakeMatch *) result->matches->pdata[0])->element_id, ==, 100);
  g_assert_cmpint (((SecuenciaTakeMatch *) result->matches->pdata[1])->element_id, ==, 101);
  g_assert_cmpuint (result->unmatched_lines->len, ==, 0);
  g_clear_pointer (&result, secuencia_take_matches_free);

  /* a heading after them: they become scene 0, the next lines scene 1 */
  add (elements, SECUENCIA_ELEMENT_SCENE, "", "INT. HALL");
  add (elements, SECUENCIA_ELEMENT_DIALOGUE, "ANA", "Three.");
  result = secuencia_take_matcher_match (elements, names, G_N_ELEMENTS (names));
  g_assert_cmpuint (result->matches->len, ==, 2);
  g_assert_cmpint (((SecuenciaTakeMatch *) result->matches->pdata[0])->element_id, ==, 100);
  g_assert_cmpstr (((SecuenciaTakeMatch *) result->matches->pdata[0])->file_name, ==, "S00_L01.wav");
  g_assert_cmpint (((SecuenciaTakeMatch *) result->matches->pdata[1])->element_id, ==, 103);
  g_assert_cmpuint (result->unmatched_files->len, ==, 2);
  g_assert_cmpuint (result->unmatched_lines->len, ==, 1);
  g_assert_cmpint (g_array_index (result->unmatched_lines, gint64, 0), ==, 101);
}

static void
test_audio_names (void)
{
  const char *audio[] = { "a.wav", "A.WAV", "b.flac", "c.Mp3", "d.ogg", "e.opus", "f.m4a", "g.aiff", "h.aif", "x.y.wav" };
  const char *other[] = { "a.txt", ".hidden.wav", "wav", "a.wav.bak", "noext", "a.png", ".wav", "a.wav~" };

  for (guint i = 0; i < G_N_ELEMENTS (audio); i++)
    g_assert_true (secuencia_take_matcher_is_audio_name (audio[i]));
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    g_assert_false (secuencia_take_matcher_is_audio_name (other[i]));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/take-matcher/naming-styles", test_naming_styles);
  g_test_add_func ("/take-matcher/take-numbers", test_take_numbers);
  g_test_add_func ("/take-matcher/folder", test_folder);
  g_test_add_func ("/take-matcher/duplicates", test_same_take_number_by_name);
  g_test_add_func ("/take-matcher/scene-numbering", test_scene_numbering);
  g_test_add_func ("/take-matcher/audio-names", test_audio_names);
  return g_test_run ();
}
