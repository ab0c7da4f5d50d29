/* secuencia-preferences-window.c: see the header. Every change applies at
 * once (GSettings, or the project's metadata in one transaction each). */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "secuencia-preferences-window.h"
#include "secuencia-export-format.h"
#include "secuencia-a11y.h"
#include "secuencia-file-chooser.h"
#include "secuencia-loudness.h"

#if ADW_CHECK_VERSION (1, 5, 0)
#define PARENT_TYPE ADW_TYPE_PREFERENCES_DIALOG
#else
#define PARENT_TYPE ADW_TYPE_PREFERENCES_WINDOW
#endif

struct _SecuenciaPreferencesWindow
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwPreferencesDialog parent_instance;
#else
  AdwPreferencesWindow parent_instance;
#endif

  GSettings        *settings;
  SecuenciaProject *project;   /* its tags can be changed here */
  SecuenciaProject *shown;     /* the project whose tags are shown (read-only too) */

  AdwComboRow      *format_row;
  AdwComboRow      *bitrate_row;
  AdwComboRow      *rate_row;
  GtkAdjustment    *jobs_adjustment;   /* owned by its spin button */
  AdwComboRow      *loudness_row;
  AdwComboRow      *split_row;
  AdwActionRow     *custom_row;
  GtkSpinButton    *custom_spin;
  AdwActionRow     *cover_row;
  GtkWidget        *cover_remove;
};

G_DEFINE_FINAL_TYPE (SecuenciaPreferencesWindow, secuencia_preferences_window, PARENT_TYPE)

static const SecuenciaMixFormat formats[] = {
  SECUENCIA_MIX_FORMAT_M4A, SECUENCIA_MIX_FORMAT_M4B, SECUENCIA_MIX_FORMAT_MP3,
  SECUENCIA_MIX_FORMAT_FLAC, SECUENCIA_MIX_FORMAT_WAV24, SECUENCIA_MIX_FORMAT_OPUS,
};
static const guint bitrates[] = { 96000, 128000, 160000, 192000, 256000, 320000 };
static const guint rates[] = { 44100, 48000 };
/* the highest "export-jobs" the row offers (the key takes up to 256) */
#define SECUENCIA_PREFERENCES_MAX_JOBS 64
/* the loudness choices, in the combo's order; the last is "custom" */
static const SecuenciaLoudnessKind targets[] = {
  SECUENCIA_LOUDNESS_OFF, SECUENCIA_LOUDNESS_PODCAST, SECUENCIA_LOUDNESS_BROADCAST,
  SECUENCIA_LOUDNESS_ACX, SECUENCIA_LOUDNESS_CUSTOM,
};

static const struct
{
  const char *key;
  const char *title;
} tag_rows[] = {
  { SECUENCIA_METADATA_TITLE, N_("Title") },
  { SECUENCIA_METADATA_ARTIST, N_("Artist or Author") },
  { SECUENCIA_METADATA_ALBUM, N_("Album or Show") },
  { SECUENCIA_METADATA_YEAR, N_("Year") },
  { SECUENCIA_METADATA_GENRE, N_("Genre") },
  { SECUENCIA_METADATA_COMMENT, N_("Comment") },
};

static void
secuencia_preferences_window_dispose (GObject *object)
{
  SecuenciaPreferencesWindow *self = SECUENCIA_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->project);
  g_clear_object (&self->shown);
  G_OBJECT_CLASS (secuencia_preferences_window_parent_class)->dispose (object);
}

static void
secuencia_preferences_window_class_init (SecuenciaPreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = secuencia_preferences_window_dispose;
}

static void
secuencia_preferences_window_init (SecuenciaPreferencesWindow *self)
{
}

static void
show_error (SecuenciaPreferencesWindow *self,
            const GError               *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (self), adw_toast_new (escaped));
#else
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
#endif
}

/* ---- export settings ---- */

static AdwComboRow *
combo_row (const char  *title,
           const char  *subtitle,
           const char **labels)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  return row;
}

static void
on_format_selected (AdwComboRow                *row,
                    GParamSpec                 *pspec,
                    SecuenciaPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (row);

  if (i < G_N_ELEMENTS (formats))
    g_settings_set_string (self->settings, "export-format",
                           secuencia_export_format_get_info (formats[i])->name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->bitrate_row),
                            i < G_N_ELEMENTS (formats) &&
                            secuencia_export_format_get_info (formats[i])->lossy);
}

static void
on_bitrate_selected (AdwComboRow                *row,
                     GParamSpec                 *pspec,
                     SecuenciaPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (row);

  if (i < G_N_ELEMENTS (bitrates))
    g_settings_set_uint (self->settings, "export-bitrate", bitrates[i]);
}

static void
on_rate_selected (AdwComboRow                *row,
                  GParamSpec                 *pspec,
                  SecuenciaPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (row);

  if (i < G_N_ELEMENTS (rates))
    g_settings_set_uint (self->settings, "export-sample-rate", rates[i]);
}

static void
store_loudness (SecuenciaPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->loudness_row);
  SecuenciaLoudnessTarget target = SECUENCIA_LOUDNESS_TARGET_INIT;
  g_autofree char *text = NULL;

  if (i >= G_N_ELEMENTS (targets))
    return;
  target.kind = targets[i];
  target.lufs = gtk_spin_button_get_value (self->custom_spin);
  text = secuencia_loudness_target_to_string (&target);
  g_settings_set_string (self->settings, "export-loudness", text);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_row), target.kind == SECUENCIA_LOUDNESS_CUSTOM);
}

static void
on_loudness_selected (AdwComboRow                *row,
                      GParamSpec                 *pspec,
                      SecuenciaPreferencesWindow *self)
{
  store_loudness (self);
}

static void
on_custom_changed (GtkSpinButton              *spin,
                   SecuenciaPreferencesWindow *self)
{
  store_loudness (self);
}

/* ---- encoders at once (the "export-jobs" key: 0 is one per core) ---- */

static char *
jobs_text (guint jobs)
{
  guint cores = (guint) MAX (1, g_get_num_processors ());

  if (jobs == 0)
    /* Translators: the export uses one encoder per processor core */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Automatic (%u core)",
                                         "Automatic (%u cores)", cores), cores);
  return g_strdup_printf ("%u", jobs);
}

/* The spin button shows "Automatic (N cores)" for 0. */
static gboolean
on_jobs_output (GtkWidget *spin,
                gpointer   user_data)
{
  SecuenciaPreferencesWindow *self = user_data;
  g_autofree char *text = jobs_text ((guint) gtk_adjustment_get_value (self->jobs_adjustment));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* …and reads text that is not a number (the automatic label) as 0. */
static int
on_jobs_input (GtkWidget *spin,
               double    *new_value,
               gpointer   user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  *new_value = end != text && end != NULL && *end == '\0' ? value : 0.0;
  return TRUE;
}

static void
on_jobs_changed (GtkAdjustment              *adjustment,
                 SecuenciaPreferencesWindow *self)
{
  g_settings_set_uint (self->settings, "export-jobs", (guint) gtk_adjustment_get_value (adjustment));
}

static GtkWidget *
build_jobs_row (SecuenciaPreferencesWindow *self)
{
  const char *title = _("Encoders at Once");
  const char *subtitle = _("M4A and M4B: parts of the file are encoded on several cores; 1 encodes it as one stream");
  guint jobs = MIN (g_settings_get_uint (self->settings, "export-jobs"), SECUENCIA_PREFERENCES_MAX_JOBS);
  GtkWidget *row, *spin;

#if ADW_CHECK_VERSION (1, 4, 0)
  row = adw_spin_row_new_with_range (0, SECUENCIA_PREFERENCES_MAX_JOBS, 1);
  spin = row;
  adw_spin_row_set_digits (ADW_SPIN_ROW (row), 0);
  adw_spin_row_set_numeric (ADW_SPIN_ROW (row), FALSE);
  self->jobs_adjustment = adw_spin_row_get_adjustment (ADW_SPIN_ROW (row));
#else
  row = adw_action_row_new ();
  spin = gtk_spin_button_new_with_range (0, SECUENCIA_PREFERENCES_MAX_JOBS, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
  /* a numeric spin button refuses the "Automatic" text */
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  self->jobs_adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin));
#endif
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 18);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Encoders at once, 0 for one per core"), -1);
  gtk_widget_set_name (spin, "export-jobs");
  g_signal_connect (spin, "output", G_CALLBACK (on_jobs_output), self);
  g_signal_connect (spin, "input", G_CALLBACK (on_jobs_input), self);
  gtk_adjustment_set_value (self->jobs_adjustment, jobs);
  on_jobs_output (spin, self);
  g_signal_connect (self->jobs_adjustment, "value-changed", G_CALLBACK (on_jobs_changed), self);
  return row;
}

static guint
index_of_uint (const guint *values, gsize n, guint value, guint fallback)
{
  for (gsize i = 0; i < n; i++)
    if (values[i] == value)
      return (guint) i;
  return fallback;
}

/* the split choices, in the combo's order (the setting's values) */
static const char *const splits[] = { "none", "scenes", "lanes" };

static void
on_split_selected (AdwComboRow                *row,
                   GParamSpec                 *pspec,
                   SecuenciaPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (row);

  if (i < G_N_ELEMENTS (splits))
    g_settings_set_string (self->settings, "export-split", splits[i]);
}

static AdwPreferencesGroup *
build_export_group (SecuenciaPreferencesWindow *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *format_labels[G_N_ELEMENTS (formats) + 1] = { NULL };
  const char *bitrate_labels[] = { "96 kbit/s", "128 kbit/s", "160 kbit/s", "192 kbit/s",
                                   "256 kbit/s", "320 kbit/s", NULL };
  const char *rate_labels[] = { "44.1 kHz", "48 kHz", NULL };
  const char *split_labels[] = { _("None"), _("One File per Scene"), _("One Stem per Lane"), NULL };
  g_autofree char *format = g_settings_get_string (self->settings, "export-format");
  g_autofree char *split = g_settings_get_string (self->settings, "export-split");
  const SecuenciaExportFormatInfo *info = secuencia_export_format_lookup (format);
  guint selected = 0;

  adw_preferences_group_set_title (group, _("Export"));
  adw_preferences_group_set_description (group,
    _("The save dialog suggests this format; a name’s own extension always decides."));
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      format_labels[i] = _(secuencia_export_format_get_info (formats[i])->label);
      if (info != NULL && info->format == formats[i])
        selected = (guint) i;
    }
  self->format_row = combo_row (_("Format"), NULL, format_labels);
  self->bitrate_row = combo_row (_("Bit Rate"), _("AAC, MP3 and Opus"), bitrate_labels);
  self->rate_row = combo_row (_("Sample Rate"), NULL, rate_labels);

  adw_combo_row_set_selected (self->format_row, selected);
  adw_combo_row_set_selected (self->bitrate_row,
                              index_of_uint (bitrates, G_N_ELEMENTS (bitrates),
                                             g_settings_get_uint (self->settings, "export-bitrate"), 3));
  adw_combo_row_set_selected (self->rate_row,
                              index_of_uint (rates, G_N_ELEMENTS (rates),
                                             g_settings_get_uint (self->settings, "export-sample-rate"), 1));
  gtk_widget_set_sensitive (GTK_WIDGET (self->bitrate_row),
                            secuencia_export_format_get_info (formats[selected])->lossy);
  g_signal_connect (self->format_row, "notify::selected", G_CALLBACK (on_format_selected), self);
  g_signal_connect (self->bitrate_row, "notify::selected", G_CALLBACK (on_bitrate_selected), self);
  g_signal_connect (self->rate_row, "notify::selected", G_CALLBACK (on_rate_selected), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->format_row));
  adw_preferences_group_add (group, GTK_WIDGET (self->bitrate_row));
  adw_preferences_group_add (group, GTK_WIDGET (self->rate_row));
  adw_preferences_group_add (group, build_jobs_row (self));

  /* Split: several files in the chosen folder, named from the chosen name */
  self->split_row = combo_row (_("Split"), _("Files are named from the name chosen when exporting"),
                               split_labels);
  for (gsize i = 0; i < G_N_ELEMENTS (splits); i++)
    if (g_str_equal (split, splits[i]))
      adw_combo_row_set_selected (self->split_row, (guint) i);
  g_signal_connect (self->split_row, "notify::selected", G_CALLBACK (on_split_selected), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->split_row));
  return group;
}

static AdwPreferencesGroup *
build_loudness_group (SecuenciaPreferencesWindow *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *labels[] = { N_("Off"), N_("Podcast (−16 LUFS)"), N_("Broadcast, EBU R128 (−23 LUFS)"),
                           N_("Audiobook, ACX (RMS −23 to −18 dB)"), N_("Custom"), NULL };
  const char *translated[G_N_ELEMENTS (labels)] = { NULL };
  g_autofree char *text = g_settings_get_string (self->settings, "export-loudness");
  SecuenciaLoudnessTarget target = SECUENCIA_LOUDNESS_TARGET_INIT;
  AdwActionRow *limiter_row;
  GtkWidget *limiter_switch;
  guint selected = 0;

  adw_preferences_group_set_title (group, _("Loudness"));
  adw_preferences_group_set_description (group,
    _("Measured over the whole mix (EBU R128), then brought to the target."));
  for (gsize i = 0; labels[i] != NULL; i++)
    translated[i] = _(labels[i]);
  if (!secuencia_loudness_target_parse (text, &target, NULL))
    target.kind = SECUENCIA_LOUDNESS_OFF;
  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    if (targets[i] == target.kind)
      selected = (guint) i;

  self->loudness_row = combo_row (_("Loudness Target"), NULL, translated);
  adw_combo_row_set_selected (self->loudness_row, selected);

  self->custom_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->custom_row), _("Custom Loudness"));
  adw_action_row_set_subtitle (self->custom_row, _("Integrated loudness in LUFS"));
  self->custom_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (SECUENCIA_LOUDNESS_MIN_LUFS,
                                                                       SECUENCIA_LOUDNESS_MAX_LUFS, 0.5));
  gtk_spin_button_set_digits (self->custom_spin, 1);
  gtk_spin_button_set_value (self->custom_spin,
                             target.kind == SECUENCIA_LOUDNESS_CUSTOM ? target.lufs : -18.0);
  gtk_widget_set_valign (GTK_WIDGET (self->custom_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->custom_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Custom loudness in LUFS"), -1);
  adw_action_row_add_suffix (self->custom_row, GTK_WIDGET (self->custom_spin));
  adw_action_row_set_activatable_widget (self->custom_row, GTK_WIDGET (self->custom_spin));
  gtk_widget_set_visible (GTK_WIDGET (self->custom_row), target.kind == SECUENCIA_LOUDNESS_CUSTOM);

  limiter_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (limiter_row), _("Limit Peaks"));
  adw_action_row_set_subtitle (limiter_row,
    _("Keeps peaks under −1 dBTP (−3 dBFS for ACX) so loud overlaps never clip"));
  limiter_switch = gtk_switch_new ();
  gtk_widget_set_valign (limiter_switch, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (limiter_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Limit peaks"), -1);
  g_settings_bind (self->settings, "export-limiter", limiter_switch, "active", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (limiter_row, limiter_switch);
  adw_action_row_set_activatable_widget (limiter_row, limiter_switch);

  g_signal_connect (self->loudness_row, "notify::selected", G_CALLBACK (on_loudness_selected), self);
  g_signal_connect (self->custom_spin, "value-changed", G_CALLBACK (on_custom_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->loudness_row));
  adw_preferences_group_add (group, GTK_WIDGET (self->custom_row));
  adw_preferences_group_add (group, GTK_WIDGET (limiter_row));
  return group;
}

/* ---- the project's tags ---- */

static void
on_tag_applied (AdwEntryRow                *row,
                SecuenciaPreferencesWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "metadata-key");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;
  if (!secuencia_project_set_metadata (self->project, key, text, &error))
    show_error (self, error);
}

static void
update_cover_row (SecuenciaPreferencesWindow *self)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) cover = NULL;
  g_autofree char *subtitle = NULL;

  if (self->shown != NULL)
    cover = secuencia_project_dup_cover (self->shown, NULL, &name, NULL);
  if (cover != NULL)
    {
      g_autofree char *size = g_format_size (g_bytes_get_size (cover));
      subtitle = g_strdup_printf ("%s · %s", name, size);
    }
  else
    subtitle = g_strdup (_("None"));
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
    adw_action_row_set_subtitle (self->cover_row, escaped);
  }
  gtk_widget_set_sensitive (self->cover_remove, cover != NULL && self->project != NULL);
}

static void
cover_chosen (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SecuenciaPreferencesWindow) self = user_data;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;

  files = secuencia_file_chooser_open_finish (result, &error);
  if (files == NULL || self->project == NULL)
    return;
  name = g_file_get_basename (g_ptr_array_index (files, 0));
  if (!g_file_load_contents (g_ptr_array_index (files, 0), NULL, &contents, &length, NULL, &error))
    {
      show_error (self, error);
      return;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  if (!secuencia_project_set_cover (self->project, bytes, name, &error))
    show_error (self, error);
  update_cover_row (self);
}

static void
on_choose_cover (GtkButton                  *button,
                 SecuenciaPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("JPEG or PNG Images"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  /* the window itself, or (a dialog, libadwaita 1.5+) the window it is on */
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));

  secuencia_file_chooser_open_async (parent, _("Choose a Cover Image"), _("_Choose"),
                                     filter, FALSE, cover_chosen, g_object_ref (self));
}

static void
on_remove_cover (GtkButton                  *button,
                 SecuenciaPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->project != NULL && !secuencia_project_set_cover (self->project, NULL, NULL, &error))
    show_error (self, error);
  update_cover_row (self);
}

static AdwPreferencesGroup *
build_tags_group (SecuenciaPreferencesWindow *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GHashTable) metadata = NULL;
  GtkWidget *choose, *box;

  adw_preferences_group_set_title (group, _("Tags"));
  adw_preferences_group_set_description (group, self->project != NULL
    ? _("Stored in the project and written into every export")
    : self->shown != NULL
    ? _("The project is read-only: its tags are written into every export but cannot be changed")
    : _("Open a project to edit its tags"));
  if (self->shown != NULL)
    metadata = secuencia_project_dup_all_metadata (self->shown, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (tag_rows); i++)
    {
      GtkWidget *row = adw_entry_row_new ();
      const char *value = metadata != NULL ? g_hash_table_lookup (metadata, tag_rows[i].key) : NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(tag_rows[i].title));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
      g_object_set_data (G_OBJECT (row), "metadata-key", (gpointer) tag_rows[i].key);
      g_signal_connect (row, "apply", G_CALLBACK (on_tag_applied), self);
      gtk_widget_set_sensitive (row, self->project != NULL);
      adw_preferences_group_add (group, row);
    }

  self->cover_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cover_row), _("Cover Image"));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  choose = secuencia_a11y_button_new_with_mnemonic (_("_Choose…"));
  self->cover_remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (self->cover_remove, _("Remove the cover image"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cover_remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove the cover image"), -1);
  gtk_widget_add_css_class (self->cover_remove, "flat");
  gtk_box_append (GTK_BOX (box), choose);
  gtk_box_append (GTK_BOX (box), self->cover_remove);
  adw_action_row_add_suffix (self->cover_row, box);
  g_signal_connect (choose, "clicked", G_CALLBACK (on_choose_cover), self);
  g_signal_connect (self->cover_remove, "clicked", G_CALLBACK (on_remove_cover), self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cover_row), self->project != NULL);
  adw_preferences_group_add (group, GTK_WIDGET (self->cover_row));
  update_cover_row (self);
  return group;
}

GtkWidget *
secuencia_preferences_window_new (GtkWindow        *parent,
                                  GSettings        *settings,
                                  SecuenciaProject *project)
{
  SecuenciaPreferencesWindow *self;
  AdwPreferencesPage *page;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (project == NULL || SECUENCIA_IS_PROJECT (project), NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  self = g_object_new (SECUENCIA_TYPE_PREFERENCES_WINDOW,
                       "title", _("Preferences"),
                       "search-enabled", FALSE,
                       NULL);
#else
  self = g_object_new (SECUENCIA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", _("Preferences"),
                       "search-enabled", FALSE,
                       NULL);
#endif
  self->settings = g_object_ref (settings);
  self->shown = project != NULL ? g_object_ref (project) : NULL;
  self->project = project != NULL && !secuencia_project_is_read_only (project)
                  ? g_object_ref (project) : NULL;

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("Export"));
  adw_preferences_page_set_icon_name (page, "document-save-symbolic");
  adw_preferences_page_add (page, build_export_group (self));
  adw_preferences_page_add (page, build_loudness_group (self));
  adw_preferences_page_add (page, build_tags_group (self));
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (self), page);
#else
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
#endif
  return GTK_WIDGET (self);
}
