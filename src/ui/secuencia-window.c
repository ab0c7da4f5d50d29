/* secuencia-window.c: the project window: open a project, show its
 * screenplay and timeline. The actions live in secuencia-window-actions.c,
 * the export flow in secuencia-window-export.c, drag and drop in
 * secuencia-window-dnd.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-alert.h"
#include "secuencia-demo.h"
#include "secuencia-element-item.h"
#include "secuencia-export-panel.h"
#include "secuencia-recent.h"
#include "secuencia-tab-stop.h"
#include "secuencia-window-private.h"
#include "secuencia-resources.h"

G_DEFINE_FINAL_TYPE (SecuenciaWindow, secuencia_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_EXPORTING,
  N_PROPS
};

enum {
  SIGNAL_EXPORT_DIALOG_REQUESTED,
  SIGNAL_EXPORT_FINISHED,
  SIGNAL_IMPORT_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_secuencia_window_emit_export_dialog_requested (SecuenciaWindow *self)
{
  g_signal_emit (self, signals[SIGNAL_EXPORT_DIALOG_REQUESTED], 0);
}

void
_secuencia_window_emit_export_finished (SecuenciaWindow *self,
                                        gboolean         success)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORTING]);
  g_signal_emit (self, signals[SIGNAL_EXPORT_FINISHED], 0, success);
}

void
_secuencia_window_emit_import_finished (SecuenciaWindow *self,
                                        guint            n_imported)
{
  g_signal_emit (self, signals[SIGNAL_IMPORT_FINISHED], 0, n_imported);
}

/* ---- messages ---- */

AdwToast *
_secuencia_window_toast (SecuenciaWindow *self,
                         const char      *title)
{
  AdwToast *toast;

  g_assert (SECUENCIA_IS_WINDOW (self));

  g_free (self->last_message);
  self->last_message = g_strdup (title);
  toast = adw_toast_new (title);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return toast;
}

void
_secuencia_window_show_error (SecuenciaWindow *self,
                              const char      *heading,
                              const char      *body)
{
  g_assert (SECUENCIA_IS_WINDOW (self));

  g_free (self->last_message);
  self->last_message = g_strdup (body);

  secuencia_alert_show (GTK_WINDOW (self), heading, body);
}

/* ---- the screenplay and the timeline ----
 *
 * Both lists are GtkListViews over GListStores of small items: only the
 * rows on screen have widgets, so the cost of a frame does not grow with
 * the length of the screenplay. A reload replaces the whole store in one
 * splice (one items-changed). */

typedef struct
{
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *duration;
  GtkWidget *up;
  GtkWidget *down;
  GtkWidget *remove;
  GtkWidget *takes;
} ElementRow;

static void
on_row_button_clicked (GtkButton   *button,
                       GtkListItem *list_item)
{
  const char *action_name = g_object_get_data (G_OBJECT (button), "action-name");
  SecuenciaElementItem *item = gtk_list_item_get_item (list_item);

  /* Not GtkActionable: the click activates the action, which does nothing
   * while it is disabled (during an export). */
  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (button), action_name, "x",
                                secuencia_element_item_get_id (item));
}

/* A row button's tooltip, given when asked: gtk_widget_set_tooltip_text()
 * asks the display where the pointer is (round trips to the X server) for
 * every button, and the list builds its rows by the hundred. */
static gboolean
on_row_button_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard,
                             GtkTooltip *tooltip,
                             gpointer    label)
{
  gtk_tooltip_set_text (tooltip, label);
  return TRUE;
}

/* The whole line, when the row shows only its beginning. */
static gboolean
on_subtitle_query_tooltip (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip,
                           gpointer    user_data)
{
  GtkLabel *label = GTK_LABEL (widget);

  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_label (label));
  return TRUE;
}

static GtkWidget *
make_icon_button (GtkListItem *list_item,
                  const char  *icon_name,
                  const char  *label,
                  const char  *action_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_connect (button, "query-tooltip", G_CALLBACK (on_row_button_query_tooltip), (gpointer) label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "action-name", (gpointer) action_name);
  g_signal_connect (button, "clicked", G_CALLBACK (on_row_button_clicked), list_item);
  return button;
}

static void
element_item_setup (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  ElementRow *row = g_new0 (ElementRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (box, "element-row");

  row->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (row->title), PANGO_ELLIPSIZE_END);
  /* One line: GTK 4.8 lays a wrapped label out again for every width it
   * is measured at, and the list builds its rows by the hundred; a line
   * cut short shows the whole of it as its tooltip. */
  row->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->subtitle), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (row->subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_set_has_tooltip (row->subtitle, TRUE);
  g_signal_connect (row->subtitle, "query-tooltip", G_CALLBACK (on_subtitle_query_tooltip), NULL);
  gtk_widget_add_css_class (row->subtitle, "dim-label");
  gtk_widget_add_css_class (row->subtitle, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (labels), row->title);
  gtk_box_append (GTK_BOX (labels), row->subtitle);
  gtk_box_append (GTK_BOX (box), labels);

  row->duration = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->duration, "dim-label");
  gtk_widget_add_css_class (row->duration, "numeric");
  gtk_widget_set_margin_end (row->duration, 6);
  gtk_box_append (GTK_BOX (box), row->duration);

  row->up = make_icon_button (list_item, "go-up-symbolic", _("Move Up"), "win.move-up");
  row->down = make_icon_button (list_item, "go-down-symbolic", _("Move Down"), "win.move-down");
  row->remove = make_icon_button (list_item, "user-trash-symbolic", _("Remove Line"), "win.remove-element");
  row->takes = make_icon_button (list_item, "document-open-recent-symbolic", _("Takes"), "win.takes");
  gtk_box_append (GTK_BOX (box), row->takes);
  gtk_box_append (GTK_BOX (box), row->up);
  gtk_box_append (GTK_BOX (box), row->down);
  gtk_box_append (GTK_BOX (box), row->remove);

  g_object_set_data_full (G_OBJECT (box), "element-row", row, g_free);
  _secuencia_window_takes_setup_row (list_item, box);
  gtk_list_item_set_child (list_item, box);
}

static void
element_item_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  SecuenciaWindow *self = user_data;
  SecuenciaElementItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  ElementRow *row = g_object_get_data (G_OBJECT (box), "element-row");
  g_autofree char *character = secuencia_element_item_dup_title (item);
  const char *text = secuencia_element_item_get_text (item);
  guint position = gtk_list_item_get_position (list_item);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->elements_model));
  g_autofree char *time = NULL;
  g_autofree char *accessible = NULL;

  if (*character != '\0')
    {
      gtk_label_set_use_markup (GTK_LABEL (row->title), FALSE);
      gtk_label_set_label (GTK_LABEL (row->title), character);
    }
  else
    {
      g_autofree char *markup = g_markup_printf_escaped ("<i>%s</i>", _("No character"));

      gtk_label_set_markup (GTK_LABEL (row->title), markup);
    }
  gtk_label_set_label (GTK_LABEL (row->subtitle), text);
  /* dual dialogue: indented under the line it is spoken with */
  gtk_widget_set_margin_start (gtk_widget_get_first_child (box), secuencia_element_item_is_dual (item) ? 24 : 0);

  if (secuencia_element_item_has_audio (item))
    {
      g_autofree char *duration = secuencia_time_format (secuencia_element_item_get_duration (item));

      /* Translators: the length of a line's generated scratch voice */
      time = secuencia_element_item_is_scratch (item) ? g_strdup_printf (_("%s, scratch"), duration)
                                                      : g_steal_pointer (&duration);
    }
  else if (secuencia_element_item_get_kind (item) == SECUENCIA_ELEMENT_SCENE)
    time = g_strdup ("");   /* a heading is not spoken */
  else
    time = g_strdup (_("No audio"));
  gtk_label_set_label (GTK_LABEL (row->duration), time);

  /* Nothing to do for the first line up and the last line down; nothing
   * at all in a read-only project. */
  gtk_widget_set_sensitive (row->up, position > 0);
  gtk_widget_set_sensitive (row->down, position + 1 < n);
  /* a heading is not spoken: no takes (a read-only project's are shown, not changed) */
  gtk_widget_set_visible (row->takes, secuencia_element_item_get_kind (item) != SECUENCIA_ELEMENT_SCENE);
  gtk_widget_set_visible (row->up, !_secuencia_window_is_read_only (self));
  gtk_widget_set_visible (row->down, !_secuencia_window_is_read_only (self));
  gtk_widget_set_visible (row->remove, !_secuencia_window_is_read_only (self));

  /* Translators: how a screen reader announces a line: character, text, duration */
  accessible = g_strdup_printf (_("%s: %s, %s"),
                                *character != '\0' ? character : _("No character"),
                                text, time);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
#if GTK_CHECK_VERSION (4, 12, 0)
  /* The row a screen reader lands on, not only its content. */
  gtk_list_item_set_accessible_label (list_item, accessible);
#endif
}

gboolean
_secuencia_window_find_element (SecuenciaWindow *self,
                                gint64           id,
                                gint64          *out_id,
                                guint           *out_position)
{
  GListModel *model = G_LIST_MODEL (self->elements_model);
  guint n = g_list_model_get_n_items (model);

  g_assert (SECUENCIA_IS_WINDOW (self));

  if (id < 0)
    {
      guint selected = gtk_single_selection_get_selected (self->elements_selection);
      g_autoptr(SecuenciaElementItem) item = NULL;

      if (selected == GTK_INVALID_LIST_POSITION || selected >= n)
        return FALSE;
      item = g_list_model_get_item (model, selected);
      *out_id = secuencia_element_item_get_id (item);
      *out_position = selected;
      return TRUE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SecuenciaElementItem) item = g_list_model_get_item (model, i);

      if (secuencia_element_item_get_id (item) == id)
        {
          *out_id = id;
          *out_position = i;
          return TRUE;
        }
    }
  return FALSE;
}

void
_secuencia_window_select_element (SecuenciaWindow *self,
                                  guint            position)
{
  g_assert (SECUENCIA_IS_WINDOW (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->elements_model)))
    return;
  gtk_single_selection_set_selected (self->elements_selection, position);
  /* Scrolls the row into view and focuses it (GtkListBase's action). */
  gtk_widget_activate_action (GTK_WIDGET (self->elements_view), "list.scroll-to-item",
                              "u", position);
}

void
_secuencia_window_reload_elements (SecuenciaWindow *self)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gint64 selected_id = 0;
  guint selected_position = GTK_INVALID_LIST_POSITION;
  guint position;

  g_assert (SECUENCIA_IS_WINDOW (self));

  if (_secuencia_window_find_element (self, -1, &selected_id, &position))
    gtk_single_selection_set_selected (self->elements_selection, GTK_INVALID_LIST_POSITION);

  if (self->project != NULL)
    {
      elements = secuencia_project_list_elements (self->project, &error);
      if (elements == NULL)
        _secuencia_window_show_error (self, _("Could Not Read the Screenplay"), error->message);
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  self->n_audio_elements = 0;
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    {
      const SecuenciaElementInfo *info = g_ptr_array_index (elements, i);
      SecuenciaElementItem *item = secuencia_element_item_new (info);

      if (selected_id > 0 && info->id == selected_id)
        selected_position = i;
      if (secuencia_element_item_has_audio (item))
        self->n_audio_elements++;
      g_ptr_array_add (items, item);
    }

  g_list_store_splice (self->elements_model, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->elements_model)),
                       items->pdata, items->len);
  self->n_elements = items->len;
  gtk_stack_set_visible_child_name (self->elements_stack, items->len > 0 ? "list" : "empty");
  if (selected_position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->elements_selection, selected_position);

  _secuencia_window_update_actions (self);
}

/* ---- opening ---- */

/* The verdict of the page check that runs after the project is shown
 * (SECUENCIA_PROJECT_OPEN_CHECK_IN_BACKGROUND): a corrupt file is said to
 * be so at once; no edit is written into it (each says why it failed). */
static void
integrity_checked (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SecuenciaWindow *self = user_data;   /* alive unless cancelled: disposal cancels */
  g_autoptr(GError) error = NULL;

  if (secuencia_project_check_integrity_finish (result, &error)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  _secuencia_window_show_error (self, _("The Project Is Damaged"), error->message);
}

gboolean
secuencia_window_open_project (SecuenciaWindow  *self,
                               const char       *path,
                               GError          **error)
{
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *absolute = NULL;
  GtkWidget *child;

  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->exporting || self->imports_running > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("Cannot open “%s” while this window is busy exporting or importing"), path);
      return FALSE;
    }

  file = g_file_new_for_commandline_arg (path);
  absolute = g_file_get_path (file);
  /* Read-only when it cannot be written (secuencia-window-readonly.c). */
  project = _secuencia_window_readonly_open (absolute != NULL ? absolute : path, error);
  if (project == NULL)
    return FALSE;

  g_set_object (&self->project, project);
  _secuencia_window_watch_start (self);
  _secuencia_window_readonly_update (self);
  g_free (self->project_name);
  self->project_name = secuencia_project_dup_name (project);
  self->export_timeline_id = 0;
  self->own_timeline_id = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), FALSE);
  self->result_row = NULL;

  adw_window_title_set_title (self->window_title, self->project_name);
  subtitle = g_file_get_parse_name (file);
  {
    const char *home = g_get_home_dir ();
    if (g_str_has_prefix (subtitle, home) && subtitle[strlen (home)] == '/')
      {
        char *shortened = g_strconcat ("~", subtitle + strlen (home), NULL);
        g_free (subtitle);
        subtitle = shortened;
      }
  }
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), self->project_name);

  _secuencia_window_playback_set_project (self);
  _secuencia_window_reload_elements (self);
  _secuencia_window_timeline_open (self);
  _secuencia_window_peaks_open (self);
  gtk_stack_set_visible_child_name (self->stack, "project");
  secuencia_recent_remember (self->settings, secuencia_project_get_path (project));
  _secuencia_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  /* Another project's verdict is not this one's. */
  g_cancellable_cancel (self->integrity_cancellable);
  g_set_object (&self->integrity_cancellable, g_cancellable_new ());
  secuencia_project_check_integrity_async (project, self->integrity_cancellable, integrity_checked, self);

  return TRUE;
}

static void
demo_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SecuenciaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  self->loading_demo = FALSE;
  if (self->disposed)
    return;
  gtk_spinner_stop (self->loading_spinner);

  path = secuencia_demo_ensure_finish (result, &error);
  if (path == NULL || !secuencia_window_open_project (self, path, &error))
    {
      gtk_stack_set_visible_child_name (self->stack, self->project ? "project" : "empty");
      _secuencia_window_show_error (self, _("Could Not Open the Demo Project"), error->message);
    }
  _secuencia_window_update_actions (self);
}

void
secuencia_window_open_demo (SecuenciaWindow *self)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SECUENCIA_IS_WINDOW (self));

  if (self->loading_demo)
    return;
  self->loading_demo = TRUE;
  path = secuencia_demo_get_default_path ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->loading_spinner);
  _secuencia_window_update_actions (self);
  secuencia_demo_ensure_async (path, self->cancellable, demo_ready, g_object_ref (self));
}

/* ---- accessors ---- */

SecuenciaProject *
secuencia_window_get_project (SecuenciaWindow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), NULL);
  return self->project;
}

gboolean
secuencia_window_is_exporting (SecuenciaWindow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), FALSE);
  return self->exporting;
}

gboolean
secuencia_window_is_busy (SecuenciaWindow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), FALSE);
  return self->exporting || self->choosing_destination ||
         self->imports_running > 0 || self->loading_demo;
}

void
secuencia_window_set_export_destination_override (SecuenciaWindow *self,
                                                  GFile           *destination)
{
  g_return_if_fail (SECUENCIA_IS_WINDOW (self));
  g_return_if_fail (!destination || G_IS_FILE (destination));
  g_set_object (&self->destination_override, destination);
}

SecuenciaExportPanel *
secuencia_window_get_export_panel (SecuenciaWindow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), NULL);
  return self->export_panel;
}

GtkWidget *
secuencia_window_get_result_row (SecuenciaWindow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), NULL);
  return self->result_row;
}

const char *
secuencia_window_get_last_message (SecuenciaWindow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), NULL);
  return self->last_message;
}

gint64
secuencia_window_get_export_timeline_id (SecuenciaWindow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), 0);
  return self->export_timeline_id;
}

guint
secuencia_window_get_n_elements (SecuenciaWindow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), 0);
  return self->n_elements;
}

guint
secuencia_window_get_n_clips (SecuenciaWindow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), 0);
  return self->timeline != NULL ? secuencia_timeline_get_n_clips (self->timeline) : 0;
}

SecuenciaTimelineView *
secuencia_window_get_timeline_view (SecuenciaWindow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), NULL);
  return self->timeline_view;
}

/* ---- lifecycle ---- */

static gboolean
secuencia_window_close_request (GtkWindow *window)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  /* The project file went away or was replaced: the version open here
   * would be lost; ask first (secuencia-window-watch.c). */
  if (!self->exporting && _secuencia_window_confirm_close (self))
    return TRUE;

  if (self->exporting)
    {
      /* Cancel, hide, and destroy once the worker has torn the pipeline
       * down and removed its temp files (secuencia-window-export.c). */
      self->close_after_export = TRUE;
      _secuencia_window_cancel_export (self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (secuencia_window_parent_class)->close_request (window);
}

SecuenciaWindow *
secuencia_window_new (GtkApplication *application)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  return g_object_new (SECUENCIA_TYPE_WINDOW, "application", application, NULL);
}

static void
secuencia_window_dispose (GObject *object)
{
  SecuenciaWindow *self = (SecuenciaWindow *)object;

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->integrity_cancellable);
  g_clear_object (&self->integrity_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);

  if (self->inhibit_cookie != 0)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (app != NULL)
        gtk_application_uninhibit (app, self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }

  _secuencia_window_playback_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SECUENCIA_TYPE_WINDOW);
  self->file_banner = NULL;
  self->readonly_banner = NULL;
  self->result_row = NULL;

  _secuencia_window_peaks_close (self);
  g_clear_object (&self->project);
  _secuencia_window_watch_stop (self);
  g_clear_object (&self->progress);
  g_clear_object (&self->export_destination);
  g_clear_pointer (&self->export_parts, g_ptr_array_unref);
  g_clear_object (&self->destination_override);
  g_clear_handle_id (&self->show_clips_idle, g_source_remove);
  g_clear_object (&self->timeline);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->timelines_menu);
  g_clear_object (&self->elements_model);
  g_clear_object (&self->elements_selection);
  g_clear_object (&self->recent_menu);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (secuencia_window_parent_class)->dispose (object);
}

static void
secuencia_window_finalize (GObject *object)
{
  SecuenciaWindow *self = (SecuenciaWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->import_cancellable);
  g_free (self->project_name);
  g_free (self->last_message);

  G_OBJECT_CLASS (secuencia_window_parent_class)->finalize (object);
}

static void
secuencia_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_EXPORTING:
      g_value_set_boolean (value, self->exporting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_window_class_init (SecuenciaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = secuencia_window_dispose;
  object_class->finalize = secuencia_window_finalize;
  object_class->get_property = secuencia_window_get_property;
  window_class->close_request = secuencia_window_close_request;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, SECUENCIA_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPORTING] =
    g_param_spec_boolean ("exporting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SecuenciaWindow::export-dialog-requested:
   *
   * Emitted when win.export is about to present the save dialog (or to take
   * the test override in its place), before anything is built or read.
   */
  signals[SIGNAL_EXPORT_DIALOG_REQUESTED] =
    g_signal_new ("export-dialog-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SecuenciaWindow::export-finished:
   * @success: whether the file was written
   *
   * Emitted after an export ends (written, failed or cancelled) and the
   * window shows the outcome.
   */
  signals[SIGNAL_EXPORT_FINISHED] =
    g_signal_new ("export-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[SIGNAL_IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /* The GResource is compiled into the static library; referencing it
   * makes the linker keep it (its constructor registers it). */
  if (secuencia_get_resource () == NULL)
    g_critical ("The Secuencia GResource is missing");
  g_type_ensure (SECUENCIA_TYPE_EXPORT_PANEL);
  g_type_ensure (SECUENCIA_TYPE_TAB_STOP);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/secuencia-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, export_panel);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, results_list);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, elements_stack);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, elements_view);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, timeline_box);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, recent_submenu);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, recent_list);

  _secuencia_window_class_actions_init (widget_class);
  _secuencia_window_class_script_init (widget_class);
  _secuencia_window_class_export_init (widget_class);
  _secuencia_window_class_watch_init (widget_class);
  _secuencia_window_class_files_init (widget_class);
  _secuencia_window_class_timeline_init (widget_class);
  _secuencia_window_class_playback_init (widget_class);
  _secuencia_window_class_takes_init (widget_class);
}

static void
secuencia_window_init (SecuenciaWindow *self)
{
  g_autoptr(GtkListItemFactory) element_factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  _secuencia_window_script_init (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->elements_model = g_list_store_new (SECUENCIA_TYPE_ELEMENT_ITEM);
  self->elements_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->elements_model)));
  gtk_single_selection_set_autoselect (self->elements_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->elements_selection, TRUE);
  element_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (element_factory, "setup", G_CALLBACK (element_item_setup), NULL);
  g_signal_connect (element_factory, "bind", G_CALLBACK (element_item_bind), self);
  gtk_list_view_set_model (self->elements_view, GTK_SELECTION_MODEL (self->elements_selection));
  gtk_list_view_set_factory (self->elements_view, element_factory);

  _secuencia_window_timeline_init (self);
  _secuencia_window_script_undo_init (self);

  _secuencia_window_recent_init (self);

  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_stack_set_visible_child_name (self->elements_stack, "empty");
  _secuencia_window_reload_clips (self, 0);
  _secuencia_window_dnd_init (self);
  _secuencia_window_export_init (self);
  _secuencia_window_watch_init (self);
  _secuencia_window_readonly_init (self);
  _secuencia_window_playback_init (self);
  _secuencia_window_takes_init (self);
  _secuencia_window_update_actions (self);
}
