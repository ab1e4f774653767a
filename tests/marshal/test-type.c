/* tests/marshal/test-type.c - descriptors and value ownership: validate, copy, equal, clear */
#include "gorb-test.h"
#include "gorb-test-types.h"

#include <string.h>

static void
test_every_test_descriptor_is_valid (void)
{
  for (guint i = 0; test_all_types[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = gorb_type_desc_validate (test_all_types[i], &error);
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_TRUE (ok);
    }
}

static void
test_inconsistent_descriptors_are_refused (void)
{
  static const GorbMemberDesc outside[] = {
    { "x", &gorb_type_double, 4, 0, FALSE },
  };
  static const GorbTypeDesc bad_struct = {
    .kind = GORB_TK_STRUCT,
    .size = 8,
    .align = 8,
    .name = "Bad",
    .n_members = 1,
    .members = outside,
  };
  static const GorbMemberDesc twice[] = {
    { "a", &gorb_type_long, 8, 1, FALSE },
    { "b", &gorb_type_long, 8, 1, FALSE },
  };
  static const GorbTypeDesc bad_union = {
    .kind = GORB_TK_UNION,
    .size = 16,
    .align = 8,
    .name = "Bad2",
    .content = &gorb_type_long,
    .n_members = 2,
    .members = twice,
  };
  static const GorbTypeDesc bad_union_disc = {
    .kind = GORB_TK_UNION,
    .size = 16,
    .align = 8,
    .name = "Bad3",
    .content = &gorb_type_double,
    .n_members = 1,
    .members = twice,
  };
  const GorbTypeDesc *bad[] = { &bad_struct, &bad_union, &bad_union_disc };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      CU_ASSERT_FALSE (gorb_type_desc_validate (bad[i], &error));
      GORB_ASSERT_ERROR (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR);
      CU_ASSERT_PTR_NOT_NULL (strstr (error->message, bad[i]->name));
    }
}

static void
test_copy_is_deep_and_equal (void)
{
  TestEverything a, b;

  test_everything_fill (&a);
  gorb_value_copy (&test_everything_desc, &a, &b);
  CU_ASSERT_TRUE (gorb_value_equal (&test_everything_desc, &a, &b));
  CU_ASSERT_PTR_NOT_EQUAL (a.short_name, b.short_name);
  CU_ASSERT_PTR_NOT_EQUAL (a.blob.data, b.blob.data);
  CU_ASSERT_PTR_NOT_EQUAL (a.table.data[0].data[0], b.table.data[0].data[0]);
  CU_ASSERT_PTR_NOT_EQUAL (a.outline._u.label, b.outline._u.label);

  b.couple[1].year++;
  CU_ASSERT_FALSE (gorb_value_equal (&test_everything_desc, &a, &b));
  b.couple[1].year--;
  g_free (b.table.data[0].data[1]);
  b.table.data[0].data[1] = g_strdup ("x");
  CU_ASSERT_FALSE (gorb_value_equal (&test_everything_desc, &a, &b));

  gorb_value_clear (&test_everything_desc, &a);
  gorb_value_clear (&test_everything_desc, &b);
  CU_ASSERT_PTR_NULL (a.short_name);
  CU_ASSERT_PTR_NULL (a.blob.data);
  CU_ASSERT_EQUAL (a.blob.len, 0);
}

static void
test_clear_of_zeroed_value_is_safe (void)
{
  TestEverything *v = gorb_value_new0 (&test_everything_desc);

  gorb_value_clear (&test_everything_desc, v);
  gorb_value_free (&test_everything_desc, v);
  gorb_value_free (&test_everything_desc, NULL);
}

static void
test_union_selects_label_then_default (void)
{
  CU_ASSERT_STRING_EQUAL (gorb_union_find_case (&test_shape_desc, 1)->name, "radius");
  CU_ASSERT_STRING_EQUAL (gorb_union_find_case (&test_shape_desc, 3)->name, "label");
  CU_ASSERT_STRING_EQUAL (gorb_union_find_case (&test_shape_desc, 42)->name, "other");
  CU_ASSERT_PTR_NULL (gorb_union_find_case (&test_choice_desc, TEST_COLOR_BLUE));

  TestChoice c = { 0 };
  gint64 d = -1;
  gorb_union_set_discriminator (&test_choice_desc, &c, TEST_COLOR_GREEN);
  CU_ASSERT_EQUAL (c._d, TEST_COLOR_GREEN);
  CU_ASSERT_TRUE (gorb_union_get_discriminator (&test_choice_desc, &c, &d));
  CU_ASSERT_EQUAL (d, TEST_COLOR_GREEN);
}

static void
test_union_copy_and_clear_follow_the_discriminator (void)
{
  TestChoice a = { ._d = TEST_COLOR_RED }, b;

  a._u.who.name = g_strdup ("Smith");
  a._u.who.place = g_strdup ("London");
  a._u.who.year = 1934;
  gorb_value_copy (&test_choice_desc, &a, &b);
  CU_ASSERT_STRING_EQUAL (b._u.who.place, "London");
  CU_ASSERT_TRUE (gorb_value_equal (&test_choice_desc, &a, &b));
  b._d = TEST_COLOR_BLUE; /* no case: equal compares discriminators only */
  CU_ASSERT_FALSE (gorb_value_equal (&test_choice_desc, &a, &b));
  b._d = TEST_COLOR_RED;
  gorb_value_clear (&test_choice_desc, &a);
  gorb_value_clear (&test_choice_desc, &b);
  CU_ASSERT_PTR_NULL (b._u.who.name);
}

static void
test_cdr_min_sizes (void)
{
  CU_ASSERT_EQUAL (gorb_type_desc_get_cdr_min_size (&test_person_desc), 14);
  CU_ASSERT_EQUAL (gorb_type_desc_get_cdr_min_size (&test_person_seq_desc), 4);
  CU_ASSERT_EQUAL (gorb_type_desc_get_cdr_min_size (&test_matrix_desc), 24);
  CU_ASSERT_EQUAL (gorb_type_desc_get_cdr_min_size (&test_node_desc), 9);
  CU_ASSERT_EQUAL (gorb_type_desc_get_cdr_min_size (&gorb_type_octet), 1);
}

static void
test_names (void)
{
  CU_ASSERT_STRING_EQUAL (gorb_type_desc_get_short_name (&test_person_desc), "Person");
  CU_ASSERT_STRING_EQUAL (gorb_type_desc_get_short_name (&test_matrix_row_desc), "value");
  CU_ASSERT_PTR_EQUAL (gorb_type_desc_resolve (&test_year_desc), &gorb_type_long);
  CU_ASSERT_STRING_EQUAL (gorb_type_kind_to_string (GORB_TK_ULONGLONG), "unsigned long long");
  CU_ASSERT_TRUE (gorb_type_desc_is_primitive (&test_year_desc));
  CU_ASSERT_FALSE (gorb_type_desc_is_primitive (&gorb_type_boolean));
}

static CU_TestInfo type_tests[] = {
  { "every test descriptor is valid", test_every_test_descriptor_is_valid },
  { "inconsistent descriptors are refused", test_inconsistent_descriptors_are_refused },
  { "copy is deep and equal", test_copy_is_deep_and_equal },
  { "clear of a zeroed value is safe", test_clear_of_zeroed_value_is_safe },
  { "union selects label, then default", test_union_selects_label_then_default },
  { "union copy and clear follow the discriminator",
    test_union_copy_and_clear_follow_the_discriminator },
  { "CDR minimum sizes", test_cdr_min_sizes },
  { "names", test_names },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "marshal/type", NULL, NULL, NULL, NULL, type_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
