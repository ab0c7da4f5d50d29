/* secuencia-take-command.c: new takes for screenplay lines, undoably. */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-take-command.h"

typedef struct
{
  gint64     element_id;
  gint64     new_asset;
  /* each line's state before and after (after: filled by the first apply) */
  gint64     before_asset;
  gboolean   before_scratch;
  GPtrArray *before_takes;   /* SecuenciaTake* */
  gint64     after_asset;
  gboolean   after_scratch;
  GPtrArray *after_takes;
} Change;

struct _SecuenciaTakeCommand
{
  SecuenciaCommand       parent_instance;

  SecuenciaProject      *project;
  GArray                *changes;   /* Change */
  SecuenciaClipsCommand *clips;     /* nullable */
  gboolean               applied_once;
};

G_DEFINE_FINAL_TYPE (SecuenciaTakeCommand, secuencia_take_command, SECUENCIA_TYPE_COMMAND)

static void
change_clear (gpointer data)
{
  Change *change = data;

  g_clear_pointer (&change->before_takes, g_ptr_array_unref);
  g_clear_pointer (&change->after_takes, g_ptr_array_unref);
}

static gboolean
read_state (SecuenciaProject  *project,
            GHashTable        *elements,
            gint64             element_id,
            gint64            *out_asset,
            gboolean          *out_scratch,
            GPtrArray        **out_takes,
            GError           **error)
{
  const SecuenciaElementInfo *info = g_hash_table_lookup (elements, &element_id);

  if (info == NULL)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND,
                   _("Screenplay line %" G_GINT64_FORMAT " is not in the project"), element_id);
      return FALSE;
    }
  *out_asset = info->asset_id;
  *out_scratch = info->scratch;
  g_clear_pointer (out_takes, g_ptr_array_unref);
  *out_takes = secuencia_project_list_takes (project, element_id, error);
  return *out_takes != NULL;
}

static GHashTable *
elements_by_id (SecuenciaProject  *project,
                GPtrArray        **keep,
                GError           **error)
{
  GHashTable *table;

  *keep = secuencia_project_list_elements (project, error);
  if (*keep == NULL)
    return NULL;
  table = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < (*keep)->len; i++)
    {
      SecuenciaElementInfo *info = (*keep)->pdata[i];
      g_hash_table_insert (table, &info->id, info);
    }
  return table;
}

/* First apply: remember, replace, remember. Inside a transaction. */
static gboolean
replace_all (SecuenciaProject  *project,
             gpointer           user_data,
             GError           **error)
{
  SecuenciaTakeCommand *self = user_data;
  g_autoptr(GPtrArray) keep = NULL;
  g_autoptr(GHashTable) elements = NULL;

  elements = elements_by_id (project, &keep, error);
  if (elements == NULL)
    return FALSE;
  for (guint i = 0; i < self->changes->len; i++)
    {
      Change *change = &g_array_index (self->changes, Change, i);

      if (!read_state (project, elements, change->element_id, &change->before_asset,
                       &change->before_scratch, &change->before_takes, error))
        return FALSE;
    }
  for (guint i = 0; i < self->changes->len; i++)
    {
      Change *change = &g_array_index (self->changes, Change, i);

      if (!secuencia_project_replace_take (project, change->element_id, change->new_asset, error))
        return FALSE;
    }
  g_clear_pointer (&keep, g_ptr_array_unref);
  g_clear_pointer (&elements, g_hash_table_unref);
  elements = elements_by_id (project, &keep, error);
  if (elements == NULL)
    return FALSE;
  for (guint i = 0; i < self->changes->len; i++)
    {
      Change *change = &g_array_index (self->changes, Change, i);

      if (!read_state (project, elements, change->element_id, &change->after_asset,
                       &change->after_scratch, &change->after_takes, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_all_after (SecuenciaProject *project, gpointer user_data, GError **error)
{
  SecuenciaTakeCommand *self = user_data;

  for (guint i = 0; i < self->changes->len; i++)
    {
      Change *change = &g_array_index (self->changes, Change, i);
      if (!secuencia_project_set_takes (project, change->element_id, change->after_asset,
                                        change->after_scratch, change->after_takes, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_all_before (SecuenciaProject *project, gpointer user_data, GError **error)
{
  SecuenciaTakeCommand *self = user_data;

  for (guint i = self->changes->len; i > 0; i--)
    {
      Change *change = &g_array_index (self->changes, Change, i - 1);
      if (!secuencia_project_set_takes (project, change->element_id, change->before_asset,
                                        change->before_scratch, change->before_takes, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
secuencia_take_command_apply (SecuenciaCommand  *command,
                              GError           **error)
{
  SecuenciaTakeCommand *self = SECUENCIA_TAKE_COMMAND (command);

  if (!secuencia_project_transaction (self->project, self->applied_once ? set_all_after : replace_all,
                                      self, error))
    return FALSE;
  self->applied_once = TRUE;
  if (self->clips != NULL && !secuencia_command_apply (SECUENCIA_COMMAND (self->clips), error))
    {
      secuencia_project_transaction (self->project, set_all_before, self, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
secuencia_take_command_revert (SecuenciaCommand  *command,
                               GError           **error)
{
  SecuenciaTakeCommand *self = SECUENCIA_TAKE_COMMAND (command);

  if (self->clips != NULL && !secuencia_command_revert (SECUENCIA_COMMAND (self->clips), error))
    return FALSE;
  if (!secuencia_project_transaction (self->project, set_all_before, self, error))
    {
      if (self->clips != NULL)
        secuencia_command_apply (SECUENCIA_COMMAND (self->clips), NULL);
      return FALSE;
    }
  return TRUE;
}

static void
secuencia_take_command_finalize (GObject *object)
{
  SecuenciaTakeCommand *self = SECUENCIA_TAKE_COMMAND (object);

  g_clear_object (&self->project);
  g_clear_object (&self->clips);
  g_array_unref (self->changes);
  G_OBJECT_CLASS (secuencia_take_command_parent_class)->finalize (object);
}

static void
secuencia_take_command_class_init (SecuenciaTakeCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = secuencia_take_command_finalize;
  SECUENCIA_COMMAND_CLASS (klass)->apply = secuencia_take_command_apply;
  SECUENCIA_COMMAND_CLASS (klass)->revert = secuencia_take_command_revert;
}

static void
secuencia_take_command_init (SecuenciaTakeCommand *self)
{
  self->changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_array_set_clear_func (self->changes, change_clear);
}

SecuenciaTakeCommand *
secuencia_take_command_new (SecuenciaProject *project,
                            const char       *label)
{
  SecuenciaTakeCommand *self;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (project), NULL);

  self = g_object_new (SECUENCIA_TYPE_TAKE_COMMAND, "label", label, NULL);
  self->project = g_object_ref (project);
  return self;
}

void
secuencia_take_command_add (SecuenciaTakeCommand *self,
                            gint64                element_id,
                            gint64                asset_id)
{
  Change change = { 0 };

  g_return_if_fail (SECUENCIA_IS_TAKE_COMMAND (self));
  g_return_if_fail (!self->applied_once);
  g_return_if_fail (asset_id > 0);

  change.element_id = element_id;
  change.new_asset = asset_id;
  g_array_append_val (self->changes, change);
}

void
secuencia_take_command_set_clips (SecuenciaTakeCommand  *self,
                                  SecuenciaClipsCommand *clips)
{
  g_return_if_fail (SECUENCIA_IS_TAKE_COMMAND (self));
  g_set_object (&self->clips, clips);
}

guint
secuencia_take_command_get_n_lines (SecuenciaTakeCommand *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TAKE_COMMAND (self), 0);
  return self->changes->len;
}

gint64
secuencia_take_command_get_line (SecuenciaTakeCommand *self,
                                 guint                 index)
{
  g_return_val_if_fail (SECUENCIA_IS_TAKE_COMMAND (self), 0);
  g_return_val_if_fail (index < self->changes->len, 0);
  return g_array_index (self->changes, Change, index).element_id;
}
