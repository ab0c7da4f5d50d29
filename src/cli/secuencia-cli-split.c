/* secuencia-cli-split.c: `secuencia-cli export … --split scenes|lanes`. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "secuencia-cli.h"
#include "secuencia-cli-split.h"
#include "secuencia-export-sidecars.h"
#include "secuencia-project.h"
#include "secuencia-transcript.h"

#define TITLE_MAX_CHARS 60

typedef struct
{
  GFile                  *destination;
  SecuenciaExportOptions  options;
} Part;

static void
part_free (Part *part)
{
  g_clear_object (&part->destination);
  g_free (part);
}

/* A heading as part of a file name: no slashes or control characters,
 * no leading dots, at most TITLE_MAX_CHARS characters. */
static char *
file_name_part (const char *heading)
{
  GString *out = g_string_new (NULL);

  for (const char *p = heading; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || g_unichar_iscntrl (c))
        c = '-';
      if (out->len == 0 && (c == '.' || c == ' '))
        continue;
      g_string_append_unichar (out, c);
    }
  if (g_utf8_strlen (out->str, -1) > TITLE_MAX_CHARS)
    g_string_truncate (out, g_utf8_offset_to_pointer (out->str, TITLE_MAX_CHARS) - out->str);
  g_strchomp (out->str);
  return g_string_free (out, FALSE);
}

static GFile *
part_file (GFile *destination, const char *suffix)
{
  g_autofree char *base = g_file_get_basename (destination);
  g_autoptr(GFile) parent = g_file_get_parent (destination);
  g_autofree char *stem = g_strdup (base);
  const char *ext = "";
  char *dot = strrchr (stem, '.');
  g_autofree char *name = NULL;

  if (dot != NULL && dot != stem)
    {
      ext = base + (dot - stem);
      *dot = '\0';
    }
  name = g_strdup_printf ("%s-%s%s", stem, suffix, ext);
  return parent != NULL ? g_file_get_child (parent, name) : g_file_new_for_path (name);
}

static GPtrArray *
plan (const char                   *project_path,
      gint64                        timeline_id,
      const char                   *how,
      GFile                        *destination,
      const SecuenciaExportOptions *options,
      GError                      **error)
{
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);

  project = secuencia_project_open (project_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, error);
  if (project == NULL)
    return NULL;
  clips = secuencia_project_list_clips (project, timeline_id, error);
  if (clips == NULL)
    return NULL;
  elements = secuencia_project_list_elements (project, error);
  if (elements == NULL)
    return NULL;

  if (g_str_equal (how, "scenes"))
    {
      g_autoptr(GPtrArray) chapters = secuencia_transcript_chapters (clips, elements);
      g_autoptr(GHashTable) numbers = g_hash_table_new (g_int64_hash, g_int64_equal);

      if (chapters->len == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The screenplay has no scene heading with audio, so there are no scenes to split into"));
          return NULL;
        }
      for (guint i = 0; i < elements->len; i++)
        {
          SecuenciaElementInfo *element = elements->pdata[i];
          g_hash_table_insert (numbers, &element->id, element->scene_number);
        }
      for (guint i = 0; i < chapters->len; i++)
        {
          SecuenciaChapter *chapter = chapters->pdata[i];
          const char *number = g_hash_table_lookup (numbers, &chapter->element_id);
          g_autofree char *title = file_name_part (chapter->title);
          g_autofree char *suffix = NULL;
          Part *part = g_new0 (Part, 1);

          if (number != NULL && *number != '\0')
            suffix = g_strdup_printf ("%s-%s", number, title);
          else
            suffix = g_strdup_printf ("%02u-%s", i + 1, title);
          part->destination = part_file (destination, suffix);
          part->options = *options;
          part->options.range_start = chapter->start;
          part->options.range_end = i + 1 < chapters->len
                                    ? ((SecuenciaChapter *) chapters->pdata[i + 1])->start
                                    : SECUENCIA_TIME_MAX;
          g_ptr_array_add (parts, part);
        }
    }
  else if (g_str_equal (how, "lanes"))
    {
      g_autoptr(GArray) lanes = g_array_new (FALSE, FALSE, sizeof (int));

      for (guint i = 0; i < clips->len; i++)
        {
          const SecuenciaClip *clip = clips->pdata[i];
          gboolean seen = FALSE;

          if (clip->muted)
            continue;
          for (guint j = 0; j < lanes->len; j++)
            seen |= g_array_index (lanes, int, j) == clip->lane;
          if (!seen)
            g_array_append_val (lanes, clip->lane);
        }
      for (guint i = 1; i < lanes->len; i++)
        for (guint j = i; j > 0 && g_array_index (lanes, int, j - 1) > g_array_index (lanes, int, j); j--)
          {
            int t = g_array_index (lanes, int, j);
            g_array_index (lanes, int, j) = g_array_index (lanes, int, j - 1);
            g_array_index (lanes, int, j - 1) = t;
          }
      for (guint i = 0; i < lanes->len; i++)
        {
          g_autofree char *suffix = g_strdup_printf ("lane%d", g_array_index (lanes, int, i));
          Part *part = g_new0 (Part, 1);

          part->destination = part_file (destination, suffix);
          part->options = *options;
          part->options.lane_only = TRUE;
          part->options.lane = g_array_index (lanes, int, i);
          g_ptr_array_add (parts, part);
        }
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown --split “%s” (known: scenes, lanes)"), how);
      return NULL;
    }
  return g_steal_pointer (&parts);
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GError       *error;
  int           signal_number;
} SplitRun;

static void
on_part_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SplitRun *run = user_data;

  secuencia_export_finish (result, &run->error);
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
remove_part (GFile *destination, guint sidecars)
{
  g_autofree char *path = g_file_get_path (destination);

  if (path == NULL)
    return;
  g_unlink (path);
  for (guint kind = 1; kind <= SECUENCIA_SIDECAR_CHAPTERS_JSON; kind <<= 1)
    if (sidecars & kind)
      {
        g_autofree char *sidecar = secuencia_sidecar_path (path, kind);
        g_unlink (sidecar);
      }
}

gboolean
secuencia_cli_split_check (const char  *how,
                           GError     **error)
{
  if (how == NULL || g_str_equal (how, "scenes") || g_str_equal (how, "lanes"))
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
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SplitRun run = { loop, cancellable, NULL, 0 };
  guint sigint_id, sigterm_id;
  int status = SECUENCIA_CLI_EXIT_OK;

  parts = plan (project_path, timeline_id, how, destination, options, &error);
  if (parts == NULL)
    {
      g_printerr ("secuencia-cli: %s\n", error->message);
      return SECUENCIA_CLI_EXIT_FAILURE;
    }

  sigint_id = g_unix_signal_add (SIGINT, on_split_signal, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_split_signal, &run);
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = parts->pdata[i];
      g_autofree char *shown = g_file_get_parse_name (part->destination);

      g_printerr (_("Exporting part %u of %u: %s\n"), i + 1, parts->len, shown);
      secuencia_export_async (project_path, timeline_id, part->destination, &part->options,
                              NULL, cancellable, on_part_done, &run);
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
          /* All or none: take back the parts already written. */
          for (guint j = 0; j < i; j++)
            remove_part (((Part *) parts->pdata[j])->destination, options->sidecars);
          break;
        }
    }
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  if (status == SECUENCIA_CLI_EXIT_OK)
    g_printerr (ngettext ("Exported timeline %lld as %u file\n", "Exported timeline %lld as %u files\n",
                          parts->len), (long long) timeline_id, parts->len);
  return status;
}
