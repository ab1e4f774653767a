/* gorb-zmq-channel.c - GorbZmqChannel: one thread's DEALER connected to one endpoint
 *
 * The socket is created, used and closed by the thread that created the
 * channel (the base type checks it), so no lock is taken anywhere: a send
 * and the receive of its reply happen on the calling thread.
 *
 * Options: LINGER 0 (closing discards what is unsent: the ORB retransmits),
 * IMMEDIATE 1 (a message is only queued on a live connection, so a request
 * is never parked for a server that is not there: the send waits for one
 * until its deadline, then fails with TIMEOUT), RECONNECT_IVL/_MAX (a
 * restarted server on the same endpoint is found again), MAXMSGSIZE.
 * IMMEDIATE does not apply to inproc://: ZeroMQ attaches an inproc pipe at
 * connect, so a message sent before the peer binds waits there for it.
 *
 * The GSource polls ZMQ_FD, which is edge-triggered: it only says that the
 * socket's state may have changed. So prepare and check read ZMQ_EVENTS
 * (which also resets the fd) and report a message whenever POLLIN is set,
 * whether or not the fd fired: a burst of replies read one per dispatch is
 * never stranded behind an fd that will not fire again.
 */
#include "gorb-zmq-private.h"

#include <errno.h>

struct _GorbZmqChannel
{
  GorbChannel parent_instance;
  void *socket;             /* owned DEALER; owner thread only; NULL once closed */
  guint64 max_message_size; /* construct-time; 0: no limit */
};

G_DEFINE_FINAL_TYPE (GorbZmqChannel, gorb_zmq_channel, GORB_TYPE_CHANNEL)

static gboolean
fail_closed (GorbZmqChannel *self, GError **error)
{
  g_set_error (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_CLOSED,
               "channel to '%s' is closed", gorb_channel_get_endpoint (GORB_CHANNEL (self)));
  return FALSE;
}

static gboolean
gorb_zmq_channel_send (GorbChannel *channel, GBytes *header, GBytes *body, gint64 deadline,
                       GError **error)
{
  GorbZmqChannel *self = GORB_ZMQ_CHANNEL (channel);
  const char *endpoint = gorb_channel_get_endpoint (channel);
  GBytes *parts[2] = { header, body };

  if (self->socket == NULL)
    return fail_closed (self, error);
  if (!gorb_transport_check_size (header, self->max_message_size, "header", error)
      || !gorb_transport_check_size (body, self->max_message_size, "body", error))
    return FALSE;
  for (;;)
    {
      int rc;

      if (gorb_zmq_send_parts (self->socket, parts, 2) == 0)
        return TRUE;
      if (errno != EAGAIN)
        return gorb_zmq_fail (error, errno, "cannot send to", endpoint);
      /* IMMEDIATE: no connection up (yet, or any more); wait for one */
      rc = gorb_zmq_wait (self->socket, ZMQ_POLLOUT, deadline);
      if (rc == 0)
        {
          g_set_error (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT,
                       "no connection to '%s' before the deadline", endpoint);
          return FALSE;
        }
      if (rc < 0)
        return gorb_zmq_fail (error, errno, "cannot send to", endpoint);
    }
}

static gboolean
gorb_zmq_channel_receive (GorbChannel *channel, gint64 deadline, GBytes **header, GBytes **body,
                          GError **error)
{
  GorbZmqChannel *self = GORB_ZMQ_CHANNEL (channel);
  const char *endpoint = gorb_channel_get_endpoint (channel);

  if (self->socket == NULL)
    return fail_closed (self, error);
  for (;;)
    {
      zmq_msg_t parts[2];
      int n = gorb_zmq_recv_parts (self->socket, parts, 2);
      int rc;

      if (n > 2)
        {
          zmq_msg_close (&parts[0]);
          zmq_msg_close (&parts[1]);
          g_debug ("dropped a message of %d frames from '%s'", n, endpoint);
          continue;
        }
      if (n > 0)
        {
          *header = gorb_zmq_msg_steal_bytes (&parts[0]);
          if (n == 2 && body != NULL)
            *body = gorb_zmq_msg_steal_bytes (&parts[1]);
          else if (body != NULL)
            *body = NULL;
          if (n == 2)
            zmq_msg_close (&parts[1]);
          zmq_msg_close (&parts[0]);
          return TRUE;
        }
      if (errno == EINTR)
        continue;
      if (errno != EAGAIN)
        return gorb_zmq_fail (error, errno, "cannot receive from", endpoint);
      rc = gorb_zmq_wait (self->socket, ZMQ_POLLIN, deadline);
      if (rc == 0)
        {
          g_set_error (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT,
                       "no message from '%s' before the deadline", endpoint);
          return FALSE;
        }
      if (rc < 0)
        return gorb_zmq_fail (error, errno, "cannot receive from", endpoint);
    }
}

/* The channel source */

typedef struct
{
  GSource source;
  GorbZmqChannel *channel; /* owned ref */
  gpointer fd_tag;         /* ZMQ_FD, until the channel is closed */
} ChannelSource;

static gboolean
channel_has_message (GorbZmqChannel *self)
{
  int events = 0;
  size_t len = sizeof events;

  /* Reading ZMQ_EVENTS processes pending commands and re-arms ZMQ_FD. */
  if (zmq_getsockopt (self->socket, ZMQ_EVENTS, &events, &len) != 0)
    return FALSE;
  return (events & ZMQ_POLLIN) != 0;
}

static gboolean
channel_source_prepare (GSource *source, gint *timeout)
{
  ChannelSource *cs = (ChannelSource *) source;

  *timeout = -1;
  if (cs->channel->socket == NULL)
    {
      /* closed: stop polling its fd (ZeroMQ closes it) and remove the source */
      if (cs->fd_tag != NULL)
        g_source_remove_unix_fd (source, g_steal_pointer (&cs->fd_tag));
      return TRUE;
    }
  g_return_val_if_fail (gorb_channel_is_owner_thread (GORB_CHANNEL (cs->channel)), FALSE);
  return channel_has_message (cs->channel);
}

static gboolean
channel_source_check (GSource *source)
{
  ChannelSource *cs = (ChannelSource *) source;

  /* ZMQ_FD may or may not have fired: only ZMQ_EVENTS tells */
  return cs->channel->socket == NULL || channel_has_message (cs->channel);
}

static gboolean
channel_source_dispatch (GSource *source, GSourceFunc callback, gpointer user_data)
{
  ChannelSource *cs = (ChannelSource *) source;

  if (cs->channel->socket == NULL)
    return G_SOURCE_REMOVE;
  if (callback == NULL)
    {
      g_warning ("channel source dispatched without a callback: "
                 "call g_source_set_callback() first");
      return G_SOURCE_REMOVE;
    }
  return ((GorbChannelSourceFunc) (void (*) (void)) callback) (GORB_CHANNEL (cs->channel),
                                                               user_data);
}

static void
channel_source_finalize (GSource *source)
{
  ChannelSource *cs = (ChannelSource *) source;

  g_clear_object (&cs->channel);
}

static GSourceFuncs channel_source_funcs = {
  .prepare = channel_source_prepare,
  .check = channel_source_check,
  .dispatch = channel_source_dispatch,
  .finalize = channel_source_finalize,
};

static GSource *
gorb_zmq_channel_create_source (GorbChannel *channel)
{
  GorbZmqChannel *self = GORB_ZMQ_CHANNEL (channel);
  GSource *source = g_source_new (&channel_source_funcs, sizeof (ChannelSource));
  ChannelSource *cs = (ChannelSource *) source;

  g_source_set_static_name (source, "GorbZmqChannel");
  cs->channel = g_object_ref (self);
  if (self->socket != NULL)
    {
      int fd = -1;
      size_t len = sizeof fd;

      if (zmq_getsockopt (self->socket, ZMQ_FD, &fd, &len) == 0)
        cs->fd_tag = g_source_add_unix_fd (source, fd, G_IO_IN);
      else
        g_warning ("cannot get the file descriptor of the channel to '%s': %s",
                   gorb_channel_get_endpoint (channel), zmq_strerror (errno));
    }
  return source;
}

static void
gorb_zmq_channel_close (GorbChannel *channel)
{
  GorbZmqChannel *self = GORB_ZMQ_CHANNEL (channel);

  if (self->socket != NULL)
    zmq_close (g_steal_pointer (&self->socket)); /* LINGER 0: nothing waits */
}

static void
gorb_zmq_channel_class_init (GorbZmqChannelClass *klass)
{
  GorbChannelClass *channel_class = GORB_CHANNEL_CLASS (klass);

  channel_class->send = gorb_zmq_channel_send;
  channel_class->receive = gorb_zmq_channel_receive;
  channel_class->create_source = gorb_zmq_channel_create_source;
  channel_class->close = gorb_zmq_channel_close;
}

static void
gorb_zmq_channel_init (GorbZmqChannel *self)
{
}

GorbChannel *
gorb_zmq_channel_new (const char *endpoint, guint64 max_message_size, GError **error)
{
  g_autoptr (GorbZmqChannel) self = g_object_new (GORB_TYPE_ZMQ_CHANNEL, NULL);

  gorb_channel_set_endpoint (GORB_CHANNEL (self), endpoint);
  self->max_message_size = max_message_size;
  self->socket = zmq_socket (gorb_zmq_context (), ZMQ_DEALER);
  if (self->socket == NULL)
    {
      gorb_zmq_fail (error, errno, "cannot create a socket for", endpoint);
      return NULL;
    }
  if (!gorb_zmq_configure (self->socket, max_message_size, endpoint, error)
      || !gorb_zmq_set_int (self->socket, ZMQ_IMMEDIATE, 1, endpoint, error)
      || !gorb_zmq_set_int (self->socket, ZMQ_RECONNECT_IVL, GORB_ZMQ_RECONNECT_IVL, endpoint,
                            error)
      || !gorb_zmq_set_int (self->socket, ZMQ_RECONNECT_IVL_MAX, GORB_ZMQ_RECONNECT_IVL_MAX,
                            endpoint, error))
    return NULL;
  if (zmq_connect (self->socket, endpoint) != 0)
    {
      gorb_zmq_fail (error, errno, "cannot connect to", endpoint);
      return NULL;
    }
  return GORB_CHANNEL (g_steal_pointer (&self));
}
