/* host.c — objects a host creates: host functions and globals. (Tables and memories
 * are in table.c and memory.c.) */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instance.h"

/* A host function and its private copy of the type, in one allocation. */
typedef struct {
    tw_func f;
    tw_functype type;
    uint8_t valtypes[];          /* params, then results */
} host_func;

tw_func *tw_func_new_host(const tw_functype *type, tw_host_fn fn, void *env)
{
    size_t n = (size_t)type->nparams + type->nresults;
    host_func *h = calloc(1, sizeof *h + n);
    if (!h)
        return NULL;
    if (type->nparams)
        memcpy(h->valtypes, type->params, type->nparams);
    if (type->nresults)
        memcpy(h->valtypes + type->nparams, type->results, type->nresults);
    h->type.nparams = type->nparams;
    h->type.nresults = type->nresults;
    h->type.params = h->valtypes;
    h->type.results = h->valtypes + type->nparams;
    h->f.type = &h->type;
    h->f.host = fn;
    h->f.env = env;
    return &h->f;
}

void tw_func_free(tw_func *f)
{
    /* Functions of an instance belong to it: only host functions are freed here. */
    if (f && !f->inst)
        free((host_func *)(void *)f);
}

const tw_functype *tw_func_type(const tw_func *f) { return f->type; }

tw_host_status tw_hostcall_trapf(tw_hostcall *hc, const char *fmt, ...)
{
    /* Per thread, not in the instance: the interpreter copies the message into
     * instance->trap right after the call returns, on this thread. */
    static _Thread_local char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    hc->trap = buf;
    return TW_HOST_TRAP;
}

/* i32 and f32 cells keep their upper 32 bits zero, whatever the host passes. */
static tw_val normalize(uint8_t valtype, tw_val v)
{
    return valtype == TW_I32 || valtype == TW_F32 ? (uint32_t)v : v;
}

tw_global *tw_global_new(uint8_t valtype, bool mut, tw_val v)
{
    tw_global *g = malloc(sizeof *g);
    if (!g)
        return NULL;
    g->val = normalize(valtype, v);
    g->type = valtype;
    g->mut = mut;
    return g;
}

void tw_global_free(tw_global *g) { free(g); }
tw_val tw_global_get(const tw_global *g) { return g->val; }
void tw_global_set(tw_global *g, tw_val v) { g->val = normalize(g->type, v); }
