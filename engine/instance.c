/* instance.c — instantiation: linking imports, creating the instance's own functions,
 * tables, memories and globals, applying element and data segments (Wasm 2.0 order and
 * semantics), and looking up exports.
 *
 * An instance and all its fixed-size arrays (function/table/memory/global pointers, own
 * objects, segment state, the refs of passive element segments) are one allocation laid
 * out by plan(); only table cells, memory buffers and the execution stack are separate.
 * Active and declarative element segments are dropped by instantiation, so their refs
 * are written straight into the table and never stored.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instance.h"
#include "opcodes.h"

#define PAGE      65536u
#define MAX_PAGES 65536u

/* ---- layout of the single allocation ------------------------------------------------ */

typedef struct {
    size_t funcs, own_funcs, tables, own_tables, memories, own_memories;
    size_t globals, own_globals, elem_refs, elem_len, data_dropped, refs, total;
} layout;

static size_t place(uint64_t *at, uint64_t n, size_t size)
{
    const uint64_t a = _Alignof(max_align_t);
    uint64_t off = (*at + a - 1) / a * a;
    *at = off + n * size;
    return (size_t)off;
}

/* Offsets of everything in the instance block; false if it would not fit in size_t. */
static bool plan(const tw_module *m, layout *l)
{
    uint64_t at = sizeof(tw_instance), nrefs = 0;
    for (uint32_t i = 0; i < m->nelems; i++)
        if (m->elems[i].mode == TW_SEG_PASSIVE)
            nrefs += m->elems[i].count;
    l->funcs = place(&at, m->nfuncs, sizeof(tw_func *));
    l->own_funcs = place(&at, m->nown, sizeof(tw_func));   /* the others are shared */
    l->tables = place(&at, m->ntables, sizeof(tw_table *));
    l->own_tables = place(&at, m->ntables - m->nimported_tables, sizeof(tw_table));
    l->memories = place(&at, m->nmemories, sizeof(tw_memory *));
    l->own_memories = place(&at, m->nmemories - m->nimported_memories, sizeof(tw_memory));
    l->globals = place(&at, m->nglobals, sizeof(tw_global *));
    l->own_globals = place(&at, m->nglobals - m->nimported_globals, sizeof(tw_global));
    l->elem_refs = place(&at, m->nelems, sizeof(tw_val *));
    l->elem_len = place(&at, m->nelems, sizeof(uint32_t));
    l->data_dropped = place(&at, m->ndatas, 1);
    l->refs = place(&at, nrefs, sizeof(tw_val));
    l->total = (size_t)at;
    return at <= SIZE_MAX / 2;
}

/* ---- messages ------------------------------------------------------------------------ */

static void errf(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void errf(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* A name as printable text on one line: control bytes become \xNN; long names are cut. */
static const char *printable(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s && n + 5 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7F)
            n += (size_t)snprintf(out + n, cap - n, "\\x%02X", c);
        else
            out[n++] = (char)c;
    }
    out[n] = 0;
    return out;
}

static void import_err(char *err, size_t errlen, const char *what, const tw_import *imp)
{
    char mod[96], name[96];
    errf(err, errlen, "%s %s::%s", what, printable(imp->module, mod, sizeof mod),
         printable(imp->name, name, sizeof name));
}

/* ---- import checking ------------------------------------------------------------------- */

static const void *extern_ptr(const tw_extern *x)
{
    switch (x->kind) {
    case TW_EXT_FUNC: return x->u.func;
    case TW_EXT_TABLE: return x->u.table;
    case TW_EXT_MEMORY: return x->u.memory;
    case TW_EXT_GLOBAL: return x->u.global;
    }
    return NULL;
}

/* Limits subtyping: provided [min, max] fits required [rmin, rmax?]. "No maximum" of a
 * runtime object is its absolute limit (0xFFFFFFFF elements, 65536 pages). */
static bool limits_match(uint64_t min, uint64_t max, const tw_limits *req)
{
    return min >= req->min && (!req->has_max || max <= req->max);
}

static const tw_functype *func_type(const tw_module *m, uint32_t typeidx)
{
    return m->canon ? m->canon[typeidx] : &m->types[typeidx];
}

static bool import_matches(const tw_module *m, const tw_import *imp, const tw_extern *x)
{
    if (x->kind != imp->kind)
        return false;
    switch (imp->kind) {
    case TW_EXT_FUNC:
        return tw_types_equal(x->u.func->type, &m->types[imp->u.type]);
    case TW_EXT_TABLE:
        return x->u.table->elemtype == imp->u.table.elemtype &&
               limits_match(x->u.table->size, x->u.table->max, &imp->u.table.lim);
    case TW_EXT_MEMORY:
        return limits_match(x->u.memory->size / PAGE, x->u.memory->max_pages,
                            &imp->u.memory.lim);
    case TW_EXT_GLOBAL:
        return x->u.global->type == imp->u.global.valtype &&
               x->u.global->mut == imp->u.global.mut;
    }
    return false;
}

static bool check_imports(const tw_module *m, const tw_extern *imports, uint32_t nimports,
                          bool types_checked, char *err, size_t errlen)
{
    if (nimports != m->nimports) {
        errf(err, errlen, "the module has %u imports, %u given", m->nimports, nimports);
        return false;
    }
    for (uint32_t i = 0; i < nimports; i++) {
        const tw_import *imp = &m->imports[i];
        if (!imports || !extern_ptr(&imports[i])) {
            import_err(err, errlen, "unknown import", imp);
            return false;
        }
        if (!types_checked && !import_matches(m, imp, &imports[i])) {
            import_err(err, errlen, "incompatible import type for", imp);
            return false;
        }
    }
    return true;
}

/* ---- constant expressions ------------------------------------------------------------- */

/* Evaluates a validated constant expression; false only if its stack cannot be
 * allocated. Extended-const arithmetic wraps like the instructions do. */
static bool eval_const(tw_instance *inst, const tw_constexpr *e, tw_val *out)
{
    tw_val small[16], *st = small;
    size_t cap = sizeof small / sizeof *small, n = 0;
    if (e->len / 2 + 1 > cap) {        /* each pushing instruction takes >= 2 bytes */
        cap = e->len / 2 + 1;
        st = malloc(cap * sizeof *st);
        if (!st)
            return false;
    }
    tw_reader r = { e->code, e->code + e->len, NULL };
    uint8_t op;
    while (r.p < r.end && n < cap && tw_read_u8(&r, &op)) {
        bool bin = (op >= OP_I32_ADD && op <= OP_I32_MUL) || (op >= OP_I64_ADD && op <= OP_I64_MUL);
        if (bin && n < 2)               /* cannot happen once validated; stay in bounds */
            break;
        int32_t i32 = 0;
        int64_t i64 = 0;
        uint32_t u32 = 0, f32 = 0;
        uint64_t f64 = 0;
        uint8_t t = 0;
        switch (op) {
        case OP_I32_CONST: tw_read_s32(&r, &i32); st[n++] = (uint32_t)i32; break;
        case OP_I64_CONST: tw_read_s64(&r, &i64); st[n++] = (uint64_t)i64; break;
        case OP_F32_CONST: tw_read_f32(&r, &f32); st[n++] = f32; break;
        case OP_F64_CONST: tw_read_f64(&r, &f64); st[n++] = f64; break;
        case OP_REF_NULL: tw_read_u8(&r, &t); st[n++] = 0; break;
        case OP_REF_FUNC: tw_read_u32(&r, &u32); st[n++] = (tw_val)(uintptr_t)inst->funcs[u32]; break;
        case OP_GLOBAL_GET: tw_read_u32(&r, &u32); st[n++] = inst->globals[u32]->val; break;
        case OP_I32_ADD: n--; st[n - 1] = (uint32_t)(st[n - 1] + st[n]); break;
        case OP_I32_SUB: n--; st[n - 1] = (uint32_t)(st[n - 1] - st[n]); break;
        case OP_I32_MUL: n--; st[n - 1] = (uint32_t)((uint32_t)st[n - 1] * (uint32_t)st[n]); break;
        case OP_I64_ADD: n--; st[n - 1] += st[n]; break;
        case OP_I64_SUB: n--; st[n - 1] -= st[n]; break;
        case OP_I64_MUL: n--; st[n - 1] *= st[n]; break;
        default: r.p = r.end; break;   /* `end`, or nothing validation lets through */
        }
    }
    *out = n ? st[n - 1] : 0;
    if (st != small)
        free(st);
    return true;
}

tw_val tw_eval_const(tw_instance *inst, const tw_constexpr *e)
{
    tw_val v = 0;
    eval_const(inst, e, &v);
    return v;
}

/* ---- instantiation ---------------------------------------------------------------------- */

static tw_instance *fail(tw_instance *inst, char *err, size_t errlen, const char *msg)
{
    errf(err, errlen, "%s", msg);
    tw_instance_free(inst);
    return NULL;
}

static void link_imports(tw_instance *inst, const tw_extern *imports)
{
    uint32_t nf = 0, nt = 0, nm = 0, ng = 0;
    for (uint32_t i = 0; i < inst->mod->nimports; i++) {
        const tw_extern *x = &imports[i];
        switch (x->kind) {
        case TW_EXT_FUNC: inst->funcs[nf++] = x->u.func; break;
        case TW_EXT_TABLE: inst->tables[nt++] = x->u.table; break;
        case TW_EXT_MEMORY: inst->memories[nm++] = x->u.memory; break;
        case TW_EXT_GLOBAL: inst->globals[ng++] = x->u.global; break;
        }
    }
}

/* Own tables and memories. Returns NULL or the failure message. */
static const char *alloc_storage(tw_instance *inst, char *buf, size_t buflen)
{
    const tw_module *m = inst->mod;
    for (uint32_t i = m->nimported_tables; i < m->ntables; i++) {
        const tw_tabletype *tt = &m->tables[i];
        tw_table *t = &inst->own_tables[i - m->nimported_tables];
        inst->tables[i] = t;
        uint32_t max = tt->lim.has_max && tt->lim.max < UINT32_MAX ? (uint32_t)tt->lim.max : UINT32_MAX;
        if (tt->lim.min > UINT32_MAX || tw_table_init(t, tt->elemtype, (uint32_t)tt->lim.min, max, 0) != 0)
            return "out of memory";
    }
    uint64_t cap = inst->cfg.max_memory_bytes ? inst->cfg.max_memory_bytes / PAGE : MAX_PAGES;
    for (uint32_t i = m->nimported_memories; i < m->nmemories; i++) {
        const tw_memtype *mt = &m->memories[i];
        tw_memory *mem = &inst->own_memories[i - m->nimported_memories];
        inst->memories[i] = mem;
        uint64_t max = mt->lim.has_max && mt->lim.max < MAX_PAGES ? mt->lim.max : MAX_PAGES;
        if (max > cap)
            max = cap;
        if (mt->lim.min > max) {
            snprintf(buf, buflen, "out of memory: memory %u needs %llu pages, the limit is %llu",
                     i, (unsigned long long)mt->lim.min, (unsigned long long)max);
            return buf;
        }
        int rc = i == 0 && m->image ? tw_memory_init_image(mem, m->image, max)
                                    : tw_memory_init(mem, mt->lim.min, max);
        if (rc != 0)
            return "out of memory";
    }
    return NULL;
}

/* Element segments, then data segments, in order (Wasm 2.0): each active one is
 * table.init / memory.init followed by a drop. A segment that does not fit fails
 * instantiation; what earlier segments wrote stays (imported tables and memories are
 * visible to others). Returns NULL or the failure message. */
static const char *apply_segments(tw_instance *inst, tw_val *refs, uint32_t *nelems_done)
{
    const tw_module *m = inst->mod;
    for (uint32_t i = 0; i < m->nelems; *nelems_done = ++i) {
        const tw_elemseg *s = &m->elems[i];
        tw_val *dst;
        if (s->mode == TW_SEG_ACTIVE) {
            tw_table *t = inst->tables[s->table];
            tw_val off;
            if (!eval_const(inst, &s->offset, &off))
                return "out of memory";
            if (off > t->size || s->count > t->size - off)
                return "out of bounds table access";
            dst = t->elems + off;
        } else if (s->mode == TW_SEG_PASSIVE) {
            inst->elem_refs[i] = dst = refs;
            inst->elem_len[i] = s->count;
            refs += s->count;
        } else {
            continue;                   /* declarative: dropped at once */
        }
        for (uint32_t k = 0; k < s->count; k++)
            if (!eval_const(inst, &s->inits[k], &dst[k]))
                return "out of memory";
    }
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const tw_dataseg *d = &m->datas[i];
        if (d->mode != TW_SEG_ACTIVE)
            continue;
        if (m->image) {              /* the memory holds them already (image.c) */
            inst->data_dropped[i] = 1;
            continue;
        }
        tw_memory *mem = inst->memories[d->memory];
        tw_val off;
        if (!eval_const(inst, &d->offset, &off))
            return "out of memory";
        if (off > mem->size || d->len > mem->size - off)
            return "out of bounds memory access";
        if (d->len) {
            memcpy(mem->data + off, d->bytes, d->len);
            tw_memory_mark(mem, off, d->len);
        }
        inst->data_dropped[i] = 1;
    }
    return NULL;
}

/* After a failed instantiation: did the first `n` element segments store this instance's
 * own functions into imported tables? Then they stay callable from there, and the
 * instance is handed over to those tables instead of being freed (true). */
static bool kept_by_tables(tw_instance *inst, uint32_t n)
{
    const tw_module *m = inst->mod;
    uintptr_t lo = (uintptr_t)inst->own_funcs;
    uintptr_t hi = (uintptr_t)(inst->own_funcs + m->nown);
    bool kept = false;
    for (uint32_t i = 0; i < n; i++) {
        const tw_elemseg *s = &m->elems[i];
        if (s->mode != TW_SEG_ACTIVE || s->table >= m->nimported_tables || s->count == 0)
            continue;
        tw_table *t = inst->tables[s->table];
        tw_val off;
        bool refers = !eval_const(inst, &s->offset, &off);   /* unsure: assume it does */
        for (uint32_t k = 0; !refers && k < s->count; k++) {
            uintptr_t v = (uintptr_t)t->elems[off + k];
            refers = v >= lo && v < hi;
        }
        if (refers) {
            if (!tw_table_keep(t, inst))
                return true;            /* out of memory: leaking beats dangling */
            kept = true;
        }
    }
    return kept;
}

tw_instance *tw_instance_new(tw_module *m, const tw_extern *imports, uint32_t nimports,
                             const tw_config *cfg, char *err, size_t errlen)
{
    if (!check_imports(m, imports, nimports, cfg && cfg->imports_checked, err, errlen))
        return NULL;
    layout l;
    if (!plan(m, &l))
        return fail(NULL, err, errlen, "out of memory");
    uint8_t *block = calloc(1, l.total);
    if (!block)
        return fail(NULL, err, errlen, "out of memory");
    tw_instance *inst = (tw_instance *)(void *)block;
    inst->mod = m;
    tw_module_ref(m);   /* the code an instance runs lives in its module */
    if (cfg)
        inst->cfg = *cfg;
    tw_exec_init(&inst->ex, &inst->cfg);
    inst->funcs = (tw_func **)(void *)(block + l.funcs);
    inst->own_funcs = (tw_func *)(void *)(block + l.own_funcs);
    inst->tables = (tw_table **)(void *)(block + l.tables);
    inst->own_tables = (tw_table *)(void *)(block + l.own_tables);
    inst->memories = (tw_memory **)(void *)(block + l.memories);
    inst->own_memories = (tw_memory *)(void *)(block + l.own_memories);
    inst->globals = (tw_global **)(void *)(block + l.globals);
    inst->own_globals = (tw_global *)(void *)(block + l.own_globals);
    inst->elem_refs = (tw_val **)(void *)(block + l.elem_refs);
    inst->elem_len = (uint32_t *)(void *)(block + l.elem_len);
    inst->data_dropped = block + l.data_dropped;

    link_imports(inst, imports);
    for (uint32_t i = m->nimported_funcs; i < m->nfuncs; i++) {
        uint32_t k = i - m->nimported_funcs;
        if (m->own_slot[k] == UINT32_MAX) {       /* never leaves the instance: shared */
            inst->funcs[i] = &m->shared_funcs[k];
            continue;
        }
        tw_func *f = &inst->own_funcs[m->own_slot[k]];
        f->type = func_type(m, m->func_types[i]);
        f->inst = inst;
        f->code = m->code ? m->code[k] : NULL;
        f->index = i;
        inst->funcs[i] = f;
    }
    char msg[160];
    const char *why = alloc_storage(inst, msg, sizeof msg);
    if (why)
        return fail(inst, err, errlen, why);

    /* In order: an initializer may read imported (and, extended, earlier) globals. */
    for (uint32_t i = m->nimported_globals; i < m->nglobals; i++)
        inst->globals[i] = &inst->own_globals[i - m->nimported_globals];
    for (uint32_t i = m->nimported_globals; i < m->nglobals; i++) {
        const tw_globaldef *gd = &m->global_defs[i - m->nimported_globals];
        tw_global *g = inst->globals[i];
        g->type = gd->type.valtype;
        g->mut = gd->type.mut;
        if (!eval_const(inst, &gd->init, &g->val))
            return fail(inst, err, errlen, "out of memory");
    }

    uint32_t nelems_done = 0;
    why = apply_segments(inst, (tw_val *)(void *)(block + l.refs), &nelems_done);
    if (!why && m->has_start && !tw_call_begin(inst, inst->funcs[m->start], NULL))
        why = inst->trap;
    if (why) {
        errf(err, errlen, "%s", why);
        if (!kept_by_tables(inst, nelems_done))
            tw_instance_free(inst);
        return NULL;
    }
    return inst;
}

void tw_instance_free(tw_instance *inst)
{
    if (!inst)
        return;
    tw_module *m = inst->mod;
    tw_exec_release(&inst->ex);
    free(inst->backtrace);
    for (uint32_t i = 0; i < m->ntables - m->nimported_tables; i++)
        tw_table_release(&inst->own_tables[i]);
    for (uint32_t i = 0; i < m->nmemories - m->nimported_memories; i++)
        tw_memory_release(&inst->own_memories[i]);
    free(inst);    /* the block: everything else */
    tw_module_free(m);  /* drops the instance's reference */
}

/* ---- accessors ------------------------------------------------------------------------ */

tw_module *tw_instance_module(const tw_instance *inst) { return inst->mod; }
void tw_instance_set_user(tw_instance *inst, void *user) { inst->user = user; }
void *tw_instance_user(const tw_instance *inst) { return inst->user; }

int tw_instance_hot(const tw_instance *inst, const void **out, int n)
{
    const tw_exec *ex = &inst->ex;
    const void *a[5];
    int k = 0;
    a[k++] = ex;
    if (ex->slots) a[k++] = ex->slots + ex->fp;
    const tw_instance *ci = ex->state == TW_EXEC_SUSPENDED && ex->ci ? ex->ci : inst;
    if (ci->mod->nmemories) {
        const tw_memory *m = ci->memories[0];
        a[k++] = m;
        /* wasm-ld's __stack_pointer: global 0, a mutable i32 inside the memory */
        if (ci->mod->nglobals && ci->globals[0]->type == TW_I32 && ci->globals[0]->mut) {
            uint32_t sp = (uint32_t)ci->globals[0]->val;
            if (sp >= 64 && sp <= m->size) a[k++] = m->data + sp - 64;
        }
    }
    int w = k < n ? k : n;
    for (int i = 0; i < w; i++) out[i] = a[i];
    return w;
}

tw_memory *tw_instance_memory(tw_instance *inst)
{
    return inst->mod->nmemories ? inst->memories[0] : NULL;
}

bool tw_instance_export(tw_instance *inst, const char *name, tw_extern *out)
{
    const tw_module *m = inst->mod;
    for (uint32_t i = 0; i < m->nexports; i++) {
        const tw_export *e = &m->exports[i];
        if (strcmp(e->name, name) != 0)
            continue;
        out->kind = e->kind;
        switch (e->kind) {
        case TW_EXT_FUNC: out->u.func = inst->funcs[e->index]; break;
        case TW_EXT_TABLE: out->u.table = inst->tables[e->index]; break;
        case TW_EXT_MEMORY: out->u.memory = inst->memories[e->index]; break;
        case TW_EXT_GLOBAL: out->u.global = inst->globals[e->index]; break;
        }
        return true;
    }
    return false;
}

size_t tw_instance_footprint(const tw_instance *inst)
{
    const tw_module *m = inst->mod;
    layout l;
    plan(m, &l);
    size_t n = l.total;
    for (uint32_t i = 0; i < m->ntables - m->nimported_tables; i++)
        n += (size_t)inst->own_tables[i].size * sizeof(tw_val);
    for (uint32_t i = 0; i < m->nmemories - m->nimported_memories; i++)
        n += (size_t)inst->own_memories[i].size;
    n += (size_t)inst->ex.nslots * sizeof(tw_val) + (size_t)inst->ex.cap_frames * sizeof(tw_frame);
    n += (size_t)inst->ex.cap_nested * sizeof(tw_nested_call);
    if (inst->backtrace)
        n += strlen(inst->backtrace) + 1;
    return n;
}
