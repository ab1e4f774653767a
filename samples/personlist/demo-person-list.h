/* demo-person-list.h - the C binding of Person.idl (module Demo)
 *
 * This is what `gorb-idlc Person.idl` emits; until the compiler lands it is
 * written by hand, in exactly that shape. For each IDL definition:
 *
 *   struct Demo::Person         DemoPerson, its descriptor demo_person_desc,
 *                               demo_person_copy/_clear
 *   exception Demo::NotFound    DemoNotFound (its members), the GError domain
 *                               DEMO_NOT_FOUND_ERROR whose private data is a
 *                               DemoNotFound, its GorbExceptionDesc
 *   interface Demo::PersonList  the GInterface DemoPersonList (a servant
 *                               implements it), its calls, their _async and
 *                               _finish forms, its GorbInterfaceDesc, the
 *                               proxy class DemoPersonListProxy and the
 *                               skeleton demo_person_list_skeleton
 *
 * C mapping of the calls (gorb-type.h gives that of the values): an `in`
 * value is borrowed (`const char *name`, `const DemoPerson *p`); an `out`
 * struct is caller-allocated storage the call fills (zeroed first, so it may
 * be cleared with demo_person_clear() whatever happened); a string result is
 * returned transfer full. Every call takes a GError: for a proxy it carries
 * the remote failures (GORB_SYSTEM_ERROR) besides the IDL exceptions.
 *
 * Calls on a DemoPersonList work the same for a local servant and for a
 * proxy: client code cannot tell them apart.
 */
#pragma once

#include <gio/gio.h>
#include <gorb.h>

G_BEGIN_DECLS

/* ---- struct Demo::Person ---- */

typedef struct
{
  char *name;  /* owned, never NULL in a valid value */
  char *place; /* owned, never NULL in a valid value */
  gint32 year;
} DemoPerson;

extern const GorbTypeDesc demo_person_desc; /* "IDL:Demo/Person:1.0" */

/* Deep copy into uninitialized @dest; clear frees the strings and zeroes @value. */
void demo_person_copy (const DemoPerson *src, DemoPerson *dest);
void demo_person_clear (DemoPerson *value);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DemoPerson, demo_person_clear)

/* ---- exception Demo::NotFound ---- */

typedef struct
{
  char *name; /* owned */
} DemoNotFound;

extern const GorbTypeDesc demo_not_found_desc; /* its members, "IDL:Demo/NotFound:1.0" */
extern const GorbExceptionDesc demo_not_found_exception;

/* An extended GError domain (G_DEFINE_EXTENDED_ERROR): an error of this
 * domain carries a DemoNotFound, copied and freed with the GError. Its one
 * code is 0. */
#define DEMO_NOT_FOUND_ERROR (demo_not_found_error_quark ())
GQuark demo_not_found_error_quark (void);

/* (transfer none) (nullable): the members of @error, borrowed from it;
 * %NULL if @error is not of DEMO_NOT_FOUND_ERROR. */
const DemoNotFound *demo_not_found_error_get_members (const GError *error);

/* Raises NotFound: sets @error (if not %NULL) to a DEMO_NOT_FOUND_ERROR
 * carrying a copy of the members (@name) and the printf-style message. */
void demo_not_found_error_set (GError **error, const char *name, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

/* ---- interface Demo::PersonList ---- */

#define DEMO_TYPE_PERSON_LIST (demo_person_list_get_type ())
G_DECLARE_INTERFACE (DemoPersonList, demo_person_list, DEMO, PERSON_LIST, GObject)

/**
 * DemoPersonListInterface:
 * @get_listname: `readonly attribute string listname`: returns (transfer
 *   full) the name, or %NULL with @error set
 * @add_person: `void addPerson (in Person p)`: @p is borrowed
 * @get_person: `void getPerson (in string name, out Person p) raises
 *   (NotFound)`: on success fills @p (zeroed storage, caller-allocated);
 *   on failure leaves it zeroed
 * @number: `long number ()`: on failure returns 0 with @error set
 *
 * A servant implements these; every vfunc returns %FALSE (or %NULL, 0)
 * and sets @error on failure. A servant's methods run on the ORB's threads
 * (see GorbThreadPolicy), so it locks its own state.
 */
struct _DemoPersonListInterface
{
  GTypeInterface parent_iface;

  char *(*get_listname) (DemoPersonList *self, GError **error);
  gboolean (*add_person) (DemoPersonList *self, const DemoPerson *p, GError **error);
  gboolean (*get_person) (DemoPersonList *self, const char *name, DemoPerson *p, GError **error);
  gint32 (*number) (DemoPersonList *self, GError **error);
};

extern const GorbInterfaceDesc demo_person_list_desc; /* "IDL:Demo/PersonList:1.0" */
extern const GorbSkeleton demo_person_list_skeleton;  /* registered by demo_person_list_get_type */

/* Blocking calls: a proxy sends the request and waits for the reply on the
 * calling thread; a local servant is called directly. */
char *demo_person_list_get_listname (DemoPersonList *self, GError **error);
gboolean demo_person_list_add_person (DemoPersonList *self, const DemoPerson *p, GError **error);
gboolean demo_person_list_get_person (DemoPersonList *self, const char *name, DemoPerson *p,
                                      GError **error);
gint32 demo_person_list_number (DemoPersonList *self, GError **error);

/* Deferred synchronous calls: _async returns at once (a proxy has sent the
 * request: the in arguments are not needed afterwards); @callback runs in
 * the caller's thread-default GMainContext, where it calls _finish. For a
 * local servant the blocking call runs in a GTask worker thread. */
void demo_person_list_get_listname_async (DemoPersonList *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
char *demo_person_list_get_listname_finish (DemoPersonList *self, GAsyncResult *result,
                                            GError **error);
void demo_person_list_add_person_async (DemoPersonList *self, const DemoPerson *p,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean demo_person_list_add_person_finish (DemoPersonList *self, GAsyncResult *result,
                                             GError **error);
void demo_person_list_get_person_async (DemoPersonList *self, const char *name,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean demo_person_list_get_person_finish (DemoPersonList *self, GAsyncResult *result,
                                             DemoPerson *p, GError **error);
void demo_person_list_number_async (DemoPersonList *self, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data);
gint32 demo_person_list_number_finish (DemoPersonList *self, GAsyncResult *result, GError **error);

/* ---- DemoPersonListProxy: a GorbProxy implementing DemoPersonList ---- */

/* Made by the ORB (gorb_orb_resolve) for references to a Demo::PersonList,
 * never directly. */
#define DEMO_TYPE_PERSON_LIST_PROXY (demo_person_list_proxy_get_type ())
G_DECLARE_FINAL_TYPE (DemoPersonListProxy, demo_person_list_proxy, DEMO, PERSON_LIST_PROXY,
                      GorbProxy)

G_END_DECLS
