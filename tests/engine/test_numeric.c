/* test_numeric.c — engine/numeric.h against WebAssembly semantics, bit-exactly.
 *
 * Three kinds of checks:
 *  - cases from the spec testsuite (all of conversions.wast and float_misc.wast, the
 *    division/remainder cases of i32.wast and i64.wast): operation, argument bits, and
 *    the expected result bits, NaN class or trap;
 *  - sweeps over special values, around every truncation boundary and over random bit
 *    patterns, against reference models written differently from numeric.h (integer
 *    arithmetic on the encodings, long double);
 *  - int -> float conversions and f64 -> f32 demotion against an integer-only
 *    round-to-nearest-even model: numeric.h relies on the compiler's casts for them.
 * The floating-point operations the interpreter does with plain C (+ - * /) are run
 * through the same cases. Prints one line per failure, then "N passed, N failed".
 */
#include <float.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../harness.h"
#include "numeric.h"
#include "opcodes.h"

#define H "%#" PRIx64 /* hex bits in messages */

_Static_assert(LDBL_MANT_DIG >= 64, "the truncation reference needs a 64-bit long double");


/* ---- encodings ------------------------------------------------------------------------ */

enum { R_I32, R_I64, R_F32, R_F64 };

static int width_of(int r) { return r == R_I32 || r == R_F32 ? 32 : 64; }
static uint64_t mask_of(int w) { return w == 32 ? 0xFFFFFFFFull : ~0ull; }
static int mbits_of(int w) { return w == 32 ? 23 : 52; }

static int is_nan(uint64_t b, int w)
{
    int m = mbits_of(w);
    uint64_t exp = (b >> m) & (w == 32 ? 0xFFu : 0x7FFu);
    return exp == (w == 32 ? 0xFFu : 0x7FFu) && (b & ((1ull << m) - 1)) != 0;
}
static uint64_t quiet_bit(int w) { return 1ull << (mbits_of(w) - 1); }
static int is_arith_nan(uint64_t b, int w) { return is_nan(b, w) && (b & quiet_bit(w)); }
static int is_canon_nan(uint64_t b, int w)
{
    return is_nan(b, w) && (b & ((1ull << mbits_of(w)) - 1)) == quiet_bit(w);
}

static float F32(uint64_t a) { return tw_f32_from_bits((uint32_t)a); }
static double F64(uint64_t a) { return tw_f64_from_bits(a); }
static uint64_t B32(float x) { return tw_f32_bits(x); }
static uint64_t B64(double x) { return tw_f64_bits(x); }

/* xorshift64*: deterministic random bit patterns. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

/* ---- the operations under test, by wasm name ------------------------------------------
 * Generated from opcodes.h: for every numeric instruction, its row's semantics (the
 * numeric.h function the interpreter's handler calls), on raw argument bits to raw
 * result bits; non-zero return = trap status (TW_NUM_*). */

typedef int (*opfn)(uint64_t a, uint64_t b, uint64_t *r);

enum { R_T_I32_ = R_I32, R_T_I64_ = R_I64, R_T_F32_ = R_F32, R_T_F64_ = R_F64 };
#define ARG_T_I32_(x) ((uint32_t)(x))
#define ARG_T_F32_(x) ((uint32_t)(x))
#define ARG_T_I64_(x) ((uint64_t)(x))
#define ARG_T_F64_(x) ((uint64_t)(x))
#define CT_T_I32_ uint32_t
#define CT_T_F32_ uint32_t
#define CT_T_I64_ uint64_t
#define CT_T_F64_ uint64_t
#define S32(x) ((int32_t)(uint32_t)(x))
#define S64(x) ((int64_t)(x))

/* (a##_: the type's name, pasted before T_I32 could expand to its code) */
#define GEN(code, name, text, kind, a, b, r, sem) GEN_##kind(name, a##_, b##_, r##_, sem)
#define GEN_CTRL(name, a, b, r, sem)
#define GEN_VAR(name, a, b, r, sem)
#define GEN_MISC(name, a, b, r, sem)
#define GEN_LOAD(name, a, b, r, sem)
#define GEN_STORE(name, a, b, r, sem)
#define GEN_BIN(name, a, b, r, sem)                                                         \
    static int op_##name(uint64_t x, uint64_t y, uint64_t *out)                             \
    {                                                                                       \
        *out = sem(ARG_##a(x), ARG_##b(y));                                                 \
        return 0;                                                                           \
    }
#define GEN_UN(name, a, b, r, sem)                                                          \
    static int op_##name(uint64_t x, uint64_t y, uint64_t *out)                             \
    {                                                                                       \
        (void)y;                                                                            \
        *out = sem(ARG_##a(x));                                                             \
        return 0;                                                                           \
    }
#define GEN_BINT(name, a, b, r, sem)                                                        \
    static int op_##name(uint64_t x, uint64_t y, uint64_t *out)                             \
    {                                                                                       \
        CT_##r v = 0;                                                                       \
        int s = sem(ARG_##a(x), ARG_##b(y), &v);                                            \
        *out = v;                                                                           \
        return s;                                                                           \
    }
#define GEN_UNT(name, a, b, r, sem)                                                         \
    static int op_##name(uint64_t x, uint64_t y, uint64_t *out)                             \
    {                                                                                       \
        (void)y;                                                                            \
        CT_##r v = 0;                                                                       \
        int s = sem(ARG_##a(x), &v);                                                        \
        *out = v;                                                                           \
        return s;                                                                           \
    }
TW_OPCODES(GEN)
TW_OPCODES_FC(GEN)

static const struct op {
    const char *name;
    int res;
    opfn fn;
} ops[] = {
#define ROW(code, name, text, kind, a, b, r, sem) ROW_##kind(name, text, r##_)
#define ROW_CTRL(name, text, r)
#define ROW_VAR(name, text, r)
#define ROW_MISC(name, text, r)
#define ROW_LOAD(name, text, r)
#define ROW_STORE(name, text, r)
#define ROW_BIN(name, text, r) { text, R_##r, op_##name },
#define ROW_BINT ROW_BIN
#define ROW_UN ROW_BIN
#define ROW_UNT ROW_BIN
    TW_OPCODES(ROW)
    TW_OPCODES_FC(ROW)
};

static const struct op *find_op(const char *name)
{
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(ops[i].name, name) == 0)
            return &ops[i];
    return NULL;
}

/* ---- spec testsuite cases ------------------------------------------------------------ */

/* Expected outcome: V = exact bits; NC/NA = canonical/arithmetic NaN; TO/TI/TZ = trap
 * "integer overflow" / "invalid conversion to integer" / "integer divide by zero". */
enum { V, NC, NA, TO, TI, TZ };

struct ncase {
    const char *op;
    uint64_t a, b, expect;
    int kind;
};

/* Generated with wast2json from the testsuite's conversions.wast and float_misc.wast (all
 * assertions) and i32.wast/i64.wast (div/rem): value arguments and results as bits. */
static const struct ncase cases[] = {
    {"i64.extend_i32_s", 0x0, 0x0, 0x0, V},
    {"i64.extend_i32_s", 0x2710, 0x0, 0x2710, V},
    {"i64.extend_i32_s", 0xffffd8f0, 0x0, 0xffffffffffffd8f0, V},
    {"i64.extend_i32_s", 0xffffffff, 0x0, 0xffffffffffffffff, V},
    {"i64.extend_i32_s", 0x7fffffff, 0x0, 0x7fffffff, V},
    {"i64.extend_i32_s", 0x80000000, 0x0, 0xffffffff80000000, V},
    {"i64.extend_i32_u", 0x0, 0x0, 0x0, V},
    {"i64.extend_i32_u", 0x2710, 0x0, 0x2710, V},
    {"i64.extend_i32_u", 0xffffd8f0, 0x0, 0xffffd8f0, V},
    {"i64.extend_i32_u", 0xffffffff, 0x0, 0xffffffff, V},
    {"i64.extend_i32_u", 0x7fffffff, 0x0, 0x7fffffff, V},
    {"i64.extend_i32_u", 0x80000000, 0x0, 0x80000000, V},
    {"i32.wrap_i64", 0xffffffffffffffff, 0x0, 0xffffffff, V},
    {"i32.wrap_i64", 0xfffffffffffe7960, 0x0, 0xfffe7960, V},
    {"i32.wrap_i64", 0x80000000, 0x0, 0x80000000, V},
    {"i32.wrap_i64", 0xffffffff7fffffff, 0x0, 0x7fffffff, V},
    {"i32.wrap_i64", 0xffffffff00000000, 0x0, 0x0, V},
    {"i32.wrap_i64", 0xfffffffeffffffff, 0x0, 0xffffffff, V},
    {"i32.wrap_i64", 0xffffffff00000001, 0x0, 0x1, V},
    {"i32.wrap_i64", 0x0, 0x0, 0x0, V},
    {"i32.wrap_i64", 0x123456789abcdef0, 0x0, 0x9abcdef0, V},
    {"i32.wrap_i64", 0xffffffff, 0x0, 0xffffffff, V},
    {"i32.wrap_i64", 0x100000000, 0x0, 0x0, V},
    {"i32.wrap_i64", 0x100000001, 0x0, 0x1, V},
    {"i32.trunc_f32_s", 0x0, 0x0, 0x0, V},
    {"i32.trunc_f32_s", 0x80000000, 0x0, 0x0, V},
    {"i32.trunc_f32_s", 0x1, 0x0, 0x0, V},
    {"i32.trunc_f32_s", 0x80000001, 0x0, 0x0, V},
    {"i32.trunc_f32_s", 0x3f800000, 0x0, 0x1, V},
    {"i32.trunc_f32_s", 0x3f8ccccd, 0x0, 0x1, V},
    {"i32.trunc_f32_s", 0x3fc00000, 0x0, 0x1, V},
    {"i32.trunc_f32_s", 0xbf800000, 0x0, 0xffffffff, V},
    {"i32.trunc_f32_s", 0xbf8ccccd, 0x0, 0xffffffff, V},
    {"i32.trunc_f32_s", 0xbfc00000, 0x0, 0xffffffff, V},
    {"i32.trunc_f32_s", 0xbff33333, 0x0, 0xffffffff, V},
    {"i32.trunc_f32_s", 0xc0000000, 0x0, 0xfffffffe, V},
    {"i32.trunc_f32_s", 0x4effffff, 0x0, 0x7fffff80, V},
    {"i32.trunc_f32_s", 0xcf000000, 0x0, 0x80000000, V},
    {"i32.trunc_f32_s", 0x4f000000, 0x0, 0x0, TO},
    {"i32.trunc_f32_s", 0xcf000001, 0x0, 0x0, TO},
    {"i32.trunc_f32_s", 0x7f800000, 0x0, 0x0, TO},
    {"i32.trunc_f32_s", 0xff800000, 0x0, 0x0, TO},
    {"i32.trunc_f32_s", 0x7fc00000, 0x0, 0x0, TI},
    {"i32.trunc_f32_s", 0x7fa00000, 0x0, 0x0, TI},
    {"i32.trunc_f32_s", 0xffc00000, 0x0, 0x0, TI},
    {"i32.trunc_f32_s", 0xffa00000, 0x0, 0x0, TI},
    {"i32.trunc_f32_u", 0x0, 0x0, 0x0, V},
    {"i32.trunc_f32_u", 0x80000000, 0x0, 0x0, V},
    {"i32.trunc_f32_u", 0x1, 0x0, 0x0, V},
    {"i32.trunc_f32_u", 0x80000001, 0x0, 0x0, V},
    {"i32.trunc_f32_u", 0x3f800000, 0x0, 0x1, V},
    {"i32.trunc_f32_u", 0x3f8ccccd, 0x0, 0x1, V},
    {"i32.trunc_f32_u", 0x3fc00000, 0x0, 0x1, V},
    {"i32.trunc_f32_u", 0x3ff33333, 0x0, 0x1, V},
    {"i32.trunc_f32_u", 0x40000000, 0x0, 0x2, V},
    {"i32.trunc_f32_u", 0x4f000000, 0x0, 0x80000000, V},
    {"i32.trunc_f32_u", 0x4f7fffff, 0x0, 0xffffff00, V},
    {"i32.trunc_f32_u", 0xbf666666, 0x0, 0x0, V},
    {"i32.trunc_f32_u", 0xbf7fffff, 0x0, 0x0, V},
    {"i32.trunc_f32_u", 0x4f800000, 0x0, 0x0, TO},
    {"i32.trunc_f32_u", 0xbf800000, 0x0, 0x0, TO},
    {"i32.trunc_f32_u", 0x7f800000, 0x0, 0x0, TO},
    {"i32.trunc_f32_u", 0xff800000, 0x0, 0x0, TO},
    {"i32.trunc_f32_u", 0x7fc00000, 0x0, 0x0, TI},
    {"i32.trunc_f32_u", 0x7fa00000, 0x0, 0x0, TI},
    {"i32.trunc_f32_u", 0xffc00000, 0x0, 0x0, TI},
    {"i32.trunc_f32_u", 0xffa00000, 0x0, 0x0, TI},
    {"i32.trunc_f64_s", 0x0, 0x0, 0x0, V},
    {"i32.trunc_f64_s", 0x8000000000000000, 0x0, 0x0, V},
    {"i32.trunc_f64_s", 0x1, 0x0, 0x0, V},
    {"i32.trunc_f64_s", 0x8000000000000001, 0x0, 0x0, V},
    {"i32.trunc_f64_s", 0x3ff0000000000000, 0x0, 0x1, V},
    {"i32.trunc_f64_s", 0x3ff199999999999a, 0x0, 0x1, V},
    {"i32.trunc_f64_s", 0x3ff8000000000000, 0x0, 0x1, V},
    {"i32.trunc_f64_s", 0xbff0000000000000, 0x0, 0xffffffff, V},
    {"i32.trunc_f64_s", 0xbff199999999999a, 0x0, 0xffffffff, V},
    {"i32.trunc_f64_s", 0xbff8000000000000, 0x0, 0xffffffff, V},
    {"i32.trunc_f64_s", 0xbffe666666666666, 0x0, 0xffffffff, V},
    {"i32.trunc_f64_s", 0xc000000000000000, 0x0, 0xfffffffe, V},
    {"i32.trunc_f64_s", 0x41dfffffffc00000, 0x0, 0x7fffffff, V},
    {"i32.trunc_f64_s", 0xc1e0000000000000, 0x0, 0x80000000, V},
    {"i32.trunc_f64_s", 0xc1e00000001ccccd, 0x0, 0x80000000, V},
    {"i32.trunc_f64_s", 0x41dffffffff9999a, 0x0, 0x7fffffff, V},
    {"i32.trunc_f64_s", 0x41e0000000000000, 0x0, 0x0, TO},
    {"i32.trunc_f64_s", 0xc1e0000000200000, 0x0, 0x0, TO},
    {"i32.trunc_f64_s", 0x7ff0000000000000, 0x0, 0x0, TO},
    {"i32.trunc_f64_s", 0xfff0000000000000, 0x0, 0x0, TO},
    {"i32.trunc_f64_s", 0x7ff8000000000000, 0x0, 0x0, TI},
    {"i32.trunc_f64_s", 0x7ff4000000000000, 0x0, 0x0, TI},
    {"i32.trunc_f64_s", 0xfff8000000000000, 0x0, 0x0, TI},
    {"i32.trunc_f64_s", 0xfff4000000000000, 0x0, 0x0, TI},
    {"i32.trunc_f64_u", 0x0, 0x0, 0x0, V},
    {"i32.trunc_f64_u", 0x8000000000000000, 0x0, 0x0, V},
    {"i32.trunc_f64_u", 0x1, 0x0, 0x0, V},
    {"i32.trunc_f64_u", 0x8000000000000001, 0x0, 0x0, V},
    {"i32.trunc_f64_u", 0x3ff0000000000000, 0x0, 0x1, V},
    {"i32.trunc_f64_u", 0x3ff199999999999a, 0x0, 0x1, V},
    {"i32.trunc_f64_u", 0x3ff8000000000000, 0x0, 0x1, V},
    {"i32.trunc_f64_u", 0x3ffe666666666666, 0x0, 0x1, V},
    {"i32.trunc_f64_u", 0x4000000000000000, 0x0, 0x2, V},
    {"i32.trunc_f64_u", 0x41e0000000000000, 0x0, 0x80000000, V},
    {"i32.trunc_f64_u", 0x41efffffffe00000, 0x0, 0xffffffff, V},
    {"i32.trunc_f64_u", 0xbfeccccccccccccd, 0x0, 0x0, V},
    {"i32.trunc_f64_u", 0xbfefffffffffffff, 0x0, 0x0, V},
    {"i32.trunc_f64_u", 0x4197d78400000000, 0x0, 0x5f5e100, V},
    {"i32.trunc_f64_u", 0xbfeccccccccccccd, 0x0, 0x0, V},
    {"i32.trunc_f64_u", 0x41effffffffccccd, 0x0, 0xffffffff, V},
    {"i32.trunc_f64_u", 0x41f0000000000000, 0x0, 0x0, TO},
    {"i32.trunc_f64_u", 0xbff0000000000000, 0x0, 0x0, TO},
    {"i32.trunc_f64_u", 0x4341c37937e08000, 0x0, 0x0, TO},
    {"i32.trunc_f64_u", 0x46293e5939a08cea, 0x0, 0x0, TO},
    {"i32.trunc_f64_u", 0x43e0000000000000, 0x0, 0x0, TO},
    {"i32.trunc_f64_u", 0x7ff0000000000000, 0x0, 0x0, TO},
    {"i32.trunc_f64_u", 0xfff0000000000000, 0x0, 0x0, TO},
    {"i32.trunc_f64_u", 0x7ff8000000000000, 0x0, 0x0, TI},
    {"i32.trunc_f64_u", 0x7ff4000000000000, 0x0, 0x0, TI},
    {"i32.trunc_f64_u", 0xfff8000000000000, 0x0, 0x0, TI},
    {"i32.trunc_f64_u", 0xfff4000000000000, 0x0, 0x0, TI},
    {"i64.trunc_f32_s", 0x0, 0x0, 0x0, V},
    {"i64.trunc_f32_s", 0x80000000, 0x0, 0x0, V},
    {"i64.trunc_f32_s", 0x1, 0x0, 0x0, V},
    {"i64.trunc_f32_s", 0x80000001, 0x0, 0x0, V},
    {"i64.trunc_f32_s", 0x3f800000, 0x0, 0x1, V},
    {"i64.trunc_f32_s", 0x3f8ccccd, 0x0, 0x1, V},
    {"i64.trunc_f32_s", 0x3fc00000, 0x0, 0x1, V},
    {"i64.trunc_f32_s", 0xbf800000, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_f32_s", 0xbf8ccccd, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_f32_s", 0xbfc00000, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_f32_s", 0xbff33333, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_f32_s", 0xc0000000, 0x0, 0xfffffffffffffffe, V},
    {"i64.trunc_f32_s", 0x4f800000, 0x0, 0x100000000, V},
    {"i64.trunc_f32_s", 0xcf800000, 0x0, 0xffffffff00000000, V},
    {"i64.trunc_f32_s", 0x5effffff, 0x0, 0x7fffff8000000000, V},
    {"i64.trunc_f32_s", 0xdf000000, 0x0, 0x8000000000000000, V},
    {"i64.trunc_f32_s", 0x5f000000, 0x0, 0x0, TO},
    {"i64.trunc_f32_s", 0xdf000001, 0x0, 0x0, TO},
    {"i64.trunc_f32_s", 0x7f800000, 0x0, 0x0, TO},
    {"i64.trunc_f32_s", 0xff800000, 0x0, 0x0, TO},
    {"i64.trunc_f32_s", 0x7fc00000, 0x0, 0x0, TI},
    {"i64.trunc_f32_s", 0x7fa00000, 0x0, 0x0, TI},
    {"i64.trunc_f32_s", 0xffc00000, 0x0, 0x0, TI},
    {"i64.trunc_f32_s", 0xffa00000, 0x0, 0x0, TI},
    {"i64.trunc_f32_u", 0x0, 0x0, 0x0, V},
    {"i64.trunc_f32_u", 0x80000000, 0x0, 0x0, V},
    {"i64.trunc_f32_u", 0x1, 0x0, 0x0, V},
    {"i64.trunc_f32_u", 0x80000001, 0x0, 0x0, V},
    {"i64.trunc_f32_u", 0x3f800000, 0x0, 0x1, V},
    {"i64.trunc_f32_u", 0x3f8ccccd, 0x0, 0x1, V},
    {"i64.trunc_f32_u", 0x3fc00000, 0x0, 0x1, V},
    {"i64.trunc_f32_u", 0x4f800000, 0x0, 0x100000000, V},
    {"i64.trunc_f32_u", 0x5f7fffff, 0x0, 0xffffff0000000000, V},
    {"i64.trunc_f32_u", 0xbf666666, 0x0, 0x0, V},
    {"i64.trunc_f32_u", 0xbf7fffff, 0x0, 0x0, V},
    {"i64.trunc_f32_u", 0x5f800000, 0x0, 0x0, TO},
    {"i64.trunc_f32_u", 0xbf800000, 0x0, 0x0, TO},
    {"i64.trunc_f32_u", 0x7f800000, 0x0, 0x0, TO},
    {"i64.trunc_f32_u", 0xff800000, 0x0, 0x0, TO},
    {"i64.trunc_f32_u", 0x7fc00000, 0x0, 0x0, TI},
    {"i64.trunc_f32_u", 0x7fa00000, 0x0, 0x0, TI},
    {"i64.trunc_f32_u", 0xffc00000, 0x0, 0x0, TI},
    {"i64.trunc_f32_u", 0xffa00000, 0x0, 0x0, TI},
    {"i64.trunc_f64_s", 0x0, 0x0, 0x0, V},
    {"i64.trunc_f64_s", 0x8000000000000000, 0x0, 0x0, V},
    {"i64.trunc_f64_s", 0x1, 0x0, 0x0, V},
    {"i64.trunc_f64_s", 0x8000000000000001, 0x0, 0x0, V},
    {"i64.trunc_f64_s", 0x3ff0000000000000, 0x0, 0x1, V},
    {"i64.trunc_f64_s", 0x3ff199999999999a, 0x0, 0x1, V},
    {"i64.trunc_f64_s", 0x3ff8000000000000, 0x0, 0x1, V},
    {"i64.trunc_f64_s", 0xbff0000000000000, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_f64_s", 0xbff199999999999a, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_f64_s", 0xbff8000000000000, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_f64_s", 0xbffe666666666666, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_f64_s", 0xc000000000000000, 0x0, 0xfffffffffffffffe, V},
    {"i64.trunc_f64_s", 0x41f0000000000000, 0x0, 0x100000000, V},
    {"i64.trunc_f64_s", 0xc1f0000000000000, 0x0, 0xffffffff00000000, V},
    {"i64.trunc_f64_s", 0x43dfffffffffffff, 0x0, 0x7ffffffffffffc00, V},
    {"i64.trunc_f64_s", 0xc3e0000000000000, 0x0, 0x8000000000000000, V},
    {"i64.trunc_f64_s", 0x43e0000000000000, 0x0, 0x0, TO},
    {"i64.trunc_f64_s", 0xc3e0000000000001, 0x0, 0x0, TO},
    {"i64.trunc_f64_s", 0x7ff0000000000000, 0x0, 0x0, TO},
    {"i64.trunc_f64_s", 0xfff0000000000000, 0x0, 0x0, TO},
    {"i64.trunc_f64_s", 0x7ff8000000000000, 0x0, 0x0, TI},
    {"i64.trunc_f64_s", 0x7ff4000000000000, 0x0, 0x0, TI},
    {"i64.trunc_f64_s", 0xfff8000000000000, 0x0, 0x0, TI},
    {"i64.trunc_f64_s", 0xfff4000000000000, 0x0, 0x0, TI},
    {"i64.trunc_f64_u", 0x0, 0x0, 0x0, V},
    {"i64.trunc_f64_u", 0x8000000000000000, 0x0, 0x0, V},
    {"i64.trunc_f64_u", 0x1, 0x0, 0x0, V},
    {"i64.trunc_f64_u", 0x8000000000000001, 0x0, 0x0, V},
    {"i64.trunc_f64_u", 0x3ff0000000000000, 0x0, 0x1, V},
    {"i64.trunc_f64_u", 0x3ff199999999999a, 0x0, 0x1, V},
    {"i64.trunc_f64_u", 0x3ff8000000000000, 0x0, 0x1, V},
    {"i64.trunc_f64_u", 0x41efffffffe00000, 0x0, 0xffffffff, V},
    {"i64.trunc_f64_u", 0x41f0000000000000, 0x0, 0x100000000, V},
    {"i64.trunc_f64_u", 0x43efffffffffffff, 0x0, 0xfffffffffffff800, V},
    {"i64.trunc_f64_u", 0xbfeccccccccccccd, 0x0, 0x0, V},
    {"i64.trunc_f64_u", 0xbfefffffffffffff, 0x0, 0x0, V},
    {"i64.trunc_f64_u", 0x4197d78400000000, 0x0, 0x5f5e100, V},
    {"i64.trunc_f64_u", 0x4341c37937e08000, 0x0, 0x2386f26fc10000, V},
    {"i64.trunc_f64_u", 0x43e0000000000000, 0x0, 0x8000000000000000, V},
    {"i64.trunc_f64_u", 0x43f0000000000000, 0x0, 0x0, TO},
    {"i64.trunc_f64_u", 0xbff0000000000000, 0x0, 0x0, TO},
    {"i64.trunc_f64_u", 0x7ff0000000000000, 0x0, 0x0, TO},
    {"i64.trunc_f64_u", 0xfff0000000000000, 0x0, 0x0, TO},
    {"i64.trunc_f64_u", 0x7ff8000000000000, 0x0, 0x0, TI},
    {"i64.trunc_f64_u", 0x7ff4000000000000, 0x0, 0x0, TI},
    {"i64.trunc_f64_u", 0xfff8000000000000, 0x0, 0x0, TI},
    {"i64.trunc_f64_u", 0xfff4000000000000, 0x0, 0x0, TI},
    {"f32.convert_i32_s", 0x1, 0x0, 0x3f800000, V},
    {"f32.convert_i32_s", 0xffffffff, 0x0, 0xbf800000, V},
    {"f32.convert_i32_s", 0x0, 0x0, 0x0, V},
    {"f32.convert_i32_s", 0x7fffffff, 0x0, 0x4f000000, V},
    {"f32.convert_i32_s", 0x80000000, 0x0, 0xcf000000, V},
    {"f32.convert_i32_s", 0x499602d2, 0x0, 0x4e932c06, V},
    {"i32.trunc_sat_f32_s", 0x0, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_s", 0x80000000, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_s", 0x1, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_s", 0x80000001, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_s", 0x3f800000, 0x0, 0x1, V},
    {"i32.trunc_sat_f32_s", 0x3f8ccccd, 0x0, 0x1, V},
    {"i32.trunc_sat_f32_s", 0x3fc00000, 0x0, 0x1, V},
    {"i32.trunc_sat_f32_s", 0xbf800000, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f32_s", 0xbf8ccccd, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f32_s", 0xbfc00000, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f32_s", 0xbff33333, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f32_s", 0xc0000000, 0x0, 0xfffffffe, V},
    {"i32.trunc_sat_f32_s", 0x4effffff, 0x0, 0x7fffff80, V},
    {"i32.trunc_sat_f32_s", 0xcf000000, 0x0, 0x80000000, V},
    {"i32.trunc_sat_f32_s", 0x4f000000, 0x0, 0x7fffffff, V},
    {"i32.trunc_sat_f32_s", 0xcf000001, 0x0, 0x80000000, V},
    {"i32.trunc_sat_f32_s", 0x7f800000, 0x0, 0x7fffffff, V},
    {"i32.trunc_sat_f32_s", 0xff800000, 0x0, 0x80000000, V},
    {"i32.trunc_sat_f32_s", 0x7fc00000, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_s", 0x7fa00000, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_s", 0xffc00000, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_s", 0xffa00000, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_u", 0x0, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_u", 0x80000000, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_u", 0x1, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_u", 0x80000001, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_u", 0x3f800000, 0x0, 0x1, V},
    {"i32.trunc_sat_f32_u", 0x3f8ccccd, 0x0, 0x1, V},
    {"i32.trunc_sat_f32_u", 0x3fc00000, 0x0, 0x1, V},
    {"i32.trunc_sat_f32_u", 0x3ff33333, 0x0, 0x1, V},
    {"i32.trunc_sat_f32_u", 0x40000000, 0x0, 0x2, V},
    {"i32.trunc_sat_f32_u", 0x4f000000, 0x0, 0x80000000, V},
    {"i32.trunc_sat_f32_u", 0x4f7fffff, 0x0, 0xffffff00, V},
    {"i32.trunc_sat_f32_u", 0xbf666666, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_u", 0xbf7fffff, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_u", 0x4f800000, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f32_u", 0xbf800000, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_u", 0x7f800000, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f32_u", 0xff800000, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_u", 0x7fc00000, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_u", 0x7fa00000, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_u", 0xffc00000, 0x0, 0x0, V},
    {"i32.trunc_sat_f32_u", 0xffa00000, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_s", 0x0, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_s", 0x8000000000000000, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_s", 0x1, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_s", 0x8000000000000001, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_s", 0x3ff0000000000000, 0x0, 0x1, V},
    {"i32.trunc_sat_f64_s", 0x3ff199999999999a, 0x0, 0x1, V},
    {"i32.trunc_sat_f64_s", 0x3ff8000000000000, 0x0, 0x1, V},
    {"i32.trunc_sat_f64_s", 0xbff0000000000000, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f64_s", 0xbff199999999999a, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f64_s", 0xbff8000000000000, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f64_s", 0xbffe666666666666, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f64_s", 0xc000000000000000, 0x0, 0xfffffffe, V},
    {"i32.trunc_sat_f64_s", 0x41dfffffffc00000, 0x0, 0x7fffffff, V},
    {"i32.trunc_sat_f64_s", 0xc1e0000000000000, 0x0, 0x80000000, V},
    {"i32.trunc_sat_f64_s", 0x41e0000000000000, 0x0, 0x7fffffff, V},
    {"i32.trunc_sat_f64_s", 0xc1e0000000200000, 0x0, 0x80000000, V},
    {"i32.trunc_sat_f64_s", 0x7ff0000000000000, 0x0, 0x7fffffff, V},
    {"i32.trunc_sat_f64_s", 0xfff0000000000000, 0x0, 0x80000000, V},
    {"i32.trunc_sat_f64_s", 0x7ff8000000000000, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_s", 0x7ff4000000000000, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_s", 0xfff8000000000000, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_s", 0xfff4000000000000, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_u", 0x0, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_u", 0x8000000000000000, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_u", 0x1, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_u", 0x8000000000000001, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_u", 0x3ff0000000000000, 0x0, 0x1, V},
    {"i32.trunc_sat_f64_u", 0x3ff199999999999a, 0x0, 0x1, V},
    {"i32.trunc_sat_f64_u", 0x3ff8000000000000, 0x0, 0x1, V},
    {"i32.trunc_sat_f64_u", 0x3ffe666666666666, 0x0, 0x1, V},
    {"i32.trunc_sat_f64_u", 0x4000000000000000, 0x0, 0x2, V},
    {"i32.trunc_sat_f64_u", 0x41e0000000000000, 0x0, 0x80000000, V},
    {"i32.trunc_sat_f64_u", 0x41efffffffe00000, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f64_u", 0xbfeccccccccccccd, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_u", 0xbfefffffffffffff, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_u", 0x4197d78400000000, 0x0, 0x5f5e100, V},
    {"i32.trunc_sat_f64_u", 0x41f0000000000000, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f64_u", 0xbff0000000000000, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_u", 0x4341c37937e08000, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f64_u", 0x46293e5939a08cea, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f64_u", 0x43e0000000000000, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f64_u", 0x7ff0000000000000, 0x0, 0xffffffff, V},
    {"i32.trunc_sat_f64_u", 0xfff0000000000000, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_u", 0x7ff8000000000000, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_u", 0x7ff4000000000000, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_u", 0xfff8000000000000, 0x0, 0x0, V},
    {"i32.trunc_sat_f64_u", 0xfff4000000000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_s", 0x0, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_s", 0x80000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_s", 0x1, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_s", 0x80000001, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_s", 0x3f800000, 0x0, 0x1, V},
    {"i64.trunc_sat_f32_s", 0x3f8ccccd, 0x0, 0x1, V},
    {"i64.trunc_sat_f32_s", 0x3fc00000, 0x0, 0x1, V},
    {"i64.trunc_sat_f32_s", 0xbf800000, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_sat_f32_s", 0xbf8ccccd, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_sat_f32_s", 0xbfc00000, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_sat_f32_s", 0xbff33333, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_sat_f32_s", 0xc0000000, 0x0, 0xfffffffffffffffe, V},
    {"i64.trunc_sat_f32_s", 0x4f800000, 0x0, 0x100000000, V},
    {"i64.trunc_sat_f32_s", 0xcf800000, 0x0, 0xffffffff00000000, V},
    {"i64.trunc_sat_f32_s", 0x5effffff, 0x0, 0x7fffff8000000000, V},
    {"i64.trunc_sat_f32_s", 0xdf000000, 0x0, 0x8000000000000000, V},
    {"i64.trunc_sat_f32_s", 0x5f000000, 0x0, 0x7fffffffffffffff, V},
    {"i64.trunc_sat_f32_s", 0xdf000001, 0x0, 0x8000000000000000, V},
    {"i64.trunc_sat_f32_s", 0x7f800000, 0x0, 0x7fffffffffffffff, V},
    {"i64.trunc_sat_f32_s", 0xff800000, 0x0, 0x8000000000000000, V},
    {"i64.trunc_sat_f32_s", 0x7fc00000, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_s", 0x7fa00000, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_s", 0xffc00000, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_s", 0xffa00000, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_u", 0x0, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_u", 0x80000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_u", 0x1, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_u", 0x80000001, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_u", 0x3f800000, 0x0, 0x1, V},
    {"i64.trunc_sat_f32_u", 0x3f8ccccd, 0x0, 0x1, V},
    {"i64.trunc_sat_f32_u", 0x3fc00000, 0x0, 0x1, V},
    {"i64.trunc_sat_f32_u", 0x4f800000, 0x0, 0x100000000, V},
    {"i64.trunc_sat_f32_u", 0x5f7fffff, 0x0, 0xffffff0000000000, V},
    {"i64.trunc_sat_f32_u", 0xbf666666, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_u", 0xbf7fffff, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_u", 0x5f800000, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_sat_f32_u", 0xbf800000, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_u", 0x7f800000, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_sat_f32_u", 0xff800000, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_u", 0x7fc00000, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_u", 0x7fa00000, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_u", 0xffc00000, 0x0, 0x0, V},
    {"i64.trunc_sat_f32_u", 0xffa00000, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_s", 0x0, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_s", 0x8000000000000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_s", 0x1, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_s", 0x8000000000000001, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_s", 0x3ff0000000000000, 0x0, 0x1, V},
    {"i64.trunc_sat_f64_s", 0x3ff199999999999a, 0x0, 0x1, V},
    {"i64.trunc_sat_f64_s", 0x3ff8000000000000, 0x0, 0x1, V},
    {"i64.trunc_sat_f64_s", 0xbff0000000000000, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_sat_f64_s", 0xbff199999999999a, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_sat_f64_s", 0xbff8000000000000, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_sat_f64_s", 0xbffe666666666666, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_sat_f64_s", 0xc000000000000000, 0x0, 0xfffffffffffffffe, V},
    {"i64.trunc_sat_f64_s", 0x41f0000000000000, 0x0, 0x100000000, V},
    {"i64.trunc_sat_f64_s", 0xc1f0000000000000, 0x0, 0xffffffff00000000, V},
    {"i64.trunc_sat_f64_s", 0x43dfffffffffffff, 0x0, 0x7ffffffffffffc00, V},
    {"i64.trunc_sat_f64_s", 0xc3e0000000000000, 0x0, 0x8000000000000000, V},
    {"i64.trunc_sat_f64_s", 0x43e0000000000000, 0x0, 0x7fffffffffffffff, V},
    {"i64.trunc_sat_f64_s", 0xc3e0000000000001, 0x0, 0x8000000000000000, V},
    {"i64.trunc_sat_f64_s", 0x7ff0000000000000, 0x0, 0x7fffffffffffffff, V},
    {"i64.trunc_sat_f64_s", 0xfff0000000000000, 0x0, 0x8000000000000000, V},
    {"i64.trunc_sat_f64_s", 0x7ff8000000000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_s", 0x7ff4000000000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_s", 0xfff8000000000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_s", 0xfff4000000000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_u", 0x0, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_u", 0x8000000000000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_u", 0x1, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_u", 0x8000000000000001, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_u", 0x3ff0000000000000, 0x0, 0x1, V},
    {"i64.trunc_sat_f64_u", 0x3ff199999999999a, 0x0, 0x1, V},
    {"i64.trunc_sat_f64_u", 0x3ff8000000000000, 0x0, 0x1, V},
    {"i64.trunc_sat_f64_u", 0x41efffffffe00000, 0x0, 0xffffffff, V},
    {"i64.trunc_sat_f64_u", 0x41f0000000000000, 0x0, 0x100000000, V},
    {"i64.trunc_sat_f64_u", 0x43efffffffffffff, 0x0, 0xfffffffffffff800, V},
    {"i64.trunc_sat_f64_u", 0xbfeccccccccccccd, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_u", 0xbfefffffffffffff, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_u", 0x4197d78400000000, 0x0, 0x5f5e100, V},
    {"i64.trunc_sat_f64_u", 0x4341c37937e08000, 0x0, 0x2386f26fc10000, V},
    {"i64.trunc_sat_f64_u", 0x43e0000000000000, 0x0, 0x8000000000000000, V},
    {"i64.trunc_sat_f64_u", 0x43f0000000000000, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_sat_f64_u", 0xbff0000000000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_u", 0x7ff0000000000000, 0x0, 0xffffffffffffffff, V},
    {"i64.trunc_sat_f64_u", 0xfff0000000000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_u", 0x7ff8000000000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_u", 0x7ff4000000000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_u", 0xfff8000000000000, 0x0, 0x0, V},
    {"i64.trunc_sat_f64_u", 0xfff4000000000000, 0x0, 0x0, V},
    {"f32.convert_i32_s", 0x1000001, 0x0, 0x4b800000, V},
    {"f32.convert_i32_s", 0xfeffffff, 0x0, 0xcb800000, V},
    {"f32.convert_i32_s", 0x1000003, 0x0, 0x4b800002, V},
    {"f32.convert_i32_s", 0xfefffffd, 0x0, 0xcb800002, V},
    {"f32.convert_i64_s", 0x1, 0x0, 0x3f800000, V},
    {"f32.convert_i64_s", 0xffffffffffffffff, 0x0, 0xbf800000, V},
    {"f32.convert_i64_s", 0x0, 0x0, 0x0, V},
    {"f32.convert_i64_s", 0x7fffffffffffffff, 0x0, 0x5f000000, V},
    {"f32.convert_i64_s", 0x8000000000000000, 0x0, 0xdf000000, V},
    {"f32.convert_i64_s", 0x11db9e76a2483, 0x0, 0x578edcf4, V},
    {"f32.convert_i64_s", 0x1000001, 0x0, 0x4b800000, V},
    {"f32.convert_i64_s", 0xfffffffffeffffff, 0x0, 0xcb800000, V},
    {"f32.convert_i64_s", 0x1000003, 0x0, 0x4b800002, V},
    {"f32.convert_i64_s", 0xfffffffffefffffd, 0x0, 0xcb800002, V},
    {"f32.convert_i64_s", 0x7fffff4000000001, 0x0, 0x5effffff, V},
    {"f32.convert_i64_s", 0x8000004000000001, 0x0, 0xdeffffff, V},
    {"f32.convert_i64_s", 0x20000020000001, 0x0, 0x5a000001, V},
    {"f32.convert_i64_s", 0xffdfffffdfffffff, 0x0, 0xda000001, V},
    {"f64.convert_i32_s", 0x1, 0x0, 0x3ff0000000000000, V},
    {"f64.convert_i32_s", 0xffffffff, 0x0, 0xbff0000000000000, V},
    {"f64.convert_i32_s", 0x0, 0x0, 0x0, V},
    {"f64.convert_i32_s", 0x7fffffff, 0x0, 0x41dfffffffc00000, V},
    {"f64.convert_i32_s", 0x80000000, 0x0, 0xc1e0000000000000, V},
    {"f64.convert_i32_s", 0x3ade68b1, 0x0, 0x41cd6f3458800000, V},
    {"f64.convert_i64_s", 0x1, 0x0, 0x3ff0000000000000, V},
    {"f64.convert_i64_s", 0xffffffffffffffff, 0x0, 0xbff0000000000000, V},
    {"f64.convert_i64_s", 0x0, 0x0, 0x0, V},
    {"f64.convert_i64_s", 0x7fffffffffffffff, 0x0, 0x43e0000000000000, V},
    {"f64.convert_i64_s", 0x8000000000000000, 0x0, 0xc3e0000000000000, V},
    {"f64.convert_i64_s", 0x10969d374b968e, 0x0, 0x4330969d374b968e, V},
    {"f64.convert_i64_s", 0x20000000000001, 0x0, 0x4340000000000000, V},
    {"f64.convert_i64_s", 0xffdfffffffffffff, 0x0, 0xc340000000000000, V},
    {"f64.convert_i64_s", 0x20000000000003, 0x0, 0x4340000000000002, V},
    {"f64.convert_i64_s", 0xffdffffffffffffd, 0x0, 0xc340000000000002, V},
    {"f32.convert_i32_u", 0x1, 0x0, 0x3f800000, V},
    {"f32.convert_i32_u", 0x0, 0x0, 0x0, V},
    {"f32.convert_i32_u", 0x7fffffff, 0x0, 0x4f000000, V},
    {"f32.convert_i32_u", 0x80000000, 0x0, 0x4f000000, V},
    {"f32.convert_i32_u", 0x12345678, 0x0, 0x4d91a2b4, V},
    {"f32.convert_i32_u", 0xffffffff, 0x0, 0x4f800000, V},
    {"f32.convert_i32_u", 0x80000080, 0x0, 0x4f000000, V},
    {"f32.convert_i32_u", 0x80000081, 0x0, 0x4f000001, V},
    {"f32.convert_i32_u", 0x80000082, 0x0, 0x4f000001, V},
    {"f32.convert_i32_u", 0xfffffe80, 0x0, 0x4f7ffffe, V},
    {"f32.convert_i32_u", 0xfffffe81, 0x0, 0x4f7fffff, V},
    {"f32.convert_i32_u", 0xfffffe82, 0x0, 0x4f7fffff, V},
    {"f32.convert_i32_u", 0x1000001, 0x0, 0x4b800000, V},
    {"f32.convert_i32_u", 0x1000003, 0x0, 0x4b800002, V},
    {"f32.convert_i64_u", 0x1, 0x0, 0x3f800000, V},
    {"f32.convert_i64_u", 0x0, 0x0, 0x0, V},
    {"f32.convert_i64_u", 0x7fffffffffffffff, 0x0, 0x5f000000, V},
    {"f32.convert_i64_u", 0x8000000000000000, 0x0, 0x5f000000, V},
    {"f32.convert_i64_u", 0xffffffffffffffff, 0x0, 0x5f800000, V},
    {"f32.convert_i64_u", 0x1000001, 0x0, 0x4b800000, V},
    {"f32.convert_i64_u", 0x1000003, 0x0, 0x4b800002, V},
    {"f32.convert_i64_u", 0x20000020000001, 0x0, 0x5a000001, V},
    {"f32.convert_i64_u", 0x7fffffbfffffffff, 0x0, 0x5effffff, V},
    {"f32.convert_i64_u", 0x8000008000000001, 0x0, 0x5f000001, V},
    {"f32.convert_i64_u", 0xfffffe8000000001, 0x0, 0x5f7fffff, V},
    {"f64.convert_i32_u", 0x1, 0x0, 0x3ff0000000000000, V},
    {"f64.convert_i32_u", 0x0, 0x0, 0x0, V},
    {"f64.convert_i32_u", 0x7fffffff, 0x0, 0x41dfffffffc00000, V},
    {"f64.convert_i32_u", 0x80000000, 0x0, 0x41e0000000000000, V},
    {"f64.convert_i32_u", 0xffffffff, 0x0, 0x41efffffffe00000, V},
    {"f64.convert_i64_u", 0x1, 0x0, 0x3ff0000000000000, V},
    {"f64.convert_i64_u", 0x0, 0x0, 0x0, V},
    {"f64.convert_i64_u", 0x7fffffffffffffff, 0x0, 0x43e0000000000000, V},
    {"f64.convert_i64_u", 0x8000000000000000, 0x0, 0x43e0000000000000, V},
    {"f64.convert_i64_u", 0xffffffffffffffff, 0x0, 0x43f0000000000000, V},
    {"f64.convert_i64_u", 0x8000000000000400, 0x0, 0x43e0000000000000, V},
    {"f64.convert_i64_u", 0x8000000000000401, 0x0, 0x43e0000000000001, V},
    {"f64.convert_i64_u", 0x8000000000000402, 0x0, 0x43e0000000000001, V},
    {"f64.convert_i64_u", 0xfffffffffffff400, 0x0, 0x43effffffffffffe, V},
    {"f64.convert_i64_u", 0xfffffffffffff401, 0x0, 0x43efffffffffffff, V},
    {"f64.convert_i64_u", 0xfffffffffffff402, 0x0, 0x43efffffffffffff, V},
    {"f64.convert_i64_u", 0x20000000000001, 0x0, 0x4340000000000000, V},
    {"f64.convert_i64_u", 0x20000000000003, 0x0, 0x4340000000000002, V},
    {"f64.promote_f32", 0x0, 0x0, 0x0, V},
    {"f64.promote_f32", 0x80000000, 0x0, 0x8000000000000000, V},
    {"f64.promote_f32", 0x1, 0x0, 0x36a0000000000000, V},
    {"f64.promote_f32", 0x80000001, 0x0, 0xb6a0000000000000, V},
    {"f64.promote_f32", 0x3f800000, 0x0, 0x3ff0000000000000, V},
    {"f64.promote_f32", 0xbf800000, 0x0, 0xbff0000000000000, V},
    {"f64.promote_f32", 0xff7fffff, 0x0, 0xc7efffffe0000000, V},
    {"f64.promote_f32", 0x7f7fffff, 0x0, 0x47efffffe0000000, V},
    {"f64.promote_f32", 0x4000000, 0x0, 0x3880000000000000, V},
    {"f64.promote_f32", 0x7e47c33f, 0x0, 0x47c8f867e0000000, V},
    {"f64.promote_f32", 0x7f800000, 0x0, 0x7ff0000000000000, V},
    {"f64.promote_f32", 0xff800000, 0x0, 0xfff0000000000000, V},
    {"f64.promote_f32", 0x7fc00000, 0x0, 0x0, NC},
    {"f64.promote_f32", 0x7fa00000, 0x0, 0x0, NA},
    {"f64.promote_f32", 0xffc00000, 0x0, 0x0, NC},
    {"f64.promote_f32", 0xffa00000, 0x0, 0x0, NA},
    {"f32.demote_f64", 0x0, 0x0, 0x0, V},
    {"f32.demote_f64", 0x8000000000000000, 0x0, 0x80000000, V},
    {"f32.demote_f64", 0x1, 0x0, 0x0, V},
    {"f32.demote_f64", 0x8000000000000001, 0x0, 0x80000000, V},
    {"f32.demote_f64", 0x3ff0000000000000, 0x0, 0x3f800000, V},
    {"f32.demote_f64", 0xbff0000000000000, 0x0, 0xbf800000, V},
    {"f32.demote_f64", 0x380fffffe0000000, 0x0, 0x800000, V},
    {"f32.demote_f64", 0xb80fffffe0000000, 0x0, 0x80800000, V},
    {"f32.demote_f64", 0x380fffffdfffffff, 0x0, 0x7fffff, V},
    {"f32.demote_f64", 0xb80fffffdfffffff, 0x0, 0x807fffff, V},
    {"f32.demote_f64", 0x36a0000000000000, 0x0, 0x1, V},
    {"f32.demote_f64", 0xb6a0000000000000, 0x0, 0x80000001, V},
    {"f32.demote_f64", 0x47efffffd0000000, 0x0, 0x7f7ffffe, V},
    {"f32.demote_f64", 0xc7efffffd0000000, 0x0, 0xff7ffffe, V},
    {"f32.demote_f64", 0x47efffffd0000001, 0x0, 0x7f7fffff, V},
    {"f32.demote_f64", 0xc7efffffd0000001, 0x0, 0xff7fffff, V},
    {"f32.demote_f64", 0x47efffffe0000000, 0x0, 0x7f7fffff, V},
    {"f32.demote_f64", 0xc7efffffe0000000, 0x0, 0xff7fffff, V},
    {"f32.demote_f64", 0x47efffffefffffff, 0x0, 0x7f7fffff, V},
    {"f32.demote_f64", 0xc7efffffefffffff, 0x0, 0xff7fffff, V},
    {"f32.demote_f64", 0x47effffff0000000, 0x0, 0x7f800000, V},
    {"f32.demote_f64", 0xc7effffff0000000, 0x0, 0xff800000, V},
    {"f32.demote_f64", 0x3880000000000000, 0x0, 0x4000000, V},
    {"f32.demote_f64", 0x47c8f867e0000000, 0x0, 0x7e47c33f, V},
    {"f32.demote_f64", 0x7ff0000000000000, 0x0, 0x7f800000, V},
    {"f32.demote_f64", 0xfff0000000000000, 0x0, 0xff800000, V},
    {"f32.demote_f64", 0x3ff0000000000001, 0x0, 0x3f800000, V},
    {"f32.demote_f64", 0x3fefffffffffffff, 0x0, 0x3f800000, V},
    {"f32.demote_f64", 0x3ff0000010000000, 0x0, 0x3f800000, V},
    {"f32.demote_f64", 0x3ff0000010000001, 0x0, 0x3f800001, V},
    {"f32.demote_f64", 0x3ff000002fffffff, 0x0, 0x3f800001, V},
    {"f32.demote_f64", 0x3ff0000030000000, 0x0, 0x3f800002, V},
    {"f32.demote_f64", 0x3ff0000050000000, 0x0, 0x3f800002, V},
    {"f32.demote_f64", 0x4170000010000000, 0x0, 0x4b800000, V},
    {"f32.demote_f64", 0x4170000010000001, 0x0, 0x4b800001, V},
    {"f32.demote_f64", 0x417000002fffffff, 0x0, 0x4b800001, V},
    {"f32.demote_f64", 0x4170000030000000, 0x0, 0x4b800002, V},
    {"f32.demote_f64", 0x46b4eae4f7024c70, 0x0, 0x75a75728, V},
    {"f32.demote_f64", 0x38ea12e71e358685, 0x0, 0x7509739, V},
    {"f32.demote_f64", 0x380cb98354d521ff, 0x0, 0x72e60d, V},
    {"f32.demote_f64", 0xc006972b30cfb562, 0x0, 0xc034b95a, V},
    {"f32.demote_f64", 0xc6fbedbe4819d4c4, 0x0, 0xf7df6df2, V},
    {"f32.demote_f64", 0x7ff8000000000000, 0x0, 0x0, NC},
    {"f32.demote_f64", 0x7ff4000000000000, 0x0, 0x0, NA},
    {"f32.demote_f64", 0xfff8000000000000, 0x0, 0x0, NC},
    {"f32.demote_f64", 0xfff4000000000000, 0x0, 0x0, NA},
    {"f32.demote_f64", 0x10000000000000, 0x0, 0x0, V},
    {"f32.demote_f64", 0x8010000000000000, 0x0, 0x80000000, V},
    {"f32.demote_f64", 0x3690000000000000, 0x0, 0x0, V},
    {"f32.demote_f64", 0xb690000000000000, 0x0, 0x80000000, V},
    {"f32.demote_f64", 0x3690000000000001, 0x0, 0x1, V},
    {"f32.demote_f64", 0xb690000000000001, 0x0, 0x80000001, V},
    {"f32.reinterpret_i32", 0x0, 0x0, 0x0, V},
    {"f32.reinterpret_i32", 0x80000000, 0x0, 0x80000000, V},
    {"f32.reinterpret_i32", 0x1, 0x0, 0x1, V},
    {"f32.reinterpret_i32", 0xffffffff, 0x0, 0xffffffff, V},
    {"f32.reinterpret_i32", 0x75bcd15, 0x0, 0x75bcd15, V},
    {"f32.reinterpret_i32", 0x80000001, 0x0, 0x80000001, V},
    {"f32.reinterpret_i32", 0x7f800000, 0x0, 0x7f800000, V},
    {"f32.reinterpret_i32", 0xff800000, 0x0, 0xff800000, V},
    {"f32.reinterpret_i32", 0x7fc00000, 0x0, 0x7fc00000, V},
    {"f32.reinterpret_i32", 0xffc00000, 0x0, 0xffc00000, V},
    {"f32.reinterpret_i32", 0x7fa00000, 0x0, 0x7fa00000, V},
    {"f32.reinterpret_i32", 0xffa00000, 0x0, 0xffa00000, V},
    {"f64.reinterpret_i64", 0x0, 0x0, 0x0, V},
    {"f64.reinterpret_i64", 0x1, 0x0, 0x1, V},
    {"f64.reinterpret_i64", 0xffffffffffffffff, 0x0, 0xffffffffffffffff, V},
    {"f64.reinterpret_i64", 0x8000000000000000, 0x0, 0x8000000000000000, V},
    {"f64.reinterpret_i64", 0x499602d2, 0x0, 0x499602d2, V},
    {"f64.reinterpret_i64", 0x8000000000000001, 0x0, 0x8000000000000001, V},
    {"f64.reinterpret_i64", 0x7ff0000000000000, 0x0, 0x7ff0000000000000, V},
    {"f64.reinterpret_i64", 0xfff0000000000000, 0x0, 0xfff0000000000000, V},
    {"f64.reinterpret_i64", 0x7ff8000000000000, 0x0, 0x7ff8000000000000, V},
    {"f64.reinterpret_i64", 0xfff8000000000000, 0x0, 0xfff8000000000000, V},
    {"f64.reinterpret_i64", 0x7ff4000000000000, 0x0, 0x7ff4000000000000, V},
    {"f64.reinterpret_i64", 0xfff4000000000000, 0x0, 0xfff4000000000000, V},
    {"i32.reinterpret_f32", 0x0, 0x0, 0x0, V},
    {"i32.reinterpret_f32", 0x80000000, 0x0, 0x80000000, V},
    {"i32.reinterpret_f32", 0x1, 0x0, 0x1, V},
    {"i32.reinterpret_f32", 0xffffffff, 0x0, 0xffffffff, V},
    {"i32.reinterpret_f32", 0x80000001, 0x0, 0x80000001, V},
    {"i32.reinterpret_f32", 0x3f800000, 0x0, 0x3f800000, V},
    {"i32.reinterpret_f32", 0x40490fda, 0x0, 0x40490fda, V},
    {"i32.reinterpret_f32", 0x7f7fffff, 0x0, 0x7f7fffff, V},
    {"i32.reinterpret_f32", 0xff7fffff, 0x0, 0xff7fffff, V},
    {"i32.reinterpret_f32", 0x7f800000, 0x0, 0x7f800000, V},
    {"i32.reinterpret_f32", 0xff800000, 0x0, 0xff800000, V},
    {"i32.reinterpret_f32", 0x7fc00000, 0x0, 0x7fc00000, V},
    {"i32.reinterpret_f32", 0xffc00000, 0x0, 0xffc00000, V},
    {"i32.reinterpret_f32", 0x7fa00000, 0x0, 0x7fa00000, V},
    {"i32.reinterpret_f32", 0xffa00000, 0x0, 0xffa00000, V},
    {"i64.reinterpret_f64", 0x0, 0x0, 0x0, V},
    {"i64.reinterpret_f64", 0x8000000000000000, 0x0, 0x8000000000000000, V},
    {"i64.reinterpret_f64", 0x1, 0x0, 0x1, V},
    {"i64.reinterpret_f64", 0xffffffffffffffff, 0x0, 0xffffffffffffffff, V},
    {"i64.reinterpret_f64", 0x8000000000000001, 0x0, 0x8000000000000001, V},
    {"i64.reinterpret_f64", 0x3ff0000000000000, 0x0, 0x3ff0000000000000, V},
    {"i64.reinterpret_f64", 0x400921fb54442d11, 0x0, 0x400921fb54442d11, V},
    {"i64.reinterpret_f64", 0x7fefffffffffffff, 0x0, 0x7fefffffffffffff, V},
    {"i64.reinterpret_f64", 0xffefffffffffffff, 0x0, 0xffefffffffffffff, V},
    {"i64.reinterpret_f64", 0x7ff0000000000000, 0x0, 0x7ff0000000000000, V},
    {"i64.reinterpret_f64", 0xfff0000000000000, 0x0, 0xfff0000000000000, V},
    {"i64.reinterpret_f64", 0x7ff8000000000000, 0x0, 0x7ff8000000000000, V},
    {"i64.reinterpret_f64", 0xfff8000000000000, 0x0, 0xfff8000000000000, V},
    {"i64.reinterpret_f64", 0x7ff4000000000000, 0x0, 0x7ff4000000000000, V},
    {"i64.reinterpret_f64", 0xfff4000000000000, 0x0, 0xfff4000000000000, V},
    {"f32.add", 0x3f8fcd6f, 0x2f07bc16, 0x3f8fcd6f, V},
    {"f64.add", 0x3ff1f9add3739636, 0x3de0f782bf7cc83f, 0x3ff1f9add37c11f7, V},
    {"f32.add", 0x3f800000, 0x33800000, 0x3f800000, V},
    {"f32.add", 0x3f800000, 0x33800001, 0x3f800001, V},
    {"f64.add", 0x3ff0000000000000, 0x3ca0000000000000, 0x3ff0000000000000, V},
    {"f64.add", 0x3ff0000000000000, 0x3ca0000000000001, 0x3ff0000000000001, V},
    {"f32.add", 0x1, 0x7fffff, 0x800000, V},
    {"f64.add", 0x1, 0xfffffffffffff, 0x10000000000000, V},
    {"f32.add", 0x4f000000, 0x44800800, 0x4f000004, V},
    {"f64.add", 0x43e0000000000000, 0x4090010000000000, 0x43e0000000000001, V},
    {"f64.add", 0x80f0000000000000, 0x1716, 0x80efffffffffffff, V},
    {"f64.add", 0x4340000000000000, 0x3ff0000a7c5ac472, 0x4340000000000001, V},
    {"f64.add", 0x4340000000000001, 0x3fefffe000000000, 0x4340000000000001, V},
    {"f32.add", 0x4b000000, 0x3f000000, 0x4b000000, V},
    {"f32.add", 0x4b000001, 0x3f000000, 0x4b000002, V},
    {"f64.add", 0x4330000000000000, 0x3fe0000000000000, 0x4330000000000000, V},
    {"f64.add", 0x4330000000000001, 0x3fe0000000000000, 0x4330000000000002, V},
    {"f32.add", 0xf29cb3ad, 0xe3b64a6, 0xf29cb3ad, V},
    {"f32.add", 0x61360792, 0xd995c968, 0x61360666, V},
    {"f32.add", 0x1673118c, 0x17ba55f, 0x1673118c, V},
    {"f32.add", 0x531538ea, 0xdb64f886, 0xdb64f7f1, V},
    {"f32.add", 0x387c7b9b, 0x74bdea2f, 0x74bdea2f, V},
    {"f64.add", 0x262f33e1fbca27aa, 0xcf86b192891ed610, 0xcf86b192891ed610, V},
    {"f64.add", 0xc4b46f75d130eeb1, 0x34725275d6f7a4ac, 0xc4b46f75d130eeb1, V},
    {"f64.add", 0x36b04dec9265a731, 0xbf311eed4e8c127c, 0xbf311eed4e8c127c, V},
    {"f64.add", 0x5f005773b7166b0a, 0x441134022f2da37b, 0x5f005773b7166b0a, V},
    {"f64.add", 0x540ef4f794282a82, 0x58914a82266bade0, 0x58914a82266bade0, V},
    {"f32.add", 0x638dfcbb, 0xc9bfac34, 0x638dfcbb, V},
    {"f32.add", 0x293fce36, 0x98dcdd87, 0x293fce36, V},
    {"f32.add", 0xaa9968de, 0x7e7be90a, 0x7e7be90a, V},
    {"f32.add", 0xa9c72e07, 0x8a9d7d26, 0xa9c72e07, V},
    {"f32.add", 0x3a89e6bc, 0x8a1d798b, 0x3a89e6bc, V},
    {"f64.add", 0x4b2f8dd15ca97d4a, 0x9f0367317d1fe8bf, 0x4b2f8dd15ca97d4a, V},
    {"f64.add", 0x49a5db08d739228c, 0xbc2fb316fa147dcb, 0x49a5db08d739228c, V},
    {"f64.add", 0x26bbbb403cb85c07, 0x82c7e44046b8bbf3, 0x26bbbb403cb85c07, V},
    {"f64.add", 0xc9234d38af291831, 0xc8a9890b47439953, 0xc92366c1ba705bca, V},
    {"f64.add", 0xc02b61dedf4e0306, 0x52109e2f31773c4a, 0x52109e2f31773c4a, V},
    {"f32.add", 0x85094dec, 0x2a63a809, 0x2a63a809, V},
    {"f32.add", 0xb7e10251, 0x32405899, 0xb7e0ea46, V},
    {"f32.add", 0xd1ef660e, 0x963446d, 0xd1ef660e, V},
    {"f32.add", 0x4b0e735, 0xcebb9449, 0xcebb9449, V},
    {"f32.add", 0x839ee413, 0x6f7e1fb3, 0x6f7e1fb3, V},
    {"f64.add", 0xf6bf68acc263a0f, 0xfeb5f9352965e5a6, 0xfeb5f9352965e5a6, V},
    {"f64.add", 0xe0376eaa70911f51, 0xdec2d746324ce47a, 0xe0376eaa963fabb6, V},
    {"f64.add", 0x838b637d82c15a7a, 0x2e4cc654ccab4152, 0x2e4cc654ccab4152, V},
    {"f64.add", 0xa02a5b1fb66e846e, 0xa34bdd36f0bb5cc, 0xa02a5b1fb66e846e, V},
    {"f64.add", 0xfc514108da880f9e, 0x71f417f35701e89f, 0xfc514108da880f9e, V},
    {"f64.add", 0xf23fa0caf21ffebc, 0x7394ca8fdcff89f9, 0x7394ca8f5e7c5e31, V},
    {"f64.add", 0x70f016f1fcbdfd38, 0x6e9375dffcbc9a2c, 0x70f016f1fcbe4b0f, V},
    {"f64.add", 0xe6fdffda6d5bff3a, 0x6a1f9e8cc2dff782, 0x6a1f9e8cc2dff77b, V},
    {"f64.add", 0x5cefff4b43687dfb, 0x6040fd5617c4a809, 0x6040fd5617c4a809, V},
    {"f64.add", 0x1c535d380035da2, 0x3ccce37dddbb73b, 0x3ccce37ddf0ed0f, V},
    {"f64.add", 0xeefd91cd3fc0c66f, 0xfb74e18c80229734, 0xfb74e18c80229734, V},
    {"f64.add", 0x4c0afc70fd36e372, 0xd10bd10a9b377b46, 0xd10bd10a9b377b46, V},
    {"f64.add", 0xd2d2abd570b078b2, 0x258b3c1ad759cb5b, 0xd2d2abd570b078b2, V},
    {"f64.add", 0xac25b2ae84c0686c, 0xdd1dba7a1c022823, 0xdd1dba7a1c022823, V},
    {"f64.add", 0xb39ac627bd7cbf38, 0x212312e265b8d59, 0xb39ac627bd7cbf38, V},
    {"f32.add", 0x7995c8d0, 0x7f65e6a9, 0x7f65f962, V},
    {"f32.add", 0x7f4b79c9, 0xf5359ff6, 0x7f4b79be, V},
    {"f32.add", 0x7a89978e, 0xff31eb19, 0xff31a64d, V},
    {"f32.add", 0xfb8eed32, 0xff778170, 0xff789f4a, V},
    {"f32.add", 0xff256c6d, 0xfe757041, 0xff62c87d, V},
    {"f64.add", 0x7fe017099f2a4b8b, 0x7d41f63b28f05454, 0x7fe017099f2a5009, V},
    {"f64.add", 0x7fed88b6c74984ef, 0x7dd33b444775eabc, 0x7fed88b6c7532291, V},
    {"f64.add", 0xffe84576422fdf50, 0x7f360ee6aa12fb9c, 0xffe842b4655a9cf1, V},
    {"f64.add", 0xfe89aaace3e79f7d, 0x7fee4068af295cb6, 0x7fee4068487ea926, V},
    {"f64.add", 0x7fe06cdae79f27b9, 0xfdee05cb0c96f975, 0x7fe06cdae78121ee, V},
    {"f32.add", 0x5a8688, 0x26f, 0x5a88f7, V},
    {"f32.add", 0x25, 0x80000002, 0x23, V},
    {"f32.add", 0x80000008, 0x387940, 0x387938, V},
    {"f32.add", 0x80000014, 0x2a12029, 0x2a12028, V},
    {"f32.add", 0x1c5, 0x80005cbe, 0x80005af9, V},
    {"f64.add", 0x14774c681d1e21, 0x802271e58e9f58ca, 0x80106c7eb5219373, V},
    {"f64.add", 0x210b3a75e31916, 0x802ffb82b0e868a7, 0x801de090760a9f22, V},
    {"f64.add", 0x8006b58448b8098a, 0x801579796ed04cbe, 0x801c2efdb7885648, V},
    {"f64.add", 0x39eb9e7baae8d1, 0x803d58e136f8c6ee, 0x800db50aed377874, V},
    {"f64.add", 0x801f1115deeafa0b, 0x1221b1c87dca29, 0x800cef64166d2fe2, V},
    {"f32.add", 0x7f7ffffe, 0x73800000, 0x7f7fffff, V},
    {"f64.add", 0x7feffffffffffffe, 0x7ca0000000000000, 0x7fefffffffffffff, V},
    {"f32.add", 0x40000000, 0x40000000, 0x40800000, V},
    {"f64.add", 0x4000000000000000, 0x4000000000000000, 0x4010000000000000, V},
    {"f32.add", 0x7f7fffff, 0x72ffffff, 0x7f7fffff, V},
    {"f32.add", 0x7f7fffff, 0x73000000, 0x7f800000, V},
    {"f64.add", 0x7fefffffffffffff, 0x7c8fffffffffffff, 0x7fefffffffffffff, V},
    {"f64.add", 0x7fefffffffffffff, 0x7c90000000000000, 0x7ff0000000000000, V},
    {"f32.sub", 0x47800000, 0x2d000000, 0x47800000, V},
    {"f64.sub", 0x40f0000000000000, 0x3da0000000000000, 0x40efffffffffffff, V},
    {"f32.sub", 0x3f800000, 0x33000000, 0x3f800000, V},
    {"f32.sub", 0x3f800000, 0x33000001, 0x3f7fffff, V},
    {"f64.sub", 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, V},
    {"f64.sub", 0x3ff0000000000000, 0x3c90000000000001, 0x3fefffffffffffff, V},
    {"f32.sub", 0xaf71233, 0xfb0b13bf, 0x7b0b13bf, V},
    {"f32.sub", 0xfb2237cf, 0xd521cb52, 0xfb2237cf, V},
    {"f32.sub", 0x3fba3b9e, 0x96d12a89, 0x3fba3b9e, V},
    {"f32.sub", 0x549a2e2, 0x19b3c961, 0x99b3c961, V},
    {"f32.sub", 0x36cf67d2, 0x8a4325a2, 0x36cf67d2, V},
    {"f64.sub", 0xab25b798875e7845, 0x878b5147117452fe, 0xab25b798875e7845, V},
    {"f64.sub", 0xe276c87baeb6d72d, 0xb6164fb35d4b5571, 0xe276c87baeb6d72d, V},
    {"f64.sub", 0x232b3d369fcf74b0, 0x8baea1668c0dec93, 0x232b3d369fcf74b0, V},
    {"f64.sub", 0x120abd449353ead, 0xc990422ea3e82ee9, 0x4990422ea3e82ee9, V},
    {"f64.sub", 0xb70aadbc6b43cc3d, 0x9e4e7f922ef1ee58, 0xb70aadbc6b43cc3d, V},
    {"f32.sub", 0xf5b0f131, 0xf7dd79f2, 0x77d26adf, V},
    {"f32.sub", 0xf631617b, 0x42b728a5, 0xf631617b, V},
    {"f32.sub", 0x96143e4a, 0x338797ce, 0xb38797ce, V},
    {"f32.sub", 0x9964412e, 0xb9a5756b, 0x39a5756b, V},
    {"f32.sub", 0xf114bb52, 0x226371dc, 0xf114bb52, V},
    {"f64.sub", 0xcc976cb28ae6c045, 0xf840611f2af4e9b9, 0x7840611f2af4e9b9, V},
    {"f64.sub", 0x28fbaf35eff22e9e, 0x23c5c3e08ecf73ec, 0x28fbaf35eff22e9e, V},
    {"f64.sub", 0xb378fd354b376f1f, 0x203513c860f386ff, 0xb378fd354b376f1f, V},
    {"f64.sub", 0x81f760d447230ae6, 0xab716f788438ae3e, 0x2b716f788438ae3e, V},
    {"f64.sub", 0xc6f73aab4fcfc7a0, 0x4aa7c589f990b884, 0xcaa7c589f990b884, V},
    {"f32.sub", 0x6f751326, 0x384294c4, 0x6f751326, V},
    {"f32.sub", 0xc90a763e, 0xae0569ff, 0xc90a763e, V},
    {"f32.sub", 0xad9928ed, 0xa3a4e4bf, 0xad9928e3, V},
    {"f32.sub", 0xb889ab2f, 0x3917c4d4, 0xb95c9a6c, V},
    {"f32.sub", 0xaf30195b, 0x8bdda8cb, 0xaf30195b, V},
    {"f64.sub", 0xb62b5b0797af4910, 0xed1694b8348189e8, 0x6d1694b8348189e8, V},
    {"f64.sub", 0xef672b142826ed73, 0xf86010477bc9afbd, 0x786010477bc9afbd, V},
    {"f64.sub", 0xe383273b6bb94cf, 0x4b41a93f948a2abb, 0xcb41a93f948a2abb, V},
    {"f64.sub", 0x9c2207e7156cbf20, 0x1dfcf3f12fd3814d, 0x9dfcf3f13063c086, V},
    {"f64.sub", 0x9d0837e6844f1718, 0xbf11c29b757f98ab, 0x3f11c29b757f98ab, V},
    {"f64.sub", 0x3b1c21151a709b6c, 0x38c0a12fff8910f6, 0x3b1c21151a701663, V},
    {"f64.sub", 0x29c57912aae2f64, 0xddbfbd4800b7cf, 0x29c579128d2338f, V},
    {"f64.sub", 0x301ffef4399af9c6, 0x337edb96dfaea8b1, 0xb37edb96dfaea8b1, V},
    {"f64.sub", 0xbd8363eee391cde2, 0xbbaa65462000265f, 0xbd8363eee32838c9, V},
    {"f64.sub", 0x3e659016dba002a1, 0x3fc5d4374f124ccc, 0xbfc5d436f8d1f15d, V},
    {"f64.sub", 0x8d118196bca005cf, 0x901db7b01ce3f52f, 0x101db7b01ce3f51d, V},
    {"f64.sub", 0xc20d17b3528d2190, 0x56efd739d4ea220a, 0xd6efd739d4ea220a, V},
    {"f64.sub", 0x471dea46994de319, 0x1b1b5b19cd55c7d3, 0x471dea46994de319, V},
    {"f64.sub", 0x216b60f9b2fbd9ec, 0x9496f81c59ec5b8e, 0x216b60f9b2fbd9ec, V},
    {"f64.sub", 0x3c65e423fe8571f4, 0x1959624ed7c162df, 0x3c65e423fe8571f4, V},
    {"f32.sub", 0x41b92023, 0x40490fdb, 0x419ffe28, V},
    {"f64.sub", 0x403724046eb0933a, 0x400921fb54442d18, 0x4033ffc504280d97, V},
    {"f32.sub", 0x4a371afc, 0x4a371af8, 0x3f800000, V},
    {"f32.sub", 0x49f423f8, 0x49f423d8, 0x40800000, V},
    {"f32.sub", 0x49f423f8, 0x49f423c8, 0x40c00000, V},
    {"f32.sub", 0x48c35040, 0x48c35020, 0x3f800000, V},
    {"f32.sub", 0x48c35040, 0x48c35000, 0x40000000, V},
    {"f64.sub", 0x432550f7dca6fffe, 0x432550f7dca6fffc, 0x3ff0000000000000, V},
    {"f64.sub", 0x431c6bf52633fffc, 0x431c6bf52633ffec, 0x4010000000000000, V},
    {"f64.sub", 0x431c6bf52633fffc, 0x431c6bf52633ffe4, 0x4018000000000000, V},
    {"f64.sub", 0x42f6bcc41e900020, 0x42f6bcc41e900010, 0x3ff0000000000000, V},
    {"f64.sub", 0x42f6bcc41e900020, 0x42f6bcc41e900000, 0x4000000000000000, V},
    {"f32.sub", 0x800000, 0x7fffff, 0x1, V},
    {"f64.sub", 0x10000000000000, 0xfffffffffffff, 0x1, V},
    {"f32.sub", 0x3f800001, 0x3f7fffff, 0x34400000, V},
    {"f32.sub", 0x3f800001, 0x3f800000, 0x34000000, V},
    {"f32.sub", 0x3f800000, 0x3f7fffff, 0x33800000, V},
    {"f64.sub", 0x3ff0000000000001, 0x3fefffffffffffff, 0x3cb8000000000000, V},
    {"f64.sub", 0x3ff0000000000001, 0x3ff0000000000000, 0x3cb0000000000000, V},
    {"f64.sub", 0x3ff0000000000000, 0x3fefffffffffffff, 0x3ca0000000000000, V},
    {"f32.sub", 0x7f7fffff, 0x72ffffff, 0x7f7fffff, V},
    {"f32.sub", 0x7f7fffff, 0x73000000, 0x7f7ffffe, V},
    {"f64.sub", 0x7fefffffffffffff, 0x7c8fffffffffffff, 0x7fefffffffffffff, V},
    {"f64.sub", 0x7fefffffffffffff, 0x7c90000000000000, 0x7feffffffffffffe, V},
    {"f32.mul", 0x58635fa9, 0x58635fa9, 0x7149f2c9, V},
    {"f32.mul", 0x60ad78ec, 0x60ad78ec, 0x7f800000, V},
    {"f32.mul", 0x69045951, 0x69045951, 0x7f800000, V},
    {"f64.mul", 0x430c6bf526340000, 0x430c6bf526340000, 0x46293e5939a08cea, V},
    {"f64.mul", 0x4415af1d78b58c40, 0x4415af1d78b58c40, 0x483d6329f1c35ca5, V},
    {"f64.mul", 0x45208b2a2c280291, 0x45208b2a2c280291, 0x4a511b0ec57e649b, V},
    {"f32.mul", 0x4edc672f, 0x5094ac4f, 0x60000001, V},
    {"f64.mul", 0x41db8ce5d7c00000, 0x42129589d27c0000, 0x4400000000000001, V},
    {"f32.mul", 0x429a3333, 0x44548000, 0x477fff00, V},
    {"f64.mul", 0x4053466666666666, 0x408a900000000000, 0x40efffdfffffffff, V},
    {"f32.mul", 0xde0a6f97, 0x2dba443c, 0xcc4973f4, V},
    {"f32.mul", 0xf2ab14f1, 0x8ce19809, 0x4016c302, V},
    {"f32.mul", 0xedd8bb4a, 0x8f725ab5, 0x3dcd2dd7, V},
    {"f32.mul", 0xe70b1353, 0x9a62beb8, 0x41f65d57, V},
    {"f32.mul", 0x5a3d67b9, 0x423644d6, 0x5d06daab, V},
    {"f64.mul", 0xda825c293f6f37e4, 0x7b0f5fd4fa41c6d8, 0xfff0000000000000, V},
    {"f64.mul", 0x825cc1ae79fffc5b, 0xb24c36ccc2861ca6, 0x0, V},
    {"f64.mul", 0x65dc0232b3e64b56, 0xc69f6939cf3affaa, 0xec8b7e3aedf190d3, V},
    {"f64.mul", 0xac660f289966b271, 0x64628a5497f0c259, 0xd0d98fc50bcec259, V},
    {"f64.mul", 0x71a37dab12d3afa2, 0xa581e156bd393f1, 0x3c0d6126554b8298, V},
    {"f32.mul", 0x931fabd1, 0xed820eb4, 0x41223cd8, V},
    {"f32.mul", 0x642682c1, 0x4937021d, 0x6dee11b0, V},
    {"f32.mul", 0xaf97ed00, 0xe4f0b98e, 0x550edc4f, V},
    {"f32.mul", 0x613de47f, 0xc71d6ac9, 0xe8e988af, V},
    {"f32.mul", 0x4ec9b3a1, 0xe0d3d0c8, 0xf026e38d, V},
    {"f64.mul", 0x980ba737b4ca3b13, 0x2c58923309857438, 0x84753bc0d07baa37, V},
    {"f64.mul", 0x2eb7c1932e610219, 0x9842605db646489f, 0x870b48da2b0d2ae3, V},
    {"f64.mul", 0xd48e43cdf3b21080, 0xf4299d96abbd61d1, 0x7ff0000000000000, V},
    {"f64.mul", 0x7b24c19466551da3, 0x2480bdcd6c7646e9, 0x5fb5b7cd8c3f638a, V},
    {"f64.mul", 0x552ff1da1726e3df, 0xca8043c44f52b158, 0xdfc03c9364bb585c, V},
    {"f32.mul", 0xd6c83f45, 0xef2e9b34, 0x7f800000, V},
    {"f32.mul", 0xbe464fba, 0xe715a29, 0x8d3af6e6, V},
    {"f32.mul", 0xb666302d, 0x7476190d, 0xeb5d48d2, V},
    {"f32.mul", 0xdbafddbd, 0xfd44b2f, 0xac11d747, V},
    {"f32.mul", 0xc7fdbf89, 0x41d380d, 0x8c9bd606, V},
    {"f64.mul", 0xa0f5b0266454c26b, 0xdb0af5787e3e0399, 0x3c12457d81949e0b, V},
    {"f64.mul", 0x5dd0d54a82393d45, 0x903425760807ceae, 0xae1532068c8d0d5d, V},
    {"f64.mul", 0xcabb532af9817860, 0x566ada95085ba36f, 0xe136ee38c1e01864, V},
    {"f64.mul", 0x6ffe132f4d49d1ce, 0xd75a75afe9a7d864, 0xfff0000000000000, V},
    {"f64.mul", 0x45068bbf1cfff90a, 0x44509cd17d652c50, 0x496768b8d67d7940, V},
    {"f64.mul", 0x2aaf99fb602c89b7, 0x1c06caab46a31a2e, 0x6c68201f986e9d7, V},
    {"f64.mul", 0xbf686999c5eee379, 0x6d26e3b9e0d53e0d, 0xeca17654a0ef35f5, V},
    {"f64.mul", 0xd6e069571b176f90, 0x973e248b6ab0a0e3, 0x2e2eeaff575cae1d, V},
    {"f64.mul", 0x706c217645777dd2, 0x43bd93f5715dd646, 0x743a0064aa1d920d, V},
    {"f64.mul", 0xaeb848981b6e694a, 0x77ff5aacb64a0d19, 0xe6c7cb2296e6c2e5, V},
    {"f64.mul", 0x1a8db3bd2a286944, 0x256ce910af1d55ca, 0xd6accdd538a39, V},
    {"f64.mul", 0xbc6aca2239160120, 0x8392b2b4958dd228, 0xfa74eccae5615, V},
    {"f64.mul", 0xa17bd062def16cff, 0x9e77ddd91a0c4c0e, 0xa5f4d7769d90d, V},
    {"f64.mul", 0x8fbc6a56169e9ce0, 0x300517d55a474122, 0x80012baf260afb77, V},
    {"f64.mul", 0x9fb08951b0b41705, 0xa04102dc27168d09, 0x8ca6dbf3f592b, V},
    {"f64.mul", 0x7538d0dea50c8c9b, 0x8e21cac31d87a24, 0x3e2c177311f7cd73, V},
    {"f64.mul", 0x3f898049118e3063, 0x36a6362525151b58, 0x3641b358514103f9, V},
    {"f64.mul", 0xc00ea65cb0631323, 0x3d6fce683201a19b, 0xbd8e76dc8c223667, V},
    {"f64.mul", 0x28ae4d235961d543, 0x332bc56f20ef9a48, 0x1bea4c09efcb71d6, V},
    {"f64.mul", 0xc4cb9612e66faba8, 0x2a3e2bc6aa782273, 0xaf1a026ea4f81db1, V},
    {"f32.mul", 0x1a000000, 0x1a000000, 0x0, V},
    {"f32.mul", 0x1a000001, 0x1a000001, 0x1, V},
    {"f64.mul", 0x1e56a09e667f3bcc, 0x1e56a09e667f3bcc, 0x0, V},
    {"f64.mul", 0x1e56a09e667f3bcd, 0x1e56a09e667f3bcd, 0x1, V},
    {"f32.mul", 0x5f7fffff, 0x5f7fffff, 0x7f7ffffe, V},
    {"f32.mul", 0x5f800000, 0x5f800000, 0x7f800000, V},
    {"f64.mul", 0x5fefffffffffffff, 0x5fefffffffffffff, 0x7feffffffffffffe, V},
    {"f64.mul", 0x5ff0000000000000, 0x5ff0000000000000, 0x7ff0000000000000, V},
    {"f32.mul", 0x3f800001, 0x3f800001, 0x3f800002, V},
    {"f32.mul", 0x3f7fffff, 0x3f7fffff, 0x3f7ffffe, V},
    {"f64.mul", 0x3ff0000000000001, 0x3ff0000000000001, 0x3ff0000000000002, V},
    {"f64.mul", 0x3fefffffffffffff, 0x3fefffffffffffff, 0x3feffffffffffffe, V},
    {"f32.mul", 0x3f800001, 0x3f7fffff, 0x3f800000, V},
    {"f32.mul", 0x3f800002, 0x3f7ffffe, 0x3f800001, V},
    {"f64.mul", 0x3ff0000000000001, 0x3fefffffffffffff, 0x3ff0000000000000, V},
    {"f64.mul", 0x3ff0000000000002, 0x3feffffffffffffe, 0x3ff0000000000001, V},
    {"f32.mul", 0x800000, 0x34000000, 0x1, V},
    {"f64.mul", 0x10000000000000, 0x3cb0000000000000, 0x1, V},
    {"f32.mul", 0xc1800300, 0x34000, 0x80340138, V},
    {"f32.div", 0x3f8fcd6f, 0x42c80000, 0x3c381132, V},
    {"f32.div", 0x4b000bf3, 0x4b3ffff9, 0x3f2abaa0, V},
    {"f32.div", 0x47800000, 0x2d000000, 0x5a000000, V},
    {"f32.div", 0x3fee5fb5, 0x7f7fffff, 0x3b97ed, V},
    {"f32.div", 0x40800000, 0x40400000, 0x3faaaaab, V},
    {"f64.div", 0x3ff1f9add3739636, 0x4059000000000000, 0x3f8702262d60c045, V},
    {"f64.div", 0x4160017e60000000, 0x4167ffff20000000, 0x3fe55753f1d9ba27, V},
    {"f64.div", 0x40f0000000000000, 0x3da0000000000000, 0x4340000000000000, V},
    {"f64.div", 0x3ffdcbf6a0000000, 0x7fefffffffffffff, 0x772fda8000000, V},
    {"f64.div", 0x4010000000000000, 0x4008000000000000, 0x3ff5555555555555, V},
    {"f32.div", 0x4a800bf6, 0x4a3ffffc, 0x3faabaa1, V},
    {"f64.div", 0x4150017ec0000000, 0x4147ffff80000000, 0x3ff557541c7c6b43, V},
    {"f32.div", 0x27b5362d, 0x7f7d05b8, 0x0, V},
    {"f32.div", 0x1430b7d9, 0x619990b9, 0x0, V},
    {"f32.div", 0xc7cb73bc, 0x17f5862b, 0xef542205, V},
    {"f32.div", 0x99f13120, 0x82f691b7, 0x567a6ac2, V},
    {"f32.div", 0xd4711ba7, 0x17b8fe6e, 0xfc26d383, V},
    {"f64.div", 0x492163c09d0c38c1, 0x4dee04cc737348e6, 0x3b2289921caeed23, V},
    {"f64.div", 0x18dd6867e741e0a9, 0x33335eb19a9aae4, 0x55987e342d11f519, V},
    {"f64.div", 0xd29d5edf648aeb98, 0x67f0dda15b079355, 0xaa9bdceaf9734b5c, V},
    {"f64.div", 0xeb2b683e3934aeda, 0x4f5c364e1df00dff, 0xdbbf16456e7afe3b, V},
    {"f64.div", 0xe1b44ca7539cc851, 0x5c458501bccc58fe, 0xc55e2f8657e0924e, V},
    {"f32.div", 0xe26162a5, 0x948068a1, 0x7f800000, V},
    {"f32.div", 0x28f1ad5f, 0x55e34ef8, 0x1288175a, V},
    {"f32.div", 0x3fa2ff95, 0xec0f43aa, 0x9311a1a7, V},
    {"f32.div", 0x2646d8c5, 0x28f8cf, 0x661b4dcb, V},
    {"f32.div", 0x6cbc2cc8, 0x6b29a0a2, 0x410dfeee, V},
    {"f64.div", 0xf331c4f47eb51, 0xd69c7ff45bf6f03a, 0x8000000000000000, V},
    {"f64.div", 0x8240fc8707b9d19c, 0x1e777524d5f4a563, 0xa3b72c1a937d2310, V},
    {"f64.div", 0xa6cedb3aa64bb338, 0xc2c1c7c164320e40, 0x23fbc44cc1c5ae63, V},
    {"f64.div", 0xc4f6534b34e8686b, 0xe8c34a7fc59e3c3, 0xf6595421bf291b66, V},
    {"f64.div", 0xceb91f58d7ed1237, 0xc36f190d808383c8, 0x4b39d9eb0836f906, V},
    {"f32.div", 0x4cb25952, 0x474aba9, 0x7f800000, V},
    {"f32.div", 0xe629e4db, 0x4d6b44d0, 0xd838dd52, V},
    {"f32.div", 0x52b32545, 0xefacedd1, 0xa28499fa, V},
    {"f32.div", 0xf74cf07d, 0xc4615ad4, 0x7268cef3, V},
    {"f32.div", 0xedad40ad, 0xc65ac105, 0x66cac05c, V},
    {"f64.div", 0x97081fd1e2af7beb, 0x14cedefc4eae536c, 0xc22901abdd91b661, V},
    {"f64.div", 0xf0d47cf932953c43, 0x9d6bc40496b1f2a1, 0x7ff0000000000000, V},
    {"f64.div", 0x9152bd2e8fbdcad7, 0x3beb115674cc476e, 0x95562752bf19fa81, V},
    {"f64.div", 0xd3cf923e3fea9efe, 0x9b38044c74d27a39, 0x7885086518cc7186, V},
    {"f64.div", 0x4b4516ed2051d6bb, 0xcd5c9f455eb9c2ee, 0xbdd79414d67f2889, V},
    {"f64.div", 0xe489c52726aed366, 0xcc27d0568c75660f, 0x5851507ca2a65f23, V},
    {"f64.div", 0xe21522672f461667, 0xd4936d36572c9f71, 0x4d71681369370619, V},
    {"f64.div", 0x4b801051b4e8cd61, 0xfc42cbb5ca3d33eb, 0x8f2b59471598a2f3, V},
    {"f64.div", 0x4d85f93bb80fc2cb, 0x5aa7e051aae9f0ed, 0x32cd732fa926ba4f, V},
    {"f64.div", 0xf38e251d762163cc, 0x55c3ee63581e1796, 0xddb8330077d90a07, V},
    {"f64.div", 0x3ffdcbf69f10006d, 0x7fefffffffffffff, 0x772fda7c4001b, V},
    {"f64.div", 0xce14169442fbca, 0x40b505451d62ff7d, 0xb727e85f38b39, V},
    {"f64.div", 0xb6fd3ebe726ec964, 0xf6f4a7bfc0b83608, 0x5a9d8c50cbf87, V},
    {"f64.div", 0xa766c3def770aee1, 0xe768b84724347598, 0x3af0707fcd0c7, V},
    {"f64.div", 0xa716abda1bb3cb3, 0x4a56c9c7198eb1e6, 0xc3a8fd6741649, V},
    {"f64.div", 0x127057d6ab553ca, 0xc162abf1e98660eb, 0x80004ee8d8ec01cd, V},
    {"f32.div", 0x6c56d4d5, 0x54b4c426, 0x57181f17, V},
    {"f32.div", 0x6cc140e4, 0xf4b1441e, 0xb78b8b4e, V},
    {"f32.div", 0x682e35f1, 0x3f680eff, 0x68402f19, V},
    {"f32.div", 0xc95de929, 0xd07dd4a8, 0x385fceab, V},
    {"f32.div", 0xaa87a0eb, 0xdb9f96df, 0xe59906c, V},
    {"f64.div", 0x43cb2348a1c81899, 0x8a24a58aad903dd3, 0xf99507c1e2a41b35, V},
    {"f64.div", 0x37d23fa5137a918a, 0x9f67268db1951263, 0xd8593965e0d896be, V},
    {"f64.div", 0x69cdcb3915d82dee, 0x67d50caaa1dc6b19, 0x41e6a58ec814b09d, V},
    {"f64.div", 0xcb5046e378c0cc46, 0x704ac925009a922b, 0x9af3720aa94dab18, V},
    {"f64.div", 0x8988945fd69d8e11, 0x9790a37870af809a, 0x31e7a2e286c62382, V},
    {"f64.div", 0x3c682002af0ea1f3, 0x3ffd0a9b0c2fa339, 0x3c5a952fbd1fc17c, V},
    {"f64.div", 0x3991e12b515db471, 0xbd541fc3c94fba50, 0xbc2c6e50cccb7cb6, V},
    {"f64.div", 0x3d6aba5adcd6f583, 0x38f17dfac639ce0f, 0x446872b0a008c326, V},
    {"f64.div", 0x458cf82510d0ae6b, 0x4600207d86498053, 0x3f7cbdc804e2cf14, V},
    {"f64.div", 0x3f44c82cbb508e21, 0xc336b57208c2d5d5, 0xbbfd48e8b369129a, V},
    {"f32.div", 0x800000, 0x7fffff, 0x3f800001, V},
    {"f32.div", 0x7fffff, 0x800000, 0x3f7ffffe, V},
    {"f64.div", 0x10000000000000, 0xfffffffffffff, 0x3ff0000000000001, V},
    {"f64.div", 0xfffffffffffff, 0x10000000000000, 0x3feffffffffffffe, V},
    {"f32.div", 0x347fffff, 0x7f7fffff, 0x0, V},
    {"f32.div", 0x34800000, 0x7f7fffff, 0x1, V},
    {"f64.div", 0x3cbfffffffffffff, 0x7fefffffffffffff, 0x0, V},
    {"f64.div", 0x3cc0000000000000, 0x7fefffffffffffff, 0x1, V},
    {"f32.div", 0x3f800000, 0x200000, 0x7f800000, V},
    {"f32.div", 0x3f800000, 0x200001, 0x7f7ffff8, V},
    {"f64.div", 0x3ff0000000000000, 0x4000000000000, 0x7ff0000000000000, V},
    {"f64.div", 0x3ff0000000000000, 0x4000000000001, 0x7feffffffffffff8, V},
    {"f32.div", 0x3f800000, 0x7e800001, 0x7fffff, V},
    {"f32.div", 0x3f800000, 0x7e800000, 0x800000, V},
    {"f64.div", 0x3ff0000000000000, 0x7fd0000000000001, 0xfffffffffffff, V},
    {"f64.div", 0x3ff0000000000000, 0x7fd0000000000000, 0x10000000000000, V},
    {"f32.div", 0x3f800000, 0x40400000, 0x3eaaaaab, V},
    {"f32.div", 0x40400000, 0x41100000, 0x3eaaaaab, V},
    {"f32.div", 0x41100000, 0x41d80000, 0x3eaaaaab, V},
    {"f64.div", 0x3ff0000000000000, 0x4008000000000000, 0x3fd5555555555555, V},
    {"f64.div", 0x4008000000000000, 0x4022000000000000, 0x3fd5555555555555, V},
    {"f64.div", 0x4022000000000000, 0x403b000000000000, 0x3fd5555555555555, V},
    {"f32.div", 0x3f800001, 0x3f7fffff, 0x3f800002, V},
    {"f32.div", 0x3f7fffff, 0x3f800001, 0x3f7ffffd, V},
    {"f32.div", 0x3f800000, 0x3f7fffff, 0x3f800001, V},
    {"f32.div", 0x3f800000, 0x3f800001, 0x3f7ffffe, V},
    {"f64.div", 0x3ff0000000000001, 0x3fefffffffffffff, 0x3ff0000000000002, V},
    {"f64.div", 0x3fefffffffffffff, 0x3ff0000000000001, 0x3feffffffffffffd, V},
    {"f64.div", 0x3ff0000000000000, 0x3fefffffffffffff, 0x3ff0000000000001, V},
    {"f64.div", 0x3ff0000000000000, 0x3ff0000000000001, 0x3feffffffffffffe, V},
    {"f32.sqrt", 0x432b0000, 0x0, 0x41513a26, V},
    {"f32.sqrt", 0x342ca6fe, 0x0, 0x39d23c4e, V},
    {"f64.sqrt", 0x4065600000000000, 0x0, 0x402a2744ce9674f5, V},
    {"f64.sqrt", 0x3e8594dfc70aa105, 0x0, 0x3f3a4789c0e37f99, V},
    {"f64.sqrt", 0x35b0263fcc94f259, 0x0, 0x3ad0131485de579f, V},
    {"f64.sqrt", 0x551352dfa278c43d, 0x0, 0x4a8195607dac5417, V},
    {"f64.sqrt", 0x591b15daa23924fa, 0x0, 0x4c84d143db561493, V},
    {"f64.sqrt", 0x3da518c8e68cb753, 0x0, 0x3ec9fb8ef1ad5bfd, V},
    {"f64.sqrt", 0x28d86d8b6518078e, 0x0, 0x3463c5142a48fcad, V},
    {"f64.sqrt", 0x3fefffffffffffff, 0x0, 0x3fefffffffffffff, V},
    {"f32.sqrt", 0x3e04c032, 0x0, 0x3eb85918, V},
    {"f32.sqrt", 0x71ecdf78, 0x0, 0x58ae2029, V},
    {"f32.sqrt", 0x3da15adb, 0x0, 0x3e8fb687, V},
    {"f32.sqrt", 0x1c1b4268, 0x0, 0x2dc75d71, V},
    {"f32.sqrt", 0x3a6c5e27, 0x0, 0x3cf5fcf5, V},
    {"f64.sqrt", 0x635c39f220d5704, 0x0, 0x2312a92bc24ceae9, V},
    {"f64.sqrt", 0x6d653521a635745c, 0x0, 0x56aa0cfdc4ef8ff1, V},
    {"f64.sqrt", 0x580dfd5bbc9f4678, 0x0, 0x4bfefa817117c94c, V},
    {"f64.sqrt", 0x46833f9640811cd4, 0x0, 0x4338d17c9243baa3, V},
    {"f64.sqrt", 0x7e66c0ef0267ff45, 0x0, 0x5f2afbcfae3f2b40, V},
    {"f32.sqrt", 0x4d135317, 0x0, 0x46423428, V},
    {"f32.sqrt", 0x70b3001, 0x0, 0x233cc3b1, V},
    {"f32.sqrt", 0x381efda8, 0x0, 0x3bc9bf1c, V},
    {"f32.sqrt", 0x3987596, 0x0, 0x218bb203, V},
    {"f32.sqrt", 0x265b82e, 0x0, 0x20f28105, V},
    {"f64.sqrt", 0x6b6edae8aea05430, 0x0, 0x55af6c1ea4fc8dd2, V},
    {"f64.sqrt", 0x104f7ee4bda5c9c3, 0x0, 0x281fbf30bdaf11c5, V},
    {"f64.sqrt", 0x3e1a48f348266ad1, 0x0, 0x3f0481ee7540baf7, V},
    {"f64.sqrt", 0x30dfeb5a1ce3ed9c, 0x0, 0x3866995060c20d46, V},
    {"f64.sqrt", 0x7a1957d9796e3834, 0x0, 0x5d042305213157ba, V},
    {"f32.sqrt", 0x7ab2bc3e, 0x0, 0x5d174152, V},
    {"f32.sqrt", 0x4739b022, 0x0, 0x435a0720, V},
    {"f32.sqrt", 0x3f500768, 0x0, 0x3f66c576, V},
    {"f32.sqrt", 0x143d2640, 0x0, 0x29dc0cf2, V},
    {"f32.sqrt", 0x10ae926a, 0x0, 0x28157baf, V},
    {"f64.sqrt", 0x6e1a008948ead274, 0x0, 0x5704659b37c39b19, V},
    {"f64.sqrt", 0x28270f6199ed21f5, 0x0, 0x340b2a2bddf3300d, V},
    {"f64.sqrt", 0x7c435c1d49f2a352, 0x0, 0x5e18e3d9f01a9716, V},
    {"f64.sqrt", 0x3d23fbdcfb2b2a15, 0x0, 0x3e8949ba4feca42a, V},
    {"f64.sqrt", 0x213c201b94757145, 0x0, 0x3095369ee6bf2967, V},
    {"f64.sqrt", 0x83c360e8d0032ad0, 0x0, 0x0, NC},
    {"f64.sqrt", 0x466d9a6f5eef0503, 0x0, 0x432ec73f56c166f6, V},
    {"f64.sqrt", 0x107aa051a5c4ec27, 0x0, 0x2834a3e771ff5149, V},
    {"f64.sqrt", 0x2ebe5522a741babe, 0x0, 0x375607ae2b6feb7d, V},
    {"f64.sqrt", 0x6364832badc0c061, 0x0, 0x51a99ec7934139b2, V},
    {"f32.sqrt", 0x3f800001, 0x0, 0x3f800000, V},
    {"f32.sqrt", 0x3f800002, 0x0, 0x3f800001, V},
    {"f64.sqrt", 0x3ff0000000000001, 0x0, 0x3ff0000000000000, V},
    {"f64.sqrt", 0x3ff0000000000002, 0x0, 0x3ff0000000000001, V},
    {"f32.sqrt", 0x3f7ffffe, 0x0, 0x3f7fffff, V},
    {"f32.sqrt", 0x3f7ffffd, 0x0, 0x3f7ffffe, V},
    {"f64.sqrt", 0x3feffffffffffffe, 0x0, 0x3fefffffffffffff, V},
    {"f64.sqrt", 0x3feffffffffffffd, 0x0, 0x3feffffffffffffe, V},
    {"f32.abs", 0x7f80f1e2, 0x0, 0x7f80f1e2, V},
    {"f32.abs", 0xff80f1e2, 0x0, 0x7f80f1e2, V},
    {"f64.abs", 0x7ff00000f1e27a6b, 0x0, 0x7ff00000f1e27a6b, V},
    {"f64.abs", 0xfff00000f1e27a6b, 0x0, 0x7ff00000f1e27a6b, V},
    {"f32.neg", 0x7f80f1e2, 0x0, 0xff80f1e2, V},
    {"f32.neg", 0xff80f1e2, 0x0, 0x7f80f1e2, V},
    {"f64.neg", 0x7ff00000f1e27a6b, 0x0, 0xfff00000f1e27a6b, V},
    {"f64.neg", 0xfff00000f1e27a6b, 0x0, 0x7ff00000f1e27a6b, V},
    {"f32.copysign", 0x7f80f1e2, 0x7fc00000, 0x7f80f1e2, V},
    {"f32.copysign", 0x7f80f1e2, 0xffc00000, 0xff80f1e2, V},
    {"f32.copysign", 0xff80f1e2, 0x7fc00000, 0x7f80f1e2, V},
    {"f32.copysign", 0xff80f1e2, 0xffc00000, 0xff80f1e2, V},
    {"f64.copysign", 0x7ff00000f1e27a6b, 0x7ff8000000000000, 0x7ff00000f1e27a6b, V},
    {"f64.copysign", 0x7ff00000f1e27a6b, 0xfff8000000000000, 0xfff00000f1e27a6b, V},
    {"f64.copysign", 0xfff00000f1e27a6b, 0x7ff8000000000000, 0x7ff00000f1e27a6b, V},
    {"f64.copysign", 0xfff00000f1e27a6b, 0xfff8000000000000, 0xfff00000f1e27a6b, V},
    {"f32.ceil", 0x3f7fffff, 0x0, 0x3f800000, V},
    {"f32.ceil", 0x3f800001, 0x0, 0x40000000, V},
    {"f64.ceil", 0x3fefffffffffffff, 0x0, 0x3ff0000000000000, V},
    {"f64.ceil", 0x3ff0000000000001, 0x0, 0x4000000000000000, V},
    {"f32.ceil", 0x4affffff, 0x0, 0x4b000000, V},
    {"f32.ceil", 0xcaffffff, 0x0, 0xcafffffe, V},
    {"f64.ceil", 0x432fffffffffffff, 0x0, 0x4330000000000000, V},
    {"f64.ceil", 0xc32fffffffffffff, 0x0, 0xc32ffffffffffffe, V},
    {"f32.ceil", 0x4b7fffff, 0x0, 0x4b7fffff, V},
    {"f32.ceil", 0xcb7fffff, 0x0, 0xcb7fffff, V},
    {"f64.ceil", 0x433fffffffffffff, 0x0, 0x433fffffffffffff, V},
    {"f64.ceil", 0xc33fffffffffffff, 0x0, 0xc33fffffffffffff, V},
    {"f32.floor", 0xbf7fffff, 0x0, 0xbf800000, V},
    {"f32.floor", 0xbf800001, 0x0, 0xc0000000, V},
    {"f64.floor", 0xbfefffffffffffff, 0x0, 0xbff0000000000000, V},
    {"f64.floor", 0xbff0000000000001, 0x0, 0xc000000000000000, V},
    {"f32.floor", 0xcaffffff, 0x0, 0xcb000000, V},
    {"f32.floor", 0x4affffff, 0x0, 0x4afffffe, V},
    {"f64.floor", 0xc32fffffffffffff, 0x0, 0xc330000000000000, V},
    {"f64.floor", 0x432fffffffffffff, 0x0, 0x432ffffffffffffe, V},
    {"f32.floor", 0x47ad0f80, 0x0, 0x47ad0f80, V},
    {"f64.floor", 0x40f5a1f000000000, 0x0, 0x40f5a1f000000000, V},
    {"f32.trunc", 0xcaffffff, 0x0, 0xcafffffe, V},
    {"f32.trunc", 0x4affffff, 0x0, 0x4afffffe, V},
    {"f64.trunc", 0xc32fffffffffffff, 0x0, 0xc32ffffffffffffe, V},
    {"f64.trunc", 0x432fffffffffffff, 0x0, 0x432ffffffffffffe, V},
    {"f32.nearest", 0x4b000001, 0x0, 0x4b000001, V},
    {"f32.nearest", 0x4b000002, 0x0, 0x4b000002, V},
    {"f32.nearest", 0x3effffff, 0x0, 0x0, V},
    {"f32.nearest", 0x577fffff, 0x0, 0x577fffff, V},
    {"f64.nearest", 0x4330000000000001, 0x0, 0x4330000000000001, V},
    {"f64.nearest", 0x4330000000000002, 0x0, 0x4330000000000002, V},
    {"f64.nearest", 0x3fdfffffffffffff, 0x0, 0x0, V},
    {"f64.nearest", 0x468fffffffffffff, 0x0, 0x468fffffffffffff, V},
    {"f32.nearest", 0x40900000, 0x0, 0x40800000, V},
    {"f32.nearest", 0xc0900000, 0x0, 0xc0800000, V},
    {"f32.nearest", 0xc0600000, 0x0, 0xc0800000, V},
    {"f64.nearest", 0x4012000000000000, 0x0, 0x4010000000000000, V},
    {"f64.nearest", 0xc012000000000000, 0x0, 0xc010000000000000, V},
    {"f64.nearest", 0xc00c000000000000, 0x0, 0xc010000000000000, V},
    {"f32.nearest", 0xcaffffff, 0x0, 0xcb000000, V},
    {"f32.nearest", 0x4affffff, 0x0, 0x4b000000, V},
    {"f64.nearest", 0xc32fffffffffffff, 0x0, 0xc330000000000000, V},
    {"f64.nearest", 0x432fffffffffffff, 0x0, 0x4330000000000000, V},
    {"i32.div_s", 0x1, 0x0, 0x0, TZ},
    {"i32.div_s", 0x0, 0x0, 0x0, TZ},
    {"i32.div_s", 0x80000000, 0xffffffff, 0x0, TO},
    {"i32.div_s", 0x80000000, 0x0, 0x0, TZ},
    {"i32.div_s", 0x1, 0x1, 0x1, V},
    {"i32.div_s", 0x0, 0x1, 0x0, V},
    {"i32.div_s", 0x0, 0xffffffff, 0x0, V},
    {"i32.div_s", 0xffffffff, 0xffffffff, 0x1, V},
    {"i32.div_s", 0x80000000, 0x2, 0xc0000000, V},
    {"i32.div_s", 0x80000001, 0x3e8, 0xffdf3b65, V},
    {"i32.div_s", 0x5, 0x2, 0x2, V},
    {"i32.div_s", 0xfffffffb, 0x2, 0xfffffffe, V},
    {"i32.div_s", 0x5, 0xfffffffe, 0xfffffffe, V},
    {"i32.div_s", 0xfffffffb, 0xfffffffe, 0x2, V},
    {"i32.div_s", 0x7, 0x3, 0x2, V},
    {"i32.div_s", 0xfffffff9, 0x3, 0xfffffffe, V},
    {"i32.div_s", 0x7, 0xfffffffd, 0xfffffffe, V},
    {"i32.div_s", 0xfffffff9, 0xfffffffd, 0x2, V},
    {"i32.div_s", 0xb, 0x5, 0x2, V},
    {"i32.div_s", 0x11, 0x7, 0x2, V},
    {"i32.div_u", 0x1, 0x0, 0x0, TZ},
    {"i32.div_u", 0x0, 0x0, 0x0, TZ},
    {"i32.div_u", 0x1, 0x1, 0x1, V},
    {"i32.div_u", 0x0, 0x1, 0x0, V},
    {"i32.div_u", 0xffffffff, 0xffffffff, 0x1, V},
    {"i32.div_u", 0x80000000, 0xffffffff, 0x0, V},
    {"i32.div_u", 0x80000000, 0x2, 0x40000000, V},
    {"i32.div_u", 0x8ff00ff0, 0x10001, 0x8fef, V},
    {"i32.div_u", 0x80000001, 0x3e8, 0x20c49b, V},
    {"i32.div_u", 0x5, 0x2, 0x2, V},
    {"i32.div_u", 0xfffffffb, 0x2, 0x7ffffffd, V},
    {"i32.div_u", 0x5, 0xfffffffe, 0x0, V},
    {"i32.div_u", 0xfffffffb, 0xfffffffe, 0x0, V},
    {"i32.div_u", 0x7, 0x3, 0x2, V},
    {"i32.div_u", 0xb, 0x5, 0x2, V},
    {"i32.div_u", 0x11, 0x7, 0x2, V},
    {"i32.rem_s", 0x1, 0x0, 0x0, TZ},
    {"i32.rem_s", 0x0, 0x0, 0x0, TZ},
    {"i32.rem_s", 0x7fffffff, 0xffffffff, 0x0, V},
    {"i32.rem_s", 0x1, 0x1, 0x0, V},
    {"i32.rem_s", 0x0, 0x1, 0x0, V},
    {"i32.rem_s", 0x0, 0xffffffff, 0x0, V},
    {"i32.rem_s", 0xffffffff, 0xffffffff, 0x0, V},
    {"i32.rem_s", 0x80000000, 0xffffffff, 0x0, V},
    {"i32.rem_s", 0x80000000, 0x2, 0x0, V},
    {"i32.rem_s", 0x80000001, 0x3e8, 0xfffffd79, V},
    {"i32.rem_s", 0x5, 0x2, 0x1, V},
    {"i32.rem_s", 0xfffffffb, 0x2, 0xffffffff, V},
    {"i32.rem_s", 0x5, 0xfffffffe, 0x1, V},
    {"i32.rem_s", 0xfffffffb, 0xfffffffe, 0xffffffff, V},
    {"i32.rem_s", 0x7, 0x3, 0x1, V},
    {"i32.rem_s", 0xfffffff9, 0x3, 0xffffffff, V},
    {"i32.rem_s", 0x7, 0xfffffffd, 0x1, V},
    {"i32.rem_s", 0xfffffff9, 0xfffffffd, 0xffffffff, V},
    {"i32.rem_s", 0xb, 0x5, 0x1, V},
    {"i32.rem_s", 0x11, 0x7, 0x3, V},
    {"i32.rem_u", 0x1, 0x0, 0x0, TZ},
    {"i32.rem_u", 0x0, 0x0, 0x0, TZ},
    {"i32.rem_u", 0x1, 0x1, 0x0, V},
    {"i32.rem_u", 0x0, 0x1, 0x0, V},
    {"i32.rem_u", 0xffffffff, 0xffffffff, 0x0, V},
    {"i32.rem_u", 0x80000000, 0xffffffff, 0x80000000, V},
    {"i32.rem_u", 0x80000000, 0x2, 0x0, V},
    {"i32.rem_u", 0x8ff00ff0, 0x10001, 0x8001, V},
    {"i32.rem_u", 0x80000001, 0x3e8, 0x289, V},
    {"i32.rem_u", 0x5, 0x2, 0x1, V},
    {"i32.rem_u", 0xfffffffb, 0x2, 0x1, V},
    {"i32.rem_u", 0x5, 0xfffffffe, 0x5, V},
    {"i32.rem_u", 0xfffffffb, 0xfffffffe, 0xfffffffb, V},
    {"i32.rem_u", 0x7, 0x3, 0x1, V},
    {"i32.rem_u", 0xb, 0x5, 0x1, V},
    {"i32.rem_u", 0x11, 0x7, 0x3, V},
    {"i64.div_s", 0x1, 0x0, 0x0, TZ},
    {"i64.div_s", 0x0, 0x0, 0x0, TZ},
    {"i64.div_s", 0x8000000000000000, 0xffffffffffffffff, 0x0, TO},
    {"i64.div_s", 0x8000000000000000, 0x0, 0x0, TZ},
    {"i64.div_s", 0x1, 0x1, 0x1, V},
    {"i64.div_s", 0x0, 0x1, 0x0, V},
    {"i64.div_s", 0x0, 0xffffffffffffffff, 0x0, V},
    {"i64.div_s", 0xffffffffffffffff, 0xffffffffffffffff, 0x1, V},
    {"i64.div_s", 0x8000000000000000, 0x2, 0xc000000000000000, V},
    {"i64.div_s", 0x8000000000000001, 0x3e8, 0xffdf3b645a1cac09, V},
    {"i64.div_s", 0x5, 0x2, 0x2, V},
    {"i64.div_s", 0xfffffffffffffffb, 0x2, 0xfffffffffffffffe, V},
    {"i64.div_s", 0x5, 0xfffffffffffffffe, 0xfffffffffffffffe, V},
    {"i64.div_s", 0xfffffffffffffffb, 0xfffffffffffffffe, 0x2, V},
    {"i64.div_s", 0x7, 0x3, 0x2, V},
    {"i64.div_s", 0xfffffffffffffff9, 0x3, 0xfffffffffffffffe, V},
    {"i64.div_s", 0x7, 0xfffffffffffffffd, 0xfffffffffffffffe, V},
    {"i64.div_s", 0xfffffffffffffff9, 0xfffffffffffffffd, 0x2, V},
    {"i64.div_s", 0xb, 0x5, 0x2, V},
    {"i64.div_s", 0x11, 0x7, 0x2, V},
    {"i64.div_u", 0x1, 0x0, 0x0, TZ},
    {"i64.div_u", 0x0, 0x0, 0x0, TZ},
    {"i64.div_u", 0x1, 0x1, 0x1, V},
    {"i64.div_u", 0x0, 0x1, 0x0, V},
    {"i64.div_u", 0xffffffffffffffff, 0xffffffffffffffff, 0x1, V},
    {"i64.div_u", 0x8000000000000000, 0xffffffffffffffff, 0x0, V},
    {"i64.div_u", 0x8000000000000000, 0x2, 0x4000000000000000, V},
    {"i64.div_u", 0x8ff00ff00ff00ff0, 0x100000001, 0x8ff00fef, V},
    {"i64.div_u", 0x8000000000000001, 0x3e8, 0x20c49ba5e353f7, V},
    {"i64.div_u", 0x5, 0x2, 0x2, V},
    {"i64.div_u", 0xfffffffffffffffb, 0x2, 0x7ffffffffffffffd, V},
    {"i64.div_u", 0x5, 0xfffffffffffffffe, 0x0, V},
    {"i64.div_u", 0xfffffffffffffffb, 0xfffffffffffffffe, 0x0, V},
    {"i64.div_u", 0x7, 0x3, 0x2, V},
    {"i64.div_u", 0xb, 0x5, 0x2, V},
    {"i64.div_u", 0x11, 0x7, 0x2, V},
    {"i64.rem_s", 0x1, 0x0, 0x0, TZ},
    {"i64.rem_s", 0x0, 0x0, 0x0, TZ},
    {"i64.rem_s", 0x7fffffffffffffff, 0xffffffffffffffff, 0x0, V},
    {"i64.rem_s", 0x1, 0x1, 0x0, V},
    {"i64.rem_s", 0x0, 0x1, 0x0, V},
    {"i64.rem_s", 0x0, 0xffffffffffffffff, 0x0, V},
    {"i64.rem_s", 0xffffffffffffffff, 0xffffffffffffffff, 0x0, V},
    {"i64.rem_s", 0x8000000000000000, 0xffffffffffffffff, 0x0, V},
    {"i64.rem_s", 0x8000000000000000, 0x2, 0x0, V},
    {"i64.rem_s", 0x8000000000000001, 0x3e8, 0xfffffffffffffcd9, V},
    {"i64.rem_s", 0x5, 0x2, 0x1, V},
    {"i64.rem_s", 0xfffffffffffffffb, 0x2, 0xffffffffffffffff, V},
    {"i64.rem_s", 0x5, 0xfffffffffffffffe, 0x1, V},
    {"i64.rem_s", 0xfffffffffffffffb, 0xfffffffffffffffe, 0xffffffffffffffff, V},
    {"i64.rem_s", 0x7, 0x3, 0x1, V},
    {"i64.rem_s", 0xfffffffffffffff9, 0x3, 0xffffffffffffffff, V},
    {"i64.rem_s", 0x7, 0xfffffffffffffffd, 0x1, V},
    {"i64.rem_s", 0xfffffffffffffff9, 0xfffffffffffffffd, 0xffffffffffffffff, V},
    {"i64.rem_s", 0xb, 0x5, 0x1, V},
    {"i64.rem_s", 0x11, 0x7, 0x3, V},
    {"i64.rem_u", 0x1, 0x0, 0x0, TZ},
    {"i64.rem_u", 0x0, 0x0, 0x0, TZ},
    {"i64.rem_u", 0x1, 0x1, 0x0, V},
    {"i64.rem_u", 0x0, 0x1, 0x0, V},
    {"i64.rem_u", 0xffffffffffffffff, 0xffffffffffffffff, 0x0, V},
    {"i64.rem_u", 0x8000000000000000, 0xffffffffffffffff, 0x8000000000000000, V},
    {"i64.rem_u", 0x8000000000000000, 0x2, 0x0, V},
    {"i64.rem_u", 0x8ff00ff00ff00ff0, 0x100000001, 0x80000001, V},
    {"i64.rem_u", 0x8000000000000001, 0x3e8, 0x329, V},
    {"i64.rem_u", 0x5, 0x2, 0x1, V},
    {"i64.rem_u", 0xfffffffffffffffb, 0x2, 0x1, V},
    {"i64.rem_u", 0x5, 0xfffffffffffffffe, 0x5, V},
    {"i64.rem_u", 0xfffffffffffffffb, 0xfffffffffffffffe, 0xfffffffffffffffb, V},
    {"i64.rem_u", 0x7, 0x3, 0x1, V},
    {"i64.rem_u", 0xb, 0x5, 0x1, V},
    {"i64.rem_u", 0x11, 0x7, 0x3, V},
};

static const char *kind_name(int k)
{
    static const char *n[] = { "value", "nan:canonical", "nan:arithmetic",
                               "trap: integer overflow", "trap: invalid conversion",
                               "trap: divide by zero" };
    return n[k];
}

static void run_cases(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct ncase *c = &cases[i];
        const struct op *op = find_op(c->op);
        if (!op) {
            check(0, "%s: no such operation in the test", c->op);
            continue;
        }
        int w = width_of(op->res);
        uint64_t r = 0;
        int s = op->fn(c->a, c->b, &r);
        r &= mask_of(w);
        int ok;
        switch (c->kind) {
        case V: ok = s == 0 && r == c->expect; break;
        case NC: ok = s == 0 && is_canon_nan(r, w); break;
        case NA: ok = s == 0 && is_arith_nan(r, w); break;
        case TO: ok = s == TW_NUM_OVERFLOW; break;
        case TI: ok = s == TW_NUM_INVALID; break;
        default: ok = s == TW_NUM_DIV_ZERO; break;
        }
        check(ok, "%s(" H ", " H ") = " H " status %d (%s), expected %s " H,
              c->op, c->a, c->b, r, s, s ? tw_num_trap_message(s) : "ok", kind_name(c->kind),
              c->expect);
    }
}

/* ---- reference models ------------------------------------------------------------------ */

/* Total order of non-NaN encodings with -0 < +0. */
static int64_t order_key(uint64_t b, int w)
{
    uint64_t sign = 1ull << (w - 1), mag = b & (sign - 1);
    return b & sign ? -(int64_t)mag - 1 : (int64_t)mag;
}

/* Round a non-NaN encoding to an integral value: 0 nearest-even, 1 ceil, 2 floor, 3 trunc,
 * by integer arithmetic on the significand. */
static uint64_t ref_round(uint64_t b, int w, int mode)
{
    int m = mbits_of(w), bias = w == 32 ? 127 : 1023;
    uint64_t sign = b & (1ull << (w - 1)), mag = b & ~sign & mask_of(w);
    int e = (int)(mag >> m) - bias;
    if (mag == 0 || e >= m)
        return b;                      /* zero, infinity, or already integral */
    uint64_t ip, rem, half;            /* integer part, fraction in units of 2^-shift */
    if (e < 0) {                       /* 0 < |x| < 1: compare with one half */
        ip = 0;
        rem = 1;
        half = e < -1 ? 2 : (mag & ((1ull << m) - 1)) ? 0 : 1;
    } else {
        uint64_t sig = (mag & ((1ull << m) - 1)) | (1ull << m);
        int shift = m - e;
        ip = sig >> shift;
        rem = sig & ((1ull << shift) - 1);
        half = 1ull << (shift - 1);
    }
    int up;
    switch (mode) {
    case 0: up = rem > half || (rem == half && (ip & 1)); break;
    case 1: up = rem != 0 && !sign; break;
    case 2: up = rem != 0 && sign; break;
    default: up = 0; break;
    }
    ip += (uint64_t)up;                /* an integer below 2^(m+1): exactly representable */
    uint64_t r = w == 32 ? B32((float)ip) : B64((double)ip);
    return r | sign;
}

/* Round sig * 2^e2 (sig != 0) to nearest-even in the format with m fraction bits and
 * exponent bias `bias`; returns the magnitude's encoding (infinity on overflow). */
static uint64_t ref_round_bits(uint64_t sig, int e2, int m, int bias)
{
    int p = 63 - __builtin_clzll(sig);
    int e = p + e2, emin = 1 - bias;
    int shift = e >= emin ? p - m : (emin - m) - e2;
    uint64_t q, rem = 0, half = 0;
    if (shift <= 0) {
        q = sig << -shift;
    } else if (shift >= 65) {
        q = 0;
    } else if (shift == 64) {
        q = 0, rem = sig, half = 1ull << 63;
    } else {
        q = sig >> shift, rem = sig & ((1ull << shift) - 1), half = 1ull << (shift - 1);
    }
    if (rem > half || (rem == half && half && (q & 1)))
        q++;
    /* q includes the hidden bit, so adding it to (exponent-1) carries correctly, and a
     * subnormal (q < 2^m) is its own encoding. */
    uint64_t inf = (uint64_t)(2 * bias + 1) << m;
    uint64_t r = e >= emin ? ((uint64_t)(e + bias - 1) << m) + q : q;
    return r >= inf ? inf : r;
}

static uint64_t ref_int_to_float(uint64_t v, int neg, int w)
{
    if (v == 0)
        return 0;
    uint64_t mag = neg ? 0 - v : v;
    uint64_t r = ref_round_bits(mag, 0, mbits_of(w), w == 32 ? 127 : 1023);
    return neg ? r | (1ull << (w - 1)) : r;
}

/* ---- sweeps ----------------------------------------------------------------------------- */

static const uint32_t special32[] = {
    0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x00800000, 0x80800000, 0x007FFFFF,
    0x3F000000, 0xBF000000, 0x3F800000, 0xBF800000, 0x40C90FDB, 0xC0C90FDB, 0x7F7FFFFF,
    0xFF7FFFFF, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7FA00000, 0xFFA00000,
    0x7F800001, 0x7FC12345, 0x3FC00000, 0xBFC00000, 0x40200000, 0xC0200000, 0x3EFFFFFF,
    0xBEFFFFFF, 0x3F000001, 0x4AFFFFFF, 0x4B000000, 0x4B000001, 0xCAFFFFFF, 0x4EFFFFFF,
    0xCF000000, 0x4F000000, 0x4F800000, 0xBF7FFFFF, 0x5F000000, 0xDF000000, 0x5F800000,
};
static const uint64_t special64[] = {
    0x0000000000000000, 0x8000000000000000, 0x0000000000000001, 0x8000000000000001,
    0x0010000000000000, 0x8010000000000000, 0x000FFFFFFFFFFFFF, 0x3FE0000000000000,
    0xBFE0000000000000, 0x3FF0000000000000, 0xBFF0000000000000, 0x401921FB54442D18,
    0xC01921FB54442D18, 0x7FEFFFFFFFFFFFFF, 0xFFEFFFFFFFFFFFFF, 0x7FF0000000000000,
    0xFFF0000000000000, 0x7FF8000000000000, 0xFFF8000000000000, 0x7FF4000000000000,
    0xFFF4000000000000, 0x7FF0000000000001, 0x7FF8000012345678, 0x3FF8000000000000,
    0xBFF8000000000000, 0x4004000000000000, 0xC004000000000000, 0x3FDFFFFFFFFFFFFF,
    0xBFDFFFFFFFFFFFFF, 0x3FE0000000000001, 0x432FFFFFFFFFFFFF, 0x4330000000000000,
    0x4330000000000001, 0xC32FFFFFFFFFFFFF, 0x41DFFFFFFFC00000, 0xC1E0000000000000,
    0x41E0000000000000, 0x41F0000000000000, 0xBFEFFFFFFFFFFFFF, 0x43E0000000000000,
    0xC3E0000000000000, 0x43F0000000000000,
};
#define NSPEC32 (sizeof special32 / sizeof special32[0])
#define NSPEC64 (sizeof special64 / sizeof special64[0])

static uint64_t special(int w, size_t i) { return w == 32 ? special32[i] : special64[i]; }

/* A NaN result must be arithmetic, and canonical if every NaN input was canonical. */
static int nan_ok(uint64_t r, int w, uint64_t a, uint64_t b, int nargs)
{
    if (!is_arith_nan(r, w))
        return 0;
    int all_canon = (!is_nan(a, w) || is_canon_nan(a, w)) &&
                    (nargs < 2 || !is_nan(b, w) || is_canon_nan(b, w));
    return !all_canon || is_canon_nan(r, w);
}

/* Random bits with the unbiased exponent replaced by e. */
static uint64_t with_exponent(uint64_t a, int w, int e)
{
    int m = mbits_of(w), bias = w == 32 ? 127 : 1023;
    uint64_t keep = (1ull << (w - 1)) | ((1ull << m) - 1);
    return (a & keep) | ((uint64_t)(e + bias) << m);
}

static void check_minmax(int w, uint64_t a, uint64_t b)
{
    uint64_t mn, mx;
    if (w == 32) {
        op_F32_MIN(a, b, &mn);
        op_F32_MAX(a, b, &mx);
    } else {
        op_F64_MIN(a, b, &mn);
        op_F64_MAX(a, b, &mx);
    }
    if (is_nan(a, w) || is_nan(b, w)) {
        check(nan_ok(mn, w, a, b, 2), "f%d.min(" H ", " H ") = " H ", expected NaN", w, a, b, mn);
        check(nan_ok(mx, w, a, b, 2), "f%d.max(" H ", " H ") = " H ", expected NaN", w, a, b, mx);
        return;
    }
    int lt = order_key(a, w) < order_key(b, w);
    uint64_t emn = lt ? a : b, emx = lt ? b : a;
    check(mn == emn, "f%d.min(" H ", " H ") = " H ", expected " H, w, a, b, mn, emn);
    check(mx == emx, "f%d.max(" H ", " H ") = " H ", expected " H, w, a, b, mx, emx);
}

static void check_sign_ops(int w, uint64_t a, uint64_t b)
{
    uint64_t sign = 1ull << (w - 1), abs, neg, cs;
    if (w == 32) {
        op_F32_ABS(a, 0, &abs), op_F32_NEG(a, 0, &neg), op_F32_COPYSIGN(a, b, &cs);
    } else {
        op_F64_ABS(a, 0, &abs), op_F64_NEG(a, 0, &neg), op_F64_COPYSIGN(a, b, &cs);
    }
    check(abs == (a & ~sign), "f%d.abs(" H ") = " H, w, a, abs);
    check(neg == (a ^ sign), "f%d.neg(" H ") = " H, w, a, neg);
    check(cs == ((a & ~sign) | (b & sign)), "f%d.copysign(" H ", " H ") = " H, w, a, b, cs);
}

static void check_rounding(int w, uint64_t a)
{
    static const char *names[] = { "nearest", "ceil", "floor", "trunc" };
    opfn f32fn[] = { op_F32_NEAREST, op_F32_CEIL, op_F32_FLOOR, op_F32_TRUNC };
    opfn f64fn[] = { op_F64_NEAREST, op_F64_CEIL, op_F64_FLOOR, op_F64_TRUNC };
    for (int mode = 0; mode < 4; mode++) {
        uint64_t r;
        (w == 32 ? f32fn : f64fn)[mode](a, 0, &r);
        if (is_nan(a, w)) {
            check(nan_ok(r, w, a, 0, 1), "f%d.%s(" H ") = " H ", expected NaN", w, names[mode],
                  a, r);
            continue;
        }
        uint64_t e = ref_round(a, w, mode);
        check(r == e, "f%d.%s(" H ") = " H ", expected " H, w, names[mode], a, r, e);
    }
}

static void check_sqrt_class(int w, uint64_t a)
{
    uint64_t r, sign = 1ull << (w - 1);
    (w == 32 ? op_F32_SQRT : op_F64_SQRT)(a, 0, &r);
    if (is_nan(a, w))
        check(nan_ok(r, w, a, 0, 1), "f%d.sqrt(" H ") = " H ", expected NaN", w, a, r);
    else if ((a & sign) && a != sign)
        check(is_canon_nan(r, w), "f%d.sqrt(" H ") = " H ", expected nan:canonical", w, a, r);
    else if (a == sign)
        check(r == sign, "f%d.sqrt(-0) = " H ", expected -0", w, r);
}

static void sweep_float_ops(void)
{
    for (int w = 32; w <= 64; w += 32) {
        size_t n = w == 32 ? NSPEC32 : NSPEC64;
        for (size_t i = 0; i < n; i++) {
            check_rounding(w, special(w, i));
            check_sqrt_class(w, special(w, i));
            for (size_t j = 0; j < n; j++) {
                check_minmax(w, special(w, i), special(w, j));
                check_sign_ops(w, special(w, i), special(w, j));
            }
        }
        for (int k = 0; k < 200000; k++) {
            uint64_t a = rnd() & mask_of(w), b = rnd() & mask_of(w);
            if (k & 1)  /* magnitudes 0.25 .. 2^(m+1), where rounding does something */
                a = with_exponent(a, w, k % (mbits_of(w) + 4) - 2);
            check_rounding(w, a);
            check_minmax(w, a, b);
            check_minmax(w, a, a ^ (1ull << (w - 1)));
        }
    }
}

/* Truncations: every one of the 16 functions against a long double model. */
struct trunc_fn {
    const char *name;
    int from;                  /* 32 or 64: the float width */
    int sat, issigned, to;     /* to: 32 or 64 */
    opfn fn;
};
static const struct trunc_fn truncs[] = {
    { "i32.trunc_f32_s", 32, 0, 1, 32, op_I32_TRUNC_F32_S },
    { "i32.trunc_f32_u", 32, 0, 0, 32, op_I32_TRUNC_F32_U },
    { "i32.trunc_f64_s", 64, 0, 1, 32, op_I32_TRUNC_F64_S },
    { "i32.trunc_f64_u", 64, 0, 0, 32, op_I32_TRUNC_F64_U },
    { "i64.trunc_f32_s", 32, 0, 1, 64, op_I64_TRUNC_F32_S },
    { "i64.trunc_f32_u", 32, 0, 0, 64, op_I64_TRUNC_F32_U },
    { "i64.trunc_f64_s", 64, 0, 1, 64, op_I64_TRUNC_F64_S },
    { "i64.trunc_f64_u", 64, 0, 0, 64, op_I64_TRUNC_F64_U },
    { "i32.trunc_sat_f32_s", 32, 1, 1, 32, op_I32_TRUNC_SAT_F32_S },
    { "i32.trunc_sat_f32_u", 32, 1, 0, 32, op_I32_TRUNC_SAT_F32_U },
    { "i32.trunc_sat_f64_s", 64, 1, 1, 32, op_I32_TRUNC_SAT_F64_S },
    { "i32.trunc_sat_f64_u", 64, 1, 0, 32, op_I32_TRUNC_SAT_F64_U },
    { "i64.trunc_sat_f32_s", 32, 1, 1, 64, op_I64_TRUNC_SAT_F32_S },
    { "i64.trunc_sat_f32_u", 32, 1, 0, 64, op_I64_TRUNC_SAT_F32_U },
    { "i64.trunc_sat_f64_s", 64, 1, 1, 64, op_I64_TRUNC_SAT_F64_S },
    { "i64.trunc_sat_f64_u", 64, 1, 0, 64, op_I64_TRUNC_SAT_F64_U },
};

static void check_trunc(const struct trunc_fn *t, uint64_t a)
{
    long double lo, hi, x = t->from == 32 ? (long double)F32(a) : (long double)F64(a);
    if (t->issigned) {
        lo = t->to == 32 ? -2147483648.0L : -9223372036854775808.0L;
        hi = t->to == 32 ? 2147483647.0L : 9223372036854775807.0L;
    } else {
        lo = 0;
        hi = t->to == 32 ? 4294967295.0L : 18446744073709551615.0L;
    }
    int es;
    uint64_t ev;
    if (x != x) {
        es = t->sat ? 0 : TW_NUM_INVALID, ev = 0;
    } else {
        long double tr = truncl(x);
        if (tr < lo)
            es = t->sat ? 0 : TW_NUM_OVERFLOW, ev = t->issigned ? (uint64_t)(int64_t)lo : 0;
        else if (tr > hi)
            es = t->sat ? 0 : TW_NUM_OVERFLOW, ev = (uint64_t)hi;
        else
            es = 0, ev = tr < 0 ? (uint64_t)(int64_t)tr : (uint64_t)tr;
    }
    ev &= mask_of(t->to);
    uint64_t r = 0;
    int s = t->fn(a, 0, &r);
    r &= mask_of(t->to);
    check(s == es && (s || r == ev), "%s(" H ") = " H " status %d, expected " H " status %d",
          t->name, a, r, s, ev, es);
}

static void sweep_truncs(void)
{
    static const double bounds[] = {
        0.0, -1.0, 1.0, -2147483648.0, 2147483648.0, -2147483649.0, 4294967296.0,
        -9223372036854775808.0, 9223372036854775808.0, 18446744073709551616.0,
    };
    for (size_t ti = 0; ti < sizeof truncs / sizeof truncs[0]; ti++) {
        const struct trunc_fn *t = &truncs[ti];
        int w = t->from;
        size_t n = w == 32 ? NSPEC32 : NSPEC64;
        for (size_t i = 0; i < n; i++)
            check_trunc(t, special(w, i));
        /* 300 neighbours on each side of every boundary */
        for (size_t bi = 0; bi < sizeof bounds / sizeof bounds[0]; bi++) {
            uint64_t c = w == 32 ? B32((float)bounds[bi]) : B64(bounds[bi]);
            for (int d = -300; d <= 300; d++) {
                uint64_t mag = c & ~(1ull << (w - 1));
                int neg = (c >> (w - 1)) & 1;
                int64_t m = (int64_t)mag + (neg ? -d : d);  /* step in value order */
                if (m < 0)
                    check_trunc(t, (uint64_t)(-m) | ((uint64_t)!neg << (w - 1)));
                else
                    check_trunc(t, (uint64_t)m | ((uint64_t)neg << (w - 1)));
            }
        }
        for (int k = 0; k < 100000; k++) {
            uint64_t a = rnd() & mask_of(w);
            if (k & 1)  /* magnitudes 0.25 .. 2^67, around the integer ranges */
                a = with_exponent(a, w, k % 70 - 2);
            check_trunc(t, a);
        }
    }
}

/* int -> float: random values, many with few significant bits or near rounding points. */
static uint64_t tricky_int(int k)
{
    uint64_t r = rnd();
    switch (k % 6) {
    case 0: return r;
    case 1: return r >> (r & 63);                            /* any magnitude */
    case 2: return (r >> 40) << (r & 31);                    /* few significant bits */
    case 3: return ((r | 1) << (r % 40)) | (1ull << 63);      /* top bit set, sticky low */
    case 4: {                                                /* exactly a half: 25 or 54 bits */
        int nb = (r & 1) ? 25 : 54, sh = (int)((r >> 8) % (64 - nb + 1));
        return ((((r >> 10) | (1ull << (nb - 1))) & ((1ull << nb) - 1)) | 1) << sh;
    }
    default: return (r & 0xFFFFFFFFull) ^ ((r >> 32) << 33);
    }
}

static void check_convert(uint64_t v)
{
    uint64_t s32 = (uint64_t)(int64_t)(int32_t)(uint32_t)v;  /* v as a sign-extended i32 */
    struct { const char *name; opfn fn; int w, neg; uint64_t arg; } cs[] = {
        { "f32.convert_i32_s", op_F32_CONVERT_I32_S, 32, (v >> 31) & 1, s32 },
        { "f32.convert_i32_u", op_F32_CONVERT_I32_U, 32, 0, v & 0xFFFFFFFFu },
        { "f32.convert_i64_s", op_F32_CONVERT_I64_S, 32, (int)(v >> 63), v },
        { "f32.convert_i64_u", op_F32_CONVERT_I64_U, 32, 0, v },
        { "f64.convert_i32_s", op_F64_CONVERT_I32_S, 64, (v >> 31) & 1, s32 },
        { "f64.convert_i32_u", op_F64_CONVERT_I32_U, 64, 0, v & 0xFFFFFFFFu },
        { "f64.convert_i64_s", op_F64_CONVERT_I64_S, 64, (int)(v >> 63), v },
        { "f64.convert_i64_u", op_F64_CONVERT_I64_U, 64, 0, v },
    };
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        uint64_t r, e = ref_int_to_float(cs[i].arg, cs[i].neg, cs[i].w);
        cs[i].fn(cs[i].arg, 0, &r);
        r &= mask_of(cs[i].w);
        check(r == e, "%s(" H ") = " H ", expected " H, cs[i].name, cs[i].arg, r, e);
    }
}

/* f64 -> f32 and f32 -> f64 against the same rounding model. */
static void check_demote_promote(uint64_t d, uint32_t f)
{
    uint64_t r, e;
    op_F32_DEMOTE_F64(d, 0, &r);
    r &= 0xFFFFFFFFu;
    uint64_t sign = (d >> 63) << 31, mag = d & ~(1ull << 63);
    if (is_nan(d, 64)) {
        check(nan_ok(r, 32, is_canon_nan(d, 64) ? 0x7FC00000 : 0x7FA00000, 0, 1),
              "f32.demote_f64(" H ") = " H ", expected NaN", d, r);
    } else {
        if (mag == 0)
            e = sign;
        else if (mag == 0x7FF0000000000000ull)
            e = sign | 0x7F800000u;
        else if (mag >> 52)
            e = sign | ref_round_bits((mag & ((1ull << 52) - 1)) | (1ull << 52),
                                      (int)(mag >> 52) - 1075, 23, 127);
        else
            e = sign | ref_round_bits(mag, -1074, 23, 127);
        check(r == e, "f32.demote_f64(" H ") = " H ", expected " H, d, r, e);
    }
    op_F64_PROMOTE_F32(f, 0, &r);
    sign = (uint64_t)(f >> 31) << 63, mag = f & 0x7FFFFFFFu;
    if (is_nan(f, 32)) {
        uint64_t like = is_canon_nan(f, 32) ? 0x7FF8000000000000ull : 0x7FF4000000000000ull;
        check(nan_ok(r, 64, like, 0, 1),
              "f64.promote_f32(%#x) = " H ", expected NaN", f, r);
        return;
    }
    if (mag == 0)
        e = sign;
    else if (mag == 0x7F800000u)
        e = sign | 0x7FF0000000000000ull;
    else if (mag >> 23)
        e = sign | ref_round_bits((mag & 0x7FFFFF) | 0x800000, (int)(mag >> 23) - 150, 52, 1023);
    else
        e = sign | ref_round_bits(mag, -149, 52, 1023);
    check(r == e, "f64.promote_f32(%#x) = " H ", expected " H, f, r, e);
}

static void sweep_conversions(void)
{
    for (int k = 0; k < 64; k++) {  /* powers of two and their neighbours */
        check_convert(1ull << k);
        check_convert((1ull << k) - 1);
        check_convert((1ull << k) + 1);
        check_convert(0 - (1ull << k));
    }
    for (int k = 0; k < 300000; k++)
        check_convert(tricky_int(k));
    for (size_t i = 0; i < NSPEC64; i++)
        check_demote_promote(special64[i], special32[i % NSPEC32]);
    for (int k = 0; k < 300000; k++) {
        uint64_t d = rnd();
        if (k & 1)  /* f32's exponent range, including its subnormals and overflow */
            d = (d & 0x800FFFFFFFFFFFFFull) | ((uint64_t)(0x3FF - 160 + k % 300) << 52);
        if (k % 7 == 0)  /* halfway and near-halfway between two f32 values */
            d = (d & ~0x1FFFFFFFull) | 0x10000000ull |
                (k % 3 == 0 ? 0 : k % 3 == 1 ? 1 : 0xFFFFFFF);
        check_demote_promote(d, (uint32_t)rnd());
    }
}

/* Integer operations against bit-by-bit models. */
static uint64_t ref_rotl(uint64_t a, unsigned n, int w)
{
    uint64_t r = 0;
    n %= (unsigned)w;
    for (int i = 0; i < w; i++)
        if ((a >> i) & 1)
            r |= 1ull << ((i + (int)n) % w);
    return r;
}

static void check_int(uint64_t a, uint64_t n)
{
    for (int w = 32; w <= 64; w += 32) {
        uint64_t m = mask_of(w), x = a & m, c = n & m, r;
        unsigned k = (unsigned)(c % (uint64_t)w);
        uint64_t sign = 1ull << (w - 1);
        uint64_t shl = k ? (x << k) & m : x, shru = x >> k;
        uint64_t shrs = (x & sign) ? (~((~x & m) >> k)) & m : shru;
        const struct { const char *n; opfn f32, f64; uint64_t e; } t[] = {
            { "shl", op_I32_SHL, op_I64_SHL, shl },
            { "shr_u", op_I32_SHR_U, op_I64_SHR_U, shru },
            { "shr_s", op_I32_SHR_S, op_I64_SHR_S, shrs },
            { "rotl", op_I32_ROTL, op_I64_ROTL, ref_rotl(x, k, w) },
            { "rotr", op_I32_ROTR, op_I64_ROTR, ref_rotl(x, (unsigned)w - k, w) },
        };
        for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
            (w == 32 ? t[i].f32 : t[i].f64)(x, c, &r);
            r &= m;
            check(r == t[i].e, "i%d.%s(" H ", " H ") = " H ", expected " H, w, t[i].n, x, c, r,
                  t[i].e);
        }
        uint64_t clz = 0, ctz = 0, pop = 0;
        uint64_t ext8 = (x & 0x80) ? (x | ~0xFFull) & m : x & 0xFF;
        uint64_t ext16 = (x & 0x8000) ? (x | ~0xFFFFull) & m : x & 0xFFFF;
        while (clz < (uint64_t)w && !((x >> (w - 1 - (int)clz)) & 1))
            clz++;
        while (ctz < (uint64_t)w && !((x >> ctz) & 1))
            ctz++;
        for (int i = 0; i < w; i++)
            pop += (x >> i) & 1;
        const struct { const char *n; opfn f32, f64; uint64_t e; } u[] = {
            { "clz", op_I32_CLZ, op_I64_CLZ, clz },
            { "ctz", op_I32_CTZ, op_I64_CTZ, ctz },
            { "popcnt", op_I32_POPCNT, op_I64_POPCNT, pop },
            { "extend8_s", op_I32_EXTEND8_S, op_I64_EXTEND8_S, ext8 },
            { "extend16_s", op_I32_EXTEND16_S, op_I64_EXTEND16_S, ext16 },
        };
        for (size_t i = 0; i < sizeof u / sizeof u[0]; i++) {
            (w == 32 ? u[i].f32 : u[i].f64)(x, 0, &r);
            r &= m;
            check(r == u[i].e, "i%d.%s(" H ") = " H ", expected " H, w, u[i].n, x, r, u[i].e);
        }
    }
    uint64_t e32 = (a & 0x80000000u) ? a | 0xFFFFFFFF00000000ull : a & 0xFFFFFFFFu, r;
    op_I64_EXTEND32_S(a, 0, &r);
    check(r == e32, "i64.extend32_s(" H ") = " H ", expected " H, a, r, e32);
}

/* Signed division and remainder: i32 against int64 arithmetic; i64 by the identity
 * a = q*b + r with |r| < |b| and r of a's sign, in wrapping unsigned arithmetic. */
static void check_divrem(uint64_t a, uint64_t b)
{
    int32_t a32 = S32(a), b32 = S32(b);
    uint64_t q, r;
    int sq = op_I32_DIV_S(a, b, &q), sr = op_I32_REM_S(a, b, &r);
    int32_t q32 = (int32_t)(uint32_t)q, r32 = (int32_t)(uint32_t)r;
    if (b32 == 0) {
        check(sq == TW_NUM_DIV_ZERO && sr == TW_NUM_DIV_ZERO, "i32.div_s/rem_s(%d, 0) must trap",
              a32);
    } else {
        int64_t eq = (int64_t)a32 / b32, er = (int64_t)a32 % b32;
        if (eq == 2147483648LL)
            check(sq == TW_NUM_OVERFLOW, "i32.div_s(%d, %d) must overflow", a32, b32);
        else
            check(sq == 0 && q32 == eq, "i32.div_s(%d, %d) = %d", a32, b32, q32);
        check(sr == 0 && r32 == er, "i32.rem_s(%d, %d) = %d, expected %" PRId64, a32, b32, r32,
              er);
    }
    int64_t a64 = S64(a), b64 = S64(b);
    sq = op_I64_DIV_S(a, b, &q), sr = op_I64_REM_S(a, b, &r);
    if (b64 == 0) {
        check(sq == TW_NUM_DIV_ZERO && sr == TW_NUM_DIV_ZERO,
              "i64.div_s/rem_s(%" PRId64 ", 0) must trap", a64);
        return;
    }
    uint64_t ab = b64 < 0 ? 0 - b : b, ar = (int64_t)r < 0 ? 0 - r : r;
    int rem_ok = sr == 0 && ar < ab && (r == 0 || ((int64_t)r < 0) == (a64 < 0));
    if (a64 == INT64_MIN && b64 == -1) {
        check(sq == TW_NUM_OVERFLOW, "i64.div_s(INT64_MIN, -1) must overflow");
        check(rem_ok && r == 0, "i64.rem_s(INT64_MIN, -1) = %" PRId64 ", expected 0", (int64_t)r);
        return;
    }
    check(sq == 0 && rem_ok && q * b + r == a,
          "i64.div_s/rem_s(%" PRId64 ", %" PRId64 ") = %" PRId64 ", %" PRId64,
          a64, b64, (int64_t)q, (int64_t)r);
}

static void sweep_ints(void)
{
    static const uint64_t vals[] = {
        0, 1, 2, 3, 7, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000,
        0xFFFFFFFF, 0x100000000ull, 0x7FFFFFFFFFFFFFFFull, 0x8000000000000000ull,
        0xFFFFFFFFFFFFFFFFull, 0xFFFFFFFF80000000ull, 0xFFFFFFFFFFFFFFFEull,
        0x0123456789ABCDEFull, 0xFEDCBA9876543210ull, 0x8000000000000001ull,
    };
    size_t nv = sizeof vals / sizeof vals[0];
    for (size_t i = 0; i < nv; i++) {
        for (uint64_t n = 0; n < 200; n++)
            check_int(vals[i], n);
        for (size_t j = 0; j < nv; j++) {
            check_int(vals[i], vals[j]);
            check_divrem(vals[i], vals[j]);
            check_divrem(vals[i], 0 - vals[j]);
        }
    }
    for (int k = 0; k < 200000; k++) {
        uint64_t a = rnd(), b = rnd();
        check_int(a >> (b & 63), b);
        check_divrem(a, b >> ((a >> 7) & 63));
    }
}

int main(void)
{
    run_cases();
    sweep_float_ops();
    sweep_truncs();
    sweep_conversions();
    sweep_ints();
    return summary();
}
