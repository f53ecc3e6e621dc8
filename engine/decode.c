/* decode.c — the binary format: bytes -> struct tw_module, with the "malformed" checks.
 *
 * Structure follows the spec's binary grammar; messages follow the wording of the spec
 * testsuite's assert_malformed (its reference interpreter), prefixed "malformed: ".
 * Like the reference interpreter, a section's contents are read from the module-wide
 * stream and the section size is checked afterwards ("section size mismatch"), so a
 * vector that claims more entries than its section holds fails the way the testsuite
 * expects. Every count is checked against the bytes left before anything is allocated,
 * so allocations stay proportional to the input. Every allocation is attached to the
 * module at once: on error, tw_module_release frees whatever was built.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "module.h"

/* the longest encoding of `ref.func x` + `end`: opcode, 5-byte LEB, 0x0B */
#define REF_FUNC_MAX 7

typedef struct {
    tw_module *m;
    tw_reader r;
    bool in_section;            /* EOF messages: "unexpected end of section or function" */
    uint32_t ndefined;          /* entries of the function section */
    uint32_t nexports;          /* export names read so far (raw, for the duplicate check) */
    struct rawname { const uint8_t *p; uint32_t len; } *exp_names;
    uint32_t customs_cap;
    const uint8_t *name_sec;    /* payload of the "name" custom section, parsed last */
    size_t name_len;
    jmp_buf jb;
    char *err; size_t errlen;
} D;

static void fail_raw(D *d, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
static void fail_raw(D *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->err, d->errlen, fmt, ap);
    va_end(ap);
    longjmp(d->jb, 1);
}

#define fail(d, ...) fail_raw(d, "malformed: " __VA_ARGS__)

/* A failed tw_read_*: report the reader's phrase. */
static void fail_read(D *d) __attribute__((noreturn));
static void fail_read(D *d)
{
    const char *e = d->r.err ? d->r.err : "unexpected end";
    if (d->in_section && strcmp(e, "unexpected end") == 0)
        e = "unexpected end of section or function";
    fail(d, "%s", e);
}

static void *zalloc(D *d, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        fail_raw(d, "out of memory");
    return p;
}

static size_t left(const D *d) { return (size_t)(d->r.end - d->r.p); }

static uint8_t u8(D *d)
{
    uint8_t v;
    if (!tw_read_u8(&d->r, &v))
        fail_read(d);
    return v;
}

static uint32_t u32(D *d)
{
    uint32_t v;
    if (!tw_read_u32(&d->r, &v))
        fail_read(d);
    return v;
}

/* A vector count: it cannot exceed the bytes left, counted (as the reference
 * interpreter does) from the start of the count itself. This bounds every allocation
 * below by the size of the input. */
static uint32_t count32(D *d)
{
    size_t avail = left(d);
    uint32_t n = u32(d);
    if (n > avail)
        fail(d, "length out of bounds");
    return n;
}

/* A length in bytes: also the bytes themselves must be there. */
static uint32_t len32(D *d)
{
    uint32_t n = count32(d);
    if (n > left(d)) {
        d->r.err = "unexpected end";
        fail_read(d);
    }
    return n;
}

static void zero_byte(D *d)
{
    if (u8(d) != 0)
        fail(d, "zero byte expected");
}

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
static bool utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t b = s[i];
        size_t k;
        uint8_t lo = 0x80, hi = 0xBF;
        if (b < 0x80) { i++; continue; }
        else if (b >= 0xC2 && b <= 0xDF) k = 1;
        else if (b >= 0xE0 && b <= 0xEF) {
            k = 2;
            if (b == 0xE0) lo = 0xA0;
            if (b == 0xED) hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            k = 3;
            if (b == 0xF0) lo = 0x90;
            if (b == 0xF4) hi = 0x8F;
        } else
            return false;
        if (n - i - 1 < k)
            return false;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return false;
        for (size_t j = 2; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
        i += k + 1;
    }
    return true;
}

/* A name: its bytes stay in the binary; *len gets the length. */
static const uint8_t *name(D *d, uint32_t *len)
{
    uint32_t n = len32(d);
    const uint8_t *p = d->r.p;
    if (!utf8_valid(p, n))
        fail(d, "malformed UTF-8 encoding");
    d->r.p += n;
    *len = n;
    return p;
}

static char *dupname(D *d, const uint8_t *p, uint32_t n)
{
    char *s = malloc((size_t)n + 1);
    if (!s)
        fail_raw(d, "out of memory");
    memcpy(s, p, n);
    s[n] = 0;
    return s;
}

/* ---- types ----------------------------------------------------------------------- */

static uint8_t valtype(D *d)
{
    uint8_t t = u8(d);
    switch (t) {
    case TW_I32: case TW_I64: case TW_F32: case TW_F64: case TW_FUNCREF: case TW_EXTERNREF:
        return t;
    case TW_V128:
        fail_raw(d, "unsupported: SIMD (v128 type)");
    default:
        if (t > 0x70)
            fail(d, "malformed number type");
        fail(d, "malformed reference type");
    }
}

static uint8_t reftype(D *d)
{
    uint8_t t = u8(d);
    if (t != TW_FUNCREF && t != TW_EXTERNREF)
        fail(d, "malformed reference type");
    return t;
}

static void limits(D *d, tw_limits *lim)
{
    /* the flag is a 1-bit LEB128 (the reference interpreter's wording) */
    uint8_t flag = u8(d);
    if (flag & 0x80)
        fail(d, "integer representation too long");
    if (flag > 1)
        fail(d, "integer too large");
    lim->has_max = flag == 1;
    lim->min = u32(d);
    lim->max = lim->has_max ? u32(d) : 0;
}

static void tabletype(D *d, tw_tabletype *t)
{
    t->elemtype = reftype(d);
    limits(d, &t->lim);
}

static void globaltype(D *d, tw_globaltype *g)
{
    g->valtype = valtype(d);
    uint8_t mut = u8(d);
    if (mut > 1)
        fail(d, "malformed mutability");
    g->mut = mut == 1;
}

/* The value types of a result/param vector are single bytes: point at them in place. */
static const uint8_t *valtypes(D *d, uint32_t *n)
{
    *n = count32(d);
    const uint8_t *p = d->r.p;
    for (uint32_t i = 0; i < *n; i++)
        valtype(d);
    return p;
}

/* ---- constant expressions --------------------------------------------------------- */

static void blocktype(D *d)
{
    if (d->r.p < d->r.end && (*d->r.p == 0x40 || (*d->r.p & 0xC0) == 0x40)) {
        if (*d->r.p == 0x40)
            d->r.p++;
        else
            valtype(d);
        return;
    }
    int64_t idx;
    if (!tw_read_s33(&d->r, &idx))
        fail_read(d);
}

/* Skips the immediates of one instruction (any instruction, so that the end of a
 * non-constant expression can still be found and validate.c can say why it is wrong). */
static void skip_immediates(D *d, uint8_t op)
{
    int32_t i32;
    int64_t i64;
    uint32_t f32;
    uint64_t f64;
    if ((op >= 0x45 && op <= 0xC4) || op == 0x00 || op == 0x01 || op == 0x0F ||
        op == 0x1A || op == 0x1B || op == 0xD1)
        return;
    switch (op) {
    case 0x0C: case 0x0D: case 0x10: case 0x12: case 0x20: case 0x21: case 0x22:
    case 0x23: case 0x24: case 0x25: case 0x26: case 0xD2:
        u32(d);
        return;
    case 0x11: case 0x13:
        u32(d);
        u32(d);
        return;
    case 0x0E: {
        uint32_t n = count32(d);
        for (uint32_t i = 0; i <= n; i++)
            u32(d);
        return;
    }
    case 0x1C: {
        uint32_t n;
        valtypes(d, &n);
        return;
    }
    case 0x3F: case 0x40:
        zero_byte(d);
        return;
    case 0x41:
        if (!tw_read_s32(&d->r, &i32))
            fail_read(d);
        return;
    case 0x42:
        if (!tw_read_s64(&d->r, &i64))
            fail_read(d);
        return;
    case 0x43:
        if (!tw_read_f32(&d->r, &f32))
            fail_read(d);
        return;
    case 0x44:
        if (!tw_read_f64(&d->r, &f64))
            fail_read(d);
        return;
    case 0xD0:
        reftype(d);
        return;
    case 0xFD:
        fail_raw(d, "unsupported: SIMD instruction");
    case 0xFC: {
        uint32_t sub = u32(d);
        switch (sub) {
        case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
            return;
        case 8: u32(d); zero_byte(d); return;                 /* memory.init */
        case 9: case 13: case 15: case 16: case 17: u32(d); return;
        case 10: zero_byte(d); zero_byte(d); return;          /* memory.copy */
        case 11: zero_byte(d); return;                        /* memory.fill */
        case 12: case 14: u32(d); u32(d); return;             /* table.init/copy */
        default:
            fail(d, "illegal opcode fc %02x", sub);
        }
    }
    default:
        if (op >= 0x28 && op <= 0x3E) {                       /* memarg */
            u32(d);
            u32(d);
            return;
        }
        fail(d, "illegal opcode %02x", op);
    }
}

/* An init expression: everything up to the matching `end` (excluded from *e). */
static void constexpr(D *d, tw_constexpr *e)
{
    const uint8_t *start = d->r.p;
    uint32_t depth = 0;
    for (;;) {
        const uint8_t *at = d->r.p;
        uint8_t op = u8(d);
        if (op == 0x0B) {
            if (depth == 0) {
                e->code = start;
                e->len = (uint32_t)(at - start);
                return;
            }
            depth--;
        } else if (op == 0x02 || op == 0x03 || op == 0x04) {
            blocktype(d);
            depth++;
        } else if (op == 0x05) {
            if (depth == 0)
                fail(d, "END opcode expected");
        } else
            skip_immediates(d, op);
    }
}

/* ---- sections --------------------------------------------------------------------- */

static void type_section(D *d)
{
    tw_module *m = d->m;
    uint32_t n = count32(d);
    m->types = zalloc(d, n, sizeof *m->types);
    m->ntypes = n;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t form = u8(d);
        if (form & 0x80)
            fail(d, "integer representation too long");
        if (form != 0x60)
            fail(d, "malformed function type");
        m->types[i].params = valtypes(d, &m->types[i].nparams);
        m->types[i].results = valtypes(d, &m->types[i].nresults);
    }
}

static void import_section(D *d)
{
    tw_module *m = d->m;
    uint32_t n = count32(d);
    m->imports = zalloc(d, n, sizeof *m->imports);
    m->nimports = n;
    for (uint32_t i = 0; i < n; i++) {
        tw_import *im = &m->imports[i];
        uint32_t len;
        const uint8_t *p = name(d, &len);
        im->module = dupname(d, p, len);
        p = name(d, &len);
        im->name = dupname(d, p, len);
        uint8_t kind = u8(d);
        switch (kind) {
        case TW_EXT_FUNC:
            im->u.type = u32(d);
            m->nimported_funcs++;
            break;
        case TW_EXT_TABLE:
            tabletype(d, &im->u.table);
            m->nimported_tables++;
            break;
        case TW_EXT_MEMORY:
            limits(d, &im->u.memory.lim);
            m->nimported_memories++;
            break;
        case TW_EXT_GLOBAL:
            globaltype(d, &im->u.global);
            m->nimported_globals++;
            break;
        default:
            fail(d, "malformed import kind");
        }
        im->kind = (tw_extkind)kind;
    }
    m->nfuncs = m->nimported_funcs;
    m->ntables = m->nimported_tables;
    m->nmemories = m->nimported_memories;
    m->nglobals = m->nimported_globals;
}

/* The index spaces put imports first: these build each array with the imported entries
 * and room for `ndef` definitions. */
static uint32_t space_total(D *d, uint32_t nimp, uint32_t ndef)
{
    if ((uint64_t)nimp + ndef > UINT32_MAX)
        fail(d, "too many definitions");
    return nimp + ndef;
}

static void build_funcs(D *d, uint32_t ndef)
{
    tw_module *m = d->m;
    uint32_t total = space_total(d, m->nimported_funcs, ndef);
    m->func_types = zalloc(d, total, sizeof *m->func_types);
    uint32_t k = 0;
    for (uint32_t i = 0; i < m->nimports; i++)
        if (m->imports[i].kind == TW_EXT_FUNC)
            m->func_types[k++] = m->imports[i].u.type;
    m->nfuncs = total;
}

static void build_tables(D *d, uint32_t ndef)
{
    tw_module *m = d->m;
    uint32_t total = space_total(d, m->nimported_tables, ndef);
    m->tables = zalloc(d, total, sizeof *m->tables);
    uint32_t k = 0;
    for (uint32_t i = 0; i < m->nimports; i++)
        if (m->imports[i].kind == TW_EXT_TABLE)
            m->tables[k++] = m->imports[i].u.table;
    m->ntables = total;
}

static void build_memories(D *d, uint32_t ndef)
{
    tw_module *m = d->m;
    uint32_t total = space_total(d, m->nimported_memories, ndef);
    m->memories = zalloc(d, total, sizeof *m->memories);
    uint32_t k = 0;
    for (uint32_t i = 0; i < m->nimports; i++)
        if (m->imports[i].kind == TW_EXT_MEMORY)
            m->memories[k++] = m->imports[i].u.memory;
    m->nmemories = total;
}

static void build_globals(D *d, uint32_t ndef)
{
    tw_module *m = d->m;
    uint32_t total = space_total(d, m->nimported_globals, ndef);
    m->globals = zalloc(d, total, sizeof *m->globals);
    m->global_defs = zalloc(d, ndef, sizeof *m->global_defs);
    uint32_t k = 0;
    for (uint32_t i = 0; i < m->nimports; i++)
        if (m->imports[i].kind == TW_EXT_GLOBAL)
            m->globals[k++] = m->imports[i].u.global;
    m->nglobals = total;
}

static void function_section(D *d)
{
    tw_module *m = d->m;
    uint32_t n = count32(d);
    build_funcs(d, n);
    d->ndefined = n;
    for (uint32_t i = 0; i < n; i++)
        m->func_types[m->nimported_funcs + i] = u32(d);
}

static void table_section(D *d)
{
    tw_module *m = d->m;
    uint32_t n = count32(d);
    build_tables(d, n);
    for (uint32_t i = 0; i < n; i++)
        tabletype(d, &m->tables[m->nimported_tables + i]);
}

static void memory_section(D *d)
{
    tw_module *m = d->m;
    uint32_t n = count32(d);
    build_memories(d, n);
    for (uint32_t i = 0; i < n; i++)
        limits(d, &m->memories[m->nimported_memories + i].lim);
}

static void global_section(D *d)
{
    tw_module *m = d->m;
    uint32_t n = count32(d);
    build_globals(d, n);
    for (uint32_t i = 0; i < n; i++) {
        tw_globaldef *g = &m->global_defs[i];
        globaltype(d, &g->type);
        m->globals[m->nimported_globals + i] = g->type;
        constexpr(d, &g->init);
    }
}

static void export_section(D *d)
{
    tw_module *m = d->m;
    uint32_t n = count32(d);
    m->exports = zalloc(d, n, sizeof *m->exports);
    m->nexports = n;
    d->exp_names = zalloc(d, n, sizeof *d->exp_names);
    for (uint32_t i = 0; i < n; i++) {
        tw_export *ex = &m->exports[i];
        uint32_t len;
        const uint8_t *p = name(d, &len);
        ex->name = dupname(d, p, len);
        d->exp_names[i].p = p;
        d->exp_names[i].len = len;
        d->nexports = i + 1;
        uint8_t kind = u8(d);
        if (kind > TW_EXT_GLOBAL)
            fail(d, "malformed export kind");
        ex->kind = (tw_extkind)kind;
        ex->index = u32(d);
    }
}

/* Function indices of the legacy element forms become `ref.func x` expressions, written
 * into the same allocation as the inits array (so freeing `inits` frees them too). */
static void elem_funcs(D *d, tw_elemseg *s)
{
    uint32_t n = count32(d);
    size_t cnt = n;
    if (cnt > SIZE_MAX / (sizeof *s->inits + REF_FUNC_MAX))
        fail_raw(d, "out of memory");
    size_t bytes = cnt * (sizeof *s->inits + REF_FUNC_MAX);
    s->inits = malloc(bytes ? bytes : 1);
    if (!s->inits)
        fail_raw(d, "out of memory");
    uint8_t *out = (uint8_t *)(s->inits + n);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = u32(d);
        s->inits[i].code = out;
        *out++ = 0xD2;
        do {
            uint8_t b = x & 0x7F;
            x >>= 7;
            *out++ = x ? (b | 0x80) : b;
        } while (x);
        s->inits[i].len = (uint32_t)(out - s->inits[i].code);
        *out++ = 0x0B;
        s->count = i + 1;
    }
}

static void elem_exprs(D *d, tw_elemseg *s)
{
    uint32_t n = count32(d);
    s->inits = zalloc(d, n, sizeof *s->inits);
    for (uint32_t i = 0; i < n; i++) {
        constexpr(d, &s->inits[i]);
        s->count = i + 1;
    }
}

static void elemkind(D *d, tw_elemseg *s)
{
    if (u8(d) != 0x00)
        fail(d, "malformed element kind");
    s->elemtype = TW_FUNCREF;
}

static void elem_section(D *d)
{
    tw_module *m = d->m;
    uint32_t n = count32(d);
    m->elems = zalloc(d, n, sizeof *m->elems);
    m->nelems = n;
    for (uint32_t i = 0; i < n; i++) {
        tw_elemseg *s = &m->elems[i];
        uint32_t flags = u32(d);
        /* bit 0: passive/declarative; bit 1: explicit table (active) or declarative;
         * bit 2: init expressions instead of function indices */
        if (flags > 7)
            fail(d, "malformed elements segment kind");
        s->elemtype = TW_FUNCREF;
        if (flags & 1)
            s->mode = (flags & 2) ? TW_SEG_DECLARATIVE : TW_SEG_PASSIVE;
        else {
            s->mode = TW_SEG_ACTIVE;
            s->table = (flags & 2) ? u32(d) : 0;
            constexpr(d, &s->offset);
        }
        bool exprs = flags & 4;
        if ((flags & 3) && exprs)   /* all but the two table-0 forms name the type */
            s->elemtype = reftype(d);
        else if (flags & 3)
            elemkind(d, s);
        if (exprs)
            elem_exprs(d, s);
        else
            elem_funcs(d, s);
    }
}

static void code_section(D *d)
{
    tw_module *m = d->m;
    uint32_t n = count32(d);
    if (n != d->ndefined)
        fail(d, "function and code section have inconsistent lengths");
    m->bodies = zalloc(d, n, sizeof *m->bodies);
    for (uint32_t i = 0; i < n; i++) {
        tw_body *b = &m->bodies[i];
        uint32_t size = len32(d);
        const uint8_t *body_end = d->r.p + size;
        b->offset = (uint32_t)(d->r.p - m->bytes);
        /* the locals are read within the body */
        const uint8_t *outer_end = d->r.end;
        d->r.end = body_end;
        uint32_t groups = count32(d);
        if (groups) {
            /* counts and types in one block: freeing local_counts frees both */
            b->local_counts = malloc((size_t)groups * (sizeof(uint32_t) + 1));
            if (!b->local_counts)
                fail_raw(d, "out of memory");
            b->local_types = (uint8_t *)(b->local_counts + groups);
        }
        uint64_t total = 0;
        for (uint32_t g = 0; g < groups; g++) {
            b->local_counts[g] = u32(d);
            b->local_types[g] = valtype(d);
            b->nlocal_groups = g + 1;
            total += b->local_counts[g];
        }
        if (total >= ((uint64_t)1 << 32))
            fail(d, "too many locals");
        b->nlocals = total;
        d->r.end = outer_end;
        b->code = d->r.p;
        b->code_len = (uint32_t)(body_end - d->r.p);
        if (b->code_len == 0 || body_end[-1] != 0x0B) {
            /* The reference interpreter reads on past the body's end looking for `end`;
             * name what it would run into. */
            if (body_end == d->r.end)
                fail(d, "unexpected end of section or function");
            if (*body_end == 0x0B)
                fail(d, "section size mismatch");
            fail(d, "END opcode expected");
        }
        d->r.p = body_end;
    }
}

static void data_section(D *d)
{
    tw_module *m = d->m;
    uint32_t n = count32(d);
    m->datas = zalloc(d, n, sizeof *m->datas);
    m->ndatas = n;
    for (uint32_t i = 0; i < n; i++) {
        tw_dataseg *s = &m->datas[i];
        uint32_t flags = u32(d);
        if (flags > 2)
            fail(d, "malformed data segment kind");
        if (flags == 1)
            s->mode = TW_SEG_PASSIVE;
        else {
            s->mode = TW_SEG_ACTIVE;
            s->memory = flags == 2 ? u32(d) : 0;
            constexpr(d, &s->offset);
        }
        s->len = len32(d);
        s->bytes = d->r.p;
        d->r.p += s->len;
    }
}

static void custom_section(D *d, const uint8_t *sec_end)
{
    tw_module *m = d->m;
    /* the name must fit in the section */
    const uint8_t *outer_end = d->r.end;
    d->r.end = sec_end;
    uint32_t len;
    const uint8_t *p = name(d, &len);
    d->r.end = outer_end;
    if (m->ncustoms == d->customs_cap) {
        uint32_t cap = d->customs_cap ? 2 * d->customs_cap : 4;
        tw_custom *c = realloc(m->customs, (size_t)cap * sizeof *c);
        if (!c)
            fail_raw(d, "out of memory");
        m->customs = c;
        d->customs_cap = cap;
    }
    tw_custom *c = &m->customs[m->ncustoms++];
    c->name = NULL;
    c->data = d->r.p;
    c->len = (size_t)(sec_end - d->r.p);
    c->name = dupname(d, p, len);
    if (len == 4 && memcmp(p, "name", 4) == 0 && !d->name_sec) {
        d->name_sec = c->data;
        d->name_len = c->len;
    }
    d->r.p = sec_end;
}

/* ---- the name section: best effort, never an error -------------------------------- */

static void free_func_names(tw_module *m)
{
    if (m->func_names) {
        for (uint32_t i = 0; i < m->nfuncs; i++)
            free(m->func_names[i]);
        free(m->func_names);
        m->func_names = NULL;
    }
}

static bool func_name_map(tw_module *m, tw_reader *r)
{
    uint32_t n;
    if (!tw_read_u32(r, &n) || n > (size_t)(r->end - r->p))
        return false;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t idx, len;
        if (!tw_read_u32(r, &idx) || !tw_read_u32(r, &len) || len > (size_t)(r->end - r->p) ||
            !utf8_valid(r->p, len))
            return false;
        if (idx < m->nfuncs && !m->func_names[idx]) {
            char *s = malloc((size_t)len + 1);
            if (!s)
                return false;
            memcpy(s, r->p, len);
            s[len] = 0;
            m->func_names[idx] = s;
        }
        r->p += len;
    }
    return r->p == r->end;
}

static void name_section(D *d)
{
    tw_module *m = d->m;
    if (!d->name_sec || m->nfuncs == 0)
        return;
    m->func_names = calloc(m->nfuncs, sizeof *m->func_names);
    if (!m->func_names)
        return;
    tw_reader r = { d->name_sec, d->name_sec + d->name_len, NULL };
    bool ok = true;
    while (ok && r.p < r.end) {
        uint8_t id;
        uint32_t size;
        if (!tw_read_u8(&r, &id) || !tw_read_u32(&r, &size) || size > (size_t)(r.end - r.p)) {
            ok = false;
            break;
        }
        tw_reader sub = { r.p, r.p + size, NULL };
        if (id == 1)
            ok = func_name_map(m, &sub);
        r.p += size;
    }
    if (!ok)
        free_func_names(m);
}

/* ---- the module ------------------------------------------------------------------- */

/* Position of each known section id in the required order (custom sections excepted). */
static int section_order(uint8_t id)
{
    static const int8_t order[13] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10 };
    return order[id];
}

static int cmp_names(const void *a, const void *b)
{
    const struct rawname *x = a, *y = b;
    int c = memcmp(x->p, y->p, x->len < y->len ? x->len : y->len);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Export names must be unique, compared as byte strings (they may contain NUL, so the
 * check is done here, on the raw names). Sorts the decoder's own copy of the list. */
static bool dup_export(D *d)
{
    if (d->nexports < 2)
        return false;
    qsort(d->exp_names, d->nexports, sizeof *d->exp_names, cmp_names);
    for (uint32_t i = 1; i < d->nexports; i++)
        if (cmp_names(&d->exp_names[i - 1], &d->exp_names[i]) == 0)
            return true;
    return false;
}

static void decode_module(D *d)
{
    tw_module *m = d->m;
    static const uint8_t magic[4] = { 0x00, 0x61, 0x73, 0x6D };
    if (m->len > 0x7FFFFFFF)
        fail_raw(d, "unsupported: module larger than 2 GiB");
    if (m->len < 4)
        fail(d, "unexpected end");
    if (memcmp(m->bytes, magic, 4) != 0)
        fail(d, "magic header not detected");
    if (m->len < 8)
        fail(d, "unexpected end");
    if (m->bytes[4] != 1 || m->bytes[5] || m->bytes[6] || m->bytes[7])
        fail(d, "unknown binary version");
    d->r.p += 8;
    d->in_section = true;

    int last = 0;
    bool have_funcs = false, have_tables = false, have_memories = false, have_globals = false;
    while (d->r.p < d->r.end) {
        uint8_t id = *d->r.p;
        if (id > 12)
            fail(d, "malformed section id");
        d->r.p++;
        uint32_t size = len32(d);
        const uint8_t *sec_end = d->r.p + size;
        if (id != 0) {
            if (section_order(id) <= last)
                fail(d, "unexpected content after last section");
            last = section_order(id);
        }
        switch (id) {
        case 0: custom_section(d, sec_end); break;
        case 1: type_section(d); break;
        case 2: import_section(d); break;
        case 3: function_section(d); have_funcs = true; break;
        case 4: table_section(d); have_tables = true; break;
        case 5: memory_section(d); have_memories = true; break;
        case 6: global_section(d); have_globals = true; break;
        case 7: export_section(d); break;
        case 8: m->has_start = true; m->start = u32(d); break;
        case 9: elem_section(d); break;
        case 10: code_section(d); break;
        case 11: data_section(d); break;
        case 12: m->has_datacount = true; m->datacount = u32(d); break;
        }
        if (d->r.p != sec_end)
            fail(d, "section size mismatch");
    }
    if (!have_funcs) build_funcs(d, 0);
    if (!have_tables) build_tables(d, 0);
    if (!have_memories) build_memories(d, 0);
    if (!have_globals) build_globals(d, 0);
    if (d->ndefined && !m->bodies)
        fail(d, "function and code section have inconsistent lengths");
    if (!m->bodies)
        m->bodies = zalloc(d, 0, sizeof *m->bodies);
    if (m->has_datacount && m->datacount != m->ndatas)
        fail(d, "data count and data section have inconsistent lengths");
    if (dup_export(d))
        fail_raw(d, "invalid: duplicate export name");
    name_section(d);
}

int tw_decode(tw_module *m, char *err, size_t errlen)
{
    D dd;
    memset(&dd, 0, sizeof dd);
    D *d = &dd;
    d->m = m;
    d->err = err;
    d->errlen = errlen;
    d->r.p = m->bytes;
    d->r.end = m->bytes + m->len;
    int rc = 0;
    if (setjmp(d->jb))
        rc = -1;
    else
        decode_module(d);
    free(d->exp_names);
    return rc;
}

void tw_module_release(tw_module *m)
{
    for (uint32_t i = 0; i < m->nimports; i++) {
        free(m->imports[i].module);
        free(m->imports[i].name);
    }
    free(m->imports);
    free(m->types);
    free(m->func_types);
    free(m->tables);
    free(m->memories);
    free(m->globals);
    free(m->global_defs);
    for (uint32_t i = 0; i < m->nexports; i++)
        free(m->exports[i].name);
    free(m->exports);
    for (uint32_t i = 0; i < m->nelems; i++)
        free(m->elems[i].inits);
    free(m->elems);
    free(m->datas);
    /* defined functions (a module whose import section failed may not have counted
     * its imports into nfuncs yet) */
    uint32_t ndef = m->nfuncs > m->nimported_funcs ? m->nfuncs - m->nimported_funcs : 0;
    if (m->bodies)
        for (uint32_t i = 0; i < ndef; i++)
            free(m->bodies[i].local_counts);
    free(m->bodies);
    for (uint32_t i = 0; i < m->ncustoms; i++)
        free(m->customs[i].name);
    free(m->customs);
    free_func_names(m);
    free(m->func_declared);
    free(m->shared_funcs);
    free(m->own_slot);
    if (m->code)
        for (uint32_t i = 0; i < ndef; i++)
            tw_code_free(m->code[i]);
    free(m->code);
    free((void *)m->canon);
}
