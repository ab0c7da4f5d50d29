/* secuencia-mix-source.c: a placed audio file of a mix. */
#include "config.h"

#include "secuencia-mix-source.h"
#include "secuencia-asset-src.h"

SecuenciaMixSource *
secuencia_mix_source_new (const char    *path,
                          SecuenciaTime  offset,
                          SecuenciaTime  source_start,
                          SecuenciaTime  duration,
                          double         volume_db,
                          const char    *label)
{
  SecuenciaMixSource *source;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (offset >= 0, NULL);
  g_return_val_if_fail (source_start >= 0, NULL);
  g_return_val_if_fail (duration > 0, NULL);

  source = g_new0 (SecuenciaMixSource, 1);
  source->path = g_strdup (path);
  source->offset = offset;
  source->source_start = source_start;
  source->duration = duration;
  source->volume_db = volume_db;
  source->label = g_strdup (label);
  /* a path that is not a valid file name is reported when it is played */
  source->uri = g_filename_to_uri (path, NULL, NULL);
  return source;
}

SecuenciaMixSource *
secuencia_mix_source_new_asset (const char    *project_path,
                                gint64         asset_id,
                                SecuenciaTime  offset,
                                SecuenciaTime  source_start,
                                SecuenciaTime  duration,
                                double         volume_db,
                                const char    *label)
{
  SecuenciaMixSource *source;

  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (asset_id > 0, NULL);
  g_return_val_if_fail (offset >= 0, NULL);
  g_return_val_if_fail (source_start >= 0, NULL);
  g_return_val_if_fail (duration > 0, NULL);

  source = g_new0 (SecuenciaMixSource, 1);
  source->offset = offset;
  source->source_start = source_start;
  source->duration = duration;
  source->volume_db = volume_db;
  source->label = g_strdup (label);
  source->uri = secuencia_asset_src_make_uri (project_path, asset_id);
  return source;
}

SecuenciaMixSource *
secuencia_mix_source_copy (const SecuenciaMixSource *source)
{
  SecuenciaMixSource *copy;

  g_return_val_if_fail (source != NULL, NULL);
  copy = g_memdup2 (source, sizeof *source);
  copy->path = g_strdup (source->path);
  copy->label = g_strdup (source->label);
  copy->uri = g_strdup (source->uri);
  return copy;
}

void
secuencia_mix_source_free (SecuenciaMixSource *source)
{
  if (source == NULL)
    return;
  g_free (source->path);
  g_free (source->label);
  g_free (source->uri);
  g_free (source);
}
