/* secuencia-transcript.h: what is said when, and where scenes start, in a
 * timeline built from a screenplay: the source of captions, timing files
 * and chapters. Pure model code over clips and elements. */
#pragma once

#include <glib.h>
#include "secuencia-time.h"
#include "secuencia-element.h"

G_BEGIN_DECLS

typedef struct
{
  gint64         clip_id;
  gint64         element_id;  /* 0 when the clip voices no line */
  SecuenciaTime  start;
  SecuenciaTime  end;
  int            lane;
  char          *character;   /* NULL when unknown or empty */
  char          *text;        /* NULL when the clip voices no line or it is empty */
} SecuenciaCue;

typedef struct
{
  SecuenciaTime  start;
  char          *title;       /* the scene heading */
  gint64         element_id;  /* the scene heading's element */
} SecuenciaChapter;

void secuencia_cue_free     (SecuenciaCue     *cue);
void secuencia_chapter_free (SecuenciaChapter *chapter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaCue, secuencia_cue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaChapter, secuencia_chapter_free)

/* One cue per clip that sounds (muted clips are not heard, so not
 * captioned), in timeline order (@clips: SecuenciaClip*, ordered by offset,
 * lane, id), with the character and text of the line it voices (@elements:
 * SecuenciaElementInfo*). Returns SecuenciaCue*. */
GPtrArray *secuencia_transcript_cues     (GPtrArray *clips,
                                          GPtrArray *elements);

/* One chapter per scene heading that has a sounding clip: it starts at the
 * offset of the first clip of any line of the scene (from the heading to
 * the next heading), titled by the heading. The first chapter starts at 0
 * (players expect chapters to cover the whole file), so what is heard
 * before the first heading belongs to it. Ordered by start; scenes whose
 * first clip comes no later than an earlier scene's are merged into that
 * one (chapters never go back in time). Returns SecuenciaChapter*. */
GPtrArray *secuencia_transcript_chapters (GPtrArray *clips,
                                          GPtrArray *elements);

G_END_DECLS
