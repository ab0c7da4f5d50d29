/* secuencia-cast-window.h: the Cast dialog: for each character of the
 * screenplay (in order of first appearance), the scratch voice its lines
 * are spoken with: an espeak-ng variant and a pitch. Every change is
 * stored in the project at once (secuencia_scratch_cast_set()); “Re-voice
 * Changed Characters” takes the scratch audio off the lines of the
 * characters whose voice changed and activates win.scratch-voices on the
 * parent window, so they are spoken again with the new voice. */
#pragma once

#include <adwaita.h>
#include "secuencia-project.h"

G_BEGIN_DECLS

/* An AdwPreferencesDialog from libadwaita 1.5 on (present it with
 * adw_dialog_present()), an AdwPreferencesWindow before. */
#define SECUENCIA_TYPE_CAST_WINDOW (secuencia_cast_window_get_type ())
#if ADW_CHECK_VERSION (1, 5, 0)
G_DECLARE_FINAL_TYPE (SecuenciaCastWindow, secuencia_cast_window,
                      SECUENCIA, CAST_WINDOW, AdwPreferencesDialog)
#else
G_DECLARE_FINAL_TYPE (SecuenciaCastWindow, secuencia_cast_window,
                      SECUENCIA, CAST_WINDOW, AdwPreferencesWindow)
#endif

/* @parent (nullable): the window whose win.scratch-voices re-voicing
 * activates (the dialog is transient for it before libadwaita 1.5; from
 * 1.5 on, present the dialog over it). */
GtkWidget *secuencia_cast_window_new (GtkWindow        *parent,
                                      SecuenciaProject *project);

G_END_DECLS
