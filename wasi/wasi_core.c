/* wasi_core.c — arguments, environment, clocks, randomness, process exit and signals,
 * sched_yield and poll_oneoff. */
#include <errno.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

#include "wasi_impl.h"

/* ---- args and environ: an array of pointers into one buffer of NUL-ended strings ---- */

static tw_host_status strings_get(tw_hostcall *hc, tw_val *sp, char **v, uint32_t n) {
    tw_guest g = tw_guest_of(hc);
    uint32_t ptrs = TW_ARG32(0), buf = TW_ARG32(1);
    uint64_t total = 0;
    for (uint32_t i = 0; i < n; i++) total += strlen(v[i]) + 1;
    uint8_t *pv = tw_guest_w(&g, ptrs, (uint64_t)n * 4), *pb = tw_guest_w(&g, buf, total);
    if (!pv || !pb) RET(E_FAULT);
    uint32_t off = 0;
    for (uint32_t i = 0; i < n; i++) {
        size_t len = strlen(v[i]) + 1;
        tw_st32(pv + 4 * i, buf + off);
        memcpy(pb + off, v[i], len);
        off += (uint32_t)len;
    }
    RET(E_SUCCESS);
}

static tw_host_status sizes_get(tw_hostcall *hc, tw_val *sp, char **v, uint32_t n) {
    tw_guest g = tw_guest_of(hc);
    uint64_t total = 0;
    for (uint32_t i = 0; i < n; i++) total += strlen(v[i]) + 1;
    if (total > UINT32_MAX) RET(E_OVERFLOW);
    uint8_t *pc = tw_guest_w(&g, TW_ARG32(0), 4), *ps = tw_guest_w(&g, TW_ARG32(1), 4);
    if (!pc || !ps) RET(E_FAULT);
    tw_st32(pc, n);
    tw_st32(ps, (uint32_t)total);
    RET(E_SUCCESS);
}

WASI_FN(args_get) { return strings_get(hc, sp, W->args, W->nargs); }
WASI_FN(args_sizes_get) { return sizes_get(hc, sp, W->args, W->nargs); }
WASI_FN(environ_get) { return strings_get(hc, sp, W->env, W->nenv); }
WASI_FN(environ_sizes_get) { return sizes_get(hc, sp, W->env, W->nenv); }

/* ---- clocks ---------------------------------------------------------------------------- */

static int host_clock(uint32_t id) {
    switch (id) {
    case 0: return CLOCK_REALTIME;
    case 1: return CLOCK_MONOTONIC;
    case 2: return CLOCK_PROCESS_CPUTIME_ID;
    case 3: return CLOCK_THREAD_CPUTIME_ID;
    default: return -1;
    }
}

WASI_FN(clock_res_get) {
    tw_guest g = tw_guest_of(hc);
    int c = host_clock(TW_ARG32(0));
    struct timespec ts;
    if (c < 0) RET(E_INVAL);
    if (clock_getres(c, &ts) != 0) RET(wasi_errno(errno));
    uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    if (!tw_guest_put64(&g, TW_ARG32(1), ns ? ns : 1)) RET(E_FAULT);
    RET(E_SUCCESS);
}

WASI_FN(clock_time_get) {
    tw_guest g = tw_guest_of(hc);
    int c = host_clock(TW_ARG32(0));
    struct timespec ts;
    if (c < 0) RET(E_INVAL);
    if (clock_gettime(c, &ts) != 0) RET(wasi_errno(errno));
    if (!tw_guest_put64(&g, TW_ARG32(2), (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec)) RET(E_FAULT);
    RET(E_SUCCESS);
}

/* ---- randomness --------------------------------------------------------------------------- */

WASI_FN(random_get) {
    tw_guest g = tw_guest_of(hc);
    uint32_t len = TW_ARG32(1);
    uint8_t *p = tw_guest_w(&g, TW_ARG32(0), len);
    if (!p) RET(E_FAULT);
    while (len) {
        ssize_t n = getrandom(p, len, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            RET(wasi_errno(errno));
        }
        p += n;
        len -= (uint32_t)n;
    }
    RET(E_SUCCESS);
}

/* ---- process ------------------------------------------------------------------------------- */

/* proc_exit unwinds the guest as a trap with a message the host recognizes. */
WASI_FN(proc_exit) {
    W->exited = true;
    W->exit_code = (int)TW_ARG32(0);
    hc->trap = tw_wasi_exit_trap;
    return TW_HOST_TRAP;
}

/* A signal whose default action ends the process ends the guest (a trap); those whose
 * default is to be ignored or to stop are no-ops for a guest. */
WASI_FN(proc_raise) {
    static const char *const names[] = {
        "NONE", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
        "SEGV", "USR2", "PIPE", "ALRM", "TERM", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
        "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS"};
    uint32_t s = TW_ARG32(0);
    if (s >= sizeof names / sizeof names[0]) RET(E_INVAL);
    switch (s) {
    case 0: case 16: case 17: case 18: case 19: case 20: case 21: case 22: case 27:
        RET(E_SUCCESS);
    default:
        return tw_hostcall_trapf(hc, "wasi proc_raise: signal SIG%s", names[s]);
    }
}

/* Yields by blocking once: the host runs something else (or nothing) and re-issues. */
WASI_FN(sched_yield) {
    tw_wasi *w = W;
    wasi_wait_reset(w);
    if (w->yield_pending) {
        w->yield_pending = false;
        RET(E_SUCCESS);
    }
    w->yield_pending = true;
    w->wait_yield = true;
    return TW_HOST_BLOCK;
}

/* ---- poll_oneoff ------------------------------------------------------------------------------ */

enum { EV_CLOCK = 0, EV_FD_READ = 1, EV_FD_WRITE = 2 };
static int ioctl_fionread(int fd, int *n) { return ioctl(fd, FIONREAD, n); }

#define SUB_SIZE 48
#define EVENT_SIZE 32

static void put_event(uint8_t *ev, uint64_t userdata, uint16_t err, uint8_t type, uint64_t nbytes,
                      uint16_t flags) {
    memset(ev, 0, EVENT_SIZE);
    tw_st64(ev, userdata);
    tw_st16(ev + 8, err);
    ev[10] = type;
    tw_st64(ev + 16, nbytes);
    tw_st16(ev + 24, flags);
}

WASI_FN(poll_oneoff) {
    tw_wasi *w = W;
    tw_guest g = tw_guest_of(hc);
    uint32_t n = TW_ARG32(2);
    uint8_t *in = tw_guest_w(&g, TW_ARG32(0), (uint64_t)n * SUB_SIZE);
    uint8_t *out = tw_guest_w(&g, TW_ARG32(1), (uint64_t)n * EVENT_SIZE);
    uint8_t *nev = tw_guest_w(&g, TW_ARG32(3), 4);
    if (!in || !out || !nev) { w->poll_active = false; RET(E_FAULT); }
    if (n == 0) RET(E_INVAL);
    wasi_wait_reset(w);
    int64_t now = wasi_now(CLOCK_MONOTONIC);
    /* the same call re-issued after TW_HOST_BLOCK keeps its original start time */
    if (!w->poll_active || w->poll_in != TW_ARG32(0) || w->poll_n != n) {
        w->poll_active = true;
        w->poll_in = TW_ARG32(0);
        w->poll_n = n;
        w->poll_start = now;
    }
    uint32_t count = 0;
    int64_t deadline = -1;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *s = in + (size_t)i * SUB_SIZE;
        uint64_t ud = tw_ld64(s);
        uint8_t tag = s[8];
        uint8_t *ev = out + (size_t)count * EVENT_SIZE;
        if (tag == EV_CLOCK) {
            uint32_t id = tw_ld32(s + 16);
            uint64_t timeout = tw_ld64(s + 24);
            bool abs = tw_ld16(s + 40) & 1;
            int c = host_clock(id);
            if (c < 0) { put_event(ev, ud, E_INVAL, tag, 0, 0); count++; continue; }
            /* remaining time, measured on the subscription's own clock when absolute */
            int64_t left;
            if (abs) {
                int64_t t = c == CLOCK_MONOTONIC ? now : wasi_now(c);  /* exact on re-issue */
                left = timeout > (uint64_t)t ? (int64_t)(timeout - (uint64_t)t > INT64_MAX / 2
                                                             ? INT64_MAX / 2 : timeout - (uint64_t)t)
                                             : 0;
            } else {
                int64_t el = now - w->poll_start;
                left = timeout > (uint64_t)el ? (int64_t)(timeout - (uint64_t)el > INT64_MAX / 2
                                                              ? INT64_MAX / 2 : timeout - (uint64_t)el)
                                              : 0;
            }
            if (left <= 0) { put_event(ev, ud, 0, tag, 0, 0); count++; }
            else if (deadline < 0 || now + left < deadline) deadline = now + left;
        } else if (tag == EV_FD_READ || tag == EV_FD_WRITE) {
            wasi_fd *f;
            int e = wasi_fd_check(w, tw_ld32(s + 16), R_POLL_FD_READWRITE, &f);
            if (e) { put_event(ev, ud, (uint16_t)e, tag, 0, 0); count++; continue; }
            short want = tag == EV_FD_READ ? POLLIN : POLLOUT;
            uint64_t nbytes = 0;
            uint16_t flags = 0;
            bool ready;
            if (f->type == FT_REG) {
                ready = true;
                if (tag == EV_FD_READ) {
                    struct stat st;
                    off_t pos = lseek(f->host, 0, SEEK_CUR);
                    if (fstat(f->host, &st) == 0 && pos >= 0 && st.st_size > pos)
                        nbytes = (uint64_t)(st.st_size - pos);
                }
            } else {
                struct pollfd p = {.fd = f->host, .events = want};
                ready = poll(&p, 1, 0) > 0;
                if (ready && (p.revents & POLLHUP)) flags = 1;  /* event_rwflags.fd_readwrite_hangup */
                if (ready && tag == EV_FD_READ) {   /* what is left to read, hung up or not */
                    int avail = 0;
                    if (ioctl_fionread(f->host, &avail) == 0 && avail > 0) nbytes = (uint64_t)avail;
                }
            }
            if (ready) { put_event(ev, ud, 0, tag, nbytes, flags); count++; }
            else wasi_wait_add(w, f->host, want);
        } else {
            put_event(ev, ud, E_INVAL, tag, 0, 0);
            count++;
        }
    }
    if (count == 0) {
        w->deadline = deadline;
        return TW_HOST_BLOCK;
    }
    wasi_wait_reset(w);
    w->poll_active = false;
    tw_st32(nev, count);
    RET(E_SUCCESS);
}
