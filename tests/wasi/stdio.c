/* stdio.c — the host's stdio as a guest sees it (docs/wasi.md).
 *   stdio append   stdout is a regular file: fd_fdstat_set_flags(FDF_APPEND) makes this
 *                  guest's writes append (the shared host fd's flags stay as they are)
 *   stdio fifo     stdin is a pipe and preopen fd 3 holds a FIFO "fifo": both have
 *                  FILETYPE_UNKNOWN (preview 1 has no FIFO type)
 * Results go to stderr. */
#include <string.h>
#include "check.h"

#define SAY(what, val) fprintf(stderr, "%s = %ld\n", what, (long)(val))

static int put(const char *s) {
    size_t n;
    return __wasi_fd_write(1, &(__wasi_ciovec_t){(const uint8_t *)s, strlen(s)}, 1, &n);
}

static int flags_of(__wasi_fd_t fd) {
    __wasi_fdstat_t st;
    int e = __wasi_fd_fdstat_get(fd, &st);
    return e ? -e : st.fs_flags;
}

int main(int argc, char **argv) {
    if (argc == 2 && !strcmp(argv[1], "append")) {
        __wasi_filesize_t pos;
        SAY("write abc", put("abc"));
        SAY("seek 0", __wasi_fd_seek(1, 0, __WASI_WHENCE_SET, &pos));
        SAY("write X", put("X"));
        SAY("flags", flags_of(1));
        SAY("set APPEND", __wasi_fd_fdstat_set_flags(1, __WASI_FDFLAGS_APPEND));
        SAY("flags", flags_of(1));
        SAY("seek 0", __wasi_fd_seek(1, 0, __WASI_WHENCE_SET, &pos));
        SAY("write Y (appended)", put("Y"));
        SAY("clear APPEND", __wasi_fd_fdstat_set_flags(1, 0));
        SAY("flags", flags_of(1));
        SAY("seek 0", __wasi_fd_seek(1, 0, __WASI_WHENCE_SET, &pos));
        SAY("write Z", put("Z"));
        SAY("set APPEND on stderr (a pipe)", __wasi_fd_fdstat_set_flags(2, __WASI_FDFLAGS_APPEND));
        SAY("stderr flags", flags_of(2));
        SAY("set DSYNC", __wasi_fd_fdstat_set_flags(1, __WASI_FDFLAGS_DSYNC));
        SAY("set unknown flag", __wasi_fd_fdstat_set_flags(1, 64));
        return 0;
    }
    if (argc == 2 && !strcmp(argv[1], "fifo")) {
        __wasi_fdstat_t st;
        SAY("fdstat stdin", __wasi_fd_fdstat_get(0, &st));
        SAY("stdin type", st.fs_filetype);
        __wasi_filestat_t fst;
        SAY("filestat fifo", __wasi_path_filestat_get(3, 0, "fifo", &fst));
        SAY("fifo type", fst.filetype);
        __wasi_fd_t fd;
        SAY("open fifo for reading, non-blocking",
            __wasi_path_open(3, 0, "fifo", 0, __WASI_RIGHTS_FD_READ, 0, __WASI_FDFLAGS_NONBLOCK, &fd));
        SAY("fdstat", __wasi_fd_fdstat_get(fd, &st));
        SAY("type", st.fs_filetype);
        SAY("flags", st.fs_flags);
        uint8_t buf[8];
        size_t n = 99;
        SAY("read (no writer: end of file)", __wasi_fd_read(fd, &(__wasi_iovec_t){buf, sizeof buf}, 1, &n));
        SAY("bytes", n);
        SAY("close", __wasi_fd_close(fd));
        SAY("read stdin", __wasi_fd_read(0, &(__wasi_iovec_t){buf, sizeof buf}, 1, &n));
        fprintf(stderr, "stdin: [%.*s]\n", (int)n, (char *)buf);
        return 0;
    }
    fprintf(stderr, "usage: stdio append|fifo\n");
    return 2;
}
