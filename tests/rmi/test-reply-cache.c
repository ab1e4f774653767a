/* tests/rmi/test-reply-cache.c - the at-most-once reply cache, driven
 * directly with a test clock: states, tickets, ACK, CANCEL, age and count
 * limits, reincarnation */
#include "gorb-test.h"
#include "rmi/gorb-reply-cache-private.h"

#include <string.h>

#define MS 1000 /* microseconds */

static struct
{
  GorbReplyCache *cache;
  GorbClientId a, b;
  GBytes *header, *body;
} fx;

static void
setup (void)
{
  fx.cache = gorb_reply_cache_new (1000, 3);
  memset (&fx.a, 0xaa, sizeof fx.a);
  memset (&fx.b, 0xbb, sizeof fx.b);
  fx.header = g_bytes_new_static ("header", 6);
  fx.body = g_bytes_new_static ("body", 4);
}

static void
teardown (void)
{
  g_clear_pointer (&fx.cache, gorb_reply_cache_free);
  g_clear_pointer (&fx.header, g_bytes_unref);
  g_clear_pointer (&fx.body, g_bytes_unref);
}

/* begin, dropping any frames a DONE verdict hands out */
static GorbReplyCacheVerdict
begin (const GorbClientId *client, guint32 epoch, guint64 request_id, gint64 now, guint64 *ticket)
{
  g_autoptr (GBytes) header = NULL;
  g_autoptr (GBytes) body = NULL;
  guint64 unused;

  return gorb_reply_cache_begin (fx.cache, client, epoch, request_id, now,
                                 ticket != NULL ? ticket : &unused, &header, &body);
}

/* begin + start + finish */
static void
complete (const GorbClientId *client, guint32 epoch, guint64 request_id, gint64 now)
{
  guint64 ticket = 0;

  CU_ASSERT_EQUAL_FATAL (begin (client, epoch, request_id, now, &ticket), GORB_REPLY_CACHE_NEW);
  CU_ASSERT_TRUE (gorb_reply_cache_start (fx.cache, client, request_id, ticket));
  gorb_reply_cache_finish (fx.cache, client, request_id, ticket, fx.header, fx.body, now);
}

static void
test_new_then_in_progress_then_done (void)
{
  g_autoptr (GBytes) header = NULL;
  g_autoptr (GBytes) body = NULL;
  guint64 ticket = 0, ticket2 = 0;

  CU_ASSERT_EQUAL (begin (&fx.a, 1, 7, 0, &ticket), GORB_REPLY_CACHE_NEW);
  CU_ASSERT_NOT_EQUAL (ticket, 0);
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 7, 1 * MS, &ticket2), GORB_REPLY_CACHE_IN_PROGRESS);
  CU_ASSERT_TRUE (gorb_reply_cache_start (fx.cache, &fx.a, 7, ticket));
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 7, 2 * MS, NULL), GORB_REPLY_CACHE_IN_PROGRESS);
  gorb_reply_cache_finish (fx.cache, &fx.a, 7, ticket, fx.header, fx.body, 3 * MS);
  CU_ASSERT_EQUAL (gorb_reply_cache_begin (fx.cache, &fx.a, 1, 7, 4 * MS, &ticket2, &header, &body),
                   GORB_REPLY_CACHE_DONE);
  CU_ASSERT_PTR_EQUAL (header, fx.header); /* the very frames, sent again */
  CU_ASSERT_PTR_EQUAL (body, fx.body);
  CU_ASSERT_EQUAL (gorb_reply_cache_get_size (fx.cache), 1);
}

static void
test_clients_and_request_ids_are_separate (void)
{
  complete (&fx.a, 1, 7, 0);
  CU_ASSERT_EQUAL (begin (&fx.b, 1, 7, 0, NULL), GORB_REPLY_CACHE_NEW);
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 8, 0, NULL), GORB_REPLY_CACHE_NEW);
  CU_ASSERT_EQUAL (gorb_reply_cache_get_size (fx.cache), 3);
  CU_ASSERT_EQUAL (gorb_reply_cache_get_n_clients (fx.cache), 2);
}

static void
test_forget_lets_a_retransmission_run (void)
{
  guint64 ticket = 0;

  CU_ASSERT_EQUAL (begin (&fx.a, 1, 7, 0, &ticket), GORB_REPLY_CACHE_NEW);
  gorb_reply_cache_forget (fx.cache, &fx.a, 7, ticket);
  CU_ASSERT_EQUAL (gorb_reply_cache_get_size (fx.cache), 0);
  CU_ASSERT_EQUAL (gorb_reply_cache_get_n_clients (fx.cache), 0);
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 7, 0, NULL), GORB_REPLY_CACHE_NEW);
}

static void
test_cancel_drops_only_what_has_not_started (void)
{
  guint64 t1 = 0, t2 = 0;

  CU_ASSERT_EQUAL (begin (&fx.a, 1, 1, 0, &t1), GORB_REPLY_CACHE_NEW);
  CU_ASSERT_TRUE (gorb_reply_cache_cancel (fx.cache, &fx.a, 1));
  CU_ASSERT_FALSE (gorb_reply_cache_start (fx.cache, &fx.a, 1, t1)); /* the job must not run */
  CU_ASSERT_FALSE (gorb_reply_cache_cancel (fx.cache, &fx.a, 1));    /* nothing left */

  CU_ASSERT_EQUAL (begin (&fx.a, 1, 2, 0, &t2), GORB_REPLY_CACHE_NEW);
  CU_ASSERT_TRUE (gorb_reply_cache_start (fx.cache, &fx.a, 2, t2));
  CU_ASSERT_FALSE (gorb_reply_cache_cancel (fx.cache, &fx.a, 2)); /* running: ignored */
  gorb_reply_cache_finish (fx.cache, &fx.a, 2, t2, fx.header, NULL, 0);
  CU_ASSERT_FALSE (gorb_reply_cache_cancel (fx.cache, &fx.a, 2)); /* answered: ignored */
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 2, 0, NULL), GORB_REPLY_CACHE_DONE);
}

static void
test_tickets_name_one_entry (void)
{
  guint64 old_ticket = 0, new_ticket = 0;

  /* cancelled, then retransmitted: the old job's ticket no longer counts */
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 1, 0, &old_ticket), GORB_REPLY_CACHE_NEW);
  CU_ASSERT_TRUE (gorb_reply_cache_cancel (fx.cache, &fx.a, 1));
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 1, 0, &new_ticket), GORB_REPLY_CACHE_NEW);
  CU_ASSERT_NOT_EQUAL (old_ticket, new_ticket);
  CU_ASSERT_FALSE (gorb_reply_cache_start (fx.cache, &fx.a, 1, old_ticket));
  gorb_reply_cache_finish (fx.cache, &fx.a, 1, old_ticket, fx.header, fx.body, 0);
  gorb_reply_cache_forget (fx.cache, &fx.a, 1, old_ticket);
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 1, 0, NULL), GORB_REPLY_CACHE_IN_PROGRESS);
  CU_ASSERT_TRUE (gorb_reply_cache_start (fx.cache, &fx.a, 1, new_ticket));
}

static void
test_ack_prunes_done_entries (void)
{
  guint64 ticket = 0;

  complete (&fx.a, 1, 1, 0);
  complete (&fx.a, 1, 2, 0);
  CU_ASSERT_TRUE (gorb_reply_cache_ack (fx.cache, &fx.a, 1));
  CU_ASSERT_FALSE (gorb_reply_cache_ack (fx.cache, &fx.a, 1));
  CU_ASSERT_FALSE (gorb_reply_cache_ack (fx.cache, &fx.b, 2)); /* another client's id */
  CU_ASSERT_EQUAL (gorb_reply_cache_get_size (fx.cache), 1);
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 1, 0, NULL), GORB_REPLY_CACHE_NEW); /* a new request now */

  CU_ASSERT_EQUAL (begin (&fx.a, 1, 3, 0, &ticket), GORB_REPLY_CACHE_NEW);
  CU_ASSERT_FALSE (gorb_reply_cache_ack (fx.cache, &fx.a, 3)); /* in progress: left alone */
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 3, 0, NULL), GORB_REPLY_CACHE_IN_PROGRESS);
}

static void
test_age_limit (void)
{
  guint64 ticket = 0;

  complete (&fx.a, 1, 1, 0);
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 3, 0, &ticket), GORB_REPLY_CACHE_NEW); /* stays in progress */
  complete (&fx.a, 1, 2, 600 * MS);
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 1, 1000 * MS, NULL), GORB_REPLY_CACHE_DONE); /* 1000 ms: kept */
  gorb_reply_cache_expire (fx.cache, 1001 * MS);
  CU_ASSERT_EQUAL (gorb_reply_cache_get_size (fx.cache), 2); /* 1 is gone */
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 2, 1600 * MS, NULL), GORB_REPLY_CACHE_DONE);
  /* begin expires too; in-progress entries never age out */
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 2, 5000 * MS, NULL), GORB_REPLY_CACHE_NEW);
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 3, 5000 * MS, NULL), GORB_REPLY_CACHE_IN_PROGRESS);
  CU_ASSERT_TRUE (gorb_reply_cache_start (fx.cache, &fx.a, 3, ticket));
}

static void
test_count_limit_drops_the_oldest (void)
{
  guint64 ticket = 0;

  CU_ASSERT_EQUAL (begin (&fx.b, 1, 99, 0, &ticket), GORB_REPLY_CACHE_NEW); /* in progress */
  for (guint64 id = 1; id <= 5; id++)
    complete (&fx.a, 1, id, (gint64) id * MS);
  CU_ASSERT_EQUAL (gorb_reply_cache_get_size (fx.cache), 3 + 1); /* max 3 replies + 1 running */
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 3, 6 * MS, NULL), GORB_REPLY_CACHE_DONE);
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 4, 6 * MS, NULL), GORB_REPLY_CACHE_DONE);
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 5, 6 * MS, NULL), GORB_REPLY_CACHE_DONE);
  CU_ASSERT_EQUAL (begin (&fx.a, 1, 1, 6 * MS, NULL), GORB_REPLY_CACHE_NEW);
  CU_ASSERT_EQUAL (begin (&fx.b, 1, 99, 6 * MS, NULL), GORB_REPLY_CACHE_IN_PROGRESS);
}

static void
test_newer_epoch_drops_the_older_incarnation (void)
{
  guint64 orphan = 0;

  complete (&fx.a, 5, 1, 0);
  CU_ASSERT_EQUAL (begin (&fx.a, 5, 2, 0, &orphan), GORB_REPLY_CACHE_NEW);
  complete (&fx.b, 5, 1, 0);
  /* the client restarts: epoch 6 */
  CU_ASSERT_EQUAL (begin (&fx.a, 6, 1, 0, NULL), GORB_REPLY_CACHE_NEW);  /* not the old reply */
  CU_ASSERT_FALSE (gorb_reply_cache_start (fx.cache, &fx.a, 2, orphan)); /* abandoned */
  CU_ASSERT_EQUAL (gorb_reply_cache_get_size (fx.cache), 2);             /* a/6/1 and b/5/1 */
  /* a late message of the old incarnation */
  CU_ASSERT_EQUAL (begin (&fx.a, 5, 3, 0, NULL), GORB_REPLY_CACHE_STALE);
  CU_ASSERT_EQUAL (begin (&fx.b, 5, 1, 0, NULL), GORB_REPLY_CACHE_DONE); /* b untouched */
}

typedef struct
{
  guint first, n;
  const guint64 *tickets;
} FinishArgs;

static gpointer
finish_thread (gpointer data)
{
  const FinishArgs *args = data;

  for (guint i = args->first; i < args->first + args->n; i++)
    {
      g_assert_true (gorb_reply_cache_start (fx.cache, &fx.a, i, args->tickets[i]));
      gorb_reply_cache_finish (fx.cache, &fx.a, i, args->tickets[i], fx.header, fx.body, 0);
    }
  return NULL;
}

static void
test_pool_threads_finish_while_duplicates_arrive (void)
{
  guint64 tickets[400];
  FinishArgs args[4];
  GThread *threads[4];
  guint n_new = 0;

  gorb_reply_cache_free (fx.cache);
  fx.cache = gorb_reply_cache_new (60000, 1000);
  for (guint i = 0; i < G_N_ELEMENTS (tickets); i++)
    CU_ASSERT_EQUAL (begin (&fx.a, 1, i, 0, &tickets[i]), GORB_REPLY_CACHE_NEW);
  for (guint t = 0; t < 4; t++)
    {
      args[t] = (FinishArgs){ t * 100, 100, tickets };
      threads[t] = g_thread_new ("finisher", finish_thread, &args[t]);
    }
  for (guint round = 0; round < 5; round++)
    for (guint i = 0; i < G_N_ELEMENTS (tickets); i++)
      if (begin (&fx.a, 1, i, 0, NULL)
          == GORB_REPLY_CACHE_NEW) /* never: each is in progress or done */
        n_new++;
  for (guint t = 0; t < 4; t++)
    g_thread_join (threads[t]);
  CU_ASSERT_EQUAL (n_new, 0);
  CU_ASSERT_EQUAL (gorb_reply_cache_get_size (fx.cache), 400);
  for (guint i = 0; i < G_N_ELEMENTS (tickets); i++)
    CU_ASSERT_EQUAL (begin (&fx.a, 1, i, 0, NULL), GORB_REPLY_CACHE_DONE);
}

static CU_TestInfo cache_tests[] = {
  { "new, then in progress, then done with the same frames", test_new_then_in_progress_then_done },
  { "clients and request ids are separate", test_clients_and_request_ids_are_separate },
  { "forget lets a retransmission run", test_forget_lets_a_retransmission_run },
  { "cancel drops only what has not started", test_cancel_drops_only_what_has_not_started },
  { "tickets name one entry", test_tickets_name_one_entry },
  { "ACK prunes done entries", test_ack_prunes_done_entries },
  { "age limit", test_age_limit },
  { "count limit drops the oldest", test_count_limit_drops_the_oldest },
  { "a newer epoch drops the older incarnation", test_newer_epoch_drops_the_older_incarnation },
  { "pool threads finish while duplicates arrive",
    test_pool_threads_finish_while_duplicates_arrive },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "rmi/reply-cache", NULL, NULL, setup, teardown, cache_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
