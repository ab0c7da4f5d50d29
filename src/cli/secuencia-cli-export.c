/* secuencia-cli-export.c: `secuencia-cli export PROJECT -o OUT.m4a`. */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "secuencia-cli-export.h"
#include "secuencia-exporter.h"
#include "secuencia-mixdown.h"
#include "secuencia-export-sidecars.h"
#include "secuencia-cli-split.h"
#include "secuencia-project.h"
#include "secuencia-screenplay-converter.h"
#include "secuencia-cli.h"
#include "secuencia-cli-tags.h"
#include "secuencia-cli-util.h"

#define BAR_WIDTH 28
#define REDRAW_INTERVAL_MS 100   /* at most 10 Hz */

typedef struct
{
  GMainLoop               *loop;
  GCancellable            *cancellable;
  SecuenciaExportProgress *progress;
  gboolean                 is_tty;
  gboolean                 dirty;
  gboolean                 bar_shown;
  char                    *last_stage;     /* non-tty: the stage last printed */
  int                      signal_number;  /* 0 unless cancelled by a signal */
  gboolean                 done;
  GError                  *error;
  SecuenciaExportReport    report;
} ExportCli;

static char *
format_seconds (double seconds)
{
  guint64 s = (guint64) (seconds + 0.5);

  if (s >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u",
                            s / 3600, (guint) (s / 60 % 60), (guint) (s % 60));
  return g_strdup_printf ("%u:%02u", (guint) (s / 60), (guint) (s % 60));
}

/* A stage is a message without its numbers: "Preparing clip 3 of 50" and
 * "Preparing clip 4 of 50" are one stage (independent of the language). */
static char *
stage_of (const char *message)
{
  GString *s = g_string_new (NULL);

  for (const char *p = message; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      g_string_append_c (s, *p);

  return g_string_free (s, FALSE);
}

static void
draw_bar (ExportCli *cli)
{
  double fraction = secuencia_export_progress_get_fraction (cli->progress);
  double eta = secuencia_export_progress_get_eta (cli->progress);
  g_autofree char *message = secuencia_export_progress_dup_message (cli->progress);
  g_autofree char *left = NULL;
  char bar[BAR_WIDTH + 1];
  guint filled = (guint) (fraction * BAR_WIDTH + 0.5);

  for (guint i = 0; i < BAR_WIDTH; i++)
    bar[i] = i < filled ? '#' : '-';
  bar[BAR_WIDTH] = '\0';

  if (eta >= 0 && fraction < 1.0)
    {
      g_autofree char *eta_text = format_seconds (eta);

      /* Translators: time left in the progress bar, e.g. "1:23 left" */
      left = g_strdup_printf (_("%s left"), eta_text);
    }

  fprintf (stderr, "\r[%s] %3d%%  %s%s%s\033[K",
           bar, (int) (fraction * 100),
           message ? message : "",
           left ? "  · " : "", left ? left : "");
  fflush (stderr);
  cli->bar_shown = TRUE;
  cli->dirty = FALSE;
}

static void
end_bar (ExportCli *cli)
{
  if (cli->bar_shown)
    {
      if (cli->dirty)
        draw_bar (cli);
      fputc ('\n', stderr);
      cli->bar_shown = FALSE;
    }
}

static gboolean
redraw_timeout (gpointer user_data)
{
  ExportCli *cli = user_data;

  if (cli->dirty)
    draw_bar (cli);

  return G_SOURCE_CONTINUE;
}

static void
on_progress_notify (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  ExportCli *cli = user_data;
  g_autofree char *message = NULL;
  g_autofree char *stage = NULL;

  if (cli->is_tty)
    {
      cli->dirty = TRUE;
      return;
    }

  message = secuencia_export_progress_dup_message (cli->progress);
  if (message == NULL)
    return;
  stage = stage_of (message);
  if (g_strcmp0 (stage, cli->last_stage) == 0)
    return;

  fprintf (stderr, "[%3d%%] %s\n",
           (int) (secuencia_export_progress_get_fraction (cli->progress) * 100), message);
  fflush (stderr);
  g_free (cli->last_stage);
  cli->last_stage = g_steal_pointer (&stage);
}

static gboolean
on_signal (gpointer user_data)
{
  ExportCli *cli = user_data;

  /* g_unix_signal_add gives no signal number; SIGTERM has its own source. */
  if (cli->signal_number == 0)
    cli->signal_number = SIGINT;
  g_cancellable_cancel (cli->cancellable);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_sigterm (gpointer user_data)
{
  ExportCli *cli = user_data;

  if (cli->signal_number == 0)
    cli->signal_number = SIGTERM;
  g_cancellable_cancel (cli->cancellable);

  return G_SOURCE_CONTINUE;
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportCli *cli = user_data;

  secuencia_export_finish_full (result, &cli->report, &cli->error);
  cli->done = TRUE;
  g_main_loop_quit (cli->loop);
}

/* Phase 1: which timeline to export when none was named: the one the
 * window shows (the most recently modified). A project with no timeline
 * gets the screenplay laid out by the export worker itself (*out_id 0), so
 * nothing is written and a read-only project exports too; only a split
 * export, which plans its parts from stored clips, stores that layout (the
 * same timeline every time, rebuilt; not a new one per export), and plans
 * on the workers' own layout when the project cannot be written. */
static gboolean
choose_timeline (const char     *project_path,
                 SecuenciaTime   gap,
                 gboolean        must_store,
                 gint64         *out_id,
                 GError        **error)
{
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  project = secuencia_project_open (project_path, SECUENCIA_PROJECT_OPEN_READ_ONLY, error);
  if (project == NULL)
    return FALSE;
  id = secuencia_project_latest_timeline_id (project, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (id > 0)
    {
      g_autoptr(SecuenciaTimelineInfo) info = secuencia_project_get_timeline (project, id, NULL);
      g_autofree char *name = secuencia_cli_escape (info != NULL ? info->name : "");

      g_printerr (_("Exporting timeline %lld “%s”, the most recently edited\n"), (long long) id, name);
      *out_id = id;
      return TRUE;
    }
  g_clear_object (&project);
  if (!must_store || secuencia_project_dup_read_only_reason (project_path) != NULL)
    {
      *out_id = 0;
      return TRUE;
    }

  project = secuencia_project_open (project_path, SECUENCIA_PROJECT_OPEN_DEFAULT, error);
  if (project == NULL)
    return FALSE;
  /* Translators: name of the timeline `secuencia-cli export` lays the screenplay out on */
  id = secuencia_project_update_screenplay_timeline (project, _("Screenplay"), gap, NULL, error);
  if (id == 0)
    return FALSE;
  g_printerr (_("Laid the screenplay out on timeline %lld\n"), (long long) id);
  *out_id = id;
  return TRUE;
}

static void
escape_in_place (char **text)
{
  char *escaped;

  if (*text == NULL)
    return;
  escaped = secuencia_cli_escape (*text);
  g_free (*text);
  *text = escaped;
}

static gboolean
parse_rate (const char *text,
            guint       min,
            guint       max,
            guint      *out,
            GError    **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, min, max, &value, error))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

int
secuencia_cli_export (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *bitrate_text = NULL;
  g_autofree char *rate_text = NULL;
  g_autofree char *jobs_text = NULL;
  g_autofree char *timeline_text = NULL;
  g_autofree char *gap_text = NULL;
  g_autofree char *captions_text = NULL;
  gboolean chapters_json = FALSE;
  g_autofree char *split = NULL;
  gboolean force = FALSE;
  g_autofree char *format_text = NULL;
  g_autofree char *loudness_text = NULL;
  g_autoptr(GHashTable) tag_table = NULL;
  g_autoptr(GBytes) cover = NULL;
  g_autofree char *cover_name = NULL;
  g_auto(SecuenciaCliTags) tags = { 0 };
  gboolean no_limiter = FALSE;
  gboolean report = FALSE;
  SecuenciaMixFormat format;
  SecuenciaTime gap = 250 * SECUENCIA_TIME_MSECOND;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(SecuenciaExportProgress) progress = NULL;
  SecuenciaExportOptions options = SECUENCIA_EXPORT_OPTIONS_INIT;
  const char *project_path;
  gint64 timeline_id = 0;
  guint kbps = options.bitrate / 1000;
  guint sigint_id, sigterm_id, redraw_id = 0;
  g_autofree char *display = NULL;
  ExportCli cli = { 0 };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the mix to FILE; its extension chooses the format: .m4a, .m4b, .mp3, .flac, "
         ".wav or .opus"), N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
      N_("The format, whatever FILE's extension: m4a, m4b, mp3, flac, wav or opus"), N_("FORMAT") },
    { "loudness", 0, 0, G_OPTION_ARG_STRING, &loudness_text,
      N_("Loudness target: podcast (−16 LUFS), broadcast (−23 LUFS), acx (audiobooks), "
         "off (default), or a number of LUFS"), N_("TARGET") },
    { "no-limiter", 0, 0, G_OPTION_ARG_NONE, &no_limiter,
      N_("Write the raw sum: without the limiter loud overlaps may clip"), NULL },
    { "report", 0, 0, G_OPTION_ARG_NONE, &report,
      N_("Print what was measured (loudness, peaks, target met) as JSON on standard output"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Replace FILE if it exists (never the project or a file its audio came from)"), NULL },
    { "timeline", 0, 0, G_OPTION_ARG_FILENAME, &timeline_text,
      N_("Export the timeline with this id instead of building one from the screenplay"), N_("ID") },
    { "bitrate", 0, 0, G_OPTION_ARG_FILENAME, &bitrate_text,
      N_("Bit rate of AAC, MP3 and Opus in kbit/s (default 192)"), N_("KBPS") },
    { "rate", 0, 0, G_OPTION_ARG_FILENAME, &rate_text,
      N_("Sample rate in Hz (default 48000; 44100 with --loudness acx)"), N_("HZ") },
    { "jobs", 'j', 0, G_OPTION_ARG_FILENAME, &jobs_text,
      N_("Encode N parts of the file at once (default: one per processor core; 1: one stream)"),
      N_("N") },
    { "captions", 0, 0, G_OPTION_ARG_STRING, &captions_text,
      N_("Also write captions and timing files beside the audio: any of vtt, srt, json (NAME.vtt, NAME.srt, NAME.m4a.timing.json)"),
      N_("LIST") },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split,
      N_("Write one file per scene (scenes) or one stem per lane (lanes) instead of one file"), N_("HOW") },
    { "chapters-json", 0, 0, G_OPTION_ARG_NONE, &chapters_json,
      N_("Also write the scenes as Podcasting 2.0 chapters (NAME.chapters.json)"), NULL },
    { "gap", 0, 0, G_OPTION_ARG_FILENAME, &gap_text,
      N_("Without --timeline: silence between screenplay lines (default 0.25)"), N_("SECONDS") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("export PROJECT -o OUT.m4a — mix a timeline down to one file"));
  g_option_context_set_summary (context,
    _("Without --timeline, the screenplay is first laid out on its timeline (the same one each time), then exported."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  secuencia_cli_tags_add_options (&tags, context);

  if (!secuencia_cli_parse (context, argc, argv, &error) ||
      !secuencia_cli_tags_validate (&tags, &error))
    {
      g_printerr ("secuencia-cli export: %s\n", error->message);
      return SECUENCIA_CLI_EXIT_USAGE;
    }

  /* Option values appear in messages: escaped (the numbers parse the same). */
  escape_in_place (&timeline_text);
  escape_in_place (&bitrate_text);
  escape_in_place (&rate_text);
  escape_in_place (&jobs_text);
  escape_in_place (&gap_text);

  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    {
      g_printerr (_("secuencia-cli export: give exactly one PROJECT file\n"));
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  if (output == NULL)
    {
      g_printerr (_("secuencia-cli export: give the output file with -o OUT.m4a\n"));
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  if (bitrate_text != NULL && !parse_rate (bitrate_text, 16, G_MAXUINT / 1000, &kbps, &error))
    {
      g_printerr (_("secuencia-cli export: invalid --bitrate “%s”: %s\n"), bitrate_text, error->message);
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  if (jobs_text != NULL && !parse_rate (jobs_text, 1, 256, &options.jobs, &error))
    {
      g_printerr (_("secuencia-cli export: invalid --jobs “%s”: %s\n"), jobs_text, error->message);
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  if (rate_text != NULL && !parse_rate (rate_text, 1, G_MAXINT, &options.sample_rate, &error))
    {
      g_printerr (_("secuencia-cli export: invalid --rate “%s”: %s\n"), rate_text, error->message);
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  if (timeline_text != NULL)
    {
      gint64 id;

      if (!g_ascii_string_to_signed (timeline_text, 10, 1, G_MAXINT64, &id, &error))
        {
          g_printerr (_("secuencia-cli export: invalid --timeline “%s”: %s\n"), timeline_text, error->message);
          return SECUENCIA_CLI_EXIT_USAGE;
        }
      timeline_id = id;
    }
  if (gap_text != NULL &&
      (!secuencia_time_parse_seconds (gap_text, &gap, &error) || gap < 0))
    {
      g_printerr (_("secuencia-cli export: invalid --gap “%s”: %s\n"), gap_text,
                  error ? error->message : _("must not be negative"));
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  if (loudness_text != NULL && !secuencia_loudness_target_parse (loudness_text, &options.loudness, &error))
    {
      g_printerr ("secuencia-cli export: %s\n", error->message);
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  if (format_text != NULL)
    {
      const SecuenciaExportFormatInfo *info = secuencia_export_format_lookup (format_text);

      if (info == NULL)
        {
          g_autofree char *list = secuencia_export_format_list_names ();
          g_printerr (_("secuencia-cli export: unknown --format “%s”: use one of %s\n"),
                      format_text, list);
          return SECUENCIA_CLI_EXIT_USAGE;
        }
      format = info->format;
    }
  else if (!secuencia_export_format_from_path (output, &format, &error))
    {
      /* before anything is written, even a timeline */
      g_printerr ("secuencia-cli: %s\n", error->message);
      return SECUENCIA_CLI_EXIT_FAILURE;
    }
  options.format = (int) format;
  options.no_limiter = no_limiter;
  /* ACX asks for 44.1 kHz unless another rate was given */
  if (options.sample_rate == 0)
    options.sample_rate = options.loudness.kind == SECUENCIA_LOUDNESS_ACX ? 44100 : 48000;
  options.sample_rate = secuencia_export_format_pick_rate (format, options.sample_rate);
  /* Checked against the encoder itself, before anything is done. */
  if (!secuencia_export_format_check (format, &error) ||
      ((format == SECUENCIA_MIX_FORMAT_M4A || format == SECUENCIA_MIX_FORMAT_M4B) &&
       !secuencia_mixdown_check_aac_rate (options.sample_rate, &error)))
    {
      gboolean usage = g_error_matches (error, SECUENCIA_EXPORT_ERROR,
                                        SECUENCIA_EXPORT_ERROR_UNSUPPORTED_OPTION);

      if (usage)
        g_printerr (_("secuencia-cli export: invalid --rate %u: %s\n"), options.sample_rate, error->message);
      else
        g_printerr ("secuencia-cli: %s\n", error->message);
      return usage ? SECUENCIA_CLI_EXIT_USAGE : SECUENCIA_CLI_EXIT_FAILURE;
    }
  if (format == SECUENCIA_MIX_FORMAT_M4A || format == SECUENCIA_MIX_FORMAT_M4B)
  {
    guint max_kbps = secuencia_mixdown_max_aac_bitrate (options.sample_rate, 2) / 1000;

    if (kbps > max_kbps)
      {
        g_printerr (_("secuencia-cli export: --bitrate %u is more than the AAC encoder delivers "
                      "at %u Hz; using %u kbit/s\n"), kbps, options.sample_rate, max_kbps);
        kbps = max_kbps;
      }
  }
  if (tags.cover != NULL)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      cover_name = g_filename_display_basename (tags.cover);
      if (!g_file_get_contents (tags.cover, &contents, &length, &error))
        {
          g_autofree char *shown = g_filename_display_name (tags.cover);
          g_printerr (_("secuencia-cli: Cannot read the cover image “%s”: %s\n"), shown,
                      error->message);
          return SECUENCIA_CLI_EXIT_FAILURE;
        }
      cover = g_bytes_new_take (g_steal_pointer (&contents), length);
      options.cover = cover;
      options.cover_name = cover_name;
    }
  tag_table = secuencia_cli_tags_to_table (&tags);
  if (g_hash_table_size (tag_table) > 0)
    options.tags = tag_table;
  if (captions_text != NULL && !secuencia_sidecars_parse (captions_text, &options.sidecars, &error))
    {
      g_printerr (_("secuencia-cli export: invalid --captions “%s”: %s\n"), captions_text, error->message);
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  if (chapters_json)
    options.sidecars |= SECUENCIA_SIDECAR_CHAPTERS_JSON;
  if (!secuencia_cli_split_check (split, &error))
    {
      g_printerr ("secuencia-cli export: %s\n", error->message);
      return SECUENCIA_CLI_EXIT_USAGE;
    }
  options.bitrate = kbps * 1000;
  options.replace = force;
  project_path = rest[0];

  options.screenplay_gap = gap;
  if (timeline_id == 0
      && !choose_timeline (project_path, gap, split != NULL, &timeline_id, &error))
    {
      g_printerr ("secuencia-cli: %s\n", error->message);
      return SECUENCIA_CLI_EXIT_FAILURE;
    }

  /* Phase 2: export, in a worker thread. */
  destination = secuencia_cli_file_for_arg (output);
  if (split != NULL)
    return secuencia_cli_export_split (project_path, timeline_id, split, destination, &options);
  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  progress = secuencia_export_progress_new ();

  cli.loop = loop;
  cli.cancellable = cancellable;
  cli.progress = progress;
  cli.is_tty = isatty (STDERR_FILENO);

  g_signal_connect (progress, "notify", G_CALLBACK (on_progress_notify), &cli);
  sigint_id = g_unix_signal_add (SIGINT, on_signal, &cli);
  sigterm_id = g_unix_signal_add (SIGTERM, on_sigterm, &cli);
  if (cli.is_tty)
    redraw_id = g_timeout_add (REDRAW_INTERVAL_MS, redraw_timeout, &cli);

  secuencia_export_async (project_path, timeline_id, destination, &options,
                          progress, cancellable, on_export_done, &cli);
  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  if (redraw_id != 0)
    g_source_remove (redraw_id);
  /* Let the last coalesced progress update arrive, then stop listening. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_signal_handlers_disconnect_by_data (progress, &cli);
  end_bar (&cli);
  g_clear_pointer (&cli.last_stage, g_free);

  display = g_file_get_parse_name (destination);

  if (cli.error != NULL)
    {
      int status = SECUENCIA_CLI_EXIT_FAILURE;

      if (g_error_matches (cli.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_printerr ("%s\n", _("Export cancelled"));
          status = cli.signal_number != 0 ? 128 + cli.signal_number : SECUENCIA_CLI_EXIT_FAILURE;
        }
      else if (g_error_matches (cli.error, SECUENCIA_EXPORT_ERROR, SECUENCIA_EXPORT_ERROR_EXISTS))
        g_printerr (_("secuencia-cli: %s (add --force to replace it)\n"), cli.error->message);
      else
        g_printerr ("secuencia-cli: %s\n", cli.error->message);

      g_clear_error (&cli.error);
      return status;
    }

  if (timeline_id == 0)
    g_printerr (_("Exported the screenplay to “%s”\n"), display);
  else
    g_printerr (_("Exported timeline %lld to “%s”\n"), (long long) timeline_id, display);
  if (report)
    {
      g_autofree char *path = g_file_get_path (destination);
      g_autofree char *json = secuencia_export_report_to_json (&cli.report, path);

      g_print ("%s\n", json);
    }

  return SECUENCIA_CLI_EXIT_OK;
}
