/* secuencia-clip-item.h: one timeline clip in the window's list model
 * (owns a SecuenciaClip; the text is formatted only when a row is bound). */
#pragma once

#include <glib-object.h>
#include "secuencia-clip.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_CLIP_ITEM (secuencia_clip_item_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaClipItem, secuencia_clip_item, SECUENCIA, CLIP_ITEM, GObject)

/* Takes ownership of @clip. */
SecuenciaClipItem   *secuencia_clip_item_new_take (SecuenciaClip     *clip);
const SecuenciaClip *secuencia_clip_item_get_clip (SecuenciaClipItem *self);
/* "start · duration · lane · name", translated; free with g_free(). */
char                *secuencia_clip_item_format   (SecuenciaClipItem *self);

G_END_DECLS
