/* secuencia-clip.c: one clip of a timeline (boxed). */
#include "config.h"

#include "secuencia-clip.h"

G_DEFINE_BOXED_TYPE (SecuenciaClip, secuencia_clip, secuencia_clip_copy, secuencia_clip_free)

SecuenciaClip *
secuencia_clip_new (gint64        asset_id,
                    SecuenciaTime offset,
                    SecuenciaTime source_start,
                    SecuenciaTime duration,
                    int           lane)
{
  SecuenciaClip *clip = g_new0 (SecuenciaClip, 1);

  clip->asset_id = asset_id;
  clip->offset = offset;
  clip->source_start = source_start;
  clip->duration = duration;
  clip->lane = lane;
  clip->name = g_strdup ("");
  return clip;
}

SecuenciaClip *
secuencia_clip_copy (const SecuenciaClip *clip)
{
  SecuenciaClip *copy;

  g_return_val_if_fail (clip != NULL, NULL);

  copy = g_memdup2 (clip, sizeof *clip);
  copy->name = g_strdup (clip->name != NULL ? clip->name : "");
  return copy;
}

void
secuencia_clip_free (SecuenciaClip *clip)
{
  if (clip == NULL)
    return;
  g_free (clip->name);
  g_free (clip);
}
