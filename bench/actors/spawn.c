/* spawn.c — `make bench-actors` workload "spawn": the root spawns N processes (default
 * 100,000) that each wait for a message, then stops them: it sends process i the message
 * [i], and process i answers [i] before it returns.
 *   result spawn_us_per_process  time of the spawn loop / N
 *   result spawn_total_ms        spawn loop + stopping every process (all answers in)
 *   check  spawn_done_sum        sum of the answers = N(N-1)/2
 * Then it does it all again: the second round's spawns find memory that the first
 * round's processes used and gave back (tycho keeps it resident for reuse), so they
 * make no page faults:
 *   result spawn_again_us_per_process   the second spawn loop / N
 *   check  spawn_again_done_sum         = N(N-1)/2
 * Usage: spawn.wasm [N]. Same program in Erlang: bench/erlang/spawn.erl. */
#include "common.h"

enum { TAG_STOP = 1, TAG_DONE = 2 };

static void waiter(int64_t root) {
    uint64_t i = recv_u64(TAG_STOP);
    send_u64((ty_pid)root, TAG_DONE, i);
}

/* Spawns n waiters, then stops them; returns the spawn loop's ns, *sum the answers. */
static uint64_t spawn_round(uint64_t n, ty_pid *pids, int64_t self, uint64_t *sum, uint64_t *all_ns) {
    uint64_t t0 = now_ns();
    for (uint64_t i = 0; i < n; i++) pids[i] = spawn_or_die(waiter, self);
    uint64_t t1 = now_ns();
    for (uint64_t i = 0; i < n; i++) send_u64(pids[i], TAG_STOP, i);
    *sum = 0;
    for (uint64_t i = 0; i < n; i++) *sum += recv_u64(TAG_DONE);
    *all_ns = now_ns() - t0;
    return t1 - t0;
}

int main(int argc, char **argv) {
    uint64_t n = arg_u64(argc, argv, 1, 100000);
    ty_pid *pids = malloc(n * sizeof *pids);
    if (!pids) return 1;
    int64_t self = (int64_t)ty_self();
    uint64_t sum, sum2, all, all2;
    uint64_t spawn_ns = spawn_round(n, pids, self, &sum, &all);
    uint64_t again_ns = spawn_round(n, pids, self, &sum2, &all2);
    check_u64("spawn_done_sum", sum, n * (n - 1) / 2);
    check_u64("spawn_again_done_sum", sum2, n * (n - 1) / 2);
    printf("result spawn_us_per_process %.3f\n", (double)spawn_ns / 1e3 / (double)n);
    printf("result spawn_total_ms %.3f\n", (double)all / 1e6);
    printf("result spawn_again_us_per_process %.3f\n", (double)again_ns / 1e3 / (double)n);
    return 0;
}
