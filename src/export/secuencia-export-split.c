/* secuencia-export-split.c: one export as several files (see the header). */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "secuencia-export-sidecars.h"
#include "secuencia-export-split.h"
#include "secuencia-transcript.h"

#define TITLE_MAX_CHARS 60

gboolean
secuencia_export_split_from_string (const char            *text,
                                    SecuenciaExportSplit  *out_split,
                                    GError               **error)
{
  if (text == NULL || g_str_equal (text, "none"))
    *out_split = SECUENCIA_EXPORT_SPLIT_NONE;
  else if (g_str_equal (text, "scenes"))
    *out_split = SECUENCIA_EXPORT_SPLIT_SCENES;
  else if (g_str_equal (text, "lanes"))
    *out_split = SECUENCIA_EXPORT_SPLIT_LANES;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown split “%s” (known: scenes, lanes)"), text);
      return FALSE;
    }
  return TRUE;
}

void
secuencia_export_part_free (SecuenciaExportPart *part)
{
  if (part == NULL)
    return;
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

GPtrArray *
secuencia_export_split_plan (SecuenciaProject              *project,
                             gint64                         timeline_id,
                             SecuenciaExportSplit           how,
                             GFile                         *destination,
                             const SecuenciaExportOptions  *options,
                             GError                       **error)
{
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_export_part_free);

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (G_IS_FILE (destination), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  elements = secuencia_project_list_elements (project, error);
  if (elements == NULL)
    return NULL;
  if (timeline_id == 0)
    {
      /* No stored timeline (a project that cannot be written): the parts
       * are planned on the layout each export worker makes itself. */
      g_autoptr(SecuenciaTimeline) laid_out = NULL;

      laid_out = secuencia_screenplay_build_timeline (elements, _("Screenplay"), options->screenplay_gap,
                                                      NULL, NULL, 1.0, NULL, error);
      if (laid_out == NULL)
        return NULL;
      clips = secuencia_timeline_get_clips (laid_out);
    }
  else
    clips = secuencia_project_list_clips (project, timeline_id, error);
  if (clips == NULL)
    return NULL;

  if (how == SECUENCIA_EXPORT_SPLIT_SCENES)
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
          SecuenciaExportPart *part = g_new0 (SecuenciaExportPart, 1);

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
  else if (how == SECUENCIA_EXPORT_SPLIT_LANES)
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
          SecuenciaExportPart *part = g_new0 (SecuenciaExportPart, 1);

          part->destination = part_file (destination, suffix);
          part->options = *options;
          part->options.lane_only = TRUE;
          part->options.lane = g_array_index (lanes, int, i);
          g_ptr_array_add (parts, part);
        }
    }
  if (parts->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   how == SECUENCIA_EXPORT_SPLIT_LANES
                   ? _("No lane of the timeline has a clip that is heard, so there are no stems to write")
                   : _("There is nothing to split the export into"));
      return NULL;
    }
  return g_steal_pointer (&parts);
}

void
secuencia_export_part_remove (GFile *destination,
                              guint  sidecars)
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

/* ---- running the parts ---- */

typedef struct
{
  char                    *project_path;
  gint64                   timeline_id;
  GPtrArray               *parts;
  SecuenciaExportProgress *progress;   /* nullable: the whole run's */
  SecuenciaExportProgress *part_progress;
  GArray                  *durations;
  guint                    current;
  SecuenciaExportPartFunc  part_func;
  gpointer                 part_data;
} SplitRun;

static void
split_run_free (SplitRun *run)
{
  g_free (run->project_path);
  g_ptr_array_unref (run->parts);
  g_clear_object (&run->progress);
  if (run->part_progress != NULL)
    g_signal_handlers_disconnect_by_data (run->part_progress, run);
  g_clear_object (&run->part_progress);
  g_array_unref (run->durations);
  g_free (run);
}

/* Main context: a part's progress, as a share of the whole. */
static void
on_part_fraction (SecuenciaExportProgress *part_progress,
                  GParamSpec              *pspec,
                  SplitRun                *run)
{
  SecuenciaExportPart *part = run->parts->pdata[run->current];
  g_autofree char *name = g_file_get_basename (part->destination);
  g_autofree char *message = NULL;
  double fraction = (run->current + secuencia_export_progress_get_fraction (part_progress)) / run->parts->len;

  /* Translators: part number, number of parts, a file name */
  message = g_strdup_printf (_("Part %u of %u: %s"), run->current + 1, run->parts->len, name);
  secuencia_export_progress_update (run->progress, MIN (fraction, 1.0), message);
}

static void start_part (GTask *task);

static void
part_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SplitRun *run = g_task_get_task_data (task);
  SecuenciaExportReport report = { 0 };
  GError *error = NULL;

  if (!secuencia_export_finish_full (result, &report, &error))
    {
      /* all or none: take back the parts already written */
      for (guint i = 0; i < run->current; i++)
        {
          SecuenciaExportPart *part = run->parts->pdata[i];
          secuencia_export_part_remove (part->destination, part->options.sidecars);
        }
      g_task_return_error (task, error);
      return;
    }
  g_array_append_val (run->durations, report.duration);
  run->current++;
  if (run->current == run->parts->len)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  start_part (g_steal_pointer (&task));
}

static void
start_part (GTask *task)
{
  SplitRun *run = g_task_get_task_data (task);
  SecuenciaExportPart *part = run->parts->pdata[run->current];

  if (run->part_progress != NULL)
    g_signal_handlers_disconnect_by_data (run->part_progress, run);
  g_clear_object (&run->part_progress);
  if (run->progress != NULL)
    {
      run->part_progress = secuencia_export_progress_new ();
      g_signal_connect (run->part_progress, "notify::fraction", G_CALLBACK (on_part_fraction), run);
      on_part_fraction (run->part_progress, NULL, run);
    }
  if (run->part_func != NULL)
    run->part_func (run->current, run->parts->len, part->destination, run->part_data);
  secuencia_export_async (run->project_path, run->timeline_id, part->destination, &part->options,
                          run->part_progress, g_task_get_cancellable (task), part_done, task);
}

void
secuencia_export_split_async (const char               *project_path,
                              gint64                    timeline_id,
                              GPtrArray                *parts,
                              SecuenciaExportProgress  *progress,
                              SecuenciaExportPartFunc   part_func,
                              gpointer                  part_data,
                              GCancellable             *cancellable,
                              GAsyncReadyCallback       callback,
                              gpointer                  user_data)
{
  GTask *task;
  SplitRun *run;

  g_return_if_fail (project_path != NULL);
  g_return_if_fail (parts != NULL && parts->len > 0);

  run = g_new0 (SplitRun, 1);
  run->project_path = g_strdup (project_path);
  run->timeline_id = timeline_id;
  run->parts = g_ptr_array_ref (parts);
  run->progress = progress != NULL ? g_object_ref (progress) : NULL;
  run->part_func = part_func;
  run->part_data = part_data;
  run->durations = g_array_new (FALSE, FALSE, sizeof (SecuenciaTime));
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, secuencia_export_split_async);
  g_task_set_task_data (task, run, (GDestroyNotify) split_run_free);
  start_part (task);
}

gboolean
secuencia_export_split_finish (GAsyncResult  *result,
                               GArray       **out_durations,
                               GError       **error)
{
  SplitRun *run;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == secuencia_export_split_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  run = g_task_get_task_data (G_TASK (result));
  if (out_durations != NULL)
    *out_durations = g_array_ref (run->durations);
  return TRUE;
}
