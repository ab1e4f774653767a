/* gorb-dgc-private.h - the distributed GC inside the ORB (docs/dgc.md)
 *
 * gorb-lease-table.c    server: holders, pins, sequence numbers (GorbLeaseTable)
 * gorb-dgc-server.c     server: weak and strong exports, sweeps, pins of
 *                       local objects sent out, the statistics
 * gorb-dgc-collector.c  server: the collector servant (dirty, clean, stats)
 * gorb-dgc.c            GorbDgc: the ORB's one DGC thread, its life cycle
 *                       and its loop over both halves' work
 * gorb-dgc-client.c     client: leases held per server, batched dirty, one
 *                       renewal per server per half lease, batched clean
 * gorb-dgc-send.c       client: one dirty or clean call, from that thread
 *
 * Threads. The collector runs on the listener thread that reads its request
 * (quick: table updates, a write lock to make a weak export strong again).
 * Everything that may run application code (a servant's unreferenced, its
 * finalization) runs on the DGC thread, which the collector wakes. Making an
 * export strong again is done at once by whoever makes it referenced (a
 * dirty, a reference sent out); making it weak only by the DGC thread.
 */
#pragma once

#include "gorb.h"
#include "../rmi/gorb-orb-private.h"

G_BEGIN_DECLS

/* gorb-dgc.c */
GorbDgc *gorb_dgc_new (GorbOrb *orb);
void gorb_dgc_attach_client (GorbDgc *dgc, GorbOrbClient *client);
void gorb_dgc_stop (GorbDgc *dgc);
void gorb_dgc_free (GorbDgc *dgc);
void gorb_dgc_start_server (GorbDgc *dgc);
void gorb_dgc_wake (GorbDgc *dgc);

/* gorb-dgc-client.c */
void gorb_dgc_register (GorbDgc *dgc, GorbRef *ref);
void gorb_dgc_unregister (GorbDgc *dgc, GorbRef *ref);
void gorb_dgc_sent (GorbDgc *dgc, GorbRef *ref);
void gorb_dgc_ack (GorbDgc *dgc, GorbRef *ref, guint64 request_id);
void gorb_dgc_get_client_stats (GorbDgc *dgc, GorbOrbDgcStats *stats);

/* gorb-dgc-collector.c: the request the calling thread serves, for the collector (set by the
 * dispatcher around a built-in servant's call only). */
void gorb_dgc_set_current_request (const GorbMessageHeader *header);
const GorbMessageHeader *gorb_dgc_get_current_request (void);

/* gorb-dgc-server.c: any thread, no lock held */
void gorb_dgc_server_apply (GorbOrbServer *server);
void gorb_dgc_server_sweep (GorbOrbServer *server);
void gorb_dgc_server_strengthen (GorbOrbServer *server, const guint8 *key);
void gorb_dgc_server_get_stats (GorbOrbServer *server, GorbOrbDgcStats *stats);
GorbRef *gorb_dgc_server_dup_ref_out (GorbOrbServer *server, GObject *servant,
                                      const GorbObjrefContext *context, GError **error);

/* Test hooks (tests/dgc): what to do with each dirty or clean message the
 * client half is about to send. Off the call path: only the DGC thread
 * looks at it. */
typedef enum
{
  GORB_DGC_FAULT_NONE,       /* send it */
  GORB_DGC_FAULT_DROP,       /* do not send it; report a failure (as a lost request) */
  GORB_DGC_FAULT_DROP_REPLY, /* send it, then report a failure (as a lost reply) */
  GORB_DGC_FAULT_DUPLICATE,  /* send it twice */
  GORB_DGC_FAULT_DELAY,      /* send it after the next message to the same server (reorder) */
} GorbDgcFault;

typedef GorbDgcFault (*GorbDgcFaultFunc) (gboolean dirty, guint64 seq, gpointer user_data);
void gorb_dgc_set_fault_func (GorbOrb *orb, GorbDgcFaultFunc func, gpointer user_data);

G_END_DECLS
