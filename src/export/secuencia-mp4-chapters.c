/* secuencia-mp4-chapters.c: Nero and QuickTime chapters added to an MP4.
 *
 * The file is [ftyp][moov][mdat] as mp4mux writes it (any order of
 * top-level boxes is handled). The new moov is built in memory: mvhd's
 * next track id grows by one; every chunk offset past the old moov moves
 * by the moov's growth; the audio trak gets tref/chap; a text trak is
 * appended; udta (created if missing) gets chpl. Then the bytes after the
 * old moov are moved forward, the new moov written over the old one and a
 * new mdat with the titles appended at the end.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "secuencia-export-error.h"
#include "secuencia-mp4-chapters.h"
#include "secuencia-transcript.h"

#define MOVE_CHUNK (1024 * 1024)
#define NERO_MAX_CHAPTERS 255
#define NERO_MAX_TITLE 255

typedef struct
{
  gsize offset;   /* of the header */
  gsize size;     /* whole box */
  gsize header;
} Box;

static guint32
get_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint64
get_u64 (const guint8 *p)
{
  return ((guint64) get_u32 (p) << 32) | get_u32 (p + 4);
}

static void
set_u32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static void
set_u64 (guint8 *p, guint64 v)
{
  set_u32 (p, v >> 32);
  set_u32 (p + 4, v & 0xffffffff);
}

/* The box at @off within [.., end), or FALSE when it does not fit. */
static gboolean
read_box (const guint8 *buf, gsize off, gsize end, Box *box)
{
  guint64 size;
  gsize header = 8;

  if (off + 8 > end)
    return FALSE;
  size = get_u32 (buf + off);
  if (size == 1)
    {
      if (off + 16 > end)
        return FALSE;
      size = get_u64 (buf + off + 8);
      header = 16;
    }
  else if (size == 0)
    size = end - off;
  if (size < header || size > end - off)
    return FALSE;
  box->offset = off;
  box->size = size;
  box->header = header;
  return TRUE;
}

static gboolean
is_type (const guint8 *buf, const Box *box, const char *type)
{
  return memcmp (buf + box->offset + 4, type, 4) == 0;
}

static gboolean
find_child (const guint8 *buf, const Box *parent, gsize skip, const char *type, Box *out)
{
  gsize end = parent->offset + parent->size;

  for (gsize off = parent->offset + parent->header + skip; off < end;)
    {
      Box box;
      if (!read_box (buf, off, end, &box))
        return FALSE;
      if (is_type (buf, &box, type))
        {
          *out = box;
          return TRUE;
        }
      off += box.size;
    }
  return FALSE;
}

static gboolean
find_path (const guint8 *buf, const Box *parent, const char *const *path, Box *out)
{
  Box box = *parent;

  for (guint i = 0; path[i] != NULL; i++)
    if (!find_child (buf, &box, 0, path[i], &box))
      return FALSE;
  *out = box;
  return TRUE;
}

/* ---- building boxes ---- */

static void
put_u8 (GByteArray *b, guint8 v)
{
  g_byte_array_append (b, &v, 1);
}

static void
put_u16 (GByteArray *b, guint16 v)
{
  guint8 p[2] = { v >> 8, v & 0xff };
  g_byte_array_append (b, p, 2);
}

static void
put_u32 (GByteArray *b, guint32 v)
{
  guint8 p[4];
  set_u32 (p, v);
  g_byte_array_append (b, p, 4);
}

static void
put_u64 (GByteArray *b, guint64 v)
{
  guint8 p[8];
  set_u64 (p, v);
  g_byte_array_append (b, p, 8);
}

static void
put_zeros (GByteArray *b, guint n)
{
  for (guint i = 0; i < n; i++)
    put_u8 (b, 0);
}

static gsize
box_begin (GByteArray *b, const char *type)
{
  gsize start = b->len;
  put_u32 (b, 0);
  g_byte_array_append (b, (const guint8 *) type, 4);
  return start;
}

static gsize
full_box_begin (GByteArray *b, const char *type, guint8 version, guint32 flags)
{
  gsize start = box_begin (b, type);
  put_u32 (b, ((guint32) version << 24) | (flags & 0xffffff));
  return start;
}

static void
box_end (GByteArray *b, gsize start)
{
  set_u32 (b->data + start, b->len - start);
}

static void
put_matrix (GByteArray *b)
{
  static const guint32 matrix[9] = { 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000 };
  for (guint i = 0; i < 9; i++)
    put_u32 (b, matrix[i]);
}

/* The text track; *@chunk_offset_at receives where its one chunk offset
 * is, relative to the start of @b. */
static void
build_text_trak (GByteArray   *b,
                 guint32       track_id,
                 guint32       movie_duration,
                 GArray       *start_ms,     /* guint32 */
                 guint32       total_ms,
                 GArray       *sample_sizes, /* guint32 */
                 gsize        *chunk_offset_at)
{
  /* QuickTime text sample description after the data reference index:
   * display flags, justification 1, colours, box, font: what Apple's
   * players need to accept a chapter track. */
  static const guint8 text_properties[43] = { 0, 0, 0, 0, 0, 0, 0, 1 };
  gsize trak, mdia, minf, gmhd, dinf, stbl, box, entry;
  guint n = start_ms->len;

  trak = box_begin (b, "trak");

  box = full_box_begin (b, "tkhd", 0, 0);   /* flags 0: disabled, not played */
  put_u32 (b, 0);                 /* creation time */
  put_u32 (b, 0);                 /* modification time */
  put_u32 (b, track_id);
  put_u32 (b, 0);
  put_u32 (b, movie_duration);
  put_zeros (b, 8);
  put_u16 (b, 0);                 /* layer */
  put_u16 (b, 0);                 /* alternate group */
  put_u16 (b, 0);                 /* volume */
  put_u16 (b, 0);
  put_matrix (b);
  put_u32 (b, 0);                 /* width */
  put_u32 (b, 0);                 /* height */
  box_end (b, box);

  mdia = box_begin (b, "mdia");
  box = full_box_begin (b, "mdhd", 0, 0);
  put_u32 (b, 0);
  put_u32 (b, 0);
  put_u32 (b, 1000);              /* timescale: milliseconds */
  put_u32 (b, total_ms);
  put_u16 (b, 0x55c4);            /* "und" */
  put_u16 (b, 0);
  box_end (b, box);

  box = full_box_begin (b, "hdlr", 0, 0);
  put_u32 (b, 0);
  g_byte_array_append (b, (const guint8 *) "text", 4);
  put_zeros (b, 12);
  g_byte_array_append (b, (const guint8 *) "Chapters", 9);   /* with its NUL */
  box_end (b, box);

  minf = box_begin (b, "minf");
  gmhd = box_begin (b, "gmhd");
  box = full_box_begin (b, "gmin", 0, 0);
  put_u16 (b, 0x0040);            /* graphics mode: copy */
  put_u16 (b, 0x8000);
  put_u16 (b, 0x8000);
  put_u16 (b, 0x8000);
  put_u16 (b, 0);                 /* balance */
  put_u16 (b, 0);
  box_end (b, box);
  box = box_begin (b, "text");
  put_matrix (b);
  box_end (b, box);
  box_end (b, gmhd);

  dinf = box_begin (b, "dinf");
  box = full_box_begin (b, "dref", 0, 0);
  put_u32 (b, 1);
  entry = full_box_begin (b, "url ", 0, 1);   /* in this file */
  box_end (b, entry);
  box_end (b, box);
  box_end (b, dinf);

  stbl = box_begin (b, "stbl");
  box = full_box_begin (b, "stsd", 0, 0);
  put_u32 (b, 1);
  entry = box_begin (b, "text");
  put_zeros (b, 6);
  put_u16 (b, 1);                 /* data reference index */
  g_byte_array_append (b, text_properties, sizeof text_properties);
  box_end (b, entry);
  box_end (b, box);

  box = full_box_begin (b, "stts", 0, 0);
  put_u32 (b, n);
  for (guint i = 0; i < n; i++)
    {
      guint32 start = g_array_index (start_ms, guint32, i);
      guint32 end = i + 1 < n ? g_array_index (start_ms, guint32, i + 1) : total_ms;
      put_u32 (b, 1);
      put_u32 (b, end - start);
    }
  box_end (b, box);

  box = full_box_begin (b, "stsc", 0, 0);
  put_u32 (b, 1);
  put_u32 (b, 1);                 /* first chunk */
  put_u32 (b, n);                 /* samples per chunk: all in one */
  put_u32 (b, 1);                 /* sample description */
  box_end (b, box);

  box = full_box_begin (b, "stsz", 0, 0);
  put_u32 (b, 0);
  put_u32 (b, n);
  for (guint i = 0; i < n; i++)
    put_u32 (b, g_array_index (sample_sizes, guint32, i));
  box_end (b, box);

  box = full_box_begin (b, "stco", 0, 0);
  put_u32 (b, 1);
  *chunk_offset_at = b->len;
  put_u32 (b, 0);                 /* patched once known */
  box_end (b, box);

  box_end (b, stbl);
  box_end (b, minf);
  box_end (b, mdia);
  box_end (b, trak);
}

static void
build_chpl (GByteArray *b, GPtrArray *chapters)
{
  guint n = MIN (chapters->len, NERO_MAX_CHAPTERS);
  gsize box = full_box_begin (b, "chpl", 1, 0);

  put_u32 (b, 0);
  put_u8 (b, n);
  for (guint i = 0; i < n; i++)
    {
      const SecuenciaChapter *chapter = chapters->pdata[i];
      const char *title = chapter->title;
      const char *end = title + strlen (title);

      /* at most 255 bytes, cut at a character boundary */
      while (end - title > NERO_MAX_TITLE)
        end = g_utf8_prev_char (end);
      put_u64 (b, (guint64) (chapter->start / 100));
      put_u8 (b, (guint8) (end - title));
      g_byte_array_append (b, (const guint8 *) title, end - title);
    }
  box_end (b, box);
}

/* Adds @delta to every chunk offset of @trak (in @buf) that points at or
 * past @from. */
static gboolean
shift_chunk_offsets (guint8 *buf, const Box *trak, guint64 from, guint64 delta)
{
  static const char *const stco_path[] = { "mdia", "minf", "stbl", "stco", NULL };
  static const char *const co64_path[] = { "mdia", "minf", "stbl", "co64", NULL };
  Box box;

  if (find_path (buf, trak, stco_path, &box))
    {
      guint8 *p = buf + box.offset + box.header + 4;
      guint32 count = get_u32 (p);

      if (box.header + 8 + (guint64) count * 4 > box.size)
        return FALSE;
      for (guint32 i = 0; i < count; i++)
        {
          guint64 offset = get_u32 (p + 4 + 4 * i);
          if (offset >= from)
            {
              if (offset + delta > G_MAXUINT32)
                return FALSE;
              set_u32 (p + 4 + 4 * i, offset + delta);
            }
        }
    }
  if (find_path (buf, trak, co64_path, &box))
    {
      guint8 *p = buf + box.offset + box.header + 4;
      guint32 count = get_u32 (p);

      if (box.header + 8 + (guint64) count * 8 > box.size)
        return FALSE;
      for (guint32 i = 0; i < count; i++)
        {
          guint64 offset = get_u64 (p + 4 + 8 * i);
          if (offset >= from)
            set_u64 (p + 4 + 8 * i, offset + delta);
        }
    }
  return TRUE;
}

/* Moves [from, size) of @fd forward by @delta, last chunk first. */
static gboolean
move_tail (int fd, goffset from, goffset size, goffset delta)
{
  g_autofree guint8 *chunk = g_malloc (MOVE_CHUNK);
  goffset end = size;

  while (end > from)
    {
      goffset start = MAX (from, end - MOVE_CHUNK);
      gsize len = end - start;

      if (pread (fd, chunk, len, start) != (ssize_t) len ||
          pwrite (fd, chunk, len, start + delta) != (ssize_t) len)
        return FALSE;
      end = start;
    }
  return TRUE;
}

static gboolean
fail (GError **error, const char *path, int code, const char *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SECUENCIA_EXPORT_ERROR, code,
               _("Cannot write chapters into “%s”: %s"), display, reason);
  return FALSE;
}

gboolean
secuencia_mp4_add_chapters (const char    *path,
                            const char    *name_for_messages,
                            GPtrArray     *chapters,
                            SecuenciaTime  duration,
                            GError       **error)
{
  g_autofree guint8 *moov_buf = NULL;
  g_autoptr(GByteArray) text_trak = g_byte_array_new ();
  g_autoptr(GByteArray) chpl = g_byte_array_new ();
  g_autoptr(GByteArray) moov = g_byte_array_new ();
  g_autoptr(GByteArray) samples = g_byte_array_new ();
  g_autoptr(GArray) start_ms = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) sample_sizes = g_array_new (FALSE, FALSE, sizeof (guint32));
  static const guint8 encd[12] = { 0, 0, 0, 12, 'e', 'n', 'c', 'd', 0, 0, 1, 0 };  /* UTF-8 */
  Box moov_box = { 0 }, mvhd, audio_trak = { 0 }, udta = { 0 }, child;
  gboolean have_moov = FALSE, have_audio = FALSE, have_udta = FALSE;
  goffset moov_offset = 0, file_size;
  guint32 timescale, next_track_id, audio_duration = 0, total_ms;
  gsize next_id_at, chunk_offset_at = 0, new_size;
  guint64 delta;
  struct stat st;
  int fd;
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (chapters != NULL, FALSE);

  if (chapters->len == 0)
    return TRUE;
  if (name_for_messages == NULL)
    name_for_messages = path;

  fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;
      if (fd >= 0)
        g_close (fd, NULL);
      return fail (error, name_for_messages, SECUENCIA_EXPORT_ERROR_DESTINATION, g_strerror (saved_errno));
    }
  file_size = st.st_size;

  /* Top level: find the one moov. */
  for (goffset off = 0; off < file_size;)
    {
      guint8 header[16];
      guint64 size;

      if (pread (fd, header, 16, off) < 8)
        goto corrupt;
      size = get_u32 (header);
      if (size == 1)
        size = get_u64 (header + 8);
      else if (size == 0)
        size = file_size - off;
      if (size < 8 || (goffset) size > file_size - off)
        goto corrupt;
      if (memcmp (header + 4, "moov", 4) == 0)
        {
          if (have_moov || get_u32 (header) == 1 || size > 64 * 1024 * 1024)
            goto corrupt;
          have_moov = TRUE;
          moov_offset = off;
          moov_box.size = size;
          moov_box.header = 8;
        }
      off += size;
    }
  if (!have_moov)
    goto corrupt;

  moov_buf = g_malloc (moov_box.size);
  if (pread (fd, moov_buf, moov_box.size, moov_offset) != (ssize_t) moov_box.size)
    goto corrupt;

  if (!find_child (moov_buf, &moov_box, 0, "mvhd", &mvhd) || mvhd.size < 108)
    goto corrupt;
  if (moov_buf[mvhd.offset + 8] == 1)
    {
      timescale = get_u32 (moov_buf + mvhd.offset + 8 + 4 + 16);
      next_id_at = mvhd.offset + 116;
    }
  else
    {
      timescale = get_u32 (moov_buf + mvhd.offset + 8 + 4 + 8);
      next_id_at = mvhd.offset + 104;
    }
  if (next_id_at + 4 > mvhd.offset + mvhd.size || timescale == 0)
    goto corrupt;
  next_track_id = get_u32 (moov_buf + next_id_at);

  for (gsize off = moov_box.header; off < moov_box.size; off += child.size)
    {
      static const char *const hdlr_path[] = { "mdia", "hdlr", NULL };
      Box hdlr, tkhd, tref;

      if (!read_box (moov_buf, off, moov_box.size, &child))
        goto corrupt;
      if (is_type (moov_buf, &child, "udta"))
        {
          Box existing;
          if (child.header != 8)
            goto corrupt;
          if (find_child (moov_buf, &child, 0, "chpl", &existing))
            {
              g_close (fd, NULL);
              return fail (error, name_for_messages, SECUENCIA_EXPORT_ERROR_FAILED, _("the file already has chapters"));
            }
          udta = child;
          have_udta = TRUE;
        }
      if (!is_type (moov_buf, &child, "trak"))
        continue;
      if (find_child (moov_buf, &child, 0, "tref", &tref))
        {
          g_close (fd, NULL);
          return fail (error, name_for_messages, SECUENCIA_EXPORT_ERROR_FAILED, _("the file already has a track reference"));
        }
      if (!have_audio && find_path (moov_buf, &child, hdlr_path, &hdlr) && hdlr.size >= 20 &&
          memcmp (moov_buf + hdlr.offset + hdlr.header + 8, "soun", 4) == 0 &&
          find_child (moov_buf, &child, 0, "tkhd", &tkhd) && child.header == 8)
        {
          gboolean v1 = moov_buf[tkhd.offset + 8] == 1;
          guint64 d = v1 ? get_u64 (moov_buf + tkhd.offset + 36) : get_u32 (moov_buf + tkhd.offset + 28);
          audio_duration = (guint32) MIN (d, G_MAXUINT32);
          audio_trak = child;
          have_audio = TRUE;
        }
    }
  if (!have_audio)
    {
      g_close (fd, NULL);
      return fail (error, name_for_messages, SECUENCIA_EXPORT_ERROR_FAILED, _("it has no audio track"));
    }

  /* The titles as text samples, their times in milliseconds (each chapter
   * at least 1 ms long). */
  total_ms = (guint32) MIN ((duration + SECUENCIA_TIME_MSECOND / 2) / SECUENCIA_TIME_MSECOND, G_MAXUINT32);
  for (guint i = 0; i < chapters->len; i++)
    {
      const SecuenciaChapter *chapter = chapters->pdata[i];
      gsize len = MIN (strlen (chapter->title), 1024);
      guint32 ms = (guint32) ((chapter->start + SECUENCIA_TIME_MSECOND / 2) / SECUENCIA_TIME_MSECOND);
      guint32 size;

      while (len > 0 && !g_utf8_validate (chapter->title, len, NULL))
        len--;
      if (i == 0)
        ms = 0;
      else
        ms = MAX (ms, g_array_index (start_ms, guint32, i - 1) + 1);
      g_array_append_val (start_ms, ms);
      put_u16 (samples, (guint16) len);
      g_byte_array_append (samples, (const guint8 *) chapter->title, len);
      g_byte_array_append (samples, encd, sizeof encd);
      size = 2 + len + sizeof encd;
      g_array_append_val (sample_sizes, size);
    }
  total_ms = MAX (total_ms, g_array_index (start_ms, guint32, start_ms->len - 1) + 1);

  build_text_trak (text_trak, next_track_id,
                   (guint32) MIN (audio_duration != 0 ? audio_duration
                                                      : (guint64) duration * timescale / SECUENCIA_TIME_SECOND,
                                  G_MAXUINT32),
                   start_ms, total_ms, sample_sizes, &chunk_offset_at);
  build_chpl (chpl, chapters);

  new_size = moov_box.size + 20 /* tref/chap */ + text_trak->len + chpl->len + (have_udta ? 0 : 8);
  delta = new_size - moov_box.size;

  /* Chunk offsets into media after the old moov move with it. */
  for (gsize off = moov_box.header; off < moov_box.size; off += child.size)
    {
      read_box (moov_buf, off, moov_box.size, &child);
      if (is_type (moov_buf, &child, "trak") &&
          !shift_chunk_offsets (moov_buf, &child, moov_offset + moov_box.size, delta))
        {
          g_close (fd, NULL);
          return fail (error, name_for_messages, SECUENCIA_EXPORT_ERROR_FAILED,
                       _("its media would move past the 4 GB a 32-bit chunk offset can address"));
        }
    }
  set_u32 (moov_buf + next_id_at, next_track_id + 1);

  /* The new moov. */
  box_begin (moov, "moov");
  for (gsize off = moov_box.header; off < moov_box.size; off += child.size)
    {
      read_box (moov_buf, off, moov_box.size, &child);
      if (have_audio && child.offset == audio_trak.offset)
        {
          gsize start = moov->len, tref, chap;

          g_byte_array_append (moov, moov_buf + child.offset, child.size);
          tref = box_begin (moov, "tref");
          chap = box_begin (moov, "chap");
          put_u32 (moov, next_track_id);
          box_end (moov, chap);
          box_end (moov, tref);
          box_end (moov, start);
        }
      else if (have_udta && child.offset == udta.offset)
        {
          gsize start = moov->len;

          g_byte_array_append (moov, moov_buf + child.offset, child.size);
          g_byte_array_append (moov, chpl->data, chpl->len);
          box_end (moov, start);
        }
      else
        g_byte_array_append (moov, moov_buf + child.offset, child.size);
    }
  chunk_offset_at += moov->len;
  g_byte_array_append (moov, text_trak->data, text_trak->len);
  if (!have_udta)
    {
      gsize start = box_begin (moov, "udta");
      g_byte_array_append (moov, chpl->data, chpl->len);
      box_end (moov, start);
    }
  box_end (moov, 0);
  g_assert (moov->len == new_size);

  /* The titles' mdat goes at the new end of the file. */
  if ((guint64) file_size + delta + 8 > G_MAXUINT32)
    {
      g_close (fd, NULL);
      return fail (error, name_for_messages, SECUENCIA_EXPORT_ERROR_FAILED,
                   _("the file is too large for a 32-bit chunk offset"));
    }
  set_u32 (moov->data + chunk_offset_at, (guint32) (file_size + delta + 8));
  {
    guint8 header[8];
    set_u32 (header, 8 + samples->len);
    memcpy (header + 4, "mdat", 4);
    g_byte_array_prepend (samples, header, 8);
  }

  if (!move_tail (fd, moov_offset + moov_box.size, file_size, delta) ||
      pwrite (fd, moov->data, moov->len, moov_offset) != (ssize_t) moov->len ||
      pwrite (fd, samples->data, samples->len, file_size + delta) != (ssize_t) samples->len)
    {
      int saved_errno = errno;
      g_close (fd, NULL);
      return fail (error, name_for_messages,
                   saved_errno == ENOSPC || saved_errno == EDQUOT
                     ? SECUENCIA_EXPORT_ERROR_DISK_FULL : SECUENCIA_EXPORT_ERROR_DESTINATION,
                   g_strerror (saved_errno));
    }
  ok = TRUE;
  if (!g_close (fd, NULL))
    {
      int saved_errno = errno;
      return fail (error, name_for_messages, SECUENCIA_EXPORT_ERROR_DESTINATION, g_strerror (saved_errno));
    }
  return ok;

corrupt:
  g_close (fd, NULL);
  return fail (error, name_for_messages, SECUENCIA_EXPORT_ERROR_FAILED, _("it is not an MP4 file this program wrote"));
}
