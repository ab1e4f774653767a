/* fuzz-cdr.c - libFuzzer target for the CDR decoder.
 * Input: [type index][byte order bit][CDR bytes]. Whatever decodes must
 * re-encode and decode to an equal value. */
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  if (size < 2)
    return 0;
  const GorbTypeDesc *type = test_all_types[data[0] % fuzz_n_types ()];
  GorbByteOrder order = (data[1] & 1) ? GORB_BYTE_ORDER_LITTLE : GORB_BYTE_ORDER_BIG;
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *value = g_malloc (type->size);
  g_autofree guint8 *again = g_malloc (type->size);

  if (!gorb_cdr_decode (type, data + 2, size - 2, order, value, &error))
    {
      fuzz_require (error != NULL && error->domain == GORB_MARSHAL_ERROR, "failure without error",
                    NULL);
      return 0;
    }
  g_autoptr (GBytes) bytes = gorb_cdr_encode (type, value, order, &error);
  fuzz_require (bytes != NULL, "decoded value does not encode", error);
  gsize len;
  const guint8 *encoded = g_bytes_get_data (bytes, &len);
  fuzz_require (gorb_cdr_decode (type, encoded, len, order, again, &error),
                "re-encoded value does not decode", error);
  fuzz_require (gorb_value_equal (type, value, again), "round trip changed the value", NULL);
  gorb_value_clear (type, value);
  gorb_value_clear (type, again);
  return 0;
}
