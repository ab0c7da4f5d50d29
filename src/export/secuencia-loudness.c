/* secuencia-loudness.c: loudness targets and the libebur128 meter. */
#include "config.h"

#include "secuencia-loudness.h"

#include <ebur128.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

struct _SecuenciaLoudnessMeter
{
  ebur128_state *state;
  guint          channels;
  gboolean       range;
  gboolean       true_peak;
  gboolean       finished;      /* no more audio; its buffer given back */
  double         sum_squares;   /* over all samples of all channels */
  guint64        frames;
};

#define FINISHED_RATE 1000 /* Hz: 3 s of it are 48 KB in stereo */

static const struct
{
  const char            *name;
  SecuenciaLoudnessKind  kind;
} target_names[] = {
  { "off", SECUENCIA_LOUDNESS_OFF },
  { "podcast", SECUENCIA_LOUDNESS_PODCAST },
  { "broadcast", SECUENCIA_LOUDNESS_BROADCAST },
  { "acx", SECUENCIA_LOUDNESS_ACX },
};

gboolean
secuencia_loudness_target_parse (const char               *text,
                                 SecuenciaLoudnessTarget  *out,
                                 GError                  **error)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  double lufs;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  copy = g_strstrip (g_ascii_strdown (text, -1));
  for (gsize i = 0; i < G_N_ELEMENTS (target_names); i++)
    if (g_str_equal (copy, target_names[i].name))
      {
        out->kind = target_names[i].kind;
        out->lufs = 0.0;
        return TRUE;
      }
  if (g_str_has_suffix (copy, "lufs"))
    copy[strlen (copy) - 4] = '\0';
  g_strchomp (copy);
  lufs = g_ascii_strtod (copy, &end);
  if (*copy != '\0' && end != NULL && *end == '\0' && isfinite (lufs) &&
      lufs >= SECUENCIA_LOUDNESS_MIN_LUFS && lufs <= SECUENCIA_LOUDNESS_MAX_LUFS)
    {
      out->kind = SECUENCIA_LOUDNESS_CUSTOM;
      out->lufs = lufs;
      return TRUE;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("Unknown loudness target “%s”: use podcast (−16 LUFS), broadcast (−23 LUFS), "
                 "acx (audiobooks), off, or a loudness in LUFS between %.0f and %.0f"),
               text, SECUENCIA_LOUDNESS_MIN_LUFS, SECUENCIA_LOUDNESS_MAX_LUFS);
  return FALSE;
}

char *
secuencia_loudness_target_to_string (const SecuenciaLoudnessTarget *target)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (target != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (target_names); i++)
    if (target->kind == target_names[i].kind)
      return g_strdup (target_names[i].name);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", target->lufs));
}

char *
secuencia_loudness_target_describe (const SecuenciaLoudnessTarget *target)
{
  g_return_val_if_fail (target != NULL, NULL);

  switch (target->kind)
    {
    case SECUENCIA_LOUDNESS_OFF:
      return g_strdup (_("Off"));
    case SECUENCIA_LOUDNESS_PODCAST:
      return g_strdup (_("Podcast (−16 LUFS)"));
    case SECUENCIA_LOUDNESS_BROADCAST:
      return g_strdup (_("Broadcast, EBU R128 (−23 LUFS)"));
    case SECUENCIA_LOUDNESS_ACX:
      return g_strdup (_("Audiobook, ACX (RMS −23 to −18 dB)"));
    case SECUENCIA_LOUDNESS_CUSTOM:
    default:
      return g_strdup_printf (_("%.1f LUFS"), target->lufs);
    }
}

double
secuencia_loudness_target_get_lufs (const SecuenciaLoudnessTarget *target)
{
  g_return_val_if_fail (target != NULL, NAN);

  switch (target->kind)
    {
    case SECUENCIA_LOUDNESS_PODCAST:
      return -16.0;
    case SECUENCIA_LOUDNESS_BROADCAST:
      return -23.0;
    case SECUENCIA_LOUDNESS_CUSTOM:
      return target->lufs;
    case SECUENCIA_LOUDNESS_OFF:
    case SECUENCIA_LOUDNESS_ACX:
    default:
      return NAN;
    }
}

double
secuencia_loudness_target_get_ceiling (const SecuenciaLoudnessTarget *target)
{
  g_return_val_if_fail (target != NULL, SECUENCIA_LOUDNESS_DEFAULT_CEILING);

  return target->kind == SECUENCIA_LOUDNESS_ACX ? SECUENCIA_ACX_PEAK_MAX
                                                : SECUENCIA_LOUDNESS_DEFAULT_CEILING;
}

SecuenciaLoudnessMeter *
secuencia_loudness_meter_new (guint                       channels,
                              guint                       rate,
                              SecuenciaLoudnessMeterFlags flags)
{
  SecuenciaLoudnessMeter *meter;
  int mode = EBUR128_MODE_I | EBUR128_MODE_SAMPLE_PEAK;

  g_return_val_if_fail (channels >= 1 && channels <= 8, NULL);
  g_return_val_if_fail (rate >= 8000 && rate <= 384000, NULL);

  if (flags & SECUENCIA_LOUDNESS_METER_RANGE)
    mode |= EBUR128_MODE_LRA;
  if (flags & SECUENCIA_LOUDNESS_METER_TRUE_PEAK)
    mode |= EBUR128_MODE_TRUE_PEAK;
  meter = g_new0 (SecuenciaLoudnessMeter, 1);
  meter->state = ebur128_init (channels, rate, mode);
  if (meter->state == NULL)
    {
      g_free (meter);
      g_return_val_if_reached (NULL);
    }
  meter->channels = channels;
  meter->range = (flags & SECUENCIA_LOUDNESS_METER_RANGE) != 0;
  meter->true_peak = (flags & SECUENCIA_LOUDNESS_METER_TRUE_PEAK) != 0;
  /* A mono programme is heard on both speakers: BS.1770 counts it once,
   * which is what libebur128's default channel map does. */
  return meter;
}

void
secuencia_loudness_meter_free (SecuenciaLoudnessMeter *meter)
{
  if (meter == NULL)
    return;
  ebur128_destroy (&meter->state);
  g_free (meter);
}

void
secuencia_loudness_meter_finish (SecuenciaLoudnessMeter *meter)
{
  g_return_if_fail (meter != NULL);

  if (meter->finished)
    return;
  /* libebur128 keeps the blocks measured (and the peaks, the channel count
   * staying) across a change of rate, and sizes its audio buffer by the
   * rate: a low one shrinks that buffer to almost nothing. */
  if (ebur128_change_parameters (meter->state, meter->channels, FINISHED_RATE) == EBUR128_SUCCESS)
    meter->finished = TRUE;
}

void
secuencia_loudness_meter_add (SecuenciaLoudnessMeter *meter,
                              const float            *samples,
                              gsize                   frames)
{
  double sum = 0.0;
  gsize n;

  g_return_if_fail (meter != NULL);
  g_return_if_fail (samples != NULL || frames == 0);
  g_return_if_fail (!meter->finished);

  if (frames == 0)
    return;
  ebur128_add_frames_float (meter->state, samples, frames);
  n = frames * meter->channels;
  for (gsize i = 0; i < n; i++)
    sum += (double) samples[i] * samples[i];
  meter->sum_squares += sum;
  meter->frames += frames;
}

static double
to_db (double linear)
{
  return linear > 0.0 ? 20.0 * log10 (linear) : -INFINITY;
}

void
secuencia_loudness_meter_get (SecuenciaLoudnessMeter *meter,
                              SecuenciaLoudnessStats *out)
{
  g_return_if_fail (meter != NULL);
  secuencia_loudness_meter_get_merged (&meter, 1, out);
}

void
secuencia_loudness_meter_get_merged (SecuenciaLoudnessMeter **meters,
                                     guint                    n_meters,
                                     SecuenciaLoudnessStats  *out)
{
  g_autofree ebur128_state **states = NULL;
  double value = 0.0, peak = 0.0, true_peak = 0.0, sum_squares = 0.0;
  gboolean range, tp;
  guint channels;

  g_return_if_fail (meters != NULL && n_meters > 0);
  g_return_if_fail (out != NULL);

  range = meters[0]->range;
  tp = meters[0]->true_peak;
  channels = meters[0]->channels;
  states = g_new (ebur128_state *, n_meters);
  out->frames = 0;
  for (guint i = 0; i < n_meters; i++)
    {
      g_return_if_fail (meters[i]->channels == channels);
      states[i] = meters[i]->state;
      range = range && meters[i]->range;
      tp = tp && meters[i]->true_peak;
      out->frames += meters[i]->frames;
      sum_squares += meters[i]->sum_squares;
    }
  if (ebur128_loudness_global_multiple (states, n_meters, &value) != EBUR128_SUCCESS ||
      !isfinite (value))
    value = -INFINITY;
  out->integrated = value;
  out->range = 0.0;
  if (range && ebur128_loudness_range_multiple (states, n_meters, &value) == EBUR128_SUCCESS &&
      isfinite (value))
    out->range = value;
  for (guint i = 0; i < n_meters; i++)
    for (guint c = 0; c < channels; c++)
      {
        if (ebur128_sample_peak (states[i], c, &value) == EBUR128_SUCCESS)
          peak = MAX (peak, value);
        if (tp && ebur128_true_peak (states[i], c, &value) == EBUR128_SUCCESS)
          true_peak = MAX (true_peak, value);
      }
  out->sample_peak = to_db (peak);
  /* the true peak is never below the sample peak */
  out->true_peak = tp ? to_db (MAX (true_peak, peak)) : out->sample_peak;
  out->rms = out->frames > 0
    ? 10.0 * log10 (MAX (sum_squares / ((double) out->frames * channels), 1e-30))
    : -INFINITY;
  if (out->rms <= -290.0)
    out->rms = -INFINITY;
}

double
secuencia_loudness_gain_for_target (const SecuenciaLoudnessTarget *target,
                                    const SecuenciaLoudnessStats  *measured)
{
  double gain;

  g_return_val_if_fail (target != NULL && measured != NULL, 0.0);

  switch (target->kind)
    {
    case SECUENCIA_LOUDNESS_OFF:
      return 0.0;
    case SECUENCIA_LOUDNESS_ACX:
      if (!isfinite (measured->rms))
        return 0.0;
      gain = SECUENCIA_ACX_RMS_AIM - measured->rms;
      break;
    default:
      if (!isfinite (measured->integrated))
        return 0.0;
      gain = secuencia_loudness_target_get_lufs (target) - measured->integrated;
      break;
    }
  return CLAMP (gain, -40.0, 40.0);
}

gboolean
secuencia_loudness_target_met (const SecuenciaLoudnessTarget *target,
                               const SecuenciaLoudnessStats  *result)
{
  /* a hundredth of a dB: the meter's own rounding */
  const double slack = 0.01;
  double tolerance;

  g_return_val_if_fail (target != NULL && result != NULL, FALSE);

  switch (target->kind)
    {
    case SECUENCIA_LOUDNESS_ACX:
      return result->rms >= SECUENCIA_ACX_RMS_MIN - slack &&
             result->rms <= SECUENCIA_ACX_RMS_MAX + slack &&
             result->sample_peak <= SECUENCIA_ACX_PEAK_MAX + slack;
    case SECUENCIA_LOUDNESS_OFF:
      return result->true_peak <= SECUENCIA_LOUDNESS_DEFAULT_CEILING + slack;
    default:
      tolerance = target->kind == SECUENCIA_LOUDNESS_BROADCAST ? 0.5 : 1.0;
      return isfinite (result->integrated) &&
             fabs (result->integrated - secuencia_loudness_target_get_lufs (target)) <= tolerance + slack &&
             result->true_peak <= SECUENCIA_LOUDNESS_DEFAULT_CEILING + slack;
    }
}
