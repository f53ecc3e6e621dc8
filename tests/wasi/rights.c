/* rights.c — the rights model (docs/wasi.md): what fd_fdstat_get reports for each kind
 * of fd, what path_open grants, the calls that rights or the kind of fd forbid, and
 * fd_fdstat_set_rights. Run with an empty preopened directory as fd 3, stdout a pipe. */
#include <string.h>
#include "check.h"

#define HEX(what, val) printf("%s = %#llx\n", what, (unsigned long long)(val))
#define R(x) __WASI_RIGHTS_##x

static __wasi_fdstat_t fdstat(__wasi_fd_t fd) {
    __wasi_fdstat_t s;
    memset(&s, 0xff, sizeof s);
    int e = __wasi_fd_fdstat_get(fd, &s);
    if (e) printf("fd_fdstat_get(%u) = %d\n", (unsigned)fd, e);
    return s;
}

static int open_at(__wasi_fd_t dir, const char *path, int oflags, __wasi_rights_t base,
                   __wasi_rights_t inh, __wasi_fd_t *fd) {
    *fd = 99;
    return __wasi_path_open(dir, 0, path, oflags, base, inh, 0, fd);
}

static void show_fd(const char *what, __wasi_fd_t fd) {
    __wasi_fdstat_t s = fdstat(fd);
    printf("%s: type %d base %#llx inheriting %#llx\n", what, s.fs_filetype,
           (unsigned long long)s.fs_rights_base, (unsigned long long)s.fs_rights_inheriting);
}

int main(void) {
    const __wasi_rights_t file_rights = R(FD_DATASYNC) | R(FD_READ) | R(FD_SEEK) |
        R(FD_FDSTAT_SET_FLAGS) | R(FD_SYNC) | R(FD_TELL) | R(FD_WRITE) | R(FD_ADVISE) |
        R(FD_ALLOCATE) | R(FD_FILESTAT_GET) | R(FD_FILESTAT_SET_SIZE) |
        R(FD_FILESTAT_SET_TIMES) | R(POLL_FD_READWRITE);
    const __wasi_rights_t dir_rights = R(PATH_CREATE_DIRECTORY) | R(PATH_CREATE_FILE) |
        R(PATH_LINK_SOURCE) | R(PATH_LINK_TARGET) | R(PATH_OPEN) | R(FD_READDIR) |
        R(PATH_READLINK) | R(PATH_RENAME_SOURCE) | R(PATH_RENAME_TARGET) |
        R(PATH_FILESTAT_GET) | R(PATH_FILESTAT_SET_SIZE) | R(PATH_FILESTAT_SET_TIMES) |
        R(FD_FILESTAT_GET) | R(FD_FILESTAT_SET_TIMES) | R(PATH_SYMLINK) |
        R(PATH_REMOVE_DIRECTORY) | R(PATH_UNLINK_FILE) | R(FD_FDSTAT_SET_FLAGS) | R(FD_SYNC) |
        R(FD_DATASYNC);

    /* the preopen: directory rights in base, everything to hand down */
    __wasi_fdstat_t pre = fdstat(3);
    show_fd("preopen", 3);
    SHOW("preopen base == directory rights", pre.fs_rights_base == dir_rights);
    SHOW("preopen inheriting == all", pre.fs_rights_inheriting == (dir_rights | file_rights));
    SHOW("preopen base has fd_read/write/seek/tell",
         (pre.fs_rights_base & (R(FD_READ) | R(FD_WRITE) | R(FD_SEEK) | R(FD_TELL))) != 0);

    /* "." reopened the ways Rust's std, the wasi crate and wasi-libc do */
    __wasi_fd_t fd;
    SHOW("open . with the preopen's own rights",
         open_at(3, ".", __WASI_OFLAGS_DIRECTORY, pre.fs_rights_base, pre.fs_rights_inheriting, &fd));
    show_fd("  that fd", fd);
    SHOW("  close", __wasi_fd_close(fd));
    SHOW("open . with no rights", open_at(3, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, &fd));
    show_fd("  that fd", fd);
    SHOW("  readdir without the right", __wasi_fd_readdir(fd, (uint8_t[64]){0}, 64, 0, &(size_t){0}));
    SHOW("  path_open beneath without the right", open_at(fd, ".", 0, 0, 0, &(__wasi_fd_t){0}));
    SHOW("  close", __wasi_fd_close(fd));
    SHOW("open . DIRECTORY with fd_read", open_at(3, ".", __WASI_OFLAGS_DIRECTORY, R(FD_READ), 0, &fd));
    show_fd("  that fd", fd);
    SHOW("  close", __wasi_fd_close(fd));
    SHOW("open . DIRECTORY with fd_write",
         open_at(3, ".", __WASI_OFLAGS_DIRECTORY, R(FD_WRITE), 0, &fd));
    SHOW("  fd untouched", fd);
    SHOW("open . DIRECTORY with fd_read|fd_write",
         open_at(3, ".", __WASI_OFLAGS_DIRECTORY, R(FD_READ) | R(FD_WRITE), 0, &fd));
    SHOW("open . DIRECTORY with fd_allocate", open_at(3, ".", __WASI_OFLAGS_DIRECTORY, R(FD_ALLOCATE), 0, &fd));
    SHOW("open . DIRECTORY|CREAT", open_at(3, ".", __WASI_OFLAGS_DIRECTORY | __WASI_OFLAGS_CREAT, 0, 0, &fd));
    SHOW("open . DIRECTORY|TRUNC", open_at(3, ".", __WASI_OFLAGS_DIRECTORY | __WASI_OFLAGS_TRUNC, 0, 0, &fd));
    SHOW("open . without DIRECTORY, fd_write", open_at(3, ".", 0, R(FD_WRITE), 0, &fd));
    SHOW("open . without DIRECTORY, fd_read", open_at(3, ".", 0, R(FD_READ) | R(FD_READDIR), 0, &fd));
    show_fd("  that fd", fd);
    SHOW("  close", __wasi_fd_close(fd));

    /* a directory has no seek/tell right and cannot be read or written as a file */
    SHOW("mkdir sub", __wasi_path_create_directory(3, "sub"));
    SHOW("open sub asking fd_seek", open_at(3, "sub", __WASI_OFLAGS_DIRECTORY, R(FD_SEEK) | R(FD_TELL), 0, &fd));
    show_fd("  that fd", fd);
    __wasi_filesize_t pos = 7;
    SHOW("  fd_seek", __wasi_fd_seek(fd, 0, __WASI_WHENCE_CUR, &pos));
    SHOW("  fd_tell", __wasi_fd_tell(fd, &pos));
    SHOW("  pos untouched", pos);
    SHOW("  close", __wasi_fd_close(fd));
    uint8_t buf[16];
    __wasi_iovec_t iov = {buf, sizeof buf};
    __wasi_ciovec_t ciov = {buf, 1};
    size_t n = 99;
    SHOW("preopen fd_read", __wasi_fd_read(3, &iov, 1, &n));
    SHOW("preopen fd_pread", __wasi_fd_pread(3, &iov, 1, 0, &n));
    SHOW("preopen fd_write", __wasi_fd_write(3, &ciov, 1, &n));
    SHOW("preopen fd_pwrite", __wasi_fd_pwrite(3, &ciov, 1, 0, &n));
    SHOW("preopen fd_seek", __wasi_fd_seek(3, 0, __WASI_WHENCE_SET, &pos));
    SHOW("preopen fd_tell", __wasi_fd_tell(3, &pos));
    SHOW("preopen fd_advise", __wasi_fd_advise(3, 0, 0, __WASI_ADVICE_NORMAL));
    SHOW("preopen fd_allocate", __wasi_fd_allocate(3, 0, 1));
    SHOW("preopen fd_filestat_set_size", __wasi_fd_filestat_set_size(3, 0));
    SHOW("preopen fd_sync", __wasi_fd_sync(3));
    SHOW("preopen fd_datasync", __wasi_fd_datasync(3));
    SHOW("preopen fd_fdstat_set_flags 0", __wasi_fd_fdstat_set_flags(3, 0));
    SHOW("  bytes untouched", n);

    /* a file: what was asked, of file rights only; nothing to hand down */
    SHOW("create f asking every right", open_at(3, "f", __WASI_OFLAGS_CREAT, ~0ull, ~0ull, &fd));
    show_fd("  that fd", fd);
    SHOW("  base == file rights", fdstat(fd).fs_rights_base == file_rights);
    SHOW("  write", __wasi_fd_write(fd, &(__wasi_ciovec_t){(const uint8_t *)"hello", 5}, 1, &n));
    SHOW("  readdir", __wasi_fd_readdir(fd, buf, sizeof buf, 0, &n));
    SHOW("  path_open beneath a file", open_at(fd, "x", 0, 0, 0, &(__wasi_fd_t){0}));
    /* fd_fdstat_set_rights drops rights, never adds them */
    __wasi_rights_t base = fdstat(fd).fs_rights_base;
    SHOW("  set_rights without fd_write", __wasi_fd_fdstat_set_rights(fd, base & ~R(FD_WRITE), 0));
    SHOW("  write now", __wasi_fd_write(fd, &ciov, 1, &n));
    SHOW("  set_rights with fd_write again", __wasi_fd_fdstat_set_rights(fd, base, 0));
    SHOW("  set_rights inheriting", __wasi_fd_fdstat_set_rights(fd, 0, R(FD_READ)));
    SHOW("  set_rights unchanged", __wasi_fd_fdstat_set_rights(fd, base & ~R(FD_WRITE), 0));
    SHOW("  set_rights to none", __wasi_fd_fdstat_set_rights(fd, 0, 0));
    SHOW("  fdstat still works", __wasi_fd_fdstat_get(fd, &(__wasi_fdstat_t){0}));
    SHOW("  filestat_get now", __wasi_fd_filestat_get(fd, &(__wasi_filestat_t){0}));
    SHOW("  seek now", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    SHOW("  close", __wasi_fd_close(fd));
    SHOW("set_rights on a closed fd", __wasi_fd_fdstat_set_rights(fd, 0, 0));

    /* read-only and write-only files */
    SHOW("open f with fd_read", open_at(3, "f", 0, R(FD_READ), 0, &fd));
    show_fd("  that fd", fd);
    SHOW("  read", __wasi_fd_read(fd, &iov, 1, &n));
    SHOW("  bytes", n);
    SHOW("  write", __wasi_fd_write(fd, &ciov, 1, &n));
    SHOW("  seek (not granted)", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    SHOW("  close", __wasi_fd_close(fd));
    SHOW("open f with fd_write", open_at(3, "f", 0, R(FD_WRITE), 0, &fd));
    SHOW("  write", __wasi_fd_write(fd, &(__wasi_ciovec_t){(const uint8_t *)"J", 1}, 1, &n));
    SHOW("  read", __wasi_fd_read(fd, &iov, 1, &n));
    SHOW("  close", __wasi_fd_close(fd));
    SHOW("open f with fd_read|fd_write", open_at(3, "f", 0, R(FD_READ) | R(FD_WRITE) | R(FD_SEEK), 0, &fd));
    memset(buf, 0, sizeof buf);
    SHOW("  pread", __wasi_fd_pread(fd, &iov, 1, 0, &n));
    printf("  content [%s]\n", (char *)buf);
    SHOW("  close", __wasi_fd_close(fd));
    SHOW("open f DIRECTORY", open_at(3, "f", __WASI_OFLAGS_DIRECTORY, 0, 0, &fd));
    SHOW("open f DIRECTORY with fd_write", open_at(3, "f", __WASI_OFLAGS_DIRECTORY, R(FD_WRITE), 0, &fd));
    SHOW("open missing DIRECTORY with fd_write", open_at(3, "none", __WASI_OFLAGS_DIRECTORY, R(FD_WRITE), 0, &fd));

    /* a directory hands down only what its inheriting rights hold */
    SHOW("open sub, inheriting fd_read only",
         open_at(3, "sub", __WASI_OFLAGS_DIRECTORY, dir_rights, R(FD_READ) | R(PATH_OPEN), &fd));
    show_fd("  that fd", fd);
    __wasi_fd_t g;
    SHOW("  create g beneath, asking fd_read|fd_write",
         open_at(fd, "g", __WASI_OFLAGS_CREAT, R(FD_READ) | R(FD_WRITE), 0, &g));
    show_fd("  g", g);
    SHOW("  g write", __wasi_fd_write(g, &ciov, 1, &n));
    SHOW("  g close", __wasi_fd_close(g));
    SHOW("  open a directory beneath", open_at(fd, ".", __WASI_OFLAGS_DIRECTORY, dir_rights, ~0ull, &g));
    show_fd("  that fd", g);
    SHOW("  close it", __wasi_fd_close(g));
    SHOW("  drop path_create_file", __wasi_fd_fdstat_set_rights(fd, dir_rights & ~R(PATH_CREATE_FILE), R(FD_READ)));
    SHOW("  create beneath now", open_at(fd, "h", __WASI_OFLAGS_CREAT, 0, 0, &g));
    SHOW("  open existing g", open_at(fd, "g", 0, 0, 0, &g));
    SHOW("  close g", __wasi_fd_close(g));
    SHOW("  drop path_open", __wasi_fd_fdstat_set_rights(fd, R(FD_READDIR), 0));
    SHOW("  open g now", open_at(fd, "g", 0, 0, 0, &g));
    SHOW("  unlink without the right", __wasi_path_unlink_file(fd, "g"));
    SHOW("  close sub", __wasi_fd_close(fd));

    /* O_TRUNC needs path_filestat_set_size on the directory (truncation_rights) */
    SHOW("truncate f", open_at(3, "f", __WASI_OFLAGS_TRUNC, 0, 0, &fd));
    __wasi_filestat_t fst;
    SHOW("  filestat", __wasi_path_filestat_get(3, 0, "f", &fst));
    SHOW("  size", fst.size);
    SHOW("  close", __wasi_fd_close(fd));

    /* stdio: file rights, no seek on pipes or devices, nothing to hand down; a pipe is
     * FILETYPE_UNKNOWN (preview 1 has no FIFO type) */
    show_fd("stdin (/dev/null)", 0);
    show_fd("stdout (a pipe)", 1);
    SHOW("stdout seek", __wasi_fd_seek(1, 0, __WASI_WHENCE_CUR, &pos));
    SHOW("stdout path_open", open_at(1, "x", 0, 0, 0, &fd));
    fflush(stdout);

    SHOW("drop preopen's path_create_directory",
         __wasi_fd_fdstat_set_rights(3, dir_rights & ~R(PATH_CREATE_DIRECTORY), pre.fs_rights_inheriting));
    SHOW("mkdir now", __wasi_path_create_directory(3, "sub2"));
    SHOW("unlink sub/g", __wasi_path_unlink_file(3, "sub/g"));
    SHOW("unlink f", __wasi_path_unlink_file(3, "f"));
    SHOW("rmdir sub", __wasi_path_remove_directory(3, "sub"));
    return 0;
}
