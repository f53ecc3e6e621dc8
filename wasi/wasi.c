/* wasi.c — the WASI context: arguments, environment, the fd table, what a blocked call
 * waits for; and wasi_snapshot_preview1 as a namespace table (tw_wasi_namespace). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "wasi_impl.h"

const char tw_wasi_exit_trap[] = "wasi proc_exit";

/* ---- contexts ------------------------------------------------------------------------ */

/* The host's stdio as every context sees it: looked at once per program. */
static wasi_fd stdio_fds[3];
static pthread_once_t stdio_once = PTHREAD_ONCE_INIT;

static void stdio_init(void) {
    for (int i = 0; i < 3; i++) {
        struct stat st;
        uint8_t type = fstat(i, &st) == 0 ? wasi_filetype(st.st_mode) : FT_UNKNOWN;
        /* stdio: file rights; no seek/tell on ttys and pipes, like other runtimes */
        uint64_t r = R_FILE;
        if (type != FT_REG) r &= ~(R_FD_SEEK | R_FD_TELL);
        stdio_fds[i] = (wasi_fd){.host = i, .type = type, .rights = r, .borrowed = true};
    }
}

tw_wasi *tw_wasi_new(void) {
    pthread_once(&stdio_once, stdio_init);
    tw_wasi *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->fds = w->fds_inline;
    w->capfds = WASI_FDS_INLINE;
    memcpy(w->fds, stdio_fds, sizeof stdio_fds);
    w->nfds = 3;
    w->waitfds = w->wait_inline;
    w->capwait = WASI_WAIT_INLINE;
    w->deadline = -1;
    return w;
}

void tw_wasi_free(tw_wasi *w) {
    if (!w) return;
    for (uint32_t i = 0; i < w->nfds; i++) wasi_fd_release(&w->fds[i]);
    free(w->args);
    free(w->env);
    if (w->fds != w->fds_inline) free(w->fds);
    if (w->waitfds != w->wait_inline) free(w->waitfds);
    tw_wasi_output_unref(w->out);
    free(w);
}

/* Appends strings to a vector kept in one block: the pointers, then the strings. */
static bool strvec_append(char ***v, uint32_t *n, uint32_t add, const char *const *s) {
    if (add == 0) return true;
    if (add > UINT32_MAX / 2 - *n) return false;
    size_t bytes = 0;
    for (uint32_t i = 0; i < *n; i++) bytes += strlen((*v)[i]) + 1;
    for (uint32_t i = 0; i < add; i++) bytes += strlen(s[i]) + 1;
    uint32_t total = *n + add;
    char **nv = malloc(total * sizeof *nv + bytes);
    if (!nv) return false;
    char *p = (char *)(nv + total);
    for (uint32_t i = 0; i < total; i++) {
        const char *str = i < *n ? (*v)[i] : s[i - *n];
        size_t len = strlen(str) + 1;
        memcpy(p, str, len);
        nv[i] = p;
        p += len;
    }
    free(*v);
    *v = nv;
    *n = total;
    return true;
}

bool tw_wasi_set_args(tw_wasi *w, int argc, char *const *argv) {
    return argc <= 0 || strvec_append(&w->args, &w->nargs, (uint32_t)argc, (const char *const *)argv);
}

bool tw_wasi_add_env(tw_wasi *w, const char *nv) {
    return strchr(nv, '=') && nv[0] != '=' && strvec_append(&w->env, &w->nenv, 1, &nv);
}

/* A preopened directory: every directory right, and every right to hand down. */
static bool add_preopen(tw_wasi *w, int fd, const char *guest, bool borrowed) {
    char *g = strdup(guest);
    int64_t i = g ? wasi_fd_add(w, fd, FT_DIR, R_DIR, R_DIR | R_FILE) : -1;
    if (i < 0) { free(g); return false; }
    w->fds[i].preopen = g;
    w->fds[i].borrowed = borrowed;
    return true;
}

bool tw_wasi_preopen(tw_wasi *w, const char *host, const char *guest, char *err, size_t errlen) {
    int fd = open(host, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open directory %s: %s", host, strerror(errno));
        return false;
    }
    if (!add_preopen(w, fd, guest, false)) {
        close(fd);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    return true;
}

bool tw_wasi_preopen_fd(tw_wasi *w, int dirfd, const char *guest) {
    return dirfd >= 0 && add_preopen(w, dirfd, guest, true);
}

bool tw_wasi_exited(const tw_wasi *w, int *code) {
    if (w->exited && code) *code = w->exit_code;
    return w->exited;
}

/* ---- fd table --------------------------------------------------------------------- */

uint8_t wasi_filetype(unsigned m) {
    switch (m & S_IFMT) {
    case S_IFREG: return FT_REG;
    case S_IFDIR: return FT_DIR;
    case S_IFCHR: return FT_CHAR;
    case S_IFBLK: return FT_BLOCK;
    case S_IFLNK: return FT_SYMLINK;
    case S_IFSOCK: return FT_SOCK_STREAM;
    default: return FT_UNKNOWN;   /* FIFOs have no WASI type */
    }
}

int64_t wasi_fd_add(tw_wasi *w, int host, uint8_t type, uint64_t rights, uint64_t inheriting) {
    uint32_t i = 0;
    while (i < w->nfds && w->fds[i].host >= 0) i++;
    if (i == w->nfds) {
        if (w->nfds == w->capfds) {
            if (w->capfds >= (1u << 20)) return -1;
            uint32_t cap = w->capfds * 2;
            bool inl = w->fds == w->fds_inline;
            wasi_fd *nf = realloc(inl ? NULL : w->fds, cap * sizeof *nf);
            if (!nf) return -1;
            if (inl) memcpy(nf, w->fds_inline, sizeof w->fds_inline);
            w->fds = nf;
            w->capfds = cap;
        }
        w->nfds++;
    }
    w->fds[i] = (wasi_fd){.host = host, .type = type, .rights = rights, .inheriting = inheriting};
    return i;
}

static void free_ents(wasi_fd *f) {
    for (uint32_t i = 0; i < f->nents; i++) free(f->ents[i].name);
    free(f->ents);
    f->ents = NULL;
    f->nents = 0;
}

void wasi_fd_release(wasi_fd *f) {
    if (f->host >= 0 && !f->borrowed) close(f->host);
    free(f->preopen);
    free_ents(f);
    *f = (wasi_fd){.host = -1};
}

wasi_fd *wasi_fd_get(tw_wasi *w, uint32_t fd) {
    return fd < w->nfds && w->fds[fd].host >= 0 ? &w->fds[fd] : NULL;
}

int wasi_fd_check(tw_wasi *w, uint32_t fd, uint64_t need, wasi_fd **out) {
    wasi_fd *f = wasi_fd_get(w, fd);
    if (!f) return E_BADF;
    if ((f->rights & need) != need) return E_NOTCAPABLE;
    *out = f;
    return 0;
}

/* ---- blocking ----------------------------------------------------------------------- */

void wasi_wait_reset(tw_wasi *w) {
    w->wait_yield = false;
    w->deadline = -1;
    w->nwait = 0;
}

void wasi_wait_add(tw_wasi *w, int host, short events) {
    if (w->nwait == w->capwait) {
        bool inl = w->waitfds == w->wait_inline;
        uint32_t cap = w->capwait * 2;
        struct pollfd *n = cap > w->capwait ? realloc(inl ? NULL : w->waitfds, cap * sizeof *n) : NULL;
        if (!n) {                /* then the process is just run again soon */
            w->wait_yield = true;
            return;
        }
        if (inl) memcpy(n, w->wait_inline, sizeof w->wait_inline);
        w->waitfds = n;
        w->capwait = cap;
    }
    w->waitfds[w->nwait++] = (struct pollfd){.fd = host, .events = events};
}

int wasi_ready(tw_wasi *w, wasi_fd *f, short events) {
    if (f->type == FT_REG || f->type == FT_DIR) return 1;
    struct pollfd p = {.fd = f->host, .events = events};
    if (poll(&p, 1, 0) > 0) return 1;
    wasi_wait_add(w, f->host, events);
    return 0;
}

int64_t wasi_now(int clock) {
    struct timespec ts;
    if (clock_gettime(clock, &ts) != 0) return 0;
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void tw_wasi_wait_info(const tw_wasi *w, tw_wasi_waitinfo *out) {
    *out = (tw_wasi_waitinfo){.yield = w->wait_yield, .deadline_ns = w->deadline,
                              .fds = w->nwait ? w->waitfds : NULL, .nfds = w->nwait};
}

void tw_wasi_forget_block(tw_wasi *w) {
    wasi_wait_reset(w);
    w->yield_pending = false;
    w->poll_active = false;
}

void tw_wasi_wait(tw_wasi *w) {
    tw_wasi_waitinfo wi;
    tw_wasi_wait_info(w, &wi);
    if (wi.yield) return;
    int timeout = -1;
    if (wi.deadline_ns >= 0) {
        int64_t left = wi.deadline_ns - wasi_now(CLOCK_MONOTONIC);
        timeout = left <= 0 ? 0 : left / 1000000 > 86400000 ? 86400000
                                                            : (int)((left + 999999) / 1000000);
    }
    /* nothing to wait for: the block did not come from this context; return at once */
    if (wi.nfds || timeout >= 0) poll(w->waitfds, wi.nfds, timeout);
}

/* ---- errno -------------------------------------------------------------------------- */

uint16_t wasi_errno(int e) {
    switch (e) {
    case 0: return E_SUCCESS;
    case E2BIG: return E_2BIG;
    case EACCES: return E_ACCES;
    case EADDRINUSE: return E_ADDRINUSE;
    case EADDRNOTAVAIL: return E_ADDRNOTAVAIL;
    case EAFNOSUPPORT: return E_AFNOSUPPORT;
    case EAGAIN: return E_AGAIN;
    case EALREADY: return E_ALREADY;
    case EBADF: return E_BADF;
    case EBADMSG: return E_BADMSG;
    case EBUSY: return E_BUSY;
    case ECANCELED: return E_CANCELED;
    case ECHILD: return E_CHILD;
    case ECONNABORTED: return E_CONNABORTED;
    case ECONNREFUSED: return E_CONNREFUSED;
    case ECONNRESET: return E_CONNRESET;
    case EDEADLK: return E_DEADLK;
    case EDESTADDRREQ: return E_DESTADDRREQ;
    case EDOM: return E_DOM;
    case EDQUOT: return E_DQUOT;
    case EEXIST: return E_EXIST;
    case EFAULT: return E_FAULT;
    case EFBIG: return E_FBIG;
    case EHOSTUNREACH: return E_HOSTUNREACH;
    case EIDRM: return E_IDRM;
    case EILSEQ: return E_ILSEQ;
    case EINPROGRESS: return E_INPROGRESS;
    case EINTR: return E_INTR;
    case EINVAL: return E_INVAL;
    case EIO: return E_IO;
    case EISCONN: return E_ISCONN;
    case EISDIR: return E_ISDIR;
    case ELOOP: return E_LOOP;
    case EMFILE: return E_MFILE;
    case EMLINK: return E_MLINK;
    case EMSGSIZE: return E_MSGSIZE;
    case EMULTIHOP: return E_MULTIHOP;
    case ENAMETOOLONG: return E_NAMETOOLONG;
    case ENETDOWN: return E_NETDOWN;
    case ENETRESET: return E_NETRESET;
    case ENETUNREACH: return E_NETUNREACH;
    case ENFILE: return E_NFILE;
    case ENOBUFS: return E_NOBUFS;
    case ENODEV: return E_NODEV;
    case ENOENT: return E_NOENT;
    case ENOEXEC: return E_NOEXEC;
    case ENOLCK: return E_NOLCK;
    case ENOLINK: return E_NOLINK;
    case ENOMEM: return E_NOMEM;
    case ENOMSG: return E_NOMSG;
    case ENOPROTOOPT: return E_NOPROTOOPT;
    case ENOSPC: return E_NOSPC;
    case ENOSYS: return E_NOSYS;
    case ENOTCONN: return E_NOTCONN;
    case ENOTDIR: return E_NOTDIR;
    case ENOTEMPTY: return E_NOTEMPTY;
    case ENOTRECOVERABLE: return E_NOTRECOVERABLE;
    case ENOTSOCK: return E_NOTSOCK;
    case ENOTSUP: return E_NOTSUP;   /* == EOPNOTSUPP on Linux */
    case ENOTTY: return E_NOTTY;
    case ENXIO: return E_NXIO;
    case EOVERFLOW: return E_OVERFLOW;
    case EOWNERDEAD: return E_OWNERDEAD;
    case EPERM: return E_PERM;
    case EPIPE: return E_PIPE;
    case EPROTO: return E_PROTO;
    case EPROTONOSUPPORT: return E_PROTONOSUPPORT;
    case EPROTOTYPE: return E_PROTOTYPE;
    case ERANGE: return E_RANGE;
    case EROFS: return E_ROFS;
    case ESPIPE: return E_SPIPE;
    case ESRCH: return E_SRCH;
    case ESTALE: return E_STALE;
    case ETIMEDOUT: return E_TIMEDOUT;
    case ETXTBSY: return E_TXTBSY;
    case EXDEV: return E_XDEV;
    default: return E_IO;
    }
}

/* ---- the namespace: wasi_snapshot_preview1 as a table of host functions ---------------

 * Every function finds the calling instance's context through the resolver, and runs
 * with it as hc->env (what the W of wasi_impl.h reads). */

static _Atomic(tw_wasi_resolver) resolver;

void tw_wasi_set_resolver(tw_wasi_resolver fn) {
    atomic_store_explicit(&resolver, fn, memory_order_release);
}

static tw_host_status with_context(tw_hostcall *hc, tw_val *sp, tw_host_fn fn) {
    tw_wasi_resolver r = atomic_load_explicit(&resolver, memory_order_acquire);
    tw_wasi *w = r ? r(hc->instance) : NULL;
    if (!w) return tw_hostcall_trapf(hc, "wasi: no context for the calling instance");
    void *env = hc->env;
    hc->env = w;                 /* for this issue only: the engine's call record stays */
    tw_host_status st = fn(hc, sp);
    hc->env = env;
    return st;
}

#define WASI_ENTRY(name, sig) \
    static tw_host_status entry_##name(tw_hostcall *hc, tw_val *sp) { \
        return with_context(hc, sp, wasi_##name); \
    }
WASI_FUNCS(WASI_ENTRY)

const tw_hostdef tw_wasi_namespace[] = {
#define WASI_DEF(name, sig) {"wasi_snapshot_preview1", #name, sig, entry_##name},
    WASI_FUNCS(WASI_DEF)
    {0},
};
