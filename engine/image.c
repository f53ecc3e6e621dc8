/* image.c — memory images: a module's initial linear memory, laid out once.
 *
 * A Rust program compiled for wasm32-wasip1 has hundreds of KiB of data segments (the
 * read-only data after a 1 MiB stack). Copying them into every new instance costs a page
 * fault and a 4 KiB copy per page: ~90% of a spawn. A module whose active data segments
 * span IMAGE_MIN bytes or more instead gets an image: the bytes of [lo, lo+len) of its
 * memory 0 after the data segments (OS-page aligned), in a memfd. A new instance's
 * memory then either comes from the image's pool (a buffer of an earlier instance,
 * already holding the image: memory.c restores the pages a guest wrote when it takes the
 * buffer back) or is a fresh buffer onto which the image is mapped copy-on-write (one
 * mmap; pages are shared with every other instance until written, and cost a fault only
 * when touched). Either way instantiation skips the data segments.
 *
 * Conditions (else the module has no image and instantiates as before): memory 0 is the
 * module's own, every active data segment writes memory 0 at an i32.const offset within
 * its initial size, and no table is imported (a failed instantiation could then leave
 * functions of the instance reachable, and they must not see data segments that the
 * failure came before).
 *
 * Each mapped buffer splits its chunk's mapping in three: the number of mapped buffers is
 * capped by vm.max_map_count (see image_map_cap in memory.c); beyond it, the image is
 * copied into the buffer, which is still pooled (so only its first use copies). */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "instance.h"
#include "tunables.h"


/* The offset of an active data segment: an i32.const, or false. */
static bool const_offset(const tw_constexpr *e, uint32_t *off)
{
    if (e->len < 2 || e->code[0] != 0x41)
        return false;
    tw_reader r = {e->code + 1, e->code + e->len, NULL};
    int32_t v;
    if (!tw_read_s32(&r, &v) || r.p != r.end)
        return false;
    *off = (uint32_t)v;
    return true;
}

tw_image *tw_image_new(const tw_module *m)
{
    if (m->nmemories != 1 || m->nimported_memories || m->nimported_tables)
        return NULL;
    uint64_t size = m->memories[0].lim.min * (uint64_t)65536;
    uint64_t lo = UINT64_MAX, hi = 0;
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const tw_dataseg *d = &m->datas[i];
        uint32_t off;
        if (d->mode != TW_SEG_ACTIVE)
            continue;
        if (d->memory != 0 || !const_offset(&d->offset, &off) || (uint64_t)off + d->len > size)
            return NULL;                         /* the slow path reports what is wrong */
        if (!d->len)
            continue;
        if (off < lo) lo = off;
        if (off + (uint64_t)d->len > hi) hi = off + (uint64_t)d->len;
    }
    if (hi <= lo || hi - lo < IMAGE_MIN)
        return NULL;
    lo &= ~(uint64_t)(TW_OS_PAGE - 1);
    hi = (hi + TW_OS_PAGE - 1) & ~(uint64_t)(TW_OS_PAGE - 1);   /* <= size: pages are 64 KiB */

    tw_image *img = calloc(1, sizeof *img);
    if (!img)
        return NULL;
    img->lo = (size_t)lo;
    img->len = (size_t)(hi - lo);
    img->min_pages = m->memories[0].lim.min;
    img->fd = memfd_create("tycho-memory-image", MFD_CLOEXEC);
    if (img->fd < 0 || ftruncate(img->fd, (off_t)img->len) != 0)
        goto fail;
    img->master = mmap(NULL, img->len, PROT_READ | PROT_WRITE, MAP_SHARED, img->fd, 0);
    if (img->master == MAP_FAILED) {
        img->master = NULL;
        goto fail;
    }
    for (uint32_t i = 0; i < m->ndatas; i++) {   /* in order: later segments win */
        const tw_dataseg *d = &m->datas[i];
        uint32_t off;
        if (d->mode == TW_SEG_ACTIVE && d->len && const_offset(&d->offset, &off))
            memcpy(img->master + (off - lo), d->bytes, d->len);
    }
    mprotect(img->master, img->len, PROT_READ);
    pthread_mutex_init(&img->lock, NULL);
    return img;
fail:
    if (img->fd >= 0)
        close(img->fd);
    free(img);
    return NULL;
}

void tw_image_free(tw_image *img)
{
    if (!img)
        return;
    tw_image_drain(img);                         /* memory.c: the pooled buffers */
    free(img->pool);
    munmap(img->master, img->len);
    close(img->fd);
    pthread_mutex_destroy(&img->lock);
    free(img);
}
