/* gorb-system-error.h - system exceptions: the failures a remote call has and
 * a local one does not, as codes of one GError domain (CORBA's standard
 * system exceptions, by the same names, so the wire can carry their
 * repository ids) */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

#define GORB_SYSTEM_ERROR (gorb_system_error_quark ())

/* Codes are append-only: their repository ids are on the wire. */
typedef enum
{
  GORB_SYSTEM_ERROR_UNKNOWN,          /* keep first: the fallback */
  GORB_SYSTEM_ERROR_COMM_FAILURE,     /* the connection was lost mid-call */
  GORB_SYSTEM_ERROR_TRANSIENT,        /* could not reach the server now; retrying may work */
  GORB_SYSTEM_ERROR_TIMEOUT,          /* the deadline passed */
  GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST, /* the key is unknown to the server */
  GORB_SYSTEM_ERROR_BAD_OPERATION,    /* the object has no such operation */
  GORB_SYSTEM_ERROR_MARSHAL,          /* a message did not encode or decode */
  GORB_SYSTEM_ERROR_BAD_PARAM,        /* an argument the call refuses */
  GORB_SYSTEM_ERROR_NO_PERMISSION,    /* refused by policy */
  GORB_SYSTEM_ERROR_INTERNAL,         /* a bug in gorb */
  GORB_SYSTEM_ERROR_NO_IMPLEMENT,     /* known operation, no implementation */
  GORB_SYSTEM_ERROR_INV_OBJREF,       /* a reference that cannot be used */
  GORB_SYSTEM_ERROR_NO_RESOURCES,     /* out of threads, memory or sockets */
  GORB_SYSTEM_ERROR_BAD_INV_ORDER,    /* a call out of order (e.g. after shutdown) */
  GORB_SYSTEM_ERROR_PROTOCOL, /* a peer that does not speak our protocol (version, magic); append
                                 below */
} GorbSystemError;

GQuark gorb_system_error_quark (void);
const char *gorb_system_error_to_repo_id (GorbSystemError code);
GorbSystemError gorb_system_error_from_repo_id (const char *repo_id);

G_END_DECLS
