/* fuzz-wire.c - libFuzzer target for what a peer can send: a header frame and
 * a body frame, decoded as the server decodes a request (header, then the
 * arguments of the named PersonList operation) and as the client decodes a
 * reply (results, user and system exceptions).
 * Input: [header length, 2 bytes little endian][header frame][body frame]. */
#include "Person.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Storage for every parameter and the result of @op, zeroed. */
static gpointer *
new_args (const GorbOperationDesc *op, gpointer *result)
{
  gpointer *args = g_new0 (gpointer, op->n_params + 1);

  for (guint i = 0; i < op->n_params; i++)
    args[i] = g_malloc0 (op->params[i].type->size);
  *result = op->result != NULL ? g_malloc0 (op->result->size) : NULL;
  return args;
}

static void
free_args (const GorbOperationDesc *op, gpointer *args, gpointer result)
{
  for (guint i = 0; i < op->n_params; i++)
    gorb_value_free (op->params[i].type, args[i]);
  if (result != NULL)
    gorb_value_free (op->result, result);
  g_free (args);
}

static void
decode_as_reply (const GorbOperationDesc *op, GBytes *body, GorbEncoding encoding,
                 GorbByteOrder order)
{
  gpointer result;
  gpointer *args = new_args (op, &result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) raised = NULL;
  g_autoptr (GError) system = NULL;
  GorbCompletionStatus completion;

  gorb_body_decode_reply (op, body, encoding, order, result, args, &error);
  g_clear_error (&error);
  raised = gorb_body_decode_user_exception (op, body, encoding, order, &error);
  g_clear_error (&error);
  system = gorb_body_decode_system_exception (body, encoding, order, &completion, &error);
  free_args (op, args, result);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  GorbMessageHeader header;
  g_autoptr (GError) error = NULL;
  guint64 request_id;
  GorbMessageType type;
  gsize header_len;

  if (size < 2)
    return 0;
  header_len = MIN ((gsize) (data[0] | (data[1] << 8)), size - 2);
  data += 2;
  size -= 2;
  g_autoptr (GBytes) body = g_bytes_new (data + header_len, size - header_len);

  gorb_wire_peek_request_id (data, header_len, &request_id, &type);
  if (!gorb_wire_read_header (data, header_len, &header, &error))
    return 0;

  /* the client side: any operation's reply decoders on this body */
  for (guint i = 0; i < demo_person_list_desc.n_operations; i++)
    decode_as_reply (&demo_person_list_desc.operations[i], body, header.encoding,
                     header.byte_order);

  /* the server side: the named operation's arguments */
  if (header.type != GORB_MESSAGE_REQUEST)
    return 0;
  const GorbOperationDesc *op
      = gorb_interface_find_operation (&demo_person_list_desc, header.operation);
  if (op == NULL)
    return 0;
  gpointer result;
  gpointer *args = new_args (op, &result);
  gorb_body_decode_request (op, body, header.encoding, header.byte_order, args, &error);
  free_args (op, args, result);
  return 0;
}
