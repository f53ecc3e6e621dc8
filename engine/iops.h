/* iops.h — tycho's internal instruction set: what compile.c emits and interp.c runs.
 *
 * Code is an array of 32-bit words: the instruction number, then its operands. Operands
 * are frame-slot indices (a frame is params, locals, then the operand stack, 8 bytes per
 * slot), immediates, or branch offsets. A branch offset is relative to the word holding it
 * (target = &word + offset), so patching needs no knowledge of the instruction's start.
 *
 * The numeric, load and store instructions are three-address forms generated from the
 * wasm opcode table (opcodes.h): BIN  d a b ; UN  d a ; LOAD d addr add offset ;
 * STORE addr value add offset. Memory operands address (u32)(addr + add) + offset:
 * `add` absorbs an i32.add of a constant that computed the address (wrapping as wasm does).
 * Each load X also has X_X d base index shift offset: address (u32)(base + (index << shift))
 * + offset, absorbing an i32.add of a (scaled) index; IOP_X_X == IOP_X + 1. Everything else is listed in TW_IOPS_CORE with its operands.
 *
 * Every instruction has an operand format: one letter per operand word, which gives its
 * length and says what each word is, for the disassembler and the check run on every
 * compiled function (compile.c):
 *   s  a frame slot (below the function's frame size)
 *   b  a call's base slot (its args and results start there: at most the frame size)
 *   o  a branch offset (the target must be the start of an instruction)
 *   i  an immediate; f a function, t a table or type, g a global, e a segment index
 *   #  BR_TABLE's count n, followed by n + 1 branch offsets
 * To expand the whole list, define IOPX(name, format) and write TW_IOPS.
 */
#ifndef TYCHO_IOPS_H
#define TYCHO_IOPS_H

#include "opcodes.h"

#define TW_IOPS_CORE(X)                                                                     \
    X(HALT, "")           /* end of the entry stub: the call is done */                         \
    X(ENTRY, "")          /* call ex->entry with its args at slot 0 */                          \
    X(NESTED_ENTER, "")   /* call the top nested call's callee (tw_hostcall_invoke) */          \
    X(NESTED_RET, "")     /* its return address: it returned */                                \
    X(NESTED_REISSUE, "") /* re-issue the host call that made the top nested call */            \
    X(UNREACHABLE, "")                                                                         \
    X(BR, "o")            /* off  (every backward branch is a loop back-edge: charges fuel) */  \
    X(BR_IF, "so")        /* c off */                                                           \
    X(BR_UNLESS, "so")    /* c off */                                                           \
    X(BR_TABLE, "s#")     /* i n off*(n+1) */                                                   \
    X(RET0, "")           /* results already in fp[0..] */                                      \
    X(RET1, "s")          /* s            : fp[0] = fp[s], return */                            \
    X(CALL, "fb")         /* f base       : defined function of this instance */                \
    X(CALL_IMPORT, "fb")  /* f base       : imported function (host or other instance) */       \
    X(CALL_INDIRECT, "ttsb") /* type table i base */                                            \
    X(COPY, "ss")         /* d s */                                                             \
    X(CONST32, "si")      /* d imm */                                                           \
    X(CONST64, "sii")     /* d lo hi */                                                         \
    X(SELECT, "ssss")     /* d a b c      : d = c ? a : b */                                    \
    X(GLOBAL_GET, "sg")   /* d g */                                                             \
    X(GLOBAL_SET, "gs")   /* g s */                                                             \
    X(MEMORY_SIZE, "s")   /* d */                                                               \
    X(MEMORY_GROW, "ss")  /* d n */                                                             \
    X(MEMORY_INIT, "esss") /* seg d s n */                                                      \
    X(DATA_DROP, "e")     /* seg */                                                             \
    X(MEMORY_COPY, "sss") /* d s n */                                                           \
    X(MEMORY_FILL, "sss") /* d v n */                                                           \
    X(TABLE_GET, "sts")   /* d t i */                                                           \
    X(TABLE_SET, "tss")   /* t i v */                                                           \
    X(TABLE_INIT, "tesss") /* t seg d s n */                                                    \
    X(ELEM_DROP, "e")     /* seg */                                                             \
    X(TABLE_COPY, "ttsss") /* dt st d s n */                                                    \
    X(TABLE_GROW, "stss") /* d t v n */                                                         \
    X(TABLE_SIZE, "st")   /* d t */                                                             \
    X(TABLE_FILL, "tsss") /* t i v n */                                                         \
    X(REF_FUNC, "sf")     /* d f */                                                             \
    X(REF_IS_NULL, "ss")  /* d a */                                                             \
    X(COPY2, "ssss")      /* d1 s1 d2 s2 : two copies in one dispatch */                         \
    X(I32_ADD_SHL, "sssi") /* d a b k    : d = a + (b << k), scaled indexing */                 \
    X(I32_XOR_ROTL, "sssi") /* d a b k   : d = a ^ rotl(b, k), hashing */                       \
    X(F64_FMA_MS, "ssiisii") /* x q qadd qoff p padd poff : mem[p] += x * mem[q] (2 roundings) */ \
    /* and, per i32 comparison (TW_I32_CMPS): BR_IF_I32_cmp a b off, BR_IF_I32_cmp_IMM a imm off,
     * and the loop step ADDBR_I32_cmp[_IMM] d a k b off: d = a + k, branch if d cmp b
     * (ADDBR_* == BR_IF_* + 2);
     * per i32/i64 binary operator X: X_IMM d a imm (i64: imm sign-extended from 32 bits),
     * placed right after X so that IOP_X_IMM == IOP_X + 1 */

/* Binary operators with a form whose b operand is loaded from memory (X_M d a addr add off),
 * and one that also stores the result back there (X_MS a addr add off: `mem[p] op= a`):
 * X(name, load, store, slot type, semantics: the operator's function in numeric.h). */
#define TW_MEM_BINOPS(X)                                                                    \
    X(F64_ADD, F64_LOAD, F64_STORE, uint64_t, tw_op_f64_add)                                \
    X(F64_SUB, F64_LOAD, F64_STORE, uint64_t, tw_op_f64_sub)                                \
    X(F64_MUL, F64_LOAD, F64_STORE, uint64_t, tw_op_f64_mul)                                \
    X(F32_ADD, F32_LOAD, F32_STORE, uint32_t, tw_op_f32_add)                                \
    X(F32_SUB, F32_LOAD, F32_STORE, uint32_t, tw_op_f32_sub)                                \
    X(F32_MUL, F32_LOAD, F32_STORE, uint32_t, tw_op_f32_mul)                                \
    X(I32_ADD, I32_LOAD, I32_STORE, uint32_t, tw_op_i32_add)                                \
    X(I64_ADD, I64_LOAD, I64_STORE, uint64_t, tw_op_i64_add)
#define TW_IOP_MEM(name, load, store, T, sem) IOPX(name##_M, "sssii") IOPX(name##_MS, "ssii")

/* The i32 comparisons that get immediate and compare-and-branch forms:
 * X(name, semantics: the comparison's function in numeric.h). */
#define TW_I32_CMPS(X)                                                                      \
    X(EQ, tw_op_i32_eq) X(NE, tw_op_i32_ne) X(LT_S, tw_op_i32_lt_s) X(LT_U, tw_op_i32_lt_u) \
    X(GT_S, tw_op_i32_gt_s) X(GT_U, tw_op_i32_gt_u) X(LE_S, tw_op_i32_le_s)                 \
    X(LE_U, tw_op_i32_le_u) X(GE_S, tw_op_i32_ge_s) X(GE_U, tw_op_i32_ge_u)
#define TW_IOP_CMP(name, sem)                                                               \
    IOPX(BR_IF_I32_##name, "sso") IOPX(BR_IF_I32_##name##_IMM, "sio")                       \
    IOPX(ADDBR_I32_##name, "ssiso") IOPX(ADDBR_I32_##name##_IMM, "ssiio")

#define TW_IOP_SEL_BIN(n) IOPX(n, "sss")
#define TW_IOP_SEL_BINT(n) IOPX(n, "sss")
#define TW_IOP_SEL_UN(n) IOPX(n, "ss")
#define TW_IOP_SEL_UNT(n) IOPX(n, "ss")
#define TW_IOP_SEL_LOAD(n) IOPX(n, "ssii") IOPX(n##_X, "sssii")
#define TW_IOP_SEL_STORE(n) IOPX(n, "ssii")
#define TW_IOP_SEL_CTRL(n)
#define TW_IOP_SEL_VAR(n)
#define TW_IOP_SEL_MISC(n)
/* immediate forms: only for binary operators on i32/i64 */
#define TW_IOP_IMM_BIN_T_I32(n) IOPX(n##_IMM, "ssi")
#define TW_IOP_IMM_BIN_T_I64(n) IOPX(n##_IMM, "ssi")
#define TW_IOP_IMM_BIN_T_F32(n)
#define TW_IOP_IMM_BIN_T_F64(n)
#define TW_IOP_IMM_BINT_T_I32(n) IOPX(n##_IMM, "ssi")
#define TW_IOP_IMM_BINT_T_I64(n) IOPX(n##_IMM, "ssi")
#define TW_IOP_IMM_UN_T_I32(n)
#define TW_IOP_IMM_UN_T_I64(n)
#define TW_IOP_IMM_UN_T_F32(n)
#define TW_IOP_IMM_UN_T_F64(n)
#define TW_IOP_IMM_UNT_T_F32(n)
#define TW_IOP_IMM_UNT_T_F64(n)
#define TW_IOP_IMM_LOAD_0(n)
#define TW_IOP_IMM_LOAD_1(n)
#define TW_IOP_IMM_LOAD_2(n)
#define TW_IOP_IMM_LOAD_3(n)
#define TW_IOP_IMM_STORE_0(n)
#define TW_IOP_IMM_STORE_1(n)
#define TW_IOP_IMM_STORE_2(n)
#define TW_IOP_IMM_STORE_3(n)
#define TW_IOP_IMM_CTRL_T__(n)
#define TW_IOP_IMM_VAR_T__(n)
#define TW_IOP_IMM_MISC_T__(n)
#define TW_IOP_ONE(code, name, text, kind, a, b, r, sem)                                    \
    TW_IOP_SEL_##kind(name) TW_IOP_IMM_##kind##_##a(name)
#define TW_IOPS TW_IOPS_CORE(IOPX) TW_MEM_BINOPS(TW_IOP_MEM) TW_I32_CMPS(TW_IOP_CMP) TW_OPCODES(TW_IOP_ONE) TW_OPCODES_FC(TW_IOP_ONE)

enum {
#define IOPX(n, fmt) IOP_##n,
    TW_IOPS
#undef IOPX
    IOP_COUNT_
};

#endif
