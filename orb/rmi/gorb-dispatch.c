/* gorb-dispatch.c - the dispatcher: a REQUEST from its arrival on the
 * listener thread to its reply (threads: see gorb-orb-server.c)
 *
 * On arrival (listener thread): the reply cache first, for requests that
 * expect a response (a duplicate is answered from the cache or ignored,
 * never run again); then the object key (OBJECT_NOT_EXIST) and the
 * operation (BAD_OPERATION), both refused with completion NO and not
 * cached, since nothing ran. Then the export's policy: run now, push to the
 * pool (NO_RESOURCES past pool_queue_max waiting), or queue behind the
 * export's running call (SERIALIZED).
 *
 * A job, wherever it runs: skipped if cancelled or if the server stops;
 * dropped unanswered if its deadline (the header's timeout added to the
 * arrival time) has passed, since the client has given up; refused with
 * OBJECT_NOT_EXIST if its export was unexported while it waited. Else the
 * arguments get one zeroed block (on the stack when small), each aligned
 * to its type; the body is decoded into them (a body that does not decode:
 * MARSHAL, completion NO); the skeleton that defines the operation calls
 * the servant; the outcome becomes the reply (see encode_outcome()), which
 * is stored in the reply cache before it is sent (so that an ACK that
 * overtakes the store cannot miss it); every argument is cleared. Oneway
 * requests run the same way and send nothing.
 */
#include "gorb-orb-server-private.h"

#include <string.h>

#include "marshal/gorb-value.h"

#define INLINE_STORAGE_SIZE 512 /* bytes of arguments kept on the stack */
#define INLINE_ARGS 16

static void
job_clear (GorbJob *job)
{
  gorb_export_unref (g_steal_pointer (&job->export));
  g_clear_object (&job->servant); /* may finalize a collected servant */
  if (job->on_heap)
    {
      g_clear_object (&job->listener);
      g_clear_pointer (&job->peer, g_bytes_unref);
      g_clear_pointer (&job->header_bytes, g_bytes_unref);
      g_clear_pointer (&job->body, g_bytes_unref);
    }
  g_clear_object (&job->orb); /* last: may finalize the ORB */
}

static void
job_free (GorbJob *job)
{
  job_clear (job);
  g_free (job);
}

/* A pool job: a copy of the listener thread's stack job that owns what it
 * borrowed. */
static GorbJob *
job_to_heap (GorbJob *job)
{
  GorbJob *heap = g_memdup2 (job, sizeof *job);

  heap->on_heap = TRUE;
  g_object_ref (heap->listener);
  g_bytes_ref (heap->peer);
  g_bytes_ref (heap->header_bytes); /* the header's key and operation point into it */
  if (heap->body != NULL)
    g_bytes_ref (heap->body);
  job->export = NULL; /* moved */
  job->servant = NULL;
  job->orb = NULL;
  return heap;
}

static void
send_or_count (GorbOrbServer *server, GorbListener *listener, GBytes *peer, GBytes *header,
               GBytes *body)
{
  g_autoptr (GError) error = NULL;

  if (!gorb_listener_send (listener, peer, header, body, &error))
    {
      g_debug ("cannot answer on '%s': %s", gorb_listener_get_endpoint (listener), error->message);
      gorb_orb_server_count (&server->n_dropped);
    }
}

/**
 * gorb_dispatch_send_system_exception:
 * @listener: where the request arrived
 * @peer: who sent it
 * @request: its header (request id, client id and epoch, byte order and
 *   encoding are used)
 * @code: the system exception
 * @completion: whether the operation ran
 * @message: for a person
 *
 * Sends a REPLY of status SYSTEM_EXCEPTION; nothing is cached.
 */
void
gorb_dispatch_send_system_exception (GorbListener *listener, GBytes *peer,
                                     const GorbMessageHeader *request, GorbSystemError code,
                                     GorbCompletionStatus completion, const char *message)
{
  g_autoptr (GBytes) header = gorb_orb_server_encode_reply_header (request, GORB_MESSAGE_REPLY,
                                                                   GORB_REPLY_SYSTEM_EXCEPTION);
  g_autoptr (GBytes) body = gorb_body_encode_system_exception (
      code, completion, message, request->encoding, request->byte_order);
  g_autoptr (GError) error = NULL;

  if (!gorb_listener_send (listener, peer, header, body, &error))
    g_debug ("cannot answer on '%s': %s", gorb_listener_get_endpoint (listener), error->message);
}

/* A request refused before anything ran: answered (if it expects an
 * answer) and forgotten by the reply cache, so a retransmission is
 * judged afresh. */
G_GNUC_PRINTF (4, 5)
static void
refuse (GorbJob *job, GorbSystemError code, gssize *counter, const char *format, ...)
{
  const GorbMessageHeader *h = &job->header;
  g_autofree char *message = NULL;
  va_list args;

  if (counter != NULL)
    gorb_orb_server_count (counter);
  if (job->ticket != 0)
    gorb_reply_cache_forget (job->server->cache, &h->client_id, h->request_id, job->ticket);
  if (!h->response_expected)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  gorb_dispatch_send_system_exception (job->listener, job->peer, h, code, GORB_COMPLETED_NO,
                                       message);
}

/* Stores (if cached) and sends a reply. */
static void
answer (GorbJob *job, GorbReplyStatus status, GBytes *body)
{
  const GorbMessageHeader *h = &job->header;
  g_autoptr (GBytes) header = gorb_orb_server_encode_reply_header (h, GORB_MESSAGE_REPLY, status);

  if (job->ticket != 0)
    gorb_reply_cache_finish (job->server->cache, &h->client_id, h->request_id, job->ticket, header,
                             body, g_get_monotonic_time ());
  send_or_count (job->server, job->listener, job->peer, header, body);
}

static GBytes *
system_body (const GorbMessageHeader *h, GorbSystemError code, GorbCompletionStatus completion,
             const char *message)
{
  return gorb_body_encode_system_exception (code, completion, message, h->encoding, h->byte_order);
}

/* The reply to a call that ran:
 *   success                           OK, the result and out/inout arguments
 *   an error that is one of op's raises  USER_EXCEPTION, its members
 *   a GORB_SYSTEM_ERROR               SYSTEM_EXCEPTION with its code, completion YES
 *   any other error                   SYSTEM_EXCEPTION UNKNOWN with its message, YES
 *   a reply that does not encode      SYSTEM_EXCEPTION MARSHAL, YES
 * A servant that fails without setting an error is UNKNOWN; one that sets
 * an error and claims success has failed. */
static GorbReplyStatus
encode_outcome (GorbJob *job, gboolean ok, const GError *error, gpointer const *args,
                gconstpointer result, GBytes **body)
{
  const GorbMessageHeader *h = &job->header;
  const GorbOperationDesc *op = job->op;
  g_autoptr (GError) encode_error = NULL;
  const GorbExceptionDesc *exception;

  GorbObjrefContext context = {
    .orb = job->orb, .client = &h->client_id, .request_id = h->request_id
  }; /* local objects in the reply stay pinned until the client acknowledges */

  if (ok && error == NULL)
    {
      gorb_orb_push_objref_context (&context);
      *body = gorb_body_encode_reply (op, result, args, h->encoding, h->byte_order, &encode_error);
      gorb_orb_pop_objref_context (&context);
      if (*body != NULL)
        return GORB_REPLY_OK;
    }
  else if (error == NULL)
    {
      g_autofree char *message = g_strdup_printf ("'%s' failed without an error", op->name);
      *body = system_body (h, GORB_SYSTEM_ERROR_UNKNOWN, GORB_COMPLETED_YES, message);
      return GORB_REPLY_SYSTEM_EXCEPTION;
    }
  else if ((exception = gorb_operation_find_exception (op, error)) != NULL)
    {
      gorb_orb_push_objref_context (&context);
      *body = gorb_body_encode_user_exception (exception, error, h->encoding, h->byte_order,
                                               &encode_error);
      gorb_orb_pop_objref_context (&context);
      if (*body != NULL)
        return GORB_REPLY_USER_EXCEPTION;
    }
  else
    {
      GorbSystemError code = error->domain == GORB_SYSTEM_ERROR ? (GorbSystemError) error->code
                                                                : GORB_SYSTEM_ERROR_UNKNOWN;
      *body = system_body (h, code, GORB_COMPLETED_YES, error->message);
      return GORB_REPLY_SYSTEM_EXCEPTION;
    }
  {
    g_autofree char *message
        = g_strdup_printf ("cannot encode the reply of '%s': %s", op->name, encode_error->message);
    *body = system_body (h, GORB_SYSTEM_ERROR_MARSHAL, GORB_COMPLETED_YES, message);
  }
  return GORB_REPLY_SYSTEM_EXCEPTION;
}

static gsize
align_up (gsize offset, gsize align)
{
  return align > 1 ? (offset + align - 1) & ~(align - 1) : offset;
}

/* Decodes the arguments, calls the servant, answers, clears. */
static void
invoke (GorbJob *job)
{
  const GorbMessageHeader *h = &job->header;
  const GorbOperationDesc *op = job->op;
  guint64 inline_storage[INLINE_STORAGE_SIZE / sizeof (guint64)];
  gpointer inline_args[INLINE_ARGS];
  g_autofree guint8 *heap_storage = NULL;
  g_autofree gpointer *heap_args = NULL;
  g_autoptr (GBytes) empty = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) reply = NULL;
  gpointer *args = inline_args;
  gpointer result = NULL;
  GBytes *body = job->body;
  gsize size = 0, align = 1;
  guint8 *base;
  gboolean ok;

  /* one zeroed block: each parameter, then the result, at its alignment */
  for (guint i = 0; i < op->n_params; i++)
    {
      const GorbTypeDesc *type = op->params[i].type;

      size = align_up (size, type->align) + type->size;
      align = MAX (align, type->align);
    }
  if (op->result != NULL)
    {
      size = align_up (size, op->result->align) + op->result->size;
      align = MAX (align, op->result->align);
    }
  if (size <= sizeof inline_storage && align <= G_ALIGNOF (guint64))
    base = memset (inline_storage, 0, size);
  else
    base = heap_storage = g_malloc0 (MAX (size, 1)); /* malloc's alignment suits every C type */
  if (op->n_params > INLINE_ARGS)
    args = heap_args = g_new (gpointer, op->n_params);
  size = 0;
  for (guint i = 0; i < op->n_params; i++)
    {
      const GorbTypeDesc *type = op->params[i].type;

      size = align_up (size, type->align);
      args[i] = base + size;
      size += type->size;
    }
  if (op->result != NULL)
    result = base + align_up (size, op->result->align);

  if (body == NULL) /* a one-frame message */
    body = empty = g_bytes_new_static ("", 0);
  gorb_orb_push_objref_hooks (job->orb);
  ok = gorb_body_decode_request (op, body, h->encoding, h->byte_order, args, &error);
  gorb_orb_pop_objref_hooks (job->orb);
  if (!ok)
    {
      g_autofree char *message
          = g_strdup_printf ("cannot decode the arguments of '%s': %s", op->name, error->message);

      if (h->response_expected)
        answer (job, GORB_REPLY_SYSTEM_EXCEPTION,
                reply = system_body (h, GORB_SYSTEM_ERROR_MARSHAL, GORB_COMPLETED_NO, message));
      else
        gorb_orb_server_count (&job->server->n_dropped);
      goto out;
    }

  gorb_orb_server_count (&job->server->n_requests);
  if (G_UNLIKELY (job->export->builtin))
    gorb_dgc_set_current_request (h); /* the collector's client is the header's */
  ok = job->skeleton->dispatch (job->servant, op, args, result, &error);
  if (G_UNLIKELY (job->export->builtin))
    gorb_dgc_set_current_request (NULL);
  if (h->response_expected)
    {
      GorbReplyStatus status = encode_outcome (job, ok, error, args, result, &reply);
      answer (job, status, reply);
    }
  else if (error != NULL)
    g_debug ("oneway '%s' failed: %s", op->name, error->message);

out:
  for (guint i = 0; i < op->n_params; i++)
    gorb_value_clear (op->params[i].type, args[i]);
  if (result != NULL)
    gorb_value_clear (op->result, result);
}

/* Runs a job where it is: checks it may still run, then invokes. */
static void
run_job (GorbJob *job)
{
  GorbOrbServer *server = job->server;
  const GorbMessageHeader *h = &job->header;

  if (job->ticket != 0 && job->on_heap
      && !gorb_reply_cache_start (server->cache, &h->client_id, h->request_id, job->ticket))
    return; /* cancelled while it waited (counted then), or its client reincarnated */
  if (g_atomic_int_get (&server->stopping))
    {
      refuse (job, GORB_SYSTEM_ERROR_TRANSIENT, &server->n_dropped, "the server is shutting down");
      return;
    }
  if (job->deadline_us != 0 && g_get_monotonic_time () > job->deadline_us)
    {
      if (job->ticket != 0)
        gorb_reply_cache_forget (server->cache, &h->client_id, h->request_id, job->ticket);
      gorb_orb_server_count (&server->n_expired); /* the client has given up: no answer */
      return;
    }
  if (g_atomic_int_get (&job->export->unexported))
    {
      refuse (job, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST, NULL,
              "the object of '%s' was unexported before the call to '%s' ran",
              job->skeleton->iface->name, job->op->name);
      return;
    }
  invoke (job);
}

/**
 * gorb_dispatch_pool_func:
 * @data: (transfer full): a pool job
 * @user_data: the server
 *
 * The pool's GFunc. A SERIALIZED job is followed, on this thread, by the
 * calls that queued up behind it on the same export, until none is left:
 * one pool thread per busy serialized export, in arrival order, and no
 * push back to the pool (which might be draining).
 *
 * Must not touch the server after the last job_free(): it may drop the
 * ORB's last reference, and the teardown that follows frees the server
 * once this thread is done.
 */
void
gorb_dispatch_pool_func (gpointer data, gpointer user_data)
{
  GorbJob *job = data;
  GorbOrbServer *server = user_data;

  gorb_orb_server_mark_thread (server);
  if (job->export->policy == GORB_THREAD_POLICY_SERIALIZED)
    {
      GorbExport *export = gorb_export_ref (job->export);

      while (job != NULL)
        {
          run_job (job);
          job_free (job);
          g_mutex_lock (&export->lock);
          job = g_queue_pop_head (&export->waiting);
          if (job == NULL)
            export->busy = FALSE;
          g_mutex_unlock (&export->lock);
        }
      gorb_export_unref (export);
    }
  else
    {
      run_job (job);
      job_free (job); /* may drop the ORB's last reference: nothing of the server after this */
    }
  gorb_orb_server_mark_thread (NULL);
}

/* Listener thread: hands a job to the pool, unless its queue is full. A
 * SERIALIZED job that cannot go passes its export's turn to the next one
 * waiting, which is tried the same way. */
static void
push_to_pool (GorbOrbServer *server, GorbJob *job)
{
  while (job != NULL)
    {
      g_autoptr (GError) error = NULL;
      gboolean pushed = FALSE, full = FALSE;
      GorbJob *next = NULL;

      g_rw_lock_reader_lock (&server->lock); /* shutdown takes the pool away under the write lock */
      if (server->pool != NULL)
        {
          full = gorb_servant_pool_get_unprocessed (server->pool) >= server->pool_queue_max;
          if (!full)
            pushed = gorb_servant_pool_push (server->pool, job, &error);
        }
      g_rw_lock_reader_unlock (&server->lock);
      if (pushed)
        return;
      if (full)
        refuse (job, GORB_SYSTEM_ERROR_NO_RESOURCES, &server->n_refused,
                "too many requests waiting for a servant thread (%u)", server->pool_queue_max);
      else if (error != NULL)
        refuse (job, GORB_SYSTEM_ERROR_NO_RESOURCES, &server->n_refused, "%s", error->message);
      else
        refuse (job, GORB_SYSTEM_ERROR_TRANSIENT, &server->n_dropped,
                "the server is shutting down");
      if (job->export->policy == GORB_THREAD_POLICY_SERIALIZED)
        {
          GorbExport *export = job->export;

          g_mutex_lock (&export->lock);
          next = g_queue_pop_head (&export->waiting);
          if (next == NULL)
            export->busy = FALSE;
          g_mutex_unlock (&export->lock);
        }
      job_free (job);
      job = next;
    }
}

/* Listener thread: a SERIALIZED job waits for the export's running call,
 * or starts the export's turn on the pool. */
static void
queue_serialized (GorbOrbServer *server, GorbJob *job)
{
  GorbExport *export = job->export;
  gboolean start = FALSE, full = FALSE;

  g_mutex_lock (&export->lock);
  if (export->waiting.length >= server->pool_queue_max)
    full = TRUE;
  else if (export->busy)
    g_queue_push_tail (&export->waiting, job);
  else
    start = export->busy = TRUE;
  g_mutex_unlock (&export->lock);
  if (start)
    push_to_pool (server, job);
  else if (full)
    {
      refuse (job, GORB_SYSTEM_ERROR_NO_RESOURCES, &server->n_refused,
              "too many requests waiting for the serialized object of '%s' (%u)",
              job->skeleton->iface->name, server->pool_queue_max);
      job_free (job);
    }
}

static char *
key_to_hex (const guint8 *key, gsize len)
{
  static const char digits[] = "0123456789abcdef";
  char *hex = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      hex[2 * i] = digits[key[i] >> 4];
      hex[2 * i + 1] = digits[key[i] & 15];
    }
  hex[len * 2] = '\0';
  return hex;
}

/**
 * gorb_dispatch_request:
 * @server: the server
 * @listener: where the request arrived
 * @peer: (transfer none): who sent it
 * @header_bytes: (transfer none): its header frame
 * @header: the decoded header (borrows from @header_bytes)
 * @body: (transfer none) (nullable): its body frame
 *
 * Handles one REQUEST, on the listener thread (see the top of this file).
 */
void
gorb_dispatch_request (GorbOrbServer *server, GorbListener *listener, GBytes *peer,
                       GBytes *header_bytes, const GorbMessageHeader *header, GBytes *body)
{
  gint64 now = g_get_monotonic_time ();
  GorbJob job = {
    .server = server,
    .listener = listener,
    .peer = peer,
    .header_bytes = header_bytes,
    .body = body,
    .header = *header,
  };

  if (header->response_expected)
    {
      g_autoptr (GBytes) cached_header = NULL;
      g_autoptr (GBytes) cached_body = NULL;

      switch (gorb_reply_cache_begin (server->cache, &header->client_id, header->client_epoch,
                                      header->request_id, now, &job.ticket, &cached_header,
                                      &cached_body))
        {
        case GORB_REPLY_CACHE_NEW:
          break;
        case GORB_REPLY_CACHE_DONE:
          gorb_orb_server_count (&server->n_duplicates);
          send_or_count (server, listener, peer, cached_header, cached_body);
          return;
        case GORB_REPLY_CACHE_IN_PROGRESS:
          gorb_orb_server_count (&server->n_duplicates); /* the client will ask again */
          return;
        case GORB_REPLY_CACHE_STALE:
        default:
          gorb_orb_server_count (&server->n_dropped); /* an orphan of a dead incarnation */
          return;
        }
    }

  job.export = gorb_orb_server_find_export (server, header->object_key, header->object_key_len,
                                            &job.servant);
  if (job.export == NULL)
    {
      g_autofree char *hex = key_to_hex (header->object_key, header->object_key_len);
      refuse (&job, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST, NULL,
              "no object with key '%s' is exported here", hex);
      return;
    }
  job.skeleton
      = gorb_skeleton_lookup_for_operation (job.export->skeleton, header->operation, &job.op);
  if (job.skeleton == NULL)
    {
      refuse (&job, GORB_SYSTEM_ERROR_BAD_OPERATION, NULL, "'%s' has no operation '%s'",
              job.export->skeleton->iface->name, header->operation);
      job_clear (&job);
      return;
    }
  if (header->timeout_ms != 0)
    job.deadline_us = now + (gint64) header->timeout_ms * 1000;
  job.orb = g_object_ref (server->orb);

  switch (job.export->policy)
    {
    case GORB_THREAD_POLICY_LISTENER:
      run_job (&job); /* here and now: no hand-off */
      job_clear (&job);
      break;
    case GORB_THREAD_POLICY_POOL:
      push_to_pool (server, job_to_heap (&job));
      break;
    case GORB_THREAD_POLICY_SERIALIZED:
    default:
      queue_serialized (server, job_to_heap (&job));
      break;
    }
}
