/* disasm.c — prints translated code, for debugging the compiler and reading what the
 * interpreter runs (tycho --disasm). */
#include <stdio.h>

#include "code.h"
#include "iops.h"
#include "module.h"

#include "instance.h"

/* code holds handler offsets: map them back to instruction numbers */
static uint32_t op_of(uint32_t word)
{
    const int32_t *h = tw_interp_handlers();
    for (uint32_t op = 0; op < IOP_COUNT_; op++)
        if ((uint32_t)h[op] == word)
            return op;
    return IOP_COUNT_;
}

void tw_disasm_func(const tw_module *m, uint32_t f, FILE *out)
{
    if (f < m->nimported_funcs || f >= m->nfuncs || !m->code)
        return;
    const tw_code *c = m->code[f - m->nimported_funcs];
    const char *name = tw_module_func_name(m, f);
    fprintf(out, "func %u%s%s: params %u, locals %u, frame %u slots, %u words\n", f,
            name ? " " : "", name ? name : "", c->nparams, c->nlocals, c->frame_slots, c->len);
    for (uint32_t pc = 0; pc < c->len;) {
        uint32_t op = op_of(c->code[pc]);
        if (op >= IOP_COUNT_) {
            fprintf(out, "  %5u  ??? %u\n", pc, c->code[pc]);
            return;
        }
        int k = (int)tw_iop_length(c->code + pc, op) - 1;
        fprintf(out, "  %5u  %-18s", pc, tw_iop_names[op]);
        /* each operand as its format says: s5 (a slot), ->17 (a branch target), 42 */
        const char *f = tw_iop_formats[op];
        for (int i = 1; i <= k && pc + (uint32_t)i < c->len; i++) {
            char kind = *f == '#' && i > 2 ? 'o' : *f;
            int32_t w = (int32_t)c->code[pc + i];
            if (kind == 's' || kind == 'b') fprintf(out, " s%d", w);
            else if (kind == 'o') fprintf(out, " ->%lld", (long long)pc + i + w);
            else if (kind == 'f' || kind == 't' || kind == 'g' || kind == 'e')
                fprintf(out, " %c%d", kind, w);
            else fprintf(out, " %d", w);
            if (*f && *f != '#') f++;
        }
        fputc('\n', out);
        pc += 1 + (uint32_t)k;
    }
}
