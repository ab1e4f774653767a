/* gorb-test-xmllint.c - validating documents with the real xmllint */
#include "gorb-test-xmllint.h"
#include "gorb-test.h"

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
