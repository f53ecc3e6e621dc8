/* wasi.c — the WASI context: arguments, environment, the fd table, linking a module's
 * imports to host functions, and waiting for a blocked call in a single-process host. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "wasi_impl.h"

const char tw_wasi_exit_trap[] = "wasi proc_exit";

tw_wasi *tw_wasi_new(void) {
    tw_wasi *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->deadline = -1;
    for (int i = 0; i < 3; i++) {
        struct stat st;
        uint8_t type = fstat(i, &st) == 0 ? wasi_filetype(st.st_mode) : FT_UNKNOWN;
        /* stdio: no seek/tell rights on ttys and pipes, like other runtimes */
        uint64_t r = R_ALL & ~(R_PATH_OPEN | R_FD_READDIR);
        if (type != FT_REG) r &= ~(R_FD_SEEK | R_FD_TELL);
        if (wasi_fd_add(w, i, type, r, 0) < 0) { tw_wasi_free(w); return NULL; }
        w->fds[i].stdio = true;
    }
    return w;
}

void tw_wasi_free(tw_wasi *w) {
    if (!w) return;
    for (uint32_t i = 0; i < w->nargs; i++) free(w->args[i]);
    for (uint32_t i = 0; i < w->nenv; i++) free(w->env[i]);
    for (uint32_t i = 0; i < w->nfds; i++) wasi_fd_release(&w->fds[i]);
    for (uint32_t i = 0; i < w->nfuncs; i++) tw_func_free(w->funcs[i]);
    free(w->args); free(w->env); free(w->fds); free(w->funcs); free(w->waitfds);
    free(w);
}

static bool push_str(char ***v, uint32_t *n, const char *s) {
    char **nv = realloc(*v, (*n + 1) * sizeof **v);
    if (!nv) return false;
    *v = nv;
    if (!(nv[*n] = strdup(s))) return false;
    (*n)++;
    return true;
}

bool tw_wasi_set_args(tw_wasi *w, int argc, char *const *argv) {
    for (int i = 0; i < argc; i++)
        if (!push_str(&w->args, &w->nargs, argv[i])) return false;
    return true;
}

bool tw_wasi_add_env(tw_wasi *w, const char *nv) {
    return strchr(nv, '=') && nv[0] != '=' && push_str(&w->env, &w->nenv, nv);
}

bool tw_wasi_preopen(tw_wasi *w, const char *host, const char *guest, char *err, size_t errlen) {
    int fd = open(host, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open directory %s: %s", host, strerror(errno));
        return false;
    }
    int64_t g = wasi_fd_add(w, fd, FT_DIR, R_ALL & ~(R_FD_SEEK | R_FD_TELL | R_FD_READ | R_FD_WRITE),
                            R_ALL);
    if (g < 0 || !(w->fds[g].preopen = strdup(guest))) {
        if (g < 0) close(fd);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    return true;
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
        if (w->nfds >= (1u << 20)) return -1;
        wasi_fd *nf = realloc(w->fds, (w->nfds + 1) * sizeof *nf);
        if (!nf) return -1;
        w->fds = nf;
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
    if (f->host >= 0 && !f->stdio) close(f->host);
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

void wasi_wait_add(tw_wasi *w, int host, short events) {
    if (w->nwait == w->capwait) {
        uint32_t cap = w->capwait ? w->capwait * 2 : 4;
        struct pollfd *n = realloc(w->waitfds, cap * sizeof *n);
        if (!n) return;          /* then tw_wasi_wait just polls again soon */
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

void tw_wasi_wait(tw_wasi *w) {
    if (!w->yielded) {
        int timeout = -1;
        if (w->deadline >= 0) {
            int64_t left = w->deadline - wasi_now(CLOCK_MONOTONIC);
            timeout = left <= 0 ? 0 : left / 1000000 > 86400000 ? 86400000
                                                                : (int)((left + 999999) / 1000000);
        }
        if (w->nwait || timeout >= 0) poll(w->waitfds, w->nwait, timeout);
    }
    w->nwait = 0;
    w->deadline = -1;
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

/* ---- linking -------------------------------------------------------------------------- */

typedef struct { const char *name, *sig; bool noresult; tw_host_fn fn; } wasi_entry;

#define WASI_ENTRY(n, s) {#n, s, false, wasi_##n},
static const wasi_entry entries[] = {
    WASI_FUNCS(WASI_ENTRY)
    {"proc_exit", "i", true, wasi_proc_exit},
};

bool tw_wasi_link(tw_wasi *w, const tw_module *m, tw_extern *imports, char *err, size_t errlen) {
    uint32_t n = tw_module_num_imports(m);
    for (uint32_t i = 0; i < n; i++) {
        tw_import_info imp;
        tw_module_import(m, i, &imp);
        const wasi_entry *e = NULL;
        if (!strcmp(imp.module, "wasi_snapshot_preview1") && imp.kind == TW_EXT_FUNC)
            for (size_t k = 0; k < sizeof entries / sizeof entries[0]; k++)
                if (!strcmp(entries[k].name, imp.name)) e = &entries[k];
        if (!e) {
            snprintf(err, errlen, "unknown import %s::%s", imp.module, imp.name);
            return false;
        }
        uint8_t params[16], result = TW_I32;
        uint32_t np = (uint32_t)strlen(e->sig);
        for (uint32_t k = 0; k < np; k++) params[k] = e->sig[k] == 'I' ? TW_I64 : TW_I32;
        tw_functype ft = {np, e->noresult ? 0 : 1, params, &result};
        tw_func **nf = realloc(w->funcs, (w->nfuncs + 1) * sizeof *nf);
        if (!nf) { snprintf(err, errlen, "out of memory"); return false; }
        w->funcs = nf;
        if (!(nf[w->nfuncs] = tw_func_new_host(&ft, e->fn, w))) {
            snprintf(err, errlen, "out of memory");
            return false;
        }
        imports[i] = (tw_extern){.kind = TW_EXT_FUNC, .u.func = nf[w->nfuncs++]};
    }
    return true;
}
