/* libc_compat.c — what Rust's std (1.96) links against in wasi-libc and Debian's wasi-libc
 * (2022) does not have yet. Linked as an archive after wasi-libc, so only the programs
 * that need a function get it; the real toolchain's newer wasi-libc would provide them.
 *
 * pthread_join, pthread_detach: Rust's test library refers to them; never called (a test
 * binary's main, libtest, is not run by tycho's test mode, and a wasm32-wasip1 process
 * has no second thread).
 *
 * chmod: WASI preview 1 has no permissions. The path must exist (ENOENT otherwise, as
 * chmod says); then ENOTSUP: std::fs::set_permissions reports ErrorKind::Unsupported.
 *
 * realpath: std::fs::canonicalize. Resolved in the guest with the calls WASI has, one
 * component at a time: readlink says whether a prefix is a symlink (its target is spliced
 * in, at most 40 times), "." and ".." are taken textually after that, and the result must
 * exist. Relative paths start at the current directory (getcwd: "/" for a WASI command). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef unsigned long pthread_t;

int pthread_join(pthread_t thread, void **retval) {
    (void)thread; (void)retval;
    return ENOSYS;
}

int pthread_detach(pthread_t thread) {
    (void)thread;
    return ENOSYS;
}

int chmod(const char *path, mode_t mode) {
    (void)mode;
    struct stat st;
    if (stat(path, &st) != 0) return -1;
    errno = ENOTSUP;
    return -1;
}

char *realpath(const char *restrict path, char *restrict resolved) {
    if (!path) { errno = EINVAL; return NULL; }
    if (!*path) { errno = ENOENT; return NULL; }
    char todo[PATH_MAX], out[PATH_MAX], link[PATH_MAX];
    size_t tl = 0, ol = 0;                        /* out: "" is "/", else "/a/b" */
    if (path[0] != '/') {
        if (!getcwd(todo, sizeof todo)) return NULL;
        tl = strlen(todo);
        if (tl + 1 >= sizeof todo) { errno = ENAMETOOLONG; return NULL; }
        todo[tl++] = '/';
    }
    size_t pl = strlen(path);
    if (tl + pl >= sizeof todo) { errno = ENAMETOOLONG; return NULL; }
    memcpy(todo + tl, path, pl + 1);
    tl += pl;
    size_t at = 0;
    int links = 0;
    while (at < tl) {
        while (at < tl && todo[at] == '/') at++;
        size_t n = 0;
        while (at + n < tl && todo[at + n] != '/') n++;
        if (n == 0) break;
        const char *c = todo + at;
        at += n;
        if (n == 1 && c[0] == '.') continue;
        if (n == 2 && c[0] == '.' && c[1] == '.') {
            while (ol > 0 && out[ol - 1] != '/') ol--;
            if (ol > 0) ol--;
            continue;
        }
        if (ol + 1 + n >= sizeof out) { errno = ENAMETOOLONG; return NULL; }
        size_t keep = ol;
        out[ol++] = '/';
        memcpy(out + ol, c, n);
        ol += n;
        out[ol] = 0;
        ssize_t ll = readlink(out, link, sizeof link);
        if (ll < 0) {
            if (errno == EINVAL) continue;        /* not a symlink: keep it */
            return NULL;                          /* ENOENT, ENOTDIR, ENOTCAPABLE, ... */
        }
        if (++links > 40) { errno = ELOOP; return NULL; }
        /* todo := link + "/" + what is left */
        size_t rest = tl - at;
        if ((size_t)ll + 1 + rest >= sizeof todo) { errno = ENAMETOOLONG; return NULL; }
        memmove(todo + ll + 1, todo + at, rest);
        memcpy(todo, link, (size_t)ll);
        todo[ll] = '/';
        tl = (size_t)ll + 1 + rest;
        at = 0;
        ol = link[0] == '/' ? 0 : keep;           /* relative: from the link's directory */
    }
    if (ol == 0) out[ol++] = '/';
    out[ol] = 0;
    struct stat st;
    if (stat(out, &st) != 0) return NULL;
    if (!resolved) return strdup(out);
    memcpy(resolved, out, ol + 1);
    return resolved;
}
