/* gorb-body.h - message bodies: a request's arguments, a reply's results and
 * exceptions, in CDR or XML, driven by operation descriptors
 *
 * CDR bodies are one CDR stream (alignment from the body frame's start) in
 * the byte order the header's flags name:
 *   request          the in and inout arguments, in IDL order
 *   reply OK         the result (if not void), then the out and inout
 *                    arguments, in IDL order (CORBA's order)
 *   user exception   string repository id; string message; the members
 *                    (nothing more for an exception without members)
 *   system exception string repository id; ulong minor (0 when sent; read
 *                    and dropped); ulong completion (0 YES, 1 NO, 2 MAYBE:
 *                    did the operation run?); string message
 * Bytes after the last value are an error (GORB_MARSHAL_ERROR_TRAILING).
 * XML bodies are one document (UTF-8), elements named as the IDL names them,
 * written as gorb_xml_encode() writes (declaration, two-space indentation):
 *   <request operation="addPerson"><p>…</p></request>
 *   <reply operation="getPerson"><_return>…</_return><p>…</p></reply>
 *   <user-exception repo-id="IDL:Demo/NotFound:1.0"><message>…</message>
 *     <members>…one element per member…</members></user-exception>
 *     (<members/> when the exception has none)
 *   <system-exception repo-id="IDL:omg.org/CORBA/BAD_OPERATION:1.0"
 *     minor="0" completion="NO"><message>…</message></system-exception>
 * The decoders take exactly these elements and attributes, in this order
 * (plus whitespace, comments, processing instructions and the xsi schema
 * location hints, as the XML codec does); a request or reply whose
 * operation attribute is not the operation's name is refused. A message
 * that XML cannot carry is sent with U+FFFD in place of what it cannot.
 *
 * A user exception whose repository id the operation does not raise (a
 * newer server's) decodes to a GORB_SYSTEM_ERROR_UNKNOWN error naming it,
 * and so does a system exception id this side does not know.
 *
 * Arguments are passed as in gorb-interface.h: @args has op->n_params
 * pointers, one per parameter, each at a C value of that parameter's type
 * (only those the body carries are used: the others, or @args itself when
 * there are none, may be NULL). Decoders overwrite the values they fill
 * (in/inout for a request; result, out and inout for a reply) without
 * reading them first, and leave the others alone; on failure every value
 * they were to fill is left cleared (zeroed, owning nothing: those already
 * decoded are freed, those not reached zeroed), so the caller frees every
 * argument the same way (gorb_value_clear) whatever happened.
 *
 * Errors say where, with the operation and parameter leading the member
 * path: "… at offset 12 in 'addPerson.p.place'", "… at line 3 in
 * 'swap.result.label'".
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include "marshal/gorb-cdr.h"
#include "rmi/gorb-interface.h"
#include "rmi/gorb-system-error.h"
#include "wire/gorb-wire.h"

G_BEGIN_DECLS

typedef enum
{
  GORB_COMPLETED_YES = 0,
  GORB_COMPLETED_NO = 1,
  GORB_COMPLETED_MAYBE = 2,
} GorbCompletionStatus;

GBytes *gorb_body_encode_request (const GorbOperationDesc *op, gpointer const *args,
                                  GorbEncoding encoding, GorbByteOrder order, GError **error);
gboolean gorb_body_decode_request (const GorbOperationDesc *op, GBytes *body, GorbEncoding encoding,
                                   GorbByteOrder order, gpointer const *args, GError **error);

GBytes *gorb_body_encode_reply (const GorbOperationDesc *op, gconstpointer result,
                                gpointer const *args, GorbEncoding encoding, GorbByteOrder order,
                                GError **error);
gboolean gorb_body_decode_reply (const GorbOperationDesc *op, GBytes *body, GorbEncoding encoding,
                                 GorbByteOrder order, gpointer result, gpointer const *args,
                                 GError **error);

GBytes *gorb_body_encode_user_exception (const GorbExceptionDesc *exception, const GError *raised,
                                         GorbEncoding encoding, GorbByteOrder order,
                                         GError **error);
GError *gorb_body_decode_user_exception (const GorbOperationDesc *op, GBytes *body,
                                         GorbEncoding encoding, GorbByteOrder order,
                                         GError **error);

GBytes *gorb_body_encode_system_exception (GorbSystemError code, GorbCompletionStatus completion,
                                           const char *message, GorbEncoding encoding,
                                           GorbByteOrder order);
GError *gorb_body_decode_system_exception (GBytes *body, GorbEncoding encoding, GorbByteOrder order,
                                           GorbCompletionStatus *completion, GError **error);

const GorbExceptionDesc *gorb_operation_find_exception (const GorbOperationDesc *op,
                                                        const GError *raised);

G_END_DECLS
