/* secuencia-mix-graph.h: placed sources mixed into one raw-audio pad.
 *
 * A GstBin, usable in any pipeline (export writes its output to a file,
 * playback sends it to the sound card):
 *
 *   [branch i] uridecodebin → audioconvert → audioresample → volume →
 *              capsfilter → queue ─┐  (mixer pad offset = placed offset)
 *   [bed] audiotestsrc silence ──── audiomixer → capsfilter → ghost "src"
 *
 * It renders the timeline range [start, end) of its sources: output
 * running time 0 is @start (after an optional lead-in of silence), the
 * output is exactly (end - start) long on the sample grid, and a source that
 * begins before @start starts trimmed at @start. Only the sources sounding
 * around the mix position hold a branch (a decoder): a buffer probe on the
 * mixer's src pad asks the graph's own manager thread for the branches of
 * the next window and hands it branches that are done, and holds the mixer
 * back until a source that starts in its next block has its pad. Every
 * state change of a branch happens in that manager thread, never in a
 * streaming thread nor in the caller's.
 *
 * A graph renders its range once, from the start (no flushing seeks): to
 * play from elsewhere, build a new graph. PAUSED ⇄ PLAYING is fine; once it
 * goes below PAUSED it does nothing more.
 *
 * Errors are posted on the bus as GST_MESSAGE_ERROR from the graph in the
 * SECUENCIA_MIX_ERROR domain, naming the source (its label) that failed:
 * undecodable, no audio, truncated, or giving no audio at all for 5 s
 * (while the mixer waits for it). Errors of elements outside the graph
 * pass unchanged.
 * decodebin's start-up race (GStreamer 1.22) is recovered by rebuilding the
 * branch when nothing of it was mixed yet; when it was,
 * secuencia_mix_graph_is_retryable() tells that a new render may succeed.
 */
#pragma once

#include <gst/gst.h>
#include "secuencia-mix-source.h"
#include "secuencia-mix-error.h"

G_BEGIN_DECLS

/* What a render did, for tests and benchmarks. */
typedef struct
{
  guint peak_branches;     /* most source branches (decoders) alive at once */
  guint branches_created;  /* source branches built over the whole render */
  guint restarts;          /* of those, rebuilt after decodebin's start-up race */
  guint stalls;            /* times the mixer waited for a branch to be added */
} SecuenciaMixStats;

#define SECUENCIA_TYPE_MIX_GRAPH (secuencia_mix_graph_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaMixGraph, secuencia_mix_graph, SECUENCIA, MIX_GRAPH, GstBin)

/* @sources: SecuenciaMixSource* (copied; any order, any overlap).
 * [@start, @end): the timeline range to render, 0 <= @start < @end.
 * @rate, @channels: the F32LE interleaved output (0: 48000 Hz, 2).
 * @lead_samples: silence rendered before @start (e.g. to align an encoder's
 * frames); every source is shifted by it.
 * Returns a new reference that is not floating (gst_bin_add() takes its
 * own: drop yours after adding), or NULL when a GStreamer element is
 * missing or a source path is not a valid file name. */
SecuenciaMixGraph *secuencia_mix_graph_new           (GPtrArray     *sources,
                                                      SecuenciaTime  start,
                                                      SecuenciaTime  end,
                                                      guint          rate,
                                                      guint          channels,
                                                      guint64        lead_samples,
                                                      GError       **error);
/* The output caps (F32LE, rate, channels, interleaved). */
GstCaps           *secuencia_mix_graph_get_caps      (SecuenciaMixGraph *self);
/* Samples of the range (without the lead-in). */
guint64            secuencia_mix_graph_get_n_samples (SecuenciaMixGraph *self);
/* The range's length, on the sample grid. */
GstClockTime       secuencia_mix_graph_get_duration  (SecuenciaMixGraph *self);
/* How far the mixer has mixed, relative to @start (lead-in excluded). Any
 * thread. This runs ahead of what a sink has played by the queues after the
 * graph. */
GstClockTime       secuencia_mix_graph_get_position  (SecuenciaMixGraph *self);
/* Any thread. */
void               secuencia_mix_graph_get_stats     (SecuenciaMixGraph *self,
                                                      SecuenciaMixStats *stats);
/* TRUE after the graph posted an error caused by decodebin's start-up race
 * in a source that had already been mixed from: a new render may succeed. */
gboolean           secuencia_mix_graph_is_retryable  (SecuenciaMixGraph *self);

/* Number of samples of [@start, @end) at @rate, as a graph renders it. */
guint64            secuencia_mix_graph_count_samples (SecuenciaTime  start,
                                                      SecuenciaTime  end,
                                                      guint          rate);

G_END_DECLS
