/* resource.h — per-process resource tables (resource.c). */
#ifndef TYCHO_RUNTIME_RESOURCE_H
#define TYCHO_RUNTIME_RESOURCE_H

#include "process.h"

/* Frees every resource p still holds (its death). */
void tr_tables_free(tr_process *p);

#endif
