/* gorb-interface.h - interface descriptors: the operations of an IDL
 * interface, as static data gorb-idlc emits beside the type descriptors
 *
 * For `interface PersonList { readonly attribute string listname;
 * void addPerson (in Person p); void getPerson (in string name, out Person p);
 * long number (); }` the compiler emits one GorbInterfaceDesc with the
 * operations "_get_listname", "addPerson", "getPerson" and "number" (an
 * attribute is a "_get_<name>" operation, and "_set_<name>" unless readonly;
 * CORBA names them the same way). Operations are listed in IDL order,
 * inherited ones excepted: those are found through @parents.
 *
 * Argument lists are arrays of pointers, one per parameter in IDL order,
 * each pointing at the C value of that parameter (an `in string` is a
 * `char **`, an `out Person` a `DemoPerson *`), plus one pointer for the
 * result (NULL for void). That one shape serves the stubs, the skeletons,
 * the body codec and dynamic invocation.
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include <glib.h>

#include "marshal/gorb-type.h"

G_BEGIN_DECLS

typedef enum
{
  GORB_PARAM_IN,
  GORB_PARAM_OUT,
  GORB_PARAM_INOUT,
} GorbParamDirection;

typedef struct
{
  const char *name; /* the IDL parameter name */
  const GorbTypeDesc *type;
  GorbParamDirection direction;
} GorbParamDesc;

/**
 * GorbExceptionDesc:
 * @repo_id: "IDL:Demo/NotFound:1.0"
 * @type: a struct descriptor of the exception's members (n_members may be 0:
 *   then @type is %NULL and the exception carries nothing)
 * @domain: the extended GError domain the exception maps to
 *   (G_DEFINE_EXTENDED_ERROR), whose private data is a value of @type; its
 *   one error code is 0
 * @get_members: the members of an error of @domain: a wrapper returning
 *   the domain's `_get_private ()` (that accessor returns the private type:
 *   a call through a cast function pointer would be undefined); %NULL when
 *   @type is %NULL
 *
 * The private data of @domain is a value of @type: GLib zeroes it (a
 * cleared value), its copy and clear functions are gorb_value_copy() and
 * gorb_value_clear() on @type.
 */
typedef struct
{
  const char *repo_id;
  const GorbTypeDesc *type;
  GQuark (*domain) (void);
  gpointer (*get_members) (const GError *error);
} GorbExceptionDesc;

typedef struct
{
  const char *name; /* on the wire: "addPerson", "_get_listname" */
  guint n_params;
  const GorbParamDesc *params;
  const GorbTypeDesc *result; /* NULL for void */
  guint n_raises;
  const GorbExceptionDesc *const *raises;
  gboolean oneway; /* no out, inout, result or raises */
} GorbOperationDesc;

typedef struct _GorbInterfaceDesc GorbInterfaceDesc;

struct _GorbInterfaceDesc
{
  const char *repo_id; /* "IDL:Demo/PersonList:1.0" */
  const char *name;    /* "Demo::PersonList" */
  guint n_parents;
  const GorbInterfaceDesc *const *parents;
  guint n_operations;
  const GorbOperationDesc *operations;
};

const GorbOperationDesc *gorb_interface_find_operation (const GorbInterfaceDesc *iface,
                                                        const char *name);
gboolean gorb_interface_is_a (const GorbInterfaceDesc *iface, const char *repo_id);
gboolean gorb_operation_desc_validate (const GorbOperationDesc *op, GError **error);

G_END_DECLS
