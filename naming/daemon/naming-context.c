/* naming-context.c - GorbNamingContext servants over the store
 *
 * A name of several components is resolved here component by component
 * (each a store lookup) up to its last one, which the operation acts on.
 * When a component on the way is bound to a context of another daemon,
 * the rest of the name and the operation go there, through a proxy
 * (federation). Errors, as CosNaming has them:
 *
 *   NotFound { missing_node, rest }  a component is not bound; rest
 *                                     starts at it
 *   NotFound { not_context, rest }   a component before the last is bound
 *                                     to an object (or rebind_context of
 *                                     an object binding); rest starts at it
 *   NotFound { not_object, rest }    rebind of a context binding
 *   CannotProceed { cxt, rest }      the context of another daemon named
 *                                     by a component cannot be reached
 *                                     (TRANSIENT, COMM_FAILURE, TIMEOUT,
 *                                     OBJECT_NOT_EXIST): cxt is that
 *                                     context, rest what was left to
 *                                     resolve in it (the components after
 *                                     the one that names it)
 *   InvalidName                       empty name, empty id
 *   AlreadyBound, NotEmpty
 *
 * and system exceptions: BAD_PARAM for a nil reference or, for
 * bind_context, an object that is not a context; NO_PERMISSION for
 * destroy() of the root; OBJECT_NOT_EXIST for a destroyed context;
 * NO_RESOURCES when the store fails.
 */
#include "naming-context.h"

#include "naming-holds.h"
#include "naming-iterator.h"

struct _NamingServer
{
  GorbOrb *orb;       /* owned */
  NamingStore *store; /* borrowed: outlives the server */
  NamingHolds *holds; /* borrowed: outlives the server */
  guint iterator_timeout_s;
  GMainContext *main;   /* owned: where iterators' idle checks run */
  GMutex lock;          /* guards contexts */
  GHashTable *contexts; /* owned: &id (gint64) -> exported NamingContextServant */
};

struct _NamingContextServant
{
  GObject parent_instance;
  NamingServer *server; /* borrowed: outlives its servants' calls */
  gint64 id;            /* construct-only */
};

static void naming_context_servant_iface_init (GorbNamingContextInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NamingContextServant, naming_context_servant, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GORB_TYPE_NAMING_CONTEXT,
                                                      naming_context_servant_iface_init))

static void
naming_context_servant_class_init (NamingContextServantClass *klass)
{
}

static void
naming_context_servant_init (NamingContextServant *self)
{
}

gint64
naming_context_servant_get_id (NamingContextServant *self)
{
  return self->id;
}

/* ---- the server: exported contexts ---- */

NamingServer *
naming_server_new (GorbOrb *orb, NamingStore *store, NamingHolds *holds, guint iterator_timeout_s)
{
  NamingServer *server = g_new0 (NamingServer, 1);

  server->orb = g_object_ref (orb);
  server->store = store;
  server->holds = holds;
  server->iterator_timeout_s = iterator_timeout_s;
  server->main = g_main_context_ref_thread_default ();
  g_mutex_init (&server->lock);
  server->contexts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  return server;
}

void
naming_server_free (NamingServer *server)
{
  if (server == NULL)
    return;
  g_hash_table_unref (server->contexts);
  g_mutex_clear (&server->lock);
  g_main_context_unref (server->main);
  g_object_unref (server->orb);
  g_free (server);
}

/* The servant of context @id, exported (persistently) if it is not yet. */
static NamingContextServant *
dup_servant (NamingServer *server, gint64 id, GError **error)
{
  g_autoptr (NamingContextServant) servant = NULL;
  g_autoptr (GorbRef) ref = NULL;

  g_mutex_lock (&server->lock);
  servant = g_hash_table_lookup (server->contexts, &id);
  if (servant != NULL)
    {
      g_object_ref (servant);
      g_mutex_unlock (&server->lock);
      return g_steal_pointer (&servant);
    }
  servant = g_object_new (NAMING_TYPE_CONTEXT_SERVANT, NULL);
  servant->server = server;
  servant->id = id;
  ref = gorb_orb_export_persistent (server->orb, G_OBJECT (servant),
                                    naming_store_get_incarnation (server->store), (guint64) id,
                                    GORB_THREAD_POLICY_POOL, error);
  if (ref != NULL)
    g_hash_table_insert (server->contexts, g_memdup2 (&id, sizeof id), g_object_ref (servant));
  g_mutex_unlock (&server->lock);
  return ref != NULL ? g_steal_pointer (&servant) : NULL;
}

static void
forget_servant (NamingServer *server, NamingContextServant *servant)
{
  gint64 id = servant->id;

  gorb_orb_unexport (server->orb, G_OBJECT (servant));
  g_mutex_lock (&server->lock);
  g_hash_table_remove (server->contexts, &id);
  g_mutex_unlock (&server->lock);
}

/**
 * naming_server_export_all:
 *
 * Exports every context of the store; the first export binds the ORB's
 * endpoints, so this is where an endpoint in use shows.
 */
gboolean
naming_server_export_all (NamingServer *server, GError **error)
{
  g_autoptr (GArray) ids = naming_store_dup_contexts (server->store, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (NamingContextServant) servant
          = dup_servant (server, g_array_index (ids, gint64, i), error);

      if (servant == NULL)
        return FALSE;
    }
  g_debug ("exported %u contexts", ids->len);
  return TRUE;
}

GorbRef *
naming_server_dup_root_ref (NamingServer *server)
{
  g_autoptr (NamingContextServant) root = dup_servant (server, NAMING_STORE_ROOT, NULL);

  return root != NULL ? gorb_orb_dup_ref (server->orb, G_OBJECT (root), NULL) : NULL;
}

/* ---- targets: objects <-> what the store keeps ---- */

/* What the store keeps for @obj: a context of ours by number, anything
 * else by reference. */
static gboolean
target_from_object (NamingServer *server, GObject *obj, GorbNamingBindingType type,
                    NamingTarget *target, GError **error)
{
  g_autoptr (GorbRef) ref = NULL;
  GorbIncarnationId incarnation;
  guint64 number;
  gsize key_len;
  const guint8 *key;

  target->type = type;
  target->context = 0;
  target->ref = NULL;
  if (obj == NULL)
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                   "cannot bind a nil reference");
      return FALSE;
    }
  if (type == GORB_NAMING_BINDING_TYPE_NCONTEXT && !GORB_IS_NAMING_CONTEXT (obj))
    {
      g_autoptr (GorbRef) other = gorb_orb_dup_ref (server->orb, obj, NULL);

      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                   "cannot bind a '%s' as a naming context",
                   other != NULL ? gorb_ref_get_repo_id (other) : G_OBJECT_TYPE_NAME (obj));
      return FALSE;
    }
  if (NAMING_IS_CONTEXT_SERVANT (obj) && NAMING_CONTEXT_SERVANT (obj)->server == server)
    {
      target->context = NAMING_CONTEXT_SERVANT (obj)->id;
      return TRUE;
    }
  ref = gorb_orb_dup_ref (server->orb, obj, error);
  if (ref == NULL)
    return FALSE;
  key = gorb_ref_get_key (ref, &key_len);
  if (gorb_object_key_split (key, key_len, &incarnation, &number)
      && memcmp (&incarnation, naming_store_get_incarnation (server->store), sizeof incarnation)
             == 0)
    {
      target->context = (gint64) number; /* a context of ours, destroyed since */
      return TRUE;
    }
  target->ref = gorb_ref_to_string (ref);
  return TRUE;
}

/* The object a target names: our context's servant, or a proxy. A context
 * of ours that was destroyed gives a proxy whose calls get
 * OBJECT_NOT_EXIST (a dangling binding, as CosNaming allows). */
static GObject *
object_from_target (NamingServer *server, const NamingTarget *target, GError **error)
{
  g_autoptr (GorbRef) ref = NULL;

  if (target->ref == NULL)
    {
      guint8 key[GORB_OBJECT_KEY_SIZE];
      g_auto (GStrv) endpoints = NULL;

      if (naming_store_context_exists (server->store, target->context))
        {
          NamingContextServant *servant = dup_servant (server, target->context, error);
          return servant != NULL ? G_OBJECT (servant) : NULL;
        }
      gorb_object_key_make (naming_store_get_incarnation (server->store), (guint64) target->context,
                            key);
      endpoints = gorb_orb_dup_endpoints (server->orb);
      ref = gorb_ref_new (gorb_naming_context_desc.repo_id, key, sizeof key, GORB_ENCODING_CDR,
                          (const char *const *) endpoints);
      return gorb_orb_resolve (server->orb, ref, error);
    }
  ref = gorb_ref_parse (target->ref, error);
  return ref != NULL ? gorb_orb_resolve (server->orb, ref, error) : NULL;
}

/* ---- errors ---- */

/* The components of @n from @from on, borrowed. */
static GorbNamingName
rest_of (const GorbNamingName *n, guint32 from)
{
  GorbNamingName rest = { n->data + from, n->len - from };
  return rest;
}

static void
not_found (GError **error, GorbNamingNotFoundReason why, const GorbNamingName *n, guint32 at)
{
  GorbNamingName rest = rest_of (n, at);
  const GorbNamingNameComponent *c = &n->data[at];
  static const char *const whys[]
      = { "is not bound", "is not bound to a context", "is not bound to an object" };

  gorb_naming_not_found_error_set (error, why, &rest, "component %u ('%s%s%s') %s", at + 1, c->id,
                                   c->kind[0] != '\0' ? "." : "", c->kind, whys[why]);
}

static void
store_failed (GError **error, GError *store_error)
{
  g_warning ("%s", store_error->message);
  g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_NO_RESOURCES, "%s",
               store_error->message);
  g_error_free (store_error);
}

static void
context_gone (GError **error, gint64 id)
{
  g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST,
               "naming context %" G_GINT64_FORMAT " was destroyed", id);
}

/* A call forwarded to @remote failed with @remote_error: a daemon that
 * cannot be reached becomes CannotProceed; anything else (its own
 * NotFound, CannotProceed, …) goes to our caller as it is. */
static void
forward_failed (GError **error, GObject *remote, const GorbNamingName *rest, GError *remote_error)
{
  g_autofree char *reason = NULL;
  const char *endpoint = "?";

  if (remote_error->domain != GORB_SYSTEM_ERROR
      || (remote_error->code != GORB_SYSTEM_ERROR_TRANSIENT
          && remote_error->code != GORB_SYSTEM_ERROR_COMM_FAILURE
          && remote_error->code != GORB_SYSTEM_ERROR_TIMEOUT
          && remote_error->code != GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST))
    {
      g_propagate_error (error, remote_error);
      return;
    }
  if (GORB_IS_PROXY (remote))
    endpoint = gorb_ref_get_endpoint (gorb_proxy_get_ref (GORB_PROXY (remote)));
  reason = g_strdup_printf ("cannot reach the naming context at %s: %s", endpoint,
                            remote_error->message);
  gorb_naming_cannot_proceed_error_set (error, remote, rest, reason, "%s", reason);
  g_error_free (remote_error);
}

/* ---- walking a name ---- */

typedef struct
{
  gint64 context;      /* the context of ours reached, when remote is NULL */
  GObject *remote;     /* owned: a context of another daemon, or NULL */
  GorbNamingName rest; /* borrowed: what is left to do in remote */
  gint64 via;          /* the component that led to context, -1 for the first one */
} Walk;

static void
walk_clear (Walk *walk)
{
  g_clear_object (&walk->remote);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Walk, walk_clear)

/* Resolves the components of @n before its last from context @start, up
 * to a context of ours (walk->context) or to one of another daemon
 * (walk->remote, with the rest of @n for it). */
static gboolean
walk_name (NamingServer *server, gint64 start, const GorbNamingName *n, Walk *walk, GError **error)
{
  gint64 current = start;

  if (!gorb_naming_name_check (n, error))
    return FALSE;
  for (guint32 i = 0; i + 1 < n->len; i++)
    {
      g_auto (NamingTarget) target = { 0 };
      GError *store_error = NULL;

      switch (naming_store_lookup (server->store, current, &n->data[i], &target, &store_error))
        {
        case NAMING_STORE_OK:
          break;
        case NAMING_STORE_NO_CONTEXT:
          if (i == 0)
            context_gone (error, current);
          else /* bound to a context of ours that was destroyed since */
            not_found (error, GORB_NAMING_NOT_FOUND_REASON_MISSING_NODE, n, i - 1);
          return FALSE;
        case NAMING_STORE_NOT_BOUND:
          not_found (error, GORB_NAMING_NOT_FOUND_REASON_MISSING_NODE, n, i);
          return FALSE;
        default:
          store_failed (error, store_error);
          return FALSE;
        }
      if (target.type != GORB_NAMING_BINDING_TYPE_NCONTEXT)
        {
          not_found (error, GORB_NAMING_NOT_FOUND_REASON_NOT_CONTEXT, n, i);
          return FALSE;
        }
      if (target.ref == NULL)
        {
          current = target.context;
          continue;
        }
      walk->remote = object_from_target (server, &target, error);
      if (walk->remote == NULL)
        return FALSE;
      if (!GORB_IS_NAMING_CONTEXT (walk->remote))
        {
          g_clear_object (&walk->remote);
          not_found (error, GORB_NAMING_NOT_FOUND_REASON_NOT_CONTEXT, n, i);
          return FALSE;
        }
      walk->rest = rest_of (n, i + 1);
      return TRUE;
    }
  walk->context = current;
  walk->via = (gint64) n->len - 2;
  return TRUE;
}

/* The context a walk reached does not exist: the one called was destroyed
 * (OBJECT_NOT_EXIST), or a binding on the way names a destroyed one. */
static void
no_context (GError **error, const Walk *walk, const GorbNamingName *n)
{
  if (walk->via < 0)
    context_gone (error, walk->context);
  else
    not_found (error, GORB_NAMING_NOT_FOUND_REASON_MISSING_NODE, n, (guint32) walk->via);
}

static const GorbNamingNameComponent *
last_of (const GorbNamingName *n)
{
  return &n->data[n->len - 1];
}

/* The error for a store result other than OK on the last component of @n,
 * reached through @walk; @type is the binding type asked for (for
 * WRONG_TYPE). Takes @store_error (set for FAILED only). */
static void
last_failed (GError **error, NamingStoreResult result, const Walk *walk, const GorbNamingName *n,
             GorbNamingBindingType type, GError *store_error)
{
  switch (result)
    {
    case NAMING_STORE_BOUND:
      gorb_naming_already_bound_error_set (error, "component %u ('%s') is already bound", n->len,
                                           last_of (n)->id);
      break;
    case NAMING_STORE_NOT_BOUND:
      not_found (error, GORB_NAMING_NOT_FOUND_REASON_MISSING_NODE, n, n->len - 1);
      break;
    case NAMING_STORE_WRONG_TYPE:
      not_found (error,
                 type == GORB_NAMING_BINDING_TYPE_NCONTEXT
                     ? GORB_NAMING_NOT_FOUND_REASON_NOT_CONTEXT
                     : GORB_NAMING_NOT_FOUND_REASON_NOT_OBJECT,
                 n, n->len - 1);
      break;
    case NAMING_STORE_NO_CONTEXT:
      no_context (error, walk, n);
      break;
    default:
      store_failed (error, store_error);
      return;
    }
  g_clear_error (&store_error);
}

/* ---- the operations ---- */

static gboolean
do_bind (NamingContextServant *self, const GorbNamingName *n, GObject *obj,
         GorbNamingBindingType type, gboolean rebind, GError **error)
{
  g_auto (Walk) walk = { 0 };
  g_auto (NamingTarget) target = { 0 };
  GError *local_error = NULL;
  NamingStoreResult result;

  if (!target_from_object (self->server, obj, type, &target, error)
      || !walk_name (self->server, self->id, n, &walk, error))
    return FALSE;
  if (walk.remote != NULL)
    {
      GorbNamingContext *remote = GORB_NAMING_CONTEXT (walk.remote);
      gboolean ok;

      if (type == GORB_NAMING_BINDING_TYPE_NCONTEXT)
        ok = rebind ? gorb_naming_context_rebind_context (remote, &walk.rest, obj, &local_error)
                    : gorb_naming_context_bind_context (remote, &walk.rest, obj, &local_error);
      else
        ok = rebind ? gorb_naming_context_rebind (remote, &walk.rest, obj, &local_error)
                    : gorb_naming_context_bind (remote, &walk.rest, obj, &local_error);
      if (!ok)
        forward_failed (error, walk.remote, &walk.rest, local_error);
      return ok;
    }
  /* the store and the daemon's hold on the object change together */
  naming_holds_lock (self->server->holds);
  result = naming_store_bind (self->server->store, walk.context, last_of (n), &target, rebind,
                              &local_error);
  if (result == NAMING_STORE_OK)
    naming_holds_set (self->server->holds, walk.context, last_of (n)->id, last_of (n)->kind,
                      target.ref != NULL ? obj : NULL);
  naming_holds_unlock (self->server->holds);
  if (result == NAMING_STORE_OK)
    return TRUE;
  last_failed (error, result, &walk, n, type, local_error);
  return FALSE;
}

static gboolean
servant_bind (GorbNamingContext *context, const GorbNamingName *n, GObject *obj, GError **error)
{
  return do_bind (NAMING_CONTEXT_SERVANT (context), n, obj, GORB_NAMING_BINDING_TYPE_NOBJECT, FALSE,
                  error);
}

static gboolean
servant_rebind (GorbNamingContext *context, const GorbNamingName *n, GObject *obj, GError **error)
{
  return do_bind (NAMING_CONTEXT_SERVANT (context), n, obj, GORB_NAMING_BINDING_TYPE_NOBJECT, TRUE,
                  error);
}

static gboolean
servant_bind_context (GorbNamingContext *context, const GorbNamingName *n, GObject *nc,
                      GError **error)
{
  return do_bind (NAMING_CONTEXT_SERVANT (context), n, nc, GORB_NAMING_BINDING_TYPE_NCONTEXT, FALSE,
                  error);
}

static gboolean
servant_rebind_context (GorbNamingContext *context, const GorbNamingName *n, GObject *nc,
                        GError **error)
{
  return do_bind (NAMING_CONTEXT_SERVANT (context), n, nc, GORB_NAMING_BINDING_TYPE_NCONTEXT, TRUE,
                  error);
}

static GObject *
servant_resolve (GorbNamingContext *context, const GorbNamingName *n, GError **error)
{
  NamingContextServant *self = NAMING_CONTEXT_SERVANT (context);
  g_auto (Walk) walk = { 0 };
  g_auto (NamingTarget) target = { 0 };
  GError *local_error = NULL;
  NamingStoreResult result;
  GObject *object;

  if (!walk_name (self->server, self->id, n, &walk, error))
    return NULL;
  if (walk.remote != NULL)
    {
      object = gorb_naming_context_resolve (GORB_NAMING_CONTEXT (walk.remote), &walk.rest,
                                            &local_error);
      if (object == NULL)
        forward_failed (error, walk.remote, &walk.rest, local_error);
      return object;
    }
  result
      = naming_store_lookup (self->server->store, walk.context, last_of (n), &target, &local_error);
  if (result == NAMING_STORE_OK)
    return object_from_target (self->server, &target, error);
  last_failed (error, result, &walk, n, GORB_NAMING_BINDING_TYPE_NOBJECT, local_error);
  return NULL;
}

static gboolean
servant_unbind (GorbNamingContext *context, const GorbNamingName *n, GError **error)
{
  NamingContextServant *self = NAMING_CONTEXT_SERVANT (context);
  g_auto (Walk) walk = { 0 };
  GError *local_error = NULL;
  NamingStoreResult result;

  if (!walk_name (self->server, self->id, n, &walk, error))
    return FALSE;
  if (walk.remote != NULL)
    {
      if (gorb_naming_context_unbind (GORB_NAMING_CONTEXT (walk.remote), &walk.rest, &local_error))
        return TRUE;
      forward_failed (error, walk.remote, &walk.rest, local_error);
      return FALSE;
    }
  naming_holds_lock (self->server->holds);
  result = naming_store_unbind (self->server->store, walk.context, last_of (n), &local_error);
  if (result == NAMING_STORE_OK)
    naming_holds_set (self->server->holds, walk.context, last_of (n)->id, last_of (n)->kind, NULL);
  naming_holds_unlock (self->server->holds);
  if (result == NAMING_STORE_OK)
    return TRUE;
  last_failed (error, result, &walk, n, GORB_NAMING_BINDING_TYPE_NOBJECT, local_error);
  return FALSE;
}

static GObject *
servant_new_context (GorbNamingContext *context, GError **error)
{
  NamingContextServant *self = NAMING_CONTEXT_SERVANT (context);
  GError *local_error = NULL;
  gint64 id = 0;

  if (naming_store_new_context (self->server->store, &id, &local_error) != NAMING_STORE_OK)
    {
      store_failed (error, local_error);
      return NULL;
    }
  return (GObject *) dup_servant (self->server, id, error);
}

static GObject *
servant_bind_new_context (GorbNamingContext *context, const GorbNamingName *n, GError **error)
{
  NamingContextServant *self = NAMING_CONTEXT_SERVANT (context);
  g_auto (Walk) walk = { 0 };
  GError *local_error = NULL;
  NamingStoreResult result;
  GObject *object;
  gint64 id = 0;

  if (!walk_name (self->server, self->id, n, &walk, error))
    return NULL;
  if (walk.remote != NULL)
    {
      object = gorb_naming_context_bind_new_context (GORB_NAMING_CONTEXT (walk.remote), &walk.rest,
                                                     &local_error);
      if (object == NULL)
        forward_failed (error, walk.remote, &walk.rest, local_error);
      return object;
    }
  result = naming_store_bind_new_context (self->server->store, walk.context, last_of (n), &id,
                                          &local_error);
  if (result == NAMING_STORE_OK)
    return (GObject *) dup_servant (self->server, id, error);
  last_failed (error, result, &walk, n, GORB_NAMING_BINDING_TYPE_NCONTEXT, local_error);
  return NULL;
}

static gboolean
servant_destroy (GorbNamingContext *context, GError **error)
{
  NamingContextServant *self = NAMING_CONTEXT_SERVANT (context);
  GError *local_error = NULL;

  if (self->id == NAMING_STORE_ROOT)
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_NO_PERMISSION,
                   "the root context cannot be destroyed");
      return FALSE;
    }
  switch (naming_store_destroy_context (self->server->store, self->id, &local_error))
    {
    case NAMING_STORE_OK:
      forget_servant (self->server, self);
      return TRUE;
    case NAMING_STORE_NOT_EMPTY:
      gorb_naming_not_empty_error_set (
          error, "naming context %" G_GINT64_FORMAT " still has bindings", self->id);
      return FALSE;
    case NAMING_STORE_NO_CONTEXT:
      context_gone (error, self->id);
      return FALSE;
    default:
      store_failed (error, local_error);
      return FALSE;
    }
}

static gboolean
servant_list (GorbNamingContext *context, guint32 how_many, GorbNamingBindingList *bl, GObject **bi,
              GError **error)
{
  NamingContextServant *self = NAMING_CONTEXT_SERVANT (context);
  GorbNamingBindingList all = { 0 };
  GorbNamingBindingList rest = { 0 };
  GError *local_error = NULL;
  guint32 first;

  switch (naming_store_list (self->server->store, self->id, &all, &local_error))
    {
    case NAMING_STORE_OK:
      break;
    case NAMING_STORE_NO_CONTEXT:
      context_gone (error, self->id);
      return FALSE;
    default:
      store_failed (error, local_error);
      return FALSE;
    }
  first = MIN (how_many, all.len);
  *bi = NULL;
  if (first == all.len)
    {
      *bl = all;
      return TRUE;
    }
  /* Split the snapshot: the first ones in bl, the others to the iterator. */
  rest.len = all.len - first;
  rest.data = g_memdup2 (all.data + first, sizeof (GorbNamingBinding) * rest.len);
  bl->len = first;
  bl->data = first > 0 ? g_realloc_n (all.data, first, sizeof (GorbNamingBinding)) : NULL;
  if (first == 0)
    g_free (all.data);
  *bi = (GObject *) naming_iterator_servant_new (self->server->orb, self->server->main, &rest,
                                                 self->server->iterator_timeout_s, error);
  if (*bi == NULL)
    {
      gorb_value_clear (&gorb_naming_binding_list_desc, &rest);
      gorb_value_clear (&gorb_naming_binding_list_desc, bl);
      return FALSE;
    }
  return TRUE;
}

static char *
servant_to_string (GorbNamingContext *context, const GorbNamingName *n, GError **error)
{
  return gorb_naming_name_to_string (n, error);
}

static gboolean
servant_to_name (GorbNamingContext *context, const char *sn, GorbNamingName *result, GError **error)
{
  return gorb_naming_name_parse (sn, result, error);
}

static GObject *
servant_resolve_str (GorbNamingContext *context, const char *sn, GError **error)
{
  GorbNamingName n = { 0 };
  GObject *object;

  if (!gorb_naming_name_parse (sn, &n, error))
    return NULL;
  object = servant_resolve (context, &n, error);
  gorb_value_clear (&gorb_naming_name_desc, &n);
  return object;
}

static void
naming_context_servant_iface_init (GorbNamingContextInterface *iface)
{
  iface->bind = servant_bind;
  iface->rebind = servant_rebind;
  iface->bind_context = servant_bind_context;
  iface->rebind_context = servant_rebind_context;
  iface->resolve = servant_resolve;
  iface->unbind = servant_unbind;
  iface->new_context = servant_new_context;
  iface->bind_new_context = servant_bind_new_context;
  iface->destroy = servant_destroy;
  iface->list = servant_list;
  iface->to_string = servant_to_string;
  iface->to_name = servant_to_name;
  iface->resolve_str = servant_resolve_str;
}
