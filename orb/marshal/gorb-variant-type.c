/* gorb-variant-type.c - the GVariant type of a descriptor, and the check of
 * a variant's type against a descriptor before anything is decoded (see
 * gorb-variant.c for the mapping and its rule for recursive types) */
#include "gorb-variant-private.h"

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
const char *
gorb_variant_fixed_element_type (const GorbTypeDesc *resolved)
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
gboolean
gorb_variant_sequence_is_recursive (const GorbTypeDesc *seq)
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

gboolean
gorb_variant_append_type_string (GString *out, const GorbTypeDesc *type, guint depth)
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
        if (!gorb_variant_append_type_string (out, type->members[i].type, depth + 1))
          return FALSE;
      g_string_append_c (out, ')');
      return TRUE;
    case GORB_TK_UNION:
      g_string_append_c (out, '(');
      if (type->content == NULL || !gorb_variant_append_type_string (out, type->content, depth + 1))
        return FALSE;
      g_string_append (out, "v)");
      return TRUE;
    case GORB_TK_SEQUENCE:
      if (type->content != NULL && gorb_variant_sequence_is_recursive (type))
        {
          g_string_append (out, "av");
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case GORB_TK_ARRAY:
      g_string_append_c (out, 'a');
      return type->content != NULL
             && gorb_variant_append_type_string (out, type->content, depth + 1);
    default:
      return FALSE; /* a typedef without a target, or an unknown kind */
    }
}

/* The type string of @type, or "?" for a broken descriptor; for messages. */
static char *
dup_type_string_for_message (const GorbTypeDesc *type)
{
  GString *s = g_string_new (NULL);

  if (!gorb_variant_append_type_string (s, type, 0))
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
  if (!gorb_variant_append_type_string (s, type, 0) || !g_variant_type_string_is_valid (s->str))
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

gboolean
gorb_variant_fail_bad_descriptor (const GorbTypeDesc *type, const GorbMarshalPath *path,
                                  GError **error)
{
  return gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR, NULL,
                            "descriptor of kind '%s' cannot be mapped to a GVariant",
                            gorb_type_kind_to_string (type->kind));
}

/* Walks @type and @vt together, without allocating unless they differ, so
 * that the error names the innermost member that is wrong. It does not look
 * inside a `v`: the decoder checks those when it opens them. Element types
 * are reported as element 0. */
gboolean
gorb_variant_check_type (const GorbTypeDesc *type, const GVariantType *vt, GorbMarshalPath *path,
                         GError **error)
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
            ok = gorb_variant_check_type (resolved->members[i].type, item, path, error);
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
          return gorb_variant_fail_bad_descriptor (resolved, path, error);
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
        return gorb_variant_fail_bad_descriptor (resolved, path, error);
      if (!g_variant_type_is_array (vt))
        return fail_type_mismatch (type, vt, path, error);
      if (resolved->kind == GORB_TK_SEQUENCE && gorb_variant_sequence_is_recursive (resolved))
        return g_variant_type_equal (g_variant_type_element (vt), G_VARIANT_TYPE_VARIANT)
               || fail_type_mismatch (type, vt, path, error);
      if (!gorb_marshal_path_push (path, NULL, 0, error))
        return FALSE;
      ok = gorb_variant_check_type (resolved->content, g_variant_type_element (vt), path, error);
      gorb_marshal_path_pop (path);
      return ok;
    default:
      return gorb_variant_fail_bad_descriptor (resolved, path, error);
    }
}
