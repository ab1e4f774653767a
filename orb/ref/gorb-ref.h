/* gorb-ref.h - object references and object keys
 *
 * A reference names one remote object: where it lives (one or more
 * endpoints: the live one first, then e.g. the activator's), its object key
 * (unique in space and time: the exporting server's 128-bit incarnation id
 * and an object number it never reuses), its repository id with version
 * ("IDL:Demo/PersonList:1.0") and the encoding its server prefers.
 * References are immutable and reference-counted (a GBoxed type).
 *
 * Stringified form, one line that survives a copy and paste:
 *
 *   gorb:IDL:Demo/PersonList:1.0;key=<hex>;enc=cdr;ep=tcp://127.0.0.1:5555;ep=...
 *
 * "gorb:", the repository id, then ';'-separated name=value fields in this
 * order: key (lower-case hex, even length, at most GORB_WIRE_MAX_KEY_SIZE
 * bytes), enc (cdr | xml), one or more ep. Characters outside
 * [A-Za-z0-9:/._~@-] in the repository id or an endpoint are %-escaped
 * (g_uri_escape_string rules), so ';' and '%' in them round-trip. Parsing
 * is exact: gorb_ref_to_string (gorb_ref_parse (s)) == s for every s the
 * formatter writes, and any other input is a GORB_REF_ERROR naming what is
 * wrong and where (column).
 *
 * On the wire (CDR), a reference is the struct
 *   { string repo_id; sequence<octet> key; octet encoding; sequence<string> endpoints; }
 * and a nil reference (NULL in C) has an empty repo_id, key and endpoint
 * list and encoding 0. A non-nil reference has a non-empty repo_id and key
 * and at least one endpoint, within the bounds below.
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include <glib-object.h>

#include "marshal/gorb-cdr.h"
#include "wire/gorb-wire.h"

G_BEGIN_DECLS

#define GORB_REF_ERROR (gorb_ref_error_quark ())

typedef enum
{
  GORB_REF_ERROR_FAILED,  /* keep first */
  GORB_REF_ERROR_SYNTAX,  /* a stringified reference that does not parse */
  GORB_REF_ERROR_INVALID, /* well-formed but wrong: no endpoint, empty key, bad encoding */
  /* append new codes below */
} GorbRefError;

GQuark gorb_ref_error_quark (void);

/* Bounds every reference satisfies (and gorb_ref_read_cdr() enforces):
 * the key is at most GORB_WIRE_MAX_KEY_SIZE bytes. */
#define GORB_REF_MAX_ENDPOINTS 16
#define GORB_REF_MAX_STRING_SIZE 1024 /* bytes of the repository id or of one endpoint */

#define GORB_OBJECT_KEY_SIZE 24 /* incarnation id (16) + object number (u64, big endian) */

typedef struct
{
  guint8 bytes[16];
} GorbIncarnationId;

void gorb_incarnation_id_generate (GorbIncarnationId *id);
void gorb_object_key_make (const GorbIncarnationId *incarnation, guint64 object_number,
                           guint8 key[GORB_OBJECT_KEY_SIZE]);
gboolean gorb_object_key_split (const guint8 *key, gsize len, GorbIncarnationId *incarnation,
                                guint64 *object_number);
guint gorb_object_key_hash (gconstpointer key);
gboolean gorb_object_key_equal (gconstpointer a, gconstpointer b);

typedef struct _GorbRef GorbRef;

#define GORB_TYPE_REF (gorb_ref_get_type ())
GType gorb_ref_get_type (void) G_GNUC_CONST;

GorbRef *gorb_ref_new (const char *repo_id, const guint8 *key, gsize key_len, GorbEncoding encoding,
                       const char *const *endpoints);
GorbRef *gorb_ref_ref (GorbRef *ref);
void gorb_ref_unref (GorbRef *ref);

const char *gorb_ref_get_repo_id (const GorbRef *ref);
const guint8 *gorb_ref_get_key (const GorbRef *ref, gsize *len);
GorbEncoding gorb_ref_get_encoding (const GorbRef *ref);
const char *const *gorb_ref_get_endpoints (const GorbRef *ref);
const char *gorb_ref_get_endpoint (const GorbRef *ref); /* the first one */

GorbRef *gorb_ref_with_endpoints (const GorbRef *ref, const char *const *endpoints);

guint gorb_ref_hash (gconstpointer ref);
gboolean gorb_ref_equal (gconstpointer a, gconstpointer b);

char *gorb_ref_to_string (const GorbRef *ref);
GorbRef *gorb_ref_parse (const char *text, GError **error);

void gorb_ref_write_cdr (GorbCdrWriter *writer, const GorbRef *ref);
gboolean gorb_ref_read_cdr (GorbCdrReader *reader, GorbRef **ref, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GorbRef, gorb_ref_unref)

G_END_DECLS
