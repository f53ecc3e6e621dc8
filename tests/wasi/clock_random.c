/* clock_random.c — clocks, randomness, poll_oneoff timeouts and sched_yield. */
#include <sched.h>
#include <string.h>
#include <time.h>
#include "check.h"

int main(void) {
    __wasi_timestamp_t prev = 0, t, res;
    int mono = 1;
    for (int i = 0; i < 10000; i++) {
        if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t) || t < prev) mono = 0;
        prev = t;
    }
    SHOW("monotonic never goes back", mono);
    SHOW("realtime", __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &t));
    SHOW("realtime after 2020", t > 1577836800000000000ull);
    SHOW("process cpu", __wasi_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 1, &t));
    SHOW("thread cpu", __wasi_clock_time_get(__WASI_CLOCKID_THREAD_CPUTIME_ID, 1, &t));
    SHOW("bad clock", __wasi_clock_time_get(7, 1, &t));
    SHOW("res monotonic", __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &res));
    SHOW("res positive", res > 0);
    SHOW("res bad clock", __wasi_clock_res_get(9, &res));

    uint8_t a[256], b[256];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    SHOW("random_get", __wasi_random_get(a, sizeof a));
    SHOW("random_get again", __wasi_random_get(b, sizeof b));
    int zeros = 0;
    for (int i = 0; i < 256; i++) zeros += a[i] == 0;
    SHOW("few zero bytes", zeros < 16);
    SHOW("two draws differ", memcmp(a, b, sizeof a) != 0);
    SHOW("random_get 0 bytes", __wasi_random_get(a, 0));

    /* poll_oneoff: a 20 ms relative timeout, then an absolute one in the past */
    __wasi_timestamp_t t0, t1;
    (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t0);
    __wasi_subscription_t sub = {.userdata = 42, .u.tag = __WASI_EVENTTYPE_CLOCK,
        .u.u.clock = {.id = __WASI_CLOCKID_MONOTONIC, .timeout = 20000000}};
    __wasi_event_t ev;
    size_t nev = 0;
    SHOW("poll_oneoff", __wasi_poll_oneoff(&sub, &ev, 1, &nev));
    (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t1);
    SHOW("events", nev);
    SHOW("userdata", ev.userdata);
    SHOW("event type", ev.type);
    SHOW("waited >= 20 ms", t1 - t0 >= 20000000);
    SHOW("waited < 2 s", t1 - t0 < 2000000000);
    sub.u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
    sub.u.u.clock.timeout = 1;
    SHOW("poll abstime past", __wasi_poll_oneoff(&sub, &ev, 1, &nev));
    SHOW("events", nev);
    SHOW("poll nothing", __wasi_poll_oneoff(&sub, &ev, 0, &nev));
    struct timespec ts = {0, 5000000};
    SHOW("nanosleep", nanosleep(&ts, NULL));
    SHOW("sched_yield", sched_yield());
    /* stdout is always writable: an fd subscription beside a long timeout */
    __wasi_subscription_t two[2] = {
        {.userdata = 1, .u.tag = __WASI_EVENTTYPE_CLOCK,
         .u.u.clock = {.id = __WASI_CLOCKID_MONOTONIC, .timeout = 10000000000ull}},
        {.userdata = 2, .u.tag = __WASI_EVENTTYPE_FD_WRITE, .u.u.fd_write = {.file_descriptor = 1}}};
    __wasi_event_t evs[2];
    SHOW("poll fd", __wasi_poll_oneoff(two, evs, 2, &nev));
    SHOW("events", nev);
    SHOW("userdata", evs[0].userdata);
    two[1].u.u.fd_write.file_descriptor = 77;
    SHOW("poll bad fd", __wasi_poll_oneoff(two, evs, 2, &nev));
    SHOW("event error", evs[0].error);
    return 0;
}
