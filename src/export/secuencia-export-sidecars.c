/* secuencia-export-sidecars.c: captions, timing and chapter files beside
 * an export. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "secuencia-captions.h"
#include "secuencia-export-error.h"
#include "secuencia-export-sidecars.h"

typedef struct
{
  SecuenciaSidecars  kind;
  char              *path;
  char              *part_path;   /* NULL once renamed or removed */
  gboolean           placed;      /* renamed into place by commit */
} Sidecar;

struct _SecuenciaSidecarWriter
{
  char   *destination;
  GArray *files;   /* of Sidecar */
};

static const SecuenciaSidecars kinds[] = {
  SECUENCIA_SIDECAR_VTT, SECUENCIA_SIDECAR_SRT,
  SECUENCIA_SIDECAR_TIMING_JSON, SECUENCIA_SIDECAR_CHAPTERS_JSON,
};

char *
secuencia_sidecar_path (const char        *destination,
                        SecuenciaSidecars  kind)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *stem = NULL;
  const char *suffix;
  char *dot;

  g_return_val_if_fail (destination != NULL, NULL);

  if (kind == SECUENCIA_SIDECAR_TIMING_JSON)
    return g_strconcat (destination, ".timing.json", NULL);

  dir = g_path_get_dirname (destination);
  base = g_path_get_basename (destination);
  stem = g_strdup (base);
  dot = strrchr (stem, '.');
  if (dot != NULL && dot != stem)
    *dot = '\0';
  switch (kind)
    {
    case SECUENCIA_SIDECAR_VTT: suffix = ".vtt"; break;
    case SECUENCIA_SIDECAR_SRT: suffix = ".srt"; break;
    case SECUENCIA_SIDECAR_CHAPTERS_JSON: suffix = ".chapters.json"; break;
    case SECUENCIA_SIDECAR_TIMING_JSON:
    default: g_return_val_if_reached (NULL);
    }
  {
    g_autofree char *name = g_strconcat (stem, suffix, NULL);
    return g_build_filename (dir, name, NULL);
  }
}

gboolean
secuencia_sidecars_parse (const char         *text,
                          SecuenciaSidecars  *out_sidecars,
                          GError            **error)
{
  g_auto(GStrv) words = g_strsplit (text, ",", -1);
  SecuenciaSidecars result = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = g_strstrip (words[i]);

      if (g_ascii_strcasecmp (word, "vtt") == 0 || g_ascii_strcasecmp (word, "webvtt") == 0)
        result |= SECUENCIA_SIDECAR_VTT;
      else if (g_ascii_strcasecmp (word, "srt") == 0)
        result |= SECUENCIA_SIDECAR_SRT;
      else if (g_ascii_strcasecmp (word, "json") == 0)
        result |= SECUENCIA_SIDECAR_TIMING_JSON;
      else if (g_ascii_strcasecmp (word, "chapters") == 0)
        result |= SECUENCIA_SIDECAR_CHAPTERS_JSON;
      else if (*word != '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Unknown file kind “%s” (known: vtt, srt, json, chapters)"), word);
          return FALSE;
        }
    }
  *out_sidecars = result;
  return TRUE;
}

SecuenciaSidecarWriter *
secuencia_sidecar_writer_new (const char        *destination,
                              SecuenciaSidecars  which)
{
  SecuenciaSidecarWriter *self = g_new0 (SecuenciaSidecarWriter, 1);

  self->destination = g_strdup (destination);
  self->files = g_array_new (FALSE, TRUE, sizeof (Sidecar));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (which & kinds[i])
      {
        Sidecar sidecar = { kinds[i], secuencia_sidecar_path (destination, kinds[i]), NULL, FALSE };
        g_array_append_val (self->files, sidecar);
      }
  return self;
}

void
secuencia_sidecar_writer_free (SecuenciaSidecarWriter *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->files->len; i++)
    {
      Sidecar *sidecar = &g_array_index (self->files, Sidecar, i);
      if (sidecar->part_path != NULL)
        g_unlink (sidecar->part_path);
      g_free (sidecar->part_path);
      g_free (sidecar->path);
    }
  g_array_unref (self->files);
  g_free (self->destination);
  g_free (self);
}

gboolean
secuencia_sidecar_writer_check (SecuenciaSidecarWriter  *self,
                                gboolean                 replace,
                                GError                 **error)
{
  for (guint i = 0; i < self->files->len; i++)
    {
      Sidecar *sidecar = &g_array_index (self->files, Sidecar, i);
      g_autofree char *display = g_filename_display_name (sidecar->path);

      if (g_file_test (sidecar->path, G_FILE_TEST_IS_DIR) ||
          (g_file_test (sidecar->path, G_FILE_TEST_EXISTS) &&
           !g_file_test (sidecar->path, G_FILE_TEST_IS_REGULAR)))
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION,
                       _("Cannot write “%s”: it is not a regular file"), display);
          return FALSE;
        }
      if (!replace && g_file_test (sidecar->path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_EXISTS,
                       _("Cannot export to “%s”: the file already exists"), display);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_part (Sidecar     *sidecar,
            const char  *contents,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (sidecar->path);
  g_autofree char *display = g_filename_display_name (sidecar->path);
  /* A short name of our own: ".NAME.XXXXXX.part" would not fit beside a
   * NAME as long as a name can be. */
  g_autofree char *template = g_build_filename (dir, ".secuencia-XXXXXX.part", NULL);
  gsize length = strlen (contents);
  gsize written = 0;
  int fd;

  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION,
                   _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  sidecar->part_path = g_strdup (template);
  while (written < length)
    {
      gssize n = write (fd, contents + written, length - written);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = errno;
          g_close (fd, NULL);
          g_set_error (error, SECUENCIA_EXPORT_ERROR,
                       saved_errno == ENOSPC || saved_errno == EDQUOT
                         ? SECUENCIA_EXPORT_ERROR_DISK_FULL : SECUENCIA_EXPORT_ERROR_DESTINATION,
                       _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
          return FALSE;
        }
      written += n;
    }
  if (fsync (fd) != 0 || !g_close (fd, NULL))
    {
      int saved_errno = errno;
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION,
                   _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
secuencia_sidecar_writer_prepare (SecuenciaSidecarWriter  *self,
                                  GPtrArray               *cues,
                                  GPtrArray               *chapters,
                                  GError                 **error)
{
  g_autofree char *audio_name = g_path_get_basename (self->destination);

  for (guint i = 0; i < self->files->len; i++)
    {
      Sidecar *sidecar = &g_array_index (self->files, Sidecar, i);
      g_autofree char *contents = NULL;

      switch (sidecar->kind)
        {
        case SECUENCIA_SIDECAR_VTT: contents = secuencia_captions_webvtt (cues); break;
        case SECUENCIA_SIDECAR_SRT: contents = secuencia_captions_srt (cues); break;
        case SECUENCIA_SIDECAR_TIMING_JSON: contents = secuencia_captions_timing_json (cues, audio_name); break;
        case SECUENCIA_SIDECAR_CHAPTERS_JSON: contents = secuencia_chapters_json (chapters); break;
        default: g_assert_not_reached ();
        }
      if (!write_part (sidecar, contents, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
secuencia_sidecar_writer_commit (SecuenciaSidecarWriter  *self,
                                 gboolean                 replace,
                                 GError                 **error)
{
  if (!secuencia_sidecar_writer_check (self, replace, error))
    return FALSE;
  for (guint i = 0; i < self->files->len; i++)
    {
      Sidecar *sidecar = &g_array_index (self->files, Sidecar, i);

      if (g_rename (sidecar->part_path, sidecar->path) != 0)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (sidecar->path);

          g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_DESTINATION,
                       _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
          secuencia_sidecar_writer_rollback (self);
          return FALSE;
        }
      g_clear_pointer (&sidecar->part_path, g_free);
      sidecar->placed = TRUE;
    }
  return TRUE;
}

void
secuencia_sidecar_writer_rollback (SecuenciaSidecarWriter *self)
{
  for (guint i = 0; i < self->files->len; i++)
    {
      Sidecar *sidecar = &g_array_index (self->files, Sidecar, i);

      if (sidecar->placed)
        g_unlink (sidecar->path);
      sidecar->placed = FALSE;
    }
}
