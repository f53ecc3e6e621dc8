/* dns.c — name lookups for lunatic::networking::resolve, and the address lists (DNS
 * iterators) the networking calls return.
 *
 * getaddrinfo blocks, so it runs on a small pool of resolver threads (TR_RESOLVERS), never
 * on a worker: the calling process parks (TR_WAIT_IO, with its timeout) and the resolver
 * that finishes its job wakes it; the re-issued call then collects the answer. A job whose
 * process timed out or died is finished and dropped by its resolver. Names that are
 * already addresses ("127.0.0.1:80", "[::1]:80") are answered at once, without a thread.
 * (glibc's getaddrinfo_a would spawn a thread per request; a fixed pool bounds them.) */
#include <arpa/inet.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "net.h"
#include "wait.h"

struct tr_dns {
    tr_addr *a;
    uint32_t n, next;
};

tr_dns *tr_dns_one(const tr_addr *a) {
    tr_dns *d = calloc(1, sizeof *d);
    if (!d || !(d->a = malloc(sizeof *a))) { free(d); return NULL; }
    d->a[0] = *a;
    d->n = 1;
    return d;
}

bool tr_dns_next(tr_dns *d, tr_addr *out) {
    if (d->next >= d->n) return false;
    *out = d->a[d->next++];
    return true;
}

void tr_dns_free(tr_dns *d) {
    if (!d) return;
    free(d->a);
    free(d);
}

/* ---- the resolver pool --------------------------------------------------------------- */

typedef struct job {
    struct job *next;
    atomic_uint refs;                 /* the process's op + the queue/resolver */
    char *host; uint16_t port;
    tr_runtime *rt; uint64_t pid;
    atomic_bool done;
    int gai;                          /* getaddrinfo's result */
    tr_dns *result;
} job;

struct tr_resolver {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    job *head, *tail;
    bool stop;
    pthread_t threads[TR_RESOLVERS];
    unsigned nthreads;
};

static void job_unref(job *j) {
    if (atomic_fetch_sub(&j->refs, 1) != 1) return;
    free(j->host);
    tr_dns_free(j->result);
    free(j);
}

static tr_dns *collect(const struct addrinfo *ai, uint16_t port) {
    tr_dns *d = calloc(1, sizeof *d);
    uint32_t cap = 0;
    for (const struct addrinfo *x = ai; x; x = x->ai_next) cap++;
    if (!d || !(d->a = calloc(cap ? cap : 1, sizeof *d->a))) { free(d); return NULL; }
    for (const struct addrinfo *x = ai; x; x = x->ai_next) {
        if (x->ai_family != AF_INET && x->ai_family != AF_INET6) continue;
        tr_addr a;
        tr_addr_from_sa(x->ai_addr, &a);
        a.port = port;
        bool dup = false;
        for (uint32_t i = 0; i < d->n && !dup; i++) dup = !memcmp(&d->a[i], &a, sizeof a);
        if (!dup) d->a[d->n++] = a;
    }
    return d;
}

static void *resolver_main(void *arg) {
    struct tr_resolver *r = arg;
    for (;;) {
        pthread_mutex_lock(&r->lock);
        while (!r->head && !r->stop) pthread_cond_wait(&r->cond, &r->lock);
        job *j = r->head;
        if (!j) { pthread_mutex_unlock(&r->lock); break; }
        if (!(r->head = j->next)) r->tail = NULL;
        pthread_mutex_unlock(&r->lock);
        if (atomic_load(&j->refs) > 1) {          /* its process still wants it */
            struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
            struct addrinfo *ai = NULL;
            j->gai = getaddrinfo(j->host, NULL, &hints, &ai);
            if (!j->gai) {
                j->result = collect(ai, j->port);
                if (!j->result) j->gai = EAI_MEMORY;
                freeaddrinfo(ai);
            }
            atomic_store(&j->done, true);
            tr_process *p = tr_lookup(j->rt, j->pid);
            if (p) {
                tr_wake(p);
                tr_process_unref(p);
            }
        }
        job_unref(j);
    }
    return NULL;
}

struct tr_resolver *tr_resolver_new(char *err, size_t errlen) {
    struct tr_resolver *r = calloc(1, sizeof *r);
    if (!r) { snprintf(err, errlen, "out of memory"); return NULL; }
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->cond, NULL);
    for (unsigned i = 0; i < TR_RESOLVERS; i++) {
        pthread_attr_t at;
        pthread_attr_init(&at);
        pthread_attr_setstacksize(&at, 256 << 10);
        int e = pthread_create(&r->threads[i], &at, resolver_main, r);
        pthread_attr_destroy(&at);
        if (e) {
            snprintf(err, errlen, "cannot start a resolver thread: %s", strerror(e));
            tr_resolver_free(r);
            return NULL;
        }
        r->nthreads++;
    }
    return r;
}

void tr_resolver_free(struct tr_resolver *r) {
    if (!r) return;
    pthread_mutex_lock(&r->lock);
    r->stop = true;
    pthread_cond_broadcast(&r->cond);
    pthread_mutex_unlock(&r->lock);
    for (unsigned i = 0; i < r->nthreads; i++) pthread_join(r->threads[i], NULL);
    for (job *j = r->head, *nx; j; j = nx) {
        nx = j->next;
        job_unref(j);
    }
    pthread_mutex_destroy(&r->lock);
    pthread_cond_destroy(&r->cond);
    free(r);
}

/* ---- resolving --------------------------------------------------------------------------- */

void tr_lookup_drop(struct tr_lookup *lk) {
    if (lk) job_unref((job *)lk);
}

/* An address literal: the answer without a lookup. */
static bool literal(const char *host, uint16_t port, tr_addr *a) {
    memset(a, 0, sizeof *a);
    a->port = port;
    if (inet_pton(AF_INET, host, a->ip) == 1) { a->family = 4; return true; }
    if (inet_pton(AF_INET6, host, a->ip) == 1) { a->family = 6; return true; }
    return false;
}

int tr_lookup_step(tr_process *p, struct tr_lookup **lk, const char *host, uint16_t port,
                   uint64_t timeout_ms, tr_dns **out, char *err, size_t errlen) {
    job *j = (job *)*lk;
    if (!j) {
        tr_addr a;
        if (literal(host, port, &a)) {
            if ((*out = tr_dns_one(&a))) return TR_STEP_DONE;
            snprintf(err, errlen, "out of memory");
            return TR_STEP_FAIL;
        }
        struct tr_resolver *r = tr_net_get(p->rt, err, errlen) ? tr_net_resolver(p->rt) : NULL;
        if (!r) return TR_STEP_FAIL;
        j = calloc(1, sizeof *j);
        char *h = strdup(host);
        if (!j || !h || tr_io_wait(p, timeout_ms) == TR_NOMEM) {
            free(j);
            free(h);
            snprintf(err, errlen, "out of memory");
            return TR_STEP_FAIL;
        }
        atomic_init(&j->refs, 2);
        j->host = h;
        j->port = port;
        j->rt = p->rt;
        j->pid = p->id;
        *lk = (struct tr_lookup *)j;
        pthread_mutex_lock(&r->lock);
        if (r->tail) r->tail->next = j;
        else r->head = j;
        r->tail = j;
        pthread_cond_signal(&r->cond);
        pthread_mutex_unlock(&r->lock);
        return TR_STEP_BLOCK;
    }
    if (!atomic_load(&j->done)) return TR_STEP_BLOCK;   /* woken for something else */
    if (j->gai) {
        snprintf(err, errlen, "failed to lookup address information: %s", gai_strerror(j->gai));
        return TR_STEP_FAIL;
    }
    *out = j->result;
    j->result = NULL;
    return TR_STEP_DONE;
}

typedef struct {
    tr_io_op op;
    struct tr_lookup *lk;
} resolve_op;

static void resolve_op_free(tr_io_op *op) {
    tr_lookup_drop(((resolve_op *)op)->lk);
    free(op);
}

tw_host_status tr_resolve_op(tw_hostcall *hc, const char *host, uint16_t port, uint64_t timeout_ms,
                             tr_dns **out, int *code, char *err, size_t errlen) {
    tr_process *p = tr_current(hc);
    resolve_op *op = (resolve_op *)p->io_op;
    if (!op) {
        if (!(op = calloc(1, sizeof *op))) {
            snprintf(err, errlen, "out of memory");
            *code = 1;
            return TW_HOST_OK;
        }
        op->op.free = resolve_op_free;
        p->io_op = &op->op;
    } else if (tr_sock_timed_out(p)) {
        *code = TR_TIMEOUT;
        goto done;
    }
    int st = tr_lookup_step(p, &op->lk, host, port, timeout_ms, out, err, errlen);
    if (st == TR_STEP_BLOCK) return TW_HOST_BLOCK;
    *code = st == TR_STEP_DONE ? 0 : 1;
done:
    tr_sock_wait_end(p);
    p->io_op = NULL;
    op->op.free(&op->op);
    return TW_HOST_OK;
}

/* "host:port", "[v6]:port": split, then looked up. */
tw_host_status tr_resolve(tw_hostcall *hc, const char *name, size_t len, uint64_t timeout_ms,
                          tr_dns **out, int *code, char *err, size_t errlen) {
    tr_process *p = tr_current(hc);
    char host[256];
    const char *colon = len ? memrchr(name, ':', len) : NULL;
    size_t hl = colon ? (size_t)(colon - name) : 0;
    const char *h = name;
    if (hl >= 2 && name[0] == '[' && name[hl - 1] == ']') { h++; hl -= 2; }
    char *end = NULL;
    char portbuf[8] = {0};
    size_t pl = colon ? len - hl - (h != name ? 2 : 0) - 1 : 0;
    if (colon && pl > 0 && pl < sizeof portbuf) memcpy(portbuf, colon + 1, pl);
    unsigned long port = strtoul(portbuf, &end, 10);
    if (!p->io_op && (!colon || hl == 0 || hl >= sizeof host || pl == 0 || pl >= sizeof portbuf ||
                      *end || port > 65535)) {
        snprintf(err, errlen, "invalid socket address");
        *code = 1;
        return TW_HOST_OK;
    }
    memcpy(host, h, hl);
    host[hl] = 0;
    return tr_resolve_op(hc, host, (uint16_t)port, timeout_ms, out, code, err, errlen);
}
