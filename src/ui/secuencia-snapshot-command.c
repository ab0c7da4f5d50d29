/* secuencia-snapshot-command.c: a bulk change to the screenplay, undoably. */
#include "config.h"

#include "secuencia-snapshot-command.h"

struct _SecuenciaSnapshotCommand
{
  SecuenciaCommand          parent_instance;

  SecuenciaProject         *project;
  SecuenciaProjectSnapshot *before;
  SecuenciaProjectSnapshot *after;
};

G_DEFINE_FINAL_TYPE (SecuenciaSnapshotCommand, secuencia_snapshot_command, SECUENCIA_TYPE_COMMAND)

static gboolean
secuencia_snapshot_command_apply (SecuenciaCommand  *command,
                                  GError           **error)
{
  SecuenciaSnapshotCommand *self = SECUENCIA_SNAPSHOT_COMMAND (command);

  return secuencia_project_restore_snapshot (self->project, self->after, error);
}

static gboolean
secuencia_snapshot_command_revert (SecuenciaCommand  *command,
                                   GError           **error)
{
  SecuenciaSnapshotCommand *self = SECUENCIA_SNAPSHOT_COMMAND (command);

  return secuencia_project_restore_snapshot (self->project, self->before, error);
}

static void
secuencia_snapshot_command_finalize (GObject *object)
{
  SecuenciaSnapshotCommand *self = SECUENCIA_SNAPSHOT_COMMAND (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->before, secuencia_project_snapshot_free);
  g_clear_pointer (&self->after, secuencia_project_snapshot_free);
  G_OBJECT_CLASS (secuencia_snapshot_command_parent_class)->finalize (object);
}

static void
secuencia_snapshot_command_class_init (SecuenciaSnapshotCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = secuencia_snapshot_command_finalize;
  SECUENCIA_COMMAND_CLASS (klass)->apply = secuencia_snapshot_command_apply;
  SECUENCIA_COMMAND_CLASS (klass)->revert = secuencia_snapshot_command_revert;
}

static void
secuencia_snapshot_command_init (SecuenciaSnapshotCommand *self)
{
}

SecuenciaSnapshotCommand *
secuencia_snapshot_command_new (SecuenciaProject         *project,
                                SecuenciaProjectSnapshot *before,
                                SecuenciaProjectSnapshot *after,
                                const char               *label)
{
  SecuenciaSnapshotCommand *self;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (before != NULL && after != NULL, NULL);

  self = g_object_new (SECUENCIA_TYPE_SNAPSHOT_COMMAND, "label", label, NULL);
  self->project = g_object_ref (project);
  self->before = before;
  self->after = after;
  return self;
}
