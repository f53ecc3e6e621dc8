/* world.c — a process's WASI world, from its config: arguments, environment, preopened
 * directories. A directory is opened once per runtime and shared by every process that
 * preopens it: a million processes must not cost a million fds. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "core.h"
#include "world.h"

/* The host directory `path` as an fd shared by every process that preopens it: a
 * million processes must not cost a million fds. -1 with a message if it cannot be opened. */
static int shared_dirfd(tr_runtime *rt, const char *path, char *err, size_t errlen) {
    pthread_mutex_lock(&rt->dirs_lock);
    int fd = -1;
    for (uint32_t i = 0; i < rt->ndirfds && fd < 0; i++)
        if (!strcmp(rt->dirfds[i].path, path)) fd = rt->dirfds[i].fd;
    if (fd < 0) {
        void *nd = realloc(rt->dirfds, (rt->ndirfds + 1) * sizeof *rt->dirfds);
        char *copy = strdup(path);
        if (nd) rt->dirfds = nd;
        if (!nd || !copy) {
            free(copy);
            snprintf(err, errlen, "out of memory");
        } else if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
            free(copy);
            snprintf(err, errlen, "cannot open directory %s: %s", path, strerror(errno));
        } else {
            rt->dirfds[rt->ndirfds].path = copy;
            rt->dirfds[rt->ndirfds++].fd = fd;
        }
    }
    pthread_mutex_unlock(&rt->dirs_lock);
    return fd;
}

void tr_dirfds_close(tr_runtime *rt) {
    for (uint32_t i = 0; i < rt->ndirfds; i++) {
        close(rt->dirfds[i].fd);
        free(rt->dirfds[i].path);
    }
    free(rt->dirfds);
    rt->dirfds = NULL;
    rt->ndirfds = 0;
}

/* The WASI world of a config: args, environment, preopened directories. */
tw_wasi *tr_world_new(tr_runtime *rt, const tr_config *c, char *err, size_t errlen) {
    tw_wasi *w = tw_wasi_new();
    if (!w) { snprintf(err, errlen, "out of memory"); return NULL; }
    bool ok = tw_wasi_set_args(w, (int)c->nargs, c->args);
    for (uint32_t i = 0; ok && i < c->nenv; i++) ok = tw_wasi_add_env(w, c->env[i]);
    if (!ok) {
        snprintf(err, errlen, "out of memory");
        tw_wasi_free(w);
        return NULL;
    }
    for (uint32_t i = 0; i < c->ndirs; i++) {
        int fd = shared_dirfd(rt, c->dirs[i], err, errlen);
        if (fd < 0 || !tw_wasi_preopen_fd(w, fd, c->guest_dirs[i])) {
            if (fd >= 0) snprintf(err, errlen, "out of memory");
            tw_wasi_free(w);
            return NULL;
        }
    }
    return w;
}
