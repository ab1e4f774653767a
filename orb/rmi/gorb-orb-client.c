/* gorb-orb-client.c - GorbOrbClient, the client half of an ORB: one proxy per
 * remote object (weakly, by object key), resolving references (to proxies,
 * or to the servant itself when it lives in this ORB), the references of
 * local objects, and the object-reference hooks the codecs call
 *
 * Invariants: the proxy table maps an object key to a GWeakRef on the one
 * live proxy for it; an entry whose proxy died is replaced by the next
 * resolve or removed by that proxy's finalize, whichever comes first. The
 * table's mutex is never held while a GObject is made or dropped (a proxy's
 * finalize takes it). Each calling thread's connections live in
 * gorb-client-conn.c; this half only owns the GorbClientLife they share.
 */
#include "gorb-orb-client-private.h"
#include "gorb-dgc-private.h"
#include "gorb-objref.h"

#include <string.h>

struct _GorbOrbClient
{
  GorbOrb *orb;            /* not owned: the ORB owns the client */
  GorbClientLife *life;    /* owned reference */
  guint64 next_request_id; /* atomic */
  GMutex lock;             /* guards proxies */
  GHashTable *proxies;     /* owned: object key (GBytes) -> owned GWeakRef * on the proxy */
};

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/**
 * gorb_orb_client_new:
 * @orb: the ORB that owns the client (not referenced); its id and epoch
 *   are set
 *
 * Returns: (transfer full): the client half; free with gorb_orb_client_free()
 */
GorbOrbClient *
gorb_orb_client_new (GorbOrb *orb)
{
  GorbOrbClient *client = g_new0 (GorbOrbClient, 1);

  client->orb = orb;
  client->life = gorb_client_life_new (&orb->id, orb->epoch);
  client->next_request_id = 1;
  g_mutex_init (&client->lock);
  client->proxies = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                           (GDestroyNotify) g_bytes_unref, weak_ref_free);
  return client;
}

/**
 * gorb_orb_client_shutdown:
 * @client: a client half
 *
 * Refuses new calls (%GORB_SYSTEM_ERROR_BAD_INV_ORDER) and closes the
 * calling thread's connections; its async calls in flight fail with
 * %GORB_SYSTEM_ERROR_BAD_INV_ORDER. Other threads' connections are closed
 * by their threads (at their next call through any ORB, when their last
 * call in flight completes, or when they exit), never from here: a channel
 * belongs to its thread, and closing it under a call in flight would pull
 * the socket from under that call. Idempotent; any thread.
 */
void
gorb_orb_client_shutdown (GorbOrbClient *client)
{
  g_return_if_fail (client != NULL);

  g_atomic_int_set (&client->life->alive, FALSE);
  gorb_client_conn_close_all (client->life);
}

/**
 * gorb_orb_client_free:
 * @client: a client half, shut down
 */
void
gorb_orb_client_free (GorbOrbClient *client)
{
  if (client == NULL)
    return;
  gorb_orb_client_shutdown (client);
  g_hash_table_unref (client->proxies);
  g_mutex_clear (&client->lock);
  gorb_client_life_unref (client->life);
  g_free (client);
}

guint64
gorb_orb_client_next_request_id (GorbOrbClient *client)
{
  return __atomic_fetch_add (&client->next_request_id, 1, __ATOMIC_RELAXED);
}

GorbClientLife *
gorb_orb_client_get_life (GorbOrbClient *client)
{
  return client->life;
}

/* Proxies */

/* The live proxy in @client's table for @key, if any. (transfer full) */
static GObject *
lookup_proxy (GorbOrbClient *client, GBytes *key)
{
  GWeakRef *weak;
  GObject *proxy = NULL;

  g_mutex_lock (&client->lock);
  weak = g_hash_table_lookup (client->proxies, key);
  if (weak != NULL)
    proxy = g_weak_ref_get (weak);
  g_mutex_unlock (&client->lock);
  return proxy;
}

static GType
proxy_type_for (const char *repo_id)
{
  const GorbSkeleton *skeleton = gorb_skeleton_lookup (repo_id);
  GType type;

  if (skeleton == NULL || skeleton->get_proxy_type == NULL)
    return GORB_TYPE_PROXY;
  type = skeleton->get_proxy_type ();
  if (!g_type_is_a (type, GORB_TYPE_PROXY))
    {
      g_critical ("the proxy type '%s' registered for '%s' is not a GorbProxy", g_type_name (type),
                  repo_id);
      return GORB_TYPE_PROXY;
    }
  return type;
}

/* The one proxy of @client for @ref's object, made if none is alive. */
static GObject *
dup_proxy (GorbOrbClient *client, GorbRef *ref)
{
  gsize key_len;
  const guint8 *key_data = gorb_ref_get_key (ref, &key_len);
  g_autoptr (GBytes) key = g_bytes_new (key_data, key_len);
  GObject *proxy = lookup_proxy (client, key);
  GObject *made, *other = NULL;
  GWeakRef *weak;

  if (proxy != NULL)
    return proxy;
  made = g_object_new (proxy_type_for (gorb_ref_get_repo_id (ref)), "orb", client->orb, "ref", ref,
                       NULL);
  g_mutex_lock (&client->lock);
  weak = g_hash_table_lookup (client->proxies, key);
  if (weak != NULL)
    other = g_weak_ref_get (weak); /* another thread was quicker */
  if (other == NULL)
    {
      weak = g_new0 (GWeakRef, 1);
      g_weak_ref_init (weak, made);
      g_hash_table_replace (client->proxies, g_steal_pointer (&key), weak);
    }
  g_mutex_unlock (&client->lock);
  if (other != NULL)
    {
      g_object_unref (made); /* outside the lock: its finalize takes it */
      return other;
    }
  /* the one proxy for this object: it holds a lease (a dirty is queued),
   * and its finalize lets go (a clean) */
  gorb_proxy_set_dgc_registered (GORB_PROXY (made));
  gorb_dgc_register (client->orb->dgc, ref);
  return made;
}

/* From GorbProxy's finalize: drops @proxy's entry unless a newer proxy for
 * the same key has replaced it meanwhile. */
void
gorb_orb_client_forget_proxy (GorbOrbClient *client, GorbProxy *proxy)
{
  gsize key_len;
  const guint8 *key_data = gorb_ref_get_key (gorb_proxy_get_ref (proxy), &key_len);
  g_autoptr (GBytes) key = g_bytes_new_static (key_data, key_len);
  GWeakRef *weak;
  GObject *live = NULL;

  g_mutex_lock (&client->lock);
  weak = g_hash_table_lookup (client->proxies, key);
  if (weak != NULL)
    {
      live = g_weak_ref_get (weak); /* NULL for @proxy: weak refs are cleared before dispose */
      if (live == NULL)
        g_hash_table_remove (client->proxies, key);
    }
  g_mutex_unlock (&client->lock);
  g_clear_object (&live);
  if (gorb_proxy_get_dgc_registered (proxy))
    gorb_dgc_unregister (client->orb->dgc, gorb_proxy_get_ref (proxy));
}

/**
 * gorb_orb_resolve:
 * @self: an ORB
 * @ref: a reference
 * @error: return location for a #GError
 *
 * The object @ref names, for calls: the servant itself if it is exported
 * by @self (a collocated object: calls are plain C calls), otherwise the
 * proxy for it, of the proxy class registered for its repository id
 * (gorb_skeleton_register()) or a plain #GorbProxy. While a proxy is
 * alive, resolving a reference to the same object (the same object key)
 * gives that same proxy; once it is gone, a new one. Nothing is sent.
 *
 * Errors: %GORB_SYSTEM_ERROR_BAD_INV_ORDER after gorb_orb_shutdown().
 *
 * Returns: (transfer full): a servant or a proxy, or %NULL on error
 */
GObject *
gorb_orb_resolve (GorbOrb *self, GorbRef *ref, GError **error)
{
  GObject *servant;
  gsize key_len;
  const guint8 *key;

  g_return_val_if_fail (GORB_IS_ORB (self), NULL);
  g_return_val_if_fail (ref != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_atomic_int_get (&self->client->life->alive))
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_INV_ORDER,
                   "cannot resolve a reference to '%s': the ORB was shut down",
                   gorb_ref_get_repo_id (ref));
      return NULL;
    }
  /* Collocated: an object this ORB exports, under one of its own keys or
   * a persistent one (gorb_orb_export_persistent()). A key of ours whose
   * object was unexported meanwhile gives a proxy, whose calls get
   * OBJECT_NOT_EXIST. */
  key = gorb_ref_get_key (ref, &key_len);
  servant = gorb_orb_server_lookup (self->server, key, key_len);
  if (servant != NULL)
    return servant;
  return dup_proxy (self->client, ref);
}

/**
 * gorb_orb_resolve_string:
 * @self: an ORB
 * @text: a stringified reference (`gorb:IDL:…;key=…;enc=…;ep=…`)
 * @error: return location for a #GError
 *
 * Parses @text and resolves it as gorb_orb_resolve() does.
 *
 * Errors: %GORB_REF_ERROR_SYNTAX or %GORB_REF_ERROR_INVALID if @text is not
 * a reference; those of gorb_orb_resolve().
 *
 * Returns: (transfer full): a servant or a proxy, or %NULL on error
 */
GObject *
gorb_orb_resolve_string (GorbOrb *self, const char *text, GError **error)
{
  g_autoptr (GorbRef) ref = NULL;

  g_return_val_if_fail (GORB_IS_ORB (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ref = gorb_ref_parse (text, error);
  return ref != NULL ? gorb_orb_resolve (self, ref, error) : NULL;
}

/**
 * gorb_orb_dup_ref:
 * @self: an ORB
 * @object: a proxy, or a local servant
 * @error: return location for a #GError
 *
 * The reference that names @object: a proxy's own reference (whichever
 * ORB made it), or that of a servant, which is exported on the fly with
 * %GORB_THREAD_POLICY_POOL if it is not exported yet (as when a servant is
 * passed as an argument).
 *
 * Errors: those of gorb_orb_export() (%GORB_SYSTEM_ERROR_BAD_PARAM for an
 * object that implements no registered interface,
 * %GORB_SYSTEM_ERROR_BAD_INV_ORDER after shutdown, …).
 *
 * Returns: (transfer full): the reference, or %NULL on error
 */
/* The reference of @object, going out in the message @context names
 * (%NULL: to the application): a proxy's defers its clean for the pin
 * timeout, a local object's is pinned (gorb_dgc_server_dup_ref_out()). */
static GorbRef *
dup_ref_out (GorbOrb *self, GObject *object, const GorbObjrefContext *context, GError **error)
{
  if (GORB_IS_PROXY (object))
    {
      GorbRef *ref = gorb_proxy_get_ref (GORB_PROXY (object));

      if (gorb_proxy_get_dgc_registered (GORB_PROXY (object)))
        gorb_dgc_sent (self->dgc, ref);
      return gorb_ref_ref (ref);
    }
  return gorb_dgc_server_dup_ref_out (self->server, object, context, error);
}

GorbRef *
gorb_orb_dup_ref (GorbOrb *self, GObject *object, GError **error)
{

  g_return_val_if_fail (GORB_IS_ORB (self), NULL);
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return dup_ref_out (self, object, NULL, error);
}

/**
 * gorb_orb_object_to_string:
 * @self: an ORB
 * @object: a proxy, or a local servant
 * @error: return location for a #GError
 *
 * The stringified form of gorb_orb_dup_ref()'s reference: one line that
 * gorb_orb_resolve_string() in any process turns back into the object.
 *
 * Errors: those of gorb_orb_dup_ref().
 *
 * Returns: (transfer full): the `gorb:` string, or %NULL on error
 */
char *
gorb_orb_object_to_string (GorbOrb *self, GObject *object, GError **error)
{
  g_autoptr (GorbRef) ref = NULL;

  g_return_val_if_fail (GORB_IS_ORB (self), NULL);
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ref = gorb_orb_dup_ref (self, object, error);
  return ref != NULL ? gorb_ref_to_string (ref) : NULL;
}

/* The object-reference hooks: plain (data is the ORB: references in a
 * request, or decoded from one) or with a context (data is a
 * GorbObjrefContext: a reply encoded, or decoded) */

static GorbRef *
hook_dup_ref (GorbOrb *orb, const GorbObjrefContext *context, GObject *object, GError **error)
{
  /* a request: pinned for the pin timeout, not "fresh" */
  static const GorbObjrefContext in_request = { 0 };

  return dup_ref_out (orb, object, context != NULL ? context : &in_request, error);
}

static GObject *
hook_resolve (GorbOrb *orb, const GorbObjrefContext *context, GorbRef *ref, GError **error)
{
  GObject *object = gorb_orb_resolve (orb, ref, error);

  if (object != NULL && context != NULL && context->acking && GORB_IS_PROXY (object))
    gorb_dgc_ack (orb->dgc, ref, context->request_id); /* after the dirty it queued */
  return object;
}

static gboolean
write_cdr (GorbOrb *orb, const GorbObjrefContext *context, GorbCdrWriter *writer, GObject *object,
           GError **error)
{
  g_autoptr (GorbRef) ref = hook_dup_ref (orb, context, object, error);

  if (ref == NULL)
    return FALSE;
  gorb_ref_write_cdr (writer, ref);
  return TRUE;
}

static gboolean
read_cdr (GorbOrb *orb, const GorbObjrefContext *context, GorbCdrReader *reader, GObject **object,
          GError **error)
{
  g_autoptr (GorbRef) ref = NULL;

  if (!gorb_ref_read_cdr (reader, &ref, error))
    return FALSE;
  if (ref == NULL)
    {
      *object = NULL;
      return TRUE;
    }
  *object = hook_resolve (orb, context, ref, error);
  return *object != NULL;
}

static char *
to_string (GorbOrb *orb, const GorbObjrefContext *context, GObject *object, GError **error)
{
  g_autoptr (GorbRef) ref = hook_dup_ref (orb, context, object, error);

  return ref != NULL ? gorb_ref_to_string (ref) : NULL;
}

static GObject *
from_string (GorbOrb *orb, const GorbObjrefContext *context, const char *text, GError **error)
{
  g_autoptr (GorbRef) ref = gorb_ref_parse (text, error);

  return ref != NULL ? hook_resolve (orb, context, ref, error) : NULL;
}

static gboolean
hook_write_cdr (gpointer data, GorbCdrWriter *writer, GObject *object, GError **error)
{
  return write_cdr (data, NULL, writer, object, error);
}

static gboolean
hook_read_cdr (gpointer data, GorbCdrReader *reader, GObject **object, GError **error)
{
  return read_cdr (data, NULL, reader, object, error);
}

static char *
hook_to_string (gpointer data, GObject *object, GError **error)
{
  return to_string (data, NULL, object, error);
}

static GObject *
hook_from_string (gpointer data, const char *text, GError **error)
{
  return from_string (data, NULL, text, error);
}

static const GorbObjrefHooks orb_hooks = {
  hook_write_cdr,
  hook_read_cdr,
  hook_to_string,
  hook_from_string,
};

static gboolean
context_write_cdr (gpointer data, GorbCdrWriter *writer, GObject *object, GError **error)
{
  const GorbObjrefContext *context = data;
  return write_cdr (context->orb, context, writer, object, error);
}

static gboolean
context_read_cdr (gpointer data, GorbCdrReader *reader, GObject **object, GError **error)
{
  const GorbObjrefContext *context = data;
  return read_cdr (context->orb, context, reader, object, error);
}

static char *
context_to_string (gpointer data, GObject *object, GError **error)
{
  const GorbObjrefContext *context = data;
  return to_string (context->orb, context, object, error);
}

static GObject *
context_from_string (gpointer data, const char *text, GError **error)
{
  const GorbObjrefContext *context = data;
  return from_string (context->orb, context, text, error);
}

static const GorbObjrefHooks context_hooks = {
  context_write_cdr,
  context_read_cdr,
  context_to_string,
  context_from_string,
};

/**
 * gorb_orb_push_objref_context:
 * @context: (transfer none): the ORB and the message, on the caller's stack
 *
 * As gorb_orb_push_objref_hooks(), for a reply (see #GorbObjrefContext).
 */
void
gorb_orb_push_objref_context (GorbObjrefContext *context)
{
  gorb_objref_hooks_push (&context_hooks, context);
}

void
gorb_orb_pop_objref_context (GorbObjrefContext *context)
{
  gpointer data = NULL;

  g_return_if_fail (gorb_objref_hooks_get (&data) == &context_hooks && data == context);
  gorb_objref_hooks_pop ();
}

/**
 * gorb_orb_push_objref_hooks:
 * @orb: an ORB
 *
 * Until the matching gorb_orb_pop_objref_hooks(), object references in
 * values marshalled on the calling thread go through @orb: an object
 * becomes gorb_orb_dup_ref()'s reference (a servant is exported on the
 * fly), a reference becomes gorb_orb_resolve()'s object.
 */
void
gorb_orb_push_objref_hooks (GorbOrb *orb)
{
  gorb_objref_hooks_push (&orb_hooks, orb);
}

void
gorb_orb_pop_objref_hooks (GorbOrb *orb)
{
  gpointer data = NULL;

  g_return_if_fail (gorb_objref_hooks_get (&data) == &orb_hooks && data == orb);
  gorb_objref_hooks_pop ();
}

static gboolean
check_initial_name (const char *name, GError **error)
{
  gsize len = strlen (name);

  if (len == 0 || len > GORB_INITIAL_REFERENCE_MAX_NAME || !g_utf8_validate (name, len, NULL))
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                   "'%s' is not an initial reference's name (1 to %d bytes of UTF-8)", name,
                   GORB_INITIAL_REFERENCE_MAX_NAME);
      return FALSE;
    }
  return TRUE;
}

/**
 * gorb_orb_set_initial_reference:
 * @self: an ORB
 * @name: the name clients will ask for (1 to
 *   %GORB_INITIAL_REFERENCE_MAX_NAME bytes of UTF-8), e.g. "NameService"
 * @ref: (nullable): the reference to hand out, or %NULL to stop handing
 *   one out under @name
 * @error: return location for a #GError
 *
 * Makes this ORB's server answer gorb_orb_dup_initial_reference() for
 * @name, from any client that reaches one of its endpoints, with @ref
 * (usually an object it exports, which binds the endpoints; otherwise
 * nothing answers until something is exported). Setting a name again
 * replaces its reference. Any thread.
 *
 * Errors: %GORB_SYSTEM_ERROR_BAD_PARAM for a bad @name.
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_orb_set_initial_reference (GorbOrb *self, const char *name, GorbRef *ref, GError **error)
{
  g_return_val_if_fail (GORB_IS_ORB (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_initial_name (name, error))
    return FALSE;
  gorb_orb_server_set_initial (self->server, name, ref);
  return TRUE;
}

/**
 * gorb_orb_dup_initial_reference:
 * @self: an ORB
 * @endpoint: a server's endpoint (`tcp://host:port`, `ipc://path`, …)
 * @name: the initial reference's name, e.g. "NameService"
 * @error: return location for a #GError
 *
 * Asks the server at @endpoint for the reference it hands out under @name
 * (gorb_orb_set_initial_reference()): one LOCATE_REQUEST whose object key
 * is @name, answered with OBJECT_FORWARD and the reference. Blocks for at
 * most the ORB's call timeout. The reference is returned, not resolved.
 *
 * Errors: %GORB_SYSTEM_ERROR_BAD_PARAM for a bad @name;
 * %GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST if the server hands out nothing
 * under @name; %GORB_SYSTEM_ERROR_INV_OBJREF for an endpoint no transport
 * handles; %GORB_SYSTEM_ERROR_TIMEOUT or %GORB_SYSTEM_ERROR_TRANSIENT if
 * the server does not answer; those of gorb_proxy_ping().
 *
 * Returns: (transfer full): the reference, or %NULL on error
 */
GorbRef *
gorb_orb_dup_initial_reference (GorbOrb *self, const char *endpoint, const char *name,
                                GError **error)
{
  const char *endpoints[] = { endpoint, NULL };
  g_autoptr (GorbRef) ref = NULL;
  g_autoptr (GorbProxy) proxy = NULL;
  g_autoptr (GError) local_error = NULL;
  GorbRef *forward = NULL;

  g_return_val_if_fail (GORB_IS_ORB (self), NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_initial_name (name, error))
    return NULL;
  if (!g_atomic_int_get (&self->client->life->alive))
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_INV_ORDER,
                   "cannot ask %s for '%s': the ORB was shut down", endpoint, name);
      return NULL;
    }
  /* A proxy of its own, outside the proxy table: the name is a key of
   * every server that hands out an initial reference under it. */
  ref = gorb_ref_new ("IDL:omg.org/CORBA/Object:1.0", (const guint8 *) name, strlen (name),
                      self->config.encoding, endpoints);
  proxy = g_object_new (GORB_TYPE_PROXY, "orb", self, "ref", ref, NULL);
  if (!gorb_proxy_locate (proxy, &forward, &local_error))
    {
      if (g_error_matches (local_error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST))
        g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST,
                     "%s hands out no initial reference '%s'", endpoint, name);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    "cannot ask %s for '%s': ", endpoint, name);
      return NULL;
    }
  if (forward == NULL)
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST,
                   "%s hands out no initial reference '%s' (it has an object under that key)",
                   endpoint, name);
      return NULL;
    }
  return forward;
}
