/* secuencia-window.h: the project window. */
#pragma once

#include <adwaita.h>
#include "secuencia-project.h"
#include "secuencia-export-panel.h"
#include "secuencia-peaks-loader.h"
#include "secuencia-player.h"

#include "secuencia-timeline-view.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_WINDOW (secuencia_window_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaWindow, secuencia_window, SECUENCIA, WINDOW, AdwApplicationWindow)

/* @application is nullable (tests create bare windows). */
SecuenciaWindow  *secuencia_window_new                (GtkApplication   *application);

/* Open the project at @path in this window (replacing the current one).
 * Quick: opens the SQLite connection and reads the screenplay's metadata. */
gboolean          secuencia_window_open_project       (SecuenciaWindow  *self,
                                                       const char       *path,
                                                       GError          **error);
/* Create (or reuse) the built-in demo project in the user data folder, in a
 * worker thread, then open it. */
void              secuencia_window_open_demo          (SecuenciaWindow  *self);
SecuenciaProject *secuencia_window_get_project        (SecuenciaWindow  *self);
gboolean          secuencia_window_is_exporting       (SecuenciaWindow  *self);
gboolean          secuencia_window_is_busy            (SecuenciaWindow  *self);

/* Import audio files as new screenplay lines, in a worker thread. */
void              secuencia_window_import_files       (SecuenciaWindow  *self,
                                                       GFile           **files,
                                                       guint             n_files);

/* Import a Fountain script: into the open project (replacing its
 * screenplay; unchanged lines keep their audio), or, with none open, into
 * the project beside it (SCRIPT.secuencia, created when missing), which is
 * then opened. Problems in the script are listed in a dialog. */
void              secuencia_window_import_script      (SecuenciaWindow  *self,
                                                       GFile            *file);

/* Make the recording @file the take of the line @element_id: imported in
 * a worker, then one undoable step (the line's audio so far is kept in
 * its takes). Emits "import-finished" (1, or 0 when nothing changed). */
void              secuencia_window_replace_take       (SecuenciaWindow  *self,
                                                       gint64            element_id,
                                                       GFile            *file);
/* What a drop (a GdkFileList in @value) on the line @element_id does: one
 * recording becomes its take; anything else is a drop on the window. */
gboolean          secuencia_window_drop_on_line       (SecuenciaWindow  *self,
                                                       gint64            element_id,
                                                       const GValue     *value);
/* Match the recordings in @folder to lines by their names and show the
 * preview ("Match Takes…" once its folder is chosen). */
void              secuencia_window_match_takes        (SecuenciaWindow  *self,
                                                       GFile            *folder);

/* Test seam: when set, win.export still emits "export-dialog-requested" but
 * then takes @destination as if a person had chosen it in the save dialog
 * instead of presenting the dialog. NULL restores the real dialog. */
void              secuencia_window_set_export_destination_override (SecuenciaWindow *self,
                                                                    GFile           *destination);

/* What the user is shown, for tests and accessibility checks. */
SecuenciaExportPanel *secuencia_window_get_export_panel (SecuenciaWindow *self);
/* The row of the last finished export, or NULL. */
GtkWidget        *secuencia_window_get_result_row     (SecuenciaWindow  *self);
/* Title of the last toast or body of the last message dialog, or NULL. */
const char       *secuencia_window_get_last_message   (SecuenciaWindow  *self);
/* Id of the timeline built for the last export, 0 before. */
gint64            secuencia_window_get_export_timeline_id (SecuenciaWindow *self);
/* The file name the save dialog suggests: the project's name made safe
 * for file names, plus ".m4a". */
char             *secuencia_window_dup_export_file_name (SecuenciaWindow *self);
guint             secuencia_window_get_n_elements     (SecuenciaWindow  *self);
guint             secuencia_window_get_n_clips        (SecuenciaWindow  *self);
/* The open project's waveforms (NULL without a project). */
SecuenciaPeaksLoader *secuencia_window_get_peaks_loader (SecuenciaWindow *self);

/* The selected screenplay line's id (0: none); select the line at
 * @position (its clips get selected in the timeline too). */
gint64                 secuencia_window_get_selected_line (SecuenciaWindow *self);
void                   secuencia_window_select_line       (SecuenciaWindow *self,
                                                           guint            position);
/* The timeline editor (for tests and the playback controls). */
SecuenciaTimelineView *secuencia_window_get_timeline_view (SecuenciaWindow *self);
/* The window's player (what Play plays); for tests. */
SecuenciaPlayer  *secuencia_window_get_player        (SecuenciaWindow  *self);

G_END_DECLS
