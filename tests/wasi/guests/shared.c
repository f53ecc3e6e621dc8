/* shared.c — the guest of test_shared.c: raw WASI calls, no libc (built with
 * clang --target=wasm32-wasi -O2 -nostdlib -Wl,--no-entry, see mk/wasi.mk). Each export
 * makes one or two calls and returns what the host test checks. */
#include <stdint.h>

#define WASI(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
WASI(args_sizes_get) int32_t args_sizes_get(uint32_t *argc, uint32_t *bufsize);
WASI(args_get) int32_t args_get(char **argv, char *buf);
WASI(poll_oneoff) int32_t poll_oneoff(const void *in, void *out, uint32_t n, uint32_t *nevents);
WASI(sched_yield) int32_t sched_yield(void);
WASI(fd_close) int32_t fd_close(int32_t fd);
WASI(proc_exit) _Noreturn void proc_exit(int32_t code);

#define EXPORT(name) __attribute__((export_name(#name)))

static char *argv[64];
static char buf[4096];
static char joined[4096 + 64];

/* The arguments joined with '|' (NUL-ended); 0 on error or if they do not fit. */
EXPORT(join_args) char *join_args(void) {
    uint32_t argc, size;
    if (args_sizes_get(&argc, &size) || argc > 64 || size > sizeof buf) return 0;
    if (args_get(argv, buf)) return 0;
    char *d = joined;
    for (uint32_t i = 0; i < argc; i++) {
        if (i) *d++ = '|';
        for (const char *s = argv[i]; *s; s++) *d++ = *s;
    }
    *d = 0;
    return joined;
}

/* subscription and event of preview 1 */
typedef struct {
    uint64_t userdata;
    uint8_t tag, pad[7];
    union {
        struct { uint32_t id; uint64_t timeout, precision; uint16_t flags; } clock;
        struct { uint32_t fd; } fd;
    } u;
} sub;
typedef struct {
    uint64_t userdata;
    uint16_t error;
    uint8_t type;
    uint8_t pad[5];
    uint64_t nbytes;
    uint16_t flags;
    uint8_t pad2[6];
} event;
_Static_assert(sizeof(sub) == 48 && sizeof(event) == 32, "preview 1 layout");

static sub subs[2];
static event evs[2];

static void clock_sub(sub *s, uint64_t ud, uint64_t ns) {
    s->userdata = ud;
    s->tag = 0;
    s->u.clock.id = 1;          /* monotonic */
    s->u.clock.timeout = ns;
    s->u.clock.precision = 0;
    s->u.clock.flags = 0;       /* relative */
}

/* Sleeps ns on the monotonic clock: the number of events, or -errno. */
EXPORT(sleep_ns) int32_t sleep_ns(int64_t ns) {
    clock_sub(&subs[0], 7, (uint64_t)ns);
    uint32_t n = 0;
    int32_t e = poll_oneoff(subs, evs, 1, &n);
    return e ? -e : (int32_t)n;
}

/* Waits for stdin to be readable, or ns: 100 * events + userdata of the first (1 for
 * stdin, 2 for the clock), or -errno. */
EXPORT(wait_stdin) int32_t wait_stdin(int64_t ns) {
    subs[0].userdata = 1;
    subs[0].tag = 1;            /* fd_read */
    subs[0].u.fd.fd = 0;
    clock_sub(&subs[1], 2, (uint64_t)ns);
    uint32_t n = 0;
    int32_t e = poll_oneoff(subs, evs, 2, &n);
    if (e) return -e;
    if (n && evs[0].error) return -(int32_t)evs[0].error;
    return (int32_t)(100 * n + (n ? evs[0].userdata : 0));
}

EXPORT(yield) int32_t yield(void) { return sched_yield(); }
EXPORT(close_fd) int32_t close_fd(int32_t fd) { return fd_close(fd); }
EXPORT(quit) void quit(int32_t code) { proc_exit(code); }
