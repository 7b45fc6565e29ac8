/* gcm-item-view.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmItemView shows one item of any kind. The item is read, composed into Markdown and parsed
 * on a worker thread; the view only lays out the finished document. Its pictures come from the
 * store's objects/ folder through the item's media map.
 *
 * The view also keeps the user's place: it reopens an item where reading stopped, saves the
 * position a moment after scrolling stops and when another item is shown, and owns the item's
 * bookmark. The store reads and writes on its workers; the view composes the page on a thread.
 */

#define G_LOG_DOMAIN "GcmItemView"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gcm-case-facts.h"
#include "gcm-checklist-view.h"
#include "gcm-document-view.h"
#include "gcm-item-markdown.h"
#include "gcm-item-view.h"
#include "gcm-locale.h"
#include "gcm-photo-carousel.h"
#include "gcm-photo-viewer.h"
#include "gcm-print-procedure.h"

struct _GcmItemView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkLabel          *breadcrumb;
  GtkLabel          *title_label;
  GtkLabel          *summary_label;
  GcmDocumentView   *document_view;
  GtkWidget         *language_banner;
  GtkLabel          *language_label;
  GtkButton         *language_button;
  GtkWidget         *start_quiz_button;
  GtkWidget         *print_button;
  GtkWidget         *present_button;
  GtkWidget         *previous_button;
  GtkLabel          *previous_title;
  GtkWidget         *next_button;
  GtkLabel          *next_title;

  /* A case's facts and photos and a procedure's checklist, as native widgets */
  GtkWidget         *case_facts;
  GtkWidget         *photo_carousel;
  GtkWidget         *checklist_view;

  /* Owned */
  GcmStore          *store;
  GCancellable      *cancellable;
  GcmItem           *procedure;      /* the procedure shown, for item.print */
  char              *item_id;
  char              *title;
  GcmRoute          *parent_route;   /* the list the item belongs to: its chapter, or its kind */
  GStrv              highlight;
  char              *page_lang;      /* the language the reader switched this page to, or NULL */
  char              *switch_to;      /* the language the banner's button shows the page in */
  gboolean           bookmarked;
  gboolean           loaded;         /* the item exists and is shown */
  gboolean           presentable;    /* a quiz or a procedure: win.present shows it to a room */
  double             restore_to;     /* position to scroll to once laid out, or -1 */
  guint              save_source;
};

typedef struct
{
  GcmItem      *item;
  GcmDocument  *document;
  GcmItemState  state;
} LoadedItem;

typedef struct
{
  char    *objects_path;
  GcmItem *item;          /* its media map: path → sha256 */
} MediaMap;

G_DEFINE_FINAL_TYPE (GcmItemView, gcm_item_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ITEM_ID,
  PROP_TITLE,
  PROP_PARENT_ROUTE,
  PROP_FONT_SCALE,
  PROP_BOOKMARKED,
  N_PROPS
};

enum {
  LINK_ACTIVATED,
  SHOW_PHOTOS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static void
loaded_item_free (LoadedItem *item)
{
  g_clear_object (&item->item);
  g_clear_object (&item->document);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadedItem, loaded_item_free)

static void
media_map_free (MediaMap *map)
{
  g_free (map->objects_path);
  g_object_unref (map->item);
  g_free (map);
}

static GFile *
resolve_media (const char *src,
               gpointer    user_data)
{
  MediaMap *map = user_data;
  const char *sha256;
  char prefix[3];

  if (!g_str_has_prefix (src, "media:"))
    return NULL;
  sha256 = gcm_item_lookup_media (map->item, src + strlen ("media:"));
  if (sha256 == NULL || strlen (sha256) != 64)
    return NULL;
  prefix[0] = sha256[0];
  prefix[1] = sha256[1];
  prefix[2] = '\0';
  return g_file_new_build_filename (map->objects_path, prefix, sha256, NULL);
}

/* The breadcrumb above the title links to the list the item belongs to: its chapter for a
 * section, all items of its kind otherwise. */
static char *
breadcrumb_markup (GcmItem  *item,
                   GcmRoute *parent)
{
  g_autofree char *target = g_markup_escape_text (gcm_route_to_string (parent), -1);
  g_autofree char *label = NULL;
  const char *chapter_title = gcm_item_get_chapter_title (item);

  label = g_markup_escape_text (chapter_title != NULL
                                  ? chapter_title
                                  : gcm_item_kind_get_plural_label (gcm_item_get_kind (item)),
                                -1);
  return g_strdup_printf ("<a href=\"%s\">%s</a>", target, label);
}

/* An endonym: a language is named as its readers name it, never translated. */
static const char *
language_name (const char *lang)
{
  if (g_strcmp0 (lang, "ko") == 0)
    return "한국어";
  return "English";
}

/* Says when a page is not in the reader's language, and offers the other one. */
static void
update_language_banner (GcmItemView *self,
                        GcmItem     *item)
{
  const char *reader = gcm_locale_get_content_language ();
  GcmLanguageNotice notice = gcm_item_get_language_notice (item, reader);
  const char *message = NULL;
  g_autofree char *button = NULL;

  g_clear_pointer (&self->switch_to, g_free);
  switch (notice)
    {
    case GCM_LANGUAGE_NOTICE_STALE:
      message = _("The English version is newer.");
      self->switch_to = g_strdup (gcm_item_get_lang (item));
      break;
    case GCM_LANGUAGE_NOTICE_UNTRANSLATED:
      message = _("Not yet translated: this page is shown in English.");
      break;
    case GCM_LANGUAGE_NOTICE_TRANSLATED:
      self->switch_to = g_strdup (gcm_item_get_lang (item));
      break;
    case GCM_LANGUAGE_NOTICE_ORIGINAL_CHOSEN:
      self->switch_to = g_strdup (reader);
      break;
    case GCM_LANGUAGE_NOTICE_NONE:
    default:
      break;
    }

  gtk_widget_set_visible (self->language_banner, message != NULL || self->switch_to != NULL);
  gtk_label_set_text (self->language_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->language_label), message != NULL);
  gtk_widget_set_halign (GTK_WIDGET (self->language_button), message != NULL ? GTK_ALIGN_FILL : GTK_ALIGN_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->language_button), message == NULL);
  if (message != NULL)
    gtk_widget_remove_css_class (self->language_banner, "quiet");
  else
    gtk_widget_add_css_class (self->language_banner, "quiet");
  gtk_widget_set_visible (GTK_WIDGET (self->language_button), self->switch_to != NULL);
  if (self->switch_to != NULL)
    {
      /* Translators: a button above a page; %s is a language's own name, “English” or “한국어” */
      button = g_strdup_printf (_("Read in %s"), language_name (self->switch_to));
      gtk_button_set_label (self->language_button, button);
    }
}

static GcmRoute *
parent_route_of (GcmItem *item)
{
  if (gcm_item_get_chapter (item) != NULL)
    return gcm_route_new_chapter (gcm_item_get_chapter (item));
  return gcm_route_new_kind (gcm_item_get_kind (item));
}

static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

/* Returns: (transfer full) (nullable): the object, if it is still alive */
static gpointer
weak_ref_take (GWeakRef *ref)
{
  gpointer object = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return object;
}

/* The page is composed and parsed off the main thread; the item is immutable. */
static void
compose_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadedItem *loaded = task_data;
  g_autofree char *markdown = gcm_item_markdown_compose_story (loaded->item);

  loaded->document = gcm_document_new_from_markdown (markdown, -1);
  g_task_return_boolean (task, TRUE);
}

static double
current_position (GcmItemView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  /* A page that fits the window is read as soon as it is seen. */
  return range > 1 ? gtk_adjustment_get_value (adjustment) / range : 1.0;
}

/* A lost position costs the user a scroll, not data: it is logged, not shown. */
static void
progress_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gcm_store_write_finish (GCM_STORE (object), result, &error))
    g_debug ("Reading progress not saved: %s", error->message);
}

static void
save_progress (GcmItemView *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->loaded)
    return;
  gcm_store_save_progress_async (self->store, self->item_id, self->title,
                                 current_position (self), NULL, progress_saved_cb, NULL);
}

static gboolean
save_progress_cb (gpointer user_data)
{
  GcmItemView *self = user_data;

  self->save_source = 0;
  save_progress (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (GcmItemView *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add_seconds (1, save_progress_cb, self);
}

/* Runs once the new page is laid out: scrolls to the first search match, or back to where
 * reading stopped. */
static gboolean
place_page_cb (gpointer user_data)
{
  GcmItemView *self = user_data;
  GtkWidget *match = gcm_document_view_get_first_match (self->document_view);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_point_t point;

  if (match != NULL &&
      gtk_widget_compute_point (match, GTK_WIDGET (self->scroller),
                                &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (adjustment,
                              gtk_adjustment_get_value (adjustment) + point.y - 48);
  else if (self->restore_to > 0)
    gtk_adjustment_set_value (adjustment,
                              self->restore_to * (gtk_adjustment_get_upper (adjustment) -
                                                  gtk_adjustment_get_page_size (adjustment)));
  self->restore_to = -1;
  schedule_save (self);
  return G_SOURCE_REMOVE;
}

static void
set_bookmarked (GcmItemView *self,
                gboolean     bookmarked)
{
  if (self->bookmarked == bookmarked)
    return;
  self->bookmarked = bookmarked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKMARKED]);
}

static void
on_photo_activated_cb (GcmItemView *self,
                       guint        index)
{
  g_autoptr(GPtrArray) photos =
    gcm_photo_carousel_dup_viewer_photos (GCM_PHOTO_CAROUSEL (self->photo_carousel));

  g_signal_emit (self, signals[SHOW_PHOTOS], 0, photos, index);
}

/* Cases and procedures show their structured parts as widgets above the story. */
static void
show_native_parts (GcmItemView *self,
                   GcmItem     *item)
{
  GcmItemKind kind = item != NULL ? gcm_item_get_kind (item) : GCM_ITEM_KIND_SECTION;
  GtkWidget *after = GTK_WIDGET (self->summary_label);
  GtkWidget *box = gtk_widget_get_parent (after);

  if (self->case_facts == NULL)
    {
      self->case_facts = gcm_case_facts_new ();
      self->photo_carousel = gcm_photo_carousel_new ();
      g_signal_connect_object (self->photo_carousel, "photo-activated",
                               G_CALLBACK (on_photo_activated_cb), self, G_CONNECT_SWAPPED);
      self->checklist_view = gcm_checklist_view_new (self->store);
      gtk_box_insert_child_after (GTK_BOX (box), self->checklist_view, after);
      gtk_box_insert_child_after (GTK_BOX (box), self->photo_carousel, after);
      gtk_box_insert_child_after (GTK_BOX (box), self->case_facts, after);
    }
  gcm_photo_carousel_set_item (GCM_PHOTO_CAROUSEL (self->photo_carousel),
                               kind == GCM_ITEM_KIND_CASE ? item : NULL,
                               gcm_store_get_objects_path (self->store));
  gcm_case_facts_set_item (GCM_CASE_FACTS (self->case_facts), kind == GCM_ITEM_KIND_CASE ? item : NULL);
  gtk_widget_set_visible (self->case_facts, kind == GCM_ITEM_KIND_CASE);
  gcm_checklist_view_set_item (GCM_CHECKLIST_VIEW (self->checklist_view),
                               kind == GCM_ITEM_KIND_PROCEDURE ? item : NULL);
  gtk_widget_set_visible (self->checklist_view, kind == GCM_ITEM_KIND_PROCEDURE);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GcmItemView) self = weak_ref_take (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *breadcrumb = NULL;
  LoadedItem *loaded = g_task_get_task_data (G_TASK (result));
  GcmItem *item = loaded->item;
  MediaMap *map;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;   /* cancelled: a newer page is on its way */
  if (self == NULL)
    return;

  g_free (self->title);
  self->title = g_strdup (gcm_item_get_title (item));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_clear_pointer (&self->parent_route, gcm_route_unref);
  self->parent_route = parent_route_of (item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_ROUTE]);
  set_bookmarked (self, loaded->state.bookmarked);

  update_language_banner (self, item);
  breadcrumb = breadcrumb_markup (item, self->parent_route);
  gtk_label_set_markup (self->breadcrumb, breadcrumb);
  gtk_label_set_text (self->title_label, gcm_item_get_title (item));
  gtk_label_set_text (self->summary_label, gcm_item_get_summary (item));
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), gcm_item_get_summary (item)[0] != '\0');

  map = g_new0 (MediaMap, 1);
  map->objects_path = g_strdup (gcm_store_get_objects_path (self->store));
  map->item = g_object_ref (item);
  gcm_document_view_set_media_resolver (self->document_view, resolve_media, map,
                                        (GDestroyNotify) media_map_free);
  gcm_document_view_set_document (self->document_view, loaded->document);
  show_native_parts (self, item);
  gcm_document_view_set_highlight (self->document_view,
                                   (const char * const *) self->highlight);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  self->restore_to = loaded->state.position;
  self->loaded = TRUE;
  /* After the new widgets are allocated. */
  g_timeout_add_full (G_PRIORITY_LOW, 50, place_page_cb, g_object_ref (self), g_object_unref);
}

/* A quiz's page starts it; the window takes it (win.start-quiz). */
static void
show_start_quiz (GcmItemView *self,
                 GcmItem     *item)
{
  gboolean quiz = item != NULL && gcm_item_get_kind (item) == GCM_ITEM_KIND_QUIZ;

  gtk_widget_set_visible (self->start_quiz_button, quiz);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->start_quiz_button), "s",
                                    quiz ? gcm_item_get_id (item) : "");
  self->presentable = quiz || (item != NULL && gcm_item_get_kind (item) == GCM_ITEM_KIND_PROCEDURE);
  gtk_widget_set_visible (self->present_button, self->presentable);
}

/* A procedure's page prints as a checklist (item.print, Ctrl+P). */
static void
show_print (GcmItemView *self,
            GcmItem     *item)
{
  gboolean procedure = item != NULL && gcm_item_get_kind (item) == GCM_ITEM_KIND_PROCEDURE;

  g_set_object (&self->procedure, (procedure ? item : NULL));
  gtk_widget_set_visible (self->print_button, procedure);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.print", procedure);
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GcmItemView *self = GCM_ITEM_VIEW (widget);

  /* The shortcut is the window's: only the page on show prints. */
  if (self->procedure != NULL && gtk_widget_get_mapped (widget))
    gcm_print_procedure_run (widget, self->procedure, gcm_store_get_serial (self->store));
}

static void
item_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GcmItemView) self = weak_ref_take (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  LoadedItem *loaded = g_new0 (LoadedItem, 1);

  loaded->item = gcm_store_load_item_finish (GCM_STORE (object), result, &loaded->state, &error);
  if (self == NULL || loaded->item == NULL)
    loaded_item_free (loaded);
  if (self == NULL)
    return;
  show_start_quiz (self, error == NULL ? loaded->item : NULL);
  show_print (self, error == NULL ? loaded->item : NULL);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->breadcrumb, "");
      if (g_error_matches (error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND))
        {
          gtk_label_set_text (self->title_label, _("This page is no longer in the manual"));
          gtk_label_set_text (self->summary_label,
                              _("It was withdrawn by a content update. Your bookmark and notes "
                                "are kept."));
        }
      else
        {
          g_warning ("Cannot show %s: %s", self->item_id, error->message);
          gtk_label_set_text (self->title_label, _("This page could not be opened"));
          gtk_label_set_text (self->summary_label, error->message);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
      gcm_document_view_set_document (self->document_view, NULL);
      show_native_parts (self, NULL);
      return;
    }

  /* The reader switched this page to another language than the manual's. */
  if (self->page_lang != NULL && g_strcmp0 (self->page_lang, gcm_item_get_shown_lang (loaded->item)) != 0)
    {
      GcmItem *other = gcm_item_dup_localized (loaded->item, self->page_lang, NULL);
      g_object_unref (loaded->item);
      loaded->item = other;
    }

  /* The worker sees only the item, and holds no reference to the view. */
  task = g_task_new (NULL, self->cancellable, load_cb, weak_ref_new (self));
  g_task_set_source_tag (task, item_loaded_cb);
  g_task_set_task_data (task, loaded, (GDestroyNotify) loaded_item_free);
  g_task_run_in_thread (task, compose_thread);
}

static void
bookmark_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GcmItemView *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!gcm_store_write_finish (GCM_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Shown only once it is on disk. */
  if (g_strcmp0 (self->item_id, g_task_get_task_data (task)) == 0)
    set_bookmarked (self, !self->bookmarked);
  g_task_return_boolean (task, TRUE);
}

/* Callbacks */

static void
on_language_button_clicked_cb (GcmItemView *self)
{
  g_autofree char *id = g_strdup (self->item_id);
  g_auto(GStrv) highlight = g_strdupv (self->highlight);

  if (self->switch_to == NULL || id == NULL)
    return;
  g_free (self->page_lang);
  self->page_lang = g_strdup (self->switch_to);
  gcm_item_view_load (self, id, (const char * const *) highlight);
}

static void
on_scrolled_cb (GcmItemView *self)
{
  if (self->loaded && self->restore_to < 0)
    schedule_save (self);
}

/* The story's links and the breadcrumb's. */
static gboolean
on_link_activated_cb (GcmItemView *self,
                      const char  *uri)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[LINK_ACTIVATED], 0, uri, &handled);
  return handled;
}

/* GObject */

static void
gcm_item_view_dispose (GObject *object)
{
  GcmItemView *self = GCM_ITEM_VIEW (object);

  if (self->save_source != 0)
    save_progress (self);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GCM_TYPE_ITEM_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->procedure);

  G_OBJECT_CLASS (gcm_item_view_parent_class)->dispose (object);
}

static void
gcm_item_view_finalize (GObject *object)
{
  GcmItemView *self = GCM_ITEM_VIEW (object);

  g_clear_object (&self->cancellable);
  g_free (self->item_id);
  g_free (self->title);
  g_clear_pointer (&self->parent_route, gcm_route_unref);
  g_strfreev (self->highlight);
  g_free (self->page_lang);
  g_free (self->switch_to);

  G_OBJECT_CLASS (gcm_item_view_parent_class)->finalize (object);
}

static void
gcm_item_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GcmItemView *self = GCM_ITEM_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ITEM_ID:
      g_value_set_string (value, self->item_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PARENT_ROUTE:
      g_value_set_boxed (value, self->parent_route);
      break;
    case PROP_FONT_SCALE:
      g_value_set_double (value, gcm_item_view_get_font_scale (self));
      break;
    case PROP_BOOKMARKED:
      g_value_set_boolean (value, self->bookmarked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_item_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GcmItemView *self = GCM_ITEM_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_FONT_SCALE:
      gcm_item_view_set_font_scale (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_item_view_class_init (GcmItemViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gcm_item_view_dispose;
  object_class->finalize = gcm_item_view_finalize;
  object_class->get_property = gcm_item_view_get_property;
  object_class->set_property = gcm_item_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GCM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM_ID] =
    g_param_spec_string ("item-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARENT_ROUTE] =
    g_param_spec_boxed ("parent-route", NULL, NULL, GCM_TYPE_ROUTE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FONT_SCALE] =
    g_param_spec_double ("font-scale", NULL, NULL, 0.5, 3.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BOOKMARKED] =
    g_param_spec_boolean ("bookmarked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GcmItemView::link-activated:
   * @uri: the link, such as `item:manual/basel/scope` or a web address
   *
   * Returns: %TRUE when the link was handled
   */
  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  /**
   * GcmItemView::show-photos:
   * @photos: (element-type GcmViewerPhoto): a case's photos
   * @index: the one to show first
   *
   * Asks for the photo viewer over the window.
   */
  signals[SHOW_PHOTOS] =
    g_signal_new ("show-photos", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_PTR_ARRAY, G_TYPE_UINT);

  g_type_ensure (GCM_TYPE_DOCUMENT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/gcm-item-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, scroller);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, breadcrumb);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, title_label);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, document_view);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, start_quiz_button);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, print_button);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, present_button);
  gtk_widget_class_install_action (widget_class, "item.print", NULL, print_action_cb);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, previous_title);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, next_button);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, next_title);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, language_banner);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, language_label);
  gtk_widget_class_bind_template_child (widget_class, GcmItemView, language_button);
  gtk_widget_class_bind_template_callback (widget_class, on_link_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_language_button_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "itemview");
}

static void
gcm_item_view_init (GcmItemView *self)
{
  self->restore_to = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (on_scrolled_cb), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>p"),
                                                            gtk_named_action_new ("item.print")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.print", FALSE);
  }
}

/* Public API */

GtkWidget *
gcm_item_view_new (GcmStore *store)
{
  return g_object_new (GCM_TYPE_ITEM_VIEW, "store", store, NULL);
}

/**
 * gcm_item_view_load:
 * @highlight: (nullable): terms to highlight and scroll to
 *
 * Shows the item @id; a newer call cancels a load still running.
 */
void
gcm_item_view_load (GcmItemView        *self,
                    const char         *id,
                    const char * const *highlight)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GCM_IS_ITEM_VIEW (self));
  g_return_if_fail (id != NULL);

  if (self->save_source != 0)
    save_progress (self);
  self->loaded = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* A switch of language holds for the page it was made on. */
  if (g_strcmp0 (self->item_id, id) != 0)
    g_clear_pointer (&self->page_lang, g_free);
  g_free (self->item_id);
  self->item_id = g_strdup (id);
  g_strfreev (self->highlight);
  self->highlight = g_strdupv ((char **) highlight);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM_ID]);

  /* The callback holds no reference to the view: a cancelled load may outlive it. */
  gcm_store_load_item_async (self->store, id, self->cancellable, item_loaded_cb,
                             weak_ref_new (self));
}

const char *
gcm_item_view_get_item_id (GcmItemView *self)
{
  g_return_val_if_fail (GCM_IS_ITEM_VIEW (self), NULL);
  return self->item_id;
}

const char *
gcm_item_view_get_title (GcmItemView *self)
{
  g_return_val_if_fail (GCM_IS_ITEM_VIEW (self), NULL);
  return self->title;
}

double
gcm_item_view_get_font_scale (GcmItemView *self)
{
  g_return_val_if_fail (GCM_IS_ITEM_VIEW (self), 1.0);
  return gcm_document_view_get_font_scale (self->document_view);
}

void
gcm_item_view_set_font_scale (GcmItemView *self,
                              double       font_scale)
{
  g_return_if_fail (GCM_IS_ITEM_VIEW (self));

  if (G_APPROX_VALUE (font_scale, gcm_item_view_get_font_scale (self), 0.001))
    return;
  gcm_document_view_set_font_scale (self->document_view, font_scale);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_SCALE]);
}

gboolean
gcm_item_view_get_bookmarked (GcmItemView *self)
{
  g_return_val_if_fail (GCM_IS_ITEM_VIEW (self), FALSE);
  return self->bookmarked;
}

/**
 * gcm_item_view_toggle_bookmark_async:
 *
 * Bookmarks the item shown, or removes its bookmark. The write runs on a worker;
 * #GcmItemView:bookmarked changes once it has succeeded.
 */
void
gcm_item_view_toggle_bookmark_async (GcmItemView         *self,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GCM_IS_ITEM_VIEW (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, gcm_item_view_toggle_bookmark_async);
  if (!self->loaded)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("This page cannot be bookmarked."));
      return;
    }
  g_task_set_task_data (task, g_strdup (self->item_id), g_free);
  gcm_store_set_bookmark_async (self->store, self->item_id, self->title, !self->bookmarked,
                                NULL, bookmark_written_cb, g_steal_pointer (&task));
}

gboolean
gcm_item_view_toggle_bookmark_finish (GcmItemView   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * gcm_item_view_get_parent_route:
 *
 * Returns: (transfer none) (nullable): the list the item shown belongs to
 */
GcmRoute *
gcm_item_view_get_parent_route (GcmItemView *self)
{
  g_return_val_if_fail (GCM_IS_ITEM_VIEW (self), NULL);
  return self->parent_route;
}

/**
 * gcm_item_view_set_neighbours:
 * @previous_title: (nullable): the title of the page before this one in its list
 * @next_title: (nullable): the title of the page after it
 *
 * The buttons under the page say where they lead; a missing neighbour hides its button.
 */
void
gcm_item_view_set_neighbours (GcmItemView *self,
                              const char  *previous_title,
                              const char  *next_title)
{
  struct { GtkWidget *button; GtkLabel *label; const char *title; const char *format; } steps[] = {
    /* Translators: the button under a page that opens the page before it */
    { self->previous_button, self->previous_title, previous_title, _("Previous: %s") },
    /* Translators: the button under a page that opens the page after it */
    { self->next_button, self->next_title, next_title, _("Next: %s") },
  };

  g_return_if_fail (GCM_IS_ITEM_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *name = NULL;

      gtk_widget_set_visible (steps[i].button, steps[i].title != NULL);
      if (steps[i].title == NULL)
        continue;
      gtk_label_set_text (steps[i].label, steps[i].title);
      name = g_strdup_printf (steps[i].format, steps[i].title);
      gtk_widget_set_tooltip_text (steps[i].button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (steps[i].button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

/* A quiz or a procedure: the page offers to present it to a room (win.present). */
gboolean
gcm_item_view_get_presentable (GcmItemView *self)
{
  g_return_val_if_fail (GCM_IS_ITEM_VIEW (self), FALSE);
  return self->presentable;
}
