/* tycho.c — the command line.
 *
 *   tycho [run] [OPTIONS] FILE.wasm [ARGS...]           run a WASI command (_start)
 *   tycho run --invoke NAME [OPTIONS] FILE.wasm [ARGS...] call export NAME, print results
 *
 *   tycho test [OPTIONS] FILE.wasm [TEST ARGS...]       run its tests (test_mode.c)
 *
 * One driver: the module runs as the root process of the runtime (runtime/), its imports
 * resolved against the Lunatic ABI (host/) and WASI preview 1 (wasi/); the guest sees only
 * the arguments, environment and directories given here. The exit code is the guest's
 * (proc_exit), 0 when the entry returns, 134 after a trap, 1 for bad input.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "test_mode.h"
#include "../host/host.h"
#include "../runtime/runtime.h"
#include "../wasi/wasi.h"

#define TYCHO_VERSION "0.1.0"
#define EXIT_TRAP 134

static const char usage_text[] =
    "usage: tycho [run] [OPTIONS] FILE.wasm [ARGS...]\n"
    "       tycho test [OPTIONS] FILE.wasm [TEST ARGS...]\n"
    "\n"
    "Runs FILE.wasm as a WASI (preview 1) command: spawns its root process on _start with\n"
    "ARGS as its arguments (argv[0] is FILE.wasm) and every process permission; it may\n"
    "spawn more (the Lunatic ABI). The guest sees no environment variable and no\n"
    "directory unless granted below. tycho exits when the root process ends.\n"
    "\n"
    "  --dir HOST_DIR[::GUEST_DIR]  preopen HOST_DIR, seen by the guest as GUEST_DIR\n"
    "                               (default: the same path); repeatable\n"
    "  --env NAME=VALUE             set an environment variable; repeatable\n"
    "  --inherit-env                pass on tycho's whole environment (--env wins)\n"
    "  --invoke NAME                instead of _start, call export NAME with ARGS\n"
    "                               (numbers, parsed per its parameter types) and print\n"
    "                               each result on its own line\n"
    "  --list                       list the module's exports and exit\n"
    "  --workers N                  worker threads running processes (default: one\n"
    "                               per CPU)\n"
    "  --max-processes N            refuse spawns beyond N live processes\n"
    "  --metrics                    print lunatic::metrics figures on exit (stderr)\n"
    "  --log-failures               print a line on stderr when a process other than\n"
    "                               the root fails: \"tycho: process N failed: MSG\"\n"
    "  --deny-net                   no networking: every lunatic::networking call of\n"
    "                               the root and its children traps (permission denied)\n"
    "  --                           end of options\n"
    "  -h, --help                   this help\n"
    "  --version                    print the version\n"
    "\n"
    "tycho test (or a FILE in a cargo target/wasm32-*/*/deps/ directory: cargo's test\n"
    "runner) runs the module's #lunatic_test_* exports instead, each as a process with\n"
    "its output captured, as Lunatic's test mode does; TEST ARGS are libtest's (FILTER,\n"
    "--exact, --skip F, --ignored, --include-ignored, --nocapture, --show-output, --list,\n"
    "-q, --test-threads N, --color). The tests also get tycho's environment and the\n"
    "current directory as \".\". Exit status 0 when all pass, 101 otherwise.\n"
    "\n"
    "Exit status: the guest's proc_exit code (255, with a line on stderr, for a code\n"
    "above 255), or 0 when _start returns; 134 when the\n"
    "guest traps (the trap message and a backtrace go to stderr as \"error: ...\");\n"
    "1 when tycho cannot run it (one line on stderr: missing file, invalid module,\n"
    "unknown import, unreadable --dir, ...).\n";

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
        if (bad) die("argument %u: \"%s\" is not a valid %s", i + 1, s, tw_valtype_name(t));
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
            tw_valtype_name(t));
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
        if (v) printf("%s:0x%llx\n", tw_valtype_name(t), (unsigned long long)v);
        else printf("null\n");
    }
}

static void print_types(const uint8_t *t, uint32_t n) {
    putchar('(');
    for (uint32_t i = 0; i < n; i++) printf("%s%s", i ? ", " : "", tw_valtype_name(t[i]));
    putchar(')');
}

static void list_exports(const tw_module *m) {
    static const char *const kinds[] = {"func", "table", "memory", "global"};
    uint32_t n = tw_module_num_exports(m);
    printf("%s: %u export%s:\n", prog_file, n, n == 1 ? "" : "s");
    for (uint32_t i = 0; i < n; i++) {
        tw_export_info e;
        tw_module_export(m, i, &e);
        printf("  %-6s %s", e.kind <= TW_EXT_GLOBAL ? kinds[e.kind] : "?", e.name);
        if (e.kind == TW_EXT_FUNC) {
            putchar(' ');
            print_types(e.func->params, e.func->nparams);
            printf(" -> ");
            print_types(e.func->results, e.func->nresults);
        }
        putchar('\n');
    }
}

/* "--name VALUE" or "--name=VALUE"; advances *i past what it used. */
static const char *opt_value(int argc, char **argv, int *i, const char *name) {
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n)) return NULL;
    if (argv[*i][n] == '=') return argv[*i] + n + 1;
    if (argv[*i][n]) return NULL;
    if (*i + 1 >= argc) die("option %s needs a value (try --help)", name);
    return argv[++*i];
}

/* A positive count for an option, in [lo, hi]. */
static uint64_t parse_count(const char *s, const char *opt, uint64_t lo, uint64_t hi) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end || errno || s[0] == '-' || v < lo || v > hi)
        die("%s %s: expected a whole number from %llu to %llu", opt, s,
            (unsigned long long)lo, (unsigned long long)hi);
    return v;
}

/* The export `name` of m, or die: its type. */
static const tw_functype *export_type(const tw_module *m, const char *name) {
    for (uint32_t k = 0, n = tw_module_num_exports(m); k < n; k++) {
        tw_export_info e;
        tw_module_export(m, k, &e);
        if (strcmp(e.name, name)) continue;
        if (e.kind != TW_EXT_FUNC) die("%s: export \"%s\" is not a function", prog_file, name);
        return e.func;
    }
    if (!strcmp(name, "_start"))
        die("%s: no _start function: not a WASI command (to call an export: "
            "tycho run --invoke NAME)", prog_file);
    die("%s: no export named \"%s\"", prog_file, name);
}

/* Runs the root process on `entry` (with args parsed per its parameter types when
 * invoking an export) and prints what it returns; returns the exit status. */
static int run_root(tr_runtime *rt, tr_module *tm, const char *entry, bool invoke, int nargs,
                    char **args, const tr_config *cfg) {
    const tw_functype *ft = export_type(tr_module_engine(tm), entry);
    if (invoke && (uint32_t)nargs != ft->nparams)
        die("%s expects %u argument%s, got %d", entry, ft->nparams, ft->nparams == 1 ? "" : "s",
            nargs);
    tr_param *params = calloc(ft->nparams + 1, sizeof *params);
    if (!params) die("out of memory");
    for (uint32_t i = 0; i < ft->nparams; i++)
        params[i] = (tr_param){ft->params[i], parse_arg(args[i], ft->params[i], i)};
    int code = tr_runtime_run(rt, tm, entry, params, ft->nparams, cfg);
    free(params);
    if (code < 0 || code > 255) {
        /* an exit status has 8 bits: never let a failure's code wrap to success */
        fprintf(stderr, "tycho: exit code %u does not fit in an exit status (0-255); exiting with 255\n",
                (unsigned)code);
        code = 255;
    }
    uint32_t n;
    const tw_val *res = tr_runtime_results(rt, &n);
    if (invoke && code == 0)
        for (uint32_t i = 0; i < n && i < ft->nresults; i++) print_result(res[i], ft->results[i]);
    fflush(stdout);
    return code;
}

/* The --env and --dir options, at file scope: still reachable wherever tycho exits
 * (leak checkers agree); freed once the config has them. */
static const char **envs, **dirs;

/* Every namespace a guest may import: the Lunatic ABI (host/) and WASI. */
static const tw_hostdef *const *namespaces(void) {
    static const tw_hostdef *all[32];
    size_t n = 0;
    for (const tw_hostdef *const *t = host_namespaces; *t && n < 30; t++) all[n++] = *t;
    all[n++] = tw_wasi_namespace;
    all[n] = NULL;
    return all;
}

int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_IGN);      /* a closed pipe is EPIPE for the guest, not our death */
    /* Every connection is an fd: as many as the hard limit allows (running out is an
     * error returned to the guest, EMFILE). */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    const char *invoke = NULL;
    bool inherit_env = false, list = false, deny_net = false;
    tr_options ropt = {0};
    envs = calloc((size_t)argc + 1, sizeof *envs);
    dirs = calloc((size_t)argc + 1, sizeof *dirs);
    int nenv = 0, ndir = 0;
    if (!envs || !dirs) die("out of memory");

    int i = 1;
    bool test = false;
    if (i < argc && !strcmp(argv[i], "run")) i++;
    else if (i < argc && !strcmp(argv[i], "test")) { i++; test = true; }
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *v;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--version")) {
            puts("tycho " TYCHO_VERSION);
            return 0;
        }
        if (!strcmp(argv[i], "--")) { i++; break; }
        if (!strcmp(argv[i], "--inherit-env")) { inherit_env = true; continue; }
        if (!strcmp(argv[i], "--list")) { list = true; continue; }
        if ((v = opt_value(argc, argv, &i, "--invoke"))) { invoke = v; continue; }
        if (!strcmp(argv[i], "--metrics")) { ropt.metrics = true; continue; }
        if (!strcmp(argv[i], "--log-failures")) { ropt.log_failures = true; continue; }
        if (!strcmp(argv[i], "--deny-net")) { deny_net = true; continue; }
        if ((v = opt_value(argc, argv, &i, "--workers"))) {
            ropt.workers = (unsigned)parse_count(v, "--workers", 1, 1024);
            continue;
        }
        if ((v = opt_value(argc, argv, &i, "--max-processes"))) {
            ropt.max_processes = parse_count(v, "--max-processes", 1, UINT64_MAX);
            continue;
        }
        if ((v = opt_value(argc, argv, &i, "--dir"))) { dirs[ndir++] = v; continue; }
        if ((v = opt_value(argc, argv, &i, "--env"))) {
            if (!strchr(v, '=') || v[0] == '=') die("--env %s: expected NAME=VALUE", v);
            envs[nenv++] = v;
            continue;
        }
        die("unknown option %s (try --help)", argv[i]);
    }
    if (i >= argc) {
        fputs(usage_text, stderr);
        return 1;
    }
    prog_file = argv[i++];
    if (!invoke && !list && test_mode_path(prog_file)) test = true;
    if (test && (invoke || list)) die("--invoke and --list do not go with test mode");

    size_t len;
    uint8_t *bytes = read_file(prog_file, &len);
    char err[256];
    if (list) {
        tw_module *m = tw_module_new(bytes, len, err, sizeof err);
        if (!m) die("%s: %s", prog_file, err);
        list_exports(m);
        tw_module_free(m);
        free(bytes);
        return 0;
    }

    /* The guest's world, as a config: the root process's, and what children inherit:
     * arguments, environment (--env over inherited), directories. */
    if (test) {
        /* Lunatic's test mode: the host environment and the current directory as "." */
        bool dot = false;
        for (int k = 0; k < ndir; k++) {
            const char *sep = strstr(dirs[k], "::");
            dot |= sep ? !strcmp(sep + 2, ".") : !strcmp(dirs[k], ".");
        }
        if (!dot) dirs[ndir++] = ".";
        inherit_env = true;
    }
    tr_config *cfg = tr_config_new();
    bool ok = cfg && tr_config_add_arg(cfg, prog_file, strlen(prog_file));
    if (ok && deny_net) ok = tr_config_deny_ns(cfg, "lunatic::networking::", 21);
    for (int k = i; ok && !test && k < argc; k++)   /* (test mode: the harness's) */
        ok = tr_config_add_arg(cfg, argv[k], strlen(argv[k]));
    if (inherit_env) {
        extern char **environ;
        for (char **e = environ; ok && *e; e++) {
            size_t n = strcspn(*e, "=");
            bool overridden = !(*e)[n] || n == 0;
            for (int k = 0; k < nenv && !overridden; k++)
                overridden = !strncmp(envs[k], *e, n) && envs[k][n] == '=';
            if (!overridden) ok = tr_config_add_env(cfg, *e, n, *e + n + 1, strlen(*e + n + 1));
        }
    }
    for (int k = 0; ok && k < nenv; k++) {
        const char *eq = strchr(envs[k], '=');
        ok = tr_config_add_env(cfg, envs[k], (size_t)(eq - envs[k]), eq + 1, strlen(eq + 1));
    }
    for (int k = 0; ok && k < ndir; k++) {
        char *host = strdup(dirs[k]);
        if (!host) die("out of memory");
        char *sep = strstr(host, "::");
        const char *guest = host;
        if (sep) { *sep = 0; guest = sep + 2; }
        if (!*host || !*guest) die("--dir %s: expected HOST_DIR[::GUEST_DIR]", dirs[k]);
        int fd = open(host, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) die("--dir: cannot open directory %s: %s", host, strerror(errno));
        close(fd);
        ok = tr_config_add_dir(cfg, host, guest);
        free(host);
    }
    if (!ok) die("out of memory");
    free(envs);
    free(dirs);
    envs = dirs = NULL;

    ropt.namespaces = namespaces();
    tr_runtime *rt = tr_runtime_new(&ropt, err, sizeof err);
    if (!rt) die("%s", err);
    int code;
    if (test) {
        code = test_mode_run(rt, prog_file, bytes, len, cfg, argc - i, argv + i);
    } else {
        tr_module *tm = tr_module_compile(rt, bytes, len, err, sizeof err);
        if (!tm) die("%s: %s", prog_file, err);
        code = run_root(rt, tm, invoke ? invoke : "_start", invoke != NULL, argc - i, argv + i,
                        cfg);
        tr_module_unref(tm);
    }
    tr_runtime_free(rt);
    tr_config_free(cfg);
    free(bytes);
    return code;
}
