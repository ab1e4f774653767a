/* gorb-dgc-server.c - the distributed GC's side of the export tables:
 * making exports weak (collected) and strong again, reaping those whose
 * servant is gone, pinning local objects whose reference goes out, and the
 * statistics (docs/dgc.md; the export tables: gorb-orb-server.c)
 *
 * Invariant: a collectable export is weak exactly when the lease table says
 * its object is not referenced, as of the last gorb_dgc_server_apply() or
 * strengthening; weak exports are in server->weak. Lock order: the server's
 * lock, then the lease table's. No GObject is unreffed under the server's
 * lock (a finalizing servant may call back into the ORB).
 */
#include "gorb-orb-server-private.h"

#include <string.h>

G_DEFINE_INTERFACE (GorbUnreferenced, gorb_unreferenced, G_TYPE_OBJECT)

static void
gorb_unreferenced_default_init (GorbUnreferencedInterface *iface)
{
}

/**
 * gorb_unreferenced_unreferenced:
 * @self: a servant implementing #GorbUnreferenced
 *
 * Calls its unreferenced vfunc (the ORB does, once per time its object
 * becomes unreferenced).
 */
void
gorb_unreferenced_unreferenced (GorbUnreferenced *self)
{
  GorbUnreferencedInterface *iface;

  g_return_if_fail (GORB_IS_UNREFERENCED (self));
  iface = GORB_UNREFERENCED_GET_IFACE (self);
  if (iface->unreferenced != NULL)
    iface->unreferenced (self);
}

/* Locked (read or write). The export of @servant, unless it is a weak one
 * whose servant died (and @servant is a new object at the same address). */
GorbExport *
gorb_dgc_lookup_servant_locked (GorbOrbServer *server, GObject *servant)
{
  GorbExport *export = g_hash_table_lookup (server->by_servant, servant);
  GObject *live;

  if (export == NULL || !export->weak)
    return export;
  live = g_weak_ref_get (&export->weak_ref);
  if (live == NULL)
    return NULL;
  g_object_unref (live); /* the caller holds @servant == @live: not the last reference */
  return export;
}

/* Write-locked: a weak export whose object is referenced again holds its
 * servant again (if it is still alive). */
void
gorb_dgc_strengthen_locked (GorbOrbServer *server, GorbExport *export)
{
  GObject *live;

  if (!export->weak
      || !gorb_lease_table_is_referenced (server->leases, export->key, g_get_monotonic_time ()))
    return;
  live = g_weak_ref_get (&export->weak_ref);
  if (live == NULL)
    return; /* being finalized: the reaper removes it */
  g_weak_ref_clear (&export->weak_ref);
  export->servant = live;
  export->weak = FALSE;
  g_hash_table_remove (server->weak, export);
}

/* Write-locked: takes @export out of the tables (unexport, or reaped). */
void
gorb_dgc_remove_locked (GorbOrbServer *server, GorbExport *export)
{
  g_atomic_int_set (&export->unexported, TRUE);
  if (g_hash_table_lookup (server->by_servant, export->servant) == export)
    g_hash_table_remove (server->by_servant, export->servant);
  g_hash_table_remove (server->weak, export);
  if (export->collectable)
    gorb_lease_table_remove (server->leases, export->key);
  g_hash_table_steal (server->by_key, export->key);
}

/* Object number 0 of our own incarnation or of one we export persistent
 * objects under. Locked. */
gboolean
gorb_dgc_is_collector_key (GorbOrbServer *server, const guint8 *key)
{
  static const guint8 zero[8] = { 0 };

  if (memcmp (key + GORB_OBJECT_KEY_SIZE - 8, zero, 8) != 0)
    return FALSE;
  if (memcmp (key, server->orb->incarnation.bytes, sizeof server->orb->incarnation.bytes) == 0)
    return TRUE;
  /* a persistent incarnation: any export under it (rare; a scan) */
  {
    GHashTableIter iter;
    const guint8 *k;

    g_hash_table_iter_init (&iter, server->by_key);
    while (g_hash_table_iter_next (&iter, (gpointer *) &k, NULL))
      if (memcmp (k, key, GORB_OBJECT_KEY_SIZE - 8) == 0)
        return TRUE;
  }
  return FALSE;
}

/* Makes the export under @key strong again if its object is referenced:
 * after a dirty or a pin, by the thread that made it referenced. */
void
gorb_dgc_server_strengthen (GorbOrbServer *server, const guint8 *key)
{
  GorbExport *export;
  gboolean weak;

  g_rw_lock_reader_lock (&server->lock);
  export = g_hash_table_lookup (server->by_key, key);
  weak = export != NULL && export->weak;
  g_rw_lock_reader_unlock (&server->lock);
  if (!weak)
    return;
  g_rw_lock_writer_lock (&server->lock);
  export = g_hash_table_lookup (server->by_key, key);
  if (export != NULL)
    gorb_dgc_strengthen_locked (server, export);
  g_rw_lock_writer_unlock (&server->lock);
}

/* Applies the lease table's changes: exports of objects no longer
 * referenced become weak, and their servants hear unreferenced (once per
 * such change); referenced ones become strong. On the DGC thread. */
void
gorb_dgc_server_apply (GorbOrbServer *server)
{
  g_autoptr (GArray) changes = gorb_lease_table_take_changes (server->leases);
  g_autoptr (GPtrArray) notify = g_ptr_array_new ();

  for (guint i = 0; i < changes->len; i++)
    {
      const guint8 *key = (const guint8 *) changes->data + (gsize) i * GORB_OBJECT_KEY_SIZE;
      GorbExport *export;

      g_rw_lock_writer_lock (&server->lock);
      export = g_hash_table_lookup (server->by_key, key);
      if (export != NULL && export->collectable && !server->shut_down)
        {
          if (gorb_lease_table_is_referenced (server->leases, key, g_get_monotonic_time ()))
            gorb_dgc_strengthen_locked (server, export);
          else if (!export->weak)
            {
              g_weak_ref_init (&export->weak_ref, export->servant);
              g_ptr_array_add (notify, export->servant); /* our reference moves there */
              export->weak = TRUE;
              g_hash_table_add (server->weak, export);
              server->n_collected++;
            }
        }
      g_rw_lock_writer_unlock (&server->lock);
    }
  for (guint i = 0; i < notify->len; i++)
    {
      GObject *servant = notify->pdata[i];

      if (GORB_IS_UNREFERENCED (servant))
        gorb_unreferenced_unreferenced (GORB_UNREFERENCED (servant));
      g_object_unref (servant); /* may finalize it: then the export is gone */
    }
  if (notify->len > 0)
    gorb_orb_server_reap (server);
}

/**
 * gorb_orb_server_reap:
 * @server: a server
 *
 * Removes the weak exports whose servant was finalized. Any thread, no
 * lock held.
 *
 * Returns: how many were removed
 */
guint
gorb_orb_server_reap (GorbOrbServer *server)
{
  g_autoptr (GPtrArray) alive = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) dead = g_ptr_array_new_with_free_func ((GDestroyNotify) gorb_export_unref);
  GHashTableIter iter;
  GorbExport *export;

  g_rw_lock_writer_lock (&server->lock);
  g_hash_table_iter_init (&iter, server->weak);
  while (g_hash_table_iter_next (&iter, (gpointer *) &export, NULL))
    {
      GObject *live = g_weak_ref_get (&export->weak_ref);

      if (live != NULL)
        g_ptr_array_add (alive, live); /* unreffed unlocked */
      else
        g_ptr_array_add (dead, export);
    }
  for (guint i = 0; i < dead->len; i++)
    gorb_dgc_remove_locked (server, dead->pdata[i]); /* by_key's reference moves to @dead */
  g_rw_lock_writer_unlock (&server->lock);
  return dead->len;
}

/* Sweeps: expires leases and pins, applies, reaps. On the DGC thread. */
void
gorb_dgc_server_sweep (GorbOrbServer *server)
{
  gorb_lease_table_expire (server->leases, g_get_monotonic_time ());
  gorb_dgc_server_apply (server);
  gorb_orb_server_reap (server);
}

/**
 * gorb_dgc_server_dup_ref_out:
 * @server: a server
 * @servant: a local object whose reference goes out
 * @context: (nullable): the message it goes out in (%NULL: handed to the
 *   application, e.g. made into a string)
 * @error: return location for a #GError
 *
 * The reference of @servant, exported on the fly if it is not, pinned: in
 * a reply (@context names its client), until that client acknowledges the
 * request; in a request, for the pin timeout; outside a message, fresh
 * again (until the first dirty, or the pin timeout).
 *
 * Returns: (transfer full): the reference, or %NULL on error
 */
GorbRef *
gorb_dgc_server_dup_ref_out (GorbOrbServer *server, GObject *servant,
                             const GorbObjrefContext *context, GError **error)
{
  guint8 key[GORB_OBJECT_KEY_SIZE];
  gboolean collectable = FALSE, weak = FALSE;
  GorbExport *export;
  GorbRef *ref = NULL;

  g_rw_lock_reader_lock (&server->lock);
  export = gorb_dgc_lookup_servant_locked (server, servant);
  if (export != NULL)
    {
      ref = gorb_ref_ref (export->ref);
      collectable = export->collectable;
      weak = export->weak;
      memcpy (key, export->key, sizeof key);
    }
  g_rw_lock_reader_unlock (&server->lock);
  if (ref == NULL) /* exported now, fresh */
    return gorb_orb_server_export (server, servant, NULL, GORB_THREAD_POLICY_POOL, FALSE, error);
  if (!collectable)
    return ref;
  if (context == NULL)
    gorb_lease_table_refresh (server->leases, key, g_get_monotonic_time ());
  else
    gorb_lease_table_pin (server->leases, key, context->client, context->request_id,
                          g_get_monotonic_time ());
  if (weak)
    gorb_dgc_server_strengthen (server, key);
  return ref;
}

/* Counts the exports (locked read). */
void
gorb_orb_server_count_exports (GorbOrbServer *server, guint *collectable, guint *permanent,
                               guint *weak)
{
  GHashTableIter iter;
  GorbExport *export;

  *collectable = *permanent = 0;
  g_rw_lock_reader_lock (&server->lock);
  g_hash_table_iter_init (&iter, server->by_key);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &export))
    {
      if (export->collectable)
        (*collectable)++;
      else
        (*permanent)++;
    }
  *weak = g_hash_table_size (server->weak);
  g_rw_lock_reader_unlock (&server->lock);
}

/* The server half of gorb_orb_get_dgc_stats(). */
void
gorb_dgc_server_get_stats (GorbOrbServer *server, GorbOrbDgcStats *stats)
{
  GorbLeaseTableStats t;
  guint collectable, permanent, weak;

  gorb_lease_table_get_stats (server->leases, &t);
  gorb_orb_server_count_exports (server, &collectable, &permanent, &weak);
  stats->lease_ms = gorb_lease_table_get_lease_ms (server->leases);
  stats->pin_ms = gorb_lease_table_get_pin_ms (server->leases);
  stats->exported = collectable;
  stats->permanent = permanent;
  stats->unreferenced = weak;
  stats->holders = t.holders;
  stats->clients = t.clients;
  stats->pins = t.pins;
  stats->dirty_calls = t.dirty_calls;
  stats->clean_calls = t.clean_calls;
  stats->leases_granted = t.leases_granted;
  stats->leases_expired = t.leases_expired;
  stats->late_ignored = t.late_ignored;
  g_rw_lock_reader_lock (&server->lock);
  stats->collected = server->n_collected;
  g_rw_lock_reader_unlock (&server->lock);
}
