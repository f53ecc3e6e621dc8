/* spawn.c — lunatic::process::spawn and the process basics: exports spawned by name with
 * i32/i64 params (checked in the child, reported back by message), every spawn error
 * text, link tags, config -1 vs an explicit config, spawning without can_spawn_processes
 * (the caller traps: seen from the parent through its link and a monitor), unknown
 * config/module ids (trap), process_id, environment_id, exists, kill, sleep_ms.
 * Exact trap texts of the root: spawn_trap.c. Modules: modules.c. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define T_PARAMS   1
#define T_REPORT   2
#define T_BEFORE   3
#define T_AFTER    4
#define T_PID      5
#define LINK_BASE  100
#define WAIT_MS    10000

/* ---- children ------------------------------------------------------------------------ */

/* Spawned by name: the values as the child sees them go back to `to`. */
__attribute__((export_name("child_params")))
void child_params(int32_t a, int64_t b, int32_t c, int64_t to) {
    ty_msg_begin(T_PARAMS);
    ty_msg_i32(a);
    ty_msg_i64(b);
    ty_msg_i32(c);
    ty_msg_u64(ty_self());
    ty_send((ty_pid)to);
}

__attribute__((export_name("one_param"))) void one_param(int64_t x) { (void)x; }
__attribute__((export_name("no_params"))) void no_params(void) {}

static void fail_now(int64_t arg) { (void)arg; abort(); }
static void return_now(int64_t arg) { (void)arg; }

/* Reports what the child's own config lets it do: create configs, compile modules. */
static void report_perms(int64_t to) {
    int64_t cfg = lunatic_process_create_config();
    if (cfg >= 0) lunatic_process_drop_config((uint64_t)cfg);
    uint64_t id = 0;
    int32_t rc = lunatic_process_compile_module("", 0, &id);   /* empty: an error, not -1 */
    if (rc == 1) lunatic_error_drop(id);
    ty_msg_begin(T_REPORT);
    ty_msg_i32(cfg >= 0);
    ty_msg_i32(rc);
    ty_send((ty_pid)to);
}

/* Sends T_BEFORE, tries to spawn (a trap without can_spawn_processes), sends T_AFTER. */
static void try_spawn(int64_t to) {
    ty_send_raw((ty_pid)to, T_BEFORE, "", 0);
    ty_pid pid;
    int rc = ty_spawn(return_now, 0, &pid);
    ty_send_raw((ty_pid)to, T_AFTER, &rc, sizeof rc);
}

/* The same through get_or_spawn. */
static void try_get_or_spawn(int64_t to) {
    ty_send_raw((ty_pid)to, T_BEFORE, "", 0);
    ty_pid pid;
    int rc = ty_spawn_named("spawn.c-never", return_now, 0, &pid);
    ty_send_raw((ty_pid)to, T_AFTER, &rc, sizeof rc);
}

/* Spawns with a config id / module id this (fresh) process does not have: a trap. */
static void spawn_unknown_config(int64_t to) {
    ty_send_raw((ty_pid)to, T_BEFORE, "", 0);
    ty_pid pid;
    int rc = ty_spawn_config(0, 0, return_now, 0, &pid);
    ty_send_raw((ty_pid)to, T_AFTER, &rc, sizeof rc);
}
static void spawn_unknown_module(int64_t to) {
    ty_send_raw((ty_pid)to, T_BEFORE, "", 0);
    ty_pid pid;
    int rc = ty_spawn_export(TY_INHERIT, 0, 3, "no_params", NULL, 0, &pid);
    ty_send_raw((ty_pid)to, T_AFTER, &rc, sizeof rc);
}

/* Waits (forever) for a message that never comes. */
static void wait_forever(int64_t arg) {
    (void)arg;
    ty_receive_tag(999, TY_NO_TIMEOUT);
}

/* Tells `to` its pid as it sees it. */
static void tell_pid(int64_t to) {
    ty_msg_begin(T_PID);
    ty_msg_u64(ty_self());
    ty_send((ty_pid)to);
}

/* Spawns a linked child that fails, without trapping link deaths: it dies with it, so
 * T_AFTER never comes. */
static void dies_with_link(int64_t to) {
    ty_send_raw((ty_pid)to, T_BEFORE, "", 0);
    ty_pid pid;
    ty_spawn_link(5, fail_now, 0, &pid);
    ty_receive_tag(999, 5000);   /* killed while waiting */
    ty_send_raw((ty_pid)to, T_AFTER, "", 0);
}

/* ---- helpers ------------------------------------------------------------------------- */

static void print_error_id(uint64_t err) {
    char buf[300];
    ty_error_string(err, buf, sizeof buf);
    printf("\"%s\"", buf);
}

/* Raw spawn of export `fn` of the caller's module with the caller's config; prints the
 * outcome on one line. */
static void spawn_case(const char *what, const char *fn, const void *params, uint32_t plen) {
    uint64_t id = 0;
    int32_t rc = lunatic_process_spawn(0, -1, -1, fn, (uint32_t)strlen(fn), params, plen, &id);
    printf("%s: rc=%d ", what, rc);
    if (rc == 1) print_error_id(id);
    else printf("(spawned)");
    printf("\n");
}

/* The child must send T_BEFORE, then die (its link, tag `tag`, reports it), never
 * sending T_AFTER. The monitor's ProcessDied comes after the LinkDied. */
static void expect_trap(const char *what, ty_entry fn, ty_config cfg, int64_t tag) {
    trap_case c;
    if (trap_case_begin(&c, cfg, tag, fn, (int64_t)ty_self(), T_BEFORE, T_AFTER, WAIT_MS) != 0) {
        printf("%s: spawn failed: %s\n", what, ty_last_error());
        return;
    }
    printf("%s: child started: %s", what, recv_name(c.before));
    printf(", then %s", recv_name(c.after));
    if (c.after == TY_MSG_LINK_DIED)
        printf(" (tag %lld, pid %s)", (long long)ty_msg_tag(),
               ty_msg_dead_pid() == c.pid ? "the child's" : "WRONG");
    trap_case_end(&c, WAIT_MS);
    printf(", then %s", recv_name(c.last));
    if (c.last == TY_MSG_PROCESS_DIED)
        printf(" (%s)", ty_msg_dead_pid() == c.pid ? "the child" : "WRONG");
    printf("\n");
}

/* ---- the tests ----------------------------------------------------------------------- */

static void params_by_name(void) {
    printf("-- spawn by export name, i32 and i64 params\n");
    ty_param p[4] = {ty_param_i32(-5), ty_param_i64((int64_t)0xFEDCBA9876543210ull),
                     ty_param_i32(0), ty_param_i64((int64_t)ty_self())};
    /* An i32 record whose upper bytes are not a sign extension: only the low 32 bits count. */
    p[2].bytes[1] = 7;
    p[2].bytes[5] = 1;
    p[2].bytes[16] = 0x80;
    uint64_t id = 0;
    int32_t rc = lunatic_process_spawn(0, -1, -1, "child_params", 12, p, sizeof p, &id);
    printf("spawn child_params: rc=%d\n", rc);
    if (rc != 0) return;
    if (ty_receive_tag(T_PARAMS, WAIT_MS) != TY_MSG_DATA) { printf("no reply\n"); return; }
    int32_t a = 0, c = 0;
    int64_t b = 0;
    uint64_t self = 0;
    ty_read_i32(&a);
    ty_read_i64(&b);
    ty_read_i32(&c);
    ty_read_u64(&self);
    printf("child saw a=%d b=0x%016llx c=%d; its process_id %s the id spawn wrote\n", a,
           (unsigned long long)b, c, self == id ? "is" : "IS NOT");
    /* Extreme values. */
    p[0] = ty_param_i32(INT32_MIN);
    p[1] = ty_param_i64(INT64_MAX);
    p[2] = ty_param_i32(INT32_MAX);
    rc = lunatic_process_spawn(0, -1, -1, "child_params", 12, p, sizeof p, &id);
    if (rc == 0 && ty_receive_tag(T_PARAMS, WAIT_MS) == TY_MSG_DATA) {
        ty_read_i32(&a);
        ty_read_i64(&b);
        ty_read_i32(&c);
        printf("child saw a=%d b=%lld c=%d\n", a, (long long)b, c);
    }
    /* No params at all (params_ptr/len 0). */
    spawn_case("spawn no_params, 0 params", "no_params", NULL, 0);
}

static void spawn_errors(void) {
    printf("-- spawn errors (result 1 and an error text)\n");
    ty_param p[4] = {ty_param_i32(1), ty_param_i64(2), ty_param_i32(3), ty_param_i64(4)};
    spawn_case("5 param bytes", "child_params", p, 5);
    spawn_case("18 param bytes", "child_params", p, 18);
    ty_param v = ty_param_i64(0);
    v.bytes[0] = 0x7B;
    spawn_case("v128 param", "one_param", &v, sizeof v);
    ty_param bad[2] = {ty_param_i64(0), ty_param_i64(0)};
    bad[1].bytes[0] = 0x42;
    spawn_case("unknown type code", "one_param", bad, sizeof bad);
    bad[1].bytes[0] = 0x7D;   /* f32: a wasm type, but not one spawn params may carry */
    spawn_case("f32 type code", "one_param", bad, sizeof bad);
    spawn_case("no such export", "nope", NULL, 0);
    spawn_case("empty name", "", NULL, 0);
    spawn_case("export that is a memory", "memory", NULL, 0);
    spawn_case("too few params", "child_params", p, 17);
    spawn_case("too many params", "one_param", p, 2 * 17);
    spawn_case("one param missing", "one_param", NULL, 0);
    spawn_case("params for none", "no_params", p, 17);
    spawn_case("i32 for an i64", "child_params", (ty_param[]){ty_param_i32(1), ty_param_i32(2),
               ty_param_i32(3), ty_param_i64(4)}, 4 * 17);
    spawn_case("i64 for an i32", "child_params", (ty_param[]){ty_param_i64(1), ty_param_i64(2),
               ty_param_i32(3), ty_param_i64(4)}, 4 * 17);
    /* The process lives on and still spawns. */
    spawn_case("after all that", "no_params", NULL, 0);
}

static void links(void) {
    printf("-- spawn with a link tag\n");
    ty_die_when_link_dies(0);
    ty_pid pid = 0;
    int rc = ty_spawn_link(LINK_BASE + 1, fail_now, 0, &pid);
    printf("spawn_link(tag %d) a failing child: %d\n", LINK_BASE + 1, rc);
    rc = ty_receive_tag(LINK_BASE + 1, WAIT_MS);
    printf("receive: %s, tag %lld, dead pid %s\n", recv_name(rc), (long long)ty_msg_tag(),
           ty_msg_dead_pid() == pid ? "is the child" : "WRONG");

    /* A linked child that returns normally: a ProcessDied for the monitor, no LinkDied. */
    rc = ty_spawn_link(LINK_BASE + 2, return_now, 0, &pid);
    ty_monitor(pid);
    rc = ty_receive(NULL, 0, WAIT_MS);
    printf("linked child returning: %s (%s)", recv_name(rc),
           ty_msg_dead_pid() == pid ? "the child" : "WRONG");
    rc = ty_receive_tag(LINK_BASE + 2, 0);
    printf(", link message: %s\n", recv_name(rc));

    /* Raw: the link argument is the tag (non-zero), 0 = no link. */
    uint64_t id = 0;
    ty_param ep[2] = {ty_param_i32((int32_t)(intptr_t)fail_now), ty_param_i64(0)};
    rc = lunatic_process_spawn(-7, -1, -1, "_tycho_spawn_trampoline", 23, ep, sizeof ep, &id);
    rc = ty_receive_tag(-7, WAIT_MS);
    printf("raw spawn link=-7, child fails: %s, tag %lld\n", recv_name(rc), (long long)ty_msg_tag());
    rc = lunatic_process_spawn(0, -1, -1, "_tycho_spawn_trampoline", 23, ep, sizeof ep, &id);
    ty_monitor(id);
    rc = ty_receive(NULL, 0, WAIT_MS);
    printf("raw spawn link=0, child fails: first message: %s\n", recv_name(rc));

    /* Without trapping link deaths a process dies with its failing linked child. */
    expect_trap("child linked to a failing grandchild", dies_with_link, TY_INHERIT, LINK_BASE + 3);
}

static void configs(void) {
    printf("-- spawn with config -1 vs an explicit config\n");
    struct { const char *what; int spawn, create, compile; bool inherit; } cases[] = {
        {"config -1 (the root's: everything)", 0, 0, 0, true},
        {"new config (nothing allowed)", 0, 0, 0, false},
        {"config with can_create_configs", 0, 1, 0, false},
        {"config with can_compile_modules", 0, 0, 1, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ty_config c = cases[i].inherit ? TY_INHERIT
                                       : new_config(cases[i].spawn, cases[i].create, cases[i].compile);
        ty_pid pid;
        int rc = ty_spawn_config(c, 0, report_perms, (int64_t)ty_self(), &pid);
        if (!cases[i].inherit) ty_config_drop(c);   /* the child keeps its own copy */
        if (rc != 0 || ty_receive_tag(T_REPORT, WAIT_MS) != TY_MSG_DATA) {
            printf("%s: no report\n", cases[i].what);
            continue;
        }
        int32_t create = 0, compile = 0;
        ty_read_i32(&create);
        ty_read_i32(&compile);
        printf("%s: create_config %s, compile_module -> %d\n", cases[i].what,
               create ? "works" : "-1", compile);
    }

    printf("-- spawn without can_spawn_processes: the caller traps\n");
    ty_config c = new_config(0, 1, 1);
    expect_trap("spawn", try_spawn, c, LINK_BASE + 10);
    expect_trap("get_or_spawn", try_get_or_spawn, c, LINK_BASE + 11);
    ty_config_drop(c);
    c = new_config(1, 0, 0);
    expect_trap("spawn with an unknown config id", spawn_unknown_config, c, LINK_BASE + 12);
    expect_trap("spawn with an unknown module id", spawn_unknown_module, c, LINK_BASE + 13);
    ty_config_drop(c);
}

static void basics(void) {
    printf("-- process_id, environment_id, exists, kill, sleep_ms\n");
    ty_pid self = ty_self();
    printf("process_id non-zero: %s, environment_id: %llu\n", self ? "yes" : "no",
           (unsigned long long)ty_environment_id());
    printf("exists(self): %d, exists(unknown): %d\n", ty_exists(self),
           ty_exists(0x7fffffffffffull));
    ty_pid pid = 0, pid2 = 0;
    ty_spawn(tell_pid, (int64_t)self, &pid);
    uint64_t seen = 0;
    if (ty_receive_tag(T_PID, WAIT_MS) == TY_MSG_DATA) ty_read_u64(&seen);
    printf("child's process_id == spawn's id: %s; != parent's: %s\n", seen == pid ? "yes" : "no",
           seen != self ? "yes" : "no");
    ty_spawn(tell_pid, (int64_t)self, &pid2);
    ty_receive_tag(T_PID, WAIT_MS);
    printf("two children, two ids: %s\n", pid2 != pid ? "yes" : "no");

    ty_spawn_link(LINK_BASE + 20, wait_forever, 0, &pid);
    ty_monitor(pid);
    printf("waiting child exists: %d\n", ty_exists(pid));
    ty_kill(pid);
    int rc = ty_receive_tag(LINK_BASE + 20, WAIT_MS);
    printf("kill -> %s (tag %lld)", recv_name(rc), (long long)ty_msg_tag());
    rc = ty_receive(NULL, 0, WAIT_MS);
    printf(", %s; exists after: %d\n", recv_name(rc), ty_exists(pid));
    ty_kill(pid);                     /* a dead process: nothing happens */
    ty_kill(0x7fffffffffffull);       /* an unknown one: nothing either */
    ty_sleep_ms(0);
    ty_sleep_ms(5);
    printf("kill of dead/unknown ids and sleep_ms: still here\n");
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    params_by_name();
    spawn_errors();
    links();
    configs();
    basics();
    printf("done\n");
    return 0;
}
