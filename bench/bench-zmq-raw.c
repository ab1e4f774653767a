/* bench-zmq-raw.c - the raw ZeroMQ floor of the RPC workloads (peer=zmq-raw): what the same
 * libzmq that gorb links costs for W1-W5 with no ORB at all, DEALER to ROUTER over TCP.
 *
 *   gorb-bench-zmq-raw server ENDPOINT   a ROUTER served by one application thread; prints its
 *                                        real endpoint on stdout first (port 0 picks a free one)
 *                                        and runs until SIGTERM or SIGINT
 *   gorb-bench-zmq-raw client ENDPOINT   a DEALER (one more per W4 thread, each its own TCP
 *                                        connection); runs the workloads of gorb-bench.h
 *
 * A request is one frame, an operation byte then its payload:
 *   'p' ping    -> an empty frame
 *   'e' echo    -> the request frame itself, operation byte included, moved back (no copy)
 *   'h' people  -> the persons decoded (every string malloc'd) and encoded again afresh
 * A request the server cannot serve gets "!" and the reason.
 */
#include "gorb-bench.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#define PEER "zmq-raw"
#define REPLY_TIMEOUT_MS 10000

enum
{
  OP_PING = 'p',
  OP_ECHO = 'e',
  OP_PEOPLE = 'h'
};

static void
set_linger_zero (void *socket)
{
  int zero = 0;
  zmq_setsockopt (socket, ZMQ_LINGER, &zero, sizeof zero);
}

/* ---- server ---- */

static volatile sig_atomic_t stop_requested;

static void
on_stop_signal (int signum)
{
  stop_requested = 1;
}

static void
error_reply (zmq_msg_t *reply, const char *reason)
{
  size_t len = strlen (reason);

  zmq_msg_init_size (reply, len + 1);
  ((char *) zmq_msg_data (reply))[0] = '!';
  memcpy ((char *) zmq_msg_data (reply) + 1, reason, len);
}

static void
people_reply (const guint8 *data, gsize size, zmq_msg_t *reply)
{
  guint n;
  GorbBenchPerson *people = gorb_bench_people_unpack (data, size, &n);

  if (people == NULL)
    {
      error_reply (reply, "malformed persons");
      return;
    }
  zmq_msg_init_size (reply, gorb_bench_people_packed_size (people, n));
  gorb_bench_people_pack (people, n, zmq_msg_data (reply));
  gorb_bench_people_free (people, n);
}

/* Builds the reply to one request; may take the request's content (echo). */
static void
dispatch (zmq_msg_t *request, zmq_msg_t *reply)
{
  const guint8 *data = zmq_msg_data (request);
  size_t size = zmq_msg_size (request);

  if (size == 0)
    {
      error_reply (reply, "empty request");
      return;
    }
  switch (data[0])
    {
    case OP_PING:
      zmq_msg_init (reply);
      break;
    case OP_ECHO:
      zmq_msg_init (reply);
      zmq_msg_move (reply, request);
      break;
    case OP_PEOPLE:
      people_reply (data + 1, size - 1, reply);
      break;
    default:
      error_reply (reply, "unknown operation");
      break;
    }
}

/* Receives the next frame of a message already under way: EINTR does not stop it. */
static int
recv_rest (zmq_msg_t *msg, void *socket)
{
  int rc;

  while ((rc = zmq_msg_recv (msg, socket, 0)) < 0 && errno == EINTR)
    ;
  return rc;
}

static int
serve (const char *endpoint)
{
  void *ctx = zmq_ctx_new ();
  void *router = zmq_socket (ctx, ZMQ_ROUTER);
  char real[256];
  size_t real_len = sizeof real;
  struct sigaction sa;
  guint64 served = 0;
  int status = 0;

  set_linger_zero (router);
  if (zmq_bind (router, endpoint) != 0)
    {
      fprintf (stderr, "gorb-bench-zmq-raw: cannot bind %s: %s\n", endpoint, zmq_strerror (errno));
      return 1;
    }
  zmq_getsockopt (router, ZMQ_LAST_ENDPOINT, real, &real_len);
  printf ("%s\n", real);
  fflush (stdout);

  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_stop_signal; /* no SA_RESTART: a blocked receive returns EINTR */
  sigemptyset (&sa.sa_mask);
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGINT, &sa, NULL);
  fprintf (stderr, "gorb-bench-zmq-raw: serving %s (libzmq %d.%d.%d)\n", real, ZMQ_VERSION_MAJOR,
           ZMQ_VERSION_MINOR, ZMQ_VERSION_PATCH);

  while (!stop_requested)
    {
      zmq_msg_t identity, request, reply;

      zmq_msg_init (&identity);
      if (zmq_msg_recv (&identity, router, 0) < 0)
        {
          zmq_msg_close (&identity);
          if (errno == EINTR)
            continue;
          fprintf (stderr, "gorb-bench-zmq-raw: receive: %s\n", zmq_strerror (errno));
          status = 1;
          break;
        }
      zmq_msg_init (&request);
      if (recv_rest (&request, router) < 0)
        {
          fprintf (stderr, "gorb-bench-zmq-raw: receive: %s\n", zmq_strerror (errno));
          zmq_msg_close (&identity);
          zmq_msg_close (&request);
          status = 1;
          break;
        }
      if (zmq_msg_more (&request))
        {
          zmq_msg_t extra;
          zmq_msg_init (&extra);
          while (zmq_msg_more (&request) && recv_rest (&extra, router) >= 0
                 && zmq_msg_more (&extra))
            ;
          zmq_msg_close (&extra);
          error_reply (&reply, "more than one frame");
        }
      else
        dispatch (&request, &reply);

      /* The ROUTER drops what it cannot route (a client gone); nothing else fails here. */
      if (zmq_msg_send (&identity, router, ZMQ_SNDMORE) < 0 || zmq_msg_send (&reply, router, 0) < 0)
        fprintf (stderr, "gorb-bench-zmq-raw: send: %s\n", zmq_strerror (errno));
      zmq_msg_close (&identity);
      zmq_msg_close (&request);
      zmq_msg_close (&reply);
      served++;
    }

  fprintf (stderr, "gorb-bench-zmq-raw: served %" G_GUINT64_FORMAT " requests\n", served);
  zmq_close (router);
  zmq_ctx_term (ctx);
  return status;
}

/* ---- client ---- */

typedef struct
{
  void *ctx, *dealer;
  const char *endpoint;
  /* W2: the request [op][payload], built once, and the last reply */
  guint8 *request;
  gsize request_len;
  zmq_msg_t reply;
  /* W3: the persons sent, the encoding buffer, the persons decoded from the last reply */
  GorbBenchPerson *people;
  guint8 *packed;
  GorbBenchPerson *back;
  guint back_n;
} Client;

static gboolean
zmq_error (GError **error, const char *what)
{
  int e = errno;

  if (e == EAGAIN)
    g_set_error (error, GORB_BENCH_ERROR, 0, "%s: nothing within %d ms (is the server up?)", what,
                 REPLY_TIMEOUT_MS);
  else
    g_set_error (error, GORB_BENCH_ERROR, 0, "%s: %s", what, zmq_strerror (e));
  return FALSE;
}

static gboolean
unexpected_reply (GError **error, zmq_msg_t *reply, const char *expected)
{
  const char *data = zmq_msg_data (reply);
  size_t size = zmq_msg_size (reply);

  if (size > 0 && data[0] == '!')
    g_set_error (error, GORB_BENCH_ERROR, 0, "the server answered: %.*s", (int) MIN (size - 1, 200),
                 data + 1);
  else
    g_set_error (error, GORB_BENCH_ERROR, 0, "expected %s, got a reply of %zu bytes", expected,
                 size);
  return FALSE;
}

static void *
open_dealer (void *ctx, const char *endpoint, GError **error)
{
  void *dealer = zmq_socket (ctx, ZMQ_DEALER);
  int timeout = REPLY_TIMEOUT_MS;

  if (dealer == NULL)
    {
      zmq_error (error, "socket");
      return NULL;
    }
  set_linger_zero (dealer);
  zmq_setsockopt (dealer, ZMQ_RCVTIMEO, &timeout, sizeof timeout);
  zmq_setsockopt (dealer, ZMQ_SNDTIMEO, &timeout, sizeof timeout);
  if (zmq_connect (dealer, endpoint) != 0)
    {
      g_set_error (error, GORB_BENCH_ERROR, 0, "cannot connect to %s: %s", endpoint,
                   zmq_strerror (errno));
      zmq_close (dealer);
      return NULL;
    }
  return dealer;
}

/* Receives one single-frame reply. */
static gboolean
receive (void *dealer, zmq_msg_t *reply, GError **error)
{
  if (zmq_msg_recv (reply, dealer, 0) < 0)
    return zmq_error (error, "receive");
  if (zmq_msg_more (reply))
    {
      g_set_error_literal (error, GORB_BENCH_ERROR, 0, "a reply of more than one frame");
      return FALSE;
    }
  return TRUE;
}

static gboolean
roundtrip (void *dealer, const void *request, size_t len, zmq_msg_t *reply, GError **error)
{
  if (zmq_send (dealer, request, len, 0) < 0)
    return zmq_error (error, "send");
  return receive (dealer, reply, error);
}

static gboolean
ping (void *dealer, GError **error)
{
  static const guint8 op = OP_PING;
  zmq_msg_t reply;
  gboolean ok;

  zmq_msg_init (&reply);
  ok = roundtrip (dealer, &op, 1, &reply, error)
       && (zmq_msg_size (&reply) == 0 || unexpected_reply (error, &reply, "an empty reply"));
  zmq_msg_close (&reply);
  return ok;
}

/* W1 */

static gboolean
w1_call (gpointer data, GError **error)
{
  return ping (((Client *) data)->dealer, error);
}

/* W2 */

static gboolean
w2_call (gpointer data, GError **error)
{
  Client *c = data;

  zmq_msg_init (&c->reply);
  if (!roundtrip (c->dealer, c->request, c->request_len, &c->reply, error))
    return FALSE;
  return zmq_msg_size (&c->reply) == c->request_len
         || unexpected_reply (error, &c->reply, "the request echoed");
}

static gboolean
w2_check (gpointer data, GError **error)
{
  Client *c = data;

  if (memcmp (zmq_msg_data (&c->reply), c->request, c->request_len) != 0)
    {
      g_set_error_literal (error, GORB_BENCH_ERROR, 0, "the echo differs from the request");
      return FALSE;
    }
  return TRUE;
}

static void
w2_release (gpointer data)
{
  zmq_msg_close (&((Client *) data)->reply);
}

static void
run_w2 (Client *c, const GorbBenchConfig *cfg)
{
  for (guint k = 0; k < cfg->w2_count; k++)
    {
      const GorbBenchW2Size *s = &cfg->w2[k];
      g_autofree char *label = g_strdup_printf ("size=%zu", s->size);
      GorbBenchLoop loop
          = { PEER, "W2", label, s->warm, s->n, s->size, w2_call, w2_check, w2_release, c };

      c->request_len = s->size + 1;
      c->request = g_malloc (c->request_len);
      c->request[0] = OP_ECHO;
      gorb_bench_fill_payload (c->request + 1, s->size);
      gorb_bench_run_loop (&loop);
      g_clear_pointer (&c->request, g_free);
    }
}

/* W3: marshalling of the persons is part of the call, building them is not */

static gboolean
w3_call (gpointer data, GError **error)
{
  Client *c = data;
  zmq_msg_t reply;
  gsize len;

  c->packed[0] = OP_PEOPLE;
  len = 1 + gorb_bench_people_pack (c->people, GORB_BENCH_PERSONS, c->packed + 1);
  zmq_msg_init (&reply);
  if (!roundtrip (c->dealer, c->packed, len, &reply, error))
    {
      zmq_msg_close (&reply);
      return FALSE;
    }
  c->back = gorb_bench_people_unpack (zmq_msg_data (&reply), zmq_msg_size (&reply), &c->back_n);
  if (c->back == NULL || c->back_n != GORB_BENCH_PERSONS)
    {
      unexpected_reply (error, &reply, "100 persons");
      zmq_msg_close (&reply);
      return FALSE;
    }
  zmq_msg_close (&reply);
  return TRUE;
}

static gboolean
w3_check (gpointer data, GError **error)
{
  Client *c = data;

  if (!gorb_bench_people_equal (c->people, c->back, GORB_BENCH_PERSONS))
    {
      g_set_error_literal (error, GORB_BENCH_ERROR, 0, "the persons differ from those sent");
      return FALSE;
    }
  return TRUE;
}

static void
w3_release (gpointer data)
{
  Client *c = data;

  gorb_bench_people_free (c->back, c->back_n);
  c->back = NULL;
}

/* W4: one DEALER (one TCP connection) per thread, on the shared context */

static gpointer
w4_open (gpointer data, guint index, GError **error)
{
  Client *c = data;
  return open_dealer (c->ctx, c->endpoint, error);
}

static gboolean
w4_ping (gpointer connection, GError **error)
{
  return ping (connection, error);
}

static void
w4_close (gpointer connection)
{
  zmq_close (connection);
}

/* W5: pings pipelined on the client's DEALER; the ROUTER answers them in order */

static gboolean
w5_issue (gpointer data, GError **error)
{
  static const guint8 op = OP_PING;

  if (zmq_send (((Client *) data)->dealer, &op, 1, 0) < 0)
    return zmq_error (error, "send");
  return TRUE;
}

static gboolean
w5_complete (gpointer data, GError **error)
{
  zmq_msg_t reply;
  gboolean ok;

  zmq_msg_init (&reply);
  ok = receive (((Client *) data)->dealer, &reply, error)
       && (zmq_msg_size (&reply) == 0 || unexpected_reply (error, &reply, "an empty reply"));
  zmq_msg_close (&reply);
  return ok;
}

static int
run_client (const char *endpoint)
{
  GorbBenchConfig cfg;
  Client c = { 0 };
  g_autoptr (GError) error = NULL;

  gorb_bench_config_init (&cfg);
  c.endpoint = endpoint;
  c.ctx = zmq_ctx_new ();
  c.dealer = open_dealer (c.ctx, endpoint, &error);
  if (c.dealer == NULL)
    gorb_bench_fail (PEER, "-", "%s", error->message);

  if (gorb_bench_config_wants (&cfg, "W1"))
    {
      GorbBenchLoop loop = { PEER, "W1", NULL, cfg.w1_warm, cfg.w1_n, 0, w1_call, NULL, NULL, &c };
      gorb_bench_run_loop (&loop);
    }
  if (gorb_bench_config_wants (&cfg, "W2"))
    run_w2 (&c, &cfg);
  if (gorb_bench_config_wants (&cfg, "W3"))
    {
      GorbBenchLoop loop = { PEER, "W3",    "persons=100", cfg.w3_warm, cfg.w3_n,
                             0,    w3_call, w3_check,      w3_release,  &c };
      c.people = gorb_bench_people_new (GORB_BENCH_PERSONS);
      c.packed = g_malloc (1 + gorb_bench_people_packed_size (c.people, GORB_BENCH_PERSONS));
      gorb_bench_run_loop (&loop);
      gorb_bench_people_free (c.people, GORB_BENCH_PERSONS);
      g_free (c.packed);
    }
  if (gorb_bench_config_wants (&cfg, "W4"))
    {
      GorbBenchParallel parallel = { PEER, w4_open, w4_ping, w4_close, &c };
      gorb_bench_run_w4 (&cfg, &parallel);
    }
  if (gorb_bench_config_wants (&cfg, "W5"))
    {
      GorbBenchPipeline pipeline = { PEER, w5_issue, w5_complete, &c };
      gorb_bench_run_w5 (&cfg, &pipeline);
    }

  zmq_close (c.dealer);
  zmq_ctx_term (c.ctx);
  gorb_bench_config_clear (&cfg);
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc == 3 && strcmp (argv[1], "server") == 0)
    return serve (argv[2]);
  if (argc == 3 && strcmp (argv[1], "client") == 0)
    return run_client (argv[2]);
  fprintf (stderr,
           "usage: %s server ENDPOINT   (e.g. tcp://127.0.0.1:0)\n"
           "       %s client ENDPOINT\n",
           argv[0], argv[0]);
  return 2;
}
