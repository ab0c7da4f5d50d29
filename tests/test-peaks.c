/* test-peaks.c: the waveform summary: block placement, levels, the
 * serialized form and its validation. */
#include <math.h>
#include <string.h>
#include <glib.h>

#include "secuencia-peaks.h"

#define MS SECUENCIA_TIME_MSECOND

static const gint16 *
finest (SecuenciaPeaks *peaks, guint *n_blocks)
{
  SecuenciaTime block = 0;
  const gint16 *pairs = secuencia_peaks_get_level (peaks, 1, &block, n_blocks);

  g_assert_cmpint (block, ==, SECUENCIA_PEAKS_BLOCK_DURATION);
  return pairs;
}

/* Blocks by hand at 48 kHz: 240 frames per 5 ms block. */
static void
test_blocks_48k (void)
{
  g_autoptr(SecuenciaPeaksBuilder) builder = secuencia_peaks_builder_new (48000);
  g_autofree float *samples = g_new0 (float, 600);
  g_autoptr(SecuenciaPeaks) peaks = NULL;
  const gint16 *pairs;
  guint n = 0;

  for (guint i = 0; i < 240; i++)
    samples[i] = 0.25f;
  samples[100] = -1.0f;
  samples[239] = 1.0f;
  for (guint i = 240; i < 480; i++)
    samples[i] = -0.5f;
  samples[240] = 0.0f;
  /* 480..599 silent, but one overshoot clipped and one NaN. */
  samples[500] = 3.0f;
  samples[501] = NAN;

  secuencia_peaks_builder_add_f32 (builder, samples, 600, 1);
  g_assert_cmpuint (secuencia_peaks_builder_get_n_frames (builder), ==, 600);
  peaks = secuencia_peaks_builder_end (builder);

  /* 600 frames = 12.5 ms: three blocks, the last one half full. */
  g_assert_cmpint (secuencia_peaks_get_duration (peaks), ==, 12500000);
  pairs = finest (peaks, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (pairs[0], ==, -32767);
  g_assert_cmpint (pairs[1], ==, 32767);
  g_assert_cmpint (pairs[2], ==, -16384);   /* lrint (-16383.5) */
  g_assert_cmpint (pairs[3], ==, 0);
  g_assert_cmpint (pairs[4], ==, 0);
  g_assert_cmpint (pairs[5], ==, 32767);
}

/* At 44.1 kHz a block is 220.5 frames: frame 220 (4.989 ms) is block 0,
 * frame 221 (5.011 ms) block 1; a sample's interval reaching into a block
 * with no sample of its own fills it. */
static void
test_blocks_44k (void)
{
  g_autoptr(SecuenciaPeaksBuilder) builder = secuencia_peaks_builder_new (44100);
  g_autofree float *samples = g_new0 (float, 442);
  g_autoptr(SecuenciaPeaks) first = NULL;
  g_autoptr(SecuenciaPeaks) second = NULL;
  const gint16 *pairs;
  guint n = 0;

  samples[220] = 0.5f;
  samples[221] = -0.25f;
  samples[440] = 0.125f;
  samples[441] = -1.0f;  /* 441 / 44100 s = 10 ms exactly: block 2 */

  secuencia_peaks_builder_add_f32 (builder, samples, 221, 1);
  first = secuencia_peaks_builder_end (builder);
  /* 221 frames end at 5.011 ms: two blocks, the second held by frame 220. */
  g_assert_cmpint (secuencia_peaks_get_duration (first), ==, 5011338);
  pairs = finest (first, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (pairs[0], ==, 0);
  g_assert_cmpint (pairs[1], ==, 16384);
  g_assert_cmpint (pairs[2], ==, 16384);
  g_assert_cmpint (pairs[3], ==, 16384);

  /* The builder goes on after end(). */
  secuencia_peaks_builder_add_f32 (builder, samples + 221, 221, 1);
  second = secuencia_peaks_builder_end (builder);
  g_assert_cmpint (secuencia_peaks_get_duration (second), ==, 10022676);
  pairs = finest (second, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (pairs[0], ==, 0);
  g_assert_cmpint (pairs[1], ==, 16384);
  g_assert_cmpint (pairs[2], ==, -8192);
  g_assert_cmpint (pairs[3], ==, 4096);
  g_assert_cmpint (pairs[4], ==, -32767);
  g_assert_cmpint (pairs[5], ==, -32767);
}

/* Every channel counts: the envelope is over all of them. */
static void
test_channels (void)
{
  g_autoptr(SecuenciaPeaksBuilder) builder = secuencia_peaks_builder_new (8000);
  float frames[40 * 2];
  g_autoptr(SecuenciaPeaks) peaks = NULL;
  const gint16 *pairs;
  guint n = 0;

  /* 8 kHz: 40 frames per block; left silent, right carries a pulse. */
  memset (frames, 0, sizeof frames);
  frames[2 * 7 + 1] = 0.75f;
  frames[2 * 30 + 1] = -0.5f;
  secuencia_peaks_builder_add_f32 (builder, frames, 40, 2);
  peaks = secuencia_peaks_builder_end (builder);
  pairs = finest (peaks, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (pairs[0], ==, -16384);
  g_assert_cmpint (pairs[1], ==, 24575);

  /* A block of nothing but NaN is silent, not inverted. */
  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    frames[i] = NAN;
  secuencia_peaks_builder_add_f32 (builder, frames, 40, 2);
  g_clear_pointer (&peaks, secuencia_peaks_unref);
  peaks = secuencia_peaks_builder_end (builder);
  pairs = finest (peaks, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (pairs[2], ==, 0);
  g_assert_cmpint (pairs[3], ==, 0);
}

static float
test_signal (guint64 i)
{
  /* Deterministic, aperiodic and with the full range. */
  return (float) sin ((double) i * 0.0123 + sin ((double) i * 0.00031) * 3.0)
         * (float) ((i / 977) % 5) / 4.0f;
}

/* Chunk sizes do not matter; levels are exact min/max of the level below;
 * a reference computed sample by sample agrees at every block. */
static void
test_chunks_and_levels (void)
{
  const guint rate = 22050;
  const guint64 n_frames = 22050 * 25 + 17;   /* 25 s and a bit: all 4 levels used */
  g_autoptr(SecuenciaPeaksBuilder) whole = secuencia_peaks_builder_new (rate);
  g_autoptr(SecuenciaPeaksBuilder) pieces = secuencia_peaks_builder_new (rate);
  g_autofree float *samples = g_new (float, n_frames);
  g_autoptr(SecuenciaPeaks) a = NULL;
  g_autoptr(SecuenciaPeaks) b = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree gint16 *reference = NULL;
  const gint16 *pairs;
  guint n = 0, n_expected;
  SecuenciaTime block;

  for (guint64 i = 0; i < n_frames; i++)
    samples[i] = test_signal (i);

  secuencia_peaks_builder_add_f32 (whole, samples, n_frames, 1);
  for (guint64 done = 0; done < n_frames;)
    {
      guint64 chunk = MIN ((guint64) g_rand_int_range (rand, 0, 3000), n_frames - done);

      secuencia_peaks_builder_add_f32 (pieces, samples + done, chunk, 1);
      done += chunk;
    }
  a = secuencia_peaks_builder_end (whole);
  b = secuencia_peaks_builder_end (pieces);
  g_assert_true (secuencia_peaks_equal (a, b));

  /* Sample by sample: block = floor (i × 1e9 / rate / 5 ms). */
  n_expected = (guint) ceil ((double) n_frames / rate / 0.005);
  reference = g_new (gint16, 2 * n_expected);
  for (guint j = 0; j < n_expected; j++)
    {
      reference[2 * j] = G_MAXINT16;
      reference[2 * j + 1] = G_MININT16;
    }
  for (guint64 i = 0; i < n_frames; i++)
    {
      guint j = (guint) ((i * 1000000000 / rate) / (5 * MS));
      gint16 v = (gint16) lrint (samples[i] * 32767.0f);

      reference[2 * j] = MIN (reference[2 * j], v);
      reference[2 * j + 1] = MAX (reference[2 * j + 1], v);
    }
  pairs = finest (a, &n);
  g_assert_cmpuint (n, ==, n_expected);
  g_assert_cmpmem (pairs, 4 * n, reference, 4 * n_expected);

  /* Level choice: the coarsest block <= time per pixel, else the finest. */
  secuencia_peaks_get_level (a, 0, &block, NULL);
  g_assert_cmpint (block, ==, 5 * MS);
  secuencia_peaks_get_level (a, 79 * MS, &block, NULL);
  g_assert_cmpint (block, ==, 5 * MS);
  secuencia_peaks_get_level (a, 80 * MS, &block, NULL);
  g_assert_cmpint (block, ==, 80 * MS);
  secuencia_peaks_get_level (a, 20 * SECUENCIA_TIME_SECOND, &block, NULL);
  g_assert_cmpint (block, ==, 1280 * MS);
  secuencia_peaks_get_level (a, 3600 * SECUENCIA_TIME_SECOND, &block, NULL);
  g_assert_cmpint (block, ==, 20480 * MS);

  /* Each level: ceil (duration / block) blocks, each the envelope of the
   * 16 below it. */
  for (SecuenciaTime tpp = 80 * MS; tpp <= 20480 * MS; tpp *= 16)
    {
      guint n_fine = 0, n_coarse = 0;
      SecuenciaTime fine_block = 0, coarse_block = 0;
      const gint16 *fine = secuencia_peaks_get_level (a, tpp / 16, &fine_block, &n_fine);
      const gint16 *coarse = secuencia_peaks_get_level (a, tpp, &coarse_block, &n_coarse);
      SecuenciaTime duration = secuencia_peaks_get_duration (a);

      g_assert_cmpint (coarse_block, ==, tpp);
      g_assert_cmpint (fine_block * 16, ==, coarse_block);
      g_assert_cmpuint (n_coarse, ==, (duration + coarse_block - 1) / coarse_block);
      for (guint j = 0; j < n_coarse; j++)
        {
          gint16 lo = G_MAXINT16, hi = G_MININT16;

          for (guint i = 16 * j; i < MIN (16 * j + 16, n_fine); i++)
            {
              lo = MIN (lo, fine[2 * i]);
              hi = MAX (hi, fine[2 * i + 1]);
            }
          g_assert_cmpint (coarse[2 * j], ==, lo);
          g_assert_cmpint (coarse[2 * j + 1], ==, hi);
        }
    }
}

static SecuenciaPeaks *
make_peaks (guint64 n_frames)
{
  g_autoptr(SecuenciaPeaksBuilder) builder = secuencia_peaks_builder_new (48000);
  g_autofree float *samples = g_new (float, MAX (n_frames, 1));

  for (guint64 i = 0; i < n_frames; i++)
    samples[i] = test_signal (i);
  secuencia_peaks_builder_add_f32 (builder, samples, n_frames, 1);
  return secuencia_peaks_builder_end (builder);
}

static void
test_serialize (void)
{
  g_autoptr(SecuenciaPeaks) peaks = make_peaks (48000 * 3 + 5);
  g_autoptr(GBytes) bytes = secuencia_peaks_serialize (peaks);
  g_autoptr(SecuenciaPeaks) back = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  gsize size;

  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpmem (data, 4, "SQPK", 4);
  g_assert_cmpuint (data[4], ==, 1);
  g_assert_cmpuint (size, ==, 28 + 4 * 601);

  back = secuencia_peaks_deserialize (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (secuencia_peaks_equal (peaks, back));
  for (SecuenciaTime tpp = 5 * MS; tpp <= 20480 * MS; tpp *= 16)
    {
      guint n1 = 0, n2 = 0;
      const gint16 *p1 = secuencia_peaks_get_level (peaks, tpp, NULL, &n1);
      const gint16 *p2 = secuencia_peaks_get_level (back, tpp, NULL, &n2);

      g_assert_cmpmem (p1, 4 * n1, p2, 4 * n2);
    }

  /* Empty audio. */
  {
    g_autoptr(SecuenciaPeaks) empty = make_peaks (0);
    g_autoptr(GBytes) empty_bytes = secuencia_peaks_serialize (empty);
    g_autoptr(SecuenciaPeaks) empty_back = secuencia_peaks_deserialize (empty_bytes, &error);
    guint n = 99;

    g_assert_no_error (error);
    g_assert_cmpint (secuencia_peaks_get_duration (empty_back), ==, 0);
    g_assert_null (secuencia_peaks_get_level (empty_back, 5 * MS, NULL, &n));
    g_assert_cmpuint (n, ==, 0);
    g_assert_cmpuint (g_bytes_get_size (empty_bytes), ==, 28);
  }
}

static void
expect_invalid (const guint8 *data, gsize size, int code)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaPeaks) peaks = secuencia_peaks_deserialize (bytes, &error);

  g_assert_null (peaks);
  g_assert_error (error, SECUENCIA_PEAKS_ERROR, code);
  g_assert_nonnull (strstr (error->message, "peaks"));
}

static void
put64 (guint8 *p, guint64 v)
{
  v = GUINT64_TO_LE (v);
  memcpy (p, &v, 8);
}

static void
test_corrupt (void)
{
  g_autoptr(SecuenciaPeaks) peaks = make_peaks (48000 / 2);
  g_autoptr(GBytes) bytes = secuencia_peaks_serialize (peaks);
  gsize size;
  const guint8 *good = g_bytes_get_data (bytes, &size);
  g_autofree guint8 *bad = g_memdup2 (good, size);
  guint n_valid_flips = 0;

  /* Every truncation. */
  for (gsize len = 0; len < size; len++)
    expect_invalid (good, len, SECUENCIA_PEAKS_ERROR_INVALID);
  /* One extra byte. */
  {
    g_autofree guint8 *longer = g_malloc0 (size + 1);

    memcpy (longer, good, size);
    expect_invalid (longer, size + 1, SECUENCIA_PEAKS_ERROR_INVALID);
  }

  /* Magic, version (newer is its own code), reserved bytes. */
  bad[0] = 'X';
  expect_invalid (bad, size, SECUENCIA_PEAKS_ERROR_INVALID);
  memcpy (bad, good, size);
  bad[4] = 2;
  expect_invalid (bad, size, SECUENCIA_PEAKS_ERROR_VERSION);
  bad[4] = 0;
  expect_invalid (bad, size, SECUENCIA_PEAKS_ERROR_INVALID);
  memcpy (bad, good, size);
  bad[6] = 1;
  expect_invalid (bad, size, SECUENCIA_PEAKS_ERROR_INVALID);

  /* Duration that does not match the block count; negative; huge. */
  memcpy (bad, good, size);
  put64 (bad + 8, 5 * MS * 1000);
  expect_invalid (bad, size, SECUENCIA_PEAKS_ERROR_INVALID);
  put64 (bad + 8, (guint64) -1);
  expect_invalid (bad, size, SECUENCIA_PEAKS_ERROR_INVALID);
  put64 (bad + 8, G_MAXINT64);
  expect_invalid (bad, size, SECUENCIA_PEAKS_ERROR_INVALID);
  /* Block length zero, negative, absurd. */
  memcpy (bad, good, size);
  put64 (bad + 16, 0);
  expect_invalid (bad, size, SECUENCIA_PEAKS_ERROR_INVALID);
  put64 (bad + 16, (guint64) -5);
  expect_invalid (bad, size, SECUENCIA_PEAKS_ERROR_INVALID);
  put64 (bad + 16, G_MAXINT64);
  expect_invalid (bad, size, SECUENCIA_PEAKS_ERROR_INVALID);
  /* Block count beyond the data. */
  memcpy (bad, good, size);
  bad[27] = 0x7f;
  expect_invalid (bad, size, SECUENCIA_PEAKS_ERROR_INVALID);
  /* A block whose minimum is above its maximum. */
  memcpy (bad, good, size);
  bad[28] = 0xff;
  bad[29] = 0x7f;   /* min = 32767 */
  bad[30] = 0x00;
  bad[31] = 0x00;   /* max = 0 */
  expect_invalid (bad, size, SECUENCIA_PEAKS_ERROR_INVALID);

  /* Any single flipped bit: a clear error or valid peaks, never a crash. */
  for (gsize i = 0; i < size; i++)
    for (guint bit = 0; bit < 8; bit++)
      {
        g_autoptr(GBytes) flipped = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(SecuenciaPeaks) back = NULL;

        memcpy (bad, good, size);
        bad[i] ^= (guint8) (1u << bit);
        flipped = g_bytes_new (bad, size);
        back = secuencia_peaks_deserialize (flipped, &error);
        g_assert_true ((back == NULL) != (error == NULL));
        if (back != NULL)
          {
            guint n = 0;

            n_valid_flips++;
            secuencia_peaks_get_level (back, 20480 * MS, NULL, &n);
          }
      }
  /* Flips in the sample data mostly stay valid peaks. */
  g_assert_cmpuint (n_valid_flips, >, 0);
}

static void
test_new_from_blocks (void)
{
  const gint16 pairs[] = { -5, 5, 0, 0, -32767, 32767 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaPeaks) peaks = NULL;
  g_autoptr(SecuenciaPeaks) copy = NULL;
  const gint16 *coarse;
  guint n = 0;
  SecuenciaTime block;

  /* 25 ms in 10 ms blocks: 3 blocks. */
  peaks = secuencia_peaks_new_from_blocks (25 * MS, 10 * MS, pairs, 3, &error);
  g_assert_no_error (error);
  coarse = secuencia_peaks_get_level (peaks, 160 * MS, &block, &n);
  g_assert_cmpint (block, ==, 160 * MS);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (coarse[0], ==, -32767);
  g_assert_cmpint (coarse[1], ==, 32767);

  g_assert_null (secuencia_peaks_new_from_blocks (35 * MS, 10 * MS, pairs, 3, &error));
  g_assert_error (error, SECUENCIA_PEAKS_ERROR, SECUENCIA_PEAKS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (secuencia_peaks_new_from_blocks (25 * MS, 0, pairs, 3, &error));
  g_assert_error (error, SECUENCIA_PEAKS_ERROR, SECUENCIA_PEAKS_ERROR_INVALID);
  g_clear_error (&error);
  {
    const gint16 inverted[] = { 5, -5 };

    g_assert_null (secuencia_peaks_new_from_blocks (5 * MS, 10 * MS, inverted, 1, &error));
    g_assert_error (error, SECUENCIA_PEAKS_ERROR, SECUENCIA_PEAKS_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Boxed copy is a reference. */
  copy = g_boxed_copy (SECUENCIA_TYPE_PEAKS, peaks);
  g_assert_true (copy == peaks);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peaks/blocks-48k", test_blocks_48k);
  g_test_add_func ("/peaks/blocks-44k", test_blocks_44k);
  g_test_add_func ("/peaks/channels", test_channels);
  g_test_add_func ("/peaks/chunks-and-levels", test_chunks_and_levels);
  g_test_add_func ("/peaks/serialize", test_serialize);
  g_test_add_func ("/peaks/corrupt", test_corrupt);
  g_test_add_func ("/peaks/new-from-blocks", test_new_from_blocks);

  return g_test_run ();
}
