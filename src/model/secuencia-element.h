/* secuencia-element.h: one screenplay element as the model sees it: a
 * spoken line (character, text) with its audio's asset id and duration.
 * The store fills these; the converter lays them out. */
#pragma once

#include <glib.h>
#include "secuencia-time.h"

G_BEGIN_DECLS

typedef struct
{
  gint64         id;
  gint64         position;      /* 0-based order */
  char          *character;
  char          *text;
  gint64         asset_id;      /* 0 when the element has no audio */
  SecuenciaTime  duration;      /* the asset's duration, 0 without asset */
} SecuenciaElementInfo;

void secuencia_element_info_free (SecuenciaElementInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaElementInfo, secuencia_element_info_free)

G_END_DECLS
