/* fuzz-seeds.c - writes valid inputs for fuzz-cdr and fuzz-xml: one value of
 * every test type, in both byte orders and in XML; with WIRE_DIR, requests for
 * fuzz-wire: [header length][header][body] for each PersonList operation;
 * with JSON_DIR, the same values as JSON for fuzz-json (plus one of extreme
 * numbers); with NAME_DIR, names in their string form for fuzz-naming-name.
 * Usage: gorb-fuzz-seeds CDR_DIR XML_DIR [WIRE_DIR [JSON_DIR [NAME_DIR]]] */
#include "fuzz-common.h"
#include "Person.h"
#include "gorb-json.h"
#include "gorb-naming.h"

#include <math.h>

#include <glib/gstdio.h>
#include <string.h>

/* Gives every string and char of a zeroed value (through structs and
 * arrays) a text: a NULL string cannot be encoded at all, nor a NUL char in XML. */
static void
fill_strings (const GorbTypeDesc *type, gpointer value)
{
  type = gorb_type_desc_resolve (type);
  switch (type->kind)
    {
    case GORB_TK_STRING:
      *(char **) value = g_strdup ("seed");
      break;
    case GORB_TK_CHAR: /* NUL cannot be carried in XML */
      *(gchar *) value = 'x';
      break;
    case GORB_TK_STRUCT:
      for (guint i = 0; i < type->n_members; i++)
        fill_strings (type->members[i].type, (guint8 *) value + type->members[i].offset);
      break;
    case GORB_TK_ARRAY:
      for (guint i = 0; i < type->bound; i++)
        fill_strings (type->content, (guint8 *) value + (gsize) i * type->content->size);
      break;
    default:
      break;
    }
}

static gpointer
sample_value (const GorbTypeDesc *type)
{
  gpointer value = gorb_value_new0 (type);

  if (type == &test_everything_desc)
    test_everything_fill (value);
  else if (type == &test_person_seq_desc)
    test_person_seq_fill (value, 3);
  else if (type == &test_choice_desc)
    ((TestChoice *) value)->_d = TEST_COLOR_GREEN; /* RED would need a Person */
  else
    fill_strings (type, value);
  return value;
}

static void
write_seed (const char *dir, guint index, const char *suffix, guint8 prefix0, gint prefix1,
            const guint8 *data, gsize len)
{
  g_autofree char *name = g_strdup_printf ("%s/seed-%02u-%s", dir, index, suffix);
  g_autoptr (GByteArray) bytes = g_byte_array_new ();

  g_byte_array_append (bytes, &prefix0, 1);
  if (prefix1 >= 0)
    {
      guint8 b = (guint8) prefix1;
      g_byte_array_append (bytes, &b, 1);
    }
  g_byte_array_append (bytes, data, (guint) len);
  if (!g_file_set_contents (name, (const char *) bytes->data, bytes->len, NULL))
    g_printerr ("fuzz-seeds: cannot write %s\n", name);
}

static void
write_wire_seeds (const char *dir)
{
  DemoPerson smith = { "Smith", "London", 1934 };
  char *name = "Smith";
  gpointer add_args[] = { &smith };
  gpointer get_args[] = { &name, NULL };
  const struct
  {
    const char *op;
    gpointer *args;
  } calls[] = { { "addPerson", add_args },
                { "getPerson", get_args },
                { "number", NULL },
                { "_get_listname", NULL } };
  guint n = 0;

  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    for (gint variant = 0; variant < 3; variant++)
      {
        const GorbOperationDesc *op
            = gorb_interface_find_operation (&demo_person_list_desc, calls[i].op);
        GorbMessageHeader h = { 0 };
        g_autoptr (GError) error = NULL;

        h.type = GORB_MESSAGE_REQUEST;
        h.byte_order = variant == 0 ? GORB_BYTE_ORDER_BIG : GORB_BYTE_ORDER_LITTLE;
        h.encoding = variant == 2 ? GORB_ENCODING_XML : GORB_ENCODING_CDR;
        h.response_expected = TRUE;
        h.request_id = 1 + n;
        h.object_key = (const guint8 *) "0123456789abcdef01234567";
        h.object_key_len = 24;
        h.operation = op->name;
        g_autoptr (GBytes) header = gorb_wire_encode_header (&h);
        g_autoptr (GBytes) body
            = gorb_body_encode_request (op, calls[i].args, h.encoding, h.byte_order, &error);
        if (header == NULL || body == NULL)
          {
            g_printerr ("fuzz-seeds: %s: %s\n", op->name, error ? error->message : "no header");
            continue;
          }
        gsize hlen, blen;
        const guint8 *hdata = g_bytes_get_data (header, &hlen);
        const guint8 *bdata = g_bytes_get_data (body, &blen);
        g_autoptr (GByteArray) seed = g_byte_array_new ();
        guint8 len_le[2] = { (guint8) (hlen & 0xff), (guint8) (hlen >> 8) };
        g_byte_array_append (seed, len_le, 2);
        g_byte_array_append (seed, hdata, (guint) hlen);
        g_byte_array_append (seed, bdata, (guint) blen);
        g_autofree char *path = g_strdup_printf ("%s/seed-wire-%02u", dir, n++);
        if (!g_file_set_contents (path, (const char *) seed->data, seed->len, NULL))
          g_printerr ("fuzz-seeds: cannot write %s\n", path);
      }
}

static GObject *
json_sample_ref (void)
{
  static const guint8 key[] = "0123456789abcdef01234567";
  const char *endpoints[] = { "tcp://127.0.0.1:2809", NULL };
  g_autoptr (GorbRef) ref
      = gorb_ref_new ("IDL:Test/Thing:1.0", key, sizeof key - 1, GORB_ENCODING_CDR, endpoints);

  return gorb_json_objref_new (ref);
}

static void
write_json_seed (const char *dir, guint index, const char *suffix, const GorbTypeDesc *type,
                 gconstpointer value)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = gorb_json_write_value (type, value, &error);

  if (json == NULL)
    g_printerr ("fuzz-seeds: %s: %s\n", type->name, error->message);
  else
    write_seed (dir, index, suffix, (guint8) index, -1, (const guint8 *) json, strlen (json));
}

/* Test::Basics at the edges: NaN, -0, infinities, the widest integers,
 * a subnormal, chars past ASCII. */
static void
write_json_extremes (const char *dir)
{
  for (guint i = 0; test_all_types[i] != NULL; i++)
    if (test_all_types[i] == &test_basics_desc)
      {
        TestBasics b = { .b = TRUE,
                         .o = 255,
                         .c = (gchar) 0xe9,
                         .s = G_MININT16,
                         .us = G_MAXUINT16,
                         .l = G_MININT32,
                         .ul = G_MAXUINT32,
                         .ll = G_MININT64,
                         .ull = G_MAXUINT64,
                         .f = -0.0f,
                         .d = NAN };
        write_json_seed (dir, i, "json-edge", &test_basics_desc, &b);
        b.c = 0;
        b.f = INFINITY;
        b.d = 4.9e-324;
        b.ll = (gint64) 1 << 53;
        write_json_seed (dir, i, "json-edge2", &test_basics_desc, &b);
      }
}

/* Names for fuzz-naming-name: plain, with kinds, empty kinds, escapes,
 * bytes past ASCII. */
static void
write_name_seeds (const char *dir)
{
  static const char *const names[] = {
    "a",
    "a/b.kind/c",
    "a\\/b",
    "x\\.y.z",
    "id.",
    "a.b/c.d/e.f",
    "\\\\",
    "dir\\\\/x.k\\.k",
    "caf\xc3\xa9.t\xe9xt",
    "one/two/three/four/five",
  };

  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/seed-name-%02u", dir, i);
      if (!g_file_set_contents (path, names[i], -1, NULL))
        g_printerr ("fuzz-seeds: cannot write %s\n", path);
    }
}

int
main (int argc, char **argv)
{
  const char *json_dir = argc > 4 ? argv[4] : NULL;

  if (argc < 3 || argc > 6)
    {
      g_printerr ("usage: %s CDR_DIR XML_DIR [WIRE_DIR [JSON_DIR [NAME_DIR]]]\n", argv[0]);
      return 2;
    }
  if (argc > 3)
    write_wire_seeds (argv[3]);
  if (json_dir != NULL)
    {
      g_mkdir_with_parents (json_dir, 0755);
      write_json_extremes (json_dir);
    }
  if (argc > 5)
    write_name_seeds (argv[5]);
  g_mkdir_with_parents (argv[1], 0755);
  g_mkdir_with_parents (argv[2], 0755);
  for (guint i = 0; test_all_types[i] != NULL; i++)
    {
      const GorbTypeDesc *type = test_all_types[i];
      g_autoptr (GError) error = NULL;
      gpointer value = sample_value (type);
      gsize len;

      for (gint order = 0; order < 2; order++)
        {
          g_autoptr (GBytes) cdr = gorb_cdr_encode (type, value, (GorbByteOrder) order, &error);
          if (cdr == NULL)
            {
              g_printerr ("fuzz-seeds: %s: %s\n", type->name, error->message);
              g_clear_error (&error);
              continue;
            }
          const guint8 *data = g_bytes_get_data (cdr, &len);
          write_seed (argv[1], i, order ? "le" : "be", (guint8) i, order, data, len);
        }
      g_autoptr (GBytes) xml = gorb_xml_encode (type, value, NULL, &error);
      if (xml != NULL)
        {
          const guint8 *data = g_bytes_get_data (xml, &len);
          write_seed (argv[2], i, "xml", (guint8) i, -1, data, len);
        }
      else
        g_printerr ("fuzz-seeds: %s: %s\n", type->name, error->message);
      if (json_dir != NULL && type == &test_ref_holder_desc)
        { /* nil above; in JSON, also a reference (CDR and XML would need an ORB) */
          write_json_seed (json_dir, i, "json-nil", type, value);
          ((TestRefHolder *) value)->ref = json_sample_ref ();
        }
      if (json_dir != NULL)
        write_json_seed (json_dir, i, "json", type, value);
      gorb_value_free (type, value);
    }
  return 0;
}
