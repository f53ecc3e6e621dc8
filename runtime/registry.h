/* registry.h — the process registry: names, and (name, version) pairs, mapped to
 * (node id, process id). One registry is shared by every process of a runtime; it backs
 * lunatic::registry::{put,get,remove}, lunatic::process::get_or_spawn and
 * tycho::registry::{put_versioned,get_versioned}.
 *
 * Names are arbitrary bytes (a length is always given; NUL is an ordinary byte; the
 * empty name is a name). A name may have one plain binding and, independently, any number
 * of versioned bindings: put/get/remove see only the plain one, *_versioned only the
 * versioned ones. Versions and requirements are those of semver.h; two versions with equal
 * precedence are the same version ("1.0" is "1.0.0", build metadata is ignored), so
 * putting one replaces the other.
 *
 * Every function takes the registry's lock itself and may be called from any thread,
 * except the *_locked variants, which expect the caller to hold it (tr_registry_lock).
 * Operations are O(1) expected (hash tables with a per-registry random key, so guests
 * cannot choose colliding names), except that a versioned put or get on a name costs
 * O(number of versions of that name). A process's bindings are indexed by process id, so
 * tr_registry_remove_process costs O(its own bindings), not O(registry).
 *
 * Out of memory is reported (false / TR_REG_NOMEM) and leaves the registry unchanged.
 */
#ifndef TYCHO_REGISTRY_H
#define TYCHO_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tr_registry tr_registry;

/* Results of the versioned calls; 0, 1, 2 are the guest ABI's values. */
enum {
    TR_REG_OK = 0,
    TR_REG_NOT_FOUND = 1,
    TR_REG_MALFORMED = 2,   /* malformed version (put) or requirement (get) */
    TR_REG_NOMEM = 3,       /* put only; never returned to a guest as is */
};

/* NULL if out of memory. */
tr_registry *tr_registry_new(void);
/* Frees the registry and every binding. No call may be in progress or follow. */
void tr_registry_free(tr_registry *r);

/* ---- plain names ---------------------------------------------------------------------- */

/* Binds name to (node, pid), replacing its previous plain binding. False if out of
 * memory (nothing changed). */
bool tr_registry_put(tr_registry *r, const char *name, size_t len, uint64_t node,
                     uint64_t pid);
/* True and (*node, *pid) if name has a plain binding; false (outputs untouched) if not. */
bool tr_registry_get(tr_registry *r, const char *name, size_t len, uint64_t *node,
                     uint64_t *pid);
/* Removes name's plain binding, if any (its versioned bindings stay). */
void tr_registry_remove(tr_registry *r, const char *name, size_t len);

/* ---- versioned names ------------------------------------------------------------------ */

/* Binds (name, version) to (node, pid), replacing the binding of an equal version.
 * TR_REG_OK, TR_REG_MALFORMED (version; nothing changed) or TR_REG_NOMEM. */
int tr_registry_put_versioned(tr_registry *r, const char *name, size_t len,
                              const char *ver, size_t vlen, uint64_t node, uint64_t pid);
/* The binding of the highest version of name matching requirement req:
 * TR_REG_OK (and *node, *pid), TR_REG_NOT_FOUND, or TR_REG_MALFORMED (requirement;
 * checked even if name is unknown). Outputs are untouched unless TR_REG_OK. */
int tr_registry_get_versioned(tr_registry *r, const char *name, size_t len,
                              const char *req, size_t rlen, uint64_t *node, uint64_t *pid);

/* ---- processes ------------------------------------------------------------------------ */

/* Removes every binding, plain and versioned, whose process id is pid: call it once a
 * process has died. The node id is not compared (the registry does not know which node
 * is local), so a binding to a remote process with the same id would go too. */
void tr_registry_remove_process(tr_registry *r, uint64_t pid);

/* Number of bindings (plain names plus (name, version) pairs). */
size_t tr_registry_count(tr_registry *r);

/* ---- atomic lookup-else-register (get_or_spawn) --------------------------------------- *
 * tr_registry_lock takes the registry's lock exclusively; every other call (from any
 * thread) waits until tr_registry_unlock. In between, use only the *_locked variants,
 * which behave as their namesakes. Whatever the caller does under the lock (spawning a
 * process) must be short, must not block, and must not call back into the registry
 * through the locking functions: the lock is not recursive, that would deadlock. */
void tr_registry_lock(tr_registry *r);
void tr_registry_unlock(tr_registry *r);
bool tr_registry_get_locked(tr_registry *r, const char *name, size_t len, uint64_t *node,
                            uint64_t *pid);
bool tr_registry_put_locked(tr_registry *r, const char *name, size_t len, uint64_t node,
                            uint64_t pid);

#endif
