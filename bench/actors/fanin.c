/* fanin.c — `make bench-actors` workload "fan-in": S senders (default 100) each send M
 * messages (default 100,000) [1], [2], ... [M] to the root, which receives all S*M.
 * The senders are spawned first and wait for a start message; the clock runs from the
 * first start message to the last message received.
 *   result fanin_msgs_per_sec  S*M / elapsed seconds
 *   check  fanin_sum           sum of the values = S * M(M+1)/2
 * Usage: fanin.wasm [S [M]]. Same program in Erlang: bench/erlang/fanin.erl. */
#include "common.h"

enum { TAG_GO = 1, TAG_MSG };

static void sender(int64_t root) {
    uint64_t m = recv_u64(TAG_GO);
    for (uint64_t i = 1; i <= m; i++) send_u64((ty_pid)root, TAG_MSG, i);
}

int main(int argc, char **argv) {
    uint64_t s = arg_u64(argc, argv, 1, 100), m = arg_u64(argc, argv, 2, 100000);
    ty_pid *pids = malloc(s * sizeof *pids);
    if (!pids) return 1;
    for (uint64_t i = 0; i < s; i++) pids[i] = spawn_or_die(sender, (int64_t)ty_self());

    uint64_t t0 = now_ns();
    for (uint64_t i = 0; i < s; i++) send_u64(pids[i], TAG_GO, m);
    uint64_t sum = 0, total = s * m;
    for (uint64_t i = 0; i < total; i++) sum += recv_u64(TAG_MSG);
    uint64_t t1 = now_ns();
    check_u64("fanin_sum", sum, s * (m * (m + 1) / 2));
    printf("result fanin_msgs_per_sec %.0f\n", (double)total / ((double)(t1 - t0) / 1e9));
    return 0;
}
