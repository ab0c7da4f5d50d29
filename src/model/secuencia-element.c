/* secuencia-element.c: a screenplay element. */
#include "config.h"

#include <string.h>

#include "secuencia-element.h"

SecuenciaElementInfo *
secuencia_element_info_new (SecuenciaElementKind  kind,
                            const char           *character,
                            const char           *text)
{
  SecuenciaElementInfo *info = g_new0 (SecuenciaElementInfo, 1);

  info->kind = kind;
  info->character = g_strdup (character != NULL ? character : "");
  info->text = g_strdup (text != NULL ? text : "");
  info->parenthetical = g_strdup ("");
  info->extension = g_strdup ("");
  info->scene_number = g_strdup ("");
  return info;
}

void
secuencia_element_info_free (SecuenciaElementInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->character);
  g_free (info->text);
  g_free (info->parenthetical);
  g_free (info->extension);
  g_free (info->scene_number);
  g_free (info);
}

static const char *const kind_names[] = {
  [SECUENCIA_ELEMENT_DIALOGUE] = "dialogue",
  [SECUENCIA_ELEMENT_SCENE] = "scene",
  [SECUENCIA_ELEMENT_ACTION] = "action",
};

const char *
secuencia_element_kind_to_string (SecuenciaElementKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), "dialogue");
  return kind_names[kind];
}

gboolean
secuencia_element_kind_from_string (const char           *text,
                                    SecuenciaElementKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *out_kind = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
same_line (const SecuenciaElementInfo *a, const SecuenciaElementInfo *b)
{
  return a->kind == b->kind && g_strcmp0 (a->character, b->character) == 0 &&
         g_strcmp0 (a->text, b->text) == 0;
}

typedef guint (*TakeFunc) (SecuenciaElementInfo *new, const SecuenciaElementInfo *old);

static guint
take_audio (SecuenciaElementInfo *new, const SecuenciaElementInfo *old)
{
  if (new->asset_id != 0)
    return 0;
  new->asset_id = old->asset_id;
  new->duration = old->duration;
  new->scratch = old->scratch;
  return 1;
}

static char *
line_key (const SecuenciaElementInfo *info)
{
  return g_strdup_printf ("%d\x1f%s\x1f%s", info->kind, info->character, info->text);
}

/* Longest common subsequence of @old[0..n) and @new[0..m) by dynamic
 * programming: n * m cells, so only for the part that differs. */
static guint
take_id (SecuenciaElementInfo *new, const SecuenciaElementInfo *old)
{
  new->id = old->id;
  return 1;
}

static guint
match_lcs (SecuenciaElementInfo **old, guint n, SecuenciaElementInfo **new, guint m, TakeFunc take)
{
  g_autofree guint32 *table = g_new0 (guint32, (gsize) (n + 1) * (m + 1));
  guint kept = 0;

#define T(i, j) table[(gsize) (i) * (m + 1) + (j)]
  for (guint i = n; i-- > 0;)
    for (guint j = m; j-- > 0;)
      {
        if (same_line (old[i], new[j]))
          T (i, j) = T (i + 1, j + 1) + 1;
        else
          T (i, j) = MAX (T (i + 1, j), T (i, j + 1));
      }
  for (guint i = 0, j = 0; i < n && j < m;)
    {
      if (same_line (old[i], new[j]) && T (i, j) == T (i + 1, j + 1) + 1)
        {
          kept += take (new[j], old[i]);
          i++;
          j++;
        }
      else if (T (i + 1, j) >= T (i, j + 1))
        i++;
      else
        j++;
    }
#undef T
  return kept;
}

/* In order, each new line takes the next unused old one with the same
 * words within a window: for differences too large for the table. */
static guint
match_greedy (SecuenciaElementInfo **old, guint n, SecuenciaElementInfo **new, guint m, TakeFunc take)
{
  guint kept = 0, cursor = 0;

  for (guint j = 0; j < m && cursor < n; j++)
    for (guint i = cursor; i < n && i < cursor + 256; i++)
      if (same_line (old[i], new[j]))
        {
          kept += take (new[j], old[i]);
          cursor = i + 1;
          break;
        }
  return kept;
}

/* Cells the table may have (16 MB). */
#define MAX_LCS_CELLS (4u * 1024 * 1024)

static guint
match_lines (GPtrArray *old_elements,
             GPtrArray *new_elements,
             gboolean   voiced_only,
             TakeFunc   take)
{
  g_autoptr(GPtrArray) old = g_ptr_array_new ();
  g_autoptr(GPtrArray) new = g_ptr_array_new ();
  g_autoptr(GHashTable) old_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n, m, prefix = 0, suffix = 0, kept = 0;

  /* Only old lines with audio can give any, and only new lines with the
   * words of one of them can take it: both lists shrink to what can
   * match, so an unchanged script is one long common prefix. */
  for (guint i = 0; i < old_elements->len; i++)
    {
      SecuenciaElementInfo *info = old_elements->pdata[i];
      if (!voiced_only || info->asset_id != 0)
        {
          g_ptr_array_add (old, info);
          g_hash_table_add (old_keys, line_key (info));
        }
    }
  for (guint j = 0; j < new_elements->len; j++)
    {
      SecuenciaElementInfo *info = new_elements->pdata[j];
      g_autofree char *key = line_key (info);
      if (g_hash_table_contains (old_keys, key))
        g_ptr_array_add (new, info);
    }
  n = old->len;
  m = new->len;

  while (prefix < n && prefix < m && same_line (old->pdata[prefix], new->pdata[prefix]))
    {
      kept += take (new->pdata[prefix], old->pdata[prefix]);
      prefix++;
    }
  while (suffix < n - prefix && suffix < m - prefix &&
         same_line (old->pdata[n - 1 - suffix], new->pdata[m - 1 - suffix]))
    {
      kept += take (new->pdata[m - 1 - suffix], old->pdata[n - 1 - suffix]);
      suffix++;
    }
  n -= prefix + suffix;
  m -= prefix + suffix;
  if (n == 0 || m == 0)
    return kept;
  if ((guint64) (n + 1) * (m + 1) <= MAX_LCS_CELLS)
    kept += match_lcs ((SecuenciaElementInfo **) old->pdata + prefix, n,
                       (SecuenciaElementInfo **) new->pdata + prefix, m, take);
  else
    kept += match_greedy ((SecuenciaElementInfo **) old->pdata + prefix, n,
                          (SecuenciaElementInfo **) new->pdata + prefix, m, take);
  return kept;
}

guint
secuencia_element_match_audio (GPtrArray *old_elements,
                               GPtrArray *new_elements)
{
  g_return_val_if_fail (old_elements != NULL && new_elements != NULL, 0);
  return match_lines (old_elements, new_elements, TRUE, take_audio);
}

guint
secuencia_element_match_ids (GPtrArray *old_elements,
                             GPtrArray *new_elements)
{
  g_return_val_if_fail (old_elements != NULL && new_elements != NULL, 0);
  for (guint j = 0; j < new_elements->len; j++)
    ((SecuenciaElementInfo *) new_elements->pdata[j])->id = 0;
  return match_lines (old_elements, new_elements, FALSE, take_id);
}
