/* secuencia-test-readonly.c: see the header. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "secuencia-test-readonly.h"

static gboolean namespace_ready;
static char *namespace_problem;

/* No mount of this namespace propagates to another (mountinfo's optional
 * fields name no "shared:" peer group). */
static gboolean
no_shared_mounts (void)
{
  g_autofree char *info = NULL;

  if (!g_file_get_contents ("/proc/self/mountinfo", &info, NULL, NULL))
    return FALSE;
  return strstr (info, " shared:") == NULL;
}

void
secuencia_test_readonly_init (void)
{
  if (geteuid () != 0 || namespace_ready || namespace_problem != NULL)
    return;
  if (unshare (CLONE_NEWNS) != 0)
    namespace_problem = g_strdup_printf ("cannot make a mount namespace: %s", g_strerror (errno));
  else if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 && !no_shared_mounts ())
    /* In a chroot "/" is no mount point (EINVAL); that is fine as long as
     * no mount would pass ours on to the namespace we came from. */
    namespace_problem = g_strdup_printf ("cannot make mounts private: %s", g_strerror (errno));
  else
    namespace_ready = TRUE;
}

static void
chmod_files (const char *dir,
             int         mode)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_chmod (path, mode);
    }
}

gboolean
secuencia_test_readonly_make (const char  *dir,
                              char       **out_skip_reason)
{
  gboolean is_dir = g_file_test (dir, G_FILE_TEST_IS_DIR);

  if (geteuid () != 0)
    {
      if (is_dir)
        {
          chmod_files (dir, 0444);
          g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
        }
      else
        g_assert_cmpint (g_chmod (dir, 0444), ==, 0);
      return TRUE;
    }
  if (!namespace_ready)
    {
      *out_skip_reason = g_strdup (namespace_problem != NULL ? namespace_problem
                                   : "secuencia_test_readonly_init() was not called first");
      return FALSE;
    }
  if (mount (dir, dir, NULL, MS_BIND, NULL) != 0)
    {
      *out_skip_reason = g_strdup_printf ("cannot bind-mount %s: %s", dir, g_strerror (errno));
      return FALSE;
    }
  if (mount (NULL, dir, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0)
    {
      *out_skip_reason = g_strdup_printf ("cannot make %s read-only: %s", dir, g_strerror (errno));
      umount (dir);
      return FALSE;
    }
  g_assert_cmpint (g_access (dir, W_OK), !=, 0);
  return TRUE;
}

gboolean
secuencia_test_readonly_view (const char  *dir,
                              const char  *view,
                              char       **out_skip_reason)
{
  if (geteuid () != 0 || !namespace_ready)
    {
      *out_skip_reason = g_strdup (geteuid () != 0 ? "a second, read-only view of a folder needs root"
                                   : namespace_problem != NULL ? namespace_problem
                                   : "secuencia_test_readonly_init() was not called first");
      return FALSE;
    }
  if (g_mkdir_with_parents (view, 0755) != 0 || mount (dir, view, NULL, MS_BIND, NULL) != 0)
    {
      *out_skip_reason = g_strdup_printf ("cannot bind-mount %s: %s", dir, g_strerror (errno));
      return FALSE;
    }
  if (mount (NULL, view, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0)
    {
      *out_skip_reason = g_strdup_printf ("cannot make %s read-only: %s", view, g_strerror (errno));
      umount (view);
      return FALSE;
    }
  return TRUE;
}

void
secuencia_test_readonly_undo (const char *dir)
{
  if (geteuid () != 0)
    {
      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          g_chmod (dir, 0755);
          chmod_files (dir, 0644);
        }
      else
        g_chmod (dir, 0644);
      return;
    }
  if (namespace_ready)
    umount2 (dir, MNT_DETACH);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

char *
secuencia_test_readonly_list (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

char *
secuencia_test_readonly_hash (const char *path)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, length);
}
