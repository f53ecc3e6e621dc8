/* spawn_limit.c — `--max-processes 2`: the root and one child may live; a third spawn
 * fails with the limit's error text (the caller lives on), and once the child is gone
 * spawning works again. */
//! options: --max-processes 2
#include <stdio.h>

#include "tycho.h"

static void wait_forever(int64_t arg) {
    (void)arg;
    ty_receive_tag(999, TY_NO_TIMEOUT);
}
static void tell(int64_t to) { ty_send_raw((ty_pid)to, 7, "", 0); }

int main(void) {
    ty_pid a, b;
    int rc = ty_spawn(wait_forever, 0, &a);
    printf("first child: %d\n", rc);
    rc = ty_spawn(wait_forever, 0, &b);
    printf("second child: %d \"%s\"\n", rc, ty_last_error());
    rc = ty_spawn_named("limit", wait_forever, 0, &b);
    printf("get_or_spawn: %d \"%s\"\n", rc, ty_last_error());
    ty_monitor(a);
    ty_kill(a);
    rc = ty_receive(NULL, 0, 10000);
    printf("first child killed: %s\n", rc == TY_MSG_PROCESS_DIED ? "process died" : "??");
    /* The death is announced before the process stops counting: allow it a moment. */
    for (int i = 0; i < 1000 && (rc = ty_spawn(tell, (int64_t)ty_self(), &b)) != 0; i++)
        ty_sleep_ms(1);
    printf("spawn after the death: %d\n", rc);
    rc = ty_receive_tag(7, 10000);
    printf("new child ran: %s\n", rc == TY_MSG_DATA ? "yes" : "no");
    return 0;
}
