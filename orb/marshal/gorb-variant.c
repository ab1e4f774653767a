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
#include "gorb-marshal-private.h"
#include "gorb-value.h"
#include "gorb-variant.h"

#include <math.h>
#include <string.h>

G_STATIC_ASSERT (sizeof (gboolean) == 4);
G_STATIC_ASSERT (sizeof (gdouble) == 8 && sizeof (gint64) == 8);

/* The one-letter GVariant type of a kind that maps to a basic type; 0 for
 * the others. */
static const char basic_type_chars[] = {
  [GORB_TK_BOOLEAN] = 'b', [GORB_TK_OCTET] = 'y',    [GORB_TK_CHAR] = 'y',
  [GORB_TK_SHORT] = 'n',   [GORB_TK_USHORT] = 'q',   [GORB_TK_LONG] = 'i',
  [GORB_TK_ULONG] = 'u',   [GORB_TK_LONGLONG] = 'x', [GORB_TK_ULONGLONG] = 't',
  [GORB_TK_FLOAT] = 'd',   [GORB_TK_DOUBLE] = 'd',   [GORB_TK_STRING] = 's',
  [GORB_TK_ENUM] = 's',    [GORB_TK_STRUCT] = 0,     [GORB_TK_UNION] = 0,
  [GORB_TK_SEQUENCE] = 0,  [GORB_TK_ARRAY] = 0,      [GORB_TK_ALIAS] = 0,
  [GORB_TK_OBJREF] = 's',
};
G_STATIC_ASSERT (G_N_ELEMENTS (basic_type_chars) == GORB_TK_OBJREF + 1);

static char
basic_type_char (const GorbTypeDesc *resolved)
{
  if ((guint) resolved->kind >= G_N_ELEMENTS (basic_type_chars))
    return 0;
  return basic_type_chars[resolved->kind];
}

/* The element type string of an array of @resolved that is the same bytes
 * in C and in a GVariant, or NULL. */
static const char *
fixed_element_type (const GorbTypeDesc *resolved)
{
  switch (resolved->kind)
    {
    case GORB_TK_OCTET:
    case GORB_TK_CHAR:
      return "y";
    case GORB_TK_SHORT:
      return "n";
    case GORB_TK_USHORT:
      return "q";
    case GORB_TK_LONG:
      return "i";
    case GORB_TK_ULONG:
      return "u";
    case GORB_TK_LONGLONG:
      return "x";
    case GORB_TK_ULONGLONG:
      return "t";
    case GORB_TK_DOUBLE:
      return "d";
    default:
      return NULL;
    }
}

static gboolean
is_composite (const GorbTypeDesc *resolved)
{
  switch (resolved->kind)
    {
    case GORB_TK_STRUCT:
    case GORB_TK_UNION:
    case GORB_TK_SEQUENCE:
    case GORB_TK_ARRAY:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Recursive sequences */

typedef struct
{
  const GorbTypeDesc *target;
  const GorbTypeDesc *seen[32]; /* composites already walked */
  guint n_seen;
  GHashTable *more_seen; /* owned (nullable): once seen[] is full */
} CycleSearch;

/* Returns FALSE if @type was seen before. */
static gboolean
mark_seen (CycleSearch *search, const GorbTypeDesc *type)
{
  for (guint i = 0; i < search->n_seen; i++)
    if (search->seen[i] == type)
      return FALSE;
  if (search->n_seen < G_N_ELEMENTS (search->seen))
    {
      search->seen[search->n_seen++] = type;
      return TRUE;
    }
  if (search->more_seen == NULL)
    search->more_seen = g_hash_table_new (NULL, NULL);
  return g_hash_table_add (search->more_seen, (gpointer) type);
}

static gboolean
reaches_target (CycleSearch *search, const GorbTypeDesc *type, guint depth)
{
  type = gorb_type_desc_resolve (type);
  if (type == search->target)
    return TRUE;
  if (!is_composite (type) || depth > 2 * GORB_MARSHAL_MAX_DEPTH || !mark_seen (search, type))
    return FALSE;
  if (type->kind == GORB_TK_SEQUENCE || type->kind == GORB_TK_ARRAY)
    return type->content != NULL && reaches_target (search, type->content, depth + 1);
  for (guint i = 0; i < type->n_members; i++)
    if (reaches_target (search, type->members[i].type, depth + 1))
      return TRUE;
  return FALSE;
}

/* Whether the (resolved) sequence @seq can contain itself: then it maps to
 * `av`. A walk over the descriptors reachable from its element type, each
 * visited once. */
static gboolean
sequence_is_recursive (const GorbTypeDesc *seq)
{
  CycleSearch search;
  gboolean found;

  if (!is_composite (gorb_type_desc_resolve (seq->content)))
    return FALSE;
  search.target = seq;
  search.n_seen = 0;
  search.more_seen = NULL;
  found = reaches_target (&search, seq->content, 0);
  g_clear_pointer (&search.more_seen, g_hash_table_unref);
  return found;
}

/* Type strings */

static gboolean
append_type_string (GString *out, const GorbTypeDesc *type, guint depth)
{
  char c;

  if (depth > GORB_MARSHAL_MAX_DEPTH)
    return FALSE;
  type = gorb_type_desc_resolve (type);
  if ((c = basic_type_char (type)) != 0)
    {
      g_string_append_c (out, c);
      return TRUE;
    }
  switch (type->kind)
    {
    case GORB_TK_STRUCT:
      g_string_append_c (out, '(');
      for (guint i = 0; i < type->n_members; i++)
        if (!append_type_string (out, type->members[i].type, depth + 1))
          return FALSE;
      g_string_append_c (out, ')');
      return TRUE;
    case GORB_TK_UNION:
      g_string_append_c (out, '(');
      if (type->content == NULL || !append_type_string (out, type->content, depth + 1))
        return FALSE;
      g_string_append (out, "v)");
      return TRUE;
    case GORB_TK_SEQUENCE:
      if (type->content != NULL && sequence_is_recursive (type))
        {
          g_string_append (out, "av");
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case GORB_TK_ARRAY:
      g_string_append_c (out, 'a');
      return type->content != NULL && append_type_string (out, type->content, depth + 1);
    default:
      return FALSE; /* a typedef without a target, or an unknown kind */
    }
}

/* The type string of @type, or "?" for a broken descriptor; for messages. */
static char *
dup_type_string_for_message (const GorbTypeDesc *type)
{
  GString *s = g_string_new (NULL);

  if (!append_type_string (s, type, 0))
    g_string_assign (s, "?");
  return g_string_free (s, FALSE);
}

/**
 * gorb_type_desc_dup_variant_type:
 * @type: a descriptor
 *
 * The GVariant type that gorb_value_to_variant() produces for values of
 * @type and that gorb_value_from_variant() accepts, as in the mapping of
 * gorb-variant.h: `(ssi)` for `struct Person { string name; string place;
 * long year; }`, `(sv)` for a union switching on an enum. A sequence that
 * can contain itself (a recursive type) is `av`, each element wrapped in a
 * variant: `struct Node { string label; sequence<Node> children; }` is
 * `(sav)`.
 *
 * Returns: (transfer full) (nullable): the type; free with
 *   g_variant_type_free(). %NULL (and a critical) only for a descriptor
 *   that gorb_type_desc_validate() refuses.
 */
GVariantType *
gorb_type_desc_dup_variant_type (const GorbTypeDesc *type)
{
  g_autoptr (GString) s = NULL;

  g_return_val_if_fail (type != NULL, NULL);
  s = g_string_new (NULL);
  if (!append_type_string (s, type, 0) || !g_variant_type_string_is_valid (s->str))
    {
      g_critical ("descriptor '%s' has no GVariant type: it is broken or nests deeper than %d",
                  type->name != NULL ? type->name : gorb_type_kind_to_string (type->kind),
                  GORB_MARSHAL_MAX_DEPTH);
      return NULL;
    }
  return g_variant_type_new (s->str);
}

/* Type checking, before any value is decoded */

static gboolean
fail_type_mismatch (const GorbTypeDesc *type, const GVariantType *actual,
                    const GorbMarshalPath *path, GError **error)
{
  g_autofree char *expected = dup_type_string_for_message (type);
  g_autofree char *got = g_variant_type_dup_string (actual);

  return gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_TYPE_MISMATCH, NULL,
                            "expected a GVariant of type '%s', got '%s'", expected, got);
}

static gboolean
fail_bad_descriptor (const GorbTypeDesc *type, const GorbMarshalPath *path, GError **error)
{
  return gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR, NULL,
                            "descriptor of kind '%s' cannot be mapped to a GVariant",
                            gorb_type_kind_to_string (type->kind));
}

/* Walks @type and @vt together, without allocating unless they differ, so
 * that the error names the innermost member that is wrong. It does not look
 * inside a `v`: the decoder checks those when it opens them. Element types
 * are reported as element 0. */
static gboolean
check_type (const GorbTypeDesc *type, const GVariantType *vt, GorbMarshalPath *path, GError **error)
{
  const char *vts = g_variant_type_peek_string (vt);
  const GorbTypeDesc *resolved = gorb_type_desc_resolve (type);
  char c = basic_type_char (resolved);
  gboolean ok;

  /* A basic GVariant type is one letter, and no other type begins with one. */
  if (c != 0)
    return vts[0] == c || fail_type_mismatch (type, vt, path, error);
  switch (resolved->kind)
    {
    case GORB_TK_STRUCT:
      {
        const GVariantType *item;
        if (!g_variant_type_is_tuple (vt) || g_variant_type_n_items (vt) != resolved->n_members)
          return fail_type_mismatch (type, vt, path, error);
        item = g_variant_type_first (vt);
        for (guint i = 0; i < resolved->n_members; i++, item = g_variant_type_next (item))
          {
            if (!gorb_marshal_path_push (path, resolved->members[i].name, 0, error))
              return FALSE;
            ok = check_type (resolved->members[i].type, item, path, error);
            gorb_marshal_path_pop (path);
            if (!ok)
              return FALSE;
          }
        return TRUE;
      }
    case GORB_TK_UNION:
      {
        const GVariantType *disc;
        char disc_char;
        if (resolved->content == NULL)
          return fail_bad_descriptor (resolved, path, error);
        disc_char = basic_type_char (gorb_type_desc_resolve (resolved->content));
        if (!g_variant_type_is_tuple (vt) || g_variant_type_n_items (vt) != 2)
          return fail_type_mismatch (type, vt, path, error);
        disc = g_variant_type_first (vt);
        if (g_variant_type_peek_string (disc)[0] != disc_char || disc_char == 0
            || !g_variant_type_equal (g_variant_type_next (disc), G_VARIANT_TYPE_VARIANT))
          return fail_type_mismatch (type, vt, path, error);
        return TRUE;
      }
    case GORB_TK_SEQUENCE:
    case GORB_TK_ARRAY:
      if (resolved->content == NULL)
        return fail_bad_descriptor (resolved, path, error);
      if (!g_variant_type_is_array (vt))
        return fail_type_mismatch (type, vt, path, error);
      if (resolved->kind == GORB_TK_SEQUENCE && sequence_is_recursive (resolved))
        return g_variant_type_equal (g_variant_type_element (vt), G_VARIANT_TYPE_VARIANT)
               || fail_type_mismatch (type, vt, path, error);
      if (!gorb_marshal_path_push (path, NULL, 0, error))
        return FALSE;
      ok = check_type (resolved->content, g_variant_type_element (vt), path, error);
      gorb_marshal_path_pop (path);
      return ok;
    default:
      return fail_bad_descriptor (resolved, path, error);
    }
}

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
      fail_bad_descriptor (type, path, error);
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
  const char *fixed = fixed_element_type (elem);
  gboolean recursive = type->kind == GORB_TK_SEQUENCE && sequence_is_recursive (type);
  GVariant **items;
  GVariant *result = NULL;
  gsize i;

  if (n == 0)
    {
      g_autoptr (GString) elem_type = g_string_new (recursive ? "v" : NULL);
      if (!recursive && !append_type_string (elem_type, elem, 0))
        {
          fail_bad_descriptor (elem, path, error);
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
        const char *ref = *(char *const *) value;
        return encode_string (ref != NULL ? ref : "", 0, path, error);
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
  fail_bad_descriptor (type, path, error);
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

  return check_type (type, g_variant_get_type (inner), path, error)
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
    return fail_bad_descriptor (type, path, error);
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

  if (fixed_element_type (elem) != NULL)
    {
      gsize n_fixed = 0;
      gconstpointer src = g_variant_get_fixed_array (variant, &n_fixed, elem->size);
      if (src != NULL)
        memcpy (data, src, MIN (n, n_fixed) * elem->size); /* n_fixed == n */
      return TRUE;
    }
  recursive = type->kind == GORB_TK_SEQUENCE && sequence_is_recursive (type);
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
      return decode_string (variant, 0, TRUE, value, path, error);
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
      return fail_bad_descriptor (type, path, error);
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
  if (!check_type (type, g_variant_get_type (variant), &path, error))
    return FALSE;
  if (!decode (type, variant, value, &path, error))
    {
      gorb_value_clear (type, value);
      memset (value, 0, size);
      return FALSE;
    }
  return TRUE;
}
