/* memory.c — linear memories.
 *
 * A process is an instance, and a million processes must not cost a million mmaps (nor
 * hit vm.max_map_count), nor a syscall on the spawn path, nor keep pages resident that
 * no guest touched, nor clear what no guest wrote. So:
 *
 *  - Buffers are page-aligned slots of a size class (64 KiB, 128 KiB, ... 16 MiB: one
 *    class per power of two of wasm pages), carved from 64 MiB chunks reserved with
 *    mmap(MAP_NORESERVE): pages cost nothing until touched. Bigger buffers get their own
 *    mapping.
 *  - Every write to a memory marks its 4 KiB pages in the memory's page map (the
 *    interpreter's stores, memory.fill/copy/init, data segments, hosts through
 *    tw_memory_wrote); a host that takes tw_memory_data may write anywhere, so the whole
 *    memory counts as written from then on.
 *  - A freed buffer is cleaned at once while the pool keeps less than POOL_BUDGET
 *    resident (1/16 of the machine's memory, at least 256 MiB): exactly its written
 *    pages are cleared with memset (runs longer than CLEAR_MAX, and everything past
 *    KEEP_BYTES of a memory whose writes are unknown, are handed back with
 *    madvise(MADV_DONTNEED) instead: zero-filled when touched again), and it goes on its
 *    class's free list. A pooled buffer is therefore all zero and keeps resident only
 *    the pages its last owner wrote: a C guest's two or three, not the 18 of its
 *    high-water mark. Its pages stay resident so that the next spawn does not fault.
 *  - Beyond the budget (a million processes ended), freed buffers wait on a trim list,
 *    uncleaned, and are handed back in batches of TRIM_BATCH: sorted by address, runs of
 *    neighbouring buffers go back with one madvise each. An madvise costs a TLB
 *    shootdown on every CPU running the runtime (an interrupt each, and on a virtual
 *    machine an exit to the hypervisor): once per buffer it made ending 100,000
 *    processes cost more than starting them.
 *  - buf_get pops a pooled buffer or carves a fresh one, and clears nothing.
 *
 * Clearing beyond `size` is never needed: stores are bounds-checked against size, and a
 * buffer is clean when it is handed out. buf_get/buf_put are the single place to change
 * the allocation policy.
 *
 * Memories of a module with an image (image.c) are the exception to "clean": their
 * buffers hold the image in [lo, lo+len). Such a buffer goes back to its image's pool,
 * where the pages its owner wrote are restored (from the image inside the range, zero
 * outside); the next instance of the module takes it as it is. A buffer leaves the image
 * (unbound: the range zeroed, the mapping made anonymous again) when the image's pool is
 * full or over the budget, after a host took the raw pointer, and when the module goes.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "instance.h"
#include "tunables.h"

#define PAGE          65536u
#define MAX_PAGES     65536u
#define MIN_CLASS_LOG 16             /* 64 KiB */
#define MAX_CLASS_LOG 24             /* 16 MiB: bigger buffers get their own mapping */
#define NCLASSES      (MAX_CLASS_LOG - MIN_CLASS_LOG + 1)

typedef struct { uint8_t *data, *map; size_t resident; } pooled;

static struct size_class {
    pthread_mutex_t lock;
    uint8_t *bump, *bump_end;        /* the unused rest of the current chunk */
    pooled *free; size_t nfree, capfree;
    pooled *trim; size_t ntrim;      /* freed, not cleaned, waiting to go back (TRIM_BATCH) */
} classes[NCLASSES] = {
#define CLASS_INIT {PTHREAD_MUTEX_INITIALIZER, NULL, NULL, NULL, 0, 0, NULL, 0}
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

static size_t round_os(size_t n) { return (n + TW_OS_PAGE - 1) & ~(size_t)(TW_OS_PAGE - 1); }

static uint8_t *map_bytes(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* Zeroes [from, to) of a buffer: memset for a short run, the kernel for a long one. */
static void clear(uint8_t *data, size_t from, size_t to, bool give_back)
{
    if (to <= from)
        return;
    if ((give_back || to - from > CLEAR_MAX) &&
        madvise(data + from, to - from, MADV_DONTNEED) == 0)
        return;
    memset(data + from, 0, to - from);
}

/* Bytes the free lists keep resident (cleaned pages), and the most they may keep. */
static _Atomic size_t pool_resident;
static _Atomic size_t budget = SIZE_MAX;    /* SIZE_MAX: not set, the default */
static size_t pool_budget(void)
{
    size_t b = atomic_load_explicit(&budget, memory_order_relaxed);
    if (b == SIZE_MAX) {
        long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
        b = pages > 0 && psize > 0 ? (size_t)pages * (size_t)psize / 16 : 0;
        if (b < ((size_t)256 << 20)) b = (size_t)256 << 20;
        atomic_store_explicit(&budget, b, memory_order_relaxed);
    }
    return b;
}

void tw_memory_pool_budget(size_t bytes)
{
    atomic_store(&budget, bytes == SIZE_MAX ? SIZE_MAX - 1 : bytes);
}

static int by_address(const void *a, const void *b)
{
    const uint8_t *x = ((const pooled *)a)->data, *y = ((const pooled *)b)->data;
    return x < y ? -1 : x > y;
}

/* Hands class c's trim list back to the kernel (a run of neighbouring buffers per
 * madvise) and moves the now clean buffers to its free list. Lock held; the free
 * list has room (see buf_put). */
static void trim_flush(struct size_class *c, size_t size)
{
    qsort(c->trim, c->ntrim, sizeof *c->trim, by_address);
    for (size_t i = 0; i < c->ntrim;) {
        size_t j = i + 1;
        while (j < c->ntrim && c->trim[j].data == c->trim[j - 1].data + size) j++;
        madvise(c->trim[i].data, (j - i) * size, MADV_DONTNEED);
        for (size_t k = i; k < j; k++) {
            memset(c->trim[k].map, 0, size / TW_OS_PAGE);
            c->free[c->nfree++] = (pooled){c->trim[k].data, c->trim[k].map, 0};
        }
        i = j;
    }
    c->ntrim = 0;
}

/* Room for n more on class c's free list. Lock held. */
static bool free_room(struct size_class *c, size_t n)
{
    if (c->nfree + n <= c->capfree) return true;
    size_t ncap = c->capfree ? c->capfree : 64;
    while (ncap < c->nfree + n) ncap *= 2;
    pooled *nf = realloc(c->free, ncap * sizeof *nf);
    if (!nf) return false;
    c->free = nf;
    c->capfree = ncap;
    return true;
}

/* An all-zero buffer of at least `need` bytes with its all-zero page map, or false. */
static bool buf_get(size_t need, uint8_t **data, uint8_t **map, size_t *cap)
{
    int k = class_of(need);
    size_t size = k < 0 ? round_os(need) : (size_t)1 << (MIN_CLASS_LOG + k);
    if (k < 0 && need > SIZE_MAX - TW_OS_PAGE)
        return false;
    *cap = size;
    if (k < 0) {                               /* a big one: its own mapping */
        *map = calloc(size / TW_OS_PAGE, 1);
        *data = *map ? map_bytes(size) : NULL;
        if (!*data) { free(*map); return false; }
        return true;
    }
    struct size_class *c = &classes[k];
    pthread_mutex_lock(&c->lock);
    if (!c->nfree && c->ntrim && free_room(c, c->ntrim)) trim_flush(c, size);
    if (c->nfree) {
        pooled b = c->free[--c->nfree];
        pthread_mutex_unlock(&c->lock);
        atomic_fetch_sub(&pool_resident, b.resident);
        *data = b.data;
        *map = b.map;
        return true;
    }
    uint8_t *m = calloc(size / TW_OS_PAGE, 1);
    if (!m) {
        pthread_mutex_unlock(&c->lock);
        return false;
    }
    if ((size_t)(c->bump_end - c->bump) < size) {
        size_t chunk = size > CHUNK_BYTES / 4 ? size * 4 : CHUNK_BYTES;
        uint8_t *p = map_bytes(chunk);
        if (!p) {
            pthread_mutex_unlock(&c->lock);
            free(m);
            return false;
        }
        c->bump = p;              /* the old chunk's tail (< one buffer) is left unused */
        c->bump_end = p + chunk;
    }
    *data = c->bump;
    c->bump += size;
    pthread_mutex_unlock(&c->lock);
    *map = m;
    return true;
}

/* Takes back a memory's buffer: cleans and pools it, or puts it on the trim list (see
 * the top). */
static bool image_put(tw_memory *m);
static void image_unbind(tw_memory *m);

static void buf_put(tw_memory *m)
{
    if (m->image) {
        if (image_put(m))
            return;
        image_unbind(m);
    }
    int k = class_of(m->cap);
    if (k < 0 || m->cap != (size_t)1 << (MIN_CLASS_LOG + k)) {
        munmap(m->data, m->cap);
        free(m->map);
        return;
    }
    struct size_class *c = &classes[k];
    size_t npages = (size_t)(m->size / TW_OS_PAGE), written = 0;
    if (m->all_written) {
        written = (size_t)m->size;
    } else {
        for (size_t p = 0; p < npages; p++) written += m->map[p];
        written *= TW_OS_PAGE;
    }
    if (atomic_load_explicit(&pool_resident, memory_order_relaxed) + written > pool_budget()) {
        pthread_mutex_lock(&c->lock);
        if (!c->trim) c->trim = malloc(TRIM_BATCH * sizeof *c->trim);
        if (c->trim && free_room(c, c->ntrim + 1)) {
            if (m->all_written) memset(m->map, 1, npages);   /* trim_flush clears the map */
            c->trim[c->ntrim++] = (pooled){m->data, m->map, 0};
            if (c->ntrim == TRIM_BATCH) trim_flush(c, m->cap);
            pthread_mutex_unlock(&c->lock);
            return;
        }
        pthread_mutex_unlock(&c->lock);   /* no memory for the lists: clean it here */
    }
    size_t resident = 0;
    if (m->all_written) {
        size_t keep = KEEP_BYTES < m->size ? KEEP_BYTES : (size_t)m->size;
        clear(m->data, 0, keep, false);
        clear(m->data, keep, (size_t)m->size, true);
        memset(m->map, 0, npages);
        resident = keep;
    } else {
        for (size_t p = 0; p < npages;) {      /* each run of written pages */
            if (!m->map[p]) { p++; continue; }
            size_t q = p;
            while (q < npages && m->map[q]) m->map[q++] = 0;
            clear(m->data, p * TW_OS_PAGE, q * TW_OS_PAGE, false);
            if ((q - p) * TW_OS_PAGE <= CLEAR_MAX) resident += (q - p) * TW_OS_PAGE;
            p = q;
        }
    }
    pthread_mutex_lock(&c->lock);
    if (!free_room(c, 1)) {                /* cannot pool it: drop its pages, leak the slot */
        pthread_mutex_unlock(&c->lock);
        madvise(m->data, m->cap, MADV_DONTNEED);
        free(m->map);
        return;
    }
    c->free[c->nfree++] = (pooled){m->data, m->map, resident};
    pthread_mutex_unlock(&c->lock);
    atomic_fetch_add(&pool_resident, resident);
}

/* Moves a memory to a bigger buffer (at least `need` bytes), or returns false. Only the
 * written pages are copied: the others are zero in both. */
static bool buf_resize(tw_memory *m, size_t need, size_t limit)
{
    /* Geometric, so that growing a page at a time does not copy quadratically. */
    size_t want = m->cap < limit / 2 ? m->cap * 2 : limit;
    if (want < need)
        want = need;
    uint8_t *d, *map;
    size_t cap;
    if (!buf_get(want, &d, &map, &cap) && !(want > need && buf_get(need, &d, &map, &cap)))
        return false;
    size_t npages = (size_t)(m->size / TW_OS_PAGE);
    if (m->image && !m->all_written) {   /* the image's pages hold data, written or not */
        tw_image *img = m->image;
        memcpy(d + img->lo, m->data + img->lo, img->len);
        memset(map + img->lo / TW_OS_PAGE, 1, img->len / TW_OS_PAGE);
    }
    if (m->all_written) {
        memcpy(d, m->data, (size_t)m->size);
    } else {
        for (size_t p = 0; p < npages; p++)
            if (m->map[p])
                memcpy(d + p * TW_OS_PAGE, m->data + p * TW_OS_PAGE, TW_OS_PAGE);
    }
    for (size_t p = 0; p < npages; p++) map[p] |= m->map[p];
    buf_put(m);                          /* cleans the old map too */
    m->data = d;
    m->map = map;
    m->cap = cap;
    m->image = NULL;                     /* a plain buffer now */
    m->image_mapped = false;
    return true;
}

/* ---- memories ----------------------------------------------------------------------- */

int tw_memory_init(tw_memory *m, uint64_t min_pages, uint64_t max_pages)
{
    m->data = m->map = NULL;
    m->size = 0;
    m->cap = 0;
    m->all_written = false;
    m->image = NULL;
    m->image_mapped = false;
    if (max_pages > MAX_PAGES)
        max_pages = MAX_PAGES;
    m->max_pages = max_pages;
    if (min_pages > max_pages || min_pages * PAGE > SIZE_MAX)
        return -1;
    if (!buf_get((size_t)(min_pages * PAGE), &m->data, &m->map, &m->cap))
        return -1;
    m->size = min_pages * PAGE;
    return 0;
}

void tw_memory_release(tw_memory *m)
{
    if (m->data)
        buf_put(m);
    m->data = m->map = NULL;
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
    m->size = size;                  /* the new part is zero: buffers are handed out clean */
    return (int64_t)old;
}

void tw_memory_mark(tw_memory *m, uint64_t off, uint64_t len)
{
    if (!len || off >= m->size)
        return;
    uint64_t end = off + len < m->size ? off + len : m->size;
    memset(m->map + off / TW_OS_PAGE, 1, (size_t)((end - 1) / TW_OS_PAGE - off / TW_OS_PAGE + 1));
}

/* ---- memories holding an image ------------------------------------------------------- */


/* Mapped images: each splits its chunk's mapping in three. At most this many at once, so
 * that a million instances stay within vm.max_map_count; beyond, images are copied. */
static _Atomic size_t image_maps;
static _Atomic size_t map_cap = SIZE_MAX;  /* SIZE_MAX: not set, the default */
void tw_memory_image_map_limit(size_t n) { atomic_store(&map_cap, n); }
static size_t image_map_cap(void)
{
    size_t c = atomic_load_explicit(&map_cap, memory_order_relaxed);
    if (c == SIZE_MAX) {
        long count = 65530;
        FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
        if (f) {
            if (fscanf(f, "%ld", &count) != 1) count = 65530;
            fclose(f);
        }
        c = count > 32768 ? (size_t)(count - 16384) / 3 : 0;   /* room for everything else */
        if (c > 65536) c = 65536;
        atomic_store_explicit(&map_cap, c, memory_order_relaxed);
    }
    return c;
}

int tw_memory_init_image(tw_memory *m, tw_image *img, uint64_t max_pages)
{
    *m = (tw_memory){.max_pages = max_pages > MAX_PAGES ? MAX_PAGES : max_pages};
    if (img->min_pages > m->max_pages)
        return -1;
    tw_image_buf b = {0};
    pthread_mutex_lock(&img->lock);
    bool pooled = img->npool > 0;
    if (pooled) b = img->pool[--img->npool];
    pthread_mutex_unlock(&img->lock);
    if (pooled) {
        atomic_fetch_sub(&pool_resident, b.resident);
    } else {
        if (!buf_get((size_t)(img->min_pages * PAGE), &b.data, &b.map, &b.cap))
            return -1;
        b.mapped = false;
        if (atomic_fetch_add(&image_maps, 1) < image_map_cap() &&
            mmap(b.data + img->lo, img->len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED,
                 img->fd, 0) != MAP_FAILED) {
            b.mapped = true;
        } else {
            atomic_fetch_sub(&image_maps, 1);
            memcpy(b.data + img->lo, img->master, img->len);
        }
    }
    m->data = b.data;
    m->map = b.map;
    m->cap = b.cap;
    m->size = img->min_pages * PAGE;
    m->image = img;
    m->image_mapped = b.mapped;
    return 0;
}

/* Back to the image's pool, restored: true; or false (pool full, over the budget, or a
 * host had the raw pointer) and the caller unbinds it. */
static bool image_put(tw_memory *m)
{
    tw_image *img = m->image;
    size_t npages = (size_t)(m->size / TW_OS_PAGE), written = 0;
    int k = class_of(m->cap);
    if (m->all_written || k < 0 || m->cap != (size_t)1 << (MIN_CLASS_LOG + k))
        return false;                     /* (a buffer of its own mapping: not pooled) */
    for (size_t p = 0; p < npages; p++) written += m->map[p];
    written *= TW_OS_PAGE;
    if (atomic_load_explicit(&pool_resident, memory_order_relaxed) + written > pool_budget())
        return false;
    size_t first = img->lo / TW_OS_PAGE, last = (img->lo + img->len) / TW_OS_PAGE;
    for (size_t p = 0; p < npages; p++) {
        if (!m->map[p]) continue;
        m->map[p] = 0;
        uint8_t *page = m->data + p * TW_OS_PAGE;
        if (p >= first && p < last) memcpy(page, img->master + (p - first) * TW_OS_PAGE, TW_OS_PAGE);
        else memset(page, 0, TW_OS_PAGE);
    }
    /* Restored: now onto the pool, if it still has room (else unbound by the caller). */
    pthread_mutex_lock(&img->lock);
    bool room = img->npool < IMAGE_POOL_MAX;
    if (room && img->npool == img->cappool) {
        size_t nc = img->cappool ? img->cappool * 2 : 16;
        tw_image_buf *np = realloc(img->pool, nc * sizeof *np);
        if (np) { img->pool = np; img->cappool = nc; }
        else room = false;
    }
    if (room)
        img->pool[img->npool++] = (tw_image_buf){m->data, m->map, m->cap, m->image_mapped, written};
    pthread_mutex_unlock(&img->lock);
    if (room)
        atomic_fetch_add(&pool_resident, written);
    return room;
}

/* The buffer no longer holds the image: the range is zero again (an anonymous mapping
 * over a mapped image: its pages go; a copied image: counted as written, cleared by the
 * ordinary path). */
static void image_unbind(tw_memory *m)
{
    tw_image *img = m->image;
    size_t first = img->lo / TW_OS_PAGE, n = img->len / TW_OS_PAGE;
    if (m->image_mapped &&
        mmap(m->data + img->lo, img->len, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) != MAP_FAILED) {
        atomic_fetch_sub(&image_maps, 1);
        memset(m->map + first, 0, n);
    } else {
        /* (a mapping that could not be replaced is cleared page by page: memset writes
         * zeros into private copies, never back into the image) */
        if (m->image_mapped) atomic_fetch_sub(&image_maps, 1);
        memset(m->map + first, 1, n);
    }
    m->image = NULL;
    m->image_mapped = false;
}

void tw_image_drain(tw_image *img)
{
    for (size_t i = 0; i < img->npool; i++) {
        tw_image_buf *b = &img->pool[i];
        tw_memory m = {.data = b->data, .map = b->map, .cap = b->cap,
                       .size = img->min_pages * PAGE, .image = img,
                       .image_mapped = b->mapped};
        atomic_fetch_sub(&pool_resident, b->resident);
        image_unbind(&m);
        buf_put(&m);
    }
    img->npool = 0;
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
    m->all_written = true;
    return m->data;
}

uint8_t *tw_memory_base(tw_memory *m) { return m->data; }
void tw_memory_wrote(tw_memory *m, uint64_t off, uint64_t len) { tw_memory_mark(m, off, len); }
uint64_t tw_memory_size(const tw_memory *m) { return m->size; }
