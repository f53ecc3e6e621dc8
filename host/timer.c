/* timer.c — lunatic::timer: deliver the scratch message later; cancel. */
#include "host.h"

HOST_FN(send_after) {
    tr_process *p = SELF;
    tr_message *m = tr_scratch_take(p);
    if (!m) return tw_hostcall_trapf(hc, "lunatic::timer::send_after: no message (call create_data first)");
    uint64_t id = tr_send_after(p, ARG64(0), ARG64(1), m);
    if (id == UINT64_MAX) return tw_hostcall_trapf(hc, "lunatic::timer::send_after: out of memory");
    RET64(id);
    return TW_HOST_OK;
}

HOST_FN(cancel_timer) {
    RET32(tr_cancel_timer(SELF, ARG64(0)));
    return TW_HOST_OK;
}

const tr_hostdef host_timer[] = {
    {"lunatic::timer", "send_after", "II:I", send_after},
    {"lunatic::timer", "cancel_timer", "I:i", cancel_timer},
    {0},
};
