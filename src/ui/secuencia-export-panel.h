/* secuencia-export-panel.h: the in-window progress area of a running export:
 * the stage, a progress bar bound to a SecuenciaExportProgress, "About N
 * minutes left" once the estimate is stable, and a Cancel button
 * (win.cancel-export). */
#pragma once

#include <gtk/gtk.h>
#include "secuencia-export-progress.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_EXPORT_PANEL (secuencia_export_panel_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaExportPanel, secuencia_export_panel, SECUENCIA, EXPORT_PANEL, GtkWidget)

GtkWidget               *secuencia_export_panel_new          (void);
/* Follow @progress (nullable to stop following). */
void                     secuencia_export_panel_set_progress (SecuenciaExportPanel    *self,
                                                              SecuenciaExportProgress *progress);
SecuenciaExportProgress *secuencia_export_panel_get_progress (SecuenciaExportPanel    *self);
/* The file being written, shown in the heading. */
void                     secuencia_export_panel_set_title    (SecuenciaExportPanel    *self,
                                                              const char              *title);
/* Text shown as the stage, e.g. while the timeline is being built. */
void                     secuencia_export_panel_set_stage    (SecuenciaExportPanel    *self,
                                                              const char              *stage);
/* What the progress bar is called for screen readers and what Cancel's
 * tooltip says (the panel also shows imports). */
void                     secuencia_export_panel_set_descriptions (SecuenciaExportPanel *self,
                                                                  const char           *progress_name,
                                                                  const char           *cancel_tooltip);
double                   secuencia_export_panel_get_fraction (SecuenciaExportPanel    *self);
const char              *secuencia_export_panel_get_time_left_text (SecuenciaExportPanel *self);

G_END_DECLS
