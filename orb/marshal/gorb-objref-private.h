/* gorb-objref-private.h - what the codecs call for a GORB_TK_OBJREF value
 *
 * Each goes through the hooks pushed on the calling thread
 * (gorb_objref_hooks_push), or, without hooks, handles the nil reference
 * and refuses any other. A hook's error keeps its domain and code; its
 * message gets " in '<path>'" appended, as the codecs' own errors end.
 */
#pragma once

#include <glib-object.h>

#include "gorb-cdr-private.h"
#include "gorb-objref.h"

G_BEGIN_DECLS

/* Writes @object (nullable) in its CDR form at the writer's position. */
G_GNUC_INTERNAL gboolean gorb_objref_encode_cdr (GorbCdrWriter *writer, GObject *object,
                                                 const GorbMarshalPath *path, GError **error);

/* Reads a reference's CDR form; *object (transfer full, nullable for nil) is
 * set only on success. */
G_GNUC_INTERNAL gboolean gorb_objref_decode_cdr (GorbCdrReader *reader, GObject **object,
                                                 const GorbMarshalPath *path, GError **error);

/* The stringified form of @object (nullable): "" for nil. @location ("line
 * 3"; nullable) is put in the messages of errors that are not a hook's. */
G_GNUC_INTERNAL char *gorb_objref_encode_string (GObject *object, const GorbMarshalPath *path,
                                                 const char *location, GError **error);

/* The object a stringified reference names: "" is nil (*object = NULL);
 * *object is set only on success. */
G_GNUC_INTERNAL gboolean gorb_objref_decode_string (const char *text, GObject **object,
                                                    const GorbMarshalPath *path,
                                                    const char *location, GError **error);

G_END_DECLS
