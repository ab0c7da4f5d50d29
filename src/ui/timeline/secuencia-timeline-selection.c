/* secuencia-timeline-selection.c: selected clips and the cursor. */
#include "config.h"

#include "secuencia-timeline-selection.h"

struct _SecuenciaTimelineSelection
{
  GObject     parent_instance;

  GHashTable *ids;      /* gint64* -> itself */
  gint64      cursor;   /* 0 = none */
};

G_DEFINE_FINAL_TYPE (SecuenciaTimelineSelection, secuencia_timeline_selection, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
secuencia_timeline_selection_finalize (GObject *object)
{
  SecuenciaTimelineSelection *self = SECUENCIA_TIMELINE_SELECTION (object);

  g_clear_pointer (&self->ids, g_hash_table_unref);
  G_OBJECT_CLASS (secuencia_timeline_selection_parent_class)->finalize (object);
}

static void
secuencia_timeline_selection_class_init (SecuenciaTimelineSelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = secuencia_timeline_selection_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
secuencia_timeline_selection_init (SecuenciaTimelineSelection *self)
{
  self->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

SecuenciaTimelineSelection *
secuencia_timeline_selection_new (void)
{
  return g_object_new (SECUENCIA_TYPE_TIMELINE_SELECTION, NULL);
}

static void
changed (SecuenciaTimelineSelection *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
insert (SecuenciaTimelineSelection *self,
        gint64                      clip_id)
{
  gint64 *key = g_new (gint64, 1);

  *key = clip_id;
  g_hash_table_add (self->ids, key);
}

gboolean
secuencia_timeline_selection_contains (SecuenciaTimelineSelection *self,
                                       gint64                      clip_id)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_SELECTION (self), FALSE);
  return g_hash_table_contains (self->ids, &clip_id);
}

guint
secuencia_timeline_selection_get_n (SecuenciaTimelineSelection *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_SELECTION (self), 0);
  return g_hash_table_size (self->ids);
}

GArray *
secuencia_timeline_selection_dup_ids (SecuenciaTimelineSelection *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_SELECTION (self), ids);
  g_hash_table_iter_init (&iter, self->ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  return ids;
}

GHashTable *
secuencia_timeline_selection_peek_set (SecuenciaTimelineSelection *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_SELECTION (self), NULL);
  return self->ids;
}

void
secuencia_timeline_selection_select_only (SecuenciaTimelineSelection *self,
                                          gint64                      clip_id)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE_SELECTION (self));

  if (self->cursor == clip_id && g_hash_table_size (self->ids) == (clip_id != 0 ? 1u : 0u)
      && (clip_id == 0 || g_hash_table_contains (self->ids, &clip_id)))
    return;
  g_hash_table_remove_all (self->ids);
  if (clip_id != 0)
    insert (self, clip_id);
  self->cursor = clip_id;
  changed (self);
}

void
secuencia_timeline_selection_add (SecuenciaTimelineSelection *self,
                                  gint64                      clip_id)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE_SELECTION (self));
  g_return_if_fail (clip_id != 0);

  if (!g_hash_table_contains (self->ids, &clip_id))
    insert (self, clip_id);
  self->cursor = clip_id;
  changed (self);
}

void
secuencia_timeline_selection_toggle (SecuenciaTimelineSelection *self,
                                     gint64                      clip_id)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE_SELECTION (self));
  g_return_if_fail (clip_id != 0);

  if (!g_hash_table_remove (self->ids, &clip_id))
    insert (self, clip_id);
  self->cursor = clip_id;
  changed (self);
}

void
secuencia_timeline_selection_set_ids (SecuenciaTimelineSelection *self,
                                      const gint64               *ids,
                                      guint                       n_ids)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE_SELECTION (self));

  g_hash_table_remove_all (self->ids);
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] != 0)
      insert (self, ids[i]);
  if (!g_hash_table_contains (self->ids, &self->cursor))
    self->cursor = n_ids > 0 ? ids[0] : 0;
  changed (self);
}

void
secuencia_timeline_selection_prune (SecuenciaTimelineSelection *self,
                                    gboolean (*exists) (gint64 id, gpointer data),
                                    gpointer                    data)
{
  GHashTableIter iter;
  gpointer key;
  gboolean removed = FALSE;

  g_return_if_fail (SECUENCIA_IS_TIMELINE_SELECTION (self));

  g_hash_table_iter_init (&iter, self->ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!exists (*(gint64 *) key, data))
      {
        g_hash_table_iter_remove (&iter);
        removed = TRUE;
      }
  if (self->cursor != 0 && !exists (self->cursor, data))
    {
      self->cursor = 0;
      removed = TRUE;
    }
  if (removed)
    changed (self);
}

gint64
secuencia_timeline_selection_get_cursor (SecuenciaTimelineSelection *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE_SELECTION (self), 0);
  return self->cursor;
}
