/* secuencia-cli-tags.c: tag options, and `secuencia-cli set PROJECT --title …`. */
#include "config.h"

#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#define MAX_COVER_SIZE (16 * 1024 * 1024)

#include "secuencia-cli.h"
#include "secuencia-cli-tags.h"
#include "secuencia-cli-util.h"
#include "secuencia-project.h"

void
secuencia_cli_tags_clear (SecuenciaCliTags *tags)
{
  g_clear_pointer (&tags->title, g_free);
  g_clear_pointer (&tags->artist, g_free);
  g_clear_pointer (&tags->album, g_free);
  g_clear_pointer (&tags->year, g_free);
  g_clear_pointer (&tags->genre, g_free);
  g_clear_pointer (&tags->comment, g_free);
  g_clear_pointer (&tags->cover, g_free);
}

void
secuencia_cli_tags_add_options (SecuenciaCliTags *tags,
                                GOptionContext   *context)
{
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &tags->title, N_("Title tag"), N_("TEXT") },
    { "artist", 0, 0, G_OPTION_ARG_STRING, &tags->artist, N_("Artist or author tag"), N_("TEXT") },
    { "album", 0, 0, G_OPTION_ARG_STRING, &tags->album, N_("Album or show tag"), N_("TEXT") },
    { "year", 0, 0, G_OPTION_ARG_STRING, &tags->year, N_("Year tag"), N_("YEAR") },
    { "genre", 0, 0, G_OPTION_ARG_STRING, &tags->genre, N_("Genre tag"), N_("TEXT") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &tags->comment, N_("Comment tag"), N_("TEXT") },
    { "cover", 0, 0, G_OPTION_ARG_FILENAME, &tags->cover,
      N_("Cover image (JPEG or PNG)"), N_("FILE") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("tags", _("Tag options:"),
                                            _("Show the tag options"), NULL, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  /* the entries are copied by the group */
  g_option_group_add_entries (group, entries);
  g_option_context_add_group (context, group);
}

gboolean
secuencia_cli_tags_any (const SecuenciaCliTags *tags)
{
  return tags->title != NULL || tags->artist != NULL || tags->album != NULL ||
         tags->year != NULL || tags->genre != NULL || tags->comment != NULL ||
         tags->cover != NULL;
}

GHashTable *
secuencia_cli_tags_to_table (const SecuenciaCliTags *tags)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const struct { const char *key; const char *value; } pairs[] = {
    { SECUENCIA_METADATA_TITLE, tags->title },
    { SECUENCIA_METADATA_ARTIST, tags->artist },
    { SECUENCIA_METADATA_ALBUM, tags->album },
    { SECUENCIA_METADATA_YEAR, tags->year },
    { SECUENCIA_METADATA_GENRE, tags->genre },
    { SECUENCIA_METADATA_COMMENT, tags->comment },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (pairs[i].value != NULL)
      g_hash_table_insert (table, g_strdup (pairs[i].key), g_strdup (pairs[i].value));
  return table;
}

gboolean
secuencia_cli_tags_validate (const SecuenciaCliTags *tags,
                             GError                **error)
{
  guint64 year;
  g_autofree char *digits = NULL;

  if (tags->year == NULL || *tags->year == '\0')
    return TRUE;
  digits = g_strndup (tags->year, 4);
  if (!g_ascii_string_to_unsigned (digits, 10, 1, 9999, &year, NULL) ||
      (tags->year[4] != '\0' && tags->year[4] != '-'))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("invalid --year “%s”: give a year such as 2026"), tags->year);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GHashTable *text;
  GBytes     *cover;
  const char *cover_name;
  gboolean    remove_cover;
} SetData;

static gboolean
set_in_transaction (SecuenciaProject *project,
                    gpointer          user_data,
                    GError          **error)
{
  SetData *data = user_data;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, data->text);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!secuencia_project_set_metadata (project, key, value, error))
      return FALSE;
  if (data->cover != NULL &&
      !secuencia_project_set_cover (project, data->cover, data->cover_name, error))
    return FALSE;
  if (data->remove_cover && !secuencia_project_set_cover (project, NULL, NULL, error))
    return FALSE;
  return TRUE;
}

/* Reads a cover image named on the command line; an empty name is "remove". */
static GBytes *
read_cover (const char  *path,
            char       **out_name,
            GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *shown = g_filename_display_name (path);
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  GStatBuf st;

  /* Only a regular file of a sane size is read (not /dev/zero, not a
   * pipe, which would be read forever or block). */
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("Cannot read the cover image “%s”: it is not a regular file"), shown);
      return NULL;
    }
  if (g_stat (path, &st) == 0 && st.st_size > MAX_COVER_SIZE)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Cannot read the cover image “%s”: it is larger than %d MB"), shown,
                   MAX_COVER_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, G_FILE_ERROR, local_error->code,
                   _("Cannot read the cover image “%s”: %s"), shown, local_error->message);
      return NULL;
    }
  if (secuencia_image_sniff_mime_type ((const guint8 *) contents, length) == NULL)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                   _("“%s” is not a JPEG or PNG image; cover art must be one of these"), shown);
      return NULL;
    }
  *out_name = g_path_get_basename (path);
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

int
secuencia_cli_set (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SecuenciaCliTags) tags = { 0 };
  g_auto(GStrv) rest = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GHashTable) text = NULL;
  g_autoptr(GBytes) cover = NULL;
  g_autofree char *cover_name = NULL;
  gboolean remove_cover = FALSE;
  SetData data = { 0 };
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT [--title T] [--artist A] [--album A] [--year Y] "
                                    "[--genre G] [--comment C] [--cover FILE]"));
  g_option_context_set_summary (context,
    _("Store tags and a cover image in the project; every export writes them. "
      "An empty value (--title \"\") removes a tag, --cover \"\" the cover."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  secuencia_cli_tags_add_options (&tags, context);

  if (!secuencia_cli_parse (context, argc, argv, &error) ||
      !secuencia_cli_tags_validate (&tags, &error))
    {
      g_printerr ("secuencia-cli set: %s\n", error->message);
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    {
      g_printerr (_("secuencia-cli set: give exactly one PROJECT file\n"));
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  if (!secuencia_cli_tags_any (&tags))
    {
      g_printerr (_("secuencia-cli set: give at least one of --title, --artist, --album, "
                    "--year, --genre, --comment, --cover\n"));
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  if (tags.cover != NULL && *tags.cover == '\0')
    remove_cover = TRUE;
  else if (tags.cover != NULL && (cover = read_cover (tags.cover, &cover_name, &error)) == NULL)
    {
      g_printerr ("secuencia-cli: %s\n", error->message);
      return SECUENCIA_CLI_EXIT_FAILURE;
    }

  project = secuencia_project_open (rest[0], SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  if (project == NULL)
    {
      g_printerr ("secuencia-cli: %s\n", error->message);
      return SECUENCIA_CLI_EXIT_FAILURE;
    }
  text = secuencia_cli_tags_to_table (&tags);
  data.text = text;
  data.cover = cover;
  data.cover_name = cover_name;
  data.remove_cover = remove_cover;
  if (!secuencia_project_transaction (project, set_in_transaction, &data, &error))
    {
      g_printerr ("secuencia-cli: %s\n", error->message);
      return SECUENCIA_CLI_EXIT_FAILURE;
    }
  return SECUENCIA_CLI_EXIT_OK;
}
