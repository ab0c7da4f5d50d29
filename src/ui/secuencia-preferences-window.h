/* secuencia-preferences-window.h: Preferences (Ctrl+,), an Export page:
 * format, bit rate, sample rate, loudness target and limiter (GSettings),
 * and the open project's tags and cover (stored in the project). */
#pragma once

#include <adwaita.h>
#include "secuencia-project.h"

G_BEGIN_DECLS

/* An AdwPreferencesDialog from libadwaita 1.5 on (present it with
 * adw_dialog_present()), an AdwPreferencesWindow before. */
#define SECUENCIA_TYPE_PREFERENCES_WINDOW (secuencia_preferences_window_get_type ())
#if ADW_CHECK_VERSION (1, 5, 0)
G_DECLARE_FINAL_TYPE (SecuenciaPreferencesWindow, secuencia_preferences_window,
                      SECUENCIA, PREFERENCES_WINDOW, AdwPreferencesDialog)
#else
G_DECLARE_FINAL_TYPE (SecuenciaPreferencesWindow, secuencia_preferences_window,
                      SECUENCIA, PREFERENCES_WINDOW, AdwPreferencesWindow)
#endif

/* @project (nullable): the project whose tags the page edits. @parent is
 * the window it belongs to (transient for it, before libadwaita 1.5). */
GtkWidget *secuencia_preferences_window_new (GtkWindow        *parent,
                                             GSettings        *settings,
                                             SecuenciaProject *project);

G_END_DECLS
