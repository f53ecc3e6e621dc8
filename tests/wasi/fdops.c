/* fdops.c — the fd_* calls on their success paths (fd_advise, fd_allocate, fd_datasync,
 * fd_sync, fd_renumber), reads and writes of more than 1,024 buffers (files and stdout),
 * and fd_readdir resumed by cookie with buffers too small for one entry. Preopen "d"
 * (fd 3), empty; stdout a pipe. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define R(x) __WASI_RIGHTS_##x
#define RW (R(FD_READ) | R(FD_WRITE) | R(FD_SEEK) | R(FD_TELL) | R(FD_ADVISE) | R(FD_ALLOCATE) | \
            R(FD_DATASYNC) | R(FD_SYNC) | R(FD_FILESTAT_GET))

static __wasi_fd_t create(const char *path) {
    __wasi_fd_t fd = 99;
    int e = __wasi_path_open(3, 0, path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, RW, 0, 0, &fd);
    if (e) printf("create %s: %d\n", path, e);
    return fd;
}

static __wasi_filesize_t size_of(__wasi_fd_t fd) {
    __wasi_filestat_t st;
    int e = __wasi_fd_filestat_get(fd, &st);
    return e ? (__wasi_filesize_t)-e : st.size;
}

/* Every entry of a directory, read with a buffer of `bufsize` bytes, resuming from the
 * cookie of the last entry that arrived whole; prints the names in order. */
static void list(__wasi_fd_t dir, size_t bufsize) {
    uint8_t *buf = malloc(bufsize);
    __wasi_dircookie_t cookie = 0;
    int calls = 0, names = 0;
    char seen[64][64];
    for (;;) {
        size_t used = 0;
        int e = __wasi_fd_readdir(dir, buf, bufsize, cookie, &used);
        calls++;
        if (e) { printf("readdir: %d\n", e); break; }
        size_t at = 0;
        bool progress = false;
        while (at + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t d;
            memcpy(&d, buf + at, sizeof d);
            if (at + sizeof d + d.d_namlen > used) break;   /* name cut off: ask again */
            if (names < 64) {
                memcpy(seen[names], buf + at + sizeof d, d.d_namlen);
                seen[names][d.d_namlen] = 0;
            }
            names++;
            cookie = d.d_next;
            progress = true;
            at += sizeof d + d.d_namlen;
        }
        if (used < bufsize) break;                           /* the end */
        if (!progress) {                                     /* one entry bigger than buf */
            printf("buffer of %zu bytes cannot hold the next entry\n", bufsize);
            break;
        }
    }
    /* order is the host's: sort the names to print them */
    for (int i = 0; i < names && i < 64; i++)
        for (int j = i + 1; j < names && j < 64; j++)
            if (strcmp(seen[i], seen[j]) > 0) {
                char t[64];
                strcpy(t, seen[i]); strcpy(seen[i], seen[j]); strcpy(seen[j], t);
            }
    printf("buffer %zu: %d names in %s:", bufsize, names, calls > 1 ? "several calls" : "one call");
    for (int i = 0; i < names && i < 64; i++) printf(" %s", seen[i]);
    printf("\n");
    free(buf);
}

int main(void) {
    __wasi_fd_t fd = create("a");
    size_t n;
    SHOW("write", __wasi_fd_write(fd, &(__wasi_ciovec_t){(const uint8_t *)"0123456789", 10}, 1, &n));
    for (int a = 0; a <= 5; a++) {
        char what[32];
        snprintf(what, sizeof what, "fd_advise %d", a);
        SHOW(what, __wasi_fd_advise(fd, 0, 10, (__wasi_advice_t)a));
    }
    SHOW("fd_advise bad advice", __wasi_fd_advise(fd, 0, 10, 6));
    SHOW("fd_advise past the end", __wasi_fd_advise(fd, 1000, 1u << 20, __WASI_ADVICE_WILLNEED));
    SHOW("fd_allocate inside", __wasi_fd_allocate(fd, 0, 5));
    SHOW64("  size", size_of(fd));
    SHOW("fd_allocate grows", __wasi_fd_allocate(fd, 8, 4088));
    SHOW64("  size", size_of(fd));
    SHOW("fd_allocate too big", __wasi_fd_allocate(fd, 0x7fffffffffffffffull, 2));
    SHOW("fd_datasync", __wasi_fd_datasync(fd));
    SHOW("fd_sync", __wasi_fd_sync(fd));
    SHOW("fd_sync stdout (a pipe)", __wasi_fd_sync(1));
    SHOW("fd_datasync closed fd", __wasi_fd_datasync(77));

    /* fd_renumber: `to` is closed and becomes `from`; `from` is gone */
    __wasi_fd_t b = create("b");
    SHOW("write b", __wasi_fd_write(b, &(__wasi_ciovec_t){(const uint8_t *)"bee", 3}, 1, &n));
    SHOW("fd_renumber b -> a", __wasi_fd_renumber(b, fd));
    __wasi_filesize_t pos = 0;
    SHOW("  a's offset is b's", __wasi_fd_tell(fd, &pos));
    SHOW64("  offset", pos);
    SHOW64("  a's size is b's", size_of(fd));
    SHOW("  b is closed", __wasi_fd_close(b));
    SHOW("fd_renumber onto itself", __wasi_fd_renumber(fd, fd));
    SHOW("fd_renumber to a closed fd", __wasi_fd_renumber(fd, 50));
    SHOW("fd_renumber from a closed fd", __wasi_fd_renumber(50, fd));
    SHOW("fd_renumber onto stdin", __wasi_fd_renumber(fd, 0));
    SHOW("  fd 0 is the file", (int)size_of(0));
    SHOW("  old number closed", __wasi_fd_close(fd));

    /* 3,000 buffers in one call: all of them written and read back */
    enum { NB = 3000 };
    static __wasi_ciovec_t civ[NB];
    static __wasi_iovec_t iv[NB];
    static char out[NB], in[NB];
    for (int i = 0; i < NB; i++) {
        out[i] = (char)('a' + i % 26);
        civ[i] = (__wasi_ciovec_t){(const uint8_t *)&out[i], 1};
        iv[i] = (__wasi_iovec_t){(uint8_t *)&in[i], 1};
    }
    fd = create("big");
    SHOW("fd_write 3000 buffers", __wasi_fd_write(fd, civ, NB, &n));
    SHOW("  bytes", n);
    SHOW("fd_pread 3000 buffers", __wasi_fd_pread(fd, iv, NB, 0, &n));
    SHOW("  bytes", n);
    SHOW("  same bytes", memcmp(in, out, NB) == 0);
    SHOW("fd_pwrite 3000 buffers at 1", __wasi_fd_pwrite(fd, civ, NB, 1, &n));
    SHOW("  bytes", n);
    SHOW64("  size", size_of(fd));
    SHOW("fd_seek 0", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    memset(in, 0, sizeof in);
    SHOW("fd_read 3000 buffers", __wasi_fd_read(fd, iv, NB, &n));
    SHOW("  bytes", n);
    printf("  [0] %c [1] %c [2999] %c\n", in[0], in[1], in[2999]);
    /* a bad buffer anywhere in the list: EFAULT, nothing moved */
    civ[2500].buf = bad_ptr();
    SHOW("fd_write, buffer 2500 bad", __wasi_fd_write(fd, civ, NB, &n));
    SHOW64("  size unchanged", size_of(fd));
    civ[2500].buf = (const uint8_t *)&out[2500];
    SHOW("close", __wasi_fd_close(fd));
    fflush(stdout);
    /* stdout: 2,000 one-byte buffers */
    for (int i = 0; i < 2000; i++) {
        out[i] = i % 100 == 99 ? '\n' : (char)('0' + i / 100 % 10);
        civ[i] = (__wasi_ciovec_t){(const uint8_t *)&out[i], 1};
    }
    SHOW("fd_write stdout 2000 buffers", __wasi_fd_write(1, civ, 2000, &n));
    SHOW("  bytes", n);

    /* fd_readdir with small buffers: 30 entries with names of 1..30 bytes */
    __wasi_fd_t dir;
    SHOW("mkdir list", __wasi_path_create_directory(3, "list"));
    for (int i = 1; i <= 30; i++) {
        char name[64] = "list/";
        for (int k = 0; k < i; k++) name[5 + k] = (char)('a' + (i - 1) % 26);
        if (i > 26) name[5] = 'Z';
        __wasi_fd_t f = create(name);
        if (__wasi_fd_close(f)) puts("close failed");
    }
    SHOW("open list", __wasi_path_open(3, 0, "list", __WASI_OFLAGS_DIRECTORY, R(FD_READDIR), 0, 0, &dir));
    list(dir, 4096);
    list(dir, 60);
    list(dir, 24 + 30);     /* exactly the longest entry */
    /* a cookie from an earlier listing still works after other calls */
    size_t used;
    uint8_t buf[256];
    SHOW("readdir cookie 5", __wasi_fd_readdir(dir, buf, sizeof buf, 5, &used));
    __wasi_dirent_t d;
    memcpy(&d, buf, sizeof d);
    SHOW64("  first entry's d_next", d.d_next);
    SHOW("readdir cookie 32 (the end)", __wasi_fd_readdir(dir, buf, sizeof buf, 32, &used));
    SHOW("  bytes", used);
    SHOW("readdir cookie 1000", __wasi_fd_readdir(dir, buf, sizeof buf, 1000, &used));
    SHOW("  bytes", used);
    SHOW("readdir 0-byte buffer", __wasi_fd_readdir(dir, buf, 0, 0, &used));
    SHOW("  bytes", used);
    SHOW("close", __wasi_fd_close(dir));
    return 0;
}
