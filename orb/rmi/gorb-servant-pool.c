/* gorb-servant-pool.c - the threads POOL and SERIALIZED servants run on
 *
 * Why not a GThreadPool: when a GThreadPool (exclusive or not) is freed,
 * GLib parks up to two of its threads in a process-wide pool of unused
 * threads for up to 15 s, and nothing can wait for them to get there, so an
 * ORB could not promise that shutdown leaves no thread of its own behind.
 * These threads are joinable and joined.
 *
 * Invariants: one GAsyncQueue holds the jobs and, once freeing starts, one
 * stop marker per thread, queued behind the jobs (so every queued job is
 * handed to @func, which skips it when the server is stopping). Threads
 * are started on demand, when a job is pushed and no thread is idle, up to
 * @max_threads; the thread array is guarded by the queue's lock.
 */
#include "gorb-orb-server-private.h"

struct _GorbServantPool
{
  GAsyncQueue *queue; /* owned: jobs, then stop markers */
  GFunc func;
  gpointer user_data;
  guint max_threads;
  GPtrArray *threads; /* owned GThread *; under the queue's lock */
};

static char stop_marker;

static gpointer
worker_thread_func (gpointer data)
{
  GorbServantPool *pool = data;

  for (;;)
    {
      gpointer job = g_async_queue_pop (pool->queue);

      if (job == &stop_marker)
        return NULL;
      pool->func (job, pool->user_data);
    }
}

/**
 * gorb_servant_pool_new:
 * @max_threads: the most threads it runs (at least 1)
 * @func: called on a pool thread for each job
 * @user_data: passed to @func
 *
 * Starts no thread yet.
 *
 * Returns: (transfer full): the pool; free with gorb_servant_pool_free()
 */
GorbServantPool *
gorb_servant_pool_new (guint max_threads, GFunc func, gpointer user_data)
{
  GorbServantPool *pool = g_new0 (GorbServantPool, 1);

  pool->queue = g_async_queue_new ();
  pool->func = func;
  pool->user_data = user_data;
  pool->max_threads = MAX (max_threads, 1);
  pool->threads = g_ptr_array_new ();
  return pool;
}

/**
 * gorb_servant_pool_push:
 * @pool: a pool
 * @job: (not nullable): a job for the pool's func
 * @error: return location for a #GError
 *
 * Queues @job, starting a thread if none is idle and there are fewer than
 * the maximum. Any thread but the pool's own while it is being freed.
 *
 * Errors: %GORB_SYSTEM_ERROR_NO_RESOURCES if the pool has no thread and
 * cannot start one (@job is not queued).
 *
 * Returns: %TRUE if @job was queued
 */
gboolean
gorb_servant_pool_push (GorbServantPool *pool, gpointer job, GError **error)
{
  g_return_val_if_fail (pool != NULL && job != NULL, FALSE);

  g_async_queue_lock (pool->queue);
  /* the length is the jobs waiting minus the threads waiting for one */
  if (g_async_queue_length_unlocked (pool->queue) >= 0 && pool->threads->len < pool->max_threads)
    {
      g_autoptr (GError) local_error = NULL;
      GThread *thread = g_thread_try_new ("gorb-pool", worker_thread_func, pool, &local_error);

      if (thread != NULL)
        g_ptr_array_add (pool->threads, thread);
      else if (pool->threads->len == 0)
        {
          g_async_queue_unlock (pool->queue);
          g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_NO_RESOURCES,
                       "cannot start a servant thread: %s", local_error->message);
          return FALSE;
        }
      /* else: the running threads will get to it */
    }
  g_async_queue_push_unlocked (pool->queue, job);
  g_async_queue_unlock (pool->queue);
  return TRUE;
}

/**
 * gorb_servant_pool_get_unprocessed:
 * @pool: a pool
 *
 * Returns: the jobs queued that no thread has taken yet
 */
guint
gorb_servant_pool_get_unprocessed (GorbServantPool *pool)
{
  gint n = g_async_queue_length (pool->queue);

  return n > 0 ? (guint) n : 0;
}

/**
 * gorb_servant_pool_free:
 * @pool: (transfer full) (nullable): a pool
 *
 * Hands every queued job to the func, then ends and joins every thread.
 * Never from one of the pool's threads.
 */
void
gorb_servant_pool_free (GorbServantPool *pool)
{
  if (pool == NULL)
    return;
  g_async_queue_lock (pool->queue);
  for (guint i = 0; i < pool->threads->len; i++)
    g_async_queue_push_unlocked (pool->queue, &stop_marker);
  g_async_queue_unlock (pool->queue);
  for (guint i = 0; i < pool->threads->len; i++)
    g_thread_join (pool->threads->pdata[i]);
  g_ptr_array_unref (pool->threads);
  g_async_queue_unref (pool->queue);
  g_free (pool);
}
