/* secuencia-project-private.h: internals of SecuenciaProject for tests and
 * the store itself (not for the UI). */
#pragma once

#include <sqlite3.h>
#include "secuencia-project.h"

G_BEGIN_DECLS

/* One schema migration: the SQL that takes a file from version - 1 to
 * @version. Steps are listed in increasing version order, starting at 1. */
typedef struct
{
  int         version;
  const char *sql;
} SecuenciaProjectMigration;

/* secuencia_project_open() with an explicit list of migrations; the last
 * step's version is the schema version this "build" knows. Lets tests
 * exercise the migration framework with a future version. */
SecuenciaProject *secuencia_project_open_with_migrations (const char                      *path,
                                                          SecuenciaProjectOpenFlags        flags,
                                                          const SecuenciaProjectMigration *migrations,
                                                          gsize                            n_migrations,
                                                          GError                         **error);

/* The raw connection, for tests that need to inspect the file. */
sqlite3 *secuencia_project_get_db (SecuenciaProject *self);

G_END_DECLS
