/* gorb-objref.h - object references inside values
 *
 * The C value of an object reference (GORB_TK_OBJREF) is a GObject *: a
 * GorbProxy, a local servant, or %NULL for a nil reference; a value owns a
 * reference to it (gorb_value_clear unrefs it, gorb_value_copy refs it,
 * gorb_value_equal compares the pointers).
 *
 * The codecs do not know how an object becomes a reference (a proxy has one;
 * a servant is exported on the fly) nor how a reference becomes an object (a
 * proxy, or the servant itself if it lives in this process): the ORB tells
 * them through hooks it pushes on the marshalling thread for the duration of
 * one marshalling (gorb_objref_hooks_push / _pop). Without hooks, a nil
 * reference still encodes and decodes; any other is an error
 * (INVALID_VALUE on encoding, BAD_VALUE on decoding: "no ORB to ...").
 *
 * Forms: in CDR, a reference's CDR form (see orb/ref/gorb-ref.h; the nil
 * reference is an empty repository id, key and endpoint list); in XML and
 * GVariant, its stringified gorb: form, "" for nil.
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include <glib-object.h>

#include "gorb-cdr.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean (*write_cdr) (gpointer data, GorbCdrWriter *writer, GObject *object, GError **error);
  gboolean (*read_cdr) (gpointer data, GorbCdrReader *reader, GObject **object, GError **error);
  char *(*to_string) (gpointer data, GObject *object, GError **error);
  GObject *(*from_string) (gpointer data, const char *text, GError **error);
} GorbObjrefHooks;

void gorb_objref_hooks_push (const GorbObjrefHooks *hooks, gpointer data);
void gorb_objref_hooks_pop (void);
const GorbObjrefHooks *gorb_objref_hooks_get (gpointer *data);

void gorb_objref_write_nil_cdr (GorbCdrWriter *writer);

G_END_DECLS
