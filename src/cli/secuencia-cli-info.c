/* secuencia-cli-info.c: the project as JSON (secuencia-cli info --json).
 *
 * json-glib writes strings (escaping); numbers are written here, because
 * its generator prints doubles with 17 significant digits (0.1 becomes
 * 0.10000000000000001) and times should read as they are: exact decimals
 * of integer nanoseconds.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <json-glib/json-glib.h>

#include "secuencia-cli-info.h"

#define MAX_DEPTH 8

typedef struct
{
  GString  *out;
  guint     depth;
  gboolean  empty[MAX_DEPTH];  /* nothing written yet in this container */
} Json;

static void
json_next (Json *j, const char *key)
{
  if (j->depth > 0)
    {
      if (!j->empty[j->depth - 1])
        g_string_append_c (j->out, ',');
      j->empty[j->depth - 1] = FALSE;
      g_string_append_c (j->out, '\n');
      for (guint i = 0; i < j->depth; i++)
        g_string_append (j->out, "  ");
    }
  if (key != NULL)
    {
      /* Keys come from the file too (metadata keys): always UTF-8. */
      g_autofree char *valid = g_utf8_make_valid (key, -1);
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), valid);
      g_autofree char *quoted = json_to_string (node, FALSE);

      g_string_append_printf (j->out, "%s: ", quoted);
    }
}

static void
json_open (Json *j, const char *key, char bracket)
{
  json_next (j, key);
  g_string_append_c (j->out, bracket);
  g_assert (j->depth < MAX_DEPTH);
  j->empty[j->depth++] = TRUE;
}

static void
json_close (Json *j, char bracket)
{
  gboolean empty;

  g_assert (j->depth > 0);
  empty = j->empty[--j->depth];
  if (!empty)
    {
      g_string_append_c (j->out, '\n');
      for (guint i = 0; i < j->depth; i++)
        g_string_append (j->out, "  ");
    }
  g_string_append_c (j->out, bracket);
}

static void
json_string (Json *j, const char *key, const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value != NULL ? value : "", -1);
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), valid);
  g_autofree char *quoted = json_to_string (node, FALSE);

  json_next (j, key);
  g_string_append (j->out, quoted);
}

static void
json_int (Json *j, const char *key, gint64 value)
{
  json_next (j, key);
  g_string_append_printf (j->out, "%" G_GINT64_FORMAT, value);
}

/* An id, or null for 0 (none). */
static void
json_id (Json *j, const char *key, gint64 value)
{
  json_next (j, key);
  if (value != 0)
    g_string_append_printf (j->out, "%" G_GINT64_FORMAT, value);
  else
    g_string_append (j->out, "null");
}

static void
json_bool (Json *j, const char *key, gboolean value)
{
  json_next (j, key);
  g_string_append (j->out, value ? "true" : "false");
}

static void
json_null (Json *j, const char *key)
{
  json_next (j, key);
  g_string_append (j->out, "null");
}

/* Seconds, exactly: the shortest decimal of integer nanoseconds. */
static void
json_time (Json *j, const char *key, SecuenciaTime value)
{
  g_autofree char *text = secuencia_time_format_seconds (value);

  json_next (j, key);
  g_string_append (j->out, text);
}

/* The shortest decimal that reads back as @value (NaN/Inf: null). */
static void
json_double (Json *j, const char *key, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  json_next (j, key);
  if (!isfinite (value))
    {
      g_string_append (j->out, "null");
      return;
    }
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (j->out, buffer);
}

/* Unix µs as seconds. */
static void
json_timestamp (Json *j, const char *key, gint64 usec)
{
  /* In nanoseconds a stamp past the year 294246 (a damaged file) would
   * overflow: write it as whole seconds. */
  if (usec > G_MAXINT64 / 1000 || usec < G_MININT64 / 1000)
    json_int (j, key, usec / G_USEC_PER_SEC);
  else
    json_time (j, key, usec * 1000);
}

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
write_asset (Json *j, const SecuenciaAssetInfo *asset)
{
  json_open (j, NULL, '{');
  json_int (j, "id", asset->id);
  json_string (j, "file_name", asset->file_name);
  json_string (j, "mime_type", asset->mime_type);
  json_time (j, "duration", asset->duration);
  json_int (j, "size", asset->size);
  json_string (j, "content_hash", asset->content_hash);
  json_close (j, '}');
}

static void
write_element (Json *j, const SecuenciaElementInfo *element)
{
  json_open (j, NULL, '{');
  json_int (j, "id", element->id);
  json_int (j, "position", element->position);
  json_string (j, "kind", secuencia_element_kind_to_string (element->kind));
  json_string (j, "character", element->character);
  json_string (j, "text", element->text);
  json_id (j, "asset", element->asset_id);
  json_string (j, "parenthetical", element->parenthetical);
  json_string (j, "extension", element->extension);
  json_string (j, "scene_number", element->scene_number);
  json_bool (j, "scratch", element->scratch);
  json_bool (j, "dual", element->dual);
  json_close (j, '}');
}

static void
write_clip (Json *j, const SecuenciaClip *clip, GHashTable *elements)
{
  const SecuenciaElementInfo *element = NULL;

  if (clip->element_id != 0)
    element = g_hash_table_lookup (elements, &clip->element_id);
  json_open (j, NULL, '{');
  json_int (j, "id", clip->id);
  json_id (j, "asset", clip->asset_id);
  json_id (j, "element", element != NULL ? element->id : 0);
  json_time (j, "offset", clip->offset);
  json_time (j, "source_start", clip->source_start);
  json_time (j, "duration", clip->duration);
  json_int (j, "lane", clip->lane);
  json_double (j, "volume_db", clip->volume_db);
  json_bool (j, "muted", clip->muted);
  json_string (j, "text", element != NULL ? element->text : "");
  json_string (j, "character", element != NULL ? element->character : "");
  json_string (j, "name", clip->name);
  json_close (j, '}');
}

char *
secuencia_cli_info_json (SecuenciaProject  *project,
                         GError           **error)
{
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) timelines = NULL;
  g_autoptr(GPtrArray) clips = NULL;    /* per timeline: GPtrArray of SecuenciaClip* */
  g_autoptr(GHashTable) metadata = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GBytes) cover = NULL;
  g_autofree char *cover_type = NULL;
  g_autofree char *cover_name = NULL;
  g_autofree char *name = NULL;
  g_autofree const char **keys = NULL;
  Json j = { 0 };

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Everything from one snapshot. */
  if (!secuencia_project_begin_read (project, error))
    return NULL;
  name = secuencia_project_dup_name (project);
  assets = secuencia_project_list_assets (project, error);
  if (assets != NULL)
    elements = secuencia_project_list_elements (project, error);
  if (elements != NULL)
    timelines = secuencia_project_list_timelines (project, error);
  if (timelines != NULL)
    metadata = secuencia_project_dup_all_metadata (project, error);
  if (metadata != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      cover = secuencia_project_dup_cover (project, &cover_type, &cover_name, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          g_clear_pointer (&metadata, g_hash_table_unref);
        }
    }
  if (metadata != NULL)
    {
      clips = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < timelines->len; i++)
        {
          const SecuenciaTimelineInfo *timeline = g_ptr_array_index (timelines, i);
          GPtrArray *list = secuencia_project_list_clips (project, timeline->id, error);

          if (list == NULL)
            break;
          g_ptr_array_add (clips, list);
        }
    }
  secuencia_project_end_read (project);
  if (clips == NULL || clips->len != timelines->len)
    return NULL;

  for (guint i = 0; i < elements->len; i++)
    {
      SecuenciaElementInfo *element = g_ptr_array_index (elements, i);

      g_hash_table_insert (by_id, &element->id, element);
    }

  j.out = g_string_new (NULL);
  json_open (&j, NULL, '{');
  json_string (&j, "name", name);

  json_open (&j, "metadata", '{');
  keys = (const char **) g_hash_table_get_keys_as_array (metadata, NULL);
  qsort (keys, g_hash_table_size (metadata), sizeof (char *), compare_keys);
  for (guint i = 0; keys[i] != NULL; i++)
    json_string (&j, keys[i], g_hash_table_lookup (metadata, keys[i]));
  json_close (&j, '}');

  if (cover != NULL)
    {
      json_open (&j, "cover", '{');
      json_string (&j, "file_name", cover_name);
      json_string (&j, "mime_type", cover_type);
      json_int (&j, "size", (gint64) g_bytes_get_size (cover));
      json_close (&j, '}');
    }
  else
    json_null (&j, "cover");

  json_open (&j, "assets", '[');
  for (guint i = 0; i < assets->len; i++)
    write_asset (&j, g_ptr_array_index (assets, i));
  json_close (&j, ']');

  json_open (&j, "elements", '[');
  for (guint i = 0; i < elements->len; i++)
    write_element (&j, g_ptr_array_index (elements, i));
  json_close (&j, ']');

  json_open (&j, "timelines", '[');
  for (guint i = 0; i < timelines->len; i++)
    {
      const SecuenciaTimelineInfo *timeline = g_ptr_array_index (timelines, i);
      GPtrArray *list = g_ptr_array_index (clips, i);

      json_open (&j, NULL, '{');
      json_int (&j, "id", timeline->id);
      json_string (&j, "name", timeline->name);
      json_timestamp (&j, "created", timeline->created_at);
      json_timestamp (&j, "modified", timeline->modified_at);
      json_time (&j, "duration", timeline->duration);
      json_open (&j, "clips", '[');
      for (guint k = 0; k < list->len; k++)
        write_clip (&j, g_ptr_array_index (list, k), by_id);
      json_close (&j, ']');
      json_close (&j, '}');
    }
  json_close (&j, ']');

  json_close (&j, '}');
  g_string_append_c (j.out, '\n');
  return g_string_free (j.out, FALSE);
}
