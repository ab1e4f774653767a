/* tests/naming/test-naming-name.c - the string form of names: parse,
 * to_string, check; round trips with every escape, every error with its
 * position */
#include "gorb-test.h"

#include "gorb-naming.h"

#include <string.h>

typedef struct
{
  const char *text;
  guint n;
  const char *parts[8]; /* id, kind, id, kind, … */
} Case;

static const Case good[] = {
  { "a", 1, { "a", "" } },
  { "a/b.kind/c", 3, { "a", "", "b", "kind", "c", "" } },
  { "a\\/b", 1, { "a/b", "" } },
  { "x\\.y.z", 1, { "x.y", "z" } },
  { "id.", 1, { "id", "" } },
  { "a\\\\b", 1, { "a\\b", "" } },
  { "a.k\\.j\\/l\\\\", 1, { "a", "k.j/l\\" } },
  { "\\.\\./\\/.\\.", 2, { "..", "", "/", "." } },
  { "é/日本.語", 2, { "é", "", "日本", "語" } },
};

static void
test_parse_good (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      GorbNamingName name = { 0 };

      CU_ASSERT_TRUE_FATAL (gorb_naming_name_parse (good[i].text, &name, &error));
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_EQUAL_FATAL (name.len, good[i].n);
      for (guint j = 0; j < name.len; j++)
        {
          CU_ASSERT_STRING_EQUAL (name.data[j].id, good[i].parts[2 * j]);
          CU_ASSERT_STRING_EQUAL (name.data[j].kind, good[i].parts[2 * j + 1]);
        }
      gorb_value_clear (&gorb_naming_name_desc, &name);
    }
}

/* parse (to_string (n)) == n, and to_string (parse (s)) == s for the
 * canonical s (no trailing "." for an empty kind). */
static void
test_round_trips (void)
{
  static const char *const ids[] = { "a", "/", ".", "\\", "a.b/c\\d", "..", "x y", "é" };
  static const char *const kinds[] = { "", "k", "/", ".", "\\", "k.k/k\\" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autoptr (GError) error = NULL;
        GorbNamingNameComponent components[2]
            = { { (char *) ids[i], (char *) kinds[k] },
                { (char *) ids[G_N_ELEMENTS (ids) - 1 - i], (char *) kinds[k] } };
        GorbNamingName name = { components, 2 };
        GorbNamingName back = { 0 };
        g_autofree char *text = gorb_naming_name_to_string (&name, &error);
        g_autofree char *again = NULL;

        GORB_ASSERT_NO_ERROR (error);
        CU_ASSERT_TRUE_FATAL (gorb_naming_name_parse (text, &back, &error));
        CU_ASSERT_TRUE (gorb_value_equal (&gorb_naming_name_desc, &name, &back));
        again = gorb_naming_name_to_string (&back, &error);
        CU_ASSERT_STRING_EQUAL (again, text);
        gorb_value_clear (&gorb_naming_name_desc, &back);
      }
}

static void
test_to_string_escapes (void)
{
  g_autoptr (GError) error = NULL;
  GorbNamingNameComponent components[] = { { "a/b", "c.d" }, { "e\\f", "" } };
  GorbNamingName name = { components, 2 };
  g_autofree char *text = gorb_naming_name_to_string (&name, &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (text, "a\\/b.c\\.d/e\\\\f");
}

typedef struct
{
  const char *text;
  const char *reason; /* a substring of the reason */
} Bad;

static const Bad bad[] = {
  { "", "empty" },
  { "x.y.z", "second '.' at byte 4" },
  { ".kind", "component 1 (at byte 1) has an empty id" },
  { "a//b", "component 2 (at byte 3) has an empty id" },
  { "a/", "component 2 (at byte 3) has an empty id" },
  { "/a", "component 1 (at byte 1) has an empty id" },
  { "a\\", "at the end (byte 2)" },
  { "ab\\c", "'\\' at byte 3 escapes 'c'" },
  { "a.b.c/d", "byte 4" },
  { ".", "empty id" },
};

static void
test_parse_errors_name_the_byte (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      GorbNamingName name = { 0 };
      const GorbNamingInvalidName *members;

      CU_ASSERT_FALSE (gorb_naming_name_parse (bad[i].text, &name, &error));
      GORB_ASSERT_ERROR (error, GORB_NAMING_INVALID_NAME_ERROR, 0);
      CU_ASSERT_EQUAL (name.len, 0);
      CU_ASSERT_PTR_NULL (name.data);
      members = gorb_naming_invalid_name_error_get_members (error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (members);
      if (strstr (members->reason, bad[i].reason) == NULL)
        g_printerr ("\n  '%s': reason '%s' lacks '%s'\n", bad[i].text, members->reason,
                    bad[i].reason);
      CU_ASSERT_PTR_NOT_NULL (strstr (members->reason, bad[i].reason));
      CU_ASSERT_PTR_NOT_NULL (strstr (error->message, members->reason));
    }
}

static void
test_check_and_to_string_refuse_bad_names (void)
{
  GorbNamingNameComponent empty_id[] = { { "a", "" }, { "", "k" } };
  GorbNamingName empty = { NULL, 0 };
  GorbNamingName with_empty_id = { empty_id, 2 };
  g_autoptr (GError) error = NULL;
  char *text;

  CU_ASSERT_FALSE (gorb_naming_name_check (&empty, &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_INVALID_NAME_ERROR, 0);
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_naming_name_check (&with_empty_id, &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_INVALID_NAME_ERROR, 0);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "component 2"));
  g_clear_error (&error);
  text = gorb_naming_name_to_string (&with_empty_id, &error);
  CU_ASSERT_PTR_NULL (text);
  GORB_ASSERT_ERROR (error, GORB_NAMING_INVALID_NAME_ERROR, 0);
}

static void
test_error_quark (void)
{
  CU_ASSERT_STRING_EQUAL (g_quark_to_string (GORB_NAMING_ERROR), "gorb-naming-error-quark");
}

static CU_TestInfo tests[] = {
  { "parse: components, kinds and escapes", test_parse_good },
  { "to_string escapes '/', '.' and '\\'", test_to_string_escapes },
  { "parse and to_string round trip every escape", test_round_trips },
  { "parse errors say which byte", test_parse_errors_name_the_byte },
  { "check and to_string refuse empty names and ids", test_check_and_to_string_refuse_bad_names },
  { "the helpers' error domain", test_error_quark },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "naming/name", NULL, NULL, NULL, NULL, tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
