/* gorb-zmq-listener.c - GorbZmqListener: a ROUTER bound to one endpoint, served by its own thread
 *
 * Why this ownership satisfies the design (DESIGN.md, "Threads" and "Wire
 * protocol"): ZeroMQ sockets are not thread-safe, so the ROUTER belongs to
 * exactly one thread, the listener thread, from the moment it starts (bind
 * happens before, in gorb_transport_listen(), so that errors are reported
 * to the caller; g_thread_try_new() is the memory barrier ZeroMQ asks for
 * when a socket changes thread). That thread reads a request and calls the
 * listener func itself: a servant with the "listener thread" policy runs
 * and replies with gorb_listener_send(), which writes at once, so there is
 * no hand-off between reading a request and running a quick method. The
 * one hop is for replies made on other threads (the GThreadPool policy):
 * they are queued under @lock and the listener thread is woken through a
 * pipe; that hop is paid after a slow method, where it does not matter.
 *
 * The thread's loop polls the ROUTER and the wake pipe; it drains up to
 * DRAIN_BATCH readable requests before polling again (zmq_poll returns at
 * once if more are waiting), so queued replies cannot be starved by a
 * flood of requests. Messages whose payload is not one or two frames are
 * dropped and counted. ROUTER_MANDATORY is set only so that a reply to a
 * peer that has gone (EHOSTUNREACH) or cannot take more (EAGAIN) is known:
 * it is then dropped and counted, exactly as ZeroMQ would drop it silently.
 *
 * Shutdown: close sets @stopping and wakes the thread, which closes the
 * ROUTER on its way out; close then joins it and closes the pipe. Closing
 * from the func itself just sets @stopping: the thread ends when the func
 * returns. If the func drops the last reference, dispose keeps the object
 * alive (a reference the thread drops as its last act) until the thread is
 * done with it.
 */
#include "gorb-zmq-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <unistd.h>

#define DRAIN_BATCH 256

typedef struct
{
  GBytes *peer, *header, *body; /* owned; body nullable */
} OutMessage;

struct _GorbZmqListener
{
  GorbListener parent_instance;
  guint64 max_message_size;  /* construct-time; 0: no limit */
  void *router;              /* owned ROUTER: the listener thread's once it started; it closes it */
  GThread *thread;           /* owned: joined by close or finalize */
  int wake_fds[2];           /* owned pipe: [0] read by the thread, [1] written under @lock */
  gboolean thread_holds_ref; /* listener thread only: dispose ran there */

  GMutex lock;           /* guards the fields below */
  GQueue outbox;         /* OutMessage, queued by other threads, sent in order */
  gboolean wake_pending; /* a byte is in the pipe that the thread has not handled yet */
  gboolean stopping;     /* set once by close: the thread exits, sends fail */
};

G_DEFINE_FINAL_TYPE (GorbZmqListener, gorb_zmq_listener, GORB_TYPE_LISTENER)

static void
out_message_free (gpointer data)
{
  OutMessage *m = data;

  g_bytes_unref (m->peer);
  g_bytes_unref (m->header);
  g_clear_pointer (&m->body, g_bytes_unref);
  g_free (m);
}

/* Called with @lock held. A full pipe means a wake-up is pending anyway. */
static void
wake_locked (GorbZmqListener *self)
{
  static const char byte = 1;
  ssize_t rc;

  if (self->wake_fds[1] < 0)
    return;
  do
    rc = write (self->wake_fds[1], &byte, 1);
  while (rc < 0 && errno == EINTR);
  self->wake_pending = TRUE;
}

static void
close_wake_fds (GorbZmqListener *self)
{
  for (int i = 0; i < 2; i++)
    if (self->wake_fds[i] >= 0)
      {
        g_close (self->wake_fds[i], NULL);
        self->wake_fds[i] = -1;
      }
}

/* Listener thread only. A reply nobody can take is dropped and counted. */
static gboolean
send_now (GorbZmqListener *self, GBytes *peer, GBytes *header, GBytes *body, GError **error)
{
  GBytes *parts[3] = { peer, header, body };

  if (gorb_zmq_send_parts (self->router, parts, 3) == 0)
    return TRUE;
  if (errno == EHOSTUNREACH || errno == EAGAIN)
    {
      gorb_listener_count_dropped (GORB_LISTENER (self), 1);
      return TRUE;
    }
  return gorb_zmq_fail (error, errno, "cannot send on",
                        gorb_listener_get_endpoint (GORB_LISTENER (self)));
}

/* Listener thread: sends what other threads queued. FALSE: stop serving. */
static gboolean
handle_wake (GorbZmqListener *self)
{
  char buf[64];
  GQueue batch;
  gboolean stopping;

  while (read (self->wake_fds[0], buf, sizeof buf) > 0)
    ;
  g_mutex_lock (&self->lock);
  batch = self->outbox;
  g_queue_init (&self->outbox);
  self->wake_pending = FALSE;
  stopping = self->stopping;
  g_mutex_unlock (&self->lock);
  if (stopping)
    {
      g_queue_clear_full (&batch, out_message_free);
      return FALSE;
    }
  for (OutMessage *m; (m = g_queue_pop_head (&batch)) != NULL; out_message_free (m))
    {
      g_autoptr (GError) error = NULL;
      if (!send_now (self, m->peer, m->header, m->body, &error))
        {
          g_debug ("%s", error->message);
          gorb_listener_count_dropped (GORB_LISTENER (self), 1);
        }
    }
  return TRUE;
}

/* Listener thread: reads and dispatches requests. FALSE: stop serving. */
static gboolean
drain_router (GorbZmqListener *self)
{
  GorbListener *listener = GORB_LISTENER (self);

  for (guint i = 0; i < DRAIN_BATCH; i++)
    {
      zmq_msg_t parts[3]; /* routing id, header, body */
      int n = gorb_zmq_recv_parts (self->router, parts, 3);
      gboolean serving;

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          if (errno == EAGAIN)
            return TRUE;
          g_critical ("cannot receive on '%s': %s", gorb_listener_get_endpoint (listener),
                      zmq_strerror (errno));
          return FALSE;
        }
      if (n < 2 || n > 3)
        {
          for (int j = 0; j < MIN (n, 3); j++)
            zmq_msg_close (&parts[j]);
          gorb_listener_count_dropped (listener, 1);
          continue;
        }
      {
        g_autoptr (GBytes) peer = gorb_zmq_msg_steal_bytes (&parts[0]);
        g_autoptr (GBytes) header = gorb_zmq_msg_steal_bytes (&parts[1]);
        g_autoptr (GBytes) body = n == 3 ? gorb_zmq_msg_steal_bytes (&parts[2]) : NULL;

        for (int j = 0; j < n; j++)
          zmq_msg_close (&parts[j]); /* empty after steal */
        serving = gorb_listener_dispatch (listener, peer, header, body);
      }
      if (!serving)
        return FALSE;
    }
  return TRUE;
}

static gpointer
listener_thread_func (gpointer data)
{
  GorbZmqListener *self = data; /* not a reference: close joins us before self goes */
  zmq_pollitem_t items[2] = {
    { self->router, 0, ZMQ_POLLIN, 0 },
    { NULL, self->wake_fds[0], ZMQ_POLLIN, 0 },
  };

  gorb_listener_mark_thread (GORB_LISTENER (self));
  for (;;)
    {
      if (zmq_poll (items, 2, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          g_critical ("cannot poll '%s': %s", gorb_listener_get_endpoint (GORB_LISTENER (self)),
                      zmq_strerror (errno));
          break;
        }
      if ((items[1].revents & ZMQ_POLLIN) && !handle_wake (self))
        break;
      if ((items[0].revents & ZMQ_POLLIN) && !drain_router (self))
        break;
      if (gorb_listener_is_closed (GORB_LISTENER (self)))
        break;
    }
  zmq_close (g_steal_pointer (&self->router));
  if (self->thread_holds_ref)
    g_object_unref (self); /* may finalize self: touch nothing after this */
  return NULL;
}

static gboolean
gorb_zmq_listener_send (GorbListener *listener, GBytes *peer, GBytes *header, GBytes *body,
                        GError **error)
{
  GorbZmqListener *self = GORB_ZMQ_LISTENER (listener);
  gboolean closed;

  if (!gorb_transport_check_size (header, self->max_message_size, "header", error)
      || !gorb_transport_check_size (body, self->max_message_size, "body", error))
    return FALSE;
  if (gorb_listener_is_listener_thread (listener))
    {
      if (self->router != NULL && !gorb_listener_is_closed (listener))
        return send_now (self, peer, header, body, error);
      closed = TRUE;
    }
  else
    {
      g_mutex_lock (&self->lock);
      closed = self->stopping || gorb_listener_is_closed (listener);
      if (!closed)
        {
          OutMessage *m = g_new (OutMessage, 1);

          m->peer = g_bytes_ref (peer);
          m->header = g_bytes_ref (header);
          m->body = body != NULL ? g_bytes_ref (body) : NULL;
          g_queue_push_tail (&self->outbox, m);
          if (!self->wake_pending)
            wake_locked (self);
        }
      g_mutex_unlock (&self->lock);
    }
  if (closed)
    g_set_error (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_CLOSED,
                 "listener on '%s' is closed", gorb_listener_get_endpoint (listener));
  return !closed;
}

static void
gorb_zmq_listener_close (GorbListener *listener)
{
  GorbZmqListener *self = GORB_ZMQ_LISTENER (listener);
  GThread *thread = NULL;
  gboolean own_thread = gorb_listener_is_listener_thread (listener);

  g_mutex_lock (&self->lock);
  if (!self->stopping)
    {
      self->stopping = TRUE;
      wake_locked (self);
    }
  if (!own_thread)
    thread = g_steal_pointer (&self->thread);
  g_mutex_unlock (&self->lock);
  if (own_thread)
    return; /* the thread stops when the func returns; finalize joins it */
  if (thread != NULL)
    g_thread_join (thread); /* it closed the ROUTER */
  else if (self->router != NULL)
    zmq_close (g_steal_pointer (&self->router)); /* never started */
  close_wake_fds (self);
  g_queue_clear_full (&self->outbox, out_message_free);
}

static void
gorb_zmq_listener_dispose (GObject *object)
{
  GorbZmqListener *self = GORB_ZMQ_LISTENER (object);

  if (gorb_listener_is_listener_thread (GORB_LISTENER (self)) && !self->thread_holds_ref)
    {
      /* The func dropped the last reference: stay alive until the thread,
       * which still runs the func, is done with us (listener_thread_func). */
      self->thread_holds_ref = TRUE;
      g_object_ref (self);
      gorb_listener_close (GORB_LISTENER (self));
      return;
    }
  G_OBJECT_CLASS (gorb_zmq_listener_parent_class)->dispose (object);
}

static void
gorb_zmq_listener_finalize (GObject *object)
{
  GorbZmqListener *self = GORB_ZMQ_LISTENER (object);

  if (self->thread != NULL)
    {
      if (self->thread == g_thread_self ())
        g_thread_unref (self->thread); /* our last act on the listener thread */
      else
        g_thread_join (self->thread); /* closed from its own func: it is ending */
    }
  if (self->router != NULL)
    zmq_close (self->router);
  close_wake_fds (self);
  g_queue_clear_full (&self->outbox, out_message_free);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (gorb_zmq_listener_parent_class)->finalize (object);
}

static void
gorb_zmq_listener_class_init (GorbZmqListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GorbListenerClass *listener_class = GORB_LISTENER_CLASS (klass);

  object_class->dispose = gorb_zmq_listener_dispose;
  object_class->finalize = gorb_zmq_listener_finalize;
  listener_class->send = gorb_zmq_listener_send;
  listener_class->close = gorb_zmq_listener_close;
}

static void
gorb_zmq_listener_init (GorbZmqListener *self)
{
  self->wake_fds[0] = self->wake_fds[1] = -1;
  g_mutex_init (&self->lock);
  g_queue_init (&self->outbox);
}

static gboolean
bind_router (GorbZmqListener *self, const char *endpoint, GError **error)
{
  char bound[1024];
  size_t len = sizeof bound;

  self->router = zmq_socket (gorb_zmq_context (), ZMQ_ROUTER);
  if (self->router == NULL)
    return gorb_zmq_fail (error, errno, "cannot create a socket for", endpoint);
  if (!gorb_zmq_configure (self->router, self->max_message_size, endpoint, error)
      || !gorb_zmq_set_int (self->router, ZMQ_ROUTER_MANDATORY, 1, endpoint, error))
    return FALSE;
  if (zmq_bind (self->router, endpoint) != 0)
    return gorb_zmq_fail (error, errno, "cannot bind", endpoint);
  if (zmq_getsockopt (self->router, ZMQ_LAST_ENDPOINT, bound, &len) == 0 && len > 1)
    gorb_listener_set_endpoint (GORB_LISTENER (self), bound);
  else
    gorb_listener_set_endpoint (GORB_LISTENER (self), endpoint);
  return TRUE;
}

GorbListener *
gorb_zmq_listener_new (const char *endpoint, guint64 max_message_size, GorbListenerFunc func,
                       gpointer user_data, GDestroyNotify destroy, GError **error)
{
  g_autoptr (GorbZmqListener) self = g_object_new (GORB_TYPE_ZMQ_LISTENER, NULL);
  g_autoptr (GError) local_error = NULL;

  self->max_message_size = max_message_size;
  gorb_listener_set_endpoint (GORB_LISTENER (self), endpoint);
  if (!bind_router (self, endpoint, error))
    return NULL;
  if (!g_unix_open_pipe (self->wake_fds, FD_CLOEXEC, &local_error)
      || !g_unix_set_fd_nonblocking (self->wake_fds[0], TRUE, &local_error)
      || !g_unix_set_fd_nonblocking (self->wake_fds[1], TRUE, &local_error))
    {
      g_set_error (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_FAILED,
                   "cannot make a wake-up pipe for '%s': %s", endpoint, local_error->message);
      return NULL;
    }
  gorb_listener_set_func (GORB_LISTENER (self), func, user_data, destroy);
  self->thread = g_thread_try_new ("gorb-listener", listener_thread_func, self, &local_error);
  if (self->thread == NULL)
    {
      gorb_listener_set_func (GORB_LISTENER (self), NULL, NULL, NULL); /* still the caller's */
      g_set_error (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_FAILED,
                   "cannot start the thread serving '%s': %s", endpoint, local_error->message);
      return NULL;
    }
  return GORB_LISTENER (g_steal_pointer (&self));
}
