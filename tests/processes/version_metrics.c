/* version_metrics.c — lunatic::version (0.13.2, in the root and in a child) and every
 * lunatic::metrics function, checked through `--metrics`, which prints the figures on
 * stderr when tycho ends: counters (counter adds, increment_counter adds 1), gauges (set,
 * increment, decrement; a new name starts at 0), histograms (count, sum, min, max),
 * metrics recorded by several processes, one name used by two kinds, unusual names; a
 * name that is not UTF-8 traps (seen through a link). */
//! options: --metrics
#include <stdio.h>
#include <string.h>

#include "tycho.h"

#define T_VERSION 1
#define WAIT_MS   10000

static void child_version(int64_t to) {
    uint32_t v[3] = {lunatic_version_major(), lunatic_version_minor(), lunatic_version_patch()};
    ty_send_raw((ty_pid)to, T_VERSION, v, sizeof v);
}

static void child_metrics(int64_t arg) {
    for (int i = 0; i < 10; i++) ty_metric_increment_counter("requests");
    ty_metric_histogram("latency", (double)arg);
    ty_metric_increment_gauge("temperature", 1);
}

static void child_bad_name(int64_t arg) {
    (void)arg;
    lunatic_metrics_increment_counter("bad \xff name", 10);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    uint32_t major, minor, patch;
    ty_runtime_version(&major, &minor, &patch);
    printf("version: %u.%u.%u\n", major, minor, patch);
    ty_pid pid;
    ty_spawn(child_version, (int64_t)ty_self(), &pid);
    if (ty_receive_tag(T_VERSION, WAIT_MS) == TY_MSG_DATA) {
        uint32_t v[3] = {0, 0, 0};
        ty_read_raw(v, sizeof v);
        printf("a child's version: %u.%u.%u\n", v[0], v[1], v[2]);
    }

    ty_metric_counter("requests", 3);
    ty_metric_counter("requests", 4);
    ty_metric_increment_counter("requests");
    ty_metric_counter("requests", 0);
    ty_metric_counter("big counter", (uint64_t)1 << 53);
    ty_metric_counter("huge counter", UINT64_MAX);

    ty_metric_gauge("temperature", 21.5);
    ty_metric_increment_gauge("temperature", 1.25);
    ty_metric_decrement_gauge("temperature", 0.75);
    ty_metric_increment_gauge("fresh increment", 2.5);
    ty_metric_decrement_gauge("fresh decrement", 1);
    ty_metric_gauge("overwritten", 5);
    ty_metric_gauge("overwritten", -0.125);

    ty_metric_histogram("latency", 1);
    ty_metric_histogram("latency", 3.5);
    ty_metric_histogram("latency", -4);
    ty_metric_histogram("single", 0.1);

    ty_metric_counter("shared name", 2);   /* a counter and a gauge of the same name */
    ty_metric_gauge("shared name", 9);
    ty_metric_increment_counter("");       /* the empty name */
    ty_metric_gauge("\xc3\xbcnic\xc3\xb6" "de / with spaces", 1e-3);
    lunatic_metrics_counter("counted by its length only", 7, 1);   /* "counted" */

    /* Two children add to the same metrics; the root waits for both to end. */
    ty_pid a, b;
    ty_spawn(child_metrics, 10, &a);
    ty_spawn(child_metrics, 20, &b);
    ty_monitor(a);
    ty_monitor(b);
    ty_receive(NULL, 0, WAIT_MS);
    ty_receive(NULL, 0, WAIT_MS);

    ty_die_when_link_dies(0);
    ty_spawn_link(5, child_bad_name, 0, &pid);
    int rc = ty_receive_tag(5, WAIT_MS);
    printf("a metric name that is not UTF-8: %s\n", rc == TY_MSG_LINK_DIED ? "the child died" : "??");
    printf("done (the figures follow, from tycho, on stderr)\n");
    return 0;
}
