/* timer.c — the timer service (see timer.h).
 *
 * Timers are nodes in chunks of CHUNK (chunks never move, so a node's address is stable
 * while the lock is held), named by a 32-bit index: the heap and the hash table hold
 * indices, not pointers, which halves their size. A node is 48 bytes, its heap entry 4,
 * its hash entry 4 at a load of 3/8..3/4: ~60 bytes per pending timer.
 *
 * Memory is given back when no timer is pending (all chunks but the first, the heap and
 * hash table down to their minimum): a burst of a million timers does not stay resident.
 */
#include "timer.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHUNK_SHIFT 12
#define CHUNK (1u << CHUNK_SHIFT)
#define NONE UINT32_MAX               /* no node: empty hash slot, end of the free list */
#define MAX_TIMERS (1u << 30)         /* keeps indices, heap positions and hash size in range */
#define MIN_HASH_BITS 6
#define MIN_HEAP 64
#define BATCH 64                      /* due timers taken per lock acquisition */
#define NS 1000000000ull
/* The longest the thread sleeps in one wait (~146 years of uptime): far beyond any real
 * deadline, and small enough for every kernel's timespec, so UINT64_MAX ("never") can't
 * make pthread_cond_timedwait fail with EINVAL, which would turn the wait into a spin. */
#define MAX_WAIT_NS (1ull << 62)

typedef struct {
    uint64_t deadline, id;
    tr_timer_fn fn, drop;
    void *arg;
    uint32_t pos;                     /* index in the heap; next free node while free */
} node;

struct tr_timers {
    pthread_mutex_t lock;
    pthread_cond_t cond;              /* on CLOCK_MONOTONIC: the thread's only wait */
    pthread_t thread;
    bool stop;
    uint64_t next_id;
    node **chunks;
    uint32_t nchunks, capchunks;
    uint32_t fresh;                   /* nodes from here to the chunks' end never used */
    uint32_t free_list;
    uint32_t *heap, n, capheap;       /* n: pending timers */
    uint32_t *hash;                   /* linear probing, 1 << hbits slots, NONE = empty */
    unsigned hbits;
};

uint64_t tr_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * NS + (uint64_t)ts.tv_nsec;
}

static inline node *N(const tr_timers *t, uint32_t i)
{
    return &t->chunks[i >> CHUNK_SHIFT][i & (CHUNK - 1)];
}

/* ---- nodes ------------------------------------------------------------------------ */

static uint32_t node_alloc(tr_timers *t)
{
    if (t->free_list != NONE) {
        uint32_t i = t->free_list;
        t->free_list = N(t, i)->pos;
        return i;
    }
    if (t->fresh == t->nchunks * CHUNK) {
        if (t->nchunks == t->capchunks) {
            uint32_t cap = t->capchunks ? t->capchunks * 2 : 16;
            node **c = realloc(t->chunks, cap * sizeof *c);
            if (!c) return NONE;
            t->chunks = c;
            t->capchunks = cap;
        }
        node *c = malloc(CHUNK * sizeof *c);
        if (!c) return NONE;
        t->chunks[t->nchunks++] = c;
    }
    return t->fresh++;
}

static void node_free(tr_timers *t, uint32_t i)
{
    N(t, i)->pos = t->free_list;
    t->free_list = i;
}

/* ---- hash table: id -> node --------------------------------------------------------- */

/* Fibonacci hashing: ids are consecutive, and consecutive keys land far apart. */
static inline size_t home_of(const tr_timers *t, uint64_t id)
{
    return (size_t)((id * 0x9E3779B97F4A7C15ull) >> (64 - t->hbits));
}

static size_t hash_find(const tr_timers *t, uint64_t id)
{
    size_t mask = ((size_t)1 << t->hbits) - 1;
    for (size_t i = home_of(t, id);; i = (i + 1) & mask) {
        uint32_t e = t->hash[i];
        if (e == NONE) return SIZE_MAX;
        if (N(t, e)->id == id) return i;
    }
}

static void hash_insert(tr_timers *t, uint32_t idx)
{
    size_t mask = ((size_t)1 << t->hbits) - 1, i = home_of(t, N(t, idx)->id);
    while (t->hash[i] != NONE) i = (i + 1) & mask;
    t->hash[i] = idx;
}

/* Backward-shift deletion: no tombstones, so probe lengths never degrade. */
static void hash_remove_at(tr_timers *t, size_t i)
{
    size_t mask = ((size_t)1 << t->hbits) - 1;
    for (size_t j = i;;) {
        j = (j + 1) & mask;
        uint32_t e = t->hash[j];
        if (e == NONE) break;
        /* e moves into the hole unless its home slot lies (cyclically) after the hole */
        if (((j - home_of(t, N(t, e)->id)) & mask) >= ((j - i) & mask)) {
            t->hash[i] = e;
            i = j;
        }
    }
    t->hash[i] = NONE;
}

/* Replaces the table with one of 1 << bits slots; false (table unchanged) on OOM. */
static bool hash_resize(tr_timers *t, unsigned bits)
{
    size_t cap = (size_t)1 << bits, oldcap = (size_t)1 << t->hbits;
    uint32_t *h = malloc(cap * sizeof *h), *old = t->hash;
    if (!h) return false;
    memset(h, 0xFF, cap * sizeof *h);
    t->hash = h;
    t->hbits = bits;
    if (old)
        for (size_t i = 0; i < oldcap; i++)
            if (old[i] != NONE) hash_insert(t, old[i]);
    free(old);
    return true;
}

/* ---- heap, ordered by (deadline, id) ------------------------------------------------ */

static inline bool before(const node *a, const node *b)
{
    return a->deadline < b->deadline || (a->deadline == b->deadline && a->id < b->id);
}

/* Puts node idx into the hole at pos, moving it up. */
static void sift_up(tr_timers *t, uint32_t pos, uint32_t idx)
{
    node *x = N(t, idx);
    while (pos > 0) {
        uint32_t parent = (pos - 1) / 2, pi = t->heap[parent];
        node *p = N(t, pi);
        if (!before(x, p)) break;
        t->heap[pos] = pi;
        p->pos = pos;
        pos = parent;
    }
    t->heap[pos] = idx;
    x->pos = pos;
}

/* Puts node idx into the hole at pos, moving it down. */
static void sift_down(tr_timers *t, uint32_t pos, uint32_t idx)
{
    node *x = N(t, idx);
    for (;;) {
        uint32_t c = 2 * pos + 1;
        if (c >= t->n) break;
        uint32_t ci = t->heap[c];
        node *cn = N(t, ci);
        if (c + 1 < t->n) {
            node *r = N(t, t->heap[c + 1]);
            if (before(r, cn)) { c++; ci = t->heap[c]; cn = r; }
        }
        if (!before(cn, x)) break;
        t->heap[pos] = ci;
        cn->pos = pos;
        pos = c;
    }
    t->heap[pos] = idx;
    x->pos = pos;
}

static void heap_remove(tr_timers *t, uint32_t pos)
{
    uint32_t last = t->heap[--t->n];
    if (pos == t->n) return;
    if (pos > 0 && before(N(t, last), N(t, t->heap[(pos - 1) / 2]))) sift_up(t, pos, last);
    else sift_down(t, pos, last);
}

/* ---- the service -------------------------------------------------------------------- */

/* Gives memory back once nothing is pending (see the top of the file). */
static void release_if_empty(tr_timers *t)
{
    if (t->n) return;
    for (uint32_t c = 1; c < t->nchunks; c++) free(t->chunks[c]);
    if (t->nchunks > 1) t->nchunks = 1;
    t->fresh = 0;
    t->free_list = NONE;
    if (t->capheap > MIN_HEAP) {
        uint32_t *h = realloc(t->heap, MIN_HEAP * sizeof *h);
        if (h) { t->heap = h; t->capheap = MIN_HEAP; }
    }
    if (t->hbits > MIN_HASH_BITS) hash_resize(t, MIN_HASH_BITS);  /* on OOM: keep the big one */
}

/* Removes pending timer idx whose hash slot is slot. Lock held. */
static void take(tr_timers *t, uint32_t idx, size_t slot)
{
    heap_remove(t, N(t, idx)->pos);
    hash_remove_at(t, slot);
    node_free(t, idx);
    release_if_empty(t);
}

static void *timer_thread(void *arg)
{
    tr_timers *t = arg;
    struct { tr_timer_fn fn; void *arg; uint64_t id; } due[BATCH];
    pthread_mutex_lock(&t->lock);
    while (!t->stop) {
        if (t->n == 0) {
            pthread_cond_wait(&t->cond, &t->lock);
            continue;
        }
        uint64_t now = tr_now_ns(), first = N(t, t->heap[0])->deadline;
        if (first > now) {
            uint64_t until = first < MAX_WAIT_NS ? first : MAX_WAIT_NS;
            struct timespec ts = { .tv_sec = (time_t)(until / NS), .tv_nsec = (long)(until % NS) };
            pthread_cond_timedwait(&t->cond, &t->lock, &ts);
            continue;   /* deadline reached, an earlier timer, a stop, or spurious */
        }
        /* Taken timers are no longer pending: from here a cancel returns false. */
        unsigned k = 0;
        while (k < BATCH && t->n) {
            uint32_t idx = t->heap[0];
            node *x = N(t, idx);
            if (x->deadline > now) break;
            due[k].fn = x->fn;
            due[k].arg = x->arg;
            due[k].id = x->id;
            k++;
            take(t, idx, hash_find(t, x->id));
        }
        pthread_mutex_unlock(&t->lock);
        for (unsigned i = 0; i < k; i++)
            if (due[i].fn) due[i].fn(due[i].arg, due[i].id);
        pthread_mutex_lock(&t->lock);
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

tr_timers *tr_timers_new(void)
{
    tr_timers *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->next_id = 1;
    t->free_list = NONE;
    if (!hash_resize(t, MIN_HASH_BITS)) { free(t); return NULL; }

    pthread_condattr_t ca;
    bool cond_ok = false;
    if (pthread_condattr_init(&ca) == 0) {
        cond_ok = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) == 0 &&
                  pthread_cond_init(&t->cond, &ca) == 0;
        pthread_condattr_destroy(&ca);
    }
    if (!cond_ok) { free(t->hash); free(t); return NULL; }
    if (pthread_mutex_init(&t->lock, NULL) != 0) {
        pthread_cond_destroy(&t->cond);
        free(t->hash);
        free(t);
        return NULL;
    }

    /* The thread blocks every signal, so process-directed signals go to the threads
     * that handle them (it inherits the mask it is created with). */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&t->thread, NULL, timer_thread, t);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        pthread_mutex_destroy(&t->lock);
        pthread_cond_destroy(&t->cond);
        free(t->hash);
        free(t);
        return NULL;
    }
    return t;
}

void tr_timers_free(tr_timers *t)
{
    if (!t) return;
    pthread_mutex_lock(&t->lock);
    t->stop = true;
    pthread_cond_signal(&t->cond);
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->thread, NULL);

    /* No thread left: the drops run without the lock, and t is only read. */
    for (uint32_t i = 0; i < t->n; i++) {
        node *x = N(t, t->heap[i]);
        if (x->drop) x->drop(x->arg, x->id);
    }
    for (uint32_t c = 0; c < t->nchunks; c++) free(t->chunks[c]);
    free(t->chunks);
    free(t->heap);
    free(t->hash);
    pthread_mutex_destroy(&t->lock);
    pthread_cond_destroy(&t->cond);
    free(t);
}

uint64_t tr_timer_add(tr_timers *t, uint64_t deadline_ns, tr_timer_fn fn, tr_timer_fn drop,
                      void *arg)
{
    uint64_t id = 0;
    pthread_mutex_lock(&t->lock);
    /* Everything that can fail comes first, so that failing changes nothing visible. */
    if (t->n >= MAX_TIMERS) goto out;
    if (t->n == t->capheap) {
        uint32_t cap = t->capheap ? t->capheap * 2 : MIN_HEAP;
        uint32_t *h = realloc(t->heap, (size_t)cap * sizeof *h);
        if (!h) goto out;
        t->heap = h;
        t->capheap = cap;
    }
    if (((size_t)t->n + 1) * 4 > ((size_t)3 << t->hbits) && !hash_resize(t, t->hbits + 1))
        goto out;
    uint32_t idx = node_alloc(t);
    if (idx == NONE) goto out;

    node *x = N(t, idx);
    id = t->next_id++;
    *x = (node){ .deadline = deadline_ns, .id = id, .fn = fn, .drop = drop, .arg = arg };
    t->n++;
    sift_up(t, t->n - 1, idx);
    hash_insert(t, idx);
    /* Only a new earliest timer changes how long the thread must sleep. */
    if (x->pos == 0) pthread_cond_signal(&t->cond);
out:
    pthread_mutex_unlock(&t->lock);
    return id;
}

bool tr_timer_cancel(tr_timers *t, uint64_t id)
{
    if (id == 0) return false;
    pthread_mutex_lock(&t->lock);
    size_t slot = hash_find(t, id);
    if (slot == SIZE_MAX) {
        pthread_mutex_unlock(&t->lock);
        return false;
    }
    uint32_t idx = t->hash[slot];
    tr_timer_fn drop = N(t, idx)->drop;
    void *arg = N(t, idx)->arg;
    /* A cancelled earliest timer leaves the thread one needless wake-up, not worth a
     * signal now. */
    take(t, idx, slot);
    pthread_mutex_unlock(&t->lock);
    if (drop) drop(arg, id);
    return true;
}

size_t tr_timers_pending(tr_timers *t)
{
    pthread_mutex_lock(&t->lock);
    size_t n = t->n;
    pthread_mutex_unlock(&t->lock);
    return n;
}
