/* secuencia-test-cli.h: run secuencia-cli ($SECUENCIA_CLI) and other tools
 * from tests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs secuencia-cli in @cwd with the NULL-terminated arguments; returns
 * its exit status; @out / @err (nullable) receive stdout / stderr. */
int   secuencia_test_run_cli     (const char  *cwd,
                                  char       **out,
                                  char       **err,
                                  ...) G_GNUC_NULL_TERMINATED;
/* Runs a program (searched in PATH) to completion; returns its stdout,
 * asserting it exited 0. */
char *secuencia_test_run_capture (const char *program,
                                  ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
