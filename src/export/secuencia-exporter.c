/* secuencia-exporter.c: export a timeline of a project file (any format).
 *
 * One export, in the worker thread (or the caller's, for
 * secuencia_export_run()):
 *
 *  1. open the project with its own read-only connection and, inside one
 *     read transaction, read the timeline, its clips and the info of every
 *     asset a sounding clip uses; check them (empty timeline, missing or
 *     empty assets);
 *  2. check the destination: an existing one is replaced only when asked
 *     for, and never when it is the project itself, a file the project's
 *     audio came from (same bytes) or anything but a regular file; then
 *     create the part file beside it (".NAME.XXXXXX.part", exclusive
 *     creation, NAME cut so that it fits the folder's name limit)
 *     and check the encoder, all before any heavy work;
 *  3. still in that read transaction (so the bytes match the clips read),
 *     stream each used asset once into a private temp directory, with the
 *     extension its MIME type calls for;
 *  4. close the project and render with secuencia_mixdown_run() into the
 *     part file; fsync it and rename it over the destination.
 *
 * Whatever happens, the part file (unless renamed) and the temp directory
 * are removed before returning; on failure the destination is untouched.
 */

#define _GNU_SOURCE  /* renameat2 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "secuencia-exporter.h"
#include "secuencia-export-sidecars.h"
#include "secuencia-mp4-chapters.h"
#include "secuencia-mixdown.h"
#include "secuencia-parallel-encode.h"
#include "secuencia-project.h"
#include "secuencia-thread-priority.h"

/* Share of the progress bar for each stage. */
#define PREPARE_END  0.10
#define MIX_END      0.99

/* What the task carries: identifiers only, no project connection. */
typedef struct
{
  char                    *project_path;
  gint64                   timeline_id;
  GFile                   *destination;
  SecuenciaExportOptions   options;
  SecuenciaExportProgress *progress;   /* nullable */
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->options.tags, g_hash_table_unref);
  g_clear_pointer (&data->options.cover, g_bytes_unref);
  g_free ((char *) data->options.cover_name);
  g_free (data->project_path);
  g_clear_object (&data->destination);
  g_clear_object (&data->progress);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

/* The state of one run, private to the thread doing it. */
typedef struct
{
  const ExportData *data;
  GCancellable     *cancellable;
  char             *project_name;    /* for messages */

  SecuenciaProject *project;
  gboolean          in_read;
  GPtrArray        *clips;           /* SecuenciaClip*, timeline order */
  GPtrArray        *elements;        /* SecuenciaElementInfo*: captions, chapters */
  SecuenciaTime     stem_length;     /* a stem: the whole timeline's length */
  SecuenciaSidecarWriter *sidecars;
  GHashTable       *assets;          /* asset id -> SecuenciaAssetInfo* (used ones) */
  GHashTable       *asset_paths;     /* asset id -> temp file path */
  SecuenciaTime     total;

  char             *dest_path;
  char             *part_path;
  int               part_fd;
  gboolean          renamed;
  char             *tmp_dir;

  SecuenciaMixFormat format;
  GstTagList       *tags;
  SecuenciaExportReport report;
} ExportRun;

static void
export_progress (ExportRun  *run,
                 double      fraction,
                 const char *message)
{
  if (run->data->progress != NULL)
    secuencia_export_progress_update (run->data->progress, fraction, message);
}

/* A new stage of different speed begins (the time left is based on the
 * slowest stage's rate). */
static void
export_stage (ExportRun  *run,
              double      fraction,
              const char *message)
{
  export_progress (run, fraction, NULL);
  if (run->data->progress != NULL)
    secuencia_export_progress_begin_stage (run->data->progress, message);
}

static void
remove_tmp_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_unlink (child) != 0)
            g_debug ("Could not remove temp file %s: %s", child, g_strerror (errno));
        }
    }

  if (g_rmdir (path) != 0)
    g_debug ("Could not remove temp folder %s: %s", path, g_strerror (errno));
}

/* Runs on every path out of export_do(). */
static void
export_run_clear (ExportRun *run)
{
  if (run->in_read)
    secuencia_project_end_read (run->project);
  run->in_read = FALSE;
  g_clear_object (&run->project);

  if (run->part_fd >= 0)
    g_close (run->part_fd, NULL);
  run->part_fd = -1;

  if (run->part_path != NULL && !run->renamed)
    g_unlink (run->part_path);

  if (run->tmp_dir != NULL)
    remove_tmp_dir (run->tmp_dir);

  g_clear_pointer (&run->tags, gst_tag_list_unref);
  g_clear_pointer (&run->clips, g_ptr_array_unref);
  g_clear_pointer (&run->elements, g_ptr_array_unref);
  g_clear_pointer (&run->sidecars, secuencia_sidecar_writer_free);
  g_clear_pointer (&run->asset_paths, g_hash_table_unref);
  g_clear_pointer (&run->assets, g_hash_table_unref);
  g_clear_pointer (&run->project_name, g_free);
  g_clear_pointer (&run->dest_path, g_free);
  g_clear_pointer (&run->part_path, g_free);
  g_clear_pointer (&run->tmp_dir, g_free);
}

/* TRUE when the file system holding @path has (next to) no space left:
 * used to recognise a disk-full failure reported as a generic I/O error. */
static gboolean
file_system_is_full (const char *path)
{
  struct statvfs st;

  if (path == NULL || statvfs (path, &st) != 0)
    return FALSE;

  return (guint64) st.f_bavail * st.f_frsize < 64 * 1024;
}

static gboolean
error_is_disk_full (const GError *error,
                    const char   *path)
{
  if (g_error_matches (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DISK_FULL) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    return TRUE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  return file_system_is_full (path);
}

static const char *
extension_for_mime_type (const char *mime_type)
{
  static const struct { const char *mime; const char *ext; } table[] = {
    { "audio/x-wav", ".wav" },
    { "audio/wav", ".wav" },
    { "audio/wave", ".wav" },
    { "audio/vnd.wave", ".wav" },
    { "audio/mpeg", ".mp3" },
    { "audio/mp3", ".mp3" },
    { "audio/x-mp3", ".mp3" },
    { "audio/ogg", ".ogg" },
    { "audio/x-vorbis+ogg", ".ogg" },
    { "audio/vorbis", ".ogg" },
    { "application/ogg", ".ogg" },
    { "audio/x-opus+ogg", ".opus" },
    { "audio/opus", ".opus" },
    { "audio/flac", ".flac" },
    { "audio/x-flac", ".flac" },
    { "audio/mp4", ".m4a" },
    { "audio/x-m4a", ".m4a" },
    { "audio/m4a", ".m4a" },
    { "video/quicktime", ".m4a" },
    { "audio/aac", ".aac" },
    { "audio/x-aac", ".aac" },
    { "audio/x-aiff", ".aiff" },
    { "audio/aiff", ".aiff" },
    { "audio/webm", ".webm" },
  };
  g_autofree char *lower = NULL;
  const char *semicolon;

  if (mime_type == NULL)
    return ".bin";

  /* Drop parameters ("audio/mpeg; layer=3") */
  semicolon = strchr (mime_type, ';');
  lower = g_ascii_strdown (mime_type, semicolon ? semicolon - mime_type : -1);
  g_strstrip (lower);

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (lower, table[i].mime))
      return table[i].ext;

  /* GStreamer finds the format from the bytes anyway. */
  return ".bin";
}

static char *
clip_label (const SecuenciaClip      *clip,
            guint                     index,
            const SecuenciaAssetInfo *asset)
{
  if (clip->name != NULL && clip->name[0] != '\0')
    /* Translators: a clip in error messages: index, clip name, asset file name */
    return g_strdup_printf (_("Clip %u “%s” (asset “%s”)"), index, clip->name, asset->file_name);
  else
    /* Translators: a clip in error messages: index, asset file name */
    return g_strdup_printf (_("Clip %u (asset “%s”)"), index, asset->file_name);
}

static char *
clip_name (const SecuenciaClip *clip,
           guint                index)
{
  if (clip->name != NULL && clip->name[0] != '\0')
    return g_strdup_printf (_("Clip %u “%s”"), index, clip->name);
  else
    return g_strdup_printf (_("Clip %u"), index);
}

/* Keeps the clips of the part asked for (a scene's time range, moved to
 * start at 0; or one lane, as long as the whole timeline). */
static void
export_select_clips (ExportRun *run)
{
  const SecuenciaExportOptions *options = &run->data->options;
  g_autoptr(GPtrArray) kept = NULL;
  SecuenciaTime whole = 0;

  if (options->range_end <= 0 && !options->lane_only)
    return;
  kept = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_clip_free);
  for (guint i = 0; i < run->clips->len; i++)
    {
      const SecuenciaClip *clip = g_ptr_array_index (run->clips, i);
      SecuenciaClip *copy;

      whole = MAX (whole, secuencia_clip_get_end (clip));
      if (options->lane_only && clip->lane != options->lane)
        continue;
      if (options->range_end > 0 &&
          (clip->offset < options->range_start || clip->offset >= options->range_end))
        continue;
      copy = secuencia_clip_copy (clip);
      if (options->range_end > 0)
        copy->offset -= options->range_start;
      g_ptr_array_add (kept, copy);
    }
  g_ptr_array_unref (run->clips);
  run->clips = g_steal_pointer (&kept);
  if (options->lane_only)
    run->stem_length = whole;
}

static gboolean
export_read_timeline (ExportRun  *run,
                      GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SecuenciaTimelineInfo) info = NULL;
  guint n_sounding = 0;

  run->project = secuencia_project_open (run->data->project_path,
                                         SECUENCIA_PROJECT_OPEN_READ_ONLY,
                                         &local_error);
  if (run->project == NULL)
    {
      /* The store's message names the file and the cause. */
      g_set_error_literal (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROJECT,
                           local_error->message);
      return FALSE;
    }

  if (!secuencia_project_begin_read (run->project, &local_error))
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROJECT,
                   _("Cannot read project “%s”: %s"),
                   run->project_name, local_error->message);
      return FALSE;
    }
  run->in_read = TRUE;

  /* The lines the clips voice: captions and chapters come from them. */
  run->elements = secuencia_project_list_elements (run->project, &local_error);
  if (run->elements == NULL)
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROJECT,
                   _("Cannot read the screenplay of project “%s”: %s"),
                   run->project_name, local_error->message);
      return FALSE;
    }

  if (run->data->timeline_id == 0)
    {
      /* No stored timeline: lay the screenplay out here, from this
       * connection's snapshot, as the converter would store it. Nothing is
       * written, so a read-only project exports too. */
      g_autoptr(SecuenciaTimeline) laid_out = NULL;

      laid_out = secuencia_screenplay_build_timeline (run->elements, _("Screenplay"),
                                                      run->data->options.screenplay_gap,
                                                      NULL, NULL, 1.0, NULL, &local_error);
      if (laid_out == NULL)
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_EMPTY_TIMELINE,
                       _("Cannot export project “%s”: %s"), run->project_name, local_error->message);
          return FALSE;
        }
      info = g_new0 (SecuenciaTimelineInfo, 1);
      info->name = g_strdup (_("Screenplay"));
      run->clips = secuencia_timeline_get_clips (laid_out);
    }
  else
    {
      info = secuencia_project_get_timeline (run->project, run->data->timeline_id, &local_error);
      if (info == NULL)
        {
          if (g_error_matches (local_error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND))
            g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_TIMELINE_NOT_FOUND,
                         _("Project “%s” has no timeline with id %lld"),
                         run->project_name, (long long) run->data->timeline_id);
          else
            g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROJECT,
                         _("Cannot read timeline %lld of project “%s”: %s"),
                         (long long) run->data->timeline_id, run->project_name, local_error->message);
          return FALSE;
        }

      run->clips = secuencia_project_list_clips (run->project, run->data->timeline_id, &local_error);
      if (run->clips == NULL)
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROJECT,
                       _("Cannot read the clips of timeline “%s” in project “%s”: %s"),
                       info->name, run->project_name, local_error->message);
          return FALSE;
        }
    }

  export_select_clips (run);

  run->assets = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                       (GDestroyNotify) secuencia_asset_info_free);
  run->total = run->stem_length;

  for (guint i = 0; i < run->clips->len; i++)
    {
      const SecuenciaClip *clip = g_ptr_array_index (run->clips, i);
      SecuenciaAssetInfo *asset;

      run->total = MAX (run->total, secuencia_clip_get_end (clip));

      if (clip->muted)
        continue;

      n_sounding++;

      asset = g_hash_table_lookup (run->assets, &clip->asset_id);
      if (asset == NULL)
        {
          asset = secuencia_project_get_asset (run->project, clip->asset_id, &local_error);
          if (asset == NULL)
            {
              g_autofree char *name = clip_name (clip, i + 1);

              if (g_error_matches (local_error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND))
                g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_MISSING_ASSET,
                             _("%s refers to asset %lld, which is not in project “%s”"),
                             name, (long long) clip->asset_id, run->project_name);
              else
                g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROJECT,
                             _("Cannot read asset %lld of %s: %s"),
                             (long long) clip->asset_id, name, local_error->message);
              return FALSE;
            }
          g_hash_table_insert (run->assets, &asset->id, asset);
        }

      if (asset->size <= 0)
        {
          g_autofree char *label = clip_label (clip, i + 1, asset);

          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_BAD_ASSET,
                       _("%s: the audio file is empty (0 bytes)"), label);
          return FALSE;
        }
    }

  if (n_sounding == 0)
    {
      if (run->clips->len == 0)
        g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_EMPTY_TIMELINE,
                     _("Timeline “%s” has no clips: there is nothing to export"), info->name);
      else
        g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_EMPTY_TIMELINE,
                     _("Every clip of timeline “%s” is muted: there is nothing to export"), info->name);
      return FALSE;
    }

  return TRUE;
}

/* TRUE when @path (following symbolic links) is the file @st describes. */
static gboolean
same_file (const GStatBuf *st,
           const char     *path)
{
  GStatBuf other;

  return g_stat (path, &other) == 0 && other.st_dev == st->st_dev && other.st_ino == st->st_ino;
}

/* TRUE when @st is the project file or one of SQLite's files beside it. */
static gboolean
is_project_file (const char     *project_path,
                 const GStatBuf *st)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (project_path, suffixes[i], NULL);

      if (same_file (st, path))
        return TRUE;
    }
  return FALSE;
}

/* SHA-256 of the regular file @path, or NULL. */
static char *
hash_regular_file (const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);
  gssize n;

  if (fd < 0)
    return NULL;
  while ((n = read (fd, buffer, 64 * 1024)) > 0)
    g_checksum_update (checksum, buffer, n);
  g_close (fd, NULL);
  return n == 0 ? g_strdup (g_checksum_get_string (checksum)) : NULL;
}

/* The asset whose audio was imported from the file @st describes: the
 * project keeps each asset's size and SHA-256, so the file that holds
 * exactly those bytes is its source (or a copy of it), whatever its name. */
static SecuenciaAssetInfo *
find_source_asset (ExportRun      *run,
                   const char     *path,
                   const GStatBuf *st)
{
  g_autoptr(GPtrArray) assets = secuencia_project_list_assets (run->project, NULL);
  g_autofree char *hash = NULL;

  for (guint i = 0; assets != NULL && i < assets->len; i++)
    {
      SecuenciaAssetInfo *asset = g_ptr_array_index (assets, i);

      if (asset->size != (gint64) st->st_size)
        continue;
      if (hash == NULL && (hash = hash_regular_file (path)) == NULL)
        return NULL;
      if (g_strcmp0 (hash, asset->content_hash) == 0)
        return g_ptr_array_steal_index (assets, i);
    }
  return NULL;
}

/* What may be replaced: nothing that is not a regular file, never the
 * project (compared by device and inode) nor a file the project's audio
 * came from (when @check_sources), and an existing file only when the
 * person asked for it. */
static gboolean
export_check_destination (ExportRun  *run,
                          gboolean    check_sources,
                          GError    **error)
{
  g_autofree char *display = g_filename_display_name (run->dest_path);
  GStatBuf st;

  if (g_lstat (run->dest_path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION,
                   _("Cannot export to “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION,
                   _("Cannot export to “%s”: it is a folder"), display);
      return FALSE;
    }
  if (S_ISLNK (st.st_mode))
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROTECTED,
                   _("Cannot export to “%s”: it is a symbolic link, and only regular files are replaced; "
                     "give the file it points to or a new name"), display);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROTECTED,
                   _("Cannot export to “%s”: it is not a regular file (it is a device, a pipe or a socket), "
                     "and only regular files are replaced"), display);
      return FALSE;
    }
  if (is_project_file (run->data->project_path, &st))
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROTECTED,
                   _("Cannot export to “%s”: it is the project “%s” being exported"),
                   display, run->project_name);
      return FALSE;
    }
  if (check_sources && run->project != NULL)
    {
      g_autoptr(SecuenciaAssetInfo) source = find_source_asset (run, run->dest_path, &st);

      if (source != NULL)
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROTECTED,
                       _("Cannot export to “%s”: it holds the audio “%s” of project “%s” "
                         "(it was imported from this file or a copy of it)"),
                       display, source->file_name, run->project_name);
          return FALSE;
        }
    }
  if (!run->data->options.replace)
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_EXISTS,
                   _("Cannot export to “%s”: the file already exists"), display);
      return FALSE;
    }
  return TRUE;
}

/* The part file's name, ".BASE.XXXXXX.part", with BASE cut (at a character
 * boundary) so that the name fits the folder's limit for a name, whatever
 * the destination's name. */
static char *
part_file_template (const char *dir,
                    const char *base)
{
  static const char suffix[] = ".XXXXXX.part";
  static const gsize reserved = 1 + sizeof suffix - 1;
  long name_max = pathconf (dir, _PC_NAME_MAX);
  g_autofree char *cut = NULL;
  gsize room;

  if (name_max <= 0)
    name_max = 255;
  room = (gsize) name_max > reserved + 1 ? (gsize) name_max - reserved : 1;
  cut = g_strndup (base, room);
  if (strlen (base) > room && g_utf8_validate (base, -1, NULL))
    {
      const char *end = cut + strlen (cut);

      /* Back up to the start of the last character if it was cut. */
      while (!g_utf8_validate (cut, end - cut, NULL))
        end--;
      cut[end - cut] = '\0';
    }
  return g_strdup_printf ("%s%c.%s%s", dir, G_DIR_SEPARATOR, cut, suffix);
}

/* Create the part file beside the destination: proves the folder exists
 * and is writable before any heavy work. */
static gboolean
export_open_part_file (ExportRun  *run,
                       GError    **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  g_autofree char *dir_display = NULL;
  int saved_errno;

  run->dest_path = g_file_get_path (run->data->destination);
  if (run->dest_path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (run->data->destination);

      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION,
                   _("Cannot export to “%s”: only local files are supported"), uri);
      return FALSE;
    }

  dir = g_path_get_dirname (run->dest_path);
  base = g_path_get_basename (run->dest_path);
  dir_display = g_filename_display_name (dir);

  if (!g_file_test (dir, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION,
                   _("Cannot export to folder “%s”: it does not exist"), dir_display);
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION,
                   _("Cannot export to folder “%s”: it is not a folder"), dir_display);
      return FALSE;
    }
  if (!export_check_destination (run, TRUE, error))
    return FALSE;

  template = part_file_template (dir, base);
  run->part_fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0666);
  saved_errno = errno;
  if (run->part_fd < 0)
    {
      if (saved_errno == ENOSPC || saved_errno == EDQUOT)
        g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DISK_FULL,
                     _("Cannot export to folder “%s”: %s"), dir_display, g_strerror (saved_errno));
      else
        g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION,
                     _("Cannot write to folder “%s”: %s"), dir_display, g_strerror (saved_errno));
      return FALSE;
    }
  run->part_path = g_steal_pointer (&template);

  return TRUE;
}

static gboolean
export_write_asset (ExportRun                *run,
                    const SecuenciaClip      *clip,
                    guint                     index,
                    const SecuenciaAssetInfo *asset,
                    GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) output = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  char id_text[32];
  goffset written = 0;

  base = g_strdup_printf ("asset-%" G_GINT64_FORMAT "%s", asset->id,
                          extension_for_mime_type (asset->mime_type));
  path = g_build_filename (run->tmp_dir, base, NULL);
  file = g_file_new_for_path (path);

  output = g_file_create (file, G_FILE_CREATE_PRIVATE, run->cancellable, &local_error);
  if (output == NULL ||
      !secuencia_project_write_asset_to_stream (run->project, asset->id,
                                                G_OUTPUT_STREAM (output),
                                                run->cancellable, &local_error) ||
      (written = g_seekable_tell (G_SEEKABLE (output))) < 0 ||
      !g_output_stream_close (G_OUTPUT_STREAM (output), run->cancellable, &local_error))
    {
      g_autofree char *label = clip_label (clip, index, asset);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_cancellable_is_cancelled (run->cancellable))
        {
          g_clear_error (&local_error);
          g_cancellable_set_error_if_cancelled (run->cancellable, error);
        }
      else if (error_is_disk_full (local_error, run->tmp_dir))
        g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DISK_FULL,
                     _("Not enough space for the temporary copy of %s: %s"),
                     label, local_error->message);
      else if (g_error_matches (local_error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_NOT_FOUND))
        g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_MISSING_ASSET,
                     _("%s: asset %lld is not in the project: %s"),
                     label, (long long) asset->id, local_error->message);
      else
        g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROJECT,
                     _("Cannot copy the audio of %s out of the project: %s"),
                     label, local_error->message);
      return FALSE;
    }

  /* The blob must hold the bytes the asset was imported with. */
  if (written != asset->size)
    {
      g_autofree char *label = clip_label (clip, index, asset);

      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_BAD_ASSET,
                   _("%s: the audio file is truncated (%lld of %lld bytes in the project)"),
                   label, (long long) written, (long long) asset->size);
      return FALSE;
    }

  /* A debug stat, observable with a log writer (tests count these). */
  g_snprintf (id_text, sizeof id_text, "%" G_GINT64_FORMAT, asset->id);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_DEBUG,
                    "MESSAGE_ID", "secuencia-export-asset-written",
                    "SECUENCIA_ASSET_ID", id_text,
                    "MESSAGE", "Wrote asset %" G_GINT64_FORMAT " (%s, %" G_GINT64_FORMAT " bytes) to %s",
                    asset->id, asset->file_name, asset->size, path);

  g_hash_table_insert (run->asset_paths, &((SecuenciaAssetInfo *) asset)->id,
                       g_steal_pointer (&path));

  return TRUE;
}

static gboolean
export_prepare_assets (ExportRun  *run,
                       GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 bytes_total = 0;
  gint64 bytes_done = 0;
  GHashTableIter iter;
  gpointer value;

  run->tmp_dir = g_dir_make_tmp ("secuencia-export-XXXXXX", &local_error);
  if (run->tmp_dir == NULL)
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE)
                     ? SECUENCIA_EXPORT_ERROR_DISK_FULL : SECUENCIA_EXPORT_ERROR_FAILED,
                   _("Cannot create a temporary folder: %s"), local_error->message);
      return FALSE;
    }

  run->asset_paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);

  g_hash_table_iter_init (&iter, run->assets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    bytes_total += ((SecuenciaAssetInfo *) value)->size;
  export_stage (run, 0.0, NULL);

  for (guint i = 0; i < run->clips->len; i++)
    {
      const SecuenciaClip *clip = g_ptr_array_index (run->clips, i);
      const SecuenciaAssetInfo *asset;
      g_autofree char *message = NULL;

      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;

      if (clip->muted)
        continue;

      message = g_strdup_printf (_("Preparing clip %u of %u"), i + 1, run->clips->len);
      export_progress (run, PREPARE_END * bytes_done / MAX (bytes_total, 1), message);

      if (g_hash_table_contains (run->asset_paths, &clip->asset_id))
        continue;

      asset = g_hash_table_lookup (run->assets, &clip->asset_id);
      g_assert (asset != NULL);

      if (!export_write_asset (run, clip, i + 1, asset, error))
        return FALSE;

      bytes_done += asset->size;
    }

  export_progress (run, PREPARE_END, NULL);

  return TRUE;
}

static void
export_mix_progress (SecuenciaTime position,
                     SecuenciaTime total,
                     gpointer      user_data)
{
  ExportRun *run = user_data;
  double f = total > 0 ? CLAMP ((double) position / total, 0.0, 1.0) : 0.0;

  export_progress (run, PREPARE_END + (MIX_END - PREPARE_END) * f, NULL);
}

static gboolean
export_render (ExportRun  *run,
               GError    **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_mix_source_free);
  g_autoptr(GError) local_error = NULL;
  SecuenciaMixOptions mix_options = SECUENCIA_MIX_OPTIONS_INIT;

  for (guint i = 0; i < run->clips->len; i++)
    {
      const SecuenciaClip *clip = g_ptr_array_index (run->clips, i);
      const SecuenciaAssetInfo *asset;
      const char *path;
      g_autofree char *label = NULL;

      if (clip->muted)
        continue;

      asset = g_hash_table_lookup (run->assets, &clip->asset_id);
      path = g_hash_table_lookup (run->asset_paths, &clip->asset_id);
      g_assert (asset != NULL && path != NULL);

      label = clip_label (clip, i + 1, asset);
      g_ptr_array_add (sources,
                       secuencia_mix_source_new (path, clip->offset, clip->source_start,
                                                 clip->duration, clip->volume_db, label));
    }

  mix_options.format = run->format;
  mix_options.sample_rate = run->data->options.sample_rate;
  mix_options.bitrate = run->data->options.bitrate;
  mix_options.jobs = secuencia_parallel_encode_resolve_jobs (run->data->options.jobs);
  mix_options.loudness = run->data->options.loudness;
  mix_options.no_limiter = run->data->options.no_limiter;
  mix_options.tags = run->tags;

  export_stage (run, PREPARE_END,
                   mix_options.loudness.kind != SECUENCIA_LOUDNESS_OFF
                   ? _("Measuring, mixing and encoding") : _("Mixing and encoding"));

  if (!secuencia_mixdown_run_full (sources, run->total, &mix_options, run->part_path,
                                   export_mix_progress, run, run->cancellable, NULL,
                                   &run->report.mix, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_cancellable_is_cancelled (run->cancellable))
        {
          g_clear_error (&local_error);
          g_cancellable_set_error_if_cancelled (run->cancellable, error);
        }
      else if (!g_error_matches (local_error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DISK_FULL) &&
               local_error->domain == SECUENCIA_EXPORT_ERROR &&
               local_error->code != SECUENCIA_EXPORT_ERROR_FAILED)
        {
          /* BAD_ASSET, NO_ENCODER, ...: the mixdown's message names it. */
          g_propagate_error (error, g_steal_pointer (&local_error));
        }
      else if (error_is_disk_full (local_error, run->part_path))
        {
          g_autofree char *display = g_filename_display_name (run->dest_path);

          /* Name the destination, not the part file. */
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DISK_FULL,
                       _("Not enough disk space to write “%s”: %s"),
                       display, g_strerror (ENOSPC));
        }
      else if (local_error->domain == SECUENCIA_EXPORT_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                     _("Mixing failed: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* rename() that fails with EEXIST instead of replacing @to. */
static int
rename_noreplace (const char *from,
                  const char *to)
{
#ifdef RENAME_NOREPLACE
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return -1;
#endif
  if (link (from, to) == 0)
    {
      g_unlink (from);
      return 0;
    }
  if (errno == EEXIST)
    return -1;
  /* A file system without hard links: check, then rename. */
  if (g_file_test (to, G_FILE_TEST_EXISTS))
    {
      errno = EEXIST;
      return -1;
    }
  return g_rename (from, to);
}

static gboolean
export_finish_file (ExportRun  *run,
                    GError    **error)
{
  g_autofree char *display = g_filename_display_name (run->dest_path);
  g_autofree char *dir = NULL;
  int saved_errno;
  int dir_fd;

  export_stage (run, MIX_END, _("Finishing"));

  if (fsync (run->part_fd) != 0)
    {
      saved_errno = errno;
      g_set_error (error, SECUENCIA_EXPORT_ERROR,
                   saved_errno == ENOSPC || saved_errno == EDQUOT
                     ? SECUENCIA_EXPORT_ERROR_DISK_FULL : SECUENCIA_EXPORT_ERROR_DESTINATION,
                   _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_close (run->part_fd, NULL))
    {
      saved_errno = errno;
      run->part_fd = -1;
      g_set_error (error, SECUENCIA_EXPORT_ERROR,
                   saved_errno == ENOSPC || saved_errno == EDQUOT
                     ? SECUENCIA_EXPORT_ERROR_DISK_FULL : SECUENCIA_EXPORT_ERROR_DESTINATION,
                   _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  run->part_fd = -1;

  /* Last chance to cancel: after the rename the export has happened. */
  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;

  /* Again, as the destination may have changed during the mix. */
  if (!export_check_destination (run, FALSE, error))
    return FALSE;
  /* The files beside it first: if the audio's rename then fails, they are
   * taken away again (all or none). */
  if (!secuencia_sidecar_writer_commit (run->sidecars, run->data->options.replace, error))
    return FALSE;
  if ((run->data->options.replace ? g_rename (run->part_path, run->dest_path)
                                  : rename_noreplace (run->part_path, run->dest_path)) != 0)
    {
      saved_errno = errno;
      secuencia_sidecar_writer_rollback (run->sidecars);
      if (saved_errno == EEXIST)
        g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_EXISTS,
                     _("Cannot export to “%s”: the file already exists"), display);
      else
        g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION,
                     _("Cannot replace “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  run->renamed = TRUE;

  /* Make the rename itself durable; failing here loses nothing. */
  dir = g_path_get_dirname (run->dest_path);
  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      g_close (dir_fd, NULL);
    }

  export_progress (run, 1.0, _("Finished"));

  return TRUE;
}

/* Chapters into an MP4, and the files beside the export. */
static gboolean
export_write_extras (ExportRun  *run,
                     GError    **error)
{
  g_autoptr(GPtrArray) cues = secuencia_transcript_cues (run->clips, run->elements);
  g_autoptr(GPtrArray) chapters = secuencia_transcript_chapters (run->clips, run->elements);
  guint8 head[8] = { 0 };

  if (chapters->len > 0 &&
      pread (run->part_fd, head, sizeof head, 0) == sizeof head && memcmp (head + 4, "ftyp", 4) == 0 &&
      !secuencia_mp4_add_chapters (run->part_path, run->dest_path, chapters, run->total, error))
    return FALSE;
  return secuencia_sidecar_writer_prepare (run->sidecars, cues, chapters, error);
}

static gboolean
export_pick_format (ExportRun  *run,
                    GError    **error)
{
  if (run->data->options.format >= 0 && run->data->options.format < SECUENCIA_MIX_N_FORMATS)
    {
      run->format = (SecuenciaMixFormat) run->data->options.format;
      return TRUE;
    }
  {
    g_autofree char *path = g_file_get_path (run->data->destination);

    return secuencia_export_format_from_path (path != NULL ? path : "", &run->format, error);
  }
}

/* In the read transaction: the project's tags and cover, with this
 * export's over them; a bad one fails before any heavy work. */
static gboolean
export_read_tags (ExportRun  *run,
                  GError    **error)
{
  const SecuenciaExportOptions *options = &run->data->options;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) metadata = NULL;
  g_autoptr(GBytes) cover = NULL;
  g_autofree char *cover_name = NULL;
  const SecuenciaExportFormatInfo *info = secuencia_export_format_get_info (run->format);

  metadata = secuencia_project_dup_all_metadata (run->project, &local_error);
  if (metadata != NULL)
    cover = secuencia_project_dup_cover (run->project, NULL, &cover_name, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_PROJECT,
                   "%s", local_error->message);
      return FALSE;
    }
  if (options->tags != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, options->tags);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (metadata, g_strdup (key), g_strdup (value));
    }
  if (options->cover != NULL)
    {
      if (!info->pictures)
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_TAGS,
                       _("Cannot put the cover “%s” into %s: the format carries no pictures; "
                         "choose M4A, M4B, MP3, FLAC or Opus"),
                       options->cover_name != NULL ? options->cover_name : "",
                       _(info->label));
          return FALSE;
        }
      g_clear_pointer (&cover, g_bytes_unref);
      cover = g_bytes_ref (options->cover);
      g_free (cover_name);
      cover_name = g_strdup (options->cover_name);
    }
  /* a cover stored in the project is left out of formats without pictures */
  if (!info->pictures)
    g_clear_pointer (&cover, g_bytes_unref);
  run->tags = secuencia_export_tags_new (metadata, cover, cover_name, error);
  if (run->tags == NULL)
    return FALSE;
  /* FLAC and Opus carry chapters in their Vorbis comments (MP4 gets them
   * after muxing, in export_write_extras) */
  if (run->format == SECUENCIA_MIX_FORMAT_FLAC || run->format == SECUENCIA_MIX_FORMAT_OPUS)
    {
      g_autoptr(GPtrArray) chapters = secuencia_transcript_chapters (run->clips, run->elements);

      secuencia_export_tags_add_chapters (run->tags, chapters);
    }
  return TRUE;
}

static gboolean
export_do (const ExportData       *data,
           GCancellable           *cancellable,
           SecuenciaExportReport  *report_out,
           GError                **error)
{
  ExportRun run = { 0 };
  gboolean ret = FALSE;
  g_autofree char *base = NULL;

  run.data = data;
  run.cancellable = cancellable;
  run.part_fd = -1;
  base = g_path_get_basename (data->project_path);
  run.project_name = g_filename_display_name (base);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  export_progress (&run, 0.0, _("Reading timeline"));

  if (!export_read_timeline (&run, error))
    goto out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (!export_open_part_file (&run, error))
    goto out;

  if (!export_pick_format (&run, error))
    goto out;

  if (!export_read_tags (&run, error))
    goto out;

  run.sidecars = secuencia_sidecar_writer_new (run.dest_path, data->options.sidecars);
  if (!secuencia_sidecar_writer_check (run.sidecars, data->options.replace, error))
    goto out;

  if (!secuencia_export_format_check (run.format, error) ||
      ((run.format == SECUENCIA_MIX_FORMAT_M4A || run.format == SECUENCIA_MIX_FORMAT_M4B) &&
       !secuencia_mixdown_check_aac_rate (data->options.sample_rate, error)))
    goto out;

  if (!export_prepare_assets (&run, error))
    goto out;

  /* Everything needed from the project is on disk now. */
  secuencia_project_end_read (run.project);
  run.in_read = FALSE;
  g_clear_object (&run.project);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (!export_render (&run, error))
    goto out;

  if (!export_write_extras (&run, error))
    goto out;

  if (!export_finish_file (&run, error))
    goto out;

  ret = TRUE;
  if (report_out != NULL)
    {
      run.report.format = run.format;
      run.report.sample_rate = secuencia_export_format_pick_rate (run.format,
                                                                  data->options.sample_rate);
      run.report.bitrate = secuencia_export_format_get_info (run.format)->lossy
                           ? data->options.bitrate : 0;
      run.report.duration = run.total;
      run.report.target = data->options.loudness;
      run.report.limiter = !data->options.no_limiter;
      *report_out = run.report;
    }

out:
  export_run_clear (&run);

  return ret;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const ExportData *data = task_data;
  GError *error = NULL;

  /* Background work: let the UI's main thread run first (see
   * secuencia-thread-priority.h). */
  secuencia_thread_priority_lower (SECUENCIA_THREAD_PRIORITY_BACKGROUND);

  SecuenciaExportReport *report = g_new0 (SecuenciaExportReport, 1);

  if (export_do (data, cancellable, report, &error))
    g_task_return_pointer (task, report, g_free);
  else
    {
      g_free (report);
      g_task_return_error (task, error);
    }
}

static ExportData *
export_data_new (const char                   *project_path,
                 gint64                        timeline_id,
                 GFile                        *destination,
                 const SecuenciaExportOptions *options,
                 SecuenciaExportProgress      *progress)
{
  ExportData *data = g_new0 (ExportData, 1);
  SecuenciaExportOptions defaults = SECUENCIA_EXPORT_OPTIONS_INIT;

  data->project_path = g_strdup (project_path);
  data->timeline_id = timeline_id;
  data->destination = g_file_dup (destination);
  data->options = options != NULL ? *options : defaults;
  if (data->options.bitrate == 0)
    data->options.bitrate = defaults.bitrate;
  if (data->options.sample_rate == 0)
    data->options.sample_rate = data->options.loudness.kind == SECUENCIA_LOUDNESS_ACX
                                ? 44100 : 48000;
  data->options.tags = options != NULL && options->tags != NULL
                       ? g_hash_table_ref (options->tags) : NULL;
  data->options.cover = options != NULL && options->cover != NULL
                        ? g_bytes_ref (options->cover) : NULL;
  data->options.cover_name = g_strdup (options != NULL ? options->cover_name : NULL);
  data->progress = progress != NULL ? g_object_ref (progress) : NULL;

  return data;
}

void
secuencia_export_async (const char                   *project_path,
                        gint64                        timeline_id,
                        GFile                        *destination,
                        const SecuenciaExportOptions *options,
                        SecuenciaExportProgress      *progress,
                        GCancellable                 *cancellable,
                        GAsyncReadyCallback           callback,
                        gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (project_path != NULL);
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (progress == NULL || SECUENCIA_IS_EXPORT_PROGRESS (progress));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, secuencia_export_async);
  g_task_set_name (task, "secuencia_export_async");
  /* The pipeline and temp files are gone before the callback runs. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task,
                        export_data_new (project_path, timeline_id, destination,
                                         options, progress),
                        (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
secuencia_export_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == secuencia_export_async, FALSE);

  return secuencia_export_finish_full (result, NULL, error);
}

gboolean
secuencia_export_finish_full (GAsyncResult          *result,
                              SecuenciaExportReport *report_out,
                              GError               **error)
{
  g_autofree SecuenciaExportReport *report = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == secuencia_export_async, FALSE);

  report = g_task_propagate_pointer (G_TASK (result), error);
  if (report == NULL)
    return FALSE;
  if (report_out != NULL)
    *report_out = *report;
  return TRUE;
}

gboolean
secuencia_export_run (const char                   *project_path,
                      gint64                        timeline_id,
                      GFile                        *destination,
                      const SecuenciaExportOptions *options,
                      SecuenciaExportProgress      *progress,
                      GCancellable                 *cancellable,
                      GError                      **error)
{
  g_autoptr(ExportData) data = NULL;

  g_return_val_if_fail (project_path != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (progress == NULL || SECUENCIA_IS_EXPORT_PROGRESS (progress), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = export_data_new (project_path, timeline_id, destination, options, progress);

  return export_do (data, cancellable, NULL, error);
}

gboolean
secuencia_export_run_full (const char                   *project_path,
                           gint64                        timeline_id,
                           GFile                        *destination,
                           const SecuenciaExportOptions *options,
                           SecuenciaExportProgress      *progress,
                           GCancellable                 *cancellable,
                           SecuenciaExportReport        *report_out,
                           GError                      **error)
{
  g_autoptr(ExportData) data = NULL;

  g_return_val_if_fail (project_path != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = export_data_new (project_path, timeline_id, destination, options, progress);

  return export_do (data, cancellable, report_out, error);
}
