/* gorb-ref.c - object references: construction, identity, the CDR form,
 * object keys and incarnation ids (the stringified form: gorb-ref-string.c)
 *
 * Invariants of a GorbRef: immutable once built; one allocation holding the
 * struct, the endpoint vector, the key and the strings; a non-empty
 * repository id and each endpoint at most GORB_REF_MAX_STRING_SIZE bytes, a
 * key of 1 to GORB_WIRE_MAX_KEY_SIZE bytes, 1 to GORB_REF_MAX_ENDPOINTS
 * non-empty endpoints. So every reference can be written in both forms and
 * read back. The nil reference is NULL in C.
 */
#include "gorb-ref.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<sys/random.h>)
#include <sys/random.h>
#define GORB_HAVE_GETRANDOM 1
#endif
#endif

/* clang-format would space the dashes, and so the quark's name */
/* clang-format off */
G_DEFINE_QUARK (gorb-ref-error-quark, gorb_ref_error)
/* clang-format on */

struct _GorbRef
{
  gatomicrefcount ref_count;
  GorbEncoding encoding;
  guint hash; /* of the key */
  guint n_endpoints;
  gsize key_len;
  const guint8 *key;      /* in the block */
  const char *repo_id;    /* in the block */
  const char **endpoints; /* in the block; NULL-terminated */
};

G_DEFINE_BOXED_TYPE (GorbRef, gorb_ref, gorb_ref_ref, gorb_ref_unref)

/* FNV-1a: keys are mostly random bytes, any mixing does */
static guint
hash_key (const guint8 *key, gsize len)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    h = (h ^ key[i]) * 16777619u;
  return h;
}

/* Builds a reference in one block; the caller has checked every bound. */
static GorbRef *
ref_new (const char *repo_id, const guint8 *key, gsize key_len, GorbEncoding encoding,
         const char *const *endpoints, guint n_endpoints)
{
  gsize repo_size = strlen (repo_id) + 1;
  gsize size = sizeof (GorbRef) + (n_endpoints + 1) * sizeof (char *) + key_len + repo_size;
  GorbRef *ref;
  char *p;

  for (guint i = 0; i < n_endpoints; i++)
    size += strlen (endpoints[i]) + 1;
  ref = g_malloc (size);
  g_atomic_ref_count_init (&ref->ref_count);
  ref->encoding = encoding;
  ref->hash = hash_key (key, key_len);
  ref->n_endpoints = n_endpoints;
  ref->key_len = key_len;
  ref->endpoints = (const char **) (ref + 1);
  p = (char *) (ref->endpoints + n_endpoints + 1);
  ref->key = memcpy (p, key, key_len);
  p += key_len;
  ref->repo_id = memcpy (p, repo_id, repo_size);
  p += repo_size;
  for (guint i = 0; i < n_endpoints; i++)
    {
      gsize n = strlen (endpoints[i]) + 1;
      ref->endpoints[i] = memcpy (p, endpoints[i], n);
      p += n;
    }
  ref->endpoints[n_endpoints] = NULL;
  return ref;
}

static gboolean
endpoints_are_valid (const char *const *endpoints, guint *n)
{
  guint i;

  if (endpoints == NULL)
    return FALSE;
  for (i = 0; endpoints[i] != NULL; i++)
    if (i >= GORB_REF_MAX_ENDPOINTS || endpoints[i][0] == '\0'
        || strlen (endpoints[i]) > GORB_REF_MAX_STRING_SIZE)
      return FALSE;
  *n = i;
  return i > 0;
}

/**
 * gorb_ref_error_quark:
 *
 * Returns: the #GQuark of the %GORB_REF_ERROR domain
 */

/**
 * gorb_ref_new:
 * @repo_id: the repository id with version ("IDL:Demo/PersonList:1.0"), not
 *   empty, at most %GORB_REF_MAX_STRING_SIZE bytes
 * @key: (array length=key_len): the object key
 * @key_len: its size, 1 to %GORB_WIRE_MAX_KEY_SIZE
 * @encoding: the encoding the object's server prefers
 * @endpoints: (array zero-terminated=1): 1 to %GORB_REF_MAX_ENDPOINTS
 *   non-empty endpoints, the live one first, each at most
 *   %GORB_REF_MAX_STRING_SIZE bytes
 *
 * Creates a reference; everything is copied. Arguments out of these bounds
 * are a programming error (a critical, and %NULL).
 *
 * Returns: (transfer full): the reference
 */
GorbRef *
gorb_ref_new (const char *repo_id, const guint8 *key, gsize key_len, GorbEncoding encoding,
              const char *const *endpoints)
{
  guint n = 0;

  g_return_val_if_fail (repo_id != NULL && repo_id[0] != '\0', NULL);
  g_return_val_if_fail (strlen (repo_id) <= GORB_REF_MAX_STRING_SIZE, NULL);
  g_return_val_if_fail (key != NULL && key_len > 0 && key_len <= GORB_WIRE_MAX_KEY_SIZE, NULL);
  g_return_val_if_fail (encoding == GORB_ENCODING_CDR || encoding == GORB_ENCODING_XML, NULL);
  g_return_val_if_fail (endpoints_are_valid (endpoints, &n), NULL);

  return ref_new (repo_id, key, key_len, encoding, endpoints, n);
}

/**
 * gorb_ref_ref:
 * @ref: a reference
 *
 * Returns: (transfer full): @ref, with one more reference (thread-safe)
 */
GorbRef *
gorb_ref_ref (GorbRef *ref)
{
  g_return_val_if_fail (ref != NULL, NULL);

  g_atomic_ref_count_inc (&ref->ref_count);
  return ref;
}

/**
 * gorb_ref_unref:
 * @ref: (transfer full): a reference
 *
 * Drops one reference to @ref and frees it with the last (thread-safe).
 */
void
gorb_ref_unref (GorbRef *ref)
{
  g_return_if_fail (ref != NULL);

  if (g_atomic_ref_count_dec (&ref->ref_count))
    g_free (ref);
}

/**
 * gorb_ref_get_repo_id:
 * @ref: a reference
 *
 * Returns: (transfer none): the repository id, never empty
 */
const char *
gorb_ref_get_repo_id (const GorbRef *ref)
{
  g_return_val_if_fail (ref != NULL, NULL);

  return ref->repo_id;
}

/**
 * gorb_ref_get_key:
 * @ref: a reference
 * @len: (out) (optional): the size of the key
 *
 * Returns: (transfer none) (array length=len): the object key
 */
const guint8 *
gorb_ref_get_key (const GorbRef *ref, gsize *len)
{
  g_return_val_if_fail (ref != NULL, NULL);

  if (len != NULL)
    *len = ref->key_len;
  return ref->key;
}

/**
 * gorb_ref_get_encoding:
 * @ref: a reference
 *
 * Returns: the encoding the object's server prefers
 */
GorbEncoding
gorb_ref_get_encoding (const GorbRef *ref)
{
  g_return_val_if_fail (ref != NULL, GORB_ENCODING_CDR);

  return ref->encoding;
}

/**
 * gorb_ref_get_endpoints:
 * @ref: a reference
 *
 * Returns: (transfer none) (array zero-terminated=1): the endpoints, the
 *   live one first; at least one
 */
const char *const *
gorb_ref_get_endpoints (const GorbRef *ref)
{
  g_return_val_if_fail (ref != NULL, NULL);

  return ref->endpoints;
}

/**
 * gorb_ref_get_endpoint:
 * @ref: a reference
 *
 * Returns: (transfer none): the first endpoint, where the object lives
 */
const char *
gorb_ref_get_endpoint (const GorbRef *ref)
{
  g_return_val_if_fail (ref != NULL, NULL);

  return ref->endpoints[0];
}

/**
 * gorb_ref_with_endpoints:
 * @ref: a reference
 * @endpoints: (array zero-terminated=1): the new endpoints, under the same
 *   bounds as for gorb_ref_new()
 *
 * The same object reached elsewhere, as after a location forward.
 *
 * Returns: (transfer full): a new reference with @ref's repository id, key
 *   and encoding and @endpoints
 */
GorbRef *
gorb_ref_with_endpoints (const GorbRef *ref, const char *const *endpoints)
{
  guint n = 0;

  g_return_val_if_fail (ref != NULL, NULL);
  g_return_val_if_fail (endpoints_are_valid (endpoints, &n), NULL);

  return ref_new (ref->repo_id, ref->key, ref->key_len, ref->encoding, endpoints, n);
}

/**
 * gorb_ref_hash:
 * @ref: (nullable): a #GorbRef
 *
 * A #GHashFunc over the object key only, consistent with gorb_ref_equal().
 *
 * Returns: the hash (0 for the nil reference)
 */
guint
gorb_ref_hash (gconstpointer ref)
{
  return ref != NULL ? ((const GorbRef *) ref)->hash : 0;
}

/**
 * gorb_ref_equal:
 * @a: (nullable): a #GorbRef
 * @b: (nullable): a #GorbRef
 *
 * A #GEqualFunc: two references name the same object if their keys are
 * equal, whatever their endpoints (a key is unique in space and time). Two
 * nil references are equal.
 *
 * Returns: whether @a and @b name the same object
 */
gboolean
gorb_ref_equal (gconstpointer a, gconstpointer b)
{
  const GorbRef *x = a;
  const GorbRef *y = b;

  if (x == y)
    return TRUE;
  if (x == NULL || y == NULL)
    return FALSE;
  return x->hash == y->hash && x->key_len == y->key_len && memcmp (x->key, y->key, x->key_len) == 0;
}

/* The CDR form */

/**
 * gorb_ref_write_cdr:
 * @writer: a writer
 * @ref: (nullable): a reference, %NULL for nil
 *
 * Writes @ref as the struct `{ string repo_id; sequence<octet> key; octet
 * encoding; sequence<string> endpoints; }`; nil is `{ "", {}, 0, {} }`.
 */
void
gorb_ref_write_cdr (GorbCdrWriter *writer, const GorbRef *ref)
{
  g_return_if_fail (writer != NULL);

  if (ref == NULL)
    {
      gorb_cdr_write_string_len (writer, "", 0);
      gorb_cdr_write_octets (writer, NULL, 0);
      gorb_cdr_write_octet (writer, GORB_ENCODING_CDR);
      gorb_cdr_write_ulong (writer, 0);
      return;
    }
  gorb_cdr_write_string (writer, ref->repo_id);
  gorb_cdr_write_octets (writer, ref->key, (guint32) ref->key_len);
  gorb_cdr_write_octet (writer, (guint8) ref->encoding);
  gorb_cdr_write_ulong (writer, ref->n_endpoints);
  for (guint i = 0; i < ref->n_endpoints; i++)
    gorb_cdr_write_string (writer, ref->endpoints[i]);
}

static gboolean cdr_fail (const GorbCdrReader *reader, gsize pos, GError **error,
                          GorbMarshalError code, const char *format, ...) G_GNUC_PRINTF (5, 6);

static gboolean
cdr_fail (const GorbCdrReader *reader, gsize pos, GError **error, GorbMarshalError code,
          const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GORB_MARSHAL_ERROR, code, "%s at offset %" G_GSIZE_FORMAT, message,
               reader->base_offset + pos);
  return FALSE;
}

/**
 * gorb_ref_read_cdr:
 * @reader: a reader
 * @ref: (out) (transfer full) (nullable): the reference, %NULL for nil; set
 *   only on success
 * @error: return location for a #GError
 *
 * Reads a reference written by gorb_ref_write_cdr(). Lengths are checked
 * before anything is allocated.
 *
 * Errors, in %GORB_MARSHAL_ERROR with the offset: %GORB_MARSHAL_ERROR_TRUNCATED
 * if the input ends first; %GORB_MARSHAL_ERROR_BAD_LENGTH for a key longer
 * than %GORB_WIRE_MAX_KEY_SIZE, more than %GORB_REF_MAX_ENDPOINTS endpoints,
 * a string longer than %GORB_REF_MAX_STRING_SIZE or than what is left;
 * %GORB_MARSHAL_ERROR_BAD_STRING for a string that breaks the CDR rules;
 * %GORB_MARSHAL_ERROR_BAD_VALUE for an unknown encoding, an empty endpoint,
 * or a reference that is neither nil nor complete (empty repository id or
 * key, no endpoint).
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_ref_read_cdr (GorbCdrReader *reader, GorbRef **ref, GError **error)
{
  g_autofree char *repo_id = NULL;
  char *endpoints[GORB_REF_MAX_ENDPOINTS + 1] = { NULL };
  const guint8 *key = NULL;
  guint32 key_len = 0;
  guint32 n_endpoints = 0;
  guint8 encoding = 0;
  gboolean ok = FALSE;
  gsize start;

  g_return_val_if_fail (reader != NULL && ref != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  start = reader->pos;
  if (!gorb_cdr_read_string (reader, GORB_REF_MAX_STRING_SIZE, &repo_id, error)
      || !gorb_cdr_read_ulong (reader, &key_len, error))
    return FALSE;
  if (key_len > GORB_WIRE_MAX_KEY_SIZE)
    return cdr_fail (reader, reader->pos - 4, error, GORB_MARSHAL_ERROR_BAD_LENGTH,
                     "object key of %u bytes exceeds the limit of %d", key_len,
                     GORB_WIRE_MAX_KEY_SIZE);
  if (!gorb_cdr_read_raw (reader, key_len, &key, error)
      || !gorb_cdr_read_octet (reader, &encoding, error))
    return FALSE;
  if (encoding > GORB_ENCODING_XML)
    return cdr_fail (reader, reader->pos - 1, error, GORB_MARSHAL_ERROR_BAD_VALUE,
                     "unknown encoding %u in an object reference", encoding);
  if (!gorb_cdr_read_ulong (reader, &n_endpoints, error))
    return FALSE;
  if (n_endpoints > GORB_REF_MAX_ENDPOINTS)
    return cdr_fail (reader, reader->pos - 4, error, GORB_MARSHAL_ERROR_BAD_LENGTH,
                     "object reference with %u endpoints exceeds the limit of %d", n_endpoints,
                     GORB_REF_MAX_ENDPOINTS);
  for (guint32 i = 0; i < n_endpoints; i++)
    {
      gsize at = reader->pos;
      if (!gorb_cdr_read_string (reader, GORB_REF_MAX_STRING_SIZE, &endpoints[i], error))
        goto out;
      if (endpoints[i][0] == '\0')
        {
          cdr_fail (reader, at, error, GORB_MARSHAL_ERROR_BAD_VALUE, "empty endpoint");
          goto out;
        }
    }

  if (repo_id[0] == '\0' && key_len == 0 && n_endpoints == 0)
    *ref = NULL;
  else if (repo_id[0] == '\0' || key_len == 0 || n_endpoints == 0)
    {
      cdr_fail (reader, start, error, GORB_MARSHAL_ERROR_BAD_VALUE,
                "object reference with %s is neither nil nor complete",
                repo_id[0] == '\0' ? "an empty repository id"
                : key_len == 0     ? "an empty object key"
                                   : "no endpoint");
      goto out;
    }
  else
    *ref = ref_new (repo_id, key, key_len, (GorbEncoding) encoding, (const char *const *) endpoints,
                    n_endpoints);
  ok = TRUE;
out:
  for (guint i = 0; i < n_endpoints; i++)
    g_free (endpoints[i]);
  return ok;
}

/* Keys and incarnation ids */

/* The fallback when the kernel gives no randomness: a GRand (Mersenne
 * Twister, not cryptographic) seeded once from the clocks and the pid, then
 * drawn from under a lock, so ids still differ within a process and, very
 * likely, between processes. Only uniqueness matters for keys. */
static void
fallback_random (guint8 *buf, gsize len)
{
  static GRand *generator;
  G_LOCK_DEFINE_STATIC (generator);

  G_LOCK (generator);
  if (generator == NULL)
    {
      gint64 now = g_get_real_time ();
      gint64 mono = g_get_monotonic_time ();
      guint32 seed[6]
          = { (guint32) now,          (guint32) (now >> 32), (guint32) mono,
              (guint32) (mono >> 32), (guint32) getpid (),   (guint32) GPOINTER_TO_UINT (&seed) };
      generator = g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));
    }
  for (gsize i = 0; i < len; i++)
    buf[i] = (guint8) g_rand_int (generator);
  G_UNLOCK (generator);
}

/**
 * gorb_incarnation_id_generate:
 * @id: (out caller-allocates): the new id
 *
 * Fills @id with 128 random bits: from the kernel (getrandom(2), the
 * /dev/urandom source) when it can, else from a #GRand seeded from the
 * time and the process id. A server draws one per incarnation, so the keys
 * of its objects are never those of another server or an earlier run.
 */
void
gorb_incarnation_id_generate (GorbIncarnationId *id)
{
  gsize got = 0;

  g_return_if_fail (id != NULL);

#ifdef GORB_HAVE_GETRANDOM
  while (got < sizeof id->bytes)
    {
      ssize_t n = getrandom (id->bytes + got, sizeof id->bytes - got, 0);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += (gsize) n;
    }
#endif
  if (got < sizeof id->bytes)
    fallback_random (id->bytes + got, sizeof id->bytes - got);
}

/**
 * gorb_object_key_make:
 * @incarnation: the exporting server's incarnation id
 * @object_number: a number the server never uses twice in an incarnation
 * @key: (out caller-allocates) (array fixed-size=24): the key: the 16 bytes
 *   of @incarnation, then @object_number in big endian
 */
void
gorb_object_key_make (const GorbIncarnationId *incarnation, guint64 object_number,
                      guint8 key[GORB_OBJECT_KEY_SIZE])
{
  guint64 be = GUINT64_TO_BE (object_number);

  g_return_if_fail (incarnation != NULL && key != NULL);

  memcpy (key, incarnation->bytes, 16);
  memcpy (key + 16, &be, 8);
}

/**
 * gorb_object_key_split:
 * @key: (array length=len): an object key
 * @len: its size
 * @incarnation: (out caller-allocates) (optional): the incarnation id
 * @object_number: (out) (optional): the object number
 *
 * Splits a key made by gorb_object_key_make(). Outputs are set only on
 * success.
 *
 * Returns: %TRUE if @key has the size of such a key
 *   (%GORB_OBJECT_KEY_SIZE), %FALSE if it was made some other way
 */
gboolean
gorb_object_key_split (const guint8 *key, gsize len, GorbIncarnationId *incarnation,
                       guint64 *object_number)
{
  guint64 be;

  g_return_val_if_fail (key != NULL || len == 0, FALSE);

  if (len != GORB_OBJECT_KEY_SIZE)
    return FALSE;
  if (incarnation != NULL)
    memcpy (incarnation->bytes, key, 16);
  memcpy (&be, key + 16, 8);
  if (object_number != NULL)
    *object_number = GUINT64_FROM_BE (be);
  return TRUE;
}

/**
 * gorb_object_key_hash:
 * @key: (array fixed-size=24): a %GORB_OBJECT_KEY_SIZE-byte object key
 *
 * A #GHashFunc for tables keyed by object keys (with
 * gorb_object_key_equal()): FNV-1a of the object number, the part that
 * differs between the keys of one server.
 */
guint
gorb_object_key_hash (gconstpointer key)
{
  const guint8 *k = key;
  guint32 h = 2166136261u;

  for (gsize i = GORB_OBJECT_KEY_SIZE - 8; i < GORB_OBJECT_KEY_SIZE; i++)
    h = (h ^ k[i]) * 16777619u;
  return h;
}

/**
 * gorb_object_key_equal:
 * @a: (array fixed-size=24): an object key
 * @b: (array fixed-size=24): another
 *
 * A #GEqualFunc for %GORB_OBJECT_KEY_SIZE-byte object keys.
 */
gboolean
gorb_object_key_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, GORB_OBJECT_KEY_SIZE) == 0;
}
