/* secuencia-mix-error.h: the error domain of the mix graph (src/mix/).
 *
 * Errors the mix graph posts on the bus (as GST_MESSAGE_ERROR from the
 * graph) or returns use this domain; their message names the source (its
 * label) and the cause. Export and playback map them to their own words.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SECUENCIA_MIX_ERROR (secuencia_mix_error_quark ())
typedef enum
{
  SECUENCIA_MIX_ERROR_SOURCE,          /* a source cannot be read or decoded (named) */
  SECUENCIA_MIX_ERROR_MISSING_ELEMENT, /* a GStreamer element is not installed */
  SECUENCIA_MIX_ERROR_FAILED,          /* any other failure of the graph */
} SecuenciaMixError;

GQuark secuencia_mix_error_quark (void);

G_END_DECLS
