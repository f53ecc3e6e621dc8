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

/* Guest iovec list -> host iovecs; 0 or E_FAULT. */
int wasi_iovs(const tw_guest *g, uint32_t ptr, uint32_t n, struct iovec *iov, int *cnt) {
    if (n > MAX_IOVS) n = MAX_IOVS;
    const uint8_t *l = tw_guest_w(g, ptr, (uint64_t)n * 8);
    if (!l) return E_FAULT;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t b = tw_ld32(l + 8 * i), len = tw_ld32(l + 8 * i + 4);
        uint8_t *p = tw_guest_w(g, b, len);
        if (!p) return E_FAULT;
        iov[i] = (struct iovec){p, len};
    }
    *cnt = (int)n;
    return 0;
}

/* Shared by read/write/pread/pwrite. */
static tw_host_status rw(tw_hostcall *hc, tw_val *sp, bool write, bool positioned) {
    tw_wasi *w = W;
    tw_guest g = tw_guest_of(hc);
    wasi_fd *f;
    uint64_t need = (write ? R_FD_WRITE : R_FD_READ) | (positioned ? R_FD_SEEK : 0);
    int e = file_fd(w, TW_ARG32(0), need, &f);
    if (e) RET(e);
    uint64_t off = positioned ? TW_ARG64(3) : 0;
    uint32_t resptr = positioned ? TW_ARG32(4) : TW_ARG32(3);
    struct iovec iov[MAX_IOVS];
    int cnt;
    if ((e = wasi_iovs(&g, TW_ARG32(1), TW_ARG32(2), iov, &cnt))) RET(e);
    if (!tw_guest_w(&g, resptr, 4)) RET(E_FAULT);
    if (positioned && off > INT64_MAX) RET(E_INVAL);
    wasi_wait_reset(w);
    if (write && !positioned && w->out && f->borrowed && (f->host == 1 || f->host == 2)) {
        tw_guest_put32(&g, resptr, (uint32_t)wasi_output_write(w->out, f->host, iov, cnt));
        RET(E_SUCCESS);           /* captured (test mode): never waits */
    }
    short ev = write ? POLLOUT : POLLIN;
    bool stream = !positioned && f->type != FT_REG && f->type != FT_DIR;
    ssize_t n = -1;
    bool done = false;
    if (stream && !f->no_nowait) {
        /* Pipes and sockets: one call that cannot wait, even on a blocking host fd that
         * other processes share (the host's stdio), where polling first would race. */
        do {
            n = write ? pwritev2(f->host, iov, cnt, -1, RWF_NOWAIT)
                      : preadv2(f->host, iov, cnt, -1, RWF_NOWAIT);
        } while (n < 0 && errno == EINTR);
        done = !(n < 0 && (errno == EOPNOTSUPP || errno == EINVAL || errno == ENOSYS));
        if (!done) f->no_nowait = true;
    }
    if (!done) {
        /* Terminals (no RWF_NOWAIT), files: ask poll, then one plain call. */
        if (stream && !wasi_ready(w, f, ev)) {
            if (f->nonblock) { wasi_wait_reset(w); RET(E_AGAIN); }
            return TW_HOST_BLOCK;
        }
        do {
            if (positioned) n = write ? pwritev(f->host, iov, cnt, (off_t)off) : preadv(f->host, iov, cnt, (off_t)off);
            else n = write ? writev(f->host, iov, cnt) : readv(f->host, iov, cnt);
        } while (n < 0 && errno == EINTR);
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && !f->nonblock && !positioned) {
        wasi_wait_add(w, f->host, ev);
        return TW_HOST_BLOCK;
    }
    if (n < 0) RET(wasi_errno(errno));
    tw_guest_put32(&g, resptr, (uint32_t)n);
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
    uint16_t flags = f->nonblock ? FDF_NONBLOCK : 0;
    if (fl >= 0) {
        if (fl & O_APPEND) flags |= FDF_APPEND;
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
    int hf = fcntl(f->host, F_GETFL);
    if (hf < 0) RET(wasi_errno(errno));
    int nhf = fl & FDF_APPEND ? hf | O_APPEND : hf & ~O_APPEND;
    /* the host's stdio is shared with the host and other processes: its flags stay */
    if (nhf != hf && f->borrowed) RET(E_NOTSUP);
    if (nhf != hf && fcntl(f->host, F_SETFL, nhf) != 0) RET(wasi_errno(errno));
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
