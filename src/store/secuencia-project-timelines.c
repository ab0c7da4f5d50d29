/* secuencia-project-timelines.c: timelines and their clips. */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-project-private.h"

#define TIMELINE_SELECT \
  "SELECT t.id, t.name, t.created_at, t.modified_at, count (c.id)," \
  "       IFNULL (MAX (c.offset_ns + c.duration_ns), 0)" \
  "  FROM timelines AS t LEFT JOIN clips AS c ON c.timeline_id = t.id "

static SecuenciaTimelineInfo *
timeline_from_row (sqlite3_stmt *stmt)
{
  SecuenciaTimelineInfo *info = g_new0 (SecuenciaTimelineInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->name = secuencia_sql_column_dup (stmt, 1);
  info->created_at = sqlite3_column_int64 (stmt, 2);
  info->modified_at = sqlite3_column_int64 (stmt, 3);
  info->n_clips = (guint) sqlite3_column_int64 (stmt, 4);
  info->duration = sqlite3_column_int64 (stmt, 5);
  return info;
}

GPtrArray *
secuencia_project_list_timelines (SecuenciaProject  *self,
                                  GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autoptr(GPtrArray) result = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = secuencia_project_stmt (self, TIMELINE_SELECT "WHERE t.snapshot_owner IS NULL GROUP BY t.id ORDER BY t.id",
                                 error);
  if (stmt == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_timeline_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, timeline_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("list timelines"));
      return NULL;
    }
  return g_steal_pointer (&result);
}

static gboolean
timeline_not_found (SecuenciaProject *self, gint64 timeline_id, GError **error)
{
  g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND,
               _("Timeline %lld is not in “%s”"), (long long) timeline_id, self->display_name);
  return FALSE;
}

SecuenciaTimelineInfo *
secuencia_project_get_timeline (SecuenciaProject  *self,
                                gint64             timeline_id,
                                GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = secuencia_project_stmt (self, TIMELINE_SELECT "WHERE t.id = ?1 GROUP BY t.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, timeline_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return timeline_from_row (stmt);
  if (rc == SQLITE_DONE)
    timeline_not_found (self, timeline_id, error);
  else
    secuencia_project_set_db_error (self, error, rc, _("read a timeline"));
  return NULL;
}

static gboolean
timeline_exists (SecuenciaProject *self, gint64 timeline_id, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 one;

  if (secuencia_project_query_int (self, "SELECT 1 FROM timelines WHERE id = ?1", timeline_id, &one,
                 _("read a timeline"), &local_error))
    return TRUE;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    timeline_not_found (self, timeline_id, error);
  return FALSE;
}

GPtrArray *
secuencia_project_list_clips (SecuenciaProject  *self,
                              gint64             timeline_id,
                              GError           **error)
{
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autoptr(GPtrArray) result = NULL;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!secuencia_project_begin_read (self, error))
    return NULL;
  if (!timeline_exists (self, timeline_id, error))
    goto out;
  stmt = secuencia_project_stmt (self,
                   "SELECT id, asset_id, offset_ns, source_start_ns, duration_ns, lane,"
                   "       volume_db, muted, name, IFNULL (element_id, 0)"
                   "  FROM clips WHERE timeline_id = ?1 ORDER BY offset_ns, lane, id", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, timeline_id);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_clip_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SecuenciaClip *clip = secuencia_clip_new (sqlite3_column_int64 (stmt, 1),
                                                sqlite3_column_int64 (stmt, 2),
                                                sqlite3_column_int64 (stmt, 3),
                                                sqlite3_column_int64 (stmt, 4),
                                                sqlite3_column_int (stmt, 5));
      clip->id = sqlite3_column_int64 (stmt, 0);
      clip->volume_db = sqlite3_column_double (stmt, 6);
      clip->muted = sqlite3_column_int (stmt, 7) != 0;
      g_free (clip->name);
      clip->name = secuencia_sql_column_dup (stmt, 8);
      clip->element_id = sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (result, clip);
    }
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("list clips"));
      g_clear_pointer (&result, g_ptr_array_unref);
    }

out:
  g_clear_pointer (&stmt, secuencia_stmt_release);
  secuencia_project_end_read (self);
  return g_steal_pointer (&result);
}

gint64
secuencia_project_latest_timeline_id (SecuenciaProject  *self,
                                      GError           **error)
{
  g_autoptr(GPtrArray) timelines = NULL;
  gint64 id = 0, modified = G_MININT64;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  timelines = secuencia_project_list_timelines (self, error);
  for (guint i = 0; timelines != NULL && i < timelines->len; i++)
    {
      const SecuenciaTimelineInfo *info = g_ptr_array_index (timelines, i);

      if (info->modified_at > modified || (info->modified_at == modified && info->id > id))
        {
          id = info->id;
          modified = info->modified_at;
        }
    }
  return id;
}

gboolean
secuencia_project_delete_timeline (SecuenciaProject  *self,
                                   gint64             timeline_id,
                                   GError           **error)
{
  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  if (!secuencia_project_run_stmt (self, "DELETE FROM timelines WHERE id = ?1", 1, timeline_id, 0,
                 _("delete a timeline"), error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      timeline_not_found (self, timeline_id, error);
      goto fail;
    }
  return secuencia_project_txn_commit (self, error);

fail:
  secuencia_project_txn_rollback (self);
  return FALSE;
}

gboolean
secuencia_project_save_timeline (SecuenciaProject              *self,
                                 SecuenciaTimeline             *timeline,
                                 SecuenciaProjectProgressFunc   progress_func,
                                 gpointer                       progress_data,
                                 GCancellable                  *cancellable,
                                 GError                       **error)
{
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GArray) new_ids = NULL;
  gint64 timeline_id;
  gint64 now = g_get_real_time ();
  const char *what = _("save the timeline");
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!secuencia_project_txn_begin (self, error))
    return FALSE;

  timeline_id = secuencia_timeline_get_id (timeline);
  if (timeline_id > 0)
    {
      g_autoptr(SecuenciaStmt) stmt = secuencia_project_stmt (self,
                                                "UPDATE timelines SET name = ?2, modified_at = ?3 WHERE id = ?1",
                                                error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, timeline_id);
      secuencia_sql_bind_text (stmt, 2, secuencia_timeline_get_name (timeline));
      sqlite3_bind_int64 (stmt, 3, now);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          secuencia_project_set_db_error (self, error, rc, what);
          goto fail;
        }
      if (sqlite3_changes (self->db) == 0)
        timeline_id = 0;  /* deleted meanwhile: store it anew */
      else if (!secuencia_project_run_stmt (self, "DELETE FROM clips WHERE timeline_id = ?1", 1, timeline_id, 0,
                          what, error))
        goto fail;
    }
  if (timeline_id <= 0)
    {
      g_autoptr(SecuenciaStmt) stmt = secuencia_project_stmt (self,
                                                "INSERT INTO timelines (name, created_at, modified_at) VALUES (?1, ?2, ?2)",
                                                error);
      if (stmt == NULL)
        goto fail;
      secuencia_sql_bind_text (stmt, 1, secuencia_timeline_get_name (timeline));
      sqlite3_bind_int64 (stmt, 2, now);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          secuencia_project_set_db_error (self, error, rc, what);
          goto fail;
        }
      timeline_id = sqlite3_last_insert_rowid (self->db);
    }

  clips = secuencia_timeline_get_clips (timeline);
  new_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), clips->len);
  {
    g_autoptr(SecuenciaStmt) stmt = secuencia_project_stmt (self,
                                              "INSERT INTO clips (id, timeline_id, asset_id, offset_ns, source_start_ns,"
                                              " duration_ns, lane, volume_db, muted, name, element_id)"
                                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                                              "  (SELECT id FROM elements WHERE id = ?11))",
                                              error);
    if (stmt == NULL)
      goto fail;
    for (guint i = 0; i < clips->len; i++)
      {
        const SecuenciaClip *clip = g_ptr_array_index (clips, i);
        gboolean keep_id = clip->id > 0;
        gint64 new_id;

        if (i % 64 == 0)
          {
            if (g_cancellable_set_error_if_cancelled (cancellable, error))
              goto fail;
            if (progress_func != NULL && i > 0)
              progress_func (i, clips->len, progress_data);
          }
      retry:
        sqlite3_reset (stmt);
        if (keep_id)
          sqlite3_bind_int64 (stmt, 1, clip->id);
        else
          sqlite3_bind_null (stmt, 1);
        sqlite3_bind_int64 (stmt, 2, timeline_id);
        sqlite3_bind_int64 (stmt, 3, clip->asset_id);
        sqlite3_bind_int64 (stmt, 4, clip->offset);
        sqlite3_bind_int64 (stmt, 5, clip->source_start);
        sqlite3_bind_int64 (stmt, 6, clip->duration);
        sqlite3_bind_int (stmt, 7, clip->lane);
        sqlite3_bind_double (stmt, 8, clip->volume_db);
        sqlite3_bind_int (stmt, 9, clip->muted ? 1 : 0);
        secuencia_sql_bind_text (stmt, 10, clip->name);
        sqlite3_bind_int64 (stmt, 11, clip->element_id);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_CONSTRAINT_PRIMARYKEY && keep_id)
          {
            keep_id = FALSE;  /* that row id belongs to another timeline */
            goto retry;
          }
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
          {
            g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                         _("Could not save the timeline in “%s”: clip %u refers to asset %lld, which is not in the project"),
                         self->display_name, i, (long long) clip->asset_id);
            goto fail;
          }
        if (rc != SQLITE_DONE)
          {
            secuencia_project_set_db_error (self, error, rc, what);
            goto fail;
          }
        new_id = sqlite3_last_insert_rowid (self->db);
        g_array_append_val (new_ids, new_id);
      }
  }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  if (!secuencia_project_txn_commit (self, error))
    return FALSE;

  /* Only now, with the rows committed, update the model. */
  for (guint i = 0; i < clips->len; i++)
    {
      const SecuenciaClip *clip = g_ptr_array_index (clips, i);
      secuencia_timeline_renumber_clip (timeline, clip->id, g_array_index (new_ids, gint64, i));
    }
  secuencia_timeline_set_id (timeline, timeline_id);
  if (progress_func != NULL)
    progress_func (clips->len, clips->len, progress_data);
  return TRUE;

fail:
  secuencia_project_txn_rollback (self);
  return FALSE;
}

static void
bind_clip_fields (sqlite3_stmt        *stmt,
                  gint64               timeline_id,
                  const SecuenciaClip *clip)
{
  sqlite3_bind_int64 (stmt, 2, timeline_id);
  sqlite3_bind_int64 (stmt, 3, clip->asset_id);
  sqlite3_bind_int64 (stmt, 4, clip->offset);
  sqlite3_bind_int64 (stmt, 5, clip->source_start);
  sqlite3_bind_int64 (stmt, 6, clip->duration);
  sqlite3_bind_int (stmt, 7, clip->lane);
  sqlite3_bind_double (stmt, 8, clip->volume_db);
  sqlite3_bind_int (stmt, 9, clip->muted ? 1 : 0);
  secuencia_sql_bind_text (stmt, 10, clip->name);
  sqlite3_bind_int64 (stmt, 11, clip->element_id);
}

gboolean
secuencia_project_update_clips (SecuenciaProject   *self,
                                SecuenciaTimeline  *timeline,
                                gint64             *changed,
                                guint               n_changed,
                                const gint64       *removed,
                                guint               n_removed,
                                GError            **error)
{
  g_autoptr(GArray) renumber = NULL;  /* pairs: old id, new id */
  const char *what = _("save the timeline");
  gint64 timeline_id;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (changed != NULL || n_changed == 0, FALSE);
  g_return_val_if_fail (removed != NULL || n_removed == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  timeline_id = secuencia_timeline_get_id (timeline);
  if (timeline_id <= 0)
    {
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                   _("Could not save the timeline “%s” in “%s”: it has not been stored yet"),
                   secuencia_timeline_get_name (timeline), self->display_name);
      return FALSE;
    }
  if (!secuencia_project_txn_begin (self, error))
    return FALSE;
  if (!secuencia_project_run_stmt (self, "UPDATE timelines SET modified_at = ?2 WHERE id = ?1", 2,
                                   timeline_id, g_get_real_time (), what, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      timeline_not_found (self, timeline_id, error);
      goto fail;
    }

  for (guint i = 0; i < n_removed; i++)
    if (!secuencia_project_run_stmt (self, "DELETE FROM clips WHERE id = ?1 AND timeline_id = ?2", 2,
                                     removed[i], timeline_id, what, error))
      goto fail;

  renumber = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n_changed; i++)
    {
      g_autoptr(SecuenciaClip) clip = secuencia_timeline_dup_clip (timeline, changed[i]);
      gboolean keep_id;

      if (clip == NULL)
        {
          g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                       _("Could not save the timeline in “%s”: clip %lld is not in it"),
                       self->display_name, (long long) changed[i]);
          goto fail;
        }
      keep_id = clip->id > 0;
      if (keep_id)
        {
          g_autoptr(SecuenciaStmt) stmt = secuencia_project_stmt (self,
                                                    "UPDATE clips SET timeline_id = ?2, asset_id = ?3, offset_ns = ?4,"
                                                    " source_start_ns = ?5, duration_ns = ?6, lane = ?7, volume_db = ?8,"
                                                    " muted = ?9, name = ?10,"
                                                    " element_id = (SELECT id FROM elements WHERE id = ?11)"
                                                    " WHERE id = ?1 AND timeline_id = ?2", error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_int64 (stmt, 1, clip->id);
          bind_clip_fields (stmt, timeline_id, clip);
          rc = sqlite3_step (stmt);
          if (rc != SQLITE_DONE)
            {
              secuencia_project_set_db_error (self, error, rc, what);
              goto fail;
            }
          if (sqlite3_changes (self->db) > 0)
            continue;
        }
      {
        g_autoptr(SecuenciaStmt) stmt = secuencia_project_stmt (self,
                                                  "INSERT INTO clips (id, timeline_id, asset_id, offset_ns, source_start_ns,"
                                                  " duration_ns, lane, volume_db, muted, name, element_id)"
                                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                                                  "  (SELECT id FROM elements WHERE id = ?11))",
                                                  error);
        gint64 new_id;

        if (stmt == NULL)
          goto fail;
      retry:
        sqlite3_reset (stmt);
        if (keep_id)
          sqlite3_bind_int64 (stmt, 1, clip->id);
        else
          sqlite3_bind_null (stmt, 1);
        bind_clip_fields (stmt, timeline_id, clip);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_CONSTRAINT_PRIMARYKEY && keep_id)
          {
            keep_id = FALSE;  /* that row id now belongs to another timeline */
            goto retry;
          }
        if (rc != SQLITE_DONE)
          {
            secuencia_project_set_db_error (self, error, rc, what);
            goto fail;
          }
        new_id = sqlite3_last_insert_rowid (self->db);
        if (new_id != clip->id)
          {
            g_array_append_val (renumber, clip->id);
            g_array_append_val (renumber, new_id);
          }
      }
    }
  if (!secuencia_project_txn_commit (self, error))
    return FALSE;

  for (guint i = 0; i + 1 < renumber->len; i += 2)
    {
      gint64 old_id = g_array_index (renumber, gint64, i);
      gint64 new_id = g_array_index (renumber, gint64, i + 1);

      secuencia_timeline_renumber_clip (timeline, old_id, new_id);
      for (guint j = 0; j < n_changed; j++)
        if (changed[j] == old_id)
          changed[j] = new_id;
    }
  return TRUE;

fail:
  secuencia_project_txn_rollback (self);
  return FALSE;
}

SecuenciaTimeline *
secuencia_project_load_timeline (SecuenciaProject  *self,
                                 gint64             timeline_id,
                                 GError           **error)
{
  g_autoptr(SecuenciaTimelineInfo) info = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(SecuenciaTimeline) timeline = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!secuencia_project_begin_read (self, error))
    return NULL;
  info = secuencia_project_get_timeline (self, timeline_id, error);
  if (info != NULL)
    assets = secuencia_project_list_assets (self, error);
  if (assets != NULL)
    clips = secuencia_project_list_clips (self, timeline_id, error);
  secuencia_project_end_read (self);
  if (clips == NULL)
    return NULL;

  timeline = secuencia_timeline_new (info->name);
  for (guint i = 0; i < assets->len; i++)
    {
      const SecuenciaAssetInfo *asset = g_ptr_array_index (assets, i);
      secuencia_timeline_register_asset (timeline, asset->id, asset->duration);
    }
  for (guint i = 0; i < clips->len; i++)
    {
      const SecuenciaClip *clip = g_ptr_array_index (clips, i);
      if (secuencia_timeline_add_clip (timeline, clip, &local_error) == 0)
        {
          g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_CORRUPT,
                       _("Timeline %lld in “%s” has an invalid clip %lld: %s"),
                       (long long) timeline_id, self->display_name, (long long) clip->id, local_error->message);
          return NULL;
        }
    }
  secuencia_timeline_set_id (timeline, timeline_id);
  return g_steal_pointer (&timeline);
}

/* ---- screenplay -> stored timeline ---- */

/* Progress: reading 0 -> 0.1, laying out 0.1 -> 0.4, storing 0.4 -> 1. */
#define PHASE_READ   0.1
#define PHASE_LAYOUT 0.4

typedef struct
{
  SecuenciaConverterProgressFunc func;
  gpointer                       data;
  double                         last;
} ConvertProgress;

static void
convert_report (ConvertProgress *progress,
                double           fraction,
                const char      *message)
{
  if (progress->func == NULL)
    return;
  fraction = CLAMP (fraction, progress->last, 1.0);
  progress->last = fraction;
  progress->func (fraction, message, progress->data);
}

static void
on_layout_progress (double      fraction,
                    const char *message,
                    gpointer    user_data)
{
  convert_report (user_data, PHASE_READ + (PHASE_LAYOUT - PHASE_READ) * fraction, message);
}

static void
on_save_progress (guint    done,
                  guint    total,
                  gpointer user_data)
{
  convert_report (user_data, PHASE_LAYOUT + (1.0 - PHASE_LAYOUT) * 0.99 * done / MAX (total, 1),
                  _("Saving the timeline"));
}

gint64
secuencia_project_convert_screenplay (SecuenciaProject               *self,
                                      const char                     *timeline_name,
                                      SecuenciaTime                   gap,
                                      SecuenciaConverterProgressFunc  progress_func,
                                      gpointer                        progress_data,
                                      GCancellable                   *cancellable,
                                      GError                        **error)
{
  ConvertProgress progress = { progress_func, progress_data, 0.0 };
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(SecuenciaTimeline) timeline = NULL;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), 0);
  g_return_val_if_fail (timeline_name != NULL, 0);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  convert_report (&progress, 0.0, _("Reading the screenplay"));
  /* Metadata only: element rows joined with asset durations. */
  elements = secuencia_project_list_elements (self, error);
  if (elements == NULL)
    return 0;
  convert_report (&progress, PHASE_READ, _("Laying out the lines"));
  timeline = secuencia_screenplay_build_timeline (elements, timeline_name, gap,
                                                  on_layout_progress, &progress, 1.0,
                                                  cancellable, error);
  if (timeline == NULL)
    return 0;

  /* One transaction (rolled back on cancel). */
  if (!secuencia_project_save_timeline (self, timeline, on_save_progress, &progress,
                                        cancellable, error))
    return 0;
  convert_report (&progress, 1.0, _("Timeline ready"));
  return secuencia_timeline_get_id (timeline);
}

#define SCREENPLAY_TIMELINE_KEY "screenplay_timeline"

gint64
secuencia_project_update_screenplay_timeline (SecuenciaProject  *self,
                                              const char        *timeline_name,
                                              SecuenciaTime      gap,
                                              GCancellable      *cancellable,
                                              GError           **error)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(SecuenciaTimeline) timeline = NULL;
  g_autoptr(SecuenciaStmt) stmt = NULL;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), 0);
  g_return_val_if_fail (timeline_name != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!secuencia_project_txn_begin (self, error))
    return 0;

  /* The timeline this did last time, if it is still there. */
  stmt = secuencia_project_stmt (self,
                                 "SELECT t.id FROM project p JOIN timelines t "
                                 "ON t.id = CAST(p.value AS INTEGER) "
                                 "WHERE p.key = '" SCREENPLAY_TIMELINE_KEY "'", error);
  if (stmt == NULL)
    goto fail;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("find the screenplay's timeline"));
      goto fail;
    }
  g_clear_pointer (&stmt, secuencia_stmt_release);

  elements = secuencia_project_list_elements (self, error);
  if (elements == NULL)
    goto fail;
  timeline = secuencia_screenplay_build_timeline (elements, timeline_name, gap, NULL, NULL, 1.0,
                                                  cancellable, error);
  if (timeline == NULL)
    goto fail;
  if (id > 0)
    secuencia_timeline_set_id (timeline, id);
  if (!secuencia_project_save_timeline (self, timeline, NULL, NULL, cancellable, error))
    goto fail;
  id = secuencia_timeline_get_id (timeline);

  stmt = secuencia_project_stmt (self,
                                 "INSERT OR REPLACE INTO project (key, value) "
                                 "VALUES ('" SCREENPLAY_TIMELINE_KEY "', ?1)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      secuencia_project_set_db_error (self, error, rc, _("remember the screenplay's timeline"));
      goto fail;
    }
  g_clear_pointer (&stmt, secuencia_stmt_release);
  if (!secuencia_project_txn_commit (self, error))
    return 0;
  return id;

fail:
  secuencia_project_txn_rollback (self);
  return 0;
}

gboolean
secuencia_project_append_line_clips (SecuenciaProject  *self,
                                     const gint64      *element_ids,
                                     guint              n_elements,
                                     SecuenciaTime      gap,
                                     gint64            *out_timeline_id,
                                     guint             *out_n_clips,
                                     GError           **error)
{
  g_autoptr(SecuenciaTimeline) timeline = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  GError *local_error = NULL;
  gint64 timeline_id;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (element_ids != NULL || n_elements == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_timeline_id != NULL)
    *out_timeline_id = 0;
  if (out_n_clips != NULL)
    *out_n_clips = 0;
  if (!secuencia_project_txn_begin (self, error))
    return FALSE;

  timeline_id = secuencia_project_latest_timeline_id (self, &local_error);
  if (local_error != NULL)
    goto fail;
  if (timeline_id == 0 || n_elements == 0)
    goto done;
  timeline = secuencia_project_load_timeline (self, timeline_id, &local_error);
  if (timeline == NULL)
    goto fail;
  elements = secuencia_project_list_elements (self, &local_error);
  if (elements == NULL)
    goto fail;
  /* In screenplay order, whatever the order of @element_ids. */
  for (guint i = 0; i < n_elements; i++)
    g_hash_table_add (wanted, (gpointer) &element_ids[i]);
  for (guint i = 0; i < elements->len; i++)
    if (g_hash_table_contains (wanted, &((SecuenciaElementInfo *) elements->pdata[i])->id))
      g_ptr_array_add (lines, elements->pdata[i]);

  clips = secuencia_screenplay_clips_for_lines (timeline, lines, gap);
  for (guint i = 0; i < clips->len; i++)
    {
      gint64 id = secuencia_timeline_insert (timeline, clips->pdata[i], &local_error);

      if (id == 0)
        goto fail;
      g_array_append_val (ids, id);
    }
  if (ids->len > 0
      && !secuencia_project_update_clips (self, timeline, (gint64 *) ids->data, ids->len, NULL, 0, &local_error))
    goto fail;

done:
  if (!secuencia_project_txn_commit (self, error))
    return FALSE;
  if (out_timeline_id != NULL)
    *out_timeline_id = timeline_id;
  if (out_n_clips != NULL)
    *out_n_clips = ids->len;
  return TRUE;

fail:
  secuencia_project_txn_rollback (self);
  g_propagate_error (error, local_error);
  return FALSE;
}
