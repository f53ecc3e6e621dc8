/* spectest.c — the `spectest` host module the spec tests import from: print functions,
 * four immutable globals, a funcref table (10..20) and a memory (1..2 pages).
 * One is made per .wast file so no file sees another's table or memory writes. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define NFUNCS 7
#define NGLOBALS 4

typedef struct spectest spectest;

/* What a print function's env points to: which function, and whether to print. */
typedef struct { const spectest *st; int which; } print_env;

struct spectest {
    bool verbose;
    print_env envs[NFUNCS];
    tw_func *funcs[NFUNCS];
    tw_global *globals[NGLOBALS];
    tw_table *table;
    tw_memory *memory;
};

/* The same declarations are in runner.c. */
spectest *spectest_new(bool verbose);
void spectest_free(spectest *st);
bool spectest_lookup(spectest *st, const char *name, tw_extern *out);

static const uint8_t T_I32[] = { TW_I32 }, T_I64[] = { TW_I64 }, T_F32[] = { TW_F32 },
                     T_F64[] = { TW_F64 }, T_I32_F32[] = { TW_I32, TW_F32 },
                     T_F64_F64[] = { TW_F64, TW_F64 };

static const struct { const char *name; tw_functype type; } FUNCS[NFUNCS] = {
    { "print",         { 0, 0, NULL, NULL } },
    { "print_i32",     { 1, 0, T_I32, NULL } },
    { "print_i64",     { 1, 0, T_I64, NULL } },
    { "print_f32",     { 1, 0, T_F32, NULL } },
    { "print_f64",     { 1, 0, T_F64, NULL } },
    { "print_i32_f32", { 2, 0, T_I32_F32, NULL } },
    { "print_f64_f64", { 2, 0, T_F64_F64, NULL } },
};

static const char *const GLOBALS[NGLOBALS] = {
    "global_i32", "global_i64", "global_f32", "global_f64",
};

static void print_val(uint8_t type, tw_val v)
{
    switch (type) {
    case TW_I32: printf(" %" PRId32 ":i32", (int32_t)(uint32_t)v); break;
    case TW_I64: printf(" %" PRId64 ":i64", (int64_t)v); break;
    case TW_F32: {
        float f;
        uint32_t b = (uint32_t)v;
        memcpy(&f, &b, sizeof f);
        printf(" %g:f32", (double)f);
        break;
    }
    default: {
        double d;
        memcpy(&d, &v, sizeof d);
        printf(" %g:f64", d);
    }
    }
}

/* The tests call these a lot: they print only in verbose mode. */
static tw_host_status print_fn(tw_hostcall *hc, tw_val *sp)
{
    const print_env *e = hc->env;
    if (e->st->verbose) {
        const tw_functype *t = &FUNCS[e->which].type;
        printf("    spectest.%s", FUNCS[e->which].name);
        for (uint32_t i = 0; i < t->nparams; i++)
            print_val(t->params[i], sp[i]);
        printf("\n");
    }
    return TW_HOST_OK;
}

spectest *spectest_new(bool verbose)
{
    spectest *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    st->verbose = verbose;
    for (int i = 0; i < NFUNCS; i++) {
        st->envs[i] = (print_env){ st, i };
        if (!(st->funcs[i] = tw_func_new_host(&FUNCS[i].type, print_fn, &st->envs[i])))
            goto fail;
    }
    float f32 = 666.6f;
    double f64 = 666.6;
    uint32_t f32bits;
    uint64_t f64bits;
    memcpy(&f32bits, &f32, sizeof f32bits);
    memcpy(&f64bits, &f64, sizeof f64bits);
    st->globals[0] = tw_global_new(TW_I32, false, 666);
    st->globals[1] = tw_global_new(TW_I64, false, 666);
    st->globals[2] = tw_global_new(TW_F32, false, f32bits);
    st->globals[3] = tw_global_new(TW_F64, false, f64bits);
    st->table = tw_table_new(TW_FUNCREF, (tw_limits){ 10, 20, true });
    st->memory = tw_memory_new((tw_limits){ 1, 2, true });
    for (int i = 0; i < NGLOBALS; i++)
        if (!st->globals[i])
            goto fail;
    if (st->table && st->memory)
        return st;
fail:
    spectest_free(st);
    return NULL;
}

void spectest_free(spectest *st)
{
    if (!st)
        return;
    for (int i = 0; i < NFUNCS; i++)
        tw_func_free(st->funcs[i]);
    for (int i = 0; i < NGLOBALS; i++)
        tw_global_free(st->globals[i]);
    if (st->table)
        tw_table_free(st->table);
    if (st->memory)
        tw_memory_free(st->memory);
    free(st);
}

bool spectest_lookup(spectest *st, const char *name, tw_extern *out)
{
    for (int i = 0; i < NFUNCS; i++)
        if (strcmp(name, FUNCS[i].name) == 0) {
            *out = (tw_extern){ .kind = TW_EXT_FUNC, .u.func = st->funcs[i] };
            return true;
        }
    for (int i = 0; i < NGLOBALS; i++)
        if (strcmp(name, GLOBALS[i]) == 0) {
            *out = (tw_extern){ .kind = TW_EXT_GLOBAL, .u.global = st->globals[i] };
            return true;
        }
    if (strcmp(name, "table") == 0) {
        *out = (tw_extern){ .kind = TW_EXT_TABLE, .u.table = st->table };
        return true;
    }
    if (strcmp(name, "memory") == 0) {
        *out = (tw_extern){ .kind = TW_EXT_MEMORY, .u.memory = st->memory };
        return true;
    }
    return false;
}
