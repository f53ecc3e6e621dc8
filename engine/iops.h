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
 * `add` absorbs an i32.add of a constant that computed the address (wrapping as wasm does). Everything else is listed in TW_IOPS_CORE with its operands.
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
    /* fused forms (compile.c picks them; see docs/engine.md) */                             \
    X(I32_ADD_IMM, 3)     /* d a imm */                                                         \
    X(I64_ADD_IMM, 3)     /* d a imm(s32) */                                                    \
    /* and, per i32 comparison (TW_I32_CMPS): I32_cmp_IMM d a imm, BR_IF_I32_cmp a b off,
     * BR_IF_I32_cmp_IMM a imm off */

/* The i32 comparisons that get immediate and compare-and-branch forms: X(name, T, op). */
#define TW_I32_CMPS(X)                                                                      \
    X(EQ, U32, ==) X(NE, U32, !=) X(LT_S, S32, <) X(LT_U, U32, <) X(GT_S, S32, >)           \
    X(GT_U, U32, >) X(LE_S, S32, <=) X(LE_U, U32, <=) X(GE_S, S32, >=) X(GE_U, U32, >=)
#define TW_IOP_CMP(name, T, op)                                                             \
    IOPX(I32_##name##_IMM, 3) IOPX(BR_IF_I32_##name, 3) IOPX(BR_IF_I32_##name##_IMM, 3)

#define TW_IOP_SEL_BIN(n) IOPX(n, 3)
#define TW_IOP_SEL_UN(n) IOPX(n, 2)
#define TW_IOP_SEL_LOAD(n) IOPX(n, 4)
#define TW_IOP_SEL_STORE(n) IOPX(n, 4)
#define TW_IOP_SEL_CTRL(n)
#define TW_IOP_SEL_VAR(n)
#define TW_IOP_SEL_MISC(n)
#define TW_IOP_ONE(code, name, text, kind, a, b, r) TW_IOP_SEL_##kind(name)
#define TW_IOPS TW_IOPS_CORE(IOPX) TW_I32_CMPS(TW_IOP_CMP) TW_OPCODES(TW_IOP_ONE) TW_OPCODES_FC(TW_IOP_ONE)

enum {
#define IOPX(n, k) IOP_##n,
    TW_IOPS
#undef IOPX
    IOP_COUNT_
};

#endif
