/* secuencia-exporter.h: export a timeline of a project file (M4A, M4B,
 * MP3, FLAC, WAV or Opus, with tags, loudness target and limiter).
 *
 * The caller hands over identifiers only: the project's path and a timeline
 * id. The work runs as a GTask in the thread pool; the worker opens its own
 * read-only SQLite connection, reads the timeline in one read transaction,
 * streams each used asset once into a private temp directory, renders with
 * secuencia_mixdown_run() into a temp file beside the destination, flushes it
 * and renames it over the destination. Failure or cancellation leaves the
 * destination as it was and no temp files anywhere.
 */
#pragma once

#include <gio/gio.h>
#include "secuencia-export-error.h"
#include "secuencia-export-progress.h"
#include "secuencia-export-format.h"
#include "secuencia-loudness.h"
#include "secuencia-mixdown.h"
#include "secuencia-time.h"

G_BEGIN_DECLS

typedef struct
{
  guint                    bitrate;      /* bit/s of lossy formats, default 192000 */
  guint                    sample_rate;  /* Hz; 0: 48000 (44100 for ACX) */
  int                      format;       /* SecuenciaMixFormat; -1: from the destination's
                                          * extension (an unknown one is an error) */
  SecuenciaLoudnessTarget  loudness;     /* default off */
  gboolean                 no_limiter;   /* TRUE: the raw sum; default: peaks ≤ −1 dBTP */
  GHashTable              *tags;         /* nullable; key → value (see SECUENCIA_METADATA_*)
                                          * for this export, over the project's own */
  GBytes                  *cover;        /* nullable; a cover for this export */
  const char              *cover_name;   /* its file name, for messages */
  gboolean                 replace;      /* an existing destination may be replaced (the
                                          * person said so); otherwise EXISTS. Never
                                          * replaced, whatever this says: the project
                                          * itself, a file its audio was imported from
                                          * (same bytes), anything but a regular file. */
  guint                    sidecars;     /* SecuenciaSidecars: captions, timing and chapter
                                          * files written beside, all or none with it.
                                          * Chapters go into an M4A whenever the screenplay
                                          * has scene headings. */
  /* Part of the timeline (all zero: the whole of it). */
  SecuenciaTime range_start;  /* with range_end > 0: only the clips that */
  SecuenciaTime range_end;    /* start in [range_start, range_end), moved
                               * to start that much earlier (a scene) */
  gboolean lane_only;         /* only the clips on @lane, and as long as the
                               * whole timeline (a stem that lines up) */
  int      lane;
  SecuenciaTime screenplay_gap; /* with timeline id 0: the worker lays the
                                 * screenplay out itself, lines this far apart */
  guint    jobs;              /* encoders at once: 0 = one per core, 1 = one
                               * stream (see secuencia-parallel-encode.h) */
} SecuenciaExportOptions;

#define SECUENCIA_EXPORT_OPTIONS_INIT { 192000, 0, -1, SECUENCIA_LOUDNESS_TARGET_INIT, FALSE, \
                                        NULL, NULL, NULL, FALSE, 0 }

/* What an export wrote and measured. */
typedef struct
{
  SecuenciaMixFormat      format;
  guint                   sample_rate;
  guint                   bitrate;
  SecuenciaTime           duration;
  SecuenciaLoudnessTarget target;
  gboolean                limiter;
  SecuenciaMixReport      mix;
} SecuenciaExportReport;

/* The report as JSON (one object; numbers rounded to 0.01; -inf as null). */
char *secuencia_export_report_to_json (const SecuenciaExportReport *report,
                                       const char                  *path);

/* @timeline_id 0: no stored timeline; the worker lays the screenplay out
 * itself (options->screenplay_gap apart), writing nothing to the project. */
void     secuencia_export_async  (const char                   *project_path,
                                  gint64                        timeline_id,
                                  GFile                        *destination,
                                  const SecuenciaExportOptions *options,   /* NULL = defaults */
                                  SecuenciaExportProgress      *progress,  /* nullable */
                                  GCancellable                 *cancellable,
                                  GAsyncReadyCallback           callback,
                                  gpointer                      user_data);
gboolean secuencia_export_finish (GAsyncResult                 *result,
                                  GError                      **error);
/* The same, with what was measured (@report_out may be NULL). */
gboolean secuencia_export_finish_full (GAsyncResult          *result,
                                       SecuenciaExportReport *report_out,
                                       GError               **error);

/* Blocking form for the CLI and tests (same code path, run in the calling
 * thread). */
gboolean secuencia_export_run    (const char                   *project_path,
                                  gint64                        timeline_id,
                                  GFile                        *destination,
                                  const SecuenciaExportOptions *options,
                                  SecuenciaExportProgress      *progress,
                                  GCancellable                 *cancellable,
                                  GError                      **error);
gboolean secuencia_export_run_full (const char                   *project_path,
                                    gint64                        timeline_id,
                                    GFile                        *destination,
                                    const SecuenciaExportOptions *options,
                                    SecuenciaExportProgress      *progress,
                                    GCancellable                 *cancellable,
                                    SecuenciaExportReport        *report_out,
                                    GError                      **error);

G_END_DECLS
