/* memory.c — linear memories.
 *
 * Instantiation must be cheap (no mmap per spawn), and glibc serves calloc of 128 KiB or
 * more with a fresh mmap. So every memory buffer comes from buf_get/buf_put, which keep
 * a small per-thread cache of recycled buffers, zeroed lazily:
 *
 *  - a buffer is preceded by a header with its capacity and `dirty`: every byte at or
 *    beyond `dirty` is known to be zero;
 *  - a live memory keeps [size, capacity) zero or below `dirty`; growth zeroes only the
 *    newly visible part that may be dirty;
 *  - a recycled buffer is reused for the smallest fitting request, and only the part of
 *    it the new memory exposes, [0, min(size, dirty)), is cleared.
 *
 * Fresh buffers come from calloc (which gets zero pages from the kernel for big ones).
 * buf_get/buf_put are the single place to change the allocation policy.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "instance.h"

#define PAGE           65536u
#define MAX_PAGES      65536u
#define CACHE_MIN_CAP  (128u << 10)   /* smaller buffers come cheaply from malloc */
#define CACHE_MAX_CAP  (16u << 20)    /* bigger ones are not worth keeping around */
#define CACHE_SLOTS    16
#define CACHE_BYTES    (64u << 20)    /* per thread, at most */

typedef union {
    struct { size_t cap, dirty; } h;
    max_align_t align;                /* keeps the data as aligned as malloc's */
} buf_hdr;

static buf_hdr *hdr_of(uint8_t *data) { return (buf_hdr *)(void *)(data - sizeof(buf_hdr)); }

/* ---- the per-thread buffer cache --------------------------------------------------- */

typedef struct {
    buf_hdr *slot[CACHE_SLOTS];
    uint32_t n;
    size_t bytes;
    bool registered;                  /* with the thread-exit destructor */
} buf_cache;

static _Thread_local buf_cache cache;
static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static bool cache_key_ok;

/* Runs when a thread exits: its cached buffers go back to malloc. */
static void cache_drain(void *p)
{
    buf_cache *c = p;
    for (uint32_t i = 0; i < c->n; i++)
        free(c->slot[i]);
    c->n = 0;
    c->bytes = 0;
    c->registered = false;   /* a later buf_put (another destructor) registers again */
}

static void cache_key_init(void) { cache_key_ok = pthread_key_create(&cache_key, cache_drain) == 0; }

/* Returns the data of a buffer of at least `need` bytes whose first `need` bytes are
 * zero, or NULL. */
static uint8_t *buf_get(size_t need)
{
    buf_cache *c = &cache;
    uint32_t best = c->n;
    for (uint32_t i = 0; i < c->n && need > 0; i++)
        if (c->slot[i]->h.cap >= need && (best == c->n || c->slot[i]->h.cap < c->slot[best]->h.cap))
            best = i;
    if (best < c->n) {
        buf_hdr *h = c->slot[best];
        c->slot[best] = c->slot[--c->n];
        c->bytes -= h->h.cap;
        uint8_t *data = (uint8_t *)(h + 1);
        if (need >= h->h.dirty) {
            memset(data, 0, h->h.dirty);
            h->h.dirty = 0;            /* all clean again */
        } else {
            memset(data, 0, need);     /* [need, dirty) stays dirty: grow clears it */
        }
        return data;
    }
    if (need > SIZE_MAX - sizeof(buf_hdr))
        return NULL;
    buf_hdr *h = calloc(1, sizeof(buf_hdr) + need);
    if (!h)
        return NULL;
    h->h.cap = need;
    h->h.dirty = 0;
    return (uint8_t *)(h + 1);
}

/* Takes back a buffer whose bytes beyond `used` are zero or below its `dirty` mark. */
static void buf_put(uint8_t *data, size_t used)
{
    buf_hdr *h = hdr_of(data);
    if (h->h.dirty < used)
        h->h.dirty = used;
    buf_cache *c = &cache;
    size_t cap = h->h.cap;
    if (cap < CACHE_MIN_CAP || cap > CACHE_MAX_CAP) {
        free(h);
        return;
    }
    if (!c->registered) {
        pthread_once(&cache_once, cache_key_init);
        if (!cache_key_ok || pthread_setspecific(cache_key, c) != 0) {
            free(h);
            return;
        }
        c->registered = true;
    }
    /* Full: make room by dropping the largest buffer, unless it is this one. */
    while (c->n == CACHE_SLOTS || c->bytes + cap > CACHE_BYTES) {
        uint32_t big = 0;
        for (uint32_t i = 1; i < c->n; i++)
            if (c->slot[i]->h.cap > c->slot[big]->h.cap)
                big = i;
        if (c->n == 0 || c->slot[big]->h.cap < cap) {
            free(h);
            return;
        }
        c->bytes -= c->slot[big]->h.cap;
        free(c->slot[big]);
        c->slot[big] = c->slot[--c->n];
    }
    c->slot[c->n++] = h;
    c->bytes += cap;
}

/* Grows a buffer's capacity to at least `need` (keeping its contents), or NULL. */
static uint8_t *buf_resize(uint8_t *data, size_t need, size_t limit)
{
    buf_hdr *h = hdr_of(data);
    /* Geometric, so that growing a page at a time does not copy quadratically. */
    size_t cap = h->h.cap < limit / 2 ? h->h.cap * 2 : limit;
    if (cap < need)
        cap = need;
    buf_hdr *n = NULL;
    if (cap <= SIZE_MAX - sizeof(buf_hdr))
        n = realloc(h, sizeof(buf_hdr) + cap);
    if (!n && cap > need) {
        cap = need;
        n = realloc(h, sizeof(buf_hdr) + cap);
    }
    if (!n)
        return NULL;
    n->h.dirty = cap;    /* realloc's new bytes are indeterminate */
    n->h.cap = cap;
    return (uint8_t *)(n + 1);
}

/* ---- memories ----------------------------------------------------------------------- */

int tw_memory_init(tw_memory *m, uint64_t min_pages, uint64_t max_pages)
{
    m->data = NULL;
    m->size = 0;
    m->written = 0;
    if (max_pages > MAX_PAGES)
        max_pages = MAX_PAGES;
    m->max_pages = max_pages;
    if (min_pages > max_pages || min_pages * PAGE > SIZE_MAX)
        return -1;
    m->data = buf_get((size_t)(min_pages * PAGE));
    if (!m->data)
        return -1;
    m->size = min_pages * PAGE;
    return 0;
}

void tw_memory_release(tw_memory *m)
{
    if (m->data)
        buf_put(m->data, (size_t)(m->written < m->size ? m->written : m->size));
    m->data = NULL;
    m->size = 0;
}

int64_t tw_memory_grow(tw_memory *m, uint64_t delta_pages)
{
    uint64_t old = m->size / PAGE;
    if (delta_pages > m->max_pages - old)
        return -1;
    uint64_t size = (old + delta_pages) * PAGE;
    if (size > SIZE_MAX)
        return -1;
    if (size > hdr_of(m->data)->h.cap) {
        uint8_t *d = buf_resize(m->data, (size_t)size, (size_t)(m->max_pages * PAGE));
        if (!d)
            return -1;
        m->data = d;
    }
    buf_hdr *h = hdr_of(m->data);
    if (h->h.dirty > m->size) {
        size_t end = size < h->h.dirty ? (size_t)size : h->h.dirty;
        memset(m->data + m->size, 0, end - (size_t)m->size);
    }
    if (h->h.dirty < size)
        h->h.dirty = (size_t)size;
    m->size = size;
    return (int64_t)old;
}

/* ---- public host API ---------------------------------------------------------------- */

tw_memory *tw_memory_new(tw_limits lim)
{
    tw_memory *m = malloc(sizeof *m);
    if (!m)
        return NULL;
    if (tw_memory_init(m, lim.min, lim.has_max ? lim.max : MAX_PAGES) != 0) {
        free(m);
        return NULL;
    }
    return m;
}

void tw_memory_free(tw_memory *m)
{
    if (!m)
        return;
    tw_memory_release(m);
    free(m);
}

/* The host may write anywhere through this pointer: all of the memory counts as written. */
uint8_t *tw_memory_data(tw_memory *m)
{
    m->written = m->size;
    return m->data;
}
uint64_t tw_memory_size(const tw_memory *m) { return m->size; }
