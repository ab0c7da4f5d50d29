/* test-time.c: exact time parsing, formatting and sample-grid conversions. */
#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <gst/gst.h>

#include "secuencia-time.h"

static SecuenciaTime
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  SecuenciaTime t = 12345;

  g_assert_true (secuencia_time_parse_seconds (text, &t, &error));
  g_assert_no_error (error);
  return t;
}

static void
parse_bad (const char *text)
{
  g_autoptr(GError) error = NULL;
  SecuenciaTime t = 777;

  g_assert_false (secuencia_time_parse_seconds (text, &t, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, text));
  g_assert_cmpint (t, ==, 777);
}

static void
test_parse (void)
{
  g_assert_cmpint (parse_ok ("12"), ==, 12 * SECUENCIA_TIME_SECOND);
  g_assert_cmpint (parse_ok ("1.5"), ==, 1500000000);
  g_assert_cmpint (parse_ok ("0.1"), ==, 100000000);
  g_assert_cmpint (parse_ok ("0.000000001"), ==, 1);
  g_assert_cmpint (parse_ok ("-2.25"), ==, -2250000000);
  g_assert_cmpint (parse_ok ("1e-3"), ==, SECUENCIA_TIME_MSECOND);
  g_assert_cmpint (parse_ok ("1E3"), ==, 1000 * SECUENCIA_TIME_SECOND);
  g_assert_cmpint (parse_ok ("2.5e+1"), ==, 25 * SECUENCIA_TIME_SECOND);
  g_assert_cmpint (parse_ok ("123456e-9"), ==, 123456);
  g_assert_cmpint (parse_ok (".5"), ==, 500000000);
  g_assert_cmpint (parse_ok ("3."), ==, 3 * SECUENCIA_TIME_SECOND);
  g_assert_cmpint (parse_ok ("+7"), ==, 7 * SECUENCIA_TIME_SECOND);
  g_assert_cmpint (parse_ok ("  4.0  "), ==, 4 * SECUENCIA_TIME_SECOND);
  g_assert_cmpint (parse_ok ("0"), ==, 0);
  g_assert_cmpint (parse_ok ("-0"), ==, 0);
  g_assert_cmpint (parse_ok ("0e999999"), ==, 0);
  g_assert_cmpint (parse_ok ("000000000000000000000000001.25"), ==, 1250000000);
  /* Many digits, no float drift. */
  g_assert_cmpint (parse_ok ("3599.999999999"), ==, 3599999999999);
  g_assert_cmpint (parse_ok ("0.30000000000000000000000000000001"), ==, 300000000);

  /* Rounding to the nearest ns, ties away from zero. */
  g_assert_cmpint (parse_ok ("0.0000000005"), ==, 1);
  g_assert_cmpint (parse_ok ("0.00000000049999999"), ==, 0);
  g_assert_cmpint (parse_ok ("-0.0000000005"), ==, -1);
  g_assert_cmpint (parse_ok ("1.0000000015"), ==, 1000000002);
  g_assert_cmpint (parse_ok ("1.0000000025"), ==, 1000000003);
  g_assert_cmpint (parse_ok ("0.00000000001"), ==, 0);
  g_assert_cmpint (parse_ok ("1e-20"), ==, 0);

  /* Edges of the range. */
  g_assert_cmpint (parse_ok ("3600000000"), ==, SECUENCIA_TIME_MAX);
  g_assert_cmpint (parse_ok ("-3600000000"), ==, -SECUENCIA_TIME_MAX);
  parse_bad ("3600000000.000000001");
  parse_bad ("1e10");
  parse_bad ("99999999999999999999999");
  parse_bad ("1e100000000000");

  parse_bad ("");
  parse_bad ("   ");
  parse_bad ("abc");
  parse_bad ("1.2.3");
  parse_bad ("1e");
  parse_bad ("1e+");
  parse_bad ("--1");
  parse_bad ("nan");
  parse_bad ("inf");
  parse_bad ("0x10");
  parse_bad ("1,5");
  parse_bad (".");
  parse_bad ("1 2");
}

static void
test_from_seconds (void)
{
  SecuenciaTime t = 0;

  g_assert_true (secuencia_time_from_seconds (0.1, &t));
  g_assert_cmpint (t, ==, 100000000);
  g_assert_true (secuencia_time_from_seconds (1.5, &t));
  g_assert_cmpint (t, ==, 1500000000);
  g_assert_true (secuencia_time_from_seconds (-2.25, &t));
  g_assert_cmpint (t, ==, -2250000000);
  g_assert_true (secuencia_time_from_seconds (1e-9, &t));
  g_assert_cmpint (t, ==, 1);
  /* llround: ties away from zero. */
  g_assert_true (secuencia_time_from_seconds (0.5e-9, &t));
  g_assert_cmpint (t, ==, 1);
  g_assert_true (secuencia_time_from_seconds (-0.5e-9, &t));
  g_assert_cmpint (t, ==, -1);
  g_assert_true (secuencia_time_from_seconds (3600000000.0, &t));
  g_assert_cmpint (t, ==, SECUENCIA_TIME_MAX);

  t = 42;
  g_assert_false (secuencia_time_from_seconds (NAN, &t));
  g_assert_false (secuencia_time_from_seconds (INFINITY, &t));
  g_assert_false (secuencia_time_from_seconds (-INFINITY, &t));
  g_assert_false (secuencia_time_from_seconds (3.7e9, &t));
  g_assert_false (secuencia_time_from_seconds (-1e300, &t));
  g_assert_cmpint (t, ==, 42);
}

static void
test_to_seconds (void)
{
  g_assert_cmpfloat (secuencia_time_to_seconds (1500000000), ==, 1.5);
  g_assert_cmpfloat (secuencia_time_to_seconds (-2250000000), ==, -2.25);
  g_assert_cmpfloat (secuencia_time_to_seconds (0), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (secuencia_time_to_seconds (1), 1e-9, 1e-24);
  g_assert_cmpfloat (secuencia_time_to_seconds (SECUENCIA_TIME_MAX), ==, 3600000000.0);
}

static void
test_samples (void)
{
  /* Nearest sample, ties away from zero. */
  g_assert_cmpint (secuencia_time_to_samples (SECUENCIA_TIME_SECOND, 48000), ==, 48000);
  g_assert_cmpint (secuencia_time_to_samples (-SECUENCIA_TIME_SECOND, 48000), ==, -48000);
  /* 1 sample at 48 kHz = 20833.33 ns; half = 10416.67 ns. */
  g_assert_cmpint (secuencia_time_to_samples (10416, 48000), ==, 0);
  g_assert_cmpint (secuencia_time_to_samples (10417, 48000), ==, 1);
  g_assert_cmpint (secuencia_time_to_samples (-10417, 48000), ==, -1);
  /* Exact tie: 1 sample at 1 kHz = 1 ms; 0.5 ms rounds away from zero. */
  g_assert_cmpint (secuencia_time_to_samples (500000, 1000), ==, 1);
  g_assert_cmpint (secuencia_time_to_samples (-500000, 1000), ==, -1);
  g_assert_cmpint (secuencia_time_to_samples (1500000, 1000), ==, 2);
  g_assert_cmpint (secuencia_time_to_samples (1, 48000), ==, 0);
  /* Huge but in range: no overflow. */
  g_assert_cmpint (secuencia_time_to_samples (SECUENCIA_TIME_MAX, 96000), ==,
                   (gint64) 3600000000 * 96000);
  g_assert_cmpint (secuencia_time_to_samples (-SECUENCIA_TIME_MAX, 192000), ==,
                   -(gint64) 3600000000 * 192000);
  /* Beyond: saturates instead of wrapping. */
  g_assert_cmpint (secuencia_time_to_samples (G_MAXINT64, G_MAXUINT), ==, G_MAXINT64);

  /* from_samples is ceil (samples * 1e9 / rate). */
  g_assert_cmpint (secuencia_time_from_samples (1, 48000), ==, 20834);
  g_assert_cmpint (secuencia_time_from_samples (3, 48000), ==, 62500);
  g_assert_cmpint (secuencia_time_from_samples (1, 44100), ==, 22676);
  g_assert_cmpint (secuencia_time_from_samples (-1, 48000), ==, -20833);
  g_assert_cmpint (secuencia_time_from_samples (0, 48000), ==, 0);
  g_assert_cmpint (secuencia_time_from_samples ((gint64) 3600000000 * 96000, 96000), ==, SECUENCIA_TIME_MAX);
}

/* floor (t * rate / 1e9), what GstAudioAggregator does. */
static gint64
floor_samples (SecuenciaTime t, guint rate)
{
  g_assert_cmpint (t, >=, 0);
  return (gint64) gst_util_uint64_scale ((guint64) t, rate, GST_SECOND);
}

static void
test_grid_round_trip (void)
{
  static const guint rates[] = { 44100, 48000, 96000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);

  for (gsize r = 0; r < G_N_ELEMENTS (rates); r++)
    {
      guint rate = rates[r];

      for (int i = 0; i < 20000; i++)
        {
          SecuenciaTime t;
          gint64 samples;
          SecuenciaTime snapped;

          if (i < 1000)
            t = i;                                             /* tiny */
          else if (i < 2000)
            t = SECUENCIA_TIME_MAX - (i - 1000) * 7919;        /* huge */
          else
            t = (SecuenciaTime) (g_rand_double (rand) * 7200.0 * SECUENCIA_TIME_SECOND);

          samples = secuencia_time_to_samples (t, rate);
          snapped = secuencia_time_from_samples (samples, rate);
          /* The aggregator's floor lands back on the same sample ... */
          g_assert_cmpint (floor_samples (snapped, rate), ==, samples);
          /* ... and snapped is the smallest such time. */
          if (snapped > 0)
            g_assert_cmpint (floor_samples (snapped - 1, rate), ==, samples - 1);
          /* Snap moves by at most half a sample (+ 1 ns for the ceil). */
          g_assert_cmpint (ABS (snapped - t), <=, (SECUENCIA_TIME_SECOND / rate) / 2 + 1);
          g_assert_cmpint (secuencia_time_snap (t, rate), ==, snapped);
          /* Snapping is idempotent. */
          g_assert_cmpint (secuencia_time_snap (snapped, rate), ==, snapped);
          /* And a sample index survives a trip through time. */
          g_assert_cmpint (secuencia_time_to_samples (secuencia_time_from_samples (samples, rate), rate), ==, samples);
        }
    }
}

static void
check_format (SecuenciaTime t, const char *expected)
{
  g_autofree char *text = secuencia_time_format (t);
  g_assert_cmpstr (text, ==, expected);
}

static void
check_format_seconds (SecuenciaTime t, const char *expected)
{
  g_autofree char *text = secuencia_time_format_seconds (t);
  SecuenciaTime back = 0;

  g_assert_cmpstr (text, ==, expected);
  /* Exact: parses back to the same time. */
  g_assert_true (secuencia_time_parse_seconds (text, &back, NULL));
  g_assert_cmpint (back, ==, t);
}

static void
test_format (void)
{
  check_format (0, "0:00.000");
  check_format (62500 * SECUENCIA_TIME_MSECOND, "1:02.500");
  check_format (3723500 * SECUENCIA_TIME_MSECOND, "1:02:03.500");
  check_format (59999999999, "1:00.000");     /* rounds to the ms */
  check_format (1499999, "0:00.001");
  check_format (500000, "0:00.001");           /* tie away from zero */
  check_format (499999, "0:00.000");
  check_format (-1500 * SECUENCIA_TIME_MSECOND, "-0:01.500");
  check_format (SECUENCIA_TIME_MAX, "1000000:00:00.000");

  check_format_seconds (1500000000, "1.5");
  check_format_seconds (1, "0.000000001");
  check_format_seconds (-2 * SECUENCIA_TIME_SECOND, "-2");
  check_format_seconds (0, "0");
  check_format_seconds (-250000000, "-0.25");
  check_format_seconds (SECUENCIA_TIME_MAX, "3600000000");
  check_format_seconds (123456789012, "123.456789012");
  {
    g_autofree char *text = secuencia_time_format_seconds (G_MININT64);
    g_assert_cmpstr (text, ==, "-9223372036.854775808");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/parse", test_parse);
  g_test_add_func ("/time/from-seconds", test_from_seconds);
  g_test_add_func ("/time/to-seconds", test_to_seconds);
  g_test_add_func ("/time/samples", test_samples);
  g_test_add_func ("/time/grid-round-trip", test_grid_round_trip);
  g_test_add_func ("/time/format", test_format);

  return g_test_run ();
}
