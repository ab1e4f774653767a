/* gorb-objref.c - object references inside values: the per-thread hook
 * stack, and what the codecs do for a GORB_TK_OBJREF value
 *
 * Invariants: each thread has its own stack of (hooks, data) frames (a
 * GArray in a GPrivate, freed when the thread exits); only the top frame is
 * used. The codecs never hand a nil reference to a hook: nil is written and
 * recognised here (and a hook's read_cdr may also return nil), so a hook
 * only ever sees real objects and real references.
 *
 * The nil reference's CDR form is that of gorb_ref_write_cdr (ref/): the
 * struct { string repo_id; sequence<octet> key; octet encoding;
 * sequence<string> endpoints; } with all of it empty: "" (ulong 1, NUL),
 * ulong 0, octet 0, ulong 0. It is written here, not there, because
 * marshal/ is below ref/ and must not call up into it.
 */
#include "gorb-objref-private.h"

typedef struct
{
  const GorbObjrefHooks *hooks;
  gpointer data;
} HookFrame;

static void
free_stack (gpointer stack)
{
  g_array_unref (stack);
}

static GPrivate hook_stack = G_PRIVATE_INIT (free_stack);

/**
 * gorb_objref_hooks_push:
 * @hooks: (transfer none): how object references become bytes or text and
 *   back; must stay valid until the matching gorb_objref_hooks_pop()
 * @data: passed to every hook
 *
 * Makes the codecs, on the calling thread only, encode and decode non-nil
 * object references through @hooks until the matching pop. Pushes nest: the
 * latest one is used, and popping it restores the one before.
 */
void
gorb_objref_hooks_push (const GorbObjrefHooks *hooks, gpointer data)
{
  GArray *stack;
  HookFrame frame = { hooks, data };

  g_return_if_fail (hooks != NULL);
  g_return_if_fail (hooks->write_cdr != NULL && hooks->read_cdr != NULL);
  g_return_if_fail (hooks->to_string != NULL && hooks->from_string != NULL);

  stack = g_private_get (&hook_stack);
  if (stack == NULL)
    {
      stack = g_array_sized_new (FALSE, FALSE, sizeof (HookFrame), 4);
      g_private_set (&hook_stack, stack);
    }
  g_array_append_val (stack, frame);
}

/**
 * gorb_objref_hooks_pop:
 *
 * Undoes the latest gorb_objref_hooks_push() of the calling thread.
 */
void
gorb_objref_hooks_pop (void)
{
  GArray *stack = g_private_get (&hook_stack);

  g_return_if_fail (stack != NULL && stack->len > 0);
  g_array_set_size (stack, stack->len - 1);
}

/**
 * gorb_objref_hooks_get:
 * @data: (out) (optional): the data pushed with the hooks
 *
 * Returns: (transfer none) (nullable): the hooks in force on the calling
 *   thread, %NULL if none
 */
const GorbObjrefHooks *
gorb_objref_hooks_get (gpointer *data)
{
  GArray *stack = g_private_get (&hook_stack);
  const HookFrame *top;

  if (stack == NULL || stack->len == 0)
    {
      if (data != NULL)
        *data = NULL;
      return NULL;
    }
  top = &g_array_index (stack, HookFrame, stack->len - 1);
  if (data != NULL)
    *data = top->data;
  return top->hooks;
}

/**
 * gorb_objref_write_nil_cdr:
 * @writer: a writer
 *
 * Writes the nil reference's CDR form: an empty repository id, key and
 * endpoint list and encoding 0, the same bytes as gorb_ref_write_cdr()
 * writes for %NULL (`00000001 00` `000000` `00000000` `00` `000000`
 * `00000000` from an aligned position: 20 bytes).
 */
void
gorb_objref_write_nil_cdr (GorbCdrWriter *writer)
{
  g_return_if_fail (writer != NULL);

  gorb_cdr_write_string_len (writer, "", 0);
  gorb_cdr_write_octets (writer, NULL, 0);
  gorb_cdr_write_octet (writer, 0);
  gorb_cdr_write_ulong (writer, 0);
}

/* Hands on a hook's error with the member path appended; a hook that
 * failed without an error gets a FAILED one. */
static gboolean
hook_failed (GError **error, GError *hook_error, const GorbMarshalPath *path, const char *what)
{
  g_autofree char *where = NULL;
  char *message;

  if (hook_error == NULL)
    return gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_FAILED, NULL,
                              "cannot %s an object reference", what);
  where = gorb_marshal_path_to_string (path);
  message = g_strdup_printf ("%s in '%s'", hook_error->message, where);
  g_free (hook_error->message);
  hook_error->message = message;
  g_propagate_error (error, hook_error);
  return FALSE;
}

/* The first characters of @text, for messages. */
static char *
abbreviate (const char *text)
{
  const gsize max = 64;

  if (strlen (text) <= max)
    return g_strdup (text);
  return g_strdup_printf ("%.*s...", (int) max, text);
}

gboolean
gorb_objref_encode_cdr (GorbCdrWriter *writer, GObject *object, const GorbMarshalPath *path,
                        GError **error)
{
  const GorbObjrefHooks *hooks;
  gpointer data;
  GError *hook_error = NULL;

  if (object == NULL)
    {
      gorb_objref_write_nil_cdr (writer);
      return TRUE;
    }
  hooks = gorb_objref_hooks_get (&data);
  if (hooks == NULL)
    {
      g_autofree char *location = g_strdup_printf ("offset %" G_GSIZE_FORMAT, writer->len);
      return gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_INVALID_VALUE, location,
                                "no ORB to export an object reference (a %s)",
                                G_OBJECT_TYPE_NAME (object));
    }
  if (hooks->write_cdr (data, writer, object, &hook_error))
    return TRUE;
  return hook_failed (error, hook_error, path, "encode");
}

/* Without hooks: the nil form, or an error for anything else. */
static gboolean
read_nil_cdr (GorbCdrReader *reader, const GorbMarshalPath *path, GError **error)
{
  gsize start = reader->pos;
  g_autofree char *repo_id = NULL;
  guint32 key_len = 0, n_endpoints = 0;
  guint8 encoding = 0;
  gboolean nil;

  if (!gorb_cdr_reader_get_string (reader, 0, FALSE, &repo_id, path, error))
    return FALSE;
  nil = repo_id[0] == '\0';
  if (nil && !gorb_cdr_reader_get32 (reader, &key_len, path, error))
    return FALSE;
  nil = nil && key_len == 0;
  if (nil && !gorb_cdr_reader_get8 (reader, &encoding, path, error))
    return FALSE;
  if (nil && encoding > 1)
    return gorb_cdr_reader_fail (reader, reader->pos - 1, path, error, GORB_MARSHAL_ERROR_BAD_VALUE,
                                 "unknown encoding %u in an object reference", encoding);
  if (nil && !gorb_cdr_reader_get32 (reader, &n_endpoints, path, error))
    return FALSE;
  if (nil && n_endpoints == 0)
    return TRUE;
  if (repo_id[0] != '\0')
    {
      g_autofree char *shown = abbreviate (repo_id);
      return gorb_cdr_reader_fail (reader, start, path, error, GORB_MARSHAL_ERROR_BAD_VALUE,
                                   "no ORB to resolve an object reference to '%s'", shown);
    }
  return gorb_cdr_reader_fail (reader, start, path, error, GORB_MARSHAL_ERROR_BAD_VALUE,
                               "no ORB to resolve a non-nil object reference");
}

gboolean
gorb_objref_decode_cdr (GorbCdrReader *reader, GObject **object, const GorbMarshalPath *path,
                        GError **error)
{
  const GorbObjrefHooks *hooks;
  gpointer data;
  GError *hook_error = NULL;
  GObject *result = NULL;

  hooks = gorb_objref_hooks_get (&data);
  if (hooks == NULL)
    {
      if (!read_nil_cdr (reader, path, error))
        return FALSE;
      *object = NULL;
      return TRUE;
    }
  if (!hooks->read_cdr (data, reader, &result, &hook_error))
    {
      if (result != NULL) /* a hook that broke its contract */
        g_object_unref (result);
      return hook_failed (error, hook_error, path, "decode");
    }
  *object = result;
  return TRUE;
}

char *
gorb_objref_encode_string (GObject *object, const GorbMarshalPath *path, const char *location,
                           GError **error)
{
  const GorbObjrefHooks *hooks;
  gpointer data;
  GError *hook_error = NULL;
  char *text;

  if (object == NULL)
    return g_strdup ("");
  hooks = gorb_objref_hooks_get (&data);
  if (hooks == NULL)
    {
      gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_INVALID_VALUE, location,
                         "no ORB to export an object reference (a %s)",
                         G_OBJECT_TYPE_NAME (object));
      return NULL;
    }
  text = hooks->to_string (data, object, &hook_error);
  if (text == NULL)
    hook_failed (error, hook_error, path, "stringify");
  return text;
}

gboolean
gorb_objref_decode_string (const char *text, GObject **object, const GorbMarshalPath *path,
                           const char *location, GError **error)
{
  const GorbObjrefHooks *hooks;
  gpointer data;
  GError *hook_error = NULL;
  GObject *result;

  if (text[0] == '\0')
    {
      *object = NULL;
      return TRUE;
    }
  hooks = gorb_objref_hooks_get (&data);
  if (hooks == NULL)
    {
      g_autofree char *shown = abbreviate (text);
      return gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_BAD_VALUE, location,
                                "no ORB to resolve object reference '%s'", shown);
    }
  result = hooks->from_string (data, text, &hook_error);
  if (result == NULL)
    return hook_failed (error, hook_error, path, "resolve");
  *object = result;
  return TRUE;
}
