/* body-test-util.h - the PersonList interface of the body tests, by hand (as
 * gorb-idlc will emit it), with its exceptions as extended GError domains
 *
 *   exception NotFound { string name; long code; };
 *   exception Busy {};
 *   interface PersonList {
 *     readonly attribute string listname;
 *     void addPerson (in Person p);
 *     void getPerson (in string name, out Person p) raises (NotFound);
 *     long number ();
 *     Shape swap (inout Person a, in long k, out PersonSeq all);
 *     oneway void log (in string line);
 *     void clear () raises (Busy);
 *   };
 */
#pragma once

#include "cdr-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;
  gint32 code;
} TestNotFoundPrivate;

#define TEST_NOT_FOUND (test_not_found_quark ())
GQuark test_not_found_quark (void);
/* sets the members of a new error of TEST_NOT_FOUND */
GError *test_not_found_new (const char *name, gint32 code, const char *message);
TestNotFoundPrivate *test_not_found_members (const GError *error);

#define TEST_BUSY (test_busy_quark ())
GQuark test_busy_quark (void);

extern const GorbTypeDesc test_not_found_desc;
extern const GorbExceptionDesc test_not_found_exc;
extern const GorbExceptionDesc test_busy_exc;

enum
{
  OP_GET_LISTNAME,
  OP_ADD_PERSON,
  OP_GET_PERSON,
  OP_NUMBER,
  OP_SWAP,
  OP_LOG,
  OP_CLEAR,
  N_OPS
};
extern const GorbOperationDesc test_person_list_ops[N_OPS];
extern const GorbInterfaceDesc test_person_list_iface;

/* The most parameters an operation above has */
#define TEST_MAX_PARAMS 3

G_END_DECLS
