/* tests/transport/test-zmq-transport.c - the ZeroMQ transport over real sockets: round trips,
 * threads, sources, deadlines, hostile peers, limits, reconnection and shutdown */
#include "transport-test-util.h"
#include "gorb-transport-private.h"

#include <glib/gstdio.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zmq.h>

static struct
{
  char *tmp_dir; /* for ipc:// endpoints */
} fx;

static int
suite_init (void)
{
  fx.tmp_dir = g_dir_make_tmp ("gorb-transport-XXXXXX", NULL);
  return fx.tmp_dir != NULL ? 0 : -1;
}

static int
suite_cleanup (void)
{
  g_autoptr (GDir) dir = g_dir_open (fx.tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx.tmp_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fx.tmp_dir);
  g_clear_pointer (&fx.tmp_dir, g_free);
  return 0;
}

static char *
ipc_endpoint (const char *name)
{
  return g_strdup_printf ("ipc://%s/%s", fx.tmp_dir, name);
}

static gboolean
bytes_equal_or_both_empty (GBytes *a, GBytes *b)
{
  gsize a_len = a != NULL ? g_bytes_get_size (a) : 0;
  gsize b_len = b != NULL ? g_bytes_get_size (b) : 0;

  return a_len == b_len && (a_len == 0 || g_bytes_equal (a, b));
}

static void
ignore_func (GorbListener *listener, GBytes *peer, GBytes *header, GBytes *body, gpointer data)
{
}

static gboolean
never_called (gpointer data)
{
  CU_FAIL ("callback of a closed channel's source");
  return G_SOURCE_REMOVE;
}

/* Round trips */

static void
echo_over (const char *endpoint)
{
  g_autoptr (EchoServer) server = serve (endpoint, ECHO_NOW);
  g_autoptr (GorbChannel) channel = connect_to (gorb_listener_get_endpoint (server->listener));
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr (GBytes) big = random_bytes (1 << 20);
  GBytes *bodies[] = { NULL, empty, big };

  CU_ASSERT_FALSE (gorb_listener_is_listener_thread (server->listener));
  CU_ASSERT_TRUE (gorb_channel_is_owner_thread (channel));
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) header = bytes_printf ("header-%u", i);
      g_autoptr (GBytes) rheader = NULL;
      g_autoptr (GBytes) rbody = NULL;

      CU_ASSERT_TRUE (round_trip (channel, header, bodies[i], &rheader, &rbody, &error));
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_TRUE (g_bytes_equal (header, rheader));
      /* a gorb peer always sends two frames: an absent body arrives empty */
      CU_ASSERT_PTR_NOT_NULL_FATAL (rbody);
      CU_ASSERT_TRUE (bytes_equal_or_both_empty (bodies[i], rbody));
    }
  CU_ASSERT_EQUAL (g_atomic_int_get (&server->n_requests), 3);
  CU_ASSERT_EQUAL (server->n_null_bodies, 0);
  CU_ASSERT_EQUAL (server->n_wrong_thread, 0);
  CU_ASSERT_EQUAL (server->n_send_failures, 0);
  CU_ASSERT_EQUAL (server->max_body_size, 1 << 20);
  CU_ASSERT_EQUAL (gorb_listener_get_dropped (server->listener), 0);
}

static void
test_echo_over_tcp_with_a_free_port (void)
{
  g_autoptr (EchoServer) server = serve ("tcp://127.0.0.1:0", ECHO_SILENT);
  const char *bound = gorb_listener_get_endpoint (server->listener);

  CU_ASSERT_TRUE (g_str_has_prefix (bound, "tcp://127.0.0.1:"));
  CU_ASSERT_STRING_NOT_EQUAL (bound, "tcp://127.0.0.1:0");
  echo_over ("tcp://127.0.0.1:0");
  echo_over ("tcp://*:0");
}

static void
test_echo_over_ipc (void)
{
  g_autofree char *endpoint = ipc_endpoint ("echo");
  g_autoptr (EchoServer) server = serve (endpoint, ECHO_SILENT);

  CU_ASSERT_STRING_EQUAL (gorb_listener_get_endpoint (server->listener), endpoint);
  g_clear_pointer (&server, echo_server_free);
  echo_over (endpoint);
}

static void
test_echo_over_inproc (void)
{
  echo_over ("inproc://test-echo");
}

static void
test_thousand_pipelined_messages_all_answered (void)
{
  g_autoptr (EchoServer) server = serve ("tcp://127.0.0.1:0", ECHO_NOW);
  g_autoptr (GorbChannel) channel = connect_to (gorb_listener_get_endpoint (server->listener));
  g_autoptr (GHashTable) pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 1000 && error == NULL; i++)
    {
      g_autoptr (GBytes) header = bytes_printf ("req-%u", i);
      g_autoptr (GBytes) body = bytes_printf ("body-%u", i * 7);
      gorb_channel_send (channel, header, body, deadline_in_ms (TEST_HANG_MS), &error);
      g_hash_table_add (pending, g_strdup_printf ("req-%u/body-%u", i, i * 7));
    }
  GORB_ASSERT_NO_ERROR (error);
  for (guint i = 0; i < 1000 && error == NULL; i++)
    {
      g_autoptr (GBytes) rheader = NULL;
      g_autoptr (GBytes) rbody = NULL;
      if (gorb_channel_receive (channel, deadline_in_ms (TEST_HANG_MS), &rheader, &rbody, &error))
        {
          g_autofree char *key = g_strdup_printf ("%.*s/%.*s", (int) g_bytes_get_size (rheader),
                                                  (const char *) g_bytes_get_data (rheader, NULL),
                                                  (int) g_bytes_get_size (rbody),
                                                  (const char *) g_bytes_get_data (rbody, NULL));
          CU_ASSERT_TRUE (g_hash_table_remove (pending, key));
        }
    }
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (g_hash_table_size (pending), 0);
}

static void
test_replies_from_another_thread_arrive (void)
{
  g_autoptr (EchoServer) server = serve ("tcp://127.0.0.1:0", ECHO_LATER);
  g_autoptr (GorbChannel) channel = connect_to (gorb_listener_get_endpoint (server->listener));
  g_autoptr (GError) error = NULL;
  guint got = 0;
  gboolean seen[100] = { FALSE };

  for (guint i = 0; i < 100 && error == NULL; i++)
    {
      g_autoptr (GBytes) header = bytes_printf ("later-%02u", i);
      gorb_channel_send (channel, header, NULL, deadline_in_ms (TEST_HANG_MS), &error);
    }
  while (got < 100 && error == NULL)
    {
      g_autoptr (GBytes) rheader = NULL;
      if (gorb_channel_receive (channel, deadline_in_ms (TEST_HANG_MS), &rheader, NULL, &error))
        {
          const char *h = g_bytes_get_data (rheader, NULL);
          guint i = (guint) g_ascii_strtoull (h + strlen ("later-"), NULL, 10);
          CU_ASSERT_TRUE (g_bytes_get_size (rheader) == 8 && i < 100 && !seen[i]);
          seen[MIN (i, 99)] = TRUE;
          got++;
        }
    }
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (got, 100);
  CU_ASSERT_EQUAL (server->n_wrong_thread, 0);
  CU_ASSERT_EQUAL (server->n_send_failures, 0);
}

static gpointer
client_thread_func (gpointer data)
{
  const char *endpoint = data;
  g_autoptr (GorbChannel) channel = connect_to (endpoint);
  guint failures = 0;

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) header = bytes_printf ("%p-%u", (void *) g_thread_self (), i);
      g_autoptr (GBytes) rheader = NULL;

      if (!round_trip (channel, header, NULL, &rheader, NULL, &error)
          || !g_bytes_equal (header, rheader))
        failures++;
    }
  return GUINT_TO_POINTER (failures);
}

static void
test_client_threads_each_with_a_channel (void)
{
  g_autoptr (EchoServer) server = serve ("tcp://127.0.0.1:0", ECHO_NOW);
  char *endpoint = (char *) gorb_listener_get_endpoint (server->listener);
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("test-client", client_thread_func, endpoint);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    CU_ASSERT_EQUAL (GPOINTER_TO_UINT (g_thread_join (threads[i])), 0);
  CU_ASSERT_EQUAL (g_atomic_int_get (&server->n_requests), 800);
}

/* The channel source */

typedef struct
{
  guint n_replies;
  gboolean one_per_dispatch;
  gboolean timed_out;
  guint n_errors;
} SourceState;

static gboolean
on_channel_readable (GorbChannel *channel, gpointer user_data)
{
  SourceState *state = user_data;

  do
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) header = NULL;

      if (!gorb_channel_receive (channel, 0, &header, NULL, &error))
        {
          if (!g_error_matches (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT)
              || state->one_per_dispatch)
            state->n_errors++; /* dispatched with nothing to read */
          break;
        }
      state->n_replies++;
    }
  while (!state->one_per_dispatch);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_hang (gpointer user_data)
{
  ((SourceState *) user_data)->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
source_delivers_bursts (gboolean one_per_dispatch)
{
  g_autoptr (EchoServer) server = serve ("tcp://127.0.0.1:0", ECHO_BURST);
  g_autoptr (GorbChannel) channel = connect_to (gorb_listener_get_endpoint (server->listener));
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GSource) source = gorb_channel_create_source (channel);
  g_autoptr (GSource) hang = g_timeout_source_new (TEST_HANG_MS);
  SourceState state = { .one_per_dispatch = one_per_dispatch };

  g_source_set_callback (source, G_SOURCE_FUNC (on_channel_readable), &state, NULL);
  g_source_attach (source, context);
  g_source_set_callback (hang, on_hang, &state, NULL);
  g_source_attach (hang, context);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (GBytes) header = bytes_printf ("burst-%u", i);
      CU_ASSERT_TRUE (
          gorb_channel_send (channel, header, NULL, deadline_in_ms (TEST_HANG_MS), NULL));
    }
  /* let the replies pile up before the first poll: ZMQ_FD fires once for all */
  wait_for_int (&server->n_requests, 10);
  g_usleep (50000);
  while (state.n_replies < 50 && !state.timed_out)
    g_main_context_iteration (context, TRUE);
  CU_ASSERT_EQUAL (state.n_replies, 50);
  CU_ASSERT_EQUAL (state.n_errors, 0);
  CU_ASSERT_FALSE (state.timed_out);

  /* a closed channel's source removes itself without calling back */
  gorb_channel_close (channel);
  while (g_main_context_iteration (context, FALSE))
    ;
  CU_ASSERT_TRUE (g_source_is_destroyed (source));
  CU_ASSERT_EQUAL (state.n_errors, 0);
  g_source_destroy (hang);
}

static void
test_source_delivers_every_reply_one_per_dispatch (void)
{
  source_delivers_bursts (TRUE);
}

static void
test_source_delivers_every_reply_draining (void)
{
  source_delivers_bursts (FALSE);
}

/* Deadlines */

static void
test_receive_deadline_times_out (void)
{
  g_autoptr (EchoServer) server = serve ("tcp://127.0.0.1:0", ECHO_SILENT);
  g_autoptr (GorbChannel) channel = connect_to (gorb_listener_get_endpoint (server->listener));
  g_autoptr (GBytes) header = bytes_printf ("unanswered");
  g_autoptr (GBytes) rheader = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start, deadline;

  CU_ASSERT_FALSE (gorb_channel_receive (channel, 0, &rheader, NULL, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT);
  g_clear_error (&error);

  CU_ASSERT_TRUE (gorb_channel_send (channel, header, NULL, deadline_in_ms (TEST_HANG_MS), NULL));
  start = g_get_monotonic_time ();
  deadline = start + 200 * 1000;
  CU_ASSERT_FALSE (gorb_channel_receive (channel, deadline, &rheader, NULL, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT);
  CU_ASSERT_TRUE (g_get_monotonic_time () >= deadline); /* not early */
  CU_ASSERT_TRUE (g_get_monotonic_time () - start < TEST_HANG_MS * 1000);
  CU_ASSERT_PTR_NULL (rheader);
}

static void
send_times_out (const char *endpoint)
{
  g_autoptr (GorbChannel) channel = connect_to (endpoint);
  g_autoptr (GBytes) header = bytes_printf ("nobody home");
  g_autoptr (GError) error = NULL;
  gint64 deadline = deadline_in_ms (200);

  CU_ASSERT_FALSE (gorb_channel_send (channel, header, NULL, deadline, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT);
  CU_ASSERT_TRUE (g_get_monotonic_time () >= deadline);
}

static void
test_send_without_server_times_out (void)
{
  /* a port bound but not listening: refused, and nobody else can take it */
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr = { .sin_family = AF_INET };
  socklen_t len = sizeof addr;
  g_autofree char *tcp = NULL;
  g_autofree char *ipc = ipc_endpoint ("nobody");

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  CU_ASSERT_EQUAL_FATAL (bind (fd, (struct sockaddr *) &addr, sizeof addr), 0);
  CU_ASSERT_EQUAL_FATAL (getsockname (fd, (struct sockaddr *) &addr, &len), 0);
  tcp = g_strdup_printf ("tcp://127.0.0.1:%u", ntohs (addr.sin_port));
  send_times_out (tcp);
  send_times_out (ipc);
  close (fd);
}

/* Hostile or odd peers */

static void
raw_send (void *socket, const char *const *frames, guint n)
{
  for (guint i = 0; i < n; i++)
    CU_ASSERT_TRUE (zmq_send (socket, frames[i], strlen (frames[i]), i + 1 < n ? ZMQ_SNDMORE : 0)
                    >= 0);
}

static void
test_odd_frame_counts_are_dropped_and_counted (void)
{
  g_autoptr (EchoServer) server = serve ("tcp://127.0.0.1:0", ECHO_NOW);
  const char *endpoint = gorb_listener_get_endpoint (server->listener);
  void *context = zmq_ctx_new ();
  void *dealer = zmq_socket (context, ZMQ_DEALER);
  int linger = 0, timeout = TEST_HANG_MS;
  static const char *const three[] = { "a", "b", "c" };
  static const char *const five[] = { "a", "b", "c", "d", "e" };
  static const char *const one[] = { "only-a-header" };
  char buf[64];
  int more = 0;
  size_t more_len = sizeof more;

  zmq_setsockopt (dealer, ZMQ_LINGER, &linger, sizeof linger);
  zmq_setsockopt (dealer, ZMQ_RCVTIMEO, &timeout, sizeof timeout);
  CU_ASSERT_EQUAL_FATAL (zmq_connect (dealer, endpoint), 0);
  raw_send (dealer, three, 3);
  raw_send (dealer, five, 5);
  CU_ASSERT_TRUE (wait_for_dropped (server->listener, 2));
  CU_ASSERT_EQUAL (g_atomic_int_get (&server->n_requests), 0);

  /* one frame: delivered with a NULL body, answered with two frames */
  raw_send (dealer, one, 1);
  CU_ASSERT_EQUAL (zmq_recv (dealer, buf, sizeof buf, 0), (int) strlen (one[0]));
  zmq_getsockopt (dealer, ZMQ_RCVMORE, &more, &more_len);
  CU_ASSERT_TRUE (more);
  CU_ASSERT_EQUAL (zmq_recv (dealer, buf, sizeof buf, 0), 0);
  CU_ASSERT_EQUAL (server->n_null_bodies, 1);
  zmq_close (dealer);
  zmq_ctx_term (context);

  /* a peer that does not speak ZMTP at all */
  {
    int fd = socket (AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = { .sin_family = AF_INET };
    char garbage[4096];

    addr.sin_port = htons ((guint16) atoi (strrchr (endpoint, ':') + 1));
    addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
    memset (garbage, 0xff, sizeof garbage);
    CU_ASSERT_EQUAL (connect (fd, (struct sockaddr *) &addr, sizeof addr), 0);
    CU_ASSERT_TRUE (write (fd, garbage, sizeof garbage) > 0);
    close (fd);
  }

  /* ... and the listener still serves */
  {
    g_autoptr (GorbChannel) channel = connect_to (endpoint);
    g_autoptr (GBytes) header = bytes_printf ("still there?");
    g_autoptr (GBytes) rheader = NULL;
    g_autoptr (GError) error = NULL;

    CU_ASSERT_TRUE (round_trip (channel, header, NULL, &rheader, NULL, &error));
    GORB_ASSERT_NO_ERROR (error);
  }
  CU_ASSERT_EQUAL (gorb_listener_get_dropped (server->listener), 2);
}

static void
test_replies_to_unknown_peers_are_dropped_and_counted (void)
{
  g_autoptr (EchoServer) server = serve ("tcp://127.0.0.1:0", ECHO_NOW);
  g_autoptr (GorbChannel) channel = connect_to (gorb_listener_get_endpoint (server->listener));
  g_autoptr (GBytes) header = bytes_printf (ECHO_TO_NOBODY);
  g_autoptr (GBytes) nobody = bytes_printf ("nobody");
  g_autoptr (GBytes) rheader = NULL;
  g_autoptr (GError) error = NULL;

  /* from the listener thread */
  CU_ASSERT_TRUE (round_trip (channel, header, NULL, &rheader, NULL, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (gorb_listener_get_dropped (server->listener), 1);
  /* from another thread: queued, then dropped by the listener thread */
  CU_ASSERT_TRUE (gorb_listener_send (server->listener, nobody, header, NULL, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (wait_for_dropped (server->listener, 2));
  CU_ASSERT_EQUAL (server->n_send_failures, 0);
}

/* Limits */

static void
test_oversized_message_is_refused_and_listener_serves_on (void)
{
  g_autoptr (GorbTransport) transport = gorb_transport_for_endpoint ("tcp://", NULL);
  g_autoptr (EchoServer) server = NULL;
  g_autoptr (GorbChannel) channel = NULL;
  g_autoptr (GorbChannel) other = NULL;
  g_autoptr (GBytes) header = bytes_printf ("too big");
  g_autoptr (GBytes) big = random_bytes (1 << 20);
  g_autoptr (GBytes) rheader = NULL;
  g_autoptr (GError) error = NULL;

  CU_ASSERT_EQUAL (gorb_transport_get_max_message_size (transport),
                   GORB_TRANSPORT_DEFAULT_MAX_MESSAGE_SIZE);
  gorb_transport_set_max_message_size (transport, 64 << 10);
  server = serve ("tcp://127.0.0.1:0", ECHO_NOW);
  gorb_transport_set_max_message_size (transport, GORB_TRANSPORT_DEFAULT_MAX_MESSAGE_SIZE);

  channel = connect_to (gorb_listener_get_endpoint (server->listener));
  CU_ASSERT_TRUE (gorb_channel_send (channel, header, big, deadline_in_ms (TEST_HANG_MS), NULL));
  CU_ASSERT_FALSE (gorb_channel_receive (channel, deadline_in_ms (500), &rheader, NULL, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT);
  CU_ASSERT_EQUAL (server->max_body_size, 0); /* never reached the func */

  /* the same channel is reconnected and served; so is a new one */
  CU_ASSERT_TRUE (round_trip_retrying (channel, "small", deadline_in_ms (TEST_HANG_MS)));
  other = connect_to (gorb_listener_get_endpoint (server->listener));
  CU_ASSERT_TRUE (round_trip_retrying (other, "other", deadline_in_ms (TEST_HANG_MS)));
}

static void
test_frames_past_the_limit_are_not_sent (void)
{
  g_autoptr (GorbTransport) transport = gorb_transport_for_endpoint ("inproc://", NULL);
  g_autoptr (EchoServer) server = NULL;
  g_autoptr (GorbChannel) channel = NULL;
  g_autoptr (GBytes) header = bytes_printf ("h");
  g_autoptr (GBytes) big = random_bytes (100 << 10);
  g_autoptr (GError) error = NULL;

  gorb_transport_set_max_message_size (transport, 64 << 10);
  server = serve ("inproc://test-limit", ECHO_NOW);
  channel = connect_to ("inproc://test-limit");
  gorb_transport_set_max_message_size (transport, GORB_TRANSPORT_DEFAULT_MAX_MESSAGE_SIZE);

  CU_ASSERT_FALSE (gorb_channel_send (channel, header, big, -1, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_channel_send (channel, big, NULL, -1, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_listener_send (server->listener, header, header, big, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TOO_LARGE);
}

/* Endpoints */

static void
test_unknown_scheme_is_a_bad_endpoint (void)
{
  g_autoptr (GError) error = NULL;

  CU_ASSERT_PTR_NULL (gorb_transport_for_endpoint ("foo://x", &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_BAD_ENDPOINT);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "'foo'"));
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (gorb_transport_for_endpoint ("localhost:5555", &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_BAD_ENDPOINT);
}

static void
test_malformed_endpoint_is_a_bad_endpoint (void)
{
  g_autoptr (GorbTransport) transport = gorb_transport_for_endpoint ("tcp://nohost:abc", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *no_dir = ipc_endpoint ("no/such/dir/sock");

  CU_ASSERT_PTR_NOT_NULL_FATAL (transport);
  CU_ASSERT_PTR_NULL (gorb_transport_connect (transport, "tcp://nohost:abc", &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_BAD_ENDPOINT);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "tcp://nohost:abc"));
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (
      gorb_transport_listen (transport, "tcp://nohost:abc", ignore_func, NULL, NULL, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_BAD_ENDPOINT);
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (gorb_transport_listen (transport, no_dir, ignore_func, NULL, NULL, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_BAD_ENDPOINT);
}

static void
test_binding_a_port_twice_is_address_in_use (void)
{
  g_autoptr (EchoServer) server = serve ("tcp://127.0.0.1:0", ECHO_NOW);
  g_autoptr (EchoServer) inproc = serve ("inproc://test-twice", ECHO_NOW);
  g_autoptr (GError) error = NULL;

  CU_ASSERT_PTR_NOT_NULL_FATAL (inproc);
  CU_ASSERT_PTR_NULL (
      echo_server_new (gorb_listener_get_endpoint (server->listener), ECHO_NOW, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_ADDRESS_IN_USE);
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (echo_server_new ("inproc://test-twice", ECHO_NOW, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_ADDRESS_IN_USE);
}

/* Reconnection to a restarted server (in a child process) */

static void
restarted_server_is_reached_again (const char *endpoint)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbChannel) channel = NULL;
  ChildServer child;

  CU_ASSERT_TRUE_FATAL (child_server_start (&child, endpoint, &error));
  channel = connect_to (child.endpoint);
  CU_ASSERT_TRUE (round_trip_retrying (channel, "first", deadline_in_ms (TEST_HANG_MS)));

  g_autofree char *bound = g_strdup (child.endpoint);
  child_server_kill (&child);
  if (!child_server_start (&child, bound, &error))
    {
      GORB_ASSERT_NO_ERROR (error);
      return;
    }
  CU_ASSERT_STRING_EQUAL (child.endpoint, bound);
  CU_ASSERT_TRUE (round_trip_retrying (channel, "second", deadline_in_ms (TEST_HANG_MS)));
  child_server_kill (&child);
}

static void
test_restarted_tcp_server_is_reached_again (void)
{
  restarted_server_is_reached_again ("tcp://127.0.0.1:0");
}

static void
test_restarted_ipc_server_is_reached_again (void)
{
  g_autofree char *endpoint = ipc_endpoint ("restart");

  restarted_server_is_reached_again (endpoint);
}

/* Shutdown */

static void
test_close_leaves_no_thread_nor_socket (void)
{
  g_autofree char *ipc = ipc_endpoint ("shutdown");
  const char *endpoints[] = { "tcp://127.0.0.1:0", ipc, "inproc://test-shutdown" };
  EchoServer *servers[3];
  GorbChannel *channels[3];
  guint threads, fds;

  g_object_unref (connect_to ("inproc://warm-up")); /* starts ZeroMQ's own threads */
  threads = count_threads ();
  fds = count_fds ();
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (GBytes) header = bytes_printf ("bye");
      g_autoptr (GBytes) rheader = NULL;

      servers[i] = serve (endpoints[i], i == 0 ? ECHO_LATER : ECHO_NOW);
      channels[i] = connect_to (gorb_listener_get_endpoint (servers[i]->listener));
      CU_ASSERT_TRUE (round_trip (channels[i], header, NULL, &rheader, NULL, NULL));
    }
  CU_ASSERT_EQUAL (count_threads (), threads + 4); /* 3 listeners and a replier */
  for (guint i = 0; i < 3; i++)
    {
      gorb_channel_close (channels[i]);
      gorb_channel_close (channels[i]); /* idempotent */
      gorb_listener_close (servers[i]->listener);
      gorb_listener_close (servers[i]->listener);
    }
  CU_ASSERT_EQUAL (count_threads (), threads + 1); /* the replier, stopped below */
  for (guint i = 0; i < 3; i++)
    {
      g_object_unref (channels[i]);
      echo_server_free (servers[i]);
    }
  CU_ASSERT_EQUAL (count_threads (), threads);
  CU_ASSERT_TRUE (wait_for_fds_at_most (fds));
}

static void
count_destroy (gpointer data)
{
  g_atomic_int_inc ((gint *) data);
}

static void
test_closed_channel_and_listener_refuse_to_send (void)
{
  g_autoptr (GorbTransport) transport = gorb_transport_for_endpoint ("inproc://", NULL);
  g_autoptr (GBytes) header = bytes_printf ("late");
  g_autoptr (GBytes) rheader = NULL;
  g_autoptr (GError) error = NULL;
  gint destroyed = 0;
  GorbListener *listener = gorb_transport_listen (transport, "inproc://test-closed", ignore_func,
                                                  &destroyed, count_destroy, NULL);
  g_autoptr (GorbChannel) channel = connect_to ("inproc://test-closed");
  g_autoptr (GSource) source = NULL;

  CU_ASSERT_PTR_NOT_NULL_FATAL (listener);
  gorb_listener_close (listener);
  gorb_listener_close (listener);
  CU_ASSERT_EQUAL (destroyed, 1);
  CU_ASSERT_FALSE (gorb_listener_send (listener, header, header, NULL, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_CLOSED);
  g_clear_error (&error);
  g_object_unref (listener);
  CU_ASSERT_EQUAL (destroyed, 1);

  gorb_channel_close (channel);
  CU_ASSERT_FALSE (gorb_channel_send (channel, header, NULL, -1, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_CLOSED);
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_channel_receive (channel, -1, &rheader, NULL, &error));
  GORB_ASSERT_ERROR (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_CLOSED);
  source = gorb_channel_create_source (channel);
  g_source_set_callback (source, G_SOURCE_FUNC (never_called), NULL, NULL);
  g_source_attach (source, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  CU_ASSERT_TRUE (g_source_is_destroyed (source));
}

typedef struct
{
  GorbListener *listener; /* the only reference, in the "unref" variant */
  gboolean unref;
  gint destroyed;
} SelfStop;

static void
stop_from_func (GorbListener *listener, GBytes *peer, GBytes *header, GBytes *body, gpointer data)
{
  SelfStop *stop = data;

  if (stop->unref)
    g_object_unref (g_steal_pointer (&stop->listener)); /* the last reference */
  else
    gorb_listener_close (listener);
}

static void
self_stop_destroyed (gpointer data)
{
  g_atomic_int_inc (&((SelfStop *) data)->destroyed);
}

static void
listener_stops_from_its_func (gboolean unref)
{
  g_autoptr (GorbTransport) transport = gorb_transport_for_endpoint ("inproc://", NULL);
  g_autoptr (GorbChannel) channel = NULL;
  g_autoptr (GBytes) header = bytes_printf ("stop");
  SelfStop stop = { .unref = unref };
  guint threads;

  g_object_unref (connect_to ("inproc://warm-up"));
  threads = count_threads ();
  /* one name per variant: ZeroMQ frees an inproc name only once its reaper
   * thread has destroyed the closed socket, after gorb_listener_close */
  const char *endpoint = unref ? "inproc://test-self-stop-unref" : "inproc://test-self-stop-close";
  stop.listener = gorb_transport_listen (transport, endpoint, stop_from_func, &stop,
                                         self_stop_destroyed, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (stop.listener);
  channel = connect_to (endpoint);
  CU_ASSERT_TRUE (gorb_channel_send (channel, header, NULL, deadline_in_ms (TEST_HANG_MS), NULL));
  CU_ASSERT_TRUE (wait_for_int (&stop.destroyed, 1));
  if (!unref)
    {
      CU_ASSERT_TRUE (gorb_listener_is_closed (stop.listener));
      g_clear_object (&stop.listener); /* joins the thread */
    }
  else
    {
      gint64 give_up = deadline_in_ms (TEST_HANG_MS);
      while (count_threads () > threads && g_get_monotonic_time () < give_up)
        g_usleep (1000);
    }
  CU_ASSERT_EQUAL (count_threads (), threads);
  CU_ASSERT_EQUAL (stop.destroyed, 1);
}

static void
test_listener_closed_from_its_func (void)
{
  listener_stops_from_its_func (FALSE);
}

static void
test_listener_unreffed_from_its_func (void)
{
  listener_stops_from_its_func (TRUE);
}

static CU_TestInfo transport_tests[] = {
  { "echo over tcp with a free port", test_echo_over_tcp_with_a_free_port },
  { "echo over ipc", test_echo_over_ipc },
  { "echo over inproc", test_echo_over_inproc },
  { "1000 pipelined messages all answered", test_thousand_pipelined_messages_all_answered },
  { "replies from another thread arrive", test_replies_from_another_thread_arrive },
  { "client threads each with a channel", test_client_threads_each_with_a_channel },
  { "source delivers every reply, one per dispatch",
    test_source_delivers_every_reply_one_per_dispatch },
  { "source delivers every reply, draining", test_source_delivers_every_reply_draining },
  { "receive deadline times out", test_receive_deadline_times_out },
  { "send without server times out", test_send_without_server_times_out },
  { "odd frame counts are dropped and counted", test_odd_frame_counts_are_dropped_and_counted },
  { "replies to unknown peers are dropped and counted",
    test_replies_to_unknown_peers_are_dropped_and_counted },
  { "oversized message is refused, listener serves on",
    test_oversized_message_is_refused_and_listener_serves_on },
  { "frames past the limit are not sent", test_frames_past_the_limit_are_not_sent },
  { "unknown scheme is a bad endpoint", test_unknown_scheme_is_a_bad_endpoint },
  { "malformed endpoint is a bad endpoint", test_malformed_endpoint_is_a_bad_endpoint },
  { "binding a port twice is address in use", test_binding_a_port_twice_is_address_in_use },
  { "restarted tcp server is reached again", test_restarted_tcp_server_is_reached_again },
  { "restarted ipc server is reached again", test_restarted_ipc_server_is_reached_again },
  { "close leaves no thread nor socket", test_close_leaves_no_thread_nor_socket },
  { "closed channel and listener refuse to send", test_closed_channel_and_listener_refuse_to_send },
  { "listener closed from its func", test_listener_closed_from_its_func },
  { "listener unreffed from its func", test_listener_unreffed_from_its_func },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "transport/zmq", suite_init, suite_cleanup, NULL, NULL, transport_tests },
  CU_SUITE_INFO_NULL,
};

int
main (int argc, char **argv)
{
  if (argc == 3 && strcmp (argv[1], "--serve") == 0)
    return child_server_main (argv[2]);
  return gorb_test_run (suites);
}
