/* fuzz-json.c - libFuzzer target for `gorb encode`'s JSON reader.
 * Input: [type index][JSON text]. Whatever reads must write back with
 * gorb_json_write_value(), read again to an equal value, and write again to
 * the same text; a failure must come with a GORB_JSON_ERROR and leave the
 * value cleared.
 *
 * Equality: gorb_value_equal() compares floats by value and NaNs by bits
 * (the reader makes every "NaN" the same NaN, so that is enough), but object
 * references by identity, and each read makes new objects: for a type that
 * holds a reference (Test::RefHolder) the check is the text comparison only,
 * which also catches what value equality forgives (-0.0 read back as 0). */
#include "fuzz-common.h"
#include "gorb-json.h"

#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static gboolean
all_zero (const guint8 *p, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (p[i] != 0)
      return FALSE;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  if (size < 1)
    return 0;
  const GorbTypeDesc *type = test_all_types[data[0] % fuzz_n_types ()];
  gboolean by_identity = type == &test_ref_holder_desc;
  g_autoptr (GError) error = NULL;
  guint8 *value = gorb_value_new0 (type);
  guint8 *again = gorb_value_new0 (type);

  if (!gorb_json_read_value (type, (const char *) data + 1, size - 1, value, &error))
    {
      fuzz_require (error != NULL && error->domain == GORB_JSON_ERROR, "failure without error",
                    NULL);
      fuzz_require (all_zero (value, type->size), "failure left a value", error);
      gorb_value_free (type, value);
      gorb_value_free (type, again);
      return 0;
    }
  g_autofree char *text = gorb_json_write_value (type, value, &error);
  fuzz_require (text != NULL, "read value does not write", error);
  fuzz_require (gorb_json_read_value (type, text, strlen (text), again, &error),
                "written value does not read", error);
  fuzz_require (by_identity || gorb_value_equal (type, value, again),
                "round trip changed the value", NULL);
  g_autofree char *text2 = gorb_json_write_value (type, again, &error);
  fuzz_require (text2 != NULL, "value read back does not write", error);
  if (strcmp (text, text2) != 0)
    {
      g_printerr ("fuzz: first write:\n%s\nsecond write:\n%s\n", text, text2);
      fuzz_require (FALSE, "round trip changed the text", NULL);
    }
  gorb_value_free (type, value);
  gorb_value_free (type, again);
  return 0;
}
