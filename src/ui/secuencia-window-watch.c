/* secuencia-window-watch.c: changes made to the project file by others.
 *
 * The window watches the project's folder (GFileMonitor) and, on any event
 * for the project file or its -wal, checks (debounced) two things:
 *
 * - Is the file at the project's path still the one this connection has
 *   open (same device and inode)? If it was deleted or moved away, or
 *   replaced by another file, the window says so in a banner, stops
 *   editing (an edit would go into a file nobody will see again, or mix
 *   two databases) and offers Save As…, which writes the still-open
 *   database to a new file with SQLite's backup API; when it was replaced
 *   it also offers to open the new file.
 * - Did another connection commit (SQLite's PRAGMA data_version)? Then the
 *   screenplay and timeline are read again, so a line added with
 *   secuencia-cli appears without any edit in the window.
 *
 * The same check runs when the window becomes active and, synchronously,
 * before every edit (_secuencia_window_file_is_current), so no edit slips
 * in between a change on disk and the monitor's event.
 *
 * Between edits the write-ahead log is kept empty (a non-waiting TRUNCATE
 * checkpoint after each commit, retried while other connections are busy;
 * on the window's own connection, in a worker thread, as it waits for the
 * disk):
 * if the file is replaced on disk while the window has it open, the -wal
 * left at its path then holds nothing that a connection to the new file
 * could take for its own (which damaged the new file before).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "secuencia-a11y.h"
#include "secuencia-alert.h"
#include "secuencia-file-chooser.h"
#include "secuencia-window-private.h"

#define CHECK_DELAY_MS       150
#define CHECKPOINT_DELAY_MS  50
#define CHECKPOINT_RETRY_MS  1000

static void schedule_checkpoint (SecuenciaWindow *self,
                                 guint            delay_ms);
static gboolean check_identity (SecuenciaWindow *self);
static void schedule_check (SecuenciaWindow *self);

static gboolean
stat_file (const char *path,
           guint64    *out_dev,
           guint64    *out_ino)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  *out_dev = st.st_dev;
  *out_ino = st.st_ino;
  return TRUE;
}

static void
update_banner (SecuenciaWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (self->file_state == SECUENCIA_FILE_CURRENT || self->project == NULL)
    {
      gtk_revealer_set_reveal_child (self->file_banner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->file_banner), FALSE);
      return;
    }

  name = g_filename_display_basename (secuencia_project_get_path (self->project));
  if (self->file_state == SECUENCIA_FILE_GONE)
    /* Translators: %s is a project file name */
    text = g_strdup_printf (_("“%s” was deleted or moved by another program. Your work is still "
                              "open here: save it as a new file to keep it."), name);
  else
    /* Translators: %s is a project file name */
    text = g_strdup_printf (_("“%s” was replaced by another program. The version open here is "
                              "not the one on disk: save it as a new file, or open the new one."), name);
  gtk_label_set_label (self->file_banner_label, text);
  gtk_widget_set_visible (self->file_banner_reopen, self->file_state == SECUENCIA_FILE_REPLACED);
  gtk_widget_set_visible (GTK_WIDGET (self->file_banner), TRUE);
  gtk_revealer_set_reveal_child (self->file_banner, TRUE);
}

static void
set_file_state (SecuenciaWindow    *self,
                SecuenciaFileState  state)
{
  if (self->file_state == state)
    return;
  self->file_state = state;
  update_banner (self);
  _secuencia_window_update_actions (self);
  if (state != SECUENCIA_FILE_CURRENT)
    {
      g_autofree char *name = g_filename_display_basename (secuencia_project_get_path (self->project));
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      g_autofree char *title = NULL;

      if (state == SECUENCIA_FILE_GONE)
        /* Translators: %s is a project file name */
        title = g_strdup_printf (_("“%s” was deleted or moved"), escaped);
      else
        /* Translators: %s is a project file name */
        title = g_strdup_printf (_("“%s” was replaced by another file"), escaped);
      _secuencia_window_toast (self, title);
    }
}

/* The file at the path is still ours? Updates the state (and the banner). */
static gboolean
check_identity (SecuenciaWindow *self)
{
  guint64 dev, ino;

  if (self->project == NULL)
    return FALSE;
  if (self->file_state != SECUENCIA_FILE_CURRENT)
    return FALSE;
  if (!stat_file (secuencia_project_get_path (self->project), &dev, &ino))
    set_file_state (self, SECUENCIA_FILE_GONE);
  else if (dev != self->file_dev || ino != self->file_ino)
    set_file_state (self, SECUENCIA_FILE_REPLACED);
  return self->file_state == SECUENCIA_FILE_CURRENT;
}

static void
check_data_version (SecuenciaWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 version;

  if (!secuencia_project_get_data_version (self->project, &version, &error))
    {
      g_debug ("%s", error->message);
      return;
    }
  if (version == self->data_version)
    return;
  self->data_version = version;
  g_debug ("Another connection changed %s; reading it again", secuencia_project_get_path (self->project));

  schedule_checkpoint (self, CHECKPOINT_DELAY_MS);

  /* Another connection committed: read the screenplay and the timeline
   * again (the timeline shown, or the newest one when none is). */
  _secuencia_window_reload_elements (self);
  /* New assets (a line added with secuencia-cli) bring their waveforms. */
  _secuencia_window_peaks_refresh (self);
  if (self->shown_timeline_id > 0)
    _secuencia_window_reload_clips (self, self->shown_timeline_id);
  else if (self->show_clips_idle == 0)
    _secuencia_window_reload_clips (self, _secuencia_window_latest_timeline_id (self));
}

void
_secuencia_window_check_file (SecuenciaWindow *self)
{
  g_assert (SECUENCIA_IS_WINDOW (self));

  if (self->project == NULL || self->disposed)
    return;
  /* A project read as immutable sees no change: it is opened again. */
  if (check_identity (self) && !_secuencia_window_readonly_reopen_if_changed (self))
    check_data_version (self);
}

gboolean
_secuencia_window_file_is_current (SecuenciaWindow *self)
{
  g_assert (SECUENCIA_IS_WINDOW (self));

  if (self->project == NULL)
    return FALSE;
  if (!check_identity (self))
    {
      g_autofree char *name = g_filename_display_basename (secuencia_project_get_path (self->project));
      g_autofree char *message = NULL;

      if (self->file_state == SECUENCIA_FILE_GONE)
        /* Translators: %s is a project file name */
        message = g_strdup_printf (_("Nothing was changed: “%s” was deleted or moved by another "
                                     "program. Save your work as a new file to keep it."), name);
      else
        /* Translators: %s is a project file name */
        message = g_strdup_printf (_("Nothing was changed: “%s” was replaced by another program. "
                                     "Open the new file, or save the version open here as a new file."), name);
      g_free (self->last_message);
      self->last_message = g_steal_pointer (&message);
      return FALSE;
    }
  return TRUE;
}

static void
checkpoint_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SecuenciaWindow *self;
  g_autoptr(GError) error = NULL;
  gboolean complete = FALSE;

  /* Cancelled when the window stopped watching this project (it may be
   * gone): then nothing here is touched. */
  if (!secuencia_project_checkpoint_finish (SECUENCIA_PROJECT (source), result, &complete, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  g_clear_object (&self->checkpoint_cancellable);
  if (error != NULL)
    g_debug ("%s", error->message);
  else if (!complete && !self->disposed && self->project == SECUENCIA_PROJECT (source))
    schedule_checkpoint (self, CHECKPOINT_RETRY_MS);
}

static gboolean
checkpoint_timeout (gpointer user_data)
{
  SecuenciaWindow *self = user_data;

  self->checkpoint_source = 0;
  /* Only into the file that is still at the path: after a replacement the
   * log there may be the new file's (the worker checks again just before). */
  if (self->project == NULL || self->disposed || !check_identity (self))
    return G_SOURCE_REMOVE;
  /* One at a time: a commit meanwhile brings another one after it. */
  if (self->checkpoint_cancellable != NULL)
    {
      schedule_checkpoint (self, CHECKPOINT_DELAY_MS);
      return G_SOURCE_REMOVE;
    }
  /* Same connection, in a worker: a checkpoint waits for the disk
   * (fdatasync, 35-80 ms on a busy machine), which froze the window. */
  self->checkpoint_cancellable = g_cancellable_new ();
  secuencia_project_checkpoint_async (self->project, self->file_dev, self->file_ino,
                                      self->checkpoint_cancellable, checkpoint_done, self);
  return G_SOURCE_REMOVE;
}

static void
schedule_checkpoint (SecuenciaWindow *self,
                     guint            delay_ms)
{
  if (self->checkpoint_source == 0)
    self->checkpoint_source = g_timeout_add (delay_ms, checkpoint_timeout, self);
}

static void
on_project_changed (SecuenciaProject *project,
                    SecuenciaWindow  *self)
{
  schedule_checkpoint (self, CHECKPOINT_DELAY_MS);
}

static gboolean
check_timeout (gpointer user_data)
{
  SecuenciaWindow *self = user_data;

  self->check_source = 0;
  /* While a checkpoint runs its worker holds the connection (through the
   * disk's wait): look again once it is done instead of waiting for it. */
  if (self->checkpoint_cancellable != NULL)
    {
      schedule_check (self);
      return G_SOURCE_REMOVE;
    }
  _secuencia_window_check_file (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_check (SecuenciaWindow *self)
{
  if (self->check_source == 0)
    self->check_source = g_timeout_add (CHECK_DELAY_MS, check_timeout, self);
}

static void
on_folder_changed (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   SecuenciaWindow   *self)
{
  g_autofree char *base = NULL;
  g_autofree char *other_base = NULL;
  g_autofree char *project_base = NULL;

  if (self->project == NULL)
    return;
  project_base = g_path_get_basename (secuencia_project_get_path (self->project));
  base = g_file_get_basename (file);
  other_base = other != NULL ? g_file_get_basename (other) : NULL;

  /* The project file itself (written, deleted, renamed, replaced) or its
   * write-ahead log (every commit of another connection). */
  for (const char *b = base; b != NULL; b = (b == base ? other_base : NULL))
    if (g_str_has_prefix (b, project_base) &&
        (b[strlen (project_base)] == '\0' || g_str_equal (b + strlen (project_base), "-wal")))
      {
        schedule_check (self);
        return;
      }
}

static void
on_is_active (SecuenciaWindow *self,
              GParamSpec      *pspec,
              gpointer         user_data)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    schedule_check (self);
}

void
_secuencia_window_watch_stop (SecuenciaWindow *self)
{
  g_assert (SECUENCIA_IS_WINDOW (self));

  if (self->file_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->file_monitor, on_folder_changed, self);
      g_file_monitor_cancel (self->file_monitor);
      g_clear_object (&self->file_monitor);
    }
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->checkpoint_source, g_source_remove);
  if (self->checkpoint_cancellable != NULL)
    g_cancellable_cancel (self->checkpoint_cancellable);
  g_clear_object (&self->checkpoint_cancellable);
  if (self->changed_handler != 0 && self->watched_project != NULL)
    g_signal_handler_disconnect (self->watched_project, self->changed_handler);
  self->changed_handler = 0;
  g_clear_weak_pointer (&self->watched_project);

  /* A deleted project's connection cannot checkpoint into its unlinked
   * file, so SQLite leaves its -wal and -shm at the path. A file created
   * there later would take that write-ahead log as its own and be
   * damaged: once the connection is closed (the project was replaced in
   * the window), remove them if still nothing is at the path. */
  if (self->watched_path != NULL && self->file_state == SECUENCIA_FILE_GONE &&
      (self->project == NULL || g_strcmp0 (secuencia_project_get_path (self->project), self->watched_path) != 0) &&
      !g_file_test (self->watched_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *wal = g_strconcat (self->watched_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (self->watched_path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
    }
  g_clear_pointer (&self->watched_path, g_free);
  self->file_state = SECUENCIA_FILE_CURRENT;
  if (self->file_banner != NULL)
    update_banner (self);
}

void
_secuencia_window_watch_start (SecuenciaWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;

  g_assert (SECUENCIA_IS_WINDOW (self));

  _secuencia_window_watch_stop (self);
  if (self->project == NULL)
    return;

  path = secuencia_project_get_path (self->project);
  self->watched_path = g_strdup (path);
  if (!stat_file (path, &self->file_dev, &self->file_ino))
    {
      self->file_dev = 0;
      self->file_ino = 0;
    }
  if (!secuencia_project_get_data_version (self->project, &self->data_version, &error))
    {
      g_debug ("%s", error->message);
      g_clear_error (&error);
    }

  g_set_weak_pointer (&self->watched_project, self->project);
  self->changed_handler = g_signal_connect (self->project, "changed",
                                            G_CALLBACK (on_project_changed), self);
  schedule_checkpoint (self, CHECKPOINT_DELAY_MS);

  file = g_file_new_for_path (path);
  folder = g_file_get_parent (file);
  if (folder != NULL)
    self->file_monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES,
                                                   NULL, &error);
  if (self->file_monitor != NULL)
    g_signal_connect (self->file_monitor, "changed", G_CALLBACK (on_folder_changed), self);
  else if (error != NULL)
    /* Changes are still seen when the window becomes active and before
     * every edit. */
    g_debug ("Cannot watch the folder of %s: %s", path, error->message);
}

/* ---- Save As… and Reopen ---- */

static void
save_copy_to (SecuenciaWindow *self,
              GFile           *chosen)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (chosen);
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;

  if (self->project == NULL)
    return;
  if (path == NULL)
    {
      _secuencia_window_show_error (self, _("Could Not Save the Project"),
                                    _("Projects must be saved in a local folder"));
      return;
    }
  if (!g_str_has_suffix (path, ".secuencia"))
    {
      char *with_suffix = g_strconcat (path, ".secuencia", NULL);

      g_free (path);
      path = with_suffix;
    }
  name = g_filename_display_basename (path);

  if (g_strcmp0 (path, secuencia_project_get_path (self->project)) == 0 &&
      self->file_state == SECUENCIA_FILE_REPLACED)
    {
      _secuencia_window_show_error (self, _("Could Not Save the Project"),
                                    _("Choose another name: a different file is now at this one."));
      return;
    }

  if (!secuencia_project_save_copy (self->project, path, &error) ||
      !secuencia_window_open_project (self, path, &error))
    {
      /* Translators: %s is a project file name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      _secuencia_window_show_error (self, heading, error->message);
      return;
    }

  escaped = g_markup_escape_text (name, -1);
  /* Translators: %s is a project file name */
  title = g_strdup_printf (_("Saved as “%s”"), escaped);
  _secuencia_window_toast (self, title);
}

static void
save_as_chosen (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (object);
  g_autoptr(GFile) file = _secuencia_window_destination_finish (self, result,
                                                                _("Could Not Choose Where to Save"));

  if (file != NULL)
    save_copy_to (self, file);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GFile) project_file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;

  if (self->project == NULL || secuencia_window_is_busy (self))
    return;

  if (self->destination_override != NULL)
    {
      g_autoptr(GFile) destination = g_object_ref (self->destination_override);

      save_copy_to (self, destination);
      return;
    }

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Secuencia Projects"));
  gtk_file_filter_add_pattern (filter, "*.secuencia");
  project_file = g_file_new_for_path (secuencia_project_get_path (self->project));
  folder = g_file_get_parent (project_file);
  /* Not where the project is when it cannot be written there. */
  if (folder == NULL || !g_file_query_exists (folder, NULL) ||
      (g_file_peek_path (folder) != NULL && g_access (g_file_peek_path (folder), W_OK) != 0))
    {
      g_clear_object (&folder);
      folder = g_file_new_for_path (g_get_home_dir ());
    }
  /* Translators: the suggested name of a copy of a project */
  name = g_strdup_printf (_("%s (copy).secuencia"), self->project_name);

  self->choosing_destination = TRUE;
  _secuencia_window_update_actions (self);
  secuencia_file_chooser_save_async (GTK_WINDOW (self), _("Save Project As"), _("_Save"),
                                     name, folder, filter, save_as_chosen, NULL);
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->project == NULL || secuencia_window_is_busy (self))
    return;
  path = g_strdup (secuencia_project_get_path (self->project));
  if (!secuencia_window_open_project (self, path, &error))
    _secuencia_window_show_error (self, _("Could Not Open the Project"), error->message);
}

static void
close_response (GObject         *dialog,
                const char      *response,
                SecuenciaWindow *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
}

gboolean
_secuencia_window_confirm_close (SecuenciaWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  gpointer dialog;

  g_assert (SECUENCIA_IS_WINDOW (self));

  if (self->project == NULL || self->close_confirmed)
    return FALSE;
  check_identity (self);
  if (self->file_state == SECUENCIA_FILE_CURRENT)
    return FALSE;

  name = g_filename_display_basename (secuencia_project_get_path (self->project));
  if (self->file_state == SECUENCIA_FILE_GONE)
    /* Translators: %s is a project file name */
    body = g_strdup_printf (_("“%s” was deleted or moved by another program. If you close this "
                              "window, the project open here is lost."), name);
  else
    /* Translators: %s is a project file name */
    body = g_strdup_printf (_("“%s” was replaced by another program. If you close this window, "
                              "the version open here is lost; the new file stays."), name);
  dialog = secuencia_alert_question_new (GTK_WINDOW (self), _("Save the Project Before Closing?"), body,
                                         "save", "cancel", "discard", "save",
                                         "cancel", _("_Cancel"),
                                         "discard", _("_Close Without Saving"),
                                         "save", _("_Save As…"),
                                         NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response), self, G_CONNECT_DEFAULT);
  g_free (self->last_message);
  self->last_message = g_strdup (body);
  secuencia_alert_present (dialog, GTK_WINDOW (self));
  return TRUE;
}

/* The banner under the header bar (libadwaita 1.2 has no AdwBanner). */
static GtkRevealer *
build_banner (SecuenciaWindow *self)
{
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *save = secuencia_a11y_button_new_with_mnemonic (_("_Save As…"));
  GtkWidget *reopen = secuencia_a11y_button_new_with_mnemonic (_("_Open the New File"));

  gtk_widget_add_css_class (box, "file-banner");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The project file changed on disk"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "win.save-as");
  gtk_widget_set_tooltip_text (save, _("Save the project open here as a new file"));
  gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reopen), "win.reopen");
  gtk_widget_set_tooltip_text (reopen, _("Close the version open here and open the file now on disk"));
  gtk_widget_set_valign (reopen, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), reopen);
  gtk_box_append (GTK_BOX (box), save);
  gtk_revealer_set_child (GTK_REVEALER (revealer), box);
  gtk_widget_set_visible (revealer, FALSE);

  self->file_banner_label = GTK_LABEL (label);
  self->file_banner_reopen = reopen;
  return GTK_REVEALER (revealer);
}

void
_secuencia_window_watch_init (SecuenciaWindow *self)
{
  GtkWidget *header = gtk_widget_get_ancestor (GTK_WIDGET (self->window_title), ADW_TYPE_HEADER_BAR);

  self->file_banner = build_banner (self);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (header)),
                              GTK_WIDGET (self->file_banner), header);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active), NULL);
}

void
_secuencia_window_class_watch_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.reopen", NULL, reopen_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
}
