/* gorb-zmq-private.h - the ZeroMQ transport's types and shared helpers
 *
 * gorb-zmq-transport.c: the transport singleton, the process-wide context
 *   and the helpers below (frames <-> GBytes, errno -> GError, waits);
 * gorb-zmq-channel.c: GorbZmqChannel, a DEALER owned by one thread;
 * gorb-zmq-listener.c: GorbZmqListener, a ROUTER served by its own thread.
 */
#pragma once

#include "gorb-transport-private.h"

#include <zmq.h>

G_BEGIN_DECLS

/* Reconnection of a channel whose peer went away: first retry after
 * RECONNECT_IVL ms, then backing off to RECONNECT_IVL_MAX ms, so that a
 * restarted server on the same endpoint is reached within about a second. */
#define GORB_ZMQ_RECONNECT_IVL 100
#define GORB_ZMQ_RECONNECT_IVL_MAX 1000

/* Frames up to this size are copied: a ZeroMQ "very small message" lives
 * inside the zmq_msg_t, and copying costs less than sharing (an allocation
 * and an atomic reference on each side). */
#define GORB_ZMQ_COPY_MAX 32

#define GORB_TYPE_ZMQ_TRANSPORT (gorb_zmq_transport_get_type ())
G_DECLARE_FINAL_TYPE (GorbZmqTransport, gorb_zmq_transport, GORB, ZMQ_TRANSPORT, GorbTransport)

#define GORB_TYPE_ZMQ_CHANNEL (gorb_zmq_channel_get_type ())
G_DECLARE_FINAL_TYPE (GorbZmqChannel, gorb_zmq_channel, GORB, ZMQ_CHANNEL, GorbChannel)

#define GORB_TYPE_ZMQ_LISTENER (gorb_zmq_listener_get_type ())
G_DECLARE_FINAL_TYPE (GorbZmqListener, gorb_zmq_listener, GORB, ZMQ_LISTENER, GorbListener)

GorbChannel *gorb_zmq_channel_new (const char *endpoint, guint64 max_message_size, GError **error);
GorbListener *gorb_zmq_listener_new (const char *endpoint, guint64 max_message_size,
                                     GorbListenerFunc func, gpointer user_data,
                                     GDestroyNotify destroy, GError **error);

/* The process-wide context, created on first use and never terminated. */
void *gorb_zmq_context (void);

/* Sets LINGER 0 and MAXMSGSIZE on a new socket. */
gboolean gorb_zmq_configure (void *socket, guint64 max_message_size, const char *endpoint,
                             GError **error);
gboolean gorb_zmq_set_int (void *socket, int option, int value, const char *endpoint,
                           GError **error);

/* Sets @error from the ZeroMQ errno @err: EADDRINUSE -> ADDRESS_IN_USE, a
 * malformed or unsupported address -> BAD_ENDPOINT, EMSGSIZE -> TOO_LARGE,
 * ETERM -> CLOSED, else FAILED; the message is "<what> '<endpoint>': <why>".
 * Returns FALSE. */
gboolean gorb_zmq_fail (GError **error, int err, const char *what, const char *endpoint);

/* Receives the frames of one message without waiting: the first @max_parts
 * into @parts (initialized here, the caller closes them), the others are
 * discarded. Returns the number of frames, or -1 with errno (EAGAIN: none). */
int gorb_zmq_recv_parts (void *socket, zmq_msg_t *parts, int max_parts);

/* Sends @n_parts frames as one message without waiting; a %NULL part is an
 * empty frame. Frames are shared with the GBytes, not copied (above
 * GORB_ZMQ_COPY_MAX). Returns 0, or -1 with errno (EAGAIN: try again). */
int gorb_zmq_send_parts (void *socket, GBytes *const *parts, int n_parts);

/* Takes over @msg (left empty) as GBytes, without a copy above COPY_MAX. */
GBytes *gorb_zmq_msg_steal_bytes (zmq_msg_t *msg);

/* Waits until @socket has @events or @deadline passes. Returns 1 when
 * ready, 0 on timeout, -1 with errno on error. */
int gorb_zmq_wait (void *socket, short events, gint64 deadline);

G_END_DECLS
