/* harness.h — helpers shared by the guest tests in tests/processes (NAME.c). Header
 * only (static inline): each test is still built from its one .c file, and run.sh runs
 * only the .c files.
 *
 *   recv_name(rc)              a receive result as text: "data", "link died", ...
 *   send_u64 / send_i64        send one 8-byte value tagged `tag`; msg_u64 / msg_i64 read
 *                              it back from the current message (0 if it is too short)
 *   new_config(s, c, m)        a fresh config with only these three permission flags set
 *   COUNT_OF(array)            its number of elements, as an int
 *
 * Trap cases: the parent (which called ty_die_when_link_dies(0)) spawn-links a child with
 * a non-zero tag and monitors it. The child sends a message tagged `before`, makes one
 * call that should trap it, and sends `after` only if it survived. So the parent sees
 * `before` (data), then the LinkDied with the child's tag (or `after` if it did not trap),
 * then the monitor's ProcessDied:
 *   trap_case_begin()          spawns the child and receives `before` and {tag, `after`};
 *                              until trap_case_end() the second one is the current
 *                              message (read its data, ty_msg_tag(), ty_msg_dead_pid())
 *   trap_case_end()            receives the next message of any kind (the ProcessDied)
 *   misuse_cases()             the whole loop over named cases, one line per case:
 *                              "NAME: data, link died (its tag), process died"
 *   misuse_arg(i)              the child's argument there: the caller's pid << 8 | i
 *   misuse_start(arg, ...)     the child's first step: sends `before`, returns i */
#ifndef TESTS_PROCESSES_HARNESS_H
#define TESTS_PROCESSES_HARNESS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "tycho.h"

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof *(a)))   /* elements of an array */

static inline const char *recv_name(int rc) {
    switch (rc) {
    case TY_MSG_DATA: return "data";
    case TY_MSG_LINK_DIED: return "link died";
    case TY_MSG_PROCESS_DIED: return "process died";
    case TY_TIMEOUT: return "timeout";
    default: return "?";
    }
}

static inline void send_u64(ty_pid to, int64_t tag, uint64_t v) {
    ty_msg_begin(tag);
    ty_msg_u64(v);
    ty_send(to);
}

static inline void send_i64(ty_pid to, int64_t tag, int64_t v) {
    ty_msg_begin(tag);
    ty_msg_i64(v);
    ty_send(to);
}

static inline uint64_t msg_u64(void) {
    uint64_t v = 0;
    ty_read_u64(&v);
    return v;
}

static inline int64_t msg_i64(void) {
    int64_t v = 0;
    ty_read_i64(&v);
    return v;
}

/* Exits the test (status 1) if the config cannot be created. */
static inline ty_config new_config(int can_spawn, int can_create, int can_compile) {
    ty_config c = ty_config_new();
    if (c < 0) { printf("create_config failed\n"); exit(1); }
    ty_config_set_can_spawn_processes(c, can_spawn);
    ty_config_set_can_create_configs(c, can_create);
    ty_config_set_can_compile_modules(c, can_compile);
    return c;
}

/* ---- trap cases ------------------------------------------------------------------------ */

typedef struct {
    ty_pid pid;     /* the child */
    int64_t tag;    /* its link tag */
    int before;     /* receive of `before`: TY_MSG_DATA once the child started */
    int after;      /* receive of {tag, `after`}: TY_MSG_LINK_DIED if it trapped */
    bool its_tag;   /* after is a LinkDied carrying `tag` */
    int last;       /* trap_case_end: the next message of any kind */
} trap_case;

/* Spawns fn(arg) with config `cfg` (TY_INHERIT: the caller's), linked with `tag` (non-zero)
 * and monitored, then receives as described above, each receive waiting at most wait_ms.
 * Returns ty_spawn_config's result: on failure nothing was received. */
static inline int trap_case_begin(trap_case *c, ty_config cfg, int64_t tag, ty_entry fn,
                                  int64_t arg, int64_t before, int64_t after,
                                  uint64_t wait_ms) {
    c->pid = 0;
    c->tag = tag;
    int rc = ty_spawn_config(cfg, tag, fn, arg, &c->pid);
    if (rc != 0) return rc;
    ty_monitor(c->pid);
    c->before = ty_receive_tag(before, wait_ms);
    int64_t tags[2] = {tag, after};
    c->after = ty_receive(tags, 2, wait_ms);
    c->its_tag = c->after == TY_MSG_LINK_DIED && ty_msg_tag() == tag;
    return 0;
}

static inline void trap_case_end(trap_case *c, uint64_t wait_ms) {
    c->last = ty_receive(NULL, 0, wait_ms);
}

static inline int64_t misuse_arg(int i) { return (int64_t)(ty_self() << 8 | (uint64_t)i); }

/* The child's side of misuse_arg: stores the parent in *parent, sends it an empty message
 * tagged `before` (the child started) and returns the case number. */
static inline int misuse_start(int64_t arg, int64_t before, ty_pid *parent) {
    *parent = (ty_pid)(arg >> 8);
    ty_send_raw(*parent, before, "", 0);
    return (int)(arg & 0xff);
}

/* Traps link deaths, then runs case i = 0..n-1 as fn(misuse_arg(i)) linked with tag
 * link_base + i, printing "NAME: spawn failed" or the three receive results. */
static inline void misuse_cases(const char *const *names, int n, ty_entry fn, int64_t link_base,
                                int64_t before, int64_t after, uint64_t wait_ms) {
    ty_die_when_link_dies(0);
    for (int i = 0; i < n; i++) {
        trap_case c;
        if (trap_case_begin(&c, TY_INHERIT, link_base + i, fn, misuse_arg(i), before, after,
                            wait_ms) != 0) {
            printf("%s: spawn failed\n", names[i]);
            continue;
        }
        trap_case_end(&c, wait_ms);
        printf("%s: %s, %s%s, %s\n", names[i], recv_name(c.before), recv_name(c.after),
               c.its_tag ? " (its tag)" : "", recv_name(c.last));
    }
}

#endif
