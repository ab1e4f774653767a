/* bench-service.h - the C binding of Bench.idl, in the shape gorb-idlc emits (the Person.h
 * it generates for samples/personlist/Person.idl shows the full pattern)
 *
 * A result of a struct or sequence type is returned through a last (out
 * caller-allocates) parameter, as an out argument is: the call returns a
 * gboolean. */
#pragma once

#include <gio/gio.h>
#include <gorb.h>

G_BEGIN_DECLS

typedef struct
{
  char *name;
  char *place;
  gint32 year;
} BenchPerson;

typedef GORB_SEQUENCE (BenchPerson) BenchPersonSeq;
typedef GORB_SEQUENCE (guint8) BenchOctets;

extern const GorbTypeDesc bench_person_desc;     /* "IDL:Bench/Person:1.0" */
extern const GorbTypeDesc bench_person_seq_desc; /* "IDL:Bench/PersonSeq:1.0" */
extern const GorbTypeDesc bench_octets_desc;     /* "IDL:Bench/Octets:1.0" */

#define BENCH_TYPE_SERVICE (bench_service_get_type ())
G_DECLARE_INTERFACE (BenchService, bench_service, BENCH, SERVICE, GObject)

struct _BenchServiceInterface
{
  GTypeInterface parent_iface;

  gboolean (*ping) (BenchService *self, GError **error);
  gboolean (*echo) (BenchService *self, const BenchOctets *data, BenchOctets *result,
                    GError **error);
  gboolean (*echo_people) (BenchService *self, const BenchPersonSeq *people, BenchPersonSeq *result,
                           GError **error);
};

extern const GorbInterfaceDesc bench_service_desc; /* "IDL:Bench/Service:1.0" */
extern const GorbSkeleton bench_service_skeleton;

gboolean bench_service_ping (BenchService *self, GError **error);
/* @result: (out caller-allocates): zeroed, then filled on success; clear with gorb_value_clear */
gboolean bench_service_echo (BenchService *self, const BenchOctets *data, BenchOctets *result,
                             GError **error);
gboolean bench_service_echo_people (BenchService *self, const BenchPersonSeq *people,
                                    BenchPersonSeq *result, GError **error);

/* Proxies only: a local servant has no deferred form here. */
void bench_service_ping_async (BenchService *self, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data);
gboolean bench_service_ping_finish (BenchService *self, GAsyncResult *result, GError **error);

#define BENCH_TYPE_SERVICE_PROXY (bench_service_proxy_get_type ())
G_DECLARE_FINAL_TYPE (BenchServiceProxy, bench_service_proxy, BENCH, SERVICE_PROXY, GorbProxy)

G_END_DECLS
