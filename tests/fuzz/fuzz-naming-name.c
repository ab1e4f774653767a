/* fuzz-naming-name.c - libFuzzer target for the string form of naming
 * service names (gorb_naming_name_parse). Input: arbitrary bytes, parsed as
 * a NUL-terminated string (a NUL inside ends it). Whatever parses must be a
 * valid name, print with gorb_naming_name_to_string() and parse back to an
 * equal name (ids and kinds); a failure must come with an InvalidName error. */
#include "gorb-naming.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
require (gboolean condition, const char *what, const GError *error)
{
  if (!condition)
    {
      g_printerr ("fuzz: %s%s%s\n", what, error ? ": " : "", error ? error->message : "");
      abort ();
    }
}

static gboolean
names_equal (const GorbNamingName *a, const GorbNamingName *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint32 i = 0; i < a->len; i++)
    if (g_strcmp0 (a->data[i].id, b->data[i].id) != 0
        || g_strcmp0 (a->data[i].kind, b->data[i].kind) != 0)
      return FALSE;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (GError) error = NULL;
  GorbNamingName name = { 0 }, again = { 0 };

  if (!gorb_naming_name_parse (text, &name, &error))
    {
      require (error != NULL && error->domain == GORB_NAMING_INVALID_NAME_ERROR,
               "failure without an InvalidName error", error);
      require (name.len == 0 && name.data == NULL, "failure left a name", NULL);
      return 0;
    }
  require (gorb_naming_name_check (&name, &error), "parsed name does not check", error);
  for (guint32 i = 0; i < name.len; i++)
    require (name.data[i].id != NULL && name.data[i].kind != NULL, "NULL id or kind", NULL);
  g_autofree char *string = gorb_naming_name_to_string (&name, &error);
  require (string != NULL, "parsed name does not print", error);
  require (gorb_naming_name_parse (string, &again, &error), "printed name does not parse", error);
  require (names_equal (&name, &again), "round trip changed the name", NULL);
  /* printing is canonical: the reparsed name prints the same */
  g_autofree char *string2 = gorb_naming_name_to_string (&again, &error);
  require (string2 != NULL && strcmp (string, string2) == 0, "second print differs", error);
  gorb_value_clear (&gorb_naming_name_desc, &name);
  gorb_value_clear (&gorb_naming_name_desc, &again);
  return 0;
}
