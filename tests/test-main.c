/* test-main.c: the desktop application's entry point ($SECUENCIA_APP) run
 * by hand from the build tree, without its settings schema installed: it
 * says what to run instead of aborting in GLib. */
#include <string.h>
#include <sys/wait.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_app (char **envp, const char *arg, Run *run)
{
  const char *app = g_getenv ("SECUENCIA_APP");
  const char *argv[] = { app, arg, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (app);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
  g_test_message ("stderr: %s", run->err);
}

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

static void
test_schema_missing (void)
{
  g_autofree char *empty = g_dir_make_tmp ("secuencia-main-XXXXXX", NULL);
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *builddir = NULL;
  g_autofree char *devenv = NULL;
  Run run = { 0 };

  g_assert_nonnull (empty);
  /* no schema in the build tree's folder, none in the system's */
  envp = g_environ_unsetenv (envp, "GSETTINGS_SCHEMA_DIR");
  envp = g_environ_setenv (envp, "XDG_DATA_DIRS", empty, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", empty, TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  run_app (envp, "--demo", &run);

  g_assert_false (g_spawn_check_wait_status (run.status, NULL));
  g_assert_true (WIFEXITED (run.status));
  g_assert_cmpint (WEXITSTATUS (run.status), ==, 1);
  g_assert_nonnull (strstr (run.err, "io.github.secuencia.Secuencia"));
  g_assert_null (strstr (run.err, "GLib-GIO-ERROR"));
  /* the exact command for this build tree */
  builddir = g_path_get_dirname (g_getenv ("G_TEST_BUILDDIR"));
  devenv = g_strdup_printf ("meson devenv -C %s secuencia", builddir);
  g_assert_nonnull (strstr (run.err, devenv));
  run_clear (&run);
  g_rmdir (empty);
}

/* With the schema (as meson devenv sets it) the check lets it start. */
static void
test_schema_present (void)
{
  g_auto(GStrv) envp = g_get_environ ();
  Run run = { 0 };

  g_assert_nonnull (g_environ_getenv (envp, "GSETTINGS_SCHEMA_DIR"));
  run_app (envp, "--help", &run);
  g_assert_true (g_spawn_check_wait_status (run.status, NULL));
  g_assert_nonnull (strstr (run.out, "PROJECT"));
  g_assert_null (strstr (run.err, "not installed"));
  run_clear (&run);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/main/schema-missing", test_schema_missing);
  g_test_add_func ("/main/schema-present", test_schema_present);
  return g_test_run ();
}
