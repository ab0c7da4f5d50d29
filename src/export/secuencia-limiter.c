/* secuencia-limiter.c: gain + LSP true-peak limiter, latency compensated. */
#include "config.h"

#include "secuencia-limiter.h"
#include "secuencia-export-error.h"

#include <glib/gi18n.h>
#include <gst/audio/audio.h>
#include <math.h>
#include <string.h>

#define LIMITER_STEREO "lsp-plug-in-plugins-lv2-limiter-stereo"
#define LIMITER_MONO   "lsp-plug-in-plugins-lv2-limiter-mono"
#define LOOKAHEAD_MS   5.0   /* the plugin's default; catches speech onsets */
#define RELEASE_MS     20.0  /* the plugin's longest: least pumping on speech */
/* The limiter lets true peaks through up to ~0.01 dB over its threshold
 * (measured): aim this far under the ceiling. */
#define MARGIN_DB      0.1
/* The oversampling that makes it a true-peak limiter. "Half" oversamples
 * the side chain only: the gain follows the peaks between samples while
 * the audio itself is not filtered, so the delay is exactly the reported
 * latency (246 samples at 48 kHz, measured). The "Full" modes also filter
 * the audio and add a fractional delay they do not report (253.53 samples
 * for "Full x4(3L)", measured). Tried in order, under both spellings:
 * LSP 1.2.5 (Debian 12) names the filters by their lobes, "(3L)"/"(2L)";
 * LSP 1.2.21 (Debian 13) names the same modes (same enum values) by their
 * precision, "/24 bit"/"/16 bit". Without a match the limiter would run
 * without oversampling and let true peaks over the ceiling: that is an
 * error, not a quieter fallback. */
static const char *const oversampling[] = {
  "Half x4(3L)", "Half x4/24 bit",
  "Half x4(2L)", "Half x4/16 bit",
  "Half x2(3L)", "Half x2/24 bit",
  NULL
};

GST_DEBUG_CATEGORY_STATIC (secuencia_limiter_debug);
#define GST_CAT_DEFAULT secuencia_limiter_debug

struct _SecuenciaLimiter
{
  GstBin      parent_instance;

  GstElement *limiter;
  guint       channels;

  /* streaming thread only */
  GstAudioInfo info;
  gboolean     have_info;
  guint        latency;        /* samples, read from the plugin */
  gboolean     latency_known;
  guint64      to_drop;        /* samples still to drop at the start */
  GstClockTime first_pts;
  guint64      emitted;        /* samples sent on */
  gboolean     tail_sent;
  gint         latency_shown;  /* atomic copy for _get_latency() */
};

G_DEFINE_FINAL_TYPE (SecuenciaLimiter, secuencia_limiter, GST_TYPE_BIN)

static void
secuencia_limiter_class_init (SecuenciaLimiterClass *klass)
{
  GST_DEBUG_CATEGORY_INIT (secuencia_limiter_debug, "secuencia-limiter", 0,
                           "Secuencia true-peak limiter");
}

static void
secuencia_limiter_init (SecuenciaLimiter *self)
{
  self->first_pts = GST_CLOCK_TIME_NONE;
}

static const char *
factory_for (guint channels)
{
  return channels == 1 ? LIMITER_MONO : LIMITER_STEREO;
}

gboolean
secuencia_limiter_check (guint    channels,
                         GError **error)
{
  g_autoptr(GstElementFactory) factory = NULL;

  if (channels < 1 || channels > 2)
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_FAILED,
                   _("The limiter handles mono and stereo, not %u channels; "
                     "export without the limiter"), channels);
      return FALSE;
    }
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  factory = gst_element_factory_find (factory_for (channels));
  if (factory == NULL)
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_NO_ENCODER,
                   _("The true-peak limiter (LV2 plugin “LSP Limiter”, GStreamer element “%s”) "
                     "is not installed; install the packages lsp-plugins-lv2 and "
                     "gstreamer1.0-plugins-bad, or export without the limiter"),
                   factory_for (channels));
      return FALSE;
    }
  return TRUE;
}

/* After the limiter: drop its latency at the start, restamp. */
static GstPadProbeReturn
src_probe (GstPad          *pad,
           GstPadProbeInfo *info,
           gpointer         user_data)
{
  SecuenciaLimiter *self = user_data;
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  guint bpf, rate;
  gsize frames;

  if (!self->have_info)
    return GST_PAD_PROBE_OK;
  bpf = GST_AUDIO_INFO_BPF (&self->info);
  rate = GST_AUDIO_INFO_RATE (&self->info);
  if (!self->latency_known)
    {
      int latency = 0;

      /* the plugin has run once: its output control port is current */
      g_object_get (self->limiter, "out-latency", &latency, NULL);
      self->latency = (guint) MAX (latency, 0);
      self->latency_known = TRUE;
      self->to_drop = self->latency;
      self->first_pts = GST_BUFFER_PTS (buf);
      g_atomic_int_set (&self->latency_shown, (gint) self->latency);
      GST_INFO_OBJECT (self, "limiter latency: %u samples", self->latency);
    }

  frames = gst_buffer_get_size (buf) / bpf;
  if (self->to_drop > 0)
    {
      gsize drop = (gsize) MIN ((guint64) frames, self->to_drop);

      self->to_drop -= drop;
      if (drop == frames)
        return GST_PAD_PROBE_DROP;
      buf = gst_buffer_make_writable (buf);
      gst_buffer_resize (buf, (gssize) (drop * bpf), (gssize) ((frames - drop) * bpf));
      frames -= drop;
      GST_PAD_PROBE_INFO_DATA (info) = buf;
    }
  else
    {
      buf = gst_buffer_make_writable (buf);
      GST_PAD_PROBE_INFO_DATA (info) = buf;
    }
  if (GST_CLOCK_TIME_IS_VALID (self->first_pts))
    {
      GST_BUFFER_PTS (buf) = self->first_pts +
        gst_util_uint64_scale_round (self->emitted, GST_SECOND, rate);
      GST_BUFFER_DURATION (buf) = self->first_pts +
        gst_util_uint64_scale_round (self->emitted + frames, GST_SECOND, rate) -
        GST_BUFFER_PTS (buf);
    }
  GST_BUFFER_OFFSET (buf) = self->emitted;
  GST_BUFFER_OFFSET_END (buf) = self->emitted + frames;
  self->emitted += frames;
  return GST_PAD_PROBE_OK;
}

/* Before the limiter: learn the format; at EOS push the latency's worth of
 * silence through so the held-back tail comes out. */
static GstPadProbeReturn
sink_probe (GstPad          *pad,
            GstPadProbeInfo *info,
            gpointer         user_data)
{
  SecuenciaLimiter *self = user_data;
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);

  switch (GST_EVENT_TYPE (event))
    {
    case GST_EVENT_CAPS:
      {
        GstCaps *caps;

        gst_event_parse_caps (event, &caps);
        self->have_info = gst_audio_info_from_caps (&self->info, caps);
      }
      break;
    case GST_EVENT_FLUSH_STOP:
    case GST_EVENT_STREAM_START:
      self->latency_known = FALSE;
      self->to_drop = 0;
      self->emitted = 0;
      self->tail_sent = FALSE;
      self->first_pts = GST_CLOCK_TIME_NONE;
      break;
    case GST_EVENT_EOS:
      if (!self->tail_sent && self->have_info && self->latency_known && self->latency > 0)
        {
          guint bpf = GST_AUDIO_INFO_BPF (&self->info);
          GstBuffer *silence = gst_buffer_new_allocate (NULL, (gsize) self->latency * bpf, NULL);

          self->tail_sent = TRUE;
          gst_buffer_memset (silence, 0, 0, (gsize) self->latency * bpf);
          /* the pad's stream lock is recursive: chaining from its own
           * event probe, in its streaming thread, is allowed */
          gst_pad_chain (pad, silence);
        }
      break;
    default:
      break;
    }
  return GST_PAD_PROBE_OK;
}

static gboolean
set_oversampling (GstElement *limiter)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (limiter), "ovs");

  if (pspec == NULL || !G_IS_PARAM_SPEC_ENUM (pspec))
    return FALSE;
  for (guint i = 0; oversampling[i] != NULL; i++)
    {
      GEnumValue *value = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                                                    oversampling[i]);
      if (value == NULL)
        value = g_enum_get_value_by_name (G_PARAM_SPEC_ENUM (pspec)->enum_class, oversampling[i]);
      if (value != NULL)
        {
          g_object_set (limiter, "ovs", value->value, NULL);
          return TRUE;
        }
    }
  return FALSE;
}

SecuenciaLimiter *
secuencia_limiter_new (guint     channels,
                       double    gain_db,
                       double    ceiling_db,
                       GError  **error)
{
  g_autoptr(SecuenciaLimiter) self = NULL;
  g_autoptr(GstPad) src = NULL;
  g_autoptr(GstPad) limiter_sink = NULL;

  g_return_val_if_fail (isfinite (gain_db) && isfinite (ceiling_db), NULL);

  if (!secuencia_limiter_check (channels, error))
    return NULL;
  self = g_object_ref_sink (g_object_new (SECUENCIA_TYPE_LIMITER, NULL));
  self->channels = channels;
  self->limiter = gst_element_factory_make (factory_for (channels), NULL);
  if (self->limiter == NULL)
    {
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_NO_ENCODER,
                   _("Cannot create the limiter (GStreamer element “%s”)"), factory_for (channels));
      return NULL;
    }
  gst_bin_add (GST_BIN (self), self->limiter);
  /* Linear values in the LSP limiter: g-in (the gain before limiting)
   * 0 … 1000 (+60 dB), th 0.003981 (−48 dB) … 1 (0 dB). */
  g_object_set (self->limiter, "enabled", TRUE,
                "g-in", (float) CLAMP (pow (10.0, gain_db / 20.0), 0.0, 1000.0),
                "th", (float) CLAMP (pow (10.0, (ceiling_db - MARGIN_DB) / 20.0), 0.003981, 1.0),
                "lk", (float) LOOKAHEAD_MS, "rt", (float) RELEASE_MS,
                "at", (float) LOOKAHEAD_MS, NULL);
  if (!set_oversampling (self->limiter))
    {
      /* Limiting sample peaks only would let true peaks over the ceiling
       * the person asked for: refuse rather than export something else. */
      g_set_error (error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_NO_ENCODER,
                   _("The limiter (GStreamer element “%s”) offers no true-peak oversampling mode that Secuencia knows; this version of the LSP plugins is not supported"),
                   factory_for (channels));
      return NULL;
    }
  src = gst_element_get_static_pad (self->limiter, "src");
  limiter_sink = gst_element_get_static_pad (self->limiter, "sink");
  gst_pad_add_probe (limiter_sink, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM | GST_PAD_PROBE_TYPE_EVENT_FLUSH,
                     sink_probe, self, NULL);
  gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_BUFFER, src_probe, self, NULL);
  gst_element_add_pad (GST_ELEMENT (self), gst_ghost_pad_new ("sink", limiter_sink));
  gst_element_add_pad (GST_ELEMENT (self), gst_ghost_pad_new ("src", src));
  return g_steal_pointer (&self);
}

guint
secuencia_limiter_get_latency (SecuenciaLimiter *self)
{
  g_return_val_if_fail (SECUENCIA_IS_LIMITER (self), 0);
  return (guint) g_atomic_int_get (&self->latency_shown);
}
