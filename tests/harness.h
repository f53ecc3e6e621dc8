/* harness.h — what the C test programs on the host share (tests/engine/test_*.c,
 * tests/runtime/test_*.c, tests/wasi/test_shared.c): checks that count and report, the
 * summary line scripts/run-tests.sh reads, and small helpers. Header only: each test is
 * one program.
 *
 *   check(ok, fmt, ...)       counts a check; a failure prints "FAIL <message>"; returns ok
 *   CHECK(ok, fmt, ...)       the same, the message prefixed with file:line
 *   summary()                 prints "N passed, N failed"; returns the exit status
 *   slurp(path, &len)         a whole file (exits with a message if it cannot be read)
 *   now_ns()                  CLOCK_MONOTONIC in nanoseconds
 *   status_name(st)           a tw_status as text (when engine.h is included first)
 * Checks may run on several threads (the counters are atomic; lines are printed whole). */
#ifndef TESTS_HARNESS_H
#define TESTS_HARNESS_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static atomic_ulong th_passed, th_failed;

static bool th_check(const char *where, int line, bool ok, const char *fmt, va_list ap)
{
    if (ok) {
        th_passed++;
        return true;
    }
    th_failed++;
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (where)
        printf("FAIL %s:%d: %s\n", where, line, msg);
    else
        printf("FAIL %s\n", msg);
    return false;
}

static bool check(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3), unused));
static bool check(bool ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool r = th_check(NULL, 0, ok, fmt, ap);
    va_end(ap);
    return r;
}

static bool check_at(const char *file, int line, bool ok, const char *fmt, ...)
    __attribute__((format(printf, 4, 5), unused));
static bool check_at(const char *file, int line, bool ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool r = th_check(file, line, ok, fmt, ap);
    va_end(ap);
    return r;
}
#define CHECK(ok, ...) check_at(__FILE__, __LINE__, (ok), __VA_ARGS__)

static int summary(void) __attribute__((unused));
static int summary(void)
{
    printf("%lu passed, %lu failed\n", (unsigned long)th_passed, (unsigned long)th_failed);
    return th_failed != 0;
}

static uint8_t *slurp(const char *path, size_t *len) __attribute__((unused));
static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    size_t cap = 1 << 16, n = 0;
    uint8_t *b = malloc(cap);
    for (size_t got; b && (got = fread(b + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            uint8_t *nb = realloc(b, cap *= 2);
            if (!nb) { free(b); b = NULL; }
            else b = nb;
        }
    }
    if (!b || ferror(f)) { perror(path); exit(1); }
    fclose(f);
    *len = n;
    return b;
}

static int64_t now_ns(void) __attribute__((unused));
static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The engine's run results, for messages (engine.h must come first). */
#ifdef TYCHO_ENGINE_H
static const char *status_name(tw_status s) __attribute__((unused));
static const char *status_name(tw_status s)
{
    switch (s) {
    case TW_RETURNED: return "returned";
    case TW_OUT_OF_FUEL: return "out of fuel";
    case TW_BLOCKED: return "blocked";
    case TW_TRAPPED: return "trapped";
    }
    return "?";
}
#endif

#endif
