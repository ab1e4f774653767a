/* gorb-type.c - the basic type descriptors and queries on descriptors */
#include "gorb-marshal-private.h"

#include <string.h>

#define BASIC_TYPE(var, tk, ctype, idl)                                                            \
  const GorbTypeDesc var                                                                           \
      = { .kind = tk, .size = sizeof (ctype), .align = _Alignof(ctype), .name = idl }

BASIC_TYPE (gorb_type_boolean, GORB_TK_BOOLEAN, gboolean, "boolean");
BASIC_TYPE (gorb_type_octet, GORB_TK_OCTET, guint8, "octet");
BASIC_TYPE (gorb_type_char, GORB_TK_CHAR, gchar, "char");
BASIC_TYPE (gorb_type_short, GORB_TK_SHORT, gint16, "short");
BASIC_TYPE (gorb_type_ushort, GORB_TK_USHORT, guint16, "unsigned short");
BASIC_TYPE (gorb_type_long, GORB_TK_LONG, gint32, "long");
BASIC_TYPE (gorb_type_ulong, GORB_TK_ULONG, guint32, "unsigned long");
BASIC_TYPE (gorb_type_longlong, GORB_TK_LONGLONG, gint64, "long long");
BASIC_TYPE (gorb_type_ulonglong, GORB_TK_ULONGLONG, guint64, "unsigned long long");
BASIC_TYPE (gorb_type_float, GORB_TK_FLOAT, gfloat, "float");
BASIC_TYPE (gorb_type_double, GORB_TK_DOUBLE, gdouble, "double");
BASIC_TYPE (gorb_type_string, GORB_TK_STRING, char *, "string");
BASIC_TYPE (gorb_type_objref, GORB_TK_OBJREF, gpointer, "Object"); /* a GObject * */

static const char *const kind_names[] = {
  "boolean",       "octet",          "char",
  "short",         "unsigned short", "long",
  "unsigned long", "long long",      "unsigned long long",
  "float",         "double",         "string",
  "enum",          "struct",         "union",
  "sequence",      "array",          "typedef",
  "Object",
};
G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == GORB_TK_OBJREF + 1);

const char *
gorb_type_kind_to_string (GorbTypeKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (kind_names))
    return "invalid";
  return kind_names[kind];
}

/**
 * gorb_type_desc_resolve:
 * @type: a descriptor
 *
 * Returns: (transfer none): @type with every typedef looked through.
 */
const GorbTypeDesc *
gorb_type_desc_resolve (const GorbTypeDesc *type)
{
  guint hops = 0;

  while (type->kind == GORB_TK_ALIAS && type->content != NULL && hops++ < GORB_MARSHAL_MAX_DEPTH)
    type = type->content;
  return type;
}

/**
 * gorb_type_desc_get_short_name:
 *
 * Returns: (transfer none): the last component of the scoped name
 *   ("Person" for "Demo::Person"), or "value" for an anonymous type.
 */
const char *
gorb_type_desc_get_short_name (const GorbTypeDesc *type)
{
  const char *sep;

  if (type->name == NULL)
    return "value";
  sep = strrchr (type->name, ':');
  return sep != NULL ? sep + 1 : type->name;
}

/* Whether the C value and its CDR form are the same bytes in native order:
 * a fixed-size number or octet. Sequences and arrays of these go through
 * with one copy (and one swap pass for the other byte order). */
gboolean
gorb_type_desc_is_primitive (const GorbTypeDesc *type)
{
  return gorb_type_kind_is_primitive (gorb_type_desc_resolve (type)->kind);
}

static gsize
cdr_min_size (const GorbTypeDesc *type, guint depth)
{
  gsize total = 0;

  if (depth > GORB_MARSHAL_MAX_DEPTH)
    return 1;
  type = gorb_type_desc_resolve (type);
  switch (type->kind)
    {
    case GORB_TK_BOOLEAN:
    case GORB_TK_OCTET:
    case GORB_TK_CHAR:
      return 1;
    case GORB_TK_SHORT:
    case GORB_TK_USHORT:
      return 2;
    case GORB_TK_LONG:
    case GORB_TK_ULONG:
    case GORB_TK_FLOAT:
    case GORB_TK_ENUM:
    case GORB_TK_SEQUENCE:
      return 4;
    case GORB_TK_STRING:
    case GORB_TK_OBJREF:
      return 5; /* length and the NUL */
    case GORB_TK_LONGLONG:
    case GORB_TK_ULONGLONG:
    case GORB_TK_DOUBLE:
      return 8;
    case GORB_TK_STRUCT:
      for (guint i = 0; i < type->n_members; i++)
        total += cdr_min_size (type->members[i].type, depth + 1);
      return MAX (total, 1);
    case GORB_TK_UNION:
      return type->content != NULL ? cdr_min_size (type->content, depth + 1) : 1;
    case GORB_TK_ARRAY:
      return MAX ((gsize) type->bound * cdr_min_size (type->content, depth + 1), 1);
    case GORB_TK_ALIAS:
    default:
      return 1;
    }
}

/**
 * gorb_type_desc_get_cdr_min_size:
 *
 * The fewest bytes any value of @type takes in CDR (padding not counted), at
 * least 1. Decoders use it to refuse a sequence length that the bytes left
 * cannot hold before they allocate anything.
 */
gsize
gorb_type_desc_get_cdr_min_size (const GorbTypeDesc *type)
{
  return cdr_min_size (type, 0);
}

static gboolean
read_integer (const GorbTypeDesc *type, gconstpointer p, gint64 *out)
{
  switch (gorb_type_desc_resolve (type)->kind)
    {
    case GORB_TK_BOOLEAN:
      *out = *(const gboolean *) p ? 1 : 0;
      return TRUE;
    case GORB_TK_CHAR:
      *out = *(const guint8 *) p;
      return TRUE;
    case GORB_TK_SHORT:
      *out = *(const gint16 *) p;
      return TRUE;
    case GORB_TK_USHORT:
      *out = *(const guint16 *) p;
      return TRUE;
    case GORB_TK_LONG:
      *out = *(const gint32 *) p;
      return TRUE;
    case GORB_TK_ULONG:
    case GORB_TK_ENUM:
      *out = *(const guint32 *) p;
      return TRUE;
    case GORB_TK_LONGLONG:
      *out = *(const gint64 *) p;
      return TRUE;
    case GORB_TK_ULONGLONG:
      *out = (gint64) * (const guint64 *) p;
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * gorb_union_get_discriminator:
 * @type: a union descriptor
 * @value: the union's C value
 * @discriminator: (out): the discriminator, widened as labels are
 *
 * Returns: %FALSE if the descriptor's discriminator type is not an integer,
 *   char, boolean or enum type.
 */
gboolean
gorb_union_get_discriminator (const GorbTypeDesc *type, gconstpointer value, gint64 *discriminator)
{
  type = gorb_type_desc_resolve (type);
  g_return_val_if_fail (type->kind == GORB_TK_UNION, FALSE);
  return read_integer (type->content, value, discriminator);
}

void
gorb_union_set_discriminator (const GorbTypeDesc *type, gpointer value, gint64 d)
{
  type = gorb_type_desc_resolve (type);
  g_return_if_fail (type->kind == GORB_TK_UNION);
  switch (gorb_type_desc_resolve (type->content)->kind)
    {
    case GORB_TK_BOOLEAN:
      *(gboolean *) value = d != 0;
      break;
    case GORB_TK_CHAR:
      *(guint8 *) value = (guint8) d;
      break;
    case GORB_TK_SHORT:
    case GORB_TK_USHORT:
      *(guint16 *) value = (guint16) d;
      break;
    case GORB_TK_LONG:
    case GORB_TK_ULONG:
    case GORB_TK_ENUM:
      *(guint32 *) value = (guint32) d;
      break;
    case GORB_TK_LONGLONG:
    case GORB_TK_ULONGLONG:
      *(guint64 *) value = (guint64) d;
      break;
    default:
      g_return_if_reached ();
    }
}

/**
 * gorb_union_find_case:
 * @type: a union descriptor
 * @discriminator: a discriminator value
 *
 * Returns: (transfer none) (nullable): the case that @discriminator selects:
 *   the one with that label, else the default case, else %NULL.
 */
const GorbMemberDesc *
gorb_union_find_case (const GorbTypeDesc *type, gint64 discriminator)
{
  const GorbMemberDesc *fallback = NULL;

  type = gorb_type_desc_resolve (type);
  for (guint i = 0; i < type->n_members; i++)
    {
      const GorbMemberDesc *m = &type->members[i];
      if (m->is_default)
        fallback = m;
      else if (m->label == discriminator)
        return m;
    }
  return fallback;
}

/* @stack holds the descriptors being validated above @type: a sequence whose
 * element is one of them is recursive and is not descended into again. */
static gboolean
validate (const GorbTypeDesc *type, const GorbTypeDesc **stack, guint depth, GError **error)
{
  const char *name = type->name != NULL ? type->name : gorb_type_kind_to_string (type->kind);

#define BAD(...)                                                                                   \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *msg_ = g_strdup_printf (__VA_ARGS__);                                         \
    g_set_error (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR,                     \
                 "descriptor '%s': %s", name, msg_);                                               \
    return FALSE;                                                                                  \
  }                                                                                                \
  G_STMT_END

  if (depth >= GORB_MARSHAL_MAX_DEPTH)
    BAD ("nested deeper than %d levels", GORB_MARSHAL_MAX_DEPTH);
  stack[depth] = type;
  if ((guint) type->kind > GORB_TK_OBJREF)
    BAD ("unknown kind %d", (int) type->kind);
  if (type->size == 0 || type->align == 0 || (type->align & (type->align - 1)) != 0)
    BAD ("size %u and alignment %u are not a C type's", type->size, type->align);
  switch (type->kind)
    {
    case GORB_TK_ENUM:
      if (type->n_members == 0 || type->enumerators == NULL || type->size != 4)
        BAD ("an enum needs enumerators and a size of 4");
      break;
    case GORB_TK_STRUCT:
      if (type->n_members == 0 || type->members == NULL)
        BAD ("a struct needs members");
      for (guint i = 0; i < type->n_members; i++)
        {
          const GorbMemberDesc *m = &type->members[i];
          if (m->name == NULL || m->type == NULL)
            BAD ("member %u has no name or type", i);
          if (m->offset + m->type->size > type->size)
            BAD ("member '%s' lies outside the struct", m->name);
          if (!validate (m->type, stack, depth + 1, error))
            return FALSE;
        }
      break;
    case GORB_TK_UNION:
      {
        gint64 ignored;
        guint n_default = 0;
        guint64 dummy_value = 0;
        if (type->content == NULL || type->n_members == 0 || type->members == NULL)
          BAD ("a union needs a discriminator type and cases");
        if (!read_integer (type->content, &dummy_value, &ignored))
          BAD ("discriminator type '%s' is not integral",
               gorb_type_kind_to_string (type->content->kind));
        for (guint i = 0; i < type->n_members; i++)
          {
            const GorbMemberDesc *m = &type->members[i];
            if (m->name == NULL || m->type == NULL)
              BAD ("case %u has no name or type", i);
            if (m->offset + m->type->size > type->size)
              BAD ("case '%s' lies outside the union", m->name);
            n_default += m->is_default ? 1 : 0;
            for (guint j = 0; j < i; j++)
              if (!m->is_default && !type->members[j].is_default
                  && type->members[j].label == m->label)
                BAD ("label %" G_GINT64_FORMAT " appears twice", m->label);
            if (!validate (m->type, stack, depth + 1, error))
              return FALSE;
          }
        if (n_default > 1)
          BAD ("more than one default case");
        break;
      }
    case GORB_TK_SEQUENCE:
      if (type->content == NULL || type->size != sizeof (GorbSequence))
        BAD ("a sequence needs an element type and GorbSequence's layout");
      for (guint i = 0; i <= depth; i++)
        if (stack[i] == type->content)
          return TRUE; /* recursive: already being checked */
      return validate (type->content, stack, depth + 1, error);
    case GORB_TK_ARRAY:
      if (type->content == NULL || type->bound == 0)
        BAD ("an array needs an element type and a length");
      if ((guint64) type->content->size * type->bound != type->size)
        BAD ("size %u is not %u elements of %u bytes", type->size, type->bound,
             type->content->size);
      return validate (type->content, stack, depth + 1, error);
    case GORB_TK_ALIAS:
      if (type->content == NULL)
        BAD ("a typedef needs a target");
      if (type->content->size != type->size)
        BAD ("size differs from its target's");
      return validate (type->content, stack, depth + 1, error);
    default:
      break;
    }
  return TRUE;
#undef BAD
}

/**
 * gorb_type_desc_validate:
 * @type: a descriptor
 * @error: return location for a %GORB_MARSHAL_ERROR_BAD_DESCRIPTOR error
 *
 * Checks that a (hand-written or generated) descriptor is consistent: sizes,
 * member offsets, union labels. The codecs trust descriptors; this is for
 * tests and for descriptors built at run time.
 */
gboolean
gorb_type_desc_validate (const GorbTypeDesc *type, GError **error)
{
  const GorbTypeDesc *stack[GORB_MARSHAL_MAX_DEPTH];

  g_return_val_if_fail (type != NULL, FALSE);
  return validate (type, stack, 0, error);
}
