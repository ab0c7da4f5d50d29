/* secuencia-cast-window.c: see the header. */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-a11y.h"
#include "secuencia-cast-window.h"
#include "secuencia-scratch-voices.h"

struct _SecuenciaCastWindow
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwPreferencesDialog parent_instance;
#else
  AdwPreferencesWindow parent_instance;
#endif

  SecuenciaProject *project;
  GWeakRef          parent;        /* GtkWindow: where re-voicing runs */
  GHashTable       *changed;       /* character names whose voice changed */
  GtkWidget        *revoice;
  gboolean          loading;
};

#if ADW_CHECK_VERSION (1, 5, 0)
G_DEFINE_FINAL_TYPE (SecuenciaCastWindow, secuencia_cast_window, ADW_TYPE_PREFERENCES_DIALOG)
#else
G_DEFINE_FINAL_TYPE (SecuenciaCastWindow, secuencia_cast_window, ADW_TYPE_PREFERENCES_WINDOW)
#endif

static void
add_toast (SecuenciaCastWindow *self,
           const char          *message)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (self), adw_toast_new (message));
#else
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
#endif
}

/* espeak-ng's variants, in the order the combo lists them */
static const struct { const char *voice; const char *label; } variants[] = {
  { "en+m1", N_("Male 1") }, { "en+m2", N_("Male 2") }, { "en+m3", N_("Male 3") },
  { "en+m4", N_("Male 4") }, { "en+m5", N_("Male 5") }, { "en+m6", N_("Male 6") },
  { "en+m7", N_("Male 7") }, { "en+f1", N_("Female 1") }, { "en+f2", N_("Female 2") },
  { "en+f3", N_("Female 3") }, { "en+f4", N_("Female 4") }, { "en+f5", N_("Female 5") },
};

typedef struct
{
  SecuenciaCastWindow *self;      /* unowned: the rows live in it */
  char                *character;
  AdwExpanderRow      *expander;
  AdwComboRow         *variant;
  GtkSpinButton       *pitch;
  GPtrArray           *voices;    /* char*: the combo's voices, by position */
} CastRow;

static void
cast_row_free (gpointer data)
{
  CastRow *row = data;

  g_free (row->character);
  g_ptr_array_unref (row->voices);
  g_free (row);
}

/* the expander's subtitle: the voice as chosen, "Female 1 (en+f1), pitch 45" */
static void
update_subtitle (CastRow *row)
{
  guint selected = adw_combo_row_get_selected (row->variant);
  GListModel *model = adw_combo_row_get_model (row->variant);
  const char *label = selected < g_list_model_get_n_items (model)
                      ? gtk_string_list_get_string (GTK_STRING_LIST (model), selected) : "";
  g_autofree char *subtitle = g_strdup_printf (_("%s, pitch %d"), label,
                                               gtk_spin_button_get_value_as_int (row->pitch));

  adw_expander_row_set_subtitle (row->expander, subtitle);
}

static void
save_row (CastRow *row)
{
  SecuenciaCastWindow *self = row->self;
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (row->variant);
  const char *voice;

  update_subtitle (row);
  if (self->loading || self->project == NULL || selected >= row->voices->len)
    return;
  voice = row->voices->pdata[selected];
  if (!secuencia_scratch_cast_set (self->project, row->character, voice,
                                   gtk_spin_button_get_value_as_int (row->pitch), &error))
    {
      add_toast (self, error->message);
      return;
    }
  g_hash_table_add (self->changed, g_strdup (row->character));
  gtk_widget_set_sensitive (self->revoice, TRUE);
}

static void
on_variant_changed (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  save_row (user_data);
}

static void
on_pitch_changed (GtkSpinButton *spin, gpointer user_data)
{
  save_row (user_data);
}

static void
add_character (SecuenciaCastWindow  *self,
               AdwPreferencesGroup  *group,
               const char           *character,
               guint                 index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *voice = NULL;
  g_autofree char *variant_name = NULL;
  g_autofree char *pitch_name = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  CastRow *row = g_new0 (CastRow, 1);
  GtkWidget *expander, *variant_row, *pitch_row;
  int pitch = 50;
  guint selected = G_MAXUINT;

  row->self = self;
  row->character = g_strdup (character);
  row->voices = g_ptr_array_new_with_free_func (g_free);
  if (!secuencia_scratch_cast_get (self->project, character, index, &voice, &pitch, &error))
    {
      add_toast (self, error->message);
      voice = g_strdup (variants[0].voice);
    }
  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *label = g_strdup_printf ("%s (%s)", _(variants[i].label), variants[i].voice);
      gtk_string_list_append (labels, label);
      g_ptr_array_add (row->voices, g_strdup (variants[i].voice));
      if (g_strcmp0 (voice, variants[i].voice) == 0)
        selected = i;
    }
  if (selected == G_MAXUINT)
    {
      /* a voice set elsewhere (by hand, the CLI): kept as a choice */
      selected = row->voices->len;
      gtk_string_list_append (labels, voice);
      g_ptr_array_add (row->voices, g_strdup (voice));
    }

  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), character);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (expander), FALSE);
#if ADW_CHECK_VERSION (1, 2, 0)
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
#endif
  row->expander = ADW_EXPANDER_ROW (expander);

  variant_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (variant_row), _("Voice"));
  adw_combo_row_set_model (ADW_COMBO_ROW (variant_row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (variant_row), selected);
  variant_name = g_strdup_printf (_("Voice of %s"), character);
  gtk_accessible_update_property (GTK_ACCESSIBLE (variant_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, variant_name, -1);
  row->variant = ADW_COMBO_ROW (variant_row);

  pitch_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pitch_row), _("_Pitch"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (pitch_row), TRUE);
  row->pitch = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 99, 1));
  gtk_spin_button_set_value (row->pitch, pitch);
  gtk_widget_set_valign (GTK_WIDGET (row->pitch), GTK_ALIGN_CENTER);
  pitch_name = g_strdup_printf (_("Pitch of %s, 0 to 99"), character);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->pitch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, pitch_name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (pitch_row), GTK_WIDGET (row->pitch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (pitch_row), GTK_WIDGET (row->pitch));

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), variant_row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), pitch_row);
  adw_preferences_group_add (group, expander);

  update_subtitle (row);
  g_object_set_data_full (G_OBJECT (expander), "secuencia-cast-row", row, cast_row_free);
  g_signal_connect (variant_row, "notify::selected", G_CALLBACK (on_variant_changed), row);
  g_signal_connect (row->pitch, "value-changed", G_CALLBACK (on_pitch_changed), row);
}

typedef struct
{
  GHashTable *characters;
  GPtrArray  *elements;
  guint       n;
} Unvoice;

/* In one transaction: the scratch audio off every line of the changed
 * characters (recorded takes are never touched). */
static gboolean
unvoice_txn (SecuenciaProject  *project,
             gpointer           user_data,
             GError           **error)
{
  Unvoice *unvoice = user_data;

  for (guint i = 0; i < unvoice->elements->len; i++)
    {
      SecuenciaElementInfo *element = unvoice->elements->pdata[i];

      if (element->kind != SECUENCIA_ELEMENT_DIALOGUE || !element->scratch || element->asset_id == 0 ||
          !g_hash_table_contains (unvoice->characters, element->character))
        continue;
      if (!secuencia_project_set_element_audio (project, element->id, 0, FALSE, error))
        return FALSE;
      unvoice->n++;
    }
  return TRUE;
}

static void
on_revoice (GtkButton *button, gpointer user_data)
{
  SecuenciaCastWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&self->parent);
  Unvoice unvoice = { self->changed, NULL, 0 };

  elements = secuencia_project_list_elements (self->project, &error);
  unvoice.elements = elements;
  if (elements == NULL || !secuencia_project_transaction (self->project, unvoice_txn, &unvoice, &error))
    {
      add_toast (self, error->message);
      return;
    }
  g_hash_table_remove_all (self->changed);
  gtk_widget_set_sensitive (self->revoice, FALSE);
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.scratch-voices", NULL);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_close (ADW_DIALOG (self));
#else
  gtk_window_close (GTK_WINDOW (self));
#endif
}

static void
secuencia_cast_window_dispose (GObject *object)
{
  SecuenciaCastWindow *self = SECUENCIA_CAST_WINDOW (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->changed, g_hash_table_unref);
  G_OBJECT_CLASS (secuencia_cast_window_parent_class)->dispose (object);
}

static void
secuencia_cast_window_finalize (GObject *object)
{
  SecuenciaCastWindow *self = SECUENCIA_CAST_WINDOW (object);

  g_weak_ref_clear (&self->parent);
  G_OBJECT_CLASS (secuencia_cast_window_parent_class)->finalize (object);
}

static void
secuencia_cast_window_class_init (SecuenciaCastWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = secuencia_cast_window_dispose;
  object_class->finalize = secuencia_cast_window_finalize;
#if !ADW_CHECK_VERSION (1, 5, 0)
  /* (an AdwDialog closes on Escape itself) */
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close",
                                       NULL);
#endif
}

static void
secuencia_cast_window_init (SecuenciaCastWindow *self)
{
  self->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_weak_ref_init (&self->parent, NULL);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_set_title (ADW_DIALOG (self), _("Cast"));
  adw_dialog_set_content_width (ADW_DIALOG (self), 520);
  adw_dialog_set_content_height (ADW_DIALOG (self), 560);
  adw_preferences_dialog_set_search_enabled (ADW_PREFERENCES_DIALOG (self), FALSE);
#else
  gtk_window_set_title (GTK_WINDOW (self), _("Cast"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
#endif
}

GtkWidget *
secuencia_cast_window_new (GtkWindow        *parent,
                           SecuenciaProject *project)
{
  SecuenciaCastWindow *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (project), NULL);

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  self = g_object_new (SECUENCIA_TYPE_CAST_WINDOW, NULL);
#else
  self = g_object_new (SECUENCIA_TYPE_CAST_WINDOW, "transient-for", parent, NULL);
#endif
  g_weak_ref_set (&self->parent, parent);
  self->project = g_object_ref (project);
  self->loading = TRUE;

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("Cast"));
  adw_preferences_page_set_icon_name (page, "system-users-symbolic");
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Scratch Voices"));
  adw_preferences_group_set_description (group, _("The espeak-ng voice and pitch each character’s "
                                                  "lines without a recording are spoken with"));
  self->revoice = secuencia_a11y_button_new_with_mnemonic (_("_Re-voice Changed Characters"));
  gtk_widget_set_valign (self->revoice, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (self->revoice, FALSE);
  gtk_widget_set_tooltip_text (self->revoice, _("Speak the scratch lines of the characters whose "
                                                "voice changed again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->revoice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Re-voice Changed Characters"), -1);
  g_signal_connect (self->revoice, "clicked", G_CALLBACK (on_revoice), self);
  adw_preferences_group_set_header_suffix (group, self->revoice);
  adw_preferences_page_add (page, group);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (self), page);
#else
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
#endif

  /* the characters in order of first appearance, as the voicing numbers them */
  elements = secuencia_project_list_elements (project, &error);
  if (elements == NULL)
    add_toast (self, error->message);
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    {
      SecuenciaElementInfo *element = elements->pdata[i];

      if (element->kind != SECUENCIA_ELEMENT_DIALOGUE || *element->character == '\0' ||
          g_hash_table_contains (seen, element->character))
        continue;
      g_hash_table_add (seen, element->character);
      add_character (self, group, element->character, g_hash_table_size (seen) - 1);
    }
  if (g_hash_table_size (seen) == 0)
    {
      GtkWidget *empty = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("No characters yet: open a script"));
      adw_preferences_group_add (group, empty);
    }
  self->loading = FALSE;
  return GTK_WIDGET (self);
}
