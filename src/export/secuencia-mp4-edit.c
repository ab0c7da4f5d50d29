/* secuencia-mp4-edit.c: hide the AAC encoder's priming with an MP4 edit list.
 *
 * mp4mux (GStreamer 1.22) always writes moov/trak/edts/elst with one entry
 * whose media_time is 0. We rewrite, in place and without changing any box
 * size, the audio track's:
 *   - elst entry: media_time = priming samples (media timescale),
 *                 segment_duration = valid samples (movie timescale);
 *   - mvhd timescale := the media timescale, so that the segment duration is
 *     sample exact; tkhd duration := the valid samples;
 *   - mvhd duration := the larger of the valid samples and one sample past
 *     the decode time of the last AAC frame. qtdemux 1.22 compares the
 *     movie duration with each sample's decode time in *media* time (which
 *     still includes the priming), and stops before a frame whose decode
 *     time reaches it: with movie duration = valid samples the last frame
 *     is never pushed and GStreamer's own decode comes out one frame (21 ms)
 *     short. With the slack (at most priming - 1023 samples) it decodes
 *     exactly the valid samples, because the edit list still stops the
 *     stream there; the track's own duration (tkhd, elst) stays exact.
 * Nothing else in the file refers to the movie timescale for an audio-only
 * MP4 written by mp4mux.
 *
 * FFmpeg does not trim the end of the last frame (it honours only the start
 * of the edit), so the caller makes the encoded audio end on a frame
 * boundary: it renders secuencia_mp4_aac_lead_in() samples of silence
 * before the timeline and counts them as priming.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "secuencia-export-error.h"
#include "secuencia-mp4-edit.h"

#define AAC_FRAME_SAMPLES 1024

guint64
secuencia_mp4_aac_lead_in (guint64 valid_samples)
{
  return (AAC_FRAME_SAMPLES - valid_samples % AAC_FRAME_SAMPLES) % AAC_FRAME_SAMPLES;
}

typedef struct
{
  guint8 *data;   /* the whole moov box */
  gsize   size;
} Moov;

typedef struct
{
  gsize offset;   /* of the box header, within the moov buffer */
  gsize size;     /* whole box */
  gsize header;   /* 8 or 16 */
} Box;

static guint32
read_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint64
read_u64 (const guint8 *p)
{
  return ((guint64) read_u32 (p) << 32) | read_u32 (p + 4);
}

static void
write_u32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static void
write_u64 (guint8 *p, guint64 v)
{
  write_u32 (p, v >> 32);
  write_u32 (p + 4, v & 0xffffffff);
}

/* Find the first child box of @type inside [start, end) of @buf. */
static gboolean
find_box (const guint8 *buf,
          gsize         start,
          gsize         end,
          const char   *type,
          Box          *out)
{
  gsize off = start;

  while (off + 8 <= end)
    {
      guint64 size = read_u32 (buf + off);
      gsize header = 8;

      if (size == 1)
        {
          if (off + 16 > end)
            return FALSE;
          size = read_u64 (buf + off + 8);
          header = 16;
        }
      else if (size == 0)
        size = end - off;

      if (size < header || size > end - off)
        return FALSE;

      if (memcmp (buf + off + 4, type, 4) == 0)
        {
          out->offset = off;
          out->size = size;
          out->header = header;
          return TRUE;
        }
      off += size;
    }

  return FALSE;
}

static gboolean
find_path (const guint8 *buf,
           const Box    *parent,
           const char   *const *path,
           Box          *out)
{
  Box cur = *parent;

  for (guint i = 0; path[i] != NULL; i++)
    {
      Box child;

      if (!find_box (buf, cur.offset + cur.header, cur.offset + cur.size, path[i], &child))
        return FALSE;
      cur = child;
    }

  *out = cur;
  return TRUE;
}

/* Locate the top-level moov box of @fd: returns its file offset and size. */
static gboolean
locate_moov (int       fd,
             goffset  *moov_offset,
             gsize    *moov_size)
{
  goffset off = 0;
  guint8 hdr[16];

  for (;;)
    {
      ssize_t n = pread (fd, hdr, sizeof hdr, off);
      guint64 size;

      if (n < 8)
        return FALSE;
      size = read_u32 (hdr);
      if (size == 1)
        {
          if (n < 16)
            return FALSE;
          size = read_u64 (hdr + 8);
        }
      if (size < 8)
        return FALSE;
      if (memcmp (hdr + 4, "moov", 4) == 0)
        {
          if (size > 256 * 1024 * 1024)
            return FALSE;
          *moov_offset = off;
          *moov_size = size;
          return TRUE;
        }
      off += size;
    }
}

static gboolean
fail (GError     **error,
      const char  *path,
      const char  *reason)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
               _("Could not finalize “%s”: %s"), name, reason);
  return FALSE;
}

/* Find the trak whose mdia/hdlr handler is 'soun'. */
static gboolean
find_audio_trak (const guint8 *buf,
                 const Box    *moov,
                 Box          *out)
{
  gsize off = moov->offset + moov->header;
  gsize end = moov->offset + moov->size;
  Box trak;

  while (find_box (buf, off, end, "trak", &trak))
    {
      static const char *const hdlr_path[] = { "mdia", "hdlr", NULL };
      Box hdlr;

      /* hdlr: version/flags(4) pre_defined(4) handler_type(4) */
      if (find_path (buf, &trak, hdlr_path, &hdlr) &&
          hdlr.size >= hdlr.header + 12 &&
          memcmp (buf + hdlr.offset + hdlr.header + 8, "soun", 4) == 0)
        {
          *out = trak;
          return TRUE;
        }
      off = trak.offset + trak.size;
    }

  return FALSE;
}

/* Write a duration field of a full box whose v0 field is 32 bits and v1 field
 * 64 bits. */
static gboolean
set_duration_field (guint8  *field,
                    gboolean v1,
                    guint64  value)
{
  if (v1)
    write_u64 (field, value);
  else if (value <= G_MAXUINT32)
    write_u32 (field, (guint32) value);
  else
    return FALSE;
  return TRUE;
}

gboolean
secuencia_mp4_set_audio_edit (const char *path,
                              guint64     priming_samples,
                              guint64     valid_samples,
                              GError    **error)
{
  static const char *const mdhd_path[] = { "mdia", "mdhd", NULL };
  static const char *const elst_path[] = { "edts", "elst", NULL };
  static const char *const tkhd_path[] = { "tkhd", NULL };
  static const char *const mvhd_path[] = { "mvhd", NULL };
  static const char *const stts_path[] = { "mdia", "minf", "stbl", "stts", NULL };
  g_autofree guint8 *buf = NULL;
  goffset moov_offset;
  gsize moov_size;
  Box moov = { 0 }, trak, mdhd, elst, tkhd, mvhd, stts;
  guint64 last_dts = 0;
  guint8 *p;
  guint32 media_timescale;
  gboolean v1;
  int fd;
  int saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      return fail (error, path, g_strerror (saved_errno));
    }

  if (!locate_moov (fd, &moov_offset, &moov_size))
    {
      close (fd);
      return fail (error, path, _("the MP4 file has no movie header"));
    }

  buf = g_malloc (moov_size);
  if (pread (fd, buf, moov_size, moov_offset) != (ssize_t) moov_size)
    {
      saved_errno = errno;
      close (fd);
      return fail (error, path, saved_errno ? g_strerror (saved_errno) : _("short read"));
    }

  moov.offset = 0;
  moov.size = moov_size;
  moov.header = read_u32 (buf) == 1 ? 16 : 8;

  if (!find_audio_trak (buf, &moov, &trak) ||
      !find_path (buf, &trak, mdhd_path, &mdhd) ||
      !find_path (buf, &trak, tkhd_path, &tkhd) ||
      !find_path (buf, &moov, mvhd_path, &mvhd) ||
      !find_path (buf, &trak, stts_path, &stts))
    {
      close (fd);
      return fail (error, path, _("the MP4 file has no audio track"));
    }
  if (!find_path (buf, &trak, elst_path, &elst))
    {
      close (fd);
      return fail (error, path, _("the audio track has no edit list to adjust"));
    }

  /* mdhd: version(1) flags(3) then v0: ctime4 mtime4 timescale4 duration4,
   * v1: ctime8 mtime8 timescale4 duration8 */
  p = buf + mdhd.offset + mdhd.header;
  v1 = p[0] == 1;
  if (mdhd.size < mdhd.header + (v1 ? 36 : 24))
    goto malformed;
  media_timescale = read_u32 (p + (v1 ? 20 : 12));
  if (media_timescale == 0)
    goto malformed;

  /* stts: version/flags, entry_count, entries of (sample_count, delta):
   * the decode time of the last sample is the sum of all deltas but the
   * last sample's. */
  {
    guint32 n_entries;
    guint32 last_delta = 0;

    p = buf + stts.offset + stts.header;
    if (stts.size < stts.header + 8)
      goto malformed;
    n_entries = read_u32 (p + 4);
    if ((stts.size - stts.header - 8) / 8 < n_entries)
      goto malformed;
    for (guint32 i = 0; i < n_entries; i++)
      {
        guint32 count = read_u32 (p + 8 + 8 * i);
        guint32 delta = read_u32 (p + 12 + 8 * i);

        last_dts += (guint64) count * delta;
        if (count > 0)
          last_delta = delta;
      }
    last_dts -= last_delta;
  }

  /* mvhd: same layout up to duration. */
  p = buf + mvhd.offset + mvhd.header;
  v1 = p[0] == 1;
  if (mvhd.size < mvhd.header + (v1 ? 36 : 24))
    goto malformed;
  write_u32 (p + (v1 ? 20 : 12), media_timescale);
  if (!set_duration_field (p + (v1 ? 24 : 16), v1, MAX (valid_samples, last_dts + 1)))
    goto too_long;

  /* tkhd: v0: ctime4 mtime4 track_id4 reserved4 duration4,
   *       v1: ctime8 mtime8 track_id4 reserved4 duration8 */
  p = buf + tkhd.offset + tkhd.header;
  v1 = p[0] == 1;
  if (tkhd.size < tkhd.header + (v1 ? 36 : 24))
    goto malformed;
  if (!set_duration_field (p + (v1 ? 28 : 20), v1, valid_samples))
    goto too_long;

  /* elst: version/flags, entry_count, then entries
   * v0: segment_duration4 media_time4 rate4, v1: 8 8 4 */
  p = buf + elst.offset + elst.header;
  v1 = p[0] == 1;
  if (elst.size < elst.header + 8 + (v1 ? 20 : 12) || read_u32 (p + 4) != 1)
    goto malformed;
  if (!set_duration_field (p + 8, v1, valid_samples))
    goto too_long;
  if (v1)
    write_u64 (p + 16, priming_samples);
  else if (priming_samples <= G_MAXINT32)
    write_u32 (p + 12, (guint32) priming_samples);
  else
    goto malformed;

  if (pwrite (fd, buf, moov_size, moov_offset) != (ssize_t) moov_size)
    {
      saved_errno = errno;
      close (fd);
      if (saved_errno == ENOSPC)
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DISK_FULL,
                       _("Could not finalize “%s”: %s"), name, g_strerror (saved_errno));
          return FALSE;
        }
      return fail (error, path, saved_errno ? g_strerror (saved_errno) : _("short write"));
    }

  if (close (fd) != 0)
    {
      saved_errno = errno;
      return fail (error, path, g_strerror (saved_errno));
    }

  return TRUE;

malformed:
  close (fd);
  return fail (error, path, _("unexpected MP4 header layout"));

too_long:
  close (fd);
  return fail (error, path, _("the audio is too long for this MP4 header"));
}
