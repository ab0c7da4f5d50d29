/* secuencia-asset-src.h: a GStreamer source reading an asset straight from
 * a project file.
 *
 * "secuencia-asset:///abs/path/Project.secuencia?id=12" names asset 12 of
 * that project. The element ("secuenciaassetsrc") is a seekable, random
 * access GstBaseSrc over a SecuenciaAssetReader (its own read-only SQLite
 * connection), registered for that URI scheme so that uridecodebin, and so
 * every branch of a mix graph, can play assets without copying them to
 * files first.
 */
#pragma once

#include <gst/base/gstbasesrc.h>

G_BEGIN_DECLS

#define SECUENCIA_TYPE_ASSET_SRC (secuencia_asset_src_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaAssetSrc, secuencia_asset_src, SECUENCIA, ASSET_SRC, GstBaseSrc)

#define SECUENCIA_ASSET_URI_SCHEME "secuencia-asset"

/* Register the element with GStreamer (once per process; any thread). */
void      secuencia_asset_src_register  (void);
char     *secuencia_asset_src_make_uri  (const char  *project_path,
                                         gint64       asset_id);
/* FALSE when @uri is not a valid asset URI. */
gboolean  secuencia_asset_src_parse_uri (const char  *uri,
                                         char       **out_project_path,
                                         gint64      *out_asset_id);

G_END_DECLS
