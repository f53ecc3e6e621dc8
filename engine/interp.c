/* interp.c — executes internal code (iops.h); the execution API of engine.h.
 *
 * One C function, tw_run, runs a call to completion or until it must stop: out of fuel,
 * a host function that blocks, a trap. wasm->wasm calls push a tw_frame on the instance's
 * heap stack and jump: the C stack never grows with wasm recursion, so a stopped call is
 * just (ip, fp, frames) and can be resumed by any thread. A host function's nested call
 * (tw_hostcall_invoke) is no exception: it pushes a tw_nested_call and runs on the same
 * stacks from a stub; when it ends (or a trap unwinds to it) the host call is re-issued.
 *
 * Dispatch is direct-threaded computed goto: compile.c replaces each instruction number
 * by the offset of its handler's label (tw_interp_handlers), so dispatch is one load and
 * an indirect jump. Handlers address operands as frame slots
 * (fp[ip[k]]). Fuel is charged on function entry and on backward branches (loop
 * back-edges; compile.c only emits backward branches for loops).
 *
 * Values are little-endian in memory (the engine assumes a little-endian host).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "instance.h"
#include "iops.h"
#include "numeric.h"
#include "tunables.h"


static tw_status run(tw_instance *inst, uint64_t fuel, const int32_t **handlers);

tw_status tw_run(tw_instance *inst, uint64_t fuel) { return run(inst, fuel, NULL); }

#ifdef TW_PROFILE
static uint64_t prof[IOP_COUNT_][IOP_COUNT_];
static uint16_t *prof_map;
static int32_t prof_min;
static void tw_profile_count(int32_t a, int32_t b)
{
    if (!prof_map) {
        const int32_t *h = tw_interp_handlers();
        int32_t lo = h[0], hi = h[0];
        for (uint32_t i = 0; i < IOP_COUNT_; i++) {
            if (h[i] < lo) lo = h[i];
            if (h[i] > hi) hi = h[i];
        }
        prof_min = lo;
        prof_map = calloc((size_t)(hi - lo + 1), sizeof *prof_map);
        for (uint32_t i = 0; i < IOP_COUNT_; i++)
            prof_map[h[i] - lo] = (uint16_t)i;
    }
    prof[prof_map[a - prof_min]][prof_map[b - prof_min]]++;
}
void tw_profile_dump(FILE *out)
{
    uint64_t tot[IOP_COUNT_] = { 0 }, all = 0;
    for (int i = 0; i < IOP_COUNT_; i++)
        for (int j = 0; j < IOP_COUNT_; j++) { tot[j] += prof[i][j]; all += prof[i][j]; }
    fprintf(out, "total %llu dispatches\n", (unsigned long long)all);
    for (int k = 0; k < 25; k++) {
        int bi = 0; for (int i = 1; i < IOP_COUNT_; i++) if (tot[i] > tot[bi]) bi = i;
        if (!tot[bi]) break;
        fprintf(out, "op   %-22s %6.2f%%\n", tw_iop_names[bi], 100.0 * tot[bi] / all);
        tot[bi] = 0;
    }
    for (int k = 0; k < 30; k++) {
        int bi = 0, bj = 0;
        for (int i = 0; i < IOP_COUNT_; i++) for (int j = 0; j < IOP_COUNT_; j++) if (prof[i][j] > prof[bi][bj]) { bi = i; bj = j; }
        if (!prof[bi][bj]) break;
        fprintf(out, "pair %-22s %-22s %6.2f%%\n", tw_iop_names[bi], tw_iop_names[bj], 100.0 * prof[bi][bj] / all);
        prof[bi][bj] = 0;
    }
}
#endif

const int32_t *tw_interp_handlers(void)
{
    const int32_t *h = NULL;
    run(NULL, 0, &h);
    return h;
}

void tw_exec_init(tw_exec *ex, const tw_config *cfg)
{
    memset(ex, 0, sizeof *ex);
    uint32_t bytes = cfg && cfg->max_stack_bytes ? cfg->max_stack_bytes : TW_DEFAULT_STACK_BYTES;
    ex->max_slots = bytes / sizeof(tw_val);
    ex->max_frames = cfg && cfg->max_call_depth ? cfg->max_call_depth : TW_DEFAULT_CALL_DEPTH;
    ex->state = TW_EXEC_IDLE;
}

void tw_exec_release(tw_exec *ex)
{
    free(ex->slots);
    free(ex->frames);
    free(ex->nested);
    ex->slots = NULL;
    ex->frames = NULL;
    ex->nested = NULL;
    ex->nslots = ex->cap_frames = ex->nframes = 0;
    ex->nnested = ex->cap_nested = 0;
}

static bool ensure_slots(tw_exec *ex, uint64_t need)
{
    if (need <= ex->nslots)
        return true;
    if (need > ex->max_slots)
        return false;
    uint64_t n = ex->nslots ? ex->nslots : INITIAL_SLOTS;
    while (n < need)
        n *= 2;
    if (n > ex->max_slots)
        n = ex->max_slots;
    tw_val *s = realloc(ex->slots, n * sizeof *s);
    if (!s)
        return false;
    ex->slots = s;
    ex->nslots = (uint32_t)n;
    return true;
}

static bool ensure_frames(tw_exec *ex)
{
    if (ex->nframes < ex->cap_frames)
        return true;
    if (ex->nframes >= ex->max_frames)
        return false;
    uint64_t n = ex->cap_frames ? (uint64_t)ex->cap_frames * 2 : INITIAL_FRAMES;
    if (n > ex->max_frames)
        n = ex->max_frames;
    tw_frame *f = realloc(ex->frames, n * sizeof *f);
    if (!f)
        return false;
    ex->frames = f;
    ex->cap_frames = (uint32_t)n;
    return true;
}

/* A new (uninitialized) nested call on top, or NULL: nesting counts against the depth limit
 * (a host function that calls a host function that calls ... pushes no frames). */
static tw_nested_call *push_nested(tw_exec *ex)
{
    if (ex->nnested == ex->cap_nested) {
        if (ex->nnested >= ex->max_frames)
            return NULL;
        uint64_t n = ex->cap_nested ? (uint64_t)ex->cap_nested * 2 : 4;
        if (n > ex->max_frames)
            n = ex->max_frames;
        tw_nested_call *c = realloc(ex->nested, n * sizeof *c);
        if (!c)
            return NULL;
        ex->nested = c;
        ex->cap_nested = (uint32_t)n;
    }
    return &ex->nested[ex->nnested++];
}

bool tw_call_begin(tw_instance *inst, tw_func *f, const tw_val *args)
{
    tw_exec *ex = &inst->ex;
    if (ex->state == TW_EXEC_READY || ex->state == TW_EXEC_SUSPENDED) {
        snprintf(inst->trap, sizeof inst->trap, "a call is already in progress");
        return false;
    }
    uint32_t np = f->type->nparams, nr = f->type->nresults;
    if (!ensure_slots(ex, np > nr ? np : (nr ? nr : 1))) {
        snprintf(inst->trap, sizeof inst->trap, "call stack exhausted");
        return false;
    }
    if (!ex->frames && !ensure_frames(ex)) {
        snprintf(inst->trap, sizeof inst->trap, "out of memory");
        return false;
    }
    if (np)
        memcpy(ex->slots, args, np * sizeof *args);
    const int32_t *h = tw_interp_handlers();
    ex->stub[TW_STUB_ENTRY] = (uint32_t)h[IOP_ENTRY];
    ex->stub[TW_STUB_HALT] = (uint32_t)h[IOP_HALT];
    ex->stub[TW_STUB_NESTED_ENTER] = (uint32_t)h[IOP_NESTED_ENTER];
    ex->stub[TW_STUB_NESTED_RET] = (uint32_t)h[IOP_NESTED_RET];
    ex->stub[TW_STUB_NESTED_REISSUE] = (uint32_t)h[IOP_NESTED_REISSUE];
    ex->ip = ex->stub + TW_STUB_ENTRY;
    ex->fp = 0;
    ex->nframes = 0;
    ex->nnested = 0;
    ex->entry = f;
    ex->nresults = nr;
    ex->state = TW_EXEC_READY;
    return true;
}

void tw_call_abort(tw_instance *inst)
{
    inst->ex.nframes = 0;
    inst->ex.nnested = 0;
    inst->ex.state = TW_EXEC_IDLE;
}

bool tw_instance_has_start(const tw_instance *inst)
{
    return inst->ex.state == TW_EXEC_READY && inst->mod->has_start &&
           inst->ex.entry == inst->funcs[inst->mod->start];
}

uint64_t tw_fuel_left(const tw_instance *inst) { return inst->ex.fuel; }
const tw_val *tw_results(const tw_instance *inst) { return inst->ex.slots; }
const char *tw_trap_message(const tw_instance *inst) { return inst->trap; }
const char *tw_trap_backtrace(const tw_instance *inst)
{
    return inst->backtrace ? inst->backtrace : "";
}

static void record_backtrace(tw_instance *inst)
{
    tw_exec *ex = &inst->ex;
    free(inst->backtrace);
    inst->backtrace = NULL;
    size_t cap = 0, len = 0;
    char *buf = NULL;
    uint32_t shown = 0;
    for (uint32_t i = ex->nframes; i-- > 0;) {
        if (shown == 64 && i > 8) {   /* deep recursion: the top and the bottom suffice */
            char line[64];
            int n = snprintf(line, sizeof line, "  ... %u frames ...\n", i - 8);
            i = 8;
            if (len + (size_t)n + 1 > cap) {
                cap = (len + (size_t)n + 1) * 2;
                char *nb = realloc(buf, cap);
                if (!nb) break;
                buf = nb;
            }
            memcpy(buf + len, line, (size_t)n + 1);
            len += (size_t)n;
        }
        tw_func *f = ex->frames[i].func;
        /* a shared record (inst NULL) runs in its caller's instance */
        tw_instance *fi = f->inst ? f->inst : ex->frames[i].caller_inst;
        const char *name = fi ? tw_module_func_name(fi->mod, f->index) : NULL;
        char line[300];
        int n = name ? snprintf(line, sizeof line, "  at %s (func %u)\n", name, f->index)
                     : snprintf(line, sizeof line, "  at func %u\n", f->index);
        if (n < 0)
            break;
        if ((size_t)n >= sizeof line)
            n = sizeof line - 1;
        if (len + (size_t)n + 1 > cap) {
            cap = (len + (size_t)n + 1) * 2;
            char *nb = realloc(buf, cap);
            if (!nb)
                break;
            buf = nb;
        }
        memcpy(buf + len, line, (size_t)n);
        len += (size_t)n;
        buf[len] = 0;
        shown++;
    }
    inst->backtrace = buf;
}


static tw_status run(tw_instance *inst, uint64_t fuel, const int32_t **handlers)
{
    /* direct threading: code words hold the handler's offset from L_HALT */
    static const int32_t offsets[] = {
#define IOPX(n, fmt) (int32_t)(&&L_##n - &&L_HALT),
        TW_IOPS
#undef IOPX
    };
    if (handlers) {
        *handlers = offsets;
        return TW_RETURNED;
    }
    tw_exec *ex = &inst->ex;
    if (ex->state != TW_EXEC_READY && ex->state != TW_EXEC_SUSPENDED) {
        snprintf(inst->trap, sizeof inst->trap, "no call in progress");
        return TW_TRAPPED;
    }

    const uint32_t *ip = ex->ip;
    tw_val *fp = ex->slots + ex->fp;
    tw_instance *ci = inst;
    if (ex->state == TW_EXEC_SUSPENDED) {
        ci = ex->ci;
    } else if (ex->nframes) {   /* the top frame's instance (a shared record: its caller's) */
        const tw_frame *top = &ex->frames[ex->nframes - 1];
        ci = top->func->inst ? top->func->inst : top->caller_inst;
    }
    /* hot copies of exec fields; written back (SYNC) whenever run() leaves */
    tw_val *slots = ex->slots, *slots_end = ex->slots + ex->nslots;
    tw_frame *frm = ex->frames + ex->nframes, *frm_end = ex->frames + ex->cap_frames;
#define SYNC() (ex->nframes = (uint32_t)(frm - ex->frames))
    uint8_t *mem = NULL;
    uint64_t memsize = 0;
    const char *trap_msg = NULL;
    tw_func *callee;
    uint32_t call_base;
    const uint32_t *call_ret, *call_ip;

    tw_memory *cmem = NULL;
#define RELOAD_MEM()                                                                       \
    do {                                                                                   \
        if (ci->mod->nmemories) {                                                          \
            cmem = ci->memories[0];                                                        \
            mem = cmem->data;                                                              \
            memsize = cmem->size;                                                          \
        } else {                                                                           \
            cmem = NULL;                                                                   \
            mem = NULL;                                                                    \
            memsize = 0;                                                                   \
        }                                                                                  \
    } while (0)
    /* every write to memory marks its 4 KiB pages (see tw_memory.map): a store marks the
     * page of its first and of its last byte; bulk writes mark the whole range */
#define WROTE_N(ea, N)                                                                     \
    do {                                                                                   \
        cmem->map[(ea) / TW_OS_PAGE] = 1;                                                  \
        cmem->map[((ea) + (N) - 1) / TW_OS_PAGE] = 1;                                      \
    } while (0)
#define WROTE_RANGE(d, n) tw_memory_mark(cmem, (d), (n))
    RELOAD_MEM();

#ifdef TW_PROFILE
    /* instruction-pair counts, for choosing superinstructions (make profile builds) */
#define NEXT()                                                                             \
    do {                                                                                   \
        tw_profile_count(prev_op_, (int32_t)*ip);                                          \
        prev_op_ = (int32_t)*ip;                                                           \
        goto *(void *)((char *)&&L_HALT + (int32_t)*ip);                                   \
    } while (0)
    int32_t prev_op_ = tw_interp_handlers()[IOP_HALT];
#else
#define NEXT() goto *(void *)((char *)&&L_HALT + (int32_t)*ip)
#endif
#define TRAP(msg) do { trap_msg = (msg); goto trap; } while (0)
#define CHARGE()                                                                           \
    do {                                                                                   \
        if (__builtin_expect(fuel == 0, 0))                                                \
            goto out_of_fuel;                                                              \
        fuel--;                                                                            \
    } while (0)
    /* offset word at ip[w]; backward = loop back-edge = charge fuel */
#define BRANCH(w)                                                                          \
    do {                                                                                   \
        int32_t off_ = (int32_t)ip[w];                                                     \
        if (off_ < 0)                                                                      \
            CHARGE();                                                                      \
        ip += (int64_t)(w) + off_;                                                              \
        NEXT();                                                                            \
    } while (0)
/* The taken branch of a fused add+compare+branch: the fuel check comes BEFORE the add's
 * store, so that running out of fuel on the back-edge leaves the state as it was and the
 * resumed instruction adds exactly once (found by the process tests). */
#define ADDBR_TAKEN(v)                                                                     \
    do {                                                                                   \
        int32_t off_ = (int32_t)ip[5];                                                     \
        if (off_ < 0)                                                                      \
            CHARGE();                                                                      \
        SLOT(1) = (v);                                                                     \
        ip += 5 + (int64_t)off_;                                                           \
        NEXT();                                                                            \
    } while (0)
#define SLOT(k) fp[ip[k]]
#define U32(k) ((uint32_t)fp[ip[k]])
#define S32(k) ((int32_t)(uint32_t)fp[ip[k]])
#define U64(k) (fp[ip[k]])
#define S64(k) ((int64_t)fp[ip[k]])

    NEXT();

L_HALT:
    SYNC();
    ex->state = TW_EXEC_DONE;
    ex->fuel = fuel;
    return TW_RETURNED;

L_ENTRY:
    callee = ex->entry;
    call_base = 0;
    call_ip = ip;
    call_ret = ip + 1;
    goto do_call;

    /* Nested calls (tw_hostcall_invoke). The three stubs work on the top of ex->nested;
     * fp is the frame of the host call that made it. */
L_NESTED_ENTER: {
    tw_nested_call *n_ = &ex->nested[ex->nnested - 1];
    callee = n_->callee;
    call_base = n_->base - n_->fp;
    call_ip = ip;
    call_ret = ip + 1;   /* TW_STUB_NESTED_RET */
    goto do_call;
}
L_NESTED_RET:
    ex->nested[ex->nnested - 1].state = TW_NESTED_RETURNED;
    ip++;                /* TW_STUB_NESTED_REISSUE */
    /* fall through */
L_NESTED_REISSUE: {
    tw_nested_call *n_ = &ex->nested[ex->nnested - 1];
    callee = n_->host;
    call_base = n_->call_base;
    call_ip = ip;
    call_ret = n_->call_ret;
    goto do_call;
}

L_UNREACHABLE:
    TRAP("unreachable");

L_BR:
    BRANCH(1);
L_BR_IF:
    if (U32(1))
        BRANCH(2);
    ip += 3;
    NEXT();
L_BR_UNLESS:
    if (!U32(1))
        BRANCH(2);
    ip += 3;
    NEXT();
    /* compare-and-branch and the loop step, per i32 comparison (its numeric.h function) */
#define CMP_HANDLERS(name, sem)                                                            \
    L_BR_IF_I32_##name:                                                                    \
    if (sem(U32(1), U32(2)))                                                               \
        BRANCH(3);                                                                         \
    ip += 4;                                                                               \
    NEXT();                                                                                \
    L_BR_IF_I32_##name##_IMM:                                                              \
    if (sem(U32(1), ip[2]))                                                                \
        BRANCH(3);                                                                         \
    ip += 4;                                                                               \
    NEXT();                                                                                \
    L_ADDBR_I32_##name: {                                                                  \
        uint32_t v_ = U32(2) + ip[3];                                                      \
        if (sem(v_, U32(4)))                                                               \
            ADDBR_TAKEN(v_);                                                               \
        SLOT(1) = v_;                                                                      \
        ip += 6;                                                                           \
        NEXT();                                                                            \
    }                                                                                      \
    L_ADDBR_I32_##name##_IMM: {                                                            \
        uint32_t v_ = U32(2) + ip[3];                                                      \
        if (sem(v_, ip[4]))                                                                \
            ADDBR_TAKEN(v_);                                                               \
        SLOT(1) = v_;                                                                      \
        ip += 6;                                                                           \
        NEXT();                                                                            \
    }
    TW_I32_CMPS(CMP_HANDLERS)
L_BR_TABLE: {
    uint32_t i = U32(1), n = ip[2];
    if (i > n)
        i = n;
    BRANCH(3 + i);
}

L_RET1:
    fp[0] = SLOT(1);
    /* fall through */
L_RET0: {
    frm--;
    ip = frm->ret_ip;
    fp = slots + frm->caller_fp;
    /* the memory registers are current unless the caller is another instance */
    if (__builtin_expect(frm->caller_inst != ci, 0)) {
        ci = frm->caller_inst;
        RELOAD_MEM();
    }
    NEXT();
}

    /* Enters callee (a wasm function) with its frame at fp + call_base. SWITCH runs once
     * the frame is pushed: the instance switch, for calls that may cross instances. */
#define ENTER_WASM(SWITCH)                                                                 \
    do {                                                                                   \
        CHARGE();                                                                          \
        const tw_code *code_ = callee->code;                                               \
        tw_val *nfp_ = fp + call_base;                                                     \
        if (__builtin_expect(nfp_ + code_->frame_slots > slots_end, 0)) {                  \
            uint64_t cur_ = (uint64_t)(fp - slots);                                        \
            if (!ensure_slots(ex, cur_ + call_base + code_->frame_slots))                  \
                TRAP("call stack exhausted");                                              \
            slots = ex->slots;                                                             \
            slots_end = slots + ex->nslots;                                                \
            fp = slots + cur_;                                                             \
            nfp_ = fp + call_base;                                                         \
        }                                                                                  \
        if (__builtin_expect(frm == frm_end, 0)) {                                         \
            SYNC();                                                                        \
            if (!ensure_frames(ex))                                                        \
                TRAP("call stack exhausted");                                              \
            frm = ex->frames + ex->nframes;                                                \
            frm_end = ex->frames + ex->cap_frames;                                         \
        }                                                                                  \
        frm->ret_ip = call_ret;                                                            \
        frm->caller_fp = (uint32_t)(fp - slots);                                           \
        frm->func = callee;                                                                \
        frm->caller_inst = ci;                                                             \
        frm++;                                                                             \
        fp = nfp_;                                                                         \
        /* zero the locals: nzero is nlocals rounded up to 4 (the frame has room), so   \
         * the common case is four plain stores, not a call to memset */                  \
        if (code_->nzero) {                                                                \
            tw_val *z_ = fp + code_->nparams;                                              \
            z_[0] = z_[1] = z_[2] = z_[3] = 0;                                             \
            if (__builtin_expect(code_->nzero > 4, 0))                                     \
                memset(z_ + 4, 0, (code_->nzero - 4) * sizeof *z_);                        \
        }                                                                                  \
        SWITCH;                                                                            \
        ip = code_->code;                                                                  \
        NEXT();                                                                            \
    } while (0)

L_CALL:   /* a function of this instance: no instance switch */
    callee = ci->funcs[ip[1]];
    call_base = ip[2];
    call_ret = ip + 3;
    ENTER_WASM((void)0);
L_CALL_IMPORT:
    callee = ci->funcs[ip[1]];
    call_base = ip[2];
    call_ip = ip;
    call_ret = ip + 3;
    goto do_call;
L_CALL_INDIRECT: {
    tw_table *t = ci->tables[ip[2]];
    uint32_t i = U32(3);
    if (i >= t->size)
        TRAP("undefined element");
    callee = (tw_func *)(uintptr_t)t->elems[i];
    if (!callee)
        TRAP("uninitialized element");
    const tw_functype *want = ci->mod->canon[ip[1]];
    if (callee->type != want && !tw_types_equal(callee->type, want))
        TRAP("indirect call type mismatch");
    call_base = ip[4];
    call_ip = ip;
    call_ret = ip + 5;
    goto do_call;
}

do_call:
    if (callee->host) {
        CHARGE();
        uint32_t fpo = (uint32_t)(fp - slots);
        tw_hostcall hc = { ci, callee->env, NULL, { inst, callee, fpo + call_base, 0, NULL, NULL } };
        /* the issue after a nested call ended reports it (and only that issue) */
        if (__builtin_expect(call_ip == ex->stub + TW_STUB_NESTED_REISSUE, 0))
            hc.priv_.done = &ex->nested[ex->nnested - 1];
        tw_host_status st = callee->host(&hc, fp + call_base);
        if (__builtin_expect(st == TW_HOST_OK && !hc.priv_.call && !hc.priv_.done, 1)) {
            RELOAD_MEM();
            ip = call_ret;
            NEXT();
        }
        if (hc.priv_.call) {   /* tw_hostcall_invoke may have moved the stack */
            slots = ex->slots;
            slots_end = slots + ex->nslots;
            fp = slots + fpo;
        }
        if (st == TW_HOST_CALL) {
            if (!hc.priv_.call)
                TRAP("host function returned TW_HOST_CALL without tw_hostcall_invoke");
            if (hc.priv_.done)
                ex->nnested--;   /* the new nested call replaces the one reported */
            tw_nested_call *n_ = push_nested(ex);
            if (!n_)
                TRAP("call stack exhausted");
            SYNC();
            n_->host = callee;
            n_->call_ret = call_ret;
            n_->ci = ci;
            n_->fp = fpo;
            n_->call_base = call_base;
            n_->nframes = ex->nframes;
            n_->callee = hc.priv_.call;
            n_->base = hc.priv_.base;
            n_->state = TW_NESTED_NONE;
            n_->trap[0] = 0;
            ip = ex->stub + TW_STUB_NESTED_ENTER;
            NEXT();
        }
        if (st == TW_HOST_OK) {
            if (hc.priv_.done)
                ex->nnested--;   /* reported and done with */
            RELOAD_MEM();
            ip = call_ret;
            NEXT();
        }
        if (st == TW_HOST_BLOCK) {   /* a reported nested call stays, to be reported again */
            SYNC();
            ex->ip = call_ip;
            ex->ci = ci;
            ex->fp = (uint32_t)(fp - slots);
            ex->fuel = fuel;
            ex->state = TW_EXEC_SUSPENDED;
            return TW_BLOCKED;
        }
        TRAP(hc.trap ? hc.trap : "host function trapped");
    }
    /* a wasm function, maybe of another instance */
    ip = call_ip;   /* so that running out of fuel resumes at the call */
    ENTER_WASM(if (callee->inst != ci) {
                   ci = callee->inst;
                   RELOAD_MEM();
               });

L_COPY:
    SLOT(1) = SLOT(2);
    ip += 3;
    NEXT();
L_CONST32:
    SLOT(1) = ip[2];
    ip += 3;
    NEXT();
L_CONST64:
    SLOT(1) = (uint64_t)ip[2] | ((uint64_t)ip[3] << 32);
    ip += 4;
    NEXT();
L_SELECT:
    SLOT(1) = U32(4) ? SLOT(2) : SLOT(3);
    ip += 5;
    NEXT();
L_GLOBAL_GET:
    SLOT(1) = ci->globals[ip[2]]->val;
    ip += 3;
    NEXT();
L_GLOBAL_SET:
    ci->globals[ip[1]]->val = SLOT(2);
    ip += 3;
    NEXT();
L_REF_FUNC:
    SLOT(1) = (tw_val)(uintptr_t)ci->funcs[ip[2]];
    ip += 3;
    NEXT();
L_REF_IS_NULL:
    SLOT(1) = SLOT(2) == 0;
    ip += 3;
    NEXT();

    /* ---- memory ---- */
#define EA(N)                                                                              \
    uint64_t ea = (uint64_t)(uint32_t)(U32(2) + ip[3]) + ip[4];                            \
    if (__builtin_expect(ea + (N) > memsize, 0))                                           \
        TRAP("out of bounds memory access");
#define LOAD(name, T, N, conv)                                                             \
    L_##name: {                                                                            \
        EA(N);                                                                             \
        T v_;                                                                              \
        memcpy(&v_, mem + ea, N);                                                          \
        SLOT(1) = conv;                                                                    \
        ip += 5;                                                                           \
        NEXT();                                                                            \
    }                                                                                      \
    L_##name##_X: {                                                                        \
        uint64_t ea = (uint64_t)(uint32_t)(U32(2) + (U32(3) << (ip[4] & 31))) + ip[5];     \
        if (__builtin_expect(ea + (N) > memsize, 0))                                       \
            TRAP("out of bounds memory access");                                           \
        T v_;                                                                              \
        memcpy(&v_, mem + ea, N);                                                          \
        SLOT(1) = conv;                                                                    \
        ip += 6;                                                                           \
        NEXT();                                                                            \
    }
    LOAD(I32_LOAD, uint32_t, 4, v_)
    LOAD(I64_LOAD, uint64_t, 8, v_)
    LOAD(F32_LOAD, uint32_t, 4, v_)
    LOAD(F64_LOAD, uint64_t, 8, v_)
    LOAD(I32_LOAD8_S, int8_t, 1, (uint32_t)(int32_t)v_)
    LOAD(I32_LOAD8_U, uint8_t, 1, (uint32_t)v_)
    LOAD(I32_LOAD16_S, int16_t, 2, (uint32_t)(int32_t)v_)
    LOAD(I32_LOAD16_U, uint16_t, 2, (uint32_t)v_)
    LOAD(I64_LOAD8_S, int8_t, 1, (uint64_t)(int64_t)v_)
    LOAD(I64_LOAD8_U, uint8_t, 1, (uint64_t)v_)
    LOAD(I64_LOAD16_S, int16_t, 2, (uint64_t)(int64_t)v_)
    LOAD(I64_LOAD16_U, uint16_t, 2, (uint64_t)v_)
    LOAD(I64_LOAD32_S, int32_t, 4, (uint64_t)(int64_t)v_)
    LOAD(I64_LOAD32_U, uint32_t, 4, (uint64_t)v_)
#undef EA
#define EA(N)                                                                              \
    uint64_t ea = (uint64_t)(uint32_t)(U32(1) + ip[3]) + ip[4];                            \
    if (__builtin_expect(ea + (N) > memsize, 0))                                           \
        TRAP("out of bounds memory access");
#define STORE(name, T, N)                                                                  \
    L_##name: {                                                                            \
        EA(N);                                                                             \
        T v_ = (T)SLOT(2);                                                                 \
        memcpy(mem + ea, &v_, N);                                                          \
        WROTE_N(ea, N);                                                                   \
        ip += 5;                                                                           \
        NEXT();                                                                            \
    }
    STORE(I32_STORE, uint32_t, 4)
    STORE(I64_STORE, uint64_t, 8)
    STORE(F32_STORE, uint32_t, 4)
    STORE(F64_STORE, uint64_t, 8)
    STORE(I32_STORE8, uint8_t, 1)
    STORE(I32_STORE16, uint16_t, 2)
    STORE(I64_STORE8, uint8_t, 1)
    STORE(I64_STORE16, uint16_t, 2)
    STORE(I64_STORE32, uint32_t, 4)
#undef EA

L_MEMORY_SIZE:
    SLOT(1) = (uint32_t)(memsize >> 16);
    ip += 2;
    NEXT();
L_MEMORY_GROW: {
    int64_t r = tw_memory_grow(ci->memories[0], U32(2));
    SLOT(1) = (uint32_t)r;
    RELOAD_MEM();
    ip += 3;
    NEXT();
}
L_MEMORY_INIT: {
    uint32_t seg = ip[1];
    uint64_t d = U32(2), s = U32(3), n = U32(4);
    const tw_dataseg *ds = &ci->mod->datas[seg];
    uint64_t len = ci->data_dropped[seg] ? 0 : ds->len;
    if (s + n > len || d + n > memsize)
        TRAP("out of bounds memory access");
    if (n) {
        memcpy(mem + d, ds->bytes + s, n);
        WROTE_RANGE(d, n);
    }
    ip += 5;
    NEXT();
}
L_DATA_DROP:
    ci->data_dropped[ip[1]] = 1;
    ip += 2;
    NEXT();
L_MEMORY_COPY: {
    uint64_t d = U32(1), s = U32(2), n = U32(3);
    if (s + n > memsize || d + n > memsize)
        TRAP("out of bounds memory access");
    if (n) {
        memmove(mem + d, mem + s, n);
        WROTE_RANGE(d, n);
    }
    ip += 4;
    NEXT();
}
L_MEMORY_FILL: {
    uint64_t d = U32(1), n = U32(3);
    if (d + n > memsize)
        TRAP("out of bounds memory access");
    if (n) {
        memset(mem + d, (int)(uint8_t)U32(2), n);
        WROTE_RANGE(d, n);
    }
    ip += 4;
    NEXT();
}

    /* ---- tables ---- */
L_TABLE_GET: {
    tw_table *t = ci->tables[ip[2]];
    uint32_t i = U32(3);
    if (i >= t->size)
        TRAP("out of bounds table access");
    SLOT(1) = t->elems[i];
    ip += 4;
    NEXT();
}
L_TABLE_SET: {
    tw_table *t = ci->tables[ip[1]];
    uint32_t i = U32(2);
    if (i >= t->size)
        TRAP("out of bounds table access");
    t->elems[i] = SLOT(3);
    ip += 4;
    NEXT();
}
L_TABLE_INIT: {
    tw_table *t = ci->tables[ip[1]];
    uint32_t seg = ip[2];
    uint64_t d = U32(3), s = U32(4), n = U32(5);
    uint64_t len = ci->elem_len[seg];
    if (s + n > len || d + n > t->size)
        TRAP("out of bounds table access");
    if (n)
        memcpy(t->elems + d, ci->elem_refs[seg] + s, n * sizeof(tw_val));
    ip += 6;
    NEXT();
}
L_ELEM_DROP:
    ci->elem_len[ip[1]] = 0;
    ip += 2;
    NEXT();
L_TABLE_COPY: {
    tw_table *dt = ci->tables[ip[1]], *st = ci->tables[ip[2]];
    uint64_t d = U32(3), s = U32(4), n = U32(5);
    if (s + n > st->size || d + n > dt->size)
        TRAP("out of bounds table access");
    if (n)
        memmove(dt->elems + d, st->elems + s, n * sizeof(tw_val));
    ip += 6;
    NEXT();
}
L_TABLE_GROW: {
    int64_t r = tw_table_grow(ci->tables[ip[2]], U32(4), SLOT(3));
    SLOT(1) = (uint32_t)r;
    ip += 5;
    NEXT();
}
L_TABLE_SIZE:
    SLOT(1) = ci->tables[ip[2]]->size;
    ip += 3;
    NEXT();
L_TABLE_FILL: {
    tw_table *t = ci->tables[ip[1]];
    uint64_t i = U32(2), n = U32(4);
    tw_val v = SLOT(3);
    if (i + n > t->size)
        TRAP("out of bounds table access");
    for (uint64_t k = 0; k < n; k++)
        t->elems[i + k] = v;
    ip += 5;
    NEXT();
}

    /* ---- fused ---- */
L_F64_FMA_MS: {   /* mem[p] += x * mem[q]: f64.mul then f64.add (two roundings) */
    uint64_t q = (uint64_t)(uint32_t)(U32(2) + ip[3]) + ip[4];
    uint64_t p = (uint64_t)(uint32_t)(U32(5) + ip[6]) + ip[7];
    if (__builtin_expect(q + 8 > memsize || p + 8 > memsize, 0))
        TRAP("out of bounds memory access");
    uint64_t m_, acc_;
    memcpy(&m_, mem + q, 8);
    memcpy(&acc_, mem + p, 8);
    acc_ = tw_op_f64_add(tw_op_f64_mul(U64(1), m_), acc_);
    memcpy(mem + p, &acc_, 8);
    WROTE_N(p, 8);
    ip += 8;
    NEXT();
}
L_I32_XOR_ROTL:
    SLOT(1) = tw_op_i32_xor(U32(2), tw_op_i32_rotl(U32(3), ip[4]));
    ip += 5;
    NEXT();
L_I32_ADD_SHL:
    SLOT(1) = tw_op_i32_add(U32(2), tw_op_i32_shl(U32(3), ip[4]));
    ip += 5;
    NEXT();
    /* a binary operator with its b operand in memory (X_M), and stored back (X_MS) */
#define MEM_BINOP(name, load, store, T, sem)                                               \
    L_##name##_M: {                                                                        \
        uint64_t ea = (uint64_t)(uint32_t)(U32(3) + ip[4]) + ip[5];                        \
        if (__builtin_expect(ea + sizeof(T) > memsize, 0))                                 \
            TRAP("out of bounds memory access");                                           \
        T b_;                                                                              \
        memcpy(&b_, mem + ea, sizeof b_);                                                  \
        SLOT(1) = sem((T)SLOT(2), b_);                                                     \
        ip += 6;                                                                           \
        NEXT();                                                                            \
    }                                                                                      \
    L_##name##_MS: {                                                                       \
        uint64_t ea = (uint64_t)(uint32_t)(U32(2) + ip[3]) + ip[4];                        \
        if (__builtin_expect(ea + sizeof(T) > memsize, 0))                                 \
            TRAP("out of bounds memory access");                                           \
        T b_;                                                                              \
        memcpy(&b_, mem + ea, sizeof b_);                                                  \
        T r_ = sem((T)SLOT(1), b_);                                                        \
        memcpy(mem + ea, &r_, sizeof r_);                                                  \
        WROTE_N(ea, sizeof r_);                                                             \
        ip += 5;                                                                           \
        NEXT();                                                                            \
    }
    TW_MEM_BINOPS(MEM_BINOP)
L_COPY2:
    SLOT(1) = SLOT(2);
    SLOT(3) = SLOT(4);
    ip += 5;
    NEXT();

    /* ---- numeric: d a b / d a, generated from opcodes.h ----
     * Each handler applies its row's semantics (a numeric.h function on slot values:
     * i32/f32 as uint32_t, i64/f64 as uint64_t); those of kind BINT/UNT may trap.
     * i32/i64 binary operators also get X_IMM, whose b is an immediate. */
#define SLOT_T_I32_(k) U32(k)
#define SLOT_T_F32_(k) U32(k)
#define SLOT_T_I64_(k) U64(k)
#define SLOT_T_F64_(k) U64(k)
#define CTYPE_T_I32_ uint32_t
#define CTYPE_T_F32_ uint32_t
#define CTYPE_T_I64_ uint64_t
#define CTYPE_T_F64_ uint64_t
#define IMM_T_I32_ ip[3]
#define IMM_T_I64_ (uint64_t)(int64_t)(int32_t)ip[3]
/* (a##_: the type's name, pasted before T_I32 could expand to its code) */
#define H(code, name, text, kind, a, b, r, sem) H_##kind(name, a##_, b##_, r##_, sem)
#define H_CTRL(name, a, b, r, sem)
#define H_VAR(name, a, b, r, sem)
#define H_MISC(name, a, b, r, sem)
#define H_LOAD(name, a, b, r, sem)
#define H_STORE(name, a, b, r, sem)
#define H_UN(name, a, b, r, sem)                                                           \
    L_##name:                                                                              \
    SLOT(1) = sem(SLOT_##a(2));                                                            \
    ip += 3;                                                                               \
    NEXT();
#define H_UNT(name, a, b, r, sem)                                                          \
    L_##name: {                                                                            \
        CTYPE_##r r_;                                                                      \
        int s_ = sem(SLOT_##a(2), &r_);                                                    \
        if (__builtin_expect(s_ != 0, 0))                                                  \
            TRAP(tw_num_trap_message(s_));                                                 \
        SLOT(1) = r_;                                                                      \
        ip += 3;                                                                           \
        NEXT();                                                                            \
    }
#define H_BIN(name, a, b, r, sem)                                                          \
    L_##name:                                                                              \
    SLOT(1) = sem(SLOT_##a(2), SLOT_##b(3));                                               \
    ip += 4;                                                                               \
    NEXT();                                                                                \
    H_IMM_##a(name, sem(SLOT_##a(2), IMM_##a))
#define H_BINT(name, a, b, r, sem)                                                         \
    L_##name: {                                                                            \
        CTYPE_##r r_;                                                                      \
        int s_ = sem(SLOT_##a(2), SLOT_##b(3), &r_);                                       \
        if (__builtin_expect(s_ != 0, 0))                                                  \
            TRAP(tw_num_trap_message(s_));                                                 \
        SLOT(1) = r_;                                                                      \
        ip += 4;                                                                           \
        NEXT();                                                                            \
    }                                                                                      \
    H_IMMT_##a(name, CTYPE_##r r_; int s_ = sem(SLOT_##a(2), IMM_##a, &r_);                \
               if (__builtin_expect(s_ != 0, 0)) TRAP(tw_num_trap_message(s_)))
#define H_IMM_T_I32_(name, expr) L_##name##_IMM: SLOT(1) = (expr); ip += 4; NEXT();
#define H_IMM_T_I64_(name, expr) L_##name##_IMM: SLOT(1) = (expr); ip += 4; NEXT();
#define H_IMM_T_F32_(name, expr)
#define H_IMM_T_F64_(name, expr)
#define H_IMMT_T_I32_(name, ...) L_##name##_IMM: { __VA_ARGS__; SLOT(1) = r_; ip += 4; NEXT(); }
#define H_IMMT_T_I64_(name, ...) L_##name##_IMM: { __VA_ARGS__; SLOT(1) = r_; ip += 4; NEXT(); }
    TW_OPCODES(H)
    TW_OPCODES_FC(H)

out_of_fuel:
    SYNC();
    ex->ip = ip;
    ex->ci = ci;
    ex->fp = (uint32_t)(fp - ex->slots);
    ex->fuel = 0;
    ex->state = TW_EXEC_SUSPENDED;
    return TW_OUT_OF_FUEL;

trap:
    SYNC();
    if (trap_msg != inst->trap)
        snprintf(inst->trap, sizeof inst->trap, "%s", trap_msg);
    if (__builtin_expect(ex->nnested != 0, 0)) {
        /* A finished nested call on top: the trap is its re-issued host call's, which
         * belongs to the enclosing code. Then the innermost running nested call, if any,
         * catches it: unwind to its host call's frame and re-issue that call. */
        if (ex->nested[ex->nnested - 1].state != TW_NESTED_NONE)
            ex->nnested--;
        if (ex->nnested) {
            tw_nested_call *n_ = &ex->nested[ex->nnested - 1];
            memcpy(n_->trap, inst->trap, sizeof n_->trap);
            n_->state = TW_NESTED_TRAPPED;
            frm = ex->frames + n_->nframes;
            fp = slots + n_->fp;
            ci = n_->ci;
            RELOAD_MEM();   /* (a host function may have grown the memory, then trapped) */
            ip = ex->stub + TW_STUB_NESTED_REISSUE;
            NEXT();
        }
    }
    record_backtrace(inst);
    ex->nframes = 0;
    ex->fuel = fuel;
    ex->state = TW_EXEC_IDLE;
    return TW_TRAPPED;
}

tw_host_status tw_hostcall_invoke(tw_hostcall *hc, tw_func *f, const tw_val *args)
{
    tw_instance *run = hc->priv_.runner;
    if (!run || !f)
        return tw_hostcall_trapf(hc, "tw_hostcall_invoke: %s", run ? "no function"
                                                                   : "not in a host call");
    tw_exec *ex = &run->ex;
    const tw_functype *ht = hc->priv_.host->type;
    uint32_t np = f->type->nparams, nr = f->type->nresults;
    /* the nested call's frame starts right after what the host call owns in its caller's
     * frame (its args and results): everything above that is dead at a call */
    uint64_t base = (uint64_t)hc->priv_.sp + (ht->nparams > ht->nresults ? ht->nparams
                                                                          : ht->nresults);
    uint64_t need = base + (np > nr ? np : (nr ? nr : 1));
    /* args may be inside the stack (the host's sp): find them again if it moves */
    uintptr_t a = (uintptr_t)args, lo = (uintptr_t)ex->slots;
    bool inside = np && a >= lo && a < lo + (uintptr_t)ex->nslots * sizeof(tw_val);
    size_t aoff = inside ? (a - lo) / sizeof(tw_val) : 0;
    if (base > UINT32_MAX || !ensure_slots(ex, need))
        return tw_hostcall_trapf(hc, "call stack exhausted");
    if (inside)
        args = ex->slots + aoff;
    if (np)
        memmove(ex->slots + base, args, np * sizeof *args);
    hc->priv_.call = f;
    hc->priv_.base = (uint32_t)base;
    return TW_HOST_CALL;
}

tw_nested_status tw_hostcall_nested(const tw_hostcall *hc, const tw_val **results,
                                    const char **trap)
{
    const tw_nested_call *n = hc->priv_.done;
    if (results)
        *results = NULL;
    if (trap)
        *trap = NULL;
    if (!n)
        return TW_NESTED_NONE;
    if (n->state == TW_NESTED_RETURNED && results)
        *results = hc->priv_.runner->ex.slots + n->base;
    if (n->state == TW_NESTED_TRAPPED && trap)
        *trap = n->trap;
    return n->state;
}

tw_status tw_call(tw_instance *inst, tw_func *f, const tw_val *args, tw_val *results)
{
    if (!tw_call_begin(inst, f, args))
        return TW_TRAPPED;
    tw_status st;
    do
        st = tw_run(inst, UINT64_MAX);
    while (st == TW_OUT_OF_FUEL || st == TW_BLOCKED);
    if (st == TW_RETURNED) {
        if (results && f->type->nresults)
            memcpy(results, inst->ex.slots, f->type->nresults * sizeof *results);
        inst->ex.state = TW_EXEC_IDLE;
    }
    return st;
}
