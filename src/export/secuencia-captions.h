/* secuencia-captions.h: captions, timing files and chapter files as text.
 *
 * Times are the cues' exact times rounded to the nearest millisecond.
 *  - WebVTT: a cue per line with text, its id "clip-<clip id>", the
 *    speaker as a voice span (<v ANA>…</v>), "&", "<", ">" escaped, text
 *    wrapped at about 65 characters a line.
 *  - SRT: numbered cues, "ANA: " before the text, same wrapping.
 *  - Timing JSON (the format of the Swift original): audioFile, duration
 *    (the end of the last cue), segments [{endTime, id, metadata
 *    {character, clipId, lane}, startTime, text}], version "1.0"; every
 *    sounding clip is a segment, absent values are left out.
 *  - Podcasting 2.0 chapters JSON: {"version": "1.2.0", "chapters":
 *    [{"startTime": s, "title": …}]}.
 * Gaps are never cues; cues without text are left out of VTT and SRT.
 */
#pragma once

#include <glib.h>
#include "secuencia-transcript.h"

G_BEGIN_DECLS

char *secuencia_captions_webvtt      (GPtrArray     *cues);
char *secuencia_captions_srt         (GPtrArray     *cues);
char *secuencia_captions_timing_json (GPtrArray     *cues,
                                      const char    *audio_file_name);
char *secuencia_chapters_json        (GPtrArray     *chapters);

/* Milliseconds, rounded to the nearest (ties away from zero). */
gint64 secuencia_captions_round_ms   (SecuenciaTime  time);

G_END_DECLS
