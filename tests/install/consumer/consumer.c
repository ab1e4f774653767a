/* consumer.c - uses an installed libgorb: encodes a Person in CDR, decodes it back */
#include <gorb.h>
#include <stdio.h>

typedef struct
{
  char *name;
  char *place;
  gint32 year;
} Person;

static const GorbMemberDesc person_members[] = {
  GORB_MEMBER (Person, name, &gorb_type_string),
  GORB_MEMBER (Person, place, &gorb_type_string),
  GORB_MEMBER (Person, year, &gorb_type_long),
};
static const GorbTypeDesc person_desc = {
  .kind = GORB_TK_STRUCT,
  .size = sizeof (Person),
  .align = _Alignof(Person),
  .name = "Demo::Person",
  .repo_id = "IDL:Demo/Person:1.0",
  .n_members = 3,
  .members = person_members,
};

int
main (void)
{
  Person in = { "Smith", "London", 1934 }, out;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = gorb_cdr_encode (&person_desc, &in, GORB_BYTE_ORDER_BIG, &error);
  gsize len;
  const guint8 *data;

  if (bytes == NULL)
    {
      fprintf (stderr, "consumer: %s\n", error->message);
      return 1;
    }
  data = g_bytes_get_data (bytes, &len);
  if (!gorb_cdr_decode (&person_desc, data, len, GORB_BYTE_ORDER_BIG, &out, &error))
    {
      fprintf (stderr, "consumer: %s\n", error->message);
      return 1;
    }
  printf ("consumer: %zu bytes, %s of %s, %d\n", len, out.name, out.place, out.year);
  gboolean same = gorb_value_equal (&person_desc, &in, &out);
  gorb_value_clear (&person_desc, &out);
  return same && len == 28 ? 0 : 1;
}
