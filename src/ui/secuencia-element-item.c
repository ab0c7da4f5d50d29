/* secuencia-element-item.c: one screenplay line in the window's list model. */

#include "config.h"

#include <glib/gi18n.h>

#include "secuencia-element-item.h"

struct _SecuenciaElementItem
{
  GObject        parent_instance;

  gint64         id;
  char          *character;
  char          *text;
  char          *extension;
  char          *scene_number;
  SecuenciaElementKind kind;
  gboolean       scratch;
  gboolean       dual;
  SecuenciaTime  duration;
  gboolean       has_audio;
  gint64         asset_id;
};

G_DEFINE_FINAL_TYPE (SecuenciaElementItem, secuencia_element_item, G_TYPE_OBJECT)

static void
secuencia_element_item_finalize (GObject *object)
{
  SecuenciaElementItem *self = SECUENCIA_ELEMENT_ITEM (object);

  g_free (self->character);
  g_free (self->text);
  g_free (self->extension);
  g_free (self->scene_number);

  G_OBJECT_CLASS (secuencia_element_item_parent_class)->finalize (object);
}

static void
secuencia_element_item_class_init (SecuenciaElementItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = secuencia_element_item_finalize;
}

static void
secuencia_element_item_init (SecuenciaElementItem *self)
{
}

SecuenciaElementItem *
secuencia_element_item_new (const SecuenciaElementInfo *info)
{
  SecuenciaElementItem *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (SECUENCIA_TYPE_ELEMENT_ITEM, NULL);
  self->id = info->id;
  self->character = g_strdup (info->character != NULL ? info->character : "");
  self->text = g_strdup (info->text != NULL ? info->text : "");
  self->extension = g_strdup (info->extension != NULL ? info->extension : "");
  self->scene_number = g_strdup (info->scene_number != NULL ? info->scene_number : "");
  self->kind = info->kind;
  self->scratch = info->asset_id > 0 && info->scratch;
  self->dual = info->kind == SECUENCIA_ELEMENT_DIALOGUE && info->dual;
  self->has_audio = info->asset_id > 0;
  self->asset_id = info->asset_id;
  self->duration = info->duration;
  return self;
}

gint64
secuencia_element_item_get_id (SecuenciaElementItem *self)
{
  g_return_val_if_fail (SECUENCIA_IS_ELEMENT_ITEM (self), 0);
  return self->id;
}

const char *
secuencia_element_item_get_character (SecuenciaElementItem *self)
{
  g_return_val_if_fail (SECUENCIA_IS_ELEMENT_ITEM (self), NULL);
  return self->character;
}

const char *
secuencia_element_item_get_text (SecuenciaElementItem *self)
{
  g_return_val_if_fail (SECUENCIA_IS_ELEMENT_ITEM (self), NULL);
  return self->text;
}

gboolean
secuencia_element_item_has_audio (SecuenciaElementItem *self)
{
  g_return_val_if_fail (SECUENCIA_IS_ELEMENT_ITEM (self), FALSE);
  return self->has_audio;
}

SecuenciaTime
secuencia_element_item_get_duration (SecuenciaElementItem *self)
{
  g_return_val_if_fail (SECUENCIA_IS_ELEMENT_ITEM (self), 0);
  return self->duration;
}

SecuenciaElementKind
secuencia_element_item_get_kind (SecuenciaElementItem *self)
{
  g_return_val_if_fail (SECUENCIA_IS_ELEMENT_ITEM (self), SECUENCIA_ELEMENT_DIALOGUE);
  return self->kind;
}

char *
secuencia_element_item_dup_title (SecuenciaElementItem *self)
{
  g_return_val_if_fail (SECUENCIA_IS_ELEMENT_ITEM (self), NULL);

  switch (self->kind)
    {
    case SECUENCIA_ELEMENT_SCENE:
      if (*self->scene_number != '\0')
        /* Translators: a scene heading's row title, with its scene number */
        return g_strdup_printf (_("Scene %s"), self->scene_number);
      return g_strdup (_("Scene"));
    case SECUENCIA_ELEMENT_ACTION:
      return g_strdup (_("Action"));
    case SECUENCIA_ELEMENT_DIALOGUE:
    default:
      {
        g_autofree char *name = NULL;

        if (*self->character != '\0' && *self->extension != '\0')
          name = g_strdup_printf ("%s (%s)", self->character, self->extension);
        else
          name = g_strdup (self->character);
        if (!self->dual)
          return g_steal_pointer (&name);
        /* Translators: the title of a line of dual dialogue: its character,
         * who speaks at the same time as the line above */
        return g_strdup_printf (_("%s, at the same time as the line above"), name);
      }
    }
}

gboolean
secuencia_element_item_is_dual (SecuenciaElementItem *self)
{
  g_return_val_if_fail (SECUENCIA_IS_ELEMENT_ITEM (self), FALSE);
  return self->dual;
}

gboolean
secuencia_element_item_is_scratch (SecuenciaElementItem *self)
{
  g_return_val_if_fail (SECUENCIA_IS_ELEMENT_ITEM (self), FALSE);
  return self->scratch;
}

gint64
secuencia_element_item_get_asset_id (SecuenciaElementItem *self)
{
  g_return_val_if_fail (SECUENCIA_IS_ELEMENT_ITEM (self), 0);
  return self->asset_id;
}
