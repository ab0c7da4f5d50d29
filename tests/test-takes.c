/* test-takes.c: replacing a line's audio keeps the earlier take; a take
 * from the list is restored (with its scratch mark) and the current one
 * goes into the list; kept across reopening; errors name the line. */
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <gst/gst.h>

#include "secuencia-project.h"
#include "secuencia-test-audio.h"
#include "secuencia-test-util.h"

static gint64
import_tone (SecuenciaProject *project, const char *dir, const char *name, double hz)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 id;

  g_assert_true (secuencia_test_audio_write_tone (path, SECUENCIA_TEST_FORMAT_WAV16, 48000, 1, hz, 0.3, 0.5, &error));
  g_assert_no_error (error);
  id = secuencia_project_import_audio (project, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static SecuenciaElementInfo *
line_of (SecuenciaProject *project, GPtrArray **keep)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (keep, g_ptr_array_unref);
  *keep = secuencia_project_list_elements (project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < (*keep)->len; i++)
    if (((SecuenciaElementInfo *) (*keep)->pdata[i])->kind == SECUENCIA_ELEMENT_DIALOGUE)
      return (*keep)->pdata[i];
  g_assert_not_reached ();
}

static void
assert_takes (SecuenciaProject *project, gint64 element_id, gint64 first, gint64 second)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) takes = secuencia_project_list_takes (project, element_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (takes->len, ==, second != 0 ? 2 : first != 0 ? 1 : 0);
  if (first != 0)
    g_assert_cmpint (((SecuenciaTake *) takes->pdata[0])->asset_id, ==, first);
  if (second != 0)
    g_assert_cmpint (((SecuenciaTake *) takes->pdata[1])->asset_id, ==, second);
}

static void
test_takes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("secuencia-takes-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "play.secuencia", NULL);
  g_autofree char *script_path = g_build_filename (dir, "play.fountain", NULL);
  g_autoptr(GFile) script = g_file_new_for_path (script_path);
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(SecuenciaFountainScript) parsed = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  SecuenciaElementInfo *line;
  gint64 id, scratch, take1, take2;

  g_assert_no_error (error);
  g_file_set_contents (script_path, "ANA\nHello.\n", -1, &error);
  g_assert_no_error (error);
  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  parsed = secuencia_project_import_script (project, script, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  scratch = import_tone (project, dir, "scratch.wav", 440);
  take1 = import_tone (project, dir, "take1.wav", 550);
  take2 = import_tone (project, dir, "take2.wav", 660);
  id = line_of (project, &elements)->id;
  g_assert_true (secuencia_project_set_element_audio (project, id, scratch, TRUE, &error));
  g_assert_no_error (error);
  assert_takes (project, id, 0, 0);

  /* a recorded take replaces the scratch voice, which is kept */
  g_assert_true (secuencia_project_replace_take (project, id, take1, &error));
  g_assert_no_error (error);
  line = line_of (project, &elements);
  g_assert_cmpint (line->asset_id, ==, take1);
  g_assert_false (line->scratch);
  assert_takes (project, id, scratch, 0);
  {
    g_autoptr(GPtrArray) takes = secuencia_project_list_takes (project, id, &error);
    g_assert_true (((SecuenciaTake *) takes->pdata[0])->scratch);
    g_assert_cmpint (((SecuenciaTake *) takes->pdata[0])->replaced_at, >, 0);
  }

  g_assert_true (secuencia_project_replace_take (project, id, take2, &error));
  g_assert_no_error (error);
  assert_takes (project, id, take1, scratch);

  /* the same again changes nothing */
  g_assert_true (secuencia_project_replace_take (project, id, take2, &error));
  assert_takes (project, id, take1, scratch);

  /* restoring the scratch voice: scratch again, take2 into the list */
  g_assert_true (secuencia_project_replace_take (project, id, scratch, &error));
  g_assert_no_error (error);
  line = line_of (project, &elements);
  g_assert_cmpint (line->asset_id, ==, scratch);
  g_assert_true (line->scratch);
  assert_takes (project, id, take2, take1);

  /* undo puts back the audio and the list exactly (times included) */
  {
    g_autoptr(GPtrArray) before = secuencia_project_list_takes (project, id, &error);
    g_autoptr(GPtrArray) after = NULL;

    g_assert_no_error (error);
    g_assert_true (secuencia_project_replace_take (project, id, take1, &error));
    g_assert_no_error (error);
    assert_takes (project, id, scratch, take2);
    g_assert_true (secuencia_project_set_takes (project, id, scratch, TRUE, before, &error));
    g_assert_no_error (error);
    line = line_of (project, &elements);
    g_assert_cmpint (line->asset_id, ==, scratch);
    g_assert_true (line->scratch);
    after = secuencia_project_list_takes (project, id, &error);
    g_assert_cmpuint (after->len, ==, before->len);
    for (guint i = 0; i < after->len; i++)
      {
        const SecuenciaTake *a = after->pdata[i], *b = before->pdata[i];
        g_assert_cmpint (a->asset_id, ==, b->asset_id);
        g_assert_cmpint (a->scratch, ==, b->scratch);
        g_assert_cmpint (a->replaced_at, ==, b->replaced_at);
      }
    /* a line that had no audio and no takes */
    g_assert_true (secuencia_project_set_takes (project, id, 0, FALSE, NULL, &error));
    g_assert_no_error (error);
    line = line_of (project, &elements);
    g_assert_cmpint (line->asset_id, ==, 0);
    assert_takes (project, id, 0, 0);
    /* an asset that is not in the project: refused, nothing changed */
    g_assert_false (secuencia_project_set_takes (project, id, 9999, FALSE, before, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    assert_takes (project, id, 0, 0);
    g_assert_true (secuencia_project_set_takes (project, id, scratch, TRUE, before, &error));
    g_assert_no_error (error);
  }

  /* a line that does not exist: an error, nothing changed */
  g_assert_false (secuencia_project_replace_take (project, 9999, take1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (g_strstr_len (error->message, -1, "9999"));
  g_clear_error (&error);
  assert_takes (project, id, take2, take1);

  /* kept in the file */
  g_clear_object (&project);
  project = secuencia_project_open (path, SECUENCIA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_takes (project, id, take2, take1);
  g_clear_pointer (&elements, g_ptr_array_unref);
  g_clear_object (&project);
  secuencia_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);
  g_test_add_func ("/takes/replace-and-restore", test_takes);
  return g_test_run ();
}
