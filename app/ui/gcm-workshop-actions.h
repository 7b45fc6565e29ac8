/* gcm-workshop-actions.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void _gcm_window_class_add_workshop_actions (GtkWidgetClass *widget_class);

G_END_DECLS
