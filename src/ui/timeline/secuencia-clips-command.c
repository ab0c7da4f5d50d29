/* secuencia-clips-command.c: an undoable change to some clips of a timeline. */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-clips-command.h"

struct _SecuenciaClipsCommand
{
  SecuenciaCommand   parent_instance;

  SecuenciaTimeline *timeline;
  SecuenciaProject  *project;
  GPtrArray         *before;   /* SecuenciaClip* or NULL */
  GPtrArray         *after;    /* SecuenciaClip* or NULL */
};

G_DEFINE_FINAL_TYPE (SecuenciaClipsCommand, secuencia_clips_command, SECUENCIA_TYPE_COMMAND)

static void
free_clip (gpointer clip)
{
  secuencia_clip_free (clip);
}

/* Puts clip @id in the state @to (from the state @from), in the model. */
static gboolean
transition_one (SecuenciaTimeline *timeline,
                SecuenciaClip     *from,
                SecuenciaClip     *to,
                GError           **error)
{
  if (to == NULL)
    return secuencia_timeline_remove (timeline, from->id, FALSE, error);
  if (from == NULL)
    {
      gint64 id = secuencia_timeline_add_clip (timeline, to, error);

      if (id == 0)
        return FALSE;
      to->id = id;  /* provisional the first time; kept afterwards */
      return TRUE;
    }
  return secuencia_timeline_replace_clip (timeline, to, error);
}

static gboolean
transition (SecuenciaClipsCommand  *self,
            GPtrArray              *from,
            GPtrArray              *to,
            GError                **error)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;
  guint done;

  for (done = 0; done < from->len; done++)
    if (!transition_one (self->timeline, from->pdata[done], to->pdata[done], &local_error))
      break;

  if (local_error == NULL && self->project != NULL)
    {
      for (guint i = 0; i < to->len; i++)
        {
          SecuenciaClip *clip = to->pdata[i];

          if (clip != NULL)
            g_array_append_val (changed, clip->id);
          else
            g_array_append_val (removed, ((SecuenciaClip *) from->pdata[i])->id);
        }
      if (secuencia_project_update_clips (self->project, self->timeline,
                                          (gint64 *) (gpointer) changed->data, changed->len,
                                          (gint64 *) (gpointer) removed->data, removed->len,
                                          &local_error))
        {
          /* Row ids of added clips, in both states (redo and undo). */
          for (guint i = 0, j = 0; i < to->len; i++)
            {
              SecuenciaClip *clip = to->pdata[i];

              if (clip == NULL)
                continue;
              clip->id = g_array_index (changed, gint64, j++);
              if (from->pdata[i] != NULL)
                ((SecuenciaClip *) from->pdata[i])->id = clip->id;
            }
          return TRUE;
        }
    }
  else if (local_error == NULL)
    return TRUE;

  /* Undo what was done, newest first; these only restore earlier valid
   * states, so they do not fail. */
  while (done-- > 0)
    {
      SecuenciaClip *a = from->pdata[done];
      SecuenciaClip *b = to->pdata[done];
      g_autoptr(GError) ignored = NULL;

      if (a != NULL && b != NULL)
        a->id = b->id;
      if (!transition_one (self->timeline, b, a, &ignored))
        g_warning ("Could not restore clip after a failed edit: %s", ignored->message);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
secuencia_clips_command_apply (SecuenciaCommand  *command,
                               GError           **error)
{
  SecuenciaClipsCommand *self = SECUENCIA_CLIPS_COMMAND (command);

  return transition (self, self->before, self->after, error);
}

static gboolean
secuencia_clips_command_revert (SecuenciaCommand  *command,
                                GError           **error)
{
  SecuenciaClipsCommand *self = SECUENCIA_CLIPS_COMMAND (command);
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  g_autoptr(GPtrArray) after = g_ptr_array_new ();

  /* Newest change first, so that a clip changed twice ends as it began. */
  for (guint i = self->after->len; i-- > 0;)
    {
      g_ptr_array_add (after, self->after->pdata[i]);
      g_ptr_array_add (before, self->before->pdata[i]);
    }
  for (guint i = 0; i < after->len; i++)
    if (after->pdata[i] != NULL && before->pdata[i] != NULL)
      ((SecuenciaClip *) before->pdata[i])->id = ((SecuenciaClip *) after->pdata[i])->id;
  return transition (self, after, before, error);
}

static void
secuencia_clips_command_finalize (GObject *object)
{
  SecuenciaClipsCommand *self = SECUENCIA_CLIPS_COMMAND (object);

  g_clear_object (&self->timeline);
  g_clear_object (&self->project);
  g_clear_pointer (&self->before, g_ptr_array_unref);
  g_clear_pointer (&self->after, g_ptr_array_unref);
  G_OBJECT_CLASS (secuencia_clips_command_parent_class)->finalize (object);
}

static void
secuencia_clips_command_class_init (SecuenciaClipsCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SecuenciaCommandClass *command_class = SECUENCIA_COMMAND_CLASS (klass);

  object_class->finalize = secuencia_clips_command_finalize;
  command_class->apply = secuencia_clips_command_apply;
  command_class->revert = secuencia_clips_command_revert;
}

static void
secuencia_clips_command_init (SecuenciaClipsCommand *self)
{
  self->before = g_ptr_array_new_with_free_func (free_clip);
  self->after = g_ptr_array_new_with_free_func (free_clip);
}

SecuenciaClipsCommand *
secuencia_clips_command_new (SecuenciaTimeline *timeline,
                             SecuenciaProject  *project,
                             const char        *label)
{
  SecuenciaClipsCommand *self;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (project == NULL || SECUENCIA_IS_PROJECT (project), NULL);

  self = g_object_new (SECUENCIA_TYPE_CLIPS_COMMAND, "label", label, NULL);
  self->timeline = g_object_ref (timeline);
  self->project = project != NULL ? g_object_ref (project) : NULL;
  return self;
}

void
secuencia_clips_command_add (SecuenciaClipsCommand *self,
                             const SecuenciaClip   *before,
                             const SecuenciaClip   *after)
{
  g_return_if_fail (SECUENCIA_IS_CLIPS_COMMAND (self));
  g_return_if_fail (before != NULL || after != NULL);

  g_ptr_array_add (self->before, before != NULL ? secuencia_clip_copy (before) : NULL);
  g_ptr_array_add (self->after, after != NULL ? secuencia_clip_copy (after) : NULL);
}

guint
secuencia_clips_command_get_n_changes (SecuenciaClipsCommand *self)
{
  g_return_val_if_fail (SECUENCIA_IS_CLIPS_COMMAND (self), 0);
  return self->after->len;
}

GArray *
secuencia_clips_command_dup_after_ids (SecuenciaClipsCommand *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (SECUENCIA_IS_CLIPS_COMMAND (self), ids);
  for (guint i = 0; i < self->after->len; i++)
    {
      SecuenciaClip *clip = self->after->pdata[i];
      if (clip != NULL)
        g_array_append_val (ids, clip->id);
    }
  return ids;
}
