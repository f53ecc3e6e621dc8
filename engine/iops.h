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
 * To expand the whole list, define IOPX(name, operand_words) and write TW_IOPS
 * (operand_words is -1 for BR_TABLE, whose length is 3 + n + 1).
 */
#ifndef TYCHO_IOPS_H
#define TYCHO_IOPS_H

#include "opcodes.h"

#define TW_IOPS_CORE(X)                                                                     \
    X(HALT, 0)            /* end of the entry stub: the call is done */                         \
    X(ENTRY, 0)           /* call ex->entry with its args at slot 0 */                          \
    X(NESTED_ENTER, 0)    /* call the top nested call's callee (tw_hostcall_invoke) */          \
    X(NESTED_RET, 0)      /* its return address: it returned */                                 \
    X(NESTED_REISSUE, 0)  /* re-issue the host call that made the top nested call */            \
    X(UNREACHABLE, 0)                                                                          \
    X(BR, 1)              /* off  (every backward branch is a loop back-edge: charges fuel) */  \
    X(BR_IF, 2)           /* c off */                                                           \
    X(BR_UNLESS, 2)       /* c off */                                                           \
    X(BR_TABLE, -1)        /* i n off*(n+1) */                                                   \
    X(RET0, 0)            /* results already in fp[0..] */                                      \
    X(RET1, 1)            /* s            : fp[0] = fp[s], return */                            \
    X(CALL, 2)            /* f base       : defined function of this instance */                \
    X(CALL_IMPORT, 2)     /* f base       : imported function (host or other instance) */       \
    X(CALL_INDIRECT, 4)   /* type table i base */                                               \
    X(COPY, 2)            /* d s */                                                             \
    X(CONST32, 2)         /* d imm */                                                           \
    X(CONST64, 3)         /* d lo hi */                                                         \
    X(SELECT, 4)          /* d a b c      : d = c ? a : b */                                    \
    X(GLOBAL_GET, 2)      /* d g */                                                             \
    X(GLOBAL_SET, 2)      /* g s */                                                             \
    X(MEMORY_SIZE, 1)     /* d */                                                               \
    X(MEMORY_GROW, 2)     /* d n */                                                             \
    X(MEMORY_INIT, 4)     /* seg d s n */                                                       \
    X(DATA_DROP, 1)       /* seg */                                                             \
    X(MEMORY_COPY, 3)     /* d s n */                                                           \
    X(MEMORY_FILL, 3)     /* d v n */                                                           \
    X(TABLE_GET, 3)       /* d t i */                                                           \
    X(TABLE_SET, 3)       /* t i v */                                                           \
    X(TABLE_INIT, 5)      /* t seg d s n */                                                     \
    X(ELEM_DROP, 1)       /* seg */                                                             \
    X(TABLE_COPY, 5)      /* dt st d s n */                                                     \
    X(TABLE_GROW, 4)      /* d t v n */                                                         \
    X(TABLE_SIZE, 2)      /* d t */                                                             \
    X(TABLE_FILL, 4)      /* t i v n */                                                         \
    X(REF_FUNC, 2)        /* d f */                                                             \
    X(REF_IS_NULL, 2)     /* d a */                                                             \
    X(COPY2, 4)           /* d1 s1 d2 s2 : two copies in one dispatch */                         \
    X(I32_ADD_SHL, 4)     /* d a b k     : d = a + (b << k), scaled indexing */                 \
    X(I32_XOR_ROTL, 4)    /* d a b k     : d = a ^ rotl(b, k), hashing */                       \
    X(F64_FMA_MS, 7)      /* x q qadd qoff p padd poff : mem[p] += x * mem[q] (2 roundings) */  \
    /* and, per i32 comparison (TW_I32_CMPS): BR_IF_I32_cmp a b off, BR_IF_I32_cmp_IMM a imm off,
     * and the loop step ADDBR_I32_cmp[_IMM] d a k b off: d = a + k, branch if d cmp b
     * (ADDBR_* == BR_IF_* + 2);
     * per i32/i64 binary operator X: X_IMM d a imm (i64: imm sign-extended from 32 bits),
     * placed right after X so that IOP_X_IMM == IOP_X + 1 */

/* Binary operators with a form whose b operand is loaded from memory (X_M d a addr add off),
 * and one that also stores the result back there (X_MS a addr add off: `mem[p] op= a`):
 * X(name, load, store, T, op). */
#define TW_MEM_BINOPS(X)                                                                    \
    X(F64_ADD, F64_LOAD, F64_STORE, double, +) X(F64_SUB, F64_LOAD, F64_STORE, double, -)   \
    X(F64_MUL, F64_LOAD, F64_STORE, double, *) X(F32_ADD, F32_LOAD, F32_STORE, float, +)    \
    X(F32_SUB, F32_LOAD, F32_STORE, float, -) X(F32_MUL, F32_LOAD, F32_STORE, float, *)     \
    X(I32_ADD, I32_LOAD, I32_STORE, uint32_t, +) X(I64_ADD, I64_LOAD, I64_STORE, uint64_t, +)
#define TW_IOP_MEM(name, load, store, T, op) IOPX(name##_M, 5) IOPX(name##_MS, 4)

/* The i32 comparisons that get immediate and compare-and-branch forms: X(name, T, op). */
#define TW_I32_CMPS(X)                                                                      \
    X(EQ, U32, ==) X(NE, U32, !=) X(LT_S, S32, <) X(LT_U, U32, <) X(GT_S, S32, >)           \
    X(GT_U, U32, >) X(LE_S, S32, <=) X(LE_U, U32, <=) X(GE_S, S32, >=) X(GE_U, U32, >=)
#define TW_IOP_CMP(name, T, op)                                                             \
    IOPX(BR_IF_I32_##name, 3) IOPX(BR_IF_I32_##name##_IMM, 3)                               \
    IOPX(ADDBR_I32_##name, 5) IOPX(ADDBR_I32_##name##_IMM, 5)

#define TW_IOP_SEL_BIN(n) IOPX(n, 3)
#define TW_IOP_SEL_UN(n) IOPX(n, 2)
#define TW_IOP_SEL_LOAD(n) IOPX(n, 4) IOPX(n##_X, 5)
#define TW_IOP_SEL_STORE(n) IOPX(n, 4)
#define TW_IOP_SEL_CTRL(n)
#define TW_IOP_SEL_VAR(n)
#define TW_IOP_SEL_MISC(n)
/* immediate forms: only for binary operators on i32/i64 */
#define TW_IOP_IMM_BIN_T_I32(n) IOPX(n##_IMM, 3)
#define TW_IOP_IMM_BIN_T_I64(n) IOPX(n##_IMM, 3)
#define TW_IOP_IMM_BIN_T_F32(n)
#define TW_IOP_IMM_BIN_T_F64(n)
#define TW_IOP_IMM_UN_T_I32(n)
#define TW_IOP_IMM_UN_T_I64(n)
#define TW_IOP_IMM_UN_T_F32(n)
#define TW_IOP_IMM_UN_T_F64(n)
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
#define TW_IOP_ONE(code, name, text, kind, a, b, r)                                         \
    TW_IOP_SEL_##kind(name) TW_IOP_IMM_##kind##_##a(name)
#define TW_IOPS TW_IOPS_CORE(IOPX) TW_MEM_BINOPS(TW_IOP_MEM) TW_I32_CMPS(TW_IOP_CMP) TW_OPCODES(TW_IOP_ONE) TW_OPCODES_FC(TW_IOP_ONE)

enum {
#define IOPX(n, k) IOP_##n,
    TW_IOPS
#undef IOPX
    IOP_COUNT_
};

#endif
