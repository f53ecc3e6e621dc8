/* memory.c — linear memories.
 *
 * A process is an instance, and a million processes must not cost a million mmaps (nor
 * hit vm.max_map_count), nor a syscall on the spawn path, nor keep pages resident that
 * no guest touched. So memory buffers come from a pool:
 *
 *  - Buffers are page-aligned slots of a size class (64 KiB, 128 KiB, ... 16 MiB: one
 *    class per power of two of wasm pages), carved from 64 MiB chunks reserved with
 *    mmap(MAP_NORESERVE) — pages cost nothing until touched. Bigger buffers get their
 *    own mapping.
 *  - A freed buffer goes on its class's free list. Its `dirty` mark bounds what the
 *    last owner may have written: every byte at or beyond it is zero. Before pooling,
 *    the part beyond the first KEEP_BYTES is handed back to the kernel
 *    (madvise(MADV_DONTNEED): zero-filled on the next touch), so a pooled buffer keeps at
 *    most KEEP_BYTES resident and reuse clears at most that much — instead of the whole
 *    high-water mark, which for a C guest (stack top at ~70 KiB) is most of the buffer.
 *    Past POOL_WARM buffers in a class, a freed buffer is handed back entirely.
 *  - buf_get pops a pooled buffer (clearing [0, min(size, dirty))) or carves a fresh one.
 *
 * The freeing side may make one madvise call; the spawn side makes none (except when a
 * new 64 MiB chunk is needed). buf_get/buf_put/buf_resize are the single place to change
 * the allocation policy.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "instance.h"

#define PAGE          65536u
#define MAX_PAGES     65536u
#define OS_PAGE       4096u
#define MIN_CLASS_LOG 16             /* 64 KiB */
#define MAX_CLASS_LOG 24             /* 16 MiB: bigger buffers get their own mapping */
#define NCLASSES      (MAX_CLASS_LOG - MIN_CLASS_LOG + 1)
#define CHUNK_BYTES   (64u << 20)
#define KEEP_BYTES    (16u << 10)    /* resident part a pooled buffer keeps (data, stack) */
#define POOL_WARM     4096u          /* pooled buffers per class that keep KEEP_BYTES */

typedef struct { uint8_t *data; size_t dirty; } pooled;

static struct size_class {
    pthread_mutex_t lock;
    uint8_t *bump, *bump_end;        /* the unused rest of the current chunk */
    pooled *free; size_t nfree, capfree;
} classes[NCLASSES] = {
#define CLASS_INIT {PTHREAD_MUTEX_INITIALIZER, NULL, NULL, NULL, 0, 0}
    CLASS_INIT, CLASS_INIT, CLASS_INIT, CLASS_INIT, CLASS_INIT, CLASS_INIT, CLASS_INIT,
    CLASS_INIT, CLASS_INIT,
};

/* The class index for a buffer of `need` bytes, or -1 if it gets its own mapping. */
static int class_of(size_t need)
{
    for (int k = 0; k < NCLASSES; k++)
        if (need <= (size_t)1 << (MIN_CLASS_LOG + k))
            return k;
    return -1;
}

static size_t round_os(size_t n) { return (n + OS_PAGE - 1) & ~(size_t)(OS_PAGE - 1); }

static uint8_t *map(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* A buffer of at least `need` bytes whose first `need` bytes are zero; its capacity in
 * *cap and its dirty mark in *dirty. NULL if out of memory. */
static uint8_t *buf_get(size_t need, size_t *cap, size_t *dirty)
{
    int k = class_of(need);
    if (k < 0) {                               /* a big one: its own mapping */
        if (need > SIZE_MAX - OS_PAGE)
            return NULL;
        *cap = round_os(need);
        *dirty = 0;
        return map(*cap);
    }
    struct size_class *c = &classes[k];
    size_t size = (size_t)1 << (MIN_CLASS_LOG + k);
    *cap = size;
    pthread_mutex_lock(&c->lock);
    if (c->nfree) {
        pooled b = c->free[--c->nfree];
        pthread_mutex_unlock(&c->lock);
        size_t clear = b.dirty < need ? b.dirty : need;
        memset(b.data, 0, clear);
        *dirty = b.dirty > need ? b.dirty : 0;  /* [need, dirty) stays: grow clears it */
        return b.data;
    }
    if ((size_t)(c->bump_end - c->bump) < size) {
        size_t chunk = size > CHUNK_BYTES / 4 ? size * 4 : CHUNK_BYTES;
        uint8_t *p = map(chunk);
        if (!p) {
            pthread_mutex_unlock(&c->lock);
            return NULL;
        }
        c->bump = p;              /* the old chunk's tail (< one buffer) is left unused */
        c->bump_end = p + chunk;
    }
    uint8_t *d = c->bump;
    c->bump += size;
    pthread_mutex_unlock(&c->lock);
    *dirty = 0;
    return d;
}

/* Takes back a buffer of capacity cap whose bytes at or beyond `dirty` are zero. */
static void buf_put(uint8_t *data, size_t cap, size_t dirty)
{
    int k = class_of(cap);
    if (k < 0 || cap != (size_t)1 << (MIN_CLASS_LOG + k)) {
        munmap(data, cap);
        return;
    }
    struct size_class *c = &classes[k];
    pthread_mutex_lock(&c->lock);
    size_t keep = c->nfree < POOL_WARM ? KEEP_BYTES : 0;
    pthread_mutex_unlock(&c->lock);
    if (dirty > keep) {
        /* Beyond `keep`, give the pages back: zero-filled when touched again. */
        size_t from = round_os(keep), to = round_os(dirty < cap ? dirty : cap);
        if (to > from && madvise(data + from, to - from, MADV_DONTNEED) != 0)
            memset(data + from, 0, to - from);
        if (dirty > from)
            dirty = from;
    }
    pthread_mutex_lock(&c->lock);
    if (c->nfree == c->capfree) {
        size_t ncap = c->capfree ? c->capfree * 2 : 64;
        pooled *nf = realloc(c->free, ncap * sizeof *nf);
        if (!nf) {                         /* cannot pool it: drop its pages, leak the slot */
            pthread_mutex_unlock(&c->lock);
            madvise(data, cap, MADV_DONTNEED);
            return;
        }
        c->free = nf;
        c->capfree = ncap;
    }
    c->free[c->nfree++] = (pooled){data, dirty};
    pthread_mutex_unlock(&c->lock);
}

/* Moves a memory to a buffer of at least `need` bytes (its first m->size bytes copied),
 * or returns false. */
static bool buf_resize(tw_memory *m, size_t need, size_t limit)
{
    /* Geometric, so that growing a page at a time does not copy quadratically. */
    size_t want = m->cap < limit / 2 ? m->cap * 2 : limit;
    if (want < need)
        want = need;
    size_t cap, dirty;
    uint8_t *d = buf_get(want, &cap, &dirty);
    if (!d && want > need)
        d = buf_get(want = need, &cap, &dirty);
    if (!d)
        return false;
    memcpy(d, m->data, (size_t)m->size);
    size_t old_dirty = m->written < m->size ? (size_t)m->written : (size_t)m->size;
    if (old_dirty < m->dirty)
        old_dirty = m->dirty;
    buf_put(m->data, m->cap, old_dirty);
    m->data = d;
    m->cap = cap;
    /* [size, want) of the new buffer was zeroed by buf_get; beyond want up to dirty not. */
    m->dirty = dirty > m->size ? dirty : 0;
    if (m->written > m->size)
        m->written = m->size;
    return true;
}

/* ---- memories ----------------------------------------------------------------------- */

int tw_memory_init(tw_memory *m, uint64_t min_pages, uint64_t max_pages)
{
    m->data = NULL;
    m->size = 0;
    m->cap = 0;
    m->dirty = 0;
    m->written = 0;
    if (max_pages > MAX_PAGES)
        max_pages = MAX_PAGES;
    m->max_pages = max_pages;
    if (min_pages > max_pages || min_pages * PAGE > SIZE_MAX)
        return -1;
    size_t cap, dirty;
    m->data = buf_get((size_t)(min_pages * PAGE), &cap, &dirty);
    if (!m->data)
        return -1;
    m->cap = cap;
    m->dirty = dirty;
    m->size = min_pages * PAGE;
    return 0;
}

void tw_memory_release(tw_memory *m)
{
    if (m->data) {
        size_t w = m->written < m->size ? (size_t)m->written : (size_t)m->size;
        buf_put(m->data, m->cap, w > m->dirty ? w : m->dirty);
    }
    m->data = NULL;
    m->size = 0;
    m->cap = 0;
}

int64_t tw_memory_grow(tw_memory *m, uint64_t delta_pages)
{
    uint64_t old = m->size / PAGE;
    if (delta_pages > m->max_pages - old)
        return -1;
    uint64_t size = (old + delta_pages) * PAGE;
    if (size > SIZE_MAX)
        return -1;
    if (size > m->cap && !buf_resize(m, (size_t)size, (size_t)(m->max_pages * PAGE)))
        return -1;
    /* The newly visible part must read zero: clear what may be dirty of it. */
    if (m->dirty > m->size) {
        size_t end = size < m->dirty ? (size_t)size : m->dirty;
        memset(m->data + m->size, 0, end - (size_t)m->size);
    }
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
