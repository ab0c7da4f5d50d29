/* secuencia-clip.h: one clip of a timeline (a plain boxed struct). */
#pragma once

#include <glib-object.h>
#include "secuencia-time.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_CLIP (secuencia_clip_get_type ())

typedef struct _SecuenciaClip
{
  gint64         id;            /* row id in the project, 0 until stored */
  gint64         asset_id;
  SecuenciaTime  offset;        /* where it starts on the timeline, >= 0 */
  SecuenciaTime  source_start;  /* trim: where in the asset it starts, >= 0 */
  SecuenciaTime  duration;      /* > 0 */
  int            lane;          /* any integer; 0 is the primary lane */
  double         volume_db;     /* gain in dB, 0 = unity */
  gboolean       muted;
  char          *name;          /* never NULL ("" when unnamed) */
  gint64         element_id;    /* the screenplay line it speaks, 0 = none */
} SecuenciaClip;

GType          secuencia_clip_get_type (void) G_GNUC_CONST;
SecuenciaClip *secuencia_clip_new      (gint64         asset_id,
                                        SecuenciaTime  offset,
                                        SecuenciaTime  source_start,
                                        SecuenciaTime  duration,
                                        int            lane);
SecuenciaClip *secuencia_clip_copy     (const SecuenciaClip *clip);
void           secuencia_clip_free     (SecuenciaClip       *clip);
static inline SecuenciaTime
secuencia_clip_get_end (const SecuenciaClip *clip)
{
  return clip->offset + clip->duration;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaClip, secuencia_clip_free)

G_END_DECLS
