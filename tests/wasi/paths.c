/* paths.c — every path_* call with trailing slashes on a file and on a directory;
 * path_link / path_symlink / path_readlink round trips; path_filestat_set_times and
 * fd_filestat_set_times on their success paths. Preopen "d" (fd 3), empty. */
#include <string.h>
#include "check.h"

#define R(x) __WASI_RIGHTS_##x
#define ALL_FILE (R(FD_READ) | R(FD_WRITE) | R(FD_SEEK) | R(FD_TELL) | R(FD_FILESTAT_GET) | \
                  R(FD_FILESTAT_SET_TIMES) | R(FD_FILESTAT_SET_SIZE))

static int open_at(int flags, const char *path, int oflags, __wasi_fd_t *fd) {
    *fd = 99;
    return __wasi_path_open(3, flags, path, oflags, ALL_FILE, 0, 0, fd);
}

static void make_file(const char *path, const char *text) {
    __wasi_fd_t fd;
    int e = open_at(0, path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, &fd);
    size_t n;
    if (!e) e = __wasi_fd_write(fd, &(__wasi_ciovec_t){(const uint8_t *)text, strlen(text)}, 1, &n);
    if (!e) e = __wasi_fd_close(fd);
    if (e) printf("make_file %s: %d\n", path, e);
}

static void read_file(const char *what, int lookup, const char *path) {
    __wasi_fd_t fd;
    char buf[64] = {0};
    size_t n = 0;
    int e = open_at(lookup, path, 0, &fd);
    if (!e) {
        e = __wasi_fd_read(fd, &(__wasi_iovec_t){(uint8_t *)buf, sizeof buf - 1}, 1, &n);
        if (__wasi_fd_close(fd)) puts("close failed");
    }
    printf("%s = %d [%s]\n", what, e, buf);
}

/* Opens a directory for reading (a writing right would be EISDIR), closes it: errno. */
static int open_dir(int lookup, const char *path, int oflags) {
    __wasi_fd_t fd;
    int e = __wasi_path_open(3, lookup, path, oflags, R(FD_READDIR), 0, 0, &fd);
    if (!e && (e = __wasi_fd_close(fd))) printf("close: %d\n", e);
    return e;
}

static __wasi_filestat_t stat_of(int lookup, const char *path) {
    __wasi_filestat_t st;
    memset(&st, 0, sizeof st);
    int e = __wasi_path_filestat_get(3, lookup, path, &st);
    if (e) printf("path_filestat_get %s: %d\n", path, e);
    return st;
}

static __wasi_filestat_t fstat_of(__wasi_fd_t fd) {
    __wasi_filestat_t st;
    memset(&st, 0, sizeof st);
    int e = __wasi_fd_filestat_get(fd, &st);
    if (e) printf("fd_filestat_get %u: %d\n", (unsigned)fd, e);
    return st;
}

static int type_of(int lookup, const char *path) {
    __wasi_filestat_t st;
    int e = __wasi_path_filestat_get(3, lookup, path, &st);
    return e ? -e : st.filetype;
}

int main(void) {
    __wasi_fd_t fd;
    const int F = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
    make_file("file", "file text");
    SHOW("mkdir dir", __wasi_path_create_directory(3, "dir"));

    puts("-- path_open");
    SHOW("file/", open_at(0, "file/", 0, &fd));
    SHOW("file//", open_at(0, "file//", 0, &fd));
    SHOW("dir/", open_dir(0, "dir/", 0));
    SHOW("dir/ DIRECTORY", open_dir(0, "dir/", __WASI_OFLAGS_DIRECTORY));
    SHOW("dir/. DIRECTORY", open_dir(0, "dir/.", __WASI_OFLAGS_DIRECTORY));
    SHOW("dir/ for writing", open_at(0, "dir/", 0, &fd));
    SHOW("new/ CREAT", open_at(0, "new/", __WASI_OFLAGS_CREAT, &fd));
    SHOW("new/ CREAT made nothing", type_of(0, "new"));
    SHOW("file/ CREAT", open_at(0, "file/", __WASI_OFLAGS_CREAT, &fd));
    SHOW("dir/ CREAT", open_at(0, "dir/", __WASI_OFLAGS_CREAT, &fd));

    puts("-- path_filestat_get");
    SHOW("file/", type_of(0, "file/"));
    SHOW("dir/", type_of(0, "dir/"));
    SHOW("dir//", type_of(0, "dir//"));
    SHOW("missing/", type_of(0, "missing/"));

    puts("-- path_filestat_set_times");
    SHOW("file/", __wasi_path_filestat_set_times(3, 0, "file/", 1, 2, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    SHOW("dir/", __wasi_path_filestat_set_times(3, 0, "dir/", 5000000000ull, 6000000000ull,
                                                 __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    __wasi_filestat_t st;
    st = stat_of(0, "dir");
    SHOW64("dir atim", st.atim);
    SHOW64("dir mtim", st.mtim);
    SHOW("file", __wasi_path_filestat_set_times(3, 0, "file", 1000000001ull, 2000000002ull,
                                                 __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    st = stat_of(0, "file");
    SHOW64("file atim", st.atim);
    SHOW64("file mtim", st.mtim);
    SHOW("file: mtim only", __wasi_path_filestat_set_times(3, 0, "file", 0, 3000000000ull, __WASI_FSTFLAGS_MTIM));
    st = stat_of(0, "file");
    SHOW64("file atim kept", st.atim);
    SHOW64("file mtim", st.mtim);
    __wasi_timestamp_t now;
    SHOW("clock", __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &now));
    SHOW("file: atim now", __wasi_path_filestat_set_times(3, 0, "file", 0, 0, __WASI_FSTFLAGS_ATIM_NOW));
    st = stat_of(0, "file");
    SHOW("file atim is now (within 10 s)", st.atim + 10000000000ull > now && st.atim < now + 10000000000ull);
    SHOW64("file mtim kept", st.mtim);
    SHOW("ATIM|ATIM_NOW", __wasi_path_filestat_set_times(3, 0, "file", 0, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
    SHOW("MTIM|MTIM_NOW", __wasi_path_filestat_set_times(3, 0, "file", 0, 0, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
    SHOW("unknown flag", __wasi_path_filestat_set_times(3, 0, "file", 0, 0, 16));
    SHOW("open file", open_at(0, "file", 0, &fd));
    SHOW("fd_filestat_set_times", __wasi_fd_filestat_set_times(fd, 7000000007ull, 8000000008ull,
                                                              __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    st = fstat_of(fd);
    SHOW64("fd atim", st.atim);
    SHOW64("fd mtim", st.mtim);
    SHOW("fd_filestat_set_times nothing", __wasi_fd_filestat_set_times(fd, 1, 1, 0));
    SHOW64("fd mtim kept", fstat_of(fd).mtim);
    SHOW("fd_filestat_set_times bad flags", __wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
    SHOW("close", __wasi_fd_close(fd));
    SHOW("on the preopen (a directory)", __wasi_fd_filestat_set_times(3, 9000000000ull, 9000000000ull,
                                                                      __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));

    puts("-- path_create_directory");
    SHOW("sub/", __wasi_path_create_directory(3, "sub/"));
    SHOW("sub is a directory", type_of(0, "sub"));
    SHOW("file/", __wasi_path_create_directory(3, "file/"));
    SHOW("dir/", __wasi_path_create_directory(3, "dir/"));

    puts("-- path_remove_directory");
    SHOW("sub/", __wasi_path_remove_directory(3, "sub/"));
    SHOW("file/", __wasi_path_remove_directory(3, "file/"));
    SHOW("file", __wasi_path_remove_directory(3, "file"));
    SHOW("missing/", __wasi_path_remove_directory(3, "missing/"));

    puts("-- path_unlink_file");
    SHOW("file/", __wasi_path_unlink_file(3, "file/"));
    SHOW("dir/", __wasi_path_unlink_file(3, "dir/"));
    SHOW("dir", __wasi_path_unlink_file(3, "dir"));
    SHOW("missing/", __wasi_path_unlink_file(3, "missing/"));

    puts("-- path_rename");
    SHOW("file/ -> moved", __wasi_path_rename(3, "file/", 3, "moved"));
    SHOW("file -> moved/", __wasi_path_rename(3, "file", 3, "moved/"));
    SHOW("file/ -> moved/", __wasi_path_rename(3, "file/", 3, "moved/"));
    SHOW("file still there", type_of(0, "file"));
    SHOW("dir/ -> dir2", __wasi_path_rename(3, "dir/", 3, "dir2"));
    SHOW("dir2 -> dir3/", __wasi_path_rename(3, "dir2", 3, "dir3/"));
    SHOW("dir3/ -> dir/", __wasi_path_rename(3, "dir3/", 3, "dir/"));
    SHOW("dir is back", type_of(0, "dir"));
    SHOW("file -> dir (a directory)", __wasi_path_rename(3, "file", 3, "dir"));
    SHOW("dir -> file (a file)", __wasi_path_rename(3, "dir", 3, "file"));

    puts("-- path_symlink / path_readlink");
    SHOW("symlink file <- l/", __wasi_path_symlink("file", 3, "l/"));
    SHOW("symlink file <- dir/", __wasi_path_symlink("file", 3, "dir/"));
    SHOW("symlink file <- dir", __wasi_path_symlink("file", 3, "dir"));
    SHOW("symlink file <- file/", __wasi_path_symlink("file", 3, "file/"));
    SHOW("symlink file <- l", __wasi_path_symlink("file", 3, "l"));
    SHOW("symlink dir <- ld", __wasi_path_symlink("dir", 3, "ld"));
    SHOW("symlink missing <- dangling", __wasi_path_symlink("missing", 3, "dangling"));
    SHOW("symlink self <- loop", __wasi_path_symlink("loop", 3, "loop"));
    SHOW("symlink /etc <- abs (refused)", __wasi_path_symlink("/etc", 3, "abs"));
    SHOW("symlink ../x <- up (made; leads out)", __wasi_path_symlink("../x", 3, "up"));
    char buf[16];
    size_t n = 0;
    memset(buf, '#', sizeof buf);
    SHOW("readlink l", __wasi_path_readlink(3, "l", (uint8_t *)buf, sizeof buf, &n));
    printf("  %zu bytes [%.*s], next byte untouched: %c\n", n, (int)n, buf, buf[n]);
    SHOW("readlink l, 2-byte buffer", __wasi_path_readlink(3, "l", (uint8_t *)buf, 2, &n));
    printf("  %zu bytes [%.*s] (truncated, as readlink(2))\n", n, (int)n, buf);
    SHOW("readlink l/", __wasi_path_readlink(3, "l/", (uint8_t *)buf, sizeof buf, &n));
    SHOW("readlink ld/", __wasi_path_readlink(3, "ld/", (uint8_t *)buf, sizeof buf, &n));
    SHOW("readlink file", __wasi_path_readlink(3, "file", (uint8_t *)buf, sizeof buf, &n));
    SHOW("readlink dangling", __wasi_path_readlink(3, "dangling", (uint8_t *)buf, sizeof buf, &n));
    printf("  [%.*s]\n", (int)n, buf);
    SHOW("l: type without follow", type_of(0, "l"));
    SHOW("l: type with follow", type_of(F, "l"));
    SHOW("l/: type", type_of(0, "l/"));
    SHOW("ld/: type", type_of(0, "ld/"));
    read_file("read through l (follow)", F, "l");
    read_file("read through l (no follow)", 0, "l");
    SHOW("open ld/ DIRECTORY without follow", open_dir(0, "ld/", __WASI_OFLAGS_DIRECTORY));
    SHOW("open ld DIRECTORY without follow", open_dir(0, "ld", __WASI_OFLAGS_DIRECTORY));
    SHOW("open ld DIRECTORY with follow", open_dir(F, "ld", __WASI_OFLAGS_DIRECTORY));
    SHOW("open dangling (follow)", open_at(F, "dangling", 0, &fd));
    SHOW("open loop (follow)", open_at(F, "loop", 0, &fd));
    SHOW("open up (follow)", open_at(F, "up", 0, &fd));
    SHOW("create through dangling (follow)", open_at(F, "dangling", __WASI_OFLAGS_CREAT, &fd));
    SHOW("  close", __wasi_fd_close(fd));
    SHOW("missing now exists", type_of(0, "missing"));
    SHOW("unlink l/", __wasi_path_unlink_file(3, "l/"));
    SHOW("unlink ld/", __wasi_path_unlink_file(3, "ld/"));
    SHOW("rmdir ld/", __wasi_path_remove_directory(3, "ld/"));
    SHOW("rmdir ld", __wasi_path_remove_directory(3, "ld"));
    SHOW("unlink ld", __wasi_path_unlink_file(3, "ld"));
    SHOW("dir survives", type_of(0, "dir"));

    puts("-- path_link");
    SHOW("link file -> hard", __wasi_path_link(3, 0, "file", 3, "hard"));
    st = stat_of(0, "file");
    SHOW64("  nlink", st.nlink);
    SHOW("  same inode", st.ino == stat_of(0, "hard").ino);
    make_file("hard", "through hard");
    read_file("  file reads", 0, "file");
    SHOW("link file -> hard (exists)", __wasi_path_link(3, 0, "file", 3, "hard"));
    SHOW("link file -> h2/", __wasi_path_link(3, 0, "file", 3, "h2/"));
    SHOW("link file/ -> h2", __wasi_path_link(3, 0, "file/", 3, "h2"));
    SHOW("link dir -> h2", __wasi_path_link(3, 0, "dir", 3, "h2"));
    SHOW("link dir/ -> h2", __wasi_path_link(3, 0, "dir/", 3, "h2"));
    SHOW("link missing -> h2", __wasi_path_link(3, 0, "missing2", 3, "h2"));
    SHOW("link l -> h2 (the symlink itself)", __wasi_path_link(3, 0, "l", 3, "h2"));
    SHOW("  h2 type", type_of(0, "h2"));
    SHOW("link l -> h3 (follow: the file)", __wasi_path_link(3, F, "l", 3, "h3"));
    SHOW("  h3 type", type_of(0, "h3"));
    SHOW64("  file nlink", stat_of(0, "file").nlink);
    SHOW("link up -> h4 (follow: leads out)", __wasi_path_link(3, F, "up", 3, "h4"));
    SHOW("link dangling -> h4 (the symlink)", __wasi_path_link(3, 0, "dangling", 3, "h4"));
    SHOW("link file -> dir/inner", __wasi_path_link(3, 0, "file", 3, "dir/inner"));
    read_file("  dir/inner reads", 0, "dir/inner");

    puts("-- cleanup");
    const char *files[] = {"file", "hard", "h2", "h3", "h4", "l", "dangling", "loop", "up",
                           "missing", "dir/inner"};
    int bad = 0;
    for (unsigned i = 0; i < sizeof files / sizeof *files; i++)
        bad += __wasi_path_unlink_file(3, files[i]) != 0;
    SHOW("unlink failures", bad);
    SHOW("rmdir dir/", __wasi_path_remove_directory(3, "dir/"));
    return 0;
}
