/* gorb-orb-server.c - GorbOrbServer, the server half of the ORB: exported
 * servants by object key, the listeners they are reached through, the
 * switch over arriving messages, and shutdown (requests themselves:
 * gorb-dispatch.c; the at-most-once reply cache: gorb-reply-cache.c)
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
 *    the transport's GorbListenerFunc.
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
 * Why no thread hop before a LISTENER-policy servant runs: the transport
 * hands each message to on_message() on the thread that read it from the
 * socket (gorb-transport.h), and nothing between there and the servant
 * queues work: the header is decoded in place (it borrows the frame), the
 * reply cache and export table are a mutex and a read lock taken on this
 * thread, the arguments are decoded into storage on this thread's stack,
 * and the skeleton's dispatch calls the servant directly. The reply leaves
 * by the same thread (gorb_listener_send() from the listener thread sends
 * at once), so a quick method costs no hand-off either way, as DESIGN.md
 * asks. The price is the policy's contract: such a method must not block
 * or call out, or it stalls every other request on that listener.
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
  g_object_unref (export->servant);
  gorb_ref_unref (export->ref);
  g_mutex_clear (&export->lock);
  g_free (export);
}

static guint
key_hash (gconstpointer key)
{
  const guint8 *k = key;
  guint32 h = 2166136261u;

  /* the object number (last 8 bytes) differs between the keys of one server */
  for (gsize i = GORB_OBJECT_KEY_SIZE - 8; i < GORB_OBJECT_KEY_SIZE; i++)
    h = (h ^ k[i]) * 16777619u;
  return h;
}

static gboolean
key_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, GORB_OBJECT_KEY_SIZE) == 0;
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
  server->by_key
      = g_hash_table_new_full (key_hash, key_equal, NULL, (GDestroyNotify) gorb_export_unref);
  server->by_servant = g_hash_table_new (g_direct_hash, g_direct_equal);
  server->listeners = g_ptr_array_new_with_free_func (g_object_unref);
  server->initial
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) gorb_ref_unref);
  server->next_number = 1;
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
  by_key = g_steal_pointer (&server->by_key);
  by_servant = g_steal_pointer (&server->by_servant);
  server->by_key
      = g_hash_table_new_full (key_hash, key_equal, NULL, (GDestroyNotify) gorb_export_unref);
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
  g_ptr_array_unref (server->listeners);
  g_strfreev (server->endpoints);
  gorb_reply_cache_free (server->cache);
  g_rw_lock_clear (&server->lock);
  g_free (server);
}

/* Listeners */

static void on_message (GorbListener *listener, GBytes *peer, GBytes *header_bytes, GBytes *body,
                        gpointer user_data);

/* Write-locked. Binds the configured endpoints, else the default one. */
static gboolean
bind_listeners_locked (GorbOrbServer *server, GError **error)
{
  const char *const default_endpoints[] = { GORB_ORB_CONFIG_DEFAULT_ENDPOINT, NULL };
  const char *const *endpoints = server->orb->config.endpoints != NULL
                                     ? (const char *const *) server->orb->config.endpoints
                                     : default_endpoints;
  g_autoptr (GPtrArray) listeners = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GStrvBuilder) bound = g_strv_builder_new ();

  for (guint i = 0; endpoints[i] != NULL; i++)
    {
      g_autoptr (GorbTransport) transport = gorb_transport_for_endpoint (endpoints[i], error);
      GorbListener *listener;

      if (transport == NULL)
        goto fail;
      listener = gorb_transport_listen (transport, endpoints[i], on_message, server, NULL, error);
      if (listener == NULL)
        goto fail;
      g_ptr_array_add (listeners, listener);
      g_strv_builder_add (bound, gorb_listener_get_endpoint (listener));
    }
  g_ptr_array_extend_and_steal (server->listeners, g_steal_pointer (&listeners));
  g_strfreev (server->endpoints);
  server->endpoints = g_strv_builder_end (bound);
  return TRUE;

fail:
  for (guint i = 0; i < listeners->len; i++)
    gorb_listener_close (listeners->pdata[i]);
  return FALSE;
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
                        GorbThreadPolicy policy, GError **error)
{
  const GorbSkeleton *skeleton;
  GorbExport *export;
  GorbRef *ref = NULL;

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
  export = g_hash_table_lookup (server->by_servant, servant);
  if (export != NULL)
    {
      if (key != NULL && memcmp (key, export->key, sizeof export->key) != 0)
        g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                     "cannot export an object of type '%s' under a given key: "
                     "it is exported under another one",
                     G_OBJECT_TYPE_NAME (servant));
      else
        ref = gorb_ref_ref (export->ref);
      goto out;
    }
  if (key != NULL && g_hash_table_contains (server->by_key, key))
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                   "cannot export an object of type '%s': its object key is in use",
                   G_OBJECT_TYPE_NAME (servant));
      goto out;
    }
  if (server->listeners->len == 0 && !bind_listeners_locked (server, error))
    goto out;
  if (policy != GORB_THREAD_POLICY_LISTENER && server->pool == NULL)
    server->pool = gorb_servant_pool_new (server->pool_threads, gorb_dispatch_pool_func, server);

  export = g_new0 (GorbExport, 1);
  g_atomic_ref_count_init (&export->ref_count);
  export->servant = g_object_ref (servant);
  export->skeleton = skeleton;
  export->policy = policy;
  if (key != NULL)
    memcpy (export->key, key, sizeof export->key);
  else
    gorb_object_key_make (&server->orb->incarnation, server->next_number++, export->key);
  export->ref
      = gorb_ref_new (skeleton->iface->repo_id, export->key, sizeof export->key,
                      server->orb->config.encoding, (const char *const *) server->endpoints);
  g_mutex_init (&export->lock);
  g_queue_init (&export->waiting);
  g_hash_table_insert (server->by_key, export->key, export);
  g_hash_table_insert (server->by_servant, servant, export);
  ref = gorb_ref_ref (export->ref);
out:
  g_rw_lock_writer_unlock (&server->lock);
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
  export = g_hash_table_lookup (server->by_servant, servant);
  if (export != NULL)
    {
      g_atomic_int_set (&export->unexported, TRUE);
      g_hash_table_remove (server->by_servant, servant);
      g_hash_table_steal (server->by_key, export->key);
    }
  g_rw_lock_writer_unlock (&server->lock);
  gorb_export_unref (export); /* unlocked: may finalize the servant */
  return export != NULL;
}

/**
 * gorb_orb_server_find_export:
 * @server: a server
 * @key: (array length=key_len): an object key from the wire
 * @key_len: its length
 *
 * Returns: (transfer full) (nullable): the export, or %NULL if no object
 *   with that key is exported (any thread)
 */
GorbExport *
gorb_orb_server_find_export (GorbOrbServer *server, const guint8 *key, gsize key_len)
{
  GorbExport *export = NULL;

  if (key_len != GORB_OBJECT_KEY_SIZE)
    return NULL;
  g_rw_lock_reader_lock (&server->lock);
  export = g_hash_table_lookup (server->by_key, key);
  if (export != NULL)
    gorb_export_ref (export);
  g_rw_lock_reader_unlock (&server->lock);
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

  export = gorb_orb_server_find_export (server, key, key_len);
  if (export == NULL)
    return NULL;
  servant = g_object_ref (export->servant);
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
  export = g_hash_table_lookup (server->by_servant, servant);
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

/* Messages: the listener thread */

/**
 * gorb_orb_server_encode_reply_header:
 * @request: the header of the request answered
 * @type: REPLY or LOCATE_REPLY
 * @status: the reply or locate status
 *
 * The header of an answer: same request id, the client id and epoch
 * echoed, the request's byte order and encoding (a server answers in the
 * encoding it was asked in), no deadline.
 *
 * Returns: (transfer full): the header frame
 */
GBytes *
gorb_orb_server_encode_reply_header (const GorbMessageHeader *request, GorbMessageType type,
                                     guint32 status)
{
  GorbMessageHeader reply = {
    .type = type,
    .byte_order = request->byte_order,
    .encoding = request->encoding,
    .response_expected = FALSE,
    .request_id = request->request_id,
    .client_id = request->client_id,
    .client_epoch = request->client_epoch,
    .timeout_ms = 0,
    .status = status,
  };

  return gorb_wire_encode_header (&reply);
}

static void
send_or_count (GorbOrbServer *server, GorbListener *listener, GBytes *peer, GBytes *header,
               GBytes *body)
{
  g_autoptr (GError) error = NULL;

  if (!gorb_listener_send (listener, peer, header, body, &error))
    {
      g_debug ("cannot answer on '%s': %s", gorb_listener_get_endpoint (listener), error->message);
      gorb_orb_server_count (&server->n_dropped);
    }
}

static guint32
load32 (const guint8 *p, gboolean little)
{
  guint32 v;

  memcpy (&v, p, 4);
  return little ? GUINT32_FROM_LE (v) : GUINT32_FROM_BE (v);
}

/* A header that does not decode: answer a request whose fixed part is
 * intact (so the client fails at once rather than timing out), with
 * PROTOCOL if it does not speak our protocol (unknown flag bits) or MARSHAL
 * if the tail is malformed; drop anything else. Always in CDR: nothing
 * says the flags can be trusted. */
static void
on_bad_header (GorbOrbServer *server, GorbListener *listener, GBytes *peer, GBytes *header_bytes,
               const GError *error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (header_bytes, &len);
  GorbMessageHeader request = { 0 };
  GorbMessageType type;
  guint64 request_id;
  GorbSystemError code;

  if (!gorb_wire_peek_request_id (data, len, &request_id, &type)
      || (type != GORB_MESSAGE_REQUEST && type != GORB_MESSAGE_LOCATE_REQUEST))
    {
      g_debug ("dropping a message on '%s': %s", gorb_listener_get_endpoint (listener),
               error->message);
      gorb_orb_server_count (&server->n_dropped);
      return;
    }
  /* peek checked the 40 bytes of the fixed part: the flags are at 6, the
   * client id at 16 and the epoch at 32 */
  request.byte_order = (data[6] & GORB_WIRE_FLAG_LITTLE_ENDIAN) != 0 ? GORB_BYTE_ORDER_LITTLE
                                                                     : GORB_BYTE_ORDER_BIG;
  request.encoding = GORB_ENCODING_CDR;
  request.request_id = request_id;
  memcpy (request.client_id.bytes, data + 16, sizeof request.client_id.bytes);
  request.client_epoch = load32 (data + 32, request.byte_order == GORB_BYTE_ORDER_LITTLE);
  code = g_error_matches (error, GORB_WIRE_ERROR, GORB_WIRE_ERROR_MALFORMED)
             ? GORB_SYSTEM_ERROR_MARSHAL
             : GORB_SYSTEM_ERROR_PROTOCOL;
  gorb_orb_server_count (&server->n_dropped);
  gorb_dispatch_send_system_exception (listener, peer, &request, code, GORB_COMPLETED_NO,
                                       error->message);
}

/**
 * gorb_orb_server_set_initial:
 * @server: a server
 * @name: an initial reference's name (checked by the caller)
 * @ref: (nullable): its reference, or %NULL to remove it
 *
 * Names @ref for LOCATE_REQUESTs whose key is @name. Any thread.
 */
void
gorb_orb_server_set_initial (GorbOrbServer *server, const char *name, GorbRef *ref)
{
  g_rw_lock_writer_lock (&server->lock);
  if (ref != NULL)
    g_hash_table_replace (server->initial, g_strdup (name), gorb_ref_ref (ref));
  else
    g_hash_table_remove (server->initial, name);
  g_rw_lock_writer_unlock (&server->lock);
}

/* The initial reference a locate key names, if it is one's name. */
static GorbRef *
dup_initial (GorbOrbServer *server, const guint8 *key, gsize key_len)
{
  g_autofree char *name = NULL;
  GorbRef *ref;

  if (key_len == 0 || key_len > GORB_INITIAL_REFERENCE_MAX_NAME)
    return NULL;
  name = g_strndup ((const char *) key, key_len);
  g_rw_lock_reader_lock (&server->lock);
  ref = g_hash_table_lookup (server->initial, name);
  if (ref != NULL)
    gorb_ref_ref (ref);
  g_rw_lock_reader_unlock (&server->lock);
  return ref;
}

/* LOCATE_REQUEST: OBJECT_HERE for an exported key; OBJECT_FORWARD with the
 * reference (in the request's encoding) for an initial reference's name;
 * UNKNOWN_OBJECT otherwise. */
static void
on_locate_request (GorbOrbServer *server, GorbListener *listener, GBytes *peer,
                   const GorbMessageHeader *header)
{
  GorbExport *export
      = gorb_orb_server_find_export (server, header->object_key, header->object_key_len);
  g_autoptr (GorbRef) initial = NULL;
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GBytes) body = NULL;
  guint32 status = GORB_LOCATE_OBJECT_HERE;

  if (export == NULL
      && (initial = dup_initial (server, header->object_key, header->object_key_len)) != NULL)
    {
      status = GORB_LOCATE_OBJECT_FORWARD;
      if (header->encoding == GORB_ENCODING_XML)
        {
          g_autofree char *text = gorb_ref_to_string (initial);
          body = gorb_xml_encode (&gorb_type_string, &text, "location-forward", NULL);
        }
      else
        {
          GorbCdrWriter writer;

          gorb_cdr_writer_init (&writer, header->byte_order);
          gorb_ref_write_cdr (&writer, initial);
          body = gorb_cdr_writer_steal_bytes (&writer);
        }
    }
  else if (export == NULL)
    status = GORB_LOCATE_UNKNOWN_OBJECT;
  reply = gorb_orb_server_encode_reply_header (header, GORB_MESSAGE_LOCATE_REPLY, status);
  gorb_export_unref (export);
  send_or_count (server, listener, peer, reply, body);
}

/* ACK: the header's request id, then, if the body is not empty, more of
 * them as a CDR sequence<unsigned long long> in the header's byte order
 * (one message acknowledges a batch). A body that does not decode is
 * counted and the ids read before the fault still count. */
static void
on_ack (GorbOrbServer *server, const GorbMessageHeader *header, GBytes *body)
{
  gsize len = 0;
  const guint8 *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  GorbCdrReader reader;
  guint32 n;

  gorb_reply_cache_ack (server->cache, &header->client_id, header->request_id);
  if (len == 0)
    return;
  gorb_cdr_reader_init (&reader, data, len, header->byte_order);
  if (!gorb_cdr_read_ulong (&reader, &n, NULL) || n > gorb_cdr_reader_get_remaining (&reader) / 8)
    {
      gorb_orb_server_count (&server->n_dropped);
      return;
    }
  for (guint32 i = 0; i < n; i++)
    {
      guint64 request_id;

      if (!gorb_cdr_read_ulonglong (&reader, &request_id, NULL))
        {
          gorb_orb_server_count (&server->n_dropped);
          return;
        }
      gorb_reply_cache_ack (server->cache, &header->client_id, request_id);
    }
}

static void
on_cancel (GorbOrbServer *server, const GorbMessageHeader *header)
{
  if (gorb_reply_cache_cancel (server->cache, &header->client_id, header->request_id))
    gorb_orb_server_count (&server->n_cancelled);
}

/* The GorbListenerFunc of every listener: on the listener thread. */
static void
on_message (GorbListener *listener, GBytes *peer, GBytes *header_bytes, GBytes *body,
            gpointer user_data)
{
  GorbOrbServer *server = user_data;
  g_autoptr (GError) error = NULL;
  GorbMessageHeader header;
  gsize len;
  const guint8 *data = g_bytes_get_data (header_bytes, &len);

  if (g_atomic_int_get (&server->stopping))
    {
      gorb_orb_server_count (&server->n_dropped);
      return;
    }
  gorb_orb_server_mark_thread (server);
  if (!gorb_wire_read_header (data, len, &header, &error))
    on_bad_header (server, listener, peer, header_bytes, error);
  else
    switch (header.type)
      {
      case GORB_MESSAGE_REQUEST:
        gorb_dispatch_request (server, listener, peer, header_bytes, &header, body);
        break;
      case GORB_MESSAGE_LOCATE_REQUEST:
        on_locate_request (server, listener, peer, &header);
        break;
      case GORB_MESSAGE_ACK:
        on_ack (server, &header, body);
        break;
      case GORB_MESSAGE_CANCEL:
        on_cancel (server, &header);
        break;
      case GORB_MESSAGE_REPLY:
      case GORB_MESSAGE_LOCATE_REPLY:
      default:
        gorb_orb_server_count (&server->n_dropped); /* a server is asked, not answered */
        break;
      }
  gorb_orb_server_mark_thread (NULL);
}
