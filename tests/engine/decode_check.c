/* decode_check.c — runs modules through decode, validate and compile, nothing else.
 *
 *   decode-check FILE.wasm...     prints "FILE: ok" or "FILE: <phase>: <message>"
 *   decode-check --spec [--strict] DIR/NAME.json...
 *       reads wast2json output: modules of "module", "assert_unlinkable",
 *       "assert_uninstantiable" must be accepted; binary "assert_malformed" and
 *       "assert_invalid" modules must be rejected. A rejection whose message does not
 *       start with the expected text is listed as a MISMATCH (a failure with --strict).
 *       Ends with "decode-check: N passed, N failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Runs the phases separately so a failure can name its phase. Returns NULL if the module
 * is accepted, else the phase name ("decode", "validate", "compile"); message in err. */
static const char *check(const uint8_t *bytes, size_t len, char *err, size_t errlen)
{
    tw_module *m = calloc(1, sizeof *m);
    if (!m || !(m->bytes = malloc(len ? len : 1))) {
        free(m);
        snprintf(err, errlen, "out of memory");
        return "load";
    }
    memcpy(m->bytes, bytes, len);
    m->len = len;
    const char *phase = NULL;
    if (tw_decode(m, err, errlen) < 0)
        phase = "decode";
    else if (tw_validate_module(m, err, errlen) < 0)
        phase = "validate";
    else if (tw_compile_module(m, err, errlen) < 0)
        phase = "compile";
    tw_module_release(m);
    free(m->bytes);
    free(m);
    return phase;
}

/* The string value of "key" in a one-line JSON object (escapes kept as written, except
 * \" and \\), or NULL. */
static const char *json_str(const char *line, const char *key, char *out, size_t n)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\": \"", key);
    const char *p = strstr(line, pat);
    if (!p)
        return NULL;
    p += strlen(pat);
    size_t k = 0;
    while (*p && *p != '"' && k + 1 < n) {
        if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
            p++;
        out[k++] = *p++;
    }
    out[k] = 0;
    return out;
}

static int passed, failed, mismatched;
static int strict;

static void spec_file(const char *json)
{
    FILE *f = fopen(json, "r");
    if (!f) {
        printf("%s: cannot open\n", json);
        failed++;
        return;
    }
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", json);
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[1] = 0;
    else
        dir[0] = 0;
    char line[8192], type[64], file[512], text[512], mtype[32], path[2048], err[512];
    while (fgets(line, sizeof line, f)) {
        if (!json_str(line, "type", type, sizeof type) ||
            !json_str(line, "filename", file, sizeof file))
            continue;
        bool want_ok = !strcmp(type, "module") || !strcmp(type, "assert_unlinkable") ||
                       !strcmp(type, "assert_uninstantiable");
        bool want_fail = !strcmp(type, "assert_malformed") || !strcmp(type, "assert_invalid");
        if (!want_ok && !want_fail)
            continue;
        if (json_str(line, "module_type", mtype, sizeof mtype) && strcmp(mtype, "binary"))
            continue;   /* text-format modules are for text parsers */
        if (!json_str(line, "text", text, sizeof text))
            text[0] = 0;
        const char *ln = strstr(line, "\"line\": ");
        int lineno = ln ? atoi(ln + 8) : 0;
        snprintf(path, sizeof path, "%s%s", dir, file);
        size_t len;
        uint8_t *bytes = read_file(path, &len);
        if (!bytes) {
            printf("%s: cannot read\n", path);
            failed++;
            continue;
        }
        err[0] = 0;
        const char *phase = check(bytes, len, err, sizeof err);
        free(bytes);
        if (want_ok && phase) {
            printf("FAIL %s:%d (%s) should be accepted: %s: %s\n", json, lineno, file, phase, err);
            failed++;
        } else if (want_fail && !phase) {
            printf("FAIL %s:%d (%s) %s accepted; expected \"%s\"\n", json, lineno, file, type, text);
            failed++;
        } else if (want_fail) {
            const char *msg = strchr(err, ':') ? strchr(err, ':') + 2 : err;
            if (strncmp(msg, text, strlen(text)) != 0) {
                printf("MISMATCH %s:%d (%s) %s: \"%s\"; expected \"%s\"\n", json, lineno, file,
                       phase, err, text);
                mismatched++;
                if (strict) {
                    failed++;
                    continue;
                }
            }
            passed++;
        } else
            passed++;
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    int i = 1;
    if (i < argc && !strcmp(argv[i], "--spec")) {
        for (i++; i < argc; i++) {
            if (!strcmp(argv[i], "--strict"))
                strict = 1;
            else
                spec_file(argv[i]);
        }
        printf("decode-check: %d message mismatches\n", mismatched);
        printf("decode-check: %d passed, %d failed\n", passed, failed);
        return failed ? 1 : 0;
    }
    int bad = 0;
    for (; i < argc; i++) {
        size_t len;
        uint8_t *bytes = read_file(argv[i], &len);
        if (!bytes) {
            printf("%s: cannot read\n", argv[i]);
            bad = 1;
            continue;
        }
        char err[512] = "";
        const char *phase = check(bytes, len, err, sizeof err);
        free(bytes);
        if (phase) {
            printf("%s: %s: %s\n", argv[i], phase, err);
            bad = 1;
        } else
            printf("%s: ok\n", argv[i]);
    }
    return bad;
}
