/* gorb-marshal-private.h - what the codecs share: the path of the member being
 * coded (for error messages and the depth limit) and error helpers.
 *
 * The path costs two stores per nesting level on the hot path; the string
 * form is only built when an error is reported.
 */
#pragma once

#include "gorb-type.h"
#include "gorb-marshal-error.h"

G_BEGIN_DECLS

/* Whether values of @kind are the same bytes in C and in native-order CDR
 * (fixed-size numbers, octet, char): sequences and arrays of them are copied
 * whole. Inline, so that the codecs' hot paths do not call through the PLT. */
static inline gboolean
gorb_type_kind_is_primitive (GorbTypeKind kind)
{
  switch (kind)
    {
    case GORB_TK_OCTET:
    case GORB_TK_CHAR:
    case GORB_TK_SHORT:
    case GORB_TK_USHORT:
    case GORB_TK_LONG:
    case GORB_TK_ULONG:
    case GORB_TK_LONGLONG:
    case GORB_TK_ULONGLONG:
    case GORB_TK_FLOAT:
    case GORB_TK_DOUBLE:
      return TRUE;
    default:
      return FALSE;
    }
}

typedef struct
{
  const char *name; /* member or case name; NULL: an element, see index */
  guint32 index;
} GorbPathSegment;

typedef struct
{
  const GorbTypeDesc *root;
  const char *root_scope; /* nullable: printed before root_name, with a dot */
  const char *root_name;  /* nullable: names the root instead of its type */
  guint depth;
  GorbPathSegment segments[GORB_MARSHAL_MAX_DEPTH];
} GorbMarshalPath;

static inline void
gorb_marshal_path_init (GorbMarshalPath *path, const GorbTypeDesc *root)
{
  path->root = root;
  path->root_scope = NULL;
  path->root_name = NULL;
  path->depth = 0;
}

/* A root named by what holds it rather than by its type: the RMI layer
 * names a parameter "addPerson.p" (@scope "addPerson", @name "p"), so that
 * messages say "in 'addPerson.p.place'". The strings are borrowed. */
static inline void
gorb_marshal_path_init_named (GorbMarshalPath *path, const GorbTypeDesc *root, const char *scope,
                              const char *name)
{
  gorb_marshal_path_init (path, root);
  path->root_scope = name != NULL ? scope : NULL;
  path->root_name = name;
}

gboolean gorb_marshal_path_too_deep (GorbMarshalPath *path, GError **error);

/* Enters a member (name != NULL) or an element (name == NULL, index). */
static inline gboolean
gorb_marshal_path_push (GorbMarshalPath *path, const char *name, guint32 index, GError **error)
{
  if (G_UNLIKELY (path->depth >= GORB_MARSHAL_MAX_DEPTH))
    return gorb_marshal_path_too_deep (path, error);
  path->segments[path->depth].name = name;
  path->segments[path->depth].index = index;
  path->depth++;
  return TRUE;
}

/* Moves to the next element of the sequence or array just pushed. */
static inline void
gorb_marshal_path_set_index (GorbMarshalPath *path, guint32 index)
{
  path->segments[path->depth - 1].index = index;
}

static inline void
gorb_marshal_path_pop (GorbMarshalPath *path)
{
  path->depth--;
}

/* "Person.place", "PersonSeq[3].name"; the root is named by its root_scope
 * and root_name if set ("addPerson.p.place"), else by its short type name,
 * or "value" for an anonymous type. */
char *gorb_marshal_path_to_string (const GorbMarshalPath *path);

/* Sets @error to "<message> at <location> in '<path>'". @location says where
 * in the input ("offset 12", "line 3"); it may be NULL. Returns FALSE. */
gboolean gorb_marshal_fail (GError **error, const GorbMarshalPath *path, GorbMarshalError code,
                            const char *location, const char *format, ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS
