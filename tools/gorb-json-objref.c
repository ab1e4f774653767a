/* gorb-json-objref.c - object references in `gorb encode`/`decode` values
 *
 * The tool has no ORB, so a reference stands for nothing but itself: a
 * plain GObject that carries a GorbRef. Written in CDR it is that
 * reference's CDR form, in XML and JSON its gorb: string; read back, a new
 * such object. The hooks are pushed around each coding (gorb-objref.h). */
#include "gorb-json.h"

#define REF_KEY "gorb-json-ref"

/**
 * gorb_json_objref_new:
 * @ref: (transfer none): a reference
 *
 * Returns: (transfer full): a GObject standing for @ref
 */
GObject *
gorb_json_objref_new (GorbRef *ref)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

  g_return_val_if_fail (ref != NULL, NULL);
  g_object_set_data_full (object, REF_KEY, gorb_ref_ref (ref), (GDestroyNotify) gorb_ref_unref);
  return object;
}

/**
 * gorb_json_objref_get_ref:
 *
 * Returns: (transfer none) (nullable): the reference @object stands for, or
 *   %NULL if gorb_json_objref_new() did not make it
 */
GorbRef *
gorb_json_objref_get_ref (GObject *object)
{
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  return g_object_get_data (object, REF_KEY);
}

static GorbRef *
ref_of (GObject *object, GError **error)
{
  GorbRef *ref = gorb_json_objref_get_ref (object);
  if (ref == NULL)
    g_set_error (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_INVALID_VALUE,
                 "an object that is not a reference");
  return ref;
}

static gboolean
write_cdr (gpointer data, GorbCdrWriter *writer, GObject *object, GError **error)
{
  GorbRef *ref = ref_of (object, error);
  if (ref == NULL)
    return FALSE;
  gorb_ref_write_cdr (writer, ref);
  return TRUE;
}

static gboolean
read_cdr (gpointer data, GorbCdrReader *reader, GObject **object, GError **error)
{
  g_autoptr (GorbRef) ref = NULL;

  if (!gorb_ref_read_cdr (reader, &ref, error))
    return FALSE;
  *object = ref != NULL ? gorb_json_objref_new (ref) : NULL;
  return TRUE;
}

static char *
to_string (gpointer data, GObject *object, GError **error)
{
  GorbRef *ref = ref_of (object, error);
  return ref != NULL ? gorb_ref_to_string (ref) : NULL;
}

static GObject *
from_string (gpointer data, const char *text, GError **error)
{
  g_autoptr (GorbRef) ref = gorb_ref_parse (text, error);
  return ref != NULL ? gorb_json_objref_new (ref) : NULL;
}

static const GorbObjrefHooks hooks = { write_cdr, read_cdr, to_string, from_string };

/* Pushes the hooks on the calling thread (pop with
 * gorb_json_objref_hooks_pop()) */
void
gorb_json_objref_hooks_push (void)
{
  gorb_objref_hooks_push (&hooks, NULL);
}

void
gorb_json_objref_hooks_pop (void)
{
  gorb_objref_hooks_pop ();
}
