/* secuencia-cli-tags.h: the tag options (--title … --cover) shared by
 * `secuencia-cli set` (stored in the project) and `export` (one export). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *title;
  char *artist;
  char *album;
  char *year;
  char *genre;
  char *comment;
  char *cover;     /* a file name */
} SecuenciaCliTags;

void     secuencia_cli_tags_clear       (SecuenciaCliTags *tags);
/* Adds the options to @context, writing into @tags. */
void     secuencia_cli_tags_add_options (SecuenciaCliTags *tags,
                                         GOptionContext   *context);
gboolean secuencia_cli_tags_any         (const SecuenciaCliTags *tags);
/* The text tags given, as metadata key -> value (NULL values skipped). */
GHashTable *secuencia_cli_tags_to_table (const SecuenciaCliTags *tags);
/* Checks --year (1–9999 or a date starting with one). */
gboolean secuencia_cli_tags_validate    (const SecuenciaCliTags *tags,
                                         GError          **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SecuenciaCliTags, secuencia_cli_tags_clear)

int secuencia_cli_set (int argc, char **argv);

G_END_DECLS
