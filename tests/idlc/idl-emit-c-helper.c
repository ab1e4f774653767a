/* idl-emit-c-helper.c - runs the descriptors gorb-idlc generated for
 * tests/common/gorb-test-types.idl, for test-idl-emit-c.c (which links the
 * hand-written ones under the same names, hence a separate program):
 *   idl-emit-c-helper describe NAME   the descriptor as text (describe_type)
 *   idl-emit-c-helper validate        gorb_type_desc_validate on every one
 *   idl-emit-c-helper recode NAME HEX decodes little-endian CDR, encodes it
 *                                     again, prints the hex */
#include "gorb-test-types.h"
#include "idl-emit-c-describe.h"

#include <string.h>

static const GorbTypeDesc *const generated[] = {
  &test_person_desc,       &test_person_seq_desc, &test_octet_seq_desc, &test_long_seq_desc,
  &test_double_seq_desc,   &test_string_seq_desc, &test_color_desc,     &test_basics_desc,
  &test_shape_desc,        &test_choice_desc,     &test_flag_desc,      &test_year_desc,
  &test_short_name_desc,   &test_few_longs_desc,  &test_matrix_desc,    &test_pair_desc,
  &test_string_table_desc, &test_everything_desc, &test_node_desc,      &test_node_seq_desc,
};

static const GorbTypeDesc *
find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (generated); i++)
    if (strcmp (generated[i]->name, name) == 0)
      return generated[i];
  return NULL;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  if (argc == 2 && strcmp (argv[1], "validate") == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (generated); i++)
        if (!gorb_type_desc_validate (generated[i], &error))
          {
            g_printerr ("%s: %s\n", generated[i]->name, error->message);
            return 1;
          }
      return 0;
    }
  const GorbTypeDesc *type = argc >= 3 ? find (argv[2]) : NULL;
  if (type == NULL)
    return 2;
  if (argc == 3 && strcmp (argv[1], "describe") == 0)
    {
      g_autoptr (GString) out = g_string_new (NULL);
      describe_type (type, out, 0);
      puts (out->str);
      return 0;
    }
  if (argc != 4 || strcmp (argv[1], "recode") != 0)
    return 2;
  gsize len = strlen (argv[3]) / 2;
  g_autofree guint8 *data = g_malloc (len + 1);
  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) (g_ascii_xdigit_value (argv[3][2 * i]) * 16
                        + g_ascii_xdigit_value (argv[3][2 * i + 1]));
  g_autofree gpointer value = g_malloc0 (type->size);
  if (!gorb_cdr_decode (type, data, len, GORB_BYTE_ORDER_LITTLE, value, &error))
    {
      g_printerr ("decode: %s\n", error->message);
      return 1;
    }
  g_autoptr (GBytes) bytes = gorb_cdr_encode (type, value, GORB_BYTE_ORDER_LITTLE, &error);
  gorb_value_clear (type, value);
  if (bytes == NULL)
    {
      g_printerr ("encode: %s\n", error->message);
      return 1;
    }
  gsize n;
  const guint8 *p = g_bytes_get_data (bytes, &n);
  for (gsize i = 0; i < n; i++)
    printf ("%02x", p[i]);
  putchar ('\n');
  return 0;
}
