/* reader.c — bounded byte and LEB128 reading for the decoder, validator and compiler.
 *
 * The LEB128 rules follow the spec (and its reference interpreter's messages): an N-bit
 * value takes at most ceil(N/7) bytes ("integer representation too long"), and the bits of
 * the last byte beyond N must be zero (unsigned) or copies of the sign bit (signed)
 * ("integer too large"). A reader never looks past `end`; on error it sets `err` to the
 * spec's phrase and returns false.
 */
#include <string.h>

#include "module.h"

static bool fail(tw_reader *r, const char *msg)
{
    r->err = msg;
    return false;
}

/* Unsigned LEB128 of at most `bits` bits (bits <= 64). */
static bool read_uleb(tw_reader *r, int bits, uint64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0, n = bits;; shift += 7, n -= 7) {
        if (n <= 0)
            return fail(r, "integer representation too long");
        if (r->p >= r->end)
            return fail(r, "unexpected end");
        uint8_t b = *r->p++;
        if (n < 7 && (b & 0x7F) >= (1u << n))
            return fail(r, "integer too large");
        v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            break;
    }
    *out = v;
    return true;
}

/* Signed LEB128 of at most `bits` bits (bits <= 64), sign-extended to 64 bits. */
static bool read_sleb(tw_reader *r, int bits, int64_t *out)
{
    uint64_t v = 0;
    int shift = 0;
    for (int n = bits;; n -= 7) {
        if (n <= 0)
            return fail(r, "integer representation too long");
        if (r->p >= r->end)
            return fail(r, "unexpected end");
        uint8_t b = *r->p++;
        if (n < 7) {
            /* the unused high bits of the last byte must all equal the sign bit */
            uint8_t mask = (uint8_t)((0x7F << (n - 1)) & 0x7F);
            if ((b & mask) != 0 && (b & mask) != mask)
                return fail(r, "integer too large");
        }
        v |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
        if (!(b & 0x80)) {
            if (shift < 64 && (b & 0x40))
                v |= ~(uint64_t)0 << shift;
            break;
        }
    }
    memcpy(out, &v, sizeof v);   /* two's complement reinterpretation, no overflow */
    return true;
}

bool tw_read_u32(tw_reader *r, uint32_t *out)
{
    uint64_t v;
    if (!read_uleb(r, 32, &v))
        return false;
    *out = (uint32_t)v;
    return true;
}

bool tw_read_s32(tw_reader *r, int32_t *out)
{
    int64_t v;
    if (!read_sleb(r, 32, &v))
        return false;
    *out = (int32_t)v;           /* in range: the last-byte check bounds it */
    return true;
}

bool tw_read_s33(tw_reader *r, int64_t *out)
{
    return read_sleb(r, 33, out);
}

bool tw_read_s64(tw_reader *r, int64_t *out)
{
    return read_sleb(r, 64, out);
}

bool tw_read_u8(tw_reader *r, uint8_t *out)
{
    if (r->p >= r->end)
        return fail(r, "unexpected end");
    *out = *r->p++;
    return true;
}

bool tw_read_f32(tw_reader *r, uint32_t *bits)
{
    if (r->end - r->p < 4)
        return fail(r, "unexpected end");
    const uint8_t *p = r->p;
    *bits = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    r->p += 4;
    return true;
}

bool tw_read_f64(tw_reader *r, uint64_t *bits)
{
    if (r->end - r->p < 8)
        return fail(r, "unexpected end");
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | r->p[i];
    *bits = v;
    r->p += 8;
    return true;
}

bool tw_types_equal(const tw_functype *a, const tw_functype *b)
{
    return a->nparams == b->nparams && a->nresults == b->nresults &&
           (a->nparams == 0 || memcmp(a->params, b->params, a->nparams) == 0) &&
           (a->nresults == 0 || memcmp(a->results, b->results, a->nresults) == 0);
}
