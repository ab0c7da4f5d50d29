/* secuencia-test-window.h: helpers shared by the window tests (a project
 * with tone lines, running the main loop until something happens, finding
 * widgets). */
#pragma once

#include <gtk/gtk.h>

#include "secuencia-window.h"

G_BEGIN_DECLS

/* A project at @path named "Window Test" with @n_lines lines of @seconds
 * of tone each (WAV files written in @dir and removed after import). */
void       secuencia_test_make_project      (const char *dir,
                                             const char *path,
                                             guint       n_lines,
                                             double      seconds);
/* A new temporary folder (@tmpl as for g_dir_make_tmp()) holding a
 * project made as above, *@out_project_path ("project.secuencia" in it). */
char      *secuencia_test_make_project_dir  (const char *tmpl,
                                             guint       n_lines,
                                             double      seconds,
                                             char      **out_project_path);
/* A new window (@application nullable) with the project at @path open,
 * presented and drawn; the caller owns a reference. */
SecuenciaWindow *secuencia_test_open_window (GtkApplication *application,
                                             const char     *path);
/* Destroys @window, runs the main context until it is gone and asserts
 * that dropping the caller's reference finalizes it. */
void       secuencia_test_close_window      (SecuenciaWindow *window);
/* When @window emits "export-finished": *@finished = TRUE and *@success
 * (nullable) = its result. Both must live as long as @window. */
void       secuencia_test_watch_export      (SecuenciaWindow *window,
                                             gboolean        *finished,
                                             gboolean        *success);
/* For secuencia_test_wait_until(): whether the gboolean at @flag is set. */
gboolean   secuencia_test_flag_is_set       (gpointer         flag);
/* Run the main context until nothing is pending. */
void       secuencia_test_flush_events      (void);
/* Run the main context until @func returns TRUE; aborts the test after
 * 60 s (a guard against hanging, not a measurement). */
void       secuencia_test_wait_until        (gboolean  (*func) (gpointer),
                                             gpointer    data);
/* Run the main context for at least @ms milliseconds. */
void       secuencia_test_spin              (guint       ms);
/* The first descendant of @root (depth first) of @type for which @match
 * (may be NULL) returns TRUE. */
GtkWidget *secuencia_test_find_widget       (GtkWidget  *root,
                                             GType       type,
                                             gboolean  (*match) (GtkWidget *, gpointer),
                                             gpointer    data);
/* TRUE when @widget is @ancestor or inside it. */
gboolean   secuencia_test_widget_is_inside  (GtkWidget  *widget,
                                             GtkWidget  *ancestor);

/* The dialog of @type shown over @window, or NULL: the AdwDialog
 * presented on it (libadwaita >= 1.5), or a window of @type transient for
 * it (before). */
GtkWidget  *secuencia_test_find_dialog      (GtkWindow  *window,
                                             GType       type);
/* Closes what secuencia_test_find_dialog() found, at once. */
void        secuencia_test_close_dialog     (GtkWidget  *dialog);

/* The message or question shown over @window (secuencia-alert.h), or
 * NULL: the AdwAlertDialog presented on it (libadwaita >= 1.5), or the
 * AdwMessageDialog window transient for it (before). */
GtkWidget  *secuencia_test_find_alert       (GtkWindow  *window);
const char *secuencia_test_alert_heading    (GtkWidget  *alert);
const char *secuencia_test_alert_body       (GtkWidget  *alert);
/* A click on the alert's button labelled @label, mnemonic included
 * ("_Cancel"), as a person answers; aborts the test when it has none. */
void        secuencia_test_alert_click      (GtkWidget  *alert,
                                             const char *label);

G_END_DECLS
