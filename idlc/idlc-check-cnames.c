/* idlc-check-cnames.c - the C names of every definition, by the rules written
 * down at the top of idlc-check-names.c */
#include "idlc-check-private.h"

#include <string.h>

char *
idlc_snake_case (const char *id)
{
  GString *out = g_string_new (NULL);
  for (gsize i = 0; id[i] != '\0'; i++)
    {
      char ch = id[i];
      if (i > 0 && g_ascii_isupper (ch) && out->len > 0 && out->str[out->len - 1] != '_')
        {
          char prev = id[i - 1], next = id[i + 1];
          if (g_ascii_islower (prev)
              || ((g_ascii_isupper (prev) || g_ascii_isdigit (prev)) && g_ascii_islower (next)))
            g_string_append_c (out, '_');
        }
      g_string_append_c (out, g_ascii_tolower (ch));
    }
  return g_string_free (out, FALSE);
}

static void
append_camel (GString *out, const char *id)
{
  gboolean up = TRUE;
  for (; *id; id++)
    {
      if (*id == '_')
        up = TRUE;
      else
        {
          g_string_append_c (out, up ? g_ascii_toupper (*id) : *id);
          up = FALSE;
        }
    }
}

/* Names no C identifier of ours may take: C keywords (C11 and the GNU
 * dialect the project builds with), the macros that would expand in its
 * place (NULL, gnu11's predefined linux/unix, errno) and the names the
 * generated calls give their own parameters (self, error, ...). */
static const char *const reserved[] = {
  "auto",      "break",  "case",     "char",    "const",    "continue",      "default",
  "do",        "double", "else",     "enum",    "extern",   "float",         "for",
  "goto",      "if",     "inline",   "int",     "long",     "register",      "restrict",
  "return",    "short",  "signed",   "sizeof",  "static",   "struct",        "switch",
  "typedef",   "union",  "unsigned", "void",    "volatile", "while",         "bool",
  "true",      "false",  "_Bool",    "self",    "error",    "cancellable",   "callback",
  "user_data", "result", "alignas",  "alignof", "nullptr",  "static_assert", "thread_local",
  "typeof",    "asm",    "noreturn", "NULL",    "errno",    "linux",         "unix",
  "i386",
};

/* The locals and callees of the generated bodies a parameter is visible in:
 * _async/_finish and the proxy methods (args, ret, retval, the static
 * helpers, memset), <x>_error_set (format, members, raised, ap, memcpy). */
static const char *const param_reserved[] = {
  "args", "ret", "retval", "call_async", "call_finish", "memset", NULL,
};
static const char *const exception_member_reserved[] = {
  "format", "members", "raised", "ap", "memcpy", "va_list", NULL,
};

/* GLib's type names, which the generated signatures and bodies use. */
static const char *const glib_types[] = {
  "gboolean", "gpointer", "gconstpointer", "gchar",   "guchar",   "gint",   "guint",
  "gshort",   "gushort",  "glong",         "gulong",  "gint8",    "guint8", "gint16",
  "guint16",  "gint32",   "guint32",       "gint64",  "guint64",  "gfloat", "gdouble",
  "gsize",    "gssize",   "goffset",       "gintptr", "guintptr", NULL,
};

static gboolean
in_list (const char *name, const char *const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

typedef enum
{
  USE_FIELD,            /* a struct/union member, an operation's vfunc, an attribute */
  USE_PARAM,            /* an operation's parameter */
  USE_EXCEPTION_MEMBER, /* also a parameter of <x>_error_set */
} CNameUse;

/* Whether @name, as a C identifier used as @use in the functions of the
 * definition whose function prefix is @lower, could collide with a C
 * keyword, a macro or an identifier the generated code declares or calls. */
static gboolean
needs_escape (const char *name, CNameUse use, const char *lower)
{
  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    if (strcmp (name, reserved[i]) == 0)
      return TRUE;
  if (g_str_has_prefix (name, "G_") || g_str_has_prefix (name, "GORB_"))
    return TRUE; /* GLib's and gorb's macros */
  if (use == USE_FIELD)
    return FALSE;
  /* a parameter: GLib's and gorb's functions and types, the definition's own
   * functions and descriptors (<lower>_get_type, <lower>_operations, ...) */
  if (g_str_has_prefix (name, "g_") || g_str_has_prefix (name, "gorb_")
      || in_list (name, glib_types)
      || (lower != NULL && g_str_has_prefix (name, lower) && name[strlen (lower)] == '_'))
    return TRUE;
  if (use == USE_PARAM)
    return in_list (name, param_reserved)
           || g_str_has_suffix (name, "_unused"); /* <param>_unused */
  return in_list (name, exception_member_reserved);
}

/* @name, or @name with a trailing '_' if it needs one (needs_escape). */
static const char *
escape (IdlcAst *ast, const char *name, CNameUse use, const char *lower)
{
  if (needs_escape (name, use, lower))
    {
      g_autofree char *s = g_strconcat (name, "_", NULL);
      return idlc_ast_intern (ast, s);
    }
  return idlc_ast_intern (ast, name);
}

typedef struct
{
  Checker *c;
  GHashTable *types;  /* C type name -> IdlcNode * */
  GHashTable *lowers; /* function prefix -> IdlcNode * */
} Names;

static void
collide (Names *nm, GHashTable *table, const char *cname, IdlcNode *n, const IdlcLoc *loc)
{
  IdlcNode *prev = g_hash_table_lookup (table, cname);
  if (prev == NULL)
    {
      g_hash_table_insert (table, (gpointer) cname, n);
      return;
    }
  if (prev == n)
    return;
  idlc_diag_error (nm->c->diag, loc, "C name '%s' of '%s' collides with that of '%s'", cname,
                   n->scoped_name != NULL ? n->scoped_name : n->name,
                   prev->scoped_name != NULL ? prev->scoped_name : prev->name);
  idlc_diag_note (nm->c->diag, &prev->loc, "'%s' declared here",
                  prev->scoped_name != NULL ? prev->scoped_name : prev->name);
}

typedef struct
{
  GString *type;      /* DemoPerson */
  GString *lower;     /* demo_person */
  const char *module; /* the outermost module's macro part, or NULL */
} Path;

static void name_nodes (Names *nm, GPtrArray *nodes, const Path *path);

static void
name_interface_members (Names *nm, IdlcNode *iface)
{
  IdlcAst *ast = nm->c->ast;
  g_autoptr (GHashTable) funcs = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (funcs, (gpointer) "get_type", iface);
  for (guint i = 0; i < iface->children->len; i++)
    {
      IdlcNode *m = g_ptr_array_index (iface->children, i);
      if (m->kind == IDLC_NODE_OPERATION)
        {
          g_autofree char *snake = idlc_snake_case (m->name);
          m->c_name = escape (ast, snake, USE_FIELD, NULL);
          g_autofree char *f = g_strconcat (iface->c_lower, "_", snake, NULL);
          m->c_lower = idlc_ast_intern (ast, f);
          collide (nm, funcs, m->c_name, m, &m->loc);
          g_autoptr (GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint j = 0; j < m->children->len; j++)
            {
              IdlcNode *p = g_ptr_array_index (m->children, j);
              g_autofree char *ps = idlc_snake_case (p->name);
              p->c_name = escape (ast, ps, USE_PARAM, iface->c_lower);
              collide (nm, params, p->c_name, p, &p->loc);
            }
        }
      else if (m->kind == IDLC_NODE_ATTRIBUTE)
        for (guint j = 0; j < m->children->len; j++)
          {
            IdlcNode *d = g_ptr_array_index (m->children, j);
            g_autofree char *snake = idlc_snake_case (d->name);
            g_autofree char *get = g_strconcat ("get_", snake, NULL);
            g_autofree char *set = g_strconcat ("set_", snake, NULL);
            g_autofree char *getter = g_strconcat (iface->c_lower, "_", get, NULL);
            g_autofree char *setter = g_strconcat (iface->c_lower, "_", set, NULL);
            d->c_name = escape (ast, snake, USE_FIELD, NULL);
            d->c_lower = idlc_ast_intern (ast, getter);
            collide (nm, funcs, idlc_ast_intern (ast, get), d, &d->loc);
            if (!(m->flags & IDLC_FLAG_READONLY))
              {
                d->c_setter = idlc_ast_intern (ast, setter);
                collide (nm, funcs, idlc_ast_intern (ast, set), d, &d->loc);
              }
          }
    }
}

/* The C names of a definition with a repository id, and of its contents. */
static void
name_definition (Names *nm, IdlcNode *n, const Path *path, Path *inner, const char *upper)
{
  IdlcAst *ast = nm->c->ast;
  if (n->kind == IDLC_NODE_CONST)
    {
      n->c_upper = idlc_ast_intern (ast, upper);
      return;
    }
  n->c_type = idlc_ast_intern (ast, inner->type->str);
  n->c_lower = idlc_ast_intern (ast, inner->lower->str);
  n->c_upper = idlc_ast_intern (ast, upper);
  if (n->kind == IDLC_NODE_MODULE)
    {
      if (inner->module == NULL)
        inner->module = n->c_upper;
      name_nodes (nm, n->children, inner);
      return;
    }
  g_autofree char *desc = g_strconcat (n->c_lower, "_desc", NULL);
  n->c_desc = idlc_ast_intern (ast, desc);
  collide (nm, nm->types, n->c_type, n, &n->loc);
  collide (nm, nm->lowers, n->c_lower, n, &n->loc);
  if (n->kind == IDLC_NODE_INTERFACE)
    {
      gsize skip = path->module != NULL ? strlen (path->module) + 1 : 0;
      g_autofree char *macro = path->module != NULL
                                   ? g_strconcat (path->module, "_TYPE_", upper + skip, NULL)
                                   : g_strconcat ("TYPE_", upper, NULL);
      n->c_type_macro = idlc_ast_intern (ast, macro);
      n->c_macro_module = path->module;
      name_interface_members (nm, n);
    }
  if (n->kind == IDLC_NODE_EXCEPTION)
    {
      g_autofree char *domain = g_strconcat (upper, "_ERROR", NULL);
      n->c_error = idlc_ast_intern (ast, domain);
    }
  if (n->kind == IDLC_NODE_ENUM)
    for (guint i = 0; i < n->children->len; i++)
      {
        IdlcNode *e = g_ptr_array_index (n->children, i);
        g_autofree char *es = idlc_snake_case (e->name);
        g_autofree char *eu = g_ascii_strup (es, -1);
        g_autofree char *value = g_strconcat (upper, "_", eu, NULL);
        e->c_upper = idlc_ast_intern (ast, value);
      }
  if (n->kind == IDLC_NODE_INTERFACE || n->kind == IDLC_NODE_STRUCT || n->kind == IDLC_NODE_UNION
      || n->kind == IDLC_NODE_EXCEPTION)
    name_nodes (nm, n->children, inner);
}

static void
name_node (Names *nm, IdlcNode *n, const Path *path)
{
  IdlcAst *ast = nm->c->ast;
  if (n->type != NULL && n->kind != IDLC_NODE_UNION)
    for (IdlcType *t = n->type; t != NULL; t = t->element)
      if (t->kind == IDLC_TYPE_DECL)
        name_node (nm, t->decl, path);
  if (n->kind == IDLC_NODE_TYPEDEF)
    {
      name_nodes (nm, n->children, path);
      return;
    }
  if (n->kind == IDLC_NODE_MEMBER || n->kind == IDLC_NODE_CASE)
    {
      gboolean exception = n->parent != NULL && n->parent->kind == IDLC_NODE_EXCEPTION;
      for (guint i = 0; i < n->children->len; i++)
        {
          IdlcNode *d = g_ptr_array_index (n->children, i);
          d->c_name = exception ? escape (ast, d->name, USE_EXCEPTION_MEMBER, n->parent->c_lower)
                                : escape (ast, d->name, USE_FIELD, NULL);
        }
      return;
    }
  if (n->repo_id == NULL || n->definition != n)
    {
      if (n->kind == IDLC_NODE_MODULE && n->definition != NULL && n->definition != n)
        {
          n->c_type = n->definition->c_type;
          n->c_lower = n->definition->c_lower;
          n->c_upper = n->definition->c_upper;
          Path inner = { g_string_new (n->c_type), g_string_new (n->c_lower),
                         path->module != NULL ? path->module : n->c_upper };
          name_nodes (nm, n->children, &inner);
          g_string_free (inner.type, TRUE);
          g_string_free (inner.lower, TRUE);
        }
      return;
    }
  Path inner = { g_string_new (path->type->str), g_string_new (path->lower->str), path->module };
  g_autofree char *snake = idlc_snake_case (n->name);
  append_camel (inner.type, n->name);
  if (inner.lower->len > 0)
    g_string_append_c (inner.lower, '_');
  g_string_append (inner.lower, snake);
  g_autofree char *upper = g_ascii_strup (inner.lower->str, -1);

  name_definition (nm, n, path, &inner, upper);
  g_string_free (inner.type, TRUE);
  g_string_free (inner.lower, TRUE);
}

static void
name_nodes (Names *nm, GPtrArray *nodes, const Path *path)
{
  for (guint i = 0; i < nodes->len; i++)
    name_node (nm, g_ptr_array_index (nodes, i), path);
}

void
idlc_check_c_names (Checker *c)
{
  Names nm = { c, g_hash_table_new (g_str_hash, g_str_equal),
               g_hash_table_new (g_str_hash, g_str_equal) };
  Path top = { g_string_new (NULL), g_string_new (NULL), NULL };
  name_nodes (&nm, c->ast->definitions, &top);
  g_string_free (top.type, TRUE);
  g_string_free (top.lower, TRUE);
  g_hash_table_unref (nm.types);
  g_hash_table_unref (nm.lowers);
}
