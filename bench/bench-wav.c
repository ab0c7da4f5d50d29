/* bench-wav.c: see bench-wav.h. */
#include "config.h"

#include <string.h>

#include "bench-wav.h"

gboolean
bench_write_wav (const char       *path,
                 guint             rate,
                 guint             n_samples,
                 BenchSampleFunc   sample,
                 gpointer          user_data,
                 GError          **error)
{
  gsize data_size = (gsize) n_samples * 2;
  g_autofree guint8 *bytes = g_malloc0 (44 + data_size);
  guint32 v32;
  guint16 v16;

#define PUT32(off, v) (v32 = GUINT32_TO_LE (v), memcpy (bytes + (off), &v32, 4))
#define PUT16(off, v) (v16 = GUINT16_TO_LE (v), memcpy (bytes + (off), &v16, 2))
  memcpy (bytes, "RIFF", 4);
  PUT32 (4, 36 + data_size);
  memcpy (bytes + 8, "WAVEfmt ", 8);
  PUT32 (16, 16);
  PUT16 (20, 1);          /* PCM */
  PUT16 (22, 1);          /* mono */
  PUT32 (24, rate);
  PUT32 (28, rate * 2);
  PUT16 (32, 2);
  PUT16 (34, 16);
  memcpy (bytes + 36, "data", 4);
  PUT32 (40, data_size);
  for (guint i = 0; i < n_samples; i++)
    PUT16 (44 + 2 * (gsize) i, (guint16) sample (i, user_data));
#undef PUT32
#undef PUT16
  return g_file_set_contents (path, (const char *) bytes, 44 + data_size, error);
}
