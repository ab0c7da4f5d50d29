/* secuencia-mp3-info.c: an Info frame with a LAME tag for lamemp3enc's MP3s. */
#include "config.h"

#include "secuencia-mp3-info.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>
#include <string.h>

#define SAMPLES_PER_FRAME 1152   /* MPEG-1 Layer III */
#define LAME_TAG_OFFSET   120    /* from "Info": id, flags, frames, bytes, TOC, quality */
#define LAME_TAG_SIZE     36
#define TAG_CRC_SPAN      190    /* bytes of the frame the LAME tag's CRC covers */

static const guint bitrates[16] = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0 };
static const guint rates[4] = { 44100, 48000, 32000, 0 };

typedef struct
{
  guint32 header;
  guint   bitrate;     /* kbit/s */
  guint   rate;
  guint   size;        /* bytes */
  guint   side_info;   /* bytes after the 4-byte header */
} Frame;

/* An MPEG-1 Layer III frame header at @p, or FALSE. */
static gboolean
parse_frame (const guint8 *p,
             gsize         left,
             Frame        *f)
{
  guint32 h;

  if (left < 4)
    return FALSE;
  h = (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
  if ((h & 0xFFE00000u) != 0xFFE00000u ||   /* sync */
      ((h >> 19) & 3) != 3 ||               /* MPEG-1 */
      ((h >> 17) & 3) != 1)                 /* Layer III */
    return FALSE;
  f->header = h;
  f->bitrate = bitrates[(h >> 12) & 0xF];
  f->rate = rates[(h >> 10) & 3];
  if (f->bitrate == 0 || f->rate == 0)
    return FALSE;
  f->size = 144000 * f->bitrate / f->rate + ((h >> 9) & 1);
  f->side_info = ((h >> 6) & 3) == 3 ? 17 : 32;
  return TRUE;
}

static guint16
crc16 (const guint8 *data,
       gsize         n)
{
  guint16 crc = 0;

  for (gsize i = 0; i < n; i++)
    {
      crc ^= data[i];
      for (int b = 0; b < 8; b++)
        crc = (crc & 1) ? (guint16) ((crc >> 1) ^ 0xA001) : (guint16) (crc >> 1);
    }
  return crc;
}

static void
put32 (guint8 *p, guint32 v)
{
  p[0] = (guint8) (v >> 24);
  p[1] = (guint8) (v >> 16);
  p[2] = (guint8) (v >> 8);
  p[3] = (guint8) v;
}

static gboolean
read_at (int fd, guint8 *buf, gsize n, goffset offset)
{
  gsize done = 0;

  while (done < n)
    {
      gssize r = pread (fd, buf + done, n - done, offset + (goffset) done);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return FALSE;
      done += (gsize) r;
    }
  return TRUE;
}

static gboolean
write_at (int fd, const guint8 *buf, gsize n, goffset offset)
{
  gsize done = 0;

  while (done < n)
    {
      gssize r = pwrite (fd, buf + done, n - done, offset + (goffset) done);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return FALSE;
      done += (gsize) r;
    }
  return TRUE;
}

#define MOVE_CHUNK (256 * 1024)

/* In place (the file keeps its inode: the caller may hold it open). */
gboolean
secuencia_mp3_write_info_frame (const char  *path,
                                guint        encoder_delay,
                                guint64      valid_samples,
                                GError     **error)
{
  g_autofree char *shown = NULL;
  g_autofree guint8 *info = NULL;
  g_autofree guint8 *chunk = NULL;
  guint8 head[10];
  guint8 hdr[4];
  struct stat st;
  goffset size, audio_start, pos;
  guint64 n_frames = 0, padding, total;
  Frame first, f;
  guint8 *x, *lame;
  int fd, saved;

  g_return_val_if_fail (path != NULL, FALSE);

  shown = g_filename_display_name (path);
  fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    goto io_error;
  size = st.st_size;

  audio_start = 0;
  if (size >= 10 && read_at (fd, head, 10, 0) && memcmp (head, "ID3", 3) == 0)
    audio_start = 10 + ((goffset) (head[6] & 0x7f) << 21 | (goffset) (head[7] & 0x7f) << 14 |
                        (goffset) (head[8] & 0x7f) << 7 | (head[9] & 0x7f)) +
                  ((head[5] & 0x10) ? 10 : 0);   /* footer */
  if (audio_start + 4 > size || !read_at (fd, hdr, 4, audio_start) ||
      !parse_frame (hdr, 4, &first))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Cannot add the gapless header to “%s”: it does not start with MPEG-1 "
                     "Layer III audio"), shown);
      g_close (fd, NULL);
      return FALSE;
    }
  for (pos = audio_start; pos + 4 <= size && read_at (fd, hdr, 4, pos) && parse_frame (hdr, 4, &f);
       pos += f.size)
    n_frames++;
  pos = MIN (pos, size);
  total = n_frames * SAMPLES_PER_FRAME;
  if (total < valid_samples + encoder_delay ||
      (padding = total - valid_samples - encoder_delay) > 0xFFF)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Cannot add the gapless header to “%s”: %" G_GUINT64_FORMAT
                     " frames do not match %" G_GUINT64_FORMAT " samples"),
                   shown, n_frames, valid_samples);
      g_close (fd, NULL);
      return FALSE;
    }

  /* The Info frame: the first frame's header without padding or CRC. */
  f = first;
  f.header = (first.header & ~(1u << 9)) | (1u << 16);
  f.size = 144000 * f.bitrate / f.rate;
  if (4 + f.side_info + LAME_TAG_OFFSET + LAME_TAG_SIZE > f.size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Cannot add the gapless header to “%s”: its bit rate (%u kbit/s) is too "
                     "low to hold it"), shown, f.bitrate);
      g_close (fd, NULL);
      return FALSE;
    }
  info = g_malloc0 (f.size);
  put32 (info, f.header);
  x = info + 4 + f.side_info;
  memcpy (x, "Info", 4);
  put32 (x + 4, 0x0F);                                  /* frames, bytes, TOC, quality */
  put32 (x + 8, (guint32) n_frames);
  put32 (x + 12, (guint32) MIN ((guint64) (pos - audio_start) + f.size, G_MAXUINT32));
  for (int i = 0; i < 100; i++)                         /* CBR: a straight line */
    x[16 + i] = (guint8) (i * 256 / 100);
  put32 (x + 116, 0);                                   /* quality */
  lame = x + LAME_TAG_OFFSET;
  memcpy (lame, "LAME3.100", 9);
  lame[9] = 0x01;                                       /* revision 0, CBR */
  lame[20] = (guint8) MIN (f.bitrate, 255);
  lame[21] = (guint8) (encoder_delay >> 4);
  lame[22] = (guint8) ((encoder_delay & 0xF) << 4 | (guint) (padding >> 8));
  lame[23] = (guint8) (padding & 0xFF);
  put32 (lame + 28, (guint32) MIN ((guint64) (pos - audio_start) + f.size, G_MAXUINT32));
  {
    guint16 crc = crc16 (info, TAG_CRC_SPAN);
    lame[34] = (guint8) (crc >> 8);
    lame[35] = (guint8) crc;
  }

  /* Move everything after the ID3v2 tag up by one frame, from the end. */
  chunk = g_malloc (MOVE_CHUNK);
  for (goffset end = size; end > audio_start;)
    {
      goffset from = MAX (audio_start, end - MOVE_CHUNK);

      if (!read_at (fd, chunk, (gsize) (end - from), from) ||
          !write_at (fd, chunk, (gsize) (end - from), from + f.size))
        goto io_error;
      end = from;
    }
  if (!write_at (fd, info, f.size, audio_start))
    goto io_error;
  if (!g_close (fd, NULL))
    {
      fd = -1;
      goto io_error;
    }
  return TRUE;

io_error:
  saved = errno;
  if (fd >= 0)
    g_close (fd, NULL);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Cannot add the gapless header to “%s”: %s"), shown, g_strerror (saved));
  return FALSE;
}
