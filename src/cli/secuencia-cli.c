/* secuencia-cli.c: the secuencia-cli commands.
 *
 * Every command opens the project, does its work in ONE transaction and
 * prints only after the commit; on any error it prints one message naming
 * the file (and clip index / field for specs) to stderr, exits non-zero and
 * leaves the project as it was (a project file it created is removed).
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "secuencia-cli.h"
#include "secuencia-project.h"
#include "secuencia-timeline.h"
#include "secuencia-time.h"
#include "secuencia-cli-export.h"
#include "secuencia-cli-util.h"
#include "secuencia-cli-tags.h"
#include "secuencia-cli-info.h"
#include "secuencia-peaks-computer.h"
#include "secuencia-cli-script.h"
#include "secuencia-cli-takes.h"

typedef struct
{
  const char *name;
  const char *synopsis;   /* arguments after the command name */
  const char *summary;
  /* argv[0] is the command name, argv[1..] its arguments. Returns an exit
   * status (SECUENCIA_CLI_EXIT_*); prints its own errors to stderr. */
  int (*run) (int argc, char **argv);
} SecuenciaCliCommand;

static int cmd_new             (int argc, char **argv);
static int cmd_add             (int argc, char **argv);
static int cmd_import_timeline (int argc, char **argv);
static int cmd_info            (int argc, char **argv);

/* The command table. To add a command, add one entry (keep "help" out: it
 * is built in). */
static const SecuenciaCliCommand commands[] = {
  { "new", N_("PROJECT [--name NAME]"),
    N_("Create an empty project"), cmd_new },
  { "add", N_("PROJECT AUDIO… [--character C] [--text T] [--gap SECONDS]"),
    N_("Import audio files and append one screenplay element per file (and its clip to the latest timeline)"),
    cmd_add },
  { "import-timeline", N_("PROJECT SPEC.json"),
    N_("Import the files a JSON spec names and create one timeline (prints its id last)"),
    cmd_import_timeline },
  { "info", N_("PROJECT [--json]"),
    N_("List the assets, screenplay elements and timelines of a project"), cmd_info },
  { "set", N_("PROJECT [--title T] [--artist A] [--album A] [--year Y] [--genre G] [--comment C] [--cover FILE]"),
    N_("Store tags and a cover image in the project for every export"), secuencia_cli_set },
  { "export", N_("PROJECT -o OUT.m4a|.m4b|.mp3|.flac|.wav|.opus [--force] [--timeline ID] [--format F] [--bitrate KBPS] [--rate HZ] [--jobs N] [--loudness podcast|broadcast|acx|off|LUFS] [--no-limiter] [--report] [--captions vtt,srt,json] [--chapters-json] [--split scenes|lanes] [--title T …] [--cover FILE]"), N_("Mix a timeline (by default a new one built from the screenplay) down to one audio file"), secuencia_cli_export },
  { "import-script", N_("PROJECT SCRIPT.fountain"),
    N_("Replace the screenplay with a Fountain script (creates PROJECT when missing; unchanged lines keep their audio)"),
    secuencia_cli_import_script },
  { "voice", N_("PROJECT [--narrate-action]"),
    N_("Give lines without audio a scratch voice (espeak-ng), one voice per character"),
    secuencia_cli_voice },
  { "takes", N_("PROJECT [--line ID --restore ASSET]"),
    N_("List each line’s audio and earlier takes, or restore an earlier take"), secuencia_cli_takes },
  { "match-takes", N_("PROJECT FOLDER [--dry-run]"),
    N_("Give lines the recordings in a folder, matched by name (scene and line, or character and line order)"),
    secuencia_cli_match_takes },
};

/* ---- helpers ---- */

static int
fail (const GError *error)
{
  g_printerr ("secuencia-cli: %s\n", error->message);
  return SECUENCIA_CLI_EXIT_FAILURE;
}

static int
usage_error (const char *command, const char *message)
{
  g_printerr ("secuencia-cli %s: %s\n", command, message);
  g_printerr (_("Run “secuencia-cli %s --help” for usage.\n"), command);
  return SECUENCIA_CLI_EXIT_USAGE;
}

/* Parses options; on return *out_args holds the remaining arguments. */
static gboolean
parse_options (int            argc,
               char         **argv,
               const char    *synopsis,
               const char    *summary,
               GOptionEntry  *entries,
               char        ***out_args,
               int           *out_status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = g_strdup_printf ("%s %s", argv[0], _(synopsis));
  GOptionEntry all[16] = { { NULL } };
  char **remaining = NULL;
  guint n = 0;

  for (; entries != NULL && entries[n].long_name != NULL && n < G_N_ELEMENTS (all) - 2; n++)
    all[n] = entries[n];
  all[n] = (GOptionEntry) { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, NULL };

  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, _(summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, all, GETTEXT_PACKAGE);
  if (!secuencia_cli_parse (context, argc, argv, &error))
    {
      *out_status = usage_error (argv[0], error->message);
      return FALSE;
    }
  *out_args = remaining != NULL ? remaining : g_new0 (char *, 1);
  return TRUE;
}

static char *
display_path (const char *path)
{
  return g_filename_display_name (path);
}

/* A text option (taken as bytes) must be UTF-8; the message names it. */
static gboolean
text_option_valid (const char *command,
                   const char *option,
                   const char *value,
                   int        *out_status)
{
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;

  if (value == NULL || g_utf8_validate (value, -1, NULL))
    return TRUE;
  shown = secuencia_cli_escape (value);
  message = g_strdup_printf (_("invalid %s “%s”: it is not valid UTF-8 text"), option, shown);
  *out_status = usage_error (command, message);
  return FALSE;
}

/* secuencia_cli_escape() of @text, which it frees. */
static char *
esc (char *text)
{
  char *escaped = secuencia_cli_escape (text);

  g_free (text);
  return escaped;
}

static void
remove_project_file (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* ---- new ---- */

static int
cmd_new (int argc, char **argv)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *final_name = NULL;
  int status = 0;
  GOptionEntry entries[] = {
    /* (text options are taken as bytes and checked here, to name them) */
    { "name", 'n', 0, G_OPTION_ARG_FILENAME, &name, N_("Name of the project"), N_("NAME") },
    { NULL }
  };

  if (!parse_options (argc, argv, commands[0].synopsis, commands[0].summary, entries, &args, &status))
    return status;
  if (!text_option_valid (argv[0], "--name", name, &status))
    return status;
  if (g_strv_length (args) != 1)
    return usage_error (argv[0], _("expected exactly one PROJECT"));

  shown = display_path (args[0]);
  if (g_file_test (args[0], G_FILE_TEST_EXISTS))
    {
      g_printerr (_("secuencia-cli: Cannot create “%s”: the file already exists\n"), shown);
      return SECUENCIA_CLI_EXIT_FAILURE;
    }
  project = secuencia_project_open (args[0], SECUENCIA_PROJECT_OPEN_CREATE, &error);
  if (project == NULL)
    return fail (error);
  if (name != NULL && !secuencia_project_set_name (project, name, &error))
    {
      g_autofree char *path = g_strdup (secuencia_project_get_path (project));
      g_clear_object (&project);
      remove_project_file (path);
      return fail (error);
    }
  final_name = esc (secuencia_project_dup_name (project));
  shown = esc (g_steal_pointer (&shown));
  g_print (_("Created project “%s” in %s\n"), final_name, shown);
  return SECUENCIA_CLI_EXIT_OK;
}

/* ---- waveforms ---- */

/* Compute and store the waveform peaks of @asset_ids (from @files, parallel
 * to them, when given; else from the stored bytes). A failure is a warning,
 * not an error: the audio is in the project, and the app computes missing
 * waveforms when it opens it. */
static void
store_peaks (SecuenciaProject  *project,
             GArray            *asset_ids,
             char             **files)
{
  for (guint i = 0; i < asset_ids->len; i++)
    {
      gint64 asset_id = g_array_index (asset_ids, gint64, i);
      g_autoptr(GFile) file = files != NULL ? secuencia_cli_file_for_arg (files[i]) : NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SecuenciaPeaks) peaks = secuencia_peaks_ensure (project, asset_id, file, NULL, &error);

      if (peaks == NULL)
        g_printerr (_("secuencia-cli: warning: %s\n"), error->message);
    }
}

/* ---- add ---- */

typedef struct
{
  char      **files;
  const char *character;
  const char *text;
  SecuenciaTime gap;
  GArray     *element_ids;   /* gint64 */
  GArray     *asset_ids;     /* gint64 */
  gint64      timeline_id;   /* that got the clips, 0: none */
  guint       n_clips;
} AddData;

static gboolean
add_in_transaction (SecuenciaProject *project,
                    gpointer          user_data,
                    GError          **error)
{
  AddData *data = user_data;

  for (guint i = 0; data->files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = secuencia_cli_file_for_arg (data->files[i]);
      gint64 asset_id, element_id;

      asset_id = secuencia_project_import_audio (project, file, NULL, error);
      if (asset_id == 0)
        return FALSE;
      element_id = secuencia_project_append_element (project, data->character, data->text,
                                                     asset_id, error);
      if (element_id == 0)
        return FALSE;
      g_array_append_val (data->asset_ids, asset_id);
      g_array_append_val (data->element_ids, element_id);
    }
  /* One story: the new lines' clips go on the latest timeline, as the
   * window places the lines it imports. */
  return secuencia_project_append_line_clips (project, (const gint64 *) data->element_ids->data,
                                              data->element_ids->len, data->gap,
                                              &data->timeline_id, &data->n_clips, error);
}

/* The gap between lines: the app's setting when its schema is installed
 * (the person may have changed it in the window), else 0.25 s. */
static SecuenciaTime
gap_setting (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "clip-gap-ms"))
    return 250 * SECUENCIA_TIME_MSECOND;
  settings = g_settings_new_full (schema, NULL, NULL);
  return (SecuenciaTime) g_settings_get_uint (settings, "clip-gap-ms") * SECUENCIA_TIME_MSECOND;
}

static int
cmd_add (int argc, char **argv)
{
  g_autofree char *character = NULL;
  g_autofree char *text = NULL;
  g_autofree char *gap_text = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) element_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) asset_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  SecuenciaTime gap;
  AddData data;
  int status = 0;
  GOptionEntry entries[] = {
    { "character", 'c', 0, G_OPTION_ARG_FILENAME, &character, N_("Character who speaks the lines"), N_("C") },
    { "text", 't', 0, G_OPTION_ARG_FILENAME, &text, N_("Text of the lines"), N_("T") },
    { "gap", 0, 0, G_OPTION_ARG_FILENAME, &gap_text,
      N_("Silence before each new clip on the timeline (default: the app’s setting, else 0.25)"), N_("SECONDS") },
    { NULL }
  };

  if (!parse_options (argc, argv, commands[1].synopsis, commands[1].summary, entries, &args, &status))
    return status;
  if (!text_option_valid (argv[0], "--character", character, &status) ||
      !text_option_valid (argv[0], "--text", text, &status))
    return status;
  if (g_strv_length (args) < 2)
    return usage_error (argv[0], _("expected a PROJECT and at least one AUDIO file"));
  if (gap_text == NULL)
    gap = gap_setting ();
  else if (!g_utf8_validate (gap_text, -1, NULL)
           || !secuencia_time_parse_seconds (gap_text, &gap, NULL) || gap < 0)
    return usage_error (argv[0], _("--gap must be a number of seconds, 0 or more"));

  project = secuencia_project_open (args[0], SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  if (project == NULL)
    return fail (error);
  /* Every file is checked before the write lock is taken. */
  for (guint i = 1; args[i] != NULL; i++)
    {
      g_autoptr(GFile) file = secuencia_cli_file_for_arg (args[i]);

      if (!secuencia_project_check_import_source (project, file, NULL, NULL, &error))
        return fail (error);
    }

  data = (AddData) { args + 1, character != NULL ? character : "", text != NULL ? text : "", gap,
                     element_ids, asset_ids, 0, 0 };
  if (!secuencia_project_transaction (project, add_in_transaction, &data, &error))
    return fail (error);
  store_peaks (project, asset_ids, args + 1);

  for (guint i = 0; i < element_ids->len; i++)
    {
      g_autoptr(SecuenciaAssetInfo) asset = secuencia_project_get_asset (project, g_array_index (asset_ids, gint64, i), NULL);
      g_autofree char *shown = esc (display_path (args[i + 1]));
      g_autofree char *duration = asset != NULL ? secuencia_time_format (asset->duration) : g_strdup ("?");

      g_print (_("Added “%s” as element %lld (asset %lld, %s, %s)\n"),
               shown, (long long) g_array_index (element_ids, gint64, i), (long long) g_array_index (asset_ids, gint64, i),
               asset != NULL ? asset->mime_type : "?", duration);
    }
  if (data.n_clips > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Appended %u clip to timeline %lld\n",
                          "Appended %u clips to timeline %lld\n", data.n_clips),
             data.n_clips, (long long) data.timeline_id);
  return SECUENCIA_CLI_EXIT_OK;
}

/* ---- import-timeline ---- */

typedef struct
{
  char         *path;        /* resolved */
  SecuenciaTime offset;
  SecuenciaTime source_start;
  SecuenciaTime duration;
  int           lane;
  double        volume_db;
  gboolean      muted;
  char         *text;
  char         *character;
} SpecClip;

static void
spec_clip_free (SpecClip *clip)
{
  g_free (clip->path);
  g_free (clip->text);
  g_free (clip->character);
  g_free (clip);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpecClip, spec_clip_free)

typedef struct
{
  char      *name;
  GPtrArray *clips;          /* SpecClip* */
} Spec;

static void
spec_free (Spec *spec)
{
  g_free (spec->name);
  g_clear_pointer (&spec->clips, g_ptr_array_unref);
  g_free (spec);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Spec, spec_free)

static gboolean
spec_error (GError    **error,
            const char *spec_name,
            int         clip_index,
            const char *field,
            const char *reason)
{
  if (clip_index < 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("%s: field “%s”: %s"), spec_name, field, reason);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("%s: clip %d: field “%s”: %s"), spec_name, clip_index, field, reason);
  return FALSE;
}

/* Seconds as a JSON number (or a decimal string, parsed exactly). */
static gboolean
spec_time (JsonObject    *object,
           const char    *field,
           gboolean       required,
           const char    *spec_name,
           int            index,
           SecuenciaTime *out_time,
           GError       **error)
{
  JsonNode *node = json_object_get_member (object, field);
  g_autoptr(GError) local_error = NULL;

  *out_time = 0;
  if (node == NULL)
    return required ? spec_error (error, spec_name, index, field, _("missing (seconds)")) : TRUE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64)
        {
          gint64 seconds = json_node_get_int (node);
          if (seconds > SECUENCIA_TIME_MAX / SECUENCIA_TIME_SECOND
              || seconds < -SECUENCIA_TIME_MAX / SECUENCIA_TIME_SECOND)
            return spec_error (error, spec_name, index, field, _("too large"));
          *out_time = seconds * SECUENCIA_TIME_SECOND;
          return TRUE;
        }
      if (type == G_TYPE_DOUBLE)
        {
          if (!secuencia_time_from_seconds (json_node_get_double (node), out_time))
            return spec_error (error, spec_name, index, field, _("not a usable number of seconds"));
          return TRUE;
        }
      if (type == G_TYPE_STRING)
        {
          if (!secuencia_time_parse_seconds (json_node_get_string (node), out_time, &local_error))
            return spec_error (error, spec_name, index, field, local_error->message);
          return TRUE;
        }
    }
  return spec_error (error, spec_name, index, field, _("must be a number of seconds"));
}

static gboolean
spec_string (JsonObject  *object,
             const char  *field,
             gboolean     required,
             const char  *spec_name,
             int          index,
             char       **out_text,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  *out_text = NULL;
  if (node == NULL)
    return required ? spec_error (error, spec_name, index, field, _("missing (a string)")) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return spec_error (error, spec_name, index, field, _("must be a string"));
  *out_text = g_strdup (json_node_get_string (node));
  return TRUE;
}

static SpecClip *
parse_spec_clip (JsonNode   *node,
                 const char *spec_name,
                 const char *base_dir,
                 int         index,
                 GError    **error)
{
  g_autoptr(SpecClip) clip = g_new0 (SpecClip, 1);
  g_autofree char *file = NULL;
  JsonObject *object;
  JsonNode *member;
  static const char * const known[] = {
    "file", "offset", "source_start", "duration", "lane", "volume_db", "muted",
    "text", "character", NULL
  };

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: clip %d: must be an object"), spec_name, index);
      return NULL;
    }
  object = json_node_get_object (node);

  {
    g_autoptr(GList) members = json_object_get_members (object);
    /* Fields of a newer or richer spec are not an error; a misspelt
     * required field still is, as that field is then missing. */
    for (GList *l = members; l != NULL; l = l->next)
      if (!g_strv_contains (known, l->data))
        g_printerr (_("%s: clip %d: ignoring unknown field “%s”\n"),
                    spec_name, index, (const char *) l->data);
  }

  if (!spec_string (object, "file", TRUE, spec_name, index, &file, error))
    return NULL;
  if (*file == '\0')
    {
      spec_error (error, spec_name, index, "file", _("must not be empty"));
      return NULL;
    }
  clip->path = g_path_is_absolute (file) ? g_canonicalize_filename (file, NULL)
                                         : g_canonicalize_filename (file, base_dir);

  if (!spec_time (object, "offset", TRUE, spec_name, index, &clip->offset, error)
      || !spec_time (object, "source_start", TRUE, spec_name, index, &clip->source_start, error)
      || !spec_time (object, "duration", TRUE, spec_name, index, &clip->duration, error))
    return NULL;
  if (clip->offset < 0)
    {
      spec_error (error, spec_name, index, "offset", _("must not be negative"));
      return NULL;
    }
  if (clip->source_start < 0)
    {
      spec_error (error, spec_name, index, "source_start", _("must not be negative"));
      return NULL;
    }
  if (clip->duration <= 0)
    {
      spec_error (error, spec_name, index, "duration", _("must be positive"));
      return NULL;
    }

  member = json_object_get_member (object, "lane");
  if (member == NULL)
    {
      spec_error (error, spec_name, index, "lane", _("missing (an integer)"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64
      || json_node_get_int (member) < G_MININT || json_node_get_int (member) > G_MAXINT)
    {
      spec_error (error, spec_name, index, "lane", _("must be an integer"));
      return NULL;
    }
  clip->lane = (int) json_node_get_int (member);

  member = json_object_get_member (object, "volume_db");
  if (member != NULL)
    {
      GType type = JSON_NODE_HOLDS_VALUE (member) ? json_node_get_value_type (member) : G_TYPE_INVALID;
      if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
        {
          spec_error (error, spec_name, index, "volume_db", _("must be a number (dB)"));
          return NULL;
        }
      clip->volume_db = json_node_get_double (member);
      if (!isfinite (clip->volume_db))
        {
          spec_error (error, spec_name, index, "volume_db", _("must be a finite number (dB)"));
          return NULL;
        }
    }
  member = json_object_get_member (object, "muted");
  if (member != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        {
          spec_error (error, spec_name, index, "muted", _("must be true or false"));
          return NULL;
        }
      clip->muted = json_node_get_boolean (member);
    }
  if (!spec_string (object, "text", FALSE, spec_name, index, &clip->text, error)
      || !spec_string (object, "character", FALSE, spec_name, index, &clip->character, error))
    return NULL;

  if (!g_file_test (clip->path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *shown = display_path (clip->path);
      g_autofree char *reason = g_strdup_printf (_("“%s” does not exist or is not a file"), shown);
      spec_error (error, spec_name, index, "file", reason);
      return NULL;
    }
  return g_steal_pointer (&clip);
}

/* A spec is a few levels deep; json-glib parses nesting by recursion, so
 * a deeper one (thousands of brackets) would overflow the stack. */
#define SPEC_MAX_DEPTH 64
/* Far more than any spec of real clips needs. */
#define SPEC_MAX_SIZE (64 * 1024 * 1024)

/* The deepest nesting of arrays and objects in @text (strings skipped),
 * stopping once past @limit. */
static guint
json_depth (const char *text, gsize length, guint limit)
{
  guint depth = 0, deepest = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length && deepest <= limit; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return deepest;
}

/* The spec's text: a regular file (not a pipe or a device, which might
 * never end) of a sensible size, nested no deeper than a spec can be. */
static gboolean
read_spec_text (const char  *spec_path,
                const char  *spec_name,
                char       **out_text,
                gsize       *out_length,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  GStatBuf st;
  gsize length = 0;

  if (g_stat (spec_path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s: cannot read the spec: %s"), spec_name, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: the spec is not a regular file"), spec_name);
      return FALSE;
    }
  if (st.st_size > SPEC_MAX_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: the spec is larger than %d MiB"), spec_name, SPEC_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (!g_file_get_contents (spec_path, &text, &length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: cannot read the spec: %s"),
                   spec_name, local_error->message);
      return FALSE;
    }
  if (json_depth (text, length, SPEC_MAX_DEPTH) > SPEC_MAX_DEPTH)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: not a spec: arrays and objects nested more than %d levels deep"),
                   spec_name, SPEC_MAX_DEPTH);
      return FALSE;
    }
  *out_text = g_steal_pointer (&text);
  *out_length = length;
  return TRUE;
}

static Spec *
parse_spec (const char *spec_path,
            GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(Spec) spec = g_new0 (Spec, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *spec_name = display_path (spec_path);
  g_autofree char *absolute = g_canonicalize_filename (spec_path, NULL);
  g_autofree char *base_dir = g_path_get_dirname (absolute);
  JsonNode *root;
  JsonObject *object;
  JsonNode *clips;
  JsonArray *array;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!read_spec_text (spec_path, spec_name, &text, &length, error))
    return NULL;
  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: not valid JSON: %s"),
                   spec_name, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: the spec must be a JSON object with “name” and “clips”"), spec_name);
      return NULL;
    }
  object = json_node_get_object (root);
  if (!spec_string (object, "name", TRUE, spec_name, -1, &spec->name, error))
    return NULL;
  clips = json_object_get_member (object, "clips");
  if (clips == NULL || !JSON_NODE_HOLDS_ARRAY (clips))
    {
      spec_error (error, spec_name, -1, "clips", clips == NULL ? _("missing (an array of clips)")
                                                               : _("must be an array of clips"));
      return NULL;
    }
  array = json_node_get_array (clips);
  spec->clips = g_ptr_array_new_with_free_func ((GDestroyNotify) spec_clip_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      SpecClip *clip = parse_spec_clip (json_array_get_element (array, i), spec_name, base_dir, (int) i, error);
      if (clip == NULL)
        return NULL;
      g_ptr_array_add (spec->clips, clip);
    }
  return g_steal_pointer (&spec);
}

typedef struct
{
  Spec       *spec;
  const char *spec_name;
  gint64      timeline_id;
  guint       n_assets;
  GArray     *asset_ids;     /* gint64, each once */
} ImportData;

static char *
spec_clip_name (const SpecClip *clip)
{
  if (clip->character != NULL && *clip->character != '\0' && clip->text != NULL && *clip->text != '\0')
    return g_strdup_printf ("%s: %s", clip->character, clip->text);
  if (clip->text != NULL && *clip->text != '\0')
    return g_strdup (clip->text);
  if (clip->character != NULL && *clip->character != '\0')
    return g_strdup (clip->character);
  return g_path_get_basename (clip->path);
}

static char *
line_key (gint64 asset_id, const char *character, const char *text)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s", asset_id,
                          character != NULL ? character : "", text != NULL ? text : "");
}

static gboolean
import_in_transaction (SecuenciaProject *project,
                       gpointer          user_data,
                       GError          **error)
{
  ImportData *data = user_data;
  g_autoptr(GHashTable) assets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(SecuenciaTimeline) timeline = secuencia_timeline_new (data->spec->name);
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) lines = NULL;
  g_autoptr(GPtrArray) elements = NULL;

  /* Clips with text or a character speak a screenplay line: an existing
   * one with the same character, text and audio, else a new one. */
  elements = secuencia_project_list_elements (project, error);
  if (elements == NULL)
    return FALSE;
  lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < elements->len; i++)
    {
      const SecuenciaElementInfo *element = g_ptr_array_index (elements, i);

      if (element->kind == SECUENCIA_ELEMENT_DIALOGUE && element->asset_id != 0)
        g_hash_table_insert (lines, line_key (element->asset_id, element->character, element->text),
                             g_memdup2 (&element->id, sizeof element->id));
    }

  for (guint i = 0; i < data->spec->clips->len; i++)
    {
      const SpecClip *spec_clip = g_ptr_array_index (data->spec->clips, i);
      g_autoptr(SecuenciaClip) clip = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 *asset_id = g_hash_table_lookup (assets, spec_clip->path);

      if (asset_id == NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_path (spec_clip->path);
          g_autoptr(SecuenciaAssetInfo) info = NULL;
          gint64 id = secuencia_project_import_audio (project, file, NULL, &local_error);

          if (id != 0)
            info = secuencia_project_get_asset (project, id, &local_error);
          if (info == NULL)
            {
              g_set_error (error, local_error->domain, local_error->code,
                           _("%s: clip %u: field “file”: %s"), data->spec_name, i, local_error->message);
              return FALSE;
            }
          asset_id = g_memdup2 (&id, sizeof id);
          g_hash_table_insert (assets, spec_clip->path, asset_id);
          if (g_hash_table_add (distinct, asset_id))
            g_array_append_val (data->asset_ids, id);
          secuencia_timeline_register_asset (timeline, id, info->duration);
        }

      clip = secuencia_clip_new (*asset_id, spec_clip->offset, spec_clip->source_start,
                                 spec_clip->duration, spec_clip->lane);
      clip->volume_db = spec_clip->volume_db;
      clip->muted = spec_clip->muted;
      g_free (clip->name);
      clip->name = spec_clip_name (spec_clip);
      if ((spec_clip->text != NULL && *spec_clip->text != '\0')
          || (spec_clip->character != NULL && *spec_clip->character != '\0'))
        {
          g_autofree char *key = line_key (*asset_id, spec_clip->character, spec_clip->text);
          gint64 *element_id = g_hash_table_lookup (lines, key);

          if (element_id == NULL)
            {
              gint64 id = secuencia_project_append_element (project, spec_clip->character, spec_clip->text,
                                                            *asset_id, error);
              if (id == 0)
                return FALSE;
              element_id = g_memdup2 (&id, sizeof id);
              g_hash_table_insert (lines, g_steal_pointer (&key), element_id);
            }
          clip->element_id = *element_id;
        }
      if (secuencia_timeline_insert (timeline, clip, &local_error) == 0)
        {
          const char *field = "duration";
          SecuenciaTime length = secuencia_timeline_get_asset_duration (timeline, *asset_id);

          if (g_error_matches (local_error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_OFFSET))
            field = "offset";
          else if (g_error_matches (local_error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_SOURCE)
                   && length >= 0)
            {
              /* Name the file, and the field that goes past its end: the
               * start itself, or the duration after a start inside it. */
              g_autofree char *file = esc (g_filename_display_basename (spec_clip->path));
              g_autofree char *file_length = secuencia_time_format_seconds (length);
              g_autofree char *start = secuencia_time_format_seconds (spec_clip->source_start);
              g_autofree char *end = secuencia_time_format_seconds (spec_clip->source_start + MIN (spec_clip->duration, SECUENCIA_TIME_MAX - spec_clip->source_start));

              if (spec_clip->source_start >= length)
                g_set_error (error, local_error->domain, local_error->code,
                             _("%s: clip %u: field “source_start”: %s s is past the end of “%s”, which is %s s long"),
                             data->spec_name, i, start, file, file_length);
              else
                g_set_error (error, local_error->domain, local_error->code,
                             _("%s: clip %u: field “duration”: the clip would end at %s s, past the end of “%s”, which is %s s long"),
                             data->spec_name, i, end, file, file_length);
              return FALSE;
            }
          g_set_error (error, local_error->domain, local_error->code,
                       _("%s: clip %u: field “%s”: %s"), data->spec_name, i, field, local_error->message);
          return FALSE;
        }
    }

  if (!secuencia_project_save_timeline (project, timeline, NULL, NULL, NULL, error))
    return FALSE;
  data->timeline_id = secuencia_timeline_get_id (timeline);
  data->n_assets = g_hash_table_size (distinct);
  return TRUE;
}

static int
cmd_import_timeline (int argc, char **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Spec) spec = NULL;
  g_autofree char *spec_name = NULL;
  g_autofree char *project_path = NULL;
  gboolean created;
  ImportData data = { NULL };
  g_autoptr(GArray) asset_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int status = 0;

  if (!parse_options (argc, argv, commands[2].synopsis, commands[2].summary, NULL, &args, &status))
    return status;
  if (g_strv_length (args) != 2)
    return usage_error (argv[0], _("expected a PROJECT and a SPEC.json"));

  /* Everything in the spec is checked before the project is touched. */
  spec = parse_spec (args[1], &error);
  if (spec == NULL)
    return fail (error);

  created = !g_file_test (args[0], G_FILE_TEST_EXISTS);
  project = secuencia_project_open (args[0], SECUENCIA_PROJECT_OPEN_CREATE, &error);
  if (project == NULL)
    return fail (error);
  project_path = g_strdup (secuencia_project_get_path (project));

  spec_name = display_path (args[1]);
  data.spec = spec;
  data.spec_name = spec_name;
  data.asset_ids = asset_ids;
  if (!secuencia_project_transaction (project, import_in_transaction, &data, &error))
    {
      g_clear_object (&project);
      if (created)
        remove_project_file (project_path);
      return fail (error);
    }
  store_peaks (project, asset_ids, NULL);

  {
    g_autofree char *timeline_name = secuencia_cli_escape (spec->name);

    g_print (_("Imported %u clips (%u audio files) into timeline “%s”\n"),
             spec->clips->len, data.n_assets, timeline_name);
  }
  g_print (_("Timeline id: %lld\n"), (long long) data.timeline_id);
  return SECUENCIA_CLI_EXIT_OK;
}

/* ---- info ---- */

static char *
format_size (gint64 size)
{
  return g_format_size ((guint64) MAX (size, 0));
}

static int
compare_strings (const char **a, const char **b, gpointer unused)
{
  return g_strcmp0 (*a, *b);
}

static int
cmd_info (int argc, char **argv)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) timelines = NULL;
  g_autoptr(GHashTable) metadata = NULL;
  g_autoptr(GBytes) cover = NULL;
  g_autofree char *cover_type = NULL;
  g_autofree char *cover_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *shown = NULL;
  gboolean json = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the whole project as JSON"), NULL },
    { NULL }
  };

  if (!parse_options (argc, argv, commands[3].synopsis, commands[3].summary, entries, &args, &status))
    return status;
  if (g_strv_length (args) != 1)
    return usage_error (argv[0], _("expected exactly one PROJECT"));

  project = secuencia_project_open (args[0], SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    return fail (error);
  if (json)
    {
      g_autofree char *text = secuencia_cli_info_json (project, &error);

      if (text == NULL)
        return fail (error);
      /* UTF-8 as it is, whatever the locale. */
      fputs (text, stdout);
      return SECUENCIA_CLI_EXIT_OK;
    }
  if (!secuencia_project_begin_read (project, &error))
    return fail (error);
  name = secuencia_project_dup_name (project);
  assets = secuencia_project_list_assets (project, &error);
  if (assets != NULL)
    elements = secuencia_project_list_elements (project, &error);
  if (elements != NULL)
    timelines = secuencia_project_list_timelines (project, &error);
  if (timelines != NULL)
    metadata = secuencia_project_dup_all_metadata (project, &error);
  if (metadata != NULL)
    cover = secuencia_project_dup_cover (project, &cover_type, &cover_name, &error);
  secuencia_project_end_read (project);
  if (metadata == NULL || error != NULL)
    return fail (error);

  /* Stored text is printed escaped: it may hold anything, even terminal
   * escape sequences. */
  shown = esc (display_path (secuencia_project_get_path (project)));
  name = esc (name);
  g_print (_("Project: %s\n"), name);
  g_print (_("File: %s\n"), shown);

  g_print (_("Assets: %u\n"), assets->len);
  for (guint i = 0; i < assets->len; i++)
    {
      const SecuenciaAssetInfo *asset = g_ptr_array_index (assets, i);
      g_autofree char *duration = secuencia_time_format (asset->duration);
      g_autofree char *size = format_size (asset->size);

      g_autofree char *file_name = secuencia_cli_escape (asset->file_name);
      g_autofree char *mime_type = secuencia_cli_escape (asset->mime_type);
      g_autofree char *hash = secuencia_cli_escape (asset->content_hash);

      g_print ("  %" G_GINT64_FORMAT "  %s  %s  %s  %s  sha256:%.12s\n", asset->id,
               file_name, mime_type, duration, size, hash);
    }

  g_print (_("Screenplay elements: %u\n"), elements->len);
  for (guint i = 0; i < elements->len; i++)
    {
      const SecuenciaElementInfo *element = g_ptr_array_index (elements, i);
      g_autofree char *audio = NULL;

      if (element->asset_id != 0)
        {
          g_autofree char *duration = secuencia_time_format (element->duration);
          audio = g_strdup_printf (_("asset %lld, %s"), (long long) element->asset_id, duration);
        }
      else
        audio = g_strdup (_("no audio"));
      g_autofree char *text = secuencia_cli_escape (element->text);
      g_autofree char *character = secuencia_cli_escape (element->character);

      if (element->kind != SECUENCIA_ELEMENT_DIALOGUE)
        g_print ("  %" G_GINT64_FORMAT ". [%s] %s  (element %" G_GINT64_FORMAT "; %s)\n",
                 element->position + 1, secuencia_element_kind_to_string (element->kind),
                 text, element->id, audio);
      else
        g_print ("  %" G_GINT64_FORMAT ". %s%s%s  (element %" G_GINT64_FORMAT "; %s)\n",
                 element->position + 1, character,
                 *character != '\0' ? ": " : "", text, element->id, audio);
    }

  g_print (_("Timelines: %u\n"), timelines->len);
  for (guint i = 0; i < timelines->len; i++)
    {
      const SecuenciaTimelineInfo *timeline = g_ptr_array_index (timelines, i);
      g_autofree char *duration = secuencia_time_format (timeline->duration);
      g_autofree char *timeline_name = secuencia_cli_escape (timeline->name);

      g_print (_("  %lld  “%s”  %u clips  %s\n"), (long long) timeline->id, timeline_name,
               timeline->n_clips, duration);
    }

  if (g_hash_table_size (metadata) > 0 || cover != NULL)
    {
      g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (metadata, NULL);

      g_print ("%s\n", _("Tags:"));
#if GLIB_CHECK_VERSION (2, 82, 0)
      g_sort_array (keys, g_hash_table_size (metadata), sizeof (char *),
                    (GCompareDataFunc) compare_strings, NULL);
#else
      g_qsort_with_data (keys, g_hash_table_size (metadata), sizeof (char *),
                         (GCompareDataFunc) compare_strings, NULL);
#endif
      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autofree char *key = secuencia_cli_escape (keys[i]);
          g_autofree char *value = secuencia_cli_escape (g_hash_table_lookup (metadata, keys[i]));

          g_print ("  %s: %s\n", key, value);
        }
      if (cover != NULL)
        {
          g_autofree char *size = format_size ((gint64) g_bytes_get_size (cover));
          g_autofree char *cover_shown = secuencia_cli_escape (cover_name);
          g_autofree char *type_shown = secuencia_cli_escape (cover_type);

          g_print (_("  cover: %s (%s, %s)\n"), cover_shown, type_shown, size);
        }
    }
  return SECUENCIA_CLI_EXIT_OK;
}

/* ---- main ---- */

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: secuencia-cli COMMAND [ARGUMENTS…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %s %s\n      %s\n", commands[i].name, _(commands[i].synopsis), _(commands[i].summary));
  fprintf (out, "  help\n      %s\n", _("Show this help"));
  fprintf (out, "\n%s\n", _("Run “secuencia-cli COMMAND --help” for the options of a command."));
}

int
secuencia_cli_main (int argc, char **argv)
{
  const char *name;

  g_return_val_if_fail (argc >= 1 && argv != NULL, SECUENCIA_CLI_EXIT_USAGE);

  if (g_get_prgname () == NULL)
    g_set_prgname ("secuencia-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return SECUENCIA_CLI_EXIT_OK;
    }
  if (g_str_equal (name, "--version"))
    {
      g_print ("secuencia-cli %s\n", PACKAGE_VERSION);
      return SECUENCIA_CLI_EXIT_OK;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  g_printerr (_("secuencia-cli: unknown command “%s”\n"), name);
  print_usage (stderr);
  return SECUENCIA_CLI_EXIT_USAGE;
}
