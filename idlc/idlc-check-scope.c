/* idlc-check-scope.c - the semantic stage's scopes: the symbol table of every
 * scope (reopened modules merged), redefinitions, the case-insensitive clash
 * rule, and the resolution of scoped names by IDL's rules */
#include "idlc-check-private.h"

#include <string.h>

const char *
idlc_node_what (const IdlcNode *node)
{
  switch (node->kind)
    {
    case IDLC_NODE_MODULE:
      return "module";
    case IDLC_NODE_INTERFACE:
    case IDLC_NODE_FORWARD:
      return "interface";
    case IDLC_NODE_STRUCT:
    case IDLC_NODE_STRUCT_FORWARD:
      return "struct";
    case IDLC_NODE_UNION:
    case IDLC_NODE_UNION_FORWARD:
      return "union";
    case IDLC_NODE_ENUM:
      return "enum";
    case IDLC_NODE_ENUMERATOR:
      return "enumerator";
    case IDLC_NODE_EXCEPTION:
      return "exception";
    case IDLC_NODE_CONST:
      return "const";
    case IDLC_NODE_OPERATION:
      return "operation";
    case IDLC_NODE_PARAM:
      return "parameter";
    case IDLC_NODE_DECLARATOR:
      if (node->parent != NULL && node->parent->kind == IDLC_NODE_TYPEDEF)
        return "typedef";
      if (node->parent != NULL && node->parent->kind == IDLC_NODE_ATTRIBUTE)
        return "attribute";
      return "member";
    default:
      return "declaration";
    }
}

static Scope *
scope_new (Checker *c, IdlcNode *owner, Scope *parent)
{
  Scope *s = g_new0 (Scope, 1);
  s->owner = owner;
  s->parent = parent;
  s->names = g_hash_table_new (g_str_hash, g_str_equal);
  s->folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (c->owned, s);
  if (owner != NULL)
    g_hash_table_insert (c->scopes, owner, s);
  return s;
}

static void
scope_free (gpointer data)
{
  Scope *s = data;
  g_hash_table_unref (s->names);
  g_hash_table_unref (s->folded);
  g_free (s);
}

void
idlc_check_scopes_free (Checker *c)
{
  g_ptr_array_set_free_func (c->owned, scope_free);
  g_ptr_array_unref (c->owned);
}

Scope *
idlc_check_scope_of (Checker *c, IdlcNode *node)
{
  return g_hash_table_lookup (c->scopes, node);
}

static gboolean
is_forward (const IdlcNode *n)
{
  return n->kind == IDLC_NODE_FORWARD || n->kind == IDLC_NODE_STRUCT_FORWARD
         || n->kind == IDLC_NODE_UNION_FORWARD;
}

/* The full definition a forward declaration @fwd announces. */
static gboolean
defines (const IdlcNode *def, const IdlcNode *fwd)
{
  return (fwd->kind == IDLC_NODE_FORWARD && def->kind == IDLC_NODE_INTERFACE)
         || (fwd->kind == IDLC_NODE_STRUCT_FORWARD && def->kind == IDLC_NODE_STRUCT)
         || (fwd->kind == IDLC_NODE_UNION_FORWARD && def->kind == IDLC_NODE_UNION);
}

static void
declare (Checker *c, Scope *s, IdlcNode *n)
{
  IdlcNode *prev = g_hash_table_lookup (s->names, n->name);
  g_autofree char *lower = g_ascii_strdown (n->name, -1);

  g_hash_table_insert (c->order, n, GUINT_TO_POINTER (g_hash_table_size (c->order) + 1));
  if (prev != NULL)
    {
      if ((is_forward (n) && (prev->kind == n->kind || defines (prev, n))))
        return; /* a forward declaration again, or after the definition */
      if (is_forward (prev) && defines (n, prev))
        {
          g_hash_table_insert (s->names, (gpointer) n->name, n);
          g_hash_table_insert (s->folded, g_steal_pointer (&lower), n);
          return;
        }
      n->definition = NULL; /* left out of what follows */
      idlc_diag_error (c->diag, &n->loc, "redefinition of '%s'", n->name);
      idlc_diag_note (c->diag, &prev->loc, "previous definition of '%s' is here", prev->name);
      return;
    }
  prev = g_hash_table_lookup (s->folded, lower);
  if (prev != NULL)
    {
      n->definition = NULL;
      idlc_diag_error (c->diag, &n->loc, "'%s' differs only in case from '%s' in the same scope",
                       n->name, prev->name);
      idlc_diag_note (c->diag, &prev->loc, "'%s' declared here", prev->name);
      return;
    }
  g_hash_table_insert (s->names, (gpointer) n->name, n);
  g_hash_table_insert (s->folded, g_steal_pointer (&lower), n);
}

static void declare_nodes (Checker *c, GPtrArray *nodes, Scope *s, IdlcNode *parent);

static void
declare_inline (Checker *c, IdlcType *type, Scope *s, IdlcNode *parent)
{
  for (; type != NULL; type = type->element)
    if (type->kind == IDLC_TYPE_DECL)
      {
        g_autoptr (GPtrArray) one = g_ptr_array_new ();
        g_ptr_array_add (one, type->decl);
        declare_nodes (c, one, s, parent);
      }
}

static void
declare_node (Checker *c, IdlcNode *n, Scope *s, IdlcNode *parent)
{
  n->parent = parent;
  n->definition = n;
  switch (n->kind)
    {
    case IDLC_NODE_MODULE:
      {
        IdlcNode *prev = g_hash_table_lookup (s->names, n->name);
        Scope *inner;
        if (prev != NULL && prev->kind == IDLC_NODE_MODULE)
          {
            n->definition = prev;
            inner = idlc_check_scope_of (c, prev);
            g_hash_table_insert (c->scopes, n, inner);
          }
        else
          {
            declare (c, s, n);
            inner = scope_new (c, n, s);
          }
        declare_nodes (c, n->children, inner, n);
        return;
      }
    case IDLC_NODE_INTERFACE:
    case IDLC_NODE_STRUCT:
    case IDLC_NODE_UNION:
    case IDLC_NODE_EXCEPTION:
      {
        declare (c, s, n);
        Scope *inner = scope_new (c, n, s);
        if (n->kind == IDLC_NODE_UNION)
          declare_inline (c, n->type, s, n);
        declare_nodes (c, n->children, inner, n);
        return;
      }
    case IDLC_NODE_FORWARD:
    case IDLC_NODE_STRUCT_FORWARD:
    case IDLC_NODE_UNION_FORWARD:
      declare (c, s, n);
      g_ptr_array_add (c->forwards, n);
      g_ptr_array_add (c->forwards, s);
      return;
    case IDLC_NODE_ENUM:
      declare (c, s, n);
      scope_new (c, n, s);
      for (guint i = 0; i < n->children->len; i++)
        {
          IdlcNode *e = g_ptr_array_index (n->children, i);
          e->parent = n;
          e->definition = e;
          declare (c, s, e); /* enumerators belong to the enclosing scope */
        }
      return;
    case IDLC_NODE_TYPEDEF:
    case IDLC_NODE_MEMBER:
    case IDLC_NODE_CASE:
    case IDLC_NODE_ATTRIBUTE:
      declare_inline (c, n->type, s, n);
      for (guint i = 0; i < n->children->len; i++)
        {
          IdlcNode *d = g_ptr_array_index (n->children, i);
          d->parent = n;
          d->definition = d;
          declare (c, s, d);
        }
      return;
    case IDLC_NODE_CONST:
    case IDLC_NODE_ENUMERATOR:
    case IDLC_NODE_PARAM:
      declare (c, s, n);
      return;
    case IDLC_NODE_OPERATION:
      {
        declare (c, s, n);
        Scope *inner = scope_new (c, n, s);
        declare_nodes (c, n->children, inner, n);
        return;
      }
    case IDLC_NODE_PRAGMA:
      g_ptr_array_add (c->pragmas, n);
      g_ptr_array_add (c->pragmas, s);
      return;
    case IDLC_NODE_DECLARATOR:
      return;
    }
}

static void
declare_nodes (Checker *c, GPtrArray *nodes, Scope *s, IdlcNode *parent)
{
  for (guint i = 0; i < nodes->len; i++)
    declare_node (c, g_ptr_array_index (nodes, i), s, parent);
}

/* Pass 1: the symbol tables; forward declarations learn their definition. */
void
idlc_check_declare_all (Checker *c)
{
  c->global = scope_new (c, NULL, NULL);
  declare_nodes (c, c->ast->definitions, c->global, NULL);
  for (guint i = 0; i < c->forwards->len; i += 2)
    {
      IdlcNode *fwd = g_ptr_array_index (c->forwards, i);
      Scope *s = g_ptr_array_index (c->forwards, i + 1);
      IdlcNode *def = g_hash_table_lookup (s->names, fwd->name);
      fwd->definition = def != NULL && defines (def, fwd) ? def : NULL;
    }
}

/* Members, params and attribute declarators are not found by name lookup from
 * inside their scope: `Person person;` or `in Person Person` look past them. */
static gboolean
is_value (const IdlcNode *n)
{
  return n->kind == IDLC_NODE_PARAM
         || (n->kind == IDLC_NODE_DECLARATOR && n->parent != NULL
             && (n->parent->kind == IDLC_NODE_MEMBER || n->parent->kind == IDLC_NODE_CASE));
}

static IdlcNode *
lookup_in (Checker *c, Scope *s, const char *name, gboolean fold, guint depth)
{
  IdlcNode *n;
  if (fold)
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);
      n = g_hash_table_lookup (s->folded, lower);
    }
  else
    n = g_hash_table_lookup (s->names, name);
  if (n != NULL && !is_value (n))
    return n;
  if (s->owner == NULL || s->owner->kind != IDLC_NODE_INTERFACE || s->owner->targets == NULL
      || depth > 64)
    return NULL;
  for (guint i = 0; i < s->owner->targets->len; i++) /* inherited members */
    {
      IdlcNode *base = g_ptr_array_index (s->owner->targets, i);
      Scope *bs = base != NULL ? idlc_check_scope_of (c, base) : NULL;
      if (bs != NULL && (n = lookup_in (c, bs, name, fold, depth + 1)) != NULL)
        return n;
    }
  return NULL;
}

static IdlcNode *
lookup_path (Checker *c, Scope *from, char **parts, gboolean fold)
{
  IdlcNode *n = NULL;
  guint i = 0;
  if (parts[0][0] == '\0') /* "::A" */
    {
      n = lookup_in (c, c->global, parts[1], fold, 0);
      i = 1;
    }
  else
    for (Scope *s = from; s != NULL && n == NULL; s = s->parent)
      n = lookup_in (c, s, parts[0], fold, 0);
  for (i++; n != NULL && parts[i] != NULL; i++)
    {
      Scope *s = idlc_check_scope_of (c, n->definition != NULL ? n->definition : n);
      n = s != NULL ? lookup_in (c, s, parts[i], fold, 0) : NULL;
    }
  return n;
}

/**
 * idlc_check_resolve:
 * Resolves @name (`A`, `A::B`, `::A::B`) from @from outwards, as IDL says:
 * each enclosing scope in turn (an interface's with its inherited members),
 * then each further component inside the previous one. Reports an undeclared
 * name (suggesting one that differs only in case) and returns %NULL.
 */
IdlcNode *
idlc_check_resolve (Checker *c, Scope *from, const char *name, const IdlcLoc *loc)
{
  g_auto (GStrv) parts = g_strsplit (name, "::", -1);
  IdlcNode *n = lookup_path (c, from, parts, FALSE);
  if (n != NULL)
    return n;
  IdlcNode *near = lookup_path (c, from, parts, TRUE);
  if (near != NULL && near->scoped_name != NULL)
    idlc_diag_error (c->diag, loc, "'%s' is not declared; did you mean '%s'?", name, near->name);
  else if (near != NULL)
    idlc_diag_error (c->diag, loc, "'%s' is not declared; did you mean '%s'?", name, near->name);
  else
    idlc_diag_error (c->diag, loc, "'%s' is not declared", name);
  return NULL;
}

static guint
order_of (Checker *c, IdlcNode *n)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (c->order, n));
}

/* Pass 2: interface bases, before anything looks into inherited scopes. */
static void
resolve_bases_in (Checker *c, GPtrArray *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      IdlcNode *n = g_ptr_array_index (nodes, i);
      if (n->kind == IDLC_NODE_MODULE)
        resolve_bases_in (c, n->children);
      if (n->kind != IDLC_NODE_INTERFACE)
        continue;
      Scope *outer = idlc_check_scope_of (c, n)->parent;
      GPtrArray *targets = idlc_ast_new_array (c->ast);
      for (guint j = 0; j < n->names->len; j++)
        {
          const char *name = g_ptr_array_index (n->names, j);
          IdlcNode *b = idlc_check_resolve (c, outer, name, &n->loc);
          if (b != NULL && b->kind == IDLC_NODE_FORWARD)
            {
              idlc_diag_error (c->diag, &n->loc,
                               "cannot inherit from '%s': the interface is only forward-declared",
                               name);
              idlc_diag_note (c->diag, &b->loc, "'%s' declared here", b->name);
              b = NULL;
            }
          else if (b != NULL && b->kind != IDLC_NODE_INTERFACE)
            {
              idlc_diag_error (c->diag, &n->loc,
                               "cannot inherit from '%s': it is a %s, not an interface", name,
                               idlc_node_what (b));
              b = NULL;
            }
          else if (b != NULL && b != n && order_of (c, b) > order_of (c, n))
            {
              idlc_diag_error (c->diag, &n->loc,
                               "cannot inherit from '%s': the interface is only forward-declared",
                               name);
              idlc_diag_note (c->diag, &b->loc, "'%s' is defined later, here", b->name);
              b = NULL;
            }
          g_ptr_array_add (targets, b);
        }
      n->targets = targets;
    }
}

static gboolean
inherits (Checker *c, IdlcNode *from, IdlcNode *target, guint depth)
{
  if (from->targets == NULL || depth > 256)
    return FALSE;
  for (guint i = 0; i < from->targets->len; i++)
    {
      IdlcNode *b = g_ptr_array_index (from->targets, i);
      if (b == NULL)
        continue;
      if (b == target || inherits (c, b, target, depth + 1))
        return TRUE;
    }
  return FALSE;
}

static void
check_inheritance_cycles (Checker *c, GPtrArray *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      IdlcNode *n = g_ptr_array_index (nodes, i);
      if (n->kind == IDLC_NODE_MODULE)
        check_inheritance_cycles (c, n->children);
      else if (n->kind == IDLC_NODE_INTERFACE && inherits (c, n, n, 0))
        {
          idlc_diag_error (c->diag, &n->loc, "interface '%s' inherits from itself", n->name);
          g_ptr_array_set_size (n->targets, 0); /* so that lookups terminate */
        }
    }
}

void
idlc_check_resolve_bases (Checker *c)
{
  resolve_bases_in (c, c->ast->definitions);
  check_inheritance_cycles (c, c->ast->definitions);
}
