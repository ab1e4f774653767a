/* gorb-type.h - type descriptors: what the codecs know about an IDL type
 *
 * A descriptor is plain static data, emitted by gorb-idlc (or written by hand
 * in tests), that describes one IDL type and the C value that holds it. The
 * CDR, XML and GVariant codecs interpret descriptors over C values; none of
 * them has per-type code.
 *
 * C mapping (the layout every codec assumes):
 *
 *   boolean             gboolean (4 bytes; encoded 0 or 1)
 *   octet / char        guint8 / gchar
 *   short, ushort       gint16, guint16
 *   long, ulong         gint32, guint32
 *   long long, ull      gint64, guint64
 *   float, double       gfloat, gdouble
 *   string, string<N>   char * (owned, NUL-terminated, never %NULL in a value)
 *   enum                a C enum whose size is 4 (values 0 .. n-1)
 *   struct              a C struct; members at their offsetof()
 *   union               struct { <discriminator> _d; union { ... } _u; }: the
 *                       discriminator is at offset 0, each case at its offsetof()
 *   sequence<T[,N]>     GorbSequence layout: struct { T *data; guint32 len; }
 *   T name[N]           N elements of T, inline
 *   typedef             the C type of its target
 *   object reference    GObject * (owned ref): a proxy or a local servant, %NULL
 *                       for a nil reference (see gorb-objref.h for how the
 *                       codecs turn it into a reference and back)
 *
 * Invariants: @size and @align are those of the C type (sizeof, _Alignof);
 * struct members are listed in IDL order; descriptors are never freed.
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include <glib.h>
#include <stddef.h>

G_BEGIN_DECLS

/* Nesting deeper than this (struct in sequence in union ...) is refused by
 * every codec, so a hostile message cannot exhaust the stack. */
#define GORB_MARSHAL_MAX_DEPTH 64

typedef enum
{
  GORB_TK_BOOLEAN,
  GORB_TK_OCTET,
  GORB_TK_CHAR,
  GORB_TK_SHORT,
  GORB_TK_USHORT,
  GORB_TK_LONG,
  GORB_TK_ULONG,
  GORB_TK_LONGLONG,
  GORB_TK_ULONGLONG,
  GORB_TK_FLOAT,
  GORB_TK_DOUBLE,
  GORB_TK_STRING,   /* bound: 0 = unbounded */
  GORB_TK_ENUM,     /* n_members enumerators */
  GORB_TK_STRUCT,   /* n_members members */
  GORB_TK_UNION,    /* content: discriminator type; members: the cases */
  GORB_TK_SEQUENCE, /* content: element type; bound: 0 = unbounded */
  GORB_TK_ARRAY,    /* content: element type; bound: the length */
  GORB_TK_ALIAS,    /* content: the aliased type */
  GORB_TK_OBJREF,   /* Object: see the C mapping above and gorb-objref.h */
} GorbTypeKind;

typedef struct _GorbTypeDesc GorbTypeDesc;

/**
 * GorbMemberDesc:
 * @name: the IDL name of the member or union case
 * @type: its type
 * @offset: offsetof() the member in the C struct (for a union case, in the
 *   union's C struct, i.e. including the offset of `_u`)
 * @label: union cases only: the label; an enum label is the enumerator's
 *   ordinal, a boolean one 0 or 1, a char one its code
 * @is_default: union cases only: this is the `default:` case (@label unused)
 *
 * A union case with several labels is listed once per label.
 */
typedef struct
{
  const char *name;
  const GorbTypeDesc *type;
  guint32 offset;
  gint64 label;
  gboolean is_default;
} GorbMemberDesc;

struct _GorbTypeDesc
{
  GorbTypeKind kind;
  guint32 size;                /* sizeof the C value */
  guint32 align;               /* _Alignof the C value */
  const char *name;            /* scoped IDL name ("Demo::Person"); NULL for anonymous types */
  const char *repo_id;         /* "IDL:Demo/Person:1.0"; NULL for anonymous types */
  const GorbTypeDesc *content; /* see GorbTypeKind */
  guint32 bound;               /* see GorbTypeKind */
  guint32 n_members;
  const GorbMemberDesc *members;  /* struct members, union cases */
  const char *const *enumerators; /* enum: n_members names */
};

/* The C layout of every sequence (generated code declares typed twins). */
typedef struct
{
  gpointer data; /* owned: len elements of the element type; NULL when len is 0 */
  guint32 len;
} GorbSequence;

#define GORB_SEQUENCE(ElementType)                                                                 \
  struct                                                                                           \
  {                                                                                                \
    ElementType *data;                                                                             \
    guint32 len;                                                                                   \
  }

/* Descriptors of the basic types. */
extern const GorbTypeDesc gorb_type_boolean;
extern const GorbTypeDesc gorb_type_octet;
extern const GorbTypeDesc gorb_type_char;
extern const GorbTypeDesc gorb_type_short;
extern const GorbTypeDesc gorb_type_ushort;
extern const GorbTypeDesc gorb_type_long;
extern const GorbTypeDesc gorb_type_ulong;
extern const GorbTypeDesc gorb_type_longlong;
extern const GorbTypeDesc gorb_type_ulonglong;
extern const GorbTypeDesc gorb_type_float;
extern const GorbTypeDesc gorb_type_double;
extern const GorbTypeDesc gorb_type_string; /* unbounded */
extern const GorbTypeDesc gorb_type_objref;

/* Helpers for descriptor tables (generated code and tests). */
#define GORB_MEMBER(CType, field, type_desc)                                                       \
  {                                                                                                \
#field, (type_desc), (guint32) offsetof(CType, field), 0, FALSE                                \
  }
#define GORB_CASE(CType, field, type_desc, case_label)                                             \
  {                                                                                                \
#field, (type_desc), (guint32) offsetof(CType, _u.field), (case_label), FALSE                  \
  }
#define GORB_DEFAULT_CASE(CType, field, type_desc)                                                 \
  {                                                                                                \
#field, (type_desc), (guint32) offsetof(CType, _u.field), 0, TRUE                              \
  }

const char *gorb_type_kind_to_string (GorbTypeKind kind);
const GorbTypeDesc *gorb_type_desc_resolve (const GorbTypeDesc *type);
const char *gorb_type_desc_get_short_name (const GorbTypeDesc *type);
gsize gorb_type_desc_get_cdr_min_size (const GorbTypeDesc *type);
gboolean gorb_type_desc_is_primitive (const GorbTypeDesc *type);
gboolean gorb_type_desc_validate (const GorbTypeDesc *type, GError **error);

const GorbMemberDesc *gorb_union_find_case (const GorbTypeDesc *type, gint64 discriminator);
gboolean gorb_union_get_discriminator (const GorbTypeDesc *type, gconstpointer value,
                                       gint64 *discriminator);
void gorb_union_set_discriminator (const GorbTypeDesc *type, gpointer value, gint64 discriminator);

G_END_DECLS
