/* secuencia-mp4-chapters.h: chapters in an MP4 file written by mp4mux,
 * which writes none.
 *
 * Both forms players read are added, as ffmpeg and fre:ac write them:
 *  - a Nero chapter list, moov/udta/chpl (VLC, foobar2000, ffmpeg): start
 *    in 100 ns units and a title of at most 255 bytes each, at most 255
 *    chapters (the rest are left out of this form only);
 *  - a QuickTime chapter track (Apple's players, ffmpeg): a disabled text
 *    track whose samples are the titles, each lasting to the next start,
 *    referenced from the audio track by tref/chap.
 * The file is edited in place: the grown moov moves the media data
 * forward (its chunk offsets are updated) and the titles go into a new
 * mdat at the end. Times are in the file's presentation time (after the
 * edit list), rounded to the millisecond for the text track.
 */
#pragma once

#include <glib.h>
#include "secuencia-time.h"

G_BEGIN_DECLS

/* @chapters: SecuenciaChapter*, ordered by start, the first at 0;
 * @duration: the audio's duration. Fails naming @path when the file is not
 * an MP4 with one audio track, already has chapters, or cannot be
 * written (messages name @name_for_messages, nullable: @path). */
gboolean secuencia_mp4_add_chapters (const char    *path,
                                     const char    *name_for_messages,
                                     GPtrArray     *chapters,
                                     SecuenciaTime  duration,
                                     GError       **error);

G_END_DECLS
