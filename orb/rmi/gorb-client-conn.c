/* gorb-client-conn.c - each calling thread's connections (GorbClientConn):
 * one channel per thread, ORB and endpoint, the replies that arrive on it,
 * and the acknowledgements that go back
 *
 * Invariants: a thread's connections are in its GPrivate array, and only
 * that thread touches them (see gorb-orb-client-private.h); a closed
 * connection (channel NULL) is in no array, has no calls pending and no
 * watches. A reply that arrives is filed, by request id, with the sync call
 * waiting for it (also when a nested call's loop reads it), else with the
 * async call in flight, else dropped (a late reply to a call that timed
 * out, or a reply to a oneway request).
 *
 * Acknowledgements (docs/protocol.md, ACK): the ids of the replies that
 * came are queued and sent as one ACK when GORB_CLIENT_ACK_BATCH are
 * pending or before the next request on the connection: the header carries
 * the first id, the body a CDR sequence<unsigned long long> of the others.
 * Acks and cancels are best effort (sent without waiting): the server's
 * reply cache ages out what it is not told about.
 */
#include "gorb-orb-client-private.h"

#include <string.h>

/* Messages read per dispatch of a channel source before other sources get
 * their turn; the source fires again while messages are ready. */
#define MAX_MESSAGES_PER_DISPATCH 64

typedef struct
{
  GMainContext *context; /* compared only: the source is attached to it */
  GSource *source;       /* owned */
} Watch;

static void close_conns (GPtrArray *conns);

/* The calling thread's connections: owned GorbClientConn *. */
static GPrivate thread_conns = G_PRIVATE_INIT ((GDestroyNotify) close_conns);

/* GorbClientLife */

GorbClientLife *
gorb_client_life_new (const GorbClientId *id, guint32 epoch)
{
  GorbClientLife *life = g_new0 (GorbClientLife, 1);

  g_atomic_ref_count_init (&life->ref_count);
  life->alive = TRUE;
  life->id = *id;
  life->epoch = epoch;
  return life;
}

GorbClientLife *
gorb_client_life_ref (GorbClientLife *life)
{
  g_atomic_ref_count_inc (&life->ref_count);
  return life;
}

void
gorb_client_life_unref (GorbClientLife *life)
{
  if (g_atomic_ref_count_dec (&life->ref_count))
    g_free (life);
}

/* Headers */

/**
 * gorb_client_encode_header:
 * @life: the sending ORB's identity
 * @type: REQUEST, LOCATE_REQUEST, ACK or CANCEL
 * @request_id: the request's id
 * @encoding: the body's encoding
 * @response_expected: set for a two-way REQUEST
 * @timeout_ms: milliseconds left to the deadline, 0 for none
 * @target: (nullable): whose key a REQUEST or LOCATE_REQUEST carries
 * @operation: (nullable): a REQUEST's operation
 *
 * Returns: (transfer full): the header frame, in this host's byte order
 */
GBytes *
gorb_client_encode_header (GorbClientLife *life, GorbMessageType type, guint64 request_id,
                           GorbEncoding encoding, gboolean response_expected, guint32 timeout_ms,
                           const GorbRef *target, const char *operation)
{
  GorbMessageHeader header = { 0 };
  gsize key_len = 0;

  header.type = type;
  header.byte_order = GORB_BYTE_ORDER_NATIVE;
  header.encoding = encoding;
  header.response_expected = response_expected;
  header.version_major = GORB_WIRE_VERSION_MAJOR;
  header.version_minor = GORB_WIRE_VERSION_MINOR;
  header.request_id = request_id;
  header.client_id = life->id;
  header.client_epoch = life->epoch;
  header.timeout_ms = timeout_ms;
  if (target != NULL)
    {
      header.object_key = gorb_ref_get_key (target, &key_len);
      header.object_key_len = (guint32) key_len;
    }
  header.operation = type == GORB_MESSAGE_REQUEST ? operation : "";
  return gorb_wire_encode_header (&header);
}

/* Connections */

static gboolean
conn_is_idle (GorbClientConn *conn)
{
  return g_hash_table_size (conn->pending) == 0 && conn->waiters == NULL;
}

void
gorb_client_conn_ref (GorbClientConn *conn)
{
  conn->ref_count++;
}

void
gorb_client_conn_unref (GorbClientConn *conn)
{
  if (--conn->ref_count > 0)
    return;
  g_assert (conn->channel == NULL);
  g_hash_table_unref (conn->pending);
  g_array_unref (conn->acks);
  g_ptr_array_unref (conn->watches);
  g_free (conn->endpoint);
  gorb_client_life_unref (conn->life);
  g_free (conn);
}

gboolean
gorb_client_conn_is_closed (GorbClientConn *conn)
{
  return conn->channel == NULL;
}

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_source_destroy (watch->source);
  g_source_unref (watch->source);
  g_free (watch);
}

/* Closes @conn (on its thread): its async calls fail with @code and
 * @message, its sources go, its channel is closed. The caller removes it
 * from the thread's array and drops its reference. At thread exit
 * (@exiting) GLib may already have dropped the thread's identity, so the
 * channel is not used through the owner-checked calls: the pending acks
 * are dropped, and the last unref closes it. */
static void
conn_close (GorbClientConn *conn, GorbSystemError code, const char *message, gboolean exiting)
{
  GHashTableIter iter;
  gpointer task;
  GPtrArray *tasks;

  if (conn->channel == NULL)
    return;
  if (!exiting)
    gorb_client_conn_flush_acks (conn);
  g_ptr_array_set_size (conn->watches, 0);
  if (!exiting)
    gorb_channel_close (conn->channel);
  g_clear_object (&conn->channel);

  /* steal first: failing a task may run its callback, which may call again */
  tasks = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, conn->pending);
  while (g_hash_table_iter_next (&iter, NULL, &task))
    {
      g_ptr_array_add (tasks, task);
      g_hash_table_iter_steal (&iter);
    }
  for (guint i = 0; i < tasks->len; i++)
    gorb_proxy_async_fail (
        tasks->pdata[i], g_error_new (GORB_SYSTEM_ERROR, code, "%s: %s", message, conn->endpoint));
  g_ptr_array_unref (tasks);
}

/* The GPrivate's destroy notify: the thread is exiting. */
static void
close_conns (GPtrArray *conns)
{
  while (conns->len > 0)
    {
      GorbClientConn *conn = g_ptr_array_steal_index (conns, conns->len - 1);
      conn_close (conn, GORB_SYSTEM_ERROR_COMM_FAILURE, "the calling thread exited", TRUE);
      gorb_client_conn_unref (conn);
    }
  g_ptr_array_unref (conns);
}

static void
conn_remove (GorbClientConn *conn)
{
  GPtrArray *conns = g_private_get (&thread_conns);

  if (conns != NULL && g_ptr_array_remove_fast (conns, conn))
    gorb_client_conn_unref (conn);
}

/**
 * gorb_client_conn_close_all:
 * @life: an ORB's client half, just shut down
 *
 * Closes the calling thread's connections of @life; its calls in flight
 * fail with %GORB_SYSTEM_ERROR_BAD_INV_ORDER. Other threads' connections
 * are theirs to close (see the header).
 */
void
gorb_client_conn_close_all (GorbClientLife *life)
{
  GPtrArray *conns = g_private_get (&thread_conns);

  for (guint i = conns != NULL ? conns->len : 0; i-- > 0;)
    {
      GorbClientConn *conn;

      if (i >= conns->len) /* a failed call's callback closed others */
        continue;
      conn = conns->pdata[i];
      if (conn->life != life)
        continue;
      gorb_client_conn_ref (conn);
      conn_close (conn, GORB_SYSTEM_ERROR_BAD_INV_ORDER, "the ORB was shut down", FALSE);
      conn_remove (conn);
      gorb_client_conn_unref (conn);
    }
}

static GorbClientConn *
conn_new (GorbClientLife *life, const char *endpoint, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GorbTransport) transport = gorb_transport_for_endpoint (endpoint, &local_error);
  GorbChannel *channel = NULL;
  GorbClientConn *conn;

  if (transport != NULL)
    channel = gorb_transport_connect (transport, endpoint, &local_error);
  if (channel == NULL)
    {
      g_set_error (
          error, GORB_SYSTEM_ERROR,
          g_error_matches (local_error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_BAD_ENDPOINT)
              ? GORB_SYSTEM_ERROR_INV_OBJREF
              : GORB_SYSTEM_ERROR_TRANSIENT,
          "cannot connect to '%s': %s", endpoint, local_error->message);
      return NULL;
    }
  conn = g_new0 (GorbClientConn, 1);
  conn->ref_count = 1;
  conn->life = gorb_client_life_ref (life);
  conn->endpoint = g_strdup (endpoint);
  conn->channel = channel;
  conn->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  conn->acks = g_array_new (FALSE, FALSE, sizeof (guint64));
  conn->watches = g_ptr_array_new_with_free_func (watch_free);
  return conn;
}

/**
 * gorb_client_conn_get:
 * @life: the ORB's client half
 * @endpoint: where to connect
 * @error: return location for a #GError
 *
 * Finds the calling thread's connection to @endpoint for @life, making it
 * on first use. On the way it closes the thread's idle connections of ORBs
 * shut down since.
 *
 * Errors: %GORB_SYSTEM_ERROR_BAD_INV_ORDER after the ORB was shut down;
 * %GORB_SYSTEM_ERROR_INV_OBJREF for an endpoint no transport handles;
 * %GORB_SYSTEM_ERROR_TRANSIENT if the channel cannot be made.
 *
 * Returns: (transfer full): the connection, or %NULL on error
 */
GorbClientConn *
gorb_client_conn_get (GorbClientLife *life, const char *endpoint, GError **error)
{
  GPtrArray *conns = g_private_get (&thread_conns);
  GorbClientConn *found = NULL;

  if (!g_atomic_int_get (&life->alive))
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_INV_ORDER,
                   "the ORB was shut down");
      return NULL;
    }
  if (conns == NULL)
    {
      conns = g_ptr_array_new ();
      g_private_set (&thread_conns, conns);
    }
  for (guint i = conns->len; i-- > 0;)
    {
      GorbClientConn *conn = conns->pdata[i];

      if (conn->life == life && strcmp (conn->endpoint, endpoint) == 0)
        found = conn;
      else if (!g_atomic_int_get (&conn->life->alive) && conn_is_idle (conn))
        {
          g_ptr_array_remove_index_fast (conns, i); /* moves one already seen */
          conn_close (conn, GORB_SYSTEM_ERROR_BAD_INV_ORDER, "the ORB was shut down", FALSE);
          gorb_client_conn_unref (conn);
        }
    }
  if (found == NULL)
    {
      found = conn_new (life, endpoint, error);
      if (found == NULL)
        return NULL;
      g_ptr_array_add (conns, found);
    }
  gorb_client_conn_ref (found);
  return found;
}

/* Sending */

/**
 * gorb_client_conn_send:
 * @conn: a connection of the calling thread
 * @header: a request's header frame
 * @body: (nullable): its body
 * @deadline: as for gorb_channel_send()
 * @error: return location for a #GError
 *
 * Sends the pending acknowledgements, then the request.
 *
 * Errors: those of gorb_channel_send(); %GORB_TRANSPORT_ERROR_CLOSED once
 * @conn is closed.
 *
 * Returns: %TRUE if the request was handed to the transport
 */
gboolean
gorb_client_conn_send (GorbClientConn *conn, GBytes *header, GBytes *body, gint64 deadline,
                       GError **error)
{
  if (conn->channel == NULL)
    {
      g_set_error (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_CLOSED,
                   "connection to '%s' is closed", conn->endpoint);
      return FALSE;
    }
  gorb_client_conn_flush_acks (conn);
  conn->tried = TRUE;
  return gorb_channel_send (conn->channel, header, body, deadline, error);
}

/**
 * gorb_client_conn_send_now:
 * @conn: a connection of the calling thread
 * @header: a request's header frame
 * @body: (nullable): its body
 * @deadline: the call's deadline (monotonic µs; G_MAXINT64: none)
 * @error: return location for a #GError
 *
 * gorb_client_conn_send() for a caller that must not block (an async
 * call): it does not wait for a connection, except on the connection's
 * first send, which waits up to %GORB_CLIENT_CONNECT_WAIT_US (bounded by
 * @deadline) for the connection just made to come up, so that a request
 * goes out at call time rather than at the caller's next main loop
 * iteration. A server that is down costs that wait once per connection.
 *
 * Errors: as gorb_client_conn_send(); %GORB_TRANSPORT_ERROR_TIMEOUT if
 * there is no connection (yet): try again later.
 *
 * Returns: %TRUE if the request was handed to the transport
 */
gboolean
gorb_client_conn_send_now (GorbClientConn *conn, GBytes *header, GBytes *body, gint64 deadline,
                           GError **error)
{
  gint64 wait_until = 0;

  if (!conn->tried)
    wait_until = MIN (g_get_monotonic_time () + GORB_CLIENT_CONNECT_WAIT_US, deadline);
  return gorb_client_conn_send (conn, header, body, wait_until, error);
}

/* A message that only informs the server: sent if it can be at once. */
static void
send_notice (GorbClientConn *conn, GBytes *header, GBytes *body)
{
  g_autoptr (GError) error = NULL;

  if (conn->channel != NULL && !gorb_channel_send (conn->channel, header, body, 0, &error))
    g_debug ("cannot send a notice to '%s': %s", conn->endpoint, error->message);
}

void
gorb_client_conn_flush_acks (GorbClientConn *conn)
{
  g_autoptr (GBytes) header = NULL;
  g_autoptr (GBytes) body = NULL;
  GorbCdrWriter writer;
  const guint64 *ids = (const guint64 *) (gpointer) conn->acks->data;

  if (conn->acks->len == 0)
    return;
  header = gorb_client_encode_header (conn->life, GORB_MESSAGE_ACK, ids[0], GORB_ENCODING_CDR,
                                      FALSE, 0, NULL, NULL);
  gorb_cdr_writer_init (&writer, GORB_BYTE_ORDER_NATIVE);
  gorb_cdr_write_ulong (&writer, conn->acks->len - 1);
  for (guint i = 1; i < conn->acks->len; i++)
    gorb_cdr_write_ulonglong (&writer, ids[i]);
  body = gorb_cdr_writer_steal_bytes (&writer);
  g_array_set_size (conn->acks, 0);
  send_notice (conn, header, body);
}

void
gorb_client_conn_ack (GorbClientConn *conn, guint64 request_id)
{
  g_array_append_val (conn->acks, request_id);
  if (conn->acks->len >= GORB_CLIENT_ACK_BATCH)
    gorb_client_conn_flush_acks (conn);
}

void
gorb_client_conn_send_cancel (GorbClientConn *conn, guint64 request_id)
{
  g_autoptr (GBytes) header = gorb_client_encode_header (
      conn->life, GORB_MESSAGE_CANCEL, request_id, GORB_ENCODING_CDR, FALSE, 0, NULL, NULL);

  send_notice (conn, header, NULL);
}

/* Receiving */

void
gorb_client_conn_add_pending (GorbClientConn *conn, guint64 *request_id, GTask *task)
{
  g_hash_table_insert (conn->pending, request_id, g_object_ref (task));
}

gboolean
gorb_client_conn_remove_pending (GorbClientConn *conn, guint64 request_id)
{
  return g_hash_table_remove (conn->pending, &request_id);
}

/* Files one message: with a waiting sync call, else an async call in
 * flight; drops it otherwise. */
static void
dispatch_message (GorbClientConn *conn, GBytes *header_bytes, GBytes *body)
{
  g_autoptr (GError) error = NULL;
  GorbMessageHeader header;
  gsize len;
  const guint8 *data = g_bytes_get_data (header_bytes, &len);
  gpointer task;

  if (!gorb_wire_read_header (data, len, &header, &error))
    {
      g_debug ("dropped a message from '%s': %s", conn->endpoint, error->message);
      return;
    }
  if (header.type != GORB_MESSAGE_REPLY && header.type != GORB_MESSAGE_LOCATE_REPLY)
    {
      g_debug ("dropped a %s message from '%s'", gorb_message_type_to_string (header.type),
               conn->endpoint);
      return;
    }
  for (GSList *l = conn->waiters; l != NULL; l = l->next)
    {
      GorbSyncWait *wait = l->data;
      if (wait->request_id == header.request_id && wait->reply_type == header.type
          && wait->header == NULL)
        {
          wait->header = g_bytes_ref (header_bytes);
          wait->body = body != NULL ? g_bytes_ref (body) : NULL;
          if (header.type == GORB_MESSAGE_REPLY)
            gorb_client_conn_ack (conn, header.request_id);
          return;
        }
    }
  if (header.type == GORB_MESSAGE_REPLY
      && g_hash_table_steal_extended (conn->pending, &header.request_id, NULL, &task))
    {
      gorb_client_conn_ack (conn, header.request_id);
      gorb_proxy_async_reply (task, header_bytes, body); /* takes the task */
      return;
    }
  g_debug ("dropped a reply from '%s' to request %" G_GUINT64_FORMAT
           ", which nothing waits for (any more)",
           conn->endpoint, header.request_id);
}

/**
 * gorb_client_conn_wait:
 * @conn: a connection of the calling thread
 * @wait: (inout): the call waiting; its reply is filed in it
 * @deadline: when to stop waiting (monotonic µs; -1: never)
 * @error: return location for a #GError
 *
 * Receives until @wait has its reply (possibly already there) or @deadline
 * passes, filing the other messages that come as dispatch_message() says.
 *
 * Errors: %GORB_TRANSPORT_ERROR_TIMEOUT at the deadline; other transport
 * errors; %GORB_SYSTEM_ERROR_BAD_INV_ORDER if the connection was closed
 * meanwhile (the ORB was shut down by a callback).
 *
 * Returns: %TRUE once @wait has its reply
 */
gboolean
gorb_client_conn_wait (GorbClientConn *conn, GorbSyncWait *wait, gint64 deadline, GError **error)
{
  gboolean ok = TRUE;

  conn->waiters = g_slist_prepend (conn->waiters, wait);
  while (wait->header == NULL)
    {
      g_autoptr (GBytes) header = NULL;
      g_autoptr (GBytes) body = NULL;

      if (conn->channel == NULL)
        {
          g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_INV_ORDER,
                       "the connection to '%s' was closed during the call", conn->endpoint);
          ok = FALSE;
          break;
        }
      if (!gorb_channel_receive (conn->channel, deadline, &header, &body, error))
        {
          ok = FALSE;
          break;
        }
      dispatch_message (conn, header, body);
    }
  conn->waiters = g_slist_remove (conn->waiters, wait);
  return ok;
}

/* The channel's source, in any GMainContext of the thread that watches. */
static gboolean
on_channel_ready (GorbChannel *channel, gpointer user_data)
{
  GorbClientConn *conn = user_data;
  gboolean keep;

  gorb_client_conn_ref (conn); /* a callback may close it */
  for (guint n = 0; n < MAX_MESSAGES_PER_DISPATCH && conn->channel != NULL; n++)
    {
      g_autoptr (GBytes) header = NULL;
      g_autoptr (GBytes) body = NULL;
      g_autoptr (GError) error = NULL;

      if (!gorb_channel_receive (conn->channel, 0, &header, &body, &error))
        {
          if (!g_error_matches (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT))
            g_debug ("cannot receive from '%s': %s", conn->endpoint, error->message);
          break;
        }
      dispatch_message (conn, header, body);
    }
  keep = conn->channel != NULL;
  if (keep && !g_atomic_int_get (&conn->life->alive) && conn_is_idle (conn))
    {
      /* its ORB was shut down by another thread: the last call is done */
      conn_close (conn, GORB_SYSTEM_ERROR_BAD_INV_ORDER, "the ORB was shut down", FALSE);
      conn_remove (conn);
      keep = FALSE;
    }
  gorb_client_conn_unref (conn);
  return keep ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/**
 * gorb_client_conn_watch:
 * @conn: a connection of the calling thread
 * @context: a GMainContext the calling thread iterates
 *
 * Makes sure the channel's source is attached to @context (once per
 * connection and context), so that replies to async calls are read while
 * @context runs.
 */
void
gorb_client_conn_watch (GorbClientConn *conn, GMainContext *context)
{
  Watch *watch;

  for (guint i = conn->watches->len; i-- > 0;)
    {
      watch = conn->watches->pdata[i];
      if (g_source_is_destroyed (watch->source)) /* its context is gone */
        g_ptr_array_remove_index_fast (conn->watches, i);
      else if (watch->context == context)
        return;
    }
  if (conn->channel == NULL)
    return;
  watch = g_new0 (Watch, 1);
  watch->context = context;
  watch->source = gorb_channel_create_source (conn->channel);
  g_source_set_callback (watch->source, G_SOURCE_FUNC (on_channel_ready), conn, NULL);
  g_source_attach (watch->source, context);
  g_ptr_array_add (conn->watches, watch);
}
