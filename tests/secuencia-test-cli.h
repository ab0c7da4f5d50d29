/* secuencia-test-cli.h: run secuencia-cli ($SECUENCIA_CLI) and other tools
 * from tests. */
#pragma once

#include <stdarg.h>
#include <glib.h>

G_BEGIN_DECLS

/* Runs secuencia-cli in @cwd (nullable: the test's own) with the
 * NULL-terminated arguments; returns its exit status (asserting it exited
 * rather than died); @out / @err (nullable) receive stdout / stderr, both
 * also logged. */
int   secuencia_test_run_cli     (const char  *cwd,
                                  char       **out,
                                  char       **err,
                                  ...) G_GNUC_NULL_TERMINATED;
/* The same with the arguments in @args, and TMPDIR set to @tmpdir when it
 * is not NULL (for tests' own wrappers). */
int   secuencia_test_run_cli_va  (const char  *cwd,
                                  const char  *tmpdir,
                                  char       **out,
                                  char       **err,
                                  va_list      args);
/* Runs a program (searched in PATH) to completion; returns its stdout,
 * asserting it exited 0. */
char *secuencia_test_run_capture (const char *program,
                                  ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
