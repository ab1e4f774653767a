/* idlc-parser-types.c - the parser's pragmas, scoped names, constant
 * expressions (IDL precedence, kept as trees), type specs and members */
#include "idlc-parser-private.h"

#include <string.h>

/* ---- pragmas ---- */

static const char *
pragma_string (Parser *p, const char **rest)
{
  const char *s = *rest + strspn (*rest, " \t");
  const char *end = s[0] == '"' ? strchr (s + 1, '"') : NULL;
  if (end == NULL)
    return NULL;
  g_autofree char *value = g_strndup (s + 1, end - s - 1);
  *rest = end + 1;
  return idlc_ast_intern (p->ast, value);
}

static const char *
pragma_name (Parser *p, const char **rest)
{
  const char *s = *rest + strspn (*rest, " \t");
  gsize n = strspn (s, ":_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  if (n == 0)
    return NULL;
  g_autofree char *name = g_strndup (s, n);
  *rest = s + n;
  return idlc_ast_intern (p->ast, name);
}

/* pragma -> '#pragma' ( 'prefix' STRING | 'ID' scoped_name STRING
 *                     | 'version' scoped_name INT '.' INT | anything ) */
void
idlc_parser_pragma (Parser *p)
{
  IdlcNode *node = idlc_ast_new_node (p->ast, IDLC_NODE_PRAGMA, &p->tok.loc);
  const char *rest = p->tok.text;
  gsize n = strcspn (rest, " \t");
  const char *usage = NULL;

  node->text = p->tok.text;
  node->pragma = IDLC_PRAGMA_OTHER;
  if (n == 6 && strncmp (rest, "prefix", n) == 0)
    {
      rest += n;
      node->pragma = IDLC_PRAGMA_PREFIX;
      node->text = pragma_string (p, &rest);
      usage = "#pragma prefix \"PREFIX\"";
    }
  else if (n == 2 && strncmp (rest, "ID", n) == 0)
    {
      rest += n;
      node->pragma = IDLC_PRAGMA_ID;
      node->name = pragma_name (p, &rest);
      node->text = node->name ? pragma_string (p, &rest) : NULL;
      usage = "#pragma ID NAME \"ID\"";
    }
  else if (n == 7 && strncmp (rest, "version", n) == 0)
    {
      rest += n;
      node->pragma = IDLC_PRAGMA_VERSION;
      node->name = pragma_name (p, &rest);
      rest += strspn (rest, " \t");
      gsize major = strspn (rest, "0123456789");
      gsize minor = rest[major] == '.' ? strspn (rest + major + 1, "0123456789") : 0;
      if (node->name != NULL && major > 0 && minor > 0)
        {
          g_autofree char *version = g_strndup (rest, major + 1 + minor);
          node->text = idlc_ast_intern (p->ast, version);
          rest += major + 1 + minor;
        }
      else
        node->text = NULL;
      usage = "#pragma version NAME MAJOR.MINOR";
    }
  if (usage != NULL && (node->text == NULL || rest[strspn (rest, " \t")] != '\0'))
    {
      idlc_diag_error (p->diag, &node->loc, "malformed pragma: expected '%s'", usage);
      return;
    }
  g_ptr_array_add (p->pragmas, node);
}

void
idlc_parser_place_pragmas (Parser *p, GPtrArray *out)
{
  for (guint i = 0; i < p->pragmas->len; i++)
    g_ptr_array_add (out, g_ptr_array_index (p->pragmas, i));
  g_ptr_array_set_size (p->pragmas, 0);
}

/* ---- names and expressions ---- */

/* scoped_name -> ['::'] IDENT ('::' IDENT)* */
const char *
idlc_parser_scoped_name (Parser *p)
{
  g_autoptr (GString) name = g_string_new (NULL);
  if (idlc_parser_test_next (p, IDLC_TK_SCOPE))
    g_string_append (name, "::");
  for (;;)
    {
      const char *part = idlc_parser_ident (p);
      if (part == NULL)
        return NULL;
      g_string_append (name, part);
      if (!idlc_parser_test_next (p, IDLC_TK_SCOPE))
        return idlc_ast_intern (p->ast, name->str);
      g_string_append (name, "::");
    }
}

/* primary_expr -> scoped_name | literal | '(' const_exp ')'
 * literal -> INT | FLOAT | CHAR | STRING+ | TRUE | FALSE */
static IdlcExpr *
primary_expr (Parser *p)
{
  IdlcLoc loc = p->tok.loc;
  IdlcExpr *e;
  switch (p->tok.kind)
    {
    case '(':
      {
        idlc_parser_next (p);
        e = idlc_parser_const_exp (p);
        return e && idlc_parser_expect (p, ')') ? e : NULL;
      }
    case IDLC_TK_IDENT:
    case IDLC_TK_SCOPE:
      {
        const char *name = idlc_parser_scoped_name (p);
        if (name == NULL)
          return NULL;
        e = idlc_ast_new_expr (p->ast, IDLC_EXPR_NAME, &loc);
        e->text = name;
        return e;
      }
    case IDLC_TK_INT:
    case IDLC_TK_CHAR:
    case IDLC_TK_FLOAT:
    case IDLC_TK_TRUE:
    case IDLC_TK_FALSE:
      e = idlc_ast_new_expr (p->ast,
                             p->tok.kind == IDLC_TK_INT     ? IDLC_EXPR_INT
                             : p->tok.kind == IDLC_TK_CHAR  ? IDLC_EXPR_CHAR
                             : p->tok.kind == IDLC_TK_FLOAT ? IDLC_EXPR_FLOAT
                                                            : IDLC_EXPR_BOOL,
                             &loc);
      e->ival = p->tok.kind == IDLC_TK_TRUE ? 1 : p->tok.ival;
      e->text = p->tok.text;
      idlc_parser_next (p);
      return e;
    case IDLC_TK_STRING:
      {
        g_autoptr (GString) value = g_string_new (NULL);
        while (p->tok.kind == IDLC_TK_STRING)
          {
            g_string_append (value, p->tok.text);
            idlc_parser_next (p);
          }
        e = idlc_ast_new_expr (p->ast, IDLC_EXPR_STRING, &loc);
        e->text = idlc_ast_intern (p->ast, value->str);
        return e;
      }
    default:
      idlc_parser_error_near (p, "expected an expression");
      return NULL;
    }
}

/* unary_expr -> ('-' | '+' | '~') unary_expr | primary_expr */
static IdlcExpr *
unary_expr (Parser *p)
{
  if (p->tok.kind != '-' && p->tok.kind != '+' && p->tok.kind != '~')
    return primary_expr (p);
  IdlcExpr *e = idlc_ast_new_expr (p->ast, IDLC_EXPR_UNARY, &p->tok.loc);
  e->op = p->tok.kind;
  idlc_parser_next (p);
  if (!idlc_parser_enter (p))
    return NULL;
  e->lhs = unary_expr (p);
  p->depth--;
  return e->lhs ? e : NULL;
}

/* IDL's binary operators by precedence, loosest first */
static const char *const levels[] = { "|", "^", "&", "\x01\x02", "+-", "*/%" };

static gboolean
at_level (int kind, guint level)
{
  if (kind == IDLC_TK_SHL || kind == IDLC_TK_SHR)
    return level == 3;
  return kind > 0 && kind < 256 && level != 3 && strchr (levels[level], kind) != NULL;
}

/* binary_expr(n) -> binary_expr(n+1) (op(n) binary_expr(n+1))*
 * or_expr, xor_expr, and_expr, shift_expr, add_expr, mult_expr */
static IdlcExpr *
binary_expr (Parser *p, guint level)
{
  if (level == G_N_ELEMENTS (levels))
    return unary_expr (p);
  IdlcExpr *lhs = binary_expr (p, level + 1);
  while (lhs != NULL && at_level (p->tok.kind, level))
    {
      IdlcExpr *e = idlc_ast_new_expr (p->ast, IDLC_EXPR_BINARY, &p->tok.loc);
      e->op = p->tok.kind;
      e->lhs = lhs;
      idlc_parser_next (p);
      e->rhs = binary_expr (p, level + 1);
      lhs = e->rhs ? e : NULL;
    }
  return lhs;
}

/* const_exp -> or_expr */
IdlcExpr *
idlc_parser_const_exp (Parser *p)
{
  if (!idlc_parser_enter (p))
    return NULL;
  IdlcExpr *e = binary_expr (p, 0);
  p->depth--;
  return e;
}

/* ---- types ---- */

IdlcType *
idlc_parser_base_type (Parser *p, IdlcBaseKind base)
{
  IdlcType *t = idlc_ast_new_type (p->ast, IDLC_TYPE_BASE, &p->tok.loc);
  t->base = base;
  return t;
}

/* integer_type -> ['unsigned'] ('short' | 'long' | 'long' 'long')
 * also 'long double', refused */
static IdlcType *
integer_type (Parser *p)
{
  IdlcLoc loc = p->tok.loc;
  gboolean is_unsigned = idlc_parser_test_next (p, IDLC_TK_UNSIGNED);
  IdlcType *t = idlc_parser_base_type (p, IDLC_BASE_SHORT);
  t->loc = loc;
  if (idlc_parser_test_next (p, IDLC_TK_SHORT))
    t->base = is_unsigned ? IDLC_BASE_USHORT : IDLC_BASE_SHORT;
  else if (idlc_parser_test_next (p, IDLC_TK_LONG))
    {
      if (!is_unsigned && p->tok.kind == IDLC_TK_DOUBLE)
        {
          idlc_diag_error (p->diag, &loc, "'long double' is not supported by gorb yet");
          return NULL;
        }
      gboolean is_long_long = idlc_parser_test_next (p, IDLC_TK_LONG);
      t->base = is_long_long ? (is_unsigned ? IDLC_BASE_ULONGLONG : IDLC_BASE_LONGLONG)
                             : (is_unsigned ? IDLC_BASE_ULONG : IDLC_BASE_LONG);
    }
  else
    {
      idlc_parser_error_near (p, "expected 'short' or 'long'");
      return NULL;
    }
  return t;
}

gboolean
idlc_parser_starts_type (int kind)
{
  switch (kind)
    {
    case IDLC_TK_SHORT:
    case IDLC_TK_LONG:
    case IDLC_TK_UNSIGNED:
    case IDLC_TK_FLOAT_KW:
    case IDLC_TK_DOUBLE:
    case IDLC_TK_CHAR_KW:
    case IDLC_TK_BOOLEAN:
    case IDLC_TK_OCTET:
    case IDLC_TK_OBJECT:
    case IDLC_TK_STRING_KW:
    case IDLC_TK_SEQUENCE:
    case IDLC_TK_IDENT:
    case IDLC_TK_SCOPE:
    case IDLC_TK_STRUCT:
    case IDLC_TK_UNION:
    case IDLC_TK_ENUM:
    case IDLC_TK_UNSUPPORTED:
      return TRUE;
    default:
      return FALSE;
    }
}

/* simple_type_spec -> base_type | 'string' ['<' const_exp '>']
 *                   | 'sequence' '<' simple_type_spec [',' const_exp] '>' | scoped_name */
static IdlcType *
simple_type_spec_inner (Parser *p)
{
  IdlcLoc loc = p->tok.loc;
  IdlcType *t;
  switch (p->tok.kind)
    {
    case IDLC_TK_SHORT:
    case IDLC_TK_LONG:
    case IDLC_TK_UNSIGNED:
      return integer_type (p);
    case IDLC_TK_FLOAT_KW:
      t = idlc_parser_base_type (p, IDLC_BASE_FLOAT);
      break;
    case IDLC_TK_DOUBLE:
      t = idlc_parser_base_type (p, IDLC_BASE_DOUBLE);
      break;
    case IDLC_TK_CHAR_KW:
      t = idlc_parser_base_type (p, IDLC_BASE_CHAR);
      break;
    case IDLC_TK_BOOLEAN:
      t = idlc_parser_base_type (p, IDLC_BASE_BOOLEAN);
      break;
    case IDLC_TK_OCTET:
      t = idlc_parser_base_type (p, IDLC_BASE_OCTET);
      break;
    case IDLC_TK_OBJECT:
      t = idlc_parser_base_type (p, IDLC_BASE_OBJECT);
      break;
    case IDLC_TK_STRING_KW:
      t = idlc_ast_new_type (p->ast, IDLC_TYPE_STRING, &loc);
      idlc_parser_next (p);
      if (idlc_parser_test_next (p, '<')
          && ((t->bound = idlc_parser_const_exp (p)) == NULL || !idlc_parser_expect (p, '>')))
        return NULL;
      return t;
    case IDLC_TK_SEQUENCE:
      t = idlc_ast_new_type (p->ast, IDLC_TYPE_SEQUENCE, &loc);
      idlc_parser_next (p);
      if (!idlc_parser_expect (p, '<') || (t->element = idlc_parser_simple_type_spec (p)) == NULL)
        return NULL;
      if (idlc_parser_test_next (p, ',') && (t->bound = idlc_parser_const_exp (p)) == NULL)
        return NULL;
      return idlc_parser_expect (p, '>') ? t : NULL;
    case IDLC_TK_IDENT:
    case IDLC_TK_SCOPE:
      t = idlc_ast_new_type (p->ast, IDLC_TYPE_NAMED, &loc);
      t->name = idlc_parser_scoped_name (p);
      return t->name ? t : NULL;
    default:
      idlc_parser_error_near (p, "expected a type");
      return NULL;
    }
  idlc_parser_next (p);
  return t;
}

IdlcType *
idlc_parser_simple_type_spec (Parser *p)
{
  if (!idlc_parser_enter (p))
    return NULL;
  IdlcType *t = simple_type_spec_inner (p);
  p->depth--;
  return t;
}

/* param_type_spec -> base_type | 'string' ['<' const_exp '>'] | scoped_name */
IdlcType *
idlc_parser_param_type_spec (Parser *p)
{
  if (p->tok.kind == IDLC_TK_SEQUENCE)
    {
      idlc_parser_error_near (p, "anonymous sequence not allowed here (use a typedef)");
      return NULL;
    }
  return idlc_parser_simple_type_spec (p);
}

/* type_spec -> simple_type_spec | struct_type | union_type | enum_type */
IdlcType *
idlc_parser_type_spec (Parser *p)
{
  if (p->tok.kind != IDLC_TK_STRUCT && p->tok.kind != IDLC_TK_UNION && p->tok.kind != IDLC_TK_ENUM)
    return idlc_parser_simple_type_spec (p);
  IdlcType *t = idlc_ast_new_type (p->ast, IDLC_TYPE_DECL, &p->tok.loc);
  t->decl = idlc_parser_definition (p);
  if (t->decl == NULL)
    return NULL;
  if (t->decl->kind == IDLC_NODE_STRUCT_FORWARD || t->decl->kind == IDLC_NODE_UNION_FORWARD)
    {
      idlc_diag_error (p->diag, &t->loc, "expected a type definition, not a forward declaration");
      return NULL;
    }
  return t;
}

/* declarator -> IDENT ('[' const_exp ']')*
 * declarators -> declarator (',' declarator)* */
gboolean
idlc_parser_declarators (Parser *p, IdlcNode *owner, gboolean allow_arrays, gboolean just_one)
{
  do
    {
      IdlcNode *d = idlc_ast_new_node (p->ast, IDLC_NODE_DECLARATOR, &p->tok.loc);
      if ((d->name = idlc_parser_ident (p)) == NULL)
        return FALSE;
      while (allow_arrays && idlc_parser_test_next (p, '['))
        {
          IdlcExpr *dim = idlc_parser_const_exp (p);
          if (dim == NULL || !idlc_parser_expect (p, ']'))
            return FALSE;
          g_ptr_array_add (d->dims, dim);
        }
      g_ptr_array_add (owner->children, d);
    }
  while (!just_one && idlc_parser_test_next (p, ','));
  return TRUE;
}

/* member -> type_spec declarators ';'
 * members -> member* '}' */
gboolean
idlc_parser_members (Parser *p, IdlcNode *owner, const char *what)
{
  while (p->tok.kind != '}' && !idlc_diag_is_stopped (p->diag))
    {
      if (!idlc_parser_starts_type (p->tok.kind) || p->tok.kind == IDLC_TK_EOF)
        return idlc_parser_close_brace (p, what, &owner->loc);
      IdlcNode *m = idlc_ast_new_node (p->ast, IDLC_NODE_MEMBER, &p->tok.loc);
      m->doc = p->tok.doc;
      if ((m->type = idlc_parser_type_spec (p)) != NULL
          && idlc_parser_declarators (p, m, TRUE, FALSE) && idlc_parser_expect (p, ';'))
        {
          idlc_parser_take_trailing (p, m); /* `string name;  // the name` */
          g_ptr_array_add (owner->children, m);
        }
      else
        idlc_parser_recover (p);
    }
  return idlc_parser_close_brace (p, what, &owner->loc);
}
