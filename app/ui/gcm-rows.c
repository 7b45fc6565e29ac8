/* gcm-rows.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts the app's lists build their rows from, so every list behaves alike.
 */

#include "config.h"

#include "gcm-rows.h"

/* An icon for the eyes only: the row's own label already says what it means, so a screen
 * reader passes over it. */
GtkWidget *
gcm_rows_decorative_icon (const char *icon_name)
{
  return g_object_new (GTK_TYPE_IMAGE,
                       "icon-name", icon_name,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
}

/* Removes every row of @list, before it is filled again. */
void
gcm_rows_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Removes every child of @box, before it is filled again. */
void
gcm_rows_clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* The number that a number key chooses an option by, shown beside the option. */
GtkWidget *
gcm_rows_choice_number (guint number)
{
  g_autofree char *digit = g_strdup_printf ("%u", number);
  GtkWidget *label = gtk_label_new (digit);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* The option a number key chooses, by the number gcm_rows_choice_number() shows: 1 on the main
 * row or on the keypad is the first, up to @n_keys; -1 for any other key. The modifiers are the
 * view's to judge. */
int
gcm_rows_choice_for_key (guint keyval,
                         guint n_keys)
{
  g_return_val_if_fail (n_keys <= GCM_ROWS_MAX_CHOICE_KEYS, -1);

  if (keyval >= GDK_KEY_1 && keyval < GDK_KEY_1 + n_keys)
    return (int) (keyval - GDK_KEY_1);
  if (keyval >= GDK_KEY_KP_1 && keyval < GDK_KEY_KP_1 + n_keys)
    return (int) (keyval - GDK_KEY_KP_1);
  return -1;
}
