/* tests/tools/test-gorb-codec-errors.c - `gorb encode`/`decode` on bad
 * input: one case per class of error, each with its exit status and what
 * stderr must say (where: line and column, JSON path, offset). Hostile
 * input must fail cleanly, never crash. */
#include "test-gorb-codec.h"

#include <glib/gstdio.h>
#include <string.h>

static void
encode_fails (const char *type, const char *json, const char *substring)
{
  g_autoptr (GBytes) input = text_bytes (json);
  g_autoptr (ToolRun) run = tool_codec ("encode", TEST_TYPES_IDL, type, input, NULL);
  tool_assert_fails (run, 1, substring);
}

static void
test_bad_json_says_line_and_column (void)
{
  encode_fails ("Test::Person", "{\"name\": \"x\",\n  \"place\": }",
                "bad JSON at line 2, column 12: unexpected character");
  encode_fails ("Test::Person", "", "no value (the input is empty)");
  encode_fails ("Test::Person", "{\"name\": \"x\"} 3", "bad JSON at line 1, column 15");
}

static void
test_wrong_json_type_names_the_path (void)
{
  encode_fails ("Test::Person", "{\"name\": \"x\", \"place\": \"y\", \"year\": \"1934\"}",
                "$.year: expected an integer, got the string \"1934\"");
  encode_fails ("Test::PersonSeq",
                "[{\"name\": \"a\", \"place\": \"b\", \"year\": 1},"
                " {\"name\": 3, \"place\": \"b\", \"year\": 1}]",
                "$[1].name: expected a string, got the number 3");
  encode_fails ("Test::Basics",
                "{\"b\": 1, \"o\": 0, \"c\": \"a\", \"s\": 0, \"us\": 0, \"l\": 0, \"ul\": 0,"
                " \"ll\": 0, \"ull\": 0, \"f\": 0, \"d\": 0}",
                "$.b: expected true or false, got the number 1");
  encode_fails ("Test::Year", "1.5", "$: expected an integer, got the number 1.5");
}

static void
test_out_of_range_numbers_are_refused (void)
{
#define BASICS(o, s, ul, ull, f)                                                                   \
  "{\"b\": true, \"o\": " o ", \"c\": \"a\", \"s\": " s ", \"us\": 0, \"l\": 0, \"ul\": " ul       \
  ", \"ll\": 0, \"ull\": " ull ", \"f\": " f ", \"d\": 0}"
  const char *octet = BASICS ("256", "0", "0", "0", "0");
  const char *shrt = BASICS ("0", "-32769", "0", "0", "0");
  const char *ulong = BASICS ("0", "0", "-1", "0", "0");
  const char *ull = BASICS ("0", "0", "0", "\"18446744073709551616\"", "0");
  const char *flt = BASICS ("0", "0", "0", "0", "1e39");
#undef BASICS

  encode_fails ("Test::Basics", octet, "$.o: 256 is out of range for octet (0..255)");
  encode_fails ("Test::Basics", shrt, "$.s: -32769 is out of range for short");
  encode_fails ("Test::Basics", ulong, "$.ul: -1 is out of range for unsigned long");
  encode_fails ("Test::Basics", ull, "$.ull: 18446744073709551616 does not fit in 64 bits");
  encode_fails ("Test::Basics", flt, "$.f: 1e+39 is out of range for float");
  encode_fails ("Test::Year", "2147483648", "$: 2147483648 is out of range for long");
}

static void
test_bad_enum_label_lists_the_enumerators (void)
{
  encode_fails ("Test::Color", "\"PURPLE\"",
                "$: 'PURPLE' is not an enumerator of Test::Color (RED, GREEN, BLUE)");
}

static void
test_unknown_member_is_refused (void)
{
  encode_fails ("Test::Person", "{\"name\": \"x\", \"place\": \"y\", \"year\": 1, \"age\": 3}",
                "$: unknown member 'age' (Test::Person has name, place, year)");
  encode_fails ("Test::Shape", "{\"_d\": 1, \"label\": \"x\"}",
                "$: unknown member 'label': this discriminator selects 'radius'");
}

static void
test_missing_member_is_refused (void)
{
  encode_fails ("Test::Person", "{\"name\": \"x\", \"place\": \"y\"}",
                "$: missing member 'year' of Test::Person");
  encode_fails ("Test::Shape", "{\"radius\": 3}", "$: missing the discriminator '_d'");
}

static void
test_bad_union_discriminator_is_refused (void)
{
  encode_fails ("Test::Choice", "{\"_d\": \"BLUE\"}",
                "$: discriminator the string \"BLUE\" selects no case of Test::Choice");
}

static void
test_lengths_past_bounds_are_refused (void)
{
  encode_fails ("Test::ShortName", "\"123456789\"", "$: string of 9 bytes exceeds its bound 8");
  encode_fails ("Test::FewLongs", "[1, 2, 3, 4, 5]", "$: 5 elements exceed the sequence's bound 4");
  encode_fails ("Test::Matrix", "[[1, 2, 3]]", "$: 1 elements for an array of 2");
  encode_fails ("Test::Matrix", "[[1, 2, 3], [4, 5]]", "$[1]: 2 elements for an array of 3");
}

static void
test_bad_base64_and_chars_are_refused (void)
{
  encode_fails ("Test::OctetSeq", "\"abc\"", "$: bad base64: 3 characters, not a multiple of 4");
  encode_fails ("Test::OctetSeq", "\"ab=c\"", "$: bad base64 at character 3");
  encode_fails ("Test::OctetSeq", "[1, 300]", "$[1]: 300 is out of range for octet");
  encode_fails ("Test::Basics",
                "{\"b\": true, \"o\": 0, \"c\": \"ab\", \"s\": 0, \"us\": 0, \"l\": 0, \"ul\": 0,"
                " \"ll\": 0, \"ull\": 0, \"f\": 0, \"d\": 0}",
                "$.c: a char is one character");
  encode_fails ("Test::Basics",
                "{\"b\": true, \"o\": 0, \"c\": \"€\", \"s\": 0, \"us\": 0, \"l\": 0, \"ul\": 0,"
                " \"ll\": 0, \"ull\": 0, \"f\": 0, \"d\": 0}",
                "$.c: U+20AC is not a char");
}

static void
test_unknown_type_lists_the_types (void)
{
  g_autoptr (GBytes) input = text_bytes ("{}");
  g_autoptr (ToolRun) run = tool_codec ("encode", TEST_TYPES_IDL, "Test::Persn", input, NULL);

  tool_assert_fails (run, 1, "no type 'Test::Persn' in");
  CU_ASSERT_PTR_NOT_NULL (strstr (run->err, "did you mean 'Test::Person'?"));
  CU_ASSERT_PTR_NOT_NULL (strstr (run->err, "Test::Person, Test::PersonSeq"));
  g_autoptr (ToolRun) run2 = tool_codec ("decode", TEST_TYPES_IDL, "Test", input, NULL);
  tool_assert_fails (run2, 1, "'Test' is a module, not a data type");
}

static void
test_idl_errors_are_printed_as_gorb_idlc_prints_them (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gorb-codec-XXXXXX", NULL);
  g_autofree char *idl = g_build_filename (dir, "bad.idl", NULL);
  g_autoptr (GBytes) input = text_bytes ("{}");

  CU_ASSERT_TRUE (g_file_set_contents (idl, "module M {\n  struct S { long x };\n};\n", -1, NULL));
  g_autoptr (ToolRun) run = tool_codec ("encode", idl, "M::S", input, NULL);
  tool_assert_fails (run, 1, "bad.idl:2:");
  CU_ASSERT_PTR_NOT_NULL (strstr (run->err, ": error: "));
  g_autofree char *missing = g_build_filename (dir, "none.idl", NULL);
  g_autoptr (ToolRun) run2 = tool_codec ("encode", missing, "M::S", input, NULL);
  tool_assert_fails (run2, 1, "none.idl");
  gorb_test_remove_tree (dir);
}

static void
test_truncated_cdr_says_the_offset (void)
{
  static const guint8 person[]
      = { 0, 0, 0, 6, 'S', 'm', 'i', 't', 'h', 0, 0, 0, 0, 0, 0, 7, 'L', 'o', 'n', 'd', 'o' };
  g_autoptr (GBytes) input = g_bytes_new_static (person, sizeof person);
  g_autoptr (ToolRun) run
      = tool_codec ("decode", TEST_TYPES_IDL, "Test::Person", input, "--byte-order", "big", NULL);
  tool_assert_fails (run, 1, "at offset 12 in 'Person.place'");
}

static void
test_trailing_bytes_are_refused (void)
{
  static const guint8 year[] = { 0x8e, 0x07, 0, 0, 0xff };
  g_autoptr (GBytes) input = g_bytes_new_static (year, sizeof year);
  g_autoptr (ToolRun) run = tool_codec ("decode", TEST_TYPES_IDL, "Test::Year", input, NULL);
  tool_assert_fails (run, 1, "1 byte left over after the value at offset 4");
  g_autoptr (ToolRun) run2
      = tool_codec ("decode", TEST_TYPES_IDL, "Test::Year", input, "--encapsulation", NULL);
  tool_assert_fails (run2, 1, "at offset");
}

static void
test_bad_hex_is_refused (void)
{
  g_autoptr (GBytes) bad = text_bytes ("0000 07zz");
  g_autoptr (GBytes) odd = text_bytes ("000007c");
  g_autoptr (ToolRun) run = tool_codec ("decode", TEST_TYPES_IDL, "Test::Year", bad, "--hex", NULL);
  g_autoptr (ToolRun) run2
      = tool_codec ("decode", TEST_TYPES_IDL, "Test::Year", odd, "--hex", NULL);

  tool_assert_fails (run, 1, "bad hex digit 'z' at offset 7");
  tool_assert_fails (run2, 1, "odd number of hex digits");
}

static void
test_usage_errors_exit_2 (void)
{
  g_autoptr (GBytes) input = text_bytes ("1");
  g_autoptr (ToolRun) no_type = tool_run (input, "encode", "--idl", TEST_TYPES_IDL, NULL);
  g_autoptr (ToolRun) bad_option
      = tool_codec ("encode", TEST_TYPES_IDL, "Test::Year", input, "--frobnicate", NULL);
  g_autoptr (ToolRun) bad_format
      = tool_codec ("encode", TEST_TYPES_IDL, "Test::Year", input, "--format", "json", NULL);
  g_autoptr (ToolRun) bad_order
      = tool_codec ("encode", TEST_TYPES_IDL, "Test::Year", input, "--byte-order", "middle", NULL);
  g_autoptr (ToolRun) extra
      = tool_codec ("decode", TEST_TYPES_IDL, "Test::Year", input, "file", NULL);
  g_autoptr (ToolRun) help = tool_run (input, "decode", "--help", NULL);

  tool_assert_fails (no_type, 2, "--idl FILE and --type NAME are required");
  tool_assert_fails (bad_option, 2, "--frobnicate");
  tool_assert_fails (bad_format, 2, "--format must be cdr or xml");
  tool_assert_fails (bad_order, 2, "--byte-order must be little or big");
  tool_assert_fails (extra, 2, "unexpected argument");
  g_autofree char *help_text
      = g_strndup (g_bytes_get_data (help->out, NULL), g_bytes_get_size (help->out));
  CU_ASSERT_EQUAL (help->status, 0);
  CU_ASSERT_PTR_NOT_NULL (strstr (help_text, "little (the default)"));
}

static void
test_hostile_json_fails_cleanly (void)
{
  g_autoptr (GString) deep = g_string_new (NULL);
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  encode_fails ("Test::StringTable", deep->str, "nested deeper than 256 levels");
  encode_fails ("Test::ShortName", "\"a\xff\"", "bad JSON at line 1, column 3: invalid UTF-8");
  encode_fails ("Test::Year", "123456789012345678901234567890", "does not fit in 64 bits");
  encode_fails ("Test::DoubleSeq", "[1e400]", "is beyond the range of a double");
  encode_fails ("Test::ShortName", "\"a\\u0000b\"", "\\u0000 in a string");
  g_autoptr (GString) nested = g_string_new (NULL); /* within JSON's limit, past the codecs' */
  for (int i = 0; i < 100; i++)
    g_string_append (nested, "{\"label\": \"x\", \"children\": [");
  for (int i = 0; i < 100; i++)
    g_string_append (nested, "]}");
  encode_fails ("Test::Node", nested->str, "nested deeper than 64 members and elements");
}

/* Found by tests/fuzz/fuzz-json: json-glib's scanner reads more than JSON,
 * and some of it wrongly. A lone surrogate escape became a string that is
 * not UTF-8 (which `gorb decode` could not write back), and so did an
 * octal escape ("\370" was the byte 0xF8); 010 was octal 8,
 * and a hexadecimal literal past 64 bits wrapped (0xFF...FF was -1); a
 * number past 400 characters escaped the range check (1e999999 read as
 * Infinity). */
static void
test_what_json_does_not_have_is_refused (void)
{
  g_autoptr (GString) long_number = g_string_new ("[0.");
  for (int i = 0; i < 500; i++)
    g_string_append_c (long_number, '0');
  g_string_append (long_number, "1e999999]");

  encode_fails ("Test::StringSeq", "[\"\\udc00x\"]",
                "bad JSON at line 1, column 3: \\uDC00 is half of a surrogate pair");
  encode_fails ("Test::StringSeq", "[\"a\\ud800x\"]", "\\uD800 is half of a surrogate pair");
  encode_fails ("Test::StringSeq", "[\"\\ud800\"]", "\\uD800 is half of a surrogate pair");
  encode_fails ("Test::StringSeq", "[\"\\ud800\\u0041\"]", "\\uD800 is half of a surrogate");
  encode_fails ("Test::ShortName", "\"\\370\"", "bad JSON at line 1, column 2: bad escape");
  encode_fails ("Test::ShortName", "\"\\x41\"", "bad escape");
  encode_fails ("Test::ShortName", "\"\\u41\"", "bad escape");
  encode_fails ("Test::LongSeq", "[0xFFFFFFFFFFFFFFFFFFFF]",
                "bad JSON at line 1, column 2: not a JSON number");
  encode_fails ("Test::Year", "010", "not a JSON number");
  encode_fails ("Test::Year", "-0b1", "not a JSON number");
  encode_fails ("Test::Year", "$10", "unexpected character '$'");
  encode_fails ("Test::DoubleSeq", "[.5]", "unexpected character '.'");
  encode_fails ("Test::DoubleSeq", "[1.]", "a digit must follow '.'");
  encode_fails ("Test::DoubleSeq", "[1e+]", "a digit must follow the exponent");
  encode_fails ("Test::DoubleSeq", "[-]", "a digit must follow '-'");
  encode_fails ("Test::DoubleSeq", long_number->str, "is beyond the range of a double");
  encode_fails ("Test::DoubleSeq", "[1 /* two */]", "unexpected character '/'");
  encode_fails ("Test::DoubleSeq", "[1] # one", "unexpected character '#'");
  encode_fails ("Test::Flag", "{\"_d\": TRUE, \"yes\": \"y\"}",
                "unexpected 'TRUE' (not true, false or null)");
  encode_fails ("Test::StringSeq", "['a']", "unexpected character '''");

  /* what is JSON still reads: a surrogate pair, numbers in every form */
  g_autoptr (GBytes) pair = text_bytes ("[\"\\ud83d\\ude00\", \"\\u00e9\"]");
  g_autoptr (ToolRun) run = tool_codec ("encode", TEST_TYPES_IDL, "Test::StringSeq", pair, NULL);
  CU_ASSERT_EQUAL (run->status, 0);
  g_autoptr (GBytes) numbers = text_bytes ("[0, -0, 0.5, -1.5e3, 1E+2, 2e-1, 10]");
  g_autoptr (ToolRun) run2
      = tool_codec ("encode", TEST_TYPES_IDL, "Test::DoubleSeq", numbers, NULL);
  CU_ASSERT_EQUAL (run2->status, 0);
}

static void
test_hostile_cdr_fails_cleanly (void)
{
  static const guint8 huge_count[] = { 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0 };
  static const guint8 latin1[] = { 3, 0, 0, 0, 'a', 0xe9, 0 };
  g_autoptr (GBytes) count = g_bytes_new_static (huge_count, sizeof huge_count);
  g_autoptr (GBytes) not_utf8 = g_bytes_new_static (latin1, sizeof latin1);
  g_autoptr (ToolRun) run = tool_codec ("decode", TEST_TYPES_IDL, "Test::StringTable", count, NULL);
  g_autoptr (ToolRun) run2
      = tool_codec ("decode", TEST_TYPES_IDL, "Test::ShortName", not_utf8, NULL);

  tool_assert_fails (run, 1, "4294967295");
  tool_assert_fails (run2, 1, "$: string is not UTF-8");
}

CU_TestInfo tool_error_tests[] = {
  { "bad JSON says line and column", test_bad_json_says_line_and_column },
  { "what JSON does not have is refused", test_what_json_does_not_have_is_refused },
  { "wrong JSON type names the path", test_wrong_json_type_names_the_path },
  { "out-of-range numbers are refused", test_out_of_range_numbers_are_refused },
  { "bad enum label lists the enumerators", test_bad_enum_label_lists_the_enumerators },
  { "unknown member is refused", test_unknown_member_is_refused },
  { "missing member is refused", test_missing_member_is_refused },
  { "bad union discriminator is refused", test_bad_union_discriminator_is_refused },
  { "lengths past bounds are refused", test_lengths_past_bounds_are_refused },
  { "bad base64 and chars are refused", test_bad_base64_and_chars_are_refused },
  { "unknown type lists the types", test_unknown_type_lists_the_types },
  { "IDL errors are printed as gorb-idlc prints them",
    test_idl_errors_are_printed_as_gorb_idlc_prints_them },
  { "truncated CDR says the offset", test_truncated_cdr_says_the_offset },
  { "trailing bytes are refused", test_trailing_bytes_are_refused },
  { "bad hex is refused", test_bad_hex_is_refused },
  { "usage errors exit 2", test_usage_errors_exit_2 },
  { "hostile JSON fails cleanly", test_hostile_json_fails_cleanly },
  { "hostile CDR fails cleanly", test_hostile_cdr_fails_cleanly },
  CU_TEST_INFO_NULL,
};
