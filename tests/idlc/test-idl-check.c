/* tests/idlc/test-idl-check.c - the semantic stage: one test per rule with
 * its exact diagnostics, repository ids, C names (those of the PersonList
 * sample), and the project's and CORBA services' IDL files */
#include "gorb-test.h"
#include "idlc-check.h"
#include "idlc-parser.h"

#include <string.h>

#define OMNI_IDL "/usr/share/idl/omniORB"

static struct
{
  IdlcDiag *diag;
  IdlcAst *ast;
} fx;

static void
setup (void)
{
  fx.diag = idlc_diag_new ();
  fx.ast = NULL;
}

static void
teardown (void)
{
  idlc_ast_free (fx.ast);
  idlc_diag_free (fx.diag);
}

static void
assert_text (const char *got, const char *expected)
{
  if (g_strcmp0 (got, expected) != 0)
    g_printerr ("\n--- got:\n%s--- expected:\n%s---\n", got, expected);
  CU_ASSERT_STRING_EQUAL (got, expected);
}

static gboolean
check (const char *text)
{
  fx.ast = idlc_parse_string ("t.idl", text, -1, NULL, IDLC_PARSE_NO_INCLUDES, fx.diag);
  CU_ASSERT_EQUAL_FATAL (idlc_diag_get_n_errors (fx.diag), 0);
  return idlc_check (fx.ast, fx.diag);
}

static void
assert_diagnostics (const char *text, const char *expected)
{
  check (text);
  g_autoptr (GString) out = g_string_new (NULL);
  idlc_diag_format (fx.diag, out, FALSE);
  assert_text (out->str, expected);
}

static void
assert_ok (const char *text)
{
  assert_diagnostics (text, "");
}

static IdlcNode *
child (GPtrArray *nodes, const char *name)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      IdlcNode *n = g_ptr_array_index (nodes, i);
      if (g_strcmp0 (n->name, name) == 0)
        return n;
    }
  CU_FAIL_FATAL ("no such node");
  return NULL;
}

/* ---- scopes and names ---- */

static void
test_reopened_modules_and_scoped_names (void)
{
  assert_ok (
      "module A { struct S { long x; }; };\n"
      "module A { typedef S T; typedef ::A::S U; };\n"
      "module B { typedef A::T V; interface I { typedef V W; }; interface J : I { W w (); }; };\n");
  IdlcNode *b = child (fx.ast->definitions, "B");
  IdlcNode *j = child (b->children, "J");
  IdlcNode *w = child (j->children, "w");
  CU_ASSERT_STRING_EQUAL (w->type->resolved->scoped_name, "B::I::W");
  IdlcNode *a2 = g_ptr_array_index (fx.ast->definitions, 1);
  CU_ASSERT_PTR_EQUAL (a2->definition, g_ptr_array_index (fx.ast->definitions, 0));
}

static void
test_undeclared_with_suggestion (void)
{
  assert_diagnostics ("struct Person { long x; };\ntypedef person P;\ntypedef Nobody Q;\n",
                      "t.idl:2:9: error: 'person' is not declared; did you mean 'Person'?\n"
                      "t.idl:3:9: error: 'Nobody' is not declared\n");
}

static void
test_redefinition_and_case_clash (void)
{
  assert_diagnostics (
      "module M {\n  struct S { long x; };\n  typedef long S;\n  const long s = 1;\n};\n",
      "t.idl:3:16: error: redefinition of 'S'\n"
      "t.idl:2:3: note: previous definition of 'S' is here\n"
      "t.idl:4:3: error: 's' differs only in case from 'S' in the same scope\n"
      "t.idl:2:3: note: 'S' declared here\n");
}

static void
test_enumerators_in_enclosing_scope (void)
{
  assert_diagnostics ("enum Color { RED, GREEN };\nconst long RED = 1;\nconst Color c = GREEN;\n",
                      "t.idl:2:1: error: redefinition of 'RED'\n"
                      "t.idl:1:14: note: previous definition of 'RED' is here\n");
}

static void
test_not_a_type (void)
{
  assert_diagnostics ("const long K = 1;\nexception E {};\nstruct S { K k; E e; };\n",
                      "t.idl:3:12: error: 'K' is a const, not a type\n"
                      "t.idl:1:1: note: 'K' declared here\n"
                      "t.idl:3:17: error: exception 'E' used as a type\n");
}

static void
test_inheritance_errors (void)
{
  assert_diagnostics (
      "struct S { long x; };\ninterface F;\ninterface A : S {};\ninterface B : F {};\n"
      "interface C : C {};\n",
      "t.idl:3:1: error: cannot inherit from 'S': it is a struct, not an interface\n"
      "t.idl:4:1: error: cannot inherit from 'F': the interface is only "
      "forward-declared\n"
      "t.idl:2:1: note: 'F' declared here\n"
      "t.idl:5:1: error: interface 'C' inherits from itself\n");
}

static void
test_forward_declared_never_defined_is_fine_as_reference (void)
{
  assert_ok ("interface F;\ninterface G { void f (in F x); };\nstruct Node;\n"
             "typedef sequence<Node> NodeSeq;\nstruct Node { NodeSeq kids; };\n");
}

/* ---- incomplete types: one test per diagnostic ---- */

static void
test_struct_never_defined_used_by_value (void)
{
  assert_diagnostics ("struct S;\nunion U;\nstruct T { S s; };\ninterface I { U f (); };\n",
                      "t.idl:3:12: error: struct 'S' is used by value but never defined "
                      "(incomplete type)\n"
                      "t.idl:1:1: note: 'S' declared here\n"
                      "t.idl:4:15: error: union 'U' is used by value but never defined "
                      "(incomplete type)\n"
                      "t.idl:2:1: note: 'U' declared here\n");
}

static void
test_sequence_of_struct_never_defined (void)
{
  assert_diagnostics ("struct S;\ntypedef sequence<S> SSeq;\n",
                      "t.idl:2:18: error: sequence of struct 'S', which is forward-declared "
                      "but never defined\n"
                      "t.idl:1:1: note: 'S' declared here\n");
}

static void
test_struct_used_by_value_before_its_definition (void)
{
  assert_diagnostics ("struct S;\ninterface I { void f (in S s); };\nstruct S { long x; };\n"
                      "struct T; typedef sequence<T> TSeq; struct T { TSeq kids; };\n",
                      "t.idl:2:26: error: struct 'S' is used by value before its definition "
                      "(incomplete type)\n"
                      "t.idl:3:1: note: 'S' is defined later, here\n");
}

static void
test_inherited_members_resolve (void)
{
  assert_ok ("interface Base { typedef long T; exception E {}; };\n"
             "interface D : Base { T f () raises (E); };\n");
}

static void
test_type_cycles (void)
{
  assert_diagnostics ("struct S { S inner; };\nstruct U { sequence<U> ok; };\n"
                      "typedef A B;\ntypedef B A;\n",
                      "t.idl:1:1: error: struct 'S' contains itself\n"
                      "t.idl:3:11: error: typedef 'B' refers to itself\n"
                      "t.idl:4:11: error: typedef 'A' refers to itself\n");
}

/* ---- type rules ---- */

static void
test_union_rules (void)
{
  assert_diagnostics ("union U1 switch (float) { case 1: long a; };\n"
                      "union U2 switch (short) { case 1: long a; case 1: long b; default: long c;"
                      " default: long d; };\n"
                      "union U3 switch (octet) { case 256: long a; };\n"
                      "enum E { X, Y };\nenum F { Z };\n"
                      "typedef E TE;\nunion U4 switch (TE) { case X: long a; case Z: long b; };\n",
                      "t.idl:1:18: error: 'float' cannot discriminate a union (integer, char, "
                      "boolean or enum expected)\n"
                      "t.idl:2:48: error: duplicate case label '1'\n"
                      "t.idl:2:32: note: previous case label is here\n"
                      "t.idl:2:76: error: more than one default case\n"
                      "t.idl:3:32: error: value 256 is out of range for 'octet'\n"
                      "t.idl:7:45: error: expected an enumerator of 'E'\n");
}

static void
test_const_folding_and_ranges (void)
{
  assert_ok ("const long A = (1 << 4) + 2 * 3;\nconst short B = -A;\nconst unsigned long C = ~0;\n"
             "const double D = 1.5 * 2;\nconst string S = \"x\";\nconst char Q = 'q';\n");
  IdlcNode *c = child (fx.ast->definitions, "C");
  CU_ASSERT_EQUAL (c->value->value.u, 4294967295u);
  IdlcNode *b = child (fx.ast->definitions, "B");
  CU_ASSERT_TRUE (b->value->value.negative);
  CU_ASSERT_EQUAL (b->value->value.u, 22);
  teardown ();
  setup ();
  assert_diagnostics ("const short A = 40000;\nconst long B = 1 / 0;\nconst long C = 1 << 64;\n"
                      "const unsigned long long D = 18446744073709551615 * 2;\n"
                      "const long E = \"s\";\n",
                      "t.idl:1:17: error: value 40000 is out of range for 'short'\n"
                      "t.idl:2:18: error: division by zero in constant expression\n"
                      "t.idl:3:21: error: shift count 64 is out of range (0..63)\n"
                      "t.idl:4:51: error: integer overflow in constant expression\n"
                      "t.idl:5:16: error: expected an integer constant for 'long'\n");
}

static void
test_bounds (void)
{
  assert_diagnostics ("const long N = 0;\ntypedef string<N> S;\ntypedef sequence<long, -1> Q;\n"
                      "typedef long A[3][0];\n",
                      "t.idl:2:16: error: a bound must be a positive integer, not 0\n"
                      "t.idl:3:24: error: value -1 is out of range for 'unsigned long'\n"
                      "t.idl:4:19: error: a bound must be a positive integer, not 0\n");
}

static void
test_operation_rules (void)
{
  assert_diagnostics ("struct S { long x; };\nexception E {};\ninterface I {\n"
                      "  oneway long f (out long x) raises (E);\n"
                      "  void g () raises (S);\n};\n",
                      "t.idl:4:18: error: oneway operation 'f' cannot have an out parameter 'x'\n"
                      "t.idl:4:3: error: oneway operation 'f' must return void\n"
                      "t.idl:4:3: error: oneway operation 'f' cannot raise exceptions\n"
                      "t.idl:5:3: error: 'S' in raises is a struct, not an exception\n");
}

/* ---- repository ids ---- */

static void
test_repository_ids (void)
{
  assert_ok ("module A { interface I {}; };\n"
             "#pragma prefix \"gorb.org\"\n"
             "module B { struct S { long x; };\n"
             "#pragma prefix \"inner.org\"\n"
             "  typedef long T; };\n"
             "module C { interface J {}; interface K {}; interface L {};\n"
             "#pragma ID J \"IDL:custom/J:2.0\"\n"
             "#pragma version K 3.4\n};\n");
  IdlcNode *a = child (fx.ast->definitions, "A");
  CU_ASSERT_STRING_EQUAL (child (a->children, "I")->repo_id, "IDL:A/I:1.0");
  IdlcNode *b = child (fx.ast->definitions, "B");
  CU_ASSERT_STRING_EQUAL (b->repo_id, "IDL:gorb.org/B:1.0");
  CU_ASSERT_STRING_EQUAL (child (b->children, "S")->repo_id, "IDL:gorb.org/B/S:1.0");
  IdlcNode *td = g_ptr_array_index (b->children, 2);
  CU_ASSERT_STRING_EQUAL (((IdlcNode *) g_ptr_array_index (td->children, 0))->repo_id,
                          "IDL:inner.org/B/T:1.0");
  IdlcNode *c = child (fx.ast->definitions, "C");
  CU_ASSERT_STRING_EQUAL (c->repo_id, "IDL:gorb.org/C:1.0"); /* inner.org ended with B */
  CU_ASSERT_STRING_EQUAL (child (c->children, "J")->repo_id, "IDL:custom/J:2.0");
  CU_ASSERT_STRING_EQUAL (child (c->children, "K")->repo_id, "IDL:gorb.org/C/K:3.4");
  CU_ASSERT_STRING_EQUAL (child (c->children, "L")->repo_id, "IDL:gorb.org/C/L:1.0");
}

static void
test_repository_id_conflicts (void)
{
  assert_diagnostics (
      "interface I {};\ninterface J {};\n#pragma ID I \"IDL:x/I:1.0\"\n"
      "#pragma ID I \"IDL:y/I:1.0\"\n#pragma ID J \"IDL:x/I:1.0\"\n",
      "t.idl:4:1: error: conflicting repository ids for 'I': 'IDL:x/I:1.0' and "
      "'IDL:y/I:1.0'\n"
      "t.idl:3:1: note: 'IDL:x/I:1.0' set here\n"
      "t.idl:2:1: error: repository id 'IDL:x/I:1.0' of 'J' is already that of 'I'\n"
      "t.idl:1:1: note: 'I' declared here\n");
}

/* ---- C names ---- */

static void
test_snake_case (void)
{
  const char *cases[][2] = {
    { "getPerson", "get_person" },      { "NotFound", "not_found" },
    { "XMLParser", "xml_parser" },      { "call_me_back", "call_me_back" },
    { "PersonList", "person_list" },    { "Vector3D", "vector3d" },
    { "IPv4Address", "i_pv4_address" }, { "RED", "red" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = idlc_snake_case (cases[i][0]);
      assert_text (got, cases[i][1]);
    }
}

static void
test_c_names_of_the_sample (void)
{
  g_autofree char *path = g_build_filename (GORB_SOURCE_DIR, "samples/personlist/Person.idl", NULL);
  fx.ast = idlc_parse_file (path, NULL, fx.diag);
  CU_ASSERT_TRUE_FATAL (idlc_check (fx.ast, fx.diag));
  IdlcNode *demo = child (fx.ast->definitions, "Demo");
  IdlcNode *person = child (demo->children, "Person");
  IdlcNode *nf = child (demo->children, "NotFound");
  IdlcNode *pl = child (demo->children, "PersonList");
  CU_ASSERT_STRING_EQUAL (person->c_type, "DemoPerson");
  CU_ASSERT_STRING_EQUAL (person->c_lower, "demo_person");
  CU_ASSERT_STRING_EQUAL (person->c_desc, "demo_person_desc");
  CU_ASSERT_STRING_EQUAL (person->repo_id, "IDL:Demo/Person:1.0");
  CU_ASSERT_STRING_EQUAL (nf->c_type, "DemoNotFound");
  CU_ASSERT_STRING_EQUAL (nf->c_desc, "demo_not_found_desc");
  CU_ASSERT_STRING_EQUAL (nf->c_error, "DEMO_NOT_FOUND_ERROR");
  CU_ASSERT_STRING_EQUAL (nf->repo_id, "IDL:Demo/NotFound:1.0");
  CU_ASSERT_STRING_EQUAL (pl->c_type, "DemoPersonList");
  CU_ASSERT_STRING_EQUAL (pl->c_lower, "demo_person_list");
  CU_ASSERT_STRING_EQUAL (pl->c_upper, "DEMO_PERSON_LIST");
  CU_ASSERT_STRING_EQUAL (pl->c_type_macro, "DEMO_TYPE_PERSON_LIST");
  CU_ASSERT_STRING_EQUAL (pl->c_macro_module, "DEMO");
  CU_ASSERT_STRING_EQUAL (pl->c_desc, "demo_person_list_desc");
  CU_ASSERT_STRING_EQUAL (pl->repo_id, "IDL:Demo/PersonList:1.0");
  IdlcNode *get = child (pl->children, "getPerson");
  CU_ASSERT_STRING_EQUAL (get->c_name, "get_person");
  CU_ASSERT_STRING_EQUAL (get->c_lower, "demo_person_list_get_person");
  CU_ASSERT_STRING_EQUAL (child (pl->children, "addPerson")->c_lower,
                          "demo_person_list_add_person");
  IdlcNode *attr = g_ptr_array_index (pl->children, 0);
  IdlcNode *listname = g_ptr_array_index (attr->children, 0);
  CU_ASSERT_STRING_EQUAL (listname->c_lower, "demo_person_list_get_listname");
  CU_ASSERT_PTR_NULL (listname->c_setter);
}

static void
test_c_names_keywords_enums_consts (void)
{
  assert_ok ("module Test { enum Color { RED, GREEN };\n const long MaxLen = 3;\n"
             " struct S { long int; };\n interface my_thing { attribute long size;"
             " void _default (in long self, in long userId); }; };\n");
  IdlcNode *t = child (fx.ast->definitions, "Test");
  IdlcNode *color = child (t->children, "Color");
  CU_ASSERT_STRING_EQUAL (((IdlcNode *) g_ptr_array_index (color->children, 0))->c_upper,
                          "TEST_COLOR_RED");
  CU_ASSERT_STRING_EQUAL (child (t->children, "MaxLen")->c_upper, "TEST_MAX_LEN");
  IdlcNode *s = child (t->children, "S");
  IdlcNode *member = g_ptr_array_index (s->children, 0);
  CU_ASSERT_STRING_EQUAL (((IdlcNode *) g_ptr_array_index (member->children, 0))->c_name, "int_");
  IdlcNode *i = child (t->children, "my_thing");
  CU_ASSERT_STRING_EQUAL (i->c_type, "TestMyThing");
  CU_ASSERT_STRING_EQUAL (i->c_type_macro, "TEST_TYPE_MY_THING");
  IdlcNode *op = child (i->children, "default");
  CU_ASSERT_STRING_EQUAL (op->c_name, "default_");
  CU_ASSERT_STRING_EQUAL (((IdlcNode *) g_ptr_array_index (op->children, 0))->c_name, "self_");
  CU_ASSERT_STRING_EQUAL (((IdlcNode *) g_ptr_array_index (op->children, 1))->c_name, "user_id");
  IdlcNode *attr = g_ptr_array_index (i->children, 0);
  CU_ASSERT_STRING_EQUAL (((IdlcNode *) g_ptr_array_index (attr->children, 0))->c_setter,
                          "test_my_thing_set_size");
}

/* Parameters and exception members named like what the generated code
 * declares, calls or expands around them get a trailing '_'. */
static void
test_c_names_escape_generated_identifiers (void)
{
  assert_ok ("module M { exception E { string format; long members; long raised; long ap;\n"
             " long self; long value; long G_MAXINT; long linux; };\n"
             " interface I { void f (in long args, in long error, in long ret, in long retval,\n"
             "   in long result, in long cancellable, in long callback, in long user_data,\n"
             "   in long memset, in long x_unused, in long gint32, in long g_free,\n"
             "   in long gorb_proxy_invoke, in long m_i_get_type, in long format,\n"
             "   in long members, in long value, in long NULL); }; };\n");
  IdlcNode *m = child (fx.ast->definitions, "M");
  static const char *const members[]
      = { "format_", "members_", "raised_", "ap_", "self_", "value", "G_MAXINT_", "linux_" };
  IdlcNode *e = child (m->children, "E");
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      IdlcNode *member = g_ptr_array_index (e->children, i);
      CU_ASSERT_STRING_EQUAL (((IdlcNode *) g_ptr_array_index (member->children, 0))->c_name,
                              members[i]);
    }
  static const char *const params[] = { "args_",
                                        "error_",
                                        "ret_",
                                        "retval_",
                                        "result_",
                                        "cancellable_",
                                        "callback_",
                                        "user_data_",
                                        "memset_",
                                        "x_unused_",
                                        "gint32_",
                                        "g_free_",
                                        "gorb_proxy_invoke_",
                                        "m_i_get_type_",
                                        "format",
                                        "members",
                                        "value",
                                        "null" };
  IdlcNode *f = child (child (m->children, "I")->children, "f");
  CU_ASSERT_EQUAL_FATAL (f->children->len, G_N_ELEMENTS (params));
  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    CU_ASSERT_STRING_EQUAL (((IdlcNode *) g_ptr_array_index (f->children, i))->c_name, params[i]);
}

static void
test_c_name_collisions (void)
{
  assert_diagnostics ("module Demo { interface PersonList {}; };\n"
                      "module DemoPerson { interface List {}; };\n"
                      "interface I { void getX (); void get_x (); attribute long x; };\n",
                      "t.idl:2:21: error: C name 'DemoPersonList' of 'DemoPerson::List' collides "
                      "with that of 'Demo::PersonList'\n"
                      "t.idl:1:15: note: 'Demo::PersonList' declared here\n"
                      "t.idl:2:21: error: C name 'demo_person_list' of 'DemoPerson::List' collides "
                      "with that of 'Demo::PersonList'\n"
                      "t.idl:1:15: note: 'Demo::PersonList' declared here\n"
                      "t.idl:3:29: error: C name 'get_x' of 'get_x' collides with that of 'getX'\n"
                      "t.idl:3:15: note: 'getX' declared here\n"
                      "t.idl:3:59: error: C name 'get_x' of 'x' collides with that of 'getX'\n"
                      "t.idl:3:15: note: 'getX' declared here\n");
}

/* ---- files ---- */

static void
assert_file_checks (const char *path, const char *const *dirs)
{
  fx.ast = idlc_parse_file (path, dirs, fx.diag);
  idlc_check (fx.ast, fx.diag);
  g_autoptr (GString) out = g_string_new (NULL);
  idlc_diag_format (fx.diag, out, TRUE);
  assert_text (out->str, "");
}

static void
test_project_idl_files_check (void)
{
  const char *files[] = { "samples/personlist/Person.idl", "tests/common/gorb-test-types.idl",
                          "tests/rmi/Callbacks.idl", "bench/Bench.idl" };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (GORB_SOURCE_DIR, files[i], NULL);
      teardown ();
      setup ();
      assert_file_checks (path, NULL);
    }
}

static void
test_cos_naming_checks (void)
{
  static const char *const dirs[] = { OMNI_IDL, OMNI_IDL "/COS", NULL };
  if (!g_file_test (OMNI_IDL "/COS/CosNaming.idl", G_FILE_TEST_EXISTS))
    {
      g_print ("\n  skipped: " OMNI_IDL "/COS/CosNaming.idl missing (install omniorb-idl)\n");
      return;
    }
  assert_file_checks (OMNI_IDL "/COS/CosNaming.idl", dirs);
  IdlcNode *cn = child (fx.ast->definitions, "CosNaming");
  IdlcNode *nc = child (cn->children, "NamingContext");
  CU_ASSERT_STRING_EQUAL (nc->repo_id, "IDL:omg.org/CosNaming/NamingContext:1.0");
  CU_ASSERT_STRING_EQUAL (nc->c_type, "CosNamingNamingContext");
}

static CU_TestInfo scope_tests[] = {
  { "reopened modules and scoped names", test_reopened_modules_and_scoped_names },
  { "undeclared, with a suggestion", test_undeclared_with_suggestion },
  { "redefinition and case clash", test_redefinition_and_case_clash },
  { "enumerators in the enclosing scope", test_enumerators_in_enclosing_scope },
  { "not a type", test_not_a_type },
  { "inheritance errors", test_inheritance_errors },
  { "forward never defined is fine as a reference",
    test_forward_declared_never_defined_is_fine_as_reference },
  { "inherited members resolve", test_inherited_members_resolve },
  { "a struct never defined, used by value", test_struct_never_defined_used_by_value },
  { "a sequence of a struct never defined", test_sequence_of_struct_never_defined },
  { "a struct used by value before its definition",
    test_struct_used_by_value_before_its_definition },
  { "type cycles", test_type_cycles },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo type_tests[] = {
  { "union rules", test_union_rules },
  { "const folding and ranges", test_const_folding_and_ranges },
  { "bounds", test_bounds },
  { "operation rules", test_operation_rules },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo name_tests[] = {
  { "repository ids", test_repository_ids },
  { "repository id conflicts", test_repository_id_conflicts },
  { "snake case", test_snake_case },
  { "C names of the sample", test_c_names_of_the_sample },
  { "C names: keywords, enums, consts", test_c_names_keywords_enums_consts },
  { "C names escape generated identifiers", test_c_names_escape_generated_identifiers },
  { "C name collisions", test_c_name_collisions },
  { "project IDL files check", test_project_idl_files_check },
  { "CosNaming.idl checks", test_cos_naming_checks },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "idlc/check/scopes", NULL, NULL, setup, teardown, scope_tests },
  { "idlc/check/types", NULL, NULL, setup, teardown, type_tests },
  { "idlc/check/names", NULL, NULL, setup, teardown, name_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
