/* tycho.c — command line. For now a minimal runner of one module:
 *
 *   tycho FILE.wasm [EXPORT [ARG...]]
 *
 * Loads and instantiates FILE (no imports are provided yet), runs its start function,
 * then calls EXPORT with ARGs parsed per its parameter types and prints each result on
 * its own line. Without EXPORT it runs `_start` if exported, else lists the exports.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define TYCHO_VERSION "0.1.0"
#define EXIT_TRAP 134

static const char usage_text[] =
    "usage: tycho FILE.wasm [EXPORT [ARG...]]\n"
    "\n"
    "Instantiates FILE.wasm, runs its start function, then calls EXPORT with ARGs\n"
    "(decimal numbers, parsed per the parameter types) and prints each result on its\n"
    "own line. Without EXPORT, runs `_start` if exported, else lists the exports.\n"
    "\n"
    "  -h, --help     this help\n"
    "  --version      print the version\n";

static const char *prog_file;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("tycho: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static uint8_t *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open %s: %s", path, strerror(errno));
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            uint8_t *nb = realloc(buf, cap);
            if (!nb) die("%s: out of memory", path);
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) die("cannot read %s: %s", path, strerror(errno));
    fclose(f);
    *len = n;
    return buf;
}

static const char *type_name(uint8_t t) {
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

/* Parses ARG as a value of type t (decimal; integers may be given signed or unsigned). */
static tw_val parse_arg(const char *s, uint8_t t, uint32_t i) {
    char *end;
    errno = 0;
    switch (t) {
    case TW_I32: case TW_I64: {
        bool neg = s[0] == '-';
        uint64_t u = 0;
        int64_t v = 0;
        if (neg) v = strtoll(s, &end, 10); else u = strtoull(s, &end, 10);
        /* strtoull would accept leading blanks and negate " -1" silently */
        bool bad = end == s || *end || errno || s[0] == ' ' || s[0] == '\t';
        if (!bad && t == TW_I32)
            bad = neg ? v < INT32_MIN : u > UINT32_MAX;
        if (bad) die("argument %u: \"%s\" is not a valid %s", i + 1, s, type_name(t));
        uint64_t bits = neg ? (uint64_t)v : u;
        return t == TW_I32 ? (uint32_t)bits : bits;
    }
    case TW_F32: {
        float f = strtof(s, &end);
        if (end == s || *end) die("argument %u: \"%s\" is not a valid f32", i + 1, s);
        uint32_t bits;
        memcpy(&bits, &f, sizeof bits);
        return bits;
    }
    case TW_F64: {
        double d = strtod(s, &end);
        if (end == s || *end) die("argument %u: \"%s\" is not a valid f64", i + 1, s);
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return bits;
    }
    default:
        die("argument %u: parameters of type %s cannot be given on the command line", i + 1,
            type_name(t));
    }
}

static void print_result(tw_val v, uint8_t t) {
    switch (t) {
    case TW_I32: printf("%d\n", (int32_t)(uint32_t)v); break;
    case TW_I64: printf("%lld\n", (long long)(int64_t)v); break;
    case TW_F32: {
        uint32_t bits = (uint32_t)v;
        float f;
        memcpy(&f, &bits, sizeof f);
        printf("%g\n", (double)f);
        break;
    }
    case TW_F64: {
        double d;
        memcpy(&d, &v, sizeof d);
        printf("%g\n", d);
        break;
    }
    default:
        if (v) printf("%s:0x%llx\n", type_name(t), (unsigned long long)v);
        else printf("null\n");
    }
}

/* Prints the trap and exits like an aborted process would. */
static void trapped(tw_instance *inst) {
    fflush(stdout);
    fprintf(stderr, "error: %s\n", tw_trap_message(inst));
    const char *bt = tw_trap_backtrace(inst);
    if (bt && *bt) fprintf(stderr, "%s%s", bt, bt[strlen(bt) - 1] == '\n' ? "" : "\n");
    exit(EXIT_TRAP);
}

/* Drives the pending call to completion (no fuel limit, no scheduler yet). */
static void finish(tw_instance *inst) {
    tw_status st;
    do st = tw_run(inst, UINT64_MAX); while (st == TW_OUT_OF_FUEL || st == TW_BLOCKED);
    if (st == TW_TRAPPED) trapped(inst);
}

static void call_export(tw_instance *inst, const char *name, int nargs, char **args) {
    tw_extern ext;
    if (!tw_instance_export(inst, name, &ext)) die("%s: no export named \"%s\"", prog_file, name);
    if (ext.kind != TW_EXT_FUNC) die("%s: export \"%s\" is not a function", prog_file, name);
    const tw_functype *ft = tw_func_type(ext.u.func);
    if ((uint32_t)nargs != ft->nparams)
        die("%s expects %u argument%s, got %d", name, ft->nparams, ft->nparams == 1 ? "" : "s",
            nargs);
    tw_val *vals = calloc(ft->nparams + ft->nresults + 1, sizeof *vals);
    if (!vals) die("out of memory");
    for (uint32_t i = 0; i < ft->nparams; i++) vals[i] = parse_arg(args[i], ft->params[i], i);
    if (!tw_call_begin(inst, ext.u.func, vals)) die("%s", tw_trap_message(inst));
    finish(inst);
    const tw_val *res = tw_results(inst);
    for (uint32_t i = 0; i < ft->nresults; i++) print_result(res[i], ft->results[i]);
    free(vals);
}

static void print_types(const uint8_t *t, uint32_t n) {
    putchar('(');
    for (uint32_t i = 0; i < n; i++) printf("%s%s", i ? ", " : "", type_name(t[i]));
    putchar(')');
}

static void list_exports(tw_instance *inst) {
    static const char *const kinds[] = {"func", "table", "memory", "global"};
    tw_module *m = tw_instance_module(inst);
    uint32_t n = tw_module_num_exports(m);
    printf("%s: no _start; %u export%s:\n", prog_file, n, n == 1 ? "" : "s");
    for (uint32_t i = 0; i < n; i++) {
        tw_export_info e;
        tw_module_export(m, i, &e);
        printf("  %-6s %s", e.kind <= TW_EXT_GLOBAL ? kinds[e.kind] : "?", e.name);
        tw_extern ext;
        if (e.kind == TW_EXT_FUNC && tw_instance_export(inst, e.name, &ext)) {
            const tw_functype *ft = tw_func_type(ext.u.func);
            putchar(' ');
            print_types(ft->params, ft->nparams);
            printf(" -> ");
            print_types(ft->results, ft->nresults);
        }
        putchar('\n');
    }
}

int main(int argc, char **argv) {
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--version")) {
            puts("tycho " TYCHO_VERSION);
            return 0;
        }
        if (!strcmp(argv[i], "--")) { i++; break; }
        die("unknown option %s (try --help)", argv[i]);
    }
    if (i >= argc) {
        fputs(usage_text, stderr);
        return 1;
    }
    prog_file = argv[i++];

    size_t len;
    uint8_t *bytes = read_file(prog_file, &len);
    char err[256];
    tw_module *m = tw_module_new(bytes, len, err, sizeof err);
    free(bytes);
    if (!m) die("%s: %s", prog_file, err);

    tw_instance *inst = tw_instance_new(m, NULL, 0, NULL, err, sizeof err);
    if (!inst) {
        if (tw_module_num_imports(m) > 0) {
            tw_import_info imp;
            tw_module_import(m, 0, &imp);
            die("%s: %s (imports are not supported yet; first: \"%s\" \"%s\")", prog_file, err,
                imp.module, imp.name);
        }
        die("%s: %s", prog_file, err);
    }
    if (tw_instance_has_start(inst)) finish(inst);

    if (i < argc) {
        call_export(inst, argv[i], argc - i - 1, argv + i + 1);
    } else {
        tw_extern ext;
        if (tw_instance_export(inst, "_start", &ext) && ext.kind == TW_EXT_FUNC)
            call_export(inst, "_start", 0, NULL);
        else
            list_exports(inst);
    }
    tw_instance_free(inst);
    tw_module_free(m);
    return 0;
}
