/* secuencia-cli-script.c: `secuencia-cli import-script PROJECT SCRIPT.fountain`. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "secuencia-cli-util.h"
#include "secuencia-cli.h"
#include "secuencia-cli-script.h"
#include "secuencia-project.h"

static void
remove_project_file (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

int
secuencia_cli_import_script (int    argc,
                             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(SecuenciaFountainScript) script = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *shown_script = NULL;
  g_autofree char *shown_project = NULL;
  g_autofree char *name = NULL;
  gboolean created;
  guint n_elements = 0, kept = 0, n_dialogue = 0, n_scenes = 0;
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT SCRIPT.fountain — import a Fountain screenplay"));
  g_option_context_set_summary (context,
    _("Creates PROJECT when it is missing. Importing an edited script again keeps the audio of the lines that did not change."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("secuencia-cli %s: %s\n", argv[0], error->message);
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  if (rest == NULL || g_strv_length (rest) != 2)
    {
      g_printerr (_("secuencia-cli %s: expected a PROJECT and one SCRIPT.fountain\n"), argv[0]);
      return SECUENCIA_CLI_EXIT_USAGE;
    }

  shown_project = g_filename_display_name (rest[0]);
  shown_script = g_filename_display_name (rest[1]);
  file = secuencia_cli_file_for_arg (rest[1]);
  if (!g_file_query_exists (file, NULL))
    {
      g_printerr (_("secuencia-cli: Could not read the script “%s”: no such file\n"), shown_script);
      return SECUENCIA_CLI_EXIT_FAILURE;
    }

  created = !g_file_test (rest[0], G_FILE_TEST_EXISTS);
  project = secuencia_project_open (rest[0], created ? SECUENCIA_PROJECT_OPEN_CREATE : SECUENCIA_PROJECT_OPEN_DEFAULT,
                                    &error);
  if (project == NULL)
    {
      g_printerr ("secuencia-cli: %s\n", error->message);
      return SECUENCIA_CLI_EXIT_FAILURE;
    }

  script = secuencia_project_import_script (project, file, &n_elements, &kept, NULL, &error);
  if (script == NULL)
    {
      g_printerr ("secuencia-cli: %s\n", error->message);
      if (created)
        {
          g_autofree char *path = g_strdup (secuencia_project_get_path (project));
          g_clear_object (&project);
          remove_project_file (path);
        }
      return SECUENCIA_CLI_EXIT_FAILURE;
    }

  for (guint i = 0; i < script->problems->len; i++)
    {
      SecuenciaFountainProblem *problem = script->problems->pdata[i];
      g_printerr ("%s:%u: %s\n", shown_script, problem->line, problem->message);
    }
  for (guint i = 0; i < script->elements->len; i++)
    {
      SecuenciaFountainElement *element = script->elements->pdata[i];
      n_dialogue += element->kind == SECUENCIA_FOUNTAIN_DIALOGUE;
      n_scenes += element->kind == SECUENCIA_FOUNTAIN_SCENE_HEADING;
    }
  name = secuencia_project_dup_name (project);
  if (created)
    g_print (_("Created project “%s” in %s\n"), name, shown_project);
  g_print (_("Imported “%s”: %u scenes, %u lines of dialogue, %u elements in all; %u lines kept their audio\n"),
           shown_script, n_scenes, n_dialogue, n_elements, kept);
  if (script->problems->len > 0)
    g_print (_("%u parts of the script were not understood (listed above)\n"), script->problems->len);
  return SECUENCIA_CLI_EXIT_OK;
}
