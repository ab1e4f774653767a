/* proxy-test-server.c - a hand-made gorb server for the proxy tests */
#include "proxy-test-server.h"

#include <string.h>

static const GorbParamDesc twice_params[] = {
  { "x", &gorb_type_long, GORB_PARAM_IN },
};
static const GorbParamDesc echo_params[] = {
  { "o", &gorb_type_objref, GORB_PARAM_IN },
};
const GorbOperationDesc proxy_test_ops[N_PROXY_OPS] = {
  [PROXY_OP_TWICE]
  = { .name = "twice", .n_params = 1, .params = twice_params, .result = &gorb_type_long },
  [PROXY_OP_ECHO]
  = { .name = "echo", .n_params = 1, .params = echo_params, .result = &gorb_type_objref },
};

struct _ProxyTestServer
{
  GorbListener *listener;
  GMutex lock; /* guards everything below; the listener thread and the test's */
  GCond cond;
  gboolean silent;
  gboolean drop_first;
  GorbRef *forward;
  GArray *seen;           /* ProxyTestSeen */
  GArray *acked;          /* guint64 */
  GArray *ack_sizes;      /* guint */
  GHashTable *first_seen; /* request ids seen once (drop_first) */
  GPtrArray *held;        /* GBytes peer, header, body (maybe an empty GBytes) triples */
};

const guint8 *
proxy_test_key (void)
{
  static const guint8 key[GORB_OBJECT_KEY_SIZE]
      = { 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb,
          0xfc, 0xfd, 0xfe, 0xff, 0,    0,    0,    0,    0,    0,    0,    1 };
  return key;
}

static void
seen_clear (gpointer data)
{
  g_free (((ProxyTestSeen *) data)->operation);
}

/* Sends a REPLY (or LOCATE_REPLY) to @request. */
static void
send_reply (ProxyTestServer *server, GBytes *peer, const GorbMessageHeader *request,
            GorbMessageType type, guint32 status, GBytes *body)
{
  GorbMessageHeader reply = *request;
  g_autoptr (GBytes) header = NULL;

  reply.type = type;
  reply.status = status;
  reply.response_expected = FALSE;
  reply.timeout_ms = 0;
  header = gorb_wire_encode_header (&reply);
  g_assert (header != NULL);
  gorb_listener_send (server->listener, peer, header, body, NULL);
}

static void
send_ok (ProxyTestServer *server, GBytes *peer, const GorbMessageHeader *request,
         const GorbOperationDesc *op, gconstpointer result, gpointer const *args)
{
  g_autoptr (GBytes) body
      = gorb_body_encode_reply (op, result, args, request->encoding, request->byte_order, NULL);
  g_assert (body != NULL);
  send_reply (server, peer, request, GORB_MESSAGE_REPLY, GORB_REPLY_OK, body);
}

static const GorbOperationDesc *
find_op (const char *name)
{
  for (guint i = 0; i < N_OPS; i++)
    if (strcmp (test_person_list_ops[i].name, name) == 0)
      return &test_person_list_ops[i];
  for (guint i = 0; i < N_PROXY_OPS; i++)
    if (strcmp (proxy_test_ops[i].name, name) == 0)
      return &proxy_test_ops[i];
  return NULL;
}

static void
answer (ProxyTestServer *server, GBytes *peer, const GorbMessageHeader *request, GBytes *body)
{
  const GorbOperationDesc *op = find_op (request->operation);
  GorbEncoding enc = request->encoding;
  GorbByteOrder order = request->byte_order;

  if (op == NULL)
    {
      g_autoptr (GBytes) exc = gorb_body_encode_system_exception (
          GORB_SYSTEM_ERROR_BAD_OPERATION, GORB_COMPLETED_NO, "no such operation", enc, order);
      send_reply (server, peer, request, GORB_MESSAGE_REPLY, GORB_REPLY_SYSTEM_EXCEPTION, exc);
    }
  else if (op == &test_person_list_ops[OP_NUMBER])
    {
      gint32 n = 42;
      send_ok (server, peer, request, op, &n, NULL);
    }
  else if (op == &test_person_list_ops[OP_GET_PERSON])
    {
      char *name = NULL;
      TestPerson p = { 0 };
      gpointer args[] = { &name, &p };
      g_assert (gorb_body_decode_request (op, body, enc, order, args, NULL));
      if (strcmp (name, "nobody") == 0)
        {
          g_autoptr (GError) raised = test_not_found_new (name, 404, "no person 'nobody'");
          g_autoptr (GBytes) exc
              = gorb_body_encode_user_exception (&test_not_found_exc, raised, enc, order, NULL);
          send_reply (server, peer, request, GORB_MESSAGE_REPLY, GORB_REPLY_USER_EXCEPTION, exc);
        }
      else
        {
          p.name = g_strdup (name);
          p.place = g_strdup ("London");
          p.year = 1934;
          send_ok (server, peer, request, op, NULL, args);
        }
      g_free (name);
      gorb_value_clear (&test_person_desc, &p);
    }
  else if (op == &test_person_list_ops[OP_SWAP])
    {
      TestPerson a = { 0 };
      gint32 k = 0;
      TestPersonSeq all = { 0 };
      TestShape shape = { ._d = 1 };
      gpointer args[] = { &a, &k, &all };
      char *name;
      g_assert (gorb_body_decode_request (op, body, enc, order, args, NULL));
      all.len = 1;
      all.data = g_new0 (TestPerson, 1);
      gorb_value_copy (&test_person_desc, &a, &all.data[0]);
      name = a.name; /* swap name and place, add k to the year */
      a.name = a.place;
      a.place = name;
      a.year += k;
      shape._u.radius = k;
      send_ok (server, peer, request, op, &shape, args);
      gorb_value_clear (&test_person_desc, &a);
      gorb_value_clear (&test_person_seq_desc, &all);
    }
  else if (op == &test_person_list_ops[OP_CLEAR])
    {
      g_autoptr (GBytes) exc
          = gorb_body_encode_system_exception (GORB_SYSTEM_ERROR_NO_PERMISSION, GORB_COMPLETED_NO,
                                               "clearing is not allowed", enc, order);
      send_reply (server, peer, request, GORB_MESSAGE_REPLY, GORB_REPLY_SYSTEM_EXCEPTION, exc);
    }
  else if (op == &proxy_test_ops[PROXY_OP_TWICE])
    {
      gint32 x = 0, y;
      gpointer args[] = { &x };
      g_assert (gorb_body_decode_request (op, body, enc, order, args, NULL));
      y = 2 * x;
      send_ok (server, peer, request, op, &y, NULL);
    }
  else if (op == &proxy_test_ops[PROXY_OP_ECHO])
    send_reply (server, peer, request, GORB_MESSAGE_REPLY, GORB_REPLY_OK, body);
  else if (request->response_expected) /* addPerson */
    send_ok (server, peer, request, op, NULL, NULL);
}

static void
record (ProxyTestServer *server, const GorbMessageHeader *header, GBytes *body)
{
  ProxyTestSeen seen = { header->type,     header->request_id, header->response_expected,
                         header->encoding, header->timeout_ms, NULL };

  if (header->type == GORB_MESSAGE_REQUEST)
    seen.operation = g_strdup (header->operation);
  g_array_append_val (server->seen, seen);
  if (header->type == GORB_MESSAGE_ACK)
    {
      gsize len = 0;
      const guint8 *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
      GorbCdrReader reader;
      guint32 n = 0;

      g_array_append_val (server->acked, header->request_id);
      if (len > 0)
        {
          gorb_cdr_reader_init (&reader, data, len, header->byte_order);
          g_assert (gorb_cdr_read_ulong (&reader, &n, NULL));
          for (guint32 i = 0; i < n; i++)
            {
              guint64 id;
              g_assert (gorb_cdr_read_ulonglong (&reader, &id, NULL));
              g_array_append_val (server->acked, id);
            }
          g_assert (gorb_cdr_reader_get_remaining (&reader) == 0);
        }
      n++;
      g_array_append_val (server->ack_sizes, n);
    }
  g_cond_broadcast (&server->cond);
}

/* On the listener thread */
static void
on_message (GorbListener *listener, GBytes *peer, GBytes *header_bytes, GBytes *body,
            gpointer user_data)
{
  ProxyTestServer *server = user_data;
  GorbMessageHeader header;
  gsize len;
  const guint8 *data = g_bytes_get_data (header_bytes, &len);
  gboolean first;

  g_assert (gorb_wire_read_header (data, len, &header, NULL));
  g_mutex_lock (&server->lock);
  record (server, &header, body);
  if (header.type == GORB_MESSAGE_LOCATE_REQUEST)
    {
      gboolean here = header.object_key_len == GORB_OBJECT_KEY_SIZE
                      && memcmp (header.object_key, proxy_test_key (), GORB_OBJECT_KEY_SIZE) == 0;
      send_reply (server, peer, &header, GORB_MESSAGE_LOCATE_REPLY,
                  here ? GORB_LOCATE_OBJECT_HERE : GORB_LOCATE_UNKNOWN_OBJECT, NULL);
    }
  else if (header.type != GORB_MESSAGE_REQUEST)
    ; /* ACK, CANCEL: recorded */
  else if (server->silent)
    {
      g_ptr_array_add (server->held, g_bytes_ref (peer));
      g_ptr_array_add (server->held, g_bytes_ref (header_bytes));
      g_ptr_array_add (server->held, body != NULL ? g_bytes_ref (body) : g_bytes_new (NULL, 0));
    }
  else
    {
      first = g_hash_table_add (server->first_seen, g_memdup2 (&header.request_id, 8));
      if (server->drop_first && first)
        ; /* lost on the way: the client must send it again */
      else if (server->forward != NULL && header.response_expected)
        {
          GorbCdrWriter writer;
          g_autoptr (GBytes) fwd = NULL;
          gorb_cdr_writer_init (&writer, header.byte_order);
          gorb_ref_write_cdr (&writer, server->forward);
          fwd = gorb_cdr_writer_steal_bytes (&writer);
          send_reply (server, peer, &header, GORB_MESSAGE_REPLY, GORB_REPLY_LOCATION_FORWARD, fwd);
        }
      else
        answer (server, peer, &header, body);
    }
  g_mutex_unlock (&server->lock);
}

ProxyTestServer *
proxy_test_server_new (void)
{
  ProxyTestServer *server = g_new0 (ProxyTestServer, 1);
  g_autoptr (GorbTransport) transport = gorb_transport_for_endpoint ("tcp://127.0.0.1:0", NULL);

  g_mutex_init (&server->lock);
  g_cond_init (&server->cond);
  server->seen = g_array_new (FALSE, TRUE, sizeof (ProxyTestSeen));
  g_array_set_clear_func (server->seen, seen_clear);
  server->acked = g_array_new (FALSE, FALSE, sizeof (guint64));
  server->ack_sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  server->first_seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  server->held = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  server->listener
      = gorb_transport_listen (transport, "tcp://127.0.0.1:0", on_message, server, NULL, NULL);
  g_assert (server->listener != NULL);
  return server;
}

void
proxy_test_server_free (ProxyTestServer *server)
{
  gorb_listener_close (server->listener);
  g_object_unref (server->listener);
  g_clear_pointer (&server->forward, gorb_ref_unref);
  g_array_unref (server->seen);
  g_array_unref (server->acked);
  g_array_unref (server->ack_sizes);
  g_hash_table_unref (server->first_seen);
  g_ptr_array_unref (server->held);
  g_cond_clear (&server->cond);
  g_mutex_clear (&server->lock);
  g_free (server);
}

const char *
proxy_test_server_get_endpoint (ProxyTestServer *server)
{
  return gorb_listener_get_endpoint (server->listener);
}

GorbRef *
proxy_test_server_dup_ref (ProxyTestServer *server)
{
  const char *endpoints[] = { proxy_test_server_get_endpoint (server), NULL };

  return gorb_ref_new (test_person_list_iface.repo_id, proxy_test_key (), GORB_OBJECT_KEY_SIZE,
                       GORB_ENCODING_CDR, endpoints);
}

void
proxy_test_server_set_silent (ProxyTestServer *server, gboolean silent)
{
  g_mutex_lock (&server->lock);
  server->silent = silent;
  g_mutex_unlock (&server->lock);
}

void
proxy_test_server_set_drop_first (ProxyTestServer *server, gboolean drop_first)
{
  g_mutex_lock (&server->lock);
  server->drop_first = drop_first;
  g_mutex_unlock (&server->lock);
}

void
proxy_test_server_set_forward (ProxyTestServer *server, GorbRef *forward)
{
  g_mutex_lock (&server->lock);
  g_clear_pointer (&server->forward, gorb_ref_unref);
  server->forward = forward != NULL ? gorb_ref_ref (forward) : NULL;
  g_mutex_unlock (&server->lock);
}

guint64
proxy_test_server_answer_held (ProxyTestServer *server, gint32 value)
{
  GorbMessageHeader header;
  gsize len;
  const guint8 *data;
  guint64 id;

  g_mutex_lock (&server->lock);
  g_assert (server->held->len >= 3);
  data = g_bytes_get_data (server->held->pdata[1], &len);
  g_assert (gorb_wire_read_header (data, len, &header, NULL));
  id = header.request_id;
  send_ok (server, server->held->pdata[0], &header, &test_person_list_ops[OP_NUMBER], &value, NULL);
  g_ptr_array_remove_range (server->held, 0, 3);
  g_mutex_unlock (&server->lock);
  return id;
}

static guint
count_seen (ProxyTestServer *server, GorbMessageType type)
{
  guint n = 0;

  for (guint i = 0; i < server->seen->len; i++)
    if (g_array_index (server->seen, ProxyTestSeen, i).type == type)
      n++;
  return n;
}

guint
proxy_test_server_wait_seen (ProxyTestServer *server, GorbMessageType type, guint n)
{
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  guint count;

  g_mutex_lock (&server->lock);
  while ((count = count_seen (server, type)) < n)
    if (!g_cond_wait_until (&server->cond, &server->lock, end))
      break;
  g_mutex_unlock (&server->lock);
  return count;
}

ProxyTestSeen *
proxy_test_server_get_seen (ProxyTestServer *server, GorbMessageType type, guint index)
{
  ProxyTestSeen *found = NULL;

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->seen->len && found == NULL; i++)
    {
      ProxyTestSeen *seen = &g_array_index (server->seen, ProxyTestSeen, i);
      if (seen->type == type && index-- == 0)
        found = seen;
    }
  g_mutex_unlock (&server->lock);
  return found;
}

guint
proxy_test_server_wait_acked (ProxyTestServer *server, guint n_ids)
{
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  guint count;

  g_mutex_lock (&server->lock);
  while ((count = server->acked->len) < n_ids)
    if (!g_cond_wait_until (&server->cond, &server->lock, end))
      break;
  g_mutex_unlock (&server->lock);
  return count;
}

static GArray *
dup_array (ProxyTestServer *server, GArray *array)
{
  GArray *copy;

  g_mutex_lock (&server->lock);
  copy = g_array_copy (array);
  g_mutex_unlock (&server->lock);
  return copy;
}

GArray *
proxy_test_server_dup_acked (ProxyTestServer *server)
{
  return dup_array (server, server->acked);
}

GArray *
proxy_test_server_dup_ack_sizes (ProxyTestServer *server)
{
  return dup_array (server, server->ack_sizes);
}

void
proxy_test_server_reset (ProxyTestServer *server)
{
  g_mutex_lock (&server->lock);
  server->silent = FALSE;
  server->drop_first = FALSE;
  g_clear_pointer (&server->forward, gorb_ref_unref);
  g_array_set_size (server->seen, 0);
  g_array_set_size (server->acked, 0);
  g_array_set_size (server->ack_sizes, 0);
  g_hash_table_remove_all (server->first_seen);
  g_ptr_array_set_size (server->held, 0);
  g_mutex_unlock (&server->lock);
}
