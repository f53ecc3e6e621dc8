/* metrics.h — lunatic::metrics figures (metrics.c). */
#ifndef TYCHO_RUNTIME_METRICS_H
#define TYCHO_RUNTIME_METRICS_H

#include "runtime.h"

void tr_metrics_print(tr_runtime *rt);
void tr_metrics_free(tr_runtime *rt);

#endif
