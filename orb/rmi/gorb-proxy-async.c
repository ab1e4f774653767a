/* gorb-proxy-async.c - GorbProxy's async calls (gorb_proxy_invoke_async /
 * _finish)
 *
 * A call is a GTask whose task data is an AsyncCall. The arguments are
 * encoded at once (in and inout values are read during the _async call),
 * the request is sent without blocking, and the task waits in its
 * connection's pending table (request id -> GTask) while the connection's
 * channel source, attached to the task's GMainContext, reads replies
 * (gorb-client-conn.c). A timer source on the task does the rest:
 * retransmission (same request id) every interval, a first send that could
 * not go out yet (no connection) tried again soon, and the deadline
 * (TIMEOUT, or TRANSIENT if it never went out). A GCancellable is watched
 * through a cancellable source in the same context, so cancelling from any
 * thread is handled on the caller's: a CANCEL goes to the server and the
 * task completes with G_IO_ERROR_CANCELLED (GTask delivers a cancelled
 * task's callback from an idle, never from inside the cancel). The reply
 * is kept in the task until _finish, which decodes it into the caller's
 * storage.
 *
 * Everything but the final free happens on the calling thread (the
 * connection's owner): completion drops the connection and the sources
 * there, so a task finalized elsewhere frees only plain data.
 */
#include "gorb-orb-client-private.h"

/* How soon a first send that found no connection is tried again. */
#define CONNECT_RETRY_US (2 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  GorbProxy *proxy; /* owned (the task's source object too) */
  const GorbOperationDesc *op;
  GorbEncoding encoding;
  GBytes *body; /* owned: the encoded request, for every send */
  GorbCallTiming timing;
  GorbRef *target;        /* owned, nullable: where the request goes */
  GorbClientConn *conn;   /* owned reference while in flight; owner thread only */
  guint64 request_id;     /* the pending table's key points here */
  gboolean sent;          /* handed to the transport at least once */
  gboolean forwarded;     /* a LOCATION_FORWARD was followed */
  gboolean done;          /* completed (returned) */
  gint64 next_send;       /* monotonic µs */
  GSource *timer;         /* owned, nullable */
  GSource *cancel_source; /* owned, nullable */
  GBytes *reply_header;   /* owned, nullable: the reply, for _finish */
  GBytes *reply_body;     /* owned, nullable */
} AsyncCall;

static void
drop_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
async_call_free (gpointer data)
{
  AsyncCall *call = data;

  g_warn_if_fail (call->conn == NULL && call->timer == NULL && call->cancel_source == NULL);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_clear_pointer (&call->target, gorb_ref_unref);
  g_clear_pointer (&call->reply_header, g_bytes_unref);
  g_clear_pointer (&call->reply_body, g_bytes_unref);
  g_clear_object (&call->proxy);
  g_free (call);
}

/* Leaves the connection: out of its pending table, our reference dropped. */
static void
leave_conn (AsyncCall *call)
{
  if (call->conn == NULL)
    return;
  gorb_client_conn_remove_pending (call->conn, call->request_id);
  g_clear_pointer (&call->conn, gorb_client_conn_unref);
}

/* Completes @task with @error (taken), or with success if it is NULL; once.
 * Consumes the caller's reference on @task. */
static void
complete (GTask *task, GError *error)
{
  AsyncCall *call = g_task_get_task_data (task);

  if (call->done)
    {
      if (error != NULL)
        g_error_free (error);
      g_object_unref (task);
      return;
    }
  call->done = TRUE;
  leave_conn (call);
  drop_source (&call->timer);
  drop_source (&call->cancel_source);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* One send without waiting; a missing connection is not an error yet (the
 * timer tries again until the deadline). Returns FALSE and completes the
 * task with the error if the transport refused the request for good. */
static gboolean
try_send (GTask *task)
{
  AsyncCall *call = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) header = NULL;
  gint64 now = g_get_monotonic_time ();
  gboolean response_expected = !call->op->oneway;

  header = gorb_client_encode_header (
      call->conn->life, GORB_MESSAGE_REQUEST, call->request_id, call->encoding, response_expected,
      gorb_call_timing_left_ms (&call->timing, now), call->target, call->op->name);
  if (gorb_client_conn_send_now (call->conn, header, call->body, call->timing.deadline, &error))
    {
      call->sent = TRUE;
      call->next_send = now + (gint64) call->timing.interval_ms * 1000;
      return TRUE;
    }
  if (g_error_matches (error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT))
    {
      call->next_send
          = now + (call->sent ? (gint64) call->timing.interval_ms * 1000 : CONNECT_RETRY_US);
      return TRUE;
    }
  complete (g_object_ref (task), g_error_new (GORB_SYSTEM_ERROR,
                                              g_error_matches (error, GORB_TRANSPORT_ERROR,
                                                               GORB_TRANSPORT_ERROR_TOO_LARGE)
                                                  ? GORB_SYSTEM_ERROR_MARSHAL
                                                  : GORB_SYSTEM_ERROR_TRANSIENT,
                                              "cannot send '%s' to %s: %s", call->op->name,
                                              call->conn->endpoint, error->message));
  return FALSE;
}

static void
schedule (AsyncCall *call)
{
  g_source_set_ready_time (call->timer, MIN (call->next_send, call->timing.deadline));
}

/* Sends to the proxy's current target: a new request id on the calling
 * thread's connection to its first endpoint. Returns FALSE if the task
 * was completed with an error. */
static gboolean
start (GTask *task)
{
  AsyncCall *call = g_task_get_task_data (task);
  GorbOrb *orb = gorb_proxy_get_orb (call->proxy);
  GError *error = NULL;

  g_clear_pointer (&call->target, gorb_ref_unref);
  call->target = gorb_proxy_dup_target (call->proxy, NULL);
  call->conn = gorb_client_conn_get (gorb_orb_client_get_life (orb->client),
                                     gorb_ref_get_endpoint (call->target), &error);
  if (call->conn == NULL)
    {
      complete (g_object_ref (task), error);
      return FALSE;
    }
  call->request_id = gorb_orb_client_next_request_id (orb->client);
  call->sent = FALSE;
  if (!call->op->oneway)
    {
      gorb_client_conn_add_pending (call->conn, &call->request_id, task);
      gorb_client_conn_watch (call->conn, g_task_get_context (task));
    }
  return try_send (task);
}

static gboolean
on_timer (gpointer user_data)
{
  GTask *task = user_data;
  AsyncCall *call = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  GError *error = NULL;

  if (call->done)
    return G_SOURCE_REMOVE;
  if (now >= call->timing.deadline)
    {
      gorb_proxy_set_timeout_error (&error, call->conn->endpoint, call->op->name,
                                    call->timing.timeout_ms, call->sent);
      complete (g_object_ref (task), error);
      return G_SOURCE_REMOVE;
    }
  if (now >= call->next_send && !try_send (task))
    return G_SOURCE_REMOVE;
  if (call->op->oneway && call->sent)
    {
      complete (g_object_ref (task), NULL);
      return G_SOURCE_REMOVE;
    }
  schedule (call);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_cancelled (GCancellable *cancellable, gpointer user_data)
{
  GTask *task = user_data;
  AsyncCall *call = g_task_get_task_data (task);

  if (call->done)
    return G_SOURCE_REMOVE;
  if (call->sent && !call->op->oneway)
    gorb_client_conn_send_cancel (call->conn, call->request_id);
  complete (g_object_ref (task),
            g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "'%s' was cancelled", call->op->name));
  return G_SOURCE_REMOVE;
}

/* A source that fires at its ready time (set by schedule()). */
static gboolean
timer_dispatch (GSource *source, GSourceFunc callback, gpointer user_data)
{
  return callback (user_data);
}

static GSourceFuncs timer_funcs = { NULL, NULL, timer_dispatch, NULL, NULL, NULL };

/**
 * gorb_proxy_invoke_async:
 * @self: a proxy
 * @op: the operation, one of the proxy's interface (or its parents')
 * @args: (array) (nullable): as for gorb_proxy_invoke(); only the in and
 *   inout values are read, now: the caller may free them on return
 * @cancellable: (nullable): cancels the call: a CANCEL is sent and the call
 *   completes with %G_IO_ERROR_CANCELLED
 * @callback: called in the thread-default main context of the caller
 *   when the call completes
 * @user_data: data for @callback
 *
 * Starts a call to @op and returns at once; the calling thread must run
 * its thread-default main context for the call to complete. Any number of
 * calls may be in flight from one thread. A oneway call completes once the
 * request is handed to the transport. Finish with gorb_proxy_invoke_finish().
 */
void
gorb_proxy_invoke_async (GorbProxy *self, const GorbOperationDesc *op, gpointer const *args,
                         GCancellable *cancellable, GAsyncReadyCallback callback,
                         gpointer user_data)
{
  GTask *task;
  AsyncCall *call;
  GError *error = NULL;

  g_return_if_fail (GORB_IS_PROXY (self));
  g_return_if_fail (op != NULL && op->name != NULL);
  g_return_if_fail (args != NULL || op->n_params == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gorb_proxy_invoke_async);
  g_task_set_name (task, op->name);
  call = g_new0 (AsyncCall, 1);
  call->proxy = g_object_ref (self);
  call->op = op;
  call->encoding = gorb_proxy_get_encoding (self);
  gorb_proxy_get_timing (self, &call->timing);
  g_task_set_task_data (task, call, async_call_free);

  if (g_task_return_error_if_cancelled (task))
    {
      call->done = TRUE;
      g_object_unref (task);
      return;
    }
  call->body = gorb_proxy_encode_request (self, op, args, call->encoding, &error);
  if (call->body == NULL)
    {
      complete (task, error);
      return;
    }
  /* from here the pending table and the sources hold the task */
  if (!start (task))
    {
      g_object_unref (task);
      return;
    }
  if (op->oneway && call->sent)
    {
      complete (task, NULL);
      return;
    }
  call->timer = g_source_new (&timer_funcs, sizeof (GSource));
  g_source_set_static_name (call->timer, "gorb call timer");
  g_source_set_callback (call->timer, on_timer, g_object_ref (task), g_object_unref);
  schedule (call);
  g_source_attach (call->timer, g_task_get_context (task));
  if (cancellable != NULL)
    {
      call->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (call->cancel_source, G_SOURCE_FUNC (on_cancelled), g_object_ref (task),
                             g_object_unref);
      g_source_attach (call->cancel_source, g_task_get_context (task));
    }
  g_object_unref (task);
}

/* From the connection: the reply to @task's request came. Takes @task. */
void
gorb_proxy_async_reply (GTask *task, GBytes *header_bytes, GBytes *body)
{
  AsyncCall *call = g_task_get_task_data (task);
  GorbMessageHeader header;
  gsize len;
  const guint8 *data = g_bytes_get_data (header_bytes, &len);

  if (call->done)
    {
      g_object_unref (task);
      return;
    }
  if (gorb_wire_read_header (data, len, &header, NULL)
      && header.status == GORB_REPLY_LOCATION_FORWARD && !call->forwarded)
    {
      g_autoptr (GorbRef) forward = NULL;
      GError *error = NULL;

      /* decode it now, to follow it: leave the old connection, start anew */
      gorb_proxy_decode_reply (call->proxy, call->op, header_bytes, body, NULL, NULL, &forward,
                               &error);
      if (forward == NULL)
        {
          complete (task, error);
          return;
        }
      call->forwarded = TRUE;
      gorb_proxy_set_forward (call->proxy, forward);
      g_clear_pointer (&call->conn, gorb_client_conn_unref); /* no longer pending there */
      if (start (task))
        schedule (call);
      g_object_unref (task);
      return;
    }
  call->reply_header = g_bytes_ref (header_bytes);
  call->reply_body = body != NULL ? g_bytes_ref (body) : NULL;
  complete (task, NULL);
}

/* From the connection, closing: @task's call cannot complete. Takes @task
 * and @error. */
void
gorb_proxy_async_fail (GTask *task, GError *error)
{
  AsyncCall *call = g_task_get_task_data (task);

  g_clear_pointer (&call->conn, gorb_client_conn_unref); /* the table is being emptied */
  complete (task, error);
}

/* Whether @op has out or inout parameters, which _finish fills. */
static gboolean
has_results (const GorbOperationDesc *op)
{
  for (guint i = 0; i < op->n_params; i++)
    if (op->params[i].direction != GORB_PARAM_IN)
      return TRUE;
  return FALSE;
}

/**
 * gorb_proxy_invoke_finish:
 * @self: a proxy
 * @result: the #GAsyncResult given to the callback
 * @result_value: (nullable): where the result goes; %NULL exactly when the
 *   operation is void
 * @args: (array) (nullable): storage for the out and inout values, as for
 *   gorb_proxy_invoke() (inout ones are cleared, then overwritten); the in
 *   ones are not touched
 * @error: return location for a #GError
 *
 * Finishes gorb_proxy_invoke_async(), decoding the reply into
 * @result_value and @args (object references through the ORB, on the
 * calling thread).
 *
 * Errors: those of gorb_proxy_invoke(), and %G_IO_ERROR_CANCELLED if the
 * call was cancelled.
 *
 * Returns: %TRUE if the call succeeded
 */
gboolean
gorb_proxy_invoke_finish (GorbProxy *self, GAsyncResult *result, gpointer result_value,
                          gpointer const *args, GError **error)
{
  AsyncCall *call;
  g_autoptr (GorbRef) forward = NULL;
  gboolean ok;

  g_return_val_if_fail (GORB_IS_PROXY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gorb_proxy_invoke_async, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  call = g_task_get_task_data (G_TASK (result));
  if (call->op->oneway)
    return TRUE;
  g_return_val_if_fail (args != NULL || !has_results (call->op), FALSE);
  g_return_val_if_fail ((result_value == NULL) == (call->op->result == NULL), FALSE);
  ok = gorb_proxy_decode_reply (self, call->op, call->reply_header, call->reply_body, result_value,
                                args, &forward, error);
  if (!ok && forward != NULL)
    g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TRANSIENT,
                 "'%s' was forwarded more than once", call->op->name);
  return ok;
}
