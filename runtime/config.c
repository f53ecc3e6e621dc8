/* config.c — configs: limits, permission flags, allowed namespaces, the WASI world.
 * Configs are capabilities: what a child gets is its config intersected with its
 * parent's (tr_config_intersect), so no process can hand out more than it has. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "core.h"

tr_config *tr_config_new(void) {
    tr_config *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    atomic_init(&c->refs, 1);
    c->max_memory = UINT32_MAX;   /* Lunatic's default: 4 GiB */
    return c;
}

static void free_strs(char **v, uint32_t n) {
    if (!v) return;
    for (uint32_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

void tr_config_free(tr_config *c) {
    if (!c || atomic_fetch_sub(&c->refs, 1) != 1) return;
    for (uint32_t i = 0; i < c->n_ns_lists; i++) free_strs(c->ns_lists[i], c->ns_counts[i]);
    free(c->ns_lists);
    free(c->ns_counts);
    free_strs(c->own_ns, c->n_own_ns);
    free_strs(c->denied, c->n_denied);
    free_strs(c->args, c->nargs);
    free_strs(c->env, c->nenv);
    free_strs(c->dirs, c->ndirs);
    free_strs(c->guest_dirs, c->ndirs);
    free(c);
}

static bool push_str(char ***v, uint32_t *n, const char *s, size_t len) {
    char **nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) return false;
    *v = nv;
    if (!(nv[*n] = malloc(len + 1))) return false;
    memcpy(nv[*n], s, len);
    nv[*n][len] = 0;
    (*n)++;
    return true;
}

static bool copy_strs(char ***dst, char **src, uint32_t n) {
    *dst = NULL;
    if (!n) return true;
    if (!(*dst = calloc(n, sizeof **dst))) return false;
    for (uint32_t i = 0; i < n; i++)
        if (!((*dst)[i] = strdup(src[i]))) return false;
    return true;
}

/* Appends a copy of prefix list (v, n) to c's lists unless an equal one is there. */
static bool add_list(tr_config *c, char **v, uint32_t n) {
    for (uint32_t i = 0; i < c->n_ns_lists; i++) {
        if (c->ns_counts[i] != n) continue;
        uint32_t k = 0;
        while (k < n && !strcmp(c->ns_lists[i][k], v[k])) k++;
        if (k == n) return true;
    }
    char ***nl = realloc(c->ns_lists, (c->n_ns_lists + 1) * sizeof *nl);
    if (!nl) return false;
    c->ns_lists = nl;
    uint32_t *nc = realloc(c->ns_counts, (c->n_ns_lists + 1) * sizeof *nc);
    if (!nc) return false;
    c->ns_counts = nc;
    char **copy;
    if (!copy_strs(&copy, v, n)) { free_strs(copy, n); return false; }
    nl[c->n_ns_lists] = copy;
    nc[c->n_ns_lists++] = n;
    return true;
}

tr_config *tr_config_clone(const tr_config *src) {
    tr_config *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    atomic_init(&c->refs, 1);
    c->max_memory = src->max_memory;
    c->max_fuel = src->max_fuel;
    c->can_compile = src->can_compile;
    c->can_create_configs = src->can_create_configs;
    c->can_spawn = src->can_spawn;
    bool ok = true;
    for (uint32_t i = 0; ok && i < src->n_ns_lists; i++)
        ok = add_list(c, src->ns_lists[i], src->ns_counts[i]);
    ok = ok && copy_strs(&c->own_ns, src->own_ns, src->n_own_ns);
    c->n_own_ns = c->own_ns ? src->n_own_ns : 0;
    ok = ok && copy_strs(&c->denied, src->denied, src->n_denied);
    c->n_denied = c->denied ? src->n_denied : 0;
    ok = ok && copy_strs(&c->args, src->args, src->nargs);
    c->nargs = c->args ? src->nargs : 0;
    ok = ok && copy_strs(&c->env, src->env, src->nenv);
    c->nenv = c->env ? src->nenv : 0;
    ok = ok && copy_strs(&c->dirs, src->dirs, src->ndirs) &&
         copy_strs(&c->guest_dirs, src->guest_dirs, src->ndirs);
    c->ndirs = c->dirs && c->guest_dirs ? src->ndirs : 0;
    if (!ok) { tr_config_free(c); return NULL; }
    return c;
}

bool tr_config_deny_ns(tr_config *c, const char *prefix, size_t len) {
    return push_str(&c->denied, &c->n_denied, prefix, len);
}

bool tr_config_add_ns(tr_config *c, const char *prefix, size_t len) {
    return push_str(&c->own_ns, &c->n_own_ns, prefix, len);
}

bool tr_config_add_arg(tr_config *c, const char *s, size_t len) {
    return push_str(&c->args, &c->nargs, s, len);
}

bool tr_config_add_env(tr_config *c, const char *k, size_t klen, const char *v, size_t vlen) {
    char *kv = malloc(klen + vlen + 2);
    if (!kv) return false;
    memcpy(kv, k, klen);
    kv[klen] = '=';
    memcpy(kv + klen + 1, v, vlen);
    bool ok = push_str(&c->env, &c->nenv, kv, klen + vlen + 1);
    free(kv);
    return ok;
}

bool tr_config_add_dir(tr_config *c, const char *host, const char *guest) {
    uint32_t n = c->ndirs, m = c->ndirs;
    if (!push_str(&c->dirs, &n, host, strlen(host))) return false;
    if (!push_str(&c->guest_dirs, &m, guest, strlen(guest))) {
        free(c->dirs[n - 1]);
        return false;
    }
    c->ndirs = n;
    return true;
}

static bool in_list(char **v, uint32_t n, const char *name) {
    for (uint32_t i = 0; i < n; i++)
        if (!strncmp(name, v[i], strlen(v[i]))) return true;
    return false;
}

bool tr_config_allows(const tr_config *c, const char *qualified) {
    if (in_list(c->denied, c->n_denied, qualified)) return false;
    for (uint32_t i = 0; i < c->n_ns_lists; i++)
        if (!in_list(c->ns_lists[i], c->ns_counts[i], qualified)) return false;
    return !c->n_own_ns || in_list(c->own_ns, c->n_own_ns, qualified);
}

/* Is host directory `dir` inside (or equal to) one of `parent`'s preopens? Compared on
 * resolved paths, so ".." and symlinks cannot widen a child's view. */
static bool dir_allowed(const tr_config *parent, const char *dir) {
    char want[PATH_MAX], have[PATH_MAX];
    if (!realpath(dir, want)) return false;
    for (uint32_t i = 0; i < parent->ndirs; i++) {
        if (!realpath(parent->dirs[i], have)) continue;
        size_t n = strlen(have);
        if (!strncmp(want, have, n) && (want[n] == 0 || want[n] == '/' || !strcmp(have, "/")))
            return true;
    }
    return false;
}

tr_config *tr_config_intersect(const tr_config *parent, const tr_config *want, char *err,
                               size_t errlen) {
    if (want == parent) {   /* inherited as is: share it (spawning must stay cheap) */
        atomic_fetch_add(&((tr_config *)parent)->refs, 1);
        return (tr_config *)parent;
    }
    tr_config *c = tr_config_clone(want);
    if (!c) { snprintf(err, errlen, "out of memory"); return NULL; }
    if (parent->max_memory < c->max_memory) c->max_memory = parent->max_memory;
    if (parent->max_fuel && (!c->max_fuel || parent->max_fuel < c->max_fuel))
        c->max_fuel = parent->max_fuel;
    c->can_compile &= parent->can_compile;
    c->can_create_configs &= parent->can_create_configs;
    c->can_spawn &= parent->can_spawn;
    bool ok = true;
    for (uint32_t i = 0; ok && i < parent->n_ns_lists; i++)
        ok = add_list(c, parent->ns_lists[i], parent->ns_counts[i]);
    if (ok && parent->n_own_ns) ok = add_list(c, parent->own_ns, parent->n_own_ns);
    for (uint32_t i = 0; ok && i < parent->n_denied; i++)
        if (!in_list(c->denied, c->n_denied, parent->denied[i]))
            ok = tr_config_deny_ns(c, parent->denied[i], strlen(parent->denied[i]));
    if (!ok) {
        tr_config_free(c);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    for (uint32_t i = 0; i < c->ndirs; i++)
        if (!dir_allowed(parent, c->dirs[i])) {
            snprintf(err, errlen, "preopen %s: not inside a directory the parent can access",
                     c->dirs[i]);
            tr_config_free(c);
            return NULL;
        }
    return c;
}

uint64_t tr_config_get(const tr_config *c, tr_config_field f) {
    switch (f) {
    case TR_CFG_MAX_MEMORY: return c->max_memory;
    case TR_CFG_MAX_FUEL: return c->max_fuel;
    case TR_CFG_CAN_COMPILE: return c->can_compile;
    case TR_CFG_CAN_CREATE_CONFIGS: return c->can_create_configs;
    case TR_CFG_CAN_SPAWN: return c->can_spawn;
    }
    return 0;
}

void tr_config_set(tr_config *c, tr_config_field f, uint64_t v) {
    switch (f) {
    case TR_CFG_MAX_MEMORY: c->max_memory = v; break;
    case TR_CFG_MAX_FUEL: c->max_fuel = v; break;
    case TR_CFG_CAN_COMPILE: c->can_compile = v != 0; break;
    case TR_CFG_CAN_CREATE_CONFIGS: c->can_create_configs = v != 0; break;
    case TR_CFG_CAN_SPAWN: c->can_spawn = v != 0; break;
    }
}

int tr_config_create(tr_process *p, tr_config **out) {
    *out = NULL;
    if (!tr_process_config(p)->can_create_configs) return TR_EPERM;
    return (*out = tr_config_new()) ? 0 : 1;
}
