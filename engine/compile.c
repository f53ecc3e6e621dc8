/* compile.c — validates each function body and translates it into internal code (iops.h).
 *
 * One pass per body. The validator's operand stack doubles as the translator's slot
 * allocator: the value at stack depth i lives, canonically, in frame slot locals_end + i
 * (one 8-byte slot per value; v128 would take two — the only place to change is
 * cslot_at()). To avoid the copies a stack machine implies, an entry may instead still be
 * *where it came from*: a local (after local.get) or a constant (after *.const). Such
 * entries are materialized into their canonical slot only when needed: before control
 * flow (all branches and block boundaries agree that values are in canonical slots),
 * before a call (arguments must be contiguous), and before a local they refer to is
 * overwritten. A local.set that follows the instruction producing its value rewrites that
 * instruction's destination to the local instead of copying.
 *
 * Errors longjmp out to tw_compile_module with a one-line message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "instance.h"
#include "iops.h"
#include "tunables.h"
#include "module.h"

#define NO_POS 0xFFFFFFFFu
#define CONST_SLOT 0xFFFFFFFFu

typedef struct {
    uint8_t type;          /* 0 = unknown (popped from a polymorphic stack) */
    uint32_t slot;         /* where the value is now: its cslot, a local, or CONST_SLOT */
    uint32_t cslot;        /* canonical slot */
    uint64_t imm;          /* when slot == CONST_SLOT */
} Opnd;

enum { K_FUNC, K_BLOCK, K_LOOP, K_IF, K_ELSE };

typedef struct {
    uint8_t kind;
    bool unreachable;      /* validation: the rest of this block is unreachable */
    bool dead;             /* emission: the whole block is inside unreachable code */
    uint32_t height;       /* stack depth below the block's params */
    uint32_t nparams, nresults;
    const uint8_t *params, *results;
    uint32_t loop_pc;      /* K_LOOP: start of the loop body */
    uint32_t patches;      /* chain of forward-branch offset words to resolve at end */
    uint32_t else_pos;     /* K_IF: offset word of the BR_UNLESS, NO_POS if none */
} Ctl;

typedef struct {
    tw_module *m;
    tw_reader r;
    uint32_t *code; uint32_t len, cap;
    Opnd *stk; uint32_t sp, stk_cap;
    Ctl *ctl; uint32_t nctl, ctl_cap;
    uint8_t *ltypes; uint32_t nlocals;        /* params + locals */
    uint32_t nparams;
    uint32_t locals_end, max_slot;
    uint32_t last_pos, last_dst_pos, last_dst_sp; /* producer of the top value, for fusion */
    uint32_t copy_pos;                        /* a COPY that a next one may join */
    uint32_t prev_pos;                        /* instruction before last_pos, or NO_POS */
    uint32_t label_pos;                       /* where the last label was bound */
    uint8_t *written;                         /* locals set so far, in code order */
    uint32_t loop_depth;
    uint32_t func_idx;
    uint32_t *tmp;                            /* scratch freed on error (br_table) */
    jmp_buf jb;
    char *err; size_t errlen;
} C;

/* one-element arrays of each value type, for single-result block types */
static const uint8_t vt_one[256] = {
    [0x7F] = 0x7F, [0x7E] = 0x7E, [0x7D] = 0x7D, [0x7C] = 0x7C, [0x70] = 0x70, [0x6F] = 0x6F,
};

static void fail(C *c, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
static void fail(C *c, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(c->err, c->errlen, "%s (function %u)", msg, c->func_idx);
    longjmp(c->jb, 1);
}

static void *grow(C *c, void *p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    uint32_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > 0x7FFFFFFFu / 2)
            fail(c, "unsupported: function too large");
        n *= 2;
    }
    void *q = realloc(p, (size_t)n * elem);
    if (!q)
        fail(c, "out of memory");
    *cap = n;
    return q;
}

/* ---- reading ------------------------------------------------------------------- */

static uint32_t rd_u32(C *c)
{
    uint32_t v;
    if (!tw_read_u32(&c->r, &v))
        fail(c, "malformed: %s", c->r.err ? c->r.err : "unexpected end");
    return v;
}
static uint8_t rd_u8(C *c)
{
    uint8_t v;
    if (!tw_read_u8(&c->r, &v))
        fail(c, "malformed: unexpected end of section or function");
    return v;
}
static void rd_zero(C *c)
{
    if (rd_u8(c) != 0)
        fail(c, "malformed: zero byte expected");
}

/* ---- emitting ------------------------------------------------------------------ */

static bool live(C *c)
{
    Ctl *k = &c->ctl[c->nctl - 1];
    return !k->unreachable && !k->dead;
}

static uint32_t emitw(C *c, uint32_t w)
{
    c->code = grow(c, c->code, &c->cap, c->len + 1, sizeof *c->code);
    c->code[c->len] = w;
    return c->len++;
}

static uint32_t emit_op(C *c, uint32_t iop)
{
    c->last_dst_pos = NO_POS;
    c->copy_pos = NO_POS;
    c->prev_pos = c->last_pos;
    c->last_pos = emitw(c, iop);
    return c->last_pos;
}

/* Removes the last instruction (its work is being folded into the next one). */
static void take_back(C *c)
{
    c->len = c->last_pos;
    c->last_dst_pos = NO_POS;
    c->last_pos = c->prev_pos;   /* the one before is the last again */
    c->prev_pos = NO_POS;
}

/* Copies come in runs (values moving between locals, branch arguments): two adjacent
 * ones become one COPY2. */
static void emit_copy(C *c, uint32_t d, uint32_t s)
{
    if (c->copy_pos != NO_POS && c->copy_pos + 3 == c->len) {
        c->code[c->copy_pos] = IOP_COPY2;
        emitw(c, d);
        emitw(c, s);
        c->copy_pos = NO_POS;
        c->last_pos = c->len - 5;
        return;
    }
    uint32_t pos = emit_op(c, IOP_COPY);
    emitw(c, d);
    emitw(c, s);
    c->copy_pos = pos;
}

/* forward branch offset word: linked into a patch chain until the target is known */
static void emit_fwd(C *c, uint32_t *chain)
{
    uint32_t pos = emitw(c, *chain);
    *chain = pos;
}
static void patch_chain(C *c, uint32_t chain, uint32_t target)
{
    if (target == c->len) {
        c->copy_pos = NO_POS;   /* a label here: the next instruction must start anew */
        c->label_pos = c->len;
    }
    while (chain) {
        uint32_t next = c->code[chain];
        c->code[chain] = target - chain;
        chain = next;
    }
}
static void emit_back(C *c, uint32_t target)
{
    uint32_t pos = c->len;
    emitw(c, target - pos);
}

/* ---- the operand stack ---------------------------------------------------------- */

static uint32_t cslot_at(C *c, uint32_t depth) { return c->locals_end + depth; }

static Opnd *push(C *c, uint8_t type)
{
    c->stk = grow(c, c->stk, &c->stk_cap, c->sp + 1, sizeof *c->stk);
    Opnd *e = &c->stk[c->sp];
    e->type = type;
    e->cslot = e->slot = cslot_at(c, c->sp);
    e->imm = 0;
    c->sp++;
    if (e->cslot + 1 > c->max_slot)
        c->max_slot = e->cslot + 1;
    return e;
}

static bool is_ref(uint8_t t) { return t == TW_FUNCREF || t == TW_EXTERNREF; }
static bool is_num(uint8_t t) { return t == TW_I32 || t == TW_I64 || t == TW_F32 || t == TW_F64; }

static Opnd pop_any(C *c)
{
    Ctl *k = &c->ctl[c->nctl - 1];
    if (c->sp == k->height) {
        if (!k->unreachable)
            fail(c, "invalid: type mismatch (operand stack underflow)");
        Opnd u = { 0, cslot_at(c, c->sp), cslot_at(c, c->sp), 0 };
        return u;
    }
    return c->stk[--c->sp];
}

static Opnd pop(C *c, uint8_t want)
{
    Opnd e = pop_any(c);
    if (e.type && want && e.type != want)
        fail(c, "invalid: type mismatch");
    if (!e.type)
        e.type = want;
    return e;
}

/* Make the value of e readable from a slot (constants get written to their cslot). */
static uint32_t use(C *c, Opnd *e)
{
    if (e->slot == CONST_SLOT) {
        if (live(c)) {
            if (e->type == TW_I32 || e->type == TW_F32) {
                emit_op(c, IOP_CONST32);
                emitw(c, e->cslot);
                emitw(c, (uint32_t)e->imm);
            } else {
                emit_op(c, IOP_CONST64);
                emitw(c, e->cslot);
                emitw(c, (uint32_t)e->imm);
                emitw(c, (uint32_t)(e->imm >> 32));
            }
        }
        e->slot = e->cslot;
    }
    return e->slot;
}

static void materialize_one(C *c, Opnd *e)
{
    use(c, e);
    if (e->slot != e->cslot) {
        if (live(c)) {
            emit_copy(c, e->cslot, e->slot);
        }
        e->slot = e->cslot;
    }
}

/* Everything of the current block into canonical slots (entries below it already are). */
static void materialize(C *c)
{
    for (uint32_t i = c->ctl[c->nctl - 1].height; i < c->sp; i++)
        materialize_one(c, &c->stk[i]);
}

static void materialize_local(C *c, uint32_t local)
{
    for (uint32_t i = c->ctl[c->nctl - 1].height; i < c->sp; i++)
        if (c->stk[i].slot == local)
            materialize_one(c, &c->stk[i]);
}

/* Records that the last emitted instruction's destination operand (at pos) produced the
 * top of stack, so that a following local.set can retarget it. */
static void produced(C *c, uint32_t dst_pos)
{
    c->last_dst_pos = dst_pos;
    c->last_dst_sp = c->sp - 1;
}

/* Pushes a result of type t and, in live code, emits `iop d ops...` computing it into the
 * result's canonical slot (recorded as the producer of the top, for fusion). */
static void emit_def(C *c, uint32_t iop, uint8_t t, uint32_t n, const uint32_t *ops)
{
    Opnd *r = push(c, t);
    if (!live(c))
        return;
    emit_op(c, iop);
    uint32_t d = emitw(c, r->cslot);
    for (uint32_t i = 0; i < n; i++)
        emitw(c, ops[i]);
    produced(c, d);
}

/* ---- control -------------------------------------------------------------------- */

static Ctl *push_ctl(C *c, uint8_t kind, uint32_t np, const uint8_t *p, uint32_t nr,
                     const uint8_t *r)
{
    bool dead = c->nctl > 0 && !live(c);
    c->ctl = grow(c, c->ctl, &c->ctl_cap, c->nctl + 1, sizeof *c->ctl);
    Ctl *k = &c->ctl[c->nctl++];
    k->kind = kind;
    k->unreachable = false;
    k->dead = dead;
    k->height = c->sp - np;
    k->nparams = np; k->params = p;
    k->nresults = nr; k->results = r;
    k->loop_pc = c->len;
    k->patches = 0;
    k->else_pos = NO_POS;
    c->last_dst_pos = NO_POS;
    c->copy_pos = NO_POS;
    c->label_pos = c->len;
    if (kind == K_LOOP)
        c->loop_depth++;
    return k;
}

static void set_unreachable(C *c)
{
    Ctl *k = &c->ctl[c->nctl - 1];
    c->sp = k->height;
    k->unreachable = true;
}

static void read_blocktype(C *c, uint32_t *np, const uint8_t **p, uint32_t *nr,
                           const uint8_t **r)
{
    if (c->r.p >= c->r.end)
        fail(c, "malformed: unexpected end");
    uint8_t b = *c->r.p;
    *np = 0; *p = NULL; *nr = 0; *r = NULL;
    if (b == 0x40) { c->r.p++; return; }
    if (b == TW_V128) fail(c, "unsupported: SIMD (v128 type)");
    if (vt_one[b]) { c->r.p++; *nr = 1; *r = &vt_one[b]; return; }
    int64_t idx;
    if (!tw_read_s33(&c->r, &idx))
        fail(c, "malformed: %s", c->r.err ? c->r.err : "block type");
    if (idx < 0)
        fail(c, "malformed: block type");
    if ((uint64_t)idx >= c->m->ntypes)
        fail(c, "invalid: unknown type");
    const tw_functype *ft = &c->m->types[idx];
    *np = ft->nparams; *p = ft->params; *nr = ft->nresults; *r = ft->results;
}

/* Pops the given types (checking them), last first. */
static void pop_types(C *c, uint32_t n, const uint8_t *t)
{
    for (uint32_t i = n; i-- > 0;)
        pop(c, t[i]);
}

/* Checks that the stack holds values of types t on top and leaves them there. */
static void check_top(C *c, uint32_t n, const uint8_t *t)
{
    Ctl *k = &c->ctl[c->nctl - 1];
    for (uint32_t i = 0; i < n; i++) {
        uint32_t want = t[n - 1 - i];
        if (c->sp - k->height <= i) {
            if (!k->unreachable)
                fail(c, "invalid: type mismatch");
            continue;
        }
        uint8_t have = c->stk[c->sp - 1 - i].type;
        if (have && have != want)
            fail(c, "invalid: type mismatch");
    }
}

static uint32_t label_arity(Ctl *t, const uint8_t **types)
{
    if (t->kind == K_LOOP) { *types = t->params; return t->nparams; }
    *types = t->results;
    return t->nresults;
}

/* Returns from the function with the top n values as results. */
static void emit_return(C *c, uint32_t n)
{
    if (!live(c))
        return;
    if (n == 0) {
        emit_op(c, IOP_RET0);
    } else if (n == 1) {
        uint32_t s = use(c, &c->stk[c->sp - 1]);
        emit_op(c, IOP_RET1);
        emitw(c, s);
    } else {
        /* into canonical slots first: copying straight into fp[0..] could clobber a local
         * that a later result still reads */
        for (uint32_t i = c->sp - n; i < c->sp; i++)
            materialize_one(c, &c->stk[i]);
        for (uint32_t i = 0; i < n; i++) {
            uint32_t s = c->stk[c->sp - n + i].cslot;
            if (s != i) {
                emit_copy(c, i, s);
            }
        }
        emit_op(c, IOP_RET0);
    }
}

/* Does branching to t need copies (values not already at t's slots)? */
static bool branch_needs_copies(C *c, Ctl *t)
{
    const uint8_t *ty;
    uint32_t n = label_arity(t, &ty);
    if (t->kind == K_FUNC)
        return true;
    for (uint32_t i = 0; i < n; i++)
        if (c->stk[c->sp - n + i].slot != cslot_at(c, t->height + i))
            return true;
    return false;
}

/* Unconditional jump to label t carrying the top values (emits copies as needed). */
static void emit_branch(C *c, Ctl *t)
{
    const uint8_t *ty;
    uint32_t n = label_arity(t, &ty);
    if (t->kind == K_FUNC) {
        emit_return(c, n);
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        Opnd *e = &c->stk[c->sp - n + i];
        uint32_t s = use(c, e), d = cslot_at(c, t->height + i);
        if (s != d) {
            emit_copy(c, d, s);
        }
    }
    emit_op(c, IOP_BR);
    if (t->kind == K_LOOP)
        emit_back(c, t->loop_pc);
    else
        emit_fwd(c, &t->patches);
}

/* A branch on one path only: emit_branch may write constants into canonical slots, which
 * the other path does not see, so the stack entries are restored afterwards. */
static void emit_branch_keeping(C *c, Ctl *t)
{
    const uint8_t *ty;
    uint32_t n = label_arity(t, &ty);
    Opnd saved[8];
    Opnd *sv = n <= 8 ? saved : malloc(n * sizeof *sv);
    if (!sv)
        fail(c, "out of memory");
    memcpy(sv, &c->stk[c->sp - n], n * sizeof *sv);
    emit_branch(c, t);
    memcpy(&c->stk[c->sp - n], sv, n * sizeof *sv);
    if (sv != saved)
        free(sv);
}

static Ctl *label(C *c, uint32_t depth)
{
    if (depth >= c->nctl)
        fail(c, "invalid: unknown label");
    return &c->ctl[c->nctl - 1 - depth];
}

/* ---- instructions ---------------------------------------------------------------- */

/* Superinstructions for a binary operator whose operand (b, or a for commutative ones)
 * was just computed into a temporary by the previous instruction: a load (X_M) or a
 * shift by a constant (I32_ADD_SHL). The previous instruction is taken back. */
static bool fuse_bin(C *c, uint32_t iop, Opnd *a, Opnd *b, uint8_t tr)
{
    if (c->last_dst_pos == NO_POS || c->last_dst_pos != c->last_pos + 1)
        return false;
    Opnd *fed, *other;
    if (c->last_dst_sp == c->sp + 1 && b->slot == b->cslot)
        fed = b, other = a;
    else if (c->last_dst_sp == c->sp && a->slot == a->cslot)
        fed = a, other = b;
    else
        return false;
    if (other->slot == CONST_SLOT)
        return false;
    uint32_t prev = c->code[c->last_pos], p = c->last_pos;
    bool commutative = true;
    uint32_t fused = 0, load = 0;
    switch (iop) {
#define MEM_CASE(name, ld, st, T, op)                                                      \
    case IOP_##name: fused = IOP_##name##_M; load = IOP_##ld;                              \
        commutative = iop != IOP_F64_SUB && iop != IOP_F32_SUB; break;
        TW_MEM_BINOPS(MEM_CASE)
#undef MEM_CASE
    }
    if (fed == a && !commutative)
        return false;
    if (fused && prev == load) {
        uint32_t addr = c->code[p + 2], add = c->code[p + 3], off = c->code[p + 4];
        take_back(c);
        emit_def(c, fused, tr, 4, (const uint32_t[]){ other->slot, addr, add, off });
        return true;
    }
    uint32_t shifted = 0;
    if (iop == IOP_I32_ADD && prev == IOP_I32_SHL_IMM)
        shifted = IOP_I32_ADD_SHL;
    if (iop == IOP_I32_XOR && prev == IOP_I32_ROTL_IMM)
        shifted = IOP_I32_XOR_ROTL;
    if (shifted) {
        uint32_t x = c->code[p + 2], k = c->code[p + 3];
        take_back(c);
        emit_def(c, shifted, tr, 3, (const uint32_t[]){ other->slot, x, k });
        return true;
    }
    return false;
}

static void op_bin(C *c, uint32_t iop, uint8_t ta, uint8_t tb, uint8_t tr)
{
    Opnd b = pop(c, tb), a = pop(c, ta);
    bool lv = live(c);
    /* i32/i64 operators have an immediate form X_IMM == X + 1 (iops.h); i64 immediates
     * are sign-extended from 32 bits */
    if (lv && b.slot == CONST_SLOT &&
        (ta == TW_I32 || (ta == TW_I64 && (int64_t)b.imm == (int32_t)(uint32_t)b.imm))) {
        uint32_t sa = use(c, &a);
        emit_def(c, iop + 1, tr, 2, (const uint32_t[]){ sa, (uint32_t)b.imm });
        return;
    }
    if (lv && fuse_bin(c, iop, &a, &b, tr))
        return;
    uint32_t sa = use(c, &a), sb = use(c, &b);
    emit_def(c, iop, tr, 2, (const uint32_t[]){ sa, sb });
}

static void op_un(C *c, uint32_t iop, uint8_t ta, uint8_t tr)
{
    Opnd a = pop(c, ta);
    uint32_t sa = use(c, &a);
    emit_def(c, iop, tr, 1, (const uint32_t[]){ sa });
}

static void need_memory(C *c)
{
    if (c->m->nmemories == 0)
        fail(c, "invalid: unknown memory 0");
}

static uint32_t memarg(C *c, uint32_t natural)
{
    uint32_t align = rd_u32(c);
    uint32_t offset = rd_u32(c);
    need_memory(c);
    if (align > natural)
        fail(c, "invalid: alignment must not be larger than natural");
    return offset;
}

/* If the address a was just computed by I32_ADD_IMM into a temporary, take that
 * instruction back: returns its source slot and sets *add to its constant. */
/* For loads: if the address was just computed by I32_ADD or I32_ADD_SHL into a
 * temporary, take it back and return true with base, index and shift for the X_X form. */
static bool address_indexed(C *c, Opnd *a, uint32_t *base, uint32_t *index, uint32_t *shift)
{
    if (!live(c) || c->last_dst_pos == NO_POS || c->last_dst_sp != c->sp ||
        a->slot != a->cslot || c->last_dst_pos != c->last_pos + 1)
        return false;
    uint32_t op = c->code[c->last_pos];
    if (op != IOP_I32_ADD && op != IOP_I32_ADD_SHL)
        return false;
    *base = c->code[c->last_pos + 2];
    *index = c->code[c->last_pos + 3];
    *shift = op == IOP_I32_ADD ? 0 : c->code[c->last_pos + 4];
    take_back(c);
    return true;
}

static uint32_t address(C *c, Opnd *a, uint32_t *add)
{
    *add = 0;
    if (live(c) && c->last_dst_pos != NO_POS && c->last_dst_sp == c->sp &&
        a->slot == a->cslot && c->code[c->last_pos] == IOP_I32_ADD_IMM &&
        c->last_dst_pos == c->last_pos + 1) {
        uint32_t src = c->code[c->last_pos + 2];
        *add = c->code[c->last_pos + 3];
        take_back(c);
        return src;
    }
    return use(c, a);
}

static void op_load(C *c, uint32_t iop, uint32_t natural, uint8_t tr)
{
    uint32_t off = memarg(c, natural);
    Opnd a = pop(c, TW_I32);
    uint32_t base, index, shift;
    if (address_indexed(c, &a, &base, &index, &shift)) {
        emit_def(c, iop + 1 /* IOP_X_X */, tr, 4, (const uint32_t[]){ base, index, shift, off });
        return;
    }
    uint32_t add, sa = address(c, &a, &add);
    emit_def(c, iop, tr, 3, (const uint32_t[]){ sa, add, off });
}

static void op_store(C *c, uint32_t iop, uint32_t natural, uint8_t tv)
{
    uint32_t off = memarg(c, natural);
    uint32_t vpos = c->sp - 1;
    Opnd v = pop(c, tv), a = pop(c, TW_I32);
    /* mem[p] = mem[p] op x, where X_M computed the value from the same address: X_MS */
    if (live(c) && c->last_dst_pos == c->last_pos + 1 && c->last_dst_sp == vpos &&
        v.slot == v.cslot && a.slot != CONST_SLOT) {
        uint32_t p = c->last_pos, ms = 0;
        switch (c->code[p]) {
#define MS_CASE(name, ld, st, T, op)                                                       \
        case IOP_##name##_M: if (iop == IOP_##st) ms = IOP_##name##_MS; break;
            TW_MEM_BINOPS(MS_CASE)
#undef MS_CASE
        }
        if (ms && c->code[p + 3] == a.slot && c->code[p + 4] == 0 && c->code[p + 5] == off) {
            /* [X_M d a addr add off] -> [X_MS a addr add off] */
            c->code[p] = ms;
            memmove(&c->code[p + 1], &c->code[p + 2], 4 * sizeof *c->code);
            c->len = p + 5;
            c->last_dst_pos = NO_POS;
            /* mem[p] += x * mem[q] (axpy): [F64_MUL_M t x q..][F64_ADD_MS t p..] -> FMA_MS,
             * when t is a temporary that only carried the product (two roundings, as in
             * wasm: this is not a fused multiply-add) */
            uint32_t q = c->prev_pos;
            if (ms == IOP_F64_ADD_MS && q != NO_POS && q + 6 == p && c->label_pos != p &&
                c->code[q] == IOP_F64_MUL_M && c->code[q + 1] == c->code[p + 1] &&
                c->code[q + 1] >= c->locals_end) {
                uint32_t f[8] = { IOP_F64_FMA_MS, c->code[q + 2], c->code[q + 3], c->code[q + 4],
                                  c->code[q + 5], c->code[p + 2], c->code[p + 3], c->code[p + 4] };
                memcpy(&c->code[q], f, sizeof f);
                c->len = q + 8;
                c->prev_pos = NO_POS;
            }
            return;
        }
    }
    /* the address fuses only if the value needed no code after it */
    uint32_t add = 0, sa;
    if (v.slot != v.cslot)
        sa = address(c, &a, &add);
    else
        sa = use(c, &a);
    uint32_t sv = use(c, &v);
    if (live(c)) {
        emit_op(c, iop);
        emitw(c, sa);
        emitw(c, sv);
        emitw(c, add);
        emitw(c, off);
    }
}

static void op_local_set(C *c, uint32_t x, bool tee)
{
    if (x >= c->nlocals)
        fail(c, "invalid: unknown local %u", x);
    uint8_t t = c->ltypes[x];
    uint32_t top = c->sp;               /* index the value had */
    Opnd v = pop(c, t);
    /* locals start at zero: setting a never-written local to 0 outside any loop is a no-op */
    bool zero_noop = v.slot == CONST_SLOT && v.imm == 0 && x >= c->nparams &&
                     !c->written[x] && c->loop_depth == 0;
    c->written[x] = 1;
    if (live(c) && !zero_noop) {
        bool fusable = c->last_dst_pos != NO_POS && c->last_dst_sp + 1 == top &&
                       v.slot == v.cslot;
        for (uint32_t i = c->ctl[c->nctl - 1].height; i < c->sp && fusable; i++)
            if (c->stk[i].slot == x)
                fusable = false;
        if (fusable) {
            c->code[c->last_dst_pos] = x;
        } else {
            materialize_local(c, x);
            if (v.slot == CONST_SLOT) {
                if (t == TW_I32 || t == TW_F32) {
                    emit_op(c, IOP_CONST32);
                    emitw(c, x);
                    emitw(c, (uint32_t)v.imm);
                } else {
                    emit_op(c, IOP_CONST64);
                    emitw(c, x);
                    emitw(c, (uint32_t)v.imm);
                    emitw(c, (uint32_t)(v.imm >> 32));
                }
            } else if (v.slot != x) {
                emit_copy(c, x, v.slot);
            }
        }
    }
    c->last_dst_pos = NO_POS;
    if (tee) {
        Opnd *e = push(c, t);
        e->slot = x;
    }
}

static void op_const(C *c, uint8_t t, uint64_t bits)
{
    Opnd *e = push(c, t);
    e->slot = CONST_SLOT;
    e->imm = bits;
}

/* arguments of a call: pop (checking), put them in canonical slots; returns the base */
static uint32_t call_args(C *c, const tw_functype *ft)
{
    pop_types(c, ft->nparams, ft->params);
    uint32_t base = cslot_at(c, c->sp);
    if (live(c))
        for (uint32_t i = 0; i < ft->nparams; i++)
            materialize_one(c, &c->stk[c->sp + i]);
    return base;
}

static void call_results(C *c, const tw_functype *ft)
{
    for (uint32_t i = 0; i < ft->nresults; i++)
        push(c, ft->results[i]);
    c->last_dst_pos = NO_POS;
}

static void op_br_if(C *c, uint32_t depth)
{
    Opnd cond = pop(c, TW_I32);
    Ctl *t = label(c, depth);
    const uint8_t *ty;
    uint32_t n = label_arity(t, &ty);
    if (!live(c)) {
        /* [t* i32] -> [t*]: afterwards the stack holds exactly the label's types */
        pop_types(c, n, ty);
        for (uint32_t i = 0; i < n; i++)
            push(c, ty[i]);
        return;
    }
    check_top(c, n, ty);
    /* values that stay on the stack if the branch is not taken must not depend on it */
    bool copies = branch_needs_copies(c, t);
    uint32_t prod = c->last_pos;
    bool cond_is_last = c->last_dst_pos != NO_POS && c->last_dst_sp == c->sp &&
                        cond.slot == cond.cslot;
    if (!copies && cond_is_last) {
        uint32_t op = c->code[prod];
        uint32_t fused = 0;
        switch (op) {
#define CMP_FUSE(name, sem)                                                                \
        case IOP_I32_##name: fused = IOP_BR_IF_I32_##name; break;                           \
        case IOP_I32_##name##_IMM: fused = IOP_BR_IF_I32_##name##_IMM; break;
            TW_I32_CMPS(CMP_FUSE)
#undef CMP_FUSE
        case IOP_I32_EQZ: fused = IOP_BR_UNLESS; break;
        }
        if (fused) {
            /* [cmp d a b] becomes [br_if_cmp a b off] (b may be an immediate);
             * [eqz d a] becomes [br_unless a off] */
            uint32_t q = c->prev_pos;
            if (op != IOP_I32_EQZ && q != NO_POS && q + 4 == prod && c->label_pos != prod &&
                c->code[q] == IOP_I32_ADD_IMM && c->code[q + 1] == c->code[prod + 2]) {
                /* [add_imm d a k][cmp t d b] becomes [addbr_cmp d a k b off]: the step
                 * and the test of a loop in one instruction */
                c->code[q] = fused + 2;
                c->code[q + 4] = c->code[prod + 3];
                c->len = q + 5;
            } else {
                c->code[prod] = fused;
                c->code[prod + 1] = c->code[prod + 2];
                if (op != IOP_I32_EQZ)
                    c->code[prod + 2] = c->code[prod + 3];
                c->len = op == IOP_I32_EQZ ? prod + 2 : prod + 3;
            }
            c->last_dst_pos = NO_POS;
            c->prev_pos = NO_POS;
            if (t->kind == K_LOOP)
                emit_back(c, t->loop_pc);
            else
                emit_fwd(c, &t->patches);
            return;
        }
    }
    uint32_t sc = use(c, &cond);
    if (!copies) {
        emit_op(c, IOP_BR_IF);
        emitw(c, sc);
        if (t->kind == K_LOOP)
            emit_back(c, t->loop_pc);
        else
            emit_fwd(c, &t->patches);
        return;
    }
    uint32_t skip = 0;
    emit_op(c, IOP_BR_UNLESS);
    emitw(c, sc);
    emit_fwd(c, &skip);
    emit_branch_keeping(c, t);
    patch_chain(c, skip, c->len);
    c->last_dst_pos = NO_POS;
}

static void op_br_table(C *c)
{
    uint32_t n = rd_u32(c);
    if (n > (uint32_t)(c->r.end - c->r.p))
        fail(c, "malformed: unexpected end");
    uint32_t *depths = c->tmp = malloc(((size_t)n + 1) * sizeof *depths);
    if (!depths)
        fail(c, "out of memory");
    for (uint32_t i = 0; i <= n; i++) {
        uint32_t d;
        if (!tw_read_u32(&c->r, &d))
            fail(c, "malformed: %s", c->r.err ? c->r.err : "unexpected end");
        depths[i] = d;
    }
    Opnd idx = pop(c, TW_I32);
    uint32_t arity = 0;
    for (uint32_t i = 0; i <= n; i++) {
        if (depths[i] >= c->nctl)
            fail(c, "invalid: unknown label");
        Ctl *t = label(c, depths[i]);
        const uint8_t *ty;
        uint32_t a = label_arity(t, &ty);
        if (i == 0)
            arity = a;
        else if (a != arity)
            fail(c, "invalid: type mismatch (br_table arity)");
        check_top(c, a, ty);
    }
    if (live(c)) {
        uint32_t si = use(c, &idx);
        emit_op(c, IOP_BR_TABLE);
        emitw(c, si);
        emitw(c, n);
        uint32_t first = c->len;
        for (uint32_t i = 0; i <= n; i++)
            emitw(c, 0);
        /* each target: direct if the values are in place, else a stub after the table */
        for (uint32_t i = 0; i <= n; i++) {
            Ctl *t = label(c, depths[i]);
            uint32_t w = first + i;
            if (!branch_needs_copies(c, t) && t->kind != K_LOOP) {
                c->code[w] = t->patches;
                t->patches = w;
            } else if (!branch_needs_copies(c, t)) {
                c->code[w] = t->loop_pc - w;
            } else {
                c->code[w] = c->len - w;
                emit_branch_keeping(c, t);
            }
        }
    }
    free(depths);
    c->tmp = NULL;
    set_unreachable(c);
}

static void op_end(C *c)
{
    Ctl *k = &c->ctl[c->nctl - 1];
    if (k->kind == K_IF) {
        /* no else: the params pass through as results */
        if (k->nparams != k->nresults ||
            (k->nparams && memcmp(k->params, k->results, k->nparams)))
            fail(c, "invalid: type mismatch (if without else)");
    }
    pop_types(c, k->nresults, k->results);
    if (c->sp != k->height)
        fail(c, "invalid: type mismatch (values remaining on the stack at end of block)");
    c->sp += k->nresults;   /* they are still there; now make them canonical */
    if (k->kind == K_FUNC) {
        emit_return(c, k->nresults);
        c->nctl--;
        return;
    }
    if (live(c))
        materialize(c);
    if (k->kind == K_IF)
        patch_chain(c, k->else_pos == NO_POS ? 0 : k->else_pos, c->len);
    patch_chain(c, k->patches, c->len);
    if (k->kind == K_LOOP)
        c->loop_depth--;
    c->sp = k->height;
    c->nctl--;
    for (uint32_t i = 0; i < k->nresults; i++)
        push(c, k->results[i]);
    c->last_dst_pos = NO_POS;
}

static void op_else(C *c)
{
    Ctl *k = &c->ctl[c->nctl - 1];
    if (k->kind != K_IF)
        fail(c, "malformed: else without if");
    pop_types(c, k->nresults, k->results);
    if (c->sp != k->height)
        fail(c, "invalid: type mismatch (values remaining on the stack at else)");
    c->sp += k->nresults;
    if (live(c)) {
        materialize(c);
        emit_op(c, IOP_BR);
        emit_fwd(c, &k->patches);
    }
    patch_chain(c, k->else_pos == NO_POS ? 0 : k->else_pos, c->len);
    k->else_pos = NO_POS;
    k->kind = K_ELSE;
    k->unreachable = false;
    c->sp = k->height;
    for (uint32_t i = 0; i < k->nparams; i++)
        push(c, k->params[i]);
    c->last_dst_pos = NO_POS;
}

static void op_block(C *c, uint8_t kind)
{
    uint32_t np, nr;
    const uint8_t *p, *r;
    read_blocktype(c, &np, &p, &nr, &r);
    Opnd cond = { 0, 0, 0, 0 };
    if (kind == K_IF)
        cond = pop(c, TW_I32);
    check_top(c, np, p);
    if (c->sp - c->ctl[c->nctl - 1].height < np) {
        /* polymorphic (dead) stack with too few entries: give the block its params */
        c->sp = c->ctl[c->nctl - 1].height;
        for (uint32_t i = 0; i < np; i++)
            push(c, p[i]);
    }
    materialize(c);
    uint32_t sc = 0;
    if (kind == K_IF)
        sc = use(c, &cond);
    Ctl *k = push_ctl(c, kind, np, p, nr, r);
    if (kind == K_IF && live(c)) {
        emit_op(c, IOP_BR_UNLESS);
        emitw(c, sc);
        k->else_pos = 0;
        emit_fwd(c, &k->else_pos);
    }
}

/* ---- the compile step of each instruction ------------------------------------------------
 * The numeric ones (kinds BIN, BINT, UN, UNT, LOAD, STORE in opcodes.h) go through op_bin,
 * op_un, op_load and op_store; every other instruction has its function compile_NAME,
 * called from the table-generated dispatch in compile_body. */

static void compile_UNREACHABLE(C *c)
{
    if (live(c))
        emit_op(c, IOP_UNREACHABLE);
    set_unreachable(c);
}

static void compile_NOP(C *c) { (void)c; }
static void compile_BLOCK(C *c) { op_block(c, K_BLOCK); }
static void compile_LOOP(C *c) { op_block(c, K_LOOP); }
static void compile_IF(C *c) { op_block(c, K_IF); }
static void compile_ELSE(C *c) { op_else(c); }
static void compile_END(C *c) { op_end(c); }
static void compile_BR_IF(C *c) { op_br_if(c, rd_u32(c)); }
static void compile_BR_TABLE(C *c) { op_br_table(c); }

static void compile_BR(C *c)
{
    Ctl *t = label(c, rd_u32(c));
    const uint8_t *ty;
    uint32_t n = label_arity(t, &ty);
    check_top(c, n, ty);
    if (live(c))
        emit_branch(c, t);
    set_unreachable(c);
}

static void compile_RETURN(C *c)
{
    Ctl *t = &c->ctl[0];
    check_top(c, t->nresults, t->results);
    emit_return(c, t->nresults);
    set_unreachable(c);
}

static void compile_CALL(C *c)
{
    tw_module *m = c->m;
    uint32_t f = rd_u32(c);
    if (f >= m->nfuncs)
        fail(c, "invalid: unknown function %u", f);
    const tw_functype *t = &m->types[m->func_types[f]];
    uint32_t base = call_args(c, t);
    if (live(c)) {
        emit_op(c, f < m->nimported_funcs ? IOP_CALL_IMPORT : IOP_CALL);
        emitw(c, f);
        emitw(c, base);
    }
    call_results(c, t);
}

static void compile_CALL_INDIRECT(C *c)
{
    tw_module *m = c->m;
    uint32_t ti = rd_u32(c);
    uint32_t tab = rd_u32(c);
    if (tab >= m->ntables)
        fail(c, "invalid: unknown table %u", tab);
    if (ti >= m->ntypes)
        fail(c, "invalid: unknown type %u", ti);
    if (m->tables[tab].elemtype != TW_FUNCREF)
        fail(c, "invalid: type mismatch (call_indirect on a non-funcref table)");
    Opnd i = pop(c, TW_I32);
    uint32_t si = use(c, &i);
    const tw_functype *t = &m->types[ti];
    uint32_t base = call_args(c, t);
    if (live(c)) {
        emit_op(c, IOP_CALL_INDIRECT);
        emitw(c, ti);
        emitw(c, tab);
        emitw(c, si);
        emitw(c, base);
    }
    call_results(c, t);
}

static void compile_DROP(C *c) { pop_any(c); }

/* select (numeric operands, their type inferred) and select t (the type given). */
static void op_select(C *c, bool typed)
{
    uint8_t t = 0;
    if (typed) {
        uint32_t n = rd_u32(c);
        if (n != 1)
            fail(c, "invalid: invalid result arity");
        t = rd_u8(c);
        if (t == TW_V128)
            fail(c, "unsupported: SIMD (v128 type)");
        if (!is_num(t) && !is_ref(t))
            fail(c, "malformed: value type");
    }
    Opnd cond = pop(c, TW_I32);
    Opnd b = pop(c, t), a = pop(c, t);
    if (!typed) {
        if ((a.type && !is_num(a.type)) || (b.type && !is_num(b.type)))
            fail(c, "invalid: type mismatch (select needs numeric operands)");
        if (a.type && b.type && a.type != b.type)
            fail(c, "invalid: type mismatch");
        t = a.type ? a.type : b.type;
    }
    uint32_t sa = use(c, &a), sb = use(c, &b), sc = use(c, &cond);
    emit_def(c, IOP_SELECT, t, 3, (const uint32_t[]){ sa, sb, sc });
}
static void compile_SELECT(C *c) { op_select(c, false); }
static void compile_SELECT_T(C *c) { op_select(c, true); }

static void compile_LOCAL_GET(C *c)
{
    uint32_t x = rd_u32(c);
    if (x >= c->nlocals)
        fail(c, "invalid: unknown local %u", x);
    Opnd *e = push(c, c->ltypes[x]);
    e->slot = x;
    c->last_dst_pos = NO_POS;
}
static void compile_LOCAL_SET(C *c) { op_local_set(c, rd_u32(c), false); }
static void compile_LOCAL_TEE(C *c) { op_local_set(c, rd_u32(c), true); }

static uint32_t global_index(C *c)
{
    uint32_t g = rd_u32(c);
    if (g >= c->m->nglobals)
        fail(c, "invalid: unknown global %u", g);
    return g;
}

static void compile_GLOBAL_GET(C *c)
{
    uint32_t g = global_index(c);
    emit_def(c, IOP_GLOBAL_GET, c->m->globals[g].valtype, 1, (const uint32_t[]){ g });
}

static void compile_GLOBAL_SET(C *c)
{
    uint32_t g = global_index(c);
    if (!c->m->globals[g].mut)
        fail(c, "invalid: global is immutable");
    Opnd v = pop(c, c->m->globals[g].valtype);
    uint32_t s = use(c, &v);
    if (live(c)) {
        emit_op(c, IOP_GLOBAL_SET);
        emitw(c, g);
        emitw(c, s);
    }
}

static uint32_t table_index(C *c)
{
    uint32_t t = rd_u32(c);
    if (t >= c->m->ntables)
        fail(c, "invalid: unknown table %u", t);
    return t;
}

static void compile_TABLE_GET(C *c)
{
    uint32_t t = table_index(c);
    Opnd i = pop(c, TW_I32);
    uint32_t si = use(c, &i);
    emit_def(c, IOP_TABLE_GET, c->m->tables[t].elemtype, 2, (const uint32_t[]){ t, si });
}

static void compile_TABLE_SET(C *c)
{
    uint32_t t = table_index(c);
    Opnd v = pop(c, c->m->tables[t].elemtype), i = pop(c, TW_I32);
    uint32_t sv = use(c, &v), si = use(c, &i);
    if (live(c)) {
        emit_op(c, IOP_TABLE_SET);
        emitw(c, t);
        emitw(c, si);
        emitw(c, sv);
    }
}

static void compile_MEMORY_SIZE(C *c)
{
    rd_zero(c);
    need_memory(c);
    Opnd *r = push(c, TW_I32);
    if (live(c)) {
        emit_op(c, IOP_MEMORY_SIZE);
        produced(c, emitw(c, r->cslot));
    }
}

static void compile_MEMORY_GROW(C *c)
{
    rd_zero(c);
    need_memory(c);
    Opnd n = pop(c, TW_I32);
    uint32_t sn = use(c, &n);
    emit_def(c, IOP_MEMORY_GROW, TW_I32, 1, (const uint32_t[]){ sn });
}

static void compile_I32_CONST(C *c)
{
    int32_t v;
    if (!tw_read_s32(&c->r, &v))
        fail(c, "malformed: %s", c->r.err ? c->r.err : "unexpected end");
    op_const(c, TW_I32, (uint32_t)v);
}

static void compile_I64_CONST(C *c)
{
    int64_t v;
    if (!tw_read_s64(&c->r, &v))
        fail(c, "malformed: %s", c->r.err ? c->r.err : "unexpected end");
    op_const(c, TW_I64, (uint64_t)v);
}

static void compile_F32_CONST(C *c)
{
    uint32_t v;
    if (!tw_read_f32(&c->r, &v))
        fail(c, "malformed: unexpected end");
    op_const(c, TW_F32, v);
}

static void compile_F64_CONST(C *c)
{
    uint64_t v;
    if (!tw_read_f64(&c->r, &v))
        fail(c, "malformed: unexpected end");
    op_const(c, TW_F64, v);
}

static void compile_REF_NULL(C *c)
{
    uint8_t t = rd_u8(c);
    if (!is_ref(t))
        fail(c, "malformed: reference type");
    op_const(c, t, 0);
}

static void compile_REF_IS_NULL(C *c)
{
    Opnd a = pop_any(c);
    if (a.type && !is_ref(a.type))
        fail(c, "invalid: type mismatch (ref.is_null needs a reference)");
    uint32_t sa = use(c, &a);
    emit_def(c, IOP_REF_IS_NULL, TW_I32, 1, (const uint32_t[]){ sa });
}

static void compile_REF_FUNC(C *c)
{
    uint32_t f = rd_u32(c);
    if (f >= c->m->nfuncs)
        fail(c, "invalid: unknown function %u", f);
    if (!c->m->func_declared || !c->m->func_declared[f])
        fail(c, "invalid: undeclared function reference");
    emit_def(c, IOP_REF_FUNC, TW_FUNCREF, 1, (const uint32_t[]){ f });
}

static void compile_PREFIX_SIMD(C *c) { fail(c, "unsupported: SIMD instruction"); }

/* 0xFC-prefixed: the bulk memory and table instructions */

/* Three i32 operands (n, s, d popped in that order): their slots, in d s n order. */
static void pop_dsn(C *c, uint32_t out[3])
{
    Opnd n = pop(c, TW_I32), s = pop(c, TW_I32), d = pop(c, TW_I32);
    out[2] = use(c, &n);
    out[1] = use(c, &s);
    out[0] = use(c, &d);
}

static uint32_t data_index(C *c)
{
    uint32_t seg = rd_u32(c);
    if (!c->m->has_datacount)
        fail(c, "malformed: data count section required");
    if (seg >= c->m->datacount)
        fail(c, "invalid: unknown data segment %u", seg);
    return seg;
}

static void compile_MEMORY_INIT(C *c)
{
    uint32_t seg = rd_u32(c);
    rd_zero(c);
    need_memory(c);
    if (!c->m->has_datacount)
        fail(c, "malformed: data count section required");
    if (seg >= c->m->datacount)
        fail(c, "invalid: unknown data segment %u", seg);
    uint32_t s[3];
    pop_dsn(c, s);
    if (live(c)) {
        emit_op(c, IOP_MEMORY_INIT);
        emitw(c, seg); emitw(c, s[0]); emitw(c, s[1]); emitw(c, s[2]);
    }
}

static void compile_DATA_DROP(C *c)
{
    uint32_t seg = data_index(c);
    if (live(c)) {
        emit_op(c, IOP_DATA_DROP);
        emitw(c, seg);
    }
}

static void op_memory_copy_fill(C *c, bool copy)
{
    rd_zero(c);
    if (copy)
        rd_zero(c);
    need_memory(c);
    uint32_t s[3];
    pop_dsn(c, s);
    if (live(c)) {
        emit_op(c, copy ? IOP_MEMORY_COPY : IOP_MEMORY_FILL);
        emitw(c, s[0]); emitw(c, s[1]); emitw(c, s[2]);
    }
}
static void compile_MEMORY_COPY(C *c) { op_memory_copy_fill(c, true); }
static void compile_MEMORY_FILL(C *c) { op_memory_copy_fill(c, false); }

static uint32_t elem_index(C *c, uint32_t seg)
{
    if (seg >= c->m->nelems)
        fail(c, "invalid: unknown elem segment %u", seg);
    return seg;
}

static void compile_TABLE_INIT(C *c)
{
    uint32_t seg = rd_u32(c), t = table_index(c);
    elem_index(c, seg);
    if (c->m->elems[seg].elemtype != c->m->tables[t].elemtype)
        fail(c, "invalid: type mismatch");
    uint32_t s[3];
    pop_dsn(c, s);
    if (live(c)) {
        emit_op(c, IOP_TABLE_INIT);
        emitw(c, t); emitw(c, seg); emitw(c, s[0]); emitw(c, s[1]); emitw(c, s[2]);
    }
}

static void compile_ELEM_DROP(C *c)
{
    uint32_t seg = elem_index(c, rd_u32(c));
    if (live(c)) {
        emit_op(c, IOP_ELEM_DROP);
        emitw(c, seg);
    }
}

static void compile_TABLE_COPY(C *c)
{
    tw_module *m = c->m;
    uint32_t dt = rd_u32(c), st = rd_u32(c);
    if (dt >= m->ntables || st >= m->ntables)
        fail(c, "invalid: unknown table");
    if (m->tables[dt].elemtype != m->tables[st].elemtype)
        fail(c, "invalid: type mismatch");
    uint32_t s[3];
    pop_dsn(c, s);
    if (live(c)) {
        emit_op(c, IOP_TABLE_COPY);
        emitw(c, dt); emitw(c, st); emitw(c, s[0]); emitw(c, s[1]); emitw(c, s[2]);
    }
}

static void compile_TABLE_GROW(C *c)
{
    uint32_t t = table_index(c);
    Opnd n = pop(c, TW_I32), v = pop(c, c->m->tables[t].elemtype);
    uint32_t sn = use(c, &n), sv = use(c, &v);
    emit_def(c, IOP_TABLE_GROW, TW_I32, 3, (const uint32_t[]){ t, sv, sn });
}

static void compile_TABLE_SIZE(C *c)
{
    uint32_t t = table_index(c);
    emit_def(c, IOP_TABLE_SIZE, TW_I32, 1, (const uint32_t[]){ t });
}

static void compile_TABLE_FILL(C *c)
{
    uint32_t t = table_index(c);
    Opnd n = pop(c, TW_I32), v = pop(c, c->m->tables[t].elemtype), i = pop(c, TW_I32);
    uint32_t sn = use(c, &n), sv = use(c, &v), si = use(c, &i);
    if (live(c)) {
        emit_op(c, IOP_TABLE_FILL);
        emitw(c, t); emitw(c, si); emitw(c, sv); emitw(c, sn);
    }
}

/* The compile step of an instruction, from opcodes.h: a numeric kind's generic one, or the
 * instruction's own function. (a##_: pasted before a type name could expand.) */
#define STEP(code, name, text, kind, a, b, r, sem) case code: STEP_##kind(name, a, b, r); break;
#define STEP_BIN(name, a, b, r) op_bin(c, IOP_##name, a, b, r)
#define STEP_BINT(name, a, b, r) op_bin(c, IOP_##name, a, b, r)
#define STEP_UN(name, a, b, r) op_un(c, IOP_##name, a, r)
#define STEP_UNT(name, a, b, r) op_un(c, IOP_##name, a, r)
#define STEP_LOAD(name, a, b, r) op_load(c, IOP_##name, a, r)
#define STEP_STORE(name, a, b, r) op_store(c, IOP_##name, a, b)
#define STEP_CTRL(name, a, b, r) compile_##name(c)
#define STEP_VAR(name, a, b, r) compile_##name(c)
#define STEP_MISC(name, a, b, r) compile_##name(c)

static void compile_PREFIX_FC(C *c)
{
    uint32_t sub = rd_u32(c);
    switch (sub) {
        TW_OPCODES_FC(STEP)
    default:
        fail(c, "malformed: illegal opcode 0xfc %u", sub);
    }
}

static void compile_body(C *c)
{
    const tw_functype *ft = &c->m->types[c->m->func_types[c->func_idx]];
    push_ctl(c, K_FUNC, 0, NULL, ft->nresults, ft->results);
    while (c->nctl) {
        if (c->r.p >= c->r.end)
            fail(c, "malformed: unexpected end of section or function");
        uint8_t op = *c->r.p++;
        switch (op) {
            TW_OPCODES(STEP)
        default:
            fail(c, "malformed: illegal opcode 0x%02x", op);
        }
    }
    if (c->r.p != c->r.end)
        fail(c, "malformed: section size mismatch (code after the end of the function)");
}
#undef STEP

static int compile_func(tw_module *m, uint32_t fidx, char *err, size_t errlen)
{
    C cc;
    memset(&cc, 0, sizeof cc);
    C *c = &cc;
    c->m = m;
    c->func_idx = fidx;
    c->err = err;
    c->errlen = errlen;
    c->last_dst_pos = NO_POS;
    tw_body *b = &m->bodies[fidx - m->nimported_funcs];
    const tw_functype *ft = &m->types[m->func_types[fidx]];
    c->copy_pos = NO_POS;
    c->prev_pos = c->last_pos = NO_POS;
    if (setjmp(c->jb)) {
        free(c->tmp);
        free(c->written);
        free(c->code);
        free(c->stk);
        free(c->ctl);
        free(c->ltypes);
        return -1;
    }
    uint64_t total = (uint64_t)ft->nparams + b->nlocals;
    if (total > MAX_LOCALS)
        fail(c, "unsupported: too many locals (%llu; the limit is %u)",
             (unsigned long long)total, MAX_LOCALS);
    c->nlocals = (uint32_t)total;
    c->nparams = ft->nparams;
    c->written = calloc(total ? total : 1, 1);
    if (!c->written)
        fail(c, "out of memory");
    c->ltypes = malloc(total ? total : 1);
    if (!c->ltypes)
        fail(c, "out of memory");
    memcpy(c->ltypes, ft->params, ft->nparams);
    uint32_t k = ft->nparams;
    for (uint32_t g = 0; g < b->nlocal_groups; g++) {
        uint8_t t = b->local_types[g];
        if (t == TW_V128)
            fail(c, "unsupported: SIMD (v128 type)");
        if (!is_num(t) && !is_ref(t))
            fail(c, "malformed: value type 0x%02x", t);
        memset(c->ltypes + k, t, b->local_counts[g]);
        k += b->local_counts[g];
    }
    c->locals_end = c->nlocals;
    c->max_slot = c->locals_end;
    if (ft->nresults > c->max_slot)
        c->max_slot = ft->nresults;
    c->r.p = b->code;
    c->r.end = b->code + b->code_len;
    compile_body(c);

    uint32_t nzero = (c->nlocals - ft->nparams + 3) & ~3u;
    uint32_t frame_slots = c->max_slot;
    if (frame_slots < ft->nparams + nzero)
        frame_slots = ft->nparams + nzero;
    /* the code as the interpreter will trust it: operands in the frame, branches onto
     * instructions (iops.h's formats) */
    char why[160];
    if (tw_iop_check(c->code, c->len, frame_slots, why, sizeof why) != 0)
        fail(c, "internal error: %s", why);
    /* instruction numbers become handler offsets (direct threading) */
    const int32_t *h = tw_interp_handlers();
    for (uint32_t pc = 0; pc < c->len;) {
        uint32_t op = c->code[pc];
        c->code[pc] = (uint32_t)h[op];
        pc += tw_iop_length(c->code + pc, op);
    }

    tw_code *tc = calloc(1, sizeof *tc);
    if (!tc)
        fail(c, "out of memory");
    tc->code = realloc(c->code, (c->len ? c->len : 1) * sizeof *c->code);
    if (!tc->code) {
        free(tc);
        fail(c, "out of memory");
    }
    tc->len = c->len;
    tc->nparams = ft->nparams;
    tc->nlocals = c->nlocals - ft->nparams;
    tc->nzero = nzero;
    tc->frame_slots = frame_slots;
    tc->type = m->func_types[fidx];
    m->code[fidx - m->nimported_funcs] = tc;
    free(c->stk);
    free(c->ctl);
    free(c->ltypes);
    free(c->written);
    return 0;
}

void tw_code_free(tw_code *c)
{
    if (c) {
        free(c->code);
        free(c);
    }
}

int tw_compile_module(tw_module *m, char *err, size_t errlen)
{
    m->canon = calloc(m->ntypes ? m->ntypes : 1, sizeof *m->canon);
    uint32_t ndef = m->nfuncs - m->nimported_funcs;
    m->code = calloc(ndef ? ndef : 1, sizeof *m->code);
    if (!m->canon || !m->code) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* canonical types: equal signatures share one pointer, so call_indirect within a
     * module compares pointers */
    for (uint32_t i = 0; i < m->ntypes; i++) {
        m->canon[i] = &m->types[i];
        for (uint32_t j = 0; j < i; j++)
            if (tw_types_equal(&m->types[i], &m->types[j])) {
                m->canon[i] = m->canon[j];
                break;
            }
    }
    for (uint32_t f = m->nimported_funcs; f < m->nfuncs; f++)
        if (compile_func(m, f, err, errlen) < 0)
            return -1;
    return 0;
}
