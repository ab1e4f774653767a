/* gorb-body-exception.c - exception bodies: user exceptions (an IDL
 * exception raised by the servant, as an extended GError domain whose
 * private data is the members) and system exceptions (GORB_SYSTEM_ERROR
 * codes, by repository id), in CDR or XML (layouts in gorb-body.h)
 *
 * A system exception is the answer of last resort (to a body that did not
 * decode, to a servant that failed in a way it did not declare), so its
 * encoder cannot fail: a message XML cannot carry is repaired, not refused.
 * The decoders trust nothing: what they return is a new GError, what they
 * report through @error is a body that did not decode.
 */
#include "gorb-body-private.h"
#include "gorb-value.h"

#include <string.h>

/* The completion status names of the XML body; index = value */
static const char *const completion_names[] = { "YES", "NO", "MAYBE" };
G_STATIC_ASSERT (G_N_ELEMENTS (completion_names) == GORB_COMPLETED_MAYBE + 1);

/**
 * gorb_operation_find_exception:
 * @op: an operation
 * @raised: an error its servant raised
 *
 * Returns: (transfer none) (nullable): the exception of @op whose domain
 *   @raised is in, or %NULL if @op raises no such exception (then the
 *   error must travel as a system exception)
 */
const GorbExceptionDesc *
gorb_operation_find_exception (const GorbOperationDesc *op, const GError *raised)
{
  g_return_val_if_fail (op != NULL, NULL);
  g_return_val_if_fail (raised != NULL, NULL);

  for (guint i = 0; i < op->n_raises; i++)
    if (op->raises[i]->domain () == raised->domain)
      return op->raises[i];
  return NULL;
}

static const GorbExceptionDesc *
find_by_repo_id (const GorbOperationDesc *op, const char *repo_id)
{
  for (guint i = 0; i < op->n_raises; i++)
    if (strcmp (op->raises[i]->repo_id, repo_id) == 0)
      return op->raises[i];
  return NULL;
}

/* A message or repository id from the wire, for a GError: UTF-8. */
static char *
take_valid_utf8 (char *s)
{
  char *valid;

  if (g_utf8_validate (s, -1, NULL))
    return s;
  valid = g_utf8_make_valid (s, -1);
  g_free (s);
  return valid;
}

/* An exception of @op that this side does not know: a newer server's. */
static GError *
unknown_user_exception (const char *repo_id, const char *message)
{
  g_autofree char *id = take_valid_utf8 (g_strdup (repo_id));

  return g_error_new (GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_UNKNOWN,
                      "unknown user exception '%s': %s", id, message);
}

/* The error of @exc that carries @message, its members cleared for the
 * decoder to fill: a domain's init function may have set them. */
static GError *
new_user_exception (const GorbExceptionDesc *exc, const char *message, gpointer *members)
{
  GError *raised = g_error_new_literal (exc->domain (), 0, message);

  *members = NULL;
  if (exc->type != NULL)
    {
      *members = exc->get_members (raised);
      gorb_value_clear (exc->type, *members);
      memset (*members, 0, exc->type->size);
    }
  return raised;
}

/* User exceptions: encoding */

static GBytes *
encode_user_cdr (const GorbExceptionDesc *exc, const char *message, gconstpointer members,
                 GorbByteOrder order, GError **error)
{
  GorbCdrWriter writer;

  gorb_cdr_writer_init (&writer, order);
  gorb_cdr_write_string (&writer, exc->repo_id);
  gorb_cdr_write_string (&writer, message);
  if (members != NULL && !gorb_cdr_write_value (&writer, exc->type, members, error))
    {
      gorb_cdr_writer_clear (&writer);
      return NULL;
    }
  return gorb_cdr_writer_steal_bytes (&writer);
}

static GBytes *
encode_user_xml (const GorbExceptionDesc *exc, const char *message, gconstpointer members,
                 GError **error)
{
  xmlNodePtr root;
  xmlDocPtr doc = gorb_body_xml_new ("user-exception", &root);
  g_autofree char *text = gorb_body_xml_dup_text (message);

  xmlNewProp (root, (const xmlChar *) "repo-id", (const xmlChar *) exc->repo_id);
  xmlNewTextChild (root, NULL, (const xmlChar *) "message", NULL);
  if (text[0] != '\0')
    xmlNodeAddContent (xmlGetLastChild (root), (const xmlChar *) text);
  if (members == NULL)
    xmlNewTextChild (root, NULL, (const xmlChar *) "members", NULL);
  else if (gorb_xml_write_value (root, "members", exc->type, members, error) == NULL)
    {
      xmlFreeDoc (doc);
      return NULL;
    }
  return gorb_body_xml_finish (doc, error);
}

/**
 * gorb_body_encode_user_exception:
 * @exception: the exception raised, one of the operation's (see
 *   gorb_operation_find_exception())
 * @raised: the error the servant raised, of @exception's domain
 * @encoding: CDR or XML
 * @order: the byte order of a CDR body (ignored for XML)
 * @error: return location for a #GORB_MARSHAL_ERROR
 *
 * Encodes @raised as the body of a reply of status USER_EXCEPTION: its
 * repository id, its message and its members (the private data of @raised,
 * a value of @exception->type; none when that is %NULL). In XML, a message
 * that XML cannot carry has its offending characters replaced by U+FFFD.
 *
 * Errors: those of gorb_cdr_write_value() and gorb_xml_write_value() for
 * members that cannot be encoded (a %NULL string…).
 *
 * Returns: (transfer full) (nullable): the body, or %NULL on error
 */
GBytes *
gorb_body_encode_user_exception (const GorbExceptionDesc *exception, const GError *raised,
                                 GorbEncoding encoding, GorbByteOrder order, GError **error)
{
  gconstpointer members;
  const char *message;

  g_return_val_if_fail (exception != NULL && raised != NULL, NULL);
  g_return_val_if_fail (raised->domain == exception->domain (), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  members = exception->type != NULL ? exception->get_members (raised) : NULL;
  g_return_val_if_fail (exception->type == NULL || members != NULL, NULL);
  message = raised->message != NULL ? raised->message : "";
  if (encoding == GORB_ENCODING_XML)
    return encode_user_xml (exception, message, members, error);
  return encode_user_cdr (exception, message, members, order, error);
}

/* User exceptions: decoding */

static GError *
decode_user_cdr (const GorbOperationDesc *op, GBytes *body, GorbByteOrder order, GError **error)
{
  GorbCdrReader reader;
  GorbMarshalPath path;
  gsize len;
  gconstpointer data = g_bytes_get_data (body, &len);
  g_autofree char *repo_id = NULL;
  g_autofree char *message = NULL;
  const GorbExceptionDesc *exc;
  g_autoptr (GError) raised = NULL;
  gpointer members;

  gorb_cdr_reader_init (&reader, data, len, order);
  gorb_body_path_init (&path, "user-exception", "repo-id");
  if (!gorb_cdr_reader_get_string (&reader, 0, FALSE, &repo_id, &path, error))
    return NULL;
  gorb_body_path_init (&path, "user-exception", "message");
  if (!gorb_cdr_reader_get_string (&reader, 0, FALSE, &message, &path, error))
    return NULL;
  message = take_valid_utf8 (g_steal_pointer (&message));
  exc = find_by_repo_id (op, repo_id);
  if (exc == NULL)
    return unknown_user_exception (repo_id, message); /* its members are unknown: skipped */
  raised = new_user_exception (exc, message, &members);
  if (members != NULL
      && !gorb_cdr_read_value_named (&reader, exc->type, members, NULL, NULL, error))
    return NULL;
  gorb_body_path_init (&path, NULL, "user-exception");
  if (!gorb_body_cdr_check_end (&reader, &path, error))
    return NULL;
  return g_steal_pointer (&raised);
}

static const char *const repo_id_attribute[] = { "repo-id", NULL };

/* The text of <message>: a string element as the XML codec reads it. */
static gboolean
read_message (xmlNodePtr root, xmlNodePtr *cursor, const char *scope, char **message,
              GError **error)
{
  GorbMarshalPath path;
  xmlNodePtr elem;

  gorb_body_path_init (&path, NULL, scope);
  if (!gorb_body_xml_expect_element (root, cursor, "message", &path, &elem, error))
    return FALSE;
  return gorb_xml_read_value_named (elem, &gorb_type_string, message, scope, "message", error);
}

static GError *
decode_user_xml (const GorbOperationDesc *op, GBytes *body, GError **error)
{
  GorbMarshalPath path;
  xmlDocPtr doc;
  xmlNodePtr root, cursor, elem;
  g_autofree char *repo_id = NULL;
  g_autofree char *message = NULL;
  const GorbExceptionDesc *exc;
  GError *raised = NULL;
  gpointer members = NULL;
  gboolean ok = FALSE;

  gorb_body_path_init (&path, NULL, "user-exception");
  doc = gorb_body_xml_open (body, "user-exception", repo_id_attribute, &path, &root, error);
  if (doc == NULL)
    return NULL;
  repo_id = gorb_body_xml_get_attribute (root, "repo-id");
  exc = find_by_repo_id (op, repo_id);
  cursor = root->children;
  if (!read_message (root, &cursor, "user-exception", &message, error)
      || !gorb_body_xml_expect_element (root, &cursor, "members", &path, &elem, error))
    goto out;
  if (exc == NULL)
    {
      /* a newer server's exception: its members cannot be read */
      raised = unknown_user_exception (repo_id, message);
      ok = gorb_body_xml_expect_end (root, cursor, &path, error);
      goto out;
    }
  raised = new_user_exception (exc, message, &members);
  if (members != NULL)
    ok = gorb_xml_read_value (elem, exc->type, members, error);
  else
    {
      GorbMarshalPath members_path;
      gorb_body_path_init (&members_path, "user-exception", "members");
      ok = gorb_body_xml_expect_end (elem, elem->children, &members_path, error);
    }
  ok = ok && gorb_body_xml_expect_end (root, cursor, &path, error);
out:
  xmlFreeDoc (doc);
  if (!ok)
    g_clear_error (&raised);
  return raised;
}

/**
 * gorb_body_decode_user_exception:
 * @op: the operation called
 * @body: the body frame of a reply of status USER_EXCEPTION
 * @encoding: its encoding, as the header's flags say
 * @order: the byte order of a CDR body, as the header's flags say
 * @error: return location for a #GORB_MARSHAL_ERROR
 *
 * Decodes the exception a servant raised: the repository id is looked up
 * among @op->raises and the result is an error of that exception's domain
 * (code 0) with the peer's message and, as its private data, the members
 * from the body. A repository id that @op does not raise (a newer server's
 * exception) gives a %GORB_SYSTEM_ERROR_UNKNOWN error naming it; its
 * members are not read.
 *
 * Errors: %GORB_MARSHAL_ERROR for a body that does not decode: those of
 * gorb_cdr_read_value() and %GORB_MARSHAL_ERROR_TRAILING (CDR); those of
 * gorb_xml_parse(), gorb_xml_read_value() and
 * %GORB_MARSHAL_ERROR_BAD_ELEMENT for a document that is not a
 * `<user-exception>` as gorb-body.h shows it (XML).
 *
 * Returns: (transfer full) (nullable): the exception the call raised, or
 *   %NULL if @body does not decode
 */
GError *
gorb_body_decode_user_exception (const GorbOperationDesc *op, GBytes *body, GorbEncoding encoding,
                                 GorbByteOrder order, GError **error)
{
  g_return_val_if_fail (op != NULL && body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (encoding == GORB_ENCODING_XML)
    return decode_user_xml (op, body, error);
  return decode_user_cdr (op, body, order, error);
}

/* System exceptions: encoding */

/* The body when libxml2 fails (out of memory): what the repository id and
 * the completion status say, without the message. */
static GBytes *
minimal_system_xml (const char *repo_id, GorbCompletionStatus completion)
{
  char *doc = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<system-exception repo-id=\"%s\" minor=\"0\" completion=\"%s\">\n"
                               "  <message/>\n"
                               "</system-exception>\n",
                               repo_id, completion_names[completion]);

  return g_bytes_new_take (doc, strlen (doc));
}

static GBytes *
encode_system_xml (const char *repo_id, GorbCompletionStatus completion, const char *message)
{
  xmlNodePtr root;
  xmlDocPtr doc = gorb_body_xml_new ("system-exception", &root);
  g_autofree char *text = gorb_body_xml_dup_text (message);
  GBytes *bytes;

  xmlNewProp (root, (const xmlChar *) "repo-id", (const xmlChar *) repo_id);
  xmlNewProp (root, (const xmlChar *) "minor", (const xmlChar *) "0");
  xmlNewProp (root, (const xmlChar *) "completion", (const xmlChar *) completion_names[completion]);
  xmlNewTextChild (root, NULL, (const xmlChar *) "message", NULL);
  if (text[0] != '\0')
    xmlNodeAddContent (xmlGetLastChild (root), (const xmlChar *) text);
  bytes = gorb_body_xml_finish (doc, NULL);
  return bytes != NULL ? bytes : minimal_system_xml (repo_id, completion);
}

/**
 * gorb_body_encode_system_exception:
 * @code: the system exception
 * @completion: whether the operation ran
 * @message: (nullable): what went wrong, for a person
 * @encoding: CDR or XML
 * @order: the byte order of a CDR body (ignored for XML)
 *
 * Encodes the body of a reply of status SYSTEM_EXCEPTION: the repository
 * id of @code, minor code 0, @completion and @message. This cannot fail: a
 * code out of range is sent as UNKNOWN, a completion status out of range
 * as MAYBE, and in XML a message's characters that XML cannot carry
 * (invalid UTF-8, control characters) are replaced by U+FFFD.
 *
 * Returns: (transfer full): the body
 */
GBytes *
gorb_body_encode_system_exception (GorbSystemError code, GorbCompletionStatus completion,
                                   const char *message, GorbEncoding encoding, GorbByteOrder order)
{
  const char *repo_id = gorb_system_error_to_repo_id (code);
  GorbCdrWriter writer;

  if ((guint) completion > GORB_COMPLETED_MAYBE)
    completion = GORB_COMPLETED_MAYBE;
  if (message == NULL)
    message = "";
  if (encoding == GORB_ENCODING_XML)
    return encode_system_xml (repo_id, completion, message);
  gorb_cdr_writer_init (&writer, order);
  gorb_cdr_write_string (&writer, repo_id);
  gorb_cdr_write_ulong (&writer, 0);
  gorb_cdr_write_ulong (&writer, (guint32) completion);
  gorb_cdr_write_string (&writer, message);
  return gorb_cdr_writer_steal_bytes (&writer);
}

/* System exceptions: decoding */

/* The error a system exception body describes. */
static GError *
new_system_exception (const char *repo_id, const char *message)
{
  GorbSystemError code = gorb_system_error_from_repo_id (repo_id);

  if (code == GORB_SYSTEM_ERROR_UNKNOWN
      && strcmp (repo_id, gorb_system_error_to_repo_id (GORB_SYSTEM_ERROR_UNKNOWN)) != 0)
    {
      /* a newer peer's system exception */
      g_autofree char *id = take_valid_utf8 (g_strdup (repo_id));
      return g_error_new (GORB_SYSTEM_ERROR, code, "unknown system exception '%s': %s", id,
                          message);
    }
  return g_error_new_literal (GORB_SYSTEM_ERROR, code, message);
}

static GError *
decode_system_cdr (GBytes *body, GorbByteOrder order, GorbCompletionStatus *completion,
                   GError **error)
{
  GorbCdrReader reader;
  GorbMarshalPath path;
  gsize len;
  gconstpointer data = g_bytes_get_data (body, &len);
  g_autofree char *repo_id = NULL;
  g_autofree char *message = NULL;
  guint32 minor, status;

  gorb_cdr_reader_init (&reader, data, len, order);
  gorb_body_path_init (&path, "system-exception", "repo-id");
  if (!gorb_cdr_reader_get_string (&reader, 0, FALSE, &repo_id, &path, error))
    return NULL;
  gorb_body_path_init (&path, "system-exception", "minor");
  if (!gorb_cdr_reader_get32 (&reader, &minor, &path, error))
    return NULL;
  gorb_body_path_init (&path, "system-exception", "completion");
  if (!gorb_cdr_reader_get32 (&reader, &status, &path, error))
    return NULL;
  if (status > GORB_COMPLETED_MAYBE)
    {
      gorb_cdr_reader_fail (&reader, reader.pos - 4, &path, error, GORB_MARSHAL_ERROR_BAD_VALUE,
                            "completion status %u is not 0 (YES), 1 (NO) or 2 (MAYBE)", status);
      return NULL;
    }
  gorb_body_path_init (&path, "system-exception", "message");
  if (!gorb_cdr_reader_get_string (&reader, 0, FALSE, &message, &path, error))
    return NULL;
  gorb_body_path_init (&path, NULL, "system-exception");
  if (!gorb_body_cdr_check_end (&reader, &path, error))
    return NULL;
  message = take_valid_utf8 (g_steal_pointer (&message));
  *completion = (GorbCompletionStatus) status;
  return new_system_exception (repo_id, message);
}

static const char *const system_attributes[] = { "repo-id", "minor", "completion", NULL };

/* The minor code: a decimal ulong (its value is not used) */
static gboolean
check_minor (xmlNodePtr root, const char *minor, GError **error)
{
  GorbMarshalPath path;
  guint64 value;

  if (g_ascii_string_to_unsigned (minor, 10, 0, G_MAXUINT32, &value, NULL))
    return TRUE;
  gorb_body_path_init (&path, "system-exception", "minor");
  g_autofree char *shown = gorb_body_xml_dup_text (minor);
  return gorb_body_xml_fail (error, &path, GORB_MARSHAL_ERROR_BAD_VALUE, root,
                             "minor code '%s' is not an unsigned long", shown);
}

static gboolean
parse_completion (xmlNodePtr root, const char *name, GorbCompletionStatus *completion,
                  GError **error)
{
  GorbMarshalPath path;

  for (guint i = 0; i < G_N_ELEMENTS (completion_names); i++)
    if (strcmp (name, completion_names[i]) == 0)
      {
        *completion = (GorbCompletionStatus) i;
        return TRUE;
      }
  gorb_body_path_init (&path, "system-exception", "completion");
  g_autofree char *shown = gorb_body_xml_dup_text (name);
  return gorb_body_xml_fail (error, &path, GORB_MARSHAL_ERROR_BAD_VALUE, root,
                             "completion status '%s' is not YES, NO or MAYBE", shown);
}

static GError *
decode_system_xml (GBytes *body, GorbCompletionStatus *completion, GError **error)
{
  GorbMarshalPath path;
  xmlDocPtr doc;
  xmlNodePtr root, cursor;
  g_autofree char *repo_id = NULL;
  g_autofree char *minor = NULL;
  g_autofree char *status = NULL;
  g_autofree char *message = NULL;
  GorbCompletionStatus parsed = GORB_COMPLETED_MAYBE;
  gboolean ok;

  gorb_body_path_init (&path, NULL, "system-exception");
  doc = gorb_body_xml_open (body, "system-exception", system_attributes, &path, &root, error);
  if (doc == NULL)
    return NULL;
  repo_id = gorb_body_xml_get_attribute (root, "repo-id");
  minor = gorb_body_xml_get_attribute (root, "minor");
  status = gorb_body_xml_get_attribute (root, "completion");
  cursor = root->children;
  ok = check_minor (root, minor, error) && parse_completion (root, status, &parsed, error)
       && read_message (root, &cursor, "system-exception", &message, error)
       && gorb_body_xml_expect_end (root, cursor, &path, error);
  xmlFreeDoc (doc);
  if (!ok)
    return NULL;
  *completion = parsed;
  return new_system_exception (repo_id, message);
}

/**
 * gorb_body_decode_system_exception:
 * @body: the body frame of a reply of status SYSTEM_EXCEPTION
 * @encoding: its encoding, as the header's flags say
 * @order: the byte order of a CDR body, as the header's flags say
 * @completion: (out) (optional): whether the operation ran; MAYBE when
 *   @body does not decode
 * @error: return location for a #GORB_MARSHAL_ERROR
 *
 * Decodes a system exception: the result is an error of
 * %GORB_SYSTEM_ERROR whose code is that of the repository id
 * (gorb_system_error_from_repo_id(): %GORB_SYSTEM_ERROR_UNKNOWN, naming the
 * id, for one this side does not know) and whose message is the peer's.
 * The minor code is checked but not kept.
 *
 * Errors: %GORB_MARSHAL_ERROR for a body that does not decode: a truncated
 * or malformed string, a completion status other than 0, 1 or 2
 * (%GORB_MARSHAL_ERROR_BAD_VALUE), %GORB_MARSHAL_ERROR_TRAILING bytes
 * (CDR); those of gorb_xml_parse(), %GORB_MARSHAL_ERROR_BAD_ELEMENT for a
 * document that is not a `<system-exception>` as gorb-body.h shows it,
 * %GORB_MARSHAL_ERROR_BAD_VALUE for a minor code or completion status out
 * of range (XML).
 *
 * Returns: (transfer full) (nullable): the exception the call raised, or
 *   %NULL if @body does not decode
 */
GError *
gorb_body_decode_system_exception (GBytes *body, GorbEncoding encoding, GorbByteOrder order,
                                   GorbCompletionStatus *completion, GError **error)
{
  GorbCompletionStatus ignored;
  GError *raised;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (completion == NULL)
    completion = &ignored;
  *completion = GORB_COMPLETED_MAYBE;
  if (encoding == GORB_ENCODING_XML)
    raised = decode_system_xml (body, completion, error);
  else
    raised = decode_system_cdr (body, order, completion, error);
  return raised;
}
