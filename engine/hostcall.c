/* hostcall.c — the host-call layer's functions (hostcall.h): namespace tables,
 * signatures, checked strings. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "hostcall.h"

const tw_hostdef *tw_hostdef_find(const tw_hostdef *const *tables, const char *module,
                                  const char *name)
{
    for (const tw_hostdef *const *t = tables; t && *t; t++)
        for (const tw_hostdef *d = *t; d->module; d++)
            if (!strcmp(d->module, module) && !strcmp(d->name, name))
                return d;
    return NULL;
}

bool tw_hostdef_type(const char *sig, tw_sigbuf *buf, tw_functype *out)
{
    uint32_t np = 0, nr = 0;
    bool after = false;
    for (const char *s = sig; *s; s++) {
        uint8_t t;
        switch (*s) {
        case ':':
            if (after)
                return false;
            after = true;
            continue;
        case 'i': t = TW_I32; break;
        case 'I': t = TW_I64; break;
        case 'f': t = TW_F32; break;
        case 'd': t = TW_F64; break;
        default: return false;
        }
        if (after) {
            if (nr == sizeof buf->results)
                return false;
            buf->results[nr++] = t;
        } else {
            if (np == sizeof buf->params)
                return false;
            buf->params[np++] = t;
        }
    }
    if (!after)
        return false;
    *out = (tw_functype){np, nr, buf->params, buf->results};
    return true;
}

/* Appends to buf[0..n) at *at, cut short if it does not fit. */
static void put(char *buf, size_t n, size_t *at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void put(char *buf, size_t n, size_t *at, const char *fmt, ...)
{
    if (*at + 1 >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *at, n - *at, fmt, ap);
    va_end(ap);
    if (k > 0)
        *at = (size_t)k < n - *at ? *at + (size_t)k : n - 1;
}

void tw_functype_text(const tw_functype *t, char *buf, size_t n)
{
    size_t at = 0;
    if (n)
        buf[0] = 0;
    for (int side = 0; side < 2; side++) {
        const uint8_t *v = side ? t->results : t->params;
        uint32_t cnt = side ? t->nresults : t->nparams;
        put(buf, n, &at, "%s(", side ? " -> " : "");
        for (uint32_t i = 0; i < cnt; i++)
            put(buf, n, &at, "%s%s", i ? ", " : "", tw_valtype_name(v[i]));
        put(buf, n, &at, ")");
    }
}

const tw_hostdef *tw_hostdef_resolve(const tw_hostdef *const *tables, const tw_import_info *imp,
                                     char *err, size_t errlen)
{
    static const char *const kinds[] = {"a function", "a table", "a memory", "a global"};
    char dummy[1];
    if (!err || !errlen) {
        err = dummy;
        errlen = sizeof dummy;
    }
    const tw_hostdef *d = tw_hostdef_find(tables, imp->module, imp->name);
    if (!d) {
        snprintf(err, errlen, "unknown import %s::%s", imp->module, imp->name);
        return NULL;
    }
    tw_sigbuf b;
    tw_functype want;
    if (!tw_hostdef_type(d->sig, &b, &want)) {
        snprintf(err, errlen, "%s::%s has a malformed signature \"%s\"", imp->module, imp->name,
                 d->sig);
        return NULL;
    }
    if (imp->kind == TW_EXT_FUNC && imp->func && tw_functype_equal(imp->func, &want))
        return d;
    char w[160], g[160];
    tw_functype_text(&want, w, sizeof w);
    if (imp->kind == TW_EXT_FUNC && imp->func)
        tw_functype_text(imp->func, g, sizeof g);
    else
        snprintf(g, sizeof g, "%s", (unsigned)imp->kind <= TW_EXT_GLOBAL ? kinds[imp->kind] : "?");
    snprintf(err, errlen, "incompatible import type for %s::%s: expected %s, got %s", imp->module,
             imp->name, w, g);
    return NULL;
}

bool tw_utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        size_t k;
        uint32_t cp;
        if (c < 0x80) { i++; continue; }
        if ((c & 0xE0) == 0xC0) { k = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { k = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { k = 3; cp = c & 0x07; }
        else return false;
        if (n - i < k + 1)
            return false;                /* truncated sequence */
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (s[i + j] & 0x3F);
        }
        if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;                /* overlong, beyond Unicode, surrogate */
        i += k + 1;
    }
    return true;
}

char *tw_guest_string(tw_hostcall *hc, uint32_t p, uint32_t len, const char *fname)
{
    const uint8_t *s = tw_hostcall_r(hc, p, len);
    if (!s) {
        TW_GUEST_OOB(fname);
        return NULL;
    }
    if (!tw_utf8_valid(s, len)) {
        tw_hostcall_trapf(hc, "%s: string is not valid UTF-8", fname);
        return NULL;
    }
    char *c = malloc((size_t)len + 1);
    if (!c) {
        tw_hostcall_trapf(hc, "%s: out of memory", fname);
        return NULL;
    }
    memcpy(c, s, len);
    c[len] = 0;
    return c;
}
