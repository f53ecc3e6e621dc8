/* wasi_path.c — the path_* functions and the sandbox they share.
 *
 * A guest names files by (directory fd, relative path). Every path is resolved beneath
 * that directory: with openat2(RESOLVE_BENEATH) where the kernel has it (absolute paths,
 * `..` past the top and symlinks leading out fail with EXDEV, checked atomically by the
 * kernel), otherwise by walking one component at a time from held directory fds, never
 * following a symlink without reading it first and never letting `..` leave the start
 * (a symlink swapped in between two steps makes the O_NOFOLLOW step fail instead).
 * Escapes are ENOTCAPABLE. Operations on a name (mkdir, unlink, rename, ...) resolve
 * the parent that way and then act on the last component with the *at() calls, which do
 * not follow it. TYCHO_WASI_NO_OPENAT2=1 forces the fallback (for its tests).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "wasi_impl.h"

#define MAX_SYMLINKS 40

/* ---- resolution ------------------------------------------------------------------------ */

static bool is_dots(const char *s, size_t n) {
    return (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.');
}

/* The fallback walk. Returns an fd or -1 with *werr set. */
static int walk(int start, const char *path, int flags, mode_t mode, int *werr) {
    size_t cap = 8, depth = 0;
    int *stack = malloc(cap * sizeof *stack);
    char *rest = strdup(path);
    int links = 0, result = -1;
    if (!stack || !rest) { *werr = E_NOMEM; goto out; }
    stack[0] = start;
    char *p = rest;
    if (*p == '/') { *werr = E_NOTCAPABLE; goto out; }
    if (!*p) { *werr = E_NOENT; goto out; }
    for (;;) {
        int cur = stack[depth];
        while (*p == '/') p++;
        size_t n = strcspn(p, "/");
        const char *after = p + n;
        bool slash = *after == '/';
        const char *q = after;
        while (*q == '/') q++;
        bool last = !*q;
        char comp[NAME_MAX + 1];
        if (n == 0) {                          /* "x/" handled as "x" + need a directory */
            p = NULL;
        } else if (n > NAME_MAX) {
            *werr = E_NAMETOOLONG;
            goto out;
        } else {
            memcpy(comp, p, n);
            comp[n] = 0;
        }
        if (!p || (n == 1 && comp[0] == '.') || (n == 2 && !strcmp(comp, ".."))) {
            if (p && n == 2) {                 /* ".." */
                if (depth == 0) { *werr = E_NOTCAPABLE; goto out; }
                close(stack[depth--]);
                cur = stack[depth];
            }
            if (last || !p) {
                result = openat(cur, ".", flags | O_CLOEXEC, mode);
                if (result < 0) *werr = wasi_errno(errno);
                goto out;
            }
            p = (char *)q;
            continue;
        }
        /* Follow a symlink here unless it is the last component and O_NOFOLLOW was asked
         * without a trailing slash. */
        if (!last || slash || !(flags & O_NOFOLLOW)) {
            char target[PATH_MAX];
            ssize_t tl = readlinkat(cur, comp, target, sizeof target - 1);
            if (tl >= 0) {
                if (++links > MAX_SYMLINKS) { *werr = E_LOOP; goto out; }
                target[tl] = 0;
                if (target[0] == '/') { *werr = E_NOTCAPABLE; goto out; }
                /* rest := target + "/" + whatever followed this component */
                size_t rl = strlen(after);
                char *nr = malloc((size_t)tl + rl + 2);
                if (!nr) { *werr = E_NOMEM; goto out; }
                memcpy(nr, target, (size_t)tl);
                memcpy(nr + tl, after, rl + 1);
                free(rest);
                rest = p = nr;
                if (!*p) { *werr = E_NOENT; goto out; }
                continue;
            }
        }
        if (last) {
            /* "x/" names a directory: creating it as a file is EISDIR, as open(2) says */
            if (slash && flags & O_CREAT) { *werr = E_ISDIR; goto out; }
            int fl = flags | O_NOFOLLOW | O_CLOEXEC | (slash ? O_DIRECTORY : 0);
            result = openat(cur, comp, fl, mode);
            if (result < 0) *werr = wasi_errno(errno);
            goto out;
        }
        int nfd = openat(cur, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (nfd < 0) { *werr = wasi_errno(errno); goto out; }
        if (depth + 1 == cap) {
            int *ns = realloc(stack, 2 * cap * sizeof *ns);
            if (!ns) { close(nfd); *werr = E_NOMEM; goto out; }
            stack = ns;
            cap *= 2;
        }
        stack[++depth] = nfd;
        p = (char *)q;
    }
out:
    if (stack) while (depth > 0) close(stack[depth--]);
    free(stack);
    free(rest);
    return result;
}

static atomic_int openat2_state;    /* 0 unknown/usable, 1 unavailable */

/* Opens `path` beneath directory `dirfd`. Returns an fd or -1 with *werr (WASI errno). */
static int beneath(int dirfd, const char *path, int flags, mode_t mode, int *werr) {
    if (atomic_load(&openat2_state) == 0) {
        static atomic_int checked_env;
        if (!atomic_load(&checked_env)) {
            const char *e = getenv("TYCHO_WASI_NO_OPENAT2");
            if (e && *e && strcmp(e, "0")) atomic_store(&openat2_state, 1);
            atomic_store(&checked_env, 1);
        }
    }
    if (atomic_load(&openat2_state) == 0) {
        struct open_how how = {
            .flags = (uint64_t)(flags | O_CLOEXEC),
            .mode = flags & O_CREAT ? mode : 0,
            .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
        };
        for (int tries = 0; tries < 64; tries++) {
            long r = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
            if (r >= 0) return (int)r;
            if (errno == EAGAIN || errno == EINTR) continue;   /* a concurrent rename */
            if (errno == ENOSYS) { atomic_store(&openat2_state, 1); break; }
            *werr = errno == EXDEV ? E_NOTCAPABLE : wasi_errno(errno);
            return -1;
        }
        if (atomic_load(&openat2_state) == 0) { *werr = E_AGAIN; return -1; }
    }
    return walk(dirfd, path, flags, mode, werr);
}

/* ---- guest paths -------------------------------------------------------------------------- */

/* Copies a guest path into a NUL-terminated string. */
static int gpath(const tw_guest *g, uint32_t p, uint32_t len, char **out) {
    const uint8_t *s = tw_guest_w(g, p, len);
    if (!s) return E_FAULT;
    if (memchr(s, 0, len)) return E_INVAL;
    char *c = malloc((size_t)len + 1);
    if (!c) return E_NOMEM;
    memcpy(c, s, len);
    c[len] = 0;
    *out = c;
    return 0;
}

/* The directory fd a path is relative to: open, a directory, with rights `need`. */
static int dir_fd(tw_wasi *w, uint32_t fd, uint64_t need, wasi_fd **out) {
    wasi_fd *f = wasi_fd_get(w, fd);
    if (!f) return E_BADF;
    if (f->type != FT_DIR) return E_NOTDIR;
    return wasi_fd_check(w, fd, need, out);
}

/* A path split into its resolved parent directory and last component. */
typedef struct {
    int dir;           /* owned fd of the parent, or -1 */
    char *path;        /* the whole path */
    const char *base;  /* the last component, with any trailing slashes */
    bool slash;        /* the path ends with '/' */
} split_path;

static void split_done(split_path *s) {
    if (s->dir >= 0) close(s->dir);
    free(s->path);
}

static int split(tw_wasi *w, uint32_t fd, uint64_t need, const tw_guest *g, uint32_t p, uint32_t len,
                 split_path *s) {
    *s = (split_path){.dir = -1};
    wasi_fd *d;
    int e = dir_fd(w, fd, need, &d);
    if (e) return e;
    if ((e = gpath(g, p, len, &s->path))) return e;
    char *path = s->path;
    size_t n = strlen(path);
    if (n == 0) return E_NOENT;
    if (path[0] == '/') return E_NOTCAPABLE;
    size_t end = n;
    while (end > 0 && path[end - 1] == '/') end--;
    s->slash = end < n;
    size_t b = end;
    while (b > 0 && path[b - 1] != '/') b--;
    s->base = path + b;
    char save = path[b];
    path[b] = 0;                                   /* path is now the parent ("" = here) */
    s->dir = beneath(d->host, b ? path : ".", O_PATH | O_DIRECTORY, 0, &e);
    path[b] = save;
    if (s->dir < 0) return e;
    if (is_dots(s->base, end - b)) {
        /* "x/.." may name something outside: the whole path must resolve beneath */
        int t = beneath(d->host, path, O_PATH, 0, &e);
        if (t < 0) return e;
        close(t);
    }
    return 0;
}

/* Resolves the whole path to an O_PATH fd, following a final symlink or not. */
static int whole(tw_wasi *w, uint32_t fd, uint64_t need, const tw_guest *g, uint32_t p, uint32_t len,
                 bool follow, int *out) {
    wasi_fd *d;
    char *path;
    int e = dir_fd(w, fd, need, &d);
    if (e) return e;
    if ((e = gpath(g, p, len, &path))) return e;
    if (!*path) e = E_NOENT;
    else if (path[0] == '/') e = E_NOTCAPABLE;
    else if ((*out = beneath(d->host, path, O_PATH | (follow ? 0 : O_NOFOLLOW), 0, &e)) >= 0) e = 0;
    free(path);
    return e;
}

static void proc_fd_path(char *buf, size_t n, int fd) { snprintf(buf, n, "/proc/self/fd/%d", fd); }

#define SYS(call) ((call) == 0 ? E_SUCCESS : wasi_errno(errno))

/* ---- the functions --------------------------------------------------------------------------- */

/* The new fd's rights: those asked for, as far as the directory may hand them down, and
 * of the kind of object opened (R_DIR or R_FILE); a directory's inheriting rights the
 * same way, a file's none. It is opened for writing only when granted a writing right
 * (R_WRITING) and not a directory: OFLAGS_DIRECTORY with a writing right asked for is
 * EISDIR once the path is known to name a directory (ENOTDIR, ENOENT, ... before). */
WASI_FN(path_open) {
    tw_wasi *w = W;
    tw_guest g = tw_guest_of(hc);
    uint32_t dirflags = TW_ARG32(1), oflags = TW_ARG32(4), fdflags = TW_ARG32(7);
    uint64_t base = TW_ARG64(5), inh = TW_ARG64(6);
    wasi_fd *d;
    uint64_t need = R_PATH_OPEN | (oflags & OF_CREAT ? R_PATH_CREATE_FILE : 0) |
                    (oflags & OF_TRUNC ? R_PATH_FILESTAT_SET_SIZE : 0);
    int e = dir_fd(w, TW_ARG32(0), need, &d);
    if (e) RET(e);
    if (!tw_guest_w(&g, TW_ARG32(8), 4)) RET(E_FAULT);
    if (oflags & ~15u || fdflags & ~31u) RET(E_INVAL);
    bool want_dir = oflags & OF_DIRECTORY;
    if (want_dir && oflags & (OF_CREAT | OF_EXCL | OF_TRUNC)) RET(E_INVAL);
    uint64_t grant = base & d->inheriting;
    bool rd = grant & (R_FD_READ | R_FD_READDIR);
    bool wr = grant & R_WRITING;
    bool isdir_error = want_dir && (base & R_WRITING);
    int fl = (wr && !want_dir ? (rd ? O_RDWR : O_WRONLY) : O_RDONLY) | O_NONBLOCK | O_NOCTTY;
    if (oflags & OF_CREAT) fl |= O_CREAT;
    if (want_dir) fl |= O_DIRECTORY;
    if (oflags & OF_EXCL) fl |= O_EXCL;
    if (oflags & OF_TRUNC) fl |= O_TRUNC;
    if (fdflags & FDF_APPEND) fl |= O_APPEND;
    if (fdflags & FDF_DSYNC) fl |= O_DSYNC;
    if (fdflags & (FDF_SYNC | FDF_RSYNC)) fl |= O_SYNC;
    if (!(dirflags & LOOKUP_SYMLINK_FOLLOW)) fl |= O_NOFOLLOW;
    char *path;
    if ((e = gpath(&g, TW_ARG32(2), TW_ARG32(3), &path))) RET(e);
    int h = -1;
    if (!*path) e = E_NOENT;
    else if (path[0] == '/') e = E_NOTCAPABLE;
    else h = beneath(d->host, path, fl, 0666, &e);
    free(path);
    if (h < 0) RET(e);
    if (isdir_error) { close(h); RET(E_ISDIR); }
    struct stat st;
    if (fstat(h, &st) != 0) { e = wasi_errno(errno); close(h); RET(e); }
    uint8_t type = wasi_filetype(st.st_mode);
    /* the host fd stays O_NONBLOCK: reads of FIFOs must never wait in the host */
    bool dir = type == FT_DIR;        /* a file hands nothing down */
    int64_t nfd = wasi_fd_add(w, h, type, grant & (dir ? R_DIR : R_FILE), dir ? inh & d->inheriting : 0);
    if (nfd < 0) { close(h); RET(E_NFILE); }
    w->fds[nfd].nonblock = fdflags & FDF_NONBLOCK;
    tw_guest_put32(&g, TW_ARG32(8), (uint32_t)nfd);
    RET(E_SUCCESS);
}

WASI_FN(path_create_directory) {
    tw_guest g = tw_guest_of(hc);
    split_path s;
    int e = split(W, TW_ARG32(0), R_PATH_CREATE_DIRECTORY, &g, TW_ARG32(1), TW_ARG32(2), &s);
    if (!e) e = SYS(mkdirat(s.dir, s.base, 0777));
    split_done(&s);
    RET(e);
}

WASI_FN(path_remove_directory) {
    tw_guest g = tw_guest_of(hc);
    split_path s;
    int e = split(W, TW_ARG32(0), R_PATH_REMOVE_DIRECTORY, &g, TW_ARG32(1), TW_ARG32(2), &s);
    if (!e) e = SYS(unlinkat(s.dir, s.base, AT_REMOVEDIR));
    split_done(&s);
    RET(e);
}

WASI_FN(path_unlink_file) {
    tw_guest g = tw_guest_of(hc);
    split_path s;
    int e = split(W, TW_ARG32(0), R_PATH_UNLINK_FILE, &g, TW_ARG32(1), TW_ARG32(2), &s);
    if (!e) e = SYS(unlinkat(s.dir, s.base, 0));
    split_done(&s);
    RET(e);
}

WASI_FN(path_filestat_get) {
    tw_guest g = tw_guest_of(hc);
    uint8_t *d = tw_guest_w(&g, TW_ARG32(4), 64);
    if (!d) RET(E_FAULT);
    /* a trailing slash makes the kernel follow the last component: resolve it ourselves */
    int fd, e = whole(W, TW_ARG32(0), R_PATH_FILESTAT_GET, &g, TW_ARG32(2), TW_ARG32(3),
                      TW_ARG32(1) & LOOKUP_SYMLINK_FOLLOW, &fd);
    if (e) RET(e);
    struct stat st;
    e = SYS(fstat(fd, &st));
    close(fd);
    if (!e) wasi_put_filestat(d, &st);
    RET(e);
}

WASI_FN(path_filestat_set_times) {
    tw_guest g = tw_guest_of(hc);
    struct timespec ts[2];
    int e = wasi_times(TW_ARG64(4), TW_ARG64(5), TW_ARG32(6), ts);
    if (e) RET(e);
    int fd;
    bool follow = TW_ARG32(1) & LOOKUP_SYMLINK_FOLLOW;
    if ((e = whole(W, TW_ARG32(0), R_PATH_FILESTAT_SET_TIMES, &g, TW_ARG32(2), TW_ARG32(3), follow, &fd))) RET(e);
    /* an O_PATH fd: through /proc, following it (the file) or not (a symlink itself) */
    char pp[64];
    proc_fd_path(pp, sizeof pp, fd);
    struct stat st;
    if (!follow && fstat(fd, &st) == 0 && S_ISLNK(st.st_mode))
        e = SYS(utimensat(fd, "", ts, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW));
    else
        e = SYS(utimensat(AT_FDCWD, pp, ts, 0));
    close(fd);
    RET(e);
}

WASI_FN(path_readlink) {
    tw_guest g = tw_guest_of(hc);
    uint8_t *buf = tw_guest_w(&g, TW_ARG32(3), TW_ARG32(4));
    if (!buf || !tw_guest_w(&g, TW_ARG32(5), 4)) RET(E_FAULT);
    split_path s;
    int e = split(W, TW_ARG32(0), R_PATH_READLINK, &g, TW_ARG32(1), TW_ARG32(2), &s);
    if (!e && s.slash) e = E_NOTDIR;   /* "link/" names what the link points to */
    ssize_t n = 0;
    if (!e) {
        char tmp[PATH_MAX];
        n = readlinkat(s.dir, s.base, tmp, sizeof tmp);
        if (n < 0) e = wasi_errno(errno);
        else {
            if ((uint32_t)n > TW_ARG32(4)) n = TW_ARG32(4);   /* truncated, as readlink does */
            memcpy(buf, tmp, (size_t)n);
        }
    }
    split_done(&s);
    if (!e) tw_guest_put32(&g, TW_ARG32(5), (uint32_t)n);
    RET(e);
}

WASI_FN(path_rename) {
    tw_guest g = tw_guest_of(hc);
    split_path a, b;
    int e = split(W, TW_ARG32(0), R_PATH_RENAME_SOURCE, &g, TW_ARG32(1), TW_ARG32(2), &a);
    int e2 = split(W, TW_ARG32(3), R_PATH_RENAME_TARGET, &g, TW_ARG32(4), TW_ARG32(5), &b);
    if (!e) e = e2;
    if (!e) e = SYS(renameat(a.dir, a.base, b.dir, b.base));
    split_done(&a);
    split_done(&b);
    RET(e);
}

WASI_FN(path_link) {
    tw_guest g = tw_guest_of(hc);
    split_path b;
    int e = split(W, TW_ARG32(4), R_PATH_LINK_TARGET, &g, TW_ARG32(5), TW_ARG32(6), &b);
    if (e) { split_done(&b); RET(e); }
    if (TW_ARG32(1) & LOOKUP_SYMLINK_FOLLOW) {
        /* resolve the source ourselves: linkat would follow a symlink anywhere */
        int fd;
        if (!(e = whole(W, TW_ARG32(0), R_PATH_LINK_SOURCE, &g, TW_ARG32(2), TW_ARG32(3), true, &fd))) {
            char pp[64];
            proc_fd_path(pp, sizeof pp, fd);
            e = SYS(linkat(AT_FDCWD, pp, b.dir, b.base, AT_SYMLINK_FOLLOW));
            close(fd);
        }
    } else {
        split_path a;
        if (!(e = split(W, TW_ARG32(0), R_PATH_LINK_SOURCE, &g, TW_ARG32(2), TW_ARG32(3), &a)))
            e = SYS(linkat(a.dir, a.base, b.dir, b.base, 0));
        split_done(&a);
    }
    split_done(&b);
    RET(e);
}

WASI_FN(path_symlink) {
    tw_guest g = tw_guest_of(hc);
    char *target;
    int e = gpath(&g, TW_ARG32(0), TW_ARG32(1), &target);
    if (e) RET(e);
    split_path s;
    e = split(W, TW_ARG32(2), R_PATH_SYMLINK, &g, TW_ARG32(3), TW_ARG32(4), &s);
    /* an absolute target could only ever point outside the sandbox */
    if (!e && target[0] == '/') e = E_NOTCAPABLE;
    if (!e) e = SYS(symlinkat(target, s.dir, s.base));
    split_done(&s);
    free(target);
    RET(e);
}
