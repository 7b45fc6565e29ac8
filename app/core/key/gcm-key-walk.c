/* gcm-key-walk.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where an officer is in a decision key: the questions answered so far (the breadcrumb), then
 * either the question now asked or the outcome reached. Back undoes one answer.
 */

#define G_LOG_DOMAIN "GcmKeyWalk"

#include "config.h"

#include "gcm-key-walk.h"

typedef struct
{
  const GcmKeyNode *node;
  guint             option;
} Step;

struct _GcmKeyWalk
{
  GObject              parent_instance;

  GcmDecisionKey      *key;
  GArray              *steps;    /* (element-type Step): answered questions */
  const GcmKeyNode    *node;     /* asked now, or NULL at an outcome */
  const GcmKeyOutcome *outcome;  /* reached, or NULL */
};

G_DEFINE_FINAL_TYPE (GcmKeyWalk, gcm_key_walk, G_TYPE_OBJECT)

static void
gcm_key_walk_finalize (GObject *object)
{
  GcmKeyWalk *self = GCM_KEY_WALK (object);

  g_array_unref (self->steps);
  g_object_unref (self->key);

  G_OBJECT_CLASS (gcm_key_walk_parent_class)->finalize (object);
}

static void
gcm_key_walk_class_init (GcmKeyWalkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_key_walk_finalize;
}

static void
gcm_key_walk_init (GcmKeyWalk *self)
{
  self->steps = g_array_new (FALSE, FALSE, sizeof (Step));
}

GcmKeyWalk *
gcm_key_walk_new (GcmDecisionKey *key)
{
  GcmKeyWalk *self;

  g_return_val_if_fail (GCM_IS_DECISION_KEY (key), NULL);

  self = g_object_new (GCM_TYPE_KEY_WALK, NULL);
  self->key = g_object_ref (key);
  gcm_key_walk_restart (self);
  return self;
}

/**
 * gcm_key_walk_new_following:
 * @key: the key to walk, such as the same key in another language
 * @other: a walk of a key with the same nodes
 *
 * A walk of @key that gives @other's answers again, in order, as far as @key asks the same
 * questions (the same node ids) with the options chosen: the officer who changes the language
 * keeps the place reached.
 *
 * Returns: (transfer full): the walk
 */
GcmKeyWalk *
gcm_key_walk_new_following (GcmDecisionKey *key,
                            GcmKeyWalk     *other)
{
  GcmKeyWalk *self;

  g_return_val_if_fail (GCM_IS_DECISION_KEY (key), NULL);
  g_return_val_if_fail (GCM_IS_KEY_WALK (other), NULL);

  self = gcm_key_walk_new (key);
  for (guint i = 0; i < other->steps->len; i++)
    {
      const Step *step = &g_array_index (other->steps, Step, i);

      if (self->node == NULL || g_strcmp0 (self->node->id, step->node->id) != 0 ||
          !gcm_key_walk_choose (self, step->option))
        break;
    }
  return self;
}

GcmDecisionKey *
gcm_key_walk_get_key (GcmKeyWalk *self)
{
  g_return_val_if_fail (GCM_IS_KEY_WALK (self), NULL);
  return self->key;
}

/* The question asked now, or NULL once an outcome is reached. */
const GcmKeyNode *
gcm_key_walk_get_node (GcmKeyWalk *self)
{
  g_return_val_if_fail (GCM_IS_KEY_WALK (self), NULL);
  return self->node;
}

const GcmKeyOutcome *
gcm_key_walk_get_outcome (GcmKeyWalk *self)
{
  g_return_val_if_fail (GCM_IS_KEY_WALK (self), NULL);
  return self->outcome;
}

gboolean
gcm_key_walk_choose (GcmKeyWalk *self,
                     guint       option)
{
  const GcmKeyOption *chosen;

  g_return_val_if_fail (GCM_IS_KEY_WALK (self), FALSE);
  if (self->node == NULL || option >= self->node->n_options)
    return FALSE;

  chosen = &self->node->options[option];
  g_array_append_val (self->steps, ((Step) { self->node, option }));
  if (chosen->next != NULL)
    self->node = gcm_decision_key_get_node (self->key, chosen->next);
  else
    {
      self->node = NULL;
      self->outcome = gcm_decision_key_get_outcome (self->key, chosen->outcome);
    }
  return TRUE;
}

gboolean
gcm_key_walk_back (GcmKeyWalk *self)
{
  g_return_val_if_fail (GCM_IS_KEY_WALK (self), FALSE);
  if (self->steps->len == 0)
    return FALSE;

  self->node = g_array_index (self->steps, Step, self->steps->len - 1).node;
  self->outcome = NULL;
  g_array_set_size (self->steps, self->steps->len - 1);
  return TRUE;
}

void
gcm_key_walk_restart (GcmKeyWalk *self)
{
  g_return_if_fail (GCM_IS_KEY_WALK (self));

  g_array_set_size (self->steps, 0);
  self->node = gcm_decision_key_get_start (self->key);
  self->outcome = NULL;
}

guint
gcm_key_walk_get_n_steps (GcmKeyWalk *self)
{
  g_return_val_if_fail (GCM_IS_KEY_WALK (self), 0);
  return self->steps->len;
}

/* The question answered at @step, and in @option the answer given. */
const GcmKeyNode *
gcm_key_walk_get_step (GcmKeyWalk *self,
                       guint       step,
                       guint      *option)
{
  const Step *s;

  g_return_val_if_fail (GCM_IS_KEY_WALK (self), NULL);
  g_return_val_if_fail (step < self->steps->len, NULL);

  s = &g_array_index (self->steps, Step, step);
  if (option != NULL)
    *option = s->option;
  return s->node;
}
