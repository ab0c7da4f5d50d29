/* secuencia-export-error.c */
#include "config.h"

#include "secuencia-export-error.h"

G_DEFINE_QUARK (secuencia-export-error-quark, secuencia_export_error)
