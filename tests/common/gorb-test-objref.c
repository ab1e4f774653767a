/* gorb-test-objref.c - object-reference hooks for the marshalling tests */
#include "gorb-test-objref.h"

struct _TestObjrefs
{
  GHashTable *objects; /* owned: text -> owned GObject */
  guint n_calls;
};

static const char *
text_of (GObject *object)
{
  return g_object_get_data (object, "test-objref-text");
}

TestObjrefs *
test_objrefs_new (void)
{
  TestObjrefs *objrefs = g_new0 (TestObjrefs, 1);

  objrefs->objects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  return objrefs;
}

void
test_objrefs_free (TestObjrefs *objrefs)
{
  g_hash_table_unref (objrefs->objects);
  g_free (objrefs);
}

GObject *
test_objrefs_get (TestObjrefs *objrefs, const char *text)
{
  GObject *object = g_hash_table_lookup (objrefs->objects, text);

  if (object == NULL)
    {
      char *key = g_strdup (text);
      object = g_object_new (G_TYPE_OBJECT, NULL);
      g_object_set_data_full (object, "test-objref-text", key, g_free);
      g_hash_table_insert (objrefs->objects, key, object);
    }
  return object;
}

static char *
to_string (gpointer data, GObject *object, GError **error)
{
  TestObjrefs *objrefs = data;
  const char *text = text_of (object);

  objrefs->n_calls++;
  if (text == NULL)
    {
      g_set_error (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_INVALID_VALUE,
                   "not a test object reference");
      return NULL;
    }
  return g_strdup (text);
}

static GObject *
from_string (gpointer data, const char *text, GError **error)
{
  TestObjrefs *objrefs = data;
  g_autoptr (GorbRef) ref = NULL;

  objrefs->n_calls++;
  ref = gorb_ref_parse (text, error); /* only real references */
  if (ref == NULL)
    return NULL;
  return g_object_ref (test_objrefs_get (objrefs, text));
}

static gboolean
write_cdr (gpointer data, GorbCdrWriter *writer, GObject *object, GError **error)
{
  g_autofree char *text = to_string (data, object, error);
  g_autoptr (GorbRef) ref = NULL;

  if (text == NULL)
    return FALSE;
  ref = gorb_ref_parse (text, error);
  if (ref == NULL)
    return FALSE;
  gorb_ref_write_cdr (writer, ref);
  return TRUE;
}

static gboolean
read_cdr (gpointer data, GorbCdrReader *reader, GObject **object, GError **error)
{
  TestObjrefs *objrefs = data;
  g_autoptr (GorbRef) ref = NULL;
  g_autofree char *text = NULL;

  objrefs->n_calls++;
  if (!gorb_ref_read_cdr (reader, &ref, error))
    return FALSE;
  if (ref == NULL)
    {
      *object = NULL;
      return TRUE;
    }
  text = gorb_ref_to_string (ref);
  *object = g_object_ref (test_objrefs_get (objrefs, text));
  return TRUE;
}

static const GorbObjrefHooks hooks = { write_cdr, read_cdr, to_string, from_string };

void
test_objrefs_push (TestObjrefs *objrefs)
{
  gorb_objref_hooks_push (&hooks, objrefs);
}

void
test_objrefs_pop (void)
{
  gorb_objref_hooks_pop ();
}

guint
test_objrefs_get_n_calls (TestObjrefs *objrefs)
{
  return objrefs->n_calls;
}
