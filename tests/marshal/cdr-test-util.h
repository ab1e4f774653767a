/* cdr-test-util.h - helpers shared by the CDR test executables */
#pragma once

#include "gorb-test.h"
#include "gorb-test-types.h"

G_BEGIN_DECLS

/* Bytes from hex digits; spaces (used to show fields and padding) are
 * ignored. Aborts the test run on anything else: it is test data. */
GBytes *cdr_test_hex (const char *hex);

/* Lower-case hex of @bytes, without spaces. */
char *cdr_test_to_hex (GBytes *bytes);

/* Asserts that @actual and @expected are the same bytes; prints both and
 * the first difference otherwise. @what names the case. */
void cdr_test_assert_bytes (GBytes *actual, GBytes *expected, const char *what);

/* Asserts that @error is @code and that its message mentions every
 * non-NULL string of the NULL-terminated list. */
void cdr_test_assert_error (const GError *error, GorbMarshalError code, ...) G_GNUC_NULL_TERMINATED;

/* Heap-allocated Node trees: a label and children, all g_malloc'ed. */
TestNode *cdr_test_node_new (const char *label, guint n_children);
/* A chain of @depth nodes, each the only child of the one before. */
void cdr_test_node_chain (TestNode *root, guint depth);
/* A full tree: @depth levels below @root, @branching children each. */
void cdr_test_node_tree (TestNode *root, guint depth, guint branching);

G_END_DECLS
