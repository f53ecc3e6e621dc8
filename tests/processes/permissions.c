/* permissions.c — configs as capabilities: tycho::process::config_allow_namespace (a
 * process may call only host functions whose "module::name" starts with an allowed
 * prefix; the others trap with "permission denied: NAME", WASI included), restrictions
 * accumulating down the process tree, and the permission flags (can_spawn_processes,
 * can_create_configs, can_compile_modules) and limits intersected with the parent's.
 * A failing non-root process prints nothing, so deaths are observed as LinkDied messages
 * (the root traps exits) and every report comes to the root as a message; the root alone
 * prints, except in section 3, where a sandboxed child may write to stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

enum {
    T_REPORT = 100,   /* a child's report to the root */
    T_GO = 101,
    T_GC = 102,       /* a grandchild's report (no ordering with its parent's reports) */
    T_PROBE = 110,    /* probe reports: T_PROBE + the probe's number */
};

static void *volatile keep;

/* The root: the next report's value (-999 if none came). */
static int64_t report(void) {
    if (ty_receive_tag(T_REPORT, 10000) != TY_MSG_DATA) return -999;
    return msg_i64();
}

/* The root: the next LinkDied (any other message is a failure). */
static void link_died(const char *what, ty_pid child) {
    int rc = ty_receive(NULL, 0, 10000);
    if (rc == TY_MSG_LINK_DIED)
        printf("%s: died, tag=%lld pid=%s\n", what, (long long)ty_msg_tag(),
               ty_msg_dead_pid() == child ? "child" : "WRONG");
    else
        printf("%s: receive=%d tag=%lld (no death)\n", what, rc, (long long)ty_msg_tag());
}

/* ---- section 1: only lunatic::process:: and lunatic::message:: ---------------------- */

static void gc_reports(int64_t root) { send_i64((ty_pid)root, T_GC, 42); }

static void process_and_message_only(int64_t root) {
    ty_pid gc;
    int rc = ty_spawn(gc_reports, root, &gc);          /* lunatic::process::spawn: allowed */
    send_i64((ty_pid)root, T_REPORT, rc);              /* lunatic::message::*: allowed */
    send_i64((ty_pid)root, T_REPORT, (int64_t)ty_self() == (int64_t)lunatic_process_process_id());
    ty_receive_tag(T_GO, 10000);
    lunatic_registry_put("sandboxed", 9, 0, ty_self()); /* denied: traps */
    send_i64((ty_pid)root, T_REPORT, -1);              /* never sent */
}

/* ---- section 2: WASI denied ------------------------------------------------------------ */

static void printf_in_sandbox(int64_t root) {
    send_i64((ty_pid)root, T_REPORT, 1);
    printf("this line must not appear\n");
    fflush(stdout);                                    /* a WASI call: denied, traps */
    send_i64((ty_pid)root, T_REPORT, -1);
}

static void write_in_sandbox(int64_t root) {
    static const char line[] = "a sandbox allowed fd_write writes this line\n";
    ssize_t n = write(1, line, sizeof line - 1);       /* only fd_write is needed */
    send_i64((ty_pid)root, T_REPORT, n);
}

static void clock_in_sandbox(int64_t root) {
    send_i64((ty_pid)root, T_REPORT, 1);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);               /* clock_time_get: denied */
    keep = (void *)(uintptr_t)ts.tv_nsec;
    send_i64((ty_pid)root, T_REPORT, -1);
}

/* ---- section 3: restrictions accumulate -------------------------------------------------- */

static void gc_tries_registry(int64_t root) {
    send_i64((ty_pid)root, T_GC, 7);                   /* message: allowed by both */
    lunatic_registry_put("gc", 2, 0, ty_self());       /* denied by the parent's list */
    send_i64((ty_pid)root, T_GC, -1);
}

static void gc_tries_version(int64_t root) {
    send_i64((ty_pid)root, T_GC, 8);
    send_i64((ty_pid)root, T_GC, lunatic_version_major());       /* denied too */
}

/* Allowed process::, message::, tycho::process:: (to build configs). Gives its child a
 * config allowing all of "lunatic::" and reports how that child ended. */
static void restricted_parent(int64_t arg) {
    ty_pid root = (ty_pid)(arg >> 8);
    ty_die_when_link_dies(0);
    ty_config c = ty_config_new();
    ty_config_allow_namespace(c, "lunatic::");
    send_i64(root, T_REPORT, c >= 0);
    ty_pid gc;
    int rc = ty_spawn_config(c, 5, (arg & 1) ? gc_tries_version : gc_tries_registry,
                             (int64_t)root, &gc);
    send_i64(root, T_REPORT, rc);
    rc = ty_receive(NULL, 0, 10000);
    int64_t tag = ty_msg_tag();
    send_i64(root, T_REPORT, rc == TY_MSG_LINK_DIED && ty_msg_dead_pid() == gc ? tag : -rc);
}

/* ---- section 4: flags and limits ------------------------------------------------------------- */

/* With Lunatic's default config (every flag denied): create_config and compile_module
 * say -1, spawn traps. */
static const unsigned char empty_module[] = {0, 'a', 's', 'm', 1, 0, 0, 0};
static void no_flags(int64_t root) {
    uint64_t id = 0;
    send_i64((ty_pid)root, T_REPORT, lunatic_process_create_config());
    send_i64((ty_pid)root, T_REPORT,
             lunatic_process_compile_module(empty_module, sizeof empty_module, &id));
    ty_pid gc;
    ty_spawn(gc_reports, root, &gc);                  /* traps */
    send_i64((ty_pid)root, T_REPORT, -1);
}

/* Reports its flags as seen by trying: create_config >= 0, compile_module == 0, and
 * whether 2 MiB and 256 KiB can be allocated; arg = root pid << 8 | probe number. */
static void probe(int64_t arg) {
    ty_pid root = (ty_pid)(arg >> 8);
    uint64_t id = 0;
    int64_t c = lunatic_process_create_config();
    int32_t m = lunatic_process_compile_module(empty_module, sizeof empty_module, &id);
    void *big = keep = malloc(2 << 20);
    void *mid = keep = malloc(256 << 10);
    ty_msg_begin(T_PROBE + (arg & 0xff));
    ty_msg_i64(c >= 0 ? 1 : c);
    ty_msg_i64(m);
    ty_msg_i64(big != NULL);
    ty_msg_i64(mid != NULL);
    ty_send((ty_pid)root);
}

static void print_probe(const char *what, int n) {
    if (ty_receive_tag(T_PROBE + n, 10000) != TY_MSG_DATA) { printf("%s: no report\n", what); return; }
    int64_t c = msg_i64(), m = msg_i64(), big = msg_i64(), mid = msg_i64();
    printf("%s: create_config=%lld compile_module=%lld malloc(2 MiB)=%lld malloc(256 KiB)=%lld\n",
           what, (long long)c, (long long)m, (long long)big, (long long)mid);
}

/* can_spawn + can_create_configs, no can_compile, max_memory 1 MiB: gives its child a
 * config with every flag and 4 GiB; the child gets the intersection. */
static void flags_parent(int64_t root) {
    ty_config c = ty_config_new();
    ty_config_set_can_spawn_processes(c, 1);
    ty_config_set_can_create_configs(c, 1);
    ty_config_set_can_compile_modules(c, 1);
    ty_config_set_max_memory(c, 0xFFFFFFFFull);
    ty_pid gc;
    ty_spawn_config(c, 0, probe, root << 8 | 1, &gc);
    ty_spawn_config(TY_INHERIT, 0, probe, root << 8 | 2, &gc);  /* its own config */
}

/* can_spawn only: create_config says -1, which is also TY_INHERIT: spawning with it
 * gives the child this process's own config. */
static void no_create_parent(int64_t root) {
    ty_config c = ty_config_new();
    send_i64((ty_pid)root, T_REPORT, c);
    ty_pid gc;
    ty_spawn_config(c, 0, probe, root << 8 | 3, &gc);
}

/* Config ids are per process: the root's config 0 means nothing here. */
static void foreign_config(int64_t root) {
    ty_pid gc;
    send_i64((ty_pid)root, T_REPORT, 1);
    ty_spawn_config(0, 0, gc_reports, root, &gc);     /* unknown config id 0: traps */
    send_i64((ty_pid)root, T_REPORT, -1);
}

/* A fuel limit applies to the children too, even if their config asks for none. */
static void spin(int64_t a) {
    (void)a;
    for (volatile uint64_t i = 0;; i++) {}
}
static void fuel_parent(int64_t root) {
    ty_die_when_link_dies(0);
    ty_config c = ty_config_new();                     /* max_fuel 0: unlimited */
    ty_pid gc;
    ty_spawn_config(c, 3, spin, 0, &gc);
    int rc = ty_receive(NULL, 0, 30000);
    send_i64((ty_pid)root, T_REPORT, rc == TY_MSG_LINK_DIED ? ty_msg_tag() : -rc);
}

int main(void) {
    ty_pid root = ty_self(), child;
    ty_die_when_link_dies(0);

    /* 1. process:: and message:: only. */
    ty_config c1 = ty_config_new();
    ty_config_set_can_spawn_processes(c1, 1);
    ty_config_allow_namespace(c1, "lunatic::process::");
    ty_config_allow_namespace(c1, "lunatic::message::");
    if (ty_spawn_config(c1, 11, process_and_message_only, (int64_t)root, &child)) return 1;
    int64_t spawn_rc = report(), self_ok = report(), gc = -999;
    if (ty_receive_tag(T_GC, 10000) == TY_MSG_DATA) gc = msg_i64();
    printf("process+message child: spawn=%lld process_id ok=%lld, its child reports %lld\n",
           (long long)spawn_rc, (long long)self_ok, (long long)gc);
    send_i64(child, T_GO, 0);
    link_died("then lunatic::registry::put", child);
    uint64_t node, pid;
    printf("the name was not registered: %d\n", lunatic_registry_get("sandboxed", 9, &node, &pid));

    /* 2. WASI is a namespace like the others. */
    ty_config c2 = ty_config_new();
    ty_config_allow_namespace(c2, "lunatic::");
    if (ty_spawn_config(c2, 12, printf_in_sandbox, (int64_t)root, &child)) return 1;
    printf("printf child started: %lld\n", (long long)report());
    link_died("then printf + fflush (fd_write)", child);
    if (ty_spawn_config(c2, 13, clock_in_sandbox, (int64_t)root, &child)) return 1;
    printf("clock child started: %lld\n", (long long)report());
    link_died("then clock_gettime (clock_time_get)", child);
    ty_config c3 = ty_config_new();
    ty_config_allow_namespace(c3, "lunatic::message::");
    ty_config_allow_namespace(c3, "wasi_snapshot_preview1::fd_write");
    fflush(stdout);                        /* the child writes to the same stdout */
    if (ty_spawn_config(c3, 14, write_in_sandbox, (int64_t)root, &child)) return 1;
    printf("write(2) with fd_write allowed: %lld\n", (long long)report());
    ty_monitor(child);
    printf("and it ended normally: %d\n", ty_receive(NULL, 0, 10000));

    /* 3. Restrictions accumulate: a grandchild given "lunatic::" still has only what its
     * parent had. */
    ty_config c4 = ty_config_new();
    ty_config_set_can_spawn_processes(c4, 1);
    ty_config_set_can_create_configs(c4, 1);
    ty_config_allow_namespace(c4, "lunatic::process::");
    ty_config_allow_namespace(c4, "lunatic::message::");
    ty_config_allow_namespace(c4, "tycho::process::");
    for (int v = 0; v < 2; v++) {
        if (ty_spawn_config(c4, 15, restricted_parent, (int64_t)(root << 8 | v), &child)) return 1;
        int64_t made = report(), rc = report(), died = report(), started = -999;
        if (ty_receive_tag(T_GC, 10000) == TY_MSG_DATA) started = msg_i64();
        printf("grandchild given \"lunatic::\" (%s): config=%lld spawn=%lld started=%lld, "
               "then died with link tag %lld\n", v ? "lunatic::version::major" : "lunatic::registry::put",
               (long long)made, (long long)rc, (long long)started, (long long)died);
    }
    printf("the grandchild's name was not registered: %d\n", lunatic_registry_get("gc", 2, &node, &pid));

    /* 4. Flags. */
    ty_config c5 = ty_config_new();
    printf("a new config: can_spawn=%d can_create_configs=%d can_compile=%d\n",
           ty_config_can_spawn_processes(c5), ty_config_can_create_configs(c5),
           ty_config_can_compile_modules(c5));
    if (ty_spawn_config(c5, 16, no_flags, (int64_t)root, &child)) return 1;
    int64_t cc = report(), cm = report();
    printf("no flags: create_config=%lld compile_module=%lld\n", (long long)cc, (long long)cm);
    link_died("then spawn", child);
    ty_config c6 = ty_config_new();
    ty_config_set_can_spawn_processes(c6, 1);
    ty_config_set_can_create_configs(c6, 1);
    ty_config_set_max_memory(c6, 1 << 20);
    if (ty_spawn_config(c6, 17, flags_parent, (int64_t)root, &child)) return 1;
    print_probe("grandchild asking for every flag and 4 GiB", 1);
    print_probe("grandchild with its parent's config", 2);
    ty_config c7 = ty_config_new();
    ty_config_set_can_spawn_processes(c7, 1);
    if (ty_spawn_config(c7, 18, no_create_parent, (int64_t)root, &child)) return 1;
    printf("without can_create_configs: create_config=%lld\n", (long long)report());
    print_probe("its grandchild (spawned with config -1)", 3);
    if (ty_spawn_config(c7, 19, foreign_config, (int64_t)root, &child)) return 1;
    printf("foreign config child started: %lld\n", (long long)report());
    link_died("then spawn with config id 0 (not its own)", child);
    ty_config c8 = ty_config_new();
    ty_config_set_can_spawn_processes(c8, 1);
    ty_config_set_can_create_configs(c8, 1);
    ty_config_set_max_fuel(c8, 10);
    if (ty_spawn_config(c8, 20, fuel_parent, (int64_t)root, &child)) return 1;
    printf("grandchild under a fuel-limited parent, spinning: died with tag %lld\n",
           (long long)report());
    /* Every child ended: the successful ones normally (links see nothing). */
    ty_sleep_ms(50);
    printf("at the end: %d\n", ty_receive(NULL, 0, 0));
    return 0;
}
