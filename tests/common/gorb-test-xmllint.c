/* gorb-test-xmllint.c - validating documents with the real xmllint */
#include "gorb-test-xmllint.h"
#include "gorb-test.h"
#include "gorb-test-types.h"

#include <glib/gstdio.h>
#include <string.h>

/* Finds xmllint and makes the temporary directory (from @dir_template, as
 * g_dir_make_tmp takes it); says what is missing and returns FALSE if either
 * fails: call it from a suite init, which then fails. */
gboolean
gorb_test_xmllint_init (GorbTestXmllint *x, const char *dir_template)
{
  g_autoptr (GError) error = NULL;

  memset (x, 0, sizeof *x);
  x->xmllint = g_find_program_in_path ("xmllint");
  if (x->xmllint == NULL)
    g_printerr ("\n  xmllint is not in PATH: install libxml2-utils\n");
  x->dir = g_dir_make_tmp (dir_template, &error);
  if (x->dir == NULL)
    g_printerr ("\n  cannot make a temporary directory: %s\n", error->message);
  return x->xmllint != NULL && x->dir != NULL;
}

/* Removes the directory and everything in it. */
void
gorb_test_xmllint_clear (GorbTestXmllint *x)
{
  if (x->dir != NULL)
    {
      GDir *dir = g_dir_open (x->dir, 0, NULL);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (x->dir, name, NULL);
          g_unlink (path);
        }
      if (dir != NULL)
        g_dir_close (dir);
      g_rmdir (x->dir);
    }
  g_clear_pointer (&x->dir, g_free);
  g_clear_pointer (&x->xmllint, g_free);
}

/* Writes @data to a new file of the directory; returns its path (free it). */
char *
gorb_test_xmllint_write (GorbTestXmllint *x, const char *suffix, const char *data, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("f%03u.%s", x->n_files++, suffix);
  char *path = g_build_filename (x->dir, name, NULL);

  g_file_set_contents (path, data, (gssize) len, &error);
  GORB_ASSERT_NO_ERROR (error);
  return path;
}

/* Runs xmllint on @doc against @schema; TRUE if it says the document is
 * valid. Asserts that the schema itself compiled; shows xmllint's output
 * when its verdict differs from @expect_valid. */
gboolean
gorb_test_xmllint_validates (GorbTestXmllint *x, const char *schema, const char *doc, gsize doc_len,
                             gboolean expect_valid)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *xsd_path = gorb_test_xmllint_write (x, "xsd", schema, strlen (schema));
  g_autofree char *doc_path = gorb_test_xmllint_write (x, "xml", doc, doc_len);
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { x->xmllint, "--noout", "--nonet", "--schema", xsd_path, doc_path, NULL };
  gint status = -1;
  gboolean valid;

  CU_ASSERT_TRUE_FATAL (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                      &err, &status, &error));
  GORB_ASSERT_NO_ERROR (error);
  valid = g_spawn_check_wait_status (status, NULL);
  CU_ASSERT_PTR_NULL (strstr (err, "failed to compile")); /* the schema itself is fine */
  if (valid != expect_valid)
    g_printerr ("\n  xmllint %s %s:\n%s\n--- schema ---\n%s\n--- document ---\n%.*s\n",
                valid ? "accepted" : "refused", doc_path, err, schema, (int) doc_len, doc);
  return valid;
}

/* @value of @type encoded, @old replaced by @replacement: refused. */
static void
check_broken (GorbTestXmllint *x, GorbTestSchemaFunc schema_for, gpointer data,
              const GorbTypeDesc *type, gconstpointer value, const char *old,
              const char *replacement)
{
  g_autofree char *schema = schema_for (type, data);
  g_autoptr (GBytes) doc = gorb_xml_encode (type, value, NULL, NULL);
  g_autoptr (GString) s = g_string_new (g_bytes_get_data (doc, NULL));

  CU_ASSERT_EQUAL_FATAL (g_string_replace (s, old, replacement, 1), 1);
  CU_ASSERT_FALSE (gorb_test_xmllint_validates (x, schema, s->str, s->len, FALSE));
}

void
gorb_test_xmllint_check_broken (GorbTestXmllint *x, GorbTestSchemaFunc schema_for, gpointer data)
{
  TestPerson p = { "Smith", "London", 1934 };
  TestEverything v;
  TestShape shape = { ._d = 1, ._u.radius = 3 };
  const struct
  {
    const char *old, *replacement;
  } everything[] = {
    { "<hue>BLUE</hue>", "<hue>PURPLE</hue>" },
    { "<short_name>gorb</short_name>", "<short_name>123456789</short_name>" },
    { "<item>2147483647</item>", "<item>2147483647</item><item>1</item><item>2</item>" },
    { "<item>2</item>", "" },
    { "<c>z</c>", "<c>zz</c>" },
    { "<o>171</o>", "<o>256</o>" },
    { "<b>true</b>", "<b>yes</b>" },
    { "<Everything>", "<Everythink>" },
  };

  check_broken (x, schema_for, data, &test_person_desc, &p, "<place>London</place>",
                "<plase>London</plase>");
  check_broken (x, schema_for, data, &test_person_desc, &p, "<year>1934</year>", "");
  check_broken (x, schema_for, data, &test_person_desc, &p, "<year>1934</year>",
                "<year>1934</year><age>1</age>");
  check_broken (x, schema_for, data, &test_person_desc, &p, "<year>1934</year>",
                "<year>3000000000</year>");
  check_broken (x, schema_for, data, &test_shape_desc, &shape, "<radius>3</radius>", "");
  test_everything_fill (&v);
  for (gsize i = 0; i < G_N_ELEMENTS (everything); i++)
    check_broken (x, schema_for, data, &test_everything_desc, &v, everything[i].old,
                  everything[i].replacement);
  gorb_value_clear (&test_everything_desc, &v);
}
