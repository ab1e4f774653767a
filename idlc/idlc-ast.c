/* idlc-ast.c - the IDL syntax tree: arena allocation and the --dump-ast form
 *
 * The dump is deterministic and indented by two spaces per level; tests
 * compare it as text, so change it only together with them. */
#include "idlc-ast.h"

#include "idlc-lexer.h"

IdlcAst *
idlc_ast_new (void)
{
  IdlcAst *ast = g_new0 (IdlcAst, 1);
  ast->strings = g_string_chunk_new (4096);
  ast->blocks = g_ptr_array_new_with_free_func (g_free);
  ast->arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  ast->definitions = g_ptr_array_new ();
  ast->files = g_ptr_array_new ();
  return ast;
}

void
idlc_ast_free (IdlcAst *ast)
{
  if (ast == NULL)
    return;
  g_ptr_array_unref (ast->definitions);
  g_ptr_array_unref (ast->files);
  g_ptr_array_unref (ast->arrays);
  g_ptr_array_unref (ast->blocks);
  g_string_chunk_free (ast->strings);
  g_free (ast);
}

static gpointer
arena_alloc (IdlcAst *ast, gsize size)
{
  gpointer block = g_malloc0 (size);
  g_ptr_array_add (ast->blocks, block);
  return block;
}

static GPtrArray *
arena_array (IdlcAst *ast)
{
  GPtrArray *array = g_ptr_array_new ();
  g_ptr_array_add (ast->arrays, array);
  return array;
}

IdlcNode *
idlc_ast_new_node (IdlcAst *ast, IdlcNodeKind kind, const IdlcLoc *loc)
{
  IdlcNode *node = arena_alloc (ast, sizeof *node);
  node->kind = kind;
  node->loc = *loc;
  node->children = arena_array (ast);
  node->names = arena_array (ast);
  node->labels = arena_array (ast);
  node->dims = arena_array (ast);
  return node;
}

IdlcType *
idlc_ast_new_type (IdlcAst *ast, IdlcTypeKind kind, const IdlcLoc *loc)
{
  IdlcType *type = arena_alloc (ast, sizeof *type);
  type->kind = kind;
  type->loc = *loc;
  return type;
}

IdlcExpr *
idlc_ast_new_expr (IdlcAst *ast, IdlcExprKind kind, const IdlcLoc *loc)
{
  IdlcExpr *expr = arena_alloc (ast, sizeof *expr);
  expr->kind = kind;
  expr->loc = *loc;
  return expr;
}

/* A pointer array that lives as long as @ast. */
GPtrArray *
idlc_ast_new_array (IdlcAst *ast)
{
  return arena_array (ast);
}

const char *
idlc_ast_intern (IdlcAst *ast, const char *text)
{
  return g_string_chunk_insert_const (ast->strings, text);
}

/* ---- the dump ---- */

void
idlc_expr_format (const IdlcExpr *expr, GString *out)
{
  switch (expr->kind)
    {
    case IDLC_EXPR_INT:
      g_string_append_printf (out, "%" G_GUINT64_FORMAT, expr->ival);
      break;
    case IDLC_EXPR_FLOAT:
    case IDLC_EXPR_NAME:
      g_string_append (out, expr->text);
      break;
    case IDLC_EXPR_BOOL:
      g_string_append (out, expr->ival ? "TRUE" : "FALSE");
      break;
    case IDLC_EXPR_CHAR:
    case IDLC_EXPR_STRING:
      {
        char quote = expr->kind == IDLC_EXPR_CHAR ? '\'' : '"';
        char one[2] = { (char) expr->ival, '\0' };
        g_autofree char *escaped
            = g_strescape (expr->kind == IDLC_EXPR_CHAR ? one : expr->text, NULL);
        g_string_append_printf (out, "%c%s%c", quote, escaped, quote);
        break;
      }
    case IDLC_EXPR_UNARY:
      g_string_append_printf (out, "(%c", expr->op);
      idlc_expr_format (expr->lhs, out);
      g_string_append_c (out, ')');
      break;
    case IDLC_EXPR_BINARY:
      g_string_append_c (out, '(');
      idlc_expr_format (expr->lhs, out);
      if (expr->op == IDLC_TK_SHL || expr->op == IDLC_TK_SHR)
        g_string_append (out, expr->op == IDLC_TK_SHL ? " << " : " >> ");
      else
        g_string_append_printf (out, " %c ", expr->op);
      idlc_expr_format (expr->rhs, out);
      g_string_append_c (out, ')');
      break;
    }
}

void
idlc_type_format (const IdlcType *type, GString *out)
{
  static const char *const base_names[] = {
    "short",  "unsigned short", "long", "unsigned long", "long long", "unsigned long long",
    "float",  "double",         "char", "boolean",       "octet",     "void",
    "Object",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (base_names) == IDLC_BASE_OBJECT + 1);

  switch (type->kind)
    {
    case IDLC_TYPE_BASE:
      g_string_append (out, base_names[type->base]);
      break;
    case IDLC_TYPE_STRING:
      g_string_append (out, "string");
      if (type->bound != NULL)
        {
          g_string_append_c (out, '<');
          idlc_expr_format (type->bound, out);
          g_string_append_c (out, '>');
        }
      break;
    case IDLC_TYPE_SEQUENCE:
      g_string_append (out, "sequence<");
      idlc_type_format (type->element, out);
      if (type->bound != NULL)
        {
          g_string_append (out, ", ");
          idlc_expr_format (type->bound, out);
        }
      g_string_append_c (out, '>');
      break;
    case IDLC_TYPE_NAMED:
      g_string_append (out, type->name);
      break;
    case IDLC_TYPE_DECL:
      g_string_append_printf (out, "%s %s",
                              type->decl->kind == IDLC_NODE_STRUCT  ? "struct"
                              : type->decl->kind == IDLC_NODE_UNION ? "union"
                                                                    : "enum",
                              type->decl->name);
      break;
    }
}

static void dump_node (const IdlcNode *node, guint depth, GString *out);

/* What idlc_check () computed, if it ran: ` {id ..., type ..., ...}`. */
static void
dump_annotations (const IdlcNode *node, GString *out)
{
  const struct
  {
    const char *key, *value;
  } fields[] = {
    { "id", node->repo_id },         { "type", node->c_type },     { "name", node->c_name },
    { "lower", node->c_lower },      { "setter", node->c_setter }, { "upper", node->c_upper },
    { "gtype", node->c_type_macro }, { "desc", node->c_desc },     { "error", node->c_error },
  };
  gboolean any = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].value != NULL)
      {
        g_string_append_printf (out, "%s%s %s", any ? ", " : " {", fields[i].key, fields[i].value);
        any = TRUE;
      }
  if (any)
    g_string_append_c (out, '}');
}

/* The annotations of a typedef's, member's or attribute's declarators. */
static void
dump_declarator_annotations (const IdlcNode *node, guint depth, GString *out)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      const IdlcNode *d = g_ptr_array_index (node->children, i);
      gsize len = out->len;
      g_string_append_printf (out, "%*s-> %s", (int) depth * 2 + 2, "", d->name);
      gsize bare = out->len;
      dump_annotations (d, out);
      if (out->len == bare)
        g_string_truncate (out, len);
      else
        g_string_append_c (out, '\n');
    }
}

static void
dump_children (const GPtrArray *nodes, guint depth, GString *out)
{
  for (guint i = 0; i < nodes->len; i++)
    dump_node (g_ptr_array_index (nodes, i), depth, out);
}

static void
dump_declarators (const IdlcNode *node, GString *out)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      const IdlcNode *d = g_ptr_array_index (node->children, i);
      g_string_append_printf (out, "%s%s", i ? ", " : " ", d->name);
      for (guint j = 0; j < d->dims->len; j++)
        {
          g_string_append_c (out, '[');
          idlc_expr_format (g_ptr_array_index (d->dims, j), out);
          g_string_append_c (out, ']');
        }
    }
}

static void
dump_names (const char *what, const GPtrArray *names, GString *out)
{
  if (names->len == 0)
    return;
  g_string_append (out, what);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "",
                            (const char *) g_ptr_array_index (names, i));
  if (what[1] == 'r')
    g_string_append_c (out, ')');
}

/* A type declared in place is dumped as a child of its user, first. */
static void
dump_inline_decl (const IdlcType *type, guint depth, GString *out)
{
  for (; type != NULL; type = type->element)
    if (type->kind == IDLC_TYPE_DECL)
      dump_node (type->decl, depth, out);
}

static void
dump_node (const IdlcNode *node, guint depth, GString *out)
{
  static const char *const kinds[] = {
    "module", "interface", "interface",  "struct",    "struct",    "union",  "union",
    "case",   "enum",      "enumerator", "typedef",   "exception", "member", "declarator",
    "const",  "operation", "param",      "attribute", "pragma",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == IDLC_NODE_PRAGMA + 1);

  if (node->doc != NULL)
    {
      g_autofree char *escaped = g_strescape (node->doc, NULL);
      g_string_append_printf (out, "%*sdoc \"%s\"\n", (int) depth * 2, "", escaped);
    }
  if (node->type != NULL && node->kind != IDLC_NODE_UNION)
    dump_inline_decl (node->type, depth, out);
  g_string_append_printf (out, "%*s%s", (int) depth * 2, "", kinds[node->kind]);
  switch (node->kind)
    {
    case IDLC_NODE_FORWARD:
    case IDLC_NODE_STRUCT_FORWARD:
    case IDLC_NODE_UNION_FORWARD:
      g_string_append_printf (out, " %s (forward)\n", node->name);
      return;
    case IDLC_NODE_INTERFACE:
      g_string_append_printf (out, " %s", node->name);
      dump_names (" : ", node->names, out);
      break;
    case IDLC_NODE_UNION:
      g_string_append_printf (out, " %s switch (", node->name);
      idlc_type_format (node->type, out);
      g_string_append_c (out, ')');
      break;
    case IDLC_NODE_CASE:
      for (guint i = 0; i < node->labels->len; i++)
        {
          const IdlcExpr *label = g_ptr_array_index (node->labels, i);
          g_string_append (out, i ? ", " : " ");
          if (label == NULL)
            g_string_append (out, "default");
          else
            idlc_expr_format (label, out);
        }
      g_string_append_c (out, ':');
      G_GNUC_FALLTHROUGH;
    case IDLC_NODE_TYPEDEF:
    case IDLC_NODE_MEMBER:
    case IDLC_NODE_ATTRIBUTE:
      if (node->flags & IDLC_FLAG_READONLY)
        g_string_append (out, " readonly");
      g_string_append_c (out, ' ');
      idlc_type_format (node->type, out);
      dump_declarators (node, out);
      g_string_append_c (out, '\n');
      dump_declarator_annotations (node, depth, out);
      return;
    case IDLC_NODE_CONST:
      g_string_append_c (out, ' ');
      idlc_type_format (node->type, out);
      g_string_append_printf (out, " %s = ", node->name);
      idlc_expr_format (node->value, out);
      break;
    case IDLC_NODE_OPERATION:
      g_string_append (out, node->flags & IDLC_FLAG_ONEWAY ? " oneway " : " ");
      idlc_type_format (node->type, out);
      g_string_append_printf (out, " %s", node->name);
      dump_names (" raises (", node->names, out);
      break;
    case IDLC_NODE_PARAM:
      g_string_append (out, (node->flags & IDLC_FLAG_INOUT) == IDLC_FLAG_INOUT ? " inout "
                            : node->flags & IDLC_FLAG_OUT                      ? " out "
                                                                               : " in ");
      idlc_type_format (node->type, out);
      g_string_append_printf (out, " %s", node->name);
      break;
    case IDLC_NODE_PRAGMA:
      {
        g_autofree char *escaped = g_strescape (node->text, NULL);
        if (node->pragma == IDLC_PRAGMA_PREFIX)
          g_string_append_printf (out, " prefix \"%s\"", escaped);
        else if (node->pragma == IDLC_PRAGMA_ID)
          g_string_append_printf (out, " ID %s \"%s\"", node->name, escaped);
        else if (node->pragma == IDLC_PRAGMA_VERSION)
          g_string_append_printf (out, " version %s %s", node->name, node->text);
        else
          g_string_append_printf (out, " other \"%s\"", escaped);
        break;
      }
    default:
      if (node->name != NULL)
        g_string_append_printf (out, " %s", node->name);
      break;
    }
  dump_annotations (node, out);
  g_string_append_c (out, '\n');
  dump_children (node->children, depth + 1, out);
}

/* Appends the indented text form of @ast, as `gorb-idlc --dump-ast` prints it. */
void
idlc_ast_dump (const IdlcAst *ast, GString *out)
{
  dump_children (ast->definitions, 0, out);
}

/**
 * idlc_ast_is_main_file:
 * @node: a node of @ast
 *
 * Returns: whether @node comes from the file being compiled (not from an
 *   #include'd one): back ends emit only those, and reference the others.
 */
gboolean
idlc_ast_is_main_file (const IdlcAst *ast, const IdlcNode *node)
{
  return ast->main_file != NULL && node->loc.file == ast->main_file;
}
