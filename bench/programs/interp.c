/* interp — a small bytecode interpreter (switch dispatch, register machine) running a
 * nested-loop program: indirect branches and small memory accesses, like a guest VM. */
#include <stdint.h>

enum { OP_LI, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_SHR, OP_AND, OP_ADDI, OP_JLT, OP_JNZ, OP_HALT };

typedef struct { uint8_t op, a, b, c; int32_t imm; } insn;

/* r0 = acc, r1 = i, r2 = n, r3 = j, r4 = m, r5 = tmp, r6 = one */
static insn prog[] = {
    {OP_LI, 0, 0, 0, 7},            /* 0: acc = 7 */
    {OP_LI, 1, 0, 0, 0},            /* 1: i = 0 */
    {OP_LI, 2, 0, 0, 0},            /* 2: n = (patched) */
    {OP_LI, 4, 0, 0, 1000},         /* 3: m = 1000 */
    {OP_LI, 6, 0, 0, 1},            /* 4: one = 1 */
    {OP_LI, 3, 0, 0, 0},            /* 5: outer: j = 0 */
    {OP_MUL, 5, 0, 6, 0},           /* 6: inner: tmp = acc * one */
    {OP_ADD, 5, 5, 3, 0},           /* 7: tmp += j */
    {OP_XOR, 0, 0, 5, 0},           /* 8: acc ^= tmp */
    {OP_SHR, 5, 0, 0, 3},           /* 9: tmp = acc >> 3 */
    {OP_ADD, 0, 0, 5, 0},           /* 10: acc += tmp */
    {OP_AND, 5, 3, 0, 0x55},        /* 11: tmp = j & 0x55 */
    {OP_SUB, 0, 0, 5, 0},           /* 12: acc -= tmp */
    {OP_ADDI, 3, 3, 0, 1},          /* 13: j++ */
    {OP_JLT, 3, 4, 0, 6},           /* 14: if j < m goto inner */
    {OP_ADDI, 1, 1, 0, 1},          /* 15: i++ */
    {OP_JLT, 1, 2, 0, 5},           /* 16: if i < n goto outer */
    {OP_HALT, 0, 0, 0, 0},
};

static volatile int32_t n_in = 25000;

static uint64_t exec(const insn *code) {
    uint64_t r[8] = {0};
    uint32_t pc = 0;
    for (;;) {
        const insn *in = &code[pc++];
        switch (in->op) {
        case OP_LI:   r[in->a] = (uint64_t)(int64_t)in->imm; break;
        case OP_ADD:  r[in->a] = r[in->b] + r[in->c]; break;
        case OP_SUB:  r[in->a] = r[in->b] - r[in->c]; break;
        case OP_MUL:  r[in->a] = r[in->b] * r[in->c]; break;
        case OP_XOR:  r[in->a] = r[in->b] ^ r[in->c]; break;
        case OP_SHR:  r[in->a] = r[in->b] >> (in->imm & 63); break;
        case OP_AND:  r[in->a] = r[in->b] & (uint64_t)(int64_t)in->imm; break;
        case OP_ADDI: r[in->a] = r[in->b] + (uint64_t)(int64_t)in->imm; break;
        case OP_JLT:  if ((int64_t)r[in->a] < (int64_t)r[in->b]) pc = (uint32_t)in->imm; break;
        case OP_JNZ:  if (r[in->a]) pc = (uint32_t)in->imm; break;
        case OP_HALT: return r[0] * 31 + r[1];
        default:      return 0;
        }
    }
}

uint64_t run(void) {
    prog[2].imm = n_in;
    return exec(prog);
}
