/* secuencia-element-item.h: one screenplay line in the window's list model
 * (a small immutable copy of its metadata; the list view binds only the
 * rows on screen). */
#pragma once

#include <glib-object.h>
#include "secuencia-project.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_ELEMENT_ITEM (secuencia_element_item_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaElementItem, secuencia_element_item, SECUENCIA, ELEMENT_ITEM, GObject)

SecuenciaElementItem *secuencia_element_item_new           (const SecuenciaElementInfo *info);
gint64                secuencia_element_item_get_id        (SecuenciaElementItem *self);
const char           *secuencia_element_item_get_character (SecuenciaElementItem *self);
const char           *secuencia_element_item_get_text      (SecuenciaElementItem *self);
SecuenciaElementKind  secuencia_element_item_get_kind      (SecuenciaElementItem *self);
/* TRUE when the line's audio is a generated scratch voice. */
gboolean              secuencia_element_item_is_scratch    (SecuenciaElementItem *self);
/* TRUE for dual dialogue: spoken at the same time as the line above. */
gboolean              secuencia_element_item_is_dual       (SecuenciaElementItem *self);
/* What the row shows as its title: "MARA (V.O.)", "Scene 12", "Action",
 * "STEEL, at the same time as the line above" (dual dialogue); "" for a
 * line without a character. */
char                 *secuencia_element_item_dup_title     (SecuenciaElementItem *self);
/* FALSE for a line without audio (its duration is then meaningless). */
gboolean              secuencia_element_item_has_audio     (SecuenciaElementItem *self);
SecuenciaTime         secuencia_element_item_get_duration  (SecuenciaElementItem *self);
/* 0 when the line has no audio. */
gint64                secuencia_element_item_get_asset_id  (SecuenciaElementItem *self);

G_END_DECLS
