/* secuencia-demo.c: see the header. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>

#include "secuencia-demo.h"
#include "secuencia-project.h"

typedef struct
{
  const char *resource;
  const char *character;
  const char *text;
} DemoLine;

/* The lines as spoken in the shipped audio (espeak-ng, voices en+f3 and
 * en+m3); the text stays English because the audio is. */
static const DemoLine demo_lines[] = {
  { APP_PATH "/demo/01.ogg", "Ana", "Did you hear that? Something moved behind the door." },
  { APP_PATH "/demo/02.ogg", "Ben", "It's only the wind. Old houses talk at night." },
  { APP_PATH "/demo/03.ogg", "Ana", "Then why is the light on in the attic?" },
  { APP_PATH "/demo/04.ogg", "Ben", "Stay here. I'll go up and look." },
};

char *
secuencia_demo_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "secuencia", "Demo.secuencia", NULL);
}

typedef struct
{
  SecuenciaProject *project;
  const char       *tmpdir;
  GCancellable     *cancellable;
} DemoBuild;

static gboolean
demo_fill (SecuenciaProject *project,
           gpointer          user_data,
           GError          **error)
{
  DemoBuild *build = user_data;

  if (!secuencia_project_set_name (project, _("Demo: The Attic"), error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_lines); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *base = g_path_get_basename (demo_lines[i].resource);
      g_autofree char *audio_path = g_build_filename (build->tmpdir, base, NULL);
      g_autoptr(GFile) audio = NULL;
      gint64 asset_id;

      bytes = g_resources_lookup_data (demo_lines[i].resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return FALSE;
      if (!g_file_set_contents (audio_path, g_bytes_get_data (bytes, NULL),
                                g_bytes_get_size (bytes), error))
        return FALSE;

      audio = g_file_new_for_path (audio_path);
      asset_id = secuencia_project_import_audio (project, audio, build->cancellable, error);
      g_unlink (audio_path);
      if (asset_id <= 0)
        return FALSE;

      if (secuencia_project_append_element (project, demo_lines[i].character,
                                            demo_lines[i].text, asset_id, error) <= 0)
        return FALSE;
    }

  return TRUE;
}

gboolean
secuencia_demo_ensure (const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(SecuenciaProject) project = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *tmpdir = NULL;
  DemoBuild build = { 0 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not create the folder “%s” for the demo project: %s"),
                   dir, g_strerror (errsv));
      return FALSE;
    }

  /* Build it under a temporary name and rename it into place, so a failed
   * or interrupted first run never leaves half a demo project behind. */
  partial = g_strconcat (path, ".partial", NULL);
  g_unlink (partial);
  tmpdir = g_dir_make_tmp ("secuencia-demo-XXXXXX", error);
  if (tmpdir == NULL)
    return FALSE;

  project = secuencia_project_open (partial, SECUENCIA_PROJECT_OPEN_CREATE, error);
  if (project == NULL)
    {
      g_rmdir (tmpdir);
      return FALSE;
    }

  build.project = project;
  build.tmpdir = tmpdir;
  build.cancellable = cancellable;
  ok = demo_fill (project, &build, error);
  g_clear_object (&project);
  g_rmdir (tmpdir);

  if (ok && g_rename (partial, path) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not save the demo project as “%s”: %s"), path, g_strerror (errsv));
      ok = FALSE;
    }

  if (!ok)
    g_unlink (partial);
  {
    g_autofree char *wal = g_strconcat (partial, "-wal", NULL);
    g_autofree char *shm = g_strconcat (partial, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }

  return ok;
}

static void
demo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;

  if (secuencia_demo_ensure (path, cancellable, &error))
    g_task_return_pointer (task, g_strdup (path), g_free);
  else
    g_task_return_error (task, error);
}

void
secuencia_demo_ensure_async (const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, secuencia_demo_ensure_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, demo_thread);
}

char *
secuencia_demo_ensure_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
