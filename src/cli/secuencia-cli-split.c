/* secuencia-cli-split.c: `secuencia-cli export … --split scenes|lanes`
 * (the parts are planned and written by secuencia-export-split.c). */
#include "config.h"

#include <signal.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "secuencia-cli.h"
#include "secuencia-cli-split.h"
#include "secuencia-export-split.h"
#include "secuencia-project.h"

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GError       *error;
  int           signal_number;
  gboolean      done;
} SplitRun;

static void
on_split_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SplitRun *run = user_data;

  secuencia_export_split_finish (result, NULL, &run->error);
  run->done = TRUE;
  g_main_loop_quit (run->loop);
}

static gboolean
on_split_signal (gpointer user_data)
{
  SplitRun *run = user_data;

  run->signal_number = SIGINT;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
on_part (guint index, guint n, GFile *destination, gpointer user_data)
{
  g_autofree char *shown = g_file_get_parse_name (destination);

  g_printerr (_("Exporting part %u of %u: %s\n"), index + 1, n, shown);
}

gboolean
secuencia_cli_split_check (const char  *how,
                           GError     **error)
{
  SecuenciaExportSplit split;

  if (how != NULL && g_str_equal (how, "none"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown --split “%s” (known: scenes, lanes)"), how);
      return FALSE;
    }
  if (secuencia_export_split_from_string (how, &split, NULL))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Unknown --split “%s” (known: scenes, lanes)"), how);
  return FALSE;
}

int
secuencia_cli_export_split (const char                   *project_path,
                            gint64                        timeline_id,
                            const char                   *how,
                            GFile                        *destination,
                            const SecuenciaExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SplitRun run = { loop, cancellable, NULL, 0, FALSE };
  SecuenciaExportSplit split = SECUENCIA_EXPORT_SPLIT_NONE;
  guint sigint_id, sigterm_id;
  int status = SECUENCIA_CLI_EXIT_OK;

  project = secuencia_project_open (project_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  if (project != NULL && secuencia_export_split_from_string (how, &split, &error))
    parts = secuencia_export_split_plan (project, timeline_id, split, destination, options, &error);
  g_clear_object (&project);
  if (parts == NULL)
    {
      g_printerr ("secuencia-cli: %s\n", error->message);
      return SECUENCIA_CLI_EXIT_FAILURE;
    }

  sigint_id = g_unix_signal_add (SIGINT, on_split_signal, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_split_signal, &run);
  secuencia_export_split_async (project_path, timeline_id, parts, NULL, on_part, NULL,
                                cancellable, on_split_done, &run);
  while (!run.done)
    g_main_loop_run (loop);
  if (run.error != NULL)
    {
      if (g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_printerr ("%s\n", _("Export cancelled"));
          status = 128 + run.signal_number;
        }
      else
        {
          g_printerr ("secuencia-cli: %s\n", run.error->message);
          status = SECUENCIA_CLI_EXIT_FAILURE;
        }
      g_clear_error (&run.error);
    }
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  if (status == SECUENCIA_CLI_EXIT_OK && timeline_id == 0)
    g_printerr (ngettext ("Exported the screenplay as %u file\n", "Exported the screenplay as %u files\n",
                          parts->len), parts->len);
  else if (status == SECUENCIA_CLI_EXIT_OK)
    g_printerr (ngettext ("Exported timeline %lld as %u file\n", "Exported timeline %lld as %u files\n",
                          parts->len), (long long) timeline_id, parts->len);
  return status;
}
