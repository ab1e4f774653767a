/* naming-store.h - gorb-naming's persistent graph: contexts and bindings in
 * an SQLite database (WAL), one transaction per change
 *
 * Contexts are numbered (1 is the root, which always exists); a context's
 * number never comes back once it is destroyed, so (the store's
 * incarnation id, the number) is an object key that names one context
 * forever. A binding maps (context, id, kind) to its target: a context of
 * this store (by number), or any other object (by its stringified
 * reference); its type says whether resolution goes through it
 * (ncontext) or not (nobject).
 *
 * Threads: every function may be called from any thread; one connection,
 * one mutex (SQLite serializes writers anyway). A function that changes
 * the store returns once its transaction is committed.
 */
#pragma once

#include "gorb-naming.h"

G_BEGIN_DECLS

#define NAMING_STORE_ROOT 1

#define NAMING_STORE_ERROR (naming_store_error_quark ())
typedef enum
{
  NAMING_STORE_ERROR_FAILED,  /* SQLite failed: the message names the store and the step */
  NAMING_STORE_ERROR_BUSY,    /* another process holds the store */
  NAMING_STORE_ERROR_CORRUPT, /* not a database, or not one of ours */
} NamingStoreError;
GQuark naming_store_error_quark (void);

typedef enum
{
  NAMING_SYNC_NORMAL, /* WAL synced at checkpoints: survives a killed process, not a power loss */
  NAMING_SYNC_FULL,   /* WAL synced at every commit: survives both (the default) */
} NamingSync;

/* What an operation found, besides an SQLite failure (a GError). */
typedef enum
{
  NAMING_STORE_OK,
  NAMING_STORE_NO_CONTEXT, /* the context does not exist (destroyed) */
  NAMING_STORE_NOT_BOUND,  /* no binding of that (id, kind) */
  NAMING_STORE_BOUND,      /* bind: there is one already */
  NAMING_STORE_WRONG_TYPE, /* rebind: the binding is of the other type */
  NAMING_STORE_NOT_EMPTY,  /* destroy: the context has bindings */
  NAMING_STORE_CHANGED,    /* unbind_if: bound to something else now */
  NAMING_STORE_FAILED,     /* see the GError */
} NamingStoreResult;

/* A binding's target. */
typedef struct
{
  GorbNamingBindingType type;
  gint64 context; /* a context of this store, or 0 */
  char *ref;      /* owned: the stringified reference when context is 0 */
} NamingTarget;

void naming_target_clear (NamingTarget *target);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NamingTarget, naming_target_clear)

/* An object binding, as the probe sees it. */
typedef struct
{
  gint64 context;
  char *id;
  char *kind;
  char *ref;
} NamingObjectBinding;

typedef struct _NamingStore NamingStore;

NamingStore *naming_store_open (const char *path, NamingSync sync, GError **error);
void naming_store_close (NamingStore *store);
const char *naming_store_get_path (NamingStore *store);
const GorbIncarnationId *naming_store_get_incarnation (NamingStore *store);

NamingStoreResult naming_store_lookup (NamingStore *store, gint64 context,
                                       const GorbNamingNameComponent *component,
                                       NamingTarget *target, GError **error);
NamingStoreResult naming_store_bind (NamingStore *store, gint64 context,
                                     const GorbNamingNameComponent *component,
                                     const NamingTarget *target, gboolean rebind, GError **error);
NamingStoreResult naming_store_unbind (NamingStore *store, gint64 context,
                                       const GorbNamingNameComponent *component, GError **error);
NamingStoreResult naming_store_unbind_if (NamingStore *store, gint64 context, const char *id,
                                          const char *kind, const char *ref, GError **error);
NamingStoreResult naming_store_new_context (NamingStore *store, gint64 *context, GError **error);
NamingStoreResult naming_store_bind_new_context (NamingStore *store, gint64 context,
                                                 const GorbNamingNameComponent *component,
                                                 gint64 *new_context, GError **error);
NamingStoreResult naming_store_destroy_context (NamingStore *store, gint64 context, GError **error);
gboolean naming_store_context_exists (NamingStore *store, gint64 context);
NamingStoreResult naming_store_list (NamingStore *store, gint64 context,
                                     GorbNamingBindingList *bindings, GError **error);
GArray *naming_store_dup_contexts (NamingStore *store, GError **error);
GPtrArray *naming_store_dup_object_bindings (NamingStore *store, GError **error);

void naming_object_binding_free (NamingObjectBinding *binding);

G_END_DECLS
