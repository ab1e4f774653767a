/* idlc-emit-c-iface-code.c - the C back end for interfaces, continued: the
 * _async/_finish pairs (a proxy: gorb_proxy_invoke_async/_finish; a local
 * servant: a GTask thread on deep copies, through helpers emitted once per
 * file), the proxy class and the skeleton's dispatch function. See
 * idlc-emit-c-iface.c for the C mapping. */
#include "idlc-emit-c-iface-private.h"

/* ---- the source: _async and _finish (shared by the file's interfaces) ---- */

void
iface_emit_async_helpers (EmitC *e)
{
  g_string_append (
      e->c,
      "/* ---- _async and _finish ----\n"
      " *\n"
      " * A proxy sends the request in _async and decodes the reply in _finish\n"
      " * (gorb_proxy_invoke_async/_finish). A local servant has no request to\n"
      " * send: its blocking method runs in a GTask worker thread (the servant must\n"
      " * be thread-safe, as any exported servant is), on deep copies of the in\n"
      " * arguments; _finish moves the out values and the result to the caller. */\n\n"
      "typedef struct\n{\n"
      "  const GorbOperationDesc *op;\n"
      "  GorbSkeletonFunc dispatch; /* the interface's skeleton */\n"
      "  gpointer result;           /* owned, NULL for void */\n"
      "  gpointer args[];           /* owned: one gorb_value_new0() per parameter */\n"
      "} LocalCall;\n\n"
      "static void\nlocal_call_free (gpointer data)\n{\n  LocalCall *call = data;\n\n"
      "  for (guint i = 0; i < call->op->n_params; i++)\n"
      "    gorb_value_free (call->op->params[i].type, call->args[i]);\n"
      "  if (call->op->result != NULL)\n    gorb_value_free (call->op->result, call->result);\n"
      "  g_free (call);\n}\n\n"
      "static void\nlocal_call_thread (GTask *task, gpointer source, gpointer data, GCancellable "
      "*cancellable)\n{\n"
      "  LocalCall *call = data;\n  GError *error = NULL;\n\n"
      "  if (call->dispatch (source, call->op, call->args, call->result, &error))\n"
      "    g_task_return_boolean (task, TRUE);\n  else\n    g_task_return_error (task, "
      "error);\n}\n\n"
      "static void\ncall_async (GObject *self, const GorbOperationDesc *op, GorbSkeletonFunc "
      "dispatch,\n"
      "            gpointer const *args, GCancellable *cancellable, GAsyncReadyCallback callback,\n"
      "            gpointer user_data)\n{\n"
      "  g_autoptr (GTask) task = NULL;\n  LocalCall *call;\n\n"
      "  if (GORB_IS_PROXY (self))\n    {\n"
      "      gorb_proxy_invoke_async (GORB_PROXY (self), op, args, cancellable, callback, "
      "user_data);\n"
      "      return;\n    }\n"
      "  call = g_malloc0 (sizeof (LocalCall) + op->n_params * sizeof (gpointer));\n"
      "  call->op = op;\n  call->dispatch = dispatch;\n"
      "  for (guint i = 0; i < op->n_params; i++)\n    {\n"
      "      call->args[i] = gorb_value_new0 (op->params[i].type);\n"
      "      if (op->params[i].direction != GORB_PARAM_OUT)\n"
      "        gorb_value_copy (op->params[i].type, args[i], call->args[i]);\n    }\n"
      "  if (op->result != NULL)\n    call->result = gorb_value_new0 (op->result);\n"
      "  task = g_task_new (self, cancellable, callback, user_data);\n"
      "  g_task_set_source_tag (task, call_async);\n"
      "  g_task_set_task_data (task, call, local_call_free);\n"
      "  g_task_run_in_thread (task, local_call_thread);\n}\n\n"
      "/* Moves @size bytes of a value out of @from (left zeroed: its owner frees nothing) */\n"
      "static void\nmove_value (gpointer from, gpointer to, gsize size)\n{\n"
      "  memcpy (to, from, size);\n  memset (from, 0, size);\n}\n\n"
      "static gboolean\ncall_finish (GObject *self, GAsyncResult *result, gpointer result_value,\n"
      "             gpointer const *args, GError **error)\n{\n  LocalCall *call;\n\n"
      "  if (GORB_IS_PROXY (self))\n"
      "    return gorb_proxy_invoke_finish (GORB_PROXY (self), result, result_value, args, "
      "error);\n\n"
      "  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);\n"
      "  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == call_async, FALSE);\n"
      "  if (!g_task_propagate_boolean (G_TASK (result), error))\n    return FALSE;\n"
      "  call = g_task_get_task_data (G_TASK (result));\n"
      "  for (guint i = 0; i < call->op->n_params; i++)\n"
      "    if (call->op->params[i].direction != GORB_PARAM_IN)\n"
      "      move_value (call->args[i], args[i], call->op->params[i].type->size);\n"
      "  if (call->op->result != NULL)\n"
      "    move_value (call->result, result_value, call->op->result->size);\n"
      "  return TRUE;\n}\n\n");
}

/* A zeroed local for a value of @p's type: "<C type> <name> = <zero>;" */
static void
zero_local (GString *c, const IdlcType *type, const char *name)
{
  g_autofree char *ct = emit_c_size_type (type);
  switch (emit_c_passing (type, NULL))
    {
    case EMIT_C_SCALAR:
      g_string_append_printf (c, "  %s %s = 0;\n", ct, name);
      break;
    case EMIT_C_STRING:
      g_string_append_printf (c, "  char *%s = NULL;\n", name);
      break;
    case EMIT_C_OBJREF:
      g_string_append_printf (c, "  GObject *%s = NULL;\n", name);
      break;
    case EMIT_C_AGGREGATE:
      g_string_append_printf (c, "  %s %s = { 0 };\n", ct, name);
      break;
    }
}

/* "gpointer args[] = { ... };" with a zeroed local for each argument not passed in @form */
static void
emit_args (GString *c, const Op *op, SigForm form)
{
  if (op->params->len == 0)
    return;
  g_autoptr (GString) list = g_string_new (NULL);
  for (guint i = 0; i < op->params->len; i++)
    {
      const Param *p = &g_array_index (op->params, Param, i);
      if (i > 0)
        g_string_append (list, ", ");
      if ((form == SIG_ASYNC && p->dir == IDLC_FLAG_OUT)
          || (form == SIG_FINISH && p->dir == IDLC_FLAG_IN))
        {
          g_autofree char *local = g_strconcat (p->c_name, "_unused", NULL);
          zero_local (c, p->type, local); /* not sent, or never touched by a reply */
          g_string_append_printf (list, "&%s", local);
        }
      else if (form == SIG_ASYNC && p->dir == IDLC_FLAG_INOUT)
        {
          Param in = *p;
          in.dir = IDLC_FLAG_IN;
          iface_param_arg (list, &in);
        }
      else
        iface_param_arg (list, p);
    }
  g_string_append_printf (c, "  gpointer args[] = { %s };\n", list->str);
}

void
iface_emit_async (EmitC *e, const IdlcNode *n, const Op *op)
{
  GString *c = e->c;
  g_autofree char *rt = iface_result_ctype (op->result);
  const char *fail = iface_result_fail (op->result);
  ResultKind rk = iface_result_kind (op->result);
  g_autofree char *is = iface_macro (n, "_IS_");

  g_string_append_printf (c, "void\n%s_async ", op->func);
  iface_signature (c, n, op, SIG_ASYNC);
  g_string_append (c, "\n{\n");
  emit_args (c, op, SIG_ASYNC);
  g_string_append_printf (c, "%s  g_return_if_fail (%s (self));\n", op->params->len ? "\n" : "",
                          is);
  iface_arg_checks (c, op, SIG_ASYNC, NULL);
  g_string_append_printf (c,
                          "  call_async (G_OBJECT (self), &%s_operations[%s], %s_dispatch, %s,\n"
                          "              cancellable, callback, user_data);\n}\n\n",
                          n->c_lower, op->tag, n->c_lower, op->params->len ? "args" : "NULL");

  g_string_append_printf (c, "%s\n%s_finish ", rt, op->func);
  iface_signature (c, n, op, SIG_FINISH);
  g_string_append (c, "\n{\n");
  gsize before = c->len;
  if (rk == R_SCALAR || rk == R_STRING || rk == R_OBJREF)
    zero_local (c, op->result, "ret");
  emit_args (c, op, SIG_FINISH);
  g_string_append_printf (c, "%s  g_return_val_if_fail (%s (self), %s);\n",
                          c->len > before ? "\n" : "", is, fail);
  iface_arg_checks (c, op, SIG_FINISH, fail);
  iface_zero_outs (c, op, SIG_FINISH);
  const char *rv = rk == R_AGGREGATE ? "retval" : rk == R_NONE ? "NULL" : "&ret";
  const char *args = op->params->len ? "args" : "NULL";
  if (rk == R_NONE || rk == R_AGGREGATE)
    g_string_append_printf (
        c, "  return call_finish (G_OBJECT (self), result, %s, %s, error);\n}\n\n", rv, args);
  else
    g_string_append_printf (c,
                            "  if (!call_finish (G_OBJECT (self), result, %s, %s, error))\n"
                            "    return %s;\n  return ret;\n}\n\n",
                            rv, args, fail);
}

/* ---- the source: the proxy ---- */

/* The proxy's vfunc for @op of @owner (@n itself or an ancestor); @opref its descriptor */
static void
emit_proxy_method (EmitC *e, const IdlcNode *owner, const Op *op, const char *fname,
                   const char *opref)
{
  GString *c = e->c;
  g_autofree char *rt = iface_result_ctype (op->result);
  ResultKind rk = iface_result_kind (op->result);
  const char *args = op->params->len ? "args" : "NULL";

  g_string_append_printf (c, "static %s\n%s ", rt, fname);
  iface_signature (c, owner, op, SIG_CALL);
  g_string_append (c, "\n{\n");
  emit_args (c, op, SIG_CALL);
  if (rk == R_NONE || rk == R_AGGREGATE)
    {
      g_string_append_printf (
          c, "%s  return gorb_proxy_invoke (GORB_PROXY (self), %s, %s, %s, error);\n}\n\n",
          op->params->len ? "\n" : "", opref, args, rk == R_AGGREGATE ? "result" : "NULL");
      return;
    }
  zero_local (c, op->result, "ret");
  g_string_append_printf (c,
                          "\n  if (!gorb_proxy_invoke (GORB_PROXY (self), %s, %s, &ret, error))\n"
                          "    return %s;\n  return ret;\n}\n\n",
                          opref, args, iface_result_fail (op->result));
}

void
iface_emit_proxy (EmitC *e, const IdlcNode *n, GArray *ops)
{
  GString *c = e->c;
  const char *T = n->c_type, *l = n->c_lower;
  g_autoptr (GPtrArray) ancestors = g_ptr_array_new ();
  g_autoptr (GString) impl = g_string_new (NULL);

  iface_collect_ancestors (n, ancestors);
  g_string_append_printf (
      c, "/* ---- %sProxy ---- */\n\nstruct _%sProxy\n{\n  GorbProxy parent_instance;\n};\n\n", T,
      T);
  for (guint a = 0; a < ancestors->len; a++)
    {
      const IdlcNode *anc = g_ptr_array_index (ancestors, a);
      g_autoptr (GArray) aops = iface_collect_ops (anc);
      g_string_append_printf (c, "/* %s's operations, inherited */\n\n", anc->scoped_name);
      for (guint i = 0; i < aops->len; i++)
        {
          const Op *op = &g_array_index (aops, Op, i);
          g_autofree char *fname = g_strdup_printf ("%s_proxy_%s", l, op->func);
          g_autofree char *opref = g_strdup_printf ("&%s.operations[%u]", anc->c_desc, i);
          emit_proxy_method (e, anc, op, fname, opref);
        }
      g_string_append_printf (c, "static void\n%s_proxy_%s_iface_init (%sInterface *iface)\n{\n", l,
                              anc->c_lower, anc->c_type);
      for (guint i = 0; i < aops->len; i++)
        {
          const Op *op = &g_array_index (aops, Op, i);
          g_string_append_printf (c, "  iface->%s = %s_proxy_%s;\n", op->vfunc, l, op->func);
        }
      g_string_append (c, "}\n\n");
      g_string_append_printf (
          impl,
          "\n                               G_IMPLEMENT_INTERFACE (%s,\n"
          "                                                      %s_proxy_%s_iface_init)",
          anc->c_type_macro, l, anc->c_lower);
    }
  for (guint i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);
      g_autofree char *fname = g_strconcat ("proxy_", op->func, NULL);
      g_autofree char *opref = g_strdup_printf ("&%s_operations[%s]", l, op->tag);
      emit_proxy_method (e, n, op, fname, opref);
    }
  g_string_append_printf (c, "static void\n%s_proxy_iface_init (%sInterface *iface)\n{\n", l, T);
  for (guint i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);
      g_string_append_printf (c, "  iface->%s = proxy_%s;\n", op->vfunc, op->func);
    }
  g_string_append_printf (
      c,
      "}\n\n"
      "/* It implements the interface as registered by %s_register_type\n"
      " * (the same GType): defining the proxy class must not re-enter the skeleton's\n"
      " * registration, which may ask the ORB for this very class. Parent interfaces\n"
      " * come first: they are its prerequisites. */\n"
      "G_DEFINE_FINAL_TYPE_WITH_CODE (%sProxy, %s_proxy, GORB_TYPE_PROXY,%s\n"
      "                               G_IMPLEMENT_INTERFACE (%s_register_type (),\n"
      "                                                      %s_proxy_iface_init))\n\n"
      "static void\n%s_proxy_class_init (%sProxyClass *klass)\n{\n}\n\n"
      "static void\n%s_proxy_init (%sProxy *self)\n{\n}\n\n",
      l, T, l, impl->str, l, l, l, T, l, T);
}

/* ---- the source: the skeleton ---- */

static void
emit_dispatch_case (GString *c, const Op *op)
{
  g_autoptr (GString) call = g_string_new (NULL);
  ResultKind rk = iface_result_kind (op->result);
  g_string_append_printf (call, "%s (self", op->func);
  for (guint i = 0; i < op->params->len; i++)
    {
      const Param *p = &g_array_index (op->params, Param, i);
      g_autofree char *ct = emit_c_size_type (p->type);
      if (p->dir != IDLC_FLAG_IN)
        g_string_append_printf (call, ", args[%u]", i);
      else
        switch (emit_c_passing (p->type, NULL))
          {
          case EMIT_C_SCALAR:
            g_string_append_printf (call, ", *(%s *) args[%u]", ct, i);
            break;
          case EMIT_C_STRING:
            g_string_append_printf (call, ", *(char **) args[%u]", i);
            break;
          case EMIT_C_OBJREF:
            g_string_append_printf (call, ", *(GObject **) args[%u]", i);
            break;
          case EMIT_C_AGGREGATE:
            g_string_append_printf (call, ", args[%u]", i);
            break;
          }
    }
  g_string_append_printf (call, "%s, &local_error)", rk == R_AGGREGATE ? ", result" : "");
  g_string_append_printf (c, "    case %s:\n", op->tag);
  g_autofree char *rt = iface_result_ctype (op->result);
  switch (rk)
    {
    case R_NONE:
    case R_AGGREGATE:
      g_string_append_printf (c, "      ok = %s;\n", call->str);
      break;
    case R_SCALAR:
    case R_OBJREF:
      g_string_append_printf (c, "      *(%s%s*) result = %s;\n      ok = TRUE;\n", rt,
                              rk == R_OBJREF ? "" : " ", call->str);
      break;
    case R_STRING:
      g_string_append_printf (
          c, "      *(char **) result = %s;\n      ok = *(char **) result != NULL;\n", call->str);
      break;
    }
  g_string_append (c, "      break;\n");
}

void
iface_emit_skeleton (EmitC *e, const IdlcNode *n, GArray *ops)
{
  GString *c = e->c;
  const char *l = n->c_lower;

  g_string_append_printf (
      c,
      "/* ---- interface %s: the skeleton ---- */\n\n"
      "/* Calls the servant for one request: @args point at the decoded in values\n"
      " * and at zeroed out values (gorb-skeleton.h). A failure without an error\n"
      " * (a servant bug) is reported as UNKNOWN rather than as a success. The\n"
      " * operations of parent interfaces go to the parents' skeletons. */\n"
      "static gboolean\n%s_dispatch (GObject *servant, const GorbOperationDesc *op,\n"
      "    gpointer const *args, gpointer result, GError **error)\n{\n",
      n->scoped_name, l);
  if (ops->len == 0)
    {
      g_string_append_printf (
          c,
          "  g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_OPERATION,\n"
          "               \"'%%s' is not an operation of %%s\", op->name, %s.name);\n"
          "  return FALSE;\n}\n\n",
          n->c_desc);
    }
  else
    {
      g_autofree char *cast = iface_macro (n, "_");
      g_string_append_printf (c,
                              "  %s *self = %s (servant);\n  GError *local_error = NULL;\n"
                              "  gboolean ok;\n\n  switch (op - %s_operations)\n    {\n",
                              n->c_type, cast, l);
      for (guint i = 0; i < ops->len; i++)
        emit_dispatch_case (c, &g_array_index (ops, Op, i));
      g_string_append_printf (
          c,
          "    default:\n"
          "      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_OPERATION,\n"
          "                   \"'%%s' is not an operation of %%s\", op->name, %s.name);\n"
          "      return FALSE;\n    }\n"
          "  if (ok && local_error == NULL)\n    return TRUE;\n"
          "  if (op->result != NULL)\n    gorb_value_clear (op->result, result);\n"
          "  for (guint i = 0; i < op->n_params; i++)\n"
          "    if (op->params[i].direction == GORB_PARAM_OUT)\n"
          "      gorb_value_clear (op->params[i].type, args[i]);\n"
          "  if (local_error == NULL)\n"
          "    local_error = g_error_new (GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_UNKNOWN,\n"
          "                               \"the servant's '%%s' failed without saying why\", "
          "op->name);\n"
          "  g_propagate_error (error, local_error);\n  return FALSE;\n}\n\n",
          n->c_desc);
    }
  g_string_append_printf (
      c,
      "const GorbSkeleton %s_skeleton = {\n  .iface = &%s,\n"
      "  .get_iface_type = %s_register_type,\n"
      "  .get_proxy_type = %s_proxy_get_type,\n  .dispatch = %s_dispatch,\n};\n\n",
      l, n->c_desc, l, l, l);
}
