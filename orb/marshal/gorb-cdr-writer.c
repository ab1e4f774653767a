/* gorb-cdr-writer.c - the CDR writer: a growing buffer and the primitive writes
 *
 * The writer never fails: it writes what it is given (a broken contract is a
 * g_return_if_fail) and grows geometrically. Padding bytes are zero, so the
 * same value always gives the same bytes.
 */
#include "gorb-cdr-private.h"

#define MIN_CAPACITY 256

/* Out of line: the first write and every doubling. */
void
gorb_cdr_writer_grow (GorbCdrWriter *writer, gsize needed)
{
  gsize capacity = writer->capacity > 0 ? writer->capacity : MIN_CAPACITY;

  if (G_UNLIKELY (needed > G_MAXSIZE / 2 - writer->len))
    g_error ("gorb: CDR buffer of %" G_GSIZE_FORMAT " bytes cannot grow by %" G_GSIZE_FORMAT,
             writer->len, needed);
  while (capacity - writer->len < needed)
    capacity *= 2;
  writer->data = g_realloc (writer->data, capacity);
  writer->capacity = capacity;
}

/**
 * gorb_cdr_writer_init:
 * @writer: (out caller-allocates): the writer to initialize
 * @order: the byte order to write in
 *
 * Initializes an empty writer whose alignment origin is its first byte (a
 * GIOP body, or a whole value as gorb_cdr_encode() writes it). Nothing is
 * allocated until the first write. Free with gorb_cdr_writer_clear().
 */
void
gorb_cdr_writer_init (GorbCdrWriter *writer, GorbByteOrder order)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (order == GORB_BYTE_ORDER_BIG || order == GORB_BYTE_ORDER_LITTLE);

  writer->data = NULL;
  writer->len = 0;
  writer->capacity = 0;
  writer->origin = 0;
  writer->order = order;
  writer->swap = order != GORB_BYTE_ORDER_NATIVE;
}

/**
 * gorb_cdr_writer_init_encapsulation:
 * @writer: (out caller-allocates): the writer to initialize
 * @order: the byte order to write in
 *
 * Initializes a writer for the contents of an encapsulation: it starts with
 * the byte-order octet, and alignment is relative to that octet. Embed the
 * result in another stream with gorb_cdr_write_encapsulation().
 */
void
gorb_cdr_writer_init_encapsulation (GorbCdrWriter *writer, GorbByteOrder order)
{
  gorb_cdr_writer_init (writer, order);
  gorb_cdr_writer_put8 (writer, (guint8) order);
}

/**
 * gorb_cdr_writer_clear:
 * @writer: a writer
 *
 * Frees the writer's buffer and leaves it empty (it can be written to
 * again, with the same byte order and origin 0).
 */
void
gorb_cdr_writer_clear (GorbCdrWriter *writer)
{
  g_return_if_fail (writer != NULL);

  g_clear_pointer (&writer->data, g_free);
  writer->len = 0;
  writer->capacity = 0;
  writer->origin = 0;
}

/**
 * gorb_cdr_writer_reset:
 * @writer: a writer
 *
 * Empties the writer but keeps its buffer for the next message; the origin
 * goes back to 0 (an encapsulation writer must write its byte-order octet
 * again, so re-initialize those instead).
 */
void
gorb_cdr_writer_reset (GorbCdrWriter *writer)
{
  g_return_if_fail (writer != NULL);

  writer->len = 0;
  writer->origin = 0;
}

/**
 * gorb_cdr_writer_steal_data:
 * @writer: a writer
 * @len: (out) (optional): the number of bytes written
 *
 * Takes the bytes written so far; the writer is left empty, as after
 * gorb_cdr_writer_clear().
 *
 * Returns: (transfer full) (nullable): the bytes (free with g_free()), or
 *   %NULL if nothing was ever written.
 */
guint8 *
gorb_cdr_writer_steal_data (GorbCdrWriter *writer, gsize *len)
{
  guint8 *data;

  g_return_val_if_fail (writer != NULL, NULL);

  data = g_steal_pointer (&writer->data);
  if (len != NULL)
    *len = writer->len;
  writer->len = 0;
  writer->capacity = 0;
  writer->origin = 0;
  return data;
}

/**
 * gorb_cdr_writer_steal_bytes:
 * @writer: a writer
 *
 * Like gorb_cdr_writer_steal_data(), as a #GBytes (without a copy).
 *
 * Returns: (transfer full): the bytes written so far.
 */
GBytes *
gorb_cdr_writer_steal_bytes (GorbCdrWriter *writer)
{
  gsize len = 0;
  guint8 *data;

  g_return_val_if_fail (writer != NULL, NULL);

  data = gorb_cdr_writer_steal_data (writer, &len);
  return g_bytes_new_take (data, len);
}

/**
 * gorb_cdr_writer_align:
 * @writer: a writer
 * @alignment: 1, 2, 4 or 8
 *
 * Writes zero padding up to the next multiple of @alignment from the origin.
 */
void
gorb_cdr_writer_align (GorbCdrWriter *writer, gsize alignment)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (alignment == 1 || alignment == 2 || alignment == 4 || alignment == 8);

  gorb_cdr_writer_put (writer, alignment, 0);
}

/**
 * gorb_cdr_write_raw:
 * @writer: a writer
 * @data: (array length=len): bytes
 * @len: their number
 *
 * Appends @data as is, without alignment.
 */
void
gorb_cdr_write_raw (GorbCdrWriter *writer, gconstpointer data, gsize len)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (data != NULL || len == 0);

  if (len > 0)
    memcpy (gorb_cdr_writer_put (writer, 1, len), data, len);
}

/**
 * gorb_cdr_write_boolean:
 *
 * Writes one octet, 1 if @value is true (any non-zero value) and 0 if not.
 */
void
gorb_cdr_write_boolean (GorbCdrWriter *writer, gboolean value)
{
  gorb_cdr_writer_put8 (writer, value ? 1 : 0);
}

void
gorb_cdr_write_octet (GorbCdrWriter *writer, guint8 value)
{
  gorb_cdr_writer_put8 (writer, value);
}

void
gorb_cdr_write_char (GorbCdrWriter *writer, gchar value)
{
  gorb_cdr_writer_put8 (writer, (guint8) value);
}

void
gorb_cdr_write_short (GorbCdrWriter *writer, gint16 value)
{
  gorb_cdr_writer_put16 (writer, (guint16) value);
}

void
gorb_cdr_write_ushort (GorbCdrWriter *writer, guint16 value)
{
  gorb_cdr_writer_put16 (writer, value);
}

void
gorb_cdr_write_long (GorbCdrWriter *writer, gint32 value)
{
  gorb_cdr_writer_put32 (writer, (guint32) value);
}

void
gorb_cdr_write_ulong (GorbCdrWriter *writer, guint32 value)
{
  gorb_cdr_writer_put32 (writer, value);
}

void
gorb_cdr_write_longlong (GorbCdrWriter *writer, gint64 value)
{
  gorb_cdr_writer_put64 (writer, (guint64) value);
}

void
gorb_cdr_write_ulonglong (GorbCdrWriter *writer, guint64 value)
{
  gorb_cdr_writer_put64 (writer, value);
}

/**
 * gorb_cdr_write_float:
 *
 * Writes the IEEE 754 single-precision bits of @value.
 */
void
gorb_cdr_write_float (GorbCdrWriter *writer, gfloat value)
{
  guint32 bits;

  memcpy (&bits, &value, 4);
  gorb_cdr_writer_put32 (writer, bits);
}

void
gorb_cdr_write_double (GorbCdrWriter *writer, gdouble value)
{
  guint64 bits;

  memcpy (&bits, &value, 8);
  gorb_cdr_writer_put64 (writer, bits);
}

/**
 * gorb_cdr_write_string:
 * @writer: a writer
 * @value: (not nullable): a NUL-terminated string
 *
 * Writes a CDR string: a ulong length that counts the NUL, the bytes, the
 * NUL ("Smith" is `00 00 00 06 'S' 'm' 'i' 't' 'h' 00` in big endian).
 */
void
gorb_cdr_write_string (GorbCdrWriter *writer, const char *value)
{
  g_return_if_fail (value != NULL);

  gorb_cdr_write_string_len (writer, value, strlen (value));
}

/**
 * gorb_cdr_write_string_len:
 * @writer: a writer
 * @value: (array length=len): the string's bytes, without a NUL among them
 * @len: their number (less than %G_MAXUINT32)
 *
 * Writes the first @len bytes of @value as a CDR string (the NUL is added).
 */
void
gorb_cdr_write_string_len (GorbCdrWriter *writer, const char *value, gsize len)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (value != NULL || len == 0);
  g_return_if_fail (len < G_MAXUINT32);

  gorb_cdr_writer_put_string (writer, value != NULL ? value : "", len);
}

/**
 * gorb_cdr_write_octets:
 * @writer: a writer
 * @data: (array length=len) (nullable): the octets
 * @len: their number
 *
 * Writes a sequence<octet>: the count, then the bytes in one copy.
 */
void
gorb_cdr_write_octets (GorbCdrWriter *writer, gconstpointer data, guint32 len)
{
  guint32 n = len;
  guint8 *p;

  g_return_if_fail (writer != NULL);
  g_return_if_fail (data != NULL || len == 0);

  if (writer->swap)
    n = GUINT32_SWAP_LE_BE (n);
  p = gorb_cdr_writer_put (writer, 4, 4 + (gsize) len);
  memcpy (p, &n, 4);
  if (len > 0)
    memcpy (p + 4, data, len);
}

/**
 * gorb_cdr_write_encapsulation:
 * @writer: a writer
 * @inner: a writer set up with gorb_cdr_writer_init_encapsulation()
 *
 * Writes @inner's bytes (which begin with their byte-order octet) as a
 * sequence<octet>.
 */
void
gorb_cdr_write_encapsulation (GorbCdrWriter *writer, const GorbCdrWriter *inner)
{
  g_return_if_fail (inner != NULL && inner != writer);
  g_return_if_fail (inner->len <= G_MAXUINT32);

  gorb_cdr_write_octets (writer, inner->data, (guint32) inner->len);
}

/* Copies @n elements of @size bytes (1, 2, 4 or 8) from @src to @dst,
 * reversing the bytes of each when @swap: the one loop behind every sequence
 * and array of primitives, written and read. Simple enough for the compiler
 * to vectorize. */
void
gorb_cdr_copy_elements (gpointer dst, gconstpointer src, gsize n, gsize size, gboolean swap)
{
  guint8 *d = dst;
  const guint8 *s = src;

  if (!swap || size == 1)
    {
      memcpy (d, s, n * size);
      return;
    }
  switch (size)
    {
    case 2:
      for (gsize i = 0; i < n; i++)
        {
          guint16 v;
          memcpy (&v, s + i * 2, 2);
          v = GUINT16_SWAP_LE_BE (v);
          memcpy (d + i * 2, &v, 2);
        }
      break;
    case 4:
      for (gsize i = 0; i < n; i++)
        {
          guint32 v;
          memcpy (&v, s + i * 4, 4);
          v = GUINT32_SWAP_LE_BE (v);
          memcpy (d + i * 4, &v, 4);
        }
      break;
    case 8:
      for (gsize i = 0; i < n; i++)
        {
          guint64 v;
          memcpy (&v, s + i * 8, 8);
          v = GUINT64_SWAP_LE_BE (v);
          memcpy (d + i * 8, &v, 8);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

void
gorb_cdr_writer_put_array (GorbCdrWriter *writer, gconstpointer src, gsize n, gsize size)
{
  gorb_cdr_copy_elements (gorb_cdr_writer_put (writer, size, n * size), src, n, size, writer->swap);
}
