/* scheduling.c — what the run queues promise (runtime/sched.c), on one worker:
 *  - a tree of processes that spawn and wait for their children runs depth first:
 *    11,111 processes (10 children per node, 4 levels) complete under
 *    --max-processes 100 (breadth first, the limit would stop the first 10,000 leaves);
 *  - a process spawned early still starts while an endless-looking chain of spawns
 *    (each process spawns the next and returns, 300,000 of them) is running: the chain
 *    is on top of it on the worker's stack, and the age rule takes it first. */
//! options: --workers 1 --max-processes 100
#include <stdio.h>

#include "harness.h"

enum { TAG_SUM = 1, TAG_FAIL, TAG_HELLO, TAG_DONE };

/* arg = reply-to pid << 28 | level << 24 | first leaf number. A failed spawn is
 * reported to the root (pid 1: the first process). */
static void node(int64_t arg) {
    uint64_t a = (uint64_t)arg, level = (a >> 24) & 0xF, num = a & 0xFFFFFF;
    ty_pid parent = a >> 28;
    if (level == 0) {
        send_u64(parent, TAG_SUM, num);
        return;
    }
    uint64_t size = 1;
    for (uint64_t l = 1; l < level; l++) size *= 10;
    for (uint64_t i = 0; i < 10; i++) {
        ty_pid child;
        if (ty_spawn(node, (int64_t)(ty_self() << 28 | (level - 1) << 24 | (num + i * size)),
                     &child) != 0) {
            send_u64(1, TAG_FAIL, 0);
            return;
        }
    }
    uint64_t sum = 0;
    for (int i = 0; i < 10; i++) {
        if (ty_receive_tag(TAG_SUM, TY_NO_TIMEOUT) != TY_MSG_DATA) return;
        sum += msg_u64();
    }
    send_u64(parent, TAG_SUM, sum);
}

static void hello(int64_t to) { send_u64((ty_pid)to, TAG_HELLO, 0); }

/* arg = root pid << 24 | spawns still to make */
static void chain(int64_t arg) {
    uint64_t left = (uint64_t)arg & 0xFFFFFF;
    ty_pid to = (uint64_t)arg >> 24;
    ty_pid next;
    if (left == 0) send_u64(to, TAG_DONE, 0);
    else if (ty_spawn(chain, arg - 1, &next) != 0) send_u64(to, TAG_FAIL, left);
}

int main(void) {
    ty_pid root = ty_self();
    if (root != 1) return 2;
    ty_pid p;
    if (ty_spawn(node, (int64_t)(root << 28 | 4ull << 24), &p) != 0) return 3;
    static const int64_t tree_tags[] = {TAG_SUM, TAG_FAIL};
    int rc = ty_receive(tree_tags, 2, 60000);
    if (rc == TY_MSG_DATA && ty_msg_tag() == TAG_SUM)
        printf("tree of 11111 processes under --max-processes 100: sum %llu\n",
               (unsigned long long)msg_u64());
    else
        printf("tree: %s, tag %lld (the process limit stopped it)\n", recv_name(rc),
               (long long)(rc == TY_MSG_DATA ? ty_msg_tag() : 0));

    if (ty_spawn(hello, (int64_t)root, &p) != 0 ||
        ty_spawn(chain, (int64_t)(root << 24 | 300000), &p) != 0)
        return 4;
    static const int64_t chain_tags[] = {TAG_HELLO, TAG_DONE, TAG_FAIL};
    for (int i = 0; i < 2; i++) {
        rc = ty_receive(chain_tags, 3, 60000);
        int64_t tag = rc == TY_MSG_DATA ? ty_msg_tag() : 0;
        printf("%d: %s\n", i + 1,
               tag == TAG_HELLO  ? "the early process started"
               : tag == TAG_DONE ? "the chain of 300000 spawns ended"
               : tag == TAG_FAIL ? "a spawn in the chain failed"
                                 : recv_name(rc));
    }
    return 0;
}
