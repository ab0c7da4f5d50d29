/* test-exporter.c: secuencia_export_async() end to end through the real
 * project store: tones are imported into a project, a timeline is stored,
 * exported on a GMainLoop, and the M4A is decoded and checked window by
 * window (Goertzel). Also: each used asset is streamed once, the temp
 * directory is gone afterwards, progress is monotonic and reaches 1,
 * cancellation at several stages leaves nothing behind, and edits made on
 * another connection during the export do not change what it exports. */

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "secuencia-exporter.h"
#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"

/* ---- process-wide test state ---- */

static char *test_root;    /* private dir of this test run */
static char *test_tmpdir;  /* TMPDIR of this process: must end up empty */

/* A hook called (in the worker thread) when the exporter reports, through
 * its structured debug log, that it wrote an asset to its temp dir. */
typedef void (*AssetWrittenHook) (gint64 asset_id, gpointer data);

static GMutex hook_mutex;
static AssetWrittenHook hook_func;
static gpointer hook_data;
static guint n_assets_written;

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *message_id = NULL;
  gint64 asset_id = 0;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE_ID"))
        message_id = fields[i].value;
      else if (g_str_equal (fields[i].key, "SECUENCIA_ASSET_ID"))
        asset_id = g_ascii_strtoll (fields[i].value, NULL, 10);
    }

  if (g_strcmp0 (message_id, "secuencia-export-asset-written") == 0)
    {
      g_mutex_lock (&hook_mutex);
      n_assets_written++;
      if (hook_func != NULL)
        hook_func (asset_id, hook_data);
      g_mutex_unlock (&hook_mutex);
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
set_hook (AssetWrittenHook func,
          gpointer         data)
{
  g_mutex_lock (&hook_mutex);
  hook_func = func;
  hook_data = data;
  n_assets_written = 0;
  g_mutex_unlock (&hook_mutex);
}

static guint
get_n_assets_written (void)
{
  guint n;

  g_mutex_lock (&hook_mutex);
  n = n_assets_written;
  g_mutex_unlock (&hook_mutex);
  return n;
}

/* ---- helpers ---- */


static void
assert_tmpdir_empty (void)
{
  g_assert_cmpuint (secuencia_test_count_dir_entries (test_tmpdir), ==, 0);
}

static char *
make_work_dir (void)
{
  g_autofree char *template = g_build_filename (test_root, "work-XXXXXX", NULL);

  g_assert_nonnull (g_mkdtemp (template));
  return g_steal_pointer (&template);
}


typedef struct
{
  const char *file;
  gint64      asset_id;
  double      offset;
  double      source_start;
  double      duration;
  int         lane;
  double      volume_db;
  gboolean    muted;
  const char *name;
} TestClip;

static gint64
import_file (SecuenciaProject *project,
             const char       *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = secuencia_project_import_audio (project, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}



/* Store a timeline with @clips (asset ids already set) through the
 * documented schema. Returns its id. */
static gint64
store_timeline (const char     *project_path,
                const char     *name,
                const TestClip *clips,
                guint           n_clips)
{
  sqlite3 *db = secuencia_test_open_db (project_path);
  sqlite3_stmt *stmt = NULL;
  gint64 timeline_id;
  gint64 now = g_get_real_time ();

  secuencia_test_exec_sql (db, "BEGIN IMMEDIATE");
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "INSERT INTO timelines (name, created_at, modified_at) VALUES (?, ?, ?)",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, now);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  timeline_id = sqlite3_last_insert_rowid (db);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "INSERT INTO clips (timeline_id, asset_id, offset_ns, source_start_ns, "
                   "duration_ns, lane, volume_db, muted, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n_clips; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, timeline_id);
      sqlite3_bind_int64 (stmt, 2, clips[i].asset_id);
      sqlite3_bind_int64 (stmt, 3, llround (clips[i].offset * 1e9));
      sqlite3_bind_int64 (stmt, 4, llround (clips[i].source_start * 1e9));
      sqlite3_bind_int64 (stmt, 5, llround (clips[i].duration * 1e9));
      sqlite3_bind_int (stmt, 6, clips[i].lane);
      sqlite3_bind_double (stmt, 7, clips[i].volume_db);
      sqlite3_bind_int (stmt, 8, clips[i].muted ? 1 : 0);
      sqlite3_bind_text (stmt, 9, clips[i].name ? clips[i].name : "", -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  sqlite3_finalize (stmt);
  secuencia_test_exec_sql (db, "COMMIT");
  sqlite3_close (db);

  return timeline_id;
}

/* ---- running an export on a main loop ---- */

typedef void (*ProgressHook) (SecuenciaExportProgress *progress, gpointer data);

typedef struct
{
  GMainLoop    *loop;
  GError       *error;
  gboolean      ok;
  gboolean      done;
  gint64        done_time;
  double        last_fraction;
  gboolean      went_backwards;
  guint         n_notify;
  GThread      *main_thread;
  gboolean      notified_off_main;
  ProgressHook  progress_hook;
  gpointer      progress_hook_data;
} ExportResult;

static void
on_progress (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  ExportResult *res = user_data;
  SecuenciaExportProgress *progress = SECUENCIA_EXPORT_PROGRESS (object);
  double f = secuencia_export_progress_get_fraction (progress);

  if (g_thread_self () != res->main_thread)
    res->notified_off_main = TRUE;
  if (f < res->last_fraction)
    res->went_backwards = TRUE;
  res->last_fraction = f;
  res->n_notify++;

  if (res->progress_hook != NULL)
    res->progress_hook (progress, res->progress_hook_data);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportResult *res = user_data;

  g_assert_true (g_thread_self () == res->main_thread);
  res->ok = secuencia_export_finish (result, &res->error);
  res->done = TRUE;
  res->done_time = g_get_monotonic_time ();
  g_main_loop_quit (res->loop);
}

static gboolean
run_export (const char              *project_path,
            gint64                   timeline_id,
            const char              *out_path,
            GCancellable            *cancellable,
            SecuenciaExportProgress *progress,
            ExportResult            *res,
            GError                 **error)
{
  g_autoptr(GFile) destination = g_file_new_for_path (out_path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gulong handler = 0;
  /* the raw sum: these tests check the mix itself (two tones at 0.5 add up
   * over the limiter's −1 dBTP ceiling; test-export-loudness covers it) */
  SecuenciaExportOptions options = SECUENCIA_EXPORT_OPTIONS_INIT;

  options.no_limiter = TRUE;
  /* Tests of cancellation start with an old file to keep: replacing it is allowed. */
  options.replace = TRUE;
  res->loop = loop;
  res->main_thread = g_thread_self ();
  if (progress != NULL)
    handler = g_signal_connect (progress, "notify", G_CALLBACK (on_progress), res);

  secuencia_export_async (project_path, timeline_id, destination, &options, progress,
                          cancellable, on_export_done, res);
  g_main_loop_run (loop);
  g_assert_true (res->done);

  /* Deliver the last coalesced progress notification. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (handler != 0)
    g_signal_handler_disconnect (progress, handler);
  res->loop = NULL;

  if (!res->ok)
    {
      g_propagate_error (error, res->error);
      res->error = NULL;
    }
  return res->ok;
}

/* Only @expected (a base name, or NULL) may be in @dir: no part files. */
static void
assert_dir_holds_only (const char *dir,
                       const char *expected)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (expected != NULL && g_str_equal (name, expected))
        continue;
      if (g_str_has_suffix (name, ".secuencia") ||
          g_str_has_suffix (name, ".secuencia-wal") ||
          g_str_has_suffix (name, ".secuencia-shm") ||
          g_str_has_prefix (name, "src-"))
        continue;
      g_error ("unexpected file %s in %s", name, dir);
    }
}

/* ---- a fixture: a project with three tone assets ---- */

#define F_A 440.0
#define F_B 660.0
#define F_C 880.0
#define F_D 1320.0

typedef struct
{
  char   *dir;
  char   *project_path;
  gint64  asset_a;   /* WAV 48 kHz stereo, 440 Hz, 2 s */
  gint64  asset_b;   /* MP3 (lame) 44.1 kHz mono, 660 Hz, 2 s */
  gint64  asset_c;   /* Ogg Vorbis 32 kHz stereo, 880 Hz, 2 s */
  gint64  asset_d;   /* FLAC 16 kHz mono, 1320 Hz, 10 s (long timelines) */
} Fixture;

static gint64
make_asset (SecuenciaProject    *project,
            const char          *dir,
            const char          *name,
            SecuenciaTestFormat  format,
            guint                rate,
            guint                channels,
            double               frequency,
            double               seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_strdup_printf ("src-%s.%s", name, secuencia_test_format_extension (format));
  g_autofree char *path = g_build_filename (dir, base, NULL);

  secuencia_test_audio_write_tone (path, format, rate, channels, frequency, seconds, 0.5, &error);
  g_assert_no_error (error);
  return import_file (project, path);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;

  fx->dir = make_work_dir ();
  fx->project_path = g_build_filename (fx->dir, "test.secuencia", NULL);

  project = secuencia_project_open (fx->project_path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  fx->asset_a = make_asset (project, fx->dir, "a", SECUENCIA_TEST_FORMAT_WAV16, 48000, 2, F_A, 2.0);
  fx->asset_b = make_asset (project, fx->dir, "b", SECUENCIA_TEST_FORMAT_MP3_LAME, 44100, 1, F_B, 2.0);
  fx->asset_c = make_asset (project, fx->dir, "c", SECUENCIA_TEST_FORMAT_OGG_VORBIS, 32000, 2, F_C, 2.0);
  fx->asset_d = make_asset (project, fx->dir, "d", SECUENCIA_TEST_FORMAT_FLAC, 16000, 1, F_D, 10.0);
  assert_tmpdir_empty ();
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  secuencia_test_rm_rf (fx->dir);
  g_free (fx->dir);
  g_free (fx->project_path);
  set_hook (NULL, NULL);
}

/* The main timeline: gaps, an overlap across lanes, a trim, an asset used
 * twice, a -6 dB clip and a muted clip at the end (which still counts for
 * the length). Total 4.5 s. */
static gint64
store_main_timeline (Fixture *fx)
{
  const TestClip clips[] = {
    { NULL, fx->asset_a, 0.5, 0.0,  1.0, 0, 0.0,  FALSE, "first" },
    { NULL, fx->asset_b, 1.0, 0.25, 1.0, 1, 0.0,  FALSE, "second" },
    { NULL, fx->asset_a, 2.5, 0.2,  0.5, 0, 0.0,  FALSE, "again" },
    { NULL, fx->asset_c, 3.0, 0.5,  1.0, 0, -6.0, FALSE, "quiet" },
    { NULL, fx->asset_b, 4.0, 0.0,  0.5, 1, 0.0,  TRUE,  "muted" },
  };

  return store_timeline (fx->project_path, "Main", clips, G_N_ELEMENTS (clips));
}

/* A long timeline (12 × 10 s of asset D back to back, 120 s), so that
 * encoding takes long enough to be cancelled midway. */
static gint64
store_long_timeline (Fixture *fx)
{
  TestClip clips[12];

  for (guint i = 0; i < G_N_ELEMENTS (clips); i++)
    clips[i] = (TestClip) { NULL, fx->asset_d, 10.0 * i, 0.0, 10.0, 0, 0.0, FALSE, NULL };
  /* Also use A and C so that there are several assets to stream. */
  clips[3].asset_id = fx->asset_a; clips[3].duration = 2.0;
  clips[7].asset_id = fx->asset_c; clips[7].duration = 2.0;

  return store_timeline (fx->project_path, "Long", clips, G_N_ELEMENTS (clips));
}

static void
check_main_mix (SecuenciaTestPcm *pcm)
{
  const double w = 0.25;   /* analysis window, s */
  double total = (double) pcm->n_frames / pcm->rate;
  double onset;

  g_assert_cmpuint (pcm->rate, ==, 48000);
  g_assert_cmpfloat_with_epsilon (total, 4.5, 0.005);

  /* Leading silence, then A exactly at 0.5 s (2 ms). */
  onset = (double) secuencia_test_pcm_onset (pcm, 0, 0.05) / pcm->rate;
  g_test_message ("first onset at %.4f s", onset);
  g_assert_cmpfloat_with_epsilon (onset, 0.5, 0.002);
  g_assert_cmpfloat (secuencia_test_pcm_rms (pcm, 0, (gsize) (0.45 * pcm->rate)), <, 0.003);

  /* [0.5,1.0) A only */
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, F_A, 0.65, w), 0.5, 0.05);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, F_B, 0.65, w), <, 0.01);
  /* [1.0,1.5) A + B */
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, F_A, 1.125, w), 0.5, 0.05);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, F_B, 1.125, w), 0.5, 0.05);
  /* [1.5,2.0) B only */
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, F_A, 1.625, w), <, 0.01);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, F_B, 1.625, w), 0.5, 0.05);
  /* [2.0,2.5) silence */
  g_assert_cmpfloat (secuencia_test_pcm_rms (pcm, (gsize) (2.05 * pcm->rate), (gsize) (0.4 * pcm->rate)), <, 0.003);
  /* [2.5,3.0) A again */
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, F_A, 2.625, w), 0.5, 0.05);
  /* [3.0,4.0) C at -6 dB: half amplitude */
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, F_C, 3.375, w), 0.25, 0.03);
  g_assert_cmpfloat (secuencia_test_pcm_tone_at (pcm, F_A, 3.375, w), <, 0.01);
  /* [4.0,4.5) the muted clip: silence to the end */
  g_assert_cmpfloat (secuencia_test_pcm_rms (pcm, (gsize) (4.05 * pcm->rate), (gsize) (0.4 * pcm->rate)), <, 0.003);
}

static void
test_export_main (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaExportProgress) progress = secuencia_export_progress_new ();
  g_autofree char *out = g_build_filename (fx->dir, "out.m4a", NULL);
  g_autofree char *message = NULL;
  g_autoptr(SecuenciaTestPcm) pcm = NULL;
  ExportResult res = { 0 };
  gint64 timeline_id = store_main_timeline (fx);

  set_hook (NULL, NULL);
  run_export (fx->project_path, timeline_id, out, NULL, progress, &res, &error);
  g_assert_no_error (error);

  /* Three sounding assets (A twice, B, C; B's muted use does not count),
   * each streamed once. */
  g_assert_cmpuint (get_n_assets_written (), ==, 3);

  /* Progress: on the main thread, never backwards, done. */
  g_assert_false (res.notified_off_main);
  g_assert_false (res.went_backwards);
  g_assert_cmpuint (res.n_notify, >, 0);
  g_assert_cmpfloat (secuencia_export_progress_get_fraction (progress), ==, 1.0);
  message = secuencia_export_progress_dup_message (progress);
  g_assert_cmpstr (message, ==, "Finished");

  assert_tmpdir_empty ();
  assert_dir_holds_only (fx->dir, "out.m4a");

  pcm = secuencia_test_audio_decode_gst (out, &error);
  g_assert_no_error (error);
  check_main_mix (pcm);
  g_clear_pointer (&pcm, secuencia_test_pcm_free);

  if (secuencia_test_have_program ("ffmpeg"))
    {
      pcm = secuencia_test_audio_decode_ffmpeg (out, &error);
      g_assert_no_error (error);
      check_main_mix (pcm);
    }
}

/* Exporting over an existing file replaces it; the blocking form works
 * the same way. */
static void
test_export_replace (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (fx->dir, "out.m4a", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (out);
  g_autoptr(SecuenciaTestPcm) pcm = NULL;
  gint64 timeline_id = store_main_timeline (fx);
  SecuenciaExportOptions options = SECUENCIA_EXPORT_OPTIONS_INIT;

  options.bitrate = 128000;
  options.sample_rate = 44100;
  options.no_limiter = TRUE;   /* the raw sum, as check_main_mix() expects */
  options.replace = TRUE;

  g_file_set_contents (out, "old contents", -1, &error);
  g_assert_no_error (error);

  g_assert_true (secuencia_export_run (fx->project_path, timeline_id, destination,
                                       &options, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_tmpdir_empty ();
  assert_dir_holds_only (fx->dir, "out.m4a");

  pcm = secuencia_test_audio_decode_gst (out, &error);
  g_assert_no_error (error);
  /* decoded (resampled to 48 kHz by the helper) */
  g_assert_cmpfloat_with_epsilon ((double) pcm->n_frames / pcm->rate, 4.5, 0.005);
  g_assert_cmpfloat_with_epsilon (secuencia_test_pcm_tone_at (pcm, F_A, 1.125, 0.25), 0.5, 0.05);
}

/* ---- cancellation ---- */

static void
assert_cancelled_clean (Fixture    *fx,
                        const char *out,
                        GError     *error)
{
  g_autofree char *contents = NULL;

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The old destination is untouched, no part file, no temp files. */
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old contents");
  assert_dir_holds_only (fx->dir, "out.m4a");
  assert_tmpdir_empty ();
}

static void
test_cancel_before_start (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *out = g_build_filename (fx->dir, "out.m4a", NULL);
  ExportResult res = { 0 };
  gint64 timeline_id = store_main_timeline (fx);

  g_file_set_contents (out, "old contents", -1, NULL);
  g_cancellable_cancel (cancellable);
  set_hook (NULL, NULL);
  g_assert_false (run_export (fx->project_path, timeline_id, out, cancellable, NULL, &res, &error));
  assert_cancelled_clean (fx, out, error);
  g_assert_cmpuint (get_n_assets_written (), ==, 0);
}

static void
cancel_on_asset (gint64   asset_id,
                 gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static void
test_cancel_preparing (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *out = g_build_filename (fx->dir, "out.m4a", NULL);
  ExportResult res = { 0 };
  gint64 timeline_id = store_long_timeline (fx);

  g_file_set_contents (out, "old contents", -1, NULL);
  /* Cancel as soon as the first asset is in the temp dir: the others are
   * not streamed. */
  set_hook (cancel_on_asset, cancellable);
  g_assert_false (run_export (fx->project_path, timeline_id, out, cancellable, NULL, &res, &error));
  g_assert_cmpuint (get_n_assets_written (), ==, 1);
  assert_cancelled_clean (fx, out, error);
}

static void
cancel_mid_encode (SecuenciaExportProgress *progress,
                   gpointer                 data)
{
  gint64 *cancel_time = data;

  /* Past 30 %: the mix stage (preparing ends at 10 %). */
  if (*cancel_time == 0 && secuencia_export_progress_get_fraction (progress) > 0.3)
    {
      *cancel_time = g_get_monotonic_time ();
      g_cancellable_cancel (g_object_get_data (G_OBJECT (progress), "test-cancellable"));
    }
}

static void
test_cancel_mid_encode (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SecuenciaExportProgress) progress = secuencia_export_progress_new ();
  g_autofree char *out = g_build_filename (fx->dir, "out.m4a", NULL);
  g_autofree char *message = NULL;
  ExportResult res = { 0 };
  gint64 timeline_id = store_long_timeline (fx);
  gint64 cancel_time = 0;

  g_file_set_contents (out, "old contents", -1, NULL);
  g_object_set_data (G_OBJECT (progress), "test-cancellable", cancellable);
  res.progress_hook = cancel_mid_encode;
  res.progress_hook_data = &cancel_time;
  set_hook (NULL, NULL);
  g_assert_false (run_export (fx->project_path, timeline_id, out, cancellable, progress, &res, &error));
  /* Informational only (tests never assert wall-clock time). */
  g_test_message ("cancel to callback: %.1f ms",
                  (res.done_time - cancel_time) / 1000.0);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpfloat (secuencia_export_progress_get_fraction (progress), <, 1.0);
  g_assert_cmpuint (get_n_assets_written (), ==, 3);
  message = secuencia_export_progress_dup_message (progress);
  g_assert_cmpstr (message, ==, "Mixing and encoding");
  assert_cancelled_clean (fx, out, error);
}

/* ---- a snapshot: edits on another connection during the export ---- */

typedef struct
{
  const char *project_path;
  gint64      timeline_id;
  gboolean    edited;
  int         rc;
  char       *errmsg;
} EditState;

static void
edit_on_first_asset (gint64   asset_id,
                     gpointer data)
{
  EditState *st = data;
  sqlite3 *db = NULL;
  g_autofree char *sql = NULL;

  if (st->edited)
    return;
  st->edited = TRUE;

  /* While the worker is inside its read transaction (streaming assets):
   * a writer that does not wait (busy timeout 0) must still get through,
   * and nothing it does may change the export. */
  g_assert_cmpint (sqlite3_open_v2 (st->project_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 0);
  sql = g_strdup_printf ("PRAGMA foreign_keys = ON;"
                         "BEGIN IMMEDIATE;"
                         "UPDATE clips SET volume_db = -40, offset_ns = offset_ns + 1000000000"
                         "  WHERE timeline_id = %" G_GINT64_FORMAT " AND id %% 2 = 0;"
                         "DELETE FROM clips WHERE timeline_id = %" G_GINT64_FORMAT " AND id %% 2 = 1;"
                         "DELETE FROM clips WHERE asset_id IN (SELECT asset_id FROM clips WHERE timeline_id = %" G_GINT64_FORMAT ");"
                         "DELETE FROM timelines WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE elements SET asset_id = NULL;"
                         "DELETE FROM assets;"
                         "COMMIT;",
                         st->timeline_id, st->timeline_id, st->timeline_id, st->timeline_id);
  st->rc = sqlite3_exec (db, sql, NULL, NULL, &st->errmsg);
  sqlite3_close (db);
}

static void
test_snapshot (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = g_build_filename (fx->dir, "reference.m4a", NULL);
  g_autofree char *out = g_build_filename (fx->dir, "out.m4a", NULL);
  g_autoptr(SecuenciaTestPcm) ref_pcm = NULL;
  g_autoptr(SecuenciaTestPcm) pcm = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) timelines = NULL;
  ExportResult res = { 0 };
  ExportResult res2 = { 0 };
  EditState st = { 0 };
  gint64 timeline_id = store_main_timeline (fx);
  double max_diff = 0;

  set_hook (NULL, NULL);
  run_export (fx->project_path, timeline_id, reference, NULL, NULL, &res, &error);
  g_assert_no_error (error);

  /* The main connection stays open throughout, as the window's does. */
  project = secuencia_project_open (fx->project_path, SECUENCIA_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  st.project_path = fx->project_path;
  st.timeline_id = timeline_id;
  set_hook (edit_on_first_asset, &st);
  run_export (fx->project_path, timeline_id, out, NULL, NULL, &res2, &error);
  set_hook (NULL, NULL);
  g_assert_no_error (error);
  g_assert_true (st.edited);
  if (st.rc != SQLITE_OK)
    g_error ("concurrent edit failed (%d): %s", st.rc, st.errmsg);
  sqlite3_free (st.errmsg);

  /* The edits happened (the timeline is gone for the main connection)... */
  timelines = secuencia_project_list_timelines (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timelines->len, ==, 0);

  /* ...and the export is the original one. */
  ref_pcm = secuencia_test_audio_decode_gst (reference, &error);
  g_assert_no_error (error);
  pcm = secuencia_test_audio_decode_gst (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pcm->n_frames, ==, ref_pcm->n_frames);
  for (gsize i = 0; i < pcm->n_frames * pcm->channels; i++)
    max_diff = MAX (max_diff, fabs (pcm->data[i] - ref_pcm->data[i]));
  g_assert_cmpfloat (max_diff, <, 1e-4);
  check_main_mix (pcm);

  assert_tmpdir_empty ();
}

int
main (int argc, char *argv[])
{
  g_autofree char *template = NULL;
  int ret;

  /* A private TMPDIR, set before anything asks GLib for it, so the test can
   * check that the exporter leaves nothing there. */
  template = g_build_filename (g_getenv ("TMPDIR") ? g_getenv ("TMPDIR") : "/tmp",
                               "test-exporter-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (template));
  test_root = g_strdup (template);
  test_tmpdir = g_build_filename (test_root, "tmp", NULL);
  g_assert_cmpint (g_mkdir (test_tmpdir, 0700), ==, 0);
  g_setenv ("TMPDIR", test_tmpdir, TRUE);

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/exporter/main", test_export_main);
  ADD ("/exporter/replace", test_export_replace);
  ADD ("/exporter/cancel/before-start", test_cancel_before_start);
  ADD ("/exporter/cancel/preparing", test_cancel_preparing);
  ADD ("/exporter/cancel/mid-encode", test_cancel_mid_encode);
  ADD ("/exporter/snapshot", test_snapshot);
#undef ADD

  ret = g_test_run ();

  secuencia_test_rm_rf (test_root);
  g_free (test_root);
  g_free (test_tmpdir);

  return ret;
}
