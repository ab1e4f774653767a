/* gorb-xml-parse.c - the safe XML parser
 *
 * The parser never fetches anything and refuses every document type
 * declaration the moment it sees one, before its internal subset is read:
 * entity declarations, and so entity expansion bombs ("billion laughs")
 * and external entities (XXE), never reach libxml2's entity code. Errors
 * are collected from the parser context, never printed.
 */
#include "gorb-xml-private.h"

#include <libxml/parser.h>
#include <libxml/SAX2.h>

#if LIBXML_VERSION >= 21200
typedef const xmlError *XmlErrorPtr;
#else
typedef xmlError *XmlErrorPtr;
#endif

static gpointer
init_libxml2 (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

void
gorb_xml_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_libxml2, NULL);
}

typedef struct
{
  gboolean forbidden; /* a DTD or entity was seen: parsing was stopped */
  int forbidden_line;
  char *message; /* owned: the first error libxml2 reported */
  int line;
} ParseState;

static void
refuse (xmlParserCtxtPtr ctxt)
{
  ParseState *st = ctxt->_private;

  if (!st->forbidden)
    {
      st->forbidden = TRUE;
      st->forbidden_line = xmlSAX2GetLineNumber (ctxt);
    }
  xmlStopParser (ctxt);
}

static void
on_subset (void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
  refuse (ctx);
}

static void
on_entity_decl (void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                const xmlChar *system_id, xmlChar *content)
{
  refuse (ctx);
}

static void
on_reference (void *ctx, const xmlChar *name)
{
  refuse (ctx);
}

static xmlParserInputPtr
on_resolve_entity (void *ctx, const xmlChar *public_id, const xmlChar *system_id)
{
  refuse (ctx);
  return NULL;
}

/* Structured errors go here rather than to stderr; the first one is kept,
 * the later ones are usually its consequences. */
static void
on_parse_error (void *user_data, XmlErrorPtr err)
{
  xmlParserCtxtPtr ctxt = user_data;
  ParseState *st = ctxt->_private;

  if (st->message != NULL || err == NULL || err->level < XML_ERR_ERROR)
    return;
  st->message = g_strchomp (g_strdup (err->message != NULL ? err->message : "unknown error"));
  g_strdelimit (st->message, "\n", ' ');
  st->line = err->line;
}

static void
ignore_generic_error (void *ctx, const char *msg, ...)
{
}

/**
 * gorb_xml_parse:
 * @data: (array length=len): an XML document
 * @len: its length in bytes
 * @error: return location for a #GORB_MARSHAL_ERROR
 *
 * Parses @data without loading anything from the network or the file
 * system, without expanding entities and without printing anything.
 * Comments and whitespace are kept in the tree (the reader skips them).
 *
 * Errors: %GORB_MARSHAL_ERROR_FORBIDDEN_XML for a document type declaration
 * (with or without an internal subset: every DTD, entity declaration and
 * so every entity expansion or external entity is refused, parsing stops
 * at the DOCTYPE); %GORB_MARSHAL_ERROR_BAD_XML for an empty or malformed
 * document, with libxml2's message and the line.
 *
 * Returns: (transfer full) (nullable): the document; free it with
 *   xmlFreeDoc()
 */
xmlDocPtr
gorb_xml_parse (const char *data, gsize len, GError **error)
{
  ParseState st = { 0 };
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  xmlGenericErrorFunc saved_handler;
  void *saved_context;
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len == 0 || len > G_MAXINT)
    {
      gorb_marshal_fail (error, NULL, GORB_MARSHAL_ERROR_BAD_XML, NULL,
                         len == 0 ? "empty document" : "document too large");
      return NULL;
    }
  gorb_xml_init ();
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      gorb_marshal_fail (error, NULL, GORB_MARSHAL_ERROR_FAILED, NULL,
                         "cannot create an XML parser");
      return NULL;
    }
  ctxt->_private = &st;
  ctxt->sax->internalSubset = on_subset;
  ctxt->sax->externalSubset = on_subset;
  ctxt->sax->entityDecl = on_entity_decl;
  ctxt->sax->reference = on_reference;
  ctxt->sax->resolveEntity = on_resolve_entity;
  ctxt->sax->serror = on_parse_error;

  /* A few libxml2 errors (character encoding conversion) bypass the
   * context and go to the generic handler, which is per thread: silence it
   * for this thread only, for the duration of the parse. */
  saved_handler = xmlGenericError;
  saved_context = xmlGenericErrorContext;
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);
  doc = xmlCtxtReadMemory (ctxt, data, (int) len, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES
                               | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlSetGenericErrorFunc (saved_context, saved_handler);

  ok = !st.forbidden && doc != NULL && ctxt->wellFormed && ctxt->nsWellFormed;
  xmlFreeParserCtxt (ctxt);
  if (ok && (doc->intSubset != NULL || doc->extSubset != NULL))
    {
      st.forbidden = TRUE;
      st.forbidden_line = 1;
      ok = FALSE;
    }
  if (!ok)
    {
      g_autofree char *line = NULL;
      g_clear_pointer (&doc, xmlFreeDoc);
      if (st.forbidden)
        {
          line = g_strdup_printf ("line %d", st.forbidden_line);
          gorb_marshal_fail (error, NULL, GORB_MARSHAL_ERROR_FORBIDDEN_XML, line,
                             "document type declarations are refused");
        }
      else
        {
          line = st.line > 0 ? g_strdup_printf ("line %d", st.line) : NULL;
          gorb_marshal_fail (error, NULL, GORB_MARSHAL_ERROR_BAD_XML, line, "malformed XML: %s",
                             st.message != NULL ? st.message : "not a well-formed document");
        }
    }
  g_free (st.message);
  return doc;
}
