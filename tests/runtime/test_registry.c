/* test_registry.c — semantic versions and requirements (runtime/semver.h) and the process
 * registry (runtime/registry.h): every requirement form against matching and non-matching
 * versions, precedence (prereleases included), malformed inputs, highest-match selection,
 * overwrite, removal by name and by process, the locked variants, growth and shrinking of
 * the tables, and four threads working on the registry at once.
 *
 * Prints one line per failed check, then "N passed, N failed"; exits non-zero on failure. */
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "../../runtime/registry.h"
#include "../../runtime/semver.h"


#define S(lit) (lit), (sizeof(lit) - 1)   /* a literal with its length (NULs included) */

/* ---- semver ------------------------------------------------------------------------------ */

static bool ver(const char *s, tr_semver *v) { return tr_semver_parse(s, strlen(s), v); }

static void test_versions(void)
{
    tr_semver v;
    check(ver("1.2.3", &v) && v.major == 1 && v.minor == 2 && v.patch == 3 && v.pre_len == 0,
          "1.2.3");
    check(ver("1.4", &v) && v.major == 1 && v.minor == 4 && v.patch == 0, "1.4 is 1.4.0");
    check(ver("7", &v) && v.major == 7 && v.minor == 0 && v.patch == 0, "7 is 7.0.0");
    check(ver(" \t1.0.0-rc.1+build.5 ", &v) && v.pre_len == 4 && memcmp(v.pre, "rc.1", 4) == 0,
          "prerelease and build, with spaces around");
    check(ver("18446744073709551615.18446744073709551615.18446744073709551615", &v) &&
          v.major == UINT64_MAX && v.minor == UINT64_MAX && v.patch == UINT64_MAX,
          "2^64-1 components");
    const char *valid[] = { "0.0.0", "1.2.3-0", "1.2.3-0a", "1.2.3--", "1.2.3-a-b.c",
                            "1.2.3+001", "1.2.3+x.y.z", "1.2.3-x.7.z.92", "10.20.30" };
    for (size_t i = 0; i < sizeof valid / sizeof *valid; i++)
        check(ver(valid[i], &v), "version \"%s\" is valid", valid[i]);

    const char *bad[] = { "", " ", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "00.1.0",
                          "1.2.3-", "1.2.3-01", "1.2.3-a..b", "1.2.3-a.", "1.2.3+", "1.2.3+a..b",
                          "1.0-beta", "1-beta", "1.0+b", "1.", "1.2.", ".1", "v1.2.3", "1.2.3 x",
                          "1 .2", "1. 2", "18446744073709551616.0.0", "1.99999999999999999999.0",
                          "1.2.3-\xce\xb1", "^1.2.3", "=1.2.3", "*", "1.2.*", "1.x", "1,2",
                          "-1.0.0", "1.2.3-beta_1", "1.2.3+b_1", "1.2.3-beta+", "a.b.c" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        check(!ver(bad[i], &v), "version \"%s\" is malformed", bad[i]);
    check(!tr_semver_parse(S("1.0.0\0"), &v), "version with a trailing NUL is malformed");
    check(!tr_semver_parse(NULL, 0, &v), "empty version (NULL) is malformed");
}

static int cmpv(const char *a, const char *b)
{
    tr_semver va, vb;
    if (!ver(a, &va) || !ver(b, &vb)) {
        check(false, "parse %s / %s", a, b);
        return 99;
    }
    return tr_semver_cmp(&va, &vb);
}

static void test_precedence(void)
{
    /* semver.org item 11's examples and more, in strictly increasing order. */
    const char *order[] = {
        "0.0.0", "0.0.1", "0.1.0", "0.9.9", "1.0.0-0", "1.0.0-1", "1.0.0-2", "1.0.0-10",
        "1.0.0-A", "1.0.0-a", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
        "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1",
        "1.1.0-rc.1.1", "1.1.0", "2.0.0", "2.1.0", "2.1.1", "10.0.0",
        "18446744073709551614.9.9", "18446744073709551615.0.0",
    };
    size_t n = sizeof order / sizeof *order;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            int want = i < j ? -1 : i > j ? 1 : 0, got = cmpv(order[i], order[j]);
            got = got < 0 ? -1 : got > 0 ? 1 : 0;
            check(got == want, "cmp(%s, %s) = %d, want %d", order[i], order[j], got, want);
        }
    check(cmpv("1.0.0+a", "1.0.0+b") == 0, "build metadata is ignored");
    check(cmpv("1", "1.0.0") == 0 && cmpv("1.0", "1.0.0+x") == 0, "1 == 1.0 == 1.0.0");
    check(cmpv("1.0.0-a+x", "1.0.0-a+y") == 0, "prerelease with different builds");
    check(cmpv("1.0.0-a.b.c", "1.0.0-a.b") > 0, "longer identifier list ranks higher");
    check(cmpv("1.0.0-99999999999999999999999", "1.0.0-100") > 0,
          "numeric identifiers beyond 64 bits compare by value");
}

typedef struct { const char *req, *ver; bool want; } req_case;

static const req_case req_cases[] = {
    /* caret */
    { "^1.2.3", "1.2.3", true }, { "^1.2.3", "1.2.4", true }, { "^1.2.3", "1.9.0", true },
    { "^1.2.3", "2.0.0", false }, { "^1.2.3", "1.2.2", false }, { "^1.2.3", "0.9.9", false },
    { "^1.2.3", "1.2.4-alpha", false },
    { "^1.2", "1.2.0", true }, { "^1.2", "1.5.7", true }, { "^1.2", "1.1.9", false },
    { "^1.2", "2.0.0", false },
    { "^1", "1.0.0", true }, { "^1", "1.99.0", true }, { "^1", "0.9.0", false },
    { "^1", "2.0.0", false },
    { "^0.2.3", "0.2.3", true }, { "^0.2.3", "0.2.9", true }, { "^0.2.3", "0.3.0", false },
    { "^0.2.3", "0.2.2", false }, { "^0.2.3", "1.0.0", false },
    { "^0.0.3", "0.0.3", true }, { "^0.0.3", "0.0.4", false }, { "^0.0.3", "0.0.2", false },
    { "^0.0.3", "0.1.3", false },
    { "^0.2", "0.2.0", true }, { "^0.2", "0.2.9", true }, { "^0.2", "0.3.0", false },
    { "^0.2", "0.1.9", false },
    { "^0.0", "0.0.0", true }, { "^0.0", "0.0.9", true }, { "^0.0", "0.1.0", false },
    { "^0", "0.0.0", true }, { "^0", "0.9.9", true }, { "^0", "1.0.0", false },
    /* bare = caret */
    { "1.2", "1.2.0", true }, { "1.2", "1.3.0", true }, { "1.2", "2.0.0", false },
    { "1.2", "1.1.0", false }, { "0.2.3", "0.2.5", true }, { "0.2.3", "0.3.0", false },
    { "1", "1.7.1", true }, { "1", "2.0.0", false },
    /* tilde */
    { "~1.4", "1.4.0", true }, { "~1.4", "1.4.9", true }, { "~1.4", "1.5.0", false },
    { "~1.4", "1.3.9", false },
    { "~1.4.2", "1.4.2", true }, { "~1.4.2", "1.4.7", true }, { "~1.4.2", "1.4.1", false },
    { "~1.4.2", "1.5.0", false },
    { "~1", "1.0.0", true }, { "~1", "1.9.9", true }, { "~1", "2.0.0", false },
    { "~0.0.3", "0.0.4", true }, { "~0.0.3", "0.0.2", false }, { "~0.0.3", "0.1.0", false },
    /* exact */
    { "=1.0.0", "1.0.0", true }, { "=1.0.0", "1.0.1", false }, { "=1.0.0", "0.9.0", false },
    { "=1.0.0", "1.0.0-rc1", false }, { "=1.0.0+build", "1.0.0", true },
    { "=1.2", "1.2.0", true }, { "=1.2", "1.2.9", true }, { "=1.2", "1.3.0", false },
    { "=1", "1.0.0", true }, { "=1", "1.5.0", true }, { "=1", "2.0.0", false },
    /* comparisons */
    { ">1.2.3", "1.2.4", true }, { ">1.2.3", "2.0.0", true }, { ">1.2.3", "1.2.3", false },
    { ">1.2.3", "1.2.3-alpha", false },
    { ">1.2", "1.3.0", true }, { ">1.2", "1.2.9", false },
    { ">1", "2.0.0", true }, { ">1", "1.9.9", false },
    { ">=1.2.3", "1.2.3", true }, { ">=1.2.3", "3.0.0", true }, { ">=1.2.3", "1.2.2", false },
    { ">=1.2", "1.2.0", true }, { ">=1.2", "1.1.9", false },
    { "<1.2.3", "1.2.2", true }, { "<1.2.3", "0.0.0", true }, { "<1.2.3", "1.2.3", false },
    { "<1.2", "1.1.9", true }, { "<1.2", "1.2.0", false },
    { "<1", "0.9.9", true }, { "<1", "1.0.0", false },
    { "<=1.2.3", "1.2.3", true }, { "<=1.2.3", "1.2.4", false },
    { "<=1.2", "1.2.9", true }, { "<=1.2", "1.3.0", false },
    { "<=1", "1.9.9", true }, { "<=1", "2.0.0", false },
    /* several comparators */
    { ">=1.0, <2.0", "1.0.0", true }, { ">=1.0, <2.0", "1.9.9", true },
    { ">=1.0, <2.0", "2.0.0", false }, { ">=1.0, <2.0", "0.9.9", false },
    { " >= 1.0 ,<2.0 ", "1.5.0", true }, { "\t>=1.0,\t< 2.0\t", "2.5.0", false },
    { ">1.0.0, <1.0.5, =1.0.3", "1.0.3", true }, { ">1.0.0, <1.0.5, =1.0.3", "1.0.4", false },
    { "^1.2, ~1.3", "1.3.5", true }, { "^1.2, ~1.3", "1.4.0", false },
    /* wildcards */
    { "*", "0.0.0", true }, { "*", "99.1.2", true }, { "*", "1.0.0-alpha", false },
    { " x ", "1.0.0", true }, { "X", "3.0.0", true },
    { "1.*", "1.0.0", true }, { "1.*", "1.9.9", true }, { "1.*", "2.0.0", false },
    { "1.*", "0.9.0", false },
    { "1.2.*", "1.2.0", true }, { "1.2.*", "1.2.99", true }, { "1.2.*", "1.3.0", false },
    { "1.*.*", "1.5.5", true }, { "1.*.*", "2.0.0", false }, { "1.x", "1.3.0", true },
    { "1.2.X", "1.2.7", true }, { "0.*", "0.5.0", true }, { "0.*", "1.0.0", false },
    { ">=1.*", "1.0.0", true }, { ">=1.*", "5.0.0", true }, { ">=1.*", "0.9.0", false },
    { "<1.2.*", "1.1.9", true }, { "<1.2.*", "1.2.0", false },
    /* prereleases: only with a comparator naming one on the same MAJOR.MINOR.PATCH */
    { ">=1.3.0-alpha.1", "1.3.0-alpha.3", true }, { ">=1.3.0-alpha.1", "1.3.0-alpha.1", true },
    { ">=1.3.0-alpha.1", "1.3.0-alpha.0", false }, { ">=1.3.0-alpha.1", "1.3.0", true },
    { ">=1.3.0-alpha.1", "1.4.0", true }, { ">=1.3.0-alpha.1", "1.4.0-alpha", false },
    { ">=1.2.0", "1.3.0-alpha.3", false },
    { "^1.2.3-beta", "1.2.3-beta", true }, { "^1.2.3-beta", "1.2.3-beta.2", true },
    { "^1.2.3-beta", "1.2.3", true }, { "^1.2.3-beta", "1.3.0", true },
    { "^1.2.3-beta", "1.2.3-alpha", false }, { "^1.2.3-beta", "1.2.4-beta", false },
    { "=1.0.0-rc.1", "1.0.0-rc.1", true }, { "=1.0.0-rc.1", "1.0.0-rc.1+b7", true },
    { "=1.0.0-rc.1", "1.0.0-rc.2", false }, { "=1.0.0-rc.1", "1.0.0", false },
    { "<1.0.0-rc.1", "1.0.0-beta", true }, { "<1.0.0-rc.1", "0.9.0", true },
    { "<1.0.0-rc.1", "1.0.0", false }, { "<1.0.0-rc.1", "0.9.0-rc.1", false },
    { "~1.2.3-beta", "1.2.3-beta.1", true }, { "~1.2.3-beta", "1.2.3-alpha", false },
    { "~1.2.3-beta", "1.2.5", true },
    { ">1.2.3-alpha, <1.2.3", "1.2.3-beta", true }, { ">1.2.3-alpha, <1.2.3", "1.2.3", false },
    { "<=2.0.0-0", "2.0.0-0", true }, { "<2.0.0", "2.0.0-alpha", false },
    { "1.2.3-x, 1.2", "1.2.3-y", true },
    /* more of Cargo's own expectations (semver crate tests) */
    { ">1.0.0-alpha, <1.0", "1.0.0-beta", false }, { ">1.0.0-alpha, <1", "1.0.0-beta", false },
    { "0.3.0, 0.4.0", "0.3.0", false }, { "0.3.0, 0.4.0", "0.4.0", false },
    { "0.1.0, 0.1.4, 0.1.6", "0.1.6", true }, { "0.1.0, 0.1.4, 0.1.6", "0.1.9", true },
    { "0.1.0, 0.1.4, 0.1.6", "0.1.4", false }, { "0.1.0, 0.1.4, 0.1.6", "0.2.0", false },
    { ">=0.5.1-alpha3, <0.6", "0.5.1-beta", true }, { ">=0.5.1-alpha3, <0.6", "0.5.5", true },
    { ">=0.5.1-alpha3, <0.6", "0.5.2-alpha3", false },
    { ">=0.5.1-alpha3, <0.6", "0.6.0-pre", false },
    { "^1.4.2-beta.5", "1.4.2-c", true }, { "^1.4.2-beta.5", "1.4.2-beta.4", false },
    { "^1.4.2-beta.5", "1.4.3-beta.5", false },
    { "<= 2.1.0-alpha2", "2.1.0-alpha1", true }, { "<= 2.1.0-alpha2", "2.0.0", true },
    { "<= 2.1.0-alpha2", "2.0.0-alpha2", false }, { "<= 2.1.0-alpha2", "2.2.0-alpha1", false },
    { "~1.2.3-beta.2", "1.2.3-beta.4", true }, { "~1.2.3-beta.2", "1.2.3-beta.1", false },
    { "~1.2.3-beta.2", "1.3.3", false },
    { "0.*.*", "0.5.0", true }, { "0.0.*", "0.0.7", true }, { "0.0.*", "0.1.0", false },
    { "= 1.2.3-01a", "1.2.3-01a", true }, { "^1.2.3-1-1+1-1-1", "1.2.3-1-1", true },
};

static void test_requirements(void)
{
    for (size_t i = 0; i < sizeof req_cases / sizeof *req_cases; i++) {
        const req_case *c = &req_cases[i];
        tr_semreq q;
        tr_semver v;
        if (!check(tr_semreq_parse(c->req, strlen(c->req), &q), "requirement \"%s\" parses",
                   c->req) ||
            !check(ver(c->ver, &v), "version \"%s\" parses", c->ver))
            continue;
        check(tr_semreq_matches(&q, &v) == c->want, "\"%s\" matches %s: want %s", c->req, c->ver,
              c->want ? "true" : "false");
    }

    const char *bad[] = { "", "   ", "^", "~", ">=", "<", "=", "1.2.3.4", ">=1.0,", ",>=1.0",
                          "1.0,,2.0", "1.x.y", "1.*.3", "*, <2", "*.*", "* 1", ">=1.0 <2.0",
                          "01.2", "1.02", "1.2.*-beta", "1.2-beta", "1-beta", ">>1", "=<1",
                          "==1", "!1", "!=1.0", "^*", "~*", ">=*", "1.2.3-", "1.2.3-01", "a",
                          "v1.2", "1.2.3+", "^ ^1", "1 2", "1.", ".1", "18446744073709551616",
                          "~>1.2", "1.2.3 - 2.0.0", "1 || 2", "1.2.3-beta_1", ">= >= 0.0.2",
                          ">== 0.0.2", "1.*.", "1.2.3+4.", "0.20.0-any, *", ">=1.*.1" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tr_semreq q;
        check(!tr_semreq_parse(bad[i], strlen(bad[i]), &q), "requirement \"%s\" is malformed",
              bad[i]);
    }
    tr_semreq q;
    check(!tr_semreq_parse(S("^1\0"), &q), "requirement with a trailing NUL is malformed");
    check(!tr_semreq_parse(S("\0"), &q), "requirement \\0 is malformed");
    check(!tr_semreq_parse(NULL, 0, &q), "empty requirement (NULL) is malformed");

    /* The comparator bound: TR_SEMREQ_MAX is fine, one more is malformed. */
    char buf[256] = "";
    for (int i = 0; i < TR_SEMREQ_MAX; i++)
        strcat(buf, i ? ", >=1.0" : ">=1.0");
    check(tr_semreq_parse(buf, strlen(buf), &q) && q.n == TR_SEMREQ_MAX,
          "%d comparators parse", TR_SEMREQ_MAX);
    strcat(buf, ", <2");
    check(!tr_semreq_parse(buf, strlen(buf), &q), "%d comparators are malformed",
          TR_SEMREQ_MAX + 1);
    check(tr_semreq_parse(S("18446744073709551615.18446744073709551615.18446744073709551615"),
                          &q) && q.n == 1 && q.cmp[0].v.patch == UINT64_MAX,
          "2^64-1 in a requirement");
    check(tr_semreq_parse(S("*"), &q) && q.n == 0, "* has no comparators");
    check(tr_semreq_parse(S("1.2.*"), &q) && q.n == 1 && q.cmp[0].op == TR_SEMOP_WILDCARD &&
          q.cmp[0].parts == 2, "1.2.* is a wildcard on two components");
}

/* ---- registry: single thread ------------------------------------------------------------- */

static bool get_is(tr_registry *r, const char *name, size_t len, uint64_t node, uint64_t pid)
{
    uint64_t n = 0, p = 0;
    return tr_registry_get(r, name, len, &n, &p) && n == node && p == pid;
}

static bool absent(tr_registry *r, const char *name, size_t len)
{
    uint64_t n = 77, p = 77;
    return !tr_registry_get(r, name, len, &n, &p) && n == 77 && p == 77;
}

/* get_versioned's result, and the pid it found (0 if none). */
static int getv(tr_registry *r, const char *name, const char *req, uint64_t *pid)
{
    uint64_t node = 0;
    *pid = 0;
    return tr_registry_get_versioned(r, name, strlen(name), req, strlen(req), &node, pid);
}

static bool getv_is(tr_registry *r, const char *name, const char *req, uint64_t want_pid)
{
    uint64_t pid;
    int rc = getv(r, name, req, &pid);
    return rc == TR_REG_OK && pid == want_pid;
}

static int putv(tr_registry *r, const char *name, const char *v, uint64_t node, uint64_t pid)
{
    return tr_registry_put_versioned(r, name, strlen(name), v, strlen(v), node, pid);
}

static void test_plain(void)
{
    tr_registry *r = tr_registry_new();
    if (!check(r != NULL, "tr_registry_new"))
        return;
    check(absent(r, S("a")) && tr_registry_count(r) == 0, "empty registry");
    check(tr_registry_put(r, S("a"), 1, 10), "put a");
    check(get_is(r, S("a"), 1, 10), "get a");
    check(absent(r, S("b")), "b absent");
    check(tr_registry_put(r, S("a"), 2, 20) && get_is(r, S("a"), 2, 20) &&
          tr_registry_count(r) == 1, "overwrite a");
    check(tr_registry_put(r, S("a"), 2, 20) && tr_registry_count(r) == 1, "same binding again");

    /* Names are bytes: NULs inside, prefixes and the empty name are all distinct. */
    check(tr_registry_put(r, S("a\0b"), 3, 30) && tr_registry_put(r, S("a\0c"), 4, 40) &&
          tr_registry_put(r, S(""), 5, 50) && tr_registry_put(r, NULL, 0, 5, 51),
          "put names with NULs and the empty name");
    check(get_is(r, S("a\0b"), 3, 30) && get_is(r, S("a\0c"), 4, 40) &&
          get_is(r, S("a"), 2, 20) && get_is(r, S(""), 5, 51) && absent(r, S("a\0")),
          "names with NULs are distinct");
    check(tr_registry_count(r) == 4, "4 bindings");

    tr_registry_remove(r, S("a\0b"));
    check(absent(r, S("a\0b")) && get_is(r, S("a\0c"), 4, 40), "remove a\\0b only");
    tr_registry_remove(r, S("a\0b"));
    tr_registry_remove(r, S("never"));
    check(tr_registry_count(r) == 3, "removing absent names changes nothing");

    /* A binding moved to another process leaves the old one's index. */
    tr_registry_put(r, S("moved"), 1, 100);
    tr_registry_put(r, S("moved"), 1, 101);
    tr_registry_remove_process(r, 100);
    check(get_is(r, S("moved"), 1, 101), "remove_process(old pid) keeps a moved name");
    tr_registry_remove_process(r, 101);
    check(absent(r, S("moved")), "remove_process(new pid) removes it");
    tr_registry_remove_process(r, 999999);
    check(tr_registry_count(r) == 3, "remove_process of an unknown pid changes nothing");

    /* Lookup-else-register under the lock (get_or_spawn). */
    uint64_t node, pid;
    tr_registry_lock(r);
    bool found = tr_registry_get_locked(r, S("svc"), &node, &pid);
    bool put = !found && tr_registry_put_locked(r, S("svc"), 9, 90);
    bool again = tr_registry_get_locked(r, S("svc"), &node, &pid) && node == 9 && pid == 90;
    tr_registry_unlock(r);
    check(!found && put && again && get_is(r, S("svc"), 9, 90), "get_or_spawn pattern");

    tr_registry_free(r);
    tr_registry_free(NULL);
}

static void test_versioned(void)
{
    tr_registry *r = tr_registry_new();
    if (!check(r != NULL, "tr_registry_new"))
        return;
    uint64_t pid;
    check(putv(r, "resolve", "1.0.0", 0, 100) == TR_REG_OK &&
          putv(r, "resolve", "2.0.0", 0, 200) == TR_REG_OK &&
          putv(r, "resolve", "1.4.2", 0, 142) == TR_REG_OK, "put 1.0.0, 2.0.0, 1.4.2");
    check(tr_registry_count(r) == 3, "3 bindings");
    check(getv_is(r, "resolve", "^1", 142), "^1 -> 1.4.2");
    check(getv_is(r, "resolve", "1", 142), "1 -> 1.4.2");
    check(getv_is(r, "resolve", "~1.4", 142), "~1.4 -> 1.4.2");
    check(getv_is(r, "resolve", ">=1.0, <2.0", 142), ">=1.0, <2.0 -> 1.4.2");
    check(getv_is(r, "resolve", "*", 200), "* -> 2.0.0");
    check(getv_is(r, "resolve", "=1.0.0", 100), "=1.0.0 -> 1.0.0");
    check(getv_is(r, "resolve", "~1.0", 100), "~1.0 -> 1.0.0");
    check(getv_is(r, "resolve", "<1.4.2", 100), "<1.4.2 -> 1.0.0");
    check(getv_is(r, "resolve", "1.*", 142), "1.* -> 1.4.2");
    check(getv_is(r, "resolve", ">1", 200), ">1 -> 2.0.0");
    check(getv(r, "resolve", "^3", &pid) == TR_REG_NOT_FOUND && pid == 0, "^3 not found");
    check(getv(r, "resolve", "~1.5", &pid) == TR_REG_NOT_FOUND, "~1.5 not found");
    check(getv(r, "other", "*", &pid) == TR_REG_NOT_FOUND, "unknown name not found");
    check(getv(r, "resolve", "^", &pid) == TR_REG_MALFORMED, "malformed requirement");
    check(getv(r, "other", ">=1.0,", &pid) == TR_REG_MALFORMED,
          "malformed requirement on an unknown name");
    check(putv(r, "resolve", "1.2.3.4", 0, 1) == TR_REG_MALFORMED &&
          putv(r, "resolve", "", 0, 1) == TR_REG_MALFORMED &&
          putv(r, "new", "^1.0", 0, 1) == TR_REG_MALFORMED && tr_registry_count(r) == 3,
          "malformed versions change nothing");
    check(absent(r, S("resolve")), "versioned names are not plain names");

    /* Equal versions replace each other: "1.0" is 1.0.0, build metadata is ignored. */
    check(putv(r, "resolve", "1.4.2", 0, 1421) == TR_REG_OK && tr_registry_count(r) == 3 &&
          getv_is(r, "resolve", "^1", 1421), "overwrite 1.4.2");
    check(putv(r, "resolve", "1.0", 0, 101) == TR_REG_OK && tr_registry_count(r) == 3 &&
          getv_is(r, "resolve", "=1.0.0", 101), "1.0 overwrites 1.0.0");
    check(putv(r, "resolve", "2.0.0+linux", 0, 201) == TR_REG_OK && tr_registry_count(r) == 3 &&
          getv_is(r, "resolve", "*", 201), "2.0.0+linux overwrites 2.0.0");
    tr_registry_remove_process(r, 100);
    tr_registry_remove_process(r, 142);
    tr_registry_remove_process(r, 200);
    check(tr_registry_count(r) == 3, "the replaced bindings' processes own nothing");

    /* Prereleases are chosen only when asked for. */
    check(putv(r, "resolve", "2.1.0-beta.2", 0, 212) == TR_REG_OK &&
          putv(r, "resolve", "2.1.0-alpha", 0, 211) == TR_REG_OK, "put prereleases");
    check(getv_is(r, "resolve", "*", 201), "* ignores prereleases");
    check(getv_is(r, "resolve", "^2", 201), "^2 ignores prereleases");
    check(getv_is(r, "resolve", ">=2.1.0-alpha", 212), ">=2.1.0-alpha -> 2.1.0-beta.2");
    check(getv_is(r, "resolve", "=2.1.0-alpha", 211), "=2.1.0-alpha");
    check(getv_is(r, "resolve", "<2.1.0-beta, >2.1.0-0", 211), "between prereleases");
    check(putv(r, "resolve", "2.1.0", 0, 210) == TR_REG_OK &&
          getv_is(r, "resolve", ">=2.1.0-alpha", 210), "the release ranks above prereleases");

    /* Plain and versioned bindings of one name are independent. */
    check(tr_registry_put(r, S("resolve"), 0, 7) && get_is(r, S("resolve"), 0, 7) &&
          getv_is(r, "resolve", "^1", 1421), "plain beside versioned");
    tr_registry_remove(r, S("resolve"));
    check(absent(r, S("resolve")) && getv_is(r, "resolve", "^1", 1421) &&
          tr_registry_count(r) == 6, "remove leaves the versions");

    /* Versioned names with NULs; the same version under two names. */
    check(tr_registry_put_versioned(r, S("x\0y"), S("1.0.0"), 0, 5) == TR_REG_OK &&
          tr_registry_put_versioned(r, S("x\0z"), S("1.0.0"), 0, 6) == TR_REG_OK,
          "put versioned names with NULs");
    uint64_t node, p1 = 0, p2 = 0;
    check(tr_registry_get_versioned(r, S("x\0y"), S("*"), &node, &p1) == TR_REG_OK &&
          tr_registry_get_versioned(r, S("x\0z"), S("*"), &node, &p2) == TR_REG_OK &&
          p1 == 5 && p2 == 6, "versioned names with NULs are distinct");
    tr_registry_free(r);
}

static void test_remove_process(void)
{
    tr_registry *r = tr_registry_new();
    if (!check(r != NULL, "tr_registry_new"))
        return;
    /* pid 7: plain a, b, e; versioned a@1.0.0, c@2.0.0, c@2.5.0.  pid 8: plain d,
     * versioned c@1.0.0, a@3.0.0.  e is then moved to pid 8. */
    tr_registry_put(r, S("a"), 1, 7);
    tr_registry_put(r, S("b"), 1, 7);
    tr_registry_put(r, S("e"), 1, 7);
    tr_registry_put(r, S("d"), 1, 8);
    putv(r, "a", "1.0.0", 1, 7);
    putv(r, "c", "2.0.0", 1, 7);
    putv(r, "c", "2.5.0", 1, 7);
    putv(r, "c", "1.0.0", 1, 8);
    putv(r, "a", "3.0.0", 1, 8);
    tr_registry_put(r, S("e"), 2, 8);
    check(tr_registry_count(r) == 9, "9 bindings");
    tr_registry_remove_process(r, 7);
    uint64_t pid;
    check(absent(r, S("a")) && absent(r, S("b")), "pid 7's plain names gone");
    check(getv(r, "a", "^1", &pid) == TR_REG_NOT_FOUND && getv(r, "c", "^2", &pid) ==
          TR_REG_NOT_FOUND, "pid 7's versioned names gone");
    check(get_is(r, S("d"), 1, 8) && get_is(r, S("e"), 2, 8), "pid 8's plain names stay");
    check(getv_is(r, "c", "*", 8) && getv_is(r, "a", "*", 8), "pid 8's versioned names stay");
    check(tr_registry_count(r) == 4, "4 bindings left");
    tr_registry_remove_process(r, 7);
    check(tr_registry_count(r) == 4, "removing pid 7 twice");
    tr_registry_remove_process(r, 8);
    check(tr_registry_count(r) == 0 && absent(r, S("d")) && getv(r, "c", "*", &pid) ==
          TR_REG_NOT_FOUND, "all gone after pid 8");
    check(tr_registry_put(r, S("a"), 1, 7) && get_is(r, S("a"), 1, 7),
          "a name can be reused after its process died");
    tr_registry_free(r);
}

/* Enough names to grow both tables several times, then shrink them back. */
static void test_many(void)
{
    tr_registry *r = tr_registry_new();
    if (!check(r != NULL, "tr_registry_new"))
        return;
    enum { N = 100000 };
    char name[32];
    unsigned bad = 0;
    for (unsigned i = 0; i < N; i++) {
        int n = snprintf(name, sizeof name, "name-%u", i);
        if (!tr_registry_put(r, name, (size_t)n, 0, i % 1000))
            bad++;
        if (i % 10 == 0 && tr_registry_put_versioned(r, name, (size_t)n, S("1.0.0"), 0, i) != 0)
            bad++;
    }
    check(bad == 0 && tr_registry_count(r) == N + N / 10, "%u puts", N + N / 10);
    for (unsigned i = 0; i < N; i++) {
        int n = snprintf(name, sizeof name, "name-%u", i);
        if (!get_is(r, name, (size_t)n, 0, i % 1000))
            bad++;
    }
    check(bad == 0, "%u gets", N);
    for (unsigned p = 0; p < 1000; p++)
        tr_registry_remove_process(r, p);
    check(tr_registry_count(r) == N / 10 - 100, "plain names gone by process (%zu left)",
          tr_registry_count(r));
    for (unsigned i = 0; i < N; i += 10)
        tr_registry_remove_process(r, i);
    check(tr_registry_count(r) == 0, "versioned names gone by process");
    check(tr_registry_put(r, S("after"), 1, 1) && get_is(r, S("after"), 1, 1),
          "works after shrinking");
    tr_registry_free(r);
}

/* ---- registry: threads ------------------------------------------------------------------- */

enum { THREADS = 4, PER_THREAD = 10000 };

typedef struct {
    tr_registry *r;
    unsigned t;
    unsigned errors;
    unsigned spawned;   /* get_or_spawn: times this thread registered "singleton" */
} worker;

static uint64_t pid_a(uint64_t t) { return 1000 + t; }
static uint64_t pid_b(uint64_t t) { return 2000 + t; }
static uint64_t pid_c(uint64_t t) { return 3000 + t; }

static size_t tname(char *buf, size_t cap, unsigned t, unsigned i)
{
    return (size_t)snprintf(buf, cap, "t%u/n%u", t, i);
}

static void *work(void *arg)
{
    worker *w = arg;
    char name[32], v[32];
    unsigned t = w->t;
    for (unsigned i = 0; i < PER_THREAD; i++) {
        size_t n = tname(name, sizeof name, t, i);
        if (!tr_registry_put(w->r, name, n, t, pid_a(t)))
            w->errors++;
        int vn = snprintf(v, sizeof v, "1.%u.0", i % 7);
        if (tr_registry_put_versioned(w->r, name, n, v, (size_t)vn, t, pid_c(t)) != 0)
            w->errors++;
        uint64_t node = 0, pid = 0;
        if (!tr_registry_get(w->r, name, n, &node, &pid) || node != t || pid != pid_a(t))
            w->errors++;
        /* A name every thread overwrites: a reader must never see half of a binding. */
        if (!tr_registry_put(w->r, S("shared"), t, 100 + t))
            w->errors++;
        if (!tr_registry_get(w->r, S("shared"), &node, &pid) || pid != 100 + node)
            w->errors++;
        /* Another thread's name: present or not, but never wrong. */
        size_t on = tname(name, sizeof name, (t + 1) % THREADS, i);
        if (tr_registry_get(w->r, name, on, &node, &pid) &&
            (node != (t + 1) % THREADS || (pid != pid_a(node) && pid != pid_b(node))))
            w->errors++;
        /* Only one thread ever registers "singleton". */
        tr_registry_lock(w->r);
        if (!tr_registry_get_locked(w->r, S("singleton"), &node, &pid)) {
            if (tr_registry_put_locked(w->r, S("singleton"), t, 500 + t))
                w->spawned++;
            else
                w->errors++;
        }
        tr_registry_unlock(w->r);
    }
    for (unsigned i = 0; i < PER_THREAD; i++) {
        size_t n = tname(name, sizeof name, t, i);
        if (i % 3 == 0 && !tr_registry_put(w->r, name, n, t, pid_b(t)))
            w->errors++;
        if (i % 5 == 0)
            tr_registry_remove(w->r, name, n);
        uint64_t node = 0, pid = 0;
        if (tr_registry_get_versioned(w->r, name, n, S("^1"), &node, &pid) != 0 ||
            pid != pid_c(t))
            w->errors++;
    }
    /* Plain names still bound to pid_b are those with i % 3 == 0 && i % 5 != 0. */
    tr_registry_remove_process(w->r, pid_b(t));
    return NULL;
}

static void test_threads(void)
{
    tr_registry *r = tr_registry_new();
    if (!check(r != NULL, "tr_registry_new"))
        return;
    worker w[THREADS];
    pthread_t th[THREADS];
    for (unsigned t = 0; t < THREADS; t++) {
        w[t] = (worker){ .r = r, .t = t };
        if (pthread_create(&th[t], NULL, work, &w[t]) != 0) {
            check(false, "pthread_create");
            for (unsigned u = 0; u < t; u++)
                pthread_join(th[u], NULL);
            tr_registry_free(r);
            return;
        }
    }
    unsigned spawned = 0;
    for (unsigned t = 0; t < THREADS; t++) {
        pthread_join(th[t], NULL);
        check(w[t].errors == 0, "thread %u: %u errors", t, w[t].errors);
        spawned += w[t].spawned;
    }
    check(spawned == 1, "singleton registered %u times, want 1", spawned);

    /* Exact final state. */
    unsigned plain = 0, bad = 0;
    char name[32];
    for (unsigned t = 0; t < THREADS; t++)
        for (unsigned i = 0; i < PER_THREAD; i++) {
            size_t n = tname(name, sizeof name, t, i);
            bool want = i % 3 != 0 && i % 5 != 0;
            uint64_t node = 0, pid = 0;
            bool got = tr_registry_get(r, name, n, &node, &pid);
            if (got != want || (got && (node != t || pid != pid_a(t))))
                bad++;
            plain += want;
            char req[16];
            int rn = snprintf(req, sizeof req, "=1.%u", i % 7);
            if (tr_registry_get_versioned(r, name, n, req, (size_t)rn, &node, &pid) != 0 ||
                node != t || pid != pid_c(t))
                bad++;
        }
    check(bad == 0, "final state: %u names wrong", bad);
    uint64_t node, pid;
    check(tr_registry_get(r, S("shared"), &node, &pid) && node < THREADS && pid == 100 + node,
          "shared name");
    size_t want = plain + THREADS * PER_THREAD + 2;   /* + "shared", "singleton" */
    check(tr_registry_count(r) == want, "count %zu, want %zu", tr_registry_count(r), want);
    for (unsigned t = 0; t < THREADS; t++) {
        tr_registry_remove_process(r, pid_a(t));
        tr_registry_remove_process(r, pid_c(t));
    }
    check(tr_registry_count(r) == 2, "only shared and singleton left after the deaths");
    tr_registry_free(r);
}

int main(void)
{
    test_versions();
    test_precedence();
    test_requirements();
    test_plain();
    test_versioned();
    test_remove_process();
    test_many();
    test_threads();
    return summary();
}
