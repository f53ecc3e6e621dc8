/* wasi_impl.h — private to wasi/: the context, the fd table, guest memory access and
 * the preview 1 constants (values from the witx definitions). */
#ifndef TYCHO_WASI_IMPL_H
#define TYCHO_WASI_IMPL_H

#include <poll.h>
#include <sys/stat.h>
#include <time.h>
#include <stdint.h>
#include <string.h>

#include "../engine/hostcall.h"
#include "wasi.h"

/* errno */
enum {
    E_SUCCESS = 0, E_2BIG = 1, E_ACCES = 2, E_ADDRINUSE = 3, E_ADDRNOTAVAIL = 4,
    E_AFNOSUPPORT = 5, E_AGAIN = 6, E_ALREADY = 7, E_BADF = 8, E_BADMSG = 9, E_BUSY = 10,
    E_CANCELED = 11, E_CHILD = 12, E_CONNABORTED = 13, E_CONNREFUSED = 14, E_CONNRESET = 15,
    E_DEADLK = 16, E_DESTADDRREQ = 17, E_DOM = 18, E_DQUOT = 19, E_EXIST = 20, E_FAULT = 21,
    E_FBIG = 22, E_HOSTUNREACH = 23, E_IDRM = 24, E_ILSEQ = 25, E_INPROGRESS = 26,
    E_INTR = 27, E_INVAL = 28, E_IO = 29, E_ISCONN = 30, E_ISDIR = 31, E_LOOP = 32,
    E_MFILE = 33, E_MLINK = 34, E_MSGSIZE = 35, E_MULTIHOP = 36, E_NAMETOOLONG = 37,
    E_NETDOWN = 38, E_NETRESET = 39, E_NETUNREACH = 40, E_NFILE = 41, E_NOBUFS = 42,
    E_NODEV = 43, E_NOENT = 44, E_NOEXEC = 45, E_NOLCK = 46, E_NOLINK = 47, E_NOMEM = 48,
    E_NOMSG = 49, E_NOPROTOOPT = 50, E_NOSPC = 51, E_NOSYS = 52, E_NOTCONN = 53,
    E_NOTDIR = 54, E_NOTEMPTY = 55, E_NOTRECOVERABLE = 56, E_NOTSOCK = 57, E_NOTSUP = 58,
    E_NOTTY = 59, E_NXIO = 60, E_OVERFLOW = 61, E_OWNERDEAD = 62, E_PERM = 63, E_PIPE = 64,
    E_PROTO = 65, E_PROTONOSUPPORT = 66, E_PROTOTYPE = 67, E_RANGE = 68, E_ROFS = 69,
    E_SPIPE = 70, E_SRCH = 71, E_STALE = 72, E_TIMEDOUT = 73, E_TXTBSY = 74, E_XDEV = 75,
    E_NOTCAPABLE = 76,
};

/* filetype */
enum { FT_UNKNOWN, FT_BLOCK, FT_CHAR, FT_DIR, FT_REG, FT_SOCK_DGRAM, FT_SOCK_STREAM, FT_SYMLINK };

/* rights */
#define R_FD_DATASYNC        (1ull << 0)
#define R_FD_READ            (1ull << 1)
#define R_FD_SEEK            (1ull << 2)
#define R_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define R_FD_SYNC            (1ull << 4)
#define R_FD_TELL            (1ull << 5)
#define R_FD_WRITE           (1ull << 6)
#define R_FD_ADVISE          (1ull << 7)
#define R_FD_ALLOCATE        (1ull << 8)
#define R_PATH_CREATE_DIRECTORY (1ull << 9)
#define R_PATH_CREATE_FILE   (1ull << 10)
#define R_PATH_LINK_SOURCE   (1ull << 11)
#define R_PATH_LINK_TARGET   (1ull << 12)
#define R_PATH_OPEN          (1ull << 13)
#define R_FD_READDIR         (1ull << 14)
#define R_PATH_READLINK      (1ull << 15)
#define R_PATH_RENAME_SOURCE (1ull << 16)
#define R_PATH_RENAME_TARGET (1ull << 17)
#define R_PATH_FILESTAT_GET  (1ull << 18)
#define R_PATH_FILESTAT_SET_SIZE (1ull << 19)
#define R_PATH_FILESTAT_SET_TIMES (1ull << 20)
#define R_FD_FILESTAT_GET    (1ull << 21)
#define R_FD_FILESTAT_SET_SIZE (1ull << 22)
#define R_FD_FILESTAT_SET_TIMES (1ull << 23)
#define R_PATH_SYMLINK       (1ull << 24)
#define R_PATH_REMOVE_DIRECTORY (1ull << 25)
#define R_PATH_UNLINK_FILE   (1ull << 26)
#define R_POLL_FD_READWRITE  (1ull << 27)
#define R_SOCK_SHUTDOWN      (1ull << 28)
#define R_SOCK_ACCEPT        (1ull << 29)
#define R_ALL                ((1ull << 30) - 1)

/* The rights model (docs/wasi.md): what an fd of each kind can ever hold. A directory's
 * base rights are directory rights only; the file rights it may hand down to what is
 * opened beneath it are in its inheriting rights. path_open gives the new fd the rights
 * asked for, intersected with the parent's inheriting rights and with its kind's set. */
#define R_FILE (R_FD_DATASYNC | R_FD_READ | R_FD_SEEK | R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | \
                R_FD_TELL | R_FD_WRITE | R_FD_ADVISE | R_FD_ALLOCATE | R_FD_FILESTAT_GET | \
                R_FD_FILESTAT_SET_SIZE | R_FD_FILESTAT_SET_TIMES | R_POLL_FD_READWRITE)
#define R_DIR (R_PATH_CREATE_DIRECTORY | R_PATH_CREATE_FILE | R_PATH_LINK_SOURCE | \
               R_PATH_LINK_TARGET | R_PATH_OPEN | R_FD_READDIR | R_PATH_READLINK | \
               R_PATH_RENAME_SOURCE | R_PATH_RENAME_TARGET | R_PATH_FILESTAT_GET | \
               R_PATH_FILESTAT_SET_SIZE | R_PATH_FILESTAT_SET_TIMES | R_FD_FILESTAT_GET | \
               R_FD_FILESTAT_SET_TIMES | R_PATH_SYMLINK | R_PATH_REMOVE_DIRECTORY | \
               R_PATH_UNLINK_FILE | R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_DATASYNC)
/* Rights that need a file opened for writing (fd_datasync does not: it is a directory
 * right too, and fdatasync works on any fd). */
#define R_WRITING (R_FD_WRITE | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE)

/* fdflags, oflags, lookupflags, fstflags */
enum { FDF_APPEND = 1, FDF_DSYNC = 2, FDF_NONBLOCK = 4, FDF_RSYNC = 8, FDF_SYNC = 16 };
enum { OF_CREAT = 1, OF_DIRECTORY = 2, OF_EXCL = 4, OF_TRUNC = 8 };
enum { LOOKUP_SYMLINK_FOLLOW = 1 };
enum { FST_ATIM = 1, FST_ATIM_NOW = 2, FST_MTIM = 4, FST_MTIM_NOW = 8 };

/* A directory entry of an fd_readdir snapshot. */
typedef struct {
    uint64_t ino;
    uint8_t type;
    uint32_t namelen;
    char *name;
} wasi_dirent;

typedef struct {
    int host;                 /* host fd; -1 = free slot */
    uint8_t type;             /* filetype */
    bool nonblock;            /* guest's FDF_NONBLOCK (the host fd itself never blocks us) */
    bool borrowed;            /* not ours (the host's 0/1/2, tw_wasi_preopen_fd): never
                               * closed, its host flags left alone */
    bool no_nowait;           /* RWF_NOWAIT reads/writes unsupported (ttys): poll first */
    bool append;              /* FDF_APPEND on a borrowed fd: each write appends (RWF_APPEND),
                               * the shared host fd's own flags untouched */
    uint64_t rights, inheriting;
    char *preopen;            /* guest path of a preopened directory, else NULL */
    wasi_dirent *ents;        /* fd_readdir snapshot, taken at cookie 0 */
    uint32_t nents;
} wasi_fd;

/* Slots inside the context, so that a new one allocates nothing more. */
#define WASI_FDS_INLINE  4    /* stdio + one preopen */
#define WASI_WAIT_INLINE 2

struct tw_wasi {
    char **args; uint32_t nargs;   /* one block: the pointers, then the strings; */
    char **env; uint32_t nenv;     /* NULL while empty */
    wasi_fd *fds; uint32_t nfds, capfds;   /* fds_inline until it outgrows it */
    bool exited; int exit_code;
    tw_wasi_output *out;      /* stdout/stderr captured there (NULL: the host's) */
    bool yield_pending;       /* sched_yield blocked once: its re-issue returns */
    /* What the last call that returned TW_HOST_BLOCK waits for (tw_wasi_wait_info). Each
     * call that can block starts with wasi_wait_reset and records what it waits for. */
    bool wait_yield;
    int64_t deadline;         /* monotonic ns, -1 = none */
    struct pollfd *waitfds; uint32_t nwait, capwait;   /* wait_inline until outgrown */
    /* A poll_oneoff in progress: relative timeouts count from its first issue. */
    bool poll_active; uint32_t poll_in, poll_n; int64_t poll_start;
    wasi_fd fds_inline[WASI_FDS_INLINE];
    struct pollfd wait_inline[WASI_WAIT_INLINE];
};

/* ---- guest memory: every pointer is checked before use (engine/hostcall.h) ---------
 * Every range a call touches is reported to the memory's page map (tw_guest_w), reads
 * included: conservative, and far cheaper than counting the whole memory as written (a
 * written page is cleared when the memory is freed). */

/* Every WASI function returns one errno. */
#define RET(e) do { sp[0] = (uint32_t)(e); return TW_HOST_OK; } while (0)
/* The calling context: the namespace's entries resolve it from the calling instance and
 * call the function with it as env (wasi.c). */
#define W ((tw_wasi *)hc->env)

/* ---- shared helpers (wasi.c) ------------------------------------------------------ */
uint16_t wasi_errno(int host_errno);        /* host errno -> WASI errno */
wasi_fd *wasi_fd_get(tw_wasi *w, uint32_t fd);           /* NULL if not open */
/* Checks the fd is open and has every right in `need`; 0 or an errno. */
int wasi_fd_check(tw_wasi *w, uint32_t fd, uint64_t need, wasi_fd **out);
/* A new guest fd for host fd `host`; -1 if out of memory. */
int64_t wasi_fd_add(tw_wasi *w, int host, uint8_t type, uint64_t rights, uint64_t inheriting);
void wasi_fd_release(wasi_fd *f);           /* closes the host fd, frees the slot's data */
uint8_t wasi_filetype(unsigned st_mode);
/* A write to the host's fd 1 or 2 by a context with captured output (wasi_output.c). */
struct iovec;
ssize_t wasi_output_write(tw_wasi_output *o, int host, const struct iovec *iov, int cnt);
/* fd readiness without waiting: 1 ready, 0 not yet. Records the fd to wait for. */
int wasi_ready(tw_wasi *w, wasi_fd *f, short events);
/* Blocking calls: forget what an earlier call waited for; then record what this one
 * waits for (an fd, the deadline). */
void wasi_wait_reset(tw_wasi *w);
void wasi_wait_add(tw_wasi *w, int host, short events);
int64_t wasi_now(int clock);                /* ns of a host clock */
/* Guest iovec list -> host iovecs, MAX_IOVS (the host's IOV_MAX) at a time: entries
 * [first, first + n) of the list at ptr, n <= MAX_IOVS; *bytes = their total length.
 * 0 or E_FAULT. */
#define MAX_IOVS 1024
struct iovec;
int wasi_iovs(const tw_guest *g, uint32_t ptr, uint32_t first, uint32_t n, struct iovec *iov,
              uint64_t *bytes);
void wasi_put_filestat(uint8_t *d, const struct stat *st);  /* 64 bytes */
/* fstflags + times -> utimensat's pair; 0 or an errno. */
int wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec ts[2]);

/* Each file defines its functions' host entry points; wasi.c lists them all. */
#define WASI_FN(name) tw_host_status wasi_##name(tw_hostcall *hc, tw_val *sp)
#define WASI_FUNCS(X) \
    X(args_get, "ii:i") X(args_sizes_get, "ii:i") X(environ_get, "ii:i") X(environ_sizes_get, "ii:i") \
    X(clock_res_get, "ii:i") X(clock_time_get, "iIi:i") \
    X(fd_advise, "iIIi:i") X(fd_allocate, "iII:i") X(fd_close, "i:i") X(fd_datasync, "i:i") \
    X(fd_fdstat_get, "ii:i") X(fd_fdstat_set_flags, "ii:i") X(fd_fdstat_set_rights, "iII:i") \
    X(fd_filestat_get, "ii:i") X(fd_filestat_set_size, "iI:i") X(fd_filestat_set_times, "iIIi:i") \
    X(fd_pread, "iiiIi:i") X(fd_prestat_get, "ii:i") X(fd_prestat_dir_name, "iii:i") \
    X(fd_pwrite, "iiiIi:i") X(fd_read, "iiii:i") X(fd_readdir, "iiiIi:i") X(fd_renumber, "ii:i") \
    X(fd_seek, "iIii:i") X(fd_sync, "i:i") X(fd_tell, "ii:i") X(fd_write, "iiii:i") \
    X(path_create_directory, "iii:i") X(path_filestat_get, "iiiii:i") \
    X(path_filestat_set_times, "iiiiIIi:i") X(path_link, "iiiiiii:i") \
    X(path_open, "iiiiiIIii:i") X(path_readlink, "iiiiii:i") X(path_remove_directory, "iii:i") \
    X(path_rename, "iiiiii:i") X(path_symlink, "iiiii:i") X(path_unlink_file, "iii:i") \
    X(poll_oneoff, "iiii:i") X(proc_raise, "i:i") X(sched_yield, ":i") X(random_get, "ii:i") \
    X(sock_accept, "iii:i") X(sock_recv, "iiiiii:i") X(sock_send, "iiiii:i") X(sock_shutdown, "ii:i") \
    X(proc_exit, "i:")
#define WASI_DECL(name, sig) WASI_FN(name);
WASI_FUNCS(WASI_DECL)

#endif
