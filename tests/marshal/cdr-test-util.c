/* cdr-test-util.c - helpers shared by the CDR test executables */
#include "cdr-test-util.h"

#include <string.h>

GBytes *
cdr_test_hex (const char *hex)
{
  GByteArray *out = g_byte_array_new ();
  int high = -1;

  for (const char *p = hex; *p != '\0'; p++)
    {
      int digit;
      if (*p == ' ' || *p == '\n')
        continue;
      digit = g_ascii_xdigit_value (*p);
      if (digit < 0)
        g_error ("bad hex digit '%c' in test data \"%s\"", *p, hex);
      if (high < 0)
        high = digit;
      else
        {
          guint8 byte = (guint8) (high << 4 | digit);
          g_byte_array_append (out, &byte, 1);
          high = -1;
        }
    }
  if (high >= 0)
    g_error ("odd number of hex digits in test data \"%s\"", hex);
  return g_byte_array_free_to_bytes (out);
}

char *
cdr_test_to_hex (GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GString *s = g_string_sized_new (2 * len + 1);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02x", data[i]);
  return g_string_free (s, FALSE);
}

void
cdr_test_assert_bytes (GBytes *actual, GBytes *expected, const char *what)
{
  gboolean same;

  CU_ASSERT_PTR_NOT_NULL_FATAL (actual);
  same = g_bytes_equal (actual, expected);
  if (!same)
    {
      g_autofree char *a = cdr_test_to_hex (actual);
      g_autofree char *e = cdr_test_to_hex (expected);
      gsize i = 0;
      while (a[i] != '\0' && a[i] == e[i])
        i++;
      g_printerr ("\n  %s: bytes differ at byte %" G_GSIZE_FORMAT "\n    actual   %s\n"
                  "    expected %s\n",
                  what, i / 2, a, e);
    }
  CU_ASSERT_TRUE (same);
}

void
cdr_test_assert_error (const GError *error, GorbMarshalError code, ...)
{
  va_list args;
  const char *needle;

  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  if (!g_error_matches (error, GORB_MARSHAL_ERROR, (gint) code))
    g_printerr ("\n  expected code %d, got %s:%d: %s\n", code, g_quark_to_string (error->domain),
                error->code, error->message);
  CU_ASSERT_TRUE (g_error_matches (error, GORB_MARSHAL_ERROR, (gint) code));
  va_start (args, code);
  while ((needle = va_arg (args, const char *)) != NULL)
    {
      gboolean found = strstr (error->message, needle) != NULL;
      if (!found)
        g_printerr ("\n  message \"%s\" does not mention \"%s\"\n", error->message, needle);
      CU_ASSERT_TRUE (found);
    }
  va_end (args);
}

TestNode *
cdr_test_node_new (const char *label, guint n_children)
{
  TestNode *node = g_new0 (TestNode, 1);

  node->label = g_strdup (label);
  node->children.len = n_children;
  node->children.data = n_children > 0 ? g_new0 (TestNode, n_children) : NULL;
  return node;
}

void
cdr_test_node_chain (TestNode *root, guint depth)
{
  TestNode *node = root;

  for (guint i = 0; i < depth; i++)
    {
      node->children.len = 1;
      node->children.data = g_new0 (TestNode, 1);
      node = &node->children.data[0];
      node->label = g_strdup_printf ("n%u", i + 1);
    }
}

void
cdr_test_node_tree (TestNode *root, guint depth, guint branching)
{
  if (depth == 0)
    return;
  root->children.len = branching;
  root->children.data = g_new0 (TestNode, branching);
  for (guint i = 0; i < branching; i++)
    {
      TestNode *child = &root->children.data[i];
      child->label = g_strdup_printf ("%s.%u", root->label, i);
      cdr_test_node_tree (child, depth - 1, branching);
    }
}
