/* monitors.c — monitors: a ProcessDied message for every death reason (normal return,
 * exit(0), exit(n), trap, kill, a linked failure), its pid, tag and size; a monitor of a
 * pid that does not exist (or no longer does) gets ProcessDied at once (tycho, like
 * Erlang's noproc; Lunatic ignored such a monitor); stop_monitoring; ProcessDied is never
 * matched by a tag list; several monitors of one process, one monitor of several.
 * Only the root prints. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

enum { T_GO = 101, T_REPORT = 102 };

static void wait_go(void) { ty_receive_tag(T_GO, TY_NO_TIMEOUT); }
static void wait_forever(void) {
    ty_receive(NULL, 0, TY_NO_TIMEOUT);
    abort();
}

static void returns(int64_t a) { (void)a; wait_go(); }
static void exits0(int64_t a) { (void)a; wait_go(); exit(0); }
static void exits7(int64_t a) { (void)a; wait_go(); exit(7); }
static void traps(int64_t a) { (void)a; wait_go(); __builtin_trap(); }
static void waits(int64_t a) { (void)a; wait_forever(); }
/* Spawn-links a child that fails when told: dies with it (die_when_link_dies(1)). */
static void fails(int64_t a) { (void)a; wait_go(); abort(); }
static void linked_to_failure(int64_t root) {
    ty_pid c;
    if (ty_spawn_link(3, fails, 0, &c)) abort();
    send_u64((ty_pid)root, T_REPORT, c);
    wait_forever();
}

/* Monitors the pid of its first message and reports the ProcessDied it gets. */
static void watcher(int64_t root) {
    uint64_t target = 0;
    if (ty_receive_tag(T_GO, 10000) != TY_MSG_DATA || ty_read_u64(&target)) abort();
    ty_monitor(target);
    send_u64((ty_pid)root, T_REPORT, 0);   /* monitoring now */
    int rc = ty_receive(NULL, 0, 10000);
    uint64_t dead = ty_msg_dead_pid();
    ty_msg_begin(T_REPORT);
    ty_msg_i32(rc);
    ty_msg_u64(dead);
    ty_send((ty_pid)root);
}

/* Receives one message of any kind and prints what it is. */
static void show(const char *what, ty_pid expect, uint64_t timeout) {
    int rc = ty_receive(NULL, 0, timeout);
    if (rc == TY_TIMEOUT) { printf("%s: timeout\n", what); return; }
    uint64_t pid = ty_msg_dead_pid();
    printf("%s: receive=%d pid=%s tag=%lld size=%llu\n", what, rc,
           pid == expect ? "ok" : "WRONG", (long long)ty_msg_tag(),
           (unsigned long long)ty_msg_size());
}

static void expect_empty(const char *what) {
    int rc = ty_receive(NULL, 0, 0);
    if (rc == TY_TIMEOUT) printf("%s: mailbox empty\n", what);
    else printf("%s: unexpected message %d tag %lld\n", what, rc, (long long)ty_msg_tag());
}

int main(void) {
    ty_pid root = ty_self(), child;

    /* 1. Every death reason gives one ProcessDied: receive 2, the dead pid, no tag, no
     * data. The root keeps die_when_link_dies(1): it is not linked to any of them. */
    struct { const char *what; ty_entry fn; } cases[] = {
        {"return", returns}, {"exit(0)", exits0}, {"exit(7)", exits7}, {"trap", traps},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (ty_spawn(cases[i].fn, 0, &child)) return 1;
        ty_monitor(child);
        send_u64(child, T_GO, 0);
        show(cases[i].what, child, 10000);
    }
    if (ty_spawn(waits, 0, &child)) return 1;
    ty_monitor(child);
    ty_kill(child);
    show("kill", child, 10000);
    ty_pid mid, leaf;
    if (ty_spawn(linked_to_failure, (int64_t)root, &mid)) return 1;
    if (ty_receive_tag(T_REPORT, 10000) != TY_MSG_DATA || ty_read_u64(&leaf)) return 1;
    ty_monitor(mid);
    send_u64(leaf, T_GO, 0);
    show("died of a linked failure", mid, 10000);
    expect_empty("after death reasons");

    /* 2. monitor of a pid that never existed, and of one that has died: ProcessDied at
     * once (already queued when monitor returns). */
    ty_monitor(987654321);
    show("monitor a missing pid", 987654321, 0);
    ty_monitor(child);                     /* the killed one, dead by now */
    show("monitor a dead pid", child, 0);
    ty_monitor(root);                      /* oneself: nothing until one dies */
    expect_empty("monitor oneself");
    ty_stop_monitoring(root);

    /* 3. stop_monitoring: no message when the process then dies. A watcher process
     * (still monitoring) tells when it is dead. */
    ty_pid w;
    if (ty_spawn(watcher, (int64_t)root, &w)) return 1;
    if (ty_spawn(returns, 0, &child)) return 1;
    ty_monitor(child);
    send_u64(w, T_GO, child);
    if (ty_receive_tag(T_REPORT, 10000) != TY_MSG_DATA) return 1;   /* w monitors it */
    ty_stop_monitoring(child);
    send_u64(child, T_GO, 0);
    if (ty_receive_tag(T_REPORT, 10000) == TY_MSG_DATA) {
        int32_t rc = -1;
        uint64_t dead = 0;
        ty_read_i32(&rc);
        ty_read_u64(&dead);
        printf("the other monitor: receive=%d pid=%s\n", rc, dead == child ? "ok" : "WRONG");
    }
    printf("exists after its death: %d\n", ty_exists(child));
    show("after stop_monitoring", child, 100);
    ty_stop_monitoring(child);             /* of a dead process: no-op */
    ty_stop_monitoring(987654321);         /* of a pid that never existed: no-op */

    /* 4. ProcessDied has no tag: no tag list matches it, not even [0]. */
    ty_monitor(child);                     /* dead: ProcessDied queued at once */
    int64_t tags[] = {0, 1, 2, 0x7fffffffffffffff, -1};
    printf("tag list [0]: %d\n", ty_receive(tags, 1, 0));
    printf("tag list [0,1,2,max,-1]: %d\n", ty_receive(tags, 5, 0));
    printf("tag list [1] with 50 ms: %d\n", ty_receive(&tags[1], 1, 50));
    show("any message", child, 0);

    /* 5. One process monitoring several: one ProcessDied each, with its pid. Two
     * monitors of the same process (a watcher and the root): both get it. */
    ty_pid kids[3];
    for (int i = 0; i < 3; i++) {
        if (ty_spawn(returns, 0, &kids[i])) return 1;
        ty_monitor(kids[i]);
        ty_monitor(kids[i]);               /* twice: still one message */
    }
    if (ty_spawn(watcher, (int64_t)root, &w)) return 1;
    send_u64(w, T_GO, kids[1]);
    if (ty_receive_tag(T_REPORT, 10000) != TY_MSG_DATA) return 1;
    for (int i = 2; i >= 0; i--) send_u64(kids[i], T_GO, 0);
    /* (the watcher's report first: it may come before some ProcessDied) */
    if (ty_receive_tag(T_REPORT, 10000) == TY_MSG_DATA) {
        int32_t rc = -1;
        uint64_t dead = 0;
        ty_read_i32(&rc);
        ty_read_u64(&dead);
        printf("second monitor of kid 1: receive=%d pid=%s\n", rc, dead == kids[1] ? "ok" : "WRONG");
    }
    int seen[3] = {0, 0, 0}, other = 0;
    for (int n = 0; n < 3; n++) {
        if (ty_receive(NULL, 0, 10000) != TY_MSG_PROCESS_DIED) { other++; continue; }
        uint64_t d = ty_msg_dead_pid();
        for (int i = 0; i < 3; i++) seen[i] += d == kids[i];
    }
    printf("three monitored: %d %d %d other=%d\n", seen[0], seen[1], seen[2], other);
    expect_empty("at the end (a double monitor gives one message)");
    return 0;
}
