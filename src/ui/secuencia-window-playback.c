/* secuencia-window-playback.c: hear the mix from the window.
 *
 * A SecuenciaPlayer plays the timeline the window shows — the one Export
 * exports — through the same mix graph. The Play/Pause button in the header
 * bar (win.play-pause), Space whenever the focus is not in a text field,
 * Home and End to move the playhead, and the timeline view's ruler ("seek").
 * While playing, a tick callback (the frame clock) reads the pipeline's
 * position into the view's playhead and the position label: they follow
 * the sound, not a timer.
 *
 * Edits of the timeline reach the player through the timeline's "changed"
 * (heard at once while playing); another timeline shown is played from the
 * same position.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-player.h"
#include "secuencia-window-private.h"

static char *
format_position (SecuenciaTime position)
{
  gint64 tenths = position / (100 * SECUENCIA_TIME_MSECOND);
  gint64 seconds = tenths / 10;

  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d.%d", seconds / 3600,
                            (int) (seconds / 60 % 60), (int) (seconds % 60), (int) (tenths % 10));
  return g_strdup_printf ("%d:%02d.%d", (int) (seconds / 60), (int) (seconds % 60),
                          (int) (tenths % 10));
}

static void
show_position (SecuenciaWindow *self,
               SecuenciaTime    position)
{
  g_autofree char *text = NULL;

  if (self->timeline_view != NULL &&
      secuencia_timeline_view_get_playhead (self->timeline_view) != position)
    secuencia_timeline_view_set_playhead (self->timeline_view, position);

  /* a tenth of a second is what the label shows: skip identical frames */
  if (self->shown_position / (100 * SECUENCIA_TIME_MSECOND) ==
      position / (100 * SECUENCIA_TIME_MSECOND) && self->shown_position >= 0)
    return;
  self->shown_position = position;
  text = format_position (position);
  /* A GtkInscription: a GtkLabel's new text, ten times a second, made
   * GTK work out the whole window's size again, with synchronous X round
   * trips each time (the work area, the monitor). */
  gtk_inscription_set_text (self->position_label, text);
}

static gboolean
playhead_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);

  show_position (self, secuencia_player_get_position (self->player));
  return G_SOURCE_CONTINUE;
}

/* Play plays the timeline the window shows (and Export exports). */
static gboolean
ensure_timeline (SecuenciaWindow *self)
{
  if (secuencia_player_get_timeline (self->player) != self->timeline)
    secuencia_player_set_timeline (self->player, self->timeline);
  return self->timeline != NULL && secuencia_timeline_get_n_clips (self->timeline) > 0;
}

static void
update_button (SecuenciaWindow *self)
{
  gboolean playing = secuencia_player_get_playing (self->player);
  const char *label = playing ? _("Pause") : _("Play");

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)") : _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_playing_changed (SecuenciaPlayer *player,
                    GParamSpec      *pspec,
                    SecuenciaWindow *self)
{
  gboolean playing = secuencia_player_get_playing (player);

  update_button (self);
  if (playing && self->playhead_tick == 0)
    self->playhead_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), playhead_tick,
                                                        NULL, NULL);
  else if (!playing && self->playhead_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->playhead_tick);
      self->playhead_tick = 0;
    }
  show_position (self, secuencia_player_get_position (player));
}

static void
on_position_changed (SecuenciaPlayer *player,
                     GParamSpec      *pspec,
                     SecuenciaWindow *self)
{
  show_position (self, secuencia_player_get_position (player));
}

static void
on_player_error (SecuenciaPlayer *player,
                 const GError    *error,
                 SecuenciaWindow *self)
{
  _secuencia_window_show_error (self, _("Could Not Play"), error->message);
}

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);

  if (secuencia_player_get_playing (self->player))
    secuencia_player_pause (self->player);
  else if (ensure_timeline (self))
    secuencia_player_play (self->player);
}

static void
playhead_start_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);

  if (ensure_timeline (self))
    secuencia_player_seek (self->player, 0);
}

static void
playhead_end_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SecuenciaWindow *self = SECUENCIA_WINDOW (widget);
  SecuenciaTimeline *timeline;

  if (!ensure_timeline (self))
    return;
  timeline = secuencia_player_get_timeline (self->player);
  secuencia_player_seek (self->player, secuencia_timeline_get_duration (timeline));
}

/* Space, Home and End belong to the playhead unless the focus is in a text
 * field (or in a popover or menu, which keep their keys). Capture phase:
 * a focused button or list would take them otherwise. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SecuenciaWindow       *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  const char *action;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      action = "win.play-pause";
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      action = "win.playhead-start";
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      action = "win.playhead-end";
      break;
    default:
      return FALSE;
    }
  if (focus != NULL &&
      (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus) ||
       gtk_widget_get_native (focus) != GTK_NATIVE (self)))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

void
_secuencia_window_playback_update_actions (SecuenciaWindow *self)
{
  gboolean can_play = self->project != NULL && self->timeline != NULL &&
                      secuencia_timeline_get_n_clips (self->timeline) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play-pause",
                                 can_play || (self->player != NULL &&
                                              secuencia_player_get_playing (self->player)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.playhead-start", can_play);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.playhead-end", can_play);
}

void
_secuencia_window_playback_invalidate (SecuenciaWindow *self)
{
  if (self->player == NULL)
    return;
  /* another timeline shown: play it (from the same position when playing);
   * edits of the same one reach the player through its "changed" */
  ensure_timeline (self);
}

void
_secuencia_window_playback_set_project (SecuenciaWindow *self)
{
  if (self->player == NULL)
    return;
  secuencia_player_pause (self->player);
  secuencia_player_set_timeline (self->player, NULL);
  secuencia_player_set_project (self->player, self->project);
  secuencia_player_seek (self->player, 0);
  show_position (self, 0);
}

/* The person moved the playhead on the timeline's ruler. */
static void
on_view_seek (SecuenciaTimelineView *view,
              gint64                 position,
              SecuenciaWindow       *self)
{
  if (ensure_timeline (self))
    secuencia_player_seek (self->player, position);
}

void
_secuencia_window_playback_init (SecuenciaWindow *self)
{
  GtkEventController *keys;

  self->shown_position = -1;
  self->player = secuencia_player_new ();
  g_signal_connect_object (self->player, "notify::playing", G_CALLBACK (on_playing_changed),
                           self, 0);
  g_signal_connect_object (self->player, "notify::position", G_CALLBACK (on_position_changed),
                           self, 0);
  g_signal_connect_object (self->player, "error", G_CALLBACK (on_player_error), self, 0);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_object (self->timeline_view, "seek", G_CALLBACK (on_view_seek), self, 0);

  update_button (self);
  show_position (self, 0);
}

void
_secuencia_window_playback_dispose (SecuenciaWindow *self)
{
  if (self->playhead_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->playhead_tick);
      self->playhead_tick = 0;
    }
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_clear_object (&self->player);
}

SecuenciaPlayer *
secuencia_window_get_player (SecuenciaWindow *self)
{
  g_return_val_if_fail (SECUENCIA_IS_WINDOW (self), NULL);
  return self->player;
}

void
_secuencia_window_class_playback_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, SecuenciaWindow, position_label);

  gtk_widget_class_install_action (widget_class, "win.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "win.playhead-start", NULL,
                                   playhead_start_action);
  gtk_widget_class_install_action (widget_class, "win.playhead-end", NULL, playhead_end_action);
}
