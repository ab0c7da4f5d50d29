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

guint
secuencia_element_match_audio (GPtrArray *old_elements,
                               GPtrArray *new_elements)
{
  g_autoptr(GPtrArray) old_voiced = g_ptr_array_new ();
  g_autofree guint32 *table = NULL;
  guint n, m, kept = 0;

  g_return_val_if_fail (old_elements != NULL && new_elements != NULL, 0);

  for (guint i = 0; i < old_elements->len; i++)
    {
      SecuenciaElementInfo *old = old_elements->pdata[i];
      if (old->asset_id != 0)
        g_ptr_array_add (old_voiced, old);
    }
  n = old_voiced->len;
  m = new_elements->len;
  if (n == 0 || m == 0)
    return 0;

  /* table[i * (m + 1) + j]: LCS length of old_voiced[i..] and new[j..] */
  table = g_new0 (guint32, (gsize) (n + 1) * (m + 1));
#define T(i, j) table[(gsize) (i) * (m + 1) + (j)]
  for (guint i = n; i-- > 0;)
    for (guint j = m; j-- > 0;)
      {
        if (same_line (old_voiced->pdata[i], new_elements->pdata[j]))
          T (i, j) = T (i + 1, j + 1) + 1;
        else
          T (i, j) = MAX (T (i + 1, j), T (i, j + 1));
      }
  for (guint i = 0, j = 0; i < n && j < m;)
    {
      SecuenciaElementInfo *old = old_voiced->pdata[i];
      SecuenciaElementInfo *new = new_elements->pdata[j];

      if (same_line (old, new) && T (i, j) == T (i + 1, j + 1) + 1)
        {
          if (new->asset_id == 0)
            {
              new->asset_id = old->asset_id;
              new->duration = old->duration;
              new->scratch = old->scratch;
              kept++;
            }
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
