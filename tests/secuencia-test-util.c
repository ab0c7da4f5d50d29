/* secuencia-test-util.c */
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "secuencia-test-util.h"

void
secuencia_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        secuencia_test_rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

guint
secuencia_test_count_dir_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

sqlite3 *
secuencia_test_open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

void
secuencia_test_exec_sql (sqlite3    *db,
                         const char *sql)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("SQL failed (%s): %s", sql, errmsg);
}

gboolean
secuencia_test_write_image (const char *path,
                            const char *type,
                            int         width,
                            int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  /* a gradient, so that the encoded image is not trivially small */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 3;
        p[0] = (guchar) (x * 255 / MAX (width - 1, 1));
        p[1] = (guchar) (y * 255 / MAX (height - 1, 1));
        p[2] = 0x80;
      }
  return gdk_pixbuf_save (pixbuf, path, type, NULL, NULL);
}
