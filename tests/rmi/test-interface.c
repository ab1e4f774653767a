/* tests/rmi/test-interface.c - interface descriptors: operation look-up through
 * inheritance, is_a, and the consistency checks on operations */
#include "gorb-test.h"
#include "gorb-test-types.h"

#include <string.h>

/* interface Named { readonly attribute string name; };
 * interface Counted { long count (); string describe (); };
 * interface Registry : Named, Counted { void add (in Person p); string describe (); };
 * interface Deep : Registry {}; */
static const GorbParamDesc add_params[] = {
  { "p", &test_person_desc, GORB_PARAM_IN },
};
static const GorbOperationDesc named_ops[] = {
  { .name = "_get_name", .result = &gorb_type_string },
};
static const GorbOperationDesc counted_ops[] = {
  { .name = "count", .result = &gorb_type_long },
  { .name = "describe", .result = &gorb_type_string },
};
static const GorbOperationDesc registry_ops[] = {
  { .name = "add", .n_params = 1, .params = add_params },
  { .name = "describe", .result = &gorb_type_string },
};
static const GorbInterfaceDesc named_iface = {
  .repo_id = "IDL:Test/Named:1.0",
  .name = "Test::Named",
  .n_operations = G_N_ELEMENTS (named_ops),
  .operations = named_ops,
};
static const GorbInterfaceDesc counted_iface = {
  .repo_id = "IDL:Test/Counted:1.0",
  .name = "Test::Counted",
  .n_operations = G_N_ELEMENTS (counted_ops),
  .operations = counted_ops,
};
static const GorbInterfaceDesc *const registry_parents[] = { &named_iface, &counted_iface };
static const GorbInterfaceDesc registry_iface = {
  .repo_id = "IDL:Test/Registry:1.0",
  .name = "Test::Registry",
  .n_parents = G_N_ELEMENTS (registry_parents),
  .parents = registry_parents,
  .n_operations = G_N_ELEMENTS (registry_ops),
  .operations = registry_ops,
};
static const GorbInterfaceDesc *const deep_parents[] = { &registry_iface };
static const GorbInterfaceDesc deep_iface = {
  .repo_id = "IDL:Test/Deep:1.0",
  .name = "Test::Deep",
  .n_parents = 1,
  .parents = deep_parents,
};

static void
test_find_own_operations (void)
{
  CU_ASSERT_PTR_EQUAL (gorb_interface_find_operation (&registry_iface, "add"), &registry_ops[0]);
  CU_ASSERT_PTR_EQUAL (gorb_interface_find_operation (&counted_iface, "count"), &counted_ops[0]);
}

static void
test_find_inherited_operations (void)
{
  CU_ASSERT_PTR_EQUAL (gorb_interface_find_operation (&registry_iface, "_get_name"), &named_ops[0]);
  CU_ASSERT_PTR_EQUAL (gorb_interface_find_operation (&registry_iface, "count"), &counted_ops[0]);
  /* two levels up, through the second parent */
  CU_ASSERT_PTR_EQUAL (gorb_interface_find_operation (&deep_iface, "count"), &counted_ops[0]);
  CU_ASSERT_PTR_EQUAL (gorb_interface_find_operation (&deep_iface, "_get_name"), &named_ops[0]);
}

static void
test_own_operations_come_before_inherited_ones (void)
{
  CU_ASSERT_PTR_EQUAL (gorb_interface_find_operation (&registry_iface, "describe"),
                       &registry_ops[1]);
  CU_ASSERT_PTR_EQUAL (gorb_interface_find_operation (&deep_iface, "describe"), &registry_ops[1]);
  CU_ASSERT_PTR_EQUAL (gorb_interface_find_operation (&counted_iface, "describe"), &counted_ops[1]);
}

static void
test_unknown_operations_are_null (void)
{
  CU_ASSERT_PTR_NULL (gorb_interface_find_operation (&deep_iface, "remove"));
  CU_ASSERT_PTR_NULL (gorb_interface_find_operation (&named_iface, "count")); /* a sibling's */
  CU_ASSERT_PTR_NULL (gorb_interface_find_operation (&deep_iface, ""));
  CU_ASSERT_PTR_NULL (gorb_interface_find_operation (&deep_iface, "Count")); /* case counts */
}

static void
test_is_a_follows_ancestors (void)
{
  CU_ASSERT_TRUE (gorb_interface_is_a (&deep_iface, "IDL:Test/Deep:1.0"));
  CU_ASSERT_TRUE (gorb_interface_is_a (&deep_iface, "IDL:Test/Registry:1.0"));
  CU_ASSERT_TRUE (gorb_interface_is_a (&deep_iface, "IDL:Test/Named:1.0"));
  CU_ASSERT_TRUE (gorb_interface_is_a (&deep_iface, "IDL:Test/Counted:1.0"));
  CU_ASSERT_TRUE (gorb_interface_is_a (&registry_iface, "IDL:Test/Counted:1.0"));
  CU_ASSERT_FALSE (gorb_interface_is_a (&registry_iface, "IDL:Test/Deep:1.0")); /* descendant */
  CU_ASSERT_FALSE (gorb_interface_is_a (&named_iface, "IDL:Test/Counted:1.0")); /* sibling */
  CU_ASSERT_FALSE (gorb_interface_is_a (&deep_iface, "IDL:Test/Named:2.0"));    /* version */
  CU_ASSERT_FALSE (gorb_interface_is_a (&deep_iface, ""));
}

/* Validation */

typedef struct
{
  char *what;
} TestProblemPrivate;

static const GorbMemberDesc problem_members_desc[] = {
  GORB_MEMBER (TestProblemPrivate, what, &gorb_type_string),
};
static const GorbTypeDesc problem_desc = {
  .kind = GORB_TK_STRUCT,
  .size = sizeof (TestProblemPrivate),
  .align = _Alignof(TestProblemPrivate),
  .name = "Test::Problem",
  .repo_id = "IDL:Test/Problem:1.0",
  .n_members = 1,
  .members = problem_members_desc,
};

static void
test_problem_private_init (TestProblemPrivate *priv)
{
  /* GLib zeroes it: a cleared value */
}

static void
test_problem_private_copy (const TestProblemPrivate *src, TestProblemPrivate *dest)
{
  gorb_value_copy (&problem_desc, src, dest);
}

static void
test_problem_private_clear (TestProblemPrivate *priv)
{
  gorb_value_clear (&problem_desc, priv);
}

GQuark test_problem_quark (void);

GORB_TEST_DEFINE_EXTENDED_ERROR (TestProblem, test_problem)

static gpointer
problem_members (const GError *error)
{
  return test_problem_get_private (error);
}

static const GorbExceptionDesc problem_exc = {
  "IDL:Test/Problem:1.0",
  &problem_desc,
  test_problem_quark,
  problem_members,
};
static const GorbExceptionDesc problem_again_exc = {
  /* another repository id for the same domain */
  "IDL:Test/ProblemAgain:1.0",
  &problem_desc,
  test_problem_quark,
  problem_members,
};
static const GorbExceptionDesc empty_exc = {
  "IDL:Test/Empty:1.0",
  NULL,
  g_file_error_quark,
  NULL,
};
static const GorbExceptionDesc half_exc = {
  /* members but no accessor */
  "IDL:Test/Half:1.0",
  &problem_desc,
  g_file_error_quark,
  NULL,
};
static const GorbExceptionDesc not_struct_exc = {
  "IDL:Test/NotStruct:1.0",
  &gorb_type_long,
  g_file_error_quark,
  problem_members,
};
static const GorbTypeDesc broken_desc = {
  .kind = GORB_TK_STRUCT,
  .size = 8,
  .align = 8,
  .name = "Test::Broken",
}; /* no members */

static void
assert_invalid (const GorbOperationDesc *op, const char *expected_message)
{
  g_autoptr (GError) error = NULL;

  CU_ASSERT_FALSE (gorb_operation_desc_validate (op, &error));
  GORB_ASSERT_ERROR (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR);
  if (strcmp (error->message, expected_message) != 0)
    g_printerr ("\n  message: %s\n  expected: %s\n", error->message, expected_message);
  CU_ASSERT_STRING_EQUAL (error->message, expected_message);
}

static void
assert_valid (const GorbOperationDesc *op)
{
  g_autoptr (GError) error = NULL;

  CU_ASSERT_TRUE (gorb_operation_desc_validate (op, &error));
  GORB_ASSERT_NO_ERROR (error);
}

static void
test_valid_operations (void)
{
  static const GorbParamDesc params[] = {
    { "a", &test_person_desc, GORB_PARAM_INOUT },
    { "k", &gorb_type_long, GORB_PARAM_IN },
    { "all", &test_person_seq_desc, GORB_PARAM_OUT },
  };
  static const GorbExceptionDesc *const raises[] = { &problem_exc, &empty_exc };
  const GorbOperationDesc full = { "swap", 3, params, &test_shape_desc, 2, raises, FALSE };
  const GorbOperationDesc oneway = { "log", 1, &params[1], NULL, 0, NULL, TRUE };

  for (guint i = 0; i < G_N_ELEMENTS (registry_ops); i++)
    assert_valid (&registry_ops[i]);
  assert_valid (&named_ops[0]);
  assert_valid (&full);
  assert_valid (&oneway);
}

static void
test_oneway_operations_only_send (void)
{
  static const GorbParamDesc out_param[] = { { "x", &gorb_type_long, GORB_PARAM_OUT } };
  static const GorbParamDesc inout_param[] = { { "x", &gorb_type_long, GORB_PARAM_INOUT } };
  static const GorbExceptionDesc *const raises[] = { &problem_exc };
  const GorbOperationDesc with_out = { "log", 1, out_param, NULL, 0, NULL, TRUE };
  const GorbOperationDesc with_inout = { "log", 1, inout_param, NULL, 0, NULL, TRUE };
  const GorbOperationDesc with_result = { "log", 0, NULL, &gorb_type_long, 0, NULL, TRUE };
  const GorbOperationDesc with_raises = { "log", 0, NULL, NULL, 1, raises, TRUE };

  assert_invalid (&with_out,
                  "operation 'log': a oneway operation has only in parameters, but 'x' is out");
  assert_invalid (&with_inout,
                  "operation 'log': a oneway operation has only in parameters, but 'x' is inout");
  assert_invalid (&with_result, "operation 'log': a oneway operation has no result");
  assert_invalid (&with_raises, "operation 'log': a oneway operation raises no exception");
}

static void
test_parameter_names_are_unique_and_present (void)
{
  static const GorbParamDesc twice[] = {
    { "p", &test_person_desc, GORB_PARAM_IN },
    { "q", &gorb_type_long, GORB_PARAM_IN },
    { "p", &gorb_type_long, GORB_PARAM_OUT },
  };
  static const GorbParamDesc unnamed[] = {
    { "p", &test_person_desc, GORB_PARAM_IN },
    { NULL, &gorb_type_long, GORB_PARAM_IN },
  };
  static const GorbParamDesc empty_name[] = { { "", &gorb_type_long, GORB_PARAM_IN } };
  static const GorbParamDesc bad_name[] = { { "a b", &gorb_type_long, GORB_PARAM_IN } };
  static const GorbParamDesc underscore[] = { { "_d", &gorb_type_long, GORB_PARAM_IN } };
  const GorbOperationDesc op_twice = { "addPerson", 3, twice };
  const GorbOperationDesc op_unnamed = { "addPerson", 2, unnamed };
  const GorbOperationDesc op_empty = { "addPerson", 1, empty_name };
  const GorbOperationDesc op_no_table = { "addPerson", 2, NULL };
  const GorbOperationDesc op_bad_name = { "addPerson", 1, bad_name };
  const GorbOperationDesc op_underscore = { "addPerson", 1, underscore };

  assert_invalid (&op_twice, "operation 'addPerson': parameter 'p' appears twice");
  assert_invalid (&op_unnamed, "operation 'addPerson': parameter 1 has no name");
  assert_invalid (&op_empty, "operation 'addPerson': parameter 0 has no name");
  assert_invalid (&op_no_table, "operation 'addPerson': 2 parameters but no parameter table");
  assert_invalid (&op_bad_name, "operation 'addPerson': parameter name 'a b' is not an IDL "
                                "identifier");
  assert_invalid (&op_underscore, "operation 'addPerson': parameter name '_d' is not an IDL "
                                  "identifier");
}

static void
test_types_must_be_present_and_valid (void)
{
  static const GorbParamDesc untyped[] = { { "p", NULL, GORB_PARAM_IN } };
  static const GorbParamDesc broken[] = { { "p", &broken_desc, GORB_PARAM_IN } };
  static const GorbParamDesc bad_direction[] = { { "p", &gorb_type_long, (GorbParamDirection) 7 } };
  const GorbOperationDesc op_untyped = { "addPerson", 1, untyped };
  const GorbOperationDesc op_broken = { "addPerson", 1, broken };
  const GorbOperationDesc op_broken_result = { "number", 0, NULL, &broken_desc };
  const GorbOperationDesc op_direction = { "addPerson", 1, bad_direction };
  const GorbOperationDesc op_unnamed = { NULL };

  assert_invalid (&op_untyped, "operation 'addPerson': parameter 'p' has no type");
  assert_invalid (&op_broken, "operation 'addPerson': parameter 'p': descriptor 'Test::Broken': "
                              "a struct needs members");
  assert_invalid (
      &op_broken_result,
      "operation 'number': the result: descriptor 'Test::Broken': a struct needs members");
  assert_invalid (&op_direction, "operation 'addPerson': parameter 'p' has unknown direction 7");
  assert_invalid (&op_unnamed, "operation '(unnamed)': an operation needs a name");
}

static void
test_exceptions_must_be_complete (void)
{
  static const GorbExceptionDesc no_id = { NULL, NULL, g_file_error_quark, NULL };
  static const GorbExceptionDesc no_domain = { "IDL:Test/X:1.0", NULL, NULL, NULL };
  static const GorbExceptionDesc *const r_null[] = { NULL };
  static const GorbExceptionDesc *const r_no_id[] = { &no_id };
  static const GorbExceptionDesc *const r_no_domain[] = { &no_domain };
  static const GorbExceptionDesc *const r_half[] = { &half_exc };
  static const GorbExceptionDesc *const r_not_struct[] = { &not_struct_exc };
  static const GorbExceptionDesc *const r_twice[] = { &problem_exc, &empty_exc, &problem_exc };
  static const GorbExceptionDesc *const r_same_domain[] = { &problem_exc, &problem_again_exc };
  const GorbOperationDesc ops[] = {
    { "get", 0, NULL, NULL, 1, r_null },        { "get", 0, NULL, NULL, 1, r_no_id },
    { "get", 0, NULL, NULL, 1, r_no_domain },   { "get", 0, NULL, NULL, 1, r_half },
    { "get", 0, NULL, NULL, 1, r_not_struct },  { "get", 0, NULL, NULL, 3, r_twice },
    { "get", 0, NULL, NULL, 2, r_same_domain }, { "get", 0, NULL, NULL, 2, NULL },
  };

  assert_invalid (&ops[0], "operation 'get': exception 0 has no repository id or domain");
  assert_invalid (&ops[1], "operation 'get': exception 0 has no repository id or domain");
  assert_invalid (&ops[2], "operation 'get': exception 0 has no repository id or domain");
  assert_invalid (&ops[3], "operation 'get': exception 'IDL:Test/Half:1.0' needs both a members "
                           "type and get_members, or neither");
  assert_invalid (&ops[4], "operation 'get': exception 'IDL:Test/NotStruct:1.0': its members "
                           "type is a long, not a struct");
  assert_invalid (&ops[5], "operation 'get': exception 'IDL:Test/Problem:1.0' is raised twice");
  assert_invalid (&ops[6], "operation 'get': exception 'IDL:Test/ProblemAgain:1.0' has the GError "
                           "domain of 'IDL:Test/Problem:1.0'");
  assert_invalid (&ops[7], "operation 'get': 2 exceptions but no exception table");
}

static CU_TestInfo interface_tests[] = {
  { "find own operations", test_find_own_operations },
  { "find inherited operations, depth first", test_find_inherited_operations },
  { "own operations come before inherited ones", test_own_operations_come_before_inherited_ones },
  { "unknown operations are NULL", test_unknown_operations_are_null },
  { "is_a follows every ancestor", test_is_a_follows_ancestors },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo validate_tests[] = {
  { "valid operations pass", test_valid_operations },
  { "oneway operations only send", test_oneway_operations_only_send },
  { "parameter names are unique and present", test_parameter_names_are_unique_and_present },
  { "types must be present and valid", test_types_must_be_present_and_valid },
  { "exceptions must be complete", test_exceptions_must_be_complete },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "rmi/interface", NULL, NULL, NULL, NULL, interface_tests },
  { "rmi/operation-validate", NULL, NULL, NULL, NULL, validate_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
