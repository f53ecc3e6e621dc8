/* semver.c — semantic versions and Cargo-style requirements (see semver.h).
 *
 * The matching rules are those of Cargo's `semver` crate (eval.rs), comparator by
 * comparator, so that requirements mean here what Rust guest authors expect. */
#include "semver.h"

#include <string.h>

typedef struct { const char *p, *end; } cursor;

static bool at(const cursor *c, char ch) { return c->p < c->end && *c->p == ch; }

static bool eat(cursor *c, char ch)
{
    if (!at(c, ch))
        return false;
    c->p++;
    return true;
}

static void skip_ws(cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
        c->p++;
}

static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

static bool is_ident_char(char ch)
{
    return is_digit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-';
}

/* A version component: decimal, no leading zero, fits in 64 bits. */
static bool parse_num(cursor *c, uint64_t *out)
{
    const char *start = c->p;
    uint64_t v = 0;
    while (c->p < c->end && is_digit(*c->p)) {
        uint64_t d = (uint64_t)(*c->p - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
        c->p++;
    }
    size_t n = (size_t)(c->p - start);
    if (n == 0 || (n > 1 && *start == '0'))
        return false;
    *out = v;
    return true;
}

/* Dot-separated non-empty identifiers of [0-9A-Za-z-]. In a prerelease, an all-digit
 * identifier must not have a leading zero (semver.org item 9); build metadata may. */
static bool parse_idents(cursor *c, bool prerelease, const char **start, size_t *len)
{
    *start = c->p;
    for (;;) {
        const char *id = c->p;
        bool numeric = true;
        while (c->p < c->end && is_ident_char(*c->p)) {
            numeric = numeric && is_digit(*c->p);
            c->p++;
        }
        size_t n = (size_t)(c->p - id);
        if (n == 0 || (prerelease && numeric && n > 1 && *id == '0'))
            return false;
        if (!eat(c, '.'))
            break;
    }
    *len = (size_t)(c->p - *start);
    return true;
}

/* "-pre" and "+build" after a full MAJOR.MINOR.PATCH. */
static bool parse_suffixes(cursor *c, tr_semver *v)
{
    v->pre = NULL;
    v->pre_len = 0;
    if (eat(c, '-') && !parse_idents(c, true, &v->pre, &v->pre_len))
        return false;
    const char *build;
    size_t build_len;
    if (eat(c, '+') && !parse_idents(c, false, &build, &build_len))
        return false;
    return true;
}

bool tr_semver_parse(const char *s, size_t len, tr_semver *out)
{
    if (len == 0)
        return false;   /* s may be NULL: s + 0 would be undefined */
    cursor c = { s, s + len };
    skip_ws(&c);
    *out = (tr_semver){ 0 };
    if (!parse_num(&c, &out->major))
        return false;
    if (eat(&c, '.')) {
        if (!parse_num(&c, &out->minor))
            return false;
        if (eat(&c, '.')) {
            if (!parse_num(&c, &out->patch) || !parse_suffixes(&c, out))
                return false;
        }
    }
    skip_ws(&c);
    return c.p == c.end;
}

/* ---- precedence ---------------------------------------------------------------------- */

static int cmp_u64(uint64_t a, uint64_t b) { return a < b ? -1 : a > b; }

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return false;
    return true;
}

/* Identifiers of two prereleases, semver.org item 11. Numbers have no leading zeros, so a
 * longer number is a larger one and equal lengths compare as text. */
static int cmp_ident(const char *a, size_t an, const char *b, size_t bn)
{
    bool anum = all_digits(a, an), bnum = all_digits(b, bn);
    if (anum != bnum)
        return anum ? -1 : 1;
    if (anum && an != bn)
        return an < bn ? -1 : 1;
    int r = memcmp(a, b, an < bn ? an : bn);
    if (r != 0)
        return r < 0 ? -1 : 1;
    return cmp_u64(an, bn);
}

/* Prereleases alone; no prerelease ranks above every prerelease. */
static int cmp_pre(const char *a, size_t an, const char *b, size_t bn)
{
    if (an == 0 || bn == 0)
        return an == bn ? 0 : an == 0 ? 1 : -1;
    const char *ae = a + an, *be = b + bn;
    for (;;) {
        const char *ad = memchr(a, '.', (size_t)(ae - a)), *bd = memchr(b, '.', (size_t)(be - b));
        const char *aend = ad ? ad : ae, *bend = bd ? bd : be;
        int r = cmp_ident(a, (size_t)(aend - a), b, (size_t)(bend - b));
        if (r != 0)
            return r;
        if (!ad || !bd)
            return ad ? 1 : bd ? -1 : 0;   /* more identifiers rank higher */
        a = ad + 1;
        b = bd + 1;
    }
}

int tr_semver_cmp(const tr_semver *a, const tr_semver *b)
{
    int r = cmp_u64(a->major, b->major);
    if (r == 0)
        r = cmp_u64(a->minor, b->minor);
    if (r == 0)
        r = cmp_u64(a->patch, b->patch);
    if (r == 0)
        r = cmp_pre(a->pre, a->pre_len, b->pre, b->pre_len);
    return r;
}

/* ---- requirements -------------------------------------------------------------------- */

static bool eat_wildcard(cursor *c) { return eat(c, '*') || eat(c, 'x') || eat(c, 'X'); }

static bool parse_comparator(cursor *c, tr_semcmp *out)
{
    skip_ws(c);
    tr_semop op = TR_SEMOP_CARET;
    bool has_op = true;
    if (eat(c, '>'))
        op = eat(c, '=') ? TR_SEMOP_GREATER_EQ : TR_SEMOP_GREATER;
    else if (eat(c, '<'))
        op = eat(c, '=') ? TR_SEMOP_LESS_EQ : TR_SEMOP_LESS;
    else if (eat(c, '='))
        op = TR_SEMOP_EXACT;
    else if (eat(c, '~'))
        op = TR_SEMOP_TILDE;
    else if (!eat(c, '^'))
        has_op = false;
    skip_ws(c);

    tr_semver *v = &out->v;
    *v = (tr_semver){ 0 };
    unsigned parts = 1;
    bool wild = false;
    if (!parse_num(c, &v->major))
        return false;
    if (eat(c, '.')) {
        if (eat_wildcard(c))
            wild = true;
        else if (!parse_num(c, &v->minor))
            return false;
        else
            parts = 2;
        if (eat(c, '.')) {
            if (eat_wildcard(c))
                wild = true;
            else if (wild || !parse_num(c, &v->patch))
                return false;   /* "1.*.3" */
            else
                parts = 3;
        }
    }
    if (parts == 3 && !parse_suffixes(c, v))
        return false;
    skip_ws(c);
    out->op = wild && !has_op ? TR_SEMOP_WILDCARD : op;
    out->parts = parts;
    return true;
}

bool tr_semreq_parse(const char *s, size_t len, tr_semreq *out)
{
    if (len == 0)
        return false;
    cursor c = { s, s + len };
    out->n = 0;
    skip_ws(&c);
    if (eat_wildcard(&c)) {
        skip_ws(&c);
        return c.p == c.end;   /* "*" stands alone: "*, <2" and "*.1" are malformed */
    }
    for (;;) {
        if (out->n == TR_SEMREQ_MAX || !parse_comparator(&c, &out->cmp[out->n]))
            return false;
        out->n++;
        if (c.p == c.end)
            return true;
        if (!eat(&c, ','))
            return false;
    }
}

/* ---- matching (Cargo's eval.rs) ------------------------------------------------------- */

static int pre_of(const tr_semver *v, const tr_semcmp *c)
{
    return cmp_pre(v->pre, v->pre_len, c->v.pre, c->v.pre_len);
}

/* Equal on the components the comparator gives, and the same prerelease. */
static bool matches_exact(const tr_semcmp *c, const tr_semver *v)
{
    if (v->major != c->v.major)
        return false;
    if (c->parts >= 2 && v->minor != c->v.minor)
        return false;
    if (c->parts >= 3 && v->patch != c->v.patch)
        return false;
    return pre_of(v, c) == 0;
}

/* dir > 0: strictly greater on the given components; dir < 0: strictly less. */
static bool matches_order(const tr_semcmp *c, const tr_semver *v, int dir)
{
    int r = cmp_u64(v->major, c->v.major);
    if (r == 0) {
        if (c->parts < 2)
            return false;
        r = cmp_u64(v->minor, c->v.minor);
    }
    if (r == 0) {
        if (c->parts < 3)
            return false;
        r = cmp_u64(v->patch, c->v.patch);
    }
    if (r == 0)
        r = pre_of(v, c);
    return dir > 0 ? r > 0 : r < 0;
}

static bool matches_tilde(const tr_semcmp *c, const tr_semver *v)
{
    if (v->major != c->v.major)
        return false;
    if (c->parts >= 2 && v->minor != c->v.minor)
        return false;
    if (c->parts >= 3 && v->patch != c->v.patch)
        return v->patch > c->v.patch;
    return pre_of(v, c) >= 0;
}

static bool matches_caret(const tr_semcmp *c, const tr_semver *v)
{
    uint64_t major = c->v.major, minor = c->v.minor, patch = c->v.patch;
    if (v->major != major)
        return false;
    if (c->parts == 1)
        return true;
    if (c->parts == 2)
        return major > 0 ? v->minor >= minor : v->minor == minor;
    if (major > 0) {
        if (v->minor != minor)
            return v->minor > minor;
        if (v->patch != patch)
            return v->patch > patch;
    } else if (minor > 0) {
        if (v->minor != minor)
            return false;
        if (v->patch != patch)
            return v->patch > patch;
    } else if (v->minor != minor || v->patch != patch) {
        return false;
    }
    return pre_of(v, c) >= 0;
}

static bool matches_one(const tr_semcmp *c, const tr_semver *v)
{
    switch (c->op) {
    case TR_SEMOP_EXACT:
    case TR_SEMOP_WILDCARD:   return matches_exact(c, v);
    case TR_SEMOP_GREATER:    return matches_order(c, v, 1);
    case TR_SEMOP_GREATER_EQ: return matches_exact(c, v) || matches_order(c, v, 1);
    case TR_SEMOP_LESS:       return matches_order(c, v, -1);
    case TR_SEMOP_LESS_EQ:    return matches_exact(c, v) || matches_order(c, v, -1);
    case TR_SEMOP_TILDE:      return matches_tilde(c, v);
    case TR_SEMOP_CARET:      return matches_caret(c, v);
    }
    return false;
}

bool tr_semreq_matches(const tr_semreq *r, const tr_semver *v)
{
    for (unsigned i = 0; i < r->n; i++)
        if (!matches_one(&r->cmp[i], v))
            return false;
    if (v->pre_len == 0)
        return true;
    /* A prerelease is opted into only by naming one on the same MAJOR.MINOR.PATCH. */
    for (unsigned i = 0; i < r->n; i++) {
        const tr_semcmp *c = &r->cmp[i];
        if (c->parts == 3 && c->v.pre_len > 0 && c->v.major == v->major &&
            c->v.minor == v->minor && c->v.patch == v->patch)
            return true;
    }
    return false;
}
