/* idlc-check-types.c - the semantic stage's type rules: names used as types,
 * constant folding with range checks, bounds, unions, operations, and the
 * cycles a type may not have (structs containing themselves, typedefs) */
#include "idlc-check-private.h"

#include "idlc-lexer.h"

#include <stdlib.h>

typedef __int128 Int128;

#define INT_MIN_ (-((Int128) 1 << 63))
#define INT_MAX_ (((Int128) 1 << 64) - 1)

/* ---- what a type is, through typedefs ---- */

static gboolean
is_type_node (const IdlcNode *n)
{
  switch (n->kind)
    {
    case IDLC_NODE_INTERFACE:
    case IDLC_NODE_FORWARD:
    case IDLC_NODE_STRUCT:
    case IDLC_NODE_STRUCT_FORWARD:
    case IDLC_NODE_UNION:
    case IDLC_NODE_UNION_FORWARD:
    case IDLC_NODE_ENUM:
      return TRUE;
    case IDLC_NODE_DECLARATOR:
      return n->parent != NULL && n->parent->kind == IDLC_NODE_TYPEDEF;
    default:
      return FALSE;
    }
}

/* The type @type stands for once typedefs (without array sizes) are seen
 * through: a base, string or sequence type, or a NAMED one resolving to a
 * non-typedef; %NULL if unresolved. */
static const IdlcType *
unalias (const IdlcType *type)
{
  for (guint depth = 0; type != NULL && depth < 64; depth++)
    {
      if (type->kind != IDLC_TYPE_NAMED)
        return type;
      const IdlcNode *n = type->resolved;
      if (n == NULL)
        return NULL;
      if (n->kind != IDLC_NODE_DECLARATOR || n->dims->len > 0)
        return type;
      type = n->parent->type;
    }
  return NULL;
}

static const IdlcNode *
enum_of (const IdlcType *t)
{
  if (t != NULL && t->kind == IDLC_TYPE_NAMED && t->resolved != NULL
      && t->resolved->kind == IDLC_NODE_ENUM)
    return t->resolved;
  if (t != NULL && t->kind == IDLC_TYPE_DECL && t->decl->kind == IDLC_NODE_ENUM)
    return t->decl;
  return NULL;
}

static gboolean
is_integer (IdlcBaseKind b)
{
  return b <= IDLC_BASE_ULONGLONG || b == IDLC_BASE_OCTET;
}

static void
range_of (IdlcBaseKind b, Int128 *lo, Int128 *hi)
{
  static const struct
  {
    IdlcBaseKind base;
    int bits;
    gboolean is_signed;
  } ranges[] = {
    { IDLC_BASE_SHORT, 16, TRUE },    { IDLC_BASE_USHORT, 16, FALSE },
    { IDLC_BASE_LONG, 32, TRUE },     { IDLC_BASE_ULONG, 32, FALSE },
    { IDLC_BASE_LONGLONG, 64, TRUE }, { IDLC_BASE_ULONGLONG, 64, FALSE },
    { IDLC_BASE_OCTET, 8, FALSE },    { IDLC_BASE_CHAR, 8, FALSE },
    { IDLC_BASE_BOOLEAN, 1, FALSE },
  };
  *lo = 0;
  *hi = 0;
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    if (ranges[i].base == b)
      {
        *lo = ranges[i].is_signed ? -((Int128) 1 << (ranges[i].bits - 1)) : 0;
        *hi = ranges[i].is_signed ? ((Int128) 1 << (ranges[i].bits - 1)) - 1
                                  : ((Int128) 1 << ranges[i].bits) - 1;
      }
}

static char *
int128_to_string (Int128 v)
{
  if (v < 0)
    return g_strdup_printf ("-%" G_GUINT64_FORMAT, (guint64) (-v));
  return g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) v);
}

/* ---- constant folding ---- */

typedef struct
{
  Checker *c;
  Scope *scope;
  const IdlcType *target; /* unaliased */
  const char *target_name;
  IdlcBaseKind base; /* for integers: the declared kind */
  gboolean failed;
} Fold;

static gboolean fold_int (Fold *f, IdlcExpr *e, Int128 *out);

static gboolean
fold_fail (Fold *f)
{
  f->failed = TRUE;
  return FALSE;
}

static IdlcNode *
fold_name (Fold *f, IdlcExpr *e)
{
  IdlcNode *n = idlc_check_resolve (f->c, f->scope, e->text, &e->loc);
  if (n != NULL && n->kind != IDLC_NODE_CONST && n->kind != IDLC_NODE_ENUMERATOR)
    {
      idlc_diag_error (f->c->diag, &e->loc, "'%s' is a %s, not a constant", e->text,
                       idlc_node_what (n));
      n = NULL;
    }
  if (n != NULL && n->kind == IDLC_NODE_CONST && n->value->value.kind == IDLC_VALUE_NONE)
    {
      if (g_hash_table_contains (f->c->visiting, n))
        {
          idlc_diag_error (f->c->diag, &e->loc, "constant '%s' refers to itself", n->name);
          n = NULL;
        }
      else if (g_hash_table_add (f->c->folded, n))
        {
          g_hash_table_add (f->c->visiting, n);
          idlc_check_fold (f->c,
                           idlc_check_scope_of (f->c, n->parent) != NULL
                               ? idlc_check_scope_of (f->c, n->parent)
                               : f->c->global,
                           n->value, n->type);
          g_hash_table_remove (f->c->visiting, n);
        }
    }
  e->resolved = n;
  return n;
}

static gboolean
fold_int (Fold *f, IdlcExpr *e, Int128 *out)
{
  Int128 a, b;
  switch (e->kind)
    {
    case IDLC_EXPR_INT:
      *out = e->ival;
      return TRUE;
    case IDLC_EXPR_NAME:
      {
        IdlcNode *n = fold_name (f, e);
        if (n == NULL)
          return fold_fail (f);
        if (n->kind == IDLC_NODE_CONST && n->value->value.kind == IDLC_VALUE_INT)
          {
            *out = n->value->value.negative ? -(Int128) n->value->value.u
                                            : (Int128) n->value->value.u;
            return TRUE;
          }
        if (n->kind == IDLC_NODE_CONST && n->value->value.kind == IDLC_VALUE_NONE)
          return fold_fail (f);
        break;
      }
    case IDLC_EXPR_UNARY:
      if (!fold_int (f, e->lhs, &a))
        return FALSE;
      if (e->op == '-')
        *out = -a;
      else if (e->op == '+')
        *out = a;
      else
        {
          Int128 lo, hi;
          range_of (f->base, &lo, &hi);
          *out = lo < 0 ? -a - 1 : hi - a;
        }
      goto check;
    case IDLC_EXPR_BINARY:
      if (!fold_int (f, e->lhs, &a) || !fold_int (f, e->rhs, &b))
        return FALSE;
      switch (e->op)
        {
        case '+':
          *out = a + b;
          break;
        case '-':
          *out = a - b;
          break;
        case '*':
          if (a != 0 && (b > INT_MAX_ / (a < 0 ? -a : a) || b < -INT_MAX_ / (a < 0 ? -a : a)))
            goto overflow;
          *out = a * b;
          break;
        case '/':
        case '%':
          if (b == 0)
            {
              idlc_diag_error (f->c->diag, &e->loc, "division by zero in constant expression");
              return fold_fail (f);
            }
          *out = e->op == '/' ? a / b : a % b;
          break;
        case IDLC_TK_SHL:
        case IDLC_TK_SHR:
          if (b < 0 || b >= 64)
            {
              g_autofree char *text = int128_to_string (b);
              idlc_diag_error (f->c->diag, &e->rhs->loc, "shift count %s is out of range (0..63)",
                               text);
              return fold_fail (f);
            }
          if (e->op == IDLC_TK_SHR)
            *out = a >> (int) b;
          else if (a != 0 && (a < 0 ? -a : a) > (INT_MAX_ >> (int) b))
            goto overflow;
          else
            *out = a * ((Int128) 1 << (int) b);
          break;
        case '&':
          *out = a & b;
          break;
        case '|':
          *out = a | b;
          break;
        default:
          *out = a ^ b;
          break;
        }
      goto check;
    default:
      break;
    }
  idlc_diag_error (f->c->diag, &e->loc, "expected an integer constant for '%s'", f->target_name);
  return fold_fail (f);
check:
  if (*out >= INT_MIN_ && *out <= INT_MAX_)
    return TRUE;
overflow:
  idlc_diag_error (f->c->diag, &e->loc, "integer overflow in constant expression");
  return fold_fail (f);
}

static gboolean
fold_float (Fold *f, IdlcExpr *e, double *out)
{
  double a, b;
  Int128 i;
  switch (e->kind)
    {
    case IDLC_EXPR_FLOAT:
      *out = g_ascii_strtod (e->text, NULL);
      return TRUE;
    case IDLC_EXPR_INT:
      return fold_int (f, e, &i) && (*out = (double) i, TRUE);
    case IDLC_EXPR_NAME:
      {
        IdlcNode *n = fold_name (f, e);
        if (n != NULL && n->kind == IDLC_NODE_CONST && n->value->value.kind == IDLC_VALUE_FLOAT)
          return (*out = n->value->value.f, TRUE);
        if (n != NULL && n->kind == IDLC_NODE_CONST && n->value->value.kind == IDLC_VALUE_INT)
          return (*out = n->value->value.negative ? -(double) n->value->value.u
                                                  : (double) n->value->value.u,
                  TRUE);
        if (n == NULL)
          return fold_fail (f);
        break;
      }
    case IDLC_EXPR_UNARY:
      if (e->op == '~' || !fold_float (f, e->lhs, &a))
        break;
      *out = e->op == '-' ? -a : a;
      return TRUE;
    case IDLC_EXPR_BINARY:
      if (!fold_float (f, e->lhs, &a) || !fold_float (f, e->rhs, &b))
        return FALSE;
      if (e->op == '/' && b == 0)
        {
          idlc_diag_error (f->c->diag, &e->loc, "division by zero in constant expression");
          return fold_fail (f);
        }
      if (e->op == '+' || e->op == '-' || e->op == '*' || e->op == '/')
        {
          *out = e->op == '+' ? a + b : e->op == '-' ? a - b : e->op == '*' ? a * b : a / b;
          return TRUE;
        }
      break;
    default:
      break;
    }
  if (!f->failed)
    idlc_diag_error (f->c->diag, &e->loc, "expected a floating-point constant for '%s'",
                     f->target_name);
  return fold_fail (f);
}

/**
 * idlc_check_fold:
 * Folds @expr (a const value, case label or bound) for the type @type and
 * stores the result in @expr->value; reports what does not fit.
 */
gboolean
idlc_check_fold (Checker *c, Scope *scope, IdlcExpr *expr, IdlcType *type)
{
  g_autoptr (GString) name = g_string_new (NULL);
  idlc_type_format (type, name);
  Fold f = { c, scope, unalias (type), name->str, IDLC_BASE_LONG, FALSE };
  IdlcValue *v = &expr->value;
  const IdlcNode *en = enum_of (f.target);

  if (f.target == NULL)
    return FALSE;
  if (en != NULL)
    {
      IdlcNode *n = expr->kind == IDLC_EXPR_NAME ? fold_name (&f, expr) : NULL;
      if (n != NULL && n->kind == IDLC_NODE_CONST && n->value->value.kind == IDLC_VALUE_ENUM)
        n = n->value->value.enumerator;
      if (n == NULL || n->kind != IDLC_NODE_ENUMERATOR || n->parent != en)
        {
          if (expr->kind != IDLC_EXPR_NAME || n != NULL)
            idlc_diag_error (c->diag, &expr->loc, "expected an enumerator of '%s'", en->name);
          return FALSE;
        }
      v->kind = IDLC_VALUE_ENUM;
      v->enumerator = n;
      g_ptr_array_find (en->children, n, NULL);
      guint index = 0;
      g_ptr_array_find (en->children, n, &index);
      v->u = index;
      return TRUE;
    }
  if (f.target->kind == IDLC_TYPE_STRING)
    {
      IdlcNode *n = expr->kind == IDLC_EXPR_NAME ? fold_name (&f, expr) : NULL;
      const IdlcValue *src = n != NULL && n->kind == IDLC_NODE_CONST ? &n->value->value : NULL;
      if (expr->kind == IDLC_EXPR_STRING || (src != NULL && src->kind == IDLC_VALUE_STRING))
        {
          v->kind = IDLC_VALUE_STRING;
          v->s = expr->kind == IDLC_EXPR_STRING ? expr->text : src->s;
          return TRUE;
        }
      if (expr->kind != IDLC_EXPR_NAME || n != NULL)
        idlc_diag_error (c->diag, &expr->loc, "expected a string constant for '%s'", f.target_name);
      return FALSE;
    }
  if (f.target->kind != IDLC_TYPE_BASE || f.target->base == IDLC_BASE_VOID
      || f.target->base == IDLC_BASE_OBJECT)
    {
      idlc_diag_error (c->diag, &type->loc, "a constant cannot be of type '%s'", f.target_name);
      return FALSE;
    }
  f.base = f.target->base;
  if (f.base == IDLC_BASE_FLOAT || f.base == IDLC_BASE_DOUBLE)
    {
      double d;
      if (!fold_float (&f, expr, &d))
        return FALSE;
      v->kind = IDLC_VALUE_FLOAT;
      v->f = d;
      return TRUE;
    }
  if (f.base == IDLC_BASE_CHAR || f.base == IDLC_BASE_BOOLEAN)
    {
      IdlcExprKind want = f.base == IDLC_BASE_CHAR ? IDLC_EXPR_CHAR : IDLC_EXPR_BOOL;
      IdlcValueKind vk = f.base == IDLC_BASE_CHAR ? IDLC_VALUE_CHAR : IDLC_VALUE_BOOL;
      IdlcNode *n = expr->kind == IDLC_EXPR_NAME ? fold_name (&f, expr) : NULL;
      if (expr->kind == want
          || (n != NULL && n->kind == IDLC_NODE_CONST && n->value->value.kind == vk))
        {
          v->kind = vk;
          v->u = expr->kind == want ? expr->ival : n->value->value.u;
          return TRUE;
        }
      if (expr->kind != IDLC_EXPR_NAME || n != NULL)
        idlc_diag_error (c->diag, &expr->loc, "expected a %s constant for '%s'",
                         f.base == IDLC_BASE_CHAR ? "character" : "boolean", f.target_name);
      return FALSE;
    }
  Int128 i, lo, hi;
  if (!fold_int (&f, expr, &i))
    return FALSE;
  range_of (f.base, &lo, &hi);
  if (i < lo || i > hi)
    {
      g_autofree char *text = int128_to_string (i);
      idlc_diag_error (c->diag, &expr->loc, "value %s is out of range for '%s'", text,
                       f.target_name);
      return FALSE;
    }
  v->kind = IDLC_VALUE_INT;
  v->negative = i < 0;
  v->u = (guint64) (i < 0 ? -i : i);
  return TRUE;
}

/* ---- types as used ---- */

static IdlcType ulong_type = { .kind = IDLC_TYPE_BASE, .base = IDLC_BASE_ULONG };

static void
check_bound (Checker *c, Scope *scope, IdlcExpr *bound)
{
  if (bound == NULL || !idlc_check_fold (c, scope, bound, &ulong_type))
    return;
  if (bound->value.u == 0)
    idlc_diag_error (c->diag, &bound->loc, "a bound must be a positive integer, not 0");
}

static void
check_type (Checker *c, Scope *scope, IdlcType *type)
{
  switch (type->kind)
    {
    case IDLC_TYPE_STRING:
      check_bound (c, scope, type->bound);
      return;
    case IDLC_TYPE_SEQUENCE:
      check_bound (c, scope, type->bound);
      check_type (c, scope, type->element);
      return;
    case IDLC_TYPE_NAMED:
      {
        IdlcNode *n = idlc_check_resolve (c, scope, type->name, &type->loc);
        if (n == NULL)
          return;
        if (n->kind == IDLC_NODE_EXCEPTION)
          idlc_diag_error (c->diag, &type->loc, "exception '%s' used as a type", type->name);
        else if (!is_type_node (n))
          {
            idlc_diag_error (c->diag, &type->loc, "'%s' is a %s, not a type", type->name,
                             idlc_node_what (n));
            idlc_diag_note (c->diag, &n->loc, "'%s' declared here", n->name);
          }
        else
          type->resolved = n->definition != NULL ? n->definition : n;
        return;
      }
    default:
      return;
    }
}

static void
check_declarators (Checker *c, Scope *scope, IdlcNode *n)
{
  for (guint i = 0; i < n->children->len; i++)
    {
      IdlcNode *d = g_ptr_array_index (n->children, i);
      for (guint j = 0; j < d->dims->len; j++)
        check_bound (c, scope, g_ptr_array_index (d->dims, j));
    }
}

/* ---- incomplete types ---- */

static guint
order_of (Checker *c, const IdlcNode *n)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (c->order, n));
}

/* A struct or union only forward-declared is incomplete: as in CORBA IDL,
 * it can be the element of a sequence (if it is defined somewhere, before or
 * after), never a value (a member, a parameter, a result, an attribute, a
 * typedef) before its definition. @user is the declaration using @type (its
 * place in declaration order tells "before"). */
static void
check_complete (Checker *c, const IdlcType *type, const IdlcNode *user)
{
  gboolean by_value = TRUE;
  for (const IdlcType *t = type; t != NULL; t = t->element)
    {
      if (t->kind == IDLC_TYPE_SEQUENCE)
        {
          by_value = FALSE;
          continue;
        }
      const IdlcNode *n = t->kind == IDLC_TYPE_NAMED ? t->resolved : NULL;
      if (n == NULL)
        return;
      if (n->kind == IDLC_NODE_STRUCT_FORWARD || n->kind == IDLC_NODE_UNION_FORWARD)
        {
          if (by_value)
            idlc_diag_error (c->diag, &t->loc,
                             "%s '%s' is used by value but never defined (incomplete type)",
                             idlc_node_what (n), t->name);
          else
            idlc_diag_error (c->diag, &t->loc,
                             "sequence of %s '%s', which is forward-declared but never defined",
                             idlc_node_what (n), t->name);
          idlc_diag_note (c->diag, &n->loc, "'%s' declared here", n->name);
        }
      else if (by_value && (n->kind == IDLC_NODE_STRUCT || n->kind == IDLC_NODE_UNION)
               && order_of (c, n) > order_of (c, user))
        {
          idlc_diag_error (c->diag, &t->loc,
                           "%s '%s' is used by value before its definition (incomplete type)",
                           idlc_node_what (n), t->name);
          idlc_diag_note (c->diag, &n->loc, "'%s' is defined later, here", n->name);
        }
      return;
    }
}

/* The declaration whose place in declaration order a use of @n's type has:
 * its first declarator (members, cases, typedefs, attributes), or itself. */
static const IdlcNode *
user_of (const IdlcNode *n)
{
  if (n->kind != IDLC_NODE_PARAM && n->kind != IDLC_NODE_OPERATION && n->children->len > 0)
    return g_ptr_array_index (n->children, 0);
  return n;
}

static void check_nodes (Checker *c, GPtrArray *nodes, Scope *scope);

static void
check_union (Checker *c, IdlcNode *u, Scope *outer)
{
  Scope *inner = idlc_check_scope_of (c, u);
  check_type (c, outer, u->type);
  const IdlcType *d = unalias (u->type);
  if (d == NULL && u->type->kind == IDLC_TYPE_NAMED && u->type->resolved == NULL)
    return;
  if (!(enum_of (d) != NULL
        || (d != NULL && d->kind == IDLC_TYPE_BASE
            && (is_integer (d->base) || d->base == IDLC_BASE_CHAR
                || d->base == IDLC_BASE_BOOLEAN))))
    {
      g_autoptr (GString) name = g_string_new (NULL);
      idlc_type_format (u->type, name);
      idlc_diag_error (c->diag, &u->type->loc,
                       "'%s' cannot discriminate a union (integer, char, boolean or enum expected)",
                       name->str);
      return;
    }
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();
  const IdlcExpr *first_default = NULL;
  for (guint i = 0; i < u->children->len; i++)
    {
      IdlcNode *cs = g_ptr_array_index (u->children, i);
      for (guint j = 0; j < cs->labels->len; j++)
        {
          IdlcExpr *l = g_ptr_array_index (cs->labels, j);
          if (l == NULL)
            {
              if (first_default != NULL)
                idlc_diag_error (c->diag, &cs->loc, "more than one default case");
              first_default = (const IdlcExpr *) cs;
              continue;
            }
          if (!idlc_check_fold (c, inner, l, u->type))
            continue;
          for (guint k = 0; k < seen->len; k++)
            {
              IdlcExpr *o = g_ptr_array_index (seen, k);
              if (o->value.u == l->value.u && o->value.negative == l->value.negative)
                {
                  g_autoptr (GString) text = g_string_new (NULL);
                  idlc_expr_format (l, text);
                  idlc_diag_error (c->diag, &l->loc, "duplicate case label '%s'", text->str);
                  idlc_diag_note (c->diag, &o->loc, "previous case label is here");
                  break;
                }
            }
          g_ptr_array_add (seen, l);
        }
    }
  check_nodes (c, u->children, inner);
}

static void
check_operation (Checker *c, IdlcNode *op, Scope *outer)
{
  Scope *inner = idlc_check_scope_of (c, op);
  check_type (c, outer, op->type);
  check_complete (c, op->type, op);
  op->targets = idlc_ast_new_array (c->ast);
  for (guint i = 0; i < op->names->len; i++)
    {
      const char *name = g_ptr_array_index (op->names, i);
      IdlcNode *e = idlc_check_resolve (c, outer, name, &op->loc);
      if (e != NULL && e->kind != IDLC_NODE_EXCEPTION)
        {
          idlc_diag_error (c->diag, &op->loc, "'%s' in raises is a %s, not an exception", name,
                           idlc_node_what (e));
          e = NULL;
        }
      g_ptr_array_add (op->targets, e);
    }
  for (guint i = 0; i < op->children->len; i++)
    {
      IdlcNode *p = g_ptr_array_index (op->children, i);
      check_type (c, inner, p->type);
      check_complete (c, p->type, p);
      if ((op->flags & IDLC_FLAG_ONEWAY) && (p->flags & IDLC_FLAG_OUT))
        idlc_diag_error (c->diag, &p->loc, "oneway operation '%s' cannot have %s parameter '%s'",
                         op->name, (p->flags & IDLC_FLAG_IN) ? "an inout" : "an out", p->name);
    }
  if (!(op->flags & IDLC_FLAG_ONEWAY))
    return;
  if (op->type->kind != IDLC_TYPE_BASE || op->type->base != IDLC_BASE_VOID)
    idlc_diag_error (c->diag, &op->loc, "oneway operation '%s' must return void", op->name);
  if (op->names->len > 0)
    idlc_diag_error (c->diag, &op->loc, "oneway operation '%s' cannot raise exceptions", op->name);
}

static void
check_node (Checker *c, IdlcNode *n, Scope *scope)
{
  if (n->type != NULL && n->kind != IDLC_NODE_UNION)
    for (IdlcType *t = n->type; t != NULL; t = t->element)
      if (t->kind == IDLC_TYPE_DECL)
        check_node (c, t->decl, scope);
  switch (n->kind)
    {
    case IDLC_NODE_MODULE:
    case IDLC_NODE_INTERFACE:
    case IDLC_NODE_STRUCT:
    case IDLC_NODE_EXCEPTION:
      check_nodes (c, n->children, idlc_check_scope_of (c, n));
      return;
    case IDLC_NODE_UNION:
      check_union (c, n, scope);
      return;
    case IDLC_NODE_TYPEDEF:
    case IDLC_NODE_MEMBER:
    case IDLC_NODE_CASE:
    case IDLC_NODE_ATTRIBUTE:
      check_type (c, scope, n->type);
      check_complete (c, n->type, user_of (n));
      check_declarators (c, scope, n);
      return;
    case IDLC_NODE_CONST:
      check_type (c, scope, n->type);
      if (g_hash_table_add (c->folded, n))
        idlc_check_fold (c, scope, n->value, n->type);
      return;
    case IDLC_NODE_OPERATION:
      check_operation (c, n, scope);
      return;
    default:
      return;
    }
}

static void
check_nodes (Checker *c, GPtrArray *nodes, Scope *scope)
{
  for (guint i = 0; i < nodes->len; i++)
    check_node (c, g_ptr_array_index (nodes, i), scope);
}

/* ---- cycles ---- */

/* Does @type contain @target by value (not through a sequence or a reference)? */
static gboolean
contains (Checker *c, const IdlcType *type, const IdlcNode *target)
{
  if (type == NULL || type->kind == IDLC_TYPE_SEQUENCE || type->kind == IDLC_TYPE_BASE
      || type->kind == IDLC_TYPE_STRING)
    return FALSE;
  IdlcNode *n = type->kind == IDLC_TYPE_DECL ? type->decl : type->resolved;
  if (n == NULL)
    return FALSE;
  if (n == target)
    return TRUE;
  if (g_hash_table_contains (c->visiting, n))
    return FALSE;
  g_hash_table_add (c->visiting, n);
  gboolean found = FALSE;
  if (n->kind == IDLC_NODE_DECLARATOR && n->parent->kind == IDLC_NODE_TYPEDEF)
    found = contains (c, n->parent->type, target);
  else if (n->kind == IDLC_NODE_STRUCT || n->kind == IDLC_NODE_UNION
           || n->kind == IDLC_NODE_EXCEPTION)
    for (guint i = 0; i < n->children->len && !found; i++)
      found = contains (c, ((IdlcNode *) g_ptr_array_index (n->children, i))->type, target);
  g_hash_table_remove (c->visiting, n);
  return found;
}

/* Does the typedef declarator @target's definition lead back to it? */
static gboolean
aliases (Checker *c, const IdlcType *type, const IdlcNode *target)
{
  if (type == NULL)
    return FALSE;
  if (type->kind == IDLC_TYPE_SEQUENCE)
    return aliases (c, type->element, target);
  if (type->kind != IDLC_TYPE_NAMED || type->resolved == NULL)
    return FALSE;
  IdlcNode *n = type->resolved;
  if (n == target)
    return TRUE;
  if (n->kind != IDLC_NODE_DECLARATOR || g_hash_table_contains (c->visiting, n))
    return FALSE;
  g_hash_table_add (c->visiting, n);
  gboolean found = aliases (c, n->parent->type, target);
  g_hash_table_remove (c->visiting, n);
  return found;
}

static void
check_cycles (Checker *c, GPtrArray *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      IdlcNode *n = g_ptr_array_index (nodes, i);
      if (n->type != NULL && n->kind != IDLC_NODE_UNION)
        for (IdlcType *t = n->type; t != NULL; t = t->element)
          if (t->kind == IDLC_TYPE_DECL)
            {
              g_autoptr (GPtrArray) one = g_ptr_array_new ();
              g_ptr_array_add (one, t->decl);
              check_cycles (c, one);
            }
      if (n->kind == IDLC_NODE_STRUCT || n->kind == IDLC_NODE_UNION)
        {
          for (guint j = 0; j < n->children->len; j++)
            if (contains (c, ((IdlcNode *) g_ptr_array_index (n->children, j))->type, n))
              {
                idlc_diag_error (c->diag, &n->loc, "%s '%s' contains itself", idlc_node_what (n),
                                 n->name);
                break;
              }
        }
      if (n->kind == IDLC_NODE_TYPEDEF)
        for (guint j = 0; j < n->children->len; j++)
          {
            IdlcNode *d = g_ptr_array_index (n->children, j);
            if (aliases (c, n->type, d))
              idlc_diag_error (c->diag, &d->loc, "typedef '%s' refers to itself", d->name);
          }
      if (n->kind == IDLC_NODE_MODULE || n->kind == IDLC_NODE_INTERFACE
          || n->kind == IDLC_NODE_STRUCT || n->kind == IDLC_NODE_UNION
          || n->kind == IDLC_NODE_EXCEPTION)
        check_cycles (c, n->children);
    }
}

void
idlc_check_types (Checker *c)
{
  check_nodes (c, c->ast->definitions, c->global);
  check_cycles (c, c->ast->definitions);
}
