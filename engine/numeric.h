/* numeric.h — WebAssembly numeric semantics: first the kernels where plain C differs or
 * has undefined behaviour (float min/max and rounding, checked and saturating float->int
 * truncation, shifts, bit counts, signed division, sign-bit operations), then every
 * numeric instruction as a function on slot values (tw_op_*), which is what runs.
 *
 * Everything is a small static inline on plain values (the interpreter's hot paths call
 * these). Requirements on the C implementation, all true of gcc and clang on x86-64 and
 * aarch64: IEEE 754 binary32/binary64 with FLT_EVAL_METHOD 0, default rounding mode,
 * no -ffast-math, arithmetic right shift of negative signed integers, and conversions
 * to narrower signed types that wrap (both implementation-defined, not undefined).
 * Integer->float conversions are plain C casts: C requires them to be correctly rounded
 * in the current (nearest-even) mode, which is what wasm requires; test_numeric.c checks
 * the tricky cases of the spec testsuite (e.g. u64 -> f32 must not round twice).
 *
 * NaN results: wasm only requires an arithmetic (quiet) NaN, canonical when the inputs
 * were canonical. Returning a + b for a NaN operand gives exactly that on IEEE hardware.
 * abs/neg/copysign work on bit patterns because they must keep NaN payloads exactly.
 */
#ifndef TYCHO_NUMERIC_H
#define TYCHO_NUMERIC_H

#include <math.h>
#include <stdint.h>
#include <string.h>

/* Status of a checked operation; the interpreter turns non-zero into a trap. */
enum { TW_NUM_OK = 0, TW_NUM_OVERFLOW = 1, TW_NUM_INVALID = 2, TW_NUM_DIV_ZERO = 3 };

static inline const char *tw_num_trap_message(int status)
{
    switch (status) {
    case TW_NUM_OVERFLOW: return "integer overflow";
    case TW_NUM_INVALID: return "invalid conversion to integer";
    case TW_NUM_DIV_ZERO: return "integer divide by zero";
    default: return "";
    }
}

/* ---- bit patterns ------------------------------------------------------------------ */

static inline uint32_t tw_f32_bits(float x) { uint32_t u; memcpy(&u, &x, 4); return u; }
static inline uint64_t tw_f64_bits(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }
static inline float tw_f32_from_bits(uint32_t u) { float x; memcpy(&x, &u, 4); return x; }
static inline double tw_f64_from_bits(uint64_t u) { double x; memcpy(&x, &u, 8); return x; }

static inline uint32_t tw_f32_abs(uint32_t a) { return a & 0x7FFFFFFFu; }
static inline uint32_t tw_f32_neg(uint32_t a) { return a ^ 0x80000000u; }
static inline uint32_t tw_f32_copysign(uint32_t a, uint32_t b)
{
    return (a & 0x7FFFFFFFu) | (b & 0x80000000u);
}
static inline uint64_t tw_f64_abs(uint64_t a) { return a & 0x7FFFFFFFFFFFFFFFull; }
static inline uint64_t tw_f64_neg(uint64_t a) { return a ^ 0x8000000000000000ull; }
static inline uint64_t tw_f64_copysign(uint64_t a, uint64_t b)
{
    return (a & 0x7FFFFFFFFFFFFFFFull) | (b & 0x8000000000000000ull);
}

/* ---- min / max ----------------------------------------------------------------------
 * C's fmin/fmax return the non-NaN operand and may treat -0 == +0; wasm wants a NaN
 * whenever either input is one, and -0 < +0. Equal operands differ at most in the sign
 * of zero, so OR-ing the bits picks -0 (min) and AND-ing picks +0 (max). */

#define TW_MINMAX(N, F)                                                                    \
    static inline F tw_f##N##_min(F a, F b)                                                \
    {                                                                                      \
        if (a != a || b != b)                                                              \
            return a + b;                                                                  \
        if (a == b)                                                                        \
            return tw_f##N##_from_bits(tw_f##N##_bits(a) | tw_f##N##_bits(b));             \
        return a < b ? a : b;                                                              \
    }                                                                                      \
    static inline F tw_f##N##_max(F a, F b)                                                \
    {                                                                                      \
        if (a != a || b != b)                                                              \
            return a + b;                                                                  \
        if (a == b)                                                                        \
            return tw_f##N##_from_bits(tw_f##N##_bits(a) & tw_f##N##_bits(b));             \
        return a > b ? a : b;                                                              \
    }
TW_MINMAX(32, float)
TW_MINMAX(64, double)
#undef TW_MINMAX

/* ---- rounding ------------------------------------------------------------------------
 * rint rounds ties to even in the default mode and keeps the sign of zero (-0.5 -> -0).
 * wasm wants a quiet NaN out for a signalling one in; gcc inlines these functions with
 * SSE2 sequences that pass a signalling NaN through unchanged, so NaNs are quieted here
 * (x + x) before the library call. sqrt quiets in hardware. */

#define TW_ROUND(name, F, fn)                                                              \
    static inline F name(F x) { return x != x ? x + x : fn(x); }
TW_ROUND(tw_f32_nearest, float, rintf)
TW_ROUND(tw_f64_nearest, double, rint)
TW_ROUND(tw_f32_ceil, float, ceilf)
TW_ROUND(tw_f64_ceil, double, ceil)
TW_ROUND(tw_f32_floor, float, floorf)
TW_ROUND(tw_f64_floor, double, floor)
TW_ROUND(tw_f32_trunc, float, truncf)
TW_ROUND(tw_f64_trunc, double, trunc)
#undef TW_ROUND
static inline float tw_f32_sqrt(float x) { return sqrtf(x); }
static inline double tw_f64_sqrt(double x) { return sqrt(x); }

/* ---- checked truncation: 0 ok, 1 integer overflow, 2 invalid conversion (NaN) -----------
 * x is in range iff trunc(x) fits, i.e. lo < x < hi with lo, hi the nearest exactly
 * representable values outside the range: for signed N bits lo = -2^(N-1) - 1 (rounded
 * down to the float format, which for f32 and for i64 is -2^(N-1) itself, hence >=);
 * for unsigned lo = -1 (trunc(-0.9) = 0 is valid). hi = 2^(N-1) or 2^N.
 * Inside the range the C conversion is defined and exact. */

#define TW_TRUNC_CHECKED(name, F, T, LO_OK, HI)                                            \
    static inline int name(F x, T *out)                                                    \
    {                                                                                      \
        if (x != x)                                                                        \
            return TW_NUM_INVALID;                                                         \
        if (!(LO_OK && x < (HI)))                                                          \
            return TW_NUM_OVERFLOW;                                                        \
        *out = (T)x;                                                                       \
        return TW_NUM_OK;                                                                  \
    }

TW_TRUNC_CHECKED(tw_trunc_i32_f32_s, float, int32_t, x >= -2147483648.0f, 2147483648.0f)
TW_TRUNC_CHECKED(tw_trunc_i32_f32_u, float, uint32_t, x > -1.0f, 4294967296.0f)
TW_TRUNC_CHECKED(tw_trunc_i32_f64_s, double, int32_t, x > -2147483649.0, 2147483648.0)
TW_TRUNC_CHECKED(tw_trunc_i32_f64_u, double, uint32_t, x > -1.0, 4294967296.0)
TW_TRUNC_CHECKED(tw_trunc_i64_f32_s, float, int64_t, x >= -9223372036854775808.0f,
                 9223372036854775808.0f)
TW_TRUNC_CHECKED(tw_trunc_i64_f32_u, float, uint64_t, x > -1.0f, 18446744073709551616.0f)
TW_TRUNC_CHECKED(tw_trunc_i64_f64_s, double, int64_t, x >= -9223372036854775808.0,
                 9223372036854775808.0)
TW_TRUNC_CHECKED(tw_trunc_i64_f64_u, double, uint64_t, x > -1.0, 18446744073709551616.0)
#undef TW_TRUNC_CHECKED

/* ---- saturating truncation: NaN -> 0, out of range -> the nearest bound ---------------- */

#define TW_TRUNC_SAT(name, F, T, LO_OK, HI, MIN, MAX)                                      \
    static inline T name(F x)                                                              \
    {                                                                                      \
        if (x != x)                                                                        \
            return 0;                                                                      \
        if (!(LO_OK))                                                                      \
            return (MIN);                                                                  \
        if (!(x < (HI)))                                                                   \
            return (MAX);                                                                  \
        return (T)x;                                                                       \
    }

TW_TRUNC_SAT(tw_trunc_sat_i32_f32_s, float, int32_t, x >= -2147483648.0f, 2147483648.0f,
             INT32_MIN, INT32_MAX)
TW_TRUNC_SAT(tw_trunc_sat_i32_f32_u, float, uint32_t, x > -1.0f, 4294967296.0f, 0,
             UINT32_MAX)
TW_TRUNC_SAT(tw_trunc_sat_i32_f64_s, double, int32_t, x > -2147483649.0, 2147483648.0,
             INT32_MIN, INT32_MAX)
TW_TRUNC_SAT(tw_trunc_sat_i32_f64_u, double, uint32_t, x > -1.0, 4294967296.0, 0, UINT32_MAX)
TW_TRUNC_SAT(tw_trunc_sat_i64_f32_s, float, int64_t, x >= -9223372036854775808.0f,
             9223372036854775808.0f, INT64_MIN, INT64_MAX)
TW_TRUNC_SAT(tw_trunc_sat_i64_f32_u, float, uint64_t, x > -1.0f, 18446744073709551616.0f, 0,
             UINT64_MAX)
TW_TRUNC_SAT(tw_trunc_sat_i64_f64_s, double, int64_t, x >= -9223372036854775808.0,
             9223372036854775808.0, INT64_MIN, INT64_MAX)
TW_TRUNC_SAT(tw_trunc_sat_i64_f64_u, double, uint64_t, x > -1.0, 18446744073709551616.0, 0,
             UINT64_MAX)
#undef TW_TRUNC_SAT

/* ---- int -> float (correctly rounded C casts; named for symmetry) --------------------- */

static inline float tw_f32_convert_i32_s(int32_t a) { return (float)a; }
static inline float tw_f32_convert_i32_u(uint32_t a) { return (float)a; }
static inline float tw_f32_convert_i64_s(int64_t a) { return (float)a; }
static inline float tw_f32_convert_i64_u(uint64_t a) { return (float)a; }
static inline double tw_f64_convert_i32_s(int32_t a) { return (double)a; }
static inline double tw_f64_convert_i32_u(uint32_t a) { return (double)a; }
static inline double tw_f64_convert_i64_s(int64_t a) { return (double)a; }
static inline double tw_f64_convert_i64_u(uint64_t a) { return (double)a; }
static inline float tw_f32_demote(double a) { return (float)a; }
static inline double tw_f64_promote(float a) { return (double)a; }

/* ---- integers: all arithmetic on unsigned types, so overflow wraps without UB ---------- */

static inline uint32_t tw_i32_shl(uint32_t a, uint32_t n) { return a << (n & 31); }
static inline uint32_t tw_i32_shr_u(uint32_t a, uint32_t n) { return a >> (n & 31); }
static inline uint32_t tw_i32_shr_s(uint32_t a, uint32_t n)
{
    return (uint32_t)((int32_t)a >> (n & 31));
}
static inline uint32_t tw_i32_rotl(uint32_t a, uint32_t n)
{
    return (a << (n & 31)) | (a >> ((32 - n) & 31));
}
static inline uint32_t tw_i32_rotr(uint32_t a, uint32_t n)
{
    return (a >> (n & 31)) | (a << ((32 - n) & 31));
}
static inline uint64_t tw_i64_shl(uint64_t a, uint64_t n) { return a << (n & 63); }
static inline uint64_t tw_i64_shr_u(uint64_t a, uint64_t n) { return a >> (n & 63); }
static inline uint64_t tw_i64_shr_s(uint64_t a, uint64_t n)
{
    return (uint64_t)((int64_t)a >> (n & 63));
}
static inline uint64_t tw_i64_rotl(uint64_t a, uint64_t n)
{
    return (a << (n & 63)) | (a >> ((64 - n) & 63));
}
static inline uint64_t tw_i64_rotr(uint64_t a, uint64_t n)
{
    return (a >> (n & 63)) | (a << ((64 - n) & 63));
}

/* __builtin_clz/ctz(0) is undefined. */
static inline uint32_t tw_i32_clz(uint32_t a) { return a ? (uint32_t)__builtin_clz(a) : 32; }
static inline uint32_t tw_i32_ctz(uint32_t a) { return a ? (uint32_t)__builtin_ctz(a) : 32; }
static inline uint32_t tw_i32_popcnt(uint32_t a) { return (uint32_t)__builtin_popcount(a); }
static inline uint64_t tw_i64_clz(uint64_t a) { return a ? (uint64_t)__builtin_clzll(a) : 64; }
static inline uint64_t tw_i64_ctz(uint64_t a) { return a ? (uint64_t)__builtin_ctzll(a) : 64; }
static inline uint64_t tw_i64_popcnt(uint64_t a) { return (uint64_t)__builtin_popcountll(a); }

/* Sign extension without narrowing signed conversions: flip the sign bit, subtract it. */
static inline uint32_t tw_i32_extend8_s(uint32_t a) { return ((a & 0xFFu) ^ 0x80u) - 0x80u; }
static inline uint32_t tw_i32_extend16_s(uint32_t a)
{
    return ((a & 0xFFFFu) ^ 0x8000u) - 0x8000u;
}
static inline uint64_t tw_i64_extend8_s(uint64_t a) { return ((a & 0xFFu) ^ 0x80u) - 0x80u; }
static inline uint64_t tw_i64_extend16_s(uint64_t a)
{
    return ((a & 0xFFFFu) ^ 0x8000u) - 0x8000u;
}
static inline uint64_t tw_i64_extend32_s(uint64_t a)
{
    return ((a & 0xFFFFFFFFu) ^ 0x80000000u) - 0x80000000u;
}

/* Signed remainder: the caller traps on b == 0. INT_MIN % -1 overflows in C (UB, and a
 * SIGFPE on x86) but is 0 in wasm, as is anything % -1. */
static inline int32_t tw_i32_rem_s(int32_t a, int32_t b) { return b == -1 ? 0 : a % b; }
static inline int64_t tw_i64_rem_s(int64_t a, int64_t b) { return b == -1 ? 0 : a % b; }

/* Checked division and remainder for callers that prefer one call: 0 ok, else a status
 * for tw_num_trap_message. */
static inline int tw_i32_div_s(int32_t a, int32_t b, int32_t *out)
{
    if (b == 0)
        return TW_NUM_DIV_ZERO;
    if (a == INT32_MIN && b == -1)
        return TW_NUM_OVERFLOW;
    *out = a / b;
    return TW_NUM_OK;
}
static inline int tw_i64_div_s(int64_t a, int64_t b, int64_t *out)
{
    if (b == 0)
        return TW_NUM_DIV_ZERO;
    if (a == INT64_MIN && b == -1)
        return TW_NUM_OVERFLOW;
    *out = a / b;
    return TW_NUM_OK;
}

/* ---- the instruction set on slot values ------------------------------------------------
 * One function per numeric instruction, named after it (i32.add -> tw_op_i32_add), on the
 * values as the interpreter keeps them: i32 and f32 as uint32_t (f32 as its bits), i64
 * and f64 as uint64_t. opcodes.h names these in its table; the interpreter's handlers
 * and test_numeric.c are generated from that table, so the tests run the code that runs.
 * Those that can trap return a TW_NUM_* status and write their result through *r. */

#define TW_F32(x) tw_f32_from_bits(x)
#define TW_F64(x) tw_f64_from_bits(x)
#define TW_OP2(name, T, expr) static inline T tw_op_##name(T a, T b) { return (expr); }
#define TW_OP1(name, R, T, expr) static inline R tw_op_##name(T a) { return (expr); }
#define TW_CMP(name, T, expr) static inline uint32_t tw_op_##name(T a, T b) { return (expr); }

/* The integer instructions of one width N (U its unsigned type, S its signed type). */
#define TW_INT_OPS(N, U, S)                                                                 \
    TW_OP1(i##N##_eqz, uint32_t, U, a == 0)                                                 \
    TW_CMP(i##N##_eq, U, a == b)                                                            \
    TW_CMP(i##N##_ne, U, a != b)                                                            \
    TW_CMP(i##N##_lt_s, U, (S)a < (S)b)                                                     \
    TW_CMP(i##N##_lt_u, U, a < b)                                                           \
    TW_CMP(i##N##_gt_s, U, (S)a > (S)b)                                                     \
    TW_CMP(i##N##_gt_u, U, a > b)                                                           \
    TW_CMP(i##N##_le_s, U, (S)a <= (S)b)                                                    \
    TW_CMP(i##N##_le_u, U, a <= b)                                                          \
    TW_CMP(i##N##_ge_s, U, (S)a >= (S)b)                                                    \
    TW_CMP(i##N##_ge_u, U, a >= b)                                                          \
    TW_OP1(i##N##_clz, U, U, tw_i##N##_clz(a))                                              \
    TW_OP1(i##N##_ctz, U, U, tw_i##N##_ctz(a))                                              \
    TW_OP1(i##N##_popcnt, U, U, tw_i##N##_popcnt(a))                                        \
    TW_OP2(i##N##_add, U, a + b)                                                            \
    TW_OP2(i##N##_sub, U, a - b)                                                            \
    TW_OP2(i##N##_mul, U, a * b)                                                            \
    TW_OP2(i##N##_and, U, a & b)                                                            \
    TW_OP2(i##N##_or, U, a | b)                                                             \
    TW_OP2(i##N##_xor, U, a ^ b)                                                            \
    TW_OP2(i##N##_shl, U, tw_i##N##_shl(a, b))                                              \
    TW_OP2(i##N##_shr_s, U, tw_i##N##_shr_s(a, b))                                          \
    TW_OP2(i##N##_shr_u, U, tw_i##N##_shr_u(a, b))                                          \
    TW_OP2(i##N##_rotl, U, tw_i##N##_rotl(a, b))                                            \
    TW_OP2(i##N##_rotr, U, tw_i##N##_rotr(a, b))                                            \
    static inline int tw_op_i##N##_div_s(U a, U b, U *r)                                    \
    {                                                                                       \
        S v = 0;                                                                            \
        int s = tw_i##N##_div_s((S)a, (S)b, &v);                                            \
        *r = (U)v;                                                                          \
        return s;                                                                           \
    }                                                                                       \
    TW_DIVOP(i##N##_div_u, U, a / b)                                                        \
    TW_DIVOP(i##N##_rem_s, U, (U)tw_i##N##_rem_s((S)a, (S)b))                               \
    TW_DIVOP(i##N##_rem_u, U, a % b)                                                        \
    TW_OP1(i##N##_extend8_s, U, U, tw_i##N##_extend8_s(a))                                  \
    TW_OP1(i##N##_extend16_s, U, U, tw_i##N##_extend16_s(a))
/* Division and remainder other than div_s: they trap on a zero divisor only. */
#define TW_DIVOP(name, U, expr)                                                             \
    static inline int tw_op_##name(U a, U b, U *r)                                          \
    {                                                                                       \
        if (b == 0)                                                                         \
            return TW_NUM_DIV_ZERO;                                                         \
        *r = (expr);                                                                        \
        return TW_NUM_OK;                                                                   \
    }

/* The float instructions of one width N (U the type of its bits, F its C type). */
#define TW_FLOAT_OPS(N, U, F)                                                               \
    TW_CMP(f##N##_eq, U, TW_F##N(a) == TW_F##N(b))                                          \
    TW_CMP(f##N##_ne, U, TW_F##N(a) != TW_F##N(b))                                          \
    TW_CMP(f##N##_lt, U, TW_F##N(a) < TW_F##N(b))                                           \
    TW_CMP(f##N##_gt, U, TW_F##N(a) > TW_F##N(b))                                           \
    TW_CMP(f##N##_le, U, TW_F##N(a) <= TW_F##N(b))                                          \
    TW_CMP(f##N##_ge, U, TW_F##N(a) >= TW_F##N(b))                                          \
    TW_OP1(f##N##_abs, U, U, tw_f##N##_abs(a))                                              \
    TW_OP1(f##N##_neg, U, U, tw_f##N##_neg(a))                                              \
    TW_OP1(f##N##_ceil, U, U, tw_f##N##_bits(tw_f##N##_ceil(TW_F##N(a))))                   \
    TW_OP1(f##N##_floor, U, U, tw_f##N##_bits(tw_f##N##_floor(TW_F##N(a))))                 \
    TW_OP1(f##N##_trunc, U, U, tw_f##N##_bits(tw_f##N##_trunc(TW_F##N(a))))                 \
    TW_OP1(f##N##_nearest, U, U, tw_f##N##_bits(tw_f##N##_nearest(TW_F##N(a))))             \
    TW_OP1(f##N##_sqrt, U, U, tw_f##N##_bits(tw_f##N##_sqrt(TW_F##N(a))))                   \
    TW_OP2(f##N##_add, U, tw_f##N##_bits(TW_F##N(a) + TW_F##N(b)))                          \
    TW_OP2(f##N##_sub, U, tw_f##N##_bits(TW_F##N(a) - TW_F##N(b)))                          \
    TW_OP2(f##N##_mul, U, tw_f##N##_bits(TW_F##N(a) * TW_F##N(b)))                          \
    TW_OP2(f##N##_div, U, tw_f##N##_bits(TW_F##N(a) / TW_F##N(b)))                          \
    TW_OP2(f##N##_min, U, tw_f##N##_bits(tw_f##N##_min(TW_F##N(a), TW_F##N(b))))            \
    TW_OP2(f##N##_max, U, tw_f##N##_bits(tw_f##N##_max(TW_F##N(a), TW_F##N(b))))            \
    TW_OP2(f##N##_copysign, U, tw_f##N##_copysign(a, b))

TW_INT_OPS(32, uint32_t, int32_t)
TW_INT_OPS(64, uint64_t, int64_t)
TW_OP1(i64_extend32_s, uint64_t, uint64_t, tw_i64_extend32_s(a))
TW_FLOAT_OPS(32, uint32_t, float)
TW_FLOAT_OPS(64, uint64_t, double)

/* conversions */
TW_OP1(i32_wrap_i64, uint32_t, uint64_t, (uint32_t)a)
TW_OP1(i64_extend_i32_s, uint64_t, uint32_t, (uint64_t)(int64_t)(int32_t)a)
TW_OP1(i64_extend_i32_u, uint64_t, uint32_t, (uint64_t)a)
#define TW_OP_TRUNC(name, R, T, F, FROM, ST)                                                \
    static inline int tw_op_##name(T a, R *r)                                               \
    {                                                                                       \
        ST v = 0;                                                                           \
        int s = tw_trunc_##name##_impl(FROM(a), &v);                                        \
        *r = (R)v;                                                                          \
        return s;                                                                           \
    }
#define tw_trunc_i32_trunc_f32_s_impl tw_trunc_i32_f32_s
#define tw_trunc_i32_trunc_f32_u_impl tw_trunc_i32_f32_u
#define tw_trunc_i32_trunc_f64_s_impl tw_trunc_i32_f64_s
#define tw_trunc_i32_trunc_f64_u_impl tw_trunc_i32_f64_u
#define tw_trunc_i64_trunc_f32_s_impl tw_trunc_i64_f32_s
#define tw_trunc_i64_trunc_f32_u_impl tw_trunc_i64_f32_u
#define tw_trunc_i64_trunc_f64_s_impl tw_trunc_i64_f64_s
#define tw_trunc_i64_trunc_f64_u_impl tw_trunc_i64_f64_u
TW_OP_TRUNC(i32_trunc_f32_s, uint32_t, uint32_t, float, TW_F32, int32_t)
TW_OP_TRUNC(i32_trunc_f32_u, uint32_t, uint32_t, float, TW_F32, uint32_t)
TW_OP_TRUNC(i32_trunc_f64_s, uint32_t, uint64_t, double, TW_F64, int32_t)
TW_OP_TRUNC(i32_trunc_f64_u, uint32_t, uint64_t, double, TW_F64, uint32_t)
TW_OP_TRUNC(i64_trunc_f32_s, uint64_t, uint32_t, float, TW_F32, int64_t)
TW_OP_TRUNC(i64_trunc_f32_u, uint64_t, uint32_t, float, TW_F32, uint64_t)
TW_OP_TRUNC(i64_trunc_f64_s, uint64_t, uint64_t, double, TW_F64, int64_t)
TW_OP_TRUNC(i64_trunc_f64_u, uint64_t, uint64_t, double, TW_F64, uint64_t)
TW_OP1(i32_trunc_sat_f32_s, uint32_t, uint32_t, (uint32_t)tw_trunc_sat_i32_f32_s(TW_F32(a)))
TW_OP1(i32_trunc_sat_f32_u, uint32_t, uint32_t, (uint32_t)tw_trunc_sat_i32_f32_u(TW_F32(a)))
TW_OP1(i32_trunc_sat_f64_s, uint32_t, uint64_t, (uint32_t)tw_trunc_sat_i32_f64_s(TW_F64(a)))
TW_OP1(i32_trunc_sat_f64_u, uint32_t, uint64_t, (uint32_t)tw_trunc_sat_i32_f64_u(TW_F64(a)))
TW_OP1(i64_trunc_sat_f32_s, uint64_t, uint32_t, (uint64_t)tw_trunc_sat_i64_f32_s(TW_F32(a)))
TW_OP1(i64_trunc_sat_f32_u, uint64_t, uint32_t, (uint64_t)tw_trunc_sat_i64_f32_u(TW_F32(a)))
TW_OP1(i64_trunc_sat_f64_s, uint64_t, uint64_t, (uint64_t)tw_trunc_sat_i64_f64_s(TW_F64(a)))
TW_OP1(i64_trunc_sat_f64_u, uint64_t, uint64_t, (uint64_t)tw_trunc_sat_i64_f64_u(TW_F64(a)))
TW_OP1(f32_convert_i32_s, uint32_t, uint32_t, tw_f32_bits(tw_f32_convert_i32_s((int32_t)a)))
TW_OP1(f32_convert_i32_u, uint32_t, uint32_t, tw_f32_bits(tw_f32_convert_i32_u(a)))
TW_OP1(f32_convert_i64_s, uint32_t, uint64_t, tw_f32_bits(tw_f32_convert_i64_s((int64_t)a)))
TW_OP1(f32_convert_i64_u, uint32_t, uint64_t, tw_f32_bits(tw_f32_convert_i64_u(a)))
TW_OP1(f32_demote_f64, uint32_t, uint64_t, tw_f32_bits(tw_f32_demote(TW_F64(a))))
TW_OP1(f64_convert_i32_s, uint64_t, uint32_t, tw_f64_bits(tw_f64_convert_i32_s((int32_t)a)))
TW_OP1(f64_convert_i32_u, uint64_t, uint32_t, tw_f64_bits(tw_f64_convert_i32_u(a)))
TW_OP1(f64_convert_i64_s, uint64_t, uint64_t, tw_f64_bits(tw_f64_convert_i64_s((int64_t)a)))
TW_OP1(f64_convert_i64_u, uint64_t, uint64_t, tw_f64_bits(tw_f64_convert_i64_u(a)))
TW_OP1(f64_promote_f32, uint64_t, uint32_t, tw_f64_bits(tw_f64_promote(TW_F32(a))))
TW_OP1(i32_reinterpret_f32, uint32_t, uint32_t, a)
TW_OP1(i64_reinterpret_f64, uint64_t, uint64_t, a)
TW_OP1(f32_reinterpret_i32, uint32_t, uint32_t, a)
TW_OP1(f64_reinterpret_i64, uint64_t, uint64_t, a)
#undef TW_OP1
#undef TW_OP2
#undef TW_CMP
#undef TW_OP_TRUNC
#undef TW_DIVOP
#undef TW_INT_OPS
#undef TW_FLOAT_OPS

#endif
