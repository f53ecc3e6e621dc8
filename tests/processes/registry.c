/* registry.c — lunatic::registry put/get/remove, overwrite, plain and versioned names
 * vanishing with their process, tycho::registry versioned names (highest matching version,
 * Cargo-style requirements, malformed versions and requirements) and
 * lunatic::process::get_or_spawn. Results are the raw ABI codes. Only the root prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tycho.h"

enum { T_GO = 101, T_REPORT = 102 };

static void wait_forever(int64_t a) {
    (void)a;
    ty_receive(NULL, 0, TY_NO_TIMEOUT);
}

/* A child that waits; we tell them apart by pid. */
static ty_pid spawn_waiter(void) {
    ty_pid p = 0;
    if (ty_spawn(wait_forever, 0, &p)) {
        printf("spawn: %s\n", ty_last_error());
        exit(1);
    }
    return p;
}

static int put_v(const char *name, const char *ver, ty_pid pid) {
    return tycho_registry_put_versioned(name, strlen(name), ver, strlen(ver), 0, pid);
}

/* "name" -> "rc" or "rc node pid-label". */
static ty_pid labels_pid[8];
static const char *labels[8];
static int nlabels;
static const char *label(uint64_t pid) {
    for (int i = 0; i < nlabels; i++)
        if (labels_pid[i] == pid) return labels[i];
    return "UNKNOWN";
}
static void name_pid(const char *l, ty_pid p) {
    labels[nlabels] = l;
    labels_pid[nlabels++] = p;
}

static void get(const char *name) {
    uint64_t node = 77, pid = 77;
    int rc = lunatic_registry_get(name, strlen(name), &node, &pid);
    if (rc == 0) printf("get %s: %d node=%llu %s\n", name, rc, (unsigned long long)node, label(pid));
    else printf("get %s: %d (outputs %s)\n", name, rc, node == 77 && pid == 77 ? "untouched" : "WRITTEN");
}

static void get_v(const char *name, const char *req) {
    uint64_t node = 77, pid = 77;
    int rc = tycho_registry_get_versioned(name, strlen(name), req, strlen(req), &node, &pid);
    if (rc == 0) printf("get_versioned %s \"%s\": %d node=%llu %s\n", name, req, rc,
                        (unsigned long long)node, label(pid));
    else printf("get_versioned %s \"%s\": %d\n", name, req, rc);
}

/* Kills p and waits for its death to be complete (its ProcessDied). */
static void kill_and_wait(ty_pid p) {
    ty_monitor(p);
    ty_kill(p);
    int rc = ty_receive(NULL, 0, 10000);
    if (rc != TY_MSG_PROCESS_DIED || ty_msg_dead_pid() != p) printf("kill: got %d\n", rc);
}

/* get_or_spawn's child: tells the pid in arg it runs, then waits. */
static void named_child(int64_t root) {
    ty_msg_begin(T_REPORT);
    ty_msg_u64(ty_self());
    ty_send((ty_pid)root);
    wait_forever(0);
}

static int get_or_spawn(const char *name, const char *func, int64_t arg, uint64_t *node,
                        uint64_t *id) {
    ty_param p[2] = {ty_param_i32((int32_t)(intptr_t)named_child), ty_param_i64(arg)};
    return lunatic_process_get_or_spawn(name, strlen(name), 0, -1, -1, func, strlen(func),
                                        p, sizeof p, node, id);
}

int main(void) {
    ty_pid root = ty_self();
    name_pid("root", root);

    /* 1. put / get / remove / overwrite. */
    ty_pid a = spawn_waiter(), b = spawn_waiter();
    name_pid("a", a);
    name_pid("b", b);
    get("alpha");
    lunatic_registry_put("alpha", 5, 0, a);
    get("alpha");
    lunatic_registry_put("alpha", 5, 0, b);          /* overwrite */
    get("alpha");
    lunatic_registry_put("beta", 4, 0, a);
    lunatic_registry_remove("alpha", 5);
    get("alpha");
    get("beta");
    lunatic_registry_remove("alpha", 5);             /* removing a missing name: no-op */
    lunatic_registry_remove("nothing", 7);
    lunatic_registry_put("", 0, 0, root);            /* the empty name is a name */
    get("");
    get("bet");                                      /* no prefix matching */
    get("beta ");
    lunatic_registry_put("me", 2, 0, root);
    get("me");

    /* Plain and versioned bindings of one name are independent. */
    lunatic_registry_put("svc", 3, 0, a);
    get_v("svc", "*");
    printf("put_versioned svc 1.0.0: %d\n", put_v("svc", "1.0.0", b));
    get("svc");
    lunatic_registry_remove("svc", 3);
    get("svc");
    get_v("svc", "*");

    /* 2. Names vanish when their process dies (plain and versioned), the others stay. */
    ty_pid c = spawn_waiter();
    name_pid("c", c);
    lunatic_registry_put("gamma", 5, 0, c);
    lunatic_registry_put("gamma2", 6, 0, c);
    printf("put_versioned gamma 1.2.3: %d\n", put_v("gamma", "1.2.3", c));
    printf("put_versioned gamma 2.0.0 (a): %d\n", put_v("gamma", "2.0.0", a));
    get("gamma");
    get_v("gamma", "^1");
    kill_and_wait(c);
    get("gamma");
    get("gamma2");
    get_v("gamma", "^1");
    get_v("gamma", "*");
    get("beta");
    /* A name put for a process that has already died does not stick. */
    lunatic_registry_put("ghost", 5, 0, c);
    get("ghost");
    printf("put_versioned ghost 1.0.0: %d\n", put_v("ghost", "1.0.0", c));
    get_v("ghost", "*");
    /* A process that ends normally loses its names too. */
    ty_pid d = spawn_waiter();
    lunatic_registry_put("delta", 5, 0, d);
    ty_monitor(d);
    ty_msg_begin(1);
    ty_send(d);                                      /* it returns */
    ty_receive(NULL, 0, 10000);
    get("delta");

    /* 3. Versioned names. */
    ty_pid v100 = spawn_waiter(), v142 = spawn_waiter(), v200 = spawn_waiter();
    name_pid("P100", v100);   /* the processes first registered as 1.0.0, ... */
    name_pid("P142", v142);
    name_pid("P200", v200);
    printf("put_versioned resolve 1.4.2: %d\n", put_v("resolve", "1.4.2", v142));
    printf("put_versioned resolve 2.0.0: %d\n", put_v("resolve", "2.0.0", v200));
    printf("put_versioned resolve 1.0.0: %d\n", put_v("resolve", "1.0.0", v100));
    const char *reqs[] = {"^1", "~1.4", ">=1.0", "<2.0", "*", "=1.0.0", "^3", ">=1.0, <2.0",
                          "~1.0", "^2", "1.4", "<=1.4.2", ">1.4.2", "=1.4", "1.*", "^1.4.3",
                          "  ^1  "};
    for (size_t i = 0; i < sizeof reqs / sizeof *reqs; i++) get_v("resolve", reqs[i]);
    get_v("resolv", "*");
    /* Malformed requirements: 2, even for an unknown name. */
    const char *bad_reqs[] = {"", "^", "1.2.3.4", ">=1.0,", "1.x.y", "1.*.3", "*, <2", "abc",
                              "^^1", "01.0"};
    for (size_t i = 0; i < sizeof bad_reqs / sizeof *bad_reqs; i++) get_v("resolve", bad_reqs[i]);
    get_v("unknown-name", "^^1");
    /* Malformed versions: 2, nothing registered. */
    const char *bad_vers[] = {"", "1.x", "01.0.0", "1.0.0.0", "v1.0.0", "1.0-rc", "^1.0.0",
                              "1.0.0-", "1.0.0-01"};
    for (size_t i = 0; i < sizeof bad_vers / sizeof *bad_vers; i++)
        printf("put_versioned bad \"%s\": %d\n", bad_vers[i], put_v("bad", bad_vers[i], a));
    get_v("bad", "*");
    /* Partial versions are completed with zeros; an equal version replaces. */
    printf("put_versioned resolve 2.0 (a): %d\n", put_v("resolve", "2.0", a));
    get_v("resolve", "=2.0.0");
    printf("put_versioned resolve 2.0.0+build (1.4.2's process): %d\n",
           put_v("resolve", "2.0.0+build", v142));
    get_v("resolve", "^2");
    /* A prerelease matches only a requirement naming a prerelease of the same version. */
    printf("put_versioned resolve 3.0.0-rc.1: %d\n", put_v("resolve", "3.0.0-rc.1", v200));
    get_v("resolve", "*");
    get_v("resolve", ">=3.0.0-rc.0");
    /* The process of the highest version dies: the next one is found. */
    kill_and_wait(v142);
    get_v("resolve", "*");
    get_v("resolve", "^1");

    /* 4. get_or_spawn. */
    uint64_t node = 77, id1 = 0, id2 = 0;
    int rc = get_or_spawn("named", "_tycho_spawn_trampoline", (int64_t)root, &node, &id1);
    uint64_t reported = 0;
    if (ty_receive_tag(T_REPORT, 10000) == TY_MSG_DATA) ty_read_u64(&reported);
    name_pid("spawned", id1);
    printf("get_or_spawn named (first): %d node=%llu, the child runs with that pid: %d\n", rc,
           (unsigned long long)node, reported == id1);
    node = 77;
    rc = get_or_spawn("named", "_tycho_spawn_trampoline", (int64_t)root, &node, &id2);
    printf("get_or_spawn named (second): %d node=%llu %s\n", rc, (unsigned long long)node, label(id2));
    printf("no second child: %s\n", ty_receive_tag(T_REPORT, 100) == TY_TIMEOUT ? "yes" : "NO");
    get("named");
    /* A name put by hand counts as well. */
    rc = get_or_spawn("beta", "_tycho_spawn_trampoline", (int64_t)root, &node, &id2);
    printf("get_or_spawn beta: %d %s\n", rc, label(id2));
    /* A spawn error: 1 + an error id, and the name stays free. */
    rc = get_or_spawn("broken", "no_such_export", 0, &node, &id2);
    char msg[128] = "";
    if (rc == 1) ty_error_string(id2, msg, sizeof msg);
    printf("get_or_spawn broken: %d \"%s\"\n", rc, msg);
    get("broken");
    /* The named process dies: its name is free again, get_or_spawn spawns anew. */
    kill_and_wait(id1);
    get("named");
    rc = get_or_spawn("named", "_tycho_spawn_trampoline", (int64_t)root, &node, &id2);
    printf("get_or_spawn named after its death: %d, a new pid: %d\n", rc, id2 != id1 && id2 != 0);
    if (ty_receive_tag(T_REPORT, 10000) != TY_MSG_DATA) printf("no report\n");
    /* The SDK wrapper says TY_FOUND (1) for an existing name. */
    ty_pid w = 0;
    rc = ty_spawn_named("named", wait_forever, 0, &w);
    printf("ty_spawn_named existing: %d same pid: %d\n", rc, w == id2);
    return 0;
}
