/* request.c — `make bench-actors` workload "request": request/reply (send_receive_skip_search,
 * a fresh reply tag per request) to a server process, R times with an empty mailbox, then
 * R times with Q unrelated messages queued in the client's mailbox (default R = 100,000,
 * Q = 100,000). The two times per request must be the same: the reply is found without
 * looking at what is queued.
 *   result request_ns_empty    time per request, nothing queued
 *   result request_ns_queued   time per request, Q messages queued
 *   check  request_sum         sum of the replies (each request n answered with n + 1)
 *   check  request_left        the queued messages still there afterwards = Q
 * Usage: request.wasm [R] [Q]. Same program in Erlang: bench/erlang/request.erl (a fresh
 * reference per request, received selectively: the BEAM skips the queue for it too). */
#include "common.h"

enum { TAG_REQ = 1, TAG_STOP, TAG_NOISE };

/* The server: answers [from][reply tag][n] with n + 1, tagged with the reply tag. */
static void server(int64_t arg) {
    static const int64_t tags[] = { TAG_REQ, TAG_STOP };
    (void)arg;
    uint64_t from, tag, n;
    while (ty_receive(tags, 2, TY_NO_TIMEOUT) == TY_MSG_DATA && ty_msg_tag() == TAG_REQ) {
        if (ty_read_u64(&from) || ty_read_u64(&tag) || ty_read_u64(&n)) abort();
        send_u64((ty_pid)from, (int64_t)tag, n + 1);
    }
}

static uint64_t rounds(ty_pid srv, uint64_t r, uint64_t first_tag, uint64_t *sum) {
    ty_pid me = ty_self();
    uint64_t t0 = now_ns();
    for (uint64_t i = 0; i < r; i++) {
        int64_t tag = (int64_t)(first_tag + i);
        ty_msg_begin(TAG_REQ);
        ty_msg_u64(me);
        ty_msg_u64((uint64_t)tag);
        ty_msg_u64(i);
        if (lunatic_message_send_receive_skip_search(srv, tag, TY_NO_TIMEOUT) != 0) abort();
        uint64_t v;
        if (ty_read_u64(&v)) abort();
        *sum += v;
    }
    return now_ns() - t0;
}

int main(int argc, char **argv) {
    uint64_t r = arg_u64(argc, argv, 1, 100000), q = arg_u64(argc, argv, 2, 100000);
    ty_pid srv = spawn_or_die(server, 0);
    uint64_t sum = 0;
    rounds(srv, r / 10 + 1, (uint64_t)1 << 40, &sum);           /* warm up */
    sum = 0;
    uint64_t empty = rounds(srv, r, (uint64_t)2 << 40, &sum);
    for (uint64_t i = 0; i < q; i++) send_u64(ty_self(), TAG_NOISE, i);
    uint64_t queued = rounds(srv, r, (uint64_t)3 << 40, &sum);
    uint64_t left = 0;
    while (ty_receive_tag(TAG_NOISE, 0) == TY_MSG_DATA) left++;
    ty_msg_begin(TAG_STOP);
    ty_send(srv);
    check_u64("request_sum", sum, r * (r + 1));         /* twice the sum of 1..r */
    check_u64("request_left", left, q);
    printf("result request_ns_empty %.3f\n", (double)empty / (double)r);
    printf("result request_ns_queued %.3f\n", (double)queued / (double)r);
    return 0;
}
