/* skip_search.c — send_receive_skip_search must not look at the mailbox: with 1,000,000
 * unrelated messages queued, 100,000 request/replies each get their own reply, and every
 * queued message is still there afterwards, in order, with the unrelated messages the
 * server sent between requests after them. (A receive that walked the queued messages
 * would visit 10^11 of them here: far beyond run.sh's 120 s limit, while the O(1) receive
 * takes a fraction of a second; bench-actors measures the time per request.) Also: a reply
 * to a request that timed out stays queued, and a reply tagged like an old queued message
 * is the one returned. */
#include <stdio.h>

#include "harness.h"

#define N_QUEUED 1000000
#define N_REQ    100000
#define T_OLD    3          /* the queued messages */
#define T_NOISE  4          /* what the server sends before some replies */
#define T_REQ    5
#define T_STOP   6
#define WAIT_MS  30000

/* Replies to each request (tag T_REQ, data: from, reply tag, n) with n * 3; before every
 * 1,000th reply it sends the client an unrelated message first. */
static void server(int64_t arg) {
    (void)arg;
    for (;;) {
        int64_t tags[2] = {T_REQ, T_STOP};
        if (ty_receive(tags, 2, WAIT_MS) != TY_MSG_DATA || ty_msg_tag() == T_STOP) return;
        uint64_t from = msg_u64(), reply_tag = msg_u64(), n = msg_u64();
        if (n % 1000 == 0) send_u64(from, T_NOISE, n);
        if (n == N_REQ + 1) ty_sleep_ms(300);          /* too late for its request */
        send_u64(from, (int64_t)reply_tag, n * 3);
    }
}

static int request(ty_pid srv, int64_t reply_tag, uint64_t n, uint64_t timeout) {
    ty_msg_begin(T_REQ);
    ty_msg_u64(ty_self());
    ty_msg_u64((uint64_t)reply_tag);
    ty_msg_u64(n);
    return lunatic_message_send_receive_skip_search(srv, reply_tag, timeout);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (uint64_t i = 0; i < N_QUEUED; i++) send_u64(ty_self(), T_OLD, i);
    /* An old message with a reply tag: the request must take the new reply, not it. */
    send_u64(ty_self(), 1000000000, 42);
    printf("queued %d messages\n", N_QUEUED + 1);

    ty_pid srv;
    ty_spawn(server, 0, &srv);
    uint64_t bad = 0;
    for (uint64_t n = 1; n <= N_REQ; n++) {
        int64_t tag = n == 1 ? 1000000000 : (int64_t)(1000000000 + n);
        int rc = request(srv, tag, n, WAIT_MS);
        if (rc != 0 || ty_msg_tag() != tag || msg_u64() != n * 3) bad++;
    }
    printf("%d requests, %llu wrong replies\n", N_REQ, (unsigned long long)bad);

    /* A request that times out: its late reply is queued like any message. */
    int rc = request(srv, 777, N_REQ + 1, 50);
    printf("a request timing out: %s\n", recv_name(rc));

    uint64_t expect = 0, out_of_order = 0, noise = 0, late = 0, old_reply = 0;
    for (;;) {
        rc = ty_receive(NULL, 0, 1000);
        if (rc == TY_TIMEOUT) break;
        int64_t tag = ty_msg_tag();
        uint64_t v = msg_u64();
        if (tag == T_OLD) {
            if (v != expect) out_of_order++;
            expect++;
        } else if (tag == T_NOISE) {
            if (expect != N_QUEUED) out_of_order++;   /* noise came after every old one */
            noise++;
        } else if (tag == 1000000000 && v == 42) {
            old_reply++;
        } else if (tag == 777 && v == (N_REQ + 1) * 3) {
            late++;
        } else {
            out_of_order++;
        }
    }
    printf("left in the mailbox: %llu old, %llu noise, %llu old reply-tagged, %llu late reply; "
           "%llu out of order\n", (unsigned long long)expect, (unsigned long long)noise,
           (unsigned long long)old_reply, (unsigned long long)late,
           (unsigned long long)out_of_order);
    send_u64(srv, T_STOP, 0);
    return 0;
}
