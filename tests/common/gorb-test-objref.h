/* gorb-test-objref.h - object-reference hooks for the marshalling tests
 *
 * The codecs turn a GObject into a reference and back through hooks the ORB
 * pushes (gorb-objref.h). These stand-in hooks need no ORB: a test object is
 * a plain GObject carrying a stringified reference (a gorb: URI). Written in
 * CDR it is that reference's CDR form (gorb_ref_write_cdr); in XML and
 * GVariant, the string itself. Reading back gives the one object the table
 * holds for that string, so decoded values compare equal (by pointer) to the
 * originals. An object the table did not make cannot be written.
 */
#pragma once

#include <gorb.h>

G_BEGIN_DECLS

typedef struct _TestObjrefs TestObjrefs;

TestObjrefs *test_objrefs_new (void);
void test_objrefs_free (TestObjrefs *objrefs);

/* The object for @text, made on first use. (transfer none) */
GObject *test_objrefs_get (TestObjrefs *objrefs, const char *text);

/* Pushes the hooks (with @objrefs) on the calling thread, or pops them. */
void test_objrefs_push (TestObjrefs *objrefs);
void test_objrefs_pop (void);

/* How many times the hooks were called since test_objrefs_new(). */
guint test_objrefs_get_n_calls (TestObjrefs *objrefs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestObjrefs, test_objrefs_free)

G_END_DECLS
