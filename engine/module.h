/* module.h — the decoded form of a module (internal to engine/).
 *
 * decode.c fills it from the binary (structure and "malformed" checks), validate.c checks
 * the module-level rules ("invalid"), compile.c validates every function body and
 * translates it to internal code (code.h). After tw_module_new returns, a module is
 * immutable.
 */
#ifndef TYCHO_MODULE_H
#define TYCHO_MODULE_H

#include <stdatomic.h>

#include "engine.h"

/* A constant expression: the raw bytes of the init expr, excluding the final `end`.
 * Evaluated at instantiation (instance.c); its type/constness checked by validate.c. */
typedef struct { const uint8_t *code; uint32_t len; } tw_constexpr;

typedef struct { uint8_t elemtype; tw_limits lim; } tw_tabletype;
typedef struct { tw_limits lim; } tw_memtype;               /* pages */
typedef struct { uint8_t valtype; bool mut; } tw_globaltype;

typedef struct {
    char *module, *name;
    tw_extkind kind;
    union {
        uint32_t type;         /* func: type index */
        tw_tabletype table;
        tw_memtype memory;
        tw_globaltype global;
    } u;
} tw_import;

typedef struct { char *name; tw_extkind kind; uint32_t index; } tw_export;

typedef struct { tw_globaltype type; tw_constexpr init; } tw_globaldef;

enum { TW_SEG_ACTIVE = 0, TW_SEG_PASSIVE = 1, TW_SEG_DECLARATIVE = 2 };

typedef struct {
    uint8_t mode;              /* TW_SEG_* */
    uint8_t elemtype;          /* TW_FUNCREF / TW_EXTERNREF */
    uint32_t table;            /* active: table index */
    tw_constexpr offset;       /* active: i32 offset */
    uint32_t count;
    tw_constexpr *inits;       /* count init exprs (func indices are encoded as ref.func) */
} tw_elemseg;

typedef struct {
    uint8_t mode;              /* TW_SEG_ACTIVE or TW_SEG_PASSIVE */
    uint32_t memory;
    tw_constexpr offset;
    const uint8_t *bytes;      /* points into the module's copy of the binary */
    uint32_t len;
} tw_dataseg;

/* A function body as decoded: locals (run-length) and the expression bytes. */
typedef struct {
    uint32_t nlocal_groups;
    uint32_t *local_counts;    /* per group */
    uint8_t *local_types;      /* per group */
    uint64_t nlocals;          /* total (validated < 50000 * ...; see decode.c) */
    const uint8_t *code;       /* body expression, including the final 0x0B */
    uint32_t code_len;
    uint32_t offset;           /* of the body in the binary, for messages */
} tw_body;

typedef struct { char *name; const uint8_t *data; size_t len; } tw_custom;

struct tw_code;                /* code.h: translated function */

struct tw_module {
    atomic_uint refs;                  /* tw_module_new's + one per instance */
    uint8_t *bytes; size_t len;        /* private copy of the binary; everything points here */

    uint32_t ntypes;       tw_functype *types;
    uint32_t nimports;     tw_import *imports;
    uint32_t nfuncs;       uint32_t *func_types;   /* all funcs, imports first: type index */
    uint32_t nimported_funcs;
    uint32_t ntables;      tw_tabletype *tables;   /* all tables, imports first */
    uint32_t nimported_tables;
    uint32_t nmemories;    tw_memtype *memories;   /* all memories, imports first */
    uint32_t nimported_memories;
    uint32_t nglobals;     tw_globaltype *globals; /* all globals, imports first */
    uint32_t nimported_globals;
    tw_globaldef *global_defs;                     /* nglobals - nimported_globals */
    uint32_t nexports;     tw_export *exports;
    bool has_start;        uint32_t start;
    uint32_t nelems;       tw_elemseg *elems;
    bool has_datacount;    uint32_t datacount;
    uint32_t ndatas;       tw_dataseg *datas;
    tw_body *bodies;                               /* nfuncs - nimported_funcs */
    uint32_t ncustoms;     tw_custom *customs;
    char **func_names;                             /* nfuncs entries (NULL = no name), or NULL */

    /* filled by validate.c: funcs that may be referenced by ref.func in bodies (C.refs) */
    uint8_t *func_declared;                        /* nfuncs flags */

    /* filled by compile.c */
    struct tw_code **code;                         /* nfuncs - nimported_funcs */

    /* filled by module.c after compiling: the records of defined functions that never
     * leave their instance (not exported, not in an element segment or a global, not the
     * start function) are shared by every instance, with inst = NULL ("the caller's
     * instance": they are only reached by a direct call, which never switches instance).
     * Only the others get a record in each instance: spawning stays small and cheap. */
    struct tw_func *shared_funcs;                  /* nfuncs - nimported_funcs */
    uint32_t *own_slot;                            /* per defined func: its index among
                                                    * the instance's own records, or
                                                    * UINT32_MAX if shared */
    uint32_t nown;
    const tw_functype **canon;                     /* per type index: canonical type */

    /* filled by module.c: memory 0's initial content, if worth an image (image.c) */
    struct tw_image *image;
};

/* module.c: instances keep their module alive; tw_module_free drops a reference */
void tw_module_ref(tw_module *m);

/* decode.c: parse the binary (already copied into m->bytes/len). 0 on success; else -1
 * with "malformed: <what>" (or "unsupported: ...") in err. */
int tw_decode(tw_module *m, char *err, size_t errlen);
/* validate.c: module-level validation (everything except function bodies). */
int tw_validate_module(tw_module *m, char *err, size_t errlen);
/* compile.c: validate + translate every body. */
int tw_compile_module(tw_module *m, char *err, size_t errlen);
/* decode.c: free everything tw_decode allocated. */
void tw_module_release(tw_module *m);

/* LEB128 and byte reading used by decode.c, validate.c and compile.c. */
typedef struct { const uint8_t *p, *end; const char *err; } tw_reader;

bool tw_read_u32(tw_reader *r, uint32_t *out);
bool tw_read_s32(tw_reader *r, int32_t *out);
bool tw_read_s33(tw_reader *r, int64_t *out);
bool tw_read_s64(tw_reader *r, int64_t *out);
bool tw_read_u8(tw_reader *r, uint8_t *out);
bool tw_read_f32(tw_reader *r, uint32_t *bits);
bool tw_read_f64(tw_reader *r, uint64_t *bits);

bool tw_types_equal(const tw_functype *a, const tw_functype *b);

#endif
