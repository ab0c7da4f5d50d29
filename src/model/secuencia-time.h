/* secuencia-time.h: exact timeline time.
 *
 * All times in Secuencia are integer nanoseconds (SecuenciaTime, the same
 * unit as GstClockTime but signed). Nothing is ever accumulated in floating
 * point: seconds given by a user are parsed from their decimal text, and
 * conversions to a sample grid round once, at the edge.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 SecuenciaTime;

#define SECUENCIA_TIME_SECOND  ((SecuenciaTime) 1000000000)
#define SECUENCIA_TIME_MSECOND ((SecuenciaTime) 1000000)
/* Largest representable time we accept: about 292 years would overflow; a
 * timeline is limited to 1,000,000 hours so sums of two never overflow. */
#define SECUENCIA_TIME_MAX     ((SecuenciaTime) 3600000000000000000)

/* Parse decimal seconds ("12", "1.5", "0.000000001", "-2.25", "1e-3") exactly,
 * rounding to the nearest nanosecond. Fails with G_IO_ERROR_INVALID_DATA. */
gboolean      secuencia_time_parse_seconds   (const char     *text,
                                              SecuenciaTime  *out_time,
                                              GError        **error);
/* Nearest nanosecond of a double (for JSON numbers); fails on NaN/Inf or
 * values beyond SECUENCIA_TIME_MAX. */
gboolean      secuencia_time_from_seconds    (double          seconds,
                                              SecuenciaTime  *out_time);
double        secuencia_time_to_seconds      (SecuenciaTime   time);
/* Nearest sample at @rate (ties away from zero). */
gint64        secuencia_time_to_samples      (SecuenciaTime   time,
                                              guint           rate);
/* The smallest time whose floor maps back to @samples at @rate (the
 * rounding GstAudioAggregator applies), i.e. ceil(samples * 1e9 / rate). */
SecuenciaTime secuencia_time_from_samples    (gint64          samples,
                                              guint           rate);
/* Snap @time to the @rate sample grid: from_samples (to_samples (time)). */
SecuenciaTime secuencia_time_snap            (SecuenciaTime   time,
                                              guint           rate);
/* "1:02.500" (m:ss.mmm), or "1:02:03.500" past an hour. Never NULL. */
char         *secuencia_time_format          (SecuenciaTime   time);
/* Exact decimal seconds, shortest form: "1.5", "0.000000001", "-2". */
char         *secuencia_time_format_seconds  (SecuenciaTime   time);

G_END_DECLS
