/* configs.c — lunatic::process configs: create/drop, every getter and setter, the
 * defaults, ids (per process, never reused), create_config without permission (-1),
 * unknown and dropped ids (the caller traps: seen through a link and a monitor), and the
 * intersection of a child's config with its parent's (permissions, max_memory, max_fuel).
 * The root's exact trap text: configs_trap.c. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define T_REPORT  1
#define T_BEFORE  2
#define T_AFTER   3
#define LINK_BASE 100
#define WAIT_MS   20000

static void show(const char *what, uint64_t c) {
    printf("%s: max_memory %llu, max_fuel %llu, compile %d, create %d, spawn %d\n", what,
           (unsigned long long)lunatic_process_config_get_max_memory(c),
           (unsigned long long)lunatic_process_config_get_max_fuel(c),
           lunatic_process_config_can_compile_modules(c),
           lunatic_process_config_can_create_configs(c),
           lunatic_process_config_can_spawn_processes(c));
}

/* ---- children: each calls one config function with an id it does not have ----------- */

#define UNKNOWN 5
static void bad_id(int64_t arg) {
    ty_pid to;
    int which = misuse_start(arg, T_BEFORE, &to);
    uint64_t r = 0;
    switch (which) {
    case 0: lunatic_process_drop_config(UNKNOWN); break;
    case 1: lunatic_process_config_set_max_memory(UNKNOWN, 1); break;
    case 2: r = lunatic_process_config_get_max_memory(UNKNOWN); break;
    case 3: lunatic_process_config_set_max_fuel(UNKNOWN, 1); break;
    case 4: r = lunatic_process_config_get_max_fuel(UNKNOWN); break;
    case 5: r = (uint64_t)lunatic_process_config_can_compile_modules(UNKNOWN); break;
    case 6: lunatic_process_config_set_can_compile_modules(UNKNOWN, 1); break;
    case 7: r = (uint64_t)lunatic_process_config_can_create_configs(UNKNOWN); break;
    case 8: lunatic_process_config_set_can_create_configs(UNKNOWN, 1); break;
    case 9: r = (uint64_t)lunatic_process_config_can_spawn_processes(UNKNOWN); break;
    case 10: lunatic_process_config_set_can_spawn_processes(UNKNOWN, 1); break;
    case 11: {   /* its own config, dropped, then used */
        int64_t c = lunatic_process_create_config();
        lunatic_process_drop_config((uint64_t)c);
        r = lunatic_process_config_get_max_memory((uint64_t)c);
        break;
    }
    case 12: {   /* dropped twice */
        int64_t c = lunatic_process_create_config();
        lunatic_process_drop_config((uint64_t)c);
        lunatic_process_drop_config((uint64_t)c);
        break;
    }
    case 13: {   /* the -1 sentinel means "own config" only to spawn */
        r = lunatic_process_config_get_max_memory((uint64_t)-1);
        break;
    }
    }
    ty_send_raw(to, T_AFTER, &r, sizeof r);
}

static const char *const bad_id_names[] = {
    "drop_config(5)", "config_set_max_memory(5)", "config_get_max_memory(5)",
    "config_set_max_fuel(5)", "config_get_max_fuel(5)", "config_can_compile_modules(5)",
    "config_set_can_compile_modules(5)", "config_can_create_configs(5)",
    "config_set_can_create_configs(5)", "config_can_spawn_processes(5)",
    "config_set_can_spawn_processes(5)", "getter on a dropped config", "drop_config twice",
    "config_get_max_memory(-1)",
};

/* Reports create_config's result and compile_module's (on empty bytes: 1 = error, -1 =
 * no permission), then, if it may, what its own children get (see `grand`). */
static void report(int64_t to) {
    int64_t c = lunatic_process_create_config();
    uint64_t id = 0;
    int32_t rc = lunatic_process_compile_module("", 0, &id);
    if (rc == 1) lunatic_error_drop(id);
    ty_msg_begin(T_REPORT);
    ty_msg_i64(c);
    ty_msg_i32(rc);
    ty_send((ty_pid)to);
}

/* Memory: grows to 64 pages (4 MiB) in one go, then one page more. */
static void grow(int64_t to) {
    int32_t pages = (int32_t)__builtin_wasm_memory_size(0);
    int32_t a = pages < 64 ? (int32_t)__builtin_wasm_memory_grow(0, 64 - pages) : -2;
    int32_t b = (int32_t)__builtin_wasm_memory_grow(0, 1);
    ty_msg_begin(T_REPORT);
    ty_msg_i32(a >= 0);
    ty_msg_i32(b >= 0);
    ty_msg_i32((int32_t)__builtin_wasm_memory_size(0));
    ty_send((ty_pid)to);
}

/* Fuel: 5,000,000 loop iterations (each a back-edge: about 50 units of 100,000). */
static void burn(int64_t to) {
    volatile uint32_t n = 0;
    for (uint32_t i = 0; i < 5000000; i++) n = n + 1;
    uint32_t v = n;
    ty_send_raw((ty_pid)to, T_REPORT, &v, sizeof v);
}

/* A middle process: its config is set by the root; it gives its own child a config that
 * asks for everything, and forwards what the child reports. arg: root pid << 8 | what. */
static void middle(int64_t arg) {
    ty_pid root = (ty_pid)(arg >> 8);
    int what = (int)(arg & 0xff);
    int64_t c = lunatic_process_create_config();
    if (c < 0) { ty_send_raw(root, T_REPORT, "no config", 9); return; }
    lunatic_process_config_set_can_compile_modules((uint64_t)c, 1);
    lunatic_process_config_set_can_create_configs((uint64_t)c, 1);
    lunatic_process_config_set_can_spawn_processes((uint64_t)c, 1);
    /* max_memory is 4 GiB and max_fuel 0 (none) by default: more than the middle has. */
    ty_entry fn = what == 0 ? report : what == 1 ? grow : burn;
    ty_pid child;
    ty_die_when_link_dies(0);
    if (ty_spawn_config(c, 9, fn, (int64_t)ty_self(), &child) != 0) {
        ty_send_raw(root, T_REPORT, "spawn failed", 12);
        return;
    }
    int64_t tags[2] = {T_REPORT, 9};
    int rc = ty_receive(tags, 2, WAIT_MS);
    if (rc == TY_MSG_DATA) {   /* forward it as it is */
        char buf[64];
        size_t n = ty_read_raw(buf, sizeof buf);
        ty_send_raw(root, T_REPORT, buf, n);
    } else {
        const char *text = rc == TY_MSG_LINK_DIED ? "its child died" : "its child timed out";
        ty_send_raw(root, T_REPORT, text, strlen(text));
    }
}

/* ---- helpers ------------------------------------------------------------------------- */

/* Spawns fn(arg) linked with `tag` and waits for a T_REPORT message or the link's death;
 * returns TY_MSG_DATA (the report is in the scratch area), TY_MSG_LINK_DIED or timeout. */
static int run_child(ty_config c, int64_t tag, ty_entry fn, int64_t arg) {
    ty_pid pid;
    if (ty_spawn_config(c, tag, fn, arg, &pid) != 0) {
        printf("spawn failed: %s\n", ty_last_error());
        return -1;
    }
    int64_t tags[2] = {T_REPORT, tag};
    return ty_receive(tags, 2, WAIT_MS);
}

/* ---- the tests ----------------------------------------------------------------------- */

static void getters_setters(void) {
    printf("-- create, defaults, setters and getters\n");
    int64_t a = lunatic_process_create_config(), b = lunatic_process_create_config();
    printf("ids: %lld %lld\n", (long long)a, (long long)b);
    show("defaults", (uint64_t)a);
    lunatic_process_config_set_max_memory((uint64_t)a, 1 << 20);
    lunatic_process_config_set_max_fuel((uint64_t)a, 12345);
    lunatic_process_config_set_can_compile_modules((uint64_t)a, 1);
    show("compile=1", (uint64_t)a);
    lunatic_process_config_set_can_create_configs((uint64_t)a, 1);
    show("create=1", (uint64_t)a);
    lunatic_process_config_set_can_spawn_processes((uint64_t)a, 1);
    show("spawn=1", (uint64_t)a);
    show("the other config is unchanged", (uint64_t)b);
    lunatic_process_config_set_max_memory((uint64_t)b, UINT64_MAX);
    lunatic_process_config_set_max_fuel((uint64_t)b, UINT64_MAX);
    lunatic_process_config_set_can_compile_modules((uint64_t)b, 7);   /* non-zero = 1 */
    lunatic_process_config_set_can_create_configs((uint64_t)b, 0x80000000u);
    lunatic_process_config_set_can_spawn_processes((uint64_t)b, 2);
    show("largest values", (uint64_t)b);
    lunatic_process_config_set_max_memory((uint64_t)b, 0);
    lunatic_process_config_set_max_fuel((uint64_t)b, 0);
    lunatic_process_config_set_can_compile_modules((uint64_t)b, 0);
    lunatic_process_config_set_can_create_configs((uint64_t)b, 0);
    lunatic_process_config_set_can_spawn_processes((uint64_t)b, 0);
    show("back to zero", (uint64_t)b);
    lunatic_process_drop_config((uint64_t)a);
    int64_t c = lunatic_process_create_config();
    printf("after dropping %lld, a new config gets id %lld (ids are not reused)\n", (long long)a,
           (long long)c);
    lunatic_process_drop_config((uint64_t)b);
    lunatic_process_drop_config((uint64_t)c);
}

static void unknown_ids(void) {
    printf("-- unknown or dropped config ids: the caller traps\n");
    misuse_cases(bad_id_names, COUNT_OF(bad_id_names), bad_id, LINK_BASE, T_BEFORE, T_AFTER,
                 WAIT_MS);
}

static void permissions(void) {
    printf("-- permissions: create_config without can_create_configs is -1\n");
    struct { const char *what; int spawn, create, compile; } cases[] = {
        {"nothing", 0, 0, 0}, {"can_create_configs", 0, 1, 0},
        {"can_compile_modules", 0, 0, 1}, {"can_spawn_processes", 1, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ty_config c = new_config(cases[i].spawn, cases[i].create, cases[i].compile);
        int rc = run_child(c, LINK_BASE + 50, report, (int64_t)ty_self());
        ty_config_drop(c);
        int64_t cfg = -2;
        int32_t comp = -2;
        if (rc == TY_MSG_DATA) {
            ty_read_i64(&cfg);
            ty_read_i32(&comp);
        }
        printf("child with %s: %s, create_config -> %lld, compile_module -> %d\n",
               cases[i].what, recv_name(rc), (long long)cfg, comp);
    }

    printf("-- intersection: a child never gets more than its parent has\n");
    struct { const char *what; int spawn, create, compile; } mids[] = {
        {"middle may spawn+create, not compile", 1, 1, 0},
        {"middle may spawn+create+compile", 1, 1, 1},
    };
    for (size_t i = 0; i < 2; i++) {
        ty_config c = new_config(mids[i].spawn, mids[i].create, mids[i].compile);
        int rc = run_child(c, LINK_BASE + 51, middle, (int64_t)(ty_self() << 8 | 0));
        ty_config_drop(c);
        int64_t cfg = -2;
        int32_t comp = -2;
        if (rc == TY_MSG_DATA && ty_msg_size() == 12) {
            ty_read_i64(&cfg);
            ty_read_i32(&comp);
        }
        printf("%s; its child asks for all three: create_config -> %s, compile_module -> %d\n",
               mids[i].what, cfg >= 0 ? "an id" : "-1", comp);
    }
}

static void limits(void) {
    printf("-- max_memory\n");
    ty_config c = new_config(0, 0, 0);
    ty_config_set_max_memory(c, 4 << 20);
    int rc = run_child(c, LINK_BASE + 60, grow, (int64_t)ty_self());
    int32_t a = -1, b = -1, pages = -1;
    if (rc == TY_MSG_DATA) { ty_read_i32(&a); ty_read_i32(&b); ty_read_i32(&pages); }
    printf("max_memory 4 MiB: grow to 64 pages %s, one more %s, size %d pages\n",
           a == 1 ? "works" : "fails", b == 1 ? "works" : "fails", pages);
    ty_config_set_max_memory(c, (4 << 20) + 65535);   /* whole pages only */
    rc = run_child(c, LINK_BASE + 61, grow, (int64_t)ty_self());
    if (rc == TY_MSG_DATA) { ty_read_i32(&a); ty_read_i32(&b); ty_read_i32(&pages); }
    printf("max_memory 4 MiB + 65535: grow to 64 pages %s, one more %s, size %d pages\n",
           a == 1 ? "works" : "fails", b == 1 ? "works" : "fails", pages);
    ty_config_set_max_memory(c, 8 << 20);
    rc = run_child(c, LINK_BASE + 62, grow, (int64_t)ty_self());
    if (rc == TY_MSG_DATA) { ty_read_i32(&a); ty_read_i32(&b); ty_read_i32(&pages); }
    printf("max_memory 8 MiB: grow to 64 pages %s, one more %s, size %d pages\n",
           a == 1 ? "works" : "fails", b == 1 ? "works" : "fails", pages);
    /* Less than the program's initial memory: spawn fails (the count of pages it needs
     * depends on the toolchain, so only the shape of the text is checked). */
    ty_config_set_max_memory(c, 65535);
    ty_pid pid;
    rc = ty_spawn_config(c, 0, grow, (int64_t)ty_self(), &pid);
    const char *e = ty_last_error();
    const char *tail = "pages, the limit is 0";
    printf("max_memory 65535: spawn %d, \"out of memory: memory 0 needs N pages, the limit is 0\": %s\n",
           rc, !strncmp(e, "out of memory: memory 0 needs ", 30) &&
                   strlen(e) > strlen(tail) && !strcmp(e + strlen(e) - strlen(tail), tail)
               ? "yes" : e);
    ty_config_drop(c);

    /* The middle has 4 MiB; its child's config asks for 4 GiB. */
    c = new_config(1, 1, 0);
    ty_config_set_max_memory(c, 4 << 20);
    rc = run_child(c, LINK_BASE + 63, middle, (int64_t)(ty_self() << 8 | 1));
    if (rc == TY_MSG_DATA && ty_msg_size() == 12) { ty_read_i32(&a); ty_read_i32(&b); ty_read_i32(&pages); }
    printf("middle with 4 MiB, its child asks 4 GiB: grow to 64 pages %s, one more %s, size %d pages\n",
           a == 1 ? "works" : "fails", b == 1 ? "works" : "fails", pages);
    ty_config_drop(c);

    printf("-- max_fuel (units of 100,000)\n");
    struct { uint64_t fuel; } fuels[] = {{10}, {1000}, {0}};
    for (size_t i = 0; i < 3; i++) {
        c = new_config(0, 0, 0);
        ty_config_set_max_fuel(c, fuels[i].fuel);
        rc = run_child(c, LINK_BASE + 70 + (int64_t)i, burn, (int64_t)ty_self());
        uint32_t n = 0;
        if (rc == TY_MSG_DATA) ty_read_u32(&n);
        printf("max_fuel %llu, 5,000,000 iterations: %s", (unsigned long long)fuels[i].fuel,
               recv_name(rc));
        if (rc == TY_MSG_DATA) printf(" (counted %u)", n);
        printf("\n");
        ty_config_drop(c);
    }
    /* The middle has 10 units; its child's config asks for none (0 = unlimited). */
    c = new_config(1, 1, 0);
    ty_config_set_max_fuel(c, 10);
    rc = run_child(c, LINK_BASE + 80, middle, (int64_t)(ty_self() << 8 | 2));
    char buf[32] = "";
    if (rc == TY_MSG_DATA) buf[ty_read_raw(buf, sizeof buf - 1)] = 0;
    printf("middle with max_fuel 10, its child asks for no limit: %s\n",
           rc != TY_MSG_DATA ? recv_name(rc) : ty_msg_size() == 4 ? "it finished" : buf);
    ty_config_drop(c);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    getters_setters();
    unknown_ids();
    permissions();
    limits();
    printf("done\n");
    return 0;
}
