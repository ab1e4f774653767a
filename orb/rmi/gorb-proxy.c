/* gorb-proxy.c - GorbProxy: the local stand-in for a remote object, and its
 * blocking calls (two-way, oneway, ping); async calls are in
 * gorb-proxy-async.c
 *
 * A blocking call runs on the calling thread alone: it encodes the
 * arguments (object references through the ORB's hooks), sends the request
 * on the thread's own connection to the target's first endpoint, and waits
 * on that connection itself until the reply comes or the deadline passes,
 * sending the same request (same id) again every retransmission interval.
 * Replies that come meanwhile for the thread's other calls (async ones in
 * flight, or an outer sync call a callback interrupted) are handed to them
 * (gorb-client-conn.c). A LOCATION_FORWARD reply is followed once per call
 * and remembered, so later calls go straight to the new location; a call
 * there that cannot get through forgets it again, so the next one asks the
 * original endpoint (the activator) anew.
 */
#include "gorb-orb-client-private.h"
#include "gorb-objref.h"

typedef struct
{
  GorbOrb *orb;        /* owned; construct-only */
  GorbRef *ref;        /* owned; construct-only */
  gint timeout_ms;     /* atomic; 0: the ORB's call timeout */
  gint encoding;       /* atomic; -1 until constructed: then the ORB's */
  GMutex lock;         /* guards forward */
  GorbRef *forward;    /* owned, nullable: where a LOCATION_FORWARD sent us */
  gint dgc_registered; /* atomic: the proxy table's one proxy for its object (holds a lease) */
} GorbProxyPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (GorbProxy, gorb_proxy, G_TYPE_OBJECT)

enum
{
  PROP_ORB = 1,
  PROP_REF,
  PROP_TIMEOUT,
  PROP_ENCODING,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

#define MAX_TIMEOUT_MS 86400000

static void
gorb_proxy_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GorbProxy *self = GORB_PROXY (object);
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ORB:
      g_value_set_object (value, priv->orb);
      break;
    case PROP_REF:
      g_value_set_boxed (value, priv->ref);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, gorb_proxy_get_timeout (self));
      break;
    case PROP_ENCODING:
      g_value_set_uint (value, gorb_proxy_get_encoding (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gorb_proxy_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GorbProxy *self = GORB_PROXY (object);
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ORB:
      priv->orb = g_value_dup_object (value);
      break;
    case PROP_REF:
      priv->ref = g_value_dup_boxed (value);
      break;
    case PROP_TIMEOUT:
      gorb_proxy_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_ENCODING:
      gorb_proxy_set_encoding (self, (GorbEncoding) g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gorb_proxy_constructed (GObject *object)
{
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (GORB_PROXY (object));

  G_OBJECT_CLASS (gorb_proxy_parent_class)->constructed (object);
  if (priv->orb == NULL || priv->ref == NULL)
    g_critical ("a GorbProxy needs an orb and a ref: make proxies with gorb_orb_resolve()");
  if (g_atomic_int_get (&priv->encoding) < 0)
    g_atomic_int_set (&priv->encoding,
                      priv->orb != NULL ? (gint) priv->orb->config.encoding : GORB_ENCODING_CDR);
}

static void
gorb_proxy_finalize (GObject *object)
{
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (GORB_PROXY (object));

  if (priv->orb != NULL && priv->ref != NULL && priv->orb->client != NULL)
    gorb_orb_client_forget_proxy (priv->orb->client, GORB_PROXY (object));
  g_clear_pointer (&priv->forward, gorb_ref_unref);
  g_clear_pointer (&priv->ref, gorb_ref_unref);
  g_clear_object (&priv->orb);
  g_mutex_clear (&priv->lock);
  G_OBJECT_CLASS (gorb_proxy_parent_class)->finalize (object);
}

static void
gorb_proxy_class_init (GorbProxyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gorb_proxy_get_property;
  object_class->set_property = gorb_proxy_set_property;
  object_class->constructed = gorb_proxy_constructed;
  object_class->finalize = gorb_proxy_finalize;

  /**
   * GorbProxy:orb:
   *
   * The ORB whose connections the proxy's calls go through.
   */
  properties[PROP_ORB]
      = g_param_spec_object ("orb", NULL, NULL, GORB_TYPE_ORB,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * GorbProxy:ref:
   *
   * The reference of the remote object.
   */
  properties[PROP_REF]
      = g_param_spec_boxed ("ref", NULL, NULL, GORB_TYPE_REF,
                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * GorbProxy:timeout:
   *
   * How long a call may take, in milliseconds; 0: the ORB's call timeout.
   */
  properties[PROP_TIMEOUT]
      = g_param_spec_uint ("timeout", NULL, NULL, 0, MAX_TIMEOUT_MS, 0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * GorbProxy:encoding:
   *
   * The encoding of the requests (a #GorbEncoding: 0 CDR, 1 XML); the
   * ORB's by default. Servers answer in the encoding they were asked in.
   */
  properties[PROP_ENCODING] = g_param_spec_uint (
      "encoding", NULL, NULL, GORB_ENCODING_CDR, GORB_ENCODING_XML, GORB_ENCODING_CDR,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gorb_proxy_init (GorbProxy *self)
{
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (self);

  g_mutex_init (&priv->lock);
  priv->encoding = -1;
}

/**
 * gorb_proxy_get_orb:
 * @self: a proxy
 *
 * Returns: (transfer none): the ORB the proxy calls through
 */
GorbOrb *
gorb_proxy_get_orb (GorbProxy *self)
{
  g_return_val_if_fail (GORB_IS_PROXY (self), NULL);
  return ((GorbProxyPrivate *) gorb_proxy_get_instance_private (self))->orb;
}

/**
 * gorb_proxy_get_ref:
 * @self: a proxy
 *
 * Returns: (transfer none): the reference of the remote object, as the
 *   proxy was made with (not where a LOCATION_FORWARD may have sent it)
 */
GorbRef *
gorb_proxy_get_ref (GorbProxy *self)
{
  g_return_val_if_fail (GORB_IS_PROXY (self), NULL);
  return ((GorbProxyPrivate *) gorb_proxy_get_instance_private (self))->ref;
}

/**
 * gorb_proxy_get_timeout:
 * @self: a proxy
 *
 * Returns: the proxy's call timeout in milliseconds; 0: the ORB's
 */
guint
gorb_proxy_get_timeout (GorbProxy *self)
{
  GorbProxyPrivate *priv;

  g_return_val_if_fail (GORB_IS_PROXY (self), 0);
  priv = gorb_proxy_get_instance_private (self);
  return (guint) g_atomic_int_get (&priv->timeout_ms);
}

/**
 * gorb_proxy_set_timeout:
 * @self: a proxy
 * @timeout_ms: how long calls may take, at most 86400000; 0: the ORB's
 *   call timeout
 *
 * Applies to calls made from now on. Any thread.
 */
void
gorb_proxy_set_timeout (GorbProxy *self, guint timeout_ms)
{
  GorbProxyPrivate *priv;

  g_return_if_fail (GORB_IS_PROXY (self));
  g_return_if_fail (timeout_ms <= MAX_TIMEOUT_MS);
  priv = gorb_proxy_get_instance_private (self);
  if ((guint) g_atomic_int_get (&priv->timeout_ms) == timeout_ms)
    return;
  g_atomic_int_set (&priv->timeout_ms, (gint) timeout_ms);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * gorb_proxy_get_encoding:
 * @self: a proxy
 *
 * Returns: the encoding of the proxy's requests
 */
GorbEncoding
gorb_proxy_get_encoding (GorbProxy *self)
{
  GorbProxyPrivate *priv;
  gint encoding;

  g_return_val_if_fail (GORB_IS_PROXY (self), GORB_ENCODING_CDR);
  priv = gorb_proxy_get_instance_private (self);
  encoding = g_atomic_int_get (&priv->encoding);
  return encoding < 0 ? GORB_ENCODING_CDR : (GorbEncoding) encoding;
}

/**
 * gorb_proxy_set_encoding:
 * @self: a proxy
 * @encoding: CDR or XML
 *
 * Applies to calls made from now on. Any thread.
 */
void
gorb_proxy_set_encoding (GorbProxy *self, GorbEncoding encoding)
{
  GorbProxyPrivate *priv;

  g_return_if_fail (GORB_IS_PROXY (self));
  g_return_if_fail (encoding == GORB_ENCODING_CDR || encoding == GORB_ENCODING_XML);
  priv = gorb_proxy_get_instance_private (self);
  if (g_atomic_int_get (&priv->encoding) == (gint) encoding)
    return;
  g_atomic_int_set (&priv->encoding, (gint) encoding);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODING]);
}

void
gorb_proxy_set_dgc_registered (GorbProxy *self)
{
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (self);
  g_atomic_int_set (&priv->dgc_registered, TRUE);
}

gboolean
gorb_proxy_get_dgc_registered (GorbProxy *self)
{
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (self);
  return g_atomic_int_get (&priv->dgc_registered);
}

/* What sync and async calls share */

void
gorb_proxy_get_timing (GorbProxy *self, GorbCallTiming *timing)
{
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (self);
  GorbOrbConfig config = priv->orb->config; /* a shallow copy, never cleared */
  guint timeout = (guint) g_atomic_int_get (&priv->timeout_ms);

  if (timeout == 0)
    timeout = priv->orb->config.call_timeout_ms;
  config.call_timeout_ms = timeout; /* the automatic interval follows the proxy's timeout */
  timing->timeout_ms = timeout;
  timing->interval_ms = gorb_orb_config_get_retransmit_interval_ms (&config);
  timing->deadline = timeout != 0 ? g_get_monotonic_time () + (gint64) timeout * 1000 : G_MAXINT64;
}

/* The timeout field of a header sent at @now: the milliseconds left,
 * rounded up (0 would mean no deadline). */
guint32
gorb_call_timing_left_ms (const GorbCallTiming *timing, gint64 now)
{
  if (timing->deadline == G_MAXINT64)
    return 0;
  if (now >= timing->deadline)
    return 1;
  return (guint32) MIN ((timing->deadline - now + 999) / 1000, G_MAXUINT32);
}

/* Where calls go: the forwarded location if one is remembered, else the
 * proxy's reference. (transfer full) */
GorbRef *
gorb_proxy_dup_target (GorbProxy *self, gboolean *forwarded)
{
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (self);
  GorbRef *target;

  g_mutex_lock (&priv->lock);
  target = gorb_ref_ref (priv->forward != NULL ? priv->forward : priv->ref);
  if (forwarded != NULL)
    *forwarded = priv->forward != NULL;
  g_mutex_unlock (&priv->lock);
  return target;
}

/* Remembers (@forward non-NULL) or forgets (NULL) a forwarded location. */
void
gorb_proxy_set_forward (GorbProxy *self, GorbRef *forward)
{
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (self);
  GorbRef *old;

  g_mutex_lock (&priv->lock);
  old = priv->forward;
  priv->forward = forward != NULL ? gorb_ref_ref (forward) : NULL;
  g_mutex_unlock (&priv->lock);
  if (old != NULL)
    gorb_ref_unref (old);
}

/* Failures at a forwarded location that say it may be gone. */
static gboolean
should_forget_forward (const GError *error)
{
  return g_error_matches (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TRANSIENT)
         || g_error_matches (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TIMEOUT)
         || g_error_matches (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_COMM_FAILURE)
         || g_error_matches (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
}

void
gorb_proxy_set_timeout_error (GError **error, const char *endpoint, const char *operation,
                              guint timeout_ms, gboolean sent)
{
  if (sent)
    g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TIMEOUT,
                 "no reply from %s to '%s' within %u ms", endpoint, operation, timeout_ms);
  else
    g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TRANSIENT,
                 "cannot reach %s to call '%s' within %u ms", endpoint, operation, timeout_ms);
}

/* Turns a failed send into the system exception a caller sees. */
static void
set_send_error (GError **error, GError *send_error, const char *endpoint, const char *operation,
                guint timeout_ms)
{
  if (g_error_matches (send_error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT))
    gorb_proxy_set_timeout_error (error, endpoint, operation, timeout_ms, FALSE);
  else if (g_error_matches (send_error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TOO_LARGE))
    g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_MARSHAL, "cannot send '%s' to %s: %s",
                 operation, endpoint, send_error->message);
  else
    g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TRANSIENT,
                 "cannot send '%s' to %s: %s", operation, endpoint, send_error->message);
}

/* The request body, object references going through the ORB. Errors are
 * the caller's, as MARSHAL (or the system exception an export raised). */
GBytes *
gorb_proxy_encode_request (GorbProxy *self, const GorbOperationDesc *op, gpointer const *args,
                           GorbEncoding encoding, GError **error)
{
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (self);
  g_autoptr (GError) local_error = NULL;
  GBytes *body;

  gorb_orb_push_objref_hooks (priv->orb);
  body = gorb_body_encode_request (op, args, encoding, GORB_BYTE_ORDER_NATIVE, &local_error);
  gorb_orb_pop_objref_hooks (priv->orb);
  if (body != NULL)
    return body;
  if (local_error->domain == GORB_SYSTEM_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_MARSHAL, "%s", local_error->message);
  return NULL;
}

/* A LOCATION_FORWARD body: the reference in its CDR form, or in XML a
 * <location-forward> element holding its stringified form. */
static GorbRef *
decode_forward (const GorbMessageHeader *header, GBytes *body, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gsize len = 0;
  const guint8 *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  GorbRef *ref = NULL;

  if (header->encoding == GORB_ENCODING_XML)
    {
      g_autofree char *text = NULL;
      if (gorb_xml_decode (&gorb_type_string, (const char *) data, len, "location-forward", &text,
                           &local_error))
        ref = gorb_ref_parse (text, &local_error);
    }
  else
    {
      GorbCdrReader reader;
      gorb_cdr_reader_init (&reader, data, len, header->byte_order);
      if (gorb_ref_read_cdr (&reader, &ref, &local_error) && ref != NULL
          && gorb_cdr_reader_get_remaining (&reader) != 0)
        {
          g_clear_pointer (&ref, gorb_ref_unref);
          g_set_error (&local_error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_TRAILING,
                       "trailing bytes after the reference");
        }
      else if (local_error == NULL && ref == NULL)
        g_set_error (&local_error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_BAD_VALUE,
                     "a nil reference");
    }
  if (ref == NULL)
    g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_MARSHAL, "bad location forward: %s",
                 local_error->message);
  return ref;
}

/**
 * gorb_proxy_decode_reply: (skip)
 * @self: the proxy that called
 * @op: the operation called
 * @header_bytes: the reply's header frame
 * @body: (nullable): its body frame
 * @result: (nullable): where the result goes
 * @args: the call's arguments: out and inout ones are filled (inout ones
 *   cleared first)
 * @forward: (out): set, and %FALSE returned without an error, for a
 *   LOCATION_FORWARD
 * @error: return location for a #GError
 *
 * Returns: %TRUE for an OK reply decoded into @result and @args
 */
gboolean
gorb_proxy_decode_reply (GorbProxy *self, const GorbOperationDesc *op, GBytes *header_bytes,
                         GBytes *body, gpointer result, gpointer const *args, GorbRef **forward,
                         GError **error)
{
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (self);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) empty = NULL;
  GError *raised = NULL;
  GorbObjrefContext context = { 0 };
  GorbMessageHeader header;
  gsize len;
  const guint8 *data = g_bytes_get_data (header_bytes, &len);
  gboolean ok = FALSE;

  *forward = NULL;
  if (!gorb_wire_read_header (data, len, &header, &local_error))
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_MARSHAL, "bad reply to '%s': %s",
                   op->name, local_error->message);
      return FALSE;
    }
  if (body == NULL)
    body = empty = g_bytes_new_static ("", 0);
  context.orb = priv->orb;
  context.request_id = header.request_id; /* references in it are acknowledged to their servers */
  context.acking = TRUE;
  gorb_orb_push_objref_context (&context);
  switch ((GorbReplyStatus) header.status)
    {
    case GORB_REPLY_OK:
      for (guint i = 0; i < op->n_params; i++)
        if (op->params[i].direction == GORB_PARAM_INOUT)
          gorb_value_clear (op->params[i].type, args[i]); /* replaced by the reply's */
      ok = gorb_body_decode_reply (op, body, header.encoding, header.byte_order, result, args,
                                   &local_error);
      if (!ok)
        g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_MARSHAL,
                     "cannot decode the reply to '%s': %s", op->name, local_error->message);
      break;
    case GORB_REPLY_USER_EXCEPTION:
      raised = gorb_body_decode_user_exception (op, body, header.encoding, header.byte_order,
                                                &local_error);
      break;
    case GORB_REPLY_SYSTEM_EXCEPTION:
      raised = gorb_body_decode_system_exception (body, header.encoding, header.byte_order, NULL,
                                                  &local_error);
      break;
    case GORB_REPLY_LOCATION_FORWARD:
      *forward = decode_forward (&header, body, error);
      break;
    default: /* gorb_wire_read_header() refuses other statuses */
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_PROTOCOL,
                   "reply to '%s' with status %u", op->name, header.status);
      break;
    }
  gorb_orb_pop_objref_context (&context);
  if (raised != NULL)
    g_propagate_error (error, raised);
  else if (header.status == GORB_REPLY_USER_EXCEPTION
           || header.status == GORB_REPLY_SYSTEM_EXCEPTION)
    g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_MARSHAL,
                 "cannot decode the exception '%s' raised: %s", op->name, local_error->message);
  return ok;
}

/* Blocking calls */

/* Sends a request and waits for its reply in @wait, retransmitting; the
 * first send waits for a connection until the deadline. */
static gboolean
exchange (GorbProxy *self, GorbClientConn *conn, GorbMessageType type, GorbEncoding encoding,
          gboolean response_expected, GorbRef *target, const char *operation, GBytes *body,
          const GorbCallTiming *timing, GorbSyncWait *wait, GError **error)
{
  GorbClientLife *life = conn->life;
  const char *name = type == GORB_MESSAGE_REQUEST ? operation : "ping";
  g_autoptr (GError) send_error = NULL;
  g_autoptr (GBytes) header = NULL;
  gint64 now = g_get_monotonic_time ();
  gint64 next_send;

  header = gorb_client_encode_header (life, type, wait->request_id, encoding, response_expected,
                                      gorb_call_timing_left_ms (timing, now), target, operation);
  if (!gorb_client_conn_send (conn, header, body,
                              timing->deadline == G_MAXINT64 ? -1 : timing->deadline, &send_error))
    {
      set_send_error (error, send_error, conn->endpoint, name, timing->timeout_ms);
      return FALSE;
    }
  if (!response_expected)
    return TRUE;
  next_send = now + (gint64) timing->interval_ms * 1000;
  for (;;)
    {
      g_autoptr (GError) wait_error = NULL;
      gint64 until = MIN (next_send, timing->deadline);

      if (gorb_client_conn_wait (conn, wait, until, &wait_error))
        return TRUE;
      if (!g_error_matches (wait_error, GORB_TRANSPORT_ERROR, GORB_TRANSPORT_ERROR_TIMEOUT))
        {
          if (wait_error->domain == GORB_SYSTEM_ERROR)
            g_propagate_error (error, g_steal_pointer (&wait_error));
          else
            g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_COMM_FAILURE,
                         "lost the connection to %s during '%s': %s", conn->endpoint, name,
                         wait_error->message);
          return FALSE;
        }
      now = g_get_monotonic_time ();
      if (now >= timing->deadline)
        {
          gorb_proxy_set_timeout_error (error, conn->endpoint, name, timing->timeout_ms, TRUE);
          return FALSE;
        }
      /* at most once: the same id again; the server's reply cache answers
       * a duplicate of a call it ran, and ignores one it is running */
      g_clear_pointer (&header, g_bytes_unref);
      header
          = gorb_client_encode_header (life, type, wait->request_id, encoding, TRUE,
                                       gorb_call_timing_left_ms (timing, now), target, operation);
      g_clear_error (&send_error);
      if (!gorb_client_conn_send (conn, header, body, 0, &send_error))
        g_debug ("cannot retransmit '%s' to %s: %s", name, conn->endpoint, send_error->message);
      next_send = MAX (next_send + (gint64) timing->interval_ms * 1000, now + 1000);
    }
}

typedef enum
{
  ATTEMPT_DONE,
  ATTEMPT_FAILED,
  ATTEMPT_FORWARDED,
} Attempt;

/* One attempt at @target: a two-way call's reply decoded, a oneway call
 * sent, or a ping answered. */
static Attempt
attempt (GorbProxy *self, const GorbOperationDesc *op, GorbRef *target, GorbEncoding encoding,
         GBytes *body, const GorbCallTiming *timing, gpointer result, gpointer const *args,
         GorbRef **forward, GError **error)
{
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (self);
  GorbClientLife *life = gorb_orb_client_get_life (priv->orb->client);
  GorbClientConn *conn = gorb_client_conn_get (life, gorb_ref_get_endpoint (target), error);
  GorbSyncWait wait = { 0 };
  GorbMessageType type = op != NULL ? GORB_MESSAGE_REQUEST : GORB_MESSAGE_LOCATE_REQUEST;
  Attempt outcome = ATTEMPT_FAILED;

  if (conn == NULL)
    return ATTEMPT_FAILED;
  wait.request_id = gorb_orb_client_next_request_id (priv->orb->client);
  wait.reply_type = op != NULL ? GORB_MESSAGE_REPLY : GORB_MESSAGE_LOCATE_REPLY;
  if (!exchange (self, conn, type, encoding, op == NULL || !op->oneway, target,
                 op != NULL ? op->name : NULL, body, timing, &wait, error))
    goto out;
  if (op != NULL && op->oneway)
    outcome = ATTEMPT_DONE;
  else if (op != NULL)
    {
      if (gorb_proxy_decode_reply (self, op, wait.header, wait.body, result, args, forward, error))
        outcome = ATTEMPT_DONE;
      else if (*forward != NULL)
        outcome = ATTEMPT_FORWARDED;
    }
  else
    {
      GorbMessageHeader header;
      gsize len;
      const guint8 *data = g_bytes_get_data (wait.header, &len);

      if (!gorb_wire_read_header (data, len, &header, error))
        goto out;
      if (header.status == GORB_LOCATE_OBJECT_HERE)
        outcome = ATTEMPT_DONE;
      else if (header.status == GORB_LOCATE_UNKNOWN_OBJECT)
        g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST,
                     "no object '%s' with this key at %s", gorb_ref_get_repo_id (target),
                     conn->endpoint);
      else if ((*forward = decode_forward (&header, wait.body, error)) != NULL)
        outcome = ATTEMPT_FORWARDED;
    }
out:
  g_clear_pointer (&wait.header, g_bytes_unref);
  g_clear_pointer (&wait.body, g_bytes_unref);
  gorb_client_conn_unref (conn);
  return outcome;
}

/* A blocking call or ping (@op NULL), following one LOCATION_FORWARD. */
static gboolean
call (GorbProxy *self, const GorbOperationDesc *op, GBytes *body, gpointer result,
      gpointer const *args, GError **error)
{
  GorbCallTiming timing;
  GorbEncoding encoding = gorb_proxy_get_encoding (self);

  gorb_proxy_get_timing (self, &timing);
  for (guint hops = 0;; hops++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (GorbRef) forward = NULL;
      gboolean forwarded;
      g_autoptr (GorbRef) target = gorb_proxy_dup_target (self, &forwarded);

      switch (
          attempt (self, op, target, encoding, body, &timing, result, args, &forward, &local_error))
        {
        case ATTEMPT_DONE:
          return TRUE;
        case ATTEMPT_FAILED:
          if (forwarded && should_forget_forward (local_error))
            gorb_proxy_set_forward (self, NULL); /* next time, ask the original again */
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        case ATTEMPT_FORWARDED:
          if (hops > 0)
            {
              g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TRANSIENT,
                           "'%s' was forwarded more than once", op != NULL ? op->name : "ping");
              return FALSE;
            }
          gorb_proxy_set_forward (self, forward);
          break;
        }
    }
}

/**
 * gorb_proxy_invoke:
 * @self: a proxy
 * @op: the operation, one of the proxy's interface (or its parents')
 * @args: (array) (nullable): @op->n_params pointers, one per parameter, at
 *   its C value (see gorb-interface.h): in and inout ones are sent; out and
 *   inout ones are overwritten by the reply's (inout ones cleared first)
 * @result: (nullable): where the result goes; %NULL exactly when @op is void
 * @error: return location for a #GError
 *
 * Calls @op on the remote object and waits for its reply on the calling
 * thread (see the module comment). A oneway operation returns once the
 * request is handed to the transport. Object references in the arguments
 * go through the ORB: a servant is exported on the fly, a reference that
 * comes back becomes a proxy (or the servant, if it lives here).
 *
 * Errors: one of @op's user exceptions, in its own domain; a
 * %GORB_SYSTEM_ERROR: %GORB_SYSTEM_ERROR_TIMEOUT if no reply came by the
 * deadline, %GORB_SYSTEM_ERROR_TRANSIENT if the request could not be sent
 * (no connection by the deadline, or the transport refused it),
 * %GORB_SYSTEM_ERROR_COMM_FAILURE if the connection failed while waiting,
 * %GORB_SYSTEM_ERROR_MARSHAL if an argument cannot be encoded or the reply
 * not decoded, %GORB_SYSTEM_ERROR_INV_OBJREF for an endpoint no transport
 * handles, %GORB_SYSTEM_ERROR_BAD_INV_ORDER after gorb_orb_shutdown(), or
 * whatever system exception the server raised (%GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST,
 * %GORB_SYSTEM_ERROR_BAD_OPERATION, …).
 *
 * Returns: %TRUE if the call succeeded
 */
gboolean
gorb_proxy_invoke (GorbProxy *self, const GorbOperationDesc *op, gpointer const *args,
                   gpointer result, GError **error)
{
  g_autoptr (GBytes) body = NULL;

  g_return_val_if_fail (GORB_IS_PROXY (self), FALSE);
  g_return_val_if_fail (op != NULL && op->name != NULL, FALSE);
  g_return_val_if_fail (args != NULL || op->n_params == 0, FALSE);
  g_return_val_if_fail ((result == NULL) == (op->result == NULL) || op->oneway, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  body = gorb_proxy_encode_request (self, op, args, gorb_proxy_get_encoding (self), error);
  if (body == NULL)
    return FALSE;
  return call (self, op, body, result, args, error);
}

/**
 * gorb_proxy_ping:
 * @self: a proxy
 * @error: return location for a #GError
 *
 * Asks the server whether the object is there (LOCATE_REQUEST), following
 * a forward as calls do. Blocks like gorb_proxy_invoke().
 *
 * Errors: %GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST if the server does not know
 * the object; those of gorb_proxy_invoke() for the exchange (TIMEOUT,
 * TRANSIENT, COMM_FAILURE, BAD_INV_ORDER, …).
 *
 * Returns: %TRUE if the object is there
 */
gboolean
gorb_proxy_ping (GorbProxy *self, GError **error)
{
  g_return_val_if_fail (GORB_IS_PROXY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return call (self, NULL, NULL, NULL, NULL, error);
}

/**
 * gorb_proxy_locate:
 * @self: a proxy
 * @forward: (out) (transfer full): the reference the server forwards to,
 *   or %NULL if the object is there
 * @error: return location for a #GError
 *
 * One LOCATE_REQUEST at @self's own reference, not following a forward
 * but returning it (gorb_orb_dup_initial_reference()). Blocks like
 * gorb_proxy_ping().
 *
 * Errors: %GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST if the server knows no such
 * key; those of gorb_proxy_ping() for the exchange.
 *
 * Returns: %TRUE if the server answered OBJECT_HERE or OBJECT_FORWARD
 */
gboolean
gorb_proxy_locate (GorbProxy *self, GorbRef **forward, GError **error)
{
  GorbProxyPrivate *priv = gorb_proxy_get_instance_private (self);
  GorbCallTiming timing;

  g_return_val_if_fail (GORB_IS_PROXY (self), FALSE);
  g_return_val_if_fail (forward != NULL, FALSE);

  *forward = NULL;
  gorb_proxy_get_timing (self, &timing);
  return attempt (self, NULL, priv->ref, gorb_proxy_get_encoding (self), NULL, &timing, NULL, NULL,
                  forward, error)
         != ATTEMPT_FAILED;
}
