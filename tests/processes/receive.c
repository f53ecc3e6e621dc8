/* receive.c — selective receive (FIFO scan by tag list, non-matching messages stay
 * queued in order), untagged messages and tag lists, timeouts (0 = poll, a timed wait
 * with nothing arriving, a wait ended by a message, a wait a non-matching message does
 * not end), sends to dead and unknown processes, and send_receive_skip_search (a reply,
 * a timeout, and an already-queued message with the reply tag that it must not take).
 * Only the root prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tycho.h"

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void send_str(ty_pid to, int64_t tag, const char *s) {
    ty_msg_begin(tag);
    ty_msg_str(s);
    ty_send(to);
}

/* The scratch message as "tag:text" (or a description of what it is). */
static const char *text_of(int rc) {
    static char buf[96];
    char s[64];
    if (rc == TY_TIMEOUT) return "timeout";
    if (rc != TY_MSG_DATA) { snprintf(buf, sizeof buf, "kind %d", rc); return buf; }
    if (ty_read_str(s, sizeof s)) snprintf(s, sizeof s, "<%zu bytes>", ty_msg_size());
    snprintf(buf, sizeof buf, "%lld:%s", (long long)ty_msg_tag(), s);
    return buf;
}

static void recv_show(const char *what, const int64_t *tags, size_t n, uint64_t timeout) {
    printf("%s -> %s\n", what, text_of(ty_receive(tags, n, timeout)));
}

/* Sleeps `arg & 0xffff` ms, then sends "late" tagged 7 to the root (arg >> 16). If bit 15
 * is set, first sends "early" tagged 8 at once. */
static void late_sender(int64_t arg) {
    ty_pid root = (ty_pid)(arg >> 16);
    if (arg & 0x8000) send_str(root, 8, "early");
    ty_sleep_ms((uint64_t)(arg & 0x7fff));
    send_str(root, 7, "late");
}

/* Replies to each request [u64 pid][i64 reply tag][str] with "re:" + str on reply tag.
 * A request with reply tag 0 is answered with two replies, tags 31 and 30, in that
 * order, to show that the skip-search receive of tag 30 skips a newer tag-31 message. */
static void echo_server(int64_t arg) {
    (void)arg;
    for (;;) {
        if (ty_receive_tag(20, TY_NO_TIMEOUT) != TY_MSG_DATA) abort();
        uint64_t from = 0;
        int64_t tag = 0;
        char s[64], r[72];
        ty_read_u64(&from);
        ty_read_i64(&tag);
        ty_read_str(s, sizeof s);
        snprintf(r, sizeof r, "re:%s", s);
        if (tag == 0) {
            send_str(from, 31, "noise");
            tag = 30;
        }
        send_str(from, tag, r);
    }
}

static void returns(int64_t a) { (void)a; }

/* Answers one message (any tag) with "pong" tagged 3 to the root (arg), then returns. */
static void answers_once(int64_t root) {
    ty_receive(NULL, 0, TY_NO_TIMEOUT);
    send_str((ty_pid)root, 3, "pong");
}

/* Builds a request for echo_server in the scratch area. */
static void build_request(int64_t reply_tag, const char *s) {
    ty_msg_begin(20);
    ty_msg_u64(ty_self());
    ty_msg_i64(reply_tag);
    ty_msg_str(s);
}

int main(void) {
    ty_pid self = ty_self();
    int64_t t1 = 1, t2 = 2, t3 = 3, t9 = 9, t0 = 0, t7 = 7;
    int64_t t13[] = {1, 3};

    /* 1. Selective receive keeps the others, in order. */
    send_str(self, 1, "one");
    send_str(self, 2, "two");
    send_str(self, 3, "three");
    recv_show("receive [3]", &t3, 1, 0);
    recv_show("receive [1]", &t1, 1, 0);
    recv_show("receive [9]", &t9, 1, 0);
    recv_show("receive any", NULL, 0, 0);
    recv_show("receive any (empty)", NULL, 0, 0);
    send_str(self, 3, "c");
    send_str(self, 2, "b");
    send_str(self, 1, "a");
    recv_show("receive [1,3]", t13, 2, 0);
    recv_show("receive [1,3]", t13, 2, 0);
    recv_show("receive [1,3]", t13, 2, 0);
    recv_show("receive [2]", &t2, 1, 0);
    /* The received message is in the scratch area: size, tag; get_process_id is 0 for
     * data. read_data at the end returns 0; seek_data(0) rewinds, beyond the end clamps. */
    send_str(self, 5, "xyz");
    ty_receive(NULL, 0, 0);
    char buf[32];
    size_t got = ty_read_raw(buf, sizeof buf);
    printf("data message: tag=%lld size=%zu read=%zu again=%zu pid=%llu\n",
           (long long)ty_msg_tag(), ty_msg_size(), got, ty_read_raw(buf, sizeof buf),
           (unsigned long long)ty_msg_dead_pid());
    ty_msg_seek(8);
    got = ty_read_raw(buf, sizeof buf);
    printf("seek 8: read=%zu \"%.*s\"\n", got, (int)got, buf);
    ty_msg_seek(1000);
    printf("seek 1000: read=%zu\n", ty_read_raw(buf, sizeof buf));

    /* 2. Untagged messages (tag 0) never match a tag list, not even [0]. */
    send_str(self, 0, "untagged");
    recv_show("untagged, receive [0]", &t0, 1, 0);
    recv_show("untagged, receive [1]", &t1, 1, 0);
    recv_show("untagged, receive any", NULL, 0, 0);

    /* 3. Timeouts: 0 is a poll; 50 ms with nothing arriving waits at least 50 ms. */
    double t = now_ms();
    int rc = ty_receive(NULL, 0, 0);
    double dt = now_ms() - t;
    printf("poll: %d (%s)\n", rc, dt < 1000 ? "at once" : "SLOW");
    t = now_ms();
    rc = ty_receive(NULL, 0, 50);
    dt = now_ms() - t;
    printf("50 ms: %d (%s)\n", rc, dt >= 50 && dt < 5000 ? "waited 50 ms" : "WRONG TIME");
    t = now_ms();
    rc = ty_receive(&t1, 1, 30);
    dt = now_ms() - t;
    printf("30 ms on [1]: %d (%s)\n", rc, dt >= 30 && dt < 5000 ? "waited 30 ms" : "WRONG TIME");

    /* 4. A message arriving during a timed wait ends it; a non-matching one does not. */
    ty_pid c;
    if (ty_spawn(late_sender, (int64_t)(self << 16 | 40), &c)) return 1;
    t = now_ms();
    rc = ty_receive(&t7, 1, 10000);
    dt = now_ms() - t;
    printf("wait [7] up to 10 s: %s (%s)\n", text_of(rc), dt < 5000 ? "early" : "SLOW");
    if (ty_spawn(late_sender, (int64_t)(self << 16 | 0x8000 | 40), &c)) return 1;
    rc = ty_receive(&t7, 1, 10000);
    printf("wait [7] with an 8 arriving first: %s\n", text_of(rc));
    recv_show("then any", NULL, 0, 0);
    if (ty_spawn(late_sender, (int64_t)(self << 16 | 0x8000 | 200), &c)) return 1;
    t = now_ms();
    rc = ty_receive(&t9, 1, 60);
    dt = now_ms() - t;
    printf("wait [9] 60 ms while an 8 arrives: %d (%s)\n", rc,
           dt >= 60 && dt < 5000 ? "waited 60 ms" : "WRONG TIME");
    recv_show("then [8]", (int64_t[]){8}, 1, 10000);
    recv_show("then [7] (forever)", &t7, 1, TY_NO_TIMEOUT);

    /* A huge finite timeout (u64::MAX - 1 ms) is a wait like the others. */
    if (ty_spawn(late_sender, (int64_t)(self << 16 | 20), &c)) return 1;
    recv_show("wait [7] for u64::MAX - 1 ms", &t7, 1, UINT64_MAX - 1);

    /* 5. send to a dead process, or to one that never existed: dropped, returns 0. */
    if (ty_spawn(returns, 0, &c)) return 1;
    ty_monitor(c);
    ty_receive(NULL, 0, 10000);            /* its ProcessDied */
    ty_msg_begin(1);
    ty_msg_str("lost");
    printf("send to a dead process: %d\n", lunatic_message_send(c));
    ty_msg_begin(1);
    printf("send to pid 987654321: %d\n", lunatic_message_send(987654321));
    recv_show("nothing came back", NULL, 0, 0);
    /* ... to a process it sent to before, which then died (a sender keeps a reference to
     * its last peer and must notice the death), then to a new one, and to itself */
    ty_pid peer, peer2;
    if (ty_spawn(answers_once, (int64_t)self, &peer)) return 1;
    ty_monitor(peer);
    send_str(peer, 1, "ping");
    recv_show("the peer answers", (int64_t[]){3}, 1, 10000);
    ty_receive(NULL, 0, 10000);            /* its ProcessDied */
    ty_msg_begin(1);
    ty_msg_str("lost");
    printf("send to that peer, now dead: %d\n", lunatic_message_send(peer));
    recv_show("nothing came back", NULL, 0, 0);
    if (ty_spawn(answers_once, (int64_t)self, &peer2)) return 1;
    send_str(peer2, 1, "ping");
    recv_show("a new peer answers", (int64_t[]){3}, 1, 10000);
    send_str(self, 4, "to myself");
    send_str(peer, 1, "lost again");
    recv_show("from myself", (int64_t[]){4}, 1, 10000);
    recv_show("and nothing else", NULL, 0, 0);

    /* 6. send_receive_skip_search. */
    ty_pid srv;
    if (ty_spawn(echo_server, 0, &srv)) return 1;
    build_request(21, "hi");
    rc = lunatic_message_send_receive_skip_search(srv, 21, 10000);
    printf("request/reply: %s\n", text_of(rc));
    /* A timeout: the request goes to a dead process, no reply ever comes. */
    build_request(22, "void");
    t = now_ms();
    rc = lunatic_message_send_receive_skip_search(c, 22, 50);
    dt = now_ms() - t;
    printf("no reply in 50 ms: %d (%s)\n", rc, dt >= 50 && dt < 5000 ? "waited 50 ms" : "WRONG TIME");
    /* An already-queued message with the reply tag is skipped: the new reply is taken,
     * the old one stays. A newer message with another tag (31) is not taken either. */
    send_str(self, 30, "old");
    build_request(0, "new");
    rc = lunatic_message_send_receive_skip_search(srv, 30, 10000);
    printf("skip search with an old 30 queued: %s\n", text_of(rc));
    recv_show("then [30]", (int64_t[]){30}, 1, 0);
    recv_show("then any", NULL, 0, 0);
    recv_show("then any", NULL, 0, 0);
    /* Queued message with the tag, and no reply: times out, the queued one stays. */
    send_str(self, 23, "queued");
    build_request(23, "to nobody");
    rc = lunatic_message_send_receive_skip_search(c, 23, 30);
    printf("skip search, only an old 23 queued: %d\n", rc);
    recv_show("then [23]", (int64_t[]){23}, 1, 0);
    /* The scratch message was consumed by the send: get_tag of an empty scratch is 0. */
    build_request(24, "x");
    lunatic_message_send_receive_skip_search(c, 24, 0);
    printf("after a timed-out request: tag=%lld size=%zu\n", (long long)ty_msg_tag(), ty_msg_size());
    recv_show("at the end", NULL, 0, 0);
    return 0;
}
