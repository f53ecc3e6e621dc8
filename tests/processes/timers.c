/* timers.c — lunatic::timer: send_after delivers the scratch message after the delay
 * (never before), timer ids are per process from 0, cancel_timer before delivery (1, and
 * the message never comes), after delivery (0), twice (0), of an unknown id (0); a timer
 * aimed at a process that dies never delivers (nothing happens); a timer set by a
 * process that has since died still fires (Lunatic's behaviour). Only the root prints. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "harness.h"

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static uint64_t timer_u64(ty_pid to, int64_t tag, uint64_t v, uint64_t delay) {
    ty_msg_begin(tag);
    ty_msg_u64(v);
    return lunatic_timer_send_after(to, delay);
}

/* Sets a timer to the root (arg) in 500 ms, tagged 40, and sends its timer id tagged 41
 * now, then returns: it is long dead when the timer fires. */
static void timer_setter(int64_t root) {
    uint64_t id = timer_u64((ty_pid)root, 40, 1234, 500);
    ty_msg_begin(41);
    ty_msg_u64(id);
    ty_send((ty_pid)root);
}

/* Receives anything: counts what it gets, forever; reports the count on tag 50. */
static void counter(int64_t root) {
    uint64_t n = 0;
    for (;;) {
        int64_t tags[] = {49, 50};
        if (ty_receive(tags, 2, TY_NO_TIMEOUT) != TY_MSG_DATA) abort();
        if (ty_msg_tag() == 50) {
            ty_msg_begin(51);
            ty_msg_u64(n);
            ty_send((ty_pid)root);
        } else {
            n++;
        }
    }
}

static void waits(int64_t a) {
    (void)a;
    ty_receive(NULL, 0, TY_NO_TIMEOUT);
}

int main(void) {
    ty_pid self = ty_self();

    /* 1. Delivery after the delay, measured. Ids count from 0 per process. */
    double t = now_ms();
    uint64_t id0 = timer_u64(self, 1, 111, 50);
    int rc = ty_receive_tag(1, 10000);
    double dt = now_ms() - t;
    printf("timer id %llu: receive=%d value=%llu (%s)\n", (unsigned long long)id0, rc,
           (unsigned long long)msg_u64(), dt >= 50 && dt < 5000 ? "not before 50 ms" : "WRONG TIME");
    timer_u64(self, 9, 0, 0);
    size_t size = ty_msg_size();
    printf("scratch consumed by send_after: size=%zu tag=%lld\n", size, (long long)ty_msg_tag());
    printf("delay 0: %d\n", ty_receive_tag(9, 10000));   /* (timer id 1) */
    /* Several timers deliver in deadline order, whatever the order they were set in. */
    timer_u64(self, 2, 3, 300);            /* id 2 */
    timer_u64(self, 2, 1, 100);            /* id 3 */
    timer_u64(self, 2, 2, 200);            /* id 4 */
    for (int i = 0; i < 3; i++) {
        rc = ty_receive_tag(2, 10000);
        printf("ordered %d: %d value=%llu\n", i, rc, (unsigned long long)msg_u64());
    }

    /* 2. Cancel before delivery: 1, and the message never comes. */
    uint64_t id = timer_u64(self, 3, 333, 150);
    printf("timer id %llu\n", (unsigned long long)id);
    printf("cancel before delivery: %d\n", lunatic_timer_cancel_timer(id));
    printf("cancel again: %d\n", lunatic_timer_cancel_timer(id));
    t = now_ms();
    rc = ty_receive_tag(3, 400);
    dt = now_ms() - t;
    printf("the cancelled message: %d (%s)\n", rc, dt >= 400 ? "waited 400 ms" : "WRONG TIME");

    /* 3. Cancel after delivery: 0 (the message is in the mailbox, not taken back). */
    id = timer_u64(self, 4, 444, 10);
    ty_sleep_ms(300);
    printf("cancel after delivery: %d\n", lunatic_timer_cancel_timer(id));
    rc = ty_receive_tag(4, 0);
    printf("delivered message still there: %d value=%llu\n", rc, (unsigned long long)msg_u64());
    id = timer_u64(self, 5, 555, 10);
    rc = ty_receive_tag(5, 10000);
    printf("received, then cancel: %d %d\n", rc, lunatic_timer_cancel_timer(id));

    /* A delay too long to ever end (u64::MAX ms) can be cancelled; one left pending at
     * exit is simply dropped. */
    id = timer_u64(self, 7, 777, UINT64_MAX);
    printf("cancel a u64::MAX timer: %d\n", lunatic_timer_cancel_timer(id));
    timer_u64(self, 7, 778, UINT64_MAX - 1);

    /* 4. Unknown ids: 0, nothing happens. */
    printf("cancel unknown id 12345: %d\n", lunatic_timer_cancel_timer(12345));
    printf("cancel id -1: %d\n", lunatic_timer_cancel_timer(UINT64_MAX));

    /* 5. A timer aimed at a process that dies before it fires: nothing happens (it is
     * dropped; no crash). A counter process shows the same message would arrive at a
     * live one. */
    ty_pid cnt, victim;
    if (ty_spawn(counter, (int64_t)self, &cnt)) return 1;
    if (ty_spawn(waits, 0, &victim)) return 1;
    uint64_t tv = timer_u64(victim, 49, 0, 200);
    uint64_t tc = timer_u64(cnt, 49, 0, 200);
    ty_monitor(victim);
    ty_kill(victim);
    rc = ty_receive(NULL, 0, 10000);
    printf("victim killed: %d\n", rc);
    ty_msg_begin(50);                      /* the count query: after the tag-49 timer */
    lunatic_timer_send_after(cnt, 250);
    rc = ty_receive_tag(51, 10000);
    printf("counter got %llu timer message(s)\n", (unsigned long long)msg_u64());
    printf("cancel the fired timers: %d %d\n", lunatic_timer_cancel_timer(tv),
           lunatic_timer_cancel_timer(tc));
    /* Aimed at a pid that has already died / never existed: also nothing. */
    timer_u64(victim, 49, 0, 0);
    timer_u64(987654321, 49, 0, 0);
    ty_sleep_ms(50);

    /* 6. A timer set by a process that died since still fires. */
    ty_pid setter;
    if (ty_spawn(timer_setter, (int64_t)self, &setter)) return 1;
    ty_monitor(setter);
    rc = ty_receive_tag(41, 10000);
    printf("setter's timer id: %llu (its own table)\n", (unsigned long long)msg_u64());
    rc = ty_receive(NULL, 0, 10000);
    printf("first: %d (the setter's ProcessDied: %d)\n", rc, rc == TY_MSG_PROCESS_DIED && ty_msg_dead_pid() == setter);
    rc = ty_receive(NULL, 0, 10000);
    printf("then: %d tag=%lld value=%llu\n", rc, (long long)ty_msg_tag(), (unsigned long long)msg_u64());

    /* 7. Many timers at once, all delivered. */
    for (int i = 0; i < 200; i++) timer_u64(self, 6, (uint64_t)i, (uint64_t)(i % 20));
    uint64_t sum = 0;
    int n = 0;
    while (ty_receive_tag(6, 5000) == TY_MSG_DATA) {
        sum += msg_u64();
        if (++n == 200) break;
    }
    printf("200 timers: %d received, sum %llu\n", n, (unsigned long long)sum);
    rc = ty_receive(NULL, 0, 0);
    printf("at the end: %d\n", rc);
    return 0;
}
