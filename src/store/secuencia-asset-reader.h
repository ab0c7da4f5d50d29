/* secuencia-asset-reader.h: read one asset's bytes from a project file, from
 * any thread.
 *
 * Each reader has its own read-only SQLite connection and an open blob
 * handle on the asset's data, so readers can live in GStreamer streaming
 * threads (one per decoder) while the window's connection keeps writing:
 * asset bytes never change once stored. Random access: the mix reads an
 * asset as a seekable file without copying it anywhere.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SecuenciaAssetReader SecuenciaAssetReader;

/* Errors are SECUENCIA_PROJECT_ERROR_NOT_FOUND (no such file or asset) or
 * _IO, naming the project file and the asset. */
SecuenciaAssetReader *secuencia_asset_reader_open     (const char            *project_path,
                                                       gint64                 asset_id,
                                                       GError               **error);
void                  secuencia_asset_reader_free     (SecuenciaAssetReader  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaAssetReader, secuencia_asset_reader_free)

guint64               secuencia_asset_reader_get_size (SecuenciaAssetReader  *self);
/* Read up to @size bytes at @offset into @buffer; returns the number read
 * (0 at or past the end), or -1 with @error set. */
gssize                secuencia_asset_reader_read     (SecuenciaAssetReader  *self,
                                                       guint64                offset,
                                                       void                  *buffer,
                                                       gsize                  size,
                                                       GError               **error);

G_END_DECLS
