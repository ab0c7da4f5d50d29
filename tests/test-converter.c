/* test-converter.c: screenplay -> timeline conversion. */
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "secuencia-project.h"
#include "secuencia-project-private.h"
#include "secuencia-screenplay-converter.h"
#include "secuencia-test-audio.h"

typedef struct
{
  char             *dir;
  SecuenciaProject *project;
  gint64            asset[3];       /* 1 s, 0.5 s, 0.25 s */
  SecuenciaTime     duration[3];
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  static const double seconds[3] = { 1.0, 0.5, 0.25 };

  f->dir = g_dir_make_tmp ("secuencia-converter-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "play.secuencia", NULL);
  f->project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("line%d.wav", i);
      g_autofree char *wav = g_build_filename (f->dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (wav);
      g_autoptr(SecuenciaAssetInfo) info = NULL;

      g_assert_true (secuencia_test_audio_write_tone (wav, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1,
                                                      300 + 100 * i, seconds[i], 0.5, &error));
      g_assert_no_error (error);
      f->asset[i] = secuencia_project_import_audio (f->project, file, NULL, &error);
      g_assert_no_error (error);
      info = secuencia_project_get_asset (f->project, f->asset[i], &error);
      f->duration[i] = info->duration;
      g_unlink (wav);
    }
  g_assert_cmpint (f->duration[0], ==, SECUENCIA_TIME_SECOND);
  g_assert_cmpint (f->duration[1], ==, SECUENCIA_TIME_SECOND / 2);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (secuencia_project_get_path (f->project));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->project);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
add (Fixture *f, const char *character, const char *text, gint64 asset)
{
  g_autoptr(GError) error = NULL;
  gint64 id = secuencia_project_append_element (f->project, character, text, asset, &error);
  g_assert_cmpint (id, >, 0);
  g_assert_no_error (error);
  return id;
}

typedef struct
{
  GArray       *fractions;
  GPtrArray    *messages;
  GCancellable *cancel_at_store;
} ProgressLog;

static void
on_progress (double fraction, const char *message, gpointer user_data)
{
  ProgressLog *log = user_data;

  g_array_append_val (log->fractions, fraction);
  g_ptr_array_add (log->messages, g_strdup (message));
  if (log->cancel_at_store != NULL && fraction > 0.45)
    g_cancellable_cancel (log->cancel_at_store);
}

static void
progress_log_init (ProgressLog *log)
{
  log->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  log->messages = g_ptr_array_new_with_free_func (g_free);
  log->cancel_at_store = NULL;
}

static void
progress_log_clear (ProgressLog *log)
{
  g_array_unref (log->fractions);
  g_ptr_array_unref (log->messages);
}

static void
assert_monotonic_to_one (ProgressLog *log)
{
  g_assert_cmpuint (log->fractions->len, >=, 2);
  g_assert_cmpfloat (g_array_index (log->fractions, double, 0), ==, 0.0);
  for (guint i = 1; i < log->fractions->len; i++)
    g_assert_cmpfloat (g_array_index (log->fractions, double, i), >=,
                       g_array_index (log->fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (log->fractions, double, log->fractions->len - 1), ==, 1.0);
  for (guint i = 0; i < log->messages->len; i++)
    g_assert_cmpuint (strlen (log->messages->pdata[i]), >, 0);
}

static void
test_layout_with_gap (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(SecuenciaTimelineInfo) info = NULL;
  SecuenciaTime gap = 250 * SECUENCIA_TIME_MSECOND + 1;   /* odd on purpose */
  ProgressLog log;
  gint64 id;

  gint64 lines[4];

  lines[0] = add (f, "ANA", "Hola.", f->asset[0]);
  add (f, "", "(A pause, no audio.)", 0);
  lines[1] = add (f, "LUIS", "¿Qué tal?\nBien.", f->asset[1]);
  lines[2] = add (f, "ANA", "", f->asset[2]);
  lines[3] = add (f, "LUIS", "Otra vez.", f->asset[0]);

  progress_log_init (&log);
  id = secuencia_project_convert_screenplay (f->project, "Act 1", gap, on_progress, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_monotonic_to_one (&log);
  progress_log_clear (&log);

  info = secuencia_project_get_timeline (f->project, id, &error);
  g_assert_cmpstr (info->name, ==, "Act 1");
  g_assert_cmpuint (info->n_clips, ==, 4);

  clips = secuencia_project_list_clips (f->project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clips->len, ==, 4);
  {
    const SecuenciaTime expected_offsets[4] = {
      0,
      f->duration[0] + gap,
      f->duration[0] + gap + f->duration[1] + gap,
      f->duration[0] + gap + f->duration[1] + gap + f->duration[2] + gap,
    };
    const gint64 expected_assets[4] = { f->asset[0], f->asset[1], f->asset[2], f->asset[0] };
    const char *expected_names[4] = { "ANA: Hola.", "LUIS: ¿Qué tal? Bien.", "ANA", "LUIS: Otra vez." };

    for (guint i = 0; i < 4; i++)
      {
        const SecuenciaClip *clip = clips->pdata[i];
        g_assert_cmpint (clip->offset, ==, expected_offsets[i]);
        g_assert_cmpint (clip->asset_id, ==, expected_assets[i]);
        g_assert_cmpint (clip->source_start, ==, 0);
        g_assert_cmpint (clip->lane, ==, 0);
        g_assert_cmpstr (clip->name, ==, expected_names[i]);
        g_assert_cmpint (clip->element_id, ==, lines[i]);
      }
    g_assert_cmpint (info->duration, ==, expected_offsets[3] + f->duration[0]);
  }
}

static void
test_zero_gap_and_long_names (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaTimeline) timeline = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autofree char *long_text = g_strnfill (200, 'x');

  add (f, "", long_text, f->asset[1]);
  add (f, "", "b", f->asset[2]);

  /* build_timeline: in memory only, nothing stored. */
  elements = secuencia_project_list_elements (f->project, &error);
  g_assert_no_error (error);
  timeline = secuencia_screenplay_build_timeline (elements, "T", 0, NULL, NULL, 1.0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (secuencia_timeline_get_id (timeline), ==, 0);
  clips = secuencia_timeline_get_clips (timeline);
  g_assert_cmpuint (clips->len, ==, 2);
  g_assert_cmpint (((SecuenciaClip *) clips->pdata[1])->offset, ==, f->duration[1]);
  g_assert_cmpint (g_utf8_strlen (((SecuenciaClip *) clips->pdata[0])->name, -1), ==, 60);
  g_assert_true (g_str_has_suffix (((SecuenciaClip *) clips->pdata[0])->name, "…"));
  {
    g_autoptr(GPtrArray) timelines = secuencia_project_list_timelines (f->project, NULL);
    g_assert_cmpuint (timelines->len, ==, 0);
  }
}

static void
test_no_audio (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timelines = NULL;

  g_assert_cmpint (secuencia_project_convert_screenplay (f->project, "Empty", 0, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SECUENCIA_CONVERTER_ERROR, SECUENCIA_CONVERTER_ERROR_NO_AUDIO);
  g_clear_error (&error);

  add (f, "A", "no audio", 0);
  add (f, "B", "none either", 0);
  g_assert_cmpint (secuencia_project_convert_screenplay (f->project, "Empty", 0, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SECUENCIA_CONVERTER_ERROR, SECUENCIA_CONVERTER_ERROR_NO_AUDIO);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);

  add (f, "C", "audio", f->asset[0]);
  g_assert_cmpint (secuencia_project_convert_screenplay (f->project, "Bad gap", -1, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SECUENCIA_CONVERTER_ERROR, SECUENCIA_CONVERTER_ERROR_INVALID_GAP);

  timelines = secuencia_project_list_timelines (f->project, NULL);
  g_assert_cmpuint (timelines->len, ==, 0);
}

static gboolean
add_many (SecuenciaProject *project, gpointer user_data, GError **error)
{
  Fixture *f = user_data;

  for (int i = 0; i < 1000; i++)
    {
      g_autofree char *text = g_strdup_printf ("Line %d of the screenplay.", i + 1);
      gint64 asset = i % 7 == 6 ? 0 : f->asset[i % 3];
      if (secuencia_project_append_element (project, i % 2 ? "ANA" : "LUIS", text, asset, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static void
test_thousand_lines (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  SecuenciaTime gap = 100 * SECUENCIA_TIME_MSECOND;
  SecuenciaTime expected = 0;
  guint expected_count = 0;
  ProgressLog log;
  gint64 id;

  g_assert_true (secuencia_project_transaction (f->project, add_many, f, &error));
  g_assert_no_error (error);

  progress_log_init (&log);
  id = secuencia_project_convert_screenplay (f->project, "Full", gap, on_progress, &log, NULL, &error);
  g_assert_no_error (error);
  assert_monotonic_to_one (&log);
  progress_log_clear (&log);

  elements = secuencia_project_list_elements (f->project, NULL);
  clips = secuencia_project_list_clips (f->project, id, &error);
  for (guint i = 0; i < elements->len; i++)
    {
      const SecuenciaElementInfo *e = elements->pdata[i];
      const SecuenciaClip *clip;

      if (e->asset_id == 0)
        continue;
      clip = clips->pdata[expected_count++];
      g_assert_cmpint (clip->offset, ==, expected);
      g_assert_cmpint (clip->asset_id, ==, e->asset_id);
      g_assert_cmpint (clip->duration, ==, e->duration);
      expected += e->duration + gap;
    }
  g_assert_cmpuint (clips->len, ==, expected_count);
  g_assert_cmpuint (expected_count, ==, 1000 - 1000 / 7);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) timelines = NULL;
  ProgressLog log;

  g_assert_true (secuencia_project_transaction (f->project, add_many, f, &error));

  /* Cancelled while storing (from the progress callback): rolled back. */
  progress_log_init (&log);
  log.cancel_at_store = cancellable;
  g_assert_cmpint (secuencia_project_convert_screenplay (f->project, "Cancelled", 0, on_progress, &log,
                                                 cancellable, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* Progress never claimed completion. */
  for (guint i = 0; i < log.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (log.fractions, double, i), <, 1.0);
  progress_log_clear (&log);

  /* Already cancelled before starting. */
  g_assert_cmpint (secuencia_project_convert_screenplay (f->project, "Cancelled", 0, NULL, NULL,
                                                 cancellable, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  timelines = secuencia_project_list_timelines (f->project, NULL);
  g_assert_cmpuint (timelines->len, ==, 0);
  g_assert_false (secuencia_project_in_transaction (f->project));
  {
    sqlite3 *db = secuencia_project_get_db (f->project);
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (db, "SELECT count(*) FROM clips", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }
  /* And the project still works. */
  g_assert_cmpint (secuencia_project_convert_screenplay (f->project, "After", 0, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* One story: lines added later go after lane 0's last clip, the gap
 * apart; lines without audio get none; other lanes do not count. */
static void
test_clips_for_lines (Fixture *f, gconstpointer data)
{
  g_autoptr(SecuenciaTimeline) timeline = secuencia_timeline_new ("T");
  g_autoptr(SecuenciaTimeline) empty = secuencia_timeline_new ("E");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_element_info_free);
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(SecuenciaClip) first = NULL;
  g_autoptr(SecuenciaClip) other_lane = NULL;
  SecuenciaElementInfo *line;
  const SecuenciaClip *clip;

  secuencia_timeline_register_asset (timeline, 1, 3 * SECUENCIA_TIME_SECOND);
  first = secuencia_clip_new (1, SECUENCIA_TIME_SECOND, 0, 2 * SECUENCIA_TIME_SECOND, 0);
  other_lane = secuencia_clip_new (1, 5 * SECUENCIA_TIME_SECOND, 0, 3 * SECUENCIA_TIME_SECOND, 1);
  g_assert_cmpint (secuencia_timeline_insert (timeline, first, NULL), !=, 0);
  g_assert_cmpint (secuencia_timeline_insert (timeline, other_lane, NULL), !=, 0);

  line = secuencia_element_info_new (SECUENCIA_ELEMENT_DIALOGUE, "ANA", "Here.");
  line->id = 11;
  line->asset_id = 7;
  line->duration = SECUENCIA_TIME_SECOND / 2;
  g_ptr_array_add (lines, line);
  line = secuencia_element_info_new (SECUENCIA_ELEMENT_DIALOGUE, "BEN", "No audio.");
  line->id = 12;
  g_ptr_array_add (lines, line);
  line = secuencia_element_info_new (SECUENCIA_ELEMENT_DIALOGUE, "BEN", "There.");
  line->id = 13;
  line->asset_id = 8;
  line->duration = SECUENCIA_TIME_SECOND;
  g_ptr_array_add (lines, line);

  clips = secuencia_screenplay_clips_for_lines (timeline, lines, 250 * SECUENCIA_TIME_MSECOND);
  g_assert_cmpuint (clips->len, ==, 2);
  clip = clips->pdata[0];
  g_assert_cmpint (clip->id, ==, 0);
  g_assert_cmpint (clip->element_id, ==, 11);
  g_assert_cmpint (clip->asset_id, ==, 7);
  g_assert_cmpint (clip->lane, ==, 0);
  g_assert_cmpint (clip->offset, ==, 3250 * SECUENCIA_TIME_MSECOND);
  g_assert_cmpint (clip->source_start, ==, 0);
  g_assert_cmpint (clip->duration, ==, SECUENCIA_TIME_SECOND / 2);
  g_assert_cmpstr (clip->name, ==, "ANA: Here.");
  clip = clips->pdata[1];
  g_assert_cmpint (clip->element_id, ==, 13);
  g_assert_cmpint (clip->offset, ==, 4000 * SECUENCIA_TIME_MSECOND);
  /* Not inserted, but their assets are known, so they can be. */
  g_assert_cmpuint (secuencia_timeline_get_n_clips (timeline), ==, 2);
  g_assert_cmpint (secuencia_timeline_insert (timeline, clips->pdata[0], NULL), !=, 0);
  g_assert_cmpint (secuencia_timeline_insert (timeline, clips->pdata[1], NULL), !=, 0);
  g_clear_pointer (&clips, g_ptr_array_unref);

  /* An empty timeline: from 0, the gap between the two. */
  clips = secuencia_screenplay_clips_for_lines (empty, lines, 250 * SECUENCIA_TIME_MSECOND);
  g_assert_cmpuint (clips->len, ==, 2);
  g_assert_cmpint (((SecuenciaClip *) clips->pdata[0])->offset, ==, 0);
  g_assert_cmpint (((SecuenciaClip *) clips->pdata[1])->offset, ==, 750 * SECUENCIA_TIME_MSECOND);
}

/* Lines added after a script import keep its dual dialogue: the second
 * voice on lane 1 from where its partner starts, the next line after
 * both, as the converter lays them out. */
static void
test_clips_for_dual_lines (Fixture *f, gconstpointer data)
{
  g_autoptr(SecuenciaTimeline) timeline = secuencia_timeline_new ("T");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) secuencia_element_info_free);
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(SecuenciaClip) first = NULL;
  SecuenciaElementInfo *line;
  const SecuenciaClip *clip;

  secuencia_timeline_register_asset (timeline, 1, 3 * SECUENCIA_TIME_SECOND);
  first = secuencia_clip_new (1, 0, 0, 3 * SECUENCIA_TIME_SECOND, 0);
  g_assert_cmpint (secuencia_timeline_insert (timeline, first, NULL), !=, 0);

  line = secuencia_element_info_new (SECUENCIA_ELEMENT_DIALOGUE, "ANA", "Now!");
  line->id = 21;
  line->asset_id = 7;
  line->duration = SECUENCIA_TIME_SECOND;
  g_ptr_array_add (lines, line);
  line = secuencia_element_info_new (SECUENCIA_ELEMENT_DIALOGUE, "BEN", "Now!");
  line->id = 22;
  line->asset_id = 8;
  line->duration = SECUENCIA_TIME_SECOND / 2;
  line->dual = TRUE;
  g_ptr_array_add (lines, line);
  line = secuencia_element_info_new (SECUENCIA_ELEMENT_DIALOGUE, "ANA", "Then run.");
  line->id = 23;
  line->asset_id = 9;
  line->duration = SECUENCIA_TIME_SECOND;
  g_ptr_array_add (lines, line);

  clips = secuencia_screenplay_clips_for_lines (timeline, lines, 250 * SECUENCIA_TIME_MSECOND);
  g_assert_cmpuint (clips->len, ==, 3);
  clip = clips->pdata[0];
  g_assert_cmpint (clip->element_id, ==, 21);
  g_assert_cmpint (clip->lane, ==, 0);
  g_assert_cmpint (clip->offset, ==, 3250 * SECUENCIA_TIME_MSECOND);
  clip = clips->pdata[1];
  g_assert_cmpint (clip->element_id, ==, 22);
  g_assert_cmpint (clip->id, ==, 0);
  g_assert_cmpint (clip->lane, ==, 1);
  g_assert_cmpint (clip->offset, ==, 3250 * SECUENCIA_TIME_MSECOND);
  g_assert_cmpint (clip->duration, ==, SECUENCIA_TIME_SECOND / 2);
  g_assert_cmpstr (clip->name, ==, "BEN: Now!");
  clip = clips->pdata[2];
  g_assert_cmpint (clip->element_id, ==, 23);
  g_assert_cmpint (clip->lane, ==, 0);
  g_assert_cmpint (clip->offset, ==, 4500 * SECUENCIA_TIME_MSECOND);
  /* They can be inserted as they are: their assets are known. */
  for (guint i = 0; i < clips->len; i++)
    g_assert_cmpint (secuencia_timeline_insert (timeline, clips->pdata[i], NULL), !=, 0);
  g_assert_cmpuint (secuencia_timeline_get_n_clips (timeline), ==, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/converter/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("layout-with-gap", test_layout_with_gap);
  ADD ("zero-gap-long-names", test_zero_gap_and_long_names);
  ADD ("no-audio", test_no_audio);
  ADD ("thousand-lines", test_thousand_lines);
  ADD ("cancel", test_cancel);
  ADD ("clips-for-lines", test_clips_for_lines);
  ADD ("clips-for-dual-lines", test_clips_for_dual_lines);
#undef ADD

  return g_test_run ();
}
