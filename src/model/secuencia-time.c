/* secuencia-time.c: exact timeline time (integer nanoseconds).
 *
 * Parsing works on the decimal text digit by digit, so "0.1" is exactly
 * 100000000 ns; sample conversions use GStreamer's 128-bit-safe integer
 * scaling, rounding once.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <gst/gst.h>

#include "secuencia-time.h"

/* Largest |time| in seconds from_seconds() accepts. */
#define MAX_SECONDS ((double) (SECUENCIA_TIME_MAX / SECUENCIA_TIME_SECOND))

static gboolean
parse_fail (const char *text, const char *reason, GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” is not a valid number of seconds: %s"), text, reason);
  return FALSE;
}

gboolean
secuencia_time_parse_seconds (const char     *text,
                              SecuenciaTime  *out_time,
                              GError        **error)
{
  const char *p;
  gboolean negative = FALSE;
  g_autoptr(GString) digits = g_string_new (NULL); /* significant digits, no leading zeros */
  gint64 exp10 = 0;     /* value = digits * 10^exp10 seconds */
  gboolean any_digit = FALSE;
  gint64 point_exp;     /* exponent of the ns unit position */
  gint64 k;             /* number of digits at or above 1 ns */
  guint64 value = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  p = text;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '+' || *p == '-')
    negative = (*p++ == '-');

  for (; g_ascii_isdigit (*p); p++)
    {
      any_digit = TRUE;
      if (digits->len > 0 || *p != '0')
        g_string_append_c (digits, *p);
    }
  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++)
        {
          any_digit = TRUE;
          exp10--;
          if (digits->len > 0 || *p != '0')
            g_string_append_c (digits, *p);
        }
    }
  if (!any_digit)
    return parse_fail (text, _("no digits"), error);

  if (*p == 'e' || *p == 'E')
    {
      gboolean exp_negative = FALSE;
      gint64 e = 0;
      gboolean exp_digit = FALSE;

      p++;
      if (*p == '+' || *p == '-')
        exp_negative = (*p++ == '-');
      for (; g_ascii_isdigit (*p); p++)
        {
          exp_digit = TRUE;
          if (e < 100000)
            e = e * 10 + (*p - '0');
        }
      if (!exp_digit)
        return parse_fail (text, _("the exponent has no digits"), error);
      exp10 += exp_negative ? -e : e;
    }

  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return parse_fail (text, _("unexpected characters"), error);

  if (digits->len == 0)
    {
      *out_time = 0;
      return TRUE;
    }

  /* value in ns = digits * 10^(exp10 + 9). The digit at index i has weight
   * 10^(len - 1 - i + exp10 + 9); the first k digits are >= 1 ns. */
  point_exp = exp10 + 9;
  k = (gint64) digits->len + point_exp;
  if (k > 19)
    return parse_fail (text, _("too large"), error);

  for (gint64 i = 0; i < k; i++)
    {
      guint d = i < (gint64) digits->len ? (guint) (digits->str[i] - '0') : 0;
      if (value > (G_MAXUINT64 - d) / 10)
        return parse_fail (text, _("too large"), error);
      value = value * 10 + d;
    }
  /* Round to nearest, ties away from zero: look at the first dropped digit. */
  if (k >= 0 && k < (gint64) digits->len && digits->str[k] >= '5')
    value++;

  if (value > (guint64) SECUENCIA_TIME_MAX)
    return parse_fail (text, _("too large"), error);

  *out_time = negative ? -(SecuenciaTime) value : (SecuenciaTime) value;
  return TRUE;
}

gboolean
secuencia_time_from_seconds (double         seconds,
                             SecuenciaTime *out_time)
{
  double ns;

  g_return_val_if_fail (out_time != NULL, FALSE);

  if (!isfinite (seconds) || fabs (seconds) > MAX_SECONDS)
    return FALSE;
  ns = seconds * 1e9;
  if (fabs (ns) > (double) SECUENCIA_TIME_MAX)
    return FALSE;
  *out_time = (SecuenciaTime) llround (ns);
  return TRUE;
}

double
secuencia_time_to_seconds (SecuenciaTime time)
{
  /* Split so whole seconds stay exact for large values. */
  return (double) (time / SECUENCIA_TIME_SECOND)
         + (double) (time % SECUENCIA_TIME_SECOND) / 1e9;
}

static guint64
time_magnitude (gint64 value)
{
  return value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
}

static gint64
saturate (guint64 magnitude, gboolean negative)
{
  if (magnitude > (guint64) G_MAXINT64)
    return negative ? G_MININT64 + 1 : G_MAXINT64;
  return negative ? -(gint64) magnitude : (gint64) magnitude;
}

gint64
secuencia_time_to_samples (SecuenciaTime time,
                           guint         rate)
{
  guint64 samples;

  g_return_val_if_fail (rate > 0, 0);

  /* scale_round rounds half up on the magnitude: ties away from zero. */
  samples = gst_util_uint64_scale_round (time_magnitude (time), rate, GST_SECOND);
  return saturate (samples, time < 0);
}

SecuenciaTime
secuencia_time_from_samples (gint64 samples,
                             guint  rate)
{
  guint64 ns;

  g_return_val_if_fail (rate > 0, 0);

  /* ceil for positive values; for negative ones ceil(-x) = -floor(x). */
  if (samples >= 0)
    ns = gst_util_uint64_scale_ceil ((guint64) samples, GST_SECOND, rate);
  else
    ns = gst_util_uint64_scale (time_magnitude (samples), GST_SECOND, rate);
  return saturate (ns, samples < 0);
}

SecuenciaTime
secuencia_time_snap (SecuenciaTime time,
                     guint         rate)
{
  g_return_val_if_fail (rate > 0, time);

  return secuencia_time_from_samples (secuencia_time_to_samples (time, rate), rate);
}

char *
secuencia_time_format (SecuenciaTime time)
{
  guint64 ms = time_magnitude (time);
  guint64 h, m, s;

  /* Nearest millisecond, ties away from zero. */
  ms = ms / 1000000 + (ms % 1000000 >= 500000 ? 1 : 0);
  h = ms / 3600000;
  m = (ms / 60000) % 60;
  s = (ms / 1000) % 60;
  ms %= 1000;

  if (h > 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT ":%02" G_GUINT64_FORMAT ":%02"
                            G_GUINT64_FORMAT ".%03" G_GUINT64_FORMAT,
                            time < 0 ? "-" : "", h, m, s, ms);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ":%02" G_GUINT64_FORMAT ".%03"
                          G_GUINT64_FORMAT,
                          time < 0 ? "-" : "", m, s, ms);
}

char *
secuencia_time_format_seconds (SecuenciaTime time)
{
  guint64 magnitude = time_magnitude (time);
  guint64 whole = magnitude / 1000000000;
  guint64 frac = magnitude % 1000000000;
  char frac_text[16];
  gsize len;

  if (frac == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, time < 0 ? "-" : "", whole);

  g_snprintf (frac_text, sizeof frac_text, "%09" G_GUINT64_FORMAT, frac);
  len = strlen (frac_text);
  while (len > 0 && frac_text[len - 1] == '0')
    frac_text[--len] = '\0';
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%s", time < 0 ? "-" : "", whole, frac_text);
}
