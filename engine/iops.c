/* iops.c — tables describing the internal instruction set (iops.h). */
#include "code.h"
#include "iops.h"

const char *const tw_iop_names[] = {
#define IOPX(n, k) #n,
    TW_IOPS
#undef IOPX
};

const int tw_iop_words[] = {
#define IOPX(n, k) k,
    TW_IOPS
#undef IOPX
};

/* Words of the instruction at insn (whose number is op), including the first. */
uint32_t tw_iop_length(const uint32_t *insn, uint32_t op)
{
    int k = tw_iop_words[op];
    return k >= 0 ? 1u + (uint32_t)k : 3u + insn[2] + 1u;
}
