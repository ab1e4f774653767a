/* gorb-transport.c - the transport interface: the three abstract types, the
 * contract checks of their public wrappers, and the choice of a transport by
 * endpoint scheme
 *
 * The wrappers check the contract (g_return_val_if_fail) before the virtual
 * call, so an implementation may trust its arguments: a channel is only used
 * by the thread that created it, frames are non-NULL where the contract says
 * so, and a listener's func is never called once the listener is closed.
 */
#include "gorb-transport-private.h"

#include <string.h>

/* the quark's name is dashed: clang-format would space the dashes */
/* clang-format off */
G_DEFINE_QUARK (gorb-transport-error-quark, gorb_transport_error)
/* clang-format on */

/* GorbTransport */

typedef struct
{
  guint64 max_message_size; /* guarded by max_size_lock */
} GorbTransportPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (GorbTransport, gorb_transport, G_TYPE_OBJECT)

enum
{
  PROP_MAX_MESSAGE_SIZE = 1,
  N_TRANSPORT_PROPS
};
static GParamSpec *transport_props[N_TRANSPORT_PROPS];
G_LOCK_DEFINE_STATIC (max_size_lock);

static void
gorb_transport_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GorbTransport *self = GORB_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_MAX_MESSAGE_SIZE:
      g_value_set_uint64 (value, gorb_transport_get_max_message_size (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gorb_transport_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GorbTransport *self = GORB_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_MAX_MESSAGE_SIZE:
      gorb_transport_set_max_message_size (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gorb_transport_class_init (GorbTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gorb_transport_get_property;
  object_class->set_property = gorb_transport_set_property;
  /**
   * GorbTransport:max-message-size:
   *
   * The largest frame sent or accepted, in bytes (0: no limit). Channels
   * and listeners take the value current when they are created.
   */
  transport_props[PROP_MAX_MESSAGE_SIZE] = g_param_spec_uint64 (
      "max-message-size", NULL, NULL, 0, G_MAXINT64, GORB_TRANSPORT_DEFAULT_MAX_MESSAGE_SIZE,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_TRANSPORT_PROPS, transport_props);
}

static void
gorb_transport_init (GorbTransport *self)
{
  GorbTransportPrivate *priv = gorb_transport_get_instance_private (self);

  priv->max_message_size = GORB_TRANSPORT_DEFAULT_MAX_MESSAGE_SIZE;
}

/* Implementations, asked in order; the first that handles an endpoint wins. */
static GorbTransport *(*const transport_getters[]) (void) = {
  gorb_zmq_transport_get_default,
};

/**
 * gorb_transport_for_endpoint:
 * @endpoint: an endpoint such as `tcp://host:port`, `ipc:///path` or `inproc://name`
 * @error: return location for a #GError
 *
 * Finds the transport that carries messages to @endpoint, chosen by its
 * scheme. Transports are process-wide: the ZeroMQ one shares one ZeroMQ
 * context, so that `inproc://` works between ORBs of one process.
 *
 * Errors: %GORB_TRANSPORT_ERROR_BAD_ENDPOINT if no transport knows the
 * scheme (the message names it).
 *
 * Returns: (transfer full): the transport, or %NULL on error
 */
GorbTransport *
gorb_transport_for_endpoint (const char *endpoint, GError **error)
{
  const char *sep;

  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (transport_getters); i++)
    {
      GorbTransport *transport = transport_getters[i](); /* borrowed singleton */
      if (gorb_transport_handles (transport, endpoint))
        return g_object_ref (transport);
    }
  sep = strstr (endpoint, "://");
  if (sep == NULL)
    g_set_error (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_BAD_ENDPOINT,
                 "endpoint '%s' has no scheme (expected tcp://, ipc:// or inproc://)", endpoint);
  else
    g_set_error (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_BAD_ENDPOINT,
                 "no transport for scheme '%.*s' in endpoint '%s'", (int) (sep - endpoint),
                 endpoint, endpoint);
  return NULL;
}

/**
 * gorb_transport_handles:
 * @self: a transport
 * @endpoint: an endpoint
 *
 * Returns: whether @self carries messages to @endpoint (by its scheme; the
 *   rest is only checked by connect and listen)
 */
gboolean
gorb_transport_handles (GorbTransport *self, const char *endpoint)
{
  g_return_val_if_fail (GORB_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (endpoint != NULL, FALSE);

  return GORB_TRANSPORT_GET_CLASS (self)->handles (self, endpoint);
}

/**
 * gorb_transport_connect:
 * @self: a transport
 * @endpoint: where to connect
 * @error: return location for a #GError
 *
 * Creates a channel to @endpoint, owned by the calling thread (see
 * gorb_channel_is_owner_thread()). Connecting does not wait for the peer:
 * a send waits, up to its deadline, until the connection is up.
 *
 * Errors: %GORB_TRANSPORT_ERROR_BAD_ENDPOINT if @endpoint is malformed or
 * not handled by @self; %GORB_TRANSPORT_ERROR_FAILED if the system refuses
 * (out of sockets or file descriptors).
 *
 * Returns: (transfer full): the channel, or %NULL on error
 */
GorbChannel *
gorb_transport_connect (GorbTransport *self, const char *endpoint, GError **error)
{
  g_return_val_if_fail (GORB_IS_TRANSPORT (self), NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return GORB_TRANSPORT_GET_CLASS (self)->connect (self, endpoint, error);
}

/**
 * gorb_transport_listen:
 * @self: a transport
 * @endpoint: where to bind; port 0 (`tcp://127.0.0.1:0`) picks a free one
 * @func: (scope notified): called on the listener's thread for each message
 * @user_data: (closure func): data for @func
 * @destroy: (nullable): frees @user_data once the listener is closed
 * @error: return location for a #GError
 *
 * Binds @endpoint and starts the listener's thread, which calls @func for
 * every message. gorb_listener_get_endpoint() tells the endpoint actually
 * bound. On error @destroy is not called: @user_data stays the caller's.
 *
 * Errors: %GORB_TRANSPORT_ERROR_BAD_ENDPOINT if @endpoint is malformed, not
 * handled by @self or not local; %GORB_TRANSPORT_ERROR_ADDRESS_IN_USE if
 * another socket has bound it; %GORB_TRANSPORT_ERROR_FAILED if the system
 * refuses (threads, sockets, file descriptors).
 *
 * Returns: (transfer full): the listener, or %NULL on error
 */
GorbListener *
gorb_transport_listen (GorbTransport *self, const char *endpoint, GorbListenerFunc func,
                       gpointer user_data, GDestroyNotify destroy, GError **error)
{
  g_return_val_if_fail (GORB_IS_TRANSPORT (self), NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return GORB_TRANSPORT_GET_CLASS (self)->listen (self, endpoint, func, user_data, destroy, error);
}

/**
 * gorb_transport_get_max_message_size:
 * @self: a transport
 *
 * Returns: the largest frame, in bytes, that channels and listeners created
 *   from now on send or accept (0: no limit)
 */
guint64
gorb_transport_get_max_message_size (GorbTransport *self)
{
  GorbTransportPrivate *priv;
  guint64 max;

  g_return_val_if_fail (GORB_IS_TRANSPORT (self), 0);
  priv = gorb_transport_get_instance_private (self);
  G_LOCK (max_size_lock);
  max = priv->max_message_size;
  G_UNLOCK (max_size_lock);
  return max;
}

/**
 * gorb_transport_set_max_message_size:
 * @self: a transport
 * @max_message_size: the largest frame in bytes, 0 for no limit
 *
 * Sets the limit for the channels and listeners created from now on; those
 * that exist keep theirs. The transport is process-wide: set it once, at
 * start-up, before listening.
 */
void
gorb_transport_set_max_message_size (GorbTransport *self, guint64 max_message_size)
{
  GorbTransportPrivate *priv;
  gboolean changed;

  g_return_if_fail (GORB_IS_TRANSPORT (self));
  g_return_if_fail (max_message_size <= G_MAXINT64);
  priv = gorb_transport_get_instance_private (self);
  G_LOCK (max_size_lock);
  changed = priv->max_message_size != max_message_size;
  priv->max_message_size = max_message_size;
  G_UNLOCK (max_size_lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), transport_props[PROP_MAX_MESSAGE_SIZE]);
}

gboolean
gorb_transport_check_size (GBytes *bytes, guint64 max, const char *what, GError **error)
{
  gsize size = bytes != NULL ? g_bytes_get_size (bytes) : 0;

  if (max == 0 || size <= max)
    return TRUE;
  g_set_error (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TOO_LARGE,
               "%s of %" G_GSIZE_FORMAT " bytes is larger than the maximum of %" G_GUINT64_FORMAT
               " bytes",
               what, size, max);
  return FALSE;
}

/* GorbChannel */

typedef struct
{
  char *endpoint; /* owned */
  GThread *owner; /* owned ref: the creating thread, the only one to use the channel */
} GorbChannelPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (GorbChannel, gorb_channel, G_TYPE_OBJECT)

static void
gorb_channel_dispose (GObject *object)
{
  GorbChannel *self = GORB_CHANNEL (object);

  /* The last unref may come from any thread (a source finalized elsewhere):
   * the owner no longer uses the channel, so closing from here is safe. */
  GORB_CHANNEL_GET_CLASS (self)->close (self);
  G_OBJECT_CLASS (gorb_channel_parent_class)->dispose (object);
}

static void
gorb_channel_finalize (GObject *object)
{
  GorbChannelPrivate *priv = gorb_channel_get_instance_private (GORB_CHANNEL (object));

  g_free (priv->endpoint);
  g_thread_unref (priv->owner);
  G_OBJECT_CLASS (gorb_channel_parent_class)->finalize (object);
}

static void
gorb_channel_class_init (GorbChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gorb_channel_dispose;
  object_class->finalize = gorb_channel_finalize;
}

static void
gorb_channel_init (GorbChannel *self)
{
  GorbChannelPrivate *priv = gorb_channel_get_instance_private (self);

  priv->owner = g_thread_ref (g_thread_self ());
}

void
gorb_channel_set_endpoint (GorbChannel *self, const char *endpoint)
{
  GorbChannelPrivate *priv = gorb_channel_get_instance_private (self);

  g_free (priv->endpoint);
  priv->endpoint = g_strdup (endpoint);
}

/**
 * gorb_channel_get_endpoint:
 * @self: a channel
 *
 * Returns: (transfer none): the endpoint @self connects to
 */
const char *
gorb_channel_get_endpoint (GorbChannel *self)
{
  GorbChannelPrivate *priv;

  g_return_val_if_fail (GORB_IS_CHANNEL (self), NULL);
  priv = gorb_channel_get_instance_private (self);
  return priv->endpoint;
}

/**
 * gorb_channel_is_owner_thread:
 * @self: a channel
 *
 * Returns: whether the calling thread created @self, and so may use it
 */
gboolean
gorb_channel_is_owner_thread (GorbChannel *self)
{
  GorbChannelPrivate *priv;

  g_return_val_if_fail (GORB_IS_CHANNEL (self), FALSE);
  priv = gorb_channel_get_instance_private (self);
  return priv->owner == g_thread_self ();
}

/**
 * gorb_channel_send:
 * @self: a channel, owned by the calling thread
 * @header: the header frame
 * @body: (nullable): the body frame; %NULL sends an empty frame
 * @deadline: monotonic time (µs) to give up at; -1 waits for ever, 0 not at all
 * @error: return location for a #GError
 *
 * Sends one message of two frames. The frames are not copied: the
 * transport keeps a reference until they are written. If the peer is not
 * connected (yet, or any more), waits for the connection until @deadline.
 *
 * Errors: %GORB_TRANSPORT_ERROR_TIMEOUT if the message could not be handed
 * over before @deadline (it is not sent); %GORB_TRANSPORT_ERROR_TOO_LARGE if
 * a frame exceeds the max-message-size; %GORB_TRANSPORT_ERROR_CLOSED after
 * gorb_channel_close(); %GORB_TRANSPORT_ERROR_FAILED otherwise.
 *
 * Returns: %TRUE if the message was handed to the transport
 */
gboolean
gorb_channel_send (GorbChannel *self, GBytes *header, GBytes *body, gint64 deadline, GError **error)
{
  g_return_val_if_fail (GORB_IS_CHANNEL (self), FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (deadline >= -1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (gorb_channel_is_owner_thread (self), FALSE);

  return GORB_CHANNEL_GET_CLASS (self)->send (self, header, body, deadline, error);
}

/**
 * gorb_channel_receive:
 * @self: a channel, owned by the calling thread
 * @deadline: monotonic time (µs) to give up at; -1 waits for ever, 0 not at all
 * @header: (out) (transfer full): the header frame
 * @body: (out) (optional) (nullable) (transfer full): the body frame, %NULL
 *   if the message had one frame only
 * @error: return location for a #GError
 *
 * Receives the next message. The frames are the transport's buffers, not
 * copies. Messages of more than two frames are dropped.
 *
 * Errors: %GORB_TRANSPORT_ERROR_TIMEOUT if none arrived before @deadline;
 * %GORB_TRANSPORT_ERROR_CLOSED after gorb_channel_close();
 * %GORB_TRANSPORT_ERROR_FAILED otherwise.
 *
 * Returns: %TRUE if a message was received
 */
gboolean
gorb_channel_receive (GorbChannel *self, gint64 deadline, GBytes **header, GBytes **body,
                      GError **error)
{
  g_return_val_if_fail (GORB_IS_CHANNEL (self), FALSE);
  g_return_val_if_fail (deadline >= -1, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (gorb_channel_is_owner_thread (self), FALSE);

  return GORB_CHANNEL_GET_CLASS (self)->receive (self, deadline, header, body, error);
}

/**
 * gorb_channel_create_source:
 * @self: a channel, owned by the calling thread
 *
 * Creates a source that calls its #GorbChannelSourceFunc (set it with
 * g_source_set_callback() and G_SOURCE_FUNC()) whenever a message can be
 * received. Attach it to a GMainContext that the owner thread iterates.
 * The source holds a reference on @self; once @self is closed it removes
 * itself without calling the callback.
 *
 * Returns: (transfer full): the source
 */
GSource *
gorb_channel_create_source (GorbChannel *self)
{
  g_return_val_if_fail (GORB_IS_CHANNEL (self), NULL);
  g_return_val_if_fail (gorb_channel_is_owner_thread (self), NULL);

  return GORB_CHANNEL_GET_CLASS (self)->create_source (self);
}

/**
 * gorb_channel_close:
 * @self: a channel, owned by the calling thread
 *
 * Closes the connection; messages not yet sent or received are discarded.
 * Further sends and receives fail with %GORB_TRANSPORT_ERROR_CLOSED.
 * Closing twice does nothing. Dropping the last reference closes too.
 */
void
gorb_channel_close (GorbChannel *self)
{
  g_return_if_fail (GORB_IS_CHANNEL (self));
  g_return_if_fail (gorb_channel_is_owner_thread (self));

  GORB_CHANNEL_GET_CLASS (self)->close (self);
}

/* GorbListener */

typedef struct
{
  char *endpoint;         /* owned; set before the thread starts */
  GorbListenerFunc func;  /* listener thread only, until closed */
  gpointer user_data;     /* owned through destroy */
  GDestroyNotify destroy; /* called once, by close */
  gint closed;            /* atomic */
  gsize dropped;          /* atomic */
} GorbListenerPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (GorbListener, gorb_listener, G_TYPE_OBJECT)

/* Which listener, if any, the current thread serves. */
static GPrivate current_listener = G_PRIVATE_INIT (NULL);

static void
gorb_listener_dispose (GObject *object)
{
  gorb_listener_close (GORB_LISTENER (object));
  G_OBJECT_CLASS (gorb_listener_parent_class)->dispose (object);
}

static void
gorb_listener_finalize (GObject *object)
{
  GorbListenerPrivate *priv = gorb_listener_get_instance_private (GORB_LISTENER (object));

  g_free (priv->endpoint);
  G_OBJECT_CLASS (gorb_listener_parent_class)->finalize (object);
}

static void
gorb_listener_class_init (GorbListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gorb_listener_dispose;
  object_class->finalize = gorb_listener_finalize;
}

static void
gorb_listener_init (GorbListener *self)
{
}

void
gorb_listener_set_endpoint (GorbListener *self, const char *endpoint)
{
  GorbListenerPrivate *priv = gorb_listener_get_instance_private (self);

  g_free (priv->endpoint);
  priv->endpoint = g_strdup (endpoint);
}

void
gorb_listener_set_func (GorbListener *self, GorbListenerFunc func, gpointer user_data,
                        GDestroyNotify destroy)
{
  GorbListenerPrivate *priv = gorb_listener_get_instance_private (self);

  priv->func = func;
  priv->user_data = user_data;
  priv->destroy = destroy;
}

void
gorb_listener_mark_thread (GorbListener *self)
{
  g_private_set (&current_listener, self);
}

gboolean
gorb_listener_dispatch (GorbListener *self, GBytes *peer, GBytes *header, GBytes *body)
{
  GorbListenerPrivate *priv = gorb_listener_get_instance_private (self);

  /* close() from another thread joins this thread before it calls destroy,
   * so the func and its data stay valid for the whole call. */
  if (g_atomic_int_get (&priv->closed))
    return FALSE;
  priv->func (self, peer, header, body, priv->user_data);
  return !g_atomic_int_get (&priv->closed);
}

void
gorb_listener_count_dropped (GorbListener *self, guint n)
{
  GorbListenerPrivate *priv = gorb_listener_get_instance_private (self);

  g_atomic_pointer_add (&priv->dropped, n);
}

gboolean
gorb_listener_is_closed (GorbListener *self)
{
  GorbListenerPrivate *priv = gorb_listener_get_instance_private (self);

  return g_atomic_int_get (&priv->closed);
}

/**
 * gorb_listener_get_endpoint:
 * @self: a listener
 *
 * Returns: (transfer none): the endpoint bound, with the real port if a
 *   free one was asked for (`tcp://127.0.0.1:0`)
 */
const char *
gorb_listener_get_endpoint (GorbListener *self)
{
  GorbListenerPrivate *priv;

  g_return_val_if_fail (GORB_IS_LISTENER (self), NULL);
  priv = gorb_listener_get_instance_private (self);
  return priv->endpoint;
}

/**
 * gorb_listener_send:
 * @self: a listener
 * @peer: the peer, as given to the #GorbListenerFunc
 * @header: the header frame
 * @body: (nullable): the body frame; %NULL sends an empty frame
 * @error: return location for a #GError
 *
 * Sends a message to @peer, from any thread. On the listener's own thread
 * it is written at once; from any other thread it is queued, and the
 * listener's thread sends queued messages in order. A message to a peer
 * that has gone, or whose queue is full, is dropped and counted
 * (gorb_listener_get_dropped()), not reported: the peer retries.
 *
 * Errors: %GORB_TRANSPORT_ERROR_TOO_LARGE if a frame exceeds the
 * max-message-size; %GORB_TRANSPORT_ERROR_CLOSED after
 * gorb_listener_close(); %GORB_TRANSPORT_ERROR_FAILED otherwise.
 *
 * Returns: %TRUE if the message was sent, queued or dropped as above
 */
gboolean
gorb_listener_send (GorbListener *self, GBytes *peer, GBytes *header, GBytes *body, GError **error)
{
  g_return_val_if_fail (GORB_IS_LISTENER (self), FALSE);
  g_return_val_if_fail (peer != NULL, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return GORB_LISTENER_GET_CLASS (self)->send (self, peer, header, body, error);
}

/**
 * gorb_listener_is_listener_thread:
 * @self: a listener
 *
 * Returns: whether the calling thread is @self's own thread, the one that
 *   calls its #GorbListenerFunc
 */
gboolean
gorb_listener_is_listener_thread (GorbListener *self)
{
  g_return_val_if_fail (GORB_IS_LISTENER (self), FALSE);

  return g_private_get (&current_listener) == self;
}

/**
 * gorb_listener_close:
 * @self: a listener
 *
 * Stops the listener: from another thread, waits until its thread has
 * finished (the func is not running and will not be called again), unbinds
 * the endpoint and frees the user data. Queued messages not yet sent are
 * discarded. It may be called from the func itself: the thread then stops
 * once the func returns, and the user data is freed before this returns,
 * so the func must not use it afterwards. Closing twice does nothing;
 * dropping the last reference closes too.
 */
void
gorb_listener_close (GorbListener *self)
{
  GorbListenerPrivate *priv;
  GDestroyNotify destroy;

  g_return_if_fail (GORB_IS_LISTENER (self));
  priv = gorb_listener_get_instance_private (self);
  if (!g_atomic_int_compare_and_exchange (&priv->closed, FALSE, TRUE))
    return;
  GORB_LISTENER_GET_CLASS (self)->close (self);
  destroy = g_steal_pointer (&priv->destroy);
  priv->func = NULL;
  if (destroy != NULL)
    destroy (g_steal_pointer (&priv->user_data));
}

/**
 * gorb_listener_get_dropped:
 * @self: a listener
 *
 * Returns: how many messages @self dropped: incoming ones with no or too
 *   many frames, and replies to peers that had gone or could not take more
 */
guint64
gorb_listener_get_dropped (GorbListener *self)
{
  GorbListenerPrivate *priv;

  g_return_val_if_fail (GORB_IS_LISTENER (self), 0);
  priv = gorb_listener_get_instance_private (self);
  return (guint64) g_atomic_pointer_get (&priv->dropped);
}
