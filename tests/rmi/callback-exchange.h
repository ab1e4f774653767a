/* callback-exchange.h - the Test::Exchange servant of gorb-test-callback-server
 * (Callbacks.idl): see callback-exchange.c */
#pragma once

#include "Callbacks.h"

G_BEGIN_DECLS

#define TEST_TYPE_EXCHANGE_SERVANT (test_exchange_servant_get_type ())
G_DECLARE_FINAL_TYPE (TestExchangeServant, test_exchange_servant, TEST, EXCHANGE_SERVANT, GObject)

TestExchangeServant *test_exchange_servant_new (void);

G_END_DECLS
