/* tests/rmi/test-callbacks.c - end to end against gorb-test-callback-server
 * (Callbacks.idl): a callback into the client during a call, oneway
 * operations, at-most-once execution of a duplicated request, garbage on
 * the wire, and a server killed in the middle of a call */
#include "gorb-test.h"
#include "gorb-test-daemon.h"

#include "callbacks-stubs.h"

#include <string.h>
#include <zmq.h>

#ifndef GORB_CALLBACK_SERVER
#error "GORB_CALLBACK_SERVER must name the gorb-test-callback-server program"
#endif

#define CALL_TIMEOUT_MS 10000
#define CRASH_TIMEOUT_MS 3000 /* the proxy timeout of the crash test */
#define SLACK_MS 3000         /* what a bounded failure may take beyond its timeout */

static struct
{
  GorbTestDaemon *daemon;
  char *ref_text;
  GorbRef *ref;
  GorbOrb *orb;
  TestCallbacks *callbacks; /* fx.orb's proxy */
} fx;

/* ---- a Test::Listener servant of the client ---- */

#define TEST_TYPE_LISTENER_SERVANT (test_listener_servant_get_type ())
G_DECLARE_FINAL_TYPE (TestListenerServant, test_listener_servant, TEST, LISTENER_SERVANT, GObject)

struct _TestListenerServant
{
  GObject parent_instance;
  GMutex lock;      /* guards texts */
  GPtrArray *texts; /* owned: char * (owned), in arrival order */
};

static void test_listener_servant_iface_init (TestListenerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestListenerServant, test_listener_servant, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEST_TYPE_LISTENER,
                                                      test_listener_servant_iface_init))

/* Fails, with an error of no IDL exception, when told "fail". */
static gboolean
listener_servant_notify (TestListener *listener, const char *text, GError **error)
{
  TestListenerServant *self = TEST_LISTENER_SERVANT (listener);

  if (g_str_equal (text, "fail"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "told to fail");
      return FALSE;
    }

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->texts, g_strdup (text));
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static void
test_listener_servant_iface_init (TestListenerInterface *iface)
{
  iface->notify = listener_servant_notify;
}

static void
test_listener_servant_finalize (GObject *object)
{
  TestListenerServant *self = TEST_LISTENER_SERVANT (object);

  g_ptr_array_unref (self->texts);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (test_listener_servant_parent_class)->finalize (object);
}

static void
test_listener_servant_class_init (TestListenerServantClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_listener_servant_finalize;
}

static void
test_listener_servant_init (TestListenerServant *self)
{
  g_mutex_init (&self->lock);
  self->texts = g_ptr_array_new_with_free_func (g_free);
}

static guint
listener_servant_count (TestListenerServant *self, const char **last)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->texts->len;
  *last = n > 0 ? g_ptr_array_index (self->texts, n - 1) : NULL; /* never removed: stays valid */
  g_mutex_unlock (&self->lock);
  return n;
}

/* ---- set-up ---- */

static GorbOrb *
new_client_orb (GError **error)
{
  g_auto (GorbOrbConfig) config;

  gorb_orb_config_init (&config);
  config.call_timeout_ms = CALL_TIMEOUT_MS;
  return gorb_orb_new_with_config (&config, error);
}

/* Starts the server and resolves its Callbacks object into @fx. */
static gboolean
start_server (GError **error)
{
  const char *argv[] = { GORB_CALLBACK_SERVER, "--gorb-endpoint", "tcp://127.0.0.1:0", NULL };
  GObject *object;

  g_type_ensure (TEST_TYPE_CALLBACKS);
  g_type_ensure (TEST_TYPE_LISTENER);
  fx.daemon = gorb_test_daemon_start (argv, &fx.ref_text, error);
  if (fx.daemon == NULL)
    return FALSE;
  fx.ref = gorb_ref_parse (fx.ref_text, error);
  if (fx.ref == NULL)
    return FALSE;
  fx.orb = new_client_orb (error);
  if (fx.orb == NULL)
    return FALSE;
  object = gorb_orb_resolve (fx.orb, fx.ref, error);
  if (object == NULL)
    return FALSE;
  if (!TEST_IS_CALLBACKS_PROXY (object))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "resolved to a %s",
                   G_OBJECT_TYPE_NAME (object));
      g_object_unref (object);
      return FALSE;
    }
  fx.callbacks = TEST_CALLBACKS (object);
  return TRUE;
}

static void
drop_fixture (void)
{
  g_clear_object (&fx.callbacks);
  g_clear_object (&fx.orb);
  g_clear_pointer (&fx.ref, gorb_ref_unref);
  g_clear_pointer (&fx.ref_text, g_free);
}

static int
init_server (void)
{
  g_autoptr (GError) error = NULL;

  if (!start_server (&error))
    {
      g_printerr ("\n  starting the callback server: %s\n", error->message);
      return -1;
    }
  return 0;
}

static int
cleanup_server (void)
{
  gboolean clean;

  drop_fixture ();
  clean = gorb_test_daemon_stop (g_steal_pointer (&fx.daemon));
  return clean ? 0 : -1;
}

/* ---- callbacks ---- */

/* The client passes its own Listener servant; the server calls it back
 * while the client is still waiting for call_me_back to return. */
static void
test_server_calls_the_client_back_during_the_call (void)
{
  g_autoptr (TestListenerServant) listener = g_object_new (TEST_TYPE_LISTENER_SERVANT, NULL);
  g_autoptr (GError) error = NULL;
  const char *last = NULL;

  CU_ASSERT_TRUE (
      test_callbacks_call_me_back (fx.callbacks, TEST_LISTENER (listener), "hello", &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (listener_servant_count (listener, &last), 1); /* already, at return */
  CU_ASSERT_STRING_EQUAL (last, "hello");

  CU_ASSERT_TRUE (
      test_callbacks_call_me_back (fx.callbacks, TEST_LISTENER (listener), "again", &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (listener_servant_count (listener, &last), 2);
  CU_ASSERT_STRING_EQUAL (last, "again");
}

/* A nil reference goes through; the servant's system exception comes back. */
static void
test_nil_listener_is_refused_with_bad_param (void)
{
  g_autoptr (GError) error = NULL;

  CU_ASSERT_FALSE (test_callbacks_call_me_back (fx.callbacks, NULL, "nobody", &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM);
}

/* ---- oneway ---- */

static gint32
wait_for_notes (gint32 count, char **last)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) CALL_TIMEOUT_MS * 1000;
  gint32 n = -1;

  for (;;)
    {
      g_autoptr (GError) error = NULL;

      g_clear_pointer (last, g_free);
      n = test_callbacks_notes (fx.callbacks, last, &error);
      if (error != NULL)
        {
          g_printerr ("\n  notes: %s\n", error->message);
          return -1;
        }
      if (n >= count || g_get_monotonic_time () >= deadline)
        return n;
      g_usleep (10000);
    }
}

/* A oneway call returns once sent; the server runs it (seen through notes). */
static void
test_oneway_calls_arrive (void)
{
  static const char *const texts[] = { "one", "two", "three" };
  g_autoptr (GError) error = NULL;
  g_autofree char *last = NULL;
  gint32 start = wait_for_notes (0, &last);

  CU_ASSERT_FATAL (start >= 0);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      CU_ASSERT_TRUE (test_callbacks_note (fx.callbacks, texts[i], &error));
      GORB_ASSERT_NO_ERROR (error);
      /* one at a time: the pool may run oneways of one client in any order */
      CU_ASSERT_EQUAL (wait_for_notes (start + (gint32) i + 1, &last), start + (gint32) i + 1);
      CU_ASSERT_STRING_EQUAL (last, texts[i]);
    }
}

/* The client's listener fails with an error that is no IDL exception: the
 * server's call to it fails with UNKNOWN, which the server's servant passes
 * on to the client as its own failure. */
static void
test_failing_callback_comes_back_as_unknown (void)
{
  g_autoptr (TestListenerServant) listener = g_object_new (TEST_TYPE_LISTENER_SERVANT, NULL);
  g_autoptr (GError) error = NULL;

  CU_ASSERT_FALSE (
      test_callbacks_call_me_back (fx.callbacks, TEST_LISTENER (listener), "fail", &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_UNKNOWN);
}

/* A call slower than the proxy's timeout fails with TIMEOUT, in time. */
static void
test_slow_call_times_out (void)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time (), elapsed_ms;

  gorb_proxy_set_timeout (GORB_PROXY (fx.callbacks), 300);
  CU_ASSERT_EQUAL (gorb_proxy_get_timeout (GORB_PROXY (fx.callbacks)), 300);
  CU_ASSERT_FALSE (test_callbacks_sleep_ms (fx.callbacks, 2000, &error));
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  gorb_proxy_set_timeout (GORB_PROXY (fx.callbacks), 0); /* the ORB's again */
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TIMEOUT);
  CU_ASSERT (elapsed_ms >= 250 && elapsed_ms <= 300 + SLACK_MS);
}

/* The same callback with the request in XML: the listener's reference
 * travels in its stringified form. */
static void
test_callback_with_an_xml_request (void)
{
  g_autoptr (TestListenerServant) listener = g_object_new (TEST_TYPE_LISTENER_SERVANT, NULL);
  g_autoptr (GError) error = NULL;
  const char *last = NULL;

  gorb_proxy_set_encoding (GORB_PROXY (fx.callbacks), GORB_ENCODING_XML);
  CU_ASSERT_TRUE (
      test_callbacks_call_me_back (fx.callbacks, TEST_LISTENER (listener), "in xml", &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (listener_servant_count (listener, &last), 1);
  CU_ASSERT_STRING_EQUAL (last, "in xml");
  gorb_proxy_set_encoding (GORB_PROXY (fx.callbacks), GORB_ENCODING_CDR);
}

/* ---- at-most-once and cancellation through the proxy ---- */

/* A call that takes longer than the retransmission interval is sent again
 * (same request id) while it runs; the server runs it once. */
static void
test_retransmitted_slow_call_runs_once (void)
{
  g_auto (GorbOrbConfig) config;
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = NULL;
  g_autoptr (GObject) object = NULL;
  gint32 before, after;

  gorb_orb_config_init (&config);
  config.call_timeout_ms = CALL_TIMEOUT_MS;
  config.retransmit_ms = 200;
  orb = gorb_orb_new_with_config (&config, &error);
  GORB_ASSERT_NO_ERROR (error);
  object = gorb_orb_resolve (orb, fx.ref, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FATAL (TEST_IS_CALLBACKS (object));

  before = test_callbacks_sleeps (fx.callbacks, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (test_callbacks_sleep_ms (TEST_CALLBACKS (object), 1500, &error)); /* ~7 sends */
  GORB_ASSERT_NO_ERROR (error);
  after = test_callbacks_sleeps (fx.callbacks, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (after, before + 1);
}

static void
on_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
cancel_now (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
on_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Cancelling an async call completes it at once with G_IO_ERROR_CANCELLED
 * (the proxy tells the server with CANCEL; the servant may still run). */
static void
test_cancelled_async_call_completes_cancelled (void)
{
  const GorbOperationDesc *op = gorb_interface_find_operation (&test_callbacks_desc, "sleep_ms");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  GAsyncResult *result = NULL;
  gint32 ms = 3000;
  gpointer args[] = { &ms };
  gint64 start = g_get_monotonic_time (), deadline = start + 10 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, on_wake, NULL);

  gorb_proxy_invoke_async (GORB_PROXY (fx.callbacks), op, args, cancellable, on_result, &result);
  g_timeout_add (100, cancel_now, cancellable);
  while (result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  CU_ASSERT_PTR_NOT_NULL_FATAL (result);
  CU_ASSERT_FALSE (
      gorb_proxy_invoke_finish (GORB_PROXY (fx.callbacks), result, NULL, args, &error));
  GORB_ASSERT_ERROR (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  CU_ASSERT ((g_get_monotonic_time () - start) / 1000 < 2000); /* not when the servant is done */
  g_object_unref (result);
}

/* ---- raw messages ---- */

static GorbClientId raw_client; /* a made-up ORB identity for raw requests */

static GBytes *
raw_request_header (guint64 request_id, const guint8 *key, gsize key_len, const char *operation,
                    GorbEncoding encoding)
{
  GorbMessageHeader h = { 0 };

  h.type = GORB_MESSAGE_REQUEST;
  h.byte_order = GORB_BYTE_ORDER_NATIVE;
  h.encoding = encoding;
  h.response_expected = TRUE;
  h.version_major = GORB_WIRE_VERSION_MAJOR;
  h.version_minor = GORB_WIRE_VERSION_MINOR;
  h.request_id = request_id;
  h.client_id = raw_client;
  h.client_epoch = 1;
  h.timeout_ms = CALL_TIMEOUT_MS;
  h.object_key = key;
  h.object_key_len = (guint32) key_len;
  h.operation = operation;
  return gorb_wire_encode_header (&h);
}

static GBytes *
bump_request (guint64 request_id)
{
  gsize key_len;
  const guint8 *key = gorb_ref_get_key (fx.ref, &key_len);

  return raw_request_header (request_id, key, key_len, "bump", GORB_ENCODING_CDR);
}

/* Receives one reply on @channel and decodes bump's result from it. */
static gboolean
receive_bump_reply (GorbChannel *channel, guint64 request_id, guint timeout_ms, gint32 *count)
{
  const GorbOperationDesc *op = gorb_interface_find_operation (&test_callbacks_desc, "bump");
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) header = NULL;
  g_autoptr (GBytes) body = NULL;
  GorbMessageHeader h;
  gsize len;
  const guint8 *data;

  if (!gorb_channel_receive (channel, deadline, &header, &body, &error))
    return FALSE;
  data = g_bytes_get_data (header, &len);
  CU_ASSERT_TRUE_FATAL (gorb_wire_read_header (data, len, &h, &error));
  CU_ASSERT_EQUAL (h.type, GORB_MESSAGE_REPLY);
  CU_ASSERT_EQUAL (h.request_id, request_id);
  CU_ASSERT_EQUAL_FATAL (h.status, GORB_REPLY_OK);
  CU_ASSERT_TRUE (gorb_body_decode_reply (op, body, h.encoding, h.byte_order, count, NULL, &error));
  GORB_ASSERT_NO_ERROR (error);
  return TRUE;
}

/* At-most-once: a request sent again with the same request id (a
 * retransmission whose first reply was lost, or one that crosses it) is
 * answered, from the reply cache, without running the operation again. */
static void
test_duplicated_request_runs_once (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbTransport) transport = NULL;
  g_autoptr (GorbChannel) channel = NULL;
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) second = NULL;
  const char *endpoint = gorb_ref_get_endpoint (fx.ref);
  gint32 before, after, count1 = -1, count2 = -2, count3 = -3;
  gint64 deadline = g_get_monotonic_time () + (gint64) CALL_TIMEOUT_MS * 1000;

  for (guint i = 0; i < sizeof raw_client.bytes; i++)
    raw_client.bytes[i] = (guint8) g_random_int ();
  before = test_callbacks_bumps (fx.callbacks, &error);
  GORB_ASSERT_NO_ERROR (error);
  transport = gorb_transport_for_endpoint (endpoint, &error);
  GORB_ASSERT_NO_ERROR (error);
  channel = gorb_transport_connect (transport, endpoint, &error);
  GORB_ASSERT_NO_ERROR (error);

  /* sent again after its reply came */
  first = bump_request (1);
  CU_ASSERT_TRUE (gorb_channel_send (channel, first, empty, deadline, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE_FATAL (receive_bump_reply (channel, 1, CALL_TIMEOUT_MS, &count1));
  CU_ASSERT_TRUE (gorb_channel_send (channel, first, empty, deadline, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE_FATAL (receive_bump_reply (channel, 1, CALL_TIMEOUT_MS, &count2));
  CU_ASSERT_EQUAL (count1, before + 1);
  CU_ASSERT_EQUAL (count2, count1); /* the same reply */
  after = test_callbacks_bumps (fx.callbacks, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (after, before + 1);

  /* sent twice back to back: the copy may be answered or dropped while the
   * first runs, never run */
  second = bump_request (2);
  CU_ASSERT_TRUE (gorb_channel_send (channel, second, empty, deadline, &error));
  CU_ASSERT_TRUE (gorb_channel_send (channel, second, empty, deadline, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE_FATAL (receive_bump_reply (channel, 2, CALL_TIMEOUT_MS, &count3));
  CU_ASSERT_EQUAL (count3, before + 2);
  if (receive_bump_reply (channel, 2, 1000, &count2)) /* if answered, with the same reply */
    CU_ASSERT_EQUAL (count2, count3);
  after = test_callbacks_bumps (fx.callbacks, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (after, before + 2);
  gorb_channel_close (channel);
}

/* ---- garbage on the wire, through a raw ZeroMQ DEALER ---- */

static void
zmq_send_frames (void *socket, guint n, const void *const *data, const gsize *sizes)
{
  for (guint i = 0; i < n; i++)
    CU_ASSERT_TRUE (zmq_send (socket, data[i], sizes[i], i + 1 < n ? ZMQ_SNDMORE : 0) >= 0);
}

static void
zmq_send_two (void *socket, GBytes *header, const void *body, gsize body_len)
{
  gsize len;
  const void *frames[2] = { g_bytes_get_data (header, &len), body };
  gsize sizes[2] = { len, body_len };

  zmq_send_frames (socket, 2, frames, sizes);
}

typedef struct
{
  guint64 request_id;
  GorbSystemError expected;
  gboolean answered;
} Expected;

/* Reads replies until @n are in or @timeout_ms pass; each must be a system
 * exception with the code expected for its request id. Returns how many
 * replies came, expected or not. */
static guint
collect_replies (void *socket, Expected *expected, guint n, guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint received = 0, answered = 0;

  while (g_get_monotonic_time () < deadline && answered < n)
    {
      zmq_pollitem_t item = { socket, 0, ZMQ_POLLIN, 0 };
      zmq_msg_t frames[2];
      g_autoptr (GBytes) body = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) raised = NULL;
      GorbCompletionStatus completion;
      GorbMessageHeader h;
      int more = 0;
      size_t more_len = sizeof more;

      if (zmq_poll (&item, 1, 50) <= 0)
        continue;
      zmq_msg_init (&frames[0]);
      zmq_msg_init (&frames[1]);
      CU_ASSERT_TRUE_FATAL (zmq_msg_recv (&frames[0], socket, 0) >= 0);
      zmq_getsockopt (socket, ZMQ_RCVMORE, &more, &more_len);
      CU_ASSERT_TRUE (more); /* a gorb peer always sends two frames */
      if (more)
        zmq_msg_recv (&frames[1], socket, 0);
      received++;
      body = g_bytes_new (zmq_msg_data (&frames[1]), zmq_msg_size (&frames[1]));
      if (!gorb_wire_read_header (zmq_msg_data (&frames[0]), zmq_msg_size (&frames[0]), &h, &error))
        {
          g_printerr ("\n  a reply whose header does not decode: %s\n", error->message);
          CU_FAIL ("a reply whose header does not decode");
        }
      else
        {
          Expected *e = NULL;
          for (guint i = 0; i < n; i++)
            if (expected[i].request_id == h.request_id)
              e = &expected[i];
          if (e == NULL || e->answered)
            {
              g_printerr ("\n  an unexpected reply to request %" G_GUINT64_FORMAT "\n",
                          h.request_id);
              CU_FAIL ("an unexpected reply");
            }
          else
            {
              e->answered = TRUE;
              answered++;
              CU_ASSERT_EQUAL (h.type, GORB_MESSAGE_REPLY);
              CU_ASSERT_EQUAL (h.status, GORB_REPLY_SYSTEM_EXCEPTION);
              raised = gorb_body_decode_system_exception (body, h.encoding, h.byte_order,
                                                          &completion, &error);
              GORB_ASSERT_NO_ERROR (error);
              GORB_ASSERT_ERROR (raised, GORB_SYSTEM_ERROR, e->expected);
            }
        }
      zmq_msg_close (&frames[0]);
      zmq_msg_close (&frames[1]);
    }
  return received;
}

/* Nothing a peer sends stops the server: what cannot be trusted is dropped,
 * a request whose id can be read gets an error reply, and the server goes
 * on serving. */
static void
test_garbage_is_dropped_or_refused (void)
{
  static const char garbage[] = "\x01\x02 this is not a gorb message \xff\xfe";
  g_autoptr (GError) error = NULL;
  const char *endpoint = gorb_ref_get_endpoint (fx.ref);
  gsize key_len, len;
  const guint8 *key = gorb_ref_get_key (fx.ref, &key_len);
  guint8 wrong_key[GORB_OBJECT_KEY_SIZE] = { 0 };
  const gint32 ms = 1;
  void *ctx = zmq_ctx_new ();
  void *dealer = zmq_socket (ctx, ZMQ_DEALER);
  int zero = 0;
  g_autoptr (GBytes) sleep_header
      = raw_request_header (101, key, key_len, "sleep_ms", GORB_ENCODING_CDR);
  g_autoptr (GBytes) cut_header
      = raw_request_header (102, key, key_len, "sleep_ms", GORB_ENCODING_CDR);
  g_autoptr (GBytes) bad_op_header
      = raw_request_header (103, key, key_len, "no_such_op", GORB_ENCODING_CDR);
  g_autoptr (GBytes) bad_key_header
      = raw_request_header (104, wrong_key, sizeof wrong_key, "bump", GORB_ENCODING_CDR);
  g_autoptr (GBytes) xml_header
      = raw_request_header (105, key, key_len, "sleep_ms", GORB_ENCODING_XML);
  g_autoptr (GBytes) v2_header = raw_request_header (106, key, key_len, "bump", GORB_ENCODING_CDR);
  g_autoptr (GBytes) cut = NULL;
  g_autoptr (GBytes) v2 = NULL;
  guint8 *v2_data;
  Expected expected[] = {
    { 101, GORB_SYSTEM_ERROR_MARSHAL, FALSE },          /* body cut short */
    { 102, GORB_SYSTEM_ERROR_MARSHAL, FALSE },          /* header tail cut short */
    { 103, GORB_SYSTEM_ERROR_BAD_OPERATION, FALSE },    /* no such operation */
    { 104, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST, FALSE }, /* no such key */
    { 105, GORB_SYSTEM_ERROR_MARSHAL, FALSE },          /* XML body that is not XML */
  };
  gint32 bumps;

  zmq_setsockopt (dealer, ZMQ_LINGER, &zero, sizeof zero);
  CU_ASSERT_EQUAL_FATAL (zmq_connect (dealer, endpoint), 0);

  /* dropped: one frame, three frames, two frames of garbage, two empty frames */
  {
    const void *one[] = { garbage };
    gsize one_size[] = { sizeof garbage };
    const void *three[] = { garbage, garbage, garbage };
    gsize three_sizes[] = { sizeof garbage, 3, 0 };
    const void *two_empty[] = { "", "" };
    gsize empty_sizes[] = { 0, 0 };
    zmq_send_frames (dealer, 1, one, one_size);
    zmq_send_frames (dealer, 3, three, three_sizes);
    zmq_send_frames (dealer, 2, three, three_sizes);
    zmq_send_frames (dealer, 2, two_empty, empty_sizes);
  }
  /* dropped: a major version this side does not speak */
  v2_data = g_bytes_unref_to_data (g_bytes_ref (v2_header), &len); /* a copy: v2_header is kept */
  v2_data[4] = 2;
  v2 = g_bytes_new_take (v2_data, len);
  zmq_send_two (dealer, v2, "", 0);

  /* refused with an error reply */
  zmq_send_two (dealer, sleep_header, &ms, 2); /* a long needs 4 bytes */
  cut = g_bytes_new_from_bytes (cut_header, 0, GORB_WIRE_FIXED_HEADER_SIZE + 6);
  zmq_send_two (dealer, cut, "", 0);
  zmq_send_two (dealer, bad_op_header, "", 0);
  zmq_send_two (dealer, bad_key_header, "", 0);
  zmq_send_two (dealer, xml_header, "<request operation=", 19);

  CU_ASSERT_EQUAL (collect_replies (dealer, expected, G_N_ELEMENTS (expected), CALL_TIMEOUT_MS),
                   G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!expected[i].answered)
      {
        g_printerr ("\n  no reply to request %" G_GUINT64_FORMAT "\n", expected[i].request_id);
        CU_FAIL ("a request that should have been refused got no reply");
      }
  /* nothing more comes (the dropped messages are not answered) */
  CU_ASSERT_EQUAL (collect_replies (dealer, expected, 0, 300), 0);

  /* and the server still serves */
  bumps = test_callbacks_bumps (fx.callbacks, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (bumps >= 0);
  zmq_close (dealer);
  zmq_ctx_term (ctx);
}

/* ---- a server that dies ---- */

static gpointer
kill_after_300_ms (gpointer daemon)
{
  g_usleep (300 * 1000);
  gorb_test_daemon_kill (daemon); /* SIGKILL: no goodbye on the wire */
  return NULL;
}

/* A server killed with SIGKILL in the middle of a call: the call fails with
 * TIMEOUT or COMM_FAILURE within the proxy's timeout (plus slack), never
 * hangs; so does the next one. */
static void
test_server_killed_mid_call_fails_the_call_in_bounded_time (void)
{
  g_autoptr (GError) error = NULL;
  GThread *killer;
  gint64 start, elapsed_ms;
  gboolean ok;

  if (!start_server (&error))
    {
      GORB_ASSERT_NO_ERROR (error);
      return;
    }
  gorb_proxy_set_timeout (GORB_PROXY (fx.callbacks), CRASH_TIMEOUT_MS);
  CU_ASSERT_TRUE (test_callbacks_sleep_ms (fx.callbacks, 1, &error)); /* connected and serving */
  GORB_ASSERT_NO_ERROR (error);

  killer = g_thread_new ("killer", kill_after_300_ms, g_steal_pointer (&fx.daemon));
  start = g_get_monotonic_time ();
  ok = test_callbacks_sleep_ms (fx.callbacks, 20000, &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_thread_join (killer);
  CU_ASSERT_FALSE (ok);
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  if (!g_error_matches (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TIMEOUT)
      && !g_error_matches (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_COMM_FAILURE))
    {
      g_printerr ("\n  unexpected error %s:%d: %s\n", g_quark_to_string (error->domain),
                  error->code, error->message);
      CU_FAIL ("neither TIMEOUT nor COMM_FAILURE");
    }
  g_printerr ("(%s after %" G_GINT64_FORMAT " ms: %s) ", gorb_system_error_to_repo_id (error->code),
              elapsed_ms, error->message);
  CU_ASSERT (elapsed_ms >= 250); /* it was under way when the server died */
  CU_ASSERT (elapsed_ms <= CRASH_TIMEOUT_MS + SLACK_MS);
  g_clear_error (&error);

  /* the next call to the dead server fails too, as boundedly */
  start = g_get_monotonic_time ();
  CU_ASSERT_EQUAL (test_callbacks_bumps (fx.callbacks, &error), 0);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  CU_ASSERT_PTR_NOT_NULL (error);
  if (error != NULL)
    CU_ASSERT_EQUAL (error->domain, GORB_SYSTEM_ERROR);
  CU_ASSERT (elapsed_ms <= CRASH_TIMEOUT_MS + SLACK_MS);
  drop_fixture ();
}

/* The hand-written binding passes the checks generated code will. */
static void
test_binding_descriptors_validate (void)
{
  const GorbInterfaceDesc *ifaces[] = { &test_listener_desc, &test_callbacks_desc };
  g_autoptr (GError) error = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (ifaces); k++)
    for (guint i = 0; i < ifaces[k]->n_operations; i++)
      {
        CU_ASSERT_TRUE (gorb_operation_desc_validate (&ifaces[k]->operations[i], &error));
        GORB_ASSERT_NO_ERROR (error);
      }
  CU_ASSERT_PTR_EQUAL (gorb_skeleton_lookup ("IDL:Test/Listener:1.0"), &test_listener_skeleton);
  CU_ASSERT_PTR_EQUAL (gorb_skeleton_lookup ("IDL:Test/Callbacks:1.0"), &test_callbacks_skeleton);
}

static CU_TestInfo callback_tests[] = {
  { "the binding's descriptors validate", test_binding_descriptors_validate },
  { "the server calls the client back during the call",
    test_server_calls_the_client_back_during_the_call },
  { "a nil listener is refused with BAD_PARAM", test_nil_listener_is_refused_with_bad_param },
  { "a failing callback comes back as UNKNOWN", test_failing_callback_comes_back_as_unknown },
  { "the callback with an XML request", test_callback_with_an_xml_request },
  { "a call slower than the timeout fails with TIMEOUT", test_slow_call_times_out },
  { "oneway calls arrive", test_oneway_calls_arrive },
  { "a retransmitted slow call runs once", test_retransmitted_slow_call_runs_once },
  { "a cancelled async call completes cancelled", test_cancelled_async_call_completes_cancelled },
  { "a duplicated request runs once", test_duplicated_request_runs_once },
  { "garbage is dropped or refused, and the server goes on", test_garbage_is_dropped_or_refused },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo crash_tests[] = {
  { "a server killed mid-call fails the call in bounded time",
    test_server_killed_mid_call_fails_the_call_in_bounded_time },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "e2e/callbacks", init_server, cleanup_server, NULL, NULL, callback_tests },
  { "e2e/callbacks, server crash", NULL, NULL, NULL, NULL, crash_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
