/* gorb-transport.h - the transport interface: what carries messages
 *
 * Everything above transport/ talks to these three abstract types only; the
 * endpoint string selects the implementation (gorb_transport_for_endpoint):
 * ZeroMQ for tcp://, ipc:// and inproc:// today, a direct-socket transport
 * later. A message is two frames, header and body (see gorb-wire.h), passed
 * as GBytes so that neither side copies a payload it does not have to. A
 * %NULL body is sent as an empty frame, so a gorb peer always receives two
 * frames; a one-frame message (from a foreign peer) arrives with body %NULL.
 *
 * Threads. The design forbids a hand-off to another thread of ours on the
 * call path, so:
 *  - a GorbChannel (client side, one connection to one endpoint) belongs to
 *    the thread that created it: only that thread sends on it, receives from
 *    it, closes it, or iterates the GMainContext its source is attached to.
 *    The ORB keeps one channel per thread and endpoint. A sync call sends
 *    and then waits in gorb_channel_receive() on the calling thread; async
 *    calls are completed from the channel's GSource in the caller's
 *    GMainContext.
 *  - a GorbListener (server side, bound to one endpoint) runs its own thread,
 *    which reads requests and calls the GorbListenerFunc for each, on that
 *    thread. gorb_listener_send() may be called from any thread: from the
 *    listener's own thread it sends at once (a quick servant's reply pays no
 *    hand-off); from another thread (a pool thread's reply) it queues the
 *    message and wakes the listener's thread, which sends it.
 *
 * Deadlines are g_get_monotonic_time() microseconds: -1 waits for ever, 0
 * does not wait at all.
 *
 * Size. No frame larger than the transport's max-message-size is sent or
 * accepted: a send returns GORB_TRANSPORT_ERROR_TOO_LARGE, and a peer that
 * sends one is disconnected (the message is lost, the peer may reconnect),
 * so a hostile client cannot make a server allocate without bound.
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

#define GORB_TRANSPORT_ERROR (gorb_transport_error_quark ())

typedef enum
{
  GORB_TRANSPORT_ERROR_FAILED,         /* keep first */
  GORB_TRANSPORT_ERROR_BAD_ENDPOINT,   /* an endpoint no transport understands, or malformed */
  GORB_TRANSPORT_ERROR_ADDRESS_IN_USE, /* another socket has bound the endpoint */
  GORB_TRANSPORT_ERROR_TIMEOUT,        /* nothing arrived (or could be sent) before the deadline */
  GORB_TRANSPORT_ERROR_CLOSED,         /* the channel, listener or transport was closed */
  GORB_TRANSPORT_ERROR_TOO_LARGE,      /* a message past the configured maximum; append below */
} GorbTransportError;

GQuark gorb_transport_error_quark (void);

/* The default largest frame a transport sends or accepts: 256 MiB. */
#define GORB_TRANSPORT_DEFAULT_MAX_MESSAGE_SIZE (G_GUINT64_CONSTANT (256) << 20)

typedef struct _GorbChannel GorbChannel;
typedef struct _GorbListener GorbListener;

/**
 * GorbListenerFunc:
 * @listener: the listener the message arrived on
 * @peer: (transfer none): who sent it; pass it to gorb_listener_send() to
 *   answer (g_bytes_ref() it to answer later, from another thread)
 * @header: (transfer none): the header frame
 * @body: (transfer none) (nullable): the body frame, %NULL if the message had
 *   only one frame
 * @user_data: as given to gorb_transport_listen()
 *
 * Called on the listener's thread for each message that has one or two
 * frames (others are dropped and counted). It must not block for long: it
 * delays every other message on this listener.
 */
typedef void (*GorbListenerFunc) (GorbListener *listener, GBytes *peer, GBytes *header,
                                  GBytes *body, gpointer user_data);

/* GorbTransport */

#define GORB_TYPE_TRANSPORT (gorb_transport_get_type ())
G_DECLARE_DERIVABLE_TYPE (GorbTransport, gorb_transport, GORB, TRANSPORT, GObject)

struct _GorbTransportClass
{
  GObjectClass parent_class;

  gboolean (*handles) (GorbTransport *self, const char *endpoint);
  GorbChannel *(*connect) (GorbTransport *self, const char *endpoint, GError **error);
  GorbListener *(*listen) (GorbTransport *self, const char *endpoint, GorbListenerFunc func,
                           gpointer user_data, GDestroyNotify destroy, GError **error);

  gpointer padding[8];
};

GorbTransport *gorb_transport_for_endpoint (const char *endpoint, GError **error);
gboolean gorb_transport_handles (GorbTransport *self, const char *endpoint);
GorbChannel *gorb_transport_connect (GorbTransport *self, const char *endpoint, GError **error);
GorbListener *gorb_transport_listen (GorbTransport *self, const char *endpoint,
                                     GorbListenerFunc func, gpointer user_data,
                                     GDestroyNotify destroy, GError **error);
guint64 gorb_transport_get_max_message_size (GorbTransport *self);
void gorb_transport_set_max_message_size (GorbTransport *self, guint64 max_message_size);

/* GorbChannel: one thread's connection to one endpoint */

#define GORB_TYPE_CHANNEL (gorb_channel_get_type ())
G_DECLARE_DERIVABLE_TYPE (GorbChannel, gorb_channel, GORB, CHANNEL, GObject)

struct _GorbChannelClass
{
  GObjectClass parent_class;

  gboolean (*send) (GorbChannel *self, GBytes *header, GBytes *body, gint64 deadline,
                    GError **error);
  gboolean (*receive) (GorbChannel *self, gint64 deadline, GBytes **header, GBytes **body,
                       GError **error);
  GSource *(*create_source) (GorbChannel *self);
  void (*close) (GorbChannel *self);

  gpointer padding[8];
};

const char *gorb_channel_get_endpoint (GorbChannel *self);
gboolean gorb_channel_send (GorbChannel *self, GBytes *header, GBytes *body, gint64 deadline,
                            GError **error);
gboolean gorb_channel_receive (GorbChannel *self, gint64 deadline, GBytes **header, GBytes **body,
                               GError **error);
GSource *gorb_channel_create_source (GorbChannel *self);
void gorb_channel_close (GorbChannel *self);
gboolean gorb_channel_is_owner_thread (GorbChannel *self);

/**
 * GorbChannelSourceFunc:
 * @channel: the channel with a message to receive
 * @user_data: as given to g_source_set_callback()
 *
 * The callback of gorb_channel_create_source(): called in the source's
 * GMainContext while a message is ready. Receive with deadline 0; reading
 * one message per call or all of them are both fine.
 *
 * Returns: %G_SOURCE_REMOVE to remove the source
 */
typedef gboolean (*GorbChannelSourceFunc) (GorbChannel *channel, gpointer user_data);

/* GorbListener: a bound endpoint served by its own thread */

#define GORB_TYPE_LISTENER (gorb_listener_get_type ())
G_DECLARE_DERIVABLE_TYPE (GorbListener, gorb_listener, GORB, LISTENER, GObject)

struct _GorbListenerClass
{
  GObjectClass parent_class;

  gboolean (*send) (GorbListener *self, GBytes *peer, GBytes *header, GBytes *body, GError **error);
  void (*close) (GorbListener *self);

  gpointer padding[8];
};

const char *gorb_listener_get_endpoint (GorbListener *self);
gboolean gorb_listener_send (GorbListener *self, GBytes *peer, GBytes *header, GBytes *body,
                             GError **error);
gboolean gorb_listener_is_listener_thread (GorbListener *self);
void gorb_listener_close (GorbListener *self);
guint64 gorb_listener_get_dropped (GorbListener *self);

G_END_DECLS
