/* code.h — translated functions (internal to engine/). The instruction set itself is in
 * iops.h; compile.c produces it, interp.c executes it. */
#ifndef TYCHO_CODE_H
#define TYCHO_CODE_H

#include <stdint.h>

typedef struct tw_code {
    uint32_t *code;              /* internal instructions: a word of iop, then operand words */
    uint32_t len;                /* words */
    uint32_t nparams;            /* slots holding parameters (frame slots 0..nparams) */
    uint32_t nlocals;            /* further slots zeroed at entry */
    uint32_t nzero;              /* nlocals rounded up to a multiple of 4 (slots zeroed) */
    uint32_t frame_slots;        /* params + locals + deepest operand stack */
    uint32_t type;               /* type index */
} tw_code;

void tw_code_free(tw_code *c);

/* iops.c: per instruction number, its name, operand format and operand words (-1:
 * BR_TABLE); the check of compiled code (iops.h says what it checks). */
extern const char *const tw_iop_names[];
extern const char *const tw_iop_formats[];
extern const int tw_iop_words[];
uint32_t tw_iop_length(const uint32_t *insn, uint32_t op);
#include <stddef.h>
int tw_iop_check(const uint32_t *code, uint32_t len, uint32_t frame_slots, char *err,
                 size_t errlen);

struct tw_module;
/* disasm.c: prints the translated code of defined function f */
#include <stdio.h>
void tw_disasm_func(const struct tw_module *m, uint32_t f, FILE *out);

#endif
