/* gorb-cdr-reader.c - the CDR reader: bounds-checked primitive reads
 *
 * The input is hostile: every read checks that its bytes are there before it
 * touches them, every length is checked against what is left before
 * anything is allocated, and every failure is a GORB_MARSHAL_ERROR whose
 * message names the byte offset (reader->base_offset + pos) and, when the
 * value codec is reading, the member path. Padding bytes are skipped
 * without being checked, as CORBA asks of receivers.
 */
#include "gorb-cdr-private.h"

#include <stdarg.h>

/* Cold: formats "<message> at offset N[ in '<path>']". */
gboolean
gorb_cdr_reader_fail (const GorbCdrReader *reader, gsize pos, const GorbMarshalPath *path,
                      GError **error, GorbMarshalError code, const char *format, ...)
{
  g_autofree char *message = NULL;
  g_autofree char *location = NULL;
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  location = g_strdup_printf ("offset %" G_GSIZE_FORMAT, reader->base_offset + pos);
  return gorb_marshal_fail (error, path, code, location, "%s", message);
}

gboolean
gorb_cdr_reader_fail_truncated (const GorbCdrReader *reader, gsize pos, gsize n,
                                const GorbMarshalPath *path, GError **error)
{
  gsize left = pos < reader->len ? reader->len - pos : 0;

  return gorb_cdr_reader_fail (
      reader, pos, path, error, GORB_MARSHAL_ERROR_TRUNCATED,
      "input truncated: %" G_GSIZE_FORMAT " bytes needed, %" G_GSIZE_FORMAT " left", n, left);
}

gboolean
gorb_cdr_reader_get_boolean (GorbCdrReader *reader, gboolean *value, const GorbMarshalPath *path,
                             GError **error)
{
  guint8 v;

  if (G_UNLIKELY (!gorb_cdr_reader_get8 (reader, &v, path, error)))
    return FALSE;
  if (G_UNLIKELY (v > 1))
    return gorb_cdr_reader_fail (reader, reader->pos - 1, path, error, GORB_MARSHAL_ERROR_BAD_VALUE,
                                 "boolean octet %u is neither 0 nor 1", v);
  *value = v;
  return TRUE;
}

gboolean
gorb_cdr_reader_get_string (GorbCdrReader *reader, guint32 bound, gboolean nil_if_empty,
                            char **value, const GorbMarshalPath *path, GError **error)
{
  const guint8 *p;
  const guint8 *nul;
  guint32 n;
  gsize start;
  gsize left;
  char *s;

  if (G_UNLIKELY (!gorb_cdr_reader_get32 (reader, &n, path, error)))
    return FALSE;
  start = reader->pos - 4;
  left = reader->len - reader->pos;
  if (G_UNLIKELY (n == 0))
    return gorb_cdr_reader_fail (reader, start, path, error, GORB_MARSHAL_ERROR_BAD_STRING,
                                 "string length 0 leaves no room for the NUL");
  if (G_UNLIKELY (bound != 0 && n - 1 > bound))
    return gorb_cdr_reader_fail (reader, start, path, error, GORB_MARSHAL_ERROR_BAD_LENGTH,
                                 "string of %u characters exceeds its bound of %u", n - 1, bound);
  if (G_UNLIKELY (n > left))
    return gorb_cdr_reader_fail (reader, start, path, error, GORB_MARSHAL_ERROR_BAD_LENGTH,
                                 "string length %u exceeds the %" G_GSIZE_FORMAT " bytes left", n,
                                 left);
  p = reader->data + reader->pos;
  if (G_UNLIKELY (p[n - 1] != 0))
    return gorb_cdr_reader_fail (reader, start, path, error, GORB_MARSHAL_ERROR_BAD_STRING,
                                 "string of length %u does not end with a NUL", n);
  nul = memchr (p, 0, n - 1);
  if (G_UNLIKELY (nul != NULL))
    return gorb_cdr_reader_fail (reader, start, path, error, GORB_MARSHAL_ERROR_BAD_STRING,
                                 "string of length %u has a NUL at its byte %" G_GSIZE_FORMAT, n,
                                 (gsize) (nul - p));
  reader->pos += n;
  if (nil_if_empty && n == 1)
    {
      *value = NULL;
      return TRUE;
    }
  s = g_malloc (n);
  memcpy (s, p, n);
  *value = s;
  return TRUE;
}

gboolean
gorb_cdr_reader_get_array (GorbCdrReader *reader, gpointer dst, gsize n, gsize size,
                           const GorbMarshalPath *path, GError **error)
{
  const guint8 *p;

  if (G_UNLIKELY (n > G_MAXSIZE / size))
    return gorb_cdr_reader_fail_truncated (reader, reader->pos, G_MAXSIZE, path, error);
  p = gorb_cdr_reader_take (reader, size, n * size, path, error);
  if (G_UNLIKELY (p == NULL))
    return FALSE;
  gorb_cdr_copy_elements (dst, p, n, size, reader->swap);
  return TRUE;
}

/**
 * gorb_cdr_reader_init:
 * @reader: (out caller-allocates): the reader to initialize
 * @data: (array length=len): the bytes to read; borrowed, the caller keeps
 *   them alive and unchanged while the reader is in use
 * @len: their number
 * @order: the byte order the sender wrote in
 *
 * Initializes a reader at the start of @data, which is also the alignment
 * origin. Nothing is allocated; there is nothing to clear.
 */
void
gorb_cdr_reader_init (GorbCdrReader *reader, gconstpointer data, gsize len, GorbByteOrder order)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (data != NULL || len == 0);
  g_return_if_fail (order == GORB_BYTE_ORDER_BIG || order == GORB_BYTE_ORDER_LITTLE);

  reader->data = data;
  reader->len = len;
  reader->pos = 0;
  reader->origin = 0;
  reader->base_offset = 0;
  reader->order = order;
  reader->swap = order != GORB_BYTE_ORDER_NATIVE;
  reader->depth = 0;
}

/* Points @inner at the @len bytes at @pos in @outer's data, which begin
 * with their byte-order octet. */
static gboolean
enter_encapsulation (const GorbCdrReader *outer, gsize pos, gsize len, GorbCdrReader *inner,
                     GError **error)
{
  guint8 order;

  if (G_UNLIKELY (len == 0))
    return gorb_cdr_reader_fail (outer, pos, NULL, error, GORB_MARSHAL_ERROR_BAD_LENGTH,
                                 "encapsulation of length 0 has no byte-order octet");
  if (G_UNLIKELY (outer->depth >= GORB_MARSHAL_MAX_DEPTH))
    return gorb_cdr_reader_fail (outer, pos, NULL, error, GORB_MARSHAL_ERROR_TOO_DEEP,
                                 "encapsulations nested deeper than %d levels",
                                 GORB_MARSHAL_MAX_DEPTH);
  order = outer->data[pos];
  if (G_UNLIKELY (order > 1))
    return gorb_cdr_reader_fail (outer, pos, NULL, error, GORB_MARSHAL_ERROR_BAD_VALUE,
                                 "encapsulation byte-order octet %u is neither 0 nor 1", order);
  inner->data = outer->data + pos;
  inner->len = len;
  inner->pos = 1;
  inner->origin = 0;
  inner->base_offset = outer->base_offset + pos;
  inner->order = order;
  inner->swap = order != GORB_BYTE_ORDER_NATIVE;
  inner->depth = outer->depth + 1;
  return TRUE;
}

/**
 * gorb_cdr_reader_init_encapsulation:
 * @reader: (out caller-allocates): the reader to initialize
 * @data: (array length=len): the encapsulation's bytes, from its byte-order
 *   octet on; borrowed
 * @len: their number
 * @error: return location for a #GError
 *
 * Initializes a reader over a raw encapsulation: the byte order is its first
 * octet, and alignment is relative to that octet. The reader is left just
 * after it.
 *
 * Errors: %GORB_MARSHAL_ERROR_BAD_LENGTH if @len is 0,
 * %GORB_MARSHAL_ERROR_BAD_VALUE if the first octet is neither 0 nor 1.
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_cdr_reader_init_encapsulation (GorbCdrReader *reader, gconstpointer data, gsize len,
                                    GError **error)
{
  GorbCdrReader raw;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gorb_cdr_reader_init (&raw, data, len, GORB_BYTE_ORDER_NATIVE);
  *reader = raw;
  return enter_encapsulation (&raw, 0, len, reader, error);
}

/**
 * gorb_cdr_reader_get_remaining:
 *
 * Returns: the number of bytes not read yet.
 */
gsize
gorb_cdr_reader_get_remaining (const GorbCdrReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->len - reader->pos;
}

/**
 * gorb_cdr_reader_align:
 * @reader: a reader
 * @alignment: 1, 2, 4 or 8
 * @error: return location for a #GError
 *
 * Skips the padding up to the next multiple of @alignment from the origin.
 *
 * Errors: %GORB_MARSHAL_ERROR_TRUNCATED if the input ends first.
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_cdr_reader_align (GorbCdrReader *reader, gsize alignment, GError **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (alignment == 1 || alignment == 2 || alignment == 4 || alignment == 8,
                        FALSE);

  return gorb_cdr_reader_take (reader, alignment, 0, NULL, error) != NULL;
}

/**
 * gorb_cdr_read_raw:
 * @reader: a reader
 * @len: the number of bytes to take
 * @data: (out) (transfer none): where they are, inside the reader's input
 * @error: return location for a #GError
 *
 * Takes @len bytes without alignment and without a copy.
 *
 * Errors: %GORB_MARSHAL_ERROR_TRUNCATED if fewer than @len bytes are left.
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_cdr_read_raw (GorbCdrReader *reader, gsize len, const guint8 **data, GError **error)
{
  const guint8 *p;

  g_return_val_if_fail (reader != NULL && data != NULL, FALSE);

  p = gorb_cdr_reader_take (reader, 1, len, NULL, error);
  if (p == NULL)
    return FALSE;
  *data = p;
  return TRUE;
}

/**
 * gorb_cdr_read_boolean:
 * @reader: a reader
 * @value: (out): the boolean
 * @error: return location for a #GError
 *
 * Errors: %GORB_MARSHAL_ERROR_TRUNCATED; %GORB_MARSHAL_ERROR_BAD_VALUE if the
 * octet is neither 0 nor 1.
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_cdr_read_boolean (GorbCdrReader *reader, gboolean *value, GError **error)
{
  return gorb_cdr_reader_get_boolean (reader, value, NULL, error);
}

/* The fixed-size reads below fail only with GORB_MARSHAL_ERROR_TRUNCATED
 * (after alignment, fewer bytes left than the type's size). */

gboolean
gorb_cdr_read_octet (GorbCdrReader *reader, guint8 *value, GError **error)
{
  return gorb_cdr_reader_get8 (reader, value, NULL, error);
}

gboolean
gorb_cdr_read_char (GorbCdrReader *reader, gchar *value, GError **error)
{
  return gorb_cdr_reader_get8 (reader, (guint8 *) value, NULL, error);
}

gboolean
gorb_cdr_read_short (GorbCdrReader *reader, gint16 *value, GError **error)
{
  return gorb_cdr_reader_get16 (reader, (guint16 *) value, NULL, error);
}

gboolean
gorb_cdr_read_ushort (GorbCdrReader *reader, guint16 *value, GError **error)
{
  return gorb_cdr_reader_get16 (reader, value, NULL, error);
}

gboolean
gorb_cdr_read_long (GorbCdrReader *reader, gint32 *value, GError **error)
{
  return gorb_cdr_reader_get32 (reader, (guint32 *) value, NULL, error);
}

gboolean
gorb_cdr_read_ulong (GorbCdrReader *reader, guint32 *value, GError **error)
{
  return gorb_cdr_reader_get32 (reader, value, NULL, error);
}

gboolean
gorb_cdr_read_longlong (GorbCdrReader *reader, gint64 *value, GError **error)
{
  return gorb_cdr_reader_get64 (reader, (guint64 *) value, NULL, error);
}

gboolean
gorb_cdr_read_ulonglong (GorbCdrReader *reader, guint64 *value, GError **error)
{
  return gorb_cdr_reader_get64 (reader, value, NULL, error);
}

gboolean
gorb_cdr_read_float (GorbCdrReader *reader, gfloat *value, GError **error)
{
  guint32 bits;

  if (!gorb_cdr_reader_get32 (reader, &bits, NULL, error))
    return FALSE;
  memcpy (value, &bits, 4);
  return TRUE;
}

gboolean
gorb_cdr_read_double (GorbCdrReader *reader, gdouble *value, GError **error)
{
  guint64 bits;

  if (!gorb_cdr_reader_get64 (reader, &bits, NULL, error))
    return FALSE;
  memcpy (value, &bits, 8);
  return TRUE;
}

/**
 * gorb_cdr_read_string:
 * @reader: a reader
 * @bound: the most characters the string may have, 0 for no bound
 * @value: (out) (transfer full): the string; set only on success
 * @error: return location for a #GError
 *
 * Reads a CDR string (ulong length counting the NUL, bytes, NUL). The
 * length is checked against what is left before anything is allocated.
 *
 * Errors: %GORB_MARSHAL_ERROR_TRUNCATED if the length itself is cut;
 * %GORB_MARSHAL_ERROR_BAD_LENGTH if the length exceeds the bytes left or
 * @bound; %GORB_MARSHAL_ERROR_BAD_STRING if the length is 0, the last byte
 * is not a NUL, or a NUL comes before it.
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_cdr_read_string (GorbCdrReader *reader, guint32 bound, char **value, GError **error)
{
  g_return_val_if_fail (reader != NULL && value != NULL, FALSE);

  return gorb_cdr_reader_get_string (reader, bound, FALSE, value, NULL, error);
}

/**
 * gorb_cdr_read_encapsulation:
 * @reader: a reader
 * @inner: (out caller-allocates): a reader over the encapsulation
 * @error: return location for a #GError
 *
 * Reads the length of an encapsulation (a sequence<octet>) and points
 * @inner at its bytes without copying them: @inner's byte order is their
 * first octet, its alignment origin that octet, and its offsets in error
 * messages count from the outermost input. @reader moves past the
 * encapsulation; @inner borrows @reader's input.
 *
 * Errors: %GORB_MARSHAL_ERROR_TRUNCATED if the length is cut;
 * %GORB_MARSHAL_ERROR_BAD_LENGTH if it is 0 or exceeds the bytes left;
 * %GORB_MARSHAL_ERROR_BAD_VALUE if the byte-order octet is neither 0 nor 1;
 * %GORB_MARSHAL_ERROR_TOO_DEEP past %GORB_MARSHAL_MAX_DEPTH nested
 * encapsulations.
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_cdr_read_encapsulation (GorbCdrReader *reader, GorbCdrReader *inner, GError **error)
{
  guint32 n;
  gsize left;

  g_return_val_if_fail (reader != NULL && inner != NULL && inner != reader, FALSE);

  if (!gorb_cdr_reader_get32 (reader, &n, NULL, error))
    return FALSE;
  left = reader->len - reader->pos;
  if (G_UNLIKELY (n > left))
    return gorb_cdr_reader_fail (
        reader, reader->pos - 4, NULL, error, GORB_MARSHAL_ERROR_BAD_LENGTH,
        "encapsulation length %u exceeds the %" G_GSIZE_FORMAT " bytes left", n, left);
  if (!enter_encapsulation (reader, reader->pos, n, inner, error))
    return FALSE;
  reader->pos += n;
  return TRUE;
}
