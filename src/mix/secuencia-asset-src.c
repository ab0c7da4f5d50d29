/* secuencia-asset-src.c: a GStreamer source reading an asset from a project. */
#include "config.h"

#include "secuencia-asset-src.h"
#include "secuencia-asset-reader.h"

#include <glib/gi18n.h>
#include <string.h>

#define BLOCK_SIZE (64 * 1024)

struct _SecuenciaAssetSrc
{
  GstBaseSrc            parent_instance;

  GMutex                lock;
  char                 *uri;           /* under lock */
  char                 *project_path;  /* under lock */
  gint64                asset_id;      /* under lock */

  /* streaming (between start and stop) */
  SecuenciaAssetReader *reader;
};

static GstStaticPadTemplate src_template =
  GST_STATIC_PAD_TEMPLATE ("src", GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

static void uri_handler_init (gpointer g_iface, gpointer iface_data);

G_DEFINE_FINAL_TYPE_WITH_CODE (SecuenciaAssetSrc, secuencia_asset_src, GST_TYPE_BASE_SRC,
                               G_IMPLEMENT_INTERFACE (GST_TYPE_URI_HANDLER, uri_handler_init))

char *
secuencia_asset_src_make_uri (const char *project_path,
                              gint64      asset_id)
{
  g_autofree char *absolute = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (project_path != NULL, NULL);
  absolute = g_canonicalize_filename (project_path, NULL);
  escaped = g_uri_escape_string (absolute, "/", FALSE);
  return g_strdup_printf (SECUENCIA_ASSET_URI_SCHEME "://%s?id=%" G_GINT64_FORMAT,
                          escaped, asset_id);
}

gboolean
secuencia_asset_src_parse_uri (const char  *uri,
                               char       **out_project_path,
                               gint64      *out_asset_id)
{
  g_autoptr (GUri) parsed = NULL;
  const char *query;
  char *end = NULL;
  gint64 id;

  if (uri == NULL)
    return FALSE;
  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL || g_strcmp0 (g_uri_get_scheme (parsed), SECUENCIA_ASSET_URI_SCHEME) != 0)
    return FALSE;
  query = g_uri_get_query (parsed);
  if (query == NULL || !g_str_has_prefix (query, "id="))
    return FALSE;
  id = g_ascii_strtoll (query + 3, &end, 10);
  if (end == query + 3 || *end != '\0' || id <= 0 || !g_path_is_absolute (g_uri_get_path (parsed)))
    return FALSE;
  if (out_project_path != NULL)
    *out_project_path = g_strdup (g_uri_get_path (parsed));
  if (out_asset_id != NULL)
    *out_asset_id = id;
  return TRUE;
}

static gboolean
set_uri (SecuenciaAssetSrc *self,
         const char        *uri,
         GError           **error)
{
  g_autofree char *path = NULL;
  gint64 id = 0;

  GST_OBJECT_LOCK (self);
  if (GST_STATE (self) != GST_STATE_NULL && GST_STATE (self) != GST_STATE_READY)
    {
      GST_OBJECT_UNLOCK (self);
      g_set_error (error, GST_URI_ERROR, GST_URI_ERROR_BAD_STATE,
                   "Changing the URI while streaming is not supported");
      return FALSE;
    }
  GST_OBJECT_UNLOCK (self);

  if (!secuencia_asset_src_parse_uri (uri, &path, &id))
    {
      g_set_error (error, GST_URI_ERROR, GST_URI_ERROR_BAD_URI,
                   "“%s” is not a Secuencia asset URI", uri);
      return FALSE;
    }
  g_mutex_lock (&self->lock);
  g_free (self->uri);
  self->uri = g_strdup (uri);
  g_free (self->project_path);
  self->project_path = g_steal_pointer (&path);
  self->asset_id = id;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static GstURIType
uri_get_type (GType type)
{
  return GST_URI_SRC;
}

static const char *const *
uri_get_protocols (GType type)
{
  static const char *const protocols[] = { SECUENCIA_ASSET_URI_SCHEME, NULL };
  return protocols;
}

static char *
uri_get_uri (GstURIHandler *handler)
{
  SecuenciaAssetSrc *self = SECUENCIA_ASSET_SRC (handler);
  char *uri;

  g_mutex_lock (&self->lock);
  uri = g_strdup (self->uri);
  g_mutex_unlock (&self->lock);
  return uri;
}

static gboolean
uri_set_uri (GstURIHandler *handler,
             const char    *uri,
             GError       **error)
{
  return set_uri (SECUENCIA_ASSET_SRC (handler), uri, error);
}

static void
uri_handler_init (gpointer g_iface,
                  gpointer iface_data)
{
  GstURIHandlerInterface *iface = g_iface;

  iface->get_type = uri_get_type;
  iface->get_protocols = uri_get_protocols;
  iface->get_uri = uri_get_uri;
  iface->set_uri = uri_set_uri;
}

static gboolean
secuencia_asset_src_start (GstBaseSrc *src)
{
  SecuenciaAssetSrc *self = SECUENCIA_ASSET_SRC (src);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 id;

  g_mutex_lock (&self->lock);
  path = g_strdup (self->project_path);
  id = self->asset_id;
  g_mutex_unlock (&self->lock);
  if (path == NULL)
    {
      GST_ELEMENT_ERROR (self, RESOURCE, NOT_FOUND, (_("No asset to read")), (NULL));
      return FALSE;
    }
  self->reader = secuencia_asset_reader_open (path, id, &error);
  if (self->reader == NULL)
    {
      GST_ELEMENT_ERROR (self, RESOURCE, OPEN_READ, ("%s", error->message), (NULL));
      return FALSE;
    }
  return TRUE;
}

static gboolean
secuencia_asset_src_stop (GstBaseSrc *src)
{
  SecuenciaAssetSrc *self = SECUENCIA_ASSET_SRC (src);

  g_clear_pointer (&self->reader, secuencia_asset_reader_free);
  return TRUE;
}

static gboolean
secuencia_asset_src_get_size (GstBaseSrc *src,
                              guint64    *size)
{
  SecuenciaAssetSrc *self = SECUENCIA_ASSET_SRC (src);

  if (self->reader == NULL)
    return FALSE;
  *size = secuencia_asset_reader_get_size (self->reader);
  return TRUE;
}

static gboolean
secuencia_asset_src_is_seekable (GstBaseSrc *src)
{
  return TRUE;
}

static GstFlowReturn
secuencia_asset_src_fill (GstBaseSrc *src,
                          guint64     offset,
                          guint       length,
                          GstBuffer  *buf)
{
  SecuenciaAssetSrc *self = SECUENCIA_ASSET_SRC (src);
  g_autoptr (GError) error = NULL;
  GstMapInfo map;
  gssize n;

  if (!gst_buffer_map (buf, &map, GST_MAP_WRITE))
    return GST_FLOW_ERROR;
  n = secuencia_asset_reader_read (self->reader, offset, map.data, MIN (length, map.size), &error);
  gst_buffer_unmap (buf, &map);
  if (n < 0)
    {
      GST_ELEMENT_ERROR (self, RESOURCE, READ, ("%s", error->message), (NULL));
      return GST_FLOW_ERROR;
    }
  if (n == 0)
    return GST_FLOW_EOS;
  gst_buffer_resize (buf, 0, n);
  GST_BUFFER_OFFSET (buf) = offset;
  GST_BUFFER_OFFSET_END (buf) = offset + (guint64) n;
  return GST_FLOW_OK;
}

static void
secuencia_asset_src_finalize (GObject *object)
{
  SecuenciaAssetSrc *self = SECUENCIA_ASSET_SRC (object);

  g_clear_pointer (&self->reader, secuencia_asset_reader_free);
  g_free (self->uri);
  g_free (self->project_path);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (secuencia_asset_src_parent_class)->finalize (object);
}

static void
secuencia_asset_src_class_init (SecuenciaAssetSrcClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseSrcClass *basesrc_class = GST_BASE_SRC_CLASS (klass);

  object_class->finalize = secuencia_asset_src_finalize;
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class, "Secuencia asset source",
                                         "Source/File",
                                         "Reads an audio asset stored in a Secuencia project",
                                         "Secuencia");
  basesrc_class->start = secuencia_asset_src_start;
  basesrc_class->stop = secuencia_asset_src_stop;
  basesrc_class->get_size = secuencia_asset_src_get_size;
  basesrc_class->is_seekable = secuencia_asset_src_is_seekable;
  basesrc_class->fill = secuencia_asset_src_fill;
}

static void
secuencia_asset_src_init (SecuenciaAssetSrc *self)
{
  g_mutex_init (&self->lock);
  gst_base_src_set_blocksize (GST_BASE_SRC (self), BLOCK_SIZE);
}

void
secuencia_asset_src_register (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      if (!gst_is_initialized ())
        gst_init (NULL, NULL);
      gst_element_register (NULL, "secuenciaassetsrc", GST_RANK_PRIMARY, SECUENCIA_TYPE_ASSET_SRC);
      g_once_init_leave (&registered, 1);
    }
}
