/* secuencia-waveform-tiles.h: the timeline view's waveform images, cached.
 *
 * A clip's waveform is cut into tiles of a fixed number of pixel columns,
 * counted from the clip's start, each drawn once into an image (a texture)
 * and kept while nothing that decides its pixels changes: the peaks, the
 * zoom, the clip's source start and length, its gain, the colour, the
 * height and the scale factor. Scrolling and moving a clip reuse the
 * tiles; a zoom step redraws only the tiles on screen, from the peaks
 * level that matches the zoom (never more peak values than a few per
 * pixel column). Tiles not drawn for a while are dropped. */
#pragma once

#include <gtk/gtk.h>

#include "secuencia-clip.h"
#include "secuencia-peaks.h"

G_BEGIN_DECLS

typedef struct _SecuenciaWaveformTiles SecuenciaWaveformTiles;

SecuenciaWaveformTiles *secuencia_waveform_tiles_new   (void);
void                    secuencia_waveform_tiles_free  (SecuenciaWaveformTiles *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaWaveformTiles, secuencia_waveform_tiles_free)

/* Forget every tile. */
void     secuencia_waveform_tiles_clear       (SecuenciaWaveformTiles *self);
/* Call once per frame, after the frame's tiles were appended: drops the
 * tiles this frame did not use when too many are kept. */
void     secuencia_waveform_tiles_end_frame   (SecuenciaWaveformTiles *self);

/* Appends @clip's waveform between @xa and @xb (widget x, the visible part
 * of the clip), its first column at @x_start (the clip's start), in the
 * band from @top, @height high, at @scale device pixels per widget pixel.
 * @ns_per_px: the zoom. @gain: linear, applied to the peaks (full scale
 * clipped to the band). Each column is filled from its minimum to its
 * maximum, at least one device pixel high. */
void     secuencia_waveform_tiles_snapshot    (SecuenciaWaveformTiles *self,
                                               GtkSnapshot            *snapshot,
                                               const SecuenciaClip    *clip,
                                               SecuenciaPeaks         *peaks,
                                               double                  ns_per_px,
                                               int                     scale,
                                               double                  x_start,
                                               double                  xa,
                                               double                  xb,
                                               double                  top,
                                               double                  height,
                                               double                  gain,
                                               const GdkRGBA          *color);

/* For tests and the benchmark: tiles kept, and tiles drawn since creation. */
guint    secuencia_waveform_tiles_get_n_kept  (SecuenciaWaveformTiles *self);
guint64  secuencia_waveform_tiles_get_n_drawn (SecuenciaWaveformTiles *self);

G_END_DECLS
