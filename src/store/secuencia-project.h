/* secuencia-project.h: a Secuencia project file (*.secuencia, SQLite).
 *
 * One SecuenciaProject is one SQLite connection. It is not thread-safe: use
 * it from the thread that opened it. Another thread that needs the project
 * (the export worker) opens its own connection with
 * SECUENCIA_PROJECT_OPEN_READ_ONLY from the file's path.
 *
 * Schema (version 9; PRAGMA application_id = 0x53514E43 'SQNC',
 * PRAGMA user_version = schema version; foreign_keys=ON, journal_mode=WAL,
 * busy_timeout 5000 ms):
 *
 *   project  (key TEXT PRIMARY KEY, value TEXT NOT NULL)         -- 'name', 'created_at'
 *   assets   (id INTEGER PRIMARY KEY,
 *             mime_type TEXT NOT NULL, duration_ns INTEGER NOT NULL,
 *             file_name TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE,  -- SHA-256 hex
 *             size INTEGER NOT NULL, created_at INTEGER NOT NULL,         -- unix µs
 *             data BLOB NOT NULL)  -- last: zeroblob(n) then needs no n bytes
 *                                  -- of memory, metadata reads skip the blob
 *   elements (id INTEGER PRIMARY KEY, position INTEGER NOT NULL,
 *             character TEXT NOT NULL DEFAULT '', text TEXT NOT NULL DEFAULT '',
 *             asset_id INTEGER REFERENCES assets(id) ON DELETE SET NULL,
 *             kind TEXT NOT NULL DEFAULT 'dialogue',        -- 'scene', 'action' (v5)
 *             parenthetical, extension, scene_number TEXT NOT NULL DEFAULT '',  -- v5
 *             audio_scratch INTEGER NOT NULL DEFAULT 0,  -- v6: the audio is a scratch voice
             dual INTEGER NOT NULL DEFAULT 0)           -- v8: spoken with the dialogue before it
 *   timelines(id INTEGER PRIMARY KEY, name TEXT NOT NULL,
 *             created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL,
 *             snapshot_owner TEXT)  -- v9: an export's own copy (NULL: a timeline)
 *   clips    (id INTEGER PRIMARY KEY,
 *             timeline_id INTEGER NOT NULL REFERENCES timelines(id) ON DELETE CASCADE,
 *             asset_id INTEGER NOT NULL REFERENCES assets(id),
 *             offset_ns INTEGER NOT NULL, source_start_ns INTEGER NOT NULL,
 *             duration_ns INTEGER NOT NULL, lane INTEGER NOT NULL DEFAULT 0,
 *             volume_db REAL NOT NULL DEFAULT 0, muted INTEGER NOT NULL DEFAULT 0,
 *             name TEXT NOT NULL DEFAULT '',
 *             element_id INTEGER REFERENCES elements(id) ON DELETE SET NULL)  -- v2
 *   metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL DEFAULT '',  -- version 3
 *             mime_type TEXT NOT NULL DEFAULT '', data BLOB)
 *             -- tags ('title', 'artist', 'album', 'year', 'genre', 'comment'),
 *             -- 'cover' (value = file name, mime_type, data = image bytes)
 *   takes    (id INTEGER PRIMARY KEY,                                  -- v7
 *             element_id INTEGER NOT NULL REFERENCES elements(id) ON DELETE CASCADE,
 *             asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
 *             scratch INTEGER NOT NULL DEFAULT 0, replaced_at INTEGER NOT NULL)
 *             -- a line's earlier takes
 *   peaks    (asset_id INTEGER PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
 *             data BLOB NOT NULL)  -- secuencia_peaks_serialize()      (v4)
 */
#pragma once

#include <gio/gio.h>
#include "secuencia-time.h"
#include "secuencia-clip.h"
#include "secuencia-element.h"
#include "secuencia-timeline.h"
#include "secuencia-screenplay-converter.h"
#include "secuencia-peaks.h"
#include "secuencia-fountain.h"

G_BEGIN_DECLS

#define SECUENCIA_PROJECT_ERROR (secuencia_project_error_quark ())
typedef enum
{
  SECUENCIA_PROJECT_ERROR_NOT_A_PROJECT,   /* not SQLite, or SQLite but not ours */
  SECUENCIA_PROJECT_ERROR_CORRUPT,         /* SQLite says malformed / integrity fails */
  SECUENCIA_PROJECT_ERROR_TOO_NEW,         /* schema version newer than we know */
  SECUENCIA_PROJECT_ERROR_READ_ONLY,       /* asked to write, file or dir not writable */
  SECUENCIA_PROJECT_ERROR_LOCKED,          /* busy beyond the busy timeout */
  SECUENCIA_PROJECT_ERROR_NOT_FOUND,       /* no such file / asset / element / timeline */
  SECUENCIA_PROJECT_ERROR_UNSUPPORTED_AUDIO, /* import: GStreamer cannot decode it */
  SECUENCIA_PROJECT_ERROR_INVALID,         /* invalid argument (e.g. negative duration) */
  SECUENCIA_PROJECT_ERROR_IO,              /* disk full, I/O error, other SQLite failure */
} SecuenciaProjectError;
GQuark secuencia_project_error_quark (void);

#define SECUENCIA_PROJECT_SCHEMA_VERSION 9

typedef enum
{
  SECUENCIA_PROJECT_OPEN_DEFAULT   = 0,       /* read-write, must exist */
  SECUENCIA_PROJECT_OPEN_CREATE    = 1 << 0,  /* create if missing */
  SECUENCIA_PROJECT_OPEN_READ_ONLY = 1 << 1,  /* SQLITE_OPEN_READONLY, never writes */
  /* The check of every page (it reads all the audio) runs in a thread
   * while the project is used, when the file needs no upgrade; the first
   * write waits for it, and no write is made into a corrupt file (see
   * secuencia_project_check_integrity_async()). */
  SECUENCIA_PROJECT_OPEN_CHECK_IN_BACKGROUND = 1 << 2,
} SecuenciaProjectOpenFlags;

typedef struct
{
  gint64         id;
  char          *mime_type;
  SecuenciaTime  duration;
  char          *file_name;     /* original base name */
  char          *content_hash;
  gint64         size;          /* bytes */
} SecuenciaAssetInfo;

typedef struct
{
  gint64  id;
  char   *name;
  gint64  created_at;           /* unix µs */
  gint64  modified_at;
  guint   n_clips;
  SecuenciaTime duration;       /* end of the last clip */
} SecuenciaTimelineInfo;

void secuencia_asset_info_free    (SecuenciaAssetInfo    *info);
void secuencia_timeline_info_free (SecuenciaTimelineInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaAssetInfo, secuencia_asset_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaTimelineInfo, secuencia_timeline_info_free)

#define SECUENCIA_TYPE_PROJECT (secuencia_project_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaProject, secuencia_project, SECUENCIA, PROJECT, GObject)

SecuenciaProject *secuencia_project_open        (const char                *path,
                                                 SecuenciaProjectOpenFlags  flags,
                                                 GError                   **error);

/* A new, empty project at @path (for "New Project"). An existing file
 * there is replaced only when @replace_confirmed (the person confirmed
 * replacing that very name), only if it is a regular file, and never while
 * SQLite's -wal or -shm lie beside it: someone may be using it, and a new
 * file there would take that log as its own. G_IO_ERROR_EXISTS,
 * _NOT_REGULAR_FILE or _BUSY otherwise; the old file is kept on any
 * failure. */
SecuenciaProject *secuencia_project_create (const char  *path,
                                            gboolean     replace_confirmed,
                                            GError     **error);
const char       *secuencia_project_get_path    (SecuenciaProject *self);
gboolean          secuencia_project_is_read_only(SecuenciaProject *self);
/* Why the file at @path cannot be changed by this process, in words for a
 * person ("it is on a read-only file system", "the file is read-only for
 * you…", "its folder “…” is read-only for you…"); NULL when it can be (a
 * missing file: when its folder can be written). Decided with access(2),
 * so it holds for root too (a read-only mount, an immutable file). */
char             *secuencia_project_dup_read_only_reason (const char *path);
/* A read-only connection to a file this process cannot write, opened when
 * no log lay beside it, reads the file as SQLite's "immutable": no locks,
 * nothing created beside it, and no change made later by someone who can
 * write it is seen (PRAGMA data_version stays the same). Open it again to
 * see such changes (when the file's size or time changed, or a -wal
 * appeared beside it). */
gboolean          secuencia_project_is_immutable (SecuenciaProject *self);
/* Display name: the 'name' key, else the file's base name without suffix. */
char             *secuencia_project_dup_name    (SecuenciaProject *self);
gboolean          secuencia_project_set_name    (SecuenciaProject *self,
                                                 const char       *name,
                                                 GError          **error);

/* Read transactions: everything read between begin and end sees one
 * snapshot (BEGIN DEFERRED + a first read; WAL keeps writers unblocked). */
gboolean secuencia_project_begin_read (SecuenciaProject *self, GError **error);
void     secuencia_project_end_read   (SecuenciaProject *self);

/* ---- assets ---- */
/* Import an audio file: GstDiscoverer learns duration and MIME type (a file
 * GStreamer cannot decode is refused, naming the file), the bytes are copied
 * in chunks with incremental blob I/O, and identical content is stored once
 * (returns the existing id). Blocking: call from a worker or the CLI. */
gint64   secuencia_project_import_audio     (SecuenciaProject *self,
                                             GFile            *file,
                                             GCancellable     *cancellable,
                                             GError          **error);
/* The checks secuencia_project_import_audio() makes first, from the file's
 * metadata alone (nothing is read, no lock is taken): a regular file (not
 * a device, a pipe or a folder), not larger than an asset can be, not the
 * project itself or its -wal/-shm. For callers that check every file
 * before a long transaction. @out_size (nullable) receives the size. */
gboolean secuencia_project_check_import_source (SecuenciaProject *self,
                                                GFile            *file,
                                                gint64           *out_size,
                                                GCancellable     *cancellable,
                                                GError          **error);
/* NULL-terminated array not needed: GPtrArray of SecuenciaAssetInfo*. */
GPtrArray          *secuencia_project_list_assets (SecuenciaProject *self, GError **error);
SecuenciaAssetInfo *secuencia_project_get_asset   (SecuenciaProject *self,
                                                   gint64            asset_id,
                                                   GError          **error);
/* Stream an asset's bytes (incremental blob reads, constant memory) into
 * @output. Used by the export worker to write its temp files. */
gboolean secuencia_project_write_asset_to_stream (SecuenciaProject *self,
                                                  gint64            asset_id,
                                                  GOutputStream    *output,
                                                  GCancellable     *cancellable,
                                                  GError          **error);

/* ---- waveform peaks (secuencia-project-peaks.c) ---- */
/* The stored peaks of @asset_id; NULL with @error unset when none are
 * stored; NULL with SECUENCIA_PEAKS_ERROR set when the record is damaged. */
SecuenciaPeaks *secuencia_project_load_peaks (SecuenciaProject *self,
                                              gint64            asset_id,
                                              GError          **error);
/* Every stored record in one read: asset id (gint64*) → SecuenciaPeaks*
 * (g_int64_hash). Damaged records are left out and their asset ids
 * appended to @damaged (a GArray of gint64) when given. */
GHashTable     *secuencia_project_load_all_peaks (SecuenciaProject *self,
                                                  GArray           *damaged,
                                                  GError          **error);
/* Store (or replace) the peaks of @asset_id in one transaction (or inside
 * the current one). NOT_FOUND when the asset is not in the project. */
gboolean        secuencia_project_save_peaks (SecuenciaProject *self,
                                              gint64            asset_id,
                                              SecuenciaPeaks   *peaks,
                                              GError          **error);
/* Ids of the assets with no stored peaks, ascending (GArray of gint64). */
GArray         *secuencia_project_list_assets_without_peaks (SecuenciaProject *self,
                                                             GError          **error);

/* ---- screenplay elements ---- */
GPtrArray *secuencia_project_list_elements   (SecuenciaProject *self, GError **error);
gint64     secuencia_project_append_element  (SecuenciaProject *self,
                                              const char       *character,
                                              const char       *text,
                                              gint64            asset_id,   /* 0 = none */
                                              GError          **error);
gboolean   secuencia_project_remove_element  (SecuenciaProject *self,
                                              gint64            element_id,
                                              GError          **error);
/* Put a removed element back (for undo): at @info->position (clamped to
 * the end), shifting the lines there and after, with @info's id when it
 * is free (else a new one), kind, texts and audio. Returns the id, or 0
 * with @error set (an asset no longer in the project, for one). */
gint64     secuencia_project_restore_element (SecuenciaProject           *self,
                                              const SecuenciaElementInfo *info,
                                              GError                    **error);
/* Move element to 0-based @new_position, shifting the others. */
gboolean   secuencia_project_move_element    (SecuenciaProject *self,
                                              gint64            element_id,
                                              gint64            new_position,
                                              GError          **error);

/* Replace the whole screenplay by @elements (SecuenciaElementInfo*, in
 * order; their ids and positions are ignored) in ONE transaction. Elements
 * without audio get the audio of an unchanged line of the old screenplay
 * (secuencia_element_match_audio()). On success @elements get their new
 * ids, positions and audio, and @out_kept (nullable) how many lines kept
 * their audio; on failure nothing changes (in the file or in @elements). */
gboolean   secuencia_project_replace_screenplay (SecuenciaProject *self,
                                                 GPtrArray        *elements,
                                                 guint            *out_kept,
                                                 GError          **error);

/* Give element @element_id the audio @asset_id (0: none); @scratch marks
 * it as a generated scratch voice. */
gboolean   secuencia_project_set_element_audio  (SecuenciaProject *self,
                                                 gint64            element_id,
                                                 gint64            asset_id,
                                                 gboolean          scratch,
                                                 GError          **error);

/* Read @file as a Fountain script and replace the screenplay with it in
 * ONE transaction (lines that did not change keep their audio). The title
 * page goes into the metadata as "script.<key in lower case>" (every value
 * as written, lines joined with "\n"; the keys of the previous script are
 * removed), and the title and author also become the "title" and "artist"
 * tags unless those were set to something else. An unnamed project takes
 * the title as its name. Returns the parsed
 * script, whose `problems` the caller shows; NULL with @error when the file
 * cannot be read, holds nothing to import (the screenplay is then left as
 * it was) or the project cannot be written. */
SecuenciaFountainScript *secuencia_project_import_script (SecuenciaProject *self,
                                                          GFile            *file,
                                                          guint            *out_n_elements,
                                                          guint            *out_kept,
                                                          GCancellable     *cancellable,
                                                          GError          **error);

/* ---- timelines ---- */
/* The project's timelines by id; export snapshots (below) are not listed. */
GPtrArray             *secuencia_project_list_timelines (SecuenciaProject *self, GError **error);
SecuenciaTimelineInfo *secuencia_project_get_timeline   (SecuenciaProject *self,
                                                         gint64            timeline_id,
                                                         GError          **error);
/* Clips of a timeline ordered by offset, lane, id (GPtrArray of SecuenciaClip*). */
GPtrArray *secuencia_project_list_clips      (SecuenciaProject *self,
                                              gint64            timeline_id,
                                              GError          **error);
/* The most recently modified timeline (ties: the newest id): the one the
 * window shows and `secuencia-cli export` exports. 0 when there is none (or
 * on error, with @error set). */
gint64     secuencia_project_latest_timeline_id (SecuenciaProject  *self,
                                                 GError           **error);
gboolean   secuencia_project_delete_timeline (SecuenciaProject *self,
                                              gint64            timeline_id,
                                              GError          **error);

/* ---- export snapshots (secuencia-project-export-snapshots.c) ----
 * A copy of a timeline stored for an export worker to read by id while the
 * person goes on editing. It is marked as such in the file, so nothing
 * takes it for one of the project's timelines: it is not listed, never the
 * latest, never what `secuencia-cli add` appends to. Whoever stored it
 * deletes it (secuencia_project_delete_timeline()) when the export ends;
 * one whose process ended first (a crash mid-export) is deleted the next
 * time the project is opened for changes. */

/* Stores @timeline (not stored yet: id 0) as an export snapshot held by
 * this process and sets its id; FALSE with @error (nothing stored). */
gboolean   secuencia_project_store_export_snapshot (SecuenciaProject   *self,
                                                    SecuenciaTimeline  *timeline,
                                                    GCancellable       *cancellable,
                                                    GError            **error);
/* TRUE when @timeline_id is an export snapshot. */
gboolean   secuencia_project_is_export_snapshot   (SecuenciaProject   *self,
                                                   gint64              timeline_id,
                                                   GError            **error);
/* Deletes the export snapshots whose process has ended (on this machine;
 * another machine's are left alone); *@out_n_deleted (nullable) says how
 * many. Run by secuencia_project_open() for changes. */
gboolean   secuencia_project_delete_stale_export_snapshots (SecuenciaProject  *self,
                                                            guint             *out_n_deleted,
                                                            GError           **error);

/* Run @func inside one write transaction (BEGIN IMMEDIATE ... COMMIT, or
 * ROLLBACK when @func returns FALSE). */
typedef gboolean (*SecuenciaProjectTxnFunc) (SecuenciaProject *self,
                                             gpointer          user_data,
                                             GError          **error);
gboolean secuencia_project_transaction (SecuenciaProject        *self,
                                        SecuenciaProjectTxnFunc  func,
                                        gpointer                 user_data,
                                        GError                 **error);
/* The same, for rows nobody needs after a crash (such as a timeline that
 * lives for one export): the commit does not wait for the disk. The rows
 * are visible to other connections as usual; a crash before the next
 * checkpoint can lose them and nothing else. */
gboolean secuencia_project_transaction_unsynced (SecuenciaProject        *self,
                                                 SecuenciaProjectTxnFunc  func,
                                                 gpointer                 user_data,
                                                 GError                 **error);

/* ---- connection, transactions and timelines ---- */

/* Signal "changed" (no arguments): emitted after every committed write
 * transaction of this connection (not for nested savepoints). Properties:
 * "path" (string), "read-only" (boolean), both read-only.
 *
 * Opening a read-only file (or one in a read-only folder) without
 * SECUENCIA_PROJECT_OPEN_READ_ONLY fails with ..._ERROR_READ_ONLY; retry
 * with SECUENCIA_PROJECT_OPEN_READ_ONLY to view it. A read-only connection
 * refuses every write with ..._ERROR_READ_ONLY. An older-schema file opened
 * read-only also fails with READ_ONLY (upgrading needs write access). */

/* Busy timeout of this connection in ms (default 5000); a write that waits
 * longer fails with SECUENCIA_PROJECT_ERROR_LOCKED. */
void     secuencia_project_set_busy_timeout (SecuenciaProject *self,
                                             guint             timeout_ms);
/* TRUE between begin and end of a secuencia_project_transaction. */
gboolean secuencia_project_in_transaction   (SecuenciaProject *self);

/* Progress of a long store operation: @done of @total items. */
typedef void (*SecuenciaProjectProgressFunc) (guint    done,
                                              guint    total,
                                              gpointer user_data);

/* Persist @timeline in one transaction (or inside the current one): a new
 * timeline (id 0) gets a row, an existing one has its name, modified time
 * and clips replaced. Clips keep their row ids; provisional ids become row
 * ids. On success the timeline's id and clip ids are updated; on failure
 * or cancellation nothing changes (in the file or in @timeline).
 * @progress_func (optional) is called every 64 clips and at the end. */
gboolean secuencia_project_save_timeline (SecuenciaProject             *self,
                                          SecuenciaTimeline            *timeline,
                                          SecuenciaProjectProgressFunc  progress_func,
                                          gpointer                      progress_data,
                                          GCancellable                 *cancellable,
                                          GError                      **error);
/* Store the current state of a few clips of @timeline (which must be saved
 * already, id > 0) in ONE transaction and touch its modified time: the rows
 * of the clips @changed (ids in @timeline; provisional ids become row ids,
 * written back into @changed and into @timeline; a row id no longer stored
 * is stored again) are written from @timeline,
 * the rows @removed are deleted. Much cheaper than save_timeline for an
 * edit of a few clips of a long timeline. On failure nothing changes. */
gboolean secuencia_project_update_clips  (SecuenciaProject   *self,
                                          SecuenciaTimeline  *timeline,
                                          gint64             *changed,
                                          guint               n_changed,
                                          const gint64       *removed,
                                          guint               n_removed,
                                          GError            **error);
/* A SecuenciaTimeline with the stored clips; its asset catalog holds every
 * asset of the project (durations read from metadata only). */
SecuenciaTimeline *secuencia_project_load_timeline (SecuenciaProject *self,
                                                    gint64            timeline_id,
                                                    GError          **error);

/* Lay the screenplay out on a new timeline (secuencia_screenplay_build_timeline(),
 * from metadata only) and store it in ONE transaction. Returns the new
 * timeline id, or 0 with @error set (G_IO_ERROR_CANCELLED when cancelled:
 * the transaction is rolled back and no timeline is left behind). @progress
 * grows monotonically from 0 to 1 (1 only on success). */
gint64 secuencia_project_convert_screenplay (SecuenciaProject               *self,
                                             const char                     *timeline_name,
                                             SecuenciaTime                   gap,
                                             SecuenciaConverterProgressFunc  progress_func,
                                             gpointer                        progress_data,
                                             GCancellable                   *cancellable,
                                             GError                        **error);

/* One story, for lines added outside the window (secuencia-cli add): the
 * lines @element_ids get their clips on the most recently modified
 * timeline, placed by secuencia_screenplay_clips_for_lines() (after
 * lane 0's last clip, @gap apart; a dual dialogue on lane 1), stored in ONE transaction (or inside
 * the current one), which touches the timeline's modified time.
 * @out_timeline_id (nullable): that timeline's id, 0 when the project has
 * no timeline (then nothing is done: the window lays one out from the
 * whole screenplay when it opens the project). @out_n_clips (nullable):
 * clips added (lines without audio get none). FALSE with @error set on
 * failure (nothing changes). */
gboolean secuencia_project_append_line_clips (SecuenciaProject  *self,
                                              const gint64      *element_ids,
                                              guint              n_elements,
                                              SecuenciaTime      gap,
                                              gint64            *out_timeline_id,
                                              guint             *out_n_clips,
                                              GError           **error);

/* Lay the screenplay out on THE screenplay's timeline: the one this made
 * last time (remembered in the project) gets the new name and clips, keeping
 * its id; the first time a new one is made. One transaction. Returns its
 * id, or 0 with @error set. */
gint64 secuencia_project_update_screenplay_timeline (SecuenciaProject  *self,
                                                     const char        *timeline_name,
                                                     SecuenciaTime      gap,
                                                     GCancellable      *cancellable,
                                                     GError           **error);

/* ---- takes (secuencia-project-takes.c) ---- */
typedef struct
{
  gint64   asset_id;
  gboolean scratch;
  gint64   replaced_at;   /* unix seconds, when it stopped being the line's audio */
} SecuenciaTake;

/* In ONE transaction: @asset_id becomes the audio of the line
 * @element_id (a recorded take: not scratch); the audio it had is kept
 * in the line's takes. A take already in the list is taken out of it
 * (restoring it swaps it with the current audio), keeping its scratch
 * mark. */
gboolean    secuencia_project_replace_take (SecuenciaProject  *self,
                                            gint64             element_id,
                                            gint64             asset_id,
                                            GError           **error);
/* The line's earlier takes, the most recently replaced first
 * (SecuenciaTake*, g_free). */
GPtrArray  *secuencia_project_list_takes   (SecuenciaProject  *self,
                                            gint64             element_id,
                                            GError           **error);
/* For undo, in ONE transaction: the line's audio becomes @asset_id (0:
 * none) with @scratch, and its takes exactly @takes (SecuenciaTake*, the
 * most recently replaced first, as list_takes gives them; NULL: none). */
gboolean    secuencia_project_set_takes    (SecuenciaProject  *self,
                                            gint64             element_id,
                                            gint64             asset_id,
                                            gboolean           scratch,
                                            GPtrArray         *takes,
                                            GError           **error);

/* ---- metadata (secuencia-project-metadata.c) ---- */
/* Text keys a project stores and exports write as tags. */
#define SECUENCIA_METADATA_TITLE   "title"
#define SECUENCIA_METADATA_ARTIST  "artist"    /* author / artist */
#define SECUENCIA_METADATA_ALBUM   "album"     /* album or show */
#define SECUENCIA_METADATA_YEAR    "year"
#define SECUENCIA_METADATA_GENRE   "genre"
#define SECUENCIA_METADATA_COMMENT "comment"
#define SECUENCIA_METADATA_COVER   "cover"     /* image: see _get_cover() */

/* The value of @key, or NULL (no error) when it is not set. */
char       *secuencia_project_dup_metadata (SecuenciaProject  *self,
                                            const char        *key,
                                            GError           **error);
/* Sets @key to @value; NULL or "" removes it. */
gboolean    secuencia_project_set_metadata (SecuenciaProject  *self,
                                            const char        *key,
                                            const char        *value,
                                            GError           **error);
/* Every text key with a non-empty value (key -> value, both owned); the
 * cover is not included. */
GHashTable *secuencia_project_dup_all_metadata (SecuenciaProject  *self,
                                                GError           **error);
/* The cover image: bytes (NULL, no error, when there is none), its MIME
 * type and original file name (each may be NULL). */
GBytes     *secuencia_project_dup_cover    (SecuenciaProject  *self,
                                            char             **out_mime_type,
                                            char             **out_file_name,
                                            GError           **error);
/* Stores @image (JPEG or PNG, the formats every tag container carries;
 * anything else gets SECUENCIA_PROJECT_ERROR_INVALID naming @file_name) as
 * the cover; NULL removes it. */
gboolean    secuencia_project_set_cover    (SecuenciaProject  *self,
                                            GBytes            *image,
                                            const char        *file_name,
                                            GError           **error);
/* "image/jpeg" or "image/png" from the bytes' signature, else NULL. */
const char *secuencia_image_sniff_mime_type (const guint8 *data,
                                             gsize         size);

/* ---- the file behind the connection (secuencia-project-file.c) ---- */

/* SQLite's PRAGMA data_version: changes whenever another connection (in
 * any process) has committed since this one last looked; this
 * connection's own commits do not change it. */
gboolean secuencia_project_get_data_version (SecuenciaProject  *self,
                                             gint64            *out_version,
                                             GError           **error);
/* Move everything in the write-ahead log into the file and empty the log
 * (checkpoint TRUNCATE), without waiting: *@out_complete is FALSE when
 * another connection was writing or reading an older snapshot (try again
 * later). A window keeps the log empty between edits, so that if the file
 * is replaced on disk, the log left at its path holds nothing another
 * connection could take for the new file's. */
gboolean secuencia_project_checkpoint       (SecuenciaProject  *self,
                                             gboolean          *out_complete,
                                             GError           **error);
/* The same checkpoint on the same connection, in a worker thread, so the
 * caller's thread does not wait for the disk (a checkpoint writes pages
 * into the file and syncs it: tens of milliseconds on a busy machine). The
 * connection is serialized: the caller's thread waits only if it uses the
 * connection while the checkpoint runs. With @dev/@ino non-zero, nothing
 * is done (and it is not complete) unless the file at the path is that
 * one. Finish with secuencia_project_checkpoint_finish. */
void     secuencia_project_checkpoint_async  (SecuenciaProject    *self,
                                              guint64              dev,
                                              guint64              ino,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean secuencia_project_checkpoint_finish (SecuenciaProject    *self,
                                              GAsyncResult        *result,
                                              gboolean            *out_complete,
                                              GError             **error);
/* The verdict of the page check of a project opened with
 * SECUENCIA_PROJECT_OPEN_CHECK_IN_BACKGROUND, when it is known (at once
 * when it was checked at open): FALSE with SECUENCIA_PROJECT_ERROR_CORRUPT
 * when the file is corrupt (then every write fails with that error too),
 * or with SECUENCIA_PROJECT_ERROR_IO when it could not be checked. The
 * wait holds no reference to @self (the callback's object is NULL): when
 * the project is closed first, the check stops and this finishes
 * with G_IO_ERROR_CANCELLED. */
void     secuencia_project_check_integrity_async  (SecuenciaProject    *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean secuencia_project_check_integrity_finish (GAsyncResult        *result,
                                                   GError             **error);
/* Write the whole database as this connection sees it to @dest_path (a
 * temporary file renamed into place; SQLite's backup API). Works while the
 * project's own file has been deleted or replaced on disk. */
gboolean secuencia_project_save_copy        (SecuenciaProject  *self,
                                             const char        *dest_path,
                                             GError           **error);

G_END_DECLS
