/* secuencia-project-schema.c: the project file's schema, as the list of
 * migrations that build it. A new version appends a step; a step, once
 * released, never changes. */
#include "config.h"

#include "secuencia-project-private.h"

const SecuenciaProjectMigration secuencia_project_migrations[] = {
  { 1,
    "CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    /* data is the LAST column: SQLite then stores zeroblob(n) without
     * materialising n bytes, and metadata reads stop before the blob's
     * overflow pages. */
    "CREATE TABLE assets (id INTEGER PRIMARY KEY,"
    "  mime_type TEXT NOT NULL, duration_ns INTEGER NOT NULL,"
    "  file_name TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE,"
    "  size INTEGER NOT NULL, created_at INTEGER NOT NULL,"
    "  data BLOB NOT NULL);"
    "CREATE TABLE elements (id INTEGER PRIMARY KEY, position INTEGER NOT NULL,"
    "  character TEXT NOT NULL DEFAULT '', text TEXT NOT NULL DEFAULT '',"
    "  asset_id INTEGER REFERENCES assets(id) ON DELETE SET NULL);"
    "CREATE INDEX elements_position ON elements (position);"
    "CREATE INDEX elements_asset ON elements (asset_id);"
    "CREATE TABLE timelines (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL);"
    "CREATE TABLE clips (id INTEGER PRIMARY KEY,"
    "  timeline_id INTEGER NOT NULL REFERENCES timelines(id) ON DELETE CASCADE,"
    "  asset_id INTEGER NOT NULL REFERENCES assets(id),"
    "  offset_ns INTEGER NOT NULL, source_start_ns INTEGER NOT NULL,"
    "  duration_ns INTEGER NOT NULL, lane INTEGER NOT NULL DEFAULT 0,"
    "  volume_db REAL NOT NULL DEFAULT 0, muted INTEGER NOT NULL DEFAULT 0,"
    "  name TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX clips_timeline ON clips (timeline_id);"
    "CREATE INDEX clips_asset ON clips (asset_id);" },
  /* A clip remembers the screenplay line it speaks (NULL: none). */
  { 2,
    "ALTER TABLE clips ADD COLUMN element_id INTEGER"
    "  REFERENCES elements(id) ON DELETE SET NULL;"
    "CREATE INDEX clips_element ON clips (element_id);" },
  { 3,
    /* Project metadata as key/value pairs: tags written into exports
     * ('title', 'artist', 'album', 'year', 'genre', 'comment'), the cover
     * image ('cover': value = original file name, mime_type, data), and
     * whatever else describes the project as a whole (e.g. a screenplay's
     * title page). data is the LAST column, as in assets. */
    "CREATE TABLE metadata (key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL DEFAULT '', mime_type TEXT NOT NULL DEFAULT '',"
    "  data BLOB);" },
  { 4,
    /* Waveform peaks, one record per asset (secuencia-peaks.h's serialized
     * form), computed once and kept so reopening shows waveforms at once. */
    "CREATE TABLE peaks (asset_id INTEGER PRIMARY KEY"
    "  REFERENCES assets(id) ON DELETE CASCADE,"
    "  data BLOB NOT NULL);" },
  { 5,
    /* Screenplays from scripts: what each element is (a scene heading, a
     * spoken line or action) and a line's details. */
    "ALTER TABLE elements ADD COLUMN kind TEXT NOT NULL DEFAULT 'dialogue';"
    "ALTER TABLE elements ADD COLUMN parenthetical TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE elements ADD COLUMN extension TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE elements ADD COLUMN scene_number TEXT NOT NULL DEFAULT '';" },
  { 6,
    /* A line's audio may be a scratch voice (generated, to be replaced by
     * a recorded take). */
    "ALTER TABLE elements ADD COLUMN audio_scratch INTEGER NOT NULL DEFAULT 0;" },
  { 7,
    /* Takes a line had before its audio was replaced, to restore. */
    "CREATE TABLE takes (id INTEGER PRIMARY KEY,"
    "  element_id INTEGER NOT NULL REFERENCES elements(id) ON DELETE CASCADE,"
    "  asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,"
    "  scratch INTEGER NOT NULL DEFAULT 0, replaced_at INTEGER NOT NULL);"
    "CREATE INDEX takes_element ON takes (element_id);" },
  { 8,
    /* Dual dialogue: a line spoken at the same time as the dialogue
     * before it (Fountain's "^" on the second speaker's cue). */
    "ALTER TABLE elements ADD COLUMN dual INTEGER NOT NULL DEFAULT 0;" },
  { 9,
    /* A timeline copied for an export to read while the person goes on
     * editing (secuencia-project-export-snapshots.c): who holds it
     * ("HOST BOOT-ID PID-NAMESPACE PID START"); NULL for the project's own
     * timelines. */
    "ALTER TABLE timelines ADD COLUMN snapshot_owner TEXT;" },
};

const gsize secuencia_project_n_migrations = G_N_ELEMENTS (secuencia_project_migrations);
