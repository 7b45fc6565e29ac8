/* gcm-workshop-actions.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's workshop actions: win.present (F5) presents the quiz or procedure whose page is
 * shown, full screen; win.workshop-sessions lists the sessions saved, to export them again.
 */

#define G_LOG_DOMAIN "GcmWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-presenter.h"
#include "gcm-window-private.h"
#include "gcm-workshop-actions.h"
#include "gcm-workshop-sessions.h"

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GcmWindow *self = GCM_WINDOW (widget);
  const char *shown = gtk_stack_get_visible_child_name (self->content_stack);

  if (g_strcmp0 (shown, "item") != 0 || !gcm_item_view_get_presentable (self->item_view))
    {
      _gcm_window_toast (self, _("Open a quiz or a procedure to present it."));
      return;
    }
  gcm_presenter_new (self->store, gcm_item_view_get_item_id (self->item_view), GTK_WINDOW (self));
}

static void
workshop_sessions_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GcmWindow *self = GCM_WINDOW (widget);

  gcm_workshop_sessions_new (self->store, GTK_WINDOW (self));
}

void
_gcm_window_class_add_workshop_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.workshop-sessions", NULL,
                                   workshop_sessions_action);
}
