/* supervisor.c — a one-for-one supervisor run in the calling process (see tycho.h). */
#define _POSIX_C_SOURCE 200809L   /* clock_gettime under -std=c11 */
#include <stdlib.h>
#include <time.h>

#include "internal.h"

typedef struct {
    const ty_child_spec *spec;
    size_t n;
    ty_pid *pids;          /* current pid of each child; 0 = not running */
    uint64_t *stamps;      /* ring of the last max_restarts + 1 restart times (ns) */
    size_t cap, count, head;
    uint64_t period_ns;
} sup_state;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Records a restart; false if that makes more than max_restarts within the period, i.e.
 * if the oldest of the last max_restarts + 1 restarts is younger than period. */
static int restart_allowed(sup_state *s) {
    uint64_t now = now_ns();
    s->stamps[s->head] = now;
    s->head = (s->head + 1) % s->cap;
    if (s->count < s->cap) s->count++;
    return !(s->count == s->cap && now - s->stamps[s->head] < s->period_ns);
}

/* Spawned first, registered after: a lookup in between finds the old name or nothing. */
static int start_child(sup_state *s, size_t i) {
    ty_pid pid = 0;
    s->pids[i] = 0;
    int rc = ty_spawn_link(TY_SUP_CHILD_TAG(i), s->spec[i].fn, s->spec[i].arg, &pid);
    if (rc) return rc;
    s->pids[i] = pid;
    if (s->spec[i].name) ty_register(s->spec[i].name, pid);
    return TY_OK;
}

static void answer_query(sup_state *s) {
    ty_reply_to from;
    uint64_t index;
    if (ty_read_request(&from) != TY_OK) return;
    if (ty_read_u64(&index) == TY_OK && index < s->n && s->pids[index] &&
        ty_exists(s->pids[index]))
        ty_reply(&from, &s->pids[index], sizeof(ty_pid));
    else
        ty_reply(&from, NULL, 0);
}

/* Unlinks (so no LinkDied comes back) and kills every child, then drops the LinkDied
 * messages of children that died before they were unlinked. */
static void stop_children(sup_state *s) {
    for (size_t i = 0; i < s->n; i++) {
        if (!s->pids[i]) continue;
        ty_unlink(s->pids[i]);
        ty_kill(s->pids[i]);
        s->pids[i] = 0;
    }
    int64_t *tags = malloc(s->n * sizeof *tags);
    if (!tags) return;
    for (size_t i = 0; i < s->n; i++) tags[i] = TY_SUP_CHILD_TAG(i);
    while (ty_receive(tags, s->n, 0) == TY_MSG_LINK_DIED) {}
    free(tags);
}

int ty_supervise(const ty_child_spec *children, size_t n, int max_restarts, uint64_t period_ms) {
    if (!children || n == 0 || n > UINT32_MAX || max_restarts < 0)
        return ty__fail(TY_EINVAL, "ty_supervise: no children, or max_restarts < 0");
    for (size_t i = 0; i < n; i++)
        if (!children[i].fn) return ty__fail(TY_EINVAL, "ty_supervise: a child has no function");

    sup_state s = { .spec = children, .n = n, .cap = (size_t)max_restarts + 1 };
    s.period_ns = period_ms > UINT64_MAX / 1000000 ? UINT64_MAX : period_ms * 1000000;
    s.pids = calloc(n, sizeof *s.pids);
    s.stamps = calloc(s.cap, sizeof *s.stamps);
    if (!s.pids || !s.stamps) {
        free(s.pids);
        free(s.stamps);
        return ty__fail(TY_ENOMEM, "ty_supervise: out of memory");
    }

    ty_die_when_link_dies(0);
    int rc = TY_OK;
    ty_reply_to stopper = { 0, 0 };
    for (size_t i = 0; i < n && rc == TY_OK; i++) rc = start_child(&s, i);

    while (rc == TY_OK) {
        /* Everything: the LinkDied of a non-child (e.g. our parent) has tag 0, which no
         * tag-selective receive can match. */
        int code = ty_receive(NULL, 0, TY_NO_TIMEOUT);
        int64_t tag = ty_msg_tag();
        if (code == TY_MSG_LINK_DIED) {
            uint64_t i = (uint64_t)tag - (uint64_t)TY_SUP_CHILD_TAG(0);
            if (tag < TY_SUP_CHILD_TAG(0) || i >= n) {
                rc = ty__fail(TY_ELINK, "supervisor: a linked process that is not a child failed");
            } else {
                s.pids[i] = 0;
                if (!restart_allowed(&s))
                    rc = ty__fail(TY_ERESTARTS, "supervisor: too many restarts within the period");
                else
                    rc = start_child(&s, (size_t)i);
            }
        } else if (code == TY_MSG_DATA && tag == TY_SUP_QUERY_TAG) {
            answer_query(&s);
        } else if (code == TY_MSG_DATA && tag == TY_SUP_STOP_TAG) {
            if (ty_read_request(&stopper) != TY_OK) stopper.pid = 0;
            break;
        }
        /* Anything else is not for the supervisor: dropped. */
    }

    stop_children(&s);
    ty_die_when_link_dies(1);
    if (stopper.pid) ty_reply(&stopper, NULL, 0);
    free(s.pids);
    free(s.stamps);
    return rc;
}

int ty_supervisor_child(ty_pid sup, size_t index, ty_pid *child, uint64_t timeout_ms) {
    uint64_t i = index;
    ty_pid pid = 0;
    size_t got = 0;
    int rc = ty_request(sup, TY_SUP_QUERY_TAG, &i, sizeof i, &pid, sizeof pid, timeout_ms, &got);
    if (rc) return rc;
    if (got != sizeof pid) return ty__fail(TY_ENOTFOUND, "the supervisor has no such running child");
    if (child) *child = pid;
    return TY_OK;
}

int ty_supervisor_stop(ty_pid sup, uint64_t timeout_ms) {
    if (timeout_ms == 0) {
        /* Fire and forget: reply-to pid 0 tells the supervisor not to answer. */
        uint64_t header[2] = { 0, 0 };
        ty_send_raw(sup, TY_SUP_STOP_TAG, header, sizeof header);
        return TY_OK;
    }
    return ty_request(sup, TY_SUP_STOP_TAG, NULL, 0, NULL, 0, timeout_ms, NULL);
}
