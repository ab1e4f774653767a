/* idlc-emit-c-source.c - the C back end's source part of one definition:
 * descriptors (member/case/enumerator tables, anonymous types as static
 * consts before them), _copy/_clear, and for an exception its error domain,
 * GorbExceptionDesc, _error_get_members and _error_set, as in the
 * Person.c of samples/personlist/Person.idl. Reads the AST only. */
#include "idlc-emit-c-private.h"

#include <string.h>

static void
section (GString *out, const char *what, const IdlcNode *n)
{
  g_string_append_printf (out, "/* ---- %s %s ---- */\n\n", what, n->scoped_name);
}

static void
desc_head (GString *out, const IdlcNode *n, const char *kind, const char *size_type,
           const char *align_type)
{
  g_string_append_printf (out,
                          "const GorbTypeDesc %s = {\n"
                          "  .kind = %s,\n"
                          "  .size = sizeof (%s),\n"
                          "  .align = _Alignof(%s),\n"
                          "  .name = \"%s\",\n"
                          "  .repo_id = \"%s\",\n",
                          n->c_desc, kind, size_type, align_type, n->scoped_name, n->repo_id);
}

/* The member table "<lower>_members" (or "_cases") of a struct, exception or
 * union; anonymous member types are written before it. */
static void
member_table (EmitC *e, const IdlcNode *n, gboolean is_union, const char *table)
{
  g_autoptr (GString) rows = g_string_new (NULL);
  for (guint i = 0; i < n->children->len; i++)
    {
      const IdlcNode *m = g_ptr_array_index (n->children, i);
      for (guint j = 0; j < m->children->len; j++)
        {
          const IdlcNode *d = g_ptr_array_index (m->children, j);
          g_autofree char *anon = g_strconcat (n->c_lower, "_", d->c_name, NULL);
          g_autofree char *desc = emit_c_array_desc (e, m->type, d->dims, anon);
          if (!is_union)
            {
              g_string_append_printf (rows, "  GORB_MEMBER (%s, %s, %s),\n", n->c_type, d->c_name,
                                      desc);
              continue;
            }
          for (guint k = 0; k < m->labels->len; k++)
            {
              const IdlcExpr *label = g_ptr_array_index (m->labels, k);
              if (label == NULL)
                {
                  g_string_append_printf (rows, "  GORB_DEFAULT_CASE (%s, %s, %s),\n", n->c_type,
                                          d->c_name, desc);
                  continue;
                }
              g_string_append_printf (rows, "  GORB_CASE (%s, %s, %s, ", n->c_type, d->c_name,
                                      desc);
              emit_c_label (rows, label);
              g_string_append (rows, "),\n");
            }
        }
    }
  g_string_append_printf (e->c, "static const GorbMemberDesc %s[] = {\n%s};\n\n", table, rows->str);
}

static void
copy_clear (GString *out, const IdlcNode *n)
{
  g_string_append_printf (out,
                          "/**\n * %s_copy:\n * @src: a value\n * @dest: (out caller-allocates): "
                          "overwritten, without being cleared, by a\n *   deep copy of @src\n */\n"
                          "void\n%s_copy (const %s *src, %s *dest)\n{\n"
                          "  g_return_if_fail (src != NULL && dest != NULL);\n"
                          "  gorb_value_copy (&%s, src, dest);\n}\n\n",
                          n->c_lower, n->c_lower, n->c_type, n->c_type, n->c_desc);
  g_string_append_printf (out,
                          "/**\n * %s_clear:\n * @value: a value, or zeroed storage\n *\n"
                          " * Frees what @value owns and zeroes it; @value itself is not freed.\n"
                          " */\nvoid\n%s_clear (%s *value)\n{\n"
                          "  g_return_if_fail (value != NULL);\n"
                          "  gorb_value_clear (&%s, value);\n}\n\n",
                          n->c_lower, n->c_lower, n->c_type, n->c_desc);
}

static void
emit_struct (EmitC *e, const IdlcNode *n, const char *what)
{
  g_autofree char *table = g_strconcat (n->c_lower, "_members", NULL);
  section (e->c, what, n);
  member_table (e, n, FALSE, table);
  desc_head (e->c, n, "GORB_TK_STRUCT", n->c_type, n->c_type);
  g_string_append_printf (e->c, "  .n_members = G_N_ELEMENTS (%s),\n  .members = %s,\n};\n\n",
                          table, table);
}

static void
emit_union (EmitC *e, const IdlcNode *n)
{
  g_autofree char *table = g_strconcat (n->c_lower, "_cases", NULL);
  g_autofree char *disc_anon = g_strconcat (n->c_lower, "_discriminator", NULL);
  section (e->c, "union", n);
  g_autofree char *disc = emit_c_type_desc (e, n->type, disc_anon);
  member_table (e, n, TRUE, table);
  desc_head (e->c, n, "GORB_TK_UNION", n->c_type, n->c_type);
  g_string_append_printf (e->c,
                          "  .content = %s,\n  .n_members = G_N_ELEMENTS (%s),\n"
                          "  .members = %s,\n};\n\n",
                          disc, table, table);
  copy_clear (e->c, n);
}

static void
emit_enum (EmitC *e, const IdlcNode *n)
{
  section (e->c, "enum", n);
  g_string_append_printf (e->c, "static const char *const %s_enumerators[] = {\n", n->c_lower);
  for (guint i = 0; i < n->children->len; i++)
    g_string_append_printf (e->c, "  \"%s\",\n",
                            ((const IdlcNode *) g_ptr_array_index (n->children, i))->name);
  g_string_append (e->c, "};\n\n");
  desc_head (e->c, n, "GORB_TK_ENUM", n->c_type, n->c_type);
  g_string_append_printf (e->c,
                          "  .n_members = G_N_ELEMENTS (%s_enumerators),\n"
                          "  .enumerators = %s_enumerators,\n};\n\n",
                          n->c_lower, n->c_lower);
}

static void
emit_typedef (EmitC *e, const IdlcNode *n)
{
  for (guint i = 0; i < n->children->len; i++)
    {
      const IdlcNode *d = g_ptr_array_index (n->children, i);
      g_autofree char *anon = g_strconcat (d->c_lower, "_anon", NULL);
      section (e->c, "typedef", d);
      g_autofree char *content = emit_c_array_desc (e, n->type, d->dims, anon);
      /* _Alignof an array type is not ISO C: use the element's */
      g_autofree char *align = d->dims->len > 0 ? emit_c_size_type (n->type) : g_strdup (d->c_type);
      desc_head (e->c, d, "GORB_TK_ALIAS", d->c_type, align);
      g_string_append_printf (e->c, "  .content = %s,\n};\n\n", content);
    }
}

static void
emit_error_set (EmitC *e, const IdlcNode *n)
{
  g_autoptr (GString) params = g_string_new (NULL);
  g_autoptr (GString) docs = g_string_new (NULL);
  g_autoptr (GString) init = g_string_new (NULL);
  g_autoptr (GString) checks = g_string_new (NULL);
  g_autoptr (GString) copies = g_string_new (NULL);
  for (guint i = 0; i < n->children->len; i++)
    {
      const IdlcNode *m = g_ptr_array_index (n->children, i);
      for (guint j = 0; j < m->children->len; j++)
        {
          const IdlcNode *d = g_ptr_array_index (m->children, j);
          const char *name = d->c_name;
          g_autofree char *ctype = emit_c_type (m->type);
          const char *sep = init->len > 0 ? ", " : "";
          switch (emit_c_passing (m->type, d))
            {
            case EMIT_C_SCALAR:
              g_string_append_printf (params, "%s %s, ", ctype, name);
              g_string_append_printf (docs, " * @%s: the member `%s`\n", name, d->name);
              g_string_append_printf (init, "%s.%s = %s", sep, name, name);
              break;
            case EMIT_C_STRING:
              g_string_append_printf (params, "const char *%s, ", name);
              g_string_append_printf (docs, " * @%s: (transfer none): the member `%s`, copied\n",
                                      name, d->name);
              g_string_append_printf (init, "%s.%s = (char *) %s", sep, name, name);
              g_string_append_printf (checks, "%s != NULL && ", name);
              break;
            case EMIT_C_OBJREF:
              g_string_append_printf (params, "GObject *%s, ", name);
              g_string_append_printf (docs, " * @%s: (nullable) (transfer none): the member `%s`\n",
                                      name, d->name);
              g_string_append_printf (init, "%s.%s = %s", sep, name, name);
              break;
            case EMIT_C_AGGREGATE:
              if (d->dims->len > 0)
                g_string_append_printf (params, "gconstpointer %s, ", name);
              else if (m->type->kind == IDLC_TYPE_SEQUENCE)
                g_string_append_printf (params, "const GorbSequence *%s, ", name);
              else
                g_string_append_printf (params, "const %s *%s, ", ctype, name);
              g_string_append_printf (docs, " * @%s: (transfer none): the member `%s`, copied\n",
                                      name, d->name);
              g_string_append_printf (checks, "%s != NULL && ", name);
              g_string_append_printf (copies, "  memcpy (&members.%s, %s, sizeof members.%s);\n",
                                      name, name, name);
              break;
            }
        }
    }
  g_string_append_printf (e->c,
                          "/**\n * %s_error_set:\n * @error: (out) (optional): where the error "
                          "goes\n%s * @format: printf-style message\n *\n"
                          " * Raises %s: the servant's way to fail with it.\n */\n"
                          "void\n%s_error_set (GError **error, %sconst char *format, ...)\n{\n",
                          n->c_lower, docs->str, n->scoped_name, n->c_lower, params->str);
  guint n_members = emit_c_n_declarators (n);
  if (n_members > 0)
    g_string_append_printf (e->c, "  %s members = { %s }; /* borrowed: only copied from */\n",
                            n->c_type, init->str);
  g_string_append_printf (e->c,
                          "  GError *raised;\n  va_list ap;\n\n"
                          "  g_return_if_fail (%sformat != NULL);\n"
                          "  if (error == NULL)\n    return;\n%s"
                          "  va_start (ap, format);\n"
                          "  raised = g_error_new_valist (%s, 0, format, ap);\n"
                          "  va_end (ap);\n",
                          checks->str, copies->str, n->c_error);
  if (n_members > 0)
    g_string_append_printf (e->c,
                            "  gorb_value_copy (&%s, &members, %s_error_get_private (raised));\n",
                            n->c_desc, n->c_lower);
  g_string_append (e->c, "  g_propagate_error (error, raised);\n}\n\n");
}

static void
emit_exception (EmitC *e, const IdlcNode *n)
{
  const char *T = n->c_type, *l = n->c_lower, *d = n->c_desc;
  if (emit_c_n_declarators (n) == 0)
    {
      section (e->c, "exception", n);
      g_string_append_printf (e->c,
                              "G_DEFINE_QUARK (%sError, %s_error)\n\n"
                              "const GorbExceptionDesc %s_exception = {\n"
                              "  .repo_id = \"%s\",\n  .type = NULL,\n"
                              "  .domain = %s_error_quark,\n  .get_members = NULL,\n};\n\n",
                              T, l, l, n->repo_id, l);
      emit_error_set (e, n);
      return;
    }
  emit_struct (e, n, "exception");
  g_string_append_printf (
      e->c,
      "/* The private data of a %s is the exception's members,\n"
      " * zeroed when the GError is made, deep-copied with it, cleared with it. */\n"
      "typedef %s %sErrorPrivate;\n\n"
      "static void\n%s_error_private_init (%sErrorPrivate *members)\n{\n"
      "  memset (members, 0, sizeof *members);\n}\n\n"
      "static void\n%s_error_private_copy (const %sErrorPrivate *src,\n"
      "%*s%sErrorPrivate *dest)\n{\n"
      "  gorb_value_copy (&%s, src, dest);\n}\n\n"
      "static void\n%s_error_private_clear (%sErrorPrivate *members)\n{\n"
      "  gorb_value_clear (&%s, members);\n}\n\n"
      "/* G_DEFINE_EXTENDED_ERROR's _get_private casts a guint8 * to the private\n"
      " * data, which GLib allocates suitably aligned in front of the GError;\n"
      " * clang's -Wcast-align cannot know that. */\n"
      "#pragma GCC diagnostic push\n"
      "#pragma GCC diagnostic ignored \"-Wcast-align\"\n"
      "G_DEFINE_EXTENDED_ERROR (%sError, %s_error)\n"
      "#pragma GCC diagnostic pop\n\n"
      "/* GorbExceptionDesc.get_members: the body codec fills and reads the members\n"
      " * of a %s through it */\n"
      "static gpointer\n%s_get_members (const GError *error)\n{\n"
      "  return %s_error_get_private (error);\n}\n\n"
      "const GorbExceptionDesc %s_exception = {\n"
      "  .repo_id = \"%s\",\n  .type = &%s,\n"
      "  .domain = %s_error_quark,\n  .get_members = %s_get_members,\n};\n\n"
      "/**\n * %s_error_get_members:\n * @error: (nullable): an error\n *\n"
      " * Returns: (transfer none) (nullable): the members of @error, valid as long\n"
      " *   as @error is; %%NULL if @error is not a %s\n */\n"
      "const %s *\n%s_error_get_members (const GError *error)\n{\n"
      "  if (error == NULL || error->domain != %s)\n    return NULL;\n"
      "  return %s_error_get_private (error);\n}\n\n",
      n->c_error, T, T, l, T, l, T, (int) (strlen (l) + strlen ("_error_private_copy (")), "", T, d,
      l, T, d, T, l, n->name, l, l, l, n->repo_id, d, l, l, l, n->c_error, T, l, n->c_error, l);
  emit_error_set (e, n);
}

/* The source part of @n (a struct, union, enum, typedef or exception). */
void
emit_c_source_definition (EmitC *e, const IdlcNode *n)
{
  switch (n->kind)
    {
    case IDLC_NODE_STRUCT:
      emit_struct (e, n, "struct");
      copy_clear (e->c, n);
      break;
    case IDLC_NODE_UNION:
      emit_union (e, n);
      break;
    case IDLC_NODE_ENUM:
      emit_enum (e, n);
      break;
    case IDLC_NODE_TYPEDEF:
      emit_typedef (e, n);
      break;
    case IDLC_NODE_EXCEPTION:
      emit_exception (e, n);
      break;
    default:
      break;
    }
}
