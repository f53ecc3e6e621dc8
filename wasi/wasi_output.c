/* wasi_output.c — captured output: what the contexts given a tw_wasi_output write to
 * their stdout and stderr (fds whose host fd is 1 or 2) goes into one buffer instead of
 * the host's stdio (or besides it: `tee`). tycho's test mode gives one to each test and
 * the processes it spawns, and shows it when the test fails. Thread-safe: the processes
 * sharing one run on any worker. Beyond OUTPUT_MAX bytes the rest is dropped and the
 * buffer ends with a line saying so. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "wasi_impl.h"

#define OUTPUT_MAX (64u << 20)

struct tw_wasi_output {
    atomic_uint refs;
    bool tee;
    pthread_mutex_t lock;
    char *buf; size_t len, cap;
    bool truncated;
};

tw_wasi_output *tw_wasi_output_new(bool tee) {
    tw_wasi_output *o = calloc(1, sizeof *o);
    if (!o) return NULL;
    atomic_init(&o->refs, 1);
    o->tee = tee;
    pthread_mutex_init(&o->lock, NULL);
    return o;
}

void tw_wasi_output_ref(tw_wasi_output *o) {
    if (o) atomic_fetch_add(&o->refs, 1);
}

void tw_wasi_output_unref(tw_wasi_output *o) {
    if (!o || atomic_fetch_sub(&o->refs, 1) != 1) return;
    pthread_mutex_destroy(&o->lock);
    free(o->buf);
    free(o);
}

char *tw_wasi_output_text(tw_wasi_output *o, size_t *len) {
    static const char note[] = "\n[tycho: output beyond 64 MiB dropped]\n";
    pthread_mutex_lock(&o->lock);
    size_t n = o->len + (o->truncated ? sizeof note - 1 : 0);
    char *s = malloc(n + 1);
    if (s) {
        if (o->len) memcpy(s, o->buf, o->len);
        if (o->truncated) memcpy(s + o->len, note, sizeof note - 1);
        s[n] = 0;
        *len = n;
    }
    pthread_mutex_unlock(&o->lock);
    return s;
}

static void append(tw_wasi_output *o, const void *p, size_t n) {
    if (o->len + n > OUTPUT_MAX) {
        n = OUTPUT_MAX - o->len;
        o->truncated = true;
    }
    if (o->len + n > o->cap) {
        size_t nc = o->cap ? o->cap : 1024;
        while (nc < o->len + n) nc *= 2;
        char *nb = realloc(o->buf, nc);
        if (!nb) { o->truncated = true; return; }
        o->buf = nb;
        o->cap = nc;
    }
    memcpy(o->buf + o->len, p, n);
    o->len += n;
}

ssize_t wasi_output_write(tw_wasi_output *o, int host, const struct iovec *iov, int cnt) {
    pthread_mutex_lock(&o->lock);
    size_t total = 0;
    for (int i = 0; i < cnt; i++) {
        append(o, iov[i].iov_base, iov[i].iov_len);
        total += iov[i].iov_len;
    }
    pthread_mutex_unlock(&o->lock);
    if (o->tee) {   /* best effort: the guest was told everything was written */
        for (int i = 0; i < cnt; i++) {
            const char *p = iov[i].iov_base;
            size_t left = iov[i].iov_len;
            while (left) {
                ssize_t w = write(host, p, left);
                if (w <= 0) break;
                p += w;
                left -= (size_t)w;
            }
        }
    }
    return (ssize_t)total;
}

void tw_wasi_set_output(tw_wasi *w, tw_wasi_output *o) {
    tw_wasi_output_ref(o);
    tw_wasi_output_unref(w->out);
    w->out = o;
}
