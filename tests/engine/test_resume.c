/* test_resume.c — the engine's hard requirements, through engine.h only:
 *   (a) out-of-fuel suspension and resumption, two instances interleaved;
 *   (b) a suspended call resumed on other OS threads;
 *   (c) host functions that block (TW_HOST_BLOCK), multiple results, host traps;
 *   (d) deep recursion without C recursion, and the call-depth limit;
 *   (e) a trap in one instance leaves the others running; the trapped one goes on;
 *   (f) start functions;
 *   (g) nested calls: a host function calling back into the guest and catching its traps
 *       (tw_hostcall_invoke, Lunatic's lunatic::trap::catch), with fuel, blocking, threads,
 *       nesting, stack exhaustion, abort and free.
 * Usage: test-resume GUEST_DIR (the compiled guests: counter.wasm, host.wasm, traps.wasm,
 * start.wasm, rsum.wasm, catch.wasm). Prints one line per failure, then "N passed, N failed".
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "../harness.h"

static const char *guest_dir;


/* ---- helpers --------------------------------------------------------------------------- */

static tw_module *load(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", guest_dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        CHECK(0, "cannot open %s", path);
        return NULL;
    }
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, n;
    do {
        if (len == cap) {
            cap = cap ? cap * 2 : 65536;
            uint8_t *nb = realloc(buf, cap);
            if (!nb)
                abort();
            buf = nb;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    fclose(f);
    char err[256] = "";
    tw_module *m = tw_module_new(buf, len, err, sizeof err);
    free(buf);
    CHECK(m != NULL, "%s: %s", name, err);
    return m;
}

static void free_instance(tw_instance *inst)
{
    if (inst)
        tw_instance_free(inst);
}

static void free_module(tw_module *m)
{
    if (m)
        tw_module_free(m);
}

static tw_instance *instantiate(tw_module *m, const tw_extern *imports, uint32_t n,
                                const tw_config *cfg)
{
    char err[256] = "";
    tw_instance *inst = tw_instance_new(m, imports, n, cfg, err, sizeof err);
    CHECK(inst != NULL, "instantiate: %s", err);
    return inst;
}

static tw_func *func(tw_instance *inst, const char *name)
{
    tw_extern e;
    bool ok = tw_instance_export(inst, name, &e) && e.kind == TW_EXT_FUNC;
    CHECK(ok, "no exported function %s", name);
    return ok ? e.u.func : NULL;
}

static tw_global *global(tw_instance *inst, const char *name)
{
    tw_extern e;
    bool ok = tw_instance_export(inst, name, &e) && e.kind == TW_EXT_GLOBAL;
    CHECK(ok, "no exported global %s", name);
    return ok ? e.u.global : NULL;
}

static uint32_t mem_u32(tw_instance *inst, uint32_t addr)
{
    uint32_t v;
    memcpy(&v, tw_memory_data(tw_instance_memory(inst)) + addr, 4);
    return v;
}

/* Runs the pending call in slices of `fuel` until it stops for another reason (at most
 * max_slices slices, so a broken engine cannot hang the test). */
static tw_status run_slices(tw_instance *inst, uint64_t fuel, unsigned max_slices,
                            unsigned *slices)
{
    tw_status st = TW_OUT_OF_FUEL;
    unsigned k = 0;
    while (st == TW_OUT_OF_FUEL && k < max_slices) {
        st = tw_run(inst, fuel);
        k++;
    }
    if (slices)
        *slices = k;
    return st;
}

/* begin + run to the end (bounded) + first result. */
static tw_status call1(tw_instance *inst, tw_func *f, const tw_val *args, tw_val *result)
{
    if (!f)
        return TW_TRAPPED;  /* already reported by func() */
    if (!tw_call_begin(inst, f, args)) {
        CHECK(0, "tw_call_begin: %s", tw_trap_message(inst));
        return TW_TRAPPED;
    }
    tw_status st = run_slices(inst, 1u << 20, 100000, NULL);
    if (st == TW_RETURNED && result)
        *result = tw_results(inst)[0];
    return st;
}

static int msg_is(tw_instance *inst, const char *want)
{
    return strcmp(tw_trap_message(inst), want) == 0;
}

/* ---- (a) interleaved out-of-fuel slices -------------------------------------------------- */

static void test_interleave(void)
{
    tw_module *m = load("counter.wasm");
    if (!m)
        return;
    tw_instance *a = instantiate(m, NULL, 0, NULL), *b = instantiate(m, NULL, 0, NULL);
    if (!a || !b)
        goto out;
    tw_global *ca = global(a, "count"), *cb = global(b, "count");
    tw_func *spin_a = func(a, "spin"), *spin_b = func(b, "spin");
    if (!ca || !cb || !spin_a || !spin_b)
        goto out;
    CHECK(!tw_instance_has_start(a), "counter.wasm has no start function");
    CHECK(tw_call_begin(a, spin_a, NULL) && tw_call_begin(b, spin_b, NULL), "begin spin");

    /* b gets a different budget, so that mixing the two up would show. */
    const uint64_t fa = 1000, fb = 700;
    const unsigned slices = 1000;
    uint64_t pa = 0, pb = 0;
    unsigned bad = 0;
    for (unsigned k = 1; k <= slices && bad < 5; k++) {
        tw_status sa = tw_run(a, fa);
        tw_status sb = tw_run(b, fb);
        uint64_t na = tw_global_get(ca), nb = tw_global_get(cb);
        /* one loop iteration per reduction: after k slices of F, k*F iterations, give or
         * take the function entry and where exactly a slice stops (the engine today: exact) */
        int ok = sa == TW_OUT_OF_FUEL && sb == TW_OUT_OF_FUEL && na > pa && nb > pb &&
                 na + 2 >= k * fa && na <= k * fa + 2 && nb + 2 >= k * fb && nb <= k * fb + 2;
        /* the global and the memory counter move together */
        ok = ok && mem_u32(a, 0) == (uint32_t)na && mem_u32(b, 0) == (uint32_t)nb;
        bad += !ok;
        CHECK(ok, "slice %u: a %s count %" PRIu64 " -> %" PRIu64 " (mem %u), b %s count %" PRIu64
              " -> %" PRIu64 " (mem %u)", k, status_name(sa), pa, na, mem_u32(a, 0),
              status_name(sb), pb, nb, mem_u32(b, 0));
        pa = na, pb = nb;
    }
    CHECK(pa == slices * fa && pb == slices * fb, "after %u slices: a %" PRIu64 " (of %" PRIu64
          "), b %" PRIu64 " (of %" PRIu64 "): expected exactly budget x slices", slices, pa, fa,
          pb, fb);
    CHECK(tw_fuel_left(a) == 0, "fuel left after out of fuel: %" PRIu64, tw_fuel_left(a));

    /* a second call cannot begin while one is suspended; after an abort it can */
    tw_func *sum = func(a, "sum");
    tw_val arg = 100, r = 0;
    CHECK(sum && !tw_call_begin(a, sum, &arg), "tw_call_begin during a suspended call must fail");
    tw_call_abort(a);
    CHECK(sum && call1(a, sum, &arg, &r) == TW_RETURNED && r == 5050,
          "sum(100) after abort = %" PRIu64, r);
    CHECK(tw_run(a, 100) == TW_TRAPPED, "tw_run with no call in progress reports a trap");
    /* b was not disturbed: it still runs */
    uint64_t before = tw_global_get(cb);
    CHECK(tw_run(b, 50) == TW_OUT_OF_FUEL && tw_global_get(cb) > before, "b still runs");
    tw_call_abort(b);
out:
    free_instance(a);
    free_instance(b);
    free_module(m);
}

/* ---- (b) + (d) resuming on other threads, with small C stacks ----------------------------- */

struct slice_job {
    tw_instance *inst;
    tw_func *f;          /* if set: begin a call of f(arg) first */
    tw_val arg;
    uint64_t fuel;
    tw_status st;
};

static void *slice_thread(void *p)
{
    struct slice_job *j = p;
    if (j->f && !tw_call_begin(j->inst, j->f, &j->arg)) {
        j->st = TW_TRAPPED;
        return NULL;
    }
    j->st = tw_run(j->inst, j->fuel);
    return NULL;
}

/* Runs one job on a fresh thread with a 64 KiB stack: deep wasm recursion there would
 * overflow it if the engine recursed on the C stack. */
static tw_status on_small_thread(struct slice_job *j)
{
    pthread_attr_t attr;
    pthread_t t;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    int e = pthread_create(&t, &attr, slice_thread, j);
    pthread_attr_destroy(&attr);
    if (e) {
        CHECK(0, "pthread_create: %s", strerror(e));
        return TW_TRAPPED;
    }
    pthread_join(t, NULL);
    return j->st;
}

static void test_threads(void)
{
    tw_module *m = load("counter.wasm");
    if (!m)
        return;
    tw_instance *inst = instantiate(m, NULL, 0, NULL);
    tw_func *sum = inst ? func(inst, "sum") : NULL;
    if (!sum)
        goto out;
    /* sum(1e6) needs 1e6 back-edges: ~1000 slices, every other one on a new thread */
    tw_val n = 1000000;
    CHECK(tw_call_begin(inst, sum, &n), "begin sum");
    tw_status st = TW_OUT_OF_FUEL;
    unsigned k = 0, threads = 0;
    for (; st == TW_OUT_OF_FUEL && k < 5000; k++) {
        if (k % 2) {
            struct slice_job j = { inst, NULL, 0, 1000, TW_TRAPPED };
            st = on_small_thread(&j);
            threads++;
        } else {
            st = tw_run(inst, 1000);
        }
    }
    CHECK(st == TW_RETURNED && tw_results(inst)[0] == 500000500000ull,
          "sum(1e6) across threads: %s, %" PRIu64, status_name(st),
          st == TW_RETURNED ? tw_results(inst)[0] : 0);
    CHECK(k >= 990 && threads >= 495, "sum(1e6) took %u slices on %u threads", k, threads);
out:
    free_instance(inst);
    free_module(m);
}

static void test_recursion(void)
{
    tw_module *cm = load("rsum.wasm"), *wm = load("counter.wasm");
    tw_instance *c = cm ? instantiate(cm, NULL, 0, NULL) : NULL;
    tw_instance *w = wm ? instantiate(wm, NULL, 0, NULL) : NULL;
    tw_func *crsum = c ? func(c, "rsum") : NULL, *wrsum = w ? func(w, "rsum") : NULL;
    tw_func *clast = c ? func(c, "last") : NULL, *forever = w ? func(w, "forever") : NULL;
    if (!crsum || !wrsum || !clast || !forever)
        goto out;

    /* 100,000 frames deep in one run, on a 64 KiB C stack: C guest and wat guest */
    const uint64_t n = 100000, want = n * (n + 1) / 2;
    struct slice_job j = { c, crsum, n, UINT64_MAX, TW_TRAPPED };
    tw_status st = on_small_thread(&j);
    CHECK(st == TW_RETURNED && tw_results(c)[0] == want, "C rsum(100000): %s %s %" PRIu64,
          status_name(st), st == TW_TRAPPED ? tw_trap_message(c) : "",
          st == TW_RETURNED ? tw_results(c)[0] : 0);
    tw_val last = 0;
    CHECK(call1(c, clast, NULL, &last) == TW_RETURNED && last == n,
          "C guest's memory after rsum: last = %" PRIu64, last);
    j = (struct slice_job){ w, wrsum, n, UINT64_MAX, TW_TRAPPED };
    st = on_small_thread(&j);
    CHECK(st == TW_RETURNED && tw_results(w)[0] == want, "wat rsum(100000): %s %s",
          status_name(st), st == TW_TRAPPED ? tw_trap_message(w) : "");

    /* the same 100,000-deep call in slices of 500 reductions, each slice on a new thread
     * with a small stack: the suspended state is the whole deep stack */
    j = (struct slice_job){ c, crsum, n, 500, TW_TRAPPED };
    st = on_small_thread(&j);
    unsigned k = 1;
    for (; st == TW_OUT_OF_FUEL && k < 10000; k++) {
        j = (struct slice_job){ c, NULL, 0, 500, TW_TRAPPED };
        st = on_small_thread(&j);
    }
    CHECK(st == TW_RETURNED && tw_results(c)[0] == want && k >= 200,
          "C rsum(100000) in %u slices on threads: %s %s", k, status_name(st),
          st == TW_TRAPPED ? tw_trap_message(c) : "");

    /* unbounded recursion under the default config */
    tw_val r = 0, zero = 0, ten = 10;
    CHECK(tw_call_begin(w, forever, &zero), "begin forever");
    st = run_slices(w, 10000000, 10, NULL);
    CHECK(st == TW_TRAPPED && msg_is(w, "call stack exhausted"), "forever: %s \"%s\"",
          status_name(st), tw_trap_message(w));
    CHECK(tw_trap_backtrace(w)[0] != 0, "a trap in deep recursion has a backtrace");
    CHECK(call1(w, wrsum, &ten, &r) == TW_RETURNED && r == 55, "rsum(10) after the trap");
out:
    free_instance(c);
    free_instance(w);
    free_module(cm);
    free_module(wm);
}

static void test_depth_limit(void)
{
    tw_module *m = load("rsum.wasm");
    tw_config cfg = { .max_call_depth = 1000 };
    tw_instance *inst = m ? instantiate(m, NULL, 0, &cfg) : NULL;
    tw_func *rsum = inst ? func(inst, "rsum") : NULL;
    if (rsum) {
        tw_val big = 100000, small = 500, r = 0;
        tw_status st = call1(inst, rsum, &big, &r);
        CHECK(st == TW_TRAPPED && msg_is(inst, "call stack exhausted"),
              "rsum(100000) with max_call_depth 1000: %s \"%s\"", status_name(st),
              tw_trap_message(inst));
        st = call1(inst, rsum, &small, &r);
        CHECK(st == TW_RETURNED && r == 125250, "rsum(500) with max_call_depth 1000: %s %s",
              status_name(st), tw_trap_message(inst));
    }
    free_instance(inst);
    free_module(m);
}

/* ---- (c) host functions that block ---------------------------------------------------- */

struct host_env {
    unsigned calls, block_times;
    tw_val args[8][2];
    tw_instance *seen_inst[8];
};

static void record(struct host_env *e, tw_hostcall *hc, const tw_val *sp, int nargs)
{
    if (e->calls < 8) {
        memcpy(e->args[e->calls], sp, (size_t)nargs * sizeof *sp);
        e->seen_inst[e->calls] = hc->instance;
    }
    e->calls++;
}

/* combine(x, y) = x * 100 + y, after blocking block_times times */
static tw_host_status host_combine(tw_hostcall *hc, tw_val *sp)
{
    struct host_env *e = hc->env;
    record(e, hc, sp, 2);
    if (e->calls <= e->block_times)
        return TW_HOST_BLOCK;
    sp[0] = (uint32_t)((uint32_t)sp[0] * 100u + (uint32_t)sp[1]);
    return TW_HOST_OK;
}

/* split(v) = (v + 1, low 32 bits of 2v), after blocking block_times times */
static tw_host_status host_split(tw_hostcall *hc, tw_val *sp)
{
    struct host_env *e = hc->env;
    record(e, hc, sp, 1);
    if (e->calls <= e->block_times)
        return TW_HOST_BLOCK;
    uint64_t v = sp[0];
    sp[0] = v + 1;
    sp[1] = (uint32_t)(v * 2);
    return TW_HOST_OK;
}

static tw_host_status host_fail(tw_hostcall *hc, tw_val *sp)
{
    return tw_hostcall_trapf(hc, "host says no to %u", (unsigned)(uint32_t)sp[0]);
}

static void test_host(void)
{
    static const uint8_t ii[] = { TW_I32, TW_I32 }, i[] = { TW_I32 }, l[] = { TW_I64 },
                         li[] = { TW_I64, TW_I32 };
    const tw_functype t_combine = { 2, 1, ii, i }, t_split = { 1, 2, l, li },
                      t_fail = { 1, 0, i, NULL };
    struct host_env ec = { 0, 2, { { 0 } }, { 0 } }, es = { 0, 1, { { 0 } }, { 0 } };
    tw_func *hf[3] = { tw_func_new_host(&t_combine, host_combine, &ec),
                       tw_func_new_host(&t_split, host_split, &es),
                       tw_func_new_host(&t_fail, host_fail, NULL) };
    tw_extern imp[3];
    for (int k = 0; k < 3; k++)
        imp[k] = (tw_extern){ .kind = TW_EXT_FUNC, .u.func = hf[k] };
    tw_module *m = load("host.wasm");
    tw_instance *inst = m ? instantiate(m, imp, 3, NULL) : NULL;
    tw_func *f = inst ? func(inst, "f") : NULL, *g = inst ? func(inst, "g") : NULL;
    tw_func *both = inst ? func(inst, "both") : NULL;
    tw_func *trapper = inst ? func(inst, "trapper") : NULL;
    if (!f || !g || !both || !trapper)
        goto out;

    /* f(7, 11, 3, 4) = 7*1000 + combine(3, 4) + 11 = 7000 + 304 + 11; combine blocks twice,
     * the second resumption happens on another thread */
    tw_val args[4] = { 7, 11, 3, 4 };
    CHECK(tw_call_begin(inst, f, args), "begin f");
    tw_status s1 = tw_run(inst, 1000);
    unsigned c1 = ec.calls;
    tw_status s2 = tw_run(inst, 1000);
    unsigned c2 = ec.calls;
    struct slice_job j = { inst, NULL, 0, 1000, TW_TRAPPED };
    tw_status s3 = on_small_thread(&j);
    CHECK(s1 == TW_BLOCKED && c1 == 1 && s2 == TW_BLOCKED && c2 == 2,
          "combine blocking: %s after %u calls, %s after %u calls", status_name(s1), c1,
          status_name(s2), c2);
    CHECK(s3 == TW_RETURNED && ec.calls == 3 && tw_results(inst)[0] == 7315,
          "f(7, 11, 3, 4): %s %s = %" PRIu64 " after %u calls (want 7315 after 3)",
          status_name(s3), s3 == TW_TRAPPED ? tw_trap_message(inst) : "",
          s3 == TW_RETURNED ? tw_results(inst)[0] : 0, ec.calls);
    for (unsigned k = 0; k < ec.calls && k < 8; k++)
        CHECK(ec.args[k][0] == 3 && ec.args[k][1] == 4 && ec.seen_inst[k] == inst,
              "combine call %u saw (%" PRIu64 ", %" PRIu64 ")", k + 1, ec.args[k][0],
              ec.args[k][1]);

    /* again, without blocking, with other values */
    ec.calls = 0, ec.block_times = 0;
    tw_val args2[4] = { 0xFFFFFFFFu, 5, 100, 99 }, r = 0;
    CHECK(call1(inst, f, args2, &r) == TW_RETURNED && r == (uint32_t)(-1000 + 10099 + 5),
          "f(-1, 5, 100, 99) = %" PRIu64, r);

    /* two results from the host, blocking once: g(v) = (v+1)*3 - (uint32)(2v) */
    const uint64_t v = 1000000000000ull;
    const uint64_t want_g = (v + 1) * 3 - (uint32_t)(v * 2);
    CHECK(tw_call_begin(inst, g, &v), "begin g");
    s1 = tw_run(inst, 1000);
    s2 = tw_run(inst, 1000);
    CHECK(s1 == TW_BLOCKED && s2 == TW_RETURNED && tw_results(inst)[0] == want_g &&
              es.calls == 2 && es.args[0][0] == v && es.args[1][0] == v,
          "g(1e12): %s, %s = %" PRIu64 " (want %" PRIu64 "), %u host calls", status_name(s1),
          status_name(s2), s2 == TW_RETURNED ? tw_results(inst)[0] : 0, want_g, es.calls);

    /* ... and straight through to the caller */
    es.calls = 0, es.block_times = 0;
    tw_val w = 41;
    CHECK(tw_call_begin(inst, both, &w), "begin both");
    s1 = tw_run(inst, 1000);
    CHECK(s1 == TW_RETURNED && tw_results(inst)[0] == 42 && tw_results(inst)[1] == 82,
          "both(41): %s (%" PRIu64 ", %" PRIu64 ")", status_name(s1),
          s1 == TW_RETURNED ? tw_results(inst)[0] : 0, s1 == TW_RETURNED ? tw_results(inst)[1] : 0);

    /* a host trap stops the call with the host's message; the instance goes on */
    tw_val five = 5;
    s1 = call1(inst, trapper, &five, &r);
    CHECK(s1 == TW_TRAPPED && msg_is(inst, "host says no to 5"), "trapper: %s \"%s\"",
          status_name(s1), tw_trap_message(inst));
    CHECK(call1(inst, f, args2, &r) == TW_RETURNED && r == (uint32_t)(-1000 + 10099 + 5),
          "f after a host trap = %" PRIu64, r);
out:
    free_instance(inst);
    free_module(m);
    for (int k = 0; k < 3; k++)
        tw_func_free(hf[k]);
}

/* ---- (e) traps are per instance --------------------------------------------------------- */

static void test_traps(void)
{
    tw_module *m = load("traps.wasm");
    if (!m)
        return;
    tw_instance *a = instantiate(m, NULL, 0, NULL), *b = instantiate(m, NULL, 0, NULL);
    tw_func *sum = a ? func(a, "sum") : NULL, *ctt = b ? func(b, "count_then_trap") : NULL;
    if (!sum || !ctt)
        goto out;
    tw_val n = 2000000;
    CHECK(tw_call_begin(a, sum, &n), "begin sum on a");
    unsigned a_slices = 0;
    tw_status sa = TW_OUT_OF_FUEL;
#define STEP_A()                                                                           \
    do {                                                                                   \
        if (sa == TW_OUT_OF_FUEL) {                                                        \
            sa = tw_run(a, 1000);                                                          \
            a_slices++;                                                                    \
        }                                                                                  \
    } while (0)

    /* b traps after several out-of-fuel stops, interleaved with a */
    tw_val cnt = 50000;
    CHECK(tw_call_begin(b, ctt, &cnt), "begin count_then_trap");
    tw_status sb = TW_OUT_OF_FUEL;
    unsigned b_slices = 0;
    while (sb == TW_OUT_OF_FUEL && b_slices < 1000) {
        sb = tw_run(b, 1000);
        b_slices++;
        STEP_A();
    }
    CHECK(sb == TW_TRAPPED && strncmp(tw_trap_message(b), "unreachable", 11) == 0 &&
              b_slices >= 40,
          "count_then_trap: %s \"%s\" after %u slices", status_name(sb), tw_trap_message(b),
          b_slices);

    static const struct {
        const char *fn, *msg;
        tw_val args[2];
    } traps[] = {
        { "div", "integer divide by zero", { 1, 0 } },
        { "div", "integer overflow", { 0x80000000u, 0xFFFFFFFFu } },
        { "load", "out of bounds memory access", { 65533, 0 } },
        { "load", "out of bounds memory access", { 0xFFFFFFFFu, 0 } },
        { "unreachable", "unreachable", { 0, 0 } },
    };
    for (size_t k = 0; k < sizeof traps / sizeof traps[0]; k++) {
        tw_val r;
        tw_status st = call1(b, func(b, traps[k].fn), traps[k].args, &r);
        const char *msg = tw_trap_message(b);
        CHECK(st == TW_TRAPPED && strncmp(msg, traps[k].msg, strlen(traps[k].msg)) == 0,
              "%s: %s \"%s\", want \"%s\"", traps[k].fn, status_name(st), tw_trap_message(b),
              traps[k].msg);
        STEP_A();
    }
    /* the trapped instance takes new calls, and still computes */
    tw_val r = 0, d[2] = { 100, 7 }, ld = 65532, thousand = 1000;
    CHECK(call1(b, func(b, "div"), d, &r) == TW_RETURNED && r == 14, "div(100, 7) = %" PRIu64, r);
    CHECK(call1(b, func(b, "load"), &ld, &r) == TW_RETURNED && r == 0, "load(65532) = %" PRIu64, r);
    CHECK(call1(b, func(b, "sum"), &thousand, &r) == TW_RETURNED && r == 500500,
          "sum(1000) on b after its traps = %" PRIu64, r);

    /* a was never disturbed */
    while (sa == TW_OUT_OF_FUEL && a_slices < 5000)
        STEP_A();
#undef STEP_A
    CHECK(sa == TW_RETURNED && tw_results(a)[0] == 2000001000000ull,
          "sum(2e6) on a beside b's traps: %s %" PRIu64 " after %u slices", status_name(sa),
          sa == TW_RETURNED ? tw_results(a)[0] : 0, a_slices);
out:
    free_instance(a);
    free_instance(b);
    free_module(m);
}

/* ---- (f) start functions ------------------------------------------------------------------ */

static void test_start(void)
{
    tw_module *m = load("start.wasm");
    if (!m)
        return;
    tw_instance *inst = instantiate(m, NULL, 0, NULL);
    tw_global *ready = inst ? global(inst, "ready") : NULL;
    if (!ready)
        goto out;
    CHECK(tw_instance_has_start(inst), "start.wasm: tw_instance_has_start");
    CHECK(tw_global_get(ready) == 0, "the start function must not have run yet");
    unsigned slices = 0;
    tw_status st = run_slices(inst, 100, 1000, &slices);
    CHECK(st == TW_RETURNED && slices >= 40, "start function: %s after %u slices of 100",
          status_name(st), slices);
    CHECK(tw_global_get(ready) == 42, "ready = %" PRIu64 " after start", tw_global_get(ready));
    const uint8_t *mem = tw_memory_data(tw_instance_memory(inst));
    CHECK(mem[1] == 1 && mem[255] == 255 && mem[4999] == (uint8_t)4999 && mem[5000] == 0,
          "memory written by the start function");
    CHECK(!tw_instance_has_start(inst), "no pending start after it ran");
    tw_val eight = 8, r = 0;
    CHECK(call1(inst, func(inst, "ready_plus"), &eight, &r) == TW_RETURNED && r == 50,
          "ready_plus(8) = %" PRIu64, r);
out:
    free_instance(inst);
    free_module(m);
}

/* ---- (g) nested calls ---------------------------------------------------------------------- */

/* catch(function, pointer) -> i32, Lunatic's lunatic::trap::catch: calls target (normally the
 * guest's _lunatic_catch_trap) with its args; 0 if that traps, else its result. Checks that
 * the re-issue sees the same args as the first issue. */
struct catch_env {
    tw_func *target;
    unsigned skip;            /* leading args of catch not passed on (a target with fewer) */
    int bogus;                /* return TW_HOST_CALL without tw_hostcall_invoke */
    unsigned issues, invokes, returned, trapped, bad;
    unsigned depth;           /* catch calls in progress */
    tw_val args[64][2];       /* their args */
    char last_trap[256];
};

static tw_host_status host_catch(tw_hostcall *hc, tw_val *sp)
{
    struct catch_env *e = hc->env;
    e->issues++;
    if (e->bogus)
        return TW_HOST_CALL;
    const tw_val *r = NULL;
    const char *msg = NULL;
    tw_nested_status ns = tw_hostcall_nested(hc, &r, &msg);
    if (ns == TW_NESTED_NONE) {
        if (r || msg)
            e->bad++;
        if (e->depth < 64) {
            e->args[e->depth][0] = sp[0];
            e->args[e->depth][1] = sp[1];
        }
        e->invokes++;
        tw_host_status st = tw_hostcall_invoke(hc, e->target, sp + e->skip);
        e->depth += st == TW_HOST_CALL;
        return st;
    }
    e->depth--;
    if (e->depth < 64 && (sp[0] != e->args[e->depth][0] || sp[1] != e->args[e->depth][1]))
        e->bad++;
    if (ns == TW_NESTED_RETURNED) {
        e->returned++;
        e->bad += !r || msg;
        sp[0] = r ? (uint32_t)r[0] : 0xBAD;
    } else {
        e->trapped++;
        e->bad += r || !msg;
        snprintf(e->last_trap, sizeof e->last_trap, "%s", msg ? msg : "(none)");
        sp[0] = 0;
    }
    return TW_HOST_OK;
}

/* wait(p) = p + 1 after blocking block_times times (each call); re-issues see the same p */
struct wait_env { unsigned calls, block_times, blocked, bad; tw_val last; };

static tw_host_status host_wait(tw_hostcall *hc, tw_val *sp)
{
    struct wait_env *e = hc->env;
    e->calls++;
    if (tw_hostcall_nested(hc, NULL, NULL) != TW_NESTED_NONE)
        e->bad++;
    if (e->blocked && sp[0] != e->last)
        e->bad++;
    if (e->blocked < e->block_times) {
        e->last = sp[0];
        e->blocked++;
        return TW_HOST_BLOCK;
    }
    e->blocked = 0;
    sp[0] = (uint32_t)(sp[0] + 1);
    return TW_HOST_OK;
}

/* what catch.wasm's run(f, p, k) returns when catch(f, p) = r */
static uint64_t run_want(uint32_t k, uint32_t r)
{
    return k * 1000000007ull + 5 + (uint32_t)(21u * k + r) +
           (((uint64_t)k * (k + 1) / 2) << 40);
}

struct catch_fixture {
    tw_func *hf[3];
    struct catch_env ce;
    struct wait_env we;
    tw_module *m;
};

static void catch_reset(struct catch_fixture *fx, tw_func *target)
{
    fx->ce = (struct catch_env){ .target = target };
    fx->we = (struct wait_env){ .block_times = 2 };
}

static tw_instance *catch_instance(struct catch_fixture *fx, const tw_config *cfg)
{
    tw_extern imp[3];
    for (int k = 0; k < 3; k++)
        imp[k] = (tw_extern){ .kind = TW_EXT_FUNC, .u.func = fx->hf[k] };
    return fx->m ? instantiate(fx->m, imp, 3, cfg) : NULL;
}

/* run(f, p, k) to the end; the catch result via *r (from mem[0]) */
static tw_status catch_run(tw_instance *inst, uint32_t f, uint32_t p, uint32_t k,
                           uint64_t *res)
{
    tw_val args[3] = { f, p, k }, v = 0;
    tw_status st = call1(inst, func(inst, "run"), args, &v);
    *res = st == TW_RETURNED ? v : 0;
    return st;
}

static void test_catch(void)
{
    static const uint8_t ii[] = { TW_I32, TW_I32 }, i[] = { TW_I32 };
    const tw_functype t_catch = { 2, 1, ii, i }, t_wait = { 1, 1, i, i },
                      t_fail = { 1, 0, i, NULL };
    struct catch_fixture fx = { { NULL }, { 0 }, { 0 }, NULL };
    fx.hf[0] = tw_func_new_host(&t_catch, host_catch, &fx.ce);
    fx.hf[1] = tw_func_new_host(&t_wait, host_wait, &fx.we);
    fx.hf[2] = tw_func_new_host(&t_fail, host_fail, NULL);
    fx.m = load("catch.wasm");
    tw_instance *a = catch_instance(&fx, NULL), *b = catch_instance(&fx, NULL);
    tw_instance *small = NULL, *tiny = NULL;
    tw_func *lct = a ? func(a, "_lunatic_catch_trap") : NULL;
    tw_func *lct_b = b ? func(b, "_lunatic_catch_trap") : NULL;
    if (!lct || !lct_b || !func(a, "run"))
        goto out;
    uint64_t v = 0;
    tw_status st;

    /* the nested call returns: its result lands in the caller, which goes on */
    catch_reset(&fx, lct);
    st = catch_run(a, 0, 5, 3, &v);
    CHECK(st == TW_RETURNED && v == run_want(3, 16), "run(triple, 5, 3): %s %s = %" PRIu64
          " (want %" PRIu64 ")", status_name(st), tw_trap_message(a), v, run_want(3, 16));
    CHECK(mem_u32(a, 0) == 16 && mem_u32(a, 16) == 5, "triple(5): mem[0] %u mem[16] %u",
          mem_u32(a, 0), mem_u32(a, 16));
    CHECK(fx.ce.issues == 2 && fx.ce.invokes == 1 && fx.ce.returned == 1 && !fx.ce.trapped &&
              !fx.ce.bad && !fx.ce.depth,
          "catch: %u issues, %u invokes, %u returned, %u trapped, %u bad", fx.ce.issues,
          fx.ce.invokes, fx.ce.returned, fx.ce.trapped, fx.ce.bad);

    /* the nested call traps: catch returns 0, the caller's locals and operand stack are
     * intact and it goes on; the instance takes further calls */
    static const struct {
        uint32_t f, p, k;
        const char *msg;
    } traps[] = {
        { 1, 9, 4, "unreachable" },
        { 2, 0, 5, "integer divide by zero" },
        { 3, 65536, 6, "out of bounds memory access" },
        { 3, 0xFFFFFFFDu, 7, "out of bounds memory access" },
        { 10, 4, 8, "host says no to 4" },
        { 8, 0, 9, "call stack exhausted" },
    };
    for (size_t t = 0; t < sizeof traps / sizeof traps[0]; t++) {
        catch_reset(&fx, lct);
        st = catch_run(a, traps[t].f, traps[t].p, traps[t].k, &v);
        CHECK(st == TW_RETURNED && v == run_want(traps[t].k, 0) && mem_u32(a, 0) == 0,
              "run(%u, %u, %u) with a trap inside catch: %s %s = %" PRIu64 " (want %" PRIu64
              "), mem[0] %u", traps[t].f, traps[t].p, traps[t].k, status_name(st),
              st == TW_TRAPPED ? tw_trap_message(a) : "", v, run_want(traps[t].k, 0),
              mem_u32(a, 0));
        CHECK(fx.ce.issues == 2 && fx.ce.trapped == 1 && !fx.ce.returned && !fx.ce.bad &&
                  strcmp(fx.ce.last_trap, traps[t].msg) == 0,
              "catch saw \"%s\" (want \"%s\"), %u issues, %u bad", fx.ce.last_trap,
              traps[t].msg, fx.ce.issues, fx.ce.bad);
        catch_reset(&fx, lct);
        st = catch_run(a, 2, 4, 2, &v);   /* 100 / 4 */
        CHECK(st == TW_RETURNED && v == run_want(2, 25), "run(div, 4, 2) after it: %s %" PRIu64,
              status_name(st), v);
    }
    CHECK(mem_u32(a, 20) == 9, "unreachable's store before the trap stays: %u", mem_u32(a, 20));

    /* the nested call runs out of fuel again and again with budgets of 1..3 units, every
     * other slice on a new thread with a small C stack */
    catch_reset(&fx, lct);
    tw_val sargs[3] = { 4, 2000, 3 };
    CHECK(tw_call_begin(a, func(a, "run"), sargs), "begin run(spin, 2000, 3)");
    st = TW_OUT_OF_FUEL;
    unsigned k = 0, threads = 0;
    for (; st == TW_OUT_OF_FUEL && k < 100000; k++) {
        uint64_t fuel = 1 + k % 3;
        if (k % 2) {
            struct slice_job j = { a, NULL, 0, fuel, TW_TRAPPED };
            st = on_small_thread(&j);
            threads++;
        } else {
            st = tw_run(a, fuel);
        }
    }
    v = st == TW_RETURNED ? tw_results(a)[0] : 0;
    CHECK(st == TW_RETURNED && v == run_want(3, 2001000) && k > 900 && threads > 450,
          "run(spin, 2000, 3) in tiny slices: %s %s = %" PRIu64 " (want %" PRIu64
          ") after %u slices, %u on threads", status_name(st),
          st == TW_TRAPPED ? tw_trap_message(a) : "", v, run_want(3, 2001000), k, threads);
    CHECK(fx.ce.issues == 2 && fx.ce.returned == 1 && !fx.ce.bad, "catch across slices: %u issues",
          fx.ce.issues);

    /* the nested call blocks in a host function (twice per wait, two waits), and is resumed
     * on other threads */
    catch_reset(&fx, lct);
    tw_val bargs[3] = { 5, 40, 1 };
    CHECK(tw_call_begin(a, func(a, "run"), bargs), "begin run(blocker, 40, 1)");
    tw_status seq[6];
    unsigned nseq = 0;
    st = TW_BLOCKED;
    while ((st == TW_BLOCKED || st == TW_OUT_OF_FUEL) && nseq < 6) {
        struct slice_job j = { a, NULL, 0, 1000, TW_TRAPPED };
        st = nseq % 2 ? on_small_thread(&j) : tw_run(a, 1000);
        seq[nseq++] = st;
    }
    v = st == TW_RETURNED ? tw_results(a)[0] : 0;
    CHECK(nseq == 5 && seq[0] == TW_BLOCKED && seq[1] == TW_BLOCKED && seq[2] == TW_BLOCKED &&
              seq[3] == TW_BLOCKED && st == TW_RETURNED && v == run_want(1, 41042),
          "run(blocker, 40, 1): %u runs, last %s %s = %" PRIu64 " (want %" PRIu64 ")", nseq,
          status_name(st), st == TW_TRAPPED ? tw_trap_message(a) : "", v, run_want(1, 41042));
    CHECK(fx.we.calls == 6 && !fx.we.bad && fx.ce.issues == 2 && fx.ce.returned == 1 &&
              !fx.ce.bad,
          "blocking inside catch: %u waits (%u bad), %u catch issues (%u bad)", fx.we.calls,
          fx.we.bad, fx.ce.issues, fx.ce.bad);

    /* catch inside catch: the inner one traps, the next returns, the outer returns */
    catch_reset(&fx, lct);
    st = catch_run(a, 6, 7, 2, &v);
    CHECK(st == TW_RETURNED && v == run_want(2, 700220), "run(nested, 7, 2): %s %s = %" PRIu64
          " (want %" PRIu64 ")", status_name(st), st == TW_TRAPPED ? tw_trap_message(a) : "",
          v, run_want(2, 700220));
    CHECK(fx.ce.issues == 6 && fx.ce.invokes == 3 && fx.ce.returned == 2 &&
              fx.ce.trapped == 1 && !fx.ce.bad && !fx.ce.depth,
          "nested catches: %u issues, %u returned, %u trapped, %u bad", fx.ce.issues,
          fx.ce.returned, fx.ce.trapped, fx.ce.bad);
    /* ... inner catches of which one traps, then the outer one's callee traps */
    catch_reset(&fx, lct);
    st = catch_run(a, 7, 3, 4, &v);
    CHECK(st == TW_RETURNED && v == run_want(4, 0) && fx.ce.issues == 6 &&
              fx.ce.returned == 1 && fx.ce.trapped == 2 && !fx.ce.bad &&
              strcmp(fx.ce.last_trap, "unreachable") == 0,
          "run(nested_trap, 3, 4): %s = %" PRIu64 ", %u issues, %u returned, %u trapped, \"%s\"",
          status_name(st), v, fx.ce.issues, fx.ce.returned, fx.ce.trapped, fx.ce.last_trap);
    CHECK(mem_u32(a, 16) == 3, "nested_trap's inner triple(3) ran: mem[16] %u", mem_u32(a, 16));

    /* a trap outside every catch ends the whole call as before, even after a catch */
    catch_reset(&fx, lct);
    tw_val three = 3, r = 0;
    st = call1(a, func(a, "catch_then_trap"), &three, &r);
    CHECK(st == TW_TRAPPED && msg_is(a, "unreachable") && fx.ce.returned == 1,
          "catch_then_trap: %s \"%s\"", status_name(st), tw_trap_message(a));
    tw_val lt[2] = { 2, 0 };
    st = call1(a, lct, lt, &r);
    CHECK(st == TW_TRAPPED && msg_is(a, "integer divide by zero") &&
              strstr(tw_trap_backtrace(a), "func") != NULL,
          "div by zero without catch: %s \"%s\"", status_name(st), tw_trap_message(a));
    catch_reset(&fx, lct);
    st = catch_run(a, 0, 6, 1, &v);
    CHECK(st == TW_RETURNED && v == run_want(1, 19), "run after uncaught traps: %s = %" PRIu64,
          status_name(st), v);

    /* blocking two catches deep: catch -> nested_block -> catch -> blocker -> wait */
    catch_reset(&fx, lct);
    tw_val nbargs[3] = { 12, 1, 1 };
    CHECK(tw_call_begin(a, func(a, "run"), nbargs), "begin run(nested_block, 1, 1)");
    unsigned blocked = 0;
    for (st = TW_BLOCKED; st == TW_BLOCKED && blocked < 10;) {
        struct slice_job j = { a, NULL, 0, 1000, TW_TRAPPED };
        st = blocked % 2 ? on_small_thread(&j) : tw_run(a, 1000);
        blocked += st == TW_BLOCKED;
    }
    v = st == TW_RETURNED ? tw_results(a)[0] : 0;
    CHECK(st == TW_RETURNED && blocked == 4 && v == run_want(1, 2004) && fx.ce.issues == 4 &&
              fx.ce.returned == 2 && !fx.ce.bad && fx.we.calls == 6 && !fx.we.bad,
          "run(nested_block, 1, 1): %s %s = %" PRIu64 " (want %" PRIu64 ") after %u blocks",
          status_name(st), st == TW_TRAPPED ? tw_trap_message(a) : "", v, run_want(1, 2004),
          blocked);

    /* the host function itself as the entry of a call */
    catch_reset(&fx, lct);
    tw_val cargs[2] = { 0, 8 };
    r = 0;
    st = tw_call(a, fx.hf[0], cargs, &r);
    CHECK(st == TW_RETURNED && r == 25 && fx.ce.issues == 2, "catch(triple, 8) as the entry: %s %"
          PRIu64, status_name(st), r);
    cargs[0] = 1;
    st = tw_call(a, fx.hf[0], cargs, &r);
    CHECK(st == TW_RETURNED && r == 0 && fx.ce.trapped == 1,
          "catch(unreachable, 8) as the entry: %s %" PRIu64, status_name(st), r);

    /* the nested callee is a host function that blocks: it is re-issued */
    catch_reset(&fx, fx.hf[1]);
    fx.ce.skip = 1;
    tw_val wargs[3] = { 0, 10, 2 };
    CHECK(tw_call_begin(a, func(a, "run"), wargs), "begin run with catch -> wait");
    tw_status w1 = tw_run(a, 100), w2 = tw_run(a, 100), w3 = tw_run(a, 100);
    v = w3 == TW_RETURNED ? tw_results(a)[0] : 0;
    CHECK(w1 == TW_BLOCKED && w2 == TW_BLOCKED && w3 == TW_RETURNED && v == run_want(2, 11) &&
              fx.we.calls == 3 && !fx.we.bad && fx.ce.issues == 2 && !fx.ce.bad,
          "catch -> wait(10): %s %s %s = %" PRIu64 ", %u waits", status_name(w1),
          status_name(w2), status_name(w3), v, fx.we.calls);

    /* the nested callee belongs to another instance: its memory is written, and the caller
     * stores into its own memory afterwards (returned or trapped) */
    catch_reset(&fx, lct_b);
    uint32_t a16 = mem_u32(a, 16);
    st = catch_run(a, 0, 33, 1, &v);
    CHECK(st == TW_RETURNED && v == run_want(1, 100) && mem_u32(b, 16) == 33 &&
              mem_u32(a, 16) == a16 && mem_u32(a, 0) == 100 && mem_u32(b, 0) == 0,
          "catch into another instance: %s = %" PRIu64 ", b[16] %u a[16] %u a[0] %u b[0] %u",
          status_name(st), v, mem_u32(b, 16), mem_u32(a, 16), mem_u32(a, 0), mem_u32(b, 0));
    catch_reset(&fx, lct_b);
    st = catch_run(a, 3, 65536, 1, &v);
    CHECK(st == TW_RETURNED && v == run_want(1, 0) && mem_u32(a, 0) == 0 &&
              strcmp(fx.ce.last_trap, "out of bounds memory access") == 0,
          "trap in another instance: %s = %" PRIu64 " \"%s\"", status_name(st), v,
          fx.ce.last_trap);

    /* a host function that returns TW_HOST_CALL without asking for a call traps */
    catch_reset(&fx, lct);
    fx.ce.bogus = 1;
    st = catch_run(a, 0, 1, 1, &v);
    CHECK(st == TW_TRAPPED && strstr(tw_trap_message(a), "TW_HOST_CALL") != NULL,
          "TW_HOST_CALL without invoke: %s \"%s\"", status_name(st), tw_trap_message(a));

    /* deep recursion: catch inside catch until the frames run out (max_call_depth 1000:
     * run is frame 1, each level adds _lunatic_catch_trap and deep_catch, so 499 levels
     * fit); the innermost catch gets "call stack exhausted" and each level adds 1 */
    tw_config cfg = { .max_call_depth = 1000 };
    small = catch_instance(&fx, &cfg);
    tw_func *lct_s = small ? func(small, "_lunatic_catch_trap") : NULL;
    if (lct_s) {
        catch_reset(&fx, lct_s);
        st = catch_run(small, 9, 0, 3, &v);
        CHECK(st == TW_RETURNED && v == run_want(3, 499) && fx.ce.trapped == 1 &&
                  fx.ce.returned == 499 && !fx.ce.bad && !fx.ce.depth &&
                  strcmp(fx.ce.last_trap, "call stack exhausted") == 0,
              "deep_catch under max_call_depth 1000: %s %s = %" PRIu64 " (want %" PRIu64
              "), %u returned, %u trapped \"%s\"", status_name(st),
              st == TW_TRAPPED ? tw_trap_message(small) : "", v, run_want(3, 499),
              fx.ce.returned, fx.ce.trapped, fx.ce.last_trap);
        catch_reset(&fx, lct_s);
        st = catch_run(small, 11, 900, 2, &v);   /* rsum(900): 902 frames */
        CHECK(st == TW_RETURNED && v == run_want(2, 405450), "rsum(900) inside catch after it: "
              "%s %s = %" PRIu64, status_name(st), st == TW_TRAPPED ? tw_trap_message(small) : "", v);
        catch_reset(&fx, lct_s);
        st = catch_run(small, 11, 1000, 2, &v);  /* too deep */
        CHECK(st == TW_RETURNED && v == run_want(2, 0) &&
                  strcmp(fx.ce.last_trap, "call stack exhausted") == 0,
              "rsum(1000) inside catch: %s = %" PRIu64, status_name(st), v);
    }
    /* ... and until the operand stack runs out (max_stack_bytes 16 KiB), with fuel slices */
    tw_config cfg2 = { .max_stack_bytes = 16384 };
    tiny = catch_instance(&fx, &cfg2);
    tw_func *lct_t = tiny ? func(tiny, "_lunatic_catch_trap") : NULL, *run_t = tiny ? func(tiny, "run") : NULL;
    if (lct_t && run_t) {
        catch_reset(&fx, lct_t);
        tw_val dargs[3] = { 9, 0, 2 };
        CHECK(tw_call_begin(tiny, run_t, dargs), "begin deep_catch on tiny");
        unsigned slices = 0;
        st = run_slices(tiny, 7, 100000, &slices);
        v = st == TW_RETURNED ? tw_results(tiny)[0] : 0;
        uint32_t levels = (uint32_t)(v - run_want(2, 0));
        CHECK(st == TW_RETURNED && levels > 50 && levels < 2048 && fx.ce.trapped == 1 &&
                  fx.ce.returned == levels && !fx.ce.bad && slices > 50 &&
                  strcmp(fx.ce.last_trap, "call stack exhausted") == 0,
              "deep_catch in 16 KiB of stack: %s %s, %u levels, %u returned, \"%s\", %u slices",
              status_name(st), st == TW_TRAPPED ? tw_trap_message(tiny) : "", levels,
              fx.ce.returned, fx.ce.last_trap, slices);
        catch_reset(&fx, lct_t);
        st = catch_run(tiny, 8, 0, 1, &v);
        CHECK(st == TW_RETURNED && v == run_want(1, 0), "forever in 16 KiB: %s", status_name(st));
        catch_reset(&fx, lct_t);
        st = catch_run(tiny, 0, 2, 1, &v);
        CHECK(st == TW_RETURNED && v == run_want(1, 7), "tiny still works: %s %" PRIu64,
              status_name(st), v);
    }

    /* abort with nested calls pending (deep, out of fuel; and blocked), then new calls */
    catch_reset(&fx, lct);
    tw_val aargs[3] = { 9, 0, 1 };
    CHECK(tw_call_begin(a, func(a, "run"), aargs), "begin deep_catch on a");
    st = run_slices(a, 5000, 20, NULL);   /* 100,000 reductions: thousands of levels deep */
    CHECK(st == TW_OUT_OF_FUEL && fx.ce.depth > 1000, "deep_catch suspended: %s, depth %u",
          status_name(st), fx.ce.depth);
    tw_call_abort(a);
    catch_reset(&fx, lct);
    st = catch_run(a, 6, 1, 1, &v);
    CHECK(st == TW_RETURNED && v == run_want(1, 100040), "run(nested, 1, 1) after abort: %s %s = %"
          PRIu64, status_name(st), st == TW_TRAPPED ? tw_trap_message(a) : "", v);
    catch_reset(&fx, lct);
    tw_val nb[3] = { 5, 1, 1 };
    CHECK(tw_call_begin(a, func(a, "run"), nb) && tw_run(a, 1000) == TW_BLOCKED,
          "blocked inside catch");
    tw_call_abort(a);
    catch_reset(&fx, lct);
    st = catch_run(a, 0, 2, 1, &v);
    CHECK(st == TW_RETURNED && v == run_want(1, 7), "run after aborting a blocked catch: %s",
          status_name(st));

    /* free with nested calls pending: a blocked one two catches deep, and a deep one out
     * of fuel (ASan: nothing leaks) */
    if (small && tw_call_begin(small, func(small, "run"), aargs)) {
        catch_reset(&fx, lct_s);
        CHECK(tw_run(small, 300) == TW_OUT_OF_FUEL && fx.ce.depth > 10,
              "deep_catch suspended on small: depth %u", fx.ce.depth);
    }
    catch_reset(&fx, lct_b);
    tw_val nbk[3] = { 12, 1, 1 };  /* catch -> nested_block -> catch -> blocker -> wait */
    CHECK(tw_call_begin(b, func(b, "run"), nbk) && tw_run(b, 1000) == TW_BLOCKED &&
              fx.ce.depth == 2 && fx.we.calls == 1,
          "b blocked two catches deep: depth %u, %u waits", fx.ce.depth, fx.we.calls);
out:
    free_instance(a);
    free_instance(b);
    free_instance(small);
    free_instance(tiny);
    free_module(fx.m);
    for (int t = 0; t < 3; t++)
        tw_func_free(fx.hf[t]);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s GUEST_DIR\n", argv[0]);
        return 2;
    }
    guest_dir = argv[1];
    test_interleave();
    test_threads();
    test_host();
    test_recursion();
    test_depth_limit();
    test_traps();
    test_start();
    test_catch();
    return summary();
}
