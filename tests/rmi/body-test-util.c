/* body-test-util.c - the PersonList interface of the body tests, by hand */
#include "body-test-util.h"

static const GorbMemberDesc not_found_members[] = {
  GORB_MEMBER (TestNotFoundPrivate, name, &gorb_type_string),
  GORB_MEMBER (TestNotFoundPrivate, code, &gorb_type_long),
};
const GorbTypeDesc test_not_found_desc = {
  .kind = GORB_TK_STRUCT,
  .size = sizeof (TestNotFoundPrivate),
  .align = _Alignof(TestNotFoundPrivate),
  .name = "Test::NotFound",
  .repo_id = "IDL:Test/NotFound:1.0",
  .n_members = G_N_ELEMENTS (not_found_members),
  .members = not_found_members,
};

/* The private data of the domain is the exception's members: GLib zeroes
 * it (a cleared value), the value functions copy and free it. */
static void
test_not_found_private_init (TestNotFoundPrivate *priv)
{
}

static void
test_not_found_private_copy (const TestNotFoundPrivate *src, TestNotFoundPrivate *dest)
{
  gorb_value_copy (&test_not_found_desc, src, dest);
}

static void
test_not_found_private_clear (TestNotFoundPrivate *priv)
{
  gorb_value_clear (&test_not_found_desc, priv);
}

GORB_TEST_DEFINE_EXTENDED_ERROR (TestNotFound, test_not_found)

/* The accessor of GorbExceptionDesc: _get_private() returns the private
 * type, and a call through a pointer of another type is undefined. */
TestNotFoundPrivate *
test_not_found_members (const GError *error)
{
  return test_not_found_get_private (error);
}

static gpointer
get_not_found_members (const GError *error)
{
  return test_not_found_get_private (error);
}

GError *
test_not_found_new (const char *name, gint32 code, const char *message)
{
  GError *error = g_error_new_literal (TEST_NOT_FOUND, 0, message);
  TestNotFoundPrivate members = { (char *) name, code };

  /* _get_private() may return NULL (g_return_val_if_fail): gcc -O2 would
   * flag a store through it */
  gorb_value_copy (&test_not_found_desc, &members, test_not_found_get_private (error));
  return error;
}

/* the quark's name is dashed: clang-format would space the dashes */
/* clang-format off */
G_DEFINE_QUARK (test-busy-quark, test_busy)
/* clang-format on */

const GorbExceptionDesc test_not_found_exc = {
  "IDL:Test/NotFound:1.0",
  &test_not_found_desc,
  test_not_found_quark,
  get_not_found_members,
};

const GorbExceptionDesc test_busy_exc = {
  "IDL:Test/Busy:1.0",
  NULL,
  test_busy_quark,
  NULL,
};

static const GorbParamDesc add_person_params[] = {
  { "p", &test_person_desc, GORB_PARAM_IN },
};
static const GorbParamDesc get_person_params[] = {
  { "name", &gorb_type_string, GORB_PARAM_IN },
  { "p", &test_person_desc, GORB_PARAM_OUT },
};
static const GorbParamDesc swap_params[] = {
  { "a", &test_person_desc, GORB_PARAM_INOUT },
  { "k", &gorb_type_long, GORB_PARAM_IN },
  { "all", &test_person_seq_desc, GORB_PARAM_OUT },
};
static const GorbParamDesc log_params[] = {
  { "line", &gorb_type_string, GORB_PARAM_IN },
};
static const GorbExceptionDesc *const get_person_raises[] = { &test_not_found_exc };
static const GorbExceptionDesc *const clear_raises[] = { &test_busy_exc };

const GorbOperationDesc test_person_list_ops[N_OPS] = {
  [OP_GET_LISTNAME] = { .name = "_get_listname", .result = &gorb_type_string },
  [OP_ADD_PERSON] = { .name = "addPerson", .n_params = 1, .params = add_person_params },
  [OP_GET_PERSON] = { .name = "getPerson",
                      .n_params = 2,
                      .params = get_person_params,
                      .n_raises = 1,
                      .raises = get_person_raises },
  [OP_NUMBER] = { .name = "number", .result = &gorb_type_long },
  [OP_SWAP] = { .name = "swap", .n_params = 3, .params = swap_params, .result = &test_shape_desc },
  [OP_LOG] = { .name = "log", .n_params = 1, .params = log_params, .oneway = TRUE },
  [OP_CLEAR] = { .name = "clear", .n_raises = 1, .raises = clear_raises },
};

const GorbInterfaceDesc test_person_list_iface = {
  .repo_id = "IDL:Test/PersonList:1.0",
  .name = "Test::PersonList",
  .n_operations = N_OPS,
  .operations = test_person_list_ops,
};
