//! options: --max-processes 1000
/* max_processes.c — tycho --max-processes 1000: at most 1000 live processes, the root
 * included. The root spawns waiting children until spawn fails: exactly 999 succeed and
 * the error text is exact. At the limit a child's spawn and get_or_spawn fail the same
 * way (and get_or_spawn registers nothing); failed spawns use up no process id. Once the
 * children are killed (the root waits for their ProcessDied), the slots are free again:
 * a second round spawns exactly 999 once more. Then, at the limit, 2000 times: kill one
 * child, wait for its ProcessDied, spawn a replacement — which must always succeed (a
 * dead process stops counting before its monitors hear of its death). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tycho.h"

#define LIMIT_TEXT "process limit reached (--max-processes 1000)"
enum { T_NEVER = 1, T_TRY, T_RESULT };

static void waiter(int64_t arg) {
    (void)arg;
    int64_t never = T_NEVER;
    ty_receive(&never, 1, TY_NO_TIMEOUT);
}

/* On T_TRY: tries to spawn and reports [i32 result][str error text] to the root. */
static void asker(int64_t root) {
    if (ty_receive_tag(T_TRY, TY_NO_TIMEOUT) != TY_MSG_DATA) abort();
    ty_pid pid = 0;
    int rc = ty_spawn(waiter, 0, &pid);
    ty_msg_begin(T_RESULT);
    ty_msg_i32(rc);
    ty_msg_str(rc == TY_OK ? "" : ty_last_error());
    ty_send((ty_pid)root);
    waiter(0);
}

static ty_pid kids[1000];
static int failures;

#define CHECK(cond, ...)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            printf("FAIL: " __VA_ARGS__);                                                  \
            printf("\n");                                                                  \
            failures++;                                                                    \
        }                                                                                  \
    } while (0)

/* Spawns children (the first an asker) until spawn fails; returns how many. */
static int fill(void) {
    int n = 0;
    for (;;) {
        ty_pid pid;
        int rc = n == 0 ? ty_spawn(asker, (int64_t)ty_self(), &pid) : ty_spawn(waiter, 0, &pid);
        if (rc != TY_OK) {
            CHECK(rc == TY_EHOST && !strcmp(ty_last_error(), LIMIT_TEXT),
                  "spawn %d: %d \"%s\"", n + 1, rc, ty_last_error());
            return n;
        }
        CHECK(n < 1000, "more than 999 children");
        if (n >= 1000) return n;
        ty_monitor(pid);
        kids[n++] = pid;
    }
}

static void kill_all(int n) {
    for (int i = 0; i < n; i++) ty_kill(kids[i]);
    int died = 0;
    while (died < n) {
        int code = ty_receive(NULL, 0, 10000);
        if (code == TY_TIMEOUT) break;
        if (code == TY_MSG_PROCESS_DIED) died++;
    }
    printf("killed them: %d ProcessDied\n", died);
    CHECK(died == n, "%d of %d children died", died, n);
    for (int i = 0; i < n; i++) CHECK(!ty_exists(kids[i]), "pid %llu still exists",
                                      (unsigned long long)kids[i]);
}

int main(void) {
    int n = fill();
    printf("round 1: spawned %d children (pids %llu..%llu), then: %s\n", n,
           (unsigned long long)kids[0], (unsigned long long)kids[n - 1], ty_last_error());
    CHECK(n == 999, "spawned %d", n);

    /* At the limit, a child's spawn fails the same way. */
    ty_msg_begin(T_TRY);
    ty_send(kids[0]);
    int64_t result_tag = T_RESULT;
    int32_t rc = 0;
    char text[128] = "";
    if (ty_receive(&result_tag, 1, 10000) != TY_MSG_DATA || ty_read_i32(&rc) != TY_OK ||
        ty_read_str(text, sizeof text) != TY_OK)
        CHECK(0, "no answer from the asker");
    printf("a child's spawn at the limit: %s\n", text);
    CHECK(rc == TY_EHOST && !strcmp(text, LIMIT_TEXT), "child: %d \"%s\"", rc, text);

    /* get_or_spawn: an error, and no name left behind. */
    ty_pid pid = 0;
    int r = ty_spawn_named("late", waiter, 0, &pid);
    printf("get_or_spawn at the limit: %s\n", r == TY_OK ? "spawned!" : ty_last_error());
    CHECK(r == TY_EHOST && !strcmp(ty_last_error(), LIMIT_TEXT), "get_or_spawn: %d", r);
    CHECK(ty_lookup("late", &pid) == TY_ENOTFOUND, "\"late\" is registered");

    kill_all(n);

    /* The failed spawns used no pid: round 2 continues right after round 1's last. */
    int m = fill();
    printf("round 2: spawned %d children (pids %llu..%llu), then: %s\n", m,
           (unsigned long long)kids[0], (unsigned long long)kids[m - 1], ty_last_error());
    CHECK(m == 999, "spawned %d in round 2", m);
    CHECK(kids[0] == 1001, "first pid of round 2: %llu", (unsigned long long)kids[0]);

    /* Churn at the limit: each death frees its slot before its ProcessDied arrives. */
    int replaced = 0;
    for (int i = 0; i < 2000; i++) {
        int k = i % m;
        ty_kill(kids[k]);
        int code;
        while ((code = ty_receive(NULL, 0, 10000)) != TY_MSG_PROCESS_DIED && code != TY_TIMEOUT) {}
        if (code == TY_TIMEOUT || ty_msg_dead_pid() != kids[k]) {
            CHECK(0, "no ProcessDied for pid %llu", (unsigned long long)kids[k]);
            break;
        }
        r = ty_spawn(waiter, 0, &pid);
        if (r != TY_OK) {
            CHECK(0, "replacement %d: %s", i + 1, ty_last_error());
            break;
        }
        ty_monitor(pid);
        kids[k] = pid;
        replaced++;
    }
    printf("replaced a killed child right after its ProcessDied %d times (pids up to %llu)\n",
           replaced, (unsigned long long)pid);
    CHECK(pid == 3999, "last pid %llu", (unsigned long long)pid);
    r = ty_spawn(waiter, 0, &pid);
    printf("still at the limit: %s\n", r == TY_OK ? "spawned!" : ty_last_error());
    CHECK(r == TY_EHOST && !strcmp(ty_last_error(), LIMIT_TEXT), "spawn after the churn");
    kill_all(m);
    return failures ? 1 : 0;
}
