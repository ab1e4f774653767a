/* person-demo.c - the textbook Person {"Smith", "London", 1934} in CORBA CDR
 * (both byte orders), in XML with its schema, and as a GVariant, each decoded
 * back and compared with the original.
 *
 * The descriptor below is what gorb-idlc will emit for
 *   module Demo { struct Person { string name; string place; long year; }; };
 */
#include <gorb.h>
#include <stdio.h>

typedef struct
{
  char *name;
  char *place;
  gint32 year;
} DemoPerson;

static const GorbMemberDesc person_members[] = {
  GORB_MEMBER (DemoPerson, name, &gorb_type_string),
  GORB_MEMBER (DemoPerson, place, &gorb_type_string),
  GORB_MEMBER (DemoPerson, year, &gorb_type_long),
};
static const GorbTypeDesc demo_person_desc = {
  .kind = GORB_TK_STRUCT,
  .size = sizeof (DemoPerson),
  .align = _Alignof(DemoPerson),
  .name = "Demo::Person",
  .repo_id = "IDL:Demo/Person:1.0",
  .n_members = G_N_ELEMENTS (person_members),
  .members = person_members,
};

static void
print_hex (const guint8 *data, gsize len)
{
  for (gsize i = 0; i < len; i++)
    printf ("%s%02x", i == 0 ? "  " : i % 16 == 0 ? "\n  " : " ", data[i]);
  printf ("\n");
}

static gboolean
check_same (const char *what, const DemoPerson *in, DemoPerson *out)
{
  gboolean same = gorb_value_equal (&demo_person_desc, in, out);

  printf ("  decoded back: {\"%s\", \"%s\", %d}: %s\n\n", out->name, out->place, out->year,
          same ? "identical" : "DIFFERENT");
  gorb_value_clear (&demo_person_desc, out);
  if (!same)
    fprintf (stderr, "person-demo: %s round trip changed the value\n", what);
  return same;
}

static gboolean
show_cdr (const DemoPerson *person, GorbByteOrder order, GError **error)
{
  g_autoptr (GBytes) bytes = gorb_cdr_encode (&demo_person_desc, person, order, error);
  DemoPerson back;
  const guint8 *data;
  gsize len;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  printf ("CDR, %s endian, %zu bytes:\n", order == GORB_BYTE_ORDER_BIG ? "big" : "little", len);
  print_hex (data, len);
  if (!gorb_cdr_decode (&demo_person_desc, data, len, order, &back, error))
    return FALSE;
  return check_same ("CDR", person, &back);
}

static gboolean
show_xml (const DemoPerson *person, GError **error)
{
  g_autoptr (GBytes) doc = gorb_xml_encode (&demo_person_desc, person, NULL, error);
  g_autofree char *schema = NULL;
  DemoPerson back;
  gsize len;
  const char *text;

  if (doc == NULL)
    return FALSE;
  text = g_bytes_get_data (doc, &len);
  printf ("XML, %zu bytes:\n%.*s", len, (int) len, text);
  if (!gorb_xml_decode (&demo_person_desc, text, len, NULL, &back, error))
    return FALSE;
  if (!check_same ("XML", person, &back))
    return FALSE;
  schema = gorb_xml_schema_for_type (&demo_person_desc, NULL);
  printf ("XML Schema for Demo::Person:\n%s\n", schema);
  return TRUE;
}

static gboolean
show_variant (const DemoPerson *person, GError **error)
{
  g_autoptr (GVariant) variant = gorb_value_to_variant (&demo_person_desc, person, error);
  g_autofree char *text = NULL;
  DemoPerson back;

  if (variant == NULL)
    return FALSE;
  g_variant_ref_sink (variant);
  text = g_variant_print (variant, TRUE);
  printf ("GVariant %s:\n  %s\n", g_variant_get_type_string (variant), text);
  if (!gorb_value_from_variant (&demo_person_desc, variant, &back, error))
    return FALSE;
  return check_same ("GVariant", person, &back);
}

int
main (void)
{
  const DemoPerson smith = { "Smith", "London", 1934 };
  g_autoptr (GError) error = NULL;

  printf ("Demo::Person {name = \"%s\", place = \"%s\", year = %d}\n\n", smith.name, smith.place,
          smith.year);
  if (!show_cdr (&smith, GORB_BYTE_ORDER_BIG, &error)
      || !show_cdr (&smith, GORB_BYTE_ORDER_LITTLE, &error) || !show_xml (&smith, &error)
      || !show_variant (&smith, &error))
    {
      if (error != NULL)
        fprintf (stderr, "person-demo: %s\n", error->message);
      return 1;
    }
  return 0;
}
