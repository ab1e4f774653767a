/* gorb-wire.h - the message header of the gorb protocol, and its framing
 *
 * A message is one ZeroMQ multipart message of two frames: the header frame
 * (a GorbMessageHeader in CDR, in the byte order its flags name) and the body
 * frame (the arguments, results or exception, in the encoding the flags name;
 * may be empty). docs/protocol.md describes the bytes.
 *
 * Header layout (offsets from the start of the header frame; CDR alignment
 * relative to that start):
 *
 *   0  octet[4]  magic 'G' 'O' 'R' 'B'
 *   4  octet     major version (1)
 *   5  octet     minor version (0)
 *   6  octet     flags: 0x01 little endian, 0x02 XML body (else CDR),
 *                0x04 response expected; other bits must be 0
 *   7  octet     message type (GorbMessageType)
 *   8  ulonglong request id
 *  16  octet[16] client id (the sending ORB's 128-bit id)
 *  32  ulong     client epoch (the sending ORB's incarnation)
 *  36  ulong     timeout: milliseconds left until the deadline when sent
 *                (0: none); the receiver adds it to its own clock
 *  40  ...       per type:
 *      REQUEST, LOCATE_REQUEST: sequence<octet> object key; string operation
 *                (LOCATE_REQUEST: "")
 *      REPLY, LOCATE_REPLY: ulong status (GorbReplyStatus / GorbLocateStatus)
 *      ACK, CANCEL: nothing (the request id says which request)
 *
 * Decoding never trusts the frame: a bad magic, a version other than 1.x, an
 * unknown type or flag, or a truncated header is a GORB_WIRE_ERROR.
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include "marshal/gorb-cdr.h"

G_BEGIN_DECLS

#define GORB_WIRE_VERSION_MAJOR 1
#define GORB_WIRE_VERSION_MINOR 0
#define GORB_WIRE_FIXED_HEADER_SIZE 40 /* up to the per-type part */
#define GORB_WIRE_MAX_KEY_SIZE 256
#define GORB_WIRE_MAX_OPERATION_SIZE 1024

typedef enum
{
  GORB_MESSAGE_REQUEST = 0,
  GORB_MESSAGE_REPLY = 1,
  GORB_MESSAGE_ACK = 2,    /* the client has the reply: prune it from the reply cache */
  GORB_MESSAGE_CANCEL = 3, /* the client no longer wants the reply */
  GORB_MESSAGE_LOCATE_REQUEST = 4,
  GORB_MESSAGE_LOCATE_REPLY = 5,
} GorbMessageType;

typedef enum
{
  GORB_ENCODING_CDR = 0,
  GORB_ENCODING_XML = 1,
} GorbEncoding;

typedef enum
{
  GORB_REPLY_OK = 0,
  GORB_REPLY_USER_EXCEPTION = 1,   /* body: repository id, message, members (gorb-body.h) */
  GORB_REPLY_SYSTEM_EXCEPTION = 2, /* body: repository id, minor, completion, message (ditto) */
  GORB_REPLY_LOCATION_FORWARD = 3, /* body: the object reference to retry at */
} GorbReplyStatus;

typedef enum
{
  GORB_LOCATE_UNKNOWN_OBJECT = 0,
  GORB_LOCATE_OBJECT_HERE = 1,
  GORB_LOCATE_OBJECT_FORWARD = 2, /* body: the object reference */
} GorbLocateStatus;

#define GORB_WIRE_FLAG_LITTLE_ENDIAN 0x01
#define GORB_WIRE_FLAG_XML 0x02
#define GORB_WIRE_FLAG_RESPONSE_EXPECTED 0x04
#define GORB_WIRE_FLAGS_KNOWN 0x07

typedef struct
{
  guint8 bytes[16];
} GorbClientId;

/**
 * GorbMessageHeader:
 *
 * A decoded header borrows @object_key and @operation from the frame it was
 * decoded from: they live as long as that frame.
 */
typedef struct
{
  GorbMessageType type;
  GorbByteOrder byte_order;
  GorbEncoding encoding;
  gboolean response_expected;
  guint8 version_major;
  guint8 version_minor;
  guint64 request_id;
  GorbClientId client_id;
  guint32 client_epoch;
  guint32 timeout_ms;
  const guint8 *object_key; /* REQUEST, LOCATE_REQUEST */
  guint32 object_key_len;
  const char *operation; /* REQUEST; "" for LOCATE_REQUEST */
  guint32 status;        /* REPLY, LOCATE_REPLY */
} GorbMessageHeader;

#define GORB_WIRE_ERROR (gorb_wire_error_quark ())

typedef enum
{
  GORB_WIRE_ERROR_FAILED,      /* keep first */
  GORB_WIRE_ERROR_BAD_MAGIC,   /* not a gorb message */
  GORB_WIRE_ERROR_BAD_VERSION, /* a major version this side does not speak */
  GORB_WIRE_ERROR_BAD_TYPE,    /* unknown message type or flags */
  GORB_WIRE_ERROR_MALFORMED,   /* truncated or inconsistent header; append new codes below */
} GorbWireError;

GQuark gorb_wire_error_quark (void);

void gorb_wire_write_header (GorbCdrWriter *writer, const GorbMessageHeader *header);
GBytes *gorb_wire_encode_header (const GorbMessageHeader *header);
gboolean gorb_wire_read_header (gconstpointer data, gsize len, GorbMessageHeader *header,
                                GError **error);
gboolean gorb_wire_peek_request_id (gconstpointer data, gsize len, guint64 *request_id,
                                    GorbMessageType *type);

const char *gorb_message_type_to_string (GorbMessageType type);

G_END_DECLS
