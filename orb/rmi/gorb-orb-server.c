/* gorb-orb-server.c - GorbOrbServer, the server half of the ORB: its life
 * cycle and shutdown, and the exported servants by object key (the
 * listeners and the switch over arriving messages:
 * gorb-orb-server-messages.c; requests themselves: gorb-dispatch.c; the
 * at-most-once reply cache: gorb-reply-cache.c)
 *
 * Where each piece of work runs:
 *
 *  - export, unexport, lookup, dup_ref, dup_endpoints: the caller's thread
 *    (any), under @lock (a GRWLock: the listener threads only read it).
 *    The first export binds the listeners (the configured endpoints, else
 *    tcp://127.0.0.1:0); the first export whose policy needs a pool makes
 *    the pool (gorb-servant-pool.c: up to pool_threads joinable threads,
 *    started on demand, so that shutdown leaves no thread of ours behind).
 *  - reading a message, decoding its header, the reply cache check, the
 *    key and operation look-up, LOCATE_REQUEST, ACK and CANCEL, and every
 *    refusal (OBJECT_NOT_EXIST, BAD_OPERATION, NO_RESOURCES, undecodable
 *    headers): the listener thread that read it, in on_message(), which is
 *    the transport's GorbListenerFunc (gorb-orb-server-messages.c).
 *  - the servant: for GORB_THREAD_POLICY_LISTENER, on that same listener
 *    thread, called straight from on_message() with the job on its stack;
 *    its reply is written by gorb_listener_send() on that thread, at once.
 *    For POOL, on a pool thread; for SERIALIZED, on a pool thread, one
 *    call at a time per export (a pool thread that finishes one call runs
 *    the export's next waiting call itself). Their replies are queued to
 *    the listener thread by gorb_listener_send(), which wakes it.
 *  - shutdown: the caller's thread, unless it is one of ours (a servant
 *    calling gorb_orb_shutdown()): then only @stopping is set, and the
 *    blocking part (closing listeners joins their threads, draining the
 *    pool waits for its threads) is left to gorb_orb_run()'s return or to
 *    the ORB's dispose, which run elsewhere.
 *
 * Object numbers start at 1 and only grow (never reused, so a key is
 * unique in time as well as space); exporting the same servant twice
 * returns its first reference (and keeps its first policy).
 */
#include "gorb-orb-server-private.h"

#include <string.h>

static GPrivate current_server; /* the server whose listener or pool thread this is */

/* Exports */

GorbExport *
gorb_export_ref (GorbExport *export)
{
  g_atomic_ref_count_inc (&export->ref_count);
  return export;
}

void
gorb_export_unref (GorbExport *export)
{
  if (export == NULL || !g_atomic_ref_count_dec (&export->ref_count))
    return;
  g_warn_if_fail (g_queue_is_empty (&export->waiting));
  if (export->weak)
    g_weak_ref_clear (&export->weak_ref);
  else
    g_object_unref (export->servant);
  g_clear_pointer (&export->ref, gorb_ref_unref); /* the collector has none until bound */
  g_mutex_clear (&export->lock);
  g_free (export);
}

/* Counters */

void
gorb_orb_server_count (gssize *counter)
{
  g_atomic_pointer_add (counter, 1);
}

/**
 * gorb_orb_server_get_stats:
 * @server: a server
 * @stats: (out caller-allocates): its counters since it was made
 */
void
gorb_orb_server_get_stats (GorbOrbServer *server, GorbOrbServerStats *stats)
{
  g_return_if_fail (server != NULL && stats != NULL);

  stats->requests = (guint64) g_atomic_pointer_get (&server->n_requests);
  stats->duplicates = (guint64) g_atomic_pointer_get (&server->n_duplicates);
  stats->dropped = (guint64) g_atomic_pointer_get (&server->n_dropped);
  stats->expired = (guint64) g_atomic_pointer_get (&server->n_expired);
  stats->cancelled = (guint64) g_atomic_pointer_get (&server->n_cancelled);
  stats->refused = (guint64) g_atomic_pointer_get (&server->n_refused);
}

GorbReplyCache *
gorb_orb_server_get_reply_cache (GorbOrbServer *server)
{
  return server->cache;
}

/* Threads */

/* Marks the calling thread as one of @server's (listener or pool) while it
 * serves; NULL unmarks it. */
void
gorb_orb_server_mark_thread (GorbOrbServer *server)
{
  g_private_set (&current_server, server);
}

/**
 * gorb_orb_server_is_server_thread:
 * @server: a server
 *
 * Returns: %TRUE on a listener or pool thread of @server while it serves a
 *   message (where a blocking shutdown would wait for itself)
 */
gboolean
gorb_orb_server_is_server_thread (GorbOrbServer *server)
{
  return server != NULL && g_private_get (&current_server) == server;
}

/* A new export of @servant (transfer full); its key and reference are the
 * caller's to set. */
static GorbExport *
new_export (GObject *servant, const GorbSkeleton *skeleton, GorbThreadPolicy policy,
            gboolean permanent)
{
  GorbExport *export = g_new0 (GorbExport, 1);

  g_atomic_ref_count_init (&export->ref_count);
  export->servant = servant;
  export->skeleton
      = skeleton != NULL ? skeleton : gorb_skeleton_lookup_for_type (G_OBJECT_TYPE (servant));
  export->policy = policy;
  export->collectable = !permanent;
  g_mutex_init (&export->lock);
  g_queue_init (&export->waiting);
  return export;
}

/* Life cycle */

/**
 * gorb_orb_server_new:
 * @orb: the ORB that owns the server (not referenced)
 *
 * Makes the server half; it binds nothing until the first export.
 *
 * Returns: (transfer full): the server; free with gorb_orb_server_free()
 */
GorbOrbServer *
gorb_orb_server_new (GorbOrb *orb)
{
  GorbOrbServer *server = g_new0 (GorbOrbServer, 1);

  server->orb = orb;
  server->pool_threads = orb->config.pool_threads;
  server->pool_queue_max = orb->config.pool_queue_max;
  server->cache = gorb_reply_cache_new (orb->config.reply_cache_ms, orb->config.reply_cache_max);
  g_rw_lock_init (&server->lock);
  server->by_key = g_hash_table_new_full (gorb_object_key_hash, gorb_object_key_equal, NULL,
                                          (GDestroyNotify) gorb_export_unref);
  server->by_servant = g_hash_table_new (g_direct_hash, g_direct_equal);
  server->listeners = g_ptr_array_new_with_free_func (g_object_unref);
  server->initial
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) gorb_ref_unref);
  server->next_number = 1;
  server->leases
      = gorb_lease_table_new (orb->config.lease_ms, gorb_orb_config_get_dgc_pin_ms (&orb->config));
  server->weak = g_hash_table_new (g_direct_hash, g_direct_equal);
  server->collector
      = new_export (gorb_dgc_collector_servant_new (orb), NULL, GORB_THREAD_POLICY_LISTENER, TRUE);
  server->collector->builtin = TRUE;
  return server;
}

/**
 * gorb_orb_server_stop:
 * @server: a server
 *
 * Stops serving without blocking: messages that arrive from now on are
 * dropped, and queued calls are skipped. Any thread, servants included.
 */
void
gorb_orb_server_stop (GorbOrbServer *server)
{
  g_return_if_fail (server != NULL);
  g_atomic_int_set (&server->stopping, TRUE);
}

/**
 * gorb_orb_server_shutdown:
 * @server: a server
 *
 * Stops accepting requests (new messages are dropped), waits for the calls
 * running on the pool (queued ones are skipped) and ends its threads, then
 * closes the listeners (joining their threads) and drops every export.
 * Idempotent. On one of the server's own threads (a servant calling
 * gorb_orb_shutdown()) it only stops the server: it cannot wait for
 * itself; a later call from another thread finishes the job.
 *
 * The listeners close after the pool drains, not before, so that the
 * calls that were running when shutdown began still send their replies: a
 * client whose call ran should hear so rather than retransmit to a server
 * that is gone (at-most-once cannot tell it whether the call ran).
 */
void
gorb_orb_server_shutdown (GorbOrbServer *server)
{
  g_autoptr (GPtrArray) listeners = NULL;
  g_autoptr (GHashTable) by_key = NULL;
  g_autoptr (GHashTable) by_servant = NULL;
  GorbServantPool *pool;

  g_return_if_fail (server != NULL);

  gorb_orb_server_stop (server);
  if (gorb_orb_server_is_server_thread (server))
    return;
  g_rw_lock_writer_lock (&server->lock);
  if (server->shut_down)
    {
      g_rw_lock_writer_unlock (&server->lock);
      return;
    }
  server->shut_down = TRUE; /* exports fail from now on */
  pool = g_steal_pointer (&server->pool);
  g_rw_lock_writer_unlock (&server->lock);

  /* No lock held while waiting: a servant finishing its call may still
   * look an export up or unexport itself. */
  gorb_servant_pool_free (pool); /* skips what is queued, joins its threads */

  g_rw_lock_writer_lock (&server->lock);
  listeners = g_steal_pointer (&server->listeners);
  server->listeners = g_ptr_array_new_with_free_func (g_object_unref);
  g_rw_lock_writer_unlock (&server->lock);
  for (guint i = 0; i < listeners->len; i++)
    gorb_listener_close (listeners->pdata[i]);

  g_rw_lock_writer_lock (&server->lock);
  g_hash_table_remove_all (server->weak);
  by_key = g_steal_pointer (&server->by_key);
  by_servant = g_steal_pointer (&server->by_servant);
  server->by_key = g_hash_table_new_full (gorb_object_key_hash, gorb_object_key_equal, NULL,
                                          (GDestroyNotify) gorb_export_unref);
  server->by_servant = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_rw_lock_writer_unlock (&server->lock);
  {
    GHashTableIter iter;
    GorbExport *export;

    g_hash_table_iter_init (&iter, by_key);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &export))
      g_atomic_int_set (&export->unexported, TRUE);
  }
  /* the tables' autoptrs drop the exports, and so the servants, unlocked:
   * a servant's dispose may call back into the ORB */
}

static gpointer
teardown_thread_func (gpointer data)
{
  GorbOrbServer *server = data;

  gorb_orb_server_free (server); /* not a server thread: the full teardown */
  return NULL;
}

/**
 * gorb_orb_server_free:
 * @server: (transfer full) (nullable): a server
 *
 * Shuts @server down (if not done) and frees it. On one of the server's own
 * threads (the ORB's last reference dropped by a servant) the teardown
 * cannot wait for that thread, so it moves to a short-lived thread of its
 * own, which ends once the teardown is done.
 */
void
gorb_orb_server_free (GorbOrbServer *server)
{
  if (server == NULL)
    return;
  if (gorb_orb_server_is_server_thread (server))
    {
      gorb_orb_server_stop (server);
      g_thread_unref (g_thread_new ("gorb-teardown", teardown_thread_func, server));
      return;
    }
  gorb_orb_server_shutdown (server);
  g_hash_table_destroy (server->by_servant);
  g_hash_table_destroy (server->by_key);
  g_hash_table_destroy (server->initial);
  g_hash_table_destroy (server->weak);
  gorb_export_unref (server->collector);
  gorb_lease_table_free (server->leases);
  g_ptr_array_unref (server->listeners);
  g_strfreev (server->endpoints);
  gorb_reply_cache_free (server->cache);
  g_rw_lock_clear (&server->lock);
  g_free (server);
}

/* Exports */

/**
 * gorb_orb_server_export:
 * @server: a server
 * @servant: an object implementing a registered interface
 * @key: (nullable): the object key to export it under
 *   (%GORB_OBJECT_KEY_SIZE bytes), or %NULL for a new one of this ORB's
 *   incarnation
 * @policy: where its methods run
 * @error: return location for a #GError
 *
 * Exports @servant: gives it an object key (or @key), keeps a strong
 * reference to it, and binds the listeners if this is the first export.
 * Exporting an exported servant again returns its reference (its policy
 * stays the first one) if @key is %NULL or its key. Any thread.
 *
 * Errors: %GORB_SYSTEM_ERROR_BAD_PARAM if @servant implements no registered
 * interface, or if @key is in use or @servant is exported under another
 * key; %GORB_SYSTEM_ERROR_BAD_INV_ORDER after shutdown;
 * a %GORB_TRANSPORT_ERROR if an endpoint cannot be bound.
 *
 * Returns: (transfer full): the servant's reference, or %NULL on error
 */
GorbRef *
gorb_orb_server_export (GorbOrbServer *server, GObject *servant, const guint8 *key,
                        GorbThreadPolicy policy, gboolean permanent, GError **error)
{
  const GorbSkeleton *skeleton;
  GorbExport *export;
  GorbRef *ref = NULL;
  gboolean start_dgc = FALSE;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (G_IS_OBJECT (servant), NULL);
  g_return_val_if_fail ((guint) policy <= GORB_THREAD_POLICY_SERIALIZED, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  skeleton = gorb_skeleton_lookup_for_type (G_OBJECT_TYPE (servant));
  if (skeleton == NULL)
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                   "cannot export an object of type '%s': it implements no registered interface",
                   G_OBJECT_TYPE_NAME (servant));
      return NULL;
    }

  g_rw_lock_writer_lock (&server->lock);
  if (server->shut_down || g_atomic_int_get (&server->stopping))
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_INV_ORDER,
                   "cannot export an object of type '%s': the ORB is shut down",
                   G_OBJECT_TYPE_NAME (servant));
      goto out;
    }
  export = gorb_dgc_lookup_servant_locked (server, servant);
  if (export != NULL)
    {
      if (key != NULL && memcmp (key, export->key, sizeof export->key) != 0)
        g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                     "cannot export an object of type '%s' under a given key: "
                     "it is exported under another one",
                     G_OBJECT_TYPE_NAME (servant));
      else
        {
          ref = gorb_ref_ref (export->ref);
          if (export->collectable) /* handed out again: fresh, and strong */
            {
              gorb_lease_table_refresh (server->leases, export->key, g_get_monotonic_time ());
              gorb_dgc_strengthen_locked (server, export);
            }
        }
      goto out;
    }
  if (key != NULL && g_hash_table_contains (server->by_key, key))
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                   "cannot export an object of type '%s': its object key is in use",
                   G_OBJECT_TYPE_NAME (servant));
      goto out;
    }
  if (server->listeners->len == 0 && !gorb_orb_server_bind_listeners_locked (server, error))
    goto out;
  if (policy != GORB_THREAD_POLICY_LISTENER && server->pool == NULL)
    server->pool = gorb_servant_pool_new (server->pool_threads, gorb_dispatch_pool_func, server);

  export = new_export (g_object_ref (servant), skeleton, policy, permanent);
  if (key != NULL)
    memcpy (export->key, key, sizeof export->key);
  else
    gorb_object_key_make (&server->orb->incarnation, server->next_number++, export->key);
  export->ref
      = gorb_ref_new (skeleton->iface->repo_id, export->key, sizeof export->key,
                      server->orb->config.encoding, (const char *const *) server->endpoints);
  g_hash_table_insert (server->by_key, export->key, export);
  g_hash_table_insert (server->by_servant, servant, export);
  if (export->collectable)
    {
      gorb_lease_table_add (server->leases, export->key, g_get_monotonic_time ());
      start_dgc = TRUE;
    }
  ref = gorb_ref_ref (export->ref);
out:
  g_rw_lock_writer_unlock (&server->lock);
  if (start_dgc)
    gorb_dgc_start_server (server->orb->dgc);
  return ref;
}

/**
 * gorb_orb_server_unexport:
 * @server: a server
 * @servant: an exported servant
 *
 * Stops serving @servant: later requests for its key get OBJECT_NOT_EXIST
 * (calls queued for it too); a call already running finishes. The ORB's
 * reference to @servant goes once no call holds it. Any thread.
 *
 * Returns: %TRUE if @servant was exported
 */
gboolean
gorb_orb_server_unexport (GorbOrbServer *server, GObject *servant)
{
  GorbExport *export;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (G_IS_OBJECT (servant), FALSE);

  g_rw_lock_writer_lock (&server->lock);
  export = gorb_dgc_lookup_servant_locked (server, servant);
  if (export != NULL)
    gorb_dgc_remove_locked (server, export);
  g_rw_lock_writer_unlock (&server->lock);
  gorb_export_unref (export); /* unlocked: may finalize the servant */
  return export != NULL;
}

/**
 * gorb_orb_server_find_export:
 * @server: a server
 * @key: (array length=key_len): an object key from the wire
 * @key_len: its length
 * @servant: (out) (optional) (transfer full): its servant, %NULL if none
 *
 * Returns: (transfer full) (nullable): the export, or %NULL if no object
 *   with that key is exported (any thread)
 */
GorbExport *
gorb_orb_server_find_export (GorbOrbServer *server, const guint8 *key, gsize key_len,
                             GObject **servant)
{
  GorbExport *export = NULL;
  GObject *object = NULL;

  if (servant != NULL)
    *servant = NULL;
  if (key_len != GORB_OBJECT_KEY_SIZE)
    return NULL;
  g_rw_lock_reader_lock (&server->lock);
  export = g_hash_table_lookup (server->by_key, key);
  if (export == NULL && gorb_dgc_is_collector_key (server, key))
    export = server->collector;
  if (export != NULL)
    {
      /* the servant for the call: strong exports change only under the
       * write lock; a weak one's servant may be gone (then so is it) */
      object = export->weak ? g_weak_ref_get (&export->weak_ref) : g_object_ref (export->servant);
      if (object == NULL)
        export = NULL;
      else
        gorb_export_ref (export);
    }
  g_rw_lock_reader_unlock (&server->lock);
  if (servant != NULL)
    *servant = object;
  else if (object != NULL)
    g_object_unref (object);
  return export;
}

/**
 * gorb_orb_server_lookup:
 * @server: a server
 * @key: (array length=key_len): an object key
 * @key_len: its length
 *
 * Finds the servant exported under @key, for collocated calls (a reference
 * that arrives naming an object of this ORB resolves to the servant
 * itself). Any thread.
 *
 * Returns: (transfer full) (nullable): the servant, or %NULL if no object
 *   with that key is exported here
 */
GObject *
gorb_orb_server_lookup (GorbOrbServer *server, const guint8 *key, gsize key_len)
{
  GorbExport *export;
  GObject *servant;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (key != NULL || key_len == 0, NULL);

  export = gorb_orb_server_find_export (server, key, key_len, &servant);
  if (export == NULL || export->builtin)
    {
      g_clear_object (&servant); /* the collector is reached remotely, even from here */
      gorb_export_unref (export);
      return NULL;
    }
  gorb_export_unref (export);
  return servant;
}

/**
 * gorb_orb_server_dup_ref:
 * @server: a server
 * @servant: an object
 *
 * Any thread.
 *
 * Returns: (transfer full) (nullable): the reference of @servant, or %NULL
 *   if it is not exported
 */
GorbRef *
gorb_orb_server_dup_ref (GorbOrbServer *server, GObject *servant)
{
  GorbExport *export;
  GorbRef *ref = NULL;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (G_IS_OBJECT (servant), NULL);

  g_rw_lock_reader_lock (&server->lock);
  export = gorb_dgc_lookup_servant_locked (server, servant);
  if (export != NULL)
    ref = gorb_ref_ref (export->ref);
  g_rw_lock_reader_unlock (&server->lock);
  return ref;
}

/**
 * gorb_orb_server_dup_endpoints:
 * @server: a server
 *
 * Returns: (transfer full): the endpoints the listeners are bound to (the
 *   real port of a tcp://…:0 one), empty before the first export
 */
GStrv
gorb_orb_server_dup_endpoints (GorbOrbServer *server)
{
  GStrv endpoints;

  g_return_val_if_fail (server != NULL, NULL);

  g_rw_lock_reader_lock (&server->lock);
  endpoints = server->endpoints != NULL ? g_strdupv (server->endpoints) : g_new0 (char *, 1);
  g_rw_lock_reader_unlock (&server->lock);
  return endpoints;
}
