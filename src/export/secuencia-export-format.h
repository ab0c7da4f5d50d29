/* secuencia-export-format.h: the file formats an export writes, chosen by
 * the file name's extension (or by name), and the GStreamer chain that
 * encodes each one with its tags.
 *
 *   .m4a   AAC (avenc_aac) in MP4, tags in `ilst` with `covr` (default)
 *   .m4b   the same, for audiobook players
 *   .mp3   LAME (lamemp3enc), CBR, ID3v2 with APIC, and an Info/LAME
 *          frame with the encoder delay and padding (gapless)
 *   .flac  FLAC, Vorbis comments (chapters too) and a PICTURE block
 *   .wav   24-bit PCM, LIST/INFO tags (no pictures)
 *   .opus  Opus in Ogg, OpusTags with METADATA_BLOCK_PICTURE and chapters; pre-skip and
 *          end trimming from the encoder
 * and, for tests and checks only, 32-bit float WAV (no extension maps to it).
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef enum
{
  SECUENCIA_MIX_FORMAT_M4A,     /* AAC (avenc_aac) in MP4, priming hidden by an edit list */
  SECUENCIA_MIX_FORMAT_WAV,     /* 32-bit float WAV: exact, for tests and checks */
  SECUENCIA_MIX_FORMAT_M4B,
  SECUENCIA_MIX_FORMAT_MP3,
  SECUENCIA_MIX_FORMAT_FLAC,
  SECUENCIA_MIX_FORMAT_WAV24,
  SECUENCIA_MIX_FORMAT_OPUS,
  SECUENCIA_MIX_N_FORMATS
} SecuenciaMixFormat;

typedef struct
{
  SecuenciaMixFormat format;
  const char        *name;          /* "m4a": for --format and settings */
  const char        *extension;     /* ".m4a" */
  const char        *label;         /* translatable: "AAC audio (M4A)" */
  const char        *mime_type;
  gboolean           lossy;         /* has a bit rate; may overshoot peaks */
  gboolean           pictures;      /* can carry a cover image */
  gboolean           public;        /* offered to people (not the float WAV) */
} SecuenciaExportFormatInfo;

const SecuenciaExportFormatInfo *secuencia_export_format_get_info (SecuenciaMixFormat format);
/* By name ("mp3", ".mp3", "MP3"); NULL when unknown. */
const SecuenciaExportFormatInfo *secuencia_export_format_lookup   (const char        *name);
/* The format of @path's extension; an unknown or missing extension is
 * SECUENCIA_EXPORT_ERROR_FORMAT naming the file and listing the formats. */
gboolean secuencia_export_format_from_path (const char          *path,
                                            SecuenciaMixFormat  *out,
                                            GError             **error);
/* "m4a, m4b, mp3, flac, wav, opus" */
char    *secuencia_export_format_list_names (void);
/* @path with its extension replaced by (or, without one, given) @format's. */
char    *secuencia_export_format_apply_extension (const char         *path,
                                                  SecuenciaMixFormat  format);

/* The sample rate @format writes when @requested is asked for (Opus is
 * always 48000 Hz). */
guint    secuencia_export_format_pick_rate (SecuenciaMixFormat format,
                                            guint              requested);

/* TRUE when the elements @format needs are installed; otherwise
 * SECUENCIA_EXPORT_ERROR_NO_ENCODER naming the element and its package. */
gboolean secuencia_export_format_check (SecuenciaMixFormat   format,
                                       GError             **error);

/* Adds to @bin the chain that turns F32LE interleaved audio into @format's
 * bytes, with @tags (nullable) set on the element that writes them;
 * returns its first element (to link the audio to) and its last (to link
 * to a filesink). @faststart_path: M4A/M4B's temporary file. */
gboolean secuencia_export_format_build (SecuenciaMixFormat   format,
                                       guint                bitrate,
                                       GstTagList          *tags,
                                       const char          *faststart_path,
                                       GstBin              *bin,
                                       GstElement         **out_first,
                                       GstElement         **out_last,
                                       GError             **error);

/* A tag list for an export from metadata (key → value: "title", "artist",
 * "album", "year", "genre", "comment"; NULL or empty values skipped) and a
 * cover image (nullable). A cover GStreamer does not recognise as an image,
 * or a year that is not one, is SECUENCIA_EXPORT_ERROR_TAGS naming it
 * (@cover_name). */
GstTagList *secuencia_export_tags_new (GHashTable  *metadata,
                                       GBytes      *cover,
                                       const char  *cover_name,
                                       GError     **error);

/* Adds @chapters (SecuenciaChapter*, ordered by start) to @tags as Vorbis
 * comment chapters, for FLAC and Opus: CHAPTER01=HH:MM:SS.mmm and
 * CHAPTER01NAME=title (three digits from the hundredth on), which ffmpeg,
 * VLC and foobar2000 read. Other formats ignore extended comments. */
void        secuencia_export_tags_add_chapters (GstTagList *tags,
                                                GPtrArray  *chapters);

/* A new empty file (mode 0600) beside @output_path, named
 * ".secuencia-XXXXXX" + @suffix: its descriptor, its path in *@path_out;
 * -1 with an error naming the folder. */
int   secuencia_export_open_temp_file (const char  *output_path,
                                       const char  *suffix,
                                       char       **path_out,
                                       GError     **error);

/* Create mp4mux's faststart data file beside @output_path under a short
 * name of its own; returns its path, or NULL with a DESTINATION or
 * DISK_FULL error naming the folder. */
char *secuencia_export_make_faststart_file (const char  *output_path,
                                            GError     **error);

G_END_DECLS
