/* secuencia-transcript.c: cues and chapters from clips and elements. */
#include "config.h"

#include "secuencia-clip.h"
#include "secuencia-transcript.h"

void
secuencia_cue_free (SecuenciaCue *cue)
{
  if (cue == NULL)
    return;
  g_free (cue->character);
  g_free (cue->text);
  g_free (cue);
}

void
secuencia_chapter_free (SecuenciaChapter *chapter)
{
  if (chapter == NULL)
    return;
  g_free (chapter->title);
  g_free (chapter);
}

static GHashTable *
index_elements (GPtrArray *elements)
{
  GHashTable *by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; elements != NULL && i < elements->len; i++)
    {
      SecuenciaElementInfo *element = elements->pdata[i];
      g_hash_table_insert (by_id, &element->id, element);
    }
  return by_id;
}

static char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

GPtrArray *
secuencia_transcript_cues (GPtrArray *clips,
                           GPtrArray *elements)
{
  g_autoptr(GHashTable) by_id = index_elements (elements);
  GPtrArray *cues = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_cue_free);

  g_return_val_if_fail (clips != NULL, cues);

  for (guint i = 0; i < clips->len; i++)
    {
      const SecuenciaClip *clip = clips->pdata[i];
      const SecuenciaElementInfo *element;
      SecuenciaCue *cue;

      if (clip->muted)
        continue;
      element = clip->element_id != 0 ? g_hash_table_lookup (by_id, &clip->element_id) : NULL;
      cue = g_new0 (SecuenciaCue, 1);
      cue->clip_id = clip->id;
      cue->element_id = element != NULL ? element->id : 0;
      cue->start = clip->offset;
      cue->end = secuencia_clip_get_end (clip);
      cue->lane = clip->lane;
      if (element != NULL)
        {
          cue->character = nonempty (element->character);
          cue->text = nonempty (element->text);
        }
      g_ptr_array_add (cues, cue);
    }
  return cues;
}

GPtrArray *
secuencia_transcript_chapters (GPtrArray *clips,
                               GPtrArray *elements)
{
  g_autoptr(GHashTable) by_id = index_elements (elements);
  g_autoptr(GHashTable) index_of = NULL;   /* element id -> its index + 1 */
  /* element position -> index of its scene heading in @elements, or -1 */
  g_autofree int *scene_of = NULL;
  g_autofree SecuenciaTime *scene_start = NULL;
  GPtrArray *chapters = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_chapter_free);
  int scene = -1;

  g_return_val_if_fail (clips != NULL, chapters);
  if (elements == NULL || elements->len == 0)
    return chapters;

  scene_of = g_new (int, elements->len);
  scene_start = g_new (SecuenciaTime, elements->len);
  index_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < elements->len; i++)
    {
      SecuenciaElementInfo *element = elements->pdata[i];
      g_hash_table_insert (index_of, &element->id, GUINT_TO_POINTER (i + 1));
      if (element->kind == SECUENCIA_ELEMENT_SCENE)
        scene = (int) i;
      scene_of[i] = scene;
      scene_start[i] = -1;
    }

  for (guint i = 0; i < clips->len; i++)
    {
      const SecuenciaClip *clip = clips->pdata[i];
      SecuenciaElementInfo *element;
      guint index;
      int s;

      if (clip->muted || clip->element_id == 0)
        continue;
      element = g_hash_table_lookup (by_id, &clip->element_id);
      if (element == NULL)
        continue;
      index = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, &element->id)) - 1;
      s = scene_of[index];
      if (s < 0)
        continue;
      if (scene_start[s] < 0 || clip->offset < scene_start[s])
        scene_start[s] = clip->offset;
    }

  for (guint i = 0; i < elements->len; i++)
    {
      SecuenciaElementInfo *element = elements->pdata[i];
      SecuenciaChapter *chapter;

      if (element->kind != SECUENCIA_ELEMENT_SCENE || scene_start[i] < 0)
        continue;
      if (chapters->len > 0)
        {
          SecuenciaChapter *last = chapters->pdata[chapters->len - 1];
          if (scene_start[i] <= last->start)
            continue;
        }
      chapter = g_new0 (SecuenciaChapter, 1);
      chapter->start = chapters->len == 0 ? 0 : scene_start[i];
      chapter->title = g_strdup (element->text);
      chapter->element_id = element->id;
      g_ptr_array_add (chapters, chapter);
    }
  return chapters;
}
