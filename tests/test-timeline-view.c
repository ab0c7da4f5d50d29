/* test-timeline-view.c: the timeline editor driven through its actions and
 * its drag gesture (the gesture's own signals, as GTK 4 cannot synthesize
 * pointer events), with the project file checked after every edit from a
 * separate connection; undo and redo; accessible names. */
#include <gtk/gtk.h>

#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"
#include "secuencia-timeline-view-private.h"

#define MS(x) ((SecuenciaTime) (x) * SECUENCIA_TIME_MSECOND)

typedef struct
{
  char                  *dir;
  char                  *path;
  SecuenciaProject      *project;
  SecuenciaTimeline     *timeline;
  SecuenciaUndoStack    *stack;
  GtkWindow             *window;
  SecuenciaTimelineView *view;
  gint64                 clip_a;   /* ANA, 1 s at 0 */
  gint64                 clip_b;   /* BEN, 2 s at 1.25 s */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wav1 = NULL;
  g_autofree char *wav2 = NULL;
  g_autoptr(GFile) file1 = NULL;
  g_autoptr(GFile) file2 = NULL;
  g_autoptr(GPtrArray) clips = NULL;
  gint64 a1, a2, line_a, line_b, id;

  f->dir = g_dir_make_tmp ("secuencia-view-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "view.secuencia", NULL);
  wav1 = g_build_filename (f->dir, "a.wav", NULL);
  wav2 = g_build_filename (f->dir, "b.wav", NULL);
  g_assert_true (secuencia_test_audio_write_tone (wav1, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, 440, 1.0, 0.5, &error));
  g_assert_true (secuencia_test_audio_write_tone (wav2, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, 660, 2.0, 0.5, &error));
  f->project = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  file1 = g_file_new_for_path (wav1);
  file2 = g_file_new_for_path (wav2);
  a1 = secuencia_project_import_audio (f->project, file1, NULL, &error);
  a2 = secuencia_project_import_audio (f->project, file2, NULL, &error);
  g_assert_no_error (error);
  line_a = secuencia_project_append_element (f->project, "ANA", "Did you hear that?", a1, &error);
  line_b = secuencia_project_append_element (f->project, "BEN", "Only the wind.", a2, &error);
  id = secuencia_project_convert_screenplay (f->project, "Scene", MS (250), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->timeline = secuencia_project_load_timeline (f->project, id, &error);
  g_assert_no_error (error);
  clips = secuencia_timeline_get_clips (f->timeline);
  g_assert_cmpuint (clips->len, ==, 2);
  f->clip_a = ((SecuenciaClip *) clips->pdata[0])->id;
  f->clip_b = ((SecuenciaClip *) clips->pdata[1])->id;

  f->stack = secuencia_undo_stack_new ();
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 300);
  f->view = secuencia_timeline_view_new ();
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  secuencia_timeline_view_set_project (f->view, f->project);
  secuencia_timeline_view_set_undo_stack (f->view, f->stack);
  secuencia_timeline_view_set_line (f->view, line_a, "ANA", "Did you hear that?");
  secuencia_timeline_view_set_line (f->view, line_b, "BEN", "Only the wind.");
  secuencia_timeline_view_set_timeline (f->view, f->timeline);
  gtk_window_present (f->window);
  while (gtk_widget_get_width (GTK_WIDGET (f->view)) == 0)
    g_main_context_iteration (NULL, TRUE);
  /* 10 ms per pixel, scrolled to the start. */
  secuencia_timeline_view_set_ns_per_pixel (f->view, 10.0 * SECUENCIA_TIME_MSECOND, 0);
  gtk_adjustment_set_value (f->view->hadjustment, 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->stack);
  g_assert_finalize_object (f->timeline);
  g_assert_finalize_object (f->project);
  secuencia_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The clip as stored in the file, read through another connection. */
static SecuenciaClip *
stored_clip (Fixture *f, gint64 clip_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) reader = secuencia_project_open (f->path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) clips = NULL;

  g_assert_no_error (error);
  clips = secuencia_project_list_clips (reader, secuencia_timeline_get_id (f->timeline), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < clips->len; i++)
    if (((SecuenciaClip *) clips->pdata[i])->id == clip_id)
      return secuencia_clip_copy (clips->pdata[i]);
  return NULL;
}

static void
assert_stored (Fixture *f, gint64 clip_id, SecuenciaTime offset, SecuenciaTime source_start,
               SecuenciaTime duration, int lane)
{
  g_autoptr(SecuenciaClip) clip = stored_clip (f, clip_id);

  g_assert_nonnull (clip);
  g_assert_cmpint (clip->offset, ==, offset);
  g_assert_cmpint (clip->source_start, ==, source_start);
  g_assert_cmpint (clip->duration, ==, duration);
  g_assert_cmpint (clip->lane, ==, lane);
}

static void
act (Fixture *f, const char *action, GVariant *param)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->view), action, param));
}

static void
undo (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (secuencia_undo_stack_undo (f->stack, &error));
  g_assert_no_error (error);
}

static void
redo (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (secuencia_undo_stack_redo (f->stack, &error));
  g_assert_no_error (error);
}

static void
test_keyboard_edits (Fixture *f, gconstpointer data)
{
  g_autoptr(SecuenciaClip) clip = NULL;

  secuencia_timeline_view_select_clip (f->view, f->clip_b);
  act (f, "timeline.nudge", g_variant_new_int64 (MS (100)));
  assert_stored (f, f->clip_b, MS (1350), 0, MS (2000), 0);
  act (f, "timeline.nudge", g_variant_new_int64 (-MS (10)));
  assert_stored (f, f->clip_b, MS (1340), 0, MS (2000), 0);
  act (f, "timeline.lane", g_variant_new_int32 (1));
  assert_stored (f, f->clip_b, MS (1340), 0, MS (2000), 1);
  act (f, "timeline.toggle-mute", NULL);
  act (f, "timeline.volume", g_variant_new_double (-1.0));
  act (f, "timeline.volume", g_variant_new_double (-1.0));
  clip = stored_clip (f, f->clip_b);
  g_assert_true (clip->muted);
  g_assert_cmpfloat (clip->volume_db, ==, -2.0);
  g_clear_pointer (&clip, secuencia_clip_free);

  /* Earlier than zero is refused: it stops at zero. */
  secuencia_timeline_view_select_clip (f->view, f->clip_a);
  act (f, "timeline.nudge", g_variant_new_int64 (-MS (100)));
  assert_stored (f, f->clip_a, 0, 0, MS (1000), 0);

  /* Undo walks back through every edit; redo comes forward again. */
  undo (f);  /* volume */
  undo (f);  /* volume */
  clip = stored_clip (f, f->clip_b);
  g_assert_cmpfloat (clip->volume_db, ==, 0.0);
  g_assert_true (clip->muted);
  g_clear_pointer (&clip, secuencia_clip_free);
  undo (f);  /* mute */
  undo (f);  /* lane */
  assert_stored (f, f->clip_b, MS (1340), 0, MS (2000), 0);
  undo (f);
  undo (f);
  assert_stored (f, f->clip_b, MS (1250), 0, MS (2000), 0);
  g_assert_false (secuencia_undo_stack_can_undo (f->stack));
  redo (f);
  assert_stored (f, f->clip_b, MS (1350), 0, MS (2000), 0);

  /* Delete, undo brings the same clip back under its id. */
  secuencia_timeline_view_select_clip (f->view, f->clip_b);
  act (f, "timeline.delete", NULL);
  clip = stored_clip (f, f->clip_b);
  g_assert_null (clip);
  g_assert_cmpuint (secuencia_timeline_get_n_clips (f->timeline), ==, 1);
  undo (f);
  assert_stored (f, f->clip_b, MS (1350), 0, MS (2000), 0);
  redo (f);
  clip = stored_clip (f, f->clip_b);
  g_assert_null (clip);
}

static GtkGesture *
drag_gesture (Fixture *f)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE (controller);
    }
  g_assert_not_reached ();
}

static void
drag (Fixture *f, double x, double y, double dx, double dy)
{
  GtkGesture *gesture = drag_gesture (f);

  g_signal_emit_by_name (gesture, "drag-begin", x, y);
  g_signal_emit_by_name (gesture, "drag-update", dx / 2, dy / 2);
  g_signal_emit_by_name (gesture, "drag-update", dx, dy);
  g_signal_emit_by_name (gesture, "drag-end", dx, dy);
}

static void
clip_point (Fixture *f, gint64 clip_id, double fraction, double *x, double *y)
{
  graphene_rect_t area;

  g_assert_true (secuencia_timeline_view_get_clip_area (f->view, clip_id, &area));
  *x = area.origin.x + area.size.width * fraction;
  *y = area.origin.y + area.size.height / 2;
}

static void
on_seek (SecuenciaTimelineView *view, gint64 time, gint64 *out)
{
  *out = time;
}

static void
test_gestures (Fixture *f, gconstpointer data)
{
  double x, y;
  SecuenciaTimelineLayout *layout = f->view->layout;

  /* Move B 50 px (500 ms) later: no edge near, no snap. */
  clip_point (f, f->clip_b, 0.5, &x, &y);
  drag (f, x, y, 50, 0);
  assert_stored (f, f->clip_b, MS (1750), 0, MS (2000), 0);

  /* Move it back near A's end (1 s): 3 px off snaps onto it. */
  clip_point (f, f->clip_b, 0.5, &x, &y);
  drag (f, x, y, -(75 - 3), 0);
  assert_stored (f, f->clip_b, MS (1000), 0, MS (2000), 0);

  /* Down one lane. */
  clip_point (f, f->clip_b, 0.5, &x, &y);
  drag (f, x, y, 0, layout->lane_height);
  assert_stored (f, f->clip_b, MS (1000), 0, MS (2000), 1);

  /* Trim B's left edge 30 px right: source start and offset move together. */
  clip_point (f, f->clip_b, 0, &x, &y);
  drag (f, x + 2, y, 30, 0);
  assert_stored (f, f->clip_b, MS (1300), MS (300), MS (1700), 1);
  /* Pull it far left: it stops at the asset's start. */
  clip_point (f, f->clip_b, 0, &x, &y);
  drag (f, x + 2, y, -100, 0);
  assert_stored (f, f->clip_b, MS (1000), 0, MS (2000), 1);
  /* Right edge: stops at the asset's end. */
  clip_point (f, f->clip_b, 1, &x, &y);
  drag (f, x - 2, y, 80, 0);
  assert_stored (f, f->clip_b, MS (1000), 0, MS (2000), 1);
  clip_point (f, f->clip_b, 1, &x, &y);
  drag (f, x - 2, y, -40, 0);
  assert_stored (f, f->clip_b, MS (1000), 0, MS (1600), 1);

  /* Every drag is one undo step. */
  undo (f);
  assert_stored (f, f->clip_b, MS (1000), 0, MS (2000), 1);
  undo (f);
  undo (f);
  undo (f);
  assert_stored (f, f->clip_b, MS (1000), 0, MS (2000), 0);
  undo (f);
  undo (f);
  assert_stored (f, f->clip_b, MS (1250), 0, MS (2000), 0);

  /* The ruler moves the playhead and asks to seek. */
  {
    gint64 seeked = -1;

    g_signal_connect (f->view, "seek", G_CALLBACK (on_seek), &seeked);
    drag (f, 200, 5, 0, 0);
    g_assert_cmpint (secuencia_timeline_view_get_playhead (f->view), ==, MS (2000));
    g_assert_cmpint (seeked, ==, MS (2000));
  }
}

/* The clip popover edits start, length, lane, volume and mute at once, as
 * one undoable command. */
static void
test_popover (Fixture *f, gconstpointer data)
{
  GtkWidget *start, *length, *lane, *volume, *mute;
  g_autoptr(SecuenciaClip) clip = NULL;

  secuencia_timeline_view_select_clip (f->view, f->clip_b);
  act (f, "timeline.edit", NULL);
  start = _secuencia_timeline_view_get_popover_field (f->view, "start");
  length = _secuencia_timeline_view_get_popover_field (f->view, "length");
  lane = _secuencia_timeline_view_get_popover_field (f->view, "lane");
  volume = _secuencia_timeline_view_get_popover_field (f->view, "volume");
  mute = _secuencia_timeline_view_get_popover_field (f->view, "mute");
  g_assert_nonnull (start);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (start)), 1.25, 1e-9);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (start), 2.5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (length), 1.5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (lane), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (volume), -6);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (mute), TRUE);
  /* Enter in a field applies. */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (start)), "activate");
  assert_stored (f, f->clip_b, MS (2500), 0, MS (1500), 1);
  clip = stored_clip (f, f->clip_b);
  g_assert_cmpfloat (clip->volume_db, ==, -6.0);
  g_assert_true (clip->muted);
  g_clear_pointer (&clip, secuencia_clip_free);

  /* A length past the audio's end stops at it. */
  act (f, "timeline.edit", NULL);
  length = _secuencia_timeline_view_get_popover_field (f->view, "length");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (length), 50);
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (length)), "activate");
  assert_stored (f, f->clip_b, MS (2500), 0, MS (2000), 1);

  undo (f);
  undo (f);
  assert_stored (f, f->clip_b, MS (1250), 0, MS (2000), 0);
  clip = stored_clip (f, f->clip_b);
  g_assert_false (clip->muted);
}

static void
test_accessible (Fixture *f, gconstpointer data)
{
  g_autofree char *name = secuencia_timeline_view_dup_clip_name (f->view, f->clip_a);
  g_autofree char *description = secuencia_timeline_view_dup_clip_description (f->view, f->clip_b);

  g_assert_cmpstr (name, ==, "ANA: Did you hear that?");
  g_assert_cmpstr (description, ==, "Starts at 0:01.250, 0:02.000 long, lane 1, volume +0.0 dB, not muted");
  secuencia_timeline_view_select_clip (f->view, 0);
  gtk_test_accessible_assert_property (f->view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Timeline");
  secuencia_timeline_view_select_clip (f->view, f->clip_a);
  gtk_test_accessible_assert_property (f->view, GTK_ACCESSIBLE_PROPERTY_LABEL, "ANA: Did you hear that?");
  /* The arrow keys' action moves to the next clip, and the label follows. */
  act (f, "timeline.select-step", g_variant_new_int32 (1));
  gtk_test_accessible_assert_property (f->view, GTK_ACCESSIBLE_PROPERTY_LABEL, "BEN: Only the wind.");
  act (f, "timeline.toggle-mute", NULL);
  gtk_test_accessible_assert_property (f->view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Starts at 0:01.250, 0:02.000 long, lane 1, volume +0.0 dB, muted");
}

int
main (int argc, char **argv)
{
  /* The test accessibility backend, so accessible properties can be read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/timeline-view/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("keyboard-edits", test_keyboard_edits);
  ADD ("gestures", test_gestures);
  ADD ("accessible", test_accessible);
  ADD ("popover", test_popover);
#undef ADD
  return g_test_run ();
}
