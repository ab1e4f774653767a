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
typedef struct _GorbDgc GorbDgc;

struct _GorbOrb
{
  GObject parent_instance;
  GorbOrbConfig config;          /* construct-time, read-only afterwards */
  GorbClientId id;               /* random, construct-time */
  guint32 epoch;                 /* construct-time: differs for each ORB a process makes */
  GorbIncarnationId incarnation; /* the key prefix of every object this ORB exports */
  GorbOrbServer *server;         /* owned */
  GorbOrbClient *client;         /* owned */
  GorbDgc *dgc;                  /* owned: the distributed GC's thread and client half */
  GMainLoop *loop;               /* owned, nullable: set while gorb_orb_run() runs */
  GMutex lock;                   /* guards loop and shutting_down */
  gboolean shutting_down;
};

/* gorb-orb-server.c */
GorbOrbServer *gorb_orb_server_new (GorbOrb *orb);
void gorb_orb_server_shutdown (GorbOrbServer *server);
void gorb_orb_server_free (GorbOrbServer *server);
GorbRef *gorb_orb_server_export (GorbOrbServer *server, GObject *servant, const guint8 *key,
                                 GorbThreadPolicy policy, gboolean permanent, GError **error);
gboolean gorb_orb_server_unexport (GorbOrbServer *server, GObject *servant);
GObject *gorb_orb_server_lookup (GorbOrbServer *server, const guint8 *key, gsize key_len);
GorbRef *gorb_orb_server_dup_ref (GorbOrbServer *server, GObject *servant);
GStrv gorb_orb_server_dup_endpoints (GorbOrbServer *server);
/* gorb-orb-server-messages.c */
void gorb_orb_server_set_initial (GorbOrbServer *server, const char *name, GorbRef *ref);

/* gorb-orb-client.c */
GorbOrbClient *gorb_orb_client_new (GorbOrb *orb);
void gorb_orb_client_shutdown (GorbOrbClient *client);
void gorb_orb_client_free (GorbOrbClient *client);
/* Make object references in values marshalled on this thread go through
 * @orb (export servants, resolve to proxies) until the matching pop; the
 * dispatcher and the proxy wrap every body encode and decode in these. */
void gorb_orb_push_objref_hooks (GorbOrb *orb);
void gorb_orb_pop_objref_hooks (GorbOrb *orb);

/* The same hooks, knowing which message the references travel in, for the
 * distributed GC: a local object in a reply to (@client, @request_id) is
 * pinned until that client acknowledges the request (@client set); a
 * reference decoded from the reply to our request @request_id is
 * acknowledged to its server (@acking). Otherwise a local object sent out
 * is pinned for the pin timeout, and a proxy's reference sent out defers
 * its clean as long. On the caller's stack, between push and pop. */
typedef struct
{
  GorbOrb *orb;
  const GorbClientId *client; /* nullable: encoding a reply to this client */
  guint64 request_id;
  gboolean acking; /* decoding the reply to our request @request_id */
} GorbObjrefContext;

void gorb_orb_push_objref_context (GorbObjrefContext *context);
void gorb_orb_pop_objref_context (GorbObjrefContext *context);

G_END_DECLS
