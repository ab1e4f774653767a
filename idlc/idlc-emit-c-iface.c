/* idlc-emit-c-iface.c - the C back end for interfaces, as in the Person.h and
 * Person.c of samples/personlist/Person.idl
 *
 * Per interface X (module M), the header gets: the GInterface (G_DECLARE_INTERFACE,
 * one vfunc per operation and per attribute accessor, each taking a GError),
 * X's GorbInterfaceDesc and GorbSkeleton, the blocking calls, their _async
 * and _finish forms, and the final proxy class XProxy. The source gets the
 * GorbParamDesc / GorbOperationDesc tables (attributes as "_get_x" and
 * "_set_x" operations, in IDL order), the GInterface registration (the
 * skeleton is registered by get_type, the interface alone by a separate
 * register function: see the comments emitted with them), the calls, the
 * proxy (gorb_proxy_invoke) and the skeleton's dispatch function.
 *
 * C mapping (emit_c_passing): an in string is `const char *`, an in struct,
 * union, sequence or array `const T *` (borrowed), an object reference
 * `GObject *`; out and inout values are caller-allocated storage the call
 * fills (a string or reference comes out transfer full). A void result
 * becomes a gboolean; a scalar, string or reference result is returned; an
 * aggregate result is an extra `T *result` the call fills, and the call
 * returns a gboolean. Operations inherited from parent interfaces are the
 * parents' calls; the proxy implements the parents' GInterfaces too, the
 * skeleton dispatches only X's own operations (the ORB finds the parents'
 * skeletons through GorbInterfaceDesc.parents). Reads the AST only. */
#include "idlc-emit-c-iface-private.h"

#include <string.h>

static void
op_clear (gpointer data)
{
  Op *op = data;
  g_free (op->wire);
  g_free (op->vfunc);
  g_free (op->tag);
  g_array_unref (op->params);
}

static Op *
op_add (GArray *ops, const IdlcNode *iface, const IdlcNode *node, const char *wire,
        const char *vfunc, const char *func)
{
  Op op = { .node = node, .wire = g_strdup (wire), .vfunc = g_strdup (vfunc), .func = func };
  g_autofree char *up = g_ascii_strup (vfunc, -1);
  op.tag = g_strdup_printf ("%s_OP_%s", iface->c_upper, up);
  op.params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_array_append_val (ops, op);
  return &g_array_index (ops, Op, ops->len - 1);
}

/* The operations of @iface (not its parents'), in IDL order. */
GArray *
iface_collect_ops (const IdlcNode *iface)
{
  GArray *ops = g_array_new (FALSE, TRUE, sizeof (Op));
  g_array_set_clear_func (ops, op_clear);
  for (guint i = 0; i < iface->children->len; i++)
    {
      const IdlcNode *m = g_ptr_array_index (iface->children, i);
      if (m->kind == IDLC_NODE_OPERATION)
        {
          Op *op = op_add (ops, iface, m, m->name, m->c_name, m->c_lower);
          if (!(m->type->kind == IDLC_TYPE_BASE && m->type->base == IDLC_BASE_VOID))
            op->result = m->type;
          for (guint j = 0; j < m->children->len; j++)
            {
              const IdlcNode *p = g_ptr_array_index (m->children, j);
              Param param = { p->name, p->c_name, p->type, p->flags & IDLC_FLAG_INOUT };
              g_array_append_val (op->params, param);
            }
        }
      else if (m->kind == IDLC_NODE_ATTRIBUTE)
        for (guint j = 0; j < m->children->len; j++)
          {
            const IdlcNode *d = g_ptr_array_index (m->children, j);
            g_autofree char *wire = g_strconcat ("_get_", d->name, NULL);
            g_autofree char *vfunc = g_strconcat ("get_", d->c_name, NULL);
            Op *op = op_add (ops, iface, d, wire, vfunc, d->c_lower);
            op->attr = m;
            op->result = m->type;
            if (m->flags & IDLC_FLAG_READONLY)
              continue;
            g_free (wire);
            g_free (vfunc);
            wire = g_strconcat ("_set_", d->name, NULL);
            vfunc = g_strconcat ("set_", d->c_name, NULL);
            op = op_add (ops, iface, d, wire, vfunc, d->c_setter);
            op->attr = m;
            op->setter = TRUE;
            Param param = { "value", "value", m->type, IDLC_FLAG_IN };
            g_array_append_val (op->params, param);
          }
    }
  return ops;
}

static const IdlcNode *
target (const IdlcNode *n, guint i)
{
  const IdlcNode *t = g_ptr_array_index (n->targets, i);

  g_assert (t != NULL); /* the check stage resolved every name, or failed */
  return t->definition != NULL ? t->definition : t;
}

/* The ancestors of @iface, each once, parents before their children
 * (the order G_IMPLEMENT_INTERFACE needs). */
void
iface_collect_ancestors (const IdlcNode *iface, GPtrArray *out)
{
  for (guint i = 0; i < iface->names->len; i++)
    {
      const IdlcNode *p = target (iface, i);
      if (p == NULL || g_ptr_array_find (out, p, NULL))
        continue;
      iface_collect_ancestors (p, out);
      g_ptr_array_add (out, (gpointer) p);
    }
}

ResultKind
iface_result_kind (const IdlcType *t)
{
  if (t == NULL)
    return R_NONE;
  switch (emit_c_passing (t, NULL))
    {
    case EMIT_C_SCALAR:
      return R_SCALAR;
    case EMIT_C_STRING:
      return R_STRING;
    case EMIT_C_OBJREF:
      return R_OBJREF;
    default:
      return R_AGGREGATE;
    }
}

char *
iface_result_ctype (const IdlcType *t)
{
  switch (iface_result_kind (t))
    {
    case R_SCALAR:
      return emit_c_size_type (t);
    case R_STRING:
      return g_strdup ("char *");
    case R_OBJREF:
      return g_strdup ("GObject *");
    default:
      return g_strdup ("gboolean");
    }
}

const char *
iface_result_fail (const IdlcType *t)
{
  switch (iface_result_kind (t))
    {
    case R_SCALAR:
      return "0";
    case R_STRING:
    case R_OBJREF:
      return "NULL";
    default:
      return "FALSE";
    }
}

/* "<C type> <name>" of a parameter; @in_form: as an in value */
static void
param_decl (GString *out, const Param *p, gboolean in_form)
{
  g_autofree char *ct = emit_c_size_type (p->type);
  EmitCPassing pass = emit_c_passing (p->type, NULL);
  if (in_form || p->dir == IDLC_FLAG_IN)
    switch (pass)
      {
      case EMIT_C_SCALAR:
        g_string_append_printf (out, "%s %s", ct, p->c_name);
        return;
      case EMIT_C_STRING:
        g_string_append_printf (out, "const char *%s", p->c_name);
        return;
      case EMIT_C_OBJREF:
        g_string_append_printf (out, "GObject *%s", p->c_name);
        return;
      case EMIT_C_AGGREGATE:
        g_string_append_printf (out, "const %s *%s", ct, p->c_name);
        return;
      }
  switch (pass)
    {
    case EMIT_C_SCALAR:
    case EMIT_C_AGGREGATE:
      g_string_append_printf (out, "%s *%s", ct, p->c_name);
      return;
    case EMIT_C_STRING:
      g_string_append_printf (out, "char **%s", p->c_name);
      return;
    case EMIT_C_OBJREF:
      g_string_append_printf (out, "GObject **%s", p->c_name);
      return;
    }
}

/* A pointer to the value of @p, for gorb_proxy_invoke's args. */
void
iface_param_arg (GString *out, const Param *p)
{
  if (p->dir != IDLC_FLAG_IN)
    g_string_append (out, p->c_name);
  else if (emit_c_passing (p->type, NULL) == EMIT_C_AGGREGATE)
    g_string_append_printf (out, "(gpointer) %s", p->c_name);
  else
    g_string_append_printf (out, "&%s", p->c_name);
}

/* Whether the public call checks that @p is not NULL. */
static gboolean
param_checked (const Param *p, gboolean in_form)
{
  EmitCPassing pass = emit_c_passing (p->type, NULL);
  if (in_form || p->dir == IDLC_FLAG_IN)
    return pass == EMIT_C_STRING || pass == EMIT_C_AGGREGATE;
  return TRUE;
}

static const char *
param_annotation (const Param *p)
{
  EmitCPassing pass = emit_c_passing (p->type, NULL);
  switch (p->dir)
    {
    case IDLC_FLAG_IN:
      return pass == EMIT_C_OBJREF   ? "(transfer none) (nullable)"
             : pass == EMIT_C_SCALAR ? "in"
                                     : "(transfer none)";
    case IDLC_FLAG_OUT:
      return pass == EMIT_C_AGGREGATE ? "(out caller-allocates)"
             : pass == EMIT_C_SCALAR  ? "(out)"
                                      : "(out) (transfer full)";
    default:
      return pass == EMIT_C_AGGREGATE || pass == EMIT_C_SCALAR ? "(inout)"
                                                               : "(inout) (transfer full)";
    }
}

/* The parameter list, from "(" to ")" */
void
iface_signature (GString *out, const IdlcNode *iface, const Op *op, SigForm form)
{
  g_string_append_printf (out, "(%s *self", iface->c_type);
  if (form == SIG_FINISH)
    g_string_append (out, ", GAsyncResult *result");
  for (guint i = 0; i < op->params->len; i++)
    {
      const Param *p = &g_array_index (op->params, Param, i);
      if ((form == SIG_ASYNC && p->dir == IDLC_FLAG_OUT)
          || (form == SIG_FINISH && p->dir == IDLC_FLAG_IN))
        continue;
      g_string_append (out, ", ");
      param_decl (out, p, form == SIG_ASYNC);
    }
  if (form != SIG_ASYNC && iface_result_kind (op->result) == R_AGGREGATE)
    {
      g_autofree char *ct = emit_c_size_type (op->result);
      g_string_append_printf (out, ", %s *%s", ct, form == SIG_FINISH ? "retval" : "result");
    }
  if (form == SIG_ASYNC)
    g_string_append (out, ", GCancellable *cancellable, GAsyncReadyCallback callback, "
                          "gpointer user_data)");
  else
    g_string_append (out, ", GError **error)");
}

/* The IDL of @op: "void getPerson (in string name, out Person p) raises (NotFound)" */
static void
idl_signature (GString *out, const Op *op)
{
  if (op->attr != NULL)
    {
      g_string_append (out,
                       op->attr->flags & IDLC_FLAG_READONLY ? "readonly attribute " : "attribute ");
      idlc_type_format (op->attr->type, out);
      g_string_append_printf (out, " %s", op->node->name);
      return;
    }
  if (op->node->flags & IDLC_FLAG_ONEWAY)
    g_string_append (out, "oneway ");
  idlc_type_format (op->node->type, out);
  g_string_append_printf (out, " %s (", op->node->name);
  for (guint i = 0; i < op->params->len; i++)
    {
      const Param *p = &g_array_index (op->params, Param, i);
      g_string_append_printf (out, "%s%s ", i > 0 ? ", " : "",
                              p->dir == IDLC_FLAG_IN    ? "in"
                              : p->dir == IDLC_FLAG_OUT ? "out"
                                                        : "inout");
      idlc_type_format (p->type, out);
      g_string_append_printf (out, " %s", p->name);
    }
  g_string_append_c (out, ')');
  for (guint i = 0; i < op->node->names->len; i++)
    g_string_append_printf (out, "%s%s", i == 0 ? " raises (" : ", ",
                            (const char *) g_ptr_array_index (op->node->names, i));
  if (op->node->names->len > 0)
    g_string_append_c (out, ')');
}

static const char *
result_annotation (const IdlcType *t)
{
  switch (iface_result_kind (t))
    {
    case R_STRING:
      return "(transfer full): the result; %NULL on failure";
    case R_OBJREF:
      return "(transfer full) (nullable): the result; test @error for failure";
    case R_SCALAR:
      return "the result; 0 on failure (test @error)";
    default:
      return "%TRUE on success";
    }
}

/* ---- the header ---- */

/* The object-type macros: M_X for the cast, M_IS_X, and G_DECLARE_* */
static char *
obj_name (const IdlcNode *iface)
{
  const char *m = iface->c_macro_module;
  return g_strdup (m != NULL ? iface->c_upper + strlen (m) + 1 : iface->c_upper);
}

/* The MODULE argument of G_DECLARE_*: a top-level interface gets GORB_IDL */
static const char *
mod_name (const IdlcNode *iface)
{
  return iface->c_macro_module != NULL ? iface->c_macro_module : "GORB_IDL";
}

/* "DEMO_PERSON_LIST" (the cast), "DEMO_IS_PERSON_LIST" (@infix "_IS_") */
char *
iface_macro (const IdlcNode *iface, const char *infix)
{
  g_autofree char *obj = obj_name (iface);
  return g_strconcat (mod_name (iface), infix, obj, NULL);
}

static void
emit_header (EmitC *e, const IdlcNode *n, GArray *ops)
{
  g_autofree char *obj = obj_name (n);
  const char *mod = mod_name (n);
  GString *h = e->h;

  g_string_append_printf (h, "/* ---- interface %s ---- */\n\n", n->scoped_name);
  emit_c_doc (h, n->doc, "");
  g_string_append_printf (h, "#define %s (%s_get_type ())\n", n->c_type_macro, n->c_lower);
  g_string_append_printf (h, "G_DECLARE_INTERFACE (%s, %s, %s, %s, GObject)\n\n", n->c_type,
                          n->c_lower, mod, obj);
  g_string_append_printf (
      h,
      "/* %sInterface: a servant implements these vfuncs; each returns %%FALSE\n"
      " * (or %%NULL, 0) and sets @error on failure. A servant's methods run on\n"
      " * the ORB's threads (see GorbThreadPolicy), so it locks its own state. */\n"
      "struct _%sInterface\n{\n  GTypeInterface parent_iface;\n",
      n->c_type, n->c_type);
  for (guint i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);
      g_autofree char *rt = iface_result_ctype (op->result);
      g_autoptr (GString) idl = g_string_new (NULL);
      idl_signature (idl, op);
      g_string_append_printf (h, "\n  /* `%s` */\n  %s%s(*%s) ", idl->str, rt,
                              g_str_has_suffix (rt, "*") ? "" : " ", op->vfunc);
      iface_signature (h, n, op, SIG_CALL);
      g_string_append (h, ";\n");
    }
  g_string_append_printf (
      h,
      "};\n\nextern const GorbInterfaceDesc %s; /* \"%s\" */\n"
      "extern const GorbSkeleton %s_skeleton; /* registered by %s_get_type */\n\n",
      n->c_desc, n->repo_id, n->c_lower, n->c_lower);
  g_string_append (h,
                   "/* Blocking calls: a proxy sends the request and waits for the reply on the\n"
                   " * calling thread; a local servant is called directly. */\n");
  for (guint i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);
      g_autofree char *rt = iface_result_ctype (op->result);
      g_autoptr (GString) idl = g_string_new (NULL);
      idl_signature (idl, op);
      g_string_append_c (h, '\n');
      if (op->attr == NULL)
        emit_c_doc (h, op->node->doc, "");
      else if (i == 0 || g_array_index (ops, Op, i - 1).attr != op->attr)
        emit_c_doc (h, op->attr->doc, "");
      g_string_append_printf (h, "/* `%s`", idl->str);
      for (guint j = 0; j < op->params->len; j++)
        {
          const Param *p = &g_array_index (op->params, Param, j);
          g_string_append_printf (h, "\n * @%s: %s", p->c_name, param_annotation (p));
        }
      if (iface_result_kind (op->result) == R_AGGREGATE)
        g_string_append (h, "\n * @result: (out caller-allocates)");
      g_string_append_printf (h, "\n * Returns: %s */\n%s%s%s ", result_annotation (op->result), rt,
                              g_str_has_suffix (rt, "*") ? "" : " ", op->func);
      iface_signature (h, n, op, SIG_CALL);
      g_string_append (h, ";\n");
    }
  g_string_append (h,
                   "\n/* Deferred synchronous calls: _async returns at once (a proxy has sent the\n"
                   " * request: the in arguments are not needed afterwards); @callback runs in\n"
                   " * the caller's thread-default GMainContext, where it calls _finish, which\n"
                   " * has the blocking call's out values, result and ownership. For a local\n"
                   " * servant the blocking call runs in a GTask worker thread. */\n");
  for (guint i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);
      g_autofree char *rt = iface_result_ctype (op->result);
      g_string_append_printf (h, "void %s_async ", op->func);
      iface_signature (h, n, op, SIG_ASYNC);
      g_string_append_printf (h, ";\n%s%s%s_finish ", rt, g_str_has_suffix (rt, "*") ? "" : " ",
                              op->func);
      iface_signature (h, n, op, SIG_FINISH);
      g_string_append (h, ";\n");
    }
  g_string_append_printf (h,
                          "\n/* ---- %sProxy: a GorbProxy implementing %s ---- */\n\n"
                          "/* Made by the ORB (gorb_orb_resolve) for references to a %s,\n"
                          " * never directly. */\n"
                          "#define %s_PROXY (%s_proxy_get_type ())\n"
                          "G_DECLARE_FINAL_TYPE (%sProxy, %s_proxy, %s, %s_PROXY, GorbProxy)\n\n",
                          n->c_type, n->c_type, n->scoped_name, n->c_type_macro, n->c_lower,
                          n->c_type, n->c_lower, mod, obj);
}

/* ---- the source: descriptors ---- */

static void
emit_descriptors (EmitC *e, const IdlcNode *n, GArray *ops)
{
  GString *c = e->c;
  g_autoptr (GString) table = g_string_new (NULL);

  g_string_append_printf (c, "/* ---- interface %s: descriptors ---- */\n\n", n->scoped_name);
  if (ops->len > 0)
    {
      g_string_append (c, "enum\n{\n");
      for (guint i = 0; i < ops->len; i++)
        g_string_append_printf (c, "  %s,%s\n", g_array_index (ops, Op, i).tag,
                                i == 0 ? " /* indices into the operations, in IDL order */" : "");
      g_string_append (c, "};\n\n");
    }
  for (guint i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);
      g_autoptr (GString) params = g_string_new (NULL);
      g_autofree char *result = NULL;
      for (guint j = 0; j < op->params->len; j++)
        {
          const Param *p = &g_array_index (op->params, Param, j);
          g_autofree char *anon = g_strdup_printf ("%s_%s_type", op->func, p->c_name);
          g_autofree char *desc = emit_c_type_desc (e, p->type, anon);
          g_string_append_printf (params, "  { \"%s\", %s, %s },\n", p->name, desc,
                                  p->dir == IDLC_FLAG_IN    ? "GORB_PARAM_IN"
                                  : p->dir == IDLC_FLAG_OUT ? "GORB_PARAM_OUT"
                                                            : "GORB_PARAM_INOUT");
        }
      if (op->result != NULL)
        {
          g_autofree char *anon = g_strdup_printf ("%s_result_type", op->func);
          result = emit_c_type_desc (e, op->result, anon);
        }
      if (params->len > 0)
        g_string_append_printf (c, "static const GorbParamDesc %s_params[] = {\n%s};\n\n", op->func,
                                params->str);
      gboolean raises = op->attr == NULL && op->node->names->len > 0;
      if (raises)
        {
          g_string_append_printf (c, "static const GorbExceptionDesc *const %s_raises[] = {\n",
                                  op->func);
          for (guint j = 0; j < op->node->names->len; j++)
            g_string_append_printf (c, "  &%s_exception,\n", target (op->node, j)->c_lower);
          g_string_append (c, "};\n\n");
        }
      g_string_append_printf (table, "  [%s] = { .name = \"%s\"", op->tag, op->wire);
      if (params->len > 0)
        g_string_append_printf (table,
                                ",\n      .n_params = G_N_ELEMENTS (%s_params),\n"
                                "      .params = %s_params",
                                op->func, op->func);
      if (result != NULL)
        g_string_append_printf (table, ",\n      .result = %s", result);
      if (raises)
        g_string_append_printf (table,
                                ",\n      .n_raises = G_N_ELEMENTS (%s_raises),\n"
                                "      .raises = %s_raises",
                                op->func, op->func);
      if (op->attr == NULL && (op->node->flags & IDLC_FLAG_ONEWAY))
        g_string_append (table, ",\n      .oneway = TRUE");
      g_string_append (table, " },\n");
    }
  if (ops->len > 0)
    g_string_append_printf (c, "static const GorbOperationDesc %s_operations[] = {\n%s};\n\n",
                            n->c_lower, table->str);
  if (n->names->len > 0)
    {
      g_string_append_printf (c, "static const GorbInterfaceDesc *const %s_parents[] = {\n",
                              n->c_lower);
      for (guint i = 0; i < n->names->len; i++)
        g_string_append_printf (c, "  &%s,\n", target (n, i)->c_desc);
      g_string_append (c, "};\n\n");
    }
  g_string_append_printf (
      c, "const GorbInterfaceDesc %s = {\n  .repo_id = \"%s\",\n  .name = \"%s\",\n", n->c_desc,
      n->repo_id, n->scoped_name);
  if (n->names->len > 0)
    g_string_append_printf (c,
                            "  .n_parents = G_N_ELEMENTS (%s_parents),\n  .parents = %s_parents,\n",
                            n->c_lower, n->c_lower);
  if (ops->len > 0)
    g_string_append_printf (c,
                            "  .n_operations = G_N_ELEMENTS (%s_operations),\n"
                            "  .operations = %s_operations,\n",
                            n->c_lower, n->c_lower);
  g_string_append (c, "};\n\n");
}

/* ---- the source: the GInterface and the calls ---- */

static void
emit_gtype (EmitC *e, const IdlcNode *n)
{
  GString *c = e->c;
  const char *T = n->c_type, *l = n->c_lower;

  g_string_append_printf (c, "/* ---- interface %s: the GInterface ---- */\n\n", n->scoped_name);
  g_string_append_printf (
      c,
      "static void\n%s_default_init (gpointer g_iface, gpointer class_data)\n{\n}\n\n"
      "/* Registers the GInterface alone: the skeleton's get_iface_type, so that the\n"
      " * ORB can ask for the type while the skeleton is being registered, and the\n"
      " * interface the proxy class implements (see %s_get_type). */\n"
      "static GType\n%s_register_type (void)\n{\n"
      "  static gsize type_id = 0;\n\n"
      "  if (g_once_init_enter (&type_id))\n    {\n"
      "      GType type = g_type_register_static_simple (\n"
      "          G_TYPE_INTERFACE, g_intern_static_string (\"%s\"),\n"
      "          sizeof (%sInterface), %s_default_init, 0, NULL, 0);\n"
      "      g_type_interface_add_prerequisite (type, G_TYPE_OBJECT);\n",
      l, l, l, T, T, l);
  for (guint i = 0; i < n->names->len; i++)
    g_string_append_printf (c, "      g_type_interface_add_prerequisite (type, %s);\n",
                            target (n, i)->c_type_macro);
  g_string_append_printf (
      c,
      "      g_once_init_leave (&type_id, type);\n    }\n  return type_id;\n}\n\n"
      "/**\n * %s_get_type:\n *\n"
      " * The GInterface %s. The first call also registers %s_skeleton\n"
      " * with the ORB, so that references to a %s become %sProxy\n"
      " * objects and servants implementing %s can be exported: call it (or\n"
      " * g_type_ensure (%s)) before resolving a reference.\n */\n"
      "GType\n%s_get_type (void)\n{\n"
      "  static gsize type_id = 0;\n\n"
      "  if (g_once_init_enter (&type_id))\n    {\n"
      "      GType type = %s_register_type ();\n"
      "      gorb_skeleton_register (&%s_skeleton);\n"
      "      g_once_init_leave (&type_id, type);\n    }\n  return type_id;\n}\n\n",
      l, T, l, n->scoped_name, T, T, n->c_type_macro, l, l, l);
}

/* "g_return_val_if_fail (a != NULL && b != NULL, FAIL);" for the pointer arguments */
void
iface_arg_checks (GString *c, const Op *op, SigForm form, const char *fail)
{
  g_autoptr (GString) cond = g_string_new (NULL);
  for (guint i = 0; i < op->params->len; i++)
    {
      const Param *p = &g_array_index (op->params, Param, i);
      if ((form == SIG_ASYNC && p->dir == IDLC_FLAG_OUT)
          || (form == SIG_FINISH && p->dir == IDLC_FLAG_IN))
        continue;
      if (param_checked (p, form == SIG_ASYNC))
        g_string_append_printf (cond, "%s%s != NULL", cond->len ? " && " : "", p->c_name);
    }
  if (form != SIG_ASYNC && iface_result_kind (op->result) == R_AGGREGATE)
    g_string_append_printf (cond, "%s%s != NULL", cond->len ? " && " : "",
                            form == SIG_FINISH ? "retval" : "result");
  if (cond->len == 0)
    return;
  if (form == SIG_ASYNC)
    g_string_append_printf (c, "  g_return_if_fail (%s);\n", cond->str);
  else
    g_string_append_printf (c, "  g_return_val_if_fail (%s, %s);\n", cond->str, fail);
}

/* Zeroes the out values (and an aggregate result) of the call. */
void
iface_zero_outs (GString *c, const Op *op, SigForm form)
{
  for (guint i = 0; i < op->params->len; i++)
    {
      const Param *p = &g_array_index (op->params, Param, i);
      if (p->dir == IDLC_FLAG_OUT || (form == SIG_FINISH && p->dir == IDLC_FLAG_INOUT))
        g_string_append_printf (c, "  memset (%s, 0, sizeof *%s);\n", p->c_name, p->c_name);
    }
  if (iface_result_kind (op->result) == R_AGGREGATE)
    g_string_append_printf (c, "  memset (%s, 0, sizeof *%s);\n",
                            form == SIG_FINISH ? "retval" : "result",
                            form == SIG_FINISH ? "retval" : "result");
}

static void
emit_call (EmitC *e, const IdlcNode *n, const Op *op)
{
  GString *c = e->c;
  g_autofree char *rt = iface_result_ctype (op->result);
  const char *fail = iface_result_fail (op->result);
  g_autoptr (GString) idl = g_string_new (NULL);
  idl_signature (idl, op);

  g_string_append_printf (c, "/**\n * %s:\n * @self: a servant or a proxy\n", op->func);
  for (guint i = 0; i < op->params->len; i++)
    {
      const Param *p = &g_array_index (op->params, Param, i);
      g_string_append_printf (c, " * @%s: %s\n", p->c_name, param_annotation (p));
    }
  if (iface_result_kind (op->result) == R_AGGREGATE)
    g_string_append (c, " * @result: (out caller-allocates): zeroed, then filled on success\n");
  g_string_append_printf (c,
                          " * @error: the remote failure (GORB_SYSTEM_ERROR), an IDL exception or\n"
                          " *   the servant's\n *\n * `%s`.\n *\n * Returns: %s\n */\n%s\n%s ",
                          idl->str, result_annotation (op->result), rt, op->func);
  iface_signature (c, n, op, SIG_CALL);
  g_autofree char *is = iface_macro (n, "_IS_");
  g_autofree char *cast = iface_macro (n, "_");
  g_string_append_printf (c, "\n{\n  g_return_val_if_fail (%s (self), %s);\n", is, fail);
  iface_arg_checks (c, op, SIG_CALL, fail);
  g_string_append_printf (c, "  g_return_val_if_fail (error == NULL || *error == NULL, %s);\n",
                          fail);
  iface_zero_outs (c, op, SIG_CALL);
  g_string_append_printf (c, "  return %s_GET_IFACE (self)->%s (self", cast, op->vfunc);
  for (guint i = 0; i < op->params->len; i++)
    g_string_append_printf (c, ", %s", g_array_index (op->params, Param, i).c_name);
  if (iface_result_kind (op->result) == R_AGGREGATE)
    g_string_append (c, ", result");
  g_string_append (c, ", error);\n}\n\n");
}

/* Header and source for interface @n (of the main file). */
void
emit_c_interface (EmitC *e, const IdlcNode *n)
{
  g_autoptr (GArray) ops = iface_collect_ops (n);

  emit_header (e, n, ops);
  emit_descriptors (e, n, ops);
  emit_gtype (e, n);
  g_string_append_printf (e->c, "/* ---- interface %s: the calls ---- */\n\n", n->scoped_name);
  for (guint i = 0; i < ops->len; i++)
    emit_call (e, n, &g_array_index (ops, Op, i));
  if (ops->len > 0)
    {
      if (!e->async_helpers)
        iface_emit_async_helpers (e);
      e->async_helpers = TRUE;
      g_string_append_printf (
          e->c,
          "/* ---- interface %s: _async and _finish ---- */\n\n"
          "static gboolean %s_dispatch (GObject *servant, const GorbOperationDesc *op,\n"
          "    gpointer const *args, gpointer result, GError **error);\n\n",
          n->scoped_name, n->c_lower);
      for (guint i = 0; i < ops->len; i++)
        iface_emit_async (e, n, &g_array_index (ops, Op, i));
    }
  iface_emit_proxy (e, n, ops);
  iface_emit_skeleton (e, n, ops);
}
