/* secuencia-export-report.c: an export's report as JSON (`export --report`). */
#include "config.h"

#include "secuencia-exporter.h"

#include <json-glib/json-glib.h>
#include <math.h>

static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (isfinite (value))
    json_builder_add_double_value (b, round (value * 100.0) / 100.0);
  else
    json_builder_add_null_value (b);
}

char *
secuencia_export_report_to_json (const SecuenciaExportReport *report,
                                 const char                  *path)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *target = NULL;
  const SecuenciaLoudnessStats *m;
  gboolean has_target;

  g_return_val_if_fail (report != NULL, NULL);

  m = &report->mix.measured;
  has_target = report->target.kind != SECUENCIA_LOUDNESS_OFF;
  target = secuencia_loudness_target_to_string (&report->target);

  json_builder_begin_object (b);
  if (path != NULL)
    {
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, path);
    }
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, secuencia_export_format_get_info (report->format)->name);
  json_builder_set_member_name (b, "sample_rate");
  json_builder_add_int_value (b, report->sample_rate);
  json_builder_set_member_name (b, "bitrate");
  if (report->bitrate > 0)
    json_builder_add_int_value (b, report->bitrate);
  else
    json_builder_add_null_value (b);
  add_number (b, "duration", (double) report->duration / SECUENCIA_TIME_SECOND);

  json_builder_set_member_name (b, "target");
  json_builder_add_string_value (b, target);
  add_number (b, "target_lufs", secuencia_loudness_target_get_lufs (&report->target));
  json_builder_set_member_name (b, "limiter");
  json_builder_add_boolean_value (b, report->limiter);
  add_number (b, "ceiling_db", report->mix.ceiling_db);
  add_number (b, "gain_db", report->mix.gain_db);
  json_builder_set_member_name (b, "passes");
  json_builder_add_int_value (b, report->mix.passes);
  json_builder_set_member_name (b, "limiter_latency_samples");
  json_builder_add_int_value (b, report->mix.limiter_latency);

  add_number (b, "integrated_lufs", m->integrated);
  add_number (b, "loudness_range_lu", m->range);
  add_number (b, "true_peak_dbtp", m->true_peak);
  add_number (b, "sample_peak_dbfs", m->sample_peak);
  add_number (b, "rms_db", m->rms);

  if (report->target.kind == SECUENCIA_LOUDNESS_ACX)
    {
      json_builder_set_member_name (b, "acx");
      json_builder_begin_object (b);
      add_number (b, "rms_db", m->rms);
      add_number (b, "peak_dbfs", m->sample_peak);
      json_builder_set_member_name (b, "rms_ok");
      json_builder_add_boolean_value (b, m->rms >= SECUENCIA_ACX_RMS_MIN - 0.01 &&
                                         m->rms <= SECUENCIA_ACX_RMS_MAX + 0.01);
      json_builder_set_member_name (b, "peak_ok");
      json_builder_add_boolean_value (b, m->sample_peak <= SECUENCIA_ACX_PEAK_MAX + 0.01);
      json_builder_end_object (b);
    }
  if (has_target)
    {
      json_builder_set_member_name (b, "before");
      json_builder_begin_object (b);
      add_number (b, "integrated_lufs", report->mix.original.integrated);
      add_number (b, "rms_db", report->mix.original.rms);
      add_number (b, "sample_peak_dbfs", report->mix.original.sample_peak);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "target_met");
  if (has_target)
    json_builder_add_boolean_value (b, report->mix.target_met);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}
