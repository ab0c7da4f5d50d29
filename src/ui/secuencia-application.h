/* secuencia-application.h: the application: app actions and accelerators,
 * files from the command line, --demo, and the first-run demo offer. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SECUENCIA_TYPE_APPLICATION (secuencia_application_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaApplication, secuencia_application, SECUENCIA, APPLICATION, AdwApplication)

SecuenciaApplication *secuencia_application_new (void);

G_END_DECLS
