/* test_mode.c — `tycho test`: tycho as cargo's test runner, as Lunatic's test mode.
 *
 * With `runner = "tycho"` in .cargo/config.toml, `cargo test` runs
 * `tycho target/wasm32-wasip1/debug/deps/NAME-HASH.wasm [HARNESS ARGS]`; tycho recognises
 * the path (or is told: `tycho test FILE.wasm ...`) and runs the module's tests instead
 * of its _start. A test is an exported function () -> () named
 *     #lunatic_test_PATH                 a test named PATH
 *     #lunatic_test_#ignore_PATH         an ignored one (run with --ignored)
 *     #lunatic_test_#panic_MSG#PATH      one that must panic with a message containing MSG
 *                                        (`\#` in MSG stands for '#')
 * (#ignore_ first when both), as lunatic-rs's #[lunatic::test] exports them. Each test
 * runs as a process of its own, in an environment of its own (its own registry), with
 * every permission, tycho's command-line world plus, like Lunatic's, the host environment
 * and the current directory preopened as "."; its output and that of the processes it
 * spawns is captured and shown if it fails. All tests run at once unless --test-threads
 * (or RUST_TEST_THREADS) says otherwise. A test passes when its process ends normally,
 * a should-panic test when it fails with a Rust panic whose message contains MSG (both
 * `panicked at 'MSG', FILE` of Rust < 1.73 and `panicked at FILE:L:C:\nMSG` of later
 * ones), or, for an empty MSG, any failure. The report is libtest's; the exit status 0
 * when every test passed, 101 otherwise (and for bad arguments), as libtest's.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "test_mode.h"

#define EXIT_TESTS_FAILED 101
#define PREFIX "#lunatic_test_"

bool test_mode_path(const char *path) {
    /* .../target/wasm32-XXX/.../PROFILE/deps/NAME.wasm */
    size_t n = strlen(path);
    if (n < 5 || strcmp(path + n - 5, ".wasm")) return false;
    const char *deps = NULL;
    for (const char *p = path; (p = strstr(p, "/deps/")); p++) deps = p;
    if (!deps || strchr(deps + 6, '/')) return false;
    const char *t = strstr(path, "target/");
    return t && (t == path || t[-1] == '/') && strstr(t, "/wasm32-") && strstr(t, "/wasm32-") < deps;
}

/* ---- the harness's arguments (libtest's) ----------------------------------------------- */

typedef struct {
    char **filters; int nfilters;
    char **skips; int nskips;
    bool exact, ignored, include_ignored, nocapture, show_output, list, quiet;
    unsigned threads;                 /* 0 = all at once */
    int color;                        /* 0 auto, 1 always, 2 never */
} harness;

static int bad_args(const char *fmt, const char *what) {
    fprintf(stderr, "error: ");
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\n(tycho's test mode takes libtest's options: FILTER... --exact --skip F "
                    "--ignored --include-ignored --nocapture --show-output --list -q "
                    "--test-threads N --color auto|always|never)\n");
    return EXIT_TESTS_FAILED;
}

/* libtest's options; unknown ones are an error. 0 ok, else the exit status. */
static int parse_args(harness *h, int argc, char **argv) {
    h->filters = calloc((size_t)argc + 1, sizeof *h->filters);
    h->skips = calloc((size_t)argc + 1, sizeof *h->skips);
    if (!h->filters || !h->skips) return bad_args("%s", "out of memory");
    const char *threads = getenv("RUST_TEST_THREADS"), *format = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        size_t eq = strcspn(a, "=");
        bool has_eq = a[eq] == '=';
#define OPT(name) (!strncmp(a, name, eq) && eq == strlen(name))
#define VALUE() (has_eq ? a + eq + 1 : i + 1 < argc ? argv[++i] : NULL)
        if (a[0] != '-' || !strcmp(a, "-")) { h->filters[h->nfilters++] = (char *)a; continue; }
        if (!strcmp(a, "--")) {
            while (++i < argc) h->filters[h->nfilters++] = argv[i];
            break;
        }
        if (!strcmp(a, "--exact")) h->exact = true;
        else if (!strcmp(a, "--ignored")) h->ignored = true;
        else if (!strcmp(a, "--include-ignored")) h->include_ignored = true;
        else if (!strcmp(a, "--nocapture") || !strcmp(a, "--no-capture")) h->nocapture = true;
        else if (!strcmp(a, "--show-output")) h->show_output = true;
        else if (!strcmp(a, "--list")) h->list = true;
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) h->quiet = true;
        else if (!strcmp(a, "--test") || !strcmp(a, "--bench")) {}   /* cargo's */
        else if (OPT("--skip")) {
            if (!(v = VALUE())) return bad_args("%s needs a value", "--skip");
            h->skips[h->nskips++] = (char *)v;
        } else if (OPT("--test-threads")) {
            if (!(v = VALUE())) return bad_args("%s needs a value", "--test-threads");
            threads = v;
        } else if (OPT("--color")) {
            if (!(v = VALUE())) return bad_args("%s needs a value", "--color");
            if (!strcmp(v, "auto")) h->color = 0;
            else if (!strcmp(v, "always")) h->color = 1;
            else if (!strcmp(v, "never")) h->color = 2;
            else return bad_args("argument for --color must be auto, always, or never (was %s)", v);
        } else if (OPT("--format")) {
            if (!(v = VALUE())) return bad_args("%s needs a value", "--format");
            if (!strcmp(v, "terse") || !strcmp(v, "pretty")) format = v;
            else return bad_args("--format %s: only pretty and terse are supported", v);
        } else if (OPT("-Z")) {
            if (!has_eq && i + 1 < argc && argv[i + 1][0] != '-') i++;   /* -Z unstable-options */
        } else {
            return bad_args("unrecognized option '%s'", a);
        }
#undef OPT
#undef VALUE
    }
    if (format) h->quiet = !strcmp(format, "terse");   /* an explicit --format wins over -q */
    if (threads) {
        char *end;
        errno = 0;
        unsigned long n = strtoul(threads, &end, 10);
        if (end == threads || *end || errno || n == 0 || n > 1u << 20)
            return bad_args("--test-threads %s: expected a number of at least 1", threads);
        h->threads = (unsigned)n;
    }
    return 0;
}

/* ---- the tests ------------------------------------------------------------------------ */

enum { T_OK, T_FAILED, T_PANIC_OK, T_PANIC_FAILED, T_IGNORED };

typedef struct {
    const char *export, *name;        /* name: inside export */
    char *expected;                   /* should-panic: the message wanted, unescaped */
    bool should_panic, ignored;
    bool run;                         /* selected and not ignored */
    tw_wasi_output *out;
    /* filled when it ends (under the lock) */
    bool failed; char *why;
    int status;
    char *text;                       /* its output, and the notes */
} test_case;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    size_t *done; size_t ndone;       /* indexes of ended tests not yet reported */
    test_case *tests;
} board;

/* The pid -> test link: on_end's argument. */
typedef struct { board *b; size_t index; } test_ref;

static void test_ended(void *arg, uint64_t pid, const tr_end *end) {
    (void)pid;
    test_ref *r = arg;
    board *b = r->b;
    pthread_mutex_lock(&b->lock);
    test_case *t = &b->tests[r->index];
    t->failed = end->failed;
    if (end->failed) {
        char buf[512];
        if (end->exited) snprintf(buf, sizeof buf, "exited with status %d", end->exit_code);
        else snprintf(buf, sizeof buf, "%s", end->message ? end->message : "failure");
        t->why = strdup(buf);
    }
    b->done[b->ndone++] = r->index;
    pthread_cond_signal(&b->cond);
    pthread_mutex_unlock(&b->lock);
}

/* Reads an export name; false if it is not a test. */
static bool parse_test(const char *export, test_case *t) {
    if (strncmp(export, PREFIX, strlen(PREFIX))) return false;
    const char *s = export + strlen(PREFIX);
    *t = (test_case){.export = export};
    if (!strncmp(s, "#ignore_", 8)) { t->ignored = true; s += 8; }
    if (!strncmp(s, "#panic_", 7)) {
        s += 7;
        const char *e = s;
        while (*e && !(*e == '#' && (e == s || e[-1] != '\\'))) e++;
        if (!*e) return false;                    /* no end of the message: not ours */
        t->should_panic = true;
        t->expected = malloc((size_t)(e - s) + 1);
        if (!t->expected) return false;
        size_t k = 0;
        for (const char *p = s; p < e; p++) {
            if (*p == '\\' && p + 1 < e && p[1] == '#') continue;   /* \# -> # */
            t->expected[k++] = *p;
        }
        t->expected[k] = 0;
        s = e + 1;
    }
    t->name = s;
    return true;
}

static bool matches(const harness *h, const char *name, const char *pattern) {
    return h->exact ? !strcmp(name, pattern) : strstr(name, pattern) != NULL;
}

static bool selected(const harness *h, const test_case *t) {
    bool any = h->nfilters == 0;
    for (int i = 0; i < h->nfilters && !any; i++) any = matches(h, t->name, h->filters[i]);
    for (int i = 0; i < h->nskips && any; i++)
        if (matches(h, t->name, h->skips[i])) any = false;
    if (h->ignored && !t->ignored) any = false;
    return any;
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const test_case *)a)->name, ((const test_case *)b)->name);
}

/* ---- what a failed test's output says -------------------------------------------------- */

/* Does [s, e) end in a source location "FILE:LINE:COL"? */
static bool ends_in_location(const char *s, const char *e) {
    int groups = 0;
    while (e > s && groups < 2) {
        const char *d = e;
        while (d > s && d[-1] >= '0' && d[-1] <= '9') d--;
        if (d == e || d == s || d[-1] != ':') return false;
        e = d - 1;
        groups++;
    }
    return groups == 2 && e > s;
}

/* The message of the first Rust panic in `out` (malloc'd), or NULL if it shows none:
 *   thread 'NAME' panicked at 'MSG', FILE:L:C                (Rust < 1.73)
 *   thread 'NAME' (ID) panicked at FILE:L:C:\nMSG\nnote: ...  (1.73 on; " (ID)" later) */
static char *panic_message(const char *out) {
    for (const char *p = out; (p = strstr(p, "panicked at ")); p++) {
        const char *line = p;
        while (line > out && line[-1] != '\n') line--;
        if (strncmp(line, "thread '", 8)) continue;
        const char *m = p + strlen("panicked at ");
        if (*m == '\'') {                                   /* old: up to "', FILE:L:C" */
            m++;
            for (const char *q = m; (q = strstr(q, "', ")); q++) {
                const char *eol = strchr(q + 3, '\n');
                if (!eol) eol = q + strlen(q);
                if (ends_in_location(q + 3, eol)) return strndup(m, (size_t)(q - m));
            }
            continue;
        }
        const char *eol = strchr(m, '\n');                  /* new: the lines after */
        if (!eol) continue;
        const char *start = eol + 1, *end = start + strlen(start);
        const char *stops[] = {"\nnote: run with `RUST_BACKTRACE", "\nstack backtrace:"};
        for (int i = 0; i < 2; i++) {
            const char *s = strstr(start - 1, stops[i]);
            if (s && s < end) end = s < start ? start : s;
        }
        while (end > start && end[-1] == '\n') end--;
        return strndup(start, (size_t)(end - start));
    }
    return NULL;
}

static char *append(char *text, const char *add) {
    size_t a = text ? strlen(text) : 0, b = strlen(add);
    char *t = realloc(text, a + b + 1);
    if (!t) return text;
    memcpy(t + a, add, b + 1);
    return t;
}

/* The verdict on an ended test, and the text to show for it (its output, then notes). */
static void judge(test_case *t) {
    size_t len = 0;
    t->text = t->out ? tw_wasi_output_text(t->out, &len) : NULL;
    if (!t->text) t->text = strdup("");
    char note[1024];
    if (!t->should_panic) {
        t->status = t->failed ? T_FAILED : T_OK;
        char *msg = t->failed ? panic_message(t->text) : NULL;
        if (t->failed && !msg) {
            snprintf(note, sizeof note, "note: the test process failed without a panic: %s\n",
                     t->why ? t->why : "failure");
            t->text = append(t->text, note);
        }
        free(msg);
        return;
    }
    if (!t->failed) {
        t->status = T_PANIC_FAILED;
        t->text = append(t->text, "note: test did not panic as expected\n");
        return;
    }
    char *msg = panic_message(t->text);
    if (msg && strstr(msg, t->expected)) {
        t->status = T_PANIC_OK;
    } else if (msg) {
        t->status = T_PANIC_FAILED;
        snprintf(note, sizeof note,
                 "note: panic did not contain expected string\n"
                 "      panic message: `\"%s\"`,\n expected substring: `\"%s\"`\n",
                 msg, t->expected);
        t->text = append(t->text, note);
    } else if (!*t->expected) {
        t->status = T_PANIC_OK;                  /* any failure will do */
    } else {
        t->status = T_PANIC_FAILED;
        snprintf(note, sizeof note,
                 "note: the test process failed without a panic (%s), but a panic containing "
                 "`%s` was expected\n", t->why ? t->why : "failure", t->expected);
        t->text = append(t->text, note);
    }
    free(msg);
}

/* ---- the report ---------------------------------------------------------------------- */

static const char *paint(const harness *h, const char *word, const char *color) {
    static char buf[64];
    bool on = h->color == 1 || (h->color == 0 && isatty(STDOUT_FILENO));
    if (!on) return word;
    snprintf(buf, sizeof buf, "\x1b[%sm%s\x1b[0m", color, word);
    return buf;
}

static void report_one(const harness *h, const test_case *t, unsigned *col) {
    if (h->quiet) {
        const char *c = t->status == T_IGNORED ? "i"
                      : t->status == T_OK || t->status == T_PANIC_OK ? "." : "F";
        fputs(c, stdout);
        if (++*col % 88 == 0) putchar('\n');
        fflush(stdout);
        return;
    }
    const char *word, *color;
    switch (t->status) {
    case T_OK: case T_PANIC_OK: word = "ok"; color = "32"; break;
    case T_IGNORED: word = "ignored"; color = "33"; break;
    default: word = "FAILED"; color = "31"; break;
    }
    printf("test %s%s ... %s\n", t->name, t->should_panic ? " - should panic" : "",
           paint(h, word, color));
    fflush(stdout);
}

static double seconds_since(const struct timespec *t0) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int test_mode_run(tr_runtime *rt, const char *file, const uint8_t *bytes, size_t len,
                  const tr_config *cfg, int argc, char **argv) {
    harness h = {0};
    int rc = parse_args(&h, argc, argv);
    if (rc) {
        free(h.filters);
        free(h.skips);
        return rc;
    }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);

    char err[256];
    tr_module *m = tr_module_compile(rt, bytes, len, err, sizeof err);
    if (!m) {
        fprintf(stderr, "tycho: error: %s: %s\n", file, err);
        return 1;
    }
    tw_module *em = tr_module_engine(m);
    uint32_t nexp = tw_module_num_exports(em);
    test_case *tests = calloc(nexp + 1, sizeof *tests);
    size_t *done = calloc(nexp + 1, sizeof *done);
    test_ref *refs = calloc(nexp + 1, sizeof *refs);
    if (!tests || !done || !refs) { fprintf(stderr, "tycho: error: out of memory\n"); exit(1); }
    size_t n = 0;
    for (uint32_t k = 0; k < nexp; k++) {
        tw_export_info e;
        tw_module_export(em, k, &e);
        if (e.kind == TW_EXT_FUNC && parse_test(e.name, &tests[n])) n++;
    }
    qsort(tests, n, sizeof *tests, by_name);
    size_t nsel = 0, nrun = 0;
    for (size_t i = 0; i < n; i++) {
        if (!selected(&h, &tests[i])) { tests[i].name = NULL; continue; }
        nsel++;
        tests[i].run = !tests[i].ignored || h.ignored || h.include_ignored;
        nrun += tests[i].run;
    }

    if (h.list) {
        for (size_t i = 0; i < n; i++)
            if (tests[i].name) printf("%s: test\n", tests[i].name);
        if (!h.quiet)
            printf("\n%zu test%s, 0 benchmarks\n", nsel, nsel == 1 ? "" : "s");
        rc = 0;
        goto out;
    }

    printf("\nrunning %zu test%s\n", nsel, nsel == 1 ? "" : "s");
    fflush(stdout);
    board b = {.done = done, .tests = tests};
    pthread_mutex_init(&b.lock, NULL);
    pthread_cond_init(&b.cond, NULL);
    if (!tr_runtime_start(rt, err, sizeof err)) {
        fprintf(stderr, "tycho: error: %s\n", err);
        exit(1);
    }
    unsigned col = 0;
    size_t next = 0, running = 0, finished = 0, passed = 0, failed = 0, ignored = 0;
    for (size_t i = 0; i < n; i++)
        if (tests[i].name && !tests[i].run) {
            tests[i].status = T_IGNORED;
            ignored++;
            report_one(&h, &tests[i], &col);
        }
    while (finished < nrun) {
        /* start tests while below the limit */
        while (next < n && (!h.threads || running < h.threads)) {
            test_case *t = &tests[next];
            refs[next] = (test_ref){&b, next};
            next++;
            if (!t->name || !t->run) continue;
            uint64_t pid;
            t->out = tw_wasi_output_new(h.nocapture);
            tr_top top = {.output = t->out, .own_environment = true, .on_end = test_ended,
                          .arg = &refs[next - 1]};
            if (!t->out || tr_spawn_top(rt, m, t->export, NULL, 0, cfg, &top, &pid, err, sizeof err)) {
                pthread_mutex_lock(&b.lock);   /* reported like one that ended at once */
                t->failed = true;
                t->why = strdup(t->out ? err : "out of memory");
                b.done[b.ndone++] = next - 1;
                pthread_mutex_unlock(&b.lock);
            }
            running++;
        }
        pthread_mutex_lock(&b.lock);
        while (!b.ndone) pthread_cond_wait(&b.cond, &b.lock);
        size_t i = b.done[--b.ndone];
        pthread_mutex_unlock(&b.lock);
        running--;
        finished++;
        judge(&tests[i]);
        if (tests[i].status == T_OK || tests[i].status == T_PANIC_OK) passed++;
        else failed++;
        report_one(&h, &tests[i], &col);
    }
    if (h.quiet && col % 88) putchar('\n');

    if (h.show_output) {
        printf("\nsuccesses:\n");
        for (size_t i = 0; i < n; i++)
            if (tests[i].name && tests[i].run && (tests[i].status == T_OK ||
                                                  tests[i].status == T_PANIC_OK) &&
                *tests[i].text && !h.nocapture)
                printf("\n---- %s stdout ----\n%s", tests[i].name, tests[i].text);
        printf("\nsuccesses:\n");
        for (size_t i = 0; i < n; i++)
            if (tests[i].name && tests[i].run &&
                (tests[i].status == T_OK || tests[i].status == T_PANIC_OK))
                printf("    %s\n", tests[i].name);
    }
    if (failed) {
        printf("\nfailures:\n");
        for (size_t i = 0; i < n; i++) {
            test_case *t = &tests[i];
            if (!t->name || !t->run || t->status == T_OK || t->status == T_PANIC_OK) continue;
            /* with --nocapture the output went out as it came: only the notes are left */
            const char *text = t->text;
            if (h.nocapture) {
                const char *note = strstr(text, "note: ");
                while (note && note != text && note[-1] != '\n') note = strstr(note + 1, "note: ");
                text = note ? note : "";
            }
            if (*text)
                printf("\n---- %s stdout ----\n%s%s", t->name, text,
                       text[strlen(text) - 1] == '\n' ? "" : "\n");
        }
        printf("\nfailures:\n");
        for (size_t i = 0; i < n; i++) {
            test_case *t = &tests[i];
            if (t->name && t->run && t->status != T_OK && t->status != T_PANIC_OK)
                printf("    %s\n", t->name);
        }
    }
    printf("\ntest result: %s. %zu passed; %zu failed; %zu ignored; 0 measured; %zu filtered "
           "out; finished in %.2fs\n\n", failed ? paint(&h, "FAILED", "31") : paint(&h, "ok", "32"),
           passed, failed, ignored, n - nsel, seconds_since(&t0));
    fflush(stdout);
    rc = failed ? EXIT_TESTS_FAILED : 0;
    tr_runtime_stop(rt);
    pthread_mutex_destroy(&b.lock);
    pthread_cond_destroy(&b.cond);
out:
    for (size_t i = 0; i < n; i++) {
        free(tests[i].expected);
        free(tests[i].why);
        free(tests[i].text);
        tw_wasi_output_unref(tests[i].out);
    }
    free(tests);
    free(done);
    free(refs);
    free(h.filters);
    free(h.skips);
    tr_module_unref(m);
    return rc;
}
