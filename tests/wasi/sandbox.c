/* sandbox.c — every way out of the preopened directory (fd 3) must fail with
 * ENOTCAPABLE (76); ways that stay inside must work. run.sh plants the symlinks:
 *   out_abs -> /etc, out_rel -> ../secret.txt, in_rel -> inside.txt, d/up -> ../inside.txt,
 *   d/esc -> ../../secret.txt, loop -> loop */
#include <string.h>
#include "check.h"

static __wasi_errno_t try_open(const char *p, __wasi_lookupflags_t follow) {
    __wasi_fd_t fd;
    __wasi_errno_t e = __wasi_path_open(3, follow, p, 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd);
    if (e == 0) (void)__wasi_fd_close(fd);
    return e;
}

int main(void) {
    static const char *const bad[] = {
        "..", "../secret.txt", "/etc/passwd", "/", "d/../../secret.txt", "d/../..",
        "out_abs/passwd", "out_rel", "d/esc", "./../secret.txt", "d/./../../secret.txt",
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
        printf("open %s = %d\n", bad[i], try_open(bad[i], __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW));
    static const char *const good[] = {"inside.txt", "d/../inside.txt", "in_rel", "d/up", ".", "d/.."};
    for (unsigned i = 0; i < sizeof good / sizeof good[0]; i++)
        printf("open %s = %d\n", good[i], try_open(good[i], __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW));
    SHOW("open in_rel nofollow", try_open("in_rel", 0));
    SHOW("open loop", try_open("loop", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW));

    __wasi_filestat_t st;
    SHOW("stat ..", __wasi_path_filestat_get(3, 0, "..", &st));
    SHOW("stat d/../..", __wasi_path_filestat_get(3, 0, "d/../..", &st));
    SHOW("stat out_rel follow", __wasi_path_filestat_get(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "out_rel", &st));
    SHOW("stat out_rel nofollow", __wasi_path_filestat_get(3, 0, "out_rel", &st));
    SHOW("stat out_abs/ nofollow", __wasi_path_filestat_get(3, 0, "out_abs/", &st));
    SHOW("mkdir ../x", __wasi_path_create_directory(3, "../x"));
    SHOW("mkdir out_abs/x", __wasi_path_create_directory(3, "out_abs/x"));
    SHOW("mkdir /tmp/x", __wasi_path_create_directory(3, "/tmp/x"));
    SHOW("unlink ../secret.txt", __wasi_path_unlink_file(3, "../secret.txt"));
    SHOW("unlink d/esc (the link itself)", __wasi_path_unlink_file(3, "d/esc"));
    SHOW("rmdir ..", __wasi_path_remove_directory(3, ".."));
    SHOW("rename to ../moved", __wasi_path_rename(3, "inside.txt", 3, "../moved"));
    SHOW("rename from ../secret.txt", __wasi_path_rename(3, "../secret.txt", 3, "stolen"));
    SHOW("link from ../secret.txt", __wasi_path_link(3, 0, "../secret.txt", 3, "hard"));
    SHOW("link follow out_rel", __wasi_path_link(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "out_rel", 3, "hard"));
    SHOW("link out_rel nofollow (the link itself)", __wasi_path_link(3, 0, "out_rel", 3, "hard"));
    SHOW("open hard follow", try_open("hard", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW));
    SHOW("unlink hard", __wasi_path_unlink_file(3, "hard"));
    SHOW("symlink /etc", __wasi_path_symlink("/etc", 3, "new_abs"));
    SHOW("symlink ../secret.txt", __wasi_path_symlink("../secret.txt", 3, "new_rel"));
    SHOW("open new_rel", try_open("new_rel", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW));
    SHOW("unlink new_rel", __wasi_path_unlink_file(3, "new_rel"));
    SHOW("symlink outside dir", __wasi_path_symlink("x", 3, "../newlink"));
    char buf[64];
    size_t n;
    SHOW("readlink ../x", __wasi_path_readlink(3, "../x", (uint8_t *)buf, sizeof buf, &n));
    SHOW("readlink out_rel", __wasi_path_readlink(3, "out_rel", (uint8_t *)buf, sizeof buf, &n));
    SHOW("readlink len", n);
    SHOW("set_times ../secret.txt", __wasi_path_filestat_set_times(3, 0, "../secret.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    SHOW("set_times out_rel follow", __wasi_path_filestat_set_times(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "out_rel", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    __wasi_fd_t fd;
    SHOW("open creat ../new", __wasi_path_open(3, 0, "../new", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
    SHOW("open creat out_rel", __wasi_path_open(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "out_rel", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
    SHOW("path on stdout", __wasi_path_open(1, 0, "x", 0, 0, 0, 0, &fd));
    SHOW("path on bad fd", __wasi_path_open(99, 0, "x", 0, 0, 0, 0, &fd));
    SHOW("path with NUL", raw_path_create_directory(3, GPTR("a\0b"), 3));
    /* a directory fd with reduced rights cannot open files */
    SHOW("path_open d", __wasi_path_open(3, 0, "d", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, 0, &fd));
    SHOW("open via d without rights", __wasi_path_open(fd, 0, "../inside.txt", 0, __WASI_RIGHTS_FD_READ, 0, 0, &(__wasi_fd_t){0}));
    return 0;
}
