/* test_shared.c — WASI for many processes (wasi.h): its namespace table (one set of host
 * functions serving several contexts, found through the resolver); what a blocked call
 * waits for (tw_wasi_wait_info), re-issued after a spurious wake; import type checks
 * (engine/hostcall.h's resolver); proc_exit and stdio per context; contexts and instances
 * on several threads.
 * Usage: test-wasi-shared GUEST_DIR (holding shared.wasm, built from guests/shared.c).
 * Prints one line per failure, then "N passed, N failed".
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../wasi/wasi.h"
#include "../harness.h"



/* ---- the guest, its instances -------------------------------------------------------- */

static tw_module *mod;
static tw_extern *imports;      /* one set of functions: the same array for every instance */

/* The resolver: each instance keeps its context as its user pointer. */
static tw_wasi *resolve(tw_instance *inst) { return tw_instance_user(inst); }

static tw_module *load(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static uint8_t bytes[1 << 16];
    size_t n = fread(bytes, 1, sizeof bytes, f);
    fclose(f);
    char err[256];
    tw_module *m = tw_module_new(bytes, n, err, sizeof err);
    CHECK(m != NULL, "%s: %s", path, err);
    return m;
}

static tw_instance *spawn(tw_wasi *w) {
    char err[256];
    tw_instance *inst = tw_instance_new(mod, imports, tw_module_num_imports(mod), NULL, err, sizeof err);
    CHECK(inst != NULL, "instance: %s", err);
    if (inst) tw_instance_set_user(inst, w);
    return inst;
}

static tw_wasi *context(int argc, char *const *argv) {
    tw_wasi *w = tw_wasi_new();
    CHECK(w && tw_wasi_set_args(w, argc, argv), "context");
    return w;
}

static tw_func *export(tw_instance *inst, const char *name) {
    tw_extern ext;
    bool ok = tw_instance_export(inst, name, &ext) && ext.kind == TW_EXT_FUNC;
    CHECK(ok, "no export %s", name);
    return ok ? ext.u.func : NULL;
}

/* Begins a call of export `name` and runs it once. */
static tw_status start(tw_instance *inst, const char *name, tw_val arg) {
    tw_func *f = export(inst, name);
    tw_val args[1] = {arg};
    if (!f || !tw_call_begin(inst, f, args)) return TW_TRAPPED;
    return tw_run(inst, UINT64_MAX);
}

/* join_args in the guest: the arguments as it sees them, "a|b|c". */
static const char *guest_args(tw_instance *inst) {
    if (start(inst, "join_args", 0) != TW_RETURNED) return "(call failed)";
    uint32_t p = (uint32_t)tw_results(inst)[0];
    tw_memory *mem = tw_instance_memory(inst);
    if (!p || !mem || p >= tw_memory_size(mem)) return "(bad pointer)";
    return (const char *)tw_memory_data(mem) + p;
}

/* ---- the tests ------------------------------------------------------------------------- */

static const tw_hostdef *const wasi_tables[] = {tw_wasi_namespace, NULL};

/* The namespace table: every function once, each signature well formed. */
static void test_namespace(void) {
    CHECK(tw_hostdef_find(wasi_tables, "wasi_snapshot_preview1", "nope") == NULL, "find(nope)");
    CHECK(tw_hostdef_find(wasi_tables, "wasi_snapshot_preview1", "") == NULL, "find(\"\")");
    CHECK(tw_hostdef_find(wasi_tables, "env", "fd_write") == NULL, "find(env::fd_write)");
    size_t n = 0;
    for (const tw_hostdef *d = tw_wasi_namespace; d->module; d++, n++) {
        tw_sigbuf b;
        tw_functype ft;
        CHECK(!strcmp(d->module, "wasi_snapshot_preview1"), "%s: module %s", d->name, d->module);
        CHECK(tw_hostdef_type(d->sig, &b, &ft), "%s: signature \"%s\"", d->name, d->sig);
        CHECK(tw_hostdef_find(wasi_tables, d->module, d->name) == d, "%s: listed twice", d->name);
    }
    CHECK(n == 46, "%zu functions, want 46 (all of preview 1)", n);
    tw_sigbuf b;
    tw_functype t;
    const tw_hostdef *d = tw_hostdef_find(wasi_tables, "wasi_snapshot_preview1", "fd_write");
    CHECK(d && tw_hostdef_type(d->sig, &b, &t) && t.nparams == 4 && t.nresults == 1 &&
              t.params[0] == TW_I32 && t.params[3] == TW_I32 && t.results[0] == TW_I32,
          "fd_write: wrong type");
    d = tw_hostdef_find(wasi_tables, "wasi_snapshot_preview1", "proc_exit");
    CHECK(d && tw_hostdef_type(d->sig, &b, &t) && t.nparams == 1 && t.nresults == 0,
          "proc_exit: wrong type");
    d = tw_hostdef_find(wasi_tables, "wasi_snapshot_preview1", "clock_time_get");
    CHECK(d && tw_hostdef_type(d->sig, &b, &t) && t.nparams == 3 && t.params[1] == TW_I64,
          "clock_time_get: wrong type");
    /* malformed signatures are refused */
    const char *bad[] = {"ii", "i:i:i", "x:i", "iiiiiiiiiiiiiiiii:", ":iiiii"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++)
        CHECK(!tw_hostdef_type(bad[k], &b, &t), "signature \"%s\" accepted", bad[k]);
}

/* Resolves an import against WASI's table: true, or false with the message in err. */
static bool import_ok(const tw_import_info *imp, char *err, size_t errlen) {
    return tw_hostdef_resolve(wasi_tables, imp, err, errlen) != NULL;
}

/* Host functions for every import of m (freed by free_imports). */
static tw_extern *link_imports(tw_module *m, char *err, size_t errlen) {
    uint32_t n = tw_module_num_imports(m);
    tw_extern *ext = calloc(n + 1, sizeof *ext);
    for (uint32_t i = 0; ext && i < n; i++) {
        tw_import_info imp;
        tw_module_import(m, i, &imp);
        const tw_hostdef *d = tw_hostdef_resolve(wasi_tables, &imp, err, errlen);
        tw_sigbuf b;
        tw_functype ft;
        if (!d || !tw_hostdef_type(d->sig, &b, &ft)) {
            for (uint32_t k = 0; k < i; k++) tw_func_free(ext[k].u.func);
            free(ext);
            return NULL;
        }
        ext[i] = (tw_extern){.kind = TW_EXT_FUNC, .u.func = tw_func_new_host(&ft, d->fn, NULL)};
    }
    return ext;
}

static void free_imports(tw_module *m, tw_extern *ext) {
    for (uint32_t i = 0; ext && i < tw_module_num_imports(m); i++) tw_func_free(ext[i].u.func);
    free(ext);
}

static void test_import_ok(void) {
    char err[256];
    uint8_t i32 = TW_I32, four[4] = {TW_I32, TW_I32, TW_I32, TW_I32};
    tw_functype good = {4, 1, four, &i32}, bad = {1, 1, &i32, &i32}, none = {0, 0, NULL, NULL};
    tw_import_info imp = {.module = "wasi_snapshot_preview1", .name = "fd_write",
                          .kind = TW_EXT_FUNC, .func = &good};
    CHECK(import_ok(&imp, err, sizeof err), "fd_write with its type: %s", err);
    CHECK(import_ok(&imp, NULL, 0), "fd_write without err buffer");
    imp.func = &bad;
    CHECK(!import_ok(&imp, err, sizeof err) &&
              !strcmp(err, "incompatible import type for wasi_snapshot_preview1::fd_write: "
                           "expected (i32, i32, i32, i32) -> (i32), got (i32) -> (i32)"),
          "fd_write (i32) -> (i32): \"%s\"", err);
    CHECK(!import_ok(&imp, NULL, 0), "bad type without err buffer");
    imp.name = "sched_yield";
    imp.func = &none;
    CHECK(!import_ok(&imp, err, sizeof err) &&
              !strcmp(err, "incompatible import type for wasi_snapshot_preview1::sched_yield: "
                           "expected () -> (i32), got () -> ()"),
          "sched_yield () -> (): \"%s\"", err);
    imp.name = "proc_exit";         /* () -> (): same counts as nothing, not the type */
    CHECK(!import_ok(&imp, err, sizeof err) &&
              !strcmp(err, "incompatible import type for wasi_snapshot_preview1::proc_exit: "
                           "expected (i32) -> (), got () -> ()"),
          "proc_exit () -> (): \"%s\"", err);
    imp.name = "sched_yield";
    tw_functype yield_ok = {0, 1, NULL, &i32};
    imp.func = &yield_ok;
    CHECK(import_ok(&imp, err, sizeof err), "sched_yield with its type: %s", err);
    tw_functype clk = {3, 1, (uint8_t[]){TW_I32, TW_I32, TW_I32}, &i32};
    imp.name = "clock_time_get";
    imp.func = &clk;
    CHECK(!import_ok(&imp, err, sizeof err) &&
              !strcmp(err, "incompatible import type for wasi_snapshot_preview1::clock_time_get: "
                           "expected (i32, i64, i32) -> (i32), got (i32, i32, i32) -> (i32)"),
          "clock_time_get: \"%s\"", err);
    clk.params = (uint8_t[]){TW_I32, TW_I64, TW_I32};
    CHECK(import_ok(&imp, err, sizeof err), "clock_time_get with its type: %s", err);
    imp = (tw_import_info){.module = "wasi_snapshot_preview1", .name = "fd_read",
                           .kind = TW_EXT_MEMORY};
    CHECK(!import_ok(&imp, err, sizeof err) &&
              !strcmp(err, "incompatible import type for wasi_snapshot_preview1::fd_read: "
                           "expected (i32, i32, i32, i32) -> (i32), got a memory"),
          "fd_read as a memory: \"%s\"", err);
    imp = (tw_import_info){.module = "wasi_snapshot_preview1", .name = "nope",
                           .kind = TW_EXT_FUNC, .func = &none};
    CHECK(!import_ok(&imp, err, sizeof err) &&
              !strcmp(err, "unknown import wasi_snapshot_preview1::nope"),
          "nope: \"%s\"", err);
    imp.module = "env";
    imp.name = "fd_write";
    imp.func = &good;
    CHECK(!import_ok(&imp, err, sizeof err) && !strcmp(err, "unknown import env::fd_write"),
          "env::fd_write: \"%s\"", err);
    /* a message cut short stays a NUL-ended prefix */
    imp = (tw_import_info){.module = "wasi_snapshot_preview1", .name = "fd_write",
                           .kind = TW_EXT_FUNC, .func = &bad};
    char small[20];
    CHECK(!import_ok(&imp, small, sizeof small) && !strcmp(small, "incompatible import"),
          "short buffer: \"%s\"", small);

    /* a module importing fd_write with the wrong type: linking says so */
    static const uint8_t wrong[] = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,               /* type (i32) -> i32 */
        0x02, 0x23, 0x01, 0x16, 'w', 'a', 's', 'i', '_', 's', 'n', 'a', 'p', 's', 'h', 'o',
        't', '_', 'p', 'r', 'e', 'v', 'i', 'e', 'w', '1', 0x08, 'f', 'd', '_', 'w', 'r',
        'i', 't', 'e', 0x00, 0x00};
    tw_module *m = tw_module_new(wrong, sizeof wrong, err, sizeof err);
    CHECK(m != NULL, "wrong-type module: %s", err);
    if (!m) return;
    const char *want = "incompatible import type for wasi_snapshot_preview1::fd_write: "
                       "expected (i32, i32, i32, i32) -> (i32), got (i32) -> (i32)";
    tw_extern *ext = link_imports(m, err, sizeof err);
    CHECK(!ext && !strcmp(err, want), "link: \"%s\"", err);
    free_imports(m, ext);
    tw_module_free(m);
}

/* Two contexts, one set of functions: each instance sees its own arguments. */
static void test_two_contexts(void) {
    char *const args1[] = {"one", "alpha"}, *const args2[] = {"two", "beta", "gamma delta"};
    tw_wasi *w1 = context(2, args1), *w2 = context(3, args2);
    tw_instance *i1 = spawn(w1), *i2 = spawn(w2);
    if (!i1 || !i2) return;
    for (int round = 0; round < 3; round++) {   /* interleaved */
        const char *a = guest_args(i1);
        CHECK(!strcmp(a, "one|alpha"), "instance 1 sees \"%s\"", a);
        const char *b = guest_args(i2);
        CHECK(!strcmp(b, "two|beta|gamma delta"), "instance 2 sees \"%s\"", b);
    }
    /* a context with no arguments: argc 0 */
    tw_wasi *w3 = tw_wasi_new();
    tw_instance *i3 = spawn(w3);
    const char *c = i3 ? guest_args(i3) : "";
    CHECK(!strcmp(c, ""), "instance 3 sees \"%s\"", c);

    /* proc_exit in one: recorded in its context only */
    tw_status st = start(i2, "quit", 42);
    int code = -1;
    CHECK(st == TW_TRAPPED && tw_trap_message(i2) && !strcmp(tw_trap_message(i2), tw_wasi_exit_trap),
          "quit: %s (%s)", status_name(st), tw_trap_message(i2));
    CHECK(tw_wasi_exited(w2, &code) && code == 42, "w2 exited with %d", code);
    CHECK(!tw_wasi_exited(w1, NULL) && !tw_wasi_exited(w3, NULL), "other contexts exited");
    c = guest_args(i1);
    CHECK(!strcmp(c, "one|alpha"), "instance 1 after the exit of 2 sees \"%s\"", c);

    /* fd_close of stdio: the context's fd goes, the host's stays open */
    st = start(i1, "close_fd", 1);
    CHECK(st == TW_RETURNED && tw_results(i1)[0] == 0, "close_fd(1): %s", status_name(st));
    st = start(i1, "close_fd", 1);
    CHECK(st == TW_RETURNED && tw_results(i1)[0] == 8, "close_fd(1) again: errno %d, want 8 (badf)",
          (int)tw_results(i1)[0]);
    st = start(i3, "close_fd", 2);
    CHECK(st == TW_RETURNED && tw_results(i3)[0] == 0, "close_fd(2): %s", status_name(st));
    tw_instance_free(i1);
    tw_instance_free(i2);
    tw_instance_free(i3);
    tw_wasi_free(w1);
    tw_wasi_free(w2);
    tw_wasi_free(w3);
    CHECK(fcntl(1, F_GETFD) >= 0 && fcntl(2, F_GETFD) >= 0, "host stdout/stderr closed");

    /* an instance without a context traps, with a message */
    tw_instance *orphan = spawn(NULL);
    if (orphan) {
        st = start(orphan, "join_args", 0);
        CHECK(st == TW_TRAPPED && !strcmp(tw_trap_message(orphan), "wasi: no context for the calling instance"),
              "no context: %s (%s)", status_name(st), tw_trap_message(orphan));
        tw_instance_free(orphan);
    }
}

static bool same_info(const tw_wasi_waitinfo *a, const tw_wasi_waitinfo *b) {
    if (a->yield != b->yield || a->deadline_ns != b->deadline_ns || a->nfds != b->nfds) return false;
    for (uint32_t i = 0; i < a->nfds; i++)
        if (a->fds[i].fd != b->fds[i].fd || a->fds[i].events != b->fds[i].events) return false;
    return true;
}

/* What blocked calls wait for; spurious wakes; the thread-blocking tw_wasi_wait. */
static void test_wait_info(int stdin_w) {
    tw_wasi *w = tw_wasi_new();
    tw_instance *inst = spawn(w);
    if (!inst) return;
    tw_wasi_waitinfo wi, again;

    /* sched_yield: yield, nothing else; the re-issue returns */
    tw_status st = start(inst, "yield", 0);
    CHECK(st == TW_BLOCKED, "yield: %s", status_name(st));
    tw_wasi_wait_info(w, &wi);
    CHECK(wi.yield && wi.deadline_ns == -1 && wi.nfds == 0 && wi.fds == NULL,
          "yield: info yield %d deadline %" PRId64 " nfds %u", wi.yield, wi.deadline_ns, wi.nfds);
    st = tw_run(inst, UINT64_MAX);
    CHECK(st == TW_RETURNED && tw_results(inst)[0] == 0, "yield resumed: %s", status_name(st));
    /* the next yield blocks again */
    st = start(inst, "yield", 0);
    CHECK(st == TW_BLOCKED, "second yield: %s", status_name(st));
    tw_wasi_wait(w);                       /* returns at once */
    st = tw_run(inst, UINT64_MAX);
    CHECK(st == TW_RETURNED, "second yield resumed: %s", status_name(st));

    /* poll_oneoff with a 60 ms timeout: a deadline, no fds, no yield */
    int64_t t0 = now_ns();
    st = start(inst, "sleep_ns", 60000000);
    int64_t t1 = now_ns();
    CHECK(st == TW_BLOCKED, "sleep: %s", status_name(st));
    tw_wasi_wait_info(w, &wi);
    CHECK(!wi.yield && wi.nfds == 0 && wi.deadline_ns >= t0 + 60000000 && wi.deadline_ns <= t1 + 60000000,
          "sleep: info yield %d nfds %u deadline %+" PRId64 " ns from the call", wi.yield, wi.nfds,
          wi.deadline_ns - t0);
    /* woken too early (spurious): blocks again, with the same info */
    for (int i = 0; i < 3; i++) {
        st = tw_run(inst, UINT64_MAX);
        tw_wasi_wait_info(w, &again);
        CHECK(st == TW_BLOCKED && same_info(&wi, &again),
              "sleep, spurious wake %d: %s, deadline moved by %" PRId64, i, status_name(st),
              again.deadline_ns - wi.deadline_ns);
    }
    /* as a runtime would: its timer fires at the deadline, then the re-issue returns */
    while (now_ns() < wi.deadline_ns) {
        int64_t left = wi.deadline_ns - now_ns();
        struct timespec ts = {left / 1000000000, left % 1000000000};
        nanosleep(&ts, NULL);
    }
    st = tw_run(inst, UINT64_MAX);
    CHECK(st == TW_RETURNED && tw_results(inst)[0] == 1, "sleep after the deadline: %s, %d",
          status_name(st), (int)tw_results(inst)[0]);
    CHECK(now_ns() - t0 >= 60000000, "sleep returned early");

    /* the same through tw_wasi_wait (blocking the thread) */
    t0 = now_ns();
    st = start(inst, "sleep_ns", 20000000);
    while (st == TW_BLOCKED) {
        tw_wasi_wait(w);
        st = tw_run(inst, UINT64_MAX);
    }
    CHECK(st == TW_RETURNED && tw_results(inst)[0] == 1 && now_ns() - t0 >= 20000000,
          "sleep with tw_wasi_wait: %s after %" PRId64 " ns", status_name(st), now_ns() - t0);

    /* stdin (a pipe, empty) or a timeout: the fd and a deadline */
    t0 = now_ns();
    st = start(inst, "wait_stdin", 10000000000);
    CHECK(st == TW_BLOCKED, "wait_stdin: %s", status_name(st));
    tw_wasi_wait_info(w, &wi);
    CHECK(!wi.yield && wi.nfds == 1 && wi.fds && wi.fds[0].fd == 0 && (wi.fds[0].events & POLLIN) &&
              wi.deadline_ns >= t0 + 10000000000,
          "wait_stdin: info yield %d nfds %u fd %d events %#x deadline %+" PRId64, wi.yield,
          wi.nfds, wi.nfds ? wi.fds[0].fd : -1, wi.nfds ? wi.fds[0].events : 0,
          wi.deadline_ns - t0);
    st = tw_run(inst, UINT64_MAX);      /* spurious */
    tw_wasi_wait_info(w, &again);
    CHECK(st == TW_BLOCKED && same_info(&wi, &again), "wait_stdin, spurious wake: %s",
          status_name(st));
    CHECK(write(stdin_w, "x", 1) == 1, "write to the stdin pipe");
    st = tw_run(inst, UINT64_MAX);
    CHECK(st == TW_RETURNED && tw_results(inst)[0] == 101, "wait_stdin with data: %s, %d",
          status_name(st), (int)tw_results(inst)[0]);
    char c;
    CHECK(read(0, &c, 1) == 1, "drain stdin");
    tw_wasi_wait_info(w, &wi);
    CHECK(!wi.yield && wi.deadline_ns == -1 && wi.nfds == 0, "info after a completed call not empty");

    /* a blocked call abandoned: forgotten, the next call starts afresh */
    st = start(inst, "yield", 0);
    CHECK(st == TW_BLOCKED, "yield to abort: %s", status_name(st));
    tw_call_abort(inst);
    tw_wasi_forget_block(w);
    tw_wasi_wait_info(w, &wi);
    CHECK(!wi.yield && wi.deadline_ns == -1 && wi.nfds == 0, "info after forget_block not empty");
    st = start(inst, "yield", 0);
    CHECK(st == TW_BLOCKED, "yield after an aborted yield: %s (want blocked)", status_name(st));
    tw_call_abort(inst);
    tw_wasi_forget_block(w);
    st = start(inst, "sleep_ns", 30000000);
    tw_call_abort(inst);
    tw_wasi_forget_block(w);
    usleep(40000);
    t0 = now_ns();
    st = start(inst, "sleep_ns", 30000000);   /* same pointers: must not reuse the old start */
    tw_wasi_wait_info(w, &wi);
    CHECK(st == TW_BLOCKED && wi.deadline_ns >= t0 + 30000000,
          "sleep after an aborted sleep: %s, deadline %+" PRId64, status_name(st), wi.deadline_ns - t0);
    tw_call_abort(inst);

    tw_instance_free(inst);
    tw_wasi_free(w);
}

/* Many threads, each with its processes: contexts never mix. */
#define THREADS 4
#define PER_THREAD 8
#define ROUNDS 50

static void *worker(void *arg) {
    int id = (int)(intptr_t)arg;
    tw_wasi *w[PER_THREAD];
    tw_instance *inst[PER_THREAD];
    char names[PER_THREAD][32], want[PER_THREAD][48];
    for (int k = 0; k < PER_THREAD; k++) {
        snprintf(names[k], sizeof names[k], "t%d-p%d", id, k);
        snprintf(want[k], sizeof want[k], "prog|%s", names[k]);
        char *const argv[] = {"prog", names[k]};
        w[k] = context(2, argv);
        inst[k] = spawn(w[k]);
    }
    unsigned bad = 0;
    for (int r = 0; r < ROUNDS; r++)
        for (int k = 0; k < PER_THREAD; k++)
            if (!inst[k] || strcmp(guest_args(inst[k]), want[k])) bad++;
    for (int k = 0; k < PER_THREAD; k++) {
        tw_instance_free(inst[k]);
        tw_wasi_free(w[k]);
    }
    return (void *)(intptr_t)bad;
}

static void test_threads(void) {
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < THREADS; i++) {
        void *bad;
        pthread_join(th[i], &bad);
        CHECK(bad == NULL, "thread %d: %d calls saw another context", i, (int)(intptr_t)bad);
    }
}

/* What a new context costs (printed, not checked: sanitizers make it slower). */
static void test_cost(void) {
    enum { N = 100000 };
    char *const argv[] = {"prog", "arg"};
    int64_t t0 = now_ns();
    bool ok = true;
    for (int i = 0; i < N; i++) {
        tw_wasi *w = tw_wasi_new();
        ok &= w && tw_wasi_set_args(w, 2, argv) && tw_wasi_add_env(w, "HOME=/");
        tw_wasi_free(w);
    }
    int64_t dt = now_ns() - t0;
    CHECK(ok, "contexts");
    printf("context: new + 2 args + 1 env + free: %" PRId64 " ns\n", dt / N);
    /* preopen by fd: borrowed, never closed */
    int d = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    tw_wasi *w = tw_wasi_new();
    CHECK(d >= 0 && tw_wasi_preopen_fd(w, d, "/data"), "preopen_fd");
    tw_wasi_free(w);
    CHECK(fcntl(d, F_GETFD) >= 0, "preopen_fd: the borrowed fd was closed");
    close(d);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: test-wasi-shared GUEST_DIR\n");
        return 2;
    }
    /* stdin: an empty pipe we write to, set up before the first context looks at it */
    int p[2];
    if (pipe(p) != 0 || dup2(p[0], 0) != 0) {
        perror("stdin pipe");
        return 1;
    }
    close(p[0]);

    test_namespace();
    test_import_ok();

    tw_wasi_set_resolver(resolve);
    char path[4096], err[256];
    snprintf(path, sizeof path, "%s/shared.wasm", argv[1]);
    mod = load(path);
    if (mod) {
        imports = link_imports(mod, err, sizeof err);
        CHECK(imports != NULL, "link: %s", err);
        if (imports) {
            test_two_contexts();
            test_wait_info(p[1]);
            test_threads();
        }
        free_imports(mod, imports);
        tw_module_free(mod);
    } else {
        CHECK(0, "cannot load %s", path);
    }
    test_cost();
    close(p[1]);
    return summary();
}
