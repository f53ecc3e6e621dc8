//! options: --workers 1
/* limits.c — per-process limits and isolation: fuel (max_fuel n = n x 100,000
 * reductions, then the process fails), memory (max_memory: memory.grow beyond it returns
 * -1, malloc returns NULL), traps that end only the trapping process while a sibling keeps
 * running, and preemption: with ONE worker thread, a process spinning forever without
 * host calls does not keep the others from running. Only the root prints. */
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>

#include "harness.h"

enum { T_REPORT = 100, T_PING = 101, T_PONG = 102 };

static volatile int sink;
static void *volatile keep;   /* malloc results stored here are really allocated */

static void spin(int64_t a) {
    (void)a;
    for (volatile uint64_t i = 0;; i++) sink = (int)i;
}

/* Sums 1..n (a few thousand reductions) and reports to the root. */
static void small_job(int64_t root) {
    uint64_t s = 0;
    for (volatile uint64_t i = 1; i <= 1000; i++) s += i;
    send_u64((ty_pid)root, T_REPORT, s);
}

/* Counts to arg (each iteration is one loop back-edge: one reduction), then reports. */
static void count_to(int64_t arg) {
    ty_pid root = (ty_pid)(arg >> 24);
    uint32_t n = (uint32_t)(arg & 0xffffff);
    for (volatile uint32_t i = 0; i < n; i = i + 1) {}
    send_u64(root, T_REPORT, n);
}

/* Under max_memory 128 KiB (the module's initial 2 pages): reports what malloc and
 * memory.grow give. */
static void memory_probe(int64_t root) {
    void *big = keep = malloc(1 << 20);
    void *small = keep = malloc(1024);
    int grow = __builtin_wasm_memory_grow(0, 1);
    ty_msg_begin(T_REPORT);
    ty_msg_i32(big == NULL);
    ty_msg_i32(small != NULL);
    ty_msg_i32(grow);
    ty_msg_i32((int32_t)__builtin_wasm_memory_size(0));
    ty_send((ty_pid)root);
}

/* Without a limit (4 GiB default): 1 MiB is fine. */
static void memory_ok(int64_t root) {
    char *big = keep = malloc(1 << 20);
    if (big) big[(1 << 20) - 1] = 1;
    send_u64((ty_pid)root, T_REPORT, big != NULL);
}

static void traps_unreachable(int64_t a) { (void)a; __builtin_trap(); }
static void traps_div_zero(int64_t a) {
    volatile int x = 1, z = 0;   /* both volatile, so that a real i32.div_s is emitted */
    sink = x / z + (int)a;
}
static void traps_overflow(int64_t a) {
    volatile int m = INT_MIN, n = -1;
    sink = m / n + (int)a;
}
static void traps_oob(int64_t a) {
    volatile int *p = (volatile int *)(uintptr_t)0xFFFFFFF0u;
    sink = *p + (int)a;
}
static int deep(int n) {
    volatile int pad[16];
    pad[n & 15] = n;
    return n == -1 ? 0 : deep(n + 1) + pad[(n + 1) & 15];
}
static void traps_stack(int64_t a) { sink = deep((int)a); }

/* Answers pings with pongs (the same value), forever. */
static void ponger(int64_t a) {
    (void)a;
    for (;;) {
        if (ty_receive_tag(T_PING, TY_NO_TIMEOUT) != TY_MSG_DATA) abort();
        uint64_t from = msg_u64();
        send_u64((ty_pid)from, T_PONG, from);
    }
}

static int ping(ty_pid p, uint64_t timeout) {
    send_u64(p, T_PING, ty_self());
    return ty_receive_tag(T_PONG, timeout);
}

int main(void) {
    ty_pid root = ty_self(), child;
    ty_die_when_link_dies(0);

    /* 1. Fuel. */
    ty_config cfg = ty_config_new();
    printf("new config: max_fuel=%llu max_memory=%llu\n",
           (unsigned long long)ty_config_max_fuel(cfg), (unsigned long long)ty_config_max_memory(cfg));
    ty_config_set_max_fuel(cfg, 1);
    printf("max_fuel set to %llu\n", (unsigned long long)ty_config_max_fuel(cfg));
    if (ty_spawn_config(cfg, 7, spin, 0, &child)) return 1;
    int rc = ty_receive(NULL, 0, 10000);
    printf("spinning with max_fuel 1: receive=%d tag=%lld pid=%s\n", rc, (long long)ty_msg_tag(),
           ty_msg_dead_pid() == child ? "child" : "WRONG");
    if (ty_spawn_config(cfg, 8, small_job, (int64_t)root, &child)) return 1;
    rc = ty_receive_tag(T_REPORT, 10000);
    printf("a small job with max_fuel 1: %d sum=%llu\n", rc, (unsigned long long)msg_u64());
    ty_monitor(child);
    rc = ty_receive(NULL, 0, 10000);
    printf("then it ends normally: %d (no LinkDied: %d)\n", rc, ty_receive(NULL, 0, 0));
    /* The unit: 100,000 reductions. 60,000 loop iterations fit in max_fuel 1, 140,000
     * do not (but fit in 2). */
    uint32_t counts[] = {60000, 140000};
    for (int f = 1; f <= 2; f++)
        for (int i = 0; i < 2; i++) {
            ty_config_set_max_fuel(cfg, (uint64_t)f);
            if (ty_spawn_config(cfg, 40 + i, count_to, (int64_t)(root << 24 | counts[i]), &child))
                return 1;
            ty_monitor(child);
            rc = ty_receive(NULL, 0, 10000);
            if (rc == TY_MSG_DATA) {
                printf("max_fuel %d, %u iterations: finished\n", f, counts[i]);
                ty_receive(NULL, 0, 10000);     /* its ProcessDied */
            } else {
                printf("max_fuel %d, %u iterations: receive=%d tag=%lld\n", f, counts[i], rc,
                       (long long)ty_msg_tag());
                ty_receive(NULL, 0, 10000);     /* its ProcessDied */
            }
        }
    ty_config_set_max_fuel(cfg, 20);       /* 2,000,000 reductions: still finite */
    if (ty_spawn_config(cfg, 9, spin, 0, &child)) return 1;
    rc = ty_receive(NULL, 0, 30000);
    printf("spinning with max_fuel 20: receive=%d tag=%lld\n", rc, (long long)ty_msg_tag());
    ty_config_drop(cfg);

    /* 2. Memory. */
    cfg = ty_config_new();
    ty_config_set_max_memory(cfg, 128 * 1024);
    printf("max_memory set to %llu\n", (unsigned long long)ty_config_max_memory(cfg));
    if (ty_spawn_config(cfg, 10, memory_probe, (int64_t)root, &child)) return 1;
    rc = ty_receive_tag(T_REPORT, 10000);
    int32_t big_null = -1, small_ok = -1, grow = 0, pages = 0;
    ty_read_i32(&big_null);
    ty_read_i32(&small_ok);
    ty_read_i32(&grow);
    ty_read_i32(&pages);
    printf("128 KiB: malloc(1 MiB) NULL=%d, malloc(1 KiB) ok=%d, memory.grow(1)=%d, pages=%d\n",
           big_null, small_ok, grow, pages);
    ty_config_set_max_memory(cfg, 64 * 1024);   /* below the module's initial memory */
    rc = ty_spawn_config(cfg, 11, memory_probe, (int64_t)root, &child);
    printf("64 KiB: spawn=%d \"%s\"\n", rc, rc ? ty_last_error() : "");
    ty_config_drop(cfg);
    if (ty_spawn_link(12, memory_ok, (int64_t)root, &child)) return 1;
    rc = ty_receive_tag(T_REPORT, 10000);
    printf("default limit: malloc(1 MiB) ok=%llu\n", (unsigned long long)msg_u64());

    /* 3. Traps end only the trapping process: a sibling keeps answering. */
    ty_pid pong;
    if (ty_spawn(ponger, 0, &pong)) return 1;
    printf("ponger before: %d\n", ping(pong, 10000));
    struct { const char *what; ty_entry fn; } traps[] = {
        {"unreachable", traps_unreachable}, {"division by zero", traps_div_zero},
        {"INT_MIN / -1", traps_overflow},   {"out-of-bounds load", traps_oob},
        {"stack exhaustion", traps_stack},
    };
    for (int i = 0; i < 5; i++) {
        if (ty_spawn_link(20 + i, traps[i].fn, 0, &child)) return 1;
        rc = ty_receive(NULL, 0, 10000);
        printf("%s: receive=%d tag=%lld pid=%s\n", traps[i].what, rc, (long long)ty_msg_tag(),
               ty_msg_dead_pid() == child ? "child" : "WRONG");
    }
    printf("ponger after: %d\n", ping(pong, 10000));

    /* 4. Preemption (one worker): a spinner without host calls, and no fuel limit. */
    ty_pid spinner;
    if (ty_spawn_link(30, spin, 0, &spinner)) return 1;
    ty_sleep_ms(20);                       /* the spinner has the only worker now */
    printf("root runs again while it spins: exists=%d\n", ty_exists(spinner));
    printf("ponger answers while it spins: %d\n", ping(pong, 10000));
    ty_pid spinner2;
    if (ty_spawn_link(31, spin, 0, &spinner2)) return 1;   /* two spinners */
    printf("ponger answers while two spin: %d\n", ping(pong, 10000));
    ty_kill(spinner);
    ty_kill(spinner2);
    int got30 = 0, got31 = 0;    /* in either order */
    for (int i = 0; i < 2; i++) {
        if (ty_receive(NULL, 0, 10000) != TY_MSG_LINK_DIED) continue;
        got30 += ty_msg_tag() == 30 && ty_msg_dead_pid() == spinner;
        got31 += ty_msg_tag() == 31 && ty_msg_dead_pid() == spinner2;
    }
    printf("spinners killed: LinkDied tag 30: %d, tag 31: %d\n", got30, got31);
    printf("at the end: %d\n", ty_receive(NULL, 0, 0));
    return 0;
}
