/* poller.c — the I/O poller: one thread that waits (poll) on the host fds that parked
 * processes wait for (a WASI read of stdin, poll_oneoff on an fd) and wakes them. Workers
 * never block on I/O; they hand the fds over here. An eventfd interrupts the poll when
 * the watch list changes. */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "poller.h"
#include "core.h"
#include "wait.h"

typedef struct watch {
    struct watch *next;
    tr_process *p;           /* holds a reference */
    struct pollfd *fds;
    uint32_t n;
} watch;

struct tr_poller {
    tr_runtime *rt;
    pthread_t thread;
    pthread_mutex_t lock;
    watch *list;
    int efd;
    bool stop;
};

static void watch_free(watch *w) {
    tr_process_unref(w->p);
    free(w->fds);
    free(w);
}

static void *poller_main(void *arg) {
    struct tr_poller *pl = arg;
    struct pollfd *pfd = NULL;
    size_t cap = 0;
    for (;;) {
        pthread_mutex_lock(&pl->lock);
        if (pl->stop) { pthread_mutex_unlock(&pl->lock); break; }
        size_t n = 1;
        for (watch *w = pl->list; w; w = w->next) n += w->n;
        if (n > cap) {
            struct pollfd *np = realloc(pfd, n * sizeof *np);
            if (np) { pfd = np; cap = n; }
        }
        size_t k = 0;
        if (cap) pfd[k++] = (struct pollfd){.fd = pl->efd, .events = POLLIN};
        for (watch *w = pl->list; w && k + w->n <= cap; w = w->next) {
            memcpy(pfd + k, w->fds, w->n * sizeof *pfd);
            k += w->n;
        }
        pthread_mutex_unlock(&pl->lock);
        if (!k) { usleep(1000); continue; }   /* out of memory: retry shortly */
        if (poll(pfd, k, -1) < 0) continue;
        if (pfd[0].revents) {
            uint64_t v;
            if (read(pl->efd, &v, sizeof v) < 0) {}
        }
        /* Wake every watcher one of whose fds is ready . */
        watch *ready_list = NULL;     /* woken after unlocking: tr_wake takes p's lock,
                                         and workers hold p's lock when they add watches */
        pthread_mutex_lock(&pl->lock);
        size_t j = 1;
        for (watch **pp = &pl->list; *pp && j < k;) {
            watch *w = *pp;
            bool ready = false;
            for (uint32_t i = 0; i < w->n && j + i < k; i++) ready |= pfd[j + i].revents != 0;
            j += w->n;
            if (ready) {
                *pp = w->next;
                w->next = ready_list;
                ready_list = w;
            } else {
                pp = &w->next;
            }
        }
        pthread_mutex_unlock(&pl->lock);
        for (watch *w = ready_list, *nx; w; w = nx) {
            nx = w->next;
            tr_wake(w->p);
            watch_free(w);
        }
    }
    free(pfd);
    return NULL;
}

struct tr_poller *tr_poller_new(tr_runtime *rt) {
    struct tr_poller *pl = calloc(1, sizeof *pl);
    if (!pl) return NULL;
    pl->rt = rt;
    pthread_mutex_init(&pl->lock, NULL);
    pl->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (pl->efd < 0 || pthread_create(&pl->thread, NULL, poller_main, pl)) {
        if (pl->efd >= 0) close(pl->efd);
        pthread_mutex_destroy(&pl->lock);
        free(pl);
        return NULL;
    }
    return pl;
}

static void kick(struct tr_poller *pl) {
    uint64_t one = 1;
    if (write(pl->efd, &one, sizeof one) < 0) {}
}

bool tr_poller_watch(struct tr_poller *pl, tr_process *p, const struct pollfd *fds, uint32_t n) {
    watch *w = calloc(1, sizeof *w);
    if (!w || !(w->fds = malloc(n * sizeof *fds))) { free(w); return false; }
    memcpy(w->fds, fds, n * sizeof *fds);
    for (uint32_t i = 0; i < n; i++) w->fds[i].revents = 0;
    w->n = n;
    w->p = p;
    atomic_fetch_add(&p->refs, 1);
    pthread_mutex_lock(&pl->lock);
    w->next = pl->list;
    pl->list = w;
    pthread_mutex_unlock(&pl->lock);
    kick(pl);
    return true;
}

void tr_poller_free(struct tr_poller *pl) {
    pthread_mutex_lock(&pl->lock);
    pl->stop = true;
    pthread_mutex_unlock(&pl->lock);
    kick(pl);
    pthread_join(pl->thread, NULL);
    for (watch *w = pl->list, *nx; w; w = nx) {
        nx = w->next;
        watch_free(w);
    }
    close(pl->efd);
    pthread_mutex_destroy(&pl->lock);
    free(pl);
}
