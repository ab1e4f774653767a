/* tests/marshal/test-cdr-omniorb.c - gorb's CDR against omniORB's, byte for byte
 *
 * GORB_CDR_DUMP (tests/marshal/omniorb/cdr-dump.cc, built from the same IDL
 * with omniidl) prints "<Value>.<stream> <hex>" for every value below, in
 * three streams: be and le (a plain stream, alignment from its first byte,
 * as gorb_cdr_encode()) and encap (an encapsulation in the host's order,
 * as gorb_cdr_writer_init_encapsulation()). Each test builds the same value
 * in C, encodes it the same three ways and compares; then it decodes
 * omniORB's bytes with gorb and compares the values.
 */
#include "cdr-test-util.h"

#include <string.h>

static GHashTable *omniorb_lines; /* "Person.be" -> hex */

typedef struct
{
  const char *name;
  const GorbTypeDesc *type;
  void (*fill) (gpointer value); /* into a zeroed value; cleared with gorb_value_clear() */
} Case;

/* The values, as cdr-dump.cc builds them */

static void
person_fill (TestPerson *p, const char *name, const char *place, gint32 year)
{
  p->name = g_strdup (name);
  p->place = g_strdup (place);
  p->year = year;
}

static void
fill_person (gpointer v)
{
  person_fill (v, "Smith", "London", 1934);
}

static void
fill_basics (gpointer v)
{
  TestEverything e;

  test_everything_fill (&e);
  memcpy (v, &e.primitives, sizeof e.primitives);
  gorb_value_clear (&test_everything_desc, &e);
}

static void
fill_everything (gpointer v)
{
  test_everything_fill (v);
}

static void
fill_person_seq3 (gpointer v)
{
  test_person_seq_fill (v, 3);
}

static void
fill_shape_radius (gpointer v)
{
  TestShape *s = v;

  s->_d = 1;
  s->_u.radius = 7;
}

static void
fill_shape_label2 (gpointer v)
{
  TestShape *s = v;

  s->_d = 2;
  s->_u.label = g_strdup ("sq");
}

static void
fill_shape_label3 (gpointer v)
{
  TestShape *s = v;

  s->_d = 3;
  s->_u.label = g_strdup ("sq3");
}

static void
fill_shape_default (gpointer v)
{
  TestShape *s = v;

  s->_d = 9;
  s->_u.other = 2.5;
}

static void
fill_choice_red (gpointer v)
{
  TestChoice *c = v;

  c->_d = TEST_COLOR_RED;
  person_fill (&c->_u.who, "Smith", "London", 1934);
}

static void
fill_choice_green (gpointer v)
{
  TestChoice *c = v;

  c->_d = TEST_COLOR_GREEN;
  c->_u.numbers.len = 3;
  c->_u.numbers.data = g_new (gint32, 3);
  for (int i = 0; i < 3; i++)
    c->_u.numbers.data[i] = i + 1;
}

static void
fill_flag_true (gpointer v)
{
  TestFlag *f = v;

  f->_d = TRUE;
  f->_u.yes = g_strdup ("y");
}

static void
fill_flag_false (gpointer v)
{
  TestFlag *f = v;

  f->_d = FALSE;
  f->_u.no = -1;
}

/* root(a(a1), b) */
static void
fill_node (gpointer v)
{
  TestNode *root = v;
  TestNode *a;

  root->label = g_strdup ("root");
  root->children.len = 2;
  root->children.data = g_new0 (TestNode, 2);
  a = &root->children.data[0];
  a->label = g_strdup ("a");
  a->children.len = 1;
  a->children.data = g_new0 (TestNode, 1);
  a->children.data[0].label = g_strdup ("a1");
  root->children.data[1].label = g_strdup ("b");
}

static void
fill_double_seq_empty (gpointer v)
{
}

static void
fill_double_seq (gpointer v)
{
  TestDoubleSeq *d = v;

  d->len = 2;
  d->data = g_new (gdouble, 2);
  d->data[0] = 1.0;
  d->data[1] = -0.5;
}

static void
fill_string_seq (gpointer v)
{
  TestStringSeq *s = v;

  s->len = 2;
  s->data = g_new (char *, 2);
  s->data[0] = g_strdup ("a");
  s->data[1] = g_strdup ("");
}

static void
fill_color (gpointer v)
{
  *(TestColor *) v = TEST_COLOR_GREEN;
}

static void
fill_short_name (gpointer v)
{
  *(char **) v = g_strdup ("12345678");
}

static const Case cases[] = {
  { "Person", &test_person_desc, fill_person },
  { "Basics", &test_basics_desc, fill_basics },
  { "Everything", &test_everything_desc, fill_everything },
  { "PersonSeq3", &test_person_seq_desc, fill_person_seq3 },
  { "ShapeRadius", &test_shape_desc, fill_shape_radius },
  { "ShapeLabel2", &test_shape_desc, fill_shape_label2 },
  { "ShapeLabel3", &test_shape_desc, fill_shape_label3 },
  { "ShapeDefault", &test_shape_desc, fill_shape_default },
  { "ChoiceRed", &test_choice_desc, fill_choice_red },
  { "ChoiceGreen", &test_choice_desc, fill_choice_green },
  { "FlagTrue", &test_flag_desc, fill_flag_true },
  { "FlagFalse", &test_flag_desc, fill_flag_false },
  { "Node", &test_node_desc, fill_node },
  { "DoubleSeqEmpty", &test_double_seq_desc, fill_double_seq_empty },
  { "DoubleSeq", &test_double_seq_desc, fill_double_seq },
  { "StringSeq", &test_string_seq_desc, fill_string_seq },
  { "Color", &test_color_desc, fill_color },
  { "ShortName", &test_short_name_desc, fill_short_name },
};

static const char *const streams[] = { "be", "le", "encap" };

/* gorb's bytes for @value in @stream */
static GBytes *
gorb_bytes (const Case *c, gconstpointer value, const char *stream)
{
  g_autoptr (GError) error = NULL;
  GorbCdrWriter w;
  GBytes *bytes;

  if (strcmp (stream, "encap") != 0)
    {
      bytes = gorb_cdr_encode (
          c->type, value, strcmp (stream, "be") == 0 ? GORB_BYTE_ORDER_BIG : GORB_BYTE_ORDER_LITTLE,
          &error);
      GORB_ASSERT_NO_ERROR (error);
      return bytes;
    }
  gorb_cdr_writer_init_encapsulation (&w, GORB_BYTE_ORDER_NATIVE);
  CU_ASSERT_TRUE (gorb_cdr_write_value (&w, c->type, value, &error));
  GORB_ASSERT_NO_ERROR (error);
  return gorb_cdr_writer_steal_bytes (&w);
}

/* decodes omniORB's @bytes with gorb into @value */
static gboolean
gorb_decode (const Case *c, GBytes *bytes, const char *stream, gpointer value, GError **error)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GorbCdrReader r;

  if (strcmp (stream, "encap") != 0)
    return gorb_cdr_decode (
        c->type, data, len,
        strcmp (stream, "be") == 0 ? GORB_BYTE_ORDER_BIG : GORB_BYTE_ORDER_LITTLE, value, error);
  if (!gorb_cdr_reader_init_encapsulation (&r, data, len, error)
      || !gorb_cdr_read_value (&r, c->type, value, error))
    return FALSE;
  CU_ASSERT_EQUAL (gorb_cdr_reader_get_remaining (&r), 0);
  return TRUE;
}

static void
check_case (const char *name)
{
  const Case *c = NULL;
  gpointer value;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (strcmp (cases[i].name, name) == 0)
      c = &cases[i];
  CU_ASSERT_PTR_NOT_NULL_FATAL (c);
  value = gorb_value_new0 (c->type);
  c->fill (value);

  for (guint s = 0; s < G_N_ELEMENTS (streams); s++)
    {
      g_autofree char *key = g_strdup_printf ("%s.%s", name, streams[s]);
      const char *hex = g_hash_table_lookup (omniorb_lines, key);
      g_autoptr (GBytes) theirs = NULL;
      g_autoptr (GBytes) ours = NULL;
      g_autoptr (GError) error = NULL;
      gpointer decoded;

      if (hex == NULL)
        g_printerr ("\n  omniORB printed no line for %s\n", key);
      CU_ASSERT_PTR_NOT_NULL (hex);
      if (hex == NULL)
        continue;
      theirs = cdr_test_hex (hex);
      ours = gorb_bytes (c, value, streams[s]);
      cdr_test_assert_bytes (ours, theirs, key);

      decoded = gorb_value_new0 (c->type);
      CU_ASSERT_TRUE (gorb_decode (c, theirs, streams[s], decoded, &error));
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_TRUE (gorb_value_equal (c->type, value, decoded));
      gorb_value_free (c->type, decoded);
    }
  gorb_value_free (c->type, value);
}

static int
run_omniorb (void)
{
  const char *argv[] = { GORB_CDR_DUMP, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                     &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("\n  %s failed: %s\n%s\n", GORB_CDR_DUMP, error->message, err ? err : "");
      return -1;
    }
  omniorb_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *space = strchr (lines[i], ' ');
      if (space == NULL)
        continue;
      g_hash_table_insert (omniorb_lines, g_strndup (lines[i], space - lines[i]),
                           g_strdup (space + 1));
    }
  return 0;
}

static int
forget_omniorb (void)
{
  g_clear_pointer (&omniorb_lines, g_hash_table_unref);
  return 0;
}

static void
test_every_omniorb_line_is_checked (void)
{
  CU_ASSERT_EQUAL (g_hash_table_size (omniorb_lines), G_N_ELEMENTS (cases) * 3);
}

#define CASE_TEST(Name)                                                                            \
  static void test_##Name (void)                                                                   \
  {                                                                                                \
    check_case (#Name);                                                                            \
  }
CASE_TEST (Person)
CASE_TEST (Basics)
CASE_TEST (Everything)
CASE_TEST (PersonSeq3)
CASE_TEST (ShapeRadius)
CASE_TEST (ShapeLabel2)
CASE_TEST (ShapeLabel3)
CASE_TEST (ShapeDefault)
CASE_TEST (ChoiceRed)
CASE_TEST (ChoiceGreen)
CASE_TEST (FlagTrue)
CASE_TEST (FlagFalse)
CASE_TEST (Node)
CASE_TEST (DoubleSeqEmpty)
CASE_TEST (DoubleSeq)
CASE_TEST (StringSeq)
CASE_TEST (Color)
CASE_TEST (ShortName)

static CU_TestInfo omniorb_tests[] = {
  { "Person", test_Person },
  { "Basics", test_Basics },
  { "Everything", test_Everything },
  { "PersonSeq of 3", test_PersonSeq3 },
  { "Shape radius", test_ShapeRadius },
  { "Shape label (2)", test_ShapeLabel2 },
  { "Shape label (3)", test_ShapeLabel3 },
  { "Shape default", test_ShapeDefault },
  { "Choice RED", test_ChoiceRed },
  { "Choice GREEN", test_ChoiceGreen },
  { "Flag TRUE", test_FlagTrue },
  { "Flag FALSE", test_FlagFalse },
  { "Node tree", test_Node },
  { "empty DoubleSeq", test_DoubleSeqEmpty },
  { "DoubleSeq", test_DoubleSeq },
  { "StringSeq", test_StringSeq },
  { "Color", test_Color },
  { "ShortName at its bound", test_ShortName },
  { "every omniORB line is checked", test_every_omniorb_line_is_checked },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "marshal/cdr-omniorb", run_omniorb, forget_omniorb, NULL, NULL, omniorb_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
