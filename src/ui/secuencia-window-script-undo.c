/* secuencia-window-script-undo.c: undo and redo of the bulk changes to the
 * screenplay: a script import (Open Script…, a dropped .fountain file)
 * and a scratch-voicing run are one step each.
 *
 * Before the change the screenplay side of the project is saved
 * (secuencia-project-snapshot.h: lines, takes, clips, and for an import
 * the title page and the name), after it again; the step restores one or
 * the other in one transaction, rows with their ids, so the edits before
 * and after it in the history still find theirs. Audio a change brought
 * into the project (the scratch voices' recordings) stays in it after an
 * undo, unused: a redo puts it back on its lines. The timeline shown is
 * brought to the stored state in place (the same SecuenciaTimeline, which
 * the clip edits in the history refer to). */

#include "config.h"


#include "secuencia-element-item.h"
#include "secuencia-snapshot-command.h"
#include "secuencia-window-private.h"

SecuenciaProjectSnapshot *
_secuencia_window_snapshot (SecuenciaWindow        *self,
                            SecuenciaSnapshotFlags  flags)
{
  g_autoptr(GError) error = NULL;
  SecuenciaProjectSnapshot *snapshot;

  if (self->project == NULL || secuencia_project_is_read_only (self->project))
    return NULL;
  snapshot = secuencia_project_take_snapshot (self->project, flags, &error);
  if (snapshot == NULL)
    g_warning ("Cannot make the change undoable: %s", error->message);
  return snapshot;
}

void
_secuencia_window_push_snapshot (SecuenciaWindow          *self,
                                 SecuenciaProjectSnapshot *before,
                                 SecuenciaSnapshotFlags    flags,
                                 const char               *label)
{
  g_autoptr(SecuenciaProjectSnapshot) owned = before;
  g_autoptr(SecuenciaProjectSnapshot) after = NULL;
  g_autoptr(SecuenciaSnapshotCommand) command = NULL;

  if (before == NULL || self->project == NULL)
    return;
  after = _secuencia_window_snapshot (self, flags);
  if (after == NULL || secuencia_project_snapshot_equal (before, after))
    return;
  command = secuencia_snapshot_command_new (self->project, g_steal_pointer (&owned),
                                            g_steal_pointer (&after), label);
  secuencia_undo_stack_push_applied (self->undo_stack, SECUENCIA_COMMAND (command));
}

static gboolean
clip_equal (const SecuenciaClip *a,
            const SecuenciaClip *b)
{
  return a->asset_id == b->asset_id && a->offset == b->offset && a->source_start == b->source_start &&
         a->duration == b->duration && a->lane == b->lane && a->volume_db == b->volume_db &&
         !a->muted == !b->muted && a->element_id == b->element_id && g_strcmp0 (a->name, b->name) == 0;
}

/* The timeline shown takes the stored clips (removed, changed, added),
 * staying the same object. */
static gboolean
sync_timeline (SecuenciaWindow  *self,
               GError          **error)
{
  g_autoptr(SecuenciaTimeline) stored = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_int64_hash, g_int64_equal);

  stored = secuencia_project_load_timeline (self->project, secuencia_timeline_get_id (self->timeline), error);
  if (stored == NULL)
    return FALSE;
  shown = secuencia_timeline_get_clips (self->timeline);
  wanted = secuencia_timeline_get_clips (stored);
  for (guint i = 0; i < shown->len; i++)
    {
      SecuenciaClip *clip = shown->pdata[i];
      g_hash_table_insert (by_id, &clip->id, clip);
    }
  for (guint i = 0; i < wanted->len; i++)
    g_hash_table_add (kept, &((SecuenciaClip *) wanted->pdata[i])->id);
  for (guint i = 0; i < shown->len; i++)
    {
      SecuenciaClip *clip = shown->pdata[i];
      if (!g_hash_table_contains (kept, &clip->id) &&
          !secuencia_timeline_remove (self->timeline, clip->id, FALSE, error))
        return FALSE;
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      SecuenciaClip *clip = wanted->pdata[i];
      SecuenciaClip *now = g_hash_table_lookup (by_id, &clip->id);

      secuencia_timeline_register_asset (self->timeline, clip->asset_id,
                                         secuencia_timeline_get_asset_duration (stored, clip->asset_id));
      if (now != NULL && clip_equal (now, clip))
        continue;
      if (now != NULL ? !secuencia_timeline_replace_clip (self->timeline, clip, error)
                      : secuencia_timeline_add_clip (self->timeline, clip, error) == 0)
        return FALSE;
    }
  secuencia_timeline_set_name (self->timeline, secuencia_timeline_get_name (stored));
  return TRUE;
}

void
_secuencia_window_screenplay_restored (SecuenciaWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;
  g_free (self->project_name);
  self->project_name = secuencia_project_dup_name (self->project);
  adw_window_title_set_title (self->window_title, self->project_name);
  gtk_window_set_title (GTK_WINDOW (self), self->project_name);
  _secuencia_window_reload_elements (self);
  _secuencia_window_peaks_refresh (self);
  if (self->timeline == NULL || secuencia_timeline_get_id (self->timeline) <= 0)
    {
      _secuencia_window_reload_clips (self, _secuencia_window_latest_timeline_id (self));
      return;
    }
  if (!sync_timeline (self, &error))
    {
      /* gone, or it cannot hold what is stored: show the stored one anew */
      g_debug ("Reading the timeline again: %s", error->message);
      _secuencia_window_reload_clips (self, _secuencia_window_latest_timeline_id (self));
      return;
    }
  _secuencia_window_sync_lines (self);
  _secuencia_window_playback_invalidate (self);
  _secuencia_window_update_actions (self);
}

static void
on_performed (SecuenciaWindow  *self,
              SecuenciaCommand *command,
              gboolean          reverted)
{
  if (SECUENCIA_IS_SNAPSHOT_COMMAND (command))
    _secuencia_window_screenplay_restored (self);
}

void
_secuencia_window_script_undo_init (SecuenciaWindow *self)
{
  g_signal_connect_object (self->undo_stack, "performed", G_CALLBACK (on_performed), self, G_CONNECT_SWAPPED);
}
