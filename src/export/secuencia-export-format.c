/* secuencia-export-format.c: the format table, encoder chains and tags. */
#include "config.h"

#include "secuencia-export-format.h"
#include "secuencia-export-error.h"
#include "secuencia-transcript.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/tag/tag.h>
#include <string.h>

/* Covers larger than this are refused: ID3v2 and MP4 carry them, but
 * players and stores expect a few hundred KiB. */
#define MAX_COVER_BYTES (16 * 1024 * 1024)

static const SecuenciaExportFormatInfo formats[SECUENCIA_MIX_N_FORMATS] = {
  { SECUENCIA_MIX_FORMAT_M4A, "m4a", ".m4a", N_("AAC audio (M4A)"), "audio/mp4", TRUE, TRUE, TRUE },
  { SECUENCIA_MIX_FORMAT_WAV, "wav-float", ".wav", N_("32-bit float WAV"), "audio/x-wav", FALSE, FALSE, FALSE },
  { SECUENCIA_MIX_FORMAT_M4B, "m4b", ".m4b", N_("Audiobook (M4B)"), "audio/mp4", TRUE, TRUE, TRUE },
  { SECUENCIA_MIX_FORMAT_MP3, "mp3", ".mp3", N_("MP3"), "audio/mpeg", TRUE, TRUE, TRUE },
  { SECUENCIA_MIX_FORMAT_FLAC, "flac", ".flac", N_("FLAC (lossless)"), "audio/flac", FALSE, TRUE, TRUE },
  { SECUENCIA_MIX_FORMAT_WAV24, "wav", ".wav", N_("WAV (24-bit PCM)"), "audio/x-wav", FALSE, FALSE, TRUE },
  { SECUENCIA_MIX_FORMAT_OPUS, "opus", ".opus", N_("Opus"), "audio/ogg", TRUE, TRUE, TRUE },
};

/* The order formats are listed in. */
static const SecuenciaMixFormat listed[] = {
  SECUENCIA_MIX_FORMAT_M4A, SECUENCIA_MIX_FORMAT_M4B, SECUENCIA_MIX_FORMAT_MP3,
  SECUENCIA_MIX_FORMAT_FLAC, SECUENCIA_MIX_FORMAT_WAV24, SECUENCIA_MIX_FORMAT_OPUS,
};

const SecuenciaExportFormatInfo *
secuencia_export_format_get_info (SecuenciaMixFormat format)
{
  g_return_val_if_fail (format < SECUENCIA_MIX_N_FORMATS, &formats[0]);
  return &formats[format];
}

const SecuenciaExportFormatInfo *
secuencia_export_format_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (*name == '.')
    name++;
  for (gsize i = 0; i < G_N_ELEMENTS (listed); i++)
    if (g_ascii_strcasecmp (name, formats[listed[i]].name) == 0)
      return &formats[listed[i]];
  return NULL;
}

char *
secuencia_export_format_list_names (void)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (listed); i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", formats[listed[i]].name);
  return g_string_free (s, FALSE);
}

gboolean
secuencia_export_format_from_path (const char          *path,
                                   SecuenciaMixFormat  *out,
                                   GError             **error)
{
  g_autofree char *base = NULL;
  g_autofree char *list = NULL;
  const SecuenciaExportFormatInfo *info;
  const char *dot;

  g_return_val_if_fail (path != NULL && out != NULL, FALSE);

  base = g_filename_display_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base && (info = secuencia_export_format_lookup (dot + 1)) != NULL)
    {
      *out = info->format;
      return TRUE;
    }
  list = secuencia_export_format_list_names ();
  if (dot == NULL || dot == base)
    g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FORMAT,
                 _("Cannot tell the format of “%s”: its name has no extension; "
                   "end it with one of %s"), base, list);
  else
    g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FORMAT,
                 _("Cannot export “%s”: “%s” is not a format Secuencia writes; "
                   "use one of %s"), base, dot, list);
  return FALSE;
}

char *
secuencia_export_format_apply_extension (const char         *path,
                                         SecuenciaMixFormat  format)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *stem = NULL;
  char *dot;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base && secuencia_export_format_lookup (dot + 1) != NULL)
    *dot = '\0';
  stem = g_strconcat (base, formats[format].extension, NULL);
  return g_str_equal (dir, ".") && !g_str_has_prefix (path, "./")
    ? g_steal_pointer (&stem) : g_build_filename (dir, stem, NULL);
}

guint
secuencia_export_format_pick_rate (SecuenciaMixFormat format,
                                   guint              requested)
{
  if (format == SECUENCIA_MIX_FORMAT_OPUS)
    return 48000;
  if (format == SECUENCIA_MIX_FORMAT_MP3)
    {
      /* MPEG-1 Layer III rates */
      if (requested != 32000 && requested != 44100 && requested != 48000)
        return requested < 40000 ? 44100 : 48000;
    }
  return requested > 0 ? requested : 48000;
}

static const struct
{
  const char *element;
  const char *package;
} needs[][4] = {
  [SECUENCIA_MIX_FORMAT_M4A] = { { "avenc_aac", "gstreamer1.0-libav" }, { "mp4mux", "gstreamer1.0-plugins-good" } },
  [SECUENCIA_MIX_FORMAT_WAV] = { { "wavenc", "gstreamer1.0-plugins-good" } },
  [SECUENCIA_MIX_FORMAT_M4B] = { { "avenc_aac", "gstreamer1.0-libav" }, { "mp4mux", "gstreamer1.0-plugins-good" } },
  [SECUENCIA_MIX_FORMAT_MP3] = { { "lamemp3enc", "gstreamer1.0-plugins-good" }, { "id3v2mux", "gstreamer1.0-plugins-good" } },
  [SECUENCIA_MIX_FORMAT_FLAC] = { { "flacenc", "gstreamer1.0-plugins-good" } },
  [SECUENCIA_MIX_FORMAT_WAV24] = { { "wavenc", "gstreamer1.0-plugins-good" } },
  [SECUENCIA_MIX_FORMAT_OPUS] = { { "opusenc", "gstreamer1.0-plugins-base" }, { "oggmux", "gstreamer1.0-plugins-base" } },
};

gboolean
secuencia_export_format_check (SecuenciaMixFormat   format,
                               GError             **error)
{
  g_return_val_if_fail (format < SECUENCIA_MIX_N_FORMATS, FALSE);

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (needs[format]) && needs[format][i].element != NULL; i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (needs[format][i].element);

      if (factory == NULL)
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_NO_ENCODER,
                       _("Cannot write %s: the GStreamer element “%s” is not installed; "
                         "install the package %s"), _(formats[format].label),
                       needs[format][i].element, needs[format][i].package);
          return FALSE;
        }
    }
  return TRUE;
}

static GstElement *
add (GstBin      *bin,
     const char  *factory,
     GError     **error)
{
  GstElement *e = gst_element_factory_make (factory, NULL);

  if (e == NULL)
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_NO_ENCODER,
                   _("The GStreamer element “%s” is not installed"), factory);
      return NULL;
    }
  gst_bin_add (bin, e);
  return e;
}

static void
set_tags (GstElement *element,
          GstTagList *tags)
{
  if (tags != NULL && GST_IS_TAG_SETTER (element))
    gst_tag_setter_merge_tags (GST_TAG_SETTER (element), tags, GST_TAG_MERGE_REPLACE);
}

gboolean
secuencia_export_format_build (SecuenciaMixFormat   format,
                               guint                bitrate,
                               GstTagList          *tags,
                               const char          *faststart_path,
                               GstBin              *bin,
                               GstElement         **out_first,
                               GstElement         **out_last,
                               GError             **error)
{
  GstElement *convert, *enc = NULL, *mux = NULL, *filter = NULL;
  g_autoptr(GstCaps) caps = NULL;

  g_return_val_if_fail (format < SECUENCIA_MIX_N_FORMATS, FALSE);
  g_return_val_if_fail (GST_IS_BIN (bin), FALSE);

  if (!secuencia_export_format_check (format, error))
    return FALSE;
  if (bitrate == 0)
    bitrate = 192000;
  if ((convert = add (bin, "audioconvert", error)) == NULL)
    return FALSE;
  /* no dither or noise shaping: the mix is exact until the encoder */
  g_object_set (convert, "dithering", 0 /* none */, NULL);

  switch (format)
    {
    case SECUENCIA_MIX_FORMAT_M4A:
    case SECUENCIA_MIX_FORMAT_M4B:
      if ((enc = add (bin, "avenc_aac", error)) == NULL || (mux = add (bin, "mp4mux", error)) == NULL)
        return FALSE;
      g_object_set (enc, "bitrate", (int) bitrate, NULL);
      g_object_set (mux, "faststart", TRUE, NULL);
      if (faststart_path != NULL)
        g_object_set (mux, "faststart-file", faststart_path, NULL);
      break;
    case SECUENCIA_MIX_FORMAT_MP3:
      if ((enc = add (bin, "lamemp3enc", error)) == NULL || (mux = add (bin, "id3v2mux", error)) == NULL)
        return FALSE;
      /* CBR: target=bitrate (1), in kbit/s */
      g_object_set (enc, "target", 1, "bitrate", (int) (bitrate / 1000), "cbr", TRUE, NULL);
      break;
    case SECUENCIA_MIX_FORMAT_FLAC:
      if ((enc = add (bin, "flacenc", error)) == NULL)
        return FALSE;
      caps = gst_caps_from_string ("audio/x-raw, format=(string)S24LE");
      break;
    case SECUENCIA_MIX_FORMAT_WAV24:
      if ((enc = add (bin, "wavenc", error)) == NULL)
        return FALSE;
      caps = gst_caps_from_string ("audio/x-raw, format=(string)S24LE");
      break;
    case SECUENCIA_MIX_FORMAT_WAV:
      if ((enc = add (bin, "wavenc", error)) == NULL)
        return FALSE;
      caps = gst_caps_from_string ("audio/x-raw, format=(string)F32LE");
      break;
    case SECUENCIA_MIX_FORMAT_OPUS:
      if ((enc = add (bin, "opusenc", error)) == NULL || (mux = add (bin, "oggmux", error)) == NULL)
        return FALSE;
      g_object_set (enc, "bitrate", (int) CLAMP (bitrate, 6000, 510000), NULL);
      break;
    case SECUENCIA_MIX_N_FORMATS:
    default:
      g_return_val_if_reached (FALSE);
    }
  if (caps != NULL)
    {
      if ((filter = add (bin, "capsfilter", error)) == NULL)
        return FALSE;
      g_object_set (filter, "caps", caps, NULL);
    }
  if (tags != NULL && format != SECUENCIA_MIX_FORMAT_OPUS && format != SECUENCIA_MIX_FORMAT_FLAC)
    {
      /* mp4mux (©day), id3v2mux (TDRC) and wavenc (ICRD) read the year
       * from GST_TAG_DATE only; the Vorbis comment writers (FLAC, Opus)
       * read GST_TAG_DATE_TIME, which writes just the year */
      g_autoptr(GstTagList) copy = gst_tag_list_copy (tags);
      g_autoptr(GstDateTime) when = NULL;

      if (gst_tag_list_get_date_time (copy, GST_TAG_DATE_TIME, &when))
        {
          GDate *date = g_date_new_dmy (1, G_DATE_JANUARY, (GDateYear) gst_date_time_get_year (when));

          gst_tag_list_remove_tag (copy, GST_TAG_DATE_TIME);
          gst_tag_list_add (copy, GST_TAG_MERGE_REPLACE, GST_TAG_DATE, date, NULL);
          g_date_free (date);
        }
      set_tags (mux != NULL ? mux : enc, copy);
    }
  else
    {
      set_tags (enc, tags);
      if (mux != NULL)
        set_tags (mux, tags);
    }
  if (!gst_element_link (convert, filter != NULL ? filter : enc) ||
      (filter != NULL && !gst_element_link (filter, enc)) ||
      (mux != NULL && !gst_element_link (enc, mux)))
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                   _("Cannot build the encoder for %s"), _(formats[format].label));
      return FALSE;
    }
  *out_first = convert;
  *out_last = mux != NULL ? mux : enc;
  return TRUE;
}

GstTagList *
secuencia_export_tags_new (GHashTable  *metadata,
                           GBytes      *cover,
                           const char  *cover_name,
                           GError     **error)
{
  g_autoptr(GstTagList) tags = NULL;
  static const struct { const char *key; const char *tag; } text[] = {
    { "title", GST_TAG_TITLE }, { "artist", GST_TAG_ARTIST }, { "album", GST_TAG_ALBUM },
    { "genre", GST_TAG_GENRE }, { "comment", GST_TAG_COMMENT },
  };
  const char *year;

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  tags = gst_tag_list_new_empty ();
  for (gsize i = 0; metadata != NULL && i < G_N_ELEMENTS (text); i++)
    {
      const char *value = g_hash_table_lookup (metadata, text[i].key);

      if (value == NULL || *value == '\0')
        continue;
      if (!g_utf8_validate (value, -1, NULL))
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_TAGS,
                       _("Cannot write the tag “%s”: its value is not valid UTF-8"), text[i].key);
          return NULL;
        }
      gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, text[i].tag, value, NULL);
    }
  year = metadata != NULL ? g_hash_table_lookup (metadata, "year") : NULL;
  if (year != NULL && *year != '\0')
    {
      g_autofree char *digits = g_strndup (year, 4);
      guint64 y = 0;

      if (!g_ascii_string_to_unsigned (digits, 10, 1, 9999, &y, NULL) ||
          (year[4] != '\0' && year[4] != '-'))
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_TAGS,
                       _("Cannot write the year “%s”: it is not a year such as 2026"), year);
          return NULL;
        }
      {
        g_autoptr(GstDateTime) date = gst_date_time_new_y ((int) y);
        gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_DATE_TIME, date, NULL);
      }
    }
  if (cover != NULL)
    {
      g_autoptr(GstSample) image = NULL;
      gsize size = 0;
      const guint8 *data = g_bytes_get_data (cover, &size);
      const char *name = cover_name != NULL ? cover_name : _("the cover image");

      if (size > MAX_COVER_BYTES)
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_TAGS,
                       _("Cannot use “%s” as cover art: it is larger than %d MiB"),
                       name, MAX_COVER_BYTES / (1024 * 1024));
          return NULL;
        }
      if (size > 0)
        image = gst_tag_image_data_to_image_sample (data, (guint) size,
                                                    GST_TAG_IMAGE_TYPE_FRONT_COVER);
      if (image == NULL)
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_TAGS,
                       _("Cannot use “%s” as cover art: it is not an image"), name);
          return NULL;
        }
      {
        GstCaps *caps = gst_sample_get_caps (image);
        const char *type = caps != NULL && gst_caps_get_size (caps) > 0
          ? gst_structure_get_name (gst_caps_get_structure (caps, 0)) : "";

        /* what every container's cover field carries (MP4's covr: only these) */
        if (!g_str_equal (type, "image/jpeg") && !g_str_equal (type, "image/png"))
          {
            g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_TAGS,
                         _("Cannot use “%s” as cover art: it is not a JPEG or PNG image (%s)"),
                         name, type);
            return NULL;
          }
      }
      gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_IMAGE, image, NULL);
    }
  return g_steal_pointer (&tags);
}

void
secuencia_export_tags_add_chapters (GstTagList *tags,
                                    GPtrArray  *chapters)
{
  g_return_if_fail (GST_IS_TAG_LIST (tags));
  g_return_if_fail (chapters != NULL);

  for (guint i = 0; i < chapters->len; i++)
    {
      const SecuenciaChapter *chapter = chapters->pdata[i];
      gint64 ms = (MAX (chapter->start, 0) + SECUENCIA_TIME_MSECOND / 2) / SECUENCIA_TIME_MSECOND;
      g_autofree char *key = g_strdup_printf (chapters->len > 99 ? "CHAPTER%03u" : "CHAPTER%02u", i + 1);
      g_autofree char *start = g_strdup_printf ("%s=%02d:%02d:%02d.%03d", key,
                                                (int) (ms / 3600000), (int) (ms / 60000 % 60),
                                                (int) (ms / 1000 % 60), (int) (ms % 1000));

      gst_tag_list_add (tags, GST_TAG_MERGE_APPEND, GST_TAG_EXTENDED_COMMENT, start, NULL);
      if (chapter->title != NULL && *chapter->title != '\0')
        {
          g_autofree char *name = g_strdup_printf ("%sNAME=%s", key, chapter->title);
          gst_tag_list_add (tags, GST_TAG_MERGE_APPEND, GST_TAG_EXTENDED_COMMENT, name, NULL);
        }
    }
}

/* The muxer's data file: a short name of our own in the output's folder
 * (the muxer cannot report a file it fails to open: it deadlocks, so
 * derive nothing from the output's name, which may be as long as a name
 * can be, and create the file first). */
int
secuencia_export_open_temp_file (const char  *output_path,
                                 const char  *suffix,
                                 char       **path_out,
                                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (output_path);
  g_autofree char *name = g_strconcat (".secuencia-XXXXXX", suffix, NULL);
  g_autofree char *template = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);
  int saved_errno = errno;

  if (fd < 0)
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, SECUENCIA_EXPORT_ERROR,
                   saved_errno == ENOSPC || saved_errno == EDQUOT
                   ? SECUENCIA_EXPORT_ERROR_DISK_FULL : SECUENCIA_EXPORT_ERROR_DESTINATION,
                   _("Cannot write to folder “%s”: %s"), display, g_strerror (saved_errno));
      return -1;
    }
  *path_out = g_steal_pointer (&template);
  return fd;
}

char *
secuencia_export_make_faststart_file (const char  *output_path,
                                      GError     **error)
{
  char *path = NULL;
  int fd = secuencia_export_open_temp_file (output_path, ".mdat", &path, error);

  if (fd < 0)
    return NULL;
  g_close (fd, NULL);
  return path;
}
