/* tests/marshal/test-variant.c - C values to and from GVariant: types, round trips, errors */
#include "gorb-test.h"
#include "gorb-test-types.h"
#include "gorb-test-objref.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* Helpers */

static char *
variant_type_string (const GorbTypeDesc *type)
{
  g_autoptr (GVariantType) vt = gorb_type_desc_dup_variant_type (type);

  CU_ASSERT_PTR_NOT_NULL_FATAL (vt);
  return g_variant_type_dup_string (vt);
}

/* C -> GVariant -> C, and the variant has the descriptor's type. */
static void
assert_round_trip (const GorbTypeDesc *type, gconstpointer value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) variant = gorb_value_to_variant (type, value, &error);
  g_autoptr (GVariantType) vt = gorb_type_desc_dup_variant_type (type);
  gpointer back = g_malloc (type->size);
  gboolean ok;

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (variant);
  CU_ASSERT_TRUE (g_variant_is_floating (variant));
  g_variant_ref_sink (variant);
  CU_ASSERT_TRUE (g_variant_type_equal (g_variant_get_type (variant), vt));
  memset (back, 0xa5, type->size); /* garbage: the decoder must not read it */
  ok = gorb_value_from_variant (type, variant, back, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (ok);
  CU_ASSERT_TRUE (gorb_value_equal (type, value, back));
  gorb_value_free (type, back);
}

/* Decodes @variant (consumed: floating or not) and expects @code; checks
 * that the value is left zeroed and that @where is in the message. */
static void
assert_decode_fails (const GorbTypeDesc *type, GVariant *variant, GorbMarshalError code,
                     const char *where)
{
  g_autoptr (GError) error = NULL;
  guint8 *value = g_malloc (type->size);

  g_variant_take_ref (variant);
  CU_ASSERT_FALSE (gorb_value_from_variant (type, variant, value, &error));
  GORB_ASSERT_ERROR (error, GORB_MARSHAL_ERROR, code);
  if (where != NULL && strstr (error->message, where) == NULL)
    g_printerr ("\n  '%s' not in: %s\n", where, error->message);
  CU_ASSERT_TRUE (where == NULL || strstr (error->message, where) != NULL);
  for (guint i = 0; i < type->size; i++)
    if (value[i] != 0)
      {
        CU_FAIL ("value not left zeroed after a failure");
        break;
      }
  g_free (value);
  g_variant_unref (variant);
}

/* Returns: (transfer full): as g_variant_parse() */
static GVariant *
parse (const char *type_string, const char *text)
{
  g_autoptr (GError) error = NULL;
  GVariant *v = g_variant_parse (type_string != NULL ? G_VARIANT_TYPE (type_string) : NULL, text,
                                 NULL, NULL, &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  return v;
}

static void
assert_encode_fails (const GorbTypeDesc *type, gconstpointer value, GorbMarshalError code,
                     const char *where)
{
  g_autoptr (GError) error = NULL;
  GVariant *v = gorb_value_to_variant (type, value, &error);

  CU_ASSERT_PTR_NULL (v);
  GORB_ASSERT_ERROR (error, GORB_MARSHAL_ERROR, code);
  if (where != NULL && strstr (error->message, where) == NULL)
    g_printerr ("\n  '%s' not in: %s\n", where, error->message);
  CU_ASSERT_TRUE (where == NULL || strstr (error->message, where) != NULL);
}

/* A chain of @depth nodes, each the only child of the one above. Free it
 * with node_chain_free(): gorb_value_free() stops at the depth limit. */
static TestNode *
node_chain_new (guint depth)
{
  TestNode *root = g_new0 (TestNode, 1);
  TestNode *n = root;

  for (guint i = 0; i < depth; i++)
    {
      n->label = g_strdup_printf ("n%u", i);
      if (i + 1 < depth)
        {
          n->children.len = 1;
          n->children.data = g_new0 (TestNode, 1);
          n = n->children.data;
        }
    }
  return root;
}

static void
node_chain_free (TestNode *root)
{
  TestNode *n = root;

  while (n != NULL)
    {
      TestNode *child = n->children.data;
      g_free (n->label);
      if (n != root)
        g_free (n);
      n = child;
    }
  g_free (root);
}

/* The variant of that chain, built without the C value (as input would be). */
static GVariant *
node_chain_variant (guint depth)
{
  GVariant *v = NULL;

  for (guint i = depth; i-- > 0;)
    {
      g_autofree char *label = g_strdup_printf ("n%u", i);
      GVariant *child = v != NULL ? g_variant_new_variant (v) : NULL;
      GVariant *items[2];
      items[0] = g_variant_new_string (label);
      items[1] = g_variant_new_array (G_VARIANT_TYPE_VARIANT, child != NULL ? &child : NULL,
                                      child != NULL ? 1 : 0);
      v = g_variant_new_tuple (items, 2);
    }
  return v;
}

/* Types */

static void
test_variant_types_of_test_descriptors (void)
{
  static const struct
  {
    const GorbTypeDesc *type;
    const char *expected;
  } cases[] = {
    { &test_person_desc, "(ssi)" },
    { &test_person_seq_desc, "a(ssi)" },
    { &test_octet_seq_desc, "ay" },
    { &test_long_seq_desc, "ai" },
    { &test_double_seq_desc, "ad" },
    { &test_string_seq_desc, "as" },
    { &test_color_desc, "s" },
    { &test_basics_desc, "(byynqiuxtdd)" },
    { &test_shape_desc, "(iv)" },
    { &test_choice_desc, "(sv)" },
    { &test_flag_desc, "(bv)" },
    { &test_year_desc, "i" },
    { &test_short_name_desc, "s" },
    { &test_few_longs_desc, "ai" },
    { &test_matrix_row_desc, "ai" },
    { &test_matrix_desc, "aai" },
    { &test_pair_desc, "a(ssi)" },
    { &test_string_table_desc, "aas" },
    { &test_everything_desc, "(sayaiaaia(ssi)s(iv)iaas(byynqiuxtdd))" },
    { &test_node_desc, "(sav)" },
    { &test_node_seq_desc, "av" },
    { &test_ref_holder_desc, "(si)" },
    { &gorb_type_objref, "s" },
    { &gorb_type_float, "d" },
    { &gorb_type_char, "y" },
  };
  guint n_named = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = variant_type_string (cases[i].type);
      if (strcmp (got, cases[i].expected) != 0)
        g_printerr ("\n  %s: expected %s, got %s\n", cases[i].type->name, cases[i].expected, got);
      CU_ASSERT_STRING_EQUAL (got, cases[i].expected);
    }
  /* and every descriptor of the test IDL is in the table above */
  for (guint i = 0; test_all_types[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (cases); j++)
      if (cases[j].type == test_all_types[i])
        {
          n_named++;
          break;
        }
  CU_ASSERT_EQUAL (n_named, g_strv_length ((char **) test_all_types));
}

static void
test_person_prints_as_a_tuple (void)
{
  TestPerson p = { "Smith", "London", 1934 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) v = gorb_value_to_variant (&test_person_desc, &p, &error);
  g_autofree char *plain = NULL;
  g_autofree char *annotated = NULL;

  GORB_ASSERT_NO_ERROR (error);
  g_variant_ref_sink (v);
  plain = g_variant_print (v, FALSE);
  annotated = g_variant_print (v, TRUE);
  CU_ASSERT_STRING_EQUAL (plain, "('Smith', 'London', 1934)");
  CU_ASSERT_STRING_EQUAL (annotated, "('Smith', 'London', 1934)");
}

/* Round trips */

static void
test_everything_round_trips (void)
{
  TestEverything v;

  test_everything_fill (&v);
  assert_round_trip (&test_everything_desc, &v);
  gorb_value_clear (&test_everything_desc, &v);
}

static void
test_person_seq_of_100_round_trips (void)
{
  TestPersonSeq seq;
  g_autoptr (GVariant) v = NULL;

  test_person_seq_fill (&seq, 100);
  assert_round_trip (&test_person_seq_desc, &seq);
  v = g_variant_ref_sink (gorb_value_to_variant (&test_person_seq_desc, &seq, NULL));
  CU_ASSERT_EQUAL (g_variant_n_children (v), 100);
  gorb_value_clear (&test_person_seq_desc, &seq);

  test_person_seq_fill (&seq, 0); /* empty: still typed a(ssi) */
  assert_round_trip (&test_person_seq_desc, &seq);
}

static void
test_octets_are_one_block (void)
{
  TestOctetSeq seq = { NULL, 256 * 1024 };
  TestDoubleSeq doubles = { NULL, 3 };
  g_autoptr (GVariant) v = NULL;
  gconstpointer data;
  gsize n = 0;

  seq.data = g_malloc (seq.len);
  for (guint i = 0; i < seq.len; i++)
    seq.data[i] = (guint8) (i * 7);
  v = g_variant_ref_sink (gorb_value_to_variant (&test_octet_seq_desc, &seq, NULL));
  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  data = g_variant_get_fixed_array (v, &n, 1);
  CU_ASSERT_EQUAL (n, seq.len);
  CU_ASSERT_EQUAL (memcmp (data, seq.data, seq.len), 0);
  assert_round_trip (&test_octet_seq_desc, &seq);
  gorb_value_clear (&test_octet_seq_desc, &seq);

  doubles.data = g_new (gdouble, 3);
  doubles.data[0] = -0.0;
  doubles.data[1] = DBL_MAX;
  doubles.data[2] = DBL_TRUE_MIN;
  assert_round_trip (&test_double_seq_desc, &doubles);
  gorb_value_clear (&test_double_seq_desc, &doubles);
}

static void
test_node_tree_round_trips (void)
{
  TestNode root = { 0 };
  g_autoptr (GVariant) v = NULL;
  g_autofree char *text = NULL;

  root.label = g_strdup ("root");
  root.children.len = 3;
  root.children.data = g_new0 (TestNode, 3);
  for (guint i = 0; i < 3; i++)
    {
      TestNode *c = &root.children.data[i];
      c->label = g_strdup_printf ("child%u", i);
      if (i == 1)
        {
          c->children.len = 2;
          c->children.data = g_new0 (TestNode, 2);
          c->children.data[0].label = g_strdup ("leaf a");
          c->children.data[1].label = g_strdup ("");
        }
    }
  assert_round_trip (&test_node_desc, &root);
  assert_round_trip (&test_node_seq_desc, &root.children);

  v = g_variant_ref_sink (gorb_value_to_variant (&test_node_desc, &root.children.data[1], NULL));
  text = g_variant_print (v, FALSE);
  CU_ASSERT_STRING_EQUAL (text, "('child1', [<('leaf a', @av [])>, <('', @av [])>])");
  gorb_value_clear (&test_node_desc, &root);

  TestNode *deep = node_chain_new (20);
  assert_round_trip (&test_node_desc, deep);
  node_chain_free (deep);
}

static void
test_every_union_case_round_trips (void)
{
  TestShape shapes[5] = { { 0 } };
  TestChoice red = { TEST_COLOR_RED }, green = { TEST_COLOR_GREEN };
  TestFlag yes = { TRUE }, no = { FALSE };
  g_autoptr (GVariant) v = NULL;
  g_autofree char *text = NULL;

  shapes[0]._d = 1;
  shapes[0]._u.radius = -7;
  shapes[1]._d = 2;
  shapes[1]._u.label = g_strdup ("two");
  shapes[2]._d = 3;
  shapes[2]._u.label = g_strdup ("three");
  shapes[3]._d = 42;
  shapes[3]._u.other = 2.5;
  shapes[4]._d = G_MININT32;
  shapes[4]._u.other = -INFINITY;
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    assert_round_trip (&test_shape_desc, &shapes[i]);

  red._u.who.name = g_strdup ("Smith");
  red._u.who.place = g_strdup ("London");
  red._u.who.year = 1934;
  assert_round_trip (&test_choice_desc, &red);
  v = g_variant_ref_sink (gorb_value_to_variant (&test_choice_desc, &red, NULL));
  text = g_variant_print (v, FALSE);
  CU_ASSERT_STRING_EQUAL (text, "('RED', <('Smith', 'London', 1934)>)");

  green._u.numbers.len = 2;
  green._u.numbers.data = g_new (gint32, 2);
  green._u.numbers.data[0] = 1;
  green._u.numbers.data[1] = -1;
  assert_round_trip (&test_choice_desc, &green);

  yes._u.yes = g_strdup ("indeed");
  no._u.no = -32768;
  assert_round_trip (&test_flag_desc, &yes);
  assert_round_trip (&test_flag_desc, &no);

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    gorb_value_clear (&test_shape_desc, &shapes[i]);
  gorb_value_clear (&test_choice_desc, &red);
  gorb_value_clear (&test_choice_desc, &green);
  gorb_value_clear (&test_flag_desc, &yes);
}

static void
test_ref_holder_nil_and_not (void)
{
  static const char some_text[] = "gorb:IDL:x:1.0;key=6b6579;enc=cdr;ep=tcp://127.0.0.1:5555";
  g_autoptr (TestObjrefs) objrefs = test_objrefs_new ();
  TestRefHolder nil = { NULL, 1 }, some = { NULL, 2 };
  g_autoptr (GVariant) v = NULL;
  g_autoptr (GVariant) w = NULL;
  g_autoptr (GVariant) child = NULL;
  g_autofree char *text = NULL;
  TestRefHolder back;

  /* nil needs no hooks */
  assert_round_trip (&test_ref_holder_desc, &nil);
  v = g_variant_ref_sink (gorb_value_to_variant (&test_ref_holder_desc, &nil, NULL));
  text = g_variant_print (v, FALSE);
  CU_ASSERT_STRING_EQUAL (text, "('', 1)");
  CU_ASSERT_TRUE (gorb_value_from_variant (&test_ref_holder_desc, v, &back, NULL));
  CU_ASSERT_PTR_NULL (back.ref);

  /* an object is its stringified reference, through the hooks */
  test_objrefs_push (objrefs);
  some.ref = test_objrefs_get (objrefs, some_text);
  assert_round_trip (&test_ref_holder_desc, &some);
  w = g_variant_ref_sink (gorb_value_to_variant (&test_ref_holder_desc, &some, NULL));
  child = g_variant_get_child_value (w, 0);
  CU_ASSERT_STRING_EQUAL (g_variant_get_string (child, NULL), some_text);
  test_objrefs_pop ();
}

static void
test_basics_extremes_round_trip (void)
{
  TestBasics max = {
    .b = TRUE,
    .o = G_MAXUINT8,
    .c = (gchar) 0xff,
    .s = G_MAXINT16,
    .us = G_MAXUINT16,
    .l = G_MAXINT32,
    .ul = G_MAXUINT32,
    .ll = G_MAXINT64,
    .ull = G_MAXUINT64,
    .f = FLT_MAX,
    .d = DBL_MAX,
  };
  TestBasics min = {
    .b = FALSE,
    .o = 0,
    .c = 0,
    .s = G_MININT16,
    .us = 0,
    .l = G_MININT32,
    .ul = 0,
    .ll = G_MININT64,
    .ull = 0,
    .f = -FLT_MAX,
    .d = -DBL_MAX,
  };
  TestBasics odd = {
    .b = 7, /* any true value: decodes as TRUE, equal by truth */
    .c = 'z',
    .f = FLT_TRUE_MIN,
    .d = DBL_TRUE_MIN,
  };
  TestBasics special = { .f = INFINITY, .d = -INFINITY };
  TestBasics nan = { .f = NAN, .d = NAN };
  TestBasics back;

  assert_round_trip (&test_basics_desc, &max);
  assert_round_trip (&test_basics_desc, &min);
  assert_round_trip (&test_basics_desc, &odd);
  assert_round_trip (&test_basics_desc, &special);
  assert_round_trip (&test_basics_desc, &nan);

  g_autoptr (GVariant) v
      = g_variant_ref_sink (gorb_value_to_variant (&test_basics_desc, &odd, NULL));
  CU_ASSERT_TRUE (gorb_value_from_variant (&test_basics_desc, v, &back, NULL));
  CU_ASSERT_EQUAL (back.b, TRUE);
}

static void
test_parsed_text_decodes (void)
{
  g_autoptr (GError) error = NULL;
  TestPerson p;
  TestEverything e, back;
  TestNode n;
  g_autoptr (GVariantType) vt = gorb_type_desc_dup_variant_type (&test_everything_desc);
  g_autoptr (GVariant) printed = NULL;
  g_autofree char *text = NULL;
  GVariant *v;

  /* what the CLI does: parse with the descriptor's type, then decode */
  v = parse ("(ssi)", "('Smith', 'London', 1934)");
  CU_ASSERT_TRUE (gorb_value_from_variant (&test_person_desc, v, &p, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (p.name, "Smith");
  CU_ASSERT_STRING_EQUAL (p.place, "London");
  CU_ASSERT_EQUAL (p.year, 1934);
  gorb_value_clear (&test_person_desc, &p);
  g_variant_unref (v);

  v = parse ("(sav)", "('root', [<('a', @av [])>, <('b', [<('c', @av [])>])>])");
  CU_ASSERT_TRUE (gorb_value_from_variant (&test_node_desc, v, &n, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (n.children.len, 2);
  CU_ASSERT_STRING_EQUAL (n.children.data[1].children.data[0].label, "c");
  gorb_value_clear (&test_node_desc, &n);
  g_variant_unref (v);

  /* printed and parsed back: the text form loses nothing */
  test_everything_fill (&e);
  printed = g_variant_ref_sink (gorb_value_to_variant (&test_everything_desc, &e, NULL));
  text = g_variant_print (printed, TRUE);
  v = g_variant_parse (vt, text, NULL, NULL, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_value_from_variant (&test_everything_desc, v, &back, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_value_equal (&test_everything_desc, &e, &back));
  gorb_value_clear (&test_everything_desc, &e);
  gorb_value_clear (&test_everything_desc, &back);
  g_variant_unref (v);
}

/* What arrives from another process: serialised bytes, not trusted. */
static void
test_serialised_bytes_decode (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariantType) vt = gorb_type_desc_dup_variant_type (&test_everything_desc);
  g_autoptr (GVariant) v = NULL;
  g_autoptr (GBytes) bytes = NULL;
  TestEverything e, back;
  gsize len;
  guint n_ok = 0, n_failed = 0;

  test_everything_fill (&e);
  v = g_variant_ref_sink (gorb_value_to_variant (&test_everything_desc, &e, NULL));
  bytes = g_variant_get_data_as_bytes (v);
  len = g_bytes_get_size (bytes);

  /* every byte flipped in turn: decoded or refused, never a crash or leak */
  for (gsize i = 0; i <= len; i++)
    {
      g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), len);
      g_autoptr (GBytes) altered = NULL;
      g_autoptr (GVariant) w = NULL;
      if (i < len)
        data[i] ^= 0xff;
      altered = g_bytes_new (data, len);
      w = g_variant_ref_sink (g_variant_new_from_bytes (vt, altered, FALSE));
      if (gorb_value_from_variant (&test_everything_desc, w, &back, &error))
        {
          n_ok++;
          if (i == len)
            CU_ASSERT_TRUE (gorb_value_equal (&test_everything_desc, &e, &back));
          gorb_value_clear (&test_everything_desc, &back);
        }
      else
        {
          n_failed++;
          g_clear_error (&error);
        }
    }
  CU_ASSERT_TRUE (n_ok > 0 && n_failed > 0);
  gorb_value_clear (&test_everything_desc, &e);
}

/* Decoding errors */

static void
test_wrong_type_at_top_level (void)
{
  g_autoptr (GError) error = NULL;
  TestPerson p;

  assert_decode_fails (&test_person_desc, parse ("(ss)", "('Smith', 'London')"),
                       GORB_MARSHAL_ERROR_TYPE_MISMATCH, "'Person'");
  g_autoptr (GVariant) v = g_variant_ref_sink (g_variant_new_int32 (3));
  CU_ASSERT_FALSE (gorb_value_from_variant (&test_person_desc, v, &p, &error));
  GORB_ASSERT_ERROR (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_TYPE_MISMATCH);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "'(ssi)'"));
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "'i'"));
  assert_decode_fails (&test_node_desc, parse (NULL, "('a', [('b', @av [])])"),
                       GORB_MARSHAL_ERROR_TYPE_MISMATCH, "got 'a(sav)' in 'Node.children'");
}

/* @tuple with its item @index replaced by @replacement (consumed). */
static GVariant *
tuple_with (GVariant *tuple, guint index, GVariant *replacement)
{
  gsize n = g_variant_n_children (tuple);
  GVariant **items = g_new (GVariant *, n);
  GVariant *result;

  for (gsize i = 0; i < n; i++)
    items[i] = i == index ? g_variant_take_ref (replacement) : g_variant_get_child_value (tuple, i);
  result = g_variant_new_tuple (items, n);
  for (gsize i = 0; i < n; i++)
    g_variant_unref (items[i]);
  g_free (items);
  return result;
}

/* Everything with its member @index replaced by @replacement (consumed). */
static GVariant *
everything_with (guint index, GVariant *replacement)
{
  TestEverything e;
  g_autoptr (GVariant) good = NULL;

  test_everything_fill (&e);
  good = g_variant_ref_sink (gorb_value_to_variant (&test_everything_desc, &e, NULL));
  gorb_value_clear (&test_everything_desc, &e);
  return tuple_with (good, index, replacement);
}

static void
test_wrong_type_deep_inside (void)
{
  GVariant *v;
  g_autoptr (GError) error = NULL;
  TestEverything e;

  /* a member of a struct in an array: found by the type check */
  v = g_variant_ref_sink (
      everything_with (4, parse (NULL, "[('a', 'b', int64 1), ('c', 'd', int64 2)]")));
  CU_ASSERT_FALSE (gorb_value_from_variant (&test_everything_desc, v, &e, &error));
  GORB_ASSERT_ERROR (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_TYPE_MISMATCH);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "'Everything.couple[0].year'"));
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "expected a GVariant of type 'i', got 'x'"));
  g_variant_unref (v);

  /* inside a union's variant: found when it is opened */
  v = everything_with (6, parse ("(iv)", "(1, <'not a long'>)"));
  assert_decode_fails (&test_everything_desc, v, GORB_MARSHAL_ERROR_TYPE_MISMATCH,
                       "'Everything.outline.radius'");

  /* inside a recursive sequence's variant */
  assert_decode_fails (&test_node_desc, parse ("(sav)", "('a', [<('b', @av [])>, <'c'>])"),
                       GORB_MARSHAL_ERROR_TYPE_MISMATCH, "'Node.children[1]'");
}

static void
test_union_payload_of_wrong_type (void)
{
  assert_decode_fails (&test_choice_desc, parse ("(sv)", "('RED', <[1, 2]>)"),
                       GORB_MARSHAL_ERROR_TYPE_MISMATCH, "'Choice.who'");
  assert_decode_fails (&test_choice_desc, parse ("(sv)", "('GREEN', <('a', 'b', 1)>)"),
                       GORB_MARSHAL_ERROR_TYPE_MISMATCH, "'Choice.numbers'");
  assert_decode_fails (&test_flag_desc, parse ("(bv)", "(false, <1>)"),
                       GORB_MARSHAL_ERROR_TYPE_MISMATCH, "'Flag.no'");
  /* the discriminator's own type is part of the union's type */
  assert_decode_fails (&test_shape_desc, parse ("(sv)", "('one', <1>)"),
                       GORB_MARSHAL_ERROR_TYPE_MISMATCH, "'Shape'");
}

static void
test_union_without_case (void)
{
  assert_decode_fails (&test_choice_desc, parse ("(sv)", "('BLUE', <0>)"),
                       GORB_MARSHAL_ERROR_BAD_UNION, "discriminator BLUE selects no case");
}

static void
test_unknown_enum_name (void)
{
  assert_decode_fails (&test_color_desc, parse ("s", "'PURPLE'"), GORB_MARSHAL_ERROR_BAD_VALUE,
                       "'PURPLE'");
  assert_decode_fails (&test_color_desc, parse ("s", "'red'"), GORB_MARSHAL_ERROR_BAD_VALUE, NULL);
  assert_decode_fails (&test_choice_desc, parse ("(sv)", "('PINK', <0>)"),
                       GORB_MARSHAL_ERROR_BAD_VALUE, "'Choice._d'");
  assert_decode_fails (&test_everything_desc, everything_with (5, g_variant_new_string ("")),
                       GORB_MARSHAL_ERROR_BAD_VALUE, "'Everything.hue'");
}

static void
test_float_out_of_range (void)
{
  TestBasics b = { 0 };
  g_autoptr (GVariant) good
      = g_variant_ref_sink (gorb_value_to_variant (&test_basics_desc, &b, NULL));

  assert_decode_fails (&test_basics_desc, tuple_with (good, 9, g_variant_new_double (1e300)),
                       GORB_MARSHAL_ERROR_BAD_VALUE, "'Basics.f'");
  assert_decode_fails (&gorb_type_float, g_variant_new_double (-3.5e38),
                       GORB_MARSHAL_ERROR_BAD_VALUE, NULL);
  /* the failure comes after strings were decoded: they are freed (ASan) */
  assert_decode_fails (&test_everything_desc,
                       everything_with (9, tuple_with (good, 9, g_variant_new_double (-1e39))),
                       GORB_MARSHAL_ERROR_BAD_VALUE, "'Everything.primitives.f'");
}

static void
test_wrong_array_length (void)
{
  assert_decode_fails (&test_matrix_desc, parse ("aai", "[[1, 2, 3]]"),
                       GORB_MARSHAL_ERROR_BAD_LENGTH, "'Matrix'");
  assert_decode_fails (&test_matrix_desc, parse ("aai", "[[1, 2, 3], [4, 5]]"),
                       GORB_MARSHAL_ERROR_BAD_LENGTH, "'Matrix[1]'");
  assert_decode_fails (&test_pair_desc,
                       parse ("a(ssi)", "[('a', 'b', 1), ('c', 'd', 2), "
                                        "('e', 'f', 3)]"),
                       GORB_MARSHAL_ERROR_BAD_LENGTH, "'Pair'");
}

static void
test_past_bound (void)
{
  assert_decode_fails (&test_few_longs_desc, parse ("ai", "[1, 2, 3, 4, 5]"),
                       GORB_MARSHAL_ERROR_BAD_LENGTH, "bound 4");
  assert_decode_fails (&test_short_name_desc, parse ("s", "'123456789'"),
                       GORB_MARSHAL_ERROR_BAD_LENGTH, "bound 8");
  assert_decode_fails (&test_everything_desc,
                       everything_with (0, g_variant_new_string ("much too long")),
                       GORB_MARSHAL_ERROR_BAD_LENGTH, "'Everything.short_name'");

  /* at the bound is fine */
  TestFewLongs few;
  g_autoptr (GVariant) v = parse ("ai", "[1, 2, 3, 4]");
  CU_ASSERT_TRUE (gorb_value_from_variant (&test_few_longs_desc, v, &few, NULL));
  CU_ASSERT_EQUAL (few.len, 4);
  gorb_value_clear (&test_few_longs_desc, &few);
}

static void
test_nesting_past_the_limit (void)
{
  TestNode n;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) ok = g_variant_ref_sink (node_chain_variant (GORB_MARSHAL_MAX_DEPTH / 2));

  /* each level is two steps of the path: .children and [0] */
  CU_ASSERT_TRUE (gorb_value_from_variant (&test_node_desc, ok, &n, &error));
  GORB_ASSERT_NO_ERROR (error);
  gorb_value_clear (&test_node_desc, &n);

  assert_decode_fails (&test_node_desc, node_chain_variant (GORB_MARSHAL_MAX_DEPTH / 2 + 1),
                       GORB_MARSHAL_ERROR_TOO_DEEP, "Node.children[0].children[0]");
  assert_decode_fails (&test_node_desc, node_chain_variant (1000), GORB_MARSHAL_ERROR_TOO_DEEP,
                       NULL);
}

/* Encoding errors */

static void
test_null_string_is_refused (void)
{
  TestPerson p = { "Smith", NULL, 1934 };
  TestEverything e;

  assert_encode_fails (&test_person_desc, &p, GORB_MARSHAL_ERROR_INVALID_VALUE, "'Person.place'");
  test_everything_fill (&e);
  g_clear_pointer (&e.table.data[0].data[1], g_free);
  assert_encode_fails (&test_everything_desc, &e, GORB_MARSHAL_ERROR_INVALID_VALUE,
                       "'Everything.table[0][1]'");
  gorb_value_clear (&test_everything_desc, &e);
}

static void
test_unencodable_values_are_refused (void)
{
  TestColor bad_color = 3;
  TestChoice blue = { TEST_COLOR_BLUE };
  TestChoice bad_disc = { (TestColor) -1 };
  TestEverything e;
  gint32 five[5] = { 1, 2, 3, 4, 5 };
  TestFewLongs few = { five, 5 };
  TestLongSeq no_data = { NULL, 2 };
  TestPerson latin1 = { "M\xfcller", "Z\xfcrich", 1 };

  assert_encode_fails (&test_color_desc, &bad_color, GORB_MARSHAL_ERROR_INVALID_VALUE, "'Color'");
  assert_encode_fails (&test_choice_desc, &blue, GORB_MARSHAL_ERROR_INVALID_VALUE,
                       "discriminator BLUE selects no case");
  assert_encode_fails (&test_choice_desc, &bad_disc, GORB_MARSHAL_ERROR_INVALID_VALUE,
                       "'Choice._d'");
  assert_encode_fails (&test_few_longs_desc, &few, GORB_MARSHAL_ERROR_INVALID_VALUE, "bound 4");
  assert_encode_fails (&test_long_seq_desc, &no_data, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL);
  assert_encode_fails (&test_person_desc, &latin1, GORB_MARSHAL_ERROR_BAD_STRING, "'Person.name'");

  test_everything_fill (&e);
  g_free (e.short_name);
  e.short_name = g_strdup ("123456789");
  assert_encode_fails (&test_everything_desc, &e, GORB_MARSHAL_ERROR_INVALID_VALUE,
                       "'Everything.short_name'");
  g_free (e.short_name);
  e.short_name = g_strdup ("12345678");
  e.outline._d = 1; /* the label was a string: now radius */
  g_clear_pointer (&e.outline._u.label, g_free);
  e.outline._u.radius = 5;
  e.hue = 7;
  assert_encode_fails (&test_everything_desc, &e, GORB_MARSHAL_ERROR_INVALID_VALUE,
                       "'Everything.hue'");
  e.hue = TEST_COLOR_GREEN;
  assert_round_trip (&test_everything_desc, &e);
  gorb_value_clear (&test_everything_desc, &e);
}

static void
test_encoding_past_the_limit (void)
{
  TestNode *ok = node_chain_new (GORB_MARSHAL_MAX_DEPTH / 2);
  TestNode *deep = node_chain_new (GORB_MARSHAL_MAX_DEPTH);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) v = gorb_value_to_variant (&test_node_desc, ok, &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL (v);
  assert_encode_fails (&test_node_desc, deep, GORB_MARSHAL_ERROR_TOO_DEEP, "'Node.children[0]");
  node_chain_free (ok);
  node_chain_free (deep);
}

static CU_TestInfo type_tests[] = {
  { "variant types of the test descriptors", test_variant_types_of_test_descriptors },
  { "Person prints as a tuple", test_person_prints_as_a_tuple },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo round_trip_tests[] = {
  { "Everything round-trips", test_everything_round_trips },
  { "PersonSeq of 100 round-trips", test_person_seq_of_100_round_trips },
  { "octets are one block", test_octets_are_one_block },
  { "Node tree round-trips", test_node_tree_round_trips },
  { "every union case round-trips", test_every_union_case_round_trips },
  { "RefHolder nil and not", test_ref_holder_nil_and_not },
  { "Basics extremes round-trip", test_basics_extremes_round_trip },
  { "parsed text decodes", test_parsed_text_decodes },
  { "serialised bytes decode", test_serialised_bytes_decode },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo decode_error_tests[] = {
  { "wrong type at top level", test_wrong_type_at_top_level },
  { "wrong type deep inside", test_wrong_type_deep_inside },
  { "union payload of wrong type", test_union_payload_of_wrong_type },
  { "union without case", test_union_without_case },
  { "unknown enum name", test_unknown_enum_name },
  { "float out of range", test_float_out_of_range },
  { "wrong array length", test_wrong_array_length },
  { "past bound", test_past_bound },
  { "nesting past the limit", test_nesting_past_the_limit },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo encode_error_tests[] = {
  { "NULL string is refused", test_null_string_is_refused },
  { "unencodable values are refused", test_unencodable_values_are_refused },
  { "encoding past the limit", test_encoding_past_the_limit },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "marshal/variant/types", NULL, NULL, NULL, NULL, type_tests },
  { "marshal/variant/round-trip", NULL, NULL, NULL, NULL, round_trip_tests },
  { "marshal/variant/decode-errors", NULL, NULL, NULL, NULL, decode_error_tests },
  { "marshal/variant/encode-errors", NULL, NULL, NULL, NULL, encode_error_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
