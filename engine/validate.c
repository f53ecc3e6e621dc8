/* validate.c — module-level validation: everything but function bodies (compile.c).
 *
 * Checks run in the order of the spec's reference interpreter, with the wording of the
 * testsuite's assert_invalid, prefixed "invalid: ". Constant expressions are validated
 * here (constness, then typing) in the context the spec gives them: all functions,
 * tables and memories, but only the imported globals.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"

/* Extended constant expressions (i32/i64 add, sub, mul): a later proposal, off for now.
 * Turning it on also needs tw_eval_const (instance.c) to evaluate them. */
#ifndef TW_EXTENDED_CONST
#define TW_EXTENDED_CONST 0
#endif

#define MAX_PAGES 65536u

typedef struct {
    tw_module *m;
    char *err; size_t errlen;
} V;

static int invalid(V *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int invalid(V *v, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(v->err, v->errlen, "invalid: %s", msg);
    return -1;
}

static int check_limits(V *v, const tw_limits *lim, uint64_t range, const char *too_big)
{
    if (lim->min > range || (lim->has_max && lim->max > range))
        return invalid(v, "%s", too_big);
    if (lim->has_max && lim->min > lim->max)
        return invalid(v, "size minimum must not be greater than maximum");
    return 0;
}

static int check_memtype(V *v, const tw_memtype *t)
{
    return check_limits(v, &t->lim, MAX_PAGES, "memory size must be at most 65536 pages (4GiB)");
}

static int check_tabletype(V *v, const tw_tabletype *t)
{
    return check_limits(v, &t->lim, UINT32_MAX, "table size must be at most 2^32-1");
}

static int check_typeidx(V *v, uint32_t idx)
{
    return idx < v->m->ntypes ? 0 : invalid(v, "unknown type %u", idx);
}

/* ---- constant expressions --------------------------------------------------------- */

static bool is_extended_op(uint8_t op)
{
    return TW_EXTENDED_CONST && ((op >= 0x6A && op <= 0x6C) || (op >= 0x7C && op <= 0x7E));
}

/* Reads one instruction of a constant expression (decode.c has checked its encoding);
 * *imm gets its index immediate where it has one. False if it is not a constant
 * instruction at all. */
static bool const_instr(tw_reader *r, uint8_t *op, uint32_t *imm, uint8_t *reftype)
{
    int32_t s32;
    int64_t s64;
    uint32_t f32;
    uint64_t f64;
    if (!tw_read_u8(r, op))
        return false;
    switch (*op) {
    case 0x41: return tw_read_s32(r, &s32);
    case 0x42: return tw_read_s64(r, &s64);
    case 0x43: return tw_read_f32(r, &f32);
    case 0x44: return tw_read_f64(r, &f64);
    case 0xD0: return tw_read_u8(r, reftype);
    case 0x23: case 0xD2: return tw_read_u32(r, imm);
    default: return is_extended_op(*op);
    }
}

static int check_const(V *v, const tw_constexpr *e, uint8_t want)
{
    tw_module *m = v->m;
    uint8_t op, rt;
    uint32_t x;
    /* pass 1: every instruction constant (global.get: imported, immutable globals) */
    tw_reader r = { e->code, e->code + e->len, NULL };
    while (r.p < r.end) {
        if (!const_instr(&r, &op, &x, &rt))
            return invalid(v, "constant expression required");
        if (op == 0x23) {
            if (x >= m->nimported_globals)
                return invalid(v, "unknown global %u", x);
            if (m->globals[x].mut)
                return invalid(v, "constant expression required");
        }
    }
    /* pass 2: types. The stack never holds more values than there are instructions. */
    uint8_t small[16], *stk = small;
    if (e->len > sizeof small && !(stk = malloc(e->len)))
        return invalid(v, "out of memory");
    uint32_t sp = 0;
    int rc = 0;
    r.p = e->code;
    while (rc == 0 && r.p < r.end) {
        const_instr(&r, &op, &x, &rt);
        switch (op) {
        case 0x41: stk[sp++] = TW_I32; break;
        case 0x42: stk[sp++] = TW_I64; break;
        case 0x43: stk[sp++] = TW_F32; break;
        case 0x44: stk[sp++] = TW_F64; break;
        case 0xD0: stk[sp++] = rt; break;
        case 0x23: stk[sp++] = m->globals[x].valtype; break;
        case 0xD2:
            if (x >= m->nfuncs)
                rc = invalid(v, "unknown function %u", x);
            stk[sp++] = TW_FUNCREF;
            break;
        default: {   /* extended-const binary operator */
            uint8_t t = op <= 0x6C ? TW_I32 : TW_I64;
            if (sp < 2 || stk[sp - 1] != t || stk[sp - 2] != t)
                rc = invalid(v, "type mismatch");
            else
                sp--;
        }
        }
    }
    if (rc == 0 && (sp != 1 || stk[0] != want))
        rc = invalid(v, "type mismatch");
    if (stk != small)
        free(stk);
    return rc;
}

/* ---- the module ------------------------------------------------------------------- */

static int check_imports(V *v)
{
    tw_module *m = v->m;
    for (uint32_t i = 0; i < m->nimports; i++) {
        const tw_import *im = &m->imports[i];
        int rc = 0;
        switch (im->kind) {
        case TW_EXT_FUNC: rc = check_typeidx(v, im->u.type); break;
        case TW_EXT_TABLE: rc = check_tabletype(v, &im->u.table); break;
        case TW_EXT_MEMORY: rc = check_memtype(v, &im->u.memory); break;
        case TW_EXT_GLOBAL: break;
        }
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int check_elems(V *v)
{
    tw_module *m = v->m;
    for (uint32_t i = 0; i < m->nelems; i++) {
        const tw_elemseg *s = &m->elems[i];
        for (uint32_t k = 0; k < s->count; k++)
            if (check_const(v, &s->inits[k], s->elemtype) < 0)
                return -1;
        if (s->mode != TW_SEG_ACTIVE)
            continue;
        if (s->table >= m->ntables)
            return invalid(v, "unknown table %u", s->table);
        if (m->tables[s->table].elemtype != s->elemtype)
            return invalid(v, "type mismatch");
        if (check_const(v, &s->offset, TW_I32) < 0)
            return -1;
    }
    return 0;
}

static int check_datas(V *v)
{
    tw_module *m = v->m;
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const tw_dataseg *s = &m->datas[i];
        if (s->mode != TW_SEG_ACTIVE)
            continue;
        if (s->memory >= m->nmemories)
            return invalid(v, "unknown memory %u", s->memory);
        if (check_const(v, &s->offset, TW_I32) < 0)
            return -1;
    }
    return 0;
}

static int check_exports(V *v)
{
    static const char *const what[] = { "function", "table", "memory", "global" };
    tw_module *m = v->m;
    for (uint32_t i = 0; i < m->nexports; i++) {
        const tw_export *ex = &m->exports[i];
        uint32_t n = ex->kind == TW_EXT_FUNC ? m->nfuncs
                   : ex->kind == TW_EXT_TABLE ? m->ntables
                   : ex->kind == TW_EXT_MEMORY ? m->nmemories : m->nglobals;
        if (ex->index >= n)
            return invalid(v, "unknown %s %u", what[ex->kind], ex->index);
    }
    /* unique names: checked by decode.c, which still has the raw names */
    return 0;
}

/* Marks the function of every ref.func in a (validated) constant expression. */
static void mark_refs(tw_module *m, const tw_constexpr *e)
{
    tw_reader r = { e->code, e->code + e->len, NULL };
    uint8_t op, rt;
    uint32_t x;
    while (r.p < r.end && const_instr(&r, &op, &x, &rt))
        if (op == 0xD2 && x < m->nfuncs)
            m->func_declared[x] = 1;
}

/* C.refs: the functions that function bodies may name in ref.func. */
static int declare_funcs(V *v)
{
    tw_module *m = v->m;
    free(m->func_declared);
    m->func_declared = calloc(m->nfuncs ? m->nfuncs : 1, 1);
    if (!m->func_declared)
        return invalid(v, "out of memory");
    for (uint32_t i = 0; i < m->nglobals - m->nimported_globals; i++)
        mark_refs(m, &m->global_defs[i].init);
    for (uint32_t i = 0; i < m->nelems; i++)
        for (uint32_t k = 0; k < m->elems[i].count; k++)
            mark_refs(m, &m->elems[i].inits[k]);
    for (uint32_t i = 0; i < m->nexports; i++)
        if (m->exports[i].kind == TW_EXT_FUNC)
            m->func_declared[m->exports[i].index] = 1;
    return 0;
}

int tw_validate_module(tw_module *m, char *err, size_t errlen)
{
    V vv = { m, err, errlen };
    V *v = &vv;
    if (check_imports(v) < 0)
        return -1;
    for (uint32_t f = m->nimported_funcs; f < m->nfuncs; f++)
        if (check_typeidx(v, m->func_types[f]) < 0)
            return -1;
    for (uint32_t g = m->nimported_globals; g < m->nglobals; g++)
        if (check_const(v, &m->global_defs[g - m->nimported_globals].init,
                        m->globals[g].valtype) < 0)
            return -1;
    for (uint32_t t = m->nimported_tables; t < m->ntables; t++)
        if (check_tabletype(v, &m->tables[t]) < 0)
            return -1;
    for (uint32_t i = m->nimported_memories; i < m->nmemories; i++)
        if (check_memtype(v, &m->memories[i]) < 0)
            return -1;
    if (check_elems(v) < 0 || check_datas(v) < 0)
        return -1;
    if (m->has_start) {
        if (m->start >= m->nfuncs)
            return invalid(v, "unknown function %u", m->start);
        const tw_functype *ft = &m->types[m->func_types[m->start]];
        if (ft->nparams || ft->nresults)
            return invalid(v, "start function must not have parameters or results");
    }
    if (check_exports(v) < 0)
        return -1;
    if (m->nmemories > 1)
        return invalid(v, "multiple memories");
    return declare_funcs(v);
}
