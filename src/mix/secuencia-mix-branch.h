/* secuencia-mix-branch.h: one source of a mix graph, as a bin.
 *
 * uridecodebin → audioconvert → audioresample → volume → capsfilter → queue,
 * exposed as a ghost "src" pad to link to an audiomixer sink pad. Before any
 * decoded data leaves the bin, a blocking probe on the decoder's pad sends a
 * FLUSH|ACCURATE seek [start, stop) to the decoder from another thread (as
 * GES's nlesource does) and drops everything until the seek's own SEGMENT,
 * so the first sample that reaches the mixer is the trimmed first sample.
 * The flush events of that seek are stopped at the bin's edge so the mixer
 * never sees them.
 *
 * Internal to the mix graph (secuencia-mix-graph.c).
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define SECUENCIA_TYPE_MIX_BRANCH (secuencia_mix_branch_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaMixBranch, secuencia_mix_branch, SECUENCIA, MIX_BRANCH, GstBin)

/* @caps: the fixed raw caps the branch outputs (F32LE, rate, channels).
 * @seek_start/@seek_stop: the part of the file to play, in stream time. */
SecuenciaMixBranch *secuencia_mix_branch_new            (guint         index,
                                                         const char   *uri,
                                                         const char   *label,
                                                         GstClockTime  seek_start,
                                                         GstClockTime  seek_stop,
                                                         double        volume_db,
                                                         GstCaps      *caps,
                                                         GError      **error);
guint               secuencia_mix_branch_get_index      (SecuenciaMixBranch *self);
const char         *secuencia_mix_branch_get_label      (SecuenciaMixBranch *self);

/* The audiomixer sink pad this branch feeds, and where its data ends in
 * mixer running time (set by the mix graph; protected by the graph's lock). */
void                secuencia_mix_branch_set_mixer_pad  (SecuenciaMixBranch *self,
                                                         GstPad             *pad,
                                                         GstClockTime        end);
GstPad             *secuencia_mix_branch_get_mixer_pad  (SecuenciaMixBranch *self);
GstClockTime        secuencia_mix_branch_get_end        (SecuenciaMixBranch *self);

/* TRUE once a decoded audio stream is linked (any thread). */
gboolean            secuencia_mix_branch_has_audio      (SecuenciaMixBranch *self);

/* Note when the first buffer of this branch reaches @pad (its audiomixer
 * sink pad); secuencia_mix_branch_has_mixed() tells afterwards (any thread).
 * Before that, nothing of this branch has been mixed. */
void                secuencia_mix_branch_watch_mixer_pad (SecuenciaMixBranch *self,
                                                          GstPad             *pad);
gboolean            secuencia_mix_branch_has_mixed       (SecuenciaMixBranch *self);

/* Find the branch an element belongs to (for error messages), or NULL. */
SecuenciaMixBranch *secuencia_mix_branch_find_ancestor  (GstObject *object);

G_END_DECLS
