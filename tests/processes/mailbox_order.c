/* mailbox_order.c — the lock-free mailbox under load (two workers): 8 senders each send
 * 20,000 messages [sender, k] to the root, tags alternating 1, 2, 1, ... The root
 * receives with selective receives that alternate between tag 1 only and tag 2 only
 * (so half the time the message at the head is passed over and kept), with a 1 ms
 * timeout now and then. Every message must arrive exactly once, and each sender's
 * messages of one tag in the order it sent them. */
//! options: --workers 2
#include <stdio.h>

#include "harness.h"

enum { SENDERS = 8, PER_SENDER = 20000 };

static void sender(int64_t arg) {
    ty_pid root = (uint64_t)arg >> 8;
    uint64_t me = (uint64_t)arg & 0xFF;
    for (uint64_t k = 0; k < PER_SENDER; k++) {
        ty_msg_begin(1 + (int64_t)(k % 2));
        ty_msg_u64(me);
        ty_msg_u64(k);
        ty_send(root);
    }
}

int main(void) {
    uint64_t next[SENDERS][2] = {{0}};
    uint64_t got = 0, timeouts = 0, bad = 0;
    for (uint64_t i = 0; i < SENDERS; i++) {
        ty_pid p;
        if (ty_spawn(sender, (int64_t)(ty_self() << 8 | i), &p) != 0) return 2;
    }
    int64_t want = 1;
    uint64_t per_tag = (uint64_t)SENDERS * PER_SENDER / 2, left[2] = {per_tag, per_tag};
    while (left[0] || left[1]) {
        if (!left[want - 1]) want = 3 - want;
        int rc = ty_receive(&want, 1, got % 1000 == 999 ? 1 : 10000);
        if (rc == TY_TIMEOUT) { timeouts++; continue; }
        if (rc != TY_MSG_DATA || ty_msg_tag() != want) { bad++; break; }
        uint64_t s = 0, k = 0;
        if (ty_read_u64(&s) != TY_OK || ty_read_u64(&k) != TY_OK || s >= SENDERS) { bad++; break; }
        /* tag 1 carries k = 0, 2, 4, ...; tag 2 carries 1, 3, 5, ... */
        if (k != next[s][want - 1] * 2 + (uint64_t)(want - 1)) bad++;
        next[s][want - 1]++;
        left[want - 1]--;
        got++;
        want = 3 - want;
    }
    printf("received %llu of %d messages, %llu out of order or wrong\n",
           (unsigned long long)got, SENDERS * PER_SENDER, (unsigned long long)bad);
    int extra = ty_receive(NULL, 0, 0);
    printf("left in the mailbox: %s\n", extra == TY_TIMEOUT ? "nothing" : recv_name(extra));
    (void)timeouts;   /* depends on timing: not printed */
    return 0;
}
