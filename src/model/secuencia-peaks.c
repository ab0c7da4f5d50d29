/* secuencia-peaks.c: an asset's min/max waveform summary at a few
 * resolutions (refcounted, immutable), its builder and its serialized form.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "secuencia-peaks.h"

#define MAGIC            "SQPK"
#define FORMAT_VERSION   1
#define HEADER_SIZE      (4 + 1 + 3 + 8 + 8 + 4)
/* A block must be at least a microsecond and at most an hour: anything else
 * is a damaged blob, not peaks this program wrote. */
#define MIN_BLOCK        ((SecuenciaTime) 1000)
#define MAX_BLOCK        ((SecuenciaTime) 3600 * SECUENCIA_TIME_SECOND)

G_DEFINE_QUARK (secuencia-peaks-error-quark, secuencia_peaks_error)

typedef struct
{
  SecuenciaTime  block;
  guint          n_blocks;
  gint16        *pairs;     /* 2 × n_blocks */
} Level;

struct _SecuenciaPeaks
{
  gatomicrefcount  ref_count;
  SecuenciaTime    duration;
  guint            n_levels;
  Level            levels[SECUENCIA_PEAKS_N_LEVELS];
};

G_DEFINE_BOXED_TYPE (SecuenciaPeaks, secuencia_peaks, secuencia_peaks_ref, secuencia_peaks_unref)

SecuenciaPeaks *
secuencia_peaks_ref (SecuenciaPeaks *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
secuencia_peaks_unref (SecuenciaPeaks *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint i = 0; i < self->n_levels; i++)
    g_free (self->levels[i].pairs);
  g_free (self);
}

static guint
ceil_div (SecuenciaTime a, SecuenciaTime b)
{
  return (guint) (a / b + (a % b != 0 ? 1 : 0));
}

/* Takes @pairs (the finest level); derives the coarser ones. */
static SecuenciaPeaks *
peaks_new_take (SecuenciaTime duration,
                SecuenciaTime block,
                gint16       *pairs,
                guint         n_blocks)
{
  SecuenciaPeaks *self = g_new0 (SecuenciaPeaks, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->duration = duration;
  self->levels[0].block = block;
  self->levels[0].n_blocks = n_blocks;
  self->levels[0].pairs = pairs;
  self->n_levels = 1;

  for (guint l = 1; l < SECUENCIA_PEAKS_N_LEVELS; l++)
    {
      const Level *fine = &self->levels[l - 1];
      Level *coarse = &self->levels[l];

      coarse->block = fine->block * SECUENCIA_PEAKS_LEVEL_FACTOR;
      coarse->n_blocks = (fine->n_blocks + SECUENCIA_PEAKS_LEVEL_FACTOR - 1) / SECUENCIA_PEAKS_LEVEL_FACTOR;
      coarse->pairs = g_new (gint16, 2 * (gsize) MAX (coarse->n_blocks, 1));
      for (guint j = 0; j < coarse->n_blocks; j++)
        {
          guint first = j * SECUENCIA_PEAKS_LEVEL_FACTOR;
          guint last = MIN (first + SECUENCIA_PEAKS_LEVEL_FACTOR, fine->n_blocks);
          gint16 lo = G_MAXINT16, hi = G_MININT16;

          for (guint i = first; i < last; i++)
            {
              lo = MIN (lo, fine->pairs[2 * i]);
              hi = MAX (hi, fine->pairs[2 * i + 1]);
            }
          coarse->pairs[2 * j] = lo;
          coarse->pairs[2 * j + 1] = hi;
        }
      self->n_levels++;
    }
  return self;
}

static gboolean
check_blocks (SecuenciaTime   duration,
              SecuenciaTime   block,
              const gint16   *pairs,
              guint           n_blocks,
              GError        **error)
{
  if (duration < 0 || duration > SECUENCIA_TIME_MAX)
    {
      g_set_error (error, SECUENCIA_PEAKS_ERROR, SECUENCIA_PEAKS_ERROR_INVALID,
                   _("Waveform peaks have an impossible duration (%" G_GINT64_FORMAT " ns)"),
                   duration);
      return FALSE;
    }
  if (block < MIN_BLOCK || block > MAX_BLOCK)
    {
      g_set_error (error, SECUENCIA_PEAKS_ERROR, SECUENCIA_PEAKS_ERROR_INVALID,
                   _("Waveform peaks have an impossible block length (%" G_GINT64_FORMAT " ns)"),
                   block);
      return FALSE;
    }
  if (duration / block >= G_MAXUINT32 || n_blocks != ceil_div (duration, block))
    {
      g_set_error (error, SECUENCIA_PEAKS_ERROR, SECUENCIA_PEAKS_ERROR_INVALID,
                   _("Waveform peaks hold %u blocks where %" G_GINT64_FORMAT
                     " ns of audio needs %" G_GINT64_FORMAT),
                   n_blocks, duration, duration / block + (duration % block != 0));
      return FALSE;
    }
  for (guint i = 0; i < n_blocks; i++)
    if (pairs[2 * i] > pairs[2 * i + 1])
      {
        g_set_error (error, SECUENCIA_PEAKS_ERROR, SECUENCIA_PEAKS_ERROR_INVALID,
                     _("Waveform peaks block %u has its minimum (%d) above its maximum (%d)"),
                     i, pairs[2 * i], pairs[2 * i + 1]);
        return FALSE;
      }
  return TRUE;
}

SecuenciaPeaks *
secuencia_peaks_new_from_blocks (SecuenciaTime   duration,
                                 SecuenciaTime   block_duration,
                                 const gint16   *pairs,
                                 guint           n_blocks,
                                 GError        **error)
{
  g_return_val_if_fail (pairs != NULL || n_blocks == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_blocks (duration, block_duration, pairs, n_blocks, error))
    return NULL;
  return peaks_new_take (duration, block_duration,
                         n_blocks > 0 ? g_memdup2 (pairs, 2 * sizeof (gint16) * n_blocks) : NULL,
                         n_blocks);
}

SecuenciaTime
secuencia_peaks_get_duration (const SecuenciaPeaks *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->duration;
}

const gint16 *
secuencia_peaks_get_level (const SecuenciaPeaks *self,
                           SecuenciaTime         time_per_pixel,
                           SecuenciaTime        *block_duration,
                           guint                *n_blocks)
{
  const Level *level;

  g_return_val_if_fail (self != NULL, NULL);

  level = &self->levels[0];
  for (guint l = 1; l < self->n_levels; l++)
    if (self->levels[l].block <= time_per_pixel)
      level = &self->levels[l];

  if (block_duration != NULL)
    *block_duration = level->block;
  if (n_blocks != NULL)
    *n_blocks = level->n_blocks;
  return level->n_blocks > 0 ? level->pairs : NULL;
}

gboolean
secuencia_peaks_equal (const SecuenciaPeaks *a,
                       const SecuenciaPeaks *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->duration == b->duration
         && a->levels[0].block == b->levels[0].block
         && a->levels[0].n_blocks == b->levels[0].n_blocks
         && (a->levels[0].n_blocks == 0
             || memcmp (a->levels[0].pairs, b->levels[0].pairs,
                        2 * sizeof (gint16) * a->levels[0].n_blocks) == 0);
}

/* ---- serialized form ---- */

static void
put_u32 (guint8 *p, guint32 v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, sizeof v);
}

static void
put_u64 (guint8 *p, guint64 v)
{
  v = GUINT64_TO_LE (v);
  memcpy (p, &v, sizeof v);
}

static guint32
get_u32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

static guint64
get_u64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return GUINT64_FROM_LE (v);
}

GBytes *
secuencia_peaks_serialize (const SecuenciaPeaks *self)
{
  const Level *level;
  gsize size;
  guint8 *data, *p;

  g_return_val_if_fail (self != NULL, NULL);

  level = &self->levels[0];
  size = HEADER_SIZE + 4 * (gsize) level->n_blocks;
  data = g_malloc0 (size);
  memcpy (data, MAGIC, 4);
  data[4] = FORMAT_VERSION;
  put_u64 (data + 8, (guint64) self->duration);
  put_u64 (data + 16, (guint64) level->block);
  put_u32 (data + 24, level->n_blocks);
  p = data + HEADER_SIZE;
  for (guint i = 0; i < 2 * level->n_blocks; i++, p += 2)
    {
      guint16 v = GUINT16_TO_LE ((guint16) level->pairs[i]);
      memcpy (p, &v, 2);
    }
  return g_bytes_new_take (data, size);
}

SecuenciaPeaks *
secuencia_peaks_deserialize (GBytes  *bytes,
                             GError **error)
{
  const guint8 *data;
  gsize size;
  SecuenciaTime duration, block;
  guint32 n_blocks;
  g_autofree gint16 *pairs = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size < HEADER_SIZE || memcmp (data, MAGIC, 4) != 0)
    {
      g_set_error (error, SECUENCIA_PEAKS_ERROR, SECUENCIA_PEAKS_ERROR_INVALID,
                   _("Stored waveform peaks are damaged: not a peaks record (%" G_GSIZE_FORMAT " bytes)"),
                   size);
      return NULL;
    }
  if (data[4] != FORMAT_VERSION)
    {
      g_set_error (error, SECUENCIA_PEAKS_ERROR,
                   data[4] > FORMAT_VERSION ? SECUENCIA_PEAKS_ERROR_VERSION : SECUENCIA_PEAKS_ERROR_INVALID,
                   _("Stored waveform peaks have format version %u; this version of Secuencia reads version %u"),
                   data[4], FORMAT_VERSION);
      return NULL;
    }
  if (data[5] != 0 || data[6] != 0 || data[7] != 0)
    {
      g_set_error (error, SECUENCIA_PEAKS_ERROR, SECUENCIA_PEAKS_ERROR_INVALID,
                   _("Stored waveform peaks are damaged: reserved header bytes are not zero"));
      return NULL;
    }
  duration = (SecuenciaTime) get_u64 (data + 8);
  block = (SecuenciaTime) get_u64 (data + 16);
  n_blocks = get_u32 (data + 24);
  if ((size - HEADER_SIZE) % 4 != 0 || (size - HEADER_SIZE) / 4 != n_blocks)
    {
      g_set_error (error, SECUENCIA_PEAKS_ERROR, SECUENCIA_PEAKS_ERROR_INVALID,
                   _("Stored waveform peaks are damaged: %u blocks announced, %" G_GSIZE_FORMAT " bytes of blocks present"),
                   n_blocks, size - HEADER_SIZE);
      return NULL;
    }

  if (n_blocks > 0)
    {
      const guint8 *p = data + HEADER_SIZE;

      pairs = g_new (gint16, 2 * (gsize) n_blocks);
      for (gsize i = 0; i < 2 * (gsize) n_blocks; i++, p += 2)
        {
          guint16 v;

          memcpy (&v, p, 2);
          pairs[i] = (gint16) GUINT16_FROM_LE (v);
        }
    }
  if (!check_blocks (duration, block, pairs, n_blocks, error))
    {
      g_prefix_error (error, _("Stored waveform peaks are damaged: "));
      return NULL;
    }
  return peaks_new_take (duration, block, g_steal_pointer (&pairs), n_blocks);
}

/* ---- builder ---- */

struct _SecuenciaPeaksBuilder
{
  guint     rate;
  guint64   n_frames;
  GArray   *pairs;        /* gint16, completed blocks of the finest level */
  guint64   block_end;    /* first frame of the next block */
  gboolean  has_current;  /* the current block has a sample */
  float     lo, hi;       /* of the current block (NaN never counts) */
  gint16    last;         /* the last sample's largest magnitude value */
};

/* The first frame whose time (frame / rate) is >= @block_index blocks. */
static guint64
block_start_frame (guint64 block_index, guint rate)
{
  guint64 t = block_index * (guint64) SECUENCIA_PEAKS_BLOCK_DURATION;
  guint64 q = t / G_GUINT64_CONSTANT (1000000000), r = t % G_GUINT64_CONSTANT (1000000000);
  guint64 rr = r * rate;

  return q * rate + rr / 1000000000 + (rr % 1000000000 != 0 ? 1 : 0);
}

SecuenciaPeaksBuilder *
secuencia_peaks_builder_new (guint rate)
{
  SecuenciaPeaksBuilder *self;

  g_return_val_if_fail (rate > 0, NULL);

  self = g_new0 (SecuenciaPeaksBuilder, 1);
  self->rate = rate;
  self->pairs = g_array_new (FALSE, FALSE, sizeof (gint16));
  self->block_end = block_start_frame (1, rate);
  return self;
}

void
secuencia_peaks_builder_free (SecuenciaPeaksBuilder *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->pairs);
  g_free (self);
}

guint64
secuencia_peaks_builder_get_n_frames (SecuenciaPeaksBuilder *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_frames;
}

/* Quantising is monotonic, so a block's extremes are found in float and
 * quantised once. */
static inline gint16
quantize (float x)
{
  if (!(x == x))          /* NaN */
    return 0;
  if (x >= 1.0f)
    return 32767;
  if (x <= -1.0f)
    return -32767;
  return (gint16) lrintf (x * 32767.0f);
}

static void
current_pair (SecuenciaPeaksBuilder *self,
              gint16                 pair[2])
{
  if (self->has_current && self->lo <= self->hi)
    {
      pair[0] = quantize (self->lo);
      pair[1] = quantize (self->hi);
    }
  else if (self->has_current)
    pair[0] = pair[1] = 0;          /* only NaN in it */
  else
    pair[0] = pair[1] = self->last; /* no sample: the last one reaches into it */
}

/* Closes the current block and starts the next. */
static void
close_block (SecuenciaPeaksBuilder *self)
{
  gint16 pair[2];

  current_pair (self, pair);
  g_array_append_vals (self->pairs, pair, 2);
  self->has_current = FALSE;
  self->block_end = block_start_frame (self->pairs->len / 2 + 1, self->rate);
}

void
secuencia_peaks_builder_add_f32 (SecuenciaPeaksBuilder *self,
                                 const float           *samples,
                                 gsize                  n_frames,
                                 guint                  channels)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (samples != NULL || n_frames == 0);
  g_return_if_fail (channels > 0);

  while (n_frames > 0)
    {
      gsize run, n;
      float lo, hi, frame_lo = INFINITY, frame_hi = -INFINITY;
      const float *last_frame;

      while (self->n_frames >= self->block_end)
        close_block (self);

      run = (gsize) MIN ((guint64) n_frames, self->block_end - self->n_frames);
      n = run * channels;
      lo = self->has_current ? self->lo : INFINITY;
      hi = self->has_current ? self->hi : -INFINITY;
      for (gsize i = 0; i < n; i++)
        {
          float v = samples[i];

          lo = v < lo ? v : lo;
          hi = v > hi ? v : hi;
        }
      last_frame = samples + (run - 1) * channels;
      for (guint c = 0; c < channels; c++)
        {
          frame_lo = last_frame[c] < frame_lo ? last_frame[c] : frame_lo;
          frame_hi = last_frame[c] > frame_hi ? last_frame[c] : frame_hi;
        }
      if (frame_lo <= frame_hi)
        self->last = -frame_lo > frame_hi ? quantize (frame_lo) : quantize (frame_hi);
      else
        self->last = 0;
      self->lo = lo;
      self->hi = hi;
      self->has_current = TRUE;
      self->n_frames += run;
      samples += n;
      n_frames -= run;
    }
}

SecuenciaPeaks *
secuencia_peaks_builder_end (SecuenciaPeaksBuilder *self)
{
  SecuenciaTime duration;
  guint n_blocks, n_done;
  gint16 *pairs;

  g_return_val_if_fail (self != NULL, NULL);

  /* ceil (n_frames × 1e9 / rate) without overflowing. */
  duration = (SecuenciaTime) ((self->n_frames / self->rate) * G_GUINT64_CONSTANT (1000000000)
                              + ((self->n_frames % self->rate) * G_GUINT64_CONSTANT (1000000000)
                                 + self->rate - 1) / self->rate);
  n_blocks = ceil_div (duration, SECUENCIA_PEAKS_BLOCK_DURATION);
  n_done = self->pairs->len / 2;
  g_assert (n_blocks >= n_done);

  pairs = g_new (gint16, 2 * (gsize) MAX (n_blocks, 1));
  if (n_done > 0)
    memcpy (pairs, self->pairs->data, 2 * sizeof (gint16) * n_done);
  for (guint i = n_done; i < n_blocks; i++)
    {
      /* The current block, then blocks the last sample reaches into. */
      if (i == n_done)
        current_pair (self, pairs + 2 * i);
      else
        pairs[2 * i] = pairs[2 * i + 1] = self->last;
    }
  if (n_blocks == 0)
    g_clear_pointer (&pairs, g_free);
  return peaks_new_take (duration, SECUENCIA_PEAKS_BLOCK_DURATION, pairs, n_blocks);
}
