/* pingpong.c — two processes bounce a counter back and forth N times (default 100000).
 *
 *   make build/examples/processes/pingpong.wasm
 *   build/tycho build/examples/processes/pingpong.wasm 1000000
 *
 * The root spawns "pong" and "ping". Ping sends the counter to pong, pong adds one and
 * sends it back, ping adds one and sends it again: N round trips, 2N messages. Then ping
 * reports to the root, which stops pong and waits for both to end (it monitors them).
 * Every line is printed by the root, so the output is the same with any number of
 * workers. Each process has its own memory: the only thing they share is messages. */
#include <stdio.h>
#include <stdlib.h>

#include "tycho.h"

enum {
    TAG_BALL = 1,    /* [u64 counter], to the other player */
    TAG_START,       /* to ping: [u64 pong pid][u64 round trips] */
    TAG_RESULT,      /* to the root: [u64 counter][u64 round trips] */
    TAG_STOP,        /* to pong: return */
};

/* Reads one u64 of the message just received; a malformed message is a bug: trap. */
static uint64_t read_u64(void) {
    uint64_t v;
    if (ty_read_u64(&v) != TY_OK) abort();
    return v;
}

/* Pong: returns every ball to the player that sent it, plus one, until told to stop.
 * `arg` is ping's pid (ping is spawned first). */
static void pong(int64_t arg) {
    ty_pid ping = (ty_pid)arg;
    static const int64_t tags[] = { TAG_BALL, TAG_STOP };
    while (ty_receive(tags, 2, TY_NO_TIMEOUT) == TY_MSG_DATA && ty_msg_tag() == TAG_BALL) {
        uint64_t counter = read_u64();
        ty_msg_begin(TAG_BALL);
        ty_msg_u64(counter + 1);
        ty_send(ping);
    }
}

/* Ping: waits for pong's pid and the number of round trips, serves, then reports to the
 * root (`arg`). */
static void ping(int64_t arg) {
    ty_pid root = (ty_pid)arg;
    if (ty_receive_tag(TAG_START, TY_NO_TIMEOUT) != TY_MSG_DATA) abort();
    ty_pid other = read_u64();
    uint64_t n = read_u64(), counter = 0, trips = 0;
    for (; trips < n; trips++) {
        ty_msg_begin(TAG_BALL);
        ty_msg_u64(counter + 1);
        ty_send(other);
        if (ty_receive_tag(TAG_BALL, TY_NO_TIMEOUT) != TY_MSG_DATA) abort();
        counter = read_u64();
    }
    ty_msg_begin(TAG_RESULT);
    ty_msg_u64(counter);
    ty_msg_u64(trips);
    ty_send(root);
}

/* Waits for the ProcessDied message of `pid` (a monitored process). */
static void wait_end(ty_pid pid) {
    for (;;) {
        int code = ty_receive(NULL, 0, TY_NO_TIMEOUT);
        if (code == TY_MSG_PROCESS_DIED && ty_msg_dead_pid() == pid) return;
    }
}

int main(int argc, char **argv) {
    uint64_t n = 100000;
    if (argc > 1) {
        char *end;
        n = strtoull(argv[1], &end, 10);
        if (*end || argv[1][0] == '-') {
            fprintf(stderr, "usage: pingpong [ROUND_TRIPS]\n");
            return 2;
        }
    }
    ty_pid pinger, ponger;
    if (ty_spawn(ping, (int64_t)ty_self(), &pinger) != TY_OK ||
        ty_spawn(pong, (int64_t)pinger, &ponger) != TY_OK) {
        fprintf(stderr, "spawn failed: %s\n", ty_last_error());
        return 1;
    }
    ty_monitor(pinger);
    ty_monitor(ponger);
    printf("ping is process %llu, pong is process %llu\n", (unsigned long long)pinger,
           (unsigned long long)ponger);

    ty_msg_begin(TAG_START);
    ty_msg_u64(ponger);
    ty_msg_u64(n);
    ty_send(pinger);

    if (ty_receive_tag(TAG_RESULT, TY_NO_TIMEOUT) != TY_MSG_DATA) return 1;
    uint64_t counter = read_u64(), trips = read_u64();
    printf("%llu round trips, %llu messages: the counter is %llu\n", (unsigned long long)trips,
           (unsigned long long)(2 * trips), (unsigned long long)counter);

    wait_end(pinger);
    ty_msg_begin(TAG_STOP);
    ty_send(ponger);
    wait_end(ponger);
    printf("ping and pong have ended\n");
    return counter == 2 * n && trips == n ? 0 : 1;
}
