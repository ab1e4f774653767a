/* person-list-servant.h - a servant for Demo::PersonList: the persons in
 * memory, by name */
#pragma once

#include "Person.h"

G_BEGIN_DECLS

#define DEMO_TYPE_PERSON_LIST_SERVANT (demo_person_list_servant_get_type ())
G_DECLARE_FINAL_TYPE (DemoPersonListServant, demo_person_list_servant, DEMO, PERSON_LIST_SERVANT,
                      GObject)

DemoPersonListServant *demo_person_list_servant_new (const char *listname);

G_END_DECLS
