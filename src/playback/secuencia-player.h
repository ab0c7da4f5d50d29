/* secuencia-player.h: play a timeline through the desktop's sound.
 *
 * The same mix as the export (a SecuenciaMixGraph over the timeline's
 * clips, muted ones left out, assets read in place from the project file)
 * → audioconvert → audioresample → autoaudiosink (PipeWire or PulseAudio).
 * Only the clips around the playhead hold decoders.
 *
 * Nothing here waits on the main thread: building pipelines and every state
 * change run in the player's own worker thread; the main thread only posts
 * requests and reads the position. A play or a seek builds a new pipeline
 * with a mix graph for [position, end of timeline); pause stops it and
 * keeps the position, where the next play starts a new one (a fresh
 * pipeline sounds sooner than a paused one resumes, and every sample is
 * heard once). Edits to the timeline ("changed") are heard at once when
 * playing (the mix is rebuilt at the current position), else from the
 * next play.
 *
 * Properties: "playing" (boolean, read-only, explicit notify), "position"
 * (int64 ns, read-only; notified on seek, pause, end and errors only: while
 * playing, read secuencia_player_get_position(), which asks the pipeline).
 * Signals: "error" (GError*): the message names the clip that cannot be
 * decoded, or says there is no sound output; playing stops.
 * "started": the sound started (the pipeline reached PLAYING) after a play
 * or seek.
 */
#pragma once

#include <glib-object.h>
#include "secuencia-project.h"
#include "secuencia-timeline.h"

G_BEGIN_DECLS

#define SECUENCIA_PLAYER_ERROR (secuencia_player_error_quark ())
typedef enum
{
  SECUENCIA_PLAYER_ERROR_NO_OUTPUT,   /* no sound server or device */
  SECUENCIA_PLAYER_ERROR_SOURCE,      /* a clip's audio cannot be read (named) */
  SECUENCIA_PLAYER_ERROR_FAILED,      /* anything else */
} SecuenciaPlayerError;
GQuark secuencia_player_error_quark (void);

#define SECUENCIA_TYPE_PLAYER (secuencia_player_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaPlayer, secuencia_player, SECUENCIA, PLAYER, GObject)

SecuenciaPlayer   *secuencia_player_new          (void);
/* Where the clips' assets are read from (the file at its path, with
 * connections of the player's own) and named from. */
void               secuencia_player_set_project  (SecuenciaPlayer   *self,
                                                  SecuenciaProject  *project);
/* The timeline to play (NULL stops). Playing continues at the same
 * position when the timeline is replaced while playing. */
void               secuencia_player_set_timeline (SecuenciaPlayer   *self,
                                                  SecuenciaTimeline *timeline);
SecuenciaTimeline *secuencia_player_get_timeline (SecuenciaPlayer   *self);

/* Play from the position (from 0 when the position is at the end). */
void               secuencia_player_play         (SecuenciaPlayer   *self);
void               secuencia_player_pause        (SecuenciaPlayer   *self);
void               secuencia_player_toggle       (SecuenciaPlayer   *self);
/* Move the playhead (clamped to [0, end of timeline]); keeps playing when
 * playing. */
void               secuencia_player_seek         (SecuenciaPlayer   *self,
                                                  SecuenciaTime      position);
gboolean           secuencia_player_get_playing  (SecuenciaPlayer   *self);
/* The position of what is heard now (the pipeline's, while playing). */
SecuenciaTime      secuencia_player_get_position (SecuenciaPlayer   *self);

/* The GStreamer sink element to use (default "autoaudiosink"); for tests
 * and benchmarks. Takes effect at the next play or seek. */
void               secuencia_player_set_audio_sink (SecuenciaPlayer *self,
                                                    const char      *factory);
/* Peak number of decoders alive at once in the current mix (tests). */
guint              secuencia_player_get_peak_decoders (SecuenciaPlayer *self);

G_END_DECLS
