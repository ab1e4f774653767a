/* gorb-xml-schema.c - an XML Schema for the XML encoding of a type
 *
 * The schema has no target namespace. Its one global element is the root;
 * every named IDL type (struct, union, enum, typedef) becomes a named
 * complexType or simpleType, named after its scoped name with "::" turned
 * into "." ("Test.Person"), so recursive types refer to themselves by name.
 * Anonymous types (sequence<T>, arrays, string<N>, char) are written inline
 * where they are used. Named definitions follow the root element in the
 * order they are first referred to.
 */
#include "gorb-xml-private.h"

#include <string.h>

#include <libxml/tree.h>

#define XS_NS "http://www.w3.org/2001/XMLSchema"

typedef struct
{
  xmlDocPtr doc;
  xmlNsPtr xs;
  xmlNodePtr schema;
  GHashTable *named; /* owned: XSD type name (owned) -> descriptor: defined or queued */
  GQueue pending;    /* named descriptors whose definitions are still to be written */
} SchemaWriter;

static void set_type (SchemaWriter *sw, xmlNodePtr element, const GorbTypeDesc *type, guint depth);

static xmlNodePtr
xs_child (SchemaWriter *sw, xmlNodePtr parent, const char *name)
{
  return xmlNewChild (parent, sw->xs, (const xmlChar *) name, NULL);
}

static void
set_prop (xmlNodePtr node, const char *name, const char *value)
{
  xmlNewProp (node, (const xmlChar *) name, (const xmlChar *) value);
}

static void
set_uint_prop (xmlNodePtr node, const char *name, guint32 value)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%u", value);
  set_prop (node, name, buf);
}

/* Types that get a definition of their own, named after the IDL. The basic
 * descriptors (gorb_type_long, "long") have names too but map to xs types. */
static gboolean
is_named (const GorbTypeDesc *type)
{
  if (type->name == NULL)
    return FALSE;
  switch (type->kind)
    {
    case GORB_TK_STRUCT:
    case GORB_TK_UNION:
    case GORB_TK_ENUM:
    case GORB_TK_ALIAS:
    case GORB_TK_SEQUENCE:
    case GORB_TK_ARRAY:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether the encoding of @type is text (a simpleType) or elements. */
static gboolean
is_simple (const GorbTypeDesc *type)
{
  switch (gorb_type_desc_resolve (type)->kind)
    {
    case GORB_TK_STRUCT:
    case GORB_TK_UNION:
    case GORB_TK_SEQUENCE:
    case GORB_TK_ARRAY:
      return FALSE;
    default:
      return TRUE;
    }
}

/* "Test::Person" -> "Test.Person" */
static char *
xsd_name (const GorbTypeDesc *type)
{
  g_auto (GStrv) parts = g_strsplit (type->name, "::", -1);

  return g_strjoinv (".", parts);
}

/* The XSD name of a named type, queueing its definition the first time. */
static const char *
refer_to (SchemaWriter *sw, const GorbTypeDesc *type)
{
  g_autofree char *name = xsd_name (type);
  gpointer key;

  if (g_hash_table_lookup_extended (sw->named, name, &key, NULL))
    return key;
  key = g_steal_pointer (&name);
  g_hash_table_insert (sw->named, key, (gpointer) type);
  g_queue_push_tail (&sw->pending, (gpointer) type);
  return key;
}

/* The built-in type of a basic kind, or NULL if it needs facets. */
static const char *
builtin_type (const GorbTypeDesc *type)
{
  switch (type->kind)
    {
    case GORB_TK_BOOLEAN:
      return "xs:boolean";
    case GORB_TK_OCTET:
      return "xs:unsignedByte";
    case GORB_TK_SHORT:
      return "xs:short";
    case GORB_TK_USHORT:
      return "xs:unsignedShort";
    case GORB_TK_LONG:
      return "xs:int";
    case GORB_TK_ULONG:
      return "xs:unsignedInt";
    case GORB_TK_LONGLONG:
      return "xs:long";
    case GORB_TK_ULONGLONG:
      return "xs:unsignedLong";
    case GORB_TK_FLOAT:
      return "xs:float";
    case GORB_TK_DOUBLE:
      return "xs:double";
    case GORB_TK_STRING:
      return type->bound == 0 ? "xs:string" : NULL;
    case GORB_TK_OBJREF:
      return "xs:string"; /* the stringified reference; empty for nil */
    default:
      return NULL;
    }
}

/* The content of a simpleType for a text type that no built-in type fits:
 * char, string<N>, enum. */
static void
write_simple (SchemaWriter *sw, xmlNodePtr simple_type, const GorbTypeDesc *type)
{
  xmlNodePtr restriction = xs_child (sw, simple_type, "restriction");

  switch (type->kind)
    {
    case GORB_TK_CHAR:
      set_prop (restriction, "base", "xs:string");
      set_uint_prop (xs_child (sw, restriction, "length"), "value", 1);
      break;
    case GORB_TK_STRING:
      /* maxLength counts characters, the bound bytes: never stricter */
      set_prop (restriction, "base", "xs:string");
      set_uint_prop (xs_child (sw, restriction, "maxLength"), "value", type->bound);
      break;
    case GORB_TK_ENUM:
      /* xs:token collapses whitespace, as the decoder does */
      set_prop (restriction, "base", "xs:token");
      for (guint i = 0; i < type->n_members; i++)
        set_prop (xs_child (sw, restriction, "enumeration"), "value", type->enumerators[i]);
      break;
    default:
      set_prop (restriction, "base", builtin_type (type));
      break;
    }
}

static xmlNodePtr
add_element (SchemaWriter *sw, xmlNodePtr parent, const char *name, const GorbTypeDesc *type,
             guint depth)
{
  xmlNodePtr element = xs_child (sw, parent, "element");

  set_prop (element, "name", name);
  set_type (sw, element, type, depth);
  return element;
}

/* The content model of a complexType for a struct, union, sequence or
 * array. */
static void
write_complex (SchemaWriter *sw, xmlNodePtr complex_type, const GorbTypeDesc *type, guint depth)
{
  xmlNodePtr sequence = xs_child (sw, complex_type, "sequence");
  xmlNodePtr item, choice;

  switch (type->kind)
    {
    case GORB_TK_STRUCT:
      for (guint i = 0; i < type->n_members; i++)
        add_element (sw, sequence, type->members[i].name, type->members[i].type, depth + 1);
      break;
    case GORB_TK_UNION:
      add_element (sw, sequence, "_d", type->content, depth + 1);
      choice = xs_child (sw, sequence, "choice");
      for (guint i = 0; i < type->n_members; i++)
        {
          const GorbMemberDesc *m = &type->members[i];
          gboolean seen = FALSE;
          for (guint j = 0; j < i && !seen; j++) /* a case with several labels */
            seen = strcmp (type->members[j].name, m->name) == 0;
          if (!seen)
            add_element (sw, choice, m->name, m->type, depth + 1);
        }
      break;
    case GORB_TK_SEQUENCE:
      item = add_element (sw, sequence, "item", type->content, depth + 1);
      set_prop (item, "minOccurs", "0");
      if (type->bound != 0)
        set_uint_prop (item, "maxOccurs", type->bound);
      else
        set_prop (item, "maxOccurs", "unbounded");
      break;
    case GORB_TK_ARRAY:
      item = add_element (sw, sequence, "item", type->content, depth + 1);
      set_uint_prop (item, "minOccurs", type->bound);
      set_uint_prop (item, "maxOccurs", type->bound);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Gives @element (an xs:element) the type of @type: a type="" attribute
 * for named and built-in types, an anonymous type definition otherwise. */
static void
set_type (SchemaWriter *sw, xmlNodePtr element, const GorbTypeDesc *type, guint depth)
{
  const char *builtin;

  if (is_named (type))
    {
      set_prop (element, "type", refer_to (sw, type));
      return;
    }
  type = gorb_type_desc_resolve (type);
  builtin = builtin_type (type);
  if (builtin != NULL)
    set_prop (element, "type", builtin);
  else if (depth > GORB_MARSHAL_MAX_DEPTH || type->kind == GORB_TK_ALIAS)
    set_prop (element, "type", "xs:anyType"); /* a broken descriptor: give up gracefully */
  else if (is_simple (type))
    write_simple (sw, xs_child (sw, element, "simpleType"), type);
  else
    write_complex (sw, xs_child (sw, element, "complexType"), type, depth);
}

/* The definition of a named type. A typedef of another named type derives
 * from it without restating it. */
static void
define_named (SchemaWriter *sw, const GorbTypeDesc *type)
{
  const GorbTypeDesc *target = type;
  gboolean simple = is_simple (type);
  xmlNodePtr def = xs_child (sw, sw->schema, simple ? "simpleType" : "complexType");
  g_autofree char *name = xsd_name (type);

  set_prop (def, "name", name);
  if (type->kind == GORB_TK_ALIAS)
    {
      target = type->content;
      if (is_named (target) || (simple && builtin_type (gorb_type_desc_resolve (target)) != NULL))
        {
          const char *base = is_named (target) ? refer_to (sw, target)
                                               : builtin_type (gorb_type_desc_resolve (target));
          if (simple)
            set_prop (xs_child (sw, def, "restriction"), "base", base);
          else
            set_prop (xs_child (sw, xs_child (sw, def, "complexContent"), "extension"), "base",
                      base);
          return;
        }
      target = gorb_type_desc_resolve (target);
    }
  if (target->kind == GORB_TK_ALIAS) /* a typedef without a target */
    set_prop (xs_child (sw, def, "restriction"), "base", "xs:string");
  else if (simple)
    write_simple (sw, def, target);
  else
    write_complex (sw, def, target, 0);
}

/**
 * gorb_xml_schema_for_type:
 * @type: a descriptor
 * @root_name: (nullable): the name of the root element; %NULL for the short
 *   name of @type
 *
 * Writes an XML Schema 1.0 document, without a target namespace, that every
 * document gorb_xml_encode() produces for @type and @root_name validates
 * against (`xmllint --noout --schema`). The schema checks what a schema
 * can: element names and order, item counts, bounds, enumerators, number
 * ranges; not that a union's case matches its discriminator.
 *
 * Returns: (transfer full): the schema, in UTF-8; free it with g_free()
 */
char *
gorb_xml_schema_for_type (const GorbTypeDesc *type, const char *root_name)
{
  SchemaWriter sw;
  xmlChar *buffer = NULL;
  int size = 0;
  char *result;
  const GorbTypeDesc *next;

  g_return_val_if_fail (type != NULL, NULL);
  if (root_name == NULL)
    root_name = gorb_type_desc_get_short_name (type);

  gorb_xml_init ();
  sw.doc = xmlNewDoc ((const xmlChar *) "1.0");
  sw.schema = xmlNewDocNode (sw.doc, NULL, (const xmlChar *) "schema", NULL);
  xmlDocSetRootElement (sw.doc, sw.schema);
  sw.xs = xmlNewNs (sw.schema, (const xmlChar *) XS_NS, (const xmlChar *) "xs");
  xmlSetNs (sw.schema, sw.xs);
  sw.named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&sw.pending);
  {
    g_autofree char *comment
        = g_strdup_printf (" the gorb XML encoding of %s (generated by gorb) ",
                           type->name != NULL ? type->name : gorb_type_kind_to_string (type->kind));
    xmlAddChild (sw.schema, xmlNewDocComment (sw.doc, (const xmlChar *) comment));
  }

  add_element (&sw, sw.schema, root_name, type, 0);
  while ((next = g_queue_pop_head (&sw.pending)) != NULL)
    define_named (&sw, next);

  xmlDocDumpFormatMemoryEnc (sw.doc, &buffer, &size, "UTF-8", 1);
  result = g_strndup ((const char *) buffer, buffer != NULL ? (gsize) size : 0);
  xmlFree (buffer);
  xmlFreeDoc (sw.doc);
  g_hash_table_unref (sw.named);
  return result;
}
