/* secuencia-element.h: one screenplay element as the model sees it: a
 * scene heading, a spoken line (character, text, parenthetical,
 * extension) or action, with its audio's asset id and duration.
 * The store fills these; the converter lays them out. */
#pragma once

#include <glib.h>
#include "secuencia-time.h"

G_BEGIN_DECLS

typedef enum
{
  SECUENCIA_ELEMENT_DIALOGUE,   /* a spoken line */
  SECUENCIA_ELEMENT_SCENE,      /* a scene heading (text), starts a chapter */
  SECUENCIA_ELEMENT_ACTION,     /* action, transitions, centered text, lyrics */
} SecuenciaElementKind;

typedef struct
{
  gint64                id;
  gint64                position;      /* 0-based order */
  SecuenciaElementKind  kind;
  char                 *character;     /* never NULL */
  char                 *text;          /* never NULL */
  char                 *parenthetical; /* never NULL ("" when none) */
  char                 *extension;     /* never NULL ("" when none), e.g. "V.O." */
  char                 *scene_number;  /* never NULL ("" when none) */
  gint64                asset_id;      /* 0 when the element has no audio */
  SecuenciaTime         duration;      /* the asset's duration, 0 without asset */
  gboolean              scratch;       /* the audio is a generated scratch voice */
  gboolean              dual;          /* DIALOGUE: spoken at the same time as the
                                        * dialogue before it (Fountain's "^") */
} SecuenciaElementInfo;

/* A new element with empty strings and no audio. */
SecuenciaElementInfo *secuencia_element_info_new  (SecuenciaElementKind  kind,
                                                   const char           *character,
                                                   const char           *text);
void                  secuencia_element_info_free (SecuenciaElementInfo *info);

/* "dialogue", "scene", "action" (the store's spelling). */
const char *secuencia_element_kind_to_string   (SecuenciaElementKind  kind);
/* FALSE for an unknown word. */
gboolean    secuencia_element_kind_from_string (const char           *text,
                                                SecuenciaElementKind *out_kind);

/* Re-import: give each element of @new_elements the audio (asset_id,
 * duration) of an element of @old_elements with the same kind, character
 * and text, keeping the order of both lists (longest common subsequence, so
 * an inserted, removed or edited line moves no audio to another line;
 * when the part that differs is too large for that, about 2,000 lines
 * each way, lines are matched in order within 256 lines of the last match).
 * (and scratch flag). Elements of @new_elements that already have audio
 * are left alone.
 * Returns how many got audio. */
guint secuencia_element_match_audio (GPtrArray *old_elements,
                                     GPtrArray *new_elements);

/* The same matching over every element (with audio or not): each element
 * of @new_elements that is the same line as one of @old_elements gets its
 * id, the others id 0. Returns how many got one. */
guint secuencia_element_match_ids   (GPtrArray *old_elements,
                                     GPtrArray *new_elements);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaElementInfo, secuencia_element_info_free)

G_END_DECLS
