/* secuencia-take-matcher.h: which screenplay line a recording's file name
 * names ("Match Takes…"). Pure code: file names in, lines out.
 *
 * Names are read case-insensitively, accents folded, the extension taken
 * off; a trailing take number ("_take3", "-tk2", " t4") is set aside and
 * only orders files that name the same line. Two readings:
 *  - scene and line: two numbers, "S02_L05", "2-5 ana", "scene2_line5",
 *    "sc2 ln5", "02.05": the scene's dialogue line (scenes are numbered by
 *    their own number when they have one, else 1, 2, … in order; lines
 *    before the first heading are scene 0, or scene 1 when there is no
 *    heading at all). A character's name in it must be that line's.
 *  - one number: with a character's name, "ANA_03" is Ana's third line
 *    (a name of several words may be written with or without separators:
 *    "mary_jane_2", "MaryJane2"); without, "line_012" or "012" is the
 *    twelfth dialogue line of the screenplay.
 * Only dialogue lines are counted. Files whose extension is not an audio
 * one, and hidden files, are ignored. When several files name the same
 * line, the one with the highest take number (then the last by name) is
 * the match and the others are marked duplicate. */
#pragma once

#include <glib.h>
#include "secuencia-element.h"

G_BEGIN_DECLS

typedef enum
{
  SECUENCIA_TAKE_MATCH_NONE,            /* unmatched: see reason */
  SECUENCIA_TAKE_MATCH_SCENE_LINE,
  SECUENCIA_TAKE_MATCH_CHARACTER_ORDER,
  SECUENCIA_TAKE_MATCH_LINE_ORDER,
} SecuenciaTakeMatchRule;

typedef struct
{
  char                   *file_name;   /* as given */
  SecuenciaTakeMatchRule  rule;
  gint64                  element_id;  /* 0 when unmatched */
  guint                   take;        /* the take number in the name, 0 if none */
  gboolean                duplicate;   /* another file names the line and wins */
  char                   *reason;      /* unmatched: why (translated), else NULL */
} SecuenciaTakeMatch;

typedef struct
{
  GPtrArray *matches;          /* SecuenciaTakeMatch*, in screenplay order
                                * (a line's duplicates after its match) */
  GPtrArray *unmatched_files;  /* SecuenciaTakeMatch*, by name */
  GArray    *unmatched_lines;  /* gint64: dialogue lines no file names */
  guint      n_ignored;        /* files that are not audio, or hidden */
} SecuenciaTakeMatches;

void secuencia_take_match_free   (SecuenciaTakeMatch   *match);
void secuencia_take_matches_free (SecuenciaTakeMatches *matches);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaTakeMatches, secuencia_take_matches_free)

/* TRUE when @file_name has an audio extension (wav, flac, mp3, ogg, opus,
 * m4a, aiff, …; any case) and is not hidden. */
gboolean secuencia_take_matcher_is_audio_name (const char *file_name);

/* @elements: SecuenciaElementInfo*, in screenplay order. @file_names: the
 * base names of the folder's files (any order). */
SecuenciaTakeMatches *secuencia_take_matcher_match (GPtrArray          *elements,
                                                    const char * const *file_names,
                                                    guint               n_files);

G_END_DECLS
