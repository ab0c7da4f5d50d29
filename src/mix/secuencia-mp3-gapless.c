/* secuencia-mp3-gapless.c: encoder delay of MP3 files GStreamer does not trim. */
#include "config.h"

#include "secuencia-mp3-gapless.h"
#include "secuencia-asset-reader.h"
#include "secuencia-asset-src.h"

#include <gio/gio.h>
#include <string.h>

/* The standard MP3 decoder delay (mpg123, libmad, FFmpeg and LAME all agree:
 * 528 + 1 samples) that LAME's encoder-delay field does not include. */
#define MP3_DECODER_DELAY 529

/* How far into the file we look for the first frame (after an ID3v2 tag). */
#define MAX_SCAN 65536

static const guint sample_rates[3][3] = {
  { 44100, 48000, 32000 }, /* MPEG-1 */
  { 22050, 24000, 16000 }, /* MPEG-2 */
  { 11025, 12000, 8000 },  /* MPEG-2.5 */
};

static gboolean
parse_frame (const guint8 *data,
             gsize         size,
             gsize         pos,
             guint        *out_delay_samples,
             guint        *out_rate,
             gboolean     *out_gstreamer_trims)
{
  const guint8 *h = data + pos;
  guint version_bits, layer_bits, rate_idx, mode, version, side_info;
  gsize x;
  guint32 flags;

  if (pos + 4 > size || h[0] != 0xff || (h[1] & 0xe0) != 0xe0)
    return FALSE;
  version_bits = (h[1] >> 3) & 3;
  layer_bits = (h[1] >> 1) & 3;
  rate_idx = (h[2] >> 2) & 3;
  mode = (h[3] >> 6) & 3;
  if (version_bits == 1 || layer_bits != 1 || rate_idx == 3 || (h[2] >> 4) == 0xf)
    return FALSE; /* reserved version, not layer III, bad rate/bitrate */
  version = version_bits == 3 ? 0 : version_bits == 2 ? 1 : 2;
  if (version == 0)
    side_info = mode == 3 ? 17 : 32;
  else
    side_info = mode == 3 ? 9 : 17;

  x = pos + 4 + side_info;
  if (x + 8 > size)
    return FALSE;
  if (memcmp (data + x, "Xing", 4) != 0 && memcmp (data + x, "Info", 4) != 0)
    return FALSE;
  flags = ((guint32) data[x + 4] << 24) | (data[x + 5] << 16) | (data[x + 6] << 8) | data[x + 7];
  x += 8;
  if (flags & 1)
    x += 4;   /* frames */
  if (flags & 2)
    x += 4;   /* bytes */
  if (flags & 4)
    x += 100; /* TOC */
  if (flags & 8)
    x += 4;   /* quality */
  if (x + 24 > size)
    return FALSE;

  /* LAME tag extension: 9-byte encoder id, ..., at +21 three bytes holding
   * 12 bits of encoder delay and 12 bits of padding. An id that is not
   * printable means there is no extension (e.g. GStreamer's xingmux). */
  for (guint i = 0; i < 4; i++)
    if (data[x + i] < 0x20 || data[x + i] > 0x7e)
      return FALSE;

  *out_delay_samples = (data[x + 21] << 4) | (data[x + 22] >> 4);
  *out_rate = sample_rates[version][rate_idx];
  /* gstmpegaudioparse (1.22) only reads the fields when the id says LAME. */
  *out_gstreamer_trims = memcmp (data + x, "LAME", 4) == 0;
  return TRUE;
}

gboolean
secuencia_mp3_gapless_parse (const guint8 *data,
                             gsize         size,
                             guint        *out_delay_samples,
                             guint        *out_rate,
                             gboolean     *out_gstreamer_trims)
{
  gsize pos = 0;

  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (out_delay_samples != NULL && out_rate != NULL, FALSE);
  g_return_val_if_fail (out_gstreamer_trims != NULL, FALSE);

  /* Skip ID3v2 tags (there may be several). */
  while (pos + 10 <= size && memcmp (data + pos, "ID3", 3) == 0)
    {
      const guint8 *t = data + pos;
      gsize tag_size = ((gsize) (t[6] & 0x7f) << 21) | ((t[7] & 0x7f) << 14) |
                       ((t[8] & 0x7f) << 7) | (t[9] & 0x7f);
      pos += 10 + tag_size + ((t[5] & 0x10) ? 10 : 0);
    }
  /* The Info/Xing tag lives in the first frame; allow a little junk first. */
  for (gsize end = MIN (size, pos + 4096); pos + 4 <= end; pos++)
    {
      if (data[pos] == 0xff && (data[pos + 1] & 0xe0) == 0xe0)
        return parse_frame (data, size, pos, out_delay_samples, out_rate, out_gstreamer_trims);
    }
  return FALSE;
}

/* Reads up to @size bytes at @offset; returns the number read, or -1. */
typedef gssize (*ReadAtFunc) (gpointer data, guint64 offset, guint8 *buf, gsize size);

static gboolean
get_skip (ReadAtFunc    read_at,
          gpointer      data,
          GstClockTime *out_skip)
{
  g_autofree guint8 *buf = g_malloc (MAX_SCAN);
  gssize n;
  guint delay = 0, rate = 0;
  gboolean gst_trims = FALSE;

  *out_skip = 0;
  n = read_at (data, 0, buf, MAX_SCAN);
  if (n < 0)
    return FALSE;

  if (n >= 10 && memcmp (buf, "ID3", 3) == 0)
    {
      /* A large ID3v2 tag (cover art): read the bytes right after it. */
      gsize tag_size = ((gsize) (buf[6] & 0x7f) << 21) | ((buf[7] & 0x7f) << 14) |
                       ((buf[8] & 0x7f) << 7) | (buf[9] & 0x7f);
      gsize skip = 10 + tag_size + ((buf[5] & 0x10) ? 10 : 0);
      if (skip + 1024 > (gsize) n && (n = read_at (data, skip, buf, MAX_SCAN)) < 0)
        return FALSE;
    }

  if (!secuencia_mp3_gapless_parse (buf, n, &delay, &rate, &gst_trims) || gst_trims)
    return FALSE;
  if (delay == 0 || rate == 0)
    return FALSE;
  *out_skip = gst_util_uint64_scale_round (delay + MP3_DECODER_DELAY, GST_SECOND, rate);
  return TRUE;
}

static gssize
read_file_at (gpointer data, guint64 offset, guint8 *buf, gsize size)
{
  GInputStream *in = data;
  gsize n = 0;

  if (!g_seekable_seek (G_SEEKABLE (in), (goffset) offset, G_SEEK_SET, NULL, NULL) ||
      !g_input_stream_read_all (in, buf, size, &n, NULL, NULL))
    return -1;
  return (gssize) n;
}

gboolean
secuencia_mp3_gapless_get_skip (const char   *path,
                                GstClockTime *out_skip)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInputStream) in = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (out_skip != NULL, FALSE);

  *out_skip = 0;
  file = g_file_new_for_path (path);
  in = g_file_read (file, NULL, NULL);
  if (in == NULL)
    return FALSE;
  return get_skip (read_file_at, in, out_skip);
}

static gssize
read_asset_at (gpointer data, guint64 offset, guint8 *buf, gsize size)
{
  return secuencia_asset_reader_read (data, offset, buf, size, NULL);
}

gboolean
secuencia_mp3_gapless_get_skip_for_uri (const char   *uri,
                                        GstClockTime *out_skip)
{
  g_autofree char *path = NULL;
  gint64 id = 0;

  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (out_skip != NULL, FALSE);

  *out_skip = 0;
  if (secuencia_asset_src_parse_uri (uri, &path, &id))
    {
      g_autoptr (SecuenciaAssetReader) reader = secuencia_asset_reader_open (path, id, NULL);

      return reader != NULL && get_skip (read_asset_at, reader, out_skip);
    }
  path = g_filename_from_uri (uri, NULL, NULL);
  return path != NULL && secuencia_mp3_gapless_get_skip (path, out_skip);
}
