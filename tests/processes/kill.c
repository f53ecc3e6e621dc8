//! exit: 134
/* kill.c — lunatic::process::kill: a process waiting in receive, sleeping, spinning
 * without host calls, or just spawned dies (reason Failure: a trapping link gets
 * LinkDied); killing a pid that does not exist, or has died, is a no-op; a process that
 * kills itself dies at its next wait (or the end of its slice), like Lunatic's Kill
 * signal handled at the next await point. Last, the root kills itself: tycho reports
 * "error: killed" and exits 134. Only the root prints. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "harness.h"

enum { T_REPORT = 100, T_GO = 101 };

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void waits(int64_t root) {
    send_u64((ty_pid)root, T_REPORT, 1);   /* waiting now */
    ty_receive(NULL, 0, TY_NO_TIMEOUT);
    send_u64((ty_pid)root, T_REPORT, 99);  /* never: it is killed while waiting */
}
static void traps_exits_and_waits(int64_t root) {
    ty_die_when_link_dies(0);              /* does not protect from kill */
    send_u64((ty_pid)root, T_REPORT, 4);
    ty_receive(NULL, 0, TY_NO_TIMEOUT);
    send_u64((ty_pid)root, T_REPORT, 99);
}
static void sleeps(int64_t root) {
    send_u64((ty_pid)root, T_REPORT, 2);
    ty_sleep_ms(1000000);
    send_u64((ty_pid)root, T_REPORT, 99);
}
static void spins(int64_t root) {
    send_u64((ty_pid)root, T_REPORT, 3);
    for (volatile uint64_t i = 0;; i++) {}
}
static void kills_self_then_waits(int64_t root) {
    ty_kill(ty_self());
    ty_receive(NULL, 0, TY_NO_TIMEOUT);    /* dies here instead of waiting */
    send_u64((ty_pid)root, T_REPORT, 99);
}
static void kills_self_then_spins(int64_t root) {
    (void)root;
    ty_kill(ty_self());
    for (volatile uint64_t i = 0;; i++) {}
}
static void kills_self_then_sleeps(int64_t root) {
    ty_kill(ty_self());
    ty_sleep_ms(1000000);
    send_u64((ty_pid)root, T_REPORT, 99);
}
static void waits_quietly(int64_t root) {
    (void)root;
    ty_receive(NULL, 0, TY_NO_TIMEOUT);
}

/* Waits for the LinkDied and ProcessDied of child (in either order). */
static void expect_death(const char *what, ty_pid child, double t0) {
    int link = 0, down = 0, other = 0;
    int64_t tag = 0;
    while (!(link && down)) {
        int rc = ty_receive(NULL, 0, 10000);
        if (rc == TY_TIMEOUT) break;
        if (rc == TY_MSG_LINK_DIED && ty_msg_dead_pid() == child) { link++; tag = ty_msg_tag(); }
        else if (rc == TY_MSG_PROCESS_DIED && ty_msg_dead_pid() == child) down++;
        else other++;
    }
    double dt = now_ms() - t0;
    printf("%s: link_died=%d tag=%lld down=%d other=%d exists=%d (%s)\n", what, link,
           (long long)tag, down, other, ty_exists(child), dt < 5000 ? "promptly" : "SLOW");
}

static void started(void) {
    uint64_t v = 0;
    if (ty_receive_tag(T_REPORT, 10000) != TY_MSG_DATA || ty_read_u64(&v)) printf("no report\n");
    printf("child %llu started\n", (unsigned long long)v);
}

int main(void) {
    ty_pid root = ty_self(), child;
    ty_die_when_link_dies(0);
    double t;

    /* 1. Waiting, sleeping, spinning. */
    ty_entry fns[] = {waits, sleeps, spins, traps_exits_and_waits};
    const char *names[] = {"kill a waiting process", "kill a sleeping process",
                           "kill a spinning process", "kill a process trapping exits"};
    for (int i = 0; i < 4; i++) {
        if (ty_spawn_link(10 + i, fns[i], (int64_t)root, &child)) return 1;
        ty_monitor(child);
        started();
        if (i == 2) ty_sleep_ms(20);       /* let it spin a while */
        t = now_ms();
        ty_kill(child);
        expect_death(names[i], child, t);
    }

    /* 2. Killed at once after the spawn (it may or may not have started running). */
    if (ty_spawn_link(14, waits_quietly, (int64_t)root, &child)) return 1;
    ty_kill(child);
    ty_monitor(child);
    expect_death("kill a process just spawned", child, now_ms());

    /* 3. A pid that does not exist, one that died, oneself twice: no-ops. */
    ty_kill(987654321);
    ty_kill(child);                        /* dead */
    ty_kill(0);
    printf("kill of missing/dead pids: exists=%d mailbox=%d\n", ty_exists(987654321),
           ty_receive(NULL, 0, 0));

    /* 4. Killing oneself. */
    ty_entry selfs[] = {kills_self_then_waits, kills_self_then_spins, kills_self_then_sleeps};
    const char *snames[] = {"kill self, then receive", "kill self, then spin",
                            "kill self, then sleep"};
    for (int i = 0; i < 3; i++) {
        if (ty_spawn_link(20 + i, selfs[i], (int64_t)root, &child)) return 1;
        ty_monitor(child);
        expect_death(snames[i], child, now_ms());
    }

    /* 5. A killed process's links fail (default die_when_link_dies(1)): the chain goes. */
    ty_pid mid;
    if (ty_spawn(waits, (int64_t)root, &mid)) return 1;   /* not linked to the root */
    started();
    ty_link(30, mid);
    ty_monitor(mid);
    t = now_ms();
    ty_kill(mid);
    expect_death("kill a process linked to the root", mid, t);
    printf("nothing else: %d\n", ty_receive(NULL, 0, 50));

    /* 6. The root kills itself: it dies at its next wait; tycho prints the reason. */
    fflush(stdout);
    ty_kill(root);
    ty_receive(NULL, 0, TY_NO_TIMEOUT);
    printf("still alive after killing myself\n");
    return 0;
}
