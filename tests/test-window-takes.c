/* test-window-takes.c: a line's takes through the real window (under a
 * display). A recording dropped on a line (the row's drop handler, given a
 * GdkFileList) becomes its take and its clip plays it; the Takes sheet
 * restores the earlier one; undo and redo put back exactly what was; a
 * corrupt file changes nothing and the message names it. Match Takes:
 * the preview lists a folder's recordings matched to lines, one is left
 * out, applying gives the others their lines as ONE undoable step. */

#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>
#include <glib/gstdio.h>
#include <string.h>

#include "secuencia-match-takes-dialog.h"
#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"
#include "secuencia-test-window.h"
#include "secuencia-window.h"

typedef struct
{
  char            *dir;
  char            *project_path;
  SecuenciaWindow *window;
  guint            done;            /* import-finished count + 1 */
  GType            found_type;      /* what found() looks for */
  gboolean       (*found_match) (GtkWidget *, gpointer);
} Fixture;

static void
on_import_finished (SecuenciaWindow *window, guint n, Fixture *f)
{
  f->done = n + 1;
}

static gboolean
import_done (gpointer data)
{
  return ((Fixture *) data)->done > 0;
}

static void
open_window (Fixture *f)
{
  f->window = secuencia_test_open_window (NULL, f->project_path);
  g_signal_connect (f->window, "import-finished", G_CALLBACK (on_import_finished), f);
}

static void
close_window (Fixture *f)
{
  secuencia_test_close_window (f->window);
  secuencia_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->project_path);
}

static GFile *
write_tone (Fixture *f, const char *name, double hz, double seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (secuencia_test_audio_write_tone (path, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, hz, seconds, 0.3, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* The project as another connection reads it. */
static SecuenciaProject *
reader (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SecuenciaProject *project = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return project;
}

static SecuenciaElementInfo *
element (GPtrArray *elements, gint64 id)
{
  for (guint i = 0; i < elements->len; i++)
    if (((SecuenciaElementInfo *) elements->pdata[i])->id == id)
      return elements->pdata[i];
  g_assert_not_reached ();
}

/* The line's audio (its file's name), its takes' names, newest first, and
 * its clips on the latest timeline (asset and duration). */
typedef struct
{
  char          *audio;
  char          *takes;        /* "a.wav,b.wav" */
  gint64         clip_asset;
  gint64         asset;
  SecuenciaTime  clip_duration;
  guint          n_clips;
} LineState;

static void
line_state_clear (LineState *s)
{
  g_free (s->audio);
  g_free (s->takes);
}

static char *
asset_name (SecuenciaProject *project, gint64 asset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaAssetInfo) info = NULL;

  if (asset == 0)
    return g_strdup ("");
  info = secuencia_project_get_asset (project, asset, &error);
  g_assert_no_error (error);
  return g_strdup (info->file_name);
}

static void
read_line (Fixture *f, gint64 id, LineState *s)
{
  g_autoptr(SecuenciaProject) project = reader (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) elements = secuencia_project_list_elements (project, &error);
  g_autoptr(GPtrArray) takes = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  gint64 timeline;

  g_assert_no_error (error);
  s->asset = element (elements, id)->asset_id;
  s->audio = asset_name (project, s->asset);
  takes = secuencia_project_list_takes (project, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < takes->len; i++)
    {
      g_autofree char *name = asset_name (project, ((SecuenciaTake *) takes->pdata[i])->asset_id);
      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", name);
    }
  s->takes = g_string_free (g_steal_pointer (&names), FALSE);
  s->n_clips = 0;
  timeline = secuencia_project_latest_timeline_id (project, &error);
  g_assert_no_error (error);
  if (timeline > 0)
    {
      g_autoptr(GPtrArray) clips = secuencia_project_list_clips (project, timeline, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < clips->len; i++)
        {
          const SecuenciaClip *clip = clips->pdata[i];
          if (clip->element_id != id)
            continue;
          s->n_clips++;
          s->clip_asset = clip->asset_id;
          s->clip_duration = clip->duration;
        }
    }
}

static void
assert_line (Fixture *f, gint64 id, const char *audio, const char *takes, SecuenciaTime clip_duration)
{
  LineState s = { 0 };

  read_line (f, id, &s);
  g_assert_cmpstr (s.audio, ==, audio);
  g_assert_cmpstr (s.takes, ==, takes);
  if (clip_duration > 0)
    {
      g_assert_cmpuint (s.n_clips, ==, 1);
      g_assert_cmpint (s.clip_asset, ==, s.asset);
      /* the clip plays the take whole */
      g_assert_cmpint (s.clip_duration, ==, clip_duration);
    }
  line_state_clear (&s);
}

static gboolean
match_any (GtkWidget *widget, gpointer data)
{
  return TRUE;
}

/* @type in the window or, before libadwaita 1.5, in a sheet window. */
static GtkWidget *
find_anywhere (Fixture *f, GType type, gboolean (*match) (GtkWidget *, gpointer), gpointer data)
{
  GtkWidget *found = secuencia_test_find_widget (GTK_WIDGET (f->window), type, match, data);
  GListModel *toplevels;   /* not ours */

  if (found != NULL)
    return found;
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);
      if (toplevel != GTK_WIDGET (f->window) && gtk_widget_get_visible (toplevel))
        found = secuencia_test_find_widget (toplevel, type, match, data);
    }
  return found;
}

static GtkWidget *find_anywhere (Fixture *f, GType type, gboolean (*match) (GtkWidget *, gpointer), gpointer data);

static gboolean
found (gpointer data)
{
  Fixture *f = data;
  return find_anywhere (f, f->found_type, f->found_match, NULL) != NULL;
}

static gboolean
gone (gpointer data)
{
  return !found (data);
}

static gboolean
is_restore_button (GtkWidget *widget, gpointer data)
{
  const char *label = gtk_button_get_label (GTK_BUTTON (widget));
  return label != NULL && strcmp (label, "_Restore") == 0 && gtk_widget_get_mapped (widget);
}

/* A take's Play button: its accessible name (and tooltip) names the file. */
static gboolean
is_play_button (GtkWidget *widget, gpointer data)
{
  const char *tip = gtk_widget_get_tooltip_text (widget);
  g_autofree char *want = g_strdup_printf ("Listen to “%s”", (const char *) data);

  return tip != NULL && strcmp (tip, want) == 0 && gtk_widget_get_mapped (widget);
}

static void
wait_import (Fixture *f, guint expected)
{
  secuencia_test_wait_until (import_done, f);
  g_assert_cmpuint (f->done, ==, expected + 1);
  f->done = 0;
  secuencia_test_flush_events ();
}

static gint64
line_id (Fixture *f, guint index)
{
  g_autoptr(SecuenciaProject) project = reader (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) elements = secuencia_project_list_elements (project, &error);

  g_assert_no_error (error);
  return ((SecuenciaElementInfo *) elements->pdata[index])->id;
}

static guint
n_assets (Fixture *f)
{
  g_autoptr(SecuenciaProject) project = reader (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assets = secuencia_project_list_assets (project, &error);

  g_assert_no_error (error);
  return assets->len;
}

static void
test_replace_restore_undo (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) take = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *list;
  GtkWidget *restore;
  gint64 line, other;
  guint assets;

  f->dir = g_dir_make_tmp ("secuencia-takes-XXXXXX", &error);
  g_assert_no_error (error);
  f->project_path = g_build_filename (f->dir, "project.secuencia", NULL);
  secuencia_test_make_project (f->dir, f->project_path, 2, 0.2);
  take = write_tone (f, "take-2.wav", 880, 0.5);
  open_window (f);
  line = line_id (f, 0);
  other = line_id (f, 1);
  assert_line (f, line, "tone-00.wav", "", 200 * SECUENCIA_TIME_MSECOND);

  /* a recording dropped on the line: its take, its clip plays it whole */
  list = g_slist_prepend (NULL, take);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, list);
  g_slist_free (list);
  g_assert_true (secuencia_window_drop_on_line (f->window, line, &value));
  wait_import (f, 1);
  assert_line (f, line, "take-2.wav", "tone-00.wav", 500 * SECUENCIA_TIME_MSECOND);
  assert_line (f, other, "tone-01.wav", "", 200 * SECUENCIA_TIME_MSECOND);
  g_assert_cmpuint (secuencia_window_get_n_elements (f->window), ==, 2);

  /* Takes… lists the earlier one; Restore brings it back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.takes", "x", line));
  f->found_type = GTK_TYPE_BUTTON;
  f->found_match = is_restore_button;
  secuencia_test_wait_until (found, f);   /* the sheet is mapped */
  restore = find_anywhere (f, GTK_TYPE_BUTTON, is_restore_button, NULL);
  g_assert_nonnull (restore);
  {
    g_autofree char *label = NULL;
    /* its accessible name names the take */
    g_assert_true (gtk_widget_get_tooltip_text (restore) != NULL);
    label = g_strdup (gtk_widget_get_tooltip_text (restore));
    g_assert_nonnull (strstr (label, "tone-00.wav"));
  }
  /* each take can be listened to, from the sheet */
  {
    GtkWidget *play = find_anywhere (f, GTK_TYPE_BUTTON, is_play_button, (gpointer) "tone-00.wav");

    g_assert_nonnull (play);
    g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (play)), ==, "media-playback-start-symbolic");
    g_signal_emit_by_name (play, "clicked");
    g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (play)), ==, "media-playback-pause-symbolic");
    g_assert_nonnull (find_anywhere (f, GTK_TYPE_BUTTON, is_play_button, (gpointer) "take-2.wav"));
  }
  g_signal_emit_by_name (restore, "clicked");
  secuencia_test_flush_events ();
  assert_line (f, line, "tone-00.wav", "take-2.wav", 200 * SECUENCIA_TIME_MSECOND);
  secuencia_test_wait_until (gone, f);   /* the sheet closed */

  /* undo, redo, undo all: exactly as it was */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  secuencia_test_flush_events ();
  assert_line (f, line, "take-2.wav", "tone-00.wav", 500 * SECUENCIA_TIME_MSECOND);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  secuencia_test_flush_events ();
  assert_line (f, line, "tone-00.wav", "take-2.wav", 200 * SECUENCIA_TIME_MSECOND);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  secuencia_test_flush_events ();
  assert_line (f, line, "tone-00.wav", "", 200 * SECUENCIA_TIME_MSECOND);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  secuencia_test_flush_events ();
  assert_line (f, line, "take-2.wav", "tone-00.wav", 500 * SECUENCIA_TIME_MSECOND);

  /* a corrupt recording: nothing changes, the message names it */
  {
    g_autofree char *bad_path = g_build_filename (f->dir, "broken take.wav", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (bad_path);

    g_assert_true (g_file_set_contents (bad_path, "RIFF\x10\0\0\0WAVEnot really audio", 28, NULL));
    assets = n_assets (f);
    secuencia_window_replace_take (f->window, other, bad);
    wait_import (f, 0);
    g_assert_nonnull (strstr (secuencia_window_get_last_message (f->window), "broken take.wav"));
    assert_line (f, other, "tone-01.wav", "", 200 * SECUENCIA_TIME_MSECOND);
    g_assert_cmpuint (n_assets (f), ==, assets);
  }

  close_window (f);
}

/* ---- Match Takes ---- */

static const char script[] =
  "Title: Takes\n\n"
  "INT. KITCHEN - DAY\n\n"
  "ANA\nHola.\n\n"
  "BOB\nHi.\n\n"
  "ANA\nBye.\n\n"
  "EXT. GARDEN - NIGHT\n\n"
  "BOB\nWho is there?\n";

static gboolean
dialog_shown (gpointer data)
{
  return find_anywhere (data, SECUENCIA_TYPE_MATCH_TAKES_DIALOG, match_any, NULL) != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return !dialog_shown (data);
}

static void
test_match_takes (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(SecuenciaFountainScript) parsed = NULL;
  g_autofree char *script_path = NULL;
  g_autofree char *folder_path = NULL;
  g_autoptr(GFile) script_file = NULL;
  g_autoptr(GFile) folder = NULL;
  SecuenciaMatchTakesDialog *dialog;
  gint64 ana1, bob1, ana2, bob2;
  const struct { const char *name; double hz; } recordings[] = {
    { "S01_L01.wav", 440 }, { "s1-l2 bob.wav", 550 }, { "ANA_02.wav", 660 }, { "S02_L01.flac", 770 },
    { "intro.wav", 330 },
  };

  f->dir = g_dir_make_tmp ("secuencia-match-XXXXXX", &error);
  g_assert_no_error (error);
  f->project_path = g_build_filename (f->dir, "play.secuencia", NULL);
  script_path = g_build_filename (f->dir, "play.fountain", NULL);
  g_assert_true (g_file_set_contents (script_path, script, -1, NULL));
  script_file = g_file_new_for_path (script_path);
  project = secuencia_project_open (f->project_path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  parsed = secuencia_project_import_script (project, script_file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  folder_path = g_build_filename (f->dir, "recordings", NULL);
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  folder = g_file_new_for_path (folder_path);
  for (guint i = 0; i < G_N_ELEMENTS (recordings); i++)
    {
      g_autofree char *name = g_build_filename ("recordings", recordings[i].name, NULL);
      g_autoptr(GFile) file = NULL;

      if (g_str_has_suffix (name, ".flac"))
        {
          g_autofree char *path = g_build_filename (f->dir, name, NULL);
          g_assert_true (secuencia_test_audio_write_tone (path, SECUENCIA_TEST_FORMAT_FLAC, 48000, 1,
                                                          recordings[i].hz, 0.3, 0.3, &error));
          g_assert_no_error (error);
        }
      else
        file = write_tone (f, name, recordings[i].hz, 0.3);
    }
  {
    g_autofree char *notes = g_build_filename (folder_path, "notes.txt", NULL);
    g_assert_true (g_file_set_contents (notes, "take notes", -1, NULL));
  }

  open_window (f);
  ana1 = line_id (f, 1);   /* 0 is the heading */
  bob1 = line_id (f, 2);
  ana2 = line_id (f, 3);
  bob2 = line_id (f, 5);
  assert_line (f, ana1, "", "", 0);

  secuencia_window_match_takes (f->window, folder);
  secuencia_test_wait_until (dialog_shown, f);
  dialog = SECUENCIA_MATCH_TAKES_DIALOG (find_anywhere (f, SECUENCIA_TYPE_MATCH_TAKES_DIALOG, match_any, NULL));
  g_assert_cmpuint (secuencia_match_takes_dialog_get_n_chosen (dialog), ==, 4);
  /* nothing changed yet */
  assert_line (f, ana1, "", "", 0);
  /* leave one out */
  g_assert_true (secuencia_match_takes_dialog_set_chosen (dialog, "ANA_02.wav", FALSE));
  g_assert_false (secuencia_match_takes_dialog_set_chosen (dialog, "intro.wav", FALSE));
  g_assert_cmpuint (secuencia_match_takes_dialog_get_n_chosen (dialog), ==, 3);
  secuencia_match_takes_dialog_apply (dialog);
  wait_import (f, 3);
  secuencia_test_wait_until (dialog_gone, f);

  assert_line (f, ana1, "S01_L01.wav", "", 0);
  assert_line (f, bob1, "s1-l2 bob.wav", "", 0);
  assert_line (f, ana2, "", "", 0);
  assert_line (f, bob2, "S02_L01.flac", "", 0);

  /* one undo step for the batch */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  secuencia_test_flush_events ();
  assert_line (f, ana1, "", "", 0);
  assert_line (f, bob1, "", "", 0);
  assert_line (f, bob2, "", "", 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  secuencia_test_flush_events ();
  assert_line (f, ana1, "S01_L01.wav", "", 0);
  assert_line (f, bob2, "S02_L01.flac", "", 0);

  /* again with the same folder: the takes so far are kept */
  secuencia_window_match_takes (f->window, folder);
  secuencia_test_wait_until (dialog_shown, f);
  dialog = SECUENCIA_MATCH_TAKES_DIALOG (find_anywhere (f, SECUENCIA_TYPE_MATCH_TAKES_DIALOG, match_any, NULL));
  g_assert_true (secuencia_match_takes_dialog_set_chosen (dialog, "S01_L01.wav", FALSE));
  g_assert_true (secuencia_match_takes_dialog_set_chosen (dialog, "s1-l2 bob.wav", FALSE));
  g_assert_true (secuencia_match_takes_dialog_set_chosen (dialog, "S02_L01.flac", FALSE));
  g_assert_cmpuint (secuencia_match_takes_dialog_get_n_chosen (dialog), ==, 1);
  secuencia_match_takes_dialog_apply (dialog);
  wait_import (f, 1);
  assert_line (f, ana2, "ANA_02.wav", "", 0);
  assert_line (f, ana1, "S01_L01.wav", "", 0);

  close_window (f);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gst_init (NULL, NULL);
  adw_init ();
  g_test_add_func ("/window-takes/replace-restore-undo", test_replace_restore_undo);
  g_test_add_func ("/window-takes/match-takes", test_match_takes);
  return g_test_run ();
}
