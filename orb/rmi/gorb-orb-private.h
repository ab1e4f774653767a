/* gorb-orb-private.h - how GorbOrb's parts fit together
 *
 * gorb-orb.c          the object: identity, configuration, run/shutdown
 * gorb-orb-server.c   the server half: exported servants by key, listeners,
 *                     the dispatcher, the servant thread pool and serialized
 *                     queues, the reply cache (GorbOrbServer)
 * gorb-orb-client.c   the client half: proxies by key (weak), each thread's
 *                     channels and pending async calls, resolve, and the
 *                     object-reference hooks the codecs call (GorbOrbClient)
 * gorb-proxy.c        GorbProxy: invocation (sync, async, oneway)
 *
 * The halves own their state and lock it themselves; GorbOrb only holds them.
 */
#pragma once

#include "gorb-orb.h"
#include "gorb-proxy.h"
#include "gorb-skeleton.h"

G_BEGIN_DECLS

typedef struct _GorbOrbServer GorbOrbServer;
typedef struct _GorbOrbClient GorbOrbClient;

struct _GorbOrb
{
  GObject parent_instance;
  GorbOrbConfig config;          /* construct-time, read-only afterwards */
  GorbClientId id;               /* random, construct-time */
  guint32 epoch;                 /* construct-time: differs for each ORB a process makes */
  GorbIncarnationId incarnation; /* the key prefix of every object this ORB exports */
  GorbOrbServer *server;         /* owned */
  GorbOrbClient *client;         /* owned */
  GMainLoop *loop;               /* owned, nullable: set while gorb_orb_run() runs */
  GMutex lock;                   /* guards loop and shutting_down */
  gboolean shutting_down;
};

/* gorb-orb-server.c */
GorbOrbServer *gorb_orb_server_new (GorbOrb *orb);
void gorb_orb_server_shutdown (GorbOrbServer *server);
void gorb_orb_server_free (GorbOrbServer *server);
GorbRef *gorb_orb_server_export (GorbOrbServer *server, GObject *servant, const guint8 *key,
                                 GorbThreadPolicy policy, GError **error);
gboolean gorb_orb_server_unexport (GorbOrbServer *server, GObject *servant);
void gorb_orb_server_set_initial (GorbOrbServer *server, const char *name, GorbRef *ref);
GObject *gorb_orb_server_lookup (GorbOrbServer *server, const guint8 *key, gsize key_len);
GorbRef *gorb_orb_server_dup_ref (GorbOrbServer *server, GObject *servant);
GStrv gorb_orb_server_dup_endpoints (GorbOrbServer *server);

/* gorb-orb-client.c */
GorbOrbClient *gorb_orb_client_new (GorbOrb *orb);
void gorb_orb_client_shutdown (GorbOrbClient *client);
void gorb_orb_client_free (GorbOrbClient *client);
/* Make object references in values marshalled on this thread go through
 * @orb (export servants, resolve to proxies) until the matching pop; the
 * dispatcher and the proxy wrap every body encode and decode in these. */
void gorb_orb_push_objref_hooks (GorbOrb *orb);
void gorb_orb_pop_objref_hooks (GorbOrb *orb);

G_END_DECLS
