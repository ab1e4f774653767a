/* consumer.c - uses an installed libgorb: encodes a Person in CDR, decodes it back.
 * Built through find_package(Gorb) (CMakeLists.txt), it also round-trips a
 * Consumer::Item, whose type and descriptor gorb_idl_generate() made from
 * consumer.idl with the installed gorb-idlc (CONSUMER_HAVE_IDL); built
 * through pkg-config, only the hand-written Person descriptor is used. */
#include <gorb.h>
#include <stdio.h>
#include <string.h>
#ifdef CONSUMER_HAVE_IDL
#include "consumer.h"
#endif

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

#ifdef CONSUMER_HAVE_IDL
/* Round-trips a Consumer::Item through CDR with the generated descriptor. */
static gboolean
item_round_trip (void)
{
  ConsumerItem in = { "lamp", CONSUMER_SHADE_DARK, 3 };
  g_auto (ConsumerItem) out = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes
      = gorb_cdr_encode (&consumer_item_desc, &in, GORB_BYTE_ORDER_LITTLE, &error);
  gsize len;
  const guint8 *data;

  if (bytes == NULL)
    {
      fprintf (stderr, "consumer: Item: %s\n", error->message);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &len);
  if (!gorb_cdr_decode (&consumer_item_desc, data, len, GORB_BYTE_ORDER_LITTLE, &out, &error))
    {
      fprintf (stderr, "consumer: Item: %s\n", error->message);
      return FALSE;
    }
  printf ("consumer: %zu bytes, %s, shade %d, count %d\n", len, out.label, (int) out.shade,
          out.count);
  /* string "lamp" (4 + 5, padded to 12), enum (4), long (4) */
  return gorb_value_equal (&consumer_item_desc, &in, &out) && len == 20
         && out.shade == CONSUMER_SHADE_DARK
         && strcmp (consumer_item_desc.repo_id, "IDL:Consumer/Item:1.0") == 0;
}
#endif

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
#ifdef CONSUMER_HAVE_IDL
  if (!item_round_trip ())
    return 1;
#endif
  return same && len == 28 ? 0 : 1;
}
