/* secuencia-scratch-voices.h: hear a script at once. Lines without audio
 * get a scratch voice made with espeak-ng (its C library), one distinct
 * voice per character, marked as scratch so a recorded take can replace
 * it.
 *
 * The work runs as a GTask in the thread pool with its own read-write
 * connection to the project (the caller's stays on its thread). Each line
 * is stored in its own transaction as soon as it is spoken: cancelling
 * keeps the lines already voiced and leaves the rest as they were.
 */
#pragma once

#include <gio/gio.h>

#include "secuencia-project.h"

G_BEGIN_DECLS

/* The voice of the @index-th character to speak (0 = the first): an
 * espeak-ng voice name with a variant ("en+f2") and a pitch (0-99). Any
 * two of the first ten differ in variant and pitch. */
void     secuencia_scratch_voice_for (guint   index,
                                      char  **out_voice,
                                      int    *out_pitch);

/* The cast: a character's scratch voice as set in the Cast dialog, kept in
 * the project's metadata as "cast.<CHARACTER>.voice" (espeak-ng voice and
 * variant, "en+f2") and "cast.<CHARACTER>.pitch" (0-99). _get() gives the
 * stored voice, or secuencia_scratch_voice_for (@index) for what is not
 * set. _set() checks both (a voice name is letters, digits and "+-_",
 * a voice espeak-ng does not know fails when the line is spoken, naming
 * it); a NULL @voice removes the character's choice. */
gboolean secuencia_scratch_cast_get  (SecuenciaProject  *project,
                                      const char        *character,
                                      guint              index,
                                      char             **out_voice,
                                      int               *out_pitch,
                                      GError           **error);
gboolean secuencia_scratch_cast_set  (SecuenciaProject  *project,
                                      const char        *character,
                                      const char        *voice,
                                      int                pitch,
                                      GError           **error);

/* Speak @text into a 16-bit mono WAV file at @path (espeak-ng's own rate,
 * 22050 Hz). espeak-ng keeps one global synthesizer, so calls are
 * serialised within the process. Fails with G_IO_ERROR_CANCELLED when
 * cancelled, or naming the voice or file. */
gboolean secuencia_scratch_voice_speak (const char    *text,
                                        const char    *voice,
                                        int            pitch,
                                        const char    *path,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* Called on the worker's thread after each line: @done of @total. */
typedef void (*SecuenciaScratchProgressFunc) (guint       done,
                                              guint       total,
                                              const char *character,
                                              gpointer    user_data);

/* Voice every dialogue line without audio (and, with @narrate_action,
 * every action paragraph, as NARRATOR). Returns how many were voiced. */
void     secuencia_scratch_voices_async  (const char                   *project_path,
                                          gboolean                      narrate_action,
                                          SecuenciaScratchProgressFunc  progress_func,
                                          gpointer                      progress_data,
                                          GCancellable                 *cancellable,
                                          GAsyncReadyCallback           callback,
                                          gpointer                      user_data);
gboolean secuencia_scratch_voices_finish (GAsyncResult                 *result,
                                          guint                        *out_n_voiced,
                                          GError                      **error);
/* Blocking form (same code) for the CLI and tests. */
gboolean secuencia_scratch_voices_run    (const char                   *project_path,
                                          gboolean                      narrate_action,
                                          SecuenciaScratchProgressFunc  progress_func,
                                          gpointer                      progress_data,
                                          GCancellable                 *cancellable,
                                          guint                        *out_n_voiced,
                                          GError                      **error);

G_END_DECLS
