/* idlc-runtime.c - GorbTypeDesc trees built at run time from a checked AST
 *
 * Layout: the C back end declares a struct's members in IDL order and a
 * union as `struct { D _d; union { cases } _u; }`; the C compiler lays them
 * out by the ABI's rule, which this file applies: a member at the next
 * offset that is a multiple of its alignment, an aggregate aligned as its
 * most aligned member and padded to a multiple of that. The basic types'
 * sizes and alignments are those of libgorb's static descriptors (the
 * compiler's own), a sequence is a GorbSequence, an enum 4 bytes.
 *
 * Recursion: a type can only contain itself through a sequence, whose size
 * does not depend on its element. So a sequence's element is built after
 * everything else (the pending queue): no struct's layout ever waits for
 * one that is still being laid out. */
#include "idlc-runtime.h"

#include <string.h>

/* clang-format off */
G_DEFINE_QUARK (idlc-runtime-error-quark, idlc_runtime_error)
/* clang-format on */

struct _IdlcRuntimeType
{
  const GorbTypeDesc *desc; /* the root; in @blocks */
  GPtrArray *blocks;        /* owned: descriptors, member and enumerator tables */
  GStringChunk *strings;    /* owned: names and repository ids */
};

typedef struct
{
  GorbTypeDesc *desc; /* a sequence whose content is still to build */
  const IdlcType *element;
  guint depth;
} Pending;

typedef struct
{
  IdlcRuntimeType *rt;
  GHashTable *named; /* const IdlcNode * -> GorbTypeDesc *: built or being built */
  GQueue pending;    /* Pending * (owned) */
  GError **error;
} Builder;

static const GorbTypeDesc *type_desc (Builder *b, const IdlcType *t, guint depth);

static const GorbTypeDesc *const base_descs[] = {
  [IDLC_BASE_SHORT] = &gorb_type_short,       [IDLC_BASE_USHORT] = &gorb_type_ushort,
  [IDLC_BASE_LONG] = &gorb_type_long,         [IDLC_BASE_ULONG] = &gorb_type_ulong,
  [IDLC_BASE_LONGLONG] = &gorb_type_longlong, [IDLC_BASE_ULONGLONG] = &gorb_type_ulonglong,
  [IDLC_BASE_FLOAT] = &gorb_type_float,       [IDLC_BASE_DOUBLE] = &gorb_type_double,
  [IDLC_BASE_CHAR] = &gorb_type_char,         [IDLC_BASE_BOOLEAN] = &gorb_type_boolean,
  [IDLC_BASE_OCTET] = &gorb_type_octet,       [IDLC_BASE_VOID] = NULL,
  [IDLC_BASE_OBJECT] = &gorb_type_objref,
};

static gpointer
alloc (Builder *b, gsize size)
{
  gpointer block = g_malloc0 (size);
  g_ptr_array_add (b->rt->blocks, block);
  return block;
}

static GorbTypeDesc *
new_desc (Builder *b, GorbTypeKind kind, guint32 size, guint32 align)
{
  GorbTypeDesc *desc = alloc (b, sizeof *desc);
  desc->kind = kind;
  desc->size = size;
  desc->align = align;
  return desc;
}

static const char *
copy (Builder *b, const char *s)
{
  return s != NULL ? g_string_chunk_insert_const (b->rt->strings, s) : NULL;
}

static void
set_names (Builder *b, GorbTypeDesc *desc, const IdlcNode *n)
{
  desc->name = copy (b, n->scoped_name);
  desc->repo_id = copy (b, n->repo_id);
}

static gboolean fail (Builder *b, IdlcRuntimeError code, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static gboolean
fail (Builder *b, IdlcRuntimeError code, const char *format, ...)
{
  va_list args;

  if (b->error != NULL && *b->error != NULL)
    return FALSE; /* the first error wins */
  va_start (args, format);
  g_propagate_error (b->error, g_error_new_valist (IDLC_RUNTIME_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
too_deep (Builder *b, guint depth)
{
  if (depth < GORB_MARSHAL_MAX_DEPTH)
    return FALSE;
  return !fail (b, IDLC_RUNTIME_ERROR_UNSUPPORTED, "types nested deeper than %d levels",
                GORB_MARSHAL_MAX_DEPTH);
}

/* @offset rounded up to @align (a power of two); FALSE past the size limit. */
static gboolean
align_up (guint64 *offset, guint32 align)
{
  *offset = (*offset + align - 1) & ~((guint64) align - 1);
  return *offset <= IDLC_RUNTIME_MAX_SIZE;
}

static gboolean
too_large (Builder *b, const char *what)
{
  return fail (b, IDLC_RUNTIME_ERROR_TOO_LARGE, "'%s' would take more than %u bytes in C", what,
               IDLC_RUNTIME_MAX_SIZE);
}

/* The descriptor of @t with the array dimensions @dims from @from on (one
 * GORB_TK_ARRAY per dimension, outermost first, aligned as the element). */
static const GorbTypeDesc *
array_desc (Builder *b, const IdlcType *t, GPtrArray *dims, guint from, const char *what,
            guint depth)
{
  if (from == dims->len)
    return type_desc (b, t, depth);
  if (too_deep (b, depth))
    return NULL;
  const GorbTypeDesc *content = array_desc (b, t, dims, from + 1, what, depth + 1);
  if (content == NULL)
    return NULL;
  const IdlcExpr *dim = g_ptr_array_index (dims, from);
  guint64 size = (guint64) content->size * dim->value.u;
  if (dim->value.u == 0 || dim->value.u > G_MAXUINT32 || size > IDLC_RUNTIME_MAX_SIZE)
    {
      too_large (b, what);
      return NULL;
    }
  GorbTypeDesc *desc = new_desc (b, GORB_TK_ARRAY, (guint32) size, content->align);
  desc->content = content;
  desc->bound = (guint32) dim->value.u;
  return desc;
}

static guint32
bound_of (const IdlcExpr *bound)
{
  return bound != NULL ? (guint32) MIN (bound->value.u, G_MAXUINT32) : 0;
}

/* Descriptors that are not ready yet: a struct or union being laid out. */
static gboolean
is_ready (const GorbTypeDesc *desc)
{
  return desc->size != 0;
}

static const GorbTypeDesc *node_desc (Builder *b, const IdlcNode *n, guint depth);

static const GorbTypeDesc *
type_desc (Builder *b, const IdlcType *t, guint depth)
{
  GorbTypeDesc *desc;

  if (too_deep (b, depth))
    return NULL;
  switch (t->kind)
    {
    case IDLC_TYPE_BASE:
      if ((guint) t->base >= G_N_ELEMENTS (base_descs) || base_descs[t->base] == NULL)
        {
          fail (b, IDLC_RUNTIME_ERROR_UNSUPPORTED, "void is not a data type");
          return NULL;
        }
      return base_descs[t->base];
    case IDLC_TYPE_STRING:
      if (t->bound == NULL)
        return &gorb_type_string;
      desc = new_desc (b, GORB_TK_STRING, gorb_type_string.size, gorb_type_string.align);
      desc->bound = bound_of (t->bound);
      return desc;
    case IDLC_TYPE_SEQUENCE:
      {
        Pending *p = g_new (Pending, 1);
        desc = new_desc (b, GORB_TK_SEQUENCE, sizeof (GorbSequence), _Alignof(GorbSequence));
        desc->bound = bound_of (t->bound);
        *p = (Pending){ desc, t->element, depth + 1 };
        g_queue_push_tail (&b->pending, p);
        return desc;
      }
    case IDLC_TYPE_NAMED:
    case IDLC_TYPE_DECL:
      {
        const IdlcNode *n = t->kind == IDLC_TYPE_DECL ? t->decl : t->resolved;
        if (n == NULL)
          {
            fail (b, IDLC_RUNTIME_ERROR_FAILED, "unresolved type '%s'", t->name);
            return NULL;
          }
        if (n->kind == IDLC_NODE_INTERFACE || n->kind == IDLC_NODE_FORWARD)
          return &gorb_type_objref;
        return node_desc (b, n, depth);
      }
    }
  {
    fail (b, IDLC_RUNTIME_ERROR_FAILED, "unknown type kind %d", (int) t->kind);
    return NULL;
  }
}

/* A member of a struct or case of a union: its type with its dimensions. */
static const GorbTypeDesc *
declarator_desc (Builder *b, const IdlcType *t, const IdlcNode *d, const IdlcNode *owner,
                 guint depth)
{
  g_autofree char *what = owner == d ? g_strdup (owner->scoped_name)
                                     : g_strconcat (owner->scoped_name, ".", d->name, NULL);
  const GorbTypeDesc *desc = array_desc (b, t, d->dims, 0, what, depth);
  if (desc != NULL && !is_ready (desc))
    {
      fail (b, IDLC_RUNTIME_ERROR_UNSUPPORTED, "'%s' contains itself", owner->scoped_name);
      return NULL;
    }
  return desc;
}

static guint
n_declarators (const IdlcNode *n)
{
  guint count = 0;
  for (guint i = 0; i < n->children->len; i++)
    count += ((const IdlcNode *) g_ptr_array_index (n->children, i))->children->len;
  return count;
}

static gboolean
build_struct (Builder *b, GorbTypeDesc *desc, const IdlcNode *n, guint depth)
{
  guint n_members = n_declarators (n), k = 0;
  GorbMemberDesc *members = alloc (b, sizeof (GorbMemberDesc) * MAX (n_members, 1));
  guint64 offset = 0;
  guint32 align = 1;

  if (n_members == 0)
    return fail (b, IDLC_RUNTIME_ERROR_UNSUPPORTED,
                 "%s '%s' has no members: there is no value to code",
                 n->kind == IDLC_NODE_EXCEPTION ? "exception" : "struct", n->scoped_name);
  for (guint i = 0; i < n->children->len; i++)
    {
      const IdlcNode *m = g_ptr_array_index (n->children, i);
      for (guint j = 0; j < m->children->len; j++)
        {
          const IdlcNode *d = g_ptr_array_index (m->children, j);
          const GorbTypeDesc *type = declarator_desc (b, m->type, d, n, depth + 1);
          if (type == NULL)
            return FALSE;
          if (!align_up (&offset, type->align))
            return too_large (b, n->scoped_name);
          members[k++] = (GorbMemberDesc){ copy (b, d->c_name), type, (guint32) offset, 0, FALSE };
          offset += type->size;
          align = MAX (align, type->align);
        }
    }
  if (!align_up (&offset, align))
    return too_large (b, n->scoped_name);
  desc->members = members;
  desc->n_members = n_members;
  desc->align = align;
  desc->size = (guint32) offset; /* last: the descriptor is now ready */
  return TRUE;
}

/* A case label as GorbMemberDesc.label holds it: an enumerator's ordinal, a
 * boolean's 0 or 1, a char's code (0..255), an integer's value. */
static gint64
label_value (const IdlcExpr *label)
{
  const IdlcValue *v = &label->value;
  if (v->kind == IDLC_VALUE_INT && v->negative)
    return v->u == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) v->u;
  return (gint64) v->u;
}

static gboolean
build_union (Builder *b, GorbTypeDesc *desc, const IdlcNode *n, guint depth)
{
  const GorbTypeDesc *disc = type_desc (b, n->type, depth + 1);
  guint n_members = 0, k = 0;
  guint64 cases_size = 0, offset;
  guint32 cases_align = 1;

  if (disc == NULL)
    return FALSE;
  for (guint i = 0; i < n->children->len; i++)
    n_members += MAX (((const IdlcNode *) g_ptr_array_index (n->children, i))->labels->len, 1);
  GorbMemberDesc *members = alloc (b, sizeof (GorbMemberDesc) * MAX (n_members, 1));
  for (guint i = 0; i < n->children->len; i++)
    {
      const IdlcNode *c = g_ptr_array_index (n->children, i);
      const IdlcNode *d = g_ptr_array_index (c->children, 0);
      const GorbTypeDesc *type = declarator_desc (b, c->type, d, n, depth + 1);
      if (type == NULL)
        return FALSE;
      cases_size = MAX (cases_size, type->size);
      cases_align = MAX (cases_align, type->align);
      for (guint j = 0; j < c->labels->len; j++)
        {
          const IdlcExpr *label = g_ptr_array_index (c->labels, j);
          members[k++] = (GorbMemberDesc){ copy (b, d->c_name), type, 0,
                                           label != NULL ? label_value (label) : 0, label == NULL };
        }
    }
  /* _d at 0, then `union { ... } _u` aligned as its most aligned case */
  offset = disc->size;
  if (!align_up (&offset, cases_align) || !align_up (&cases_size, cases_align))
    return too_large (b, n->scoped_name);
  for (guint i = 0; i < k; i++)
    members[i].offset = (guint32) offset;
  offset += cases_size;
  desc->align = MAX (disc->align, cases_align);
  if (!align_up (&offset, desc->align))
    return too_large (b, n->scoped_name);
  desc->content = disc;
  desc->members = members;
  desc->n_members = k;
  desc->size = (guint32) offset;
  return TRUE;
}

static void
build_enum (Builder *b, GorbTypeDesc *desc, const IdlcNode *n)
{
  const char **names = alloc (b, sizeof (char *) * MAX (n->children->len, 1));
  for (guint i = 0; i < n->children->len; i++)
    names[i] = copy (b, ((const IdlcNode *) g_ptr_array_index (n->children, i))->name);
  desc->enumerators = names;
  desc->n_members = n->children->len;
}

/* The descriptor of a named definition (struct, union, enum, exception,
 * typedef declarator), built once per tree. */
static const GorbTypeDesc *
node_desc (Builder *b, const IdlcNode *n, guint depth)
{
  GorbTypeDesc *desc = g_hash_table_lookup (b->named, n);
  gboolean ok = TRUE;

  if (desc != NULL)
    return desc;
  if (too_deep (b, depth))
    return NULL;
  switch (n->kind)
    {
    case IDLC_NODE_STRUCT:
    case IDLC_NODE_EXCEPTION:
    case IDLC_NODE_UNION:
      desc = new_desc (b, n->kind == IDLC_NODE_UNION ? GORB_TK_UNION : GORB_TK_STRUCT, 0, 1);
      set_names (b, desc, n);
      g_hash_table_insert (b->named, (gpointer) n, desc);
      ok = n->kind == IDLC_NODE_UNION ? build_union (b, desc, n, depth)
                                      : build_struct (b, desc, n, depth);
      break;
    case IDLC_NODE_ENUM:
      desc = new_desc (b, GORB_TK_ENUM, 4, 4);
      set_names (b, desc, n);
      g_hash_table_insert (b->named, (gpointer) n, desc);
      build_enum (b, desc, n);
      break;
    case IDLC_NODE_DECLARATOR:
      {
        const IdlcNode *td = n->parent;
        if (td == NULL || td->kind != IDLC_NODE_TYPEDEF)
          {
            fail (b, IDLC_RUNTIME_ERROR_NOT_A_TYPE, "'%s' is not a type", n->name);
            return NULL;
          }
        desc = new_desc (b, GORB_TK_ALIAS, 0, 1);
        set_names (b, desc, n);
        g_hash_table_insert (b->named, (gpointer) n, desc);
        const GorbTypeDesc *content = declarator_desc (b, td->type, n, n, depth + 1);
        if (content == NULL)
          return NULL;
        desc->content = content;
        desc->align = content->align;
        desc->size = content->size;
        break;
      }
    default:
      fail (b, IDLC_RUNTIME_ERROR_NOT_A_TYPE, "'%s' is not a data type", n->scoped_name);
      return NULL;
    }
  return ok ? desc : NULL;
}

/* ---- finding definitions ---- */

typedef gboolean (*VisitFunc) (const IdlcNode *n, gpointer data); /* TRUE: stop */

static gboolean walk_nodes (GPtrArray *nodes, VisitFunc visit, gpointer data);

static gboolean
walk_type (const IdlcType *t, VisitFunc visit, gpointer data)
{
  for (; t != NULL; t = t->element)
    if (t->kind == IDLC_TYPE_DECL)
      {
        if (visit (t->decl, data))
          return TRUE;
        if (walk_nodes (t->decl->children, visit, data))
          return TRUE;
      }
  return FALSE;
}

/* Every node with a scoped name, also those declared in place
 * (`struct S { struct T {...} t; }`), in document order. */
static gboolean
walk_nodes (GPtrArray *nodes, VisitFunc visit, gpointer data)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      const IdlcNode *n = g_ptr_array_index (nodes, i);
      if (n->type != NULL && walk_type (n->type, visit, data))
        return TRUE;
      switch (n->kind)
        {
        case IDLC_NODE_MEMBER:
        case IDLC_NODE_CASE:
          continue; /* their declarators are members, not definitions */
        case IDLC_NODE_TYPEDEF:
          if (walk_nodes (n->children, visit, data))
            return TRUE;
          continue;
        default:
          break;
        }
      if (visit (n, data))
        return TRUE;
      if (walk_nodes (n->children, visit, data))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  const char *name;
  const IdlcNode *found;
} Find;

static gboolean
find_visit (const IdlcNode *n, gpointer data)
{
  Find *f = data;
  if (n->scoped_name == NULL || strcmp (n->scoped_name, f->name) != 0)
    return FALSE;
  f->found = n->definition != NULL ? n->definition : n;
  return TRUE;
}

/**
 * idlc_runtime_find:
 * @ast: a checked tree
 * @name: a scoped name, "Mod::Type" or "::Mod::Type"
 *
 * Returns: (transfer none) (nullable): the definition @name names, in the
 *   main file or an #include'd one (for a forward declaration or a reopened
 *   module, the defining node)
 */
const IdlcNode *
idlc_runtime_find (const IdlcAst *ast, const char *name)
{
  Find f = { name, NULL };

  g_return_val_if_fail (ast != NULL && name != NULL, NULL);
  if (g_str_has_prefix (name, "::"))
    f.name += 2;
  walk_nodes (ast->definitions, find_visit, &f);
  return f.found;
}

static gboolean
is_data_type (const IdlcNode *n)
{
  switch (n->kind)
    {
    case IDLC_NODE_STRUCT:
    case IDLC_NODE_UNION:
    case IDLC_NODE_ENUM:
      return n->definition == n;
    case IDLC_NODE_EXCEPTION:
      return n_declarators (n) > 0;
    case IDLC_NODE_DECLARATOR:
      return n->parent != NULL && n->parent->kind == IDLC_NODE_TYPEDEF;
    default:
      return FALSE;
    }
}

typedef struct
{
  const IdlcAst *ast;
  gboolean main_only;
  GPtrArray *names;
} List;

static gboolean
list_visit (const IdlcNode *n, gpointer data)
{
  List *l = data;
  if (n->scoped_name != NULL && is_data_type (n)
      && (!l->main_only || idlc_ast_is_main_file (l->ast, n)))
    g_ptr_array_add (l->names, (gpointer) n->scoped_name);
  return FALSE;
}

/**
 * idlc_runtime_list_types:
 * @ast: a checked tree
 * @main_file_only: leave out the types of #include'd files
 *
 * Returns: (transfer container) (element-type utf8): the scoped names of the
 *   data types idlc_runtime_type_new() can build, in document order;
 *   the strings belong to @ast
 */
GPtrArray *
idlc_runtime_list_types (const IdlcAst *ast, gboolean main_file_only)
{
  List l = { ast, main_file_only, g_ptr_array_new () };

  g_return_val_if_fail (ast != NULL, NULL);
  walk_nodes (ast->definitions, list_visit, &l);
  return l.names;
}

/* Levenshtein distance, case-insensitive, for suggestions only. */
static guint
distance (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diag = row[0];
      row[0] = (guint) i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;
          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
          diag = up;
        }
    }
  return row[lb];
}

static const char *
last_component (const char *name)
{
  const char *sep = g_strrstr (name, "::");
  return sep != NULL ? sep + 2 : name;
}

/**
 * idlc_runtime_suggest_type:
 * @ast: a checked tree
 * @name: a name that idlc_runtime_find() did not find
 *
 * Returns: (transfer none) (nullable): the data type whose scoped name is
 *   nearest to @name (or whose last component is @name's), if one is near
 *   enough to be a likely typo
 */
const char *
idlc_runtime_suggest_type (const IdlcAst *ast, const char *name)
{
  g_autoptr (GPtrArray) names = idlc_runtime_list_types (ast, FALSE);
  const char *best = NULL;
  guint best_distance = G_MAXUINT;

  if (g_str_has_prefix (name, "::"))
    name += 2;
  if (strlen (name) > 256)
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      const char *candidate = g_ptr_array_index (names, i);
      guint d = g_ascii_strcasecmp (last_component (candidate), last_component (name)) == 0
                    ? 0
                    : distance (candidate, name);
      if (d < best_distance)
        {
          best = candidate;
          best_distance = d;
        }
    }
  return best_distance <= MAX (2, strlen (name) / 3) ? best : NULL;
}

/* ---- building ---- */

static const char *
node_kind_name (const IdlcNode *n)
{
  switch (n->kind)
    {
    case IDLC_NODE_MODULE:
      return "a module";
    case IDLC_NODE_INTERFACE:
    case IDLC_NODE_FORWARD:
      return "an interface";
    case IDLC_NODE_CONST:
      return "a constant";
    case IDLC_NODE_ENUMERATOR:
      return "an enumerator";
    case IDLC_NODE_OPERATION:
      return "an operation";
    case IDLC_NODE_EXCEPTION:
      return "an exception without members";
    case IDLC_NODE_STRUCT_FORWARD:
    case IDLC_NODE_UNION_FORWARD:
      return "a forward declaration without a definition";
    default:
      return "not a data type";
    }
}

/**
 * idlc_runtime_type_new:
 * @ast: a tree that idlc_check() passed without errors
 * @name: the scoped name of a data type: "Mod::Type" or "::Mod::Type"
 * @error: return location for an %IDLC_RUNTIME_ERROR
 *
 * Builds the descriptor tree of @name (see the file comment).
 *
 * Errors: NOT_FOUND if nothing is called @name, NOT_A_TYPE if it is a
 * module, interface, constant or the like, UNSUPPORTED for an exception
 * without members or types nested deeper than %GORB_MARSHAL_MAX_DEPTH,
 * TOO_LARGE past %IDLC_RUNTIME_MAX_SIZE.
 *
 * Returns: (transfer full) (nullable): the tree, or %NULL
 */
IdlcRuntimeType *
idlc_runtime_type_new (const IdlcAst *ast, const char *name, GError **error)
{
  g_autoptr (IdlcRuntimeType) rt = g_new0 (IdlcRuntimeType, 1);
  g_autoptr (GError) local_error = NULL;
  Builder b = { rt, g_hash_table_new (NULL, NULL), G_QUEUE_INIT, &local_error };
  const IdlcNode *n;
  Pending *p;

  g_return_val_if_fail (ast != NULL && name != NULL, NULL);
  rt->blocks = g_ptr_array_new_with_free_func (g_free);
  rt->strings = g_string_chunk_new (256);
  n = idlc_runtime_find (ast, name);
  if (n == NULL)
    fail (&b, IDLC_RUNTIME_ERROR_NOT_FOUND, "no type '%s'", name);
  else if (!is_data_type (n))
    fail (&b, IDLC_RUNTIME_ERROR_NOT_A_TYPE, "'%s' is %s, not a data type", n->scoped_name,
          node_kind_name (n));
  else
    rt->desc = node_desc (&b, n, 0);
  while (local_error == NULL && (p = g_queue_pop_head (&b.pending)) != NULL)
    {
      p->desc->content = type_desc (&b, p->element, p->depth);
      g_free (p);
    }
  g_queue_clear_full (&b.pending, g_free);
  g_hash_table_unref (b.named);
  if (local_error == NULL && !gorb_type_desc_validate (rt->desc, &local_error))
    g_prefix_error (&local_error, "internal error: ");
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&rt);
}

/**
 * idlc_runtime_type_get_desc:
 *
 * Returns: (transfer none): the root descriptor, valid as long as @type
 */
const GorbTypeDesc *
idlc_runtime_type_get_desc (const IdlcRuntimeType *type)
{
  g_return_val_if_fail (type != NULL, NULL);
  return type->desc;
}

/**
 * idlc_runtime_type_free:
 * @type: (transfer full) (nullable): a tree
 *
 * Frees every descriptor, table and string of the tree at once.
 */
void
idlc_runtime_type_free (IdlcRuntimeType *type)
{
  if (type == NULL)
    return;
  g_ptr_array_unref (type->blocks);
  if (type->strings != NULL)
    g_string_chunk_free (type->strings);
  g_free (type);
}
