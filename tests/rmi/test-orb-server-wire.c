/* tests/rmi/test-orb-server-wire.c - the server against a misbehaving or
 * impatient network: undecodable frames, duplicates and the reply cache
 * (at-most-once), ACK, cache limits, expired deadlines, CANCEL, a full
 * pool queue, reincarnated clients */
#include "orb-server-test-util.h"

#include <string.h>

static struct
{
  GorbOrb *orb;
  GObject *servant;
  TestCounterState *state;
  GorbRef *ref;
  TestClient client;
} fx;

static int
init_suite (void)
{
  test_register_skeletons ();
  return 0;
}

static void
teardown (void)
{
  test_client_clear (&fx.client);
  if (fx.orb != NULL)
    gorb_orb_shutdown (fx.orb);
  g_clear_object (&fx.orb);
  g_clear_object (&fx.servant);
  g_clear_pointer (&fx.ref, gorb_ref_unref);
}

static void
serve_with (GorbThreadPolicy policy, guint pool_threads, guint pool_queue_max, guint reply_cache_ms,
            guint reply_cache_max)
{
  g_autoptr (GError) error = NULL;

  fx.orb = test_orb_new ("tcp://127.0.0.1:0", pool_threads, pool_queue_max, reply_cache_ms,
                         reply_cache_max);
  fx.servant = test_counter_impl_new (fx.orb);
  fx.state = test_counter_impl_get_state (fx.servant);
  fx.ref = gorb_orb_export (fx.orb, fx.servant, policy, &error);
  GORB_ASSERT_NO_ERROR (error);
  test_client_init (&fx.client, gorb_ref_get_endpoint (fx.ref));
}

static void
serve (GorbThreadPolicy policy)
{
  serve_with (policy, 4, 100, 60000, 100);
}

static GorbOrbServerStats
stats (void)
{
  GorbOrbServerStats s;

  gorb_orb_server_get_stats (fx.orb->server, &s);
  return s;
}

static guint
cache_size (void)
{
  return gorb_reply_cache_get_size (gorb_orb_server_get_reply_cache (fx.orb->server));
}

/* Waits up to 2 s for the reply cache to hold @n entries (ACKs are handled
 * on the listener thread, after the send returns). */
static gboolean
wait_cache_size (guint n)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (cache_size () != n && g_get_monotonic_time () < deadline)
    g_usleep (5 * 1000);
  return cache_size () == n;
}

static GBytes *
request_header (guint64 request_id, const char *operation)
{
  gsize key_len;
  const guint8 *key = gorb_ref_get_key (fx.ref, &key_len);

  return test_client_header (&fx.client, GORB_MESSAGE_REQUEST, request_id, key, key_len, operation,
                             TRUE);
}

static GBytes *
add_body (gint32 n)
{
  gpointer args[] = { &n };

  return gorb_body_encode_request (&test_counter_ops[COUNTER_ADD], args, fx.client.encoding,
                                   fx.client.order, NULL);
}

static void
send_slow (guint64 request_id, gint32 ms)
{
  gpointer args[] = { &ms };

  test_client_send_request (&fx.client, request_id, fx.ref, &test_counter_ops[COUNTER_SLOW], args);
}

static void
send_ack (guint64 request_id, const guint64 *more, guint n_more)
{
  g_autoptr (GBytes) header
      = test_client_header (&fx.client, GORB_MESSAGE_ACK, request_id, NULL, 0, NULL, FALSE);
  g_autoptr (GBytes) body = NULL;

  if (n_more > 0)
    {
      GorbCdrWriter writer;

      gorb_cdr_writer_init (&writer, fx.client.order);
      gorb_cdr_write_ulong (&writer, n_more);
      for (guint i = 0; i < n_more; i++)
        gorb_cdr_write_ulonglong (&writer, more[i]);
      body = gorb_cdr_writer_steal_bytes (&writer);
    }
  test_client_send_raw (&fx.client, header, body);
}

/* A copy of @bytes with @len bytes from @data written at @offset, and cut
 * to @size (or kept whole if @size is 0). */
static GBytes *
patch (GBytes *bytes, gsize offset, const void *data, gsize len, gsize size)
{
  gsize n;
  guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (bytes), &n);

  if (data != NULL)
    memcpy (copy + offset, data, len);
  return g_bytes_new_take (copy, size != 0 ? size : n);
}

/* Garbage */

static void
test_undecodable_headers_are_answered_or_dropped (void)
{
  g_autoptr (GBytes) good = NULL;
  g_autoptr (GBytes) body = NULL;
  GorbOrbServerStats before;
  const guint8 flag_08 = 0x08 | (GORB_BYTE_ORDER_NATIVE == GORB_BYTE_ORDER_LITTLE ? 0x01 : 0)
                         | GORB_WIRE_FLAG_RESPONSE_EXPECTED;
  const guint8 major_2 = 2, type_9 = 9;

  serve (GORB_THREAD_POLICY_LISTENER);
  good = request_header (1, "add");
  body = add_body (1);
  before = stats ();

  /* dropped: nothing can be trusted */
  {
    g_autoptr (GBytes) giop = patch (good, 0, "GIOP", 4, 0);
    g_autoptr (GBytes) v2 = patch (good, 4, &major_2, 1, 0);
    g_autoptr (GBytes) cut = patch (good, 0, NULL, 0, 39); /* short of the fixed part */
    g_autoptr (GBytes) type = patch (good, 7, &type_9, 1, 0);

    test_client_send_raw (&fx.client, giop, body);
    test_client_send_raw (&fx.client, v2, body);
    test_client_send_raw (&fx.client, cut, body);
    test_client_send_raw (&fx.client, type, body);
    CU_ASSERT_TRUE (test_client_expect_silence (&fx.client, 300));
    CU_ASSERT_EQUAL (stats ().dropped, before.dropped + 4);
  }
  /* answered: the fixed part is intact, the request id known */
  {
    g_autoptr (GBytes) tail = patch (good, 0, NULL, 0, 50); /* key cut short */
    g_autoptr (GBytes) flags = patch (good, 6, &flag_08, 1, 0);
    g_autoptr (GError) e1 = NULL;
    g_autoptr (GError) e2 = NULL;
    GorbCompletionStatus completion = GORB_COMPLETED_MAYBE;

    test_client_send_raw (&fx.client, tail, body);
    e1 = test_client_receive_system_exception (&fx.client, 1, &completion);
    GORB_ASSERT_ERROR (e1, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_MARSHAL);
    CU_ASSERT_EQUAL (completion, GORB_COMPLETED_NO);
    test_client_send_raw (&fx.client, flags, body);
    e2 = test_client_receive_system_exception (&fx.client, 1, &completion);
    GORB_ASSERT_ERROR (e2, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_PROTOCOL);
    CU_ASSERT_EQUAL (completion, GORB_COMPLETED_NO);
  }
  /* a reply sent to a server is dropped */
  {
    GorbMessageHeader h = { .type = GORB_MESSAGE_REPLY, .request_id = 3 };
    g_autoptr (GBytes) reply = gorb_wire_encode_header (&h);

    test_client_send_raw (&fx.client, reply, NULL);
    CU_ASSERT_TRUE (test_client_expect_silence (&fx.client, 200));
  }
  CU_ASSERT_EQUAL (fx.state->n_calls, 0);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 2, fx.ref, 7), 7); /* still serving */
}

static void
test_big_endian_garbage_is_answered_big_endian (void)
{
  g_autoptr (GBytes) good = NULL;
  g_autoptr (GBytes) tail = NULL;
  g_autoptr (GError) exception = NULL;
  GorbCompletionStatus completion = GORB_COMPLETED_MAYBE;

  serve (GORB_THREAD_POLICY_POOL);
  fx.client.order = GORB_BYTE_ORDER_BIG;
  fx.client.epoch = 0x01020304;
  good = request_header (0x0102030405060708, "add");
  tail = patch (good, 0, NULL, 0, 45);
  test_client_send_raw (&fx.client, tail, NULL);
  exception = test_client_receive_system_exception (&fx.client, 0x0102030405060708, &completion);
  GORB_ASSERT_ERROR (exception, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_MARSHAL);
}

/* At-most-once */

static void
test_duplicate_runs_once_and_is_answered_twice_alike (void)
{
  g_autoptr (GBytes) header = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) h1 = NULL;
  g_autoptr (GBytes) b1 = NULL;
  g_autoptr (GBytes) h2 = NULL;
  g_autoptr (GBytes) b2 = NULL;

  serve (GORB_THREAD_POLICY_POOL);
  header = request_header (77, "add");
  body = add_body (5);
  test_client_send_raw (&fx.client, header, body);
  CU_ASSERT_TRUE_FATAL (test_client_receive (&fx.client, 5000, &h1, &b1));
  test_client_send_raw (&fx.client, header, body); /* a retransmission */
  CU_ASSERT_TRUE_FATAL (test_client_receive (&fx.client, 5000, &h2, &b2));
  CU_ASSERT_TRUE (g_bytes_equal (h1, h2));
  CU_ASSERT_TRUE (g_bytes_equal (b1, b2));
  CU_ASSERT_EQUAL (fx.state->n_calls, 1);
  CU_ASSERT_EQUAL (fx.state->total, 5);
  CU_ASSERT_EQUAL (stats ().duplicates, 1);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 78, fx.ref, 1), 6);
}

static void
test_duplicate_of_a_running_request_is_ignored (void)
{
  g_autoptr (GBytes) body = NULL;

  serve (GORB_THREAD_POLICY_POOL);
  send_slow (1, 300);
  CU_ASSERT_TRUE (test_counter_wait_inflight (fx.state, 1));
  send_slow (1, 300); /* while it runs */
  CU_ASSERT_EQUAL (test_client_receive_reply (&fx.client, 1, &body), GORB_REPLY_OK);
  CU_ASSERT_TRUE (test_client_expect_silence (&fx.client, 200));
  g_clear_pointer (&body, g_bytes_unref);
  send_slow (1, 300); /* after it: from the cache, at once */
  CU_ASSERT_EQUAL (test_client_receive_reply (&fx.client, 1, &body), GORB_REPLY_OK);
  CU_ASSERT_EQUAL (fx.state->n_calls, 1);
  CU_ASSERT_EQUAL (fx.state->max_inflight, 1);
}

static void
test_failed_calls_are_cached_too (void)
{
  const GorbOperationDesc *op = &test_counter_ops[COUNTER_FAIL];
  const char *why = "once";
  gpointer args[] = { &why };
  g_autoptr (GBytes) b1 = NULL;
  g_autoptr (GBytes) b2 = NULL;

  serve (GORB_THREAD_POLICY_SERIALIZED);
  test_client_send_request (&fx.client, 4, fx.ref, op, args);
  CU_ASSERT_EQUAL (test_client_receive_reply (&fx.client, 4, &b1), GORB_REPLY_USER_EXCEPTION);
  test_client_send_request (&fx.client, 4, fx.ref, op, args);
  CU_ASSERT_EQUAL (test_client_receive_reply (&fx.client, 4, &b2), GORB_REPLY_USER_EXCEPTION);
  CU_ASSERT_TRUE (b1 != NULL && b2 != NULL && g_bytes_equal (b1, b2));
  CU_ASSERT_EQUAL (fx.state->n_calls, 1);
}

static void
test_refusals_are_not_cached (void)
{
  g_autoptr (GBytes) header = NULL;
  g_autoptr (GError) e1 = NULL;

  serve (GORB_THREAD_POLICY_LISTENER);
  header = request_header (5, "nope");
  test_client_send_raw (&fx.client, header, NULL);
  e1 = test_client_receive_system_exception (&fx.client, 5, NULL);
  GORB_ASSERT_ERROR (e1, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_OPERATION);
  CU_ASSERT_EQUAL (cache_size (), 0);
}

static void
test_ack_prunes_the_reply_cache (void)
{
  const guint64 more[] = { 2, 3, 99 };

  serve (GORB_THREAD_POLICY_LISTENER);
  for (guint64 id = 1; id <= 4; id++)
    CU_ASSERT_EQUAL (test_client_add (&fx.client, id, fx.ref, 1), (gint32) id);
  CU_ASSERT_EQUAL (cache_size (), 4);
  send_ack (1, NULL, 0);
  CU_ASSERT_TRUE (wait_cache_size (3));
  send_ack (4, more, G_N_ELEMENTS (more)); /* a batch: 4, then 2, 3 and an unknown 99 */
  CU_ASSERT_TRUE (wait_cache_size (0));
  /* acknowledged: the same request id is a new request now */
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 1, fx.ref, 1), 5);
  CU_ASSERT_TRUE (test_client_expect_silence (&fx.client, 100)); /* ACKs are not answered */
}

static void
test_ack_with_a_broken_batch_still_prunes_its_own_id (void)
{
  g_autoptr (GBytes) header = NULL;
  g_autoptr (GBytes) body = g_bytes_new_static ("\0\0\0\7\0", 5);
  GorbOrbServerStats before;

  serve (GORB_THREAD_POLICY_LISTENER);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 1, fx.ref, 1), 1);
  before = stats ();
  header = test_client_header (&fx.client, GORB_MESSAGE_ACK, 1, NULL, 0, NULL, FALSE);
  test_client_send_raw (&fx.client, header, body);
  CU_ASSERT_TRUE (wait_cache_size (0));
  CU_ASSERT_EQUAL (stats ().dropped, before.dropped + 1);
}

static void
test_reply_cache_count_limit (void)
{
  serve_with (GORB_THREAD_POLICY_POOL, 2, 100, 60000, 2);
  for (guint64 id = 1; id <= 3; id++)
    CU_ASSERT_EQUAL (test_client_add (&fx.client, id, fx.ref, 1), (gint32) id);
  CU_ASSERT_EQUAL (cache_size (), 2);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 3, fx.ref, 1), 3); /* cached */
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 1, fx.ref, 1), 4); /* dropped: runs again */
}

static void
test_reply_cache_age_limit (void)
{
  serve_with (GORB_THREAD_POLICY_LISTENER, 1, 100, 400, 100);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 1, fx.ref, 1), 1);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 1, fx.ref, 1), 1); /* cached */
  g_usleep (600 * 1000);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 2, fx.ref, 1), 2); /* prunes 1 */
  CU_ASSERT_EQUAL (cache_size (), 1);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 1, fx.ref, 1), 3); /* runs again */
}

/* Deadlines, CANCEL, a full pool */

static void
test_expired_request_is_dropped (void)
{
  g_autoptr (GBytes) body = NULL;

  serve (GORB_THREAD_POLICY_SERIALIZED);
  send_slow (1, 300);
  CU_ASSERT_TRUE (test_counter_wait_inflight (fx.state, 1));
  fx.client.timeout_ms = 50; /* it waits 300 ms for its turn */
  {
    g_autoptr (GBytes) header = request_header (2, "add");
    g_autoptr (GBytes) add = add_body (1);

    test_client_send_raw (&fx.client, header, add);
  }
  CU_ASSERT_EQUAL (test_client_receive_reply (&fx.client, 1, &body), GORB_REPLY_OK);
  CU_ASSERT_TRUE (test_client_expect_silence (&fx.client, 300));
  CU_ASSERT_EQUAL (fx.state->total, 0);
  CU_ASSERT_EQUAL (stats ().expired, 1);
  CU_ASSERT_EQUAL (cache_size (), 1); /* only the slow call's reply */
}

static void
test_cancel_drops_a_waiting_request (void)
{
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) cancel = NULL;

  serve (GORB_THREAD_POLICY_SERIALIZED);
  send_slow (1, 300);
  CU_ASSERT_TRUE (test_counter_wait_inflight (fx.state, 1));
  {
    g_autoptr (GBytes) header = request_header (2, "add");
    g_autoptr (GBytes) add = add_body (1);

    test_client_send_raw (&fx.client, header, add);
  }
  cancel = test_client_header (&fx.client, GORB_MESSAGE_CANCEL, 2, NULL, 0, NULL, FALSE);
  test_client_send_raw (&fx.client, cancel, NULL);
  test_client_send_raw (&fx.client, cancel, NULL); /* again: nothing left to drop */
  CU_ASSERT_EQUAL (test_client_receive_reply (&fx.client, 1, &body), GORB_REPLY_OK);
  CU_ASSERT_TRUE (test_client_expect_silence (&fx.client, 200));
  CU_ASSERT_EQUAL (fx.state->total, 0);
  CU_ASSERT_EQUAL (stats ().cancelled, 1);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 2, fx.ref, 1), 1); /* sent again: runs */
}

static void
test_full_pool_queue_is_no_resources (void)
{
  GorbCompletionStatus completion = GORB_COMPLETED_MAYBE;
  g_autoptr (GError) exception = NULL;
  g_autoptr (GBytes) b1 = NULL;
  g_autoptr (GBytes) b2 = NULL;
  gint32 n = 1;
  gpointer args[] = { &n };

  serve_with (GORB_THREAD_POLICY_POOL, 1, 1, 60000, 100);
  send_slow (1, 300);
  CU_ASSERT_TRUE (test_counter_wait_inflight (fx.state, 1)); /* the one thread is busy */
  send_slow (2, 10);                                         /* waits: the queue is full */
  test_client_send_request (&fx.client, 3, fx.ref, &test_counter_ops[COUNTER_ADD], args);
  exception = test_client_receive_system_exception (&fx.client, 3, &completion);
  GORB_ASSERT_ERROR (exception, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_NO_RESOURCES);
  CU_ASSERT_EQUAL (completion, GORB_COMPLETED_NO);
  CU_ASSERT_EQUAL (test_client_receive_reply (&fx.client, 1, &b1), GORB_REPLY_OK);
  CU_ASSERT_EQUAL (test_client_receive_reply (&fx.client, 2, &b2), GORB_REPLY_OK);
  CU_ASSERT_EQUAL (stats ().refused, 1);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 3, fx.ref, 1), 1); /* refusals are not cached */
}

static void
test_reincarnated_client_abandons_its_orphans (void)
{
  GorbOrbServerStats before;

  serve (GORB_THREAD_POLICY_LISTENER);
  fx.client.epoch = 5;
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 1, fx.ref, 1), 1);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 2, fx.ref, 1), 2);
  CU_ASSERT_EQUAL (cache_size (), 2);
  fx.client.epoch = 6;                                             /* the client restarted */
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 1, fx.ref, 1), 3); /* not the old reply */
  CU_ASSERT_EQUAL (cache_size (), 1);
  before = stats ();
  fx.client.epoch = 5; /* a late message of the old incarnation */
  {
    g_autoptr (GBytes) header = request_header (3, "add");
    g_autoptr (GBytes) add = add_body (1);

    test_client_send_raw (&fx.client, header, add);
  }
  CU_ASSERT_TRUE (test_client_expect_silence (&fx.client, 200));
  CU_ASSERT_EQUAL (stats ().dropped, before.dropped + 1);
  CU_ASSERT_EQUAL (fx.state->total, 3);
}

static CU_TestInfo wire_tests[] = {
  { "undecodable headers are answered or dropped",
    test_undecodable_headers_are_answered_or_dropped },
  { "big endian garbage is answered big endian", test_big_endian_garbage_is_answered_big_endian },
  { "duplicate runs once and is answered twice alike",
    test_duplicate_runs_once_and_is_answered_twice_alike },
  { "duplicate of a running request is ignored", test_duplicate_of_a_running_request_is_ignored },
  { "failed calls are cached too", test_failed_calls_are_cached_too },
  { "refusals are not cached", test_refusals_are_not_cached },
  { "ACK prunes the reply cache", test_ack_prunes_the_reply_cache },
  { "ACK with a broken batch still prunes its own id",
    test_ack_with_a_broken_batch_still_prunes_its_own_id },
  { "reply cache count limit", test_reply_cache_count_limit },
  { "reply cache age limit", test_reply_cache_age_limit },
  { "expired request is dropped", test_expired_request_is_dropped },
  { "CANCEL drops a waiting request", test_cancel_drops_a_waiting_request },
  { "full pool queue is NO_RESOURCES", test_full_pool_queue_is_no_resources },
  { "reincarnated client abandons its orphans", test_reincarnated_client_abandons_its_orphans },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "rmi/orb-server wire", init_suite, NULL, NULL, teardown, wire_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
