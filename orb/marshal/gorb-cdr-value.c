/* gorb-cdr-value.c - C values to CDR and back, driven by type descriptors
 *
 * One recursive walk per direction over the descriptor and the C value (see
 * the C mapping in gorb-type.h). Sequences and arrays of primitive types go
 * through in one copy (one swapping pass in the other byte order); everything
 * else is walked member by member, element by element, with the member path
 * kept up to date (two stores per level) for error messages and for the depth
 * limit that keeps a hostile message from exhausting the stack.
 *
 * Decoding writes into a zeroed value and allocates the buffers of
 * non-primitive sequences zeroed before filling them, so a value abandoned
 * half way can always be handed to gorb_value_clear(). Nothing is
 * allocated on a length the bytes left cannot back: a sequence count is
 * checked against the fewest bytes its elements could take, a string length
 * against the bytes left.
 */
#include "gorb-cdr-private.h"
#include "gorb-objref-private.h"
#include "gorb-value.h"

#define AT(value, offset) ((gpointer) ((guint8 *) (value) + (offset)))
#define AT_CONST(value, offset) ((gconstpointer) ((const guint8 *) (value) + (offset)))

typedef struct
{
  GorbCdrWriter *writer;
  GError **error;
  GorbMarshalPath path;
} Encoder;

typedef struct
{
  GorbCdrReader *reader;
  GError **error;
  GorbMarshalPath path;
} Decoder;

static gboolean encode (Encoder *enc, const GorbTypeDesc *type, gconstpointer value);
static gboolean decode (Decoder *dec, const GorbTypeDesc *type, gpointer value);

/* Inline twins of gorb_type_desc_resolve() and gorb_type_desc_is_primitive():
 * those are exported, so calling them from here would go through the PLT
 * once per value. */
static inline const GorbTypeDesc *
resolve (const GorbTypeDesc *type)
{
  return G_LIKELY (type->kind != GORB_TK_ALIAS) ? type : gorb_type_desc_resolve (type);
}

/* @type is resolved */
static inline gboolean
is_primitive (const GorbTypeDesc *type)
{
  return gorb_type_kind_is_primitive (type->kind);
}

/* The CDR size of a fixed-size kind (the discriminator kinds among them). */
static gsize
fixed_cdr_size (GorbTypeKind kind)
{
  switch (kind)
    {
    case GORB_TK_SHORT:
    case GORB_TK_USHORT:
      return 2;
    case GORB_TK_LONG:
    case GORB_TK_ULONG:
    case GORB_TK_FLOAT:
    case GORB_TK_ENUM:
      return 4;
    case GORB_TK_LONGLONG:
    case GORB_TK_ULONGLONG:
    case GORB_TK_DOUBLE:
      return 8;
    default:
      return 1;
    }
}

/* Encoding */

G_GNUC_PRINTF (3, 4)
static gboolean
encode_fail (Encoder *enc, GorbMarshalError code, const char *format, ...)
{
  g_autofree char *message = NULL;
  g_autofree char *location = NULL;
  va_list args;

  if (enc->error == NULL)
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  location = g_strdup_printf ("offset %" G_GSIZE_FORMAT, enc->writer->len);
  return gorb_marshal_fail (enc->error, &enc->path, code, location, "%s", message);
}

static inline gboolean
encode_enter (Encoder *enc, const char *name, guint32 index)
{
  if (G_UNLIKELY (enc->path.depth >= GORB_MARSHAL_MAX_DEPTH))
    return encode_fail (enc, GORB_MARSHAL_ERROR_TOO_DEEP, "value nested deeper than %d levels",
                        GORB_MARSHAL_MAX_DEPTH);
  return gorb_marshal_path_push (&enc->path, name, index, NULL);
}

static gboolean
encode_string (Encoder *enc, const GorbTypeDesc *type, const char *s)
{
  gsize len;

  if (G_UNLIKELY (s == NULL))
    return encode_fail (enc, GORB_MARSHAL_ERROR_INVALID_VALUE, "string is NULL");
  len = strlen (s);
  if (G_UNLIKELY (type->bound != 0 && len > type->bound))
    return encode_fail (enc, GORB_MARSHAL_ERROR_INVALID_VALUE,
                        "string of %" G_GSIZE_FORMAT " characters exceeds its bound of %u", len,
                        type->bound);
  if (G_UNLIKELY (len >= G_MAXUINT32))
    return encode_fail (enc, GORB_MARSHAL_ERROR_INVALID_VALUE,
                        "string of %" G_GSIZE_FORMAT " characters is too long for CDR", len);
  gorb_cdr_writer_put_string (enc->writer, s, len);
  return TRUE;
}

/* @n elements of @elem (not primitive) from @data */
static gboolean
encode_elements (Encoder *enc, const GorbTypeDesc *elem, gconstpointer data, guint32 n)
{
  gsize stride = elem->size;

  if (!encode_enter (enc, NULL, 0))
    return FALSE;
  for (guint32 i = 0; i < n; i++)
    {
      gorb_marshal_path_set_index (&enc->path, i);
      if (G_UNLIKELY (!encode (enc, elem, AT_CONST (data, (gsize) i * stride))))
        return FALSE;
    }
  gorb_marshal_path_pop (&enc->path);
  return TRUE;
}

static gboolean
encode_sequence (Encoder *enc, const GorbTypeDesc *type, const GorbSequence *seq)
{
  const GorbTypeDesc *elem = resolve (type->content);

  if (G_UNLIKELY (type->bound != 0 && seq->len > type->bound))
    return encode_fail (enc, GORB_MARSHAL_ERROR_INVALID_VALUE,
                        "sequence of %u elements exceeds its bound of %u", seq->len, type->bound);
  if (G_UNLIKELY (seq->len > 0 && seq->data == NULL))
    return encode_fail (enc, GORB_MARSHAL_ERROR_INVALID_VALUE,
                        "sequence of %u elements has no data", seq->len);
  if (is_primitive (elem))
    {
      /* one growth at most: count, padding, elements */
      gorb_cdr_writer_reserve (enc->writer, 3 + 4 + 7 + (gsize) seq->len * elem->size);
      gorb_cdr_writer_put32 (enc->writer, seq->len);
      if (seq->len == 0)
        return TRUE;
      gorb_cdr_writer_put_array (enc->writer, seq->data, seq->len, elem->size);
      return TRUE;
    }
  gorb_cdr_writer_put32 (enc->writer, seq->len);
  if (seq->len == 0)
    return TRUE;
  return encode_elements (enc, elem, seq->data, seq->len);
}

static gboolean
encode_union (Encoder *enc, const GorbTypeDesc *type, gconstpointer value)
{
  const GorbMemberDesc *c;
  gint64 d;

  if (G_UNLIKELY (!gorb_union_get_discriminator (type, value, &d)))
    return encode_fail (enc, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR,
                        "union discriminator type is not integral");
  c = gorb_union_find_case (type, d);
  if (G_UNLIKELY (c == NULL))
    return encode_fail (enc, GORB_MARSHAL_ERROR_INVALID_VALUE,
                        "discriminator %" G_GINT64_FORMAT " selects no case of union '%s'", d,
                        gorb_type_desc_get_short_name (type));
  if (!encode_enter (enc, "_d", 0) || !encode (enc, type->content, value))
    return FALSE;
  gorb_marshal_path_pop (&enc->path);
  if (!encode_enter (enc, c->name, 0) || !encode (enc, c->type, AT_CONST (value, c->offset)))
    return FALSE;
  gorb_marshal_path_pop (&enc->path);
  return TRUE;
}

static gboolean
encode (Encoder *enc, const GorbTypeDesc *type, gconstpointer value)
{
  GorbCdrWriter *w = enc->writer;

  type = resolve (type);
  switch (type->kind)
    {
    case GORB_TK_BOOLEAN:
      gorb_cdr_writer_put8 (w, *(const gboolean *) value ? 1 : 0);
      return TRUE;
    case GORB_TK_OCTET:
    case GORB_TK_CHAR:
      gorb_cdr_writer_put8 (w, *(const guint8 *) value);
      return TRUE;
    case GORB_TK_SHORT:
    case GORB_TK_USHORT:
      gorb_cdr_writer_put16 (w, *(const guint16 *) value);
      return TRUE;
    case GORB_TK_LONG:
    case GORB_TK_ULONG:
    case GORB_TK_FLOAT:
      {
        guint32 v;
        memcpy (&v, value, 4);
        gorb_cdr_writer_put32 (w, v);
        return TRUE;
      }
    case GORB_TK_LONGLONG:
    case GORB_TK_ULONGLONG:
    case GORB_TK_DOUBLE:
      {
        guint64 v;
        memcpy (&v, value, 8);
        gorb_cdr_writer_put64 (w, v);
        return TRUE;
      }
    case GORB_TK_ENUM:
      {
        guint32 v;
        memcpy (&v, value, 4);
        if (G_UNLIKELY (v >= type->n_members))
          return encode_fail (enc, GORB_MARSHAL_ERROR_INVALID_VALUE,
                              "enumerator %u is out of range for '%s' (%u enumerators)", v,
                              gorb_type_desc_get_short_name (type), type->n_members);
        gorb_cdr_writer_put32 (w, v);
        return TRUE;
      }
    case GORB_TK_STRING:
      return encode_string (enc, type, *(char *const *) value);
    case GORB_TK_OBJREF:
      return gorb_objref_encode_cdr (w, *(GObject *const *) value, &enc->path, enc->error);
    case GORB_TK_STRUCT:
      for (guint i = 0; i < type->n_members; i++)
        {
          const GorbMemberDesc *m = &type->members[i];
          if (G_UNLIKELY (!encode_enter (enc, m->name, 0)
                          || !encode (enc, m->type, AT_CONST (value, m->offset))))
            return FALSE;
          gorb_marshal_path_pop (&enc->path);
        }
      return TRUE;
    case GORB_TK_UNION:
      return encode_union (enc, type, value);
    case GORB_TK_SEQUENCE:
      return encode_sequence (enc, type, value);
    case GORB_TK_ARRAY:
      {
        const GorbTypeDesc *elem = resolve (type->content);
        if (is_primitive (elem))
          {
            gorb_cdr_writer_put_array (w, value, type->bound, elem->size);
            return TRUE;
          }
        return encode_elements (enc, elem, value, type->bound);
      }
    case GORB_TK_ALIAS: /* a typedef chain without an end */
    default:
      return encode_fail (enc, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR, "descriptor of kind '%s'",
                          gorb_type_kind_to_string (type->kind));
    }
}

/**
 * gorb_cdr_write_value:
 * @writer: a writer
 * @type: the value's descriptor
 * @value: (type gpointer): the C value, laid out as gorb-type.h says
 * @error: return location for a #GError
 *
 * Appends @value in CDR. On failure the writer is left as it was.
 *
 * Errors: %GORB_MARSHAL_ERROR_INVALID_VALUE for a %NULL string, a string or
 * sequence longer than its bound, a sequence with a length but no data, an
 * enum outside its enumerators or a union discriminator that selects no
 * case; %GORB_MARSHAL_ERROR_TOO_DEEP for a value nested deeper than
 * %GORB_MARSHAL_MAX_DEPTH; %GORB_MARSHAL_ERROR_BAD_DESCRIPTOR for a broken
 * descriptor; for a non-nil object reference, %GORB_MARSHAL_ERROR_INVALID_VALUE
 * if no hooks are pushed (gorb-objref.h), else the hook's error. Messages
 * name the member path ("Everything.few").
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_cdr_write_value (GorbCdrWriter *writer, const GorbTypeDesc *type, gconstpointer value,
                      GError **error)
{

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (type != NULL && value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return gorb_cdr_write_value_named (writer, type, value, NULL, NULL, error);
}

/* gorb_cdr_write_value(), with the root of the member path named
 * "<scope>.<name>" in messages (see gorb_marshal_path_init_named()). */
gboolean
gorb_cdr_write_value_named (GorbCdrWriter *writer, const GorbTypeDesc *type, gconstpointer value,
                            const char *scope, const char *name, GError **error)
{
  Encoder enc;
  gsize start;

  enc.writer = writer;
  enc.error = error;
  gorb_marshal_path_init_named (&enc.path, type, scope, name);
  start = writer->len;
  if (G_LIKELY (encode (&enc, type, value)))
    return TRUE;
  writer->len = start;
  return FALSE;
}

/* Decoding */

static inline gboolean
decode_enter (Decoder *dec, const char *name, guint32 index)
{
  if (G_UNLIKELY (dec->path.depth >= GORB_MARSHAL_MAX_DEPTH))
    return gorb_cdr_reader_fail (dec->reader, dec->reader->pos, &dec->path, dec->error,
                                 GORB_MARSHAL_ERROR_TOO_DEEP, "value nested deeper than %d levels",
                                 GORB_MARSHAL_MAX_DEPTH);
  return gorb_marshal_path_push (&dec->path, name, index, NULL);
}

/* @n elements of @elem (not primitive) into the zeroed @data */
static gboolean
decode_elements (Decoder *dec, const GorbTypeDesc *elem, gpointer data, guint32 n)
{
  gsize stride = elem->size;

  if (!decode_enter (dec, NULL, 0))
    return FALSE;
  for (guint32 i = 0; i < n; i++)
    {
      gorb_marshal_path_set_index (&dec->path, i);
      if (G_UNLIKELY (!decode (dec, elem, AT (data, (gsize) i * stride))))
        return FALSE;
    }
  gorb_marshal_path_pop (&dec->path);
  return TRUE;
}

static gboolean
decode_sequence (Decoder *dec, const GorbTypeDesc *type, GorbSequence *seq)
{
  GorbCdrReader *r = dec->reader;
  const GorbTypeDesc *elem = resolve (type->content);
  gsize min_size, left;
  guint32 n;

  if (G_UNLIKELY (!gorb_cdr_reader_get32 (r, &n, &dec->path, dec->error)))
    return FALSE;
  if (G_UNLIKELY (type->bound != 0 && n > type->bound))
    return gorb_cdr_reader_fail (r, r->pos - 4, &dec->path, dec->error,
                                 GORB_MARSHAL_ERROR_BAD_LENGTH,
                                 "sequence of %u elements exceeds its bound of %u", n, type->bound);
  if (n == 0)
    return TRUE;
  /* never allocate what the message only claims */
  min_size = gorb_type_desc_get_cdr_min_size (elem);
  left = r->len - r->pos;
  if (G_UNLIKELY (n > left / min_size))
    return gorb_cdr_reader_fail (r, r->pos - 4, &dec->path, dec->error,
                                 GORB_MARSHAL_ERROR_BAD_LENGTH,
                                 "sequence of %u elements needs at least %" G_GUINT64_FORMAT
                                 " bytes, more than the %" G_GSIZE_FORMAT " bytes left",
                                 n, (guint64) n * min_size, left);
  if (is_primitive (elem))
    {
      seq->data = g_malloc ((gsize) n * elem->size);
      seq->len = n;
      return gorb_cdr_reader_get_array (r, seq->data, n, elem->size, &dec->path, dec->error);
    }
  seq->data = g_malloc0_n (n, elem->size);
  seq->len = n;
  return decode_elements (dec, elem, seq->data, n);
}

static gboolean
decode_union (Decoder *dec, const GorbTypeDesc *type, gpointer value)
{
  const GorbTypeDesc *disc = resolve (type->content);
  const GorbMemberDesc *c;
  gint64 d;

  if (!decode_enter (dec, "_d", 0) || !decode (dec, disc, value))
    return FALSE;
  gorb_marshal_path_pop (&dec->path);
  if (G_UNLIKELY (!gorb_union_get_discriminator (type, value, &d)))
    return gorb_cdr_reader_fail (dec->reader, dec->reader->pos, &dec->path, dec->error,
                                 GORB_MARSHAL_ERROR_BAD_DESCRIPTOR,
                                 "union discriminator type is not integral");
  c = gorb_union_find_case (type, d);
  if (G_UNLIKELY (c == NULL))
    return gorb_cdr_reader_fail (dec->reader, dec->reader->pos - fixed_cdr_size (disc->kind),
                                 &dec->path, dec->error, GORB_MARSHAL_ERROR_BAD_UNION,
                                 "discriminator %" G_GINT64_FORMAT " selects no case of union '%s'",
                                 d, gorb_type_desc_get_short_name (type));
  if (!decode_enter (dec, c->name, 0) || !decode (dec, c->type, AT (value, c->offset)))
    return FALSE;
  gorb_marshal_path_pop (&dec->path);
  return TRUE;
}

static gboolean
decode (Decoder *dec, const GorbTypeDesc *type, gpointer value)
{
  GorbCdrReader *r = dec->reader;

  type = resolve (type);
  switch (type->kind)
    {
    case GORB_TK_BOOLEAN:
      return gorb_cdr_reader_get_boolean (r, value, &dec->path, dec->error);
    case GORB_TK_OCTET:
    case GORB_TK_CHAR:
      return gorb_cdr_reader_get8 (r, value, &dec->path, dec->error);
    case GORB_TK_SHORT:
    case GORB_TK_USHORT:
      return gorb_cdr_reader_get16 (r, value, &dec->path, dec->error);
    case GORB_TK_LONG:
    case GORB_TK_ULONG:
    case GORB_TK_FLOAT:
      {
        guint32 v;
        if (G_UNLIKELY (!gorb_cdr_reader_get32 (r, &v, &dec->path, dec->error)))
          return FALSE;
        memcpy (value, &v, 4);
        return TRUE;
      }
    case GORB_TK_LONGLONG:
    case GORB_TK_ULONGLONG:
    case GORB_TK_DOUBLE:
      {
        guint64 v;
        if (G_UNLIKELY (!gorb_cdr_reader_get64 (r, &v, &dec->path, dec->error)))
          return FALSE;
        memcpy (value, &v, 8);
        return TRUE;
      }
    case GORB_TK_ENUM:
      {
        guint32 v;
        if (G_UNLIKELY (!gorb_cdr_reader_get32 (r, &v, &dec->path, dec->error)))
          return FALSE;
        if (G_UNLIKELY (v >= type->n_members))
          return gorb_cdr_reader_fail (r, r->pos - 4, &dec->path, dec->error,
                                       GORB_MARSHAL_ERROR_BAD_VALUE,
                                       "enumerator %u is out of range for '%s' (%u enumerators)", v,
                                       gorb_type_desc_get_short_name (type), type->n_members);
        memcpy (value, &v, 4);
        return TRUE;
      }
    case GORB_TK_STRING:
      return gorb_cdr_reader_get_string (r, type->bound, FALSE, value, &dec->path, dec->error);
    case GORB_TK_OBJREF:
      return gorb_objref_decode_cdr (r, value, &dec->path, dec->error);
    case GORB_TK_STRUCT:
      for (guint i = 0; i < type->n_members; i++)
        {
          const GorbMemberDesc *m = &type->members[i];
          if (G_UNLIKELY (!decode_enter (dec, m->name, 0)
                          || !decode (dec, m->type, AT (value, m->offset))))
            return FALSE;
          gorb_marshal_path_pop (&dec->path);
        }
      return TRUE;
    case GORB_TK_UNION:
      return decode_union (dec, type, value);
    case GORB_TK_SEQUENCE:
      return decode_sequence (dec, type, value);
    case GORB_TK_ARRAY:
      {
        const GorbTypeDesc *elem = resolve (type->content);
        if (is_primitive (elem))
          return gorb_cdr_reader_get_array (r, value, type->bound, elem->size, &dec->path,
                                            dec->error);
        return decode_elements (dec, elem, value, type->bound);
      }
    case GORB_TK_ALIAS: /* a typedef chain without an end */
    default:
      return gorb_cdr_reader_fail (r, r->pos, &dec->path, dec->error,
                                   GORB_MARSHAL_ERROR_BAD_DESCRIPTOR, "descriptor of kind '%s'",
                                   gorb_type_kind_to_string (type->kind));
    }
}

/**
 * gorb_cdr_read_value:
 * @reader: a reader
 * @type: the value's descriptor
 * @value: (out caller-allocates) (type gpointer): where the C value goes;
 *   overwritten without being cleared first
 * @error: return location for a #GError
 *
 * Reads a value of @type. On success @value owns its strings and buffers
 * (free them with gorb_value_clear()); on failure @value is left zeroed and
 * owns nothing, and the reader's position is unspecified.
 *
 * Errors: %GORB_MARSHAL_ERROR_TRUNCATED if the input ends inside the value;
 * %GORB_MARSHAL_ERROR_BAD_LENGTH for a string or sequence length past the
 * bytes left or past its bound; %GORB_MARSHAL_ERROR_BAD_VALUE for a boolean
 * other than 0 or 1 or an enum ordinal out of range;
 * %GORB_MARSHAL_ERROR_BAD_STRING for a string of length 0, without its
 * final NUL or with a NUL inside; %GORB_MARSHAL_ERROR_BAD_UNION for a
 * discriminator that selects no case; %GORB_MARSHAL_ERROR_TOO_DEEP for a
 * value nested deeper than %GORB_MARSHAL_MAX_DEPTH;
 * %GORB_MARSHAL_ERROR_BAD_DESCRIPTOR for a broken descriptor; for a non-nil
 * object reference, %GORB_MARSHAL_ERROR_BAD_VALUE if no hooks are pushed
 * (gorb-objref.h), else the hook's error. Messages name the byte offset and
 * the member path.
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_cdr_read_value (GorbCdrReader *reader, const GorbTypeDesc *type, gpointer value,
                     GError **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (type != NULL && value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return gorb_cdr_read_value_named (reader, type, value, NULL, NULL, error);
}

/* gorb_cdr_read_value(), with the root of the member path named
 * "<scope>.<name>" in messages (see gorb_marshal_path_init_named()). */
gboolean
gorb_cdr_read_value_named (GorbCdrReader *reader, const GorbTypeDesc *type, gpointer value,
                           const char *scope, const char *name, GError **error)
{
  Decoder dec;

  memset (value, 0, type->size);
  dec.reader = reader;
  dec.error = error;
  gorb_marshal_path_init_named (&dec.path, type, scope, name);
  if (G_LIKELY (decode (&dec, type, value)))
    return TRUE;
  gorb_value_clear (type, value);
  memset (value, 0, type->size);
  return FALSE;
}

/**
 * gorb_cdr_encode:
 * @type: the value's descriptor
 * @value: (type gpointer): the C value
 * @order: the byte order to write in
 * @error: return location for a #GError
 *
 * Encodes @value alone, with alignment relative to its first byte and no
 * byte-order octet (the receiver is told the order separately).
 *
 * Errors: those of gorb_cdr_write_value().
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL on failure
 */
GBytes *
gorb_cdr_encode (const GorbTypeDesc *type, gconstpointer value, GorbByteOrder order, GError **error)
{
  GorbCdrWriter writer;

  g_return_val_if_fail (type != NULL && value != NULL, NULL);

  gorb_cdr_writer_init (&writer, order);
  if (!gorb_cdr_write_value (&writer, type, value, error))
    {
      gorb_cdr_writer_clear (&writer);
      return NULL;
    }
  return gorb_cdr_writer_steal_bytes (&writer);
}

/**
 * gorb_cdr_decode:
 * @type: the value's descriptor
 * @data: (array length=len): bytes from gorb_cdr_encode() or a peer
 * @len: their number
 * @order: the byte order they were written in
 * @value: (out caller-allocates) (type gpointer): where the C value goes
 * @error: return location for a #GError
 *
 * Decodes one value that must take exactly @len bytes; see
 * gorb_cdr_read_value() for what @value holds afterwards.
 *
 * Errors: those of gorb_cdr_read_value(), and
 * %GORB_MARSHAL_ERROR_TRAILING if bytes are left after the value.
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_cdr_decode (const GorbTypeDesc *type, gconstpointer data, gsize len, GorbByteOrder order,
                 gpointer value, GError **error)
{
  GorbCdrReader reader;
  GorbMarshalPath root;

  g_return_val_if_fail (type != NULL && value != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  gorb_cdr_reader_init (&reader, data, len, order);
  if (!gorb_cdr_read_value (&reader, type, value, error))
    return FALSE;
  if (G_LIKELY (reader.pos == reader.len))
    return TRUE;
  gorb_value_clear (type, value);
  memset (value, 0, type->size);
  gorb_marshal_path_init (&root, type);
  return gorb_cdr_reader_fail (&reader, reader.pos, &root, error, GORB_MARSHAL_ERROR_TRAILING,
                               "%" G_GSIZE_FORMAT " byte%s left over after the value",
                               reader.len - reader.pos, reader.len - reader.pos == 1 ? "" : "s");
}
