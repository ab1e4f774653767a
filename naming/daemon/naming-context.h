/* naming-context.h - the naming contexts of one daemon: a GorbNamingContext
 * servant per context of the store, exported persistently under (the
 * store's incarnation id, the context's number)
 *
 * NamingServer ties the ORB, the store and the exported servants together.
 * Every context of the store is exported at start-up (a call can name any
 * of them at any time, and the ORB has no servant activator to export one
 * on demand); contexts made later are exported as they are made, and
 * unexported when destroyed.
 *
 * Threads: servant methods run on the ORB's pool, several at once; the
 * server's table has its own lock and the store its own.
 */
#pragma once

#include "naming-holds.h"
#include "naming-store.h"

G_BEGIN_DECLS

typedef struct _NamingServer NamingServer;

NamingServer *naming_server_new (GorbOrb *orb, NamingStore *store, NamingHolds *holds,
                                 guint iterator_timeout_s);
gboolean naming_server_export_all (NamingServer *server, GError **error);
GorbRef *naming_server_dup_root_ref (NamingServer *server);
void naming_server_free (NamingServer *server);

#define NAMING_TYPE_CONTEXT_SERVANT (naming_context_servant_get_type ())
G_DECLARE_FINAL_TYPE (NamingContextServant, naming_context_servant, NAMING, CONTEXT_SERVANT,
                      GObject)

gint64 naming_context_servant_get_id (NamingContextServant *self);

G_END_DECLS
