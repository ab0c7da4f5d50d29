/* secuencia-cli-takes.c: `secuencia-cli takes` and `match-takes`. */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-cli.h"
#include "secuencia-cli-takes.h"
#include "secuencia-cli-util.h"
#include "secuencia-project.h"
#include "secuencia-take-matcher.h"

static int
usage (const char *command, const char *message)
{
  g_printerr ("secuencia-cli %s: %s\n", command, message);
  g_printerr (_("Run “secuencia-cli %s --help” for usage.\n"), command);
  return SECUENCIA_CLI_EXIT_USAGE;
}

static int
fail (const GError *error)
{
  g_printerr ("secuencia-cli: %s\n", error->message);
  return SECUENCIA_CLI_EXIT_FAILURE;
}

static char *
asset_label (SecuenciaProject *project, gint64 asset)
{
  g_autoptr(SecuenciaAssetInfo) info = secuencia_project_get_asset (project, asset, NULL);
  g_autofree char *name = NULL;
  g_autofree char *duration = NULL;

  if (info == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, asset);
  name = secuencia_cli_escape (info->file_name);
  duration = secuencia_time_format (info->duration);
  return g_strdup_printf ("%" G_GINT64_FORMAT " %s (%s)", asset, name, duration);
}

static char *
line_label (const SecuenciaElementInfo *line)
{
  g_autofree char *character = secuencia_cli_escape (line->character);
  g_autofree char *text = secuencia_cli_escape (line->text);

  return line->character[0] != '\0' ? g_strdup_printf ("%s: %s", character, text) : g_strdup (text);
}

int
secuencia_cli_takes (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  gint64 line = 0, restore = 0;
  GOptionEntry entries[] = {
    { "line", 0, 0, G_OPTION_ARG_INT64, &line, N_("The line (its id) whose take to restore"), N_("ID") },
    { "restore", 0, 0, G_OPTION_ARG_INT64, &restore, N_("Make this earlier take (its asset id) the line’s audio again"), N_("ASSET") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT [--line ID --restore ASSET] — list or restore the lines’ takes"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!secuencia_cli_parse (context, argc, argv, &error))
    return usage (argv[0], error->message);
  if (rest == NULL || g_strv_length (rest) != 1)
    return usage (argv[0], _("expected one PROJECT"));
  if ((line != 0) != (restore != 0))
    return usage (argv[0], _("--line and --restore go together"));

  project = secuencia_project_open (rest[0], restore != 0 ? SECUENCIA_PROJECT_OPEN_DEFAULT
                                                          : SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    return fail (error);

  if (restore != 0)
    {
      g_autoptr(GPtrArray) takes = secuencia_project_list_takes (project, line, &error);
      gboolean listed = FALSE;

      if (takes == NULL)
        return fail (error);
      for (guint i = 0; i < takes->len; i++)
        listed |= ((SecuenciaTake *) takes->pdata[i])->asset_id == restore;
      if (!listed)
        {
          g_printerr (_("secuencia-cli: Line %" G_GINT64_FORMAT " has no earlier take %" G_GINT64_FORMAT
                        " (see “secuencia-cli takes %s”)\n"), line, restore, rest[0]);
          return SECUENCIA_CLI_EXIT_FAILURE;
        }
      if (!secuencia_project_replace_take (project, line, restore, &error))
        return fail (error);
      {
        g_autofree char *label = asset_label (project, restore);
        g_print (_("Line %" G_GINT64_FORMAT " has its take %s again\n"), line, label);
      }
      return SECUENCIA_CLI_EXIT_OK;
    }

  elements = secuencia_project_list_elements (project, &error);
  if (elements == NULL)
    return fail (error);
  for (guint i = 0; i < elements->len; i++)
    {
      const SecuenciaElementInfo *info = elements->pdata[i];
      g_autoptr(GPtrArray) takes = NULL;
      g_autofree char *label = NULL;

      if (info->kind == SECUENCIA_ELEMENT_SCENE)
        continue;
      takes = secuencia_project_list_takes (project, info->id, &error);
      if (takes == NULL)
        return fail (error);
      label = line_label (info);
      g_print ("%" G_GINT64_FORMAT "\t%s\n", info->id, label);
      if (info->asset_id != 0)
        {
          g_autofree char *current = asset_label (project, info->asset_id);
          /* Translators: `takes` output: the line's audio now */
          g_print ("\t%s %s%s\n", _("current:"), current, info->scratch ? _(" [scratch]") : "");
        }
      for (guint j = 0; j < takes->len; j++)
        {
          const SecuenciaTake *take = takes->pdata[j];
          g_autofree char *earlier = asset_label (project, take->asset_id);
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (take->replaced_at);
          g_autofree char *date = when != NULL ? g_date_time_format_iso8601 (when) : g_strdup ("");

          /* Translators: `takes` output: an earlier take, when it was replaced */
          g_print ("\t%s %s%s, %s %s\n", _("earlier:"), earlier, take->scratch ? _(" [scratch]") : "",
                   _("replaced"), date);
        }
    }
  return SECUENCIA_CLI_EXIT_OK;
}

/* ---- match-takes ---- */

typedef struct
{
  GFile     *folder;
  GPtrArray *chosen;    /* SecuenciaTakeMatch* (not owned) */
} MatchApply;

static gboolean
apply_matches (SecuenciaProject *project, gpointer user_data, GError **error)
{
  MatchApply *apply = user_data;

  for (guint i = 0; i < apply->chosen->len; i++)
    {
      const SecuenciaTakeMatch *match = apply->chosen->pdata[i];
      g_autoptr(GFile) file = g_file_get_child (apply->folder, match->file_name);
      g_autofree char *shown = secuencia_cli_escape (match->file_name);
      gint64 asset;

      g_printerr (_("Reading “%s” (%u of %u)\n"), shown, i + 1, apply->chosen->len);
      asset = secuencia_project_import_audio (project, file, NULL, error);
      if (asset <= 0 || !secuencia_project_replace_take (project, match->element_id, asset, error))
        return FALSE;
    }
  return TRUE;
}

int
secuencia_cli_match_takes (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SecuenciaTakeMatches) matches = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Only show the matches; change nothing"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT FOLDER [--dry-run] — give lines the recordings in FOLDER, matched by name"));
  g_option_context_set_summary (context,
    _("Names are read as scene and line (S02_L05.wav, 2-5 ana.flac, scene2_line5.wav), as a character and "
      "the number of their line (ANA_03.wav: Ana’s third line) or as the number of the line (line_012.wav). "
      "The lines’ takes so far are kept."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!secuencia_cli_parse (context, argc, argv, &error))
    return usage (argv[0], error->message);
  if (rest == NULL || g_strv_length (rest) != 2)
    return usage (argv[0], _("expected a PROJECT and a FOLDER"));

  project = secuencia_project_open (rest[0], dry_run ? SECUENCIA_PROJECT_OPEN_READ_ONLY
                                                     : SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  if (project == NULL)
    return fail (error);
  elements = secuencia_project_list_elements (project, &error);
  if (elements == NULL)
    return fail (error);

  folder = secuencia_cli_file_for_arg (rest[1]);
  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (children == NULL)
    {
      g_autofree char *shown = g_filename_display_name (rest[1]);
      g_printerr (_("secuencia-cli: Could not read the folder “%s”: %s\n"), shown, error->message);
      return SECUENCIA_CLI_EXIT_FAILURE;
    }
  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (children, &info, NULL, NULL, &error))
        return fail (error);
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  matches = secuencia_take_matcher_match (elements, (const char * const *) names->pdata, names->len);

  for (guint i = 0; i < matches->matches->len; i++)
    {
      const SecuenciaTakeMatch *match = matches->matches->pdata[i];
      g_autofree char *file = secuencia_cli_escape (match->file_name);
      g_autofree char *line = NULL;

      for (guint j = 0; j < elements->len && line == NULL; j++)
        if (((SecuenciaElementInfo *) elements->pdata[j])->id == match->element_id)
          line = line_label (elements->pdata[j]);
      if (match->duplicate)
        /* Translators: match-takes: a file for a line that has a better one */
        g_print (_("%s → line %" G_GINT64_FORMAT " %s (another file of this line is used)\n"),
                 file, match->element_id, line);
      else
        {
          g_print ("%s → line %" G_GINT64_FORMAT " %s\n", file, match->element_id, line);
          g_ptr_array_add (chosen, (gpointer) match);
        }
    }
  for (guint i = 0; i < matches->unmatched_files->len; i++)
    {
      const SecuenciaTakeMatch *match = matches->unmatched_files->pdata[i];
      g_autofree char *file = secuencia_cli_escape (match->file_name);

      g_print (_("%s: not matched: %s\n"), file, match->reason);
    }
  {
    g_autofree char *files = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u recording matches a line",
                                                           "%u recordings match a line", chosen->len), chosen->len);
    guint n_lines = matches->unmatched_lines->len;
    g_autofree char *lines = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u line has none",
                                                           "%u lines have none", n_lines), n_lines);
    /* Translators: match-takes summary: "2 recordings match a line; 1 line has none" */
    g_print (_("%s; %s\n"), files, lines);
  }
  if (dry_run || chosen->len == 0)
    return SECUENCIA_CLI_EXIT_OK;

  {
    MatchApply apply = { folder, chosen };

    if (!secuencia_project_transaction (project, apply_matches, &apply, &error))
      {
        g_printerr (_("secuencia-cli: No take was replaced: %s\n"), error->message);
        return SECUENCIA_CLI_EXIT_FAILURE;
      }
  }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Replaced %u take\n", "Replaced %u takes\n", chosen->len), chosen->len);
  return SECUENCIA_CLI_EXIT_OK;
}
