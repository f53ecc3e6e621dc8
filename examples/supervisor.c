/* supervisor.c — a supervision tree: children crash, are restarted, and the service goes
 * on; a child that crashes too often makes its supervisor give up, and that escalates.
 *
 *   make build/examples/processes/supervisor.wasm
 *   build/tycho build/examples/processes/supervisor.wasm
 *
 * The tree (ty_supervise from sdk/c: one-for-one, restart intensity "at most R restarts
 * within P ms", names re-registered after every restart):
 *
 *   root ─link─ top            one-for-one, at most 1 restart a minute
 *               ├── workers    one-for-one, at most 2 restarts a minute
 *               │   ├── squarer   answers n -> n*n, but traps on every 3rd request (a bug)
 *               │   └── flaky     traps whenever it is asked to
 *               └── counter    counts the requests it gets
 *
 * The root talks to the children through their registered names. A call monitors the
 * server first, so a crash shows up as a ProcessDied message instead of a timeout
 * (Erlang's gen_server:call). Restarted children are new processes: the root numbers
 * the incarnations it meets (squarer #2, ...). The counter's state survives the restarts
 * next to it: one-for-one restarts only the child that failed. When "workers" exceeds its
 * intensity it kills its children and fails (abort()); "top" restarts it once; the second
 * time "top" fails too, and the root, linked to it with die_when_link_dies(0), gets a
 * LinkDied message instead of dying. The root prints everything, so the output is the
 * same with any number of workers; the restart intensity is counted over a minute,
 * which the example takes far less than. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "tycho.h"

enum {
    TAG_SQUARE = 1,   /* request to squarer: [u64 n] -> [u64 n*n] */
    TAG_CRASH,        /* request to flaky: crashes */
    TAG_COUNT,        /* request to counter: -> [u64 requests so far] */
    TAG_TOP,          /* the root's link to top */
    TAG_REPLY = 0x1000,   /* reply tags of the root's calls: TAG_REPLY + 1, + 2, ... */
};

/* ---- the children -------------------------------------------------------------------- */

static void squarer(int64_t arg) {
    (void)arg;
    for (;;) {
        ty_reply_to from;
        uint64_t n;
        if (ty_receive_request(TAG_SQUARE, TY_NO_TIMEOUT, &from) != TY_OK ||
            ty_read_u64(&n) != TY_OK)
            continue;
        if (n % 3 == 0) __builtin_trap();   /* the bug: wasm `unreachable` */
        uint64_t sq = n * n;
        ty_reply(&from, &sq, sizeof sq);
    }
}

static void flaky(int64_t arg) {
    (void)arg;
    ty_reply_to from;
    while (ty_receive_request(TAG_CRASH, TY_NO_TIMEOUT, &from) != TY_OK) {}
    volatile uint32_t *nowhere = (volatile uint32_t *)(uintptr_t)0xFFFFFFF0u;
    *nowhere = 1;                           /* out-of-bounds store: a trap */
}

static void counter(int64_t arg) {
    (void)arg;
    for (uint64_t count = 1;; count++) {
        ty_reply_to from;
        while (ty_receive_request(TAG_COUNT, TY_NO_TIMEOUT, &from) != TY_OK) {}
        ty_reply(&from, &count, sizeof count);
    }
}

/* Supervises `children` (at most max_restarts restarts a minute). A supervisor that gives
 * up fails (abort), so that its own supervisor sees a failed child: that is how a crash
 * loop escalates up the tree. */
static void supervise(const ty_child_spec *children, size_t n, int max_restarts) {
    if (ty_supervise(children, n, max_restarts, 60000) != TY_OK) abort();
}

static const ty_child_spec workers_children[] = {
    { "squarer", squarer, 0 },
    { "flaky", flaky, 0 },
};
static void workers(int64_t arg) { (void)arg; supervise(workers_children, 2, 2); }

static const ty_child_spec top_children[] = {
    { "workers", workers, 0 },
    { "counter", counter, 0 },
};
static void top(int64_t arg) { (void)arg; supervise(top_children, 2, 1); }

/* ---- the root ------------------------------------------------------------------------ */

static int64_t last_reply_tag = TAG_REPLY;
static int64_t escalated;   /* tag of a LinkDied the root received (0: none yet) */
static int problems;

/* Calls `server`: a request tagged `tag` with the SDK's request layout
 * [u64 reply pid][i64 reply tag][payload], then waits for the reply or the server's
 * death, whichever comes first. 0 = reply (min(size, cap) bytes in reply, *got = size),
 * -1 = the server died (or did not exist) before replying. */
static int call(ty_pid server, int64_t tag, const void *req, size_t len, void *reply,
                size_t cap, size_t *got) {
    int64_t reply_tag = ++last_reply_tag;
    ty_monitor(server);
    ty_msg_begin(tag);
    ty_msg_u64(ty_self());
    ty_msg_i64(reply_tag);
    ty_msg_raw(req, len);
    ty_send(server);
    for (;;) {
        int code = ty_receive(NULL, 0, TY_NO_TIMEOUT);
        if (code == TY_MSG_DATA && ty_msg_tag() == reply_tag) {
            size_t size = ty_msg_size();
            ty_read_raw(reply, size < cap ? size : cap);
            if (got) *got = size;
            ty_stop_monitoring(server);
            return 0;
        }
        if (code == TY_MSG_PROCESS_DIED && ty_msg_dead_pid() == server) return -1;
        if (code == TY_MSG_LINK_DIED) escalated = ty_msg_tag();
        /* Anything else is stale (the reply to an earlier call): dropped. */
    }
}

/* The current pid of child `index` of supervisor `sup`, asked with the SDK's supervisor
 * query (tag TY_SUP_QUERY_TAG, payload [u64 index], reply [u64 pid]). The supervisor
 * handles its messages in order, so the answer comes after it has dealt with every
 * earlier crash (restarted and re-registered the child). 0 = the supervisor is gone. */
static ty_pid child_of(ty_pid sup, uint64_t index) {
    ty_pid pid = 0;
    size_t got = 0;
    if (call(sup, TY_SUP_QUERY_TAG, &index, sizeof index, &pid, sizeof pid, &got) != 0 ||
        got != sizeof pid)
        return 0;
    return pid;
}

/* Incarnations: a name's process is a new one whenever its pid changes. */
typedef struct { const char *name; ty_pid pid; int number; } incarnation;
static incarnation squarer_seen = { "squarer", 0, 0 }, flaky_seen = { "flaky", 0, 0 },
                   workers_seen = { "workers", 0, 0 };

/* Looks `who` up by name; returns its pid (0 if unregistered), counting a new pid as a
 * new incarnation. */
static ty_pid lookup(incarnation *who) {
    ty_pid pid = 0;
    if (ty_lookup(who->name, &pid) != TY_OK) return 0;
    if (pid != who->pid) {
        who->pid = pid;
        who->number++;
    }
    return pid;
}

/* After a (re)start of top's child "workers": waits until workers has started (and
 * registered) squarer and flaky. */
static void workers_ready(ty_pid workers_pid) {
    if (!child_of(workers_pid, 0) || !child_of(workers_pid, 1)) {
        printf("unexpected: the workers supervisor died while starting\n");
        problems++;
    }
    lookup(&workers_seen);
    lookup(&squarer_seen);
    lookup(&flaky_seen);
}

static void count(void) {
    ty_pid pid = 0;
    uint64_t n = 0;
    if (ty_lookup("counter", &pid) != TY_OK || call(pid, TAG_COUNT, NULL, 0, &n, sizeof n, NULL)) {
        printf("unexpected: the counter is gone\n");
        problems++;
        return;
    }
    printf("counter: %llu request%s so far\n", (unsigned long long)n, n == 1 ? "" : "s");
}

static void square(uint64_t n) {
    ty_pid pid = lookup(&squarer_seen);
    uint64_t sq = 0;
    if (pid && call(pid, TAG_SQUARE, &n, sizeof n, &sq, sizeof sq, NULL) == 0) {
        printf("squarer #%d: %llu * %llu = %llu\n", squarer_seen.number, (unsigned long long)n,
               (unsigned long long)n, (unsigned long long)sq);
        return;
    }
    printf("squarer #%d: %llu * %llu = ? it crashed\n", squarer_seen.number,
           (unsigned long long)n, (unsigned long long)n);
    if (!child_of(workers_seen.pid, 0)) {
        printf("unexpected: the workers supervisor gave up\n");
        problems++;
        return;
    }
    lookup(&squarer_seen);
    printf("  workers restarted it: squarer #%d\n", squarer_seen.number);
}

/* Makes flaky crash. Returns true while the workers supervisor survives it. */
static bool crash_flaky(ty_pid top_pid) {
    ty_pid pid = lookup(&flaky_seen);
    printf("flaky #%d: asked to crash", flaky_seen.number);
    if (!pid || call(pid, TAG_CRASH, NULL, 0, NULL, 0, NULL) == 0) {
        printf(" ... but it did not\n");
        problems++;
        return true;
    }
    if (child_of(workers_seen.pid, 1)) {
        lookup(&flaky_seen);
        printf(": crashed; workers restarted it: flaky #%d\n", flaky_seen.number);
        return true;
    }
    printf(": crashed; workers #%d gave up (3 restarts within a minute is more than 2) "
           "and failed\n", workers_seen.number);
    ty_pid w = child_of(top_pid, 0);
    if (w) {
        workers_ready(w);
        printf("  top restarted it: workers #%d, with a fresh squarer #%d and flaky #%d\n",
               workers_seen.number, squarer_seen.number, flaky_seen.number);
    } else {
        printf("  top gave up too (2 restarts within a minute is more than 1) and failed\n");
    }
    return false;
}

/* Waits until the process registered under `name`, if any, has ended. */
static void wait_gone(const char *name) {
    ty_pid pid;
    if (ty_lookup(name, &pid) != TY_OK) return;
    ty_monitor(pid);   /* already dead: ProcessDied at once */
    while (!(ty_receive(NULL, 0, TY_NO_TIMEOUT) == TY_MSG_PROCESS_DIED &&
             ty_msg_dead_pid() == pid)) {}
}

int main(void) {
    ty_die_when_link_dies(0);   /* a failure of top becomes a LinkDied message */
    ty_pid top_pid;
    if (ty_spawn_link(TAG_TOP, top, 0, &top_pid) != TY_OK) {
        printf("spawn failed: %s\n", ty_last_error());
        return 1;
    }
    printf("top supervises workers and counter (one-for-one, at most 1 restart a minute)\n");
    printf("workers supervises squarer and flaky (one-for-one, at most 2 restarts a minute)\n");
    ty_pid w = child_of(top_pid, 0);
    if (!w || !child_of(top_pid, 1)) return 1;
    workers_ready(w);

    count();
    for (uint64_t n = 1; n <= 7; n++) square(n);
    count();
    crash_flaky(top_pid);
    square(8);
    count();
    while (crash_flaky(top_pid)) {}

    if (escalated == TAG_TOP)
        printf("root: LinkDied from top (link tag %d): the failure reached the root, which "
               "traps link deaths\n", TAG_TOP);
    else {
        printf("unexpected: no LinkDied from top\n");
        problems++;
    }
    static const char *const names[] = { "workers", "squarer", "flaky", "counter" };
    int left = 0;
    for (int i = 0; i < 4; i++) {
        wait_gone(names[i]);
        ty_pid pid;
        left += ty_lookup(names[i], &pid) == TY_OK;
    }
    printf("names still registered: %d (a process's names go when it dies)\n", left);
    return problems || left ? 1 : 0;
}
