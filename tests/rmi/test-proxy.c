/* tests/rmi/test-proxy.c - GorbProxy and the client half against a
 * hand-made server (proxy-test-server.c): sync and async calls, exceptions,
 * timeouts, retransmission, late replies, cancel, oneway, ACK batching,
 * forwards, proxy identity, threads
 */
#include "proxy-test-server.h"

#include <string.h>

static struct
{
  ProxyTestServer *server;
  GorbOrb *orb;
  GorbProxy *proxy;
} fx;

static GorbOrb *
orb_new (guint call_timeout_ms)
{
  g_auto (GorbOrbConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  GorbOrb *orb;

  gorb_orb_config_init (&config);
  config.call_timeout_ms = call_timeout_ms;
  config.dgc_client = 0; /* the hand-made server counts every request: no dirty or clean */
  orb = gorb_orb_new_with_config (&config, &error);
  GORB_ASSERT_NO_ERROR (error);
  return orb;
}

static GorbProxy *
proxy_for (GorbOrb *orb, GorbRef *ref)
{
  g_autoptr (GError) error = NULL;
  GObject *object = gorb_orb_resolve (orb, ref, &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE_FATAL (GORB_IS_PROXY (object));
  return GORB_PROXY (object);
}

static int
suite_init (void)
{
  fx.server = proxy_test_server_new ();
  return 0;
}

static int
suite_cleanup (void)
{
  proxy_test_server_free (fx.server);
  return 0;
}

static void
setup (void)
{
  g_autoptr (GorbRef) ref = proxy_test_server_dup_ref (fx.server);

  proxy_test_server_reset (fx.server);
  fx.orb = orb_new (5000);
  fx.proxy = proxy_for (fx.orb, ref);
}

static void
teardown (void)
{
  g_clear_object (&fx.proxy);
  g_clear_object (&fx.orb);
}

static void
iterate_until (const guint *counter, guint target)
{
  gint64 end = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (*counter < target && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  CU_ASSERT_EQUAL (*counter, target);
}

static gint32
call_number (GorbProxy *proxy, GError **error)
{
  gint32 n = 0;

  if (!gorb_proxy_invoke (proxy, &test_person_list_ops[OP_NUMBER], NULL, &n, error))
    return -1;
  return n;
}

/* Sync calls */

static void
test_sync_results (void)
{
  g_autoptr (GError) error = NULL;
  char *name = "smith";
  TestPerson p = { 0 }, a = { g_strdup ("Smith"), g_strdup ("London"), 1934 };
  gint32 k = 10;
  TestPersonSeq all = { 0 };
  TestShape shape = { 0 };
  gpointer get_args[] = { &name, &p };
  gpointer swap_args[] = { &a, &k, &all };

  CU_ASSERT_EQUAL (call_number (fx.proxy, &error), 42);
  GORB_ASSERT_NO_ERROR (error);

  CU_ASSERT_TRUE (
      gorb_proxy_invoke (fx.proxy, &test_person_list_ops[OP_GET_PERSON], get_args, NULL, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (p.name, "smith");
  CU_ASSERT_STRING_EQUAL (p.place, "London");
  CU_ASSERT_EQUAL (p.year, 1934);

  /* inout replaced, out filled, result */
  CU_ASSERT_TRUE (
      gorb_proxy_invoke (fx.proxy, &test_person_list_ops[OP_SWAP], swap_args, &shape, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (a.name, "London");
  CU_ASSERT_STRING_EQUAL (a.place, "Smith");
  CU_ASSERT_EQUAL (a.year, 1944);
  CU_ASSERT_EQUAL_FATAL (all.len, 1);
  CU_ASSERT_STRING_EQUAL (all.data[0].name, "Smith");
  CU_ASSERT_EQUAL (shape._d, 1);
  CU_ASSERT_EQUAL (shape._u.radius, 10);
  gorb_value_clear (&test_person_desc, &p);
  gorb_value_clear (&test_person_desc, &a);
  gorb_value_clear (&test_person_seq_desc, &all);
  gorb_value_clear (&test_shape_desc, &shape);
}

static void
test_xml_encoding (void)
{
  g_autoptr (GError) error = NULL;
  ProxyTestSeen *seen;

  gorb_proxy_set_encoding (fx.proxy, GORB_ENCODING_XML);
  CU_ASSERT_EQUAL (call_number (fx.proxy, &error), 42);
  GORB_ASSERT_NO_ERROR (error);
  seen = proxy_test_server_get_seen (fx.server, GORB_MESSAGE_REQUEST, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL (seen);
  CU_ASSERT_EQUAL (seen->encoding, GORB_ENCODING_XML);
  CU_ASSERT_TRUE (seen->response_expected);
  CU_ASSERT_TRUE (seen->timeout_ms > 4000 && seen->timeout_ms <= 5000);
}

static void
test_user_and_system_exceptions (void)
{
  g_autoptr (GError) not_found = NULL;
  g_autoptr (GError) refused = NULL;
  char *name = "nobody";
  TestPerson p = { 0 };
  gpointer args[] = { &name, &p };

  CU_ASSERT_FALSE (
      gorb_proxy_invoke (fx.proxy, &test_person_list_ops[OP_GET_PERSON], args, NULL, &not_found));
  GORB_ASSERT_ERROR (not_found, TEST_NOT_FOUND, 0);
  CU_ASSERT_STRING_EQUAL (not_found->message, "no person 'nobody'");
  CU_ASSERT_STRING_EQUAL (test_not_found_members (not_found)->name, "nobody");
  CU_ASSERT_EQUAL (test_not_found_members (not_found)->code, 404);
  CU_ASSERT_PTR_NULL (p.name); /* out values stay cleared */

  CU_ASSERT_FALSE (
      gorb_proxy_invoke (fx.proxy, &test_person_list_ops[OP_CLEAR], NULL, NULL, &refused));
  GORB_ASSERT_ERROR (refused, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_NO_PERMISSION);
  CU_ASSERT_PTR_NOT_NULL (strstr (refused->message, "clearing is not allowed"));
}

static void
test_timeout_when_the_server_never_answers (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 start, elapsed;

  proxy_test_server_set_silent (fx.server, TRUE);
  gorb_proxy_set_timeout (fx.proxy, 300);
  start = g_get_monotonic_time ();
  CU_ASSERT_EQUAL (call_number (fx.proxy, &error), -1);
  elapsed = g_get_monotonic_time () - start;
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TIMEOUT);
  expected = g_strdup_printf ("no reply from %s to 'number' within 300 ms",
                              proxy_test_server_get_endpoint (fx.server));
  CU_ASSERT_STRING_EQUAL (error->message, expected);
  CU_ASSERT_TRUE (elapsed >= 300 * 1000 && elapsed < 2 * G_TIME_SPAN_SECOND);
  /* retransmitted (every 75 ms, a quarter of the timeout), same id */
  CU_ASSERT_TRUE (proxy_test_server_wait_seen (fx.server, GORB_MESSAGE_REQUEST, 2) >= 2);
  CU_ASSERT_EQUAL (proxy_test_server_get_seen (fx.server, GORB_MESSAGE_REQUEST, 0)->request_id,
                   proxy_test_server_get_seen (fx.server, GORB_MESSAGE_REQUEST, 1)->request_id);
}

static void
test_retransmission_uses_the_same_id (void)
{
  g_autoptr (GError) error = NULL;
  ProxyTestSeen *first, *second;

  proxy_test_server_set_drop_first (fx.server, TRUE); /* the first copy is lost */
  gorb_proxy_set_timeout (fx.proxy, 2000);            /* retransmit every 500 ms */
  CU_ASSERT_EQUAL (call_number (fx.proxy, &error), 42);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (proxy_test_server_wait_seen (fx.server, GORB_MESSAGE_REQUEST, 2), 2);
  first = proxy_test_server_get_seen (fx.server, GORB_MESSAGE_REQUEST, 0);
  second = proxy_test_server_get_seen (fx.server, GORB_MESSAGE_REQUEST, 1);
  CU_ASSERT_EQUAL (first->request_id, second->request_id);
  CU_ASSERT_STRING_EQUAL (second->operation, "number");
  CU_ASSERT_TRUE (second->timeout_ms < first->timeout_ms); /* the time left, when sent */
}

static void
test_late_reply_is_ignored (void)
{
  g_autoptr (GError) timed_out = NULL;
  g_autoptr (GError) error = NULL;
  guint64 late_id;

  proxy_test_server_set_silent (fx.server, TRUE);
  gorb_proxy_set_timeout (fx.proxy, 200);
  CU_ASSERT_EQUAL (call_number (fx.proxy, &timed_out), -1);
  GORB_ASSERT_ERROR (timed_out, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TIMEOUT);
  proxy_test_server_set_silent (fx.server, FALSE);
  late_id = proxy_test_server_answer_held (fx.server, 666); /* "number" = 666, too late */
  g_usleep (100 * 1000);
  gorb_proxy_set_timeout (fx.proxy, 3000);
  CU_ASSERT_EQUAL (call_number (fx.proxy, &error), 42);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_NOT_EQUAL (late_id, 0);
}

static void
test_oneway_sends_one_request (void)
{
  g_autoptr (GError) error = NULL;
  char *line = "hello";
  gpointer args[] = { &line };
  ProxyTestSeen *seen;
  g_autoptr (GArray) acked = NULL;

  gorb_proxy_set_timeout (fx.proxy, 400); /* a retransmission would come after 100 ms */
  CU_ASSERT_TRUE (gorb_proxy_invoke (fx.proxy, &test_person_list_ops[OP_LOG], args, NULL, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (proxy_test_server_wait_seen (fx.server, GORB_MESSAGE_REQUEST, 1), 1);
  g_usleep (300 * 1000);
  CU_ASSERT_EQUAL (proxy_test_server_wait_seen (fx.server, GORB_MESSAGE_REQUEST, 0), 1);
  seen = proxy_test_server_get_seen (fx.server, GORB_MESSAGE_REQUEST, 0);
  CU_ASSERT_STRING_EQUAL (seen->operation, "log");
  CU_ASSERT_FALSE (seen->response_expected);
  /* nothing to acknowledge: the next request carries no ack of it */
  CU_ASSERT_EQUAL (call_number (fx.proxy, &error), 42);
  acked = proxy_test_server_dup_acked (fx.server);
  for (guint i = 0; i < acked->len; i++)
    CU_ASSERT_NOT_EQUAL (g_array_index (acked, guint64, i), seen->request_id);
}

static void
test_ping (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) gone = NULL;
  guint8 other_key[GORB_OBJECT_KEY_SIZE] = { 1 };
  const char *endpoints[] = { proxy_test_server_get_endpoint (fx.server), NULL };
  g_autoptr (GorbRef) ref = gorb_ref_new ("IDL:Test/PersonList:1.0", other_key, sizeof other_key,
                                          GORB_ENCODING_CDR, endpoints);
  g_autoptr (GorbProxy) unknown = proxy_for (fx.orb, ref);

  CU_ASSERT_TRUE (gorb_proxy_ping (fx.proxy, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FALSE (gorb_proxy_ping (unknown, &gone));
  GORB_ASSERT_ERROR (gone, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
}

static void
test_unreachable_endpoint_is_transient (void)
{
  g_autoptr (GError) error = NULL;
  const char *endpoints[] = { "tcp://127.0.0.1:1", NULL };
  guint8 key[GORB_OBJECT_KEY_SIZE] = { 2 }; /* another object: another proxy */
  g_autoptr (GorbRef) ref
      = gorb_ref_new ("IDL:Test/PersonList:1.0", key, sizeof key, GORB_ENCODING_CDR, endpoints);
  g_autoptr (GorbProxy) proxy = proxy_for (fx.orb, ref);

  gorb_proxy_set_timeout (proxy, 200);
  CU_ASSERT_EQUAL (call_number (proxy, &error), -1);
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TRANSIENT);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "tcp://127.0.0.1:1"));
}

static void
test_location_forward_is_followed_and_remembered (void)
{
  ProxyTestServer *live = proxy_test_server_new ();
  g_autoptr (GorbRef) live_ref = proxy_test_server_dup_ref (live);
  g_autoptr (GError) error = NULL;

  proxy_test_server_set_forward (fx.server, live_ref);
  CU_ASSERT_EQUAL (call_number (fx.proxy, &error), 42);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (call_number (fx.proxy, &error), 42);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (proxy_test_server_wait_seen (fx.server, GORB_MESSAGE_REQUEST, 1), 1);
  CU_ASSERT_EQUAL (proxy_test_server_wait_seen (live, GORB_MESSAGE_REQUEST, 2), 2);
  /* the proxy's reference is still the original */
  CU_ASSERT_STRING_EQUAL (gorb_ref_get_endpoint (gorb_proxy_get_ref (fx.proxy)),
                          proxy_test_server_get_endpoint (fx.server));
  g_clear_object (&fx.proxy); /* its connection to @live goes before @live */
  g_clear_object (&fx.orb);
  proxy_test_server_free (live);
}

/* Object references through the ORB's hooks */

static void
test_object_references_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  GObject *in = G_OBJECT (fx.proxy), *out = NULL, *nil = NULL;
  gpointer args[] = { &in };
  gpointer nil_args[] = { &nil };

  CU_ASSERT_TRUE (gorb_proxy_invoke (fx.proxy, &proxy_test_ops[PROXY_OP_ECHO], args, &out, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (out, fx.proxy); /* the same remote object: the same proxy */
  g_clear_object (&out);
  out = G_OBJECT (fx.proxy);
  CU_ASSERT_TRUE (
      gorb_proxy_invoke (fx.proxy, &proxy_test_ops[PROXY_OP_ECHO], nil_args, &out, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NULL (out); /* overwritten: nil */
}

/* Proxy identity */

static void
test_one_proxy_per_object (void)
{
  const char *endpoints[] = { "tcp://127.0.0.1:9", NULL };
  g_autoptr (GorbRef) ref = proxy_test_server_dup_ref (fx.server);
  g_autoptr (GorbRef) elsewhere = gorb_ref_with_endpoints (ref, endpoints);
  GorbProxy *again = proxy_for (fx.orb, ref);
  GorbProxy *same_key = proxy_for (fx.orb, elsewhere);
  GorbProxy *weak = fx.proxy;
  GorbProxy *fresh;

  CU_ASSERT_PTR_EQUAL (again, fx.proxy);
  CU_ASSERT_PTR_EQUAL (same_key, fx.proxy);
  g_object_set_data (G_OBJECT (fx.proxy), "first", GINT_TO_POINTER (1));
  g_object_unref (again);
  g_object_unref (same_key);
  g_object_add_weak_pointer (G_OBJECT (fx.proxy), (gpointer *) &weak);
  g_clear_object (&fx.proxy);
  CU_ASSERT_PTR_NULL (weak); /* gone */
  fresh = proxy_for (fx.orb, ref);
  CU_ASSERT_PTR_NULL (g_object_get_data (G_OBJECT (fresh), "first"));
  fx.proxy = fresh;
}

/* Async calls */

typedef struct
{
  guint done;
  guint wrong;
  guint failed;
  GError *error; /* the first one */
} AsyncCount;

typedef struct
{
  AsyncCount *count;
  gint32 x;
} TwiceCall;

static void
on_twice_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TwiceCall *call = user_data;
  GError *error = NULL;
  gint32 y = 0;

  if (!gorb_proxy_invoke_finish (GORB_PROXY (source), result, &y, NULL, &error))
    {
      call->count->failed++;
      if (call->count->error == NULL)
        call->count->error = error;
      else
        g_error_free (error);
    }
  else if (y != 2 * call->x)
    call->count->wrong++;
  call->count->done++;
  g_free (call);
}

static void
start_twice (GorbProxy *proxy, AsyncCount *count, gint32 x, GCancellable *cancellable)
{
  TwiceCall *call = g_new0 (TwiceCall, 1);
  gpointer args[] = { &x };

  call->count = count;
  call->x = x;
  gorb_proxy_invoke_async (proxy, &proxy_test_ops[PROXY_OP_TWICE], args, cancellable, on_twice_done,
                           call);
}

static void
test_async_thousand_in_flight (void)
{
  AsyncCount count = { 0 };

  for (gint32 i = 0; i < 1000; i++)
    start_twice (fx.proxy, &count, i, NULL);
  iterate_until (&count.done, 1000);
  if (count.error != NULL)
    g_printerr ("\n  first failure: %s\n", count.error->message);
  CU_ASSERT_EQUAL (count.failed, 0);
  CU_ASSERT_EQUAL (count.wrong, 0);
  g_clear_error (&count.error);
}

static void
test_async_timeout (void)
{
  AsyncCount count = { 0 };
  gint64 start = g_get_monotonic_time ();

  proxy_test_server_set_silent (fx.server, TRUE);
  gorb_proxy_set_timeout (fx.proxy, 200);
  start_twice (fx.proxy, &count, 1, NULL);
  iterate_until (&count.done, 1);
  CU_ASSERT_EQUAL (count.failed, 1);
  GORB_ASSERT_ERROR (count.error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TIMEOUT);
  CU_ASSERT_TRUE (g_get_monotonic_time () - start >= 200 * 1000);
  g_clear_error (&count.error);
}

static void
test_cancel_sends_cancel (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  AsyncCount count = { 0 };
  ProxyTestSeen *request, *cancel;

  proxy_test_server_set_silent (fx.server, TRUE);
  start_twice (fx.proxy, &count, 1, cancellable);
  CU_ASSERT_EQUAL_FATAL (proxy_test_server_wait_seen (fx.server, GORB_MESSAGE_REQUEST, 1), 1);
  g_cancellable_cancel (cancellable);
  CU_ASSERT_EQUAL (count.done, 0); /* never from inside the cancel */
  iterate_until (&count.done, 1);
  GORB_ASSERT_ERROR (count.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&count.error);
  CU_ASSERT_EQUAL_FATAL (proxy_test_server_wait_seen (fx.server, GORB_MESSAGE_CANCEL, 1), 1);
  request = proxy_test_server_get_seen (fx.server, GORB_MESSAGE_REQUEST, 0);
  cancel = proxy_test_server_get_seen (fx.server, GORB_MESSAGE_CANCEL, 0);
  CU_ASSERT_EQUAL (cancel->request_id, request->request_id);
}

static gint
compare_ids (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static void
test_acks_are_batched (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) acked = NULL;
  g_autoptr (GArray) sizes = NULL;
  g_autoptr (GArray) requested = g_array_new (FALSE, FALSE, sizeof (guint64));
  AsyncCount count = { 0 };
  const guint sizes_expected[] = { 1, 32, 32, 32, 4 };

  CU_ASSERT_EQUAL (call_number (fx.proxy, &error), 42); /* connects; its ack waits */
  for (gint32 i = 0; i < 100; i++)
    start_twice (fx.proxy, &count, i, NULL); /* the first send flushes the pending ack */
  iterate_until (&count.done, 100);          /* 96 acked in 3 batches, 4 pending */
  CU_ASSERT_EQUAL (count.failed, 0);
  CU_ASSERT_EQUAL (call_number (fx.proxy, &error), 42); /* sends the 4 first */
  GORB_ASSERT_NO_ERROR (error);

  CU_ASSERT_EQUAL (proxy_test_server_wait_acked (fx.server, 101), 101);
  sizes = proxy_test_server_dup_ack_sizes (fx.server);
  CU_ASSERT_EQUAL_FATAL (sizes->len, G_N_ELEMENTS (sizes_expected));
  for (guint i = 0; i < sizes->len; i++)
    CU_ASSERT_EQUAL (g_array_index (sizes, guint, i), sizes_expected[i]);
  /* exactly the 101 requests answered, each once */
  for (guint i = 0; i < 101; i++)
    {
      ProxyTestSeen *seen = proxy_test_server_get_seen (fx.server, GORB_MESSAGE_REQUEST, i);
      CU_ASSERT_PTR_NOT_NULL_FATAL (seen);
      g_array_append_val (requested, seen->request_id);
    }
  acked = proxy_test_server_dup_acked (fx.server);
  g_array_sort (acked, compare_ids);
  g_array_sort (requested, compare_ids);
  CU_ASSERT_EQUAL (memcmp (acked->data, requested->data, 101 * sizeof (guint64)), 0);
}

/* Threads */

static gpointer
call_from_thread (gpointer data)
{
  GorbProxy *proxy = data;
  guint ok = 0;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr (GError) error = NULL;
      gint32 x = (gint32) i, y = 0;
      gpointer args[] = { &x };
      if (gorb_proxy_invoke (proxy, &proxy_test_ops[PROXY_OP_TWICE], args, &y, &error)
          && y == 2 * x)
        ok++;
    }
  return GUINT_TO_POINTER (ok);
}

static void
test_calls_from_many_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("caller", call_from_thread, fx.proxy);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    CU_ASSERT_EQUAL (GPOINTER_TO_UINT (g_thread_join (threads[i])), 50);
}

static void
test_calls_after_shutdown_fail (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) resolve_error = NULL;
  g_autoptr (GorbRef) ref = proxy_test_server_dup_ref (fx.server);

  CU_ASSERT_EQUAL (call_number (fx.proxy, NULL), 42);
  gorb_orb_shutdown (fx.orb);
  CU_ASSERT_EQUAL (call_number (fx.proxy, &error), -1);
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_INV_ORDER);
  CU_ASSERT_PTR_NULL (gorb_orb_resolve (fx.orb, ref, &resolve_error));
  GORB_ASSERT_ERROR (resolve_error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_INV_ORDER);
}

static CU_TestInfo sync_tests[] = {
  { "results, out and inout values", test_sync_results },
  { "XML requests", test_xml_encoding },
  { "user and system exceptions", test_user_and_system_exceptions },
  { "TIMEOUT when the server never answers", test_timeout_when_the_server_never_answers },
  { "retransmission uses the same request id", test_retransmission_uses_the_same_id },
  { "a late reply is ignored by the next call", test_late_reply_is_ignored },
  { "oneway sends one request, no response expected", test_oneway_sends_one_request },
  { "ping: LOCATE_REQUEST", test_ping },
  { "an unreachable endpoint is TRANSIENT", test_unreachable_endpoint_is_transient },
  { "LOCATION_FORWARD is followed and remembered",
    test_location_forward_is_followed_and_remembered },
  { "object references go through the ORB", test_object_references_round_trip },
  { "one proxy per object while it lives", test_one_proxy_per_object },
  { "calls from many threads", test_calls_from_many_threads },
  { "calls after shutdown fail", test_calls_after_shutdown_fail },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo async_tests[] = {
  { "1000 calls in flight from one thread", test_async_thousand_in_flight },
  { "TIMEOUT", test_async_timeout },
  { "cancel sends CANCEL and completes CANCELLED", test_cancel_sends_cancel },
  { "ACKs are batched", test_acks_are_batched },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "rmi/proxy/sync", suite_init, suite_cleanup, setup, teardown, sync_tests },
  { "rmi/proxy/async", suite_init, suite_cleanup, setup, teardown, async_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
