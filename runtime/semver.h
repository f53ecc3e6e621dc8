/* semver.h — semantic versions and Cargo-style version requirements, for the versioned
 * registry (tycho::registry::put_versioned / get_versioned).
 *
 * Versions: MAJOR[.MINOR[.PATCH]] with missing components 0 ("1.0" is 1.0.0), so that
 * names like `resolve@1.0` read naturally; a `-prerelease` and a `+build` suffix are only
 * allowed after all three components ("1.0.0-rc.1+abc"). Numbers are decimal, at most
 * 2^64-1, without leading zeros ("01.2.3" is malformed, as semver.org requires); so are
 * numeric prerelease identifiers. Build metadata is checked and ignored: 1.0.0+a equals
 * 1.0.0+b, and equals "1.0". Spaces/tabs around the version are allowed, nothing else.
 * Precedence is semver.org's: numeric components, then a prerelease ranks below its
 * release, identifiers compared dot by dot (numeric < alphanumeric, numbers by value,
 * text by ASCII, a longer list wins when all shared identifiers are equal).
 *
 * Requirements follow Cargo (the `semver` crate, VersionReq):
 *   *  (also x, X)     every release (no prerelease); only as the whole requirement
 *   1.2  ^1.2          caret: >=1.2.0, <2.0.0; ^0.2.3 is >=0.2.3,<0.3.0; ^0.0.3 is =0.0.3;
 *                      ^0 is <1.0.0; ^0.0 is <0.1.0
 *   ~1.4  ~1.4.2  ~1   tilde: >=1.4.0,<1.5.0; >=1.4.2,<1.5.0; >=1.0.0,<2.0.0
 *   =1.0.0  =1.2  =1   exact; a partial version matches every version with that prefix
 *   >  >=  <  <=       comparisons; partial versions compare on the given components only
 *                      (>1.2 is >=1.3.0, <=1.2 is <1.3.0)
 *   1.*  1.2.*  1.*.*  wildcards: the same as =1, =1.2 (after an operator: that operator
 *                      on the partial version, ">=1.*" is ">=1")
 * Comparators are separated by commas, at most TR_SEMREQ_MAX of them, and all must match:
 * ">=1.0, <2.0". Spaces/tabs are allowed around operators, versions and commas. A
 * prerelease in a comparator needs all three components ("^1.2.3-beta").
 * Prerelease rule (Cargo's): a version with a prerelease matches only if, in addition,
 * some comparator names a prerelease on the same MAJOR.MINOR.PATCH: 1.3.0-alpha.3 matches
 * ">=1.3.0-alpha.1" but not ">=1.2.0" nor "*".
 * Anything else is malformed: "", "^", "1.2.3.4", ">=1.0,", "1.x.y", "1.*.3", "*, <2".
 *
 * The parsed structs borrow the text they were parsed from (tr_semver.pre points into it):
 * keep the text alive as long as the struct. Nothing here allocates or has global state;
 * every function is safe to call from any thread.
 */
#ifndef TYCHO_SEMVER_H
#define TYCHO_SEMVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tr_semver {
    uint64_t major, minor, patch;
    const char *pre;   /* prerelease identifiers without the '-' (borrowed), or NULL */
    size_t pre_len;    /* 0: no prerelease */
} tr_semver;

typedef enum tr_semop {
    TR_SEMOP_EXACT,       /* =       */
    TR_SEMOP_GREATER,     /* >       */
    TR_SEMOP_GREATER_EQ,  /* >=      */
    TR_SEMOP_LESS,        /* <       */
    TR_SEMOP_LESS_EQ,     /* <=      */
    TR_SEMOP_TILDE,       /* ~       */
    TR_SEMOP_CARET,       /* ^ or no operator */
    TR_SEMOP_WILDCARD,    /* no operator and a * component: same meaning as = */
} tr_semop;

typedef struct tr_semcmp {
    tr_semop op;
    unsigned parts;       /* numeric components given: 1 (major), 2 (+minor), 3 (+patch) */
    tr_semver v;          /* components not given are 0; pre only when parts == 3 */
} tr_semcmp;

#define TR_SEMREQ_MAX 8

typedef struct tr_semreq {
    unsigned n;           /* 0: "*" */
    tr_semcmp cmp[TR_SEMREQ_MAX];
} tr_semreq;

/* Parses s[0..len) as a version. False (out unspecified) if malformed. */
bool tr_semver_parse(const char *s, size_t len, tr_semver *out);
/* Precedence: <0, 0, >0 as a is lower than, equal to, higher than b. */
int tr_semver_cmp(const tr_semver *a, const tr_semver *b);
/* Parses s[0..len) as a requirement. False (out unspecified) if malformed. */
bool tr_semreq_parse(const char *s, size_t len, tr_semreq *out);
/* Whether v satisfies every comparator of r (and the prerelease rule above). */
bool tr_semreq_matches(const tr_semreq *r, const tr_semver *v);

#endif
