/* registry.c — the process registry (see registry.h).
 *
 * Two chained hash tables: names -> name_entry (its plain binding and its versioned
 * bindings, highest version first), and process ids -> proc_entry (a list of every
 * binding of that process, so a death removes them without a scan). Each binding sits in
 * both: its name's and its process's. Entries that lose their last binding are freed.
 * One rwlock guards it all: lookups share it, changes hold it exclusively. */
#include "registry.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "semver.h"

/* ---- keyed hash ------------------------------------------------------------------------ *
 * SipHash-1-3 (Aumasson & Bernstein) with a random key per registry: guests choose names
 * (and the process ids they put), and must not be able to pile them into one chain. */

static uint64_t rotl(uint64_t x, unsigned b) { return (x << b) | (x >> (64 - b)); }

#define SIPROUND                                                                      \
    do {                                                                              \
        v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);                    \
        v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;                                        \
        v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;                                        \
        v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);                     \
    } while (0)

static uint64_t siphash13(uint64_t k0, uint64_t k1, const unsigned char *p, size_t len)
{
    uint64_t v0 = k0 ^ 0x736f6d6570736575ULL, v1 = k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ULL, v3 = k1 ^ 0x7465646279746573ULL;
    uint64_t last = (uint64_t)len << 56;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t m = 0;
        for (unsigned j = 0; j < 8; j++)
            m |= (uint64_t)p[i + j] << (8 * j);
        v3 ^= m;
        SIPROUND;
        v0 ^= m;
    }
    for (unsigned j = 0; i + j < len; j++)
        last |= (uint64_t)p[i + j] << (8 * j);
    v3 ^= last;
    SIPROUND;
    v0 ^= last;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

/* ---- chained hash table ---------------------------------------------------------------- */

typedef struct hnode { struct hnode *next; uint64_t hash; } hnode;
typedef struct { hnode **slots; size_t mask, count; } htable;

#define HT_MIN 16

static void ht_resize(htable *t, size_t n)
{
    hnode **s = calloc(n, sizeof *s);
    if (!s)
        return;   /* a fuller (or emptier) table is only slower */
    for (size_t i = 0; i <= t->mask; i++) {
        for (hnode *e = t->slots[i], *next; e; e = next) {
            next = e->next;
            e->next = s[e->hash & (n - 1)];
            s[e->hash & (n - 1)] = e;
        }
    }
    free(t->slots);
    t->slots = s;
    t->mask = n - 1;
}

static void ht_insert(htable *t, hnode *e)
{
    if (t->count > t->mask && t->mask < SIZE_MAX / 2 / sizeof *t->slots)
        ht_resize(t, (t->mask + 1) * 2);
    hnode **s = &t->slots[e->hash & t->mask];
    e->next = *s;
    *s = e;
    t->count++;
}

static void ht_remove(htable *t, hnode *e)
{
    hnode **p = &t->slots[e->hash & t->mask];
    while (*p != e)
        p = &(*p)->next;
    *p = e->next;
    t->count--;
    if (t->mask + 1 > HT_MIN && t->count < (t->mask + 1) / 8)
        ht_resize(t, (t->mask + 1) / 2);
}

/* ---- entries ----------------------------------------------------------------------------- */

typedef struct binding binding;

typedef struct name_entry {
    hnode h;             /* first member: the table links entries through it */
    binding *plain;
    binding *versions;   /* highest version first */
    size_t len;
    unsigned char name[];
} name_entry;

typedef struct proc_entry {
    hnode h;             /* first member */
    uint64_t pid;
    binding *bindings;
} proc_entry;

struct binding {
    name_entry *owner;
    proc_entry *proc;
    binding *proc_prev, *proc_next;   /* the process's bindings */
    binding *ver_prev, *ver_next;     /* versioned: the name's versions */
    uint64_t node;
    bool versioned;
    tr_semver ver;                    /* versioned: ver.pre points to pre[] */
    char pre[];
};

struct tr_registry {
    pthread_rwlock_t lock;
    uint64_t k0, k1;
    htable names, procs;
    size_t count;                     /* bindings */
};

static uint64_t name_hash(const tr_registry *r, const char *name, size_t len)
{
    return siphash13(r->k0, r->k1, (const unsigned char *)name, len);
}

static uint64_t pid_hash(const tr_registry *r, uint64_t pid)
{
    unsigned char b[8];
    for (unsigned i = 0; i < 8; i++)
        b[i] = (unsigned char)(pid >> (8 * i));
    return siphash13(r->k0, r->k1, b, 8);
}

static name_entry *name_find(const tr_registry *r, const char *name, size_t len, uint64_t h)
{
    for (hnode *e = r->names.slots[h & r->names.mask]; e; e = e->next) {
        name_entry *ne = (name_entry *)e;
        if (e->hash == h && ne->len == len && (len == 0 || memcmp(ne->name, name, len) == 0))
            return ne;
    }
    return NULL;
}

static proc_entry *proc_find(const tr_registry *r, uint64_t pid, uint64_t h)
{
    for (hnode *e = r->procs.slots[h & r->procs.mask]; e; e = e->next) {
        proc_entry *pe = (proc_entry *)e;
        if (pe->pid == pid)
            return pe;
    }
    return NULL;
}

static void proc_link(proc_entry *pe, binding *b)
{
    b->proc = pe;
    b->proc_prev = NULL;
    b->proc_next = pe->bindings;
    if (pe->bindings)
        pe->bindings->proc_prev = b;
    pe->bindings = b;
}

/* Takes b off its process's list; frees the process's entry when that empties it. */
static void proc_unlink(tr_registry *r, binding *b)
{
    proc_entry *pe = b->proc;
    if (b->proc_prev)
        b->proc_prev->proc_next = b->proc_next;
    else
        pe->bindings = b->proc_next;
    if (b->proc_next)
        b->proc_next->proc_prev = b->proc_prev;
    if (!pe->bindings) {
        ht_remove(&r->procs, &pe->h);
        free(pe);
    }
}

/* Takes b off its name; frees the name's entry when that was its last binding. */
static void name_unlink(tr_registry *r, binding *b)
{
    name_entry *ne = b->owner;
    if (!b->versioned) {
        ne->plain = NULL;
    } else {
        if (b->ver_prev)
            b->ver_prev->ver_next = b->ver_next;
        else
            ne->versions = b->ver_next;
        if (b->ver_next)
            b->ver_next->ver_prev = b->ver_prev;
    }
    if (!ne->plain && !ne->versions) {
        ht_remove(&r->names, &ne->h);
        free(ne);
    }
    r->count--;
}

/* The name and process entries a put needs, allocated before anything changes so that
 * running out of memory leaves the registry as it was. */
typedef struct {
    name_entry *ne, *new_ne;
    proc_entry *pe, *new_pe;
} prepared;

static bool prepare(tr_registry *r, const char *name, size_t len, uint64_t pid, prepared *p)
{
    uint64_t nh = name_hash(r, name, len), ph = pid_hash(r, pid);
    *p = (prepared){ name_find(r, name, len, nh), NULL, proc_find(r, pid, ph), NULL };
    if (!p->ne) {
        p->new_ne = malloc(sizeof *p->new_ne + len);
        if (!p->new_ne)
            return false;
        *p->new_ne = (name_entry){ .h.hash = nh, .len = len };
        if (len > 0)
            memcpy(p->new_ne->name, name, len);
    }
    if (!p->pe) {
        p->new_pe = malloc(sizeof *p->new_pe);
        if (!p->new_pe) {
            free(p->new_ne);
            return false;
        }
        *p->new_pe = (proc_entry){ .h.hash = ph, .pid = pid };
    }
    return true;
}

static void unprepare(prepared *p)
{
    free(p->new_ne);
    free(p->new_pe);
}

static void commit(tr_registry *r, prepared *p)
{
    if (p->new_ne) {
        ht_insert(&r->names, &p->new_ne->h);
        p->ne = p->new_ne;
    }
    if (p->new_pe) {
        ht_insert(&r->procs, &p->new_pe->h);
        p->pe = p->new_pe;
    }
}

/* An existing binding now names (node, pe's process). */
static void rebind(tr_registry *r, binding *b, proc_entry *pe, uint64_t node)
{
    if (b->proc != pe) {
        proc_unlink(r, b);
        proc_link(pe, b);
    }
    b->node = node;
}

/* ---- the registry ------------------------------------------------------------------------ */

tr_registry *tr_registry_new(void)
{
    tr_registry *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    uint64_t key[2];
    if (getrandom(key, sizeof key, GRND_NONBLOCK) != (ssize_t)sizeof key) {
        /* No entropy yet (early boot): a weaker key still beats a fixed one. */
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        key[0] = (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ULL ^ (uint64_t)ts.tv_sec;
        key[1] = (uint64_t)(uintptr_t)r * 0xbf58476d1ce4e5b9ULL ^ key[0];
    }
    r->k0 = key[0];
    r->k1 = key[1];
    r->names = (htable){ calloc(HT_MIN, sizeof(hnode *)), HT_MIN - 1, 0 };
    r->procs = (htable){ calloc(HT_MIN, sizeof(hnode *)), HT_MIN - 1, 0 };
    /* Writers first: a steady stream of lookups must not starve registrations. */
    pthread_rwlockattr_t attr;
    bool locked = false;
    if (pthread_rwlockattr_init(&attr) == 0) {
        pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
        locked = pthread_rwlock_init(&r->lock, &attr) == 0;
        pthread_rwlockattr_destroy(&attr);
    }
    if (!r->names.slots || !r->procs.slots || !locked) {
        if (locked)
            pthread_rwlock_destroy(&r->lock);
        free(r->names.slots);
        free(r->procs.slots);
        free(r);
        return NULL;
    }
    return r;
}

void tr_registry_free(tr_registry *r)
{
    if (!r)
        return;
    for (size_t i = 0; i <= r->names.mask; i++) {
        for (hnode *e = r->names.slots[i], *next; e; e = next) {
            next = e->next;
            name_entry *ne = (name_entry *)e;
            free(ne->plain);
            for (binding *b = ne->versions, *bn; b; b = bn) {
                bn = b->ver_next;
                free(b);
            }
            free(ne);
        }
    }
    for (size_t i = 0; i <= r->procs.mask; i++) {
        for (hnode *e = r->procs.slots[i], *next; e; e = next) {
            next = e->next;
            free(e);
        }
    }
    free(r->names.slots);
    free(r->procs.slots);
    pthread_rwlock_destroy(&r->lock);
    free(r);
}

void tr_registry_lock(tr_registry *r) { pthread_rwlock_wrlock(&r->lock); }
void tr_registry_unlock(tr_registry *r) { pthread_rwlock_unlock(&r->lock); }

bool tr_registry_put_locked(tr_registry *r, const char *name, size_t len, uint64_t node,
                            uint64_t pid)
{
    prepared p;
    if (!prepare(r, name, len, pid, &p))
        return false;
    binding *b = p.ne ? p.ne->plain : NULL;
    if (b) {
        commit(r, &p);
        rebind(r, b, p.pe, node);
        return true;
    }
    b = malloc(sizeof *b);
    if (!b) {
        unprepare(&p);
        return false;
    }
    commit(r, &p);
    *b = (binding){ .owner = p.ne, .node = node };
    p.ne->plain = b;
    proc_link(p.pe, b);
    r->count++;
    return true;
}

bool tr_registry_get_locked(tr_registry *r, const char *name, size_t len, uint64_t *node,
                            uint64_t *pid)
{
    name_entry *ne = name_find(r, name, len, name_hash(r, name, len));
    if (!ne || !ne->plain)
        return false;
    *node = ne->plain->node;
    *pid = ne->plain->proc->pid;
    return true;
}

bool tr_registry_put(tr_registry *r, const char *name, size_t len, uint64_t node,
                     uint64_t pid)
{
    pthread_rwlock_wrlock(&r->lock);
    bool ok = tr_registry_put_locked(r, name, len, node, pid);
    pthread_rwlock_unlock(&r->lock);
    return ok;
}

bool tr_registry_get(tr_registry *r, const char *name, size_t len, uint64_t *node,
                     uint64_t *pid)
{
    pthread_rwlock_rdlock(&r->lock);
    bool found = tr_registry_get_locked(r, name, len, node, pid);
    pthread_rwlock_unlock(&r->lock);
    return found;
}

void tr_registry_remove(tr_registry *r, const char *name, size_t len)
{
    pthread_rwlock_wrlock(&r->lock);
    name_entry *ne = name_find(r, name, len, name_hash(r, name, len));
    if (ne && ne->plain) {
        binding *b = ne->plain;
        proc_unlink(r, b);
        name_unlink(r, b);
        free(b);
    }
    pthread_rwlock_unlock(&r->lock);
}

int tr_registry_put_versioned(tr_registry *r, const char *name, size_t len,
                              const char *ver, size_t vlen, uint64_t node, uint64_t pid)
{
    tr_semver v;
    if (!tr_semver_parse(ver, vlen, &v))
        return TR_REG_MALFORMED;
    pthread_rwlock_wrlock(&r->lock);
    int rc = TR_REG_OK;
    prepared p;
    if (!prepare(r, name, len, pid, &p)) {
        rc = TR_REG_NOMEM;
        goto out;
    }
    /* The place of v in the name's versions, highest first; an equal version is replaced. */
    binding *prev = NULL, *cur = p.ne ? p.ne->versions : NULL;
    int c = 1;
    while (cur && (c = tr_semver_cmp(&cur->ver, &v)) > 0) {
        prev = cur;
        cur = cur->ver_next;
    }
    if (cur && c == 0) {
        commit(r, &p);
        rebind(r, cur, p.pe, node);
        goto out;
    }
    binding *b = malloc(sizeof *b + v.pre_len);
    if (!b) {
        unprepare(&p);
        rc = TR_REG_NOMEM;
        goto out;
    }
    commit(r, &p);
    *b = (binding){ .owner = p.ne, .node = node, .versioned = true, .ver = v,
                    .ver_prev = prev, .ver_next = cur };
    if (v.pre_len > 0)
        memcpy(b->pre, v.pre, v.pre_len);
    b->ver.pre = v.pre_len > 0 ? b->pre : NULL;   /* the caller's text is not ours to keep */
    if (prev)
        prev->ver_next = b;
    else
        p.ne->versions = b;
    if (cur)
        cur->ver_prev = b;
    proc_link(p.pe, b);
    r->count++;
out:
    pthread_rwlock_unlock(&r->lock);
    return rc;
}

int tr_registry_get_versioned(tr_registry *r, const char *name, size_t len,
                              const char *req, size_t rlen, uint64_t *node, uint64_t *pid)
{
    tr_semreq q;
    if (!tr_semreq_parse(req, rlen, &q))
        return TR_REG_MALFORMED;
    int rc = TR_REG_NOT_FOUND;
    pthread_rwlock_rdlock(&r->lock);
    name_entry *ne = name_find(r, name, len, name_hash(r, name, len));
    for (binding *b = ne ? ne->versions : NULL; b; b = b->ver_next) {
        if (tr_semreq_matches(&q, &b->ver)) {   /* the first match is the highest */
            *node = b->node;
            *pid = b->proc->pid;
            rc = TR_REG_OK;
            break;
        }
    }
    pthread_rwlock_unlock(&r->lock);
    return rc;
}

void tr_registry_remove_process(tr_registry *r, uint64_t pid)
{
    pthread_rwlock_wrlock(&r->lock);
    proc_entry *pe = proc_find(r, pid, pid_hash(r, pid));
    if (pe) {
        for (binding *b = pe->bindings, *next; b; b = next) {
            next = b->proc_next;
            name_unlink(r, b);
            free(b);
        }
        ht_remove(&r->procs, &pe->h);
        free(pe);
    }
    pthread_rwlock_unlock(&r->lock);
}

size_t tr_registry_count(tr_registry *r)
{
    pthread_rwlock_rdlock(&r->lock);
    size_t n = r->count;
    pthread_rwlock_unlock(&r->lock);
    return n;
}
