/* fuzz-xml.c - libFuzzer target for the XML parser and decoder.
 * Input: [type index][XML document]. Whatever decodes must re-encode and
 * decode to an equal value. */
#include "fuzz-common.h"

static void
quiet_log (const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  if (size < 1)
    return 0;
  g_log_set_default_handler (quiet_log, NULL);
  const GorbTypeDesc *type = test_all_types[data[0] % fuzz_n_types ()];
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *value = g_malloc (type->size);
  g_autofree guint8 *again = g_malloc (type->size);

  if (!gorb_xml_decode (type, (const char *) data + 1, size - 1, NULL, value, &error))
    {
      fuzz_require (error != NULL && error->domain == GORB_MARSHAL_ERROR, "failure without error",
                    NULL);
      return 0;
    }
  g_autoptr (GBytes) doc = gorb_xml_encode (type, value, NULL, &error);
  fuzz_require (doc != NULL, "decoded value does not encode", error);
  gsize len;
  const char *text = g_bytes_get_data (doc, &len);
  fuzz_require (gorb_xml_decode (type, text, len, NULL, again, &error),
                "re-encoded value does not decode", error);
  fuzz_require (gorb_value_equal (type, value, again), "round trip changed the value", NULL);
  gorb_value_clear (type, value);
  gorb_value_clear (type, again);
  return 0;
}
