/* gorb-orb-server-private.h - the server half's insides, shared by
 * gorb-orb-server.c (life cycle, exports, shutdown),
 * gorb-orb-server-messages.c (listeners, the message switch) and
 * gorb-dispatch.c (requests: reply cache, policies, running a servant,
 * replies); tests read the statistics
 */
#pragma once

#include "gorb-body.h"
#include "../dgc/gorb-dgc-private.h"
#include "../dgc/gorb-lease-table-private.h"
#include "gorb-orb-private.h"
#include "gorb-reply-cache-private.h"

G_BEGIN_DECLS

typedef struct _GorbServantPool GorbServantPool;

/* One exported servant. Reference-counted: the export table holds one
 * reference, and each job holds one while it waits and runs, so a servant
 * unexported mid-call lives until its call is done.
 *
 * Distributed GC (docs/dgc.md): a collectable export whose object no client
 * holds and nothing pins is *weak*: the ORB keeps only @weak_ref on the
 * servant, which lives as long as local code holds it (a later dirty or a
 * reference sent out makes the export strong again); once the servant is
 * finalized, the export is gone (OBJECT_NOT_EXIST) and removed by the next
 * sweep. A job holds its own reference on the servant (@servant of the job),
 * taken under the server's read lock, so a call never loses its servant. */
typedef struct
{
  gatomicrefcount ref_count;
  GObject *servant;             /* owned unless @weak; while @weak only compared, never used */
  const GorbSkeleton *skeleton; /* the most derived registered interface */
  GorbThreadPolicy policy;      /* construct-time */
  guint8 key[GORB_OBJECT_KEY_SIZE];
  GorbRef *ref;         /* owned */
  gint unexported;      /* atomic: set once by unexport or shutdown; queued calls then do not run */
  gboolean collectable; /* construct-time: in the lease table (not permanent) */
  gboolean builtin;     /* construct-time: the ORB's collector (sees the current request) */
  gboolean weak;        /* under the server's write lock: collected, @weak_ref holds the servant */
  GWeakRef weak_ref;    /* initialized while @weak */

  /* SERIALIZED only */
  GMutex lock;    /* guards the two fields below */
  GQueue waiting; /* GorbJob, arrival order */
  gboolean busy;  /* a pool thread is running this export's calls */
} GorbExport;

/* One request to run: made on the listener thread, run there (LISTENER)
 * or on the pool. A LISTENER job lives on the listener thread's stack and
 * borrows the frames; a pool job owns references to everything it uses. */
typedef struct
{
  GorbOrbServer *server;
  GorbOrb *orb;                 /* owned: the ORB (and so the server) outlives every job */
  GorbExport *export;           /* owned */
  GObject *servant;             /* owned: the export's servant, for the call */
  const GorbSkeleton *skeleton; /* the one that defines @op */
  const GorbOperationDesc *op;
  GorbListener *listener; /* to answer on; owned by pool jobs */
  GBytes *peer;           /* owned by pool jobs */
  GBytes *header_bytes;   /* owned by pool jobs: @header borrows from it */
  GBytes *body;           /* owned by pool jobs; nullable */
  GorbMessageHeader header;
  gint64 deadline_us; /* monotonic; 0: none */
  guint64 ticket;     /* reply cache ticket; 0: not cached (oneway) */
  gboolean on_heap;   /* a pool job (owns its references) */
} GorbJob;

typedef struct
{
  guint64 requests;   /* REQUEST messages that reached a servant */
  guint64 duplicates; /* retransmissions answered from, or held by, the reply cache */
  guint64 dropped;    /* messages dropped: undecodable, unexpected type, stale epoch,
                         shutting down */
  guint64 expired;    /* requests whose deadline passed before they could run */
  guint64 cancelled;  /* requests dropped by a CANCEL before they ran */
  guint64 refused;    /* requests refused with NO_RESOURCES */
} GorbOrbServerStats;

struct _GorbOrbServer
{
  GorbOrb *orb;           /* not owned: the ORB owns the server */
  GorbReplyCache *cache;  /* owned; locks itself */
  GorbLeaseTable *leases; /* owned; locks itself (lock order: @lock, then the table's) */
  guint pool_threads;     /* construct-time, from the config */
  guint pool_queue_max;   /* construct-time, from the config */
  gint stopping;          /* atomic: set once; new messages are dropped, queued jobs skipped */

  GRWLock lock;           /* guards the fields below; the listener thread reads under it */
  GHashTable *by_key;     /* owned: key (in the export) -> GorbExport (one reference) */
  GHashTable *by_servant; /* owned: GObject * -> GorbExport (borrowed from by_key) */
  GPtrArray *listeners;   /* owned GorbListener *; bound on the first export */
  GStrv endpoints;        /* owned: the bound endpoints, as references carry them */
  GorbServantPool *pool;  /* owned, nullable: made on the first non-LISTENER export */
  GHashTable *initial;    /* owned: name (char *) -> GorbRef *, the initial references */
  GHashTable *weak;       /* owned: the weak (collected) exports, borrowed from by_key */
  GorbExport *collector;  /* owned: the DGC collector, answering at object number 0 */
  guint64 n_collected;    /* exports made weak (unreferenced) so far */
  guint64 next_number;    /* the next object number; never reused */
  gboolean shut_down;     /* listeners closed, pool drained, exports dropped */

  /* statistics, atomic (g_atomic_pointer_add) */
  gssize n_requests, n_duplicates, n_dropped, n_expired, n_cancelled, n_refused;
};

/* gorb-orb-server.c */
GorbExport *gorb_export_ref (GorbExport *export);
void gorb_export_unref (GorbExport *export);
GorbExport *gorb_orb_server_find_export (GorbOrbServer *server, const guint8 *key, gsize key_len,
                                         GObject **servant);
/* Distributed GC (gorb-orb-server.c, see GorbExport) */
void gorb_orb_server_update_export (GorbOrbServer *server, const guint8 *key);
guint gorb_orb_server_reap (GorbOrbServer *server);
void gorb_orb_server_count_exports (GorbOrbServer *server, guint *collectable, guint *permanent,
                                    guint *weak);
void gorb_orb_server_pin_servant (GorbOrbServer *server, GObject *servant,
                                  const GorbClientId *client, guint64 request_id);
void gorb_orb_server_count (gssize *counter);
void gorb_orb_server_mark_thread (GorbOrbServer *server);
gboolean gorb_orb_server_is_server_thread (GorbOrbServer *server);
void gorb_orb_server_stop (GorbOrbServer *server);
void gorb_orb_server_get_stats (GorbOrbServer *server, GorbOrbServerStats *stats);
GorbReplyCache *gorb_orb_server_get_reply_cache (GorbOrbServer *server);

/* gorb-orb-server-messages.c */
gboolean gorb_orb_server_bind_listeners_locked (GorbOrbServer *server, GError **error);
GBytes *gorb_orb_server_encode_reply_header (const GorbMessageHeader *request, GorbMessageType type,
                                             guint32 status);

/* gorb-dgc-server.c: the distributed GC's side of the export tables */
GObject *gorb_dgc_collector_servant_new (GorbOrb *orb);
GorbExport *gorb_dgc_lookup_servant_locked (GorbOrbServer *server, GObject *servant);
void gorb_dgc_strengthen_locked (GorbOrbServer *server, GorbExport *export);
void gorb_dgc_remove_locked (GorbOrbServer *server, GorbExport *export);
gboolean gorb_dgc_is_collector_key (GorbOrbServer *server, const guint8 *key);

/* gorb-servant-pool.c */
GorbServantPool *gorb_servant_pool_new (guint max_threads, GFunc func, gpointer user_data);
gboolean gorb_servant_pool_push (GorbServantPool *pool, gpointer job, GError **error);
guint gorb_servant_pool_get_unprocessed (GorbServantPool *pool);
void gorb_servant_pool_free (GorbServantPool *pool);

/* gorb-dispatch.c: listener thread */
void gorb_dispatch_request (GorbOrbServer *server, GorbListener *listener, GBytes *peer,
                            GBytes *header_bytes, const GorbMessageHeader *header, GBytes *body);
void gorb_dispatch_pool_func (gpointer data, gpointer user_data);
void gorb_dispatch_send_system_exception (GorbListener *listener, GBytes *peer,
                                          const GorbMessageHeader *request, GorbSystemError code,
                                          GorbCompletionStatus completion, const char *message);

G_END_DECLS
