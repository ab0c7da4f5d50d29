/* secuencia-test-cli.c: run secuencia-cli and tools from tests. */
#include "config.h"

#include "secuencia-test-cli.h"

#include <gio/gio.h>
#include <stdarg.h>

static int
run_argv (const char  *cwd,
          const char  *tmpdir,
          GPtrArray   *argv,
          char       **out,
          char       **err)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;

  g_ptr_array_add (argv, NULL);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  if (tmpdir != NULL)
    g_subprocess_launcher_setenv (launcher, "TMPDIR", tmpdir, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &o, &e, &error);
  g_assert_no_error (error);
  g_test_message ("%s: stdout: %s", (const char *) argv->pdata[0], o);
  g_test_message ("%s: stderr: %s", (const char *) argv->pdata[0], e);
  if (out != NULL)
    *out = g_steal_pointer (&o);
  if (err != NULL)
    *err = g_steal_pointer (&e);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

int
secuencia_test_run_cli_va (const char  *cwd,
                           const char  *tmpdir,
                           char       **out,
                           char       **err,
                           va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("SECUENCIA_CLI");
  const char *arg;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  return run_argv (cwd, tmpdir, argv, out, err);
}

int
secuencia_test_run_cli (const char  *cwd,
                        char       **out,
                        char       **err,
                        ...)
{
  va_list ap;
  int status;

  va_start (ap, err);
  status = secuencia_test_run_cli_va (cwd, NULL, out, err, ap);
  va_end (ap);
  return status;
}

char *
secuencia_test_run_capture (const char *program,
                            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *path = g_find_program_in_path (program);
  char *out = NULL;
  const char *arg;
  va_list ap;

  g_assert_nonnull (path);
  g_ptr_array_add (argv, path);
  va_start (ap, program);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_assert_cmpint (run_argv (NULL, NULL, argv, &out, NULL), ==, 0);
  return out;
}
