/* gorb-orb-client-private.h - the client half's insides, shared by
 * gorb-orb-client.c (proxies by key, resolve, the object-reference hooks),
 * gorb-client-conn.c (each thread's connections), gorb-proxy.c (GorbProxy,
 * sync calls) and gorb-proxy-async.c (async calls)
 *
 * Threads. A GorbClientConn is one thread's connection to one endpoint for
 * one ORB: its channel, the async calls in flight on it, the replies it has
 * to acknowledge. It belongs to that thread like its channel does: only
 * that thread uses it, so nothing in it is locked. A thread finds its
 * connections through a GPrivate (gorb_client_conn_get()); they are closed
 * by that thread: when it exits, when it shuts the ORB down, or, for an ORB
 * another thread shut down, at its next use of any ORB or when its last
 * call in flight on them completes. Nothing ever closes another thread's
 * channel, so a call in flight is never cut from under its thread.
 *
 * The connections refer to their ORB only through a GorbClientLife (its
 * identity and whether it is alive), which they hold a reference to, so a
 * connection that outlives its ORB in another thread stays safe to close.
 */
#pragma once

#include "gorb.h"
#include "gorb-body.h"
#include "gorb-orb-private.h"
#include "gorb-transport.h"

G_BEGIN_DECLS

/* Acknowledgements are sent when this many are pending, or before the
 * next request on the same connection (docs/protocol.md, ACK). */
#define GORB_CLIENT_ACK_BATCH 32

/* How long an async call's first send on a new connection waits for it to
 * come up (gorb_client_conn_send_now()). */
#define GORB_CLIENT_CONNECT_WAIT_US (100 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  gatomicrefcount ref_count;
  gint alive;      /* atomic: cleared once, by gorb_orb_client_shutdown() */
  GorbClientId id; /* the ORB's, for the ACK and CANCEL headers */
  guint32 epoch;   /* the ORB's */
} GorbClientLife;

typedef struct _GorbClientConn GorbClientConn;

/* A sync call waiting on a connection: the receive loop files its reply
 * here, also when a nested call's loop is the one that reads it. */
typedef struct
{
  guint64 request_id;
  GorbMessageType reply_type; /* REPLY or LOCATE_REPLY */
  GBytes *header;             /* owned, nullable: set once the reply came */
  GBytes *body;               /* owned, nullable */
} GorbSyncWait;

struct _GorbClientConn
{
  guint ref_count;      /* owner thread only */
  GorbClientLife *life; /* owned reference */
  char *endpoint;       /* owned */
  GorbChannel *channel; /* owned; NULL once closed */
  gboolean tried;       /* a request was sent (or tried) on it already */
  GHashTable *pending;  /* owned: request id (guint64 *, in the call) -> GTask (owned) */
  GArray *acks;         /* guint64 request ids whose replies came */
  GSList *waiters;      /* GorbSyncWait *, on the stacks of the sync calls waiting */
  GPtrArray *watches;   /* owned Watch *: the channel's source in each GMainContext */
};

/* gorb-orb-client.c */
guint64 gorb_orb_client_next_request_id (GorbOrbClient *client);
GorbClientLife *gorb_orb_client_get_life (GorbOrbClient *client);
void gorb_orb_client_forget_proxy (GorbOrbClient *client, GorbProxy *proxy);

/* gorb-client-conn.c: all on the connection's owner thread */
GorbClientLife *gorb_client_life_new (const GorbClientId *id, guint32 epoch);
GorbClientLife *gorb_client_life_ref (GorbClientLife *life);
void gorb_client_life_unref (GorbClientLife *life);

GorbClientConn *gorb_client_conn_get (GorbClientLife *life, const char *endpoint, GError **error);
void gorb_client_conn_ref (GorbClientConn *conn);
void gorb_client_conn_unref (GorbClientConn *conn);
void gorb_client_conn_close_all (GorbClientLife *life);
gboolean gorb_client_conn_is_closed (GorbClientConn *conn);
gboolean gorb_client_conn_send (GorbClientConn *conn, GBytes *header, GBytes *body, gint64 deadline,
                                GError **error);
gboolean gorb_client_conn_send_now (GorbClientConn *conn, GBytes *header, GBytes *body,
                                    gint64 deadline, GError **error);
void gorb_client_conn_ack (GorbClientConn *conn, guint64 request_id);
void gorb_client_conn_flush_acks (GorbClientConn *conn);
void gorb_client_conn_send_cancel (GorbClientConn *conn, guint64 request_id);
gboolean gorb_client_conn_wait (GorbClientConn *conn, GorbSyncWait *wait, gint64 deadline,
                                GError **error);
void gorb_client_conn_add_pending (GorbClientConn *conn, guint64 *request_id, GTask *task);
gboolean gorb_client_conn_remove_pending (GorbClientConn *conn, guint64 request_id);
void gorb_client_conn_watch (GorbClientConn *conn, GMainContext *context);
GBytes *gorb_client_encode_header (GorbClientLife *life, GorbMessageType type, guint64 request_id,
                                   GorbEncoding encoding, gboolean response_expected,
                                   guint32 timeout_ms, const GorbRef *target,
                                   const char *operation);

/* gorb-proxy.c: whether the proxy is the one in the proxy table (holds a
 * lease: its finalize sends a clean) */
void gorb_proxy_set_dgc_registered (GorbProxy *self);
gboolean gorb_proxy_get_dgc_registered (GorbProxy *self);

/* gorb-proxy.c: what sync and async calls share */
typedef struct
{
  guint timeout_ms;  /* 0: no deadline */
  guint interval_ms; /* retransmission interval */
  gint64 deadline;   /* monotonic µs; G_MAXINT64 when there is none */
} GorbCallTiming;

void gorb_proxy_get_timing (GorbProxy *self, GorbCallTiming *timing);
GorbRef *gorb_proxy_dup_target (GorbProxy *self, gboolean *forwarded);
void gorb_proxy_set_forward (GorbProxy *self, GorbRef *forward);
gboolean gorb_proxy_locate (GorbProxy *self, GorbRef **forward, GError **error);
guint32 gorb_call_timing_left_ms (const GorbCallTiming *timing, gint64 now);
GBytes *gorb_proxy_encode_request (GorbProxy *self, const GorbOperationDesc *op,
                                   gpointer const *args, GorbEncoding encoding, GError **error);
gboolean gorb_proxy_decode_reply (GorbProxy *self, const GorbOperationDesc *op, GBytes *header,
                                  GBytes *body, gpointer result, gpointer const *args,
                                  GorbRef **forward, GError **error);
void gorb_proxy_set_timeout_error (GError **error, const char *endpoint, const char *operation,
                                   guint timeout_ms, gboolean sent);

/* gorb-proxy-async.c: called by the connection */
void gorb_proxy_async_reply (GTask *task, GBytes *header, GBytes *body);
void gorb_proxy_async_fail (GTask *task, GError *error);

G_END_DECLS
