/* gorb-skeleton.c - the skeleton registry: repository id -> GorbSkeleton,
 * and the two questions the ORB asks it (which skeleton serves a servant of
 * this GType; which skeleton defines this operation)
 *
 * Invariants: skeletons are static data and never unregistered, so a
 * pointer handed out stays valid for the life of the process. The table is
 * guarded by a GRWLock: look-ups (every request that reaches an inherited
 * operation) take it shared, registration (once per interface) exclusive.
 * No skeleton callback (get_iface_type may register types, and so other
 * skeletons) is ever called with the lock held.
 */
#include "gorb-skeleton.h"

#include <string.h>

/* The same bound as gorb-interface.c's walks: a cyclic hand-made descriptor
 * ends the search instead of the stack. */
#define SKELETON_MAX_DEPTH 64

static GRWLock registry_lock;
static GHashTable *registry; /* owned: repo id (borrowed) -> const GorbSkeleton * */
static GPtrArray *order;     /* owned: the skeletons in registration order */

/**
 * gorb_skeleton_register:
 * @skeleton: (transfer none): a skeleton, static data that outlives the
 *   process's use of gorb
 *
 * Makes @skeleton known by its interface's repository id. Registering the
 * same skeleton again does nothing; registering a different skeleton for a
 * repository id that already has one is a programmer error (the first one
 * stays). Any thread.
 */
void
gorb_skeleton_register (const GorbSkeleton *skeleton)
{
  const GorbSkeleton *old;

  g_return_if_fail (skeleton != NULL);
  g_return_if_fail (skeleton->iface != NULL && skeleton->iface->repo_id != NULL);
  g_return_if_fail (skeleton->get_iface_type != NULL && skeleton->dispatch != NULL);

  g_rw_lock_writer_lock (&registry_lock);
  if (registry == NULL)
    {
      registry = g_hash_table_new (g_str_hash, g_str_equal);
      order = g_ptr_array_new ();
    }
  old = g_hash_table_lookup (registry, skeleton->iface->repo_id);
  if (old == NULL)
    {
      g_hash_table_insert (registry, (gpointer) skeleton->iface->repo_id, (gpointer) skeleton);
      g_ptr_array_add (order, (gpointer) skeleton);
    }
  g_rw_lock_writer_unlock (&registry_lock);
  if (old != NULL && old != skeleton)
    g_critical ("%s: another skeleton is already registered for '%s'", G_STRFUNC,
                skeleton->iface->repo_id);
}

/**
 * gorb_skeleton_lookup:
 * @repo_id: a repository id ("IDL:Demo/PersonList:1.0")
 *
 * Any thread.
 *
 * Returns: (transfer none) (nullable): the skeleton registered for
 *   @repo_id, or %NULL
 */
const GorbSkeleton *
gorb_skeleton_lookup (const char *repo_id)
{
  const GorbSkeleton *skeleton = NULL;

  g_return_val_if_fail (repo_id != NULL, NULL);

  g_rw_lock_reader_lock (&registry_lock);
  if (registry != NULL)
    skeleton = g_hash_table_lookup (registry, repo_id);
  g_rw_lock_reader_unlock (&registry_lock);
  return skeleton;
}

/* A copy of the registration order, so that callbacks run unlocked. */
static const GorbSkeleton **
snapshot (guint *n)
{
  const GorbSkeleton **copy = NULL;

  g_rw_lock_reader_lock (&registry_lock);
  *n = order != NULL ? order->len : 0;
  if (*n > 0)
    copy = g_memdup2 (order->pdata, *n * sizeof (gpointer));
  g_rw_lock_reader_unlock (&registry_lock);
  return copy;
}

/**
 * gorb_skeleton_lookup_for_type:
 * @servant_type: the GType of a servant
 *
 * Finds how to dispatch calls to a servant: among the registered skeletons
 * whose GInterface @servant_type implements, the most derived one (a
 * skeleton whose IDL interface has none of the others' as a descendant).
 * If several unrelated interfaces qualify, the one registered first wins,
 * so the answer does not depend on hash order. Any thread.
 *
 * Returns: (transfer none) (nullable): the skeleton, or %NULL if
 *   @servant_type implements no registered interface
 */
const GorbSkeleton *
gorb_skeleton_lookup_for_type (GType servant_type)
{
  g_autofree const GorbSkeleton **all = NULL;
  g_autoptr (GPtrArray) candidates = g_ptr_array_new ();
  guint n;

  g_return_val_if_fail (servant_type != G_TYPE_INVALID, NULL);

  all = snapshot (&n);
  for (guint i = 0; i < n; i++)
    if (g_type_is_a (servant_type, all[i]->get_iface_type ()))
      g_ptr_array_add (candidates, (gpointer) all[i]);
  for (guint i = 0; i < candidates->len; i++)
    {
      const GorbSkeleton *c = candidates->pdata[i];
      gboolean most_derived = TRUE;

      for (guint j = 0; j < candidates->len && most_derived; j++)
        {
          const GorbSkeleton *d = candidates->pdata[j];

          if (d != c && gorb_interface_is_a (d->iface, c->iface->repo_id))
            most_derived = FALSE; /* d derives from c */
        }
      if (most_derived)
        return c;
    }
  return NULL;
}

static const GorbSkeleton *
find_defining (const GorbSkeleton *skeleton, const char *operation, const GorbOperationDesc **op,
               guint depth)
{
  const GorbInterfaceDesc *iface = skeleton->iface;

  if (depth >= SKELETON_MAX_DEPTH)
    return NULL;
  for (guint i = 0; i < iface->n_operations; i++)
    if (strcmp (iface->operations[i].name, operation) == 0)
      {
        *op = &iface->operations[i];
        return skeleton;
      }
  for (guint i = 0; i < iface->n_parents; i++)
    {
      const GorbSkeleton *parent = gorb_skeleton_lookup (iface->parents[i]->repo_id);
      const GorbSkeleton *found;

      if (parent == NULL)
        continue; /* a parent nobody can dispatch to: its operations are unknown here */
      found = find_defining (parent, operation, op, depth + 1);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * gorb_skeleton_lookup_for_operation:
 * @skeleton: the skeleton of an exported servant
 * @operation: an operation name as the wire carries it
 * @op: (out) (optional): the operation's descriptor
 *
 * Finds the skeleton that dispatches @operation for a servant served by
 * @skeleton: @skeleton itself if its interface defines @operation, else the
 * registered skeleton of the parent interface that does (depth first, in
 * the order the parents are listed, as gorb_interface_find_operation()).
 * A parent interface without a registered skeleton is skipped. Any thread.
 *
 * Returns: (transfer none) (nullable): the skeleton, or %NULL if no
 *   registered skeleton in @skeleton's ancestry defines @operation
 */
const GorbSkeleton *
gorb_skeleton_lookup_for_operation (const GorbSkeleton *skeleton, const char *operation,
                                    const GorbOperationDesc **op)
{
  const GorbOperationDesc *found_op = NULL;
  const GorbSkeleton *found;

  g_return_val_if_fail (skeleton != NULL, NULL);
  g_return_val_if_fail (operation != NULL, NULL);

  found = find_defining (skeleton, operation, &found_op, 0);
  if (op != NULL)
    *op = found_op;
  return found;
}
