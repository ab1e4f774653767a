/* transport-test-util.c - echo servers, child-process servers and thread counts for the transport
 * tests */
#include "transport-test-util.h"

#include <gio/gio.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct
{
  GBytes *peer, *header, *body; /* owned; peer NULL: stop */
} Request;

static void
request_free (gpointer data)
{
  Request *r = data;

  g_clear_pointer (&r->peer, g_bytes_unref);
  g_clear_pointer (&r->header, g_bytes_unref);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_free (r);
}

static void
reply (EchoServer *server, GorbListener *listener, GBytes *peer, GBytes *header, GBytes *body)
{
  g_autoptr (GError) error = NULL;

  if (!gorb_listener_send (listener, peer, header, body, &error))
    {
      g_printerr ("\n  echo server: %s\n", error->message);
      g_atomic_int_inc (&server->n_send_failures);
    }
}

static void
echo_func (GorbListener *listener, GBytes *peer, GBytes *header, GBytes *body, gpointer user_data)
{
  EchoServer *server = user_data;
  gint size = body != NULL ? (gint) g_bytes_get_size (body) : 0;

  g_atomic_int_inc (&server->n_requests);
  if (body == NULL)
    g_atomic_int_inc (&server->n_null_bodies);
  if (size > g_atomic_int_get (&server->max_body_size))
    g_atomic_int_set (&server->max_body_size, size);
  if (!gorb_listener_is_listener_thread (listener))
    g_atomic_int_inc (&server->n_wrong_thread);
  switch (server->mode)
    {
    case ECHO_NOW:
      if (bytes_has_prefix (header, ECHO_TO_NOBODY))
        {
          g_autoptr (GBytes) nobody = g_bytes_new_static ("\0nobody", 7);
          reply (server, listener, nobody, header, body);
        }
      reply (server, listener, peer, header, body);
      break;
    case ECHO_BURST:
      for (guint i = 0; i < server->burst; i++)
        reply (server, listener, peer, header, body);
      break;
    case ECHO_LATER:
      {
        Request *r = g_new0 (Request, 1);
        r->peer = g_bytes_ref (peer);
        r->header = g_bytes_ref (header);
        r->body = body != NULL ? g_bytes_ref (body) : NULL;
        g_async_queue_push (server->later, r);
      }
      break;
    case ECHO_SILENT:
      break;
    }
}

static gpointer
replier_func (gpointer data)
{
  EchoServer *server = data;

  for (;;)
    {
      Request *r = g_async_queue_pop (server->later);
      if (r->peer == NULL)
        {
          request_free (r);
          return NULL;
        }
      if (gorb_listener_is_listener_thread (server->listener))
        g_atomic_int_inc (&server->n_wrong_thread);
      reply (server, server->listener, r->peer, r->header, r->body);
      request_free (r);
    }
}

EchoServer *
echo_server_new (const char *endpoint, EchoMode mode, GError **error)
{
  g_autoptr (GorbTransport) transport = gorb_transport_for_endpoint (endpoint, error);
  EchoServer *server;

  if (transport == NULL)
    return NULL;
  server = g_new0 (EchoServer, 1);
  server->mode = mode;
  server->burst = 5;
  if (mode == ECHO_LATER)
    server->later = g_async_queue_new_full (request_free);
  server->listener = gorb_transport_listen (transport, endpoint, echo_func, server, NULL, error);
  if (server->listener == NULL)
    {
      g_clear_pointer (&server->later, g_async_queue_unref);
      g_free (server);
      return NULL;
    }
  if (mode == ECHO_LATER)
    server->replier = g_thread_new ("test-replier", replier_func, server);
  return server;
}

void
echo_server_free (EchoServer *server)
{
  gorb_listener_close (server->listener); /* no more requests queued for the replier */
  if (server->replier != NULL)
    {
      g_async_queue_push (server->later, g_new0 (Request, 1));
      g_thread_join (server->replier);
    }
  g_clear_pointer (&server->later, g_async_queue_unref);
  g_object_unref (server->listener);
  g_free (server);
}

GorbChannel *
connect_to (const char *endpoint)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbTransport) transport = gorb_transport_for_endpoint (endpoint, &error);
  GorbChannel *channel;

  GORB_ASSERT_NO_ERROR (error);
  channel = gorb_transport_connect (transport, endpoint, &error);
  GORB_ASSERT_NO_ERROR (error);
  return channel;
}

EchoServer *
serve (const char *endpoint, EchoMode mode)
{
  g_autoptr (GError) error = NULL;
  EchoServer *server = echo_server_new (endpoint, mode, &error);

  GORB_ASSERT_NO_ERROR (error);
  return server;
}

GBytes *
bytes_printf (const char *format, ...)
{
  va_list args;
  char *s;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  return g_bytes_new_take (s, strlen (s));
}

GBytes *
random_bytes (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_random_int ();
  return g_bytes_new_take (data, size);
}

gboolean
bytes_has_prefix (GBytes *bytes, const char *prefix)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize len = strlen (prefix);

  return size >= len && memcmp (data, prefix, len) == 0;
}

gint64
deadline_in_ms (int ms)
{
  return g_get_monotonic_time () + (gint64) ms * 1000;
}

gboolean
round_trip (GorbChannel *channel, GBytes *header, GBytes *body, GBytes **reply_header,
            GBytes **reply_body, GError **error)
{
  return gorb_channel_send (channel, header, body, deadline_in_ms (TEST_HANG_MS), error)
         && gorb_channel_receive (channel, deadline_in_ms (TEST_HANG_MS), reply_header, reply_body,
                                  error);
}

gboolean
round_trip_retrying (GorbChannel *channel, const char *what, gint64 give_up)
{
  for (guint attempt = 0; g_get_monotonic_time () < give_up; attempt++)
    {
      g_autoptr (GBytes) header = bytes_printf ("%s-%u", what, attempt);
      g_autoptr (GError) error = NULL;
      gint64 wait_until = MIN (give_up, deadline_in_ms (1000));

      if (!gorb_channel_send (channel, header, NULL, give_up, &error))
        {
          g_printerr ("\n  send: %s\n", error->message);
          return FALSE;
        }
      for (;;)
        {
          g_autoptr (GBytes) rheader = NULL;
          g_autoptr (GBytes) rbody = NULL;

          g_clear_error (&error);
          if (!gorb_channel_receive (channel, wait_until, &rheader, &rbody, &error))
            break; /* lost with the old connection: send again */
          if (bytes_has_prefix (rheader, what))
            return TRUE;
        }
    }
  return FALSE;
}

gboolean
wait_for_int (const gint *counter, gint value)
{
  gint64 give_up = deadline_in_ms (TEST_HANG_MS);

  while (g_atomic_int_get (counter) < value && g_get_monotonic_time () < give_up)
    g_usleep (1000);
  return g_atomic_int_get (counter) >= value;
}

gboolean
wait_for_dropped (GorbListener *listener, guint64 value)
{
  gint64 give_up = deadline_in_ms (TEST_HANG_MS);

  while (gorb_listener_get_dropped (listener) < value && g_get_monotonic_time () < give_up)
    g_usleep (1000);
  return gorb_listener_get_dropped (listener) == value;
}

static guint
count_dir_entries (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert (dir != NULL);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

guint
count_threads (void)
{
  return count_dir_entries ("/proc/self/task");
}

guint
count_fds (void)
{
  return count_dir_entries ("/proc/self/fd");
}

gboolean
wait_for_fds_at_most (guint value)
{
  gint64 give_up = deadline_in_ms (TEST_HANG_MS);

  while (count_fds () > value && g_get_monotonic_time () < give_up)
    g_usleep (1000);
  return count_fds () <= value;
}

/* Reads the child's first line, the endpoint it bound, within the bound. */
static char *
read_line (int fd, GError **error)
{
  g_autoptr (GString) line = g_string_new (NULL);
  gint64 give_up = deadline_in_ms (TEST_HANG_MS);

  for (;;)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      gint64 left = give_up - g_get_monotonic_time ();
      char c;
      ssize_t n;

      if (left <= 0 || poll (&pfd, 1, (int) (left / 1000) + 1) == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "child printed no endpoint");
          return NULL;
        }
      n = read (fd, &c, 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "child exited before serving");
          return NULL;
        }
      if (c == '\n')
        return g_string_free (g_steal_pointer (&line), FALSE);
      g_string_append_c (line, c);
    }
}

gboolean
child_server_start (ChildServer *child, const char *endpoint, GError **error)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", error);
  int out_fd = -1;

  child->pid = 0;
  child->endpoint = NULL;
  if (self_exe == NULL)
    return FALSE;
  {
    const char *argv[] = { self_exe, "--serve", endpoint, NULL };
    if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                   NULL, &child->pid, NULL, &out_fd, NULL, error))
      return FALSE;
  }
  child->endpoint = read_line (out_fd, error);
  close (out_fd);
  if (child->endpoint == NULL)
    {
      child_server_kill (child);
      return FALSE;
    }
  return TRUE;
}

void
child_server_kill (ChildServer *child)
{
  if (child->pid > 0)
    {
      kill (child->pid, SIGKILL);
      while (waitpid (child->pid, NULL, 0) < 0 && errno == EINTR)
        ;
      g_spawn_close_pid (child->pid);
      child->pid = 0;
    }
  g_clear_pointer (&child->endpoint, g_free);
}

int
child_server_main (const char *endpoint)
{
  g_autoptr (GError) error = NULL;
  EchoServer *server = echo_server_new (endpoint, ECHO_NOW, &error);

  if (server == NULL)
    {
      g_printerr ("test-zmq-transport --serve: %s\n", error->message);
      return 1;
    }
  printf ("%s\n", gorb_listener_get_endpoint (server->listener));
  fflush (stdout);
  for (;;)
    pause (); /* until the test kills us */
}
