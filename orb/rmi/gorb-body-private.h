/* gorb-body-private.h - what the body codecs (gorb-body.c for requests and
 * replies, gorb-body-exception.c for exceptions) share: the XML document
 * helpers of gorb-body-xml.c
 *
 * Messages name the body's place the way the value codecs name a member:
 * a GorbMarshalPath whose root is named after the operation ("addPerson")
 * or the exception element ("user-exception"), so that a value inside
 * reads "in 'addPerson.p.place'".
 */
#pragma once

#include "gorb-body.h"
#include "gorb-cdr-private.h"
#include "gorb-xml-private.h"

G_BEGIN_DECLS

/* A path that names only its root: "addPerson", "system-exception.minor". */
static inline void
gorb_body_path_init (GorbMarshalPath *path, const char *scope, const char *name)
{
  gorb_marshal_path_init_named (path, NULL, scope, name);
}

/* Fails with "<message> at line N in '<path>'", N being @node's line. */
G_GNUC_INTERNAL gboolean gorb_body_xml_fail (GError **error, const GorbMarshalPath *path,
                                             GorbMarshalError code, const xmlNode *node,
                                             const char *format, ...) G_GNUC_PRINTF (5, 6);

/* A new document whose root element is @root_name. */
G_GNUC_INTERNAL xmlDocPtr gorb_body_xml_new (const char *root_name, xmlNodePtr *root);

/* Serializes @doc as gorb_xml_encode() does (XML declaration, UTF-8,
 * indented by two spaces) and frees it. The bytes are followed by a NUL
 * the size does not count. */
G_GNUC_INTERNAL GBytes *gorb_body_xml_finish (xmlDocPtr doc, GError **error);

/* Parses @body with gorb_xml_parse() and checks that its root element is
 * @root_name, in no namespace, with exactly the attributes @attributes
 * (NULL-terminated; the xsi schema location hints are also let through).
 * Returns the document (free it with xmlFreeDoc()) and its root. */
G_GNUC_INTERNAL xmlDocPtr gorb_body_xml_open (GBytes *body, const char *root_name,
                                              const char *const *attributes,
                                              const GorbMarshalPath *path, xmlNodePtr *root,
                                              GError **error);

/* The value of the attribute @name of @elem (checked by
 * gorb_body_xml_open(): present); free it with xmlFree(). */
G_GNUC_INTERNAL char *gorb_body_xml_get_attribute (xmlNodePtr elem, const char *name);

/* Moves *cursor to the element @name, skipping whitespace, comments and
 * processing instructions; anything else, another element or the end of
 * @parent is BAD_ELEMENT. */
G_GNUC_INTERNAL gboolean gorb_body_xml_expect_element (xmlNodePtr parent, xmlNodePtr *cursor,
                                                       const char *name,
                                                       const GorbMarshalPath *path, xmlNodePtr *out,
                                                       GError **error);

/* Checks that nothing but whitespace, comments and processing instructions
 * is left from *cursor on. */
G_GNUC_INTERNAL gboolean gorb_body_xml_expect_end (xmlNodePtr parent, xmlNodePtr cursor,
                                                   const GorbMarshalPath *path, GError **error);

/* @text as XML can carry it: invalid UTF-8 and characters outside XML 1.0
 * replaced by U+FFFD. For messages, which must never make an answer fail. */
G_GNUC_INTERNAL char *gorb_body_xml_dup_text (const char *text);

/* TRAILING unless @reader is at its end. */
G_GNUC_INTERNAL gboolean gorb_body_cdr_check_end (const GorbCdrReader *reader,
                                                  const GorbMarshalPath *path, GError **error);

G_END_DECLS
