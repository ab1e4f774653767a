/* gorb-naming-client.c - libgorb-naming's helpers: the daemon found by
 * reference, endpoint or $GORB_NAMING; names in their string form; the
 * checked resolve; mkdir -p, list through the iterator, rm -r
 *
 * Every helper parses its name here (gorb_naming_name_parse()), so a bad
 * name fails before anything is sent, with the byte it failed at, and then
 * makes the generated binding's calls (naming.h), which work on a proxy and
 * on a local servant alike. The service's errors come back in naming.h's
 * domains unchanged; the helpers' own are GORB_NAMING_ERROR codes.
 */
#include "gorb-naming.h"

#include <string.h>

#define LIST_BATCH 256           /* bindings per list() and next_n() */
#define MAX_TREE_DEPTH 256       /* contexts below one another that rm -r follows */
#define PROBE_ID "gorb-rm-probe" /* see bound_as_context() */

typedef GorbNamingName Name; /* a typedef of a struct: a name for g_auto */

static void
name_clear (Name *name)
{
  gorb_value_clear (&gorb_naming_name_desc, name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Name, name_clear)

/* The binding must be registered before a reference arrives, or the ORB
 * would make a plain GorbProxy of it. */
static void
ensure_types (void)
{
  g_type_ensure (GORB_TYPE_NAMING_CONTEXT);
  g_type_ensure (GORB_TYPE_NAMING_BINDING_ITERATOR);
}

/* The repository id @object answers to: its reference's for a proxy, that
 * of the most derived registered interface it implements for a local
 * servant; %NULL if there is none. */
static const char *
object_repo_id (GObject *object)
{
  const GorbSkeleton *skeleton;

  if (GORB_IS_PROXY (object))
    return gorb_ref_get_repo_id (gorb_proxy_get_ref (GORB_PROXY (object)));
  skeleton = gorb_skeleton_lookup_for_type (G_OBJECT_TYPE (object));
  return skeleton != NULL ? skeleton->iface->repo_id : NULL;
}

/* Takes @object (transfer full) and returns it as a context, or sets
 * NOT_A_CONTEXT naming @what and unrefs it. */
static GorbNamingContext *
as_context (GObject *object, const char *what, GError **error)
{
  const char *repo_id;

  if (object == NULL)
    return NULL;
  if (GORB_IS_NAMING_CONTEXT (object))
    return GORB_NAMING_CONTEXT (object);
  repo_id = object_repo_id (object);
  g_set_error (error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_NOT_A_CONTEXT,
               "'%s' is %s%s, not a naming context (%s)", what,
               repo_id != NULL ? "an object of " : "an object of no known interface",
               repo_id != NULL ? repo_id : "", gorb_naming_context_desc.repo_id);
  g_object_unref (object);
  return NULL;
}

/**
 * gorb_naming_connect:
 * @orb: the ORB to call through
 * @where: (nullable): a `gorb:` reference to a context, an endpoint of a
 *   gorb-naming daemon, or %NULL: the ORB's configured naming service
 *   (`--gorb-naming`, $GORB_NAMING), else GORB_NAMING_DEFAULT_ENDPOINT
 * @error: return location for a #GError
 *
 * The root context of a daemon. A reference is resolved without sending
 * anything; an endpoint is asked for its GORB_NAMING_INITIAL_NAME at once,
 * so an unreachable daemon is reported here (within the ORB's call timeout).
 *
 * Errors: GORB_REF_ERROR for a reference that does not parse; those of
 * gorb_orb_dup_initial_reference() (GORB_SYSTEM_ERROR_TIMEOUT,
 * _TRANSIENT, …) for an endpoint; GORB_NAMING_ERROR_NOT_A_CONTEXT if the
 * reference names something else.
 *
 * Returns: (transfer full): the context, a proxy
 */
GorbNamingContext *
gorb_naming_connect (GorbOrb *orb, const char *where, GError **error)
{
  GObject *object;

  g_return_val_if_fail (GORB_IS_ORB (orb), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_types ();
  if (where == NULL || *where == '\0')
    where = gorb_orb_get_config (orb)->naming;
  if (where == NULL || *where == '\0')
    where = g_getenv (GORB_NAMING_ENV); /* an ORB made from a config that did not read it */
  if (where == NULL || *where == '\0')
    where = GORB_NAMING_DEFAULT_ENDPOINT;

  if (g_str_has_prefix (where, "gorb:"))
    object = gorb_orb_resolve_string (orb, where, error);
  else
    {
      g_autoptr (GorbRef) ref = NULL;

      ref = gorb_orb_dup_initial_reference (orb, where, GORB_NAMING_INITIAL_NAME, error);
      if (ref == NULL)
        {
          g_prefix_error (error, "no naming service at '%s': ", where);
          return NULL;
        }
      object = gorb_orb_resolve (orb, ref, error);
    }
  return as_context (object, where, error);
}

/* Resolves a parsed name; a nil binding is an error. */
static GObject *
resolve_name (GorbNamingContext *context, const Name *name, const char *text, GError **error)
{
  GError *local_error = NULL;
  GObject *object = gorb_naming_context_resolve (context, name, &local_error);

  if (local_error != NULL)
    {
      g_clear_object (&object);
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (object == NULL)
    g_set_error (error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_FAILED,
                 "'%s' is bound to a nil reference", text);
  return object;
}

/**
 * gorb_naming_resolve_path:
 * @context: where @name starts
 * @name: a name in string form ("demo/people/friends.list")
 * @error: return location for a #GError
 *
 * The object bound to @name: a proxy, or the servant itself if it lives in
 * this process.
 *
 * Errors: GORB_NAMING_INVALID_NAME_ERROR (the name does not parse: nothing
 * was sent), GORB_NAMING_NOT_FOUND_ERROR, GORB_NAMING_CANNOT_PROCEED_ERROR,
 * GORB_SYSTEM_ERROR; GORB_NAMING_ERROR_FAILED for a nil binding.
 *
 * Returns: (transfer full): the object, or %NULL on error
 */
GObject *
gorb_naming_resolve_path (GorbNamingContext *context, const char *name, GError **error)
{
  g_auto (Name) parsed = { 0 };

  g_return_val_if_fail (GORB_IS_NAMING_CONTEXT (context), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!gorb_naming_name_parse (name, &parsed, error))
    return NULL;
  return resolve_name (context, &parsed, name, error);
}

/* The length of "IDL:Demo/PersonList" in "IDL:Demo/PersonList:1.0": the
 * repository id without its version. */
static gsize
unversioned_length (const char *repo_id)
{
  const char *colon = strrchr (repo_id, ':');

  return colon != NULL && colon != repo_id ? (gsize) (colon - repo_id) : strlen (repo_id);
}

/* Whether @object may be used as an @expected: the same repository id, or
 * an interface known here that derives from it; for a local servant,
 * whether it implements @expected's GInterface. */
static gboolean
check_repo_id (GObject *object, const char *expected, const char *name, GError **error)
{
  const char *actual = object_repo_id (object);
  const GorbSkeleton *skeleton;

  if (actual != NULL && strcmp (actual, expected) == 0)
    return TRUE;
  if (!GORB_IS_PROXY (object))
    {
      skeleton = gorb_skeleton_lookup (expected);
      if (skeleton != NULL && g_type_is_a (G_OBJECT_TYPE (object), skeleton->get_iface_type ()))
        return TRUE;
    }
  else if (actual != NULL && (skeleton = gorb_skeleton_lookup (actual)) != NULL
           && gorb_interface_is_a (skeleton->iface, expected))
    return TRUE;

  if (actual == NULL)
    g_set_error (error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_TYPE_MISMATCH,
                 "'%s' is bound to an object of no known interface (a %s), not %s", name,
                 G_OBJECT_TYPE_NAME (object), expected);
  else if (unversioned_length (actual) == unversioned_length (expected)
           && strncmp (actual, expected, unversioned_length (actual)) == 0)
    g_set_error (error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_TYPE_MISMATCH,
                 "'%s' is bound to an object of %s, not %s: another version of the interface", name,
                 actual, expected);
  else
    g_set_error (error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_TYPE_MISMATCH,
                 "'%s' is bound to an object of %s, not %s", name, actual, expected);
  return FALSE;
}

/**
 * gorb_naming_resolve_repo_id:
 * @context: where @name starts
 * @name: a name in string form
 * @repo_id: the repository id the caller expects ("IDL:Demo/PersonList:1.0")
 * @error: return location for a #GError
 *
 * As gorb_naming_resolve_path(), checked to be an object of @repo_id: its
 * repository id must be @repo_id, or that of an interface registered in
 * this process that derives from it (versions included). For tools that
 * have a repository id but no GType; C clients use
 * gorb_naming_resolve_typed().
 *
 * Errors: those of gorb_naming_resolve_path();
 * GORB_NAMING_ERROR_TYPE_MISMATCH naming both repository ids (and saying
 * so when only the versions differ).
 *
 * Returns: (transfer full): the object, or %NULL on error
 */
GObject *
gorb_naming_resolve_repo_id (GorbNamingContext *context, const char *name, const char *repo_id,
                             GError **error)
{
  g_autoptr (GObject) object = NULL;

  g_return_val_if_fail (repo_id != NULL, NULL);

  object = gorb_naming_resolve_path (context, name, error);
  if (object == NULL || !check_repo_id (object, repo_id, name, error))
    return NULL;
  return g_steal_pointer (&object);
}

/**
 * gorb_naming_resolve_typed:
 * @context: where @name starts
 * @name: a name in string form
 * @type: an interface type generated by gorb-idlc (DEMO_TYPE_PERSON_LIST)
 * @error: return location for a #GError
 *
 * The binder's version check: the object bound to @name, which must be of
 * @type's repository id (or of an interface known here deriving from it):
 * a different interface, or another version of the same one, is an error,
 * never a proxy that would fail on its first call.
 *
 * Errors: those of gorb_naming_resolve_repo_id().
 *
 * Returns: (transfer full) (type GObject): an object implementing @type,
 *   or %NULL on error
 */
gpointer
gorb_naming_resolve_typed (GorbNamingContext *context, const char *name, GType type, GError **error)
{
  const GorbSkeleton *skeleton;
  g_autoptr (GObject) object = NULL;

  g_return_val_if_fail (G_TYPE_IS_INTERFACE (type), NULL);
  skeleton = gorb_skeleton_lookup_for_type (type);
  g_return_val_if_fail (skeleton != NULL && skeleton->get_iface_type () == type, NULL);

  object = gorb_naming_resolve_repo_id (context, name, skeleton->iface->repo_id, error);
  if (object == NULL)
    return NULL;
  if (!G_TYPE_CHECK_INSTANCE_TYPE (object, type))
    {
      /* the right id, but the proxy was made before @type was registered */
      g_set_error (error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_TYPE_MISMATCH,
                   "'%s' is bound to an object of %s, but its proxy here is a %s, not a %s", name,
                   object_repo_id (object), G_OBJECT_TYPE_NAME (object), g_type_name (type));
      return NULL;
    }
  return g_steal_pointer (&object);
}

/* bind, rebind, bind_context, rebind_context, unbind */
typedef enum
{
  OP_BIND,
  OP_REBIND,
  OP_BIND_CONTEXT,
  OP_REBIND_CONTEXT,
  OP_UNBIND,
} BindOp;

static gboolean
bind_op (GorbNamingContext *context, const char *name, GObject *object, BindOp op, GError **error)
{
  g_auto (Name) parsed = { 0 };

  g_return_val_if_fail (GORB_IS_NAMING_CONTEXT (context), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (object == NULL || G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!gorb_naming_name_parse (name, &parsed, error))
    return FALSE;
  switch (op)
    {
    case OP_BIND:
      return gorb_naming_context_bind (context, &parsed, object, error);
    case OP_REBIND:
      return gorb_naming_context_rebind (context, &parsed, object, error);
    case OP_BIND_CONTEXT:
      return gorb_naming_context_bind_context (context, &parsed, object, error);
    case OP_REBIND_CONTEXT:
      return gorb_naming_context_rebind_context (context, &parsed, object, error);
    case OP_UNBIND:
      return gorb_naming_context_unbind (context, &parsed, error);
    }
  g_return_val_if_reached (FALSE);
}

/**
 * gorb_naming_bind_path:
 * @context: where @name starts
 * @name: a name in string form
 * @object: a proxy, or a servant of this process (exported on the fly)
 * @error: return location for a #GError
 *
 * Binds @name, which must not be bound yet, to @object (an object binding:
 * names are not resolved through it even if it is a context; see
 * gorb_naming_bind_context_path()).
 *
 * Errors: GORB_NAMING_INVALID_NAME_ERROR, _NOT_FOUND_ERROR (a context on
 * the way is missing), _CANNOT_PROCEED_ERROR, _ALREADY_BOUND_ERROR,
 * GORB_SYSTEM_ERROR.
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_naming_bind_path (GorbNamingContext *context, const char *name, GObject *object,
                       GError **error)
{
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  return bind_op (context, name, object, OP_BIND, error);
}

/**
 * gorb_naming_rebind_path:
 *
 * As gorb_naming_bind_path(), replacing an object binding of @name if
 * there is one. Errors: as gorb_naming_bind_path(), AlreadyBound excepted.
 */
gboolean
gorb_naming_rebind_path (GorbNamingContext *context, const char *name, GObject *object,
                         GError **error)
{
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  return bind_op (context, name, object, OP_REBIND, error);
}

/**
 * gorb_naming_bind_context_path:
 * @context: where @name starts
 * @name: a name in string form
 * @target: a context, of this daemon or another (federation)
 * @error: return location for a #GError
 *
 * Binds @name to @target as a context: names through @name are then
 * resolved in @target. With @rebind, replaces a context binding of @name.
 *
 * Errors: as gorb_naming_bind_path().
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_naming_bind_context_path (GorbNamingContext *context, const char *name,
                               GorbNamingContext *target, gboolean rebind, GError **error)
{
  g_return_val_if_fail (GORB_IS_NAMING_CONTEXT (target), FALSE);
  return bind_op (context, name, G_OBJECT (target), rebind ? OP_REBIND_CONTEXT : OP_BIND_CONTEXT,
                  error);
}

/**
 * gorb_naming_unbind_path:
 *
 * Removes the binding of @name (not the object or context it names).
 * Errors: GORB_NAMING_INVALID_NAME_ERROR, _NOT_FOUND_ERROR,
 * _CANNOT_PROCEED_ERROR, GORB_SYSTEM_ERROR.
 */
gboolean
gorb_naming_unbind_path (GorbNamingContext *context, const char *name, GError **error)
{
  return bind_op (context, name, NULL, OP_UNBIND, error);
}

/* Resolves the one-component name @component in @context, as a context. */
static GorbNamingContext *
resolve_context (GorbNamingContext *context, const Name *name, const char *text, GError **error)
{
  return as_context (resolve_name (context, name, text, error), text, error);
}

/**
 * gorb_naming_mkdir_path:
 * @context: where @name starts
 * @name: a name in string form
 * @parents: make missing contexts on the way too, and accept an existing
 *   context at @name (mkdir -p)
 * @error: return location for a #GError
 *
 * A new context of the daemon of @name's parent, bound to @name. With
 * @parents, one call when only the last component is missing, one more
 * per missing context; another client making the same contexts at the same
 * time is no error.
 *
 * Errors: GORB_NAMING_INVALID_NAME_ERROR, _NOT_FOUND_ERROR (without
 * @parents: a context on the way is missing; with: a component on the way
 * is bound to an object), _ALREADY_BOUND_ERROR (without @parents),
 * _CANNOT_PROCEED_ERROR, GORB_SYSTEM_ERROR;
 * GORB_NAMING_ERROR_NOT_A_CONTEXT if, with @parents, @name is bound to an
 * object.
 *
 * Returns: (transfer full): the context at @name, or %NULL on error
 */
GorbNamingContext *
gorb_naming_mkdir_path (GorbNamingContext *context, const char *name, gboolean parents,
                        GError **error)
{
  g_auto (Name) parsed = { 0 };
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GorbNamingContext) current = NULL;
  const GorbNamingNotFound *not_found;
  GObject *made;
  guint32 first_missing;

  g_return_val_if_fail (GORB_IS_NAMING_CONTEXT (context), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!gorb_naming_name_parse (name, &parsed, error))
    return NULL;
  ensure_types ();
  made = gorb_naming_context_bind_new_context (context, &parsed, &local_error);
  if (local_error == NULL)
    return as_context (made, name, error);
  g_clear_object (&made);
  if (!parents)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (g_error_matches (local_error, GORB_NAMING_ALREADY_BOUND_ERROR, 0))
    return resolve_context (context, &parsed, name, error);
  not_found = gorb_naming_not_found_error_get_members (local_error);
  if (not_found == NULL || not_found->why != GORB_NAMING_NOT_FOUND_REASON_MISSING_NODE
      || not_found->rest_of_name.len < 2 || not_found->rest_of_name.len > parsed.len)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* The contexts up to first_missing exist: make the others one by one. */
  first_missing = parsed.len - not_found->rest_of_name.len;
  if (first_missing == 0)
    current = g_object_ref (context);
  else
    {
      Name prefix = { .data = parsed.data, .len = first_missing };

      current = resolve_context (context, &prefix, name, error);
      if (current == NULL)
        return NULL;
    }
  for (guint32 i = first_missing; i < parsed.len; i++)
    {
      Name one = { .data = &parsed.data[i], .len = 1 };
      GorbNamingContext *next;

      g_clear_error (&local_error);
      made = gorb_naming_context_bind_new_context (current, &one, &local_error);
      if (local_error == NULL)
        next = as_context (made, name, error);
      else if (g_error_matches (local_error, GORB_NAMING_ALREADY_BOUND_ERROR, 0))
        next = resolve_context (current, &one, name, error); /* made meanwhile by another */
      else
        {
          g_clear_object (&made);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (next == NULL)
        return NULL;
      g_object_unref (current);
      current = next;
    }
  return g_steal_pointer (&current);
}

/* Moves the bindings of @batch to the end of @all and empties @batch. */
static void
take_batch (GArray *all, GorbNamingBindingList *batch)
{
  if (batch->len > 0)
    g_array_append_vals (all, batch->data, batch->len);
  g_free (batch->data); /* the elements now belong to @all */
  batch->data = NULL;
  batch->len = 0;
}

static void
clear_binding (gpointer binding)
{
  gorb_naming_binding_clear (binding);
}

/* Every binding of @context, through list() and the iterator. */
static gboolean
list_all (GorbNamingContext *context, GorbNamingBindingList *bindings, GError **error)
{
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (GorbNamingBinding));
  GorbNamingBindingList batch = { 0 };
  g_autoptr (GObject) iterator = NULL;
  GError *local_error = NULL;

  g_array_set_clear_func (all, clear_binding);
  ensure_types ();
  if (!gorb_naming_context_list (context, LIST_BATCH, &batch, &iterator, error))
    return FALSE;
  take_batch (all, &batch);
  if (iterator != NULL && !GORB_IS_NAMING_BINDING_ITERATOR (iterator))
    g_set_error (&local_error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_FAILED,
                 "list() answered with an iterator of %s, not %s", object_repo_id (iterator),
                 gorb_naming_binding_iterator_desc.repo_id);
  else if (iterator != NULL)
    {
      GorbNamingBindingIterator *bi = GORB_NAMING_BINDING_ITERATOR (iterator);
      gboolean more = TRUE;

      while (more && local_error == NULL)
        {
          more = gorb_naming_binding_iterator_next_n (bi, LIST_BATCH, &batch, &local_error);
          if (local_error == NULL && batch.len == 0)
            more = FALSE; /* an iterator that claims more but gives none would loop */
          take_batch (all, &batch);
        }
      /* Not needed past this point; an iterator left behind is reaped by
       * the daemon anyway, so a failure here is not the caller's. */
      gorb_naming_binding_iterator_destroy (bi, NULL);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  bindings->len = all->len;
  g_array_set_clear_func (all, NULL);
  bindings->data = all->len > 0 ? (GorbNamingBinding *) g_array_steal (all, NULL) : NULL;
  return TRUE;
}

/**
 * gorb_naming_list_path:
 * @context: where @name starts
 * @name: (nullable): a name in string form; %NULL or "" for @context
 * @bindings: (out caller-allocates): every binding of the context at
 *   @name, in the daemon's order; clear with gorb_value_clear
 *   (&gorb_naming_binding_list_desc, bindings)
 * @error: return location for a #GError
 *
 * list() with batches of 256, then the iterator until it is exhausted;
 * the iterator is destroyed after use, even on failure.
 *
 * Errors: those of gorb_naming_resolve_path() for @name;
 * GORB_NAMING_ERROR_NOT_A_CONTEXT if @name is bound to an object;
 * GORB_SYSTEM_ERROR (OBJECT_NOT_EXIST if the daemon dropped an iterator
 * that went unused too long).
 *
 * Returns: %TRUE on success; on failure @bindings is empty
 */
gboolean
gorb_naming_list_path (GorbNamingContext *context, const char *name,
                       GorbNamingBindingList *bindings, GError **error)
{
  g_autoptr (GorbNamingContext) target = NULL;

  g_return_val_if_fail (GORB_IS_NAMING_CONTEXT (context), FALSE);
  g_return_val_if_fail (bindings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bindings->data = NULL;
  bindings->len = 0;
  if (name == NULL || *name == '\0')
    target = g_object_ref (context);
  else
    {
      g_auto (Name) parsed = { 0 };

      if (!gorb_naming_name_parse (name, &parsed, error))
        return FALSE;
      target = resolve_context (context, &parsed, name, error);
      if (target == NULL)
        return FALSE;
    }
  return list_all (target, bindings, error);
}

/* Whether @a and @b are objects of the same server: both local, or both
 * proxies whose references share an incarnation or a live endpoint. */
static gboolean
same_server (GObject *a, GObject *b)
{
  GorbRef *ra, *rb;
  const guint8 *ka, *kb;
  gsize la, lb;
  GorbIncarnationId ia, ib;

  if (!GORB_IS_PROXY (a) || !GORB_IS_PROXY (b))
    return !GORB_IS_PROXY (a) && !GORB_IS_PROXY (b);
  ra = gorb_proxy_get_ref (GORB_PROXY (a));
  rb = gorb_proxy_get_ref (GORB_PROXY (b));
  ka = gorb_ref_get_key (ra, &la);
  kb = gorb_ref_get_key (rb, &lb);
  if (gorb_object_key_split (ka, la, &ia, NULL) && gorb_object_key_split (kb, lb, &ib, NULL)
      && memcmp (ia.bytes, ib.bytes, sizeof ia.bytes) == 0)
    return TRUE;
  return g_strcmp0 (gorb_ref_get_endpoint (ra), gorb_ref_get_endpoint (rb)) == 0;
}

/* Whether @name (in @context) is a context binding rather than an object
 * binding of a context (which rm -r must not destroy): resolving a name one
 * component longer goes through a context binding (found, or missing_node)
 * and stops at an object binding (not_context). */
static gboolean
bound_as_context (GorbNamingContext *context, const Name *name, gboolean *is_context,
                  GError **error)
{
  g_autofree GorbNamingNameComponent *components = g_new0 (GorbNamingNameComponent, name->len + 1);
  Name longer = { .data = components, .len = name->len + 1 };
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GObject) found = NULL;
  const GorbNamingNotFound *not_found;

  memcpy (components, name->data, name->len * sizeof *components); /* borrowed strings */
  components[name->len].id = (char *) PROBE_ID;
  components[name->len].kind = (char *) "";
  found = gorb_naming_context_resolve (context, &longer, &local_error);
  not_found = local_error != NULL ? gorb_naming_not_found_error_get_members (local_error) : NULL;
  if (local_error == NULL)
    *is_context = TRUE;
  else if (not_found != NULL)
    *is_context = not_found->why != GORB_NAMING_NOT_FOUND_REASON_NOT_CONTEXT;
  else
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Destroys every context of @context's server below @context (depth first)
 * and removes every binding of @context. Contexts in @visited (held) are
 * only unbound: they are being emptied further up, or already were. */
static gboolean
empty_context (GorbNamingContext *context, GHashTable *visited, guint depth, GError **error)
{
  GorbNamingBindingList bindings = { 0 };
  gboolean ok = TRUE;

  if (depth >= MAX_TREE_DEPTH)
    {
      g_set_error (error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_FAILED,
                   "contexts nested deeper than %d: not removed", MAX_TREE_DEPTH);
      return FALSE;
    }
  if (!list_all (context, &bindings, error))
    return FALSE;
  for (guint32 i = 0; i < bindings.len && ok; i++)
    {
      const GorbNamingBinding *b = &bindings.data[i];
      g_autoptr (GError) local_error = NULL;

      if (b->binding_type == GORB_NAMING_BINDING_TYPE_NCONTEXT)
        {
          g_autoptr (GObject) child = NULL;

          child = gorb_naming_context_resolve (context, &b->binding_name, &local_error);
          if (local_error == NULL && GORB_IS_NAMING_CONTEXT (child)
              && same_server (G_OBJECT (context), child) && !g_hash_table_contains (visited, child))
            {
              g_hash_table_add (visited, g_object_ref (child));
              ok = empty_context (GORB_NAMING_CONTEXT (child), visited, depth + 1, error)
                   && gorb_naming_context_destroy (GORB_NAMING_CONTEXT (child), error);
            }
          if (g_error_matches (local_error, GORB_NAMING_NOT_FOUND_ERROR, 0))
            continue; /* unbound meanwhile */
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              ok = FALSE;
            }
        }
      if (ok && !gorb_naming_context_unbind (context, &b->binding_name, &local_error)
          && !g_error_matches (local_error, GORB_NAMING_NOT_FOUND_ERROR, 0))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
    }
  gorb_value_clear (&gorb_naming_binding_list_desc, &bindings);
  return ok;
}

/**
 * gorb_naming_remove_tree:
 * @context: where @name starts
 * @name: a name in string form
 * @error: return location for a #GError
 *
 * rm -r: unbinds @name; if it is a context binding to a context of the
 * same daemon as the context holding it, first destroys, depth first, that
 * context and every context of the same daemon below it (all their
 * bindings are removed). Contexts of other daemons (federation) are
 * unbound, never listed or destroyed; a context met twice (a cycle) is
 * emptied once. A context also bound somewhere else outside the tree is
 * destroyed all the same: the client cannot see other bindings of it.
 *
 * Errors: those of gorb_naming_resolve_path() and of the calls made;
 * GORB_NAMING_NOT_EMPTY_ERROR if a client bound something in the tree
 * meanwhile. On error, what was removed stays removed.
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_naming_remove_tree (GorbNamingContext *context, const char *name, GError **error)
{
  g_auto (Name) parsed = { 0 };
  g_autoptr (GObject) object = NULL;
  g_autoptr (GorbNamingContext) parent = NULL;
  g_autoptr (GHashTable) visited = NULL;
  gboolean is_context = FALSE;

  g_return_val_if_fail (GORB_IS_NAMING_CONTEXT (context), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!gorb_naming_name_parse (name, &parsed, error))
    return FALSE;
  ensure_types ();
  object = resolve_name (context, &parsed, name, error);
  if (object == NULL)
    return FALSE;
  if (parsed.len == 1)
    parent = g_object_ref (context);
  else
    {
      Name prefix = { .data = parsed.data, .len = parsed.len - 1 };

      parent = resolve_context (context, &prefix, name, error);
      if (parent == NULL)
        return FALSE;
    }
  if (GORB_IS_NAMING_CONTEXT (object) && same_server (G_OBJECT (parent), object))
    {
      Name last = { .data = &parsed.data[parsed.len - 1], .len = 1 };

      if (!bound_as_context (parent, &last, &is_context, error))
        return FALSE;
    }
  if (is_context)
    {
      visited = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
      g_hash_table_add (visited, g_object_ref (object));
      g_hash_table_add (visited, g_object_ref (parent)); /* a cycle back up stops there */
      if (!empty_context (GORB_NAMING_CONTEXT (object), visited, 0, error)
          || !gorb_naming_context_destroy (GORB_NAMING_CONTEXT (object), error))
        return FALSE;
    }
  return gorb_naming_context_unbind (context, &parsed, error);
}
