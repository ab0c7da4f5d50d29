/* secuencia-fountain.h: a Fountain screenplay parser (syntax 1.1).
 *
 * Reads a whole script into a title page (ordered key/value entries) and a
 * list of elements. Notes (double brackets) and the boneyard (slash-star to
 * star-slash) are dropped;
 * sections and synopses are kept as elements of their own but are never
 * spoken. Emphasis markup (*, **, ***, _) and backslash escapes are removed
 * from every text field, so text is what is spoken and captioned.
 *
 * Dialogue is split at its parentheticals: every run of speech becomes one
 * DIALOGUE element carrying the character (without extension), the
 * extension (e.g. "V.O."), the parenthetical that precedes it (without the
 * parentheses) and the dual-dialogue flag of its cue. Lines of one run are
 * joined with "\n".
 *
 * Parsing never fails: what is not understood is read as well as it can be
 * and listed in `problems` with its line number (1-based, in the original
 * file, counting a leading byte-order mark and CR LF line ends as a reader
 * would).
 */
#pragma once

#include <gio/gio.h>
#include "secuencia-element.h"

G_BEGIN_DECLS

typedef enum
{
  SECUENCIA_FOUNTAIN_SCENE_HEADING,
  SECUENCIA_FOUNTAIN_ACTION,
  SECUENCIA_FOUNTAIN_DIALOGUE,
  SECUENCIA_FOUNTAIN_TRANSITION,
  SECUENCIA_FOUNTAIN_CENTERED,
  SECUENCIA_FOUNTAIN_LYRICS,
  SECUENCIA_FOUNTAIN_PAGE_BREAK,
  SECUENCIA_FOUNTAIN_SECTION,
  SECUENCIA_FOUNTAIN_SYNOPSIS,
} SecuenciaFountainKind;

typedef struct
{
  SecuenciaFountainKind  kind;
  guint                  line;           /* where the element starts */
  char                  *text;           /* never NULL ("" for a page break) */
  char                  *character;      /* DIALOGUE only, else NULL */
  char                  *extension;      /* DIALOGUE: "V.O.", "O.S., CONT'D" or NULL */
  char                  *parenthetical;  /* DIALOGUE: "whispering" or NULL */
  char                  *scene_number;   /* SCENE_HEADING: "12", "1A" or NULL */
  guint                  depth;          /* SECTION: 1 for #, 2 for ##, ... */
  gboolean               dual;           /* DIALOGUE: the second speaker of a dual dialogue */
} SecuenciaFountainElement;

typedef struct
{
  char *key;     /* as written, e.g. "Draft date" */
  char *value;   /* lines joined with "\n", markup removed */
} SecuenciaFountainTitleEntry;

typedef struct
{
  guint  line;
  char  *message;
} SecuenciaFountainProblem;

typedef struct
{
  GPtrArray *title_page;  /* of SecuenciaFountainTitleEntry */
  GPtrArray *elements;    /* of SecuenciaFountainElement */
  GPtrArray *problems;    /* of SecuenciaFountainProblem, ordered by line */
} SecuenciaFountainScript;

/* Parse @length bytes of @text (-1: NUL-terminated). Invalid UTF-8 is
 * replaced and reported. Never NULL. */
SecuenciaFountainScript *secuencia_fountain_parse      (const char *text,
                                                        gssize      length);
/* Read and parse @file. Fails only when the file cannot be read (the error
 * names the file). */
SecuenciaFountainScript *secuencia_fountain_parse_file (GFile        *file,
                                                        GCancellable *cancellable,
                                                        GError      **error);
void                     secuencia_fountain_script_free (SecuenciaFountainScript *script);

/* The value of the title page key @key (case-insensitive; "author" also
 * finds "Authors"), or NULL. */
const char *secuencia_fountain_script_get_title_value (const SecuenciaFountainScript *script,
                                                       const char                    *key);

/* "scene", "action", "dialogue", "transition", "centered", "lyrics",
 * "page-break", "section", "synopsis". */
const char *secuencia_fountain_kind_to_string (SecuenciaFountainKind kind);

/* The script as screenplay elements (SecuenciaElementInfo*, positions
 * 0.., no ids, no audio): scene headings become SCENE, dialogue DIALOGUE,
 * action, transitions, centered text and lyrics ACTION; sections, synopses
 * and page breaks are left out. */
GPtrArray  *secuencia_fountain_script_to_elements (const SecuenciaFountainScript *script);

/* Remove emphasis markup and backslash escapes from one line of text. */
char       *secuencia_fountain_strip_markup   (const char *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaFountainScript, secuencia_fountain_script_free)

G_END_DECLS
