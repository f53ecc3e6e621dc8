/* common.h — shared by the bench/actors/ guests (the tycho side of `make bench-actors`):
 * argument parsing, the monotonic clock, and the output lines the driver reads:
 *     result KEY VALUE      a measured figure
 *     check KEY VALUE       a validity figure (checksum, count), already checked here
 * A wrong checksum prints "FAIL ..." on stderr and exits 1, so a broken run fails loudly. */
#ifndef BENCH_ACTORS_COMMON_H
#define BENCH_ACTORS_COMMON_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tycho.h"

/* argv[i] as a positive integer, or `def` when absent; anything else is a usage error. */
static inline uint64_t arg_u64(int argc, char **argv, int i, uint64_t def) {
    if (argc <= i) return def;
    char *end;
    uint64_t v = strtoull(argv[i], &end, 10);
    if (*end || argv[i][0] == '-' || argv[i][0] == '\0' || v == 0) {
        fprintf(stderr, "%s: argument %d: not a positive integer: %s\n", argv[0], i, argv[i]);
        exit(2);
    }
    return v;
}

/* CLOCK_MONOTONIC (WASI clock_time_get) in nanoseconds. */
static inline uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline void check_u64(const char *key, uint64_t got, uint64_t want) {
    if (got != want) {
        fprintf(stderr, "FAIL %s: got %" PRIu64 ", want %" PRIu64 "\n", key, got, want);
        exit(1);
    }
    printf("check %s %" PRIu64 "\n", key, got);
}

/* A spawn failure is fatal for a benchmark. */
static inline ty_pid spawn_or_die(ty_entry fn, int64_t arg) {
    ty_pid pid;
    if (ty_spawn(fn, arg, &pid) != TY_OK) {
        fprintf(stderr, "FAIL spawn: %s\n", ty_last_error());
        exit(1);
    }
    return pid;
}

/* Receives a message tagged `tag` (forever) and returns its first u64; anything else traps. */
static inline uint64_t recv_u64(int64_t tag) {
    uint64_t v;
    if (ty_receive_tag(tag, TY_NO_TIMEOUT) != TY_MSG_DATA || ty_read_u64(&v) != TY_OK) abort();
    return v;
}

static inline void send_u64(ty_pid to, int64_t tag, uint64_t v) {
    ty_msg_begin(tag);
    ty_msg_u64(v);
    ty_send(to);
}

#endif
