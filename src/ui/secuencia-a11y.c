/* secuencia-a11y.c: see the header. */

#include "config.h"

#include "secuencia-a11y.h"

char *
secuencia_a11y_strip_mnemonic (const char *mnemonic_label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = mnemonic_label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static void
name_from_mnemonic (GtkWidget  *widget,
                    const char *mnemonic_label)
{
  g_autofree char *name = secuencia_a11y_strip_mnemonic (mnemonic_label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
}

GtkWidget *
secuencia_a11y_button_new_with_mnemonic (const char *mnemonic_label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic_label);

  name_from_mnemonic (button, mnemonic_label);
  return button;
}

GtkWidget *
secuencia_a11y_check_button_new_with_mnemonic (const char *mnemonic_label)
{
  GtkWidget *button = gtk_check_button_new_with_mnemonic (mnemonic_label);

  name_from_mnemonic (button, mnemonic_label);
  return button;
}
