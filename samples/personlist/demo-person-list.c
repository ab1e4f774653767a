/* demo-person-list.c - the C binding of Person.idl: descriptors, the NotFound
 * error domain, the DemoPersonList calls, the proxy class and the skeleton
 *
 * What gorb-idlc emits for Person.idl, written by hand in its shape until the
 * compiler lands (see demo-person-list.h). The descriptors are the only
 * description of the types the codecs get; the proxy and the skeleton are
 * thin: a proxy method packs pointers to its arguments and calls
 * gorb_proxy_invoke(), the skeleton unpacks them and calls the servant.
 */
#include "demo-person-list.h"

#include <string.h>

/* ---- struct Demo::Person ---- */

static const GorbMemberDesc demo_person_members[] = {
  GORB_MEMBER (DemoPerson, name, &gorb_type_string),
  GORB_MEMBER (DemoPerson, place, &gorb_type_string),
  GORB_MEMBER (DemoPerson, year, &gorb_type_long),
};

const GorbTypeDesc demo_person_desc = {
  .kind = GORB_TK_STRUCT,
  .size = sizeof (DemoPerson),
  .align = _Alignof(DemoPerson),
  .name = "Demo::Person",
  .repo_id = "IDL:Demo/Person:1.0",
  .n_members = G_N_ELEMENTS (demo_person_members),
  .members = demo_person_members,
};

/**
 * demo_person_copy:
 * @src: a person
 * @dest: (out caller-allocates): overwritten, without being cleared, by a
 *   deep copy of @src
 */
void
demo_person_copy (const DemoPerson *src, DemoPerson *dest)
{
  g_return_if_fail (src != NULL && dest != NULL);
  gorb_value_copy (&demo_person_desc, src, dest);
}

/**
 * demo_person_clear:
 * @value: a person, or zeroed storage
 *
 * Frees the strings of @value and zeroes them; @value itself is not freed.
 */
void
demo_person_clear (DemoPerson *value)
{
  g_return_if_fail (value != NULL);
  gorb_value_clear (&demo_person_desc, value);
}

/* ---- exception Demo::NotFound ---- */

static const GorbMemberDesc demo_not_found_members[] = {
  GORB_MEMBER (DemoNotFound, name, &gorb_type_string),
};

const GorbTypeDesc demo_not_found_desc = {
  .kind = GORB_TK_STRUCT,
  .size = sizeof (DemoNotFound),
  .align = _Alignof(DemoNotFound),
  .name = "Demo::NotFound",
  .repo_id = "IDL:Demo/NotFound:1.0",
  .n_members = G_N_ELEMENTS (demo_not_found_members),
  .members = demo_not_found_members,
};

/* The private data of a DEMO_NOT_FOUND_ERROR is the exception's members,
 * zeroed when the GError is made, deep-copied with it, cleared with it. */
typedef DemoNotFound DemoNotFoundErrorPrivate;

static void
demo_not_found_error_private_init (DemoNotFoundErrorPrivate *members)
{
  memset (members, 0, sizeof *members);
}

static void
demo_not_found_error_private_copy (const DemoNotFoundErrorPrivate *src,
                                   DemoNotFoundErrorPrivate *dest)
{
  gorb_value_copy (&demo_not_found_desc, src, dest);
}

static void
demo_not_found_error_private_clear (DemoNotFoundErrorPrivate *members)
{
  gorb_value_clear (&demo_not_found_desc, members);
}

G_DEFINE_EXTENDED_ERROR (DemoNotFoundError, demo_not_found_error)

/* GorbExceptionDesc.get_members: the body codec fills and reads the members
 * of a NotFound through it */
static gpointer
demo_not_found_get_members (const GError *error)
{
  return demo_not_found_error_get_private (error);
}

const GorbExceptionDesc demo_not_found_exception = {
  .repo_id = "IDL:Demo/NotFound:1.0",
  .type = &demo_not_found_desc,
  .domain = demo_not_found_error_quark,
  .get_members = demo_not_found_get_members,
};

/**
 * demo_not_found_error_get_members:
 * @error: (nullable): an error
 *
 * Returns: (transfer none) (nullable): the members of @error, valid as long
 *   as @error is; %NULL if @error is not a DEMO_NOT_FOUND_ERROR
 */
const DemoNotFound *
demo_not_found_error_get_members (const GError *error)
{
  if (error == NULL || error->domain != DEMO_NOT_FOUND_ERROR)
    return NULL;
  return demo_not_found_error_get_private (error);
}

/**
 * demo_not_found_error_set:
 * @error: (out) (optional): where the error goes
 * @name: (transfer none): the member `name`, copied
 * @format: printf-style message
 *
 * Raises Demo::NotFound: the servant's way to fail with it.
 */
void
demo_not_found_error_set (GError **error, const char *name, const char *format, ...)
{
  DemoNotFound members = { .name = (char *) name }; /* borrowed: only copied from */
  GError *raised;
  va_list ap;

  g_return_if_fail (name != NULL && format != NULL);
  if (error == NULL)
    return;
  va_start (ap, format);
  raised = g_error_new_valist (DEMO_NOT_FOUND_ERROR, 0, format, ap);
  va_end (ap);
  gorb_value_copy (&demo_not_found_desc, &members, demo_not_found_error_get_private (raised));
  g_propagate_error (error, raised);
}

/* ---- interface Demo::PersonList: descriptors ---- */

enum
{
  OP_GET_LISTNAME, /* indices into demo_person_list_operations, in IDL order */
  OP_ADD_PERSON,
  OP_GET_PERSON,
  OP_NUMBER,
};

#define MAX_PARAMS 2 /* the most parameters an operation of PersonList has */

static const GorbParamDesc add_person_params[] = {
  { "p", &demo_person_desc, GORB_PARAM_IN },
};

static const GorbParamDesc get_person_params[] = {
  { "name", &gorb_type_string, GORB_PARAM_IN },
  { "p", &demo_person_desc, GORB_PARAM_OUT },
};

static const GorbExceptionDesc *const get_person_raises[] = {
  &demo_not_found_exception,
};

static const GorbOperationDesc demo_person_list_operations[] = {
  [OP_GET_LISTNAME] = { .name = "_get_listname", .result = &gorb_type_string },
  [OP_ADD_PERSON] = { .name = "addPerson",
                      .n_params = G_N_ELEMENTS (add_person_params),
                      .params = add_person_params },
  [OP_GET_PERSON] = { .name = "getPerson",
                      .n_params = G_N_ELEMENTS (get_person_params),
                      .params = get_person_params,
                      .n_raises = G_N_ELEMENTS (get_person_raises),
                      .raises = get_person_raises },
  [OP_NUMBER] = { .name = "number", .result = &gorb_type_long },
};

const GorbInterfaceDesc demo_person_list_desc = {
  .repo_id = "IDL:Demo/PersonList:1.0",
  .name = "Demo::PersonList",
  .n_operations = G_N_ELEMENTS (demo_person_list_operations),
  .operations = demo_person_list_operations,
};

/* ---- the GInterface ---- */

static void
demo_person_list_default_init (gpointer g_iface, gpointer class_data)
{
}

/* Registers the GInterface alone: the skeleton's get_iface_type, so that the
 * ORB can ask for the type while the skeleton is being registered, and the
 * interface the proxy class implements (see demo_person_list_get_type). */
static GType
demo_person_list_register_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_type_register_static_simple (
          G_TYPE_INTERFACE, g_intern_static_string ("DemoPersonList"),
          sizeof (DemoPersonListInterface), demo_person_list_default_init, 0, NULL, 0);
      g_type_interface_add_prerequisite (type, G_TYPE_OBJECT);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

/**
 * demo_person_list_get_type:
 *
 * The GInterface DemoPersonList. The first call also registers
 * demo_person_list_skeleton with the ORB, so that references to a
 * Demo::PersonList become DemoPersonListProxy objects and servants
 * implementing DemoPersonList can be exported: call it (or
 * g_type_ensure (DEMO_TYPE_PERSON_LIST)) before resolving a reference.
 */
GType
demo_person_list_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = demo_person_list_register_type ();
      gorb_skeleton_register (&demo_person_list_skeleton);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

/* ---- the calls: the same for a servant and a proxy ---- */

/**
 * demo_person_list_get_listname:
 * @self: a servant or a proxy
 * @error: the remote failure (GORB_SYSTEM_ERROR) or the servant's
 *
 * `readonly attribute string listname`.
 *
 * Returns: (transfer full) (nullable): the list's name; %NULL on failure
 */
char *
demo_person_list_get_listname (DemoPersonList *self, GError **error)
{
  g_return_val_if_fail (DEMO_IS_PERSON_LIST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return DEMO_PERSON_LIST_GET_IFACE (self)->get_listname (self, error);
}

/**
 * demo_person_list_add_person:
 * @self: a servant or a proxy
 * @p: (transfer none): the person to add
 * @error: the remote failure (GORB_SYSTEM_ERROR) or the servant's
 *
 * `void addPerson (in Person p)`.
 *
 * Returns: %TRUE on success
 */
gboolean
demo_person_list_add_person (DemoPersonList *self, const DemoPerson *p, GError **error)
{
  g_return_val_if_fail (DEMO_IS_PERSON_LIST (self), FALSE);
  g_return_val_if_fail (p != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return DEMO_PERSON_LIST_GET_IFACE (self)->add_person (self, p, error);
}

/**
 * demo_person_list_get_person:
 * @self: a servant or a proxy
 * @name: (transfer none): whom to look up
 * @p: (out caller-allocates): zeroed, then filled on success; clear it
 *   with demo_person_clear()
 * @error: DEMO_NOT_FOUND_ERROR if no person has that name, a remote failure
 *   (GORB_SYSTEM_ERROR) or the servant's
 *
 * `void getPerson (in string name, out Person p) raises (NotFound)`.
 *
 * Returns: %TRUE on success
 */
gboolean
demo_person_list_get_person (DemoPersonList *self, const char *name, DemoPerson *p, GError **error)
{
  g_return_val_if_fail (DEMO_IS_PERSON_LIST (self), FALSE);
  g_return_val_if_fail (name != NULL && p != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  memset (p, 0, sizeof *p);
  return DEMO_PERSON_LIST_GET_IFACE (self)->get_person (self, name, p, error);
}

/**
 * demo_person_list_number:
 * @self: a servant or a proxy
 * @error: the remote failure (GORB_SYSTEM_ERROR) or the servant's
 *
 * `long number ()`.
 *
 * Returns: how many persons the list holds; 0 on failure (test @error)
 */
gint32
demo_person_list_number (DemoPersonList *self, GError **error)
{
  g_return_val_if_fail (DEMO_IS_PERSON_LIST (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);
  return DEMO_PERSON_LIST_GET_IFACE (self)->number (self, error);
}

/* ---- _async and _finish ----
 *
 * A proxy sends the request in _async and decodes the reply in _finish
 * (gorb_proxy_invoke_async/_finish). A local servant has no request to
 * send: its blocking method runs in a GTask worker thread (the servant must
 * be thread-safe, as any exported servant is), on deep copies of the in
 * arguments; _finish moves the out values and the result to the caller. */

static gboolean demo_person_list_dispatch (GObject *servant, const GorbOperationDesc *op,
                                           gpointer const *args, gpointer result, GError **error);

typedef struct
{
  const GorbOperationDesc *op;
  gpointer args[MAX_PARAMS]; /* owned: one gorb_value_new0() per parameter */
  gpointer result;           /* owned, NULL for void */
} LocalCall;

static void
local_call_free (gpointer data)
{
  LocalCall *call = data;

  for (guint i = 0; i < call->op->n_params; i++)
    gorb_value_free (call->op->params[i].type, call->args[i]);
  if (call->op->result != NULL)
    gorb_value_free (call->op->result, call->result);
  g_free (call);
}

static void
local_call_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  LocalCall *call = data;
  GError *error = NULL;

  if (demo_person_list_dispatch (source, call->op, call->args, call->result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
call_async (DemoPersonList *self, guint index, gpointer const *args, GCancellable *cancellable,
            GAsyncReadyCallback callback, gpointer user_data)
{
  const GorbOperationDesc *op = &demo_person_list_operations[index];
  g_autoptr (GTask) task = NULL;
  LocalCall *call;

  if (GORB_IS_PROXY (self))
    {
      gorb_proxy_invoke_async (GORB_PROXY (self), op, args, cancellable, callback, user_data);
      return;
    }
  call = g_new0 (LocalCall, 1);
  call->op = op;
  for (guint i = 0; i < op->n_params; i++)
    {
      call->args[i] = gorb_value_new0 (op->params[i].type);
      if (op->params[i].direction != GORB_PARAM_OUT)
        gorb_value_copy (op->params[i].type, args[i], call->args[i]);
    }
  if (op->result != NULL)
    call->result = gorb_value_new0 (op->result);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, call_async);
  g_task_set_task_data (task, call, local_call_free);
  g_task_run_in_thread (task, local_call_thread);
}

/* Moves @size bytes of a value out of @from (left zeroed: its owner frees nothing) */
static void
move_value (gpointer from, gpointer to, gsize size)
{
  memcpy (to, from, size);
  memset (from, 0, size);
}

static gboolean
call_finish (DemoPersonList *self, GAsyncResult *result, gpointer result_value,
             gpointer const *args, GError **error)
{
  LocalCall *call;

  if (GORB_IS_PROXY (self))
    return gorb_proxy_invoke_finish (GORB_PROXY (self), result, result_value, args, error);

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == call_async, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  call = g_task_get_task_data (G_TASK (result));
  for (guint i = 0; i < call->op->n_params; i++)
    if (call->op->params[i].direction != GORB_PARAM_IN)
      move_value (call->args[i], args[i], call->op->params[i].type->size);
  if (call->op->result != NULL)
    move_value (call->result, result_value, call->op->result->size);
  return TRUE;
}

/**
 * demo_person_list_get_listname_async:
 * @self: a servant or a proxy
 * @cancellable: (nullable): cancels the call (a proxy sends CANCEL)
 * @callback: called in the thread-default GMainContext of the caller
 * @user_data: for @callback
 */
void
demo_person_list_get_listname_async (DemoPersonList *self, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (DEMO_IS_PERSON_LIST (self));
  call_async (self, OP_GET_LISTNAME, NULL, cancellable, callback, user_data);
}

/**
 * demo_person_list_get_listname_finish:
 *
 * Returns: (transfer full) (nullable): the list's name; %NULL on failure
 */
char *
demo_person_list_get_listname_finish (DemoPersonList *self, GAsyncResult *result, GError **error)
{
  char *listname = NULL;

  g_return_val_if_fail (DEMO_IS_PERSON_LIST (self), NULL);
  if (!call_finish (self, result, &listname, NULL, error))
    return NULL;
  return listname;
}

/**
 * demo_person_list_add_person_async:
 * @p: (transfer none): the person to add; not needed once this returns
 */
void
demo_person_list_add_person_async (DemoPersonList *self, const DemoPerson *p,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  gpointer args[] = { (gpointer) p };

  g_return_if_fail (DEMO_IS_PERSON_LIST (self));
  g_return_if_fail (p != NULL);
  call_async (self, OP_ADD_PERSON, args, cancellable, callback, user_data);
}

gboolean
demo_person_list_add_person_finish (DemoPersonList *self, GAsyncResult *result, GError **error)
{
  DemoPerson unused = { 0 }; /* an in argument: never touched by a reply */
  gpointer args[] = { &unused };

  g_return_val_if_fail (DEMO_IS_PERSON_LIST (self), FALSE);
  return call_finish (self, result, NULL, args, error);
}

/**
 * demo_person_list_get_person_async:
 * @name: (transfer none): whom to look up; not needed once this returns
 */
void
demo_person_list_get_person_async (DemoPersonList *self, const char *name,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  DemoPerson unused = { 0 }; /* the out argument: not sent */
  gpointer args[] = { &name, &unused };

  g_return_if_fail (DEMO_IS_PERSON_LIST (self));
  g_return_if_fail (name != NULL);
  call_async (self, OP_GET_PERSON, args, cancellable, callback, user_data);
}

/**
 * demo_person_list_get_person_finish:
 * @p: (out caller-allocates): zeroed, then filled on success; clear it with
 *   demo_person_clear()
 */
gboolean
demo_person_list_get_person_finish (DemoPersonList *self, GAsyncResult *result, DemoPerson *p,
                                    GError **error)
{
  const char *unused = NULL; /* the in argument: never touched by a reply */
  gpointer args[] = { &unused, p };

  g_return_val_if_fail (DEMO_IS_PERSON_LIST (self), FALSE);
  g_return_val_if_fail (p != NULL, FALSE);
  memset (p, 0, sizeof *p);
  return call_finish (self, result, NULL, args, error);
}

void
demo_person_list_number_async (DemoPersonList *self, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (DEMO_IS_PERSON_LIST (self));
  call_async (self, OP_NUMBER, NULL, cancellable, callback, user_data);
}

/**
 * demo_person_list_number_finish:
 *
 * Returns: how many persons the list holds; 0 on failure (test @error)
 */
gint32
demo_person_list_number_finish (DemoPersonList *self, GAsyncResult *result, GError **error)
{
  gint32 number = 0;

  g_return_val_if_fail (DEMO_IS_PERSON_LIST (self), 0);
  if (!call_finish (self, result, &number, NULL, error))
    return 0;
  return number;
}

/* ---- DemoPersonListProxy ---- */

struct _DemoPersonListProxy
{
  GorbProxy parent_instance;
};

static void demo_person_list_proxy_iface_init (DemoPersonListInterface *iface);

/* It implements the interface as registered by demo_person_list_register_type
 * (the same GType): defining the proxy class must not re-enter the skeleton's
 * registration, which may ask the ORB for this very class. */
G_DEFINE_FINAL_TYPE_WITH_CODE (DemoPersonListProxy, demo_person_list_proxy, GORB_TYPE_PROXY,
                               G_IMPLEMENT_INTERFACE (demo_person_list_register_type (),
                                                      demo_person_list_proxy_iface_init))

static char *
proxy_get_listname (DemoPersonList *self, GError **error)
{
  char *listname = NULL;

  if (!gorb_proxy_invoke (GORB_PROXY (self), &demo_person_list_operations[OP_GET_LISTNAME], NULL,
                          &listname, error))
    return NULL;
  return listname;
}

static gboolean
proxy_add_person (DemoPersonList *self, const DemoPerson *p, GError **error)
{
  gpointer args[] = { (gpointer) p };

  return gorb_proxy_invoke (GORB_PROXY (self), &demo_person_list_operations[OP_ADD_PERSON], args,
                            NULL, error);
}

static gboolean
proxy_get_person (DemoPersonList *self, const char *name, DemoPerson *p, GError **error)
{
  gpointer args[] = { &name, p };

  return gorb_proxy_invoke (GORB_PROXY (self), &demo_person_list_operations[OP_GET_PERSON], args,
                            NULL, error);
}

static gint32
proxy_number (DemoPersonList *self, GError **error)
{
  gint32 number = 0;

  if (!gorb_proxy_invoke (GORB_PROXY (self), &demo_person_list_operations[OP_NUMBER], NULL, &number,
                          error))
    return 0;
  return number;
}

static void
demo_person_list_proxy_iface_init (DemoPersonListInterface *iface)
{
  iface->get_listname = proxy_get_listname;
  iface->add_person = proxy_add_person;
  iface->get_person = proxy_get_person;
  iface->number = proxy_number;
}

static void
demo_person_list_proxy_class_init (DemoPersonListProxyClass *klass)
{
}

static void
demo_person_list_proxy_init (DemoPersonListProxy *self)
{
}

/* ---- the skeleton ---- */

/* Calls the servant for one request: @args point at the decoded in values
 * and at zeroed out values (gorb-skeleton.h). A failure without an error
 * (a servant bug) is reported as UNKNOWN rather than as a success. */
static gboolean
demo_person_list_dispatch (GObject *servant, const GorbOperationDesc *op, gpointer const *args,
                           gpointer result, GError **error)
{
  DemoPersonList *self = DEMO_PERSON_LIST (servant);
  GError *local_error = NULL;
  gboolean ok;

  switch (op - demo_person_list_operations)
    {
    case OP_GET_LISTNAME:
      *(char **) result = demo_person_list_get_listname (self, &local_error);
      ok = *(char **) result != NULL;
      break;
    case OP_ADD_PERSON:
      ok = demo_person_list_add_person (self, args[0], &local_error);
      break;
    case OP_GET_PERSON:
      ok = demo_person_list_get_person (self, *(char **) args[0], args[1], &local_error);
      break;
    case OP_NUMBER:
      *(gint32 *) result = demo_person_list_number (self, &local_error);
      ok = TRUE;
      break;
    default:
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_OPERATION,
                   "'%s' is not an operation of %s", op->name, demo_person_list_desc.name);
      return FALSE;
    }
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

const GorbSkeleton demo_person_list_skeleton = {
  .iface = &demo_person_list_desc,
  .get_iface_type = demo_person_list_register_type,
  .get_proxy_type = demo_person_list_proxy_get_type,
  .dispatch = demo_person_list_dispatch,
};
