/* secuencia-window-readonly.c: a project the person cannot write — on
 * read-only media, in someone else's folder, in a mounted archive, or a
 * read-only file — opens read-only instead of not at all.
 *
 * A banner under the header bar says so and why, and offers Save a Copy…
 * (win.save-as: SQLite's backup API writes the open database to a new
 * file, which then opens for editing). Every editing action is off (the
 * window's actions check _secuencia_window_is_read_only(); the timeline
 * view only selects, scrolls and moves the playhead; the screenplay rows
 * have no edit buttons; dropped audio and scripts are refused with a
 * toast). Playing and exporting work, and write nothing into the project:
 * the timeline shown is either a stored one (exported by its id, as is:
 * it cannot be edited here) or, when the project has none, the screenplay
 * laid out in memory, which the export worker lays out again itself from
 * the same lines and gap (timeline id 0). Nothing is created beside the
 * file (the store opens it so: secuencia-project-access.c).
 *
 * A file read as SQLite's "immutable" (no log lay beside it) shows no
 * change someone who can write it makes later; when the file watch sees
 * the file's size or time change, or a -wal appear, the project is opened
 * again. */

#include "config.h"

#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "secuencia-a11y.h"
#include "secuencia-screenplay-converter.h"
#include "secuencia-window-private.h"

SecuenciaProject *
_secuencia_window_readonly_open (const char  *path,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;
  SecuenciaProject *project;

  /* The check of every page reads all the audio: it runs while the
   * window shows the project, and no edit is written before it passes
   * (secuencia_window_open_project() reports its verdict). */
  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CHECK_IN_BACKGROUND, &local_error);
  if (project != NULL)
    return project;
  reason = g_error_matches (local_error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_READ_ONLY)
           ? secuencia_project_dup_read_only_reason (path) : NULL;
  if (reason == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_debug ("Opening %s read-only: %s", path, reason);
  return secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_READ_ONLY | SECUENCIA_PROJECT_OPEN_CHECK_IN_BACKGROUND,
                                 error);
}

gboolean
_secuencia_window_is_read_only (SecuenciaWindow *self)
{
  return self->project != NULL && secuencia_project_is_read_only (self->project);
}

static char *
banner_text (SecuenciaWindow *self)
{
  g_autofree char *reason = secuencia_project_dup_read_only_reason (secuencia_project_get_path (self->project));

  if (reason == NULL)
    return g_strdup (_("This project is read-only. You can play and export it; to change it, save a copy."));
  /* Translators: %s says why, e.g. “it is on a read-only file system” */
  return g_strdup_printf (_("This project is read-only: %s. You can play and export it; to change it, save a copy."),
                          reason);
}

/* The file's size and modification time (ns); FALSE when it is gone. */
static gboolean
stat_file (const char *path,
           gint64     *out_mtime_ns,
           gint64     *out_size)
{
  struct stat st;

  if (stat (path, &st) != 0)
    return FALSE;
  *out_mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
  *out_size = (gint64) st.st_size;
  return TRUE;
}

gboolean
_secuencia_window_readonly_reopen_if_changed (SecuenciaWindow *self)
{
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mtime_ns, size;

  g_assert (SECUENCIA_IS_WINDOW (self));

  if (!_secuencia_window_is_read_only (self) || !secuencia_project_is_immutable (self->project) ||
      secuencia_window_is_busy (self))
    return FALSE;
  path = g_strdup (secuencia_project_get_path (self->project));
  wal = g_strconcat (path, "-wal", NULL);
  if (!stat_file (path, &mtime_ns, &size))
    return FALSE;   /* gone: the watch says so */
  if (mtime_ns == self->readonly_mtime_ns && size == self->readonly_size &&
      !g_file_test (wal, G_FILE_TEST_EXISTS))
    return FALSE;
  g_debug ("%s changed on disk; opening it again", path);
  if (!secuencia_window_open_project (self, path, &error))
    _secuencia_window_show_error (self, _("Could Not Open the Project"), error->message);
  return TRUE;
}

void
_secuencia_window_readonly_update (SecuenciaWindow *self)
{
  gboolean read_only = _secuencia_window_is_read_only (self);
  g_autofree char *text = read_only ? banner_text (self) : NULL;

  g_assert (SECUENCIA_IS_WINDOW (self));

  self->readonly_mtime_ns = self->readonly_size = -1;
  if (read_only && secuencia_project_is_immutable (self->project))
    stat_file (secuencia_project_get_path (self->project), &self->readonly_mtime_ns, &self->readonly_size);

  secuencia_timeline_view_set_editable (self->timeline_view, !read_only);
  if (self->readonly_banner == NULL)
    return;
#if ADW_CHECK_VERSION (1, 3, 0)
  if (text != NULL)
    {
      g_autofree char *markup = g_markup_escape_text (text, -1);

      adw_banner_set_title (ADW_BANNER (self->readonly_banner), markup);
    }
  adw_banner_set_revealed (ADW_BANNER (self->readonly_banner), read_only);
#else
  if (text != NULL)
    gtk_label_set_label (self->readonly_label, text);
  gtk_widget_set_visible (self->readonly_banner, read_only);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->readonly_banner), read_only);
#endif
}

gboolean
_secuencia_window_readonly_refuse (SecuenciaWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;

  if (!_secuencia_window_is_read_only (self))
    return FALSE;
  name = g_filename_display_basename (secuencia_project_get_path (self->project));
  escaped = g_markup_escape_text (name, -1);
  /* Translators: %s is a project file name */
  title = g_strdup_printf (_("Nothing was changed: “%s” is read-only. Save a copy to change it."), escaped);
  _secuencia_window_toast (self, title);
  return TRUE;
}

SecuenciaTimeline *
_secuencia_window_readonly_layout (SecuenciaWindow *self)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GError) error = NULL;
  SecuenciaTimeline *timeline;
  SecuenciaTime gap = (SecuenciaTime) g_settings_get_uint (self->settings, "clip-gap-ms") * SECUENCIA_TIME_MSECOND;

  if (self->project == NULL)
    return NULL;
  elements = secuencia_project_list_elements (self->project, &error);
  if (elements == NULL)
    {
      g_debug ("%s", error->message);
      return NULL;
    }
  /* The name the export worker gives it. */
  timeline = secuencia_screenplay_build_timeline (elements, _("Screenplay"), gap,
                                                  NULL, NULL, 1.0, NULL, &error);
  if (timeline == NULL && !g_error_matches (error, SECUENCIA_CONVERTER_ERROR, SECUENCIA_CONVERTER_ERROR_NO_AUDIO))
    g_debug ("%s", error->message);
  return timeline;
}

void
_secuencia_window_readonly_init (SecuenciaWindow *self)
{
  GtkWidget *header = gtk_widget_get_ancestor (GTK_WIDGET (self->window_title), ADW_TYPE_HEADER_BAR);
  GtkWidget *after = self->file_banner != NULL ? GTK_WIDGET (self->file_banner) : header;
  const char *tooltip = _("Save a copy of this project where you can write, and open it for editing");

#if ADW_CHECK_VERSION (1, 3, 0)
  self->readonly_banner = adw_banner_new ("");
  adw_banner_set_button_label (ADW_BANNER (self->readonly_banner), _("Save a _Copy…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->readonly_banner), "win.save-as");
  gtk_widget_set_tooltip_text (self->readonly_banner, tooltip);
#else
  {
    /* libadwaita 1.2 has no AdwBanner: a revealer like the file banner. */
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *label = gtk_label_new (NULL);
    GtkWidget *save = secuencia_a11y_button_new_with_mnemonic (_("Save a _Copy…"));

    gtk_widget_add_css_class (box, "readonly-banner");
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (label), 0.0);
    gtk_widget_set_hexpand (label, TRUE);
    gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("This project is read-only"), -1);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "win.save-as");
    gtk_widget_set_tooltip_text (save, tooltip);
    gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
    gtk_box_append (GTK_BOX (box), label);
    gtk_box_append (GTK_BOX (box), save);
    self->readonly_banner = gtk_revealer_new ();
    gtk_revealer_set_child (GTK_REVEALER (self->readonly_banner), box);
    gtk_widget_set_visible (self->readonly_banner, FALSE);
    self->readonly_label = GTK_LABEL (label);
  }
#endif
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (after)), self->readonly_banner, after);
}
