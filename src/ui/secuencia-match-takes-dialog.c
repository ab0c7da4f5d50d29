/* secuencia-match-takes-dialog.c: see the header. */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-match-takes-dialog.h"
#include "secuencia-sheet.h"

/* Rows listed for unmatched lines; the rest are counted. */
#define MAX_LINES_LISTED 200

struct _SecuenciaMatchTakesDialog
{
  AdwBin                parent_instance;

  GFile                *folder;
  SecuenciaTakeMatches *matches;
  GPtrArray            *elements;
  GPtrArray            *checks;        /* GtkCheckButton*, one per match */
  GtkWidget            *apply_button;
  gboolean              syncing;
};

G_DEFINE_FINAL_TYPE (SecuenciaMatchTakesDialog, secuencia_match_takes_dialog, ADW_TYPE_BIN)

enum { SIGNAL_APPLY, N_SIGNALS };
static guint signals[N_SIGNALS];

static const SecuenciaElementInfo *
find_line (SecuenciaMatchTakesDialog *self,
           gint64                     id)
{
  for (guint i = 0; i < self->elements->len; i++)
    if (((SecuenciaElementInfo *) self->elements->pdata[i])->id == id)
      return self->elements->pdata[i];
  return NULL;
}

static char *
describe_line (const SecuenciaElementInfo *line)
{
  if (line == NULL)
    return g_strdup ("");
  if (line->character[0] == '\0')
    return g_strdup (line->text);
  /* Translators: a screenplay line: character, text */
  return g_strdup_printf (_("%s: %s"), line->character, line->text);
}

static guint
count_chosen (SecuenciaMatchTakesDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < self->checks->len; i++)
    n += gtk_check_button_get_active (self->checks->pdata[i]);
  return n;
}

static void
update_apply (SecuenciaMatchTakesDialog *self)
{
  guint n = count_chosen (self);
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("Replace Takes"));
  else
    /* Translators: the button that applies Match Takes */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Replace %u Take", "_Replace %u Takes", n), n);
  gtk_button_set_label (GTK_BUTTON (self->apply_button), label);
  gtk_widget_set_sensitive (self->apply_button, n > 0);
}

static void
on_toggled (GtkCheckButton            *check,
            SecuenciaMatchTakesDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "match-index"));
  const SecuenciaTakeMatch *match = self->matches->matches->pdata[index];

  /* One take per line: choosing a file leaves out the line's others. */
  if (!self->syncing && gtk_check_button_get_active (check))
    {
      self->syncing = TRUE;
      for (guint i = 0; i < self->checks->len; i++)
        {
          const SecuenciaTakeMatch *other = self->matches->matches->pdata[i];
          if (i != index && other->element_id == match->element_id)
            gtk_check_button_set_active (self->checks->pdata[i], FALSE);
        }
      self->syncing = FALSE;
    }
  update_apply (self);
}

static GtkWidget *
group (const char *title,
       const char *description)
{
  GtkWidget *widget = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (widget), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (widget), description);
  return widget;
}

static GtkWidget *
plain_row (const char *title,
           const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title_markup = g_markup_escape_text (title, -1);
  g_autofree char *subtitle_markup = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_markup);
  return row;
}

static void
on_cancel (GtkButton                 *button,
           SecuenciaMatchTakesDialog *self)
{
  secuencia_sheet_close (GTK_WIDGET (self));
}

static void
on_apply (GtkButton                 *button,
          SecuenciaMatchTakesDialog *self)
{
  secuencia_match_takes_dialog_apply (self);
}

void
secuencia_match_takes_dialog_apply (SecuenciaMatchTakesDialog *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (SECUENCIA_IS_MATCH_TAKES_DIALOG (self));

  for (guint i = 0; i < self->checks->len; i++)
    {
      const SecuenciaTakeMatch *match = self->matches->matches->pdata[i];

      if (!gtk_check_button_get_active (self->checks->pdata[i]))
        continue;
      g_ptr_array_add (files, g_file_get_child (self->folder, match->file_name));
      g_array_append_val (lines, match->element_id);
    }
  if (files->len == 0)
    return;
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_APPLY], 0, files, lines);
  secuencia_sheet_close (GTK_WIDGET (self));
  g_object_unref (self);
}

static void
build (SecuenciaMatchTakesDialog *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *summary;
  g_autofree char *folder_name = g_file_get_basename (self->folder);
  g_autofree char *summary_text = NULL;
  SecuenciaTakeMatches *m = self->matches;
  guint n_files = m->matches->len + m->unmatched_files->len;

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cancel: change nothing"), -1);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->apply_button = gtk_button_new_with_mnemonic (_("Replace Takes"));
  gtk_button_set_use_underline (GTK_BUTTON (self->apply_button), TRUE);
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->apply_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Give the checked lines these recordings; their takes so far are kept"), -1);
  g_signal_connect (self->apply_button, "clicked", G_CALLBACK (on_apply), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->apply_button);
  gtk_box_append (GTK_BOX (outer), header);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* Translators: Match Takes: audio files, folder, files that match a line */
  summary_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u recording in “%s”, %u matches a line. Nothing changes until you replace the takes; the takes the lines have now are kept.",
                                               "%u recordings in “%s”, %u match a line. Nothing changes until you replace the takes; the takes the lines have now are kept.",
                                               n_files),
                                  n_files, folder_name, m->matches->len);
  summary = gtk_label_new (summary_text);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (summary), 0.0);
  gtk_box_append (GTK_BOX (box), summary);

  if (m->matches->len > 0)
    {
      GtkWidget *matches = group (_("Matches"), _("Uncheck a recording to leave its line as it is"));

      for (guint i = 0; i < m->matches->len; i++)
        {
          const SecuenciaTakeMatch *match = m->matches->pdata[i];
          g_autofree char *line = describe_line (find_line (self, match->element_id));
          g_autofree char *subtitle = match->duplicate
            /* Translators: a match whose line has another recording chosen */
            ? g_strdup_printf (_("→ %s (another recording of this line is chosen)"), line)
            : g_strdup_printf ("→ %s", line);
          g_autofree char *accessible = g_strdup_printf (_("Use “%s” for %s"), match->file_name, line);
          GtkWidget *row = plain_row (match->file_name, subtitle);
          GtkWidget *check = gtk_check_button_new ();

          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !match->duplicate);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
          g_object_set_data (G_OBJECT (check), "match-index", GUINT_TO_POINTER (i));
          g_signal_connect (check, "toggled", G_CALLBACK (on_toggled), self);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          g_ptr_array_add (self->checks, check);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (matches), row);
        }
      gtk_box_append (GTK_BOX (box), matches);
    }

  if (m->unmatched_files->len > 0)
    {
      GtkWidget *files = group (_("Recordings Not Matched"), _("These files name no line and are left alone"));

      for (guint i = 0; i < m->unmatched_files->len; i++)
        {
          const SecuenciaTakeMatch *match = m->unmatched_files->pdata[i];
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (files), plain_row (match->file_name, match->reason));
        }
      gtk_box_append (GTK_BOX (box), files);
    }

  if (m->unmatched_lines->len > 0)
    {
      GtkWidget *lines = group (_("Lines Without a Recording"), _("These lines keep the audio they have"));

      for (guint i = 0; i < m->unmatched_lines->len && i < MAX_LINES_LISTED; i++)
        {
          const SecuenciaElementInfo *line = find_line (self, g_array_index (m->unmatched_lines, gint64, i));

          if (line != NULL)
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (lines),
                                       plain_row (line->character[0] != '\0' ? line->character : _("No character"),
                                                  line->text));
        }
      if (m->unmatched_lines->len > MAX_LINES_LISTED)
        {
          guint more = m->unmatched_lines->len - MAX_LINES_LISTED;
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %u more line",
                                                                "…and %u more lines", more), more);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (lines), plain_row (text, ""));
        }
      gtk_box_append (GTK_BOX (box), lines);
    }

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (outer), scrolled);
  adw_bin_set_child (ADW_BIN (self), outer);
  update_apply (self);
}

static void
secuencia_match_takes_dialog_finalize (GObject *object)
{
  SecuenciaMatchTakesDialog *self = SECUENCIA_MATCH_TAKES_DIALOG (object);

  g_clear_object (&self->folder);
  g_clear_pointer (&self->matches, secuencia_take_matches_free);
  g_clear_pointer (&self->elements, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  G_OBJECT_CLASS (secuencia_match_takes_dialog_parent_class)->finalize (object);
}

static void
secuencia_match_takes_dialog_class_init (SecuenciaMatchTakesDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = secuencia_match_takes_dialog_finalize;
  signals[SIGNAL_APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                        G_TYPE_PTR_ARRAY, G_TYPE_ARRAY);
}

static void
secuencia_match_takes_dialog_init (SecuenciaMatchTakesDialog *self)
{
  self->checks = g_ptr_array_new ();
}

SecuenciaMatchTakesDialog *
secuencia_match_takes_dialog_new (GFile                *folder,
                                  SecuenciaTakeMatches *matches,
                                  GPtrArray            *elements)
{
  SecuenciaMatchTakesDialog *self;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (matches != NULL && elements != NULL, NULL);

  self = g_object_new (SECUENCIA_TYPE_MATCH_TAKES_DIALOG, NULL);
  self->folder = g_object_ref (folder);
  self->matches = matches;
  self->elements = g_ptr_array_ref (elements);
  build (self);
  return self;
}

guint
secuencia_match_takes_dialog_get_n_chosen (SecuenciaMatchTakesDialog *self)
{
  g_return_val_if_fail (SECUENCIA_IS_MATCH_TAKES_DIALOG (self), 0);
  return count_chosen (self);
}

gboolean
secuencia_match_takes_dialog_set_chosen (SecuenciaMatchTakesDialog *self,
                                         const char                *file_name,
                                         gboolean                   chosen)
{
  g_return_val_if_fail (SECUENCIA_IS_MATCH_TAKES_DIALOG (self), FALSE);

  for (guint i = 0; i < self->checks->len; i++)
    if (g_strcmp0 (((SecuenciaTakeMatch *) self->matches->matches->pdata[i])->file_name, file_name) == 0)
      {
        gtk_check_button_set_active (self->checks->pdata[i], chosen);
        return TRUE;
      }
  return FALSE;
}
