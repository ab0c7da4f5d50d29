/* secuencia-test-pulse.h: a private PulseAudio sound server for tests, and
 * a recorder of what it plays.
 *
 * The server runs as the test's own child process (pulseaudio -n, in a
 * private XDG_RUNTIME_DIR and HOME; it dies with the test) with only a null sink ("secuencia_test",
 * 48 kHz stereo float) as the default sink and the native protocol on a
 * unix socket; PULSE_SERVER in the test's environment points at it, so
 * autoaudiosink in the test plays there. The recorder captures the null
 * sink's monitor (pulsesrc) into memory: silence while nothing plays.
 */
#pragma once

#include <glib.h>
#include "secuencia-test-audio.h"

G_BEGIN_DECLS

typedef struct _SecuenciaTestPulse SecuenciaTestPulse;
typedef struct _SecuenciaTestRecorder SecuenciaTestRecorder;

/* NULL with @error when pulseaudio is not installed or does not start. */
SecuenciaTestPulse    *secuencia_test_pulse_start      (GError               **error);
/* Stops the daemon, removes its folders, unsets PULSE_SERVER. */
void                   secuencia_test_pulse_stop       (SecuenciaTestPulse    *pulse);

/* Start recording the null sink's monitor (48 kHz stereo F32). Returns
 * once the recording runs. */
SecuenciaTestRecorder *secuencia_test_recorder_start   (void);
/* Seconds recorded so far (any thread). */
double                 secuencia_test_recorder_seconds (SecuenciaTestRecorder *recorder);
/* Stop and return everything recorded. */
SecuenciaTestPcm      *secuencia_test_recorder_stop    (SecuenciaTestRecorder *recorder);

/* Rising edges in @pcm: the first frames above @threshold (either channel)
 * after at least @quiet seconds below it. GArray of gsize frame indices. */
GArray                *secuencia_test_find_onsets      (const SecuenciaTestPcm *pcm,
                                                        double                  threshold,
                                                        double                  quiet);

G_END_DECLS
