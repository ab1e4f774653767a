/* naming-holds.h - the daemon's own hold on the objects bound in it
 *
 * An object bound in the naming service is kept alive by the daemon's own
 * lease, like any client's (docs/dgc.md): the daemon keeps a proxy for the
 * object of every object binding, so its ORB dirties and renews it, and
 * drops the proxy when the binding goes (unbind, rebind to another
 * object, the probe), which sends clean. At start-up the proxies of the
 * stored bindings are made again.
 *
 * A binding is keyed by (context, id, kind). The store's change and the
 * hold's change happen together under naming_holds_lock(), so two
 * rebinds of one name cannot leave the daemon holding the object the
 * store no longer names.
 *
 * Threads: any, under naming_holds_lock() for set/remove.
 */
#pragma once

#include "naming-store.h"

G_BEGIN_DECLS

typedef struct _NamingHolds NamingHolds;

NamingHolds *naming_holds_new (GorbOrb *orb);
void naming_holds_free (NamingHolds *holds);

/* Holds the object of every object binding of @store (start-up); a
 * reference that does not parse any more is logged and skipped. */
gboolean naming_holds_load (NamingHolds *holds, NamingStore *store, GError **error);

void naming_holds_lock (NamingHolds *holds);
void naming_holds_unlock (NamingHolds *holds);
/* @object (a proxy or a local object; a reference is taken) is what the
 * binding names now; %NULL: the binding is gone or names a context. */
void naming_holds_set (NamingHolds *holds, gint64 context, const char *id, const char *kind,
                       GObject *object);

G_END_DECLS
