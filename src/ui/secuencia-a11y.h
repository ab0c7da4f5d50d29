/* secuencia-a11y.h: accessible names for widgets with a mnemonic label.
 *
 * GTK 4.8 gives a button made with a mnemonic ("_Export") the raw text,
 * underscore included, as its accessible label, so a screen reader reads
 * "underscore Export Export". These make the button as GTK does and give
 * it the visible text as its name. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @mnemonic_label without its mnemonic markers ("_Save" → "Save",
 * "a__b" → "a_b"). */
char      *secuencia_a11y_strip_mnemonic             (const char *mnemonic_label);
/* gtk_button_new_with_mnemonic() named by the visible text. */
GtkWidget *secuencia_a11y_button_new_with_mnemonic   (const char *mnemonic_label);
/* gtk_check_button_new_with_mnemonic() named by the visible text. */
GtkWidget *secuencia_a11y_check_button_new_with_mnemonic (const char *mnemonic_label);

G_END_DECLS
