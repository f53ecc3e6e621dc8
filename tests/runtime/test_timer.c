/* test_timer.c — the timer service (runtime/timer.c): firing order, never early and soon
 * enough, cancel (before, after and racing with firing), callbacks that add and cancel,
 * concurrent use with exact accounting, a million pending timers, freeing with timers
 * pending and a callback running, no spinning on far deadlines, out of memory.
 *   test-timer */
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../harness.h"
#include "../../runtime/timer.h"

#define MS 1000000ull
#define SEC 1000000000ull
/* "Reasonably soon" after a deadline: generous, so that a loaded CI machine doesn't flake. */
#define LATE_NS (200 * MS)

/* Sanitizers reserve terabytes of address space: the RLIMIT_AS test can't run under them. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif


static void sleep_ms(unsigned ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* Waits (polling: this is the test, not the service) until *c >= want; false on timeout. */
static bool wait_for(atomic_long *c, long want, unsigned timeout_ms)
{
    for (unsigned i = 0; i < timeout_ms; i++) {
        if (atomic_load(c) >= want) return true;
        sleep_ms(1);
    }
    return atomic_load(c) >= want;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void)   /* xorshift64: reproducible */
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Any callback that sees the clock before its deadline counts here. */
static atomic_long early;

/* ---- ordering ------------------------------------------------------------------------- */

typedef struct { uint64_t deadline; int seq; } rec;
static int fired_order[256];
static atomic_long nfired_order;
static sem_t gate;
static atomic_long gate_entered;

static void gate_fn(void *arg, uint64_t id)
{
    (void)arg, (void)id;
    atomic_store(&gate_entered, 1);
    sem_wait(&gate);
}

static void order_fn(void *arg, uint64_t id)
{
    (void)id;
    rec *r = arg;
    if (tr_now_ns() < r->deadline) atomic_fetch_add(&early, 1);
    long k = atomic_load(&nfired_order);
    fired_order[k] = r->seq;
    atomic_store(&nfired_order, k + 1);   /* publishes fired_order[k] to the main thread */
}

static int cmp_rec(const void *a, const void *b)
{
    const rec *x = a, *y = b;
    if (x->deadline != y->deadline) return x->deadline < y->deadline ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static void test_order(void)
{
    tr_timers *t = tr_timers_new();
    check(t != NULL, "tr_timers_new");
    /* The gate holds the timer thread in a callback while the timers go in, so the firing
     * order can't depend on how fast they are added. */
    sem_init(&gate, 0, 0);
    tr_timer_add(t, 0, gate_fn, NULL, NULL);
    check(wait_for(&gate_entered, 1, 2000), "order: the gate timer fires");

    enum { NDIST = 100, NEQ = 30, NALL = NDIST + NEQ };
    static rec recs[NALL];
    int perm[NDIST];
    for (int i = 0; i < NDIST; i++) perm[i] = i;
    for (int i = NDIST - 1; i > 0; i--) {
        int j = (int)(rnd() % (uint64_t)(i + 1)), x = perm[i];
        perm[i] = perm[j]; perm[j] = x;
    }
    uint64_t base = tr_now_ns(), prev_id = 0;
    bool ids_increase = true;
    int seq = 0;
    /* 100 distinct shuffled deadlines, interleaved with 3 groups of 10 equal ones */
    for (int i = 0; i < NDIST; i++) {
        recs[seq] = (rec){ base + (uint64_t)perm[i] * 10000, seq };
        uint64_t id = tr_timer_add(t, recs[seq].deadline, order_fn, NULL, &recs[seq]);
        ids_increase &= id > prev_id;
        prev_id = id;
        seq++;
        if (i % 10 == 3) {
            for (int g = 0; g < 3; g++) {
                recs[seq] = (rec){ base + (uint64_t)g * 333000 + 5000, seq };
                id = tr_timer_add(t, recs[seq].deadline, order_fn, NULL, &recs[seq]);
                ids_increase &= id > prev_id;
                prev_id = id;
                seq++;
            }
        }
    }
    check(seq == NALL, "order: timer count");
    check(ids_increase, "order: ids are > 0 and increase");
    check(tr_timers_pending(t) == NALL, "order: all pending behind the gate");
    sem_post(&gate);
    check(wait_for(&nfired_order, NALL, 3000), "order: all fire");

    qsort(recs, NALL, sizeof *recs, cmp_rec);
    bool in_order = true;
    for (int i = 0; i < NALL; i++) in_order &= fired_order[i] == recs[i].seq;
    check(in_order, "order: by deadline, equal deadlines in add order");
    check(atomic_load(&early) == 0, "order: none fires before its deadline");
    check(tr_timers_pending(t) == 0, "order: none pending after");
    tr_timers_free(t);
    sem_destroy(&gate);
}

/* ---- timing --------------------------------------------------------------------------- */

typedef struct { uint64_t deadline; _Atomic uint64_t fired_at; } timed;

static void timed_fn(void *arg, uint64_t id)
{
    (void)id;
    timed *x = arg;
    atomic_store(&x->fired_at, tr_now_ns());
}

static bool wait_fired(timed *x, unsigned timeout_ms)
{
    for (unsigned i = 0; i < timeout_ms && !atomic_load(&x->fired_at); i++) sleep_ms(1);
    return atomic_load(&x->fired_at) != 0;
}

static void test_timing(void)
{
    tr_timers *t = tr_timers_new();
    /* future deadlines, added out of order: each one wakes the thread earlier */
    static const unsigned delays[] = { 50, 5, 30, 10, 20 };
    enum { N = sizeof delays / sizeof *delays };
    timed xs[N];
    uint64_t now = tr_now_ns();
    for (int i = 0; i < N; i++) {
        xs[i].deadline = now + delays[i] * MS;
        atomic_init(&xs[i].fired_at, 0);
        tr_timer_add(t, xs[i].deadline, timed_fn, NULL, &xs[i]);
    }
    bool all = true, not_early = true, soon = true;
    for (int i = 0; i < N; i++) {
        all &= wait_fired(&xs[i], 2000);
        uint64_t at = atomic_load(&xs[i].fired_at);
        not_early &= at >= xs[i].deadline;
        soon &= at < xs[i].deadline + LATE_NS;
    }
    check(all, "timing: future timers fire");
    check(not_early, "timing: not before the deadline");
    check(soon, "timing: soon after the deadline (< 200 ms)");

    /* past deadlines: 0, a second ago, now */
    now = tr_now_ns();
    uint64_t past[3] = { 0, now > SEC ? now - SEC : 0, now };
    timed ps[3];
    for (int i = 0; i < 3; i++) {
        ps[i].deadline = past[i];
        atomic_init(&ps[i].fired_at, 0);
        tr_timer_add(t, past[i], timed_fn, NULL, &ps[i]);
    }
    all = true, soon = true;
    for (int i = 0; i < 3; i++) {
        all &= wait_fired(&ps[i], 2000);
        soon &= atomic_load(&ps[i].fired_at) < now + LATE_NS;
    }
    check(all && soon, "timing: past deadlines fire promptly");

    /* a past deadline added while the thread sleeps until a far one wakes it */
    tr_timer_add(t, now + 3600 * SEC, NULL, NULL, NULL);
    sleep_ms(5);
    timed q = { .deadline = tr_now_ns() };
    atomic_init(&q.fired_at, 0);
    tr_timer_add(t, q.deadline, timed_fn, NULL, &q);
    check(wait_fired(&q, 2000) && atomic_load(&q.fired_at) < q.deadline + LATE_NS,
          "timing: an earlier timer wakes a sleeping thread");

    /* cancelling the earliest timer leaves the next one on time */
    now = tr_now_ns();
    timed c1 = { .deadline = now + 10 * MS }, c2 = { .deadline = now + 20 * MS };
    atomic_init(&c1.fired_at, 0);
    atomic_init(&c2.fired_at, 0);
    uint64_t id1 = tr_timer_add(t, c1.deadline, timed_fn, NULL, &c1);
    tr_timer_add(t, c2.deadline, timed_fn, NULL, &c2);
    check(tr_timer_cancel(t, id1), "timing: cancel the earliest");
    check(wait_fired(&c2, 2000) && atomic_load(&c2.fired_at) >= c2.deadline &&
          atomic_load(&c2.fired_at) < c2.deadline + LATE_NS, "timing: the next one on time");
    check(atomic_load(&c1.fired_at) == 0, "timing: the cancelled one never fires");
    tr_timers_free(t);
}

/* No spinning: with only far ("never") timers the process uses ~no CPU while it waits. */
static void test_idle(void)
{
    tr_timers *t = tr_timers_new();
    tr_timer_add(t, UINT64_MAX, NULL, NULL, NULL);
    tr_timer_add(t, tr_now_ns() + 3600 * SEC, NULL, NULL, NULL);
    sleep_ms(10);
    struct timespec a, b;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
    sleep_ms(200);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
    int64_t cpu = (int64_t)(b.tv_sec - a.tv_sec) * (int64_t)SEC + (b.tv_nsec - a.tv_nsec);
    check(cpu < (int64_t)(50 * MS), "idle: no busy waiting with far deadlines");
    check(tr_timers_pending(t) == 2, "idle: far timers stay pending");
    tr_timers_free(t);
}

/* ---- cancel ----------------------------------------------------------------------------- */

typedef struct { atomic_long fn, drop; } counts;

static void count_fn(void *arg, uint64_t id)
{
    (void)id;
    atomic_fetch_add(&((counts *)arg)->fn, 1);
}

static void count_drop(void *arg, uint64_t id)
{
    (void)id;
    atomic_fetch_add(&((counts *)arg)->drop, 1);
}

static void test_cancel(void)
{
    tr_timers *t = tr_timers_new();
    counts c = { 0 };
    check(!tr_timer_cancel(t, 0), "cancel: id 0");
    check(!tr_timer_cancel(t, 12345), "cancel: never issued id");
    check(!tr_timer_cancel(t, UINT64_MAX), "cancel: UINT64_MAX");

    /* before firing */
    uint64_t far = tr_now_ns() + 3600 * SEC;
    uint64_t ids[10];
    for (int i = 0; i < 10; i++) ids[i] = tr_timer_add(t, far + (uint64_t)i, count_fn, count_drop, &c);
    check(tr_timers_pending(t) == 10, "cancel: 10 pending");
    check(tr_timer_cancel(t, ids[4]), "cancel: a pending timer");
    check(atomic_load(&c.drop) == 1 && atomic_load(&c.fn) == 0, "cancel: drop ran once, fn not");
    check(tr_timers_pending(t) == 9, "cancel: 9 pending");
    check(!tr_timer_cancel(t, ids[4]), "cancel: twice");
    check(atomic_load(&c.drop) == 1, "cancel: twice drops once");
    check(!tr_timer_cancel(t, ids[9] + 1000), "cancel: a future id");
    for (int i = 0; i < 10; i++)
        if (i != 4) tr_timer_cancel(t, ids[i]);
    check(atomic_load(&c.drop) == 10 && tr_timers_pending(t) == 0, "cancel: all of them");

    /* a NULL drop */
    uint64_t id = tr_timer_add(t, far, count_fn, NULL, &c);
    check(tr_timer_cancel(t, id), "cancel: with no drop callback");

    /* after firing */
    counts d = { 0 };
    id = tr_timer_add(t, 0, count_fn, count_drop, &d);
    check(wait_for(&d.fn, 1, 2000), "cancel: a past timer fires");
    check(!tr_timer_cancel(t, id), "cancel: after firing is false");
    check(atomic_load(&d.drop) == 0 && atomic_load(&d.fn) == 1, "cancel: after firing drops nothing");

    /* ids are never reused, whatever was freed in between */
    uint64_t id2 = tr_timer_add(t, far, count_fn, count_drop, &d);
    check(id2 > id, "cancel: ids never reused");
    check(!tr_timer_cancel(t, id), "cancel: stale id next to a live one");
    check(tr_timer_cancel(t, id2), "cancel: the live one");
    tr_timers_free(t);
}

/* ---- callbacks using the service ---------------------------------------------------------- */

static tr_timers *cb_t;
static atomic_long rearms, victim_dropped, self_cancel_false, victim_cancel_true, child_fired,
    cb_done;
static uint64_t victim_id;                         /* set before the killer can run */

static void rearm_fn(void *arg, uint64_t id)
{
    (void)arg;
    (void)id;
    if (atomic_fetch_add(&rearms, 1) + 1 < 10) tr_timer_add(cb_t, tr_now_ns() + MS, rearm_fn, NULL, NULL);
    else atomic_fetch_add(&cb_done, 1);
}

static void victim_drop(void *arg, uint64_t id)
{
    (void)arg;
    if (id == victim_id) atomic_fetch_add(&victim_dropped, 1);
}

static void child_fn(void *arg, uint64_t id)
{
    (void)arg, (void)id;
    atomic_fetch_add(&child_fired, 1);
    atomic_fetch_add(&cb_done, 1);
}

static void killer_fn(void *arg, uint64_t id)
{
    (void)arg;
    if (!tr_timer_cancel(cb_t, id)) atomic_fetch_add(&self_cancel_false, 1);
    if (tr_timer_cancel(cb_t, victim_id)) atomic_fetch_add(&victim_cancel_true, 1);
    tr_timer_add(cb_t, 0, child_fn, NULL, NULL);
    atomic_fetch_add(&cb_done, 1);
}

static void test_callbacks(void)
{
    cb_t = tr_timers_new();
    victim_id = tr_timer_add(cb_t, tr_now_ns() + 3600 * SEC, count_fn, victim_drop, NULL);
    tr_timer_add(cb_t, tr_now_ns() + 2 * MS, killer_fn, NULL, NULL);
    tr_timer_add(cb_t, 0, rearm_fn, NULL, NULL);
    check(wait_for(&cb_done, 3, 3000), "callbacks: all done");
    check(atomic_load(&rearms) == 10, "callbacks: a timer re-armed from its callback 10 times");
    check(atomic_load(&self_cancel_false) == 1, "callbacks: cancelling itself is false");
    check(atomic_load(&victim_cancel_true) == 1 && atomic_load(&victim_dropped) == 1,
          "callbacks: cancelling another from a callback drops it");
    check(atomic_load(&child_fired) == 1, "callbacks: a timer added by a callback fires");
    check(tr_timers_pending(cb_t) == 0, "callbacks: none pending");
    tr_timers_free(cb_t);
}

/* ---- concurrency -------------------------------------------------------------------------- */

enum { NTHREADS = 4, PER_THREAD = 50000, TOTAL = NTHREADS * PER_THREAD };
static tr_timers *cc_t;
static atomic_int hits[TOTAL];                    /* fn or drop of timer k, each +1 */
static _Atomic uint64_t cc_ids[TOTAL];
static atomic_long cc_fired, cc_dropped, cc_cancelled, cc_added, cc_oom;

static void cc_fn(void *arg, uint64_t id)
{
    (void)id;
    atomic_fetch_add((atomic_int *)arg, 1);
    atomic_fetch_add(&cc_fired, 1);
}

static void cc_drop(void *arg, uint64_t id)
{
    (void)id;
    atomic_fetch_add((atomic_int *)arg, 1);
    atomic_fetch_add(&cc_dropped, 1);
}

static void *cc_thread(void *arg)
{
    int me = (int)(intptr_t)arg;
    uint64_t r = 0x2545F4914F6CDD1Dull * (uint64_t)(me + 1);
    for (int i = 0; i < PER_THREAD; i++) {
        r ^= r << 13, r ^= r >> 7, r ^= r << 17;
        int k = me * PER_THREAD + i;
        /* deadlines from now to 2 ms on: about half fire while the others are cancelled */
        uint64_t id = tr_timer_add(cc_t, tr_now_ns() + r % (2 * MS), cc_fn, cc_drop, &hits[k]);
        if (!id) { atomic_fetch_add(&cc_oom, 1); continue; }
        atomic_fetch_add(&cc_added, 1);
        atomic_store(&cc_ids[k], id);
        /* cancel a random timer of any thread: maybe pending, fired, cancelled, not added */
        uint64_t victim = atomic_load(&cc_ids[(r >> 20) % TOTAL]);
        if (i % 2 && tr_timer_cancel(cc_t, victim)) atomic_fetch_add(&cc_cancelled, 1);
        if (i % 3 == 0 && tr_timer_cancel(cc_t, id)) atomic_fetch_add(&cc_cancelled, 1);
    }
    return NULL;
}

static void test_concurrent(void)
{
    cc_t = tr_timers_new();
    pthread_t th[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) pthread_create(&th[i], NULL, cc_thread, (void *)(intptr_t)i);
    for (int i = 0; i < NTHREADS; i++) pthread_join(th[i], NULL);
    check(atomic_load(&cc_oom) == 0 && atomic_load(&cc_added) == TOTAL, "concurrent: all added");
    /* fired + dropped reaches added once the last deadline (<= 2 ms away) has passed */
    long want = atomic_load(&cc_added);
    for (int i = 0; i < 3000 && atomic_load(&cc_fired) + atomic_load(&cc_dropped) < want; i++)
        sleep_ms(1);
    check(tr_timers_pending(cc_t) == 0, "concurrent: none pending at the end");
    tr_timers_free(cc_t);
    long fired = atomic_load(&cc_fired), dropped = atomic_load(&cc_dropped);
    check(fired + dropped == want, "concurrent: fired + dropped == added");
    check(dropped == atomic_load(&cc_cancelled), "concurrent: dropped == successful cancels");
    check(fired > 0 && dropped > 0, "concurrent: both fired and cancelled timers");
    bool once = true;
    for (int k = 0; k < TOTAL; k++) once &= atomic_load(&hits[k]) == 1;
    check(once, "concurrent: exactly one of fn/drop per timer, once");
}

/* ---- a million pending timers --------------------------------------------------------------- */

static atomic_long big_fn, big_drop;

static void big_fire(void *arg, uint64_t id)
{
    (void)id;
    free(arg);
    atomic_fetch_add(&big_fn, 1);
}

static void big_free(void *arg, uint64_t id)
{
    if (*(uint64_t *)arg != id) atomic_fetch_add(&early, 1000000);   /* wrong arg for the id */
    free(arg);
    atomic_fetch_add(&big_drop, 1);
}

static void test_million(void)
{
    enum { BIG = 1000000 };
    tr_timers *t = tr_timers_new();
    uint64_t base = tr_now_ns() + 3600 * SEC;
    static uint64_t ids[BIG];
    bool ok = true;
    for (uint32_t i = 0; i < BIG; i++) {
        uint64_t *arg = malloc(sizeof *arg);
        if (!arg) { ok = false; break; }
        /* deadlines in a scrambled order (7919 is prime to BIG), so the heap has work */
        uint64_t id = tr_timer_add(t, base + (uint64_t)(i * 7919u % BIG) * 1000, big_fire, big_free, arg);
        if (!id) { free(arg); ok = false; break; }
        *arg = id;   /* the timer thread won't look before an hour: no race */
        ids[i] = id;
    }
    check(ok, "million: all added");
    check(tr_timers_pending(t) == BIG, "million: all pending");
    long cancelled = 0;
    for (uint32_t i = 0; i < BIG; i += 10) cancelled += tr_timer_cancel(t, ids[i]);
    check(cancelled == BIG / 10 && atomic_load(&big_drop) == BIG / 10, "million: cancel every 10th");
    check(tr_timers_pending(t) == BIG - BIG / 10, "million: pending after cancels");
    tr_timers_free(t);
    check(atomic_load(&big_drop) == BIG && atomic_load(&big_fn) == 0,
          "million: free drops every pending timer");
    check(atomic_load(&early) == 0, "million: every drop got its own arg and id");
}

/* ---- free with callbacks pending ------------------------------------------------------------ */

static tr_timers *fr_t;
static atomic_long fr_fn, fr_drop, fr_added, fr_sleeper_in;

static void fr_fire(void *arg, uint64_t id)
{
    (void)id;
    free(arg);
    atomic_fetch_add(&fr_fn, 1);
}

static void fr_free(void *arg, uint64_t id)
{
    (void)id;
    free(arg);
    atomic_fetch_add(&fr_drop, 1);
}

/* Blocks the timer thread while tr_timers_free starts, then adds more work. */
static void fr_sleeper(void *arg, uint64_t id)
{
    (void)id;
    free(arg);
    atomic_fetch_add(&fr_fn, 1);
    atomic_store(&fr_sleeper_in, 1);
    sleep_ms(100);
    for (int i = 0; i < 10; i++) {
        void *a = malloc(1);
        if (tr_timer_add(fr_t, 0, fr_fire, fr_free, a)) atomic_fetch_add(&fr_added, 1);
        else free(a);
    }
}

static void test_free_pending(void)
{
    fr_t = tr_timers_new();
    uint64_t now = tr_now_ns();
    tr_timer_add(fr_t, 0, fr_sleeper, fr_free, malloc(1));
    atomic_fetch_add(&fr_added, 1);
    for (int i = 0; i < 1000; i++) {   /* half due now (behind the sleeper), half far */
        uint64_t d = i % 2 ? now : now + 3600 * SEC;
        if (tr_timer_add(fr_t, d, fr_fire, fr_free, malloc(1))) atomic_fetch_add(&fr_added, 1);
    }
    check(wait_for(&fr_sleeper_in, 1, 2000), "free: the sleeper runs");
    tr_timers_free(fr_t);   /* waits for the sleeper, whatever it added is dropped */
    check(atomic_load(&fr_fn) + atomic_load(&fr_drop) == atomic_load(&fr_added),
          "free: fired + dropped == added");
    check(atomic_load(&fr_added) == 1011, "free: callbacks could add during free");
    check(atomic_load(&fr_drop) >= 500, "free: far timers dropped");

    /* freeing an idle service, and NULL */
    tr_timers_free(tr_timers_new());
    tr_timers_free(NULL);
    check(1, "free: idle and NULL");
}

/* ---- out of memory ------------------------------------------------------------------------ */

static void test_oom(void)
{
#ifdef SANITIZED
    check(1, "oom: skipped under sanitizers");
#else
    tr_timers *t = tr_timers_new();
    counts c = { 0 };
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    if (!f || fscanf(f, "%lu", &pages) != 1) { check(0, "oom: read /proc/self/statm"); return; }
    fclose(f);
    struct rlimit old, lim;
    getrlimit(RLIMIT_AS, &old);
    lim = old;
    lim.rlim_cur = (rlim_t)pages * 4096 + (64u << 20);   /* 64 MiB more than now: ~1M timers */
    if (old.rlim_cur != RLIM_INFINITY && old.rlim_cur < lim.rlim_cur) lim.rlim_cur = old.rlim_cur;
    /* Nothing below may print or allocate besides the service until the limit is lifted. */
    setrlimit(RLIMIT_AS, &lim);
    uint64_t far = tr_now_ns() + 3600 * SEC, added = 0, last = 0;
    bool got_zero = false;
    for (uint32_t i = 0; i < 20000000; i++) {
        uint64_t id = tr_timer_add(t, far + i, count_fn, count_drop, &c);
        if (!id) { got_zero = true; break; }
        added++;
        last = id;
    }
    size_t pending = tr_timers_pending(t);
    bool cancel_ok = added > 0 && tr_timer_cancel(t, last);
    setrlimit(RLIMIT_AS, &old);
    check(got_zero, "oom: tr_timer_add returns 0 when memory runs out");
    check(pending == added, "oom: a failed add changes nothing");
    check(cancel_ok, "oom: cancel works after a failed add");
    counts d = { 0 };
    check(tr_timer_add(t, 0, count_fn, count_drop, &d) != 0 && wait_for(&d.fn, 1, 2000),
          "oom: adds and fires again once memory is back");
    tr_timers_free(t);
    check(atomic_load(&c.drop) == (long)added && atomic_load(&c.fn) == 0,
          "oom: every added timer dropped once");
#endif
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct { const char *name; void (*fn)(void); } tests[] = {
        { "order", test_order }, { "timing", test_timing }, { "idle", test_idle },
        { "cancel", test_cancel }, { "callbacks", test_callbacks },
        { "concurrent", test_concurrent }, { "million", test_million },
        { "free", test_free_pending }, { "oom", test_oom },
    };
    bool verbose = getenv("TEST_TIMER_VERBOSE") != NULL;
    for (size_t i = 0; i < sizeof tests / sizeof *tests; i++) {
        uint64_t t0 = tr_now_ns();
        tests[i].fn();
        if (verbose) fprintf(stderr, "%s: %.0f ms\n", tests[i].name, (double)(tr_now_ns() - t0) / 1e6);
    }
    return summary();
}
