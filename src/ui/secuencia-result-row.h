/* secuencia-result-row.h: a finished export: the file's name, duration and
 * size. It only exists once the file is complete, and it can then be dragged
 * out (a GtkDragSource giving the GFile) and activated to open the file with
 * the default player. */
#pragma once

#include <adwaita.h>
#include "secuencia-time.h"
#include "secuencia-exporter.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_RESULT_ROW (secuencia_result_row_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaResultRow, secuencia_result_row, SECUENCIA, RESULT_ROW, AdwActionRow)

GtkWidget     *secuencia_result_row_new          (GFile              *file,
                                                  SecuenciaTime       duration,
                                                  goffset             size);
GFile         *secuencia_result_row_get_file     (SecuenciaResultRow *self);
/* Adds what the export measured under the duration and size: integrated
 * loudness, loudness range and true peak (ACX: RMS and peak), and whether
 * the target was met. */
void           secuencia_result_row_set_report   (SecuenciaResultRow          *self,
                                                  const SecuenciaExportReport *report);
/* The measurement line (for tests); NULL before set_report(). */
const char    *secuencia_result_row_get_measurements (SecuenciaResultRow *self);
GtkDragSource *secuencia_result_row_get_drag_source (SecuenciaResultRow *self);

/* Open @file with the default application; errors are reported in a toast
 * on @widget's window when it has an AdwToastOverlay ancestor. */
void           secuencia_open_with_default_app   (GtkWidget          *widget,
                                                  GFile              *file);
/* Show @file selected in the file manager (FileManager1.ShowItems on 4.8,
 * GtkFileLauncher on >= 4.10), else open its folder. */
void           secuencia_show_in_files           (GtkWidget          *widget,
                                                  GFile              *file);

G_END_DECLS
