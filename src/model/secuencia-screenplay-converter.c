/* secuencia-screenplay-converter.c: screenplay -> timeline. */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-screenplay-converter.h"

G_DEFINE_QUARK (secuencia-converter-error-quark, secuencia_converter_error)

#define NAME_MAX_CHARS 60


static char *
clip_name (const SecuenciaElementInfo *element)
{
  g_autofree char *text = g_strstrip (g_strdup (element->text));
  g_autofree char *character = g_strstrip (g_strdup (element->character));
  g_autofree char *name = NULL;

  if (*character != '\0' && *text != '\0')
    name = g_strdup_printf ("%s: %s", character, text);
  else
    name = g_strdup (*text != '\0' ? text : character);

  for (char *p = name; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  if (g_utf8_strlen (name, -1) > NAME_MAX_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (name, NAME_MAX_CHARS - 1);
      *end = '\0';
      return g_strconcat (g_strchomp (name), "…", NULL);
    }
  return g_steal_pointer (&name);
}

SecuenciaTimeline *
secuencia_screenplay_build_timeline (GPtrArray                      *elements,
                                     const char                     *timeline_name,
                                     SecuenciaTime                   gap,
                                     SecuenciaConverterProgressFunc  progress_func,
                                     gpointer                        progress_data,
                                     double                          progress_end,
                                     GCancellable                   *cancellable,
                                     GError                        **error)
{
  g_autoptr(SecuenciaTimeline) timeline = NULL;
  SecuenciaTime offset = 0;
  SecuenciaTime block_start = -1;   /* where the current speaker's lines started */
  SecuenciaTime dual_end = -1;      /* end of the dual speaker's lines so far */
  g_autofree char *block_character = NULL;
  guint n_audio = 0;

  g_return_val_if_fail (elements != NULL, NULL);
  g_return_val_if_fail (timeline_name != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (gap < 0)
    {
      g_autofree char *text = secuencia_time_format_seconds (gap);
      g_set_error (error, SECUENCIA_CONVERTER_ERROR, SECUENCIA_CONVERTER_ERROR_INVALID_GAP,
                   _("The gap between lines must not be negative (got %s s)"), text);
      return NULL;
    }

  timeline = secuencia_timeline_new (timeline_name);
  for (guint i = 0; i < elements->len; i++)
    {
      const SecuenciaElementInfo *element = g_ptr_array_index (elements, i);
      g_autoptr(SecuenciaClip) clip = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean dual;
      int lane = 0;
      SecuenciaTime at;

      if (i % 128 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          if (progress_func != NULL)
            progress_func (progress_end * i / elements->len, _("Laying out the lines"), progress_data);
        }

      /* A cue's runs of speech (split at parentheticals) are one block;
       * the dual speaker's runs start where that block started. */
      dual = element->kind == SECUENCIA_ELEMENT_DIALOGUE && element->dual && block_start >= 0;
      if (!dual)
        {
          if (dual_end >= 0)
            {
              /* after a dual dialogue: on from the end of both voices */
              offset = MAX (offset, dual_end);
              dual_end = -1;
              block_start = -1;
              g_clear_pointer (&block_character, g_free);
            }
          if (element->kind != SECUENCIA_ELEMENT_DIALOGUE ||
              g_strcmp0 (block_character, element->character) != 0)
            {
              block_start = -1;
              g_free (block_character);
              block_character = element->kind == SECUENCIA_ELEMENT_DIALOGUE ? g_strdup (element->character) : NULL;
            }
        }
      if (element->asset_id == 0 || element->duration <= 0)
        continue;

      if (dual)
        {
          lane = 1;
          at = dual_end < 0 ? block_start : (gap > SECUENCIA_TIME_MAX - dual_end ? SECUENCIA_TIME_MAX
                                                                                 : dual_end + gap);
        }
      else
        {
          if (n_audio > 0)
            {
              if (gap > SECUENCIA_TIME_MAX - offset)
                offset = SECUENCIA_TIME_MAX;  /* refused by the insert below */
              else
                offset += gap;
            }
          at = offset;
          if (block_start < 0 && block_character != NULL)
            block_start = at;
        }
      secuencia_timeline_register_asset (timeline, element->asset_id, element->duration);
      clip = secuencia_clip_new (element->asset_id, at, 0, element->duration, lane);
      g_free (clip->name);
      clip->name = clip_name (element);
      clip->element_id = element->id;
      if (secuencia_timeline_insert (timeline, clip, &local_error) == 0)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("Screenplay line %lld (element %lld): %s"),
                       (long long) (element->position + 1), (long long) element->id, local_error->message);
          return NULL;
        }
      if (dual)
        dual_end = at + element->duration;
      else
        offset += element->duration;
      n_audio++;
    }

  if (n_audio == 0)
    {
      g_set_error (error, SECUENCIA_CONVERTER_ERROR, SECUENCIA_CONVERTER_ERROR_NO_AUDIO,
                   elements->len == 0
                   ? _("The screenplay has no lines, so there is nothing to put on a timeline")
                   : _("None of the %u screenplay lines has audio, so there is nothing to put on a timeline"),
                   elements->len);
      return NULL;
    }
  if (progress_func != NULL)
    progress_func (progress_end, _("Laying out the lines"), progress_data);
  return g_steal_pointer (&timeline);
}

GPtrArray *
secuencia_screenplay_clips_for_lines (SecuenciaTimeline *timeline,
                                      GPtrArray         *lines,
                                      SecuenciaTime      gap)
{
  GPtrArray *clips = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_clip_free);
  g_autoptr(SecuenciaTimeline) layout = NULL;
  g_autoptr(GPtrArray) laid = NULL;
  g_autoptr(GHashTable) by_line = NULL;
  g_autoptr(GError) error = NULL;
  SecuenciaTime start;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (timeline), clips);
  g_return_val_if_fail (lines != NULL, clips);

  gap = MAX (gap, 0);
  /* The lines laid out by the converter's own rules (so a dual dialogue
   * goes on lane 1 beside its partner), then moved to after lane 0. */
  layout = secuencia_screenplay_build_timeline (lines, "", gap, NULL, NULL, 1.0, NULL, &error);
  if (layout == NULL)
    {
      /* No line with audio: nothing to add. (Any other refusal would be
       * of a length beyond SecuenciaTime: then nothing is added either.) */
      if (!g_error_matches (error, SECUENCIA_CONVERTER_ERROR, SECUENCIA_CONVERTER_ERROR_NO_AUDIO))
        g_debug ("%s", error->message);
      return clips;
    }
  start = secuencia_timeline_get_lane_end (timeline, 0);
  if (start > 0)
    start = gap > SECUENCIA_TIME_MAX - start ? SECUENCIA_TIME_MAX : start + gap;

  laid = secuencia_timeline_get_clips (layout);
  by_line = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < laid->len; i++)
    {
      SecuenciaClip *clip = laid->pdata[i];

      g_hash_table_insert (by_line, &clip->element_id, clip);
    }
  /* In the order of @lines. */
  for (guint i = 0; i < lines->len; i++)
    {
      const SecuenciaElementInfo *line = g_ptr_array_index (lines, i);
      const SecuenciaClip *placed = g_hash_table_lookup (by_line, &line->id);
      SecuenciaClip *clip;

      if (placed == NULL)
        continue;
      clip = secuencia_clip_copy (placed);
      clip->id = 0;
      clip->offset = placed->offset > SECUENCIA_TIME_MAX - start ? SECUENCIA_TIME_MAX : placed->offset + start;
      secuencia_timeline_register_asset (timeline, line->asset_id, line->duration);
      g_ptr_array_add (clips, clip);
    }
  return clips;
}
