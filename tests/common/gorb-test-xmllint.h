/* gorb-test-xmllint.h - validating documents with the real xmllint, for the
 * suites that check XML Schemas (the runtime's and the IDL compiler's) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *xmllint; /* owned; NULL if not installed */
  char *dir;     /* owned: a temporary directory for the files */
  guint n_files;
} GorbTestXmllint;

gboolean gorb_test_xmllint_init (GorbTestXmllint *x, const char *dir_template);
void gorb_test_xmllint_clear (GorbTestXmllint *x);
char *gorb_test_xmllint_write (GorbTestXmllint *x, const char *suffix, const char *data, gsize len);
gboolean gorb_test_xmllint_validates (GorbTestXmllint *x, const char *schema, const char *doc,
                                      gsize doc_len, gboolean expect_valid);

G_END_DECLS
