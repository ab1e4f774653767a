/* tests/tools/test-gorb-codec.c - `gorb encode` and `gorb decode` run as
 * real processes: JSON to the bytes the compiled descriptors write, CDR to
 * JSON and back for every type of gorb-test-types.idl and tools-types.idl,
 * XML, hex, encapsulations, object references and numbers at their edges.
 * The error cases are in test-gorb-codec-errors.c. */
#include "test-gorb-codec.h"

#include "gorb-test-types.h"
#include "tools-test-util.h"
#include "tools-types.h"

#include <math.h>
#include <string.h>

ToolRun *
tool_run (GBytes *input, const char *arg, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  ToolRun *run = g_new0 (ToolRun, 1);
  va_list args;

  g_ptr_array_add (argv, (gpointer) GORB_TOOL);
  va_start (args, arg);
  for (const char *a = arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  run->status
      = gorb_test_spawn_sync ((const char *const *) argv->pdata, input, &run->out, &run->err);
  return run;
}

void
tool_run_free (ToolRun *run)
{
  if (run == NULL)
    return;
  g_bytes_unref (run->out);
  g_free (run->err);
  g_free (run);
}

ToolRun *
tool_codec (const char *command, const char *idl, const char *type, GBytes *input, ...)
{
  const char *extra[8] = { NULL };
  va_list args;
  guint n = 0;

  va_start (args, input);
  for (const char *a = va_arg (args, const char *); a != NULL && n < G_N_ELEMENTS (extra) - 1;
       a = va_arg (args, const char *))
    extra[n++] = a;
  va_end (args);
  return tool_run (input, command, "--idl", idl, "--type", type, extra[0], extra[1], extra[2],
                   extra[3], extra[4], extra[5], extra[6], NULL);
}

GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

void
tool_assert_fails (ToolRun *run, int status, const char *substring)
{
  if (run->status != status || strstr (run->err, substring) == NULL)
    g_printerr ("\n  exit %d (expected %d), stderr: %s  (expected to say '%s')", run->status,
                status, run->err, substring);
  CU_ASSERT_EQUAL (run->status, status);
  CU_ASSERT_PTR_NOT_NULL (strstr (run->err, substring));
  CU_ASSERT_EQUAL (g_bytes_get_size (run->out), 0);
}

/* Asserts success (nothing on stderr) and returns stdout. */
static GBytes *
succeeded (ToolRun *run)
{
  if (run->status != 0 || run->err[0] != '\0')
    g_printerr ("\n  exit %d, stderr: %s", run->status, run->err);
  CU_ASSERT_EQUAL (run->status, 0);
  CU_ASSERT_STRING_EQUAL (run->err, "");
  return run->out;
}

static char *
out_text (ToolRun *run)
{
  GBytes *out = succeeded (run);
  return g_bytes_get_size (out) > 0
             ? g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out))
             : g_strdup ("");
}

/* test_everything_fill() as JSON, with the octet sequence as base64 or numbers */
static const char everything_json[]
    = "{\"short_name\": \"gorb\", \"blob\": \"AAH+/38=\", \"few\": [-1, 0, 2147483647],\n"
      " \"grid\": [[0, 1, 2], [10, 11, 12]],\n"
      " \"couple\": [{\"name\": \"Smith\", \"place\": \"London\", \"year\": 1934},\n"
      "            {\"name\": \"Jones\", \"place\": \"Paris\", \"year\": 1960}],\n"
      " \"hue\": \"BLUE\", \"outline\": {\"_d\": 2, \"label\": \"square\"}, \"born\": 1999,\n"
      " \"table\": [[\"a\", \"\"], []],\n"
      " \"primitives\": {\"b\": true, \"o\": 171, \"c\": \"z\", \"s\": -2, \"us\": 65535,\n"
      "   \"l\": -100000, \"ul\": 4000000000, \"ll\": \"-9223372036854775808\",\n"
      "   \"ull\": \"18446744073709551615\", \"f\": 1.5, \"d\": -0.1}}\n";

/* What gorb decode writes for it. */
static const char everything_decoded[] = "{\n"
                                         "  \"short_name\": \"gorb\",\n"
                                         "  \"blob\": \"AAH+/38=\",\n"
                                         "  \"few\": [-1, 0, 2147483647],\n"
                                         "  \"grid\": [\n"
                                         "    [0, 1, 2],\n"
                                         "    [10, 11, 12]\n"
                                         "  ],\n"
                                         "  \"couple\": [\n"
                                         "    {\n"
                                         "      \"name\": \"Smith\",\n"
                                         "      \"place\": \"London\",\n"
                                         "      \"year\": 1934\n"
                                         "    },\n"
                                         "    {\n"
                                         "      \"name\": \"Jones\",\n"
                                         "      \"place\": \"Paris\",\n"
                                         "      \"year\": 1960\n"
                                         "    }\n"
                                         "  ],\n"
                                         "  \"hue\": \"BLUE\",\n"
                                         "  \"outline\": {\n"
                                         "    \"_d\": 2,\n"
                                         "    \"label\": \"square\"\n"
                                         "  },\n"
                                         "  \"born\": 1999,\n"
                                         "  \"table\": [\n"
                                         "    [\"a\", \"\"],\n"
                                         "    []\n"
                                         "  ],\n"
                                         "  \"primitives\": {\n"
                                         "    \"b\": true,\n"
                                         "    \"o\": 171,\n"
                                         "    \"c\": \"z\",\n"
                                         "    \"s\": -2,\n"
                                         "    \"us\": 65535,\n"
                                         "    \"l\": -100000,\n"
                                         "    \"ul\": 4000000000,\n"
                                         "    \"ll\": \"-9223372036854775808\",\n"
                                         "    \"ull\": \"18446744073709551615\",\n"
                                         "    \"f\": 1.5,\n"
                                         "    \"d\": -0.1\n"
                                         "  }\n"
                                         "}\n";

static GBytes *
compiled_cdr (const GorbTypeDesc *type, gconstpointer value, GorbByteOrder order)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes = gorb_cdr_encode (type, value, order, &error);
  GORB_ASSERT_NO_ERROR (error);
  return bytes;
}

static void
test_json_encodes_to_the_compiled_bytes (void)
{
  g_autofree char *numbers_json = NULL;
  TestEverything value;
  g_autoptr (GBytes) input = text_bytes (everything_json);
  char *blob_at = strstr (everything_json, "\"AAH+/38=\"");

  test_everything_fill (&value);
  numbers_json = g_strdup_printf ("%.*s[0, 1, 254, 255, 127]%s", (int) (blob_at - everything_json),
                                  everything_json, blob_at + strlen ("\"AAH+/38=\""));
  g_autoptr (GBytes) numbers_input = text_bytes (numbers_json);
  for (int order = GORB_BYTE_ORDER_BIG; order <= GORB_BYTE_ORDER_LITTLE; order++)
    {
      const char *name = order == GORB_BYTE_ORDER_BIG ? "big" : "little";
      g_autoptr (GBytes) expected = compiled_cdr (&test_everything_desc, &value, order);
      g_autoptr (ToolRun) run = tool_codec ("encode", TEST_TYPES_IDL, "Test::Everything", input,
                                            "--byte-order", name, NULL);
      CU_ASSERT_TRUE (g_bytes_equal (succeeded (run), expected));
      g_autoptr (ToolRun) run2 = tool_codec ("encode", TEST_TYPES_IDL, "::Test::Everything",
                                             numbers_input, "--byte-order", name, NULL);
      CU_ASSERT_TRUE (g_bytes_equal (succeeded (run2), expected));
      g_autoptr (ToolRun) back = tool_codec ("decode", TEST_TYPES_IDL, "Test::Everything", expected,
                                             "--byte-order", name, NULL);
      g_autofree char *json = out_text (back);
      CU_ASSERT_STRING_EQUAL (json, everything_decoded);
    }
  gorb_value_clear (&test_everything_desc, &value);
}

static void
test_little_endian_is_the_default (void)
{
  TestEverything value;
  g_autoptr (GBytes) input = text_bytes (everything_json);
  g_autoptr (ToolRun) run = tool_codec ("encode", TEST_TYPES_IDL, "Test::Everything", input, NULL);

  test_everything_fill (&value);
  g_autoptr (GBytes) expected
      = compiled_cdr (&test_everything_desc, &value, GORB_BYTE_ORDER_LITTLE);
  CU_ASSERT_TRUE (g_bytes_equal (succeeded (run), expected));
  gorb_value_clear (&test_everything_desc, &value);
}

/* CDR from the compiled descriptor -> gorb decode -> JSON -> gorb encode:
 * the same bytes. */
static void
round_trip (const char *idl, const GorbTypeDesc *type, guint seed)
{
  GorbByteOrder order = seed % 2 ? GORB_BYTE_ORDER_LITTLE : GORB_BYTE_ORDER_BIG;
  const char *name = order == GORB_BYTE_ORDER_BIG ? "big" : "little";
  gpointer value = gorb_value_new0 (type);

  tools_test_fill (type, value, seed);
  g_autoptr (GBytes) cdr = compiled_cdr (type, value, order);
  gorb_value_free (type, value);
  g_autoptr (ToolRun) decoded
      = tool_codec ("decode", idl, type->name, cdr, "--byte-order", name, NULL);
  g_autoptr (ToolRun) encoded
      = tool_codec ("encode", idl, type->name, succeeded (decoded), "--byte-order", name, NULL);
  if (!g_bytes_equal (succeeded (encoded), cdr))
    g_printerr ("\n  %s (seed %u) does not round-trip through:\n%.*s", type->name, seed,
                (int) g_bytes_get_size (decoded->out),
                (const char *) g_bytes_get_data (decoded->out, NULL));
  CU_ASSERT_TRUE (g_bytes_equal (encoded->out, cdr));
}

static void
test_cdr_json_cdr_round_trips_every_test_type (void)
{
  for (guint i = 0; test_all_types[i] != NULL; i++)
    if (test_all_types[i] != &test_ref_holder_desc) /* not in the IDL */
      for (guint seed = 0; seed < 2; seed++)
        round_trip (TEST_TYPES_IDL, test_all_types[i], seed);
}

static void
test_cdr_json_cdr_round_trips_every_tools_type (void)
{
  static const GorbTypeDesc *const types[] = {
    &tools_outer_desc,   &tools_by_kind_desc,       &tools_by_char_desc,  &tools_by_short_desc,
    &tools_by_huge_desc, &tools_inner_seq_desc,     &tools_tree_desc,     &tools_expr_desc,
    &tools_oops_desc,    &tools_holder_desc,        &tools_keywords_desc, &tools_blob_desc,
    &tools_numbers_desc, &tools_service_entry_desc,
  };
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    for (guint seed = 0; seed < 3; seed++)
      round_trip (TOOLS_TYPES_IDL, types[i], seed);
}

static void
test_xml_matches_the_runtime_and_round_trips (void)
{
  g_autoptr (GError) error = NULL;
  TestEverything value;
  g_autoptr (GBytes) input = text_bytes (everything_json);

  test_everything_fill (&value);
  g_autoptr (GBytes) expected = gorb_xml_encode (&test_everything_desc, &value, NULL, &error);
  GORB_ASSERT_NO_ERROR (error);
  g_autoptr (ToolRun) run
      = tool_codec ("encode", TEST_TYPES_IDL, "Test::Everything", input, "--format", "xml", NULL);
  CU_ASSERT_TRUE (g_bytes_equal (succeeded (run), expected));
  g_autoptr (ToolRun) back = tool_codec ("decode", TEST_TYPES_IDL, "Test::Everything", expected,
                                         "--format", "xml", NULL);
  g_autofree char *json = out_text (back);
  CU_ASSERT_STRING_EQUAL (json, everything_decoded);
  gorb_value_clear (&test_everything_desc, &value);
}

static void
test_hex_is_written_and_read (void)
{
  g_autoptr (GBytes) input
      = text_bytes ("{\"name\": \"Smith\", \"place\": \"London\", \"year\": 1934}");
  g_autoptr (ToolRun) run = tool_codec ("encode", TEST_TYPES_IDL, "Test::Person", input,
                                        "--byte-order", "big", "--hex", NULL);
  g_autofree char *hex = out_text (run);
  CU_ASSERT_STRING_EQUAL (hex, "00000006536d697468000000000000074c6f6e646f6e00000000078e\n");

  g_autoptr (GBytes) spaced = text_bytes ("00000006 536d69746800 0000\n\t00000007 "
                                          "4c6f6e646f6e00 00  0000078E\n");
  g_autoptr (ToolRun) back = tool_codec ("decode", TEST_TYPES_IDL, "Test::Person", spaced,
                                         "--byte-order", "big", "--hex", NULL);
  g_autofree char *json = out_text (back);
  CU_ASSERT_STRING_EQUAL (json, "{\n  \"name\": \"Smith\",\n  \"place\": \"London\",\n"
                                "  \"year\": 1934\n}\n");
}

static void
test_long_output_is_hex_by_lines_of_32_bytes (void)
{
  g_autoptr (GBytes) input = text_bytes ("\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g\"");
  g_autoptr (ToolRun) run = tool_codec ("encode", TEST_TYPES_IDL, "Test::OctetSeq", input,
                                        "--byte-order", "big", "--hex", NULL);
  g_autofree char *hex = out_text (run);
  CU_ASSERT_STRING_EQUAL (hex, "00000021000102030405060708090a0b0c0d0e0f101112131415161718191a1b\n"
                               "1c1d1e1f20\n");
}

static void
test_encapsulation_starts_with_its_byte_order (void)
{
  g_autoptr (GError) error = NULL;
  TestEverything value;
  g_autoptr (GBytes) input = text_bytes (everything_json);
  GorbCdrWriter writer;

  test_everything_fill (&value);
  gorb_cdr_writer_init_encapsulation (&writer, GORB_BYTE_ORDER_BIG);
  CU_ASSERT_TRUE (gorb_cdr_write_value (&writer, &test_everything_desc, &value, &error));
  g_autoptr (GBytes) expected = gorb_cdr_writer_steal_bytes (&writer);
  g_autoptr (ToolRun) run = tool_codec ("encode", TEST_TYPES_IDL, "Test::Everything", input,
                                        "--encapsulation", "--byte-order", "big", NULL);
  CU_ASSERT_TRUE (g_bytes_equal (succeeded (run), expected));
  CU_ASSERT_EQUAL (((const guint8 *) g_bytes_get_data (run->out, NULL))[0], 0);
  /* decode takes the order from the data, whatever --byte-order says */
  g_autoptr (ToolRun) back = tool_codec ("decode", TEST_TYPES_IDL, "Test::Everything", expected,
                                         "--encapsulation", NULL);
  g_autofree char *json = out_text (back);
  CU_ASSERT_STRING_EQUAL (json, everything_decoded);
  gorb_value_clear (&test_everything_desc, &value);
}

static void
test_object_references_round_trip (void)
{
  const guint8 key[] = { 0x00, 0xff, 0x10 };
  const char *endpoints[] = { "tcp://127.0.0.1:5555", NULL };
  g_autoptr (GorbRef) ref
      = gorb_ref_new ("IDL:Tools/Service:1.0", key, sizeof key, GORB_ENCODING_CDR, endpoints);
  g_autofree char *text = gorb_ref_to_string (ref);
  g_autofree char *json = g_strdup_printf ("{\n  \"ref\": \"%s\",\n  \"tag\": 7\n}\n", text);
  const char *nil_json = "{\n  \"ref\": null,\n  \"tag\": 8\n}\n";
  const char *formats[] = { "cdr", "xml" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    for (guint j = 0; j < 2; j++)
      {
        g_autoptr (GBytes) input = text_bytes (j == 0 ? json : nil_json);
        g_autoptr (ToolRun) run = tool_codec ("encode", TOOLS_TYPES_IDL, "Tools::Holder", input,
                                              "--format", formats[i], NULL);
        g_autoptr (ToolRun) back = tool_codec ("decode", TOOLS_TYPES_IDL, "Tools::Holder",
                                               succeeded (run), "--format", formats[i], NULL);
        g_autofree char *out = out_text (back);
        CU_ASSERT_STRING_EQUAL (out, j == 0 ? json : nil_json);
      }
}

static void
test_numbers_at_their_edges (void)
{
  const char *json = "{\n"
                     "  \"f\": 3.40282347e+38,\n"
                     "  \"d\": 4.9406564584124654e-324,\n"
                     "  \"ll\": 9007199254740992,\n"
                     "  \"ull\": \"9007199254740993\",\n"
                     "  \"fs\": [\"NaN\", \"Infinity\", \"-Infinity\", -0.0, 0.1, 1e+20],\n"
                     "  \"us\": 0,\n"
                     "  \"ch\": \"é\"\n"
                     "}\n";
  g_autoptr (GBytes) input = text_bytes (json);
  g_autoptr (ToolRun) run = tool_codec ("encode", TOOLS_TYPES_IDL, "Tools::Numbers", input, NULL);
  g_autoptr (ToolRun) back
      = tool_codec ("decode", TOOLS_TYPES_IDL, "Tools::Numbers", succeeded (run), NULL);
  g_autofree char *out = out_text (back);
  CU_ASSERT_STRING_EQUAL (out,
                          "{\n"
                          "  \"f\": 3.4028235e+38,\n"
                          "  \"d\": 5e-324,\n"
                          "  \"ll\": 9007199254740992,\n"
                          "  \"ull\": \"9007199254740993\",\n"
                          "  \"fs\": [\"NaN\", \"Infinity\", \"-Infinity\", -0.0, 0.1, 1e+20],\n"
                          "  \"us\": 0,\n"
                          "  \"ch\": \"é\"\n"
                          "}\n");
  /* a 64-bit value as a number or as a string: the same bytes */
  g_autoptr (GBytes) input2 = text_bytes (
      "{\"f\": 0, \"d\": 0, \"ll\": \"-12\", \"ull\": 12, \"fs\": [], \"us\": 1, \"ch\": \"\"}");
  g_autoptr (GBytes) input3 = text_bytes (
      "{\"f\": 0, \"d\": 0, \"ll\": -12, \"ull\": \"12\", \"fs\": [], \"us\": 1e0, \"ch\": \"\"}");
  g_autoptr (ToolRun) r2 = tool_codec ("encode", TOOLS_TYPES_IDL, "Tools::Numbers", input2, NULL);
  g_autoptr (ToolRun) r3 = tool_codec ("encode", TOOLS_TYPES_IDL, "Tools::Numbers", input3, NULL);
  CU_ASSERT_TRUE (g_bytes_equal (succeeded (r2), succeeded (r3)));
}

static CU_TestInfo tests[] = {
  { "JSON encodes to the compiled bytes", test_json_encodes_to_the_compiled_bytes },
  { "little endian is the default", test_little_endian_is_the_default },
  { "CDR -> JSON -> CDR round-trips every test type",
    test_cdr_json_cdr_round_trips_every_test_type },
  { "CDR -> JSON -> CDR round-trips every tools type",
    test_cdr_json_cdr_round_trips_every_tools_type },
  { "XML matches the runtime and round-trips", test_xml_matches_the_runtime_and_round_trips },
  { "hex is written and read", test_hex_is_written_and_read },
  { "long output is hex by lines of 32 bytes", test_long_output_is_hex_by_lines_of_32_bytes },
  { "encapsulation starts with its byte order", test_encapsulation_starts_with_its_byte_order },
  { "object references round-trip", test_object_references_round_trip },
  { "numbers at their edges", test_numbers_at_their_edges },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "tools/gorb-codec", NULL, NULL, NULL, NULL, tests },
  { "tools/gorb-codec-errors", NULL, NULL, NULL, NULL, tool_error_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
