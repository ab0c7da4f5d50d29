/* secuencia-match-takes-dialog.h: the preview of "Match Takes…": each
 * recording matched to a line (file → character: text), with a check box
 * to leave it out; the files that match no line and why; the lines no
 * file names. Nothing changes until Replace Takes; the "apply" signal then
 * hands over the chosen files and their lines. Shown in a sheet
 * (secuencia_sheet_present). */
#pragma once

#include <adwaita.h>
#include "secuencia-take-matcher.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_MATCH_TAKES_DIALOG (secuencia_match_takes_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaMatchTakesDialog, secuencia_match_takes_dialog,
                      SECUENCIA, MATCH_TAKES_DIALOG, AdwBin)

/* @matches: taken (transfer full). @elements: SecuenciaElementInfo*, the
 * screenplay the matches were made against (referenced). Signal "apply"
 * (GPtrArray *files of GFile, GArray *element_ids of gint64): the chosen
 * matches, in screenplay order; the sheet closes after it. */
SecuenciaMatchTakesDialog *secuencia_match_takes_dialog_new (GFile                *folder,
                                                             SecuenciaTakeMatches *matches,
                                                             GPtrArray            *elements);
/* How many matches are chosen (checked). */
guint    secuencia_match_takes_dialog_get_n_chosen (SecuenciaMatchTakesDialog *self);
/* Check or uncheck the match of @file_name; FALSE when it is no match. */
gboolean secuencia_match_takes_dialog_set_chosen   (SecuenciaMatchTakesDialog *self,
                                                    const char                *file_name,
                                                    gboolean                   chosen);
/* What Replace Takes does. */
void     secuencia_match_takes_dialog_apply        (SecuenciaMatchTakesDialog *self);

G_END_DECLS
