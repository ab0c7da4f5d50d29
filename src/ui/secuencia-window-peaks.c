/* secuencia-window-peaks.c: the window's waveforms. One
 * SecuenciaPeaksLoader per open project: stored waveforms are read when the
 * project opens, missing ones decoded in the background, and each is handed
 * on as it arrives. */
#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-window-private.h"

static void
on_peaks_failed (SecuenciaPeaksLoader *loader,
                 gint64                asset_id,
                 GError               *error,
                 SecuenciaWindow      *self)
{
  g_autoptr(SecuenciaAssetInfo) asset = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;

  g_debug ("No waveform for asset %" G_GINT64_FORMAT ": %s", asset_id, error->message);
  /* One toast per opened project is enough: the clips still play and
   * export, they are only drawn without their waveform. */
  if (self->peaks_failure_shown || self->project == NULL)
    return;
  self->peaks_failure_shown = TRUE;
  asset = secuencia_project_get_asset (self->project, asset_id, NULL);
  escaped = g_markup_escape_text (asset != NULL ? asset->file_name : "?", -1);
  title = g_strdup_printf (_("Could not read the waveform of “%s”"), escaped);
  _secuencia_window_toast (self, title);
}

static void
on_peaks_ready (SecuenciaPeaksLoader *loader,
                gint64                asset_id,
                SecuenciaPeaks       *peaks,
                SecuenciaWindow      *self)
{
  secuencia_timeline_view_set_peaks (self->timeline_view, asset_id, peaks);
}

void
_secuencia_window_peaks_close (SecuenciaWindow *self)
{
  g_assert (SECUENCIA_IS_WINDOW (self));

  if (self->peaks_loader == NULL)
    return;
  secuencia_peaks_loader_cancel (self->peaks_loader);
  g_signal_handlers_disconnect_by_data (self->peaks_loader, self);
  g_clear_object (&self->peaks_loader);
}

void
_secuencia_window_peaks_open (SecuenciaWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (SECUENCIA_IS_WINDOW (self));

  _secuencia_window_peaks_close (self);
  self->peaks_failure_shown = FALSE;
  if (self->project == NULL)
    return;
  self->peaks_loader = secuencia_peaks_loader_new (self->project);
  g_signal_connect (self->peaks_loader, "peaks-failed", G_CALLBACK (on_peaks_failed), self);
  /* The timeline view draws each waveform as it arrives. */
  secuencia_timeline_view_clear_peaks (self->timeline_view);
  g_signal_connect (self->peaks_loader, "peaks-ready", G_CALLBACK (on_peaks_ready), self);
  if (!secuencia_peaks_loader_load (self->peaks_loader, &error))
    {
      g_autofree char *title = g_markup_printf_escaped (_("Could not read the waveforms: %s"), error->message);

      _secuencia_window_toast (self, title);
    }
}

void
_secuencia_window_peaks_refresh (SecuenciaWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (SECUENCIA_IS_WINDOW (self));

  if (self->peaks_loader == NULL)
    return;
  if (!secuencia_peaks_loader_refresh (self->peaks_loader, &error))
    {
      g_autofree char *title = g_markup_printf_escaped (_("Could not read the waveforms: %s"), error->message);

      _secuencia_window_toast (self, title);
    }
}

SecuenciaPeaksLoader *
secuencia_window_get_peaks_loader (SecuenciaWindow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), NULL);

  return self->peaks_loader;
}
