/* wasi_fd.c — the fd_* functions: reading, writing, seeking, metadata, preopens and
 * directory listing. Reads and writes on pipes and terminals never wait: when the fd is
 * not ready the call returns TW_HOST_BLOCK (or EAGAIN for a non-blocking fd). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/uio.h>
#include <unistd.h>

#include "wasi_impl.h"


void wasi_put_filestat(uint8_t *d, const struct stat *st) {
    memset(d, 0, 64);
    tw_st64(d, (uint64_t)st->st_dev);
    tw_st64(d + 8, (uint64_t)st->st_ino);
    d[16] = wasi_filetype(st->st_mode);
    tw_st64(d + 24, (uint64_t)st->st_nlink);
    tw_st64(d + 32, (uint64_t)st->st_size);
    tw_st64(d + 40, (uint64_t)st->st_atim.tv_sec * 1000000000u + (uint64_t)st->st_atim.tv_nsec);
    tw_st64(d + 48, (uint64_t)st->st_mtim.tv_sec * 1000000000u + (uint64_t)st->st_mtim.tv_nsec);
    tw_st64(d + 56, (uint64_t)st->st_ctim.tv_sec * 1000000000u + (uint64_t)st->st_ctim.tv_nsec);
}

int wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec ts[2]) {
    if (fst & ~15u) return E_INVAL;
    if ((fst & FST_ATIM && fst & FST_ATIM_NOW) || (fst & FST_MTIM && fst & FST_MTIM_NOW))
        return E_INVAL;
    uint64_t t[2] = {atim, mtim};
    for (int i = 0; i < 2; i++) {
        uint32_t set = i ? FST_MTIM : FST_ATIM, now = i ? FST_MTIM_NOW : FST_ATIM_NOW;
        if (fst & set) ts[i] = (struct timespec){(time_t)(t[i] / 1000000000u), (long)(t[i] % 1000000000u)};
        else ts[i] = (struct timespec){0, fst & now ? UTIME_NOW : UTIME_OMIT};
    }
    return 0;
}

/* An open fd that is not a directory, with the rights `need`. */
static int file_fd(tw_wasi *w, uint32_t fd, uint64_t need, wasi_fd **f) {
    wasi_fd *x = wasi_fd_get(w, fd);
    if (!x) return E_BADF;
    if (x->type == FT_DIR) return E_BADF;
    return wasi_fd_check(w, fd, need, f);
}

int wasi_iovs(const tw_guest *g, uint32_t ptr, uint32_t first, uint32_t n, struct iovec *iov,
              uint64_t *bytes) {
    uint64_t at = (uint64_t)ptr + 8u * (uint64_t)first;
    const uint8_t *l = at <= UINT32_MAX ? tw_guest_w(g, (uint32_t)at, (uint64_t)n * 8) : NULL;
    if (!l) return E_FAULT;
    uint64_t total = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t b = tw_ld32(l + 8 * i), len = tw_ld32(l + 8 * i + 4);
        uint8_t *p = tw_guest_w(g, b, len);
        if (!p) return E_FAULT;
        iov[i] = (struct iovec){p, len};
        total += len;
    }
    *bytes = total;
    return 0;
}

/* Every buffer of a guest iovec list is inside memory: 0 or E_FAULT. Checked before a
 * transfer that takes more than one host call, so that none of it fails halfway. */
static int iovs_valid(const tw_guest *g, uint32_t ptr, uint32_t n) {
    const uint8_t *l = tw_guest_w(g, ptr, (uint64_t)n * 8);
    if (!l) return E_FAULT;
    for (uint32_t i = 0; i < n; i++)
        if (!tw_guest_w(g, tw_ld32(l + 8 * i), tw_ld32(l + 8 * i + 4))) return E_FAULT;
    return 0;
}

/* Bytes one transfer moves at most: Linux's MAX_RW_COUNT, and the guest's u32 result. */
#define MAX_TRANSFER 0x7ffff000u

/* One host call moving iov's bytes: the count, or -1 with errno (EAGAIN: the stream is
 * not ready; nothing was moved). Never waits. */
static ssize_t transfer(tw_wasi *w, wasi_fd *f, struct iovec *iov, int cnt, bool write,
                        bool positioned, uint64_t off) {
    if (write && !positioned && w->out && f->borrowed && (f->host == 1 || f->host == 2))
        return wasi_output_write(w->out, f->host, iov, cnt);   /* captured (test mode) */
    bool stream = !positioned && f->type != FT_REG && f->type != FT_DIR;
    int flags = write && f->append && !positioned && f->type == FT_REG ? RWF_APPEND : 0;
    ssize_t n;
    if (stream && !f->no_nowait) {
        /* Pipes and sockets: one call that cannot wait, even on a blocking host fd that
         * other processes share (the host's stdio), where polling first would race. */
        do {
            n = write ? pwritev2(f->host, iov, cnt, -1, RWF_NOWAIT | flags)
                      : preadv2(f->host, iov, cnt, -1, RWF_NOWAIT);
        } while (n < 0 && errno == EINTR);
        if (!(n < 0 && (errno == EOPNOTSUPP || errno == EINVAL || errno == ENOSYS))) return n;
        f->no_nowait = true;
    }
    if (stream && f->borrowed) {
        /* The host's terminals (no RWF_NOWAIT, and blocking: shared with the host): ask
         * poll, then one plain call. Fds the guest opened are O_NONBLOCK in the host: the
         * plain call answers for itself (a FIFO with no writer yet polls as not ready,
         * but reads as its end). */
        struct pollfd p = {.fd = f->host, .events = write ? POLLOUT : POLLIN};
        if (poll(&p, 1, 0) <= 0) { errno = EAGAIN; return -1; }
    }
    do {
        if (positioned) n = write ? pwritev(f->host, iov, cnt, (off_t)off) : preadv(f->host, iov, cnt, (off_t)off);
        else if (flags) n = pwritev2(f->host, iov, cnt, -1, flags);
        else n = write ? writev(f->host, iov, cnt) : readv(f->host, iov, cnt);
    } while (n < 0 && errno == EINTR);
    return n;
}

/* Shared by read/write/pread/pwrite. A list of more than MAX_IOVS buffers takes several
 * host calls, as long as each moves all it was given and the fd is not one of the host's
 * terminals (the one kind asked with poll first); a short count ends the transfer. */
static tw_host_status rw(tw_hostcall *hc, tw_val *sp, bool write, bool positioned) {
    tw_wasi *w = W;
    tw_guest g = tw_guest_of(hc);
    wasi_fd *f;
    uint64_t need = (write ? R_FD_WRITE : R_FD_READ) | (positioned ? R_FD_SEEK : 0);
    wasi_fd *x = wasi_fd_get(w, TW_ARG32(0));
    if (x && x->type == FT_DIR && !write) RET(E_ISDIR);   /* as read(2); a write is EBADF */
    int e = file_fd(w, TW_ARG32(0), need, &f);
    if (e) RET(e);
    uint64_t off = positioned ? TW_ARG64(3) : 0;
    uint32_t resptr = positioned ? TW_ARG32(4) : TW_ARG32(3);
    uint32_t list = TW_ARG32(1), n = TW_ARG32(2);
    struct iovec iov[MAX_IOVS];
    uint32_t chunk = n < MAX_IOVS ? n : MAX_IOVS;
    uint64_t bytes;
    if (n > MAX_IOVS && (e = iovs_valid(&g, list, n))) RET(e);
    if ((e = wasi_iovs(&g, list, 0, chunk, iov, &bytes))) RET(e);
    if (!tw_guest_w(&g, resptr, 4)) RET(E_FAULT);
    if (positioned && off > INT64_MAX) RET(E_INVAL);
    wasi_wait_reset(w);
    ssize_t got = transfer(w, f, iov, (int)chunk, write, positioned, off);
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && !positioned) {
        if (f->nonblock) RET(E_AGAIN);
        wasi_wait_add(w, f->host, write ? POLLOUT : POLLIN);
        return TW_HOST_BLOCK;
    }
    if (got < 0) RET(wasi_errno(errno));
    uint64_t total = (uint64_t)got;
    bool more = f->type == FT_REG || !f->no_nowait || !f->borrowed || (write && w->out && f->borrowed);
    for (uint32_t done = chunk; more && (uint64_t)got == bytes && done < n; done += chunk) {
        chunk = n - done < MAX_IOVS ? n - done : MAX_IOVS;
        if (wasi_iovs(&g, list, done, chunk, iov, &bytes)) break;
        if (total + bytes > MAX_TRANSFER) break;
        got = transfer(w, f, iov, (int)chunk, write, positioned, off + total);
        if (got <= 0) break;          /* an error after progress: the next call reports it */
        total += (uint64_t)got;
    }
    tw_guest_put32(&g, resptr, (uint32_t)total);
    RET(E_SUCCESS);
}

WASI_FN(fd_read) { return rw(hc, sp, false, false); }
WASI_FN(fd_write) { return rw(hc, sp, true, false); }
WASI_FN(fd_pread) { return rw(hc, sp, false, true); }
WASI_FN(fd_pwrite) { return rw(hc, sp, true, true); }

WASI_FN(fd_seek) {
    tw_guest g = tw_guest_of(hc);
    int64_t off = (int64_t)TW_ARG64(1);
    uint32_t wh = TW_ARG32(2);
    static const int whence[] = {SEEK_SET, SEEK_CUR, SEEK_END};
    wasi_fd *f;
    int e = file_fd(W, TW_ARG32(0), wh == 1 && off == 0 ? R_FD_TELL : R_FD_SEEK, &f);
    if (e) RET(e);
    if (wh > 2) RET(E_INVAL);
    if (!tw_guest_w(&g, TW_ARG32(3), 8)) RET(E_FAULT);
    off_t r = lseek(f->host, off, whence[wh]);
    if (r < 0) RET(wasi_errno(errno));
    tw_guest_put64(&g, TW_ARG32(3), (uint64_t)r);
    RET(E_SUCCESS);
}

WASI_FN(fd_tell) {
    tw_guest g = tw_guest_of(hc);
    wasi_fd *f;
    int e = file_fd(W, TW_ARG32(0), R_FD_TELL, &f);
    if (e) RET(e);
    if (!tw_guest_w(&g, TW_ARG32(1), 8)) RET(E_FAULT);
    off_t r = lseek(f->host, 0, SEEK_CUR);
    if (r < 0) RET(wasi_errno(errno));
    tw_guest_put64(&g, TW_ARG32(1), (uint64_t)r);
    RET(E_SUCCESS);
}

WASI_FN(fd_close) {
    wasi_fd *f = wasi_fd_get(W, TW_ARG32(0));
    if (!f) RET(E_BADF);
    wasi_fd_release(f);
    RET(E_SUCCESS);
}

WASI_FN(fd_renumber) {
    uint32_t from = TW_ARG32(0), to = TW_ARG32(1);
    wasi_fd *a = wasi_fd_get(W, from), *b = wasi_fd_get(W, to);
    if (!a || !b) RET(E_BADF);
    if (from == to) RET(E_SUCCESS);
    wasi_fd_release(b);
    *b = *a;
    *a = (wasi_fd){.host = -1};
    RET(E_SUCCESS);
}

static tw_host_status sync_fd(tw_hostcall *hc, tw_val *sp, bool data) {
    wasi_fd *f;
    int e = wasi_fd_check(W, TW_ARG32(0), data ? R_FD_DATASYNC : R_FD_SYNC, &f);
    if (e) RET(e);
    if ((data ? fdatasync(f->host) : fsync(f->host)) != 0) RET(wasi_errno(errno));
    RET(E_SUCCESS);
}
WASI_FN(fd_datasync) { return sync_fd(hc, sp, true); }
WASI_FN(fd_sync) { return sync_fd(hc, sp, false); }

WASI_FN(fd_advise) {
    wasi_fd *f;
    int e = file_fd(W, TW_ARG32(0), R_FD_ADVISE, &f);
    if (e) RET(e);
    static const int adv[] = {POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                              POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
    uint32_t a = TW_ARG32(3);
    if (a > 5 || TW_ARG64(1) > INT64_MAX || TW_ARG64(2) > INT64_MAX) RET(E_INVAL);
    RET(wasi_errno(posix_fadvise(f->host, (off_t)TW_ARG64(1), (off_t)TW_ARG64(2), adv[a])));
}

WASI_FN(fd_allocate) {
    wasi_fd *f;
    int e = file_fd(W, TW_ARG32(0), R_FD_ALLOCATE, &f);
    if (e) RET(e);
    if (TW_ARG64(1) > INT64_MAX || TW_ARG64(2) > INT64_MAX || TW_ARG64(1) + TW_ARG64(2) > INT64_MAX) RET(E_FBIG);
    RET(wasi_errno(posix_fallocate(f->host, (off_t)TW_ARG64(1), (off_t)TW_ARG64(2))));
}

WASI_FN(fd_fdstat_get) {
    tw_guest g = tw_guest_of(hc);
    wasi_fd *f = wasi_fd_get(W, TW_ARG32(0));
    if (!f) RET(E_BADF);
    uint8_t *d = tw_guest_w(&g, TW_ARG32(1), 24);
    if (!d) RET(E_FAULT);
    int fl = fcntl(f->host, F_GETFL);
    uint16_t flags = (f->nonblock ? FDF_NONBLOCK : 0) | (f->append ? FDF_APPEND : 0);
    if (fl >= 0) {
        if (fl & O_APPEND && !f->borrowed) flags |= FDF_APPEND;
        if ((fl & O_SYNC) == O_SYNC) flags |= FDF_SYNC | FDF_RSYNC;
        else if (fl & O_DSYNC) flags |= FDF_DSYNC;
    }
    memset(d, 0, 24);
    d[0] = f->type;
    tw_st16(d + 2, flags);
    tw_st64(d + 8, f->rights);
    tw_st64(d + 16, f->inheriting);
    RET(E_SUCCESS);
}

WASI_FN(fd_fdstat_set_flags) {
    wasi_fd *f;
    int e = wasi_fd_check(W, TW_ARG32(0), R_FD_FDSTAT_SET_FLAGS, &f);
    if (e) RET(e);
    uint32_t fl = TW_ARG32(1);
    if (fl & ~31u) RET(E_INVAL);
    /* Linux cannot change the sync flags of an open file */
    if (fl & (FDF_DSYNC | FDF_RSYNC | FDF_SYNC)) RET(E_NOTSUP);
    if (f->borrowed) {
        /* the host's stdio is shared with the host and other processes: its flags stay,
         * and this context's writes append one by one (RWF_APPEND) */
        f->append = fl & FDF_APPEND;
    } else {
        int hf = fcntl(f->host, F_GETFL);
        if (hf < 0) RET(wasi_errno(errno));
        int nhf = fl & FDF_APPEND ? hf | O_APPEND : hf & ~O_APPEND;
        if (nhf != hf && fcntl(f->host, F_SETFL, nhf) != 0) RET(wasi_errno(errno));
    }
    f->nonblock = fl & FDF_NONBLOCK;
    RET(E_SUCCESS);
}

WASI_FN(fd_fdstat_set_rights) {
    wasi_fd *f = wasi_fd_get(W, TW_ARG32(0));
    if (!f) RET(E_BADF);
    if ((TW_ARG64(1) & ~f->rights) || (TW_ARG64(2) & ~f->inheriting)) RET(E_NOTCAPABLE);
    f->rights = TW_ARG64(1);
    f->inheriting = TW_ARG64(2);
    RET(E_SUCCESS);
}

WASI_FN(fd_filestat_get) {
    tw_guest g = tw_guest_of(hc);
    wasi_fd *f;
    int e = wasi_fd_check(W, TW_ARG32(0), R_FD_FILESTAT_GET, &f);
    if (e) RET(e);
    uint8_t *d = tw_guest_w(&g, TW_ARG32(1), 64);
    if (!d) RET(E_FAULT);
    struct stat st;
    if (fstat(f->host, &st) != 0) RET(wasi_errno(errno));
    wasi_put_filestat(d, &st);
    RET(E_SUCCESS);
}

WASI_FN(fd_filestat_set_size) {
    wasi_fd *f;
    int e = file_fd(W, TW_ARG32(0), R_FD_FILESTAT_SET_SIZE, &f);
    if (e) RET(e);
    if (TW_ARG64(1) > INT64_MAX) RET(E_FBIG);
    if (ftruncate(f->host, (off_t)TW_ARG64(1)) != 0) RET(wasi_errno(errno));
    RET(E_SUCCESS);
}

WASI_FN(fd_filestat_set_times) {
    wasi_fd *f;
    int e = wasi_fd_check(W, TW_ARG32(0), R_FD_FILESTAT_SET_TIMES, &f);
    if (e) RET(e);
    struct timespec ts[2];
    if ((e = wasi_times(TW_ARG64(1), TW_ARG64(2), TW_ARG32(3), ts))) RET(e);
    if (futimens(f->host, ts) != 0) RET(wasi_errno(errno));
    RET(E_SUCCESS);
}

WASI_FN(fd_prestat_get) {
    tw_guest g = tw_guest_of(hc);
    wasi_fd *f = wasi_fd_get(W, TW_ARG32(0));
    if (!f || !f->preopen) RET(E_BADF);
    uint8_t *d = tw_guest_w(&g, TW_ARG32(1), 8);
    if (!d) RET(E_FAULT);
    memset(d, 0, 8);          /* tag 0: a directory */
    tw_st32(d + 4, (uint32_t)strlen(f->preopen));
    RET(E_SUCCESS);
}

WASI_FN(fd_prestat_dir_name) {
    tw_guest g = tw_guest_of(hc);
    wasi_fd *f = wasi_fd_get(W, TW_ARG32(0));
    if (!f || !f->preopen) RET(E_BADF);
    size_t len = strlen(f->preopen);
    uint8_t *d = tw_guest_w(&g, TW_ARG32(1), TW_ARG32(2));
    if (!d) RET(E_FAULT);
    if (TW_ARG32(2) < len) RET(E_NAMETOOLONG);
    memcpy(d, f->preopen, len);
    RET(E_SUCCESS);
}

/* ---- fd_readdir: a snapshot of the directory, taken when cookie 0 is asked for; the
 * cookie of an entry is its index + 1, so listings resume exactly where they stopped. */

static uint8_t dtype(unsigned char t) {
    switch (t) {
    case DT_REG: return FT_REG;
    case DT_DIR: return FT_DIR;
    case DT_LNK: return FT_SYMLINK;
    case DT_CHR: return FT_CHAR;
    case DT_BLK: return FT_BLOCK;
    case DT_SOCK: return FT_SOCK_STREAM;
    default: return FT_UNKNOWN;
    }
}

static int snapshot(wasi_fd *f) {
    for (uint32_t i = 0; i < f->nents; i++) free(f->ents[i].name);
    free(f->ents);
    f->ents = NULL;
    f->nents = 0;
    int fd = openat(f->host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return wasi_errno(errno);
    DIR *d = fdopendir(fd);
    if (!d) { int e = errno; close(fd); return wasi_errno(e); }
    uint32_t cap = 0;
    struct dirent *de;
    int err = 0;
    while ((de = readdir(d))) {
        if (f->nents == cap) {
            cap = cap ? cap * 2 : 16;
            wasi_dirent *n = realloc(f->ents, cap * sizeof *n);
            if (!n) { err = E_NOMEM; break; }
            f->ents = n;
        }
        wasi_dirent *e = &f->ents[f->nents];
        e->ino = de->d_ino;
        e->type = dtype(de->d_type);
        if (de->d_type == DT_UNKNOWN) {
            struct stat st;
            if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) e->type = wasi_filetype(st.st_mode);
        }
        e->namelen = (uint32_t)strlen(de->d_name);
        if (!(e->name = strdup(de->d_name))) { err = E_NOMEM; break; }
        f->nents++;
    }
    closedir(d);
    return err;
}

WASI_FN(fd_readdir) {
    tw_guest g = tw_guest_of(hc);
    wasi_fd *f = wasi_fd_get(W, TW_ARG32(0));
    if (!f) RET(E_BADF);
    if (f->type != FT_DIR) RET(E_NOTDIR);
    int e = wasi_fd_check(W, TW_ARG32(0), R_FD_READDIR, &f);
    if (e) RET(e);
    uint32_t len = TW_ARG32(2);
    uint8_t *buf = tw_guest_w(&g, TW_ARG32(1), len);
    if (!buf || !tw_guest_w(&g, TW_ARG32(4), 4)) RET(E_FAULT);
    uint64_t cookie = TW_ARG64(3);
    if (cookie == 0 || !f->ents) {
        if ((e = snapshot(f))) RET(e);
    }
    uint32_t used = 0;
    for (uint64_t i = cookie; i < f->nents && used < len; i++) {
        const wasi_dirent *de = &f->ents[i];
        uint8_t hdr[24] = {0};
        tw_st64(hdr, i + 1);
        tw_st64(hdr + 8, de->ino);
        tw_st32(hdr + 16, de->namelen);
        hdr[20] = de->type;
        uint32_t n = len - used < 24 ? len - used : 24;
        memcpy(buf + used, hdr, n);
        used += n;
        n = len - used < de->namelen ? len - used : de->namelen;
        memcpy(buf + used, de->name, n);
        used += n;
    }
    tw_guest_put32(&g, TW_ARG32(4), used);
    RET(E_SUCCESS);
}
