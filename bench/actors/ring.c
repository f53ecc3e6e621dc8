/* ring.c — `make bench-actors` workload "ring": P processes (default 1,000) in a ring
 * pass a token H hops (default 1,000,000). The root sends each process the pid of the
 * next one, then the token [H] to process 0; a process receiving [k > 0] passes [k-1]
 * on, the one receiving [0] tells the root its index.
 *   result ring_ns_per_hop   time from sending the token to the root hearing back / H
 *   check  ring_last_index   index of the process holding the token at the end = H mod P
 * Usage: ring.wasm [P [H]]. Same program in Erlang: bench/erlang/ring.erl. */
#include "common.h"

enum { TAG_NEXT = 1, TAG_TOKEN, TAG_STOP, TAG_DONE };

/* Ring member: arg = root pid << 20 | index (index < 2^20). */
static void member(int64_t arg) {
    ty_pid root = (uint64_t)arg >> 20;
    uint64_t index = (uint64_t)arg & 0xFFFFF;
    ty_pid next = recv_u64(TAG_NEXT);
    static const int64_t tags[] = { TAG_TOKEN, TAG_STOP };
    uint64_t k;
    while (ty_receive(tags, 2, TY_NO_TIMEOUT) == TY_MSG_DATA && ty_msg_tag() == TAG_TOKEN) {
        if (ty_read_u64(&k) != TY_OK) abort();
        if (k == 0) send_u64(root, TAG_DONE, index);
        else send_u64(next, TAG_TOKEN, k - 1);
    }
}

int main(int argc, char **argv) {
    uint64_t p = arg_u64(argc, argv, 1, 1000), h = arg_u64(argc, argv, 2, 1000000);
    uint64_t self = ty_self();
    if (p >= (1u << 20) || self >= (1ull << 43)) return 2;
    ty_pid *pids = malloc(p * sizeof *pids);
    if (!pids) return 1;
    for (uint64_t i = 0; i < p; i++) pids[i] = spawn_or_die(member, (int64_t)(self << 20 | i));
    for (uint64_t i = 0; i < p; i++) send_u64(pids[i], TAG_NEXT, pids[(i + 1) % p]);

    uint64_t t0 = now_ns();
    send_u64(pids[0], TAG_TOKEN, h);
    uint64_t last = recv_u64(TAG_DONE);
    uint64_t t1 = now_ns();

    for (uint64_t i = 0; i < p; i++) {
        ty_msg_begin(TAG_STOP);
        ty_send(pids[i]);
    }
    check_u64("ring_last_index", last, h % p);
    printf("result ring_ns_per_hop %.3f\n", (double)(t1 - t0) / (double)h);
    return 0;
}
