/* timer.c — lunatic::timer: deliver the scratch message later; cancel. */
#include "host.h"

HOST_FN(send_after) {
    tr_process *p = SELF;
    tr_message *m = tr_scratch_take(p);
    if (!m) return tw_hostcall_trapf(hc, "lunatic::timer::send_after: no message (call create_data first)");
    uint64_t id = tr_send_after(p, TW_ARG64(0), TW_ARG64(1), m);
    if (id == UINT64_MAX) return tw_hostcall_trapf(hc, "lunatic::timer::send_after: out of memory");
    TW_RET64(id);
    return TW_HOST_OK;
}

HOST_FN(cancel_timer) {
    TW_RET32(tr_cancel_timer(SELF, TW_ARG64(0)));
    return TW_HOST_OK;
}

const tw_hostdef host_timer[] = {
    {"lunatic::timer", "send_after", "II:I", send_after},
    {"lunatic::timer", "cancel_timer", "I:i", cancel_timer},
    {0},
};
