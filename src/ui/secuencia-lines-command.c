/* secuencia-lines-command.c: adding or removing screenplay lines with
 * their clips, undoably. */
#include "config.h"

#include "secuencia-lines-command.h"

struct _SecuenciaLinesCommand
{
  SecuenciaCommand       parent_instance;

  SecuenciaProject      *project;
  GPtrArray             *lines;    /* SecuenciaElementInfo*, by position */
  SecuenciaClipsCommand *clips;    /* nullable */
  gboolean               adds;
};

G_DEFINE_FINAL_TYPE (SecuenciaLinesCommand, secuencia_lines_command, SECUENCIA_TYPE_COMMAND)

static SecuenciaElementInfo *
copy_info (const SecuenciaElementInfo *info)
{
  SecuenciaElementInfo *copy = secuencia_element_info_new (info->kind, info->character, info->text);

  copy->id = info->id;
  copy->position = info->position;
  g_free (copy->parenthetical);
  copy->parenthetical = g_strdup (info->parenthetical);
  g_free (copy->extension);
  copy->extension = g_strdup (info->extension);
  g_free (copy->scene_number);
  copy->scene_number = g_strdup (info->scene_number);
  copy->asset_id = info->asset_id;
  copy->duration = info->duration;
  copy->scratch = info->scratch;
  copy->dual = info->dual;
  return copy;
}

static int
by_position (gconstpointer a,
             gconstpointer b)
{
  const SecuenciaElementInfo *x = *(const SecuenciaElementInfo * const *) a;
  const SecuenciaElementInfo *y = *(const SecuenciaElementInfo * const *) b;

  return x->position < y->position ? -1 : x->position > y->position;
}

/* Lines out (clips first), or nothing changes. */
static gboolean
take_away (SecuenciaLinesCommand  *self,
           GError                **error)
{
  guint done;

  if (self->clips != NULL && !(self->adds ? secuencia_command_revert (SECUENCIA_COMMAND (self->clips), error)
                                          : secuencia_command_apply (SECUENCIA_COMMAND (self->clips), error)))
    return FALSE;
  for (done = 0; done < self->lines->len; done++)
    {
      const SecuenciaElementInfo *line = self->lines->pdata[done];
      g_autoptr(GError) local_error = NULL;

      if (!secuencia_project_remove_element (self->project, line->id, &local_error))
        {
          /* Put back what went, then the clips. */
          for (guint i = 0; i < done; i++)
            secuencia_project_restore_element (self->project, self->lines->pdata[i], NULL);
          if (self->clips != NULL)
            {
              if (self->adds)
                secuencia_command_apply (SECUENCIA_COMMAND (self->clips), NULL);
              else
                secuencia_command_revert (SECUENCIA_COMMAND (self->clips), NULL);
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

/* Lines back (in order of position, with their ids), then their clips. */
static gboolean
put_back (SecuenciaLinesCommand  *self,
          GError                **error)
{
  guint done;

  for (done = 0; done < self->lines->len; done++)
    {
      SecuenciaElementInfo *line = self->lines->pdata[done];
      gint64 id = secuencia_project_restore_element (self->project, line, error);

      if (id == 0)
        break;
      line->id = id;
    }
  if (done == self->lines->len
      && (self->clips == NULL || (self->adds ? secuencia_command_apply (SECUENCIA_COMMAND (self->clips), error)
                                             : secuencia_command_revert (SECUENCIA_COMMAND (self->clips), error))))
    return TRUE;
  while (done-- > 0)
    secuencia_project_remove_element (self->project, ((SecuenciaElementInfo *) self->lines->pdata[done])->id, NULL);
  return FALSE;
}

static gboolean
secuencia_lines_command_apply (SecuenciaCommand  *command,
                               GError           **error)
{
  SecuenciaLinesCommand *self = SECUENCIA_LINES_COMMAND (command);

  return self->adds ? put_back (self, error) : take_away (self, error);
}

static gboolean
secuencia_lines_command_revert (SecuenciaCommand  *command,
                                GError           **error)
{
  SecuenciaLinesCommand *self = SECUENCIA_LINES_COMMAND (command);

  return self->adds ? take_away (self, error) : put_back (self, error);
}

static void
secuencia_lines_command_finalize (GObject *object)
{
  SecuenciaLinesCommand *self = SECUENCIA_LINES_COMMAND (object);

  g_clear_object (&self->project);
  g_clear_object (&self->clips);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  G_OBJECT_CLASS (secuencia_lines_command_parent_class)->finalize (object);
}

static void
secuencia_lines_command_class_init (SecuenciaLinesCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = secuencia_lines_command_finalize;
  SECUENCIA_COMMAND_CLASS (klass)->apply = secuencia_lines_command_apply;
  SECUENCIA_COMMAND_CLASS (klass)->revert = secuencia_lines_command_revert;
}

static void
secuencia_lines_command_init (SecuenciaLinesCommand *self)
{
  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_element_info_free);
}

SecuenciaLinesCommand *
secuencia_lines_command_new (SecuenciaProject      *project,
                             gboolean               adds,
                             GPtrArray             *lines,
                             SecuenciaClipsCommand *clips,
                             const char            *label)
{
  SecuenciaLinesCommand *self;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (lines != NULL, NULL);
  g_return_val_if_fail (clips == NULL || SECUENCIA_IS_CLIPS_COMMAND (clips), NULL);

  self = g_object_new (SECUENCIA_TYPE_LINES_COMMAND, "label", label, NULL);
  self->project = g_object_ref (project);
  self->adds = adds;
  self->clips = clips != NULL ? g_object_ref (clips) : NULL;
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (self->lines, copy_info (lines->pdata[i]));
  g_ptr_array_sort (self->lines, by_position);
  return self;
}

gint64
secuencia_lines_command_get_first_line (SecuenciaLinesCommand *self)
{
  g_return_val_if_fail (SECUENCIA_IS_LINES_COMMAND (self), 0);
  return self->lines->len > 0 ? ((SecuenciaElementInfo *) self->lines->pdata[0])->id : 0;
}

gboolean
secuencia_lines_command_get_adds (SecuenciaLinesCommand *self)
{
  g_return_val_if_fail (SECUENCIA_IS_LINES_COMMAND (self), FALSE);
  return self->adds;
}
