/* idlc-emit-xsd.c - an XML Schema for the XML encoding of an IDL file's types
 *
 * Reads the checked AST only (scoped names, resolved names, folded bounds).
 * The schema follows the mapping of orb/marshal/gorb-xml.h and is written
 * the way gorb_xml_schema_for_type() (orb/marshal/gorb-xml-schema.c) writes
 * its own, so that every document gorb_xml_encode() produces validates:
 *
 *  - no target namespace;
 *  - every struct, union, enum, exception and typedef declarator becomes a
 *    named xs:complexType or xs:simpleType called after its scoped name
 *    with "::" turned into "." ("Test.Person"), in IDL order, types
 *    declared in place (`struct A { struct B {...} b; }`) before the type
 *    that declares them; the IDL doc comments go to xs:annotation/
 *    xs:documentation (of types, members, cases and enumerators);
 *  - struct and exception: one element per member, in order; union: <_d>
 *    then an xs:choice of the cases (one required: the runtime refuses to
 *    encode a discriminator that selects no case); enum:
 *    xs:token with one xs:enumeration per enumerator; sequence and array:
 *    <item> (minOccurs 0 and the bound or "unbounded"; the length for both
 *    of an array dimension); string<N>: xs:string with maxLength N; char:
 *    xs:string of length 1; octet, integers, float, double and boolean:
 *    the matching built-in type; object references: xs:string;
 *  - a typedef of a named type derives from it (xs:restriction for text,
 *    xs:complexContent/xs:extension for elements);
 *  - one global element per named type, named by its short name ("Person"):
 *    the root element gorb_xml_encode() writes for a whole value. When two
 *    types of the file share a short name (A::X and B::X) only the first
 *    gets one, and a comment says so.
 *
 * Which definitions: those of the main file (idlc_ast_is_main_file());
 * a type of an #include'd file "dir/other.idl" is referred to by name and
 * the schema starts with <xs:include schemaLocation="other.xsd"/> (the
 * schema gorb-idlc --xsd writes for that file, expected next to this one),
 * one per such file in the order of first use. A tree without a main file
 * (built by hand) has all its definitions written.
 */
#include "idlc-emit-xsd.h"

#include <string.h>

#include <libxml/tree.h>

#define XS_NS "http://www.w3.org/2001/XMLSchema"

typedef struct
{
  const IdlcAst *ast;
  xmlDocPtr doc;
  xmlNsPtr xs;
  xmlNodePtr schema;
  GHashTable *elements; /* owned: short name -> xsd name (borrowed) of its global element */
  GHashTable *defined;  /* owned: IdlcNode * already defined (types declared in place) */
  GPtrArray *includes;  /* owned: char * (owned) schemaLocation of included files, first use */
} XsdWriter;

static void set_type (XsdWriter *w, xmlNodePtr element, const IdlcType *type, const GPtrArray *dims,
                      guint dim);
static void define (XsdWriter *w, const IdlcNode *node);

static xmlNodePtr
xs_child (XsdWriter *w, xmlNodePtr parent, const char *name)
{
  return xmlNewChild (parent, w->xs, (const xmlChar *) name, NULL);
}

static void
set_prop (xmlNodePtr node, const char *name, const char *value)
{
  xmlNewProp (node, (const xmlChar *) name, (const xmlChar *) value);
}

static void
set_uint_prop (xmlNodePtr node, const char *name, guint64 value)
{
  char buf[24];

  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, value);
  set_prop (node, name, buf);
}

/* "Test::Person" -> "Test.Person" (the result lives in the document). A
 * node the checker gave no scoped name (today: an enum declared in a
 * union's switch) goes by its own name, in both definition and uses. */
static const char *
xsd_name (XsdWriter *w, const IdlcNode *node)
{
  const char *scoped = node->scoped_name != NULL ? node->scoped_name : node->name;
  g_auto (GStrv) parts = g_strsplit (scoped != NULL ? scoped : "anonymous", "::", -1);
  g_autofree char *name = g_strjoinv (".", parts);

  return (const char *) xmlDictLookup (w->doc->dict, (const xmlChar *) name, -1);
}

/* Adds @doc (a comment's text, NULL for none) as the xs:annotation of
 * @parent, which must not have children yet. Text that is not UTF-8 made
 * of XML characters is repaired: control characters become spaces. */
static void
add_doc (XsdWriter *w, xmlNodePtr parent, const char *doc)
{
  if (doc == NULL || *doc == '\0')
    return;
  g_autofree char *text = g_utf8_make_valid (doc, -1);
  for (char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n')
      *p = ' ';
  xmlNodePtr annotation = xs_child (w, parent, "annotation");
  xmlNewTextChild (annotation, w->xs, (const xmlChar *) "documentation", (const xmlChar *) text);
}

static guint64
expr_uint (const IdlcExpr *expr)
{
  return expr != NULL && !expr->value.negative ? expr->value.u : 0;
}

/* The declaration an IDLC_TYPE_NAMED or IDLC_TYPE_DECL type stands for. */
static const IdlcNode *
type_node (const IdlcType *type)
{
  if (type->kind == IDLC_TYPE_DECL)
    return type->decl;
  if (type->kind == IDLC_TYPE_NAMED)
    return type->resolved;
  return NULL;
}

/* Whether the encoding of @type (with array sizes @dims from index @dim)
 * is text (a simpleType) or elements. */
static gboolean
is_simple (const IdlcType *type, const GPtrArray *dims, guint dim)
{
  const IdlcNode *node;

  for (guint depth = 0; depth < 64; depth++)
    {
      if (dims != NULL && dim < dims->len)
        return FALSE;
      switch (type->kind)
        {
        case IDLC_TYPE_BASE:
        case IDLC_TYPE_STRING:
          return TRUE;
        case IDLC_TYPE_SEQUENCE:
          return FALSE;
        default:
          break;
        }
      node = type_node (type);
      if (node == NULL)
        return TRUE;
      switch (node->kind)
        {
        case IDLC_NODE_STRUCT:
        case IDLC_NODE_UNION:
        case IDLC_NODE_EXCEPTION:
          return FALSE;
        case IDLC_NODE_DECLARATOR: /* a typedef: look at its target */
          if (node->parent == NULL || node->parent->type == NULL)
            return TRUE;
          type = node->parent->type;
          dims = node->dims;
          dim = 0;
          break;
        default: /* enums, interfaces */
          return TRUE;
        }
    }
  return TRUE;
}

/* The built-in type @type maps to, or NULL if it needs a definition:
 * char, string<N>, sequences, named types. */
static const char *
builtin_type (const IdlcType *type)
{
  const IdlcNode *node;

  switch (type->kind)
    {
    case IDLC_TYPE_BASE:
      switch (type->base)
        {
        case IDLC_BASE_SHORT:
          return "xs:short";
        case IDLC_BASE_USHORT:
          return "xs:unsignedShort";
        case IDLC_BASE_LONG:
          return "xs:int";
        case IDLC_BASE_ULONG:
          return "xs:unsignedInt";
        case IDLC_BASE_LONGLONG:
          return "xs:long";
        case IDLC_BASE_ULONGLONG:
          return "xs:unsignedLong";
        case IDLC_BASE_FLOAT:
          return "xs:float";
        case IDLC_BASE_DOUBLE:
          return "xs:double";
        case IDLC_BASE_BOOLEAN:
          return "xs:boolean";
        case IDLC_BASE_OCTET:
          return "xs:unsignedByte";
        case IDLC_BASE_OBJECT:
          return "xs:string"; /* the stringified reference; empty for nil */
        case IDLC_BASE_CHAR:
          return NULL;
        case IDLC_BASE_VOID:
        default:
          return "xs:anyType"; /* not a data type: the checker refuses it */
        }
    case IDLC_TYPE_STRING:
      return type->bound == NULL ? "xs:string" : NULL;
    case IDLC_TYPE_NAMED:
      node = type->resolved;
      if (node == NULL)
        return "xs:anyType"; /* unchecked tree: give up gracefully */
      if (node->kind == IDLC_NODE_INTERFACE || node->kind == IDLC_NODE_FORWARD)
        return "xs:string";
      return NULL;
    default:
      return NULL;
    }
}

/* Whether @node's definition goes into this schema. */
static gboolean
is_emitted (XsdWriter *w, const IdlcNode *node)
{
  return w->ast->main_file == NULL || idlc_ast_is_main_file (w->ast, node);
}

/* The XSD name of a named (struct, union, enum, exception, typedef) type,
 * or NULL for other types. A type of an included file adds an xs:include
 * of that file's schema. */
static const char *
named_type (XsdWriter *w, const IdlcType *type)
{
  const IdlcNode *node = type_node (type);

  if (node == NULL || builtin_type (type) != NULL)
    return NULL;
  if (!is_emitted (w, node) && node->loc.file != NULL)
    {
      g_autofree char *base = g_path_get_basename (node->loc.file);
      if (g_str_has_suffix (base, ".idl"))
        base[strlen (base) - 4] = '\0';
      g_autofree char *location = g_strconcat (base, ".xsd", NULL);
      if (!g_ptr_array_find_with_equal_func (w->includes, location, g_str_equal, NULL))
        g_ptr_array_add (w->includes, g_steal_pointer (&location));
    }
  return xsd_name (w, node);
}

/* The content of a simpleType (@simple_type) for char or string<N>. */
static void
write_simple (XsdWriter *w, xmlNodePtr simple_type, const IdlcType *type)
{
  xmlNodePtr restriction = xs_child (w, simple_type, "restriction");

  set_prop (restriction, "base", "xs:string");
  if (type->kind == IDLC_TYPE_STRING)
    /* maxLength counts characters, the bound bytes: never stricter */
    set_uint_prop (xs_child (w, restriction, "maxLength"), "value", expr_uint (type->bound));
  else
    set_uint_prop (xs_child (w, restriction, "length"), "value", 1);
}

/* The content model of a complexType (@complex_type) for an array
 * dimension (@dim < @dims->len) or a sequence. */
static void
write_complex (XsdWriter *w, xmlNodePtr complex_type, const IdlcType *type, const GPtrArray *dims,
               guint dim)
{
  xmlNodePtr sequence = xs_child (w, complex_type, "sequence");
  xmlNodePtr item = xs_child (w, sequence, "element");

  set_prop (item, "name", "item");
  if (dims != NULL && dim < dims->len)
    {
      guint64 n = expr_uint (g_ptr_array_index (dims, dim));
      set_type (w, item, type, dims, dim + 1);
      set_uint_prop (item, "minOccurs", n);
      set_uint_prop (item, "maxOccurs", n);
      return;
    }
  g_assert (type->kind == IDLC_TYPE_SEQUENCE);
  set_type (w, item, type->element, NULL, 0);
  set_prop (item, "minOccurs", "0");
  if (type->bound != NULL)
    set_uint_prop (item, "maxOccurs", expr_uint (type->bound));
  else
    set_prop (item, "maxOccurs", "unbounded");
}

/* Gives @element (an xs:element) the type of @type with the array sizes
 * @dims from index @dim: a type="" attribute for named and built-in
 * types, an anonymous type definition otherwise. */
static void
set_type (XsdWriter *w, xmlNodePtr element, const IdlcType *type, const GPtrArray *dims, guint dim)
{
  const char *name;

  if (dims != NULL && dim < dims->len)
    write_complex (w, xs_child (w, element, "complexType"), type, dims, dim);
  else if ((name = builtin_type (type)) != NULL || (name = named_type (w, type)) != NULL)
    set_prop (element, "type", name);
  else if (is_simple (type, NULL, 0))
    write_simple (w, xs_child (w, element, "simpleType"), type);
  else
    write_complex (w, xs_child (w, element, "complexType"), type, NULL, 0);
}

/* An element @name of @type (with array sizes @dims) in @parent. */
static xmlNodePtr
add_element (XsdWriter *w, xmlNodePtr parent, const char *name, const char *doc,
             const IdlcType *type, const GPtrArray *dims)
{
  xmlNodePtr element = xs_child (w, parent, "element");

  set_prop (element, "name", name);
  add_doc (w, element, doc);
  set_type (w, element, type, dims, 0);
  return element;
}

/* Defines the types declared in place in @type, if any. */
static void
define_in_place (XsdWriter *w, const IdlcType *type)
{
  for (; type != NULL; type = type->element)
    if (type->kind == IDLC_TYPE_DECL && type->decl != NULL)
      define (w, type->decl);
}

/* The global element of a named type: the root element of a whole value. */
static void
add_global_element (XsdWriter *w, const IdlcNode *node, const char *name)
{
  const char *taken = g_hash_table_lookup (w->elements, node->name);

  if (taken != NULL)
    {
      g_autofree char *text = g_strdup_printf (" no global element for %s: %s has the name '%s' ",
                                               name, taken, node->name);
      xmlAddChild (w->schema, xmlNewDocComment (w->doc, (const xmlChar *) text));
      return;
    }
  g_hash_table_insert (w->elements, (gpointer) node->name, (gpointer) name);
  xmlNodePtr element = xs_child (w, w->schema, "element");
  set_prop (element, "name", node->name);
  set_prop (element, "type", name);
}

static void
define_struct (XsdWriter *w, const IdlcNode *node)
{
  for (guint i = 0; i < node->children->len; i++)
    define_in_place (w, ((IdlcNode *) g_ptr_array_index (node->children, i))->type);

  const char *name = xsd_name (w, node);
  xmlNodePtr def = xs_child (w, w->schema, "complexType");
  set_prop (def, "name", name);
  add_doc (w, def, node->doc);
  xmlNodePtr sequence = xs_child (w, def, "sequence");
  for (guint i = 0; i < node->children->len; i++)
    {
      const IdlcNode *member = g_ptr_array_index (node->children, i);
      for (guint j = 0; j < member->children->len; j++)
        {
          const IdlcNode *decl = g_ptr_array_index (member->children, j);
          add_element (w, sequence, decl->name, decl->doc != NULL ? decl->doc : member->doc,
                       member->type, decl->dims);
        }
    }
  add_global_element (w, node, name);
}

static void
define_union (XsdWriter *w, const IdlcNode *node)
{
  define_in_place (w, node->type);
  for (guint i = 0; i < node->children->len; i++)
    define_in_place (w, ((IdlcNode *) g_ptr_array_index (node->children, i))->type);

  const char *name = xsd_name (w, node);
  xmlNodePtr def = xs_child (w, w->schema, "complexType");
  set_prop (def, "name", name);
  add_doc (w, def, node->doc);
  xmlNodePtr sequence = xs_child (w, def, "sequence");
  add_element (w, sequence, "_d", NULL, node->type, NULL);
  xmlNodePtr choice = xs_child (w, sequence, "choice");
  for (guint i = 0; i < node->children->len; i++)
    {
      const IdlcNode *c = g_ptr_array_index (node->children, i);
      const IdlcNode *decl = c->children->len > 0 ? g_ptr_array_index (c->children, 0) : NULL;
      if (decl != NULL)
        add_element (w, choice, decl->name, decl->doc != NULL ? decl->doc : c->doc, c->type,
                     decl->dims);
    }
  add_global_element (w, node, name);
}

static void
define_enum (XsdWriter *w, const IdlcNode *node)
{
  const char *name = xsd_name (w, node);
  xmlNodePtr def = xs_child (w, w->schema, "simpleType");

  set_prop (def, "name", name);
  add_doc (w, def, node->doc);
  xmlNodePtr restriction = xs_child (w, def, "restriction");
  /* xs:token collapses whitespace, as the decoder does */
  set_prop (restriction, "base", "xs:token");
  for (guint i = 0; i < node->children->len; i++)
    {
      const IdlcNode *e = g_ptr_array_index (node->children, i);
      xmlNodePtr enumeration = xs_child (w, restriction, "enumeration");
      set_prop (enumeration, "value", e->name);
      add_doc (w, enumeration, e->doc);
    }
  add_global_element (w, node, name);
}

/* One typedef declarator. A typedef of a named or built-in type derives
 * from it without restating it. */
static void
define_typedef (XsdWriter *w, const IdlcNode *tdef, const IdlcNode *decl)
{
  const IdlcType *type = tdef->type;
  gboolean simple = is_simple (type, decl->dims, 0);
  const char *name = xsd_name (w, decl);
  const char *base = NULL;
  xmlNodePtr def = xs_child (w, w->schema, simple ? "simpleType" : "complexType");

  set_prop (def, "name", name);
  add_doc (w, def, decl->doc != NULL ? decl->doc : tdef->doc);
  if (decl->dims->len == 0)
    {
      base = named_type (w, type);
      if (base == NULL && simple)
        base = builtin_type (type);
    }
  if (base != NULL && simple)
    set_prop (xs_child (w, def, "restriction"), "base", base);
  else if (base != NULL)
    set_prop (xs_child (w, xs_child (w, def, "complexContent"), "extension"), "base", base);
  else if (simple)
    write_simple (w, def, type);
  else
    write_complex (w, def, type, decl->dims, 0);
  add_global_element (w, decl, name);
}

/* Writes the definitions of @node (and of what it contains), once. */
static void
define (XsdWriter *w, const IdlcNode *node)
{
  if (!g_hash_table_add (w->defined, (gpointer) node))
    return;
  switch (node->kind)
    {
    case IDLC_NODE_MODULE:
    case IDLC_NODE_INTERFACE:
      for (guint i = 0; i < node->children->len; i++)
        define (w, g_ptr_array_index (node->children, i));
      break;
    default:
      break;
    }
  if (!is_emitted (w, node))
    return;
  switch (node->kind)
    {
    case IDLC_NODE_STRUCT:
    case IDLC_NODE_EXCEPTION:
      define_struct (w, node);
      break;
    case IDLC_NODE_UNION:
      define_union (w, node);
      break;
    case IDLC_NODE_ENUM:
      define_enum (w, node);
      break;
    case IDLC_NODE_TYPEDEF:
      define_in_place (w, node->type);
      for (guint i = 0; i < node->children->len; i++)
        define_typedef (w, node, g_ptr_array_index (node->children, i));
      break;
    default: /* forward declarations, constants, operations, attributes, pragmas */
      break;
    }
}

/**
 * idlc_emit_xsd:
 * @ast: a tree idlc_check() accepted
 * @source_name: the IDL file's name for the schema's header comment
 *   (give a base name for output that does not depend on the directory)
 *
 * Writes the XML Schema 1.0 document, without a target namespace, for the
 * XML encoding (orb/marshal/gorb-xml.h) of the types @ast defines: what
 * gorb_xml_encode() writes for a value of one of them, with the type's
 * short name as root element, validates against it. The file comment says
 * what the schema holds. Same tree, same bytes.
 *
 * Returns: (transfer full): the schema, in UTF-8; free it with g_free()
 */
char *
idlc_emit_xsd (const IdlcAst *ast, const char *source_name)
{
  XsdWriter w;
  xmlChar *buffer = NULL;
  int size = 0;
  char *result;

  g_return_val_if_fail (ast != NULL, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);

  w.ast = ast;
  w.doc = xmlNewDoc ((const xmlChar *) "1.0");
  w.doc->dict = xmlDictCreate ();
  w.schema = xmlNewDocNode (w.doc, NULL, (const xmlChar *) "schema", NULL);
  xmlDocSetRootElement (w.doc, w.schema);
  w.xs = xmlNewNs (w.schema, (const xmlChar *) XS_NS, (const xmlChar *) "xs");
  xmlSetNs (w.schema, w.xs);
  w.elements = g_hash_table_new (g_str_hash, g_str_equal);
  w.defined = g_hash_table_new (NULL, NULL);
  w.includes = g_ptr_array_new_with_free_func (g_free);
  {
    g_autofree char *comment = g_strdup_printf (
        " the gorb XML encoding of the types of %s (generated by gorb-idlc) ", source_name);
    g_autofree char *valid = g_utf8_make_valid (comment, -1);
    /* "--" may not appear in a comment */
    for (char *p = strstr (valid, "--"); p != NULL; p = strstr (p, "--"))
      p[1] = '_';
    xmlAddChild (w.schema, xmlNewDocComment (w.doc, (const xmlChar *) valid));
  }

  for (guint i = 0; i < ast->definitions->len; i++)
    define (&w, g_ptr_array_index (ast->definitions, i));
  /* xs:include goes before the definitions (after the comment) */
  for (guint i = w.includes->len; i-- > 0;)
    {
      xmlNodePtr include = xmlNewDocNode (w.doc, w.xs, (const xmlChar *) "include", NULL);
      set_prop (include, "schemaLocation", g_ptr_array_index (w.includes, i));
      xmlAddNextSibling (w.schema->children, include);
    }

  xmlDocDumpFormatMemoryEnc (w.doc, &buffer, &size, "UTF-8", 1);
  result = g_strndup ((const char *) buffer, buffer != NULL ? (gsize) size : 0);
  xmlFree (buffer);
  xmlFreeDoc (w.doc);
  g_hash_table_unref (w.elements);
  g_hash_table_unref (w.defined);
  g_ptr_array_unref (w.includes);
  return result;
}
