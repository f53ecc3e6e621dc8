/* environment.c — environments: the registry a process sees and its environment id.
 *
 * A process belongs to its parent's environment. `tycho run` has one (id 1, as under
 * `lunatic run`); the test mode gives each test a new one, as Lunatic's does, so that
 * tests running side by side may register the same names. Registry names are removed
 * from the registry of the dying process's environment. */
#include <stdlib.h>

#include "core.h"

tr_env *tr_env_new(tr_runtime *rt) {
    tr_env *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    if (!(e->registry = tr_registry_new())) { free(e); return NULL; }
    atomic_init(&e->refs, 1);
    e->id = atomic_fetch_add(&rt->next_env_id, 1);
    return e;
}

void tr_env_ref(tr_env *e) { atomic_fetch_add(&e->refs, 1); }

void tr_env_unref(tr_env *e) {
    if (!e || atomic_fetch_sub(&e->refs, 1) != 1) return;
    tr_registry_free(e->registry);
    free(e);
}

tr_registry *tr_process_registry(tr_process *p) { return p->env->registry; }
uint64_t tr_process_environment(const tr_process *p) { return p->env->id; }
