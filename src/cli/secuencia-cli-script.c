/* secuencia-cli-script.c: `secuencia-cli import-script PROJECT SCRIPT.fountain`. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>

#include "secuencia-cli-util.h"
#include "secuencia-cli.h"
#include "secuencia-cli-script.h"
#include "secuencia-project.h"
#include "secuencia-scratch-voices.h"

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
  if (!secuencia_cli_parse (context, argc, argv, &error))
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

/* ---- voice ---- */

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  gboolean      done;
  gboolean      ok;
  guint         n_voiced;
  GError       *error;
  int           signal_number;
} VoiceCli;

static void
on_voice_progress (guint done, guint total, const char *character, gpointer user_data)
{
  /* worker thread: stderr is line buffered and thread-safe */
  g_printerr (_("Voiced line %u of %u (%s)\n"), done, total, character);
}

static void
on_voiced (GObject *source, GAsyncResult *result, gpointer user_data)
{
  VoiceCli *cli = user_data;

  cli->ok = secuencia_scratch_voices_finish (result, &cli->n_voiced, &cli->error);
  cli->done = TRUE;
  g_main_loop_quit (cli->loop);
}

static gboolean
on_voice_signal (gpointer user_data)
{
  VoiceCli *cli = user_data;

  g_cancellable_cancel (cli->cancellable);
  return G_SOURCE_CONTINUE;
}

int
secuencia_cli_voice (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *shown = NULL;
  gboolean narrate = FALSE;
  VoiceCli cli = { 0 };
  guint sigint_id, sigterm_id;
  GOptionEntry entries[] = {
    { "narrate-action", 0, 0, G_OPTION_ARG_NONE, &narrate,
      N_("Also voice action paragraphs, as a narrator"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT — give lines without audio a scratch voice (espeak-ng)"));
  g_option_context_set_summary (context,
    _("One distinct voice per character. Lines that already have audio are left alone; a recorded take can replace a scratch voice later."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!secuencia_cli_parse (context, argc, argv, &error))
    {
      g_printerr ("secuencia-cli %s: %s\n", argv[0], error->message);
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  if (rest == NULL || g_strv_length (rest) != 1)
    {
      g_printerr (_("secuencia-cli %s: expected exactly one PROJECT\n"), argv[0]);
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  shown = g_filename_display_name (rest[0]);
  if (!g_file_test (rest[0], G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("secuencia-cli: Cannot open “%s”: no such project file\n"), shown);
      return SECUENCIA_CLI_EXIT_FAILURE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  cli.loop = loop;
  cli.cancellable = cancellable;
  sigint_id = g_unix_signal_add (SIGINT, on_voice_signal, &cli);
  sigterm_id = g_unix_signal_add (SIGTERM, on_voice_signal, &cli);
  secuencia_scratch_voices_async (rest[0], narrate, on_voice_progress, NULL, cancellable, on_voiced, &cli);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (!cli.ok)
    {
      g_printerr ("secuencia-cli: %s\n", cli.error->message);
      g_clear_error (&cli.error);
      return SECUENCIA_CLI_EXIT_FAILURE;
    }
  g_print (ngettext ("Gave %u line a scratch voice in %s\n", "Gave %u lines a scratch voice in %s\n",
                     cli.n_voiced), cli.n_voiced, shown);
  return SECUENCIA_CLI_EXIT_OK;
}
