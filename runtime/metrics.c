/* metrics.c — lunatic::metrics: counters, gauges and histograms kept by name, printed
 * at exit with `tycho run --metrics` (Lunatic exports them to Prometheus; that comes
 * with the control plane). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "metrics.h"

typedef struct metric {
    struct metric *next;
    int kind;                 /* 0 counter, 1 gauge, 2 histogram */
    double value;             /* counter / gauge */
    double sum, min, max;     /* histogram */
    uint64_t count;
    char name[];
} metric;

struct tr_metrics {
    pthread_mutex_t lock;
    metric *list;
};

static pthread_mutex_t create_lock = PTHREAD_MUTEX_INITIALIZER;

void tr_metric(tr_runtime *rt, int kind, const char *name, size_t len, double v) {
    pthread_mutex_lock(&create_lock);
    if (!rt->metrics && (rt->metrics = calloc(1, sizeof *rt->metrics)))
        pthread_mutex_init(&rt->metrics->lock, NULL);
    pthread_mutex_unlock(&create_lock);
    struct tr_metrics *ms = rt->metrics;
    if (!ms) return;   /* out of memory: the figure is lost (metrics are best effort) */
    int k = kind == TR_METRIC_HISTOGRAM ? 2
          : kind == TR_METRIC_COUNTER || kind == TR_METRIC_INC_COUNTER ? 0 : 1;
    pthread_mutex_lock(&ms->lock);
    metric *m = ms->list;
    while (m && !(m->kind == k && strlen(m->name) == len && !memcmp(m->name, name, len)))
        m = m->next;
    if (!m && (m = calloc(1, sizeof *m + len + 1))) {
        m->kind = k;
        memcpy(m->name, name, len);
        m->next = ms->list;
        ms->list = m;
    }
    if (m) switch (kind) {
    case TR_METRIC_COUNTER: m->value += v; break;
    case TR_METRIC_INC_COUNTER: m->value += 1; break;
    case TR_METRIC_GAUGE: m->value = v; break;
    case TR_METRIC_INC_GAUGE: m->value += v; break;
    case TR_METRIC_DEC_GAUGE: m->value -= v; break;
    case TR_METRIC_HISTOGRAM:
        if (!m->count || v < m->min) m->min = v;
        if (!m->count || v > m->max) m->max = v;
        m->sum += v;
        m->count++;
        break;
    }
    pthread_mutex_unlock(&ms->lock);
}

static int by_name(const void *a, const void *b) {
    const metric *x = *(metric *const *)a, *y = *(metric *const *)b;
    int c = strcmp(x->name, y->name);
    return c ? c : x->kind - y->kind;
}

void tr_metrics_print(tr_runtime *rt) {
    struct tr_metrics *ms = rt->metrics;
    size_t n = 0;
    for (metric *m = ms ? ms->list : NULL; m; m = m->next) n++;
    fprintf(stderr, "metrics: %zu\n", n);
    if (!n) return;
    metric **v = malloc(n * sizeof *v);
    if (!v) return;
    n = 0;
    for (metric *m = ms->list; m; m = m->next) v[n++] = m;
    qsort(v, n, sizeof *v, by_name);
    for (size_t i = 0; i < n; i++) {
        metric *m = v[i];
        if (m->kind == 0) fprintf(stderr, "  counter   %s = %.17g\n", m->name, m->value);
        else if (m->kind == 1) fprintf(stderr, "  gauge     %s = %.17g\n", m->name, m->value);
        else
            fprintf(stderr, "  histogram %s: count %llu, sum %.17g, min %.17g, max %.17g\n",
                    m->name, (unsigned long long)m->count, m->sum, m->min, m->max);
    }
    free(v);
}

void tr_metrics_free(tr_runtime *rt) {
    struct tr_metrics *ms = rt->metrics;
    if (!ms) return;
    for (metric *m = ms->list, *nx; m; m = nx) {
        nx = m->next;
        free(m);
    }
    pthread_mutex_destroy(&ms->lock);
    free(ms);
    rt->metrics = NULL;
}
