/* gorb-orb-server-messages.c - the server half's listeners and the switch
 * over the messages they read: binding the listeners (and the collector's
 * reference with them), LOCATE_REQUEST (exported keys and the initial
 * references), ACK, CANCEL, headers that do not decode; REQUESTs go on to
 * gorb-dispatch.c. Everything here but binding runs on the listener thread
 * that read the message (where each piece of work runs, and the export
 * table read here: gorb-orb-server.c).
 *
 * Why no thread hop before a LISTENER-policy servant runs: the transport
 * hands each message to on_message() on the thread that read it from the
 * socket (gorb-transport.h), and nothing between there and the servant
 * queues work: the header is decoded in place (it borrows the frame), the
 * reply cache and export table are a mutex and a read lock taken on this
 * thread, the arguments are decoded into storage on this thread's stack,
 * and the skeleton's dispatch calls the servant directly. The reply leaves
 * by the same thread (gorb_listener_send() from the listener thread sends
 * at once), so a quick method costs no hand-off either way, as DESIGN.md
 * asks. The price is the policy's contract: such a method must not block
 * or call out, or it stalls every other request on that listener.
 */
#include "gorb-orb-server-private.h"

#include <string.h>

/* Listeners */

static void on_message (GorbListener *listener, GBytes *peer, GBytes *header_bytes, GBytes *body,
                        gpointer user_data);

/* Write-locked. Binds the configured endpoints, else the default one. */
gboolean
gorb_orb_server_bind_listeners_locked (GorbOrbServer *server, GError **error)
{
  const char *const default_endpoints[] = { GORB_ORB_CONFIG_DEFAULT_ENDPOINT, NULL };
  const char *const *endpoints = server->orb->config.endpoints != NULL
                                     ? (const char *const *) server->orb->config.endpoints
                                     : default_endpoints;
  g_autoptr (GPtrArray) listeners = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GStrvBuilder) bound = g_strv_builder_new ();

  for (guint i = 0; endpoints[i] != NULL; i++)
    {
      g_autoptr (GorbTransport) transport = gorb_transport_for_endpoint (endpoints[i], error);
      GorbListener *listener;

      if (transport == NULL)
        goto fail;
      listener = gorb_transport_listen (transport, endpoints[i], on_message, server, NULL, error);
      if (listener == NULL)
        goto fail;
      g_ptr_array_add (listeners, listener);
      g_strv_builder_add (bound, gorb_listener_get_endpoint (listener));
    }
  g_ptr_array_extend_and_steal (server->listeners, g_steal_pointer (&listeners));
  g_strfreev (server->endpoints);
  server->endpoints = g_strv_builder_end (bound);
  /* the collector, at object number 0, handed out as "gorb.Collector" */
  gorb_object_key_make (&server->orb->incarnation, 0, server->collector->key);
  g_clear_pointer (&server->collector->ref, gorb_ref_unref);
  server->collector->ref = gorb_ref_new (
      server->collector->skeleton->iface->repo_id, server->collector->key,
      sizeof server->collector->key, GORB_ENCODING_CDR, (const char *const *) server->endpoints);
  g_hash_table_replace (server->initial, g_strdup (GORB_DGC_COLLECTOR_INITIAL_NAME),
                        gorb_ref_ref (server->collector->ref));
  return TRUE;

fail:
  for (guint i = 0; i < listeners->len; i++)
    gorb_listener_close (listeners->pdata[i]);
  return FALSE;
}

/* Messages: the listener thread */

/**
 * gorb_orb_server_encode_reply_header:
 * @request: the header of the request answered
 * @type: REPLY or LOCATE_REPLY
 * @status: the reply or locate status
 *
 * The header of an answer: same request id, the client id and epoch
 * echoed, the request's byte order and encoding (a server answers in the
 * encoding it was asked in), no deadline.
 *
 * Returns: (transfer full): the header frame
 */
GBytes *
gorb_orb_server_encode_reply_header (const GorbMessageHeader *request, GorbMessageType type,
                                     guint32 status)
{
  GorbMessageHeader reply = {
    .type = type,
    .byte_order = request->byte_order,
    .encoding = request->encoding,
    .response_expected = FALSE,
    .request_id = request->request_id,
    .client_id = request->client_id,
    .client_epoch = request->client_epoch,
    .timeout_ms = 0,
    .status = status,
  };

  return gorb_wire_encode_header (&reply);
}

static void
send_or_count (GorbOrbServer *server, GorbListener *listener, GBytes *peer, GBytes *header,
               GBytes *body)
{
  g_autoptr (GError) error = NULL;

  if (!gorb_listener_send (listener, peer, header, body, &error))
    {
      g_debug ("cannot answer on '%s': %s", gorb_listener_get_endpoint (listener), error->message);
      gorb_orb_server_count (&server->n_dropped);
    }
}

static guint32
load32 (const guint8 *p, gboolean little)
{
  guint32 v;

  memcpy (&v, p, 4);
  return little ? GUINT32_FROM_LE (v) : GUINT32_FROM_BE (v);
}

/* A header that does not decode: answer a request whose fixed part is
 * intact (so the client fails at once rather than timing out), with
 * PROTOCOL if it does not speak our protocol (unknown flag bits) or MARSHAL
 * if the tail is malformed; drop anything else. Always in CDR: nothing
 * says the flags can be trusted. */
static void
on_bad_header (GorbOrbServer *server, GorbListener *listener, GBytes *peer, GBytes *header_bytes,
               const GError *error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (header_bytes, &len);
  GorbMessageHeader request = { 0 };
  GorbMessageType type;
  guint64 request_id;
  GorbSystemError code;

  if (!gorb_wire_peek_request_id (data, len, &request_id, &type)
      || (type != GORB_MESSAGE_REQUEST && type != GORB_MESSAGE_LOCATE_REQUEST))
    {
      g_debug ("dropping a message on '%s': %s", gorb_listener_get_endpoint (listener),
               error->message);
      gorb_orb_server_count (&server->n_dropped);
      return;
    }
  /* peek checked the 40 bytes of the fixed part: the flags are at 6, the
   * client id at 16 and the epoch at 32 */
  request.byte_order = (data[6] & GORB_WIRE_FLAG_LITTLE_ENDIAN) != 0 ? GORB_BYTE_ORDER_LITTLE
                                                                     : GORB_BYTE_ORDER_BIG;
  request.encoding = GORB_ENCODING_CDR;
  request.request_id = request_id;
  memcpy (request.client_id.bytes, data + 16, sizeof request.client_id.bytes);
  request.client_epoch = load32 (data + 32, request.byte_order == GORB_BYTE_ORDER_LITTLE);
  code = g_error_matches (error, GORB_WIRE_ERROR, GORB_WIRE_ERROR_MALFORMED)
             ? GORB_SYSTEM_ERROR_MARSHAL
             : GORB_SYSTEM_ERROR_PROTOCOL;
  gorb_orb_server_count (&server->n_dropped);
  gorb_dispatch_send_system_exception (listener, peer, &request, code, GORB_COMPLETED_NO,
                                       error->message);
}

/**
 * gorb_orb_server_set_initial:
 * @server: a server
 * @name: an initial reference's name (checked by the caller)
 * @ref: (nullable): its reference, or %NULL to remove it
 *
 * Names @ref for LOCATE_REQUESTs whose key is @name. Any thread.
 */
void
gorb_orb_server_set_initial (GorbOrbServer *server, const char *name, GorbRef *ref)
{
  g_rw_lock_writer_lock (&server->lock);
  if (ref != NULL)
    g_hash_table_replace (server->initial, g_strdup (name), gorb_ref_ref (ref));
  else
    g_hash_table_remove (server->initial, name);
  g_rw_lock_writer_unlock (&server->lock);
}

/* The initial reference a locate key names, if it is one's name. */
static GorbRef *
dup_initial (GorbOrbServer *server, const guint8 *key, gsize key_len)
{
  g_autofree char *name = NULL;
  GorbRef *ref;

  if (key_len == 0 || key_len > GORB_INITIAL_REFERENCE_MAX_NAME)
    return NULL;
  name = g_strndup ((const char *) key, key_len);
  g_rw_lock_reader_lock (&server->lock);
  ref = g_hash_table_lookup (server->initial, name);
  if (ref != NULL)
    gorb_ref_ref (ref);
  g_rw_lock_reader_unlock (&server->lock);
  return ref;
}

/* LOCATE_REQUEST: OBJECT_HERE for an exported key; OBJECT_FORWARD with the
 * reference (in the request's encoding) for an initial reference's name;
 * UNKNOWN_OBJECT otherwise. */
static void
on_locate_request (GorbOrbServer *server, GorbListener *listener, GBytes *peer,
                   const GorbMessageHeader *header)
{
  GorbExport *export
      = gorb_orb_server_find_export (server, header->object_key, header->object_key_len, NULL);
  g_autoptr (GorbRef) initial = NULL;
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GBytes) body = NULL;
  guint32 status = GORB_LOCATE_OBJECT_HERE;

  if (export == NULL
      && (initial = dup_initial (server, header->object_key, header->object_key_len)) != NULL)
    {
      status = GORB_LOCATE_OBJECT_FORWARD;
      if (header->encoding == GORB_ENCODING_XML)
        {
          g_autofree char *text = gorb_ref_to_string (initial);
          body = gorb_xml_encode (&gorb_type_string, &text, "location-forward", NULL);
        }
      else
        {
          GorbCdrWriter writer;

          gorb_cdr_writer_init (&writer, header->byte_order);
          gorb_ref_write_cdr (&writer, initial);
          body = gorb_cdr_writer_steal_bytes (&writer);
        }
    }
  else if (export == NULL)
    status = GORB_LOCATE_UNKNOWN_OBJECT;
  reply = gorb_orb_server_encode_reply_header (header, GORB_MESSAGE_LOCATE_REPLY, status);
  gorb_export_unref (export);
  send_or_count (server, listener, peer, reply, body);
}

/* ACK: the header's request id, then, if the body is not empty, more of
 * them as a CDR sequence<unsigned long long> in the header's byte order
 * (one message acknowledges a batch). A body that does not decode is
 * counted and the ids read before the fault still count. */
static void
on_ack (GorbOrbServer *server, const GorbMessageHeader *header, GBytes *body)
{
  gsize len = 0;
  const guint8 *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  GorbCdrReader reader;
  guint32 n;

  gorb_reply_cache_ack (server->cache, &header->client_id, header->request_id);
  if (len == 0)
    return;
  gorb_cdr_reader_init (&reader, data, len, header->byte_order);
  if (!gorb_cdr_read_ulong (&reader, &n, NULL) || n > gorb_cdr_reader_get_remaining (&reader) / 8)
    {
      gorb_orb_server_count (&server->n_dropped);
      return;
    }
  for (guint32 i = 0; i < n; i++)
    {
      guint64 request_id;

      if (!gorb_cdr_read_ulonglong (&reader, &request_id, NULL))
        {
          gorb_orb_server_count (&server->n_dropped);
          return;
        }
      gorb_reply_cache_ack (server->cache, &header->client_id, request_id);
    }
}

static void
on_cancel (GorbOrbServer *server, const GorbMessageHeader *header)
{
  if (gorb_reply_cache_cancel (server->cache, &header->client_id, header->request_id))
    gorb_orb_server_count (&server->n_cancelled);
}

/* The GorbListenerFunc of every listener: on the listener thread. */
static void
on_message (GorbListener *listener, GBytes *peer, GBytes *header_bytes, GBytes *body,
            gpointer user_data)
{
  GorbOrbServer *server = user_data;
  g_autoptr (GError) error = NULL;
  GorbMessageHeader header;
  gsize len;
  const guint8 *data = g_bytes_get_data (header_bytes, &len);

  if (g_atomic_int_get (&server->stopping))
    {
      gorb_orb_server_count (&server->n_dropped);
      return;
    }
  gorb_orb_server_mark_thread (server);
  if (!gorb_wire_read_header (data, len, &header, &error))
    on_bad_header (server, listener, peer, header_bytes, error);
  else
    switch (header.type)
      {
      case GORB_MESSAGE_REQUEST:
        gorb_dispatch_request (server, listener, peer, header_bytes, &header, body);
        break;
      case GORB_MESSAGE_LOCATE_REQUEST:
        on_locate_request (server, listener, peer, &header);
        break;
      case GORB_MESSAGE_ACK:
        on_ack (server, &header, body);
        break;
      case GORB_MESSAGE_CANCEL:
        on_cancel (server, &header);
        break;
      case GORB_MESSAGE_REPLY:
      case GORB_MESSAGE_LOCATE_REPLY:
      default:
        gorb_orb_server_count (&server->n_dropped); /* a server is asked, not answered */
        break;
      }
  gorb_orb_server_mark_thread (NULL);
}
