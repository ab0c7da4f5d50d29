/* secuencia-export-error.h: the error domain of the export engine. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SECUENCIA_EXPORT_ERROR (secuencia_export_error_quark ())
typedef enum
{
  SECUENCIA_EXPORT_ERROR_PROJECT,            /* the project file cannot be opened/read */
  SECUENCIA_EXPORT_ERROR_TIMELINE_NOT_FOUND, /* no timeline with that id */
  SECUENCIA_EXPORT_ERROR_EMPTY_TIMELINE,     /* no clips, or every clip muted */
  SECUENCIA_EXPORT_ERROR_MISSING_ASSET,      /* a clip's asset is not in the project */
  SECUENCIA_EXPORT_ERROR_BAD_ASSET,          /* asset empty, truncated or not audio */
  SECUENCIA_EXPORT_ERROR_NO_ENCODER,         /* no AAC encoder / muxer installed */
  SECUENCIA_EXPORT_ERROR_DESTINATION,        /* folder missing or not writable */
  SECUENCIA_EXPORT_ERROR_DISK_FULL,          /* ENOSPC / EDQUOT while writing */
  SECUENCIA_EXPORT_ERROR_FAILED,             /* any other pipeline failure */
  SECUENCIA_EXPORT_ERROR_EXISTS,             /* the destination exists; replacing it was not asked for */
  SECUENCIA_EXPORT_ERROR_PROTECTED,          /* the destination is the project, one of its audio
                                              * files, or not a regular file: never replaced */
  SECUENCIA_EXPORT_ERROR_FORMAT,             /* unknown file name extension / format */
  SECUENCIA_EXPORT_ERROR_TAGS,               /* a cover image or tag that cannot be written */
  SECUENCIA_EXPORT_ERROR_UNSUPPORTED_OPTION, /* a sample rate the encoder cannot take */
} SecuenciaExportError;

GQuark secuencia_export_error_quark (void);

G_END_DECLS
