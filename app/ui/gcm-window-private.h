/* gcm-window-private.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window's files share: its fields and the steps its actions take.
 */

#pragma once

#include "gcm-field-tools.h"
#include "gcm-history.h"
#include "gcm-identify-view.h"
#include "gcm-item-view.h"
#include "gcm-risk-check-view.h"
#include "gcm-search.h"
#include "gcm-sync-service.h"
#include "gcm-sync-status.h"
#include "gcm-whats-new-view.h"
#include "gcm-window.h"

G_BEGIN_DECLS

typedef struct _GcmWindowLearning GcmWindowLearning;

struct _GcmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkLabel             *content_status;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *bookmark_button;
  GtkStack             *content_stack;
  AdwStatusPage        *status_page;
  GtkLabel             *list_title;
  GtkLabel             *list_subtitle;
  GtkBox               *filter_box;
  AdwStatusPage        *list_empty;
  GtkButton            *empty_button;
  GtkListBox           *item_list;
  GcmSyncStatus        *sync_status;

  /* Owned */
  GcmStore             *store;
  GSettings            *settings;
  GcmSearch            *search;
  GCancellable         *search_cancellable;
  GCancellable         *list_cancellable;
  GCancellable         *cancellable;
  GcmItemView          *item_view;
  GcmHistory           *history;      /* the place shown, and back and forward */
  GStrv                 list_ids;     /* ids of the list last shown, for previous/next */
  GStrv                 list_titles;  /* and their titles, for the buttons that say where */
  GStrv                 highlight;    /* terms for the next item opened from search */
  GStrv                 search_terms; /* the terms of the results shown */
  char                 *filter_convention;  /* search filters from the chips; NULL for all */
  char                 *filter_kind;
  GcmRoute             *first_chapter;
  gboolean              has_content;

  /* Headquarters updates (gcm-window-sync.c) */
  GcmSyncService       *sync;         /* NULL until the bundled content is installed */
  GcmWhatsNewView      *whats_new;

  /* The field tools (gcm-window-field.c) */
  GtkListBox           *key_list;
  AdwStatusPage        *keys_empty;
  GcmIdentifyView      *identify_view;
  GcmRiskCheckView     *risk_check_view;
  GcmFieldTools        *field_tools;      /* those shown, with the titles their links need */
  GCancellable         *field_cancellable;
  char                 *identify_key_id;  /* the key the identify view walks */

  /* kind:case as a gallery of cards */
  GtkWidget            *case_gallery;

  /* A case's photos full size, over the whole window */
  GtkOverlay           *viewer_overlay;
  GtkWidget            *photo_viewer;
  GtkWidget            *viewer_return_focus;  /* (weak) where focus goes back to */

  /* Home, Review and quizzes (gcm-window-learning.c) */
  GcmWindowLearning    *learning;
};

void _gcm_window_navigate                (GcmWindow      *self,
                                          GcmRoute       *route);
void _gcm_window_show_route              (GcmWindow      *self,
                                          GcmRoute       *route);
void _gcm_window_open_item               (GcmWindow      *self,
                                          const char     *item_id);
void _gcm_window_toast                   (GcmWindow      *self,
                                          const char     *text);
void _gcm_window_update_bookmark_button  (GcmWindow      *self);
void _gcm_window_class_add_actions       (GtkWidgetClass *widget_class);

/* gcm-window-learning.c */
void     _gcm_window_class_add_learning_actions (GtkWidgetClass *widget_class);
void     _gcm_window_init_learning              (GcmWindow      *self);
void     _gcm_window_dispose_learning           (GcmWindow      *self);
gboolean _gcm_window_show_learning_route        (GcmWindow      *self,
                                                 GcmRoute       *route);

/* gcm-window-sync.c */
void _gcm_window_init_sync               (GcmWindow      *self);
void _gcm_window_set_sync_service        (GcmWindow      *self,
                                          GcmSyncService *service);
void _gcm_window_show_whats_new          (GcmWindow      *self);
void _gcm_window_check_updates           (GcmWindow      *self);
void _gcm_window_import_folder           (GcmWindow      *self);
void _gcm_window_show_preferences        (GcmWindow      *self);

/* gcm-window-field.c */
void _gcm_window_init_field              (GcmWindow      *self);
void _gcm_window_dispose_field           (GcmWindow      *self);
void _gcm_window_finalize_field          (GcmWindow      *self);
void _gcm_window_show_field_tool         (GcmWindow      *self,
                                          GcmRoute       *route);
gboolean _gcm_window_field_takes_key     (GcmWindow      *self,
                                          guint           keyval);

G_END_DECLS
