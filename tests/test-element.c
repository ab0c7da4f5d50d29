/* test-element.c: re-import's matching of old audio to new lines. */
#include "secuencia-element.h"

static GPtrArray *
lines (const char *const *texts, gboolean voiced, gint64 first_asset)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_element_info_free);

  for (guint i = 0; texts[i] != NULL; i++)
    {
      SecuenciaElementInfo *info = secuencia_element_info_new (SECUENCIA_ELEMENT_DIALOGUE, "ANA", texts[i]);
      if (voiced)
        {
          info->asset_id = first_asset + i;
          info->duration = SECUENCIA_TIME_SECOND;
          info->scratch = i % 2;
        }
      g_ptr_array_add (array, info);
    }
  return array;
}

static gint64
asset (GPtrArray *array, guint i)
{
  return ((SecuenciaElementInfo *) array->pdata[i])->asset_id;
}

static void
test_small (void)
{
  static const char *const before[] = { "a", "b", "c", "b", "d", NULL };
  /* x inserted, c changed to c2, d removed, e added; b twice kept in order */
  static const char *const after[] = { "x", "a", "b", "c2", "b", "e", NULL };
  g_autoptr(GPtrArray) old = lines (before, TRUE, 100);
  g_autoptr(GPtrArray) new = lines (after, FALSE, 0);

  g_assert_cmpuint (secuencia_element_match_audio (old, new), ==, 3);
  g_assert_cmpint (asset (new, 0), ==, 0);
  g_assert_cmpint (asset (new, 1), ==, 100);
  g_assert_cmpint (asset (new, 2), ==, 101);
  g_assert_cmpint (asset (new, 3), ==, 0);
  g_assert_cmpint (asset (new, 4), ==, 103);
  g_assert_cmpint (asset (new, 5), ==, 0);
  g_assert_true (((SecuenciaElementInfo *) new->pdata[4])->scratch);
  g_assert_false (((SecuenciaElementInfo *) new->pdata[1])->scratch);

  /* A different character or kind is a different line. */
  {
    g_autoptr(GPtrArray) other = lines (after, FALSE, 0);
    SecuenciaElementInfo *a = other->pdata[1];
    g_free (a->character);
    a->character = g_strdup ("BOB");
    ((SecuenciaElementInfo *) other->pdata[2])->kind = SECUENCIA_ELEMENT_ACTION;
    g_assert_cmpuint (secuencia_element_match_audio (old, other), ==, 1);
    g_assert_cmpint (asset (other, 4), ==, 101);   /* the first "b" that is free */
  }
}

/* A feature-length script with one line inserted and one changed in the
 * middle: every other line keeps its audio, quickly (the common prefix
 * and suffix never reach the table). */
static void
test_large (void)
{
  const guint n = 20000;
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_element_info_free);
  g_autoptr(GPtrArray) new = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_element_info_free);
  guint kept;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("line %u", i);
      SecuenciaElementInfo *a = secuencia_element_info_new (SECUENCIA_ELEMENT_DIALOGUE, "ANA", text);
      SecuenciaElementInfo *b = secuencia_element_info_new (SECUENCIA_ELEMENT_DIALOGUE, "ANA",
                                                            i == n / 2 ? "changed" : text);
      a->asset_id = i + 1;
      g_ptr_array_add (old, a);
      if (i == n / 3)
        g_ptr_array_add (new, secuencia_element_info_new (SECUENCIA_ELEMENT_DIALOGUE, "ANA", "inserted"));
      g_ptr_array_add (new, b);
    }
  kept = secuencia_element_match_audio (old, new);
  g_assert_cmpuint (kept, ==, n - 1);
  g_assert_cmpint (asset (new, n / 3), ==, 0);
  g_assert_cmpint (asset (new, n / 3 + 1), ==, n / 3 + 1);
  g_assert_cmpint (asset (new, n / 2 + 1), ==, 0);
  g_assert_cmpint (asset (new, n), ==, n);

  /* Reversed: nothing in common in order past the first line, and too big
   * for the table; the in-order fallback still never gives audio to the
   * wrong words. */
  {
    g_autoptr(GPtrArray) reversed = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_element_info_free);
    for (guint i = n; i-- > 0;)
      {
        g_autofree char *text = g_strdup_printf ("line %u", i);
        g_ptr_array_add (reversed, secuencia_element_info_new (SECUENCIA_ELEMENT_DIALOGUE, "ANA", text));
      }
    kept = secuencia_element_match_audio (old, reversed);
    g_assert_cmpuint (kept, >=, 1);
    for (guint j = 0; j < reversed->len; j++)
      {
        SecuenciaElementInfo *info = reversed->pdata[j];
        if (info->asset_id != 0)
          {
            g_autofree char *expected = g_strdup_printf ("line %" G_GINT64_FORMAT, info->asset_id - 1);
            g_assert_cmpstr (info->text, ==, expected);
          }
      }
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/element/match-audio/small", test_small);
  g_test_add_func ("/element/match-audio/large", test_large);
  return g_test_run ();
}
