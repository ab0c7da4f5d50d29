/* bench-wav.h: the WAV files the benchmarks import, written without
 * GStreamer (16-bit mono PCM). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sample @i of the file being written. */
typedef gint16 (*BenchSampleFunc) (guint i, gpointer user_data);

/* A 16-bit mono PCM WAV at @path: @n_samples at @rate Hz, sample i being
 * @sample (i, @user_data). FALSE with @error when it cannot be written. */
gboolean bench_write_wav (const char       *path,
                          guint             rate,
                          guint             n_samples,
                          BenchSampleFunc   sample,
                          gpointer          user_data,
                          GError          **error);

G_END_DECLS
