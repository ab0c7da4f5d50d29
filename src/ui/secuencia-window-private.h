/* secuencia-window-private.h: the window's state, shared by the files that
 * split it by concern (actions, export, drag and drop). */
#pragma once

#include "secuencia-window.h"
#include "secuencia-export-progress.h"
#include "secuencia-exporter.h"
#include "secuencia-peaks-loader.h"
#include "secuencia-timeline-view.h"
#include "secuencia-undo-stack.h"
#include "secuencia-player.h"
#include "secuencia-project-snapshot.h"

G_BEGIN_DECLS

typedef enum
{
  SECUENCIA_LAUNCH_OPEN,           /* open a file with its default app */
  SECUENCIA_LAUNCH_SHOW_IN_FILES,  /* show it in a file manager */
} SecuenciaLaunch;

/* The project file on disk compared with the one the window has open
 * (secuencia-window-watch.c). */
typedef enum
{
  SECUENCIA_FILE_CURRENT,   /* the same file is at the project's path */
  SECUENCIA_FILE_GONE,      /* deleted or moved away */
  SECUENCIA_FILE_REPLACED,  /* another file is at the path now */
} SecuenciaFileState;

struct _SecuenciaWindow
{
  AdwApplicationWindow parent_instance;

  /* Owned references */
  GSettings               *settings;
  SecuenciaProject        *project;
  char                    *project_name;     /* cached at open: no DB read on export */
  GCancellable            *cancellable;      /* window lifetime; cancelled on close */
  GCancellable            *export_cancellable;
  GCancellable            *import_cancellable;
  GCancellable            *integrity_cancellable; /* the verdict on the open project's pages */
  SecuenciaExportProgress *progress;
  GFile                   *export_destination;
  GPtrArray               *export_parts;     /* SecuenciaExportPart*, a split export's */
  GFile                   *destination_override;
  GListStore              *elements_model;   /* SecuenciaElementItem */
  GtkSingleSelection      *elements_selection;
  SecuenciaTimeline       *timeline;         /* the one shown and edited */
  SecuenciaUndoStack      *undo_stack;
  GMenu                   *timelines_menu;
  gint64                   import_base_element; /* lines above it are an import's */
  gint64                   export_snapshot_id;/* the copy an export is reading */
  GMenu                   *recent_menu;
  char                    *last_message;
  GtkWidget               *result_row;       /* owned by results_list */
  gint64                   export_timeline_id;
  /* The timeline this window built for its previous export of this
   * project: the next export replaces it (deletes it once the new one is
   * stored). Timelines it did not build are never deleted. */
  gint64                   own_timeline_id;
  guint                    show_clips_idle;
  /* Watching the project file (secuencia-window-watch.c) */
  GFileMonitor            *file_monitor;
  guint                    checkpoint_source;
  GCancellable            *checkpoint_cancellable;  /* a checkpoint runs */
  gulong                   changed_handler;
  SecuenciaProject        *watched_project;  /* weak */
  char                    *watched_path;
  guint                    check_source;
  guint64                  file_dev;
  guint64                  file_ino;
  gint64                   data_version;
  SecuenciaFileState       file_state;
  GtkRevealer             *file_banner;      /* owned by the content box */
  GtkLabel                *file_banner_label;
  GtkWidget               *file_banner_reopen;
  /* A project that cannot be written (secuencia-window-readonly.c) */
  GtkWidget               *readonly_banner;   /* owned by the content box */
  GtkLabel                *readonly_label;    /* libadwaita < 1.3 only */
  gint64                   readonly_mtime_ns; /* the file as an immutable connection read it */
  gint64                   readonly_size;
  guint                    inhibit_cookie;
  guint                    n_elements;
  guint                    n_audio_elements;  /* lines with audio */
  gint64                   shown_timeline_id; /* the timeline listed, 0 if none or empty */
  guint                    imports_running;
  GCancellable            *voices_cancellable;  /* scratch voices running */
  AdwToast                *voices_toast;        /* their progress */
  SecuenciaPeaksLoader    *peaks_loader;     /* the open project's waveforms */
  gboolean                 peaks_failure_shown;
  guint                    exporting : 1;
  guint                    choosing_destination : 1;
  guint                    close_after_export : 1;
  guint                    loading_demo : 1;
  guint                    disposed : 1;
  guint                    close_confirmed : 1;
  guint                    syncing_selection : 1;

  /* Playback (secuencia-window-playback.c) */
  SecuenciaPlayer         *player;
  guint                    playhead_tick;
  SecuenciaTime            shown_position;   /* in the position label, -1 before */

  /* Template references */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkMenuButton        *menu_button;
  GtkButton            *export_button;
  GtkButton            *play_button;
  GtkInscription       *position_label;  /* its new text only redraws it */
  GtkRevealer          *export_revealer;
  SecuenciaExportPanel *export_panel;
  GtkListBox           *results_list;
  GtkStack             *elements_stack;
  GtkListView          *elements_view;
  GtkWidget            *timeline_box;
  /* built in secuencia-window-timeline.c */
  GtkLabel             *timeline_summary;
  SecuenciaTimelineView *timeline_view;
  GtkWidget            *timeline_menu_button;
  GtkSpinner           *loading_spinner;
  GMenu                *recent_submenu;
  GtkListBox           *recent_list;
};

/* Signals (see class_init in secuencia-window.c) */
void _secuencia_window_emit_export_dialog_requested (SecuenciaWindow *self);
void _secuencia_window_emit_export_finished         (SecuenciaWindow *self,
                                                     gboolean         success);
void _secuencia_window_emit_import_finished         (SecuenciaWindow *self,
                                                     guint            n_imported);

void _secuencia_window_class_actions_init (GtkWidgetClass  *widget_class);
void _secuencia_window_class_export_init  (GtkWidgetClass  *widget_class);
void _secuencia_window_dnd_init           (SecuenciaWindow *self);
/* Opening or showing @file failed (secuencia-window-files.c): a toast
 * that says so plainly, with Copy Path (win.copy-path). */
void _secuencia_window_launch_failed      (SecuenciaWindow *self,
                                           GFile           *file,
                                           SecuenciaLaunch  what);
void _secuencia_window_class_files_init   (GtkWidgetClass  *widget_class);
void _secuencia_window_class_watch_init   (GtkWidgetClass  *widget_class);
void _secuencia_window_watch_init         (SecuenciaWindow *self);
/* Start (after a project is opened) or stop watching its file. */
void _secuencia_window_watch_start        (SecuenciaWindow *self);
void _secuencia_window_watch_stop         (SecuenciaWindow *self);
/* Look at the file now: reload after outside commits, show the banner if
 * it went away or was replaced. */
void _secuencia_window_check_file         (SecuenciaWindow *self);
/* Before an edit: TRUE when the file at the project's path is still the
 * one open; else the banner is shown, the last message says why nothing
 * was changed, and FALSE. */
gboolean _secuencia_window_file_is_current (SecuenciaWindow *self);
/* On close: when the file went away or was replaced, asks whether to save
 * the version open here first and returns TRUE (the dialog then closes
 * the window or not); else FALSE. */
gboolean _secuencia_window_confirm_close  (SecuenciaWindow *self);
/* The newest timeline of the open project, 0 when none. */
gint64 _secuencia_window_latest_timeline_id (SecuenciaWindow *self);
/* The timeline view learns every line's character and text again. */
void   _secuencia_window_sync_lines         (SecuenciaWindow *self);
void _secuencia_window_recent_init        (SecuenciaWindow *self);
void _secuencia_window_export_init        (SecuenciaWindow *self);
/* Show or hide the progress card (it takes no input while hidden). */
void _secuencia_window_reveal_progress    (SecuenciaWindow *self,
                                           gboolean         reveal);
/* secuencia-window-split.c: an export as several files (the "export-split"
 * setting). plan: NULL without @error when the setting is "none". start:
 * runs the parts, @callback gets the window (a reference) as user data.
 * succeeded: a result row per file and a toast naming them. */
GPtrArray *_secuencia_window_split_plan      (SecuenciaWindow               *self,
                                              gint64                         timeline_id,
                                              GFile                         *destination,
                                              const SecuenciaExportOptions  *options,
                                              GError                       **error);
void       _secuencia_window_split_start     (SecuenciaWindow               *self,
                                              gint64                         timeline_id,
                                              GPtrArray                     *parts,
                                              GAsyncReadyCallback            callback);
void       _secuencia_window_split_succeeded (SecuenciaWindow               *self,
                                              GArray                        *durations);
/* secuencia-window-script.c: win.open-script; *.fountain files. */
void     _secuencia_window_class_script_init (GtkWidgetClass *widget_class);
void     _secuencia_window_script_init       (SecuenciaWindow *self);
gboolean _secuencia_window_is_script_file    (GFile          *file);
/* secuencia-window-script-undo.c: a bulk change (script import, scratch
 * voices) as one undo step: snapshot before (NULL when there is no
 * writable project), then push it with the state after (nothing is pushed
 * when nothing changed); the window shows the stored state again after
 * such a step is undone or redone. */
void _secuencia_window_script_undo_init       (SecuenciaWindow *self);
SecuenciaProjectSnapshot *_secuencia_window_snapshot (SecuenciaWindow        *self,
                                                      SecuenciaSnapshotFlags  flags);
void _secuencia_window_push_snapshot          (SecuenciaWindow          *self,
                                               SecuenciaProjectSnapshot *before,
                                               SecuenciaSnapshotFlags    flags,
                                               const char               *label);
void _secuencia_window_screenplay_restored    (SecuenciaWindow *self);
/* secuencia-window-playback.c: the player, win.play-pause, Space, Home/End. */
void _secuencia_window_class_playback_init     (GtkWidgetClass  *widget_class);
void _secuencia_window_playback_init           (SecuenciaWindow *self);
void _secuencia_window_playback_dispose        (SecuenciaWindow *self);
void _secuencia_window_playback_update_actions (SecuenciaWindow *self);
/* Another timeline is shown (self->timeline). */
void _secuencia_window_playback_invalidate     (SecuenciaWindow *self);
/* A project was opened (self->project). */
void _secuencia_window_playback_set_project    (SecuenciaWindow *self);

/* secuencia-window-readonly.c: projects that cannot be written. */
void     _secuencia_window_readonly_init   (SecuenciaWindow  *self);
/* Open @path for editing, or read-only when this process may not write
 * it (a read-only file system, file or folder). */
SecuenciaProject *_secuencia_window_readonly_open (const char  *path,
                                                   GError     **error);
/* The open project cannot be written (FALSE without a project). */
gboolean _secuencia_window_is_read_only    (SecuenciaWindow  *self);
/* Show or hide the banner for the project now open; the timeline view
 * edits or not. */
void     _secuencia_window_readonly_update (SecuenciaWindow  *self);
/* Before an edit that has no disabled action in front of it (a drop, a
 * script): TRUE, with a toast that says why nothing was changed, when the
 * project is read-only. */
gboolean _secuencia_window_readonly_refuse (SecuenciaWindow  *self);
/* From the file watch: a read-only project read as immutable whose file
 * changed (its size or time, or a -wal appeared: someone who can write it
 * did) is opened again, so that the change is seen; TRUE when it was. */
gboolean _secuencia_window_readonly_reopen_if_changed (SecuenciaWindow *self);
/* The screenplay laid out in memory, as the export worker lays it out for
 * timeline id 0 (a read-only project without a stored timeline); NULL
 * when no line has audio. */
SecuenciaTimeline *_secuencia_window_readonly_layout (SecuenciaWindow *self);

void _secuencia_window_update_actions     (SecuenciaWindow *self);
void _secuencia_window_reload_elements    (SecuenciaWindow *self);
/* Position of the element @id in the list (or of the selected line when
 * @id < 0); FALSE when there is none. */
gboolean _secuencia_window_find_element   (SecuenciaWindow *self,
                                           gint64           id,
                                           gint64          *out_id,
                                           guint           *out_position);
void _secuencia_window_select_element     (SecuenciaWindow *self,
                                           guint            position);
/* Show (and edit) the timeline @timeline_id (0: none). */
void _secuencia_window_reload_clips       (SecuenciaWindow *self,
                                           gint64           timeline_id);
/* secuencia-window-timeline.c */
void _secuencia_window_class_timeline_init (GtkWidgetClass *widget_class);
void _secuencia_window_timeline_init      (SecuenciaWindow *self);
void _secuencia_window_timeline_open      (SecuenciaWindow *self);
void _secuencia_window_timeline_lines_added (SecuenciaWindow *self);
/* The highest line id in the screenplay list (0: none). */
gint64 _secuencia_window_timeline_max_line (SecuenciaWindow *self);
gboolean _secuencia_window_timeline_remove_line (SecuenciaWindow  *self,
                                                gint64            element_id,
                                                GError          **error);
void _secuencia_window_timeline_line_moved (SecuenciaWindow *self,
                                            gint64           element_id,
                                            gint64           from,
                                            gint64           to);
/* Toast with @title (markup; callers escape file names). */
AdwToast *_secuencia_window_toast         (SecuenciaWindow *self,
                                           const char      *title);
/* A message dialog for errors that need detail. */
void _secuencia_window_show_error         (SecuenciaWindow *self,
                                           const char      *heading,
                                           const char      *body);
void _secuencia_window_cancel_export      (SecuenciaWindow *self);
/* Ends a Save dialog started with choosing_destination set: the chosen
 * file; NULL when dismissed, when the window is gone, or after showing
 * @error_heading with the cause. */
GFile *_secuencia_window_destination_finish (SecuenciaWindow *self,
                                             GAsyncResult    *result,
                                             const char      *error_heading);
/* Waveforms (secuencia-window-peaks.c): start loading the open project's,
 * pick up newly imported assets', stop. */
void _secuencia_window_peaks_open         (SecuenciaWindow *self);
void _secuencia_window_peaks_refresh      (SecuenciaWindow *self);
void _secuencia_window_peaks_close        (SecuenciaWindow *self);
void _secuencia_window_cancel_import      (SecuenciaWindow *self);
/* What every import into the open project shares (secuencia-window-import.c).
 * Start: counts it as running (a new import_cancellable, cancelled with the
 * window, is the task's), shows the progress card (@title, @stage and the
 * card's descriptions) following @progress, and runs @thread_func on
 * @task_data (freed with @task_data_free) in a worker; @done gets the
 * window as the source object, and the cancel does not cut the worker
 * short (it stops by itself and returns what it did). */
void _secuencia_window_start_import       (SecuenciaWindow         *self,
                                           gpointer                 source_tag,
                                           const char              *title,
                                           const char              *stage,
                                           const char              *description,
                                           const char              *cancel_description,
                                           SecuenciaExportProgress *progress,
                                           gpointer                 task_data,
                                           GDestroyNotify           task_data_free,
                                           GTaskThreadFunc          thread_func,
                                           GAsyncReadyCallback      done);
/* First thing in @done: the import is no longer running, the card goes.
 * FALSE when the window is being destroyed (nothing more to do). */
gboolean _secuencia_window_import_done    (SecuenciaWindow         *self);
/* In the worker: the project at @path opened for changes on the worker's
 * own connection; NULL after returning the error to @task. */
SecuenciaProject *_secuencia_window_import_open_project (GTask      *task,
                                                         const char *path);
/* In the worker: the waveform of @asset_id, from @file at hand. A failure
 * is not the import's: the window decodes missing waveforms later. */
void _secuencia_window_import_store_peaks (SecuenciaProject        *project,
                                           gint64                   asset_id,
                                           GFile                   *file,
                                           GCancellable            *cancellable);
/* secuencia-window-dnd.c: what dropping @files on the window does. */
gboolean _secuencia_window_drop_files     (SecuenciaWindow *self,
                                           GSList          *files);
/* secuencia-window-takes.c: Replace Take…, Takes…, Match Takes… */
void _secuencia_window_class_takes_init   (GtkWidgetClass  *widget_class);
void _secuencia_window_takes_init         (SecuenciaWindow *self);
void _secuencia_window_takes_update_actions (SecuenciaWindow *self,
                                             gboolean         editable);
/* A screenplay row takes dropped recordings. */
void _secuencia_window_takes_setup_row    (GtkListItem     *list_item,
                                           GtkWidget       *row);
void _secuencia_window_show_takes         (SecuenciaWindow *self,
                                           gint64           line);

G_END_DECLS
