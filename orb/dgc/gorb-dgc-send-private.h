/* gorb-dgc-send-private.h - the client half's insides, shared by gorb-dgc.c
 * (GorbDgc and its thread), gorb-dgc-client.c (the leases held per server,
 * the dirty and clean messages) and gorb-dgc-send.c (one call to a remote
 * collector)
 */
#pragma once

#include "gorb-orb-client-private.h"
#include "gorb-dgc-private.h"
#include "dgc.h"

G_BEGIN_DECLS

/* A server this ORB holds leases from (endpoint and incarnation: one
 * collector). Guarded by the GorbDgc's lock; freed only by the DGC thread. */
typedef struct
{
  GorbIncarnationId incarnation;
  char *endpoint;
  GHashTable *entries; /* owned: Entry (gorb-dgc-client.c; key and value, hashed by number) */
  guint n_new;
  guint n_clean;
  GArray *acks;      /* guint64 request ids to acknowledge in the next dirty */
  gint64 dirty_at;   /* when the new entries and acks go; 0: nothing pending */
  gint64 renew_at;   /* next renewal; 0: none yet */
  gint64 clean_at;   /* when the queued cleans go; 0: none */
  gint64 held_until; /* the lease of the last successful dirty runs out */
  gboolean busy;     /* a sender thread has its messages (gorb-dgc.c) */
  gboolean suspect;  /* ...and it is not known to answer */
  guint failures;    /* dirties failed in a row */
  guint clean_failures;
  GPtrArray *delayed; /* test faults: messages held back (Delayed, gorb-dgc-client.c) */
} GorbDgcRemote;

struct _GorbDgc
{
  gatomicrefcount ref_count; /* the ORB's, and the thread's while it runs */
  GWeakRef orb;              /* the ORB, for server work */
  GorbClientLife *life;      /* owned */
  GorbOrbClient *client;     /* not owned; valid until the thread is joined */
  guint lease_ms, pin_ms, timeout_ms;
  gboolean enabled; /* the client half: dgc_client */
  GMutex lock;      /* guards everything below */
  GCond cond;
  GThread *thread; /* owned, nullable */
  gint stopping;   /* atomic */
  gboolean serving;
  gboolean server_work;
  gint64 next_sweep;
  GHashTable *servers; /* owned: GorbDgcRemote * (key and value) */
  guint n_sending;     /* remotes handed to the sender threads and not done yet */
  guint n_suspects;    /* of which, remotes not known to answer (gorb-dgc.c) */
  guint64 next_seq;
  guint n_entries;
  guint64 dirty_sent, renewals_sent, clean_sent, dirty_failed, clean_failed;
  GorbDgcFaultFunc fault;
  gpointer fault_data;
};

/* gorb-dgc-client.c: the hash table functions of GorbDgc.servers; one dirty
 * (the new entries and acks, or a renewal of all) or one clean, called
 * locked, unlocking for the call (the DGC thread only) */
guint gorb_dgc_remote_hash (gconstpointer p);
gboolean gorb_dgc_remote_equal (gconstpointer a, gconstpointer b);
void gorb_dgc_remote_free (gpointer data);
void gorb_dgc_dirty_locked (GorbDgc *dgc, GorbDgcRemote *server, gboolean renewal, gint64 now);
void gorb_dgc_clean_locked (GorbDgc *dgc, GorbDgcRemote *server, gint64 now);

/* gorb-dgc.c */
void gorb_dgc_ensure_thread_locked (GorbDgc *dgc);

/* gorb-dgc-send.c */
gboolean gorb_dgc_send_call (GorbClientLife *life, GorbOrbClient *client, const char *endpoint,
                             const GorbIncarnationId *incarnation, const GorbOperationDesc *op,
                             gpointer const *args, gpointer result, guint timeout_ms,
                             const gint *stopping, GError **error);

G_END_DECLS
