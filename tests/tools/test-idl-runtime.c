/* tests/tools/test-idl-runtime.c - run-time descriptors (idlc-runtime.h)
 * against compiled ones: the hand-written descriptors of
 * tests/common/gorb-test-types.idl and those gorb-idlc --c generates for
 * tests/tools/tools-types.idl must be the same trees (kinds, sizes,
 * alignments, names, member offsets, labels, bounds), and a value must
 * encode to the same CDR and XML bytes through either. */
#include "gorb-test-types.h"
#include "gorb-test.h"
#include "idlc-check.h"
#include "idlc-parser.h"
#include "idlc-runtime.h"
#include "tools-test-util.h"
#include "tools-types.h"

#include <string.h>

static struct
{
  IdlcAst *test_types;  /* tests/common/gorb-test-types.idl */
  IdlcAst *tools_types; /* tests/tools/tools-types.idl */
} fx;

static IdlcAst *
load (const char *path)
{
  g_autoptr (IdlcDiag) diag = idlc_diag_new ();
  const char *dirs[] = { NULL };
  g_autoptr (IdlcAst) ast = idlc_parse_file (path, dirs, diag);

  if (idlc_diag_get_n_errors (diag) == 0)
    idlc_check (ast, diag);
  if (idlc_diag_get_n_errors (diag) > 0)
    {
      idlc_diag_print (diag, stderr);
      return NULL;
    }
  return g_steal_pointer (&ast);
}

static int
suite_init (void)
{
  fx.test_types = load (GORB_TEST_SOURCE_DIR "/common/gorb-test-types.idl");
  fx.tools_types = load (GORB_TEST_SOURCE_DIR "/tools/tools-types.idl");
  return fx.test_types != NULL && fx.tools_types != NULL ? 0 : -1;
}

static int
suite_cleanup (void)
{
  g_clear_pointer (&fx.test_types, idlc_ast_free);
  g_clear_pointer (&fx.tools_types, idlc_ast_free);
  return 0;
}

/* ---- tree comparison ---- */

static gboolean
same_string (const char *a, const char *b)
{
  return a == b || (a != NULL && b != NULL && strcmp (a, b) == 0);
}

#define CHECK(cond, ...)                                                                           \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if (!(cond))                                                                                   \
      {                                                                                            \
        g_autofree char *m_ = g_strdup_printf (__VA_ARGS__);                                       \
        g_printerr ("\n  %s: %s", path, m_);                                                       \
        CU_FAIL (#cond);                                                                           \
        return;                                                                                    \
      }                                                                                            \
  }                                                                                                \
  G_STMT_END

/* @seen holds the (run-time, compiled) pairs being compared: a cycle
 * (recursive types) is compared once. */
static void
compare (const GorbTypeDesc *rt, const GorbTypeDesc *ct, const char *path, GHashTable *seen)
{
  g_autofree char *pair = g_strdup_printf ("%p/%p", (const void *) rt, (const void *) ct);

  CHECK (rt != NULL && ct != NULL, "missing descriptor");
  if (rt == ct || g_hash_table_contains (seen, pair))
    return;
  g_hash_table_add (seen, g_steal_pointer (&pair));
  CHECK (rt->kind == ct->kind, "kind %s, expected %s", gorb_type_kind_to_string (rt->kind),
         gorb_type_kind_to_string (ct->kind));
  CHECK (rt->size == ct->size, "size %u, expected %u", rt->size, ct->size);
  CHECK (rt->align == ct->align, "align %u, expected %u", rt->align, ct->align);
  CHECK (same_string (rt->name, ct->name), "name %s, expected %s", rt->name, ct->name);
  CHECK (same_string (rt->repo_id, ct->repo_id), "repo id %s, expected %s", rt->repo_id,
         ct->repo_id);
  CHECK (rt->bound == ct->bound, "bound %u, expected %u", rt->bound, ct->bound);
  CHECK (rt->n_members == ct->n_members, "%u members, expected %u", rt->n_members, ct->n_members);
  CHECK ((rt->content == NULL) == (ct->content == NULL), "content differs");
  if (rt->content != NULL)
    {
      g_autofree char *inner = g_strconcat (path, "/content", NULL);
      compare (rt->content, ct->content, inner, seen);
    }
  if (rt->kind == GORB_TK_ENUM)
    for (guint i = 0; i < rt->n_members; i++)
      CHECK (strcmp (rt->enumerators[i], ct->enumerators[i]) == 0, "enumerator %s, expected %s",
             rt->enumerators[i], ct->enumerators[i]);
  if (rt->kind != GORB_TK_STRUCT && rt->kind != GORB_TK_UNION)
    return;
  for (guint i = 0; i < rt->n_members; i++)
    {
      const GorbMemberDesc *a = &rt->members[i], *b = &ct->members[i];
      g_autofree char *inner = g_strdup_printf ("%s.%s", path, b->name);
      CHECK (strcmp (a->name, b->name) == 0, "member %u is %s, expected %s", i, a->name, b->name);
      CHECK (a->offset == b->offset, "%s at offset %u, expected %u", b->name, a->offset, b->offset);
      CHECK (a->is_default == b->is_default, "%s: default differs", b->name);
      CHECK (a->is_default || a->label == b->label,
             "%s: label %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, b->name, a->label,
             b->label);
      compare (a->type, b->type, inner, seen);
    }
}

/* The same value through both descriptors: the same CDR (both byte orders)
 * and XML; decoding with the run-time one gives an equal value. */
static void
check_same_bytes (const GorbTypeDesc *rt, const GorbTypeDesc *ct)
{
  for (guint seed = 0; seed < 4; seed++)
    {
      g_autoptr (GError) error = NULL;
      gpointer value = gorb_value_new0 (ct);
      tools_test_fill (ct, value, seed);
      for (int order = GORB_BYTE_ORDER_BIG; order <= GORB_BYTE_ORDER_LITTLE; order++)
        {
          g_autoptr (GBytes) a = gorb_cdr_encode (rt, value, order, &error);
          GORB_ASSERT_NO_ERROR (error);
          g_autoptr (GBytes) b = gorb_cdr_encode (ct, value, order, &error);
          GORB_ASSERT_NO_ERROR (error);
          CU_ASSERT_TRUE (g_bytes_equal (a, b));
          gpointer back = gorb_value_new0 (rt);
          gsize len;
          gconstpointer data = g_bytes_get_data (a, &len);
          CU_ASSERT_TRUE (gorb_cdr_decode (rt, data, len, order, back, &error));
          GORB_ASSERT_NO_ERROR (error);
          CU_ASSERT_TRUE (gorb_value_equal (ct, value, back));
          gorb_value_free (rt, back);
        }
      g_autoptr (GBytes) xa = gorb_xml_encode (rt, value, NULL, &error);
      GORB_ASSERT_NO_ERROR (error);
      g_autoptr (GBytes) xb = gorb_xml_encode (ct, value, NULL, &error);
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_TRUE (g_bytes_equal (xa, xb));
      gorb_value_free (ct, value);
    }
}

static void
check_type (IdlcAst *ast, const GorbTypeDesc *compiled)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IdlcRuntimeType) rt = idlc_runtime_type_new (ast, compiled->name, &error);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  GORB_ASSERT_NO_ERROR (error);
  compare (idlc_runtime_type_get_desc (rt), compiled, compiled->name, seen);
  check_same_bytes (idlc_runtime_type_get_desc (rt), compiled);
}

static void
test_agrees_with_hand_written_test_types (void)
{
  guint n = 0;
  for (guint i = 0; test_all_types[i] != NULL; i++)
    {
      if (test_all_types[i] == &test_ref_holder_desc) /* C side only */
        continue;
      check_type (fx.test_types, test_all_types[i]);
      n++;
    }
  CU_ASSERT_EQUAL (n, 20);
}

static const GorbTypeDesc *const tools_types[] = {
  &tools_inner_desc,         &tools_outer_nested_desc,  &tools_outer_desc,
  &tools_kind_desc,          &tools_by_kind_desc,       &tools_by_char_desc,
  &tools_by_short_desc,      &tools_by_huge_desc,       &tools_inner_alias_desc,
  &tools_inner_alias2_desc,  &tools_inner_seq_desc,     &tools_forest_desc,
  &tools_tree_desc,          &tools_expr_seq_desc,      &tools_expr_desc,
  &tools_oops_desc,          &tools_holder_desc,        &tools_keywords_desc,
  &tools_block_desc,         &tools_blob_desc,          &tools_numbers_desc,
  &tools_service_names_desc, &tools_service_entry_desc,
};

static void
test_agrees_with_generated_tools_types (void)
{
  g_autoptr (GPtrArray) names = idlc_runtime_list_types (fx.tools_types, TRUE);

  CU_ASSERT_EQUAL (names->len, G_N_ELEMENTS (tools_types));
  for (guint i = 0; i < G_N_ELEMENTS (tools_types); i++)
    check_type (fx.tools_types, tools_types[i]);
}

static void
test_names_resolve_with_leading_colons (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (IdlcRuntimeType) rt = idlc_runtime_type_new (fx.test_types, "::Test::Person", &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (idlc_runtime_type_get_desc (rt)->name, "Test::Person");
}

static void
expect_error (IdlcAst *ast, const char *name, int code, const char *substring)
{
  g_autoptr (GError) error = NULL;
  IdlcRuntimeType *rt = idlc_runtime_type_new (ast, name, &error);

  CU_ASSERT_PTR_NULL (rt);
  GORB_ASSERT_ERROR (error, IDLC_RUNTIME_ERROR, code);
  if (strstr (error->message, substring) == NULL)
    g_printerr ("\n  '%s' does not say '%s'", error->message, substring);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, substring));
}

static void
test_what_is_not_a_type_is_refused (void)
{
  expect_error (fx.test_types, "Test::Nobody", IDLC_RUNTIME_ERROR_NOT_FOUND, "no type");
  expect_error (fx.test_types, "Test", IDLC_RUNTIME_ERROR_NOT_A_TYPE, "is a module");
  expect_error (fx.test_types, "Test::RED", IDLC_RUNTIME_ERROR_NOT_A_TYPE, "enumerator");
  expect_error (fx.tools_types, "Tools::Service", IDLC_RUNTIME_ERROR_NOT_A_TYPE, "interface");
}

static IdlcAst *
parse (const char *text)
{
  g_autoptr (IdlcDiag) diag = idlc_diag_new ();
  g_autoptr (IdlcAst) ast
      = idlc_parse_string ("inline.idl", text, -1, NULL, IDLC_PARSE_NO_INCLUDES, diag);
  if (idlc_diag_get_n_errors (diag) == 0)
    idlc_check (ast, diag);
  idlc_diag_print (diag, stderr);
  CU_ASSERT_EQUAL (idlc_diag_get_n_errors (diag), 0);
  return g_steal_pointer (&ast);
}

static void
test_unsupported_types_are_refused (void)
{
  g_autoptr (IdlcAst) ast
      = parse ("module M { exception Empty {}; typedef long Huge[100000][100000];"
               " struct Big { octet a[40000000]; octet b[40000000]; };"
               " const long C = 3; };");

  expect_error (ast, "M::Empty", IDLC_RUNTIME_ERROR_NOT_A_TYPE, "exception without members");
  expect_error (ast, "M::Huge", IDLC_RUNTIME_ERROR_TOO_LARGE, "M::Huge");
  expect_error (ast, "M::Big", IDLC_RUNTIME_ERROR_TOO_LARGE, "M::Big");
  expect_error (ast, "M::C", IDLC_RUNTIME_ERROR_NOT_A_TYPE, "constant");
}

static void
test_typedef_chain_deeper_than_codecs_allow_is_refused (void)
{
  g_autoptr (GString) idl = g_string_new ("module M { typedef long T0;");
  for (int i = 1; i <= 70; i++)
    g_string_append_printf (idl, " typedef T%d T%d;", i - 1, i);
  g_string_append (idl, " };");
  g_autoptr (IdlcAst) ast = parse (idl->str);
  g_autoptr (GError) error = NULL;
  g_autoptr (IdlcRuntimeType) ok = idlc_runtime_type_new (ast, "M::T40", &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (idlc_runtime_type_get_desc (ok)->size, 4);
  expect_error (ast, "M::T70", IDLC_RUNTIME_ERROR_UNSUPPORTED, "nested deeper");
}

static void
test_suggests_the_nearest_type (void)
{
  CU_ASSERT_STRING_EQUAL (idlc_runtime_suggest_type (fx.test_types, "Test::Persn"), "Test::Person");
  CU_ASSERT_STRING_EQUAL (idlc_runtime_suggest_type (fx.test_types, "Person"), "Test::Person");
  CU_ASSERT_PTR_NULL (idlc_runtime_suggest_type (fx.test_types, "Completely::Different"));
}

static void
test_tree_outlives_the_ast (void)
{
  g_autoptr (GError) error = NULL;
  IdlcAst *ast = load (GORB_TEST_SOURCE_DIR "/common/gorb-test-types.idl");
  g_autoptr (IdlcRuntimeType) rt = idlc_runtime_type_new (ast, "Test::Everything", &error);
  TestEverything value;

  GORB_ASSERT_NO_ERROR (error);
  idlc_ast_free (ast);
  test_everything_fill (&value);
  g_autoptr (GBytes) a
      = gorb_cdr_encode (idlc_runtime_type_get_desc (rt), &value, GORB_BYTE_ORDER_BIG, &error);
  g_autoptr (GBytes) b
      = gorb_cdr_encode (&test_everything_desc, &value, GORB_BYTE_ORDER_BIG, &error);
  CU_ASSERT_TRUE (a != NULL && b != NULL && g_bytes_equal (a, b));
  CU_ASSERT_STRING_EQUAL (idlc_runtime_type_get_desc (rt)->members[0].type->name,
                          "Test::ShortName");
  gorb_value_clear (&test_everything_desc, &value);
}

static CU_TestInfo tests[] = {
  { "agrees with the hand-written test types", test_agrees_with_hand_written_test_types },
  { "agrees with gorb-idlc's tools-types", test_agrees_with_generated_tools_types },
  { "names resolve with leading colons", test_names_resolve_with_leading_colons },
  { "what is not a type is refused", test_what_is_not_a_type_is_refused },
  { "unsupported types are refused", test_unsupported_types_are_refused },
  { "typedef chain deeper than the codecs allow is refused",
    test_typedef_chain_deeper_than_codecs_allow_is_refused },
  { "suggests the nearest type", test_suggests_the_nearest_type },
  { "tree outlives the AST", test_tree_outlives_the_ast },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "tools/idl-runtime", suite_init, suite_cleanup, NULL, NULL, tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
