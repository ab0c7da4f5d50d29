/* secuencia-mix-source.h: one placed audio file of a mix.
 *
 * A plain struct: what the mix graph needs to place a source on the
 * timeline, with no knowledge of the project database. Callers build these
 * from a timeline's clips (leaving muted clips out) and local copies of the
 * assets.
 */
#pragma once

#include <glib.h>
#include "secuencia-time.h"

G_BEGIN_DECLS

typedef struct
{
  char          *path;          /* a local file GStreamer can decode, or NULL */
  SecuenciaTime  offset;        /* timeline position, >= 0 */
  SecuenciaTime  source_start;  /* trim into the file, >= 0 */
  SecuenciaTime  duration;      /* > 0 */
  double         volume_db;     /* gain; the caller leaves muted clips out */
  char          *label;         /* for error messages, e.g. "Clip 12 (“line 3.mp3”)" */
  char          *uri;           /* what is read: file:// of @path, or an asset URI */
} SecuenciaMixSource;

SecuenciaMixSource *secuencia_mix_source_new  (const char    *path,
                                               SecuenciaTime  offset,
                                               SecuenciaTime  source_start,
                                               SecuenciaTime  duration,
                                               double         volume_db,
                                               const char    *label);
/* An asset stored in a project file, read in place (secuencia-asset-src.h). */
SecuenciaMixSource *secuencia_mix_source_new_asset (const char    *project_path,
                                                    gint64         asset_id,
                                                    SecuenciaTime  offset,
                                                    SecuenciaTime  source_start,
                                                    SecuenciaTime  duration,
                                                    double         volume_db,
                                                    const char    *label);
SecuenciaMixSource *secuencia_mix_source_copy (const SecuenciaMixSource *source);
void                secuencia_mix_source_free (SecuenciaMixSource *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaMixSource, secuencia_mix_source_free)

G_END_DECLS
