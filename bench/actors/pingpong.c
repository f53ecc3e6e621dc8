/* pingpong.c — `make bench-actors` workload "ping-pong": two processes bounce a counter
 * N times (default 1,000,000 round trips). Ping sends [counter+1] to pong, pong answers
 * [counter+1], ping times the whole exchange and reports to the root.
 *   result pingpong_ns_per_round_trip  time of the N round trips / N
 *   check  pingpong_counter            the final counter = 2N
 * Usage: pingpong.wasm [N]. Same program in Erlang: bench/erlang/pingpong.erl. */
#include "common.h"

enum { TAG_BALL = 1, TAG_STOP, TAG_START, TAG_RESULT };

/* Pong: returns every ball plus one until told to stop. `arg` = ping's pid. */
static void pong(int64_t arg) {
    static const int64_t tags[] = { TAG_BALL, TAG_STOP };
    uint64_t v;
    while (ty_receive(tags, 2, TY_NO_TIMEOUT) == TY_MSG_DATA && ty_msg_tag() == TAG_BALL) {
        if (ty_read_u64(&v) != TY_OK) abort();
        send_u64((ty_pid)arg, TAG_BALL, v + 1);
    }
}

/* Ping: gets [pong pid][N], plays, stops pong, sends [counter][ns] to the root (`arg`). */
static void ping(int64_t root) {
    ty_pid other = recv_u64(TAG_START);
    uint64_t n, counter = 0;
    if (ty_read_u64(&n) != TY_OK) abort();
    uint64_t t0 = now_ns();
    for (uint64_t i = 0; i < n; i++) {
        send_u64(other, TAG_BALL, counter + 1);
        counter = recv_u64(TAG_BALL);
    }
    uint64_t t1 = now_ns();
    ty_msg_begin(TAG_STOP);
    ty_send(other);
    ty_msg_begin(TAG_RESULT);
    ty_msg_u64(counter);
    ty_msg_u64(t1 - t0);
    ty_send((ty_pid)root);
}

int main(int argc, char **argv) {
    uint64_t n = arg_u64(argc, argv, 1, 1000000);
    ty_pid pinger = spawn_or_die(ping, (int64_t)ty_self());
    ty_pid ponger = spawn_or_die(pong, (int64_t)pinger);
    ty_msg_begin(TAG_START);
    ty_msg_u64(ponger);
    ty_msg_u64(n);
    ty_send(pinger);
    uint64_t counter = recv_u64(TAG_RESULT), ns;
    if (ty_read_u64(&ns) != TY_OK) abort();
    check_u64("pingpong_counter", counter, 2 * n);
    printf("result pingpong_ns_per_round_trip %.3f\n", (double)ns / (double)n);
    return 0;
}
