/* orb-server-test-util.c - the Counter interface by hand, its servant, and
 * a raw wire client for the server tests */
#define _GNU_SOURCE /* pthread_getname_np */
#include "orb-server-test-util.h"

#include <pthread.h>
#include <string.h>

#include <gio/gio.h>

/* Oops */

static const GorbMemberDesc oops_members[] = {
  GORB_MEMBER (TestOopsPrivate, why, &gorb_type_string),
  GORB_MEMBER (TestOopsPrivate, code, &gorb_type_long),
};
static const GorbTypeDesc oops_desc = {
  .kind = GORB_TK_STRUCT,
  .size = sizeof (TestOopsPrivate),
  .align = _Alignof(TestOopsPrivate),
  .name = "Test::Oops",
  .repo_id = "IDL:Test/Oops:1.0",
  .n_members = G_N_ELEMENTS (oops_members),
  .members = oops_members,
};

static void
test_oops_private_init (TestOopsPrivate *priv)
{
}

static void
test_oops_private_copy (const TestOopsPrivate *src, TestOopsPrivate *dest)
{
  gorb_value_copy (&oops_desc, src, dest);
}

static void
test_oops_private_clear (TestOopsPrivate *priv)
{
  gorb_value_clear (&oops_desc, priv);
}

GORB_TEST_DEFINE_EXTENDED_ERROR (TestOops, test_oops)

TestOopsPrivate *
test_oops_members (const GError *error)
{
  return test_oops_get_private (error);
}

static gpointer
get_oops_members (const GError *error)
{
  return test_oops_get_private (error);
}

const GorbExceptionDesc test_oops_exc = {
  "IDL:Test/Oops:1.0",
  &oops_desc,
  test_oops_quark,
  get_oops_members,
};

/* Descriptors */

static const GorbParamDesc n_param[] = { { "n", &gorb_type_long, GORB_PARAM_IN } };
static const GorbParamDesc why_param[] = { { "why", &gorb_type_string, GORB_PARAM_IN } };
static const GorbParamDesc ms_param[] = { { "ms", &gorb_type_long, GORB_PARAM_IN } };
static const GorbParamDesc code_param[] = { { "code", &gorb_type_long, GORB_PARAM_IN } };
static const GorbParamDesc echo_params[] = {
  { "s", &gorb_type_string, GORB_PARAM_IN },
  { "len", &gorb_type_long, GORB_PARAM_OUT },
};
static const GorbExceptionDesc *const fail_raises[] = { &test_oops_exc };

const GorbOperationDesc test_counter_ops[N_COUNTER_OPS] = {
  [COUNTER_ADD] = { .name = "add", .n_params = 1, .params = n_param, .result = &gorb_type_long },
  [COUNTER_FAIL]
  = { .name = "fail", .n_params = 1, .params = why_param, .n_raises = 1, .raises = fail_raises },
  [COUNTER_POKE] = { .name = "poke", .oneway = TRUE },
  [COUNTER_SLOW] = { .name = "slow", .n_params = 1, .params = ms_param, .result = &gorb_type_long },
  [COUNTER_SYSFAIL] = { .name = "sysfail", .n_params = 1, .params = code_param },
  [COUNTER_ECHO]
  = { .name = "echo", .n_params = 2, .params = echo_params, .result = &gorb_type_string },
  [COUNTER_QUIT] = { .name = "quit" },
};

const GorbInterfaceDesc test_counter_iface = {
  .repo_id = "IDL:Test/Counter:1.0",
  .name = "Test::Counter",
  .n_operations = N_COUNTER_OPS,
  .operations = test_counter_ops,
};

const GorbOperationDesc test_counter2_twice
    = { .name = "twice", .n_params = 1, .params = n_param, .result = &gorb_type_long };
static const GorbInterfaceDesc *const counter2_parents[] = { &test_counter_iface };
const GorbInterfaceDesc test_counter2_iface = {
  .repo_id = "IDL:Test/Counter2:1.0",
  .name = "Test::Counter2",
  .n_parents = 1,
  .parents = counter2_parents,
  .n_operations = 1,
  .operations = &test_counter2_twice,
};

/* GInterfaces */

G_DEFINE_INTERFACE (TestCounter, test_counter, G_TYPE_OBJECT)

static void
test_counter_default_init (TestCounterInterface *iface)
{
}

G_DEFINE_INTERFACE (TestCounter2, test_counter2, TEST_TYPE_COUNTER)

static void
test_counter2_default_init (TestCounter2Interface *iface)
{
}

/* Servants */

struct _TestCounterImpl
{
  GObject parent_instance;
  TestCounterState state;
};

struct _TestCounter2Impl
{
  GObject parent_instance;
  TestCounterState state;
};

static void
counter_iface_init (TestCounterInterface *iface)
{
}

static void
counter2_iface_init (TestCounter2Interface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCounterImpl, test_counter_impl, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEST_TYPE_COUNTER, counter_iface_init))
G_DEFINE_FINAL_TYPE_WITH_CODE (TestCounter2Impl, test_counter2_impl, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEST_TYPE_COUNTER, counter_iface_init)
                                   G_IMPLEMENT_INTERFACE (TEST_TYPE_COUNTER2, counter2_iface_init))

static void
state_init (TestCounterState *state)
{
  g_mutex_init (&state->lock);
  g_cond_init (&state->cond);
  state->slow_order = g_array_new (FALSE, FALSE, sizeof (gint32));
}

static void
state_clear (TestCounterState *state)
{
  g_array_unref (state->slow_order);
  g_cond_clear (&state->cond);
  g_mutex_clear (&state->lock);
}

static void
test_counter_impl_finalize (GObject *object)
{
  state_clear (&TEST_COUNTER_IMPL (object)->state);
  G_OBJECT_CLASS (test_counter_impl_parent_class)->finalize (object);
}

static void
test_counter_impl_class_init (TestCounterImplClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_counter_impl_finalize;
}

static void
test_counter_impl_init (TestCounterImpl *self)
{
  state_init (&self->state);
}

static void
test_counter2_impl_finalize (GObject *object)
{
  state_clear (&TEST_COUNTER2_IMPL (object)->state);
  G_OBJECT_CLASS (test_counter2_impl_parent_class)->finalize (object);
}

static void
test_counter2_impl_class_init (TestCounter2ImplClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_counter2_impl_finalize;
}

static void
test_counter2_impl_init (TestCounter2Impl *self)
{
  state_init (&self->state);
}

TestCounterState *
test_counter_impl_get_state (GObject *servant)
{
  if (TEST_IS_COUNTER2_IMPL (servant))
    return &TEST_COUNTER2_IMPL (servant)->state;
  return &TEST_COUNTER_IMPL (servant)->state;
}

GObject *
test_counter_impl_new (GorbOrb *orb)
{
  GObject *servant = g_object_new (TEST_TYPE_COUNTER_IMPL, NULL);

  test_counter_impl_get_state (servant)->orb = orb;
  return servant;
}

GObject *
test_counter2_impl_new (GorbOrb *orb)
{
  GObject *servant = g_object_new (TEST_TYPE_COUNTER2_IMPL, NULL);

  test_counter_impl_get_state (servant)->orb = orb;
  return servant;
}

/* Skeletons */

static void
record_thread (TestCounterState *st)
{
  char name[32] = "";

  pthread_getname_np (pthread_self (), name, sizeof name);
  g_mutex_lock (&st->lock);
  st->on_listener_thread = g_str_has_prefix (name, "gorb-listener");
  st->on_server_thread = st->orb != NULL && gorb_orb_server_is_server_thread (st->orb->server);
  st->last_thread = g_thread_self ();
  g_mutex_unlock (&st->lock);
}

static void
count_call (TestCounterState *st)
{
  g_mutex_lock (&st->lock);
  st->n_calls++;
  g_cond_broadcast (&st->cond);
  g_mutex_unlock (&st->lock);
}

static gboolean
counter_dispatch (GObject *servant, const GorbOperationDesc *op, gpointer const *args,
                  gpointer result, GError **error)
{
  TestCounterState *st = test_counter_impl_get_state (servant);
  gboolean ok = TRUE;

  record_thread (st);
  switch (op - test_counter_ops)
    {
    case COUNTER_ADD:
      g_mutex_lock (&st->lock);
      st->total += *(gint32 *) args[0];
      *(gint32 *) result = st->total;
      g_mutex_unlock (&st->lock);
      break;
    case COUNTER_FAIL:
      {
        GError *oops = g_error_new (TEST_OOPS, 0, "oops: %s", *(char **) args[0]);
        TestOopsPrivate members = { *(char **) args[0], 7 };

        gorb_value_copy (&oops_desc, &members, test_oops_get_private (oops));
        g_propagate_error (error, oops);
        ok = FALSE;
      }
      break;
    case COUNTER_POKE:
      g_mutex_lock (&st->lock);
      st->n_pokes++;
      g_mutex_unlock (&st->lock);
      break;
    case COUNTER_SLOW:
      {
        gint32 ms = *(gint32 *) args[0];

        g_mutex_lock (&st->lock);
        st->inflight++;
        st->max_inflight = MAX (st->max_inflight, st->inflight);
        g_cond_broadcast (&st->cond);
        g_mutex_unlock (&st->lock);
        g_usleep ((gulong) ms * 1000);
        g_mutex_lock (&st->lock);
        g_array_append_val (st->slow_order, ms);
        st->inflight--;
        g_mutex_unlock (&st->lock);
        *(gint32 *) result = ms;
      }
      break;
    case COUNTER_SYSFAIL:
      {
        gint32 code = *(gint32 *) args[0];

        if (code >= 0)
          g_set_error (error, GORB_SYSTEM_ERROR, code, "sysfail %d", code);
        else
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "disk on fire");
        ok = FALSE;
      }
      break;
    case COUNTER_ECHO:
      {
        const char *s = *(char **) args[0];

        *(char **) result = g_strreverse (g_strdup (s));
        *(gint32 *) args[1] = (gint32) strlen (s);
      }
      break;
    case COUNTER_QUIT:
      gorb_orb_shutdown (st->orb);
      break;
    default:
      g_assert_not_reached ();
    }
  count_call (st);
  return ok;
}

static gboolean
counter2_dispatch (GObject *servant, const GorbOperationDesc *op, gpointer const *args,
                   gpointer result, GError **error)
{
  TestCounterState *st = test_counter_impl_get_state (servant);

  g_assert_true (op == &test_counter2_twice);
  record_thread (st);
  *(gint32 *) result = 2 * *(gint32 *) args[0];
  count_call (st);
  return TRUE;
}

static GType
no_proxy_type (void)
{
  return G_TYPE_INVALID;
}

const GorbSkeleton test_counter_skeleton = {
  &test_counter_iface,
  test_counter_get_type,
  no_proxy_type,
  counter_dispatch,
};

const GorbSkeleton test_counter2_skeleton = {
  &test_counter2_iface,
  test_counter2_get_type,
  no_proxy_type,
  counter2_dispatch,
};

void
test_register_skeletons (void)
{
  gorb_skeleton_register (&test_counter_skeleton);
  gorb_skeleton_register (&test_counter2_skeleton);
}

static gboolean
wait_for (TestCounterState *st, guint *field, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean reached;

  g_mutex_lock (&st->lock);
  while (*field < n && g_cond_wait_until (&st->cond, &st->lock, deadline))
    ;
  reached = *field >= n;
  g_mutex_unlock (&st->lock);
  return reached;
}

gboolean
test_counter_wait_calls (TestCounterState *state, guint n)
{
  return wait_for (state, &state->n_calls, n);
}

gboolean
test_counter_wait_inflight (TestCounterState *state, guint n)
{
  return wait_for (state, &state->inflight, n);
}

/* The raw client */

void
test_client_init (TestClient *client, const char *endpoint)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbTransport) transport = gorb_transport_for_endpoint (endpoint, &error);

  memset (client, 0, sizeof *client);
  g_assert_no_error (error);
  client->channel = gorb_transport_connect (transport, endpoint, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sizeof client->id.bytes; i++)
    client->id.bytes[i] = (guint8) g_random_int ();
  client->epoch = 1;
  client->encoding = GORB_ENCODING_CDR;
  client->order = GORB_BYTE_ORDER_NATIVE;
}

void
test_client_clear (TestClient *client)
{
  if (client->channel != NULL)
    gorb_channel_close (client->channel);
  g_clear_object (&client->channel);
}

GBytes *
test_client_header (TestClient *client, GorbMessageType type, guint64 request_id, const guint8 *key,
                    gsize key_len, const char *operation, gboolean response_expected)
{
  GorbMessageHeader h = {
    .type = type,
    .byte_order = client->order,
    .encoding = client->encoding,
    .response_expected = response_expected,
    .request_id = request_id,
    .client_id = client->id,
    .client_epoch = client->epoch,
    .timeout_ms = client->timeout_ms,
    .object_key = key,
    .object_key_len = (guint32) key_len,
    .operation = operation,
  };

  return gorb_wire_encode_header (&h);
}

void
test_client_send_raw (TestClient *client, GBytes *header, GBytes *body)
{
  g_autoptr (GError) error = NULL;

  gorb_channel_send (client->channel, header, body, g_get_monotonic_time () + 5 * G_USEC_PER_SEC,
                     &error);
  g_assert_no_error (error);
}

void
test_client_send_request (TestClient *client, guint64 request_id, const GorbRef *ref,
                          const GorbOperationDesc *op, gpointer const *args)
{
  g_autoptr (GError) error = NULL;
  gsize key_len;
  const guint8 *key = gorb_ref_get_key (ref, &key_len);
  g_autoptr (GBytes) header = test_client_header (client, GORB_MESSAGE_REQUEST, request_id, key,
                                                  key_len, op->name, !op->oneway);
  g_autoptr (GBytes) body
      = gorb_body_encode_request (op, args, client->encoding, client->order, &error);

  g_assert_no_error (error);
  test_client_send_raw (client, header, body);
}

gboolean
test_client_receive (TestClient *client, guint timeout_ms, GBytes **header, GBytes **body)
{
  g_autoptr (GError) error = NULL;

  if (gorb_channel_receive (client->channel, g_get_monotonic_time () + (gint64) timeout_ms * 1000,
                            header, body, &error))
    return TRUE;
  g_assert_true (g_error_matches (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT));
  return FALSE;
}

gint
test_client_receive_reply (TestClient *client, guint64 request_id, GBytes **body)
{
  g_autoptr (GBytes) header = NULL;
  g_autoptr (GError) error = NULL;
  GorbMessageHeader h;
  gsize len;
  const guint8 *data;

  *body = NULL;
  if (!test_client_receive (client, 5000, &header, body))
    {
      g_printerr ("\n  no reply to request %" G_GUINT64_FORMAT "\n", request_id);
      return -1;
    }
  data = g_bytes_get_data (header, &len);
  if (!gorb_wire_read_header (data, len, &h, &error))
    {
      g_printerr ("\n  bad reply header: %s\n", error->message);
      return -1;
    }
  CU_ASSERT_EQUAL (h.type, GORB_MESSAGE_REPLY);
  CU_ASSERT_EQUAL (h.request_id, request_id);
  CU_ASSERT_EQUAL (memcmp (&h.client_id, &client->id, sizeof h.client_id), 0);
  CU_ASSERT_EQUAL (h.client_epoch, client->epoch);
  CU_ASSERT_EQUAL (h.encoding, client->encoding);
  CU_ASSERT_EQUAL (h.byte_order, client->order);
  CU_ASSERT_FALSE (h.response_expected);
  if (h.type != GORB_MESSAGE_REPLY || h.request_id != request_id)
    return -1;
  if (*body == NULL)
    *body = g_bytes_new_static ("", 0);
  return (gint) h.status;
}

GError *
test_client_receive_system_exception (TestClient *client, guint64 request_id,
                                      GorbCompletionStatus *completion)
{
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  GError *exception;
  gint status = test_client_receive_reply (client, request_id, &body);

  CU_ASSERT_EQUAL (status, GORB_REPLY_SYSTEM_EXCEPTION);
  if (status != GORB_REPLY_SYSTEM_EXCEPTION)
    return NULL;
  exception = gorb_body_decode_system_exception (body, client->encoding, client->order, completion,
                                                 &error);
  g_assert_no_error (error);
  return exception;
}

gint32
test_client_add (TestClient *client, guint64 request_id, const GorbRef *ref, gint32 n)
{
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  gpointer args[] = { &n };
  gint32 total = 0;
  gint status;

  test_client_send_request (client, request_id, ref, &test_counter_ops[COUNTER_ADD], args);
  status = test_client_receive_reply (client, request_id, &body);
  if (status != GORB_REPLY_OK)
    return G_MININT32;
  if (!gorb_body_decode_reply (&test_counter_ops[COUNTER_ADD], body, client->encoding,
                               client->order, &total, args, &error))
    {
      g_printerr ("\n  %s\n", error->message);
      return G_MININT32;
    }
  return total;
}

gboolean
test_client_expect_silence (TestClient *client, guint timeout_ms)
{
  g_autoptr (GBytes) header = NULL;
  g_autoptr (GBytes) body = NULL;

  return !test_client_receive (client, timeout_ms, &header, &body);
}

/* Threads */

guint
test_count_threads (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

guint
test_wait_threads (guint n)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint now;

  while ((now = test_count_threads ()) > n && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  return now;
}

GorbOrb *
test_orb_new (const char *endpoint, guint pool_threads, guint pool_queue_max, guint reply_cache_ms,
              guint reply_cache_max)
{
  g_auto (GorbOrbConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  const char *endpoints[] = { endpoint, NULL };
  GorbOrb *orb;

  gorb_orb_config_init (&config);
  config.endpoints = g_strdupv ((char **) endpoints);
  config.pool_threads = pool_threads;
  config.pool_queue_max = pool_queue_max;
  config.reply_cache_ms = reply_cache_ms;
  config.reply_cache_max = reply_cache_max;
  orb = gorb_orb_new_with_config (&config, &error);
  g_assert_no_error (error);
  return orb;
}
