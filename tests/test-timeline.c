/* test-timeline.c: every SecuenciaTimeline operation and its error cases. */
#include <string.h>
#include <gio/gio.h>

#include "secuencia-timeline.h"

#define S(x) ((SecuenciaTime) ((x) * SECUENCIA_TIME_SECOND))
#define MS(x) ((SecuenciaTime) (x) * SECUENCIA_TIME_MSECOND)

/* Assets: 1 = 10 s, 2 = 3 s, 3 = 1 ns. */
static SecuenciaTimeline *
new_timeline (void)
{
  SecuenciaTimeline *timeline = secuencia_timeline_new ("Test");

  secuencia_timeline_register_asset (timeline, 1, S (10));
  secuencia_timeline_register_asset (timeline, 2, S (3));
  secuencia_timeline_register_asset (timeline, 3, 1);
  return timeline;
}

static SecuenciaClip *
clip_template (gint64 asset_id, SecuenciaTime offset, SecuenciaTime source_start,
               SecuenciaTime duration, int lane)
{
  return secuencia_clip_new (asset_id, offset, source_start, duration, lane);
}

static gint64
insert_ok (SecuenciaTimeline *timeline, gint64 asset, SecuenciaTime offset,
           SecuenciaTime duration, int lane)
{
  g_autoptr(SecuenciaClip) clip = clip_template (asset, offset, 0, duration, lane);
  g_autoptr(GError) error = NULL;
  gint64 id = secuencia_timeline_insert (timeline, clip, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, !=, 0);
  return id;
}

static void
assert_clip (SecuenciaTimeline *timeline, gint64 id, SecuenciaTime offset,
             SecuenciaTime source_start, SecuenciaTime duration, int lane)
{
  g_autoptr(SecuenciaClip) clip = secuencia_timeline_dup_clip (timeline, id);

  g_assert_nonnull (clip);
  g_assert_cmpint (clip->offset, ==, offset);
  g_assert_cmpint (clip->source_start, ==, source_start);
  g_assert_cmpint (clip->duration, ==, duration);
  g_assert_cmpint (clip->lane, ==, lane);
}

static void
test_append (void)
{
  g_autoptr(SecuenciaTimeline) timeline = new_timeline ();
  g_autoptr(SecuenciaClip) a = clip_template (2, S (99), 0, S (3), 7);  /* offset/lane ignored */
  g_autoptr(SecuenciaClip) b = clip_template (1, 0, S (1), MS (2500), 0);
  g_autoptr(GError) error = NULL;
  gint64 id_a, id_b, id_c;

  g_assert_cmpint (secuencia_timeline_get_duration (timeline), ==, 0);
  id_a = secuencia_timeline_append (timeline, a, &error);
  g_assert_no_error (error);
  assert_clip (timeline, id_a, 0, 0, S (3), 0);

  /* A long clip on another lane does not count for append. */
  insert_ok (timeline, 1, 0, S (10), 1);
  id_b = secuencia_timeline_append (timeline, b, &error);
  g_assert_no_error (error);
  assert_clip (timeline, id_b, S (3), S (1), MS (2500), 0);
  id_c = secuencia_timeline_append (timeline, a, &error);
  assert_clip (timeline, id_c, MS (5500), 0, S (3), 0);

  g_assert_cmpint (secuencia_timeline_get_lane_end (timeline, 0), ==, MS (8500));
  g_assert_cmpint (secuencia_timeline_get_duration (timeline), ==, S (10));
  g_assert_cmpuint (secuencia_timeline_get_n_clips (timeline), ==, 4);
  /* Ids are distinct, non-zero, provisional (negative). */
  g_assert_cmpint (id_a, <, 0);
  g_assert_cmpint (id_a, !=, id_b);
  g_assert_cmpint (id_b, !=, id_c);
}

static void
test_insert_overlap_allowed (void)
{
  g_autoptr(SecuenciaTimeline) timeline = new_timeline ();
  gint64 a = insert_ok (timeline, 1, S (1), S (5), 0);
  gint64 b = insert_ok (timeline, 2, S (2), S (3), 0);   /* overlaps a */

  assert_clip (timeline, a, S (1), 0, S (5), 0);
  assert_clip (timeline, b, S (2), 0, S (3), 0);
  insert_ok (timeline, 2, 0, S (1), -3);                 /* negative lanes are fine */
  g_assert_cmpuint (secuencia_timeline_get_n_clips (timeline), ==, 3);
}

static void
expect_error (SecuenciaTimeline *timeline, const SecuenciaClip *clip, int code, const char *needle)
{
  g_autoptr(GError) error = NULL;
  guint n = secuencia_timeline_get_n_clips (timeline);
  SecuenciaTime duration = secuencia_timeline_get_duration (timeline);
  int lane = 99;

  g_assert_cmpint (secuencia_timeline_insert (timeline, clip, &error), ==, 0);
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, code);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
  g_clear_error (&error);
  g_assert_cmpint (secuencia_timeline_append (timeline, clip, &error), ==, 0);
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, code);
  g_clear_error (&error);
  g_assert_cmpint (secuencia_timeline_insert_auto_lane (timeline, clip, &lane, &error), ==, 0);
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, code);
  g_assert_cmpint (lane, ==, 99);
  g_clear_error (&error);
  g_assert_cmpint (secuencia_timeline_insert_ripple (timeline, clip, NULL, 0, &error), ==, 0);
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, code);
  g_clear_error (&error);
  g_assert_cmpint (secuencia_timeline_add_clip (timeline, clip, &error), ==, 0);
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, code);

  /* Nothing changed. */
  g_assert_cmpuint (secuencia_timeline_get_n_clips (timeline), ==, n);
  g_assert_cmpint (secuencia_timeline_get_duration (timeline), ==, duration);
}

static void
test_invalid_input (void)
{
  g_autoptr(SecuenciaTimeline) timeline = new_timeline ();
  SecuenciaClip *c;

  insert_ok (timeline, 1, 0, S (1), 0);

  c = clip_template (1, 0, 0, 0, 0);
  expect_error (timeline, c, SECUENCIA_TIMELINE_ERROR_INVALID_DURATION, "asset 1");
  secuencia_clip_free (c);
  c = clip_template (1, 0, 0, -S (1), 0);
  expect_error (timeline, c, SECUENCIA_TIMELINE_ERROR_INVALID_DURATION, "-1");
  secuencia_clip_free (c);
  c = clip_template (42, 0, 0, S (1), 0);
  expect_error (timeline, c, SECUENCIA_TIMELINE_ERROR_UNKNOWN_ASSET, "42");
  secuencia_clip_free (c);
  c = clip_template (1, 0, -1, S (1), 0);
  expect_error (timeline, c, SECUENCIA_TIMELINE_ERROR_INVALID_SOURCE, NULL);
  secuencia_clip_free (c);
  /* Source start past the asset's end. */
  c = clip_template (2, 0, S (3) + 1, 1, 0);
  expect_error (timeline, c, SECUENCIA_TIMELINE_ERROR_INVALID_SOURCE, "3 s long");
  secuencia_clip_free (c);
  /* Start inside, end 1 ns past the end. */
  c = clip_template (2, 0, S (1), S (2) + 1, 0);
  expect_error (timeline, c, SECUENCIA_TIMELINE_ERROR_INVALID_SOURCE, "asset 2");
  secuencia_clip_free (c);
  c = clip_template (3, 0, 0, 2, 0);
  expect_error (timeline, c, SECUENCIA_TIMELINE_ERROR_INVALID_SOURCE, NULL);
  secuencia_clip_free (c);

  /* Negative offset: insert, auto-lane, ripple and add refuse it (append
   * ignores the offset, so it is checked separately). */
  {
    g_autoptr(SecuenciaClip) neg = clip_template (1, -1, 0, S (1), 0);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint (secuencia_timeline_insert (timeline, neg, &error), ==, 0);
    g_assert_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_OFFSET);
    g_clear_error (&error);
    g_assert_cmpint (secuencia_timeline_insert_auto_lane (timeline, neg, NULL, &error), ==, 0);
    g_assert_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_OFFSET);
    g_clear_error (&error);
    g_assert_cmpint (secuencia_timeline_insert_ripple (timeline, neg, NULL, 0, &error), ==, 0);
    g_assert_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_OFFSET);
    g_clear_error (&error);
    /* End past SECUENCIA_TIME_MAX. */
    neg->offset = SECUENCIA_TIME_MAX - S (1) + 1;
    g_assert_cmpint (secuencia_timeline_insert (timeline, neg, &error), ==, 0);
    g_assert_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_OFFSET);
    g_clear_error (&error);
    neg->offset = SECUENCIA_TIME_MAX - S (1);
    g_assert_cmpint (secuencia_timeline_insert (timeline, neg, &error), !=, 0);
    g_assert_no_error (error);
  }

  /* Exactly the whole asset, and the last nanosecond, are fine. */
  insert_ok (timeline, 2, 0, S (3), 5);
  {
    g_autoptr(SecuenciaClip) last = clip_template (3, S (4), 0, 1, 0);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint (secuencia_timeline_insert (timeline, last, &error), !=, 0);
    g_assert_no_error (error);
  }
}

static void
test_auto_lane (void)
{
  g_autoptr(SecuenciaTimeline) timeline = new_timeline ();
  g_autoptr(SecuenciaClip) c = clip_template (1, S (2), 0, S (2), 0);
  g_autoptr(GError) error = NULL;
  int lane = -100;
  gint64 id;

  insert_ok (timeline, 1, S (1), S (2), 0);     /* [1,3) lane 0 */

  /* Free lane 0 when touching: [3,5) touches [1,3). */
  c->offset = S (3);
  id = secuencia_timeline_insert_auto_lane (timeline, c, &lane, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lane, ==, 0);
  assert_clip (timeline, id, S (3), 0, S (2), 0);

  /* [2,4) overlaps both on lane 0 -> +1. */
  c->offset = S (2);
  id = secuencia_timeline_insert_auto_lane (timeline, c, &lane, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lane, ==, 1);
  assert_clip (timeline, id, S (2), 0, S (2), 1);

  /* Again -> -1, then +2, then -2. */
  id = secuencia_timeline_insert_auto_lane (timeline, c, &lane, &error);
  g_assert_cmpint (lane, ==, -1);
  id = secuencia_timeline_insert_auto_lane (timeline, c, &lane, &error);
  g_assert_cmpint (lane, ==, 2);
  id = secuencia_timeline_insert_auto_lane (timeline, c, &lane, &error);
  g_assert_cmpint (lane, ==, -2);
  g_assert_no_error (error);

  /* Search is relative to the preferred lane: preferred 5 is free. */
  c->lane = 5;
  id = secuencia_timeline_insert_auto_lane (timeline, c, &lane, &error);
  g_assert_cmpint (lane, ==, 5);
  /* Preferred 1 is busy: +1 = 2 busy, -1 = 0 busy, +2 = 3 free. */
  c->lane = 1;
  id = secuencia_timeline_insert_auto_lane (timeline, c, &lane, &error);
  g_assert_cmpint (lane, ==, 3);
  assert_clip (timeline, id, S (2), 0, S (2), 3);

  /* A 1 ns clip just at the end of everything fits on lane 0... */
  {
    g_autoptr(SecuenciaClip) tiny = clip_template (3, S (5), 0, 1, 0);
    secuencia_timeline_insert_auto_lane (timeline, tiny, &lane, &error);
    g_assert_cmpint (lane, ==, 0);
    /* ...and 1 ns earlier it overlaps [3,5) -> lane 1 is free there. */
    tiny->offset = S (5) - 1;
    secuencia_timeline_insert_auto_lane (timeline, tiny, &lane, &error);
    g_assert_cmpint (lane, ==, 1);
  }
  g_assert_no_error (error);
}

static void
test_ripple (void)
{
  g_autoptr(SecuenciaTimeline) timeline = new_timeline ();
  g_autoptr(SecuenciaClip) c = clip_template (2, S (2), 0, S (1), 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lane0 = NULL;
  const int only_lane0[] = { 0 };
  gint64 before, at, after, other_lane, id;

  before = insert_ok (timeline, 2, 0, S (1), 0);          /* [0,1)    */
  at = insert_ok (timeline, 2, S (2), S (1), 0);          /* [2,3) starts at the point */
  after = insert_ok (timeline, 2, S (5), S (2), 0);       /* [5,7)    */
  other_lane = insert_ok (timeline, 2, S (4), S (1), 1);  /* lane 1 */

  id = secuencia_timeline_insert_ripple (timeline, c, only_lane0, 1, &error);
  g_assert_no_error (error);
  assert_clip (timeline, id, S (2), 0, S (1), 0);
  assert_clip (timeline, before, 0, 0, S (1), 0);
  assert_clip (timeline, at, S (3), 0, S (1), 0);          /* offset >= point moves */
  assert_clip (timeline, after, S (6), 0, S (2), 0);
  assert_clip (timeline, other_lane, S (4), 0, S (1), 1);  /* lane not rippled */
  g_assert_cmpuint (secuencia_timeline_get_n_clips (timeline), ==, 5);

  /* All lanes (NULL): lane 1 moves too. */
  c->offset = S (1);
  c->lane = 0;
  id = secuencia_timeline_insert_ripple (timeline, c, NULL, 0, &error);
  g_assert_no_error (error);
  assert_clip (timeline, other_lane, S (5), 0, S (1), 1);
  assert_clip (timeline, after, S (7), 0, S (2), 0);

  lane0 = secuencia_timeline_get_clips_on_lane (timeline, 0);
  /* No overlaps on lane 0 after rippling. */
  for (guint i = 1; i < lane0->len; i++)
    {
      const SecuenciaClip *p = g_ptr_array_index (lane0, i - 1);
      const SecuenciaClip *q = g_ptr_array_index (lane0, i);
      g_assert_cmpint (secuencia_clip_get_end (p), <=, q->offset);
    }
}

static void
test_ripple_straddling_clip_is_split (void)
{
  g_autoptr(SecuenciaTimeline) timeline = new_timeline ();
  g_autoptr(SecuenciaClip) straddler = clip_template (1, S (1), S (2), S (4), 0);  /* [1,5) uses 2..6 s */
  g_autoptr(SecuenciaClip) c = clip_template (2, S (3), 0, MS (1500), 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  const SecuenciaClip *left, *inserted, *right;
  gint64 straddler_id, id;

  straddler->volume_db = -6.0;
  straddler->muted = TRUE;
  g_free (straddler->name);
  straddler->name = g_strdup ("line");
  straddler_id = secuencia_timeline_insert (timeline, straddler, &error);
  g_assert_no_error (error);

  id = secuencia_timeline_insert_ripple (timeline, c, NULL, 0, &error);
  g_assert_no_error (error);

  clips = secuencia_timeline_get_clips_on_lane (timeline, 0);
  g_assert_cmpuint (clips->len, ==, 3);
  left = g_ptr_array_index (clips, 0);
  inserted = g_ptr_array_index (clips, 1);
  right = g_ptr_array_index (clips, 2);

  /* Left part keeps the id, ends at the point. */
  g_assert_cmpint (left->id, ==, straddler_id);
  g_assert_cmpint (left->offset, ==, S (1));
  g_assert_cmpint (left->source_start, ==, S (2));
  g_assert_cmpint (left->duration, ==, S (2));
  /* The new clip at the point. */
  g_assert_cmpint (inserted->id, ==, id);
  g_assert_cmpint (inserted->offset, ==, S (3));
  /* Right part: the rest of the audio, after the new clip. */
  g_assert_cmpint (right->id, !=, straddler_id);
  g_assert_cmpint (right->id, !=, id);
  g_assert_cmpint (right->offset, ==, MS (4500));
  g_assert_cmpint (right->source_start, ==, S (4));
  g_assert_cmpint (right->duration, ==, S (2));
  g_assert_cmpint (right->asset_id, ==, 1);
  g_assert_cmpfloat (right->volume_db, ==, -6.0);
  g_assert_true (right->muted);
  g_assert_cmpstr (right->name, ==, "line");
  /* Total audio of the asset preserved: 2 + 2 = 4 s. */
  g_assert_cmpint (left->duration + right->duration, ==, S (4));
  g_assert_cmpint (secuencia_timeline_get_duration (timeline), ==, MS (6500));
}

static void
test_ripple_overflow_changes_nothing (void)
{
  g_autoptr(SecuenciaTimeline) timeline = new_timeline ();
  g_autoptr(SecuenciaClip) c = clip_template (1, 0, 0, S (10), 0);
  g_autoptr(GError) error = NULL;
  gint64 far = insert_ok (timeline, 1, SECUENCIA_TIME_MAX - S (5), S (1), 0);
  gint64 near = insert_ok (timeline, 1, S (1), S (1), 0);

  g_assert_cmpint (secuencia_timeline_insert_ripple (timeline, c, NULL, 0, &error), ==, 0);
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_OFFSET);
  assert_clip (timeline, far, SECUENCIA_TIME_MAX - S (5), 0, S (1), 0);
  assert_clip (timeline, near, S (1), 0, S (1), 0);
  g_assert_cmpuint (secuencia_timeline_get_n_clips (timeline), ==, 2);
}

static void
test_remove (void)
{
  g_autoptr(SecuenciaTimeline) timeline = new_timeline ();
  g_autoptr(GError) error = NULL;
  gint64 a = insert_ok (timeline, 2, 0, S (2), 0);           /* [0,2) */
  gint64 b = insert_ok (timeline, 2, S (2), S (3), 0);       /* [2,5) */
  gint64 c = insert_ok (timeline, 2, S (5), S (1), 0);       /* [5,6) */
  gint64 d = insert_ok (timeline, 2, S (7), S (1), 0);       /* [7,8) */
  gint64 other = insert_ok (timeline, 2, S (6), S (1), 1);   /* lane 1 */

  /* Without closing the gap. */
  g_assert_true (secuencia_timeline_remove (timeline, a, FALSE, &error));
  g_assert_no_error (error);
  assert_clip (timeline, b, S (2), 0, S (3), 0);
  g_assert_null (secuencia_timeline_dup_clip (timeline, a));

  /* Closing the gap: c and d move left by 3 s; lane 1 untouched. */
  g_assert_true (secuencia_timeline_remove (timeline, b, TRUE, &error));
  assert_clip (timeline, c, S (2), 0, S (1), 0);
  assert_clip (timeline, d, S (4), 0, S (1), 0);
  assert_clip (timeline, other, S (6), 0, S (1), 1);

  /* Unknown id. */
  g_assert_false (secuencia_timeline_remove (timeline, 12345, TRUE, &error));
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_CLIP_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "12345"));
  g_assert_cmpuint (secuencia_timeline_get_n_clips (timeline), ==, 3);
}

static void
test_remove_close_gap_partially_covered (void)
{
  g_autoptr(SecuenciaTimeline) timeline = new_timeline ();
  g_autoptr(GError) error = NULL;
  gint64 long_clip = insert_ok (timeline, 1, 0, S (4), 0);    /* [0,4) */
  gint64 removed = insert_ok (timeline, 2, S (3), S (3), 0);  /* [3,6) overlaps it */
  gint64 later = insert_ok (timeline, 2, S (6), S (1), 0);    /* [6,7) */

  /* Only [4,6) becomes empty: later moves by 2 s, not 3 s. */
  g_assert_true (secuencia_timeline_remove (timeline, removed, TRUE, &error));
  g_assert_no_error (error);
  assert_clip (timeline, later, S (4), 0, S (1), 0);
  assert_clip (timeline, long_clip, 0, 0, S (4), 0);

  /* Fully covered: nothing moves. */
  removed = insert_ok (timeline, 2, S (1), S (2), 0);         /* [1,3) inside [0,4) */
  g_assert_true (secuencia_timeline_remove (timeline, removed, TRUE, &error));
  assert_clip (timeline, later, S (4), 0, S (1), 0);
}

static void
test_move (void)
{
  g_autoptr(SecuenciaTimeline) timeline = new_timeline ();
  g_autoptr(GError) error = NULL;
  gint64 a = insert_ok (timeline, 2, 0, S (2), 0);

  g_assert_true (secuencia_timeline_move (timeline, a, S (10), -2, &error));
  g_assert_no_error (error);
  assert_clip (timeline, a, S (10), 0, S (2), -2);
  g_assert_cmpint (secuencia_timeline_get_lane_end (timeline, -2), ==, S (12));

  g_assert_false (secuencia_timeline_move (timeline, a, -1, 0, &error));
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_OFFSET);
  g_clear_error (&error);
  g_assert_false (secuencia_timeline_move (timeline, a, SECUENCIA_TIME_MAX - 1, 0, &error));
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_OFFSET);
  g_clear_error (&error);
  assert_clip (timeline, a, S (10), 0, S (2), -2);
  g_assert_false (secuencia_timeline_move (timeline, 999, 0, 0, &error));
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_CLIP_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (secuencia_timeline_set_clip_mix (timeline, a, -3.5, TRUE, &error));
  {
    g_autoptr(SecuenciaClip) clip = secuencia_timeline_dup_clip (timeline, a);
    g_assert_cmpfloat (clip->volume_db, ==, -3.5);
    g_assert_true (clip->muted);
  }
  g_assert_false (secuencia_timeline_set_clip_mix (timeline, 999, 0, FALSE, &error));
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_CLIP_NOT_FOUND);
}

static void
test_queries (void)
{
  g_autoptr(SecuenciaTimeline) timeline = new_timeline ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) lane1 = NULL;
  g_autoptr(GPtrArray) range = NULL;
  g_autoptr(GPtrArray) touching = NULL;
  g_autoptr(GPtrArray) by_asset = NULL;
  g_autoptr(GPtrArray) none = NULL;
  gint64 a = insert_ok (timeline, 1, S (4), S (2), 0);   /* [4,6) */
  gint64 b = insert_ok (timeline, 2, S (1), S (1), 1);   /* [1,2) lane 1 */
  gint64 c = insert_ok (timeline, 2, S (4), S (1), -1);  /* [4,5) lane -1 */
  gint64 d = insert_ok (timeline, 1, S (7), S (1), 1);   /* [7,8) lane 1 */

  all = secuencia_timeline_get_clips (timeline);
  g_assert_cmpuint (all->len, ==, 4);
  /* Ordered by offset, then lane. */
  g_assert_cmpint (((SecuenciaClip *) all->pdata[0])->id, ==, b);
  g_assert_cmpint (((SecuenciaClip *) all->pdata[1])->id, ==, c);
  g_assert_cmpint (((SecuenciaClip *) all->pdata[2])->id, ==, a);
  g_assert_cmpint (((SecuenciaClip *) all->pdata[3])->id, ==, d);

  lane1 = secuencia_timeline_get_clips_on_lane (timeline, 1);
  g_assert_cmpuint (lane1->len, ==, 2);
  g_assert_cmpint (((SecuenciaClip *) lane1->pdata[0])->id, ==, b);
  g_assert_cmpint (((SecuenciaClip *) lane1->pdata[1])->id, ==, d);

  /* Half-open: [2,4) touches b's end and a/c's start -> nothing. */
  touching = secuencia_timeline_get_clips_in_range (timeline, S (2), S (4));
  g_assert_cmpuint (touching->len, ==, 0);
  range = secuencia_timeline_get_clips_in_range (timeline, S (2), S (4) + 1);
  g_assert_cmpuint (range->len, ==, 2);
  g_assert_cmpint (((SecuenciaClip *) range->pdata[0])->id, ==, c);
  g_assert_cmpint (((SecuenciaClip *) range->pdata[1])->id, ==, a);

  by_asset = secuencia_timeline_get_clips_for_asset (timeline, 1);
  g_assert_cmpuint (by_asset->len, ==, 2);
  g_assert_cmpint (((SecuenciaClip *) by_asset->pdata[0])->id, ==, a);
  g_assert_cmpint (((SecuenciaClip *) by_asset->pdata[1])->id, ==, d);
  none = secuencia_timeline_get_clips_for_asset (timeline, 3);
  g_assert_cmpuint (none->len, ==, 0);

  /* Copies: changing one does not change the timeline. */
  ((SecuenciaClip *) all->pdata[0])->offset = S (100);
  assert_clip (timeline, b, S (1), 0, S (1), 1);
}

static void
on_changed (SecuenciaTimeline *timeline, guint *count)
{
  (*count)++;
}

static void
test_ids_and_signals (void)
{
  g_autoptr(SecuenciaTimeline) timeline = new_timeline ();
  g_autoptr(SecuenciaClip) stored = clip_template (1, 0, 0, S (1), 0);
  g_autoptr(GError) error = NULL;
  guint changed = 0;
  gint64 id, dup;

  g_signal_connect (timeline, "changed", G_CALLBACK (on_changed), &changed);
  stored->id = 77;
  id = secuencia_timeline_add_clip (timeline, stored, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 77);
  /* Same id again: gets a fresh provisional one. */
  dup = secuencia_timeline_add_clip (timeline, stored, &error);
  g_assert_cmpint (dup, <, 0);
  g_assert_cmpuint (changed, ==, 2);

  g_assert_true (secuencia_timeline_renumber_clip (timeline, dup, 78));
  g_assert_false (secuencia_timeline_renumber_clip (timeline, 78, 77));   /* taken */
  g_assert_false (secuencia_timeline_renumber_clip (timeline, 5, 6));     /* unknown */
  assert_clip (timeline, 78, 0, 0, S (1), 0);

  g_assert_cmpint (secuencia_timeline_get_asset_duration (timeline, 2), ==, S (3));
  g_assert_cmpint (secuencia_timeline_get_asset_duration (timeline, 9), ==, -1);
  secuencia_timeline_set_name (timeline, "Other");
  g_assert_cmpstr (secuencia_timeline_get_name (timeline), ==, "Other");
  g_assert_cmpint (secuencia_timeline_get_id (timeline), ==, 0);
}

static void
test_replace_and_trim (void)
{
  g_autoptr(SecuenciaTimeline) timeline = new_timeline ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaClip) copy = NULL;
  gint64 id = insert_ok (timeline, 1, S (2), S (4), 0);

  /* Trim within the asset: both ends. */
  g_assert_true (secuencia_timeline_trim (timeline, id, S (3), S (1), S (9), &error));
  g_assert_no_error (error);
  assert_clip (timeline, id, S (3), S (1), S (9), 0);
  /* Past the asset's end: refused, nothing changes. */
  g_assert_false (secuencia_timeline_trim (timeline, id, S (3), S (2), S (9), &error));
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_SOURCE);
  g_clear_error (&error);
  g_assert_false (secuencia_timeline_trim (timeline, id, -1, 0, S (1), &error));
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_INVALID_OFFSET);
  g_clear_error (&error);
  assert_clip (timeline, id, S (3), S (1), S (9), 0);

  copy = secuencia_timeline_dup_clip (timeline, id);
  copy->lane = 2;
  copy->volume_db = -6;
  copy->muted = TRUE;
  copy->element_id = 42;
  g_assert_true (secuencia_timeline_replace_clip (timeline, copy, &error));
  g_clear_pointer (&copy, secuencia_clip_free);
  copy = secuencia_timeline_dup_clip (timeline, id);
  g_assert_cmpint (copy->lane, ==, 2);
  g_assert_cmpfloat (copy->volume_db, ==, -6);
  g_assert_true (copy->muted);
  g_assert_cmpint (copy->element_id, ==, 42);
  copy->id = 12345;
  g_assert_false (secuencia_timeline_replace_clip (timeline, copy, &error));
  g_assert_error (error, SECUENCIA_TIMELINE_ERROR, SECUENCIA_TIMELINE_ERROR_CLIP_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline/append", test_append);
  g_test_add_func ("/timeline/insert-overlap-allowed", test_insert_overlap_allowed);
  g_test_add_func ("/timeline/invalid-input", test_invalid_input);
  g_test_add_func ("/timeline/auto-lane", test_auto_lane);
  g_test_add_func ("/timeline/ripple", test_ripple);
  g_test_add_func ("/timeline/ripple-straddling-split", test_ripple_straddling_clip_is_split);
  g_test_add_func ("/timeline/ripple-overflow", test_ripple_overflow_changes_nothing);
  g_test_add_func ("/timeline/remove", test_remove);
  g_test_add_func ("/timeline/remove-close-gap-covered", test_remove_close_gap_partially_covered);
  g_test_add_func ("/timeline/move", test_move);
  g_test_add_func ("/timeline/replace-and-trim", test_replace_and_trim);
  g_test_add_func ("/timeline/queries", test_queries);
  g_test_add_func ("/timeline/ids-and-signals", test_ids_and_signals);

  return g_test_run ();
}
