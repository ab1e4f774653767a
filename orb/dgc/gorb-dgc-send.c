/* gorb-dgc-send.c - one call to a remote collector, from the DGC thread
 *
 * Not through a GorbProxy: a proxy holds its ORB, and the DGC thread must
 * never hold the last reference to the ORB it serves (the ORB's teardown
 * joins it). The call uses the thread's own connection for the ORB's
 * identity (GorbClientLife), waits in short slices so that a stop is
 * noticed at once, and does not retransmit: the DGC retries at its own
 * level (a new dirty with a new sequence number, a clean again), which
 * sequence numbers make safe. The header's timeout is the call's deadline,
 * so a server drops a dirty that arrives after it (the tombstones of cleans
 * outlive every deadline: docs/dgc.md).
 */
#include "gorb-dgc-send-private.h"

#include "gorb-body.h"

#define WAIT_SLICE_US (50 * G_TIME_SPAN_MILLISECOND)

/**
 * gorb_dgc_send_call:
 * @life: the ORB's identity
 * @client: the ORB's client half (request ids)
 * @endpoint: the collector's endpoint
 * @incarnation: the incarnation whose collector is called
 * @op: dirty, clean or stats of Gorb::Dgc::Collector
 * @args: its arguments
 * @result: (nullable): where its result goes
 * @timeout_ms: how long the call may take
 * @stopping: (nullable): an atomic flag: the call gives up once it is set
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the collector answered OK
 */
gboolean
gorb_dgc_send_call (GorbClientLife *life, GorbOrbClient *client, const char *endpoint,
                    const GorbIncarnationId *incarnation, const GorbOperationDesc *op,
                    gpointer const *args, gpointer result, guint timeout_ms, const gint *stopping,
                    GError **error)
{
  const char *endpoints[] = { endpoint, NULL };
  guint8 key[GORB_OBJECT_KEY_SIZE];
  g_autoptr (GorbRef) target = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) header = NULL;
  g_autoptr (GError) local_error = NULL;
  GorbClientConn *conn;
  GorbSyncWait wait = { 0 };
  GorbMessageHeader reply;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean ok = FALSE;

  body = gorb_body_encode_request (op, args, GORB_ENCODING_CDR, GORB_BYTE_ORDER_NATIVE, error);
  if (body == NULL)
    return FALSE;
  gorb_object_key_make (incarnation, 0, key);
  target = gorb_ref_new (gorb_dgc_collector_desc.repo_id, key, sizeof key, GORB_ENCODING_CDR,
                         endpoints);
  conn = gorb_client_conn_get (life, endpoint, error);
  if (conn == NULL)
    return FALSE;
  wait.request_id = gorb_orb_client_next_request_id (client);
  wait.reply_type = GORB_MESSAGE_REPLY;
  header = gorb_client_encode_header (life, GORB_MESSAGE_REQUEST, wait.request_id,
                                      GORB_ENCODING_CDR, TRUE, timeout_ms, target, op->name);
  /* an unreachable server makes the send wait for the connection: in
   * slices too, so that a stop (the ORB shutting down) is not held up */
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gboolean last
          = now + WAIT_SLICE_US >= deadline || (stopping != NULL && g_atomic_int_get (stopping));

      g_clear_error (&local_error);
      if (gorb_client_conn_send (conn, header, body, MIN (deadline, now + WAIT_SLICE_US),
                                 &local_error))
        break;
      if (last
          || !g_error_matches (local_error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT))
        {
          g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TRANSIENT,
                       "cannot send '%s' to %s: %s", op->name, endpoint, local_error->message);
          goto out;
        }
    }
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();

      g_clear_error (&local_error);
      if (now >= deadline || (stopping != NULL && g_atomic_int_get (stopping)))
        {
          g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TIMEOUT,
                       "no reply from %s to '%s' within %u ms", endpoint, op->name, timeout_ms);
          goto out;
        }
      if (gorb_client_conn_wait (conn, &wait, MIN (deadline, now + WAIT_SLICE_US), &local_error))
        break;
      if (!g_error_matches (local_error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT))
        {
          g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_COMM_FAILURE,
                       "lost the connection to %s during '%s': %s", endpoint, op->name,
                       local_error->message);
          goto out;
        }
    }
  gorb_client_conn_ack (conn, wait.request_id);
  {
    gsize len;
    const guint8 *data = g_bytes_get_data (wait.header, &len);
    g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
    GBytes *reply_body = wait.body != NULL ? wait.body : empty;

    if (!gorb_wire_read_header (data, len, &reply, error))
      goto out;
    if (reply.status == GORB_REPLY_OK)
      ok = gorb_body_decode_reply (op, reply_body, reply.encoding, reply.byte_order, result, args,
                                   error);
    else if (reply.status == GORB_REPLY_SYSTEM_EXCEPTION)
      {
        GError *raised = gorb_body_decode_system_exception (reply_body, reply.encoding,
                                                            reply.byte_order, NULL, error);
        if (raised != NULL)
          g_propagate_error (error, raised);
      }
    else
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_PROTOCOL,
                   "reply to '%s' with status %u", op->name, reply.status);
  }
out:
  g_clear_pointer (&wait.header, g_bytes_unref);
  g_clear_pointer (&wait.body, g_bytes_unref);
  gorb_client_conn_unref (conn);
  return ok;
}
