/* skynet.c — `make bench-actors` workload "skynet": a tree of processes, each spawning
 * 10 children down L levels (default 6: 1,000,000 leaves, 1,111,111 processes). Leaf k
 * sends k to its parent, every inner process sends the sum of its children's answers.
 *   result skynet_ms   from the first spawn to the root's sum
 *   check  skynet_sum  = 10^L (10^L - 1) / 2 (499999500000 for L = 6)
 * Usage: skynet.wasm [L]. Same program in Erlang: bench/erlang/skynet.erl. */
#include "common.h"

enum { TAG_SUM = 1 };

/* arg = parent pid << 28 | level << 24 | num (num < 10^7 < 2^24, level < 16). The node
 * covers the leaves [num, num + 10^level). */
static void node(int64_t arg) {
    uint64_t a = (uint64_t)arg;
    ty_pid parent = a >> 28;
    uint64_t level = (a >> 24) & 0xF, num = a & 0xFFFFFF;
    if (level == 0) {
        send_u64(parent, TAG_SUM, num);
        return;
    }
    uint64_t self = ty_self(), size = 1;
    if (self >= (1ull << 36)) abort();
    for (uint64_t l = 1; l < level; l++) size *= 10;
    for (uint64_t i = 0; i < 10; i++)
        spawn_or_die(node, (int64_t)(self << 28 | (level - 1) << 24 | (num + i * size)));
    uint64_t sum = 0;
    for (int i = 0; i < 10; i++) sum += recv_u64(TAG_SUM);
    send_u64(parent, TAG_SUM, sum);
}

int main(int argc, char **argv) {
    uint64_t levels = arg_u64(argc, argv, 1, 6);
    if (levels > 7) {
        fprintf(stderr, "skynet: at most 7 levels\n");
        return 2;
    }
    uint64_t leaves = 1;
    for (uint64_t l = 0; l < levels; l++) leaves *= 10;
    uint64_t t0 = now_ns();
    spawn_or_die(node, (int64_t)(ty_self() << 28 | levels << 24));
    uint64_t sum = recv_u64(TAG_SUM);
    uint64_t t1 = now_ns();
    check_u64("skynet_sum", sum, leaves * (leaves - 1) / 2);
    printf("result skynet_ms %.3f\n", (double)(t1 - t0) / 1e6);
    return 0;
}
