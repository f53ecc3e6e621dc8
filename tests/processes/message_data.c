/* message_data.c — lunatic::message basics on messages sent to self and from children:
 * create_data / write_data / read_data / seek_data / data_size / get_tag / get_process_id,
 * send, receive (any, by tags, timeouts), reading past the end (0), seeking past it,
 * create_data replacing the message being built, a received message written to and sent
 * on, large messages, FIFO order per sender, sends to dead or unknown processes, and the
 * misuses that trap (no message, no data message): seen through a link. Root trap texts:
 * message_data_trap*.c. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define T_BEFORE  2
#define T_AFTER   3
#define T_SEQ     9
#define T_FIRST   50
#define LINK_BASE 100
#define WAIT_MS   10000

static void put(const char *s) {
    uint32_t n = lunatic_message_write_data(s, (uint32_t)strlen(s));
    if (n != strlen(s)) printf("write_data returned %u for %zu bytes\n", n, strlen(s));
}

/* read_data of up to `len` bytes, printed as "n:text". */
static void get(uint32_t len) {
    char buf[64];
    memset(buf, 0, sizeof buf);
    uint32_t n = lunatic_message_read_data(buf, len);
    printf(" %u:\"%s\"", n, buf);
}

static void state(const char *what) {
    printf("%s: tag %lld, size %llu, process_id %llu\n", what, (long long)lunatic_message_get_tag(),
           (unsigned long long)lunatic_message_data_size(),
           (unsigned long long)lunatic_message_get_process_id());
}

/* ---- children ------------------------------------------------------------------------ */

static void sequence(int64_t to) {
    for (uint32_t i = 0; i < 200; i++) ty_send_raw((ty_pid)to, T_SEQ, &i, sizeof i);
}

static void misuse(int64_t arg) {
    ty_pid to;
    int which = misuse_start(arg, T_BEFORE, &to);
    uint64_t r = 0;
    char buf[8];
    switch (which) {
    case 0: r = lunatic_message_write_data("x", 1); break;          /* never created */
    case 1:                                                           /* after send */
        lunatic_message_create_data(1, 0);
        lunatic_message_send(to + 1000000);
        r = lunatic_message_write_data("x", 1);
        break;
    case 2: r = (uint64_t)lunatic_message_send(to); break;           /* nothing to send */
    case 3:                                                           /* send twice */
        lunatic_message_create_data(T_FIRST, 0);
        lunatic_message_send(to);
        r = (uint64_t)lunatic_message_send(to);
        break;
    case 4: r = lunatic_message_read_data(buf, sizeof buf); break;   /* nothing received */
    case 5: lunatic_message_seek_data(0); break;                     /* nothing received */
    case 6: {                                                         /* a ProcessDied */
        ty_pid c;
        ty_spawn(misuse, -1, &c);   /* ends at once: arg -1 is no case */
        ty_monitor(c);
        ty_receive(NULL, 0, WAIT_MS);
        r = lunatic_message_write_data("x", 1);
        break;
    }
    case 7: r = (uint64_t)lunatic_message_send_receive_skip_search(to, 5, 0); break;
    default: return;
    }
    ty_send_raw(to, T_AFTER, &r, sizeof r);
}

static const char *const misuse_names[] = {
    "write_data without create_data", "write_data after send", "send without a message",
    "send twice", "read_data without a message", "seek_data without a message",
    "write_data on a ProcessDied message", "send_receive_skip_search without a message",
};

/* ---- the tests ----------------------------------------------------------------------- */

static void basics(void) {
    ty_pid self = ty_self();
    printf("-- one message to self\n");
    state("nothing yet");
    lunatic_message_create_data(42, 0);
    state("created (tag 42)");
    put("hello ");
    put("world");
    printf("write_data of 0 bytes: %u\n", lunatic_message_write_data("", 0));
    state("written");
    printf("send: %d\n", lunatic_message_send(self));
    state("after send");
    int rc = ty_receive(NULL, 0, WAIT_MS);
    printf("receive: %s\n", recv_name(rc));
    state("received");
    printf("read 4, 100, 100, 0:");
    get(4);
    get(100);
    get(100);
    get(0);
    printf("\nseek 6, read 100:");
    lunatic_message_seek_data(6);
    get(100);
    printf("\nseek 0, read 100:");
    lunatic_message_seek_data(0);
    get(100);
    printf("\nseek 11 (the end), read:");
    lunatic_message_seek_data(11);
    get(10);
    printf("\nseek 1000, read:");
    lunatic_message_seek_data(1000);
    get(10);
    printf("\nseek 2^64-1, read:");
    lunatic_message_seek_data(UINT64_MAX);
    get(10);
    printf("\nseek 3 after that, read 100:");
    lunatic_message_seek_data(3);
    get(100);
    printf("\n");

    printf("-- create_data replaces the message being built\n");
    lunatic_message_create_data(1, 0);
    put("first");
    lunatic_message_create_data(2, 0);
    put("second");
    lunatic_message_send(self);
    rc = ty_receive_tag(1, 0);
    printf("tag 1: %s; ", recv_name(rc));
    rc = ty_receive_tag(2, 0);
    printf("tag 2: %s, size %llu, reads", recv_name(rc), (unsigned long long)ty_msg_size());
    get(20);
    printf("\n");

    printf("-- a received message can be written to and sent on\n");
    ty_send_raw(self, 3, "abc", 3);
    ty_receive_tag(3, WAIT_MS);
    printf("received size %llu, read 2:", (unsigned long long)ty_msg_size());
    get(2);
    put("def");
    printf("; after write_data size %llu, read:", (unsigned long long)ty_msg_size());
    get(20);
    lunatic_message_send(self);
    ty_receive_tag(3, WAIT_MS);
    printf("; forwarded: size %llu, read:", (unsigned long long)ty_msg_size());
    get(20);
    printf("\n");

    printf("-- tags and selective receive\n");
    int64_t tags_sent[] = {7, -7, INT64_MAX, INT64_MIN, 0, 8};
    for (size_t i = 0; i < 6; i++) ty_send_raw(self, tags_sent[i], &i, 1);
    int64_t want[] = {INT64_MIN};
    rc = ty_receive(want, 1, 0);
    printf("receive [INT64_MIN]: %s tag %lld\n", recv_name(rc), (long long)ty_msg_tag());
    int64_t want2[] = {8, -7};
    rc = ty_receive(want2, 2, 0);
    printf("receive [8, -7]: %s tag %lld (the first in the mailbox matching either)\n",
           recv_name(rc), (long long)ty_msg_tag());
    int64_t want0[] = {0};
    rc = ty_receive(want0, 1, 0);
    printf("receive [0]: %s (untagged messages match no tag list)\n", recv_name(rc));
    for (int i = 0; i < 4; i++) {
        rc = ty_receive(NULL, 0, 0);
        printf("receive any: %s tag %lld\n", recv_name(rc), (long long)ty_msg_tag());
    }
    rc = ty_receive(NULL, 0, 0);
    printf("receive any, empty mailbox, timeout 0: %s\n", recv_name(rc));
    rc = ty_receive_tag(12345, 20);
    printf("receive [12345], timeout 20 ms: %s\n", recv_name(rc));
    state("after a timeout the last message stays");

    printf("-- capacity hints, a large message\n");
    lunatic_message_create_data(4, (uint64_t)1 << 40);   /* only a hint */
    put("big hint");
    lunatic_message_send(self);
    ty_receive_tag(4, WAIT_MS);
    printf("capacity 2^40: size %llu\n", (unsigned long long)ty_msg_size());
    static uint8_t block[65536];
    lunatic_message_create_data(5, 0);
    uint64_t sum = 0;
    for (uint32_t k = 0; k < 40; k++) {
        for (uint32_t i = 0; i < sizeof block; i++) block[i] = (uint8_t)(i * 7 + k);
        lunatic_message_write_data(block, sizeof block);
    }
    lunatic_message_write_data(block, 123);
    lunatic_message_send(self);
    ty_receive_tag(5, WAIT_MS);
    uint64_t total = 0, check = 0;
    for (uint32_t n; (n = lunatic_message_read_data(block, sizeof block)) > 0; total += n)
        for (uint32_t i = 0; i < n; i++) check = check * 31 + block[i];
    for (uint32_t k = 0; k < 40; k++)
        for (uint32_t i = 0; i < sizeof block; i++) sum = sum * 31 + (uint8_t)(i * 7 + k);
    for (uint32_t i = 0; i < 123; i++) sum = sum * 31 + (uint8_t)(i * 7 + 39);
    printf("40 x 64 KiB + 123 bytes: size %llu, read back %llu bytes, same bytes: %s\n",
           (unsigned long long)ty_msg_size(), (unsigned long long)total,
           sum == check ? "yes" : "no");

    printf("-- sends to processes that are not there\n");
    ty_pid child;
    ty_spawn(sequence, 0, &child);   /* sends to pid 0: dropped */
    ty_monitor(child);
    ty_receive(NULL, 0, WAIT_MS);
    lunatic_message_create_data(6, 0);
    put("lost");
    printf("send to a dead process: %d; ", lunatic_message_send(child));
    state("then");
    lunatic_message_create_data(6, 0);
    printf("send to an unknown id: %d\n", lunatic_message_send(0x7fffffffffffull));

    printf("-- messages from one sender arrive in order\n");
    ty_spawn(sequence, (int64_t)self, &child);
    bool in_order = true;
    for (uint32_t i = 0; i < 200; i++) {
        uint32_t v = 0;
        if (ty_receive_tag(T_SEQ, WAIT_MS) != TY_MSG_DATA || ty_read_u32(&v) || v != i) in_order = false;
    }
    printf("200 messages in order: %s\n", in_order ? "yes" : "no");

    printf("-- signals in the scratch area\n");
    ty_spawn(sequence, 0, &child);
    ty_monitor(child);
    rc = ty_receive(NULL, 0, WAIT_MS);
    printf("ProcessDied: %s, tag %lld, size %llu, process_id %s, read_data", recv_name(rc),
           (long long)ty_msg_tag(), (unsigned long long)ty_msg_size(),
           ty_msg_dead_pid() == child ? "the child's" : "WRONG");
    get(8);
    printf("\n");
}

static void misuses(void) {
    printf("-- misuse: the caller traps\n");
    ty_die_when_link_dies(0);
    for (int i = 0; i < COUNT_OF(misuse_names); i++) {
        trap_case c;
        if (trap_case_begin(&c, TY_INHERIT, LINK_BASE + i, misuse, misuse_arg(i), T_BEFORE,
                            T_AFTER, WAIT_MS) != 0) {
            printf("%s: spawn failed\n", misuse_names[i]);
            continue;
        }
        int64_t extra[1] = {T_FIRST};
        int first = ty_receive(extra, 1, 0);   /* "send twice": the first send arrived */
        trap_case_end(&c, WAIT_MS);
        printf("%s: %s, %s%s,%s %s\n", misuse_names[i], recv_name(c.before),
               recv_name(c.after), c.its_tag ? " (its tag)" : "",
               first == TY_MSG_DATA ? " (the first send arrived)" : "", recv_name(c.last));
    }
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    basics();
    misuses();
    printf("done\n");
    return 0;
}
