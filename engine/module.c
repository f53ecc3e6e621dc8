/* module.c — the public module API: decode, validate and translate once; then read-only
 * queries about imports, exports, names and custom sections. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instance.h"
#include "module.h"

/* See module.h, shared_funcs: which defined functions need a record per instance. */
static bool share_funcs(tw_module *m)
{
    uint32_t ndef = m->nfuncs - m->nimported_funcs;
    m->shared_funcs = calloc(ndef ? ndef : 1, sizeof *m->shared_funcs);
    uint32_t *slot = calloc(ndef ? ndef : 1, sizeof *slot);
    if (!m->shared_funcs || !slot) {
        free(slot);
        return false;
    }
    m->nown = 0;
    for (uint32_t k = 0; k < ndef; k++) {
        uint32_t i = m->nimported_funcs + k;
        bool escapes = (m->func_declared && m->func_declared[i]) || (m->has_start && m->start == i);
        slot[k] = escapes ? m->nown++ : UINT32_MAX;
        tw_func *f = &m->shared_funcs[k];
        f->type = m->canon ? m->canon[m->func_types[i]] : &m->types[m->func_types[i]];
        f->inst = NULL;
        f->code = m->code ? m->code[k] : NULL;
        f->index = i;
    }
    m->own_slot = slot;
    return true;
}

tw_module *tw_module_new(const uint8_t *bytes, size_t len, char *err, size_t errlen)
{
    char dummy[1];
    if (!err || errlen == 0) {
        err = dummy;
        errlen = sizeof dummy;
    }
    tw_module *m = calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    m->bytes = malloc(len ? len : 1);
    if (!m->bytes) {
        free(m);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (len)
        memcpy(m->bytes, bytes, len);
    m->len = len;
    atomic_init(&m->refs, 1);
    if (tw_decode(m, err, errlen) < 0 || tw_validate_module(m, err, errlen) < 0 ||
        tw_compile_module(m, err, errlen) < 0 || !share_funcs(m)) {
        if (!m->own_slot && err && errlen && !*err)
            snprintf(err, errlen, "out of memory");
        tw_module_free(m);
        return NULL;
    }
    m->image = tw_image_new(m);   /* NULL: none (not worth one, or out of resources) */
    return m;
}

void tw_module_ref(tw_module *m)
{
    atomic_fetch_add_explicit(&m->refs, 1, memory_order_relaxed);
}

void tw_module_free(tw_module *m)
{
    if (!m || atomic_fetch_sub_explicit(&m->refs, 1, memory_order_acq_rel) != 1)
        return;
    tw_image_free(m->image);
    tw_module_release(m);
    free(m->bytes);
    free(m);
}

uint32_t tw_module_num_imports(const tw_module *m)
{
    return m->nimports;
}

void tw_module_import(const tw_module *m, uint32_t i, tw_import_info *out)
{
    memset(out, 0, sizeof *out);
    if (i >= m->nimports)
        return;
    const tw_import *im = &m->imports[i];
    out->module = im->module;
    out->name = im->name;
    out->kind = im->kind;
    switch (im->kind) {
    case TW_EXT_FUNC:
        out->func = &m->types[im->u.type];
        break;
    case TW_EXT_TABLE:
        out->elemtype = im->u.table.elemtype;
        out->limits = im->u.table.lim;
        break;
    case TW_EXT_MEMORY:
        out->limits = im->u.memory.lim;
        break;
    case TW_EXT_GLOBAL:
        out->valtype = im->u.global.valtype;
        out->mut = im->u.global.mut;
        break;
    }
}

uint32_t tw_module_num_exports(const tw_module *m)
{
    return m->nexports;
}

void tw_module_export(const tw_module *m, uint32_t i, tw_export_info *out)
{
    memset(out, 0, sizeof *out);
    if (i >= m->nexports)
        return;
    out->name = m->exports[i].name;
    out->kind = m->exports[i].kind;
    out->index = m->exports[i].index;
    if (out->kind == TW_EXT_FUNC) {
        uint32_t t = m->func_types[out->index];
        out->func = m->canon ? m->canon[t] : &m->types[t];
    }
}

const char *tw_module_func_name(const tw_module *m, uint32_t idx)
{
    return m->func_names && idx < m->nfuncs ? m->func_names[idx] : NULL;
}

uint32_t tw_module_num_customs(const tw_module *m)
{
    return m->ncustoms;
}

const char *tw_module_custom(const tw_module *m, uint32_t i, const uint8_t **data, size_t *len)
{
    if (i >= m->ncustoms)
        return NULL;
    if (data)
        *data = m->customs[i].data;
    if (len)
        *len = m->customs[i].len;
    return m->customs[i].name;
}

const char *tw_valtype_name(uint8_t t) {
    switch (t) {
    case TW_I32: return "i32";
    case TW_I64: return "i64";
    case TW_F32: return "f32";
    case TW_F64: return "f64";
    case TW_V128: return "v128";
    case TW_FUNCREF: return "funcref";
    case TW_EXTERNREF: return "externref";
    default: return "?";
    }
}

bool tw_functype_equal(const tw_functype *a, const tw_functype *b) { return tw_types_equal(a, b); }
