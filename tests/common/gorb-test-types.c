/* gorb-test-types.c - descriptors for gorb-test-types.idl, by hand */
#include "gorb-test-types.h"

#include <string.h>

#define NAMED(tk, ctype, idl_name, id)                                                             \
  .kind = tk, .size = sizeof (ctype), .align = _Alignof(ctype), .name = idl_name,                  \
  .repo_id = "IDL:" id ":1.0"

static const GorbMemberDesc person_members[] = {
  GORB_MEMBER (TestPerson, name, &gorb_type_string),
  GORB_MEMBER (TestPerson, place, &gorb_type_string),
  GORB_MEMBER (TestPerson, year, &gorb_type_long),
};
const GorbTypeDesc test_person_desc = {
  NAMED (GORB_TK_STRUCT, TestPerson, "Test::Person", "Test/Person"),
  .n_members = G_N_ELEMENTS (person_members),
  .members = person_members,
};

#define SEQ_DESC(var, ctype, idl_name, id, elem)                                                   \
  static const GorbTypeDesc var##_anon = { .kind = GORB_TK_SEQUENCE,                               \
                                           .size = sizeof (GorbSequence),                          \
                                           .align = _Alignof(GorbSequence),                        \
                                           .content = elem };                                      \
  const GorbTypeDesc var = { NAMED (GORB_TK_ALIAS, ctype, idl_name, id), .content = &var##_anon }

SEQ_DESC (test_person_seq_desc, TestPersonSeq, "Test::PersonSeq", "Test/PersonSeq",
          &test_person_desc);
SEQ_DESC (test_octet_seq_desc, TestOctetSeq, "Test::OctetSeq", "Test/OctetSeq", &gorb_type_octet);
SEQ_DESC (test_long_seq_desc, TestLongSeq, "Test::LongSeq", "Test/LongSeq", &gorb_type_long);
SEQ_DESC (test_double_seq_desc, TestDoubleSeq, "Test::DoubleSeq", "Test/DoubleSeq",
          &gorb_type_double);
SEQ_DESC (test_string_seq_desc, TestStringSeq, "Test::StringSeq", "Test/StringSeq",
          &gorb_type_string);
SEQ_DESC (test_string_table_desc, TestStringTable, "Test::StringTable", "Test/StringTable",
          &test_string_seq_desc);

static const char *const color_names[] = { "RED", "GREEN", "BLUE" };
const GorbTypeDesc test_color_desc = {
  NAMED (GORB_TK_ENUM, TestColor, "Test::Color", "Test/Color"),
  .n_members = G_N_ELEMENTS (color_names),
  .enumerators = color_names,
};

static const GorbMemberDesc basics_members[] = {
  GORB_MEMBER (TestBasics, b, &gorb_type_boolean),
  GORB_MEMBER (TestBasics, o, &gorb_type_octet),
  GORB_MEMBER (TestBasics, c, &gorb_type_char),
  GORB_MEMBER (TestBasics, s, &gorb_type_short),
  GORB_MEMBER (TestBasics, us, &gorb_type_ushort),
  GORB_MEMBER (TestBasics, l, &gorb_type_long),
  GORB_MEMBER (TestBasics, ul, &gorb_type_ulong),
  GORB_MEMBER (TestBasics, ll, &gorb_type_longlong),
  GORB_MEMBER (TestBasics, ull, &gorb_type_ulonglong),
  GORB_MEMBER (TestBasics, f, &gorb_type_float),
  GORB_MEMBER (TestBasics, d, &gorb_type_double),
};
const GorbTypeDesc test_basics_desc = {
  NAMED (GORB_TK_STRUCT, TestBasics, "Test::Basics", "Test/Basics"),
  .n_members = G_N_ELEMENTS (basics_members),
  .members = basics_members,
};

static const GorbMemberDesc shape_cases[] = {
  GORB_CASE (TestShape, radius, &gorb_type_long, 1),
  GORB_CASE (TestShape, label, &gorb_type_string, 2),
  GORB_CASE (TestShape, label, &gorb_type_string, 3),
  GORB_DEFAULT_CASE (TestShape, other, &gorb_type_double),
};
const GorbTypeDesc test_shape_desc = {
  NAMED (GORB_TK_UNION, TestShape, "Test::Shape", "Test/Shape"),
  .content = &gorb_type_long,
  .n_members = G_N_ELEMENTS (shape_cases),
  .members = shape_cases,
};

static const GorbMemberDesc choice_cases[] = {
  GORB_CASE (TestChoice, who, &test_person_desc, TEST_COLOR_RED),
  GORB_CASE (TestChoice, numbers, &test_long_seq_desc, TEST_COLOR_GREEN),
};
const GorbTypeDesc test_choice_desc = {
  NAMED (GORB_TK_UNION, TestChoice, "Test::Choice", "Test/Choice"),
  .content = &test_color_desc,
  .n_members = G_N_ELEMENTS (choice_cases),
  .members = choice_cases,
};

static const GorbMemberDesc flag_cases[] = {
  GORB_CASE (TestFlag, yes, &gorb_type_string, TRUE),
  GORB_CASE (TestFlag, no, &gorb_type_short, FALSE),
};
const GorbTypeDesc test_flag_desc = {
  NAMED (GORB_TK_UNION, TestFlag, "Test::Flag", "Test/Flag"),
  .content = &gorb_type_boolean,
  .n_members = G_N_ELEMENTS (flag_cases),
  .members = flag_cases,
};

const GorbTypeDesc test_year_desc = {
  NAMED (GORB_TK_ALIAS, TestYear, "Test::Year", "Test/Year"),
  .content = &gorb_type_long,
};

static const GorbTypeDesc short_name_anon = {
  .kind = GORB_TK_STRING,
  .size = sizeof (char *),
  .align = _Alignof(char *),
  .bound = 8,
};
const GorbTypeDesc test_short_name_desc = {
  NAMED (GORB_TK_ALIAS, TestShortName, "Test::ShortName", "Test/ShortName"),
  .content = &short_name_anon,
};

static const GorbTypeDesc few_longs_anon = {
  .kind = GORB_TK_SEQUENCE,
  .size = sizeof (GorbSequence),
  .align = _Alignof(GorbSequence),
  .content = &gorb_type_long,
  .bound = 4,
};
const GorbTypeDesc test_few_longs_desc = {
  NAMED (GORB_TK_ALIAS, TestFewLongs, "Test::FewLongs", "Test/FewLongs"),
  .content = &few_longs_anon,
};

const GorbTypeDesc test_matrix_row_desc = {
  .kind = GORB_TK_ARRAY,
  .size = sizeof (gint32[3]),
  .align = _Alignof(gint32),
  .content = &gorb_type_long,
  .bound = 3,
};
static const GorbTypeDesc matrix_anon = {
  .kind = GORB_TK_ARRAY,
  .size = sizeof (TestMatrix),
  .align = _Alignof(gint32),
  .content = &test_matrix_row_desc,
  .bound = 2,
};
const GorbTypeDesc test_matrix_desc = {
  .kind = GORB_TK_ALIAS,
  .size = sizeof (TestMatrix),
  .align = _Alignof(gint32),
  .name = "Test::Matrix",
  .repo_id = "IDL:Test/Matrix:1.0",
  .content = &matrix_anon,
};
static const GorbTypeDesc pair_anon = {
  .kind = GORB_TK_ARRAY,
  .size = sizeof (TestPair),
  .align = _Alignof(TestPerson),
  .content = &test_person_desc,
  .bound = 2,
};
const GorbTypeDesc test_pair_desc = {
  .kind = GORB_TK_ALIAS,
  .size = sizeof (TestPair),
  .align = _Alignof(TestPerson),
  .name = "Test::Pair",
  .repo_id = "IDL:Test/Pair:1.0",
  .content = &pair_anon,
};

static const GorbMemberDesc everything_members[] = {
  GORB_MEMBER (TestEverything, short_name, &test_short_name_desc),
  GORB_MEMBER (TestEverything, blob, &test_octet_seq_desc),
  GORB_MEMBER (TestEverything, few, &test_few_longs_desc),
  GORB_MEMBER (TestEverything, grid, &test_matrix_desc),
  GORB_MEMBER (TestEverything, couple, &test_pair_desc),
  GORB_MEMBER (TestEverything, hue, &test_color_desc),
  GORB_MEMBER (TestEverything, outline, &test_shape_desc),
  GORB_MEMBER (TestEverything, born, &test_year_desc),
  GORB_MEMBER (TestEverything, table, &test_string_table_desc),
  GORB_MEMBER (TestEverything, primitives, &test_basics_desc),
};
const GorbTypeDesc test_everything_desc = {
  NAMED (GORB_TK_STRUCT, TestEverything, "Test::Everything", "Test/Everything"),
  .n_members = G_N_ELEMENTS (everything_members),
  .members = everything_members,
};

/* Node is recursive through NodeSeq. */
static const GorbTypeDesc node_seq_anon = {
  .kind = GORB_TK_SEQUENCE,
  .size = sizeof (GorbSequence),
  .align = _Alignof(GorbSequence),
  .content = &test_node_desc,
};
const GorbTypeDesc test_node_seq_desc = {
  NAMED (GORB_TK_ALIAS, GorbSequence, "Test::NodeSeq", "Test/NodeSeq"),
  .content = &node_seq_anon,
};
static const GorbMemberDesc node_members[] = {
  GORB_MEMBER (TestNode, label, &gorb_type_string),
  GORB_MEMBER (TestNode, children, &test_node_seq_desc),
};
const GorbTypeDesc test_node_desc = {
  NAMED (GORB_TK_STRUCT, TestNode, "Test::Node", "Test/Node"),
  .n_members = G_N_ELEMENTS (node_members),
  .members = node_members,
};

static const GorbMemberDesc ref_holder_members[] = {
  GORB_MEMBER (TestRefHolder, ref, &gorb_type_objref),
  GORB_MEMBER (TestRefHolder, tag, &gorb_type_long),
};
const GorbTypeDesc test_ref_holder_desc = {
  NAMED (GORB_TK_STRUCT, TestRefHolder, "Test::RefHolder", "Test/RefHolder"),
  .n_members = G_N_ELEMENTS (ref_holder_members),
  .members = ref_holder_members,
};

const GorbTypeDesc *const test_all_types[] = {
  &test_person_desc,       &test_person_seq_desc,
  &test_octet_seq_desc,    &test_long_seq_desc,
  &test_double_seq_desc,   &test_string_seq_desc,
  &test_color_desc,        &test_basics_desc,
  &test_shape_desc,        &test_choice_desc,
  &test_flag_desc,         &test_year_desc,
  &test_short_name_desc,   &test_few_longs_desc,
  &test_matrix_desc,       &test_pair_desc,
  &test_string_table_desc, &test_everything_desc,
  &test_node_desc,         &test_node_seq_desc,
  &test_ref_holder_desc,   NULL,
};

static void
person_fill (TestPerson *p, const char *name, const char *place, gint32 year)
{
  p->name = g_strdup (name);
  p->place = g_strdup (place);
  p->year = year;
}

void
test_person_seq_fill (TestPersonSeq *value, guint n)
{
  value->len = n;
  value->data = n > 0 ? g_new0 (TestPerson, n) : NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("name%06u", i);
      g_autofree char *place = g_strdup_printf ("place%05u", i);
      person_fill (&value->data[i], name, place, 1900 + (gint32) i);
    }
}

void
test_everything_fill (TestEverything *v)
{
  static const guint8 blob[] = { 0x00, 0x01, 0xfe, 0xff, 0x7f };

  memset (v, 0, sizeof *v);
  v->short_name = g_strdup ("gorb");
  v->blob.len = sizeof blob;
  v->blob.data = g_memdup2 (blob, sizeof blob);
  v->few.len = 3;
  v->few.data = g_new (gint32, 3);
  v->few.data[0] = -1;
  v->few.data[1] = 0;
  v->few.data[2] = G_MAXINT32;
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 3; j++)
      v->grid[i][j] = i * 10 + j;
  person_fill (&v->couple[0], "Smith", "London", 1934);
  person_fill (&v->couple[1], "Jones", "Paris", 1960);
  v->hue = TEST_COLOR_BLUE;
  v->outline._d = 2;
  v->outline._u.label = g_strdup ("square");
  v->born = 1999;
  v->table.len = 2;
  v->table.data = g_new0 (TestStringSeq, 2);
  v->table.data[0].len = 2;
  v->table.data[0].data = g_new (char *, 2);
  v->table.data[0].data[0] = g_strdup ("a");
  v->table.data[0].data[1] = g_strdup ("");
  v->table.data[1].len = 0;
  v->primitives.b = TRUE;
  v->primitives.o = 0xab;
  v->primitives.c = 'z';
  v->primitives.s = -2;
  v->primitives.us = 65535;
  v->primitives.l = -100000;
  v->primitives.ul = 4000000000u;
  v->primitives.ll = G_MININT64;
  v->primitives.ull = G_MAXUINT64;
  v->primitives.f = 1.5f;
  v->primitives.d = -0.1;
}
