/* memory.c — `make bench-actors` workload "memory": N idle processes (default 1,000,000)
 * alive at once. The guest cannot read /proc (sandbox), so the driver measures the
 * runtime's resident memory (VmRSS) at two points of this protocol:
 *   1. prints "start" and waits for a line on stdin (the driver reads the baseline);
 *   2. spawns N processes in batches of 1,000: each sends the root [1] and waits for a
 *      message forever; the root collects each batch's answers before the next batch;
 *      (and prints "alive K" after every 100,000, so a failure shows how far it got);
 *   3. prints "ready N" and waits for a line (or EOF) on stdin (the driver reads RSS);
 *   4. returns: tycho stops the N processes.
 *   result memory_spawn_us_per_process  (informative) time of step 2 / N
 *   check  memory_alive                 answers received = N
 * Usage: memory.wasm [N]. Same program in Erlang: bench/erlang/memory.erl. */
#include <string.h>

#include "common.h"

enum { TAG_UP = 1, TAG_STOP };

static void idle(int64_t root) {
    send_u64((ty_pid)root, TAG_UP, 1);
    ty_receive_tag(TAG_STOP, TY_NO_TIMEOUT);
}

static void wait_line(void) {
    char line[64];
    if (!fgets(line, sizeof line, stdin) && ferror(stdin)) {
        fprintf(stderr, "FAIL memory: reading stdin failed\n");
        exit(1);
    }
}

int main(int argc, char **argv) {
    uint64_t n = arg_u64(argc, argv, 1, 1000000);
    printf("start\n");
    fflush(stdout);
    wait_line();
    int64_t self = (int64_t)ty_self();
    uint64_t alive = 0, t0 = now_ns();
    for (uint64_t done = 0; done < n;) {
        uint64_t batch = n - done < 1000 ? n - done : 1000;
        for (uint64_t i = 0; i < batch; i++) spawn_or_die(idle, self);
        for (uint64_t i = 0; i < batch; i++) alive += recv_u64(TAG_UP);
        done += batch;
        if (done % 100000 == 0 && done < n) {   /* progress, for the driver's failure report */
            printf("alive %" PRIu64 "\n", done);
            fflush(stdout);
        }
    }
    uint64_t t1 = now_ns();
    check_u64("memory_alive", alive, n);
    printf("result memory_spawn_us_per_process %.3f\n", (double)(t1 - t0) / 1e3 / (double)n);
    printf("ready %" PRIu64 "\n", n);
    fflush(stdout);
    wait_line();
    return 0;
}
