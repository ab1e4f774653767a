/* bench-service.c - the C binding of Bench.idl: descriptors, calls, the proxy class and the
 * skeleton (see bench-service.h; the shape is that of the Person.c gorb-idlc generates for
 * samples/personlist/Person.idl) */
#include "bench-service.h"

#include <string.h>

static const GorbMemberDesc bench_person_members[] = {
  GORB_MEMBER (BenchPerson, name, &gorb_type_string),
  GORB_MEMBER (BenchPerson, place, &gorb_type_string),
  GORB_MEMBER (BenchPerson, year, &gorb_type_long),
};

const GorbTypeDesc bench_person_desc = {
  .kind = GORB_TK_STRUCT,
  .size = sizeof (BenchPerson),
  .align = _Alignof(BenchPerson),
  .name = "Bench::Person",
  .repo_id = "IDL:Bench/Person:1.0",
  .n_members = G_N_ELEMENTS (bench_person_members),
  .members = bench_person_members,
};

/* A typedef of an anonymous sequence type. */
static const GorbTypeDesc person_seq_anon = {
  .kind = GORB_TK_SEQUENCE,
  .size = sizeof (GorbSequence),
  .align = _Alignof(GorbSequence),
  .content = &bench_person_desc,
};

const GorbTypeDesc bench_person_seq_desc = {
  .kind = GORB_TK_ALIAS,
  .size = sizeof (BenchPersonSeq),
  .align = _Alignof(BenchPersonSeq),
  .name = "Bench::PersonSeq",
  .repo_id = "IDL:Bench/PersonSeq:1.0",
  .content = &person_seq_anon,
};

static const GorbTypeDesc octets_anon = {
  .kind = GORB_TK_SEQUENCE,
  .size = sizeof (GorbSequence),
  .align = _Alignof(GorbSequence),
  .content = &gorb_type_octet,
};

const GorbTypeDesc bench_octets_desc = {
  .kind = GORB_TK_ALIAS,
  .size = sizeof (BenchOctets),
  .align = _Alignof(BenchOctets),
  .name = "Bench::Octets",
  .repo_id = "IDL:Bench/Octets:1.0",
  .content = &octets_anon,
};

enum
{
  OP_PING,
  OP_ECHO,
  OP_ECHO_PEOPLE,
};

static const GorbParamDesc echo_params[] = {
  { "data", &bench_octets_desc, GORB_PARAM_IN },
};

static const GorbParamDesc echo_people_params[] = {
  { "people", &bench_person_seq_desc, GORB_PARAM_IN },
};

static const GorbOperationDesc bench_service_operations[] = {
  [OP_PING] = { .name = "ping" },
  [OP_ECHO] = { .name = "echo",
                .n_params = G_N_ELEMENTS (echo_params),
                .params = echo_params,
                .result = &bench_octets_desc },
  [OP_ECHO_PEOPLE] = { .name = "echoPeople",
                       .n_params = G_N_ELEMENTS (echo_people_params),
                       .params = echo_people_params,
                       .result = &bench_person_seq_desc },
};

const GorbInterfaceDesc bench_service_desc = {
  .repo_id = "IDL:Bench/Service:1.0",
  .name = "Bench::Service",
  .n_operations = G_N_ELEMENTS (bench_service_operations),
  .operations = bench_service_operations,
};

/* The GInterface alone (see demo_person_list_get_type for why apart). */
static GType
bench_service_register_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_type_register_static_simple (G_TYPE_INTERFACE,
                                                  g_intern_static_string ("BenchService"),
                                                  sizeof (BenchServiceInterface), NULL, 0, NULL, 0);
      g_type_interface_add_prerequisite (type, G_TYPE_OBJECT);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

GType
bench_service_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = bench_service_register_type ();
      gorb_skeleton_register (&bench_service_skeleton);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

gboolean
bench_service_ping (BenchService *self, GError **error)
{
  g_return_val_if_fail (BENCH_IS_SERVICE (self), FALSE);
  return BENCH_SERVICE_GET_IFACE (self)->ping (self, error);
}

gboolean
bench_service_echo (BenchService *self, const BenchOctets *data, BenchOctets *result,
                    GError **error)
{
  g_return_val_if_fail (BENCH_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (data != NULL && result != NULL, FALSE);
  memset (result, 0, sizeof *result);
  return BENCH_SERVICE_GET_IFACE (self)->echo (self, data, result, error);
}

gboolean
bench_service_echo_people (BenchService *self, const BenchPersonSeq *people, BenchPersonSeq *result,
                           GError **error)
{
  g_return_val_if_fail (BENCH_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (people != NULL && result != NULL, FALSE);
  memset (result, 0, sizeof *result);
  return BENCH_SERVICE_GET_IFACE (self)->echo_people (self, people, result, error);
}

void
bench_service_ping_async (BenchService *self, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (GORB_IS_PROXY (self) && BENCH_IS_SERVICE (self));
  gorb_proxy_invoke_async (GORB_PROXY (self), &bench_service_operations[OP_PING], NULL, cancellable,
                           callback, user_data);
}

gboolean
bench_service_ping_finish (BenchService *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (GORB_IS_PROXY (self), FALSE);
  return gorb_proxy_invoke_finish (GORB_PROXY (self), result, NULL, NULL, error);
}

/* ---- BenchServiceProxy ---- */

struct _BenchServiceProxy
{
  GorbProxy parent_instance;
};

static void bench_service_proxy_iface_init (BenchServiceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchServiceProxy, bench_service_proxy, GORB_TYPE_PROXY,
                               G_IMPLEMENT_INTERFACE (bench_service_register_type (),
                                                      bench_service_proxy_iface_init))

static gboolean
proxy_ping (BenchService *self, GError **error)
{
  return gorb_proxy_invoke (GORB_PROXY (self), &bench_service_operations[OP_PING], NULL, NULL,
                            error);
}

static gboolean
proxy_echo (BenchService *self, const BenchOctets *data, BenchOctets *result, GError **error)
{
  gpointer args[] = { (gpointer) data };

  return gorb_proxy_invoke (GORB_PROXY (self), &bench_service_operations[OP_ECHO], args, result,
                            error);
}

static gboolean
proxy_echo_people (BenchService *self, const BenchPersonSeq *people, BenchPersonSeq *result,
                   GError **error)
{
  gpointer args[] = { (gpointer) people };

  return gorb_proxy_invoke (GORB_PROXY (self), &bench_service_operations[OP_ECHO_PEOPLE], args,
                            result, error);
}

static void
bench_service_proxy_iface_init (BenchServiceInterface *iface)
{
  iface->ping = proxy_ping;
  iface->echo = proxy_echo;
  iface->echo_people = proxy_echo_people;
}

static void
bench_service_proxy_class_init (BenchServiceProxyClass *klass)
{
}

static void
bench_service_proxy_init (BenchServiceProxy *self)
{
}

/* ---- the skeleton ---- */

static gboolean
bench_service_dispatch (GObject *servant, const GorbOperationDesc *op, gpointer const *args,
                        gpointer result, GError **error)
{
  BenchService *self = BENCH_SERVICE (servant);
  GError *local_error = NULL;
  gboolean ok;

  switch (op - bench_service_operations)
    {
    case OP_PING:
      ok = bench_service_ping (self, &local_error);
      break;
    case OP_ECHO:
      ok = bench_service_echo (self, args[0], result, &local_error);
      break;
    case OP_ECHO_PEOPLE:
      ok = bench_service_echo_people (self, args[0], result, &local_error);
      break;
    default:
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_OPERATION,
                   "'%s' is not an operation of %s", op->name, bench_service_desc.name);
      return FALSE;
    }
  if (ok && local_error == NULL)
    return TRUE;
  if (op->result != NULL)
    gorb_value_clear (op->result, result);
  if (local_error == NULL)
    local_error = g_error_new (GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_UNKNOWN,
                               "the servant's '%s' failed without saying why", op->name);
  g_propagate_error (error, local_error);
  return FALSE;
}

const GorbSkeleton bench_service_skeleton = {
  .iface = &bench_service_desc,
  .get_iface_type = bench_service_register_type,
  .get_proxy_type = bench_service_proxy_get_type,
  .dispatch = bench_service_dispatch,
};
