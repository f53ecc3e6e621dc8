/* errors.c — lunatic::error: string_size / to_string / drop on real error resources (from
 * failed spawn, get_or_spawn and compile_module calls), ids (per process, never reused),
 * several errors alive at once, texts with non-ASCII bytes (sizes in bytes), to_string
 * writing exactly string_size bytes, and unknown / dropped / other processes' ids (the
 * caller traps: seen through a link). Root trap text: errors_trap.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define T_BEFORE  2
#define T_AFTER   3
#define LINK_BASE 100
#define WAIT_MS   10000

/* A failed spawn of export `name`: returns the error id. */
static uint64_t spawn_error(const char *name) {
    uint64_t id = 0;
    int32_t rc = lunatic_process_spawn(0, -1, -1, name, (uint32_t)strlen(name), NULL, 0, &id);
    if (rc != 1) { printf("spawn of %s: rc=%d, not an error\n", name, rc); exit(1); }
    return id;
}

/* Prints an error's size and text; checks that to_string writes exactly that many bytes. */
static void show(uint64_t id) {
    uint32_t n = lunatic_error_string_size(id);
    char buf[256];
    memset(buf, '#', sizeof buf);
    lunatic_error_to_string(id, buf + 1);
    int exact = buf[0] == '#' && buf[n + 1] == '#' && memchr(buf + 1, '#', n) == NULL;
    printf("error %llu: size %u, to_string wrote exactly that: %s, text \"%.*s\"\n",
           (unsigned long long)id, n, exact ? "yes" : "no", (int)n, buf + 1);
}

/* ---- children ------------------------------------------------------------------------ */

static void misuse(int64_t arg) {
    ty_pid to;
    int which = misuse_start(arg, T_BEFORE, &to);
    uint64_t r = 0;
    char buf[64];
    switch (which) {
    case 0: r = lunatic_error_string_size(999); break;
    case 1: lunatic_error_to_string(999, buf); break;
    case 2: lunatic_error_drop(999); break;
    case 3: {   /* size of a dropped error */
        uint64_t e = spawn_error("nope");
        lunatic_error_drop(e);
        r = lunatic_error_string_size(e);
        break;
    }
    case 4: {   /* to_string of a dropped error */
        uint64_t e = spawn_error("nope");
        lunatic_error_drop(e);
        lunatic_error_to_string(e, buf);
        break;
    }
    case 5: {   /* drop twice */
        uint64_t e = spawn_error("nope");
        lunatic_error_drop(e);
        lunatic_error_drop(e);
        break;
    }
    case 6:     /* id 0: the parent's first error, not this process's */
        r = lunatic_error_string_size(0);
        break;
    }
    ty_send_raw(to, T_AFTER, &r, sizeof r);
}

static const char *const misuse_names[] = {
    "string_size(999)", "to_string(999)", "drop(999)", "string_size of a dropped error",
    "to_string of a dropped error", "drop twice", "string_size(0) in a process without errors",
};

/* ---- the tests ----------------------------------------------------------------------- */

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("-- errors from failed calls\n");
    uint64_t a = spawn_error("nope");
    show(a);
    uint64_t b = spawn_error("h\xc3\xa9llo \xe2\x82\xac");   /* "héllo €": 2- and 3-byte UTF-8 */
    show(b);
    uint64_t id = 0, node = 0;
    int32_t rc = lunatic_process_get_or_spawn("errors.c", 8, 0, -1, -1, "nope", 4, NULL, 0, &node, &id);
    printf("get_or_spawn of a missing export: rc=%d\n", rc);
    uint64_t c = id;
    show(c);
    rc = lunatic_process_compile_module("\0asm", 4, &id);
    printf("compile_module of 4 bytes: rc=%d\n", rc);
    uint64_t d = id;
    show(d);
    printf("-- several alive at once, read in any order, dropped one by one\n");
    show(b);
    show(a);
    lunatic_error_drop(a);
    lunatic_error_drop(c);
    show(d);
    show(b);
    lunatic_error_drop(b);
    lunatic_error_drop(d);
    uint64_t e = spawn_error("x");
    printf("a new error after dropping all: id %llu (ids are not reused)\n", (unsigned long long)e);
    show(e);
    lunatic_error_drop(e);
    /* An error left undropped at exit is freed with the process. */
    spawn_error("left behind");

    printf("-- misuse: the caller traps\n");
    misuse_cases(misuse_names, COUNT_OF(misuse_names), misuse, LINK_BASE, T_BEFORE, T_AFTER,
                 WAIT_MS);
    printf("done\n");
    return 0;
}
