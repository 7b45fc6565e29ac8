/* gcm-history.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmHistory is the window's back and forward, as in a web browser, with one rule of its own:
 * typing in search refines one search, so a search that follows a search replaces it instead
 * of adding a step per key. It knows nothing of widgets, so it is tested without a display.
 */

#define G_LOG_DOMAIN "GcmHistory"

#include "config.h"

#include "gcm-history.h"

struct _GcmHistory
{
  GObject    parent_instance;

  GcmRoute  *current;   /* NULL before the first place */
  GPtrArray *back;      /* (element-type GcmRoute), the last one is the latest */
  GPtrArray *forward;   /* (element-type GcmRoute), the last one is the next */
};

G_DEFINE_FINAL_TYPE (GcmHistory, gcm_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_FORWARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify_steps (GcmHistory *self,
              gboolean    could_go_back,
              gboolean    could_go_forward)
{
  if (could_go_back != gcm_history_can_go_back (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  if (could_go_forward != gcm_history_can_go_forward (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_FORWARD]);
}

static gboolean
is_search (GcmRoute *route)
{
  return route != NULL && gcm_route_get_route_type (route) == GCM_ROUTE_SEARCH;
}

/* Moves the current place onto @from and the latest place of @to into current. */
static GcmRoute *
step (GcmHistory *self,
      GPtrArray  *from,
      GPtrArray  *to)
{
  gboolean could_go_back = gcm_history_can_go_back (self);
  gboolean could_go_forward = gcm_history_can_go_forward (self);

  if (to->len == 0)
    return NULL;
  if (self->current != NULL)
    g_ptr_array_add (from, self->current);
  self->current = g_ptr_array_steal_index (to, to->len - 1);
  notify_steps (self, could_go_back, could_go_forward);
  return self->current;
}

static void
gcm_history_finalize (GObject *object)
{
  GcmHistory *self = GCM_HISTORY (object);

  g_clear_pointer (&self->current, gcm_route_unref);
  g_ptr_array_unref (self->back);
  g_ptr_array_unref (self->forward);

  G_OBJECT_CLASS (gcm_history_parent_class)->finalize (object);
}

static void
gcm_history_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GcmHistory *self = GCM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, gcm_history_can_go_back (self));
      break;
    case PROP_CAN_GO_FORWARD:
      g_value_set_boolean (value, gcm_history_can_go_forward (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_history_class_init (GcmHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gcm_history_finalize;
  object_class->get_property = gcm_history_get_property;

  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_FORWARD] =
    g_param_spec_boolean ("can-go-forward", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gcm_history_init (GcmHistory *self)
{
  self->back = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_route_unref);
  self->forward = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_route_unref);
}

GcmHistory *
gcm_history_new (void)
{
  return g_object_new (GCM_TYPE_HISTORY, NULL);
}

/**
 * gcm_history_get_current:
 *
 * Returns: (transfer none) (nullable): the place shown
 */
GcmRoute *
gcm_history_get_current (GcmHistory *self)
{
  g_return_val_if_fail (GCM_IS_HISTORY (self), NULL);
  return self->current;
}

/**
 * gcm_history_push:
 *
 * Makes @route the current place. The place it leaves can be gone back to, unless it was a
 * search and @route is a search too; the forward steps are dropped. The same place again
 * changes nothing.
 */
void
gcm_history_push (GcmHistory *self,
                  GcmRoute   *route)
{
  gboolean could_go_back, could_go_forward;

  g_return_if_fail (GCM_IS_HISTORY (self));
  g_return_if_fail (route != NULL);

  if (gcm_route_equal (self->current, route))
    return;

  could_go_back = gcm_history_can_go_back (self);
  could_go_forward = gcm_history_can_go_forward (self);
  if (self->current != NULL && !(is_search (self->current) && is_search (route)))
    g_ptr_array_add (self->back, gcm_route_ref (self->current));
  g_clear_pointer (&self->current, gcm_route_unref);
  self->current = gcm_route_ref (route);
  g_ptr_array_set_size (self->forward, 0);
  notify_steps (self, could_go_back, could_go_forward);
}

/**
 * gcm_history_go_back:
 *
 * Returns: (transfer none) (nullable): the place now current, or %NULL when there was none
 *   to go back to
 */
GcmRoute *
gcm_history_go_back (GcmHistory *self)
{
  g_return_val_if_fail (GCM_IS_HISTORY (self), NULL);
  return step (self, self->forward, self->back);
}

/**
 * gcm_history_go_forward:
 *
 * Returns: (transfer none) (nullable): the place now current, or %NULL when there was none
 *   to go forward to
 */
GcmRoute *
gcm_history_go_forward (GcmHistory *self)
{
  g_return_val_if_fail (GCM_IS_HISTORY (self), NULL);
  return step (self, self->back, self->forward);
}

gboolean
gcm_history_can_go_back (GcmHistory *self)
{
  g_return_val_if_fail (GCM_IS_HISTORY (self), FALSE);
  return self->back->len > 0;
}

gboolean
gcm_history_can_go_forward (GcmHistory *self)
{
  g_return_val_if_fail (GCM_IS_HISTORY (self), FALSE);
  return self->forward->len > 0;
}
