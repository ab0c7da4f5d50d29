/* secuencia-clip-item.c: one timeline clip in the window's list model. */

#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-clip-item.h"

struct _SecuenciaClipItem
{
  GObject        parent_instance;

  SecuenciaClip *clip;
};

G_DEFINE_FINAL_TYPE (SecuenciaClipItem, secuencia_clip_item, G_TYPE_OBJECT)

static void
secuencia_clip_item_finalize (GObject *object)
{
  SecuenciaClipItem *self = SECUENCIA_CLIP_ITEM (object);

  g_clear_pointer (&self->clip, secuencia_clip_free);

  G_OBJECT_CLASS (secuencia_clip_item_parent_class)->finalize (object);
}

static void
secuencia_clip_item_class_init (SecuenciaClipItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = secuencia_clip_item_finalize;
}

static void
secuencia_clip_item_init (SecuenciaClipItem *self)
{
}

SecuenciaClipItem *
secuencia_clip_item_new_take (SecuenciaClip *clip)
{
  SecuenciaClipItem *self;

  g_return_val_if_fail (clip != NULL, NULL);

  self = g_object_new (SECUENCIA_TYPE_CLIP_ITEM, NULL);
  self->clip = clip;
  return self;
}

const SecuenciaClip *
secuencia_clip_item_get_clip (SecuenciaClipItem *self)
{
  g_return_val_if_fail (SECUENCIA_IS_CLIP_ITEM (self), NULL);
  return self->clip;
}

char *
secuencia_clip_item_format (SecuenciaClipItem *self)
{
  const SecuenciaClip *clip;
  g_autofree char *start = NULL;
  g_autofree char *length = NULL;

  g_return_val_if_fail (SECUENCIA_IS_CLIP_ITEM (self), NULL);

  clip = self->clip;
  start = secuencia_time_format (clip->offset);
  length = secuencia_time_format (clip->duration);
  /* Translators: one clip: start time, duration, lane, name */
  return g_strdup_printf (_("%s  ·  %s  ·  lane %d  ·  %s%s"),
                          start, length, clip->lane,
                          clip->name != NULL ? clip->name : "",
                          clip->muted ? _(" (muted)") : "");
}
