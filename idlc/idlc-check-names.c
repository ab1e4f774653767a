/* idlc-check-names.c - repository ids and C names, computed once here
 *
 * Repository ids: `IDL:<prefix/><Module/.../Name>:<version>`. `#pragma prefix`
 * applies to the definitions after it in the same file, up to the next one or
 * the end of the enclosing scope (an #include'd file starts without one);
 * `#pragma version X M.m` changes the version (default 1.0), `#pragma ID X
 * "id"` sets the whole id. Two ids for one definition, or one id for two, are
 * errors.
 *
 * C names (as in the Person.h of samples/personlist/Person.idl, for Demo::PersonList):
 *  - snake case of an identifier: lower-cased, with '_' inserted before an
 *    upper-case letter that follows a lower-case one ("getPerson" -> get_person)
 *    or that starts a word after upper-case letters or digits ("XMLParser" ->
 *    xml_parser, "IPv4Address" -> i_pv4_address); existing '_' are kept.
 *  - definitions: the type name joins the components of the scoped name, each
 *    with its first letter (and the first after each '_') upper-cased and the
 *    '_' dropped (Demo::PersonList -> DemoPersonList); the function prefix
 *    joins their snake cases with '_' (demo_person_list); the macro prefix is
 *    that upper-cased (DEMO_PERSON_LIST); the GType macro puts TYPE_ after the
 *    outermost module (DEMO_TYPE_PERSON_LIST; TYPE_X at the top level); the
 *    descriptor is <prefix>_desc; an exception's error domain <MACRO>_ERROR.
 *  - consts: <MACRO of the scope>_<NAME upper-cased snake case>; enumerators:
 *    <MACRO of the enum>_<NAME> (TEST_COLOR_RED).
 *  - operations and attributes: the snake case of the name (the vfunc), the
 *    function <prefix>_<snake> (attributes: <prefix>_get_<snake> and, unless
 *    readonly, <prefix>_set_<snake>); params: the snake case.
 *  - struct members and union cases keep their IDL name.
 *  - a C name that could collide with something the generated C declares,
 *    calls or expands next to it gets a trailing '_' (`in long int` ->
 *    int_), so that no IDL name can break the generated code:
 *    - any member, case, operation, attribute or param: a C keyword (C11,
 *      GNU), NULL, errno, gnu11's predefined linux/unix/i386, the names the
 *      generated calls give their own parameters (self, error, cancellable,
 *      callback, user_data, result), or a name starting with G_ or GORB_
 *      (GLib's and gorb's macros);
 *    - a param also: the locals and callees of the generated bodies (args,
 *      ret, retval, call_async, call_finish, memset), a name ending in
 *      _unused (the <param>_unused locals), GLib's type names (gint32,
 *      gpointer, ...), a name starting with g_ or gorb_, or with the
 *      interface's function prefix and '_' (<prefix>_operations, ...);
 *    - an exception member also (it is a parameter of <x>_error_set): the
 *      locals of _error_set (format, members, raised, ap), memcpy, va_list,
 *      GLib's type names, g_ and gorb_ names, and the exception's prefix.
 *    The IDL name stays in descriptors, repository ids and the XML encoding.
 *  - two definitions with the same C type name or function prefix, or two
 *    operations/attributes of an interface with the same C function (also
 *    get_type), are an error naming both: rename one in the IDL.
 */
#include "idlc-check-private.h"

#include <string.h>

/* ---- repository ids ---- */

typedef struct
{
  Checker *c;
  GHashTable *prefix; /* file -> prefix in effect (interned) */
  GHashTable *ids;    /* repository id -> IdlcNode * */
  GHashTable *pinned; /* IdlcNode * -> the pragma that set its id or version */
} Ids;

static gboolean
has_repo_id (const IdlcNode *n)
{
  switch (n->kind)
    {
    case IDLC_NODE_MODULE:
    case IDLC_NODE_INTERFACE:
    case IDLC_NODE_STRUCT:
    case IDLC_NODE_UNION:
    case IDLC_NODE_ENUM:
    case IDLC_NODE_EXCEPTION:
    case IDLC_NODE_CONST:
      return TRUE;
    case IDLC_NODE_DECLARATOR:
      return n->parent->kind == IDLC_NODE_TYPEDEF;
    default:
      return FALSE;
    }
}

static void assign_ids (Ids *ids, GPtrArray *nodes, const char *scoped, const char *path);

static void
assign_id (Ids *ids, IdlcNode *n, const char *scoped, const char *path)
{
  IdlcAst *ast = ids->c->ast;
  if (n->kind == IDLC_NODE_PRAGMA)
    {
      if (n->pragma == IDLC_PRAGMA_PREFIX)
        g_hash_table_insert (ids->prefix, (gpointer) n->loc.file, (gpointer) n->text);
      return;
    }
  if (n->type != NULL && n->kind != IDLC_NODE_UNION)
    for (IdlcType *t = n->type; t != NULL; t = t->element)
      if (t->kind == IDLC_TYPE_DECL)
        assign_id (ids, t->decl, scoped, path);
  if (n->kind == IDLC_NODE_TYPEDEF)
    {
      assign_ids (ids, n->children, scoped, path);
      return;
    }
  if (!has_repo_id (n))
    return;
  const char *prefix = g_hash_table_lookup (ids->prefix, n->loc.file);
  g_autofree char *my_scoped
      = *scoped ? g_strconcat (scoped, "::", n->name, NULL) : g_strdup (n->name);
  g_autofree char *my_path = *path ? g_strconcat (path, "/", n->name, NULL) : g_strdup (n->name);
  g_autofree char *id = g_strdup_printf ("IDL:%s%s%s:1.0", prefix != NULL && *prefix ? prefix : "",
                                         prefix != NULL && *prefix ? "/" : "", my_path);
  n->scoped_name = idlc_ast_intern (ast, my_scoped);
  n->repo_id = idlc_ast_intern (ast, id);
  if (n->kind == IDLC_NODE_MODULE || n->kind == IDLC_NODE_INTERFACE || n->kind == IDLC_NODE_STRUCT
      || n->kind == IDLC_NODE_UNION || n->kind == IDLC_NODE_EXCEPTION)
    {
      gpointer saved = g_hash_table_lookup (ids->prefix, n->loc.file);
      assign_ids (ids, n->children, my_scoped, my_path);
      g_hash_table_insert (ids->prefix, (gpointer) n->loc.file, saved); /* scope ends */
    }
  if (n->kind == IDLC_NODE_ENUM)
    for (guint i = 0; i < n->children->len; i++)
      {
        IdlcNode *e = g_ptr_array_index (n->children, i);
        g_autofree char *es
            = *scoped ? g_strconcat (scoped, "::", e->name, NULL) : g_strdup (e->name);
        e->scoped_name = idlc_ast_intern (ast, es);
      }
}

static void
assign_ids (Ids *ids, GPtrArray *nodes, const char *scoped, const char *path)
{
  for (guint i = 0; i < nodes->len; i++)
    assign_id (ids, g_ptr_array_index (nodes, i), scoped, path);
}

static void
apply_pragma (Ids *ids, IdlcNode *p, Scope *scope)
{
  Checker *c = ids->c;
  IdlcNode *n = idlc_check_resolve (c, scope, p->name, &p->loc);
  if (n == NULL)
    return;
  if (n->definition != NULL)
    n = n->definition;
  if (!has_repo_id (n) || n->repo_id == NULL)
    {
      idlc_diag_error (c->diag, &p->loc, "'%s' is a %s, which has no repository id", p->name,
                       idlc_node_what (n));
      return;
    }
  IdlcNode *prev = g_hash_table_lookup (ids->pinned, n);
  g_autofree char *id = NULL;
  if (p->pragma == IDLC_PRAGMA_ID)
    id = g_strdup (p->text);
  else
    {
      const char *colon = strrchr (n->repo_id, ':');
      id = g_strdup_printf ("%.*s:%s", (int) (colon - n->repo_id), n->repo_id, p->text);
    }
  if (prev != NULL && strcmp (id, n->repo_id) != 0)
    {
      idlc_diag_error (c->diag, &p->loc, "conflicting repository ids for '%s': '%s' and '%s'",
                       p->name, n->repo_id, id);
      idlc_diag_note (c->diag, &prev->loc, "'%s' set here", n->repo_id);
      return;
    }
  g_hash_table_insert (ids->pinned, n, p);
  n->repo_id = idlc_ast_intern (c->ast, id);
}

static void
check_unique (Ids *ids, GPtrArray *nodes)
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
              check_unique (ids, one);
            }
      if (n->repo_id != NULL && n->definition == n)
        {
          IdlcNode *prev = g_hash_table_lookup (ids->ids, n->repo_id);
          if (prev != NULL && prev != n)
            {
              idlc_diag_error (ids->c->diag, &n->loc,
                               "repository id '%s' of '%s' is already that of '%s'", n->repo_id,
                               n->scoped_name, prev->scoped_name);
              idlc_diag_note (ids->c->diag, &prev->loc, "'%s' declared here", prev->scoped_name);
            }
          else
            g_hash_table_insert (ids->ids, (gpointer) n->repo_id, n);
        }
      else if (n->repo_id != NULL && n->kind == IDLC_NODE_MODULE && n->definition != NULL
               && n->definition->repo_id != NULL
               && strcmp (n->repo_id, n->definition->repo_id) != 0)
        n->repo_id = n->definition->repo_id; /* a module is one scope: its first id holds */
      check_unique (ids, n->children);
    }
}

void
idlc_check_repo_ids (Checker *c)
{
  Ids ids = { c, g_hash_table_new (g_str_hash, g_str_equal),
              g_hash_table_new (g_str_hash, g_str_equal), g_hash_table_new (NULL, NULL) };
  assign_ids (&ids, c->ast->definitions, "", "");
  for (guint i = 0; i < c->pragmas->len; i += 2)
    {
      IdlcNode *p = g_ptr_array_index (c->pragmas, i);
      if (p->pragma == IDLC_PRAGMA_ID || p->pragma == IDLC_PRAGMA_VERSION)
        apply_pragma (&ids, p, g_ptr_array_index (c->pragmas, i + 1));
    }
  check_unique (&ids, c->ast->definitions);
  g_hash_table_unref (ids.prefix);
  g_hash_table_unref (ids.ids);
  g_hash_table_unref (ids.pinned);
}
