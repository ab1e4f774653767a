/* gorb-json.h - JSON text to and from C values described by a GorbTypeDesc
 *
 * The mapping (docs/tools.md has it with examples):
 *
 *   struct, exception   object keyed by the member names (those of the
 *                       descriptor: the IDL name, '_' appended to a C
 *                       keyword); every member present, no other key
 *   union               {"_d": discriminator, "<case>": value}; the case is
 *                       the one _d selects (default included); a _d that
 *                       selects none is an error
 *   enum                the enumerator's name, a string
 *   boolean             true | false
 *   char                a string of one character U+0000..U+00FF (byte
 *                       0x80..0xFF is U+0080..U+00FF); "" is the NUL char
 *   octet, short ... unsigned long
 *                       an integer number (1e3 is 1000), range-checked
 *   long long, unsigned long long
 *                       the same, or a decimal string ("-42"); written as a
 *                       string when |v| > 2^53 (doubles lose digits there)
 *   float, double       a number, or "NaN", "Infinity", "-Infinity"; a float
 *                       that rounds to infinity is out of range; written as
 *                       the shortest decimal that reads back bit for bit
 *   string, string<N>   a string (UTF-8; N counts bytes); no NUL
 *   sequence, array     an array; a sequence's length at most its bound, an
 *                       array's exactly its length
 *   sequence<octet>, octet arrays
 *                       written as a base64 string; read from a base64
 *                       string or an array of numbers
 *   Object              its stringified reference ("gorb:IDL:..."), or null
 *   typedef             as its target
 *
 * Reading is strict and every error names where: bad JSON by line and
 * column, everything else by the JSON path of the value ("$.people[3].year").
 * Input nested deeper than GORB_JSON_MAX_NESTING, integer literals beyond
 * 64 bits, numbers beyond the range of a double, "\u0000" and a surrogate
 * escape without its other half are refused before json-glib sees the text
 * (it would crash, wrap, truncate them or make strings that are not UTF-8),
 * as is what its scanner takes but JSON does not have: comments, single
 * quotes, identifiers other than true/false/null, escapes other than JSON's
 * ("\370" would be an octal byte) and numbers outside JSON's grammar (010
 * would be octal, 0x10 hexadecimal, .5 and 1. decimals).
 */
#pragma once

#include <gorb.h>

G_BEGIN_DECLS

#define GORB_JSON_ERROR (gorb_json_error_quark ())

typedef enum
{
  GORB_JSON_ERROR_FAILED,         /* keep first */
  GORB_JSON_ERROR_SYNTAX,         /* not JSON (line and column); empty input */
  GORB_JSON_ERROR_WRONG_TYPE,     /* a JSON value of the wrong kind for the IDL type */
  GORB_JSON_ERROR_OUT_OF_RANGE,   /* a number outside its IDL type */
  GORB_JSON_ERROR_BAD_VALUE,      /* unknown enumerator, bad base64 or decimal string, bad char,
                                   * a discriminator that selects no case, a bad reference */
  GORB_JSON_ERROR_UNKNOWN_MEMBER, /* a key the struct or union case does not have */
  GORB_JSON_ERROR_MISSING_MEMBER, /* a member left out */
  GORB_JSON_ERROR_BAD_LENGTH,     /* a string or sequence past its bound, an array of the wrong
                                   * length */
  GORB_JSON_ERROR_TOO_DEEP,       /* nesting past GORB_JSON_MAX_NESTING or the codecs' limit */
  GORB_JSON_ERROR_NOT_UTF8,       /* input that is not UTF-8; a string value that cannot be
                                   * written as JSON; append new codes below */
} GorbJsonError;

/* Arrays and objects nested deeper than this are refused (json-glib's
 * parser recurses on the C stack). Values are further limited to
 * GORB_MARSHAL_MAX_DEPTH levels of members and elements. */
#define GORB_JSON_MAX_NESTING 256

GQuark gorb_json_error_quark (void);

gboolean gorb_json_read_value (const GorbTypeDesc *type, const char *text, gsize len,
                               gpointer value, GError **error);
char *gorb_json_write_value (const GorbTypeDesc *type, gconstpointer value, GError **error);

/* Object references without an ORB (gorb-json-objref.c): a plain GObject
 * carrying a GorbRef stands for the remote object. */
GObject *gorb_json_objref_new (GorbRef *ref);
GorbRef *gorb_json_objref_get_ref (GObject *object);
void gorb_json_objref_hooks_push (void);
void gorb_json_objref_hooks_pop (void);

G_END_DECLS
