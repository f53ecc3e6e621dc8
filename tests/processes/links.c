/* links.c — links: death reasons, tags on both sides of a spawn-link and of link(),
 * trap-exit (die_when_link_dies(0)) turning failures into LinkDied messages, the default
 * cascade through a chain, normal deaths not propagating, unlink, links to missing pids.
 * Only the root prints; every other process reports to it with messages. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

enum {
    T_REPORT = 100,   /* a child's report to the root */
    T_GO = 101,       /* "go on" to a waiting child */
    T_PID = 102,      /* a pid sent to the root */
    T_PID2 = 103,     /* another one, from another process (no ordering between them) */
};

static uint64_t read_u64(void) {
    uint64_t v = 0;
    if (ty_read_u64(&v) != 0) printf("short message\n");
    return v;
}

/* The root's receive of one message tagged `tag` (at most 10 s): its u64. */
static uint64_t recv_u64(int64_t tag) {
    int rc = ty_receive_tag(tag, 10000);
    if (rc != TY_MSG_DATA) {
        printf("receive tag %lld: %d\n", (long long)tag, rc);
        return 0;
    }
    return read_u64();
}

static void wait_forever(void) {
    ty_receive(NULL, 0, TY_NO_TIMEOUT);
    abort();   /* no message is ever sent to such a process */
}

static void wait_go(void) { ty_receive_tag(T_GO, TY_NO_TIMEOUT); }

/* What the root received about a dead child: the LinkDied messages (count, last tag and
 * pid) and whether the ProcessDied of its monitor came. Receives everything until the
 * ProcessDied of `pid` (a death sends LinkDied before ProcessDied). */
typedef struct { int links; int64_t tag; uint64_t link_pid; int down; int other; } death_t;

static death_t collect_death(ty_pid pid) {
    death_t d = {0};
    for (;;) {
        int rc = ty_receive(NULL, 0, 10000);
        if (rc == TY_MSG_LINK_DIED) {
            d.links++;
            d.tag = ty_msg_tag();
            d.link_pid = ty_msg_dead_pid();
        } else if (rc == TY_MSG_PROCESS_DIED && ty_msg_dead_pid() == pid) {
            d.down = 1;
            return d;
        } else if (rc == TY_TIMEOUT) {
            return d;
        } else {
            d.other++;
        }
    }
}

static void print_death(const char *what, ty_pid pid, death_t d) {
    printf("%s: down=%d link_died=%d", what, d.down, d.links);
    if (d.links)
        printf(" tag=%lld pid=%s", (long long)d.tag, d.link_pid == pid ? "child" : "WRONG");
    if (d.other) printf(" other=%d", d.other);
    printf("\n");
}

/* The root: receives a report_next_message report; prints nothing if none came. The
 * dead pid is printed as `name` if it is `expect`. */
static void print_report(const char *what, ty_pid expect, const char *name) {
    if (ty_receive_tag(T_REPORT, 10000) != TY_MSG_DATA) return;
    int32_t rc = -1;
    int64_t tag = -1;
    uint64_t dead = 0;
    ty_read_i32(&rc);
    ty_read_i64(&tag);
    ty_read_u64(&dead);
    printf("%s: receive=%d tag=%lld pid=%s\n", what, rc, (long long)tag,
           dead == expect ? name : "WRONG");
}

static void expect_empty(const char *what) {
    int rc = ty_receive(NULL, 0, 0);
    if (rc == TY_TIMEOUT) printf("%s: mailbox empty\n", what);
    else printf("%s: unexpected message %d tag %lld\n", what, rc, (long long)ty_msg_tag());
}

/* ---- children ----------------------------------------------------------------------- */

/* Receives the next message (at most 10 s) and reports it to the root as T_REPORT:
 * [i32 receive result][i64 tag][u64 dead pid]; the root prints it with print_report. */
static void report_next_message(ty_pid root) {
    int rc = ty_receive(NULL, 0, 10000);
    int64_t tag = ty_msg_tag();          /* read before ty_msg_begin replaces it */
    uint64_t dead = ty_msg_dead_pid();
    ty_msg_begin(T_REPORT);
    ty_msg_i32(rc);
    ty_msg_i64(tag);
    ty_msg_u64(dead);
    ty_send(root);
}

static void returns(int64_t a) { (void)a; }
static void exits0(int64_t a) { (void)a; exit(0); }
static void exits3(int64_t a) { (void)a; exit(3); }
static void aborts(int64_t a) { (void)a; abort(); }
static void unreachable(int64_t a) { (void)a; __builtin_trap(); }
static void waits(int64_t a) { (void)a; wait_forever(); }
static void waits_go_then_aborts(int64_t a) { (void)a; wait_go(); abort(); }

/* Monitors the pid of its first message (tag T_PID), tells the root (T_REPORT), and
 * tells it again when that process is dead. */
static void watcher(int64_t root) {
    ty_pid target = recv_u64(T_PID);
    ty_monitor(target);
    send_u64((ty_pid)root, T_REPORT, 0);
    ty_receive(NULL, 0, 10000);
    send_u64((ty_pid)root, T_REPORT, 1);
}

/* Spawn-links a child that traps exits, tells the root "ready" once it does, then fails.
 * The child reports what it saw (receive code, tag, dead pid) to the root. */
static void orphan_reporter(int64_t root) {
    ty_die_when_link_dies(0);
    send_u64((ty_pid)root, T_GO, 0);              /* "trapping exits now" */
    report_next_message((ty_pid)root);
}
static void failing_parent(int64_t root) {
    ty_pid child;
    if (ty_spawn_link(22, orphan_reporter, root, &child)) abort();
    send_u64((ty_pid)root, T_PID, child);
    wait_go();      /* the root says go once the child traps exits */
    abort();
}

/* The chain root -> a -> b -> c (spawn-links); c fails when told. a and b keep the
 * default die_when_link_dies(1). */
static void chain_c(int64_t root) { (void)root; wait_go(); abort(); }
static void chain_b(int64_t root) {
    ty_pid c;
    if (ty_spawn_link(2, chain_c, root, &c)) abort();
    send_u64((ty_pid)root, T_PID2, c);
    wait_forever();
}
static void chain_a(int64_t root) {
    ty_pid b;
    if (ty_spawn_link(1, chain_b, root, &b)) abort();
    send_u64((ty_pid)root, T_PID, b);
    wait_forever();
}

/* Spawn-links a child that ends as `how` says, waits for its ProcessDied, and tells the
 * root it is still alive. Keeps die_when_link_dies(1). */
static const ty_entry survivor_children[] = {returns, exits0};
static void survivor(int64_t arg) {
    ty_pid root = (ty_pid)(arg >> 8), child;
    if (ty_spawn_link(5, survivor_children[arg & 0xff], 0, &child)) abort();
    ty_monitor(child);
    if (ty_receive(NULL, 0, 10000) != TY_MSG_PROCESS_DIED) abort();
    send_u64(root, T_REPORT, 1);   /* still running: the normal death did not kill us */
}

/* Links to a child, unlinks, makes the child fail, reports that it survived. */
static void unlinker(int64_t root) {
    ty_pid child;
    if (ty_spawn_link(6, waits_go_then_aborts, 0, &child)) abort();
    ty_unlink(child);
    ty_monitor(child);
    send_u64(child, T_GO, 0);
    if (ty_receive(NULL, 0, 10000) != TY_MSG_PROCESS_DIED) abort();
    send_u64((ty_pid)root, T_REPORT, 1);
}

/* link() to a pid that does not exist, without trapping exits: dies at its next wait. */
static void links_to_nobody(int64_t root) {
    ty_link(8, 987654321);
    wait_forever();
    send_u64((ty_pid)root, T_REPORT, 1);   /* never reached */
}

/* The other side of a link(): traps exits, links to the process named in its first
 * message with tag 44, waits for that process to fail and reports what it saw. */
static void link_target(int64_t root) {
    ty_die_when_link_dies(0);
    ty_pid other = recv_u64(T_PID);
    ty_link(44, other);
    send_u64(other, T_GO, 0);
    report_next_message((ty_pid)root);
}

int main(void) {
    ty_pid root = ty_self(), child;
    ty_die_when_link_dies(0);

    /* 1. Death reasons as a trapping-exits parent sees them (spawn-link tag = reason). */
    struct { const char *what; ty_entry fn; int64_t tag; } cases[] = {
        {"return", returns, 1},  {"exit(0)", exits0, 2},     {"exit(3)", exits3, 3},
        {"abort", aborts, 4},    {"unreachable", unreachable, 5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (ty_spawn_link(cases[i].tag, cases[i].fn, 0, &child)) return 1;
        ty_monitor(child);
        print_death(cases[i].what, child, collect_death(child));
    }
    if (ty_spawn_link(6, waits, 0, &child)) return 1;
    ty_monitor(child);
    ty_kill(child);
    print_death("kill", child, collect_death(child));
    expect_empty("after death reasons");

    /* LinkDied messages carry the link tag, so a tag list selects them; an untagged
     * link (link(0, pid)) gives a LinkDied that only "any message" receives. A watcher
     * tells when the child is dead (its ProcessDied comes after our LinkDied). */
    ty_pid w;
    if (ty_spawn(waits_go_then_aborts, 0, &child)) return 1;
    ty_link(16, child);
    if (ty_spawn(watcher, (int64_t)root, &w)) return 1;
    send_u64(w, T_PID, child);
    recv_u64(T_REPORT);                    /* w monitors it */
    send_u64(child, T_GO, 0);
    recv_u64(T_REPORT);                    /* it is dead */
    int64_t t16 = 16, t99 = 99, t0 = 0;
    printf("LinkDied queued, receive [99]: %d\n", ty_receive(&t99, 1, 0));
    int rc = ty_receive(&t16, 1, 0);
    printf("LinkDied queued, receive [16]: %d tag=%lld\n", rc, (long long)ty_msg_tag());
    if (ty_spawn(waits_go_then_aborts, 0, &child)) return 1;
    ty_link(0, child);
    if (ty_spawn(watcher, (int64_t)root, &w)) return 1;
    send_u64(w, T_PID, child);
    recv_u64(T_REPORT);
    send_u64(child, T_GO, 0);
    recv_u64(T_REPORT);
    printf("untagged LinkDied queued, receive [0]: %d\n", ty_receive(&t0, 1, 0));
    rc = ty_receive(NULL, 0, 0);
    printf("untagged LinkDied queued, receive any: %d tag=%lld pid=%s\n", rc,
           (long long)ty_msg_tag(), ty_msg_dead_pid() == child ? "child" : "WRONG");
    expect_empty("after selective LinkDied");

    /* 2. A spawn-linked child sees tag 0 when its parent fails (the parent stored 0). */
    ty_pid parent;
    if (ty_spawn(failing_parent, (int64_t)root, &parent)) return 1;
    recv_u64(T_PID);                       /* the parent has spawn-linked its child */
    ty_receive_tag(T_GO, 10000);          /* the child traps exits now */
    send_u64(parent, T_GO, 0);
    print_report("child of a failed parent", parent, "parent");

    /* 3. The cascade a -> b -> c: c fails, b and a die with it; the root (trapping) gets
     * a's LinkDied with the root's spawn-link tag, and the three ProcessDied messages. */
    ty_pid a, b, c;
    if (ty_spawn_link(77, chain_a, (int64_t)root, &a)) return 1;
    b = recv_u64(T_PID);
    c = recv_u64(T_PID2);
    ty_monitor(a);
    ty_monitor(b);
    ty_monitor(c);
    send_u64(c, T_GO, 0);
    int downs = 0, down_a = 0, down_b = 0, down_c = 0, links = 0;
    int64_t link_tag = 0;
    uint64_t link_pid = 0;
    while (downs < 3) {
        int rc = ty_receive(NULL, 0, 10000);
        if (rc == TY_MSG_PROCESS_DIED) {
            uint64_t d = ty_msg_dead_pid();
            down_a += d == a;
            down_b += d == b;
            down_c += d == c;
            downs++;
        } else if (rc == TY_MSG_LINK_DIED) {
            links++;
            link_tag = ty_msg_tag();
            link_pid = ty_msg_dead_pid();
        } else {
            printf("cascade: unexpected %d\n", rc);
            break;
        }
    }
    if (!links && ty_receive(NULL, 0, 10000) == TY_MSG_LINK_DIED) {   /* (if it came last) */
        links++;
        link_tag = ty_msg_tag();
        link_pid = ty_msg_dead_pid();
    }
    printf("cascade: down a=%d b=%d c=%d; link_died=%d tag=%lld pid=%s\n", down_a, down_b,
           down_c, links, (long long)link_tag, link_pid == a ? "a" : "WRONG");
    printf("cascade: exists a=%d b=%d c=%d\n", ty_exists(a), ty_exists(b), ty_exists(c));
    expect_empty("after cascade");

    /* 4. A normal death (return, exit(0)) does not kill a linked process that does not
     * trap exits. */
    for (int how = 0; how < 2; how++) {
        ty_pid s;
        if (ty_spawn(survivor, (int64_t)(root << 8 | how), &s)) return 1;
        printf("normal death (%s) leaves the linked parent alive: %llu\n",
               how ? "exit(0)" : "return", (unsigned long long)recv_u64(T_REPORT));
    }

    /* 5. unlink stops propagation (both sides: the unlinker survives, and the root, which
     * unlinks a trapping link, gets no LinkDied). */
    ty_pid u;
    if (ty_spawn(unlinker, (int64_t)root, &u)) return 1;
    printf("unlinked child fails, parent alive: %llu\n", (unsigned long long)recv_u64(T_REPORT));
    if (ty_spawn_link(9, waits_go_then_aborts, 0, &child)) return 1;
    ty_unlink(child);
    ty_monitor(child);
    send_u64(child, T_GO, 0);
    print_death("unlinked then abort", child, collect_death(child));
    expect_empty("after unlink");

    /* 6. link(tag, pid) stores the tag on both sides. */
    ty_pid t;
    if (ty_spawn(waits_go_then_aborts, 0, &child)) return 1;
    ty_link(33, child);
    ty_monitor(child);
    send_u64(child, T_GO, 0);
    print_death("link(33) then child aborts", child, collect_death(child));
    if (ty_spawn(link_target, (int64_t)root, &t)) return 1;
    if (ty_spawn(waits_go_then_aborts, 0, &child)) return 1;
    send_u64(t, T_PID, child);             /* t links to child, then tells it to abort */
    print_report("other side of link(44)", child, "child");

    /* 7. link to a pid that does not exist: a LinkDied at once when trapping exits
     * (Lunatic's LinkDied(NoProcess)); death otherwise. */
    ty_link(12, 123456789);
    rc = ty_receive(NULL, 0, 0);
    printf("link to a missing pid: receive=%d tag=%lld pid=%llu\n", rc,
           (long long)ty_msg_tag(), (unsigned long long)ty_msg_dead_pid());
    ty_link(13, root);                     /* linking to oneself: ignored */
    expect_empty("after link to self");
    if (ty_spawn_link(14, links_to_nobody, (int64_t)root, &child)) return 1;
    ty_monitor(child);
    print_death("link to a missing pid without trapping", child, collect_death(child));
    expect_empty("at the end");
    return 0;
}
