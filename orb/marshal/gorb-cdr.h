/* gorb-cdr.h - CORBA CDR (GIOP 1.2 rules): a writer, a reader, and values
 * encoded and decoded through their type descriptors.
 *
 * Rules: every primitive is aligned to its size relative to the start of the
 * stream (or of the enclosing encapsulation); the writer writes in the byte
 * order it was given and the reader swaps if the sender's order differs;
 * strings are a ulong length that counts the NUL, the bytes, and the NUL;
 * sequences are a ulong count and the elements; an encapsulation is a
 * sequence<octet> whose first octet is the byte order of what follows, with
 * alignment restarting at its first octet.
 *
 * The writer and reader are plain structs (stack-allocated, no GObject) with
 * the primitives inline: the codec's hot path is these functions.
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include "gorb-type.h"
#include "gorb-marshal-error.h"

G_BEGIN_DECLS

/* The values are those of the GIOP byte-order flag. */
typedef enum
{
  GORB_BYTE_ORDER_BIG = 0,
  GORB_BYTE_ORDER_LITTLE = 1,
} GorbByteOrder;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
#define GORB_BYTE_ORDER_NATIVE GORB_BYTE_ORDER_LITTLE
#else
#define GORB_BYTE_ORDER_NATIVE GORB_BYTE_ORDER_BIG
#endif

typedef struct
{
  guint8 *data; /* owned */
  gsize len;
  gsize capacity;
  gsize origin; /* alignment is relative to data + origin (encapsulations) */
  GorbByteOrder order;
  gboolean swap; /* order != native */
} GorbCdrWriter;

typedef struct
{
  const guint8 *data; /* borrowed: the caller keeps it alive */
  gsize len;
  gsize pos;
  gsize origin;      /* alignment is relative to data + origin */
  gsize base_offset; /* added to pos in error messages (nested readers) */
  GorbByteOrder order;
  gboolean swap;
  guint depth; /* nesting of encapsulations and values, for the depth limit */
} GorbCdrReader;

/* Writer */
void gorb_cdr_writer_init (GorbCdrWriter *writer, GorbByteOrder order);
void gorb_cdr_writer_init_encapsulation (GorbCdrWriter *writer, GorbByteOrder order);
void gorb_cdr_writer_clear (GorbCdrWriter *writer);
void gorb_cdr_writer_reset (GorbCdrWriter *writer);
guint8 *gorb_cdr_writer_steal_data (GorbCdrWriter *writer, gsize *len);
GBytes *gorb_cdr_writer_steal_bytes (GorbCdrWriter *writer);

void gorb_cdr_writer_align (GorbCdrWriter *writer, gsize alignment);
void gorb_cdr_write_raw (GorbCdrWriter *writer, gconstpointer data, gsize len);
void gorb_cdr_write_boolean (GorbCdrWriter *writer, gboolean value);
void gorb_cdr_write_octet (GorbCdrWriter *writer, guint8 value);
void gorb_cdr_write_char (GorbCdrWriter *writer, gchar value);
void gorb_cdr_write_short (GorbCdrWriter *writer, gint16 value);
void gorb_cdr_write_ushort (GorbCdrWriter *writer, guint16 value);
void gorb_cdr_write_long (GorbCdrWriter *writer, gint32 value);
void gorb_cdr_write_ulong (GorbCdrWriter *writer, guint32 value);
void gorb_cdr_write_longlong (GorbCdrWriter *writer, gint64 value);
void gorb_cdr_write_ulonglong (GorbCdrWriter *writer, guint64 value);
void gorb_cdr_write_float (GorbCdrWriter *writer, gfloat value);
void gorb_cdr_write_double (GorbCdrWriter *writer, gdouble value);
void gorb_cdr_write_string (GorbCdrWriter *writer, const char *value);
void gorb_cdr_write_string_len (GorbCdrWriter *writer, const char *value, gsize len);
void gorb_cdr_write_octets (GorbCdrWriter *writer, gconstpointer data, guint32 len);
void gorb_cdr_write_encapsulation (GorbCdrWriter *writer, const GorbCdrWriter *inner);

gboolean gorb_cdr_write_value (GorbCdrWriter *writer, const GorbTypeDesc *type, gconstpointer value,
                               GError **error);

/* Reader: every read fails with a GORB_MARSHAL_ERROR naming the offset. */
void gorb_cdr_reader_init (GorbCdrReader *reader, gconstpointer data, gsize len,
                           GorbByteOrder order);
gboolean gorb_cdr_reader_init_encapsulation (GorbCdrReader *reader, gconstpointer data, gsize len,
                                             GError **error);
gsize gorb_cdr_reader_get_remaining (const GorbCdrReader *reader);

gboolean gorb_cdr_reader_align (GorbCdrReader *reader, gsize alignment, GError **error);
gboolean gorb_cdr_read_raw (GorbCdrReader *reader, gsize len, const guint8 **data, GError **error);
gboolean gorb_cdr_read_boolean (GorbCdrReader *reader, gboolean *value, GError **error);
gboolean gorb_cdr_read_octet (GorbCdrReader *reader, guint8 *value, GError **error);
gboolean gorb_cdr_read_char (GorbCdrReader *reader, gchar *value, GError **error);
gboolean gorb_cdr_read_short (GorbCdrReader *reader, gint16 *value, GError **error);
gboolean gorb_cdr_read_ushort (GorbCdrReader *reader, guint16 *value, GError **error);
gboolean gorb_cdr_read_long (GorbCdrReader *reader, gint32 *value, GError **error);
gboolean gorb_cdr_read_ulong (GorbCdrReader *reader, guint32 *value, GError **error);
gboolean gorb_cdr_read_longlong (GorbCdrReader *reader, gint64 *value, GError **error);
gboolean gorb_cdr_read_ulonglong (GorbCdrReader *reader, guint64 *value, GError **error);
gboolean gorb_cdr_read_float (GorbCdrReader *reader, gfloat *value, GError **error);
gboolean gorb_cdr_read_double (GorbCdrReader *reader, gdouble *value, GError **error);
gboolean gorb_cdr_read_string (GorbCdrReader *reader, guint32 bound, char **value, GError **error);
gboolean gorb_cdr_read_encapsulation (GorbCdrReader *reader, GorbCdrReader *inner, GError **error);

gboolean gorb_cdr_read_value (GorbCdrReader *reader, const GorbTypeDesc *type, gpointer value,
                              GError **error);

/* Whole values */
GBytes *gorb_cdr_encode (const GorbTypeDesc *type, gconstpointer value, GorbByteOrder order,
                         GError **error);
gboolean gorb_cdr_decode (const GorbTypeDesc *type, gconstpointer data, gsize len,
                          GorbByteOrder order, gpointer value, GError **error);

G_END_DECLS
