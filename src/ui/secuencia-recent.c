/* secuencia-recent.c: see the header. */

#include "config.h"

#include <string.h>

#include "secuencia-recent.h"

static void
store (GSettings     *settings,
       GStrvBuilder  *builder)
{
  g_auto(GStrv) updated = g_strv_builder_end (builder);

  g_settings_set_strv (settings, "recent-projects", (const char * const *) updated);
}

void
secuencia_recent_remember (GSettings  *settings,
                           const char *path)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  guint n = 1;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (path != NULL);

  recent = g_settings_get_strv (settings, "recent-projects");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < SECUENCIA_RECENT_MAX; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  store (settings, builder);
  g_settings_set_string (settings, "last-project", path);
}

gboolean
secuencia_recent_forget (GSettings  *settings,
                         const char *path)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  recent = g_settings_get_strv (settings, "recent-projects");
  builder = g_strv_builder_new ();
  for (guint i = 0; recent[i] != NULL; i++)
    {
      if (g_strcmp0 (recent[i], path) == 0)
        found = TRUE;
      else
        g_strv_builder_add (builder, recent[i]);
    }
  if (found)
    store (settings, builder);
  return found;
}

GStrv
secuencia_recent_list (GSettings *settings)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) kept = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  recent = g_settings_get_strv (settings, "recent-projects");
  builder = g_strv_builder_new ();
  /* Only the file's type is asked (stat): a project is never opened or
   * read outside SQLite. */
  for (guint i = 0; recent[i] != NULL; i++)
    if (g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
      g_strv_builder_add (builder, recent[i]);
  kept = g_strv_builder_end (builder);
  if (g_strv_length (kept) != g_strv_length (recent))
    g_settings_set_strv (settings, "recent-projects", (const char * const *) kept);
  return g_steal_pointer (&kept);
}

char *
secuencia_recent_dup_title (const char *path)
{
  char *base = g_path_get_basename (path);

  if (g_str_has_suffix (base, ".secuencia") && strlen (base) > strlen (".secuencia"))
    base[strlen (base) - strlen (".secuencia")] = '\0';
  return base;
}

char *
secuencia_recent_dup_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  gsize len = strlen (home);

  if (g_str_equal (dir, home))
    return g_strdup ("~");
  if (len > 1 && g_str_has_prefix (dir, home) && dir[len] == '/')
    return g_strconcat ("~", dir + len, NULL);
  return g_steal_pointer (&dir);
}
