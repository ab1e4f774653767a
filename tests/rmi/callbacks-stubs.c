/* callbacks-stubs.c - the C binding of Callbacks.idl: descriptors, calls,
 * proxies and skeletons of Test::Listener and Test::Callbacks (see
 * callbacks-stubs.h; the shape is that of the Person.c gorb-idlc generates for
 * samples/personlist/Person.idl) */
#include "callbacks-stubs.h"

/* Registers a GInterface alone (the skeleton's get_iface_type, and what the
 * proxy class implements); the public get_type also registers the skeleton.
 * See demo_person_list_get_type for why the two are apart. */
static GType
register_interface (gsize *type_id, const char *name, gsize iface_size)
{
  if (g_once_init_enter (type_id))
    {
      GType type = g_type_register_static_simple (G_TYPE_INTERFACE, g_intern_static_string (name),
                                                  (guint) iface_size, NULL, 0, NULL, 0);
      g_type_interface_add_prerequisite (type, G_TYPE_OBJECT);
      g_once_init_leave (type_id, type);
    }
  return *type_id;
}

/* A failure without an error (a servant bug) becomes UNKNOWN; on failure
 * the result and out values are cleared. */
static gboolean
finish_dispatch (const GorbOperationDesc *op, gboolean ok, GError *local_error,
                 gpointer const *args, gpointer result, GError **error)
{
  if (ok && local_error == NULL)
    return TRUE;
  if (op->result != NULL)
    gorb_value_clear (op->result, result);
  for (guint i = 0; i < op->n_params; i++)
    if (op->params[i].direction == GORB_PARAM_OUT)
      gorb_value_clear (op->params[i].type, args[i]);
  if (local_error == NULL)
    local_error = g_error_new (GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_UNKNOWN,
                               "the servant's '%s' failed without saying why", op->name);
  g_propagate_error (error, local_error);
  return FALSE;
}

/* ==== interface Test::Listener ==== */

enum
{
  LISTENER_OP_NOTIFY,
};

static const GorbParamDesc notify_params[] = {
  { "text", &gorb_type_string, GORB_PARAM_IN },
};

static const GorbOperationDesc test_listener_operations[] = {
  [LISTENER_OP_NOTIFY]
  = { .name = "notify", .n_params = G_N_ELEMENTS (notify_params), .params = notify_params },
};

const GorbInterfaceDesc test_listener_desc = {
  .repo_id = "IDL:Test/Listener:1.0",
  .name = "Test::Listener",
  .n_operations = G_N_ELEMENTS (test_listener_operations),
  .operations = test_listener_operations,
};

const GorbTypeDesc test_listener_ref_desc = {
  .kind = GORB_TK_OBJREF,
  .size = sizeof (GObject *),
  .align = _Alignof(GObject *),
  .name = "Test::Listener",
  .repo_id = "IDL:Test/Listener:1.0",
};

static GType
test_listener_register_type (void)
{
  static gsize type_id = 0;
  return register_interface (&type_id, "TestListener", sizeof (TestListenerInterface));
}

GType
test_listener_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = test_listener_register_type ();
      gorb_skeleton_register (&test_listener_skeleton);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

gboolean
test_listener_notify (TestListener *self, const char *text, GError **error)
{
  g_return_val_if_fail (TEST_IS_LISTENER (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return TEST_LISTENER_GET_IFACE (self)->notify (self, text, error);
}

struct _TestListenerProxy
{
  GorbProxy parent_instance;
};

static void test_listener_proxy_iface_init (TestListenerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestListenerProxy, test_listener_proxy, GORB_TYPE_PROXY,
                               G_IMPLEMENT_INTERFACE (test_listener_register_type (),
                                                      test_listener_proxy_iface_init))

static gboolean
listener_proxy_notify (TestListener *self, const char *text, GError **error)
{
  gpointer args[] = { &text };

  return gorb_proxy_invoke (GORB_PROXY (self), &test_listener_operations[LISTENER_OP_NOTIFY], args,
                            NULL, error);
}

static void
test_listener_proxy_iface_init (TestListenerInterface *iface)
{
  iface->notify = listener_proxy_notify;
}

static void
test_listener_proxy_class_init (TestListenerProxyClass *klass)
{
}

static void
test_listener_proxy_init (TestListenerProxy *self)
{
}

static gboolean
test_listener_dispatch (GObject *servant, const GorbOperationDesc *op, gpointer const *args,
                        gpointer result, GError **error)
{
  TestListener *self = TEST_LISTENER (servant);
  GError *local_error = NULL;
  gboolean ok;

  switch (op - test_listener_operations)
    {
    case LISTENER_OP_NOTIFY:
      ok = test_listener_notify (self, *(char **) args[0], &local_error);
      break;
    default:
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_OPERATION,
                   "'%s' is not an operation of %s", op->name, test_listener_desc.name);
      return FALSE;
    }
  return finish_dispatch (op, ok, local_error, args, result, error);
}

const GorbSkeleton test_listener_skeleton = {
  .iface = &test_listener_desc,
  .get_iface_type = test_listener_register_type,
  .get_proxy_type = test_listener_proxy_get_type,
  .dispatch = test_listener_dispatch,
};

/* ==== interface Test::Callbacks ==== */

enum
{
  CALLBACKS_OP_CALL_ME_BACK,
  CALLBACKS_OP_SLEEP_MS,
  CALLBACKS_OP_BUMP,
  CALLBACKS_OP_BUMPS,
  CALLBACKS_OP_NOTE,
  CALLBACKS_OP_NOTES,
  CALLBACKS_OP_SLEEPS,
};

static const GorbParamDesc call_me_back_params[] = {
  { "l", &test_listener_ref_desc, GORB_PARAM_IN },
  { "text", &gorb_type_string, GORB_PARAM_IN },
};

static const GorbParamDesc sleep_ms_params[] = {
  { "ms", &gorb_type_long, GORB_PARAM_IN },
};

static const GorbParamDesc note_params[] = {
  { "text", &gorb_type_string, GORB_PARAM_IN },
};

static const GorbParamDesc notes_params[] = {
  { "last", &gorb_type_string, GORB_PARAM_OUT },
};

static const GorbOperationDesc test_callbacks_operations[] = {
  [CALLBACKS_OP_CALL_ME_BACK] = { .name = "call_me_back",
                                  .n_params = G_N_ELEMENTS (call_me_back_params),
                                  .params = call_me_back_params },
  [CALLBACKS_OP_SLEEP_MS]
  = { .name = "sleep_ms", .n_params = G_N_ELEMENTS (sleep_ms_params), .params = sleep_ms_params },
  [CALLBACKS_OP_BUMP] = { .name = "bump", .result = &gorb_type_long },
  [CALLBACKS_OP_BUMPS] = { .name = "bumps", .result = &gorb_type_long },
  [CALLBACKS_OP_NOTE] = { .name = "note",
                          .n_params = G_N_ELEMENTS (note_params),
                          .params = note_params,
                          .oneway = TRUE },
  [CALLBACKS_OP_NOTES] = { .name = "notes",
                           .n_params = G_N_ELEMENTS (notes_params),
                           .params = notes_params,
                           .result = &gorb_type_long },
  [CALLBACKS_OP_SLEEPS] = { .name = "sleeps", .result = &gorb_type_long },
};

const GorbInterfaceDesc test_callbacks_desc = {
  .repo_id = "IDL:Test/Callbacks:1.0",
  .name = "Test::Callbacks",
  .n_operations = G_N_ELEMENTS (test_callbacks_operations),
  .operations = test_callbacks_operations,
};

static GType
test_callbacks_register_type (void)
{
  static gsize type_id = 0;
  return register_interface (&type_id, "TestCallbacks", sizeof (TestCallbacksInterface));
}

GType
test_callbacks_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = test_callbacks_register_type ();
      gorb_skeleton_register (&test_callbacks_skeleton);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

gboolean
test_callbacks_call_me_back (TestCallbacks *self, TestListener *l, const char *text, GError **error)
{
  g_return_val_if_fail (TEST_IS_CALLBACKS (self), FALSE);
  g_return_val_if_fail (l == NULL || TEST_IS_LISTENER (l), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return TEST_CALLBACKS_GET_IFACE (self)->call_me_back (self, l, text, error);
}

gboolean
test_callbacks_sleep_ms (TestCallbacks *self, gint32 ms, GError **error)
{
  g_return_val_if_fail (TEST_IS_CALLBACKS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return TEST_CALLBACKS_GET_IFACE (self)->sleep_ms (self, ms, error);
}

gint32
test_callbacks_bump (TestCallbacks *self, GError **error)
{
  g_return_val_if_fail (TEST_IS_CALLBACKS (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);
  return TEST_CALLBACKS_GET_IFACE (self)->bump (self, error);
}

gint32
test_callbacks_bumps (TestCallbacks *self, GError **error)
{
  g_return_val_if_fail (TEST_IS_CALLBACKS (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);
  return TEST_CALLBACKS_GET_IFACE (self)->bumps (self, error);
}

gboolean
test_callbacks_note (TestCallbacks *self, const char *text, GError **error)
{
  g_return_val_if_fail (TEST_IS_CALLBACKS (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return TEST_CALLBACKS_GET_IFACE (self)->note (self, text, error);
}

gint32
test_callbacks_notes (TestCallbacks *self, char **last, GError **error)
{
  g_return_val_if_fail (TEST_IS_CALLBACKS (self), 0);
  g_return_val_if_fail (last != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);
  *last = NULL;
  return TEST_CALLBACKS_GET_IFACE (self)->notes (self, last, error);
}

gint32
test_callbacks_sleeps (TestCallbacks *self, GError **error)
{
  g_return_val_if_fail (TEST_IS_CALLBACKS (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);
  return TEST_CALLBACKS_GET_IFACE (self)->sleeps (self, error);
}

struct _TestCallbacksProxy
{
  GorbProxy parent_instance;
};

static void test_callbacks_proxy_iface_init (TestCallbacksInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCallbacksProxy, test_callbacks_proxy, GORB_TYPE_PROXY,
                               G_IMPLEMENT_INTERFACE (test_callbacks_register_type (),
                                                      test_callbacks_proxy_iface_init))

static gboolean
invoke (TestCallbacks *self, guint index, gpointer const *args, gpointer result, GError **error)
{
  return gorb_proxy_invoke (GORB_PROXY (self), &test_callbacks_operations[index], args, result,
                            error);
}

static gboolean
callbacks_proxy_call_me_back (TestCallbacks *self, TestListener *l, const char *text,
                              GError **error)
{
  gpointer args[] = { &l, &text };
  return invoke (self, CALLBACKS_OP_CALL_ME_BACK, args, NULL, error);
}

static gboolean
callbacks_proxy_sleep_ms (TestCallbacks *self, gint32 ms, GError **error)
{
  gpointer args[] = { &ms };
  return invoke (self, CALLBACKS_OP_SLEEP_MS, args, NULL, error);
}

static gint32
callbacks_proxy_bump (TestCallbacks *self, GError **error)
{
  gint32 count = 0;
  return invoke (self, CALLBACKS_OP_BUMP, NULL, &count, error) ? count : 0;
}

static gint32
callbacks_proxy_bumps (TestCallbacks *self, GError **error)
{
  gint32 count = 0;
  return invoke (self, CALLBACKS_OP_BUMPS, NULL, &count, error) ? count : 0;
}

static gboolean
callbacks_proxy_note (TestCallbacks *self, const char *text, GError **error)
{
  gpointer args[] = { &text };
  return invoke (self, CALLBACKS_OP_NOTE, args, NULL, error);
}

static gint32
callbacks_proxy_notes (TestCallbacks *self, char **last, GError **error)
{
  gpointer args[] = { last };
  gint32 count = 0;
  return invoke (self, CALLBACKS_OP_NOTES, args, &count, error) ? count : 0;
}

static gint32
callbacks_proxy_sleeps (TestCallbacks *self, GError **error)
{
  gint32 count = 0;
  return invoke (self, CALLBACKS_OP_SLEEPS, NULL, &count, error) ? count : 0;
}

static void
test_callbacks_proxy_iface_init (TestCallbacksInterface *iface)
{
  iface->call_me_back = callbacks_proxy_call_me_back;
  iface->sleep_ms = callbacks_proxy_sleep_ms;
  iface->bump = callbacks_proxy_bump;
  iface->bumps = callbacks_proxy_bumps;
  iface->note = callbacks_proxy_note;
  iface->notes = callbacks_proxy_notes;
  iface->sleeps = callbacks_proxy_sleeps;
}

static void
test_callbacks_proxy_class_init (TestCallbacksProxyClass *klass)
{
}

static void
test_callbacks_proxy_init (TestCallbacksProxy *self)
{
}

static gboolean
test_callbacks_dispatch (GObject *servant, const GorbOperationDesc *op, gpointer const *args,
                         gpointer result, GError **error)
{
  TestCallbacks *self = TEST_CALLBACKS (servant);
  GError *local_error = NULL;
  GObject *l;
  gboolean ok = TRUE;

  switch (op - test_callbacks_operations)
    {
    case CALLBACKS_OP_CALL_ME_BACK:
      l = *(GObject **) args[0];
      if (l != NULL && !TEST_IS_LISTENER (l))
        {
          g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                       "'call_me_back.l' is a %s, not a Test::Listener", G_OBJECT_TYPE_NAME (l));
          return FALSE;
        }
      ok = test_callbacks_call_me_back (self, (TestListener *) l, *(char **) args[1], &local_error);
      break;
    case CALLBACKS_OP_SLEEP_MS:
      ok = test_callbacks_sleep_ms (self, *(gint32 *) args[0], &local_error);
      break;
    case CALLBACKS_OP_BUMP:
      *(gint32 *) result = test_callbacks_bump (self, &local_error);
      break;
    case CALLBACKS_OP_BUMPS:
      *(gint32 *) result = test_callbacks_bumps (self, &local_error);
      break;
    case CALLBACKS_OP_NOTE:
      ok = test_callbacks_note (self, *(char **) args[0], &local_error);
      break;
    case CALLBACKS_OP_NOTES:
      *(gint32 *) result = test_callbacks_notes (self, args[0], &local_error);
      ok = *(char **) args[0] != NULL;
      break;
    case CALLBACKS_OP_SLEEPS:
      *(gint32 *) result = test_callbacks_sleeps (self, &local_error);
      break;
    default:
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_OPERATION,
                   "'%s' is not an operation of %s", op->name, test_callbacks_desc.name);
      return FALSE;
    }
  return finish_dispatch (op, ok, local_error, args, result, error);
}

const GorbSkeleton test_callbacks_skeleton = {
  .iface = &test_callbacks_desc,
  .get_iface_type = test_callbacks_register_type,
  .get_proxy_type = test_callbacks_proxy_get_type,
  .dispatch = test_callbacks_dispatch,
};
