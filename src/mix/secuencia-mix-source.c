/* secuencia-mix-source.c: a placed audio file of a mix. */
#include "config.h"

#include "secuencia-mix-source.h"

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
  return source;
}

SecuenciaMixSource *
secuencia_mix_source_copy (const SecuenciaMixSource *source)
{
  g_return_val_if_fail (source != NULL, NULL);
  return secuencia_mix_source_new (source->path, source->offset, source->source_start,
                                   source->duration, source->volume_db, source->label);
}

void
secuencia_mix_source_free (SecuenciaMixSource *source)
{
  if (source == NULL)
    return;
  g_free (source->path);
  g_free (source->label);
  g_free (source);
}
