/* error.c — lunatic::error: error resources (what a failed call wrote instead of an id). */
#include <string.h>

#include "host.h"

static const char *error_arg(tw_hostcall *hc, uint64_t id, const char *fname) {
    const char *e = tr_res_get(SELF, TR_TAB_ERROR, id);
    if (!e) tw_hostcall_trapf(hc, "%s: unknown error id %llu", fname, (unsigned long long)id);
    return e;
}

HOST_FN(string_size) {
    const char *e = error_arg(hc, TW_ARG64(0), "lunatic::error::string_size");
    if (!e) return TW_HOST_TRAP;
    TW_RET32(strlen(e));
    return TW_HOST_OK;
}

HOST_FN(to_string) {
    const char *e = error_arg(hc, TW_ARG64(0), "lunatic::error::to_string");
    if (!e) return TW_HOST_TRAP;
    size_t n = strlen(e);
    uint8_t *dst = tw_hostcall_w(hc, TW_ARG32(1), n);
    if (!dst) return TW_GUEST_OOB("lunatic::error::to_string");
    memcpy(dst, e, n);
    return TW_HOST_OK;
}

HOST_FN(drop) {
    if (!tr_res_drop(SELF, TR_TAB_ERROR, TW_ARG64(0)))
        return tw_hostcall_trapf(hc, "lunatic::error::drop: unknown error id %llu",
                                 (unsigned long long)TW_ARG64(0));
    return TW_HOST_OK;
}

const tw_hostdef host_error[] = {
    {"lunatic::error", "string_size", "I:i", string_size},
    {"lunatic::error", "to_string", "Ii:", to_string},
    {"lunatic::error", "drop", "I:", drop},
    {0},
};
