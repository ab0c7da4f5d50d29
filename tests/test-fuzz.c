/* test-fuzz.c: damaged project files and hostile import specs end in
 * success or a clear error: never a crash, a hang or a sanitizer report
 * (tests/run-all.sh runs this test again built with AddressSanitizer and
 * UndefinedBehaviorSanitizer).
 *
 * Deterministic: every case draws from its own GRand seeded with (seed,
 * kind, case number). The seed is SECUENCIA_FUZZ_SEED (default below); a
 * failure prints the seed and the case, and SECUENCIA_FUZZ_CASE=KIND:N
 * runs that one case again (KIND: bytes, values, spec, fountain).
 *
 * Two real projects are damaged: the demo project and one this test makes
 * with the CLI and the store so that every table holds rows (assets with
 * peaks, a Fountain screenplay, timelines with clips on several lanes,
 * metadata with a cover, takes). A damaged file is opened through the
 * store (read-only and read-write), read the way `info --json` and the
 * window read it, laid out as a timeline and, when short, exported to WAV.
 * The hostile specs go to the built secuencia-cli (import-timeline), each
 * run with a time limit: a hang is a failure.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>

#include "secuencia-project.h"
#include "secuencia-exporter.h"
#include "secuencia-cli-info.h"
#include "secuencia-demo.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-cli.h"
#include "secuencia-test-util.h"

/* The app's GResource (the demo's audio), from the static library. */
GResource *secuencia_get_resource (void);

#define DEFAULT_SEED 20261123u
/* A case that runs longer than this is taken for a hang (generous: the
 * sanitizer build is several times slower). */
#define CASE_LIMIT_SECONDS 120
/* Exports of longer timelines are skipped (the time goes to more cases). */
#define EXPORT_MAX (20 * SECUENCIA_TIME_SECOND)

typedef enum
{
  KIND_BYTES,
  KIND_VALUES,
  KIND_SPEC,
  KIND_FOUNTAIN,
  N_KINDS
} CaseKind;

static const char * const kind_names[N_KINDS] = { "bytes", "values", "spec", "fountain" };
/* Cases of each kind in one run. */
static const guint kind_cases[N_KINDS] = { 60, 90, 60, 30 };

typedef struct
{
  guint32  seed;
  int      only_kind;      /* -1: all */
  guint    only_case;
  char    *dir;            /* everything this test writes */
  GBytes  *bases[2];       /* the demo project, the rich project */
  char    *audio[3];       /* real audio files for specs */
  char    *cli_base;       /* a project file for the spec cases */

  /* The watchdog: a case running past its deadline aborts the test. */
  GMutex   lock;
  GCond    cond;
  gint64   deadline;       /* monotonic µs; 0: no case running */
  char    *label;          /* "seed S bytes case N" */
  gboolean quit;
  GThread *watchdog;
} Fuzz;

/* ---- the case being run ---- */

static gpointer
watchdog_thread (gpointer data)
{
  Fuzz *fuzz = data;

  g_mutex_lock (&fuzz->lock);
  while (!fuzz->quit)
    {
      gint64 now = g_get_monotonic_time ();

      if (fuzz->deadline != 0 && now > fuzz->deadline)
        {
          g_printerr ("test-fuzz: %s still running after %d s: a hang "
                      "(run again with SECUENCIA_FUZZ_SEED and SECUENCIA_FUZZ_CASE)\n",
                      fuzz->label, CASE_LIMIT_SECONDS);
          abort ();
        }
      g_cond_wait_until (&fuzz->cond, &fuzz->lock, now + G_TIME_SPAN_SECOND);
    }
  g_mutex_unlock (&fuzz->lock);
  return NULL;
}

static void
case_begin (Fuzz *fuzz, CaseKind kind, guint n, const char *what)
{
  g_mutex_lock (&fuzz->lock);
  g_free (fuzz->label);
  fuzz->label = g_strdup_printf ("seed %u %s case %u", fuzz->seed, kind_names[kind], n);
  fuzz->deadline = g_get_monotonic_time () + CASE_LIMIT_SECONDS * G_TIME_SPAN_SECOND;
  g_mutex_unlock (&fuzz->lock);
  /* stdout is line-buffered (main), so this is out before any crash. */
  g_test_message ("%s (SECUENCIA_FUZZ_SEED=%u SECUENCIA_FUZZ_CASE=%s:%u): %s",
                  fuzz->label, fuzz->seed, kind_names[kind], n, what);
}

static void
case_end (Fuzz *fuzz)
{
  g_mutex_lock (&fuzz->lock);
  fuzz->deadline = 0;
  g_mutex_unlock (&fuzz->lock);
}

static GRand *
case_rand (Fuzz *fuzz, CaseKind kind, guint n)
{
  guint32 seeds[3] = { fuzz->seed, kind, n };

  return g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
}

/* Whether case @n of @kind is to run. */
static gboolean
case_selected (Fuzz *fuzz, CaseKind kind, guint n)
{
  return fuzz->only_kind < 0 || (fuzz->only_kind == (int) kind && fuzz->only_case == n);
}

/* A failure must be a clear error: set, with a message in UTF-8. */
static void
check_error (Fuzz *fuzz, const char *call, const GError *error)
{
  if (error == NULL || error->message == NULL || *error->message == '\0'
      || !g_utf8_validate (error->message, -1, NULL))
    g_error ("%s: %s failed without a clear error", fuzz->label, call);
  g_test_message ("  %s: %s", call, error->message);
}

/* ---- exercising a project file ---- */

static gboolean
is_short (SecuenciaTime duration)
{
  return duration > 0 && duration <= EXPORT_MAX;
}

static void
export_wav (Fuzz *fuzz, const char *path, gint64 timeline_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = g_strconcat (path, ".out.wav", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  SecuenciaExportOptions options = SECUENCIA_EXPORT_OPTIONS_INIT;

  options.jobs = 1;
  options.replace = TRUE;
  if (secuencia_export_run (path, timeline_id, out, &options, NULL, NULL, &error))
    g_test_message ("  exported timeline %" G_GINT64_FORMAT, timeline_id);
  else
    check_error (fuzz, "secuencia_export_run", error);
  g_unlink (out_path);
}

/* Everything a reader of the project reads: what `info --json` prints, the
 * takes, the peaks, the assets' bytes, each timeline as the window loads
 * it. Returns the newest timeline's id when it is short enough to export. */
static gint64
read_everything (Fuzz *fuzz, SecuenciaProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) timelines = NULL;
  g_autoptr(GArray) damaged = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) peaks = NULL;
  g_autoptr(GArray) without = NULL;
  g_autoptr(GHashTable) metadata = NULL;
  g_autoptr(GBytes) cover = NULL;
  g_autofree char *cover_type = NULL;
  g_autofree char *cover_name = NULL;
  g_autofree char *name = NULL;
  gint64 latest, version, exportable = 0;

  json = secuencia_cli_info_json (project, &error);
  if (json == NULL)
    check_error (fuzz, "secuencia_cli_info_json", error);
  else
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) parse_error = NULL;

      if (!json_parser_load_from_data (parser, json, -1, &parse_error))
        g_error ("%s: info --json is not JSON: %s", fuzz->label, parse_error->message);
    }
  g_clear_error (&error);

  name = secuencia_project_dup_name (project);
  g_assert_nonnull (name);
  if (!secuencia_project_get_data_version (project, &version, &error))
    check_error (fuzz, "secuencia_project_get_data_version", error);
  g_clear_error (&error);

  assets = secuencia_project_list_assets (project, &error);
  if (assets == NULL)
    check_error (fuzz, "secuencia_project_list_assets", error);
  g_clear_error (&error);
  for (guint i = 0; assets != NULL && i < assets->len; i++)
    {
      const SecuenciaAssetInfo *asset = g_ptr_array_index (assets, i);
      g_autoptr(SecuenciaAssetInfo) again = secuencia_project_get_asset (project, asset->id, &error);
      g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();
      g_autoptr(SecuenciaPeaks) one = NULL;

      if (again == NULL)
        check_error (fuzz, "secuencia_project_get_asset", error);
      g_clear_error (&error);
      if (!secuencia_project_write_asset_to_stream (project, asset->id, sink, NULL, &error))
        check_error (fuzz, "secuencia_project_write_asset_to_stream", error);
      g_clear_error (&error);
      one = secuencia_project_load_peaks (project, asset->id, &error);
      if (one == NULL && error != NULL)
        check_error (fuzz, "secuencia_project_load_peaks", error);
      g_clear_error (&error);
    }

  peaks = secuencia_project_load_all_peaks (project, damaged, &error);
  if (peaks == NULL)
    check_error (fuzz, "secuencia_project_load_all_peaks", error);
  g_clear_error (&error);
  without = secuencia_project_list_assets_without_peaks (project, &error);
  if (without == NULL)
    check_error (fuzz, "secuencia_project_list_assets_without_peaks", error);
  g_clear_error (&error);

  elements = secuencia_project_list_elements (project, &error);
  if (elements == NULL)
    check_error (fuzz, "secuencia_project_list_elements", error);
  g_clear_error (&error);
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    {
      const SecuenciaElementInfo *element = g_ptr_array_index (elements, i);
      g_autoptr(GPtrArray) takes = secuencia_project_list_takes (project, element->id, &error);

      if (takes == NULL)
        check_error (fuzz, "secuencia_project_list_takes", error);
      g_clear_error (&error);
    }

  metadata = secuencia_project_dup_all_metadata (project, &error);
  if (metadata == NULL)
    check_error (fuzz, "secuencia_project_dup_all_metadata", error);
  g_clear_error (&error);
  cover = secuencia_project_dup_cover (project, &cover_type, &cover_name, &error);
  if (cover == NULL && error != NULL)
    check_error (fuzz, "secuencia_project_dup_cover", error);
  g_clear_error (&error);

  timelines = secuencia_project_list_timelines (project, &error);
  if (timelines == NULL)
    check_error (fuzz, "secuencia_project_list_timelines", error);
  g_clear_error (&error);
  latest = secuencia_project_latest_timeline_id (project, &error);
  if (latest == 0 && error != NULL)
    check_error (fuzz, "secuencia_project_latest_timeline_id", error);
  g_clear_error (&error);
  for (guint i = 0; timelines != NULL && i < timelines->len; i++)
    {
      const SecuenciaTimelineInfo *info = g_ptr_array_index (timelines, i);
      g_autoptr(SecuenciaTimelineInfo) again = secuencia_project_get_timeline (project, info->id, &error);
      g_autoptr(GPtrArray) clips = NULL;
      g_autoptr(SecuenciaTimeline) timeline = NULL;

      if (again == NULL)
        check_error (fuzz, "secuencia_project_get_timeline", error);
      g_clear_error (&error);
      clips = secuencia_project_list_clips (project, info->id, &error);
      if (clips == NULL)
        check_error (fuzz, "secuencia_project_list_clips", error);
      g_clear_error (&error);
      timeline = secuencia_project_load_timeline (project, info->id, &error);
      if (timeline == NULL)
        check_error (fuzz, "secuencia_project_load_timeline", error);
      else if (info->id == latest && is_short (secuencia_timeline_get_duration (timeline)))
        exportable = latest;
      g_clear_error (&error);
    }
  return exportable;
}

/* Opens @path read-only and read-write, reads everything, lays the
 * screenplay out and exports what is short. */
static void
exercise_project (Fuzz *fuzz, const char *path, gboolean export)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) read_only = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  gint64 exportable = 0;

  read_only = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  if (read_only == NULL)
    check_error (fuzz, "secuencia_project_open (read-only)", error);
  else
    read_everything (fuzz, read_only);
  g_clear_object (&read_only);
  g_clear_error (&error);

  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  if (project == NULL)
    {
      check_error (fuzz, "secuencia_project_open", error);
      return;
    }
  exportable = read_everything (fuzz, project);
  {
    g_autoptr(GError) convert_error = NULL;
    gint64 id = secuencia_project_update_screenplay_timeline (project, "Fuzz", SECUENCIA_TIME_SECOND / 4,
                                                              NULL, &convert_error);

    if (id == 0)
      check_error (fuzz, "secuencia_project_update_screenplay_timeline", convert_error);
    else if (exportable == 0)
      {
        g_autoptr(SecuenciaTimelineInfo) info = secuencia_project_get_timeline (project, id, &convert_error);

        if (info == NULL)
          check_error (fuzz, "secuencia_project_get_timeline", convert_error);
        else if (is_short (info->duration))
          exportable = id;
      }
  }
  g_clear_object (&project);
  if (export && exportable != 0)
    export_wav (fuzz, path, exportable);
}

static char *
case_path (Fuzz *fuzz, const char *name)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  char *path = g_build_filename (fuzz->dir, name, NULL);

  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  return path;
}

static void
remove_case_file (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* ---- damaged bytes ---- */

static guint
page_size_of (const guint8 *data, gsize size)
{
  guint page;

  if (size < 100)
    return 4096;
  page = (data[16] << 8) | data[17];
  if (page == 1)
    return 65536;
  if (page < 512 || (page & (page - 1)) != 0)
    return 4096;
  return page;
}

/* A position in the file: half the time inside a b-tree page (the
 * structure, the rows), else anywhere (mostly audio). */
static gsize
pick_position (GRand *rand, const guint8 *data, gsize size, guint page)
{
  if (g_rand_boolean (rand) && size >= page)
    for (int tries = 0; tries < 32; tries++)
      {
        guint n_pages = size / page;
        guint p = g_rand_int_range (rand, 0, n_pages);
        gsize header = p == 0 ? 100 : 0;
        guint8 flag = data[(gsize) p * page + header];

        if (flag == 0x02 || flag == 0x05 || flag == 0x0a || flag == 0x0d)
          return (gsize) p * page + g_rand_int_range (rand, 0, page);
      }
  return g_rand_int_range (rand, 0, size);
}

static char *
damage_bytes (GRand *rand, GByteArray *file)
{
  guint8 *data = file->data;
  gsize size = file->len;
  guint page = page_size_of (data, size);
  guint n = g_rand_int_range (rand, 1, 17);

  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0:
      for (guint i = 0; i < n; i++)
        data[pick_position (rand, data, size, page)] ^= 1u << g_rand_int_range (rand, 0, 8);
      return g_strdup_printf ("%u bits flipped", n);
    case 1:
      {
        static const guint8 values[] = { 0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe };

        for (guint i = 0; i < n; i++)
          data[pick_position (rand, data, size, page)] =
            g_rand_boolean (rand) ? values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]
                                  : g_rand_int_range (rand, 0, 256);
        return g_strdup_printf ("%u bytes changed", n);
      }
    case 2:
      {
        gsize at;

        switch (g_rand_int_range (rand, 0, 3))
          {
          case 0: at = g_rand_int_range (rand, 0, MIN (size, 200)); break;
          case 1: at = (gsize) g_rand_int_range (rand, 0, size / page) * page; break;
          default: at = g_rand_int_range (rand, 0, size); break;
          }
        g_byte_array_set_size (file, at);
        return g_strdup_printf ("truncated to %" G_GSIZE_FORMAT " bytes", at);
      }
    case 3:
      {
        guint p = g_rand_int_range (rand, 0, size / page);
        guint count = g_rand_int_range (rand, 1, 4);
        gsize end = MIN (size, (gsize) (p + count) * page);

        memset (data + (gsize) p * page, 0, end - (gsize) p * page);
        return g_strdup_printf ("pages %u to %u zeroed", p + 1, p + count);
      }
    case 4:
      for (guint i = 0; i < n; i++)
        data[g_rand_int_range (rand, 0, MIN (size, 100))] ^= 1u << g_rand_int_range (rand, 0, 8);
      return g_strdup_printf ("%u bits of the header flipped", n);
    case 5:
      {
        guint from = g_rand_int_range (rand, 0, size / page);
        guint to = g_rand_int_range (rand, 0, size / page);

        memmove (data + (gsize) to * page, data + (gsize) from * page, page);
        return g_strdup_printf ("page %u copied over page %u", from + 1, to + 1);
      }
    default:
      {
        /* A run of bytes inside one b-tree page set to one value. */
        gsize at = pick_position (rand, data, size, page);
        gsize len = MIN ((gsize) g_rand_int_range (rand, 2, 64), size - at);

        memset (data + at, g_rand_boolean (rand) ? 0xff : 0x00, len);
        return g_strdup_printf ("%" G_GSIZE_FORMAT " bytes at %" G_GSIZE_FORMAT " set", len, at);
      }
    }
}

static void
test_bytes (gconstpointer data)
{
  Fuzz *fuzz = (Fuzz *) data;

  for (guint n = 0; n < kind_cases[KIND_BYTES]; n++)
    {
      g_autoptr(GRand) rand = NULL;
      g_autoptr(GByteArray) file = NULL;
      g_autofree char *what = NULL;
      g_autofree char *path = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GError) error = NULL;
      GBytes *base;

      if (!case_selected (fuzz, KIND_BYTES, n))
        continue;
      rand = case_rand (fuzz, KIND_BYTES, n);
      base = fuzz->bases[n % 2];
      file = g_byte_array_sized_new (g_bytes_get_size (base));
      g_byte_array_append (file, g_bytes_get_data (base, NULL), g_bytes_get_size (base));
      what = damage_bytes (rand, file);
      label = g_strdup_printf ("%s project: %s", n % 2 == 0 ? "demo" : "rich", what);
      path = case_path (fuzz, "bytes.secuencia");
      g_assert_true (g_file_set_contents (path, (const char *) file->data, file->len, &error));
      g_assert_no_error (error);

      case_begin (fuzz, KIND_BYTES, n, label);
      exercise_project (fuzz, path, n % 4 < 2);
      case_end (fuzz);
      remove_case_file (path);
    }
}

/* ---- hostile values behind the store's back ---- */

typedef struct
{
  const char *table;
  const char *columns[12];
} TableColumns;

static const TableColumns tables[] = {
  { "project",   { "key", "value", NULL } },
  { "assets",    { "id", "mime_type", "duration_ns", "file_name", "content_hash", "size",
                   "created_at", "data", NULL } },
  { "elements",  { "id", "position", "character", "text", "asset_id", "kind", "parenthetical",
                   "extension", "scene_number", "audio_scratch", "dual", NULL } },
  { "timelines", { "id", "name", "created_at", "modified_at", NULL } },
  { "clips",     { "id", "timeline_id", "asset_id", "offset_ns", "source_start_ns", "duration_ns",
                   "lane", "volume_db", "muted", "name", "element_id", NULL } },
  { "metadata",  { "key", "value", "mime_type", "data", NULL } },
  { "takes",     { "id", "element_id", "asset_id", "scratch", "replaced_at", NULL } },
  { "peaks",     { "asset_id", "data", NULL } },
};

static const char * const hostile_sql[] = {
  "NULL", "0", "1", "-1", "2", "7", "9223372036854775807", "-9223372036854775808",
  "9223372036854775806", "-9223372036854775807", "2147483647", "2147483648", "-2147483649",
  "4294967296", "1000000000000000000", "-1000000000000000000", "999999", "1e308", "-1e308",
  "9e999", "-9e999", "0.5", "-0.0", "1.0e-320", "''", "'x'", "'NaN'", "'inf'", "'12abc'",
  "'dialogue'", "'scene'", "'action'", "'nonsense kind'", "'cover'", "'image/png'", "'audio/x-wav'",
  "X''", "X'00'", "X'0000000000000000'", "X'FFFFFFFFFFFFFFFF'", "CAST(X'C328FF00E282' AS TEXT)",
  "CAST(X'666F6F00626172' AS TEXT)", "printf('%.*c', 100000, 'x')", "printf('%.*c', 5000, '(')",
  "(SELECT max(id) FROM assets)", "(SELECT min(id) FROM elements)", "(SELECT max(id) FROM timelines)",
  "(SELECT max(id) + 1 FROM assets)",
};

/* A blob of random bytes as an SQL literal, sometimes starting like a
 * real peaks record or image. */
static char *
random_blob_sql (GRand *rand)
{
  guint len = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 40) : g_rand_int_range (rand, 0, 4000);
  GString *sql = g_string_new ("X'");

  if (g_rand_boolean (rand))
    g_string_append (sql, g_rand_boolean (rand) ? "89504E470D0A1A0A" : "FFD8FF");
  for (guint i = 0; i < len; i++)
    g_string_append_printf (sql, "%02X", g_rand_int_range (rand, 0, 256));
  g_string_append_c (sql, '\'');
  return g_string_free (sql, FALSE);
}

static gint64
count_rows (sqlite3 *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* One change to the rows or the schema, as SQL (the caller runs it with
 * foreign keys off; a statement SQLite refuses changes nothing). */
static char *
hostile_statement (GRand *rand, sqlite3 *db)
{
  const TableColumns *t = &tables[g_rand_int_range (rand, 0, G_N_ELEMENTS (tables))];
  guint n_columns = g_strv_length ((char **) t->columns);
  const char *column = t->columns[g_rand_int_range (rand, 0, n_columns)];
  g_autofree char *value = NULL;
  gint64 rows = count_rows (db, t->table);
  g_autofree char *where = NULL;

  if (g_rand_int_range (rand, 0, 8) == 0)
    value = random_blob_sql (rand);
  else
    value = g_strdup (hostile_sql[g_rand_int_range (rand, 0, G_N_ELEMENTS (hostile_sql))]);
  if (rows > 0 && g_rand_int_range (rand, 0, 4) != 0)
    where = g_strdup_printf (" WHERE rowid = (SELECT rowid FROM \"%s\" ORDER BY rowid LIMIT 1 OFFSET %"
                             G_GINT64_FORMAT ")", t->table, (gint64) g_rand_int_range (rand, 0, rows));
  else
    where = g_strdup ("");

  switch (g_rand_int_range (rand, 0, 20))
    {
    case 0:
      return g_strdup_printf ("PRAGMA user_version = %d", g_rand_int_range (rand, -2, SECUENCIA_PROJECT_SCHEMA_VERSION + 3));
    case 1:
      return g_strdup_printf ("PRAGMA application_id = %d", g_rand_int_range (rand, -2, 3));
    case 2:
      return g_strdup_printf ("DROP TABLE \"%s\"", t->table);
    case 3:
      return g_strdup_printf ("ALTER TABLE \"%s\" DROP COLUMN \"%s\"", t->table, column);
    case 4:
      return g_strdup_printf ("DELETE FROM \"%s\"%s", t->table, where);
    case 5:
      /* A copy of a row with one value changed (ids are primary keys:
       * the copy of an id column gets a new one). */
      return g_strdup_printf ("INSERT INTO \"%s\" SELECT * FROM \"%s\"%s", t->table, t->table, where);
    case 6:
      return g_strdup_printf ("UPDATE elements SET position = %d", g_rand_int_range (rand, -1, 3));
    case 7:
      return g_strdup_printf ("INSERT OR REPLACE INTO project (key, value) VALUES ('screenplay_timeline', %s)", value);
    case 8:
      return g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = \"%s\" * -1%s", t->table, column, column, where);
    default:
      return g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = %s%s", t->table, column, value, where);
    }
}

static void
test_values (gconstpointer data)
{
  Fuzz *fuzz = (Fuzz *) data;

  for (guint n = 0; n < kind_cases[KIND_VALUES]; n++)
    {
      g_autoptr(GRand) rand = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) what = g_string_new (n % 3 == 0 ? "demo project:" : "rich project:");
      g_autofree char *path = NULL;
      GBytes *base;
      sqlite3 *db;
      guint n_changes;

      if (!case_selected (fuzz, KIND_VALUES, n))
        continue;
      rand = case_rand (fuzz, KIND_VALUES, n);
      base = fuzz->bases[n % 3 == 0 ? 0 : 1];
      path = case_path (fuzz, "values.secuencia");
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (base, NULL), g_bytes_get_size (base), &error));
      g_assert_no_error (error);

      g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
      secuencia_test_exec_sql (db, "PRAGMA foreign_keys = OFF");
      n_changes = g_rand_int_range (rand, 1, 4);
      for (guint i = 0; i < n_changes; i++)
        {
          g_autofree char *sql = hostile_statement (rand, db);
          char *message = NULL;
          int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

          g_string_append_printf (what, " [%.160s%s]%s", sql, strlen (sql) > 160 ? "…" : "",
                                  rc == SQLITE_OK ? "" : " (refused)");
          sqlite3_free (message);
        }
      g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

      case_begin (fuzz, KIND_VALUES, n, what->str);
      exercise_project (fuzz, path, n % 2 == 0);
      case_end (fuzz);
      remove_case_file (path);
    }
}

/* ---- hostile Fountain scripts ---- */

static void
test_fountain (gconstpointer data)
{
  Fuzz *fuzz = (Fuzz *) data;
  static const char * const pieces[] = {
    "Title: A\n", "Author: B\n    continued\n", "\n", "INT. ROOM - DAY\n", "EXT. X #1#\n",
    ".FORCED\n", "ALICE\n", "BOB ^\n", "@mcclane\n", "(quietly)\n", "Hello.\n", "CUT TO:\n",
    "> THE END <\n", "~lyrics\n", "===\n", "# Act\n", "= synopsis\n", "/* boneyard\n", "*/\n",
    "[[note\n", "]]\n", "**bold*\n", "\\*\n", "\t\t\n", "\r\n", "\xff\xfe\n", "\xc3(\n",
    "ALICE (V.O.) (CONT'D)\n", "!ACTION\n", "^\n", "(\n", ")\n", "\n\n\n",
  };

  for (guint n = 0; n < kind_cases[KIND_FOUNTAIN]; n++)
    {
      g_autoptr(GRand) rand = NULL;
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *script_path = NULL;
      g_autofree char *path = NULL;
      g_autofree char *what = NULL;
      g_autoptr(GFile) script_file = NULL;
      g_autoptr(SecuenciaProject) project = NULL;
      g_autoptr(SecuenciaFountainScript) script = NULL;
      guint n_pieces;

      if (!case_selected (fuzz, KIND_FOUNTAIN, n))
        continue;
      rand = case_rand (fuzz, KIND_FOUNTAIN, n);
      n_pieces = g_rand_int_range (rand, 1, 200);
      for (guint i = 0; i < n_pieces; i++)
        {
          switch (g_rand_int_range (rand, 0, 12))
            {
            case 0:
              g_string_append_len (text, "\0", 1);
              break;
            case 1:
              for (int j = g_rand_int_range (rand, 1, 5000); j > 0; j--)
                g_string_append_c (text, "(*_[]^@~>.!#= \\\n"[g_rand_int_range (rand, 0, 16)]);
              break;
            case 2:
              for (int j = g_rand_int_range (rand, 1, 200); j > 0; j--)
                g_string_append_c (text, (char) g_rand_int_range (rand, 1, 256));
              break;
            default:
              g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
              break;
            }
        }
      what = g_strdup_printf ("a script of %" G_GSIZE_FORMAT " bytes", text->len);
      script_path = g_build_filename (fuzz->dir, "fuzz.fountain", NULL);
      g_assert_true (g_file_set_contents (script_path, text->str, text->len, &error));
      path = case_path (fuzz, "fountain.secuencia");
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (fuzz->bases[1], NULL),
                                          g_bytes_get_size (fuzz->bases[1]), &error));

      case_begin (fuzz, KIND_FOUNTAIN, n, what);
      script = secuencia_fountain_parse (text->str, text->len);
      g_assert_nonnull (script);
      g_clear_pointer (&script, secuencia_fountain_script_free);
      project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      script_file = g_file_new_for_path (script_path);
      script = secuencia_project_import_script (project, script_file, NULL, NULL, NULL, &error);
      if (script == NULL)
        check_error (fuzz, "secuencia_project_import_script", error);
      g_clear_object (&project);
      exercise_project (fuzz, path, n % 4 == 0);
      case_end (fuzz);
      remove_case_file (path);
    }
}

static GBytes *read_bytes (const char *path);

/* ---- hostile specs through secuencia-cli ---- */

typedef struct
{
  GBytes  *out;
  GBytes  *err;
  GError  *error;
  gboolean done;
} CliRun;

static void
communicated (GObject *source, GAsyncResult *result, gpointer data)
{
  CliRun *run = data;

  g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &run->out, &run->err, &run->error);
  run->done = TRUE;
}

static gboolean
time_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs secuencia-cli with @args; a run past the limit is a hang. Returns
 * the exit status; *@out_stdout / *@out_stderr get the output. A crash
 * (a signal) or a sanitizer report fails the test. */
static int
run_cli_limited (Fuzz        *fuzz,
                 const char * const *args,
                 char       **out_stdout,
                 char       **out_stderr)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) timer = g_timeout_source_new_seconds (CASE_LIMIT_SECONDS / 2);
  CliRun run = { 0 };
  gboolean expired = FALSE;
  const char *err_text;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SECUENCIA_CLI"));
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);

  g_main_context_push_thread_default (context);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_async (proc, NULL, NULL, communicated, &run);
  g_source_set_callback (timer, time_up, &expired, NULL);
  g_source_attach (timer, context);
  while (!run.done && !expired)
    g_main_context_iteration (context, TRUE);
  if (!run.done)
    {
      g_subprocess_force_exit (proc);
      while (!run.done)
        g_main_context_iteration (context, TRUE);
      g_error ("%s: secuencia-cli %s did not finish within %d s: a hang",
               fuzz->label, (const char *) argv->pdata[1], CASE_LIMIT_SECONDS / 2);
    }
  g_source_destroy (timer);
  g_subprocess_wait (proc, NULL, NULL);
  g_main_context_pop_thread_default (context);
  g_assert_no_error (run.error);

  err_text = g_bytes_get_data (run.err, NULL);
  if (g_subprocess_get_if_signaled (proc))
    g_error ("%s: secuencia-cli %s died of signal %d: %s", fuzz->label, (const char *) argv->pdata[1],
             g_subprocess_get_term_sig (proc), err_text != NULL ? err_text : "");
  *out_stdout = g_strndup (g_bytes_get_size (run.out) > 0 ? g_bytes_get_data (run.out, NULL) : "",
                           g_bytes_get_size (run.out));
  *out_stderr = g_strndup (g_bytes_get_size (run.err) > 0 ? err_text : "", g_bytes_get_size (run.err));
  g_bytes_unref (run.out);
  g_bytes_unref (run.err);
  if (strstr (*out_stderr, "Sanitizer") != NULL || strstr (*out_stderr, "runtime error:") != NULL)
    g_error ("%s: secuencia-cli %s: a sanitizer report:\n%s", fuzz->label,
             (const char *) argv->pdata[1], *out_stderr);
  g_test_message ("  secuencia-cli %s: exit %d: %s", (const char *) argv->pdata[1],
                  g_subprocess_get_exit_status (proc), *out_stderr);
  return g_subprocess_get_exit_status (proc);
}

static const char * const hostile_numbers[] = {
  "0", "-0", "-1", "1e999", "-1e999", "1e-400", "4.9e-324", "1.7976931348623157e308",
  "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
  "99999999999999999999999999", "9223372036.854775807", "9223372037", "2147483647", "2147483648",
  "-2147483648", "-2147483649", "0.0000000001", "0.0000000015", "1.5", "3600000000", "1E3",
  "\"1.5\"", "\"\"", "\"abc\"", "\"NaN\"", "\"inf\"", "\"-1\"", "\"1e400\"", "\"0x10\"",
  "\"99999999999999999999.5\"", "\" 1\"", "\"1.\"", "\".5\"", "true", "false", "null", "[]", "{}",
  "[1]", "{\"s\": 1}", "NaN", "Infinity", "-", "1.", ".5", "01", "+1", "0x10",
};

/* The last three are sane. */
static const char * const hostile_strings[] = {
  "\"\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00\\ud800\"",
  "\"\xff\xfe\"", "\"\xc3(\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"%s%n%x\"",
  "\"\\n\\t\\r\"", "\"\x1f\"", "1", "null", "true", "[]", "{}", "\"x\"", "\"ALICE\"", "\"Hello.\"",
};
#define N_SANE_STRINGS 3

/* A string value: sane three times in four; *@hostile is set otherwise
 * (some of the hostile ones are valid too, such as ""). */
static const char *
spec_text (GRand *rand, gboolean *hostile)
{
  guint n = G_N_ELEMENTS (hostile_strings);

  if (g_rand_int_range (rand, 0, 4) != 0)
    return hostile_strings[g_rand_int_range (rand, n - N_SANE_STRINGS, n)];
  *hostile = TRUE;
  return hostile_strings[g_rand_int_range (rand, 0, n)];
}

/* A file name for a clip: a real audio file, or something hostile. */
static char *
spec_file (Fuzz *fuzz, GRand *rand, const char *dir, gboolean *hostile)
{
  if (g_rand_int_range (rand, 0, 3) != 0)
    return g_strdup_printf ("\"%s\"", fuzz->audio[g_rand_int_range (rand, 0, 3)]);
  *hostile = TRUE;
  switch (g_rand_int_range (rand, 0, 16))
    {
    case 0: return g_strdup ("\"/nonexistent/x.wav\"");
    case 1: return g_strdup_printf ("\"%s\"", dir);
    case 2: return g_strdup ("\"/dev/zero\"");
    case 3: return g_strdup ("\"/dev/null\"");
    case 4: return g_strdup ("\"fifo\"");
    case 5: return g_strdup ("\"spec.json\"");
    case 6: return g_strdup ("\"p.secuencia\"");
    case 7: return g_strdup ("\"p.secuencia-wal\"");
    case 8: return g_strdup ("\"empty.wav\"");
    case 9: return g_strdup ("\"truncated.wav\"");
    case 10: return g_strdup ("\"../../../../../../../../etc/passwd\"");
    case 11:
      {
        GString *s = g_string_new ("\"");
        for (int i = 0; i < 5000; i++)
          g_string_append (s, "a/");
        g_string_append_c (s, '"');
        return g_string_free (s, FALSE);
      }
    case 12: return g_strdup ("\"\\u0000.wav\"");
    case 13: return g_strdup ("\"\xff\xfe.wav\"");
    case 14: return g_strdup ("\"\"");
    default: return g_strdup (spec_text (rand, hostile));
    }
}

static const char *
spec_number (GRand *rand, const char *sane, gboolean *hostile)
{
  if (g_rand_int_range (rand, 0, 4) != 0)
    return sane;
  *hostile = TRUE;
  return hostile_numbers[g_rand_int_range (rand, 0, G_N_ELEMENTS (hostile_numbers))];
}

/* One clip; *@hostile is set when anything in it is not sane (a sane
 * clip is one the import must take). */
static void
append_clip (Fuzz *fuzz, GRand *rand, GString *spec, const char *dir, gboolean *hostile)
{
  g_autofree char *file = spec_file (fuzz, rand, dir, hostile);
  /* Every test file is at least 0.3 s long. */
  static const char * const offsets[] = { "0", "0.5", "1", "2.25", "\"1.000000001\"" };
  static const char * const durations[] = { "0.1", "0.2", "0.05", "\"0.3\"", "0.3" };
  static const char * const lanes[] = { "0", "1", "2", "3" };
  const char *sep = "";

  g_string_append_c (spec, '{');
#define FIELD(name, value) \
  G_STMT_START { \
    if (g_rand_int_range (rand, 0, 12) != 0) \
      { \
        g_string_append_printf (spec, "%s\"%s\": %s", sep, name, value); \
        sep = ", "; \
      } \
    else \
      *hostile = TRUE; \
  } G_STMT_END
  FIELD ("file", file);
  FIELD ("offset", spec_number (rand, offsets[g_rand_int_range (rand, 0, G_N_ELEMENTS (offsets))], hostile));
  FIELD ("source_start", spec_number (rand, "0", hostile));
  FIELD ("duration", spec_number (rand, durations[g_rand_int_range (rand, 0, G_N_ELEMENTS (durations))], hostile));
  FIELD ("lane", spec_number (rand, lanes[g_rand_int_range (rand, 0, G_N_ELEMENTS (lanes))], hostile));
  if (g_rand_boolean (rand))
    FIELD ("volume_db", spec_number (rand, "-6", hostile));
  if (g_rand_boolean (rand))
    {
      const char *muted = "false";

      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          *hostile = TRUE;
          muted = hostile_strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (hostile_strings))];
        }
      FIELD ("muted", muted);
    }
  if (g_rand_boolean (rand))
    FIELD ("text", spec_text (rand, hostile));
  if (g_rand_boolean (rand))
    FIELD ("character", spec_text (rand, hostile));
  if (g_rand_int_range (rand, 0, 6) == 0)
    {
      *hostile = TRUE;
      FIELD ("file", "\"duplicate.wav\"");
    }
  if (g_rand_int_range (rand, 0, 6) == 0)
    {
      *hostile = TRUE;
      FIELD ("\xff unknown", "[[[[]]]]");
    }
#undef FIELD
  g_string_append_c (spec, '}');
}

/* A spec: mostly well-formed with hostile values, sometimes broken JSON. */
static char *
hostile_spec (Fuzz *fuzz, GRand *rand, const char *dir, gsize *out_len, gboolean *out_sane,
              gboolean *out_many)
{
  GString *spec = g_string_new (NULL);
  gboolean hostile = TRUE;
  guint n_clips;

  switch (g_rand_int_range (rand, 0, 16))
    {
    case 0:
      {
        /* Deep nesting. */
        guint depth = g_rand_boolean (rand) ? 100000 : 2000;
        g_string_append (spec, "{\"name\": \"deep\", \"clips\": ");
        for (guint i = 0; i < depth; i++)
          g_string_append_c (spec, '[');
        for (guint i = 0; i < depth; i++)
          g_string_append_c (spec, ']');
        g_string_append_c (spec, '}');
        break;
      }
    case 1:
      {
        /* A very long name. */
        g_string_append (spec, "{\"name\": \"");
        for (int i = 0; i < 1 << 20; i++)
          g_string_append_c (spec, 'n');
        g_string_append_printf (spec, "\", \"clips\": [{\"file\": \"%s\", \"offset\": 0, "
                                "\"source_start\": 0, \"duration\": 0.1, \"lane\": 0}]}", fuzz->audio[0]);
        break;
      }
    case 2:
      {
        /* Many clips of one file on many lanes (not exported: hundreds of
         * decoders starting at once take longer than the exporter's stall
         * limit on a loaded machine). */
        *out_many = TRUE;
        g_string_append (spec, "{\"name\": \"many\", \"clips\": [");
        for (int i = 0; i < 2000; i++)
          g_string_append_printf (spec, "%s{\"file\": \"%s\", \"offset\": %d, \"source_start\": 0, "
                                  "\"duration\": 0.01, \"lane\": %d}", i > 0 ? ", " : "",
                                  fuzz->audio[1], i % 5, i % 50);
        g_string_append (spec, "]}");
        break;
      }
    case 3:
      {
        static const char * const broken[] = {
          "", "{", "[]", "null", "1", "\"spec\"", "{\"name\": \"a\"}", "{\"clips\": []}",
          "{\"name\": \"a\", \"clips\": {}}", "{\"name\": \"a\", \"clips\": [1, \"x\", null]}",
          "{\"name\": 5, \"clips\": []}", "{\"name\": \"a\", \"name\": \"b\", \"clips\": [], \"clips\": 3}",
          "\xef\xbb\xbf{\"name\": \"bom\", \"clips\": []}", "{\"name\": \"a\", \"clips\": []} trailing",
          "{\"name\": \"\xff\", \"clips\": []}", "{\"name\": \"a\", \"clips\": [{}]}",
          "{\"name\": \"a\", \"clips\": [], \"\xc3\": 1}", "{\"name\": \"a\\", "/* c */ {}",
        };
        g_string_append (spec, broken[g_rand_int_range (rand, 0, G_N_ELEMENTS (broken))]);
        break;
      }
    case 4:
    case 5:
    case 6:
    case 7:
      {
        /* Nothing hostile: real files and sane values, which the import
         * must take. */
        static const char * const offsets[] = { "0", "0.5", "1", "2.25", "\"1.000000001\"" };
        static const char * const durations[] = { "0.1", "0.2", "0.05", "\"0.3\"", "0.3" };
        static const char * const texts[] = { "", ", \"text\": \"Hello.\"", ", \"character\": \"ALICE\"",
                                              ", \"text\": \"x\", \"character\": \"BOB\", \"muted\": true",
                                              ", \"volume_db\": -6.5", ", \"volume_db\": 3" };

        hostile = FALSE;
        n_clips = g_rand_int_range (rand, 0, 6);
        g_string_append (spec, "{\"name\": \"Sane\", \"clips\": [");
        for (guint i = 0; i < n_clips; i++)
          g_string_append_printf (spec, "%s{\"file\": \"%s\", \"offset\": %s, \"source_start\": 0, "
                                  "\"duration\": %s, \"lane\": %d%s}", i > 0 ? ", " : "",
                                  fuzz->audio[g_rand_int_range (rand, 0, 3)],
                                  offsets[g_rand_int_range (rand, 0, G_N_ELEMENTS (offsets))],
                                  durations[g_rand_int_range (rand, 0, G_N_ELEMENTS (durations))],
                                  g_rand_int_range (rand, 0, 4),
                                  texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))]);
        g_string_append (spec, "]}");
        break;
      }
    default:
      hostile = FALSE;
      n_clips = g_rand_int_range (rand, 0, 6);
      g_string_append_printf (spec, "{\"name\": %s, \"clips\": [", spec_text (rand, &hostile));
      for (guint i = 0; i < n_clips; i++)
        {
          if (i > 0)
            g_string_append (spec, ", ");
          append_clip (fuzz, rand, spec, dir, &hostile);
        }
      g_string_append (spec, "]}");
      break;
    }
  /* Sometimes cut short or with a NUL inside. */
  if (spec->len > 2 && g_rand_int_range (rand, 0, 10) == 0)
    {
      g_string_truncate (spec, g_rand_int_range (rand, 1, spec->len));
      hostile = TRUE;
    }
  else if (spec->len > 2 && g_rand_int_range (rand, 0, 20) == 0)
    {
      spec->str[g_rand_int_range (rand, 0, spec->len)] = '\0';
      hostile = TRUE;
    }
  *out_len = spec->len;
  *out_sane = !hostile;
  return g_string_free (spec, FALSE);
}

/* The duration of timeline @id in `info --json` (asserting it is JSON). */
static SecuenciaTime
info_timeline_duration (Fuzz *fuzz, const char *info, gint64 id)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *timelines;

  if (!json_parser_load_from_data (parser, info, -1, &error))
    g_error ("%s: info --json is not JSON: %s", fuzz->label, error->message);
  timelines = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "timelines");
  for (guint i = 0; i < json_array_get_length (timelines); i++)
    {
      JsonObject *t = json_array_get_object_element (timelines, i);
      SecuenciaTime duration = -1;

      if (json_object_get_int_member (t, "id") == id
          && secuencia_time_from_seconds (json_object_get_double_member (t, "duration"), &duration))
        return duration;
    }
  g_error ("%s: timeline %" G_GINT64_FORMAT " is not in info --json", fuzz->label, id);
  return 0;
}

static void
test_spec (gconstpointer data)
{
  Fuzz *fuzz = (Fuzz *) data;
  g_autofree char *dir = g_build_filename (fuzz->dir, "spec", NULL);
  g_autofree char *project = g_build_filename (dir, "p.secuencia", NULL);
  g_autofree char *spec_path = g_build_filename (dir, "spec.json", NULL);
  g_autofree char *out_wav = g_build_filename (dir, "out.wav", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_build_filename (dir, "empty.wav", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.wav", NULL);
  g_autoptr(GBytes) base = NULL;
  g_autofree char *wav = NULL;
  gsize wav_len;
  guint n_sane = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (g_file_set_contents (empty, "", 0, &error));
  g_assert_true (g_file_get_contents (fuzz->audio[0], &wav, &wav_len, &error));
  g_assert_true (g_file_set_contents (truncated, wav, MIN (wav_len, 60), &error));
  base = read_bytes (fuzz->cli_base);
  /* Relative file names in a spec are relative to the spec. */
  g_assert_cmpint (g_chdir (dir), ==, 0);

  for (guint n = 0; n < kind_cases[KIND_SPEC]; n++)
    {
      g_autoptr(GRand) rand = NULL;
      g_autofree char *spec = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *what = NULL;
      const char *given;
      gboolean sane = FALSE, many = FALSE;
      gsize len;
      int status;

      if (!case_selected (fuzz, KIND_SPEC, n))
        continue;
      rand = case_rand (fuzz, KIND_SPEC, n);
      spec = hostile_spec (fuzz, rand, dir, &len, &sane, &many);
      g_assert_true (g_file_set_contents (spec_path, spec, len, &error));
      remove_case_file (project);
      g_assert_true (g_file_set_contents (project, g_bytes_get_data (base, NULL), g_bytes_get_size (base), &error));
      {
        g_autofree char *start = g_strndup (spec, MIN (len, 300));
        g_autofree char *shown = g_strescape (start, NULL);

        what = g_strdup_printf ("a spec of %" G_GSIZE_FORMAT " bytes: %s", len, shown);
      }
      /* Sometimes the spec is not a file one can read to its end. */
      switch (g_rand_int_range (rand, 0, 20))
        {
        case 0: given = fifo; break;
        case 1: given = "/dev/zero"; break;
        case 2: given = dir; break;
        case 3: given = "/nonexistent/spec.json"; break;
        default: given = spec_path; break;
        }
      if (given != spec_path)
        {
          g_autofree char *old = g_steal_pointer (&what);
          what = g_strdup_printf ("the spec is %s", given);
          sane = FALSE;
        }
      else if (sane)
        {
          g_autofree char *old = g_steal_pointer (&what);
          what = g_strconcat ("sane, ", old, NULL);
          n_sane++;
        }

      case_begin (fuzz, KIND_SPEC, n, what);
      status = run_cli_limited (fuzz, (const char *[]) { "import-timeline", project, given, NULL }, &out, &err);
      /* A spec with nothing hostile in it is imported. */
      if (sane && status != 0)
        g_error ("%s: a sane spec was refused: %s", fuzz->label, err);
      if (status != 0)
        {
          /* A clear error: one that names the spec (or the project). */
          g_assert_cmpint (status, ==, 1);
          g_autofree char *given_name = g_path_get_basename (given);

          if (strstr (err, given_name) == NULL && strstr (err, "p.secuencia") == NULL)
            g_error ("%s: the error does not name the spec: %s", fuzz->label, err);
        }
      else
        {
          g_autofree char *info = NULL;
          g_autofree char *info_err = NULL;
          /* The last line: "Timeline id: N". */
          const char *last = strrchr (g_strchomp (out), ' ');
          gint64 id = g_ascii_strtoll (last != NULL ? last + 1 : out, NULL, 10);

          g_assert_cmpint (id, >, 0);
          g_clear_pointer (&err, g_free);
          g_assert_cmpint (run_cli_limited (fuzz, (const char *[]) { "info", project, "--json", NULL },
                                            &info, &info_err), ==, 0);
          if (is_short (info_timeline_duration (fuzz, info, id)) && n % 2 == 0 && !many)
            {
              g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
              g_autofree char *o = NULL;
              g_autofree char *e = NULL;

              g_assert_cmpint (run_cli_limited (fuzz, (const char *[]) { "export", project, "--timeline", id_text,
                                                                          "-o", out_wav, "--force", NULL },
                                                &o, &e), ==, 0);
            }
        }
      case_end (fuzz);
    }
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  /* The sane specs show that the import works at all. */
  if (fuzz->only_kind < 0)
    g_assert_cmpuint (n_sane, >=, 5);
}

/* ---- the projects to damage ---- */

static void
write_file (const char *path, const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static void
cli_ok (const char *cwd, const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SECUENCIA_CLI"));
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (cwd, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("secuencia-cli %s failed: %s", (const char *) argv->pdata[1], err);
}

/* A project with rows in every table, made the way people make them. */
static char *
make_rich_project (Fuzz *fuzz)
{
  g_autofree char *dir = g_build_filename (fuzz->dir, "rich", NULL);
  g_autofree char *script = g_build_filename (dir, "script.fountain", NULL);
  g_autofree char *spec = g_build_filename (dir, "spec.json", NULL);
  g_autofree char *cover = g_build_filename (dir, "cover.png", NULL);
  g_autofree char *spec_text = NULL;
  char *path = g_build_filename (dir, "p.secuencia", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  gint64 dialogue = 0;
  gboolean complete = FALSE;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fuzz->audio[0] = g_build_filename (dir, "a.wav", NULL);
  fuzz->audio[1] = g_build_filename (dir, "b.wav", NULL);
  fuzz->audio[2] = g_build_filename (dir, "c.flac", NULL);
  g_assert_true (secuencia_test_audio_write_tone (fuzz->audio[0], SECUENCIA_TEST_FORMAT_WAV16, 8000, 1, 440, 0.4, 0.5, &error));
  g_assert_true (secuencia_test_audio_write_tone (fuzz->audio[1], SECUENCIA_TEST_FORMAT_WAV16, 16000, 2, 550, 0.3, 0.5, &error));
  g_assert_true (secuencia_test_audio_write_tone (fuzz->audio[2], SECUENCIA_TEST_FORMAT_FLAC, 22050, 1, 660, 0.3, 0.5, &error));
  g_assert_no_error (error);
  g_assert_true (secuencia_test_write_image (cover, "png", 8, 8));
  write_file (script,
              "Title: Fuzz\nAuthor: Test\nDraft date: 1 May\n\n"
              "INT. ROOM - DAY #1#\n\nAlice waits.\n\n"
              "ALICE\n(quietly)\nIs anyone there?\n\n"
              "BOB (V.O.)\nOnly me.\n\n"
              "ALICE ^\nHello.\n\n"
              "CUT TO:\n\n"
              "EXT. GARDEN - NIGHT\n\n> THE END <\n");
  spec_text = g_strdup_printf ("{\"name\": \"Lanes\", \"clips\": ["
                               "{\"file\": \"%s\", \"offset\": 0, \"source_start\": 0, \"duration\": 0.4, \"lane\": 0, "
                               "\"text\": \"Is anyone there?\", \"character\": \"ALICE\"},"
                               "{\"file\": \"%s\", \"offset\": 0.2, \"source_start\": 0.1, \"duration\": 0.2, \"lane\": 1, "
                               "\"volume_db\": -6, \"muted\": true},"
                               "{\"file\": \"%s\", \"offset\": 0.5, \"source_start\": 0, \"duration\": 0.3, \"lane\": 2}]}",
                               fuzz->audio[0], fuzz->audio[1], fuzz->audio[2]);
  write_file (spec, spec_text);

  cli_ok (dir, (const char *[]) { "import-script", path, script, NULL });
  cli_ok (dir, (const char *[]) { "add", path, fuzz->audio[0], fuzz->audio[1], "--character", "BOB", "--text", "Hi", NULL });
  cli_ok (dir, (const char *[]) { "import-timeline", path, spec, NULL });
  cli_ok (dir, (const char *[]) { "set", path, "--title", "T", "--artist", "A", "--album", "B", "--year", "2026",
                                  "--genre", "Drama", "--comment", "C", "--cover", cover, NULL });

  /* Takes and a scratch voice, a screenplay timeline remembered. */
  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  elements = secuencia_project_list_elements (project, &error);
  assets = secuencia_project_list_assets (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assets->len, ==, 3);
  for (guint i = 0; i < elements->len; i++)
    {
      const SecuenciaElementInfo *element = g_ptr_array_index (elements, i);

      if (element->kind == SECUENCIA_ELEMENT_DIALOGUE && element->asset_id == 0)
        dialogue = element->id;
    }
  g_assert_cmpint (dialogue, >, 0);
  g_assert_true (secuencia_project_set_element_audio (project, dialogue,
                                                      ((SecuenciaAssetInfo *) assets->pdata[0])->id, TRUE, &error));
  g_assert_true (secuencia_project_replace_take (project, dialogue, ((SecuenciaAssetInfo *) assets->pdata[1])->id, &error));
  g_assert_true (secuencia_project_replace_take (project, dialogue, ((SecuenciaAssetInfo *) assets->pdata[2])->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (secuencia_project_update_screenplay_timeline (project, "Screenplay", SECUENCIA_TIME_SECOND / 2,
                                                                 NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (secuencia_project_checkpoint (project, &complete, &error));
  g_assert_true (complete);
  g_clear_object (&project);

  /* Every table holds rows, so that the damage reaches all of them. */
  db = secuencia_test_open_db (path);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%'", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);

      if (count_rows (db, table) == 0)
        g_error ("table %s of the rich project is empty: give it rows in make_rich_project()", table);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return path;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  char *contents = NULL;
  gsize len = 0;

  /* Closed and checkpointed: the whole database is in the file. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

int
main (int argc, char **argv)
{
  Fuzz fuzz = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *demo = NULL;
  g_autofree char *rich = NULL;
  const char *seed = g_getenv ("SECUENCIA_FUZZ_SEED");
  const char *only = g_getenv ("SECUENCIA_FUZZ_CASE");
  int status;

  /* Each case's line is out before anything can crash. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  fuzz.seed = seed != NULL ? (guint32) g_ascii_strtoull (seed, NULL, 10) : DEFAULT_SEED;
  fuzz.only_kind = -1;
  if (only != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (only, ":", 2);

      for (int k = 0; k < N_KINDS; k++)
        if (g_strcmp0 (parts[0], kind_names[k]) == 0)
          fuzz.only_kind = k;
      g_assert_cmpint (fuzz.only_kind, >=, 0);
      g_assert_nonnull (parts[1]);
      fuzz.only_case = (guint) g_ascii_strtoull (parts[1], NULL, 10);
    }
  g_test_message ("seed %u", fuzz.seed);

  fuzz.dir = g_dir_make_tmp ("secuencia-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  demo = g_build_filename (fuzz.dir, "Demo.secuencia", NULL);
  /* Linking the resource in registers it. */
  g_assert_nonnull (secuencia_get_resource ());
  secuencia_demo_ensure (demo, NULL, &error);
  g_assert_no_error (error);
  {
    /* Checkpointed into the one file. */
    g_autoptr(SecuenciaProject) project = secuencia_project_open (demo, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
    gboolean complete = FALSE;

    g_assert_no_error (error);
    g_assert_true (secuencia_project_checkpoint (project, &complete, &error));
    g_assert_true (complete);
  }
  rich = make_rich_project (&fuzz);
  fuzz.cli_base = g_strdup (rich);
  fuzz.bases[0] = read_bytes (demo);
  fuzz.bases[1] = read_bytes (rich);

  g_mutex_init (&fuzz.lock);
  g_cond_init (&fuzz.cond);
  fuzz.watchdog = g_thread_new ("fuzz-watchdog", watchdog_thread, &fuzz);

  g_test_add_data_func ("/fuzz/project-bytes", &fuzz, test_bytes);
  g_test_add_data_func ("/fuzz/project-values", &fuzz, test_values);
  g_test_add_data_func ("/fuzz/fountain", &fuzz, test_fountain);
  g_test_add_data_func ("/fuzz/spec", &fuzz, test_spec);
  status = g_test_run ();

  g_mutex_lock (&fuzz.lock);
  fuzz.quit = TRUE;
  g_cond_signal (&fuzz.cond);
  g_mutex_unlock (&fuzz.lock);
  g_thread_join (fuzz.watchdog);
  g_mutex_clear (&fuzz.lock);
  g_cond_clear (&fuzz.cond);

  secuencia_test_rm_rf (fuzz.dir);
  g_free (fuzz.dir);
  g_free (fuzz.label);
  g_free (fuzz.cli_base);
  for (guint i = 0; i < G_N_ELEMENTS (fuzz.bases); i++)
    g_bytes_unref (fuzz.bases[i]);
  for (guint i = 0; i < G_N_ELEMENTS (fuzz.audio); i++)
    g_free (fuzz.audio[i]);
  return status;
}
