//! args: 100000 42 2000
/* stress.c — 100,000 processes that message and die in every way, with exact accounting.
 *
 * Arguments: N processes in all (default 100000), the PRNG seed (42), the wave size
 * (2000). The root draws "units" from a seeded PRNG (splitmix64) and spawns them in
 * waves of at most `wave` processes; it handles every message of a wave before it spawns
 * the next, so at most ~wave processes are alive at once. Units:
 *   normal     sends a hello to the root, then returns or calls exit(0)
 *   trap       (optionally after a hello) traps: unreachable, out-of-bounds load, integer
 *              divide by zero, integer overflow, undefined table element, a host call
 *              on an unknown config id, invalid float-to-int conversion, indirect call
 *              type mismatch, call stack exhausted (recursion), out of fuel (a config
 *              with max_fuel 1), or exit(3)
 *   echo       gets a value from the root, sends back 3v+1, then returns or traps
 *   ready      tells the root it is ready, then waits: the root kills it
 *   victim     waits; a "killer" process spawned right after it kills it
 *   group      a leader spawn-links 1..5 members, some of which trap link deaths
 *              (die_when_link_dies(0)); once every member is ready the leader tells the
 *              root their pids and one of the group (leader or member) traps: the other
 *              members die with it through the links (a cascade), except the trapping
 *              ones, which get a LinkDied message (tag 0, the leader's pid) and report it
 *   link-dead  links to a process that no longer (or never) existed: trapping link deaths
 *              it gets a LinkDied message at once and reports it, otherwise it dies
 * Half of the processes the root spawns are linked to it (the root traps link deaths).
 *
 * The root monitors every process (group members as soon as it learns their pids: a
 * monitor of a process that has already ended delivers ProcessDied at once), and checks:
 * exactly one ProcessDied per process spawned, a LinkDied for exactly the linked
 * processes the plan says fail (each with its link tag and pid), and every message the
 * plan implies (hellos, echo replies, readies, group reports, trapped-exit reports) with
 * the right contents. It prints totals, which depend only on the seed. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tycho.h"

/* ---- spawn arguments: kind | sub << 8 | a << 16 | b << 40 (a, b: 24 bits) ---------- */

#define ARG(kind, sub, a, b) \
    ((int64_t)((uint64_t)(kind) | (uint64_t)(sub) << 8 | (uint64_t)(a) << 16 | (uint64_t)(b) << 40))
#define ARG_KIND(x) ((unsigned)((uint64_t)(x) & 0xFF))
#define ARG_SUB(x) ((unsigned)((uint64_t)(x) >> 8 & 0xFF))
#define ARG_A(x) ((uint64_t)(x) >> 16 & 0xFFFFFF)
#define ARG_B(x) ((uint64_t)(x) >> 40)
#define MAX24 0xFFFFFFu

enum { K_NORMAL = 1, K_TRAP, K_ECHO, K_READY, K_VICTIM, K_KILLER, K_LEADER, K_MEMBER,
       K_LINKDEAD };

enum {
    T_HELLO = 1,        /* -> root: [u64 index][u64 index * 7 + 3] */
    T_READY,            /* -> root: [u64 index][u64 own pid] */
    T_ECHO,             /* root -> echo: [u64 v] */
    T_ECHO_REPLY,       /* -> root: [u64 index][u64 3v + 1] */
    T_GROUP,            /* leader -> root: [u64 own pid][u64 k][k x u64 member pid] */
    T_MEMBER_READY,     /* member -> leader: [u64 j] */
    T_GO,               /* leader -> the failing member */
    T_EXIT_REPORT,      /* trapping member -> root: [u64 dead pid][i64 tag][u64 own pid] */
    T_LINKDEAD_REPORT,  /* link-dead -> root: [u64 dead pid][i64 tag][u64 own pid] */
    T_NEVER,            /* nobody sends it: receiving it waits forever */
    T_NOT_TRAPPED,      /* -> root: [u64 trap kind] that did not trap (a bug) */
};

/* Trap kinds. The first 8 can end a group; the others only root-spawned processes. */
enum { TR_UNREACHABLE, TR_OOB, TR_DIVZERO, TR_OVERFLOW, TR_UNDEFINED_ELEM, TR_HOST,
       TR_CONVERSION, TR_SIGNATURE, TR_STACK, TR_FUEL, TR_EXIT3, TR_KINDS };
static const char *const trap_names[TR_KINDS] = {
    "unreachable", "out of bounds", "divide by zero", "integer overflow",
    "undefined element", "host call", "invalid conversion", "signature mismatch",
    "call stack exhausted", "out of fuel", "exit(3)",
};
#define LINKDEAD_TAG 77

/* ---- the children -------------------------------------------------------------------- */

static volatile int32_t v_zero = 0, v_min = INT32_MIN, v_minus1 = -1;
static volatile double v_nan = __builtin_nan("");
static volatile uint32_t v_sink, v_limit = 0xFFFFFFFFu;

static void no_args(void) {}

__attribute__((noinline)) static uint32_t recurse(uint32_t n) {
    if (n == v_limit) return 0;
    uint32_t r = recurse(n + 1);
    v_sink = r;   /* work after the call: no tail-call or accumulator rewrite */
    return r ^ n;
}

/* Traps in the way `kind` says. If it does not (a compiler that found a way around it),
 * the root gets a T_NOT_TRAPPED message, which fails the test. */
__attribute__((noreturn)) static void trap(unsigned kind, ty_pid root) {
    switch (kind) {
    case TR_UNREACHABLE: __builtin_trap();
    case TR_OOB: v_sink = *(volatile uint32_t *)(uintptr_t)0xFFFFFFF0u; break;
    case TR_DIVZERO: v_sink = (uint32_t)(7 / v_zero); break;
    case TR_OVERFLOW: v_sink = (uint32_t)(v_min / v_minus1); break;
    case TR_UNDEFINED_ELEM: {
        void (*volatile f)(void) = (void (*)(void))(uintptr_t)0x7FFFFFF0u;
        f();
        break;
    }
    case TR_HOST: lunatic_process_drop_config(0xDEAD); break;
    case TR_CONVERSION: v_sink = (uint32_t)__builtin_wasm_trunc_s_i32_f64(v_nan); break;
    case TR_SIGNATURE: {
        int64_t (*volatile f)(int64_t) = (int64_t (*)(int64_t))(void *)no_args;
        v_sink = (uint32_t)f(1);
        break;
    }
    case TR_STACK: v_sink = recurse(0); break;
    case TR_FUEL: for (;;) v_sink++;
    case TR_EXIT3: exit(3);
    }
    uint64_t k = kind;
    ty_msg_begin(T_NOT_TRAPPED);
    ty_msg_u64(k);
    ty_send(root);
    exit(0);
}

static uint64_t read_u64(void) {
    uint64_t v;
    if (ty_read_u64(&v) != TY_OK) abort();
    return v;
}

static void send_u64s(ty_pid to, int64_t tag, const uint64_t *v, int n) {
    ty_msg_begin(tag);
    for (int i = 0; i < n; i++) ty_msg_u64(v[i]);
    ty_send(to);
}

static void wait_forever(void) {
    int64_t never = T_NEVER;
    ty_receive(&never, 1, TY_NO_TIMEOUT);
    abort();
}

static void hello(ty_pid root, uint64_t index) {
    uint64_t m[2] = { index, index * 7 + 3 };
    send_u64s(root, T_HELLO, m, 2);
}

/* normal: sub 0 = return, 1 = exit(0); a = index, b = root */
/* trap: sub = kind | 0x80 (hello first); a = index, b = root */
/* echo: sub 1 = trap after replying */
static void child(int64_t arg) {
    unsigned kind = ARG_KIND(arg), sub = ARG_SUB(arg);
    uint64_t a = ARG_A(arg);
    ty_pid root = ARG_B(arg);
    switch (kind) {
    case K_NORMAL:
        hello(root, a);
        if (sub) exit(0);
        return;
    case K_TRAP:
        if (sub & 0x80) hello(root, a);
        trap(sub & 0x7F, root);
    case K_ECHO: {
        if (ty_receive_tag(T_ECHO, TY_NO_TIMEOUT) != TY_MSG_DATA) abort();
        uint64_t m[2] = { a, read_u64() * 3 + 1 };
        send_u64s(root, T_ECHO_REPLY, m, 2);
        if (sub) trap(TR_UNREACHABLE, root);
        return;
    }
    case K_READY: {
        uint64_t m[2] = { a, ty_self() };
        send_u64s(root, T_READY, m, 2);
        wait_forever();
    }
    case K_VICTIM:
        wait_forever();
    case K_KILLER:
        ty_kill(a);
        return;
    case K_LINKDEAD: {
        if (sub) ty_die_when_link_dies(0);
        ty_link(LINKDEAD_TAG, a);
        if (!sub) wait_forever();   /* killed by the failed link */
        if (ty_receive(NULL, 0, TY_NO_TIMEOUT) != TY_MSG_LINK_DIED) abort();
        uint64_t m[3] = { ty_msg_dead_pid(), (uint64_t)ty_msg_tag(), ty_self() };
        send_u64s(root, T_LINKDEAD_REPORT, m, 3);
        return;
    }
    }
    abort();
}

/* member: sub = j | trap_exits << 3 | fails << 4 | fail kind << 5; a = leader, b = root */
static void member(int64_t arg) {
    unsigned sub = ARG_SUB(arg);
    ty_pid leader = ARG_A(arg), root = ARG_B(arg);
    if (sub >> 3 & 1) ty_die_when_link_dies(0);
    uint64_t j = sub & 7;
    send_u64s(leader, T_MEMBER_READY, &j, 1);
    if (sub >> 4 & 1) {
        if (ty_receive_tag(T_GO, TY_NO_TIMEOUT) != TY_MSG_DATA) abort();
        trap(sub >> 5, root);
    }
    /* A member that does not trap link deaths is killed here by the cascade. */
    if (ty_receive(NULL, 0, TY_NO_TIMEOUT) != TY_MSG_LINK_DIED) abort();
    uint64_t m[3] = { ty_msg_dead_pid(), (uint64_t)ty_msg_tag(), ty_self() };
    send_u64s(root, T_EXIT_REPORT, m, 3);
}

/* leader: a = k | f << 3 | trap-exit mask << 6 | fail kind << 11 (f = 0: the leader
 * fails, else member f); b = root */
static void leader(int64_t arg) {
    uint64_t d = ARG_A(arg);
    ty_pid root = ARG_B(arg);
    unsigned k = d & 7, f = d >> 3 & 7, mask = d >> 6 & 31, fail = d >> 11 & 7;
    uint64_t m[7] = { ty_self(), k };
    for (unsigned j = 0; j < k; j++) {
        unsigned sub = j | (mask >> j & 1) << 3 | (f == j + 1) << 4 | fail << 5;
        ty_pid pid;
        if (ty_spawn_link(j + 1, member, ARG(K_MEMBER, sub, ty_self(), root), &pid)) abort();
        m[2 + j] = pid;
    }
    for (unsigned j = 0; j < k; j++)
        if (ty_receive_tag(T_MEMBER_READY, TY_NO_TIMEOUT) != TY_MSG_DATA) abort();
    send_u64s(root, T_GROUP, m, 2 + (int)k);
    if (f == 0) trap(fail, root);
    ty_msg_begin(T_GO);
    ty_send(m[1 + f]);
    wait_forever();   /* killed by the cascade */
}

/* ---- the root: the plan ----------------------------------------------------------- */

static uint64_t rng_state;
static uint64_t rnd(void) {   /* splitmix64 */
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}
static unsigned below(unsigned n) { return (unsigned)(rnd() % n); }

/* A process the root spawned, in the current wave. */
typedef struct {
    ty_pid pid;
    uint8_t kind;
    bool linked, fails, linkdied, dead;
    uint8_t pending;    /* messages still expected from (or about) it */
    uint64_t aux;       /* echo: the value sent; leader: its descriptor; link-dead: the pid */
} slot;

/* What the plan says (p_*) and what the root saw (s_*). */
static struct {
    uint64_t spawned, normal, failed, returned, exit0, hellos, echoes, echo_traps;
    uint64_t traps[TR_KINDS], killed_by_root, killed_by_peer, groups, members, cascaded;
    uint64_t exit_reports, linkdead_trapped, linkdead_died, link_died, waves;
} p;
static struct {
    uint64_t spawned, process_died, link_died, hellos, echoes, readies, groups, members;
    uint64_t exit_reports, linkdead_reports;
} s;

static slot *slots;
static size_t nslots, wave_dead_slots;
static uint64_t wave_spawned, wave_died, first_index;
static int32_t *pid_slot;      /* pid -> index in slots[], -1 */
static uint8_t *pid_state;     /* 0 = unknown, 1 = monitored, 2 = its ProcessDied came */
static uint64_t max_pid;
static ty_pid root, prev_wave_pid;
static ty_config fuel_config;

#define CHECK(cond, ...)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            printf("FAIL (line %d): ", __LINE__);                                          \
            printf(__VA_ARGS__);                                                           \
            printf("\n");                                                                  \
            exit(1);                                                                       \
        }                                                                                  \
    } while (0)
#define ULL(x) ((unsigned long long)(x))

/* Every process is monitored exactly once, as soon as the root knows its pid. */
static void watch(ty_pid pid) {
    CHECK(pid > root && pid <= max_pid, "pid %llu is out of the expected range", ULL(pid));
    CHECK(pid_state[pid] == 0, "pid %llu was seen twice", ULL(pid));
    pid_state[pid] = 1;
    ty_monitor(pid);
    s.spawned++;
    wave_spawned++;
}

/* Spawns one process of the plan; half of them linked to the root (tag = index + 1). */
static slot *spawn_slot(unsigned kind, unsigned sub, uint64_t a, bool fails, unsigned pending,
                        ty_entry fn, ty_config cfg) {
    slot *sl = &slots[nslots];
    uint64_t index = first_index + nslots;
    *sl = (slot){ .kind = (uint8_t)kind, .fails = fails, .pending = (uint8_t)pending,
                  .linked = below(2) == 0 };
    if (kind != K_LEADER && kind != K_KILLER && kind != K_LINKDEAD) a = index;
    CHECK(a <= MAX24 && root <= MAX24, "spawn argument too large");
    int rc = ty_spawn_config(cfg, sl->linked ? (int64_t)index + 1 : 0, fn,
                             ARG(kind, sub, a, root), &sl->pid);
    CHECK(rc == TY_OK, "spawn %llu: %s", ULL(index), ty_last_error());
    watch(sl->pid);
    pid_slot[sl->pid] = (int32_t)nslots++;
    p.spawned++;
    if (fails) p.failed++;
    else p.normal++;
    if (sl->linked && fails) p.link_died++;
    return sl;
}

/* Draws one unit and spawns it if it fits in `room` processes: its size, or 0. */
static unsigned spawn_unit(unsigned room) {
    unsigned r = below(100);
    if (r < 22) {                               /* normal: return, or exit(0) */
        unsigned sub = below(4) == 0;
        spawn_slot(K_NORMAL, sub, 0, false, 1, child, TY_INHERIT);
        if (sub) p.exit0++;
        else p.returned++;
        p.hellos++;
        return 1;
    }
    if (r < 42) {                               /* trap, perhaps after a hello */
        unsigned t = below(400), kind;
        if (t < 2) kind = TR_STACK;
        else if (t < 6) kind = TR_FUEL;
        else if (t < 40) kind = TR_EXIT3;
        else kind = below(8);
        unsigned first_hello = below(2);
        spawn_slot(K_TRAP, kind | first_hello << 7, 0, true, first_hello, child,
                   kind == TR_FUEL ? fuel_config : TY_INHERIT);
        p.traps[kind]++;
        p.hellos += first_hello;
        return 1;
    }
    if (r < 52) {                               /* echo, then return or trap */
        unsigned traps = below(4) == 0;
        slot *sl = spawn_slot(K_ECHO, traps, 0, traps, 1, child, TY_INHERIT);
        sl->aux = rnd();
        ty_msg_begin(T_ECHO);
        ty_msg_u64(sl->aux);
        ty_send(sl->pid);
        p.echoes++;
        if (traps) p.echo_traps++;
        else p.returned++;
        return 1;
    }
    if (r < 60) {                               /* ready, killed by the root */
        spawn_slot(K_READY, 0, 0, true, 1, child, TY_INHERIT);
        p.killed_by_root++;
        return 1;
    }
    if (r < 68) {                               /* a victim and its killer */
        if (room < 2) return 0;
        slot *v = spawn_slot(K_VICTIM, 0, 0, true, 0, child, TY_INHERIT);
        spawn_slot(K_KILLER, 0, v->pid, false, 0, child, TY_INHERIT);
        p.killed_by_peer++;
        p.returned++;
        return 2;
    }
    if (r < 86) {                               /* a linked group */
        unsigned k = 1 + below(5);
        unsigned f = below(k + 1), fail = below(8), mask = below(32) & ((1u << k) - 1);
        if (room < k + 1) return 0;
        if (f) mask &= ~(1u << (f - 1));        /* the failing member does not trap exits */
        unsigned trapping = (unsigned)__builtin_popcount(mask);
        uint64_t d = k | f << 3 | mask << 6 | fail << 11;
        slot *sl = spawn_slot(K_LEADER, 0, d, true, 1 + trapping, leader, TY_INHERIT);
        sl->aux = d;
        p.spawned += k;
        p.groups++;
        p.members += k;
        p.traps[fail]++;
        p.exit_reports += trapping;
        /* Cascaded: the non-trapping members, but the failing one, and the leader if a
         * member fails: k - trapping either way. */
        p.cascaded += k - trapping;
        p.failed += k - trapping;
        p.normal += trapping;
        p.returned += trapping;
        return k + 1;
    }
    /* Link to a dead process: the previous wave's first one, or a pid never used. */
    unsigned trapping = below(5) < 3;
    ty_pid dead = prev_wave_pid && below(2) ? prev_wave_pid : MAX24;
    slot *sl = spawn_slot(K_LINKDEAD, trapping, dead, !trapping, trapping, child, TY_INHERIT);
    sl->aux = dead;
    if (trapping) {
        p.linkdead_trapped++;
        p.returned++;
    } else {
        p.linkdead_died++;
    }
    return 1;
}

/* ---- the root: events ---------------------------------------------------------------- */

static slot *slot_of(ty_pid pid) {
    CHECK(pid <= max_pid && pid_slot[pid] >= 0,
          "pid %llu is not one the root spawned in this wave", ULL(pid));
    return &slots[pid_slot[pid]];
}

static slot *slot_of_index(uint64_t index) {
    CHECK(index >= first_index && index - first_index < nslots,
          "index %llu is not in this wave", ULL(index));
    return &slots[index - first_index];
}

static void expected(slot *sl) {
    CHECK(sl->pending > 0, "one message too many about pid %llu (kind %u)", ULL(sl->pid),
          sl->kind);
    sl->pending--;
}

static void handle_data(void) {
    int64_t tag = ty_msg_tag();
    switch (tag) {
    case T_HELLO: {
        uint64_t index = read_u64(), check = read_u64();
        slot *sl = slot_of_index(index);
        CHECK(check == index * 7 + 3 && (sl->kind == K_NORMAL || sl->kind == K_TRAP),
              "bad hello from %llu", ULL(index));
        expected(sl);
        s.hellos++;
        return;
    }
    case T_READY: {
        uint64_t index = read_u64(), pid = read_u64();
        slot *sl = slot_of_index(index);
        CHECK(sl->kind == K_READY && sl->pid == pid, "bad ready from %llu", ULL(index));
        expected(sl);
        ty_kill(pid);
        s.readies++;
        return;
    }
    case T_ECHO_REPLY: {
        uint64_t index = read_u64(), v = read_u64();
        slot *sl = slot_of_index(index);
        CHECK(sl->kind == K_ECHO && v == sl->aux * 3 + 1, "bad echo from %llu", ULL(index));
        expected(sl);
        s.echoes++;
        return;
    }
    case T_GROUP: {
        slot *sl = slot_of(read_u64());
        uint64_t k = read_u64();
        CHECK(sl->kind == K_LEADER && k == (sl->aux & 7), "bad group report");
        for (uint64_t j = 0; j < k; j++) watch(read_u64());
        expected(sl);
        s.groups++;
        s.members += k;
        return;
    }
    case T_EXIT_REPORT: {
        uint64_t dead = read_u64(), ltag = read_u64(), self = read_u64();
        slot *sl = slot_of(dead);
        CHECK(sl->kind == K_LEADER && ltag == 0 && self <= max_pid && pid_state[self],
              "bad exit report from %llu", ULL(self));
        expected(sl);
        s.exit_reports++;
        return;
    }
    case T_LINKDEAD_REPORT: {
        uint64_t dead = read_u64(), ltag = read_u64(), self = read_u64();
        slot *sl = slot_of(self);
        CHECK(sl->kind == K_LINKDEAD && dead == sl->aux && ltag == LINKDEAD_TAG,
              "bad link-dead report from %llu: pid %llu, tag %llu", ULL(self), ULL(dead),
              ULL(ltag));
        expected(sl);
        s.linkdead_reports++;
        return;
    }
    case T_NOT_TRAPPED: {
        uint64_t kind = read_u64();
        CHECK(0, "trap kind \"%s\" did not trap", kind < TR_KINDS ? trap_names[kind] : "?");
    }
    }
    CHECK(0, "unexpected message tag %lld", (long long)tag);
}

static void handle_one(void) {
    /* A wave takes well under a second even under ASan: 20 s of silence is a hang. */
    int code = ty_receive(NULL, 0, 20000);
    CHECK(code != TY_TIMEOUT, "nothing for 20 s: %llu of %llu processes of the wave ended, "
          "%llu of %llu spawned by the root", ULL(wave_died), ULL(wave_spawned),
          ULL(wave_dead_slots), ULL(nslots));
    if (code == TY_MSG_DATA) {
        handle_data();
    } else if (code == TY_MSG_PROCESS_DIED) {
        ty_pid pid = ty_msg_dead_pid();
        CHECK(pid <= max_pid && pid_state[pid] == 1, "unexpected ProcessDied of %llu",
              ULL(pid));
        pid_state[pid] = 2;
        s.process_died++;
        wave_died++;
        if (pid_slot[pid] >= 0) {
            slots[pid_slot[pid]].dead = true;
            wave_dead_slots++;
        }
    } else if (code == TY_MSG_LINK_DIED) {
        int64_t tag = ty_msg_tag();
        slot *sl = slot_of_index((uint64_t)tag - 1);
        CHECK(sl->linked && sl->fails && !sl->linkdied && sl->pid == ty_msg_dead_pid(),
              "unexpected LinkDied (tag %lld, pid %llu)", (long long)tag,
              ULL(ty_msg_dead_pid()));
        sl->linkdied = true;
        s.link_died++;
    } else {
        CHECK(0, "receive returned %d", code);
    }
}

static uint64_t arg_or(int argc, char **argv, int i, uint64_t dflt) {
    return argc > i ? strtoull(argv[i], NULL, 10) : dflt;
}

int main(int argc, char **argv) {
    uint64_t n = arg_or(argc, argv, 1, 100000), wave = arg_or(argc, argv, 3, 2000);
    rng_state = arg_or(argc, argv, 2, 42);
    CHECK(n >= 1 && wave >= 6 && n < MAX24 - 8, "usage: stress [N [SEED [WAVE]]]");
    root = ty_self();
    max_pid = root + n;           /* only these processes are spawned, one pid each */
    slots = calloc(wave, sizeof *slots);
    pid_slot = malloc((max_pid + 1) * sizeof *pid_slot);
    pid_state = calloc(max_pid + 1, 1);
    CHECK(slots && pid_slot && pid_state, "out of memory");
    memset(pid_slot, 0xFF, (max_pid + 1) * sizeof *pid_slot);
    fuel_config = ty_config_new();
    CHECK(fuel_config >= 0, "create_config failed");
    ty_config_set_max_fuel(fuel_config, 1);
    ty_die_when_link_dies(0);

    while (p.spawned < n) {
        nslots = wave_dead_slots = 0;
        wave_spawned = wave_died = 0;
        p.waves++;
        for (uint64_t used = 0; p.spawned < n;) {
            uint64_t room = wave - used < n - p.spawned ? wave - used : n - p.spawned;
            if (room == 0) break;
            unsigned size = spawn_unit((unsigned)room);
            if (size) used += size;
            else if (room == wave - used) break;   /* the wave is full */
        }
        while (wave_dead_slots < nslots || wave_died < wave_spawned) handle_one();
        CHECK(wave_spawned <= wave, "wave of %llu processes", ULL(wave_spawned));
        for (size_t i = 0; i < nslots; i++) {
            slot *sl = &slots[i];
            CHECK(sl->pending == 0, "pid %llu (kind %u): %u message(s) missing", ULL(sl->pid),
                  sl->kind, sl->pending);
            CHECK(sl->linkdied == (sl->linked && sl->fails),
                  "pid %llu (kind %u): LinkDied %s", ULL(sl->pid), sl->kind,
                  sl->linkdied ? "not expected" : "missing");
            pid_slot[sl->pid] = -1;
        }
        prev_wave_pid = slots[0].pid;
        first_index += nslots;
    }

    CHECK(s.spawned == n && p.spawned == n, "spawned %llu, planned %llu", ULL(s.spawned),
          ULL(p.spawned));
    CHECK(s.process_died == n, "ProcessDied %llu", ULL(s.process_died));
    CHECK(s.link_died == p.link_died, "LinkDied %llu, planned %llu", ULL(s.link_died),
          ULL(p.link_died));
    CHECK(s.hellos == p.hellos && s.echoes == p.echoes && s.readies == p.killed_by_root &&
          s.groups == p.groups && s.members == p.members && s.exit_reports == p.exit_reports &&
          s.linkdead_reports == p.linkdead_trapped, "message counts differ from the plan");
    CHECK(p.normal + p.failed == n, "plan: %llu + %llu", ULL(p.normal), ULL(p.failed));

    printf("%llu processes (seed %llu) in %llu waves of at most %llu\n", ULL(n),
           ULL(arg_or(argc, argv, 2, 42)), ULL(p.waves), ULL(wave));
    printf("ended normally: %llu (returned %llu, exit(0) %llu)\n", ULL(p.normal),
           ULL(p.returned), ULL(p.exit0));
    printf("failed: %llu\n", ULL(p.failed));
    printf("  traps:");
    for (int k = 0; k < TR_KINDS; k++)
        printf("%s %s %llu", k ? "," : "", trap_names[k], ULL(p.traps[k]));
    printf("\n  trapped after replying to an echo: %llu\n", ULL(p.echo_traps));
    printf("  killed by the root: %llu, by another process: %llu\n", ULL(p.killed_by_root),
           ULL(p.killed_by_peer));
    printf("  linked groups: %llu with %llu members; cascaded deaths %llu; members that "
           "trapped the leader's death: %llu\n", ULL(p.groups), ULL(p.members),
           ULL(p.cascaded), ULL(p.exit_reports));
    printf("  linked to a dead process and died: %llu (%llu others trapped it)\n",
           ULL(p.linkdead_died), ULL(p.linkdead_trapped));
    printf("messages to the root: %llu hellos, %llu echo replies, %llu readies, %llu group "
           "reports, %llu LinkDied reports\n", ULL(s.hellos), ULL(s.echoes), ULL(s.readies),
           ULL(s.groups), ULL(s.exit_reports + s.linkdead_reports));
    printf("root: %llu ProcessDied for %llu processes; %llu LinkDied, as planned\n",
           ULL(s.process_died), ULL(s.spawned), ULL(s.link_died));
    return 0;
}
