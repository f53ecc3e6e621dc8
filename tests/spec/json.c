/* json.c — recursive-descent JSON reader (see json.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#define MAX_DEPTH 256

typedef struct {
    const char *p, *end, *start;
    char *err;
    size_t errlen;
    bool failed;
} P;

static void fail(P *ps, const char *what)
{
    if (ps->failed)
        return;
    ps->failed = true;
    size_t line = 1;
    for (const char *q = ps->start; q < ps->p && q < ps->end; q++)
        line += *q == '\n';
    snprintf(ps->err, ps->errlen, "line %zu: %s", line, what);
}

static void skip_ws(P *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static bool literal(P *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return false;
    ps->p += n;
    return true;
}

/* A growable byte buffer for decoded strings. */
typedef struct { char *b; size_t n, cap; } buf;

static bool put(buf *s, uint32_t byte)
{
    if (s->n + 1 >= s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 32;
        char *nb = realloc(s->b, cap);
        if (!nb)
            return false;
        s->b = nb;
        s->cap = cap;
    }
    s->b[s->n++] = (char)(unsigned char)byte;
    return true;
}

static bool put_utf8(buf *s, uint32_t cp)
{
    if (cp < 0x80)
        return put(s, (unsigned char)cp);
    if (cp < 0x800)
        return put(s, 0xC0 | (cp >> 6)) && put(s, 0x80 | (cp & 0x3F));
    if (cp < 0x10000)
        return put(s, 0xE0 | (cp >> 12)) && put(s, 0x80 | ((cp >> 6) & 0x3F)) &&
               put(s, 0x80 | (cp & 0x3F));
    return put(s, 0xF0 | (cp >> 18)) && put(s, 0x80 | ((cp >> 12) & 0x3F)) &&
           put(s, 0x80 | ((cp >> 6) & 0x3F)) && put(s, 0x80 | (cp & 0x3F));
}

static bool hex4(P *ps, uint32_t *out)
{
    if (ps->end - ps->p < 4)
        return false;
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = *ps->p++;
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (uint32_t)(c - 'A' + 10);
        else return false;
    }
    *out = v;
    return true;
}

/* Parses a string starting at the opening quote. Returns the decoded bytes (malloc'd,
 * NUL-terminated) or NULL. */
static char *string(P *ps, size_t *len)
{
    buf s = { 0 };
    ps->p++;                                    /* opening quote */
    for (;;) {
        if (ps->p >= ps->end) {
            fail(ps, "unterminated string");
            break;
        }
        unsigned char c = (unsigned char)*ps->p++;
        if (c == '"') {
            if (!put(&s, 0))
                break;
            *len = s.n - 1;
            return s.b;
        }
        if (c < 0x20) {
            fail(ps, "control character in string");
            break;
        }
        if (c != '\\') {
            if (!put(&s, c))
                break;
            continue;
        }
        if (ps->p >= ps->end) {
            fail(ps, "unterminated string");
            break;
        }
        char e = *ps->p++;
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *k = e ? strchr(from, e) : NULL;
        if (k) {
            if (!put(&s, (unsigned char)to[k - from]))
                break;
            continue;
        }
        if (e != 'u') {
            fail(ps, "bad escape in string");
            break;
        }
        uint32_t cp, lo;
        if (!hex4(ps, &cp)) {
            fail(ps, "bad \\u escape");
            break;
        }
        /* A high surrogate followed by a low one is one code point; a lone surrogate
         * is kept as its (WTF-8) encoding rather than rejected. */
        if (cp >= 0xD800 && cp < 0xDC00 && ps->end - ps->p >= 6 && ps->p[0] == '\\' &&
            ps->p[1] == 'u') {
            const char *save = ps->p;
            ps->p += 2;
            if (hex4(ps, &lo) && lo >= 0xDC00 && lo < 0xE000)
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            else
                ps->p = save;
        }
        if (!put_utf8(&s, cp))
            break;
    }
    if (!ps->failed)
        fail(ps, "out of memory");
    free(s.b);
    return NULL;
}

static bool number(P *ps, double *out)
{
    const char *q = ps->p;
    if (q < ps->end && *q == '-')
        q++;
    if (q >= ps->end || *q < '0' || *q > '9')
        return false;
    while (q < ps->end && ((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' ||
                           *q == '+' || *q == '-'))
        q++;
    char tmp[64];
    size_t n = (size_t)(q - ps->p);
    if (n >= sizeof tmp)
        return false;
    memcpy(tmp, ps->p, n);
    tmp[n] = 0;
    char *endp;
    *out = strtod(tmp, &endp);
    if (*endp)
        return false;
    ps->p = q;
    return true;
}

static json *value(P *ps, int depth);

/* Appends v (and key, for objects) to a container; takes ownership either way. */
static bool append(P *ps, json *c, json *v, char *key)
{
    if ((c->n & (c->n - 1)) == 0) {             /* 0, 1, 2, 4, ...: grow to 2n */
        size_t cap = c->n ? c->n * 2 : 1;
        json **ni = realloc(c->items, cap * sizeof *ni);
        if (ni)
            c->items = ni;
        char **nk = ni && c->type == JSON_OBJ ? realloc(c->keys, cap * sizeof *nk) : NULL;
        if (nk)
            c->keys = nk;
        if (!ni || (c->type == JSON_OBJ && !nk)) {
            fail(ps, "out of memory");
            json_free(v);
            free(key);
            return false;
        }
    }
    c->items[c->n] = v;
    if (c->type == JSON_OBJ)
        c->keys[c->n] = key;
    c->n++;
    return true;
}

static json *container(P *ps, json *c, int depth)
{
    bool obj = c->type == JSON_OBJ;
    char close = obj ? '}' : ']';
    ps->p++;                                    /* [ or { */
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return c;
    }
    for (;;) {
        char *key = NULL;
        skip_ws(ps);
        if (obj) {
            size_t klen;
            if (ps->p >= ps->end || *ps->p != '"') {
                fail(ps, "expected a key");
                break;
            }
            if (!(key = string(ps, &klen)))
                break;
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                free(key);
                fail(ps, "expected ':'");
                break;
            }
            ps->p++;
        }
        json *v = value(ps, depth + 1);
        if (!v) {
            free(key);
            break;
        }
        if (!append(ps, c, v, key))
            break;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            return c;
        }
        /* wast2json 1.0.32 writes the "expected" of a multi-value assert_trap without
         * commas ([{...}{...}]): accept an object right after an object in an array. */
        if (!obj && ps->p < ps->end && *ps->p == '{' && v->type == JSON_OBJ)
            continue;
        fail(ps, obj ? "expected ',' or '}'" : "expected ',' or ']'");
        break;
    }
    json_free(c);
    return NULL;
}

static json *value(P *ps, int depth)
{
    if (depth > MAX_DEPTH) {
        fail(ps, "nested too deeply");
        return NULL;
    }
    skip_ws(ps);
    if (ps->p >= ps->end) {
        fail(ps, "unexpected end of input");
        return NULL;
    }
    json *v = calloc(1, sizeof *v);
    if (!v) {
        fail(ps, "out of memory");
        return NULL;
    }
    switch (*ps->p) {
    case '{': v->type = JSON_OBJ; return container(ps, v, depth);
    case '[': v->type = JSON_ARR; return container(ps, v, depth);
    case '"':
        v->type = JSON_STR;
        if ((v->str = string(ps, &v->len)))
            return v;
        break;
    default:
        if (literal(ps, "true")) { v->type = JSON_BOOL; v->b = true; return v; }
        if (literal(ps, "false")) { v->type = JSON_BOOL; return v; }
        if (literal(ps, "null")) { v->type = JSON_NULL; return v; }
        if (number(ps, &v->num)) { v->type = JSON_NUM; return v; }
        fail(ps, "unexpected character");
    }
    free(v);
    return NULL;
}

json *json_parse(const char *text, size_t len, char *err, size_t errlen)
{
    P ps = { text, text + len, text, err, errlen, false };
    json *v = value(&ps, 0);
    if (v) {
        skip_ws(&ps);
        if (ps.p != ps.end) {
            fail(&ps, "trailing characters");
            json_free(v);
            v = NULL;
        }
    }
    return v;
}

void json_free(json *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++) {
        json_free(v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->str);
    free(v);
}

const json *json_get(const json *v, const char *key)
{
    if (!v || v->type != JSON_OBJ)
        return NULL;
    for (size_t i = v->n; i-- > 0;)
        if (strcmp(v->keys[i], key) == 0)
            return v->items[i];
    return NULL;
}

const char *json_str(const json *v)
{
    return v && v->type == JSON_STR ? v->str : NULL;
}

const char *json_get_str(const json *v, const char *key)
{
    return json_str(json_get(v, key));
}
