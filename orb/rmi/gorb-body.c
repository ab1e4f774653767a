/* gorb-body.c - request and reply bodies: the arguments and results of one
 * operation, in CDR or XML (layouts in gorb-body.h)
 *
 * A body is a list of slots, each a value of a known type at a pointer the
 * caller gives: a request's slots are the in and inout parameters, a
 * reply's the result (if not void), then the out and inout parameters, all
 * in IDL order. Every function below walks that list once; CDR goes through
 * one writer or reader for the whole body (alignment counts from the
 * body's first byte), so nothing is allocated but the values themselves.
 *
 * Decoders never read what they fill (out storage may hold garbage); on
 * failure they clear what they filled and zero what they did not reach, so
 * that the caller can clear every argument whatever happened.
 */
#include "gorb-body-private.h"
#include "gorb-value.h"

#include <string.h>

#define RESULT_NAME                                                                                \
  "_return" /* the result's element: IDL names cannot begin with "_", so no parameter clashes with \
               it */

/* The body's slots: "reply" or "request", and which parameters they hold. */
typedef struct
{
  const GorbOperationDesc *op;
  gboolean reply;
  gpointer result; /* reply only; non-NULL iff op->result */
  gpointer const *args;
} Slots;

static inline gboolean
param_is_sent (const GorbParamDesc *p, gboolean reply)
{
  return reply ? p->direction != GORB_PARAM_IN : p->direction != GORB_PARAM_OUT;
}

/* The walk over the slots: *@index starts at SLOT_START and is then the
 * parameter of the slot returned, -1 for the result. FALSE past the last
 * slot. */
#define SLOT_START (-2)

static gboolean
slot_next (const Slots *s, int *index, const char **name, const GorbTypeDesc **type,
           gpointer *value)
{
  if (*index == SLOT_START)
    {
      *index = -1;
      if (s->reply && s->op->result != NULL)
        {
          *name = RESULT_NAME;
          *type = s->op->result;
          *value = s->result;
          return TRUE;
        }
    }
  for (guint i = (guint) (*index + 1); i < s->op->n_params; i++)
    {
      const GorbParamDesc *p = &s->op->params[i];
      if (param_is_sent (p, s->reply))
        {
          *index = (int) i;
          *name = p->name;
          *type = p->type;
          *value = s->args != NULL ? s->args[i] : NULL;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
slots_are_given (const Slots *s)
{
  int index = SLOT_START;
  const char *name = NULL;
  const GorbTypeDesc *type = NULL;
  gpointer value = NULL;

  if (s->reply && (s->op->result != NULL) != (s->result != NULL))
    return FALSE;
  while (slot_next (s, &index, &name, &type, &value))
    if (value == NULL)
      return FALSE;
  return TRUE;
}

/* After a failed decode: clears the first @n_filled slots, zeroes them all */
static void
slots_clear (const Slots *s, guint n_filled)
{
  int index = SLOT_START;
  const char *name = NULL;
  const GorbTypeDesc *type = NULL;
  gpointer value = NULL;

  for (guint k = 0; slot_next (s, &index, &name, &type, &value); k++)
    {
      if (k < n_filled)
        gorb_value_clear (type, value);
      memset (value, 0, type->size);
    }
}

/* Encoding */

static GBytes *
encode_cdr (const Slots *s, GorbByteOrder order, GError **error)
{
  GorbCdrWriter writer;
  int index = SLOT_START;
  const char *name = NULL;
  const GorbTypeDesc *type = NULL;
  gpointer value = NULL;

  gorb_cdr_writer_init (&writer, order);
  while (slot_next (s, &index, &name, &type, &value))
    if (!gorb_cdr_write_value_named (&writer, type, value, s->op->name, name, error))
      {
        gorb_cdr_writer_clear (&writer);
        return NULL;
      }
  return gorb_cdr_writer_steal_bytes (&writer);
}

static GBytes *
encode_xml (const Slots *s, GError **error)
{
  xmlNodePtr root;
  xmlDocPtr doc = gorb_body_xml_new (s->reply ? "reply" : "request", &root);
  int index = SLOT_START;
  const char *name = NULL;
  const GorbTypeDesc *type = NULL;
  gpointer value = NULL;

  xmlNewProp (root, (const xmlChar *) "operation", (const xmlChar *) s->op->name);
  while (slot_next (s, &index, &name, &type, &value))
    if (gorb_xml_write_value_named (root, name, type, value, s->op->name, name, error) == NULL)
      {
        xmlFreeDoc (doc);
        return NULL;
      }
  return gorb_body_xml_finish (doc, error);
}

static GBytes *
encode (const Slots *s, GorbEncoding encoding, GorbByteOrder order, GError **error)
{
  if (encoding == GORB_ENCODING_XML)
    return encode_xml (s, error);
  return encode_cdr (s, order, error);
}

/**
 * gorb_body_encode_request:
 * @op: the operation called
 * @args: (array) (nullable): @op->n_params pointers, one per parameter, each
 *   at a C value of its type (see gorb-interface.h); only the in and inout
 *   ones are used (the others may be %NULL; @args may be %NULL if @op has
 *   no in or inout parameter)
 * @encoding: CDR or XML
 * @order: the byte order of a CDR body (ignored for XML)
 * @error: return location for a #GORB_MARSHAL_ERROR
 *
 * Encodes the in and inout arguments of a call to @op: in CDR, each as
 * gorb_cdr_write_value() writes it, one after the other in one stream; in
 * XML, a `<request operation="…">` document with one element per argument,
 * named after its parameter. An operation without in or inout parameters
 * has an empty CDR body.
 *
 * Errors: those of gorb_cdr_write_value() and gorb_xml_write_value() for an
 * argument that cannot be encoded (%GORB_MARSHAL_ERROR_INVALID_VALUE for a
 * %NULL string…), the member path starting at the parameter
 * ("in 'addPerson.p.name'").
 *
 * Returns: (transfer full) (nullable): the body, or %NULL on error
 */
GBytes *
gorb_body_encode_request (const GorbOperationDesc *op, gpointer const *args, GorbEncoding encoding,
                          GorbByteOrder order, GError **error)
{
  Slots s = { op, FALSE, NULL, args };

  g_return_val_if_fail (op != NULL, NULL);
  g_return_val_if_fail (slots_are_given (&s), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return encode (&s, encoding, order, error);
}

/**
 * gorb_body_encode_reply:
 * @op: the operation that ran
 * @result: (nullable): the result, a C value of @op->result; %NULL exactly
 *   when @op->result is %NULL (void)
 * @args: (array) (nullable): as for gorb_body_encode_request(); only the out
 *   and inout ones are used
 * @encoding: CDR or XML
 * @order: the byte order of a CDR body (ignored for XML)
 * @error: return location for a #GORB_MARSHAL_ERROR
 *
 * Encodes the reply of a call to @op that completed: in CDR, the result,
 * then the out and inout arguments in IDL order; in XML, a
 * `<reply operation="…">` document with a `<_return>` element (unless void)
 * and one element per out or inout argument, named after its parameter.
 * (A oneway operation has no reply; its body would be empty.)
 *
 * Errors: those of gorb_cdr_write_value() and gorb_xml_write_value(), the
 * member path starting at the parameter or at "_return"
 * ("in 'swap.result.label'").
 *
 * Returns: (transfer full) (nullable): the body, or %NULL on error
 */
GBytes *
gorb_body_encode_reply (const GorbOperationDesc *op, gconstpointer result, gpointer const *args,
                        GorbEncoding encoding, GorbByteOrder order, GError **error)
{
  Slots s = { op, TRUE, (gpointer) result, args };

  g_return_val_if_fail (op != NULL, NULL);
  g_return_val_if_fail (slots_are_given (&s), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return encode (&s, encoding, order, error);
}

/* Decoding */

static gboolean
decode_cdr (const Slots *s, GBytes *body, GorbByteOrder order, GError **error)
{
  GorbCdrReader reader;
  GorbMarshalPath path;
  gsize len;
  gconstpointer data = g_bytes_get_data (body, &len);
  int index = SLOT_START;
  const char *name = NULL;
  const GorbTypeDesc *type = NULL;
  gpointer value = NULL;
  guint n_filled = 0;

  gorb_cdr_reader_init (&reader, data, len, order);
  while (slot_next (s, &index, &name, &type, &value))
    {
      if (!gorb_cdr_read_value_named (&reader, type, value, s->op->name, name, error))
        goto fail;
      n_filled++;
    }
  gorb_body_path_init (&path, NULL, s->op->name);
  if (gorb_body_cdr_check_end (&reader, &path, error))
    return TRUE;
fail:
  slots_clear (s, n_filled);
  return FALSE;
}

static const char *const operation_attribute[] = { "operation", NULL };

static gboolean
decode_xml (const Slots *s, GBytes *body, GError **error)
{
  const char *root_name = s->reply ? "reply" : "request";
  GorbMarshalPath path;
  xmlDocPtr doc;
  xmlNodePtr root, cursor, elem;
  int index = SLOT_START;
  const char *name = NULL;
  const GorbTypeDesc *type = NULL;
  gpointer value = NULL;
  guint n_filled = 0;

  gorb_body_path_init (&path, NULL, s->op->name);
  doc = gorb_body_xml_open (body, root_name, operation_attribute, &path, &root, error);
  if (doc == NULL)
    goto fail;
  {
    g_autofree char *operation = gorb_body_xml_get_attribute (root, "operation");
    if (g_strcmp0 (operation, s->op->name) != 0)
      {
        g_autofree char *shown = gorb_body_xml_dup_text (operation);
        gorb_body_xml_fail (error, &path, GORB_MARSHAL_ERROR_BAD_ELEMENT, root,
                            "%s for operation '%s' where one for '%s' was expected", root_name,
                            shown, s->op->name);
        goto fail;
      }
  }
  cursor = root->children;
  while (slot_next (s, &index, &name, &type, &value))
    {
      if (!gorb_body_xml_expect_element (root, &cursor, name, &path, &elem, error))
        goto fail;
      if (!gorb_xml_read_value_named (elem, type, value, s->op->name, name, error))
        goto fail;
      n_filled++;
    }
  if (!gorb_body_xml_expect_end (root, cursor, &path, error))
    goto fail;
  xmlFreeDoc (doc);
  return TRUE;
fail:
  if (doc != NULL)
    xmlFreeDoc (doc);
  slots_clear (s, n_filled);
  return FALSE;
}

static gboolean
decode (const Slots *s, GBytes *body, GorbEncoding encoding, GorbByteOrder order, GError **error)
{
  if (encoding == GORB_ENCODING_XML)
    return decode_xml (s, body, error);
  return decode_cdr (s, body, order, error);
}

/**
 * gorb_body_decode_request:
 * @op: the operation the header names
 * @body: the body frame
 * @encoding: its encoding, as the header's flags say
 * @order: the byte order of a CDR body, as the header's flags say
 * @args: (array) (nullable): @op->n_params pointers, one per parameter, each
 *   at storage for a C value of its type; only the in and inout ones are
 *   used (the others may be %NULL)
 * @error: return location for a #GORB_MARSHAL_ERROR
 *
 * Decodes the in and inout arguments of a call to @op into the values
 * @args points at, overwriting them without clearing them first; the out
 * ones are left alone. On failure the in and inout values are left cleared
 * (zeroed, owning nothing), those decoded before the failure freed.
 *
 * Errors: those of gorb_cdr_read_value() and gorb_xml_read_value(), the
 * member path starting at the operation and parameter
 * ("in 'addPerson.p.place'"); %GORB_MARSHAL_ERROR_TRAILING for bytes after
 * the last argument (CDR); those of gorb_xml_parse() and
 * %GORB_MARSHAL_ERROR_BAD_ELEMENT for a document whose root is not
 * `<request>`, whose operation attribute is not @op's name, or whose
 * elements are not the in and inout parameters in order (XML).
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_body_decode_request (const GorbOperationDesc *op, GBytes *body, GorbEncoding encoding,
                          GorbByteOrder order, gpointer const *args, GError **error)
{
  Slots s = { op, FALSE, NULL, args };

  g_return_val_if_fail (op != NULL && body != NULL, FALSE);
  g_return_val_if_fail (slots_are_given (&s), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return decode (&s, body, encoding, order, error);
}

/**
 * gorb_body_decode_reply:
 * @op: the operation called
 * @body: the body frame of a reply of status OK
 * @encoding: its encoding, as the header's flags say
 * @order: the byte order of a CDR body, as the header's flags say
 * @result: (nullable): storage for the result, a C value of @op->result;
 *   %NULL exactly when @op->result is %NULL (void)
 * @args: (array) (nullable): @op->n_params pointers, one per parameter, each
 *   at storage for a C value of its type; only the out and inout ones are
 *   used (the others may be %NULL)
 * @error: return location for a #GORB_MARSHAL_ERROR
 *
 * Decodes the result and the out and inout arguments into the values
 * @result and @args point at, overwriting them without clearing them first
 * (an inout argument's value from the call must have been cleared or moved
 * away); the in ones are left alone. On failure the result, out and inout
 * values are left cleared (zeroed, owning nothing), those decoded before
 * the failure freed.
 *
 * Errors: as gorb_body_decode_request(), for a `<reply>` document and the
 * `<_return>` element first (unless void).
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_body_decode_reply (const GorbOperationDesc *op, GBytes *body, GorbEncoding encoding,
                        GorbByteOrder order, gpointer result, gpointer const *args, GError **error)
{
  Slots s = { op, TRUE, result, args };

  g_return_val_if_fail (op != NULL && body != NULL, FALSE);
  g_return_val_if_fail (slots_are_given (&s), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return decode (&s, body, encoding, order, error);
}
