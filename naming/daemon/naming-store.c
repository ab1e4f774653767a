/* naming-store.c - contexts and bindings in SQLite
 *
 * Schema (user_version 1, application_id 'gorn'):
 *
 *   meta     (key TEXT PRIMARY KEY, value BLOB)      -- 'incarnation': 16 bytes, made once
 *   contexts (id INTEGER PRIMARY KEY AUTOINCREMENT)  -- 1 = the root; ids never reused
 *   bindings (context, id, kind, type, target, ref)  -- PRIMARY KEY (context, id, kind)
 *
 * A binding's target is either `target` (a context of this store) or
 * `ref` (a stringified reference), never both. The database is opened in
 * WAL mode with an exclusive lock (one daemon per store; no shared-memory
 * index), and every change is one IMMEDIATE transaction committed before
 * the function returns.
 */
#include "naming-store.h"

#include <sqlite3.h>

#define SCHEMA_VERSION 1
#define APPLICATION_ID 0x676f726e /* 'gorn' */

struct _NamingStore
{
  GMutex lock; /* guards db */
  sqlite3 *db; /* owned */
  char *path;  /* owned */
  GorbIncarnationId incarnation;
};

/* clang-format off */
G_DEFINE_QUARK (gorb-naming-store-error-quark, naming_store_error)
/* clang-format on */

void
naming_target_clear (NamingTarget *target)
{
  g_clear_pointer (&target->ref, g_free);
  target->context = 0;
}

void
naming_object_binding_free (NamingObjectBinding *binding)
{
  g_free (binding->id);
  g_free (binding->kind);
  g_free (binding->ref);
  g_free (binding);
}

/* Sets @error from the connection's last error, for @step. */
static void
set_sqlite_error (NamingStore *store, GError **error, const char *step)
{
  int code = sqlite3_errcode (store->db);
  int primary = code & 0xff;
  NamingStoreError our = NAMING_STORE_ERROR_FAILED;

  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    our = NAMING_STORE_ERROR_BUSY;
  else if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    our = NAMING_STORE_ERROR_CORRUPT;
  if (our == NAMING_STORE_ERROR_BUSY)
    g_set_error (error, NAMING_STORE_ERROR, our,
                 "store '%s' is in use by another process (another gorb-naming?): %s: %s",
                 store->path, step, sqlite3_errmsg (store->db));
  else
    g_set_error (error, NAMING_STORE_ERROR, our, "store '%s': %s: %s", store->path, step,
                 sqlite3_errmsg (store->db));
}

static sqlite3_stmt *
prepare (NamingStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (store, error, "prepare");
      return NULL;
    }
  return stmt;
}

static gboolean
exec (NamingStore *store, const char *sql, GError **error)
{
  if (sqlite3_exec (store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (store, error, sql);
      return FALSE;
    }
  return TRUE;
}

/* Runs @stmt to completion (no rows expected) and finalizes it. */
static gboolean
run (NamingStore *store, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    set_sqlite_error (store, error, "step");
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
begin (NamingStore *store, GError **error)
{
  return exec (store, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (NamingStore *store, GError **error)
{
  if (exec (store, "COMMIT", error))
    return TRUE;
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static void
rollback (NamingStore *store)
{
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Takes the store's lock and begins a write transaction; on failure the
 * lock is released again. */
static gboolean
lock_and_begin (NamingStore *store, GError **error)
{
  g_mutex_lock (&store->lock);
  if (begin (store, error))
    return TRUE;
  g_mutex_unlock (&store->lock);
  return FALSE;
}

/* Ends the transaction lock_and_begin() began: commits it if @result is
 * OK (FAILED if the commit fails), rolls it back otherwise; releases the
 * lock. Returns: the outcome */
static NamingStoreResult
end_and_unlock (NamingStore *store, NamingStoreResult result, GError **error)
{
  if (result == NAMING_STORE_OK && !commit (store, error))
    result = NAMING_STORE_FAILED;
  else if (result != NAMING_STORE_OK)
    rollback (store);
  g_mutex_unlock (&store->lock);
  return result;
}

static gboolean
context_exists_locked (NamingStore *store, gint64 context, gboolean *exists, GError **error)
{
  sqlite3_stmt *stmt = prepare (store, "SELECT 1 FROM contexts WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, context);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    set_sqlite_error (store, error, "step");
  *exists = rc == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* Looks (context, id, kind) up inside the lock; NOT_BOUND if absent. */
static NamingStoreResult
lookup_locked (NamingStore *store, gint64 context, const char *id, const char *kind,
               NamingTarget *target, GError **error)
{
  sqlite3_stmt *stmt = prepare (
      store, "SELECT type, target, ref FROM bindings WHERE context = ? AND id = ? AND kind = ?",
      error);
  int rc;

  if (stmt == NULL)
    return NAMING_STORE_FAILED;
  sqlite3_bind_int64 (stmt, 1, context);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (target != NULL)
        {
          target->type = sqlite3_column_int (stmt, 0) == 1 ? GORB_NAMING_BINDING_TYPE_NCONTEXT
                                                           : GORB_NAMING_BINDING_TYPE_NOBJECT;
          target->context = sqlite3_column_int64 (stmt, 1);
          target->ref = sqlite3_column_type (stmt, 2) == SQLITE_NULL
                            ? NULL
                            : g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
      sqlite3_finalize (stmt);
      return NAMING_STORE_OK;
    }
  if (rc != SQLITE_DONE)
    set_sqlite_error (store, error, "lookup");
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? NAMING_STORE_NOT_BOUND : NAMING_STORE_FAILED;
}

static gboolean
load_or_make_incarnation (NamingStore *store, GError **error)
{
  sqlite3_stmt *stmt = prepare (store, "SELECT value FROM meta WHERE key = 'incarnation'", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gboolean ok = sqlite3_column_bytes (stmt, 0) == sizeof store->incarnation.bytes;

      if (ok)
        memcpy (store->incarnation.bytes, sqlite3_column_blob (stmt, 0),
                sizeof store->incarnation.bytes);
      else
        g_set_error (error, NAMING_STORE_ERROR, NAMING_STORE_ERROR_CORRUPT,
                     "store '%s': its incarnation id is not 16 bytes", store->path);
      sqlite3_finalize (stmt);
      return ok;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (store, error, "reading the incarnation id");
      return FALSE;
    }
  gorb_incarnation_id_generate (&store->incarnation);
  stmt = prepare (store, "INSERT INTO meta (key, value) VALUES ('incarnation', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, store->incarnation.bytes, sizeof store->incarnation.bytes,
                     SQLITE_STATIC);
  return run (store, stmt, error);
}

static gboolean
check_or_make_schema (NamingStore *store, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 version = 0;
  gint64 app_id = 0;
  gint64 n_tables = 0;

  stmt = prepare (store,
                  "SELECT (SELECT user_version FROM pragma_user_version),"
                  " (SELECT application_id FROM pragma_application_id),"
                  " (SELECT count(*) FROM sqlite_master)",
                  error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      version = sqlite3_column_int64 (stmt, 0);
      app_id = sqlite3_column_int64 (stmt, 1);
      n_tables = sqlite3_column_int64 (stmt, 2);
    }
  else
    {
      set_sqlite_error (store, error, "reading the schema");
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  if (n_tables == 0 && version == 0)
    return exec (store,
                 "PRAGMA application_id = 1735357038;" /* APPLICATION_ID */
                 "PRAGMA user_version = 1;"
                 "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);"
                 "CREATE TABLE contexts (id INTEGER PRIMARY KEY AUTOINCREMENT);"
                 "INSERT INTO contexts (id) VALUES (1);"
                 "CREATE TABLE bindings ("
                 " context INTEGER NOT NULL REFERENCES contexts (id),"
                 " id TEXT NOT NULL CHECK (id <> ''),"
                 " kind TEXT NOT NULL,"
                 " type INTEGER NOT NULL CHECK (type IN (0, 1)),"
                 " target INTEGER,"
                 " ref TEXT,"
                 " CHECK ((target IS NULL) <> (ref IS NULL)),"
                 " PRIMARY KEY (context, id, kind)) WITHOUT ROWID;",
                 error);
  if (app_id != APPLICATION_ID || version != SCHEMA_VERSION)
    {
      g_set_error (error, NAMING_STORE_ERROR, NAMING_STORE_ERROR_CORRUPT,
                   "'%s' is not a gorb-naming store (application id %#" G_GINT64_MODIFIER
                   "x, version %" G_GINT64_FORMAT ")",
                   store->path, app_id, version);
      return FALSE;
    }
  return TRUE;
}

/**
 * naming_store_open:
 * @path: the database file; created (with its schema) if missing
 * @sync: how hard commits are pushed to the disk
 * @error: %NAMING_STORE_ERROR: _BUSY if another process has it open,
 *   _CORRUPT if it is not a gorb-naming store, _FAILED otherwise; the
 *   message names @path
 *
 * Returns: (transfer full): the store; close with naming_store_close()
 */
NamingStore *
naming_store_open (const char *path, NamingSync sync, GError **error)
{
  NamingStore *store = g_new0 (NamingStore, 1);
  gboolean ok;

  g_mutex_init (&store->lock);
  store->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &store->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, NAMING_STORE_ERROR, NAMING_STORE_ERROR_FAILED,
                   "cannot open store '%s': %s", path,
                   store->db != NULL ? sqlite3_errmsg (store->db) : "out of memory");
      naming_store_close (store);
      return NULL;
    }
  sqlite3_extended_result_codes (store->db, 1);
  ok = exec (store, "PRAGMA locking_mode = EXCLUSIVE", error)
       && exec (store, "PRAGMA journal_mode = WAL", error)
       && exec (store,
                sync == NAMING_SYNC_FULL ? "PRAGMA synchronous = FULL"
                                         : "PRAGMA synchronous = NORMAL",
                error)
       && exec (store, "PRAGMA foreign_keys = ON", error) && begin (store, error);
  if (ok)
    {
      ok = check_or_make_schema (store, error) && load_or_make_incarnation (store, error);
      ok = ok ? commit (store, error) : (rollback (store), FALSE);
    }
  if (!ok)
    {
      naming_store_close (store);
      return NULL;
    }
  return store;
}

void
naming_store_close (NamingStore *store)
{
  if (store == NULL)
    return;
  if (store->db != NULL)
    sqlite3_close (store->db);
  g_free (store->path);
  g_mutex_clear (&store->lock);
  g_free (store);
}

const char *
naming_store_get_path (NamingStore *store)
{
  return store->path;
}

const GorbIncarnationId *
naming_store_get_incarnation (NamingStore *store)
{
  return &store->incarnation;
}

/* In a transaction: NO_CONTEXT if @context is not there (destroyed), else
 * the lookup of @component in it (OK or NOT_BOUND), or FAILED. */
static NamingStoreResult
lookup_in_context_locked (NamingStore *store, gint64 context,
                          const GorbNamingNameComponent *component, NamingTarget *found,
                          GError **error)
{
  gboolean exists = FALSE;

  if (!context_exists_locked (store, context, &exists, error))
    return NAMING_STORE_FAILED;
  if (!exists)
    return NAMING_STORE_NO_CONTEXT;
  return lookup_locked (store, context, component->id, component->kind, found, error);
}

/**
 * naming_store_lookup:
 * @target: (out caller-allocates): the target, when OK; clear it
 *
 * Returns: OK, NO_CONTEXT, NOT_BOUND or FAILED
 */
NamingStoreResult
naming_store_lookup (NamingStore *store, gint64 context, const GorbNamingNameComponent *component,
                     NamingTarget *target, GError **error)
{
  NamingStoreResult result;
  gboolean exists = FALSE;

  g_mutex_lock (&store->lock);
  result = lookup_locked (store, context, component->id, component->kind, target, error);
  if (result == NAMING_STORE_NOT_BOUND)
    {
      if (!context_exists_locked (store, context, &exists, error))
        result = NAMING_STORE_FAILED;
      else if (!exists)
        result = NAMING_STORE_NO_CONTEXT;
    }
  g_mutex_unlock (&store->lock);
  return result;
}

static gboolean
insert_binding_locked (NamingStore *store, gint64 context, const GorbNamingNameComponent *component,
                       const NamingTarget *target, gboolean replace, GError **error)
{
  sqlite3_stmt *stmt
      = prepare (store,
                 replace ? "INSERT OR REPLACE INTO bindings VALUES (?, ?, ?, ?, ?, ?)"
                         : "INSERT INTO bindings VALUES (?, ?, ?, ?, ?, ?)",
                 error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, context);
  sqlite3_bind_text (stmt, 2, component->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, component->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, target->type == GORB_NAMING_BINDING_TYPE_NCONTEXT ? 1 : 0);
  if (target->ref != NULL)
    {
      sqlite3_bind_null (stmt, 5);
      sqlite3_bind_text (stmt, 6, target->ref, -1, SQLITE_STATIC);
    }
  else
    {
      sqlite3_bind_int64 (stmt, 5, target->context);
      sqlite3_bind_null (stmt, 6);
    }
  return run (store, stmt, error);
}

/**
 * naming_store_bind:
 * @rebind: replace a binding of the same type (else BOUND if one exists)
 *
 * Returns: OK, NO_CONTEXT, BOUND (bind), WRONG_TYPE (rebind) or FAILED
 */
NamingStoreResult
naming_store_bind (NamingStore *store, gint64 context, const GorbNamingNameComponent *component,
                   const NamingTarget *target, gboolean rebind, GError **error)
{
  g_auto (NamingTarget) old = { 0 };
  NamingStoreResult result;

  if (!lock_and_begin (store, error))
    return NAMING_STORE_FAILED;
  result = lookup_in_context_locked (store, context, component, &old, error);
  if (result == NAMING_STORE_OK && !rebind)
    result = NAMING_STORE_BOUND;
  else if (result == NAMING_STORE_OK && old.type != target->type)
    result = NAMING_STORE_WRONG_TYPE;
  else if (result == NAMING_STORE_OK || result == NAMING_STORE_NOT_BOUND)
    result = insert_binding_locked (store, context, component, target, rebind, error)
                 ? NAMING_STORE_OK
                 : NAMING_STORE_FAILED;
  return end_and_unlock (store, result, error);
}

static NamingStoreResult
delete_binding (NamingStore *store, gint64 context, const char *id, const char *kind,
                const char *ref, GError **error)
{
  sqlite3_stmt *stmt;
  NamingStoreResult result = NAMING_STORE_OK;
  gboolean exists = FALSE;

  if (!lock_and_begin (store, error))
    return NAMING_STORE_FAILED;
  stmt = prepare (store,
                  ref != NULL ? "DELETE FROM bindings WHERE context = ? AND id = ? AND kind = ?"
                                " AND ref = ?"
                              : "DELETE FROM bindings WHERE context = ? AND id = ? AND kind = ?",
                  error);
  if (stmt == NULL)
    result = NAMING_STORE_FAILED;
  else
    {
      sqlite3_bind_int64 (stmt, 1, context);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
      if (ref != NULL)
        sqlite3_bind_text (stmt, 4, ref, -1, SQLITE_STATIC);
      if (!run (store, stmt, error))
        result = NAMING_STORE_FAILED;
      else if (sqlite3_changes (store->db) == 0)
        {
          if (!context_exists_locked (store, context, &exists, error))
            result = NAMING_STORE_FAILED;
          else
            result = !exists       ? NAMING_STORE_NO_CONTEXT
                     : ref != NULL ? NAMING_STORE_CHANGED
                                   : NAMING_STORE_NOT_BOUND;
        }
    }
  return end_and_unlock (store, result, error);
}

/* Returns: OK, NO_CONTEXT, NOT_BOUND or FAILED */
NamingStoreResult
naming_store_unbind (NamingStore *store, gint64 context, const GorbNamingNameComponent *component,
                     GError **error)
{
  return delete_binding (store, context, component->id, component->kind, NULL, error);
}

/* Unbinds only if still bound to @ref (the probe's unbind).
 * Returns: OK, NO_CONTEXT, CHANGED or FAILED */
NamingStoreResult
naming_store_unbind_if (NamingStore *store, gint64 context, const char *id, const char *kind,
                        const char *ref, GError **error)
{
  return delete_binding (store, context, id, kind, ref, error);
}

static gboolean
insert_context_locked (NamingStore *store, gint64 *context, GError **error)
{
  sqlite3_stmt *stmt = prepare (store, "INSERT INTO contexts DEFAULT VALUES", error);

  if (stmt == NULL || !run (store, stmt, error))
    return FALSE;
  *context = sqlite3_last_insert_rowid (store->db);
  return TRUE;
}

/* Returns: OK or FAILED */
NamingStoreResult
naming_store_new_context (NamingStore *store, gint64 *context, GError **error)
{
  NamingStoreResult result = NAMING_STORE_OK;

  g_mutex_lock (&store->lock);
  if (!begin (store, error))
    result = NAMING_STORE_FAILED;
  else if (!insert_context_locked (store, context, error))
    {
      rollback (store);
      result = NAMING_STORE_FAILED;
    }
  else if (!commit (store, error))
    result = NAMING_STORE_FAILED;
  g_mutex_unlock (&store->lock);
  return result;
}

/* A new context bound in @context, in one transaction.
 * Returns: OK, NO_CONTEXT, BOUND or FAILED */
NamingStoreResult
naming_store_bind_new_context (NamingStore *store, gint64 context,
                               const GorbNamingNameComponent *component, gint64 *new_context,
                               GError **error)
{
  NamingStoreResult result;

  if (!lock_and_begin (store, error))
    return NAMING_STORE_FAILED;
  result = lookup_in_context_locked (store, context, component, NULL, error);
  if (result == NAMING_STORE_OK)
    result = NAMING_STORE_BOUND;
  else if (result == NAMING_STORE_NOT_BOUND)
    {
      NamingTarget target = { GORB_NAMING_BINDING_TYPE_NCONTEXT, 0, NULL };

      result = NAMING_STORE_FAILED;
      if (insert_context_locked (store, new_context, error))
        {
          target.context = *new_context;
          if (insert_binding_locked (store, context, component, &target, FALSE, error))
            result = NAMING_STORE_OK;
        }
    }
  return end_and_unlock (store, result, error);
}

/* Deletes an empty context (never the root: the caller refuses that).
 * Returns: OK, NO_CONTEXT, NOT_EMPTY or FAILED */
NamingStoreResult
naming_store_destroy_context (NamingStore *store, gint64 context, GError **error)
{
  NamingStoreResult result = NAMING_STORE_OK;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (context != NAMING_STORE_ROOT, NAMING_STORE_FAILED);
  if (!lock_and_begin (store, error))
    return NAMING_STORE_FAILED;
  stmt = prepare (store, "SELECT 1 FROM bindings WHERE context = ? LIMIT 1", error);
  if (stmt == NULL)
    result = NAMING_STORE_FAILED;
  else
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, context);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        result = NAMING_STORE_NOT_EMPTY;
      else if (rc != SQLITE_DONE)
        {
          set_sqlite_error (store, error, "step");
          result = NAMING_STORE_FAILED;
        }
      sqlite3_finalize (stmt);
    }
  if (result == NAMING_STORE_OK)
    {
      stmt = prepare (store, "DELETE FROM contexts WHERE id = ?", error);
      if (stmt == NULL)
        result = NAMING_STORE_FAILED;
      else
        {
          sqlite3_bind_int64 (stmt, 1, context);
          if (!run (store, stmt, error))
            result = NAMING_STORE_FAILED;
          else if (sqlite3_changes (store->db) == 0)
            result = NAMING_STORE_NO_CONTEXT;
        }
    }
  return end_and_unlock (store, result, error);
}

gboolean
naming_store_context_exists (NamingStore *store, gint64 context)
{
  gboolean exists = FALSE;

  g_mutex_lock (&store->lock);
  if (!context_exists_locked (store, context, &exists, NULL))
    exists = FALSE;
  g_mutex_unlock (&store->lock);
  return exists;
}

/**
 * naming_store_list:
 * @bindings: (out caller-allocates): every binding of @context, ordered
 *   by (id, kind): one read, so a consistent snapshot
 *
 * Returns: OK, NO_CONTEXT or FAILED
 */
NamingStoreResult
naming_store_list (NamingStore *store, gint64 context, GorbNamingBindingList *bindings,
                   GError **error)
{
  g_autoptr (GArray) array = g_array_new (FALSE, TRUE, sizeof (GorbNamingBinding));
  NamingStoreResult result = NAMING_STORE_OK;
  gboolean exists = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  bindings->data = NULL;
  bindings->len = 0;
  g_array_set_clear_func (array, (GDestroyNotify) gorb_naming_binding_clear);
  g_mutex_lock (&store->lock);
  if (!exec (store, "BEGIN", error))
    {
      g_mutex_unlock (&store->lock);
      return NAMING_STORE_FAILED;
    }
  if (!context_exists_locked (store, context, &exists, error))
    result = NAMING_STORE_FAILED;
  else if (!exists)
    result = NAMING_STORE_NO_CONTEXT;
  else if ((stmt = prepare (store,
                            "SELECT id, kind, type FROM bindings WHERE context = ?"
                            " ORDER BY id, kind",
                            error))
           == NULL)
    result = NAMING_STORE_FAILED;
  else
    {
      sqlite3_bind_int64 (stmt, 1, context);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          GorbNamingBinding binding = { 0 };

          binding.binding_name.len = 1;
          binding.binding_name.data = g_new0 (GorbNamingNameComponent, 1);
          binding.binding_name.data[0].id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          binding.binding_name.data[0].kind
              = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          binding.binding_type = sqlite3_column_int (stmt, 2) == 1
                                     ? GORB_NAMING_BINDING_TYPE_NCONTEXT
                                     : GORB_NAMING_BINDING_TYPE_NOBJECT;
          g_array_append_val (array, binding);
        }
      if (rc != SQLITE_DONE)
        {
          set_sqlite_error (store, error, "list");
          result = NAMING_STORE_FAILED;
        }
      sqlite3_finalize (stmt);
    }
  rollback (store); /* read only: ends the read transaction */
  g_mutex_unlock (&store->lock);
  if (result == NAMING_STORE_OK)
    {
      bindings->len = array->len;
      bindings->data = (GorbNamingBinding *) g_array_steal (array, NULL);
    }
  return result;
}

/* Returns: (transfer full) (element-type gint64): every context's number */
GArray *
naming_store_dup_contexts (NamingStore *store, GError **error)
{
  g_autoptr (GArray) contexts = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_mutex_lock (&store->lock);
  stmt = prepare (store, "SELECT id FROM contexts ORDER BY id", error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&store->lock);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (contexts, id);
    }
  if (rc != SQLITE_DONE)
    set_sqlite_error (store, error, "listing the contexts");
  sqlite3_finalize (stmt);
  g_mutex_unlock (&store->lock);
  return rc == SQLITE_DONE ? g_steal_pointer (&contexts) : NULL;
}

/* Returns: (transfer full) (element-type NamingObjectBinding): every object
 * binding that names an object by reference (what the probe pings) */
GPtrArray *
naming_store_dup_object_bindings (NamingStore *store, GError **error)
{
  g_autoptr (GPtrArray) bindings
      = g_ptr_array_new_with_free_func ((GDestroyNotify) naming_object_binding_free);
  sqlite3_stmt *stmt;
  int rc;

  g_mutex_lock (&store->lock);
  stmt = prepare (store,
                  "SELECT context, id, kind, ref FROM bindings WHERE type = 0 AND ref IS NOT NULL",
                  error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&store->lock);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NamingObjectBinding *binding = g_new0 (NamingObjectBinding, 1);

      binding->context = sqlite3_column_int64 (stmt, 0);
      binding->id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      binding->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      binding->ref = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (bindings, binding);
    }
  if (rc != SQLITE_DONE)
    set_sqlite_error (store, error, "listing the object bindings");
  sqlite3_finalize (stmt);
  g_mutex_unlock (&store->lock);
  return rc == SQLITE_DONE ? g_steal_pointer (&bindings) : NULL;
}
