/* gorb-skeleton.h - how an IDL interface is bound to C: its GInterface, its
 * proxy class and its skeleton (the dispatch function that calls a servant)
 *
 * For interface Demo::PersonList the code gorb-idlc generates (Person.h
 * and Person.c of samples/personlist/Person.idl) defines the GInterface
 * DemoPersonList, the proxy class DemoPersonListProxy (a GorbProxy that
 * implements DemoPersonList by calling gorb_proxy_invoke()), and a
 * GorbSkeleton:
 *
 *   static gboolean
 *   demo_person_list_dispatch (GObject *servant, const GorbOperationDesc *op,
 *                              gpointer const *args, gpointer result, GError **error)
 *   {
 *     switch (op - demo_person_list_desc.operations)   // the op's index
 *       {
 *       case 1: return demo_person_list_add_person (DEMO_PERSON_LIST (servant),
 *                                                   args[0], error);
 *       ...
 *       }
 *   }
 *   const GorbSkeleton demo_person_list_skeleton = {
 *     &demo_person_list_desc, demo_person_list_get_type, demo_person_list_proxy_get_type,
 *     demo_person_list_dispatch };
 *
 * and registers it once (gorb_skeleton_register) before any ORB use, e.g. in
 * its get_type function. The ORB then finds, by repository id, the proxy class
 * for an arriving reference, and, by the GInterfaces a servant implements,
 * how to dispatch calls to it.
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include <glib-object.h>

#include "rmi/gorb-interface.h"

G_BEGIN_DECLS

/**
 * GorbSkeletonFunc:
 * @servant: an object implementing the skeleton's interface
 * @op: one of the operations of the skeleton's interface (not of a parent:
 *   a parent's operation is dispatched through the parent's skeleton)
 * @args: the arguments, as gorb-interface.h describes: in and inout values
 *   decoded, out values zeroed, for the servant to fill
 * @result: where the result goes (NULL for void)
 * @error: the servant's error: one of the op's exceptions (a user
 *   exception), a GORB_SYSTEM_ERROR, or anything else (sent as UNKNOWN)
 *
 * Returns: %FALSE if the servant failed (and set @error)
 */
typedef gboolean (*GorbSkeletonFunc) (GObject *servant, const GorbOperationDesc *op,
                                      gpointer const *args, gpointer result, GError **error);

typedef struct
{
  const GorbInterfaceDesc *iface;
  GType (*get_iface_type) (void); /* the GInterface */
  GType (*get_proxy_type) (void); /* a GorbProxy subclass implementing it */
  GorbSkeletonFunc dispatch;
} GorbSkeleton;

void gorb_skeleton_register (const GorbSkeleton *skeleton);
const GorbSkeleton *gorb_skeleton_lookup (const char *repo_id);
const GorbSkeleton *gorb_skeleton_lookup_for_type (GType servant_type);
const GorbSkeleton *gorb_skeleton_lookup_for_operation (const GorbSkeleton *skeleton,
                                                        const char *operation,
                                                        const GorbOperationDesc **op);

G_END_DECLS
