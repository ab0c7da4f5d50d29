/* secuencia-mix-error.c */
#include "config.h"

#include "secuencia-mix-error.h"

G_DEFINE_QUARK (secuencia-mix-error-quark, secuencia_mix_error)
