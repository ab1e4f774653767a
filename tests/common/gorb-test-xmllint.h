/* gorb-test-xmllint.h - validating documents with the real xmllint, for the
 * suites that check XML Schemas (the runtime's and the IDL compiler's) */
#pragma once

#include <gorb.h>

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

/* The schema a suite checks documents of @type against (owned by caller). */
typedef char *(*GorbTestSchemaFunc) (const GorbTypeDesc *type, gpointer data);

/* Asserts that documents of gorb-test-types.idl's types, each broken in
 * one way (an unknown or missing member, an extra one, a value out of
 * range, a bad enumerator, a string past its bound, a sequence past its
 * bound, a bad boolean, a wrong root), are refused by the schema
 * @schema_for gives: one list for the runtime's schemas and the IDL
 * compiler's. */
void gorb_test_xmllint_check_broken (GorbTestXmllint *x, GorbTestSchemaFunc schema_for,
                                     gpointer data);

G_END_DECLS
