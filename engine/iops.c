/* iops.c — tables describing the internal instruction set (iops.h): names, operand
 * formats and lengths; and the check every compiled function passes (tw_iop_check). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "iops.h"

const char *const tw_iop_names[] = {
#define IOPX(n, fmt) #n,
    TW_IOPS
#undef IOPX
};

const char *const tw_iop_formats[] = {
#define IOPX(n, fmt) fmt,
    TW_IOPS
#undef IOPX
};

const int tw_iop_words[] = {
#define IOPX(n, fmt) (fmt "\0")[1] == '#' ? -1 : (int)sizeof(fmt) - 1,
    TW_IOPS
#undef IOPX
};

/* Words of the instruction at insn (whose number is op), including the first. */
uint32_t tw_iop_length(const uint32_t *insn, uint32_t op)
{
    int k = tw_iop_words[op];
    return k >= 0 ? 1u + (uint32_t)k : 3u + insn[2] + 1u;
}

/* The instructions of code[0..len), numbered (not yet handler offsets): every instruction
 * known and whole, every slot below frame_slots, every call base at most frame_slots,
 * every branch landing on an instruction's first word. 0, or -1 with a message. */
int tw_iop_check(const uint32_t *code, uint32_t len, uint32_t frame_slots, char *err,
                 size_t errlen)
{
    /* first pass: where instructions start (one bit per word) */
    uint8_t small[512], *start = len <= sizeof small * 8 ? small : calloc(len / 8 + 1, 1);
    if (!start) { snprintf(err, errlen, "out of memory"); return -1; }
    if (start == small) memset(small, 0, sizeof small);
    int rc = 0;
    for (uint32_t pc = 0; pc < len;) {
        uint32_t op = code[pc];
        if (op >= IOP_COUNT_ || (tw_iop_words[op] < 0 && pc + 2 >= len) ||
            tw_iop_length(code + pc, op) > len - pc) {
            snprintf(err, errlen, "instruction %u at word %u is unknown or cut short", op, pc);
            rc = -1;
            goto out;
        }
        start[pc / 8] |= (uint8_t)(1u << pc % 8);
        pc += tw_iop_length(code + pc, op);
    }
    /* second pass: the operands */
    for (uint32_t pc = 0; pc < len;) {
        uint32_t op = code[pc], n = tw_iop_length(code + pc, op);
        const char *f = tw_iop_formats[op];
        for (uint32_t k = 1; k < n; k++) {
            char c = *f == '#' && k > 2 ? 'o' : *f;
            uint32_t w = code[pc + k];
            bool bad = false;
            if (c == 's') bad = w >= frame_slots;
            else if (c == 'b') bad = w > frame_slots;
            else if (c == 'o') {
                int64_t t = (int64_t)(pc + k) + (int32_t)w;
                bad = t < 0 || t >= len || !(start[t / 8] & (1u << t % 8));
            }
            if (bad) {
                snprintf(err, errlen, "%s at word %u: operand %u (%c) is %d", tw_iop_names[op],
                         pc, k, c, (int32_t)w);
                rc = -1;
                goto out;
            }
            if (*f && *f != '#') f++;   /* (after '#': the count, then offsets) */
        }
        pc += n;
    }
out:
    if (start != small) free(start);
    return rc;
}
