/* secuencia-timeline.c: an in-memory timeline with exact-time operations. */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-timeline.h"

struct _SecuenciaTimeline
{
  GObject     parent_instance;

  char       *name;
  gint64      id;
  GPtrArray  *clips;          /* SecuenciaClip*, owned, unordered */
  GHashTable *by_id;          /* &clip->id -> SecuenciaClip* (borrowed) */
  GHashTable *assets;         /* gint64* asset id -> SecuenciaTime* duration */
  gint64      next_temp_id;   /* next provisional (negative) clip id */
};

G_DEFINE_TYPE (SecuenciaTimeline, secuencia_timeline, G_TYPE_OBJECT)

G_DEFINE_QUARK (secuencia-timeline-error-quark, secuencia_timeline_error)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ID,
  PROP_N_CLIPS,
  PROP_DURATION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
secuencia_timeline_finalize (GObject *object)
{
  SecuenciaTimeline *self = SECUENCIA_TIMELINE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->clips, g_ptr_array_unref);
  g_clear_pointer (&self->assets, g_hash_table_unref);

  G_OBJECT_CLASS (secuencia_timeline_parent_class)->finalize (object);
}

static void
secuencia_timeline_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SecuenciaTimeline *self = SECUENCIA_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_N_CLIPS:
      g_value_set_uint (value, self->clips->len);
      break;
    case PROP_DURATION:
      g_value_set_int64 (value, secuencia_timeline_get_duration (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_timeline_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SecuenciaTimeline *self = SECUENCIA_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      secuencia_timeline_set_name (self, g_value_get_string (value));
      break;
    case PROP_ID:
      secuencia_timeline_set_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_timeline_class_init (SecuenciaTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = secuencia_timeline_finalize;
  object_class->get_property = secuencia_timeline_get_property;
  object_class->set_property = secuencia_timeline_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CLIPS] =
    g_param_spec_uint ("n-clips", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION] =
    g_param_spec_int64 ("duration", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
secuencia_timeline_init (SecuenciaTimeline *self)
{
  self->name = g_strdup ("");
  self->clips = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_clip_free);
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->assets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->next_temp_id = -1;
}

SecuenciaTimeline *
secuencia_timeline_new (const char *name)
{
  return g_object_new (SECUENCIA_TYPE_TIMELINE, "name", name != NULL ? name : "", NULL);
}

const char *
secuencia_timeline_get_name (SecuenciaTimeline *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), NULL);
  return self->name;
}

void
secuencia_timeline_set_name (SecuenciaTimeline *self,
                             const char        *name)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gint64
secuencia_timeline_get_id (SecuenciaTimeline *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), 0);
  return self->id;
}

void
secuencia_timeline_set_id (SecuenciaTimeline *self,
                           gint64             id)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

guint
secuencia_timeline_get_n_clips (SecuenciaTimeline *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), 0);
  return self->clips->len;
}

SecuenciaTime
secuencia_timeline_get_duration (SecuenciaTimeline *self)
{
  SecuenciaTime end = 0;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), 0);

  for (guint i = 0; i < self->clips->len; i++)
    end = MAX (end, secuencia_clip_get_end (g_ptr_array_index (self->clips, i)));
  return end;
}

SecuenciaTime
secuencia_timeline_get_lane_end (SecuenciaTimeline *self,
                                 int                lane)
{
  SecuenciaTime end = 0;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), 0);

  for (guint i = 0; i < self->clips->len; i++)
    {
      const SecuenciaClip *clip = g_ptr_array_index (self->clips, i);
      if (clip->lane == lane)
        end = MAX (end, secuencia_clip_get_end (clip));
    }
  return end;
}

void
secuencia_timeline_register_asset (SecuenciaTimeline *self,
                                   gint64             asset_id,
                                   SecuenciaTime      duration)
{
  g_return_if_fail (SECUENCIA_IS_TIMELINE (self));
  g_return_if_fail (asset_id > 0);
  g_return_if_fail (duration >= 0);

  g_hash_table_replace (self->assets, g_memdup2 (&asset_id, sizeof asset_id),
                        g_memdup2 (&duration, sizeof duration));
}

SecuenciaTime
secuencia_timeline_get_asset_duration (SecuenciaTimeline *self,
                                       gint64             asset_id)
{
  const SecuenciaTime *duration;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), -1);

  duration = g_hash_table_lookup (self->assets, &asset_id);
  return duration != NULL ? *duration : -1;
}

/* ---- helpers ---- */

static void
emit_changed (SecuenciaTimeline *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CLIPS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static SecuenciaClip *
find_clip (SecuenciaTimeline *self,
           gint64             clip_id)
{
  return g_hash_table_lookup (self->by_id, &clip_id);
}

/* Takes ownership of @clip, whose id must be unused. */
static void
add_owned (SecuenciaTimeline *self,
           SecuenciaClip     *clip)
{
  g_ptr_array_add (self->clips, clip);
  g_hash_table_insert (self->by_id, &clip->id, clip);
}

static gboolean
clip_not_found (gint64 clip_id, GError **error)
{
  g_set_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_CLIP_NOT_FOUND,
               _("Clip %lld is not in the timeline"), (long long) clip_id);
  return FALSE;
}

static gboolean
validate_placement (SecuenciaTime  offset,
                    SecuenciaTime  duration,
                    GError       **error)
{
  g_autofree char *offset_text = NULL;

  if (offset < 0 || offset > SECUENCIA_TIME_MAX || duration > SECUENCIA_TIME_MAX - offset)
    {
      offset_text = secuencia_time_format_seconds (offset);
      g_set_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_OFFSET,
                   offset < 0 ? _("Offset %s s is negative")
                              : _("A clip at %s s would end past the longest allowed timeline"),
                   offset_text);
      return FALSE;
    }
  return TRUE;
}

/* Everything about a clip except where it is placed. */
static gboolean
validate_source (SecuenciaTimeline   *self,
                 const SecuenciaClip *clip,
                 GError             **error)
{
  SecuenciaTime asset_duration;

  if (clip->duration <= 0 || clip->duration > SECUENCIA_TIME_MAX)
    {
      g_autofree char *text = secuencia_time_format_seconds (clip->duration);
      g_set_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_DURATION,
                   _("Clip of asset %lld has duration %s s; it must be positive"),
                   (long long) clip->asset_id, text);
      return FALSE;
    }
  asset_duration = secuencia_timeline_get_asset_duration (self, clip->asset_id);
  if (asset_duration < 0)
    {
      g_set_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_UNKNOWN_ASSET,
                   _("Asset %lld is not known to the timeline"), (long long) clip->asset_id);
      return FALSE;
    }
  if (clip->source_start < 0)
    {
      g_autofree char *text = secuencia_time_format_seconds (clip->source_start);
      g_set_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_SOURCE,
                   _("Clip of asset %lld starts at %s s in the source; it must not be negative"),
                   (long long) clip->asset_id, text);
      return FALSE;
    }
  if (clip->source_start > asset_duration || clip->duration > asset_duration - clip->source_start)
    {
      g_autofree char *start = secuencia_time_format_seconds (clip->source_start);
      g_autofree char *end = secuencia_time_format_seconds (clip->source_start + MIN (clip->duration, SECUENCIA_TIME_MAX - clip->source_start));
      g_autofree char *length = secuencia_time_format_seconds (asset_duration);
      g_set_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_SOURCE,
                   _("Clip uses %s–%s s of asset %lld, which is only %s s long"),
                   start, end, (long long) clip->asset_id, length);
      return FALSE;
    }
  return TRUE;
}

static gint64
allocate_id (SecuenciaTimeline *self)
{
  while (find_clip (self, self->next_temp_id) != NULL)
    self->next_temp_id--;
  return self->next_temp_id--;
}

/* Takes a validated copy into the array; returns its id. */
static gint64
take_clip (SecuenciaTimeline *self,
           const SecuenciaClip *template,
           SecuenciaTime        offset,
           int                  lane)
{
  SecuenciaClip *clip = secuencia_clip_copy (template);

  clip->offset = offset;
  clip->lane = lane;
  clip->id = allocate_id (self);
  add_owned (self, clip);
  return clip->id;
}

static gboolean
spans_overlap (SecuenciaTime a_start, SecuenciaTime a_end,
               SecuenciaTime b_start, SecuenciaTime b_end)
{
  return a_start < b_end && b_start < a_end;
}

static gboolean
lane_is_free (SecuenciaTimeline *self,
              int                lane,
              SecuenciaTime      start,
              SecuenciaTime      end)
{
  for (guint i = 0; i < self->clips->len; i++)
    {
      const SecuenciaClip *clip = g_ptr_array_index (self->clips, i);
      if (clip->lane == lane && spans_overlap (start, end, clip->offset, secuencia_clip_get_end (clip)))
        return FALSE;
    }
  return TRUE;
}

/* ---- operations ---- */

gint64
secuencia_timeline_append (SecuenciaTimeline   *self,
                           const SecuenciaClip *clip,
                           GError             **error)
{
  SecuenciaTime offset;
  gint64 id;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), 0);
  g_return_val_if_fail (clip != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  offset = secuencia_timeline_get_lane_end (self, 0);
  if (!validate_source (self, clip, error) || !validate_placement (offset, clip->duration, error))
    return 0;
  id = take_clip (self, clip, offset, 0);
  emit_changed (self);
  return id;
}

gint64
secuencia_timeline_insert (SecuenciaTimeline   *self,
                           const SecuenciaClip *clip,
                           GError             **error)
{
  gint64 id;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), 0);
  g_return_val_if_fail (clip != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!validate_source (self, clip, error) || !validate_placement (clip->offset, clip->duration, error))
    return 0;
  id = take_clip (self, clip, clip->offset, clip->lane);
  emit_changed (self);
  return id;
}

gint64
secuencia_timeline_insert_auto_lane (SecuenciaTimeline   *self,
                                     const SecuenciaClip *clip,
                                     int                 *out_lane,
                                     GError             **error)
{
  SecuenciaTime start, end;
  int lane = 0;
  gint64 id;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), 0);
  g_return_val_if_fail (clip != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!validate_source (self, clip, error) || !validate_placement (clip->offset, clip->duration, error))
    return 0;

  start = clip->offset;
  end = secuencia_clip_get_end (clip);
  /* At most n_clips lanes can be busy, so a free lane exists within
   * distance n_clips; the search always ends. */
  for (gint64 distance = 0; ; distance++)
    {
      gint64 up = (gint64) clip->lane + distance;
      gint64 down = (gint64) clip->lane - distance;

      if (up <= G_MAXINT && lane_is_free (self, (int) up, start, end))
        {
          lane = (int) up;
          break;
        }
      if (distance > 0 && down >= G_MININT && lane_is_free (self, (int) down, start, end))
        {
          lane = (int) down;
          break;
        }
    }

  id = take_clip (self, clip, start, lane);
  if (out_lane != NULL)
    *out_lane = lane;
  emit_changed (self);
  return id;
}

static gboolean
lane_selected (const int *lanes,
               gsize      n_lanes,
               int        lane)
{
  if (lanes == NULL)
    return TRUE;
  for (gsize i = 0; i < n_lanes; i++)
    if (lanes[i] == lane)
      return TRUE;
  return FALSE;
}

gint64
secuencia_timeline_insert_ripple (SecuenciaTimeline   *self,
                                  const SecuenciaClip *clip,
                                  const int           *lanes,
                                  gsize                n_lanes,
                                  GError             **error)
{
  SecuenciaTime point, shift;
  guint n_before;
  gint64 id;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), 0);
  g_return_val_if_fail (clip != NULL, 0);
  g_return_val_if_fail (lanes != NULL || n_lanes == 0, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!validate_source (self, clip, error) || !validate_placement (clip->offset, clip->duration, error))
    return 0;

  point = clip->offset;
  shift = clip->duration;

  /* Check every shifted end first, so a failure changes nothing. */
  for (guint i = 0; i < self->clips->len; i++)
    {
      const SecuenciaClip *other = g_ptr_array_index (self->clips, i);
      if (lane_selected (lanes, n_lanes, other->lane)
          && secuencia_clip_get_end (other) > point
          && secuencia_clip_get_end (other) > SECUENCIA_TIME_MAX - shift)
        {
          g_set_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_OFFSET,
                       _("Ripple insert would move clip %lld past the longest allowed timeline"),
                       (long long) other->id);
          return 0;
        }
    }

  n_before = self->clips->len;
  for (guint i = 0; i < n_before; i++)
    {
      SecuenciaClip *other = g_ptr_array_index (self->clips, i);

      if (!lane_selected (lanes, n_lanes, other->lane))
        continue;
      if (other->offset >= point)
        {
          other->offset += shift;
        }
      else if (secuencia_clip_get_end (other) > point)
        {
          /* Straddles the point: split it, the right part moves on. */
          SecuenciaTime left = point - other->offset;
          g_autoptr(SecuenciaClip) right = secuencia_clip_copy (other);

          right->source_start += left;
          right->duration -= left;
          other->duration = left;
          take_clip (self, right, point + shift, other->lane);
        }
    }

  id = take_clip (self, clip, point, clip->lane);
  emit_changed (self);
  return id;
}

gboolean
secuencia_timeline_remove (SecuenciaTimeline *self,
                           gint64             clip_id,
                           gboolean           close_gap,
                           GError           **error)
{
  SecuenciaClip *removed;
  SecuenciaTime start, end, covered;
  int lane;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  removed = find_clip (self, clip_id);
  if (removed == NULL)
    return clip_not_found (clip_id, error);

  start = removed->offset;
  end = secuencia_clip_get_end (removed);
  lane = removed->lane;
  g_hash_table_remove (self->by_id, &removed->id);
  g_ptr_array_remove_fast (self->clips, removed);

  if (close_gap)
    {
      SecuenciaTime shift;

      /* How much of [start, end) is still covered by clips starting before end. */
      covered = start;
      for (guint i = 0; i < self->clips->len; i++)
        {
          const SecuenciaClip *other = g_ptr_array_index (self->clips, i);
          if (other->lane == lane && other->offset < end)
            covered = MAX (covered, secuencia_clip_get_end (other));
        }
      shift = covered < end ? end - covered : 0;
      for (guint i = 0; shift > 0 && i < self->clips->len; i++)
        {
          SecuenciaClip *other = g_ptr_array_index (self->clips, i);
          if (other->lane == lane && other->offset >= end)
            other->offset -= shift;
        }
    }

  emit_changed (self);
  return TRUE;
}

gboolean
secuencia_timeline_move (SecuenciaTimeline *self,
                         gint64             clip_id,
                         SecuenciaTime      offset,
                         int                lane,
                         GError           **error)
{
  SecuenciaClip *clip;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clip = find_clip (self, clip_id);
  if (clip == NULL)
    return clip_not_found (clip_id, error);
  if (!validate_placement (offset, clip->duration, error))
    return FALSE;
  clip->offset = offset;
  clip->lane = lane;
  emit_changed (self);
  return TRUE;
}

gboolean
secuencia_timeline_set_clip_mix (SecuenciaTimeline *self,
                                 gint64             clip_id,
                                 double             volume_db,
                                 gboolean           muted,
                                 GError           **error)
{
  SecuenciaClip *clip;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clip = find_clip (self, clip_id);
  if (clip == NULL)
    return clip_not_found (clip_id, error);
  clip->volume_db = volume_db;
  clip->muted = !!muted;
  emit_changed (self);
  return TRUE;
}

gboolean
secuencia_timeline_replace_clip (SecuenciaTimeline   *self,
                                 const SecuenciaClip *clip,
                                 GError             **error)
{
  SecuenciaClip *target;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (clip != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = find_clip (self, clip->id);
  if (target == NULL)
    return clip_not_found (clip->id, error);
  if (!validate_source (self, clip, error) || !validate_placement (clip->offset, clip->duration, error))
    return FALSE;
  target->asset_id = clip->asset_id;
  target->offset = clip->offset;
  target->source_start = clip->source_start;
  target->duration = clip->duration;
  target->lane = clip->lane;
  target->volume_db = clip->volume_db;
  target->muted = !!clip->muted;
  target->element_id = clip->element_id;
  if (g_strcmp0 (target->name, clip->name) != 0)
    {
      g_free (target->name);
      target->name = g_strdup (clip->name != NULL ? clip->name : "");
    }
  emit_changed (self);
  return TRUE;
}

gboolean
secuencia_timeline_trim (SecuenciaTimeline *self,
                         gint64             clip_id,
                         SecuenciaTime      offset,
                         SecuenciaTime      source_start,
                         SecuenciaTime      duration,
                         GError           **error)
{
  g_autoptr(SecuenciaClip) copy = NULL;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  copy = secuencia_timeline_dup_clip (self, clip_id);
  if (copy == NULL)
    return clip_not_found (clip_id, error);
  copy->offset = offset;
  copy->source_start = source_start;
  copy->duration = duration;
  return secuencia_timeline_replace_clip (self, copy, error);
}

gint64
secuencia_timeline_add_clip (SecuenciaTimeline   *self,
                             const SecuenciaClip *clip,
                             GError             **error)
{
  SecuenciaClip *copy;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), 0);
  g_return_val_if_fail (clip != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!validate_source (self, clip, error) || !validate_placement (clip->offset, clip->duration, error))
    return 0;
  copy = secuencia_clip_copy (clip);
  if (copy->id == 0 || find_clip (self, copy->id) != NULL)
    copy->id = allocate_id (self);
  add_owned (self, copy);
  emit_changed (self);
  return copy->id;
}

gboolean
secuencia_timeline_renumber_clip (SecuenciaTimeline *self,
                                  gint64             old_id,
                                  gint64             new_id)
{
  SecuenciaClip *clip;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (new_id != 0, FALSE);

  if (old_id == new_id)
    return find_clip (self, old_id) != NULL;
  clip = find_clip (self, old_id);
  if (clip == NULL || find_clip (self, new_id) != NULL)
    return FALSE;
  g_hash_table_remove (self->by_id, &clip->id);
  clip->id = new_id;
  g_hash_table_insert (self->by_id, &clip->id, clip);
  return TRUE;
}

/* ---- queries ---- */

static int
compare_clips (gconstpointer a,
               gconstpointer b)
{
  const SecuenciaClip *x = *(const SecuenciaClip * const *) a;
  const SecuenciaClip *y = *(const SecuenciaClip * const *) b;

  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  if (x->lane != y->lane)
    return x->lane < y->lane ? -1 : 1;
  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return 0;
}

typedef gboolean (*ClipFilter) (const SecuenciaClip *clip, gconstpointer data);

static GPtrArray *
collect (SecuenciaTimeline *self,
         ClipFilter         filter,
         gconstpointer      data)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_clip_free);

  for (guint i = 0; i < self->clips->len; i++)
    {
      const SecuenciaClip *clip = g_ptr_array_index (self->clips, i);
      if (filter == NULL || filter (clip, data))
        g_ptr_array_add (result, secuencia_clip_copy (clip));
    }
  g_ptr_array_sort (result, compare_clips);
  return result;
}

SecuenciaClip *
secuencia_timeline_dup_clip (SecuenciaTimeline *self,
                             gint64             clip_id)
{
  SecuenciaClip *clip;

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), NULL);

  clip = find_clip (self, clip_id);
  return clip != NULL ? secuencia_clip_copy (clip) : NULL;
}

GPtrArray *
secuencia_timeline_get_clips (SecuenciaTimeline *self)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), NULL);
  return collect (self, NULL, NULL);
}

static gboolean
filter_lane (const SecuenciaClip *clip, gconstpointer data)
{
  return clip->lane == *(const int *) data;
}

GPtrArray *
secuencia_timeline_get_clips_on_lane (SecuenciaTimeline *self,
                                      int                lane)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), NULL);
  return collect (self, filter_lane, &lane);
}

static gboolean
filter_range (const SecuenciaClip *clip, gconstpointer data)
{
  const SecuenciaTime *range = data;
  return spans_overlap (clip->offset, secuencia_clip_get_end (clip), range[0], range[1]);
}

GPtrArray *
secuencia_timeline_get_clips_in_range (SecuenciaTimeline *self,
                                       SecuenciaTime      start,
                                       SecuenciaTime      end)
{
  SecuenciaTime range[2] = { start, end };

  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), NULL);
  return collect (self, filter_range, range);
}

static gboolean
filter_asset (const SecuenciaClip *clip, gconstpointer data)
{
  return clip->asset_id == *(const gint64 *) data;
}

GPtrArray *
secuencia_timeline_get_clips_for_asset (SecuenciaTimeline *self,
                                        gint64             asset_id)
{
  g_return_val_if_fail (SECUENCIA_IS_TIMELINE (self), NULL);
  return collect (self, filter_asset, &asset_id);
}
