/* metrics.c — lunatic::metrics: recorded by name, printed at exit with --metrics. */
#include "host.h"

static tw_host_status record(tw_hostcall *hc, tw_val *sp, int kind, double v, const char *fname) {
    uint8_t *name = tw_hostcall_r(hc, TW_ARG32(0), TW_ARG32(1));
    if (!name) return TW_GUEST_OOB(fname);
    if (!tw_utf8_valid(name, TW_ARG32(1))) return tw_hostcall_trapf(hc, "%s: name is not valid UTF-8", fname);
    tr_metric(tr_process_runtime(SELF), kind, (const char *)name, TW_ARG32(1), v);
    return TW_HOST_OK;
}

static double f64_arg(tw_val v) {
    double d;
    memcpy(&d, &v, sizeof d);
    return d;
}

HOST_FN(counter) { return record(hc, sp, TR_METRIC_COUNTER, (double)TW_ARG64(2), "lunatic::metrics::counter"); }
HOST_FN(increment_counter) { return record(hc, sp, TR_METRIC_INC_COUNTER, 1, "lunatic::metrics::increment_counter"); }
HOST_FN(gauge) { return record(hc, sp, TR_METRIC_GAUGE, f64_arg(sp[2]), "lunatic::metrics::gauge"); }
HOST_FN(increment_gauge) { return record(hc, sp, TR_METRIC_INC_GAUGE, f64_arg(sp[2]), "lunatic::metrics::increment_gauge"); }
HOST_FN(decrement_gauge) { return record(hc, sp, TR_METRIC_DEC_GAUGE, f64_arg(sp[2]), "lunatic::metrics::decrement_gauge"); }
HOST_FN(histogram) { return record(hc, sp, TR_METRIC_HISTOGRAM, f64_arg(sp[2]), "lunatic::metrics::histogram"); }

#define MT(name, sig) {"lunatic::metrics", #name, sig, name}
const tw_hostdef host_metrics[] = {
    MT(counter, "iiI:"),
    MT(increment_counter, "ii:"),
    MT(gauge, "iid:"),
    MT(increment_gauge, "iid:"),
    MT(decrement_gauge, "iid:"),
    MT(histogram, "iid:"),
    {0},
};
