/* idlc-parser.c - recursive descent over the CORBA 3 IDL subset gorb supports
 *
 * Each parse function opens with its rule and starts at its first token.
 * Functions return NULL/FALSE after reporting an error; the list loops
 * (definitions, exports, members, cases) then resynchronise at ';' or '}'.
 * Pragmas may sit between any two tokens: they are parsed as they come and
 * placed in the innermost definition list, before the next definition. */
#include "idlc-parser-private.h"

#include <stdarg.h>
#include <string.h>

static void definitions (Parser *p, GPtrArray *out, IdlcNode *(*parse) (Parser *) );

/* ---- tokens and errors ---- */

void
idlc_parser_next (Parser *p)
{
  idlc_lexer_next (p->lexer, &p->tok);
  while (p->tok.kind == IDLC_TK_PRAGMA)
    {
      idlc_parser_pragma (p);
      idlc_lexer_next (p->lexer, &p->tok);
    }
}

gboolean
idlc_parser_test_next (Parser *p, int kind)
{
  if (p->tok.kind != kind)
    return FALSE;
  idlc_parser_next (p);
  return TRUE;
}

/* Reports "<message> near '<token>'" at the current token, or names the
 * unsupported construct the token starts. */
void
idlc_parser_error_near (Parser *p, const char *format, ...)
{
  va_list args;
  if (p->tok.kind == IDLC_TK_UNSUPPORTED)
    {
      idlc_diag_error (p->diag, &p->tok.loc, "'%s' is not supported by gorb yet", p->tok.text);
      return;
    }
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_autofree char *near = idlc_token_describe (&p->tok);
  idlc_diag_error (p->diag, &p->tok.loc, "%s near %s", message, near);
}

static char *
kind_text (int kind)
{
  if (kind == IDLC_TK_IDENT)
    return g_strdup ("an identifier");
  if (kind < 256)
    return g_strdup_printf ("'%c'", kind);
  return g_strdup_printf ("'%s'", idlc_token_kind_name (kind));
}

gboolean
idlc_parser_expect (Parser *p, int kind)
{
  if (idlc_parser_test_next (p, kind))
    return TRUE;
  g_autofree char *what = kind_text (kind);
  idlc_parser_error_near (p, "expected %s", what);
  return FALSE;
}

/* The comment trailing the token before the current one on its line (the
 * ';' or ',' that ended @node) goes to @node's doc, after its leading one. */
void
idlc_parser_take_trailing (Parser *p, IdlcNode *node)
{
  const char *trailing = p->tok.trailing;
  if (trailing == NULL)
    return;
  if (node->doc == NULL)
    node->doc = trailing;
  else
    {
      g_autofree char *both = g_strconcat (node->doc, "\n", trailing, NULL);
      node->doc = idlc_ast_intern (p->ast, both);
    }
  p->tok.trailing = NULL;
}

/* '}' closing what opened at @open */
gboolean
idlc_parser_close_brace (Parser *p, const char *what, const IdlcLoc *open)
{
  if (idlc_parser_test_next (p, '}'))
    return TRUE;
  if (p->tok.kind == IDLC_TK_EOF && p->eof_reported)
    return FALSE; /* only the innermost of the blocks left open */
  p->eof_reported = p->tok.kind == IDLC_TK_EOF;
  idlc_parser_error_near (p, "expected '}' (to close '%s' at line %u)", what, open->line);
  return FALSE;
}

const char *
idlc_parser_ident (Parser *p)
{
  const char *name = p->tok.text;
  return idlc_parser_expect (p, IDLC_TK_IDENT) ? name : NULL;
}

gboolean
idlc_parser_enter (Parser *p)
{
  if (++p->depth <= IDLC_PARSER_MAX_DEPTH)
    return TRUE;
  if (p->depth == IDLC_PARSER_MAX_DEPTH + 1)
    idlc_diag_error (p->diag, &p->tok.loc, "nesting too deep");
  return FALSE;
}

/* Skips to just after the next ';' or to the next '}' of this level. */
void
idlc_parser_recover (Parser *p)
{
  guint depth = 0;
  while (p->tok.kind != IDLC_TK_EOF && !idlc_diag_is_stopped (p->diag))
    {
      if (p->tok.kind == '}' && depth == 0)
        return;
      if (p->tok.kind == '{')
        depth++;
      else if (p->tok.kind == '}' && --depth == 0)
        {
          idlc_parser_next (p);
          idlc_parser_test_next (p, ';');
          return;
        }
      else if (p->tok.kind == ';' && depth == 0)
        {
          idlc_parser_next (p);
          return;
        }
      idlc_parser_next (p);
    }
}

/* ---- declarations ---- */

/* module -> 'module' IDENT '{' definition* '}' */
static IdlcNode *
module (Parser *p, const IdlcLoc *loc)
{
  IdlcNode *node = idlc_ast_new_node (p->ast, IDLC_NODE_MODULE, loc);
  if ((node->name = idlc_parser_ident (p)) == NULL || !idlc_parser_expect (p, '{'))
    return NULL;
  definitions (p, node->children, idlc_parser_definition);
  return idlc_parser_close_brace (p, "module", loc) ? node : NULL;
}

/* export -> type_dcl ';' | const_dcl ';' | except_dcl ';' | attr_dcl ';' | op_dcl ';'
 * op_dcl -> ['oneway'] ('void' | idlc_parser_param_type_spec) IDENT '(' [param (',' param)*] ')'
 *           ['raises' '(' idlc_parser_scoped_name (',' idlc_parser_scoped_name)* ')']
 * param -> ('in' | 'out' | 'inout') param_type_spec IDENT
 * attr_dcl -> ['readonly'] 'attribute' param_type_spec IDENT (',' IDENT)* */
static IdlcNode *
export_inner (Parser *p)
{
  IdlcLoc loc = p->tok.loc;
  IdlcNode *node;
  if (p->tok.kind == IDLC_TK_READONLY || p->tok.kind == IDLC_TK_ATTRIBUTE)
    {
      node = idlc_ast_new_node (p->ast, IDLC_NODE_ATTRIBUTE, &loc);
      if (idlc_parser_test_next (p, IDLC_TK_READONLY))
        node->flags |= IDLC_FLAG_READONLY;
      if (!idlc_parser_expect (p, IDLC_TK_ATTRIBUTE)
          || (node->type = idlc_parser_param_type_spec (p)) == NULL
          || !idlc_parser_declarators (p, node, FALSE, FALSE))
        return NULL;
      return node;
    }
  if (p->tok.kind != IDLC_TK_ONEWAY && p->tok.kind != IDLC_TK_VOID
      && !idlc_parser_starts_type (p->tok.kind))
    return idlc_parser_definition (p);
  if (p->tok.kind == IDLC_TK_STRUCT || p->tok.kind == IDLC_TK_UNION || p->tok.kind == IDLC_TK_ENUM)
    return idlc_parser_definition (p);
  node = idlc_ast_new_node (p->ast, IDLC_NODE_OPERATION, &loc);
  if (idlc_parser_test_next (p, IDLC_TK_ONEWAY))
    node->flags |= IDLC_FLAG_ONEWAY;
  if (p->tok.kind == IDLC_TK_VOID)
    {
      node->type = idlc_parser_base_type (p, IDLC_BASE_VOID);
      idlc_parser_next (p);
    }
  else if ((node->type = idlc_parser_param_type_spec (p)) == NULL)
    return NULL;
  if ((node->name = idlc_parser_ident (p)) == NULL || !idlc_parser_expect (p, '('))
    return NULL;
  while (p->tok.kind != ')')
    {
      IdlcNode *param = idlc_ast_new_node (p->ast, IDLC_NODE_PARAM, &p->tok.loc);
      if (idlc_parser_test_next (p, IDLC_TK_IN))
        param->flags = IDLC_FLAG_IN;
      else if (idlc_parser_test_next (p, IDLC_TK_OUT))
        param->flags = IDLC_FLAG_OUT;
      else if (idlc_parser_test_next (p, IDLC_TK_INOUT))
        param->flags = IDLC_FLAG_INOUT;
      else
        {
          idlc_parser_error_near (p, "expected 'in', 'out' or 'inout'");
          return NULL;
        }
      if ((param->type = idlc_parser_param_type_spec (p)) == NULL
          || (param->name = idlc_parser_ident (p)) == NULL)
        return NULL;
      g_ptr_array_add (node->children, param);
      if (!idlc_parser_test_next (p, ','))
        break;
    }
  if (!idlc_parser_expect (p, ')'))
    return NULL;
  if (idlc_parser_test_next (p, IDLC_TK_RAISES))
    {
      if (!idlc_parser_expect (p, '('))
        return NULL;
      do
        {
          const char *name = idlc_parser_scoped_name (p);
          if (name == NULL)
            return NULL;
          g_ptr_array_add (node->names, (gpointer) name);
        }
      while (idlc_parser_test_next (p, ','));
      if (!idlc_parser_expect (p, ')'))
        return NULL;
    }
  if (p->tok.kind == IDLC_TK_CONTEXT)
    {
      idlc_diag_error (p->diag, &p->tok.loc, "'context' is not supported by gorb yet");
      return NULL;
    }
  return node;
}

static IdlcNode *export(Parser *p)
{
  const char *doc = p->tok.doc;
  IdlcNode *node = export_inner (p);
  if (node != NULL && node->doc == NULL)
    node->doc = doc;
  return node;
}

/* interface_dcl -> 'interface' IDENT [':' idlc_parser_scoped_name (',' idlc_parser_scoped_name)*]
 * '{' export* '}' forward_dcl -> 'interface' IDENT */
static IdlcNode *
interface (Parser *p, const IdlcLoc *loc)
{
  IdlcNode *node = idlc_ast_new_node (p->ast, IDLC_NODE_INTERFACE, loc);
  if ((node->name = idlc_parser_ident (p)) == NULL)
    return NULL;
  if (p->tok.kind == ';')
    {
      node->kind = IDLC_NODE_FORWARD;
      return node;
    }
  if (idlc_parser_test_next (p, ':'))
    do
      {
        const char *base = idlc_parser_scoped_name (p);
        if (base == NULL)
          return NULL;
        g_ptr_array_add (node->names, (gpointer) base);
      }
    while (idlc_parser_test_next (p, ','));
  if (!idlc_parser_expect (p, '{'))
    return NULL;
  definitions (p, node->children, export);
  return idlc_parser_close_brace (p, "interface", loc) ? node : NULL;
}

/* struct_type -> 'struct' IDENT '{' member+ '}' | 'struct' IDENT
 * except_dcl -> 'exception' IDENT '{' member* '}' */
static IdlcNode *
struct_or_exception (Parser *p, const IdlcLoc *loc, gboolean is_exception)
{
  IdlcNode *node
      = idlc_ast_new_node (p->ast, is_exception ? IDLC_NODE_EXCEPTION : IDLC_NODE_STRUCT, loc);
  if ((node->name = idlc_parser_ident (p)) == NULL)
    return NULL;
  if (!is_exception && p->tok.kind == ';')
    {
      node->kind = IDLC_NODE_STRUCT_FORWARD;
      return node;
    }
  guint n_errors = idlc_diag_get_n_errors (p->diag);
  if (!idlc_parser_expect (p, '{')
      || !idlc_parser_members (p, node, is_exception ? "exception" : "struct"))
    return NULL;
  if (!is_exception && node->children->len == 0 && n_errors == idlc_diag_get_n_errors (p->diag))
    {
      idlc_diag_error (p->diag, loc, "struct '%s' has no members", node->name);
      return NULL;
    }
  return node;
}

/* union_type -> 'union' IDENT 'switch' '(' switch_type ')' '{' case+ '}' | 'union' IDENT
 * case -> ('case' const_exp ':' | 'default' ':')+ type_spec declarator ';' */
static IdlcNode *
union_type (Parser *p, const IdlcLoc *loc)
{
  IdlcNode *node = idlc_ast_new_node (p->ast, IDLC_NODE_UNION, loc);
  if ((node->name = idlc_parser_ident (p)) == NULL)
    return NULL;
  if (p->tok.kind == ';')
    {
      node->kind = IDLC_NODE_UNION_FORWARD;
      return node;
    }
  guint n_errors = idlc_diag_get_n_errors (p->diag);
  if (!idlc_parser_expect (p, IDLC_TK_SWITCH) || !idlc_parser_expect (p, '(')
      || (node->type = idlc_parser_type_spec (p)) == NULL || !idlc_parser_expect (p, ')')
      || !idlc_parser_expect (p, '{'))
    return NULL;
  while (p->tok.kind != '}' && !idlc_diag_is_stopped (p->diag))
    {
      if (p->tok.kind != IDLC_TK_CASE && p->tok.kind != IDLC_TK_DEFAULT)
        return idlc_parser_close_brace (p, "union", loc) ? node : NULL;
      IdlcNode *c = idlc_ast_new_node (p->ast, IDLC_NODE_CASE, &p->tok.loc);
      c->doc = p->tok.doc;
      gboolean ok = TRUE;
      while (ok && (p->tok.kind == IDLC_TK_CASE || p->tok.kind == IDLC_TK_DEFAULT))
        {
          IdlcExpr *label = NULL;
          if (idlc_parser_test_next (p, IDLC_TK_DEFAULT))
            ok = idlc_parser_expect (p, ':');
          else
            {
              idlc_parser_next (p);
              ok = (label = idlc_parser_const_exp (p)) != NULL && idlc_parser_expect (p, ':');
            }
          g_ptr_array_add (c->labels, label);
        }
      if (ok && (c->type = idlc_parser_type_spec (p)) != NULL
          && idlc_parser_declarators (p, c, TRUE, TRUE) && idlc_parser_expect (p, ';'))
        {
          idlc_parser_take_trailing (p, c);
          g_ptr_array_add (node->children, c);
        }
      else
        idlc_parser_recover (p);
    }
  if (!idlc_parser_close_brace (p, "union", loc))
    return NULL;
  if (node->children->len == 0 && n_errors == idlc_diag_get_n_errors (p->diag))
    {
      idlc_diag_error (p->diag, loc, "union '%s' has no cases", node->name);
      return NULL;
    }
  return node;
}

/* enum_type -> 'enum' IDENT '{' IDENT (',' IDENT)* '}' */
static IdlcNode *
enum_type (Parser *p, const IdlcLoc *loc)
{
  IdlcNode *node = idlc_ast_new_node (p->ast, IDLC_NODE_ENUM, loc);
  gboolean more;
  if ((node->name = idlc_parser_ident (p)) == NULL || !idlc_parser_expect (p, '{'))
    return NULL;
  do
    {
      if (p->tok.kind != IDLC_TK_IDENT)
        {
          idlc_parser_error_near (p, "expected an enumerator");
          return NULL;
        }
      IdlcNode *e = idlc_ast_new_node (p->ast, IDLC_NODE_ENUMERATOR, &p->tok.loc);
      e->doc = p->tok.doc;
      e->name = p->tok.text;
      idlc_parser_next (p);
      g_ptr_array_add (node->children, e);
      more = idlc_parser_test_next (p, ',');
      idlc_parser_take_trailing (p, e); /* `RED,  // the red one` */
    }
  while (more);
  return idlc_parser_close_brace (p, "enum", loc) ? node : NULL;
}

/* definition -> module ';' | interface_dcl ';' | type_dcl ';' | const_dcl ';' | except_dcl ';'
 * type_dcl -> 'typedef' type_spec declarators | struct_type | union_type | enum_type
 * const_dcl -> 'const' const_type IDENT '=' const_exp
 * (the ';' is checked by the list: type_spec uses this for in-place types) */
IdlcNode *
idlc_parser_definition (Parser *p)
{
  IdlcLoc loc = p->tok.loc;
  const char *doc = p->tok.doc;
  int kind = p->tok.kind;
  IdlcNode *node = NULL;

  if (!idlc_parser_enter (p))
    return NULL;
  if (kind == IDLC_TK_MODULE || kind == IDLC_TK_INTERFACE || kind == IDLC_TK_STRUCT
      || kind == IDLC_TK_UNION || kind == IDLC_TK_ENUM || kind == IDLC_TK_TYPEDEF
      || kind == IDLC_TK_EXCEPTION || kind == IDLC_TK_CONST)
    idlc_parser_next (p);
  switch (kind)
    {
    case IDLC_TK_MODULE:
      node = module (p, &loc);
      break;
    case IDLC_TK_INTERFACE:
      node = interface (p, &loc);
      break;
    case IDLC_TK_STRUCT:
      node = struct_or_exception (p, &loc, FALSE);
      break;
    case IDLC_TK_EXCEPTION:
      node = struct_or_exception (p, &loc, TRUE);
      break;
    case IDLC_TK_UNION:
      node = union_type (p, &loc);
      break;
    case IDLC_TK_ENUM:
      node = enum_type (p, &loc);
      break;
    case IDLC_TK_TYPEDEF:
      node = idlc_ast_new_node (p->ast, IDLC_NODE_TYPEDEF, &loc);
      if ((node->type = idlc_parser_type_spec (p)) == NULL
          || !idlc_parser_declarators (p, node, TRUE, FALSE))
        node = NULL;
      break;
    case IDLC_TK_CONST:
      node = idlc_ast_new_node (p->ast, IDLC_NODE_CONST, &loc);
      if ((node->type = idlc_parser_param_type_spec (p)) == NULL
          || (node->name = idlc_parser_ident (p)) == NULL || !idlc_parser_expect (p, '=')
          || (node->value = idlc_parser_const_exp (p)) == NULL)
        node = NULL;
      break;
    default:
      idlc_parser_error_near (p, "expected a definition");
      break;
    }
  p->depth--;
  if (node != NULL)
    node->doc = doc;
  return node;
}

/* definition* (or export*) up to '}' or the end of file, each followed by ';' */
static void
definitions (Parser *p, GPtrArray *out, IdlcNode *(*parse) (Parser *) )
{
  while (p->tok.kind != '}' && p->tok.kind != IDLC_TK_EOF && !idlc_diag_is_stopped (p->diag))
    {
      idlc_parser_place_pragmas (p, out);
      IdlcNode *node = parse (p);
      if (node != NULL && idlc_parser_expect (p, ';'))
        {
          idlc_parser_take_trailing (p, node);
          g_ptr_array_add (out, node);
        }
      else
        idlc_parser_recover (p);
    }
  idlc_parser_place_pragmas (p, out);
}

/* specification -> definition* EOF */
static void
specification (Parser *p)
{
  idlc_parser_next (p);
  for (;;)
    {
      definitions (p, p->ast->definitions, idlc_parser_definition);
      if (p->tok.kind != '}' || idlc_diag_is_stopped (p->diag))
        break;
      idlc_parser_error_near (p, "unexpected '}'");
      idlc_parser_next (p);
    }
}

static IdlcAst *
parse (IdlcLexer *lexer, IdlcAst *ast, IdlcDiag *diag)
{
  Parser p = { lexer, diag, ast };
  p.pragmas = g_ptr_array_new ();
  specification (&p);
  g_ptr_array_unref (p.pragmas);
  GPtrArray *files = idlc_lexer_get_files (lexer);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (ast->files, files->pdata[i]); /* in ast->strings, as the lexer's texts */
  idlc_lexer_free (lexer);
  return ast;
}

/**
 * idlc_parse_file:
 * @include_dirs: (nullable): -I directories, searched after the including file's
 *
 * Returns: (transfer full): the tree, never %NULL; partial if @diag holds errors
 */
IdlcAst *
idlc_parse_file (const char *path, const char *const *include_dirs, IdlcDiag *diag)
{
  IdlcAst *ast = idlc_ast_new ();
  IdlcLexer *lexer = idlc_lexer_new (diag, ast->strings, include_dirs, TRUE);
  ast->main_file = idlc_ast_intern (ast, path); /* the lexer's loc.file for it */
  idlc_lexer_push_file (lexer, path);
  return parse (lexer, ast, diag);
}

/**
 * idlc_parse_string:
 * @name: the file name diagnostics show; includes are resolved from its directory
 * @len: length of @text, or -1 if NUL-terminated
 *
 * Returns: (transfer full): the tree, never %NULL; partial if @diag holds errors
 */
IdlcAst *
idlc_parse_string (const char *name, const char *text, gssize len, const char *const *include_dirs,
                   IdlcParseFlags flags, IdlcDiag *diag)
{
  IdlcAst *ast = idlc_ast_new ();
  IdlcLexer *lexer
      = idlc_lexer_new (diag, ast->strings, include_dirs, !(flags & IDLC_PARSE_NO_INCLUDES));
  ast->main_file = idlc_ast_intern (ast, name);
  idlc_lexer_push_string (lexer, name, text, len < 0 ? strlen (text) : (gsize) len);
  return parse (lexer, ast, diag);
}
