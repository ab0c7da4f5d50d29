/* secuencia-peaks-loader.c: an open project's waveforms: stored ones read
 * at once, missing ones decoded in the background, each reported once. */
#include "config.h"

#include "secuencia-peaks-loader.h"
#include "secuencia-peaks-computer.h"

struct _SecuenciaPeaksLoader
{
  GObject                 parent_instance;

  SecuenciaProject       *project;
  SecuenciaPeaksComputer *computer;
  GCancellable           *cancellable;
  GHashTable             *peaks;     /* gint64* asset id -> SecuenciaPeaks* */
  GHashTable             *pending;   /* gint64* asset ids queued or being decoded */
  GArray                 *queue;     /* gint64: to decode in the next run */
  GArray                 *running;   /* gint64: being decoded now, or NULL */
  GHashTable             *unstored;  /* gint64* -> SecuenciaPeaks*: decoded, to store */
  guint                   store_idle;
  gboolean                busy;      /* as last notified */
};

G_DEFINE_FINAL_TYPE (SecuenciaPeaksLoader, secuencia_peaks_loader, G_TYPE_OBJECT)

enum { PROP_0, PROP_PROJECT, PROP_BUSY, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_PEAKS_READY, SIGNAL_PEAKS_FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gint64 *
int64_dup (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

static void
report_ready (SecuenciaPeaksLoader *self,
              gint64                asset_id,
              SecuenciaPeaks       *peaks)
{
  g_hash_table_replace (self->peaks, int64_dup (asset_id), secuencia_peaks_ref (peaks));
  g_signal_emit (self, signals[SIGNAL_PEAKS_READY], 0, asset_id, peaks);
}

static gboolean
store_each (SecuenciaProject  *project,
            gpointer           user_data,
            GError           **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, user_data);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!secuencia_project_save_peaks (project, *(gint64 *) key, value, error))
      return FALSE;
  return TRUE;
}

/* Decoded waveforms are stored through the window's own connection: a
 * commit by another connection makes the window read the whole project
 * again, so the worker does not store them. A few KiB per asset, one
 * transaction for all that arrived meanwhile. */
static void
store_unstored (SecuenciaPeaksLoader *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->store_idle, g_source_remove);
  if (g_hash_table_size (self->unstored) == 0 || self->project == NULL)
    return;
  if (!secuencia_project_is_read_only (self->project)
      && !secuencia_project_transaction (self->project, store_each, self->unstored, &error))
    g_warning ("Could not keep %u waveforms in the project (they are decoded again next time): %s",
               g_hash_table_size (self->unstored), error->message);
  g_hash_table_remove_all (self->unstored);
}

static gboolean
store_idle_cb (gpointer user_data)
{
  SecuenciaPeaksLoader *self = user_data;

  self->store_idle = 0;
  store_unstored (self);
  return G_SOURCE_REMOVE;
}

static void
on_computer_ready (SecuenciaPeaksComputer *computer,
                   gint64                  asset_id,
                   SecuenciaPeaks         *peaks,
                   SecuenciaPeaksLoader   *self)
{
  g_hash_table_remove (self->pending, &asset_id);
  g_hash_table_replace (self->unstored, int64_dup (asset_id), secuencia_peaks_ref (peaks));
  if (self->store_idle == 0)
    self->store_idle = g_idle_add_full (G_PRIORITY_LOW, store_idle_cb, self, NULL);
  report_ready (self, asset_id, peaks);
}

static void
on_computer_failed (SecuenciaPeaksComputer *computer,
                    gint64                  asset_id,
                    GError                 *error,
                    SecuenciaPeaksLoader   *self)
{
  g_hash_table_remove (self->pending, &asset_id);
  g_signal_emit (self, signals[SIGNAL_PEAKS_FAILED], 0, asset_id, error);
}

static void start_next_run (SecuenciaPeaksLoader *self);

static void
update_busy (SecuenciaPeaksLoader *self)
{
  gboolean busy = self->running != NULL;

  if (busy == self->busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SecuenciaPeaksLoader) self = user_data;
  g_autoptr(GArray) ids = g_steal_pointer (&self->running);
  g_autoptr(GError) error = NULL;

  if (!secuencia_peaks_computer_run_finish (SECUENCIA_PEAKS_COMPUTER (object), result, NULL, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !g_cancellable_is_cancelled (self->cancellable))
    {
      /* The file could not be opened by the worker: nothing of this run
       * was decoded. */
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 asset_id = g_array_index (ids, gint64, i);

          if (g_hash_table_remove (self->pending, &asset_id))
            g_signal_emit (self, signals[SIGNAL_PEAKS_FAILED], 0, asset_id, error);
        }
    }
  if (!g_cancellable_is_cancelled (self->cancellable))
    start_next_run (self);
  update_busy (self);
}

static void
start_next_run (SecuenciaPeaksLoader *self)
{
  if (self->running != NULL || self->queue->len == 0 || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->running = g_steal_pointer (&self->queue);
  self->queue = g_array_new (FALSE, FALSE, sizeof (gint64));
  secuencia_peaks_computer_run_async (self->computer, self->running, self->cancellable,
                                      run_done, g_object_ref (self));
  update_busy (self);
}

static void
enqueue (SecuenciaPeaksLoader *self,
         gint64                asset_id)
{
  if (g_hash_table_contains (self->pending, &asset_id))
    return;
  g_hash_table_add (self->pending, int64_dup (asset_id));
  g_array_append_val (self->queue, asset_id);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

gboolean
secuencia_peaks_loader_load (SecuenciaPeaksLoader  *self,
                             GError               **error)
{
  g_autoptr(GArray) damaged = NULL;
  g_autoptr(GArray) missing = NULL;
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (SECUENCIA_IS_PEAKS_LOADER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* One snapshot for both queries. */
  if (!secuencia_project_begin_read (self->project, error))
    return FALSE;
  damaged = g_array_new (FALSE, FALSE, sizeof (gint64));
  stored = secuencia_project_load_all_peaks (self->project, damaged, error);
  if (stored != NULL)
    missing = secuencia_project_list_assets_without_peaks (self->project, error);
  secuencia_project_end_read (self->project);
  if (stored == NULL || missing == NULL)
    return FALSE;

  /* In asset order, so every run reports alike. */
  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (keys, *(gint64 *) key);
  g_array_sort (keys, compare_int64);
  for (guint i = 0; i < keys->len; i++)
    {
      gint64 asset_id = g_array_index (keys, gint64, i);

      report_ready (self, asset_id, g_hash_table_lookup (stored, &asset_id));
    }
  for (guint i = 0; i < damaged->len; i++)
    enqueue (self, g_array_index (damaged, gint64, i));
  for (guint i = 0; i < missing->len; i++)
    enqueue (self, g_array_index (missing, gint64, i));
  start_next_run (self);
  return TRUE;
}

gboolean
secuencia_peaks_loader_refresh (SecuenciaPeaksLoader  *self,
                                GError               **error)
{
  g_autoptr(GPtrArray) assets = NULL;

  g_return_val_if_fail (SECUENCIA_IS_PEAKS_LOADER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  assets = secuencia_project_list_assets (self->project, error);
  if (assets == NULL)
    return FALSE;
  for (guint i = 0; i < assets->len; i++)
    {
      SecuenciaAssetInfo *asset = g_ptr_array_index (assets, i);
      g_autoptr(SecuenciaPeaks) peaks = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_hash_table_contains (self->peaks, &asset->id)
          || g_hash_table_contains (self->pending, &asset->id))
        continue;
      peaks = secuencia_project_load_peaks (self->project, asset->id, &local_error);
      if (peaks != NULL)
        report_ready (self, asset->id, peaks);
      else if (local_error == NULL || local_error->domain == SECUENCIA_PEAKS_ERROR)
        enqueue (self, asset->id);
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  start_next_run (self);
  return TRUE;
}

SecuenciaPeaks *
secuencia_peaks_loader_lookup (SecuenciaPeaksLoader *self,
                               gint64                asset_id)
{
  g_return_val_if_fail (SECUENCIA_IS_PEAKS_LOADER (self), NULL);

  return g_hash_table_lookup (self->peaks, &asset_id);
}

GHashTable *
secuencia_peaks_loader_get_all (SecuenciaPeaksLoader *self)
{
  g_return_val_if_fail (SECUENCIA_IS_PEAKS_LOADER (self), NULL);

  return self->peaks;
}

gboolean
secuencia_peaks_loader_is_busy (SecuenciaPeaksLoader *self)
{
  g_return_val_if_fail (SECUENCIA_IS_PEAKS_LOADER (self), FALSE);

  return self->busy;
}

void
secuencia_peaks_loader_cancel (SecuenciaPeaksLoader *self)
{
  g_return_if_fail (SECUENCIA_IS_PEAKS_LOADER (self));

  g_cancellable_cancel (self->cancellable);
  g_array_set_size (self->queue, 0);
  /* What was decoded is kept. */
  store_unstored (self);
}

SecuenciaPeaksLoader *
secuencia_peaks_loader_new (SecuenciaProject *project)
{
  g_return_val_if_fail (SECUENCIA_IS_PROJECT (project), NULL);

  return g_object_new (SECUENCIA_TYPE_PEAKS_LOADER, "project", project, NULL);
}

static void
secuencia_peaks_loader_constructed (GObject *object)
{
  SecuenciaPeaksLoader *self = SECUENCIA_PEAKS_LOADER (object);

  G_OBJECT_CLASS (secuencia_peaks_loader_parent_class)->constructed (object);

  g_assert (self->project != NULL);
  self->computer = secuencia_peaks_computer_new (secuencia_project_get_path (self->project));
  secuencia_peaks_computer_set_store (self->computer, FALSE);
  g_signal_connect_object (self->computer, "peaks-ready", G_CALLBACK (on_computer_ready), self, 0);
  g_signal_connect_object (self->computer, "peaks-failed", G_CALLBACK (on_computer_failed), self, 0);
}

static void
secuencia_peaks_loader_dispose (GObject *object)
{
  SecuenciaPeaksLoader *self = SECUENCIA_PEAKS_LOADER (object);

  g_cancellable_cancel (self->cancellable);
  store_unstored (self);
  if (self->computer != NULL)
    g_signal_handlers_disconnect_by_data (self->computer, self);
  g_clear_object (&self->computer);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (secuencia_peaks_loader_parent_class)->dispose (object);
}

static void
secuencia_peaks_loader_finalize (GObject *object)
{
  SecuenciaPeaksLoader *self = SECUENCIA_PEAKS_LOADER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->peaks, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->queue, g_array_unref);
  g_clear_pointer (&self->running, g_array_unref);
  g_clear_pointer (&self->unstored, g_hash_table_unref);
  G_OBJECT_CLASS (secuencia_peaks_loader_parent_class)->finalize (object);
}

static void
secuencia_peaks_loader_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SecuenciaPeaksLoader *self = SECUENCIA_PEAKS_LOADER (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_peaks_loader_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SecuenciaPeaksLoader *self = SECUENCIA_PEAKS_LOADER (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      self->project = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
secuencia_peaks_loader_class_init (SecuenciaPeaksLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = secuencia_peaks_loader_constructed;
  object_class->dispose = secuencia_peaks_loader_dispose;
  object_class->finalize = secuencia_peaks_loader_finalize;
  object_class->get_property = secuencia_peaks_loader_get_property;
  object_class->set_property = secuencia_peaks_loader_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, SECUENCIA_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_PEAKS_READY] =
    g_signal_new ("peaks-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, SECUENCIA_TYPE_PEAKS);
  signals[SIGNAL_PEAKS_FAILED] =
    g_signal_new ("peaks-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_ERROR);
}

static void
secuencia_peaks_loader_init (SecuenciaPeaksLoader *self)
{
  self->cancellable = g_cancellable_new ();
  self->peaks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) secuencia_peaks_unref);
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->queue = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->unstored = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          (GDestroyNotify) secuencia_peaks_unref);
}
