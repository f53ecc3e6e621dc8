/* netpoll.c — the runtime's networking threads and the waiting on sockets (net.h): one
 * epoll thread for every socket of every process, started on first use with the resolver
 * threads (dns.c); registering sockets; parking a process on a socket and waking it.
 *
 * The epoll thread does little per event: it bumps the socket's generation, detaches the
 * processes parked on it and makes them runnable; the I/O itself happens in the host
 * call when the process runs again, on a worker. Sockets whose last reference went are
 * freed here, after the batch of events that may still name them. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "core.h"
#include "net.h"
#include "wait.h"

#define NET_EVENTS 512
#define NET_BATCH_US 200

struct tr_net {
    tr_runtime *rt;
    int epfd, efd;
    pthread_t thread;
    atomic_bool stop;
    _Atomic(tr_sock *) grave;             /* sockets to free (pushed by any thread) */
    struct tr_resolver *resolver;
};

static pthread_mutex_t net_start_lock = PTHREAD_MUTEX_INITIALIZER;

void tr_net_oserr(char *err, size_t errlen, int e) {
    snprintf(err, errlen, "%s (os error %d)", strerror(e), e);
}

static void free_graves(struct tr_net *n) {
    tr_sock *s = atomic_exchange(&n->grave, NULL);
    while (s) {
        tr_sock *nx = s->grave_next;
        if (s->tls) tr_tls_free(s->tls);
        free(s);
        s = nx;
    }
}

/* Wakes every process parked on s. */
static void sock_event(tr_sock *s) {
    struct tr_sockwait *wake = NULL;
    tr_mutex_lock(&s->lock);
    atomic_fetch_add(&s->gen, 1);
    for (struct tr_sockwait *w = s->waiters; w; w = w->next) {
        w->sock = NULL;
        atomic_fetch_add(&w->p->refs, 1);
        w->wake_next = wake;
        wake = w;
    }
    s->waiters = NULL;
    tr_mutex_unlock(&s->lock);
    while (wake) {
        struct tr_sockwait *nx = wake->wake_next;
        tr_process *p = wake->p;
        tr_wake(p);
        tr_process_unref(p);
        wake = nx;
    }
}

static void *net_main(void *arg) {
    struct tr_net *n = arg;
    struct epoll_event ev[NET_EVENTS];
    while (!atomic_load(&n->stop)) {
        free_graves(n);
        int k = epoll_wait(n->epfd, ev, NET_EVENTS, -1);
        for (int i = 0; i < k; i++) {
            if (!ev[i].data.ptr) {                  /* the eventfd: stop, or a kick */
                uint64_t v;
                if (read(n->efd, &v, sizeof v) < 0) {}
                continue;
            }
            sock_event(ev[i].data.ptr);
        }
        /* Every worker busy: what the woken processes need is CPU, not a prompt wake-up.
         * Let events gather for a moment and take them as one batch (one epoll_wait and
         * one pass instead of a thread switch per event). */
        if (k > 0 && k < NET_EVENTS && !atomic_load(&n->rt->sleeping) && atomic_load(&n->rt->runnable))
            usleep(NET_BATCH_US);
    }
    return NULL;
}

struct tr_net *tr_net_get(tr_runtime *rt, char *err, size_t errlen) {
    struct tr_net *n = atomic_load_explicit(&rt->net, memory_order_acquire);
    if (n) return n;
    pthread_mutex_lock(&net_start_lock);
    n = atomic_load(&rt->net);
    if (n) goto out;
    n = calloc(1, sizeof *n);
    if (!n) { snprintf(err, errlen, "out of memory"); goto out; }
    n->rt = rt;
    n->epfd = epoll_create1(EPOLL_CLOEXEC);
    n->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    struct epoll_event e = {.events = EPOLLIN, .data.ptr = NULL};
    if (n->epfd < 0 || n->efd < 0 || epoll_ctl(n->epfd, EPOLL_CTL_ADD, n->efd, &e) != 0) {
        snprintf(err, errlen, "cannot start networking: %s", strerror(errno));
        goto fail;
    }
    if (!(n->resolver = tr_resolver_new(err, errlen))) goto fail;
    int pe = pthread_create(&n->thread, NULL, net_main, n);
    if (pe) {
        snprintf(err, errlen, "cannot start the networking thread: %s", strerror(pe));
        tr_resolver_free(n->resolver);
        goto fail;
    }
    atomic_store_explicit(&rt->net, n, memory_order_release);
    goto out;
fail:
    if (n->epfd >= 0) close(n->epfd);
    if (n->efd >= 0) close(n->efd);
    free(n);
    n = NULL;
out:
    pthread_mutex_unlock(&net_start_lock);
    return n;
}

struct tr_resolver *tr_net_resolver(tr_runtime *rt) {
    struct tr_net *n = atomic_load(&rt->net);
    return n ? n->resolver : NULL;
}

void tr_net_stop(tr_runtime *rt) {
    struct tr_net *n = atomic_load(&rt->net);
    if (!n || atomic_load(&n->stop)) return;
    atomic_store(&n->stop, true);
    uint64_t one = 1;
    if (write(n->efd, &one, sizeof one) < 0) {}
    pthread_join(n->thread, NULL);
    tr_resolver_free(n->resolver);
    n->resolver = NULL;
}

void tr_net_free(tr_runtime *rt) {
    struct tr_net *n = atomic_load(&rt->net);
    if (!n) return;
    tr_net_stop(rt);
    free_graves(n);
    close(n->epfd);
    close(n->efd);
    free(n);
    atomic_store(&rt->net, NULL);
}

tr_sock *tr_sock_new(tr_runtime *rt, int fd, int kind, char *err, size_t errlen) {
    struct tr_net *n = tr_net_get(rt, err, errlen);
    tr_sock *s = n ? calloc(1, sizeof *s) : NULL;
    if (!s) {
        if (n) snprintf(err, errlen, "out of memory");
        close(fd);
        return NULL;
    }
    atomic_init(&s->refs, 1);
    s->fd = fd;
    s->kind = kind;
    s->rt = rt;
    tr_mutex_init(&s->lock);
    for (int i = 0; i < 3; i++) atomic_init(&s->timeout_ms[i], UINT64_MAX);
    uint32_t events = EPOLLIN | EPOLLET | EPOLLRDHUP;
    if (kind != TR_SOCK_TCP_LISTENER && kind != TR_SOCK_TLS_LISTENER) events |= EPOLLOUT;
    struct epoll_event e = {.events = events, .data.ptr = s};
    if (epoll_ctl(n->epfd, EPOLL_CTL_ADD, fd, &e) != 0) {
        tr_net_oserr(err, errlen, errno);
        close(fd);
        free(s);
        return NULL;
    }
    return s;
}

tr_sock *tr_sock_ref(tr_sock *s) {
    atomic_fetch_add(&s->refs, 1);
    return s;
}

void tr_sock_unref(tr_sock *s) {
    if (!s || atomic_fetch_sub(&s->refs, 1) != 1) return;
    struct tr_net *n = atomic_load(&s->rt->net);
    epoll_ctl(n->epfd, EPOLL_CTL_DEL, s->fd, NULL);
    close(s->fd);
    s->fd = -1;
    /* (no process waits on it: a waiter holds a handle, and a dying one unparks first) */
    tr_sock *head = atomic_load(&n->grave);
    do s->grave_next = head;
    while (!atomic_compare_exchange_weak(&n->grave, &head, s));
}

int tr_sock_kind(const tr_sock *s) { return s->kind; }
uint64_t tr_sock_timeout(tr_sock *s, int which) { return atomic_load(&s->timeout_ms[which]); }
void tr_sock_set_timeout(tr_sock *s, int which, uint64_t ms) { atomic_store(&s->timeout_ms[which], ms); }

/* ---- waiting ------------------------------------------------------------------------ */

static void unpark(tr_process *p) {
    tr_sock *s = p->sockwait.sock;
    if (!s) return;
    tr_mutex_lock(&s->lock);
    if (p->sockwait.sock == s) {          /* (the epoll thread may have detached it) */
        *p->sockwait.pprev = p->sockwait.next;
        if (p->sockwait.next) p->sockwait.next->pprev = p->sockwait.pprev;
        p->sockwait.sock = NULL;
    }
    tr_mutex_unlock(&s->lock);
}

int tr_io_wait(tr_process *p, uint64_t timeout_ms) {
    tr_mutex_lock(&p->lock);
    if (!p->in_wait) {
        p->in_wait = true;
        p->timed_out = false;
        p->wait = TR_WAIT_IO;
        tr_disarm_wait_timer(p);
        if (timeout_ms != UINT64_MAX && !tr_arm_wait_timer(p, tr_deadline_after(timeout_ms))) {
            tr_end_wait_locked(p);
            tr_mutex_unlock(&p->lock);
            return TR_NOMEM;
        }
    }
    tr_mutex_unlock(&p->lock);
    return TR_PARKED;
}

int tr_sock_wait(tr_process *p, tr_sock *s, unsigned gen, uint64_t timeout_ms) {
    if (tr_io_wait(p, timeout_ms) == TR_NOMEM) return TR_NOMEM;
    if (p->sockwait.sock != s) unpark(p);
    tr_mutex_lock(&s->lock);
    if (atomic_load(&s->gen) != gen) {
        tr_mutex_unlock(&s->lock);
        return TR_RETRY;
    }
    if (p->sockwait.sock != s) {
        p->sockwait.p = p;
        p->sockwait.sock = s;
        p->sockwait.next = s->waiters;
        p->sockwait.pprev = &s->waiters;
        if (s->waiters) s->waiters->pprev = &p->sockwait.next;
        s->waiters = &p->sockwait;
    }
    tr_mutex_unlock(&s->lock);
    return TR_PARKED;
}

void tr_sock_wait_end(tr_process *p) {
    unpark(p);
    tr_mutex_lock(&p->lock);
    if (p->in_wait) tr_end_wait_locked(p);
    tr_mutex_unlock(&p->lock);
}

bool tr_sock_timed_out(tr_process *p) {
    tr_mutex_lock(&p->lock);
    bool t = p->in_wait && p->timed_out;
    tr_mutex_unlock(&p->lock);
    if (t) tr_sock_wait_end(p);
    return t;
}

void tr_net_process_end(tr_process *p) {
    unpark(p);
    if (p->io_op) {
        tr_io_op *op = p->io_op;
        p->io_op = NULL;
        op->free(op);
    }
}
