/* secuencia-preferences-window.h: Preferences (Ctrl+,), an Export page:
 * format, bit rate, sample rate, loudness target and limiter (GSettings),
 * and the open project's tags and cover (stored in the project). */
#pragma once

#include <adwaita.h>
#include "secuencia-project.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_PREFERENCES_WINDOW (secuencia_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaPreferencesWindow, secuencia_preferences_window,
                      SECUENCIA, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @project (nullable): the project whose tags the page edits. */
GtkWidget *secuencia_preferences_window_new (GtkWindow        *parent,
                                             GSettings        *settings,
                                             SecuenciaProject *project);

G_END_DECLS
