/* secuencia-loudness.h: loudness targets, and a meter (libebur128) that
 * measures what an export sounds like: integrated loudness, loudness
 * range, true and sample peak (EBU R128 / ITU-R BS.1770), and the plain
 * RMS that ACX checks.
 *
 * Targets:
 *   podcast    −16 LUFS integrated, true peak ≤ −1 dBTP
 *   broadcast  −23 LUFS (EBU R128), true peak ≤ −1 dBTP
 *   acx        RMS between −23 and −18 dB, peaks ≤ −3 dBFS (audiobooks)
 *   <number>   that many LUFS, true peak ≤ −1 dBTP
 *   off        no gain; peaks still kept ≤ −1 dBTP unless the limiter is off
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SECUENCIA_LOUDNESS_OFF,
  SECUENCIA_LOUDNESS_PODCAST,
  SECUENCIA_LOUDNESS_BROADCAST,
  SECUENCIA_LOUDNESS_ACX,
  SECUENCIA_LOUDNESS_CUSTOM,
} SecuenciaLoudnessKind;

typedef struct
{
  SecuenciaLoudnessKind kind;
  double                lufs;   /* CUSTOM only */
} SecuenciaLoudnessTarget;

#define SECUENCIA_LOUDNESS_TARGET_INIT { SECUENCIA_LOUDNESS_OFF, 0.0 }

/* Custom targets must lie in this range (LUFS). */
#define SECUENCIA_LOUDNESS_MIN_LUFS (-40.0)
#define SECUENCIA_LOUDNESS_MAX_LUFS (-5.0)

/* ACX: the RMS window a file must fall in, and the level aimed at. */
#define SECUENCIA_ACX_RMS_MIN    (-23.0)
#define SECUENCIA_ACX_RMS_MAX    (-18.0)
#define SECUENCIA_ACX_RMS_AIM    (-20.0)
#define SECUENCIA_ACX_PEAK_MAX   (-3.0)

/* The ceiling the limiter keeps by default (no target, or a LUFS target). */
#define SECUENCIA_LOUDNESS_DEFAULT_CEILING (-1.0)

/* "podcast", "broadcast", "acx", "off", or a number of LUFS ("-18",
 * "-18.5", "-18 LUFS"); anything else is a G_OPTION_ERROR_BAD_VALUE whose
 * message lists the choices. */
gboolean secuencia_loudness_target_parse     (const char               *text,
                                              SecuenciaLoudnessTarget  *out,
                                              GError                  **error);
/* The inverse of parse ("podcast", "-18.0", …). */
char    *secuencia_loudness_target_to_string (const SecuenciaLoudnessTarget *target);
/* A short description for people ("Podcast (−16 LUFS)"). */
char    *secuencia_loudness_target_describe  (const SecuenciaLoudnessTarget *target);
/* The integrated loudness aimed at (LUFS); NAN for OFF and ACX. */
double   secuencia_loudness_target_get_lufs  (const SecuenciaLoudnessTarget *target);
/* The peak ceiling: dBTP for LUFS targets and OFF, dBFS for ACX. */
double   secuencia_loudness_target_get_ceiling (const SecuenciaLoudnessTarget *target);

typedef struct
{
  double  integrated;    /* LUFS; -INFINITY for silence */
  double  range;         /* LU (0 when not measured or too short) */
  double  true_peak;     /* dBTP, the largest over channels; -INFINITY for silence */
  double  sample_peak;   /* dBFS */
  double  rms;           /* dBFS, unweighted over all samples and channels */
  guint64 frames;
} SecuenciaLoudnessStats;

typedef enum
{
  SECUENCIA_LOUDNESS_METER_INTEGRATED = 0,      /* integrated, sample peak, RMS: cheap */
  SECUENCIA_LOUDNESS_METER_RANGE      = 1 << 1, /* + loudness range (keeps 3 s of audio) */
  SECUENCIA_LOUDNESS_METER_TRUE_PEAK  = 1 << 2, /* + true peak (4× oversampling: the
                                                 * costliest part) */
  SECUENCIA_LOUDNESS_METER_FULL       = SECUENCIA_LOUDNESS_METER_RANGE |
                                        SECUENCIA_LOUDNESS_METER_TRUE_PEAK,
} SecuenciaLoudnessMeterFlags;

typedef struct _SecuenciaLoudnessMeter SecuenciaLoudnessMeter;

/* NULL only for an invalid format (channels 1–8, rate 8000–384000). */
SecuenciaLoudnessMeter *secuencia_loudness_meter_new  (guint                        channels,
                                                       guint                        rate,
                                                       SecuenciaLoudnessMeterFlags  flags);
/* The meter takes no more audio: what it measured is kept, the audio it
 * kept for its windows (3 s with the range) is given back. */
void                    secuencia_loudness_meter_finish (SecuenciaLoudnessMeter *meter);
void                    secuencia_loudness_meter_free (SecuenciaLoudnessMeter      *meter);
/* Interleaved 32-bit float samples, full scale ±1. Not thread-safe: one
 * thread feeds a meter at a time. */
void                    secuencia_loudness_meter_add  (SecuenciaLoudnessMeter      *meter,
                                                       const float                 *samples,
                                                       gsize                        frames);
void                    secuencia_loudness_meter_get  (SecuenciaLoudnessMeter      *meter,
                                                       SecuenciaLoudnessStats      *out);
/* One measurement of consecutive parts of a programme, each measured by
 * its own meter (same channels): gating over all their blocks (a block
 * across two parts is not measured), the peaks and RMS over all. */
void                    secuencia_loudness_meter_get_merged (SecuenciaLoudnessMeter **meters,
                                                             guint                    n_meters,
                                                             SecuenciaLoudnessStats  *out);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecuenciaLoudnessMeter, secuencia_loudness_meter_free)

/* The gain (dB) that brings @measured to @target: integrated loudness to
 * the LUFS of a LUFS target, RMS to SECUENCIA_ACX_RMS_AIM for ACX; 0 for
 * OFF or silence. Clamped to ±40 dB. */
double   secuencia_loudness_gain_for_target (const SecuenciaLoudnessTarget *target,
                                             const SecuenciaLoudnessStats  *measured);

/* Whether @result meets @target: integrated within ±@tolerance LU (0.5
 * for broadcast, 1 for the others, as the specifications say) and true
 * peak at or under the ceiling; ACX: RMS in its window and sample peak at
 * or under −3 dBFS. OFF: peaks at or under −1 dBTP. */
gboolean secuencia_loudness_target_met      (const SecuenciaLoudnessTarget *target,
                                             const SecuenciaLoudnessStats  *result);

G_END_DECLS
