/* idlc-emit-c.c - the C back end: the header, and the walk over the main
 * file's definitions (idlc-emit-c-source.c writes each one's source part)
 *
 * Per definition, in IDL order, the header gets a section
 * `/ * ---- struct Demo::Person ---- * /`, the IDL doc comment, then:
 *  - struct, union: the C type (`typedef struct _X X;` first when the IDL
 *    forward-declares it or it contains itself), its descriptor, _copy and
 *    _clear and an auto-cleanup;
 *  - enum: the C enum, `G_STATIC_ASSERT (sizeof (X) == 4)`, its descriptor;
 *  - typedef (one section per declarator): `typedef <C type> X[dims];`
 *    (a sequence is `GORB_SEQUENCE (T)`), its GORB_TK_ALIAS descriptor;
 *  - exception: the members struct and descriptor (when it has members), the
 *    GError domain <X>_ERROR (extended, carrying the members), the
 *    GorbExceptionDesc <x>_exception, <x>_error_get_members and <x>_error_set;
 *  - const: `#define <NAME> <value>`: a #define rather than a static const so
 *    that a const can size an array or label a case in C too.
 * Modules are walked (and their doc comment kept); interfaces are walked for
 * the types declared in them, then emitted by idlc-emit-c-iface.c.
 * Definitions from #include'd files are not emitted: the header #includes
 * "<base>.h" for each such .idl. The output depends on the input only. */
#include "idlc-emit-c-private.h"

#include <glib/gstdio.h>
#include <string.h>

static void emit_definition (EmitC *e, const IdlcNode *n);

static void
section (GString *out, const char *what, const IdlcNode *n)
{
  g_string_append_printf (out, "/* ---- %s %s ---- */\n\n", what, n->scoped_name);
}

static gboolean
type_refers_to (const IdlcType *t, const IdlcNode *target)
{
  for (; t != NULL; t = t->element)
    if (emit_c_resolve (t) == target)
      return TRUE;
  return FALSE;
}

/* Whether @n (a struct or union) must be declared `struct _X` with a
 * typedef ahead: it has a forward declaration or contains itself. */
static gboolean
needs_tag (EmitC *e, const IdlcNode *n)
{
  if (g_hash_table_contains (e->forwarded, n))
    return TRUE;
  for (guint i = 0; i < n->children->len; i++)
    {
      const IdlcNode *m = g_ptr_array_index (n->children, i);
      if (type_refers_to (m->type, n))
        return TRUE;
    }
  return FALSE;
}

static void
emit_forward (EmitC *e, const IdlcNode *def)
{
  if (g_hash_table_contains (e->forwarded, def))
    return;
  g_hash_table_add (e->forwarded, (gpointer) def);
  g_string_append_printf (e->h, "typedef struct _%s %s;\n\n", def->c_type, def->c_type);
}

/* In-place declarations (`struct S { struct T {...} t; }`) go first. */
static void
emit_inner_decls (EmitC *e, const IdlcType *t)
{
  for (; t != NULL; t = t->element)
    if (t->kind == IDLC_TYPE_DECL)
      emit_definition (e, t->decl);
}

typedef struct
{
  char *text;
  const char *comment;
  const char *doc; /* the member's IDL doc comment, above its first field */
} Line;

/* Members (IDLC_NODE_MEMBER or _CASE children) as C fields, each member's
 * IDL doc comment above it, trailing comments aligned. */
static void
emit_fields (GString *out, const IdlcNode *n, const char *indent)
{
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  gsize width = 0;
  for (guint i = 0; i < n->children->len; i++)
    {
      const IdlcNode *m = g_ptr_array_index (n->children, i);
      for (guint j = 0; j < m->children->len; j++)
        {
          const IdlcNode *d = g_ptr_array_index (m->children, j);
          GString *text = g_string_new (NULL);
          emit_c_decl (text, m->type, d);
          g_string_append_c (text, ';');
          Line line = { g_string_free (text, FALSE), NULL, j == 0 ? m->doc : NULL };
          if (m->type->kind == IDLC_TYPE_STRING && d->dims->len == 0)
            line.comment = "owned, never NULL in a valid value";
          if (line.comment != NULL)
            width = MAX (width, strlen (line.text));
          g_array_append_val (lines, line);
        }
    }
  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      emit_c_doc (out, line->doc, indent);
      g_string_append_printf (out, "%s%s", indent, line->text);
      if (line->comment != NULL)
        g_string_append_printf (out, "%*s/* %s */", (int) (width - strlen (line->text) + 1), "",
                                line->comment);
      g_string_append_c (out, '\n');
      g_free (line->text);
    }
}

static void
emit_desc_extern (GString *out, const IdlcNode *n, const char *what)
{
  g_string_append_printf (out, "extern const GorbTypeDesc %s; /* %s\"%s\" */\n", n->c_desc, what,
                          n->repo_id);
}

static void
emit_copy_clear (GString *out, const IdlcNode *n)
{
  g_string_append_printf (out,
                          "\n/* Deep copy into uninitialized @dest; clear frees what @value owns "
                          "and zeroes it. */\n"
                          "void %s_copy (const %s *src, %s *dest);\n"
                          "void %s_clear (%s *value);\n\n"
                          "G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (%s, %s_clear)\n\n",
                          n->c_lower, n->c_type, n->c_type, n->c_lower, n->c_type, n->c_type,
                          n->c_lower);
}

static void
emit_struct (EmitC *e, const IdlcNode *n)
{
  for (guint i = 0; i < n->children->len; i++)
    emit_inner_decls (e, ((const IdlcNode *) g_ptr_array_index (n->children, i))->type);
  section (e->h, "struct", n);
  emit_c_doc (e->h, n->doc, "");
  if (needs_tag (e, n))
    {
      emit_forward (e, n);
      g_string_append_printf (e->h, "struct _%s\n{\n", n->c_type);
      emit_fields (e->h, n, "  ");
      g_string_append (e->h, "};\n\n");
    }
  else
    {
      g_string_append (e->h, "typedef struct\n{\n");
      emit_fields (e->h, n, "  ");
      g_string_append_printf (e->h, "} %s;\n\n", n->c_type);
    }
  emit_desc_extern (e->h, n, "");
  emit_copy_clear (e->h, n);
}

static void
emit_union (EmitC *e, const IdlcNode *n)
{
  emit_inner_decls (e, n->type);
  for (guint i = 0; i < n->children->len; i++)
    emit_inner_decls (e, ((const IdlcNode *) g_ptr_array_index (n->children, i))->type);
  section (e->h, "union", n);
  emit_c_doc (e->h, n->doc, "");
  gboolean tag = needs_tag (e, n);
  if (tag)
    {
      emit_forward (e, n);
      g_string_append_printf (e->h, "struct _%s\n{\n", n->c_type);
    }
  else
    g_string_append (e->h, "typedef struct\n{\n");
  g_autofree char *disc = emit_c_type (n->type);
  g_string_append_printf (e->h, "  %s%s_d;\n  union\n  {\n", disc,
                          g_str_has_suffix (disc, "*") ? "" : " ");
  emit_fields (e->h, n, "    ");
  g_string_append (e->h, "  } _u;\n");
  if (tag)
    g_string_append (e->h, "};\n\n");
  else
    g_string_append_printf (e->h, "} %s;\n\n", n->c_type);
  emit_desc_extern (e->h, n, "");
  emit_copy_clear (e->h, n);
}

static void
emit_enum (EmitC *e, const IdlcNode *n)
{
  section (e->h, "enum", n);
  emit_c_doc (e->h, n->doc, "");
  g_string_append (e->h, "typedef enum\n{\n");
  for (guint i = 0; i < n->children->len; i++)
    {
      const IdlcNode *en = g_ptr_array_index (n->children, i);
      emit_c_doc (e->h, en->doc, "  ");
      g_string_append_printf (e->h, "  %s,\n", en->c_upper);
    }
  g_string_append_printf (e->h, "} %s;\nG_STATIC_ASSERT (sizeof (%s) == 4);\n\n", n->c_type,
                          n->c_type);
  emit_desc_extern (e->h, n, "");
  g_string_append_c (e->h, '\n');
}

static void
emit_typedef (EmitC *e, const IdlcNode *n)
{
  emit_inner_decls (e, n->type);
  for (guint i = 0; i < n->children->len; i++)
    {
      const IdlcNode *d = g_ptr_array_index (n->children, i);
      section (e->h, "typedef", d);
      emit_c_doc (e->h, n->doc, "");
      g_string_append (e->h, "typedef ");
      emit_c_decl (e->h, n->type, d);
      g_string_append (e->h, ";\n\n");
      emit_desc_extern (e->h, d, "");
      g_string_append_c (e->h, '\n');
    }
}

/* The parameters of <x>_error_set for the members of exception @n. */
static void
append_set_params (GString *out, const IdlcNode *n)
{
  for (guint i = 0; i < n->children->len; i++)
    {
      const IdlcNode *m = g_ptr_array_index (n->children, i);
      for (guint j = 0; j < m->children->len; j++)
        {
          const IdlcNode *d = g_ptr_array_index (m->children, j);
          g_autofree char *ctype = emit_c_type (m->type);
          switch (emit_c_passing (m->type, d))
            {
            case EMIT_C_SCALAR:
              g_string_append_printf (out, "%s %s, ", ctype, d->c_name);
              break;
            case EMIT_C_STRING:
              g_string_append_printf (out, "const char *%s, ", d->c_name);
              break;
            case EMIT_C_OBJREF:
              g_string_append_printf (out, "GObject *%s, ", d->c_name);
              break;
            case EMIT_C_AGGREGATE:
              if (d->dims->len > 0)
                g_string_append_printf (out, "gconstpointer %s, ", d->c_name);
              else if (m->type->kind == IDLC_TYPE_SEQUENCE)
                g_string_append_printf (out, "const GorbSequence *%s, ", d->c_name);
              else
                g_string_append_printf (out, "const %s *%s, ", ctype, d->c_name);
              break;
            }
        }
    }
}

/* The number of member declarators of a struct or exception. */
guint
emit_c_n_declarators (const IdlcNode *n)
{
  guint count = 0;
  for (guint i = 0; i < n->children->len; i++)
    count += ((const IdlcNode *) g_ptr_array_index (n->children, i))->children->len;
  return count;
}

static void
emit_exception (EmitC *e, const IdlcNode *n)
{
  guint n_members = emit_c_n_declarators (n);
  for (guint i = 0; i < n->children->len; i++)
    emit_inner_decls (e, ((const IdlcNode *) g_ptr_array_index (n->children, i))->type);
  section (e->h, "exception", n);
  emit_c_doc (e->h, n->doc, "");
  if (n_members > 0)
    {
      g_string_append (e->h, "typedef struct\n{\n");
      emit_fields (e->h, n, "  ");
      g_string_append_printf (e->h, "} %s;\n\n", n->c_type);
      emit_desc_extern (e->h, n, "its members, ");
    }
  g_string_append_printf (e->h, "extern const GorbExceptionDesc %s_exception;\n\n", n->c_lower);
  if (n_members > 0)
    g_string_append_printf (e->h,
                            "/* An extended GError domain (G_DEFINE_EXTENDED_ERROR): an error of "
                            "this\n * domain carries a %s, copied and freed with the GError. Its "
                            "one\n * code is 0. */\n",
                            n->c_type);
  else
    g_string_append (e->h,
                     "/* A GError domain whose errors carry no data. Its one code is 0. */\n");
  g_string_append_printf (e->h, "#define %s (%s_error_quark ())\nGQuark %s_error_quark (void);\n\n",
                          n->c_error, n->c_lower, n->c_lower);
  if (n_members > 0)
    g_string_append_printf (e->h,
                            "/* (transfer none) (nullable): the members of @error, borrowed from "
                            "it;\n * %%NULL if @error is not of %s. */\n"
                            "const %s *%s_error_get_members (const GError *error);\n\n",
                            n->c_error, n->c_type, n->c_lower);
  g_autoptr (GString) params = g_string_new (NULL);
  append_set_params (params, n);
  g_autoptr (GString) names = g_string_new (NULL);
  for (guint i = 0; i < n->children->len; i++)
    {
      const IdlcNode *m = g_ptr_array_index (n->children, i);
      for (guint j = 0; j < m->children->len; j++)
        {
          const IdlcNode *d = g_ptr_array_index (m->children, j);
          g_string_append_printf (names, "%s@%s", names->len > 0 ? ", " : "", d->c_name);
        }
    }
  if (n_members > 0)
    g_string_append_printf (e->h,
                            "/* Raises %s: sets @error (if not %%NULL) to a %s\n * carrying a copy "
                            "of the members (%s) and the printf-style message. */\n",
                            n->name, n->c_error, names->str);
  else
    g_string_append_printf (e->h,
                            "/* Raises %s: sets @error (if not %%NULL) to a %s\n * with the "
                            "printf-style message. */\n",
                            n->name, n->c_error);
  g_autofree char *decl = g_strdup_printf ("void %s_error_set (GError **error, %sconst char "
                                           "*format, ...)",
                                           n->c_lower, params->str);
  g_autofree char *attr = g_strdup_printf ("G_GNUC_PRINTF (%u, %u);", n_members + 2, n_members + 3);
  if (strlen (decl) + 1 + strlen (attr) <= 100)
    g_string_append_printf (e->h, "%s %s\n\n", decl, attr);
  else
    g_string_append_printf (e->h, "%s\n    %s\n\n", decl, attr);
}

static void
emit_const (EmitC *e, const IdlcNode *n)
{
  section (e->h, "const", n);
  emit_c_doc (e->h, n->doc, "");
  g_string_append_printf (e->h, "#define %s ", n->c_upper);
  emit_c_const_value (e->h, n);
  g_string_append (e->h, "\n\n");
}

static void
emit_definition (EmitC *e, const IdlcNode *n)
{
  switch (n->kind)
    {
    case IDLC_NODE_MODULE:
    case IDLC_NODE_INTERFACE:
      if (n->doc != NULL && n->kind == IDLC_NODE_MODULE)
        {
          section (e->h, "module", n);
          emit_c_doc (e->h, n->doc, "");
          g_string_append_c (e->h, '\n');
        }
      for (guint i = 0; i < n->children->len; i++)
        emit_definition (e, g_ptr_array_index (n->children, i));
      if (n->kind == IDLC_NODE_INTERFACE)
        emit_c_interface (e, n);
      return;
    case IDLC_NODE_STRUCT_FORWARD:
    case IDLC_NODE_UNION_FORWARD:
      if (n->definition != NULL)
        emit_forward (e, n->definition);
      return;
    case IDLC_NODE_STRUCT:
      emit_struct (e, n);
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
    case IDLC_NODE_CONST:
      emit_const (e, n);
      return;
    default:
      return; /* operations, attributes, pragmas, forward interfaces */
    }
  emit_c_source_definition (e, n);
}

/* Included definitions: their forwards count as emitted (the included header
 * has the typedef); their files become #includes, in order of appearance. */
static void
scan_included (EmitC *e, GPtrArray *nodes, GPtrArray *files)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      const IdlcNode *n = g_ptr_array_index (nodes, i);
      if (idlc_ast_is_main_file (e->ast, n))
        {
          if (n->kind == IDLC_NODE_MODULE)
            scan_included (e, n->children, files);
          continue;
        }
      if (!g_ptr_array_find_with_equal_func (files, n->loc.file, g_str_equal, NULL))
        g_ptr_array_add (files, (gpointer) n->loc.file);
      if ((n->kind == IDLC_NODE_STRUCT_FORWARD || n->kind == IDLC_NODE_UNION_FORWARD)
          && n->definition != NULL)
        g_hash_table_add (e->forwarded, n->definition);
      if (n->kind == IDLC_NODE_MODULE || n->kind == IDLC_NODE_INTERFACE)
        scan_included (e, n->children, files);
    }
}

/**
 * idlc_emit_c_base_name:
 * @idl_path: "dir/Person.idl"
 *
 * Returns: (transfer full): "Person", the base of the generated file names
 */
char *
idlc_emit_c_base_name (const char *idl_path)
{
  g_autofree char *base = g_path_get_basename (idl_path);
  if (g_str_has_suffix (base, ".idl"))
    base[strlen (base) - 4] = '\0';
  return g_steal_pointer (&base);
}

/**
 * idlc_emit_c:
 * @ast: a checked tree without errors
 * @idl_path: the compiled file (only its base name shows in the output)
 * @header: appended: <base>.h
 * @source: appended: <base>.c
 */
void
idlc_emit_c (const IdlcAst *ast, const char *idl_path, GString *header, GString *source)
{
  EmitC e = { ast, header, source, g_hash_table_new (NULL, NULL), FALSE };
  g_autofree char *base = idlc_emit_c_base_name (idl_path);
  g_autofree char *idl = g_path_get_basename (idl_path);
  g_autoptr (GPtrArray) files = g_ptr_array_new ();

  scan_included (&e, ast->definitions, files);
  g_string_append_printf (header,
                          "/* %s.h - generated by gorb-idlc from %s: the C types, type\n"
                          " * descriptors and interfaces. Do not edit: regenerate. */\n"
                          "#pragma once\n\n#include <gorb.h>\n",
                          base, idl);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *inc = idlc_emit_c_base_name (g_ptr_array_index (files, i));
      g_string_append_printf (header, "#include \"%s.h\"\n", inc);
    }
  g_string_append (header, "\nG_BEGIN_DECLS\n\n");
  g_string_append_printf (source,
                          "/* %s.c - generated by gorb-idlc from %s: type descriptors, free\n"
                          " * functions, error domains, interfaces, proxies and skeletons. Do not\n"
                          " * edit: regenerate. */\n"
                          "#include \"%s.h\"\n\n#include <string.h>\n\n",
                          base, idl, base);
  for (guint i = 0; i < ast->definitions->len; i++)
    {
      const IdlcNode *n = g_ptr_array_index (ast->definitions, i);
      if (idlc_ast_is_main_file (ast, n))
        emit_definition (&e, n);
    }
  g_string_append (header, "G_END_DECLS\n");
  while (source->len > 0 && source->str[source->len - 1] == '\n' && source->len > 1
         && source->str[source->len - 2] == '\n')
    g_string_truncate (source, source->len - 1);
  g_hash_table_unref (e.forwarded);
}

/**
 * idlc_emit_c_write:
 * @outdir: (nullable): where to write; %NULL for the current directory
 *
 * Writes <base>.h and <base>.c for @ast, each through a temporary file
 * renamed into place, both generated before either is written.
 */
gboolean
idlc_emit_c_write (const IdlcAst *ast, const char *idl_path, const char *outdir, GError **error)
{
  g_autoptr (GString) h = g_string_new (NULL);
  g_autoptr (GString) c = g_string_new (NULL);
  g_autofree char *base = idlc_emit_c_base_name (idl_path);
  g_autofree char *h_name = g_strconcat (base, ".h", NULL);
  g_autofree char *c_name = g_strconcat (base, ".c", NULL);
  g_autofree char *h_path = g_build_filename (outdir ? outdir : ".", h_name, NULL);
  g_autofree char *c_path = g_build_filename (outdir ? outdir : ".", c_name, NULL);

  idlc_emit_c (ast, idl_path, h, c);
  if (!g_file_set_contents (h_path, h->str, (gssize) h->len, error))
    return FALSE;
  if (!g_file_set_contents (c_path, c->str, (gssize) c->len, error))
    {
      g_unlink (h_path);
      return FALSE;
    }
  return TRUE;
}
