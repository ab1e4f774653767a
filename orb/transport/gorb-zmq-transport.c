/* gorb-zmq-transport.c - the ZeroMQ transport: endpoints tcp://, ipc://, inproc://
 *
 * One process-wide GorbZmqTransport and one ZeroMQ context, so that an
 * inproc:// endpoint bound by one ORB is reachable from another ORB of the
 * same process. The context is created on first use and never terminated:
 * its I/O and reaper threads live as long as the process.
 *
 * Ownership and threads (see gorb-transport.h for the contract):
 *  - a channel is a DEALER socket created, used and closed by one thread,
 *    the caller's: a synchronous call writes its request and reads its reply
 *    on the calling thread, with no hand-off to another thread of ours (the
 *    hops through ZeroMQ's own I/O thread are ZeroMQ's price, the one the
 *    direct-socket transport will remove);
 *  - a listener is a ROUTER socket served by a thread of its own, the only
 *    thread that touches the socket after bind. It reads a request and calls
 *    the listener func on that same thread, so a quick servant runs and
 *    replies (gorb_listener_send() sends at once there) without a hop;
 *  - the one hop is for replies from other threads (a GThreadPool servant):
 *    ZeroMQ sockets are not thread-safe, so such a reply is queued under a
 *    mutex and the listener thread is woken through a pipe (not a ZeroMQ
 *    socket shared between threads) to send it, in queue order.
 */
#include "gorb-zmq-private.h"

#include <errno.h>
#include <string.h>

struct _GorbZmqTransport
{
  GorbTransport parent_instance;
};

G_DEFINE_FINAL_TYPE (GorbZmqTransport, gorb_zmq_transport, GORB_TYPE_TRANSPORT)

static gboolean
gorb_zmq_transport_handles (GorbTransport *transport, const char *endpoint)
{
  return g_str_has_prefix (endpoint, "tcp://") || g_str_has_prefix (endpoint, "ipc://")
         || g_str_has_prefix (endpoint, "inproc://");
}

static GorbChannel *
gorb_zmq_transport_connect (GorbTransport *transport, const char *endpoint, GError **error)
{
  if (!gorb_zmq_transport_handles (transport, endpoint))
    {
      g_set_error (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_BAD_ENDPOINT,
                   "the ZeroMQ transport does not handle endpoint '%s'", endpoint);
      return NULL;
    }
  return gorb_zmq_channel_new (endpoint, gorb_transport_get_max_message_size (transport), error);
}

static GorbListener *
gorb_zmq_transport_listen (GorbTransport *transport, const char *endpoint, GorbListenerFunc func,
                           gpointer user_data, GDestroyNotify destroy, GError **error)
{
  if (!gorb_zmq_transport_handles (transport, endpoint))
    {
      g_set_error (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_BAD_ENDPOINT,
                   "the ZeroMQ transport does not handle endpoint '%s'", endpoint);
      return NULL;
    }
  return gorb_zmq_listener_new (endpoint, gorb_transport_get_max_message_size (transport), func,
                                user_data, destroy, error);
}

static void
gorb_zmq_transport_class_init (GorbZmqTransportClass *klass)
{
  GorbTransportClass *transport_class = GORB_TRANSPORT_CLASS (klass);

  transport_class->handles = gorb_zmq_transport_handles;
  transport_class->connect = gorb_zmq_transport_connect;
  transport_class->listen = gorb_zmq_transport_listen;
}

static void
gorb_zmq_transport_init (GorbZmqTransport *self)
{
}

GorbTransport *
gorb_zmq_transport_get_default (void)
{
  static GorbTransport *transport; /* one reference, held for ever */

  if (g_once_init_enter (&transport))
    g_once_init_leave (&transport, g_object_new (GORB_TYPE_ZMQ_TRANSPORT, NULL));
  return transport;
}

void *
gorb_zmq_context (void)
{
  static void *context;

  if (g_once_init_enter (&context))
    {
      void *c = zmq_ctx_new ();
      if (c == NULL)
        g_error ("gorb: cannot create a ZeroMQ context: %s", zmq_strerror (errno));
      g_once_init_leave (&context, c);
    }
  return context;
}

gboolean
gorb_zmq_fail (GError **error, int err, const char *what, const char *endpoint)
{
  GorbTransportError code;

  switch (err)
    {
    case EADDRINUSE:
      code = GORB_TRANSPORT_ERROR_ADDRESS_IN_USE;
      break;
    case EINVAL:
    case EPROTONOSUPPORT:
    case ENOCOMPATPROTO:
    case ENODEV:
    case EADDRNOTAVAIL:
    case ENOENT:
    case ENAMETOOLONG:
    case EACCES:
      code = GORB_TRANSPORT_ERROR_BAD_ENDPOINT;
      break;
    case EMSGSIZE:
      code = GORB_TRANSPORT_ERROR_TOO_LARGE;
      break;
    case ETERM:
      code = GORB_TRANSPORT_ERROR_CLOSED;
      break;
    default:
      code = GORB_TRANSPORT_ERROR_FAILED;
    }
  g_set_error (error, GORB_TRANSPORT_ERROR, code, "%s '%s': %s", what, endpoint,
               zmq_strerror (err));
  return FALSE;
}

gboolean
gorb_zmq_set_int (void *socket, int option, int value, const char *endpoint, GError **error)
{
  if (zmq_setsockopt (socket, option, &value, sizeof value) == 0)
    return TRUE;
  return gorb_zmq_fail (error, errno, "cannot set a socket option for", endpoint);
}

gboolean
gorb_zmq_configure (void *socket, guint64 max_message_size, const char *endpoint, GError **error)
{
  int64_t max = max_message_size > 0 ? (int64_t) max_message_size : -1;

  if (!gorb_zmq_set_int (socket, ZMQ_LINGER, 0, endpoint, error))
    return FALSE;
  if (zmq_setsockopt (socket, ZMQ_MAXMSGSIZE, &max, sizeof max) != 0)
    return gorb_zmq_fail (error, errno, "cannot set the maximum message size for", endpoint);
  return TRUE;
}

int
gorb_zmq_recv_parts (void *socket, zmq_msg_t *parts, int max_parts)
{
  zmq_msg_t scratch;
  int n = 0;

  for (;;)
    {
      zmq_msg_t *msg = n < max_parts ? &parts[n] : &scratch;
      gboolean more;

      zmq_msg_init (msg);
      if (zmq_msg_recv (msg, socket, ZMQ_DONTWAIT) < 0)
        {
          int err = errno;
          zmq_msg_close (msg);
          if (n > 0 && err == EINTR)
            continue; /* the rest of a message is always there: finish it */
          for (int i = 0; i < MIN (n, max_parts); i++)
            zmq_msg_close (&parts[i]);
          errno = err;
          return -1;
        }
      more = zmq_msg_more (msg);
      if (msg == &scratch)
        zmq_msg_close (msg);
      n++;
      if (!more)
        return n;
    }
}

static void
unref_bytes (void *data, void *hint)
{
  g_bytes_unref (hint); /* may run on a ZeroMQ I/O thread: GBytes refs are atomic */
}

static int
msg_init_bytes (zmq_msg_t *msg, GBytes *bytes)
{
  gsize size = 0;
  const void *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  if (size <= GORB_ZMQ_COPY_MAX)
    {
      if (zmq_msg_init_size (msg, size) != 0)
        return -1;
      if (size > 0)
        memcpy (zmq_msg_data (msg), data, size);
      return 0;
    }
  if (zmq_msg_init_data (msg, (void *) data, size, unref_bytes, g_bytes_ref (bytes)) != 0)
    {
      g_bytes_unref (bytes);
      return -1;
    }
  return 0;
}

int
gorb_zmq_send_parts (void *socket, GBytes *const *parts, int n_parts)
{
  for (int i = 0; i < n_parts; i++)
    {
      int flags = ZMQ_DONTWAIT | (i + 1 < n_parts ? ZMQ_SNDMORE : 0);
      zmq_msg_t msg;
      int rc;

      if (msg_init_bytes (&msg, parts[i]) != 0)
        return -1;
      do
        rc = zmq_msg_send (&msg, socket, flags);
      while (rc < 0 && errno == EINTR);
      if (rc < 0)
        {
          /* Only the first frame can meet a full queue; if a later one
           * fails the pipe went away and ZeroMQ rolled the message back,
           * so the caller may send it again whole. */
          int err = errno;
          zmq_msg_close (&msg);
          errno = err;
          return -1;
        }
    }
  return 0;
}

static void
free_heap_msg (gpointer data)
{
  zmq_msg_t *msg = data;

  zmq_msg_close (msg);
  g_free (msg);
}

GBytes *
gorb_zmq_msg_steal_bytes (zmq_msg_t *msg)
{
  gsize size = zmq_msg_size (msg);
  zmq_msg_t *heap;

  if (size <= GORB_ZMQ_COPY_MAX)
    {
      GBytes *bytes = g_bytes_new (zmq_msg_data (msg), size);
      zmq_msg_close (msg);
      zmq_msg_init (msg);
      return bytes;
    }
  heap = g_new (zmq_msg_t, 1);
  zmq_msg_init (heap);
  zmq_msg_move (heap, msg); /* no copy: @heap now refers to the frame's buffer */
  return g_bytes_new_with_free_func (zmq_msg_data (heap), size, free_heap_msg, heap);
}

int
gorb_zmq_wait (void *socket, short events, gint64 deadline)
{
  for (;;)
    {
      zmq_pollitem_t item = { socket, 0, events, 0 };
      long timeout_ms = -1;
      int rc;

      if (deadline >= 0)
        {
          gint64 left = deadline - g_get_monotonic_time ();
          if (left <= 0)
            return 0;
          timeout_ms = (long) MIN ((left + 999) / 1000, G_MAXINT);
        }
      rc = zmq_poll (&item, 1, timeout_ms);
      if (rc < 0 && errno != EINTR)
        return -1;
      if (rc > 0)
        return 1;
      /* zmq_poll may wake early (EINTR, rounding): check the clock again */
    }
}
