/* secuencia-project-script.c: importing a Fountain script into a project:
 * the screenplay and the title page replaced in one transaction. */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-project-private.h"

typedef struct
{
  GPtrArray  *elements;
  GHashTable *title_page;   /* "script.<key>" -> value */
  guint       kept;
} ImportData;

#define SCRIPT_PREFIX "script."

/* One line for a tag: the value's lines joined with spaces. */
static char *
one_line (const char *value)
{
  g_auto(GStrv) lines = g_strsplit (value, "\n", -1);
  return g_strjoinv (" ", lines);
}

/* Sets the tag @tag from the script's @script_key unless a person set the
 * tag to something other than what the previous script gave it. */
static gboolean
update_tag (SecuenciaProject  *self,
            GHashTable        *old,
            GHashTable        *title_page,
            const char        *tag,
            const char        *script_key,
            GError           **error)
{
  const char *current = g_hash_table_lookup (old, tag);
  const char *old_value = g_hash_table_lookup (old, script_key);
  const char *new_value = g_hash_table_lookup (title_page, script_key);
  g_autofree char *old_line = old_value != NULL ? one_line (old_value) : NULL;
  g_autofree char *new_line = new_value != NULL ? one_line (new_value) : NULL;

  if (current != NULL && g_strcmp0 (current, old_line) != 0)
    return TRUE;   /* set by hand: keep it */
  return secuencia_project_set_metadata (self, tag, new_line, error);
}

static gboolean
import_in_transaction (SecuenciaProject  *self,
                       gpointer           user_data,
                       GError           **error)
{
  ImportData *data = user_data;
  const char *title = g_hash_table_lookup (data->title_page, SCRIPT_PREFIX "title");
  g_autoptr(SecuenciaStmt) stmt = NULL;
  g_autoptr(GHashTable) old = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean named = FALSE;

  if (!secuencia_project_replace_screenplay (self, data->elements, &data->kept, error))
    return FALSE;

  old = secuencia_project_dup_all_metadata (self, error);
  if (old == NULL)
    return FALSE;
  if (!update_tag (self, old, data->title_page, SECUENCIA_METADATA_TITLE, SCRIPT_PREFIX "title", error) ||
      !update_tag (self, old, data->title_page, SECUENCIA_METADATA_ARTIST, SCRIPT_PREFIX "author", error))
    return FALSE;
  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, SCRIPT_PREFIX) && !g_hash_table_contains (data->title_page, key) &&
        !secuencia_project_set_metadata (self, key, NULL, error))
      return FALSE;
  g_hash_table_iter_init (&iter, data->title_page);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!secuencia_project_set_metadata (self, key, value, error))
      return FALSE;

  if (title == NULL)
    return TRUE;
  stmt = secuencia_project_stmt (self, "SELECT value FROM project WHERE key = 'name' AND value != ''", error);
  if (stmt == NULL)
    return FALSE;
  named = sqlite3_step (stmt) == SQLITE_ROW;
  g_clear_pointer (&stmt, secuencia_stmt_release);
  if (!named)
    {
      /* An unnamed project takes the title's first line as its name. */
      g_auto(GStrv) lines = g_strsplit (title, "\n", 2);
      return secuencia_project_set_name (self, lines[0], error);
    }
  return TRUE;
}

SecuenciaFountainScript *
secuencia_project_import_script (SecuenciaProject  *self,
                                 GFile             *file,
                                 guint             *out_n_elements,
                                 guint             *out_kept,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  g_autoptr(SecuenciaFountainScript) script = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GHashTable) title_page = NULL;
  ImportData data = { 0 };

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  script = secuencia_fountain_parse_file (file, cancellable, error);
  if (script == NULL)
    return NULL;
  elements = secuencia_fountain_script_to_elements (script);
  if (elements->len == 0)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, SECUENCIA_PROJECT_ERROR, SECUENCIA_PROJECT_ERROR_INVALID,
                   _("The script “%s” has no scene headings, dialogue or action; the screenplay was left as it was"),
                   name);
      return NULL;
    }

  title_page = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < script->title_page->len; i++)
    {
      SecuenciaFountainTitleEntry *entry = script->title_page->pdata[i];
      g_autofree char *lower = g_ascii_strdown (entry->key, -1);
      g_autofree char *key = g_strconcat (SCRIPT_PREFIX, g_str_equal (lower, "authors") ? "author" : lower, NULL);
      const char *before = g_hash_table_lookup (title_page, key);

      if (*entry->value == '\0')
        continue;
      if (before != NULL)
        g_hash_table_insert (title_page, g_strdup (key), g_strconcat (before, "\n", entry->value, NULL));
      else
        g_hash_table_insert (title_page, g_strdup (key), g_strdup (entry->value));
    }

  data.elements = elements;
  data.title_page = title_page;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!secuencia_project_transaction (self, import_in_transaction, &data, error))
    return NULL;
  if (out_n_elements != NULL)
    *out_n_elements = elements->len;
  if (out_kept != NULL)
    *out_kept = data.kept;
  return g_steal_pointer (&script);
}
