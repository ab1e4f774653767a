/* gorb-wire.c - the message header: encoding and strict decoding
 *
 * Writing goes through the CDR writer's primitives, so alignment and byte
 * order are the writer's business. Reading is the hot path of every call
 * on both sides: it loads the fixed part at its fixed offsets (after one
 * bounds check per field), walks the per-type tail with explicit bounds
 * checks, allocates nothing and borrows the object key and the operation
 * from the frame. Every failure is a GORB_WIRE_ERROR whose message names the
 * byte offset of what is wrong; building it is the only cold, allocating
 * path. A decoded header is written to the caller's struct only on success.
 */
#include "gorb-wire.h"

#include <string.h>

/* clang-format would space the dashes, and so the quark's name */
/* clang-format off */
G_DEFINE_QUARK (gorb-wire-error-quark, gorb_wire_error)
/* clang-format on */

static const guint8 wire_magic[4] = { 'G', 'O', 'R', 'B' };

/* Offsets of the fixed part (see gorb-wire.h) */
enum
{
  OFFSET_MAGIC = 0,
  OFFSET_VERSION = 4,
  OFFSET_FLAGS = 6,
  OFFSET_TYPE = 7,
  OFFSET_REQUEST_ID = 8,
  OFFSET_CLIENT_ID = 16,
  OFFSET_CLIENT_EPOCH = 32,
  OFFSET_TIMEOUT = 36,
};

G_STATIC_ASSERT (OFFSET_TIMEOUT + 4 == GORB_WIRE_FIXED_HEADER_SIZE);
G_STATIC_ASSERT (sizeof (GorbClientId) == 16);

/* The fields of the fixed part, in order, for truncation messages. */
static const struct
{
  gsize offset;
  gsize size;
  const char *name;
} fixed_fields[] = {
  { OFFSET_MAGIC, 4, "magic" },
  { OFFSET_VERSION, 2, "version" },
  { OFFSET_FLAGS, 1, "flags" },
  { OFFSET_TYPE, 1, "message type" },
  { OFFSET_REQUEST_ID, 8, "request id" },
  { OFFSET_CLIENT_ID, 16, "client id" },
  { OFFSET_CLIENT_EPOCH, 4, "client epoch" },
  { OFFSET_TIMEOUT, 4, "timeout" },
};

static const char *const message_type_names[] = {
  "request", "reply", "ack", "cancel", "locate-request", "locate-reply",
};
G_STATIC_ASSERT (G_N_ELEMENTS (message_type_names) == GORB_MESSAGE_LOCATE_REPLY + 1);

static inline guint32
load32 (const guint8 *p, gboolean swap)
{
  guint32 v;

  memcpy (&v, p, 4);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

static inline guint64
load64 (const guint8 *p, gboolean swap)
{
  guint64 v;

  memcpy (&v, p, 8);
  return swap ? GUINT64_SWAP_LE_BE (v) : v;
}

static inline GorbByteOrder
order_of (const guint8 *frame)
{
  return (frame[OFFSET_FLAGS] & GORB_WIRE_FLAG_LITTLE_ENDIAN) != 0 ? GORB_BYTE_ORDER_LITTLE
                                                                   : GORB_BYTE_ORDER_BIG;
}

static inline gboolean
type_is_known (guint type)
{
  return type <= GORB_MESSAGE_LOCATE_REPLY;
}

static inline gboolean
type_has_key (GorbMessageType type)
{
  return type == GORB_MESSAGE_REQUEST || type == GORB_MESSAGE_LOCATE_REQUEST;
}

/* The highest status a REPLY or LOCATE_REPLY may carry. */
static inline guint32
max_status (GorbMessageType type)
{
  return type == GORB_MESSAGE_REPLY ? GORB_REPLY_LOCATION_FORWARD : GORB_LOCATE_OBJECT_FORWARD;
}

/* Cold paths: the error messages */

static gboolean fail (GError **error, GorbWireError code, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError **error, GorbWireError code, const char *format, ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (GORB_WIRE_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
fail_truncated (GError **error, const char *what, gsize offset, gsize needed, gsize len)
{
  return fail (error, GORB_WIRE_ERROR_MALFORMED,
               "header truncated: %s at offset %" G_GSIZE_FORMAT " needs %" G_GSIZE_FORMAT
               " bytes, %" G_GSIZE_FORMAT " left",
               what, offset, needed, offset < len ? len - offset : 0);
}

/* The first @len (at most 4) bytes of a would-be magic, printable. */
static gboolean
fail_bad_magic (GError **error, const guint8 *p, gsize len)
{
  GString *shown = g_string_sized_new (16);
  gboolean ret;

  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isprint (p[i]) && p[i] != '\'' && p[i] != '\\')
        g_string_append_c (shown, (char) p[i]);
      else
        g_string_append_printf (shown, "\\x%02x", p[i]);
    }
  ret = fail (error, GORB_WIRE_ERROR_BAD_MAGIC, "bad magic '%s' at offset 0", shown->str);
  g_string_free (shown, TRUE);
  return ret;
}

/* Checks magic, version, flags and type as far as the bytes go, then that
 * the whole fixed part is there. */
static gboolean
check_fixed_part (const guint8 *p, gsize len, GError **error)
{
  if (G_UNLIKELY (len > 0 && memcmp (p, wire_magic, MIN (len, 4)) != 0))
    return fail_bad_magic (error, p, MIN (len, 4));
  if (G_UNLIKELY (len >= OFFSET_VERSION + 2 && p[OFFSET_VERSION] != GORB_WIRE_VERSION_MAJOR))
    return fail (error, GORB_WIRE_ERROR_BAD_VERSION,
                 "unsupported protocol version %u.%u at offset %d", p[OFFSET_VERSION],
                 p[OFFSET_VERSION + 1], OFFSET_VERSION);
  if (G_UNLIKELY (len > OFFSET_FLAGS && (p[OFFSET_FLAGS] & ~GORB_WIRE_FLAGS_KNOWN) != 0))
    return fail (error, GORB_WIRE_ERROR_BAD_TYPE, "unknown flags 0x%02x at offset %d",
                 (guint) (p[OFFSET_FLAGS] & ~GORB_WIRE_FLAGS_KNOWN), OFFSET_FLAGS);
  if (G_UNLIKELY (len > OFFSET_TYPE && !type_is_known (p[OFFSET_TYPE])))
    return fail (error, GORB_WIRE_ERROR_BAD_TYPE, "unknown message type %u at offset %d",
                 p[OFFSET_TYPE], OFFSET_TYPE);
  if (G_UNLIKELY (len < GORB_WIRE_FIXED_HEADER_SIZE))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (fixed_fields); i++)
        if (fixed_fields[i].offset + fixed_fields[i].size > len)
          return fail_truncated (error, fixed_fields[i].name, fixed_fields[i].offset,
                                 fixed_fields[i].size, len);
    }
  return TRUE;
}

/* The tail of a REQUEST or LOCATE_REQUEST: sequence<octet> object key,
 * string operation. Sets *end to the offset just past it. */
static gboolean
read_key_and_operation (const guint8 *p, gsize len, gboolean swap, GorbMessageHeader *h, gsize *end,
                        GError **error)
{
  gsize pos = GORB_WIRE_FIXED_HEADER_SIZE;
  guint32 key_len;
  guint32 op_len;
  const char *op;
  const char *nul;

  if (G_UNLIKELY (len - pos < 4))
    return fail_truncated (error, "object key length", pos, 4, len);
  key_len = load32 (p + pos, swap);
  if (G_UNLIKELY (key_len > GORB_WIRE_MAX_KEY_SIZE))
    return fail (error, GORB_WIRE_ERROR_MALFORMED,
                 "object key of %u bytes at offset %" G_GSIZE_FORMAT " exceeds the limit of %d",
                 key_len, pos, GORB_WIRE_MAX_KEY_SIZE);
  pos += 4;
  if (G_UNLIKELY (len - pos < key_len))
    return fail_truncated (error, "object key", pos, key_len, len);
  h->object_key = p + pos;
  h->object_key_len = key_len;
  pos += key_len;

  pos = (pos + 3) & ~(gsize) 3; /* the padding is skipped unchecked, as CORBA asks */
  if (G_UNLIKELY (pos > len || len - pos < 4))
    return fail_truncated (error, "operation length", pos, 4, len);
  op_len = load32 (p + pos, swap);
  if (G_UNLIKELY (op_len == 0))
    return fail (error, GORB_WIRE_ERROR_MALFORMED,
                 "operation length 0 at offset %" G_GSIZE_FORMAT " leaves no room for the NUL",
                 pos);
  if (G_UNLIKELY (op_len - 1 > GORB_WIRE_MAX_OPERATION_SIZE))
    return fail (error, GORB_WIRE_ERROR_MALFORMED,
                 "operation of %u characters at offset %" G_GSIZE_FORMAT " exceeds the limit of %d",
                 op_len - 1, pos, GORB_WIRE_MAX_OPERATION_SIZE);
  pos += 4;
  if (G_UNLIKELY (len - pos < op_len))
    return fail_truncated (error, "operation", pos, op_len, len);
  op = (const char *) p + pos;
  if (G_UNLIKELY (op[op_len - 1] != '\0'))
    return fail (error, GORB_WIRE_ERROR_MALFORMED,
                 "operation at offset %" G_GSIZE_FORMAT " does not end with a NUL", pos);
  nul = memchr (op, '\0', op_len - 1);
  if (G_UNLIKELY (nul != NULL))
    return fail (error, GORB_WIRE_ERROR_MALFORMED,
                 "operation at offset %" G_GSIZE_FORMAT " has a NUL at offset %" G_GSIZE_FORMAT,
                 pos, pos + (gsize) (nul - op));
  if (G_UNLIKELY (h->type == GORB_MESSAGE_LOCATE_REQUEST && op_len != 1))
    return fail (error, GORB_WIRE_ERROR_MALFORMED,
                 "locate request with an operation of %u characters at offset %" G_GSIZE_FORMAT
                 ": it must be empty",
                 op_len - 1, pos);
  h->operation = op;
  *end = pos + op_len;
  return TRUE;
}

/**
 * gorb_wire_error_quark:
 *
 * Returns: the #GQuark of the %GORB_WIRE_ERROR domain
 */

/**
 * gorb_wire_write_header:
 * @writer: a writer initialized with @header's byte order, at a position
 *   that is a multiple of 8 from its origin (usually empty)
 * @header: the header to write
 *
 * Appends @header in the layout gorb-wire.h fixes. The version written is
 * always the one this library speaks (%GORB_WIRE_VERSION_MAJOR.
 * %GORB_WIRE_VERSION_MINOR): @header's version fields are ignored. For a
 * %GORB_MESSAGE_LOCATE_REQUEST the operation written is "" (@header's may
 * be %NULL or ""); the status of a REQUEST and the key and operation of a
 * REPLY are ignored.
 *
 * A header that breaks the protocol (unknown type or encoding, a key longer
 * than %GORB_WIRE_MAX_KEY_SIZE, an operation longer than
 * %GORB_WIRE_MAX_OPERATION_SIZE, an unknown status) is a programming error:
 * nothing is written and a critical is logged.
 */
void
gorb_wire_write_header (GorbCdrWriter *writer, const GorbMessageHeader *header)
{
  gsize op_len = 0;
  guint8 flags;

  g_return_if_fail (writer != NULL && header != NULL);
  g_return_if_fail (writer->order == header->byte_order);
  g_return_if_fail (((writer->len - writer->origin) & 7) == 0);
  g_return_if_fail (type_is_known (header->type));
  g_return_if_fail (header->encoding == GORB_ENCODING_CDR || header->encoding == GORB_ENCODING_XML);
  if (type_has_key (header->type))
    {
      g_return_if_fail (header->object_key != NULL || header->object_key_len == 0);
      g_return_if_fail (header->object_key_len <= GORB_WIRE_MAX_KEY_SIZE);
    }
  if (header->type == GORB_MESSAGE_REQUEST)
    {
      g_return_if_fail (header->operation != NULL);
      op_len = strlen (header->operation);
      g_return_if_fail (op_len <= GORB_WIRE_MAX_OPERATION_SIZE);
    }
  if (header->type == GORB_MESSAGE_LOCATE_REQUEST)
    g_return_if_fail (header->operation == NULL || header->operation[0] == '\0');
  if (header->type == GORB_MESSAGE_REPLY || header->type == GORB_MESSAGE_LOCATE_REPLY)
    g_return_if_fail (header->status <= max_status (header->type));

  flags = (header->byte_order == GORB_BYTE_ORDER_LITTLE ? GORB_WIRE_FLAG_LITTLE_ENDIAN : 0)
          | (header->encoding == GORB_ENCODING_XML ? GORB_WIRE_FLAG_XML : 0)
          | (header->response_expected ? GORB_WIRE_FLAG_RESPONSE_EXPECTED : 0);
  gorb_cdr_write_raw (writer, wire_magic, sizeof wire_magic);
  gorb_cdr_write_octet (writer, GORB_WIRE_VERSION_MAJOR);
  gorb_cdr_write_octet (writer, GORB_WIRE_VERSION_MINOR);
  gorb_cdr_write_octet (writer, flags);
  gorb_cdr_write_octet (writer, (guint8) header->type);
  gorb_cdr_write_ulonglong (writer, header->request_id);
  gorb_cdr_write_raw (writer, header->client_id.bytes, sizeof header->client_id.bytes);
  gorb_cdr_write_ulong (writer, header->client_epoch);
  gorb_cdr_write_ulong (writer, header->timeout_ms);
  switch (header->type)
    {
    case GORB_MESSAGE_REQUEST:
    case GORB_MESSAGE_LOCATE_REQUEST:
      gorb_cdr_write_octets (writer, header->object_key, header->object_key_len);
      gorb_cdr_write_string_len (writer, op_len > 0 ? header->operation : "", op_len);
      break;
    case GORB_MESSAGE_REPLY:
    case GORB_MESSAGE_LOCATE_REPLY:
      gorb_cdr_write_ulong (writer, header->status);
      break;
    case GORB_MESSAGE_ACK:
    case GORB_MESSAGE_CANCEL:
      break;
    }
}

/**
 * gorb_wire_encode_header:
 * @header: the header to encode
 *
 * Encodes @header on its own, in its byte order, as the header frame of a
 * message (see gorb_wire_write_header() for what @header must satisfy).
 *
 * Returns: (transfer full): the header frame's bytes, or %NULL if @header
 *   breaks the protocol (a programming error, reported by a critical)
 */
GBytes *
gorb_wire_encode_header (const GorbMessageHeader *header)
{
  GorbCdrWriter writer;
  gsize len;

  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (header->byte_order == GORB_BYTE_ORDER_BIG
                            || header->byte_order == GORB_BYTE_ORDER_LITTLE,
                        NULL);

  gorb_cdr_writer_init (&writer, header->byte_order);
  gorb_wire_write_header (&writer, header);
  len = writer.len;
  if (len == 0) /* refused by a g_return_if_fail */
    return NULL;
  return gorb_cdr_writer_steal_bytes (&writer);
}

/**
 * gorb_wire_read_header:
 * @data: (array length=len): the header frame
 * @len: its size
 * @header: (out caller-allocates): the decoded header; set only on success
 * @error: return location for a #GError
 *
 * Decodes the header frame of a message. The frame must hold exactly one
 * header: the fixed part, then the part its type calls for, nothing after.
 * Any minor version of major version %GORB_WIRE_VERSION_MAJOR is accepted.
 * @header->object_key and @header->operation point into @data, which must
 * outlive them; nothing is allocated unless decoding fails.
 *
 * Errors, all in %GORB_WIRE_ERROR, with the offset of the fault in the
 * message: %GORB_WIRE_ERROR_BAD_MAGIC if the frame does not begin with
 * "GORB"; %GORB_WIRE_ERROR_BAD_VERSION if the major version is not 1;
 * %GORB_WIRE_ERROR_BAD_TYPE for an unknown message type or flag bit;
 * %GORB_WIRE_ERROR_MALFORMED if a field is truncated, the object key is
 * longer than %GORB_WIRE_MAX_KEY_SIZE, the operation breaks the CDR string
 * rules (length 0, no final NUL, a NUL inside) or is longer than
 * %GORB_WIRE_MAX_OPERATION_SIZE, a LOCATE_REQUEST names an operation, a
 * status is unknown, or bytes follow the header.
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_wire_read_header (gconstpointer data, gsize len, GorbMessageHeader *header, GError **error)
{
  const guint8 *p = data;
  GorbMessageHeader h;
  gboolean swap;
  gsize end = GORB_WIRE_FIXED_HEADER_SIZE;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (G_UNLIKELY (!check_fixed_part (p, len, error)))
    return FALSE;

  h.byte_order = order_of (p);
  swap = h.byte_order != GORB_BYTE_ORDER_NATIVE;
  h.encoding = (p[OFFSET_FLAGS] & GORB_WIRE_FLAG_XML) != 0 ? GORB_ENCODING_XML : GORB_ENCODING_CDR;
  h.response_expected = (p[OFFSET_FLAGS] & GORB_WIRE_FLAG_RESPONSE_EXPECTED) != 0;
  h.type = (GorbMessageType) p[OFFSET_TYPE];
  h.version_major = p[OFFSET_VERSION];
  h.version_minor = p[OFFSET_VERSION + 1];
  h.request_id = load64 (p + OFFSET_REQUEST_ID, swap);
  memcpy (h.client_id.bytes, p + OFFSET_CLIENT_ID, sizeof h.client_id.bytes);
  h.client_epoch = load32 (p + OFFSET_CLIENT_EPOCH, swap);
  h.timeout_ms = load32 (p + OFFSET_TIMEOUT, swap);
  h.object_key = NULL;
  h.object_key_len = 0;
  h.operation = NULL;
  h.status = 0;

  switch (h.type)
    {
    case GORB_MESSAGE_REQUEST:
    case GORB_MESSAGE_LOCATE_REQUEST:
      if (G_UNLIKELY (!read_key_and_operation (p, len, swap, &h, &end, error)))
        return FALSE;
      break;
    case GORB_MESSAGE_REPLY:
    case GORB_MESSAGE_LOCATE_REPLY:
      if (G_UNLIKELY (len - GORB_WIRE_FIXED_HEADER_SIZE < 4))
        return fail_truncated (error, "status", GORB_WIRE_FIXED_HEADER_SIZE, 4, len);
      h.status = load32 (p + GORB_WIRE_FIXED_HEADER_SIZE, swap);
      if (G_UNLIKELY (h.status > max_status (h.type)))
        return fail (error, GORB_WIRE_ERROR_MALFORMED, "unknown %s status %u at offset %d",
                     h.type == GORB_MESSAGE_REPLY ? "reply" : "locate", h.status,
                     GORB_WIRE_FIXED_HEADER_SIZE);
      end = GORB_WIRE_FIXED_HEADER_SIZE + 4;
      break;
    case GORB_MESSAGE_ACK:
    case GORB_MESSAGE_CANCEL:
    default:
      end = GORB_WIRE_FIXED_HEADER_SIZE;
      break;
    }
  if (G_UNLIKELY (end != len))
    return fail (error, GORB_WIRE_ERROR_MALFORMED,
                 "%" G_GSIZE_FORMAT " trailing bytes after the header at offset %" G_GSIZE_FORMAT,
                 len - end, end);
  *header = h;
  return TRUE;
}

/**
 * gorb_wire_peek_request_id:
 * @data: (array length=len): a header frame
 * @len: its size
 * @request_id: (out) (optional): the request id
 * @type: (out) (optional): the message type
 *
 * Reads the request id and the message type of a header frame whose fixed
 * part is intact, whatever follows it: a server that cannot decode a
 * request (broken tail, unknown flag) uses it to answer with a system
 * exception instead of leaving the client to time out. Never allocates.
 *
 * Returns: %TRUE if the frame begins with the magic, speaks major version
 *   %GORB_WIRE_VERSION_MAJOR, has a known message type and holds at least
 *   %GORB_WIRE_FIXED_HEADER_SIZE bytes; %FALSE (outputs untouched) if not
 */
gboolean
gorb_wire_peek_request_id (gconstpointer data, gsize len, guint64 *request_id,
                           GorbMessageType *type)
{
  const guint8 *p = data;
  gboolean swap;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len < GORB_WIRE_FIXED_HEADER_SIZE || memcmp (p, wire_magic, 4) != 0
      || p[OFFSET_VERSION] != GORB_WIRE_VERSION_MAJOR || !type_is_known (p[OFFSET_TYPE]))
    return FALSE;
  swap = order_of (p) != GORB_BYTE_ORDER_NATIVE;
  if (request_id != NULL)
    *request_id = load64 (p + OFFSET_REQUEST_ID, swap);
  if (type != NULL)
    *type = (GorbMessageType) p[OFFSET_TYPE];
  return TRUE;
}

/**
 * gorb_message_type_to_string:
 * @type: a message type
 *
 * Returns: (transfer none): the type's name for logs and tools
 *   ("request", "locate-reply", …), or "unknown"
 */
const char *
gorb_message_type_to_string (GorbMessageType type)
{
  return type_is_known ((guint) type) ? message_type_names[type] : "unknown";
}
