/* tests/rmi/test-orb-server.c - the ORB's server half over real sockets,
 * spoken to by a raw wire client: thread policies, dispatch and its
 * errors, exceptions, encodings, the skeleton registry, exports, LOCATE,
 * oneway, and shutdown (threads gone, from a servant, from a signal) */
#include "orb-server-test-util.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

static struct
{
  const char *bind; /* what ORBs bind: set by the suite */
  char *tmpdir;     /* ipc suite */
  guint n_ipc;
  GorbOrb *orb;
  GObject *servant;
  TestCounterState *state;
  GorbRef *ref;
  TestClient client;
} fx;

static char *
next_endpoint (void)
{
  if (fx.tmpdir == NULL)
    return g_strdup (fx.bind);
  return g_strdup_printf ("ipc://%s/server-%u", fx.tmpdir, fx.n_ipc++);
}

static int
init_tcp (void)
{
  test_register_skeletons ();
  fx.bind = "tcp://127.0.0.1:0";
  return 0;
}

static int
init_ipc (void)
{
  test_register_skeletons ();
  fx.tmpdir = g_dir_make_tmp ("gorb-server-XXXXXX", NULL);
  return fx.tmpdir != NULL ? 0 : -1;
}

static int
clean_ipc (void)
{
  g_autoptr (GDir) dir = g_dir_open (fx.tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx.tmpdir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fx.tmpdir);
  g_clear_pointer (&fx.tmpdir, g_free);
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
  fx.state = NULL;
}

/* An ORB (4 pool threads) serving a Counter (or Counter2) with @policy,
 * and a raw client connected to it. */
static void
serve (GorbThreadPolicy policy, gboolean counter2)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *endpoint = next_endpoint ();

  fx.orb = test_orb_new (endpoint, 4, 100, 60000, 100);
  fx.servant = counter2 ? test_counter2_impl_new (fx.orb) : test_counter_impl_new (fx.orb);
  fx.state = test_counter_impl_get_state (fx.servant);
  fx.ref = gorb_orb_export (fx.orb, fx.servant, policy, &error);
  GORB_ASSERT_NO_ERROR (error);
  test_client_init (&fx.client, gorb_ref_get_endpoint (fx.ref));
}

static void
send_slow (guint64 request_id, gint32 ms)
{
  gpointer args[] = { &ms };

  test_client_send_request (&fx.client, request_id, fx.ref, &test_counter_ops[COUNTER_SLOW], args);
}

/* Receives @n replies of status OK, in any order; returns how many came. */
static guint
receive_ok_replies (guint n)
{
  guint got = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GBytes) header = NULL;
      g_autoptr (GBytes) body = NULL;
      GorbMessageHeader h;
      gsize len;
      const guint8 *data;

      if (!test_client_receive (&fx.client, 5000, &header, &body))
        break;
      data = g_bytes_get_data (header, &len);
      CU_ASSERT_TRUE_FATAL (gorb_wire_read_header (data, len, &h, NULL));
      CU_ASSERT_EQUAL (h.status, GORB_REPLY_OK);
      got++;
    }
  return got;
}

/* Waits up to 2 s for @object's reference count to come down to @n: a
 * job lets go of its export just after its reply is sent. */
static gboolean
wait_ref_count (GObject *object, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while ((guint) g_atomic_int_get (&object->ref_count) != n && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  return (guint) g_atomic_int_get (&object->ref_count) == n;
}

/* Policies */

static void
test_listener_policy_runs_on_the_listener_thread (void)
{
  serve (GORB_THREAD_POLICY_LISTENER, FALSE);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 1, fx.ref, 5), 5);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 2, fx.ref, 3), 8);
  CU_ASSERT_TRUE (fx.state->on_listener_thread);
  CU_ASSERT_TRUE (fx.state->on_server_thread);
}

static void
test_pool_policy_runs_on_pool_threads_at_once (void)
{
  gint64 start;

  serve (GORB_THREAD_POLICY_POOL, FALSE);
  start = g_get_monotonic_time ();
  for (guint64 id = 1; id <= 4; id++)
    send_slow (id, 200);
  CU_ASSERT_EQUAL (receive_ok_replies (4), 4);
  CU_ASSERT_TRUE (g_get_monotonic_time () - start < 700 * 1000); /* not 4 x 200 ms */
  CU_ASSERT_TRUE (fx.state->max_inflight >= 2);
  CU_ASSERT_FALSE (fx.state->on_listener_thread);
  CU_ASSERT_TRUE (fx.state->on_server_thread);
  CU_ASSERT_PTR_NOT_EQUAL (fx.state->last_thread, g_thread_self ());
}

static void
test_serialized_policy_never_overlaps (void)
{
  const gint32 ms[] = { 30, 20, 10, 40, 5 };

  serve (GORB_THREAD_POLICY_SERIALIZED, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
    send_slow (i + 1, ms[i]);
  CU_ASSERT_EQUAL (receive_ok_replies (G_N_ELEMENTS (ms)), G_N_ELEMENTS (ms));
  CU_ASSERT_EQUAL (fx.state->max_inflight, 1);
  CU_ASSERT_FALSE (fx.state->on_listener_thread);
  CU_ASSERT_TRUE (fx.state->on_server_thread);
  CU_ASSERT_EQUAL_FATAL (fx.state->slow_order->len, G_N_ELEMENTS (ms));
  for (guint i = 0; i < G_N_ELEMENTS (ms); i++) /* arrival order */
    CU_ASSERT_EQUAL (g_array_index (fx.state->slow_order, gint32, i), ms[i]);
}

/* Dispatch errors */

static void
test_unknown_key_is_object_not_exist (void)
{
  guint8 key[GORB_OBJECT_KEY_SIZE];
  const guint8 short_key[] = { 1, 2, 3 };
  GorbCompletionStatus completion = GORB_COMPLETED_MAYBE;
  g_autoptr (GError) e1 = NULL;
  g_autoptr (GError) e2 = NULL;
  g_autoptr (GBytes) h1 = NULL;
  g_autoptr (GBytes) h2 = NULL;
  gint32 n = 1;
  gpointer args[] = { &n };
  g_autoptr (GBytes) body = gorb_body_encode_request (
      &test_counter_ops[COUNTER_ADD], args, GORB_ENCODING_CDR, GORB_BYTE_ORDER_NATIVE, NULL);

  serve (GORB_THREAD_POLICY_LISTENER, FALSE);
  memcpy (key, gorb_ref_get_key (fx.ref, NULL), sizeof key);
  key[sizeof key - 1] ^= 0x80; /* an object number never handed out */
  h1 = test_client_header (&fx.client, GORB_MESSAGE_REQUEST, 1, key, sizeof key, "add", TRUE);
  test_client_send_raw (&fx.client, h1, body);
  e1 = test_client_receive_system_exception (&fx.client, 1, &completion);
  GORB_ASSERT_ERROR (e1, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
  CU_ASSERT_EQUAL (completion, GORB_COMPLETED_NO);

  h2 = test_client_header (&fx.client, GORB_MESSAGE_REQUEST, 2, short_key, sizeof short_key, "add",
                           TRUE);
  test_client_send_raw (&fx.client, h2, body);
  e2 = test_client_receive_system_exception (&fx.client, 2, &completion);
  GORB_ASSERT_ERROR (e2, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
  CU_ASSERT_EQUAL (fx.state->n_calls, 0);
}

static void
test_unknown_operation_is_bad_operation (void)
{
  GorbCompletionStatus completion = GORB_COMPLETED_MAYBE;
  g_autoptr (GError) exception = NULL;
  g_autoptr (GBytes) header = NULL;
  gsize key_len;
  const guint8 *key;

  serve (GORB_THREAD_POLICY_POOL, FALSE);
  key = gorb_ref_get_key (fx.ref, &key_len);
  header = test_client_header (&fx.client, GORB_MESSAGE_REQUEST, 9, key, key_len, "twice", TRUE);
  test_client_send_raw (&fx.client, header, NULL);
  exception = test_client_receive_system_exception (&fx.client, 9, &completion);
  GORB_ASSERT_ERROR (exception, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_OPERATION);
  CU_ASSERT_EQUAL (completion, GORB_COMPLETED_NO);
  CU_ASSERT_PTR_NOT_NULL (strstr (exception->message, "twice"));
}

/* Outcomes */

static void
test_user_exception_carries_its_members (void)
{
  const GorbOperationDesc *op = &test_counter_ops[COUNTER_FAIL];
  const char *why = "why not";
  gpointer args[] = { &why };
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) oops = NULL;

  serve (GORB_THREAD_POLICY_POOL, FALSE);
  test_client_send_request (&fx.client, 3, fx.ref, op, args);
  CU_ASSERT_EQUAL_FATAL (test_client_receive_reply (&fx.client, 3, &body),
                         GORB_REPLY_USER_EXCEPTION);
  oops = gorb_body_decode_user_exception (op, body, GORB_ENCODING_CDR, GORB_BYTE_ORDER_NATIVE,
                                          &error);
  GORB_ASSERT_NO_ERROR (error);
  GORB_ASSERT_ERROR (oops, TEST_OOPS, 0);
  CU_ASSERT_STRING_EQUAL (oops->message, "oops: why not");
  CU_ASSERT_STRING_EQUAL (test_oops_members (oops)->why, "why not");
  CU_ASSERT_EQUAL (test_oops_members (oops)->code, 7);
}

static void
test_servant_system_errors_and_foreign_errors (void)
{
  const GorbOperationDesc *op = &test_counter_ops[COUNTER_SYSFAIL];
  GorbCompletionStatus completion = GORB_COMPLETED_MAYBE;
  gint32 code = GORB_SYSTEM_ERROR_NO_PERMISSION;
  gpointer args[] = { &code };
  g_autoptr (GError) e1 = NULL;
  g_autoptr (GError) e2 = NULL;

  serve (GORB_THREAD_POLICY_LISTENER, FALSE);
  test_client_send_request (&fx.client, 1, fx.ref, op, args);
  e1 = test_client_receive_system_exception (&fx.client, 1, &completion);
  GORB_ASSERT_ERROR (e1, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_NO_PERMISSION);
  CU_ASSERT_EQUAL (completion, GORB_COMPLETED_YES);
  CU_ASSERT_STRING_EQUAL (e1->message, "sysfail 8");

  code = -1; /* a GIOError: UNKNOWN, with its message */
  test_client_send_request (&fx.client, 2, fx.ref, op, args);
  e2 = test_client_receive_system_exception (&fx.client, 2, &completion);
  GORB_ASSERT_ERROR (e2, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_UNKNOWN);
  CU_ASSERT_EQUAL (completion, GORB_COMPLETED_YES);
  CU_ASSERT_STRING_EQUAL (e2->message, "disk on fire");
}

static void
test_result_and_out_parameters (void)
{
  const GorbOperationDesc *op = &test_counter_ops[COUNTER_ECHO];
  const char *s = "hello";
  gint32 len = 0;
  char *result = NULL;
  gpointer args[] = { &s, &len };
  gpointer out_args[] = { NULL, &len };
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;

  serve (GORB_THREAD_POLICY_POOL, FALSE);
  test_client_send_request (&fx.client, 4, fx.ref, op, args);
  CU_ASSERT_EQUAL_FATAL (test_client_receive_reply (&fx.client, 4, &body), GORB_REPLY_OK);
  CU_ASSERT_TRUE (gorb_body_decode_reply (op, body, GORB_ENCODING_CDR, GORB_BYTE_ORDER_NATIVE,
                                          &result, out_args, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (result, "olleh");
  CU_ASSERT_EQUAL (len, 5);
  g_free (result);
}

static void
test_truncated_body_is_marshal_and_never_runs (void)
{
  GorbCompletionStatus completion = GORB_COMPLETED_MAYBE;
  g_autoptr (GError) exception = NULL;
  g_autoptr (GBytes) header = NULL;
  g_autoptr (GBytes) body = g_bytes_new_static ("\1\2", 2); /* a long needs 4 */
  gsize key_len;
  const guint8 *key;

  serve (GORB_THREAD_POLICY_LISTENER, FALSE);
  key = gorb_ref_get_key (fx.ref, &key_len);
  header = test_client_header (&fx.client, GORB_MESSAGE_REQUEST, 5, key, key_len, "add", TRUE);
  test_client_send_raw (&fx.client, header, body);
  exception = test_client_receive_system_exception (&fx.client, 5, &completion);
  GORB_ASSERT_ERROR (exception, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_MARSHAL);
  CU_ASSERT_EQUAL (completion, GORB_COMPLETED_NO);
  CU_ASSERT_EQUAL (fx.state->n_calls, 0);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 6, fx.ref, 2), 2); /* still serving */
}

/* Encodings */

static void
test_xml_request_is_answered_in_xml (void)
{
  const GorbOperationDesc *op = &test_counter_ops[COUNTER_FAIL];
  const char *why = "<&>";
  gpointer args[] = { &why };
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) oops = NULL;

  serve (GORB_THREAD_POLICY_LISTENER, FALSE);
  fx.client.encoding = GORB_ENCODING_XML;
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 1, fx.ref, 40), 40); /* checks the reply's flags */
  test_client_send_request (&fx.client, 2, fx.ref, op, args);
  CU_ASSERT_EQUAL_FATAL (test_client_receive_reply (&fx.client, 2, &body),
                         GORB_REPLY_USER_EXCEPTION);
  CU_ASSERT_EQUAL (memcmp (g_bytes_get_data (body, NULL), "<?xml", 5), 0);
  oops = gorb_body_decode_user_exception (op, body, GORB_ENCODING_XML, fx.client.order, &error);
  GORB_ASSERT_NO_ERROR (error);
  GORB_ASSERT_ERROR (oops, TEST_OOPS, 0);
  CU_ASSERT_STRING_EQUAL (test_oops_members (oops)->why, "<&>");
}

static void
test_foreign_byte_order_is_answered_in_it (void)
{
  serve (GORB_THREAD_POLICY_POOL, FALSE);
  fx.client.order = GORB_BYTE_ORDER_NATIVE == GORB_BYTE_ORDER_LITTLE ? GORB_BYTE_ORDER_BIG
                                                                     : GORB_BYTE_ORDER_LITTLE;
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 1, fx.ref, 0x01020304), 0x01020304);
}

/* LOCATE and oneway */

static void
test_locate_request (void)
{
  guint8 unknown[GORB_OBJECT_KEY_SIZE] = { 0 };
  gsize key_len;
  const guint8 *key;

  serve (GORB_THREAD_POLICY_LISTENER, FALSE);
  key = gorb_ref_get_key (fx.ref, &key_len);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GBytes) request = test_client_header (&fx.client, GORB_MESSAGE_LOCATE_REQUEST,
                                                       10 + i, i == 0 ? key : unknown,
                                                       i == 0 ? key_len : sizeof unknown, "", TRUE);
      g_autoptr (GBytes) header = NULL;
      g_autoptr (GBytes) body = NULL;
      GorbMessageHeader h;
      gsize len;
      const guint8 *data;

      test_client_send_raw (&fx.client, request, NULL);
      CU_ASSERT_TRUE_FATAL (test_client_receive (&fx.client, 5000, &header, &body));
      data = g_bytes_get_data (header, &len);
      CU_ASSERT_TRUE_FATAL (gorb_wire_read_header (data, len, &h, NULL));
      CU_ASSERT_EQUAL (h.type, GORB_MESSAGE_LOCATE_REPLY);
      CU_ASSERT_EQUAL (h.request_id, 10 + i);
      CU_ASSERT_EQUAL (h.status, i == 0 ? GORB_LOCATE_OBJECT_HERE : GORB_LOCATE_UNKNOWN_OBJECT);
      CU_ASSERT_EQUAL (body != NULL ? g_bytes_get_size (body) : 0, 0);
    }
}

static void
test_oneway_runs_and_sends_nothing (void)
{
  guint8 unknown[GORB_OBJECT_KEY_SIZE] = { 0 };
  g_autoptr (GBytes) header = NULL;

  serve (GORB_THREAD_POLICY_POOL, FALSE);
  test_client_send_request (&fx.client, 1, fx.ref, &test_counter_ops[COUNTER_POKE], NULL);
  test_client_send_request (&fx.client, 1, fx.ref, &test_counter_ops[COUNTER_POKE], NULL);
  /* a oneway request for an unknown object is not answered either */
  header = test_client_header (&fx.client, GORB_MESSAGE_REQUEST, 2, unknown, sizeof unknown, "poke",
                               FALSE);
  test_client_send_raw (&fx.client, header, NULL);
  CU_ASSERT_TRUE (test_counter_wait_calls (fx.state, 2));
  CU_ASSERT_TRUE (test_client_expect_silence (&fx.client, 300));
  CU_ASSERT_EQUAL (fx.state->n_pokes, 2); /* the same request id twice: oneways are not cached */
}

/* Exports and the registry */

static void
test_export_twice_gives_the_same_reference (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbRef) again = NULL;
  g_autoptr (GObject) plain = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GorbRef) none = NULL;

  serve (GORB_THREAD_POLICY_POOL, FALSE);
  again = gorb_orb_export (fx.orb, fx.servant, GORB_THREAD_POLICY_LISTENER, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_ref_equal (again, fx.ref));
  none = gorb_orb_export (fx.orb, plain, GORB_THREAD_POLICY_POOL, &error);
  CU_ASSERT_PTR_NULL (none);
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM);
}

static void
test_unexport_gives_object_not_exist (void)
{
  GorbCompletionStatus completion = GORB_COMPLETED_MAYBE;
  g_autoptr (GError) exception = NULL;
  g_autoptr (GorbRef) gone = NULL;
  gint32 n = 1;
  gpointer args[] = { &n };

  serve (GORB_THREAD_POLICY_POOL, FALSE);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 1, fx.ref, 1), 1);
  CU_ASSERT_EQUAL (fx.servant->ref_count, 2); /* ours and the ORB's */
  CU_ASSERT_TRUE (gorb_orb_unexport (fx.orb, fx.servant));
  CU_ASSERT_FALSE (gorb_orb_unexport (fx.orb, fx.servant));
  CU_ASSERT_TRUE (wait_ref_count (fx.servant, 1)); /* once the add () job lets go */
  gone = gorb_orb_server_dup_ref (fx.orb->server, fx.servant);
  CU_ASSERT_PTR_NULL (gone);
  test_client_send_request (&fx.client, 2, fx.ref, &test_counter_ops[COUNTER_ADD], args);
  exception = test_client_receive_system_exception (&fx.client, 2, &completion);
  GORB_ASSERT_ERROR (exception, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
  CU_ASSERT_EQUAL (completion, GORB_COMPLETED_NO);
}

static void
test_references_keys_and_endpoints (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) second = NULL;
  g_autoptr (GorbRef) second_ref = NULL;
  g_auto (GStrv) endpoints = NULL;
  g_autoptr (GObject) found = NULL;
  GorbIncarnationId incarnation;
  guint64 number = 0;
  gsize key_len;
  const guint8 *key;

  serve (GORB_THREAD_POLICY_POOL, FALSE);
  endpoints = gorb_orb_dup_endpoints (fx.orb);
  CU_ASSERT_EQUAL_FATAL (g_strv_length (endpoints), 1);
  CU_ASSERT_STRING_EQUAL (endpoints[0], gorb_ref_get_endpoint (fx.ref));
  if (fx.tmpdir == NULL)
    CU_ASSERT_FALSE (g_str_has_suffix (endpoints[0], ":0")); /* the real port */
  CU_ASSERT_STRING_EQUAL (gorb_ref_get_repo_id (fx.ref), "IDL:Test/Counter:1.0");
  CU_ASSERT_EQUAL (gorb_ref_get_encoding (fx.ref), fx.orb->config.encoding);
  key = gorb_ref_get_key (fx.ref, &key_len);
  CU_ASSERT_TRUE_FATAL (gorb_object_key_split (key, key_len, &incarnation, &number));
  CU_ASSERT_EQUAL (memcmp (&incarnation, &fx.orb->incarnation, sizeof incarnation), 0);
  CU_ASSERT_EQUAL (number, 1);

  found = gorb_orb_server_lookup (fx.orb->server, key, key_len);
  CU_ASSERT_PTR_EQUAL (found, fx.servant);

  second = test_counter2_impl_new (fx.orb);
  second_ref = gorb_orb_dup_ref (fx.orb, second, &error); /* exports on the fly */
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (gorb_ref_get_repo_id (second_ref), "IDL:Test/Counter2:1.0");
  key = gorb_ref_get_key (second_ref, &key_len);
  CU_ASSERT_TRUE (gorb_object_key_split (key, key_len, NULL, &number));
  CU_ASSERT_EQUAL (number, 2);
  CU_ASSERT_TRUE (gorb_orb_unexport (fx.orb, second));
}

static void
test_skeleton_registry (void)
{
  const GorbOperationDesc *op = NULL;

  CU_ASSERT_PTR_EQUAL (gorb_skeleton_lookup ("IDL:Test/Counter:1.0"), &test_counter_skeleton);
  CU_ASSERT_PTR_NULL (gorb_skeleton_lookup ("IDL:Test/Nothing:1.0"));
  test_register_skeletons (); /* again: a no-op */
  CU_ASSERT_PTR_EQUAL (gorb_skeleton_lookup_for_type (TEST_TYPE_COUNTER_IMPL),
                       &test_counter_skeleton);
  CU_ASSERT_PTR_EQUAL (gorb_skeleton_lookup_for_type (TEST_TYPE_COUNTER2_IMPL),
                       &test_counter2_skeleton); /* the most derived */
  CU_ASSERT_PTR_NULL (gorb_skeleton_lookup_for_type (G_TYPE_OBJECT));
  CU_ASSERT_PTR_EQUAL (gorb_skeleton_lookup_for_operation (&test_counter2_skeleton, "add", &op),
                       &test_counter_skeleton);
  CU_ASSERT_PTR_EQUAL (op, &test_counter_ops[COUNTER_ADD]);
  CU_ASSERT_PTR_EQUAL (gorb_skeleton_lookup_for_operation (&test_counter2_skeleton, "twice", &op),
                       &test_counter2_skeleton);
  CU_ASSERT_PTR_EQUAL (op, &test_counter2_twice);
  CU_ASSERT_PTR_NULL (gorb_skeleton_lookup_for_operation (&test_counter_skeleton, "twice", &op));
  CU_ASSERT_PTR_NULL (op);
}

static void
test_inherited_operations_run_through_the_parent_skeleton (void)
{
  const GorbOperationDesc *twice = &test_counter2_twice;
  gint32 n = 21, result = 0;
  gpointer args[] = { &n };
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;

  serve (GORB_THREAD_POLICY_SERIALIZED, TRUE);
  test_client_send_request (&fx.client, 1, fx.ref, twice, args);
  CU_ASSERT_EQUAL_FATAL (test_client_receive_reply (&fx.client, 1, &body), GORB_REPLY_OK);
  CU_ASSERT_TRUE (gorb_body_decode_reply (twice, body, GORB_ENCODING_CDR, GORB_BYTE_ORDER_NATIVE,
                                          &result, args, &error));
  CU_ASSERT_EQUAL (result, 42);
  CU_ASSERT_EQUAL (test_client_add (&fx.client, 2, fx.ref, 2), 2);
}

/* Shutdown */

static void
test_shutdown_leaves_no_thread (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbRef) refused = NULL;
  g_autoptr (GObject) late = NULL;
  TestClient probe;
  guint before;

  test_client_init (&probe, "tcp://127.0.0.1:1"); /* starts the transport's own threads */
  before = test_count_threads ();
  serve (GORB_THREAD_POLICY_POOL, FALSE);
  CU_ASSERT_TRUE (test_count_threads () > before); /* a listener and the pool */
  send_slow (1, 100);
  CU_ASSERT_TRUE (test_counter_wait_inflight (fx.state, 1));
  gorb_orb_shutdown (fx.orb); /* waits for the running call */
  CU_ASSERT_EQUAL (fx.state->n_calls, 1);
  CU_ASSERT_EQUAL (test_wait_threads (before), before);
  gorb_orb_shutdown (fx.orb); /* idempotent */
  late = test_counter_impl_new (fx.orb);
  refused = gorb_orb_export (fx.orb, late, GORB_THREAD_POLICY_POOL, &error);
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_INV_ORDER);
  CU_ASSERT_EQUAL (fx.servant->ref_count, 1); /* the ORB let go of its servants */
  gorb_orb_run (fx.orb);                      /* returns at once */
  g_clear_object (&fx.orb);
  CU_ASSERT_EQUAL (test_wait_threads (before), before);
  test_client_clear (&probe);
}

typedef struct
{
  char *endpoint;
  const GorbRef *ref;
} QuitArgs;

static gpointer
quit_thread (gpointer data)
{
  QuitArgs *args = data;
  TestClient client;

  test_client_init (&client, args->endpoint);
  test_client_send_request (&client, 1, args->ref, &test_counter_ops[COUNTER_QUIT], NULL);
  test_client_expect_silence (&client, 100);
  test_client_clear (&client);
  return NULL;
}

static void
shutdown_from_servant (GorbThreadPolicy policy)
{
  TestClient probe;
  QuitArgs args;
  GThread *thread;
  guint before;

  test_client_init (&probe, "tcp://127.0.0.1:1");
  before = test_count_threads ();
  serve (policy, FALSE);
  args.endpoint = g_strdup (gorb_ref_get_endpoint (fx.ref));
  args.ref = fx.ref;
  thread = g_thread_new ("quitter", quit_thread, &args);
  gorb_orb_run (fx.orb); /* until the servant's gorb_orb_shutdown () */
  CU_ASSERT_EQUAL (fx.state->n_calls, 1);
  g_thread_join (thread);
  g_free (args.endpoint);
  CU_ASSERT_EQUAL (fx.servant->ref_count, 1);
  g_clear_object (&fx.orb);
  CU_ASSERT_EQUAL (test_wait_threads (before), before);
  test_client_clear (&probe);
}

static void
test_shutdown_from_a_pool_servant_ends_run (void)
{
  shutdown_from_servant (GORB_THREAD_POLICY_POOL);
}

static void
test_shutdown_from_a_listener_servant_ends_run (void)
{
  shutdown_from_servant (GORB_THREAD_POLICY_LISTENER);
}

static gboolean
on_sigusr1 (gpointer data)
{
  gorb_orb_shutdown (data);
  return G_SOURCE_REMOVE;
}

static gboolean
raise_sigusr1 (gpointer data)
{
  raise (SIGUSR1);
  return G_SOURCE_REMOVE;
}

static void
test_shutdown_from_a_signal_handler (void)
{
  serve (GORB_THREAD_POLICY_POOL, FALSE);
  g_unix_signal_add (SIGUSR1, on_sigusr1, fx.orb);
  g_timeout_add (50, raise_sigusr1, NULL);
  gorb_orb_run (fx.orb);
  CU_ASSERT_EQUAL (fx.servant->ref_count, 1);
}

static CU_TestInfo server_tests[] = {
  { "LISTENER policy runs on the listener thread",
    test_listener_policy_runs_on_the_listener_thread },
  { "POOL policy runs on pool threads, at once", test_pool_policy_runs_on_pool_threads_at_once },
  { "SERIALIZED policy never overlaps", test_serialized_policy_never_overlaps },
  { "unknown key is OBJECT_NOT_EXIST", test_unknown_key_is_object_not_exist },
  { "unknown operation is BAD_OPERATION", test_unknown_operation_is_bad_operation },
  { "user exception carries its members", test_user_exception_carries_its_members },
  { "servant system errors and foreign errors", test_servant_system_errors_and_foreign_errors },
  { "result and out parameters", test_result_and_out_parameters },
  { "truncated body is MARSHAL and never runs", test_truncated_body_is_marshal_and_never_runs },
  { "XML request is answered in XML", test_xml_request_is_answered_in_xml },
  { "foreign byte order is answered in it", test_foreign_byte_order_is_answered_in_it },
  { "LOCATE_REQUEST", test_locate_request },
  { "oneway runs and sends nothing", test_oneway_runs_and_sends_nothing },
  { "export twice gives the same reference", test_export_twice_gives_the_same_reference },
  { "unexport gives OBJECT_NOT_EXIST", test_unexport_gives_object_not_exist },
  { "references, keys and endpoints", test_references_keys_and_endpoints },
  { "skeleton registry", test_skeleton_registry },
  { "inherited operations run through the parent skeleton",
    test_inherited_operations_run_through_the_parent_skeleton },
  { "shutdown leaves no thread", test_shutdown_leaves_no_thread },
  { "shutdown from a pool servant ends run", test_shutdown_from_a_pool_servant_ends_run },
  { "shutdown from a listener servant ends run", test_shutdown_from_a_listener_servant_ends_run },
  { "shutdown from a signal handler", test_shutdown_from_a_signal_handler },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo ipc_tests[] = {
  { "LISTENER policy runs on the listener thread",
    test_listener_policy_runs_on_the_listener_thread },
  { "POOL policy runs on pool threads, at once", test_pool_policy_runs_on_pool_threads_at_once },
  { "SERIALIZED policy never overlaps", test_serialized_policy_never_overlaps },
  { "user exception carries its members", test_user_exception_carries_its_members },
  { "references, keys and endpoints", test_references_keys_and_endpoints },
  { "shutdown leaves no thread", test_shutdown_leaves_no_thread },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "rmi/orb-server tcp", init_tcp, NULL, NULL, teardown, server_tests },
  { "rmi/orb-server ipc", init_ipc, clean_ipc, NULL, teardown, ipc_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
