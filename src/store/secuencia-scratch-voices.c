/* secuencia-scratch-voices.c: scratch voices with libespeak-ng. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <espeak-ng/speak_lib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "secuencia-project.h"
#include "secuencia-scratch-voices.h"

#define NARRATOR_VOICE "en+m7"
#define NARRATOR_PITCH 40

/* espeak-ng is one synthesizer per process with global settings (voice,
 * pitch, callback): it is initialised once and every use holds this lock.
 * This is the library's state, mirrored, not ours. */
static GMutex espeak_lock;
static int    espeak_rate;   /* 0 until initialised; under espeak_lock */

typedef struct
{
  GArray       *samples;     /* gint16 */
  GCancellable *cancellable;
} Synth;

static int
on_synth (short *wav, int n_samples, espeak_EVENT *events)
{
  Synth *synth = events != NULL ? events->user_data : NULL;

  if (synth == NULL)
    return 0;
  if (wav != NULL && n_samples > 0)
    g_array_append_vals (synth->samples, wav, n_samples);
  return g_cancellable_is_cancelled (synth->cancellable) ? 1 : 0;
}

void
secuencia_scratch_voice_for (guint   index,
                             char  **out_voice,
                             int    *out_pitch)
{
  /* Alternating male and female variants, each with its own pitch; past
   * ten the cycle repeats one pitch step up. */
  static const struct { const char *variant; int pitch; } voices[] = {
    { "m3", 40 }, { "f2", 60 }, { "m1", 25 }, { "f4", 75 }, { "m5", 50 },
    { "f1", 45 }, { "m2", 65 }, { "f3", 30 }, { "m4", 80 }, { "f5", 55 },
  };
  guint i = index % G_N_ELEMENTS (voices);
  int step = (int) (index / G_N_ELEMENTS (voices)) * 7;

  *out_voice = g_strdup_printf ("en+%s", voices[i].variant);
  *out_pitch = CLAMP (voices[i].pitch + step, 0, 99);
}

static gboolean
valid_voice_name (const char *voice)
{
  if (voice == NULL || *voice == '\0' || strlen (voice) > 64)
    return FALSE;
  for (const char *p = voice; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("+-_", *p) == NULL)
      return FALSE;
  return TRUE;
}

gboolean
secuencia_scratch_cast_get (SecuenciaProject  *project,
                            const char        *character,
                            guint              index,
                            char             **out_voice,
                            int               *out_pitch,
                            GError           **error)
{
  g_autofree char *voice_key = g_strdup_printf ("cast.%s.voice", character);
  g_autofree char *pitch_key = g_strdup_printf ("cast.%s.pitch", character);
  g_autofree char *voice = NULL;
  g_autofree char *pitch = NULL;
  g_autoptr(GError) local_error = NULL;
  char *default_voice = NULL;
  int default_pitch = 0;
  gint64 value = 0;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (character != NULL && out_voice != NULL && out_pitch != NULL, FALSE);

  voice = secuencia_project_dup_metadata (project, voice_key, &local_error);
  if (local_error == NULL)
    pitch = secuencia_project_dup_metadata (project, pitch_key, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  secuencia_scratch_voice_for (index, &default_voice, &default_pitch);
  /* a stored value that is not one (edited by hand) falls back to the default */
  if (voice != NULL && valid_voice_name (voice))
    {
      *out_voice = g_steal_pointer (&voice);
      g_free (default_voice);
    }
  else
    *out_voice = default_voice;
  if (pitch != NULL && g_ascii_string_to_signed (pitch, 10, 0, 99, &value, NULL))
    *out_pitch = (int) value;
  else
    *out_pitch = default_pitch;
  return TRUE;
}

gboolean
secuencia_scratch_cast_set (SecuenciaProject  *project,
                            const char        *character,
                            const char        *voice,
                            int                pitch,
                            GError           **error)
{
  g_autofree char *voice_key = NULL;
  g_autofree char *pitch_key = NULL;
  g_autofree char *pitch_text = NULL;

  g_return_val_if_fail (SECUENCIA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (character != NULL, FALSE);

  if (*character == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot set a scratch voice: the character has no name"));
      return FALSE;
    }
  if (voice != NULL && !valid_voice_name (voice))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot give %s the voice “%s”: a voice name is letters, digits and “+-_” "
                     "(such as “en+f2”)"), character, voice);
      return FALSE;
    }
  if (voice != NULL && (pitch < 0 || pitch > 99))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot give %s the pitch %d: the pitch is from 0 to 99"), character, pitch);
      return FALSE;
    }
  voice_key = g_strdup_printf ("cast.%s.voice", character);
  pitch_key = g_strdup_printf ("cast.%s.pitch", character);
  if (voice != NULL)
    pitch_text = g_strdup_printf ("%d", pitch);
  return secuencia_project_set_metadata (project, voice_key, voice, error) &&
         secuencia_project_set_metadata (project, pitch_key, pitch_text, error);
}

static void
put_le (GByteArray *out, guint32 value, guint bytes)
{
  for (guint i = 0; i < bytes; i++)
    {
      guint8 b = (value >> (8 * i)) & 0xff;
      g_byte_array_append (out, &b, 1);
    }
}

static gboolean
write_wav (const char *path, const gint16 *samples, gsize n, int rate, GError **error)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new (44 + n * 2);
  guint32 data_bytes = n * 2;

  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  put_le (out, 36 + data_bytes, 4);
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  put_le (out, 16, 4);
  put_le (out, 1, 2);                   /* PCM */
  put_le (out, 1, 2);                   /* mono */
  put_le (out, (guint32) rate, 4);
  put_le (out, (guint32) rate * 2, 4);
  put_le (out, 2, 2);
  put_le (out, 16, 2);
  g_byte_array_append (out, (const guint8 *) "data", 4);
  put_le (out, data_bytes, 4);
  for (gsize i = 0; i < n; i++)
    put_le (out, (guint16) samples[i], 2);
  return g_file_set_contents (path, (const char *) out->data, out->len, error);
}

gboolean
secuencia_scratch_voice_speak (const char    *text,
                               const char    *voice,
                               int            pitch,
                               const char    *path,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint16));
  Synth synth = { samples, cancellable };
  espeak_ERROR rc;
  int rate;

  g_return_val_if_fail (text != NULL && voice != NULL && path != NULL, FALSE);

  g_mutex_lock (&espeak_lock);
  if (espeak_rate <= 0)
    {
      espeak_rate = espeak_Initialize (AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, 0);
      if (espeak_rate <= 0)
        {
          g_mutex_unlock (&espeak_lock);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("espeak-ng could not start (are its voice data installed?)"));
          return FALSE;
        }
      espeak_SetSynthCallback (on_synth);
    }
  rate = espeak_rate;
  if (espeak_SetVoiceByName (voice) != EE_OK)
    {
      g_mutex_unlock (&espeak_lock);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("espeak-ng has no voice “%s”"), voice);
      return FALSE;
    }
  espeak_SetParameter (espeakPITCH, CLAMP (pitch, 0, 99), 0);
  espeak_SetParameter (espeakRATE, 165, 0);
  rc = espeak_Synth (text, strlen (text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, &synth);
  if (rc == EE_OK)
    rc = espeak_Synchronize ();
  g_mutex_unlock (&espeak_lock);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != EE_OK || samples->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("espeak-ng could not speak “%s” with voice %s"), text, voice);
      return FALSE;
    }
  return write_wav (path, (const gint16 *) samples->data, samples->len, rate, error);
}

/* ---- the worker ---- */

typedef struct
{
  char                         *project_path;
  gboolean                      narrate_action;
  SecuenciaScratchProgressFunc  progress_func;
  gpointer                      progress_data;
} VoiceData;

static void
voice_data_free (VoiceData *data)
{
  g_free (data->project_path);
  g_free (data);
}

typedef struct
{
  gint64   element_id;
  GFile   *wav;
  gint64   asset_id;
} StoreLine;

static gboolean
store_line (SecuenciaProject  *project,
            gpointer           user_data,
            GError           **error)
{
  StoreLine *line = user_data;

  line->asset_id = secuencia_project_import_audio (project, line->wav, NULL, error);
  if (line->asset_id == 0)
    return FALSE;
  return secuencia_project_set_element_audio (project, line->element_id, line->asset_id, TRUE, error);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
voice_do (const VoiceData  *data,
          GCancellable     *cancellable,
          guint            *out_n_voiced,
          GError          **error)
{
  g_autoptr(SecuenciaProject) project = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GHashTable) cast = g_hash_table_new (g_str_hash, g_str_equal);   /* name -> index + 1 */
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  g_autofree char *tmp_dir = NULL;
  guint n_voiced = 0;
  gboolean ok = FALSE;

  project = secuencia_project_open (data->project_path, SECUENCIA_PROJECT_OPEN_DEFAULT, error);
  if (project == NULL)
    return FALSE;
  elements = secuencia_project_list_elements (project, error);
  if (elements == NULL)
    return FALSE;

  /* The cast in order of first appearance, lines with audio included, so
   * a character keeps its voice when more lines are voiced later. */
  for (guint i = 0; i < elements->len; i++)
    {
      SecuenciaElementInfo *element = elements->pdata[i];
      gboolean wanted;

      if (element->kind == SECUENCIA_ELEMENT_DIALOGUE && *element->character != '\0' &&
          !g_hash_table_contains (cast, element->character))
        g_hash_table_insert (cast, element->character, GUINT_TO_POINTER (g_hash_table_size (cast) + 1));
      wanted = element->asset_id == 0 && *g_strstrip (element->text) != '\0' &&
               (element->kind == SECUENCIA_ELEMENT_DIALOGUE ||
                (data->narrate_action && element->kind == SECUENCIA_ELEMENT_ACTION));
      if (wanted)
        g_ptr_array_add (todo, element);
    }

  tmp_dir = g_dir_make_tmp ("secuencia-voices-XXXXXX", error);
  if (tmp_dir == NULL)
    return FALSE;

  for (guint i = 0; i < todo->len; i++)
    {
      SecuenciaElementInfo *element = todo->pdata[i];
      g_autofree char *voice = NULL;
      g_autofree char *name = g_strdup_printf ("line-%" G_GINT64_FORMAT ".wav", element->id);
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_autofree char *spoken = g_strdelimit (g_strdup (element->text), "\n", ' ');
      g_autoptr(GFile) wav = g_file_new_for_path (path);
      g_autoptr(GError) local_error = NULL;
      const char *who;
      StoreLine line = { element->id, wav, 0 };
      int pitch;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (element->kind == SECUENCIA_ELEMENT_DIALOGUE)
        {
          guint index = GPOINTER_TO_UINT (g_hash_table_lookup (cast, element->character));
          /* the Cast dialog's choice, or the character's default */
          if (!secuencia_scratch_cast_get (project, element->character, index > 0 ? index - 1 : 0,
                                           &voice, &pitch, error))
            goto out;
          who = element->character;
        }
      else
        {
          voice = g_strdup (NARRATOR_VOICE);
          pitch = NARRATOR_PITCH;
          who = "NARRATOR";
        }
      if (!secuencia_scratch_voice_speak (spoken, voice, pitch, path, cancellable, &local_error) ||
          !secuencia_project_transaction (project, store_line, &line, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, local_error->domain, local_error->code,
                         _("Screenplay line %lld (%s): %s"),
                         (long long) element->position + 1, who, local_error->message);
          goto out;
        }
      g_unlink (path);
      n_voiced++;
      if (data->progress_func != NULL)
        data->progress_func (i + 1, todo->len, who, data->progress_data);
    }
  ok = TRUE;

out:
  remove_dir (tmp_dir);
  if (out_n_voiced != NULL)
    *out_n_voiced = n_voiced;
  return ok;
}

static void
voice_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  guint n = 0;

  if (voice_do (task_data, cancellable, &n, &error))
    g_task_return_int (task, n);
  else
    g_task_return_error (task, error);
}

void
secuencia_scratch_voices_async (const char                   *project_path,
                                gboolean                      narrate_action,
                                SecuenciaScratchProgressFunc  progress_func,
                                gpointer                      progress_data,
                                GCancellable                 *cancellable,
                                GAsyncReadyCallback           callback,
                                gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  VoiceData *data;

  g_return_if_fail (project_path != NULL);

  data = g_new0 (VoiceData, 1);
  data->project_path = g_strdup (project_path);
  data->narrate_action = narrate_action;
  data->progress_func = progress_func;
  data->progress_data = progress_data;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, secuencia_scratch_voices_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) voice_data_free);
  g_task_run_in_thread (task, voice_thread);
}

gboolean
secuencia_scratch_voices_finish (GAsyncResult  *result,
                                 guint         *out_n_voiced,
                                 GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (out_n_voiced != NULL)
    *out_n_voiced = (guint) n;
  return TRUE;
}

gboolean
secuencia_scratch_voices_run (const char                   *project_path,
                              gboolean                      narrate_action,
                              SecuenciaScratchProgressFunc  progress_func,
                              gpointer                      progress_data,
                              GCancellable                 *cancellable,
                              guint                        *out_n_voiced,
                              GError                      **error)
{
  VoiceData data = { (char *) project_path, narrate_action, progress_func, progress_data };

  g_return_val_if_fail (project_path != NULL, FALSE);
  return voice_do (&data, cancellable, out_n_voiced, error);
}
