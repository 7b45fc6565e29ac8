/* gcm-test-utils-gtk.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gcm-application.h"
#include "gcm-test-utils.h"

G_BEGIN_DECLS

typedef gboolean (*GcmTestWidgetMatch) (GtkWidget *widget,
                                        gpointer   user_data);

gboolean        gcm_test_run_in_subprocess (void);
GcmApplication *gcm_test_app_start         (void);
GtkWindow      *gcm_test_app_open_window   (GcmApplication     *app);
void            gcm_test_app_stop          (GcmApplication     *app);
GtkWidget      *gcm_test_find_widget       (GtkWidget          *root,
                                            GType               type,
                                            GcmTestWidgetMatch  match,
                                            gpointer            user_data);
GtkWidget      *gcm_test_find_label        (GtkWidget          *root,
                                            const char         *contains);
GtkWidget      *gcm_test_find_button       (GtkWidget          *root,
                                            const char         *action_name);
GtkWidget      *gcm_test_wait_for_label    (GtkWidget          *root,
                                            const char         *contains);
gboolean        gcm_test_widget_is_shown   (GtkWidget          *widget);
void            gcm_test_set_last_page     (const char         *route);
void            gcm_test_wait_for_height   (GtkWidget          *widget);

G_END_DECLS
