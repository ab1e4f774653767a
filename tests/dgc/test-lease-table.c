/* tests/dgc/test-lease-table.c - GorbLeaseTable: grants, cleans, sequence
 * numbers, tombstones, pins and expiry, with the time driven by the test */
#include "gorb-lease-table-private.h"
#include "gorb-test.h"

#include <string.h>

#define LEASE_MS 1000
#define PIN_MS 3000
#define MS 1000 /* µs */

static struct
{
  GorbLeaseTable *table;
  guint8 key[GORB_OBJECT_KEY_SIZE];
  GorbClientId a, b;
} fx;

static void
setup (void)
{
  GorbIncarnationId inc = { { 1, 2, 3 } };

  fx.table = gorb_lease_table_new (LEASE_MS, PIN_MS);
  gorb_object_key_make (&inc, 7, fx.key);
  memset (fx.a.bytes, 'a', sizeof fx.a.bytes);
  memset (fx.b.bytes, 'b', sizeof fx.b.bytes);
  gorb_lease_table_add (fx.table, fx.key, 0);
}

static void
teardown (void)
{
  g_clear_pointer (&fx.table, gorb_lease_table_free);
}

static gboolean
referenced (gint64 now)
{
  return gorb_lease_table_is_referenced (fx.table, fx.key, now);
}

static void
test_fresh_until_first_dirty_or_pin_timeout (void)
{
  CU_ASSERT_TRUE (referenced (PIN_MS * MS - 1));
  CU_ASSERT_FALSE (referenced (PIN_MS * MS));
  gorb_lease_table_refresh (fx.table, fx.key, 0);
  CU_ASSERT_TRUE (gorb_lease_table_dirty (fx.table, fx.key, &fx.a, 1, 0));
  gorb_lease_table_clean (fx.table, fx.key, &fx.a, 2, FALSE, 10 * MS);
  CU_ASSERT_FALSE (referenced (10 * MS)); /* the dirty ended freshness */
}

static void
test_lease_expires_unless_renewed (void)
{
  gorb_lease_table_dirty (fx.table, fx.key, &fx.a, 1, 0);
  gorb_lease_table_dirty (fx.table, fx.key, &fx.a, 2, 600 * MS);
  gorb_lease_table_expire (fx.table, 1200 * MS);
  CU_ASSERT_EQUAL (gorb_lease_table_count_holders (fx.table, fx.key), 1);
  gorb_lease_table_expire (fx.table, 1600 * MS);
  CU_ASSERT_EQUAL (gorb_lease_table_count_holders (fx.table, fx.key), 0);
  CU_ASSERT_FALSE (referenced (1600 * MS));
}

static void
test_late_dirty_after_clean_is_ignored (void)
{
  gorb_lease_table_dirty (fx.table, fx.key, &fx.a, 1, 0);
  gorb_lease_table_clean (fx.table, fx.key, &fx.a, 3, FALSE, 0);
  gorb_lease_table_dirty (fx.table, fx.key, &fx.a, 2, 0); /* sent before the clean */
  CU_ASSERT_EQUAL (gorb_lease_table_count_holders (fx.table, fx.key), 0);
  gorb_lease_table_clean (fx.table, fx.key, &fx.a, 3, FALSE, 0); /* duplicate */
  gorb_lease_table_dirty (fx.table, fx.key, &fx.a, 4, 0);        /* a new proxy */
  CU_ASSERT_EQUAL (gorb_lease_table_count_holders (fx.table, fx.key), 1);
}

static void
test_clean_overtaking_its_dirty (void)
{
  gorb_lease_table_clean (fx.table, fx.key, &fx.a, 2, TRUE, 0);
  gorb_lease_table_dirty (fx.table, fx.key, &fx.a, 1, 0);
  CU_ASSERT_EQUAL (gorb_lease_table_count_holders (fx.table, fx.key), 0);
}

static void
test_holders_are_independent (void)
{
  gorb_lease_table_dirty (fx.table, fx.key, &fx.a, 1, 0);
  gorb_lease_table_dirty (fx.table, fx.key, &fx.b, 1, 0);
  gorb_lease_table_clean (fx.table, fx.key, &fx.a, 2, FALSE, 0);
  CU_ASSERT_TRUE (referenced (0));
  gorb_lease_table_clean (fx.table, fx.key, &fx.b, 2, FALSE, 0);
  CU_ASSERT_FALSE (referenced (0));
}

static void
test_reply_pin_until_ack (void)
{
  gorb_lease_table_dirty (fx.table, fx.key, &fx.a, 1, 0);
  gorb_lease_table_pin (fx.table, fx.key, &fx.b, 99, 0); /* in a reply to b's request 99 */
  gorb_lease_table_clean (fx.table, fx.key, &fx.a, 2, FALSE, 0);
  CU_ASSERT_TRUE (referenced (0));
  gorb_lease_table_ack (fx.table, &fx.a, 99); /* not b's */
  CU_ASSERT_TRUE (referenced (0));
  gorb_lease_table_ack (fx.table, &fx.b, 99);
  CU_ASSERT_FALSE (referenced (0));
}

static void
test_pin_times_out (void)
{
  gorb_lease_table_dirty (fx.table, fx.key, &fx.a, 1, 0);
  gorb_lease_table_pin (fx.table, fx.key, NULL, 0, 0); /* in a request: time only */
  gorb_lease_table_clean (fx.table, fx.key, &fx.a, 2, FALSE, 0);
  gorb_lease_table_expire (fx.table, (PIN_MS - 1) * MS);
  CU_ASSERT_TRUE (referenced ((PIN_MS - 1) * MS));
  gorb_lease_table_expire (fx.table, PIN_MS * MS);
  CU_ASSERT_FALSE (referenced (PIN_MS * MS));
}

static void
test_changes_name_the_object (void)
{
  g_autoptr (GArray) changes = NULL;

  gorb_lease_table_dirty (fx.table, fx.key, &fx.a, 1, 0);
  gorb_lease_table_clean (fx.table, fx.key, &fx.a, 2, FALSE, 0);
  changes = gorb_lease_table_take_changes (fx.table);
  CU_ASSERT_TRUE (changes->len >= 1);
  CU_ASSERT_EQUAL (memcmp (changes->data, fx.key, GORB_OBJECT_KEY_SIZE), 0);
}

static CU_TestInfo lease_tests[] = {
  { "fresh until the first dirty or the pin timeout", test_fresh_until_first_dirty_or_pin_timeout },
  { "a lease expires unless renewed", test_lease_expires_unless_renewed },
  { "a late dirty after a clean is ignored", test_late_dirty_after_clean_is_ignored },
  { "a clean that overtakes its dirty wins", test_clean_overtaking_its_dirty },
  { "holders are independent", test_holders_are_independent },
  { "a reply pin lasts until its client acknowledges", test_reply_pin_until_ack },
  { "a request pin times out", test_pin_times_out },
  { "changes name the object", test_changes_name_the_object },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "dgc/lease-table", NULL, NULL, setup, teardown, lease_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
