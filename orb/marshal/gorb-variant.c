/* gorb-variant.c - C values to and from GVariant, through type descriptors
 *
 * The mapping is the one in gorb-variant.h, plus one rule the header cannot
 * express: a GVariant type is a finite string, so a recursive IDL type
 * cannot be spelled out. IDL recurses only through sequences; a sequence
 * that lies on a cycle of descriptors (sequence<Node> inside Node) maps to
 * `av`, each element a variant holding the element's value. Whether a
 * sequence is on a cycle depends on the descriptors alone, never on where
 * the walk started, so a type has one GVariant type wherever it appears:
 * Node is `(sav)` both at the top and inside its own children.
 *
 * Decoding checks the variant's type against the descriptor before it
 * writes anything; below that point only the contents of a `v` (a union's
 * case, an element of a recursive sequence) can still be of the wrong type,
 * and each is checked where it is met. Every member, element and case
 * entered is pushed on a GorbMarshalPath, which names the place of an error
 * and enforces GORB_MARSHAL_MAX_DEPTH on both directions.
 *
 * Sequences and arrays of numbers whose C and GVariant element sizes agree
 * (octet, char, the integers, double) go through as one block copy:
 * g_variant_new_fixed_array() and g_variant_get_fixed_array(). float (d is
 * twice its size) and boolean (gboolean is 4 bytes, b is 1) go element by
 * element.
 */
#include "gorb-objref-private.h"
#include "gorb-variant-private.h"
#include "gorb-value.h"

#include <math.h>
#include <string.h>

G_STATIC_ASSERT (sizeof (gboolean) == 4);
G_STATIC_ASSERT (sizeof (gdouble) == 8 && sizeof (gint64) == 8);

/* Encoding */

static GVariant *encode (const GorbTypeDesc *type, gconstpointer value, GorbMarshalPath *path,
                         GError **error);

static GVariant *
encode_string (const char *s, guint32 bound, GorbMarshalPath *path, GError **error)
{
  const char *end;

  if (s == NULL)
    {
      gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                         "NULL string (an empty string is \"\")");
      return NULL;
    }
  if (!g_utf8_validate (s, -1, &end))
    {
      gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_BAD_STRING, NULL,
                         "string is not valid UTF-8 (at byte %" G_GSIZE_FORMAT ")",
                         (gsize) (end - s));
      return NULL;
    }
  if (bound != 0 && (gsize) (end - s) > bound)
    {
      gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                         "string of %" G_GSIZE_FORMAT " bytes is past its bound %u",
                         (gsize) (end - s), bound);
      return NULL;
    }
  return g_variant_new_string (s);
}

static GVariant *
encode_struct (const GorbTypeDesc *type, gconstpointer value, GorbMarshalPath *path, GError **error)
{
  GVariant *stack_items[16];
  GVariant **items = type->n_members <= G_N_ELEMENTS (stack_items)
                         ? stack_items
                         : g_new (GVariant *, type->n_members);
  GVariant *result = NULL;
  guint i;

  for (i = 0; i < type->n_members; i++)
    {
      const GorbMemberDesc *m = &type->members[i];
      if (!gorb_marshal_path_push (path, m->name, 0, error))
        break;
      items[i] = encode (m->type, (const guint8 *) value + m->offset, path, error);
      gorb_marshal_path_pop (path);
      if (items[i] == NULL)
        break;
    }
  if (i == type->n_members)
    result = g_variant_new_tuple (items, type->n_members); /* sinks the floating items */
  else
    while (i-- > 0)
      g_variant_unref (items[i]);
  if (items != stack_items)
    g_free (items);
  return result;
}

/* "BLUE" for an enum discriminator, else the number; for messages. */
static char *
describe_discriminator (const GorbTypeDesc *type, gint64 d)
{
  const GorbTypeDesc *disc = gorb_type_desc_resolve (type->content);

  if (disc->kind == GORB_TK_ENUM && d >= 0 && d < disc->n_members)
    return g_strdup (disc->enumerators[d]);
  return g_strdup_printf ("%" G_GINT64_FORMAT, d);
}

static GVariant *
encode_union (const GorbTypeDesc *type, gconstpointer value, GorbMarshalPath *path, GError **error)
{
  const GorbMemberDesc *c;
  GVariant *items[2];
  gint64 d;

  if (type->content == NULL || !gorb_union_get_discriminator (type, value, &d))
    {
      gorb_variant_fail_bad_descriptor (type, path, error);
      return NULL;
    }
  if (!gorb_marshal_path_push (path, "_d", 0, error))
    return NULL;
  items[0] = encode (type->content, value, path, error); /* the discriminator is at offset 0 */
  gorb_marshal_path_pop (path);
  if (items[0] == NULL)
    return NULL;
  if ((c = gorb_union_find_case (type, d)) == NULL)
    {
      g_autofree char *what = describe_discriminator (type, d);
      g_variant_unref (items[0]);
      gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                         "discriminator %s selects no case", what);
      return NULL;
    }
  if (!gorb_marshal_path_push (path, c->name, 0, error))
    {
      g_variant_unref (items[0]);
      return NULL;
    }
  items[1] = encode (c->type, (const guint8 *) value + c->offset, path, error);
  gorb_marshal_path_pop (path);
  if (items[1] == NULL)
    {
      g_variant_unref (items[0]);
      return NULL;
    }
  items[1] = g_variant_new_variant (items[1]);
  return g_variant_new_tuple (items, 2);
}

/* The elements of a sequence or an array (@type, resolved), @n of them at
 * @data. */
static GVariant *
encode_elements (const GorbTypeDesc *type, gconstpointer data, gsize n, GorbMarshalPath *path,
                 GError **error)
{
  const GorbTypeDesc *elem = gorb_type_desc_resolve (type->content);
  const char *fixed = gorb_variant_fixed_element_type (elem);
  gboolean recursive = type->kind == GORB_TK_SEQUENCE && gorb_variant_sequence_is_recursive (type);
  GVariant **items;
  GVariant *result = NULL;
  gsize i;

  if (n == 0)
    {
      g_autoptr (GString) elem_type = g_string_new (recursive ? "v" : NULL);
      if (!recursive && !gorb_variant_append_type_string (elem_type, elem, 0))
        {
          gorb_variant_fail_bad_descriptor (elem, path, error);
          return NULL;
        }
      return g_variant_new_array (G_VARIANT_TYPE (elem_type->str), NULL, 0);
    }
  if (fixed != NULL)
    return g_variant_new_fixed_array (G_VARIANT_TYPE (fixed), data, n, elem->size);

  if (!gorb_marshal_path_push (path, NULL, 0, error))
    return NULL;
  items = g_new (GVariant *, n);
  for (i = 0; i < n; i++)
    {
      gorb_marshal_path_set_index (path, (guint32) i);
      items[i] = encode (elem, (const guint8 *) data + i * elem->size, path, error);
      if (items[i] == NULL)
        break;
      if (recursive)
        items[i] = g_variant_new_variant (items[i]);
    }
  gorb_marshal_path_pop (path);
  if (i == n)
    result = g_variant_new_array (NULL, items, n);
  else
    while (i-- > 0)
      g_variant_unref (items[i]);
  g_free (items);
  return result;
}

static GVariant *
encode (const GorbTypeDesc *type, gconstpointer value, GorbMarshalPath *path, GError **error)
{
  type = gorb_type_desc_resolve (type);
  switch (type->kind)
    {
    case GORB_TK_BOOLEAN:
      return g_variant_new_boolean (*(const gboolean *) value != FALSE);
    case GORB_TK_OCTET:
      return g_variant_new_byte (*(const guint8 *) value);
    case GORB_TK_CHAR:
      return g_variant_new_byte ((guint8) * (const gchar *) value);
    case GORB_TK_SHORT:
      return g_variant_new_int16 (*(const gint16 *) value);
    case GORB_TK_USHORT:
      return g_variant_new_uint16 (*(const guint16 *) value);
    case GORB_TK_LONG:
      return g_variant_new_int32 (*(const gint32 *) value);
    case GORB_TK_ULONG:
      return g_variant_new_uint32 (*(const guint32 *) value);
    case GORB_TK_LONGLONG:
      return g_variant_new_int64 (*(const gint64 *) value);
    case GORB_TK_ULONGLONG:
      return g_variant_new_uint64 (*(const guint64 *) value);
    case GORB_TK_FLOAT:
      return g_variant_new_double (*(const gfloat *) value);
    case GORB_TK_DOUBLE:
      return g_variant_new_double (*(const gdouble *) value);
    case GORB_TK_STRING:
      return encode_string (*(char *const *) value, type->bound, path, error);
    case GORB_TK_OBJREF:
      {
        g_autofree char *text
            = gorb_objref_encode_string (*(GObject *const *) value, path, NULL, error);
        return text != NULL ? encode_string (text, 0, path, error) : NULL;
      }
    case GORB_TK_ENUM:
      {
        guint32 e = *(const guint32 *) value;
        if (e >= type->n_members)
          {
            gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                               "enum value %d is not one of the %u enumerators", (gint32) e,
                               type->n_members);
            return NULL;
          }
        return g_variant_new_string (type->enumerators[e]);
      }
    case GORB_TK_STRUCT:
      return encode_struct (type, value, path, error);
    case GORB_TK_UNION:
      return encode_union (type, value, path, error);
    case GORB_TK_SEQUENCE:
      {
        const GorbSequence *seq = value;
        if (type->content == NULL)
          break;
        if (type->bound != 0 && seq->len > type->bound)
          {
            gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                               "sequence of %u elements is past its bound %u", seq->len,
                               type->bound);
            return NULL;
          }
        if (seq->len > 0 && seq->data == NULL)
          {
            gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                               "sequence of %u elements has no data", seq->len);
            return NULL;
          }
        return encode_elements (type, seq->data, seq->len, path, error);
      }
    case GORB_TK_ARRAY:
      if (type->content == NULL)
        break;
      return encode_elements (type, value, type->bound, path, error);
    default:
      break;
    }
  gorb_variant_fail_bad_descriptor (type, path, error);
  return NULL;
}

/**
 * gorb_value_to_variant:
 * @type: the value's descriptor
 * @value: (not nullable): a value of @type
 * @error: return location for a %GORB_MARSHAL_ERROR
 *
 * Converts a C value to a GVariant of type gorb_type_desc_dup_variant_type()
 * (see the mapping in gorb-variant.h). Sequences and arrays of octets, chars,
 * integers and doubles are copied as one block.
 *
 * Errors, each naming the member ("Everything.pair[1].name"):
 * %GORB_MARSHAL_ERROR_INVALID_VALUE for a %NULL string, an enum value that
 * is no enumerator, a union discriminator that selects no case, a string or
 * sequence past its bound, a sequence with a length and no data;
 * %GORB_MARSHAL_ERROR_BAD_STRING for a string that is not UTF-8 (a GVariant
 * string must be); %GORB_MARSHAL_ERROR_TOO_DEEP past
 * %GORB_MARSHAL_MAX_DEPTH levels of nesting.
 *
 * Returns: (transfer floating) (nullable): a floating reference, as
 *   g_variant_new() returns, or %NULL on error.
 */
GVariant *
gorb_value_to_variant (const GorbTypeDesc *type, gconstpointer value, GError **error)
{
  GorbMarshalPath path;

  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  gorb_marshal_path_init (&path, type);
  return encode (type, value, &path, error);
}

/* Decoding: the variant's type has been checked, down to any `v`. */

static gboolean decode (const GorbTypeDesc *type, GVariant *variant, gpointer value,
                        GorbMarshalPath *path, GError **error);

/* Opens a `v` whose contents should be of @type and decodes them. */
static gboolean
decode_boxed (const GorbTypeDesc *type, GVariant *box, gpointer value, GorbMarshalPath *path,
              GError **error)
{
  g_autoptr (GVariant) inner = g_variant_get_variant (box);

  return gorb_variant_check_type (type, g_variant_get_type (inner), path, error)
         && decode (type, inner, value, path, error);
}

static gboolean
decode_string (GVariant *variant, guint32 bound, gboolean nil_if_empty, char **value,
               GorbMarshalPath *path, GError **error)
{
  gsize len;
  const char *s = g_variant_get_string (variant, &len);

  if (bound != 0 && len > bound)
    return gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_BAD_LENGTH, NULL,
                              "string of %" G_GSIZE_FORMAT " bytes is past its bound %u", len,
                              bound);
  *value = nil_if_empty && len == 0 ? NULL : g_strndup (s, len);
  return TRUE;
}

static gboolean
decode_enum (const GorbTypeDesc *type, GVariant *variant, guint32 *value, GorbMarshalPath *path,
             GError **error)
{
  const char *name = g_variant_get_string (variant, NULL);

  for (guint32 i = 0; i < type->n_members; i++)
    if (strcmp (type->enumerators[i], name) == 0)
      {
        *value = i;
        return TRUE;
      }
  return gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_BAD_VALUE, NULL,
                            "'%s' is not an enumerator of '%s'", name,
                            gorb_type_desc_get_short_name (type));
}

static gboolean
decode_struct (const GorbTypeDesc *type, GVariant *variant, gpointer value, GorbMarshalPath *path,
               GError **error)
{
  for (guint i = 0; i < type->n_members; i++)
    {
      const GorbMemberDesc *m = &type->members[i];
      g_autoptr (GVariant) item = NULL;
      gboolean ok;

      if (!gorb_marshal_path_push (path, m->name, 0, error))
        return FALSE;
      item = g_variant_get_child_value (variant, i);
      ok = decode (m->type, item, (guint8 *) value + m->offset, path, error);
      gorb_marshal_path_pop (path);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
decode_union (const GorbTypeDesc *type, GVariant *variant, gpointer value, GorbMarshalPath *path,
              GError **error)
{
  g_autoptr (GVariant) disc = g_variant_get_child_value (variant, 0);
  g_autoptr (GVariant) box = NULL;
  const GorbMemberDesc *c;
  gint64 d;
  gboolean ok;

  if (!gorb_marshal_path_push (path, "_d", 0, error))
    return FALSE;
  ok = decode (type->content, disc, value, path, error); /* the discriminator is at offset 0 */
  gorb_marshal_path_pop (path);
  if (!ok)
    return FALSE;
  if (!gorb_union_get_discriminator (type, value, &d))
    return gorb_variant_fail_bad_descriptor (type, path, error);
  if ((c = gorb_union_find_case (type, d)) == NULL)
    {
      g_autofree char *what = describe_discriminator (type, d);
      return gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_BAD_UNION, NULL,
                                "discriminator %s selects no case", what);
    }
  if (!gorb_marshal_path_push (path, c->name, 0, error))
    return FALSE;
  box = g_variant_get_child_value (variant, 1);
  ok = decode_boxed (c->type, box, (guint8 *) value + c->offset, path, error);
  gorb_marshal_path_pop (path);
  return ok;
}

/* The elements of a sequence or an array (@type, resolved) into @data,
 * which holds as many zeroed elements as @variant has children. */
static gboolean
decode_elements (const GorbTypeDesc *type, GVariant *variant, gpointer data, GorbMarshalPath *path,
                 GError **error)
{
  const GorbTypeDesc *elem = gorb_type_desc_resolve (type->content);
  gsize n = g_variant_n_children (variant);
  gboolean recursive;

  if (gorb_variant_fixed_element_type (elem) != NULL)
    {
      gsize n_fixed = 0;
      gconstpointer src = g_variant_get_fixed_array (variant, &n_fixed, elem->size);
      if (src != NULL)
        memcpy (data, src, MIN (n, n_fixed) * elem->size); /* n_fixed == n */
      return TRUE;
    }
  recursive = type->kind == GORB_TK_SEQUENCE && gorb_variant_sequence_is_recursive (type);
  if (!gorb_marshal_path_push (path, NULL, 0, error))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr (GVariant) item = g_variant_get_child_value (variant, i);
      gpointer dest = (guint8 *) data + i * elem->size;

      gorb_marshal_path_set_index (path, (guint32) i);
      if (recursive ? !decode_boxed (elem, item, dest, path, error)
                    : !decode (elem, item, dest, path, error))
        {
          gorb_marshal_path_pop (path);
          return FALSE;
        }
    }
  gorb_marshal_path_pop (path);
  return TRUE;
}

static gboolean
decode_sequence (const GorbTypeDesc *type, GVariant *variant, GorbSequence *seq,
                 GorbMarshalPath *path, GError **error)
{
  gsize n = g_variant_n_children (variant);

  if ((type->bound != 0 && n > type->bound) || n > G_MAXUINT32)
    return gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_BAD_LENGTH, NULL,
                              "sequence of %" G_GSIZE_FORMAT " elements is past its bound %u", n,
                              type->bound != 0 ? type->bound : G_MAXUINT32);
  if (n == 0)
    return TRUE;
  /* Set before the elements are decoded, so that a failure part way is
   * cleared by gorb_value_clear(). */
  seq->data = g_malloc0_n (n, gorb_type_desc_resolve (type->content)->size);
  seq->len = (guint32) n;
  return decode_elements (type, variant, seq->data, path, error);
}

static gboolean
decode_float (GVariant *variant, gfloat *value, GorbMarshalPath *path, GError **error)
{
  gdouble d = g_variant_get_double (variant);

  if (isfinite (d) && fabs (d) > G_MAXFLOAT)
    return gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_BAD_VALUE, NULL,
                              "%g is out of range for a float", d);
  *value = (gfloat) d;
  return TRUE;
}

static gboolean
decode (const GorbTypeDesc *type, GVariant *variant, gpointer value, GorbMarshalPath *path,
        GError **error)
{
  type = gorb_type_desc_resolve (type);
  switch (type->kind)
    {
    case GORB_TK_BOOLEAN:
      *(gboolean *) value = g_variant_get_boolean (variant) ? TRUE : FALSE;
      return TRUE;
    case GORB_TK_OCTET:
      *(guint8 *) value = g_variant_get_byte (variant);
      return TRUE;
    case GORB_TK_CHAR:
      *(gchar *) value = (gchar) g_variant_get_byte (variant);
      return TRUE;
    case GORB_TK_SHORT:
      *(gint16 *) value = g_variant_get_int16 (variant);
      return TRUE;
    case GORB_TK_USHORT:
      *(guint16 *) value = g_variant_get_uint16 (variant);
      return TRUE;
    case GORB_TK_LONG:
      *(gint32 *) value = g_variant_get_int32 (variant);
      return TRUE;
    case GORB_TK_ULONG:
      *(guint32 *) value = g_variant_get_uint32 (variant);
      return TRUE;
    case GORB_TK_LONGLONG:
      *(gint64 *) value = g_variant_get_int64 (variant);
      return TRUE;
    case GORB_TK_ULONGLONG:
      *(guint64 *) value = g_variant_get_uint64 (variant);
      return TRUE;
    case GORB_TK_FLOAT:
      return decode_float (variant, value, path, error);
    case GORB_TK_DOUBLE:
      *(gdouble *) value = g_variant_get_double (variant);
      return TRUE;
    case GORB_TK_STRING:
      return decode_string (variant, type->bound, FALSE, value, path, error);
    case GORB_TK_OBJREF:
      return gorb_objref_decode_string (g_variant_get_string (variant, NULL), value, path, NULL,
                                        error);
    case GORB_TK_ENUM:
      return decode_enum (type, variant, value, path, error);
    case GORB_TK_STRUCT:
      return decode_struct (type, variant, value, path, error);
    case GORB_TK_UNION:
      return decode_union (type, variant, value, path, error);
    case GORB_TK_SEQUENCE:
      return decode_sequence (type, variant, value, path, error);
    case GORB_TK_ARRAY:
      if (g_variant_n_children (variant) != type->bound)
        return gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_BAD_LENGTH, NULL,
                                  "array of %" G_GSIZE_FORMAT " elements, expected %u",
                                  g_variant_n_children (variant), type->bound);
      return decode_elements (type, variant, value, path, error);
    default:
      return gorb_variant_fail_bad_descriptor (type, path, error);
    }
}

/**
 * gorb_value_from_variant:
 * @type: the value's descriptor
 * @variant: (transfer none): a GVariant of type
 *   gorb_type_desc_dup_variant_type() (a floating one is not sunk)
 * @value: (out caller-allocates): where the value goes: @type->size bytes,
 *   overwritten without being cleared
 * @error: return location for a %GORB_MARSHAL_ERROR
 *
 * Converts a GVariant to a C value; the inverse of gorb_value_to_variant().
 * The variant's type is checked against @type before anything is decoded.
 * On success clear @value with gorb_value_clear(); on failure it is left
 * zeroed and owns nothing.
 *
 * Errors, each naming the member ("Everything.shape.radius"):
 * %GORB_MARSHAL_ERROR_TYPE_MISMATCH with the expected and the actual type
 * (also for the contents of a union's `v` that are not of the selected
 * case's type); %GORB_MARSHAL_ERROR_BAD_VALUE for a name that is no
 * enumerator, a double out of a float's range; %GORB_MARSHAL_ERROR_BAD_LENGTH
 * for an array of the wrong length, a string or sequence past its bound;
 * %GORB_MARSHAL_ERROR_BAD_UNION for a discriminator that selects no case;
 * %GORB_MARSHAL_ERROR_TOO_DEEP past %GORB_MARSHAL_MAX_DEPTH levels.
 *
 * Returns: whether @value was filled.
 */
gboolean
gorb_value_from_variant (const GorbTypeDesc *type, GVariant *variant, gpointer value,
                         GError **error)
{
  GorbMarshalPath path;
  gsize size;

  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (variant != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  size = gorb_type_desc_resolve (type)->size;
  memset (value, 0, size);
  gorb_marshal_path_init (&path, type);
  if (!gorb_variant_check_type (type, g_variant_get_type (variant), &path, error))
    return FALSE;
  if (!decode (type, variant, value, &path, error))
    {
      gorb_value_clear (type, value);
      memset (value, 0, size);
      return FALSE;
    }
  return TRUE;
}
