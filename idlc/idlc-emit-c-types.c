/* idlc-emit-c-types.c - the C spelling of IDL types for the C back end: the
 * C type of a value, the expression of its descriptor (writing anonymous
 * sequence, bounded-string and array descriptors as static consts), union
 * labels, const values and doc comments. Reads the AST only. */
#include "idlc-emit-c-private.h"

#include <string.h>

static const char *const base_ctypes[] = {
  [IDLC_BASE_SHORT] = "gint16",     [IDLC_BASE_USHORT] = "guint16",
  [IDLC_BASE_LONG] = "gint32",      [IDLC_BASE_ULONG] = "guint32",
  [IDLC_BASE_LONGLONG] = "gint64",  [IDLC_BASE_ULONGLONG] = "guint64",
  [IDLC_BASE_FLOAT] = "gfloat",     [IDLC_BASE_DOUBLE] = "gdouble",
  [IDLC_BASE_CHAR] = "gchar",       [IDLC_BASE_BOOLEAN] = "gboolean",
  [IDLC_BASE_OCTET] = "guint8",     [IDLC_BASE_VOID] = "void",
  [IDLC_BASE_OBJECT] = "GObject *",
};

static const char *const base_descs[] = {
  [IDLC_BASE_SHORT] = "&gorb_type_short",       [IDLC_BASE_USHORT] = "&gorb_type_ushort",
  [IDLC_BASE_LONG] = "&gorb_type_long",         [IDLC_BASE_ULONG] = "&gorb_type_ulong",
  [IDLC_BASE_LONGLONG] = "&gorb_type_longlong", [IDLC_BASE_ULONGLONG] = "&gorb_type_ulonglong",
  [IDLC_BASE_FLOAT] = "&gorb_type_float",       [IDLC_BASE_DOUBLE] = "&gorb_type_double",
  [IDLC_BASE_CHAR] = "&gorb_type_char",         [IDLC_BASE_BOOLEAN] = "&gorb_type_boolean",
  [IDLC_BASE_OCTET] = "&gorb_type_octet",       [IDLC_BASE_VOID] = "NULL",
  [IDLC_BASE_OBJECT] = "&gorb_type_objref",
};

/* The declaration a named or in-place type stands for (a typedef declarator,
 * struct, union, enum, interface or forward interface). */
const IdlcNode *
emit_c_resolve (const IdlcType *type)
{
  if (type->kind == IDLC_TYPE_DECL)
    return type->decl;
  if (type->kind == IDLC_TYPE_NAMED)
    return type->resolved;
  return NULL;
}

static gboolean
is_objref_node (const IdlcNode *n)
{
  return n->kind == IDLC_NODE_INTERFACE || n->kind == IDLC_NODE_FORWARD;
}

/* The C type of a value of @type (without array dimensions): an object
 * reference is a GObject * until interfaces are emitted. */
char *
emit_c_type (const IdlcType *type)
{
  switch (type->kind)
    {
    case IDLC_TYPE_BASE:
      return g_strdup (base_ctypes[type->base]);
    case IDLC_TYPE_STRING:
      return g_strdup ("char *");
    case IDLC_TYPE_SEQUENCE:
      {
        g_autofree char *element = emit_c_type (type->element);
        return g_strdup_printf ("GORB_SEQUENCE (%s)", element);
      }
    case IDLC_TYPE_NAMED:
    case IDLC_TYPE_DECL:
      {
        const IdlcNode *n = emit_c_resolve (type);
        return g_strdup (is_objref_node (n) ? "GObject *" : n->c_type);
      }
    }
  g_return_val_if_reached (NULL);
}

/* A C type with the size and alignment of @type's values, usable in sizeof
 * (an anonymous sequence is spelled GorbSequence, its twin). */
char *
emit_c_size_type (const IdlcType *type)
{
  if (type->kind == IDLC_TYPE_SEQUENCE)
    return g_strdup ("GorbSequence");
  return emit_c_type (type);
}

/* "<type> <name>[dims]" as a declaration. */
void
emit_c_decl (GString *out, const IdlcType *type, const IdlcNode *declarator)
{
  g_autofree char *ctype = emit_c_type (type);
  g_string_append (out, ctype);
  if (!g_str_has_suffix (ctype, "*"))
    g_string_append_c (out, ' ');
  g_string_append (out, declarator->c_name != NULL ? declarator->c_name : declarator->c_type);
  for (guint i = 0; i < declarator->dims->len; i++)
    {
      const IdlcExpr *dim = g_ptr_array_index (declarator->dims, i);
      g_string_append_printf (out, "[%" G_GUINT64_FORMAT "]", dim->value.u);
    }
}

static void
anon_desc_open (EmitC *e, const char *anon, const char *kind, const char *size_type)
{
  g_string_append_printf (e->c,
                          "static const GorbTypeDesc %s = {\n"
                          "  .kind = %s,\n"
                          "  .size = sizeof (%s),\n"
                          "  .align = _Alignof(%s),\n",
                          anon, kind, size_type, size_type);
}

/* The descriptor expression of @type ("&gorb_type_long", "&demo_person_desc");
 * an anonymous type's static descriptor, named @anon (its element's
 * "<anon>_elem"), is written to the source first. */
char *
emit_c_type_desc (EmitC *e, const IdlcType *type, const char *anon)
{
  switch (type->kind)
    {
    case IDLC_TYPE_BASE:
      return g_strdup (base_descs[type->base]);
    case IDLC_TYPE_STRING:
      if (type->bound == NULL)
        return g_strdup ("&gorb_type_string");
      anon_desc_open (e, anon, "GORB_TK_STRING", "char *");
      g_string_append_printf (e->c, "  .bound = %" G_GUINT64_FORMAT ",\n};\n\n",
                              type->bound->value.u);
      return g_strconcat ("&", anon, NULL);
    case IDLC_TYPE_SEQUENCE:
      {
        g_autofree char *elem_anon = g_strconcat (anon, "_elem", NULL);
        g_autofree char *content = emit_c_type_desc (e, type->element, elem_anon);
        anon_desc_open (e, anon, "GORB_TK_SEQUENCE", "GorbSequence");
        g_string_append_printf (e->c, "  .content = %s,\n", content);
        if (type->bound != NULL)
          g_string_append_printf (e->c, "  .bound = %" G_GUINT64_FORMAT ",\n",
                                  type->bound->value.u);
        g_string_append (e->c, "};\n\n");
        return g_strconcat ("&", anon, NULL);
      }
    case IDLC_TYPE_NAMED:
    case IDLC_TYPE_DECL:
      {
        const IdlcNode *n = emit_c_resolve (type);
        if (is_objref_node (n))
          return g_strdup ("&gorb_type_objref");
        return g_strconcat ("&", n->c_desc, NULL);
      }
    }
  g_return_val_if_reached (NULL);
}

static char *
array_desc_from (EmitC *e, const IdlcType *type, GPtrArray *dims, guint from, const char *anon)
{
  g_autofree char *name = from == 0 ? g_strdup (anon) : g_strdup_printf ("%s_%u", anon, from);
  g_autofree char *content = NULL;
  if (from + 1 < dims->len)
    content = array_desc_from (e, type, dims, from + 1, anon);
  else
    {
      g_autofree char *elem_anon = g_strconcat (anon, "_elem", NULL);
      content = emit_c_type_desc (e, type, elem_anon);
    }
  g_autofree char *elem = emit_c_size_type (type);
  g_autoptr (GString) size = g_string_new (elem);
  for (guint i = from; i < dims->len; i++)
    {
      const IdlcExpr *dim = g_ptr_array_index (dims, i);
      g_string_append_printf (size, "[%" G_GUINT64_FORMAT "]", dim->value.u);
    }
  const IdlcExpr *bound = g_ptr_array_index (dims, from);
  g_string_append_printf (e->c,
                          "static const GorbTypeDesc %s = {\n"
                          "  .kind = GORB_TK_ARRAY,\n"
                          "  .size = sizeof (%s),\n"
                          "  .align = _Alignof(%s),\n"
                          "  .content = %s,\n"
                          "  .bound = %" G_GUINT64_FORMAT ",\n"
                          "};\n\n",
                          name, size->str, elem, content, bound->value.u);
  return g_strconcat ("&", name, NULL);
}

/* The descriptor of @type with array dimensions @dims (outermost first):
 * one static GORB_TK_ARRAY descriptor per dimension, "<anon>", "<anon>_1"... */
char *
emit_c_array_desc (EmitC *e, const IdlcType *type, GPtrArray *dims, const char *anon)
{
  if (dims->len == 0)
    return emit_c_type_desc (e, type, anon);
  return array_desc_from (e, type, dims, 0, anon);
}

EmitCPassing
emit_c_passing (const IdlcType *type, const IdlcNode *declarator)
{
  if (declarator != NULL && declarator->dims->len > 0)
    return EMIT_C_AGGREGATE;
  switch (type->kind)
    {
    case IDLC_TYPE_BASE:
      return type->base == IDLC_BASE_OBJECT ? EMIT_C_OBJREF : EMIT_C_SCALAR;
    case IDLC_TYPE_STRING:
      return EMIT_C_STRING;
    case IDLC_TYPE_SEQUENCE:
      return EMIT_C_AGGREGATE;
    case IDLC_TYPE_NAMED:
    case IDLC_TYPE_DECL:
      {
        const IdlcNode *n = emit_c_resolve (type);
        if (is_objref_node (n))
          return EMIT_C_OBJREF;
        if (n->kind == IDLC_NODE_ENUM)
          return EMIT_C_SCALAR;
        if (n->kind == IDLC_NODE_DECLARATOR)
          return emit_c_passing (n->parent->type, n);
        return EMIT_C_AGGREGATE;
      }
    }
  return EMIT_C_AGGREGATE;
}

/* @doc as a C comment at @indent ("*" + "/" inside it is broken up). */
void
emit_c_doc (GString *out, const char *doc, const char *indent)
{
  if (doc == NULL)
    return;
  g_auto (GStrv) parts = g_strsplit (doc, "*/", -1);
  g_autofree char *safe = g_strjoinv ("* /", parts);
  g_auto (GStrv) lines = g_strsplit (safe, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_string_append (out, indent);
      g_string_append (out, i == 0 ? "/*" : " *");
      if (lines[i][0] != '\0')
        g_string_append_printf (out, " %s", lines[i]);
      g_string_append (out, lines[i + 1] == NULL ? " */\n" : "\n");
    }
}

static void
append_int (GString *out, gboolean negative, guint64 u)
{
  if (negative && u == (guint64) G_MAXINT64 + 1)
    g_string_append (out, "G_MININT64");
  else if (negative)
    g_string_append_printf (
        out, u > G_MAXINT32 ? "G_GINT64_CONSTANT (-%" G_GUINT64_FORMAT ")" : "-%" G_GUINT64_FORMAT,
        u);
  else if (u > G_MAXINT64)
    g_string_append_printf (out, "G_GUINT64_CONSTANT (%" G_GUINT64_FORMAT ")", u);
  else if (u > G_MAXINT32)
    g_string_append_printf (out, "G_GINT64_CONSTANT (%" G_GUINT64_FORMAT ")", u);
  else
    g_string_append_printf (out, "%" G_GUINT64_FORMAT, u);
}

static void
append_char (GString *out, guint64 code)
{
  if (code == '\'' || code == '\\')
    g_string_append_printf (out, "'\\%c'", (char) code);
  else if (code >= 0x20 && code < 0x7f)
    g_string_append_printf (out, "'%c'", (char) code);
  else
    g_string_append_printf (out, "'\\x%02x'", (guint) code);
}

/* A union case label, as GorbMemberDesc.label wants it (gint64). */
void
emit_c_label (GString *out, const IdlcExpr *label)
{
  const IdlcValue *v = &label->value;
  switch (v->kind)
    {
    case IDLC_VALUE_ENUM:
      g_string_append (out, v->enumerator->c_upper);
      break;
    case IDLC_VALUE_BOOL:
      g_string_append (out, v->u ? "TRUE" : "FALSE");
      break;
    case IDLC_VALUE_CHAR:
      /* the codecs read a char discriminator as 0..255 (gorb-type.h): a
       * '\xe9' literal would be negative where char is signed */
      if (v->u >= 0x80)
        g_string_append_printf (out, "0x%02x", (guint) v->u);
      else
        append_char (out, v->u);
      break;
    default:
      if (!v->negative && v->u > G_MAXINT64)
        g_string_append_printf (out, "(gint64) G_GUINT64_CONSTANT (%" G_GUINT64_FORMAT ")", v->u);
      else
        append_int (out, v->negative, v->u);
      break;
    }
}

static void
append_string_literal (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else if (*p < 0x20 || *p >= 0x7f)
        g_string_append_printf (out, "\\%03o", *p); /* octal: at most 3 digits, no run-on */
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

/* The C expression of a const's folded value: usable in #if (integers), case
 * labels and array sizes; negative numbers parenthesized. */
void
emit_c_const_value (GString *out, const IdlcNode *node)
{
  const IdlcValue *v = &node->value->value;
  const IdlcType *t = node->type;
  while (t->kind == IDLC_TYPE_NAMED && t->resolved->kind == IDLC_NODE_DECLARATOR)
    t = t->resolved->parent->type;
  switch (v->kind)
    {
    case IDLC_VALUE_ENUM:
      g_string_append (out, v->enumerator->c_upper);
      break;
    case IDLC_VALUE_BOOL:
      g_string_append (out, v->u ? "TRUE" : "FALSE");
      break;
    case IDLC_VALUE_CHAR:
      append_char (out, v->u);
      break;
    case IDLC_VALUE_STRING:
      append_string_literal (out, v->s);
      break;
    case IDLC_VALUE_FLOAT:
      {
        gboolean is_float = t->kind == IDLC_TYPE_BASE && t->base == IDLC_BASE_FLOAT;
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_formatd (buf, sizeof buf, is_float ? "%.9g" : "%.17g", v->f);
        gboolean neg = buf[0] == '-';
        gboolean has_dot = strpbrk (buf, ".eEni") != NULL;
        g_string_append_printf (out, "%s%s%s%s%s", neg ? "(" : "", buf, has_dot ? "" : ".0",
                                is_float ? "f" : "", neg ? ")" : "");
        break;
      }
    case IDLC_VALUE_INT:
      {
        gboolean unsig = t->kind == IDLC_TYPE_BASE
                         && (t->base == IDLC_BASE_ULONG || t->base == IDLC_BASE_ULONGLONG
                             || t->base == IDLC_BASE_USHORT || t->base == IDLC_BASE_OCTET);
        if (unsig && v->u > G_MAXINT32)
          {
            g_string_append_printf (out, "G_GUINT64_CONSTANT (%" G_GUINT64_FORMAT ")", v->u);
            break;
          }
        if (v->negative)
          g_string_append_c (out, '(');
        append_int (out, v->negative, v->u);
        if (v->negative)
          g_string_append_c (out, ')');
        else if (unsig && v->u <= G_MAXINT32)
          g_string_append_c (out, 'u');
        break;
      }
    case IDLC_VALUE_NONE:
      g_string_append (out, "0 /* not folded */");
      break;
    }
}
